/* gauge.c - the "gauge" panel kind: the current value of every series as a
 * horizontal bar against the panel's min..max, coloured by thresholds. One
 * series in a tall rect gets its value in big digits over a wide bar, with
 * the scale's ends and the threshold positions marked under it. */
#include "panel.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "format.h"

#define GAUGE_MAX 256 /* series looked at at most */

static const OptSpec gauge_opts[] = {
    {.name = "show_minmax",
     .type = OPT_BOOL,
     .def = "true",
     .help = "Print the scale's min and max under a single gauge."},
    {0},
};

typedef struct {
    int qi;
    const Series *s; /* the series shown */
    double v;
    char name[64];
} GaugeItem;

/* Collects the last value of every series of every query (at most max);
 * returns the count, *total gets the full count. */
static int gauge_items(const Panel *p, GaugeItem *it, int max, int *total)
{
    int n = 0;
    *total = 0;
    for (int qi = 0; qi < p->conf->nqueries; qi++) {
        const Result *res = panel_result(p, qi);
        for (int i = 0; res && i < res->nseries; i++) {
            (*total)++;
            if (n >= max)
                continue;
            it[n].qi = qi;
            it[n].v = series_last(&res->series[i]);
            it[n].s = &res->series[i];
            panel_series_name(p, qi, &res->series[i], it[n].name,
                              sizeof it[n].name);
            if (!it[n].name[0])
                snprintf(it[n].name, sizeof it[n].name, "-");
            n++;
        }
    }
    return n;
}

/* The scale: the panel's min and max, else 0..100 for percent, 0..1 for
 * percentunit, else from 0 (or the lowest value when negative) to the
 * highest value. Always lo < hi. */
static void gauge_scale(const Panel *p, const GaugeItem *it, int n, double *lo,
                        double *hi)
{
    const char *unit = n > 0 ? panel_unit(p, it[0].qi) : p->conf->unit;
    double a = 0, b = -INFINITY;
    if (unit && !strcmp(unit, "percent")) {
        b = 100;
    } else if (unit && !strcmp(unit, "percentunit")) {
        b = 1;
    } else {
        for (int i = 0; i < n; i++)
            if (isfinite(it[i].v)) {
                a = fmin(a, it[i].v);
                b = fmax(b, it[i].v);
            }
    }
    if (!isnan(p->conf->min))
        a = p->conf->min;
    if (!isnan(p->conf->max))
        b = p->conf->max;
    if (!isfinite(a))
        a = 0;
    if (!isfinite(b) || b <= a)
        b = a + 1;
    *lo = a;
    *hi = b;
}

static double gauge_frac(double v, double lo, double hi)
{
    if (isnan(v))
        return 0;
    double f = (v - lo) / (hi - lo);
    return f < 0 ? 0 : f > 1 ? 1 : f;
}

/* A bar of w columns: the filled part (as canvas_hbar rounds it) over a
 * dim track. */
static void draw_bar(Canvas *c, int x, int y, int w, double frac, Role role)
{
    if (w <= 0)
        return;
    int touched =
        c->ascii ? (int)lround(frac * w) : (int)(lround(frac * w * 8) + 7) / 8;
    for (int i = touched; i < w; i++)
        canvas_put(c, x + i, y, c->ascii ? '.' : 0x2591, ROLE_DIM, 0);
    canvas_hbar(c, x, y, w, frac, role);
}

/* One series, big: name (when named), value, bar, threshold ticks, and
 * the scale's ends. */
static void draw_single(const Panel *p, Canvas *c, Rect r, const GaugeItem *it,
                        double lo, double hi)
{
    char val[64];
    panel_series_format(p, it->qi, it->s, it->v, val, sizeof val);
    Role role = panel_series_role(p, it->qi, it->s, it->v, ROLE_SERIES1);
    Role vrole = panel_series_role(p, it->qi, it->s, it->v, ROLE_VALUE);
    const Thresholds *th = panel_thresholds(p, it->qi);
    const QueryConf *q = &p->conf->queries[it->qi];
    int mm = panel_opt_num(p, "show_minmax", 1) != 0 && r.h >= 3;
    int tk = th->set && th->n > 0 && r.h >= 3 + mm;
    int rows = 2 + mm + tk;
    int named = (q->legend || q->name) && r.h >= rows + 1;
    rows += named;
    int vw = canvas_text_width(val);
    /* big digits in the rows the rest leaves, as large as fit, and a blank
     * row between them and the bar when one is left (block digits on the
     * bar read as one shape) */
    int big = panel_bigtext_scale(r.w - canvas_bigtext_tag_width(c, vrole),
                                  r.h - rows + 1, val);
    int gap = big && canvas_bigtext_height(big) <= r.h - rows;
    int vrows = big ? canvas_bigtext_height(big) + gap : 1;
    int y = r.y + (r.h - rows - vrows + 1) / 2;
    int bx = r.x, bw = r.w;
    if (bw >= 12) { /* a margin each side */
        bx++;
        bw -= 2;
    }
    if (named) {
        int nw = canvas_text_width(it->name);
        nw = nw > r.w ? r.w : nw;
        canvas_label(c, r.x + (r.w - nw) / 2, y++, r.w, it->name, ROLE_DEFAULT,
                     0);
    }
    if (big)
        canvas_bigtext_scaled(c, (Rect){r.x, y, r.w, vrows - gap}, val, vrole,
                              big);
    else
        canvas_text(c, r.x + (vw < r.w ? (r.w - vw) / 2 : 0), y, r.w, val,
                    vrole, TA_BOLD);
    y += vrows;
    draw_bar(c, bx, y++, bw, gauge_frac(it->v, lo, hi), role);
    if (tk) {
        for (int i = 0; i < th->n; i++) {
            double s = th->steps[i];
            if (!(s >= lo && s <= hi))
                continue;
            int col = bx + (int)lround((s - lo) / (hi - lo) * (bw - 1));
            Role tr = format_threshold_role(s, th->steps, th->n, th->good_high);
            canvas_put(c, col, y, c->ascii ? '^' : 0x25b2, tr, 0);
        }
        y++;
    }
    if (mm) {
        char a[32], b[32];
        format_value(lo, panel_unit(p, it->qi), -1, a, sizeof a);
        format_value(hi, panel_unit(p, it->qi), -1, b, sizeof b);
        int aw = canvas_text(c, bx, y, bw, a, ROLE_DIM, 0);
        int room = bw - aw - 1;
        if (room >= canvas_text_width(b))
            canvas_text_right(c, bx + aw + 1, y, room, b, ROLE_DIM, 0);
    }
}

