/* duration.h - Prometheus durations ("15s", "1h30m", "500ms") both ways.
 * Pure functions with no dependency on the rest of promboard, so every
 * reader of configuration (layouts, config.yaml, the command line) and the
 * query code share one parser. */
#ifndef PROMBOARD_DURATION_H
#define PROMBOARD_DURATION_H

#include <stddef.h>

#define MS_PER_S 1000LL
#define MS_PER_M (60 * MS_PER_S)
#define MS_PER_H (60 * MS_PER_M)
#define MS_PER_D (24 * MS_PER_H)
#define MS_PER_W (7 * MS_PER_D)
#define MS_PER_Y (365 * MS_PER_D)

/* The largest duration Prometheus accepts: int64 nanoseconds (~292 y). */
#define DURATION_MAX_S 9223372036.0

/* The times promboard takes from outside (a server's samples and alert
 * times, --at): years 0001 to 9999, what RFC 3339 can write. Readers refuse
 * anything else where it enters, so that every later cast to time_t or to
 * milliseconds in a long long stays defined. */
#define TIME_MIN_S (-62135596800.0) /* 0001-01-01T00:00:00Z */
#define TIME_MAX_S 253402300799.0   /* 9999-12-31T23:59:59Z */

/* 1 when t is a time within TIME_MIN_S..TIME_MAX_S (not NaN). */
int time_in_range(double t);

/* Parses a Prometheus duration ("15s", "1h30m", "7d", "500ms", "2w", "1y")
 * or a plain number of seconds ("90", "1.5"). Returns 0 and sets *secs, or -1
 * when malformed, empty, negative or overflowing. */
int duration_parse(const char *s, double *secs);

/* Parses plain seconds, digits[.digits] spanning all of s (no sign, no
 * exponent, no unit), into *out. Returns 0, or -1 when s is not of that
 * form or not finite. */
int duration_parse_plain(const char *s, double *out);

/* Writes `secs` (rounded to the millisecond) as the shortest exact
 * Prometheus duration ("5m", "90m", "90s", "1h1s", "1500ms"; ties go to the
 * larger units) into buf. Zero, negative or non-finite values give "0s".
 * Returns buf. */
char *duration_format(double secs, char *buf, size_t n);

#endif
