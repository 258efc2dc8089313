/* heatmap.c - the "heatmap" panel kind: time across, rows down, each cell
 * shaded by its value. In `buckets` mode the rows are the buckets of a
 * histogram (cumulative `le` series, de-accumulated per timestamp, highest
 * bucket on top; native histograms through their buckets); in `series` mode
 * each series is a row, shaded by value or coloured by thresholds. One column
 * per query step. */
#include "panel.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

#define HM_MAX_SERIES 1024 /* series looked at at most */
#define HM_MAX_ROWS 64     /* rows drawn at most */
#define HM_MAX_BOUNDS 256  /* distinct `le` bounds at most */
#define HM_MAX_W 400       /* columns drawn at most */

static const OptSpec heatmap_opts[] = {
    {.name = "mode",
     .type = OPT_ENUM,
     .def = "buckets",
     .choices = "buckets|series",
     .help = "buckets: rows are the `le` buckets of a histogram; series: a row "
             "per series."},
    {0},
};

/* A series feeding the map. */
typedef struct {
    const Series *s;
    int qi;
    double le;   /* buckets: upper bound */
    int group;   /* buckets: histograms differ in their other labels */
    double step; /* the query's step */
    char name[64];
} HmSeries;

/* The columns: column c covers times (t0 + c*dt, t0 + (c+1)*dt]. */
typedef struct {
    double t0, dt;
    int w;
} HmCols;

/* One row of cells being filled from one series. */
typedef struct {
    double v[HM_MAX_W];
    double first[HM_MAX_W]; /* earliest point time in the column */
    unsigned char has[HM_MAX_W];
} HmAcc;

static int hm_col(const HmCols *g, double t)
{
    double f = (t - g->t0) / g->dt;
    if (!(f > 0) || f > g->w + 1e-6)
        return -1;
    int c = (int)ceil(f - 1e-6) - 1;
    return c < 0 ? 0 : c >= g->w ? g->w - 1 : c;
}

/* Adds point (t, v) to acc: summed in `sum` mode, else the largest kept. */
static void acc_add(HmAcc *a, const HmCols *g, double t, double v, int sum)
{
    int c = hm_col(g, t);
    if (c < 0 || isnan(v))
        return;
    if (!a->has[c]) {
        a->has[c] = 1;
        a->v[c] = v;
        a->first[c] = t;
        return;
    }
    a->v[c] = sum ? a->v[c] + v : fmax(a->v[c], v);
    a->first[c] = fmin(a->first[c], t);
}

/* Columns narrower than a step get no point of their own: they take the
 * value of the next column whose earliest point's step covers them. */
static void acc_fill(HmAcc *a, const HmCols *g, double step)
{
    int next = -1;
    for (int c = g->w - 1; c >= 0; c--) {
        if (a->has[c]) {
            next = c;
            continue;
        }
        double tb = g->t0 + (c + 1) * g->dt;
        if (next >= 0 && step > 0 && a->first[next] - step < tb - 1e-6) {
            a->v[c] = a->v[next];
            a->has[c] = 2; /* copied */
        }
    }
}

static int by_group_le(const void *x, const void *y)
{
    const HmSeries *a = x, *b = y;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    return a->le < b->le ? -1 : a->le > b->le ? 1 : 0;
}

static int by_name(const void *x, const void *y)
{
    const HmSeries *a = x, *b = y;
    return strcmp(a->name, b->name);
}

/* Collects the range series of every query (at most max). In buckets mode
 * only those with a numeric `le`. Returns the count; *total the full one. */
static int hm_series(const Panel *p, HmSeries *hs, int max, int buckets,
                     int *total)
{
    int n = 0;
    *total = 0;
    for (int qi = 0; qi < p->conf->nqueries; qi++) {
        const Result *res = panel_result(p, qi);
        for (int i = 0; res && i < res->nseries; i++) {
            const Series *s = &res->series[i];
            double le = 0;
            if (buckets) {
                const char *t = series_label(s, "le");
                char *end;
                if (!t)
                    continue;
                le = strtod(t, &end);
                if (end == t || *end || isnan(le))
                    continue;
            }
            (*total)++;
            if (n >= max)
                continue;
            HmSeries *h = &hs[n++];
            h->s = s;
            h->qi = qi;
            h->le = le;
            h->group = 0;
            h->step = panel_series_step(p, qi, s);
            if (!buckets) {
                panel_series_name(p, qi, s, h->name, sizeof h->name);
                if (!h->name[0])
                    snprintf(h->name, sizeof h->name, "-");
            }
        }
    }
    return n;
}

