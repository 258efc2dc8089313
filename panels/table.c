/* table.c - the "table" panel kind: one row per distinct set of `by` label
 * values, the label columns first, then one column per query holding the
 * value of that query's matching series (formatted, mapped and coloured by
 * the query's own unit, mappings and thresholds). */
#include "panel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

#define TABLE_MAX_BY PANEL_MAX_BY /* label columns */
#define TABLE_MAX_Q 16            /* value columns */
#define TABLE_MAX_ROWS 512 /* distinct rows kept (more are only counted) */
#define TABLE_GAP 2        /* blanks between columns, 1 when short of room */

static const OptSpec table_opts[] = {
    {.name = "by",
     .type = OPT_STRINGS,
     .help = "Label names that key the rows (default: every label of the first "
             "query's series)."},
    {.name = "sort",
     .type = OPT_ENUM,
     .def = "label",
     .choices = "label|value|value_desc",
     .help = "Row order: by the label columns, or by the first value column up "
             "or down."},
    {.name = "columns",
     .type = OPT_STRINGS,
     .help = "Header names of the label columns, in the order of `by`."},
    {0},
};

enum { SORT_LABEL, SORT_VALUE, SORT_VALUE_DESC };

typedef struct {
    RowKey k; /* first: panel_row_claim finds rows by it */
    double v[TABLE_MAX_Q];
    unsigned char has[TABLE_MAX_Q]; /* the query had a series for the row */
    int sort;                       /* copied in each row for the sort */
} TableRow;

/* The label names keying the rows: the `by` option, else every label of
 * query 0's series but __name__, in the order first seen. */
static int table_by(const Panel *p, const char **by)
{
    const OptValue *o = panel_opt(p, "by");
    int n = 0;
    if (o && o->n > 0) {
        for (int i = 0; i < o->n && n < TABLE_MAX_BY; i++)
            by[n++] = o->strs[i];
        return n;
    }
    const Result *res = panel_result(p, 0);
    for (int s = 0; res && s < res->nseries && s < 1000; s++) {
        const Series *se = &res->series[s];
        for (int l = 0; l < se->nlabels && n < TABLE_MAX_BY; l++) {
            const char *name = se->labels[l].name;
            int seen = !strcmp(name, "__name__");
            for (int k = 0; k < n && !seen; k++)
                seen = !strcmp(by[k], name);
            if (!seen)
                by[n++] = name;
        }
    }
    return n;
}

static int row_cmp(const void *a, const void *b)
{
    const TableRow *x = a, *y = b;
    if (x->sort != SORT_LABEL) {
        int xa = x->has[0] && !isnan(x->v[0]),
            ya = y->has[0] && !isnan(y->v[0]);
        if (xa != ya)
            return ya - xa; /* rows without a value last */
        if (xa && x->v[0] != y->v[0]) {
            int up = x->v[0] < y->v[0] ? -1 : 1;
            return x->sort == SORT_VALUE ? up : -up;
        }
    }
    return panel_rowkey_cmp(&x->k, &y->k);
}

/* A series lacking some of the `by` labels joins the rows that agree with
 * it on the labels it has (as queries with fewer labels are merged into a
 * table): it gives them its value. Returns 1 when some row took it. */
static int join_rows(TableRow *rows, int n, const char **by, int nby, int qi,
                     const Series *se)
{
    const char *key[TABLE_MAX_BY];
    int lacks = 0;
    for (int b = 0; b < nby; b++) {
        key[b] = series_label(se, by[b]);
        lacks |= key[b] == NULL;
    }
    if (!lacks)
        return 0;
    int took = 0;
    for (int r = 0; r < n; r++) {
        int same = 1;
        for (int b = 0; b < nby && same; b++)
            same = !key[b] || !strcmp(key[b], rows[r].k.key[b]);
        if (same && !rows[r].has[qi]) {
            rows[r].has[qi] = 1;
            rows[r].v[qi] = series_last(se);
            took = 1;
        }
    }
    return took;
}

/* Gathers the rows of every query into rows (at most TABLE_MAX_ROWS, the
 * rest only counted in *total). Returns the count kept. */
static int table_rows(const Panel *p, const char **by, int nby, int nq,
                      TableRow *rows, int *total, int sort)
{
    int n = 0;
    RowIndex ix;
    panel_rowindex_clear(&ix);
    *total = 0;
    for (int qi = 0; qi < nq; qi++) {
        const Result *res = panel_result(p, qi);
        if (res)
            *total += res->dropped; /* not kept: counted only */
        for (int s = 0; res && s < res->nseries; s++) {
            const Series *se = &res->series[s];
            if (qi > 0 && join_rows(rows, n, by, nby, qi, se))
                continue;
            int fresh,
                r = panel_row_claim(rows, sizeof *rows, &n, TABLE_MAX_ROWS, &ix,
                                    se, by, nby, total, &fresh);
            if (r < 0)
                continue;
            if (fresh)
                rows[r].sort = sort;
            if (!rows[r].has[qi]) { /* the first series wins */
                rows[r].has[qi] = 1;
                rows[r].v[qi] = series_last(se);
            }
        }
    }
    return n;
}

