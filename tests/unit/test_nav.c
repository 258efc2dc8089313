/* test_nav.c - unit tests of the one-line prompt editor (tui/prompt.c), the
 * series filter every panel kind goes through (panels/filter.c), the exact
 * number text of the inspect view (tui/inspect.c) and the infos Prometheus
 * 3 sends beside warnings (datasource/promjson.c). */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "datasource/promjson.h"
#include "panel_fixture.h"
#include "tui/inspect.h"
#include "tui/output.h"
#include "tui/prompt.h"

extern const PanelClass table_class;

static void feed(Prompt *p, const char *s)
{
    for (; *s; s++)
        assert_int_equal(prompt_feed(p, (unsigned char)*s), PROMPT_EDITING);
}

static void test_prompt_edit(void **state)
{
    (void)state;
    Prompt p = {0};
    prompt_open(&p, "/", "web");
    assert_true(p.open);
    assert_string_equal(prompt_text(&p), "web");
    feed(&p, "-1");
    assert_string_equal(prompt_text(&p), "web-1");
    prompt_feed(&p, KEY_LEFT);
    prompt_feed(&p, KEY_LEFT);
    feed(&p, "X");
    assert_string_equal(prompt_text(&p), "webX-1");
    prompt_feed(&p, KEY_BACKSPACE);
    prompt_feed(&p, KEY_DC);
    assert_string_equal(prompt_text(&p), "web1");
    prompt_feed(&p, KEY_HOME);
    prompt_feed(&p, KEY_DC);
    assert_string_equal(prompt_text(&p), "eb1");
    prompt_feed(&p, KEY_END);
    feed(&p, " two words");
    prompt_feed(&p, 'W' & 0x1f); /* Ctrl-W: the word before the cursor */
    assert_string_equal(prompt_text(&p), "eb1 two ");
    prompt_feed(&p, 'U' & 0x1f); /* Ctrl-U: all before the cursor */
    assert_string_equal(prompt_text(&p), "");
    prompt_feed(&p, 127);      /* Backspace on nothing */
    prompt_feed(&p, KEY_F(5)); /* function keys are not text */
    assert_string_equal(prompt_text(&p), "");
    feed(&p, "ok");
    assert_int_equal(prompt_feed(&p, '\r'), PROMPT_DONE);
    assert_false(p.open);
    assert_string_equal(prompt_text(&p), "ok");
    /* a closed prompt takes nothing */
    assert_int_equal(prompt_feed(&p, 'x'), PROMPT_CANCEL);
    assert_string_equal(prompt_text(&p), "ok");
    prompt_open(&p, "/", NULL);
    feed(&p, "abc");
    assert_int_equal(prompt_feed(&p, 27), PROMPT_CANCEL);
    assert_false(p.open);
    prompt_free(&p);
}

static void test_prompt_utf8_and_limit(void **state)
{
    (void)state;
    Prompt p = {0};
    prompt_open(&p, "/", NULL);
    feed(&p, "a\xc3\xa9");     /* a, e-acute */
    prompt_feed(&p, KEY_LEFT); /* over the whole two-byte character */
    feed(&p, "b");
    assert_string_equal(prompt_text(&p), "ab\xc3\xa9");
    prompt_feed(&p, KEY_END);
    prompt_feed(&p, KEY_BACKSPACE); /* removes both bytes */
    assert_string_equal(prompt_text(&p), "ab");
    /* an initial text cut inside a character is cut before it */
    char big[PROMPT_MAX + 8];
    memset(big, 'x', sizeof big);
    big[PROMPT_MAX - 2] = '\xc3';
    big[PROMPT_MAX - 1] = '\xa9';
    big[sizeof big - 1] = 0;
    prompt_open(&p, "/", big);
    assert_int_equal((int)strlen(prompt_text(&p)), PROMPT_MAX - 2);
    for (int i = 0; i < 10; i++)
        prompt_feed(&p, 'y'); /* full: ignored beyond the room left */
    assert_true(strlen(prompt_text(&p)) <= PROMPT_MAX - 1);
    /* drawing scrolls to keep the cursor on the row */
    Canvas *c = canvas_new(20, 2, 0);
    assert_non_null(c);
    prompt_draw(&p, c, 1);
    char buf[256];
    canvas_row_text(c, 1, buf, sizeof buf);
    assert_string_equal(buf, "/xxxxxxxxxxxxxxxxy"); /* then the cursor */
    canvas_free(c);
    prompt_free(&p);
}

/* A table of services, filtered. */
static Fix *services(void)
{
    Fix *f = fix_new(&table_class, "SLO", 1);
    static char *by[] = {(char *)"service"};
    fix_strs(f, "by", by, 1);
    fix_start(f);
    inst(f, 0, L("service=web-frontend", "zone=eu"), 1);
    inst(f, 0, L("service=api", "zone=us"), 2);
    inst(f, 0, L("service=Web-backend", "zone=us"), 3);
    return f;
}

