/* test_app.c - unit tests of the App's refresh (tui/app.c) against the fake
 * HTTP server, on a clock the tests move by hand: the points a range query
 * asks for, step alignment of its window, the back-off while the server is
 * away, windows that did not move not asked again (but once for late
 * samples), one frame per refresh and only changed panels redrawn; a
 * server that cannot be used told from a query's own error, a refresh
 * complete once every query has its answer. */
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

#include "fake_server.h"
#include "tui/alerting.h"
#include "tui/app.h"
#include "tui/nav.h"
#include "tui/ui.h"

#define T0 1772334607.0 /* 2026-03-01T03:10:07Z: 7 s past a 2-minute step */

typedef struct {
    double mono, wall;
} FakeClock;

static double fake_mono(void *ctx)
{
    return ((FakeClock *)ctx)->mono;
}

static double fake_wall(void *ctx)
{
    return ((FakeClock *)ctx)->wall;
}

typedef struct {
    App a;
    Prom *p;
    FakeClock clock;
} Fix;

/* An App on dashboard `yaml` served by `url`, laid out at w x h, on a fake
 * clock reading mono 1000 and wall T0. */
static Fix *fix_new(const char *url, const char *yaml, int w, int h)
{
    Fix *f = calloc(1, sizeof *f);
    assert_non_null(f);
    PromOptions po = {.url = url, .timeout_ms = 5000};
    char *err = NULL;
    f->p = prom_new(&po, &err);
    assert_non_null(f->p);
    LayoutError le;
    Dashboard *d = layout_load_text("t.yaml", "t", yaml, strlen(yaml), &le);
    if (!d)
        fail_msg("layout: %s", le.msg);
    assert_int_equal(app_init(&f->a, &d, 1, f->p), 0);
    /* the server's build info and configuration are not asked: these
     * tests count the panels' own requests */
    f->a.sources[0].asked = 1;
    f->clock = (FakeClock){1000, T0};
    f->a.clock = (AppClock){fake_mono, fake_wall, &f->clock};
    app_layout(&f->a, w, h);
    return f;
}

static void fix_free(Fix *f)
{
    app_done(&f->a);
    prom_free(f->p);
    free(f);
}

static double real_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs the client until at most `left` requests are pending (10 s at
 * most), drawing a frame into c (when given) whenever one is due, as the
 * TUI's loop does. Returns the frames drawn. */
static int drive(Fix *f, int left, Canvas *c)
{
    int frames = 0;
    double t0 = real_now();
    for (;;) {
        app_progress(&f->a);
        if (c && app_frame_due(&f->a)) {
            ui_draw(&f->a, c, 0);
            frames++;
        }
        if (prom_pending(f->p) <= left)
            break;
        if (real_now() - t0 > 10)
            fail_msg("%d requests still pending after 10 s",
                     prom_pending(f->p));
        prom_wait(f->p, -1, 50);
    }
    return frames;
}

static void tick(Fix *f, double secs)
{
    f->clock.mono += secs;
    f->clock.wall += secs;
}

static const QueryState *range_slot(Fix *f, int panel)
{
    return &f->a.dash[0].panels[panel].qs[0].range;
}

/* ---- points per query and step alignment ------------------------------- */

static const char *const yaml_1h =
    "title: Points\nrange: 1h\nrefresh: 1s\nrows:\n"
    "  - panels:\n"
    "      - {title: Chart, kind: timeseries, query: 'rate(a[5m])'}\n"
    "  - panels:\n"
    "      - {title: Value, kind: stat, query: 'sum(b)'}\n"
    "      - {title: Other, kind: stat, query: 'sum(c)'}\n";

