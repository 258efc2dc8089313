/* grafana_out.c - the Grafana dashboard writer: a loaded Dashboard as
 * Grafana dashboard JSON (the Classic model, schemaVersion 39) that a
 * Grafana server can provision: rows and columns laid out on the 24-column
 * grid, sections as row panels (collapsed ones holding their panels), every
 * panel as the Grafana panel type closest to its kind with its targets,
 * units, decimals, min/max, thresholds, mappings and overrides, and the
 * variables and constants as templating. What Grafana has no field for (a
 * kind with no Grafana twin, layout weights, a kind's options) rides along
 * in each panel's "promboard" object, which Grafana keeps and promboard's
 * reader takes back, so a dashboard comes back from the round trip as it
 * went. */
#include "grafana.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../datasource/query.h"
#include "../themes/theme.h"

#define GO_COLS 24 /* Grafana's grid columns */

/* The writer's state: the last panel id given. */
typedef struct {
    int next_id;
} Out;

/* One enclosing row of a panel, outermost first: its height and
 * min_height, and the width of the column cell the panel sits in (0 for
 * the innermost row, whose panel's own width says it). */
typedef struct {
    int height, min_height, cell_width;
} Enclosing;

#define GO_MAX_DEPTH 16

/* ---- values ----------------------------------------------------------------
 */

/* A number as JSON, exact. */
static cJSON *num(double v)
{
    char buf[40];
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return cJSON_CreateRaw(buf);
}

/* promboard units and the Grafana unit id drawing them alike. */
static const struct {
    const char *mine, *grafana;
} units[] = {
    {"none", "none"},
    {"percent", "percent"},
    {"percentunit", "percentunit"},
    {"s", "s"},
    {"ms", "ms"},
    {"us", "µs"},
    {"ns", "ns"},
    {"m", "m"},
    {"days", "d"},
    {"hours", "h"},
    {"bytes", "bytes"},
    {"decbytes", "decbytes"},
    {"kbytes", "kbytes"},
    {"mbytes", "mbytes"},
    {"gbytes", "gbytes"},
    {"deckbytes", "deckbytes"},
    {"decmbytes", "decmbytes"},
    {"decgbytes", "decgbytes"},
    {"bytes/s", "binBps"},
    {"decbytes/s", "Bps"},
    {"decbits", "decbits"},
    {"decbits/s", "bps"},
    {"req/s", "reqps"},
    {"ops/s", "ops"},
    {"ops/min", "opm"},
    {"packets/s", "pps"},
    {"io/s", "iops"},
    {"reads/s", "rps"},
    {"writes/s", "wps"},
    {"events/s", "eps"},
    {"hertz", "hertz"},
    {"rpm", "rotrpm"},
    {"celsius", "celsius"},
    {"fahrenheit", "fahrenheit"},
    {"volt", "volt"},
    {"amp", "amp"},
    {"watt", "watt"},
    {"dollars", "currencyUSD"},
    {"count", "short"},
    {"perday", "suffix:/day"},
    {"x", "suffix:x"},
};

/* The Grafana unit for promboard unit u ("" and NULL: short). */
static const char *unit_id(const char *u)
{
    if (!u || !*u)
        return "short";
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (!strcmp(units[i].mine, u))
            return units[i].grafana;
    return u; /* suffix:TEXT and prefix:TEXT are Grafana's own too */
}

/* The Grafana colour of a role. */
static const char *role_color(int role)
{
    switch (role) {
    case ROLE_OK:
        return "green";
    case ROLE_WARN:
        return "orange";
    case ROLE_CRIT:
        return "red";
    case ROLE_DIM:
        return "gray";
    case ROLE_SERIES1:
        return "blue";
    case ROLE_SERIES2:
        return "green";
    case ROLE_SERIES3:
        return "yellow";
    case ROLE_SERIES4:
        return "purple";
    case ROLE_SERIES5:
        return "#5fd7d7";
    case ROLE_SERIES6:
        return "red";
    case ROLE_SERIES7:
        return "#dadada";
    case ROLE_SERIES8:
        return "orange";
    default:
        return "text";
    }
}

/* thresholds as {mode, steps: [{color, value}]}. */
static cJSON *thresholds_json(const Thresholds *t)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "mode", t->percent ? "percentage" : "absolute");
    cJSON *steps = cJSON_AddArrayToObject(o, "steps");
    for (int i = 0; i <= t->n; i++) {
        int role;
        if (t->roles)
            role = t->roles[i];
        else { /* ok below, warn between, crit above (reversed: good high) */
            int k = t->good_high ? t->n - i : i;
            role = k == 0 ? ROLE_OK : k >= t->n ? ROLE_CRIT : ROLE_WARN;
        }
        cJSON *s = cJSON_CreateObject();
        cJSON_AddStringToObject(s, "color", role_color(role));
        if (i == 0)
            cJSON_AddNullToObject(s, "value");
        else
            cJSON_AddItemToObject(s, "value", num(t->steps[i - 1]));
        cJSON_AddItemToArray(steps, s);
    }
    return o;
}

static const char *const special_names[] = {"null", "nan",   "null+nan",
                                            "true", "false", "empty"};

