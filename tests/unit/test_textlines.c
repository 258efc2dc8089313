/* test_textlines.c - unit tests of tui/textlines.c and of what the inspect
 * view and the ':' prompt build on it: PromQL laid out as written (its
 * lines, its indentation, wrapped between tokens and never inside one
 * unless it alone is wider than the row), prose wrapped between words,
 * exact text at characters; the link to a query in the Prometheus UI; the
 * ':' commands' names and arguments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui/commands.h"
#include "tui/inspect.h"
#include "tui/textlines.h"

/* Draws l into a w-column canvas and returns its rows, trailing blanks
 * cut, one per line (malloc'd); *n gets how many. */
static char **draw(const TextLines *l, int w, int *n)
{
    int rows = textlines_rows(l, w);
    Canvas *c = canvas_new(w, rows > 0 ? rows : 1, 0);
    assert_non_null(c);
    int top = 0;
    assert_int_equal(textlines_draw(l, c, (Rect){0, 0, w, rows}, &top), rows);
    char **out = calloc((size_t)rows + 1, sizeof *out);
    for (int y = 0; y < rows; y++) {
        char buf[1024];
        canvas_row_text(c, y, buf, sizeof buf);
        size_t k = strlen(buf);
        while (k > 0 && buf[k - 1] == ' ')
            buf[--k] = 0;
        out[y] = strdup(buf);
    }
    canvas_free(c);
    *n = rows;
    return out;
}

static void free_rows(char **r, int n)
{
    for (int i = 0; i < n; i++)
        free(r[i]);
    free(r);
}

static int word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == ':' || c == '.';
}

static const char expr[] = "label_replace(\n"
                           "  sum by (handler) (\n"
                           "    rate(http_requests_total{code=~\"5..\", "
                           "handler!~\"/api/health|/api/search\"}[5m])\n"
                           "  ),\n"
                           "  \"route\", \"$1\", \"handler\", \"/api/(.*)\"\n"
                           ")";

static void test_code_as_written(void **state)
{
    (void)state;
    TextLines l = {0};
    textlines_code(&l);
    textlines_add(&l, 2, ROLE_VALUE, 0, "%s", expr);
    int n;
    char **r = draw(&l, 200, &n); /* room for every line */
    assert_int_equal(n, 6);
    assert_string_equal(r[0], "  label_replace(");
    assert_string_equal(r[1], "    sum by (handler) (");
    assert_string_equal(r[4],
                        "    \"route\", \"$1\", \"handler\", \"/api/(.*)\"");
    assert_string_equal(r[5], "  )");
    free_rows(r, n);
    textlines_free(&l);
}

static void test_code_wraps_between_tokens(void **state)
{
    (void)state;
    for (int w = 20; w <= 70; w += 5) {
        TextLines l = {0};
        textlines_code(&l);
        textlines_add(&l, 2, ROLE_VALUE, 0, "%s", expr);
        int n;
        char **r = draw(&l, w, &n);
        /* nothing lost: the rows hold every character, blanks aside */
        char joined[2048] = "", want[2048] = "";
        size_t k = 0;
        for (int i = 0; i < n; i++)
            for (const char *c = r[i]; *c; c++)
                if (*c != ' ')
                    joined[k++] = *c;
        joined[k] = 0;
        k = 0;
        for (const char *c = expr; *c; c++)
            if (*c != ' ' && *c != '\n')
                want[k++] = *c;
        want[k] = 0;
        assert_string_equal(joined, want);
        for (int i = 0; i + 1 < n; i++) {
            size_t a = strlen(r[i]);
            const char *b = r[i + 1] + strspn(r[i + 1], " ");
            /* a row that goes on is further in, and the cut is not in a
             * name or number: every row of the expression's own lines
             * starts at its indentation (2 + 0, 2 or 4 columns) */
            int cont = strspn(r[i + 1], " ") > 6;
            if (cont && w >= 40)
                assert_false(a > 0 && word(r[i][a - 1]) && word(*b));
            assert_false(strchr(r[i], '?'));
            assert_true((int)strlen(r[i]) <= w);
        }
        free_rows(r, n);
        textlines_free(&l);
    }
}

static void test_code_no_cut_in_strings(void **state)
{
    (void)state;
    TextLines l = {0};
    textlines_code(&l);
    textlines_add(&l, 0, ROLE_VALUE, 0, "%s",
                  "up{job=\"a b c\", instance=\"x\"} == 0");
    int n;
    char **r = draw(&l, 24, &n);
    /* the quoted "a b c" stays on one row though it holds blanks */
    int whole = 0;
    for (int i = 0; i < n; i++)
        whole |= strstr(r[i], "\"a b c\"") != NULL;
    assert_true(whole);
    free_rows(r, n);
    textlines_free(&l);
}

