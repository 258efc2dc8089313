/* adhoc.c - the ad-hoc query tab. The dashboard is written as YAML and read
 * by the normal layout loader, so it is checked, placed and drawn exactly
 * like a bundled one: a "timeseries" chart of the expression over the
 * range above a "table" of its series (their labels as columns, the value
 * at "now"). */
#include "adhoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"

/* Appends s to the growing buffer *b as a YAML double-quoted scalar (every
 * byte kept: quotes, backslashes and control characters escaped). Returns
 * 0, or -1 on OOM. */
static int put(char **b, size_t *len, size_t *cap, const char *s, int quoted)
{
    size_t need = *len + strlen(s) * 4 + 3;
    if (need > *cap) {
        size_t nc = *cap ? *cap : 512;
        while (nc < need)
            nc *= 2;
        char *nb = realloc(*b, nc);
        if (!nb)
            return -1;
        *b = nb;
        *cap = nc;
    }
    char *o = *b + *len;
    if (quoted)
        *o++ = '"';
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (quoted && (*c == '"' || *c == '\\')) {
            *o++ = '\\';
            *o++ = (char)*c;
        } else if (quoted && (*c < 0x20 || *c == 0x7f)) {
            o += sprintf(o, "\\x%02x", *c);
        } else {
            *o++ = (char)*c;
        }
    }
    if (quoted)
        *o++ = '"';
    *o = '\0';
    *len = (size_t)(o - *b);
    return 0;
}

/* The chart's title: the expression on one line, runs of white space as
 * one blank. malloc'd, or NULL on OOM. */
static char *one_line(const char *expr)
{
    char *t = malloc(strlen(expr) + 1);
    if (!t)
        return NULL;
    size_t k = 0;
    for (const char *c = expr; *c; c++) {
        int space = *c == ' ' || *c == '\t' || *c == '\n' || *c == '\r';
        if (space && (k == 0 || t[k - 1] == ' '))
            continue;
        t[k++] = space ? ' ' : *c;
    }
    while (k > 0 && t[k - 1] == ' ')
        k--;
    t[k] = '\0';
    return t;
}

/* Builds the ad-hoc dashboard of `expr` through the layout loader. Returns
 * it, or NULL with a one-line reason in err (empty expression, a $variable
 * it cannot know, OOM). */
static Dashboard *adhoc_dashboard(const char *expr, char *err, size_t errn)
{
    const char *c = expr;
    while (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r')
        c++;
    if (!*c) {
        snprintf(err, errn, "empty expression");
        return NULL;
    }
    char *title = one_line(expr);
    char *y = NULL;
    size_t len = 0, cap = 0;
    int bad = !title;
    bad = bad || put(&y, &len, &cap,
                     "name: " ADHOC_NAME "\ntitle: " ADHOC_TITLE "\n"
                     "refresh: 15s\nrange: 1h\nrows:\n"
                     "  - height: 3\n    min_height: 8\n    panels:\n"
                     "      - kind: timeseries\n        title: ",
                     0);
    bad = bad || put(&y, &len, &cap, title, 1);
    bad =
        bad || put(&y, &len, &cap, "\n        queries:\n          - expr: ", 0);
    bad = bad || put(&y, &len, &cap, expr, 1);
    bad = bad || put(&y, &len, &cap,
                     "\n  - height: 2\n    min_height: 5\n    panels:\n"
                     "      - kind: table\n        title: Series\n"
                     "        queries:\n          - name: Value\n"
                     "            expr: ",
                     0);
    bad = bad || put(&y, &len, &cap, expr, 1);
    bad = bad || put(&y, &len, &cap, "\n", 0);
    free(title);
    if (bad) {
        free(y);
        snprintf(err, errn, "out of memory");
        return NULL;
    }
    LayoutError le;
    Dashboard *d = layout_load_text(ADHOC_NAME, ADHOC_NAME, y, len, &le);
    free(y);
    if (!d)
        snprintf(err, errn, "%s", le.msg);
    return d;
}

/* Index of the ad-hoc tab, or -1. */
static int adhoc_index(const App *a)
{
    for (int i = 0; i < a->ndash; i++)
        if (a->dash[i].adhoc)
            return i;
    return -1;
}

int adhoc_show(App *a, const char *expr, char *err, size_t errn)
{
    Dashboard *d = adhoc_dashboard(expr, err, errn);
    if (!d)
        return -1;
    view_close_all(a);
    int i = app_put_dashboard(a, d, adhoc_index(a));
    if (i < 0) {
        snprintf(err, errn, "out of memory");
        return -1;
    }
    a->dash[i].adhoc = 1;
    a->cur = i;
    a->focus = -1;
    a->refreshed_at = 0; /* its own refresh is yet to come */
    a->shown_at = app_mono(a);
    return i;
}

int adhoc_usage_error(const App *a, char *msg, size_t n)
{
    static const char prefix[] = "bad_data: ";
    int i = adhoc_index(a);
    if (i < 0)
        return 0;
    StateWalk w = {0};
    for (const QueryState *st; (st = app_next_state(&a->dash[i], &w));)
        if (st->error && !strncmp(st->error, prefix, sizeof prefix - 1)) {
            snprintf(msg, n, "%s", st->error + sizeof prefix - 1);
            return 1;
        }
    return 0;
}
