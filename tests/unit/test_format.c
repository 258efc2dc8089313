/* test_format.c - unit tests of how numbers look: every unit, decimals,
 * NaN and infinities, threshold roles in both directions, and ages. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "panels/format.h"

#define assert_near(a, b, eps) assert_true(fabs((a) - (b)) <= (eps))

/* Formats v and returns the text (in buf). */
static const char *fmt(double v, const char *unit, int decimals, char *buf,
                       size_t n)
{
    return format_value(v, unit, decimals, buf, n);
}

#define F(v, unit, dec) fmt((v), (unit), (dec), buf, sizeof buf)

static void test_percent(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(F(42.1, "percent", -1), "42.1%");
    assert_string_equal(F(99.95, "percent", 2), "99.95%");
    assert_string_equal(F(100, "percent", -1), "100%");
    assert_string_equal(F(5, "percent", -1), "5%");
    assert_string_equal(F(0, "percent", -1), "0%");
    assert_string_equal(F(0.2049, "percentunit", -1), "20.5%");
    assert_string_equal(F(0.05, "percentunit", -1), "5%");
    assert_string_equal(F(1, "percentunit", -1), "100%");
    assert_string_equal(F(0.123, "percentunit", 0), "12%");
    assert_string_equal(F(-0.5, "percentunit", -1), "-50%");
}

static void test_durations(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(F(0.85, "s", -1), "850ms");
    assert_string_equal(F(0.0005, "s", -1), "500us");
    assert_string_equal(F(1.2, "s", -1), "1.2s");
    assert_string_equal(F(1.2, "s", 2), "1.20s");
    assert_string_equal(F(42, "s", -1), "42s");
    assert_string_equal(F(200, "s", -1), "3m 20s");
    assert_string_equal(F(7500, "s", -1), "2h 5m");
    assert_string_equal(F(90000, "s", -1), "1d 1h");
    assert_string_equal(F(3600, "s", -1), "1h");
    assert_string_equal(F(3360, "s", -1), "56m");
    assert_string_equal(F(203215, "s", -1), "2d 8h");
    assert_string_equal(F(59.96, "s", -1), "1m");
    assert_string_equal(F(3599.7, "s", -1), "1h");
    assert_string_equal(F(86399, "s", -1), "1d");
    assert_string_equal(F(0.9996, "s", -1), "1s");
    assert_string_equal(F(40000000, "s", -1), "1y 98d");
    assert_string_equal(F(-0.5, "s", -1), "-500ms");
    assert_string_equal(F(0, "s", -1), "0s");
    assert_string_equal(F(0, "ms", -1), "0s");
    assert_string_equal(F(850, "ms", -1), "850ms");
    assert_string_equal(F(1500, "ms", -1), "1.5s");
    assert_string_equal(F(120000, "ms", -1), "2m");
    /* below a microsecond in nanoseconds, past a million years in years */
    assert_string_equal(F(2.5e-9, "s", -1), "2.5ns");
    assert_string_equal(F(0.00123, "ns", -1), "0.00123ns");
    assert_string_equal(F(750, "ns", -1), "750ns");
    assert_string_equal(F(999.6, "ns", -1), "1us");
    assert_string_equal(F(999.6, "us", -1), "1ms");
    assert_string_equal(F(6e13, "s", -1), "1,902,588y");
    assert_string_equal(F(1e308, "s", -1), "3.17e+300y");
}

static void test_bytes_iec(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(F(512, "bytes", -1), "512 B");
    assert_string_equal(F(1536, "bytes", -1), "1.5 KiB");
    assert_string_equal(F(1.5 * 1024 * 1024 * 1024, "bytes", -1), "1.5 GiB");
    assert_string_equal(F(1024.0 * 1024 * 1024 * 1024 * 3, "bytes", -1),
                        "3 TiB");
    assert_string_equal(F(2048, "bytes/s", -1), "2 KiB/s");
    assert_string_equal(F(10 * 1024 * 1024, "bytes", 1), "10.0 MiB");
}

