/* histogram.c - the "histogram" panel kind: the distribution of a
 * Prometheus histogram at the current instant, from the cumulative `le`
 * bucket series of an instant query (say sum by (le) (increase(x_bucket
 * [$__range]))), or a native histogram (sum(increase(x[$__range]))) seen
 * as those bucket series. Each histogram (series alike but for `le`) is sorted
 * by bound (+Inf last) and de-accumulated; histograms are summed per bound. One
 * vertical bar per bucket, its upper bound under it in the panel's unit and its
 * count (or share) over it; neighbouring buckets merge when there are more of
 * them than columns. */
#include "panel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

#define HG_MAX_SERIES 4096 /* series looked at at most */
#define HG_MAX_COLS 512    /* bars drawn at most (more buckets merge) */
#define HG_MAX_WIDTH 12    /* columns of one bar at most */

static const OptSpec histogram_opts[] = {
    {.name = "percent",
     .type = OPT_BOOL,
     .def = "false",
     .help =
         "Show each bucket's share of all observations instead of its count."},
    {0},
};

typedef struct {
    const Series *s;
    double le;
    double v; /* cumulative count */
    int group;
} HgSeries;

/* Buckets: distinct bounds ascending and their counts, room for cap. */
typedef struct {
    double *bound;
    double *count;
    int n, cap;
} HgBuckets;

static int buckets_alloc(HgBuckets *b, int cap)
{
    b->n = 0;
    b->cap = cap > 0 ? cap : 1;
    b->bound = malloc(sizeof *b->bound * (size_t)b->cap);
    b->count = malloc(sizeof *b->count * (size_t)b->cap);
    return b->bound && b->count ? 0 : -1;
}

static void buckets_free(HgBuckets *b)
{
    free(b->bound);
    free(b->count);
    memset(b, 0, sizeof *b);
}

static int by_group_le(const void *x, const void *y)
{
    const HgSeries *a = x, *b = y;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    return a->le < b->le ? -1 : a->le > b->le ? 1 : 0;
}

/* Collects every series of every query with a numeric `le` (at most max),
 * numbered by histogram: series of one query alike but for `le`. reps
 * (room for max) gets the first series of each histogram. Returns the
 * count. */
static int hg_series(const Panel *p, HgSeries *hs, int *reps, int max)
{
    int n = 0, ngroups = 0;
    for (int qi = 0; qi < p->conf->nqueries; qi++) {
        const Result *res = panel_result(p, qi);
        int first = ngroups; /* the histograms of this query */
        for (int i = 0; res && i < res->nseries && n < max; i++) {
            const Series *s = &res->series[i];
            const char *t = series_label(s, "le");
            char *end;
            if (!t)
                continue;
            double le = strtod(t, &end);
            if (end == t || *end || isnan(le))
                continue;
            int g = first;
            while (g < ngroups && !panel_same_but_le(s, hs[reps[g]].s))
                g++;
            if (g == ngroups)
                reps[ngroups++] = n;
            hs[n] = (HgSeries){s, le, series_last(s), g};
            n++;
        }
    }
    return n;
}

/* Index of bound le in b (added in order when new), or -1 when full. */
static int bound_index(HgBuckets *b, double le)
{
    int k = 0;
    while (k < b->n && b->bound[k] < le)
        k++;
    if (k < b->n && b->bound[k] == le)
        return k;
    if (b->n >= b->cap)
        return -1;
    memmove(&b->bound[k + 1], &b->bound[k],
            sizeof b->bound[0] * (size_t)(b->n - k));
    memmove(&b->count[k + 1], &b->count[k],
            sizeof b->count[0] * (size_t)(b->n - k));
    b->bound[k] = le;
    b->count[k] = 0;
    b->n++;
    return k;
}

/* De-accumulates each histogram (sorted by bound): a bucket holds its
 * cumulative count less the largest one below it, never less than 0;
 * a count that is not finite adds nothing. Sums per bound into b. */
