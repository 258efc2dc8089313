/* timeseries.c - the "timeseries" panel kind: a braille line chart of every
 * series of every query over the dashboard's time range, with a y-axis in
 * the panel's unit, HH:MM time labels, dashed threshold lines and a legend
 * of names and last values. Points are placed by their timestamps, so a
 * missing stretch of data shows as a gap. */
#include "panel.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "format.h"

#define TS_MAX_LINES 64   /* series drawn at most */
#define TS_LEGEND_NAME 24 /* columns of a name in a bottom legend, at most */

static const OptSpec ts_opts[] = {
    {.name = "legend",
     .type = OPT_ENUM,
     .def = "bottom",
     .choices = "bottom|right|none",
     .help = "Where the legend goes (the other side is used when there is no "
             "room)."},
    {.name = "zero",
     .type = OPT_BOOL,
     .def = "true",
     .help = "Start the y-axis at zero when every value is positive."},
    {.name = "threshold_line",
     .type = OPT_BOOL,
     .def = "true",
     .help = "Stretch the y range to show every threshold line (lines inside "
             "it are always drawn)."},
    {.name = "stack",
     .type = OPT_BOOL,
     .def = "false",
     .help = "Stack the series on each other."},
    {.name = "stack_percent",
     .type = OPT_BOOL,
     .def = "false",
     .help = "Stack the series as shares of their sum at each time "
             "(0-100%)."},
    {.name = "style",
     .type = OPT_ENUM,
     .def = "lines",
     .choices = "lines|bars|points",
     .help = "How each sample is drawn: joined by lines, as a bar from zero "
             "(or from the series stacked under it), or as a lone point."},
    {0},
};

typedef struct {
    int qi;
    const Series *s;
    double step; /* the query's step, for the gap rule */
    Role role;
    int neg;      /* drawn below the axis (an override's `negative`) */
    int nolegend; /* left out of the legend */
    int nostack;  /* at its own value, outside the stack */
    int right;    /* on the right-hand axis's scale */
} TsLine;

/* The chart's scales: time across, values up. */
typedef struct {
    double t0, t1; /* time window */
    double lo, hi; /* value range */
    int dw, dh;    /* dots across and down */
    int sy;        /* dots per cell row */
} TsScale;

/* Collects the series to draw (at most max); *total gets the full count. */
static int ts_lines(const Panel *p, TsLine *ln, int max, int *total)
{
    int n = 0;
    *total = 0;
    for (int qi = 0; qi < p->conf->nqueries; qi++) {
        const Result *res = panel_result(p, qi);
        if (res)
            *total += res->dropped; /* not kept: counted, never drawn */
        for (int i = 0; res && i < res->nseries; i++) {
            SeriesOverride o;
            const SeriesOverride *ov =
                panel_series_override(p, qi, &res->series[i], &o);
            if (ov && ov->hide)
                continue;
            int k = (*total)++;
            if (n >= max)
                continue;
            ln[n].qi = qi;
            ln[n].s = &res->series[i];
            ln[n].step = panel_series_step(p, qi, &res->series[i]);
            ln[n].role =
                ov && ov->role >= 0 ? (Role)ov->role : theme_series_role(k);
            ln[n].neg = ov && ov->negative;
            ln[n].nolegend = ov && ov->nolegend;
            ln[n].nostack = ov && ov->nostack;
            ln[n].right = ov && ov->right;
            n++;
        }
    }
    return n;
}

/* How lines are stacked. */
enum { STACK_NONE, STACK_VALUES, STACK_PERCENT };

/* Whether lines j and k stack together: both in the stack, on one side of
 * the axis, on one axis. */
static int same_stack(const TsLine *ln, int j, int k)
{
    return !ln[j].nostack && !ln[k].nostack && ln[j].neg == ln[k].neg &&
           ln[j].right == ln[k].right;
}

/* Point i of line k as drawn: its value (negated for a line drawn below
 * the axis; left out when !own), plus the lines under it at the same time
 * when stacking (lines stack with those on their own side of the axis; a
 * line an override keeps out of the stack is drawn at its own value); as a
 * percentage of their sum at that time when stacking percentages. */
