/* test_kinds_b.c - unit tests of the treemap, alertlist, multistat and text
 * panel kinds and of the timeline's gantt mode: panels built by hand with
 * hand-made answers, drawn through panel_draw() onto canvases of known
 * sizes and checked cell by cell; plus each of them on tiny rects, with no
 * data, NaN, infinities, one point, negative values and many series. */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "datasource/alerts.h"
#include "panels/panel.h"

extern const PanelClass treemap_class, alertlist_class, multistat_class,
    text_class, timeline_class;

#define DAY 86400.0

#include "panel_fixture.h"

#define ELL "\xe2\x80\xa6" /* … */

/* UTF-8 of the glyphs the kinds draw */
#define SH2 "\xe2\x96\x92"  /* ▒ */
#define SH1 "\xe2\x96\x91"  /* ░ */
#define FULL "\xe2\x96\x88" /* █ */
#define DOWN "\xe2\x96\xbc" /* ▼ */
#define MID "\xc2\xb7"      /* · */

/* Repeats s n times into buf (of size sz); returns buf. */
static char *rep(char *buf, size_t sz, const char *s, int n)
{
    buf[0] = 0;
    for (int i = 0; i < n; i++) {
        assert_true(strlen(buf) + strlen(s) < sz);
        strcat(buf, s);
    }
    return buf;
}

/* ---- option tables -------------------------------------------------------
 */

/* The option names are part of the YAML format: dashboards use them. */
static void test_option_tables(void **state)
{
    (void)state;
    static const struct {
        const PanelClass *cls;
        const char *name, *opts, *defs;
        int mode;
    } kinds[] = {
        {&treemap_class, "treemap", "limit", "20", QM_INSTANT},
        {&alertlist_class, "alertlist",
         "source severity_label show_value group_by suppressed",
         "query severity true - dim", QM_INSTANT},
        {&multistat_class, "multistat", "by", "-", QM_INSTANT},
        {&text_class, "text", "content align", "- left", 0},
        {&timeline_class, "timeline", "list mode by", "true events -",
         QM_RANGE},
    };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        const PanelClass *cls = kinds[k].cls;
        assert_string_equal(cls->name, kinds[k].name);
        assert_ptr_equal(panel_kind_find(kinds[k].name), cls);
        assert_int_equal(cls->query_mode, kinds[k].mode);
        assert_non_null(cls->help);
        assert_non_null(cls->draw);
        char names[256] = "", defs[256] = "";
        for (int i = 0; cls->opts[i].name; i++) {
            assert_non_null(cls->opts[i].help);
            if (cls->opts[i].type == OPT_ENUM)
                assert_non_null(strstr(cls->opts[i].choices, cls->opts[i].def));
            if (i) {
                strcat(names, " ");
                strcat(defs, " ");
            }
            strcat(names, cls->opts[i].name);
            strcat(defs, cls->opts[i].def ? cls->opts[i].def : "-");
        }
        assert_string_equal(names, kinds[k].opts);
        assert_string_equal(defs, kinds[k].defs);
    }
    assert_int_equal(treemap_class.opts[0].type, OPT_INT);
    assert_string_equal(alertlist_class.opts[0].choices,
                        "alerts|alertmanager|query");
    assert_int_equal(alertlist_class.opts[1].type, OPT_STRING);
    assert_int_equal(alertlist_class.opts[2].type, OPT_BOOL);
    assert_string_equal(alertlist_class.opts[4].choices, "dim|hide");
    assert_int_equal(multistat_class.opts[0].type, OPT_STRINGS);
    assert_int_equal(text_class.opts[0].type, OPT_STRING);
    assert_string_equal(text_class.opts[1].choices, "left|center");
    assert_string_equal(timeline_class.opts[1].choices, "events|gantt");
    assert_int_equal(timeline_class.opts[2].type, OPT_STRINGS);
}

/* The timeline asks range queries for events and instant ones for dates;
 * the slots panel_init marks used follow. */
static void test_timeline_query_mode(void **state)
{
    (void)state;
    assert_non_null(timeline_class.query_mode_for);
    Fix *f = fix_new(&timeline_class, "Events", 1);
    assert_int_equal(timeline_class.query_mode_for(&f->conf), QM_RANGE);
    fix_opt(f, "mode", "events", 0);
    assert_int_equal(timeline_class.query_mode_for(&f->conf), QM_RANGE);
    fix_start(f);
    assert_int_equal(f->p.mode, QM_RANGE);
    assert_int_equal(f->p.qs[0].range.used, 1);
    assert_int_equal(f->p.qs[0].inst.used, 0);
    fix_free(f);
    f = fix_new(&timeline_class, "Dates", 2);
    fix_opt(f, "mode", "gantt", 1);
    assert_int_equal(timeline_class.query_mode_for(&f->conf), QM_INSTANT);
    fix_start(f);
    assert_int_equal(f->p.mode, QM_INSTANT);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(f->p.qs[i].inst.used, 1);
        assert_int_equal(f->p.qs[i].range.used, 0);
    }
    fix_free(f);
    /* the loader fills the index too; without the text it decides */
    f = fix_new(&timeline_class, "Dates", 1);
    fix_opt(f, "mode", NULL, 1);
    assert_int_equal(timeline_class.query_mode_for(&f->conf), QM_INSTANT);
    fix_free(f);
}

/* ---- treemap --------------------------------------------------------------
 */

/* A treemap of n values of label tool=<names[i]>. */
static Fix *tool_map(const char *const *names, const double *v, int n)
{
    Fix *f = fix_new(&treemap_class, "Tool Usage", 1);
    f->q[0].legend = "{{tool}}";
    fix_start(f);
    for (int i = 0; i < n; i++) {
        char lab[64];
        snprintf(lab, sizeof lab, "tool=%s", names[i]);
        inst(f, 0, L(lab), v[i]);
    }
    return f;
}

/* Cells of rect r of c in `role`. */
static int count_role(const Canvas *c, Rect r, Role role)
{
    int n = 0;
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++)
            n += cell(c, x, y)->role == role;
    return n;
}

static void test_treemap_two_values(void **state)
{
    (void)state;
    char rowbuf[1024], a[512], b[512], e[1024];
    /* smaller first in the answer: the layout puts the largest first */
    Fix *f = tool_map(L("small", "search"), (const double[]){25, 75}, 2);
    Canvas *c = draw(f, 42, 12, 0);
    /* 40x10 inside is 40x20 square units: 75% is a column of 30x20 units
     * (30 columns, 10 rows) at the left, 25% the 10 columns at the right */
    snprintf(e, sizeof e, VBAR SH2 "search%s" SH1 "small%s" VBAR,
             rep(a, sizeof a, SH2, 23), rep(b, sizeof b, SH1, 4));
    assert_string_equal(ROW(c, 1), e);
    snprintf(e, sizeof e, VBAR SH2 "75%s" SH1 "25%s" VBAR,
             rep(a, sizeof a, SH2, 27), rep(b, sizeof b, SH1, 7));
    assert_string_equal(ROW(c, 2), e);
    snprintf(e, sizeof e, VBAR "%s%s" VBAR, rep(a, sizeof a, SH2, 30),
             rep(b, sizeof b, SH1, 10));
    for (int y = 3; y <= 10; y++)
        assert_string_equal(ROW(c, y), e);
    /* areas: 300 and 100 cells in the first two series colours */
    Rect in = {1, 1, 40, 10};
    assert_int_equal(count_role(c, in, ROLE_SERIES1), 300);
    assert_int_equal(count_role(c, in, ROLE_SERIES2), 100);
    assert_int_equal(count_role(c, (Rect){1, 1, 30, 10}, ROLE_SERIES1), 300);
    /* labels reversed on the fill, the name bold */
    assert_int_equal(cell(c, 2, 1)->attrs, TA_REVERSE | TA_BOLD);
    assert_int_equal(cell(c, 2, 2)->attrs, TA_REVERSE);
    assert_int_equal(cell(c, 1, 1)->attrs, 0);
    canvas_free(c);
    /* a wide, short rect: the largest is still at the left, one row high
     * has name and value on one line */
    c = draw(f, 42, 3, 1);
    assert_string_equal(ROW(c, 1),
                        "|:search 75::::::::::::::::::::.small 25.|");
    canvas_free(c);
    /* a tall, narrow one: rows across, the largest on top (16 units
     * across, 60 down: 45 of them, 22.5 rows, rounded to 23) */
    c = draw(f, 18, 32, 1);
    assert_string_equal(ROW(c, 1), "|:search:::::::::|");
    assert_string_equal(ROW(c, 2), "|:75:::::::::::::|");
    assert_string_equal(ROW(c, 23), "|::::::::::::::::|");
    assert_string_equal(ROW(c, 24), "|.small..........|");
    assert_string_equal(ROW(c, 25), "|.25.............|");
    assert_string_equal(ROW(c, 30), "|................|");
    canvas_free(c);
    fix_free(f);
}

