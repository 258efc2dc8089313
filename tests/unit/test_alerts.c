/* test_alerts.c - unit tests of datasource/alertjson.c and alerts.c: the
 * answers of a real Prometheus 2.42 and Alertmanager 0.25 (kept in
 * tests/fixtures/alerts/, taken from the demo stack during an incident with
 * one alert silenced and one inhibited), hand-made broken bodies, and the
 * join, order, silence matching and silence body built on them. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "datasource/alerts.h"

#ifndef FIXTURES_DIR
#define FIXTURES_DIR "tests/fixtures"
#endif

static const char *dir = FIXTURES_DIR "/alerts";

/* Reads a fixture into a buffer of exactly its size (no NUL after it, so
 * ASan catches a reader that runs past the end). */
static char *load(const char *name, size_t *len)
{
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
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

typedef int (*Reader)(const char *, size_t, long, Result *);

static int read_file(Reader rd, const char *name, long status, Result *r)
{
    size_t len;
    char *body = load(name, &len);
    int rc = rd(body, len, status, r);
    free(body);
    return rc;
}

/* A C string without its NUL, through reader rd. */
static int read_str(Reader rd, const char *s, long status, Result *r)
{
    size_t n = strlen(s);
    char *body = malloc(n ? n : 1);
    assert_non_null(body);
    memcpy(body, s, n);
    int rc = rd(body, n, status, r);
    free(body);
    return rc;
}

static const Alert *find_alert(const AlertSet *s, const char *name)
{
    for (int i = 0; i < s->nalerts; i++)
        if (!strcmp(alert_label(&s->alerts[i], "alertname"), name))
            return &s->alerts[i];
    return NULL;
}

static void test_prom_alerts(void **state)
{
    (void)state;
    Result r;
    assert_int_equal(
        read_file(alertjson_prom_alerts, "prom_alerts.json", 200, &r), 0);
    assert_null(r.error);
    assert_non_null(r.alerts);
    assert_int_equal(r.alerts->nalerts, 5);
    const Alert *a = find_alert(r.alerts, "SLOBurnRateFast");
    assert_non_null(a);
    assert_int_equal(a->state, ALERT_FIRING);
    assert_int_equal(a->nlabels, 6);
    for (int i = 1; i < a->nlabels; i++) /* sorted by name */
        assert_true(strcmp(a->labels[i - 1].name, a->labels[i].name) < 0);
    assert_string_equal(alert_label(a, "service"), "api-gateway");
    assert_string_equal(alert_annotation(a, "summary"),
                        "api-gateway availability SLO burning fast");
    assert_string_equal(alert_runbook(a),
                        "https://runbooks.nexus.example/slo-burn-rate");
    assert_true(fabs(a->active_at - 1796293564.350073517) < 1e-6);
    assert_string_equal(a->value, "6.56723e+01");
    assert_int_equal(a->silenced, 0);
    assert_null(a->fingerprint);
    a = find_alert(r.alerts, "SLOBurnRateFastHeld");
    assert_int_equal(a->state, ALERT_PENDING);
    assert_null(alert_runbook(a));
    result_free(&r);

    assert_int_equal(
        read_file(alertjson_prom_alerts, "prom_alerts_small.json", 200, &r), 0);
    a = find_alert(r.alerts, "AlwaysFiring");
    assert_string_equal(alert_annotation(a, "description"),
                        "Always \"on\"\nsecond line");
    assert_string_equal(a->value, "1e+00");
    result_free(&r);

    assert_int_equal(
        read_file(alertjson_prom_alerts, "prom_alerts_empty.json", 200, &r), 0);
    assert_int_equal(r.alerts->nalerts, 0);
    result_free(&r);

    assert_int_equal(
        read_str(alertjson_prom_alerts, "Service Unavailable", 503, &r), -1);
    assert_string_equal(r.error, "HTTP 503: Service Unavailable");
    assert_null(r.alerts);
    result_free(&r);
}

static void test_prom_alerts_shapes(void **state)
{
    (void)state;
    Result r;
    /* No activeAt or value: NaN and none. */
    assert_int_equal(
        read_str(alertjson_prom_alerts,
                 "{\"status\":\"success\",\"data\":{\"alerts\":[{\"labels\":"
                 "{\"alertname\":\"A\"},\"state\":\"firing\"}]}}",
                 200, &r),
        0);
    assert_true(isnan(r.alerts->alerts[0].active_at));
    assert_null(r.alerts->alerts[0].value);
    result_free(&r);
    assert_int_equal(
        read_str(alertjson_prom_alerts,
                 "{\"status\":\"success\",\"data\":{\"alerts\":[{\"state\":"
                 "\"firing\",\"activeAt\":\"2026-03-01T04:10:00+01:00\","
                 "\"value\":\"+Inf\"}]}}",
                 200, &r),
        0);
    assert_true(r.alerts->alerts[0].active_at == 1772334600);
    assert_string_equal(r.alerts->alerts[0].value, "+Inf");
    result_free(&r);

#define A_ "{\"status\":\"success\",\"data\":{\"alerts\":"
    static const struct {
        const char *body;
        const char *want;
    } bad[] = {
        {A_ "{}}}", "malformed answer: data.alerts is not a list"},
        {"{\"status\":\"success\",\"data\":{}}",
         "malformed answer: no data.alerts"},
        {A_ "[7]}}", "malformed answer: data.alerts[0] is not an object"},
        {A_ "[{}]}}",
         "malformed answer: data.alerts[0].state is missing or not a string"},
        {A_ "[{\"state\":\"firing\"},{\"state\":1}]}}",
         "malformed answer: data.alerts[1].state is missing or not a string"},
        {A_ "[{\"state\":\"resolved\"}]}}",
         "malformed answer: data.alerts[0].state is neither firing nor "
         "pending"},
        {A_ "[{\"state\":\"firing\",\"labels\":\"x\"}]}}",
         "malformed answer: data.alerts[0].labels is not an object"},
        {A_ "[{\"state\":\"firing\",\"labels\":{\"a\":1}}]}}",
         "malformed answer: data.alerts[0].labels.a is not a string"},
        {A_ "[{\"state\":\"firing\",\"annotations\":{\"s\":[]}}]}}",
         "malformed answer: data.alerts[0].annotations.s is not a string"},
        {A_ "[{\"state\":\"firing\",\"activeAt\":\"yesterday\"}]}}",
         "malformed answer: data.alerts[0].activeAt is not an RFC 3339 time"},
        {A_ "[{\"state\":\"firing\",\"activeAt\":5}]}}",
         "malformed answer: data.alerts[0].activeAt is not an RFC 3339 time"},
        {A_ "[{\"state\":\"firing\",\"value\":\"abc\"}]}}",
         "malformed answer: data.alerts[0].value is not a number"},
        {A_ "[{\"state\":\"firing\"}", "truncated JSON answer (56 bytes)"},
    };
#undef A_
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int rc = read_str(alertjson_prom_alerts, bad[i].body, 200, &r);
        if (rc != -1 || !r.error || strcmp(r.error, bad[i].want) != 0) {
            print_error("case %zu %s: rc %d, error \"%s\", want \"%s\"\n", i,
                        bad[i].body, rc, r.error ? r.error : "(null)",
                        bad[i].want);
            fail();
        }
        assert_null(r.alerts);
        result_free(&r);
    }
}

