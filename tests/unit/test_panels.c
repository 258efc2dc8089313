/* test_panels.c - unit tests of the panel kinds (stat, gauge, timeseries,
 * table, heatmap, statusgrid, timeline): panels built by hand with
 * hand-made answers, drawn through panel_draw() onto canvases of known
 * sizes, and checked cell by cell; plus every kind on tiny rects, with no
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

#include "panels/panel.h"

extern const PanelClass stat_class, gauge_class, timeseries_class, table_class,
    heatmap_class, statusgrid_class, timeline_class;

#include "panel_fixture.h"

/* UTF-8 of the glyphs the kinds draw */
#define FULL "\xe2\x96\x88"   /* █ */
#define SHADE1 "\xe2\x96\x91" /* ░ */
#define SHADE3 "\xe2\x96\x93" /* ▓ */
#define TICK "\xe2\x94\xa4"   /* ┤ */
#define DOT "\xe2\x97\x8f"    /* ● */
#define SPAN "\xe2\x94\x81"   /* ━ */
#define MARK "\xe2\x94\x83"   /* ┃ */
#define ELL "\xe2\x80\xa6"    /* … */
#define CROSS "\xe2\x9c\x96"  /* ✖ */

/* ---- option tables --------------------------------------------------------
 */

/* The option names of each kind are part of the YAML format. */
static void test_option_tables(void **state)
{
    (void)state;
    static const struct {
        const PanelClass *cls;
        const char *name;
        const char *opts;
        int mode;
    } kinds[] = {
        {&stat_class, "stat", "sparkline reduce label calc color_mode",
         QM_BOTH},
        {&gauge_class, "gauge", "show_minmax", QM_INSTANT},
        {&timeseries_class, "timeseries",
         "legend zero threshold_line stack stack_percent style", QM_RANGE},
        {&table_class, "table", "by sort columns", QM_INSTANT},
        {&heatmap_class, "heatmap", "mode", QM_RANGE},
        {&statusgrid_class, "statusgrid", "up_text down_text columns",
         QM_INSTANT},
        {&timeline_class, "timeline", "list mode by", QM_RANGE},
    };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        const PanelClass *cls = kinds[k].cls;
        assert_string_equal(cls->name, kinds[k].name);
        assert_ptr_equal(panel_kind_find(kinds[k].name), cls);
        assert_int_equal(cls->query_mode, kinds[k].mode);
        assert_non_null(cls->help);
        assert_non_null(cls->draw);
        char names[256] = "";
        for (int i = 0; cls->opts[i].name; i++) {
            assert_non_null(cls->opts[i].help);
            if (cls->opts[i].type == OPT_ENUM) {
                assert_non_null(cls->opts[i].choices);
                assert_non_null(strstr(cls->opts[i].choices, cls->opts[i].def));
            }
            if (i)
                strcat(names, " ");
            strcat(names, cls->opts[i].name);
        }
        assert_string_equal(names, kinds[k].opts);
    }
    assert_string_equal(stat_class.opts[1].choices, "last|sum|mean|max|min");
    assert_string_equal(timeseries_class.opts[0].choices, "bottom|right|none");
    assert_string_equal(table_class.opts[1].choices, "label|value|value_desc");
    assert_string_equal(heatmap_class.opts[0].choices, "buckets|series");
    assert_string_equal(statusgrid_class.opts[0].def, "UP");
    assert_string_equal(statusgrid_class.opts[1].def, "DOWN");
}

static void test_points_wanted(void **state)
{
    (void)state;
    Fix *f = fix_new(&stat_class, "s", 1);
    fix_start(f);
    assert_int_equal(stat_class.points(&f->p, 40, 5), 40);
    assert_int_equal(timeseries_class.points(&f->p, 40, 5), 64);
    assert_int_equal(heatmap_class.points(&f->p, 40, 5), 33);
    assert_int_equal(timeline_class.points(&f->p, 98, 5), 84);
    assert_true(timeseries_class.points(&f->p, 1, 1) >= 1);
    assert_true(heatmap_class.points(&f->p, 0, 0) >= 1);
    assert_true(timeline_class.points(&f->p, 0, 0) >= 1);
    assert_true(stat_class.points(&f->p, 0, 0) >= 1);
    fix_free(f);
}

/* ---- stat -----------------------------------------------------------------
 */

static void test_stat_percentunit(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = fix_new(&stat_class, "Error ratio", 1);
    f->conf.unit = "percentunit";
    fix_start(f);
    inst(f, 0, NOLABELS, 0.2049);
    Canvas *c = draw(f, 20, 3, 0);
    assert_string_equal(ROW(c, 1), VBAR "      20.5%       " VBAR);
    assert_int_equal(cell(c, 7, 1)->role, ROLE_VALUE);
    assert_int_equal(cell(c, 7, 1)->attrs, TA_BOLD);
    canvas_free(c);
    fix_free(f);
}

static void test_stat_thresholds_colour(void **state)
{
    (void)state;
    Fix *f = fix_new(&stat_class, "Uptime", 1);
    static double steps[] = {99, 99.9};
    f->conf.unit = "percent";
    f->conf.decimals = 2;
    f->conf.thresholds =
        (Thresholds){.steps = steps, .n = 2, .good_high = 1, .set = 1};
    fix_start(f);
    inst(f, 0, NOLABELS, 98.5);
    Canvas *c = draw(f, 20, 3, 0);
    int y = find_row(c, "98.50%");
    assert_int_equal(y, 1);
    assert_int_equal(cell(c, 7, 1)->ch, '9');
    assert_int_equal(cell(c, 7, 1)->role, ROLE_CRIT);
    canvas_free(c);
    fix_free(f);
}

/* Returns 1 when rect r of c holds what canvas_bigtext_scaled draws of s
 * at `scale` in the rect big (the font is canvas.c's business; where it
 * goes and how large is ours). */
static int shows_big_at(const Canvas *c, Rect r, Rect big, const char *s,
                        Role role, int scale)
{
    Canvas *ref = canvas_new(c->w, c->h, c->ascii);
    assert_non_null(ref);
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++)
            ref->cells[y * ref->w + x] = c->cells[y * c->w + x];
    canvas_clear(ref, big, ROLE_DEFAULT);
    assert_int_equal(canvas_bigtext_scaled(ref, big, s, role, scale), 0);
    int same = !canvas_differs(c, ref, r);
    canvas_free(ref);
    return same;
}

static int shows_big(const Canvas *c, Rect r, Rect big, const char *s,
                     Role role)
{
    return shows_big_at(c, r, big, s, role, 1);
}

static void test_stat_big_digits(void **state)
{
    (void)state;
    Fix *f = fix_new(&stat_class, "Active", 1);
    fix_start(f);
    inst(f, 0, NOLABELS, 42);
    Canvas *c = draw(f, 24, 6, 0);
    /* 22x4 inside: "42" in big digits, 3 rows */
    assert_true(shows_big(c, (Rect){1, 1, 22, 4}, (Rect){1, 1, 22, 4}, "42",
                          ROLE_VALUE));
    assert_int_equal(find_row(c, "42"), -1);
    canvas_free(c);
    /* 22x5 inside: twice as large (14 columns and 5 rows) */
    c = draw(f, 24, 7, 0);
    assert_true(shows_big_at(c, (Rect){1, 1, 22, 5}, (Rect){1, 1, 22, 5}, "42",
                             ROLE_VALUE, 2));
    canvas_free(c);
    /* 40x12 inside: scale 3 is 8 rows but 21 columns with a blank each
     * side, so 4 (28 columns, 10 rows) is the largest that fits */
    c = draw(f, 42, 14, 0);
    assert_true(shows_big_at(c, (Rect){1, 1, 40, 12}, (Rect){1, 1, 40, 12},
                             "42", ROLE_VALUE, 4));
    canvas_free(c);
    /* too narrow for big digits: bold text */
    c = draw(f, 8, 7, 0);
    assert_int_equal(find_row(c, "42"), 3);
    canvas_free(c);
    fix_free(f);
}

/* Rows of c from y0 to y1 (inclusive) holding a block element. */
static int block_rows(const Canvas *c, int y0, int y1, int x0, int x1)
{
    int n = 0;
    for (int y = y0; y <= y1; y++) {
        int any = 0;
        for (int x = x0; x <= x1 && !any; x++)
            any = cell(c, x, y)->ch >= 0x2580 && cell(c, x, y)->ch <= 0x259f;
        n += any;
    }
    return n;
}

