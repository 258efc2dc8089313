/* canvas.c - the cell grid panels draw on: clipped, sanitised text, boxes,
 * bars, braille dot grids and big digits, each with an ASCII form. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include "canvas.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

Canvas *canvas_new(int w, int h, int ascii)
{
    Canvas *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->ascii = ascii;
    if (canvas_resize(c, w, h) < 0) {
        free(c);
        return NULL;
    }
    return c;
}

void canvas_free(Canvas *c)
{
    if (!c)
        return;
    free(c->cells);
    free(c);
}

int canvas_resize(Canvas *c, int w, int h)
{
    if (w < 0)
        w = 0;
    if (h < 0)
        h = 0;
    size_t n = (size_t)w * (size_t)h;
    Cell *cells = calloc(n ? n : 1, sizeof *cells);
    if (!cells)
        return -1;
    free(c->cells);
    c->cells = cells;
    c->w = w;
    c->h = h;
    canvas_clear(c, (Rect){0, 0, w, h}, ROLE_DEFAULT);
    return 0;
}

static Cell *cell_at(Canvas *c, int x, int y)
{
    if (x < 0 || y < 0 || x >= c->w || y >= c->h)
        return NULL;
    return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

/* Clips r to the canvas. */
static Rect clip(const Canvas *c, Rect r)
{
    if (r.x < 0) {
        r.w += r.x;
        r.x = 0;
    }
    if (r.y < 0) {
        r.h += r.y;
        r.y = 0;
    }
    if (r.x + r.w > c->w)
        r.w = c->w - r.x;
    if (r.y + r.h > c->h)
        r.h = c->h - r.y;
    if (r.w < 0)
        r.w = 0;
    if (r.h < 0)
        r.h = 0;
    return r;
}

void canvas_clear(Canvas *c, Rect r, Role role)
{
    r = clip(c, r);
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++) {
            Cell *cl = cell_at(c, x, y);
            cl->ch = ' ';
            cl->role = (uint8_t)role;
            cl->attrs = 0;
        }
}

/* Mends the neighbours when a cell that is half of a wide char is
 * overwritten, so no orphan half is left behind. */
static void unwide(Canvas *c, int x, int y)
{
    Cell *cl = cell_at(c, x, y);
    if (!cl)
        return;
    if (cl->ch == 0) {
        Cell *left = cell_at(c, x - 1, y);
        if (left)
            left->ch = ' ';
    } else {
        Cell *right = cell_at(c, x + 1, y);
        if (right && right->ch == 0)
            right->ch = ' ';
    }
}

void canvas_put(Canvas *c, int x, int y, uint32_t ch, Role role, int attrs)
{
    Cell *cl = cell_at(c, x, y);
    if (!cl)
        return;
    unwide(c, x, y);
    if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0))
        ch = '?';
    if (c->ascii && ch > 0x7e)
        ch = '?';
    cl->ch = ch;
    cl->role = (uint8_t)role;
    cl->attrs = (uint8_t)attrs;
}

/* Decodes one UTF-8 scalar from s; returns bytes used (>= 1). Invalid bytes
 * decode as U+FFFD. */
static int utf8_decode(const char *s, uint32_t *out)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *out = u[0];
        return 1;
    }
    int n;
    uint32_t v;
    if ((u[0] & 0xe0) == 0xc0) {
        n = 2;
        v = u[0] & 0x1f;
    } else if ((u[0] & 0xf0) == 0xe0) {
        n = 3;
        v = u[0] & 0x0f;
    } else if ((u[0] & 0xf8) == 0xf0) {
        n = 4;
        v = u[0] & 0x07;
    } else {
        *out = 0xfffd;
        return 1;
    }
    for (int i = 1; i < n; i++) {
        if ((u[i] & 0xc0) != 0x80) {
            *out = 0xfffd;
            return i;
        }
        v = (v << 6) | (u[i] & 0x3f);
    }
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < min[n] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        v = 0xfffd;
    *out = v;
    return n;
}

/* Columns `ch` takes once sanitised: control -> '?' (1), combining -> 0. */
static int glyph_width(uint32_t ch, int ascii)
{
    if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0))
        return 1;
    if (ascii)
        return 1;
    int w = wcwidth((wchar_t)ch);
    if (w < 0)
        return 1;
    return w > 2 ? 2 : w;
}

int canvas_text_width(const char *s)
{
    int w = 0;
    while (s && *s) {
        uint32_t ch;
        s += utf8_decode(s, &ch);
        w += glyph_width(ch, 0);
    }
    return w;
}

