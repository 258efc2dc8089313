/* test_promjson.c - unit tests of datasource/promjson.c and series.c: real
 * Prometheus answers kept as files in tests/fixtures/promjson/, plus
 * hand-made broken bodies. The folder is argv[1] when given, else
 * FIXTURES_DIR "/promjson" (FIXTURES_DIR is the fixtures root, by default
 * "tests/fixtures", relative to the repository root). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "datasource/promjson.h"
#include "util/text.h"
#include "datasource/split.h"
#include "datasource/series.h"

#ifndef FIXTURES_DIR
#define FIXTURES_DIR "tests/fixtures"
#endif

/* Reads a fixture into a buffer of exactly its size (no NUL after it, so
 * ASan catches a parser that reads past the end). */
static char *load(void **state, const char *name, size_t *len)
{
    const char *dir = *state;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        print_error("cannot open fixture %s\n", path);
        fail();
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(n > 0 ? (size_t)n : 1);
    assert_non_null(buf);
    size_t got = fread(buf, 1, (size_t)n, f);
    fclose(f);
    assert_int_equal(got, (size_t)n);
    *len = (size_t)n;
    return buf;
}

static int parse_file(void **state, const char *name, long status, Result *r)
{
    size_t len;
    char *body = load(state, name, &len);
    int rc = promjson_parse(body, len, status, r);
    free(body);
    return rc;
}

/* Parses a C string without its NUL (copied to an exact-size buffer). */
static int parse_str(const char *s, long status, Result *r)
{
    size_t n = strlen(s);
    char *body = malloc(n ? n : 1);
    assert_non_null(body);
    memcpy(body, s, n);
    int rc = promjson_parse(body, n, status, r);
    free(body);
    return rc;
}

static void assert_point(const Series *s, int i, double t, double v)
{
    assert_true(i < s->npoints);
    if (fabs(s->points[i].t - t) > 1e-6 || !(s->points[i].v == v)) {
        print_error("point %d is (%.6f, %g), want (%.6f, %g)\n", i,
                    s->points[i].t, s->points[i].v, t, v);
        fail();
    }
}

/* An error quoting the server's text cut to a length (%.40s) never ends
 * inside a character: the message is valid UTF-8 on one line. */
static void test_error_cut_is_clean(void **state)
{
    (void)state;
    char body[512] = "{\"status\":\"success\",\"data\":{\"resultType\":\"";
    for (int i = 0; i < 30; i++)
        strcat(body, "\u00e9\u20ac"); /* 2 and 3 bytes in UTF-8 */
    strcat(body, "\\nx\",\"result\":[]}}");
    Result r = {0};
    assert_int_equal(promjson_parse(body, strlen(body), 200, &r), -1);
    assert_non_null(r.error);
    assert_non_null(strstr(r.error, "unknown resultType \"\u00e9"));
    assert_int_equal(text_needs_clean(r.error, strlen(r.error), 0), 0);
    result_free(&r);
    result_set_error(&r, "a\tb\nc %.2s", "\xe2\x82\xac");
    assert_string_equal(r.error, "a b c \xef\xbf\xbd\xef\xbf\xbd");
    result_free(&r);
}

static void test_vector(void **state)
{
    Result r;
    assert_int_equal(parse_file(state, "vector.json", 200, &r), 0);
    assert_null(r.error);
    assert_int_equal(r.type, RESULT_VECTOR);
    assert_int_equal(r.http_status, 200);
    assert_int_equal(r.nwarnings, 0);
    assert_int_equal(r.nseries, 1);
    const Series *s = &r.series[0];
    assert_int_equal(s->nlabels, 3);
    assert_string_equal(series_label(s, "__name__"), "up");
    assert_string_equal(series_label(s, "instance"), "127.0.0.1:19090");
    assert_string_equal(series_label(s, "job"), "self");
    assert_null(series_label(s, "nope"));
    assert_int_equal(s->npoints, 1);
    assert_point(s, 0, 1795434401.459, 1);
    assert_true(series_last(s) == 1);
    result_free(&r);
    assert_null(r.series);
    assert_int_equal(r.nseries, 0);

    assert_int_equal(parse_file(state, "vector_empty.json", 200, &r), 0);
    assert_int_equal(r.type, RESULT_VECTOR);
    assert_int_equal(r.nseries, 0);
    assert_null(r.error);
    result_free(&r);
}

static void test_matrix(void **state)
{
    Result r;
    assert_int_equal(parse_file(state, "matrix.json", 200, &r), 0);
    assert_int_equal(r.type, RESULT_MATRIX);
    assert_int_equal(r.nseries, 1);
    const Series *s = &r.series[0];
    assert_int_equal(s->npoints, 6);
    for (int i = 0; i < 6; i++)
        assert_point(s, i, 1795434396 + i, 1);
    result_free(&r);

    assert_int_equal(parse_file(state, "matrix_multi.json", 200, &r), 0);
    assert_int_equal(r.nseries, 3);
    const char *codes[] = {"200", "400", "422"};
    for (int i = 0; i < 3; i++) {
        s = &r.series[i];
        assert_int_equal(s->nlabels, 4);
        assert_string_equal(series_label(s, "code"), codes[i]);
        assert_string_equal(series_label(s, "handler"), "/api/v1/query");
        assert_int_equal(s->npoints, 3);
        assert_point(s, 0, 1795434397, 0);
        assert_point(s, 2, 1795434401, 0);
    }
    result_free(&r);
}

