/* test_kinds_a.c - unit tests of the bar, bargauge, pie and histogram panel
 * kinds: panels built by hand with hand-made answers, drawn through
 * panel_draw() onto canvases of known sizes and checked cell by cell (bar
 * heights in eighth blocks, legends, shares, de-accumulated buckets); plus
 * each kind on tiny rects, with no data, NaN, infinities, one point,
 * negative values and many series. */
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

extern const PanelClass bar_class, bargauge_class, pie_class, histogram_class;

#define FIX_DUMP_ENV "TEST_KINDS_DUMP"
#include "panel_fixture.h"

/* UTF-8 of the glyphs the kinds draw */
#define FULL "\xe2\x96\x88"   /* █ */
#define LOW3 "\xe2\x96\x83"   /* ▃ */
#define LOW4 "\xe2\x96\x84"   /* ▄ lower half */
#define LOW5 "\xe2\x96\x85"   /* ▅ */
#define LOW6 "\xe2\x96\x86"   /* ▆ */
#define LEFT4 "\xe2\x96\x8c"  /* ▌ left half */
#define LEFT2 "\xe2\x96\x8e"  /* ▎ left quarter */
#define TRACK "\xe2\x96\x91"  /* ░ */
#define SQUARE "\xe2\x96\xa0" /* ■ */
#define DOT "\xe2\x97\x8f"    /* ● */
#define TICK "\xe2\x94\xa4"   /* ┤ */
#define AXIS "\xe2\x94\x82"   /* │ */
#define F1 FULL
#define F3 FULL FULL FULL
#define F4 FULL FULL FULL FULL
#define F8 F4 F4

/* ---- option tables --------------------------------------------------------
 */

/* The option names are part of the YAML format (dashboards use them). */
static void test_option_tables(void **state)
{
    (void)state;
    static const struct {
        const PanelClass *cls;
        const char *name;
        const char *opts;
        const char *defs;
    } kinds[] = {
        {&bar_class, "bar", "orientation over stack",
         "vertical categories false"},
        {&bargauge_class, "bargauge", "orientation sort", "horizontal none"},
        {&pie_class, "pie", "donut legend", "false true"},
        {&histogram_class, "histogram", "percent", "false"},
    };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        const PanelClass *cls = kinds[k].cls;
        assert_string_equal(cls->name, kinds[k].name);
        assert_ptr_equal(panel_kind_find(kinds[k].name), cls);
        assert_int_equal(cls->query_mode, QM_INSTANT);
        assert_non_null(cls->help);
        assert_non_null(cls->draw);
        char names[256] = "", defs[256] = "";
        for (int i = 0; cls->opts[i].name; i++) {
            assert_non_null(cls->opts[i].help);
            if (cls->opts[i].type == OPT_ENUM) {
                assert_non_null(cls->opts[i].choices);
                assert_non_null(strstr(cls->opts[i].choices, cls->opts[i].def));
            }
            if (i) {
                strcat(names, " ");
                strcat(defs, " ");
            }
            strcat(names, cls->opts[i].name);
            strcat(defs, cls->opts[i].def);
        }
        assert_string_equal(names, kinds[k].opts);
        assert_string_equal(defs, kinds[k].defs);
    }
    assert_string_equal(bar_class.opts[0].choices, "vertical|horizontal");
    assert_string_equal(bar_class.opts[1].choices, "categories|time");
    assert_int_equal(bar_class.opts[2].type, OPT_BOOL);
    assert_string_equal(bargauge_class.opts[0].choices, "horizontal|vertical");
    assert_string_equal(bargauge_class.opts[1].choices, "none|asc|desc");
    assert_int_equal(pie_class.opts[0].type, OPT_BOOL);
    assert_int_equal(histogram_class.opts[0].type, OPT_BOOL);
}

/* A bar chart over categories asks instant queries, over time range ones. */
static void test_bar_query_mode(void **state)
{
    (void)state;
    Fix *f = fix_new(&bar_class, "b", 1);
    assert_int_equal(bar_class.query_mode_for(&f->conf), QM_INSTANT);
    fix_opt(f, "over", "time", 1);
    assert_int_equal(bar_class.query_mode_for(&f->conf), QM_RANGE);
    fix_start(f);
    assert_int_equal(f->p.mode, QM_RANGE);
    assert_true(f->p.qs[0].range.used);
    assert_false(f->p.qs[0].inst.used);
    fix_free(f);
    f = fix_new(&bar_class, "b", 1);
    fix_opt(f, "over", "categories", 0);
    fix_start(f);
    assert_int_equal(f->p.mode, QM_INSTANT);
    assert_true(f->p.qs[0].inst.used);
    assert_false(f->p.qs[0].range.used);
    /* a step per three columns of the plot (less the value axis) */
    assert_int_equal(bar_class.points(&f->p, 40, 5), 10);
    assert_int_equal(bar_class.points(&f->p, 10, 5), 3);
    assert_true(bar_class.points(&f->p, 0, 0) >= 1);
    assert_true(bar_class.points(&f->p, 1, 1) >= 1);
    fix_free(f);
}

/* ---- bar ------------------------------------------------------------------
 */

static void test_bar_categories_heights(void **state)
{
    (void)state;
    char rowbuf[512], boxbuf[512];
    Fix *f = fix_new(&bar_class, "Velocity", 1);
    f->q[0].legend = "{{k}}";
    fix_start(f);
    inst(f, 0, L("k=a"), 4);
    inst(f, 0, L("k=b"), 3);
    inst(f, 0, L("k=c"), 1.5);
    /* 12x6 inside: values, 4 plot rows, names; scale 0..4 so a cell is 1:
     * 4 -> 4 cells, 3 -> 3 cells, 1.5 -> 1 cell and a half block */
    Canvas *c = draw(f, 14, 8, 0);
    ASSERT_ROW(c, 1, BOXED(" 4", 14));
    ASSERT_ROW(c, 2, BOXED(F3 "  3", 14));
    ASSERT_ROW(c, 3, BOXED(F3 " " F3 " 1.5", 14));
    ASSERT_ROW(c, 4, BOXED(F3 " " F3 " " LOW4 LOW4 LOW4, 14));
    ASSERT_ROW(c, 5, BOXED(F3 " " F3 " " F3, 14));
    ASSERT_ROW(c, 6, BOXED(" a   b   c", 14));
    /* one query: a colour per category */
    assert_int_equal(cell(c, 1, 5)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 5, 5)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 9, 4)->role, ROLE_SERIES3);
    assert_int_equal(cell(c, 2, 1)->role, ROLE_VALUE);
    assert_int_equal(cell(c, 2, 6)->role, ROLE_AXIS);
    canvas_free(c);
    /* ASCII: whole cells of '#', 1.5 rounds to 2 */
    c = draw(f, 14, 8, 1);
    ASSERT_ROW(c, 2, ABOXED("###  3", 14));
    ASSERT_ROW(c, 3, ABOXED("### ### 1.5", 14));
    ASSERT_ROW(c, 4, ABOXED("### ### ###", 14));
    canvas_free(c);
    /* the panel's max sets the scale: 8 -> a cell is 2; 3 is a cell and
     * a half, 1.5 six eighths */
    f->conf.max = 8;
    c = draw(f, 14, 8, 0);
    ASSERT_ROW(c, 2, BOXED("", 14));
    ASSERT_ROW(c, 3, BOXED(" 4   3", 14));
    ASSERT_ROW(c, 4, BOXED(F3 " " LOW4 LOW4 LOW4 " 1.5", 14));
    ASSERT_ROW(c, 5, BOXED(F3 " " F3 " " LOW6 LOW6 LOW6, 14));
    canvas_free(c);
    fix_free(f);
}