static void test_points_and_alignment(void **state)
{
    Server *s = *state;
    Fix *f = fix_new(s->url, yaml_1h, 120, 40);
    DashState *ds = &f->a.dash[0];
    /* a chart asks two points per column of its plot (the axis takes 8),
     * a stat one per column; never fewer than 10 */
    assert_int_equal(ds->rects[0].w, 120);
    assert_int_equal(app_panel_points(&ds->panels[0], ds->rects[0]), 220);
    assert_int_equal(app_panel_points(&ds->panels[1], ds->rects[1]),
                     ds->rects[1].w - 2);
    assert_int_equal(app_panel_points(&ds->panels[0], (Rect){0, 0, 6, 4}), 10);
    /* a kind that says nothing of its points gets two per inner column */
    Panel other = ds->panels[1];
    other.cls = panel_kind_find("gauge");
    assert_non_null(other.cls);
    assert_null(other.cls->points);
    assert_int_equal(app_panel_points(&other, (Rect){0, 0, 40, 6}), 76);

    assert_true(app_schedule(&f->a, 0) > 0);
    drive(f, 0, NULL);
    /* 1h over 220 points: 16.4 s, a nice 15 s; the window's ends are
     * multiples of it, the end the last one at or before "now" */
    const PromQuery *q = &range_slot(f, 0)->q;
    assert_int_equal(q->type, PQ_RANGE);
    assert_true(q->step == 15);
    assert_true(q->end == 1772334600);
    assert_true(q->start == 1772334600 - 3600);
    assert_string_equal(q->expr, "rate(a[5m])");
    /* a stat of 58 columns: 56 points over an hour, 64 s, a nice 1m */
    q = &range_slot(f, 1)->q;
    assert_true(q->step == 60);
    assert_true(q->end == 1772334600);
    assert_true(q->start == 1772334600 - 3600);
    /* its instant query is at "now", in whole seconds */
    const QueryState *inst = &ds->panels[1].qs[0].inst;
    assert_true(inst->q.time == floor(T0));
    assert_true(inst->ok_at == T0);
    /* a narrower terminal: fewer points, a longer step, still aligned */
    tick(f, 1);
    app_layout(&f->a, 60, 24);
    assert_true(app_schedule(&f->a, 1) > 0);
    drive(f, 0, NULL);
    q = &range_slot(f, 0)->q;
    assert_int_equal(app_panel_points(&ds->panels[0], ds->rects[0]), 100);
    assert_true(q->step == 30);
    assert_true(fmod(q->end, 30) == 0 && fmod(q->start, 30) == 0);
    assert_true(q->end <= T0 + 1 && T0 + 1 < q->end + 30);
    fix_free(f);
}

/* ---- windows that did not move are not asked again ---------------------- */

static const char *const yaml_6h =
    "title: Reask\nrange: 6h\nrefresh: 1s\nrows:\n"
    "  - panels:\n"
    "      - {title: Chart, kind: timeseries, query: 'rate(a[5m])'}\n"
    "  - panels:\n"
    "      - {title: Value, kind: stat, query: 'sum(b)'}\n";