/* Width of s as drawn on c (ASCII mode counts one column per scalar). */
static int text_width_on(const Canvas *c, const char *s)
{
    int w = 0;
    while (s && *s) {
        uint32_t ch;
        s += utf8_decode(s, &ch);
        w += glyph_width(ch, c->ascii);
    }
    return w;
}

int canvas_text_ex(Canvas *c, int x, int y, int maxw, const char *s, Role role,
                   int attrs, int ellipsis)
{
    if (!s || maxw <= 0)
        return 0;
    int total = text_width_on(c, s);
    int cut = total > maxw;
    int room = cut && ellipsis ? maxw - 1 : maxw;
    int col = 0;
    while (*s) {
        uint32_t ch;
        s += utf8_decode(s, &ch);
        int gw = glyph_width(ch, c->ascii);
        if (gw == 0)
            continue; /* combining marks are dropped, never stacked */
        if (col + gw > room)
            break;
        if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0))
            ch = '?';
        if (c->ascii && ch > 0x7e)
            ch = '?';
        canvas_put(c, x + col, y, ch, role, attrs);
        if (gw == 2) {
            Cell *right = cell_at(c, x + col + 1, y);
            if (right) {
                unwide(c, x + col + 1, y);
                right->ch = 0;
                right->role = (uint8_t)role;
                right->attrs = (uint8_t)attrs;
            } else {
                /* a wide char cut by the canvas edge becomes a blank */
                Cell *cl = cell_at(c, x + col, y);
                if (cl)
                    cl->ch = ' ';
            }
        }
        col += gw;
    }
    if (cut && ellipsis && col < maxw) {
        canvas_put(c, x + col, y, c->ascii ? '~' : 0x2026, role, attrs);
        col++;
    }
    return col;
}

int canvas_text(Canvas *c, int x, int y, int maxw, const char *s, Role role,
                int attrs)
{
    return canvas_text_ex(c, x, y, maxw, s, role, attrs, 1);
}

/* Byte offset in s where its last `cols` columns (or fewer) start. */
static size_t tail_start(const Canvas *c, const char *s, int cols)
{
    int w = text_width_on(c, s);
    const char *p = s;
    while (*p && w > cols) {
        uint32_t ch;
        int k = utf8_decode(p, &ch);
        w -= glyph_width(ch, c->ascii);
        p += k;
    }
    return (size_t)(p - s);
}

/* Bytes of the longest start of s that fits in `cols` columns. */
static size_t head_bytes(const Canvas *c, const char *s, int cols)
{
    const char *p = s;
    int w = 0;
    while (*p) {
        uint32_t ch;
        int k = utf8_decode(p, &ch);
        int gw = glyph_width(ch, c->ascii);
        if (w + gw > cols)
            break;
        w += gw;
        p += k;
    }
    return (size_t)(p - s);
}

/* Appends bytes [a, a + k) of s, and then "…" when `dots`, to buf (size n,
 * length *len). */
static void cat_part(const Canvas *c, char *buf, size_t n, size_t *len,
                     const char *a, size_t k, int dots)
{
    if (*len + k >= n)
        k = n - 1 - *len;
    memcpy(buf + *len, a, k);
    *len += k;
    const char *e = c->ascii ? "~" : "\xe2\x80\xa6";
    size_t ek = strlen(e);
    if (dots && *len + ek < n) {
        memcpy(buf + *len, e, ek);
        *len += ek;
    }
    buf[*len] = 0;
}

/* s cut in the middle to maxw columns: its first `head` columns (-1: two
 * fifths of the room), "…", its end. */
static void cut_middle(const Canvas *c, const char *s, int maxw, int head,
                       char *buf, size_t n)
{
    size_t len = 0;
    if (text_width_on(c, s) <= maxw || maxw < 4) {
        cat_part(c, buf, n, &len, s, head_bytes(c, s, maxw), 0);
        return;
    }
    if (head < 0 || head > maxw - 1)
        head = (maxw - 1) * 2 / 5;
    int tail = maxw - 1 - head;
    cat_part(c, buf, n, &len, s, head_bytes(c, s, head), 1);
    const char *t = s + tail_start(c, s, tail);
    cat_part(c, buf, n, &len, t, strlen(t), 0);
}

typedef struct {
    const char *name;
    char cut[256];
} LabelCut;

