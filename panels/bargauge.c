/* bargauge.c - the "bargauge" panel kind: the current value of every series
 * as a bar over a dim track of the panel's min..max, coloured by
 * thresholds. Horizontal: a row each, name at the left and value at the
 * right. Vertical: a column each, value over it and name under it. Bars
 * may be sorted by value; those that do not fit are counted ("+N"). */
#include "panel.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

#define BG_MAX 512     /* series looked at at most */
#define BG_NAME 64     /* bytes of a name */
#define BG_MAX_WIDTH 8 /* columns of a vertical bar at most */

static const OptSpec bargauge_opts[] = {
    {.name = "orientation",
     .type = OPT_ENUM,
     .def = "horizontal",
     .choices = "horizontal|vertical",
     .help = "A row per bar growing right (horizontal) or a column per bar "
             "growing up (vertical)."},
    {.name = "sort",
     .type = OPT_ENUM,
     .def = "none",
     .choices = "none|asc|desc",
     .help = "Order of the bars: as the answers list them, or by value (NaN "
             "last)."},
    {0},
};

typedef struct {
    int qi;
    int idx;         /* order of arrival, to keep sorting stable */
    const Series *s; /* the series shown */
    double v;
    char name[BG_NAME];
} BgItem;

/* Collects the last value of every series of every query (at most max);
 * returns the count, *total the full count. */
static int bg_items(const Panel *p, BgItem *it, int max, int *total)
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
            it[n].idx = n;
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