/* A map ready to draw: rows top to bottom, values NaN where empty. */
typedef struct {
    int nrows, total; /* rows drawn; rows there would be */
    char label[HM_MAX_ROWS][64];
    int qi[HM_MAX_ROWS];          /* query of the row (series mode) */
    double bounds[HM_MAX_BOUNDS]; /* buckets: distinct `le`, ascending */
    int nb;
    double *v;     /* nrows x cols.w */
    double lo, hi; /* value range over all cells */
} HmMap;

/* Row of bucket b of nb when they are merged into nrows, top first. */
static int bucket_row(int b, int nb, int nrows)
{
    return nrows - 1 - (int)((long)b * nrows / nb);
}

/* Orders the series and names the rows (at most maxrows): in buckets mode
 * groups the histograms (labels but `le`), sorts each by bound and labels
 * each row by the top bound it holds (neighbouring bounds merge when there
 * are more than maxrows); in series mode sorts by name. */
static void hm_rows(const Panel *p, HmSeries *hs, int n, int series_mode,
                    int maxrows, HmMap *m)
{
    if (series_mode) {
        qsort(hs, (size_t)n, sizeof *hs, by_name);
        m->nrows = n < maxrows ? n : maxrows;
        for (int r = 0; r < m->nrows; r++) {
            snprintf(m->label[r], sizeof m->label[r], "%s", hs[r].name);
            m->qi[r] = hs[r].qi;
        }
        return;
    }
    int ngroups = 0;
    for (int i = 0; i < n; i++) {
        int k;
        for (k = 0; k < i; k++)
            if (panel_same_but_le(hs[i].s, hs[k].s))
                break;
        hs[i].group = k < i ? hs[k].group : ngroups++;
    }
    qsort(hs, (size_t)n, sizeof *hs, by_group_le);
    m->nb = 0;
    for (int i = 0; i < n; i++) { /* distinct bounds, ascending */
        int k = 0;
        while (k < m->nb && m->bounds[k] < hs[i].le)
            k++;
        if ((k < m->nb && m->bounds[k] == hs[i].le) || m->nb >= HM_MAX_BOUNDS)
            continue;
        memmove(&m->bounds[k + 1], &m->bounds[k],
                sizeof m->bounds[0] * (size_t)(m->nb - k));
        m->bounds[k] = hs[i].le;
        m->nb++;
    }
    m->nrows = m->nb < maxrows ? m->nb : maxrows;
    m->total = m->nb;
    for (int b = 0; b < m->nb && m->nrows > 0; b++) {
        int row = bucket_row(b, m->nb, m->nrows);
        format_value(m->bounds[b], panel_unit(p, 0), -1, m->label[row],
                     sizeof m->label[row]);
        m->qi[row] = 0;
    }
}

/* Fills the cells of the rows hm_rows() chose. Buckets: each series less
 * the one below it in its histogram at the same timestamp (negatives are
 * 0), summed over histograms and merged bounds and over the steps one
 * column holds. Series: the largest value a column holds, NaN for none. */
static void hm_cells(const HmSeries *hs, int n, int series_mode,
                     const HmCols *g, HmMap *m, HmAcc *acc)
{
    for (int i = 0; i < m->nrows * g->w; i++)
        m->v[i] = series_mode ? NAN : 0;
    for (int i = 0; i < n; i++) {
        int row = i;
        const Series *below = NULL;
        if (!series_mode) {
            int b = 0;
            while (b < m->nb && m->bounds[b] != hs[i].le)
                b++;
            if (b == m->nb)
                continue;
            row = bucket_row(b, m->nb, m->nrows);
            if (i > 0 && hs[i - 1].group == hs[i].group)
                below = hs[i - 1].s;
        }
        if (row >= m->nrows)
            continue;
        memset(acc, 0, sizeof *acc);
        for (int k = 0; k < hs[i].s->npoints; k++) {
            Point pt = hs[i].s->points[k];
            if (!isfinite(pt.v))
                continue;
            if (series_mode) {
                acc_add(acc, g, pt.t, pt.v, 0);
            } else {
                double d = pt.v - (below ? series_value_at(below, pt.t) : 0);
                acc_add(acc, g, pt.t, d > 0 ? d : 0, 1);
            }
        }
        acc_fill(acc, g, hs[i].step);
        for (int c = 0; c < g->w; c++)
            if (acc->has[c])
                m->v[row * g->w + c] =
                    series_mode ? acc->v[c] : m->v[row * g->w + c] + acc->v[c];
    }
}

/* Shade 0..5 of v in lo..hi: 0 for nothing, else 1..5 by fifths. */
static int shade(double v, double lo, double hi)
{
    if (!(v > lo) || !(hi > lo) || !isfinite(v) || !isfinite(hi - lo))
        return v > 0 ? 5 : 0;
    int k = (int)ceil((v - lo) / (hi - lo) * 5 - 1e-9);
    return k < 1 ? 1 : k > 5 ? 5 : k;
}