static void test_stat_kiosk_digits_first(void **state)
{
    (void)state;
    Fix *f = fix_new(&stat_class, "Trend", 1);
    f->ctx.range = 600;
    fix_start(f);
    inst(f, 0, NOLABELS, 9);
    double v[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    range(f, 0, NOLABELS, NOW, v, 10);
    /* 40x14 inside. Elsewhere the trend grows first (a third of the rows,
     * less one: 3 more), then the digits take the 10 rows left: scale 4 */
    Canvas *c = draw(f, 42, 16, 0);
    assert_true(shows_big_at(c, (Rect){1, 1, 40, 10}, (Rect){1, 1, 40, 10}, "9",
                             ROLE_VALUE, 4));
    assert_int_equal(block_rows(c, 11, 14, 1, 40), 4); /* 1 + 3 rows */
    canvas_free(c);
    /* on a wall screen the digits grow first: scale 5 is 13 rows, and the
     * trend keeps its one row */
    f->ctx.kiosk = 1;
    c = draw(f, 42, 16, 0);
    assert_true(shows_big_at(c, (Rect){1, 1, 40, 13}, (Rect){1, 1, 40, 13}, "9",
                             ROLE_VALUE, 5));
    assert_int_equal(block_rows(c, 14, 14, 1, 40), 1);
    canvas_free(c);
    fix_free(f);
}

static void test_stat_sparkline(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = fix_new(&stat_class, "Trend", 1);
    f->ctx.range = 600;
    fix_start(f);
    inst(f, 0, NOLABELS, 9);
    double v[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    range(f, 0, NOLABELS, NOW, v, 10);
    Canvas *c = draw(f, 12, 4, 0);
    /* 10x2 inside: the value, then one column per point */
    assert_string_equal(ROW(c, 1), VBAR "    9     " VBAR);
    assert_string_equal(ROW(c, 2),
                        VBAR "\xe2\x96\x81\xe2\x96\x82\xe2\x96\x83\xe2\x96\x83"
                             "\xe2\x96\x84\xe2\x96\x85\xe2\x96\x86\xe2\x96\x86"
                             "\xe2\x96\x87\xe2\x96\x88" VBAR);
    assert_int_equal(cell(c, 1, 2)->role, ROLE_SERIES1);
    canvas_free(c);
    /* a window from a fixed instant (month to date) counted over $__range:
     * each range point would count the window's length back from its own
     * time, before the month began; the value stays, the trend goes */
    f->q[0].expr = (char *)"sum(increase(x[$__range]))";
    f->ctx.anchored = 1;
    c = draw(f, 12, 4, 0);
    assert_int_not_equal(find_row(c, "9"), -1);
    assert_int_equal(find_row(c, "\xe2\x96\x81"), -1);
    canvas_free(c);
    /* an expression without $__range keeps its trend in such a window */
    f->q[0].expr = (char *)"up";
    c = draw(f, 12, 4, 0);
    assert_int_equal(find_row(c, "\xe2\x96\x81"), 2);
    canvas_free(c);
    f->ctx.anchored = 0;
    /* turned off: no trend row */
    fix_opt(f, "sparkline", NULL, 0);
    c = draw(f, 12, 4, 0);
    assert_int_equal(find_row(c, "\xe2\x96\x81"), -1);
    canvas_free(c);
    fix_free(f);
}

static void test_stat_sparkline_gap_and_nan(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = fix_new(&stat_class, "Trend", 1);
    f->ctx.range = 600;
    fix_start(f);
    inst(f, 0, NOLABELS, 1);
    /* points at columns 0-2 and 7-9; a NaN at column 8 */
    double t[6], v[6] = {0, 1, 0, 1, NAN, 1};
    int cols[6] = {0, 1, 2, 7, 8, 9};
    for (int i = 0; i < 6; i++)
        t[i] = NOW - 600 + (cols[i] + 1) * STEP;
    add_series(&f->p.qs[0].range.res, NOLABELS, t, v, 6);
    Canvas *c = draw(f, 12, 4, 1);
    assert_string_equal(ROW(c, 2), "|_#_    # #|");
    canvas_free(c);
    fix_free(f);
}

static void test_stat_several_series(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = fix_new(&stat_class, "Per instance", 1);
    f->q[0].legend = "{{instance}}";
    fix_opt(f, "sparkline", NULL, 0);
    fix_start(f);
    inst(f, 0, L("instance=alpha"), 1.5);
    inst(f, 0, L("instance=beta"), -2);
    /* side by side: 28 columns inside, 13 each and a gap */
    Canvas *c = draw(f, 30, 4, 0);
    assert_string_equal(ROW(c, 1), VBAR "    alpha          beta     " VBAR);
    assert_string_equal(ROW(c, 2), VBAR "     1.5            -2      " VBAR);
    canvas_free(c);
    /* narrow: stacked, a line each */
    c = draw(f, 12, 4, 0);
    assert_string_equal(ROW(c, 1), VBAR "alpha  1.5" VBAR);
    assert_string_equal(ROW(c, 2), VBAR "beta    -2" VBAR);
    canvas_free(c);
    fix_free(f);
}

static void test_stat_reduce_and_label(void **state)
{
    (void)state;
    Fix *f = fix_new(&stat_class, "Cost", 1);
    f->conf.unit = "dollars";
    fix_opt(f, "reduce", "sum", 1);
    fix_opt(f, "label", "MTD", 0);
    fix_start(f);
    inst(f, 0, L("model=a"), 1000);
    inst(f, 0, L("model=b"), 234.5);
    inst(f, 0, L("model=c"), NAN);
    Canvas *c = draw(f, 20, 5, 0);
    assert_int_equal(find_row(c, "$1,234"), 1);
    assert_int_equal(find_row(c, "MTD"), 2);
    assert_int_equal(find_row(c, "model"), -1);
    canvas_free(c);
    fix_opt(f, "reduce", "max", 3);
    c = draw(f, 20, 5, 0);
    assert_int_equal(find_row(c, "$1,000"), 1);
    canvas_free(c);
    fix_opt(f, "reduce", "mean", 2);
    c = draw(f, 20, 5, 0);
    assert_int_equal(find_row(c, "$617.25"), 1);
    canvas_free(c);
    fix_opt(f, "reduce", "min", 4);
    c = draw(f, 20, 5, 0);
    assert_int_equal(find_row(c, "$234.50"), 1);
    canvas_free(c);
    fix_free(f);
}

/* ---- gauge ----------------------------------------------------------------
 */

static void test_gauge_rows(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = fix_new(&gauge_class, "Connection Pool", 2);
    static double steps[] = {70, 90};
    f->conf.unit = "count";
    f->conf.min = 0;
    f->conf.max = 100;
    f->conf.thresholds =
        (Thresholds){.steps = steps, .n = 2, .good_high = 0, .set = 1};
    f->q[0].name = "PostgreSQL";
    f->q[1].name = "Redis";
    fix_start(f);
    inst(f, 0, NOLABELS, 42);
    inst(f, 1, NOLABELS, 93);
    Canvas *c = draw(f, 40, 4, 0);
    /* 24-column bars: 42% is 10 full cells and an eighth, 93% is 22 and
     * three eighths */
    assert_string_equal(
        ROW(c, 1),
        VBAR "PostgreSQL " FULL FULL FULL FULL FULL FULL FULL FULL FULL FULL
             "\xe2\x96\x8f" SHADE1 SHADE1 SHADE1 SHADE1 SHADE1 SHADE1 SHADE1
                 SHADE1 SHADE1 SHADE1 SHADE1 SHADE1 SHADE1 " 42" VBAR);
    assert_int_equal(find_row(c, "Redis      " FULL), 2);
    assert_int_equal(find_row(c, FULL "\xe2\x96\x8d" SHADE1 " 93"), 2);
    assert_int_equal(cell(c, 12, 1)->role, ROLE_OK);
    assert_int_equal(cell(c, 12, 2)->role, ROLE_CRIT);
    assert_int_equal(cell(c, 38, 2)->role, ROLE_CRIT); /* the value */
    canvas_free(c);
    /* too narrow for names beside the bars: each name on the row above its
     * bar, so that the two bars are still told apart */
    c = draw(f, 11, 6, 0);
    assert_int_equal(find_row(c, VBAR "Post"), 1);
    assert_int_equal(find_row(c, " 42" VBAR), 2);
    assert_int_equal(find_row(c, VBAR "Redis"), 3);
    assert_int_equal(find_row(c, " 93" VBAR), 4);
    canvas_free(c);
    /* and without the rows for them: bars and values only */
    c = draw(f, 11, 5, 0);
    assert_int_equal(find_row(c, "Redis"), -1);
    assert_int_not_equal(find_row(c, " 93" VBAR), -1);
    canvas_free(c);
    fix_free(f);
}

static void test_gauge_single_big(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = fix_new(&gauge_class, "Success", 1);
    static double steps[] = {25, 50};
    f->conf.unit = "percent";
    f->conf.thresholds =
        (Thresholds){.steps = steps, .n = 2, .good_high = 0, .set = 1};
    fix_start(f);
    inst(f, 0, NOLABELS, 75);
    Canvas *c = draw(f, 30, 9, 0);
    /* 28x7 inside: value (3 rows), bar, threshold ticks, min and max */
    assert_true(shows_big(c, (Rect){1, 1, 28, 3}, (Rect){1, 1, 28, 3}, "75%",
                          ROLE_CRIT));
    canvas_free(c);
    c = draw(f, 30, 10, 0);
    /* 28x8 inside: value (5 rows: scale 2), bar, threshold ticks, min and
     * max */
    assert_true(shows_big_at(c, (Rect){1, 1, 28, 5}, (Rect){1, 1, 28, 5}, "75%",
                             ROLE_CRIT, 2));
    /* 75% of 26 columns: 19 full cells and a half, then 6 of track */
    assert_string_equal(ROW(c, 6), VBAR
                        " " FULL FULL FULL FULL FULL FULL FULL FULL FULL FULL
                            FULL FULL FULL FULL FULL FULL FULL FULL FULL
                        "\xe2\x96\x8c" SHADE1 SHADE1 SHADE1 SHADE1 SHADE1 SHADE1
                        " " VBAR);
    /* ticks at 25% and 50% of 26 columns: 6 and 13 (12.5 rounded up)
     * from the bar's start, in the colour a value there earns */
    assert_int_equal(find_cell(c, 7, 0x25b2), 8);
    assert_int_equal(cell(c, 8, 7)->role, ROLE_WARN);
    assert_int_equal(cell(c, 15, 7)->ch, 0x25b2);
    assert_int_equal(cell(c, 15, 7)->role, ROLE_CRIT);
    char boxbuf[512];
    assert_string_equal(ROW(c, 8), BOXED(" 0%                    100%", 30));
    assert_int_equal(cell(c, 2, 6)->role, ROLE_CRIT);
    canvas_free(c);
    /* a row more: a blank row between the digits and the bar */
    c = draw(f, 30, 11, 0);
    assert_true(shows_big_at(c, (Rect){1, 1, 28, 5}, (Rect){1, 1, 28, 5}, "75%",
                             ROLE_CRIT, 2));
    assert_string_equal(ROW(c, 6), BOXED("", 30));
    assert_int_equal(cell(c, 2, 7)->ch, 0x2588);
    canvas_free(c);
    /* show_minmax off: no scale row */
    fix_opt(f, "show_minmax", NULL, 0);
    c = draw(f, 30, 10, 0);
    assert_int_equal(find_row(c, "100%"), -1);
    canvas_free(c);
    fix_free(f);
}

static void test_gauge_default_scales(void **state)
{
    (void)state;
    Fix *f = fix_new(&gauge_class, "Ratio", 1);
    f->conf.unit = "percentunit";
    fix_opt(f, "show_minmax", NULL, 1);
    fix_start(f);
    inst(f, 0, NOLABELS, 0.5);
    Canvas *c = draw(f, 24, 6, 1);
    /* 0..1: half of a 20-column bar */
    char rowbuf[512];
    assert_string_equal(ROW(c, 1), "|         50%          |");
    assert_string_equal(ROW(c, 2), "| ##########.......... |");
    assert_string_equal(ROW(c, 3), "| 0%              100% |");
    canvas_free(c);
    fix_free(f);
}

static void test_gauge_more_rows_than_room(void **state)
{
    (void)state;
    Fix *f = fix_new(&gauge_class, "Queues", 1);
    f->q[0].legend = "{{queue}}";
    fix_start(f);
    const char *names[] = {"queue=a", "queue=b", "queue=c", "queue=d",
                           "queue=e"};
    for (int i = 0; i < 5; i++)
        inst(f, 0, L(names[i]), i * 10);
    Canvas *c = draw(f, 30, 5, 0);
    /* 3 rows inside: 2 gauges and the count of the rest */
    assert_int_equal(find_row(c, "a "), 1);
    assert_int_equal(find_row(c, "b "), 2);
    assert_int_equal(find_row(c, "+3 more"), 3);
    canvas_free(c);
    fix_free(f);
}

/* ---- table ----------------------------------------------------------------
 */

static ValueMap status_maps[] = {
    {.type = MAP_VALUE, .value = 0, .text = "OK", .role = ROLE_OK},
    {.type = MAP_VALUE, .value = 1, .text = "SLOW BURN", .role = ROLE_WARN},
    {.type = MAP_VALUE, .value = 2, .text = "FAST BURN", .role = ROLE_CRIT}};

/* An SLO table like the System dashboard's: budget left and status. */
static Fix *slo_table(void)
{
    static double budget[] = {25, 50};
    static char *by[] = {"service", "slo_name"};
    static char *cols[] = {"Service", "SLO"};
    Fix *f = fix_new(&table_class, "SLO Dashboard", 2);
    fix_strs(f, "by", by, 2);
    fix_strs(f, "columns", cols, 2);
    f->q[0].name = "Budget left";
    f->q[0].unit = "percent";
    f->q[0].decimals = 1;
    f->q[0].thresholds =
        (Thresholds){.steps = budget, .n = 2, .good_high = 1, .set = 1};
    f->q[1].name = "Status";
    f->q[1].mappings = status_maps;
    f->q[1].nmappings = 3;
    fix_start(f);
    inst(f, 0, L("service=gateway", "slo_name=latency"), 41);
    inst(f, 0, L("service=agent", "slo_name=availability"), 12.3);
    inst(f, 0, L("service=router", "slo_name=availability"), 99.1);
    inst(f, 1, L("slo_name=availability", "service=agent"), 2);
    inst(f, 1, L("service=gateway", "slo_name=latency"), 1);
    inst(f, 1, L("service=router", "slo_name=availability"), 0);
    return f;
}

static void test_table_cells(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = slo_table();
    Canvas *c = draw(f, 50, 7, 0);
    assert_string_equal(ROW(c, 1), VBAR "Service  SLO           Budget left"
                                        "  Status      " VBAR);
    assert_string_equal(ROW(c, 2), VBAR "agent    availability        12.3%"
                                        "  FAST BURN   " VBAR);
    assert_string_equal(ROW(c, 3), VBAR "gateway  latency             41.0%"
                                        "  SLOW BURN   " VBAR);
    assert_string_equal(ROW(c, 4), VBAR "router   availability        99.1%"
                                        "  OK          " VBAR);
    /* header bold, value colours from thresholds and mappings */
    assert_int_equal(cell(c, 1, 1)->attrs & TA_BOLD, TA_BOLD);
    assert_int_equal(cell(c, 30, 2)->role, ROLE_CRIT);    /* 12.3% */
    assert_int_equal(cell(c, 30, 3)->role, ROLE_WARN);    /* 41.0% */
    assert_int_equal(cell(c, 30, 4)->role, ROLE_OK);      /* 99.1% */
    assert_int_equal(cell(c, 37, 2)->role, ROLE_CRIT);    /* FAST BURN */
    assert_int_equal(cell(c, 37, 3)->role, ROLE_WARN);    /* SLOW BURN */
    assert_int_equal(cell(c, 37, 4)->role, ROLE_OK);      /* OK */
    assert_int_equal(cell(c, 36, 2)->role, ROLE_DEFAULT); /* the gap */
    assert_int_equal(cell(c, 1, 2)->role, ROLE_DEFAULT);
    canvas_free(c);
    fix_free(f);
}

static void test_table_sort_and_more(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = slo_table();
    fix_opt(f, "sort", "value_desc", 2);
    Canvas *c = draw(f, 50, 5, 0);
    /* 3 rows inside: header, one row, and the count of the rest */
    assert_int_equal(find_row(c, "router"), 2);
    assert_string_equal(ROW(c, 3),
                        VBAR "+2 more"
                             "                                         " VBAR);
    canvas_free(c);
    fix_opt(f, "sort", "value", 1);
    c = draw(f, 50, 7, 0);
    assert_int_equal(find_row(c, "agent"), 2);
    assert_int_equal(find_row(c, "gateway"), 3);
    assert_int_equal(find_row(c, "router"), 4);
    canvas_free(c);
    fix_free(f);
}

static void test_table_shrinks_to_width(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = slo_table();
    Canvas *c = draw(f, 31, 7, 0);
    /* 29 columns: gaps of 1, label columns cut to 6, value columns to
     * their widest value (headers cut) */
    assert_string_equal(ROW(c, 1),
                        VBAR "Servi" ELL " SLO    Budg" ELL " Status   " VBAR);
    assert_string_equal(ROW(c, 2),
                        VBAR "agent  avail" ELL " 12.3% FAST BURN" VBAR);
    assert_string_equal(ROW(c, 3),
                        VBAR "gatew" ELL " laten" ELL " 41.0% SLOW BURN" VBAR);
    canvas_free(c);
    /* narrower still: cut at the edge */
    c = draw(f, 30, 7, 0);
    assert_string_equal(ROW(c, 2),
                        VBAR "agent  avail" ELL " 12.3% FAST BU" ELL VBAR);
    canvas_free(c);
    fix_free(f);
}

static void test_table_default_by_and_missing(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = fix_new(&table_class, "Nodes", 2);
    f->q[0].legend = "CPU";
    fix_start(f);
    inst(f, 0, L("__name__=x", "node=n1"), 0.5);
    inst(f, 0, L("__name__=x", "node=n2"), 0.25);
    inst(f, 1, L("node=n2"), 7);
    Canvas *c = draw(f, 30, 6, 0);
    assert_string_equal(ROW(c, 1), VBAR "node   CPU  Value"
                                        "           " VBAR);
    assert_string_equal(ROW(c, 2), VBAR "n1     0.5      -"
                                        "           " VBAR);
    assert_string_equal(ROW(c, 3), VBAR "n2    0.25      7"
                                        "           " VBAR);
    assert_int_equal(cell(c, 17, 2)->role, ROLE_DIM);
    canvas_free(c);
    fix_free(f);
}

/* ---- statusgrid -----------------------------------------------------------
 */

static Fix *agents(int n, const double *v)
{
    static const char *const names[] = {"agent=planner", "agent=coder",
                                        "agent=tester",  "agent=reviewer",
                                        "agent=jira",    "agent=reporter"};
    Fix *f = fix_new(&statusgrid_class, "Agents", 1);
    f->q[0].legend = "{{agent}}";
    fix_start(f);
    for (int i = 0; i < n; i++)
        inst(f, 0, L(names[i]), v[i]);
    return f;
}

static void test_statusgrid_tiles(void **state)
{
    (void)state;
    char rowbuf[512];
    double v[3] = {1, 1, 0};
    Fix *f = agents(3, v);
    Canvas *c = draw(f, 46, 5, 0);
    /* 44x3 inside: 3 tiles of 14 (sorted by name), each with the mark of
     * its state, then the count */
    assert_string_equal(ROW(c, 1),
                        VBAR " " DOT " coder   UP   " DOT " planner UP   " CROSS
                             " test" ELL " DOWN " VBAR);
    assert_string_equal(ROW(c, 3),
                        VBAR "2/3 up"
                             "                                      " VBAR);
    int x = 1 + 2 * 15; /* the third tile */
    assert_int_equal(cell(c, x, 1)->role, ROLE_CRIT);
    assert_int_equal(cell(c, x, 1)->attrs & TA_REVERSE, TA_REVERSE);
    assert_int_equal(cell(c, 1, 1)->role, ROLE_OK);
    assert_int_equal(cell(c, 1, 1)->attrs & TA_REVERSE, TA_REVERSE);
    assert_int_equal(cell(c, 1, 3)->role, ROLE_WARN);
    canvas_free(c);
    /* without colour only the tile not OK is reversed */
    c = canvas_new(46, 5, 0);
    assert_non_null(c);
    c->mono = 1;
    panel_draw(&f->p, c, (Rect){0, 0, 46, 5}, &f->ctx);
    assert_string_equal(ROW(c, 1),
                        VBAR " " DOT " coder   UP   " DOT " planner UP   " CROSS
                             " test" ELL " DOWN " VBAR);
    assert_int_equal(cell(c, 1, 1)->attrs & TA_REVERSE, 0);
    assert_int_equal(cell(c, 3, 1)->attrs & TA_REVERSE, 0);
    assert_int_equal(cell(c, x, 1)->attrs & TA_REVERSE, TA_REVERSE);
    assert_int_equal(cell(c, x + 2, 1)->attrs & TA_REVERSE, TA_REVERSE);
    canvas_free(c);
    fix_free(f);
}

static void test_statusgrid_texts_and_columns(void **state)
{
    (void)state;
    double v[2] = {1, 0};
    Fix *f = agents(2, v);
    fix_opt(f, "up_text", "ok", 0);
    fix_opt(f, "down_text", "gone", 0);
    fix_opt(f, "columns", NULL, 1);
    Canvas *c = draw(f, 20, 6, 0);
    /* one column: a tile a row, a blank row between them */
    assert_int_equal(find_row(c, " " CROSS " coder     gone "), 1);
    assert_int_equal(find_row(c, " " DOT " planner     ok "), 3);
    assert_int_equal(find_row(c, "1/2 up"), 4);
    canvas_free(c);
    fix_free(f);
}

static void test_statusgrid_compact(void **state)
{
    (void)state;
    char rowbuf[512];
    double v[6] = {1, 1, 0, 1, 1, 1};
    Fix *f = agents(6, v);
    Canvas *c = draw(f, 24, 5, 0);
    /* 22x3 inside, 2 rows for tiles: full tiles would be too narrow, so
     * compact ones, 3 a row, 6 columns each (names cut) */
    assert_string_equal(ROW(c, 1), VBAR FULL " cod" ELL " " FULL " jira " FULL
                                             " pla" ELL "  " VBAR);
    assert_string_equal(ROW(c, 2), VBAR FULL " rep" ELL " " FULL " rev" ELL
                                             " " FULL " tes" ELL "  " VBAR);
    assert_int_equal(cell(c, 15, 2)->role, ROLE_CRIT);
    assert_int_equal(cell(c, 17, 2)->role, ROLE_CRIT); /* the name too */
    assert_int_equal(find_row(c, "5/6 up"), 3);
    canvas_free(c);
    c = draw(f, 24, 5, 1);
    assert_int_equal(find_row(c, "X tes~"), 2);
    assert_int_equal(find_row(c, "# cod~ # jira"), 1);
    canvas_free(c);
    fix_free(f);
}

static void test_statusgrid_thresholds(void **state)
{
    (void)state;
    double v[2] = {0.5, 0.95};
    static double steps[] = {0.9};
    Fix *f = agents(2, v);
    f->conf.unit = "percentunit";
    f->conf.thresholds = (Thresholds){.steps = steps, .n = 1, .set = 1};
    Canvas *c = draw(f, 40, 5, 0);
    char rowbuf[512];
    assert_string_equal(ROW(c, 1), VBAR " " CROSS " coder      95%   " DOT
                                        " planner    50%  " VBAR);
    assert_int_equal(cell(c, 3, 1)->role, ROLE_CRIT);
    assert_int_equal(cell(c, 22, 1)->role, ROLE_OK);
    assert_int_equal(find_row(c, "1/2 ok"), 3);
    canvas_free(c);
    fix_free(f);
}

/* ---- timeseries -----------------------------------------------------------
 */

/* A ramp 0..100% over the hour, one point a minute. */
static Fix *cpu_chart(void)
{
    Fix *f = fix_new(&timeseries_class, "CPU", 1);
    f->conf.unit = "percent";
    f->q[0].legend = "{{pod}}";
    fix_start(f);
    double v[61];
    for (int i = 0; i < 61; i++)
        v[i] = i * 100.0 / 60;
    range(f, 0, L("pod=web-1"), NOW, v, 61);
    return f;
}

static void test_timeseries_axes_and_legend(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = cpu_chart();
    Canvas *c = draw(f, 40, 12, 0);
    /* 38x10 inside: 8 plot rows, the time row, the legend row; ticks on
     * 1-2-5 values evenly spaced, 3 rows apart from the bottom row up (the
     * row above the top tick holds what lies beyond it) */
    assert_int_equal(strncmp(ROW(c, 2), VBAR "100%" TICK, 3 + 4 + 3), 0);
    assert_int_equal(strncmp(ROW(c, 5), VBAR " 50%" TICK, 3 + 4 + 3), 0);
    assert_int_equal(strncmp(ROW(c, 8), VBAR "  0%" TICK, 3 + 4 + 3), 0);
    assert_int_equal(strncmp(ROW(c, 1), VBAR "    " VBAR, 3 + 4 + 3), 0);
    assert_int_equal(strncmp(ROW(c, 3), VBAR "    " VBAR, 3 + 4 + 3), 0);
    char boxbuf[512];
    assert_string_equal(ROW(c, 9),
                        BOXED("              02:30           03:00", 40));
    assert_string_equal(ROW(c, 10), BOXED(DOT " web-1 100%", 40));
    assert_int_equal(cell(c, 1, 10)->role, ROLE_SERIES1);
    /* the ramp: lowest dot at the bottom left, highest at the top right */
    assert_true(cell(c, 6, 8)->ch > 0x2800 && cell(c, 6, 8)->ch <= 0x28ff);
    assert_true(cell(c, 38, 2)->ch > 0x2800 && cell(c, 38, 2)->ch <= 0x28ff);
    assert_int_equal(cell(c, 38, 1)->ch, ' ');
    assert_int_equal(cell(c, 6, 2)->ch, ' ');
    assert_int_equal(cell(c, 38, 8)->ch, ' ');
    assert_int_equal(cell(c, 25, 4)->ch, 0x2880); /* ⢀ */
    assert_int_equal(cell(c, 25, 4)->role, ROLE_SERIES1);
    canvas_free(c);
    fix_free(f);
}

static void test_timeseries_threshold_line(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = fix_new(&timeseries_class, "Error Rate", 1);
    static double steps[] = {0.05};
    f->conf.unit = "percentunit";
    f->conf.thresholds = (Thresholds){.steps = steps, .n = 1, .set = 1};
    f->q[0].legend = "5xx share";
    fix_start(f);
    double v[61];
    for (int i = 0; i < 61; i++)
        v[i] = 0.01;
    range(f, 0, NOLABELS, NOW, v, 61);
    Canvas *c = draw(f, 40, 12, 1);
    /* the range stretches to 5% to show the line: 0, 2%, 4%, 6%, two
     * rows apart */
    int y = find_row(c, "- - - - - - - - - - -");
    assert_true(y > 0);
    assert_int_equal(cell(c, 6, y)->role, ROLE_THRESHOLD);
    assert_int_equal(strncmp(ROW(c, 2), "|6%+", 4), 0);
    assert_int_equal(strncmp(ROW(c, 4), "|4%+", 4), 0);
    assert_int_equal(find_row(c, "* 5xx share 1%"), 10);
    canvas_free(c);
    /* without threshold_line the range stays with the data */
    fix_opt(f, "threshold_line", NULL, 0);
    c = draw(f, 40, 12, 1);
    assert_int_equal(find_row(c, "- - - - - - - - - - -"), -1);
    assert_int_equal(strncmp(ROW(c, 2), "|1.0%+***", 9), 0);
    assert_int_equal(strncmp(ROW(c, 5), "|0.5%+   ", 9), 0);
    assert_int_equal(strncmp(ROW(c, 8), "|0.0%+   ", 9), 0);
    canvas_free(c);
    fix_free(f);
}

static void test_timeseries_gap_and_nan(void **state)
{
    (void)state;
    Fix *f = fix_new(&timeseries_class, "Gaps", 1);
    fix_opt(f, "legend", "none", 2);
    fix_start(f);
    /* minutes 0-20 and 40-60 of the hour, a NaN at minute 50 */
    double t[42], v[42];
    int n = 0;
    for (int i = 0; i <= 60; i++) {
        if (i > 20 && i < 40)
            continue;
        t[n] = NOW - 3600 + i * STEP;
        v[n++] = i == 50 ? NAN : 5;
    }
    add_series(&f->p.qs[0].range.res, NOLABELS, t, v, n);
    Canvas *c = draw(f, 65, 8, 1);
    /* 63x6 inside: 5 plot rows over 0..5 (labels 0 and 5, one column,
     * two rows apart at least: 4 rows apart), the axis, then 61 columns
     * from column 3, one a minute */
    int x0 = 3, y = -1;
    for (int k = 1; k < 6 && y < 0; k++)
        if (cell(c, x0, k)->ch == '*')
            y = k;
    assert_int_equal(y, 1);
    assert_int_equal(cell(c, x0 + 20, y)->ch, '*');
    for (int x = x0 + 21; x < x0 + 40; x++)
        assert_int_equal(cell(c, x, y)->ch, ' ');
    assert_int_equal(cell(c, x0 + 40, y)->ch, '*');
    assert_int_equal(cell(c, x0 + 49, y)->ch, '*');
    assert_int_equal(cell(c, x0 + 50, y)->ch, ' ');
    assert_int_equal(cell(c, x0 + 51, y)->ch, '*');
    assert_int_equal(cell(c, x0 + 60, y)->ch, '*');
    assert_int_equal(cell(c, x0 - 1, y)->ch, '+'); /* the tick of "5" */
    assert_int_equal(cell(c, x0 - 2, y)->ch, '5');
    canvas_free(c);
    fix_free(f);
}

static void test_timeseries_legend_right_and_none(void **state)
{
    (void)state;
    Fix *f = fix_new(&timeseries_class, "Latency", 3);
    f->conf.unit = "s";
    f->q[0].legend = "P50";
    f->q[1].legend = "P95";
    f->q[2].legend = "P99";
    fix_opt(f, "legend", "right", 1);
    fix_start(f);
    double v[3][2] = {{0.1, 0.12}, {0.4, 0.45}, {1.2, 1.5}};
    for (int q = 0; q < 3; q++)
        range(f, q, NOLABELS, NOW, v[q], 2);
    Canvas *c = draw(f, 60, 8, 0);
    assert_int_equal(find_row(c, DOT " P50 120ms" VBAR), 1);
    assert_int_equal(find_row(c, DOT " P95 450ms" VBAR), 2);
    assert_int_equal(find_row(c, DOT " P99  1.5s" VBAR), 3);
    assert_int_equal(cell(c, 48, 2)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 48, 3)->role, ROLE_SERIES3);
    canvas_free(c);
    fix_opt(f, "legend", "none", 2);
    c = draw(f, 60, 8, 0);
    assert_int_equal(find_row(c, "P50"), -1);
    canvas_free(c);
    fix_free(f);
}

static void test_timeseries_stack(void **state)
{
    (void)state;
    Fix *f = fix_new(&timeseries_class, "Stacked", 2);
    fix_opt(f, "stack", NULL, 1);
    fix_opt(f, "legend", "none", 2);
    f->conf.min = 0;
    f->conf.max = 20;
    fix_start(f);
    double a[61], b[61];
    for (int i = 0; i < 61; i++) {
        a[i] = 10;
        b[i] = 10;
    }
    range(f, 0, NOLABELS, NOW, a, 61);
    range(f, 1, NOLABELS, NOW, b, 61);
    Canvas *c = draw(f, 40, 13, 1);
    /* 11 plot rows over 0..20: 10 is row 5, 20 (stacked) is row 0 */
    assert_int_equal(cell(c, 20, 1 + 5)->ch, '*');
    assert_int_equal(cell(c, 20, 1 + 5)->role, ROLE_SERIES1);
    /* in ASCII each series has its own glyph: '*' then 'o' */
    assert_int_equal(cell(c, 20, 1)->ch, 'o');
    assert_int_equal(cell(c, 20, 1)->role, ROLE_SERIES2);
    canvas_free(c);
    fix_free(f);
}

static void test_timeseries_style(void **state)
{
    (void)state;
    /* bars: each sample a bar from zero, stacked ones from the one under */
    Fix *f = fix_new(&timeseries_class, "Bars", 2);
    fix_opt(f, "stack", NULL, 1);
    fix_opt(f, "style", "bars", 0);
    fix_opt(f, "legend", "none", 2);
    f->conf.min = 0;
    f->conf.max = 20;
    fix_start(f);
    double a[61], b[61];
    for (int i = 0; i < 61; i++)
        a[i] = b[i] = 10;
    range(f, 0, NOLABELS, NOW, a, 61);
    range(f, 1, NOLABELS, NOW, b, 61);
    Canvas *c = draw(f, 40, 13, 1);
    /* plot rows 1-10 over 20..0: 10 is row 6, 0 row 10; rows 6-10 are the
     * first series' bars, rows 1-5 the second's, on top */
    for (int y = 6; y <= 10; y++) {
        assert_int_equal(cell(c, 20, y)->ch, '*');
        assert_int_equal(cell(c, 20, y)->role, ROLE_SERIES1);
    }
    for (int y = 1; y <= 5; y++) {
        assert_int_equal(cell(c, 20, y)->ch, 'o');
        assert_int_equal(cell(c, 20, y)->role, ROLE_SERIES2);
    }
    canvas_free(c);
    /* as lines the same answer leaves the space under them empty */
    fix_opt(f, "style", "lines", 0);
    c = draw(f, 40, 13, 1);
    assert_int_equal(cell(c, 20, 6)->ch, '*');
    assert_int_equal(cell(c, 20, 1)->ch, 'o');
    assert_int_equal(cell(c, 20, 8)->ch, ' ');
    assert_int_equal(cell(c, 20, 3)->ch, ' ');
    canvas_free(c);
    fix_free(f);

    /* points: samples alone, not joined; lines join 0 and 20 through the
     * rows between them */
    f = fix_new(&timeseries_class, "Points", 1);
    fix_opt(f, "legend", "none", 2);
    f->conf.min = 0;
    f->conf.max = 20;
    fix_start(f);
    double v[61];
    for (int i = 0; i < 61; i++)
        v[i] = i % 2 ? 20 : 0;
    range(f, 0, NOLABELS, NOW, v, 61);
    c = draw(f, 40, 13, 1);
    int middle = 0, ends = 0;
    for (int x = 4; x < 39; x++) {
        middle += cell(c, x, 5)->ch == '*';
        ends += cell(c, x, 1)->ch == '*' && cell(c, x, 10)->ch == '*';
    }
    assert_true(middle > 20);
    canvas_free(c);
    fix_opt(f, "style", "points", 0);
    c = draw(f, 40, 13, 1);
    int middle2 = 0, ends2 = 0;
    for (int x = 4; x < 39; x++) {
        middle2 += cell(c, x, 5)->ch == '*';
        ends2 += cell(c, x, 1)->ch == '*' && cell(c, x, 10)->ch == '*';
    }
    assert_int_equal(middle2, 0);
    assert_int_equal(ends2, ends);
    assert_true(ends2 > 20);
    canvas_free(c);
    fix_free(f);
}

static void test_timeseries_out_of_stack(void **state)
{
    (void)state;
    /* two parts stacked, their total kept out of the stack by an override */
    Fix *f = fix_new(&timeseries_class, "Memory", 3);
    fix_opt(f, "stack", NULL, 1);
    fix_opt(f, "legend", "none", 2);
    f->conf.min = 0;
    f->conf.max = 20;
    f->q[0].legend = "used";
    f->q[1].legend = "free";
    f->q[2].legend = "total";
    char *names[] = {"total"};
    SeriesOverride ov = {.names = names,
                         .nnames = 1,
                         .decimals = -1,
                         .min = NAN,
                         .max = NAN,
                         .role = -1,
                         .nostack = 1};
    f->conf.overrides = &ov;
    f->conf.noverrides = 1;
    fix_start(f);
    double a[61], b[61], t[61];
    for (int i = 0; i < 61; i++) {
        a[i] = b[i] = 5;
        t[i] = 15;
    }
    range(f, 0, NOLABELS, NOW, a, 61);
    range(f, 1, NOLABELS, NOW, b, 61);
    range(f, 2, NOLABELS, NOW, t, 61);
    Canvas *c = draw(f, 40, 13, 1);
    /* rows 1-10 over 20..0: 5 is row 8, 5+5 row 6, the total's 15 row 3
     * (stacked it would be 25, above the top) */
    assert_int_equal(cell(c, 20, 8)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 20, 6)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 20, 3)->role, ROLE_SERIES3);
    assert_int_equal(cell(c, 20, 1)->ch, ' ');
    canvas_free(c);
    f->conf.noverrides = 0;
    fix_free(f);
}

