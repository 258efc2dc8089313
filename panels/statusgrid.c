/* statusgrid.c - the "statusgrid" panel kind: a coloured tile per series,
 * named and marked UP or DOWN (or its value against thresholds), sorted by
 * name and laid out in a grid that fills the rect, with a count of those
 * up in the last row. Small rects get compact tiles: a mark and a name. */
#include "panel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

#define SG_MAX 1024 /* tiles at most */
#define SG_NAME 48  /* bytes of a tile's name */

static const OptSpec statusgrid_opts[] = {
    {.name = "up_text",
     .type = OPT_STRING,
     .def = "UP",
     .help = "Status shown for a value above 0 (no thresholds)."},
    {.name = "down_text",
     .type = OPT_STRING,
     .def = "DOWN",
     .help = "Status shown for a value of 0 (no thresholds)."},
    {.name = "columns",
     .type = OPT_INT,
     .def = "0",
     .flags = OPT_MIN | OPT_MAX,
     .min = 0,
     .max = 1000,
     .help = "Tiles per row (0: as many as fit)."},
    {0},
};

typedef struct {
    char name[SG_NAME];
    char status[32];
    Role role;
} Tile;

/* Compares names so that "agent-9" sorts before "agent-10". */
static int natural_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
            while (*a == '0')
                a++;
            while (*b == '0')
                b++;
            size_t la = strspn(a, "0123456789"), lb = strspn(b, "0123456789");
            if (la != lb)
                return la < lb ? -1 : 1;
            int c = strncmp(a, b, la);
            if (c)
                return c;
            a += la;
            b += lb;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    return *a ? 1 : *b ? -1 : 0;
}

static int tile_cmp(const void *x, const void *y)
{
    const Tile *a = x, *b = y;
    return natural_cmp(a->name, b->name);
}

/* The status of value v of query qi: a value mapping's text when one
 * matches, else the value against thresholds when set, else UP above 0
 * and DOWN otherwise (NaN: "?"). */
static void tile_status(const Panel *p, int qi, double v, Tile *t)
{
    char mapped[32], plain[32];
    panel_format(p, qi, v, mapped, sizeof mapped);
    format_value(v, panel_unit(p, qi), panel_decimals(p, qi), plain,
                 sizeof plain);
    const Thresholds *th = panel_thresholds(p, qi);
    int thresholds = th->set && th->n > 0;
    if (strcmp(mapped, plain) || thresholds) {
        snprintf(t->status, sizeof t->status, "%s", mapped);
        t->role = panel_value_role(p, qi, v, v > 0 ? ROLE_OK : ROLE_CRIT);
    } else if (isnan(v)) {
        snprintf(t->status, sizeof t->status, "?");
        t->role = ROLE_DIM;
    } else if (v > 0) {
        snprintf(t->status, sizeof t->status, "%s",
                 panel_opt_str(p, "up_text", "UP"));
        t->role = ROLE_OK;
    } else {
        snprintf(t->status, sizeof t->status, "%s",
                 panel_opt_str(p, "down_text", "DOWN"));
        t->role = ROLE_CRIT;
    }
}

/* Collects a tile per series (at most max); returns the count, *total the
 * full one, *ok how many of all are OK. */
static int sg_tiles(const Panel *p, Tile *t, int max, int *total, int *ok)
{
    int n = 0;
    *total = *ok = 0;
    for (int qi = 0; qi < p->conf->nqueries; qi++) {
        const Result *res = panel_result(p, qi);
        for (int i = 0; res && i < res->nseries; i++) {
            Tile one, *tile = n < max ? &t[n] : &one;
            (*total)++;
            tile_status(p, qi, series_last(&res->series[i]), tile);
            *ok += tile->role == ROLE_OK;
            if (tile == &one)
                continue;
            panel_series_name(p, qi, &res->series[i], tile->name,
                              sizeof tile->name);
            if (!tile->name[0])
                snprintf(tile->name, sizeof tile->name, "-");
            n++;
        }
    }
    return n;
}

/* The mark of a state without colour: ● ok, ▲ warning, ✖ critical (# ! X
 * in ASCII), '?' for others. */
static uint32_t state_mark(const Canvas *c, Role role)
{
    if (c->ascii)
        return role == ROLE_OK     ? '#'
               : role == ROLE_WARN ? '!'
               : role == ROLE_CRIT ? 'X'
                                   : '?';
    return role == ROLE_OK     ? 0x25cf
           : role == ROLE_WARN ? 0x25b2
           : role == ROLE_CRIT ? 0x2716
                               : '?';
}

/* A full tile: reverse video in its role, on its middle row a mark of its
 * state (state_mark: colour alone does not tell red from green for every
 * eye), the name, and the status at right. Without colour only the tiles
 * not OK are reversed. */
static void draw_tile(Canvas *c, Rect r, const Tile *t, const char *const *set,
                      int nset)
{
    int rev = c->mono && t->role == ROLE_OK ? 0 : TA_REVERSE;
    for (int y = 0; y < r.h; y++)
        for (int x = 0; x < r.w; x++)
            canvas_put(c, r.x + x, r.y + y, ' ', t->role, rev);
    int y = r.y + (r.h - 1) / 2;
    int inner = r.w - 2 > 0 ? r.w - 2 : r.w;
    int x = r.w - 2 > 0 ? r.x + 1 : r.x;
    if (inner >= 8) {
        canvas_put(c, x, y, state_mark(c, t->role), t->role, rev | TA_BOLD);
        x += 2;
        inner -= 2;
    }
    int sw = canvas_text_width(t->status);
    if (sw > inner)
        sw = inner;
    int nw = inner - sw - 1;
    if (nw > 0)
        canvas_label_among(c, x, y, nw, t->name, set, nset, t->role, rev);
    canvas_text_right(c, x + inner - sw, y, sw, t->status, t->role,
                      rev | TA_BOLD);
}