static const Rule *find_rule(const AlertSet *s, const char *name)
{
    for (int i = 0; i < s->nrules; i++)
        if (!strcmp(s->rules[i].name, name))
            return &s->rules[i];
    return NULL;
}

static void test_prom_rules(void **state)
{
    (void)state;
    Result r;
    assert_int_equal(
        read_file(alertjson_prom_rules, "prom_rules.json", 200, &r), 0);
    assert_null(r.error);
    assert_int_equal(r.alerts->nrules, 16);
    const Rule *ru = find_rule(r.alerts, "HTTPErrorRateHigh");
    assert_non_null(ru);
    assert_string_equal(ru->type, "alerting");
    assert_string_equal(ru->group, "promboard-demo-http");
    assert_string_equal(ru->file, "/etc/prometheus/rules/alerts.yml");
    assert_string_equal(ru->query,
                        "sum(rate(http_requests_total{code=~\"5..\"}[5m])) / "
                        "sum(rate(http_requests_total[5m])) > 0.05");
    assert_string_equal(ru->state, "firing");
    assert_string_equal(ru->health, "ok");
    assert_null(ru->last_error);
    assert_true(ru->duration == 10);
    assert_true(ru->interval == 2);
    assert_int_equal(ru->nactive, 1);
    assert_true(ru->eval_seconds > 0 && ru->eval_seconds < 1);
    assert_false(isnan(ru->last_eval));
    assert_string_equal(ru->annotations[0].name, "description");
    assert_non_null(strstr(ru->annotations[0].value, "humanizePercentage"));
    ru = find_rule(r.alerts, "job:up:ratio");
    assert_string_equal(ru->type, "recording");
    assert_null(ru->state);
    assert_true(ru->interval == 15);
    result_free(&r);

    static const struct {
        const char *body;
        const char *want;
    } bad[] = {
        {"{\"status\":\"success\",\"data\":{}}",
         "malformed answer: no data.groups"},
        {"{\"status\":\"success\",\"data\":{\"groups\":[{\"rules\":5}]}}",
         "malformed answer: a group's rules is not a list"},
        {"{\"status\":\"success\",\"data\":{\"groups\":[{\"name\":\"g\","
         "\"rules\":[{\"query\":\"up\"}]}]}}",
         "malformed answer: data.groups[0].rules[0].name is missing"},
        {"{\"status\":\"success\",\"data\":{\"groups\":[{\"name\":\"g\","
         "\"rules\":[{\"name\":\"r\",\"duration\":\"5m\"}]}]}}",
         "malformed answer: data.groups[0].rules[0].duration is not a number"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int rc = read_str(alertjson_prom_rules, bad[i].body, 200, &r);
        if (rc != -1 || !r.error || strcmp(r.error, bad[i].want) != 0) {
            print_error("case %zu: rc %d, error \"%s\", want \"%s\"\n", i, rc,
                        r.error ? r.error : "(null)", bad[i].want);
            fail();
        }
        result_free(&r);
    }
}

static void test_am_alerts(void **state)
{
    (void)state;
    Result r;
    assert_int_equal(read_file(alertjson_am_alerts, "am_alerts.json", 200, &r),
                     0);
    assert_null(r.error);
    assert_int_equal(r.alerts->nalerts, 4);
    const Alert *a = find_alert(r.alerts, "HTTPLatencyP95High");
    assert_int_equal(a->state, ALERT_FIRING);
    assert_int_equal(a->inhibited, 1);
    assert_int_equal(a->silenced, 0);
    assert_int_equal(a->ninhibited_by, 1);
    assert_string_equal(a->inhibited_by[0], "a66dfa76387803a8");
    assert_string_equal(a->fingerprint, "585bbac9b76d4fc7");
    assert_string_equal(a->receivers, "on-call");
    assert_string_equal(alert_label(a, "stack"), "promboard-demo");
    assert_true(fabs(a->active_at - 1796293575.951) < 1e-6);
    assert_false(isnan(a->ends_at));
    assert_null(a->value);
    assert_non_null(strstr(a->generator_url, "http://prometheus:9090/graph"));
    a = find_alert(r.alerts, "SLOBurnRateSlow");
    assert_int_equal(a->silenced, 1);
    assert_int_equal(a->inhibited, 0);
    assert_string_equal(a->silenced_by[0],
                        "803b6fcf-ff64-4ed8-8d17-eb45cbf26665");
    result_free(&r);

    static const struct {
        const char *body;
        long status;
        const char *want;
    } bad[] = {
        {"{\"alerts\":[]}", 200,
         "unexpected answer (HTTP 200): not a JSON list"},
        {"[{\"labels\":{\"a\":2}}]", 200,
         "malformed answer: alerts[0].labels.a is not a string"},
        {"[{\"status\":{\"silencedBy\":[1]}}]", 200,
         "malformed answer: alerts[0].silencedBy holds something not a "
         "string"},
        {"[{\"startsAt\":\"soon\"}]", 200,
         "malformed answer: alerts[0].startsAt is not an RFC 3339 time"},
        {"\"bad matcher format: x\"", 400, "HTTP 400: bad matcher format: x"},
        {"{\"code\":601,\"message\":\"no\"}", 422, "HTTP 422: no"},
        {"<html><title>502 Bad Gateway</title></html>", 502,
         "HTTP 502: 502 Bad Gateway"},
        {"[", 200, "answer is not JSON (HTTP 200): ["},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int rc = read_str(alertjson_am_alerts, bad[i].body, bad[i].status, &r);
        if (rc != -1 || !r.error || strcmp(r.error, bad[i].want) != 0) {
            print_error("case %zu: rc %d, error \"%s\", want \"%s\"\n", i, rc,
                        r.error ? r.error : "(null)", bad[i].want);
            fail();
        }
        assert_int_equal(r.http_status, bad[i].status);
        result_free(&r);
    }
}

static void test_am_groups_and_silences(void **state)
{
    (void)state;
    Result r;
    assert_int_equal(read_file(alertjson_am_groups, "am_groups.json", 200, &r),
                     0);
    assert_int_equal(r.alerts->ngroups, 4);
    for (int i = 0; i < r.alerts->ngroups; i++) {
        const AlertGroup *g = &r.alerts->groups[i];
        assert_int_equal(g->nlabels, 1); /* grouped by alertname */
        assert_string_equal(g->labels[0].name, "alertname");
        assert_string_equal(g->receiver, "on-call");
        assert_int_equal(g->nfingerprints, 1);
    }
    result_free(&r);

    assert_int_equal(
        read_file(alertjson_am_silences, "am_silences.json", 200, &r), 0);
    assert_int_equal(r.alerts->nsilences, 2);
    const Silence *s = &r.alerts->silences[0];
    assert_string_equal(s->id, "803b6fcf-ff64-4ed8-8d17-eb45cbf26665");
    assert_int_equal(s->state, SILENCE_ACTIVE);
    assert_string_equal(s->created_by, "alice");
    assert_string_equal(s->comment, "known slow burn, ticket OPS-12");
    assert_int_equal(s->nmatchers, 2);
    assert_string_equal(s->matchers[1].name, "service");
    assert_int_equal(s->matchers[1].regex, 1);
    assert_int_equal(s->matchers[1].equal, 1);
    assert_true(s->ends_at - s->starts_at > 7100 &&
                s->ends_at - s->starts_at < 7200);
    assert_int_equal(r.alerts->silences[1].state, SILENCE_EXPIRED);
    result_free(&r);

    assert_int_equal(read_str(alertjson_am_silences,
                              "[{\"status\":{\"state\":\"active\"}}]", 200, &r),
                     -1);
    assert_string_equal(r.error, "malformed answer: silences[0].id is missing");
    result_free(&r);
}

static void test_am_write(void **state)
{
    (void)state;
    Result r;
    assert_int_equal(read_str(alertjson_am_write,
                              "{\"silenceID\":\"326fcc14-66a9\"}", 200, &r),
                     0);
    assert_string_equal(r.alerts->silence_id, "326fcc14-66a9");
    result_free(&r);
    assert_int_equal(alertjson_am_write(NULL, 0, 200, &r), 0); /* expired */
    assert_null(r.error);
    assert_null(r.alerts->silence_id);
    result_free(&r);
    assert_int_equal(
        read_str(alertjson_am_write, "\"silence not found\"", 500, &r), -1);
    assert_string_equal(r.error, "HTTP 500: silence not found");
    result_free(&r);
    assert_int_equal(
        read_str(alertjson_am_write,
                 "{\"code\":400,\"message\":\"parsing silence body failed\"}",
                 400, &r),
        -1);
    assert_string_equal(r.error, "HTTP 400: parsing silence body failed");
    result_free(&r);
}

/* Every proper prefix of a good answer is refused, never crashes. */
static void test_every_truncation(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        Reader rd;
    } f[] = {
        {"prom_alerts.json", alertjson_prom_alerts},
        {"prom_rules.json", alertjson_prom_rules},
        {"am_alerts.json", alertjson_am_alerts},
        {"am_groups.json", alertjson_am_groups},
        {"am_silences.json", alertjson_am_silences},
    };
    for (size_t k = 0; k < sizeof f / sizeof f[0]; k++) {
        size_t len;
        char *body = load(f[k].file, &len);
        for (size_t n = 0; n < len; n++) {
            /* trailing blanks cut off are still the whole answer */
            int rest_blank = 1;
            for (size_t j = n; j < len; j++)
                rest_blank &= body[j] == '\n' || body[j] == ' ';
            if (rest_blank)
                break;
            char *cut = malloc(n ? n : 1);
            assert_non_null(cut);
            memcpy(cut, body, n);
            Result r;
            int rc = f[k].rd(cut, n, 200, &r);
            if (rc != -1 || !r.error || r.alerts) {
                print_error("%s cut at %zu was accepted\n", f[k].file, n);
                fail();
            }
            result_free(&r);
            free(cut);
        }
        free(body);
    }
}

