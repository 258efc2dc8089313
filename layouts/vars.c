/* vars.c - the parts of a dashboard that move at run time: anchored time
 * ranges (mtd, today) and variables whose choices come from the server. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../datasource/query.h"
#include "layout.h"

int layout_range_parse(const char *s, int *anchor, double *secs)
{
    if (!s)
        return -1;
    if (!strcmp(s, "mtd")) {
        *anchor = RANGE_MTD;
        *secs = 0;
        return 0;
    }
    if (!strcmp(s, "today")) {
        *anchor = RANGE_TODAY;
        *secs = 0;
        return 0;
    }
    double d;
    if (duration_parse(s, &d) < 0 || d <= 0)
        return -1;
    *anchor = RANGE_FIXED;
    *secs = d;
    return 0;
}

double layout_range_seconds(int anchor, double secs, double now)
{
    if (anchor == RANGE_FIXED)
        return secs;
    time_t t = (time_t)now;
    struct tm tm;
    gmtime_r(&t, &tm);
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    if (anchor == RANGE_MTD)
        tm.tm_mday = 1;
    double start = (double)timegm(&tm);
    double r = now - start;
    return r >= 60 ? r : 60; /* the first minute still shows a minute */
}

/* A growing string. */
typedef struct {
    char *s;
    size_t len, cap;
} Str;

/* Appends ch; returns 0, or -1 on OOM. */
static int put(Str *b, char ch)
{
    if (b->len + 2 > b->cap) {
        size_t ncap = b->cap ? b->cap * 2 : 64;
        char *ns = realloc(b->s, ncap);
        if (!ns)
            return -1;
        b->s = ns;
        b->cap = ncap;
    }
    b->s[b->len++] = ch;
    b->s[b->len] = 0;
    return 0;
}

char *layout_var_value(const VarConf *v)
{
    int is_all = v->all && (!v->value || !strcmp(v->value, "All"));
    if (!is_all)
        return strdup(v->value ? v->value : v->nvalues > 0 ? v->values[0] : "");
    if (v->nvalues == 0)
        return strdup(".*");
    /* an alternation of the choices, regex metacharacters escaped (the
     * backslash doubled, as the value sits in a PromQL string) */
    Str b = {0};
    for (int i = 0; i < v->nvalues; i++) {
        if (i && put(&b, '|') < 0)
            goto oom;
        for (const char *c = v->values[i]; *c; c++) {
            if (strchr("\\.+*?()|[]{}^$", *c) &&
                (put(&b, '\\') < 0 || put(&b, '\\') < 0))
                goto oom;
            if (put(&b, *c) < 0)
                goto oom;
        }
    }
    return b.s ? b.s : strdup("");
oom:
    free(b.s);
    return NULL;
}

char *layout_var_query(const VarConf *v)
{
    if (!v->metric || !v->label)
        return NULL;
    size_t n = strlen(v->metric) + strlen(v->label) + 32;
    char *q = malloc(n);
    if (q)
        snprintf(q, n, "group by (%s) (%s)", v->label, v->metric);
    return q;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int layout_var_set_choices(VarConf *v, const char *const *vals, int n)
{
    char **nv = calloc((size_t)n + 1, sizeof *nv);
    if (!nv)
        return -1;
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (!vals[i])
            continue;
        if (!(nv[k] = strdup(vals[i]))) {
            for (int j = 0; j < k; j++)
                free(nv[j]);
            free(nv);
            return -1;
        }
        k++;
    }
    qsort(nv, (size_t)k, sizeof *nv, cmp_str);
    int u = 0; /* drop duplicates */
    for (int i = 0; i < k; i++) {
        if (u && !strcmp(nv[u - 1], nv[i]))
            free(nv[i]);
        else
            nv[u++] = nv[i];
    }
    for (int i = 0; i < v->nvalues; i++)
        free(v->values[i]);
    free(v->values);
    v->values = nv;
    v->nvalues = u;
    if (!v->value && !v->all && u > 0)
        v->value = strdup(nv[0]);
    return 0;
}

char *layout_expand(const Dashboard *d, const char *expr, double range,
                    double interval, double scrape)
{
    return layout_expand_text(d, expr, range, interval, scrape, NULL);
}

char *layout_expand_text(const Dashboard *d, const char *expr, double range,
                         double interval, double scrape, const char *range_text)
{
    enum { MAX_NAMES = 128 };
    const char *names[MAX_NAMES], *values[MAX_NAMES];
    char *owned[MAX_NAMES];
    int nv = 0;
    for (int k = 0; k < d->nvars && nv < MAX_NAMES; k++, nv++) {
        names[nv] = d->vars[k].name;
        owned[nv] = layout_var_value(&d->vars[k]);
        values[nv] = owned[nv] ? owned[nv] : "";
    }
    int nowned = nv;
    for (int k = 0; k < d->nconsts && nv < MAX_NAMES; k++, nv++) {
        names[nv] = d->consts[k].name;
        values[nv] = d->consts[k].text;
    }
    QueryVars qv = {range, interval, scrape, names, values, nv, range_text};
    char *out = query_expand(expr, &qv, NULL, 0);
    for (int k = 0; k < nowned; k++)
        free(owned[k]);
    return out;
}