static void test_dollars(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(F(12.5, "dollars", -1), "$12.50");
    assert_string_equal(F(0, "dollars", -1), "$0.00");
    assert_string_equal(F(1234.56, "dollars", -1), "$1,235");
    assert_string_equal(F(1234.56, "dollars", 2), "$1,234.56");
    assert_string_equal(F(999999, "dollars", -1), "$999,999");
    assert_string_equal(F(1234567, "dollars", -1), "$1.23M");
    assert_string_equal(F(999999.999, "dollars", -1), "$1M");
    assert_string_equal(F(1500000, "dollars", 2), "$1.50M");
    assert_string_equal(F(2.5e9, "dollars", -1), "$2.5G");
    assert_string_equal(F(-1234, "dollars", -1), "-$1,234");
    assert_string_equal(F(-2e6, "dollars", -1), "-$2M");
    assert_string_equal(F(999.996, "dollars", -1), "$1,000");
    assert_string_equal(F(1234567, "dollars", 0), "$1.23M");
}

static void test_rates_and_si(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(F(12.34, "req/s", -1), "12.3 req/s");
    assert_string_equal(F(1500, "req/s", -1), "1.5k req/s");
    assert_string_equal(F(2.5e6, "req/s", -1), "2.5M req/s");
    assert_string_equal(F(999, "ops/s", -1), "999 ops/s");
    assert_string_equal(F(3.2, "perday", -1), "3.2/day");
    assert_string_equal(F(1200, "perday", -1), "1.2k/day");
    assert_string_equal(F(12.5, "hours", -1), "12.5 h");
    /* decimals count in the unit's own terms: never "2k h" */
    assert_string_equal(F(2280, "hours", 0), "2,280 h");
    assert_string_equal(F(1440, "hours", 0), "1,440 h");
    assert_string_equal(F(2280, "hours", -1), "2.28k h");
    assert_string_equal(F(1440.4, "hours", -1), "1.44k h");
    assert_string_equal(F(123456.7, "hours", 1), "123,456.7 h");
    assert_string_equal(F(2.28e6, "hours", 0), "2.28M h");
    assert_string_equal(F(999600, NULL, -1), "1M");
    assert_string_equal(F(999.6, NULL, -1), "1k");
    assert_string_equal(F(14.4, "x", -1), "14.4x");
    assert_string_equal(F(6, "x", 1), "6.0x");
    assert_string_equal(F(1500, NULL, -1), "1.5k");
    assert_string_equal(F(1500, "", -1), "1.5k");
    assert_string_equal(F(0.5, NULL, -1), "0.5");
    assert_string_equal(F(2e12, NULL, -1), "2T");
    assert_string_equal(F(0.123456, "none", -1), "0.123");
    assert_string_equal(F(123456, "none", -1), "123456");
}

static void test_count(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(F(42, "count", -1), "42");
    assert_string_equal(F(42.7, "count", -1), "43");
    assert_string_equal(F(9999, "count", -1), "9,999");
    assert_string_equal(F(9999.6, "count", -1), "10k");
    assert_string_equal(F(12345, "count", -1), "12.3k");
    assert_string_equal(F(42.25, "count", 1), "42.2");
}

static void test_decimals(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(F(42.123, "percent", 0), "42%");
    assert_string_equal(F(42.123, "percent", 2), "42.12%");
    assert_string_equal(F(3.14159, "none", 3), "3.142");
    assert_string_equal(F(7, "none", 2), "7.00");
    /* automatic: three significant digits, trailing zeros dropped */
    assert_string_equal(F(1.5, "none", -1), "1.5");
    assert_string_equal(F(123.4, "none", -1), "123");
    assert_string_equal(F(0.001234, "none", -1), "0.00123");
    assert_string_equal(F(-0.00001, "none", -1), "-0.00001");
    assert_string_equal(F(-0.0000001, "none", -1), "0");
}

static void test_nan_and_infinities(void **state)
{
    (void)state;
    char buf[64];
    const char *units[] = {NULL, "percent", "s", "bytes", "dollars", "count"};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        assert_string_equal(F(NAN, units[i], -1), "NaN");
        assert_string_equal(F(INFINITY, units[i], 2), "+Inf");
        assert_string_equal(F(-INFINITY, units[i], -1), "-Inf");
    }
}