/* Answers with bytes flipped, dropped and doubled at random places (a
 * fixed sequence): each is read or refused with one line, never a crash or
 * a leak, and what is read joins and sorts. */
static void test_mutations(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        Reader rd;
    } f[] = {
        {"prom_alerts.json", alertjson_prom_alerts},
        {"prom_rules.json", alertjson_prom_rules},
        {"am_alerts.json", alertjson_am_alerts},
        {"am_groups.json", alertjson_am_groups},
        {"am_silences.json", alertjson_am_silences},
    };
    static const char junk[] = "\"{}[],:0\\\x01\xff-e.nul";
    unsigned seed = 12345;
    int read = 0, refused = 0;
    for (size_t k = 0; k < sizeof f / sizeof f[0]; k++) {
        size_t len;
        char *body = load(f[k].file, &len);
        for (int round = 0; round < 400; round++) {
            char *m = malloc(len + 8);
            assert_non_null(m);
            memcpy(m, body, len);
            size_t n = len;
            for (int e = 0; e < 1 + round % 3; e++) {
                seed = seed * 1103515245u + 12345u;
                size_t at = (seed >> 8) % n;
                char c = junk[(seed >> 20) % (sizeof junk - 1)];
                switch ((seed >> 16) % 3) {
                case 0: /* flip */
                    m[at] = c;
                    break;
                case 1: /* drop */
                    memmove(m + at, m + at + 1, n - at - 1);
                    n--;
                    break;
                default: /* double */
                    memmove(m + at + 1, m + at, n - at);
                    n++;
                    break;
                }
            }
            char *exact = malloc(n ? n : 1); /* no slack for ASan to miss */
            assert_non_null(exact);
            memcpy(exact, m, n);
            free(m);
            Result r;
            if (f[k].rd(exact, n, 200, &r) == 0) {
                read++;
                assert_null(r.error);
                assert_non_null(r.alerts);
                AlertStore st = {0};
                st.prom_alerts.set = r.alerts;
                st.am_alerts.set = r.alerts;
                int rows;
                free(alerts_rows(&st, ALERTS_FROM_PROM | ALERTS_FROM_AM, NULL,
                                 &rows));
            } else {
                refused++;
                assert_non_null(r.error);
                assert_null(r.alerts);
                assert_null(strchr(r.error, '\n'));
            }
            result_free(&r);
            free(exact);
        }
        free(body);
    }
    assert_true(read > 0 && refused > 0);
}

