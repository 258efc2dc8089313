/* treemap.c - the "treemap" panel kind: the current positive value of every
 * series of every query as a rectangle whose area is its share of the sum,
 * laid out by the squarified algorithm of Bruls, Huizing and van Wijk
 * (largest first, rows along the shorter side, a row grows while its worst
 * aspect ratio improves). Terminal cells are about twice as tall as wide,
 * so the layout runs on a rect of w x 2h square units. Each rectangle is
 * filled with a shade in a series colour and labelled with its name and
 * value where they fit; beyond `limit` rectangles the smallest series are
 * merged into one "other". */
#include "panel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

#define TM_MAX_LIMIT 200 /* rectangles at most, whatever `limit` says */
#define TM_NAME 96

static const OptSpec treemap_opts[] = {
    {.name = "limit",
     .type = OPT_INT,
     .def = "20",
     .flags = OPT_MIN | OPT_MAX,
     .min = 1,
     .max = TM_MAX_LIMIT,
     .help = "Rectangles for the largest series at most; the smaller rest is "
             "merged into one \"other\"."},
    {0},
};

/* One series to show, or "other" (s NULL) holding the smaller rest. */
typedef struct {
    int qi;
    const Series *s;
    double v;    /* its value (the sum for "other", maybe +Inf) */
    double rel;  /* its value over the largest one's: never overflows */
    int other_n; /* series merged into "other" */
} TmItem;

/* A rectangle in layout units (x across, y down, both square). */
typedef struct {
    double x, y, w, h;
} TmRect;

/* Largest share first; equal ones in answer order, "other" after them. */
static int tm_desc(const void *a, const void *b)
{
    const TmItem *x = a, *y = b;
    if (x->rel != y->rel)
        return x->rel > y->rel ? -1 : 1;
    if (!x->s || !y->s)
        return !x->s - !y->s;
    if (x->qi != y->qi)
        return x->qi - y->qi;
    return x->s < y->s ? -1 : x->s > y->s;
}

/* Gathers every series with a finite value above 0, largest first, into a
 * new array (NULL when there is none, or on OOM); keeps the `limit`
 * largest and merges the rest into one "other" item, placed by its size.
 * *n gets the count. */
static TmItem *tm_items(const Panel *p, int limit, int *n)
{
    int total = 0;
    *n = 0;
    for (int qi = 0; qi < p->conf->nqueries; qi++) {
        const Result *res = panel_result(p, qi);
        total += res ? res->nseries : 0;
    }
    if (total == 0)
        return NULL;
    TmItem *it = malloc(sizeof *it * (size_t)total);
    if (!it)
        return NULL;
    int k = 0;
    for (int qi = 0; qi < p->conf->nqueries; qi++) {
        const Result *res = panel_result(p, qi);
        for (int i = 0; res && i < res->nseries; i++) {
            double v = series_last(&res->series[i]);
            if (isfinite(v) && v > 0)
                it[k++] = (TmItem){qi, &res->series[i], v, v, 0};
        }
    }
    if (k == 0) {
        free(it);
        return NULL;
    }
    qsort(it, (size_t)k, sizeof *it, tm_desc);
    for (int i = k - 1; i >= 0; i--)
        it[i].rel = it[i].v / it[0].v;
    if (k > limit) {
        TmItem other = {it[limit].qi, NULL, 0, 0, k - limit};
        for (int i = limit; i < k; i++) {
            other.v += it[i].v;
            other.rel += it[i].rel;
        }
        it[limit] = other;
        k = limit + 1;
        /* "other" takes its place by size: the layout wants largest first */
        qsort(it, (size_t)k, sizeof *it, tm_desc);
    }
    *n = k;
    return it;
}

/* The worst aspect ratio of a row of areas a[0..n-1] (sum s) laid along a
 * side of length side: max(side^2 * max / s^2, s^2 / (side^2 * min)). */
static double tm_worst(const double *a, int n, double s, double side)
{
    double hi = a[0], lo = a[0];
    for (int i = 1; i < n; i++) {
        hi = fmax(hi, a[i]);
        lo = fmin(lo, a[i]);
    }
    double s2 = s * s, w2 = side * side;
    return fmax(w2 * hi / s2, s2 / (w2 * lo));
}

/* Lays out areas a[0..n-1] (above 0, largest first, summing to the area of
 * `box`) into out[0..n-1] by the squarified algorithm: each row is laid
 * along the shorter side of what is left and takes the next area while
 * that does not make its worst aspect ratio worse. The last item of a row
 * and the last row end exactly at the edges of `box`, so rounding leaves
 * no gap. */
static void tm_squarify(const double *a, int n, TmRect box, TmRect *out)
{
    int i = 0;
    while (i < n) {
        int across = box.w >= box.h; /* shorter side is the height: the row
                                        is a column at the left */
        double side = across ? box.h : box.w;
        double s = a[i];
        int k = 1;
        while (i + k < n && side > 0 &&
               tm_worst(a + i, k + 1, s + a[i + k], side) <=
                   tm_worst(a + i, k, s, side)) {
            s += a[i + k];
            k++;
        }
        double room = across ? box.w : box.h;
        double thick = i + k == n || !(side > 0) ? room : fmin(s / side, room);
        double pos = across ? box.y : box.x;
        double end_all = pos + side;
        for (int j = 0; j < k; j++) {
            double end = j == k - 1 ? end_all : pos + a[i + j] / s * side;
            out[i + j] = across ? (TmRect){box.x, pos, thick, end - pos}
                                : (TmRect){pos, box.y, end - pos, thick};
            pos = end;
        }
        if (across) {
            box.x += thick;
            box.w -= thick;
        } else {
            box.y += thick;
            box.h -= thick;
        }
        i += k;
    }
}

