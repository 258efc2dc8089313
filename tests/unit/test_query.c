/* test_query.c - unit tests of datasource/query.c: durations both ways,
 * RFC 3339 times, Grafana's interval rounding, window alignment and the
 * 11,000-point cap, the rate interval, and $variable expansion. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "datasource/query.h"

static void assert_double_eq(double got, double want)
{
    if (got != want) {
        print_error("got %.9g, want %.9g\n", got, want);
        fail();
    }
}

static double parse_ok(const char *s)
{
    double v = -12345;
    if (duration_parse(s, &v) != 0) {
        print_error("duration_parse(\"%s\") failed\n", s);
        fail();
    }
    return v;
}

static void test_duration_parse_good(void **state)
{
    (void)state;
    assert_double_eq(parse_ok("15s"), 15);
    assert_double_eq(parse_ok("1h30m"), 5400);
    assert_double_eq(parse_ok("7d"), 604800);
    assert_double_eq(parse_ok("500ms"), 0.5);
    assert_double_eq(parse_ok("2w"), 1209600);
    assert_double_eq(parse_ok("1y"), 31536000);
    assert_double_eq(parse_ok("1m5ms"), 60.005);
    assert_double_eq(parse_ok("1y2w3d4h5m6s7ms"),
                     31536000 + 1209600 + 259200 + 14400 + 300 + 6 + 0.007);
    assert_double_eq(parse_ok("0s"), 0);
    assert_double_eq(parse_ok("90"), 90);
    assert_double_eq(parse_ok("1.5"), 1.5);
    assert_double_eq(parse_ok("0"), 0);
    assert_double_eq(parse_ok("90m"), 5400);
}

static void test_duration_parse_bad(void **state)
{
    (void)state;
    const char *bad[] = {
        "",           "-5s",  "-1",
        "5x",         "m",    "1.5h",
        "30m1h",      "1h1h", "5 s",
        " 5s",        "5s ",  "1e3",
        "s5",         "1.",   ".5",
        "5ms5s",      "+5s",  "1h-5m",
        "9223372037", "300y", "99999999999999999999999s",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v = 42;
        if (duration_parse(bad[i], &v) != -1) {
            print_error("duration_parse(\"%s\") accepted: %g\n", bad[i], v);
            fail();
        }
        assert_double_eq(v, 42); /* untouched on failure */
    }
    double v;
    assert_int_equal(duration_parse(NULL, &v), -1);
}

static void check_format(double secs, const char *want)
{
    char buf[64];
    const char *got = duration_format(secs, buf, sizeof buf);
    assert_ptr_equal(got, buf);
    assert_string_equal(buf, want);
}

static void test_duration_format(void **state)
{
    (void)state;
    check_format(300, "5m");
    check_format(5400, "90m");
    check_format(90, "90s");
    check_format(3601, "1h1s");
    check_format(1.5, "1500ms");
    check_format(0, "0s");
    check_format(-3, "0s");
    check_format(NAN, "0s");
    check_format(15, "15s");
    check_format(60, "1m");
    check_format(3600, "1h");
    check_format(86400, "1d");
    check_format(604800, "1w");
    check_format(31536000, "1y");
    check_format(75, "75s");
    check_format(0.001, "1ms");
    check_format(0.0004, "0s");
    check_format(93784, "93784s");
    check_format(31536000 + 1, "1y1s");

    /* Cut safely into a small buffer. */
    char small[4];
    duration_format(31536000 + 1, small, sizeof small);
    assert_string_equal(small, "1y1");
}

static void test_duration_round_trip(void **state)
{
    (void)state;
    const double vals[] = {0.001, 0.25,   1,     59,        61,
                           3599,  3601.5, 86399, 1209600.1, 31622400};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        char buf[64];
        double back = -1;
        duration_format(vals[i], buf, sizeof buf);
        assert_int_equal(duration_parse(buf, &back), 0);
        assert_true(fabs(back - vals[i]) < 1e-9);
    }
}