/* mappings as Grafana's [{type, options}]. */
static cJSON *mappings_json(const ValueMap *m, int n)
{
    cJSON *arr = cJSON_CreateArray();
    for (int i = 0; i < n; i++) {
        cJSON *mp = cJSON_CreateObject(), *opt = cJSON_CreateObject();
        cJSON *res = cJSON_CreateObject();
        if (m[i].text)
            cJSON_AddStringToObject(res, "text", m[i].text);
        if (m[i].role >= 0)
            cJSON_AddStringToObject(res, "color", role_color(m[i].role));
        cJSON_AddNumberToObject(res, "index", i);
        switch (m[i].type) {
        case MAP_VALUE: {
            char key[40];
            snprintf(key, sizeof key, "%.17g", m[i].value);
            cJSON_AddStringToObject(mp, "type", "value");
            cJSON_AddItemToObject(opt, key, res);
            break;
        }
        case MAP_RANGE:
            cJSON_AddStringToObject(mp, "type", "range");
            if (isfinite(m[i].from))
                cJSON_AddItemToObject(opt, "from", num(m[i].from));
            else
                cJSON_AddNullToObject(opt, "from");
            if (isfinite(m[i].to))
                cJSON_AddItemToObject(opt, "to", num(m[i].to));
            else
                cJSON_AddNullToObject(opt, "to");
            cJSON_AddItemToObject(opt, "result", res);
            break;
        case MAP_REGEX:
            cJSON_AddStringToObject(mp, "type", "regex");
            cJSON_AddStringToObject(opt, "pattern",
                                    m[i].pattern ? m[i].pattern : "");
            cJSON_AddItemToObject(opt, "result", res);
            break;
        default:
            cJSON_AddStringToObject(mp, "type", "special");
            cJSON_AddStringToObject(opt, "match",
                                    special_names[m[i].special % 6]);
            cJSON_AddItemToObject(opt, "result", res);
            break;
        }
        cJSON_AddItemToObject(mp, "options", opt);
        cJSON_AddItemToArray(arr, mp);
    }
    return arr;
}

/* ---- panels ---------------------------------------------------------------
 */

/* The Grafana panel type closest to a kind. */
static const char *panel_type(const PanelConf *pc)
{
    const char *k = pc->cls->name;
    int i = panel_opt_index(pc->cls, "mode");
    const char *mode = i >= 0 && pc->opts[i].str ? pc->opts[i].str : "";
    if (!strcmp(k, "heatmap"))
        return strcmp(mode, "series") ? "heatmap" : "state-timeline";
    if (!strcmp(k, "pie"))
        return "piechart";
    if (!strcmp(k, "bar")) {
        int o = panel_opt_index(pc->cls, "over");
        return o >= 0 && pc->opts[o].str && !strcmp(pc->opts[o].str, "time")
                   ? "timeseries"
                   : "barchart";
    }
    if (!strcmp(k, "multistat") || !strcmp(k, "statusgrid"))
        return "stat";
    if (!strcmp(k, "treemap"))
        return "bargauge";
    if (!strcmp(k, "timeline"))
        return "state-timeline";
    return k; /* stat, gauge, timeseries, table, bargauge, text, histogram,
                 alertlist: Grafana's own names */
}

/* A kind option's value as JSON. */
static cJSON *opt_json(const OptSpec *spec, const OptValue *v)
{
    switch (spec->type) {
    case OPT_BOOL:
        return cJSON_CreateBool(v->num != 0);
    case OPT_INT:
    case OPT_NUMBER:
        return num(v->num);
    case OPT_DURATION: {
        char d[32];
        return cJSON_CreateString(duration_format(v->num, d, sizeof d));
    }
    case OPT_NUMBERS: {
        cJSON *a = cJSON_CreateArray();
        for (int i = 0; i < v->n; i++)
            cJSON_AddItemToArray(a, num(v->nums[i]));
        return a;
    }
    case OPT_STRINGS: {
        cJSON *a = cJSON_CreateArray();
        for (int i = 0; i < v->n; i++)
            cJSON_AddItemToArray(a, cJSON_CreateString(v->strs[i]));
        return a;
    }
    default:
        return cJSON_CreateString(v->str ? v->str : "");
    }
}

/* The targets of pc: refId A, B, ..., expr, legend, instant, steps. */
/* The datasource of a panel or target: Grafana's server chosen by the
 * dashboard's datasource variable, or the one whose uid is the name of a
 * promboard datasource (config.yaml's datasources). */
static void add_datasource(cJSON *to, const char *name)
{
    cJSON *ds = cJSON_AddObjectToObject(to, "datasource");
    cJSON_AddStringToObject(ds, "type", "prometheus");
    cJSON_AddStringToObject(
        ds, "uid",
        name && strcmp(name, LAYOUT_MAIN_SOURCE) ? name : "${datasource}");
}

