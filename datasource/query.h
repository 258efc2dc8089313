/* query.h - time arithmetic of queries: durations, step and range choice,
 * and expansion of $variables, $__range, $__interval, $__rate_interval. */
#ifndef PROMBOARD_QUERY_H
#define PROMBOARD_QUERY_H

#include <stddef.h>

#include "../util/duration.h"

#define QUERY_MAX_POINTS 11000 /* the server's limit per series */

typedef struct {
    double start, end, step; /* aligned: start and end are multiples of step */
} RangeWindow;

/* Grafana's interval: range/max_points rounded to a nice value (1s, 2s, 5s,
 * 10s, 15s, 20s, 30s, 1m, 2m, 5m, 10m, 15m, 30m, 1h, 2h, 3h, 6h, 12h, 1d,
 * 1w...), never below min_step nor below range/QUERY_MAX_POINTS. */
double query_interval(double range, int max_points, double min_step);

/* Chooses the window of a range query ending at `now` and covering `range`
 * seconds drawn over `max_points` points: step = query_interval(), end =
 * floor(now/step)*step, start = end - range floored to the step. */
void query_window(double now, double range, int max_points, double min_step,
                  RangeWindow *out);

/* Parses a point in time: RFC 3339 ("2026-03-01T03:10:00Z",
 * "2026-03-01T04:10:00.25+01:00"; years 0001-9999) or unix seconds
 * ("1772334600", "1772334600.5"). Returns 0 and sets *secs (UTC unix
 * seconds, fraction kept), or -1 when malformed or outside TIME_MIN_S..
 * TIME_MAX_S. */
int time_parse(const char *s, double *secs);

/* Parses a point in time as a person types it at --at or :at: what
 * time_parse() reads, "now-DURATION" (before `now`), and wall-clock times
 * in the local zone (TZ): "14:05" or "14:05:30" (the latest such time at
 * or before `now`, so today's or yesterday's) and "2026-03-01 14:05[:30]"
 * ('T' may stand for the space). Returns 0 and sets *secs, or -1 when
 * malformed or outside TIME_MIN_S..TIME_MAX_S. */
int time_parse_user(const char *s, double now, double *secs);

/* Grafana's $__rate_interval: max(interval + scrape, 4 * scrape). */
double query_rate_interval(double interval, double scrape);

typedef struct {
    double range;    /* $__range, seconds */
    double interval; /* $__interval, seconds */
    double scrape;   /* scrape interval for $__rate_interval, default 15 s */
    const char *const *names;  /* user variables, without '$' */
    const char *const *values; /* their values, substituted verbatim */
    int nvars;
    const char *range_text; /* $__range_text: the window in words ("Mar 1 -
                               now", "last 6h"); NULL: $__range's text */
} QueryVars;

/* Returns a malloc'd copy of `expr` with $name and ${name} replaced (longest
 * name wins; $__range, $__interval, $__rate_interval as durations;
 * $__range_text as v->range_text; also
 * $__range_s, $__interval_s as seconds and $__range_ms, $__interval_ms as
 * milliseconds). A name is a whole word [A-Za-z_][A-Za-z0-9_]*: "$1" (as in
 * label_replace) and a lone "$" are plain text. Values are inserted verbatim
 * and not expanded again. An unknown $name is left as is and, if `unknown`
 * is not NULL, the first one is copied there (NUL-terminated, without '$';
 * "" when there is none). Returns NULL on OOM. */
char *query_expand(const char *expr, const QueryVars *v, char *unknown,
                   size_t unknown_n);

/* Returns a malloc'd copy of PromQL `expr` with `matchers` (label
 * matchers as PromQL writes them: a="x",b=~"y") added to every vector
 * selector: inside its braces, or in new ones after a bare metric name.
 * Strings, durations, label lists (by, on, ...) and function names are
 * left alone. NULL on OOM. */
char *query_add_matchers(const char *expr, const char *matchers);

#endif