/* Squarified: four equal values in a square make four squares, not four
 * strips; neighbours never share a fill. */
static void test_treemap_squarified(void **state)
{
    (void)state;
    char rowbuf[1024];
    Fix *f = tool_map(L("a", "b", "c", "d"), (const double[]){1, 1, 1, 1}, 4);
    Canvas *c = draw(f, 22, 12, 1);
    /* 20x10 cells are 20x20 units: four 10x10-unit squares (10x5 cells),
     * a column of two at the left, then one of two at the right */
    assert_string_equal(ROW(c, 1), "|:a::::::::.c........|");
    assert_string_equal(ROW(c, 2), "|:1::::::::.1........|");
    assert_string_equal(ROW(c, 5), "|::::::::::..........|");
    assert_string_equal(ROW(c, 6), "|.b........:d::::::::|");
    assert_string_equal(ROW(c, 7), "|.1........:1::::::::|");
    assert_string_equal(ROW(c, 10), "|..........::::::::::|");
    assert_int_equal(cell(c, 1, 1)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 1, 6)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 11, 1)->role, ROLE_SERIES3);
    assert_int_equal(cell(c, 11, 6)->role, ROLE_SERIES4);
    canvas_free(c);
    fix_free(f);
}

static void test_treemap_limit_and_other(void **state)
{
    (void)state;
    Fix *f = tool_map(L("a", "b", "c", "d", "e"),
                      (const double[]){50, 30, 10, 6, 4}, 5);
    fix_opt(f, "limit", NULL, 2);
    Canvas *c = draw(f, 62, 12, 0);
    /* a and b by name, the rest in a dim "other" */
    int y = find_row(c, "other (3)");
    assert_true(y > 0);
    assert_true(find_row(c, "20") >= y); /* 10 + 6 + 4 */
    assert_int_equal(find_row(c, " c "), -1);
    int x = 0;
    char rowbuf[1024];
    const char *t = strstr(ROW(c, y), "other");
    for (const char *q = rowbuf; q < t; x++) /* columns before it */
        q += (*q & 0xc0) == 0xc0 ? ((*q & 0xe0) == 0xe0 ? 3 : 2) : 1;
    assert_int_equal(cell(c, x, y)->role, ROLE_DIM);
    canvas_free(c);
    fix_free(f);
}

/* NaN, infinities, 0 and negatives take no room; nothing left: no data. */
static void test_treemap_awkward(void **state)
{
    (void)state;
    char rowbuf[1024];
    Fix *f = tool_map(L("nan", "inf", "neg", "zero", "one"),
                      (const double[]){NAN, INFINITY, -5, 0, 2}, 5);
    Canvas *c = draw(f, 22, 5, 1);
    assert_string_equal(ROW(c, 1), "|:one::::::::::::::::|");
    assert_string_equal(ROW(c, 2), "|:2::::::::::::::::::|");
    assert_string_equal(ROW(c, 3), "|::::::::::::::::::::|");
    canvas_free(c);
    fix_free(f);
    f = tool_map(L("nan", "neg", "zero"), (const double[]){NAN, -1, 0}, 3);
    c = draw(f, 22, 5, 0);
    assert_int_equal(find_row(c, "no data"), 2);
    canvas_free(c);
    fix_free(f);
    /* huge values do not overflow the sum: halves */
    f = tool_map(L("x", "y"), (const double[]){1.7e308, 1.7e308}, 2);
    c = draw(f, 22, 5, 1);
    assert_string_equal(ROW(c, 1), "|:x::::::::.y........|");
    canvas_free(c);
    fix_free(f);
}

/* A rect too small for text stays a coloured block. */
static void test_treemap_small_rects(void **state)
{
    (void)state;
    char rowbuf[1024];
    Fix *f = tool_map(L("big", "tiny"), (const double[]){97, 3}, 2);
    Canvas *c = draw(f, 42, 4, 1);
    /* 40x2: tiny is 3% of 160 units, one column of 2 rows, no text */
    assert_string_equal(ROW(c, 1),
                        "|:big:::::::::::::::::::::::::::::::::::.|");
    assert_string_equal(ROW(c, 2),
                        "|:97::::::::::::::::::::::::::::::::::::.|");
    assert_int_equal(cell(c, 40, 1)->role, ROLE_SERIES2);
    canvas_free(c);
    /* one row: name and value on it when they fit */
    c = draw(f, 42, 3, 1);
    assert_string_equal(ROW(c, 1),
                        "|:big 97::::::::::::::::::::::::::::::::.|");
    canvas_free(c);
    /* 5x1 inside: big takes it all (tiny rounds to no column) */
    c = draw(f, 7, 3, 1);
    assert_string_equal(ROW(c, 1), "|:big:|");
    canvas_free(c);
    /* under 3 columns: a block without text */
    Canvas *t = canvas_new(2, 1, 1);
    treemap_class.draw(&f->p, t, (Rect){0, 0, 2, 1}, &f->ctx);
    assert_string_equal(row(t, 0, rowbuf, sizeof rowbuf), "::");
    canvas_free(t);
    fix_free(f);
    return;
    canvas_free(c);
    fix_free(f);
}

/* ---- alertlist ------------------------------------------------------------
 */

#define CIRCLE "\xe2\x97\x8f" /* ● */
#define TRI "\xe2\x96\xb2"    /* ▲ */
#define BULLET "\xe2\x80\xa2" /* • */

static Fix *alerts(void)
{
    Fix *f = fix_new(&alertlist_class, "Active Alerts", 1);
    f->q[0].legend = "{{alertname}} {{instance}}";
    fix_start(f);
    inst(f, 0, L("alertname=Watchdog", "severity=none"), 1);
    inst(f, 0, L("alertname=DiskFilling", "severity=warning", "instance=db"),
         2);
    inst(f, 0, L("alertname=HighErrors", "severity=critical", "instance=api"),
         1);
    inst(f, 0, L("alertname=SlowBurn", "severity=Major", "instance=a2"), 7);
    inst(f, 0, L("alertname=TargetDown", "severity=critical", "instance=n7"),
         3);
    return f;
}