static int labelcut_cmp(const void *a, const void *b)
{
    return strcmp(((const LabelCut *)a)->cut, ((const LabelCut *)b)->cut);
}

/* 1 when cutting every name of set with `head` keeps different names
 * apart. */
static int split_works(const Canvas *c, const char *const *set, int n, int maxw,
                       int head, LabelCut *tmp)
{
    for (int i = 0; i < n; i++) {
        tmp[i].name = set[i] ? set[i] : "";
        cut_middle(c, tmp[i].name, maxw, head, tmp[i].cut, sizeof tmp[i].cut);
    }
    qsort(tmp, (size_t)n, sizeof *tmp, labelcut_cmp);
    for (int i = 1; i < n; i++)
        if (!strcmp(tmp[i].cut, tmp[i - 1].cut) &&
            strcmp(tmp[i].name, tmp[i - 1].name))
            return 0;
    return 1;
}

/* The head that keeps every name of set apart when cut to maxw columns:
 * maxw - 1 (an end cut) when that does, else the nearest to two fifths of
 * the room; -1 when none does. */
static int label_split(const Canvas *c, const char *const *set, int n, int maxw)
{
    int def = (maxw - 1) * 2 / 5;
    if (n < 2 || maxw < 4)
        return maxw - 1;
    LabelCut *tmp = malloc(sizeof *tmp * (size_t)n);
    if (!tmp)
        return maxw - 1;
    /* the end cut reads best; else a middle one near two fifths */
    int found = split_works(c, set, n, maxw, maxw - 1, tmp) ? maxw - 1 : -1;
    for (int k = 0; k < maxw && found < 0; k++) {
        int h[2] = {def - k, def + k};
        for (int j = 0; j < (k ? 2 : 1) && found < 0; j++)
            if (h[j] >= 0 && h[j] <= maxw - 1 &&
                split_works(c, set, n, maxw, h[j], tmp))
                found = h[j];
    }
    free(tmp);
    return found;
}

/* s cut to maxw columns around byte d, where it differs from a name
 * that would otherwise read the same: its start when d lies there, its end
 * when d lies there, else a window from just before d, "…" either side. */
static void cut_around(const Canvas *c, const char *s, size_t d, int maxw,
                       char *buf, size_t n)
{
    size_t len = 0, sl = strlen(s);
    if (text_width_on(c, s) <= maxw || maxw < 3) {
        cat_part(c, buf, n, &len, s, head_bytes(c, s, maxw), 0);
        return;
    }
    size_t h = head_bytes(c, s, maxw - 1);
    if (d < h) { /* the start shows it */
        cat_part(c, buf, n, &len, s, h, 1);
        return;
    }
    size_t t = tail_start(c, s, maxw - 1);
    if (d >= t) { /* the end shows it */
        cat_part(c, buf, n, &len, "", 0, 1);
        cat_part(c, buf, n, &len, s + t, sl - t, 0);
        return;
    }
    size_t a = d > 0 ? d - 1 : 0;
    while (a > 0 && ((unsigned char)s[a] & 0xc0) == 0x80)
        a--; /* a character's first byte */
    cat_part(c, buf, n, &len, "", 0, 1);
    cat_part(c, buf, n, &len, s + a, head_bytes(c, s + a, maxw - 2), 1);
}

void canvas_label_text(const Canvas *c, const char *s, int maxw,
                       const char *const *set, int nset, char *buf, size_t n)
{
    if (!s || n == 0 || maxw <= 0) {
        if (n)
            buf[0] = 0;
        return;
    }
    cut_middle(c, s, maxw, -1, buf, n);
    if (text_width_on(c, s) <= maxw)
        return;
    /* two different names that read the same once cut: the whole set is
     * cut elsewhere, the same way for all */
    int head = label_split(c, set, nset, maxw);
    if (head >= 0) {
        cut_middle(c, s, maxw, head, buf, n);
        return;
    }
    char other[256];
    size_t d = 0; /* no split does: around where s differs */
    for (int i = 0; i < nset; i++) {
        if (!set[i] || !strcmp(set[i], s))
            continue;
        cut_middle(c, set[i], maxw, -1, other, sizeof other);
        size_t k = 0;
        while (s[k] && s[k] == set[i][k])
            k++;
        if (!strcmp(other, buf) && k > d)
            d = k;
    }
    cut_around(c, s, d, maxw, buf, n);
}

