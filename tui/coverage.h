/* coverage.h - which of its metrics each dashboard finds on the main server
 * (the server's metric names, families.h): the tab of a dashboard that finds
 * none of them is dimmed and the status line says why; at start promboard
 * opens the first dashboard whose panels find theirs. */
#ifndef PROMBOARD_COVERAGE_H
#define PROMBOARD_COVERAGE_H

#include <stddef.h>

#include "../datasource/families.h"

struct App;

/* What a dashboard found. Names every target has (up, scrape_*) count only
 * in a dashboard that selects nothing else: they exist on every server and
 * say nothing about whether its own metrics are there. */
typedef struct Coverage {
    int known;    /* 1: counted against the server's list of names */
    int names;    /* metric names its queries to the main server select */
    int found;    /* of them, those the server has */
    int panels;   /* panels whose queries select any of them */
    int complete; /* of those, the panels that find every one of theirs */
    char missing[FAMILIES_MAX_LEN]; /* one name not found, "" when none */
} Coverage;

/* Whether the server has metric `name`: 1 yes, 0 no, -1 not known. */
typedef int (*CoverageHas)(const void *ud, const char *name);

/* Counts dashboard di of a against the server's metric names, as has(ud,
 * name) tells them (families_has once they are known). Queries to other
 * datasources are not counted: their servers were not asked. */
void coverage_count(const struct App *a, int di, CoverageHas has,
                    const void *ud, Coverage *out);

/* 1 when c is known and finds none of its (at least one) metric names. */
int coverage_none(const Coverage *c);

/* Among the dashboards of a (their tab order), the one to open: the first
 * whose counted panels all find their metrics, else the one where the most
 * panels do (the first of equals), else `fallback` (no count known, or no
 * dashboard finds any). */
int coverage_pick(const struct App *a, int fallback);

/* Why c's tab is dimmed, in a few words: "none of its 23 metrics on the
 * server (nexus_x_total, ...)"; "" when it is not. */
void coverage_words(const Coverage *c, char *buf, size_t n);

#endif