static void test_no_reask(void **state)
{
    Server *s = *state;
    Fix *f = fix_new(s->url, yaml_6h, 120, 40);
    App *a = &f->a;
    /* first round: the chart's range, the stat's range and instant */
    assert_int_equal(app_schedule(a, 0), 3);
    drive(f, 0, NULL);
    assert_true(range_slot(f, 0)->q.step == 120);
    assert_true(range_slot(f, 0)->q.end == 1772334600);
    assert_true(range_slot(f, 1)->q.step == 120);
    long req = a->stats.requests;
    assert_int_equal(req, 3);
    /* a second later the windows have not moved: only the instant query,
     * whose time did, is asked */
    tick(f, 1);
    assert_int_equal(app_schedule(a, 0), 1);
    drive(f, 0, NULL);
    assert_int_equal(a->stats.requests, req + 1);
    assert_int_equal(a->stats.unchanged, 2);
    for (int i = 0; i < 6; i++) { /* and so on, each second */
        tick(f, 1);
        assert_int_equal(app_schedule(a, 0), 1);
        drive(f, 0, NULL);
    }
    assert_int_equal(a->stats.unchanged, 14);
    /* the window's end has aged by the scrape interval (15 s): asked once
     * more, for samples that came late */
    tick(f, 1772334615 - f->clock.wall);
    assert_int_equal(app_schedule(a, 0), 3);
    drive(f, 0, NULL);
    assert_true(range_slot(f, 0)->q.end == 1772334600);
    tick(f, 1);
    assert_int_equal(app_schedule(a, 0), 1);
    drive(f, 0, NULL);
    tick(f, 50);
    assert_int_equal(app_schedule(a, 0), 1);
    drive(f, 0, NULL);
    /* the next step: the window moves, both ranges are asked */
    tick(f, 1772334720 - f->clock.wall);
    assert_int_equal(app_schedule(a, 0), 3);
    drive(f, 0, NULL);
    assert_true(range_slot(f, 0)->q.end == 1772334720);
    /* r (force) asks everything whatever moved */
    tick(f, 1);
    assert_int_equal(app_schedule(a, 1), 3);
    drive(f, 0, NULL);
    /* a failed answer is not an answer: its window is asked again */
    tick(f, 1);
    QueryState *st = &a->dash[0].panels[0].qs[0].range;
    st->answered = 0;
    assert_int_equal(app_schedule(a, 0), 2);
    drive(f, 0, NULL);
    fix_free(f);
}

/* Frozen by --at, no window moves: after the first round only the instant
 * query is asked again (it tells when the server is away), and its same
 * answer changes nothing on screen. */
static void test_frozen_asks_ranges_once(void **state)
{
    Server *s = *state;
    Fix *f = fix_new(s->url, yaml_6h, 120, 40);
    f->a.at = 1772334600;
    assert_int_equal(app_schedule(&f->a, 0), 3);
    drive(f, 0, NULL);
    app_frame_drawn(&f->a);
    for (int i = 0; i < 30; i++) {
        tick(f, 1);
        assert_int_equal(app_schedule(&f->a, 0), 1);
        drive(f, 0, NULL);
        assert_false(app_frame_due(&f->a));
    }
    assert_int_equal(f->a.stats.requests, 33);
    assert_int_equal(f->a.stats.unchanged, 60);
    fix_free(f);
}

/* ---- back-off while the server is away ----------------------------------- */

static const char *const yaml_slow_refresh =
    "title: Away\nrange: 1h\nrefresh: 1m\nrows:\n"
    "  - panels:\n"
    "      - {title: Chart, kind: timeseries, query: 'up'}\n";

static void test_backoff(void **state)
{
    (void)state;
    /* nothing listens on port 1: every request fails at once */
    Fix *f = fix_new("http://127.0.0.1:1", yaml_slow_refresh, 80, 24);
    App *a = &f->a;
    Panel *p = &a->dash[0].panels[0];
    assert_int_equal(app_schedule(a, 0), 1);
    drive(f, 0, NULL);
    assert_non_null(p->qs[0].range.error);
    /* just gone: asked again a second later, not at the minute */
    assert_true(p->due == 1001);
    assert_true(app_next_due(a) == 1);
    assert_int_equal(app_schedule(a, 0), 0); /* not before */
    tick(f, 1);
    assert_int_equal(app_schedule(a, 0), 1);
    drive(f, 0, NULL);
    assert_true(p->due == 1002); /* away 1 s: half of it, at least 1 s */
    tick(f, 40);
    assert_int_equal(app_schedule(a, 0), 1);
    drive(f, 0, NULL);
    assert_true(p->due == 1041 + 20.5); /* away 41 s: 20.5 s */
    tick(f, 200);
    assert_int_equal(app_schedule(a, 0), 1);
    drive(f, 0, NULL);
    assert_true(p->due == 1241 + 30); /* away 241 s: at most 30 s */
    assert_true(a->failures == 4 && a->answers == 0);
    fix_free(f);
}

/* ---- a server that cannot be used, a refresh complete -------------------- */