/* Orders by value, NaN last, ties in arrival order; dir 1 up, -1 down. */
static int by_value(const BgItem *a, const BgItem *b, int dir)
{
    int na = isnan(a->v), nb = isnan(b->v);
    if (na != nb)
        return na ? 1 : -1;
    if (!na && a->v != b->v)
        return (a->v < b->v ? -1 : 1) * dir;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int by_value_asc(const void *x, const void *y)
{
    return by_value(x, y, 1);
}

static int by_value_desc(const void *x, const void *y)
{
    return by_value(x, y, -1);
}

/* The scale: the panel's min and max, else 0 to 100 for percent, 0 to 1
 * for percentunit, else 0 to the highest value. Always lo < hi. */
static void bg_scale(const Panel *p, const BgItem *it, int n, double *lo,
                     double *hi)
{
    const char *unit = n > 0 ? panel_unit(p, it[0].qi) : p->conf->unit;
    double a = 0, b = 0;
    if (unit && !strcmp(unit, "percent")) {
        b = 100;
    } else if (unit && !strcmp(unit, "percentunit")) {
        b = 1;
    } else {
        for (int i = 0; i < n; i++)
            if (isfinite(it[i].v))
                b = fmax(b, it[i].v);
    }
    if (!isnan(p->conf->min))
        a = p->conf->min;
    if (!isnan(p->conf->max))
        b = p->conf->max;
    if (!isfinite(a))
        a = 0;
    if (!isfinite(b) || !(b > a))
        b = a + 1;
    if (!isfinite(b - a)) /* a and b far apart: the top half */
        a = b / 2;
    *lo = a;
    *hi = b;
}

static double bg_frac(double v, double lo, double hi)
{
    if (isnan(v))
        return 0;
    double f = (v - lo) / (hi - lo);
    return f < 0 ? 0 : f > 1 ? 1 : f;
}

/* Cells a bar of len cells filled to frac touches, as canvas_hbar and
 * canvas_vbar round it. */
static int touched(const Canvas *c, int len, double frac)
{
    if (!(frac > 0))
        return 0;
    return c->ascii ? (int)lround(frac * len)
                    : (int)(lround(frac * len * 8) + 7) / 8;
}

static uint32_t track_glyph(const Canvas *c)
{
    return c->ascii ? '.' : 0x2591; /* ░ */
}

/* One row per bar: name, bar over its track, value; "+N more" in the
 * last row when rows run out. */
static void draw_rows(const Panel *p, Canvas *c, Rect r, const BgItem *it,
                      int n, int total, double lo, double hi)
{
    int shown = total <= r.h ? n : r.h - 1;
    if (shown > n)
        shown = n;
    if (shown < 1)
        shown = 1;
    int more = total > shown && r.h > 1;
    /* a blank row between bars when they all fit so */
    int pitch = shown > 1 && 2 * shown - 1 + more <= r.h ? 2 : 1;
    int used = shown * pitch - (pitch - 1) + more;
    int y = r.y + (r.h > used ? (r.h - used) / 2 : 0);
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
    int room = r.w - vw - 2 - 8; /* names leave the bar 8 columns */
    if (lw > room)
        lw = room > r.w / 3 ? room : r.w / 3;
    int bw = r.w - lw - vw - 2;
    if (bw < 4) { /* no room for names: bar and value */
        lw = 0;
        bw = r.w - vw - 1;
    }
    const char **set =
        panel_name_set(it, sizeof *it, offsetof(BgItem, name), shown);
    for (int i = 0; i < shown; i++, y += pitch) {
        panel_series_format(p, it[i].qi, it[i].s, it[i].v, val, sizeof val);
        Role role =
            panel_series_role(p, it[i].qi, it[i].s, it[i].v, ROLE_SERIES1);
        Role vrole =
            panel_series_role(p, it[i].qi, it[i].s, it[i].v, ROLE_VALUE);
        if (lw > 0)
            canvas_label_among(c, r.x, y, lw, it[i].name, set, set ? shown : 0,
                               ROLE_DEFAULT, 0);
        int bx = r.x + lw + (lw > 0);
        if (bw >= 1) {
            double f = bg_frac(it[i].v, lo, hi);
            for (int k = touched(c, bw, f); k < bw; k++)
                canvas_put(c, bx + k, y, track_glyph(c), ROLE_DIM, 0);
            canvas_hbar(c, bx, y, bw, f, role);
        }
        canvas_text_right(c, r.x + r.w - vw, y, vw, val, vrole, TA_BOLD);
    }
    free(set);
    if (more) {
        char buf[32];
        snprintf(buf, sizeof buf, "+%d more", total - shown);
        canvas_text(c, r.x, y - pitch + 1, r.w, buf, ROLE_DIM, 0);
    }
}

/* One column per bar: value on the top row, bar over its track, name on
 * the bottom row; "+N" at the right of the names when columns run out. */
static void draw_columns(const Panel *p, Canvas *c, Rect r, const BgItem *it,
                         int n, int total, double lo, double hi)
{
    int vals = r.h >= 3, names = r.h >= 2;
    int ph = r.h - vals - names;
    int k = total * 2 <= r.w ? n : r.w / 2;
    char more[24] = "";
    int mw = 0;
    if (k < total) { /* room for "+N" after the last column */
        for (int i = 0; i < 2; i++) {
            snprintf(more, sizeof more, "+%d", total - k);
            mw = (int)strlen(more) + 1;
            k = (r.w - mw) / 2;
        }
        if (k < 1) {
            k = 1;
            mw = 0;
        }
    }
    if (k > n)
        k = n;
    int pw = r.w - mw;
    int pitch = k > 0 ? pw / k : 0;
    if (pitch < 1 || ph < 1)
        return;
    int gap = pitch >= 2, cw = pitch - gap;
    int bw = cw > BG_MAX_WIDTH ? BG_MAX_WIDTH : cw;
    int x0 = r.x + (pw - k * pitch) / 2;
    int base = r.y + vals + ph - 1;
    char val[64];
    const char **set =
        panel_name_set(it, sizeof *it, offsetof(BgItem, name), k);
    for (int i = 0; i < k; i++) {
        int cx = x0 + i * pitch, bx = cx + (cw - bw) / 2;
        double f = bg_frac(it[i].v, lo, hi);
        Role role =
            panel_series_role(p, it[i].qi, it[i].s, it[i].v, ROLE_SERIES1);
        for (int x = bx; x < bx + bw; x++) {
            for (int y = touched(c, ph, f); y < ph; y++)
                canvas_put(c, x, base - y, track_glyph(c), ROLE_DIM, 0);
            canvas_vbar(c, x, base, ph, f, role);
        }
        if (vals) {
            panel_series_format(p, it[i].qi, it[i].s, it[i].v, val, sizeof val);
            int vw = canvas_text_width(val);
            if (vw <= cw)
                canvas_text(c, cx + (cw - vw) / 2, r.y, vw, val,
                            panel_series_role(p, it[i].qi, it[i].s, it[i].v,
                                              ROLE_VALUE),
                            TA_BOLD);
        }
        if (names) {
            int nw = canvas_text_width(it[i].name);
            nw = nw > cw ? cw : nw;
            canvas_label_among(c, cx + (cw - nw) / 2, base + 1, cw, it[i].name,
                               set, set ? k : 0, ROLE_DEFAULT, 0);
        }
    }
    free(set);
    if (mw > 0)
        canvas_text(c, r.x + r.w - mw + 1, names ? base + 1 : base, mw - 1,
                    more, ROLE_DIM, 0);
}

static void bargauge_draw(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx)
{
    (void)ctx;
    if (r.w <= 0 || r.h <= 0)
        return;
    BgItem *it = malloc(sizeof *it * BG_MAX);
    if (!it)
        return;
    int total, n = bg_items(p, it, BG_MAX, &total);
    if (n == 0) {
        panel_draw_novalue(p, c, r);
        free(it);
        return;
    }
    const char *sort = panel_opt_str(p, "sort", "none");
    if (!strcmp(sort, "asc"))
        qsort(it, (size_t)n, sizeof *it, by_value_asc);
    else if (!strcmp(sort, "desc"))
        qsort(it, (size_t)n, sizeof *it, by_value_desc);
    double lo, hi;
    bg_scale(p, it, n, &lo, &hi);
    if (!strcmp(panel_opt_str(p, "orientation", "horizontal"), "vertical"))
        draw_columns(p, c, r, it, n, total, lo, hi);
    else
        draw_rows(p, c, r, it, n, total, lo, hi);
    free(it);
}

const PanelClass bargauge_class = {
    .name = "bargauge",
    .help = "A bar per series over a track of min..max, coloured by "
            "thresholds, optionally sorted.",
    .opts = bargauge_opts,
    .query_mode = QM_INSTANT,
    .draw = bargauge_draw,
};