/* Name of item t: the series' display name, or "other (N)". */
static void tm_name(const Panel *p, const TmItem *t, char *buf, int n)
{
    if (!t->s)
        snprintf(buf, (size_t)n, "other (%d)", t->other_n);
    else
        panel_series_name(p, t->qi, t->s, buf, n);
}

/* Fill glyphs; neighbouring rectangles get different ones, so they stay
 * apart without colour too. */
static const uint32_t tm_fill_utf8[] = {0x2592, 0x2591, 0x2593}; /* ▒░▓ */
static const uint32_t tm_fill_ascii[] = {':', '.', '+'};

/* Returns 1 when cell rects a and b touch along an edge. */
static int tm_touch(const Rect *a, const Rect *b)
{
    int h = a->x < b->x + b->w && b->x < a->x + a->w;
    int v = a->y < b->y + b->h && b->y < a->y + a->h;
    return (v && (a->x + a->w == b->x || b->x + b->w == a->x)) ||
           (h && (a->y + a->h == b->y || b->y + b->h == a->y));
}

/* The rectangle of item t in cells: its label (name, then value under it
 * or beside it) at the top left inside a one-column margin, when at least
 * 3 columns are free for it. */
static void tm_draw_item(const Panel *p, Canvas *c, Rect cr, const TmItem *t,
                         Role role, uint32_t fill)
{
    for (int y = cr.y; y < cr.y + cr.h; y++)
        for (int x = cr.x; x < cr.x + cr.w; x++)
            canvas_put(c, x, y, fill, role, 0);
    int lw = cr.w >= 5 ? cr.w - 2 : cr.w;
    int lx = cr.w >= 5 ? cr.x + 1 : cr.x;
    if (lw < 3 || cr.h < 1)
        return;
    char name[TM_NAME], val[64], both[TM_NAME + 66];
    tm_name(p, t, name, sizeof name);
    panel_format(p, t->qi, t->v, val, sizeof val);
    int attrs = TA_REVERSE | TA_BOLD;
    if (cr.h >= 2) {
        canvas_label(c, lx, cr.y, lw, name, role, attrs);
        canvas_text(c, lx, cr.y + 1, lw, val, role, TA_REVERSE);
        return;
    }
    snprintf(both, sizeof both, "%s %s", name, val);
    canvas_text(c, lx, cr.y, lw, canvas_text_width(both) <= lw ? both : name,
                role, attrs);
}

static void treemap_draw(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx)
{
    (void)ctx;
    if (r.w <= 0 || r.h <= 0)
        return;
    int limit = (int)panel_opt_num(p, "limit", 20);
    limit = limit < 1 ? 1 : limit > TM_MAX_LIMIT ? TM_MAX_LIMIT : limit;
    int n;
    TmItem *it = tm_items(p, limit, &n);
    if (!it) {
        panel_draw_nodata(c, r);
        return;
    }
    /* areas in units of w x 2h from each value's share (relative to the
     * largest, so no sum of huge values overflows); those too small to
     * matter are left out */
    double area[TM_MAX_LIMIT + 1], sum = 0;
    for (int i = 0; i < n; i++)
        sum += it[i].rel;
    double total = (double)r.w * 2.0 * r.h;
    int m = 0;
    for (int i = 0; i < n; i++) {
        double a = it[i].rel / sum * total;
        if (a >= total * 1e-9) {
            it[m] = it[i];
            area[m++] = a;
        }
    }
    TmRect fr[TM_MAX_LIMIT + 1];
    tm_squarify(area, m, (TmRect){0, 0, r.w, 2.0 * r.h}, fr);
    Rect cells[TM_MAX_LIMIT + 1];
    int fills[TM_MAX_LIMIT + 1], named = 0;
    for (int i = 0; i < m; i++) {
        int x0 = (int)lround(fr[i].x), x1 = (int)lround(fr[i].x + fr[i].w);
        int y0 = (int)lround(fr[i].y / 2),
            y1 = (int)lround((fr[i].y + fr[i].h) / 2);
        cells[i] = (Rect){r.x + x0, r.y + y0, x1 - x0, y1 - y0};
        /* the first fill no earlier neighbour has */
        int used = 0;
        for (int j = 0; j < i; j++)
            if (cells[j].w > 0 && cells[j].h > 0 &&
                tm_touch(&cells[i], &cells[j]))
                used |= 1 << fills[j];
        fills[i] = 0;
        while (fills[i] < 2 && (used >> fills[i] & 1))
            fills[i]++;
        if (cells[i].w <= 0 || cells[i].h <= 0)
            continue;
        Role role = it[i].s ? theme_series_role(named++) : ROLE_DIM;
        tm_draw_item(p, c, cells[i], &it[i], role,
                     c->ascii ? tm_fill_ascii[fills[i]]
                              : tm_fill_utf8[fills[i]]);
    }
    free(it);
}

const PanelClass treemap_class = {
    .name = "treemap",
    .help = "Rectangles sized by each series' current value (squarified), "
            "largest first, labelled where they fit.",
    .opts = treemap_opts,
    .query_mode = QM_INSTANT,
    .draw = treemap_draw,
};