static void test_bar_thresholds(void **state)
{
    (void)state;
    Fix *f = fix_new(&bar_class, "Errors", 1);
    static double steps[] = {2, 3.5};
    f->conf.thresholds =
        (Thresholds){.steps = steps, .n = 2, .good_high = 0, .set = 1};
    f->q[0].legend = "{{k}}";
    fix_start(f);
    inst(f, 0, L("k=a"), 4);
    inst(f, 0, L("k=b"), 3);
    inst(f, 0, L("k=c"), 1.5);
    Canvas *c = draw(f, 14, 8, 0);
    assert_int_equal(cell(c, 1, 5)->role, ROLE_CRIT);
    assert_int_equal(cell(c, 5, 5)->role, ROLE_WARN);
    assert_int_equal(cell(c, 9, 5)->role, ROLE_OK);
    canvas_free(c);
    fix_free(f);
}

/* Two queries: the series of one name form a category, a bar per query
 * side by side, the queries in the legend. */
static void test_bar_grouped(void **state)
{
    (void)state;
    char rowbuf[512], boxbuf[512];
    Fix *f = fix_new(&bar_class, "Sprint", 2);
    f->q[0].legend = "{{p}}";
    f->q[0].name = "plan";
    f->q[1].legend = "{{p}}";
    f->q[1].name = "done";
    fix_start(f);
    inst(f, 0, L("p=P1"), 4);
    inst(f, 0, L("p=P2"), 1);
    inst(f, 1, L("p=P2"), 3); /* the other order: grouped by name */
    inst(f, 1, L("p=P1"), 2);
    /* 20x7 inside: 2 groups of 2 bars 4 wide, 4 plot rows */
    Canvas *c = draw(f, 22, 9, 0);
    ASSERT_ROW(c, 1, BOXED(" 4", 22));
    /* P1 from column 1: 4 and 2; P2 from column 11: 1 and 3 */
    ASSERT_ROW(c, 2, BOXED(F4 "           3", 22));
    ASSERT_ROW(c, 3, BOXED(F4 " 2        " F4, 22));
    ASSERT_ROW(c, 4, BOXED(F4 F4 "   1  " F4, 22));
    ASSERT_ROW(c, 5, BOXED(F4 F4 "  " F4 F4, 22));
    ASSERT_ROW(c, 6, BOXED("   P1        P2", 22));
    ASSERT_ROW(c, 7, BOXED(SQUARE " plan  " SQUARE " done", 22));
    /* colours by query, in bars and legend */
    assert_int_equal(cell(c, 1, 5)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 5, 5)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 11, 5)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 15, 5)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 1, 7)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 9, 7)->role, ROLE_SERIES2);
    canvas_free(c);
    fix_free(f);
}

/* Stacked: a bar per category, the inner boundary on a whole cell, the
 * top in eighths, the total over it. */
static void test_bar_stacked(void **state)
{
    (void)state;
    char rowbuf[512], boxbuf[512];
    Fix *f = fix_new(&bar_class, "Sprint", 2);
    f->q[0].legend = "{{p}}";
    f->q[0].name = "plan";
    f->q[1].legend = "{{p}}";
    f->q[1].name = "done";
    fix_opt(f, "stack", NULL, 1);
    fix_start(f);
    inst(f, 0, L("p=P1"), 4);
    inst(f, 0, L("p=P2"), 1);
    inst(f, 1, L("p=P1"), 2);
    inst(f, 1, L("p=P2"), 3);
    /* scale 0..6 over 4 rows (32 eighths): P1 4 -> 21 eighths, rounded to
     * 3 cells, then 6 -> 4 cells; P2 1 -> 5 eighths, rounded to 1 cell,
     * then 4 -> 21 eighths: 2 cells and 5/8 */
    Canvas *c = draw(f, 22, 9, 0);
    ASSERT_ROW(c, 1, BOXED("    6", 22));
    ASSERT_ROW(c, 2, BOXED(F8 "      4", 22));
    ASSERT_ROW(c, 3,
               BOXED(F8 "  " LOW5 LOW5 LOW5 LOW5 LOW5 LOW5 LOW5 LOW5, 22));
    ASSERT_ROW(c, 4, BOXED(F8 "  " F8, 22));
    ASSERT_ROW(c, 5, BOXED(F8 "  " F8, 22));
    assert_int_equal(cell(c, 1, 2)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 1, 3)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 1, 5)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 11, 3)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 11, 4)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 11, 5)->role, ROLE_SERIES1);
    canvas_free(c);
    /* horizontal: one row per category, the total at the right */
    fix_opt(f, "orientation", "horizontal", 1);
    c = draw(f, 22, 5, 0);
    /* 20 wide: name 2, bar 15, value 1; 6 of 6 and 4 of 6 (10 cells) */
    ASSERT_ROW(c, 1, BOXED("P1 " F8 F4 FULL FULL FULL " 6", 22));
    ASSERT_ROW(c, 2, BOXED("P2 " F8 FULL FULL "      4", 22));
    assert_int_equal(cell(c, 4, 1)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 17, 1)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 12, 2)->role, ROLE_SERIES2);
    assert_int_equal(find_row(c, "plan"), 3);
    canvas_free(c);
    fix_free(f);
}

static void test_bar_horizontal(void **state)
{
    (void)state;
    char rowbuf[512], boxbuf[512];
    Fix *f = fix_new(&bar_class, "Keys", 1);
    f->q[0].legend = "{{k}}";
    fix_opt(f, "orientation", "horizontal", 1);
    f->conf.unit = "count";
    fix_start(f);
    inst(f, 0, L("k=ci"), 40);
    inst(f, 0, L("k=admin"), 15);
    inst(f, 0, L("k=old"), -5);
    inst(f, 0, L("k=nan"), NAN);
    /* 26 wide: name 5, bar 16, value 3; 15 of 40 is 6 cells (48 eighths) */
    Canvas *c = draw(f, 28, 6, 0);
    ASSERT_ROW(c, 1, BOXED("ci    " F8 F8 "  40", 28));
    ASSERT_ROW(c, 2, BOXED("admin " F4 FULL FULL "            15", 28));
    ASSERT_ROW(c, 3, BOXED("old                     -5", 28));
    ASSERT_ROW(c, 4, BOXED("nan", 28));
    canvas_free(c);
    /* two rows for four bars: the first and a count of the rest; the
     * columns fit the bars shown (name 2, value 2, bar 20) */
    c = draw(f, 28, 4, 0);
    ASSERT_ROW(c, 1, BOXED("ci " F8 F8 F4 " 40", 28));
    ASSERT_ROW(c, 2, BOXED("+3 more", 28));
    canvas_free(c);
    fix_free(f);
}