static double line_at(const TsLine *ln, int n, int k, int i, int stack, int own)
{
    double v = ln[k].s->points[i].v;
    if (!isfinite(v))
        return v;
    v = !own ? 0 : ln[k].neg ? -v : v;
    if (stack == STACK_NONE || ln[k].nostack)
        return v;
    double t = ln[k].s->points[i].t, sum = 0;
    for (int j = 0; j < k; j++)
        if (same_stack(ln, j, k)) {
            double u = series_value_at(ln[j].s, t);
            if (isfinite(u))
                v += ln[j].neg ? -u : u;
        }
    if (stack != STACK_PERCENT)
        return v;
    for (int j = 0; j < n; j++)
        if (same_stack(ln, j, k)) {
            double u = series_value_at(ln[j].s, t);
            if (isfinite(u))
                sum += fabs(u);
        }
    return sum > 0 ? v / sum : 0;
}

static double line_value(const TsLine *ln, int n, int k, int i, int stack)
{
    return line_at(ln, n, k, i, stack, 1);
}

/* Where the bar of point i of line k starts: zero, or when stacking the
 * top of the lines under it. */
static double line_base(const TsLine *ln, int n, int k, int i, int stack)
{
    double b = line_at(ln, n, k, i, stack, 0);
    return isfinite(b) ? b : 0;
}

static const char *axis_unit(const Panel *p, const TsLine *ln, int n,
                             int right);

/* The value range of the lines on one axis (right: the right-hand one):
 * min/max from the panel (left), else the data's (from zero when `zero`
 * and all values are on one side), stretched over thresholds (left) when
 * `threshold_line`, rounded out to the tick step. */
static void ts_range(const Panel *p, const TsLine *ln, int n, int stack,
                     int right, int ph, double t0, double t1, double *lo,
                     double *hi, FormatTicks *ticks)
{
    double a = INFINITY, b = -INFINITY;
    for (int k = 0; k < n; k++)
        for (int i = 0; ln[k].right == right && i < ln[k].s->npoints; i++) {
            double t = ln[k].s->points[i].t;
            if (t < t0 - ln[k].step || t > t1 + ln[k].step)
                continue;
            double v = line_value(ln, n, k, i, stack);
            if (isfinite(v)) {
                a = fmin(a, v);
                b = fmax(b, v);
            }
        }
    int auto_lo = right || !isfinite(p->conf->min),
        auto_hi = right || !isfinite(p->conf->max);
    const Thresholds *th = &p->conf->thresholds;
    if (!right && panel_opt_num(p, "threshold_line", 1) != 0 && th->set)
        for (int i = 0; i < th->n; i++)
            if (isfinite(th->steps[i])) {
                a = fmin(a, th->steps[i]);
                b = fmax(b, th->steps[i]);
            }
    if (!(a <= b)) {
        a = 0;
        b = 1;
    }
    if (panel_opt_num(p, "zero", 1) != 0) {
        if (a > 0)
            a = 0;
        if (b < 0)
            b = 0;
    }
    if (!auto_lo)
        a = p->conf->min;
    if (!auto_hi)
        b = p->conf->max;
    a = fmax(a, -1e300); /* keep b - a finite */
    b = fmin(b, 1e300);
    if (a == b) { /* a flat line: give it room */
        double d = a == 0 ? 1 : fabs(a) * 0.1;
        if (auto_lo)
            a -= auto_hi ? d : 2 * d;
        if (auto_hi)
            b += auto_lo ? d : 2 * d;
        if (a >= b)
            b = a + 1;
    }
    if (a > b) {
        double t = a;
        a = b;
        b = t;
    }
    /* ticks on 1-2-5 values in one unit, two rows apart at least, the
     * range rounded out to them */
    int nt = (ph - 1) / 2 < 4 ? (ph - 1) / 2 : 4;
    format_ticks(a, b, nt > 0 ? nt : 1, axis_unit(p, ln, n, right), auto_lo,
                 auto_hi, ticks);
    *lo = ticks->lo;
    *hi = ticks->hi > ticks->lo ? ticks->hi : ticks->lo + 1;
    int k = ticks->n - 1; /* intervals */
    if (auto_hi && k >= 1 && ph > k) {
        /* evenly spaced: r rows an interval from the bottom row up; the
         * rows above the top tick hold what lies beyond it */
        int r = (ph - 1) / k;
        *hi = ticks->lo + ticks->step * (ph - 1) / r;
    }
}