static void test_time_parse(void **state)
{
    (void)state;
    double t = 0;
    assert_int_equal(time_parse("2026-03-01T03:10:00Z", &t), 0);
    assert_double_eq(t, 1772334600);
    assert_int_equal(time_parse("2026-03-01T03:10:00.123Z", &t), 0);
    assert_true(fabs(t - 1772334600.123) < 1e-6);
    assert_int_equal(time_parse("2026-03-01T04:10:00+01:00", &t), 0);
    assert_double_eq(t, 1772334600);
    assert_int_equal(time_parse("2026-02-28T22:40:00-04:30", &t), 0);
    assert_double_eq(t, 1772334600);
    assert_int_equal(time_parse("2026-03-01 03:10:00z", &t), 0);
    assert_double_eq(t, 1772334600);
    assert_int_equal(time_parse("2000-02-29T12:00:00Z", &t), 0);
    assert_double_eq(t, 951825600);
    assert_int_equal(time_parse("1969-12-31T23:59:59Z", &t), 0);
    assert_double_eq(t, -1);
    assert_int_equal(time_parse("0001-01-01T00:00:00Z", &t), 0);
    assert_double_eq(t, -62135596800.0);
    assert_int_equal(time_parse("9999-12-31T23:59:59Z", &t), 0);
    assert_double_eq(t, 253402300799.0);
    assert_int_equal(time_parse("1772334600", &t), 0);
    assert_double_eq(t, 1772334600);
    assert_int_equal(time_parse("1772334600.5", &t), 0);
    assert_double_eq(t, 1772334600.5);

    const char *bad[] = {
        "",
        "2026-03-01",
        "2026-03-01T03:10:00",  /* no zone */
        "2026-02-29T00:00:00Z", /* not a leap year */
        "2026-13-01T00:00:00Z",
        "2026-03-01T24:00:00Z",
        "2026-03-01T03:10:00.Z",
        "2026-03-01T03:10:00+0100",
        "2026-03-01T03:10:00Zjunk",
        "26-03-01T03:10:00Z",
        "0000-01-01T00:00:00Z",
        "-5",
        "now",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        t = 42;
        if (time_parse(bad[i], &t) != -1) {
            print_error("time_parse(\"%s\") accepted: %f\n", bad[i], t);
            fail();
        }
    }
}

/* What a person types at --at and :at, in a zone with summer time. */
static void test_time_parse_user(void **state)
{
    (void)state;
    const char *old = getenv("TZ");
    char *saved = old ? strdup(old) : NULL;
    setenv("TZ", ":Europe/Paris", 1);
    tzset();
    double now = 1772334600; /* 2026-03-01T03:10:00Z, 04:10 in Paris */
    double t = 0;
    /* what time_parse reads, unchanged */
    assert_int_equal(time_parse_user("2026-03-01T03:10:00Z", now, &t), 0);
    assert_double_eq(t, 1772334600);
    assert_int_equal(time_parse_user("1772334600.5", now, &t), 0);
    assert_double_eq(t, 1772334600.5);
    /* before now */
    assert_int_equal(time_parse_user("now-2h", now, &t), 0);
    assert_double_eq(t, now - 7200);
    assert_int_equal(time_parse_user("now-1h30m", now, &t), 0);
    assert_double_eq(t, now - 5400);
    /* a time of day: today's when it has passed, else yesterday's */
    assert_int_equal(time_parse_user("04:00", now, &t), 0);
    assert_double_eq(t, now - 600); /* 03:00Z */
    assert_int_equal(time_parse_user("04:10", now, &t), 0);
    assert_double_eq(t, now);
    assert_int_equal(time_parse_user("04:10:01", now, &t), 0);
    assert_double_eq(t, now - 86400 + 1);
    assert_int_equal(time_parse_user("14:05", now, &t), 0);
    assert_double_eq(t, 1772283900); /* 2026-02-28T13:05:00Z */
    assert_int_equal(time_parse_user("00:00", now, &t), 0);
    assert_double_eq(t, 1772319600); /* 2026-02-28T23:00:00Z */
    /* a local date and time, in winter and in summer */
    assert_int_equal(time_parse_user("2026-03-01 04:10", now, &t), 0);
    assert_double_eq(t, 1772334600);
    assert_int_equal(time_parse_user("2026-07-01T14:00:30", now, &t), 0);
    assert_double_eq(t, 1782907230); /* 12:00:30Z: CEST is UTC+2 */
    const char *bad[] = {
        "",
        "now-",
        "now-0s",
        "now+1h",
        "now-x",
        "4:10",
        "24:00",
        "12:60",
        "12:00:60",
        "12:00:",
        "12:00x",
        "2026-02-29 12:00",
        "2026-03-01",
        "2026-03-01 12",
        "2026-03-01 12:00 ",
        "now",
        "now-1000000000000000000y",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        t = 42;
        if (time_parse_user(bad[i], now, &t) != -1) {
            print_error("time_parse_user(\"%s\") accepted: %f\n", bad[i], t);
            fail();
        }
    }
    if (saved) {
        setenv("TZ", saved, 1);
        free(saved);
    } else {
        unsetenv("TZ");
    }
    tzset();
}