/* Critical first, then warnings, then the rest; by value within. */
static void test_alertlist_order(void **state)
{
    (void)state;
    char rowbuf[1024];
    Fix *f = alerts();
    Canvas *c = draw(f, 42, 8, 0);
    assert_string_equal(ROW(c, 1),
                        VBAR "5 firing  2 critical, 2 warning         " VBAR);
    assert_string_equal(ROW(c, 2), VBAR CIRCLE
                        " TargetDown n7                        3" VBAR);
    assert_string_equal(ROW(c, 3), VBAR CIRCLE
                        " HighErrors api                       1" VBAR);
    assert_string_equal(ROW(c, 4), VBAR TRI
                        " SlowBurn a2                          7" VBAR);
    assert_string_equal(ROW(c, 5), VBAR TRI
                        " DiskFilling db                       2" VBAR);
    assert_string_equal(ROW(c, 6), VBAR BULLET
                        " Watchdog                             1" VBAR);
    /* colours: header by the worst, markers and values by severity */
    assert_int_equal(cell(c, 1, 1)->role, ROLE_CRIT);
    assert_int_equal(cell(c, 1, 1)->attrs, TA_BOLD);
    assert_int_equal(cell(c, 12, 1)->role, ROLE_DIM);
    assert_int_equal(cell(c, 1, 2)->role, ROLE_CRIT);
    assert_int_equal(cell(c, 40, 2)->role, ROLE_CRIT);
    assert_int_equal(cell(c, 1, 4)->role, ROLE_WARN);
    assert_int_equal(cell(c, 40, 5)->role, ROLE_WARN);
    assert_int_equal(cell(c, 1, 6)->role, ROLE_OK);
    assert_int_equal(cell(c, 3, 2)->role, ROLE_DEFAULT);
    canvas_free(c);
    /* ASCII markers; no values */
    fix_opt(f, "show_value", NULL, 0);
    c = draw(f, 42, 8, 1);
    assert_string_equal(ROW(c, 2),
                        "|! TargetDown n7                         |");
    assert_string_equal(ROW(c, 4),
                        "|* SlowBurn a2                           |");
    assert_string_equal(ROW(c, 6),
                        "|o Watchdog                              |");
    canvas_free(c);
    /* short: the count of the rest; one row: the header alone */
    c = draw(f, 42, 5, 1);
    assert_string_equal(ROW(c, 2),
                        "|! TargetDown n7                         |");
    assert_string_equal(ROW(c, 3),
                        "|+4 more                                 |");
    canvas_free(c);
    c = draw(f, 42, 3, 1);
    assert_string_equal(ROW(c, 1),
                        "|5 firing  2 critical, 2 warning         |");
    canvas_free(c);
    fix_free(f);
}

/* Another label, and thresholds when it says nothing known. */
static void test_alertlist_severity_sources(void **state)
{
    (void)state;
    char rowbuf[1024];
    static double steps[] = {5, 10};
    Fix *f = fix_new(&alertlist_class, "Blocker Tickets", 1);
    fix_opt(f, "severity_label", "priority", 0);
    f->q[0].legend = "{{project}} {{priority}}";
    f->conf.thresholds =
        (Thresholds){.steps = steps, .n = 2, .good_high = 0, .set = 1};
    fix_start(f);
    inst(f, 0, L("project=low", "priority=minor"), 2);
    inst(f, 0, L("project=mid", "priority=minor"), 6);
    inst(f, 0, L("project=hot", "priority=minor"), 12);
    inst(f, 0, L("project=blk", "priority=blocker"), 1);
    inst(f, 0, L("project=nan", "severity=critical"), NAN);
    Canvas *c = draw(f, 34, 8, 1);
    assert_string_equal(ROW(c, 1), "|5 firing  2 critical, 1 warning |");
    assert_string_equal(ROW(c, 2), "|! hot minor                   12|");
    assert_string_equal(ROW(c, 3), "|! blk blocker                  1|");
    assert_string_equal(ROW(c, 4), "|* mid minor                    6|");
    assert_string_equal(ROW(c, 5), "|o low minor                    2|");
    assert_string_equal(ROW(c, 6), "|o nan                        NaN|");
    assert_int_equal(cell(c, 1, 5)->role, ROLE_OK);
    assert_int_equal(cell(c, 1, 6)->role, ROLE_DIM); /* NaN: no level */
    canvas_free(c);
    /* a narrow header leaves the counts out; room for one row: the
     * worst alert, not "+4 more" (the header counts them) */
    c = draw(f, 14, 4, 1);
    assert_string_equal(ROW(c, 1), "|5 firing    |");
    assert_string_equal(ROW(c, 2), "|! hot mi~ 12|");
    canvas_free(c);
    fix_free(f);
}

/* An answer with no series is good news; no answer is not. */
static void test_alertlist_all_clear(void **state)
{
    (void)state;
    char rowbuf[1024];
    Fix *f = fix_new(&alertlist_class, "Alerts", 2);
    fix_start(f);
    Canvas *c = draw(f, 30, 5, 0);
    assert_string_equal(ROW(c, 2), VBAR "         all clear          " VBAR);
    assert_int_equal(cell(c, 10, 2)->role, ROLE_OK);
    assert_int_equal(cell(c, 10, 2)->attrs, TA_BOLD);
    assert_int_equal(find_row(c, "no data"), -1);
    canvas_free(c);
    /* the second query failed before it ever answered: not all clear */
    result_free(&f->p.qs[1].inst.res);
    f->p.qs[1].inst.error = xstrdup("execution: timeout");
    c = draw(f, 30, 5, 0);
    assert_int_equal(find_row(c, "all clear"), -1);
    assert_int_equal(find_row(c, "no data"), 2);
    assert_int_equal(find_row(c, "stale"), 0);
    canvas_free(c);
    fix_free(f);
}

static void test_alertlist_many(void **state)
{
    (void)state;
    char rowbuf[1024];
    Fix *f = fix_new(&alertlist_class, "Many", 1);
    f->q[0].legend = "{{instance}}";
    fix_start(f);
    for (int i = 0; i < 300; i++) {
        char lab[32];
        snprintf(lab, sizeof lab, "instance=i%03d", i);
        inst(f, 0, L(lab, i == 150 ? "severity=critical" : "severity=info"), i);
    }
    Canvas *c = draw(f, 30, 6, 1);
    assert_string_equal(ROW(c, 1), "|300 firing  1 critical      |");
    assert_string_equal(ROW(c, 2), "|! i150                   150|");
    assert_string_equal(ROW(c, 3), "|o i299                   299|");
    assert_string_equal(ROW(c, 4), "|+298 more                   |");
    canvas_free(c);
    fix_free(f);
}

/* ---- alertlist from the alerting APIs --------------------------------------
 */

/* SLOBurnRateFast fired at ...74.35, the rest 1.6 s later; the pending one
 * became active at ...608.35; the clock reads 10 s after that. */
#define AL_WALL (1796293608.35 + 10.5)

/* The answers of a real Prometheus and Alertmanager (tests/fixtures/alerts):
 * five alerts, one pending, one silenced, one inhibited. */
static void store_read(AlertFeed *f, const char *file,
                       int (*rd)(const char *, size_t, long, Result *))
{
    char path[512];
    snprintf(path, sizeof path, "%s/alerts/%s", FIXTURES_DIR, file);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    Result r;
    assert_int_equal(rd(buf, n, 200, &r), 0);
    f->set = alertset_ref(r.alerts);
    f->ok_at = AL_WALL - 720;
    result_free(&r);
}

