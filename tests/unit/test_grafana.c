/* test_grafana.c - unit tests of the Grafana dashboard reader
 * (layouts/grafana.c) through the layout loader: the fixture dashboards
 * under FIXTURES_DIR/grafana (every panel type, the legacy rows[] model
 * with an export's __inputs, every variable type), the wrappers, the
 * grid cut into rows, sections and columns, the notes --check lists,
 * errors named by where they are, and a fuzz. Also the run-time pieces
 * the reader relies on: ${var:format}, variable answers through regex and
 * sort, ad hoc filters, mappings, threshold colours and overrides. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <cjson/cJSON.h>

#include "../../datasource/query.h"
#include "../../layouts/grafana.h"
#include "../../layouts/layout.h"

#ifndef FIXTURES_DIR
#define FIXTURES_DIR "tests/fixtures"
#endif

/* ---- helpers ------------------------------------------------------------ */

static Dashboard *load_fixture(const char *name)
{
    char path[512], buf[1024];
    LayoutError err;
    snprintf(path, sizeof path, "%s/grafana/%s", FIXTURES_DIR, name);
    Dashboard *d = layout_load_file(path, &err);
    if (!d)
        fail_msg("%s: %s", name, conf_error_format(&err, buf, sizeof buf));
    return d;
}

static Dashboard *load_json(const char *json, LayoutError *err)
{
    return layout_load_text("t.json", NULL, json, strlen(json), err);
}

static Dashboard *expect_json(const char *json)
{
    LayoutError err;
    char buf[1024];
    Dashboard *d = load_json(json, &err);
    if (!d)
        fail_msg("%s\nin: %s", conf_error_format(&err, buf, sizeof buf), json);
    return d;
}

static void expect_json_error(const char *json, const char *sub)
{
    LayoutError err;
    char buf[1024];
    Dashboard *d = load_json(json, &err);
    if (d) {
        layout_free(d);
        fail_msg("loaded, expected '%s': %s", sub, json);
    }
    conf_error_format(&err, buf, sizeof buf);
    if (!strstr(buf, sub))
        fail_msg("got '%s', expected '%s'", buf, sub);
}

static const PanelConf *panel(const Dashboard *d, const char *title)
{
    for (int i = 0; i < d->npanels; i++)
        if (!strcmp(d->panels[i]->title, title))
            return d->panels[i];
    fail_msg("no panel '%s'", title);
    return NULL;
}

static const VarConf *var(const Dashboard *d, const char *name)
{
    for (int i = 0; i < d->nvars; i++)
        if (!strcmp(d->vars[i].name, name))
            return &d->vars[i];
    fail_msg("no variable '%s'", name);
    return NULL;
}

static const char *opt_str(const PanelConf *pc, const char *name)
{
    int i = panel_opt_index(pc->cls, name);
    assert_true(i >= 0);
    return pc->opts[i].set ? pc->opts[i].str : NULL;
}

static double opt_num(const PanelConf *pc, const char *name)
{
    int i = panel_opt_index(pc->cls, name);
    assert_true(i >= 0);
    return pc->opts[i].num;
}

/* 1 when some note holds `sub`. */
static int has_note(const Dashboard *d, const char *sub)
{
    for (int i = 0; i < d->nnotes; i++)
        if (strstr(d->notes[i], sub))
            return 1;
    return 0;
}

#define assert_note(d, sub)                                                    \
    do {                                                                       \
        if (!has_note(d, sub))                                                 \
            fail_msg("no note holds '%s'", sub);                               \
    } while (0)

/* ---- panel types -----------------------------------------------------------
 */

/* Sizes and counts far past an int (a grid position of 1e18, a legacy
 * row's span and height of 1e300, a variable's query type and auto_count)
 * are held within range before any cast: the dashboard loads, or is
 * refused in one line for a size past what promboard takes. */
static void test_huge_numbers(void **state)
{
    (void)state;
    LayoutError err;
    Dashboard *d = expect_json(
        "{\"title\": \"H\", \"panels\": [{\"type\": \"stat\", \"title\": "
        "\"s\", \"gridPos\": {\"x\": 1e18, \"y\": "
        "-1e18, \"w\": 1e300, \"h\": 4e9}, \"targets\": [{\"expr\": "
        "\"up\"}]}]}");
    layout_free(d);
    d = load_json("{\"title\": \"L\", \"rows\": [{\"height\": 1e300, "
                  "\"panels\": [{\"type\": \"singlestat\", \"title\": \"s\", "
                  "\"span\": 1e300, \"height\": \"1e300px\", \"targets\": "
                  "[{\"expr\": \"up\"}]}]}]}",
                  &err);
    if (d) /* loaded, or refused for its size in one line */
        layout_free(d);
    else
        assert_non_null(strstr(err.msg, "must be between"));
    /* a query type no Grafana knows: no query, said in one line */
    d = load_json("{\"title\": \"Q\", \"panels\": [], \"templating\": "
                  "{\"list\": [{\"name\": \"v\", \"type\": \"query\", "
                  "\"query\": {\"qryType\": 1e300, \"metric\": \"up\"}}]}}",
                  &err);
    assert_null(d);
    d = load_json("{\"title\": \"I\", \"panels\": [], \"templating\": "
                  "{\"list\": [{\"name\": \"i\", \"type\": \"interval\", "
                  "\"query\": \"1m,5m\", \"auto\": true, \"auto_count\": "
                  "1e300}]}}",
                  &err);
    assert_null(d);
    assert_non_null(strstr(err.msg, "'auto_count' must be between 1 and"));
}

static void test_kinds(void **state)
{
    (void)state;
    Dashboard *d = load_fixture("kinds.json");
    assert_string_equal(d->title, "Kinds");
    assert_string_equal(d->name, "kinds");
    assert_true(fabs(d->refresh - 30) < 1e-9);
    assert_true(fabs(d->range - 6 * 3600) < 1e-9);

    const PanelConf *p = panel(d, "Latency buckets");
    assert_string_equal(p->cls->name, "heatmap");
    assert_string_equal(opt_str(p, "mode"), "buckets");
    assert_string_equal(p->queries[0].legend, "{{le}}");

    p = panel(d, "Share");
    assert_string_equal(p->cls->name, "pie");
    assert_int_equal((int)opt_num(p, "donut"), 1);
    assert_int_equal((int)opt_num(p, "legend"), 0);
    assert_int_equal(p->queries[0].instant, 1);

    /* state-timeline: a row per series coloured by its mappings */
    p = panel(d, "States");
    assert_string_equal(p->cls->name, "heatmap");
    assert_string_equal(opt_str(p, "mode"), "series");
    assert_int_equal(p->nmappings, 5);
    assert_int_equal(p->mappings[0].type, MAP_VALUE);
    assert_string_equal(p->mappings[0].text, "Down");
    assert_int_equal(p->mappings[0].role, ROLE_CRIT);
    assert_int_equal(p->mappings[1].role, ROLE_OK);
    assert_int_equal(p->mappings[2].type, MAP_RANGE);
    assert_true(p->mappings[2].from == 2 && p->mappings[2].to == 10);
    assert_int_equal(p->mappings[2].role, ROLE_WARN);
    assert_int_equal(p->mappings[3].type, MAP_REGEX);
    assert_int_equal(p->mappings[3].role, -1);
    assert_int_equal(p->mappings[4].type, MAP_SPECIAL);
    assert_int_equal(p->mappings[4].special, MAP_NAN);
    assert_string_equal(panel(d, "History")->cls->name, "heatmap");

    p = panel(d, "Bars");
    assert_string_equal(p->cls->name, "bar");
    assert_string_equal(opt_str(p, "orientation"), "horizontal");
    assert_int_equal((int)opt_num(p, "stack"), 1);

    p = panel(d, "Spread");
    assert_string_equal(p->cls->name, "histogram");
    assert_note(d, "panels[5]: histogram of raw values");

    p = panel(d, "Firing");
    assert_string_equal(p->cls->name, "alertlist");
    assert_string_equal(p->queries[0].expr,
                        "ALERTS{alertstate=~\"firing|pending\", "
                        "alertname=~\"(?i).*Disk.*\"}");

    p = panel(d, "Notes");
    assert_string_equal(p->cls->name, "text");
    assert_string_equal(
        opt_str(p, "content"),
        "Runbook\nCall the team (https://example.com) at once.");

    /* a panel promboard does not draw keeps its place and names itself */
    p = panel(d, "Logs");
    assert_string_equal(p->cls->name, "text");
    assert_string_equal(opt_str(p, "content"),
                        "Grafana logs panel (not drawn here)");
    assert_note(d, "panels[8]: 'logs' panel not drawn");

    /* stat: calculation over time, colour mode, no value, thresholds whose
     * colours run high-is-good */
    p = panel(d, "Mean");
    assert_string_equal(p->cls->name, "stat");
    assert_string_equal(opt_str(p, "calc"), "mean");
    assert_string_equal(opt_str(p, "color_mode"), "background");
    assert_int_equal((int)opt_num(p, "sparkline"), 0);
    assert_string_equal(p->unit, "percentunit");
    assert_int_equal(p->decimals, 2);
    assert_string_equal(p->no_value, "none yet");
    assert_int_equal(p->thresholds.n, 2);
    assert_true(p->thresholds.steps[0] == 0.5 && p->thresholds.steps[1] == 0.9);
    assert_int_equal(p->thresholds.good_high, 1);
    assert_null(p->thresholds.roles);

    /* percentage thresholds of a known min..max become values */
    p = panel(d, "Pct");
    assert_string_equal(p->cls->name, "gauge");
    assert_true(p->min == 0 && p->max == 200);
    assert_true(p->thresholds.steps[0] == 100 && p->thresholds.steps[1] == 150);
    assert_int_equal(p->thresholds.percent, 0);
    /* ... and of Grafana's default 0..100 gauge, with their own colours */
    p = panel(d, "Pct data");
    assert_string_equal(p->cls->name, "bargauge");
    assert_true(p->min == 0 && p->max == 100);
    assert_true(p->thresholds.steps[0] == 40);
    assert_non_null(p->thresholds.roles);
    assert_int_equal(p->thresholds.roles[0], ROLE_VALUE);
    assert_int_equal(p->thresholds.roles[1], ROLE_VALUE);
    assert_string_equal(opt_str(p, "orientation"), "vertical");

    /* timeseries: overrides by regex, name, names and query; min step,
     * step factor, max points; hidden and empty targets left out */
    p = panel(d, "Traffic");
    assert_string_equal(p->cls->name, "timeseries");
    assert_int_equal(p->max_points, 200);
    assert_true(p->min_step == 30);
    assert_string_equal(opt_str(p, "legend"), "right");
    assert_int_equal((int)opt_num(p, "stack_percent"), 1);
    assert_int_equal(p->thresholds.n, 1); /* thresholdsStyle: line */
    assert_int_equal(p->nqueries, 2);
    assert_string_equal(p->queries[0].legend, "Rx {{device}}");
    assert_true(p->queries[0].min_step == 60);
    assert_int_equal(p->queries[0].step_factor, 2);
    assert_null(p->queries[1].legend); /* __auto: the series' own name */
    assert_int_equal(p->queries[1].instant, 1);
    assert_string_equal(p->queries[1].unit, "percent");
    assert_int_equal(p->queries[1].decimals, 1);
    assert_int_equal(p->noverrides, 3);
    assert_non_null(p->overrides[0].regex);
    assert_int_equal(p->overrides[0].negative, 1);
    assert_int_equal(p->overrides[1].nnames, 1);
    assert_string_equal(p->overrides[1].names[0], "Rx lo");
    assert_int_equal(p->overrides[1].role, ROLE_SERIES2);
    assert_int_equal(p->overrides[1].nostack, 1); /* a stacking group apart */
    assert_int_equal(p->overrides[0].nostack, 0);
    assert_int_equal(p->overrides[2].nnames, 2);
    assert_int_equal(p->overrides[2].nolegend, 1);
    assert_int_equal(p->overrides[2].right, 1);
    assert_int_equal(p->overrides[1].right, 0);
    assert_int_equal(p->overrides[1].dash, 1); /* lineStyle fill: dash */
    assert_int_equal(p->overrides[0].dash, 0);
    assert_false(has_note(d, "lineStyle"));
    assert_note(d, "panels[12].fieldConfig.overrides[4]: matcher byType "
                   "ignored");
    assert_string_equal(opt_str(p, "style"), "bars");
    assert_false(has_note(d, "drawStyle"));

    /* table: "Value #A" is query A's column; label columns renamed */
    p = panel(d, "Stats");
    assert_string_equal(p->cls->name, "table");
    assert_string_equal(p->queries[0].name, "Count");
    assert_int_equal(p->queries[0].hide, 1);
    assert_string_equal(p->queries[1].name, "Uptime");
    assert_string_equal(p->queries[1].unit, "s");
    assert_int_equal(p->noverrides, 1);
    assert_string_equal(p->overrides[0].name, "Job");
    assert_false(has_note(d, "panels[13].transformations[0]"));

    /* titles stay unique; an untitled panel without queries still shows */
    assert_string_equal(panel(d, "Stat (2)")->cls->name, "gauge");
    assert_note(d, "panels[15]: title 'Stat' is taken: shown as 'Stat (2)'");
    assert_string_equal(panel(d, "graph panel 17")->cls->name, "text");
    layout_free(d);
}