/* One row per series: name, bar, value; "+N more" when rows run out. When
 * the names leave the bars no room beside them, each name goes on the row
 * above its bar if the rows allow, so that the bars are still told apart. */
static void draw_rows(const Panel *p, Canvas *c, Rect r, const GaugeItem *it,
                      int n, int total, double lo, double hi)
{
    int shown = total <= r.h ? n : r.h - 1;
    if (shown > n)
        shown = n;
    if (shown < 1)
        shown = 1; /* one row: the first, without the count */
    int more = total > shown && r.h > 1; /* a row for "+N more" */
    int lw = 0, vw = 0;
    char val[64];
    for (int i = 0; i < shown; i++) {
        int w = canvas_text_width(it[i].name);
        lw = w > lw ? w : lw;
        w = canvas_text_width(panel_series_format(p, it[i].qi, it[i].s, it[i].v,
                                                  val, sizeof val));
        vw = w > vw ? w : vw;
    }
    if (vw > r.w)
        vw = r.w;
    /* names as long as the bar keeps 8 columns, and a third at least */
    int room = r.w - vw - 2 - 8;
    if (lw > room)
        lw = room > r.w / 3 ? room : r.w / 3;
    int bw = r.w - lw - vw - 2;
    int stacked = 0; /* the name on its own row above the bar */
    if (bw < 4) {    /* no room for the names beside: bar and value */
        lw = 0;
        bw = r.w - vw - 1;
        stacked = 2 * shown + more <= r.h;
    }
    int rows = 1 + stacked; /* of one gauge */
    /* a blank row between gauges when they all fit so */
    int pitch =
        shown > 1 && (rows + 1) * shown - 1 + more <= r.h ? rows + 1 : rows;
    int used = shown * pitch - (pitch - rows) + more;
    int y = r.y + (r.h > used ? (r.h - used) / 2 : 0);
    const char **set =
        panel_name_set(it, sizeof *it, offsetof(GaugeItem, name), shown);
    for (int i = 0; i < shown; i++, y += pitch) {
        panel_series_format(p, it[i].qi, it[i].s, it[i].v, val, sizeof val);
        Role role =
            panel_series_role(p, it[i].qi, it[i].s, it[i].v, ROLE_SERIES1);
        Role vrole =
            panel_series_role(p, it[i].qi, it[i].s, it[i].v, ROLE_VALUE);
        if (lw > 0 || stacked)
            canvas_label_among(c, r.x, y, stacked ? r.w : lw, it[i].name, set,
                               set ? shown : 0, ROLE_DEFAULT, 0);
        int by = y + stacked;
        if (bw >= 2)
            draw_bar(c, r.x + lw + (lw > 0), by, bw,
                     gauge_frac(it[i].v, lo, hi), role);
        canvas_text_right(c, r.x + r.w - vw, by, vw, val, vrole, TA_BOLD);
    }
    free(set);
    if (more) {
        char buf[32];
        snprintf(buf, sizeof buf, "+%d more", total - shown);
        canvas_text(c, r.x, y - pitch + rows, r.w, buf, ROLE_DIM, 0);
    }
}

static void gauge_draw(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx)
{
    (void)ctx;
    if (r.w <= 0 || r.h <= 0)
        return;
    GaugeItem it[GAUGE_MAX];
    int total, n = gauge_items(p, it, GAUGE_MAX, &total);
    if (n == 0) {
        panel_draw_novalue(p, c, r);
        return;
    }
    double lo, hi;
    gauge_scale(p, it, n, &lo, &hi);
    if (n == 1 && r.h >= 2)
        draw_single(p, c, r, &it[0], lo, hi);
    else
        draw_rows(p, c, r, it, n, total, lo, hi);
}

const PanelClass gauge_class = {
    .name = "gauge",
    .help = "A bar per series against min..max, coloured by thresholds.",
    .opts = gauge_opts,
    .query_mode = QM_INSTANT,
    .draw = gauge_draw,
};