static void test_small_buffer(void **state)
{
    (void)state;
    char buf[4];
    format_value(1234.5, "dollars", -1, buf, sizeof buf);
    assert_string_equal(buf, "$1,");
    assert_null(format_value(1, NULL, -1, NULL, 4));
}

static void test_units_known(void **state)
{
    (void)state;
    assert_int_equal(format_unit_known(NULL), 1);
    assert_int_equal(format_unit_known("percentunit"), 1);
    assert_int_equal(format_unit_known("bytes/s"), 1);
    assert_int_equal(format_unit_known("furlongs"), 0);
    assert_string_equal(format_unit_suffix("percent"), "%");
    assert_string_equal(format_unit_suffix("ms"), "s");
    assert_string_equal(format_unit_suffix("bytes"), "B");
    assert_string_equal(format_unit_suffix("dollars"), "$");
    assert_string_equal(format_unit_suffix("x"), "");
    assert_string_equal(format_unit_suffix(NULL), "");
    assert_int_equal(format_unit_known("suffix:tok/s"), 1);
    assert_int_equal(format_unit_known("prefix:EUR "), 1);
    assert_int_equal(format_unit_known("suffix:"), 0);
    assert_int_equal(format_unit_known("suffix:a\tb"), 0);
    char list[512];
    format_unit_list(list, sizeof list);
    assert_non_null(strstr(list, "percent, percentunit, s, ms, bytes"));
    assert_non_null(strstr(list, "count"));
}

static void test_custom_units(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(F(1234, "suffix:tok/s", -1), "1.23k tok/s");
    assert_string_equal(F(3.5, "suffix:cores", -1), "3.5 cores");
    assert_string_equal(F(-3.5, "suffix:cores", -1), "-3.5 cores");
    assert_string_equal(F(42, "suffix:%", -1), "42%");
    assert_string_equal(F(1500, "prefix:EUR ", -1), "EUR 1.5k");
    assert_string_equal(F(12,
                          "suffix:\xc2\xb0"
                          "C",
                          1),
                        "12.0 \xc2\xb0"
                        "C");
    /* an unknown unit is written as a plain number (the loader refuses it) */
    assert_string_equal(F(1500, "bananas", -1), "1.5k");
}

/* Parses what format_value wrote back into the value it stands for (in the
 * unit's own terms) and the size of its last shown digit. Returns 0, or -1
 * when the text is not understood. */