static int dot_x(const TsScale *sc, double t)
{
    double f = (t - sc->t0) / (sc->t1 - sc->t0);
    f = f < -1 ? -1 : f > 2 ? 2 : f;
    int x = (int)lround(f * (sc->dw - 1));
    return x < 0 ? 0 : x >= sc->dw ? sc->dw - 1 : x;
}

static int dot_y(const TsScale *sc, double v)
{
    double f = (sc->hi - v) / (sc->hi - sc->lo);
    f = f < -1 ? -1 : f > 2 ? 2 : f;
    int y = (int)lround(f * (sc->dh - 1));
    return y < 0 ? 0 : y >= sc->dh ? sc->dh - 1 : y;
}

/* The unit of a y axis: the left one's is the first query's, else the
 * panel's; the right-hand one's that of its first line. */
static const char *axis_unit(const Panel *p, const TsLine *ln, int n, int right)
{
    for (int k = 0; right && k < n; k++)
        if (ln[k].right)
            return panel_series_unit(p, ln[k].qi, ln[k].s);
    if (panel_opt_num(p, "stack_percent", 0) != 0)
        return "percentunit";
    return panel_unit(p, 0);
}

/* The label of tick k: the number and its unit when the unit is short
 * ("1.5 GiB", "20%", "500ms"), else the number alone, the unit then named
 * once beside the axis ("cores", "k req/s"). */
static const char *tick_text(const FormatTicks *t, int k)
{
    return canvas_text_width(t->unit) <= 3 ? t->text[k] : t->bare[k];
}

/* Width the y-axis labels need (and the unit named once, when it is). */
static int axis_width(const FormatTicks *t)
{
    int w = 0;
    for (int k = 0; k < t->n; k++) {
        int bw = canvas_text_width(tick_text(t, k));
        w = bw > w ? bw : w;
    }
    int uw = canvas_text_width(t->unit);
    if (uw > 3 && uw > w)
        w = uw < 8 ? uw : w; /* a long unit is cut to the labels' width */
    return w;
}

/* A y-axis over the plot rows from y: on the left, labels right-aligned in
 * lw columns from x and the axis line in the column after them; on the
 * right, the axis line at x and the labels in the lw columns after it. A
 * long unit goes on the first free row under the top label. */
static void draw_yaxis(Canvas *c, int x, int y, int lw, const TsScale *sc,
                       const FormatTicks *t, int right)
{
    int ph = sc->dh / sc->sy, last = -1, ax = right ? x : x + lw;
    int lx = right ? x + 1 : x; /* the labels' column */
    char used[512] = {0};
    for (int row = 0; row < ph; row++)
        canvas_put(c, ax, y + row, c->ascii ? '|' : 0x2502, ROLE_AXIS, 0);
    for (int k = 0; k < t->n; k++) {
        double v = t->v[k];
        if (v < sc->lo - t->step * 1e-6 || v > sc->hi + t->step * 1e-6)
            continue;
        int row = dot_y(sc, v) / sc->sy;
        if (row == last)
            continue;
        if (right)
            canvas_text(c, lx, y + row, lw, tick_text(t, k), ROLE_AXIS, 0);
        else
            canvas_text_right(c, lx, y + row, lw, tick_text(t, k), ROLE_AXIS,
                              0);
        canvas_put(c, ax, y + row,
                   c->ascii ? '+'
                   : right  ? 0x251c
                            : 0x2524,
                   ROLE_AXIS, 0);
        if (row >= 0 && row < (int)sizeof used)
            used[row] = 1;
        last = row;
    }
    if (canvas_text_width(t->unit) <= 3)
        return;
    for (int row = 1; row < ph && row < (int)sizeof used; row++)
        if (!used[row]) {
            if (right)
                canvas_text(c, lx, y + row, lw, t->unit, ROLE_AXIS, 0);
            else
                canvas_text_right(c, lx, y + row, lw, t->unit, ROLE_AXIS, 0);
            return;
        }
}