static void test_matrix_without_values(void **state)
{
    Result r;
    assert_int_equal(parse_file(state, "matrix_no_values.json", 200, &r), 0);
    assert_int_equal(r.type, RESULT_MATRIX);
    assert_int_equal(r.nseries, 3);
    assert_string_equal(series_label(&r.series[0], "__name__"), "a");
    assert_int_equal(r.series[0].npoints, 0);
    assert_null(r.series[0].points);
    assert_true(isnan(series_last(&r.series[0])));
    assert_int_equal(r.series[1].npoints, 3);
    assert_point(&r.series[1], 0, 1772334540, 1.5);
    assert_point(&r.series[1], 1, 1772334570, 2);
    assert_point(&r.series[1], 2, 1772334600, 2.5);
    assert_true(series_last(&r.series[1]) == 2.5);
    assert_int_equal(r.series[2].npoints, 0);
    result_free(&r);

    /* Native histogram samples have no "value": a series without points. */
    assert_int_equal(parse_file(state, "vector_native_histogram.json", 200, &r),
                     0);
    assert_int_equal(r.nseries, 2);
    assert_int_equal(r.series[0].npoints, 0);
    assert_point(&r.series[1], 0, 1772334600, 7);
    result_free(&r);
}

/* Native histograms from a real Prometheus 2.42 with the feature on: one
 * sample per series of an instant query, buckets as sent. */
static void test_native_histograms(void **state)
{
    Result r;
    assert_int_equal(
        parse_file(state, "vector_native_histograms.json", 200, &r), 0);
    assert_int_equal(r.type, RESULT_VECTOR);
    assert_int_equal(r.nseries, 2);
    const Series *a = &r.series[0];
    assert_string_equal(series_label(a, "handler"), "/api/a");
    assert_int_equal(a->npoints, 0);
    assert_int_equal(a->nhists, 1);
    assert_true(series_is_histogram(a));
    assert_true(isnan(series_last(a)));
    const HistPoint *h = &a->hists[0];
    assert_true(h->t == 1796293733);
    assert_true(h->count == 673);
    assert_true(h->sum == 224.7000000000001);
    assert_int_equal(h->nbuckets, 4);
    assert_int_equal(h->buckets[0].boundary, HB_CLOSED);
    assert_true(h->buckets[0].lower == -0.001 && h->buckets[0].upper == 0.001);
    assert_true(h->buckets[0].count == 37);
    assert_int_equal(h->buckets[3].boundary, HB_OPEN_LEFT);
    assert_true(h->buckets[3].lower == 0.5 && h->buckets[3].upper == 1);
    assert_true(h->buckets[3].count == 75);
    assert_int_equal(r.series[1].hists[0].nbuckets, 3);
    result_free(&r);

    /* a float beside a histogram in one answer */
    assert_int_equal(parse_file(state, "vector_native_histogram.json", 200, &r),
                     0);
    assert_true(series_is_histogram(&r.series[0]));
    assert_false(series_is_histogram(&r.series[1]));
    assert_true(series_last(&r.series[1]) == 7);
    result_free(&r);
}

/* A series that turned from a gauge into a histogram inside the window:
 * both kinds of samples, and its old float is no longer its value. */
static void test_changing_type(void **state)
{
    Result r;
    assert_int_equal(parse_file(state, "matrix_changing_type.json", 200, &r),
                     0);
    assert_int_equal(r.nseries, 1);
    const Series *s = &r.series[0];
    assert_int_equal(s->npoints, 3);
    assert_int_equal(s->nhists, 2);
    assert_point(s, 2, 1796293664, 42);
    assert_true(s->hists[1].t == 1796293668 && s->hists[1].count == 6);
    assert_true(series_is_histogram(s));
    assert_true(isnan(series_last(s)));
    result_free(&r);

    /* the other way round: the newest sample is a float again */
    assert_int_equal(
        parse_str("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\","
                  "\"result\":[{\"metric\":{},\"values\":[[20,\"5\"]],"
                  "\"histograms\":[[10,{\"count\":\"1\",\"sum\":\"1\"}]]}]}}",
                  200, &r),
        0);
    assert_false(series_is_histogram(&r.series[0]));
    assert_true(series_last(&r.series[0]) == 5);
    assert_int_equal(r.series[0].hists[0].nbuckets, 0);
    result_free(&r);
}

