/* opts.c - the option tables of a layout's dashboard, row, panel, query,
 * variable and value-mapping keys: type, bounds, default and help of each,
 * and where the loader stores it. The loader validates and fills defaults
 * from them and promboard-layouts(5) is written from them; a panel kind's
 * own options are in its file. A new key is one entry here (and, when the
 * loader stores it, a member of the struct it names). */
#include <stddef.h>
#include <stdio.h>

#include "../panels/format.h"
#include "layout.h"

/* Largest width, height and min_height weight. */
#define SHARE_MAX 1000

/* unit: one of format_units[] or a custom suffix:/prefix: unit. */
static int unit_check(const OptSpec *spec, const OptValue *v, char *msg,
                      size_t n)
{
    (void)spec;
    if (format_unit_known(v->str))
        return 0;
    char q[72], list[400];
    format_unit_list(list, sizeof list);
    snprintf(msg, n,
             "unknown unit '%s' (known: %s; or your own as suffix:TEXT or "
             "prefix:TEXT, e.g. suffix:tok/s)",
             conf_quote(q, sizeof q, v->str), list);
    return -1;
}

const OptSpec layout_dashboard_opts[] = {
    {.name = "title",
     .type = OPT_STRING,
     .flags = OPT_REQUIRED | OPT_NONEMPTY,
     OPT_AT(Dashboard, title),
     .help = "Shown in the tab bar."},
    {.name = "name",
     .type = OPT_STRING,
     .flags = OPT_NONEMPTY,
     OPT_AT(Dashboard, name),
     .help = "Short name on the command line and in --list (default: the "
             "file name without .yaml)."},
    {.name = "refresh",
     .type = OPT_DURATION,
     .def = "30s",
     .flags = OPT_MIN,
     .min = LAYOUT_REFRESH_MIN,
     OPT_AT(Dashboard, refresh),
     .help = "How often panels refresh."},
    {.name = "range",
     .type = OPT_DURATION,
     .def = "1h",
     .choices = "mtd|today",
     .flags = OPT_MIN | OPT_ABOVE,
     .min = 0,
     .help = "Time window of charts: a duration, or mtd (since the first "
             "instant of the month, UTC) or today (since midnight UTC)."},
    {.name = "scrape_interval",
     .type = OPT_DURATION,
     .flags = OPT_MIN | OPT_ABOVE,
     .min = 0,
     OPT_AT(Dashboard, scrape),
     .help = "The servers' scrape interval: the smallest step, and the base "
             "of $__rate_interval (default: the server's global "
             "scrape_interval, else 15s; --scrape-interval overrides it)."},
    {.name = "variables",
     .type = OPT_LIST,
     .item = "variable",
     .help = "Variables, used as $name in queries; see VARIABLE KEYS. The "
             "key v opens a picker."},
    {.name = "constants",
     .type = OPT_MAP,
     .help = "Named numbers such as minutes saved per task or an hourly "
             "rate, substituted for $name in queries and panel titles."},
    {.name = "rows",
     .type = OPT_LIST,
     .item = "row",
     .flags = OPT_REQUIRED | OPT_NONEMPTY,
     .help = "The rows of panels, top to bottom; see ROW KEYS."},
    {0},
};

const OptSpec layout_row_opts[] = {
    {.name = "height",
     .type = OPT_INT,
     .def = "1",
     .flags = OPT_MIN | OPT_MAX,
     .min = 1,
     .max = SHARE_MAX,
     OPT_AT(RowConf, height),
     .help = "Share of the screen's height."},
    {.name = "min_height",
     .type = OPT_INT,
     .def = "5",
     .flags = OPT_MIN | OPT_MAX,
     .min = 3,
     .max = SHARE_MAX,
     OPT_AT(RowConf, min_height),
     .help = "Lines the row needs to be readable; rows that do not fit are "
             "left out."},
    {.name = "panels",
     .type = OPT_LIST,
     .item = "panel",
     .flags = OPT_REQUIRED | OPT_NONEMPTY,
     .help = "The row's panels, left to right; see PANEL KEYS."},
    {0},
};

