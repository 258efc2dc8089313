/* test_families.c - unit tests of the metric names a PromQL expression
 * selects (what decides between "all clear" and "metric X not found"), and
 * of the cache before any answer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "datasource/families.h"

/* Asserts that expr selects exactly the names in want (NULL-ended). */
static void expect(const char *expr, const char *const *want)
{
    char got[16][FAMILIES_MAX_LEN];
    int n = families_in_expr(expr, got, 16), k = 0;
    for (; want[k]; k++) {
        if (k >= n)
            fail_msg("'%s': %d names, wanted '%s' at %d", expr, n, want[k], k);
        if (strcmp(got[k], want[k]))
            fail_msg("'%s': name %d is '%s', wanted '%s'", expr, k, got[k],
                     want[k]);
    }
    if (n != k)
        fail_msg("'%s': %d names, wanted %d (extra '%s')", expr, n, k, got[k]);
}

#define EXPECT(expr, ...)                                                      \
    do {                                                                       \
        const char *const w_[] = {__VA_ARGS__, NULL};                          \
        expect((expr), w_);                                                    \
    } while (0)
#define EXPECT_NONE(expr)                                                      \
    do {                                                                       \
        const char *const w_[] = {NULL};                                       \
        expect((expr), w_);                                                    \
    } while (0)

static void test_selectors(void **state)
{
    (void)state;
    EXPECT("up", "up");
    EXPECT("nexus_jira_blocker_tickets > 0", "nexus_jira_blocker_tickets");
    EXPECT("http_requests_total{code=~\"5..\", handler=\"/api\"}",
           "http_requests_total");
    EXPECT("{__name__=\"node_load1\", job=\"node\"}", "node_load1");
    EXPECT_NONE("{__name__=~\"node_.*\"}"); /* a regex names no one */
    EXPECT("job:http_requests:rate5m", "job:http_requests:rate5m");
    EXPECT("a + b - a", "a", "b");
}

static void test_functions_and_keywords(void **state)
{
    (void)state;
    EXPECT("sum by (handler, code) (rate(http_requests_total[5m]))",
           "http_requests_total");
    EXPECT("sum(rate(x[5m])) without (instance)", "x");
    EXPECT("histogram_quantile(0.95, sum by (le) "
           "(rate(nexus_llm_latency_seconds_bucket[$__rate_interval])))",
           "nexus_llm_latency_seconds_bucket");
    EXPECT("a / on(job) group_left(team) b", "a", "b");
    EXPECT("a > bool 3 and b unless c or d offset 5m", "a", "b", "c", "d");
    EXPECT("max_over_time(x[1h:5m] @ 1772334600)", "x");
    EXPECT("x @ start()", "x");
    EXPECT("label_replace(up, \"period\", \"Mar 1 - now\", \"\", \"\")", "up");
    EXPECT("SUM BY (a) (b)", "b");
    EXPECT("count(ALERTS{alertstate=\"firing\"})", "ALERTS");
    EXPECT_NONE("vector(2280) * 1e3 + Inf - NaN + 0x1f");
    EXPECT_NONE("time() - 86400");
    EXPECT("up # a comment naming nothing_here\n", "up");
    EXPECT_NONE("");
    EXPECT_NONE(NULL);
}

static void test_unterminated(void **state)
{
    (void)state;
    /* broken text must not read past its end */
    EXPECT("x{a=\"", "x");
    EXPECT("rate(y[5m", "y");
    EXPECT("z{__name__=\"", "z");
    EXPECT_NONE("\"");
}

static void test_cache_before_answers(void **state)
{
    (void)state;
    assert_int_equal(families_has(NULL, "up"), -1);
    assert_int_equal(families_has(NULL, "ALERTS"), 1);
    assert_int_equal(families_state(NULL), FAMILIES_UNKNOWN);
    assert_int_equal(families_count(NULL), 0);
    Families *f = families_new(NULL);
    assert_non_null(f);
    assert_int_equal(families_has(f, "up"), -1);
    families_reset(f);
    assert_int_equal(families_state(f), FAMILIES_UNKNOWN);
    f = (families_free(f), NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_selectors),
        cmocka_unit_test(test_functions_and_keywords),
        cmocka_unit_test(test_unterminated),
        cmocka_unit_test(test_cache_before_answers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