/* Broken histograms are one-line errors, never a crash or a leak. */
static void test_native_histogram_errors(void **state)
{
    (void)state;
    static const struct {
        const char *body, *err;
    } cases[] = {
        {"{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
         "\"result\":"
         "[{\"metric\":{},\"histogram\":[1,{\"sum\":\"1\"}]}]}}",
         "malformed answer: data.result[0].histogram is not a native "
         "histogram"},
        {"{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
         "\"result\":"
         "[{\"metric\":{},\"histogram\":[1,{\"count\":\"1\",\"sum\":\"1\","
         "\"buckets\":[[0,\"1\",\"2\"]]}]}]}}",
         "malformed answer: data.result[0].histogram is not a native "
         "histogram"},
        {"{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
         "\"result\":"
         "[{\"metric\":{},\"histogram\":[1,{\"count\":\"1\",\"sum\":\"1\","
         "\"buckets\":[[7,\"1\",\"2\",\"1\"]]}]}]}}",
         "malformed answer: data.result[0].histogram is not a native "
         "histogram"},
        {"{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\","
         "\"result\":"
         "[{\"metric\":{},\"histograms\":[[1,{\"count\":\"1\",\"sum\":\"1\"}],"
         "[2,{\"count\":\"x\",\"sum\":\"1\"}]]}]}}",
         "malformed answer: data.result[0].histograms[1] is not a native "
         "histogram"},
        {"{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\","
         "\"result\":"
         "[{\"metric\":{},\"histograms\":{}}]}}",
         "malformed answer: data.result[0].histograms is not an array"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Result r;
        assert_int_equal(parse_str(cases[i].body, 200, &r), -1);
        assert_string_equal(r.error, cases[i].err);
        assert_int_equal(r.nseries, 0);
        result_free(&r);
    }
}

static void test_scalar_and_string(void **state)
{
    Result r;
    assert_int_equal(parse_file(state, "scalar.json", 200, &r), 0);
    assert_int_equal(r.type, RESULT_SCALAR);
    assert_int_equal(r.nseries, 1);
    assert_int_equal(r.series[0].nlabels, 0);
    assert_point(&r.series[0], 0, 1795434401.479, 1);
    result_free(&r);

    assert_int_equal(parse_file(state, "string.json", 200, &r), 0);
    assert_int_equal(r.type, RESULT_STRING);
    assert_int_equal(r.nseries, 1);
    assert_int_equal(r.series[0].nlabels, 1);
    assert_string_equal(series_label(&r.series[0], "__string__"), "hello");
    assert_int_equal(r.series[0].npoints, 1);
    assert_true(fabs(r.series[0].points[0].t - 1795434401.49) < 1e-6);
    assert_true(isnan(r.series[0].points[0].v));
    result_free(&r);

    /* A string that is a number keeps the number. */
    assert_int_equal(
        parse_str("{\"status\":\"success\",\"data\":{\"resultType\":"
                  "\"string\",\"result\":[5,\"2.5\"]}}",
                  200, &r),
        0);
    assert_true(r.series[0].points[0].v == 2.5);
    assert_string_equal(series_label(&r.series[0], "__string__"), "2.5");
    result_free(&r);
}

static void test_special_values(void **state)
{
    Result r;
    assert_int_equal(parse_file(state, "special_values.json", 200, &r), 0);
    assert_int_equal(r.nseries, 3);
    assert_int_equal(r.series[0].nlabels, 0);
    assert_true(isnan(r.series[0].points[0].v));
    assert_string_equal(series_label(&r.series[1], "k"), "pos");
    assert_true(isinf(r.series[1].points[0].v) && r.series[1].points[0].v > 0);
    assert_string_equal(series_label(&r.series[2], "k"), "neg");
    assert_true(isinf(r.series[2].points[0].v) && r.series[2].points[0].v < 0);
    result_free(&r);
}

static void test_number(void **state)
{
    (void)state;
    double v = 0;
    assert_int_equal(promjson_number("1", &v), 0);
    assert_true(v == 1);
    assert_int_equal(promjson_number("1e+00", &v), 0);
    assert_true(v == 1);
    assert_int_equal(promjson_number("-0.5", &v), 0);
    assert_true(v == -0.5);
    assert_int_equal(promjson_number("3.4e-05", &v), 0);
    assert_true(v == 3.4e-05);
    assert_int_equal(promjson_number("NaN", &v), 0);
    assert_true(isnan(v));
    assert_int_equal(promjson_number("+Inf", &v), 0);
    assert_true(isinf(v) && v > 0);
    assert_int_equal(promjson_number("-Inf", &v), 0);
    assert_true(isinf(v) && v < 0);

    const char *bad[] = {"",         "abc",   " 1",  "1 ", "0x10", "nan", "inf",
                         "Infinity", "1.2.3", "--1", "1e", "+",    "."};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        v = 42;
        if (promjson_number(bad[i], &v) != -1) {
            print_error("promjson_number(\"%s\") accepted: %g\n", bad[i], v);
            fail();
        }
    }
    assert_int_equal(promjson_number(NULL, &v), -1);
}