static void test_bar_more_categories(void **state)
{
    (void)state;
    Fix *f = fix_new(&bar_class, "Many", 1);
    f->q[0].legend = "{{k}}";
    fix_start(f);
    for (int i = 0; i < 30; i++) {
        char lab[16];
        snprintf(lab, sizeof lab, "k=%02d", i);
        inst(f, 0, L(lab), i + 1);
    }
    /* 20 columns inside: "+N" and a blank take 4, 8 bars of 2 columns */
    Canvas *c = draw(f, 22, 8, 0);
    assert_int_equal(find_row(c, "+22"), 6);
    assert_int_equal(cell(c, 18, 6)->ch, '+');
    canvas_free(c);
    fix_free(f);
}

/* Over time: a bar per step, stacked, a value axis, time labels and a
 * legend of the series. */
static void test_bar_time_stacked(void **state)
{
    (void)state;
    char rowbuf[512], boxbuf[512];
    Fix *f = fix_new(&bar_class, "Tokens", 1);
    f->q[0].legend = "{{m}}";
    fix_opt(f, "over", "time", 1);
    fix_opt(f, "stack", NULL, 1);
    f->ctx.range = 600; /* 10 steps of STEP */
    fix_start(f);
    double a[3] = {1, 2, 3}, b[3] = {1, 1, 1};
    range(f, 0, L("m=A"), NOW, a, 3);
    range(f, 0, L("m=B"), NOW, b, 3);
    /* 28x7 inside: axis "4"/"2"/"0" and a line (2 columns), 26 columns of
     * plot from column 3; step j starts at j*26/10 (18, 20, 23 for the
     * last three, which hold 1+1, 2+1, 3+1); 5 plot rows (40 eighths)
     * over 0..4 */
    Canvas *c = draw(f, 30, 9, 0);
    ASSERT_ROW(c, 1, BOXED("4" TICK "                       " FULL, 30));
    ASSERT_ROW(c, 2, BOXED(" " AXIS "                    " LOW6 "  " FULL, 30));
    ASSERT_ROW(
        c, 3, BOXED("2" TICK "                  " LOW4 " " FULL "  " FULL, 30));
    ASSERT_ROW(
        c, 4, BOXED(" " AXIS "                  " FULL " " FULL "  " FULL, 30));
    ASSERT_ROW(
        c, 5, BOXED("0" TICK "                  " FULL " " FULL "  " FULL, 30));
    ASSERT_ROW(c, 6, BOXED("             03:05     03:10", 30));
    ASSERT_ROW(c, 7, BOXED(SQUARE " A  " SQUARE " B", 30));
    /* A at the bottom, B on it: 1+1 -> A 10 eighths rounded to 1 cell, B
     * to 20 (2 cells and a half); 2+1 -> A 20 eighths rounded to 3 cells,
     * B to 30 (3 cells and 6/8); 3+1 -> A 30, 4 cells, B 40, 5 cells */
    assert_int_equal(cell(c, 21, 5)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 21, 4)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 21, 3)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 23, 3)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 23, 2)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 26, 2)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 26, 1)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 1, 7)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 6, 7)->role, ROLE_SERIES2);
    canvas_free(c);
    fix_free(f);
}

static void test_bar_time_grouped(void **state)
{
    (void)state;
    char rowbuf[512], boxbuf[512];
    Fix *f = fix_new(&bar_class, "Tokens", 1);
    f->q[0].legend = "{{m}}";
    fix_opt(f, "over", "time", 1);
    f->ctx.range = 600;
    fix_start(f);
    double a[3] = {1, 2, 3}, b[3] = {3, 3, 0};
    range(f, 0, L("m=A"), NOW, a, 3);
    range(f, 0, L("m=B"), NOW, b, 3);
    /* axis labels 3 wide (3, 1.5, 0) leave 24 columns from column 5; side
     * by side a step takes 3 columns: 8 of the 10 steps fit, the latest;
     * step j starts at 3j (15, 18, 21 for the last three) and A, B take a
     * column each; 5 rows (40 eighths) over 0..3: 1 -> 13, 2 -> 27 */
    Canvas *c = draw(f, 30, 9, 0);
    ASSERT_ROW(
        c, 1, BOXED("  3" TICK "                " FULL "  " FULL " " FULL, 30));
    ASSERT_ROW(
        c, 2,
        BOXED("   " AXIS "                " FULL " " LOW3 FULL " " FULL, 30));
    ASSERT_ROW(
        c, 3,
        BOXED("1.5" TICK "                " FULL " " FULL FULL " " FULL, 30));
    ASSERT_ROW(c, 4,
               BOXED("   " AXIS "               " LOW5 FULL " " FULL FULL
                     " " FULL,
                     30));
    ASSERT_ROW(c, 5,
               BOXED("  0" TICK "               " FULL FULL " " FULL FULL
                     " " FULL,
                     30));
    assert_int_equal(cell(c, 20, 5)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 21, 5)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 26, 1)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 27, 5)->ch, ' '); /* B is 0 there */
    /* the axis spans the 8 steps shown: 03:02 .. 03:10 */
    ASSERT_ROW(c, 6, BOXED("           03:05       03:10", 30));
    canvas_free(c);
    fix_free(f);
}

/* ---- bargauge -------------------------------------------------------------
 */