/* Header of value column qi: the query's name, else its legend when it
 * is plain text (a "{{label}}" template names series, not a column), else
 * "Value". */
static const char *value_header(const Panel *p, int qi)
{
    const QueryConf *q = &p->conf->queries[qi];
    if (q->name)
        return q->name;
    return q->legend && !strstr(q->legend, "{{") ? q->legend : "Value";
}

/* The override naming column `name` (a label or a value column's
 * header), merged into *o; NULL when none does. */
static const SeriesOverride *column_override(const Panel *p, const char *name,
                                             SeriesOverride *o)
{
    return p->conf->noverrides ? panel_name_override(p, name, o) : NULL;
}

/* Text and role of cell (row, col); col < nby are label columns. */
static const char *cell_text(const Panel *p, const TableRow *row, int col,
                             int nby, char *buf, int n, Role *role)
{
    if (col < nby) {
        *role = ROLE_DEFAULT;
        return row->k.key[col];
    }
    int qi = col - nby;
    if (!row->has[qi]) {
        *role = ROLE_DIM;
        return "-";
    }
    /* an override naming the column: its unit, thresholds, mappings */
    SeriesOverride o;
    const SeriesOverride *ov = column_override(p, value_header(p, qi), &o);
    *role = panel_override_role(p, qi, ov, row->v[qi], ROLE_VALUE);
    return panel_override_format(p, qi, ov, row->v[qi], buf, n);
}

/* Fits the columns in w: shrinks the widest value column that is above
 * its minimum (its widest value) one column at a time, then the widest key
 * column down to its minimum (the width at which its values, cut at their
 * end, still all read differently; 6 at least); what is still too wide is
 * clipped at the right edge. Returns the gap to use between columns. */
static int fit_widths(int *wd, const int *min, const int *key, int ncol, int w)
{
    int gap = TABLE_GAP, sum = 0;
    for (int i = 0; i < ncol; i++)
        sum += wd[i];
    if (sum + gap * (ncol - 1) > w)
        gap = 1;
    for (int stage = 0; stage < 2; stage++) /* values, then keys */
        while (sum + gap * (ncol - 1) > w) {
            int best = -1;
            for (int i = 0; i < ncol; i++)
                if (key[i] == stage && wd[i] > min[i] &&
                    (best < 0 || wd[i] > wd[best]))
                    best = i;
            if (best < 0)
                break;
            wd[best]--;
            sum--;
        }
    return gap;
}

/* The narrowest width, from 6 up to `full`, at which the key values
 * rows[0..n).k.key[col], cut at their end, all read differently. */
static int key_min_width(const TableRow *rows, int n, int col, int full)
{
    for (int w = 6; w < full; w++) {
        int clash = 0;
        for (int i = 0; i < n && !clash; i++)
            for (int j = i + 1; j < n && !clash; j++) {
                const char *a = rows[i].k.key[col], *b = rows[j].k.key[col];
                if (!strcmp(a, b))
                    continue;
                /* the same first w - 1 columns, and one of them cut */
                int la = canvas_text_width(a), lb = canvas_text_width(b);
                clash = (la > w || lb > w) && !strncmp(a, b, (size_t)w - 1) &&
                        strlen(a) >= (size_t)w - 1 &&
                        strlen(b) >= (size_t)w - 1;
            }
        if (!clash)
            return w;
    }
    return full;
}