/* A legend entry: marker, name, last value. */
static void legend_entry(const Panel *p, const TsLine *l, char *name, int nn,
                         char *val, int nv)
{
    panel_series_name(p, l->qi, l->s, name, nn);
    if (!name[0])
        snprintf(name, (size_t)nn, "-");
    panel_series_format(p, l->qi, l->s, series_last(l->s), val, nv);
}

/* Width of the entry when its name is cut to maxname columns. */
static int entry_width(const char *name, const char *val, int maxname)
{
    int nw = canvas_text_width(name);
    return 2 + (nw < maxname ? nw : maxname) + 1 + canvas_text_width(val);
}

/* Rows a bottom legend of n entries needs at width w, names cut to
 * maxname columns. */
static int legend_rows_at(const Panel *p, const TsLine *ln, int n, int w,
                          int maxname)
{
    int rows = 1, x = 0;
    for (int k = 0; k < n; k++) {
        char name[96], val[64];
        legend_entry(p, &ln[k], name, sizeof name, val, sizeof val);
        int ew = entry_width(name, val, maxname);
        if (x > 0 && x + 2 + ew > w) {
            rows++;
            x = 0;
        }
        x += (x > 0 ? 2 : 0) + ew;
    }
    return rows;
}

static int legend_rows(const Panel *p, const TsLine *ln, int n, int w)
{
    return legend_rows_at(p, ln, n, w, TS_LEGEND_NAME);
}

/* The longest name cut with which all n entries fit in `rows` rows of w
 * columns, so that every series keeps its mark in the legend (in ASCII the
 * mark is the only way to tell lines apart); when even the shortest does
 * not make them all fit, names stay whole and "+N" counts the rest. */
static int legend_fit_name(const Panel *p, const TsLine *ln, int n, int w,
                           int rows)
{
    static const int cuts[] = {TS_LEGEND_NAME, 16, 12, 9};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++)
        if (legend_rows_at(p, ln, n, w, cuts[i]) <= rows)
            return cuts[i];
    return TS_LEGEND_NAME;
}

/* Draws one entry at (x, y) in at most w columns; returns columns used. */
static int draw_entry(const Panel *p, Canvas *c, int x, int y, int w,
                      const TsLine *l, int maxname, int right_align,
                      const char *const *set, int nset)
{
    char name[96], val[64];
    legend_entry(p, l, name, sizeof name, val, sizeof val);
    if (w < 3)
        return 0;
    canvas_put(c, x, y, canvas_legend_mark(c, l->role), l->role, 0);
    int vw = canvas_text_width(val);
    int nw = canvas_text_width(name);
    if (nw > maxname)
        nw = maxname;
    if (nw > w - 3 - vw)
        nw = w - 3 - vw;
    if (nw < 1) { /* the name alone */
        return 2 + canvas_label_among(c, x + 2, y, w - 2, name, set, nset,
                                      ROLE_DEFAULT, 0);
    }
    canvas_label_among(c, x + 2, y, nw, name, set, nset, ROLE_DEFAULT, 0);
    Role vr = panel_series_role(p, l->qi, l->s, series_last(l->s), ROLE_VALUE);
    if (right_align) {
        canvas_text_right(c, x + 3 + nw, y, w - 3 - nw, val, vr, 0);
        return w;
    }
    canvas_text(c, x + 3 + nw, y, vw, val, vr, 0);
    return 3 + nw + vw;
}

/* The names of the n legend entries, for cutting them apart. */
typedef struct {
    char name[TS_MAX_LINES][96];
    const char *set[TS_MAX_LINES];
} TsNames;

