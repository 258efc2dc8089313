/* format.h - numbers for people: units, SI and IEC prefixes, humane
 * durations, axis ticks, and the colour role a value earns against
 * thresholds. A shown number never differs from the true value by more
 * than half a unit of its last shown digit. */
#ifndef PROMBOARD_FORMAT_H
#define PROMBOARD_FORMAT_H

#include <stddef.h>

#include "../themes/theme.h"

/* How a unit writes its numbers. */
typedef enum {
    FMT_SI,       /* SI-shortened (1.5k, 2.28M), then the suffix */
    FMT_PLAIN,    /* as is: no prefix, no grouping */
    FMT_PERCENT,  /* the value times `scale`, then "%" */
    FMT_DURATION, /* seconds (times `scale`) as "850ms", "3m 20s", "2d 8h" */
    FMT_IEC,      /* bytes: 1024 steps, "1.5 GiB" */
    FMT_CURRENCY, /* "$1,234.56" below a million, then "$1.23M" */
    FMT_COUNT,    /* whole numbers below 10,000, then SI */
    FMT_MULT,     /* a factor: "14.4x", never shortened */
} FormatKind;

/* One known unit (YAML "unit:"). */
typedef struct {
    const char *name;   /* as written in a layout */
    FormatKind kind;    /* how its numbers are written */
    double scale;       /* the value is multiplied by it first */
    const char *prefix; /* before the number ("$") */
    const char *suffix; /* after it (" req/s", "/day", " h") */
    const char *help;   /* a few words for the man page */
} UnitDef;

/* The known units, ended by {NULL}. Besides them, a layout may give its
 * own: "suffix:TEXT" (SI-shortened numbers followed by TEXT, with a blank
 * before a TEXT that starts with a letter or digit: "suffix:tok/s" writes
 * "1.2k tok/s") and "prefix:TEXT" ("prefix:EUR " writes "EUR 1.2k"). */
extern const UnitDef format_units[];

/* A unit resolved for writing (known or custom). */
typedef struct {
    FormatKind kind;
    double scale;
    char prefix[24];
    char suffix[40];
} Unit;

/* Resolves `unit` ("" or NULL: plain SI) into *u. Returns 0, or -1 when it
 * is neither a known unit nor a well-formed custom one (*u is then the
 * plain SI unit). */
int format_unit_parse(const char *unit, Unit *u);

/* Returns 1 when format_unit_parse accepts `unit`. */
int format_unit_known(const char *unit);

/* Writes the known units' names, comma separated, into buf. Returns buf. */
char *format_unit_list(char *buf, size_t n);

/* Writes v in `unit` into buf. `decimals` -1: automatic (three significant
 * digits); else the digits after the point of the value as the unit counts
 * it (hours, dollars): "decimals: 0" writes 2280 hours as "2,280 h", never
 * "2k h". A shortened number keeps at least three significant digits.
 * NaN -> "NaN", infinities -> "+Inf"/"-Inf". Returns buf. */
char *format_value(double v, const char *unit, int decimals, char *buf,
                   size_t n);

/* Writes a length of time in the one humane form: at most two units, the
 * second rounded ("2d 8h", "1h 5m", "56m", "45s", "1.5s", "850ms"). Values
 * under a minute keep `decimals` digits (-1: automatic). Returns buf. */
char *format_duration(double seconds, int decimals, char *buf, size_t n);

/* Role for v against ascending `steps` (n of them): below steps[0] OK, each
 * step crossed moves toward CRIT (n==1: OK/CRIT; n==2: OK/WARN/CRIT). With
 * good_high the order is reversed (high values are OK). NaN -> DIM. */
Role format_threshold_role(double v, const double *steps, int n, int good_high);

/* Writes an age (whole seconds, truncated) in the humane form: "12s",
 * "5m", "1h 59m", "2d 3h". Returns buf. */
char *format_age(double seconds, char *buf, size_t n);

/* Writes t (unix seconds) as local time in strftime's `fmt` (the zone is
 * the TZ environment's: --utc and config.yaml's timezone set it). "" when
 * t cannot be shown. Returns buf. */
char *format_time(double t, const char *fmt, char *buf, size_t n);

/* Unit of a "x/y" label for axes: the short suffix ("%", "s", "B", "$"). */
const char *format_unit_suffix(const char *unit);

/* ---- axis ticks ---------------------------------------------------------- */

#define FORMAT_MAX_TICKS 24

/* Ticks of a value axis: round values (1, 2 or 5 times a power of ten of
 * the axis's one display unit), evenly spaced, all written in that unit. */
typedef struct {
    double lo, hi; /* the axis's range: rounded out to the step when asked */
    double step;   /* between ticks, in the value's own unit */
    int n;         /* ticks: lo, lo + step, ... up to hi */
    double v[FORMAT_MAX_TICKS];
    char text[FORMAT_MAX_TICKS][80]; /* number and unit ("1.5 GiB") */
    char bare[FORMAT_MAX_TICKS][48]; /* the number alone ("1.5") */
    char unit[40]; /* the display unit once ("GiB", "cores", "%"), or "" */
} FormatTicks;

/* Fills *t with ticks over [lo, hi] in `unit`, at most `maxn` intervals
 * (maxn + 1 ticks, maxn >= 1, at most FORMAT_MAX_TICKS - 1). With
 * `round_lo` / `round_hi` the range is widened to a multiple of the step on
 * that side, else ticks stay inside it. Returns the tick count. */
int format_ticks(double lo, double hi, int maxn, const char *unit, int round_lo,
                 int round_hi, FormatTicks *t);

#endif