/* ---- the legacy model: rows[], singlestat, graph, __inputs ------------- */

static void test_legacy(void **state)
{
    (void)state;
    Dashboard *d = load_fixture("legacy.json");
    assert_true(fabs(d->range - 7 * 86400) < 1e-9);
    assert_note(d, "time.from: 'now-7d/d' not rounded");
    assert_note(d, "annotations.list[1]: annotations 'Deploys' not drawn");
    /* __inputs: the constant's value, the datasource dropped */
    assert_int_equal(d->nconsts, 1);
    assert_string_equal(d->consts[0].name, "job");
    assert_string_equal(d->consts[0].text, "node");

    /* rows become sections: the titled one open, the collapsed one shut */
    assert_true(d->rows[0].section);
    assert_string_equal(d->rows[0].panels[0].title, "Top");
    assert_int_equal(d->rows[0].panels[0].collapsed, 0);
    int hidden = -1;
    for (int r = 0; r < d->nrows; r++)
        if (d->rows[r].section && !strcmp(d->rows[r].panels[0].title, "Hidden"))
            hidden = r;
    assert_true(hidden > 0);
    assert_int_equal(d->rows[hidden].panels[0].collapsed, 1);
    assert_int_equal(d->rows[hidden].panels[0].nunder, 3);
    /* span 3 of 12 is 6 of 24; heights from pixels (150px: 4 units) */
    const RowConf *top = &d->rows[1];
    assert_int_equal(top->npanels, 3);
    assert_int_equal(top->panels[0].width, 6);
    assert_int_equal(top->panels[2].width, 12);
    assert_int_equal(top->height, 4);
    /* a repeated row's copy is not a row of its own */
    for (int i = 0; i < d->npanels; i++)
        assert_string_not_equal(d->panels[i]->title, "Copy");

    const PanelConf *p = panel(d, "Up");
    assert_string_equal(p->cls->name, "stat");
    assert_string_equal(p->unit, "percent");
    assert_string_equal(opt_str(p, "calc"), "mean");
    assert_int_equal((int)opt_num(p, "sparkline"), 1);
    assert_true(p->thresholds.steps[0] == 50 && p->thresholds.steps[1] == 80);
    assert_int_equal(p->thresholds.good_high, 1);
    assert_int_equal(p->nmappings, 2);
    assert_int_equal(p->mappings[1].type, MAP_SPECIAL);
    assert_string_equal(p->queries[0].expr, "up{job=\"$job\"}");
    assert_note(d, "rows[0].panels[0].prefix: prefix/postfix text not shown");

    p = panel(d, "Load");
    assert_string_equal(p->cls->name, "gauge");
    assert_true(p->min == 0 && p->max == 8);

    p = panel(d, "CPU");
    assert_string_equal(p->cls->name, "timeseries");
    assert_int_equal((int)opt_num(p, "stack"), 1);
    assert_string_equal(opt_str(p, "legend"), "right");
    assert_true(p->min == 0);
    assert_true(p->thresholds.steps[0] == 70 && p->thresholds.steps[1] == 90);
    assert_int_equal(p->noverrides, 3);
    assert_int_equal(p->overrides[0].negative, 1);
    assert_int_equal(p->overrides[0].dash, 1);            /* dashes: true */
    assert_int_equal(p->overrides[2].role, ROLE_SERIES3); /* aliasColors */
    assert_int_equal(p->overrides[1].nostack, 1);         /* stack: false */
    assert_int_equal(p->overrides[1].right, 1);           /* yaxis: 2 */
    assert_null(p->overrides[1].unit); /* both axes "short" */

    /* stacked percentages, bars and points */
    p = panel(d, "A");
    assert_int_equal((int)opt_num(p, "stack_percent"), 1);
    assert_string_equal(opt_str(p, "style"), "bars");
    p = panel(d, "B");
    assert_string_equal(opt_str(p, "style"), "points");
    assert_false(has_note(d, "percentages"));
    assert_false(has_note(d, "drawn as lines"));
    layout_free(d);
}

/* ---- variables ---------------------------------------------------------- */

static void test_vars(void **state)
{
    (void)state;
    Dashboard *d = load_fixture("vars.json"); /* in {"dashboard": ...} */
    assert_string_equal(d->title, "Variables");
    const VarConf *v = var(d, "job");
    assert_int_equal(v->qtype, VQ_LABEL_VALUES);
    assert_string_equal(v->metric, "up");
    assert_int_equal(v->multi, 1);
    assert_int_equal(v->all, 1);
    assert_string_equal(v->all_value, ".+");
    assert_string_equal(v->value, "All");
    assert_int_equal(v->sort, VS_ALPHA_DESC);

    v = var(d, "inst");
    assert_int_equal(v->hide, 1);
    assert_non_null(v->regex);
    assert_int_equal(v->regex_group, 1);
    assert_int_equal(v->sort, VS_NUM);
    assert_true(layout_var_depends(d, (int)(v - d->vars),
                                   (int)(var(d, "job") - d->vars)));

    assert_int_equal(var(d, "names")->qtype, VQ_LABEL_NAMES);
    assert_string_equal(var(d, "names")->qtext, "up");
    assert_int_equal(var(d, "metric")->qtype, VQ_METRICS);
    assert_int_equal(var(d, "metric")->sort, VS_NONE);
    assert_int_equal(var(d, "res")->qtype, VQ_QUERY_RESULT);
    assert_string_equal(var(d, "res")->qtext, "topk(3, up)");
    assert_int_equal(var(d, "res")->sort, VS_NATURAL);

    v = var(d, "env"); /* "text : value" keeps the value; "\," a comma */
    assert_int_equal(v->nvalues, 3);
    assert_string_equal(v->values[0], "prod");
    assert_string_equal(v->values[2], "dev,test");
    assert_string_equal(v->value, "staging");

    v = var(d, "step");
    assert_int_equal(v->kind, VK_INTERVAL);
    assert_int_equal(v->autoi, 1);
    assert_int_equal(v->auto_count, 20);
    assert_true(v->auto_min == 30);
    assert_string_equal(v->value, "auto");

    v = var(d, "text");
    assert_int_equal(v->kind, VK_TEXTBOX);
    assert_string_equal(v->value, "hello");

    v = var(d, "filters");
    assert_int_equal(v->kind, VK_ADHOC);
    assert_int_equal(v->nfilters, 2);
    assert_string_equal(v->filters[1].label, "pod");
    assert_string_equal(v->filters[1].op, "=~");

    /* a constant, and a name Grafana allows but promboard does not */
    assert_string_equal(d->consts[0].name, "k");
    assert_string_equal(d->consts[0].text, "42");
    assert_note(d, "templating.list[11]: variable '9bad' has a name");
    /* an unknown variable is sent as written, as Grafana does */
    assert_note(d, "panels[0].targets[0].expr: unknown variable "
                   "$undefined_thing: sent as written");

    /* [[var]] becomes ${var}; formats stay for the expansion */
    const PanelConf *p = d->panels[0];
    assert_non_null(strstr(p->queries[0].expr, "i=\"${inst}\""));
    assert_non_null(strstr(p->queries[0].expr, "${job:regex}"));
    layout_free(d);
}

