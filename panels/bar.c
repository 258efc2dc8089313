/* bar.c - the "bar" panel kind: a bar chart. Over `categories` (instant
 * queries) each series is a bar named by its legend; the series of several
 * queries that share a name form one category, their bars side by side or
 * stacked, with the queries in a legend. Over `time` (range queries) each
 * step of the range is a category: the series of that step side by side or
 * stacked, under a value axis and over a time axis, with a legend of the
 * series. Bars grow up (vertical) or right (horizontal, categories only)
 * in eighth blocks ('#' in ASCII), coloured per series or by thresholds. */
#include "panel.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

#define BAR_MAX_CATS 256   /* categories kept (categories mode) */
#define BAR_MAX_QUERIES 16 /* queries charted (categories mode) */
#define BAR_MAX_SERIES 64  /* series charted (time mode) */
#define BAR_MAX_SLOTS 1024 /* time steps charted at most */
#define BAR_NAME 64        /* bytes of a name */
#define BAR_MAX_WIDTH 8    /* columns of one bar at most */

static const OptSpec bar_opts[] = {
    {.name = "orientation",
     .type = OPT_ENUM,
     .def = "vertical",
     .choices = "vertical|horizontal",
     .help = "Bars grow up (vertical) or right (horizontal); over time they "
             "always grow up."},
    {.name = "over",
     .type = OPT_ENUM,
     .def = "categories",
     .choices = "categories|time",
     .help = "categories: a bar per series at the current instant; time: bars "
             "per step of the time range."},
    {.name = "stack",
     .type = OPT_BOOL,
     .def = "false",
     .help = "Stack the bars of one category (or one step) instead of setting "
             "them side by side."},
    {0},
};

/* The chart as a matrix: categories (names, or time steps) by segments
 * (queries, or series), v[cat * nseg + seg], NaN where there is none. */
typedef struct {
    int ncat, nseg;
    int more;              /* categories (or series) left out */
    double *v;             /* ncat x nseg */
    char (*cat)[BAR_NAME]; /* category names (categories mode) */
    char (*seg)[BAR_NAME]; /* segment names, for the legend */
    int *segq;             /* query of each segment */
    double t0, t1;         /* time mode: the window the steps cover */
} BarData;

/* How the bars are coloured and scaled. */
typedef struct {
    int stack;
    int by_seg;    /* colour by segment (several queries or series) */
    double lo, hi; /* value scale, lo < hi */
} BarStyle;

/* Returns 1 when conf asks for bars over time (option over: time). */
static int bar_over_time(const PanelConf *conf)
{
    int i = panel_opt_index(conf->cls, "over");
    if (i < 0 || !conf->opts || !conf->opts[i].set)
        return 0;
    const char *s = conf->opts[i].str;
    return s ? !strcmp(s, "time") : conf->opts[i].num == 1;
}

/* Instant queries over categories, range queries over time. */
static int bar_query_mode_for(const PanelConf *conf)
{
    return bar_over_time(conf) ? QM_RANGE : QM_INSTANT;
}

static void data_free(BarData *d)
{
    free(d->v);
    free(d->cat);
    free(d->seg);
    free(d->segq);
    memset(d, 0, sizeof *d);
}

/* Allocates a ncat x nseg matrix of NaN; returns 0, -1 on OOM. */
static int data_alloc(BarData *d, int ncat, int nseg)
{
    size_t nc = ncat > 0 ? (size_t)ncat : 1, ns = nseg > 0 ? (size_t)nseg : 1;
    d->v = malloc(sizeof *d->v * nc * ns);
    d->cat = calloc(nc, sizeof *d->cat);
    d->seg = calloc(ns, sizeof *d->seg);
    d->segq = calloc(ns, sizeof *d->segq);
    if (!d->v || !d->cat || !d->seg || !d->segq)
        return -1;
    for (size_t i = 0; i < nc * ns; i++)
        d->v[i] = NAN;
    return 0;
}

