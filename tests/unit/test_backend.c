/* test_backend.c - unit tests of datasource/backend.c and the client's
 * query parameters (prom.c): which server answers (real build info of
 * Prometheus 2.42 and VictoriaMetrics 1.79, and the shapes of Mimir,
 * Thanos and newer VictoriaMetrics), the global scrape interval found in
 * Prometheus' configuration, and the parameters that ask VictoriaMetrics
 * for fresh data. Fixtures: tests/fixtures/promjson/status_*.json. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "datasource/backend.h"
#include "datasource/prom.h"
#include "datasource/promjson.h"

#ifndef FIXTURES_DIR
#define FIXTURES_DIR "tests/fixtures"
#endif

static void parse_fixture(const char *name, Result *r)
{
    char path[512];
    snprintf(path, sizeof path, "%s/promjson/%s", FIXTURES_DIR, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char buf[16384];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    assert_int_equal(promjson_parse_status(buf, n, 200, r), 0);
}

static BackendKind kind_of(const char *body)
{
    Result r;
    BackendKind k = BACKEND_UNKNOWN;
    if (promjson_parse_status(body, strlen(body), 200, &r) == 0)
        k = backend_from_buildinfo(&r);
    result_free(&r);
    return k;
}

static void test_buildinfo(void **state)
{
    (void)state;
    Result r;
    parse_fixture("status_buildinfo.json", &r);
    assert_int_equal(r.nseries, 1);
    assert_string_equal(series_label(&r.series[0], "version"), "2.42.0+ds");
    assert_int_equal(backend_from_buildinfo(&r), BACKEND_PROMETHEUS);
    result_free(&r);
    parse_fixture("status_buildinfo_vm.json", &r);
    assert_int_equal(r.series[0].nlabels, 0);
    assert_int_equal(backend_from_buildinfo(&r), BACKEND_VICTORIA);
    result_free(&r);

    /* newer VictoriaMetrics names a Prometheus version and nothing else */
    assert_int_equal(
        kind_of("{\"status\":\"success\",\"data\":{\"version\":\"2.24.0\"}}"),
        BACKEND_VICTORIA);
    assert_int_equal(
        kind_of("{\"status\":\"success\",\"data\":{\"application\":"
                "\"Grafana Mimir\",\"version\":\"2.10.0\",\"revision\":\"x\","
                "\"goVersion\":\"go1.21\",\"features\":{\"a\":\"b\"}}}"),
        BACKEND_MIMIR);
    assert_int_equal(
        kind_of("{\"status\":\"success\",\"data\":{\"version\":\"0.34.1\","
                "\"revision\":\"x\",\"goVersion\":\"go1.21\"}}"),
        BACKEND_THANOS);
    /* a failed answer tells nothing */
    memset(&r, 0, sizeof r);
    result_set_error(&r, "HTTP 404: not found");
    assert_int_equal(backend_from_buildinfo(&r), BACKEND_UNKNOWN);
    result_free(&r);
    assert_string_equal(backend_name(BACKEND_VICTORIA), "VictoriaMetrics");
}

/* VictoriaMetrics' own fields in a query answer: isPartial (true becomes
 * a warning) and stats.seriesFetched. */
static void test_answer_fields(void **state)
{
    (void)state;
    static const char partial[] =
        "{\"status\":\"success\",\"isPartial\":true,\"data\":{\"resultType\":"
        "\"vector\",\"result\":[]}}";
    Result r;
    assert_int_equal(promjson_parse(partial, sizeof partial - 1, 200, &r), 0);
    assert_int_equal(backend_from_answer(&r), BACKEND_VICTORIA);
    assert_int_equal(r.nwarnings, 1);
    assert_non_null(strstr(r.warnings[0], "partial answer"));
    result_free(&r);
    static const char stats[] =
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
        "\"result\":[],\"stats\":{\"seriesFetched\":\"3\"}}}";
    assert_int_equal(promjson_parse(stats, sizeof stats - 1, 200, &r), 0);
    assert_int_equal(backend_from_answer(&r), BACKEND_VICTORIA);
    assert_int_equal(r.nwarnings, 0);
    result_free(&r);
    static const char plain[] =
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
        "\"result\":[]}}";
    assert_int_equal(promjson_parse(plain, sizeof plain - 1, 200, &r), 0);
    assert_int_equal(backend_from_answer(&r), BACKEND_UNKNOWN);
    result_free(&r);
}

static void test_scrape_interval(void **state)
{
    (void)state;
    Result r;
    parse_fixture("status_config.json", &r);
    assert_true(backend_scrape_from_config(&r) == 2);
    result_free(&r);
    /* VictoriaMetrics answers an empty configuration */
    parse_fixture("status_config_vm.json", &r);
    assert_true(backend_scrape_from_config(&r) == 0);
    result_free(&r);

    double d = 0;
    assert_int_equal(backend_scrape_interval("global:\n  scrape_interval: 1m\n"
                                             "  scrape_timeout: 10s\n",
                                             &d),
                     0);
    assert_true(d == 60);
    /* a job's own interval is not the global one */
    assert_int_equal(backend_scrape_interval("global:\n  evaluation_interval: "
                                             "1m\nscrape_configs:\n- job_name:"
                                             " x\n  scrape_interval: 5s\n",
                                             &d),
                     -1);
    /* nested deeper than global's own keys does not count either */
    assert_int_equal(backend_scrape_interval("global:\n  external_labels:\n"
                                             "    scrape_interval: 5s\n",
                                             &d),
                     -1);
    assert_int_equal(
        backend_scrape_interval("# comment\n\nglobal:\n    scrape_interval: "
                                "\"30s\"  # quoted\n",
                                &d),
        0);
    assert_true(d == 30);
    assert_int_equal(backend_scrape_interval("", &d), -1);
    assert_int_equal(
        backend_scrape_interval("global:\n  scrape_interval: 0s\n", &d), -1);
    assert_int_equal(
        backend_scrape_interval("global:\n  scrape_interval: soon\n", &d), -1);
}

static void test_params(void **state)
{
    (void)state;
    char *p = NULL;
    assert_int_equal(backend_fresh_params(BACKEND_PROMETHEUS, &p), 0);
    assert_null(p);
    assert_int_equal(backend_fresh_params(BACKEND_VICTORIA, &p), 0);
    assert_string_equal(p, "nocache=1&latency_offset=1ms");
    free(p);

    /* the user's own values win over the fresh-data defaults */
    p = NULL;
    assert_int_equal(prom_params_add(&p, "nocache", "0", 0), 0);
    assert_int_equal(prom_params_add(&p, "max_source_resolution", "5m", 0), 0);
    assert_int_equal(backend_fresh_params(BACKEND_VICTORIA, &p), 0);
    assert_string_equal(
        p, "nocache=0&max_source_resolution=5m&latency_offset=1ms");
    /* replacing one keeps the others */
    assert_int_equal(prom_params_add(&p, "nocache", "1", 1), 0);
    assert_string_equal(
        p, "max_source_resolution=5m&latency_offset=1ms&nocache=1");
    assert_int_equal(prom_params_add(&p, "latency_offset", "2ms", 1), 0);
    assert_string_equal(
        p, "max_source_resolution=5m&nocache=1&latency_offset=2ms");
    free(p);

    /* names and values are escaped */
    p = NULL;
    assert_int_equal(prom_params_add(&p, "extra_label", "team=a b&c", 0), 0);
    assert_string_equal(p, "extra_label=team%3Da%20b%26c");
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buildinfo),
        cmocka_unit_test(test_answer_fields),
        cmocka_unit_test(test_scrape_interval),
        cmocka_unit_test(test_params),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