static void test_timeseries_right_axis(void **state)
{
    (void)state;
    /* a rate on the left, a latency on a right-hand axis of its own */
    Fix *f = fix_new(&timeseries_class, "GC", 2);
    fix_opt(f, "legend", "none", 2);
    f->q[0].legend = "collections";
    f->q[1].legend = "p99";
    char *names[] = {"p99"};
    SeriesOverride ov = {.names = names,
                         .nnames = 1,
                         .unit = "s",
                         .decimals = -1,
                         .min = NAN,
                         .max = NAN,
                         .role = -1,
                         .right = 1};
    f->conf.overrides = &ov;
    f->conf.noverrides = 1;
    fix_start(f);
    double a[61], b[61];
    for (int i = 0; i < 61; i++) {
        a[i] = 100;
        b[i] = i < 30 ? 0.1 : 0.5;
    }
    range(f, 0, NOLABELS, NOW, a, 61);
    range(f, 1, NOLABELS, NOW, b, 61);
    Canvas *c = draw(f, 50, 13, 1);
    /* rows 1-10: the left axis 0-100 on 1-2-5 ticks four rows apart, the
     * right one 0-600ms in one unit (milliseconds) three rows apart */
    char rowbuf[512];
    assert_int_equal(strncmp(ROW(c, 2), "|100+*", 6), 0);
    assert_int_equal(strncmp(ROW(c, 6), "| 50+", 5), 0);
    assert_non_null(strstr(ROW(c, 1), "+600ms|"));
    assert_non_null(strstr(ROW(c, 4), "+400ms|"));
    assert_non_null(strstr(ROW(c, 7), "+200ms|"));
    assert_non_null(strstr(ROW(c, 10), "+0ms  |"));
    /* 0.1 s is row 9 on the right scale (0.1 on the left one is row 10) */
    assert_int_equal(cell(c, 10, 9)->ch, 'o');
    assert_int_equal(cell(c, 10, 9)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 10, 10)->ch, ' ');
    canvas_free(c);
    /* without the override both share the left axis */
    f->conf.noverrides = 0;
    c = draw(f, 50, 13, 1);
    assert_null(strstr(ROW(c, 1), "ms"));
    assert_int_equal(cell(c, 10, 10)->ch, 'o');
    canvas_free(c);
    f->conf.noverrides = 0;
    fix_free(f);
}

