/* text.c - the "text" panel kind: static text from the layout (a note, the
 * meaning of a row of panels, a runbook link), word-wrapped to the rect,
 * left-aligned or centred. A line break in the text starts a new line; a
 * blank line stays blank. It sends no query. */
#include "panel.h"

#include <stdlib.h>
#include <string.h>

#define TEXT_MAX_W 512 /* columns wrapped at most */
#define TEXT_MAX_H 256 /* rows wrapped at most */

static const OptSpec text_opts[] = {
    {.name = "content",
     .type = OPT_STRING,
     .help = "The text shown, word-wrapped, its line breaks kept (none: \"no "
             "data\")."},
    {.name = "align",
     .type = OPT_ENUM,
     .def = "left",
     .choices = "left|center",
     .help = "Alignment of each line."},
    {0},
};

/* Returns 1 when s up to its end holds anything but blanks. */
static int has_text(const char *s)
{
    for (; *s; s++)
        if (!strchr(" \t\r\n", *s))
            return 1;
    return 0;
}

/* Columns of row y of c up to its last non-blank cell. */
static int row_used(const Canvas *c, int y)
{
    for (int x = c->w; x > 0; x--)
        if (c->cells[y * c->w + x - 1].ch != ' ')
            return x;
    return 0;
}

/* Wraps `s` into tmp, a paragraph per line of s; returns the rows used.
 * When text is left over, the last row ends in an ellipsis. */
static int text_wrap(Canvas *tmp, const char *s)
{
    int y = 0;
    while (*s && y < tmp->h) {
        size_t len = strcspn(s, "\n");
        char *line = malloc(len + 1);
        if (!line)
            break;
        size_t k = 0;
        for (size_t i = 0; i < len; i++)
            if (s[i] != '\r')
                line[k++] = s[i] == '\t' ? ' ' : s[i];
        line[k] = 0;
        if (has_text(line))
            y += canvas_wrap(tmp, (Rect){0, y, tmp->w, tmp->h - y}, line,
                             ROLE_DEFAULT);
        else
            y++; /* a blank line */
        free(line);
        s += len;
        if (*s == '\n')
            s++;
    }
    if (y > 0 && *s && has_text(s)) { /* cut: say so at the end */
        uint32_t ell = tmp->ascii ? '~' : 0x2026;
        int x = row_used(tmp, y - 1);
        if (x == 0 || tmp->cells[(y - 1) * tmp->w + x - 1].ch != ell)
            canvas_put(tmp, x < tmp->w ? x : tmp->w - 1, y - 1, ell,
                       ROLE_DEFAULT, 0);
    }
    return y;
}

/* Copies the first w cells of row ty of tmp to (x, y) of c, wide
 * characters whole. */
static void copy_row(Canvas *c, const Canvas *tmp, int ty, int w, int x, int y)
{
    if (y < 0 || y >= c->h)
        return;
    for (int tx = 0; tx < w; tx++) {
        const Cell *src = &tmp->cells[ty * tmp->w + tx];
        if (src->ch == 0)
            continue; /* the right half of a wide char, copied with it */
        int wide = tx + 1 < tmp->w && tmp->cells[ty * tmp->w + tx + 1].ch == 0;
        int cx = x + tx;
        if (!wide) {
            canvas_put(c, cx, y, src->ch, (Role)src->role, src->attrs);
        } else if (cx >= 0 && cx + 1 < c->w) {
            canvas_put(c, cx, y, ' ', (Role)src->role, src->attrs);
            canvas_put(c, cx + 1, y, ' ', (Role)src->role, src->attrs);
            c->cells[y * c->w + cx] = *src;
            c->cells[y * c->w + cx + 1] = src[1];
        } else {
            canvas_put(c, cx, y, ' ', (Role)src->role, src->attrs);
        }
    }
}

static void text_draw(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx)
{
    (void)ctx;
    if (r.w <= 0 || r.h <= 0)
        return;
    const char *s = panel_opt_str(p, "content", "");
    if (!has_text(s)) {
        panel_draw_nodata(c, r);
        return;
    }
    int centre = !strcmp(panel_opt_str(p, "align", "left"), "center");
    /* wrapped once on a scratch canvas, then placed line by line */
    Canvas *tmp = canvas_new(r.w < TEXT_MAX_W ? r.w : TEXT_MAX_W,
                             r.h < TEXT_MAX_H ? r.h : TEXT_MAX_H, c->ascii);
    if (!tmp)
        return;
    int rows = text_wrap(tmp, s);
    for (int y = 0; y < rows; y++) {
        int used = row_used(tmp, y);
        copy_row(c, tmp, y, used, r.x + (centre ? (r.w - used) / 2 : 0),
                 r.y + y);
    }
    canvas_free(tmp);
}

const PanelClass text_class = {
    .name = "text",
    .help = "Static text from the layout, word-wrapped; sends no query.",
    .opts = text_opts,
    .query_mode = 0,
    .draw = text_draw,
};
