/* adhoc.h - the ad-hoc query tab: any PromQL as an in-memory dashboard (a
 * line chart over the range and a table of its series with their last
 * values), drawn by the normal panel code, for --query and the ':' prompt. */
#ifndef PROMBOARD_ADHOC_H
#define PROMBOARD_ADHOC_H

#include <stddef.h>

#include "../layouts/layout.h"
#include "app.h"

#define ADHOC_NAME "query"  /* the dashboard's short name (tab, JSON) */
#define ADHOC_TITLE "Query" /* its title */

/* Shows `expr` in the ad-hoc tab of a: adds the tab (last) or replaces the
 * one there, and makes it current. Returns its index, or -1 with err set.
 * The caller lays out and schedules. */
int adhoc_show(App *a, const char *expr, char *err, size_t errn);

/* After --once: when the server refused the ad-hoc query as bad input
 * (HTTP 400, bad_data: a syntax error), copies its words (without the
 * "bad_data: " prefix) to msg and returns 1; else 0. */
int adhoc_usage_error(const App *a, char *msg, size_t n);

#endif