/* A series of a hand-made instant answer: "name=value" pairs, one point. */
static void add_series(Result *r, const char *const *pairs, int n, double v)
{
    Series *ns = realloc(r->series, sizeof *ns * (size_t)(r->nseries + 1));
    assert_non_null(ns);
    r->series = ns;
    Series *s = &r->series[r->nseries++];
    memset(s, 0, sizeof *s);
    s->labels = calloc((size_t)n, sizeof *s->labels);
    assert_non_null(s->labels);
    for (int i = 0; i < n; i++) {
        const char *eq = strchr(pairs[i], '=');
        s->labels[i].name = strndup(pairs[i], (size_t)(eq - pairs[i]));
        s->labels[i].value = strdup(eq + 1);
        s->nlabels++;
    }
    s->points = malloc(sizeof *s->points);
    s->points[0] = (Point){1796293600, v};
    s->npoints = 1;
}

/* What Prometheus recorded at an instant (ALERTS, ALERTS_FOR_STATE) with
 * the annotations its rules can give without the value. */
static void test_from_series(void **state)
{
    (void)state;
    Result al = {.type = RESULT_VECTOR}, fs = {.type = RESULT_VECTOR}, rr;
    const char *fast[] = {"__name__=ALERTS",   "alertname=SLOBurnRateFast",
                          "alertstate=firing", "service=api-gateway",
                          "severity=critical", "slo_name=availability"};
    const char *fast_for[] = {
        "__name__=ALERTS_FOR_STATE", "alertname=SLOBurnRateFast",
        "service=api-gateway", "severity=critical", "slo_name=availability"};
    const char *err[] = {"alertname=HTTPErrorRateHigh", "alertstate=pending",
                         "severity=critical", "__name__=ALERTS"};
    const char *odd[] = {"alertname=X", "alertstate=inactive"};
    add_series(&al, fast, 6, 1);
    add_series(&al, err, 4, 1);
    add_series(&al, odd, 2, 1);
    add_series(&fs, fast_for, 5, 1796293564.35);
    assert_int_equal(
        read_file(alertjson_prom_rules, "prom_rules.json", 200, &rr), 0);
    AlertSet *set = alertset_from_series(&al, &fs, rr.alerts);
    assert_non_null(set);
    assert_int_equal(set->nalerts, 2);
    const Alert *a = find_alert(set, "SLOBurnRateFast");
    assert_int_equal(a->state, ALERT_FIRING);
    assert_int_equal(a->nlabels, 4); /* no __name__, no alertstate */
    assert_null(alert_label(a, "alertstate"));
    assert_true(a->active_at == 1796293564.35);
    assert_null(a->value);
    assert_string_equal(alert_annotation(a, "summary"),
                        "api-gateway availability SLO burning fast");
    assert_string_equal(alert_runbook(a),
                        "https://runbooks.nexus.example/slo-burn-rate");
    a = find_alert(set, "HTTPErrorRateHigh");
    assert_int_equal(a->state, ALERT_PENDING);
    assert_true(isnan(a->active_at));
    assert_string_equal(alert_annotation(a, "summary"),
                        "HTTP 5xx error rate above 5%");
    assert_null(alert_annotation(a, "description")); /* needs $value */
    alertset_unref(set);
    /* no rules, nothing recorded */
    set = alertset_from_series(&al, NULL, NULL);
    assert_int_equal(set->nalerts, 2);
    assert_int_equal(set->alerts[0].nannotations, 0);
    alertset_unref(set);
    Result none = {0};
    set = alertset_from_series(&none, NULL, NULL);
    assert_int_equal(set->nalerts, 0);
    alertset_unref(set);
    result_free(&al);
    result_free(&fs);
    result_free(&rr);
}

