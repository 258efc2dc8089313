/* lineedit.c - the one-line editor behind promboard's prompts: a growing
 * byte buffer, a cursor kept on UTF-8 character boundaries, and a small
 * history of the session's accepted lines. */
#include "lineedit.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#define CTRL(c) ((c)&0x1f)

void lineedit_free(LineEdit *le)
{
    free(le->buf);
    for (int i = 0; i < le->nhist; i++)
        free(le->hist[i]);
    free(le->draft);
    memset(le, 0, sizeof *le);
}

/* Makes room for `more` bytes and the NUL. Returns 0 or -1. */
static int reserve(LineEdit *le, size_t more)
{
    if (le->len + more > LINEEDIT_MAX)
        return -1;
    if (le->len + more + 1 <= le->cap)
        return 0;
    size_t cap = le->cap ? le->cap : 64;
    while (cap < le->len + more + 1)
        cap *= 2;
    char *nb = realloc(le->buf, cap);
    if (!nb)
        return -1;
    le->buf = nb;
    le->cap = cap;
    return 0;
}

/* Sets the whole text to s, cursor at the end. */
static int set_text(LineEdit *le, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n > LINEEDIT_MAX)
        n = LINEEDIT_MAX;
    le->len = 0;
    if (reserve(le, n) < 0)
        return -1;
    if (n)
        memcpy(le->buf, s, n);
    le->len = n;
    le->buf[n] = '\0';
    le->cur = n;
    return 0;
}

int lineedit_start(LineEdit *le, const char *text)
{
    free(le->draft);
    le->draft = NULL;
    le->hpos = le->nhist;
    return set_text(le, text);
}

const char *lineedit_text(const LineEdit *le)
{
    return le->buf ? le->buf : "";
}

size_t lineedit_cursor(const LineEdit *le)
{
    return le->cur;
}

static int is_cont(char c)
{
    return ((unsigned char)c & 0xc0) == 0x80;
}

static size_t prev_char(const LineEdit *le, size_t i)
{
    if (i == 0)
        return 0;
    i--;
    while (i > 0 && is_cont(le->buf[i]))
        i--;
    return i;
}

static size_t next_char(const LineEdit *le, size_t i)
{
    if (i >= le->len)
        return le->len;
    i++;
    while (i < le->len && is_cont(le->buf[i]))
        i++;
    return i;
}

/* Erases bytes [from, to) and puts the cursor at from. */
static void cut_bytes(LineEdit *le, size_t from, size_t to)
{
    memmove(le->buf + from, le->buf + to, le->len - to + 1);
    le->len -= to - from;
    le->cur = from;
}

int lineedit_replace(LineEdit *le, size_t from, const char *s)
{
    if (!le->buf && set_text(le, "") < 0)
        return -1;
    if (from > le->cur)
        return -1;
    size_t n = strlen(s), gone = le->cur - from;
    if (n > gone && reserve(le, n - gone) < 0)
        return -1;
    memmove(le->buf + from + n, le->buf + le->cur, le->len - le->cur + 1);
    memcpy(le->buf + from, s, n);
    le->len = le->len - gone + n;
    le->cur = from + n;
    return 0;
}

void lineedit_history_add(LineEdit *le, const char *text)
{
    if (!text || !*text)
        return;
    if (le->nhist > 0 && !strcmp(le->hist[le->nhist - 1], text))
        return;
    char *copy = strdup(text);
    if (!copy)
        return;
    if (le->nhist == LINEEDIT_HISTORY) {
        free(le->hist[0]);
        memmove(le->hist, le->hist + 1,
                sizeof *le->hist * (LINEEDIT_HISTORY - 1));
        le->nhist--;
    }
    le->hist[le->nhist++] = copy;
    le->hpos = le->nhist;
}

/* Moves through the history by `by` (-1 older, +1 newer). */
static void history_move(LineEdit *le, int by)
{
    int to = le->hpos + by;
    if (to < 0 || to > le->nhist)
        return;
    if (le->hpos == le->nhist) { /* leaving the new line: keep it */
        free(le->draft);
        le->draft = strdup(lineedit_text(le));
        if (!le->draft)
            return;
    }
    le->hpos = to;
    set_text(le, to == le->nhist ? le->draft : le->hist[to]);
}

LineEditResult lineedit_key(LineEdit *le, int key)
{
    if (!le->buf && set_text(le, "") < 0)
        return LE_CANCEL;
    switch (key) {
    case '\n':
    case '\r':
    case KEY_ENTER:
        return LE_DONE;
    case 27:
        return LE_CANCEL;
    case KEY_LEFT:
    case CTRL('b'):
        le->cur = prev_char(le, le->cur);
        return LE_EDITING;
    case KEY_RIGHT:
    case CTRL('f'):
        le->cur = next_char(le, le->cur);
        return LE_EDITING;
    case KEY_HOME:
    case CTRL('a'):
        le->cur = 0;
        return LE_EDITING;
    case KEY_END:
    case CTRL('e'):
        le->cur = le->len;
        return LE_EDITING;
    case KEY_BACKSPACE:
    case 127:
    case CTRL('h'):
        if (le->cur > 0)
            cut_bytes(le, prev_char(le, le->cur), le->cur);
        return LE_EDITING;
    case KEY_DC:
    case CTRL('d'):
        if (le->cur < le->len)
            cut_bytes(le, le->cur, next_char(le, le->cur));
        return LE_EDITING;
    case CTRL('u'):
        cut_bytes(le, 0, le->cur);
        return LE_EDITING;
    case CTRL('k'):
        le->buf[le->cur] = '\0';
        le->len = le->cur;
        return LE_EDITING;
    case CTRL('w'): {
        /* blanks before the cursor, then the word before them */
        size_t i = le->cur;
        while (i > 0 && (le->buf[i - 1] == ' ' || le->buf[i - 1] == '\t'))
            i--;
        while (i > 0 && le->buf[i - 1] != ' ' && le->buf[i - 1] != '\t')
            i--;
        cut_bytes(le, i, le->cur);
        return LE_EDITING;
    }
    case KEY_UP:
    case CTRL('p'):
        history_move(le, -1);
        return LE_EDITING;
    case KEY_DOWN:
    case CTRL('n'):
        history_move(le, 1);
        return LE_EDITING;
    default:
        break;
    }
    /* the typed text: printable ASCII and the bytes of UTF-8 characters */
    if ((key >= 0x20 && key < 0x7f) || (key >= 0x80 && key <= 0xff)) {
        char s[2] = {(char)key, '\0'};
        if (lineedit_replace(le, le->cur, s) < 0)
            return LE_EDITING; /* full: the key is dropped */
        return LE_EDITING;
    }
    return LE_IGNORED;
}
