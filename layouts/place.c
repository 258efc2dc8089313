/* place.c - dashboard geometry: splits a screen area into one rectangle per
 * panel. Rows share the height by weight, each at least its min_height;
 * rows that do not fit below the earlier ones are hidden (h = 0). A
 * section header takes one line; the rows under a collapsed one take none.
 * Panels share their row's width by weight; a column cell splits its part
 * of the row among its own rows the same way. Integer arithmetic only:
 * widths add up to the row's width, heights to at most the area's, and
 * rectangles never overlap. */
#include "layout.h"

#include <limits.h>
#include <stdlib.h>

/* With these clamps every product below fits in a long long as long as a
 * dashboard has fewer than about four million rows, or a row as many
 * panels (a 1 MiB layout holds a few ten thousand at most). */
#define PLACE_MAX_WEIGHT 1000 /* weights are clamped to 1..this */
#define PLACE_MAX_MIN 10000   /* min heights are clamped to 1..this */
#define PLACE_MAX_DEPTH 64    /* columns in columns, at most */

static long long clampll(long long v, long long lo, long long hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* A section header keeps its one line: weight 0 holds it at its minimum. */
static long long row_weight(const RowConf *r)
{
    return r->section ? 0 : clampll(r->height, 1, PLACE_MAX_WEIGHT);
}

/* The rows a row needs: its min_height, or what its column cells' rows
 * need together when that is more. */
static long long row_min_depth(const RowConf *r, int depth)
{
    long long m = r->section ? 1 : clampll(r->min_height, 1, PLACE_MAX_MIN);
    for (int k = 0; depth < PLACE_MAX_DEPTH && k < r->npanels; k++) {
        const PanelConf *pc = &r->panels[k];
        if (!LAYOUT_IS_COLUMN(pc))
            continue;
        long long sum = 0;
        for (int i = 0; i < pc->nrows; i++)
            sum += row_min_depth(&pc->rows[i], depth + 1);
        if (sum > m)
            m = sum;
    }
    return clampll(m, 1, PLACE_MAX_MIN);
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

/* How the height is split among the rows asked for (rows[0..n), those
 * under a collapsed header left out): the visible rows are the first k
 * whose minimums fit (at least the first one, which takes all of H when
 * even it does not fit). Among them, rows whose weighted share num/den
 * would fall below their minimum are held at it; the others split num by
 * weight. */
typedef struct {
    const RowConf **rows;
    long long *min;
    int n;
    long long H;
    int k;               /* visible rows */
    int lone;            /* no row fits: the first takes everything */
    long long num, den;  /* height and weight of the rows not held */
    long long cum, prev; /* running state of the cumulative split */
} Split;

static void split_init(Split *s, long long H)
{
    long long rest = H;
    s->H = H;
    s->k = 0;
    s->lone = 0;
    s->cum = s->prev = 0;
    while (s->k < s->n && s->min[s->k] <= rest)
        rest -= s->min[s->k++];
    if (s->k == 0) {
        s->k = s->n > 0;
        s->lone = 1;
        return;
    }
    /* Grow the held set until it is stable: holding rows whose minimum is
     * above their share lowers the share of the rest, so the set only
     * grows and a count that stops changing means the set did. */
    long long num = H, den = 0;
    for (int i = 0; i < s->k; i++)
        den += row_weight(s->rows[i]);
    int nheld = -1;
    for (;;) {
        long long n2 = H, d2 = 0;
        int cnt = 0;
        for (int i = 0; i < s->k; i++) {
            const RowConf *r = s->rows[i];
            if (den == 0 || held(s->min[i], row_weight(r), num, den)) {
                n2 -= s->min[i];
                cnt++;
            } else {
                d2 += row_weight(r);
            }
        }
        num = n2;
        den = d2;
        if (cnt == nheld || d2 == 0)
            break;
        nheld = cnt;
    }
    s->num = num;
    s->den = den;
}

/* Height of visible row i; rows must be asked in order 0, 1, 2... Free
 * rows end at the ceiling of their cumulative share, so each gets at least
 * floor(its share) >= its minimum, together exactly num, and rounding
 * favours the rows on top (as it favours the panels on the left). When
 * every row is held (section headers only), the rest of the height stays
 * empty. */
static long long split_next(Split *s, int i)
{
    if (i >= s->k)
        return 0;
    if (s->lone)
        return s->rows[i]->section ? 1 : s->H;
    const RowConf *r = s->rows[i];
    if (s->den == 0 || held(s->min[i], row_weight(r), s->num, s->den))
        return s->min[i];
    s->cum += row_weight(r);
    long long edge = (s->num * s->cum + s->den - 1) / s->den;
    long long h = edge - s->prev;
    s->prev = edge;
    return h;
}

static int place_rows(const RowConf *rows, int n, long long X, long long Y,
                      long long W, long long H, Rect *out, int *k, int count,
                      int depth);

/* Places the cells of row r in (X, Y, W, rh); rh 0: hidden. */
static void place_cells(const RowConf *r, long long X, long long Y, long long W,
                        long long rh, Rect *out, int *k, int count, int depth)
{
    long long sumw = 0, cum = 0, prev = 0;
    for (int j = 0; j < r->npanels; j++)
        sumw += panel_weight(&r->panels[j]);
    for (int j = 0; j < r->npanels && *k < count; j++) {
        const PanelConf *pc = &r->panels[j];
        cum += panel_weight(pc);
        long long edge = (W * cum + sumw - 1) / sumw;
        long long w = rh > 0 && edge > prev ? edge - prev : 0;
        if (LAYOUT_IS_COLUMN(pc)) {
            if (depth < PLACE_MAX_DEPTH)
                place_rows(pc->rows, pc->nrows, X + prev, Y, w, w ? rh : 0, out,
                           k, count, depth + 1);
            else /* too deep to draw: its panels stay hidden */
                *k += layout_rows_panel_count(pc->rows, pc->nrows);
        } else {
            if (w > 0)
                out[*k] = (Rect){(int)(X + prev), (int)Y, (int)w, (int)rh};
            (*k)++;
        }
        prev = edge;
    }
}

/* Places rows[0..n) in (X, Y, W, H), their panels from out[*k] on (rects
 * start zeroed). Returns -1 on OOM. */
static int place_rows(const RowConf *rows, int n, long long X, long long Y,
                      long long W, long long H, Rect *out, int *k, int count,
                      int depth)
{
    if (n <= 0)
        return 0;
    Split s = {0};
    s.rows = malloc(sizeof *s.rows * (size_t)n);
    s.min = malloc(sizeof *s.min * (size_t)n);
    int *slot = malloc(sizeof *slot * (size_t)n);
    if (!s.rows || !s.min || !slot) {
        free(s.rows);
        free(s.min);
        free(slot);
        return -1;
    }
    /* the rows that take room: not those under a collapsed header */
    int collapsed = 0;
    for (int i = 0; i < n; i++) {
        slot[i] = -1;
        if (rows[i].section)
            collapsed = rows[i].npanels > 0 && rows[i].panels[0].collapsed;
        else if (collapsed)
            continue;
        if (W <= 0 || H <= 0)
            continue;
        slot[i] = s.n;
        s.rows[s.n] = &rows[i];
        s.min[s.n++] = row_min_depth(&rows[i], depth);
    }
    split_init(&s, H);
    long long y = Y;
    for (int i = 0; i < n && *k < count; i++) {
        long long rh = slot[i] >= 0 ? split_next(&s, slot[i]) : 0;
        if (y - Y + rh > H)
            rh = H - (y - Y) > 0 ? H - (y - Y) : 0;
        place_cells(&rows[i], X, y, W, rh, out, k, count, depth);
        y += rh;
    }
    free(s.rows);
    free(s.min);
    free(slot);
    return 0;
}

int layout_place(const Dashboard *d, Rect area, Rect *out, int nout)
{
    if (!d || !out || nout <= 0)
        return 0;
    int total = layout_rows_panel_count(d->rows, d->nrows);
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
    int k = 0;
    place_rows(d->rows, d->nrows, area.x, area.y, W, H, out, &k, count, 0);
    return count;
}

void layout_collapsed(const Dashboard *d, unsigned char *out)
{
    int k = 0, folded = 0;
    for (int i = 0; d && i < d->nrows; i++) {
        const RowConf *r = &d->rows[i];
        int n = layout_rows_panel_count(r, 1);
        if (r->section)
            folded = r->npanels > 0 && r->panels[0].collapsed;
        for (int j = 0; j < n; j++)
            out[k++] = !r->section && folded;
    }
}

int layout_section_of(const Dashboard *d, int pi)
{
    int k = 0, head = -1;
    for (int i = 0; d && i < d->nrows; i++) {
        const RowConf *r = &d->rows[i];
        int n = layout_rows_panel_count(r, 1);
        if (r->section)
            head = k;
        if (pi >= k && pi < k + n)
            return r->section ? -1 : head;
        k += n;
    }
    return -1;
}