static void test_severity(void **state)
{
    (void)state;
    assert_int_equal(alert_severity_rank("critical"), 0);
    assert_int_equal(alert_severity_rank("P1"), 0);
    assert_int_equal(alert_severity_rank("Warning"), 1);
    assert_int_equal(alert_severity_rank("p2"), 1);
    assert_int_equal(alert_severity_rank("info"), 2);
    assert_int_equal(alert_severity_rank("P3"), 2);
    assert_int_equal(alert_severity_rank("whatever"), 3);
    assert_int_equal(alert_severity_rank(NULL), 3);
}

static void test_silence_matches(void **state)
{
    (void)state;
    Label l[] = {{"alertname", "X"}, {"service", "report-service"}};
    Alert a = {.labels = l, .nlabels = 2};
    SilenceMatcher m[] = {{"alertname", "X", 0, 1},
                          {"service", "report-.*", 1, 1}};
    Silence s = {.matchers = m, .nmatchers = 2};
    assert_int_equal(silence_matches(&s, &a), 1);
    m[1].value = "report"; /* anchored: a prefix does not match */
    assert_int_equal(silence_matches(&s, &a), 0);
    m[1].value = "auth-.*";
    m[1].equal = 0; /* service !~ auth-.* */
    assert_int_equal(silence_matches(&s, &a), 1);
    m[1] = (SilenceMatcher){"team", "", 0, 1}; /* absent label is "" */
    assert_int_equal(silence_matches(&s, &a), 1);
    m[1] = (SilenceMatcher){"team", "sre", 0, 1};
    assert_int_equal(silence_matches(&s, &a), 0);
    s.nmatchers = 0; /* no matcher matches nothing */
    assert_int_equal(silence_matches(&s, &a), 0);
}