static AlertStore *store_new(void)
{
    AlertStore *st = calloc(1, sizeof *st);
    assert_non_null(st);
    store_read(&st->prom_alerts, "prom_alerts.json", alertjson_prom_alerts);
    store_read(&st->prom_rules, "prom_rules.json", alertjson_prom_rules);
    store_read(&st->am_alerts, "am_alerts.json", alertjson_am_alerts);
    st->have_am = 1;
    return st;
}

static void store_del(AlertStore *st)
{
    alertfeed_clear(&st->past);
    alertfeed_clear(&st->prom_alerts);
    alertfeed_clear(&st->prom_rules);
    alertfeed_clear(&st->am_alerts);
    free(st);
}

static Fix *alerts_fix(AlertStore *st, const char *source)
{
    Fix *f = fix_new(&alertlist_class, "Alerts", 0);
    fix_opt(f, "source", source, !strcmp(source, "alerts") ? 0 : 1);
    fix_start(f);
    f->ctx.alerts = st;
    f->ctx.wall = AL_WALL;
    return f;
}

static void draw_sizes(Fix *f);

#define ARROW "\xe2\x86\x97" /* ↗ */
#define RING "\xe2\x97\x8b"  /* ○ */

/* Severity, name, summary, value, runbook mark, state and age; firing
 * before pending, the silenced and the inhibited one dimmed, last. */
static void test_alertlist_alerts(void **state)
{
    (void)state;
    char rowbuf[1024];
    AlertStore *st = store_new();
    Fix *f = alerts_fix(st, "alerts");
    assert_int_equal(panel_alert_source(&f->conf), ALERTS_FROM_PROM);
    assert_int_equal(f->p.mode, 0); /* no query asked */
    Canvas *c = draw(f, 102, 8, 0);
    assert_string_equal(ROW(c, 1), VBAR "2 firing  1 pending  1 silenced  1 "
                                        "inhibited                         "
                                        "                               " VBAR);
    assert_string_equal(ROW(c, 2), VBAR CIRCLE
                        " SLOBurnRateFast  api-gateway availability "
                        "SLO burning fast                   65.7  " ARROW
                        "    firing 44s" VBAR);
    assert_string_equal(ROW(c, 4),
                        VBAR RING " SLOBurnRateFastHeld  api-gateway burning, "
                                  "held                               65.7     "
                                  " pending 10s" VBAR);
    assert_string_equal(ROW(c, 5), VBAR TRI
                        " SLOBurnRateSlow  report-service availability "
                        "SLO burning slowly              10.1  " ARROW
                        "  silenced 44s" VBAR);
    assert_string_equal(ROW(c, 6), VBAR TRI
                        " HTTPLatencyP95High  HTTP P95 latency above "
                        "1s                                4.52  " ARROW
                        " inhibited 42s" VBAR);
    /* the header in the worst firing colour; severity colours the mark and
     * the state; silenced and inhibited rows all dim */
    assert_int_equal(cell(c, 1, 1)->role, ROLE_CRIT);
    assert_int_equal(cell(c, 1, 2)->role, ROLE_CRIT);
    assert_int_equal(cell(c, 3, 2)->role, ROLE_VALUE);
    assert_int_equal(cell(c, 3, 2)->attrs, TA_BOLD);
    assert_int_equal(cell(c, 97, 2)->role, ROLE_CRIT);
    assert_int_equal(cell(c, 1, 4)->role, ROLE_CRIT); /* P1 is critical */
    assert_int_equal(cell(c, 97, 4)->role, ROLE_DIM); /* pending */
    static const int dimx[] = {1, 3, 20, 90, 97};
    for (int i = 0; i < 5; i++) /* mark, name, summary, value, state */
        assert_int_equal(cell(c, dimx[i], 5)->role, ROLE_DIM);
    canvas_free(c);

    /* narrow and ASCII: the summary gives way first */
    c = draw(f, 50, 8, 1);
    assert_string_equal(ROW(c, 2),
                        "|! SLOBurnRateFast  api-g~  65.7  R    firing 44s|");
    assert_string_equal(ROW(c, 4),
                        "|. SLOBurnRateFastHeld      65.7      pending 10s|");
    canvas_free(c);
    c = draw(f, 30, 8, 1);
    assert_string_equal(ROW(c, 2), "|! SLOBurnRateFast  ap~ R 44s|");
    assert_string_equal(ROW(c, 4), "|. SLOBurnRateFastHeld    10s|");
    assert_string_equal(ROW(c, 5), "|* SLOBurnRateSlow  re~ R 44s|");
    canvas_free(c);
    /* short: the count of the rest */
    c = draw(f, 50, 5, 1);
    assert_string_equal(ROW(c, 3),
                        "|+4 more                                         |");
    canvas_free(c);

    /* hidden when suppressed: still counted */
    fix_opt(f, "suppressed", "hide", 1);
    c = draw(f, 60, 8, 1);
    assert_string_equal(
        ROW(c, 1),
        "|2 firing  1 pending  1 silenced  1 inhibited              |");
    assert_int_equal(find_row(c, "SLOBurnRateSlow"), -1);
    assert_int_equal(find_row(c, "HTTPLatencyP95High"), -1);
    assert_int_equal(find_row(c, "SLOBurnRateFastHeld"), 4);
    canvas_free(c);
    fix_opt(f, "suppressed", "dim", 0);

    /* grouped by a label: groups in the order of their first alert */
    fix_opt(f, "group_by", "service", 0);
    c = draw(f, 60, 12, 1);
    assert_string_equal(
        ROW(c, 2),
        "|api-gateway  2                                            |");
    assert_string_equal(
        ROW(c, 3),
        "|  ! SLOBurnRateFast  api-gateway a~  65.7  R    firing 44s|");
    assert_string_equal(
        ROW(c, 5),
        "|(no service)  2                                           |");
    assert_string_equal(
        ROW(c, 8),
        "|report-service  1                                         |");
    canvas_free(c);
    /* no group head is left without an alert under it */
    c = draw(f, 60, 7, 1);
    assert_string_equal(
        ROW(c, 5),
        "|+3 more                                                   |");
    canvas_free(c);
    c = draw(f, 60, 6, 1); /* a head with no room under it waits */
    assert_string_equal(
        ROW(c, 3),
        "|  ! SLOBurnRateFast  api-gateway avail~ 65.7  R firing 44s|");
    assert_string_equal(
        ROW(c, 4),
        "|+4 more                                                   |");
    canvas_free(c);
    fix_opt(f, "group_by", NULL, 0);
    f->opts[panel_opt_index(&alertlist_class, "group_by")].set = 0;

    /* the '/' filter finds names, summaries and label values */
    panel_set_filter(&f->p, "report-service|latency");
    c = draw(f, 60, 8, 1);
    assert_string_equal(
        ROW(c, 1),
        "|0 firing  1 silenced  1 inhibited                         |");
    assert_true(find_row(c, "SLOBurnRateSlow") == 2);
    assert_true(find_row(c, "HTTPLatencyP95High") == 3);
    canvas_free(c);
    panel_set_filter(&f->p, NULL);
    fix_free(f);
    store_del(st);
}

/* Errors: an Alertmanager that does not answer hides nothing; no
 * Alertmanager; a frozen clock; no answer yet; the server's own error. */