/* Adds v into cell (cat, seg): NaN cells take it, finite values add up. */
static void cell_add(BarData *d, int cat, int seg, double v)
{
    double *x = &d->v[cat * d->nseg + seg];
    if (isnan(*x))
        *x = v;
    else if (!isnan(v))
        *x += v;
}

/* Categories: a category per distinct series name, a segment per query.
 * Returns 0 (d->ncat 0 when there is nothing), -1 on OOM. */
static int collect_categories(const Panel *p, BarData *d)
{
    int nq = p->conf->nqueries < BAR_MAX_QUERIES ? p->conf->nqueries
                                                 : BAR_MAX_QUERIES;
    if (nq < 1 || data_alloc(d, BAR_MAX_CATS, nq) < 0)
        return nq < 1 ? 0 : -1;
    d->nseg = nq;
    for (int qi = 0; qi < nq; qi++) {
        const QueryConf *q = &p->conf->queries[qi];
        d->segq[qi] = qi;
        snprintf(d->seg[qi], BAR_NAME, "%s",
                 q->name   ? q->name
                 : q->expr ? q->expr
                           : "-");
        const Result *res = panel_result(p, qi);
        for (int i = 0; res && i < res->nseries; i++) {
            char name[BAR_NAME];
            panel_series_name(p, qi, &res->series[i], name, sizeof name);
            if (!name[0])
                snprintf(name, sizeof name, "-");
            int k = 0;
            while (k < d->ncat && strcmp(d->cat[k], name))
                k++;
            if (k == d->ncat) {
                if (d->ncat >= BAR_MAX_CATS) {
                    d->more++;
                    continue;
                }
                memcpy(d->cat[d->ncat++], name, sizeof name);
            }
            cell_add(d, k, qi, series_last(&res->series[i]));
        }
    }
    return 0;
}

/* Time: a segment per series, a category per step of the window ending
 * at ctx->now (or at the data's end when there is no range), at most
 * maxslots of them (the latest). Each point goes to the step (t - step,
 * t] it ends. Returns 0 (d->ncat 0 when there is nothing), -1 on OOM. */
static int collect_time(const Panel *p, const DrawCtx *ctx, int maxslots,
                        BarData *d)
{
    const Series *ss[BAR_MAX_SERIES];
    int total = 0, n = 0;
    double step = 0, tmin = INFINITY, tmax = -INFINITY;
    for (int qi = 0; qi < p->conf->nqueries; qi++) {
        const Result *res = panel_result(p, qi);
        for (int i = 0; res && i < res->nseries; i++) {
            total++;
            if (n >= BAR_MAX_SERIES)
                continue;
            const Series *s = &res->series[i];
            ss[n++] = s;
            double st = panel_series_step(p, qi, s);
            if (st > 0 && (step == 0 || st < step))
                step = st;
            for (int k = 0; k < s->npoints; k++)
                if (isfinite(s->points[k].t)) {
                    tmin = fmin(tmin, s->points[k].t);
                    tmax = fmax(tmax, s->points[k].t);
                }
        }
    }
    if (n == 0 || !(tmax >= tmin))
        return 0;
    double t1 = tmax, span = tmax - tmin;
    if (ctx->range > 0 && isfinite(ctx->now)) {
        t1 = ctx->now;
        span = ctx->range;
    }
    if (!(step > 0))
        step = span > 0 ? span : 1;
    double nsteps = ceil(span / step - 1e-6);
    if (!(nsteps >= 1))
        nsteps = 1;
    if (maxslots > BAR_MAX_SLOTS)
        maxslots = BAR_MAX_SLOTS;
    if (maxslots < 1)
        maxslots = 1;
    int ncat = nsteps > maxslots ? maxslots : (int)nsteps;
    if (data_alloc(d, ncat, n) < 0)
        return -1;
    d->ncat = ncat;
    d->nseg = n;
    d->more = total - n;
    d->t1 = t1;
    d->t0 = t1 - ncat * step;
    int si = 0;
    for (int qi = 0; qi < p->conf->nqueries && si < n; qi++) {
        const Result *res = panel_result(p, qi);
        for (int i = 0; res && i < res->nseries && si < n; i++, si++) {
            const Series *s = ss[si];
            d->segq[si] = qi;
            panel_series_name(p, qi, s, d->seg[si], BAR_NAME);
            if (!d->seg[si][0])
                snprintf(d->seg[si], BAR_NAME, "-");
            for (int k = 0; k < s->npoints; k++) {
                double back = (t1 - s->points[k].t) / step;
                if (!(back > -1e-6) || back >= ncat)
                    continue;
                int j = ncat - 1 - (int)floor(back + 1e-6);
                if (j < 0 || j >= ncat)
                    continue;
                d->v[j * n + si] = s->points[k].v; /* the latest wins */
            }
        }
    }
    return 0;
}

