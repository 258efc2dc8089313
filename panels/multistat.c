/* multistat.c - the "multistat" panel kind: a grid of small stat boxes, one
 * per distinct set of `by` label values (a model, a service), each holding
 * one line per query, "Name value", coloured by that query's thresholds.
 * With a single query each box is its key over its value, in big digits
 * when every box has the room. As many boxes go across as fit. */
#include "panel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

#define MS_MAX_BY PANEL_MAX_BY /* key labels */
#define MS_MAX_Q 16            /* lines per box */
#define MS_MAX_ROWS 512        /* boxes kept (more are only counted) */
#define MS_GAP 2               /* blanks between boxes across */
#define MS_TITLE_MAX 24        /* a longer key does not widen the boxes */

static const OptSpec multistat_opts[] = {
    {.name = "by",
     .type = OPT_STRINGS,
     .help = "Label names that key the boxes (default: every label but "
             "__name__ of the first query's series)."},
    {0},
};

typedef struct {
    RowKey k; /* first: panel_row_claim finds rows by it */
    double v[MS_MAX_Q];
    unsigned char has[MS_MAX_Q]; /* the query had a series for the box */
} MsRow;

static int ms_cmp(const void *a, const void *b)
{
    return panel_rowkey_cmp(&((const MsRow *)a)->k, &((const MsRow *)b)->k);
}

/* Gathers the boxes of every query into rows (at most MS_MAX_ROWS, the
 * rest only counted in *total), sorted by key. Returns the count kept. */
static int ms_rows(const Panel *p, const char **by, int nby, int nq,
                   MsRow *rows, int *total)
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
            int r = panel_row_claim(rows, sizeof *rows, &n, MS_MAX_ROWS, &ix,
                                    se, by, nby, total, NULL);
            if (r < 0)
                continue;
            if (!rows[r].has[qi]) { /* the first series wins */
                rows[r].has[qi] = 1;
                rows[r].v[qi] = series_last(se);
            }
        }
    }
    qsort(rows, (size_t)n, sizeof *rows, ms_cmp);
    return n;
}

/* The key of a box: its non-empty label values joined by blanks, of the
 * labels in `mask` (bit i: by[i]). */
static char *ms_title(const MsRow *row, unsigned mask, char *buf, int n)
{
    int len = 0;
    buf[0] = 0;
    for (int i = 0; i < row->k.nby && len < n - 1; i++) {
        if (!row->k.key[i][0] || !(mask >> i & 1))
            continue;
        len += snprintf(buf + len, (size_t)(n - len), "%s%s", len ? " " : "",
                        row->k.key[i]);
    }
    return buf;
}

/* The name of query qi's line: its name, its legend when that is plain
 * text, its metric, else "query N". */
static const char *ms_qname(const Panel *p, int qi, char *buf, int n)
{
    const QueryConf *q = &p->conf->queries[qi];
    if (q->name)
        return q->name;
    if (q->legend && !strstr(q->legend, "{{"))
        return q->legend;
    const Result *res = panel_result(p, qi);
    const char *m =
        res && res->nseries ? series_label(&res->series[0], "__name__") : NULL;
    if (m)
        return m;
    snprintf(buf, (size_t)n, "query %d", qi + 1);
    return buf;
}

/* Text and role of query qi's value in a box. */
static const char *ms_value(const Panel *p, const MsRow *row, int qi, char *buf,
                            int n, Role *role)
{
    if (!row->has[qi]) {
        *role = ROLE_DIM;
        return "-";
    }
    *role = panel_value_role(p, qi, row->v[qi], ROLE_VALUE);
    return panel_format(p, qi, row->v[qi], buf, n);
}

/* How the boxes are laid out in the panel's rect. */
typedef struct {
    int nq;           /* lines under the key */
    int big;          /* one query in big digits, at this scale */
    int bw, bh;       /* box size */
    int cols;         /* boxes across */
    int share;        /* columns of each box's slot */
    int pitch;        /* rows from one box row to the next */
    int shown;        /* boxes drawn (the rest counted in "+N more") */
    unsigned keymask; /* the key labels shown in titles */
} MsGrid;

