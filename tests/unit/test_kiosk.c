/* test_kiosk.c - unit tests of the wall-screen mode (tui/kiosk.c): the
 * --kiosk interval, the theme it falls back to, the rotation clock, the
 * "data as of" mark and the frame without tab bar or status line, on an App
 * that never talks to a server (answers are put into its panels by hand). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "../../themes/theme.h"
#include "../../tui/app.h"
#include "../../tui/kiosk.h"
#include "../../tui/ui.h"

static const char *const yaml_a = "title: First Board\n"
                                  "range: 1h\n"
                                  "rows:\n"
                                  "  - panels:\n"
                                  "      - title: Requests\n"
                                  "        kind: stat\n"
                                  "        query: sum(up)\n"
                                  "      - title: Errors\n"
                                  "        kind: stat\n"
                                  "        query: sum(up) * 2\n";

static const char *const yaml_b = "title: Second Board\n"
                                  "rows:\n"
                                  "  - panels:\n"
                                  "      - title: Only\n"
                                  "        kind: stat\n"
                                  "        query: vector(1)\n";

typedef struct {
    App a;
    Prom *p;
} Fix;

static Fix *fix_new(void)
{
    Fix *f = calloc(1, sizeof *f);
    assert_non_null(f);
    char *err = NULL;
    PromOptions po = {.url = "http://127.0.0.1:9"};
    f->p = prom_new(&po, &err);
    assert_non_null(f->p);
    LayoutError le;
    Dashboard *d[2];
    d[0] = layout_load_text("a.yaml", "a", yaml_a, strlen(yaml_a), &le);
    d[1] = layout_load_text("b.yaml", "b", yaml_b, strlen(yaml_b), &le);
    assert_non_null(d[0]);
    assert_non_null(d[1]);
    assert_int_equal(app_init(&f->a, d, 2, f->p), 0);
    f->a.kiosk = 1;
    f->a.kiosk_every = 30;
    app_layout(&f->a, 80, 24);
    return f;
}

static void fix_free(Fix *f)
{
    app_done(&f->a);
    prom_free(f->p);
    free(f);
}

/* Gives query slot `inst` of panel pi of the current dashboard a good
 * answer (ok_at > 0: at that wall time) or a failure. */
static void answer(Fix *f, int pi, double ok_at, const char *error)
{
    QueryState *s = &f->a.dash[f->a.cur].panels[pi].qs[0].inst;
    free(s->error);
    s->error = error ? strdup(error) : NULL;
    if (ok_at > 0) {
        s->ok_at = ok_at;
        result_free(&s->res);
        s->res.type = RESULT_VECTOR;
        s->res.series = calloc(1, sizeof *s->res.series);
        assert_non_null(s->res.series);
        s->res.nseries = 1;
        s->res.series[0].points = malloc(sizeof(Point));
        assert_non_null(s->res.series[0].points);
        s->res.series[0].points[0] = (Point){ok_at, 42};
        s->res.series[0].npoints = 1;
    }
}

static void test_interval(void **state)
{
    (void)state;
    double s = -1;
    assert_int_equal(kiosk_interval_parse("20", &s), 0);
    assert_true(s == 20);
    assert_int_equal(kiosk_interval_parse("30s", &s), 0);
    assert_true(s == 30);
    assert_int_equal(kiosk_interval_parse("1m", &s), 0);
    assert_true(s == 60);
    assert_int_equal(kiosk_interval_parse("1m30s", &s), 0);
    assert_true(s == 90);
    assert_int_equal(kiosk_interval_parse("0", &s), 0);
    assert_true(s == 0);
    /* under a second, negative, or not a duration (a dashboard name) */
    s = 7;
    assert_int_equal(kiosk_interval_parse("500ms", &s), -1);
    assert_int_equal(kiosk_interval_parse("-5", &s), -1);
    assert_int_equal(kiosk_interval_parse("system", &s), -1);
    assert_int_equal(kiosk_interval_parse("./20", &s), -1);
    assert_int_equal(kiosk_interval_parse("", &s), -1);
    assert_int_equal(kiosk_interval_parse(NULL, &s), -1);
    assert_true(s == 7); /* untouched on failure */
}