static void test_error_bodies(void **state)
{
    static const struct {
        const char *file;
        long status;
        const char *want;
    } cases[] = {
        {"error_bad_data.json", 400,
         "bad_data: invalid parameter \"query\": 1:11: parse error: unclosed "
         "left parenthesis"},
        {"error_too_many_points.json", 400,
         "bad_data: exceeded maximum resolution of 11,000 points per "
         "timeseries. Try decreasing the query resolution (?step=XX)"},
        {"error_execution.json", 422,
         "execution: found duplicate series for the match group {} on the "
         "right hand-side of the operation: [{x=\"2\"}, "
         "{x=\"1\"}];many-to-many "
         "matching not allowed: matching labels must be unique on one side"},
        {"error_timeout.json", 503,
         "timeout: query timed out in expression evaluation"},
        {"error_canceled.json", 499,
         "canceled: query was canceled in expression evaluation"},
        {"error_internal.json", 500,
         "internal: expanding series: unexpected EOF"},
        {"error_unavailable.json", 503,
         "unavailable: Prometheus is shutting down"},
        {"plain_503.txt", 503, "HTTP 503: Service Unavailable"},
        {"html_502.html", 502, "HTTP 502: 502 Bad Gateway"},
        {"garbage_200.txt", 200,
         "answer is not JSON (HTTP 200): Welcome to the captive portal! Please "
         "log in."},
        {"truncated.json", 200, "truncated JSON answer (180 bytes)"},
        {"empty.txt", 200, "empty answer (HTTP 200)"},
        {"empty.txt", 503, "HTTP 503 with an empty body"},
        {"vector.json", 500, "HTTP 500: unexpected JSON answer"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Result r;
        int rc = parse_file(state, cases[i].file, cases[i].status, &r);
        if (rc != -1 || !r.error || strcmp(r.error, cases[i].want) != 0) {
            print_error("%s (HTTP %ld): rc %d, error \"%s\", want \"%s\"\n",
                        cases[i].file, cases[i].status, rc,
                        r.error ? r.error : "(null)", cases[i].want);
            fail();
        }
        assert_int_equal(r.type, RESULT_NONE);
        assert_int_equal(r.nseries, 0);
        assert_null(r.series);
        assert_int_equal(r.http_status, cases[i].status);
        result_free(&r);
    }
}

static void test_warnings(void **state)
{
    Result r;
    assert_int_equal(parse_file(state, "warnings.json", 200, &r), 0);
    assert_null(r.error);
    assert_int_equal(r.nseries, 1);
    assert_int_equal(r.nwarnings, 2);
    assert_string_equal(r.warnings[0],
                        "PromQL info: metric might not be a counter, name does "
                        "not end in _total/_sum/_count/_bucket: \"up\"");
    /* One line each: the newline became a space. */
    assert_string_equal(r.warnings[1],
                        "partial response: store 10.0.0.7 unreachable");
    result_free(&r);

    /* Non-strings are skipped; warnings survive an error. */
    assert_int_equal(
        parse_str("{\"status\":\"error\",\"errorType\":\"execution\","
                  "\"error\":\"x\",\"warnings\":[1,\"w\",null]}",
                  422, &r),
        -1);
    assert_string_equal(r.error, "execution: x");
    assert_int_equal(r.nwarnings, 1);
    assert_string_equal(r.warnings[0], "w");
    result_free(&r);

    assert_int_equal(
        parse_str("{\"status\":\"success\",\"data\":{\"resultType\":"
                  "\"vector\",\"result\":[]},\"warnings\":\"w\"}",
                  200, &r),
        0);
    assert_int_equal(r.nwarnings, 0);
    result_free(&r);
}

/* Every proper prefix of a good answer is refused, never crashes. */
static void test_every_truncation(void **state)
{
    const char *files[] = {"matrix_multi.json", "warnings.json",
                           "matrix_changing_type.json"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        size_t len;
        char *body = load(state, files[f], &len);
        for (size_t n = 0; n < len; n++) {
            char *cut = malloc(n ? n : 1);
            assert_non_null(cut);
            memcpy(cut, body, n);
            Result r;
            int rc = promjson_parse(cut, n, 200, &r);
            if (rc != -1 || !r.error) {
                print_error("%s cut at %zu was accepted\n", files[f], n);
                fail();
            }
            assert_int_equal(r.nseries, 0);
            result_free(&r);
            free(cut);
        }
        free(body);
    }
}

static void test_empty_and_malformed(void **state)
{
    (void)state;
    Result r;
    assert_int_equal(promjson_parse(NULL, 0, 200, &r), -1);
    assert_string_equal(r.error, "empty answer (HTTP 200)");
    result_free(&r);
    assert_int_equal(promjson_parse(NULL, 0, 0, &r), -1);
    assert_string_equal(r.error, "empty answer (HTTP 200)");
    result_free(&r);
    assert_int_equal(parse_str(" \r\n\t", 200, &r), -1);
    assert_string_equal(r.error, "empty answer (HTTP 200)");
    result_free(&r);
    assert_int_equal(parse_str("\n\n", 502, &r), -1);
    assert_string_equal(r.error, "HTTP 502 with an empty body");
    result_free(&r);
    assert_int_equal(parse_str("{\"status\":\"success\",,}", 200, &r), -1);
    assert_string_equal(r.error, "malformed JSON answer near byte 22 of 22");
    result_free(&r);
    assert_int_equal(parse_str("{\"a\":1,,\"b\":2,\"c\":3}", 200, &r), -1);
    assert_string_equal(r.error, "malformed JSON answer near byte 9 of 20");
    result_free(&r);
    assert_int_equal(parse_str("{\"a\":\"ab\\\"c", 200, &r), -1);
    assert_string_equal(r.error, "truncated JSON answer (11 bytes)");
    result_free(&r);

    /* Nesting deeper than cJSON allows. */
    size_t depth = 5000;
    char *deep = malloc(depth * 2);
    assert_non_null(deep);
    memset(deep, '[', depth);
    memset(deep + depth, ']', depth);
    assert_int_equal(promjson_parse(deep, depth * 2, 200, &r), -1);
    assert_non_null(r.error);
    assert_string_equal(r.error, "JSON answer nested deeper than 1000 levels");
    result_free(&r);
    free(deep);
}

static void test_plain_text_cleaned(void **state)
{
    (void)state;
    Result r;
    assert_int_equal(
        parse_str("\x1b[31mred\x1b[0m alert\tnow\r\nsecond line", 500, &r), -1);
    assert_string_equal(r.error, "HTTP 500: \xef\xbf\xbd[31mred\xef\xbf\xbd[0m "
                                 "alert now");
    result_free(&r);

    /* Cut to 200 bytes without splitting a UTF-8 character. */
    char body[1024] = "Error: ";
    for (int i = 0; i < 300; i++)
        strcat(body, "\xc3\xa9");
    strcat(body, "\nmore");
    assert_int_equal(parse_str(body, 500, &r), -1);
    char want[256] = "HTTP 500: Error: ";
    for (int i = 0; i < 96; i++)
        strcat(want, "\xc3\xa9");
    assert_string_equal(r.error, want);
    result_free(&r);

    /* A proxy's JSON error. */
    assert_int_equal(parse_str("{\"message\":\"Unauthorized\"}", 401, &r), -1);
    assert_string_equal(r.error, "HTTP 401: Unauthorized");
    result_free(&r);
}

static void test_wrong_types(void **state)
{
    (void)state;
#define OK_ "{\"status\":\"success\",\"data\":"
    static const struct {
        const char *body;
        long status;
        const char *want;
    } cases[] = {
        {"[1,2]", 200, "unexpected answer (HTTP 200): not a JSON object"},
        {"null", 200, "unexpected answer (HTTP 200): not a JSON object"},
        {"\"text\"", 404, "HTTP 404: \"text\""},
        {"{\"status\":7}", 200, "malformed answer: no \"status\""},
        {"{}", 200, "malformed answer: no \"status\""},
        {"{\"status\":\"weird\"}", 200,
         "unexpected status \"weird\" in the answer"},
        {"{\"status\":\"error\"}", 500, "HTTP 500: unexpected JSON answer"},
        {"{\"status\":\"error\",\"errorType\":5,\"error\":[\"x\"]}", 400,
         "HTTP 400: unexpected JSON answer"},
        {"{\"status\":\"error\",\"error\":\"boom\"}", 400, "boom"},
        {"{\"status\":\"error\",\"errorType\":\"bad_data\"}", 400,
         "bad_data (HTTP 400, no message)"},
        {"{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":"
         "\"a\\nb\"}",
         400, "bad_data: a b"},
        {"{\"status\":\"success\"}", 200,
         "malformed answer: no \"data\" object"},
        {OK_ "[]}", 200, "malformed answer: no \"data\" object"},
        {OK_ "{\"resultType\":\"vector\"}}", 200,
         "malformed answer: no data.result"},
        {OK_ "{\"result\":[]}}", 200, "malformed answer: no data.resultType"},
        {OK_ "{\"resultType\":7,\"result\":[]}}", 200,
         "malformed answer: data.resultType is not a string"},
        {OK_ "{\"resultType\":\"streams\",\"result\":[]}}", 200,
         "unknown resultType \"streams\" in the answer"},
        {OK_ "{\"resultType\":\"vector\",\"result\":{}}}", 200,
         "malformed answer: data.result is not an array"},
        {OK_ "{\"resultType\":\"vector\",\"result\":null}}", 200,
         "malformed answer: data.result is not an array"},
        {OK_ "{\"resultType\":\"vector\",\"result\":[5]}}", 200,
         "malformed answer: data.result[0] is not an object"},
        {OK_ "{\"resultType\":\"vector\",\"result\":[{\"metric\":\"x\"}]}}",
         200, "malformed answer: data.result[0].metric is not an object"},
        {OK_ "{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"a\":1}}]}}",
         200,
         "malformed answer: label \"a\" of data.result[0] is not a string"},
        {OK_ "{\"resultType\":\"vector\",\"result\":[{\"value\":\"1\"}]}}", 200,
         "malformed answer: data.result[0].value is not a [time, \"number\"] "
         "pair"},
        {OK_ "{\"resultType\":\"vector\",\"result\":[{\"value\":[1]}]}}", 200,
         "malformed answer: data.result[0].value is not a [time, \"number\"] "
         "pair"},
        {OK_
         "{\"resultType\":\"vector\",\"result\":[{\"value\":[\"1\",\"1\"]}]}}",
         200,
         "malformed answer: data.result[0].value is not a [time, \"number\"] "
         "pair"},
        {OK_
         "{\"resultType\":\"vector\",\"result\":[{\"value\":[1,\"abc\"]}]}}",
         200,
         "malformed answer: data.result[0].value is not a [time, \"number\"] "
         "pair"},
        {OK_ "{\"resultType\":\"vector\",\"result\":[{\"value\":[1,true]}]}}",
         200,
         "malformed answer: data.result[0].value is not a [time, \"number\"] "
         "pair"},
        {OK_
         "{\"resultType\":\"vector\",\"result\":[{\"value\":[1,\"1\",3]}]}}",
         200,
         "malformed answer: data.result[0].value is not a [time, \"number\"] "
         "pair"},
        {OK_ "{\"resultType\":\"matrix\",\"result\":[{\"values\":{}}]}}", 200,
         "malformed answer: data.result[0].values is not an array"},
        {OK_ "{\"resultType\":\"matrix\",\"result\":[{\"values\":[[1,\"1\"]]},"
             "{\"values\":[[1,\"1\"],[2]]}]}}",
         200,
         "malformed answer: data.result[1].values[1] is not a [time, "
         "\"number\"] pair"},
        {OK_ "{\"resultType\":\"scalar\",\"result\":{}}}", 200,
         "malformed answer: data.result is not a [time, \"number\"] pair"},
        {OK_ "{\"resultType\":\"scalar\",\"result\":[1,\"x\"]}}", 200,
         "malformed answer: scalar value \"x\" is not a number"},
        {OK_ "{\"resultType\":\"string\",\"result\":[1,5]}}", 200,
         "malformed answer: data.result is not a [time, \"text\"] pair"},
    };
#undef OK_
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Result r;
        int rc = parse_str(cases[i].body, cases[i].status, &r);
        if (rc != -1 || !r.error || strcmp(r.error, cases[i].want) != 0) {
            print_error("case %zu %s: rc %d, error \"%s\", want \"%s\"\n", i,
                        cases[i].body, rc, r.error ? r.error : "(null)",
                        cases[i].want);
            fail();
        }
        assert_int_equal(r.nseries, 0);
        assert_int_equal(r.type, RESULT_NONE);
        result_free(&r);
    }
}