static void hg_buckets(HgSeries *hs, int n, HgBuckets *b)
{
    qsort(hs, (size_t)n, sizeof *hs, by_group_le);
    double below = 0;
    for (int i = 0; i < n; i++) {
        if (i == 0 || hs[i].group != hs[i - 1].group)
            below = 0;
        int k = bound_index(b, hs[i].le);
        double cum = hs[i].v;
        if (!isfinite(cum))
            continue;
        double d = cum - below;
        if (k >= 0 && d > 0)
            b->count[k] += d;
        below = fmax(below, cum);
    }
}

/* Bucket labels under the bars at row y, each centred under its bar (bw
 * columns from start[i]): the last (+Inf) first, then from the left each
 * that keeps a blank from those drawn. */
static void draw_bounds(Canvas *c, Rect r, int y, int bw, const char (*lab)[32],
                        const int *start, int n)
{
    int lx[HG_MAX_COLS];
    int lw[HG_MAX_COLS];
    for (int i = 0; i < n; i++) {
        lw[i] = canvas_text_width(lab[i]);
        if (lw[i] > r.w)
            lw[i] = r.w;
        lx[i] = start[i] + (bw - lw[i]) / 2;
        if (lx[i] + lw[i] > r.x + r.w)
            lx[i] = r.x + r.w - lw[i];
        if (lx[i] < r.x)
            lx[i] = r.x;
    }
    int stop = r.x + r.w; /* where the last label starts */
    if (n > 0) {
        canvas_text(c, lx[n - 1], y, lw[n - 1], lab[n - 1], ROLE_AXIS, 0);
        stop = lx[n - 1];
    }
    int end = r.x - 2;
    for (int i = 0; i < n - 1; i++) {
        if (lx[i] <= end + 1 || lx[i] + lw[i] >= stop)
            continue;
        canvas_text(c, lx[i], y, lw[i], lab[i], ROLE_AXIS, 0);
        end = lx[i] + lw[i] - 1;
    }
}

/* Counts (or shares) over the bars: the largest first, each centred over
 * its bar on the row above it when it covers no bar and keeps a blank
 * from the counts already there (it may reach over the neighbours'
 * gaps). Bar k starts at column start[k] and fills reach[k] rows up
 * from row base. */