static void legend_names(const Panel *p, const TsLine *ln, int n, TsNames *t)
{
    char val[64];
    for (int k = 0; k < n && k < TS_MAX_LINES; k++) {
        legend_entry(p, &ln[k], t->name[k], sizeof t->name[k], val, sizeof val);
        t->set[k] = t->name[k];
    }
}

/* The legend under the plot: entries packed in rows; "+N" at the end of
 * the last row counts those left out (in place of the last entry when
 * there is no room after it). */
static void draw_legend_bottom(const Panel *p, Canvas *c, Rect r,
                               const TsLine *ln, int n, int total)
{
    int row = 0, x = 0, last = 0, k;
    int maxname = legend_fit_name(p, ln, n, r.w, r.h);
    TsNames names;
    legend_names(p, ln, n, &names);
    for (k = 0; k < n; k++) {
        char name[96], val[64];
        legend_entry(p, &ln[k], name, sizeof name, val, sizeof val);
        int ew = entry_width(name, val, maxname);
        int gap = x > 0 ? 2 : 0;
        if (x > 0 && x + gap + ew > r.w) {
            if (row + 1 >= r.h)
                break;
            row++;
            x = gap = 0;
        }
        last = x + gap;
        x = last + draw_entry(p, c, r.x + last, r.y + row, r.w - last, &ln[k],
                              maxname, 0, names.set, n);
    }
    if (k < total && k > 0) {
        char more[16];
        snprintf(more, sizeof more, "+%d", total - k);
        int mw = (int)strlen(more);
        if (x + 2 + mw > r.w) { /* the last entry gives way */
            canvas_clear(c, (Rect){r.x + last, r.y + row, r.w - last, 1},
                         ROLE_DEFAULT);
            snprintf(more, sizeof more, "+%d", total - k + 1);
            x = last - 2;
        }
        canvas_text(c, r.x + x + 2, r.y + row, r.w - x - 2, more, ROLE_DIM, 0);
    }
}

/* The legend beside the plot: one entry a row, values right-aligned. */
static void draw_legend_right(const Panel *p, Canvas *c, Rect r,
                              const TsLine *ln, int n, int total)
{
    int shown = total <= r.h ? n : r.h - 1;
    TsNames names;
    legend_names(p, ln, n, &names);
    for (int k = 0; k < shown && k < n; k++)
        draw_entry(p, c, r.x, r.y + k, r.w, &ln[k], r.w, 1, names.set, n);
    if (shown < total && r.h > 0) {
        char more[24];
        snprintf(more, sizeof more, "+%d more",
                 total - (shown > 0 ? shown : 0));
        canvas_text(c, r.x, r.y + (shown > 0 ? shown : 0), r.w, more, ROLE_DIM,
                    0);
    }
}

/* Width a right legend wants: its widest entry, within w/3. */
static int legend_width(const Panel *p, const TsLine *ln, int n, int w)
{
    int lw = 0;
    for (int k = 0; k < n; k++) {
        char name[96], val[64];
        legend_entry(p, &ln[k], name, sizeof name, val, sizeof val);
        int ew = entry_width(name, val, 1000);
        lw = ew > lw ? ew : lw;
    }
    return lw < w / 3 ? lw : w / 3;
}

/* Plots every line into the dot grid over `plot` (on the scale of its
 * axis: sc, or sc2 for the right-hand one), with the threshold lines under
 * them. */