/* The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a
 * power of ten) at or above v > 0; v itself when there is none. */
static double nice_ceil(double v)
{
    static const double mant[] = {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10};
    if (!(v > 0) || !isfinite(v))
        return v;
    double e = pow(10, floor(log10(v)));
    for (size_t i = 0; i < sizeof mant / sizeof mant[0]; i++)
        if (mant[i] * e >= v * (1 - 1e-9))
            return isfinite(mant[i] * e) ? mant[i] * e : v;
    return v;
}

/* The value scale: the panel's min and max, else 0 to the largest bar
 * (stack totals when stacking), rounded up to a round number when `nice`
 * (an axis shows it). Always lo < hi. */
static void bar_scale(const Panel *p, const BarData *d, int nice, BarStyle *st)
{
    double top = 0;
    for (int c = 0; c < d->ncat; c++) {
        double sum = 0;
        for (int s = 0; s < d->nseg; s++) {
            double v = d->v[c * d->nseg + s];
            if (!isfinite(v))
                continue;
            if (st->stack)
                sum += v > 0 ? v : 0;
            else
                top = fmax(top, v);
        }
        if (st->stack && isfinite(sum))
            top = fmax(top, sum);
    }
    double lo = isnan(p->conf->min) ? 0 : p->conf->min;
    double hi =
        isnan(p->conf->max) ? (nice ? nice_ceil(top) : top) : p->conf->max;
    if (!isfinite(lo))
        lo = 0;
    if (!isfinite(hi) || !(hi > lo))
        hi = lo + (isfinite(top) && top > 0 ? top : 1);
    if (!isfinite(hi) || !(hi > lo)) /* lo huge: any range at all */
        hi = lo + fabs(lo) * 0.5 + 1;
    st->lo = lo;
    st->hi = hi;
}

/* Colour of cell (cat, seg): by thresholds when set, else by segment when
 * there are several, else by category. */
static Role cell_role(const Panel *p, const BarData *d, const BarStyle *st,
                      int cat, int seg)
{
    Role base = theme_series_role(st->by_seg ? seg : cat);
    const Thresholds *th = panel_thresholds(p, d->segq[seg]);
    if (!th->set || th->n == 0)
        return base;
    return panel_value_role(p, d->segq[seg], d->v[cat * d->nseg + seg], base);
}

/* Draws a run of a bar from whole cell `from` to `to` eighths of a bar of
 * len cells, growing up from (x, y) or right from it. */
static void bar_run(Canvas *c, int horiz, int x, int y, int len, int from,
                    int to, Role role, uint32_t glyph)
{
    if (from >= len || to <= from * 8)
        return;
    double frac = (to - from * 8) / (8.0 * (len - from));
    if ((c->ascii || c->mono) && glyph != '#' && glyph != 0x2588) {
        /* a series' own fill, as the legend: whole cells */
        int n = (int)lround(frac * (len - from));
        for (int i = 0; i < n; i++)
            canvas_put(c, horiz ? x + from + i : x, horiz ? y : y - from - i,
                       glyph, role, 0);
    } else if (horiz)
        canvas_hbar(c, x + from, y, len - from, frac, role);
    else
        canvas_vbar(c, x, y - from, len - from, frac, role);
}

