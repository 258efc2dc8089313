/* panel.h - the panel interface: what a panel is configured with (PanelConf,
 * filled by the layout loader), what it holds at run time (Panel), and the
 * vtable every panel kind implements (PanelClass). A new kind is one file and
 * one line in panel_kinds[] (kinds.c). */
#ifndef PROMBOARD_PANEL_H
#define PROMBOARD_PANEL_H

#include "../datasource/alerts.h"
#include "../datasource/families.h"
#include "../datasource/prom.h"
#include "../datasource/series.h"
#include "../util/conf.h"
#include "canvas.h"

/* ---- configuration (from YAML) ------------------------------------------ */

/* How a value mapping matches. */
enum {
    MAP_VALUE,   /* exactly `value` */
    MAP_RANGE,   /* from <= v <= to */
    MAP_REGEX,   /* the value as text ("%g") matches `regex` */
    MAP_SPECIAL, /* `special`: no value, NaN, ... */
};

/* Special matches: a value that is missing (no series), NaN, either. */
enum { MAP_NULL, MAP_NAN, MAP_NULL_NAN, MAP_TRUE, MAP_FALSE, MAP_EMPTY };

typedef struct {
    int type;        /* MAP_* */
    double value;    /* MAP_VALUE */
    double from, to; /* MAP_RANGE (-/+HUGE_VAL when open) */
    void *regex;     /* MAP_REGEX: the compiled regex_t */
    char *pattern;   /* MAP_REGEX: the regex as written */
    int special;     /* MAP_SPECIAL: MAP_NULL... */
    char *text;      /* shown instead of the value, NULL: the value */
    int role;        /* Role to colour the text, -1: by thresholds */
} ValueMap;

/* Where a value sits against thresholds, and which way is good. */
typedef struct {
    double *steps; /* ascending: below steps[0] ok, then warn, then crit */
    int n;
    int good_high; /* 1: high is good (success rate), so the order inverts */
    int set;
    int *roles;  /* n + 1 Roles: below steps[0], then above each; NULL:
                    ok, warn..., crit (inverted when good_high) */
    int percent; /* steps are percentages of min..max (the panel's, else
                    the data's) */
} Thresholds;

/* A `datasource:` key: the name of a server of config.yaml's datasources
 * ("default": the main one), and where it is written. */
typedef struct {
    char *name; /* NULL: not given (the enclosing level's) */
    int line, col;
} SourceRef;

/* Settings for the series whose display name matches: a list of exact
 * names or a regex ("/re/", "/re/i"). */
typedef struct {
    char **names;
    int nnames;
    void *regex; /* regex_t, NULL: names */
    char *match; /* the regex as written ("/re/i"), NULL: names */
    int exclude; /* for the series not matched */
    char *name;  /* display name, a legend template ("{{device}} in") */
    char *unit;
    int decimals;    /* -1: unset */
    double min, max; /* NaN: unset */
    Thresholds thresholds;
    ValueMap *mappings;
    int nmappings;
    int role;     /* colour, -1: unset */
    int negative; /* drawn below the axis (values negated) */
    int hide;     /* not drawn */
    int nolegend; /* drawn, not in the legend */
    int nostack;  /* drawn at its own value, outside the panel's stack */
    int right;    /* on a scale of their own, the right-hand axis */
    int dash;     /* their lines drawn dashed */
} SeriesOverride;

typedef struct {
    char *expr;            /* PromQL, may hold $variables */
    char *legend;          /* "{{label}} text", NULL: the series' labels */
    char *name;            /* a name for the column/row/series, NULL: none */
    int instant;           /* 1: ask only an instant query */
    char *unit;            /* NULL: the panel's */
    int decimals;          /* -1: the panel's */
    Thresholds thresholds; /* .set 0: the panel's */
    ValueMap *mappings;
    int nmappings;
    double min_step;  /* seconds, 0: the panel's or the dashboard's */
    int step_factor;  /* step multiplied by this (>= 1) */
    int hide;         /* asked (a table's rows), its column not shown */
    SourceRef source; /* its server; .name NULL: the panel's */
    int line, col;    /* where the expression was declared */
} QueryConf;

typedef struct PanelClass PanelClass;

/* How a time range is anchored (a dashboard's, or a panel's own). */
enum {
    RANGE_FIXED = 0, /* the last `range` seconds */
    RANGE_MTD,       /* since the first instant of the month (UTC) */
    RANGE_TODAY,     /* since midnight (UTC) */
};