int canvas_label_among(Canvas *c, int x, int y, int maxw, const char *s,
                       const char *const *set, int nset, Role role, int attrs)
{
    if (!s || maxw <= 0)
        return 0;
    char buf[512];
    canvas_label_text(c, s, maxw, set, nset, buf, sizeof buf);
    return canvas_text_ex(c, x, y, maxw, buf, role, attrs, 0);
}

int canvas_label(Canvas *c, int x, int y, int maxw, const char *s, Role role,
                 int attrs)
{
    return canvas_label_among(c, x, y, maxw, s, NULL, 0, role, attrs);
}

int canvas_text_right(Canvas *c, int x, int y, int maxw, const char *s,
                      Role role, int attrs)
{
    int w = text_width_on(c, s);
    if (w > maxw)
        w = maxw;
    return canvas_text(c, x + maxw - w, y, w, s, role, attrs);
}

void canvas_hline(Canvas *c, int x, int y, int w, Role role)
{
    for (int i = 0; i < w; i++)
        canvas_put(c, x + i, y, c->ascii ? '-' : 0x2500, role, 0);
}

void canvas_vline(Canvas *c, int x, int y, int h, Role role)
{
    for (int i = 0; i < h; i++)
        canvas_put(c, x, y + i, c->ascii ? '|' : 0x2502, role, 0);
}

/* A box around r drawn with glyphs g: the horizontal and vertical lines,
 * then the corners top-left, top-right, bottom-left, bottom-right. */
static void box_with(Canvas *c, Rect r, Role border, const char *title,
                     Role title_role, const uint32_t g[6])
{
    if (r.w < 2 || r.h < 2)
        return;
    for (int i = 1; i < r.w - 1; i++) {
        canvas_put(c, r.x + i, r.y, g[0], border, 0);
        canvas_put(c, r.x + i, r.y + r.h - 1, g[0], border, 0);
    }
    for (int i = 1; i < r.h - 1; i++) {
        canvas_put(c, r.x, r.y + i, g[1], border, 0);
        canvas_put(c, r.x + r.w - 1, r.y + i, g[1], border, 0);
    }
    canvas_put(c, r.x, r.y, g[2], border, 0);
    canvas_put(c, r.x + r.w - 1, r.y, g[3], border, 0);
    canvas_put(c, r.x, r.y + r.h - 1, g[4], border, 0);
    canvas_put(c, r.x + r.w - 1, r.y + r.h - 1, g[5], border, 0);
    if (title && *title && r.w > 4) {
        canvas_put(c, r.x + 1, r.y, ' ', title_role, 0);
        int n =
            canvas_text(c, r.x + 2, r.y, r.w - 5, title, title_role, TA_BOLD);
        canvas_put(c, r.x + 2 + n, r.y, ' ', title_role, 0);
    }
}

void canvas_box(Canvas *c, Rect r, Role border, const char *title,
                Role title_role)
{
    static const uint32_t line[6] = {0x2500, 0x2502, 0x256d,
                                     0x256e, 0x2570, 0x256f};
    static const uint32_t ascii[6] = {'-', '|', '+', '+', '+', '+'};
    box_with(c, r, border, title, title_role, c->ascii ? ascii : line);
}

void canvas_box_heavy(Canvas *c, Rect r, Role border, const char *title,
                      Role title_role)
{
    static const uint32_t heavy[6] = {0x2501, 0x2503, 0x250f,
                                      0x2513, 0x2517, 0x251b};
    static const uint32_t ascii[6] = {'=', '|', '#', '#', '#', '#'};
    box_with(c, r, border, title, title_role, c->ascii ? ascii : heavy);
}

uint32_t canvas_bar_glyph(Role role)
{
    static const char fills[ROLE_SERIES_COUNT] = {'#', '=', '%', '@',
                                                  '+', 'x', 'o', '*'};
    if (role >= ROLE_SERIES1 && role < ROLE_SERIES1 + ROLE_SERIES_COUNT)
        return (uint32_t)fills[role - ROLE_SERIES1];
    return '#';
}

void canvas_hbar(Canvas *c, int x, int y, int w, double frac, Role role)
{
    if (w <= 0 || !(frac > 0))
        return;
    if (frac > 1)
        frac = 1;
    if (c->ascii) {
        int n = (int)lround(frac * w);
        for (int i = 0; i < n; i++)
            canvas_put(c, x + i, y, '#', role, 0);
        return;
    }
    int eighths = (int)lround(frac * w * 8);
    int full = eighths / 8, part = eighths % 8;
    for (int i = 0; i < full; i++)
        canvas_put(c, x + i, y, 0x2588, role, 0);
    if (part && full < w)
        canvas_put(c, x + full, y, 0x2590 - part, role, 0); /* ▏..▉ */
}