/* Draws one bar of len cells, `thick` cells across, from (x, y) (its
 * bottom-left cell, or left cell when horizontal): the values v[0..n)
 * stacked on each other (positive ones only) or, n == 1, one value, in
 * roles[k]. Inner boundaries fall on whole cells; the top has eighths.
 * v[0] is segment seg0 (its ASCII fill when segments are told apart).
 * Returns the cells the bar reaches. */
static int draw_bar(Canvas *c, int horiz, int x, int y, int len, int thick,
                    const double *v, const Role *roles, int n, int seg0,
                    const BarStyle *st)
{
    if (len <= 0 || thick <= 0)
        return 0;
    int last = -1;
    for (int k = 0; k < n; k++)
        if (isfinite(v[k]) && (n == 1 || v[k] > 0))
            last = k;
    double cum = 0;
    int from = 0, reach = 0;
    for (int k = 0; k <= last; k++) {
        if (!isfinite(v[k]) || (n > 1 && v[k] <= 0))
            continue;
        cum += v[k];
        double f = (cum - st->lo) / (st->hi - st->lo);
        f = f > 1 ? 1 : f > 0 ? f : 0;
        int to = (int)lround(f * len * 8);
        if (k != last)
            to = (to + 4) / 8 * 8;
        for (int i = 0; i < thick; i++)
            bar_run(c, horiz, horiz ? x : x + i, horiz ? y + i : y, len, from,
                    to, roles[k],
                    st->by_seg ? canvas_bar_fill(c, theme_series_role(seg0 + k))
                               : '#');
        if (to / 8 > from)
            from = to / 8;
        reach = c->ascii ? (int)lround(f * len) : (to + 7) / 8;
    }
    return reach;
}

/* The value written for category cat: segment seg's, or the stack's
 * total (-1). Returns buf. */
static char *cell_text(const Panel *p, const BarData *d, int cat, int seg,
                       char *buf, int n)
{
    if (seg >= 0)
        return panel_format(p, d->segq[seg], d->v[cat * d->nseg + seg], buf, n);
    double sum = 0, other = NAN;
    int pos = 0;
    for (int s = 0; s < d->nseg; s++) {
        double v = d->v[cat * d->nseg + s];
        if (isfinite(v) && v > 0) {
            sum += v;
            pos = 1;
        } else if (!isnan(v) && isnan(other)) {
            other = v;
        }
    }
    return panel_format(p, d->segq[0], pos ? sum : other, buf, n);
}

/* The legend: a coloured marker and the name of each segment, packed in
 * rows of w columns; "+N" counts those left out (and `more` beyond). */
static void draw_legend(Canvas *c, Rect r, const BarData *d, const BarStyle *st,
                        int more)
{
    int row = 0, x = 0, k;
    for (k = 0; k < d->nseg; k++) {
        int nw = canvas_text_width(d->seg[k]);
        int max = r.w / 2 > 12 ? r.w / 2 : 12;
        nw = nw > max ? max : nw;
        int ew = 2 + nw, gap = x > 0 ? 2 : 0;
        if (x > 0 && x + gap + ew > r.w) {
            if (row + 1 >= r.h)
                break;
            row++;
            x = gap = 0;
        }
        if (x + gap + 3 > r.w)
            break;
        x += gap;
        Role kr = st->by_seg ? theme_series_role(k) : ROLE_SERIES1;
        canvas_put(c, r.x + x, r.y + row,
                   c->ascii || c->mono ? canvas_bar_fill(c, kr) : 0x25a0, kr,
                   0);
        x += 2 + canvas_text(c, r.x + x + 2, r.y + row, r.w - x - 2, d->seg[k],
                             ROLE_DEFAULT, 0);
    }
    int left = d->nseg - k + more;
    if (left > 0) {
        char buf[24];
        snprintf(buf, sizeof buf, "+%d", left);
        int bw = (int)strlen(buf);
        int bx = x > 0 ? x + 2 : 0;
        if (bx + bw > r.w)
            bx = r.w - bw;
        if (bx >= 0) {
            canvas_clear(c, (Rect){r.x + bx, r.y + row, r.w - bx, 1},
                         ROLE_DEFAULT);
            canvas_text(c, r.x + bx, r.y + row, bw, buf, ROLE_DIM, 0);
        }
    }
}

