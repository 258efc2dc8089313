/* test_lineedit.c - unit tests of tui/lineedit.c (the prompt's one-line
 * editor) and of the pure parts of tui/complete.c: what is being typed at
 * the cursor, the common prefix and the text a completion inserts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curses.h>

#include "tui/complete.h"
#include "tui/lineedit.h"

#define CTRL(c) ((c)&0x1f)

static void type(LineEdit *le, const char *s)
{
    for (const unsigned char *c = (const unsigned char *)s; *c; c++)
        assert_int_equal(lineedit_key(le, *c), LE_EDITING);
}

static void test_edit_keys(void **state)
{
    (void)state;
    LineEdit le = {0};
    assert_string_equal(lineedit_text(&le), "");
    assert_int_equal(lineedit_start(&le, NULL), 0);
    type(&le, "rate(up[5m])");
    assert_string_equal(lineedit_text(&le), "rate(up[5m])");
    assert_int_equal(lineedit_cursor(&le), 12);
    lineedit_key(&le, KEY_HOME);
    assert_int_equal(lineedit_cursor(&le), 0);
    type(&le, "sum(");
    lineedit_key(&le, KEY_END);
    type(&le, ")");
    assert_string_equal(lineedit_text(&le), "sum(rate(up[5m]))");
    for (int i = 0; i < 6; i++)
        lineedit_key(&le, KEY_LEFT);
    lineedit_key(&le, KEY_BACKSPACE); /* the 'p' of up */
    assert_string_equal(lineedit_text(&le), "sum(rate(u[5m]))");
    lineedit_key(&le, KEY_DC); /* the '[' */
    assert_string_equal(lineedit_text(&le), "sum(rate(u5m]))");
    lineedit_key(&le, CTRL('u'));
    assert_string_equal(lineedit_text(&le), "5m]))");
    assert_int_equal(lineedit_cursor(&le), 0);
    lineedit_key(&le, KEY_LEFT); /* at the start: stays */
    lineedit_key(&le, KEY_BACKSPACE);
    assert_string_equal(lineedit_text(&le), "5m]))");
    lineedit_key(&le, CTRL('e'));
    lineedit_key(&le, KEY_RIGHT); /* at the end: stays */
    lineedit_key(&le, KEY_DC);
    assert_int_equal(lineedit_cursor(&le), 5);
    type(&le, " / sum  ");
    lineedit_key(&le, CTRL('w')); /* the blanks and the word before them */
    assert_string_equal(lineedit_text(&le), "5m])) / ");
    lineedit_key(&le, CTRL('a'));
    lineedit_key(&le, CTRL('k'));
    assert_string_equal(lineedit_text(&le), "");
    assert_int_equal(lineedit_key(&le, '\t'), LE_IGNORED);
    assert_int_equal(lineedit_key(&le, KEY_F(1)), LE_IGNORED);
    assert_int_equal(lineedit_key(&le, '\n'), LE_DONE);
    assert_int_equal(lineedit_key(&le, KEY_ENTER), LE_DONE);
    assert_int_equal(lineedit_key(&le, 27), LE_CANCEL);
    lineedit_free(&le);
}

static void test_utf8(void **state)
{
    (void)state;
    LineEdit le = {0};
    lineedit_start(&le, "a");
    type(&le, "\xc3\xa9"); /* é, fed byte by byte as ncurses does */
    type(&le, "b");
    assert_string_equal(lineedit_text(&le), "a\xc3\xa9"
                                            "b");
    lineedit_key(&le, KEY_LEFT);
    lineedit_key(&le, KEY_LEFT); /* over the whole é */
    assert_int_equal(lineedit_cursor(&le), 1);
    lineedit_key(&le, KEY_DC);
    assert_string_equal(lineedit_text(&le), "ab");
    lineedit_key(&le, KEY_END);
    type(&le, "\xe2\x82\xac"); /* € */
    lineedit_key(&le, KEY_BACKSPACE);
    assert_string_equal(lineedit_text(&le), "ab");
    lineedit_free(&le);
}