static void test_bargauge_rows(void **state)
{
    (void)state;
    char rowbuf[512], boxbuf[512];
    Fix *f = fix_new(&bargauge_class, "Disk", 1);
    static double steps[] = {70, 90};
    f->conf.unit = "percent";
    f->conf.thresholds =
        (Thresholds){.steps = steps, .n = 2, .good_high = 0, .set = 1};
    f->q[0].legend = "{{n}}";
    fix_start(f);
    inst(f, 0, L("n=a"), 42.5);
    inst(f, 0, L("n=b"), 91.2);
    inst(f, 0, L("n=c"), NAN);
    /* 28 wide: name 1, bar 20, value 5; 0..100: 42.5% is 68 eighths
     * (8 cells and a half), 91.2% 146 (18 cells and a quarter) */
    Canvas *c = draw(f, 30, 5, 0);
    ASSERT_ROW(c, 1,
               BOXED("a " F8 LEFT4 TRACK TRACK TRACK TRACK TRACK TRACK TRACK
                         TRACK TRACK TRACK TRACK " 42.5%",
                     30));
    ASSERT_ROW(c, 2, BOXED("b " F8 F8 FULL FULL LEFT2 TRACK " 91.2%", 30));
    ASSERT_ROW(
        c, 3,
        BOXED("c " TRACK TRACK TRACK TRACK TRACK TRACK TRACK TRACK TRACK TRACK
                  TRACK TRACK TRACK TRACK TRACK TRACK TRACK TRACK TRACK TRACK
              "   NaN",
              30));
    assert_int_equal(cell(c, 3, 1)->role, ROLE_OK);
    assert_int_equal(cell(c, 3, 2)->role, ROLE_CRIT);
    assert_int_equal(cell(c, 12, 1)->role, ROLE_DIM);
    assert_int_equal(cell(c, 24, 2)->role, ROLE_CRIT); /* the value */
    assert_int_equal(cell(c, 24, 2)->attrs, TA_BOLD);
    assert_int_equal(cell(c, 26, 3)->role, ROLE_DIM);
    canvas_free(c);
    c = draw(f, 30, 5, 1);
    ASSERT_ROW(c, 1, ABOXED("a #########........... 42.5%", 30));
    canvas_free(c);
    fix_free(f);
}

static void test_bargauge_sort_and_more(void **state)
{
    (void)state;
    char rowbuf[512], boxbuf[512];
    Fix *f = fix_new(&bargauge_class, "Sorted", 1);
    f->q[0].legend = "{{n}}";
    f->conf.max = 10;
    fix_opt(f, "sort", "desc", 2);
    fix_start(f);
    inst(f, 0, L("n=w"), 5);
    inst(f, 0, L("n=x"), NAN);
    inst(f, 0, L("n=y"), 9);
    inst(f, 0, L("n=z"), 1);
    Canvas *c = draw(f, 20, 6, 0);
    assert_int_equal(find_row(c, "y "), 1);
    assert_int_equal(find_row(c, "w "), 2);
    assert_int_equal(find_row(c, "z "), 3);
    assert_int_equal(find_row(c, "x "), 4);
    canvas_free(c);
    fix_opt(f, "sort", "asc", 1);
    c = draw(f, 20, 6, 0);
    assert_int_equal(find_row(c, "z "), 1);
    assert_int_equal(find_row(c, "w "), 2);
    assert_int_equal(find_row(c, "y "), 3);
    assert_int_equal(find_row(c, "x "), 4);
    canvas_free(c);
    fix_opt(f, "sort", "none", 0);
    c = draw(f, 20, 6, 0);
    assert_int_equal(find_row(c, "w "), 1);
    assert_int_equal(find_row(c, "x "), 2);
    canvas_free(c);
    /* three rows for four: two and a count */
    fix_opt(f, "sort", "desc", 2);
    c = draw(f, 20, 5, 0);
    assert_int_equal(find_row(c, "y "), 1);
    assert_int_equal(find_row(c, "w "), 2);
    ASSERT_ROW(c, 3, BOXED("+2 more", 20));
    canvas_free(c);
    fix_free(f);
}

static void test_bargauge_vertical(void **state)
{
    (void)state;
    char rowbuf[512], boxbuf[512];
    Fix *f = fix_new(&bargauge_class, "Pods", 1);
    f->q[0].legend = "{{n}}";
    fix_opt(f, "orientation", "vertical", 1);
    fix_start(f);
    inst(f, 0, L("n=a"), 10);
    inst(f, 0, L("n=b"), 5);
    inst(f, 0, L("n=c"), 0);
    /* 12x5 inside: values, 3 bar rows over 0..10, names */
    Canvas *c = draw(f, 14, 7, 0);
    ASSERT_ROW(c, 1, BOXED("10   5   0", 14));
    ASSERT_ROW(c, 2, BOXED(F3 " " TRACK TRACK TRACK " " TRACK TRACK TRACK, 14));
    ASSERT_ROW(c, 3, BOXED(F3 " " LOW4 LOW4 LOW4 " " TRACK TRACK TRACK, 14));
    ASSERT_ROW(c, 4, BOXED(F3 " " F3 " " TRACK TRACK TRACK, 14));
    ASSERT_ROW(c, 5, BOXED(" a   b   c", 14));
    canvas_free(c);
    fix_free(f);
}

static void test_bargauge_scales(void **state)
{
    (void)state;
    char rowbuf[512], boxbuf[512];
    /* percentunit: 0..1 */
    Fix *f = fix_new(&bargauge_class, "Ratio", 1);
    f->conf.unit = "percentunit";
    f->q[0].name = "hit";
    fix_start(f);
    inst(f, 0, NOLABELS, 0.5);
    Canvas *c = draw(f, 20, 3, 0);
    /* 18 wide: name 3, bar 10, value 3 ("50%"); half is 5 cells */
    ASSERT_ROW(c, 1,
               BOXED("hit " F4 FULL TRACK TRACK TRACK TRACK TRACK " 50%", 20));
    canvas_free(c);
    /* the panel's min and max */
    f->conf.min = 0.5;
    f->conf.max = 1;
    c = draw(f, 20, 3, 0);
    ASSERT_ROW(
        c, 1,
        BOXED("hit " TRACK TRACK TRACK TRACK TRACK TRACK TRACK TRACK TRACK TRACK
              " 50%",
              20));
    canvas_free(c);
    fix_free(f);
    /* no unit: 0 to the largest value */
    f = fix_new(&bargauge_class, "Plain", 1);
    f->q[0].legend = "{{n}}";
    fix_start(f);
    inst(f, 0, L("n=a"), 200);
    inst(f, 0, L("n=b"), 50);
    c = draw(f, 20, 4, 0);
    ASSERT_ROW(c, 1, BOXED("a " F8 F4 " 200", 20));
    ASSERT_ROW(c, 2,
               BOXED("b " FULL FULL FULL TRACK TRACK TRACK TRACK TRACK TRACK
                         TRACK TRACK TRACK "  50",
                     20));
    canvas_free(c);
    fix_free(f);
}

/* ---- pie ------------------------------------------------------------------
 */

/* GO 24, NO_GO 8, COND 4: 66.7%, 22.2%, 11.1%. */
static Fix *gonogo(void)
{
    Fix *f = fix_new(&pie_class, "Decisions", 1);
    f->q[0].legend = "{{d}}";
    f->conf.unit = "count";
    fix_start(f);
    inst(f, 0, L("d=GO"), 24);
    inst(f, 0, L("d=NO_GO"), 8);
    inst(f, 0, L("d=COND"), 4);
    return f;
}