typedef struct {
    char *title;
    const PanelClass *cls;
    QueryConf *queries;
    int nqueries;
    double refresh;    /* seconds; 0: the dashboard's */
    int own_range;     /* `range:` given: the panel keeps its own window */
    int range_anchor;  /* RANGE_* of that window */
    double range;      /* its seconds when RANGE_FIXED */
    double time_shift; /* seconds its window ends before "now", >= 0 */
    int width;         /* share of its row, >= 1 */
    char *unit;        /* see format.h; NULL: plain number */
    int decimals;      /* -1: automatic */
    double min, max;   /* NaN: automatic */
    Thresholds thresholds;
    ValueMap *mappings;
    int nmappings;
    char *description;
    char *no_value;  /* shown instead of "no data", NULL: "no data" */
    int max_points;  /* points of a range query at most, 0: as drawn */
    double min_step; /* seconds, 0: the dashboard's scrape interval */
    SeriesOverride *overrides;
    int noverrides;
    OptValue *opts;   /* indexed like cls->opts */
    SourceRef source; /* its server; .name NULL: the dashboard's */
    int line, col;    /* where it was declared */
    /* A column cell of a row: these rows stacked in the cell's width (cls,
     * title and queries unset). */
    struct RowConf *rows;
    int nrows;
    /* Kind "section": the header of the rows under it, up to the next
     * header. */
    int collapsed; /* those rows take no room and send no query */
    int nunder;    /* panels in them */
    /* `repeat`: a copy of the panel (of a section header: of its rows) for
     * each value of this variable, each asking with that value alone;
     * `repeat_direction` v stacks a panel's copies, else they go side by
     * side, max_per_row (0: all) to a row. */
    char *repeat;
    int repeat_v;
    int max_per_row;
    /* A copy made by layout_repeat: it shares all but its title and rows
     * with the panel it copies, and asks with variable bind_var (NULL:
     * none) set to bind_value alone. */
    int copy;
    const char *bind_var;
    char *bind_value;
} PanelConf;

/* ---- run time ------------------------------------------------------------ */

/* One request a panel makes for one of its queries, and its last answer. */
typedef struct {
    PromQuery q;    /* as sent last; q.expr is owned (expanded) */
    Result res;     /* last good answer (type RESULT_NONE until one) */
    char *error;    /* last failure, NULL when the last request succeeded */
    double ok_at;   /* wall time of the last good answer, 0: never */
    double sent_at; /* wall time of the last submit, 0: never */
    int inflight;
    int used;       /* this slot is asked for by the panel's kind */
    int tries;      /* requests sent since the last good answer */
    int answered;   /* res is the answer to q as it stands */
    int late_asked; /* the window of the last good answer was asked again
                       for samples that came late */
    long status;    /* HTTP status of the last answer, 0: none */
    void *sub;      /* the subscription its answers come back with */
} QueryState;

/* Per query of the conf: an instant slot and a range slot. */
typedef struct {
    QueryState inst;
    QueryState range;
} QuerySlots;

typedef struct {
    const PanelConf *conf;
    const PanelClass *cls;
    QuerySlots *qs;           /* conf->nqueries of them */
    int mode;                 /* QM_* this panel asks */
    double due;               /* monotonic time of the next refresh */
    int dirty;                /* changed since it was last drawn */
    const Families *families; /* the server's metric names, NULL: unknown */
    char *filter; /* series filter typed with '/', NULL: none (filter.c) */
    struct Matcher *matcher; /* the filter compiled, once (filter.c) */
} Panel;

/* What drawing needs besides the panel and its rect. */
typedef struct {
    double now;   /* evaluation time (frozen by --at) */
    double wall;  /* wall clock, for ages */
    double range; /* seconds of the dashboard's time window */
    int focused;
    int compact; /* very small rect: draw the most compact form */
    int kiosk;   /* wall screen: values first, no per-panel error text */
    int frozen;  /* the time is not now (--at, a panned window) */
    int quiet;   /* the server's error is said once elsewhere: panels
                    without data draw their frame only */
    const AlertStore *alerts; /* the App's alerting answers, NULL: none */
    const char *caption; /* the panel's own window in words, when it differs
                            from the dashboard's (bottom border), or NULL */
    int anchored;        /* the window starts at a fixed instant (the month, the
                            day): a range query's $__range then reaches before it */
} DrawCtx;

