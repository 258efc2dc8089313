/* dashboards.h - the dashboards promboard opens: the bundled ones, the
 * user's from the config directory (one of the same name replaces a bundled
 * one), and one named by path on the command line. */
#ifndef PROMBOARD_DASHBOARDS_H
#define PROMBOARD_DASHBOARDS_H

#include "../layouts/layout.h"

/* Loads every bundled dashboard (a user dashboard of the same name takes
 * its place), then the other user dashboards in file-name order, plus
 * `extra` (a path) when given and not a dashboard's name. *cur is the index
 * of the one asked for; when `user` is not NULL, (*user)[i] says whether
 * dashboard i is the user's (malloc'd, caller frees). Returns the count,
 * or -1 after printing the error (file:line:col for a bad layout) on
 * stderr. */
int dashboards_load(const char *extra, Dashboard ***out, int *cur, int **user);

#endif