static void draw_plot(const Panel *p, Canvas *c, Rect plot, const TsLine *ln,
                      int n, const TsScale *sc, const TsScale *sc2, int stack)
{
    const Thresholds *th = &p->conf->thresholds;
    for (int i = 0; th->set && i < th->n; i++) {
        double v = th->steps[i];
        if (!(v >= sc->lo && v <= sc->hi))
            continue;
        int row = plot.y + dot_y(sc, v) / sc->sy;
        for (int x = 0; x < plot.w; x++)
            if (!c->ascii)
                canvas_put(c, plot.x + x, row, 0x2504, ROLE_THRESHOLD, 0);
            else if (x % 2 == 0)
                canvas_put(c, plot.x + x, row, '-', ROLE_THRESHOLD, 0);
    }
    DotGrid g;
    if (dotgrid_init(&g, c, plot) < 0)
        return;
    const char *style = panel_opt_str(p, "style", "lines");
    int bars = !strcmp(style, "bars"), points = !strcmp(style, "points");
    /* the first series last, so that it wins shared cells */
    for (int k = n - 1; k >= 0; k--) {
        const Series *s = ln[k].s;
        const TsScale *ls = ln[k].right ? sc2 : sc;
        double step = ln[k].step, tprev = 0;
        int have = 0, px = 0, py = 0;
        for (int i = 0; i < s->npoints; i++) {
            double t = s->points[i].t;
            double v = line_value(ln, n, k, i, stack);
            if (!isfinite(v) || t < ls->t0 - step || t > ls->t1 + step) {
                have = 0;
                continue;
            }
            int x = dot_x(ls, t), y = dot_y(ls, v);
            if (bars) {
                double b = line_base(ln, n, k, i, stack);
                b = b < ls->lo ? ls->lo : b > ls->hi ? ls->hi : b;
                dotgrid_line(&g, x, dot_y(ls, b), x, y, ln[k].role);
            } else if (!points && have && t - tprev <= 2 * step * 1.0001)
                dotgrid_line(&g, px, py, x, y, ln[k].role);
            else
                dotgrid_set(&g, x, y, ln[k].role);
            have = 1;
            tprev = t;
            px = x;
            py = y;
        }
    }
    dotgrid_flush(&g);
    if (!c->mono || c->ascii)
        return;
    /* without colour the braille lines look alike: each ends in its
     * legend's shape (the first series last, so it stays on top) */
    for (int k = n - 1; k >= 0; k--) {
        const Series *s = ln[k].s;
        const TsScale *ls = ln[k].right ? sc2 : sc;
        for (int i = s->npoints - 1; i >= 0; i--) {
            double t = s->points[i].t, v = line_value(ln, n, k, i, stack);
            if (!isfinite(v) || t < ls->t0 || t > ls->t1)
                continue;
            int x = dot_x(ls, t) * plot.w / (ls->dw > 0 ? ls->dw : 1);
            canvas_put(c, plot.x + x, plot.y + dot_y(ls, v) / ls->sy,
                       canvas_legend_mark(c, ln[k].role), ln[k].role, 0);
            break;
        }
    }
}

/* The time window: the dashboard's range ending now, else the data's. */
static int ts_window(const TsLine *ln, int n, const DrawCtx *ctx, double *t0,
                     double *t1)
{
    if (ctx->range > 0) {
        *t0 = ctx->now - ctx->range;
        *t1 = ctx->now;
        return 1;
    }
    *t0 = INFINITY;
    *t1 = -INFINITY;
    for (int k = 0; k < n; k++)
        if (ln[k].s->npoints > 0) {
            *t0 = fmin(*t0, ln[k].s->points[0].t);
            *t1 = fmax(*t1, ln[k].s->points[ln[k].s->npoints - 1].t);
        }
    if (*t0 == *t1) {
        *t0 -= 1;
        *t1 += 1;
    }
    return *t1 > *t0;
}