/* Which queries a kind wants. */
enum {
    QM_RANGE = 1,   /* range queries over the window (charts) */
    QM_INSTANT = 2, /* instant queries at "now" (current values) */
    QM_BOTH = 3,    /* an instant value plus a range for the trend */
};

struct PanelClass {
    const char *name;    /* the YAML "kind:" */
    const char *help;    /* one line for the man page */
    const OptSpec *opts; /* kind options, ended by {NULL} */
    int query_mode;      /* QM_*; 0: the kind sends no query */
    /* Optional: the QM_* of one panel when its options decide (a bar chart
     * over categories asks instant queries, over time range ones). */
    int (*query_mode_for)(const PanelConf *conf);
    /* Points wanted per range series for a w x h inner rect; NULL: 2*w. */
    int (*points)(const Panel *p, int w, int h);
    int frameless; /* draws its whole rect itself: no box, no title */
    /* Draws the content from the answers alone: no kind keeps state of its
     * own between answers, so there is no init, update or done. */
    void (*draw)(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx);
    /* 1: draws native histograms from their buckets (through
     * panel_native_view); 0: a panel holding one says how to query it. */
    int native_histograms;
};

/* All kinds, NULL-terminated (kinds.c). */
extern const PanelClass *const panel_kinds[];

/* The header line of a section of rows: not a kind layouts name, the
 * loader makes one per `section:` row (section.c). */
extern const PanelClass section_class;

/* Returns the kind called `name`, or NULL. */
const PanelClass *panel_kind_find(const char *name);

/* Returns the index of option `name` in cls->opts, or -1. */
int panel_opt_index(const PanelClass *cls, const char *name);

/* Typed access to a kind option of p (its default when unset). */
double panel_opt_num(const Panel *p, const char *name, double dflt);
const char *panel_opt_str(const Panel *p, const char *name, const char *dflt);
const OptValue *panel_opt(const Panel *p, const char *name);

/* Initialises p for conf; returns 0, or -1 on OOM. */
int panel_init(Panel *p, const PanelConf *conf);
void panel_done(Panel *p);

/* Draws the frame (box, title, stale/error marks) of p in r and the kind's
 * content inside it. The one drawing path of TUI and --once. */
void panel_draw(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx);

/* The first warning of p's last answers (a partial answer: Thanos' and
 * Mimir's warnings, VictoriaMetrics' isPartial), or NULL when none. The
 * frame marks such a panel "partial" and shows the warning's first words
 * in its bottom border. */
const char *panel_warning(const Panel *p);

/* Returns 1 when no query of p has any series to show. */
int panel_no_data(const Panel *p);

/* The step of p's range queries when one of them counts per step (its
 * expression uses $__interval, $__interval_s or $__interval_ms: increase
 * over the step, a rate times it): its values then change with the step,
 * so the frame says "per 2m". 0 otherwise. */
double panel_per_step(const Panel *p);

/* Draws "no data" centred in r. */
void panel_draw_nodata(Canvas *c, Rect r);

/* When every query p asked has answered without error and without a
 * series, and one of them selects a metric the server does not have (see
 * families.h), copies that metric's name into buf and returns 1; else 0. The
 * frame then says "no data: metric NAME not found". */
int panel_missing_metric(const Panel *p, char *buf, size_t n);

/* 1 when every query p asked has answered without error and every metric
 * they select is known to exist on the server: only then may an empty
 * answer read as good news ("all clear"). */
int panel_metrics_exist(const Panel *p);

/* The step of series s of query i for the gap rule: the step its range
 * query was asked with, else the series' own (series_step). */
double panel_series_step(const Panel *p, int i, const Series *s);

/* The labels keying p's rows or boxes, into by (at most max): the `by`
 * option, else every label but __name__ of the series (the first 1000) of
 * the first query that has any, in order of first appearance. Returns the
 * count; the names point into p's options or results. */
int panel_by_labels(const Panel *p, const char **by, int max);

#define PANEL_MAX_BY 8 /* labels in a row key */

/* The key of a row of a table, multistat or gantt: the first member of the
 * kind's row struct. */
typedef struct {
    const char *key[PANEL_MAX_BY]; /* label values ("" when absent) */
    int nby;
} RowKey;