static cJSON *targets_json(const PanelConf *pc)
{
    cJSON *arr = cJSON_CreateArray();
    for (int q = 0; q < pc->nqueries; q++) {
        const QueryConf *qc = &pc->queries[q];
        cJSON *t = cJSON_CreateObject();
        char ref[8];
        snprintf(ref, sizeof ref, "%c%s", 'A' + q % 26, q >= 26 ? "2" : "");
        add_datasource(t, qc->source.name ? qc->source.name : pc->source.name);
        cJSON_AddStringToObject(t, "refId", ref);
        cJSON_AddStringToObject(t, "expr", qc->expr);
        if (qc->legend)
            cJSON_AddStringToObject(t, "legendFormat", qc->legend);
        if (!strcmp(pc->cls->name, "heatmap")) {
            int i = panel_opt_index(pc->cls, "mode");
            if (!(i >= 0 && pc->opts[i].str &&
                  !strcmp(pc->opts[i].str, "series"))) {
                cJSON_AddStringToObject(t, "format", "heatmap");
            }
        } else if (!strcmp(pc->cls->name, "table")) {
            cJSON_AddStringToObject(t, "format", "table");
        }
        int mode = pc->cls->query_mode_for ? pc->cls->query_mode_for(pc)
                                           : pc->cls->query_mode;
        int inst = qc->instant || !(mode & QM_RANGE);
        cJSON_AddBoolToObject(t, "instant", inst);
        cJSON_AddBoolToObject(t, "range", !inst);
        if (qc->min_step > 0) {
            char d[32];
            cJSON_AddStringToObject(t, "interval",
                                    duration_format(qc->min_step, d, sizeof d));
        }
        if (qc->step_factor > 1)
            cJSON_AddNumberToObject(t, "intervalFactor", qc->step_factor);
        cJSON_AddItemToArray(arr, t);
    }
    return arr;
}

/* What a query's own settings say, as a byFrameRefID override. */
static void query_overrides(const PanelConf *pc, cJSON *ovs)
{
    for (int q = 0; q < pc->nqueries; q++) {
        const QueryConf *qc = &pc->queries[q];
        cJSON *props = cJSON_CreateArray();
#define PROP(id, val)                                                          \
    do {                                                                       \
        cJSON *pr = cJSON_CreateObject();                                      \
        cJSON_AddStringToObject(pr, "id", id);                                 \
        cJSON_AddItemToObject(pr, "value", val);                               \
        cJSON_AddItemToArray(props, pr);                                       \
    } while (0)
        if (qc->unit)
            PROP("unit", cJSON_CreateString(unit_id(qc->unit)));
        if (qc->decimals >= 0)
            PROP("decimals", cJSON_CreateNumber(qc->decimals));
        if (qc->thresholds.set)
            PROP("thresholds", thresholds_json(&qc->thresholds));
        if (qc->nmappings)
            PROP("mappings", mappings_json(qc->mappings, qc->nmappings));
        if (qc->name)
            PROP("displayName", cJSON_CreateString(qc->name));
        if (qc->hide)
            PROP("custom.hidden", cJSON_CreateBool(1));
        if (cJSON_GetArraySize(props) == 0) {
            cJSON_Delete(props);
            continue;
        }
        cJSON *ov = cJSON_CreateObject(), *m = cJSON_CreateObject();
        char ref[8];
        snprintf(ref, sizeof ref, "%c%s", 'A' + q % 26, q >= 26 ? "2" : "");
        cJSON_AddStringToObject(m, "id", "byFrameRefID");
        cJSON_AddStringToObject(m, "options", ref);
        cJSON_AddItemToObject(ov, "matcher", m);
        cJSON_AddItemToObject(ov, "properties", props);
        cJSON_AddItemToArray(ovs, ov);
    }
}

/* The panel's series overrides in Grafana's form. */
static void series_overrides(const PanelConf *pc, cJSON *ovs)
{
    for (int k = 0; k < pc->noverrides; k++) {
        const SeriesOverride *o = &pc->overrides[k];
        cJSON *ov = cJSON_CreateObject(), *m = cJSON_CreateObject();
        if (o->regex && o->match) {
            cJSON_AddStringToObject(m, "id", "byRegexp");
            cJSON_AddStringToObject(m, "options", o->match);
        } else if (o->nnames == 1 && !o->exclude) {
            cJSON_AddStringToObject(m, "id", "byName");
            cJSON_AddStringToObject(m, "options", o->names[0]);
        } else {
            cJSON_AddStringToObject(m, "id", "byNames");
            cJSON *opt = cJSON_AddObjectToObject(m, "options");
            cJSON_AddStringToObject(opt, "mode",
                                    o->exclude ? "exclude" : "include");
            cJSON *names = cJSON_AddArrayToObject(opt, "names");
            for (int i = 0; i < o->nnames; i++)
                cJSON_AddItemToArray(names, cJSON_CreateString(o->names[i]));
        }
        cJSON_AddItemToObject(ov, "matcher", m);
        cJSON *props = cJSON_AddArrayToObject(ov, "properties");
        if (o->name)
            PROP("displayName", cJSON_CreateString(o->name));
        if (o->unit)
            PROP("unit", cJSON_CreateString(unit_id(o->unit)));
        if (o->decimals >= 0)
            PROP("decimals", cJSON_CreateNumber(o->decimals));
        if (!isnan(o->min))
            PROP("min", num(o->min));
        if (!isnan(o->max))
            PROP("max", num(o->max));
        if (o->role >= 0) {
            cJSON *c = cJSON_CreateObject();
            cJSON_AddStringToObject(c, "mode", "fixed");
            cJSON_AddStringToObject(c, "fixedColor", role_color(o->role));
            PROP("color", c);
        }
        if (o->thresholds.set)
            PROP("thresholds", thresholds_json(&o->thresholds));
        if (o->nmappings)
            PROP("mappings", mappings_json(o->mappings, o->nmappings));
        if (o->negative)
            PROP("custom.transform", cJSON_CreateString("negative-Y"));
        if (o->right)
            PROP("custom.axisPlacement", cJSON_CreateString("right"));
        if (o->nostack) {
            cJSON *st = cJSON_CreateObject();
            cJSON_AddStringToObject(st, "mode", "none");
            cJSON_AddStringToObject(st, "group", "A");
            PROP("custom.stacking", st);
        }
        if (o->hide || o->nolegend) {
            cJSON *h = cJSON_CreateObject();
            cJSON_AddBoolToObject(h, "legend", 1);
            cJSON_AddBoolToObject(h, "tooltip", o->hide);
            cJSON_AddBoolToObject(h, "viz", o->hide);
            PROP("custom.hideFrom", h);
        }
        cJSON_AddItemToArray(ovs, ov);
    }
#undef PROP
}