/* ---- wrappers, versions, errors ------------------------------------------ */

#define ONE_PANEL                                                              \
    "\"panels\": [{\"type\": \"stat\", \"title\": \"S\", \"targets\": "        \
    "[{\"expr\": \"up\"}]}]"

static void test_wrappers(void **state)
{
    (void)state;
    Dashboard *d = expect_json("{\"title\": \"Plain\", " ONE_PANEL "}");
    assert_string_equal(d->title, "Plain");
    assert_string_equal(d->name, "t");
    assert_int_equal(d->npanels, 1);
    layout_free(d);
    d = expect_json("{\"dashboard\": {\"title\": \"Api\", " ONE_PANEL
                    "}, \"meta\": {}}");
    assert_string_equal(d->title, "Api");
    layout_free(d);
    d = expect_json("{\"apiVersion\": \"dashboard.grafana.app/v1beta1\", "
                    "\"kind\": \"Dashboard\", \"metadata\": {\"name\": \"x\"}, "
                    "\"spec\": {\"title\": \"V1\", " ONE_PANEL "}}");
    assert_string_equal(d->title, "V1");
    layout_free(d);
    /* no panels at all still opens, and says so */
    d = expect_json("{\"title\": \"Empty\", \"panels\": []}");
    assert_int_equal(d->npanels, 1);
    assert_string_equal(d->panels[0]->cls->name, "text");
    layout_free(d);

    expect_json_error("{\"apiVersion\": \"dashboard.grafana.app/v2beta1\", "
                      "\"spec\": {\"elements\": {}, \"layout\": {}}}",
                      "t.json: Grafana's v2 dashboard schema");
    expect_json_error("{\"title\": \"x\",\n  \"panels\": [1,]}",
                      "t.json:2:16: invalid JSON");
    expect_json_error("{\"title\": \"x\", \"panels\": [", "t.json:1:26: "
                                                          "invalid JSON (it "
                                                          "ends too early)");
    expect_json_error("{\"title\": \"x\", \"panels\": []} {}",
                      "t.json:1:30: invalid JSON: text after the dashboard");
    expect_json_error("{\"title\": \"x\"}", "t.json: not a Grafana dashboard: "
                                            "no 'panels' or 'rows'");
    expect_json_error("[1, 2]", "t.json:1:1: not a Grafana dashboard");
    /* what the loader refuses in the converted layout is named by the
     * panel it came from */
    expect_json_error("{\"panels\": [{\"type\": \"stat\", \"title\": \"S\", "
                      "\"targets\": [{\"expr\": \"up\"}], \"fieldConfig\": "
                      "{\"defaults\": {\"mappings\": [{\"type\": \"regex\", "
                      "\"options\": {\"pattern\": \"(\", \"result\": "
                      "{\"text\": \"x\"}}}]}}}]}",
                      "t.json: panels[0]: bad regex");
    assert_true(grafana_is_dashboard(" {\"schemaVersion\": 39}", 23));
    assert_false(grafana_is_dashboard("title: x\nrows: []\n", 18));
}

/* ---- the grid: sections, rows, columns --------------------------------------
 */

static void test_grid(void **state)
{
    (void)state;
    /* Node Exporter Full's first band: six 3-wide gauges, then two
     * columns of small stats stacked two high */
    const char *json =
        "{\"title\": \"G\", \"panels\": ["
        "{\"type\": \"row\", \"title\": \"Quick\", \"gridPos\": {\"x\": 0, "
        "\"y\": 0, \"w\": 24, \"h\": 1}},"
        "{\"type\": \"gauge\", \"title\": \"g1\", \"gridPos\": {\"x\": 0, "
        "\"y\": 1, \"w\": 18, \"h\": 4}, \"targets\": [{\"expr\": \"1\"}]},"
        "{\"type\": \"stat\", \"title\": \"s1\", \"gridPos\": {\"x\": 18, "
        "\"y\": 1, \"w\": 2, \"h\": 2}, \"targets\": [{\"expr\": \"1\"}]},"
        "{\"type\": \"stat\", \"title\": \"s2\", \"gridPos\": {\"x\": 20, "
        "\"y\": 1, \"w\": 4, \"h\": 2}, \"targets\": [{\"expr\": \"1\"}]},"
        "{\"type\": \"stat\", \"title\": \"s3\", \"gridPos\": {\"x\": 18, "
        "\"y\": 3, \"w\": 6, \"h\": 2}, \"targets\": [{\"expr\": \"1\"}]},"
        "{\"type\": \"row\", \"title\": \"More\", \"collapsed\": true, "
        "\"gridPos\": {\"x\": 0, \"y\": 5, \"w\": 24, \"h\": 1}, \"panels\": "
        "[{\"type\": \"timeseries\", \"title\": \"t1\", \"gridPos\": {\"x\": "
        "0, \"y\": 300, \"w\": 12, \"h\": 8}, \"targets\": [{\"expr\": "
        "\"1\"}]},"
        "{\"type\": \"timeseries\", \"title\": \"t2\", \"gridPos\": {\"x\": "
        "12, \"y\": 300, \"w\": 12, \"h\": 8}, \"targets\": [{\"expr\": "
        "\"1\"}]}]}]}";
    Dashboard *d = expect_json(json);
    assert_int_equal(d->nrows, 4);
    assert_true(d->rows[0].section);
    assert_int_equal(d->rows[0].panels[0].collapsed, 0);
    /* the band: g1 (18 wide) beside a column of two rows */
    const RowConf *band = &d->rows[1];
    assert_int_equal(band->height, 4);
    assert_int_equal(band->npanels, 2);
    assert_string_equal(band->panels[0].title, "g1");
    assert_int_equal(band->panels[0].width, 18);
    const PanelConf *col = &band->panels[1];
    assert_true(LAYOUT_IS_COLUMN(col));
    assert_int_equal(col->width, 6);
    assert_int_equal(col->nrows, 2);
    assert_int_equal(col->rows[0].npanels, 2);
    assert_string_equal(col->rows[0].panels[0].title, "s1");
    assert_int_equal(col->rows[0].panels[1].width, 4);
    assert_string_equal(col->rows[1].panels[0].title, "s3");
    /* reading order: depth first */
    static const char *const order[] = {"Quick", "g1",   "s1", "s2",
                                        "s3",    "More", "t1", "t2"};
    assert_int_equal(d->npanels, 8);
    for (int i = 0; i < 8; i++)
        assert_string_equal(d->panels[i]->title, order[i]);
    assert_true(d->rows[2].section);
    assert_int_equal(d->rows[2].panels[0].collapsed, 1);
    assert_int_equal(d->rows[2].panels[0].nunder, 2);

    /* placed at 100x20: headers take a line, the closed section none */
    Rect out[8];
    layout_place(d, (Rect){0, 0, 100, 20}, out, 8);
    assert_int_equal(out[0].h, 1);
    assert_int_equal(out[0].w, 100);
    assert_int_equal(out[1].x, 0);
    assert_int_equal(out[1].w, 75); /* 18 of 24 */
    assert_int_equal(out[2].x, 75);
    assert_int_equal(out[2].w, 9); /* 2 of the column's 6 */
    assert_int_equal(out[3].x, 84);
    assert_int_equal(out[4].y, out[2].y + out[2].h);
    assert_int_equal(out[4].y + out[4].h, out[1].y + out[1].h);
    assert_int_equal(out[5].h, 1);
    assert_int_equal(out[5].y, out[1].y + out[1].h);
    assert_int_equal(out[6].h, 0); /* collapsed: no room */
    assert_int_equal(out[7].h, 0);
    unsigned char folded[8];
    layout_collapsed(d, folded);
    assert_int_equal(folded[6] + folded[7], 2);
    assert_int_equal(folded[0] + folded[1] + folded[5], 0);
    assert_int_equal(layout_section_of(d, 3), 0);
    assert_int_equal(layout_section_of(d, 7), 5);
    /* opened: the two charts share a row under it */
    d->panels[5]->collapsed = 0;
    layout_place(d, (Rect){0, 0, 100, 40}, out, 8);
    assert_true(out[6].h > 0 && out[7].h > 0);
    assert_int_equal(out[6].y, out[5].y + 1);
    assert_int_equal(out[7].x, 50);
    layout_free(d);

    /* Grafana's grid lets no panel overlap another and floats each up:
     * a and b in one place are stacked in the file's order, c floats up
     * beside them, d under a gap comes up under them */
    d = expect_json(
        "{\"title\": \"O\", \"panels\": ["
        "{\"type\": \"stat\", \"title\": \"a\", \"gridPos\": {\"x\": 0, "
        "\"y\": 4, \"w\": 12, \"h\": 4}},"
        "{\"type\": \"stat\", \"title\": \"b\", \"gridPos\": {\"x\": 0, "
        "\"y\": 4, \"w\": 12, \"h\": 4}},"
        "{\"type\": \"stat\", \"title\": \"c\", \"gridPos\": {\"x\": 12, "
        "\"y\": 9, \"w\": 12, \"h\": 8}},"
        "{\"type\": \"stat\", \"title\": \"d\", \"gridPos\": {\"x\": 0, "
        "\"y\": 40, \"w\": 12, \"h\": 4}}]}");
    assert_int_equal(d->nrows, 2);
    assert_int_equal(d->rows[0].npanels, 2);
    col = &d->rows[0].panels[0];
    assert_true(LAYOUT_IS_COLUMN(col));
    assert_int_equal(col->nrows, 2);
    assert_string_equal(col->rows[0].panels[0].title, "a");
    assert_string_equal(col->rows[1].panels[0].title, "b");
    assert_string_equal(d->rows[0].panels[1].title, "c");
    assert_int_equal(d->rows[0].height, 8);
    assert_string_equal(d->rows[1].panels[0].title, "d");
    assert_int_equal(d->rows[1].height, 4);
    layout_free(d);

    /* overlaps in every place: a layout that loads, panels side by side
     * where columns would nest too deep */
    char big[8192];
    int len = snprintf(big, sizeof big, "{\"title\": \"X\", \"panels\": [");
    for (int i = 0; i < 40; i++)
        len += snprintf(big + len, sizeof big - (size_t)len,
                        "%s{\"type\": \"text\", \"title\": \"p%d\", "
                        "\"gridPos\": {\"x\": %d, \"y\": %d, \"w\": %d, "
                        "\"h\": %d}}",
                        i ? "," : "", i, i % 7, i % 5, 24 - i % 7, 1 + i % 3);
    snprintf(big + len, sizeof big - (size_t)len, "]}");
    d = expect_json(big);
    assert_int_equal(d->npanels, 40);
    layout_free(d);
}

