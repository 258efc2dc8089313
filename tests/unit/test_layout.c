/* test_layout.c - unit tests of the layout loader (layouts/load.c) and of the
 * panel geometry (layouts/place.c): the fixture files under
 * FIXTURES_DIR/layouts (one good file using every key, one bad file per
 * mistake with its exact position), inline YAML for every check, kind
 * options driven by the real panel_kinds[] tables, input limits, a small
 * fuzz, and the placement invariants at common and degenerate sizes. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../datasource/query.h"
#include "../../layouts/layout.h"

#ifndef FIXTURES_DIR
#define FIXTURES_DIR "tests/fixtures"
#endif

/* ---- helpers ------------------------------------------------------------ */

static Dashboard *load_str(const char *text, LayoutError *err)
{
    return layout_load_text("t.yaml", NULL, text, strlen(text), err);
}

static Dashboard *load_fixture(const char *name, LayoutError *err)
{
    char path[512];
    snprintf(path, sizeof path, "%s/layouts/%s", FIXTURES_DIR, name);
    return layout_load_file(path, err);
}

static const PanelConf *find_panel(const Dashboard *d, const char *title)
{
    for (int i = 0; i < d->nrows; i++)
        for (int j = 0; j < d->rows[i].npanels; j++)
            if (!strcmp(d->rows[i].panels[j].title, title))
                return &d->rows[i].panels[j];
    return NULL;
}

static const OptValue *opt_of(const PanelConf *p, const char *name)
{
    int i = panel_opt_index(p->cls, name);
    return i < 0 ? NULL : &p->opts[i];
}

/* Asserts that loading fails at line:col with `sub` in the message. */
static void expect_error(Dashboard *d, const LayoutError *err, int line,
                         int col, const char *sub, const char *what)
{
    char buf[1024];
    if (d) {
        layout_free(d);
        fail_msg("%s: loaded, expected an error '%s'", what, sub);
    }
    conf_error_format(err, buf, sizeof buf);
    if (err->line != line || err->col != col || !strstr(err->msg, sub))
        fail_msg("%s: got '%s', expected %d:%d '%s'", what, buf, line, col,
                 sub);
}

static void expect_bad_fixture(const char *name, int line, int col,
                               const char *sub)
{
    LayoutError err;
    Dashboard *d = load_fixture(name, &err);
    expect_error(d, &err, line, col, sub, name);
    assert_non_null(strstr(err.file, name));
}

static void expect_bad_text(const char *text, int line, int col,
                            const char *sub)
{
    LayoutError err;
    Dashboard *d = load_str(text, &err);
    expect_error(d, &err, line, col, sub, text);
}

static Dashboard *expect_ok(const char *text)
{
    LayoutError err;
    char buf[1024];
    Dashboard *d = load_str(text, &err);
    if (!d)
        fail_msg("unexpected error: %s\nin:\n%s",
                 conf_error_format(&err, buf, sizeof buf), text);
    return d;
}

/* A one-panel layout: `kind`, a query unless the kind wants none, and the
 * panel keys in `extra` (each line indented by 8 spaces). The panel's own
 * keys start on line 5. */
static char *one_panel(const char *kind, const char *extra)
{
    const PanelClass *cls = panel_kind_find(kind);
    size_t n = strlen(extra) + 256;
    char *s = malloc(n);
    assert_non_null(s);
    snprintf(s, n,
             "title: T\n"
             "rows:\n"
             "  - panels:\n"
             "      - title: P\n"
             "%s"
             "        kind: %s\n"
             "%s",
             extra, kind,
             cls && cls->query_mode == 0 ? "" : "        query: up\n");
    return s;
}

/* ---- the good fixture --------------------------------------------------- */

static void test_good_fixture(void **state)
{
    (void)state;
    LayoutError err;
    char buf[1024];
    Dashboard *d = load_fixture("good.yaml", &err);
    if (!d)
        fail_msg("%s", conf_error_format(&err, buf, sizeof buf));

    assert_string_equal(d->title, "Everything");
    assert_string_equal(d->name, "every");
    assert_non_null(strstr(d->file, "good.yaml"));
    assert_true(d->refresh == 10);
    assert_true(d->range == 7200);
    assert_true(d->scrape == 30);
    assert_int_equal(d->nvars, 2);
    assert_string_equal(d->vars[0].name, "service");
    assert_string_equal(d->vars[0].value, "api-gateway");
    assert_string_equal(d->vars[1].name, "env");
    assert_string_equal(d->vars[1].value, "prod");
    assert_int_equal(d->nrows, 2);
    assert_int_equal(d->rows[0].height, 2);
    assert_int_equal(d->rows[0].min_height, 6);
    assert_int_equal(d->rows[0].npanels, 2);
    assert_int_equal(d->rows[1].height, 1);
    assert_int_equal(d->rows[1].min_height, 5);
    assert_int_equal(layout_panel_count(d), 3);

    const PanelConf *p = find_panel(d, "Error Rate");
    assert_non_null(p);
    assert_ptr_equal(p->cls, panel_kind_find("timeseries"));
    assert_int_equal(p->line, 15);
    assert_int_equal(p->col, 9);
    assert_int_equal(p->width, 2);
    assert_true(p->refresh == 60);
    assert_string_equal(p->unit, "percentunit");
    assert_int_equal(p->decimals, 1);
    assert_true(p->min == 0 && p->max == 1);
    assert_true(p->thresholds.set);
    assert_int_equal(p->thresholds.n, 2);
    assert_true(p->thresholds.steps[0] == 0.03 &&
                p->thresholds.steps[1] == 0.05);
    assert_false(p->thresholds.good_high);
    assert_string_equal(p->description, "Share of requests answered 5xx.");
    assert_int_equal(p->nmappings, 0);
    const OptValue *o = opt_of(p, "stack");
    assert_non_null(o);
    assert_true(o->set && o->num == 1);

    assert_int_equal(p->nqueries, 2);
    const QueryConf *q = &p->queries[0];
    assert_non_null(strstr(q->expr, "$service"));
    assert_string_equal(q->legend, "{{handler}}");
    assert_string_equal(q->name, "Errors");
    assert_int_equal(q->instant, 0);
    assert_string_equal(q->unit, "percent");
    assert_int_equal(q->decimals, 2);
    assert_true(q->thresholds.set && q->thresholds.n == 2);
    assert_true(q->thresholds.steps[1] == 14.4);
    assert_true(q->thresholds.good_high);
    assert_int_equal(q->nmappings, 1);
    assert_true(q->mappings[0].value == 0);
    assert_string_equal(q->mappings[0].text, "none");
    assert_string_equal(theme_role_name((Role)q->mappings[0].role), "ok");
    q = &p->queries[1];
    assert_null(q->legend);
    assert_null(q->name);
    assert_null(q->unit);
    assert_int_equal(q->decimals, -1);
    assert_false(q->thresholds.set);

    p = find_panel(d, "Uptime");
    assert_non_null(p);
    assert_int_equal(p->width, 1);
    assert_true(p->refresh == 0);
    assert_null(p->unit);
    assert_int_equal(p->decimals, -1);
    assert_true(isnan(p->min) && isnan(p->max));
    assert_false(p->thresholds.set);
    assert_int_equal(p->nqueries, 1);
    assert_string_equal(p->queries[0].expr,
                        "100 * avg(avg_over_time(up[$__range]))");
    assert_int_equal(p->queries[0].decimals, -1);
    assert_int_equal(p->nmappings, 2);
    assert_true(p->mappings[0].value == 100);
    assert_string_equal(p->mappings[0].text, "PERFECT");
    assert_int_equal(p->mappings[1].role, -1);
    assert_string_equal(p->mappings[1].text, "DOWN");
    o = opt_of(p, "sparkline");
    assert_non_null(o); /* unset: its default "true" */
    assert_true(o->set && o->num == 1);

    p = find_panel(d, "Top Handlers");
    assert_non_null(p);
    o = opt_of(p, "by");
    assert_non_null(o);
    assert_true(o->set);
    assert_int_equal(o->n, 2);
    assert_string_equal(o->strs[0], "handler");
    assert_string_equal(o->strs[1], "code");
    layout_free(d);
}

/* ---- one bad fixture per mistake ---------------------------------------- */

/* Titles, names, legends and section headers are shown on one line: a
 * newline or a tab in them becomes a space where the file is read, while a
 * description keeps its lines. */
static void test_one_line_texts(void **state)
{
    (void)state;
    Dashboard *d = expect_ok(
        "title: \"Two\\nlines\\tand a tab\"\n"
        "name: \"n\\nm\"\n"
        "rows:\n"
        "  - section: \"S\\nT\"\n"
        "  - panels:\n"
        "      - title: \"P\\r\\nQ\"\n"
        "        kind: stat\n"
        "        description: \"one\\ntwo\"\n"
        "        queries:\n"
        "          - {expr: up, legend: \"{{job}}\\n\", name: \"a\\tb\"}\n");
    assert_string_equal(d->title, "Two lines and a tab");
    assert_string_equal(d->name, "n m");
    assert_int_equal(d->npanels, 2);
    assert_string_equal(d->panels[0]->title, "S T");
    assert_string_equal(d->panels[1]->title, "P  Q");
    assert_string_equal(d->panels[1]->description, "one\ntwo");
    assert_string_equal(d->panels[1]->queries[0].legend, "{{job}} ");
    assert_string_equal(d->panels[1]->queries[0].name, "a b");
    layout_free(d);
}

/* An error quoting a value of the file with a newline in it is still one
 * line, where the loader and the Grafana reader both put it. */
static void test_error_one_line(void **state)
{
    (void)state;
    const char *yaml = "title: T\nvariables:\n"
                       "  - {name: v, query: \"label_values(up, a\\nb)\"}\n"
                       "rows:\n  - panels:\n"
                       "      - {title: P, kind: stat, query: up}\n";
    LayoutError err;
    Dashboard *d = load_str(yaml, &err);
    assert_null(d);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.msg, "bad label name 'a b'"));
    const char *json =
        "{\"title\": \"G\", \"templating\": {\"list\": [{\"name\": \"v\", "
        "\"type\": \"query\", \"query\": \"label_values(up, a\\nb)\"}]}, "
        "\"panels\": [{\"type\": \"stat\", \"title\": \"s\", "
        "\"targets\": [{\"expr\": \"up\"}]}]}";
    d = load_str(json, &err);
    assert_null(d);
    assert_non_null(strstr(err.msg, "bad label name 'a b'"));
    assert_null(strchr(err.msg, '\n'));
}

static void test_bad_syntax(void **state)
{
    (void)state;
    expect_bad_fixture("bad_syntax.yaml", 5, 3,
                       "YAML syntax error: did not "
                       "find expected ',' or ']'");
}

static void test_bad_unknown_key(void **state)
{
    (void)state;
    expect_bad_fixture("bad_unknown_key.yaml", 6, 9,
                       "unknown key 'colour' in a stat panel (accepted: "
                       "title, kind, query, queries, width");
}

static void test_bad_unknown_kind(void **state)
{
    (void)state;
    expect_bad_fixture("bad_unknown_kind.yaml", 5, 15,
                       "unknown panel kind 'pi' (known: stat, ");
}

static void test_bad_unknown_option(void **state)
{
    (void)state;
    expect_bad_fixture("bad_unknown_option.yaml", 9, 9,
                       "unknown key 'sparkline' in a timeseries panel");
}

