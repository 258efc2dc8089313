/* filter.c - the series filter a user types with '/': which series of a
 * panel match it, and a filtered view of the panel that every kind draws
 * unchanged (the one place filtering happens). */
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "panel.h"

/* A filter compiled once, when it is set. */
typedef struct Matcher {
    regex_t re;
    int is_re;
    const char *text; /* the panel's filter text */
} Matcher;

/* Case-insensitive substring search (ASCII letters fold). */
static int has_substr(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; *s; s++)
        if (!strncasecmp(s, needle, n))
            return 1;
    return n == 0;
}

static int matcher_test(const Matcher *m, const char *s)
{
    if (m->is_re)
        return regexec(&m->re, s, 0, NULL, 0) == 0;
    return has_substr(s, m->text);
}

/* Appends s to buf (size n, length *len), cutting at the end. */
static void add(char *buf, size_t n, size_t *len, const char *s)
{
    size_t k = strlen(s);
    if (*len + 1 >= n)
        return;
    if (k > n - 1 - *len)
        k = n - 1 - *len;
    memcpy(buf + *len, s, k);
    *len += k;
    buf[*len] = 0;
}

static int series_match(const Matcher *m, const Panel *p, int i,
                        const Series *s)
{
    char buf[2048];
    if (matcher_test(m, panel_series_name(p, i, s, buf, sizeof buf)))
        return 1;
    for (int k = 0; k < s->nlabels; k++)
        if (matcher_test(m, s->labels[k].value))
            return 1;
    size_t len = 0;
    buf[0] = 0;
    add(buf, sizeof buf, &len, "{");
    for (int k = 0; k < s->nlabels; k++) {
        add(buf, sizeof buf, &len, k ? ", " : "");
        add(buf, sizeof buf, &len, s->labels[k].name);
        add(buf, sizeof buf, &len, "=\"");
        add(buf, sizeof buf, &len, s->labels[k].value);
        add(buf, sizeof buf, &len, "\"");
    }
    add(buf, sizeof buf, &len, "}");
    return matcher_test(m, buf);
}

void panel_filter_free(Panel *p)
{
    if (p->matcher && p->matcher->is_re)
        regfree(&p->matcher->re);
    free(p->matcher);
    free(p->filter);
    p->matcher = NULL;
    p->filter = NULL;
}

int panel_set_filter(Panel *p, const char *text)
{
    char *copy = NULL;
    Matcher *m = NULL;
    if (text && *text) {
        copy = strdup(text);
        m = calloc(1, sizeof *m);
        if (!copy || !m) {
            free(copy);
            free(m);
            return -1;
        }
        m->text = copy;
        m->is_re =
            regcomp(&m->re, copy, REG_EXTENDED | REG_ICASE | REG_NOSUB) == 0;
    }
    panel_filter_free(p);
    p->filter = copy;
    p->matcher = m;
    p->dirty = 1;
    return 0;
}

int panel_text_matches(const Panel *p, const char *s)
{
    return !p->matcher || matcher_test(p->matcher, s ? s : "");
}

int panel_series_matches(const Panel *p, int i, const Series *s)
{
    return !p->matcher || series_match(p->matcher, p, i, s);
}

/* Sets dst->res.series (dst's pointer is NULL on entry) to a new array of
 * the series of src that match. */
static int filter_slot(const Matcher *m, const Panel *p, int i,
                       const QueryState *src, QueryState *dst, int *total,
                       int *shown)
{
    const Result *r = &src->res;
    if (r->nseries <= 0)
        return 0;
    Series *keep = malloc((size_t)r->nseries * sizeof *keep);
    if (!keep)
        return -1;
    int n = 0;
    for (int k = 0; k < r->nseries; k++)
        if (series_match(m, p, i, &r->series[k]))
            keep[n++] = r->series[k];
    if (src->used) {
        *total += r->nseries;
        *shown += n;
    }
    dst->res.series = keep;
    dst->res.nseries = n;
    return 0;
}

int panel_filter_view(const Panel *p, Panel *view, int *total, int *shown)
{
    *total = *shown = 0;
    if (!p->matcher)
        return 0;
    Panel v = *p;
    int nq = p->conf->nqueries;
    v.qs = calloc((size_t)nq + 1, sizeof *v.qs);
    if (!v.qs)
        return -1;
    int rc = 1;
    for (int i = 0; i < nq; i++) { /* no series owned by the copy yet */
        v.qs[i] = p->qs[i];
        v.qs[i].inst.res.series = v.qs[i].range.res.series = NULL;
        v.qs[i].inst.res.nseries = v.qs[i].range.res.nseries = 0;
    }
    for (int i = 0; i < nq && rc == 1; i++)
        if (filter_slot(p->matcher, p, i, &p->qs[i].inst, &v.qs[i].inst, total,
                        shown) < 0 ||
            filter_slot(p->matcher, p, i, &p->qs[i].range, &v.qs[i].range,
                        total, shown) < 0)
            rc = -1;
    if (rc < 0) {
        panel_filter_view_free(&v);
        return -1;
    }
    *view = v;
    return 1;
}

void panel_filter_view_free(Panel *view)
{
    for (int i = 0; view->qs && i < view->conf->nqueries; i++) {
        free(view->qs[i].inst.res.series);
        free(view->qs[i].range.res.series);
    }
    free(view->qs);
    view->qs = NULL;
}
