/* place.c - dashboard geometry: splits a screen area into one rectangle per
 * panel. Rows share the height by weight, each at least its min_height;
 * rows that do not fit below the earlier ones are hidden (h = 0). Panels
 * share their row's width by weight. Integer arithmetic only: widths add up
 * to the row's width, heights to the area's, and rectangles never overlap. */
#include "layout.h"

#include <limits.h>

/* With these clamps every product below fits in a long long as long as a
 * dashboard has fewer than about four million rows, or a row as many
 * panels (a 1 MiB layout holds a few ten thousand at most). */
#define PLACE_MAX_WEIGHT 1000 /* weights are clamped to 1..this */
#define PLACE_MAX_MIN 10000   /* min heights are clamped to 1..this */

static long long clampll(long long v, long long lo, long long hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static long long row_weight(const RowConf *r)
{
    return clampll(r->height, 1, PLACE_MAX_WEIGHT);
}

static long long row_min(const RowConf *r)
{
    return clampll(r->min_height, 1, PLACE_MAX_MIN);
}

static long long panel_weight(const PanelConf *p)
{
    return clampll(p->width, 1, PLACE_MAX_WEIGHT);
}

/* Whether a row of min height m and weight w needs more than its share
 * num/den of the height: such a row is held at its minimum. */
static int held(long long m, long long w, long long num, long long den)
{
    return m * den > num * w;
}

/* How the height is split: the visible rows are the first k whose minimums
 * fit (at least the first one, which takes all of H when even it does not
 * fit). Among them, rows whose weighted share num/den would fall below
 * their minimum are held at it; the others split num by weight. */
typedef struct {
    long long H;
    int k;               /* visible rows */
    int lone;            /* no row fits: the first takes everything */
    long long num, den;  /* height and weight of the rows not held */
    long long extra;     /* added to the last visible row (only when every
                            row is held, which the maths rules out) */
    long long cum, prev; /* running state of the cumulative split */
} Split;

static void split_init(const Dashboard *d, long long H, Split *s)
{
    long long rest = H;
    *s = (Split){.H = H};
    while (s->k < d->nrows && row_min(&d->rows[s->k]) <= rest)
        rest -= row_min(&d->rows[s->k++]);
    if (s->k == 0) {
        s->k = 1;
        s->lone = 1;
        return;
    }
    /* Grow the held set until it is stable: holding rows whose minimum is
     * above their share lowers the share of the rest, so the set only
     * grows and a count that stops changing means the set did. */
    long long num = H, den = 0;
    for (int i = 0; i < s->k; i++)
        den += row_weight(&d->rows[i]);
    int nheld = 0;
    for (;;) {
        long long n2 = H, d2 = 0;
        int cnt = 0;
        for (int i = 0; i < s->k; i++) {
            const RowConf *r = &d->rows[i];
            if (held(row_min(r), row_weight(r), num, den)) {
                n2 -= row_min(r);
                cnt++;
            } else {
                d2 += row_weight(r);
            }
        }
        if (cnt == nheld || d2 == 0) {
            if (d2 == 0)
                s->extra = n2;
            break;
        }
        nheld = cnt;
        num = n2;
        den = d2;
    }
    s->num = num;
    s->den = den;
}

/* Height of row i; rows must be asked in order 0, 1, 2... Free rows end at
 * the ceiling of their cumulative share, so each gets at least floor(its
 * share) >= its minimum, together exactly num, and rounding favours the
 * rows on top (as it favours the panels on the left). */
static long long split_next(const Dashboard *d, Split *s, int i)
{
    if (i >= s->k)
        return 0;
    if (s->lone)
        return s->H;
    const RowConf *r = &d->rows[i];
    long long h;
    if (held(row_min(r), row_weight(r), s->num, s->den)) {
        h = row_min(r);
    } else {
        s->cum += row_weight(r);
        long long edge = (s->num * s->cum + s->den - 1) / s->den;
        h = edge - s->prev;
        s->prev = edge;
    }
    return i == s->k - 1 ? h + s->extra : h;
}

int layout_place(const Dashboard *d, Rect area, Rect *out, int nout)
{
    if (!d || !out || nout <= 0)
        return 0;
    int total = layout_panel_count(d);
    int count = total < nout ? total : nout;
    for (int i = 0; i < count; i++)
        out[i] = (Rect){0, 0, 0, 0};

    long long W = area.w > 0 ? area.w : 0, H = area.h > 0 ? area.h : 0;
    /* Keep x + w and y + h representable. */
    if (area.x > 0 && W > (long long)INT_MAX - area.x)
        W = (long long)INT_MAX - area.x;
    if (area.y > 0 && H > (long long)INT_MAX - area.y)
        H = (long long)INT_MAX - area.y;
    if (W == 0 || H == 0 || d->nrows <= 0 || !d->rows)
        return count;

    Split s;
    split_init(d, H, &s);
    long long y = area.y;
    int k = 0;
    for (int i = 0; i < d->nrows && k < count; i++) {
        const RowConf *r = &d->rows[i];
        long long rh = split_next(d, &s, i);
        long long sumw = 0, cum = 0, prev = 0;
        for (int j = 0; j < r->npanels; j++)
            sumw += panel_weight(&r->panels[j]);
        for (int j = 0; j < r->npanels && k < count; j++, k++) {
            cum += panel_weight(&r->panels[j]);
            long long edge = (W * cum + sumw - 1) / sumw;
            if (rh > 0 && edge > prev)
                out[k] = (Rect){(int)(area.x + prev), (int)y,
                                (int)(edge - prev), (int)rh};
            prev = edge;
        }
        y += rh;
    }
    return count;
}