/* Lays out n boxes whose widest key takes tw columns, widest value vw
 * (bigw in big digits at `scale`, 0: some value is not for big digits)
 * and widest line name nw in r: boxes as wide as their contents, narrower
 * (keys and names cut, values whole) when that lets them all fit; big
 * digits only when every box fits with them. */
static MsGrid ms_grid(Rect r, int n, int nq, int tw, int vw, int bigw, int nw,
                      int scale)
{
    MsGrid g = {.nq = nq};
    if (tw > MS_TITLE_MAX)
        tw = MS_TITLE_MAX;
    for (int big = nq == 1 && bigw > 0; big >= 0; big--) {
        int body = big ? bigw : nq > 1 ? nw + 1 + vw : vw;
        int minw = big ? bigw : nq > 1 ? (nw < 6 ? nw : 6) + 1 + vw : vw;
        int nat = body > tw ? body : tw;
        minw = minw > (tw < 6 ? tw : 6) ? minw : (tw < 6 ? tw : 6);
        int rows;
        g.big = big ? scale : 0;
        g.bh = 1 + (big ? canvas_bigtext_height(scale) : nq);
        g.bw = nat < r.w ? nat : r.w;
        for (;;) {
            g.cols = (r.w + MS_GAP) / (g.bw + MS_GAP);
            g.cols = g.cols < 1 ? 1 : g.cols > n ? n : g.cols;
            rows = (n + g.cols - 1) / g.cols;
            int next = (r.w + MS_GAP) / (g.cols + 1) - MS_GAP;
            if (rows * g.bh <= r.h || g.cols >= n || next < minw)
                break;
            g.bw = next; /* narrower: one more box across */
        }
        g.pitch = rows * (g.bh + 1) - 1 <= r.h ? g.bh + 1 : g.bh;
        if (big && (rows * g.bh > r.h || bigw > g.bw))
            continue; /* not every box fits in big digits */
        int fit = (r.h - g.bh) / g.pitch + 1;
        fit = fit < 1 ? 1 : fit;
        g.shown = fit * g.cols < n ? fit * g.cols : n;
        break;
    }
    g.share = (r.w - MS_GAP * (g.cols - 1)) / g.cols;
    return g;
}

/* Draws box `row` at (x, y), clipped at row ymax. */
static void ms_box(const Panel *p, Canvas *c, const MsGrid *g, int x, int y,
                   int ymax, const MsRow *row)
{
    char title[256], val[64];
    ms_title(row, g->keymask, title, sizeof title);
    if (g->nq == 1) { /* key over value, centred */
        Role role;
        const char *v = ms_value(p, row, 0, val, sizeof val, &role);
        int tw = canvas_text_width(title);
        tw = tw < g->bw ? tw : g->bw;
        canvas_text(c, x + (g->bw - tw) / 2, y, g->bw, title, ROLE_DEFAULT,
                    TA_BOLD);
        if (y + 1 >= ymax)
            return;
        if (g->big && y + g->bh <= ymax &&
            canvas_bigtext_scaled(c, (Rect){x, y + 1, g->bw, g->bh - 1}, v,
                                  role, g->big) == 0)
            return;
        int vw = canvas_text_width(v);
        vw = vw < g->bw ? vw : g->bw;
        canvas_text(c, x + (g->bw - vw) / 2, y + 1 + (g->big ? 1 : 0), g->bw, v,
                    role, TA_BOLD);
        return;
    }
    canvas_text(c, x, y, g->bw, title, ROLE_DEFAULT, TA_BOLD);
    for (int qi = 0; qi < g->nq && y + 1 + qi < ymax; qi++) {
        char nbuf[32];
        Role role;
        const char *v = ms_value(p, row, qi, val, sizeof val, &role);
        int vw = canvas_text_width(v); /* the value whole, the name cut */
        vw = vw < g->bw ? vw : g->bw;
        if (g->bw - vw - 1 > 0)
            canvas_text(c, x, y + 1 + qi, g->bw - vw - 1,
                        ms_qname(p, qi, nbuf, sizeof nbuf), ROLE_DIM, 0);
        canvas_text_right(c, x + g->bw - vw, y + 1 + qi, vw, v, role,
                          role == ROLE_VALUE ? 0 : TA_BOLD);
    }
}

