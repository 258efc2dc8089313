/* dashboards.h - the dashboards promboard opens: the bundled ones, the
 * user's from the config directory (one of the same name replaces a bundled
 * one), and one named by path on the command line. */
#ifndef PROMBOARD_DASHBOARDS_H
#define PROMBOARD_DASHBOARDS_H

#include "../layouts/layout.h"
#include "config.h"

/* Loads every bundled dashboard (a user dashboard of the same name takes
 * its place), then the other user dashboards in file-name order, plus
 * `extra` (a path) when given and not a dashboard's name. *cur is the index
 * of the one asked for; when `user` is not NULL, (*user)[i] says whether
 * dashboard i is the user's (malloc'd, caller frees). Returns the count,
 * or -1 after printing the error (file:line:col for a bad layout) on
 * stderr. */
int dashboards_load(const char *extra, Dashboard ***out, int *cur, int **user);

/* Keeps of d[0..n) the dashboards config.yaml's `dashboards:` names, in its
 * order (all of them when it names none), then the one asked for on the
 * command line (`asked`, d[*cur]) when the list leaves it out; frees the
 * others and moves *cur with the one asked for (0 without). `user`, when
 * not NULL, moves along. Returns the new count, or -1 after printing
 * "file:line:col: unknown dashboard 'x' in 'dashboards' (known: ...)". */
int dashboards_choose(const Config *c, const char *asked, Dashboard **d, int n,
                      int *cur, int *user);

/* Checks that every `datasource:` of d[0..n) names one of c's datasources
 * (or "default"). Returns 0, or -1 with "file:line:col: unknown datasource
 * 'x' (...)" in err. */
int dashboards_check_sources(const Config *c, Dashboard *const *d, int n,
                             char *err, size_t errn);

#endif