static void test_units_checked(void **state)
{
    (void)state;
    expect_bad_text("title: T\n"
                    "rows:\n"
                    "  - panels:\n"
                    "      - {title: A, kind: stat, query: up,\n"
                    "         unit: bananas}\n",
                    5, 16,
                    "unknown unit 'bananas' (known: none, percent, "
                    "percentunit, s, ms, bytes");
    expect_bad_text("title: T\n"
                    "rows:\n"
                    "  - panels:\n"
                    "      - title: A\n"
                    "        kind: table\n"
                    "        queries:\n"
                    "          - {expr: up, unit: 'suffix:'}\n",
                    7, 30, "or your own as suffix:TEXT or prefix:TEXT");
    Dashboard *d = expect_ok("title: T\n"
                             "rows:\n"
                             "  - panels:\n"
                             "      - {title: A, kind: stat, query: up,\n"
                             "         unit: 'suffix:tok/s'}\n"
                             "      - {title: B, kind: stat, query: up,\n"
                             "         unit: hours}\n");
    assert_string_equal(find_panel(d, "A")->unit, "suffix:tok/s");
    layout_free(d);
}

static void test_panel_windows(void **state)
{
    (void)state;
    Dashboard *d = expect_ok("title: T\n"
                             "rows:\n"
                             "  - panels:\n"
                             "      - {title: A, kind: stat, query: up,\n"
                             "         range: mtd}\n"
                             "      - {title: B, kind: stat, query: up,\n"
                             "         range: 7d, time_shift: 1d}\n"
                             "      - {title: C, kind: stat, query: up}\n");
    const PanelConf *a = find_panel(d, "A"), *b = find_panel(d, "B"),
                    *c = find_panel(d, "C");
    assert_true(a->own_range);
    assert_int_equal(a->range_anchor, RANGE_MTD);
    assert_true(b->own_range);
    assert_int_equal(b->range_anchor, RANGE_FIXED);
    assert_true(b->range == 7 * 86400.0);
    assert_true(b->time_shift == 86400.0);
    assert_false(c->own_range);
    assert_true(c->time_shift == 0);
    layout_free(d);
    expect_bad_text(
        "title: T\n"
        "rows:\n"
        "  - panels:\n"
        "      - {title: A, kind: stat, query: up, range: soon}\n",
        4, 50,
        "bad duration 'soon' for 'range' (try 30s, 5m, 1h; or mtd, today)");
    expect_bad_text("title: T\n"
                    "rows:\n"
                    "  - panels:\n"
                    "      - {title: A, kind: stat, query: up, "
                    "time_shift: later}\n",
                    4, 55, "bad duration 'later' for 'time_shift'");
}

static void test_bad_wrong_type(void **state)
{
    (void)state;
    expect_bad_fixture("bad_wrong_type.yaml", 6, 19,
                       "expected an integer for 'decimals', got 'abc'");
}

static void test_bad_duration(void **state)
{
    (void)state;
    expect_bad_fixture("bad_duration.yaml", 2, 10,
                       "bad duration '10q' for 'refresh'");
}

static void test_bad_missing_title(void **state)
{
    (void)state;
    expect_bad_fixture("bad_missing_title.yaml", 7, 9, "panel has no 'title'");
}

static void test_bad_missing_queries(void **state)
{
    (void)state;
    expect_bad_fixture("bad_missing_queries.yaml", 4, 9,
                       "panel has no 'query' or 'queries'");
}

static void test_bad_both_queries(void **state)
{
    (void)state;
    expect_bad_fixture("bad_both_queries.yaml", 7, 9,
                       "panel has both 'query' and 'queries'");
}

static void test_bad_unknown_variable(void **state)
{
    (void)state;
    expect_bad_fixture("bad_unknown_variable.yaml", 11, 19,
                       "unknown variable '$job'");
}

static void test_bad_duplicate_key(void **state)
{
    (void)state;
    expect_bad_fixture("bad_duplicate_key.yaml", 8, 9,
                       "duplicate key 'unit' (first at line 6)");
}

static void test_bad_duplicate_title(void **state)
{
    (void)state;
    expect_bad_fixture("bad_duplicate_title.yaml", 8, 17,
                       "duplicate panel title 'Requests' (first at line 4)");
}

static void test_bad_empty_rows(void **state)
{
    (void)state;
    expect_bad_fixture("bad_empty_rows.yaml", 2, 7, "'rows' must not be empty");
}

static void test_bad_too_deep(void **state)
{
    (void)state;
    expect_bad_fixture("bad_too_deep.yaml", 7, 40,
                       "too deeply nested (more than 32 levels)");
}

static void test_bad_tab(void **state)
{
    (void)state;
    expect_bad_fixture("bad_tab.yaml", 5, 1, "tab character");
}

/* ---- inline mistakes ---------------------------------------------------- */

typedef struct {
    const char *text;
    int line, col;
    const char *sub;
} BadCase;

#define ROWS1 "rows:\n  - panels:\n"
#define STAT "      - title: A\n        kind: stat\n"