static void test_prose_and_exact(void **state)
{
    (void)state;
    TextLines l = {0};
    textlines_add(&l, 0, ROLE_DEFAULT, 0, "%s", "one two three four five");
    textlines_exact(&l);
    textlines_add(&l, 0, ROLE_DEFAULT, 0, "%s", "abcdefghij");
    int n;
    char **r = draw(&l, 9, &n);
    assert_int_equal(n, 5);
    assert_string_equal(r[0], "one two");
    assert_string_equal(r[1], "three");
    assert_string_equal(r[2], "four five");
    assert_string_equal(r[3], "abcdefghi");
    assert_string_equal(r[4], "j");
    assert_int_equal(textlines_row_of(&l, 1, 9), 3);
    free_rows(r, n);
    textlines_free(&l);
}

static void test_link(void **state)
{
    (void)state;
    char buf[1024];
    PromQuery q = {.type = PQ_RANGE,
                   .expr = "sum(rate(x{a=\"b c\"}[5m])) / 2",
                   .start = 1772331000,
                   .end = 1772334600,
                   .step = 30};
    assert_non_null(inspect_link(&q, "http://h:9090/prom/", buf, sizeof buf));
    assert_string_equal(
        buf, "http://h:9090/prom/graph?g0.expr=sum%28rate%28x%7Ba%3D%22b%20c"
             "%22%7D%5B5m%5D%29%29%20%2F%202&g0.tab=0&g0.stacked=0"
             "&g0.range_input=1h&g0.end_input=2026-03-01%2003%3A10%3A00"
             "&g0.step_input=30");
    PromQuery in = {.type = PQ_INSTANT, .expr = "up", .time = 1772334600};
    assert_non_null(inspect_link(&in, "http://h:9090", buf, sizeof buf));
    assert_string_equal(buf, "http://h:9090/graph?g0.expr=up&g0.tab=1"
                             "&g0.moment_input=2026-03-01%2003%3A10%3A00");
    /* a range of 90 s in seconds, a day in days */
    q.start = q.end - 90;
    inspect_link(&q, "http://h", buf, sizeof buf);
    assert_non_null(strstr(buf, "range_input=90s&"));
    q.start = q.end - 2 * 86400;
    inspect_link(&q, "http://h", buf, sizeof buf);
    assert_non_null(strstr(buf, "range_input=2d&"));
    /* too small a buffer: NULL, never a cut link */
    assert_null(inspect_link(&q, "http://h", buf, 40));
}

static void test_command_names(void **state)
{
    (void)state;
    const char **v = malloc(sizeof *v * 2);
    v[0] = "rate";
    v[1] = "range_thing";
    int n = commands_names("ra", 2, &v, 2);
    assert_int_equal(n, 3);
    assert_string_equal(v[0], "range");
    assert_string_equal(v[1], "range_thing");
    assert_string_equal(v[2], "rate");
    free(v);
    v = NULL;
    n = commands_names("q", 1, &v, 0);
    assert_int_equal(n, 2);
    assert_string_equal(v[0], "q");
    assert_string_equal(v[1], "quit");
    free(v);
}

static void test_command_args(void **state)
{
    (void)state;
    /* an App of two dashboards, as far as the arguments need */
    Dashboard d1 = {.name = "system"}, d2 = {.name = "security"};
    DashState ds[2] = {{.d = &d1}, {.d = &d2}};
    App a = {.dash = ds, .ndash = 2};
    const char **v;
    size_t start;
    assert_int_equal(commands_args(&a, "dash s", 6, &start, &v), 2);
    assert_int_equal(start, 5);
    assert_string_equal(v[0], "system");
    assert_string_equal(v[1], "security");
    free(v);
    assert_int_equal(commands_args(&a, "dash sy", 7, &start, &v), 1);
    free(v);
    assert_int_equal(commands_args(&a, "range 1", 7, &start, &v), 3);
    assert_string_equal(v[0], "15m"); /* shortest first */
    free(v);
    assert_int_equal(commands_args(&a, "at n", 4, &start, &v), 1);
    assert_string_equal(v[0], "now");
    free(v);
    /* the first word, PromQL, a command without arguments: not here */
    assert_int_equal(commands_args(&a, "da", 2, &start, &v), -1);
    assert_int_equal(commands_args(&a, "rate(x", 6, &start, &v), -1);
    assert_int_equal(commands_args(&a, "help me", 7, &start, &v), -1);
    assert_int_equal(commands_args(&a, "dash x", 6, &start, &v), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_code_as_written),
        cmocka_unit_test(test_code_wraps_between_tokens),
        cmocka_unit_test(test_code_no_cut_in_strings),
        cmocka_unit_test(test_prose_and_exact),
        cmocka_unit_test(test_link),
        cmocka_unit_test(test_command_names),
        cmocka_unit_test(test_command_args),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