static void test_pie_legend(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = gonogo();
    /* 38x8 inside: a circle of 8 rows (16 columns), a gap, the legend */
    Canvas *c = draw(f, 40, 10, 0);
    /* the legend's 3 rows in the middle of 8, 4 columns after the circle */
    assert_int_equal(find_row(c, "GO    66.7%  24"), 3);
    assert_string_equal(ROW(c, 3),
                        VBAR "\xe2\xa2\xb0\xe2\xa3\xbf\xe2\xa3\xbf"
                             "\xe2\xa3\xbf\xe2\xa3\xb7\xe2\xa3\x9d\xe2\xa2\xbf"
                             "\xe2\xa3\xbf\xe2\xa2\xb8\xe2\xa3\xbf\xe2\xa3\xbf"
                             "\xe2\xa3\xbf\xe2\xa3\xbf\xe2\xa3\xbf\xe2\xa3\xbf"
                             "\xe2\xa1\x86    " DOT " GO    66.7%  24 " VBAR);
    assert_int_equal(find_row(c, DOT " NO_GO 22.2%   8"), 4);
    assert_int_equal(find_row(c, DOT " COND  11.1%   4"), 5);
    /* markers in the slices' colours */
    assert_int_equal(cell(c, 21, 3)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 21, 4)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 21, 5)->role, ROLE_SERIES3);
    assert_int_equal(cell(c, 23, 3)->role, ROLE_DEFAULT);
    assert_int_equal(cell(c, 29, 3)->role, ROLE_VALUE);
    assert_int_equal(cell(c, 36, 3)->role, ROLE_DIM);
    /* the circle fills rows 1..8 */
    for (int yy = 1; yy <= 8; yy++)
        assert_true(cell(c, 8, yy)->ch >= 0x2800 &&
                    cell(c, 8, yy)->ch <= 0x28ff);
    canvas_free(c);
    /* no legend wanted: the circle alone, centred */
    fix_opt(f, "legend", NULL, 0);
    c = draw(f, 40, 10, 0);
    assert_int_equal(find_row(c, "GO"), -1);
    assert_true(cell(c, 19, 4)->ch >= 0x2800);
    assert_int_equal(cell(c, 5, 4)->ch, ' ');
    canvas_free(c);
    fix_free(f);
}

/* A cell takes the colour of the slice most of its dots are in: 75% from
 * 12 o'clock clockwise to 9, then 25% back to 12. */
static void test_pie_slices_and_donut(void **state)
{
    (void)state;
    Fix *f = fix_new(&pie_class, "Share", 1);
    f->q[0].legend = "{{k}}";
    fix_opt(f, "legend", NULL, 0);
    fix_start(f);
    inst(f, 0, L("k=a"), 3);
    inst(f, 0, L("k=b"), 1);
    /* 20x8 inside: the circle is 16x8 cells from column 3, row 1 */
    Canvas *c = draw(f, 22, 10, 0);
    assert_int_equal(cell(c, 3 + 4, 1 + 2)->role, ROLE_SERIES2); /* top left */
    assert_int_equal(cell(c, 3 + 11, 1 + 2)->role,
                     ROLE_SERIES1); /* top right */
    assert_int_equal(cell(c, 3 + 11, 1 + 5)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 3 + 4, 1 + 5)->role, ROLE_SERIES1);
    /* a full cell inside, corners outside the circle blank */
    assert_int_equal(cell(c, 3 + 12, 1 + 5)->ch, 0x28ff);
    assert_int_equal(cell(c, 3, 1)->ch, ' ');
    assert_int_equal(cell(c, 3 + 15, 1 + 7)->ch, ' ');
    /* the boundary at 12 o'clock leaves a gap of dots in the top middle */
    assert_true(cell(c, 3 + 7, 1)->ch != 0x28ff ||
                cell(c, 3 + 8, 1)->ch != 0x28ff);
    /* near the centre, dots; a donut has a hole there */
    assert_true(cell(c, 3 + 9, 1 + 3)->ch > 0x2800);
    canvas_free(c);
    fix_opt(f, "donut", NULL, 1);
    c = draw(f, 22, 10, 0);
    assert_int_equal(cell(c, 3 + 9, 1 + 3)->ch, ' ');
    assert_int_equal(cell(c, 3 + 6, 1 + 4)->ch, ' ');
    assert_int_equal(cell(c, 3 + 12, 1 + 5)->ch, 0x28ff); /* the ring */
    canvas_free(c);
    fix_free(f);
}

/* ASCII or no colour, or too few rows for a circle: a bar of
 * proportional segments (largest remainders) over the legend. */
static void test_pie_bar_forms(void **state)
{
    (void)state;
    char rowbuf[512], boxbuf[512];
    Fix *f = gonogo();
    /* 38 columns: 25.3, 8.4, 4.2 -> 25, 9, 4 */
    Canvas *c = draw(f, 40, 10, 1);
    ASSERT_ROW(c, 1, ABOXED("AAAAAAAAAAAAAAAAAAAAAAAAABBBBBBBBBCCCC", 40));
    ASSERT_ROW(c, 2, ABOXED("", 40));
    ASSERT_ROW(c, 3, ABOXED("A GO    66.7%  24", 40));
    ASSERT_ROW(c, 4, ABOXED("B NO_GO 22.2%   8", 40));
    ASSERT_ROW(c, 5, ABOXED("C COND  11.1%   4", 40));
    assert_int_equal(cell(c, 1, 1)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 26, 1)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 1, 4)->role, ROLE_SERIES2);
    canvas_free(c);
    /* UTF-8 with 2 rows: blocks, and the legend packed in one row */
    c = draw(f, 40, 4, 0);
    ASSERT_ROW(c, 1, BOXED(F8 F8 F8 FULL F8 FULL F4, 40));
    ASSERT_ROW(c, 2, BOXED(DOT " GO 66.7% 24  " DOT " NO_GO 22.2% 8  +1", 40));
    assert_int_equal(cell(c, 30, 1)->role, ROLE_SERIES2);
    canvas_free(c);
    /* one row: the bar alone; 10 columns: 6.7, 2.2, 1.1 -> 7, 2, 1 */
    c = draw(f, 12, 3, 0);
    ASSERT_ROW(c, 1, BOXED(F8 FULL FULL, 12));
    assert_int_equal(cell(c, 7, 1)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 8, 1)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 9, 1)->role, ROLE_SERIES2);
    assert_int_equal(cell(c, 10, 1)->role, ROLE_SERIES3);
    canvas_free(c);
    /* UTF-8 without colour: the circle's dots and the legend's discs would
     * all look alike, so the letters of ASCII */
    c = canvas_new(40, 10, 0);
    assert_non_null(c);
    c->mono = 1;
    panel_draw(&f->p, c, (Rect){0, 0, 40, 10}, &f->ctx);
    ASSERT_ROW(c, 1, BOXED("AAAAAAAAAAAAAAAAAAAAAAAAABBBBBBBBBCCCC", 40));
    ASSERT_ROW(c, 3, BOXED("A GO    66.7%  24", 40));
    ASSERT_ROW(c, 5, BOXED("C COND  11.1%   4", 40));
    canvas_free(c);
    fix_free(f);
}