/* Grafana options of the panel's type, from the kind's options. */
static void type_options(const PanelConf *pc, const char *type, cJSON *p,
                         cJSON *custom)
{
    cJSON *opts = cJSON_AddObjectToObject(p, "options");
    const char *k = pc->cls->name;
    int i;
#define OPT_STR(name)                                                          \
    ((i = panel_opt_index(pc->cls, name)) >= 0 && pc->opts[i].str              \
         ? pc->opts[i].str                                                     \
         : NULL)
#define OPT_NUM(name, d)                                                       \
    ((i = panel_opt_index(pc->cls, name)) >= 0 && pc->opts[i].set              \
         ? pc->opts[i].num                                                     \
         : (d))
    if (!strcmp(type, "timeseries")) {
        const char *lg = OPT_STR("legend");
        cJSON *legend = cJSON_AddObjectToObject(opts, "legend");
        cJSON_AddBoolToObject(legend, "showLegend",
                              !(lg && !strcmp(lg, "none")));
        cJSON_AddStringToObject(legend, "placement",
                                lg && !strcmp(lg, "right") ? "right"
                                                           : "bottom");
        cJSON_AddStringToObject(legend, "displayMode", "list");
        cJSON *st = cJSON_AddObjectToObject(custom, "stacking");
        cJSON_AddStringToObject(st, "mode",
                                OPT_NUM("stack_percent", 0) ? "percent"
                                : OPT_NUM("stack", 0)       ? "normal"
                                                            : "none");
        const char *style = OPT_STR("style");
        if (!strcmp(k, "bar") || (style && !strcmp(style, "bars")))
            cJSON_AddStringToObject(custom, "drawStyle", "bars");
        else if (style && !strcmp(style, "points"))
            cJSON_AddStringToObject(custom, "drawStyle", "points");
        cJSON *ts = cJSON_AddObjectToObject(custom, "thresholdsStyle");
        cJSON_AddStringToObject(ts, "mode",
                                pc->thresholds.set ? "dashed" : "off");
    } else if (!strcmp(type, "stat") || !strcmp(type, "gauge") ||
               !strcmp(type, "bargauge")) {
        cJSON *ro = cJSON_AddObjectToObject(opts, "reduceOptions");
        cJSON *calcs = cJSON_AddArrayToObject(ro, "calcs");
        const char *calc = OPT_STR("calc");
        static const struct {
            const char *mine, *grafana;
        } cmap[] = {{"last", "lastNotNull"}, {"first", "firstNotNull"},
                    {"mean", "mean"},        {"max", "max"},
                    {"min", "min"},          {"sum", "sum"},
                    {"delta", "delta"},      {"diff", "diff"},
                    {"range", "range"},      {"count", "count"}};
        const char *g = "lastNotNull";
        for (size_t j = 0; calc && j < sizeof cmap / sizeof cmap[0]; j++)
            if (!strcmp(calc, cmap[j].mine))
                g = cmap[j].grafana;
        cJSON_AddItemToArray(calcs, cJSON_CreateString(g));
        cJSON_AddBoolToObject(ro, "values", 0);
        cJSON_AddStringToObject(ro, "fields", "");
        if (!strcmp(type, "stat")) {
            cJSON_AddStringToObject(opts, "graphMode",
                                    OPT_NUM("sparkline", 1) ? "area" : "none");
            const char *cm = OPT_STR("color_mode");
            cJSON_AddStringToObject(opts, "colorMode",
                                    cm && !strcmp(cm, "background")
                                        ? "background"
                                    : cm && !strcmp(cm, "none") ? "none"
                                                                : "value");
            cJSON_AddStringToObject(opts, "textMode", "auto");
        }
        if (!strcmp(type, "bargauge")) {
            const char *o = OPT_STR("orientation");
            cJSON_AddStringToObject(opts, "orientation",
                                    o && !strcmp(o, "vertical") ? "vertical"
                                                                : "horizontal");
            cJSON_AddStringToObject(opts, "displayMode", "basic");
        }
    } else if (!strcmp(type, "piechart")) {
        cJSON_AddStringToObject(opts, "pieType",
                                OPT_NUM("donut", 0) ? "donut" : "pie");
        cJSON *legend = cJSON_AddObjectToObject(opts, "legend");
        cJSON_AddBoolToObject(legend, "showLegend", OPT_NUM("legend", 1) != 0);
        cJSON *ro = cJSON_AddObjectToObject(opts, "reduceOptions");
        cJSON_AddItemToArray(cJSON_AddArrayToObject(ro, "calcs"),
                             cJSON_CreateString("lastNotNull"));
    } else if (!strcmp(type, "barchart")) {
        const char *o = OPT_STR("orientation");
        cJSON_AddStringToObject(opts, "orientation",
                                o && !strcmp(o, "horizontal") ? "horizontal"
                                                              : "vertical");
        cJSON_AddStringToObject(opts, "stacking",
                                OPT_NUM("stack", 0) ? "normal" : "none");
    } else if (!strcmp(type, "heatmap")) {
        cJSON_AddBoolToObject(opts, "calculate", 0);
    } else if (!strcmp(type, "text")) {
        cJSON_AddStringToObject(opts, "mode", "markdown");
        const char *c = OPT_STR("content");
        cJSON_AddStringToObject(opts, "content", c ? c : "");
    } else if (!strcmp(type, "alertlist")) {
        cJSON *sf = cJSON_AddObjectToObject(opts, "stateFilter");
        cJSON_AddBoolToObject(sf, "firing", 1);
        cJSON_AddBoolToObject(sf, "pending", 1);
        cJSON_AddStringToObject(opts, "viewMode", "list");
    }
#undef OPT_STR
#undef OPT_NUM
}