/* The store of the fixtures: Prometheus' alerts and rules, Alertmanager's
 * alerts and silences. */
static void store_load(AlertStore *st)
{
    memset(st, 0, sizeof *st);
    Result r;
    assert_int_equal(
        read_file(alertjson_prom_alerts, "prom_alerts.json", 200, &r), 0);
    st->prom_alerts.set = alertset_ref(r.alerts);
    result_free(&r);
    assert_int_equal(
        read_file(alertjson_prom_rules, "prom_rules.json", 200, &r), 0);
    st->prom_rules.set = alertset_ref(r.alerts);
    result_free(&r);
    assert_int_equal(read_file(alertjson_am_alerts, "am_alerts.json", 200, &r),
                     0);
    st->am_alerts.set = alertset_ref(r.alerts);
    result_free(&r);
    assert_int_equal(
        read_file(alertjson_am_silences, "am_silences.json", 200, &r), 0);
    st->am_silences.set = alertset_ref(r.alerts);
    result_free(&r);
    st->have_am = 1;
}

static void store_free(AlertStore *st)
{
    alertfeed_clear(&st->prom_alerts);
    alertfeed_clear(&st->prom_rules);
    alertfeed_clear(&st->am_alerts);
    alertfeed_clear(&st->am_silences);
}

static void test_rows(void **state)
{
    (void)state;
    AlertStore st;
    store_load(&st);
    int n;
    AlertRow *rows = alerts_rows(&st, ALERTS_FROM_PROM, NULL, &n);
    assert_int_equal(n, 5);
    /* not suppressed first, critical before warning, firing before
     * pending; the suppressed two last */
    static const char *const want[] = {"SLOBurnRateFast", "HTTPErrorRateHigh",
                                       "SLOBurnRateFastHeld", "SLOBurnRateSlow",
                                       "HTTPLatencyP95High"};
    for (int i = 0; i < n; i++)
        assert_string_equal(rows[i].name, want[i]);
    /* both critical: SLOBurnRateFast fired 1.6 s earlier, so comes first */
    assert_int_equal(rows[1].rank, 0);
    assert_non_null(rows[1].prom);
    assert_non_null(rows[1].am);
    assert_ptr_equal(rows[1].a, rows[1].prom);
    assert_non_null(rows[1].rule);
    assert_string_equal(rows[1].rule->name, "HTTPErrorRateHigh");
    /* firing since Alertmanager's startsAt, not Prometheus' activeAt */
    assert_true(fabs(rows[1].since - 1796293575.951) < 1e-6);
    assert_true(fabs(rows[0].since - 1796293574.350) < 1e-6);
    assert_int_equal(rows[2].state, ALERT_PENDING);
    assert_null(rows[2].am);
    assert_true(fabs(rows[2].since - 1796293608.350073517) < 1e-6);
    assert_int_equal(rows[2].rank, 0); /* P1 */
    assert_int_equal(rows[4].inhibited, 1);
    assert_int_equal(rows[4].silenced, 0);
    assert_int_equal(rows[3].silenced, 1);
    const Silence *sil[4];
    assert_int_equal(alerts_row_silences(&st, &rows[3], sil, 4), 1);
    assert_string_equal(sil[0]->created_by, "alice");
    assert_int_equal(alerts_row_silences(&st, &rows[0], sil, 4), 0);
    free(rows);

    /* Alertmanager's view: its four alerts with its own labels */
    rows = alerts_rows(&st, ALERTS_FROM_AM, NULL, &n);
    assert_int_equal(n, 4);
    for (int i = 0; i < n; i++) {
        assert_ptr_equal(rows[i].a, rows[i].am);
        assert_string_equal(alert_label(rows[i].a, "stack"), "promboard-demo");
        assert_non_null(rows[i].prom); /* its value from Prometheus */
    }
    free(rows);

    /* without Alertmanager's answer: since = activeAt + for */
    alertfeed_clear(&st.am_alerts);
    rows = alerts_rows(&st, ALERTS_FROM_PROM | ALERTS_FROM_AM, NULL, &n);
    assert_int_equal(n, 5);
    assert_string_equal(rows[0].name, "SLOBurnRateFast");
    assert_true(fabs(rows[0].since - (1796293564.350073517 + 10)) < 1e-6);
    assert_int_equal(rows[3].silenced + rows[3].inhibited, 0);
    free(rows);
    store_free(&st);

    AlertStore empty = {0};
    assert_null(alerts_rows(&empty, ALERTS_FROM_PROM, NULL, &n));
    assert_int_equal(n, 0);
}

