/* layout.h - the dashboard model the YAML files describe, the loader that
 * builds it (every error as file:line:col: message), the bundled dashboards
 * compiled into the binary, and the geometry that places panels on screen. */
#ifndef PROMBOARD_LAYOUT_H
#define PROMBOARD_LAYOUT_H

#include <stddef.h>

#include "../panels/panel.h"

/* A row of panels side by side, or a section header. A cell of a row may
 * itself be a column of rows (PanelConf.rows), so panels can stack beside
 * taller ones; the layout is a tree of rows and columns. */
typedef struct RowConf {
    int height;     /* share of the screen's height, >= 1 */
    int min_height; /* rows it needs to be readable, >= 3 */
    PanelConf *panels;
    int npanels;
    /* A section header (`section:`): one line naming the rows after it, up
     * to the next header; its one panel (kind "section", PanelConf.section)
     * draws it and holds whether it is collapsed. While collapsed, those
     * rows take no room and send no queries. */
    int section;
} RowConf;

/* Where a variable's choices come from. */
enum {
    VQ_NONE,         /* `values:` or a free text */
    VQ_LABEL_VALUES, /* label_values([metric,] label) */
    VQ_LABEL_NAMES,  /* label_names([match]) */
    VQ_METRICS,      /* metrics(regex): metric names */
    VQ_QUERY_RESULT, /* query_result(expr): each series as text */
};

/* What kind of variable. */
enum {
    VK_LIST,     /* choices from `values:` or a query */
    VK_TEXTBOX,  /* free text, edited in the picker */
    VK_INTERVAL, /* durations, and `auto` from the time range */
    VK_ADHOC,    /* label filters added to every query */
};

/* An ad hoc filter: `label op "value"` added to every selector. */
typedef struct {
    char *label, *op, *value; /* op: =, !=, =~, !~ */
} AdhocFilter;

/* A dashboard variable: $name in queries takes its current value. */
typedef struct {
    char *name;    /* without '$' */
    char *value;   /* current value; NULL: "All" when `all`, else the first
                      choice once known; with `multi`, the first of sel */
    char *metric;  /* from `query: label_values(metric, label)`: the series
                      selector, or NULL */
    char *label;   /* ... and the label whose values are the choices */
    char **values; /* the choices: from `values:`, or from the server */
    int nvalues;
    int all; /* "All" is a choice; it matches every value (regex) */
    int line, col;
    int kind;         /* VK_* */
    int qtype;        /* VQ_* */
    char *qtext;      /* label_names' match, metrics' regex, query_result's
                         expression */
    void *regex;      /* `regex`: a compiled regex_t the choices must match;
                         a capture group (the one named value, else the
                         first) keeps only what it captured */
    int regex_group;  /* that group, 0: the whole match */
    char *regex_text; /* `regex` as written */
    int sort;         /* VS_* */
    char *title;      /* `label:` shown in the picker, NULL: the name */
    int hide;         /* not shown in the picker */
    int multi;        /* several values at once */
    char **sel;       /* multi: the values chosen (nsel >= 1), NULL: value */
    int nsel;
    char *all_value; /* what All stands for, NULL: every choice */
    int autoi;       /* interval: `auto` is a choice */
    int auto_count;  /* ... the range cut in this many steps */
    double auto_min; /* ... at least this long */
    AdhocFilter *filters;
    int nfilters;
} VarConf;

/* How a variable's choices are sorted. */
enum {
    VS_NONE,
    VS_ALPHA,
    VS_ALPHA_DESC,
    VS_NUM,
    VS_NUM_DESC,
    VS_ALPHA_CI,
    VS_ALPHA_CI_DESC,
    VS_NATURAL,
    VS_NATURAL_DESC,
};

/* A named number (minutes per task, hourly rate) for queries and titles. */
typedef struct {
    char *name;
    char *text; /* as written, substituted verbatim */
} ConstConf;