void canvas_vbar(Canvas *c, int x, int y, int h, double frac, Role role)
{
    if (h <= 0 || !(frac > 0))
        return;
    if (frac > 1)
        frac = 1;
    if (c->ascii) {
        int n = (int)lround(frac * h);
        for (int i = 0; i < n; i++)
            canvas_put(c, x, y - i, '#', role, 0);
        return;
    }
    int eighths = (int)lround(frac * h * 8);
    int full = eighths / 8, part = eighths % 8;
    for (int i = 0; i < full; i++)
        canvas_put(c, x, y - i, 0x2588, role, 0);
    if (part && full < h)
        canvas_put(c, x, y - full, 0x2580 + part, role, 0); /* ▁..▇ */
}

uint32_t canvas_spark_glyph(const Canvas *c, double level)
{
    static const char ascii[] = "_.-=#";
    if (!(level >= 0))
        level = 0;
    if (level > 1)
        level = 1;
    if (c->ascii)
        return (uint32_t)ascii[(int)lround(level * 4)];
    return 0x2581 + (uint32_t)lround(level * 7); /* ▁..█ */
}

uint32_t canvas_series_glyph(Role role)
{
    static const char marks[ROLE_SERIES_COUNT] = {'*', 'o', '+', 'x',
                                                  '@', '%', '&', '='};
    if (role >= ROLE_SERIES1 && role < ROLE_SERIES1 + ROLE_SERIES_COUNT)
        return (uint32_t)marks[role - ROLE_SERIES1];
    return '*';
}

uint32_t canvas_legend_mark(const Canvas *c, Role role)
{
    static const uint32_t shapes[ROLE_SERIES_COUNT] = {
        0x25cf, 0x25a0, 0x25b2, 0x25c6, 0x25bc, 0x25cb, 0x25a1, 0x25b3};
    if (c->ascii)
        return canvas_series_glyph(role);
    if (c->mono && role >= ROLE_SERIES1 &&
        role < ROLE_SERIES1 + ROLE_SERIES_COUNT)
        return shapes[role - ROLE_SERIES1];
    return 0x25cf;
}

uint32_t canvas_bar_fill(const Canvas *c, Role role)
{
    static const uint32_t shades[4] = {0x2588, 0x2593, 0x2592, 0x2591};
    if (c->ascii)
        return canvas_bar_glyph(role);
    if (c->mono && role >= ROLE_SERIES1 &&
        role < ROLE_SERIES1 + ROLE_SERIES_COUNT)
        return shades[(role - ROLE_SERIES1) % 4];
    return 0x2588;
}

/* ---- dot grid ------------------------------------------------------------ */

int dotgrid_init(DotGrid *g, Canvas *c, Rect r)
{
    memset(g, 0, sizeof *g);
    r = clip(c, r);
    g->c = c;
    g->r = r;
    g->dw = r.w * (c->ascii ? 1 : 2);
    g->dh = r.h * (c->ascii ? 1 : 4);
    size_t n = (size_t)r.w * (size_t)r.h;
    g->dots = calloc(n ? n : 1, 1);
    g->role = calloc(n ? n : 1, 1);
    if (!g->dots || !g->role) {
        free(g->dots);
        free(g->role);
        g->dots = g->role = NULL;
        g->dw = g->dh = 0;
        return -1;
    }
    return 0;
}