/* Bars of one category (stacked: one bar) drawn upward from (x, base) in
 * gw columns of a plot ph rows tall; value labels above them when they
 * fit (label 1). */
static void draw_group_up(const Panel *p, Canvas *c, const BarData *d,
                          const BarStyle *st, int cat, int x, int base, int ph,
                          int gw, int label, int top)
{
    const double *v = &d->v[cat * d->nseg];
    Role roles[BAR_MAX_SERIES];
    int ns = d->nseg < BAR_MAX_SERIES ? d->nseg : BAR_MAX_SERIES;
    for (int s = 0; s < ns; s++)
        roles[s] = cell_role(p, d, st, cat, s);
    int nbars = st->stack ? 1 : ns;
    if (nbars > gw)
        nbars = gw;
    if (nbars < 1)
        return;
    int bw = gw / nbars;
    bw = bw > BAR_MAX_WIDTH ? BAR_MAX_WIDTH : bw;
    int bx = x + (gw - nbars * bw) / 2;
    for (int b = 0; b < nbars; b++) {
        int reach = st->stack
                        ? draw_bar(c, 0, bx, base, ph, bw, v, roles, ns, 0, st)
                        : draw_bar(c, 0, bx + b * bw, base, ph, bw, &v[b],
                                   &roles[b], 1, b, st);
        if (!label)
            continue;
        int seg = st->stack ? -1 : b;
        if (!st->stack && isnan(v[b]))
            continue;
        char buf[64];
        cell_text(p, d, cat, seg, buf, sizeof buf);
        int lw = canvas_text_width(buf);
        /* one bar: the whole group's width; several: its own */
        int room = nbars == 1 ? gw : bw;
        int cx = nbars == 1 ? x : bx + b * bw;
        if (lw > room)
            continue;
        int y = base - reach;
        if (y < top)
            y = top;
        if (reach == 0)
            y = base;
        canvas_text(c, cx + (room - lw) / 2, y, lw, buf, ROLE_VALUE, 0);
    }
}

/* Categories as columns: value labels over the bars, names under them,
 * the legend of the queries under those when there are several. */
static void draw_categories_up(const Panel *p, Canvas *c, Rect r,
                               const BarData *d, const BarStyle *st)
{
    int lr = st->by_seg && r.h >= 5;
    int names = r.h >= 2, head = r.h >= 3;
    int ph = r.h - lr - names - head;
    int minp = (st->stack ? 1 : d->nseg) + 1;
    int k = r.w / minp;
    int more = d->more;
    char mbuf[24] = "";
    int mw = 0;
    if (k < d->ncat) { /* room for "+N" at the end of the names */
        for (int i = 0; i < 2; i++) {
            snprintf(mbuf, sizeof mbuf, "+%d", d->ncat - k + more);
            mw = (int)strlen(mbuf) + 1;
            k = (r.w - mw) / minp;
            k = k < 1 ? 1 : k;
        }
    } else if (more > 0) {
        snprintf(mbuf, sizeof mbuf, "+%d", more);
        mw = (int)strlen(mbuf) + 1;
        k = d->ncat;
        if (k * minp > r.w - mw)
            k = (r.w - mw) / minp > 0 ? (r.w - mw) / minp : 1;
    } else {
        k = d->ncat;
    }
    if (k > d->ncat)
        k = d->ncat;
    if (mw > r.w)
        mw = 0;
    int pw = r.w - mw;
    int pitch = k > 0 ? pw / k : 0;
    if (pitch < 1)
        return;
    int gap = pitch >= 2 ? 1 : 0, gw = pitch - gap;
    int x0 = r.x + (pw - k * pitch) / 2;
    int base = r.y + head + ph - 1;
    const char **set = panel_name_set(d->cat, sizeof *d->cat, 0, k);
    for (int cat = 0; cat < k; cat++) {
        int gx = x0 + cat * pitch;
        draw_group_up(p, c, d, st, cat, gx, base, ph, gw, head, r.y);
        int nw = canvas_text_width(d->cat[cat]);
        if (!names || (nw > gw && gw < 3)) /* no "…" alone */
            continue;
        nw = nw > gw ? gw : nw;
        canvas_label_among(c, gx + (gw - nw) / 2, base + 1, gw, d->cat[cat],
                           set, set ? k : 0, ROLE_AXIS, 0);
    }
    free(set);
    if (mw > 0)
        canvas_text(c, r.x + r.w - mw + 1, names ? base + 1 : base, mw - 1,
                    mbuf, ROLE_DIM, 0);
    if (lr)
        draw_legend(c, (Rect){r.x, r.y + r.h - 1, r.w, 1}, d, st, 0);
}