static void test_lenient_shapes(void **state)
{
    (void)state;
    Result r;
    /* A numeric value (some compatible servers) and a missing or null
     * metric are accepted. */
    assert_int_equal(
        parse_str("{\"status\":\"success\",\"data\":{\"resultType\":"
                  "\"vector\",\"result\":[{\"value\":[1,2]},"
                  "{\"metric\":null,\"value\":[1,\"3\"]}]}}",
                  200, &r),
        0);
    assert_int_equal(r.nseries, 2);
    assert_int_equal(r.series[0].nlabels, 0);
    assert_true(r.series[0].points[0].v == 2);
    assert_true(r.series[1].points[0].v == 3);
    result_free(&r);
    /* http_status 0 (unknown) counts as success. */
    assert_int_equal(
        parse_str("{\"status\":\"success\",\"data\":{\"resultType\":"
                  "\"vector\",\"result\":[]}}",
                  0, &r),
        0);
    result_free(&r);
}

static void test_series_cap(void **state)
{
    (void)state;
    const char *head = "{\"status\":\"success\",\"data\":{\"resultType\":"
                       "\"vector\",\"result\":[";
    const char *item = "{\"metric\":{},\"value\":[1,\"1\"]}";
    int n = PROMJSON_MAX_SERIES + 1;
    size_t cap = strlen(head) + (size_t)n * (strlen(item) + 1) + 8;
    char *body = malloc(cap);
    assert_non_null(body);
    size_t len = 0;
    memcpy(body, head, strlen(head));
    len += strlen(head);
    for (int i = 0; i < n; i++) {
        if (i)
            body[len++] = ',';
        memcpy(body + len, item, strlen(item));
        len += strlen(item);
    }
    memcpy(body + len, "]}}", 3);
    len += 3;
    Result r;
    assert_int_equal(promjson_parse(body, len, 200, &r), -1);
    assert_string_equal(r.error, "answer too large: 100001 series, 100001 "
                                 "points; narrow the query");
    assert_int_equal(r.nseries, 0);
    result_free(&r);
    free(body);
}

