/* test_prom.c - unit tests of datasource/prom.c without a real Prometheus:
 * URL checks, an unreachable port (127.0.0.1:1), and a tiny HTTP/1.1 server
 * forked on a loopback port that answers canned bodies, echoes requests
 * back, stalls, or answers too much, to check request shape, keep-alive,
 * sharing of identical queries, the FIFO cap, size cap, timeout and waits. */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "datasource/alerts.h"
#include "datasource/prom.h"

#ifndef PROMBOARD_VERSION
#define PROMBOARD_VERSION "0.1.0"
#endif

#include "fake_server.h"

/* ---- the client side ---- */

#define MAX_GOT 16

typedef struct {
    int calls;
    Result res[MAX_GOT];
    int tag[MAX_GOT];
    double secs[MAX_GOT];
    char expr[MAX_GOT][128];
    Prom *resubmit; /* when set, the first callback submits its query again */
} Got;

typedef struct {
    Got *got;
    int tag;
} Sink;

static void on_result(void *ud, const PromQuery *q, Result *res, double secs)
{
    Sink *s = ud;
    Got *g = s->got;
    if (g->calls < MAX_GOT) {
        g->res[g->calls] = *res; /* keep: move the contents */
        g->tag[g->calls] = s->tag;
        g->secs[g->calls] = secs;
        snprintf(g->expr[g->calls], sizeof g->expr[0], "%s", q->expr);
    } else {
        result_free(res);
    }
    g->calls++;
    if (g->resubmit) {
        Prom *p = g->resubmit;
        g->resubmit = NULL;
        assert_int_equal(prom_submit(p, q, on_result, ud), 0);
    }
}

