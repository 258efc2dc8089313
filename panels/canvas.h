/* canvas.h - the grid of cells every panel draws on. The TUI copies a canvas
 * to the terminal and --once prints it, so both show the same cells. Every
 * function clips to the canvas; none writes outside it. Text is UTF-8 and
 * is sanitised: control characters become '?', width follows wcwidth(). In
 * ASCII mode (locale not UTF-8) drawing helpers use ASCII forms only. */
#ifndef PROMBOARD_CANVAS_H
#define PROMBOARD_CANVAS_H

#include <stdint.h>

#include "../themes/theme.h"

typedef struct {
    int x, y, w, h;
} Rect;

typedef struct {
    uint32_t ch;   /* Unicode scalar; 0 marks the right half of a wide char */
    uint8_t role;  /* Role */
    uint8_t attrs; /* TA_* added on top of the role's own */
} Cell;

typedef struct {
    int w, h;
    int ascii; /* 1: draw with ASCII only */
    int mono;  /* 1: shown without colour (NO_COLOR, the mono theme, a plain
                  text frame): series and states must differ by glyph */
    Cell *cells;
} Canvas;

/* Creates a w x h canvas of blanks. Returns NULL on OOM. */
Canvas *canvas_new(int w, int h, int ascii);
void canvas_free(Canvas *c);
/* Resizes (contents are blanked). Returns 0, -1 on OOM. */
int canvas_resize(Canvas *c, int w, int h);

/* Fills r with blanks of `role`. */
void canvas_clear(Canvas *c, Rect r, Role role);
/* Puts one character at (x, y). */
void canvas_put(Canvas *c, int x, int y, uint32_t ch, Role role, int attrs);
/* Writes UTF-8 `s` from (x, y), at most maxw columns; returns columns used.
 * A string too long is cut, ending in an ellipsis when `ellipsis` is set. */
int canvas_text(Canvas *c, int x, int y, int maxw, const char *s, Role role,
                int attrs);
int canvas_text_ex(Canvas *c, int x, int y, int maxw, const char *s, Role role,
                   int attrs, int ellipsis);
/* Writes a label (a series, row or slice name) from (x, y) in at most maxw
 * columns; one too long is cut in the middle ("agent-r…h4n2v"), keeping a
 * little of its start and more of its end, where names that share a
 * prefix differ. Returns columns used. */
int canvas_label(Canvas *c, int x, int y, int maxw, const char *s, Role role,
                 int attrs);
/* The same for a label among others drawn at the same width (set[0..nset),
 * s may be one of them): where another name would read the same once cut,
 * s is cut around the part where they differ instead ("…-0:8000"), so no
 * two different names show the same text. */
int canvas_label_among(Canvas *c, int x, int y, int maxw, const char *s,
                       const char *const *set, int nset, Role role, int attrs);
/* The text canvas_label_among draws, into buf. */
void canvas_label_text(const Canvas *c, const char *s, int maxw,
                       const char *const *set, int nset, char *buf, size_t n);
/* Writes `s` right-aligned so that it ends at column x + maxw - 1. */
int canvas_text_right(Canvas *c, int x, int y, int maxw, const char *s,
                      Role role, int attrs);
/* Writes `s` word-wrapped into r, one line per row, cutting what does not
 * fit (the last row ends in an ellipsis). Returns rows used. */
int canvas_wrap(Canvas *c, Rect r, const char *s, Role role);
/* Display width of UTF-8 `s` as canvas_text would draw it. */
int canvas_text_width(const char *s);

/* A box around r with `title` in its top edge (cut to fit). */
void canvas_box(Canvas *c, Rect r, Role border, const char *title,
                Role title_role);
/* The same box in heavy lines (in ASCII '#' corners and '=' edges): the
 * focused panel's, told apart without colour. */
void canvas_box_heavy(Canvas *c, Rect r, Role border, const char *title,
                      Role title_role);
void canvas_hline(Canvas *c, int x, int y, int w, Role role);
void canvas_vline(Canvas *c, int x, int y, int h, Role role);

/* The ASCII fill for bars of series `role` when several series share a
 * chart: each series role has its own (# = % @ + x o *) so stacked or
 * grouped bars stay apart; other roles '#'. canvas_bar_fill gives the
 * fill for canvas c: that in ASCII, in UTF-8 without colour a shade of its
 * own (█ ▓ ▒ ░, then again), else the full block. */
uint32_t canvas_bar_fill(const Canvas *c, Role role);
uint32_t canvas_bar_glyph(Role role);

/* A horizontal bar filling `frac` (0..1) of w columns, with eighth-block
 * precision in UTF-8 and '#' in ASCII; the rest is left as is. */