/* A compact tile: a mark in the tile's role and the name; names of tiles
 * not OK take the role too, and without colour the mark's shape tells the
 * state (state_mark). */
static void draw_compact(Canvas *c, int x, int y, int w, const Tile *t,
                         const char *const *set, int nset)
{
    uint32_t mark = c->ascii || c->mono ? state_mark(c, t->role) : 0x2588;
    canvas_put(c, x, y, mark, t->role, 0);
    if (w > 2)
        canvas_label_among(c, x + 2, y, w - 2, t->name, set, nset,
                           t->role == ROLE_OK ? ROLE_DEFAULT : t->role,
                           t->role == ROLE_OK ? 0 : TA_BOLD);
}

/* Columns for n tiles of natural width tw, none narrower than minw, in w
 * columns and avail rows: `want` when given, else as many as the width
 * holds at tw and at least as many as the rows need. Returns 0 when the
 * tiles would be narrower than minw or need more rows than avail. */
static int grid_cols(int n, int tw, int minw, int w, int avail, int want)
{
    int cols = want > 0 ? want : (w + 1) / (tw + 1);
    if (want <= 0 && avail > 0 && cols < (n + avail - 1) / avail)
        cols = (n + avail - 1) / avail;
    cols = cols > n ? n : cols < 1 ? 1 : cols;
    int cw = (w - (cols - 1)) / cols;
    if (cw < minw || (n + cols - 1) / cols > avail)
        return 0;
    return cols;
}

static void statusgrid_draw(const Panel *p, Canvas *c, Rect r,
                            const DrawCtx *ctx)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    if (panel_no_data(p)) {
        panel_draw_nodata(c, r);
        return;
    }
    Tile *t = malloc(sizeof *t * SG_MAX);
    if (!t)
        return;
    int total, ok, n = sg_tiles(p, t, SG_MAX, &total, &ok);
    if (n == 0) {
        panel_draw_nodata(c, r);
        free(t);
        return;
    }
    qsort(t, (size_t)n, sizeof *t, tile_cmp);
    int namew = 0, statw = 0;
    for (int i = 0; i < n; i++) {
        int k = canvas_text_width(t[i].name);
        namew = k > namew ? k : namew;
        k = canvas_text_width(t[i].status);
        statw = k > statw ? k : statw;
    }
    int want_cols = (int)panel_opt_num(p, "columns", 0);
    /* the count row, when there is a row to spare */
    int count = r.h >= 2;
    int avail = r.h - count;

    /* full tiles (a blank, name, a blank, status, a blank) when every
     * tile fits with 4 columns of its name at least, else compact ones */
    int minname = namew < 4 ? namew : 4;
    int compact = ctx->compact;
    int cols = compact ? 0
                       : grid_cols(n, namew + statw + 3, minname + statw + 3,
                                   r.w, avail, want_cols);
    if (!cols) {
        compact = 1;
        cols = grid_cols(n, namew + 2, minname + 2, r.w, avail, want_cols);
    }
    if (!cols) { /* too many even so: as many columns as hold a name */
        cols = (r.w + 1) / (minname + 3);
        cols = cols < 1 ? 1 : cols > n ? n : cols;
    }
    int gap = 1, rows = (n + cols - 1) / cols;
    /* tiles stretch to fill the width, and the height up to 3 rows */
    int cw = (r.w - gap * (cols - 1)) / cols;
    if (cw < 1)
        cw = 1;
    int shown = n;
    if (rows > avail) { /* the last visible slot says how many are left */
        rows = avail > 0 ? avail : 1;
        shown = rows * cols - 1;
        if (shown < 0)
            shown = 0;
    }
    int th = 1, vgap = 0;
    if (!compact) {
        th = avail / rows;
        th = th > 3 ? 3 : th < 1 ? 1 : th;
        vgap = rows > 1 && (th + 1) * rows - 1 <= avail ? 1 : 0;
    }
    int top = r.y + (avail - (rows * (th + vgap) - vgap)) / 2; /* centred */
    if (top < r.y)
        top = r.y;
    const char **set = malloc(sizeof *set * (size_t)n);
    for (int i = 0; set && i < n; i++)
        set[i] = t[i].name;
    int nset = set ? n : 0;
    for (int i = 0; i < shown && i < n; i++) {
        int row = i / cols, col = i % cols;
        int x = r.x + col * (cw + gap), y = top + row * (th + vgap);
        if (compact)
            draw_compact(c, x, y, cw, &t[i], set, nset);
        else
            draw_tile(c, (Rect){x, y, cw, th}, &t[i], set, nset);
    }
    free(set);
    char buf[48];
    if (shown < total) {
        int row = shown / cols, col = shown % cols;
        snprintf(buf, sizeof buf, "+%d", total - shown);
        canvas_text(c, r.x + col * (cw + gap), top + row * (th + vgap), cw, buf,
                    ROLE_DIM, 0);
    }
    if (count) { /* the last row of the rect */
        const Thresholds *thr = panel_thresholds(p, 0);
        snprintf(buf, sizeof buf, "%d/%d %s", ok, total,
                 thr->set && thr->n > 0 ? "ok" : "up");
        Role role = ok == total ? ROLE_OK : ok == 0 ? ROLE_CRIT : ROLE_WARN;
        canvas_text(c, r.x, r.y + r.h - 1, r.w, buf, role, 0);
    }
    free(t);
}

const PanelClass statusgrid_class = {
    .name = "statusgrid",
    .help = "A coloured UP/DOWN tile per series, with a count of those up.",
    .opts = statusgrid_opts,
    .query_mode = QM_INSTANT,
    .draw = statusgrid_draw,
};