static void test_history_and_replace(void **state)
{
    (void)state;
    LineEdit le = {0};
    lineedit_history_add(&le, "up");
    lineedit_history_add(&le, "rate(x[1m])");
    lineedit_history_add(&le, "rate(x[1m])"); /* same as the newest: once */
    lineedit_history_add(&le, "");
    assert_int_equal(le.nhist, 2);
    lineedit_start(&le, "");
    type(&le, "dra");
    lineedit_key(&le, KEY_UP);
    assert_string_equal(lineedit_text(&le), "rate(x[1m])");
    lineedit_key(&le, KEY_UP);
    assert_string_equal(lineedit_text(&le), "up");
    lineedit_key(&le, KEY_UP); /* the oldest: stays */
    assert_string_equal(lineedit_text(&le), "up");
    lineedit_key(&le, KEY_DOWN);
    lineedit_key(&le, KEY_DOWN); /* back to the line being typed */
    assert_string_equal(lineedit_text(&le), "dra");
    lineedit_key(&le, KEY_DOWN);
    assert_string_equal(lineedit_text(&le), "dra");

    assert_int_equal(lineedit_replace(&le, 1, "rop_x"), 0);
    assert_string_equal(lineedit_text(&le), "drop_x");
    assert_int_equal(lineedit_cursor(&le), 6);
    assert_int_equal(lineedit_replace(&le, 7, "x"), -1); /* past the cursor */
    for (int i = 0; i < LINEEDIT_HISTORY + 5; i++) {
        char h[16];
        snprintf(h, sizeof h, "q%d", i);
        lineedit_history_add(&le, h);
    }
    assert_int_equal(le.nhist, LINEEDIT_HISTORY);
    assert_string_equal(le.hist[LINEEDIT_HISTORY - 1], "q68");
    /* the length cap: keys past it are dropped */
    lineedit_start(&le, "");
    for (int i = 0; i < LINEEDIT_MAX + 10; i++)
        lineedit_key(&le, 'x');
    assert_int_equal(strlen(lineedit_text(&le)), LINEEDIT_MAX);
    lineedit_free(&le);
}

/* complete_context at the end of `text`. */
static CompleteKind ctx_of(const char *text, CompleteCtx *c)
{
    return complete_context(text, strlen(text), c);
}

static void test_context(void **state)
{
    (void)state;
    CompleteCtx c;
    assert_int_equal(ctx_of("", &c), CK_METRIC);
    assert_int_equal(c.start, 0);
    assert_int_equal(ctx_of("http_requests_t", &c), CK_METRIC);
    assert_int_equal(c.start, 0);
    assert_int_equal(ctx_of("sum(rate(node:cpu", &c), CK_METRIC);
    assert_int_equal(c.start, 9);

    assert_int_equal(ctx_of("http_requests_total{", &c), CK_LABEL);
    assert_string_equal(c.metric, "http_requests_total");
    assert_int_equal(c.start, 20);
    assert_int_equal(c.braces, 1);
    assert_int_equal(ctx_of("rate(up {job=\"a\", ins", &c), CK_LABEL);
    assert_string_equal(c.metric, "up");
    assert_int_equal(c.start, 18);
    assert_int_equal(ctx_of("{co", &c), CK_LABEL);
    assert_string_equal(c.metric, "");

    assert_int_equal(ctx_of("http_requests_total{code=\"5", &c), CK_VALUE);
    assert_string_equal(c.label, "code");
    assert_string_equal(c.metric, "http_requests_total");
    assert_int_equal(c.start, 26);
    assert_int_equal(c.quote, '"');
    assert_int_equal(ctx_of("up{job=~'api", &c), CK_VALUE);
    assert_string_equal(c.label, "job");
    assert_int_equal(c.quote, '\'');
    /* an escaped quote does not end the string */
    assert_int_equal(ctx_of("up{job=\"a\\\"b", &c), CK_VALUE);
    assert_int_equal(c.start, 8);

    /* label lists of by/without/on */
    assert_int_equal(ctx_of("sum by (co", &c), CK_LABEL);
    assert_int_equal(c.braces, 0);
    assert_int_equal(c.start, 8);
    assert_string_equal(c.metric, "");
    assert_int_equal(ctx_of("sum without(code, ", &c), CK_LABEL);
    /* the label list's metric: the first one anywhere in the expression */
    const char *e = "sum by (co) (rate(http_requests_total{code=\"5\"}[5m]))";
    assert_int_equal(complete_context(e, 10, &c), CK_LABEL);
    assert_string_equal(c.metric, "http_requests_total");
    e = "sum by (co) (rate(x:y_total[5m]) offset 5m) / on(job) group_left up";
    assert_int_equal(complete_context(e, 10, &c), CK_LABEL);
    assert_string_equal(c.metric, "x:y_total");
    e = "max without (le, ";
    assert_int_equal(complete_context(e, strlen(e), &c), CK_LABEL);
    assert_string_equal(c.metric, "");
    assert_int_equal(ctx_of("sum by (code) (rat", &c), CK_METRIC);
    assert_int_equal(c.start, 15);

    /* closed selector: back to metrics */
    assert_int_equal(ctx_of("up{job=\"a\"} / dow", &c), CK_METRIC);
    assert_int_equal(c.start, 14);

    /* nothing to complete: a duration, a number, after an operator, a
     * string outside a selector */
    assert_int_equal(ctx_of("rate(up[5", &c), CK_NONE);
    assert_int_equal(ctx_of("up > 10", &c), CK_NONE);
    assert_int_equal(ctx_of("up{job=", &c), CK_NONE);
    assert_int_equal(ctx_of("label_replace(up, \"x", &c), CK_NONE);

    /* the cursor in the middle: only what is before it counts */
    assert_int_equal(complete_context("up{job=\"a\"}", 3, &c), CK_LABEL);
    assert_int_equal(complete_context("up{job=\"a\"}", 100, &c), CK_METRIC);
}

