/* prompt.c - the one-line prompt editor: byte-wise insert of UTF-8 text,
 * character-wise delete and cursor moves, Enter/Esc to finish. */
#include "prompt.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#define CTRL(c) ((c)&0x1f)

static int is_cont(char ch)
{
    return ((unsigned char)ch & 0xc0) == 0x80;
}

/* Byte offset of the character before / after offset i. */
static int prev_char(const Prompt *p, int i)
{
    if (i <= 0)
        return 0;
    i--;
    while (i > 0 && is_cont(p->text[i]))
        i--;
    return i;
}

static int next_char(const Prompt *p, int i)
{
    if (i >= p->len)
        return p->len;
    i++;
    while (i < p->len && is_cont(p->text[i]))
        i++;
    return i;
}

/* Removes bytes [a, b). */
static void cut(Prompt *p, int a, int b)
{
    if (a >= b)
        return;
    memmove(p->text + a, p->text + b, (size_t)(p->len - b) + 1);
    p->len -= b - a;
    if (p->cur > b)
        p->cur -= b - a;
    else if (p->cur > a)
        p->cur = a;
}

void prompt_open(Prompt *p, const char *label, const char *init)
{
    memset(p, 0, sizeof *p);
    p->open = 1;
    snprintf(p->label, sizeof p->label, "%s", label ? label : "");
    if (init) {
        size_t n = strlen(init);
        if (n > PROMPT_MAX - 1)
            n = PROMPT_MAX - 1;
        memcpy(p->text, init, n);
        p->text[n] = 0;
        p->len = (int)n;
        while (p->len > 0 && is_cont(p->text[p->len - 1]))
            p->len--; /* never end inside a character */
        if (p->len > 0 && (unsigned char)p->text[p->len - 1] >= 0xc0)
            p->len--;
        p->text[p->len] = 0;
    }
    p->cur = p->len;
}

PromptStatus prompt_feed(Prompt *p, int key)
{
    if (!p->open)
        return PROMPT_CANCEL;
    switch (key) {
    case '\n':
    case '\r':
    case KEY_ENTER:
        p->open = 0;
        return PROMPT_DONE;
    case 27:
        p->open = 0;
        return PROMPT_CANCEL;
    case KEY_BACKSPACE:
    case 127:
    case CTRL('h'):
        cut(p, prev_char(p, p->cur), p->cur);
        return PROMPT_EDITING;
    case KEY_DC:
    case CTRL('d'):
        cut(p, p->cur, next_char(p, p->cur));
        return PROMPT_EDITING;
    case KEY_LEFT:
    case CTRL('b'):
        p->cur = prev_char(p, p->cur);
        return PROMPT_EDITING;
    case KEY_RIGHT:
    case CTRL('f'):
        p->cur = next_char(p, p->cur);
        return PROMPT_EDITING;
    case KEY_HOME:
    case CTRL('a'):
        p->cur = 0;
        return PROMPT_EDITING;
    case KEY_END:
    case CTRL('e'):
        p->cur = p->len;
        return PROMPT_EDITING;
    case CTRL('u'):
        cut(p, 0, p->cur);
        return PROMPT_EDITING;
    case CTRL('w'): {
        int a = p->cur;
        while (a > 0 && p->text[a - 1] == ' ')
            a--;
        while (a > 0 && p->text[a - 1] != ' ')
            a--;
        cut(p, a, p->cur);
        return PROMPT_EDITING;
    }
    default:
        break;
    }
    if (key < 0x20 || key > 0xff || key == 0x7f)
        return PROMPT_EDITING; /* other control and function keys */
    if (p->len >= PROMPT_MAX - 1)
        return PROMPT_EDITING;
    /* a continuation byte belongs after the lead byte just typed, so it
     * goes where the cursor is, like any byte */
    memmove(p->text + p->cur + 1, p->text + p->cur,
            (size_t)(p->len - p->cur) + 1);
    p->text[p->cur] = (char)key;
    p->len++;
    p->cur++;
    return PROMPT_EDITING;
}

const char *prompt_text(const Prompt *p)
{
    return p->text;
}

void prompt_draw(const Prompt *p, Canvas *c, int y)
{
    if (y < 0 || y >= c->h)
        return;
    canvas_clear(c, (Rect){0, y, c->w, 1}, ROLE_STATUS);
    int x = canvas_text(c, 0, y, c->w, p->label, ROLE_STATUS, TA_BOLD);
    int room = c->w - x - 1;
    if (room <= 0)
        return;
    /* scroll so the cursor is visible: drop whole characters from the
     * front until the text before the cursor fits */
    int start = 0;
    char before[PROMPT_MAX];
    for (;;) {
        int n = p->cur - start;
        memcpy(before, p->text + start, (size_t)n);
        before[n] = 0;
        if (canvas_text_width(before) < room || start >= p->cur)
            break;
        start = next_char(p, start);
    }
    int w = canvas_text(c, x, y, room, before, ROLE_STATUS, 0);
    char rest[PROMPT_MAX];
    int k = next_char(p, p->cur) - p->cur;
    memcpy(rest, p->text + p->cur, (size_t)k);
    rest[k] = 0;
    int cw = canvas_text(c, x + w, y, c->w - x - w, k ? rest : " ", ROLE_STATUS,
                         TA_REVERSE);
    if (p->cur + k < p->len)
        canvas_text(c, x + w + cw, y, c->w - x - w - cw, p->text + p->cur + k,
                    ROLE_STATUS, 0);
}
