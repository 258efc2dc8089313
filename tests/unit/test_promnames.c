/* test_promnames.c - unit tests of the label-name/label-value requests:
 * promjson_parse_strings() on real and broken answers, prom_names_path(),
 * and PQ_NAMES requests in the client (sharing by path, prom_forget). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "datasource/prom.h"
#include "datasource/promjson.h"
#include "datasource/series.h"

/* Parses a C string without its NUL (copied to an exact-size buffer, so
 * ASan catches a read past the end). */
static int parse(const char *s, long status, Result *r)
{
    size_t n = strlen(s);
    char *body = malloc(n ? n : 1);
    assert_non_null(body);
    memcpy(body, s, n);
    int rc = promjson_parse_strings(body, n, status, r);
    free(body);
    return rc;
}

static const char *str_at(const Result *r, int i)
{
    assert_true(i < r->nseries);
    assert_int_equal(r->series[i].npoints, 0);
    return series_label(&r->series[i], "__string__");
}

static void test_strings_ok(void **state)
{
    (void)state;
    Result r = {0};
    /* as Prometheus answers /api/v1/label/__name__/values */
    assert_int_equal(
        parse("{\"status\":\"success\",\"data\":[\"http_requests_total\","
              "\"up\",\"caf\\u00e9\"]}",
              200, &r),
        0);
    assert_null(r.error);
    assert_int_equal(r.type, RESULT_STRING);
    assert_int_equal(r.nseries, 3);
    assert_string_equal(str_at(&r, 0), "http_requests_total");
    assert_string_equal(str_at(&r, 1), "up");
    assert_string_equal(str_at(&r, 2), "caf\xc3\xa9");
    result_free(&r);

    /* nothing matched: an empty list, not an error */
    assert_int_equal(parse("{\"status\":\"success\",\"data\":[]}", 200, &r), 0);
    assert_null(r.error);
    assert_int_equal(r.nseries, 0);
    assert_int_equal(r.type, RESULT_STRING);
    result_free(&r);

    /* warnings are kept */
    assert_int_equal(parse("{\"status\":\"success\",\"data\":[\"a\"],"
                           "\"warnings\":[\"partial\"]}",
                           200, &r),
                     0);
    assert_int_equal(r.nwarnings, 1);
    assert_string_equal(r.warnings[0], "partial");
    result_free(&r);
}

static void test_strings_errors(void **state)
{
    (void)state;
    Result r = {0};
    assert_int_equal(
        parse("{\"status\":\"error\",\"errorType\":\"bad_data\","
              "\"error\":\"invalid parameter \\\"match[]\\\": 1:4: "
              "parse error: unexpected end of input\"}",
              400, &r),
        -1);
    assert_string_equal(r.error,
                        "bad_data: invalid parameter \"match[]\": 1:4: "
                        "parse error: unexpected end of input");
    assert_int_equal(r.http_status, 400);
    assert_int_equal(r.nseries, 0);
    result_free(&r);

    assert_int_equal(
        parse("{\"status\":\"success\",\"data\":[\"a\",1]}", 200, &r), -1);
    assert_string_equal(
        r.error, "malformed answer: element 2 of \"data\" is not a string");
    assert_int_equal(r.nseries, 0);
    assert_null(r.series);
    assert_int_equal(r.type, RESULT_NONE);
    result_free(&r);

    assert_int_equal(
        parse("{\"status\":\"success\",\"data\":{\"a\":1}}", 200, &r), -1);
    assert_string_equal(r.error,
                        "malformed answer: \"data\" is not a list of strings");
    result_free(&r);

    assert_int_equal(parse("{\"status\":\"success\"}", 200, &r), -1);
    assert_non_null(r.error);
    result_free(&r);

    assert_int_equal(parse("Service Unavailable", 503, &r), -1);
    assert_non_null(strstr(r.error, "503"));
    result_free(&r);

    /* every truncation of a good answer fails cleanly */
    const char *good =
        "{\"status\":\"success\",\"data\":[\"code\",\"handler\"]}";
    for (size_t n = 0; n < strlen(good); n++) {
        char *b = malloc(n ? n : 1);
        assert_non_null(b);
        memcpy(b, good, n);
        assert_int_equal(promjson_parse_strings(b, n, 200, &r), -1);
        assert_non_null(r.error);
        result_free(&r);
        free(b);
    }
}

static void test_names_path(void **state)
{
    (void)state;
    char *s = prom_names_path("__name__", NULL, 0, 0);
    assert_string_equal(s, "label/__name__/values");
    free(s);
    s = prom_names_path(NULL, "http_requests_total", 0, 0);
    assert_string_equal(s, "labels?match%5B%5D=http_requests_total");
    free(s);
    s = prom_names_path("code", "up{job=\"a b\"}", 1772331000, 1772334600);
    assert_string_equal(
        s, "label/code/values?match%5B%5D=up%7Bjob%3D%22a%20b%22%7D"
           "&start=1772331000.000&end=1772334600.000");
    free(s);
    s = prom_names_path(NULL, "", 10, 20);
    assert_string_equal(s, "labels?start=10.000&end=20.000");
    free(s);
}

typedef struct {
    int calls;
    char *error;
} Got;

static void on_got(void *ud, const PromQuery *q, Result *res, double secs)
{
    (void)secs;
    Got *g = ud;
    assert_int_equal(q->type, PQ_NAMES);
    g->calls++;
    free(g->error);
    g->error = res->error ? strdup(res->error) : NULL;
    result_free(res);
}

static void test_names_requests(void **state)
{
    (void)state;
    PromOptions o = {.url = "http://127.0.0.1:1", .timeout_ms = 2000};
    char *err = NULL;
    Prom *p = prom_new(&o, &err);
    assert_non_null(p);
    Got a = {0}, b = {0}, c = {0}, d = {0};
    PromQuery q1 = {.type = PQ_NAMES, .expr = "label/__name__/values"};
    PromQuery q2 = {.type = PQ_NAMES, .expr = "labels?match%5B%5D=up"};
    assert_int_equal(prom_submit(p, &q1, on_got, &a), 0);
    assert_int_equal(prom_submit(p, &q1, on_got, &b), 0);
    assert_int_equal(prom_pending(p), 1); /* the same path is asked once */
    assert_int_equal(prom_submit(p, &q2, on_got, &c), 0);
    assert_int_equal(prom_submit(p, &q2, on_got, &d), 0);
    assert_int_equal(prom_pending(p), 2); /* another path is another request */
    prom_forget(p, &b);
    prom_forget(p, &c);
    prom_forget(p, &d); /* q2 now has nobody waiting: still finishes cleanly */
    while (prom_pending(p) > 0) {
        prom_wait(p, -1, 500);
        prom_progress(p);
    }
    assert_int_equal(a.calls, 1);
    assert_int_equal(b.calls, 0);
    assert_int_equal(c.calls, 0);
    assert_int_equal(d.calls, 0);
    assert_non_null(a.error);
    assert_non_null(strstr(a.error, "cannot connect to http://127.0.0.1:1"));
    free(a.error);
    prom_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strings_ok),
        cmocka_unit_test(test_strings_errors),
        cmocka_unit_test(test_names_path),
        cmocka_unit_test(test_names_requests),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