/* Negative, NaN and infinite values have no share; nothing left to share
 * is no data. */
static void test_pie_ignores(void **state)
{
    (void)state;
    Fix *f = fix_new(&pie_class, "Roles", 1);
    f->q[0].legend = "{{r}}";
    fix_start(f);
    inst(f, 0, L("r=admin"), 2);
    inst(f, 0, L("r=bad"), -5);
    inst(f, 0, L("r=nan"), NAN);
    inst(f, 0, L("r=inf"), INFINITY);
    inst(f, 0, L("r=viewer"), 1);
    Canvas *c = draw(f, 40, 10, 0);
    assert_true(find_row(c, "admin  66.7%") > 0);
    assert_true(find_row(c, "viewer 33.3%") > 0);
    assert_int_equal(find_row(c, "bad"), -1);
    assert_int_equal(find_row(c, "nan"), -1);
    assert_int_equal(find_row(c, "inf"), -1);
    canvas_free(c);
    fix_free(f);
    f = fix_new(&pie_class, "Zero", 1);
    fix_start(f);
    inst(f, 0, L("r=a"), 0);
    inst(f, 0, L("r=b"), -1);
    c = draw(f, 40, 10, 0);
    assert_int_equal(find_row(c, "no data"), 4);
    canvas_free(c);
    fix_free(f);
}

/* More than 8 series: the 7 largest and the rest as one slice. */
static void test_pie_other_slice(void **state)
{
    (void)state;
    Fix *f = fix_new(&pie_class, "Cost", 1);
    f->q[0].legend = "{{m}}";
    fix_start(f);
    for (int i = 0; i < 11; i++) {
        char lab[16];
        snprintf(lab, sizeof lab, "m=m%02d", i);
        inst(f, 0, L(lab), i + 1); /* total 66 */
    }
    Canvas *c = draw(f, 60, 12, 0);
    assert_true(find_row(c, "m10") > 0); /* 11: the largest, first */
    assert_true(find_row(c, "m04") > 0); /* 5: the 7th */
    assert_int_equal(find_row(c, "m03"), -1);
    assert_true(find_row(c, "m10") < find_row(c, "m04"));
    /* 1+2+3+4 = 10 of 66 */
    int y = find_row(c, "+4 other 15.2%");
    assert_true(y > 0);
    int x = 0;
    while (x < c->w && cell(c, x, y)->ch != 0x25cf)
        x++;
    assert_true(x < c->w);
    assert_int_equal(cell(c, x, y)->role, ROLE_DIM);
    assert_int_equal(cell(c, x, find_row(c, "m10"))->role, ROLE_SERIES1);
    canvas_free(c);
    fix_free(f);
}

/* ---- histogram ------------------------------------------------------------
 */

static void test_histogram_deaccumulate(void **state)
{
    (void)state;
    char rowbuf[512], boxbuf[512];
    Fix *f = fix_new(&histogram_class, "Iterations", 1);
    fix_start(f);
    /* out of order on purpose; cumulative 2, 5, 5, 9 -> 2, 3, 0, 4 */
    inst(f, 0, L("le=+Inf"), 9);
    inst(f, 0, L("le=1"), 5);
    inst(f, 0, L("le=0.5"), 2);
    inst(f, 0, L("le=2"), 5);
    inst(f, 0, NOLABELS, 100); /* no `le`: not a bucket */
    /* 16x6 inside: counts, 4 plot rows over 0..4, bounds */
    Canvas *c = draw(f, 18, 8, 0);
    ASSERT_ROW(c, 1, BOXED("             4", 18));
    ASSERT_ROW(c, 2, BOXED("     3      " F3, 18));
    ASSERT_ROW(c, 3, BOXED(" 2  " F3 "     " F3, 18));
    ASSERT_ROW(c, 4, BOXED(F3 " " F3 "     " F3, 18));
    ASSERT_ROW(c, 5, BOXED(F3 " " F3 "  0  " F3, 18));
    ASSERT_ROW(c, 6, BOXED("0.5  1   2  +Inf", 18));
    assert_int_equal(cell(c, 1, 5)->role, ROLE_SERIES1);
    assert_int_equal(cell(c, 14, 1)->role, ROLE_VALUE);
    assert_int_equal(cell(c, 1, 6)->role, ROLE_AXIS);
    canvas_free(c);
    /* shares instead of counts: 2/9, 3/9, 0, 4/9 */
    fix_opt(f, "percent", NULL, 1);
    c = draw(f, 42, 8, 0);
    assert_true(find_row(c, "44.4%") == 1);
    assert_true(find_row(c, "33.3%") == 2);
    assert_true(find_row(c, "22.2%") == 3);
    assert_true(find_row(c, "0%") == 5);
    canvas_free(c);
    fix_free(f);
}

/* Histograms alike but for `le` are summed; a cumulative count lower than
 * the one below (extrapolated increase()) adds nothing; the bound is in
 * the panel's unit. */
static void test_histogram_groups_and_clamp(void **state)
{
    (void)state;
    char rowbuf[512], boxbuf[512];
    Fix *f = fix_new(&histogram_class, "Latency", 1);
    f->conf.unit = "s";
    fix_start(f);
    inst(f, 0, L("model=a", "le=0.1"), 3);
    inst(f, 0, L("model=a", "le=+Inf"), 5);
    inst(f, 0, L("model=b", "le=0.1"), 1);
    inst(f, 0, L("model=b", "le=+Inf"), 0.5);
    inst(f, 0, L("model=b", "le=x"), 7); /* not a number: left out */
    /* 0.1: 3 + 1 = 4; +Inf: 2 + 0 = 2 */
    Canvas *c = draw(f, 14, 7, 0);
    /* 12x5 inside: two bars 5 wide, 3 rows over 0..4 */
    ASSERT_ROW(c, 1, BOXED("  4", 14));
    ASSERT_ROW(c, 2, BOXED(F4 F1 "   2", 14));
    ASSERT_ROW(c, 3, BOXED(F4 F1 " " LOW4 LOW4 LOW4 LOW4 LOW4, 14));
    ASSERT_ROW(c, 4, BOXED(F4 F1 " " F4 F1, 14));
    ASSERT_ROW(c, 5, BOXED("100ms +Inf", 14));
    canvas_free(c);
    fix_free(f);
}

/* A cumulative count under one below it counts from the largest below:
 * 10, 8, 12 are buckets of 10, 0 and 2 (not 4). */
static void test_histogram_not_monotone(void **state)
{
    (void)state;
    char rowbuf[512], boxbuf[512];
    Fix *f = fix_new(&histogram_class, "Odd", 1);
    fix_start(f);
    inst(f, 0, L("le=1"), 10);
    inst(f, 0, L("le=2"), 8);
    inst(f, 0, L("le=+Inf"), 12);
    Canvas *c = draw(f, 14, 7, 0);
    ASSERT_ROW(c, 1, BOXED("10", 14));
    ASSERT_ROW(c, 3, BOXED(F3 "      2", 14));
    ASSERT_ROW(c, 4, BOXED(F3 "  0  " LOW5 LOW5 LOW5, 14));
    canvas_free(c);
    fix_free(f);
}