/* ---- heatmap --------------------------------------------------------------
 */

static void test_heatmap_buckets_deaccumulate(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = fix_new(&heatmap_class, "Latency", 1);
    f->conf.unit = "s";
    f->ctx.range = 60;
    fix_start(f);
    /* cumulative 5, 8, 8: counts 5 (<=100ms), 3 (<=500ms), 0 (+Inf) */
    double one[1];
    one[0] = 8;
    range(f, 0, L("le=+Inf"), NOW, one, 1);
    one[0] = 5;
    range(f, 0, L("le=0.1"), NOW, one, 1);
    one[0] = 8;
    range(f, 0, L("le=0.5"), NOW, one, 1);
    Canvas *c = draw(f, 18, 7, 0);
    /* 16x5 inside: labels (5) and 10 columns over the one step (all the
     * same); the top bucket on top; 5 is the most (shade 5), 3 is 3/5 */
    assert_string_equal(ROW(c, 1), VBAR " +Inf           " VBAR);
    assert_string_equal(ROW(c, 2),
                        VBAR "500ms " SHADE3 SHADE3 SHADE3 SHADE3 SHADE3 SHADE3
                            SHADE3 SHADE3 SHADE3 SHADE3 VBAR);
    assert_string_equal(
        ROW(c, 3),
        VBAR "100ms " FULL FULL FULL FULL FULL FULL FULL FULL FULL FULL VBAR);
    assert_int_equal(cell(c, 7, 2)->role, ROLE_HEAT3);
    assert_int_equal(cell(c, 16, 3)->role, ROLE_HEAT5);
    canvas_free(c);
    fix_free(f);
}