static int parse_back(const char *s, const char *unit, double *val, double *ulp)
{
    Unit u;
    format_unit_parse(unit, &u);
    int neg = 0;
    if (*s == '-') {
        neg = 1;
        s++;
    }
    if (u.prefix[0]) {
        if (strncmp(s, u.prefix, strlen(u.prefix)))
            return -1;
        s += strlen(u.prefix);
    }
    double total = 0, last = 0;
    for (int part = 0; *s && part < 3; part++) {
        char digits[64];
        int k = 0, dec = -1;
        while ((*s >= '0' && *s <= '9') || *s == '.' || *s == ',') {
            if (*s == '.')
                dec = 0;
            else if (*s != ',') {
                if (dec >= 0)
                    dec++;
                digits[k++] = *s;
            }
            if (*s != ',' && *s == '.')
                digits[k++] = '.';
            s++;
        }
        digits[k] = 0;
        if (!k)
            return -1;
        double x = strtod(digits, NULL), q = pow(10, dec < 0 ? 0 : -dec);
        double mult = 1;
        if (u.kind == FMT_DURATION) {
            static const struct {
                const char *n;
                double s;
            } tu[] = {{"ns", 1e-9}, {"us", 1e-6},   {"ms", 1e-3},
                      {"s", 1},     {"m", 60},      {"h", 3600},
                      {"d", 86400}, {"y", 31536000}};
            int found = 0;
            for (size_t i = 0; i < sizeof tu / sizeof tu[0] && !found; i++)
                if (!strncmp(s, tu[i].n, strlen(tu[i].n)) &&
                    !(tu[i].n[0] == 'm' && s[1] == 's' && tu[i].n[1] != 's')) {
                    mult = tu[i].s;
                    s += strlen(tu[i].n);
                    found = 1;
                }
            if (!found)
                return -1;
            if (*s == ' ')
                s++;
        } else if (u.kind == FMT_IEC) {
            static const char *const iec[] = {" B",   " KiB", " MiB", " GiB",
                                              " TiB", " PiB", " EiB"};
            int found = 0;
            for (int i = 6; i >= 0 && !found; i--)
                if (!strncmp(s, iec[i], strlen(iec[i]))) {
                    mult = pow(1024, i);
                    s += strlen(iec[i]);
                    found = 1;
                }
            if (!found)
                return -1;
        } else {
            const char *p = strchr("kMGTPE", *s);
            if (*s && p) {
                mult = pow(1000, (double)(p - "kMGTPE") + 1);
                s++;
            }
        }
        total += x * mult;
        last = q * mult;
        if (u.kind == FMT_DURATION && part == 0 && !*s && mult >= 60)
            last = mult >= 31536000 ? (x >= 1e6 ? mult : 86400)
                   : mult >= 86400  ? 3600
                   : mult >= 3600   ? 60
                                    : 1; /* "56m" is 56m 0s */
        if (u.kind != FMT_DURATION)
            break;
    }
    if (u.kind == FMT_IEC)
        s += strlen(u.suffix);
    else if (u.kind != FMT_DURATION && strcmp(s, u.suffix))
        return -1;
    *val = (neg ? -total : total) / u.scale;
    *ulp = last / u.scale;
    return 0;
}

/* The coarsest last digit allowed for v in `unit` with `decimals`: three
 * significant digits (two units for durations), or the decimals asked in
 * the unit's own terms when that is finer (a whole number for counts). */
static double precision_wanted(const char *unit, double v, int decimals)
{
    Unit u;
    format_unit_parse(unit, &u);
    double a = fabs(v), sig = a / 100 * (1 + 1e-9);
    if (u.kind == FMT_DURATION) { /* decimals count in the unit shown */
        double s = a * u.scale, du = s < 1e-6   ? 1e-9
                                     : s < 1e-3 ? 1e-6
                                     : s < 1    ? 1e-3
                                                : 1;
        if (s >= 60)
            return a / 20;
        return decimals < 0 ? sig
                            : fmax(sig, pow(10, -decimals) * du / u.scale);
    }
    if (u.kind == FMT_COUNT && decimals < 0)
        return fmax(1, sig);
    if (a * u.scale < 1e-4 && decimals < 0)
        return 1e-6 / u.scale; /* at most 6 decimals */
    if (decimals < 0 || u.kind == FMT_IEC)
        return sig;
    return fmax(pow(10, -decimals) / u.scale * (1 + 1e-9), sig);
}

/* The half-a-digit rule: for every unit, over 1e-3 .. 1e12 and negative
 * values, with automatic and given decimals, the number shown is within
 * half a unit of its last shown digit of the true value. */