static void test_filter_view(void **state)
{
    (void)state;
    Fix *f = services();
    Panel view;
    int total, shown;
    assert_int_equal(panel_filter_view(&f->p, &view, &total, &shown), 0);
    assert_int_equal(panel_set_filter(&f->p, "WEB"), 0); /* any case */
    assert_int_equal(panel_filter_view(&f->p, &view, &total, &shown), 1);
    assert_int_equal(total, 3);
    assert_int_equal(shown, 2);
    const Result *r = panel_result(&view, 0);
    assert_non_null(r);
    assert_int_equal(r->nseries, 2);
    assert_string_equal(series_label(&r->series[1], "service"), "Web-backend");
    panel_filter_view_free(&view);
    /* the panel's own answer is untouched */
    assert_int_equal(panel_result(&f->p, 0)->nseries, 3);
    /* a regular expression, over the labels written out too */
    panel_set_filter(&f->p, "^api$|zone=\"eu\"");
    assert_int_equal(panel_filter_view(&f->p, &view, &total, &shown), 1);
    assert_int_equal(shown, 2);
    panel_filter_view_free(&view);
    /* not a regular expression: a plain substring */
    panel_set_filter(&f->p, "web-(");
    assert_int_equal(panel_filter_view(&f->p, &view, &total, &shown), 1);
    assert_int_equal(shown, 0);
    panel_filter_view_free(&view);
    assert_false(
        panel_series_matches(&f->p, 0, &f->p.qs[0].inst.res.series[0]));
    panel_set_filter(&f->p, "");
    assert_null(f->p.filter);
    fix_free(f);
}

static void test_filter_drawn(void **state)
{
    (void)state;
    Fix *f = services();
    panel_set_filter(&f->p, "backend");
    Canvas *c = draw(f, 40, 8, 0);
    assert_true(find_row(c, "SLO  /backend/") == 0);
    assert_true(find_row(c, "Web-backend") > 0);
    assert_true(find_row(c, "web-frontend") < 0);
    assert_true(find_row(c, "api") < 0);
    canvas_free(c);
    panel_set_filter(&f->p, "nothing");
    c = draw(f, 40, 8, 0);
    assert_true(find_row(c, "no series match /nothing/") > 0);
    canvas_free(c);
    fix_free(f);
}

static void test_exact(void **state)
{
    (void)state;
    char buf[40];
    assert_string_equal(output_number(0.1, buf, sizeof buf), "0.1");
    assert_string_equal(output_number(97.3972086005281, buf, sizeof buf),
                        "97.3972086005281");
    assert_string_equal(output_number(1.0 / 3, buf, sizeof buf),
                        "0.3333333333333333");
    assert_true(strtod(output_number(6.1874999999999885, buf, sizeof buf),
                       NULL) == 6.1874999999999885);
    assert_string_equal(output_number(NAN, buf, sizeof buf), "NaN");
    assert_string_equal(output_number(-INFINITY, buf, sizeof buf), "-Inf");
    assert_string_equal(output_number(1772334600, buf, sizeof buf),
                        "1772334600");
    assert_string_equal(output_number(-42, buf, sizeof buf), "-42");
    assert_string_equal(output_number(-0.0, buf, sizeof buf), "-0");
    assert_string_equal(output_number(1e15, buf, sizeof buf), "1e+15");
    assert_string_equal(output_number(1.5e-7, buf, sizeof buf), "1.5e-07");
    assert_string_equal(output_number(1e300, buf, sizeof buf), "1e+300");
    assert_string_equal(output_number(0.00012, buf, sizeof buf), "0.00012");
    assert_string_equal(output_number(1772334600.125, buf, sizeof buf),
                        "1772334600.125");
    /* the text of the first of %.15g, %.16g, %.17g that reads back the
     * same double, whatever the double (ties in rounding included) */
    unsigned long long x = 88172645463325252ULL;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double v;
        if (i % 2) {
            memcpy(&v, &x, sizeof v);
            if (!isfinite(v))
                continue;
        } else {
            v = (double)(x % 1000000) / (double)(1 + x % 9973);
        }
        char want[40];
        for (int d = 15; d <= 17; d++) {
            snprintf(want, sizeof want, "%.*g", d, v);
            if (strtod(want, NULL) == v)
                break;
        }
        if (v == floor(v) && fabs(v) < 1e15)
            snprintf(want, sizeof want, "%.0f", v);
        assert_string_equal(output_number(v, buf, sizeof buf), want);
    }
}

static void test_infos(void **state)
{
    (void)state;
    const char body[] =
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
        "\"result\":"
        "[]},\"warnings\":[\"w1\"],\"infos\":[\"PromQL info: metric might "
        "not be a counter\\n\",2]}";
    Result r = {0};
    promjson_parse(body, sizeof body - 1, 200, &r);
    assert_null(r.error);
    assert_int_equal(r.nwarnings, 1);
    assert_int_equal(r.ninfos, 1);
    assert_string_equal(r.infos[0],
                        "PromQL info: metric might not be a counter ");
    result_free(&r);
    assert_int_equal(r.ninfos, 0);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prompt_edit),
        cmocka_unit_test(test_prompt_utf8_and_limit),
        cmocka_unit_test(test_filter_view),
        cmocka_unit_test(test_filter_drawn),
        cmocka_unit_test(test_exact),
        cmocka_unit_test(test_infos),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