static void test_interval_rounding(void **state)
{
    (void)state;
    assert_double_eq(query_interval(3600, 240, 15), 15);       /* 15s raw */
    assert_double_eq(query_interval(3600, 1000, 0), 5);        /* 3.6s -> 5s */
    assert_double_eq(query_interval(3600, 1000, 15), 15);      /* min step */
    assert_double_eq(query_interval(86400, 200, 15), 300);     /* 432s -> 5m */
    assert_double_eq(query_interval(86400, 100, 0), 900);      /* 864s -> 15m */
    assert_double_eq(query_interval(21600, 120, 15), 120);     /* 180s -> 2m */
    assert_double_eq(query_interval(604800, 160, 15), 3600);   /* 63m -> 1h */
    assert_double_eq(query_interval(2592000, 100, 15), 21600); /* 7.2h -> 6h */
    assert_double_eq(query_interval(60, 120, 0), 0.5);
    assert_double_eq(query_interval(1, 1000, 0), 0.001);
    assert_double_eq(query_interval(0, 100, 0), 0.001);
    /* Edges of the table: a bound belongs to the next step. */
    assert_double_eq(query_interval(1750, 100, 0), 20); /* 17.5s -> 20s */
    assert_double_eq(query_interval(1749, 100, 0), 15); /* 17.49s -> 15s */
    assert_double_eq(query_interval(150, 100, 0), 2);   /* 1.5s -> 2s */
    assert_double_eq(query_interval(1200, 1, 0), 1200); /* 20m */
    assert_double_eq(query_interval(86400.0 * 30, 1, 0), 2592000);   /* 30d */
    assert_double_eq(query_interval(86400.0 * 365, 1, 0), 31536000); /* 1y */
    /* min_step: fractional and above the nice value. */
    assert_double_eq(query_interval(60, 10, 7.5), 7.5);
    assert_double_eq(query_interval(60, 120, 0.0004), 0.5);
    /* max_points below 1 counts as 1. */
    assert_double_eq(query_interval(3600, 0, 0), 3600);
    assert_double_eq(query_interval(3600, -5, 0), 3600);
}

static void test_interval_point_cap(void **state)
{
    (void)state;
    /* One year over 100000 columns would be 315 s; the server's cap of
     * 11,000 points needs 2866.9 s, rounded up to whole seconds. */
    assert_double_eq(query_interval(31536000, 100000, 0), 2867);
    /* 330000 s / 11000 = 30 s exactly. */
    assert_double_eq(query_interval(330000, 1000000, 0), 30);
    /* Below a second the safe step is rounded up to the millisecond. */
    assert_double_eq(query_interval(3600, 100000, 0), 0.328);
}

static void check_window(double now, double range, int pts, double min,
                         double want_start, double want_end, double want_step)
{
    RangeWindow w;
    query_window(now, range, pts, min, &w);
    assert_double_eq(w.step, want_step);
    assert_double_eq(w.end, want_end);
    assert_double_eq(w.start, want_start);
}