static void test_alertlist_alerts_errors(void **state)
{
    (void)state;
    char rowbuf[1024];
    AlertStore *st = store_new();
    Fix *f = alerts_fix(st, "alerts");
    st->am_alerts.error = xstrdup("cannot connect to http://am:9093");
    Canvas *c = draw(f, 60, 9, 1);
    assert_string_equal(
        ROW(c, 7),
        "|Alertmanager: cannot connect to http://am:9093            |");
    assert_int_equal(cell(c, 1, 7)->role, ROLE_ERROR);
    assert_int_equal(find_row(c, "SLOBurnRateFast"), 2);
    canvas_free(c);
    fix_free(f);

    /* Alertmanager's own list: its last answer, marked stale */
    f = alerts_fix(st, "alertmanager");
    assert_int_equal(panel_alert_source(&f->conf), ALERTS_FROM_AM);
    c = draw(f, 60, 9, 1);
    assert_true(find_row(c, "stale 12m") == 0);
    assert_int_equal(find_row(c, "SLOBurnRateFast"), 2);
    canvas_free(c);
    alertfeed_clear(&st->am_alerts);
    st->am_alerts.error = xstrdup("cannot connect to http://am:9093");
    c = draw(f, 60, 9, 1);
    assert_string_equal(
        ROW(c, 1),
        "|cannot connect to http://am:9093                          |");
    assert_int_equal(cell(c, 1, 1)->role, ROLE_ERROR);
    canvas_free(c);
    st->have_am = 0;
    c = draw(f, 60, 9, 1);
    assert_string_equal(
        ROW(c, 1),
        "|no Alertmanager configured: give --alertmanager URL or    |");
    canvas_free(c);
    fix_free(f);

    /* a frozen time: what Prometheus recorded then, ages counted to it */
    f = alerts_fix(st, "alerts");
    f->ctx.frozen = 1;
    f->ctx.now = AL_WALL - 5;
    c = draw(f, 60, 9, 1);
    assert_int_equal(find_row(c, "loading..."), 4);
    canvas_free(c);
    st->past.set = alertset_new();
    c = draw(f, 60, 9, 1);
    assert_int_equal(find_row(c, "no alert recorded then"), 4);
    canvas_free(c);
    alertset_unref(st->past.set);
    st->past.set = alertset_ref(st->prom_alerts.set);
    c = draw(f, 80, 9, 1); /* Alertmanager's word is not joined */
    assert_string_equal(ROW(c, 1), "|4 firing  1 pending                     "
                                   "                                      |");
    assert_string_equal(ROW(c, 2), "|! SLOBurnRateFast  api-gateway availabi"
                                   "lity SLO burning f~  65.7  R firing 39s|");
    assert_string_equal(ROW(c, 4), "|. SLOBurnRateFastHeld  api-gateway burn"
                                   "ing, held            65.7    pending 5s|");
    assert_string_equal(ROW(c, 5), "|* SLOBurnRateSlow  report-service avail"
                                   "ability SLO burnin~  10.1  R firing 39s|");
    canvas_free(c);
    alertfeed_clear(&st->past);
    st->past.error = xstrdup("HTTP 503: Service Unavailable");
    c = draw(f, 60, 9, 1);
    assert_string_equal(
        ROW(c, 1),
        "|HTTP 503: Service Unavailable                             |");
    canvas_free(c);
    alertfeed_clear(&st->past);
    fix_free(f);
    f = alerts_fix(st, "alertmanager");
    f->ctx.frozen = 1;
    c = draw(f, 60, 9, 1);
    assert_string_equal(
        ROW(c, 1),
        "|Alertmanager holds only the present: not asked at a frozen|");
    canvas_free(c);
    fix_free(f);
    f = alerts_fix(st, "alerts");
    alertfeed_clear(&st->prom_alerts);
    c = draw(f, 60, 9, 1);
    assert_int_equal(find_row(c, "loading..."), 4);
    canvas_free(c);
    st->prom_alerts.error = xstrdup("HTTP 503: Service Unavailable");
    c = draw(f, 60, 9, 1);
    assert_string_equal(
        ROW(c, 1),
        "|HTTP 503: Service Unavailable                             |");
    canvas_free(c);
    f->ctx.alerts = NULL; /* no store at all: nothing breaks */
    draw_sizes(f);
    fix_free(f);
    store_del(st);
}

/* ---- multistat ------------------------------------------------------------
 */

static void test_multistat_cells(void **state)
{
    (void)state;
    char rowbuf[1024];
    static double err[] = {0.02, 0.05};
    Fix *f = fix_new(&multistat_class, "Model Comparison", 4);
    f->q[0].name = "P95";
    f->q[0].unit = "s";
    f->q[1].name = "Cost/req";
    f->q[1].unit = "dollars";
    f->q[2].name = "Errors";
    f->q[2].unit = "percentunit";
    f->q[2].thresholds =
        (Thresholds){.steps = err, .n = 2, .good_high = 0, .set = 1};
    f->q[3].name = "Quality";
    fix_start(f);
    /* llama first in the answers; boxes go by key */
    inst(f, 0, L("model=llama-3-70b"), 2.8);
    inst(f, 0, L("model=gpt-4o"), 0.8);
    inst(f, 1, L("model=gpt-4o"), 0.012);
    inst(f, 1, L("model=llama-3-70b"), 0.036);
    inst(f, 2, L("model=gpt-4o"), 0.01);
    inst(f, 2, L("model=llama-3-70b"), 0.07);
    inst(f, 3, L("model=gpt-4o", "evaluator=x"), 92); /* extra label */
    Canvas *c = draw(f, 42, 8, 0);
    /* two boxes of 14 columns centred in halves of 19 */
    assert_string_equal(ROW(c, 1),
                        VBAR "  gpt-4o               llama-3-70b      " VBAR);
    assert_string_equal(ROW(c, 2),
                        VBAR "  P95       800ms      P95        2.8s  " VBAR);
    assert_string_equal(ROW(c, 3),
                        VBAR "  Cost/req $0.012      Cost/req $0.036  " VBAR);
    assert_string_equal(ROW(c, 4),
                        VBAR "  Errors       1%      Errors       7%  " VBAR);
    assert_string_equal(ROW(c, 5),
                        VBAR "  Quality      92      Quality       -  " VBAR);
    assert_int_equal(cell(c, 3, 1)->attrs, TA_BOLD); /* key */
    assert_int_equal(cell(c, 3, 2)->role, ROLE_DIM); /* name */
    assert_int_equal(cell(c, 13, 2)->ch, '8');
    assert_int_equal(cell(c, 13, 2)->role, ROLE_VALUE); /* 800ms */
    assert_int_equal(cell(c, 13, 2)->attrs, 0);
    assert_int_equal(cell(c, 16, 4)->role, ROLE_OK);   /* 1% */
    assert_int_equal(cell(c, 37, 4)->role, ROLE_CRIT); /* 7% */
    assert_int_equal(cell(c, 37, 4)->attrs, TA_BOLD);
    assert_int_equal(cell(c, 38, 5)->ch, '-');
    assert_int_equal(cell(c, 38, 5)->role, ROLE_DIM); /* no value */
    canvas_free(c);
    /* too narrow for two: one column, the second box under the first */
    c = draw(f, 18, 13, 1);
    assert_string_equal(ROW(c, 1), "|gpt-4o          |");
    assert_string_equal(ROW(c, 2), "|P95       800ms |");
    assert_string_equal(ROW(c, 6), "|                |");
    assert_string_equal(ROW(c, 7), "|llama-3-70b     |");
    assert_string_equal(ROW(c, 11), "|Quality       - |");
    canvas_free(c);
    /* narrower than a box: values whole, names cut */
    c = draw(f, 12, 13, 1);
    assert_string_equal(ROW(c, 2), "|P95  800ms|");
    assert_string_equal(ROW(c, 3), "|Co~ $0.012|");
    canvas_free(c);
    /* room for one box: the first, without a "+1 more" in its place */
    c = draw(f, 18, 9, 1);
    assert_string_equal(ROW(c, 1), "|gpt-4o          |");
    assert_int_equal(find_row(c, "llama"), -1);
    assert_int_equal(find_row(c, "more"), -1);
    canvas_free(c);
    fix_free(f);
}