/* Categories as rows: name, bar, value; a row per query's bar (the name
 * on the first) or one stacked row; "+N more" when rows run out. */
static void draw_categories_right(const Panel *p, Canvas *c, Rect r,
                                  const BarData *d, const BarStyle *st)
{
    int lr = st->by_seg && r.h >= 3;
    int h = r.h - lr;
    int rpc = st->stack ? 1 : d->nseg; /* rows per category */
    int k = d->ncat;
    if (k * rpc > h || d->more > 0) { /* a last row tells what is left out */
        k = (h - 1) / rpc < k ? (h - 1) / rpc : k;
        k = k < 1 ? 1 : k;
    }
    int more = d->ncat + d->more - k;
    /* a blank row between categories when they all fit so */
    int pitch = rpc + (k * (rpc + 1) - 1 + (more > 0) <= h);
    int lw = 0, vw = 0;
    char buf[64];
    for (int cat = 0; cat < k; cat++) {
        int w = canvas_text_width(d->cat[cat]);
        lw = w > lw ? w : lw;
        for (int s = 0; s < (st->stack ? 1 : d->nseg); s++) {
            cell_text(p, d, cat, st->stack ? -1 : s, buf, sizeof buf);
            w = canvas_text_width(buf);
            vw = w > vw ? w : vw;
        }
    }
    if (vw > r.w)
        vw = r.w;
    int room = r.w - vw - 2 - 8; /* names leave the bar 8 columns */
    if (lw > room)
        lw = room > r.w / 3 ? room : r.w / 3;
    int bw = r.w - lw - vw - 2;
    if (bw < 4) {
        lw = 0;
        bw = r.w - vw - 1;
    }
    int y = r.y;
    Role roles[BAR_MAX_QUERIES];
    const char **set = panel_name_set(d->cat, sizeof *d->cat, 0, k);
    for (int cat = 0; cat < k && y < r.y + h; cat++, y += pitch) {
        const double *v = &d->v[cat * d->nseg];
        for (int s = 0; s < d->nseg && s < BAR_MAX_QUERIES; s++)
            roles[s] = cell_role(p, d, st, cat, s);
        if (lw > 0)
            canvas_label_among(c, r.x, y, lw, d->cat[cat], set, set ? k : 0,
                               ROLE_DEFAULT, 0);
        for (int row = 0; row < rpc && y + row < r.y + h; row++) {
            int bx = r.x + lw + (lw > 0);
            if (bw >= 1) {
                if (st->stack)
                    draw_bar(c, 1, bx, y, bw, 1, v, roles, d->nseg, 0, st);
                else
                    draw_bar(c, 1, bx, y + row, bw, 1, &v[row], &roles[row], 1,
                             row, st);
            }
            cell_text(p, d, cat, st->stack ? -1 : row, buf, sizeof buf);
            if (st->stack || !isnan(v[row]))
                canvas_text_right(c, r.x + r.w - vw, y + row, vw, buf,
                                  ROLE_VALUE, 0);
        }
    }
    free(set);
    if (more > 0) {
        snprintf(buf, sizeof buf, "+%d more", more);
        int my = r.y + k * pitch - (pitch - rpc);
        if (my >= r.y + h)
            my = r.y + h - 1;
        canvas_clear(c, (Rect){r.x, my, r.w, 1}, ROLE_DEFAULT);
        canvas_text(c, r.x, my, r.w, buf, ROLE_DIM, 0);
    }
    if (lr)
        draw_legend(c, (Rect){r.x, r.y + r.h - 1, r.w, 1}, d, st, 0);
}