static uint32_t shade_glyph(const Canvas *c, int k)
{
    static const uint32_t utf[6] = {' ',    0x2591, 0x2592,
                                    0x2593, 0x2588, 0x2588};
    static const char asc[6] = {' ', '.', ':', '+', '#', '#'};
    k = k < 0 ? 0 : k > 5 ? 5 : k;
    return c->ascii ? (uint32_t)asc[k] : utf[k];
}

/* The glyph of a cell coloured by a threshold: one per class, so that
 * classes stay apart without colour, the same in the legend: ok ░, warn
 * ▓, crit █ (ASCII: '.', '+', '#'). */
static uint32_t class_glyph(const Canvas *c, Role role)
{
    if (!c->ascii)
        return role == ROLE_OK     ? 0x2591
               : role == ROLE_WARN ? 0x2593
               : role == ROLE_CRIT ? 0x2588
                                   : 0x2592;
    return role == ROLE_OK     ? '.'
           : role == ROLE_WARN ? '+'
           : role == ROLE_CRIT ? '#'
                               : ':';
}

/* The scale line: "low ░▒▓██ high 1.2s", or the threshold colours with
 * their bounds; "+N more" when rows were left out. */
static void draw_scale(const Panel *p, Canvas *c, int x, int y, int w,
                       const HmMap *m, int series_mode)
{
    const Thresholds *th = panel_thresholds(p, m->qi[0]);
    const char *unit = series_mode ? panel_unit(p, m->qi[0]) : NULL;
    int col = 0;
    char buf[64];
    if (series_mode && th->set && th->n > 0) {
        for (int i = 0; i <= th->n && col < w; i++) {
            double at = i == 0 ? -INFINITY : th->steps[i - 1];
            Role role =
                format_threshold_role(at, th->steps, th->n, th->good_high);
            char v[32];
            format_value(th->steps[i < th->n ? i : th->n - 1], unit, -1, v,
                         sizeof v);
            snprintf(buf, sizeof buf, "%s%s", i < th->n ? "<" : ">=", v);
            if (col + 2 + canvas_text_width(buf) > w)
                break;
            canvas_put(c, x + col, y, class_glyph(c, role), role, 0);
            col += 2;
            col += canvas_text(c, x + col, y, w - col, buf, ROLE_DIM, 0) + 2;
        }
    } else {
        col += canvas_text(c, x, y, w, "low ", ROLE_DIM, 0);
        for (int k = 1; k <= 5 && col < w; k++)
            canvas_put(c, x + col++, y, shade_glyph(c, k),
                       (Role)(ROLE_HEAT0 + k), 0);
        format_value(m->hi, unit, -1, buf, sizeof buf);
        char t[80];
        snprintf(t, sizeof t, " high %s", buf);
        if (col + canvas_text_width(t) <= w)
            col += canvas_text(c, x + col, y, w - col, t, ROLE_DIM, 0);
        col += 2;
    }
    if (m->total > m->nrows && series_mode) {
        snprintf(buf, sizeof buf, "+%d more", m->total - m->nrows);
        if (col + canvas_text_width(buf) <= w)
            canvas_text(c, x + col, y, w - col, buf, ROLE_DIM, 0);
    }
}