/* Count cells of rect r of c holding ch in role. */
static int count_cell(const Canvas *c, Rect r, uint32_t ch, Role role)
{
    int n = 0;
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++)
            n += cell(c, x, y)->ch == ch && cell(c, x, y)->role == role;
    return n;
}

static void test_multistat_one_query(void **state)
{
    (void)state;
    char rowbuf[1024];
    static double slo[] = {50, 80};
    Fix *f = fix_new(&multistat_class, "SLO per service", 1);
    f->conf.unit = "percent";
    f->conf.thresholds =
        (Thresholds){.steps = slo, .n = 2, .good_high = 1, .set = 1};
    fix_start(f);
    inst(f, 0, L("__name__=slo", "service=api", "slo_name=avail"), 99.5);
    inst(f, 0, L("__name__=slo", "service=auth", "slo_name=avail"), 39.5);
    inst(f, 0, L("__name__=slo", "service=db", "slo_name=avail"), 70);
    /* short: key over value, centred; the key by every label but
     * __name__, less those the same in every box (slo_name); boxes of 5
     * (the widest value) centred in thirds of 14 */
    Canvas *c = draw(f, 50, 4, 1);
    assert_string_equal(ROW(c, 1),
                        "|     api            auth             db         |");
    assert_string_equal(ROW(c, 2),
                        "|    99.5%           39.5%            70%        |");
    assert_int_equal(cell(c, 5, 2)->role, ROLE_OK);
    assert_int_equal(cell(c, 21, 2)->role, ROLE_CRIT);
    assert_int_equal(cell(c, 38, 2)->role, ROLE_WARN);
    assert_int_equal(cell(c, 6, 1)->attrs, TA_BOLD);
    canvas_free(c);
    /* tall enough: big digits, no plain value */
    c = draw(f, 62, 6, 1);
    assert_int_equal(find_row(c, "api"), 1);
    assert_int_equal(find_row(c, "99.5%"), -1);
    assert_int_equal(find_row(c, "70%"), -1);
    assert_true(count_cell(c, (Rect){1, 2, 20, 3}, '_', ROLE_OK) +
                    count_cell(c, (Rect){1, 2, 20, 3}, '|', ROLE_OK) >
                6);
    assert_true(count_cell(c, (Rect){21, 2, 20, 3}, '_', ROLE_CRIT) +
                    count_cell(c, (Rect){21, 2, 20, 3}, '|', ROLE_CRIT) >
                6);
    assert_true(count_cell(c, (Rect){41, 2, 20, 3}, '_', ROLE_WARN) +
                    count_cell(c, (Rect){41, 2, 20, 3}, '|', ROLE_WARN) >
                6);
    canvas_free(c);
    /* `by` picks the key, every label of it shown */
    static char *by[] = {"slo_name", "service"};
    fix_strs(f, "by", by, 2);
    c = draw(f, 50, 4, 1);
    assert_string_equal(ROW(c, 1),
                        "|  avail api       avail auth       avail db     |");
    canvas_free(c);
    static char *by1[] = {"slo_name"};
    fix_strs(f, "by", by1, 1); /* one box: the first series wins */
    c = draw(f, 50, 4, 1);
    assert_string_equal(ROW(c, 1),
                        "|                     avail                      |");
    assert_string_equal(ROW(c, 2),
                        "|                     99.5%                      |");
    canvas_free(c);
    fix_free(f);
}

static void test_multistat_many(void **state)
{
    (void)state;
    char rowbuf[1024];
    Fix *f = fix_new(&multistat_class, "Many", 1);
    fix_start(f);
    for (int i = 0; i < 700; i++) {
        char lab[32];
        snprintf(lab, sizeof lab, "pod=p%03d", i);
        inst(f, 0, L(lab), i);
    }
    /* boxes of 4 (key "p000"), 6 across 38 columns, 2 rows of them
     * without a blank between; the last slot counts the rest */
    Canvas *c = draw(f, 40, 6, 1);
    assert_string_equal(ROW(c, 1), "|p000  p001  p002  p003  p004  p005    |");
    assert_string_equal(ROW(c, 2), "| 0     1     2     3     4     5      |");
    assert_string_equal(ROW(c, 3), "|p006  p007  p008  p009  p010  +689    |");
    assert_string_equal(ROW(c, 4), "| 6     7     8     9     10           |");
    canvas_free(c);
    /* taller: 5 rows of boxes, 29 of them and the count */
    c = draw(f, 40, 13, 1);
    assert_string_equal(ROW(c, 9), "|p024  p025  p026  p027  p028  +671    |");
    canvas_free(c);
    fix_free(f);
}

/* ---- text -----------------------------------------------------------------
 */

static Fix *note(const char *content, const char *align)
{
    Fix *f = fix_new(&text_class, "Note", 0);
    if (content)
        fix_opt(f, "content", content, 0);
    if (align)
        fix_opt(f, "align", align, !strcmp(align, "center"));
    fix_start(f);
    return f;
}

static void test_text_wrap(void **state)
{
    (void)state;
    char rowbuf[1024];
    Fix *f = note("The quick brown fox jumps over the lazy dog", NULL);
    Canvas *c = draw(f, 22, 6, 1);
    assert_string_equal(ROW(c, 1), "|The quick brown fox |");
    assert_string_equal(ROW(c, 2), "|jumps over the lazy |");
    assert_string_equal(ROW(c, 3), "|dog                 |");
    assert_string_equal(ROW(c, 4), "|                    |");
    assert_int_equal(cell(c, 1, 1)->role, ROLE_DEFAULT);
    canvas_free(c);
    /* too long: the last row says so */
    c = draw(f, 22, 4, 1);
    assert_string_equal(ROW(c, 2), "|jumps over the lazy~|");
    canvas_free(c);
    fix_free(f);
    f = note("The quick brown fox jumps over the lazy dog", "center");
    c = draw(f, 22, 6, 1);
    assert_string_equal(ROW(c, 1), "|The quick brown fox |");
    assert_string_equal(ROW(c, 3), "|        dog         |");
    canvas_free(c);
    fix_free(f);
}

/* Line breaks start lines, blank lines stay, tabs are blanks. */
static void test_text_lines(void **state)
{
    (void)state;
    char rowbuf[1024];
    Fix *f = note("Release board\r\n\n\tAsk #rel\n", NULL);
    Canvas *c = draw(f, 22, 6, 0);
    assert_string_equal(ROW(c, 1), VBAR "Release board       " VBAR);
    assert_string_equal(ROW(c, 2), VBAR "                    " VBAR);
    assert_string_equal(ROW(c, 3), VBAR "Ask #rel            " VBAR);
    assert_string_equal(ROW(c, 4), VBAR "                    " VBAR);
    canvas_free(c);
    fix_free(f);
    /* lines past the last row: an ellipsis after the last one shown */
    f = note("one\ntwo\nthree", "center");
    c = draw(f, 12, 4, 0);
    assert_string_equal(ROW(c, 1), VBAR "   one    " VBAR);
    assert_string_equal(ROW(c, 2), VBAR "   two" ELL "   " VBAR);
    canvas_free(c);
    fix_free(f);
    /* wide characters centred by their width */
    f = note("\xe6\x97\xa5\xe6\x9c\xac ok", "center");
    c = draw(f, 12, 3, 0);
    assert_string_equal(ROW(c, 1), VBAR " \xe6\x97\xa5\xe6\x9c\xac ok  " VBAR);
    canvas_free(c);
    fix_free(f);
}