static void draw_counts(Canvas *c, Rect r, int base, int bw, const HgBuckets *m,
                        const int *reach, const int *start, int percent)
{
    int cols = m->n;
    unsigned char *used = calloc((size_t)r.w * (size_t)r.h, 1);
    int *order = malloc(sizeof *order * (size_t)(cols > 0 ? cols : 1));
    if (!used || !order)
        goto out;
    for (int k = 0; k < cols; k++) { /* bars take their cells */
        for (int x = start[k]; x < start[k] + bw; x++)
            for (int i = 0; i < reach[k]; i++) {
                int y = base - i;
                if (x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h)
                    used[(y - r.y) * r.w + (x - r.x)] = 1;
            }
        order[k] = k;
    }
    for (int i = 1; i < cols; i++) /* the largest first */
        for (int j = i; j > 0 && m->count[order[j]] > m->count[order[j - 1]];
             j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (int i = 0; i < cols; i++) {
        int k = order[i];
        char val[32];
        if (percent)
            format_value(m->count[k] * 100, "percent", -1, val, sizeof val);
        else
            format_value(m->count[k], NULL, -1, val, sizeof val);
        int vw = canvas_text_width(val);
        int y = base - reach[k];
        int x = start[k] + (bw - vw) / 2;
        if (x + vw > r.x + r.w)
            x = r.x + r.w - vw;
        if (x < r.x)
            x = r.x;
        if (y < r.y || vw > r.w)
            continue;
        int free_ = 1;
        for (int cx = x - 1; cx <= x + vw && free_; cx++)
            if (cx >= r.x && cx < r.x + r.w &&
                used[(y - r.y) * r.w + (cx - r.x)])
                free_ = 0;
        if (!free_)
            continue;
        canvas_text(c, x, y, vw, val, ROLE_VALUE, 0);
        memset(&used[(y - r.y) * r.w + (x - r.x)], 1, (size_t)vw);
    }
out:
    free(used);
    free(order);
}

static void histogram_draw_classic(const Panel *p, Canvas *c, Rect r)
{
    HgSeries *hs = malloc(sizeof *hs * HG_MAX_SERIES);
    int *reps = malloc(sizeof *reps * HG_MAX_SERIES);
    HgBuckets b = {0}, m = {0};
    char(*lab)[32] = malloc(sizeof *lab * HG_MAX_COLS);
    int *start = malloc(sizeof *start * HG_MAX_COLS);
    int *reach = malloc(sizeof *reach * HG_MAX_COLS);
    if (!hs || !reps || !lab || !start || !reach)
        goto out;
    int n = hg_series(p, hs, reps, HG_MAX_SERIES);
    if (n > 0) {
        if (buckets_alloc(&b, n) < 0)
            goto out;
        hg_buckets(hs, n, &b);
    }
    if (n == 0 || b.n == 0) {
        panel_draw_nodata(c, r);
        goto out;
    }
    /* more buckets than columns: neighbours merge, named by the top one */
    int cols = b.n < r.w ? b.n : r.w;
    cols = cols < HG_MAX_COLS ? cols : HG_MAX_COLS;
    if (buckets_alloc(&m, cols) < 0)
        goto out;
    m.n = cols;
    for (int k = 0; k < cols; k++)
        m.count[k] = 0;
    for (int i = 0; i < b.n; i++) {
        int k = (int)((long)i * cols / b.n);
        m.count[k] += b.count[i];
        m.bound[k] = b.bound[i];
    }
    int percent = panel_opt_num(p, "percent", 0) != 0;
    double total = 0, top = 0;
    for (int k = 0; k < cols; k++)
        total += m.count[k];
    for (int k = 0; k < cols; k++) {
        if (percent)
            m.count[k] = total > 0 ? m.count[k] / total : 0;
        top = fmax(top, m.count[k]);
    }
    if (!(top > 0) || !isfinite(top))
        top = 1;

    int labels = r.h >= 2, head = r.h >= 3;
    int ph = r.h - labels - head;
    int pitch = r.w / cols;
    int gap = pitch >= 2, bw = pitch - gap;
    bw = bw > HG_MAX_WIDTH ? HG_MAX_WIDTH : bw;
    int x0 = r.x + (r.w - cols * pitch) / 2;
    int base = r.y + head + ph - 1;
    for (int k = 0; k < cols; k++) {
        int bx = x0 + k * pitch + (pitch - gap - bw) / 2;
        double f = m.count[k] / top;
        reach[k] = 0;
        if (f > 0) {
            for (int x = bx; x < bx + bw; x++)
                canvas_vbar(c, x, base, ph, f, ROLE_SERIES1);
            reach[k] = c->ascii ? (int)lround(f * ph)
                                : (int)(lround(f * ph * 8) + 7) / 8;
        }
        start[k] = bx;
        format_value(m.bound[k], panel_unit(p, 0), panel_decimals(p, 0), lab[k],
                     sizeof lab[k]);
    }
    if (head)
        draw_counts(c, r, base, bw, &m, reach, start, percent);
    if (labels)
        draw_bounds(c, r, base + 1, bw, (const char(*)[32])lab, start, cols);
out:
    free(hs);
    free(reps);
    buckets_free(&b);
    buckets_free(&m);
    free(lab);
    free(start);
    free(reach);
}

/* Native histograms are drawn as the classic buckets they stand for. */
static void histogram_draw(const Panel *p, Canvas *c, Rect r,
                           const DrawCtx *ctx)
{
    (void)ctx;
    if (r.w <= 0 || r.h <= 0)
        return;
    Panel view;
    int rc = panel_native_view(p, &view);
    if (rc < 0)
        return;
    histogram_draw_classic(rc ? &view : p, c, r);
    if (rc)
        panel_native_view_free(&view);
}

const PanelClass histogram_class = {
    .name = "histogram",
    .help = "The buckets of a Prometheus histogram as bars: count (or share) "
            "per upper bound.",
    .opts = histogram_opts,
    .query_mode = QM_INSTANT,
    .draw = histogram_draw,
    .native_histograms = 1,
};