/* ---- the writer: promboard's model as Grafana JSON, and back ---------------
 */

static void same_str_at(const char *a, const char *b, const char *what,
                        const char *expr)
{
    if ((a == NULL) != (b == NULL) || (a && strcmp(a, b)))
        fail_msg("%s: %s '%s' came back as '%s'", what, expr, a ? a : "(none)",
                 b ? b : "(none)");
}

static void same_num_at(double a, double b, const char *what, const char *expr)
{
    if (!(a == b || (isnan(a) && isnan(b))))
        fail_msg("%s: %s %g came back as %g", what, expr, a, b);
}

#define same_str(a, b, w) same_str_at(a, b, w, #a)
#define same_num(a, b, w) same_num_at(a, b, w, #a)

static void same_thresholds(const Thresholds *a, const Thresholds *b,
                            const char *what)
{
    same_num(a->set, b->set, what);
    same_num(a->n, b->n, what);
    same_num(a->percent, b->percent, what);
    for (int i = 0; i < a->n && i < b->n; i++)
        same_num(a->steps[i], b->steps[i], what);
}

static void same_mappings(const ValueMap *a, int na, const ValueMap *b, int nb,
                          const char *what)
{
    same_num(na, nb, what);
    for (int i = 0; i < na && i < nb; i++) {
        same_num(a[i].type, b[i].type, what);
        same_str(a[i].text, b[i].text, what);
        same_str(a[i].pattern, b[i].pattern, what);
        if (a[i].type == MAP_VALUE)
            same_num(a[i].value, b[i].value, what);
        if (a[i].type == MAP_RANGE) {
            same_num(a[i].from, b[i].from, what);
            same_num(a[i].to, b[i].to, what);
        }
        if (a[i].type == MAP_SPECIAL)
            same_num(a[i].special, b[i].special, what);
    }
}

static void same_rows(const RowConf *a, int na, const RowConf *b, int nb);

static void same_panel(const PanelConf *a, const PanelConf *b)
{
    char w[300];
    snprintf(w, sizeof w, "panel '%s'", a->title ? a->title : "(column)");
    same_num(a->width, b->width, w);
    same_num(LAYOUT_IS_COLUMN(a), LAYOUT_IS_COLUMN(b), w);
    if (LAYOUT_IS_COLUMN(a)) {
        same_rows(a->rows, a->nrows, b->rows, b->nrows);
        return;
    }
    same_str(a->title, b->title, w);
    same_str(a->cls->name, b->cls->name, w);
    same_str(a->unit, b->unit, w);
    same_str(a->description, b->description, w);
    same_str(a->no_value, b->no_value, w);
    same_num(a->decimals, b->decimals, w);
    same_num(a->min, b->min, w);
    same_num(a->max, b->max, w);
    same_num(a->refresh, b->refresh, w);
    same_num(a->max_points, b->max_points, w);
    same_num(a->min_step, b->min_step, w);
    same_num(a->collapsed, b->collapsed, w);
    same_str(a->source.name, b->source.name, w);
    same_thresholds(&a->thresholds, &b->thresholds, w);
    same_mappings(a->mappings, a->nmappings, b->mappings, b->nmappings, w);
    for (int i = 0; a->cls->opts && a->cls->opts[i].name; i++) {
        const OptValue *x = &a->opts[i], *y = &b->opts[i];
        char ow[400];
        snprintf(ow, sizeof ow, "%s option %s", w, a->cls->opts[i].name);
        same_num(x->num, y->num, ow);
        same_str(x->str, y->str, ow);
        same_num(x->n, y->n, ow);
    }
    same_num(a->nqueries, b->nqueries, w);
    for (int q = 0; q < a->nqueries && q < b->nqueries; q++) {
        const QueryConf *x = &a->queries[q], *y = &b->queries[q];
        same_str(x->expr, y->expr, w);
        same_str(x->legend, y->legend, w);
        same_str(x->name, y->name, w);
        same_str(x->unit, y->unit, w);
        same_num(x->instant, y->instant, w);
        same_num(x->decimals, y->decimals, w);
        same_num(x->min_step, y->min_step, w);
        same_num(x->step_factor, y->step_factor, w);
        same_num(x->hide, y->hide, w);
        same_str(x->source.name, y->source.name, w);
        same_thresholds(&x->thresholds, &y->thresholds, w);
        same_mappings(x->mappings, x->nmappings, y->mappings, y->nmappings, w);
    }
    same_num(a->noverrides, b->noverrides, w);
    for (int k = 0; k < a->noverrides && k < b->noverrides; k++) {
        const SeriesOverride *x = &a->overrides[k], *y = &b->overrides[k];
        same_str(x->match, y->match, w);
        same_num(x->nnames, y->nnames, w);
        for (int i = 0; i < x->nnames && i < y->nnames; i++)
            same_str(x->names[i], y->names[i], w);
        same_num(x->exclude, y->exclude, w);
        same_str(x->name, y->name, w);
        same_str(x->unit, y->unit, w);
        same_num(x->decimals, y->decimals, w);
        same_num(x->min, y->min, w);
        same_num(x->max, y->max, w);
        same_num(x->negative, y->negative, w);
        same_num(x->hide, y->hide, w);
        same_num(x->nolegend, y->nolegend, w);
        same_num(x->nostack, y->nostack, w);
        same_num(x->right, y->right, w);
        same_num(x->dash, y->dash, w);
        same_thresholds(&x->thresholds, &y->thresholds, w);
        same_mappings(x->mappings, x->nmappings, y->mappings, y->nmappings, w);
    }
}

static void same_rows(const RowConf *a, int na, const RowConf *b, int nb)
{
    same_num(na, nb, "rows");
    for (int i = 0; i < na && i < nb; i++) {
        same_num(a[i].section, b[i].section, "section");
        if (!a[i].section) {
            same_num(a[i].height, b[i].height, "height");
            same_num(a[i].min_height, b[i].min_height, "min_height");
        }
        same_num(a[i].npanels, b[i].npanels, "panels");
        for (int k = 0; k < a[i].npanels && k < b[i].npanels; k++)
            same_panel(&a[i].panels[k], &b[i].panels[k]);
    }
}

static void same_dashboard(const Dashboard *a, const Dashboard *b)
{
    same_str(a->title, b->title, "title");
    same_num(a->refresh, b->refresh, "refresh");
    same_num(a->range, b->range, "range");
    same_num(a->range_anchor, b->range_anchor, "range anchor");
    same_num(a->scrape, b->scrape, "scrape_interval");
    same_str(a->source.name, b->source.name, "datasource");
    same_rows(a->rows, a->nrows, b->rows, b->nrows);
    same_num(a->nvars, b->nvars, "variables");
    for (int i = 0; i < a->nvars && i < b->nvars; i++) {
        const VarConf *x = &a->vars[i], *y = &b->vars[i];
        char w[200];
        snprintf(w, sizeof w, "variable %s", x->name);
        same_str(x->name, y->name, w);
        same_num(x->kind, y->kind, w);
        same_num(x->qtype, y->qtype, w);
        same_str(x->qtext, y->qtext, w);
        same_str(x->metric, y->metric, w);
        same_str(x->label, y->label, w);
        same_str(x->regex_text, y->regex_text, w);
        same_num(x->regex_group, y->regex_group, w);
        same_num(x->sort, y->sort, w);
        same_num(x->multi, y->multi, w);
        same_num(x->all, y->all, w);
        same_str(x->all_value, y->all_value, w);
        same_num(x->hide, y->hide, w);
        same_str(x->title, y->title, w);
        same_str(x->value, y->value, w);
        same_num(x->autoi, y->autoi, w);
        same_num(x->auto_count, y->auto_count, w);
        same_num(x->auto_min, y->auto_min, w);
        if (x->qtype == VQ_NONE) {
            same_num(x->nvalues, y->nvalues, w);
            for (int k = 0; k < x->nvalues && k < y->nvalues; k++)
                same_str(x->values[k], y->values[k], w);
        }
        same_num(x->nfilters, y->nfilters, w);
        for (int k = 0; k < x->nfilters && k < y->nfilters; k++) {
            same_str(x->filters[k].label, y->filters[k].label, w);
            same_str(x->filters[k].op, y->filters[k].op, w);
            same_str(x->filters[k].value, y->filters[k].value, w);
        }
    }
    same_num(a->nconsts, b->nconsts, "constants");
    for (int i = 0; i < a->nconsts && i < b->nconsts; i++) {
        same_str(a->consts[i].name, b->consts[i].name, "constant");
        same_str(a->consts[i].text, b->consts[i].text, "constant");
    }
}

/* d as Grafana JSON, loaded again. */
static Dashboard *round_trip(const Dashboard *d, cJSON **json)
{
    char *text = grafana_from_dashboard(d);
    assert_non_null(text);
    *json = cJSON_Parse(text);
    assert_non_null(*json);
    LayoutError err;
    char buf[1024];
    Dashboard *back =
        layout_load_text("back.json", NULL, text, strlen(text), &err);
    if (!back)
        fail_msg("%s\n%s", conf_error_format(&err, buf, sizeof buf), text);
    free(text);
    return back;
}