static void test_window_alignment(void **state)
{
    (void)state;
    check_window(1772334617, 3600, 240, 15, 1772331015, 1772334615, 15);
    check_window(1772334617.9, 3600, 240, 15, 1772331015, 1772334615, 15);
    check_window(1772334600, 86400, 200, 15, 1772248200, 1772334600, 300);
    check_window(1000.3, 60, 120, 0, 940, 1000, 0.5);
    check_window(1772334617, 604800, 160, 15, 1771729200, 1772334000, 3600);
    check_window(1772334617, 0, 100, 15, 1772334615, 1772334615, 15);
}

static void test_window_properties(void **state)
{
    (void)state;
    const double ranges[] = {60,     300,     3600,    21600,    86400,
                             604800, 2592000, 7776000, 31536000, 330000};
    const int widths[] = {1, 40, 79, 160, 240, 498, 1000, 100000};
    const double nows[] = {1772334600, 1772334617.25, 1772334659.999,
                           1700000001};
    for (size_t a = 0; a < sizeof ranges / sizeof ranges[0]; a++) {
        for (size_t b = 0; b < sizeof widths / sizeof widths[0]; b++) {
            for (size_t c = 0; c < sizeof nows / sizeof nows[0]; c++) {
                RangeWindow w;
                double now = nows[c], range = ranges[a];
                query_window(now, range, widths[b], 15, &w);
                long long s = llround(w.start * 1000),
                          e = llround(w.end * 1000),
                          st = llround(w.step * 1000);
                assert_true(st >= 15000);
                assert_int_equal(s % st, 0);
                assert_int_equal(e % st, 0);
                assert_true(w.end <= now);
                assert_true(w.end > now - w.step);
                assert_true(w.start <= now - range);
                assert_true((e - s) / st <= QUERY_MAX_POINTS);
                /* Same window for any "now" within the same step (when the
                 * range is whole steps; else start and end floor apart). */
                if (llround(range * 1000) % st != 0)
                    continue;
                RangeWindow w2;
                query_window(w.end + w.step * 0.5, range, widths[b], 15, &w2);
                assert_double_eq(w2.end, w.end);
                assert_double_eq(w2.start, w.start);
            }
        }
    }
}

static void test_rate_interval(void **state)
{
    (void)state;
    assert_double_eq(query_rate_interval(15, 15), 60);
    assert_double_eq(query_rate_interval(300, 15), 315);
    assert_double_eq(query_rate_interval(60, 0), 75); /* default scrape 15s */
    assert_double_eq(query_rate_interval(0, 30), 120);
    assert_double_eq(query_rate_interval(45, 15), 60);
    assert_double_eq(query_rate_interval(46, 15), 61);
}

static const char *const var_names[] = {"job", "job_name", "instance", "self"};
static const char *const var_values[] = {"node", "api", "10.0.0.1:9100",
                                         "$job"};

static QueryVars std_vars(void)
{
    QueryVars v = {.range = 3600,
                   .interval = 15,
                   .scrape = 15,
                   .names = var_names,
                   .values = var_values,
                   .nvars = 4};
    return v;
}

static void check_expand(const QueryVars *v, const char *expr, const char *want,
                         const char *want_unknown)
{
    char unknown[64] = "garbage";
    char *got = query_expand(expr, v, unknown, sizeof unknown);
    assert_non_null(got);
    assert_string_equal(got, want);
    assert_string_equal(unknown, want_unknown);
    free(got);
}

static void test_expand_builtins(void **state)
{
    (void)state;
    QueryVars v = std_vars();
    check_expand(&v, "rate(x[$__rate_interval])", "rate(x[1m])", "");
    check_expand(&v, "increase(x[$__range])", "increase(x[1h])", "");
    check_expand(&v, "x / $__range_s", "x / 3600", "");
    check_expand(&v, "avg_over_time(x[$__interval])", "avg_over_time(x[15s])",
                 "");
    check_expand(&v, "$__interval_s $__interval_ms $__range_ms",
                 "15 15000 3600000", "");
    check_expand(&v, "${__range}", "1h", "");
    v.interval = 0.5;
    check_expand(&v, "$__interval $__interval_s", "500ms 0.5", "");
    v.interval = 120;
    v.scrape = 30;
    check_expand(&v, "[$__rate_interval]", "[150s]", "");
}