static void test_theme(void **state)
{
    (void)state;
    /* an explicit choice wins; else high-contrast when built in, else dark */
    assert_string_equal(kiosk_theme("mono", 1), "mono");
    const char *dflt = theme_find("high-contrast") ? "high-contrast" : "dark";
    assert_string_equal(kiosk_theme("mono", 0), dflt);
    assert_string_equal(kiosk_theme(NULL, 0), dflt);
    assert_non_null(theme_find(kiosk_theme(NULL, 0)));
}

static void test_rotation(void **state)
{
    (void)state;
    Fix *f = fix_new();
    /* live, the title line's clock wakes the loop at the next minute and a
     * new minute asks for the title line again */
    kiosk_start(&f->a);
    assert_true(kiosk_wait(&f->a) <= 60);
    assert_int_equal(kiosk_tick(&f->a), 1); /* the first minute shown */
    assert_int_equal(kiosk_tick(&f->a), 0);
    f->a.kiosk_minute -= 1;
    assert_int_equal(kiosk_tick(&f->a), 1);
    /* frozen (--at), only the rotation */
    f->a.at = 1772334600;
    kiosk_start(&f->a);
    double w = kiosk_wait(&f->a);
    assert_true(w > 29 && w <= 30);
    assert_int_equal(kiosk_tick(&f->a), 1); /* a new minute: the frozen one */
    assert_int_equal(kiosk_tick(&f->a), 0);
    assert_int_equal(f->a.cur, 0);
    f->a.kiosk_next = app_mono(&f->a) - 1; /* its turn is over */
    assert_true(kiosk_wait(&f->a) == 0);
    assert_int_equal(kiosk_tick(&f->a), 1);
    assert_int_equal(f->a.cur, 1);
    assert_true(kiosk_wait(&f->a) > 29); /* a full turn for the next */
    f->a.kiosk_next = app_mono(&f->a) - 1;
    assert_int_equal(kiosk_tick(&f->a), 1);
    assert_int_equal(f->a.cur, 0); /* wraps */
    /* a dashboard that finds none of its metrics is passed over; when it
     * is the only other one, the current one stays; when none finds any,
     * they turn as usual */
    f->a.dash[1].cover = (Coverage){.known = 1, .names = 3, .panels = 1};
    f->a.kiosk_next = app_mono(&f->a) - 1;
    assert_int_equal(kiosk_tick(&f->a), 0);
    assert_int_equal(f->a.cur, 0);
    assert_true(kiosk_wait(&f->a) > 29);
    f->a.dash[0].cover = f->a.dash[1].cover;
    f->a.kiosk_next = app_mono(&f->a) - 1;
    assert_int_equal(kiosk_tick(&f->a), 1);
    assert_int_equal(f->a.cur, 1);
    f->a.dash[0].cover.found = 1; /* it has one */
    f->a.kiosk_next = app_mono(&f->a) - 1;
    assert_int_equal(kiosk_tick(&f->a), 1);
    assert_int_equal(f->a.cur, 0);
    /* 0: no rotation */
    f->a.kiosk_every = 0;
    kiosk_start(&f->a);
    f->a.kiosk_next = app_mono(&f->a) - 1;
    assert_int_equal(kiosk_tick(&f->a), 0);
    assert_true(kiosk_wait(&f->a) >= 3600);
    fix_free(f);
}