/* Orders two row keys of the same labels, value by value (strcmp). */
int panel_rowkey_cmp(const RowKey *a, const RowKey *b);

/* Where rows live by their key: an open-addressing table of row indices
 * over at most PANEL_ROWINDEX_MAX rows, so a row is found in constant time
 * whatever the number of series. Clear it before the first claim. */
#define PANEL_ROWINDEX_MAX 512
typedef struct {
    int slot[PANEL_ROWINDEX_MAX * 2]; /* row index + 1; 0: empty */
} RowIndex;

void panel_rowindex_clear(RowIndex *ix);

/* The row of series s among rows[0..*n), each `stride` bytes and starting
 * with its RowKey: the one whose key holds s's values of by[0..nby) (at
 * most PANEL_MAX_BY), found through ix, else a new row rows[*n], zeroed but
 * for that key, when *n < max (at most PANEL_ROWINDEX_MAX; *n grows; *fresh,
 * unless NULL, tells a new row). Every new key seen counts in *total.
 * Returns the row's index, or -1 when the key is new and there is no
 * room. */
int panel_row_claim(void *rows, size_t stride, int *n, int max, RowIndex *ix,
                    const Series *s, const char *const *by, int nby, int *total,
                    int *fresh);

/* Returns 1 when series a and b have the same labels, `le` aside (the
 * buckets of one histogram), else 0. Label order does not matter. */
int panel_same_but_le(const Series *a, const Series *b);

/* Draws time labels under a chart on row y, over the w columns from x that
 * span [t0, t1]: HH:MM at round times (HH:MM:SS for steps under a minute,
 * MM-DD for day steps), up to 4 of them and one per 10 columns, in
 * ROLE_AXIS. A label stays inside the w columns, starts 2 columns after x
 * at the earliest and 3 blanks after the one before it, else is left out.
 * Draws nothing when w < 10 or t1 <= t0. */
void panel_time_axis(Canvas *c, int x, int y, int w, double t0, double t1);

/* The names of n items laid out `stride` bytes apart, each a char array
 * at byte `off` of its item, as an array of pointers for
 * canvas_label_among. malloc'd (free it), NULL on OOM or when n < 1. */
const char **panel_name_set(const void *items, size_t stride, size_t off,
                            int n);

/* Returns 1 when value text s reads well in big digits (a number, with a
 * sign or currency of up to 4 bytes before it and a unit without digits of
 * up to 8 after it, which the font draws small) and canvas_bigtext would
 * fit it in w columns. */
int panel_bigtext_fits(int w, const char *s);

/* The scale of big digits for value text s in a w x h area: the largest at
 * which canvas_bigtext_scaled fits it (scales above 1 keep a blank column
 * each side), at most PANEL_BIGTEXT_MAX; 0 when s does not read well in
 * big digits (see panel_bigtext_fits) or does not fit even at scale 1. */
#define PANEL_BIGTEXT_MAX 16
int panel_bigtext_scale(int w, int h, const char *s);

/* The answer of query i for the kind's main use: the range slot for QM_RANGE
 * kinds, the instant slot otherwise. NULL when there is none yet. */
const Result *panel_result(const Panel *p, int i);
const Result *panel_range_result(const Panel *p, int i);
const Result *panel_instant_result(const Panel *p, int i);

/* Unit, decimals, thresholds and mappings of query i, falling back to the
 * panel's own. */
const char *panel_unit(const Panel *p, int i);
int panel_decimals(const Panel *p, int i);
const Thresholds *panel_thresholds(const Panel *p, int i);
/* Role for value v of query i by thresholds; dflt when none are set. */
Role panel_value_role(const Panel *p, int i, double v, Role dflt);
/* Formats v for query i: a mapping's text if one matches, else unit format. */
char *panel_format(const Panel *p, int i, double v, char *buf, int n);
/* The display name of series s of query i: an override's name, else the
 * legend template, else name, else labels. */
char *panel_series_name(const Panel *p, int i, const Series *s, char *buf,
                        int n);

/* The panel's overrides matching series s of query i (by its name before
 * overrides), merged in order into *o (later ones win; pointers into the
 * panel's configuration). Returns o, or NULL when none matches. */
const SeriesOverride *panel_series_override(const Panel *p, int i,
                                            const Series *s, SeriesOverride *o);

/* Whether override o matches the name `name` (of a series, or of a
 * table's column). */
int panel_override_matches(const SeriesOverride *o, const char *name);