static void test_silence_body(void **state)
{
    (void)state;
    Label l[] = {{"alertname", "SLOBurnRateFast"}, {"service", "a\"b"}};
    char *body = alerts_silence_body(l, 2, 1772334600.25, 1772338200, "bob",
                                     "looking into it");
    assert_non_null(body);
    cJSON *o = cJSON_Parse(body);
    assert_non_null(o);
    cJSON *ms = cJSON_GetObjectItem(o, "matchers");
    assert_int_equal(cJSON_GetArraySize(ms), 2);
    cJSON *m = cJSON_GetArrayItem(ms, 1);
    assert_string_equal(cJSON_GetObjectItem(m, "name")->valuestring, "service");
    assert_string_equal(cJSON_GetObjectItem(m, "value")->valuestring, "a\"b");
    assert_true(cJSON_IsFalse(cJSON_GetObjectItem(m, "isRegex")));
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(m, "isEqual")));
    assert_string_equal(cJSON_GetObjectItem(o, "startsAt")->valuestring,
                        "2026-03-01T03:10:00.250Z");
    assert_string_equal(cJSON_GetObjectItem(o, "endsAt")->valuestring,
                        "2026-03-01T04:10:00.000Z");
    assert_string_equal(cJSON_GetObjectItem(o, "createdBy")->valuestring,
                        "bob");
    assert_string_equal(cJSON_GetObjectItem(o, "comment")->valuestring,
                        "looking into it");
    cJSON_Delete(o);
    free(body);
}

static void test_refs(void **state)
{
    (void)state;
    Result r, copy = {0};
    assert_int_equal(read_file(alertjson_am_alerts, "am_alerts.json", 200, &r),
                     0);
    copy.alerts = alertset_ref(r.alerts);
    assert_int_equal(r.alerts->refs, 2);
    result_free(&r);
    assert_int_equal(copy.alerts->nalerts, 4); /* still there */
    result_free(&copy);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        dir = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prom_alerts),
        cmocka_unit_test(test_prom_alerts_shapes),
        cmocka_unit_test(test_prom_rules),
        cmocka_unit_test(test_am_alerts),
        cmocka_unit_test(test_am_groups_and_silences),
        cmocka_unit_test(test_am_write),
        cmocka_unit_test(test_every_truncation),
        cmocka_unit_test(test_mutations),
        cmocka_unit_test(test_from_series),
        cmocka_unit_test(test_severity),
        cmocka_unit_test(test_silence_matches),
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_silence_body),
        cmocka_unit_test(test_refs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
