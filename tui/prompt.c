/* prompt.c - the labelled bottom-line prompt: LineEdit does the editing,
 * this file the length cap, the open/closed state and the drawing. */
#include "prompt.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

static int is_cont(char ch)
{
    return ((unsigned char)ch & 0xc0) == 0x80;
}

void prompt_open(Prompt *p, const char *label, const char *init)
{
    p->open = 1;
    snprintf(p->label, sizeof p->label, "%s", label ? label : "");
    char text[PROMPT_MAX];
    snprintf(text, sizeof text, "%s", init ? init : "");
    size_t n = strlen(text);
    if (init && strlen(init) > n) { /* cut: never end inside a character */
        while (n > 0 && is_cont(text[n - 1]))
            n--;
        if (n > 0 && (unsigned char)text[n - 1] >= 0xc0)
            n--;
        text[n] = 0;
    }
    if (lineedit_start(&p->le, text) < 0)
        p->open = 0; /* out of memory: the prompt stays closed */
}

PromptStatus prompt_feed(Prompt *p, int key)
{
    if (!p->open)
        return PROMPT_CANCEL;
    int printable = key >= 0x20 && key <= 0xff && key != 0x7f;
    if (printable && strlen(lineedit_text(&p->le)) >= PROMPT_MAX - 1)
        return PROMPT_EDITING;
    if (key == KEY_UP || key == KEY_DOWN)
        return PROMPT_EDITING; /* no history here */
    switch (lineedit_key(&p->le, key)) {
    case LE_DONE:
        p->open = 0;
        return PROMPT_DONE;
    case LE_CANCEL:
        p->open = 0;
        return PROMPT_CANCEL;
    default:
        return PROMPT_EDITING;
    }
}

const char *prompt_text(const Prompt *p)
{
    return lineedit_text(&p->le);
}

int prompt_draw_line(const LineEdit *le, Canvas *c, int x, int y, Role role)
{
    int room = c->w - x - 1;
    if (room <= 0)
        return 0;
    const char *text = lineedit_text(le);
    size_t len = strlen(text), cur = lineedit_cursor(le);
    /* scroll so the cursor is visible: drop whole characters from the
     * front until the text before the cursor fits */
    char before[LINEEDIT_MAX + 1];
    memcpy(before, text, cur);
    before[cur] = 0;
    int bw = canvas_text_width(before);
    size_t start = 0;
    while (bw >= room && start < cur) {
        char one[8];
        size_t k = 1;
        while (start + k < cur && is_cont(text[start + k]) &&
               k < sizeof one - 1)
            k++;
        memcpy(one, text + start, k);
        one[k] = 0;
        bw -= canvas_text_width(one);
        start += k;
    }
    memmove(before, before + start, cur - start + 1);
    int w = canvas_text(c, x, y, room, before, role, 0);
    size_t k = cur < len ? 1 : 0;
    while (cur + k < len && is_cont(text[cur + k]))
        k++;
    char here[8] = " ";
    if (k > 0 && k < sizeof here) {
        memcpy(here, text + cur, k);
        here[k] = 0;
    }
    int cw = canvas_text(c, x + w, y, c->w - x - w, here, role, TA_REVERSE);
    if (cur + k < len)
        canvas_text(c, x + w + cw, y, c->w - x - w - cw, text + cur + k, role,
                    0);
    return canvas_text_width(text + start);
}

void prompt_draw(const Prompt *p, Canvas *c, int y)
{
    if (y < 0 || y >= c->h)
        return;
    canvas_clear(c, (Rect){0, y, c->w, 1}, ROLE_STATUS);
    int x = canvas_text(c, 0, y, c->w, p->label, ROLE_STATUS, TA_BOLD);
    prompt_draw_line(&p->le, c, x, y, ROLE_STATUS);
}

void prompt_free(Prompt *p)
{
    lineedit_free(&p->le);
    p->open = 0;
}