static void test_half_digit_rule(void **state)
{
    (void)state;
    /* every known unit, then no unit and the two custom forms */
    const char *units[64];
    size_t nunits = 0;
    for (const UnitDef *d = format_units; d->name; d++) {
        assert_true(nunits < sizeof units / sizeof units[0] - 3);
        units[nunits++] = d->name;
    }
    units[nunits++] = NULL;
    units[nunits++] = "suffix:tok/s";
    units[nunits++] = "prefix:EUR ";
    const double mant[] = {1,      1.234,   1.5,  2.28,   2.5,    4.999, 9.996,
                           9.9996, 3.14159, 1.44, 5.4321, 7.0707, 9.49,  6.5};
    const int decs[] = {-1, 0, 1, 2, 3};
    char buf[128];
    int checked = 0;
    for (size_t ui = 0; ui < nunits; ui++)
        for (int e = -3; e <= 12; e++)
            for (size_t mi = 0; mi < sizeof mant / sizeof mant[0]; mi++)
                for (int sg = -1; sg <= 1; sg += 2)
                    for (size_t di = 0; di < sizeof decs / sizeof decs[0];
                         di++) {
                        double v = sg * mant[mi] * pow(10, e);
                        format_value(v, units[ui], decs[di], buf, sizeof buf);
                        double got, ulp;
                        if (parse_back(buf, units[ui], &got, &ulp) < 0)
                            fail_msg("%s: '%s' for %.17g (decimals %d) "
                                     "does not read back",
                                     units[ui] ? units[ui] : "(plain)", buf, v,
                                     decs[di]);
                        if (fabs(got - v) > ulp / 2 * (1 + 1e-9) + 1e-12)
                            fail_msg("%s: '%s' for %.17g (decimals %d) is "
                                     "off by %g, more than half of %g",
                                     units[ui] ? units[ui] : "(plain)", buf, v,
                                     decs[di], fabs(got - v), ulp);
                        double want = precision_wanted(units[ui], v, decs[di]);
                        if (fabs(got - v) > want / 2 * (1 + 1e-9))
                            fail_msg("%s: '%s' for %.17g (decimals %d) "
                                     "shows too few digits (off by %g, "
                                     "more than half of %g)",
                                     units[ui] ? units[ui] : "(plain)", buf, v,
                                     decs[di], fabs(got - v), want);
                        checked++;
                    }
    assert_true(checked > 10000);
}

static void test_ticks(void **state)
{
    (void)state;
    FormatTicks t;
    /* bytes: one unit per axis, 1-2-5 steps */
    format_ticks(0, 2.79 * 1073741824.0, 4, "bytes", 1, 1, &t);
    assert_string_equal(t.unit, "GiB");
    assert_int_equal(t.n, 4);
    assert_string_equal(t.text[0], "0 GiB");
    assert_string_equal(t.text[1], "1 GiB");
    assert_string_equal(t.text[3], "3 GiB");
    format_ticks(0, 1.9 * 1073741824.0, 4, "bytes", 1, 1, &t);
    assert_string_equal(t.text[1], "0.5 GiB");
    assert_string_equal(t.text[2], "1.0 GiB");
    assert_string_equal(t.bare[4], "2.0");
    /* plain numbers with their SI letter */
    format_ticks(0, 780000, 4, NULL, 1, 1, &t);
    assert_string_equal(t.text[1], "200k");
    assert_near(t.hi, 800000, 1e-6);
    /* a custom unit is named once */
    format_ticks(0, 2.3, 4, "suffix:cores", 1, 1, &t);
    assert_string_equal(t.unit, "cores");
    assert_string_equal(t.bare[1], "1");
    assert_string_equal(t.text[1], "1 cores");
    assert_int_equal(t.n, 4);
    /* percent of a 0-1 value */
    format_ticks(0.9, 1, 4, "percentunit", 1, 1, &t);
    assert_string_equal(t.text[0], "90%");
    assert_string_equal(t.text[t.n - 1], "100%");
    /* durations in one unit */
    format_ticks(0, 0.8, 4, "s", 1, 1, &t);
    assert_string_equal(t.text[1], "200ms");
    format_ticks(0, 30, 3, "s", 1, 1, &t);
    assert_string_equal(t.text[1], "10s");
    format_ticks(0, 5400, 3, "s", 1, 1, &t);
    assert_string_equal(t.unit, "m");
    assert_string_equal(t.text[1], "50m");
    /* negatives, evenly spaced, not rounded out */
    format_ticks(-3, 7, 5, NULL, 0, 0, &t);
    assert_string_equal(t.text[0], "-2");
    assert_string_equal(t.text[t.n - 1], "6");
    for (int k = 1; k < t.n; k++)
        assert_near(t.v[k] - t.v[k - 1], t.step, 1e-9);
    assert_near(t.lo, -3, 0);
    /* dollars: full below 10k, SI above */
    format_ticks(0, 1500, 3, "dollars", 1, 1, &t);
    assert_string_equal(t.text[1], "$500");
    assert_string_equal(t.text[3], "$1,500");
    format_ticks(0, 25000, 3, "dollars", 1, 1, &t);
    assert_string_equal(t.text[1], "$10k");
    /* a flat line still gets a range */
    format_ticks(5, 5, 4, NULL, 1, 1, &t);
    assert_true(t.hi > t.lo);
    assert_true(t.n >= 2);
}

