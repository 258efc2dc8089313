/* textlines.c - text lines wrapped into a box and scrolled: each line
 * keeps its indent on every row it wraps to, prose wraps between words
 * (a wrapped row starts with a word), expressions wrap at characters. */
#include "textlines.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void textlines_add(TextLines *l, int indent, Role role, int attrs,
                   const char *fmt, ...)
{
    if (l->oom)
        return;
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 64;
        TextLine *v = realloc(l->v, (size_t)cap * sizeof *v);
        if (!v) {
            l->oom = 1;
            return;
        }
        l->v = v;
        l->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (!s) {
        l->oom = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(s, (size_t)len + 1, fmt, ap);
    va_end(ap);
    l->v[l->n++] = (TextLine){s, role, attrs, indent, !l->exact};
    l->exact = 0;
}

void textlines_exact(TextLines *l)
{
    l->exact = 1;
}

void textlines_free(TextLines *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i].text);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Bytes of the longest prefix of s that fits in w columns (at least one
 * character); with `words`, up to the last blank in it when the cut would
 * fall inside a word. */
static int fit(const char *s, int w, int words)
{
    int bytes = 0, cols = 0;
    while (s[bytes]) {
        int k = 1;
        unsigned char c = (unsigned char)s[bytes];
        if (c >= 0xf0)
            k = 4;
        else if (c >= 0xe0)
            k = 3;
        else if (c >= 0xc0)
            k = 2;
        for (int j = 1; j < k; j++)
            if (!s[bytes + j]) {
                k = j;
                break;
            }
        char ch[5];
        memcpy(ch, s + bytes, (size_t)k);
        ch[k] = 0;
        int cw = canvas_text_width(ch);
        if (cols + cw > w && bytes > 0)
            break;
        cols += cw;
        bytes += k;
    }
    if (words && s[bytes] && s[bytes] != ' ')
        for (int b = bytes - 1; b > 0; b--)
            if (s[b] == ' ')
                return b + 1;
    return bytes;
}

int textlines_rows(const TextLines *l, int w)
{
    int top = 0;
    return textlines_draw(l, NULL, (Rect){0, 0, w, 1}, &top);
}

int textlines_draw(const TextLines *l, Canvas *c, Rect r, int *top)
{
    int rows = 0;
    if (r.w <= 0 || r.h <= 0)
        return 0;
    /* count the wrapped rows, then draw those from *top */
    for (int pass = 0; pass < (c ? 2 : 1); pass++) {
        int row = 0;
        if (pass == 1) {
            int maxtop = rows - r.h > 0 ? rows - r.h : 0;
            if (*top > maxtop)
                *top = maxtop;
            if (*top < 0)
                *top = 0;
        }
        for (int i = 0; i < l->n; i++) {
            const TextLine *ln = &l->v[i];
            int lw = r.w - ln->indent > 8 ? r.w - ln->indent : r.w;
            int ind = lw == r.w ? 0 : ln->indent;
            const char *s = ln->text;
            do {
                int k = fit(s, lw, ln->words);
                int y = row - *top;
                if (pass == 1 && y >= 0 && y < r.h) {
                    char part[4096];
                    int kk =
                        k < (int)sizeof part - 1 ? k : (int)sizeof part - 1;
                    memcpy(part, s, (size_t)kk);
                    part[kk] = 0;
                    canvas_text(c, r.x + ind, r.y + y, lw, part, ln->role,
                                ln->attrs);
                }
                s += k;
                while (ln->words && *s == ' ')
                    s++; /* a wrapped row starts with a word */
                row++;
            } while (*s);
        }
        rows = row;
    }
    return rows;
}