static void test_heatmap_buckets_clamp_and_groups(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = fix_new(&heatmap_class, "Two histograms", 1);
    f->ctx.range = 120;
    fix_opt(f, "mode", "buckets", 0);
    fix_start(f);
    /* two pods' histograms, points at NOW-60 and NOW. Pod b's +Inf dips
     * below its le=1 (a counter reset): clamped to 0, not -4. */
    double a1[2] = {4, 4}, ainf[2] = {10, 10};
    double b1[2] = {6, 6}, binf[2] = {2, 16};
    range(f, 0, L("le=1", "pod=a"), NOW, a1, 2);
    range(f, 0, L("le=+Inf", "pod=a"), NOW, ainf, 2);
    range(f, 0, L("pod=b", "le=1"), NOW, b1, 2);
    range(f, 0, L("pod=b", "le=+Inf"), NOW, binf, 2);
    Canvas *c = draw(f, 14, 6, 1);
    /* 12x4 inside: labels (4), 7 columns over 2 minutes (a step spans 3
     * or 4 of them). Sums: le=1 10, 10; +Inf 6+0, 6+10. Max 16: 10 is
     * shade 4, 6 shade 2, 16 shade 5. */
    assert_string_equal(ROW(c, 1), "|+Inf ::::###|");
    assert_string_equal(ROW(c, 2), "|   1 #######|");
    assert_int_equal(cell(c, 6, 1)->role, ROLE_HEAT2);
    assert_int_equal(cell(c, 12, 1)->role, ROLE_HEAT5);
    assert_int_equal(cell(c, 6, 2)->role, ROLE_HEAT4);
    canvas_free(c);
    fix_free(f);
}