static void table_draw(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx)
{
    (void)ctx;
    if (r.w <= 0 || r.h <= 0)
        return;
    if (panel_no_data(p)) {
        panel_draw_nodata(c, r);
        return;
    }
    const char *by[TABLE_MAX_BY];
    int nby = table_by(p, by);
    int nq = p->conf->nqueries < TABLE_MAX_Q ? p->conf->nqueries : TABLE_MAX_Q;
    const char *sort_s = panel_opt_str(p, "sort", "label");
    int sort = !strcmp(sort_s, "value")        ? SORT_VALUE
               : !strcmp(sort_s, "value_desc") ? SORT_VALUE_DESC
                                               : SORT_LABEL;
    TableRow *rows = malloc(sizeof *rows * TABLE_MAX_ROWS);
    if (!rows)
        return;
    int total, n = table_rows(p, by, nby, nq, rows, &total, sort);
    if (n == 0) {
        free(rows);
        panel_draw_nodata(c, r);
        return;
    }
    qsort(rows, (size_t)n, sizeof *rows, row_cmp);

    /* headers and natural widths; a query marked `hide` or a column an
     * override hides gets none */
    const OptValue *cols = panel_opt(p, "columns");
    int ncol = 0;
    int src[TABLE_MAX_BY + TABLE_MAX_Q]; /* shown column -> cell column */
    const char *head[TABLE_MAX_BY + TABLE_MAX_Q];
    int wd[TABLE_MAX_BY + TABLE_MAX_Q], min[TABLE_MAX_BY + TABLE_MAX_Q];
    for (int cc = 0; cc < nby + nq; cc++) {
        const char *h = cc < nby
                            ? (cols && cc < cols->n ? cols->strs[cc] : by[cc])
                            : value_header(p, cc - nby);
        SeriesOverride o;
        const SeriesOverride *ov =
            column_override(p, cc < nby ? by[cc] : h, &o);
        if ((cc >= nby && p->conf->queries[cc - nby].hide) || (ov && ov->hide))
            continue;
        src[ncol] = cc;
        head[ncol++] = ov && ov->name ? ov->name : h;
    }
    int shown = total <= r.h - 1 ? n : r.h - 2; /* rows under the header */
    if (shown < 0)
        shown = 0;
    if (shown > n)
        shown = n;
    for (int col = 0; col < ncol; col++) {
        int cw = 0;
        for (int i = 0; i < shown; i++) {
            char buf[64];
            Role role;
            int k = canvas_text_width(
                cell_text(p, &rows[i], src[col], nby, buf, sizeof buf, &role));
            cw = k > cw ? k : cw;
        }
        int hw = canvas_text_width(head[col]);
        wd[col] = hw > cw ? hw : cw;
        if (src[col] < nby) /* what keeps the rows apart, at their start */
            min[col] = wd[col] < 6
                           ? wd[col]
                           : key_min_width(rows, shown, src[col], wd[col]);
        else
            min[col] = cw > 0 ? cw : 1;
    }
    int key[TABLE_MAX_BY + TABLE_MAX_Q];
    for (int col = 0; col < ncol; col++)
        key[col] = src[col] < nby;
    int gap = fit_widths(wd, min, key, ncol, r.w);
    /* the texts of each key column and the headers, so that cut ones stay
     * apart */
    const char **set = malloc(sizeof *set * ((size_t)shown * (size_t)nby + 1));
    for (int col = 0; set && col < nby; col++)
        for (int i = 0; i < shown; i++)
            set[col * shown + i] = rows[i].k.key[col];

    /* header, rows, and the count of rows left out */
    for (int row = -1; row < shown; row++) {
        int x = r.x, y = r.y + 1 + row;
        for (int col = 0; col < ncol && x < r.x + r.w; col++) {
            int w = wd[col] < r.x + r.w - x ? wd[col] : r.x + r.w - x;
            char buf[64];
            Role role = ROLE_TITLE;
            int cc = src[col];
            const char *t = row < 0 ? head[col]
                                    : cell_text(p, &rows[row], cc, nby, buf,
                                                sizeof buf, &role);
            int attrs = row < 0 ? TA_BOLD : 0;
            if (cc >= nby && row >= 0 && role != ROLE_DIM)
                attrs = role == ROLE_VALUE ? 0 : TA_BOLD;
            /* numbers right-aligned; labels and mapped texts left */
            int right = cc >= nby && p->conf->queries[cc - nby].nmappings == 0;
            if (row < 0 && right && canvas_text_width(t) <= w)
                canvas_text_right(c, x, y, w, t, role, attrs);
            else if (row < 0)
                canvas_label_among(c, x, y, w, t, head, ncol, role, attrs);
            else if (cc < nby)
                canvas_label_among(c, x, y, w, t, set ? set + cc * shown : NULL,
                                   set ? shown : 0, role, attrs);
            else if (p->conf->queries[cc - nby].nmappings > 0)
                canvas_text(c, x, y, w, t, role, attrs);
            else
                canvas_text_right(c, x, y, w, t, role, attrs);
            x += wd[col] + gap;
        }
    }
    if (total > shown && r.h >= 2) {
        char buf[32];
        snprintf(buf, sizeof buf, "+%d more", total - shown);
        canvas_text(c, r.x, r.y + 1 + shown, r.w, buf, ROLE_DIM, 0);
    }
    free(set);
    free(rows);
}

const PanelClass table_class = {
    .name = "table",
    .help = "Rows keyed by label values, a column per query, values coloured "
            "by thresholds.",
    .opts = table_opts,
    .query_mode = QM_INSTANT,
    .draw = table_draw,
};