void dotgrid_set(DotGrid *g, int dx, int dy, Role role)
{
    if (dx < 0 || dy < 0 || dx >= g->dw || dy >= g->dh)
        return;
    static const uint8_t bit[4][2] = {
        {0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
    int sx = g->c->ascii ? 1 : 2, sy = g->c->ascii ? 1 : 4;
    size_t i = (size_t)(dy / sy) * (size_t)g->r.w + (size_t)(dx / sx);
    g->dots[i] |= g->c->ascii ? 1 : bit[dy % 4][dx % 2];
    g->role[i] = (uint8_t)role;
}

void dotgrid_line(DotGrid *g, int x0, int y0, int x1, int y1, Role role)
{
    int dx = abs(x1 - x0), dy = -abs(y1 - y0);
    int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    int err = dx + dy;
    for (int guard = 0; guard < 100000; guard++) {
        dotgrid_set(g, x0, y0, role);
        if (x0 == x1 && y0 == y1)
            break;
        int e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            x0 += sx;
        }
        if (e2 <= dx) {
            err += dx;
            y0 += sy;
        }
    }
}

void dotgrid_flush(DotGrid *g)
{
    if (!g->dots)
        return;
    for (int y = 0; y < g->r.h; y++)
        for (int x = 0; x < g->r.w; x++) {
            size_t i = (size_t)y * (size_t)g->r.w + (size_t)x;
            if (!g->dots[i])
                continue;
            uint32_t ch = g->c->ascii ? canvas_series_glyph((Role)g->role[i])
                                      : 0x2800u + g->dots[i];
            canvas_put(g->c, g->r.x + x, g->r.y + y, ch, (Role)g->role[i], 0);
        }
    free(g->dots);
    free(g->role);
    g->dots = g->role = NULL;
}

/* ---- big digits ---------------------------------------------------------- */

/* A 3x5 pixel font. Each row is 3 bits (bit 2 left); narrow glyphs use the
 * middle column only. Drawn with half blocks, two pixel rows per cell at
 * scale 1 (a glyph takes 3 columns and 3 rows), each pixel scale x scale
 * half cells at larger scales. ASCII draws seven-segment glyphs at scale 1
 * and '#' for any lit cell above. */
typedef struct {
    char ch;
    uint8_t rows[5];
} BigGlyph;

static const BigGlyph big_font[] = {
    {'0', {7, 5, 5, 5, 7}}, {'1', {2, 6, 2, 2, 7}}, {'2', {7, 1, 7, 4, 7}},
    {'3', {7, 1, 7, 1, 7}}, {'4', {5, 5, 7, 1, 1}}, {'5', {7, 4, 7, 1, 7}},
    {'6', {7, 4, 7, 5, 7}}, {'7', {7, 1, 1, 1, 1}}, {'8', {7, 5, 7, 5, 7}},
    {'9', {7, 5, 7, 1, 7}}, {'.', {0, 0, 0, 0, 2}}, {',', {0, 0, 0, 2, 2}},
    {'%', {5, 1, 2, 4, 5}}, {'-', {0, 0, 7, 0, 0}}, {'+', {0, 2, 7, 2, 0}},
    {' ', {0, 0, 0, 0, 0}}, {':', {0, 2, 0, 2, 0}},
};

static const BigGlyph *big_find(char ch)
{
    for (size_t i = 0; i < sizeof big_font / sizeof big_font[0]; i++)
        if (big_font[i].ch == ch)
            return &big_font[i];
    return NULL;
}

static int big_narrow(char ch)
{
    return ch == '.' || ch == ',' || ch == ':' || ch == ' ';
}

/* Pixel (col, prow) of glyph g; rows beyond the font's five are blank. */
static int big_pixel(const BigGlyph *g, int narrow, int col, int prow)
{
    if (prow >= 5)
        return 0;
    return narrow ? (g->rows[prow] & 2) != 0 : (g->rows[prow] >> (2 - col)) & 1;
}

/* ASCII big glyphs, 3 rows of 3 columns (1 for narrow ones), in the
 * seven-segment style ("|_|"), which stays readable where half blocks
 * would collapse into shapeless '#'. */
static uint32_t big_ascii(char ch, int col, int row)
{
    static const struct {
        char ch;
        const char *rows[3];
    } font[] = {
        {'0', {" _ ", "| |", "|_|"}}, {'1', {"   ", "  |", "  |"}},
        {'2', {" _ ", " _|", "|_ "}}, {'3', {" _ ", " _|", " _|"}},
        {'4', {"   ", "|_|", "  |"}}, {'5', {" _ ", "|_ ", " _|"}},
        {'6', {" _ ", "|_ ", "|_|"}}, {'7', {" _ ", "  |", "  |"}},
        {'8', {" _ ", "|_|", "|_|"}}, {'9', {" _ ", "|_|", " _|"}},
        {'%', {"o /", " / ", "/ o"}}, {'-', {"   ", "---", "   "}},
        {'+', {"   ", "-+-", "   "}}, {'.', {" ", " ", "."}},
        {',', {" ", " ", ","}},       {':', {" ", ":", " "}},
    };
    for (size_t i = 0; i < sizeof font / sizeof font[0]; i++)
        if (font[i].ch == ch && col < (int)strlen(font[i].rows[row]))
            return (uint32_t)font[i].rows[row][col];
    return ' ';
}

int canvas_bigtext_height(int scale)
{
    return scale < 1 ? 0 : (5 * scale + 1) / 2;
}

/* Bytes of the run of characters at p that the font does not have. */
static size_t small_run(const char *p)
{
    size_t k = 0;
    while (p[k] && !big_find(p[k]))
        k++;
    return k;
}

/* Columns the k bytes at p take as text (UTF-8 lead bytes counted). */
static int small_cols(const char *p, size_t k)
{
    int n = 0;
    for (size_t i = 0; i < k; i++)
        n += ((unsigned char)p[i] & 0xc0) != 0x80;
    return n;
}

int canvas_bigtext_width_scaled(const char *s, int scale)
{
    /* Glyphs are 3 pixels wide (1 for '.', ',', ':' and ' '), one pixel apart;
     * characters not in the font are drawn small (one column) on the last
     * row. A pixel is `scale` columns wide. */
    if (scale < 1)
        return 0;
    int width = 0;
    for (const char *p = s; *p;) {
        const BigGlyph *g = big_find(*p);
        if (g) {
            width += (big_narrow(*p) ? 1 : 3) * scale + scale;
            p++;
            continue;
        }
        size_t k = small_run(p); /* drawn small, as one piece */
        width += small_cols(p, k) + scale;
        p += k;
    }
    return width > 0 ? width - scale : 0;
}

int canvas_bigtext_width(const char *s)
{
    return canvas_bigtext_width_scaled(s, 1);
}

int canvas_bigtext_fit(const char *s, int w, int h, int max)
{
    int best = 0;
    for (int k = 1; k <= max; k++) {
        int bw = canvas_bigtext_width_scaled(s, k);
        if (bw == 0 || bw > w || canvas_bigtext_height(k) > h)
            break; /* both grow with the scale */
        best = k;
    }
    return best;
}

/* The tag of a critical or warning value beside its big digits; NULL for
 * other roles. */
static const char *bigtext_tag(const Canvas *c, Role role)
{
    return role == ROLE_CRIT   ? (c->ascii ? " ! " : " \xe2\x80\xbc ")
           : role == ROLE_WARN ? (c->ascii ? " ^ " : " \xe2\x96\xb2 ")
                               : NULL;
}

int canvas_bigtext_tag_width(const Canvas *c, Role role)
{
    const char *tag = bigtext_tag(c, role);
    return tag ? text_width_on(c, tag) + 1 : 0;
}

int canvas_bigtext_scaled(Canvas *c, Rect r, const char *s, Role role,
                          int scale)
{
    int width = canvas_bigtext_width_scaled(s, scale);
    int height = canvas_bigtext_height(scale);
    if (width == 0 || width > r.w || height > r.h)
        return -1;
    /* a critical or warning value carries a mark that needs no colour: a
     * small reversed tag left of the digits (the digits themselves are
     * never reversed: a negative of block digits reads as blots) */
    const char *tag = bigtext_tag(c, role);
    int tw = canvas_bigtext_tag_width(c, role);
    int beside = tag && width + tw <= r.w;
    int x = r.x + (r.w - width - (beside ? tw : 0)) / 2 + (beside ? tw : 0);
    int y = r.y + (r.h - height) / 2;
    if (tag) {
        int tx = beside ? x - tw : r.x,
            ty = beside ? y + (height - 1) / 2 : r.y;
        canvas_text_ex(c, tx, ty, tw - 1, tag, role, TA_BOLD | TA_REVERSE, 0);
    }
    for (const char *p = s; *p; p++) {
        const BigGlyph *g = big_find(*p);
        if (!g) { /* a unit ("/day", " h"): small, on the last row */
            size_t k = small_run(p);
            char run[64];
            snprintf(run, sizeof run, "%.*s", (int)(k < 63 ? k : 63), p);
            int cols = small_cols(p, k);
            canvas_text(c, x, y + height - 1, cols, run, role, TA_BOLD);
            x += cols + scale;
            p += k - 1;
            continue;
        }
        int narrow = big_narrow(*p), gw = (narrow ? 1 : 3) * scale;
        /* cell (col, row) shows pixel rows 2*row and 2*row+1 (in half
         * rows) of pixel column col, each pixel `scale` of them */
        for (int row = 0; row < height; row++)
            for (int col = 0; col < gw; col++) {
                int up = big_pixel(g, narrow, col / scale, 2 * row / scale);
                int down =
                    big_pixel(g, narrow, col / scale, (2 * row + 1) / scale);
                uint32_t ch = ' ';
                if (c->ascii && scale == 1)
                    ch = big_ascii(*p, col, row);
                else if (c->ascii)
                    ch = up || down ? '#' : ' ';
                else if (up && down)
                    ch = 0x2588; /* full block */
                else if (up)
                    ch = 0x2580; /* upper half */
                else if (down)
                    ch = 0x2584; /* lower half */
                canvas_put(c, x + col, y + row, ch, role, CELL_SOLID);
            }
        x += gw + scale;
    }
    return 0;
}

int canvas_bigtext(Canvas *c, Rect r, const char *s, Role role)
{
    return canvas_bigtext_scaled(c, r, s, role, 1);
}

void canvas_cell_look(const Cell *cl, int attrs, uint32_t *ch, int *out)
{
    *ch = cl->ch;
    *out = attrs & ~CELL_SOLID;
    if ((attrs & CELL_SOLID)) { /* big digits: as they are, never reversed
                                   nor underlined (a line through each row) */
        *out &= ~(TA_REVERSE | TA_UNDERLINE);
        return;
    }
    if (!(attrs & TA_REVERSE) || cl->ch < 0x2580 || cl->ch > 0x259f)
        return;
    if (cl->ch == 0x2588)
        *ch = ' '; /* a reversed blank looks like the full block */
    else
        *out = attrs & ~(TA_REVERSE | CELL_SOLID);
}

int canvas_differs(const Canvas *a, const Canvas *b, Rect r)
{
    if (a->w != b->w || a->h != b->h)
        return 1;
    r = clip(a, r);
    for (int y = r.y; y < r.y + r.h; y++) {
        size_t i = (size_t)y * (size_t)a->w + (size_t)r.x;
        if (memcmp(&a->cells[i], &b->cells[i], (size_t)r.w * sizeof(Cell)))
            return 1;
    }
    return 0;
}

int canvas_utf8_encode(uint32_t ch, char *out)
{
    if (ch < 0x80) {
        out[0] = (char)ch;
        return 1;
    }
    if (ch < 0x800) {
        out[0] = (char)(0xc0 | (ch >> 6));
        out[1] = (char)(0x80 | (ch & 0x3f));
        return 2;
    }
    if (ch < 0x10000) {
        out[0] = (char)(0xe0 | (ch >> 12));
        out[1] = (char)(0x80 | ((ch >> 6) & 0x3f));
        out[2] = (char)(0x80 | (ch & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (ch >> 18));
    out[1] = (char)(0x80 | ((ch >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((ch >> 6) & 0x3f));
    out[3] = (char)(0x80 | (ch & 0x3f));
    return 4;
}

int canvas_row_text(const Canvas *c, int y, char *buf, int n)
{
    int len = 0, keep = 0;
    if (n <= 0)
        return 0;
    buf[0] = 0;
    if (y < 0 || y >= c->h)
        return 0;
    for (int x = 0; x < c->w; x++) {
        const Cell *cl = &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
        if (cl->ch == 0)
            continue;
        char tmp[4];
        int k = canvas_utf8_encode(cl->ch, tmp);
        if (len + k >= n)
            break;
        memcpy(buf + len, tmp, (size_t)k);
        len += k;
        if (cl->ch != ' ')
            keep = len;
    }
    buf[keep] = 0;
    return keep;
}

int canvas_wrap(Canvas *c, Rect r, const char *s, Role role)
{
    int row = 0;
    if (!s || r.w <= 0)
        return 0;
    while (*s && row < r.h) {
        while (*s == ' ')
            s++;
        /* take as many whole words as fit in r.w columns */
        const char *p = s, *cut = NULL;
        int cols = 0;
        while (*p) {
            uint32_t ch;
            int k = utf8_decode(p, &ch);
            int gw = glyph_width(ch, c->ascii);
            if (cols + gw > r.w)
                break;
            cols += gw;
            p += k;
            if (*p == ' ' || !*p)
                cut = p;
        }
        if (!*p)
            cut = p;
        if (!cut || cut == s)
            cut = p; /* one word longer than the line: break it */
        if (cut == s)
            break;
        char line[1024];
        size_t n = (size_t)(cut - s) < sizeof line - 1 ? (size_t)(cut - s)
                                                       : sizeof line - 1;
        memcpy(line, s, n);
        line[n] = 0;
        int last = row == r.h - 1 && *cut;
        canvas_text_ex(c, r.x, r.y + row, r.w, last ? s : line, role, 0, 1);
        s = cut;
        row++;
    }
    return row;
}