/* The panel in Grafana's form, at gridPos (x, y, w, h). */
static cJSON *panel_json(Out *o, const PanelConf *pc, int x, int y, int w,
                         int h, const Enclosing *enc, int depth)
{
    cJSON *p = cJSON_CreateObject();
    const char *type = panel_type(pc);
    cJSON_AddNumberToObject(p, "id", ++o->next_id);
    cJSON_AddStringToObject(p, "type", type);
    cJSON_AddStringToObject(p, "title", pc->title);
    if (pc->description)
        cJSON_AddStringToObject(p, "description", pc->description);
    cJSON *gp = cJSON_AddObjectToObject(p, "gridPos");
    cJSON_AddNumberToObject(gp, "x", x);
    cJSON_AddNumberToObject(gp, "y", y);
    cJSON_AddNumberToObject(gp, "w", w);
    cJSON_AddNumberToObject(gp, "h", h);
    if (pc->nqueries > 0) {
        add_datasource(p, pc->source.name);
        cJSON_AddItemToObject(p, "targets", targets_json(pc));
    }
    if (pc->max_points > 0)
        cJSON_AddNumberToObject(p, "maxDataPoints", pc->max_points);
    if (pc->repeat) {
        cJSON_AddStringToObject(
            p, "repeat", pc->repeat[0] == '$' ? pc->repeat + 1 : pc->repeat);
        cJSON_AddStringToObject(p, "repeatDirection", pc->repeat_v ? "v" : "h");
        if (pc->max_per_row > 0)
            cJSON_AddNumberToObject(p, "maxPerRow", pc->max_per_row);
    }
    if (pc->min_step > 0) {
        char d[32];
        cJSON_AddStringToObject(p, "interval",
                                duration_format(pc->min_step, d, sizeof d));
    }
    if (pc->refresh > 0) {
        /* Grafana has no panel refresh: promboard's own below */
    }
    cJSON *fc = cJSON_AddObjectToObject(p, "fieldConfig");
    cJSON *def = cJSON_AddObjectToObject(fc, "defaults");
    cJSON *custom = cJSON_AddObjectToObject(def, "custom");
    cJSON_AddStringToObject(def, "unit", unit_id(pc->unit));
    if (pc->decimals >= 0)
        cJSON_AddNumberToObject(def, "decimals", pc->decimals);
    if (!isnan(pc->min))
        cJSON_AddItemToObject(def, "min", num(pc->min));
    if (!isnan(pc->max))
        cJSON_AddItemToObject(def, "max", num(pc->max));
    if (pc->thresholds.set)
        cJSON_AddItemToObject(def, "thresholds",
                              thresholds_json(&pc->thresholds));
    cJSON *col = cJSON_AddObjectToObject(def, "color");
    cJSON_AddStringToObject(
        col, "mode", pc->thresholds.set ? "thresholds" : "palette-classic");
    cJSON_AddItemToObject(def, "mappings",
                          mappings_json(pc->mappings, pc->nmappings));
    if (pc->no_value)
        cJSON_AddStringToObject(def, "noValue", pc->no_value);
    cJSON *ovs = cJSON_AddArrayToObject(fc, "overrides");
    query_overrides(pc, ovs);
    series_overrides(pc, ovs);
    type_options(pc, type, p, custom);

    /* what Grafana has no field for, for promboard's reader */
    cJSON *mine = cJSON_AddObjectToObject(p, "promboard");
    cJSON_AddStringToObject(mine, "kind", pc->cls->name);
    cJSON_AddNumberToObject(mine, "width", pc->width);
    if (pc->refresh > 0) {
        char d[32];
        cJSON_AddStringToObject(mine, "refresh",
                                duration_format(pc->refresh, d, sizeof d));
    }
    if (pc->unit)
        cJSON_AddStringToObject(mine, "unit", pc->unit);
    cJSON *ko = cJSON_AddObjectToObject(mine, "options");
    for (int i = 0; pc->cls->opts && pc->cls->opts[i].name; i++)
        if (pc->opts[i].set)
            cJSON_AddItemToObject(ko, pc->cls->opts[i].name,
                                  opt_json(&pc->cls->opts[i], &pc->opts[i]));
    cJSON *inst = cJSON_AddArrayToObject(mine, "instant");
    for (int q = 0; q < pc->nqueries; q++)
        cJSON_AddItemToArray(inst, cJSON_CreateBool(pc->queries[q].instant));
    if (pc->source.name)
        cJSON_AddStringToObject(mine, "datasource", pc->source.name);
    int own = 0;
    for (int q = 0; q < pc->nqueries; q++)
        own |= pc->queries[q].source.name != NULL;
    if (own) { /* each query's own server, null: the panel's */
        cJSON *srcs = cJSON_AddArrayToObject(mine, "datasources");
        for (int q = 0; q < pc->nqueries; q++)
            cJSON_AddItemToArray(
                srcs, pc->queries[q].source.name
                          ? cJSON_CreateString(pc->queries[q].source.name)
                          : cJSON_CreateNull());
    }
    cJSON *rows = cJSON_AddArrayToObject(mine, "rows");
    for (int i = 0; i <= depth; i++) {
        cJSON *r = cJSON_CreateObject();
        cJSON_AddNumberToObject(r, "height", enc[i].height);
        cJSON_AddNumberToObject(r, "min_height", enc[i].min_height);
        if (i < depth)
            cJSON_AddNumberToObject(r, "width", enc[i].cell_width);
        cJSON_AddItemToArray(rows, r);
    }
    return p;
}

