/* dashboards.h - the dashboards promboard opens: the bundled ones, the
 * user's from the config directory (one of the same name replaces a bundled
 * one), and one named by path on the command line; and finding one by a
 * name a person typed, with a suggestion when it is misspelled. */
#ifndef PROMBOARD_DASHBOARDS_H
#define PROMBOARD_DASHBOARDS_H

#include "../layouts/layout.h"
#include "config.h"

/* Loads every bundled dashboard (a user dashboard of the same name takes
 * its place), then the other user dashboards in file-name order, plus
 * `extra` (a path) when given and not a dashboard's name. *cur is the index
 * of the one asked for; when `user` is not NULL, (*user)[i] says whether
 * dashboard i is the user's (malloc'd, caller frees). A user file that does
 * not load, or whose name an earlier user file took, is left out: its
 * one-line message ("file:line:col: message") goes into *skipped, one a
 * line (malloc'd, NULL when none; `skipped` NULL: they are dropped).
 * Returns the count, or -1 after printing the error on stderr (a bad
 * `extra`, an unknown name with the name it may have meant, out of
 * memory). */
int dashboards_load(const char *extra, Dashboard ***out, int *cur, int **user,
                    char **skipped);

/* The index among d[0..n) of the dashboard `want` names: its exact name;
 * with `loose` also the name without regard to case and a prefix of only
 * one name. -1 when none, with *suggest (when not NULL) the index of the
 * one it most likely meant (a name or title a typo or two away, or one it
 * begins) or -1. */
int dashboards_find(Dashboard *const *d, int n, const char *want, int loose,
                    int *suggest);

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

/* Keeps of d[0..n) the dashboards whose datasources c has; a user file
 * (user[i]) that names another is left out, its message added to *skipped
 * as dashboards_load does, unless it is the one asked for (d[*cur]). *cur
 * and `user` move along. Returns the new count, or -1 with the message in
 * err when a bundled dashboard or the one asked for names one c does not
 * have (every dashboard freed). */
int dashboards_keep_sources(const Config *c, Dashboard **d, int n, int *cur,
                            int *user, char **skipped, char *err, size_t errn);

#endif
