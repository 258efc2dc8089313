/* format.h - numbers for people: units, SI prefixes, durations, and the
 * colour role a value earns against thresholds. */
#ifndef PROMBOARD_FORMAT_H
#define PROMBOARD_FORMAT_H

#include <stddef.h>

#include "../themes/theme.h"

/* Known units (YAML "unit:"): "" or NULL (plain, SI-shortened), "none" (as
 * is), "percent" (0-100 -> "42.1%"), "percentunit" (0-1 -> "42.1%"),
 * "s", "ms" (durations: "850ms", "1.20s", "3m20s"), "bytes" (IEC: "1.5 GiB"),
 * "bytes/s", "req/s", "ops/s", "dollars" ("$1,234.56", "$1.2M"), "hours"
 * ("12.5 h"), "perday" ("3.2/day"), "x" (multiplier: "14.4x"), "count"
 * (integer, SI above 10k). Returns 1 when `unit` is known. */
int format_unit_known(const char *unit);

/* Writes v in `unit` with `decimals` (-1: automatic, 3 significant digits)
 * into buf. NaN -> "NaN", infinities -> "+Inf"/"-Inf". Returns buf. */
char *format_value(double v, const char *unit, int decimals, char *buf,
                   size_t n);

/* Role for v against ascending `steps` (n of them): below steps[0] OK, each
 * step crossed moves toward CRIT (n==1: OK/CRIT; n==2: OK/WARN/CRIT). With
 * good_high the order is reversed (high values are OK). NaN -> DIM. */
Role format_threshold_role(double v, const double *steps, int n, int good_high);

/* Writes an age ("12s", "5m", "3h", "2d") into buf. Returns buf. */
char *format_age(double seconds, char *buf, size_t n);

/* Unit of a "x/y" label for axes: the short suffix ("%", "s", "B", "$"). */
const char *format_unit_suffix(const char *unit);

#endif