/* Each query is a histogram of its own, even with the same labels. */
static void test_histogram_two_queries(void **state)
{
    (void)state;
    char rowbuf[512], boxbuf[512];
    Fix *f = fix_new(&histogram_class, "Two", 2);
    fix_start(f);
    inst(f, 0, L("le=1"), 2);
    inst(f, 0, L("le=+Inf"), 3);
    inst(f, 1, L("le=1"), 5);
    inst(f, 1, L("le=+Inf"), 5);
    /* 1: 2 + 5; +Inf: 1 + 0, a seventh of 3 rows (3 eighths) */
    Canvas *c = draw(f, 14, 7, 0);
    ASSERT_ROW(c, 1, BOXED("  7", 14));
    ASSERT_ROW(c, 3, BOXED(F4 F1 "   1", 14));
    ASSERT_ROW(c, 4, BOXED(F4 F1 " " LOW3 LOW3 LOW3 LOW3 LOW3, 14));
    ASSERT_ROW(c, 5, BOXED("  1   +Inf", 14));
    canvas_free(c);
    fix_free(f);
}

/* More buckets than columns: neighbours merge into one bar. */
static void test_histogram_merge(void **state)
{
    (void)state;
    char rowbuf[512];
    Fix *f = fix_new(&histogram_class, "Many", 1);
    fix_start(f);
    for (int i = 1; i <= 10; i++) {
        char lab[16];
        snprintf(lab, sizeof lab, "le=%d", i);
        inst(f, 0, L(lab), i); /* one in each bucket */
    }
    inst(f, 0, L("le=+Inf"), 12); /* two in the last */
    Canvas *c = canvas_new(5, 3, 0);
    assert_non_null(c);
    histogram_class.draw(&f->p, c, (Rect){0, 0, 5, 3}, &f->ctx);
    /* 11 buckets in 5 columns: 1-3, 4-5, 6-7, 8-9, 10 and +Inf: 3, 2, 2,
     * 2, 3 (the last 1+2); counts where a blank keeps them apart; only
     * "+Inf" of the bounds fits */
    assert_string_equal(ROW(c, 0), "3 2 3");
    assert_string_equal(ROW(c, 1), F1 LOW5 LOW5 LOW5 F1);
    assert_string_equal(ROW(c, 2), " +Inf");
    canvas_free(c);
    fix_free(f);
}

/* ---- every kind -----------------------------------------------------------
 */

static const PanelClass *const all_kinds[] = {&bar_class, &bargauge_class,
                                              &pie_class, &histogram_class};
#define NKINDS (sizeof all_kinds / sizeof all_kinds[0])

/* The variants of kind k worth drawing: bar over time and categories,
 * stacked or not, each orientation; the rest once or twice. */
static void variant(Fix *f, int k, int v)
{
    if (all_kinds[k] == &bar_class) {
        if (v & 1)
            fix_opt(f, "over", "time", 1);
        fix_opt(f, "stack", NULL, (v >> 1) & 1);
        if (v & 4)
            fix_opt(f, "orientation", "horizontal", 1);
    } else if (all_kinds[k] == &bargauge_class) {
        if (v & 1)
            fix_opt(f, "orientation", "vertical", 1);
        if (v & 2)
            fix_opt(f, "sort", "desc", 2);
    } else if (all_kinds[k] == &pie_class) {
        fix_opt(f, "donut", NULL, v & 1);
        fix_opt(f, "legend", NULL, !(v & 2));
    } else {
        fix_opt(f, "percent", NULL, v & 1);
    }
}

static void test_no_data(void **state)
{
    (void)state;
    for (size_t k = 0; k < NKINDS; k++)
        for (int v = 0; v < 8; v++) {
            Fix *f = fix_new(all_kinds[k], "Empty", 2);
            variant(f, (int)k, v);
            fix_start(f);
            Canvas *c = draw(f, 30, 7, v & 1);
            if (find_row(c, "no data") != 3)
                dump(c);
            assert_int_equal(find_row(c, "no data"), 3);
            canvas_free(c);
            /* straight to the kind: tiny rects */
            Canvas *t = canvas_new(2, 2, 0);
            assert_non_null(t);
            all_kinds[k]->draw(&f->p, t, (Rect){0, 0, 0, 2}, &f->ctx);
            all_kinds[k]->draw(&f->p, t, (Rect){0, 0, 1, 1}, &f->ctx);
            all_kinds[k]->draw(&f->p, t, (Rect){0, 0, 2, 0}, &f->ctx);
            all_kinds[k]->draw(&f->p, t, (Rect){0, 0, 2, 2}, &f->ctx);
            canvas_free(t);
            fix_free(f);
        }
}

/* Fills every query of f with series of awkward values: NaN, +/-Inf,
 * negative, huge, tiny, a single point, points off the step grid. */
static void fill_awkward(Fix *f, int nseries)
{
    static const double vals[] = {NAN, INFINITY, -INFINITY, -5,
                                  0,   1.7e308,  -1e-300,   42};
    for (int q = 0; q < f->conf.nqueries; q++)
        for (int s = 0; s < nseries; s++) {
            char lab[32], le[32];
            snprintf(lab, sizeof lab, "instance=i%d", s % 5);
            snprintf(le, sizeof le, "le=%g", s % 3 == 2 ? INFINITY : s * 0.5);
            const char *const labels[] = {lab, le, NULL};
            double v = vals[(s + q) % 8];
            if (f->p.qs[q].inst.used)
                inst(f, q, labels, v);
            if (f->p.qs[q].range.used) {
                double t[5], w[5];
                int n = s % 4 == 0 ? 1 : 5;
                for (int i = 0; i < n; i++) {
                    t[i] = NOW - 3600 + (i * 997 + s * 13) % 3600;
                    w[i] = i % 2 ? v : vals[(s + i) % 8];
                }
                for (int i = 1; i < n; i++) /* keep time order */
                    for (int j = i; j > 0 && t[j] < t[j - 1]; j--) {
                        double a = t[j];
                        t[j] = t[j - 1];
                        t[j - 1] = a;
                    }
                add_series(&f->p.qs[q].range.res, labels, t, w, n);
            }
        }
}

/* Draws f at many sizes, in UTF-8 and ASCII, through the frame and
 * straight to the kind (on the whole canvas and past its edges); each
 * time the kind must stay inside its rect. */