static void test_text_empty(void **state)
{
    (void)state;
    const char *empty[] = {NULL, "", " \n\t "};
    for (int i = 0; i < 3; i++) {
        Fix *f = note(empty[i], NULL);
        Canvas *c = draw(f, 22, 5, 0);
        assert_int_equal(find_row(c, "no data"), 2);
        canvas_free(c);
        fix_free(f);
    }
}

/* ---- timeline gantt -------------------------------------------------------
 */

/* Releases a (late) and b (on track): one column per day over 47. */
static Fix *releases(void)
{
    static char *by[] = {"project", "release"};
    Fix *f = fix_new(&timeline_class, "Release Timeline", 2);
    fix_opt(f, "mode", "gantt", 1);
    fix_strs(f, "by", by, 2);
    f->q[0].name = "target";
    f->q[1].name = "predicted";
    fix_start(f);
    inst(f, 0, L("project=b", "release=2", "instance=x"), NOW + 46 * DAY);
    inst(f, 1, L("release=2", "project=b"), NOW + 20 * DAY);
    inst(f, 0, L("project=a", "release=1"), NOW + 10 * DAY);
    inst(f, 1, L("project=a", "release=1"), NOW + 13 * DAY);
    return f;
}

static void test_gantt_bars(void **state)
{
    (void)state;
    char rowbuf[1024], bar[512], bar2[512], e[1024];
    Fix *f = releases();
    Canvas *c = draw(f, 62, 6, 0);
    /* labels 3 wide, statuses 8: the axis is columns 5-51, now to now+46d;
     * a: bar from now (5) to its target (15), late: mark at 18 */
    snprintf(e, sizeof e, VBAR "a 1 %s " MID DOWN MID "%s +3d late" VBAR,
             rep(bar, sizeof bar, FULL, 11),
             rep(bar2, sizeof bar2, " " MID, 16));
    assert_string_equal(ROW(c, 1), e);
    assert_int_equal(cell(c, 5, 1)->role, ROLE_CRIT);
    assert_int_equal(cell(c, 15, 1)->role, ROLE_CRIT);
    assert_int_equal(cell(c, 16, 1)->role, ROLE_DEFAULT);
    assert_int_equal(cell(c, 17, 1)->role, ROLE_DIM); /* the track */
    assert_int_equal(cell(c, 18, 1)->ch, 0x25bc);
    assert_int_equal(cell(c, 18, 1)->role, ROLE_CRIT);
    assert_int_equal(cell(c, 18, 1)->attrs, TA_BOLD);
    assert_int_equal(cell(c, 53, 1)->role, ROLE_CRIT);
    /* b: bar to 51, its prediction (25) inside it, on track */
    snprintf(e, sizeof e, VBAR "b 2 %s" DOWN "%s on track" VBAR,
             rep(bar, sizeof bar, FULL, 20), rep(bar2, sizeof bar2, FULL, 26));
    assert_string_equal(ROW(c, 2), e);
    assert_int_equal(cell(c, 5, 2)->role, ROLE_OK);
    assert_int_equal(cell(c, 25, 2)->ch, 0x25bc);
    assert_int_equal(cell(c, 25, 2)->role, ROLE_OK);
    assert_int_equal(cell(c, 53, 2)->role, ROLE_OK);
    /* dates every 14 days from a Monday; Mar 2 would start left of the
     * axis */
    assert_string_equal(ROW(c, 3), VBAR "                Mar 16        Mar 30"
                                        "        Apr 13          " VBAR);
    assert_int_equal(cell(c, 17, 3)->role, ROLE_AXIS);
    canvas_free(c);
    /* ASCII; narrow: no room for statuses, 46 days over 26 columns */
    c = draw(f, 32, 5, 1);
    assert_string_equal(ROW(c, 1), "|a 1 ######.v. . . . . . . . . |");
    assert_string_equal(ROW(c, 2), "|b 2 ###########v##############|");
    canvas_free(c);
    fix_free(f);
}

/* Without a prediction: the bar in the first series colour, no status; a
 * target in the past: a bar from it to now. */
static void test_gantt_target_only(void **state)
{
    (void)state;
    char rowbuf[1024];
    Fix *f = fix_new(&timeline_class, "Targets", 1);
    fix_opt(f, "mode", "gantt", 1);
    fix_start(f);
    inst(f, 0, L("release=r1"), NOW - 10 * DAY);
    inst(f, 0, L("release=r2"), NOW + 10 * DAY);
    inst(f, 0, L("release=r3"), NAN);
    Canvas *c = draw(f, 26, 6, 1);
    /* 20 days over 21 columns (4-24) from 10 days ago; no date for r3 */
    assert_string_equal(ROW(c, 1), "|r1 ########### . . . . .|");
    assert_string_equal(ROW(c, 2), "|r2 . . . . . ###########|");
    assert_string_equal(ROW(c, 3), "|r3 . . . . . . . . . . .|");
    assert_int_equal(cell(c, 4, 1)->role, ROLE_SERIES1);
    canvas_free(c);
    fix_free(f);
}

static void test_gantt_no_dates(void **state)
{
    (void)state;
    Fix *f = fix_new(&timeline_class, "Dates", 2);
    fix_opt(f, "mode", "gantt", 1);
    fix_start(f);
    Canvas *c = draw(f, 40, 6, 0);
    assert_int_equal(find_row(c, "no data"), 2);
    canvas_free(c);
    /* series whose values are no dates */
    inst(f, 0, L("release=x"), NAN);
    inst(f, 1, L("release=x"), INFINITY);
    inst(f, 0, L("release=y"), 1e300);
    c = draw(f, 40, 6, 0);
    assert_int_equal(find_row(c, "no data"), 2);
    canvas_free(c);
    fix_free(f);
}

static void test_gantt_many(void **state)
{
    (void)state;
    char rowbuf[1024];
    Fix *f = fix_new(&timeline_class, "Releases", 1);
    fix_opt(f, "mode", "gantt", 1);
    fix_start(f);
    for (int i = 0; i < 200; i++) {
        char lab[32];
        snprintf(lab, sizeof lab, "release=r%03d", i);
        inst(f, 0, L(lab), NOW + (400 - i) * DAY);
    }
    Canvas *c = draw(f, 40, 7, 1);
    /* by date: the soonest first; 3 rows, the count, the axis: now to
     * 400 days on over 28 columns (11-38), r199 (201 days) at 25; dates
     * half a year apart, the first of January as its year */
    assert_string_equal(ROW(c, 1), "|r199      ############### . . . . . . |");
    assert_string_equal(ROW(c, 2), "|r198      ############### . . . . . . |");
    assert_string_equal(ROW(c, 3), "|r197      ############### . . . . . . |");
    assert_string_equal(ROW(c, 4), "|+197 more                             |");
    assert_string_equal(ROW(c, 5), "|                Jul 1        2027     |");
    canvas_free(c);
    fix_free(f);
}

/* ---- every kind: no data, tiny rects, awkward values ---------------------
 */