typedef struct {
    char *name;       /* short name ("system"), from the file name or "name:" */
    char *title;      /* "System Performance" */
    char *file;       /* where it came from ("system.yaml" for bundled ones) */
    double refresh;   /* seconds, >= LAYOUT_REFRESH_MIN */
    double range;     /* seconds, > 0 */
    double scrape;    /* scrape interval for $__rate_interval, seconds; 0: not
                         set (the server's) */
    SourceRef source; /* the server of its queries; .name NULL: the main
                         one */
    RowConf *rows;
    int nrows;
    VarConf *vars;
    int nvars;
    ConstConf *consts;
    int nconsts;
    int range_anchor; /* RANGE_*; range then holds a fallback of 1 day */
    /* The rows as written when some panel or section repeats: rows then
     * holds their copies for the variables' values (layout_repeat). */
    RowConf *tmpl_rows;
    int tmpl_nrows;
    PanelConf **panels; /* every panel, depth first in reading order */
    int npanels;
    char **notes; /* what is not drawn as the source (a Grafana dashboard)
                     would draw it: "JSON path: what" */
    int nnotes;
} Dashboard;

/* Rebuilds d->rows from the rows as written for the variables' current
 * values: each repeated panel copied once per value (sharing its width: a
 * column of copies, max_per_row a row, one a row when stacked), each
 * repeated section with its rows once per value; the copies are bound to
 * their value and titled by it. Returns 1 when the panels changed (then
 * d->panels is rebuilt and what pointed into the old rows is stale), 0
 * when they are the same (or nothing repeats), -1 on OOM. */
int layout_repeat(Dashboard *d);

/* For panel pc (a repeat's copy) of d: fills *view as d with pc's variable
 * set to pc's value alone (vars, room for nvars, holds the variables) and
 * returns 1; 0 (view = d) when pc is bound to nothing. */
int layout_bound(const Dashboard *d, const PanelConf *pc, Dashboard *view,
                 VarConf *vars, int nvars);

/* Rebuilds d->panels (depth first) and the sections' panel counts from
 * d->rows. 0, or -1 on OOM. */
int layout_reindex(Dashboard *d);

/* The short name of a dashboard file: its base name without .yaml, .yml
 * or .json, cleaned for a terminal ("dashboard" when nothing is left);
 * malloc'd, NULL on OOM. */
char *layout_name_from_file(const char *file);

/* Frees rows[0..n) and what their panels own. */
void layout_rows_free(RowConf *rows, int n);

/* The name `datasource:` gives the main server (config.yaml's top level). */
#define LAYOUT_MAIN_SOURCE "default"

/* Parses a time range: a duration, "mtd" or "today". Sets *anchor (RANGE_*)
 * and *secs (the duration, or 0 for anchored ranges). Returns 0 or -1. */
int layout_range_parse(const char *s, int *anchor, double *secs);

/* Seconds covered by an anchored or fixed range ending at `now`. */
double layout_range_seconds(int anchor, double secs, double now);

/* The value $name of variable v takes in a query: its current value, or for
 * "All" a regex alternation of every choice (".*" while none is known).
 * Returns a malloc'd string, or NULL on OOM. */
char *layout_var_value(const VarConf *v);

/* The value $name of v takes in ${name:format}: Grafana's formats
 * (regex, pipe, csv, raw, glob, json, doublequote, singlequote, sqlstring,
 * text, lucene, queryparam, percentencode, distributed; another falls back
 * to glob); "" or NULL: layout_var_value. malloc'd, NULL on OOM. */
char *layout_var_format(const VarConf *v, const char *fmt);

/* The request that lists v's choices, for a dashboard time range of
 * `range` seconds ending at `now`: the label values or names API, or an
 * instant query (query_result), the other variables of d expanded in it.
 * q->expr is malloc'd (the caller frees it). Returns 0, 1 when v asks
 * nothing, -1 on OOM. */
int layout_var_request(const Dashboard *d, const VarConf *v, double now,
                       double range, PromQuery *q);

/* Takes the answer to v's request: each string (or each series as text
 * for query_result), filtered and cut by v's regex, sorted, become the
 * choices; a value no longer offered gives way. 0, or -1 on OOM. */
int layout_var_answer(VarConf *v, const Result *res);

/* Chooses vals[0..n) (one unless v is multi). 0, or -1 on OOM. */
int layout_var_select(VarConf *v, const char *const *vals, int n);

/* 1 when variable i's query names variable j (its choices depend on j's
 * value), else 0. */