static void test_threshold_one_step(void **state)
{
    (void)state;
    const double steps[] = {0.05};
    assert_int_equal(format_threshold_role(0.01, steps, 1, 0), ROLE_OK);
    assert_int_equal(format_threshold_role(0.05, steps, 1, 0), ROLE_CRIT);
    assert_int_equal(format_threshold_role(0.2, steps, 1, 0), ROLE_CRIT);
    /* high is good: the order inverts */
    assert_int_equal(format_threshold_role(0.01, steps, 1, 1), ROLE_CRIT);
    assert_int_equal(format_threshold_role(0.2, steps, 1, 1), ROLE_OK);
}

static void test_threshold_two_steps(void **state)
{
    (void)state;
    const double steps[] = {25, 50};
    assert_int_equal(format_threshold_role(10, steps, 2, 0), ROLE_OK);
    assert_int_equal(format_threshold_role(25, steps, 2, 0), ROLE_WARN);
    assert_int_equal(format_threshold_role(49.9, steps, 2, 0), ROLE_WARN);
    assert_int_equal(format_threshold_role(50, steps, 2, 0), ROLE_CRIT);
    assert_int_equal(format_threshold_role(-INFINITY, steps, 2, 0), ROLE_OK);
    assert_int_equal(format_threshold_role(INFINITY, steps, 2, 0), ROLE_CRIT);
    /* error budget left: high is good */
    assert_int_equal(format_threshold_role(12.3, steps, 2, 1), ROLE_CRIT);
    assert_int_equal(format_threshold_role(41, steps, 2, 1), ROLE_WARN);
    assert_int_equal(format_threshold_role(82.5, steps, 2, 1), ROLE_OK);
    assert_int_equal(format_threshold_role(NAN, steps, 2, 0), ROLE_DIM);
    assert_int_equal(format_threshold_role(NAN, steps, 2, 1), ROLE_DIM);
    assert_int_equal(format_threshold_role(10, NULL, 0, 0), ROLE_VALUE);
    assert_int_equal(format_threshold_role(10, steps, 0, 0), ROLE_VALUE);
}

static void test_ages(void **state)
{
    (void)state;
    char buf[16];
    assert_string_equal(format_age(12, buf, sizeof buf), "12s");
    assert_string_equal(format_age(59.9, buf, sizeof buf), "59s");
    assert_string_equal(format_age(119, buf, sizeof buf), "1m 59s");
    assert_string_equal(format_age(120, buf, sizeof buf), "2m");
    assert_string_equal(format_age(300, buf, sizeof buf), "5m");
    assert_string_equal(format_age(7199, buf, sizeof buf), "1h 59m");
    assert_string_equal(format_age(7200, buf, sizeof buf), "2h");
    assert_string_equal(format_age(172799, buf, sizeof buf), "1d 23h");
    assert_string_equal(format_age(172800, buf, sizeof buf), "2d");
    assert_string_equal(format_age(-5, buf, sizeof buf), "0s");
    assert_string_equal(format_age(0.4, buf, sizeof buf), "0s");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_percent),
        cmocka_unit_test(test_durations),
        cmocka_unit_test(test_bytes_iec),
        cmocka_unit_test(test_dollars),
        cmocka_unit_test(test_rates_and_si),
        cmocka_unit_test(test_count),
        cmocka_unit_test(test_decimals),
        cmocka_unit_test(test_nan_and_infinities),
        cmocka_unit_test(test_small_buffer),
        cmocka_unit_test(test_units_known),
        cmocka_unit_test(test_custom_units),
        cmocka_unit_test(test_half_digit_rule),
        cmocka_unit_test(test_ticks),
        cmocka_unit_test(test_threshold_one_step),
        cmocka_unit_test(test_threshold_two_steps),
        cmocka_unit_test(test_ages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
