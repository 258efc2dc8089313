/* section.c - the header of a section of rows (a layout's `section:`, a
 * Grafana row): one line, "▾ Title ────" while open, "▸ Title  12 panels
 * ────" while collapsed. It is a panel so that it takes focus, a click and
 * Enter like any other, which open and close it; it sends no query and is
 * drawn without a frame. Not a kind a layout names: the loader makes one
 * for each `section:` row. */
#include "panel.h"

#include <stdio.h>

static void section_draw(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx)
{
    int collapsed = p->conf->collapsed;
    Role role = ctx->focused ? ROLE_TITLE_FOCUS : ROLE_TITLE;
    canvas_clear(c, r, ROLE_DEFAULT);
    uint32_t mark =
        c->ascii ? (collapsed ? '>' : 'v') : (collapsed ? 0x25B8 : 0x25BE);
    canvas_put(c, r.x, r.y, mark, role, TA_BOLD);
    int x = r.x + 2;
    x += canvas_text(c, x, r.y, r.w - (x - r.x), p->conf->title, role, TA_BOLD);
    if (collapsed) {
        char more[48];
        int n = p->conf->nunder;
        snprintf(more, sizeof more, "  %d panel%s", n, n == 1 ? "" : "s");
        x += canvas_text(c, x, r.y, r.w - (x - r.x), more, ROLE_DIM, 0);
    }
    if (x + 1 < r.x + r.w)
        canvas_hline(c, x + 1, r.y, r.x + r.w - x - 1,
                     ctx->focused ? ROLE_BORDER_FOCUS : ROLE_BORDER);
}

static const OptSpec section_opts[] = {{0}};

const PanelClass section_class = {
    .name = "section",
    .help = "The header line of a section of rows (from a row's `section:`).",
    .opts = section_opts,
    .query_mode = 0,
    .frameless = 1,
    .draw = section_draw,
};