int layout_var_depends(const Dashboard *d, int i, int j);

/* After new choices came: a value no longer among them gives way to the
 * first choice (All when offered). Returns 1 when it changed, -1 on OOM. */
int layout_var_keep_choice(VarConf *v);

/* Expands `expr` for dashboard d: its variables' current values, its
 * constants, and $__range/$__interval/$__rate_interval from `range`,
 * `interval` and `scrape` (seconds, > 0). Returns a malloc'd string, or
 * NULL on OOM. */
char *layout_expand(const Dashboard *d, const char *expr, double range,
                    double interval, double scrape);

/* layout_expand with $__range_text as `range_text` (the window in words;
 * NULL: $__range's text). */
char *layout_expand_text(const Dashboard *d, const char *expr, double range,
                         double interval, double scrape,
                         const char *range_text);

/* Replaces v's choices with the label values of `series` (sorted, unique)
 * and picks a value when none is set. Returns 0, or -1 on OOM. */
int layout_var_set_choices(VarConf *v, const char *const *vals, int n);

/* A load failure: where and what (format it with conf_error_format). */
typedef ConfError LayoutError;

/* The shortest refresh interval a dashboard, a panel, config.yaml or
 * --refresh may ask for, in seconds. */
#define LAYOUT_REFRESH_MIN 1.0

/* The option tables of every layout key but the panel kinds' own (opts.c):
 * the loader validates and fills defaults from them, and the manual is
 * written from them. Each is ended by {0}. */
extern const OptSpec layout_dashboard_opts[];
extern const OptSpec layout_row_opts[];
extern const OptSpec layout_panel_opts[];
extern const OptSpec layout_query_opts[];
extern const OptSpec layout_var_opts[];
extern const OptSpec layout_mapping_opts[];
extern const OptSpec layout_section_opts[]; /* a row that is a header */
extern const OptSpec layout_column_opts[];  /* a panel entry of rows */
extern const OptSpec layout_override_opts[];
extern const OptSpec layout_filter_opts[]; /* of an adhoc variable */

/* Parses YAML `text` (len bytes) named `file` into a new Dashboard. `name`
 * is the dashboard's short name when the YAML gives none. Returns NULL and
 * fills *err on any mistake: YAML syntax, unknown key, wrong type, unknown
 * panel kind, bad duration, missing title or queries, too deep or too big. */
Dashboard *layout_load_text(const char *file, const char *name,
                            const char *text, size_t len, LayoutError *err);

/* Reads and parses the file at `path` (short name from its base name). A
 * Grafana dashboard (JSON) is converted first; its notes go to d->notes and
 * an error names the JSON path it came from. */
Dashboard *layout_load_file(const char *path, LayoutError *err);

void layout_free(Dashboard *d);

/* A dashboard bundled in the binary. */
typedef struct {
    const char *name; /* "system" */
    const char *file; /* "system.yaml" */
    const char *text;
    size_t len;
} BundledLayout;

/* NULL-terminated by a {NULL} entry; generated at build time from
 * the YAML files under layouts/, in the tab order. */
extern const BundledLayout layouts_bundled[];

/* Finds a bundled layout by short name, or NULL. */
const BundledLayout *layout_bundled_find(const char *name);

/* Places every panel of d in `area`: rows share the height by their weights
 * (each gets at least min_height while it fits; rows that do not fit get
 * h = 0), panels share their row's width by their weights. out[] gets one
 * Rect per panel in declaration order (row by row); returns the count. */
int layout_place(const Dashboard *d, Rect area, Rect *out, int nout);

/* Total number of panels in d. */
int layout_panel_count(const Dashboard *d);

/* Panels in rows[0..n) and their columns, at any depth. */
int layout_rows_panel_count(const RowConf *rows, int n);

/* Marks in out[i] (one per panel) the panels under a collapsed section
 * header: they take no room and send no query. */
void layout_collapsed(const Dashboard *d, unsigned char *out);

/* Index of the section header panel above panel pi, or -1 (none, or pi is
 * a header itself). */
int layout_section_of(const Dashboard *d, int pi);

/* Whether panel cell pc is a column of rows rather than a panel. */
#define LAYOUT_IS_COLUMN(pc) ((pc)->rows != NULL)

#endif