static void test_heatmap_series_thresholds(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = fix_new(&heatmap_class, "Endpoint Latency", 1);
    static double steps[] = {0.5, 1};
    f->conf.unit = "s";
    f->conf.thresholds =
        (Thresholds){.steps = steps, .n = 2, .good_high = 0, .set = 1};
    f->q[0].legend = "{{handler}}";
    f->ctx.range = 600;
    fix_opt(f, "mode", "series", 1);
    fix_start(f);
    double slow[10] = {0.2, 0.2, 0.2, 0.2, 0.7, 0.7, 0.7, 2, 2, 2};
    double fast[10] = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, NAN};
    range(f, 0, L("handler=/slow"), NOW, slow, 10);
    range(f, 0, L("handler=/fast"), NOW, fast, 10);
    Canvas *c = draw(f, 18, 7, 0);
    /* 16x5: names right-aligned (5), 10 columns, one a minute, sorted by
     * name; shade and colour by threshold class (ok ░, warn ▓, crit █), as
     * in the legend, so that classes read without colour */
    assert_string_equal(
        ROW(c, 1), VBAR
        "/fast " SHADE1 SHADE1 SHADE1 SHADE1 SHADE1 SHADE1 SHADE1 SHADE1 SHADE1
        " " VBAR);
    assert_string_equal(
        ROW(c, 2),
        VBAR "/slow " SHADE1 SHADE1 SHADE1 SHADE1
             "\xe2\x96\x93\xe2\x96\x93\xe2\x96\x93" FULL FULL FULL VBAR);
    int x = 1 + 5 + 1;
    assert_int_equal(cell(c, x, 2)->role, ROLE_OK);
    assert_int_equal(cell(c, x + 4, 2)->role, ROLE_WARN);
    assert_int_equal(cell(c, x + 9, 2)->role, ROLE_CRIT);
    assert_int_equal(cell(c, x, 1)->role, ROLE_OK);
    /* the scale: threshold colours */
    int y = find_row(c, "<500ms");
    assert_int_equal(y, 4);
    assert_int_equal(cell(c, 1, y)->role, ROLE_OK);
    assert_int_equal(cell(c, 1, y)->ch, 0x2591); /* ░, as the ok cells */
    canvas_free(c);
    fix_free(f);
}

/* ---- timeline -------------------------------------------------------------
 */

static Fix *incidents(void)
{
    Fix *f = fix_new(&timeline_class, "Incident Timeline", 2);
    f->q[0].name = "Alert";
    f->q[0].legend = "{{alertname}}";
    f->q[1].name = "Deploy";
    f->q[1].legend = "{{project}}";
    fix_start(f);
    /* an alert firing 02:20-02:24 (5 points), and 02:58-03:10 */
    double t[13], v[13];
    for (int i = 0; i < 5; i++) {
        t[i] = NOW - 3000 + i * STEP;
        v[i] = 1;
    }
    add_series(&f->p.qs[0].range.res, L("alertname=HighErrorRate"), t, v, 5);
    for (int i = 0; i < 13; i++) {
        t[i] = NOW - 720 + i * STEP;
        v[i] = i == 6 ? 0 : 1; /* one zero inside: still one span */
    }
    add_series(&f->p.qs[0].range.res, L("alertname=AgentDown"), t, v, 13);
    /* a deploy at 02:40 */
    t[0] = NOW - 1800;
    v[0] = 1;
    add_series(&f->p.qs[1].range.res, L("project=nexus"), t, v, 1);
    return f;
}

static void test_timeline_list(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = incidents();
    Canvas *c = draw(f, 60, 10, 0);
    /* 58x8: 2 lanes, the time row, then the list, newest first */
    char boxbuf[512];
    assert_string_equal(ROW(c, 4),
                        BOXED("02:58  Alert   AgentDown (13m, ongoing)", 60));
    assert_string_equal(ROW(c, 5), BOXED("02:40  Deploy  nexus (1m)", 60));
    assert_string_equal(ROW(c, 6),
                        BOXED("02:20  Alert   HighErrorRate (5m)", 60));
    assert_string_equal(ROW(c, 7), BOXED("", 60));
    assert_int_equal(cell(c, 8, 4)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 8, 5)->role, ROLE_SERIES2);
    canvas_free(c);
    fix_free(f);
}

static void test_timeline_lanes(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = incidents();
    fix_opt(f, "list", NULL, 0);
    Canvas *c = draw(f, 70, 6, 0);
    /* 68x4: labels (6) and a 61-column axis from column 8: one a minute */
    assert_int_equal(strncmp(ROW(c, 1), VBAR "Alert ", 3 + 6), 0);
    assert_int_equal(strncmp(ROW(c, 2), VBAR "Deploy", 3 + 6), 0);
    int ax = 1 + 6 + 1;
    assert_int_equal(cell(c, ax + 10, 1)->ch, 0x2501);
    assert_int_equal(cell(c, ax + 14, 1)->ch, 0x2501);
    assert_int_equal(cell(c, ax + 15, 1)->ch != 0x2501, 1);
    assert_int_equal(cell(c, ax + 48, 1)->ch, 0x2501);
    assert_int_equal(cell(c, ax + 60, 1)->ch, 0x2501);
    assert_int_equal(cell(c, ax + 30, 2)->ch, 0x2503);
    assert_int_equal(cell(c, ax + 30, 2)->role, ROLE_SERIES2);
    assert_int_equal(find_row(c, "02:15"), 3);
    assert_int_equal(find_row(c, "AgentDown"), -1);
    canvas_free(c);
    fix_free(f);
}