static const BadCase bad_cases[] = {
    /* the top level */
    {"", 0, 0, "empty layout"},
    {"# only a comment\n", 0, 0, "empty layout"},
    {"- a\n- b\n", 1, 1,
     "expected a mapping of dashboard keys at the top, got a sequence"},
    {"just text\n", 1, 1, "got 'just text'"},
    {"rows: []\n", 1, 1, "dashboard has no 'title'"},
    {"title: ''\nrows: []\n", 1, 8, "'title' must not be empty"},
    {"title: [a]\n", 1, 8, "expected a string for 'title', got a sequence"},
    {"title: T\n", 1, 1, "dashboard has no 'rows'"},
    {"title: T\nrows: {a: 1}\n", 2, 7,
     "expected a list for 'rows', got a mapping"},
    {"title: T\ncolor: red\nrows: []\n", 2, 1,
     "unknown key 'color' in dashboard (accepted: title, name, refresh, range, "
     "scrape_interval, datasource, variables, constants, rows)"},
    {"title: T\nname: ''\nrows: []\n", 2, 7, "'name' must not be empty"},
    {"title: T\nrange: 0s\nrows: []\n", 2, 8, "'range' must be longer than 0s"},
    {"title: T\nscrape_interval: -5s\nrows: []\n", 2, 18,
     "bad duration '-5s' for 'scrape_interval'"},
    {"title: T\nrefresh: {a: 1}\nrows: []\n", 2, 10,
     "expected a duration for 'refresh', got a mapping"},
    {"title: T\nrows: []\n---\ntitle: U\n", 3, 1, "a second YAML document"},
    {"title: \"a\\0b\"\nrows: []\n", 1, 8,
     "'title' must not hold a NUL character"},
    {"title: \xff\n", 1, 8, "YAML syntax error: invalid leading UTF-8 octet"},
    {"title: T\n? [a]\n: b\n", 2, 3, "a mapping key must be a plain string"},
    {"title: &t T\nname: *t\n", 2, 7, "aliases (*t) are not supported"},
    /* rows */
    {"title: T\nrows:\n  - 5\n", 3, 5,
     "expected a mapping for each row, got '5'"},
    {"title: T\nrows:\n  - height: 1\n", 3, 5, "row has no 'panels'"},
    {"title: T\nrows:\n  - panels: []\n", 3, 13, "'panels' must not be empty"},
    {"title: T\nrows:\n  - height: 0\n    panels: []\n", 3, 13,
     "'height' must be between 1 and 1000, got '0'"},
    {"title: T\nrows:\n  - min_height: 2\n    panels: []\n", 3, 17,
     "'min_height' must be between 3 and 1000, got '2'"},
    {"title: T\nrows:\n  - width: 2\n    panels: []\n", 3, 5,
     "unknown key 'width' in row (accepted: height, min_height, panels)"},
    {"title: T\nrows:\n  - panels: [x]\n", 3, 14,
     "expected a mapping for each panel, got 'x'"},
    /* panels */
    {"title: T\n" ROWS1 "      - title: A\n        query: up\n", 4, 9,
     "panel has no 'kind'"},
    {"title: T\n" ROWS1 "      - {title: A, kind: [stat], query: up}\n", 4, 26,
     "expected a string for 'kind', got a sequence"},
    {"title: T\n" ROWS1 STAT "        title: B\n        query: up\n", 6, 9,
     "duplicate key 'title' (first at line 4)"},
    {"title: T\n" ROWS1 STAT "        width: 0\n        query: up\n", 6, 16,
     "'width' must be between 1 and 1000"},
    {"title: T\n" ROWS1 STAT "        width: 1.5\n        query: up\n", 6, 16,
     "expected an integer for 'width', got '1.5'"},
    {"title: T\n" ROWS1 STAT "        decimals: 11\n        query: up\n", 6, 19,
     "'decimals' must be between 0 and 10, got '11'"},
    {"title: T\n" ROWS1 STAT
     "        decimals: 99999999999999999999\n        query: up\n",
     6, 19, "'decimals' must be between 0 and 10"},
    {"title: T\n" ROWS1 STAT "        min: abc\n        query: up\n", 6, 14,
     "expected a number for 'min', got 'abc'"},
    {"title: T\n" ROWS1 STAT "        min: 1e999\n        query: up\n", 6, 14,
     "number out of range for 'min'"},
    {"title: T\n" ROWS1 STAT "        min: .nan\n        query: up\n", 6, 14,
     "expected a number for 'min'"},
    {"title: T\n" ROWS1 STAT "        min: 0x10\n        query: up\n", 6, 14,
     "expected a number for 'min'"},
    {"title: T\n" ROWS1 STAT
     "        min: 5\n        max: 5\n        query: up\n",
     7, 14, "'max' (5) must be greater than 'min' (5)"},
    {"title: T\n" ROWS1 STAT "        refresh: 10q\n        query: up\n", 6, 18,
     "bad duration '10q' for 'refresh'"},
    {"title: T\n" ROWS1 STAT "        unit: {a: 1}\n        query: up\n", 6, 15,
     "expected a string for 'unit', got a mapping"},
    {"title: T\n" ROWS1 STAT "        thresholds: [5, 3]\n        query: up\n",
     6, 25, "thresholds must be strictly ascending: 3 after 5"},
    {"title: T\n" ROWS1 STAT "        thresholds: [1, 1]\n        query: up\n",
     6, 25, "strictly ascending"},
    {"title: T\n" ROWS1 STAT "        thresholds: [1, x]\n        query: up\n",
     6, 25, "expected a number for 'thresholds', got 'x'"},
    {"title: T\n" ROWS1 STAT "        thresholds: {a: 1}\n        query: up\n",
     6, 21, "expected a list for 'thresholds', got a mapping"},
    {"title: T\n" ROWS1 STAT
     "        thresholds: [1]\n        good: middle\n        query: up\n",
     7, 15, "expected one of low, high for 'good', got 'middle'"},
    {"title: T\n" ROWS1 STAT "        good: high\n        query: up\n", 6, 9,
     "'good' needs 'thresholds' beside it"},
    {"title: T\n" ROWS1 STAT
     "        mappings: {value: 1}\n        query: up\n",
     6, 19, "expected a list for 'mappings', got a mapping"},
    {"title: T\n" ROWS1 STAT
     "        mappings: [{text: x}]\n        query: up\n",
     6, 20, "mapping has no 'value'"},
    {"title: T\n" ROWS1 STAT
     "        mappings: [{value: 1}]\n        query: up\n",
     6, 20, "mapping has no 'text'"},
    {"title: T\n" ROWS1 STAT
     "        mappings: [{value: one, text: x}]\n        query: up\n",
     6, 28, "expected a number for 'value', got 'one'"},
    {"title: T\n" ROWS1 STAT "        mappings: [{value: 1, text: x, color: "
     "pink}]\n        query: up\n",
     6, 47, "unknown color 'pink' (known: default, border,"},
    {"title: T\n" ROWS1 STAT
     "        mappings: [{value: 1, text: x, colour: ok}]\n        query: up\n",
     6, 40,
     "unknown key 'colour' in mapping, did you mean 'color'? (accepted: "
     "value, from, to, regex, special, text, color)"},
    {"title: T\n" ROWS1 STAT "        mappings: [5]\n        query: up\n", 6,
     20, "expected a mapping for each mapping, got '5'"},
    {"title: T\n" ROWS1 STAT "        query: ''\n", 6, 16,
     "'query' must not be empty"},
    {"title: T\n" ROWS1 STAT "        query: [up]\n", 6, 16,
     "expected a string for 'query', got a sequence"},
    {"title: T\n" ROWS1 STAT "        queries: up\n", 6, 18,
     "expected a list for 'queries', got 'up'"},
    {"title: T\n" ROWS1 STAT "        queries: []\n", 6, 18,
     "'queries' must not be empty"},
    {"title: T\n" ROWS1 STAT "        queries: [up]\n", 6, 19,
     "expected a mapping for each query, got 'up'"},
    {"title: T\n" ROWS1 STAT "        queries:\n          - legend: x\n", 7, 13,
     "query has no 'expr'"},
    {"title: T\n" ROWS1 STAT "        queries:\n          - expr: '  '\n", 7,
     19, "'expr' must not be empty"},
    {"title: T\n" ROWS1 STAT
     "        queries:\n          - expr: up\n            step: 5\n",
     8, 13,
     "unknown key 'step' in query (accepted: expr, legend, name, instant, "
     "unit, decimals, thresholds, good, threshold_colors, threshold_mode, "
     "mappings, min_step, step_factor, hide, datasource)"},
    {"title: T\n" ROWS1 STAT
     "        queries:\n          - expr: up\n            instant: maybe\n",
     8, 22, "expected true or false for 'instant', got 'maybe'"},
    {"title: T\n" ROWS1 STAT
     "        queries:\n          - expr: up\n            decimals: -1\n",
     8, 23, "'decimals' must be between 0 and 10, got '-1'"},
    {"title: T\n" ROWS1 STAT
     "        queries:\n          - expr: up\n            good: high\n",
     8, 13, "'good' needs 'thresholds'"},
    {"title: T\n" ROWS1 STAT
     "        queries:\n          - expr: up\n            expr: down\n",
     8, 13, "duplicate key 'expr'"},
    {"title: T\n" ROWS1 STAT
     "        query: up\n      - {title: A, kind: stat, query: up}\n",
     7, 17, "duplicate panel title 'A' (first at line 4)"},
    {"title: T\n" ROWS1
     "      - {title: A, kind: treemap, query: up, limit: -5}\n",
     4, 53, "'limit' must be between 1 and 200, got '-5'"},
    {"title: T\n" ROWS1
     "      - {title: A, kind: statusgrid, query: up, columns: 1001}\n",
     4, 58, "'columns' must be between 0 and 1000, got '1001'"},
    {"title: T\nrefresh: 1ms\n" ROWS1 STAT "        query: up\n", 2, 10,
     "'refresh' must be at least 1s, got '1ms'"},
    {"title: T\n" ROWS1 STAT "        refresh: 0s\n        query: up\n", 6, 18,
     "'refresh' must be at least 1s, got '0s'"},
    /* variables */
    {"title: T\nvariables: {a: b}\nrows: [{panels: [{title: A, kind: "
     "text}]}]\n",
     2, 12, "expected a list for 'variables', got a mapping"},
    {"title: T\nvariables: [x]\nrows: [{panels: [{title: A, kind: text}]}]\n",
     2, 13, "expected a mapping for each variable, got 'x'"},
    {"title: T\nvariables: [{value: x}]\nrows: [{panels: [{title: A, kind: "
     "text}]}]\n",
     2, 13, "variable has no 'name'"},
    {"title: T\nvariables: [{name: x}]\nrows: [{panels: [{title: A, kind: "
     "text}]}]\n",
     2, 13, "variable has no 'value'"},
    {"title: T\nvariables: [{name: 1x, value: v}]\nrows: [{panels: [{title: A, "
     "kind: text}]}]\n",
     2, 20, "bad variable name '1x'"},
    {"title: T\nvariables: [{name: __range, value: v}]\nrows: [{panels: "
     "[{title: A, kind: text}]}]\n",
     2, 20, "bad variable name '__range'"},
    {"title: T\nvariables: [{name: a-b, value: v}]\nrows: [{panels: [{title: "
     "A, kind: text}]}]\n",
     2, 20, "bad variable name 'a-b'"},
    {"title: T\nvariables: [{name: a, value: v}, {name: a, value: w}]\nrows: "
     "[{panels: [{title: A, kind: text}]}]\n",
     2, 41, "duplicate variable 'a'"},
    {"title: T\nvariables: [{name: a, value: v, default: w}]\nrows: [{panels: "
     "[{title: A, kind: text}]}]\n",
     2, 33,
     "unknown key 'default' in variable (accepted: name, label, kind, value, "
     "values, query, regex, sort, all, all_value, multi, auto, auto_count, "
     "auto_min, filters, hide)"},
    {"title: T\nvariables: [{name: a, query: 'series(up, job)'}]\nrows: "
     "[{panels: [{title: A, kind: text}]}]\n",
     2, 30, "expected label_values(metric, label)"},
    {"title: T\nvariables: [{name: a, values: [x, y], value: z}]\nrows: "
     "[{panels: [{title: A, kind: text}]}]\n",
     2, 46, "'z' is not one of the variable's values"},
    {"title: T\nvariables: [{name: a, values: [x], value: All}]\nrows: "
     "[{panels: [{title: A, kind: text}]}]\n",
     2, 43, "value 'All' needs 'all: true'"},
    {"title: T\nvariables: [{name: a, values: [x], query: 'label_values(up, "
     "job)'}]\nrows: [{panels: [{title: A, kind: text}]}]\n",
     2, 43, "both 'values' and 'query'"},
    {"title: T\nvariables: [{name: a}]\nrows: [{panels: [{title: A, kind: "
     "text}]}]\n",
     2, 13, "variable has no 'value', 'values' or 'query'"},
    /* variables that wait for each other's values: none could be asked;
     * the first one on the cycle is named (c only uses one on it) */
    {"title: T\nvariables:\n  - {name: c, query: 'label_values(x{a=\"$a\"}, "
     "c)'}\n  - {name: a, query: 'label_values(x{b=\"$b\"}, a)'}\n  - {name: "
     "b, query: 'label_values(x{a=~\"$a\"}, b)'}\nrows: [{panels: [{title: "
     "A, kind: text}]}]\n",
     4, 5, "($a uses $b, $b uses $a): none of them can be asked"},
    {"title: T\nconstants: [1, 2]\nrows: [{panels: [{title: A, kind: "
     "text}]}]\n",
     2, 12, "expected a mapping of name: value for 'constants'"},
    {"title: T\nconstants: {9x: 1}\nrows: [{panels: [{title: A, kind: "
     "text}]}]\n",
     2, 13, "bad constant name '9x'"},
    {"title: T\nrange: month\nrows: []\n", 2, 8,
     "bad duration 'month' for 'range'"},
    {"title: T\n" ROWS1 STAT
     "        query: rate(x[${__interval}]) + $__intervals\n",
     6, 16, "unknown variable '$__intervals'"},
    {"title: T\n" ROWS1 STAT "        query: up{a=\"${nope}\"}\n", 6, 16,
     "unknown variable '$nope'"},
    {"title: T\n" ROWS1 STAT "        query: up{a=\"$Service\"}\nvariables: "
     "[{name: service, value: v}]\n",
     6, 16, "unknown variable '$Service'"},
    /* an alert list reads alerts or runs queries, not both */
    {"title: T\n" ROWS1 "      - title: A\n        kind: alertlist\n"
     "        source: alerts\n        query: ALERTS\n",
     7, 9,
     "an alertlist panel with source: alerts reads alerts, not queries: "
     "remove 'query'"},
    {"title: T\n" ROWS1 "      - title: A\n        kind: alertlist\n"
     "        source: alertmanager\n        queries: [{expr: up}]\n",
     7, 9, "source: alertmanager reads alerts, not queries: remove 'queries'"},
    {"title: T\n" ROWS1 "      - title: A\n        kind: alertlist\n", 4, 9,
     "panel has no 'query' or 'queries'"},
    {"title: T\n" ROWS1 "      - title: A\n        kind: alertlist\n"
     "        source: silences\n",
     6, 17, "silences"},
};