void canvas_hbar(Canvas *c, int x, int y, int w, double frac, Role role);
/* A vertical bar from the bottom row y upward, h rows tall, filling frac. */
void canvas_vbar(Canvas *c, int x, int y, int h, double frac, Role role);
/* One sparkline column glyph for level 0..1 (▁..█ or ASCII _.-=#). */
uint32_t canvas_spark_glyph(const Canvas *c, double level);

/* The mark of a series in ASCII: a glyph of its own for each series role
 * (* o + x @ % & =), '*' for other roles. Plots and legends both use it so
 * series stay apart without colour. In UTF-8 a legend shows a disc, and
 * without colour (c->mono) a shape of its own for each series role
 * (● ■ ▲ ◆ ▼ ○ □ △), which the chart also puts at each line's end. */
uint32_t canvas_series_glyph(Role role);
uint32_t canvas_legend_mark(const Canvas *c, Role role);

/* A dot grid over a rect: 2x4 dots per cell in UTF-8 (braille), 1x1 in
 * ASCII. Dots of several roles may share a cell; the last role set wins. */
typedef struct {
    Canvas *c;
    Rect r;
    int dw, dh;    /* dots across and down */
    uint8_t *dots; /* per cell: braille bit mask */
    uint8_t *role; /* per cell: role of its dots, 0 = none */
} DotGrid;

int dotgrid_init(DotGrid *g, Canvas *c, Rect r);
void dotgrid_set(DotGrid *g, int dx, int dy, Role role);
/* Draws a line between two dot positions. */
void dotgrid_line(DotGrid *g, int x0, int y0, int x1, int y1, Role role);
/* Copies the dots to the canvas (cells with no dot are untouched) and frees.
 * In ASCII each cell shows its role's canvas_series_glyph. */
void dotgrid_flush(DotGrid *g);

/* Big digits for a number string ("12.5%", "$1.2k"), 3 rows tall,
 * centred in r; returns 0, or -1 when it does not fit (caller falls back to
 * plain text). The same as canvas_bigtext_scaled(c, r, s, role, 1). */
int canvas_bigtext(Canvas *c, Rect r, const char *s, Role role);
/* Columns canvas_bigtext takes for s: 3 a glyph ('.', ',', ':' and ' ' 1, and
 * characters not in the font 1, drawn small), 1 between glyphs; 0 for "". */
int canvas_bigtext_width(const char *s);

/* Big digits of a 3x5 pixel font at an integer scale (with role CRIT or
 * WARN, a tag of 3 columns and a blank left of them when r has room, else
 * in r's top-left corner): a pixel is `scale`
 * columns wide and `scale` half rows tall (half blocks; '#' in ASCII), so a
 * glyph takes 3*scale columns and canvas_bigtext_height(scale) rows, with
 * `scale` columns between glyphs; characters not in the font take one
 * column on the last row, drawn small. Centred in r; returns 0, or -1 when
 * it does not fit (nothing drawn). */
int canvas_bigtext_scaled(Canvas *c, Rect r, const char *s, Role role,
                          int scale);
/* Columns the tag of a `role` value takes beside its big digits (the tag
 * and the blank after it): 4 for CRIT and WARN, else 0. A layout that
 * wants the tag beside the digits fits them in that much less width. */
int canvas_bigtext_tag_width(const Canvas *c, Role role);
/* Columns canvas_bigtext_scaled takes for s at `scale`; 0 for "". */
int canvas_bigtext_width_scaled(const char *s, int scale);
/* Rows a glyph takes at `scale`: (5 * scale + 1) / 2 (3, 5, 8, 10, ...). */
int canvas_bigtext_height(int scale);
/* The largest scale, at most max, at which s fits in w x h; 0: none. */
int canvas_bigtext_fit(const char *s, int w, int h, int max);
/* Cell.attrs bit (beside the TA_* ones): the cell belongs to big digits,
 * which are shown as they are, never under reverse video (a negative of
 * block digits reads as blots): a critical or warning value says so with
 * a small reversed tag beside its digits ("‼" or "▲"; "!" or "^" in
 * ASCII). */
#define CELL_SOLID 0x10

/* How a cell is shown given the attributes its role and it carry: a block
 * element under reverse video would vanish (the glyph takes the background
 * colour), so a full block becomes a reversed blank and other block
 * elements lose the reverse; big digits (CELL_SOLID) lose it too. Sets *ch
 * and *out (TA_* only). */
void canvas_cell_look(const Cell *cl, int attrs, uint32_t *ch, int *out);

/* Compares two canvases of the same size; returns 1 when r differs. */
int canvas_differs(const Canvas *a, const Canvas *b, Rect r);

/* Writes row y as UTF-8 (or ASCII) text, trailing blanks trimmed, into buf;
 * returns the length. */
int canvas_row_text(const Canvas *c, int y, char *buf, int n);

/* Encodes ch as UTF-8 into out (4 bytes room); returns the bytes written. */
int canvas_utf8_encode(uint32_t ch, char *out);

#endif