static void multistat_draw(const Panel *p, Canvas *c, Rect r,
                           const DrawCtx *ctx)
{
    (void)ctx;
    if (r.w <= 0 || r.h <= 0)
        return;
    if (panel_no_data(p)) {
        panel_draw_nodata(c, r);
        return;
    }
    const char *by[MS_MAX_BY];
    int nby = panel_by_labels(p, by, MS_MAX_BY);
    int nq = p->conf->nqueries < MS_MAX_Q ? p->conf->nqueries : MS_MAX_Q;
    MsRow *rows = malloc(sizeof *rows * MS_MAX_ROWS);
    if (!rows)
        return;
    int total, n = ms_rows(p, by, nby, nq, rows, &total);
    if (n == 0) {
        free(rows);
        panel_draw_nodata(c, r);
        return;
    }
    /* titles leave out default key labels that are the same in every box
     * (job, instance of a single target) */
    unsigned mask = (1u << nby) - 1;
    for (int b = 0; b < nby && n > 1 && !panel_opt(p, "by"); b++) {
        int same = 1;
        for (int i = 1; i < n && same; i++)
            same = !strcmp(rows[i].k.key[b], rows[0].k.key[b]);
        if (same)
            mask &= ~(1u << b);
    }
    /* widest key, value (plain and big) and line name */
    int tw = 0, vw = 0, bigw = 0, nw = 0;
    for (int i = 0; i < n; i++) {
        char title[256], val[64];
        int k =
            canvas_text_width(ms_title(&rows[i], mask, title, sizeof title));
        tw = k > tw ? k : tw;
        for (int qi = 0; qi < nq; qi++) {
            Role role;
            const char *v = ms_value(p, &rows[i], qi, val, sizeof val, &role);
            k = canvas_text_width(v);
            vw = k > vw ? k : vw;
            k = canvas_bigtext_width(v);
            if (bigw >= 0)
                bigw = !panel_bigtext_fits(1000, v) ? -1 : k > bigw ? k : bigw;
        }
    }
    for (int qi = 0; qi < nq; qi++) {
        char nbuf[32];
        int k = canvas_text_width(ms_qname(p, qi, nbuf, sizeof nbuf));
        nw = k > nw ? k : nw;
    }
    MsGrid g = ms_grid(r, total, nq, tw, vw, bigw > 0 ? bigw : 0, nw, 1);
    /* room to spare: the largest scale at which every box still fits */
    for (int k = PANEL_BIGTEXT_MAX; g.big && k > 1; k--) {
        int w = 0;
        for (int i = 0; i < n; i++) {
            char val[64];
            Role role;
            const char *v = ms_value(p, &rows[i], 0, val, sizeof val, &role);
            int vk = canvas_bigtext_width_scaled(v, k) + 2; /* a margin */
            w = vk > w ? vk : w;
        }
        MsGrid gk = ms_grid(r, total, nq, tw, vw, w, nw, k);
        if (gk.big && gk.shown == g.shown) {
            g = gk;
            break;
        }
    }
    g.keymask = mask;
    int more = total - g.shown;
    /* the last slot says how many are left out, unless it is the only one */
    int slots = more > 0 && g.shown > 1 ? g.shown - 1 : g.shown;
    if (slots > n)
        slots = n;
    for (int i = 0; i <= slots && i < g.shown; i++) {
        int col = i % g.cols, brow = i / g.cols;
        int x = r.x + col * (g.share + MS_GAP) + (g.share - g.bw) / 2;
        int y = r.y + brow * g.pitch;
        if (i < slots) {
            ms_box(p, c, &g, x, y, r.y + r.h, &rows[i]);
        } else if (total - i > 0) {
            char buf[32];
            snprintf(buf, sizeof buf, "+%d more", total - i);
            if (canvas_text_width(buf) > g.bw)
                snprintf(buf, sizeof buf, "+%d", total - i);
            canvas_text(c, x, y, g.bw, buf, ROLE_DIM, 0);
        }
    }
    free(rows);
}

const PanelClass multistat_class = {
    .name = "multistat",
    .help = "A grid of small stats: a box per key of the by labels, in it a "
            "\"Name value\" line per query (big digits for one query).",
    .opts = multistat_opts,
    .query_mode = QM_INSTANT,
    .draw = multistat_draw,
};