static void test_series_helpers(void **state)
{
    (void)state;
    Result r = {0};
    result_free(&r); /* zeroed: fine */
    result_free(NULL);
    result_set_error(&r, "first %d", 1);
    result_set_error(&r, "line\none\t%s", "x");
    assert_string_equal(r.error, "line one x");
    result_free(&r);
    assert_null(r.error);
    assert_null(series_label(NULL, "a"));
    assert_true(isnan(series_last(NULL)));
}

static void test_series_step_and_value_at(void **state)
{
    (void)state;
    Point pts[] = {{10, 1}, {20, NAN}, {30, 3},
                   {35, 4}, {35, 4},   {45, INFINITY}};
    Series s = {.points = pts, .npoints = 6};
    /* the smallest positive distance; equal times do not count */
    assert_true(series_step(&s) == 5);
    s.npoints = 1;
    assert_true(series_step(&s) == 0);
    s.npoints = 0;
    assert_true(series_step(&s) == 0);
    assert_true(series_value_at(&s, 10) == 0);
    s.npoints = 6;
    assert_true(series_value_at(&s, 10) == 1);
    assert_true(series_value_at(&s, 10 + 1e-7) == 1);
    assert_true(series_value_at(&s, 30 - 1e-7) == 3);
    assert_true(series_value_at(&s, 35) == 4);
    /* no point there, or one that is not finite: 0 */
    assert_true(series_value_at(&s, 15) == 0);
    assert_true(series_value_at(&s, 20) == 0);
    assert_true(series_value_at(&s, 45) == 0);
    assert_true(series_value_at(&s, 0) == 0);
    assert_true(series_value_at(&s, 50) == 0);
}