static void test_writer(void **state)
{
    (void)state;
    /* sections (one collapsed), columns, weights, kinds and their options,
     * per-query settings, overrides and mappings of every kind */
    const char *yaml =
        "title: Written\n"
        "refresh: 30s\n"
        "range: 6h\n"
        "scrape_interval: 30s\n"
        "datasource: thanos\n"
        "constants: {scale: \"100\"}\n"
        "variables:\n"
        "  - {name: job, query: 'label_values(up, job)', all: true,\n"
        "     all_value: '.+', multi: true, sort: alpha_desc}\n"
        "  - {name: inst, query: 'label_values(up{job=~\"$job\"}, instance)',\n"
        "     regex: '/(?<value>[^:]+):.*/', hide: true, label: Host}\n"
        "  - {name: env, values: [prod, 'dev,test'], value: 'dev,test'}\n"
        "  - {name: step, kind: interval, auto: true, auto_count: 20,\n"
        "     auto_min: 30s, values: [1m, 5m], value: auto}\n"
        "  - {name: text, kind: textbox, value: hello}\n"
        "  - name: f\n"
        "    kind: adhoc\n"
        "    filters: [{label: cluster, op: '=~', value: 'eu.*'}]\n"
        "rows:\n"
        "  - height: 2\n"
        "    min_height: 7\n"
        "    panels:\n"
        "      - title: CPU\n"
        "        kind: timeseries\n"
        "        width: 3\n"
        "        unit: percentunit\n"
        "        min: 0\n"
        "        max: 1\n"
        "        stack: true\n"
        "        style: bars\n"
        "        legend: right\n"
        "        max_points: 200\n"
        "        min_step: 1m\n"
        "        refresh: 1m\n"
        "        overrides:\n"
        "          - {match: /idle/i, hide: true}\n"
        "          - {match: total, stack: false, axis: right, dash: true}\n"
        "          - {match: [user, system], exclude: true, negative: true,\n"
        "             color: series3, name: '{{mode}} x', unit: s,\n"
        "             decimals: 2}\n"
        "        queries:\n"
        "          - expr: sum by (mode) (rate(cpu[$__rate_interval]))\n"
        "            legend: '{{mode}}'\n"
        "            min_step: 2m\n"
        "            step_factor: 2\n"
        "      - width: 2\n"
        "        rows:\n"
        "          - height: 1\n"
        "            min_height: 3\n"
        "            panels:\n"
        "              - title: Up\n"
        "                kind: stat\n"
        "                calc: max\n"
        "                sparkline: false\n"
        "                color_mode: background\n"
        "                thresholds: [1, 2]\n"
        "                good: high\n"
        "                no_value: none\n"
        "                mappings:\n"
        "                  - {value: 0, text: DOWN, color: crit}\n"
        "                  - {from: 1, to: 5, text: few}\n"
        "                  - {regex: '^9', text: nines}\n"
        "                  - {special: null, text: gone}\n"
        "                queries: [{expr: 'sum(up{job=~\"$job\"}) * $scale'}]\n"
        "              - title: Mem\n"
        "                kind: gauge\n"
        "                datasource: default\n"
        "                unit: bytes\n"
        "                thresholds: [50, 80]\n"
        "                threshold_mode: percentage\n"
        "                queries: [{expr: mem}]\n"
        "          - height: 2\n"
        "            min_height: 4\n"
        "            panels:\n"
        "              - title: Table\n"
        "                kind: table\n"
        "                by: [job]\n"
        "                queries:\n"
        "                  - {expr: 'up', name: Up, unit: percent,\n"
        "                     decimals: 1, thresholds: [1], instant: true}\n"
        "                  - {expr: 'x', hide: true, datasource: vm}\n"
        "  - section: Closed\n"
        "    collapsed: true\n"
        "  - panels:\n"
        "      - {title: Heat, kind: heatmap, queries: [{expr: "
        "'rate(b[5m])'}]}\n"
        "      - {title: Pie, kind: pie, donut: true, queries: [{expr: p}]}\n"
        "      - {title: Notes, kind: text, content: 'Read *me*'}\n"
        "  - section: Open\n"
        "  - panels:\n"
        "      - {title: Grid, kind: statusgrid, queries: [{expr: up}]}\n"
        "      - {title: Bars, kind: bar, over: time, queries: [{expr: r}]}\n"
        "      - {title: Alerts, kind: alertlist, source: alerts}\n";
    LayoutError err;
    char buf[1024];
    Dashboard *d = layout_load_text("w.yaml", NULL, yaml, strlen(yaml), &err);
    if (!d)
        fail_msg("%s", conf_error_format(&err, buf, sizeof buf));
    cJSON *j;
    Dashboard *back = round_trip(d, &j);
    same_dashboard(d, back);
    assert_int_equal(back->nnotes, 0);

    /* what Grafana reads: the grid, units, thresholds, templating */
    assert_int_equal(cJSON_GetObjectItem(j, "schemaVersion")->valueint, 39);
    const cJSON *ps = cJSON_GetObjectItem(j, "panels"), *p;
    const cJSON *cpu = NULL, *closed = NULL;
    int rows = 0;
    cJSON_ArrayForEach(p, ps)
    {
        const char *t = cJSON_GetObjectItem(p, "title")->valuestring;
        const cJSON *gp = cJSON_GetObjectItem(p, "gridPos");
        int x = cJSON_GetObjectItem(gp, "x")->valueint;
        int w = cJSON_GetObjectItem(gp, "w")->valueint;
        assert_true(x >= 0 && w >= 1 && x + w <= 24);
        if (!strcmp(t, "CPU"))
            cpu = p;
        if (!strcmp(cJSON_GetObjectItem(p, "type")->valuestring, "row")) {
            rows++;
            if (!strcmp(t, "Closed"))
                closed = p;
        }
    }
    assert_int_equal(rows, 2);
    assert_non_null(cpu);
    /* a named datasource is the Grafana one of that uid; the main server
     * is the dashboard's datasource variable */
    const char *text = cJSON_PrintUnformatted(j);
    assert_non_null(strstr(text, "{\"type\":\"prometheus\",\"uid\":\"vm\"}"));
    assert_non_null(strstr(text, "\"current\":{\"text\":\"thanos\","
                                 "\"value\":\"thanos\"}"));
    free((char *)text);
    /* 3 of 5 of the width: 14 of 24 columns */
    assert_int_equal(
        cJSON_GetObjectItem(cJSON_GetObjectItem(cpu, "gridPos"), "w")->valueint,
        14);
    const cJSON *def = cJSON_GetObjectItem(
        cJSON_GetObjectItem(cpu, "fieldConfig"), "defaults");
    assert_string_equal(cJSON_GetObjectItem(def, "unit")->valuestring,
                        "percentunit");
    assert_int_equal(cJSON_GetObjectItem(def, "max")->valueint, 1);
    assert_non_null(closed);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(closed, "collapsed")));
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(closed, "panels")),
                     3);
    const cJSON *list =
        cJSON_GetObjectItem(cJSON_GetObjectItem(j, "templating"), "list");
    int found = 0;
    cJSON_ArrayForEach(p, list)
    {
        const char *n = cJSON_GetObjectItem(p, "name")->valuestring;
        const char *t = cJSON_GetObjectItem(p, "type")->valuestring;
        if (!strcmp(n, "job")) {
            assert_string_equal(t, "query");
            assert_string_equal(cJSON_GetObjectItem(p, "query")->valuestring,
                                "label_values(up, job)");
            found++;
        } else if (!strcmp(n, "env")) {
            assert_string_equal(t, "custom");
            assert_string_equal(cJSON_GetObjectItem(p, "query")->valuestring,
                                "prod,dev\\,test");
            found++;
        } else if (!strcmp(n, "scale")) {
            assert_string_equal(t, "constant");
            found++;
        }
    }
    assert_int_equal(found, 3);
    cJSON_Delete(j);
    layout_free(back);
    layout_free(d);

    /* the fixtures read from Grafana come back as they were read */
    static const char *const fixtures[] = {"kinds.json", "legacy.json",
                                           "vars.json"};
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
        d = load_fixture(fixtures[i]);
        back = round_trip(d, &j);
        same_dashboard(d, back);
        cJSON_Delete(j);
        layout_free(back);
        layout_free(d);
    }
}

/* ---- repeat
 * ------------------------------------------------------------------
 */

