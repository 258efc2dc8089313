/* layout.h - the dashboard model the YAML files describe, the loader that
 * builds it (every error as file:line:col: message), the bundled dashboards
 * compiled into the binary, and the geometry that places panels on screen. */
#ifndef PROMBOARD_LAYOUT_H
#define PROMBOARD_LAYOUT_H

#include <stddef.h>

#include "../panels/panel.h"

typedef struct {
    int height;     /* share of the screen's height, >= 1 */
    int min_height; /* rows it needs to be readable, >= 3 */
    PanelConf *panels;
    int npanels;
} RowConf;

/* A dashboard variable: $name in queries takes its current value. */
typedef struct {
    char *name;    /* without '$' */
    char *value;   /* current value; NULL: "All" when `all`, else the first
                      choice once known */
    char *metric;  /* from `query: label_values(metric, label)`: the series
                      selector, or NULL */
    char *label;   /* ... and the label whose values are the choices */
    char **values; /* the choices: from `values:`, or from the server */
    int nvalues;
    int all; /* "All" is a choice; it matches every value (regex) */
    int line, col;
} VarConf;

/* A named number (minutes per task, hourly rate) for queries and titles. */
typedef struct {
    char *name;
    char *text; /* as written, substituted verbatim */
} ConstConf;

typedef struct {
    char *name;     /* short name ("system"), from the file name or "name:" */
    char *title;    /* "System Performance" */
    char *file;     /* where it came from ("system.yaml" for bundled ones) */
    double refresh; /* seconds, >= LAYOUT_REFRESH_MIN */
    double range;   /* seconds, > 0 */
    double scrape;  /* scrape interval for $__rate_interval, seconds; 0: not
                       set (the server's) */
    RowConf *rows;
    int nrows;
    VarConf *vars;
    int nvars;
    ConstConf *consts;
    int nconsts;
    int range_anchor; /* RANGE_*; range then holds a fallback of 1 day */
} Dashboard;

/* Parses a time range: a duration, "mtd" or "today". Sets *anchor (RANGE_*)
 * and *secs (the duration, or 0 for anchored ranges). Returns 0 or -1. */
int layout_range_parse(const char *s, int *anchor, double *secs);

/* Seconds covered by an anchored or fixed range ending at `now`. */
double layout_range_seconds(int anchor, double secs, double now);

/* The value $name of variable v takes in a query: its current value, or for
 * "All" a regex alternation of every choice (".*" while none is known).
 * Returns a malloc'd string, or NULL on OOM. */
char *layout_var_value(const VarConf *v);

/* The PromQL that lists variable v's choices as series (the values are
 * its `label` label): "group by (label) (metric)". malloc'd, or NULL when v
 * has no query. */
char *layout_var_query(const VarConf *v);

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

/* Parses YAML `text` (len bytes) named `file` into a new Dashboard. `name`
 * is the dashboard's short name when the YAML gives none. Returns NULL and
 * fills *err on any mistake: YAML syntax, unknown key, wrong type, unknown
 * panel kind, bad duration, missing title or queries, too deep or too big. */
Dashboard *layout_load_text(const char *file, const char *name,
                            const char *text, size_t len, LayoutError *err);

/* Reads and parses the file at `path` (short name from its base name). */
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

#endif