static void got_free(Got *g)
{
    for (int i = 0; i < g->calls && i < MAX_GOT; i++)
        result_free(&g->res[i]);
    memset(g, 0, sizeof *g);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs the loop until `want` callbacks arrived (fails after 10 s). */
static void drive(Prom *p, Got *g, int want)
{
    double t0 = now_s();
    while (g->calls < want) {
        assert_true(prom_wait(p, -1, 100) >= 0);
        prom_progress(p);
        if (now_s() - t0 > 10) {
            print_error("only %d of %d callbacks after 10 s\n", g->calls, want);
            fail();
        }
    }
}

static Prom *make(const char *url, long timeout_ms, size_t max_body,
                  int max_in_flight)
{
    PromOptions o = {.url = url,
                     .timeout_ms = timeout_ms,
                     .max_body_bytes = max_body,
                     .max_in_flight = max_in_flight};
    char *err = NULL;
    Prom *p = prom_new(&o, &err);
    if (!p) {
        print_error("prom_new(%s): %s\n", url, err ? err : "?");
        free(err);
        fail();
    }
    assert_null(err);
    return p;
}

static void test_bad_urls(void **state)
{
    (void)state;
    static const struct {
        const char *url;
        const char *want;
    } cases[] = {
        {"", "no Prometheus URL given"},
        {"localhost:9090",
         "bad URL \"localhost:9090\": it must start with http:// or https://"},
        {"admin:pw@localhost:9090",
         "bad URL \"localhost:9090\": it must start with http:// or https://"},
        {"ftp://host/", "bad URL \"ftp://host/\": the scheme must be http or "
                        "https, not \"ftp\""},
        {"http://", "bad URL \"http://\": No host part in the URL"},
        {"http://u:secret@", "bad URL \"http://\": No host part in the URL"},
        {"http://ho st:9090", "bad URL \"http://ho st:9090\": Bad hostname"},
        {"http://host:9090/?x=1",
         "bad URL \"http://host:9090/?x=1\": a server's address has no \"?\" "
         "or \"#\" part; use the server's base URL: http://host:9090"},
        /* addresses pasted from a browser: the base URL they came from */
        {"http://host:9090/graph?g0.expr=up&g0.tab=0",
         "bad URL \"http://host:9090/graph?g0.expr=up&g0.tab=0\": a page of "
         "the server's UI or API, not its address; use the server's base URL: "
         "http://host:9090"},
        {"https://u:pw@mon.example.com/prometheus/graph",
         "bad URL \"https://mon.example.com/prometheus/graph\": a page of the "
         "server's UI or API, not its address; use the server's base URL: "
         "https://mon.example.com/prometheus"},
        {"http://host:9090/classic/graph?g0.expr=up",
         "bad URL \"http://host:9090/classic/graph?g0.expr=up\": a page of the "
         "server's UI or API, not its address; use the server's base URL: "
         "http://host:9090"},
        {"http://host:9090/api/v1/query",
         "bad URL \"http://host:9090/api/v1/query\": a page of the server's UI "
         "or API, not its address; use the server's base URL: "
         "http://host:9090"},
        {"http://host:9090/targets/",
         "bad URL \"http://host:9090/targets/\": a page of the server's UI or "
         "API, not its address; use the server's base URL: http://host:9090"},
        {"http://host:9093/#/alerts",
         "bad URL \"http://host:9093/#/alerts\": a server's address has no "
         "\"?\" or \"#\" part; use the server's base URL: http://host:9093"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        PromOptions o = {.url = cases[i].url};
        char *err = NULL;
        Prom *p = prom_new(&o, &err);
        assert_null(p);
        assert_non_null(err);
        assert_string_equal(err, cases[i].want);
        free(err);
    }
    char *err = NULL;
    assert_null(prom_new(NULL, &err));
    assert_string_equal(err, "no Prometheus URL given");
    free(err);
    PromOptions o = {.url = "ftp://x"};
    assert_null(prom_new(&o, NULL)); /* err may be NULL */

    Prom *p = make("https://user:pw@example.com:9090/prom/", 0, 0, 0);
    assert_string_equal(prom_url(p), "https://example.com:9090/prom/");
    prom_free(p);
    /* a route prefix that merely looks like a page is a prefix */
    p = make("http://example.com/graphs/prometheus", 0, 0, 0);
    assert_string_equal(prom_url(p), "http://example.com/graphs/prometheus");
    prom_free(p);
    p = make("http://example.com/select/0/prometheus", 0, 0, 0);
    assert_int_equal(prom_pending(p), 0);
    assert_int_equal(prom_progress(p), 0);
    prom_free(p);
    prom_free(NULL);
}

static void test_unreachable(void **state)
{
    (void)state;
    Prom *p = make("http://admin:hunter2@127.0.0.1:1", 0, 0, 0);
    assert_string_equal(prom_url(p), "http://127.0.0.1:1");
    Got g = {0};
    Sink a = {&g, 1};
    PromQuery q = {.type = PQ_INSTANT, .expr = "up", .time = 1772334600};
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    assert_int_equal(prom_pending(p), 1);
    drive(p, &g, 1);
    assert_int_equal(g.calls, 1);
    assert_string_equal(
        g.res[0].error,
        "cannot connect to http://127.0.0.1:1 (Couldn't connect to server)");
    assert_int_equal(g.res[0].type, RESULT_NONE);
    assert_int_equal(g.res[0].http_status, 0);
    assert_int_equal(g.res[0].nseries, 0);
    assert_string_equal(g.expr[0], "up");
    assert_true(g.secs[0] >= 0 && g.secs[0] < 5);
    assert_int_equal(prom_pending(p), 0);
    got_free(&g);
    prom_free(p);
}

static void test_dedup_unreachable(void **state)
{
    (void)state;
    Prom *p = make("http://127.0.0.1:1", 0, 0, 0);
    Got g = {0};
    Sink a = {&g, 1}, b = {&g, 2}, c = {&g, 3}, d = {&g, 4};
    PromQuery q = {.type = PQ_INSTANT, .expr = "up", .time = 1772334600};
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    assert_int_equal(prom_submit(p, &q, on_result, &b), 0);
    assert_int_equal(prom_pending(p), 1); /* one transfer, two subscribers */
    PromQuery q2 = q;
    q2.time += 15;
    assert_int_equal(prom_submit(p, &q2, on_result, &c), 0);
    PromQuery q3 = {.type = PQ_RANGE,
                    .expr = "up",
                    .start = 1772331000,
                    .end = 1772334600,
                    .step = 15};
    assert_int_equal(prom_submit(p, &q3, on_result, &d), 0);
    assert_int_equal(prom_pending(p), 3);
    drive(p, &g, 4);
    assert_int_equal(g.calls, 4);
    int seen[5] = {0};
    for (int i = 0; i < 4; i++) {
        seen[g.tag[i]]++;
        assert_string_equal(g.res[i].error,
                            "cannot connect to http://127.0.0.1:1 (Couldn't "
                            "connect to server)");
    }
    assert_int_equal(seen[1] + seen[2] + seen[3] + seen[4], 4);
    assert_true(seen[1] == 1 && seen[2] == 1 && seen[3] == 1 && seen[4] == 1);
    /* The two subscribers got separate copies. */
    assert_ptr_not_equal(g.res[0].error, g.res[1].error);
    got_free(&g);
    prom_free(p);
}

/* "conn=N req=M\n<request>" from an echo answer. */
/* The request the fake server echoed. The client cleans what a server
 * says, so each CR came back as a space: put them back, to compare with
 * what was sent. Valid until the next call. */
static const char *echo_text(const Result *r)
{
    static char buf[CLIENT_BUF];
    assert_null(r->error);
    assert_int_equal(r->type, RESULT_STRING);
    assert_int_equal(r->nseries, 1);
    const char *t = series_label(&r->series[0], "__string__");
    assert_non_null(t);
    assert_true(strlen(t) < sizeof buf);
    strcpy(buf, t);
    for (char *c = strstr(buf, " \n"); c; c = strstr(c + 2, " \n"))
        c[0] = '\r';
    return buf;
}

static void echo_ids(const Result *r, int *conn, int *req)
{
    assert_int_equal(sscanf(echo_text(r), "conn=%d req=%d", conn, req), 2);
}

static void test_success_and_request_shape(void **state)
{
    Server *s = *state;
    Prom *p = make(s->url, 0, 0, 0);
    Got g = {0};
    Sink a = {&g, 1};

    PromQuery q = {.type = PQ_INSTANT, .expr = "up", .time = 1772334600};
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    drive(p, &g, 1);
    assert_null(g.res[0].error);
    assert_int_equal(g.res[0].http_status, 200);
    assert_int_equal(g.res[0].type, RESULT_VECTOR);
    assert_int_equal(g.res[0].nseries, 1);
    assert_string_equal(series_label(&g.res[0].series[0], "job"), "fake");
    got_free(&g);

    PromQuery e = {.type = PQ_INSTANT,
                   .expr = "echo sum(rate(x[5m])) / 2",
                   .time = 1772334600.125};
    assert_int_equal(prom_submit(p, &e, on_result, &a), 0);
    drive(p, &g, 1);
    const char *t = echo_text(&g.res[0]);
    assert_non_null(strstr(t, "\nPOST /api/v1/query HTTP/1.1\r\n"));
    assert_non_null(
        strstr(t, "\r\nUser-Agent: promboard/" PROMBOARD_VERSION "\r\n"));
    assert_non_null(
        strstr(t, "\r\nContent-Type: application/x-www-form-urlencoded\r\n"));
    assert_non_null(strstr(t, "\r\nAccept: application/json\r\n"));
    /* on this machine, answers are not asked for compressed */
    assert_null(strstr(t, "\r\nAccept-Encoding: "));
    const char *body = strstr(t, "\r\n\r\n");
    assert_non_null(body);
    assert_string_equal(body + 4,
                        "query=echo%20sum%28rate%28x%5B5m%5D%29%29%20%2F%202"
                        "&time=1772334600.125");
    got_free(&g);

    PromQuery r = {.type = PQ_RANGE,
                   .expr = "echo",
                   .start = 1772331000,
                   .end = 1772334600,
                   .step = 15};
    assert_int_equal(prom_submit(p, &r, on_result, &a), 0);
    drive(p, &g, 1);
    t = echo_text(&g.res[0]);
    assert_non_null(strstr(t, "\nPOST /api/v1/query_range HTTP/1.1\r\n"));
    body = strstr(t, "\r\n\r\n");
    assert_string_equal(
        body + 4,
        "query=echo&start=1772331000.000&end=1772334600.000&step=15.000");
    got_free(&g);

    PromQuery al = {.type = PQ_ALERTS};
    assert_int_equal(prom_submit(p, &al, on_result, &a), 0);
    drive(p, &g, 1);
    assert_null(g.res[0].error);
    assert_non_null(g.res[0].alerts);
    assert_int_equal(g.res[0].alerts->nalerts, 1);
    assert_string_equal(alert_label(&g.res[0].alerts->alerts[0], "alertname"),
                        "Fake");
    assert_int_equal(g.res[0].alerts->alerts[0].state, ALERT_FIRING);
    assert_true(g.res[0].alerts->alerts[0].active_at == 1772334600.5);
    got_free(&g);
    prom_free(p);
}

/* Query parameters go with every query, range query and label request,
 * not with status requests; identical queries are still shared. */
static void test_params(void **state)
{
    Server *s = *state;
    Prom *p = make(s->url, 0, 0, 0);
    Got g = {0};
    Sink a = {&g, 1};
    assert_string_equal(prom_params(p, 0), "");
    assert_int_equal(prom_set_params(p, 0, "nocache=1&latency_offset=1ms"), 0);
    assert_string_equal(prom_params(p, 0), "nocache=1&latency_offset=1ms");

    PromQuery e = {.type = PQ_INSTANT, .expr = "echo", .time = 5};
    assert_int_equal(prom_submit(p, &e, on_result, &a), 0);
    drive(p, &g, 1);
    const char *body = strstr(echo_text(&g.res[0]), "\r\n\r\n");
    assert_non_null(body);
    assert_string_equal(body + 4,
                        "query=echo&time=5.000&nocache=1&latency_offset=1ms");
    got_free(&g);

    PromQuery n = {.type = PQ_NAMES, .expr = "label/echo/values?start=1"};
    assert_int_equal(prom_submit(p, &n, on_result, &a), 0);
    drive(p, &g, 1);
    assert_null(g.res[0].error);
    assert_non_null(strstr(series_label(&g.res[0].series[0], "__string__"),
                           "GET /api/v1/label/echo/values?start=1&nocache=1"
                           "&latency_offset=1ms HTTP/1.1"));
    got_free(&g);
    assert_int_equal(prom_set_params(p, 0, "dedup=true"), 0);
    PromQuery st = {.type = PQ_STATUS, .expr = "echo"};
    assert_int_equal(prom_submit(p, &st, on_result, &a), 0);
    drive(p, &g, 1);
    assert_null(g.res[0].error);
    assert_string_equal(series_label(&g.res[0].series[0], "request"),
                        "GET /api/v1/status/echo HTTP/1.1");
    got_free(&g);

    assert_int_equal(prom_set_params(p, 0, NULL), 0);
    assert_string_equal(prom_params(p, 0), "");
    prom_free(p);
}

/* compression: on asks for every encoding libcurl inflates; one handle
 * and one connection serve request after request. */
static void test_compression_and_reuse(void **state)
{
    Server *s = *state;
    PromOptions o = {.url = s->url, .compression = PROM_COMPRESS_ON};
    char *err = NULL;
    Prom *p = prom_new(&o, &err);
    assert_non_null(p);
    Got g = {0};
    Sink a = {&g, 1};
    PromQuery e = {.type = PQ_INSTANT, .expr = "echo gz", .time = 1};
    assert_int_equal(prom_submit(p, &e, on_result, &a), 0);
    drive(p, &g, 1);
    const char *ae = strstr(echo_text(&g.res[0]), "\r\nAccept-Encoding: ");
    assert_non_null(ae);
    assert_non_null(strstr(ae, "gzip"));
    got_free(&g);
    PromStats st;
    prom_stats(p, &st);
    assert_int_equal(st.compressed, 1);
    /* ten requests in turn: one connection, the first one */
    int conn0 = 0, req0 = 0;
    for (int i = 0; i < 10; i++) {
        PromQuery q = {.type = i % 2 ? PQ_RANGE : PQ_INSTANT,
                       .expr = "echo",
                       .time = i,
                       .start = 0,
                       .end = i,
                       .step = 1};
        assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
        drive(p, &g, 1);
        assert_null(g.res[0].error);
        int conn, req;
        echo_ids(&g.res[0], &conn, &req);
        if (i == 0)
            conn0 = conn, req0 = req;
        assert_int_equal(conn, conn0);
        assert_int_equal(req, req0 + i);
        got_free(&g);
    }
    prom_stats(p, &st);
    assert_int_equal(st.transfers, 11);
    assert_int_equal(st.connections, 1);
    assert_true(st.wire_bytes > st.body_bytes && st.body_bytes > 0);
    prom_free(p);
    /* auto: compressed answers only from another machine */
    o.compression = PROM_COMPRESS_AUTO;
    p = prom_new(&o, &err);
    prom_stats(p, &st);
    assert_int_equal(st.compressed, 0);
    prom_free(p);
    o.url = "http://prometheus.example:9090";
    p = prom_new(&o, &err);
    prom_stats(p, &st);
    assert_int_equal(st.compressed, 1);
    prom_free(p);
}

static void test_keepalive_and_dedup(void **state)
{
    Server *s = *state;
    Prom *p = make(s->url, 0, 0, 0);
    Got g = {0};
    Sink a = {&g, 1}, b = {&g, 2};
    PromQuery e = {.type = PQ_INSTANT, .expr = "echo1", .time = 1};

    int conn1, req1, conn2, req2;
    assert_int_equal(prom_submit(p, &e, on_result, &a), 0);
    drive(p, &g, 1);
    echo_ids(&g.res[0], &conn1, &req1);
    got_free(&g);

    /* Identical query twice: one request, two answers with the same ids. */
    e.expr = "echo2";
    assert_int_equal(prom_submit(p, &e, on_result, &a), 0);
    assert_int_equal(prom_submit(p, &e, on_result, &b), 0);
    assert_int_equal(prom_pending(p), 1);
    drive(p, &g, 2);
    assert_int_equal(g.calls, 2);
    assert_true(g.tag[0] + g.tag[1] == 3);
    echo_ids(&g.res[0], &conn2, &req2);
    assert_string_equal(echo_text(&g.res[0]), echo_text(&g.res[1]));
    assert_int_equal(conn2, conn1); /* the connection was reused */
    assert_int_equal(req2, req1 + 1);
    got_free(&g);

    /* The server saw exactly one request for the shared pair. */
    e.expr = "echo3";
    assert_int_equal(prom_submit(p, &e, on_result, &a), 0);
    drive(p, &g, 1);
    int conn3, req3;
    echo_ids(&g.res[0], &conn3, &req3);
    assert_int_equal(req3, req2 + 1);
    assert_int_equal(conn3, conn1);
    got_free(&g);
    prom_free(p);
}

static void test_fifo_cap(void **state)
{
    Server *s = *state;
    Prom *p = make(s->url, 0, 0, 1);
    Got g = {0};
    Sink sinks[4] = {{&g, 0}, {&g, 1}, {&g, 2}, {&g, 3}};
    const char *exprs[4] = {"echoA", "echoB", "echoC", "echoD"};
    for (int i = 0; i < 4; i++) {
        PromQuery q = {.type = PQ_INSTANT, .expr = exprs[i], .time = 1};
        assert_int_equal(prom_submit(p, &q, on_result, &sinks[i]), 0);
    }
    assert_int_equal(prom_pending(p), 4);
    /* A queued request takes subscribers too. */
    PromQuery q = {.type = PQ_INSTANT, .expr = "echoD", .time = 1};
    Sink extra = {&g, 9};
    assert_int_equal(prom_submit(p, &q, on_result, &extra), 0);
    assert_int_equal(prom_pending(p), 4);
    drive(p, &g, 5);
    int prev_req = 0, conn0 = 0;
    for (int i = 0; i < 4; i++) {
        assert_int_equal(g.tag[i], i); /* first in, first out */
        assert_string_equal(g.expr[i], exprs[i]);
        int conn, req;
        echo_ids(&g.res[i], &conn, &req);
        if (i == 0)
            conn0 = conn;
        assert_int_equal(conn, conn0); /* one slot, one connection */
        assert_true(req > prev_req);
        prev_req = req;
    }
    assert_int_equal(g.tag[4], 9);
    got_free(&g);
    prom_free(p);
}

static void test_http_errors(void **state)
{
    Server *s = *state;
    char want[160];
    Got g = {0};
    Sink a = {&g, 1};

    Prom *p = make(s->url, 300, (size_t)1 << 20, 0);
    PromQuery q = {.type = PQ_INSTANT, .expr = "starting", .time = 1};
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    drive(p, &g, 1);
    assert_string_equal(g.res[0].error, "HTTP 503: Service Unavailable");
    assert_int_equal(g.res[0].http_status, 503);
    got_free(&g);

    q.expr = "big";
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    drive(p, &g, 1);
    snprintf(want, sizeof want, "answer larger than 1 MiB from %s", s->url);
    assert_string_equal(g.res[0].error, want);
    got_free(&g);

    q.expr = "bigclose"; /* no Content-Length: counted in the write callback */
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    drive(p, &g, 1);
    assert_string_equal(g.res[0].error, want);
    got_free(&g);

    q.expr = "slow";
    double t0 = now_s();
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    drive(p, &g, 1);
    snprintf(want, sizeof want, "timeout after 0.3 s from %s", s->url);
    assert_string_equal(g.res[0].error, want);
    assert_true(now_s() - t0 < 3);
    got_free(&g);

    /* Still usable afterwards. */
    q.expr = "up";
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    drive(p, &g, 1);
    assert_null(g.res[0].error);
    got_free(&g);
    prom_free(p);
}

static void test_wait_fds(void **state)
{
    Server *s = *state;
    Prom *p = make(s->url, 0, 0, 0);
    int pfd[2];
    assert_int_equal(pipe(pfd), 0);

    /* Nothing in flight, nothing to read: sleeps about the timeout. */
    double t0 = now_s();
    assert_int_equal(prom_wait(p, pfd[0], 50), 0);
    double dt = now_s() - t0;
    assert_true(dt >= 0.04 && dt < 1);
    assert_int_equal(prom_wait(p, -1, 10), 0);

    /* Readable fd: returns at once. */
    assert_int_equal(write(pfd[1], "k", 1), 1);
    t0 = now_s();
    assert_int_equal(prom_wait(p, pfd[0], 5000), 1);
    assert_true(now_s() - t0 < 1);
    int fds[3] = {-1, pfd[0], pfd[1]};
    int ready[3] = {7, 7, 7};
    assert_int_equal(prom_wait_fds(p, fds, 3, ready, 0), 1);
    assert_int_equal(ready[0], 0);
    assert_int_equal(ready[1], 1);
    assert_int_equal(ready[2], 0);

    /* Same while a transfer is stalled in flight. */
    Got g = {0};
    Sink a = {&g, 1};
    PromQuery q = {.type = PQ_INSTANT, .expr = "slow", .time = 2};
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    prom_progress(p);
    t0 = now_s();
    assert_int_equal(prom_wait(p, pfd[0], 5000), 1);
    assert_true(now_s() - t0 < 1);
    char c;
    assert_int_equal(read(pfd[0], &c, 1), 1);
    t0 = now_s();
    assert_int_equal(prom_wait(p, pfd[0], 100), 0);
    assert_true(now_s() - t0 < 1);

    /* Hang-up counts as readable (stdin closed). */
    close(pfd[1]);
    assert_int_equal(prom_wait(p, pfd[0], 1000), 1);
    close(pfd[0]);

    /* Cancel: no callbacks, nothing pending. */
    assert_int_equal(prom_pending(p), 1);
    prom_cancel_all(p);
    assert_int_equal(prom_pending(p), 0);
    assert_int_equal(prom_progress(p), 0);
    assert_int_equal(g.calls, 0);
    prom_free(p);
}

static void test_resubmit_from_callback(void **state)
{
    Server *s = *state;
    Prom *p = make(s->url, 0, 0, 0);
    Got g = {0};
    Sink a = {&g, 1};
    g.resubmit = p;
    PromQuery q = {.type = PQ_INSTANT, .expr = "up", .time = 3};
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    drive(p, &g, 1);
    assert_int_equal(prom_pending(p), 1); /* submitted again by the callback */
    drive(p, &g, 2);
    assert_null(g.res[1].error);
    assert_int_equal(prom_pending(p), 0);
    got_free(&g);
    prom_free(p);
}

/* Basic auth, an Authorization header, extra headers and user:password@
 * in the URL reach the server on every request; a 401 is one line that
 * names what to check and never the secret. */
static void test_auth(void **state)
{
    Server *s = *state;
    const char *hdrs[] = {"X-Scope-OrgID: tenant1", "X-Two: 2"};
    PromAuth au = {.username = "alice",
                   .password = "s3cret",
                   .headers = hdrs,
                   .nheaders = 2,
                   .hint = "check basic_auth in FILE"};
    PromOptions o = {.url = s->url, .auth = &au};
    char *err = NULL, want[400];
    Prom *p = prom_new(&o, &err);
    assert_non_null(p);
    Got g = {0};
    Sink a = {&g, 1};
    PromQuery q = {.type = PQ_INSTANT, .expr = "echo", .time = 1};
    PromQuery al = {.type = PQ_ALERTS};
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    drive(p, &g, 1);
    const char *t = echo_text(&g.res[0]);
    /* what was sent equals the secrets, since the echo shows them redacted:
     * base64 of alice:s3cret, the header values of four bytes or more */
    assert_non_null(strstr(t, "\r\nAuthorization: Basic [redacted]\r\n"));
    assert_null(strstr(t, "YWxpY2U6czNjcmV0"));
    assert_non_null(strstr(t, "\r\nX-Scope-OrgID: [redacted]\r\n"));
    assert_null(strstr(t, "tenant1"));
    assert_non_null(strstr(t, "\r\nX-Two: 2\r\n"));
    got_free(&g);
    q.expr = "deny";
    Sink b = {&g, 2};
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    assert_int_equal(prom_submit(p, &al, on_result, &b), 0);
    drive(p, &g, 2);
    int d = g.tag[0] == 1 ? 0 : 1; /* either may finish first */
    snprintf(want, sizeof want,
             "HTTP 401 Unauthorized from %s: check basic_auth in FILE", s->url);
    assert_string_equal(g.res[d].error, want);
    assert_int_equal(g.res[d].http_status, 401);
    assert_null(g.res[1 - d].error); /* alerts go with the same set-up */
    got_free(&g);
    /* a short plain-text reason from the server is kept; Mimir's "no org
     * id" asks for a tenant, whatever credentials are set */
    q.expr = "noorg";
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    drive(p, &g, 1);
    snprintf(want, sizeof want,
             "HTTP 403 Forbidden (no org id) from %s: the server wants a "
             "tenant: send the X-Scope-OrgID header (headers: "
             "{X-Scope-OrgID: TENANT} in config.yaml, or -H 'X-Scope-OrgID: "
             "TENANT')",
             s->url);
    assert_string_equal(g.res[0].error, want);
    got_free(&g);
    prom_free(p);

    PromAuth bearer = {.credentials = "tok-123"};
    o.auth = &bearer;
    p = prom_new(&o, &err);
    assert_non_null(p);
    q.expr = "echo";
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    drive(p, &g, 1);
    t = echo_text(&g.res[0]);
    assert_non_null(strstr(t, "\r\nAuthorization: Bearer [redacted]\r\n"));
    assert_null(strstr(t, "Basic"));
    got_free(&g);
    prom_free(p);

    /* user:password@ in the URL: sent, and never shown */
    char url[128];
    snprintf(url, sizeof url, "http://bob:pw%%21@127.0.0.1:%d", s->port);
    o.url = url;
    o.auth = NULL;
    p = prom_new(&o, &err);
    assert_non_null(p);
    assert_string_equal(prom_url(p), s->url);
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    q.expr = "deny";
    assert_int_equal(prom_submit(p, &q, on_result, &b), 0);
    drive(p, &g, 2);
    d = g.tag[0] == 2 ? 0 : 1;
    /* sent as base64 of bob:pw! (Ym9iOnB3IQ==), shown redacted */
    assert_non_null(strstr(echo_text(&g.res[1 - d]),
                           "\r\nAuthorization: Basic [redacted]\r\n"));
    assert_non_null(
        strstr(g.res[d].error, "HTTP 401 Unauthorized from http://127.0.0.1:"));
    assert_null(strstr(g.res[d].error, "pw"));
    got_free(&g);
    prom_free(p);

    /* a header that is not "Name: value" is refused without echoing it */
    const char *bad[] = {"Authorization Bearer xyz"};
    PromAuth hb = {.headers = bad, .nheaders = 1};
    o.auth = &hb;
    assert_null(prom_new(&o, &err));
    assert_non_null(err);
    assert_null(strstr(err, "xyz"));
    free(err);
}

/* prom_expire ends what is in flight and what is queued; each subscriber
 * hears "no answer ... within" once, and nothing is left pending. */
static void test_expire(void **state)
{
    Server *s = *state;
    Prom *p = make(s->url, 0, 0, 1);
    Got g = {0};
    Sink a = {&g, 0}, b = {&g, 1}, c = {&g, 2};
    PromQuery q1 = {.type = PQ_INSTANT, .expr = "slow", .time = 3};
    PromQuery q2 = {.type = PQ_INSTANT, .expr = "slow", .time = 4};
    assert_int_equal(prom_submit(p, &q1, on_result, &a), 0);
    assert_int_equal(prom_submit(p, &q2, on_result, &b), 0);
    assert_int_equal(prom_submit(p, &q2, on_result, &c), 0);
    assert_int_equal(prom_pending(p), 2); /* one in flight, one queued */
    for (int i = 0; i < 3; i++) {
        prom_wait(p, -1, 50);
        prom_progress(p);
    }
    assert_int_equal(g.calls, 0);
    prom_expire(p, 2.5);
    assert_int_equal(prom_progress(p), 3);
    assert_int_equal(prom_pending(p), 0);
    char want[200];
    snprintf(want, sizeof want, "no answer from %s within 2.5 s", s->url);
    for (int i = 0; i < 3; i++) {
        assert_string_equal(g.res[i].error, want);
        assert_int_equal(g.res[i].http_status, 0);
    }
    assert_int_equal(prom_progress(p), 0);
    prom_expire(p, 1); /* nothing left: a no-op */
    assert_int_equal(prom_pending(p), 0);
    got_free(&g);
    prom_free(p);
}

/* A second server of the same client (an Alertmanager): its own URL and
 * credentials, GET, POST of a JSON body, DELETE, and its own errors. */
static void test_second_server(void **state)
{
    Server *s = *state;
    Prom *p = make(s->url, 0, 0, 0);
    char url[128], *err = NULL;
    snprintf(url, sizeof url, "http://127.0.0.1:%d/am/", s->port);
    PromAuth au = {.credentials = "am-token"};
    PromOptions o = {.url = url, .auth = &au};
    int am = prom_add_server(p, &o, &err);
    assert_int_equal(am, 1);
    assert_null(err);
    snprintf(url, sizeof url, "http://127.0.0.1:%d/am/", s->port);
    assert_string_equal(prom_server_url(p, am), url);
    assert_string_equal(prom_server_url(p, 0), prom_url(p));
    assert_string_equal(prom_server_url(p, 7), "");
    PromOptions bad = {.url = "ftp://x"};
    assert_int_equal(prom_add_server(p, &bad, &err), -1);
    assert_non_null(strstr(err, "the scheme must be http or https"));
    free(err);

    Got g = {0};
    Sink a = {&g, 1};
    PromQuery q = {.type = PQ_AM_ALERTS, .server = am};
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    drive(p, &g, 1);
    assert_null(g.res[0].error);
    assert_int_equal(g.res[0].alerts->nalerts, 1);
    assert_int_equal(g.res[0].alerts->alerts[0].silenced, 1);
    got_free(&g);

    /* the same type asked of the first server is another request */
    q.server = 0;
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    q.server = am;
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    assert_int_equal(prom_pending(p), 2);
    drive(p, &g, 2);
    got_free(&g);

    PromQuery add = {
        .type = PQ_AM_SILENCE_ADD, .expr = "{\"matchers\":[]}", .server = am};
    assert_int_equal(prom_submit(p, &add, on_result, &a), 0);
    assert_int_equal(prom_submit(p, &add, on_result, &a), 0); /* not merged */
    assert_int_equal(prom_pending(p), 2);
    drive(p, &g, 2);
    /* the request echoed as the new silence's id: the client cleans what
     * a server says (a CR comes back as a space) and redacts its secrets,
     * so the token shows as [redacted] */
    const char *t = g.res[0].alerts->silence_id;
    assert_non_null(strstr(t, "POST /am/api/v2/silences HTTP/1.1 \n"));
    assert_non_null(strstr(t, " \nAuthorization: Bearer [redacted] \n"));
    assert_non_null(strstr(t, " \nContent-Type: application/json \n"));
    assert_non_null(strstr(t, " \n \n{\"matchers\":[]}"));
    got_free(&g);

    PromQuery ex = {
        .type = PQ_AM_SILENCE_EXPIRE, .expr = "326fcc14", .server = am};
    assert_int_equal(prom_submit(p, &ex, on_result, &a), 0);
    ex.expr = "gone";
    assert_int_equal(prom_submit(p, &ex, on_result, &a), 0);
    drive(p, &g, 2);
    int d = g.res[0].error ? 0 : 1;
    assert_string_equal(g.res[d].error, "HTTP 500: silence not found");
    assert_null(g.res[1 - d].error);
    assert_non_null(g.res[1 - d].alerts);
    got_free(&g);

    /* a request for a server that does not exist is refused */
    q.server = 5;
    assert_int_equal(prom_submit(p, &q, on_result, &a), -1);
    prom_free(p);
}

/* Large answers: a 20,000-series vector is read as it arrives, in slices
 * (every value where it belongs), a 20,000-string list is parsed by the
 * worker thread; and a client freed while the worker holds an answer lets
 * go of it. */
static void test_large_answers(void **state)
{
    Server *s = *state;
    Prom *p = make(s->url, 0, 0, 0);
    Got g = {0};
    Sink a = {&g, 1}, b = {&g, 2};
    PromQuery q = {.type = PQ_INSTANT, .expr = "many", .time = 1};
    char *path = prom_names_path("many", NULL, 0, 0);
    PromQuery n = {.type = PQ_NAMES, .expr = path};
    assert_int_equal(prom_submit(p, &q, on_result, &a), 0);
    assert_int_equal(prom_submit(p, &n, on_result, &b), 0);
    drive(p, &g, 2);
    int v = g.tag[0] == 1 ? 0 : 1;
    assert_null(g.res[v].error);
    assert_int_equal(g.res[v].nseries, 20000);
    for (int i = 0; i < 20000; i += 997) {
        char want[16];
        snprintf(want, sizeof want, "%d", i);
        assert_string_equal(series_label(&g.res[v].series[i], "i"), want);
        assert_true(g.res[v].series[i].points[0].v == i);
    }
    assert_null(g.res[1 - v].error);
    assert_int_equal(g.res[1 - v].nseries, 20000);
    assert_string_equal(series_label(&g.res[1 - v].series[19999], "__string__"),
                        "v19999");
    got_free(&g);
    assert_int_equal(prom_pending(p), 0);

    /* freed with the list on its way or in the worker's hands */
    for (int turns = 0; turns < 40; turns += 7) {
        assert_int_equal(prom_submit(p, &n, on_result, &b), 0);
        for (int t = 0; t < turns; t++) {
            prom_wait(p, -1, 5);
            prom_progress(p);
        }
        if (g.calls)
            got_free(&g);
        else
            prom_cancel_all(p);
    }
    assert_int_equal(prom_submit(p, &n, on_result, &b), 0);
    prom_wait(p, -1, 50);
    prom_progress(p);
    prom_free(p); /* whatever is pending */
    got_free(&g);
    free(path);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_urls),
        cmocka_unit_test(test_unreachable),
        cmocka_unit_test(test_dedup_unreachable),
        cmocka_unit_test(test_success_and_request_shape),
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_compression_and_reuse),
        cmocka_unit_test(test_keepalive_and_dedup),
        cmocka_unit_test(test_fifo_cap),
        cmocka_unit_test(test_http_errors),
        cmocka_unit_test(test_wait_fds),
        cmocka_unit_test(test_resubmit_from_callback),
        cmocka_unit_test(test_auth),
        cmocka_unit_test(test_second_server),
        cmocka_unit_test(test_expire),
        cmocka_unit_test(test_large_answers),
    };
    return cmocka_run_group_tests(tests, server_start, server_stop);
}