static void test_repeat(void **state)
{
    (void)state;
    /* a panel repeated side by side (2 a row), one stacked, a repeated row
     * and the copies older Grafana versions saved (left out) */
    const char *json =
        "{\"title\": \"R\", \"templating\": {\"list\": ["
        "{\"name\": \"host\", \"type\": \"custom\", \"query\": \"a,b,c\", "
        "\"multi\": true, \"includeAll\": true, \"current\": {\"value\": "
        "[\"$__all\"]}},"
        "{\"name\": \"dc\", \"type\": \"custom\", \"query\": \"eu,us\", "
        "\"multi\": true, \"current\": {\"value\": [\"eu\", \"us\"]}}]},"
        "\"panels\": ["
        "{\"type\": \"stat\", \"title\": \"Up $host\", \"repeat\": \"host\", "
        "\"maxPerRow\": 2, \"gridPos\": {\"x\": 0, \"y\": 0, \"w\": 12, \"h\": "
        "4}, \"targets\": [{\"expr\": \"up{host=\\\"$host\\\"}\"}]},"
        "{\"type\": \"stat\", \"title\": \"Up $host\", \"repeatPanelId\": 1, "
        "\"gridPos\": {\"x\": 12, \"y\": 0, \"w\": 12, \"h\": 4}, "
        "\"targets\": [{\"expr\": \"up\"}]},"
        "{\"type\": \"timeseries\", \"title\": \"Load\", \"repeat\": \"host\", "
        "\"repeatDirection\": \"v\", \"gridPos\": {\"x\": 0, \"y\": 4, \"w\": "
        "24, \"h\": 6}, \"targets\": [{\"expr\": "
        "\"load{host=~\\\"$host\\\"}\"}]},"
        "{\"type\": \"row\", \"title\": \"DC $dc\", \"repeat\": \"dc\", "
        "\"gridPos\": {\"x\": 0, \"y\": 10, \"w\": 24, \"h\": 1}, \"panels\": "
        "[]},"
        "{\"type\": \"stat\", \"title\": \"Power\", \"gridPos\": {\"x\": 0, "
        "\"y\": 11, \"w\": 24, \"h\": 4}, \"targets\": [{\"expr\": "
        "\"power{dc=\\\"$dc\\\"}\"}]},"
        "{\"type\": \"row\", \"title\": \"DC us\", \"repeatIteration\": 1, "
        "\"gridPos\": {\"x\": 0, \"y\": 15, \"w\": 24, \"h\": 1}, \"panels\": "
        "[]},"
        "{\"type\": \"stat\", \"title\": \"Power\", \"repeatPanelId\": 5, "
        "\"gridPos\": {\"x\": 0, \"y\": 16, \"w\": 24, \"h\": 4}, "
        "\"targets\": [{\"expr\": \"power\"}]}]}";
    Dashboard *d = expect_json(json);
    /* as written: the repeated ones once, Grafana's saved copies left out */
    assert_int_equal(d->npanels, 4);
    assert_string_equal(panel(d, "Up $host")->repeat, "host");
    assert_int_equal(panel(d, "Up $host")->max_per_row, 2);
    assert_int_equal(panel(d, "Load")->repeat_v, 1);
    assert_string_equal(d->rows[2].panels[0].repeat, "dc");
    assert_int_equal(d->nrows, 4);

    /* host's values known: a, b, c (All) */
    VarConf *host = &d->vars[0];
    assert_int_equal(layout_var_select(host, (const char *[]){"All"}, 1), 0);
    assert_int_equal(layout_repeat(d), 1);
    assert_int_equal(layout_repeat(d), 0); /* the same again: no change */
    /* Up: a column of rows of 2 and 1; Load: three rows; DC eu and DC us
     * with a Power each */
    static const char *const titles[] = {
        "Up a",     "Up b",  "Up c",       "Load (a)", "Load (b)",
        "Load (c)", "DC eu", "Power (eu)", "DC us",    "Power (us)"};
    assert_int_equal(d->npanels, 10);
    for (int i = 0; i < 10; i++)
        assert_string_equal(d->panels[i]->title, titles[i]);
    const PanelConf *cell = &d->rows[0].panels[0];
    assert_true(LAYOUT_IS_COLUMN(cell));
    assert_int_equal(cell->nrows, 2);
    assert_int_equal(cell->rows[0].npanels, 2);
    assert_int_equal(cell->rows[1].npanels, 1);
    assert_int_equal(d->nrows, 8);
    assert_true(d->rows[4].section && d->rows[6].section);

    /* each copy asks with its own value */
    Dashboard view;
    VarConf vars[8];
    const PanelConf *b = panel(d, "Up b");
    assert_int_equal(layout_bound(d, b, &view, vars, 8), 1);
    char *e = layout_expand(&view, b->queries[0].expr, 3600, 60, 15);
    assert_string_equal(e, "up{host=\"b\"}");
    free(e);
    const PanelConf *pw = panel(d, "Power (us)");
    assert_int_equal(layout_bound(d, pw, &view, vars, 8), 1);
    e = layout_expand(&view, pw->queries[0].expr, 3600, 60, 15);
    assert_string_equal(e, "power{dc=\"us\"}");
    free(e);
    /* bound to nothing: the variables' own values */
    PanelConf plain = {0};
    assert_int_equal(layout_bound(d, &plain, &view, vars, 8), 0);

    /* one value chosen: one copy, its title without the value added */
    assert_int_equal(layout_var_select(host, (const char *[]){"b"}, 1), 0);
    assert_int_equal(layout_repeat(d), 1);
    assert_int_equal(d->npanels, 6);
    assert_string_equal(d->panels[0]->title, "Up b");
    assert_string_equal(d->panels[1]->title, "Load");
    assert_false(LAYOUT_IS_COLUMN(&d->rows[0].panels[0]));

    /* written as Grafana JSON: the panels as written, with their repeat */
    char *text = grafana_from_dashboard(d);
    cJSON *j = cJSON_Parse(text);
    free(text);
    const cJSON *ps = cJSON_GetObjectItem(j, "panels");
    assert_int_equal(cJSON_GetArraySize(ps), 4);
    const cJSON *p0 = cJSON_GetArrayItem(ps, 0);
    assert_string_equal(cJSON_GetObjectItem(p0, "title")->valuestring,
                        "Up $host");
    assert_string_equal(cJSON_GetObjectItem(p0, "repeat")->valuestring, "host");
    assert_int_equal(cJSON_GetObjectItem(p0, "maxPerRow")->valueint, 2);
    const cJSON *row = cJSON_GetArrayItem(ps, 2);
    assert_string_equal(cJSON_GetObjectItem(row, "repeat")->valuestring, "dc");
    cJSON_Delete(j);
    layout_free(d);

    /* a repeat naming no variable */
    LayoutError err;
    char buf[512];
    const char *bad = "title: T\nrows:\n  - panels:\n      - {title: A, kind: "
                      "text, repeat: nope}\n";
    assert_null(layout_load_text("b.yaml", NULL, bad, strlen(bad), &err));
    assert_non_null(
        strstr(conf_error_format(&err, buf, sizeof buf), "names no variable"));
}

/* ---- table transformations ------------------------------------------------
 */

static void test_transforms(void **state)
{
    (void)state;
    /* node-mixin's Disk Space Usage, and more of the same */
    const char *json =
        "{\"title\": \"T\", \"panels\": [{\"type\": \"table\", \"title\": "
        "\"Disk\", \"gridPos\": {\"x\": 0, \"y\": 0, \"w\": 24, \"h\": 8}, "
        "\"targets\": [{\"refId\": \"A\", \"expr\": \"size\\n\", \"format\": "
        "\"table\", \"instant\": true}, {\"refId\": \"B\", \"expr\": "
        "\"avail\", \"format\": \"table\", \"instant\": true}, {\"refId\": "
        "\"C\", \"expr\": \"files\", \"instant\": true}],"
        "\"fieldConfig\": {\"defaults\": {\"unit\": \"bytes\"}, "
        "\"overrides\": [{\"matcher\": {\"id\": \"byName\", \"options\": "
        "\"Used, %\"}, \"properties\": [{\"id\": \"unit\", \"value\": "
        "\"percentunit\"}]}]},"
        "\"transformations\": ["
        "{\"id\": \"groupBy\", \"options\": {\"fields\": {\"Value #A\": "
        "{\"aggregations\": [\"lastNotNull\"], \"operation\": \"aggregate\"}, "
        "\"Value #B\": {\"aggregations\": [\"lastNotNull\"], \"operation\": "
        "\"aggregate\"}, \"mountpoint\": {\"aggregations\": [], "
        "\"operation\": \"groupby\"}}}},"
        "{\"id\": \"merge\"},"
        "{\"id\": \"calculateField\", \"options\": {\"alias\": \"Used\", "
        "\"mode\": \"binary\", \"binary\": {\"left\": \"Value #A "
        "(lastNotNull)\", \"operator\": \"-\", \"right\": \"Value #B "
        "(lastNotNull)\"}}},"
        "{\"id\": \"calculateField\", \"options\": {\"alias\": \"Used, %\", "
        "\"mode\": \"binary\", \"binary\": {\"left\": \"Used\", \"operator\": "
        "\"/\", \"right\": \"Value #A (lastNotNull)\"}}},"
        "{\"id\": \"calculateField\", \"options\": {\"mode\": \"reduceRow\"}},"
        "{\"id\": \"organize\", \"options\": {\"excludeByName\": {\"Value "
        "#C\": true, \"Time\": true}, \"renameByName\": {\"Value #A "
        "(lastNotNull)\": \"Size\", \"Value #B (lastNotNull)\": "
        "\"Available\", \"mountpoint\": \"Mounted on\"}}},"
        "{\"id\": \"sortBy\", \"options\": {\"sort\": [{\"field\": \"Size\", "
        "\"desc\": true}]}},"
        "{\"id\": \"labelsToFields\"}]}]}";
    Dashboard *d = expect_json(json);
    const PanelConf *t = panel(d, "Disk");
    int by = panel_opt_index(t->cls, "by");
    assert_int_equal(t->opts[by].n, 1);
    assert_string_equal(t->opts[by].strs[0], "mountpoint");
    int cols = panel_opt_index(t->cls, "columns");
    assert_string_equal(t->opts[cols].strs[0], "Mounted on");
    assert_string_equal(opt_str(t, "sort"), "value_desc");
    assert_int_equal(t->nqueries, 5);
    assert_string_equal(t->queries[0].name, "Size");
    assert_string_equal(t->queries[1].name, "Available");
    assert_true(t->queries[2].hide); /* excluded */
    assert_string_equal(t->queries[3].name, "Used");
    assert_string_equal(t->queries[3].expr, "(size) - (avail)");
    assert_true(t->queries[3].instant);
    assert_string_equal(t->queries[4].name, "Used, %");
    assert_string_equal(t->queries[4].expr, "((size) - (avail)) / (size)");
    assert_note(d, "transformations[4]: calculated field 'reduceRow' not "
                   "shown");
    assert_note(d, "transformations[7]: transformation 'labelsToFields' not "
                   "applied");
    assert_false(has_note(d, "'merge'"));
    assert_false(has_note(d, "'groupBy'"));
    layout_free(d);
}

/* ---- the real dashboards convert, with notes --------------------------------
 */

static void test_shared(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        int panels; /* section headers included */
    } shared[] = {
        {"node-exporter-full.json", 141},
        {"node-exporter-full-old-rows.json", 191},
        {"prometheus-mixin-overview.json", 15},
        {"node-mixin-nodes.json", 12},
        {"node-mixin-node-rsrc-use.json", 14},
        {"grafana-prometheus-2-stats.json", 13},
    };
    for (size_t i = 0; i < sizeof shared / sizeof shared[0]; i++) {
        char path[512], buf[1024];
        LayoutError err;
        snprintf(path, sizeof path, "../shared/grafana/%s", shared[i].file);
        FILE *f = fopen(path, "r");
        if (!f) /* read from beside the repository; absent, nothing to do */
            continue;
        fclose(f);
        Dashboard *d = layout_load_file(path, &err);
        if (!d)
            fail_msg("%s", conf_error_format(&err, buf, sizeof buf));
        if (d->npanels != shared[i].panels)
            fail_msg("%s: %d panels, expected %d", shared[i].file, d->npanels,
                     shared[i].panels);
        layout_free(d);
    }
}

/* ---- run-time pieces ------------------------------------------------------
 */

static VarConf *multi_var(Dashboard *d, const char *const *vals, int n)
{
    VarConf *v = &d->vars[0];
    assert_int_equal(layout_var_set_choices(v, vals, n), 0);
    return v;
}