const OptSpec layout_panel_opts[] = {
    {.name = "title",
     .type = OPT_STRING,
     .flags = OPT_REQUIRED | OPT_NONEMPTY,
     OPT_AT(PanelConf, title),
     .help = "Panel title, shown in its top border; unique in the "
             "dashboard."},
    {.name = "kind",
     .type = OPT_STRING,
     .flags = OPT_REQUIRED,
     .help = "Panel kind; see PANEL KINDS."},
    {.name = "query",
     .type = OPT_STRING,
     .flags = OPT_NONEMPTY,
     .help = "A single PromQL expression (shortcut for one entry of "
             "queries)."},
    {.name = "queries",
     .type = OPT_LIST,
     .item = "query",
     .flags = OPT_NONEMPTY,
     .help = "The panel's queries; see QUERY KEYS."},
    {.name = "width",
     .type = OPT_INT,
     .def = "1",
     .flags = OPT_MIN | OPT_MAX,
     .min = 1,
     .max = SHARE_MAX,
     OPT_AT(PanelConf, width),
     .help = "Share of the row's width."},
    {.name = "refresh",
     .type = OPT_DURATION,
     .flags = OPT_MIN,
     .min = LAYOUT_REFRESH_MIN,
     OPT_AT(PanelConf, refresh),
     .help = "Refresh interval of this panel (default: the dashboard's)."},
    {.name = "range",
     .type = OPT_DURATION,
     .choices = "mtd|today",
     .flags = OPT_MIN | OPT_ABOVE,
     .min = 0,
     .help = "The panel's own time window: a duration (7d), mtd (since the "
             "first instant of the month, UTC) or today (since midnight "
             "UTC). --range, the + and - keys and panning leave it as it is; "
             "the panel names it in a caption when it differs from the "
             "dashboard's."},
    {.name = "time_shift",
     .type = OPT_DURATION,
     .flags = OPT_MIN,
     .min = 0,
     OPT_AT(PanelConf, time_shift),
     .help = "The panel's window ends this much before the dashboard's (1d: "
             "the same window a day earlier)."},
    {.name = "unit",
     .type = OPT_STRING,
     OPT_AT(PanelConf, unit),
     .check = unit_check,
     .help = "Unit of values, one of UNITS, or your own: suffix:TEXT (e.g. "
             "suffix:tok/s) or prefix:TEXT; anything else is an error."},
    {.name = "decimals",
     .type = OPT_INT,
     .flags = OPT_MIN | OPT_MAX,
     .min = 0,
     .max = 10,
     OPT_AT(PanelConf, decimals),
     .help = "Decimals shown (default: 3 significant digits)."},
    {.name = "min",
     .type = OPT_NUMBER,
     OPT_AT(PanelConf, min),
     .help = "Lower bound of the scale (default: from the data)."},
    {.name = "max",
     .type = OPT_NUMBER,
     OPT_AT(PanelConf, max),
     .help = "Upper bound of the scale, above min (default: from the "
             "data)."},
    {.name = "thresholds",
     .type = OPT_NUMBERS,
     .help = "Strictly ascending values where colour turns to warning, then "
             "critical."},
    {.name = "good",
     .type = OPT_ENUM,
     .def = "low",
     .choices = "low|high",
     OPT_AT(PanelConf, thresholds.good_high),
     .help = "Which side of the thresholds is good (needs thresholds)."},
    {.name = "mappings",
     .type = OPT_LIST,
     .item = "mapping",
     .help = "Text shown for exact values; see MAPPING KEYS."},
    {.name = "description",
     .type = OPT_STRING,
     OPT_AT(PanelConf, description),
     .help = "What the panel means (shown by inspect)."},
    {0},
};

const OptSpec layout_query_opts[] = {
    {.name = "expr",
     .type = OPT_STRING,
     .flags = OPT_REQUIRED | OPT_NONEMPTY,
     .help = "PromQL expression; may use $variables, $__range, $__interval, "
             "$__rate_interval."},
    {.name = "legend",
     .type = OPT_STRING,
     OPT_AT(QueryConf, legend),
     .help = "Series name template, e.g. \"{{handler}} {{code}}\"."},
    {.name = "name",
     .type = OPT_STRING,
     OPT_AT(QueryConf, name),
     .help = "Name of this query's column, row or series."},
    {.name = "instant",
     .type = OPT_BOOL,
     .def = "false",
     OPT_AT(QueryConf, instant),
     .help = "Ask only an instant query, even on a chart."},
    {.name = "unit",
     .type = OPT_STRING,
     OPT_AT(QueryConf, unit),
     .check = unit_check,
     .help = "Unit of this query's values (default: the panel's)."},
    {.name = "decimals",
     .type = OPT_INT,
     .flags = OPT_MIN | OPT_MAX,
     .min = 0,
     .max = 10,
     OPT_AT(QueryConf, decimals),
     .help = "Decimals of this query's values (default: the panel's)."},
    {.name = "thresholds",
     .type = OPT_NUMBERS,
     .help = "Thresholds of this query's values (default: the panel's)."},
    {.name = "good",
     .type = OPT_ENUM,
     .def = "low",
     .choices = "low|high",
     OPT_AT(QueryConf, thresholds.good_high),
     .help = "Which side of this query's thresholds is good."},
    {.name = "mappings",
     .type = OPT_LIST,
     .item = "mapping",
     .help = "Value mappings of this query (default: the panel's)."},
    {0},
};

const OptSpec layout_var_opts[] = {
    {.name = "name",
     .type = OPT_STRING,
     .flags = OPT_REQUIRED,
     OPT_AT(VarConf, name),
     .help = "Used as $name or ${name} in queries: letters, digits and _, "
             "not starting with a digit or __."},
    {.name = "value",
     .type = OPT_STRING,
     OPT_AT(VarConf, value),
     .help = "The first choice (default: All with all: true, else the first "
             "value)."},
    {.name = "values",
     .type = OPT_STRINGS,
     .flags = OPT_NONEMPTY,
     .help = "The choices."},
    {.name = "query",
     .type = OPT_STRING,
     .help = "label_values(metric, label) or label_values(label): the "
             "choices are the label's values, asked of the server."},
    {.name = "all",
     .type = OPT_BOOL,
     .def = "false",
     OPT_AT(VarConf, all),
     .help = "Offer All, a regex alternation of every value (write "
             "label=~\"$name\")."},
    {0},
};

const OptSpec layout_mapping_opts[] = {
    {.name = "value",
     .type = OPT_NUMBER,
     .flags = OPT_REQUIRED,
     OPT_AT(ValueMap, value),
     .help = "The value to map."},
    {.name = "text",
     .type = OPT_STRING,
     .flags = OPT_REQUIRED,
     OPT_AT(ValueMap, text),
     .help = "The text shown instead."},
    {.name = "color",
     .type = OPT_STRING,
     .help = "A colour role for the text, e.g. ok, warn, crit (default: by "
             "thresholds)."},
    {0},
};
