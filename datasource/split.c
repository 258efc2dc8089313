/* split.c - a byte-at-a-time JSON scanner that follows strings (with their
 * escapes) and nesting just enough to know when it is inside data.result,
 * hands each object element found there to a callback, and copies every
 * other byte to the document it keeps. It checks nothing: the parser of
 * the kept document and of each element reports what is malformed. */
#include "split.h"

#include <stdlib.h>
#include <string.h>

void split_init(Split *s, SplitFn fn, void *ud)
{
    memset(s, 0, sizeof *s);
    s->fn = fn;
    s->ud = ud;
}

void split_free(Split *s)
{
    free(s->skel);
    free(s->el);
    s->skel = s->el = NULL;
    s->skel_len = s->skel_cap = s->el_len = s->el_cap = 0;
}

/* Appends n bytes to the buffer *b (length *len, capacity *cap), keeping
 * it NUL-terminated. Returns 0, or -1 on OOM. */
static int append(char **b, size_t *len, size_t *cap, const char *p, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t c = *cap ? *cap : 4096;
        while (c < *len + n + 1)
            c *= 2;
        char *nb = realloc(*b, c);
        if (!nb)
            return -1;
        *b = nb;
        *cap = c;
    }
    memcpy(*b + *len, p, n);
    *len += n;
    (*b)[*len] = 0;
    return 0;
}

static void keep(Split *s, const char *p, size_t n)
{
    if (!s->oom && append(&s->skel, &s->skel_len, &s->skel_cap, p, n) < 0)
        s->oom = 1;
}

const char *split_rest(const Split *s, size_t *len)
{
    *len = s->skel_len;
    return s->skel ? s->skel : "";
}

/* The element is complete: to the callback. */
static void element_done(Split *s)
{
    s->in_el = 0;
    if (!s->oom && !s->off && s->fn(s->ud, s->el, s->el_len) < 0)
        s->off = 1;
    s->el_len = 0;
}

/* One byte outside strings and elements: structure. */
static void structure(Split *s, char c)
{
    int d = s->depth;
    if (c == '{' || c == '[') {
        /* the value of key "data" in the root, of "result" in data */
        int data =
            c == '{' && d == 1 && s->kind[0] == '{' && !strcmp(s->key, "data");
        int result =
            c == '[' && d == 2 && s->in_data && !strcmp(s->key, "result");
        if (d < SPLIT_STACK)
            s->kind[d] = c;
        s->depth++;
        s->want_key = c == '{';
        if (data)
            s->in_data = 1;
        if (result) {
            s->in_result = 1;
            s->wrote_item = s->item_open = 0;
        }
        return;
    }
    if (c == '}' || c == ']') {
        if (s->depth > 0)
            s->depth--;
        if (s->depth == 1)
            s->in_data = 0;
        if (s->depth == 2)
            s->in_result = 0;
        return;
    }
    if (c == ',' && d >= 1 && d <= SPLIT_STACK && s->kind[d - 1] == '{')
        s->want_key = 1;
}

/* Appends buf[from..to) to the element. */
static void element_add(Split *s, const char *buf, size_t from, size_t to)
{
    if (!s->oom && to > from &&
        append(&s->el, &s->el_len, &s->el_cap, buf + from, to - from) < 0)
        s->oom = 1;
}

int split_feed(Split *s, const char *buf, size_t n)
{
    size_t from = 0; /* start of the bytes not yet kept or given out */
    for (size_t i = 0; i < n; i++) {
        char c = buf[i];
        if (s->in_el) { /* inside an element: its bytes are its own */
            if (s->in_str) {
                if (s->esc)
                    s->esc = 0;
                else if (c == '\\')
                    s->esc = 1;
                else if (c == '"')
                    s->in_str = 0;
            } else if (c == '"') {
                s->in_str = 1;
            } else if (c == '{' || c == '[') {
                s->depth++;
            } else if ((c == '}' || c == ']') && --s->depth == 3) {
                element_add(s, buf, from, i + 1);
                from = i + 1;
                element_done(s);
            }
            continue;
        }
        if (s->in_str) {
            if (s->esc) {
                s->esc = 0;
            } else if (c == '\\') {
                s->esc = 1;
            } else if (c == '"') {
                s->in_str = 0;
                if (s->str_is_key)
                    s->key[s->key_len] = 0;
                continue;
            }
            if (s->str_is_key && s->key_len < sizeof s->key - 1)
                s->key[s->key_len++] = c;
            continue;
        }
        if (s->in_result && s->depth == 3 && !s->off) {
            /* between the elements of data.result: objects go out, other
             * items stay, with a comma only between items kept */
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ',') {
                keep(s, buf + from, i - from);
                from = i + 1;
                if (c == ',')
                    s->item_open = 0;
                continue;
            }
            if (c == '{' && !s->item_open) {
                keep(s, buf + from, i - from);
                from = i;
                s->in_el = 1;
                s->depth++;
                s->el_len = 0;
                continue;
            }
            if (c == ']') {
                s->item_open = 0;
            } else if (!s->item_open) {
                keep(s, buf + from, i - from);
                from = i;
                if (s->wrote_item)
                    keep(s, ",", 1);
                s->wrote_item = s->item_open = 1;
            }
        }
        if (c == '"') {
            s->in_str = 1;
            s->str_is_key = s->want_key && s->depth >= 1 && s->depth <= 2 &&
                            s->kind[s->depth - 1] == '{';
            if (s->str_is_key)
                s->key_len = 0;
            s->want_key = 0;
            continue;
        }
        structure(s, c);
    }
    if (s->in_el)
        element_add(s, buf, from, n);
    else
        keep(s, buf + from, n - from);
    return s->oom ? -1 : 0;
}