static void test_formats(void **state)
{
    (void)state;
    Dashboard *d = expect_json(
        "{\"title\": \"F\", \"templating\": {\"list\": [{\"name\": \"v\", "
        "\"type\": \"custom\", \"query\": \"a.b,c,d'e\", \"multi\": true, "
        "\"includeAll\": true, \"current\": {\"value\": [\"a.b\", "
        "\"c\"]}}]}, " ONE_PANEL "}");
    static const char *const vals[] = {"a.b", "c", "d'e"};
    VarConf *v = multi_var(d, vals, 3);
    static const struct {
        const char *fmt, *want;
    } two[] = {
        {"", "a\\\\.b|c"},
        {"regex", "(a\\\\.b|c)"},
        {"pipe", "a.b|c"},
        {"csv", "a.b,c"},
        {"raw", "a.b,c"},
        {"glob", "{a.b,c}"},
        {"json", "[\"a.b\",\"c\"]"},
        {"doublequote", "\"a.b\",\"c\""},
        {"singlequote", "'a.b','c'"},
        {"sqlstring", "'a.b','c'"},
        {"text", "a.b + c"},
        {"lucene", "(\"a.b\" OR \"c\")"},
        {"queryparam", "var-v=a.b&var-v=c"},
        {"percentencode", "a.b,c"},
        {"distributed", "a.b,v=c"},
        {"nosuch", "{a.b,c}"},
    };
    for (size_t i = 0; i < sizeof two / sizeof two[0]; i++) {
        char *s = layout_var_format(v, two[i].fmt);
        if (strcmp(s, two[i].want))
            fail_msg("format '%s': got '%s', expected '%s'", two[i].fmt, s,
                     two[i].want);
        free(s);
    }
    /* one value: no brackets; a quote doubled in SQL */
    const char *one[] = {"d'e"};
    assert_int_equal(layout_var_select(v, one, 1), 0);
    char *s = layout_var_format(v, "sqlstring");
    assert_string_equal(s, "'d''e'");
    free(s);
    s = layout_var_format(v, "regex");
    assert_string_equal(s, "d'e");
    free(s);
    /* All: every choice; with allValue, that instead */
    const char *all[] = {"All"};
    assert_int_equal(layout_var_select(v, all, 1), 0);
    s = layout_var_format(v, "pipe");
    assert_string_equal(s, "a.b|c|d'e");
    free(s);
    s = layout_var_format(v, "text");
    assert_string_equal(s, "All");
    free(s);
    v->all_value = strdup(".+");
    s = layout_var_value(v);
    assert_string_equal(s, ".+");
    free(s);
    /* expanded in a query: ${v:fmt}, [[v]], and the built-ins */
    assert_int_equal(layout_var_select(v, (const char *[]){"a.b", "c"}, 2), 0);
    s = layout_expand(
        d, "x{a=~\"${v:regex}\",b=\"[[v:csv]]\",c=~\"$v\"}[$__range]", 3600, 60,
        15);
    assert_string_equal(
        s, "x{a=~\"(a\\\\.b|c)\",b=\"a.b,c\",c=~\"a\\\\.b|c\"}[1h]");
    free(s);
    layout_free(d);
}

static Result strings_result(const char *const *s, int n, const char *label)
{
    Result r = {0};
    r.type = RESULT_VECTOR;
    r.series = calloc((size_t)n, sizeof *r.series);
    r.nseries = n;
    for (int i = 0; i < n; i++) {
        r.series[i].labels = calloc(1, sizeof *r.series[i].labels);
        r.series[i].labels[0].name = strdup(label);
        r.series[i].labels[0].value = strdup(s[i]);
        r.series[i].nlabels = 1;
    }
    return r;
}

static void test_var_answers(void **state)
{
    (void)state;
    Dashboard *d = load_fixture("vars.json");
    /* regex with a named group keeps the host; sorted by number */
    VarConf *v = (VarConf *)var(d, "inst");
    static const char *const inst[] = {"h10:9100", "h9:9100", "h10:9200", "x"};
    Result r = strings_result(inst, 4, "__string__");
    assert_int_equal(layout_var_answer(v, &r), 0);
    result_free(&r);
    assert_int_equal(v->nvalues, 2);
    assert_string_equal(v->values[0], "h9");
    assert_string_equal(v->values[1], "h10");
    assert_string_equal(v->value, "h9"); /* none chosen: the first */
    /* metrics(): filtered by its regex, in the server's order */
    v = (VarConf *)var(d, "metric");
    static const char *const names[] = {"up", "node_load1", "node_cpu"};
    r = strings_result(names, 3, "__string__");
    assert_int_equal(layout_var_answer(v, &r), 0);
    result_free(&r);
    assert_int_equal(v->nvalues, 2);
    assert_string_equal(v->values[0], "node_load1");
    /* query_result(): each series as text, a capture group from it */
    v = (VarConf *)var(d, "res");
    static const char *const hosts[] = {"h10:1", "h2:1"};
    r = strings_result(hosts, 2, "instance");
    for (int i = 0; i < 2; i++) {
        r.series[i].points = calloc(1, sizeof *r.series[i].points);
        r.series[i].points[0] = (Point){1700000000, 1};
        r.series[i].npoints = 1;
    }
    assert_int_equal(layout_var_answer(v, &r), 0);
    result_free(&r);
    assert_int_equal(v->nvalues, 2);
    assert_string_equal(v->values[0], "h2:1"); /* natural order */
    assert_string_equal(v->values[1], "h10:1");
    /* a value no longer offered gives way to the first, All when offered */
    v = (VarConf *)var(d, "job");
    static const char *const jobs[] = {"a", "b"};
    assert_int_equal(layout_var_select(v, (const char *[]){"b", "gone"}, 2), 0);
    r = strings_result(jobs, 2, "__string__");
    assert_int_equal(layout_var_answer(v, &r), 0);
    result_free(&r);
    assert_int_equal(v->nsel, 1);
    assert_string_equal(v->sel[0], "b");
    assert_string_equal(v->values[0], "b"); /* alpha_desc */
    /* requests: label values over the time range, query_result instant */
    PromQuery q;
    assert_int_equal(layout_var_request(d, var(d, "job"), 1000, 600, &q), 0);
    assert_int_equal(q.type, PQ_NAMES);
    assert_non_null(strstr(q.expr, "label/job/values?"));
    assert_non_null(strstr(q.expr, "start=400"));
    free((char *)q.expr);
    assert_int_equal(layout_var_request(d, var(d, "res"), 1000, 600, &q), 0);
    assert_int_equal(q.type, PQ_INSTANT);
    assert_string_equal(q.expr, "topk(3, up)");
    free((char *)q.expr);
    /* the interval's auto choice: the range in auto_count steps */
    char *s = layout_expand(d, "[$step]", 20 * 3600, 60, 15);
    assert_string_equal(s, "[1h]");
    free(s);
    s = layout_expand(d, "[$step]", 60, 60, 15);
    assert_string_equal(s, "[30s]"); /* auto_min */
    free(s);
    /* ad hoc filters: added to every selector */
    s = layout_expand(d, "sum by (pod) (rate(x[5m])) / on() y{a=\"1\"}", 60, 60,
                      15);
    assert_string_equal(s, "sum by (pod) (rate(x{cluster=\"eu\",pod=~"
                           "\"api-.*\"}[5m])) / on() y{a=\"1\",cluster="
                           "\"eu\",pod=~\"api-.*\"}");
    free(s);
    layout_free(d);
}

static void test_add_matchers(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"up", "up{j=\"n\"}"},
        {"{__name__=\"up\"}", "{__name__=\"up\",j=\"n\"}"},
        {"x{}", "x{j=\"n\"}"},
        {"sum without (a) (x[1m]) * 1e3",
         "sum without (a) (x{j=\"n\"}[1m]) * 1e3"},
        {"topk(5, a) > bool 3", "topk(5, a{j=\"n\"}) > bool 3"},
        {"label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\") offset 5m",
         "label_replace(up{j=\"n\"}, \"a\", \"$1\", \"b\", \"(.*)\") offset "
         "5m"},
        {"a / ignoring(b) group_left(c) d",
         "a{j=\"n\"} / ignoring(b) group_left(c) d{j=\"n\"}"},
        {"x @ start()", "x{j=\"n\"} @ start()"},
        {"rate(x[5m:1m]) # up here", "rate(x{j=\"n\"}[5m:1m]) # up here"},
        {"vector(1) + Inf", "vector(1) + Inf"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = query_add_matchers(cases[i].in, "j=\"n\"");
        if (strcmp(s, cases[i].out))
            fail_msg("'%s': got '%s', expected '%s'", cases[i].in, s,
                     cases[i].out);
        free(s);
    }
}

/* Mappings of every kind, threshold colours and percentages, no value, and
 * overrides, through the panel helpers. */
static void test_panel_helpers(void **state)
{
    (void)state;
    const char *yaml =
        "title: T\nrows:\n  - panels:\n"
        "      - title: P\n        kind: stat\n        min: 0\n"
        "        max: 200\n        thresholds: [25, 50]\n"
        "        threshold_mode: percentage\n"
        "        threshold_colors: [series1, ok, crit]\n"
        "        mappings:\n          - {value: 1, text: one}\n"
        "          - {from: 5, to: 9, text: some, color: warn}\n"
        "          - {regex: '^1[0-9]$', text: teen}\n"
        "          - {special: nan, text: what}\n"
        "          - {special: null, text: N/A}\n"
        "        overrides:\n"
        "          - {match: /^b/, name: 'B {{x}}', unit: bytes, color: "
        "series4}\n"
        "          - {match: [c], hide: true, thresholds: [1], good: high}\n"
        "        query: up\n";
    LayoutError err;
    char buf[512];
    Dashboard *d = layout_load_text("t.yaml", NULL, yaml, strlen(yaml), &err);
    if (!d)
        fail_msg("%s", conf_error_format(&err, buf, sizeof buf));
    Panel p;
    assert_int_equal(panel_init(&p, d->panels[0]), 0);
    char out[64];
    assert_string_equal(panel_format(&p, 0, 1, out, sizeof out), "one");
    assert_string_equal(panel_format(&p, 0, 7, out, sizeof out), "some");
    assert_string_equal(panel_format(&p, 0, 12, out, sizeof out), "teen");
    assert_string_equal(panel_format(&p, 0, NAN, out, sizeof out), "what");
    assert_int_equal(panel_value_role(&p, 0, 7, ROLE_VALUE), ROLE_WARN);
    /* 25% and 50% of 0..200: 50 and 100 */
    assert_int_equal(panel_value_role(&p, 0, 49, ROLE_VALUE), ROLE_SERIES1);
    assert_int_equal(panel_value_role(&p, 0, 50, ROLE_VALUE), ROLE_OK);
    assert_int_equal(panel_value_role(&p, 0, 150, ROLE_VALUE), ROLE_CRIT);
    assert_string_equal(panel_no_value(&p), "N/A");
    /* overrides, by the series' own name */
    Label lb[2] = {{"__name__", "bx"}, {"x", "1"}};
    Series s = {.labels = lb, .nlabels = 2};
    SeriesOverride o;
    assert_non_null(panel_series_override(&p, 0, &s, &o));
    assert_string_equal(panel_series_name(&p, 0, &s, out, sizeof out), "B 1");
    assert_string_equal(panel_series_format(&p, 0, &s, 2048, out, sizeof out),
                        "2 KiB");
    assert_int_equal(panel_series_role(&p, 0, &s, 60, ROLE_VALUE),
                     ROLE_SERIES4);
    Label lc[1] = {{"__name__", "c"}};
    Series c = {.labels = lc, .nlabels = 1};
    assert_int_equal(panel_series_override(&p, 0, &c, &o)->hide, 1);
    assert_int_equal(panel_series_role(&p, 0, &c, 0.5, ROLE_VALUE), ROLE_CRIT);
    Label ld[1] = {{"__name__", "d"}};
    Series dd = {.labels = ld, .nlabels = 1};
    assert_null(panel_series_override(&p, 0, &dd, &o));
    panel_done(&p);
    layout_free(d);
}