static void test_common_and_insert(void **state)
{
    (void)state;
    const char *a[] = {"http_requests_total", "http_request_duration_seconds"};
    assert_int_equal(complete_common(a, 2), strlen("http_request"));
    assert_int_equal(complete_common(a, 1), strlen(a[0]));
    assert_int_equal(complete_common(a, 0), 0);
    const char *u[] = {"caf\xc3\xa9", "caf\xc3\xa8"}; /* é, è share a byte */
    assert_int_equal(complete_common(u, 2), 3);

    CompleteCtx c;
    char buf[64];
    ctx_of("up{job=\"", &c);
    assert_string_equal(complete_insert_text(&c, "a\"b\\c", 1, buf, sizeof buf),
                        "a\\\"b\\\\c\"");
    assert_string_equal(complete_insert_text(&c, "ab", 0, buf, sizeof buf),
                        "ab");
    assert_null(complete_insert_text(&c, "abcdef", 1, buf, 6));
    ctx_of("up{job='", &c);
    assert_string_equal(complete_insert_text(&c, "it's", 1, buf, sizeof buf),
                        "it\\'s'");
    ctx_of("rate(htt", &c);
    assert_string_equal(complete_insert_text(&c, "http_x", 1, buf, sizeof buf),
                        "http_x");
}

static void test_filter(void **state)
{
    (void)state;
    char *items[] = {"http_requests_total", "rate_limit_total", "up"};
    CompleteList l = {CL_READY, items, 3, NULL};
    const char **v;
    int n = complete_filter(&l, CK_METRIC, "ra", 2, &v);
    /* the metric and the functions rate, ... (sorted, unique) */
    assert_true(n >= 2);
    assert_string_equal(v[0], "rad");
    int seen_rate = 0, seen_metric = 0;
    for (int i = 0; i < n; i++) {
        seen_rate |= !strcmp(v[i], "rate");
        seen_metric |= !strcmp(v[i], "rate_limit_total");
        if (i > 0)
            assert_true(strcmp(v[i - 1], v[i]) < 0);
    }
    assert_true(seen_rate && seen_metric);
    free(v);
    n = complete_filter(&l, CK_LABEL, "u", 1, &v);
    assert_int_equal(n, 1);
    assert_string_equal(v[0], "up");
    free(v);
    assert_int_equal(complete_filter(&l, CK_LABEL, "zz", 2, &v), 0);
    assert_null(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edit_keys),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_history_and_replace),
        cmocka_unit_test(test_context),
        cmocka_unit_test(test_common_and_insert),
        cmocka_unit_test(test_filter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