/* ---- layout ---------------------------------------------------------------
 */

/* Grid rows a promboard row takes: its lines needed, at least 4, and what
 * its column cells' rows take together. */
static int row_h(const RowConf *r, int depth)
{
    int h = r->min_height > 4 ? r->min_height : 4;
    for (int k = 0; depth < GO_MAX_DEPTH && k < r->npanels; k++) {
        const PanelConf *pc = &r->panels[k];
        if (!LAYOUT_IS_COLUMN(pc))
            continue;
        int c = 0;
        for (int i = 0; i < pc->nrows; i++)
            c += row_h(&pc->rows[i], depth + 1);
        h = c > h ? c : h;
    }
    return h;
}

/* Writes the panels of rows[0..n) into arr within grid columns [x0, x0 +
 * w0) from grid row *y on; enc[0..depth) are the rows around them. */
static void rows_json(Out *o, const RowConf *rows, int n, int x0, int w0,
                      int *y, cJSON *arr, Enclosing *enc, int depth)
{
    for (int i = 0; i < n; i++) {
        const RowConf *r = &rows[i];
        int h = row_h(r, depth);
        enc[depth] = (Enclosing){r->height, r->min_height, 0};
        long sumw = 0, cum = 0;
        for (int k = 0; k < r->npanels; k++)
            sumw += r->panels[k].width > 0 ? r->panels[k].width : 1;
        int prev = 0;
        for (int k = 0; k < r->npanels; k++) {
            const PanelConf *pc = &r->panels[k];
            cum += pc->width > 0 ? pc->width : 1;
            /* Grafana's proportions: the edges rounded, each at least 1 */
            int edge = (int)((w0 * cum + sumw / 2) / sumw);
            int left = r->npanels - k - 1; /* room for those after */
            if (edge > w0 - left)
                edge = w0 - left;
            if (edge <= prev)
                edge = prev + 1;
            int w = edge - prev;
            if (LAYOUT_IS_COLUMN(pc) && depth + 1 < GO_MAX_DEPTH) {
                enc[depth].cell_width = pc->width;
                int cy = *y;
                rows_json(o, pc->rows, pc->nrows, x0 + prev, w, &cy, arr, enc,
                          depth + 1);
                enc[depth].cell_width = 0;
            } else if (!LAYOUT_IS_COLUMN(pc)) {
                cJSON_AddItemToArray(
                    arr, panel_json(o, pc, x0 + prev, *y, w, h, enc, depth));
            }
            prev = edge;
        }
        *y += h;
    }
}

/* ---- the dashboard ----------------------------------------------------------
 */