/* A variable may use one declared after it; variables waiting for each
 * other are refused in one line naming the first of them by JSON path. */
static void test_var_order(void **state)
{
    (void)state;
    Dashboard *d = expect_json(
        "{\"title\": \"V\", \"templating\": {\"list\": [{\"type\": \"query\", "
        "\"name\": \"a\", \"query\": \"label_values(up{job=\\\"$b\\\"}, "
        "instance)\"}, {\"type\": \"custom\", \"name\": \"b\", \"query\": "
        "\"x,y\"}]}, " ONE_PANEL "}");
    assert_int_equal(d->nvars, 2);
    assert_int_equal(d->nconsts, 0);
    assert_int_equal(d->nnotes, 0);
    assert_int_equal(layout_var_depends(d, 0, 1), 1);
    layout_free(d);
    expect_json_error(
        "{\"title\": \"V\", \"templating\": {\"list\": [{\"type\": \"custom\", "
        "\"name\": \"c\", \"query\": \"x\"}, {\"type\": \"query\", \"name\": "
        "\"a\", \"query\": \"label_values(up{job=\\\"$b\\\"}, instance)\"}, "
        "{\"type\": \"query\", \"name\": \"b\", \"query\": "
        "\"label_values(up{instance=\\\"$a\\\"}, job)\"}]}, " ONE_PANEL "}",
        "templating.list[1]: variables wait for each other's values ($a uses "
        "$b, $b uses $a)");
}

/* custom.transform negative-Y in the defaults mirrors every series, as an
 * override for all of them; an override's own mirrors those it matches. */
static void test_negative_defaults(void **state)
{
    (void)state;
    Dashboard *d = expect_json(
        "{\"title\": \"N\", \"panels\": [{\"type\": \"timeseries\", "
        "\"title\": \"All\", \"fieldConfig\": {\"defaults\": {\"custom\": "
        "{\"transform\": \"negative-Y\"}}}, \"targets\": [{\"expr\": "
        "\"up\"}]}, {\"type\": \"timeseries\", \"title\": \"Tx\", "
        "\"fieldConfig\": {\"defaults\": {}, \"overrides\": [{\"matcher\": "
        "{\"id\": \"byRegexp\", \"options\": \"/tx/\"}, \"properties\": "
        "[{\"id\": \"custom.transform\", \"value\": \"negative-Y\"}]}]}, "
        "\"targets\": [{\"expr\": \"up\"}]}]}");
    const PanelConf *p = panel(d, "All");
    assert_int_equal(p->noverrides, 1);
    assert_non_null(p->overrides[0].regex);
    assert_int_equal(p->overrides[0].negative, 1);
    Panel pn;
    assert_int_equal(panel_init(&pn, p), 0);
    Label lb[1] = {{"__name__", "anything"}};
    Series s = {.labels = lb, .nlabels = 1};
    SeriesOverride o;
    const SeriesOverride *ov = panel_series_override(&pn, 0, &s, &o);
    assert_non_null(ov);
    assert_int_equal(ov->negative, 1);
    panel_done(&pn);
    p = panel(d, "Tx");
    assert_int_equal(p->noverrides, 1);
    assert_int_equal(p->overrides[0].negative, 1);
    assert_int_equal(d->nnotes, 0);
    layout_free(d);
}

/* ---- a panel's own window: timeFrom, timeShift ---------------------- */

/* 1 when layout key `key` is one a panel takes. */
static int panels_take(const char *key)
{
    for (int i = 0; layout_panel_opts[i].name; i++)
        if (!strcmp(layout_panel_opts[i].name, key))
            return 1;
    return 0;
}

static void test_panel_window(void **state)
{
    (void)state;
    static const struct {
        const char *from, *shift;       /* Grafana's */
        const char *range, *time_shift; /* the keys written, NULL: none */
        const char *note;               /* a note that must be there */
    } cases[] = {
        {"24h", NULL, "range: 24h", NULL, NULL},
        {"now-7d", "1d", "range: 7d", "time_shift: 1d", NULL},
        {"now/d", NULL, "range: today", NULL, NULL},
        {"now/M", NULL, "range: mtd", NULL, NULL},
        {"now/w", NULL, NULL, NULL, "own time range 'now/w' ignored"},
        {"now-6h/h", NULL, "range: 6h", NULL,
         "own time range 'now-6h/h' not rounded"},
        {NULL, "1d/d", NULL, "time_shift: 1d", "time shift '1d/d' not rounded"},
        {"soon", "later", NULL, NULL, "own time range 'soon' ignored"},
    };
    int has_range = panels_take("range"), has_shift = panels_take("time_shift");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char json[512];
        snprintf(json, sizeof json,
                 "{\"title\": \"W\", \"panels\": [{\"type\": \"timeseries\", "
                 "\"title\": \"P\", %s%s%s %s%s%s \"targets\": [{\"expr\": "
                 "\"up\"}]}]}",
                 cases[i].from ? "\"timeFrom\": \"" : "",
                 cases[i].from ? cases[i].from : "", cases[i].from ? "\"," : "",
                 cases[i].shift ? "\"timeShift\": \"" : "",
                 cases[i].shift ? cases[i].shift : "",
                 cases[i].shift ? "\"," : "");
        GrafanaInfo info = {0};
        LayoutError err;
        char *yaml =
            grafana_to_yaml("w.json", NULL, json, strlen(json), &info, &err);
        assert_non_null(yaml);
        /* with the panel keys, the window is written; without, noted */
        if (cases[i].range && has_range && !strstr(yaml, cases[i].range))
            fail_msg("%s: no '%s' in\n%s", json, cases[i].range, yaml);
        if (cases[i].range && !has_range && !strstr(yaml, "ignored"))
            fail_msg("%s: timeFrom neither mapped nor noted", json);
        if (cases[i].time_shift && has_shift &&
            !strstr(yaml, cases[i].time_shift))
            fail_msg("%s: no '%s' in\n%s", json, cases[i].time_shift, yaml);
        if (cases[i].time_shift && !has_shift && !strstr(yaml, "time shift"))
            fail_msg("%s: timeShift neither mapped nor noted", json);
        if (cases[i].note && (has_range || !cases[i].from) &&
            (has_shift || cases[i].from) && !strstr(yaml, cases[i].note))
            fail_msg("%s: no note '%s' in\n%s", json, cases[i].note, yaml);
        if (!cases[i].range && strstr(yaml, "\n  range:"))
            fail_msg("%s: a range written for '%s'", json, cases[i].from);
        /* what is written loads */
        Dashboard *d =
            layout_load_text("w.yaml", NULL, yaml, strlen(yaml), &err);
        assert_non_null(d);
        layout_free(d);
        free(yaml);
        grafana_info_free(&info);
    }
}

/* ---- fuzz: no crash, no leak, on any mutation of a real dashboard ------ */

static uint32_t rnd(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

static void test_fuzz(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/grafana/kinds.json", FIXTURES_DIR);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char good[16384];
    size_t glen = fread(good, 1, sizeof good - 1, f);
    fclose(f);
    static const char *const tokens[] = {
        "{",       "}",          "[",           "]",          ",",
        ":",       "\"",         "null",        "0",          "-1e400",
        "true",    "\\u0000",    "\\ud800",     "\xff",       "\"type\"",
        "\"row\"", "\"panels\"", "\"gridPos\"", "{\"x\":-5}", "\"$__all\"",
        "\"${\"",  "[[",         "\"rows\"",    "\"spec\"",   "\"dashboard\"",
    };
    uint32_t seed = 4242;
    static char buf[17000];
    for (int it = 0; it < 1500; it++) {
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
                size_t cut = 1 + rnd(&seed) % 32;
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
                if (len + tl >= sizeof buf)
                    break;
                memmove(buf + at + tl, buf + at, len - at);
                memcpy(buf + at, t, tl);
                len += tl;
            }
            }
        }
        LayoutError err;
        Dashboard *d = layout_load_text("f.json", NULL, buf, len, &err);
        if (d) {
            Rect out[64];
            layout_place(d, (Rect){0, 0, 80, 24}, out, 64);
            layout_free(d);
        } else {
            assert_true(err.msg[0] != '\0');
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_legacy),
        cmocka_unit_test(test_vars),
        cmocka_unit_test(test_wrappers),
        cmocka_unit_test(test_grid),
        cmocka_unit_test(test_shared),
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_var_answers),
        cmocka_unit_test(test_add_matchers),
        cmocka_unit_test(test_panel_helpers),
        cmocka_unit_test(test_writer),
        cmocka_unit_test(test_repeat),
        cmocka_unit_test(test_transforms),
        cmocka_unit_test(test_var_order),
        cmocka_unit_test(test_negative_defaults),
        cmocka_unit_test(test_panel_window),
        cmocka_unit_test(test_fuzz),
        cmocka_unit_test(test_huge_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