/* The value axis of the time chart: hi at the top row, lo at the bottom
 * one, the middle when there are 5 rows, labels right-aligned in lw
 * columns and the axis line after them. */
static void draw_value_axis(const Panel *p, Canvas *c, int x, int y, int lw,
                            int ph, const BarStyle *st)
{
    for (int row = 0; row < ph; row++)
        canvas_put(c, x + lw, y + row, c->ascii ? '|' : 0x2502, ROLE_AXIS, 0);
    double at[3] = {st->hi, (st->hi + st->lo) / 2, st->lo};
    int rows[3] = {0, (ph - 1) / 2, ph - 1};
    for (int i = 0; i < 3; i++) {
        if ((i == 1 && ph < 5) || (i == 2 && ph < 2))
            continue;
        char buf[64];
        format_value(at[i], panel_unit(p, 0), -1, buf, sizeof buf);
        canvas_text_right(c, x, y + rows[i], lw, buf, ROLE_AXIS, 0);
        canvas_put(c, x + lw, y + rows[i], c->ascii ? '+' : 0x2524, ROLE_AXIS,
                   0);
    }
}

/* Width the value axis labels take. */
static int value_axis_width(const Panel *p, const BarStyle *st)
{
    char a[64], b[64], m[64];
    format_value(st->hi, panel_unit(p, 0), -1, a, sizeof a);
    format_value(st->lo, panel_unit(p, 0), -1, b, sizeof b);
    format_value((st->hi + st->lo) / 2, panel_unit(p, 0), -1, m, sizeof m);
    int w = canvas_text_width(a), wb = canvas_text_width(b),
        wm = canvas_text_width(m);
    w = wb > w ? wb : w;
    return wm > w ? wm : w;
}

/* Rows the legend of the time chart wants at width w (at most max). */
static int legend_rows(const BarData *d, int w, int max)
{
    int rows = 1, x = 0;
    for (int k = 0; k < d->nseg; k++) {
        int nw = canvas_text_width(d->seg[k]);
        int cap = w / 2 > 12 ? w / 2 : 12;
        int ew = 2 + (nw > cap ? cap : nw);
        if (x > 0 && x + 2 + ew > w) {
            rows++;
            x = 0;
        }
        x += (x > 0 ? 2 : 0) + ew;
    }
    return rows < max ? rows : max;
}