/* An answer read as it arrives (split.c into promjson_stream_element, then
 * promjson_parse_stream) gives what promjson_parse gives the whole body,
 * whatever the chunks it comes in. */
static int on_piece(void *ud, const char *json, size_t len)
{
    return promjson_stream_element(ud, json, len);
}

static int parse_streamed(const char *body, size_t len, size_t chunk,
                          long status, int keep, Result *out)
{
    PromjsonStream st = {.keep = keep};
    Split sp;
    split_init(&sp, on_piece, &st);
    for (size_t i = 0; i < len; i += chunk)
        assert_int_equal(
            split_feed(&sp, body + i, i + chunk > len ? len - i : chunk), 0);
    size_t rl;
    const char *rest = split_rest(&sp, &rl);
    int rc = promjson_parse_stream(rest, rl, status, &st, out);
    split_free(&sp);
    return rc;
}

static void same_as_whole(const char *what, const char *body, size_t len,
                          long status)
{
    static const size_t chunks[] = {1, 2, 3, 7, 64, 100000};
    Result whole;
    int rc = promjson_parse(body, len, status, &whole);
    for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
        Result got;
        int rc2 = parse_streamed(body, len, chunks[c], status, 0, &got);
        if (rc2 != rc || !result_same(&whole, &got) ||
            (!whole.error != !got.error) || got.dropped != 0 ||
            whole.http_status != got.http_status) {
            print_error("%s in chunks of %zu: rc %d/%d, error '%s'/'%s'\n",
                        what, chunks[c], rc, rc2,
                        whole.error ? whole.error : "",
                        got.error ? got.error : "");
            fail();
        }
        result_free(&got);
    }
    result_free(&whole);
}

static void test_streamed(void **state)
{
    static const char *files[] = {
        "vector.json",
        "vector_empty.json",
        "matrix.json",
        "matrix_multi.json",
        "matrix_no_values.json",
        "scalar.json",
        "string.json",
        "special_values.json",
        "warnings.json",
        "truncated.json",
        "error_bad_data.json",
        "error_execution.json",
        "garbage_200.txt",
        "html_502.html",
        "plain_503.txt",
        "vector_native_histogram.json",
        "empty.txt",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t len;
        char *body = load(state, files[i], &len);
        long status = strstr(files[i], "502")      ? 502
                      : strstr(files[i], "503")    ? 503
                      : strstr(files[i], "error_") ? 400
                                                   : 200;
        same_as_whole(files[i], body, len, status);
        if (!strcmp(files[i], "matrix_multi.json")) /* cut anywhere */
            for (size_t k = 0; k < len; k++) {
                Result a, b;
                int ra = promjson_parse(body, k, 200, &a);
                int rb = parse_streamed(body, k, 5, 200, 0, &b);
                assert_int_equal(ra, rb);
                assert_true(result_same(&a, &b));
                result_free(&a);
                result_free(&b);
            }
        free(body);
    }
    static const char *const odd[] = {
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
        "\"result\":[1,2]}}",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
        "\"result\":[{\"metric\":[],\"value\":[1,\"1\"]}]}}",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\","
        "\"result\":[{\"metric\":{},\"values\":{}}]}}",
        "{\"data\":{\"result\":[{\"metric\":{\"a\":\"x\\\"}]\"},\"value\":[1,"
        "\"2\"]}],\"resultType\":\"vector\"},\"status\":\"success\"}",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
        "\"result\":[{\"a\":1},\"1\"]}}",
    };
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++)
        same_as_whole(odd[i], odd[i], strlen(odd[i]), 200);
}

