/* pie.c - the "pie" panel kind: the shares of the series' current values
 * (negative, NaN and infinite ones left out) as a braille pie or donut in
 * a circle fitting the rect, a slice per series in its series colour,
 * with a legend beside or under it: marker, name, percent and value. More
 * than eight series keep the seven largest and one "other" slice. In
 * ASCII or without colour, or when the rect has no room for a circle, a
 * proportional bar of letters (ASCII, no colour) or colour blocks takes
 * its place over the legend. */
#include "panel.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

#define PIE_SLICES 8       /* slices drawn at most (the last may be "other") */
#define PIE_NAME 64        /* bytes of a name */
#define PIE_MIN_ROWS 5     /* a circle smaller than this is a bar instead */
#define PIE_LEGEND_NAME 24 /* columns of a legend name at most */
#define PIE_TAU 6.283185307179586

static const OptSpec pie_opts[] = {
    {.name = "donut",
     .type = OPT_BOOL,
     .def = "false",
     .help = "Leave a hole in the middle."},
    {.name = "legend",
     .type = OPT_BOOL,
     .def = "true",
     .help = "Show a legend of names, percentages and values."},
    {0},
};

typedef struct {
    int qi;
    double v;
    char name[PIE_NAME];
    Role role;
    char letter; /* ASCII mark */
} Slice;

/* A series with a share, before naming. */
typedef struct {
    int qi;
    int idx; /* order of arrival */
    const Series *s;
    double v;
} PieCand;