static void test_bad_inline(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const BadCase *b = &bad_cases[i];
        LayoutError err;
        char buf[1024];
        Dashboard *d = load_str(b->text, &err);
        if (d) {
            layout_free(d);
            print_error("case %zu loaded, expected '%s'\n", i, b->sub);
            failures++;
        } else if (err.line != b->line || err.col != b->col ||
                   !strstr(err.msg, b->sub)) {
            print_error("case %zu: got '%s', expected %d:%d '%s'\n", i,
                        conf_error_format(&err, buf, sizeof buf), b->line,
                        b->col, b->sub);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

/* ---- accepted forms and defaults ---------------------------------------- */

/* Variables, constants and anchored ranges load as declared; constants
 * expand in titles and count as declared names in queries. */
static void test_vars_consts_ranges(void **state)
{
    (void)state;
    const char *text =
        "title: T\nrange: mtd\nconstants: {minutes: 12, rate: 85.5}\n"
        "variables:\n"
        "  - {name: project, query: "
        "'label_values(nexus_quality_score{x=\"a,b\"}, project)', all: true}\n"
        "  - {name: env, values: [prod, dev, prod], value: dev}\n"
        "  - {name: job, query: 'label_values(job)'}\n"
        "rows:\n  - panels:\n"
        "      - {title: 'Saved at $minutes min', kind: stat, "
        "query: 'x{project=~\"$project\",env=\"$env\"} * $minutes / $rate'}\n";
    LayoutError err;
    Dashboard *d = load_str(text, &err);
    if (!d)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
    assert_int_equal(d->range_anchor, RANGE_MTD);
    assert_int_equal(d->nconsts, 2);
    assert_string_equal(d->consts[1].name, "rate");
    assert_string_equal(d->consts[1].text, "85.5");
    assert_string_equal(d->rows[0].panels[0].title, "Saved at 12 min");
    assert_int_equal(d->nvars, 3);
    assert_string_equal(d->vars[0].metric, "nexus_quality_score{x=\"a,b\"}");
    assert_string_equal(d->vars[0].label, "project");
    assert_int_equal(d->vars[0].all, 1);
    PromQuery pq;
    assert_int_equal(layout_var_request(d, &d->vars[0], 7200, 3600, &pq), 0);
    assert_int_equal(pq.type, PQ_NAMES);
    assert_string_equal(pq.expr,
                        "label/project/values?match%5B%5D=nexus_quality_score%"
                        "7Bx%3D%22a%2Cb%22%7D&start=3600.000&end=7200.000");
    free((char *)pq.expr);
    char *v = layout_var_value(&d->vars[0]); /* All, nothing known yet */
    assert_string_equal(v, ".*");
    free(v);
    const char *got[] = {"ORION", "NEXUS", "A.B", "NEXUS"};
    assert_int_equal(layout_var_set_choices(&d->vars[0], got, 4), 0);
    assert_int_equal(d->vars[0].nvalues, 3);
    v = layout_var_value(&d->vars[0]);
    assert_string_equal(v, "A\\\\.B|NEXUS|ORION");
    free(v);
    assert_int_equal(d->vars[1].nvalues, 2); /* in the order given, unique */
    assert_string_equal(d->vars[1].values[0], "prod");
    assert_string_equal(d->vars[1].values[1], "dev");
    v = layout_var_value(&d->vars[1]);
    assert_string_equal(v, "dev");
    free(v);
    assert_string_equal(d->vars[2].metric, "{job!=\"\"}");
    layout_free(d);

    int anchor;
    double secs;
    assert_int_equal(layout_range_parse("today", &anchor, &secs), 0);
    assert_int_equal(anchor, RANGE_TODAY);
    assert_int_equal(layout_range_parse("90m", &anchor, &secs), 0);
    assert_int_equal(anchor, RANGE_FIXED);
    assert_true(secs == 5400);
    assert_int_equal(layout_range_parse("soon", &anchor, &secs), -1);
    /* 2026-03-01T03:10:00Z: month and day started at 00:00 on the 1st */
    assert_true(layout_range_seconds(RANGE_MTD, 0, 1772334600) == 11400);
    assert_true(layout_range_seconds(RANGE_TODAY, 0, 1772334600) == 11400);
    /* 2026-03-15T12:00:00Z */
    assert_true(layout_range_seconds(RANGE_MTD, 0, 1773576000) ==
                14 * 86400 + 43200);
    assert_true(layout_range_seconds(RANGE_TODAY, 0, 1773576000) == 43200);
    assert_true(layout_range_seconds(RANGE_FIXED, 3600, 1773576000) == 3600);
}

static void test_defaults(void **state)
{
    (void)state;
    const char *text = "title: T\nrows:\n  - panels:\n      - {title: A, "
                       "kind: stat, query: up}\n";
    LayoutError err;
    Dashboard *d = layout_load_text("dir/sub/my-board.yml", NULL, text,
                                    strlen(text), &err);
    assert_non_null(d);
    assert_string_equal(d->name, "my-board");
    assert_string_equal(d->file, "dir/sub/my-board.yml");
    /* no scrape_interval: the server's is used */
    assert_true(d->refresh == 30 && d->range == 3600 && d->scrape == 0);
    assert_int_equal(d->nvars, 0);
    assert_null(d->vars);
    assert_int_equal(d->rows[0].height, 1);
    assert_int_equal(d->rows[0].min_height, 5);
    const PanelConf *p = &d->rows[0].panels[0];
    assert_int_equal(p->line, 4);
    assert_int_equal(p->col, 9);
    assert_int_equal(p->width, 1);
    assert_int_equal(p->decimals, -1);
    assert_true(isnan(p->min) && isnan(p->max));
    assert_true(p->refresh == 0);
    assert_null(p->unit);
    assert_null(p->description);
    assert_false(p->thresholds.set);
    assert_int_equal(p->nmappings, 0);
    assert_non_null(p->opts);
    layout_free(d);

    /* A given name wins over the file's; the YAML's over both. */
    d = layout_load_text("x.yaml", "given", text, strlen(text), &err);
    assert_non_null(d);
    assert_string_equal(d->name, "given");
    layout_free(d);
    const char *named = "name: own\ntitle: T\nrows:\n  - panels:\n      - "
                        "{title: A, kind: stat, query: up}\n";
    d = layout_load_text("x.yaml", "given", named, strlen(named), &err);
    assert_non_null(d);
    assert_string_equal(d->name, "own");
    layout_free(d);
    d = layout_load_text("plain", NULL, text, strlen(text), &err);
    assert_non_null(d);
    assert_string_equal(d->name, "plain");
    layout_free(d);
    d = layout_load_text(NULL, NULL, text, strlen(text), &err);
    assert_non_null(d);
    assert_non_null(d->name);
    layout_free(d);
}

/* An alert list of the alerting APIs needs no query. */
static void test_alert_sources(void **state)
{
    (void)state;
    Dashboard *d = expect_ok("title: T\n" ROWS1
                             "      - title: A\n        kind: alertlist\n"
                             "        source: alerts\n"
                             "        group_by: service\n"
                             "        suppressed: hide\n"
                             "      - title: B\n        kind: alertlist\n"
                             "        source: alertmanager\n");
    const PanelConf *a = &d->rows[0].panels[0], *b = &d->rows[0].panels[1];
    assert_int_equal(a->nqueries, 0);
    assert_int_equal(panel_alert_source(a), ALERTS_FROM_PROM);
    assert_int_equal(panel_alert_source(b), ALERTS_FROM_AM);
    layout_free(d);
}

static void test_accepted_forms(void **state)
{
    (void)state;
    /* Nulls mean "not given"; quoted numbers are numbers; a lone threshold
     * is a list of one; yes/no are booleans; anchors without aliases are
     * fine; flow and block styles mix; a BOM is skipped. */
    Dashboard *d = expect_ok("\xef\xbb\xbftitle: 'Quoted: title'\n"
                             "refresh: 90\n"
                             "range: 1h30m\n"
                             "variables:\n"
                             "rows:\n"
                             "  - &row\n"
                             "    height: 3\n"
                             "    panels:\n"
                             "      - title: A\n"
                             "        kind: stat\n"
                             "        unit: ~\n"
                             "        min: '-1.5'\n"
                             "        max: +2e3\n"
                             "        decimals: 0\n"
                             "        thresholds: 7\n"
                             "        good: high\n"
                             "        mappings: []\n"
                             "        refresh: 1\n"
                             "        description: null\n"
                             "        queries:\n"
                             "          - expr: up\n"
                             "            instant: yes\n"
                             "            thresholds: []\n"
                             "            legend: \"\"\n"
                             "          - expr: >-\n"
                             "              sum(up)\n"
                             "              / 2\n"
                             "            instant: No\n");
    assert_string_equal(d->title, "Quoted: title");
    assert_true(d->refresh == 90 && d->range == 5400);
    assert_int_equal(d->nvars, 0);
    assert_int_equal(d->rows[0].height, 3);
    const PanelConf *p = &d->rows[0].panels[0];
    assert_null(p->unit);
    assert_null(p->description);
    assert_true(p->min == -1.5 && p->max == 2000);
    assert_int_equal(p->decimals, 0);
    assert_true(p->thresholds.set && p->thresholds.n == 1);
    assert_true(p->thresholds.steps[0] == 7 && p->thresholds.good_high);
    assert_int_equal(p->nmappings, 0);
    assert_int_equal(p->nqueries, 2);
    assert_int_equal(p->queries[0].instant, 1);
    assert_true(p->queries[0].thresholds.set);
    assert_int_equal(p->queries[0].thresholds.n, 0);
    assert_string_equal(p->queries[0].legend, "");
    assert_string_equal(p->queries[1].expr, "sum(up) / 2");
    assert_int_equal(p->queries[1].instant, 0);
    layout_free(d);
}

static void test_variables(void **state)
{
    (void)state;
    /* Declared names, the built-ins in both forms, and '$' uses that are
     * not variable references ("$1" of label_replace, a lone '$'). */
    Dashboard *d = expect_ok(
        "title: T\n"
        "variables:\n"
        "  - {name: svc, value: api}\n"
        "  - {name: _x9, value: ''}\n"
        "rows:\n"
        "  - panels:\n"
        "      - title: A\n"
        "        kind: stat\n"
        "        queries:\n"
        "          - expr: up{a=\"$svc\",b=\"${svc}\",c=\"$_x9\"}\n"
        "          - expr: rate(x[$__rate_interval]) * $__range_s / "
        "$__interval_s\n"
        "          - expr: sum_over_time(x[${__range}]) / ${__interval}\n"
        "          - expr: label_replace(up, \"a\", \"$1-${2}\", \"b\", "
        "\"(.*)\") + 0 * $ + ${\n"
        "          - expr: up{a=\"${svc\"}\n");
    assert_int_equal(d->nvars, 2);
    assert_string_equal(d->vars[1].name, "_x9");
    assert_string_equal(d->vars[1].value, "");
    layout_free(d);
}

/* Each panel key of layout_panel_opts[] and each query key of
 * layout_query_opts[] is accepted, and the unknown-key message lists
 * exactly those plus the kind's options, in table order. */
static void test_keys_match_option_tables(void **state)
{
    (void)state;
    for (int i = 0; layout_panel_opts[i].name; i++) {
        const char *k = layout_panel_opts[i].name;
        if (!strcmp(k, "title") || !strcmp(k, "kind") || !strcmp(k, "query") ||
            !strcmp(k, "queries"))
            continue;
        char extra[128];
        snprintf(extra, sizeof extra, "        %s: ~\n", k);
        char *s = one_panel("stat", extra);
        layout_free(expect_ok(s));
        free(s);
    }
    for (int i = 0; layout_query_opts[i].name; i++) {
        const char *k = layout_query_opts[i].name;
        if (!strcmp(k, "expr"))
            continue;
        char s[512];
        snprintf(s, sizeof s,
                 "title: T\nrows:\n  - panels:\n      - title: A\n        "
                 "kind: stat\n        queries:\n          - expr: up\n       "
                 "     %s: ~\n",
                 k);
        layout_free(expect_ok(s));
    }
    for (int k = 0; panel_kinds[k]; k++) {
        const PanelClass *cls = panel_kinds[k];
        char want[1024] = "", *s;
        size_t used = 0;
        for (int i = 0; layout_panel_opts[i].name && used < 500; i++)
            used +=
                (size_t)snprintf(want + used, sizeof want - used, "%s%s",
                                 used ? ", " : "", layout_panel_opts[i].name);
        for (int i = 0; cls->opts && cls->opts[i].name && used < 500; i++)
            used += (size_t)snprintf(want + used, sizeof want - used, ", %s",
                                     cls->opts[i].name);
        LayoutError err;
        s = one_panel(cls->name, "        no_such_key: 1\n");
        Dashboard *d = load_str(s, &err);
        free(s);
        assert_null(d);
        if (used < 380) /* longer lists are cut with "..." */
            assert_non_null(strstr(err.msg, want));
    }
}

/* A number inside o's bounds: x, else the nearest bound. */
static double in_bounds(const OptSpec *o, double x)
{
    if ((o->flags & OPT_MIN) && !(x > o->min))
        x = (o->flags & OPT_ABOVE) ? o->min + 1 : o->min;
    if ((o->flags & OPT_MAX) && x > o->max)
        x = o->max;
    return x;
}

/* A valid and an invalid YAML value for an option of type t. */
static const char *valid_value(const OptSpec *o, char *buf, size_t n)
{
    switch (o->type) {
    case OPT_STRING:
        return "hello world";
    case OPT_NUMBER:
        snprintf(buf, n, "%g", in_bounds(o, 2.5));
        return buf;
    case OPT_INT:
        snprintf(buf, n, "%g", in_bounds(o, 7));
        return buf;
    case OPT_BOOL:
        return "no";
    case OPT_ENUM: {
        /* The last choice, to check the index. */
        const char *c = o->choices ? o->choices : "";
        const char *bar = strrchr(c, '|');
        snprintf(buf, n, "'%s'", bar ? bar + 1 : c);
        return buf;
    }
    case OPT_DURATION:
        return "1m30s";
    case OPT_NUMBERS:
        return "[1, 2.5]";
    case OPT_STRINGS:
        return "[a, 'b c']";
    case OPT_LIST:
    case OPT_MAP:
    case OPT_TABLE:
        fail_msg("kind option '%s': lists of mappings and mappings are "
                 "the loader's own",
                 o->name);
    }
    return "";
}

static const char *invalid_value(OptType t, const char **sub)
{
    *sub = "";
    switch (t) {
    case OPT_STRING:
        *sub = "expected a string";
        return "[x]";
    case OPT_NUMBER:
        *sub = "expected a number";
        return "abc";
    case OPT_INT:
        *sub = "expected an integer";
        return "1.5";
    case OPT_BOOL:
        *sub = "expected true or false";
        return "maybe";
    case OPT_ENUM:
        *sub = "expected one of";
        return "no_such_choice";
    case OPT_DURATION:
        *sub = "bad duration";
        return "10q";
    case OPT_NUMBERS:
        *sub = "expected a number";
        return "1x";
    case OPT_STRINGS:
        *sub = "expected a list";
        return "{a: 1}";
    case OPT_LIST:
        *sub = "expected a list";
        return "x";
    case OPT_MAP:
    case OPT_TABLE:
        *sub = "expected a mapping";
        return "x";
    }
    return "";
}

static int enum_count(const char *choices)
{
    int n = 1;
    for (const char *p = choices; p && *p; p++)
        n += *p == '|';
    return n;
}

static void check_opt_value(const OptSpec *o, const OptValue *v)
{
    assert_true(v->set);
    switch (o->type) {
    case OPT_STRING:
        assert_string_equal(v->str, "hello world");
        break;
    case OPT_NUMBER:
        assert_true(v->num == in_bounds(o, 2.5));
        break;
    case OPT_INT:
        assert_true(v->num == in_bounds(o, 7));
        break;
    case OPT_BOOL:
        assert_true(v->num == 0);
        break;
    case OPT_ENUM:
        assert_true(v->num == enum_count(o->choices) - 1);
        assert_non_null(v->str);
        break;
    case OPT_DURATION:
        assert_true(v->num == 90);
        break;
    case OPT_NUMBERS:
        assert_int_equal(v->n, 2);
        assert_true(v->nums[0] == 1 && v->nums[1] == 2.5);
        break;
    case OPT_STRINGS:
        assert_int_equal(v->n, 2);
        assert_string_equal(v->strs[0], "a");
        assert_string_equal(v->strs[1], "b c");
        break;
    case OPT_LIST:
    case OPT_MAP:
    case OPT_TABLE:
        break;
    }
}

/* Every option of every kind: defaults, a valid value, an invalid one (at
 * the value's position), and a lone scalar for list types. Driven by the
 * kinds' own tables, so it follows them as they change. */
static void test_kind_options(void **state)
{
    (void)state;
    for (int k = 0; panel_kinds[k]; k++) {
        const PanelClass *cls = panel_kinds[k];
        char *s = one_panel(cls->name, "");
        Dashboard *d = expect_ok(s);
        free(s);
        const PanelConf *p = &d->rows[0].panels[0];
        assert_ptr_equal(p->cls, cls);
        assert_non_null(p->opts);
        for (int i = 0; cls->opts && cls->opts[i].name; i++)
            assert_int_equal(p->opts[i].set, cls->opts[i].def != NULL);
        layout_free(d);

        for (int i = 0; cls->opts && cls->opts[i].name; i++) {
            const OptSpec *o = &cls->opts[i];
            char extra[256], vb[128];
            snprintf(extra, sizeof extra, "        %s: %s\n", o->name,
                     valid_value(o, vb, sizeof vb));
            s = one_panel(cls->name, extra);
            d = expect_ok(s);
            free(s);
            check_opt_value(o, &d->rows[0].panels[0].opts[i]);
            layout_free(d);

            const char *sub = "";
            const char *bad = invalid_value(o->type, &sub);
            snprintf(extra, sizeof extra, "        %s: %s\n", o->name, bad);
            s = one_panel(cls->name, extra);
            LayoutError err;
            d = load_str(s, &err);
            free(s);
            expect_error(d, &err, 5, 11 + (int)strlen(o->name), sub, o->name);
            assert_non_null(strstr(err.msg, o->name));

            if (o->type == OPT_NUMBERS || o->type == OPT_STRINGS) {
                snprintf(extra, sizeof extra, "        %s: 3\n", o->name);
                s = one_panel(cls->name, extra);
                d = expect_ok(s);
                free(s);
                const OptValue *v = &d->rows[0].panels[0].opts[i];
                assert_int_equal(v->n, 1);
                if (o->type == OPT_NUMBERS)
                    assert_true(v->nums[0] == 3);
                else
                    assert_string_equal(v->strs[0], "3");
                layout_free(d);
            }
        }
    }
}

/* ---- the option tables: every level, every key --------------------------- */

/* A level of the layout: its table, how messages name it, a layout with
 * one line "KEY: VALUE" for it (a printf format taking key and value) at
 * `line`, the key at `col`, and the struct its keys are stored in. */
typedef struct {
    const char *what;
    const OptSpec *table;
    const OptSpec *extra; /* a kind's options */
    const char *fmt;
    int line, col;
    void *(*obj)(Dashboard *d);
} Level;

static void *dash_obj(Dashboard *d)
{
    return d;
}

static void *row_obj(Dashboard *d)
{
    return &d->rows[0];
}

static void *panel_obj(Dashboard *d)
{
    return &d->rows[0].panels[0];
}

static void *query_obj(Dashboard *d)
{
    return &d->rows[0].panels[0].queries[0];
}

static void *var_obj(Dashboard *d)
{
    return &d->vars[0];
}

static void *mapping_obj(Dashboard *d)
{
    return &d->rows[0].panels[0].mappings[0];
}

#define ROW_OK "rows: [{panels: [{title: A, kind: text}]}]\n"

static const Level levels[] = {
    {"dashboard", layout_dashboard_opts, NULL, "title: T\n" ROW_OK "%s: %s\n",
     3, 1, dash_obj},
    {"row", layout_row_opts, NULL,
     "title: T\nrows:\n  - panels: [{title: A, kind: text}]\n    %s: %s\n", 4,
     5, row_obj},
    {"a stat panel", layout_panel_opts, NULL,
     "title: T\nrows:\n  - panels:\n      - title: A\n        %s: %s\n"
     "        kind: stat\n        query: up\n",
     5, 9, panel_obj},
    {"query", layout_query_opts, NULL,
     "title: T\nrows:\n  - panels:\n      - title: A\n        kind: stat\n"
     "        queries:\n          - expr: up\n            %s: %s\n",
     8, 13, query_obj},
    {"variable", layout_var_opts, NULL,
     "title: T\nvariables:\n  - name: v\n    value: x\n    %s: %s\n" ROW_OK, 5,
     5, var_obj},
    {"mapping", layout_mapping_opts, NULL,
     "title: T\nrows:\n  - panels:\n      - title: A\n        kind: stat\n"
     "        query: up\n        mappings:\n          - value: 1\n"
     "            text: one\n            %s: %s\n",
     10, 13, mapping_obj},
};
#define NLEVELS (int)(sizeof levels / sizeof levels[0])

/* The level of kind k's panel: the kind's options beside the panel keys. */
static Level kind_level(const PanelClass *k, char *what, size_t n)
{
    Level l = levels[2];
    snprintf(what, n, "a %s panel", k->name);
    l.what = what;
    l.extra = k->opts;
    l.fmt = k->query_mode ? "title: T\nrows:\n  - panels:\n      - title: A\n"
                            "        %s: %s\n        kind: %s\n        query: "
                            "up\n"
                          : "title: T\nrows:\n  - panels:\n      - title: A\n"
                            "        %s: %s\n        kind: %s\n";
    return l;
}

/* Loads level l's layout with "key: value" (and the kind's name when the
 * level has extra options). */
static Dashboard *load_level(const Level *l, const char *kind, const char *key,
                             const char *value, LayoutError *err)
{
    char text[1024];
    snprintf(text, sizeof text, l->fmt, key, value, kind);
    return load_str(text, err);
}

static void expect_level_error(const Level *l, const char *kind,
                               const char *key, const char *value, int line,
                               int col, const char *want)
{
    LayoutError err;
    char buf[1200];
    Dashboard *d = load_level(l, kind, key, value, &err);
    layout_free(d);
    if (d || err.line != line || err.col != col || !strstr(err.msg, want))
        fail_msg("%s, %s: %s: got '%s', want %d:%d '%s'", l->what, key, value,
                 d ? "(loaded)" : conf_error_format(&err, buf, sizeof buf),
                 line, col, want);
}

/* Every level refuses an unknown key where it stands, listing exactly the
 * keys of its table (then the kind's), and names the key a typo was
 * meant to be. */
static void test_unknown_keys_every_level(void **state)
{
    (void)state;
    for (int li = 0; li < NLEVELS + 15; li++) {
        char kw[64];
        Level l;
        const char *kind = NULL;
        if (li < NLEVELS) {
            l = levels[li];
            if (l.table == layout_panel_opts)
                l.extra = panel_kind_find("stat")->opts;
        } else if (panel_kinds[li - NLEVELS]) {
            l = kind_level(panel_kinds[li - NLEVELS], kw, sizeof kw);
            kind = panel_kinds[li - NLEVELS]->name;
        } else {
            break;
        }
        char want[1024];
        size_t used = (size_t)snprintf(
            want, sizeof want,
            "unknown key 'no_such_key' in %s (accepted: ", l.what);
        for (int pass = 0; pass < 2; pass++) {
            const OptSpec *t = pass ? l.extra : l.table;
            for (int i = 0; t && t[i].name; i++)
                used +=
                    (size_t)snprintf(want + used, sizeof want - used, "%s%s",
                                     pass + i ? ", " : "", t[i].name);
        }
        snprintf(want + used, sizeof want - used, ")");
        if (strlen(want) > 400)
            want[200] = '\0'; /* long lists are cut with "..." */
        expect_level_error(&l, kind, "no_such_key", "1", l.line, l.col, want);

        /* a typo: two letters swapped */
        for (int pass = 0; pass < 2; pass++) {
            const OptSpec *t = pass ? l.extra : l.table;
            for (int i = 0; t && t[i].name; i++) {
                char typo[64], hint[96];
                snprintf(typo, sizeof typo, "%s", t[i].name);
                size_t n = strlen(typo);
                if (n < 5 || typo[1] == typo[2])
                    continue;
                typo[1] = t[i].name[2];
                typo[2] = t[i].name[1];
                snprintf(hint, sizeof hint, "'%s' in %s, did you mean '%s'?",
                         typo, l.what, t[i].name);
                expect_level_error(&l, kind, typo, "1", l.line, l.col, hint);
            }
        }
    }
}

/* A value of spec's type in bounds (at the bound `which`: -1 low, 1 high)
 * or just outside it (`out`), as YAML text. Returns NULL when the spec has
 * no such bound. */
static const char *bound_value(const OptSpec *o, int which, int out, char *buf,
                               size_t n)
{
    int flag = which < 0 ? OPT_MIN : OPT_MAX;
    if (!(o->flags & flag))
        return NULL;
    double b = which < 0 ? o->min : o->max;
    double step = o->type == OPT_INT        ? 1
                  : o->type == OPT_DURATION ? 0.001
                                            : 0.5;
    double v = b;
    if (which < 0 && (o->flags & OPT_ABOVE))
        v = out ? b : b + step;
    else if (out)
        v = b + which * step;
    if (o->type == OPT_DURATION) {
        if (v < 0)
            return NULL; /* below zero is not a duration at all */
        return duration_format(v, buf, n);
    }
    snprintf(buf, n, "%.15g", v);
    return buf;
}

/* Every bounded option of every level and kind: its bounds load, one step
 * beyond is an error at the value that says the bounds. */
static void test_bounds_every_level(void **state)
{
    (void)state;
    int checked = 0;
    for (int li = 0; li < NLEVELS + 15; li++) {
        char kw[64];
        Level l;
        const char *kind = NULL;
        if (li < NLEVELS) {
            l = levels[li];
        } else if (panel_kinds[li - NLEVELS]) {
            l = kind_level(panel_kinds[li - NLEVELS], kw, sizeof kw);
            kind = panel_kinds[li - NLEVELS]->name;
        } else {
            break;
        }
        for (int pass = 0; pass < 2; pass++) {
            const OptSpec *t = pass ? l.extra : l.table;
            for (int i = 0; t && t[i].name; i++) {
                const OptSpec *o = &t[i];
                for (int which = -1; which <= 1; which += 2) {
                    char in[64], outv[64], want[128];
                    if (!bound_value(o, which, 0, in, sizeof in))
                        continue;
                    LayoutError err;
                    char buf[1200];
                    Dashboard *d = load_level(&l, kind, o->name, in, &err);
                    if (!d)
                        fail_msg("%s %s: %s refused: %s", l.what, o->name, in,
                                 conf_error_format(&err, buf, sizeof buf));
                    layout_free(d);
                    if (!bound_value(o, which, 1, outv, sizeof outv))
                        continue;
                    snprintf(want, sizeof want, "'%s' must be ", o->name);
                    expect_level_error(&l, kind, o->name, outv, l.line,
                                       l.col + (int)strlen(o->name) + 2, want);
                    checked++;
                }
            }
        }
    }
    /* refresh (2), scrape_interval, range, height, min_height (2 each),
     * width (2), decimals (2 + 2), limit (2), columns (2) */
    assert_true(checked >= 17);
}

/* The refresh floor, with the message people see. */
static void test_refresh_floor(void **state)
{
    (void)state;
    const char *bad[] = {"1ms", "0s", "0", "999ms", "0.5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char want[128];
        snprintf(want, sizeof want, "'refresh' must be at least 1s, got '%s'",
                 bad[i]);
        expect_level_error(&levels[0], NULL, "refresh", bad[i], 3, 10, want);
        expect_level_error(&levels[2], NULL, "refresh", bad[i], 5, 18, want);
    }
    LayoutError err;
    Dashboard *d = load_level(&levels[0], NULL, "refresh", "1s", &err);
    assert_non_null(d);
    assert_true(d->refresh == 1);
    layout_free(d);
    d = load_level(&levels[2], NULL, "refresh", "1", &err);
    assert_non_null(d);
    assert_true(d->rows[0].panels[0].refresh == 1);
    layout_free(d);
}

/* The member an OPT_AT() option is stored in, read as a double (strings:
 * 1 when set). */
static double stored(const OptSpec *o, void *obj)
{
    char *at = (char *)obj + o->at - 1;
    switch (o->type) {
    case OPT_INT:
    case OPT_BOOL:
    case OPT_ENUM:
        return *(int *)(void *)at;
    case OPT_NUMBER:
    case OPT_DURATION:
        return *(double *)(void *)at;
    case OPT_STRING:
        return *(char **)(void *)at != NULL;
    default:
        fail_msg("option '%s': lists are not stored by the table", o->name);
    }
    return NAN;
}

/* With no key given, every stored option holds its table default: the
 * defaults come from the tables and nowhere else. A given value is stored
 * where the table says. */
static void test_defaults_from_tables(void **state)
{
    (void)state;
    int checked = 0;
    for (int li = 0; li < NLEVELS; li++) {
        const Level *l = &levels[li];
        LayoutError err;
        Dashboard *d = load_level(l, NULL, "# no", "key", &err);
        if (!d)
            fail_msg("%s: %s", l->what, err.msg);
        void *obj = l->obj(d);
        for (int i = 0; l->table[i].name; i++) {
            const OptSpec *o = &l->table[i];
            if (!o->at || !o->def)
                continue;
            ConfCtx x;
            ConfError e;
            ConfNode at = {.type = CONF_MAP, .line = 1, .col = 1};
            OptValue v = {0};
            conf_init(&x, "t.yaml", &e);
            assert_int_equal(conf_default(&x, o, &at, &v), 0);
            if (stored(o, obj) != v.num)
                fail_msg("%s %s: holds %g, the default '%s' is %g", l->what,
                         o->name, stored(o, obj), o->def, v.num);
            conf_value_free(&v);
            checked++;
        }
        layout_free(d);
    }
    /* refresh, height, min_height, width, good, threshold_mode,
     * repeat_direction, instant, good, threshold_mode, step_factor, hide,
     * kind, sort, all, multi, auto, auto_count, auto_min, hide
     * (scrape_interval has none: the server's) */
    assert_int_equal(checked, 20);

    /* given values land in their members */
    LayoutError err;
    Dashboard *d = load_level(&levels[1], NULL, "min_height", "7", &err);
    assert_non_null(d);
    assert_int_equal(d->rows[0].min_height, 7);
    layout_free(d);
    d = load_level(&levels[3], NULL, "legend", "'{{job}}'", &err);
    assert_non_null(d);
    assert_string_equal(d->rows[0].panels[0].queries[0].legend, "{{job}}");
    layout_free(d);
}

/* One rule for booleans, here as in config.yaml and theme files. */
static void test_layout_booleans(void **state)
{
    (void)state;
    const char *yes[] = {"true", "True", "TRUE", "yes", "YES", "on", "On"};
    const char *no[] = {"false", "FALSE", "No", "no", "off", "OFF"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        LayoutError err;
        Dashboard *d = load_level(&levels[3], NULL, "instant", yes[i], &err);
        assert_non_null(d);
        assert_int_equal(d->rows[0].panels[0].queries[0].instant, 1);
        layout_free(d);
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        LayoutError err;
        Dashboard *d = load_level(&levels[4], NULL, "all", no[i], &err);
        assert_non_null(d);
        assert_int_equal(d->vars[0].all, 0);
        layout_free(d);
    }
    expect_level_error(&levels[3], NULL, "instant", "tRuE", 8, 22,
                       "expected true or false for 'instant', got 'tRuE'");
    expect_level_error(&levels[4], NULL, "all", "y", 5, 10,
                       "expected true or false for 'all', got 'y'");
}

/* The tables themselves: names unique (and kind options apart from the
 * panel keys), help for the manual, choices for enums, an entry name for
 * lists, storable types where stored, defaults that read and sit inside
 * their bounds. */
static void check_table(const char *what, const OptSpec *t)
{
    for (int i = 0; t && t[i].name; i++) {
        const OptSpec *o = &t[i];
        for (int j = 0; j < i; j++)
            if (!strcmp(t[j].name, o->name))
                fail_msg("%s: '%s' twice", what, o->name);
        if (!o->help || !o->help[0])
            fail_msg("%s %s: no help", what, o->name);
        if ((o->type == OPT_ENUM) != (o->choices != NULL) &&
            o->type != OPT_DURATION)
            fail_msg("%s %s: choices go with enums", what, o->name);
        if ((o->type == OPT_LIST) != (o->item != NULL))
            fail_msg("%s %s: an item name goes with lists", what, o->name);
        if (o->at &&
            (o->type == OPT_NUMBERS || o->type == OPT_STRINGS ||
             o->type == OPT_LIST || o->type == OPT_MAP || o->type == OPT_TABLE))
            fail_msg("%s %s: lists cannot be stored by the table", what,
                     o->name);
        if ((o->flags & (OPT_MIN | OPT_MAX)) && o->type != OPT_INT &&
            o->type != OPT_NUMBER && o->type != OPT_DURATION &&
            o->type != OPT_NUMBERS)
            fail_msg("%s %s: bounds on a type without numbers", what, o->name);
        if (o->def) {
            ConfCtx x;
            ConfError e;
            ConfNode at = {.type = CONF_MAP, .line = 1, .col = 1};
            OptValue v = {0};
            conf_init(&x, "t.yaml", &e);
            if (conf_default(&x, o, &at, &v) < 0)
                fail_msg("%s %s: %s", what, o->name, e.msg);
            conf_value_free(&v);
        }
    }
}

static void test_tables_are_sound(void **state)
{
    (void)state;
    for (int li = 0; li < NLEVELS; li++)
        check_table(levels[li].what, levels[li].table);
    for (int k = 0; panel_kinds[k]; k++) {
        check_table(panel_kinds[k]->name, panel_kinds[k]->opts);
        for (int i = 0; panel_kinds[k]->opts && panel_kinds[k]->opts[i].name;
             i++)
            if (conf_spec(layout_panel_opts, panel_kinds[k]->opts[i].name))
                fail_msg("kind %s: option '%s' is also a panel key",
                         panel_kinds[k]->name, panel_kinds[k]->opts[i].name);
    }
}

/* ---- limits: size, depth, aliases, fuzz --------------------------------- */

static void test_size_limit(void **state)
{
    (void)state;
    const char *tail = "title: T\nrows:\n  - panels:\n      - {title: A, "
                       "kind: stat, query: up}\n";
    size_t cap = 1024 * 1024, tl = strlen(tail);
    char *big = malloc(cap + 2);
    assert_non_null(big);
    /* Exactly 1 MiB (mostly a comment) loads. */
    memset(big, 'x', cap - tl);
    big[0] = '#';
    big[cap - tl - 1] = '\n';
    memcpy(big + cap - tl, tail, tl);
    big[cap] = '\0';
    LayoutError err;
    Dashboard *d = layout_load_text("big.yaml", NULL, big, cap, &err);
    assert_non_null(d);
    layout_free(d);
    /* One byte more is refused before parsing. */
    memmove(big + 1, big, cap + 1);
    big[0] = '\n';
    d = layout_load_text("big.yaml", NULL, big, cap + 1, &err);
    assert_null(d);
    assert_int_equal(err.line, 0);
    assert_non_null(strstr(err.msg, "too big"));
    free(big);
}

static void test_depth_limit(void **state)
{
    (void)state;
    /* by: sits at depth 5; 27 brackets reach 32 (allowed), 28 do not. */
    for (int n = 27; n <= 28; n++) {
        char s[512], open[64], close[64];
        memset(open, '[', (size_t)n);
        open[n] = '\0';
        memset(close, ']', (size_t)n);
        close[n] = '\0';
        snprintf(s, sizeof s,
                 "title: T\nrows:\n  - panels:\n      - title: A\n        "
                 "kind: stat\n        query: up\n        sparkle: %sx%s\n",
                 open, close);
        LayoutError err;
        Dashboard *d = load_str(s, &err);
        assert_null(d);
        if (n == 27) {
            assert_null(strstr(err.msg, "too deeply"));
        } else {
            assert_int_equal(err.line, 7);
            assert_int_equal(err.col, 18 + n - 1);
            assert_non_null(strstr(err.msg, "too deeply nested"));
        }
    }
    /* A megabyte of '[' and of "- " stops at the cap, quickly. */
    size_t n = 1024 * 1024;
    char *s = malloc(n);
    assert_non_null(s);
    memset(s, '[', n);
    LayoutError err;
    assert_null(layout_load_text("deep.yaml", NULL, s, n, &err));
    assert_int_equal(err.line, 1);
    assert_int_equal(err.col, 33);
    for (size_t i = 0; i + 1 < n; i += 2) {
        s[i] = '-';
        s[i + 1] = ' ';
    }
    assert_null(layout_load_text("deep.yaml", NULL, s, n, &err));
    assert_non_null(strstr(err.msg, "too deeply nested"));
    free(s);
}

static void test_alias_bomb(void **state)
{
    (void)state;
    const char *bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
                       "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                       "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                       "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                       "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
    expect_bad_text(bomb, 2, 8, "aliases (*a) are not supported");
    /* An anchor alone is harmless. */
    layout_free(expect_ok("title: &t T\nrows:\n  - panels:\n      - &p {title: "
                          "A, kind: stat, query: up}\n"));
}

/* A small deterministic generator, so failures reproduce. */
static uint32_t rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* Loads text and checks the result is either a dashboard or a positioned
 * error with a message; ASan and UBSan do the rest. */
static void fuzz_one(const char *text, size_t len)
{
    LayoutError err;
    char buf[1024];
    Dashboard *d = layout_load_text("fuzz.yaml", NULL, text, len, &err);
    if (d) {
        assert_non_null(d->title);
        assert_true(d->nrows > 0);
        Rect out[64];
        layout_place(d, (Rect){0, 0, 80, 24}, out, 64);
        layout_free(d);
        return;
    }
    assert_true(err.msg[0] != '\0');
    assert_true(err.line >= 0 && err.col >= 0);
    conf_error_format(&err, buf, sizeof buf);
}

static void test_fuzz(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/layouts/good.yaml", FIXTURES_DIR);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char good[8192];
    size_t glen = fread(good, 1, sizeof good - 1, f);
    fclose(f);
    assert_true(glen > 100);

    static const char *const tokens[] = {
        "\n",    " ",    "\t",     ":",   "- ",   "[",  "]",
        "{",     "}",    "&a ",    "*a",  "'",    "\"", "#",
        "---\n", "? ",   "!!str ", "|\n", ">\n",  "$",  "${x}",
        "\xff",  "\xc3", "\\0",    "~",   "null", ",",  "\r",
    };
    uint32_t seed = 12345;
    char buf[9000];
    /* Mutations of the good file: byte flips, cuts and token inserts. */
    for (int it = 0; it < 3000; it++) {
        size_t len = glen;
        memcpy(buf, good, len);
        int edits = 1 + (int)(rnd(&seed) % 4);
        for (int e = 0; e < edits && len > 0; e++) {
            size_t at = rnd(&seed) % len;
            switch (rnd(&seed) % 3) {
            case 0:
                buf[at] = (char)(rnd(&seed) & 0xff);
                break;
            case 1: {
                size_t cut = 1 + rnd(&seed) % 16;
                if (cut > len - at)
                    cut = len - at;
                memmove(buf + at, buf + at + cut, len - at - cut);
                len -= cut;
                break;
            }
            default: {
                const char *t =
                    tokens[rnd(&seed) % (sizeof tokens / sizeof tokens[0])];
                size_t tl = strlen(t);
                if (len + tl < sizeof buf) {
                    memmove(buf + at + tl, buf + at, len - at);
                    memcpy(buf + at, t, tl);
                    len += tl;
                }
                break;
            }
            }
        }
        fuzz_one(buf, len);
    }
    /* Random bytes and random token soups. */
    for (int it = 0; it < 1000; it++) {
        size_t len = rnd(&seed) % 512;
        if (it % 2) {
            for (size_t i = 0; i < len; i++)
                buf[i] = (char)(rnd(&seed) & 0xff);
        } else {
            size_t n = 0;
            while (n < len) {
                const char *t =
                    tokens[rnd(&seed) % (sizeof tokens / sizeof tokens[0])];
                size_t tl = strlen(t);
                if (n + tl >= sizeof buf)
                    break;
                memcpy(buf + n, t, tl);
                n += tl;
            }
            len = n;
        }
        fuzz_one(buf, len);
    }
}

static void check_place(const Dashboard *d, Rect area, const Rect *out, int n,
                        int *hs);

/* ---- files, messages, bundled ------------------------------------------- */

static void test_load_file_errors(void **state)
{
    (void)state;
    LayoutError err;
    char buf[1024];
    assert_null(layout_load_file(FIXTURES_DIR "/layouts/no-such.yaml", &err));
    assert_int_equal(err.line, 0);
    conf_error_format(&err, buf, sizeof buf);
    assert_string_equal(buf, FIXTURES_DIR "/layouts/no-such.yaml: cannot read: "
                                          "No such file or directory");
    assert_null(layout_load_file(FIXTURES_DIR "/layouts", &err));
    assert_string_equal(err.msg, "cannot read: a directory, not a file");
    /* A NULL error pointer is allowed. */
    assert_null(layout_load_file(FIXTURES_DIR "/layouts/no-such.yaml", NULL));
    assert_null(load_str("title: [", NULL));
}

static void test_error_format(void **state)
{
    (void)state;
    LayoutError err = {.file = "x.yaml",
                       .line = 3,
                       .col = 10,
                       .msg = "bad duration '10q' for 'refresh'"};
    char buf[256];
    assert_string_equal(conf_error_format(&err, buf, sizeof buf),
                        "x.yaml:3:10: bad duration '10q' for 'refresh'");
    err.line = err.col = 0;
    assert_string_equal(conf_error_format(&err, buf, sizeof buf),
                        "x.yaml: bad duration '10q' for 'refresh'");
    char small[8];
    assert_string_equal(conf_error_format(&err, small, sizeof small),
                        "x.yaml:");
    assert_null(conf_error_format(&err, NULL, 0));

    /* User text in messages is cut and has no control characters. */
    char text[600];
    snprintf(
        text, sizeof text, "title: T\n\"%s\": 1\nrows: []\n",
        "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
        "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk");
    LayoutError e2;
    assert_null(load_str("title: T\n\"a\\x01b\": 1\nrows: []\n", &e2));
    assert_non_null(strstr(e2.msg, "unknown key 'a\xef\xbf\xbd"
                                   "b'"));
    assert_null(load_str(text, &e2));
    assert_non_null(strstr(e2.msg, "...'"));
    assert_true(strlen(e2.msg) < 400);
}

/* Every bundled layout (the build's own table) loads, under its name. */
static void test_bundled(void **state)
{
    (void)state;
    int n = 0;
    for (const BundledLayout *b = layouts_bundled; b->name; b++, n++) {
        assert_ptr_equal(layout_bundled_find(b->name), b);
        LayoutError err;
        char buf[1024];
        Dashboard *d =
            layout_load_text(b->file, b->name, b->text, b->len, &err);
        if (!d)
            fail_msg("%s", conf_error_format(&err, buf, sizeof buf));
        assert_string_equal(d->name, b->name);
        assert_string_equal(d->file, b->file);
        assert_true(layout_panel_count(d) > 0);
        Rect out[64];
        int hs[64];
        Rect area = {0, 1, 120, 39};
        if (d->nrows <= 64 && layout_panel_count(d) <= 64)
            check_place(d, area, out, layout_place(d, area, out, 64), hs);
        layout_free(d);
    }
    assert_true(n > 0);
    assert_null(layout_bundled_find("no-such-dashboard"));
    assert_null(layout_bundled_find(NULL));
    assert_int_equal(layout_panel_count(NULL), 0);
    layout_free(NULL);
}

/* ---- geometry ----------------------------------------------------------- */

/* A dashboard built by hand: rows[i] = {weight, min, npanels, widths...}. */
typedef struct {
    Dashboard d;
    RowConf rows[64];
    PanelConf panels[64][16];
} Geo;

static void geo_row(Geo *g, int height, int min_height, int n,
                    const int *widths)
{
    RowConf *r = &g->rows[g->d.nrows];
    r->height = height;
    r->min_height = min_height;
    r->npanels = n;
    r->panels = g->panels[g->d.nrows];
    for (int i = 0; i < n; i++)
        r->panels[i].width = widths ? widths[i] : 1;
    g->d.nrows++;
    g->d.rows = g->rows;
}

/* The system dashboard's shape: weights 3,3,3,2; mins 6,7,6,6. */
static void geo_system(Geo *g)
{
    static const int w0[] = {3, 1, 2}, w1[] = {1, 1, 1}, w2[] = {2, 1, 1},
                     w3[] = {1};
    memset(g, 0, sizeof *g);
    geo_row(g, 3, 6, 3, w0);
    geo_row(g, 3, 7, 3, w1);
    geo_row(g, 3, 6, 3, w2);
    geo_row(g, 2, 6, 1, w3);
}

static int rect_empty(Rect r)
{
    return r.w == 0 || r.h == 0;
}

/* Checks every invariant of a placement and returns the row heights in
 * hs[] (0 for hidden rows). */
static void check_place(const Dashboard *d, Rect area, const Rect *out, int n,
                        int *hs)
{
    int W = area.w > 0 ? area.w : 0, H = area.h > 0 ? area.h : 0;
    assert_int_equal(n, layout_panel_count(d));
    for (int i = 0; i < n; i++) {
        Rect a = out[i];
        if (rect_empty(a)) {
            assert_true(a.x == 0 && a.y == 0 && a.w == 0 && a.h == 0);
            continue;
        }
        assert_true(a.w > 0 && a.h > 0);
        assert_true(a.x >= area.x && a.x + a.w <= area.x + W);
        assert_true(a.y >= area.y && a.y + a.h <= area.y + H);
        for (int j = 0; j < i; j++) {
            Rect b = out[j];
            if (rect_empty(b))
                continue;
            int apart = a.x + a.w <= b.x || b.x + b.w <= a.x ||
                        a.y + a.h <= b.y || b.y + b.h <= a.y;
            assert_true(apart);
        }
    }
    int k = 0, sumh = 0, y = area.y;
    for (int r = 0; r < d->nrows; r++) {
        const RowConf *row = &d->rows[r];
        int h = 0, sumw = 0, x = area.x;
        for (int j = 0; j < row->npanels; j++, k++) {
            Rect a = out[k];
            if (rect_empty(a))
                continue;
            if (h == 0)
                h = a.h;
            assert_int_equal(a.h, h); /* one height per row */
            assert_int_equal(a.y, y);
            assert_int_equal(a.x, x); /* left to right, no gaps */
            x += a.w;
            sumw += a.w;
        }
        if (h > 0)
            assert_int_equal(sumw, W);
        hs[r] = h;
        sumh += h;
        y += h;
    }
    if (W > 0 && d->nrows > 0)
        assert_int_equal(sumh, H);
    if (W == 0 || H == 0)
        assert_int_equal(sumh, 0);
}

static void test_place_200x50(void **state)
{
    (void)state;
    Geo g;
    geo_system(&g);
    Rect out[16];
    int hs[4];
    Rect area = {0, 0, 200, 50};
    int n = layout_place(&g.d, area, out, 16);
    check_place(&g.d, area, out, n, hs);
    /* 50 by 3:3:3:2 -> 13.6 each, 9.1: ceilings of the running sums. */
    assert_int_equal(hs[0], 14);
    assert_int_equal(hs[1], 14);
    assert_int_equal(hs[2], 13);
    assert_int_equal(hs[3], 9);
    /* 200 by 3:1:2 -> 100, 34, 66 (rounding favours the left). */
    assert_int_equal(out[0].w, 100);
    assert_int_equal(out[1].w, 34);
    assert_int_equal(out[2].w, 66);
    assert_int_equal(out[9].w, 200);
    assert_int_equal(out[9].y, 41);
}

static void test_place_80x24(void **state)
{
    (void)state;
    Geo g;
    geo_system(&g);
    Rect out[16];
    int hs[4];
    Rect area = {0, 1, 80, 24}; /* below a one-line tab bar */
    int n = layout_place(&g.d, area, out, 16);
    check_place(&g.d, area, out, n, hs);
    /* Minimums 6+7+6 fit in 24, the fourth row's 6 more do not: it hides,
     * and the three visible rows share 24 by weight, 8 each. */
    assert_int_equal(hs[0], 8);
    assert_int_equal(hs[1], 8);
    assert_int_equal(hs[2], 8);
    assert_int_equal(hs[3], 0);
    assert_int_equal(out[0].y, 1);
    assert_int_equal(out[3].y, 9);
    assert_true(rect_empty(out[9]));
}

static void test_place_1x1(void **state)
{
    (void)state;
    Geo g;
    geo_system(&g);
    Rect out[16];
    int hs[4];
    Rect area = {3, 4, 1, 1};
    int n = layout_place(&g.d, area, out, 16);
    check_place(&g.d, area, out, n, hs);
    /* Nothing fits its minimum: the first row takes the line, and its
     * first panel the column. */
    assert_int_equal(hs[0], 1);
    assert_true(out[0].x == 3 && out[0].y == 4 && out[0].w == 1 &&
                out[0].h == 1);
    for (int i = 1; i < n; i++)
        assert_true(rect_empty(out[i]));
}

static void test_place_0x0(void **state)
{
    (void)state;
    Geo g;
    geo_system(&g);
    Rect out[16];
    int hs[4];
    Rect areas[] = {{0, 0, 0, 0},
                    {5, 5, 0, 10},
                    {5, 5, 10, 0},
                    {0, 0, -3, -7},
                    {2, 2, -1, 30}};
    for (size_t a = 0; a < sizeof areas / sizeof areas[0]; a++) {
        memset(out, 0x55, sizeof out);
        int n = layout_place(&g.d, areas[a], out, 16);
        assert_int_equal(n, 10);
        check_place(&g.d, areas[a], out, n, hs);
        for (int i = 0; i < n; i++)
            assert_true(out[i].x == 0 && out[i].y == 0 && out[i].w == 0 &&
                        out[i].h == 0);
    }
}

static void test_place_rows_that_do_not_fit(void **state)
{
    (void)state;
    Geo g;
    int hs[8];
    Rect out[16];
    memset(&g, 0, sizeof g);
    geo_row(&g, 1, 6, 1, NULL);
    geo_row(&g, 1, 7, 2, NULL);
    geo_row(&g, 5, 3, 1, NULL);
    /* 10 lines: the first row fits (6), the second needs 7 of 4 left: it
     * and every later row hide, even the third that would fit alone. */
    Rect area = {0, 0, 40, 10};
    int n = layout_place(&g.d, area, out, 16);
    check_place(&g.d, area, out, n, hs);
    assert_int_equal(hs[0], 10);
    assert_int_equal(hs[1], 0);
    assert_int_equal(hs[2], 0);
    /* Exactly the sum of minimums: everyone at the minimum. */
    area.h = 16;
    n = layout_place(&g.d, area, out, 16);
    check_place(&g.d, area, out, n, hs);
    assert_true(hs[0] == 6 && hs[1] == 7 && hs[2] == 3);
    /* Minimums hold against weights: 30 by 1:1:5 would give 4.3, 4.3,
     * 21.4; the first two hold at 6 and 7 and the third takes 17. */
    area.h = 30;
    n = layout_place(&g.d, area, out, 16);
    check_place(&g.d, area, out, n, hs);
    assert_true(hs[0] == 6 && hs[1] == 7 && hs[2] == 17);
    /* Holding one row can push another under its share: 1:10:1 with
     * mins 10, 3, 8 in 30 -> row 0 held at 10, then row 2 (share 20/11)
     * held at 8, row 1 takes 12. */
    memset(&g, 0, sizeof g);
    geo_row(&g, 1, 10, 1, NULL);
    geo_row(&g, 10, 3, 1, NULL);
    geo_row(&g, 1, 8, 1, NULL);
    area.h = 30;
    n = layout_place(&g.d, area, out, 16);
    check_place(&g.d, area, out, n, hs);
    assert_true(hs[0] == 10 && hs[1] == 12 && hs[2] == 8);
}

static void test_place_narrow_and_partial(void **state)
{
    (void)state;
    Geo g;
    int hs[8];
    Rect out[16];
    memset(&g, 0, sizeof g);
    static const int w[] = {1, 1, 1, 1, 1};
    geo_row(&g, 1, 3, 5, w);
    /* 2 columns for 5 panels: two get one column each, the rest hide. */
    Rect area = {0, 0, 2, 10};
    int n = layout_place(&g.d, area, out, 16);
    check_place(&g.d, area, out, n, hs);
    int shown = 0;
    for (int i = 0; i < n; i++)
        shown += !rect_empty(out[i]);
    assert_int_equal(shown, 2);
    /* A short out[] gets the first panels only. */
    area.w = 100;
    assert_int_equal(layout_place(&g.d, area, out, 3), 3);
    assert_int_equal(out[0].w + out[1].w + out[2].w, 60);
    assert_int_equal(layout_place(&g.d, area, out, 0), 0);
    assert_int_equal(layout_place(NULL, area, out, 16), 0);
    assert_int_equal(layout_place(&g.d, area, NULL, 16), 0);
}

static void test_place_from_yaml(void **state)
{
    (void)state;
    LayoutError err;
    Dashboard *d = load_fixture("good.yaml", &err);
    assert_non_null(d);
    Rect out[8];
    int hs[2];
    Rect area = {0, 0, 120, 40};
    int n = layout_place(d, area, out, 8);
    check_place(d, area, out, n, hs);
    /* Row weights 2:1 with mins 6, 5 -> 27 and 13; widths 2:1 -> 80, 40. */
    assert_int_equal(hs[0], 27);
    assert_int_equal(hs[1], 13);
    assert_int_equal(out[0].w, 80);
    assert_int_equal(out[1].w, 40);
    assert_int_equal(out[2].w, 120);
    layout_free(d);
}

static void test_place_random(void **state)
{
    (void)state;
    uint32_t seed = 777;
    static Geo g;
    Rect out[64 * 16];
    int hs[64];
    for (int it = 0; it < 3000; it++) {
        memset(&g, 0, sizeof g);
        int nrows = 1 + (int)(rnd(&seed) % 12);
        for (int r = 0; r < nrows; r++) {
            int np = 1 + (int)(rnd(&seed) % 8), w[16];
            for (int j = 0; j < np; j++)
                w[j] = 1 + (int)(rnd(&seed) % (it % 3 ? 5 : 1000));
            geo_row(&g, 1 + (int)(rnd(&seed) % (it % 2 ? 4 : 1000)),
                    3 + (int)(rnd(&seed) % 12), np, w);
        }
        Rect area = {(int)(rnd(&seed) % 5), (int)(rnd(&seed) % 5),
                     (int)(rnd(&seed) % 300) - 5, (int)(rnd(&seed) % 120) - 5};
        int n = layout_place(&g.d, area, out, 64 * 16);
        check_place(&g.d, area, out, n, hs);
        /* Visible rows hold their minimums unless only the first shows. */
        int H = area.h > 0 ? area.h : 0, W = area.w > 0 ? area.w : 0;
        if (W == 0 || H == 0)
            continue;
        int visible = 0, mins = 0;
        for (int r = 0; r < nrows; r++) {
            if (hs[r] == 0)
                continue;
            visible++;
            mins += g.rows[r].min_height;
            if (H >= g.rows[0].min_height)
                assert_true(hs[r] >= g.rows[r].min_height);
        }
        /* Hidden rows come only after the last visible one, and only when
         * the next minimum did not fit. */
        for (int r = 0; r < visible; r++)
            assert_true(hs[r] > 0);
        if (visible < nrows && H >= g.rows[0].min_height)
            assert_true(mins + g.rows[visible].min_height > H);
    }
    /* Huge areas and weights stay exact. */
    memset(&g, 0, sizeof g);
    static const int big[] = {1000, 999, 1};
    geo_row(&g, 1000, 1000, 3, big);
    geo_row(&g, 1, 3, 3, big);
    Rect area = {0, 0, 2000000000, 2000000000};
    int n = layout_place(&g.d, area, out, 64);
    check_place(&g.d, area, out, n, hs);
    area = (Rect){2000000000, 2000000000, 2000000000, 2000000000};
    n = layout_place(&g.d, area, out, 64);
    assert_int_equal(n, 6);
    for (int i = 0; i < n; i++)
        assert_true(out[i].x >= area.x && out[i].x <= 2147483647 - out[i].w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_fixture),
        cmocka_unit_test(test_bad_syntax),
        cmocka_unit_test(test_bad_unknown_key),
        cmocka_unit_test(test_bad_unknown_kind),
        cmocka_unit_test(test_bad_unknown_option),
        cmocka_unit_test(test_units_checked),
        cmocka_unit_test(test_panel_windows),
        cmocka_unit_test(test_bad_wrong_type),
        cmocka_unit_test(test_bad_duration),
        cmocka_unit_test(test_bad_missing_title),
        cmocka_unit_test(test_bad_missing_queries),
        cmocka_unit_test(test_bad_both_queries),
        cmocka_unit_test(test_bad_unknown_variable),
        cmocka_unit_test(test_bad_duplicate_key),
        cmocka_unit_test(test_bad_duplicate_title),
        cmocka_unit_test(test_bad_empty_rows),
        cmocka_unit_test(test_bad_too_deep),
        cmocka_unit_test(test_bad_tab),
        cmocka_unit_test(test_bad_inline),
        cmocka_unit_test(test_vars_consts_ranges),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_accepted_forms),
        cmocka_unit_test(test_alert_sources),
        cmocka_unit_test(test_variables),
        cmocka_unit_test(test_keys_match_option_tables),
        cmocka_unit_test(test_kind_options),
        cmocka_unit_test(test_unknown_keys_every_level),
        cmocka_unit_test(test_bounds_every_level),
        cmocka_unit_test(test_refresh_floor),
        cmocka_unit_test(test_defaults_from_tables),
        cmocka_unit_test(test_layout_booleans),
        cmocka_unit_test(test_tables_are_sound),
        cmocka_unit_test(test_size_limit),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_alias_bomb),
        cmocka_unit_test(test_fuzz),
        cmocka_unit_test(test_load_file_errors),
        cmocka_unit_test(test_error_format),
        cmocka_unit_test(test_bundled),
        cmocka_unit_test(test_place_200x50),
        cmocka_unit_test(test_place_80x24),
        cmocka_unit_test(test_place_1x1),
        cmocka_unit_test(test_place_0x0),
        cmocka_unit_test(test_place_rows_that_do_not_fit),
        cmocka_unit_test(test_place_narrow_and_partial),
        cmocka_unit_test(test_place_from_yaml),
        cmocka_unit_test(test_place_random),
        cmocka_unit_test(test_one_line_texts),
        cmocka_unit_test(test_error_one_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