/* Past `keep`, series are counted, not read. */
static void test_streamed_keep(void **state)
{
    size_t len;
    char *body = load(state, "matrix_multi.json", &len);
    Result all, two;
    assert_int_equal(promjson_parse(body, len, 200, &all), 0);
    assert_true(all.nseries > 2);
    assert_int_equal(parse_streamed(body, len, 3, 200, 2, &two), 0);
    assert_int_equal(two.nseries, 2);
    assert_int_equal(two.dropped, all.nseries - 2);
    assert_string_equal(series_label(&two.series[1], "code"),
                        series_label(&all.series[1], "code"));
    assert_int_equal(two.series[1].npoints, all.series[1].npoints);
    result_free(&all);
    result_free(&two);
    free(body);
}

/* A matrix of `series` series of `points` tiny points each: the shape
 * that costs a parse tree the most per byte. malloc'd, length in *len. */
static char *tiny_matrix(int series, int points, size_t *len)
{
    size_t cap = 128 + (size_t)series * ((size_t)points * 8 + 32);
    char *b = malloc(cap);
    assert_non_null(b);
    size_t k = (size_t)sprintf(b, "{\"status\":\"success\",\"data\":{"
                                  "\"resultType\":\"matrix\",\"result\":[");
    for (int i = 0; i < series; i++) {
        k += (size_t)sprintf(b + k, "%s{\"metric\":{},\"values\":[",
                             i ? "," : "");
        for (int j = 0; j < points; j++) {
            memcpy(b + k, j ? ",[1,\"1\"]" : "[1,\"1\"]", j ? 8 : 7);
            k += j ? 8 : 7;
        }
        b[k++] = ']';
        b[k++] = '}';
    }
    k += (size_t)sprintf(b + k, "]}}");
    *len = k;
    return b;
}

/* What a parse may hold is bounded: a tree past PROMJSON_MAX_TREE stops
 * the parse, series past PROMJSON_MAX_KEPT stop being kept; either way the
 * answer is refused with its size, counted from its text. */
static void test_too_large(void **state)
{
    (void)state;
    size_t len;
    char *body = tiny_matrix(1, 400000, &len); /* 3 MB: a tree of ~100 MB */
    Result r;
    assert_int_equal(promjson_parse(body, len, 200, &r), -1);
    assert_string_equal(r.error, "answer too large: 1 series, 400000 points; "
                                 "narrow the query");
    assert_int_equal(r.http_status, 200);
    assert_int_equal(r.nseries, 0);
    assert_true(promjson_tree_too_large());
    result_free(&r);
    /* streamed: the same series alone is too large */
    assert_int_equal(parse_streamed(body, len, 65536, 200, 0, &r), -1);
    assert_string_equal(r.error, "answer too large: 1 series, 400000 points; "
                                 "narrow the query");
    result_free(&r);
    free(body);

    /* 40 series of 40,000 points: each fits a tree, but 16 MB of points
     * are kept after some 26 of them; the rest is counted */
    body = tiny_matrix(40, 40000, &len);
    assert_int_equal(parse_streamed(body, len, 1 << 20, 200, 0, &r), -1);
    assert_string_equal(r.error, "answer too large: 40 series, 1600000 "
                                 "points; narrow the query");
    result_free(&r);
    /* whole: past PROMJSON_MAX_POINTS */
    assert_int_equal(promjson_parse(body, len, 200, &r), -1);
    assert_string_equal(r.error, "answer too large: 40 series, 1600000 "
                                 "points; narrow the query");
    result_free(&r);
    free(body);

    /* small answers still parse, and the limit is per parse */
    body = tiny_matrix(3, 10, &len);
    assert_int_equal(promjson_parse(body, len, 200, &r), 0);
    assert_int_equal(r.nseries, 3);
    assert_int_equal(r.series[2].npoints, 10);
    assert_false(promjson_tree_too_large());
    result_free(&r);
    free(body);
}

int main(int argc, char **argv)
{
    void *dir = argc > 1 ? argv[1] : (char *)FIXTURES_DIR "/promjson";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_prestate(test_vector, dir),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test_prestate(test_matrix, dir),
        cmocka_unit_test_prestate(test_matrix_without_values, dir),
        cmocka_unit_test_prestate(test_native_histograms, dir),
        cmocka_unit_test_prestate(test_changing_type, dir),
        cmocka_unit_test(test_native_histogram_errors),
        cmocka_unit_test_prestate(test_scalar_and_string, dir),
        cmocka_unit_test_prestate(test_special_values, dir),
        cmocka_unit_test(test_number),
        cmocka_unit_test_prestate(test_error_bodies, dir),
        cmocka_unit_test_prestate(test_warnings, dir),
        cmocka_unit_test_prestate(test_every_truncation, dir),
        cmocka_unit_test(test_empty_and_malformed),
        cmocka_unit_test(test_plain_text_cleaned),
        cmocka_unit_test(test_wrong_types),
        cmocka_unit_test(test_lenient_shapes),
        cmocka_unit_test(test_series_cap),
        cmocka_unit_test(test_series_helpers),
        cmocka_unit_test(test_series_step_and_value_at),
        cmocka_unit_test(test_error_cut_is_clean),
        cmocka_unit_test_prestate(test_streamed, dir),
        cmocka_unit_test_prestate(test_streamed_keep, dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