static void ts_draw(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    TsLine ln[TS_MAX_LINES];
    int total, n = ts_lines(p, ln, TS_MAX_LINES, &total);
    if (n == 0) {
        panel_draw_novalue(p, c, r);
        return;
    }
    TsScale sc = {0};
    if (!ts_window(ln, n, ctx, &sc.t0, &sc.t1)) {
        panel_draw_novalue(p, c, r);
        return;
    }
    int stack = panel_opt_num(p, "stack_percent", 0) != 0 ? STACK_PERCENT
                : panel_opt_num(p, "stack", 0) != 0       ? STACK_VALUES
                                                          : STACK_NONE;
    /* a right-hand axis when some lines, not all, are on it */
    int nright = 0;
    for (int k = 0; k < n; k++)
        nright += ln[k].right;
    for (int k = 0; nright == n && k < n; k++)
        ln[k].right = 0;
    if (nright == n)
        nright = 0;
    /* the legend leaves out the lines an override keeps from it */
    TsLine lg[TS_MAX_LINES];
    int nlg = 0, lgtotal = total;
    for (int k = 0; k < n; k++)
        if (!ln[k].nolegend)
            lg[nlg++] = ln[k];
        else
            lgtotal--;
    int axes = r.h >= 3 && r.w >= 12;
    const char *pos = panel_opt_str(p, "legend", "bottom");
    int want_bottom = !strcmp(pos, "bottom"),
        want_right = !strcmp(pos, "right");
    /* legend placement: the preferred side, else the other, else none */
    int lrows = 0, lwidth = 0;
    if ((want_bottom || want_right) && axes && !ctx->compact) {
        int need = legend_rows(p, lg, nlg, r.w);
        int room = r.h - 1 - 3; /* keep 3 plot rows and the time labels */
        int cap = r.h / 4 > 1 ? r.h / 4 : 1;
        int bottom = room >= 1 ? (need < cap ? need : cap) : 0;
        if (bottom > room)
            bottom = room;
        int rw = legend_width(p, lg, nlg, r.w);
        int right = rw >= 8 && r.w - rw - 1 >= 20 ? rw : 0;
        if (want_bottom && bottom > 0)
            lrows = bottom;
        else if (right > 0)
            lwidth = right;
        else if (bottom > 0)
            lrows = bottom;
    }
    Rect area = {r.x, r.y, r.w - (lwidth ? lwidth + 1 : 0), r.h - lrows};
    int ph = area.h - (axes ? 1 : 0);
    if (ph < 1)
        return;
    FormatTicks ticks, ticks2;
    TsScale sc2 = sc;
    ts_range(p, ln, n, stack, 0, ph, sc.t0, sc.t1, &sc.lo, &sc.hi, &ticks);
    if (nright)
        ts_range(p, ln, n, stack, 1, ph, sc.t0, sc.t1, &sc2.lo, &sc2.hi,
                 &ticks2);
    int lw = axes ? axis_width(&ticks) : 0;
    if (axes && lw > area.w / 3)
        lw = area.w / 3;
    int rw = axes && nright ? axis_width(&ticks2) : 0;
    if (rw > area.w / 4)
        rw = area.w / 4;
    Rect plot = {area.x + (axes ? lw + 1 : 0), area.y,
                 area.w - (axes ? lw + 1 : 0) - (rw ? rw + 1 : 0), ph};
    if (plot.w < 1)
        return;
    sc.sy = sc2.sy = c->ascii ? 1 : 4;
    sc.dw = sc2.dw = plot.w * (c->ascii ? 1 : 2);
    sc.dh = sc2.dh = plot.h * sc.sy;
    if (axes) {
        draw_yaxis(c, area.x, area.y, lw, &sc, &ticks, 0);
        if (rw)
            draw_yaxis(c, plot.x + plot.w, area.y, rw, &sc2, &ticks2, 1);
        panel_time_axis(c, plot.x, plot.y + plot.h, plot.w, sc.t0, sc.t1);
    }
    draw_plot(p, c, plot, ln, n, &sc, &sc2, stack);
    if (nlg == 0)
        return;
    if (lrows)
        draw_legend_bottom(p, c, (Rect){r.x, r.y + r.h - lrows, r.w, lrows}, lg,
                           nlg, lgtotal);
    else if (lwidth)
        draw_legend_right(p, c, (Rect){r.x + r.w - lwidth, r.y, lwidth, r.h},
                          lg, nlg, lgtotal);
}

/* Two points per cell of the plot (braille has two dot columns); the y
 * labels take about 8 columns. */
static int ts_points(const Panel *p, int w, int h)
{
    (void)p;
    (void)h;
    int pw = w > 16 ? w - 8 : w;
    return pw > 0 ? 2 * pw : 2;
}

const PanelClass timeseries_class = {
    .name = "timeseries",
    .help = "A line chart of every series over the time range, with axes, "
            "legend and threshold lines.",
    .opts = ts_opts,
    .query_mode = QM_RANGE,
    .points = ts_points,
    .draw = ts_draw,
};
