/* test_format.c - unit tests of how numbers look: every unit, decimals,
 * NaN and infinities, threshold roles in both directions, and ages. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "panels/format.h"

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
    assert_string_equal(F(200, "s", -1), "3m20s");
    assert_string_equal(F(7500, "s", -1), "2h05m");
    assert_string_equal(F(90000, "s", -1), "1d1h");
    assert_string_equal(F(-0.5, "s", -1), "-500ms");
    assert_string_equal(F(0, "s", -1), "0s");
    assert_string_equal(F(0, "ms", -1), "0s");
    assert_string_equal(F(850, "ms", -1), "850ms");
    assert_string_equal(F(1500, "ms", -1), "1.5s");
    assert_string_equal(F(120000, "ms", -1), "2m00s");
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
    assert_string_equal(F(1234567, "dollars", -1), "$1.2M");
    assert_string_equal(F(1500000, "dollars", 2), "$1.50M");
    assert_string_equal(F(2.5e9, "dollars", -1), "$2.5G");
    assert_string_equal(F(-1234, "dollars", -1), "-$1,234");
    assert_string_equal(F(-2e6, "dollars", -1), "-$2.0M");
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
    assert_string_equal(F(9999, "count", -1), "9999");
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
    assert_string_equal(F(0.001234, "none", -1), "0.0012");
    assert_string_equal(F(-0.00001, "none", -1), "0");
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
    assert_string_equal(format_age(119, buf, sizeof buf), "119s");
    assert_string_equal(format_age(120, buf, sizeof buf), "2m");
    assert_string_equal(format_age(300, buf, sizeof buf), "5m");
    assert_string_equal(format_age(7199, buf, sizeof buf), "119m");
    assert_string_equal(format_age(7200, buf, sizeof buf), "2h");
    assert_string_equal(format_age(172799, buf, sizeof buf), "47h");
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
        cmocka_unit_test(test_threshold_one_step),
        cmocka_unit_test(test_threshold_two_steps),
        cmocka_unit_test(test_ages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