static void bar_draw(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    const char *ori = panel_opt_str(p, "orientation", NULL);
    int horiz = ori ? !strcmp(ori, "horizontal")
                    : panel_opt_num(p, "orientation", 0) == 1;
    BarStyle st = {panel_opt_num(p, "stack", 0) != 0, 0, 0, 1};
    BarData d = {0};
    if (!bar_over_time(p->conf)) {
        if (collect_categories(p, &d) < 0)
            goto out;
        if (d.ncat == 0) {
            panel_draw_nodata(c, r);
            goto out;
        }
        int used = 0; /* queries with a bar somewhere */
        for (int s = 0; s < d.nseg; s++) {
            int any = 0;
            for (int k = 0; k < d.ncat; k++)
                any |= !isnan(d.v[k * d.nseg + s]);
            used += any;
        }
        st.by_seg = used > 1;
        bar_scale(p, &d, 0, &st);
        if (horiz)
            draw_categories_right(p, c, r, &d, &st);
        else
            draw_categories_up(p, c, r, &d, &st);
        goto out;
    }

    /* over time: value axis, bars, time axis, legend; at most a step per
     * column, then as many of the latest as fit beside the value axis */
    int axes = r.h >= 4 && r.w >= 16;
    int lrows = axes && r.h >= 6 ? 1 + (r.h >= 16) : 0;
    if (collect_time(p, ctx, r.w, &d) < 0)
        goto out;
    if (d.ncat == 0) {
        panel_draw_nodata(c, r);
        goto out;
    }
    st.by_seg = 1;
    bar_scale(p, &d, 1, &st);
    int lw = axes ? value_axis_width(p, &st) : 0;
    if (lw > r.w / 3)
        lw = r.w / 3;
    int pw = r.w - (axes ? lw + 1 : 0);
    int minp = st.stack ? 1 : d.nseg + 1; /* columns a step needs */
    int fit = pw / minp;
    if (fit < d.ncat) { /* keep the latest steps that fit */
        double step = (d.t1 - d.t0) / d.ncat;
        BarData all = d;
        memset(&d, 0, sizeof d);
        int keep = fit > 0 ? fit : 1;
        if (data_alloc(&d, keep, all.nseg) < 0) {
            data_free(&all);
            goto out;
        }
        d.ncat = keep;
        d.nseg = all.nseg;
        d.more = all.more;
        d.t1 = all.t1;
        d.t0 = all.t1 - keep * step;
        memcpy(d.v, &all.v[(all.ncat - keep) * all.nseg],
               sizeof *d.v * (size_t)keep * (size_t)all.nseg);
        memcpy(d.seg, all.seg, sizeof *d.seg * (size_t)all.nseg);
        memcpy(d.segq, all.segq, sizeof *d.segq * (size_t)all.nseg);
        data_free(&all);
        bar_scale(p, &d, 1, &st);
    }
    if (lrows)
        lrows = legend_rows(&d, r.w, lrows);
    int ph = r.h - (axes ? 1 : 0) - lrows;
    if (ph < 1 || pw < 1)
        goto out;
    /* step j takes columns [j*pw/n, (j+1)*pw/n): bars of one width with a
     * gap after them, or, when there is no room for gaps, bars filling
     * their columns */
    int p0 = pw / d.ncat;
    int gap = p0 >= 2;
    int px = r.x + (axes ? lw + 1 : 0);
    int base = r.y + ph - 1;
    if (axes)
        draw_value_axis(p, c, r.x, r.y, lw, ph, &st);
    for (int cat = 0; cat < d.ncat; cat++) {
        int x = (int)((long)cat * pw / d.ncat);
        int span = (int)((long)(cat + 1) * pw / d.ncat) - x;
        int gw = gap ? p0 - 1 : span;
        draw_group_up(p, c, &d, &st, cat, px + x, base, ph, gw > 0 ? gw : 1, 0,
                      r.y);
    }
    if (axes)
        panel_time_axis(c, px, r.y + ph, pw, d.t0, d.t1);
    if (lrows)
        draw_legend(c, (Rect){r.x, r.y + r.h - lrows, r.w, lrows}, &d, &st,
                    d.more);
out:
    data_free(&d);
}

/* Over time, a step per three columns of the plot: the step is rounded
 * to a round value, which may give up to twice as many, and a bar and a
 * gap take two. The value axis takes about 8 columns. */
static int bar_points(const Panel *p, int w, int h)
{
    (void)p;
    (void)h;
    int pw = w > 16 ? w - 8 : w;
    return pw / 3 > 1 ? pw / 3 : 1;
}

const PanelClass bar_class = {
    .name = "bar",
    .help = "Bars per series at the current instant, or per step of the time "
            "range; grouped or stacked.",
    .opts = bar_opts,
    .query_mode = QM_INSTANT,
    .query_mode_for = bar_query_mode_for,
    .points = bar_points,
    .draw = bar_draw,
};