static void draw_sizes(Fix *f)
{
    static const int sizes[][2] = {
        {1, 1},  {0, 5},  {5, 0},   {2, 2},    {3, 3},  {6, 3},  {7, 4},
        {12, 5}, {20, 8}, {40, 12}, {100, 20}, {9, 30}, {30, 2}, {2, 30}};
    for (int ascii = 0; ascii < 2; ascii++)
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            Canvas *c = canvas_new(sizes[i][0] + 2, sizes[i][1] + 2, ascii);
            assert_non_null(c);
            Rect r = {1, 1, sizes[i][0], sizes[i][1]};
            f->p.cls->draw(&f->p, c, r, &f->ctx);
            /* nothing outside r */
            for (int y = 0; y < c->h; y++)
                for (int x = 0; x < c->w; x++)
                    if (x < r.x || y < r.y || x >= r.x + r.w ||
                        y >= r.y + r.h) {
                        if (cell(c, x, y)->ch != ' ') {
                            print_message("%s %dx%d ascii %d\n", f->p.cls->name,
                                          r.w, r.h, ascii);
                            dump(c);
                        }
                        assert_int_equal(cell(c, x, y)->ch, ' ');
                    }
            panel_draw(&f->p, c, (Rect){0, 0, c->w, c->h}, &f->ctx);
            f->p.cls->draw(&f->p, c, (Rect){1, 1, c->w + 10, c->h + 10},
                           &f->ctx);
            canvas_free(c);
        }
}

static void test_awkward_values(void **state)
{
    (void)state;
    for (size_t k = 0; k < NKINDS; k++)
        for (int v = 0; v < 8; v++) {
            Fix *f = fix_new(all_kinds[k], "Awkward", 2);
            static double steps[] = {-1, 10};
            f->conf.thresholds =
                (Thresholds){.steps = steps, .n = 2, .good_high = 0, .set = 1};
            f->conf.unit = "s";
            variant(f, (int)k, v);
            fix_start(f);
            fill_awkward(f, 9);
            draw_sizes(f);
            /* no range at all: steps from the data */
            f->ctx.range = 0;
            draw_sizes(f);
            f->ctx.range = -5;
            f->ctx.now = 0;
            draw_sizes(f);
            /* a scale of the panel's own, upside down */
            f->conf.min = 10;
            f->conf.max = -10;
            draw_sizes(f);
            fix_free(f);
        }
}

static void test_single_point_and_negative(void **state)
{
    (void)state;
    for (size_t k = 0; k < NKINDS; k++)
        for (int v = 0; v < 8; v++) {
            Fix *f = fix_new(all_kinds[k], "One", 1);
            f->q[0].name = "q";
            variant(f, (int)k, v);
            fix_start(f);
            double x = -3;
            if (f->p.qs[0].inst.used)
                inst(f, 0, L("le=1"), x);
            if (f->p.qs[0].range.used)
                range(f, 0, L("le=1"), NOW, &x, 1);
            draw_sizes(f);
            Canvas *c = draw(f, 40, 7, 0);
            /* the value where the kind writes values */
            if (all_kinds[k] == &bargauge_class ||
                (all_kinds[k] == &bar_class && !(v & 1)))
                assert_true(find_row(c, "-3") > 0);
            if (all_kinds[k] == &pie_class) /* no share */
                assert_int_equal(find_row(c, "no data"), 3);
            if (all_kinds[k] == &histogram_class) /* one bucket, empty */
                assert_true(find_row(c, "0") > 0);
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
            char lab[32], le[32];
            snprintf(lab, sizeof lab, "instance=i%04d", s);
            snprintf(le, sizeof le, "le=%d", s);
            double v[2] = {s, s + 1};
            if (f->p.qs[0].inst.used)
                inst(f, 0, L(lab, le), v[0]);
            if (f->p.qs[0].range.used)
                range(f, 0, L(lab, le), NOW, v, 2);
        }
        Canvas *c = draw(f, 60, 12, 0);
        if (all_kinds[k] == &bar_class) /* 256 kept; 26 shown */
            assert_true(find_row(c, "+1974") == 10);
        if (all_kinds[k] == &bargauge_class)
            assert_true(find_row(c, "+1991 more") == 10);
        if (all_kinds[k] == &pie_class) /* the largest 7, then the rest */
            assert_true(find_row(c, "i1999") > 0 &&
                        find_row(c, "i1999") < find_row(c, "i1993") &&
                        find_row(c, "+1993 other") > find_row(c, "i1993"));
        if (all_kinds[k] == &histogram_class) { /* 2000 buckets, 58 bars */
            char rowbuf[512];
            assert_true(strncmp(ROW(c, 10), VBAR "34 172 ", 9) == 0);
            assert_non_null(strstr(ROW(c, 10), " 2k" VBAR));
        }
        canvas_free(c);
        draw_sizes(f);
        fix_free(f);
    }
    /* over time: the legend counts the series left out */
    Fix *f = fix_new(&bar_class, "Many", 1);
    f->q[0].legend = "{{instance}}";
    fix_opt(f, "over", "time", 1);
    fix_opt(f, "stack", NULL, 1);
    fix_start(f);
    for (int s = 0; s < 200; s++) {
        char lab[32];
        snprintf(lab, sizeof lab, "instance=i%04d", s);
        double v[3] = {1, 2, 3};
        range(f, 0, L(lab), NOW, v, 3);
    }
    Canvas *c = draw(f, 60, 12, 0);
    char rowbuf[512];
    assert_non_null(strstr(ROW(c, 10), "+19"));
    canvas_free(c);
    fix_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_option_tables),
        cmocka_unit_test(test_bar_query_mode),
        cmocka_unit_test(test_bar_categories_heights),
        cmocka_unit_test(test_bar_thresholds),
        cmocka_unit_test(test_bar_grouped),
        cmocka_unit_test(test_bar_stacked),
        cmocka_unit_test(test_bar_horizontal),
        cmocka_unit_test(test_bar_more_categories),
        cmocka_unit_test(test_bar_time_stacked),
        cmocka_unit_test(test_bar_time_grouped),
        cmocka_unit_test(test_bargauge_rows),
        cmocka_unit_test(test_bargauge_sort_and_more),
        cmocka_unit_test(test_bargauge_vertical),
        cmocka_unit_test(test_bargauge_scales),
        cmocka_unit_test(test_pie_legend),
        cmocka_unit_test(test_pie_slices_and_donut),
        cmocka_unit_test(test_pie_bar_forms),
        cmocka_unit_test(test_pie_ignores),
        cmocka_unit_test(test_pie_other_slice),
        cmocka_unit_test(test_histogram_deaccumulate),
        cmocka_unit_test(test_histogram_groups_and_clamp),
        cmocka_unit_test(test_histogram_not_monotone),
        cmocka_unit_test(test_histogram_two_queries),
        cmocka_unit_test(test_histogram_merge),
        cmocka_unit_test(test_no_data),
        cmocka_unit_test(test_awkward_values),
        cmocka_unit_test(test_single_point_and_negative),
        cmocka_unit_test(test_many_series),
    };
    return cmocka_run_group_tests(tests, setup_locale, NULL);
}
