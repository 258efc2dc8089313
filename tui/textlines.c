/* textlines.c - text lines wrapped into a box and scrolled: each line
 * keeps its indent on every row it wraps to, prose wraps between words
 * (a wrapped row starts with a word), code keeps its own lines and
 * indentation and wraps between tokens, exact text wraps at
 * characters. */
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
    l->v[l->n++] = (TextLine){s, role, attrs, indent, l->next};
    l->next = TL_PROSE;
}

void textlines_exact(TextLines *l)
{
    l->next = TL_EXACT;
}

void textlines_code(TextLines *l)
{
    l->next = TL_CODE;
}

void textlines_free(TextLines *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i].text);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Bytes of the UTF-8 character at s (1 for a stray byte, never past the
 * NUL). */
static int char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    int k = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    for (int j = 1; j < k; j++)
        if (!s[j])
            return j;
    return k;
}

/* Columns the character at s takes (a tab counts as one blank). */
static int char_cols(const char *s, int k)
{
    if (*s == '\t')
        return 1;
    char ch[5];
    memcpy(ch, s, (size_t)k);
    ch[k] = 0;
    return canvas_text_width(ch);
}

/* Bytes of the longest prefix of the n bytes at s that fits in w columns
 * (at least one character); with `words`, up to the last blank in it when
 * the cut would fall inside a word. */
static int fit(const char *s, int n, int w, int words)
{
    int bytes = 0, cols = 0;
    while (bytes < n) {
        int k = char_len(s + bytes);
        int cw = char_cols(s + bytes, k);
        if (cols + cw > w && bytes > 0)
            break;
        cols += cw;
        bytes += k;
    }
    if (words && bytes < n && s[bytes] != ' ')
        for (int b = bytes - 1; b > 0; b--)
            if (s[b] == ' ')
                return b + 1;
    return bytes;
}

static int is_word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == ':' || c == '.' ||
           (unsigned char)c >= 0x80;
}

/* How well PromQL text wraps before byte i of s (0 < i < n): 2 after
 * blanks, an opening bracket or a comma; 1 between a name and an
 * operator; 0 not at all: inside a name, number, operator or quoted string
 * (`quoted`: byte i is in one), before blanks (they end the row) or before
 * a closing bracket or comma (it stays with what it closes). */
static int may_break(const char *s, int i, int quoted)
{
    char a = s[i - 1], b = s[i];
    if (quoted || b == ' ' || b == '\t')
        return 0;
    if (a == ' ' || a == '\t' || a == '(' || a == '[' || a == '{' || a == ',')
        return 2;
    if (b == ')' || b == ']' || b == '}' || b == ',')
        return 0;
    if (a == '"' || a == '\'' || b == '"' || b == '\'')
        return 0;
    return is_word(a) != is_word(b); /* "!=", "=~", ">=" stay whole */
}

/* Bytes of the longest prefix of code line s (n bytes) that fits in w
 * columns and ends where PromQL wraps well (after a blank, a bracket or a
 * comma in the second half of the row, else between tokens); what fits
 * when no such place does (one token wider than the row). */
static int fit_code(const char *s, int n, int w)
{
    int cut = fit(s, n, w, 0);
    if (cut >= n)
        return n;
    int best[3] = {0, 0, 0};
    char quote = 0;
    for (int i = 0; i <= cut && i < n; i++) {
        if (i > 0)
            best[may_break(s, i, quote != 0)] = i;
        if (quote) {
            if (s[i] == '\\' && i + 1 < n)
                i++;
            else if (s[i] == quote)
                quote = 0;
        } else if (s[i] == '"' || s[i] == '\'' || s[i] == '`') {
            quote = s[i];
        }
    }
    if (best[2] > cut / 2)
        return best[2];
    int any = best[2] > best[1] ? best[2] : best[1];
    return any > 0 ? any : cut;
}

/* Calls row() for each wrapped row of line ln at w columns: the bytes
 * [start, start + len) of its text drawn `in` columns in. Returns the
 * number of rows. */
static int layout_line(const TextLine *ln, int w,
                       void (*row)(void *ctx, const TextLine *ln, int start,
                                   int len, int in),
                       void *ctx)
{
    int lw = w - ln->indent > 8 ? w - ln->indent : w;
    int ind = lw == w ? 0 : ln->indent;
    const char *t = ln->text;
    int rows = 0;
    if (ln->wrap != TL_CODE) {
        const char *s = t;
        int n = (int)strlen(s);
        do {
            int k = fit(s, n, lw, ln->wrap == TL_PROSE);
            if (row)
                row(ctx, ln, (int)(s - t), k, ind);
            s += k;
            n -= k;
            while (ln->wrap == TL_PROSE && *s == ' ') {
                s++; /* a wrapped row starts with a word */
                n--;
            }
            rows++;
        } while (*s);
        return rows;
    }
    /* code: each of its lines, kept indented; wrapped rows further in */
    const char *s = t;
    do {
        int n = (int)strcspn(s, "\n");
        int lead = 0;
        while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
            lead++;
        int first = 1;
        const char *p = s;
        int left = n;
        do {
            int more = first ? 0 : lead + 4;
            if (more > lw / 2)
                more = lw / 2;
            int k = fit_code(p, left, lw - more);
            if (row)
                row(ctx, ln, (int)(p - t), k, ind + more);
            p += k;
            left -= k;
            while (left > 0 && (*p == ' ' || *p == '\t')) {
                p++;
                left--;
            }
            first = 0;
            rows++;
        } while (left > 0);
        s += n;
        if (*s == '\n')
            s++;
        else
            break;
    } while (1);
    return rows;
}

typedef struct {
    Canvas *c;
    Rect r;
    int row, top;
} DrawState;

/* Draws one wrapped row when it is on screen. */
static void draw_row(void *ctx, const TextLine *ln, int start, int len, int in)
{
    DrawState *d = ctx;
    int y = d->row++ - d->top;
    if (y < 0 || y >= d->r.h || in >= d->r.w)
        return;
    char part[4096];
    int k = len < (int)sizeof part - 1 ? len : (int)sizeof part - 1;
    memcpy(part, ln->text + start, (size_t)k);
    part[k] = 0;
    for (char *c = part; *c; c++)
        if (*c == '\t')
            *c = ' ';
    canvas_text(d->c, d->r.x + in, d->r.y + y, d->r.w - in, part, ln->role,
                ln->attrs);
}

int textlines_row_of(const TextLines *l, int line, int w)
{
    int rows = 0;
    for (int i = 0; i < line && i < l->n; i++)
        rows += layout_line(&l->v[i], w, NULL, NULL);
    return rows;
}

int textlines_rows(const TextLines *l, int w)
{
    return textlines_row_of(l, l->n, w);
}

int textlines_draw(const TextLines *l, Canvas *c, Rect r, int *top)
{
    if (r.w <= 0 || r.h <= 0)
        return 0;
    int rows = textlines_rows(l, r.w);
    if (!c)
        return rows;
    int maxtop = rows - r.h > 0 ? rows - r.h : 0;
    if (*top > maxtop)
        *top = maxtop;
    if (*top < 0)
        *top = 0;
    DrawState d = {c, r, 0, *top};
    for (int i = 0; i < l->n; i++)
        layout_line(&l->v[i], r.w, draw_row, &d);
    return rows;
}