static void test_timeline_no_events(void **state)
{
    (void)state;
    Fix *f = fix_new(&timeline_class, "Quiet", 1);
    f->q[0].name = "Target down";
    fix_start(f);
    double v[3] = {0, 0, 0};
    range(f, 0, L("job=x"), NOW, v, 3);
    Canvas *c = draw(f, 40, 7, 0);
    assert_int_equal(find_row(c, "Target down"), 1);
    assert_int_equal(find_row(c, "no events"), 3);
    canvas_free(c);
    fix_free(f);
}

/* ---- every kind: no data, tiny rects, awkward values ----------------------
 */

static const PanelClass *const all_kinds[] = {
    &stat_class,    &gauge_class,      &timeseries_class, &table_class,
    &heatmap_class, &statusgrid_class, &timeline_class,
};
#define NKINDS (sizeof all_kinds / sizeof all_kinds[0])

static void test_no_data(void **state)
{
    (void)state;
    for (size_t k = 0; k < NKINDS; k++) {
        Fix *f = fix_new(all_kinds[k], "Empty", 2);
        fix_start(f);
        Canvas *c = draw(f, 30, 7, 0);
        if (find_row(c, "no data") != 3)
            dump(c);
        assert_int_equal(find_row(c, "no data"), 3);
        canvas_free(c);
        /* straight to the kind: tiny rects */
        Canvas *t = canvas_new(2, 2, 0);
        all_kinds[k]->draw(&f->p, t, (Rect){0, 0, 0, 2}, &f->ctx);
        all_kinds[k]->draw(&f->p, t, (Rect){0, 0, 1, 1}, &f->ctx);
        all_kinds[k]->draw(&f->p, t, (Rect){0, 0, 2, 2}, &f->ctx);
        canvas_free(t);
        fix_free(f);
    }
}

/* Fills every query of f with series of awkward values: NaN, +/-Inf,
 * negative, a single point, points off the step grid. */
static void fill_awkward(Fix *f, int nseries)
{
    static const double vals[] = {NAN, INFINITY, -INFINITY, -5,
                                  0,   1.7e308,  -1e-300,   42};
    for (int q = 0; q < f->conf.nqueries; q++)
        for (int s = 0; s < nseries; s++) {
            char lab[32], le[32];
            snprintf(lab, sizeof lab, "instance=i%d", s);
            snprintf(le, sizeof le, "le=%g", s % 3 == 2 ? INFINITY : s * 0.5);
            const char *const labels[] = {lab, le, NULL};
            double v = vals[(s + q) % 8];
            if (f->p.qs[q].inst.used)
                inst(f, q, labels, v);
            if (f->p.qs[q].range.used) {
                double t[5], w[5];
                int n = s % 4 == 0 ? 1 : 5; /* some with one point */
                for (int i = 0; i < n; i++) {
                    t[i] = NOW - 3600 + (i * 997 + s * 13) % 3600;
                    w[i] = i % 2 ? v : vals[(s + i) % 8];
                }
                if (n == 5) /* keep time order */
                    for (int i = 1; i < n; i++)
                        for (int j = i; j > 0 && t[j] < t[j - 1]; j--) {
                            double a = t[j];
                            t[j] = t[j - 1];
                            t[j - 1] = a;
                        }
                add_series(&f->p.qs[q].range.res, labels, t, w, n);
            }
        }
}

static void draw_sizes(Fix *f)
{
    static const int sizes[][2] = {{1, 1},  {0, 5},   {5, 0},    {2, 2},
                                   {3, 3},  {6, 3},   {7, 4},    {12, 5},
                                   {20, 8}, {40, 12}, {100, 20}, {9, 30}};
    for (int ascii = 0; ascii < 2; ascii++)
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            Canvas *c = canvas_new(sizes[i][0], sizes[i][1], ascii);
            assert_non_null(c);
            panel_draw(&f->p, c, (Rect){0, 0, c->w, c->h}, &f->ctx);
            /* the kind's own draw on the whole canvas and beyond it */
            f->p.cls->draw(&f->p, c, (Rect){0, 0, c->w, c->h}, &f->ctx);
            f->p.cls->draw(&f->p, c, (Rect){1, 1, c->w + 10, c->h + 10},
                           &f->ctx);
            canvas_free(c);
        }
}

static void test_awkward_values(void **state)
{
    (void)state;
    for (size_t k = 0; k < NKINDS; k++)
        for (int mode = 0; mode < 2; mode++) {
            Fix *f = fix_new(all_kinds[k], "Awkward", 2);
            static double steps[] = {-1, 10};
            f->conf.thresholds =
                (Thresholds){.steps = steps, .n = 2, .good_high = 0, .set = 1};
            f->conf.unit = "s";
            if (all_kinds[k] == &heatmap_class)
                fix_opt(f, "mode", mode ? "series" : "buckets", mode);
            if (all_kinds[k] == &timeseries_class)
                fix_opt(f, "stack", NULL, mode);
            if (all_kinds[k] == &stat_class)
                fix_opt(f, "reduce", mode ? "sum" : "last", mode);
            fix_start(f);
            fill_awkward(f, 9);
            draw_sizes(f);
            /* no range at all: scales from the data */
            f->ctx.range = 0;
            draw_sizes(f);
            f->ctx.range = -5;
            f->ctx.now = 0;
            draw_sizes(f);
            fix_free(f);
        }
}

static void test_single_point_and_negative(void **state)
{
    (void)state;
    for (size_t k = 0; k < NKINDS; k++) {
        Fix *f = fix_new(all_kinds[k], "One", 1);
        f->q[0].name = "q";
        fix_start(f);
        double v = -3;
        if (f->p.qs[0].inst.used)
            inst(f, 0, L("le=1"), v);
        if (f->p.qs[0].range.used)
            range(f, 0, L("le=1"), NOW, &v, 1);
        draw_sizes(f);
        Canvas *c = draw(f, 40, 5, 0);
        /* the value, where the kind prints values (3 rows: no big digits) */
        if (all_kinds[k] != &heatmap_class && all_kinds[k] != &timeline_class &&
            all_kinds[k] != &statusgrid_class)
            assert_true(find_row(c, "-3") > 0);
        if (all_kinds[k] == &statusgrid_class)
            assert_true(find_row(c, "DOWN") > 0);
        if (all_kinds[k] == &timeline_class) /* -3 is no event */
            assert_true(find_row(c, "no events") > 0);
        canvas_free(c);
        fix_free(f);
    }
}

static void test_many_series(void **state)
{
    (void)state;
    for (size_t k = 0; k < NKINDS; k++) {
        Fix *f = fix_new(all_kinds[k], "Many", 1);
        f->q[0].legend = "{{instance}}";
        fix_start(f);
        for (int s = 0; s < 2000; s++) {
            char lab[32];
            snprintf(lab, sizeof lab, "instance=i%04d", s);
            double v[2] = {s, s + 1};
            if (f->p.qs[0].inst.used)
                inst(f, 0, L(lab), v[0]);
            if (f->p.qs[0].range.used)
                range(f, 0, L(lab), NOW, v, 2);
        }
        Canvas *c = draw(f, 60, 12, 0);
        /* kinds with a count of what is left out show it */
        if (all_kinds[k] == &gauge_class || all_kinds[k] == &table_class)
            assert_true(find_row(c, "more") > 0);
        if (all_kinds[k] == &statusgrid_class)
            assert_true(find_row(c, "1999/2000 up") > 0); /* 0 is down */
        if (all_kinds[k] == &timeseries_class)
            assert_true(find_row(c, "+1991") > 0); /* 9 entries shown */
        canvas_free(c);
        fix_free(f);
    }
}

static void test_unaligned_timestamps(void **state)
{
    (void)state;
    const PanelClass *range_kinds[] = {&timeseries_class, &heatmap_class,
                                       &timeline_class, &stat_class};
    for (size_t k = 0; k < 4; k++) {
        Fix *f = fix_new(range_kinds[k], "Unaligned", 2);
        if (range_kinds[k] == &timeseries_class)
            fix_opt(f, "stack", NULL, 1);
        fix_start(f);
        double t1[4] = {NOW - 3000, NOW - 2000, NOW - 1000, NOW};
        double t2[3] = {NOW - 2500, NOW - 1300, NOW - 7};
        double v1[4] = {1, 2, 3, 4}, v2[3] = {5, 6, 7};
        add_series(&f->p.qs[0].range.res, L("le=1"), t1, v1, 4);
        add_series(&f->p.qs[1].range.res, L("le=2"), t2, v2, 3);
        if (f->p.qs[0].inst.used) {
            inst(f, 0, L("le=1"), 4);
            inst(f, 1, L("le=2"), 7);
        }
        draw_sizes(f);
        fix_free(f);
    }
}

static void test_error_and_loading_frame(void **state)
{
    (void)state;
    Fix *f = fix_new(&gauge_class, "Broken", 1);
    fix_start(f);
    result_free(&f->p.qs[0].inst.res);
    f->p.qs[0].inst.error = xstrdup("bad_data: parse error");
    Canvas *c = draw(f, 40, 5, 0);
    assert_int_equal(find_row(c, "bad_data: parse error"), 1);
    canvas_free(c);
    fix_free(f);
}