static void test_stale_mark(void **state)
{
    (void)state;
    Fix *f = fix_new();
    char buf[128];
    double now = app_wall();
    /* no failure: no mark */
    answer(f, 0, now - 5, NULL);
    answer(f, 1, now - 3, NULL);
    assert_int_equal(kiosk_stale_mark(&f->a, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    /* failing: the local time of the oldest good answer still shown */
    double t0 = now - 600, t1 = now - 60;
    answer(f, 0, 0, "cannot connect");
    f->a.dash[0].panels[0].qs[0].inst.ok_at = t1;
    answer(f, 1, 0, "cannot connect");
    f->a.dash[0].panels[1].qs[0].inst.ok_at = t0;
    char want[128], hm[16];
    time_t tt = (time_t)t0, tn = (time_t)now;
    struct tm tm, tmn;
    localtime_r(&tt, &tm);
    localtime_r(&tn, &tmn);
    strftime(hm, sizeof hm, tm.tm_yday == tmn.tm_yday ? "%H:%M" : "%b %d %H:%M",
             &tm);
    snprintf(want, sizeof want, "data as of %s", hm);
    assert_int_equal(kiosk_stale_mark(&f->a, buf, sizeof buf),
                     (int)strlen(want));
    assert_string_equal(buf, want);
    /* a day old: the date too */
    f->a.dash[0].panels[1].qs[0].inst.ok_at = now - 2 * 86400;
    kiosk_stale_mark(&f->a, buf, sizeof buf);
    assert_non_null(strstr(buf, "data as of "));
    assert_true(strlen(buf) > strlen("data as of HH:MM"));
    /* frozen by --at: the data describes that instant */
    f->a.dash[0].panels[1].qs[0].inst.ok_at = t0;
    f->a.at = 1772334600; /* 2026-03-01T03:10:00Z */
    kiosk_stale_mark(&f->a, buf, sizeof buf);
    snprintf(want, sizeof want,
             "data as of 2026-03-01 03:10 UTC, no answer since %s", hm);
    assert_string_equal(buf, want);
    f->a.at = 0;
    /* a panel off screen does not count */
    Rect keep = f->a.dash[0].rects[1];
    f->a.dash[0].rects[1] = (Rect){0, 0, 0, 0};
    kiosk_stale_mark(&f->a, buf, sizeof buf);
    localtime_r(&(time_t){(time_t)t1}, &tm);
    strftime(hm, sizeof hm, "%H:%M", &tm);
    if (tm.tm_yday == tmn.tm_yday) {
        snprintf(want, sizeof want, "data as of %s", hm);
        assert_string_equal(buf, want);
    }
    f->a.dash[0].rects[1] = keep;
    /* never answered at all */
    app_switch(&f->a, 1);
    answer(f, 0, 0, "cannot connect");
    kiosk_stale_mark(&f->a, buf, sizeof buf);
    assert_string_equal(buf, "waiting for data");
    /* a short buffer is cut, never overrun */
    char tiny[6];
    kiosk_stale_mark(&f->a, tiny, sizeof tiny);
    assert_string_equal(tiny, "waiti");
    fix_free(f);
}

/* Row y of c as text. */
static const char *row(const Canvas *c, int y, char *buf, int n)
{
    canvas_row_text(c, y, buf, n);
    return buf;
}

static void test_frame(void **state)
{
    (void)state;
    Fix *f = fix_new();
    char buf[1024];
    double now = app_wall();
    answer(f, 0, now, NULL);
    answer(f, 1, now, NULL);
    Canvas *c = canvas_new(80, 24, 0);
    assert_non_null(c);
    ui_render(&f->a, c);
    /* the title line, then the panels down to the last row: no tab bar, no
     * status line, no key hints */
    const char *top = row(c, 0, buf, sizeof buf);
    assert_non_null(strstr(top, "First Board"));
    assert_non_null(strstr(top, "1/2"));
    assert_null(strstr(top, "promboard"));
    assert_null(strstr(top, "data as of"));
    assert_non_null(strstr(row(c, 1, buf, sizeof buf), "Requests"));
    assert_non_null(strstr(row(c, 23, buf, sizeof buf), "\xe2\x95\xaf"));
    for (int y = 0; y < 24; y++) {
        row(c, y, buf, sizeof buf);
        assert_null(strstr(buf, "q quit"));
        assert_null(strstr(buf, "127.0.0.1"));
    }
    /* the value in big digits: block rows, not the plain "42" */
    int blocks = 0;
    for (int y = 2; y < 23; y++)
        blocks += strstr(row(c, y, buf, sizeof buf), "\xe2\x96\x88") != NULL;
    assert_true(blocks >= 3);
    /* the server goes away: the mark in the top right corner, the values
     * still drawn, no error text */
    answer(f, 0, 0, "cannot connect to http://127.0.0.1:9");
    ui_render(&f->a, c);
    top = row(c, 0, buf, sizeof buf);
    const char *mark = strstr(top, "data as of ");
    assert_non_null(mark);
    assert_int_equal(c->cells[79].role, ROLE_STALE);
    int blocks2 = 0;
    for (int y = 2; y < 23; y++) {
        row(c, y, buf, sizeof buf);
        assert_null(strstr(buf, "cannot connect"));
        assert_null(strstr(buf, "stale"));
        blocks2 += strstr(buf, "\xe2\x96\x88") != NULL;
    }
    assert_int_equal(blocks2, blocks);
    canvas_free(c);
    fix_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_interval), cmocka_unit_test(test_theme),
        cmocka_unit_test(test_rotation), cmocka_unit_test(test_stale_mark),
        cmocka_unit_test(test_frame),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
