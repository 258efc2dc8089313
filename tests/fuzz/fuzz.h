/* fuzz.h - what the libFuzzer harnesses share: drawing a dashboard's panels
 * onto a canvas and checking that what was drawn is clean text. Every
 * function is static inline, so a harness that leaves one unused still
 * builds with -Werror. */
#ifndef PROMBOARD_TESTS_FUZZ_H
#define PROMBOARD_TESTS_FUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "layouts/layout.h"
#include "panels/canvas.h"
#include "panels/panel.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts (a finding) when s is not clean text. */
static inline void fuzz_clean(const char *s, int flags)
{
    if (s && text_needs_clean(s, strlen(s), flags))
        abort();
}

/* Aborts when a row of c, as --once writes it, is not clean text. */
static inline void fuzz_canvas_clean(const Canvas *c)
{
    size_t n = (size_t)c->w * 4 + 1;
    char *buf = malloc(n);
    if (!buf)
        return;
    for (int y = 0; y < c->h; y++) {
        canvas_row_text(c, y, buf, (int)n);
        fuzz_clean(buf, 0);
    }
    free(buf);
}

/* The evaluation time of every drawing: 2026-03-01 03:10:00 UTC. */
#define FUZZ_NOW 1772334600.0

/* Places d's panels in a w x h screen and draws them, as they stand, in
 * Unicode and in ASCII; checks the text. */
static inline void fuzz_draw(const Dashboard *d, Panel *panels, int w, int h)
{
    Rect *rects = calloc((size_t)d->npanels + 1, sizeof *rects);
    if (!rects)
        return;
    int n = layout_place(d, (Rect){0, 0, w, h}, rects, d->npanels);
    for (int ascii = 0; ascii < 2; ascii++) {
        Canvas *c = canvas_new(w, h, ascii);
        if (!c)
            break;
        DrawCtx ctx = {.now = FUZZ_NOW,
                       .wall = FUZZ_NOW + 5,
                       .range = d->range,
                       .compact = w < 40,
                       .kiosk = ascii};
        for (int i = 0; i < n && i < d->npanels; i++)
            panel_draw(&panels[i], c, rects[i], &ctx);
        fuzz_canvas_clean(c);
        canvas_free(c);
    }
    free(rects);
}

#endif