/* Each kind of this file, ready for answers (gantt: the timeline in its
 * gantt mode; text: some content). */
static Fix *kind_fix(int k, int nq)
{
    static const PanelClass *const cls[] = {&treemap_class, &alertlist_class,
                                            &multistat_class, &text_class,
                                            &timeline_class};
    Fix *f = fix_new(cls[k], "Kind", k == 3 ? 0 : nq);
    if (k == 3)
        fix_opt(f, "content",
                "Some words to wrap, and a verylongwordthatdoesnotfit "
                "\xe6\x97\xa5\xe6\x9c\xac",
                0);
    if (k == 4)
        fix_opt(f, "mode", "gantt", 1);
    return f;
}
#define NKINDS 5

static void draw_sizes(Fix *f)
{
    static const int sizes[][2] = {{1, 1},  {0, 5},   {5, 0},    {2, 2},
                                   {3, 3},  {6, 3},   {7, 4},    {12, 5},
                                   {20, 8}, {40, 10}, {100, 20}, {9, 30}};
    for (int ascii = 0; ascii < 2; ascii++)
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            Canvas *c = canvas_new(sizes[i][0], sizes[i][1], ascii);
            assert_non_null(c);
            panel_draw(&f->p, c, (Rect){0, 0, c->w, c->h}, &f->ctx);
            /* the kind's own draw on the whole canvas and beyond it */
            f->p.cls->draw(&f->p, c, (Rect){0, 0, c->w, c->h}, &f->ctx);
            f->p.cls->draw(&f->p, c, (Rect){1, 1, c->w + 10, c->h + 10},
                           &f->ctx);
            f->p.cls->draw(&f->p, c, (Rect){-3, -2, c->w, c->h}, &f->ctx);
            canvas_free(c);
        }
}

static void test_no_data(void **state)
{
    (void)state;
    for (int k = 0; k < NKINDS; k++) {
        Fix *f = kind_fix(k, 2);
        if (k == 3)
            fix_opt(f, "content", "", 0);
        fix_start(f);
        Canvas *c = draw(f, 30, 7, 0);
        /* alertlist: an empty answer is "all clear" */
        assert_int_equal(find_row(c, k == 1 ? "all clear" : "no data"), 3);
        canvas_free(c);
        Canvas *t = canvas_new(2, 2, 0);
        f->p.cls->draw(&f->p, t, (Rect){0, 0, 0, 2}, &f->ctx);
        f->p.cls->draw(&f->p, t, (Rect){0, 0, 1, 1}, &f->ctx);
        f->p.cls->draw(&f->p, t, (Rect){0, 0, 2, 2}, &f->ctx);
        canvas_free(t);
        draw_sizes(f);
        fix_free(f);
    }
}

/* NaN, infinities, huge, tiny and negative values, some labels missing. */
static void test_awkward_values(void **state)
{
    (void)state;
    static const double vals[] = {NAN, INFINITY, -INFINITY, -5,
                                  0,   1.7e308,  -1e-300,   NOW + 3 * DAY};
    for (int k = 0; k < NKINDS; k++) {
        Fix *f = kind_fix(k, 2);
        static double steps[] = {-1, 10};
        f->conf.thresholds =
            (Thresholds){.steps = steps, .n = 2, .good_high = 0, .set = 1};
        f->conf.unit = "s";
        fix_start(f);
        for (int q = 0; q < f->conf.nqueries; q++)
            for (int i = 0; i < 9; i++) {
                char lab[32], sev[32];
                snprintf(lab, sizeof lab, "instance=i%d", i);
                snprintf(sev, sizeof sev, "severity=%s",
                         i % 3 ? "critical" : "\x1b[31mx");
                inst(f, q, i % 4 ? L(lab, sev) : NOLABELS, vals[(i + q) % 8]);
            }
        draw_sizes(f);
        /* no range, and a clock at 0 */
        f->ctx.range = 0;
        f->ctx.now = 0;
        draw_sizes(f);
        f->ctx.now = NAN;
        draw_sizes(f);
        fix_free(f);
    }
}

static void test_single_point_and_negative(void **state)
{
    (void)state;
    char rowbuf[1024];
    for (int k = 0; k < NKINDS; k++) {
        Fix *f = kind_fix(k, 1);
        if (k != 3)
            f->q[0].name = "q";
        fix_start(f);
        if (k != 3)
            inst(f, 0, L("job=x"), -3);
        draw_sizes(f);
        Canvas *c = draw(f, 40, 5, 1);
        if (k == 0) /* nothing positive to size */
            assert_int_equal(find_row(c, "no data"), 2);
        if (k == 1) {
            assert_string_equal(ROW(c, 1),
                                "|1 firing                              |");
            assert_string_equal(ROW(c, 2),
                                "|o {job=\"x\"}                         -3|");
        }
        if (k == 2)
            assert_string_equal(ROW(c, 2),
                                "|                  -3                  |");
        if (k == 4) /* 3 seconds before 1970: a bar back to now */
            assert_int_equal(find_row(c, "x ###"), 1);
        canvas_free(c);
        fix_free(f);
    }
}

static void test_many_series(void **state)
{
    (void)state;
    for (int k = 0; k < NKINDS; k++) {
        Fix *f = kind_fix(k, 2);
        fix_start(f);
        for (int q = 0; q < f->conf.nqueries; q++)
            for (int s = 0; s < 1500; s++) {
                char lab[32];
                snprintf(lab, sizeof lab, "instance=i%04d", s);
                inst(f, q, L(lab), k == 4 ? NOW + s * 3600 : s + q);
            }
        Canvas *c = draw(f, 60, 12, 0);
        if (k == 0)                                       /* 20 and the rest */
            assert_true(find_row(c, "other (2979)") > 0); /* one is 0 */
        if (k == 1)
            assert_true(find_row(c, "3000 firing") == 1);
        if (k == 1 || k == 2 || k == 4)
            assert_true(find_row(c, "more") > 0);
        canvas_free(c);
        draw_sizes(f);
        fix_free(f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_option_tables),
        cmocka_unit_test(test_timeline_query_mode),
        cmocka_unit_test(test_treemap_two_values),
        cmocka_unit_test(test_treemap_squarified),
        cmocka_unit_test(test_treemap_limit_and_other),
        cmocka_unit_test(test_treemap_awkward),
        cmocka_unit_test(test_treemap_small_rects),
        cmocka_unit_test(test_alertlist_order),
        cmocka_unit_test(test_alertlist_severity_sources),
        cmocka_unit_test(test_alertlist_all_clear),
        cmocka_unit_test(test_alertlist_many),
        cmocka_unit_test(test_alertlist_alerts),
        cmocka_unit_test(test_alertlist_alerts_errors),
        cmocka_unit_test(test_multistat_cells),
        cmocka_unit_test(test_multistat_one_query),
        cmocka_unit_test(test_multistat_many),
        cmocka_unit_test(test_text_wrap),
        cmocka_unit_test(test_text_lines),
        cmocka_unit_test(test_text_empty),
        cmocka_unit_test(test_gantt_bars),
        cmocka_unit_test(test_gantt_target_only),
        cmocka_unit_test(test_gantt_no_dates),
        cmocka_unit_test(test_gantt_many),
        cmocka_unit_test(test_no_data),
        cmocka_unit_test(test_awkward_values),
        cmocka_unit_test(test_single_point_and_negative),
        cmocka_unit_test(test_many_series),
    };
    return cmocka_run_group_tests(tests, setup_locale, NULL);
}