/* A partial answer (warnings from Thanos or Mimir, VictoriaMetrics'
 * isPartial): marked in the top border, its first words in the bottom
 * one; the values are drawn as usual. A wall screen keeps the mark only. */
static void test_partial_answer(void **state)
{
    (void)state;
    char rowbuf[256];
    Fix *f = fix_new(&stat_class, "Requests", 1);
    fix_opt(f, "sparkline", NULL, 0);
    fix_start(f);
    inst(f, 0, NOLABELS, 42);
    Result *r = &f->p.qs[0].inst.res;
    r->warnings = calloc(2, sizeof *r->warnings);
    assert_non_null(r->warnings);
    r->warnings[0] = xstrdup("partial response: store 10.0.0.7 unreachable");
    r->warnings[1] = xstrdup("second warning");
    r->nwarnings = 2;
    assert_string_equal(panel_warning(&f->p), r->warnings[0]);
    Canvas *c = draw(f, 60, 8, 0);
    assert_non_null(strstr(ROW(c, 0), "Requests"));
    assert_non_null(strstr(ROW(c, 0), " ! partial "));
    assert_int_equal(cell(c, find_cell(c, 0, '!'), 0)->role, ROLE_WARN);
    assert_non_null(
        strstr(ROW(c, 7), " partial response: store 10.0.0.7 unreachable "));
    assert_null(strstr(ROW(c, 7), "second warning"));
    assert_non_null(strstr(ROW(c, 1), "██")); /* 42 in big digits */
    canvas_free(c);
    /* narrow: the bottom line is cut inside the border */
    c = draw(f, 24, 8, 1);
    assert_string_equal(ROW(c, 7), "+- partial response: ~-+");
    canvas_free(c);
    f->ctx.kiosk = 1;
    c = draw(f, 60, 8, 0);
    assert_non_null(strstr(ROW(c, 0), " ! partial "));
    assert_null(strstr(ROW(c, 7), "partial response"));
    canvas_free(c);
    fix_free(f);
}

/* ---- shared drawing helpers -------------------------------------------- */

static void test_time_axis(void **state)
{
    (void)state;
    char rowbuf[256];
    Canvas *c = canvas_new(40, 5, 0);
    /* an hour over 40 columns: labels a quarter apart, 02:10 to 03:10;
     * 02:15 would start in the second column, too close to the start */
    panel_time_axis(c, 0, 0, 40, NOW - 3600, NOW);
    assert_string_equal(ROW(c, 0), "           02:30     02:45     03:00");
    assert_int_equal(cell(c, 11, 0)->role, ROLE_AXIS);
    /* 35 columns from column 5: 3 labels at most, so half-hour steps */
    panel_time_axis(c, 5, 1, 35, NOW - 3600, NOW);
    assert_string_equal(ROW(c, 1), "              02:30            03:00");
    /* a minute over 20 columns: seconds shown; the first label would start
     * left of x, the last is pushed in from the edge and then too close */
    panel_time_axis(c, 0, 2, 20, NOW - 60, NOW);
    assert_string_equal(ROW(c, 2), "      03:09:30");
    /* under 10 columns, or no time span: nothing */
    panel_time_axis(c, 0, 3, 9, NOW - 3600, NOW);
    panel_time_axis(c, 0, 4, 40, NOW, NOW);
    assert_string_equal(ROW(c, 3), "");
    assert_string_equal(ROW(c, 4), "");
    canvas_free(c);
}

/* A critical or warning value on a wall screen: at every width where its
 * big digits are drawn, its reversed tag stands whole left of them (the
 * digits are sized to leave it room), and the digits are not reversed. */
static void test_stat_tag_beside_digits(void **state)
{
    (void)state;
    static double steps[] = {50, 70};
    const struct {
        double v;
        uint32_t tag;
    } cases[] = {{75, 0x203c}, {60, 0x25b2}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        for (int w = 8; w <= 40; w++) {
            Fix *f = fix_new(&stat_class, "Budget", 1);
            f->conf.unit = "percent";
            f->conf.thresholds = (Thresholds){.steps = steps, .n = 2, .set = 1};
            fix_opt(f, "sparkline", NULL, 0);
            f->ctx.kiosk = 1;
            fix_start(f);
            inst(f, 0, NOLABELS, cases[k].v);
            Canvas *c = draw(f, w, 12, 0);
            int tag_x = -1, digit_x = w, digits = 0;
            for (int y = 1; y < 11; y++)
                for (int x = 1; x < w - 1; x++) {
                    const Cell *cl = cell(c, x, y);
                    if (cl->ch == cases[k].tag) {
                        assert_int_equal(cl->attrs & TA_REVERSE, TA_REVERSE);
                        tag_x = x;
                    }
                    if (cl->ch == 0x2588 || cl->ch == 0x2580 ||
                        cl->ch == 0x2584) {
                        assert_int_equal(cl->attrs & TA_REVERSE, 0);
                        digit_x = x < digit_x ? x : digit_x;
                        digits++;
                    }
                }
            if (digits > 0 && (tag_x < 0 || tag_x + 2 > digit_x))
                fail_msg("%g at width %d: tag at %d, digits from %d",
                         cases[k].v, w, tag_x, digit_x);
            canvas_free(c);
            fix_free(f);
        }
}

static void test_bigtext_fits(void **state)
{
    (void)state;
    assert_int_equal(panel_bigtext_fits(17, "12.5%"), 1);
    assert_int_equal(panel_bigtext_fits(16, "12.5%"), 0);
    assert_int_equal(panel_bigtext_fits(11, "1.2k"), 1);
    assert_int_equal(panel_bigtext_fits(12, "12 ms"), 1); /* "ms" in one */
    assert_int_equal(panel_bigtext_fits(11, "12 ms"), 0);
    /* a number with its unit drawn small after it, a sign or currency
     * before it */
    assert_int_equal(panel_bigtext_fits(100, "1 req"), 1);
    assert_int_equal(panel_bigtext_fits(100, "3.0/day"), 1);
    assert_int_equal(panel_bigtext_fits(100, "-$1,234"), 1);
    assert_int_equal(panel_bigtext_fits(100, "2.28k h"), 1);
    /* no number, a name, digits after the unit, a long unit: never big */
    assert_int_equal(panel_bigtext_fits(100, "--"), 0);
    assert_int_equal(panel_bigtext_fits(100, ""), 0);
    assert_int_equal(panel_bigtext_fits(100, "NaN"), 0);
    assert_int_equal(panel_bigtext_fits(100, "claude-3"), 0);
    assert_int_equal(panel_bigtext_fits(100, "2d 8h"), 0);
    assert_int_equal(panel_bigtext_fits(100, "1.2 requests/s"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_option_tables),
        cmocka_unit_test(test_partial_answer),
        cmocka_unit_test(test_points_wanted),
        cmocka_unit_test(test_stat_percentunit),
        cmocka_unit_test(test_stat_kiosk_digits_first),
        cmocka_unit_test(test_stat_thresholds_colour),
        cmocka_unit_test(test_stat_big_digits),
        cmocka_unit_test(test_stat_sparkline),
        cmocka_unit_test(test_stat_sparkline_gap_and_nan),
        cmocka_unit_test(test_stat_several_series),
        cmocka_unit_test(test_stat_reduce_and_label),
        cmocka_unit_test(test_gauge_rows),
        cmocka_unit_test(test_gauge_single_big),
        cmocka_unit_test(test_gauge_default_scales),
        cmocka_unit_test(test_gauge_more_rows_than_room),
        cmocka_unit_test(test_table_cells),
        cmocka_unit_test(test_table_sort_and_more),
        cmocka_unit_test(test_table_shrinks_to_width),
        cmocka_unit_test(test_table_default_by_and_missing),
        cmocka_unit_test(test_statusgrid_tiles),
        cmocka_unit_test(test_statusgrid_texts_and_columns),
        cmocka_unit_test(test_statusgrid_compact),
        cmocka_unit_test(test_statusgrid_thresholds),
        cmocka_unit_test(test_timeseries_axes_and_legend),
        cmocka_unit_test(test_timeseries_threshold_line),
        cmocka_unit_test(test_timeseries_gap_and_nan),
        cmocka_unit_test(test_timeseries_legend_right_and_none),
        cmocka_unit_test(test_timeseries_stack),
        cmocka_unit_test(test_timeseries_style),
        cmocka_unit_test(test_timeseries_out_of_stack),
        cmocka_unit_test(test_timeseries_right_axis),
        cmocka_unit_test(test_heatmap_buckets_deaccumulate),
        cmocka_unit_test(test_heatmap_buckets_clamp_and_groups),
        cmocka_unit_test(test_heatmap_series_thresholds),
        cmocka_unit_test(test_timeline_list),
        cmocka_unit_test(test_timeline_lanes),
        cmocka_unit_test(test_timeline_no_events),
        cmocka_unit_test(test_no_data),
        cmocka_unit_test(test_awkward_values),
        cmocka_unit_test(test_single_point_and_negative),
        cmocka_unit_test(test_many_series),
        cmocka_unit_test(test_unaligned_timestamps),
        cmocka_unit_test(test_error_and_loading_frame),
        cmocka_unit_test(test_time_axis),
        cmocka_unit_test(test_stat_tag_beside_digits),
        cmocka_unit_test(test_bigtext_fits),
    };
    return cmocka_run_group_tests(tests, setup_locale, NULL);
}