static void test_unreachable_and_complete(void **state)
{
    Server *s = *state;
    /* nothing answers: the error is the server's, nothing is complete */
    Fix *f = fix_new("http://127.0.0.1:1", yaml_1h, 80, 24);
    long status = -1;
    assert_true(app_schedule(&f->a, 0) >= 3);
    drive(f, 0, NULL);
    const char *err = app_unreachable(&f->a, &status);
    assert_non_null(err);
    assert_non_null(strstr(err, "cannot connect to http://127.0.0.1:1"));
    assert_int_equal(status, 0);
    assert_true(f->a.refreshed_at == 0 && f->a.ok_round == 0);
    fix_free(f);
    /* every query answered: complete at the answer's time, reachable */
    f = fix_new(s->url, yaml_1h, 80, 24);
    assert_true(app_schedule(&f->a, 0) >= 3);
    drive(f, 0, NULL);
    assert_null(app_unreachable(&f->a, NULL));
    assert_true(f->a.refreshed_at == T0 && f->a.ok_round == T0);
    /* a query's own error (400) is not the server's */
    free(f->a.dash[0].panels[1].qs[0].inst.error);
    f->a.dash[0].panels[1].qs[0].inst.error = strdup("parse error");
    f->a.dash[0].panels[1].qs[0].inst.status = 400;
    for (int i = 0; i < 3; i++) { /* as if none had answered */
        f->a.dash[0].panels[i].qs[0].inst.ok_at = 0;
        f->a.dash[0].panels[i].qs[0].range.ok_at = 0;
    }
    assert_null(app_unreachable(&f->a, NULL));
    f->a.dash[0].panels[1].qs[0].inst.status = 503;
    assert_non_null(app_unreachable(&f->a, &status));
    assert_int_equal(status, 503);
    fix_free(f);
}

/* ---- one frame per refresh ------------------------------------------------
 */

/* 12 stat panels, 24 requests: three times the 8 in flight. Their
 * expressions start with "echo": each answer differs from the last. */
static char *many_panels(const char *slow)
{
    static char yaml[4096];
    int k = snprintf(yaml, sizeof yaml,
                     "title: Many\nrange: 1h\nrefresh: 1s\nrows:\n");
    for (int r = 0; r < 3; r++) {
        k += snprintf(yaml + k, sizeof yaml - (size_t)k, "  - panels:\n");
        for (int i = 0; i < 4; i++)
            k += snprintf(yaml + k, sizeof yaml - (size_t)k,
                          "      - {title: P%d, kind: stat, query: "
                          "'%s%d'}\n",
                          r * 4 + i, r == 2 && i == 3 && slow ? slow : "echo",
                          r * 4 + i);
    }
    return yaml;
}

static void test_one_frame_per_refresh(void **state)
{
    Server *s = *state;
    Fix *f = fix_new(s->url, many_panels(NULL), 120, 40);
    App *a = &f->a;
    Canvas *c = canvas_new(120, 40, 0);
    assert_non_null(c);
    ui_render(a, c);
    long draws = a->stats.panel_draws;
    assert_int_equal(draws, 12);
    assert_int_equal(app_schedule(a, 0), 24);
    /* the answers come in batches; the frame waits for the last one */
    assert_int_equal(drive(f, 0, c), 1);
    assert_false(app_frame_due(a));
    assert_int_equal(a->stats.panel_draws, draws + 12);
    for (int i = 0; i < 5; i++) {
        tick(f, 1);
        assert_int_equal(app_schedule(a, 0), 12); /* the instants moved */
        assert_int_equal(drive(f, 0, c), 1);
    }
    assert_int_equal(a->stats.refreshes, 6);
    assert_int_equal(a->stats.renders, 7);
    /* only the panels that changed are drawn again */
    draws = a->stats.panel_draws;
    a->dash[0].panels[5].dirty = 1;
    a->dirty_since = f->clock.mono;
    assert_true(app_frame_due(a));
    ui_draw(a, c, 0);
    assert_int_equal(a->stats.panel_draws, draws + 1);
    canvas_free(c);
    fix_free(f);
}