static void test_expand_user_vars(void **state)
{
    (void)state;
    QueryVars v = std_vars();
    check_expand(&v, "up{job=\"$job\"}", "up{job=\"node\"}", "");
    /* Longest name wins: $job_name is not $job followed by "_name". */
    check_expand(&v, "x{a=\"$job_name\"}", "x{a=\"api\"}", "");
    check_expand(&v, "${job}_total", "node_total", "");
    check_expand(&v, "${job_name}", "api", "");
    check_expand(&v, "up{instance=\"$instance\",job=\"$job\"}",
                 "up{instance=\"10.0.0.1:9100\",job=\"node\"}", "");
    /* Values are inserted verbatim, never expanded again. */
    check_expand(&v, "$self", "$job", "");
}

static void test_expand_unknown(void **state)
{
    (void)state;
    QueryVars v = std_vars();
    check_expand(&v, "up{job=\"$jobx\"}", "up{job=\"$jobx\"}", "jobx");
    check_expand(&v, "$a + $b + $job", "$a + $b + node", "a");
    check_expand(&v, "${nope}_x", "${nope}_x", "nope");
    check_expand(&v, "$__foo", "$__foo", "__foo");

    /* Truncated into a small buffer; NULL buffer is fine. */
    char small[4];
    char *got = query_expand("$abcdef", &v, small, sizeof small);
    assert_string_equal(got, "$abcdef");
    assert_string_equal(small, "abc");
    free(got);
    got = query_expand("$abcdef $job", &v, NULL, 0);
    assert_string_equal(got, "$abcdef node");
    free(got);

    /* No variables at all: everything is unknown, nothing changes. */
    got = query_expand("x[$__range]", NULL, small, sizeof small);
    assert_string_equal(got, "x[$__range]");
    assert_string_equal(small, "__r");
    free(got);
}

static void test_expand_nothing_odd(void **state)
{
    (void)state;
    QueryVars v = std_vars();
    check_expand(&v, "", "", "");
    check_expand(&v, "sum(rate(x[5m]))", "sum(rate(x[5m]))", "");
    /* label_replace references and regex anchors are not variables. */
    check_expand(
        &v, "label_replace(up, \"h\", \"$1\", \"instance\", \"(.*):.*\")",
        "label_replace(up, \"h\", \"$1\", \"instance\", \"(.*):.*\")", "");
    check_expand(&v, "x{p=~\"/api/.*$\"}", "x{p=~\"/api/.*$\"}", "");
    check_expand(&v, "x{p=~\"a$|b\"}", "x{p=~\"a$|b\"}", "");
    check_expand(&v, "$", "$", "");
    check_expand(&v, "$$job", "$node", "");
    check_expand(&v, "${", "${", "");
    check_expand(&v, "${}", "${}", "");
    check_expand(&v, "${job", "${job", "");
    check_expand(&v, "${1}", "${1}", "");
    check_expand(&v, "${job:csv}", "${job:csv}", "");
    check_expand(&v, "$job$job", "nodenode", "");
    check_expand(&v, "a$", "a$", "");
    check_expand(&v, "$ job", "$ job", "");
    check_expand(&v, NULL, "", "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_duration_parse_good),
        cmocka_unit_test(test_duration_parse_bad),
        cmocka_unit_test(test_duration_format),
        cmocka_unit_test(test_duration_round_trip),
        cmocka_unit_test(test_time_parse),
        cmocka_unit_test(test_time_parse_user),
        cmocka_unit_test(test_interval_rounding),
        cmocka_unit_test(test_interval_point_cap),
        cmocka_unit_test(test_window_alignment),
        cmocka_unit_test(test_window_properties),
        cmocka_unit_test(test_rate_interval),
        cmocka_unit_test(test_expand_builtins),
        cmocka_unit_test(test_expand_user_vars),
        cmocka_unit_test(test_expand_unknown),
        cmocka_unit_test(test_expand_nothing_odd),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