/* The panel's overrides matching `name` (a table's column header), merged
 * as panel_series_override merges them; NULL when none does. */
const SeriesOverride *panel_name_override(const Panel *p, const char *name,
                                          SeriesOverride *o);

/* panel_format and panel_value_role for query i with override ov (NULL:
 * the query's own settings). */
char *panel_override_format(const Panel *p, int i, const SeriesOverride *ov,
                            double v, char *buf, int n);
Role panel_override_role(const Panel *p, int i, const SeriesOverride *ov,
                         double v, Role dflt);

/* panel_format, panel_value_role and panel_unit for series s of query i,
 * with the overrides matching it. */
char *panel_series_format(const Panel *p, int i, const Series *s, double v,
                          char *buf, int n);
Role panel_series_role(const Panel *p, int i, const Series *s, double v,
                       Role dflt);
const char *panel_series_unit(const Panel *p, int i, const Series *s);

/* The text shown when there is no value: no_value, else the text of a
 * special null mapping, else "no data". */
const char *panel_no_value(const Panel *p);

/* Draws panel_no_value(p) centred in r. */
void panel_draw_novalue(const Panel *p, Canvas *c, Rect r);

/* ---- native histograms (nativehist.c) ---------------------------------- */

/* 1 when the newest sample of some series of p's answers is a native
 * histogram. */
int panel_has_native(const Panel *p);

/* When some series of p's answers holds native histogram samples, makes
 * *view a shallow copy of p whose answers (each owned by the view) hold
 * every such series as the classic cumulative bucket series it stands for:
 * one per distinct upper bound with label `le` (and "+Inf" when some
 * observations are in no bucket), a point per sample (its float samples
 * are left out), and returns 1; release it with
 * panel_native_view_free. Returns 0 (view untouched) when there are none,
 * -1 on OOM. */
int panel_native_view(const Panel *p, Panel *view);
void panel_native_view_free(Panel *view);

/* Says in r how to draw a native histogram with a kind that cannot:
 * "native histogram: use histogram_quantile(), histogram_count() or
 * histogram_sum()". */
void panel_draw_native_hint(Canvas *c, Rect r);

/* Where an alert list panel reads its alerts: ALERTS_FROM_PROM (`source:
 * alerts`), ALERTS_FROM_AM (`source: alertmanager`), or 0 (its queries,
 * and for any other kind). */
int panel_alert_source(const PanelConf *conf);

/* The source an alert list panel reads at this time: as
 * panel_alert_source(), but ALERTS_FROM_PAST for `source: alerts` at a
 * frozen time (what Prometheus recorded then). */
int panel_alert_from(const PanelConf *conf, int frozen);

/* The words of an alert list of `source: alertmanager` at a frozen time:
 * Alertmanager holds only the present. */
extern const char panel_alert_am_frozen[];

/* The mark of an alert row: its severity's shape (critical ●, warning ▲,
 * other •; ! * o in ASCII), hollow (○, .) while pending. */
uint32_t panel_alert_mark(const Canvas *c, const AlertRow *r);

/* The role of a severity rank: crit, warn, else value. */
Role panel_alert_role(int rank);

/* ---- series filter (filter.c) ------------------------------------------ */

/* Sets p's series filter to a copy of `text`; NULL or "" clears it. The
 * filter is a POSIX extended regular expression matched case-insensitively
 * when it compiles as one, else a case-insensitive substring. Returns 0, or
 * -1 on OOM (the old filter stays). */
int panel_set_filter(Panel *p, const char *text);

/* 1 when text s passes p's filter (always without one). */
int panel_text_matches(const Panel *p, const char *s);

/* Drops p's filter (panel_done does). */
void panel_filter_free(Panel *p);

/* 1 when series s of query i passes p's filter (always without one): the
 * filter finds its legend text, one of its label values or its whole label
 * set written as {name="value", ...}. */
int panel_series_matches(const Panel *p, int i, const Series *s);

/* With a filter set, makes *view a shallow copy of p whose results hold
 * only the matching series (in order), counts the series before and after
 * into *total and *shown, and returns 1; view must then be released with
 * panel_filter_view_free. Returns 0 (view untouched) without a filter, -1
 * on OOM. */
int panel_filter_view(const Panel *p, Panel *view, int *total, int *shown);
void panel_filter_view_free(Panel *view);

#endif