static int by_value_desc(const void *x, const void *y)
{
    const PieCand *a = x, *b = y;
    if (a->v != b->v)
        return a->v > b->v ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* The slices: every series with a finite value >= 0 in arrival order, or,
 * when there are more than PIE_SLICES, the largest PIE_SLICES - 1 and one
 * "other" slice summing the rest. Returns the count (0 also when out of
 * memory); *sum gets the total. */
static int pie_slices(const Panel *p, Slice *out, double *sum)
{
    int all = 0, n = 0, k;
    *sum = 0;
    for (int qi = 0; qi < p->conf->nqueries; qi++) {
        const Result *res = panel_result(p, qi);
        all += res ? res->nseries : 0;
    }
    PieCand *cand = malloc(sizeof *cand * (size_t)(all > 0 ? all : 1));
    if (!cand)
        return 0;
    for (int qi = 0; qi < p->conf->nqueries; qi++) {
        const Result *res = panel_result(p, qi);
        for (int i = 0; res && i < res->nseries; i++) {
            double v = series_last(&res->series[i]);
            if (!isfinite(v) || v < 0)
                continue;
            cand[n] = (PieCand){qi, n, &res->series[i], v};
            *sum += v;
            n++;
        }
    }
    int other = n > PIE_SLICES;
    if (other) /* the largest first, then "other" */
        qsort(cand, (size_t)n, sizeof *cand, by_value_desc);
    k = other ? PIE_SLICES - 1 : n;
    for (int i = 0; i < k; i++) {
        out[i].qi = cand[i].qi;
        out[i].v = cand[i].v;
        panel_series_name(p, cand[i].qi, cand[i].s, out[i].name,
                          sizeof out[i].name);
        if (!out[i].name[0])
            snprintf(out[i].name, sizeof out[i].name, "-");
        out[i].role = theme_series_role(i);
        out[i].letter = (char)('A' + i);
    }
    if (other) {
        double rest = 0;
        for (int i = k; i < n; i++)
            rest += cand[i].v;
        out[k].qi = cand[k].qi; /* the largest left out lends its unit */
        out[k].v = rest;
        snprintf(out[k].name, sizeof out[k].name, "+%d other", n - k);
        out[k].role = ROLE_DIM;
        out[k].letter = '.';
        k++;
    }
    free(cand);
    return k;
}

/* ---- legend -------------------------------------------------------------- */

typedef struct {
    char pct[16];
    char val[64];
} SliceText;

static void slice_text(const Panel *p, const Slice *s, double sum, SliceText *t)
{
    snprintf(t->pct, sizeof t->pct, "%.1f%%", sum > 0 ? s->v / sum * 100 : 0);
    panel_format(p, s->qi, s->v, t->val, sizeof t->val);
}

/* 1 when slices are told apart by letters: in ASCII, and without colour
 * (the circle's dots and the legend's discs would all look alike). */
static int by_letter(const Canvas *c)
{
    return c->ascii || c->mono;
}

static void draw_marker(Canvas *c, int x, int y, const Slice *s)
{
    canvas_put(c, x, y, by_letter(c) ? (uint32_t)s->letter : 0x25cf, s->role,
               0);
}

/* Width of the columns of a list legend: names (cut to PIE_LEGEND_NAME),
 * percentages and values. */
static void list_widths(const Panel *p, const Slice *sl, int n, double sum,
                        int *nw, int *pw, int *vw)
{
    *nw = *pw = *vw = 0;
    for (int i = 0; i < n; i++) {
        SliceText t;
        slice_text(p, &sl[i], sum, &t);
        int w = canvas_text_width(sl[i].name);
        w = w > PIE_LEGEND_NAME ? PIE_LEGEND_NAME : w;
        *nw = w > *nw ? w : *nw;
        w = (int)strlen(t.pct);
        *pw = w > *pw ? w : *pw;
        w = canvas_text_width(t.val);
        *vw = w > *vw ? w : *vw;
    }
}

/* Width a list legend wants: marker, name, percentage, value. */
static int list_width(const Panel *p, const Slice *sl, int n, double sum)
{
    int nw, pw, vw;
    list_widths(p, sl, n, sum, &nw, &pw, &vw);
    return 2 + nw + 1 + pw + 2 + vw;
}

/* A legend of one entry a row in r: marker, name, percentage right-
 * aligned, value; the value goes first, then the name shrinks, when r is
 * narrow. "+N" in the last row when rows run out. */
static void draw_list(const Panel *p, Canvas *c, Rect r, const Slice *sl, int n,
                      double sum)
{
    int nw, pw, vw;
    list_widths(p, sl, n, sum, &nw, &pw, &vw);
    /* the value when the names keep 8 columns (or all they need) */
    int showv = 2 + (nw < 8 ? nw : 8) + 1 + pw + 2 + vw <= r.w;
    int room = r.w - 2 - 1 - pw - (showv ? 2 + vw : 0);
    if (nw > room)
        nw = room > 0 ? room : 0;
    int shown = n <= r.h ? n : r.h - 1;
    const char **set =
        panel_name_set(sl, sizeof *sl, offsetof(Slice, name), shown);
    for (int i = 0; i < shown; i++) {
        SliceText t;
        slice_text(p, &sl[i], sum, &t);
        int y = r.y + i;
        draw_marker(c, r.x, y, &sl[i]);
        if (nw > 0 && 2 + nw <= r.w)
            canvas_label_among(c, r.x + 2, y, nw, sl[i].name, set,
                               set ? shown : 0, ROLE_DEFAULT, 0);
        int x = r.x + 2 + nw + 1;
        if (x + pw > r.x + r.w)
            continue;
        canvas_text_right(c, x, y, pw, t.pct, ROLE_VALUE, TA_BOLD);
        if (showv)
            canvas_text_right(c, x + pw + 2, y, vw, t.val, ROLE_DIM, 0);
    }
    free(set);
    if (shown < n && r.h > 0) {
        char buf[24];
        snprintf(buf, sizeof buf, "+%d", n - (shown > 0 ? shown : 0));
        canvas_text(c, r.x, r.y + (shown > 0 ? shown : 0), r.w, buf, ROLE_DIM,
                    0);
    }
}

/* Writes the text of a packed entry ("GO 66.7% 12", or without the value
 * when `withv` is 0) into buf; returns its width with the marker. */
static int flow_entry(const Panel *p, const Slice *s, double sum, int withv,
                      char *buf, int n)
{
    SliceText t;
    slice_text(p, s, sum, &t);
    snprintf(buf, (size_t)n, "%s %s%s%s", s->name, t.pct, withv ? " " : "",
             withv ? t.val : "");
    return 2 + canvas_text_width(buf);
}

/* A legend of entries packed in rows ("● GO 66.7% 12"), the value left
 * out of an entry that fits only without it; "+N" at the end counts
 * those left out (in place of the last entry when there is no room). */
static void draw_flow(const Panel *p, Canvas *c, Rect r, const Slice *sl, int n,
                      double sum)
{
    int row = 0, x = 0, last = 0, i;
    char text[160];
    for (i = 0; i < n; i++) {
        int gap = x > 0 ? 2 : 0;
        int ew = flow_entry(p, &sl[i], sum, 1, text, sizeof text);
        if (x + gap + ew > r.w) /* without the value, then on a new row */
            ew = flow_entry(p, &sl[i], sum, 0, text, sizeof text);
        if (x > 0 && x + gap + ew > r.w) {
            if (row + 1 >= r.h)
                break;
            row++;
            x = gap = 0;
            ew = flow_entry(p, &sl[i], sum, 1, text, sizeof text);
            if (ew > r.w)
                flow_entry(p, &sl[i], sum, 0, text, sizeof text);
        }
        last = x + gap;
        draw_marker(c, r.x + last, r.y + row, &sl[i]);
        x = last + 2 +
            canvas_text(c, r.x + last + 2, r.y + row, r.w - last - 2, text,
                        ROLE_DEFAULT, 0);
    }
    if (i < n) {
        char buf[24];
        snprintf(buf, sizeof buf, "+%d", n - i);
        if (x + 2 + (int)strlen(buf) > r.w && i > 0) { /* the last gives way */
            canvas_clear(c, (Rect){r.x + last, r.y + row, r.w - last, 1},
                         ROLE_DEFAULT);
            snprintf(buf, sizeof buf, "+%d", n - i + 1);
            x = last - 2;
        }
        int bx = x > 0 ? x + 2 : 0;
        canvas_text(c, r.x + bx, r.y + row, r.w - bx, buf, ROLE_DIM, 0);
    }
}

/* ---- the circle ---------------------------------------------------------- */

/* Slice of angle fraction f (0 at 12 o'clock, clockwise) given the
 * cumulative fractions ends[0..n). */
static int slice_at(const double *ends, int n, double f)
{
    for (int i = 0; i < n; i++)
        if (f < ends[i])
            return i;
    return n - 1;
}

/* Returns 1 when dot (px, py) (from the centre, y down) lies within half
 * a dot of the ray from the centre at angle fraction f. */
static int on_edge(double px, double py, double f)
{
    double a = f * PIE_TAU;
    double ux = sin(a), uy = -cos(a);
    if (px * ux + py * uy <= 0)
        return 0;
    return fabs(px * uy - py * ux) < 0.5;
}

/* Draws the pie (or donut) as braille in a square of cols x rows cells at
 * (x, y): each dot inside the circle belongs to the slice its angle falls
 * in; dots on a boundary between slices are left out so that slices stay
 * apart without colour; a cell takes the role of the slice most of its
 * dots belong to. */
static void draw_circle(Canvas *c, int x, int y, int cols, int rows,
                        const Slice *sl, int n, double sum, int donut)
{
    double ends[PIE_SLICES], cum = 0;
    int nonzero = 0;
    for (int i = 0; i < n; i++) {
        cum += sl[i].v;
        ends[i] = sum > 0 ? cum / sum : 1;
        nonzero += sl[i].v > 0;
    }
    int dw = cols * 2, dh = rows * 4;
    /* the centre a hair off the grid, so that a boundary straight up or
     * across leaves a gap one dot wide, not two */
    double cx = dw / 2.0 + 0.01, cy = dh / 2.0 + 0.01;
    double rad = (dw < dh ? dw : dh) / 2.0;
    double hole = donut ? rad * 0.5 : 0;
    static const uint8_t bit[4][2] = {
        {0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
    for (int row = 0; row < rows; row++)
        for (int col = 0; col < cols; col++) {
            int count[PIE_SLICES] = {0};
            uint8_t mask = 0;
            for (int k = 0; k < 8; k++) {
                int dx = col * 2 + k % 2, dy = row * 4 + k / 2;
                double px = dx + 0.5 - cx, py = dy + 0.5 - cy;
                double d2 = px * px + py * py;
                if (d2 > rad * rad || d2 < hole * hole)
                    continue;
                double f = atan2(px, -py) / PIE_TAU;
                if (f < 0)
                    f += 1;
                int s = slice_at(ends, n, f);
                int edge = 0;
                for (int i = 0; nonzero > 1 && i < n && !edge; i++)
                    if (sl[i].v > 0)
                        edge = on_edge(px, py, i == 0 ? 0 : ends[i - 1]);
                if (edge)
                    continue;
                mask |= bit[k / 2][k % 2];
                count[s]++;
            }
            if (!mask)
                continue;
            int best = 0;
            for (int i = 1; i < n; i++)
                if (count[i] > count[best])
                    best = i;
            canvas_put(c, x + col, y + row, 0x2800 + mask, sl[best].role, 0);
        }
}

/* ---- the bar ------------------------------------------------------------- */

/* A row of w columns split among the slices by share (largest
 * remainders), each segment in its slice's role: blocks in colour, the
 * slice's letter in ASCII and without colour. */
static void draw_share_bar(Canvas *c, int x, int y, int w, const Slice *sl,
                           int n, double sum)
{
    int width[PIE_SLICES], used = 0;
    double rem[PIE_SLICES];
    for (int i = 0; i < n; i++) {
        double exact = sum > 0 ? sl[i].v / sum * w : 0;
        width[i] = (int)floor(exact);
        rem[i] = exact - width[i];
        used += width[i];
    }
    while (used < w) { /* the largest remainders get a column more */
        int best = -1;
        for (int i = 0; i < n; i++)
            if (sl[i].v > 0 && (best < 0 || rem[i] > rem[best]))
                best = i;
        if (best < 0)
            break;
        width[best]++;
        rem[best] = -1;
        used++;
    }
    int col = 0;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < width[i] && col < w; k++, col++)
            canvas_put(c, x + col, y,
                       by_letter(c) ? (uint32_t)sl[i].letter : 0x2588,
                       sl[i].role, 0);
}

/* ---- layout -------------------------------------------------------------- */

static void pie_draw(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx)
{
    (void)ctx;
    if (r.w <= 0 || r.h <= 0)
        return;
    Slice sl[PIE_SLICES];
    double sum;
    int n = pie_slices(p, sl, &sum);
    if (n == 0 || !(sum > 0) || !isfinite(sum)) {
        panel_draw_nodata(c, r);
        return;
    }
    int legend = panel_opt_num(p, "legend", 1) != 0;
    int donut = panel_opt_num(p, "donut", 0) != 0;
    int minc = 2 * PIE_MIN_ROWS; /* a circle of PIE_MIN_ROWS rows */
    if (!by_letter(c)) {         /* the circle: slices apart by colour */
        if (!legend && r.h >= PIE_MIN_ROWS && r.w >= minc) {
            int rows = r.h < r.w / 2 ? r.h : r.w / 2;
            draw_circle(c, r.x + (r.w - 2 * rows) / 2, r.y + (r.h - rows) / 2,
                        2 * rows, rows, sl, n, sum, donut);
            return;
        }
        /* beside: the legend as wide as it wants, up to what leaves the
         * circle the rect's height or half the width, never under 12 */
        int want = list_width(p, sl, n, sum);
        int room = r.w - 2 - 2 * r.h > r.w / 2 ? r.w - 2 - 2 * r.h : r.w / 2;
        int lw = want < room ? want : room;
        if (lw < 12)
            lw = want < 12 ? want : 12;
        int cols = r.w - lw - 2 < 2 * r.h ? r.w - lw - 2 : 2 * r.h;
        cols -= cols % 2;
        if (legend && cols >= minc) {
            int rows = cols / 2;
            int lh = n < r.h ? n : r.h;
            int gap = r.w - cols - lw > 4 ? 4 : r.w - cols - lw;
            int x = r.x + (r.w - cols - gap - lw) / 2;
            draw_circle(c, x, r.y + (r.h - rows) / 2, cols, rows, sl, n, sum,
                        donut);
            draw_list(p, c,
                      (Rect){x + cols + gap, r.y + (r.h - lh) / 2,
                             r.w - (x - r.x) - cols - gap, lh},
                      sl, n, sum);
            return;
        }
        /* under: a row per entry below the circle */
        int lr = n < r.h - PIE_MIN_ROWS ? n : r.h - PIE_MIN_ROWS;
        int rows = r.h - lr < r.w / 2 ? r.h - lr : r.w / 2;
        if (legend && lr >= 1 && rows >= PIE_MIN_ROWS) {
            draw_circle(c, r.x + (r.w - 2 * rows) / 2, r.y, 2 * rows, rows, sl,
                        n, sum, donut);
            int lw2 = want < r.w ? want : r.w;
            draw_list(p, c, (Rect){r.x + (r.w - lw2) / 2, r.y + rows, lw2, lr},
                      sl, n, sum);
            return;
        }
    }
    /* the proportional bar, and the legend under it */
    draw_share_bar(c, r.x, r.y, r.w, sl, n, sum);
    if (!legend || r.h < 2)
        return;
    int blank = n + 2 <= r.h; /* a blank row under the bar when all fit */
    Rect lr = {r.x, r.y + 1 + blank, r.w, r.h - 1 - blank};
    if (n <= lr.h)
        draw_list(p, c, (Rect){lr.x, lr.y, lr.w, n}, sl, n, sum);
    else
        draw_flow(p, c, lr, sl, n, sum);
}

const PanelClass pie_class = {
    .name = "pie",
    .help = "Shares of the series' current values as a pie or donut with a "
            "legend (a proportional bar in ASCII).",
    .opts = pie_opts,
    .query_mode = QM_INSTANT,
    .draw = pie_draw,
};