static cJSON *templating_json(const Dashboard *d)
{
    cJSON *list = cJSON_CreateArray();
    cJSON *ds = cJSON_CreateObject();
    cJSON_AddStringToObject(ds, "name", "datasource");
    cJSON_AddStringToObject(ds, "label", "Data source");
    cJSON_AddStringToObject(ds, "type", "datasource");
    cJSON_AddStringToObject(ds, "query", "prometheus");
    cJSON *now = cJSON_AddObjectToObject(ds, "current");
    if (d->source.name && strcmp(d->source.name, LAYOUT_MAIN_SOURCE)) {
        /* the dashboard's server: the Grafana datasource of that uid */
        cJSON_AddStringToObject(now, "text", d->source.name);
        cJSON_AddStringToObject(now, "value", d->source.name);
    }
    cJSON_AddItemToArray(list, ds);
    for (int i = 0; i < d->nvars; i++) {
        const VarConf *v = &d->vars[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", v->name);
        if (v->title)
            cJSON_AddStringToObject(o, "label", v->title);
        cJSON_AddNumberToObject(o, "hide", v->hide ? 2 : 0);
        const char *type = v->kind == VK_TEXTBOX    ? "textbox"
                           : v->kind == VK_INTERVAL ? "interval"
                           : v->kind == VK_ADHOC    ? "adhoc"
                           : v->qtype != VQ_NONE    ? "query"
                                                    : "custom";
        cJSON_AddStringToObject(o, "type", type);
        if (v->qtype != VQ_NONE || v->kind == VK_ADHOC) {
            cJSON *ds2 = cJSON_AddObjectToObject(o, "datasource");
            cJSON_AddStringToObject(ds2, "type", "prometheus");
            cJSON_AddStringToObject(ds2, "uid", "${datasource}");
        }
        char q[4096] = "";
        switch (v->qtype) {
        case VQ_LABEL_VALUES:
            snprintf(q, sizeof q, "label_values(%s, %s)", v->metric, v->label);
            break;
        case VQ_LABEL_NAMES:
            snprintf(q, sizeof q, "label_names(%s)", v->qtext ? v->qtext : "");
            break;
        case VQ_METRICS:
            snprintf(q, sizeof q, "metrics(%s)", v->qtext);
            break;
        case VQ_QUERY_RESULT:
            snprintf(q, sizeof q, "query_result(%s)", v->qtext);
            break;
        default: /* values, separated by commas (a comma escaped) */
            for (int k = 0; k < v->nvalues; k++) {
                size_t used = strlen(q);
                if (k && used + 1 < sizeof q)
                    q[used++] = ',', q[used] = '\0';
                for (const char *c = v->values[k]; *c && used + 2 < sizeof q;
                     c++) {
                    if (*c == ',')
                        q[used++] = '\\';
                    q[used++] = *c;
                    q[used] = '\0';
                }
            }
            if (v->kind == VK_TEXTBOX)
                snprintf(q, sizeof q, "%s", v->value ? v->value : "");
        }
        if (v->kind != VK_ADHOC) {
            cJSON_AddStringToObject(o, "query", q);
            if (v->qtype != VQ_NONE)
                cJSON_AddStringToObject(o, "definition", q);
        }
        if (v->qtype != VQ_NONE) {
            static const int sorts[] = {0, 1, 2, 3, 4, 5, 6, 7, 8};
            cJSON_AddNumberToObject(o, "sort", sorts[v->sort % 9]);
            cJSON_AddNumberToObject(o, "refresh", 2);
        }
        if (v->regex_text)
            cJSON_AddStringToObject(o, "regex", v->regex_text);
        cJSON_AddBoolToObject(o, "multi", v->multi);
        cJSON_AddBoolToObject(o, "includeAll", v->all);
        if (v->all_value)
            cJSON_AddStringToObject(o, "allValue", v->all_value);
        if (v->kind == VK_INTERVAL) {
            cJSON_AddBoolToObject(o, "auto", v->autoi);
            cJSON_AddNumberToObject(o, "auto_count", v->auto_count);
            char dd[32];
            cJSON_AddStringToObject(
                o, "auto_min", duration_format(v->auto_min, dd, sizeof dd));
        }
        if (v->kind == VK_ADHOC) {
            cJSON *fl = cJSON_AddArrayToObject(o, "filters");
            for (int k = 0; k < v->nfilters; k++) {
                cJSON *f = cJSON_CreateObject();
                cJSON_AddStringToObject(f, "key", v->filters[k].label);
                cJSON_AddStringToObject(f, "operator", v->filters[k].op);
                cJSON_AddStringToObject(f, "value", v->filters[k].value);
                cJSON_AddItemToArray(fl, f);
            }
        }
        /* the current value: All as Grafana writes it */
        cJSON *cur = cJSON_AddObjectToObject(o, "current");
        int n = v->sel ? v->nsel : v->value ? 1 : 0;
        cJSON *vals = cJSON_CreateArray();
        for (int k = 0; k < n; k++) {
            const char *s = v->sel ? v->sel[k] : v->value;
            if (v->kind == VK_INTERVAL && !strcmp(s, "auto")) {
                char a[160];
                snprintf(a, sizeof a, "$__auto_interval_%s", v->name);
                cJSON_AddItemToArray(vals, cJSON_CreateString(a));
            } else {
                cJSON_AddItemToArray(
                    vals, cJSON_CreateString(strcmp(s, "All") ? s : "$__all"));
            }
        }
        if (v->multi) {
            cJSON_AddItemToObject(cur, "value", vals);
        } else {
            cJSON *first = cJSON_DetachItemFromArray(vals, 0);
            if (first)
                cJSON_AddItemToObject(cur, "value", first);
            cJSON_Delete(vals);
        }
        cJSON_AddItemToArray(list, o);
    }
    for (int i = 0; i < d->nconsts; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", d->consts[i].name);
        cJSON_AddStringToObject(o, "type", "constant");
        cJSON_AddStringToObject(o, "query", d->consts[i].text);
        cJSON_AddNumberToObject(o, "hide", 2);
        cJSON_AddItemToArray(list, o);
    }
    return list;
}

/* cJSON's tabs as Grafana's exports indent: two spaces a level, one
 * after a colon (strings hold no raw tab: JSON escapes them). */
static char *two_spaces(char *text)
{
    size_t tabs = 0, n = 0;
    for (const char *c = text; *c; c++, n++)
        tabs += *c == '\t';
    char *out = malloc(n + tabs + 1);
    if (!out)
        return text; /* tabs are valid JSON too */
    char *w = out;
    for (const char *c = text; *c; c++) {
        if (*c != '\t')
            *w++ = *c;
        else if (c > text && c[-1] == ':')
            *w++ = ' ';
        else
            *w++ = ' ', *w++ = ' ';
    }
    *w = '\0';
    free(text);
    return out;
}

char *grafana_from_dashboard(const Dashboard *d)
{
    Out o = {0};
    cJSON *root = cJSON_CreateObject();
    char uid[41], dur[32];
    snprintf(uid, sizeof uid, "promboard-%s", d->name);
    for (char *c = uid; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
              (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'))
            *c = '-';
    cJSON_AddStringToObject(root, "uid", uid);
    cJSON_AddStringToObject(root, "title", d->title);
    cJSON *tags = cJSON_AddArrayToObject(root, "tags");
    cJSON_AddItemToArray(tags, cJSON_CreateString("promboard"));
    cJSON_AddStringToObject(root, "timezone", "browser");
    cJSON_AddNumberToObject(root, "schemaVersion", 39);
    cJSON_AddNumberToObject(root, "version", 1);
    cJSON_AddBoolToObject(root, "editable", 1);
    cJSON_AddNumberToObject(root, "graphTooltip", 1);
    cJSON_AddStringToObject(root, "refresh",
                            duration_format(d->refresh, dur, sizeof dur));
    cJSON *t = cJSON_AddObjectToObject(root, "time");
    if (d->range_anchor == RANGE_MTD) {
        cJSON_AddStringToObject(t, "from", "now/M");
    } else if (d->range_anchor == RANGE_TODAY) {
        cJSON_AddStringToObject(t, "from", "now/d");
    } else {
        char from[48];
        snprintf(from, sizeof from, "now-%s",
                 duration_format(d->range, dur, sizeof dur));
        cJSON_AddStringToObject(t, "from", from);
    }
    cJSON_AddStringToObject(t, "to", "now");
    cJSON *tm = cJSON_AddObjectToObject(root, "templating");
    cJSON_AddItemToObject(tm, "list", templating_json(d));
    cJSON_AddArrayToObject(cJSON_AddObjectToObject(root, "annotations"),
                           "list");
    cJSON *panels = cJSON_AddArrayToObject(root, "panels");
    if (d->scrape > 0 || d->source.name) {
        cJSON *mine = cJSON_AddObjectToObject(root, "promboard");
        if (d->scrape > 0)
            cJSON_AddStringToObject(
                mine, "scrape_interval",
                duration_format(d->scrape, dur, sizeof dur));
        if (d->source.name)
            cJSON_AddStringToObject(mine, "datasource", d->source.name);
    }
    Enclosing enc[GO_MAX_DEPTH];
    int y = 0;
    cJSON *into = panels; /* a collapsed row holds its panels */
    /* the rows as written: repeats are Grafana's to make */
    const RowConf *rows = d->tmpl_rows ? d->tmpl_rows : d->rows;
    int nrows = d->tmpl_rows ? d->tmpl_nrows : d->nrows;
    for (int i = 0; i < nrows; i++) {
        const RowConf *r = &rows[i];
        if (r->section && r->npanels > 0) {
            const PanelConf *hp = &r->panels[0];
            cJSON *p = cJSON_CreateObject();
            cJSON_AddNumberToObject(p, "id", ++o.next_id);
            cJSON_AddStringToObject(p, "type", "row");
            cJSON_AddStringToObject(p, "title", hp->title ? hp->title : "");
            cJSON_AddBoolToObject(p, "collapsed", hp->collapsed);
            if (hp->repeat)
                cJSON_AddStringToObject(p, "repeat",
                                        hp->repeat[0] == '$' ? hp->repeat + 1
                                                             : hp->repeat);
            cJSON *gp = cJSON_AddObjectToObject(p, "gridPos");
            cJSON_AddNumberToObject(gp, "x", 0);
            cJSON_AddNumberToObject(gp, "y", y);
            cJSON_AddNumberToObject(gp, "w", GO_COLS);
            cJSON_AddNumberToObject(gp, "h", 1);
            cJSON *kids = cJSON_AddArrayToObject(p, "panels");
            into = hp->collapsed ? kids : panels;
            cJSON_AddItemToArray(panels, p);
            y++;
            continue;
        }
        rows_json(&o, r, 1, 0, GO_COLS, &y, into, enc, 0);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    return text ? two_spaces(text) : NULL;
}