static void heatmap_draw_classic(const Panel *p, Canvas *c, Rect r,
                                 const DrawCtx *ctx)
{
    if (panel_no_data(p)) {
        panel_draw_nodata(c, r);
        return;
    }
    int series_mode = !strcmp(panel_opt_str(p, "mode", "buckets"), "series");
    HmSeries *hs = malloc(sizeof *hs * HM_MAX_SERIES);
    HmAcc *acc = malloc(sizeof *acc);
    HmMap *m = calloc(1, sizeof *m);
    double *cells = malloc(sizeof *cells * HM_MAX_ROWS * HM_MAX_W);
    if (!hs || !acc || !m || !cells)
        goto out;
    m->v = cells;
    int total, n = 0;
    if (!series_mode) {
        n = hm_series(p, hs, HM_MAX_SERIES, 1, &total);
        series_mode = n == 0; /* no `le` label: a row per series */
    }
    if (series_mode)
        n = hm_series(p, hs, HM_MAX_SERIES, 0, &total);
    if (n == 0) {
        panel_draw_nodata(c, r);
        goto out;
    }

    /* rows of the layout: cells, then time labels, then the scale */
    int axis = r.h >= 3, scale = r.h >= 4;
    int maxrows = r.h - axis - scale;
    if (maxrows > HM_MAX_ROWS)
        maxrows = HM_MAX_ROWS;
    /* the time window: the dashboard's range, else the data's extent */
    double t0 = ctx->now - ctx->range, t1 = ctx->now;
    if (!(ctx->range > 0)) {
        t0 = INFINITY;
        t1 = -INFINITY;
        for (int i = 0; i < n; i++)
            if (hs[i].s->npoints > 0) {
                t0 = fmin(t0, hs[i].s->points[0].t - hs[i].step);
                t1 = fmax(t1, hs[i].s->points[hs[i].s->npoints - 1].t);
            }
        if (!(t1 > t0))
            t0 = t1 - 1;
    }

    hm_rows(p, hs, n, series_mode, maxrows, m);
    if (series_mode)
        m->total = total;
    int lw = 0;
    for (int i = 0; i < m->nrows && r.w >= 10; i++) {
        int k = canvas_text_width(m->label[i]);
        lw = k > lw ? k : lw;
    }
    if (lw > r.w / 3)
        lw = r.w / 3;
    HmCols g = {t0, 0, r.w - (lw ? lw + 1 : 0)};
    if (g.w > HM_MAX_W)
        g.w = HM_MAX_W;
    if (g.w < 1 || !isfinite(t0) || !(t1 > t0))
        goto out;
    g.dt = (t1 - t0) / g.w;
    hm_cells(hs, n, series_mode, &g, m, acc);
    m->lo = 0;
    m->hi = 0;
    for (int i = 0; i < m->nrows * g.w; i++)
        if (isfinite(cells[i])) {
            m->lo = fmin(m->lo, cells[i]);
            m->hi = fmax(m->hi, cells[i]);
        }

    /* rows stretch up to 3 lines when there is room */
    int rh = m->nrows > 0 ? maxrows / m->nrows : 1;
    rh = rh > 3 ? 3 : rh < 1 ? 1 : rh;
    int px = r.x + (lw ? lw + 1 : 0);
    const char **set =
        panel_name_set(m->label, sizeof m->label[0], 0, m->nrows);
    for (int row = 0; row < m->nrows; row++) {
        int y = r.y + row * rh;
        if (lw && canvas_text_width(m->label[row]) > lw) /* kept apart */
            canvas_label_among(c, r.x, y + (rh - 1) / 2, lw, m->label[row], set,
                               set ? m->nrows : 0, ROLE_AXIS, 0);
        else if (lw)
            canvas_text_right(c, r.x, y + (rh - 1) / 2, lw, m->label[row],
                              ROLE_AXIS, 0);
        const Thresholds *th = panel_thresholds(p, m->qi[row]);
        for (int col = 0; col < g.w; col++) {
            double v = cells[row * g.w + col];
            if (isnan(v))
                continue;
            int k = shade(v, m->lo, m->hi);
            Role role = (Role)(ROLE_HEAT0 + k);
            if (series_mode && th->set && th->n > 0) {
                role =
                    format_threshold_role(v, th->steps, th->n, th->good_high);
                k = k < 1 ? 1 : k; /* a value is never blank */
            }
            uint32_t gl = series_mode && th->set && th->n > 0
                              ? class_glyph(c, role)
                              : shade_glyph(c, k);
            for (int k2 = 0; k2 < rh; k2++)
                canvas_put(c, px + col, y + k2, gl, role, 0);
        }
    }
    free(set);
    int y = r.y + m->nrows * rh;
    if (axis && y < r.y + r.h)
        panel_time_axis(c, px, y++, g.w, t0, t1);
    if (scale && y < r.y + r.h)
        draw_scale(p, c, r.x, y, r.w, m, series_mode);
out:
    free(hs);
    free(acc);
    free(m);
    free(cells);
}

/* Native histograms are drawn as the classic buckets they stand for. */
static void heatmap_draw(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    Panel view;
    int rc = panel_native_view(p, &view);
    if (rc < 0)
        return;
    heatmap_draw_classic(rc ? &view : p, c, r, ctx);
    if (rc)
        panel_native_view_free(&view);
}

/* One column per step: the plot is the width less the row labels. */
static int heatmap_points(const Panel *p, int w, int h)
{
    (void)p;
    (void)h;
    int pw = w > 14 ? w - 7 : w;
    return pw > HM_MAX_W ? HM_MAX_W : pw > 0 ? pw : 1;
}

const PanelClass heatmap_class = {
    .name = "heatmap",
    .help =
        "Time across, histogram buckets or series down, cells shaded by value.",
    .opts = heatmap_opts,
    .query_mode = QM_RANGE,
    .points = heatmap_points,
    .draw = heatmap_draw,
    .native_histograms = 1,
};