/* A panel whose server does not answer holds the frame 300 ms at most. */
static void test_frame_not_held_by_slow_panel(void **state)
{
    Server *s = *state;
    Fix *f = fix_new(s->url, many_panels("slow"), 120, 40);
    App *a = &f->a;
    Canvas *c = canvas_new(120, 40, 0);
    assert_non_null(c);
    assert_int_equal(app_schedule(a, 0), 24);
    /* all but the slow panel's two requests answered: no frame yet */
    assert_int_equal(drive(f, 2, c), 0);
    assert_false(app_frame_due(a));
    tick(f, 0.29);
    assert_false(app_frame_due(a));
    tick(f, 0.02);
    assert_true(app_frame_due(a));
    canvas_free(c);
    fix_free(f);
}

/* ---- alerting across a moved window ------------------------------------ */

static const char *const yaml_alerts =
    "title: Alerts\nrange: 1h\nrefresh: 1s\nrows:\n"
    "  - panels:\n"
    "      - {title: Firing, kind: alertlist, source: alerts}\n";

/* A pan drops every request on its way, the alerting ones too: those are
 * asked again (not waited for for ever), the panel asks what Prometheus
 * recorded at the window's end, and back at now the present returns. */
static void test_alerting_after_pan(void **state)
{
    Server *s = *state;
    Fix *f = fix_new(s->url, yaml_alerts, 80, 20);
    assert_int_equal(alerting_init(&f->a, 0, 0, NULL, 0), 0);
    const AlertStore *st = alerting_store(&f->a);
    assert_int_equal(alerting_schedule(&f->a, 1), 2); /* alerts, rules */
    assert_true(st->prom_alerts.inflight);
    assert_int_equal(nav_pan(&f->a, -1), 1); /* before any answer */
    /* the pan dropped them: not in flight any more (the metric names
     * alone are asked again, at once) */
    assert_false(st->prom_alerts.inflight || st->prom_rules.inflight);
    /* the present again (for the badge), and ALERTS, ALERTS_FOR_STATE */
    assert_int_equal(alerting_schedule(&f->a, 0), 4);
    drive(f, 0, NULL);
    assert_non_null(st->prom_alerts.set);
    assert_int_equal(st->prom_alerts.set->nalerts, 1);
    assert_true(st->past_at == app_now(&f->a) && st->past_at < T0 - 1000);
    assert_non_null(st->past.set); /* the fake's vector: no alert in it */
    assert_int_equal(st->past.set->nalerts, 0);
    assert_int_equal(alerting_schedule(&f->a, 0), 0); /* nothing due */
    /* pans before the answers came: the last instant is the one asked */
    assert_int_equal(nav_pan(&f->a, -1), 1);
    assert_int_equal(alerting_schedule(&f->a, 0), 4);
    double t = app_now(&f->a);
    assert_int_equal(nav_pan(&f->a, -1), 1);
    assert_int_equal(alerting_schedule(&f->a, 0), 4);
    drive(f, 0, NULL);
    assert_true(st->past_at == app_now(&f->a) && st->past_at < t);
    assert_non_null(st->past.set);
    /* back to now: the past is forgotten */
    assert_int_equal(nav_live(&f->a), 1);
    alerting_schedule(&f->a, 0);
    assert_true(st->past_at == 0 && st->past.set == NULL);
    drive(f, 0, NULL);
    alerting_free(&f->a);
    fix_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_points_and_alignment),
        cmocka_unit_test(test_no_reask),
        cmocka_unit_test(test_frozen_asks_ranges_once),
        cmocka_unit_test(test_backoff),
        cmocka_unit_test(test_unreachable_and_complete),
        cmocka_unit_test(test_one_frame_per_refresh),
        cmocka_unit_test(test_frame_not_held_by_slow_panel),
        cmocka_unit_test(test_alerting_after_pan),
    };
    return cmocka_run_group_tests(tests, server_start, server_stop);
}
