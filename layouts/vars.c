/* vars.c - the parts of a dashboard that move at run time: anchored time
 * ranges (mtd, today), variables whose choices come from the server (the
 * request, the answer through regex and sort), and the expansion of
 * $variables in PromQL: current values, All, several values, the formats
 * of ${var:format}, auto intervals and ad hoc filters. */
#include <ctype.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../datasource/backend.h"
#include "../datasource/prom.h"
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

/* Appends s; returns 0, or -1 on OOM. */
static int puts_(Str *b, const char *s)
{
    for (; *s; s++)
        if (put(b, *s) < 0)
            return -1;
    return 0;
}

/* Appends s with regex metacharacters escaped for a PromQL string (the
 * backslash itself doubled twice: a literal backslash in the regex). */
static int put_regex_escaped(Str *b, const char *s)
{
    for (const char *c = s; *c; c++) {
        if (*c == '\\') {
            if (puts_(b, "\\\\\\\\") < 0)
                return -1;
            continue;
        }
        if (strchr(".+*?()|[]{}^$", *c) && puts_(b, "\\\\") < 0)
            return -1;
        if (put(b, *c) < 0)
            return -1;
    }
    return 0;
}

/* The values variable v stands for now: its chosen ones (sel), or its
 * value; every choice for All. *all tells All. Points into v. */
static int var_values(const VarConf *v, const char *const **out, int *all)
{
    static const char *const none[] = {""};
    *all = 0;
    if (v->sel && v->nsel > 0) {
        for (int i = 0; i < v->nsel; i++)
            if (v->all && !strcmp(v->sel[i], "All"))
                *all = 1;
        if (!*all) {
            *out = (const char *const *)v->sel;
            return v->nsel;
        }
    } else if (v->all && (!v->value || !strcmp(v->value, "All"))) {
        *all = 1;
    }
    if (*all) {
        *out = (const char *const *)v->values;
        return v->nvalues;
    }
    if (v->value) {
        *out = (const char *const *)&v->value;
        return 1;
    }
    if (v->nvalues > 0) {
        *out = (const char *const *)v->values;
        return 1;
    }
    *out = none;
    return 1;
}

char *layout_var_value(const VarConf *v)
{
    const char *const *vals;
    int all, n = var_values(v, &vals, &all);
    if (all && v->all_value)
        return strdup(v->all_value);
    if (all && n == 0)
        return strdup(".*");
    if (!all && n == 1 && !v->multi && !v->all)
        return strdup(vals[0]); /* a plain value, as it is */
    /* an alternation of the values, regex metacharacters escaped (the
     * backslash doubled, as the value sits in a PromQL string) */
    Str b = {0};
    for (int i = 0; i < n; i++)
        if ((i && put(&b, '|') < 0) || put_regex_escaped(&b, vals[i]) < 0)
            goto oom;
    return b.s ? b.s : strdup("");
oom:
    free(b.s);
    return NULL;
}

char *layout_var_format(const VarConf *v, const char *fmt)
{
    const char *const *vals;
    int all, n = var_values(v, &vals, &all);
    if (!fmt || !*fmt)
        return layout_var_value(v);
    if (all && v->all_value && strcmp(fmt, "text"))
        return strdup(v->all_value);
    Str b = {0};
    const char *sep = ",", *open = "", *close = "", *q = "";
    int esc = 0, many = n > 1;
    if (!strcmp(fmt, "regex")) {
        sep = "|";
        open = many ? "(" : "";
        close = many ? ")" : "";
        esc = 1;
    } else if (!strcmp(fmt, "pipe")) {
        sep = "|";
    } else if (!strcmp(fmt, "csv") || !strcmp(fmt, "raw") ||
               !strcmp(fmt, "percentencode")) {
        sep = ",";
    } else if (!strcmp(fmt, "json")) {
        open = "[";
        close = "]";
        q = "\"";
    } else if (!strcmp(fmt, "doublequote")) {
        q = "\"";
    } else if (!strcmp(fmt, "singlequote") || !strcmp(fmt, "sqlstring")) {
        q = "'";
    } else if (!strcmp(fmt, "text")) {
        sep = " + ";
        if (all) {
            free(b.s);
            return strdup("All");
        }
    } else if (!strcmp(fmt, "lucene")) {
        sep = " OR ";
        open = many ? "(" : "";
        close = many ? ")" : "";
        q = "\"";
    } else if (!strcmp(fmt, "queryparam")) {
        sep = "&";
    } else if (!strcmp(fmt, "distributed")) {
        sep = ",";
    } else { /* glob, and Grafana's fallback for a format it lacks */
        open = many ? "{" : "";
        close = many ? "}" : "";
    }
    if (puts_(&b, open) < 0)
        goto oom;
    for (int i = 0; i < n; i++) {
        if (i && puts_(&b, sep) < 0)
            goto oom;
        if (!strcmp(fmt, "queryparam") &&
            (puts_(&b, "var-") < 0 || puts_(&b, v->name) < 0 ||
             put(&b, '=') < 0))
            goto oom;
        if (!strcmp(fmt, "distributed") && i &&
            (puts_(&b, v->name) < 0 || put(&b, '=') < 0))
            goto oom;
        if (puts_(&b, q) < 0)
            goto oom;
        if (esc) {
            if (put_regex_escaped(&b, vals[i]) < 0)
                goto oom;
        } else if (!strcmp(fmt, "percentencode") ||
                   !strcmp(fmt, "queryparam")) {
            for (const unsigned char *c = (const unsigned char *)vals[i]; *c;
                 c++) {
                char hex[4];
                if (isalnum(*c) || strchr("-_.~", *c)) {
                    if (put(&b, (char)*c) < 0)
                        goto oom;
                } else {
                    snprintf(hex, sizeof hex, "%%%02X", *c);
                    if (puts_(&b, hex) < 0)
                        goto oom;
                }
            }
        } else {
            for (const char *c = vals[i]; *c; c++) {
                if ((*q == '"' && (*c == '"' || *c == '\\') &&
                     put(&b, '\\') < 0) ||
                    (*q == '\'' && *c == '\'' && put(&b, '\'') < 0))
                    goto oom;
                if (put(&b, *c) < 0)
                    goto oom;
            }
        }
        if (puts_(&b, q) < 0)
            goto oom;
    }
    if (puts_(&b, close) < 0)
        goto oom;
    return b.s ? b.s : strdup("");
oom:
    free(b.s);
    return NULL;
}

/* Whether text s names $name or ${name...} (a whole word). */
static int names_var(const char *s, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = s; p && (p = strchr(p, '$'));) {
        p++;
        if (*p == '{')
            p++;
        if (!strncmp(p, name, n)) {
            char c = p[n];
            if (!(c == '_' || (c >= '0' && c <= '9') ||
                  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
                return 1;
        }
    }
    return 0;
}

int layout_var_depends(const Dashboard *d, int i, int j)
{
    if (i == j || i < 0 || j < 0 || i >= d->nvars || j >= d->nvars)
        return 0;
    const VarConf *v = &d->vars[i];
    return (v->metric && names_var(v->metric, d->vars[j].name)) ||
           (v->qtext && names_var(v->qtext, d->vars[j].name));
}

/* The first whole number in s, -1 when it has none (how Grafana sorts
 * choices by number). */
static double first_number(const char *s)
{
    for (; *s; s++)
        if (isdigit((unsigned char)*s))
            return strtod(s, NULL);
    return -1;
}

/* Natural order: runs of digits compare as numbers. */
static int natural_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            while (*a == '0')
                a++;
            while (*b == '0')
                b++;
            size_t na = strspn(a, "0123456789"), nb = strspn(b, "0123456789");
            if (na != nb)
                return na < nb ? -1 : 1;
            int c = strncmp(a, b, na);
            if (c)
                return c;
            a += na;
            b += nb;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    return *a ? 1 : *b ? -1 : 0;
}

static int sort_mode; /* the VS_* of the sort under way */

static int cmp_choice(const void *x, const void *y)
{
    const char *a = *(char *const *)x, *b = *(char *const *)y;
    int r = 0;
    switch (sort_mode) {
    case VS_NUM:
    case VS_NUM_DESC: {
        double na = first_number(a), nb = first_number(b);
        r = na < nb ? -1 : na > nb ? 1 : strcmp(a, b);
        break;
    }
    case VS_ALPHA_CI:
    case VS_ALPHA_CI_DESC:
        r = strcasecmp(a, b);
        if (!r)
            r = strcmp(a, b);
        break;
    case VS_NATURAL:
    case VS_NATURAL_DESC:
        r = natural_cmp(a, b);
        break;
    default:
        r = strcmp(a, b);
    }
    int desc = sort_mode == VS_ALPHA_DESC || sort_mode == VS_NUM_DESC ||
               sort_mode == VS_ALPHA_CI_DESC || sort_mode == VS_NATURAL_DESC;
    return desc ? -r : r;
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
    int u = 0; /* drop duplicates */
    if (v->sort != VS_NONE) {
        sort_mode = v->sort;
        qsort(nv, (size_t)k, sizeof *nv, cmp_choice);
        for (int i = 0; i < k; i++) {
            if (u && !strcmp(nv[u - 1], nv[i]))
                free(nv[i]);
            else
                nv[u++] = nv[i];
        }
    } else { /* the order given, the first of equals kept */
        for (int i = 0; i < k; i++) {
            int dup = 0;
            for (int j = 0; j < u && !dup; j++)
                dup = !strcmp(nv[j], nv[i]);
            if (dup)
                free(nv[i]);
            else
                nv[u++] = nv[i];
        }
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

int layout_var_keep_choice(VarConf *v)
{
    if (v->sel) { /* several: keep those still offered */
        int k = 0;
        for (int i = 0; i < v->nsel; i++) {
            int in = v->all && !strcmp(v->sel[i], "All");
            for (int j = 0; j < v->nvalues && !in; j++)
                in = !strcmp(v->values[j], v->sel[i]);
            if (in)
                v->sel[k++] = v->sel[i];
            else
                free(v->sel[i]);
        }
        v->nsel = k;
        if (k > 0) {
            char *first = strdup(v->sel[0]);
            if (!first)
                return -1;
            free(v->value);
            v->value = first;
            return 0;
        }
        free(v->sel);
        v->sel = NULL;
        free(v->value);
        v->value = NULL; /* the first choice, or All, below */
        if (v->nvalues == 0 && !v->all)
            return 1;
        v->value = strdup(v->all ? "All" : v->values[0]);
        return v->value ? 1 : -1;
    }
    if (!v->value || v->nvalues == 0 || (v->all && !strcmp(v->value, "All")))
        return 0;
    for (int i = 0; i < v->nvalues; i++)
        if (!strcmp(v->values[i], v->value))
            return 0;
    char *first = strdup(v->all ? "All" : v->values[0]);
    if (!first)
        return -1;
    free(v->value);
    v->value = first;
    return 1;
}

/* layout_expand, the ad hoc filters added when `adhoc` (not to
 * the queries listing a variable's choices). */
static char *expand(const Dashboard *d, const char *expr, double range,
                    double interval, double scrape, int adhoc,
                    const char *range_text);

/* The scrape interval a variable's query takes for $__rate_interval: the
 * dashboard's, else the one assumed when the server does not tell. */
static double var_scrape(const Dashboard *d)
{
    return d->scrape > 0 ? d->scrape : BACKEND_DEFAULT_SCRAPE;
}

int layout_var_request(const Dashboard *d, const VarConf *v, double now,
                       double range, PromQuery *q)
{
    memset(q, 0, sizeof *q);
    char *expr = NULL, *match = NULL;
    double start = now - (range > 0 ? range : 3600);
    switch (v->qtype) {
    case VQ_LABEL_VALUES:
        if (v->metric &&
            !(match = expand(d, v->metric, range, 60, var_scrape(d), 0, NULL)))
            return -1;
        expr = prom_names_path(v->label, match, start, now);
        break;
    case VQ_LABEL_NAMES:
        if (v->qtext && *v->qtext &&
            !(match = expand(d, v->qtext, range, 60, var_scrape(d), 0, NULL)))
            return -1;
        expr = prom_names_path(NULL, match, start, now);
        break;
    case VQ_METRICS:
        expr = prom_names_path("__name__", NULL, start, now);
        break;
    case VQ_QUERY_RESULT:
        if (!(expr = expand(d, v->qtext, range, 60, var_scrape(d), 0, NULL)))
            return -1;
        q->type = PQ_INSTANT;
        q->time = now;
        q->expr = expr;
        return 0;
    default:
        return 1;
    }
    free(match);
    if (!expr)
        return -1;
    q->type = PQ_NAMES;
    q->expr = expr;
    return 0;
}

/* Series s as query_result() shows it: name{a="x",b="y"} value time_ms. */
static char *result_text(const Series *s)
{
    Str b = {0};
    const char *name = series_label(s, "__name__");
    if (puts_(&b, name ? name : "") < 0 || put(&b, '{') < 0)
        goto oom;
    int first = 1;
    for (int i = 0; i < s->nlabels; i++) {
        if (!strcmp(s->labels[i].name, "__name__"))
            continue;
        if ((!first && put(&b, ',') < 0) || puts_(&b, s->labels[i].name) < 0 ||
            puts_(&b, "=\"") < 0 || puts_(&b, s->labels[i].value) < 0 ||
            put(&b, '"') < 0)
            goto oom;
        first = 0;
    }
    if (puts_(&b, "} ") < 0)
        goto oom;
    if (s->npoints > 0) {
        char num[64];
        double v = s->points[s->npoints - 1].v;
        for (int digits = 15; digits <= 17; digits++) {
            snprintf(num, sizeof num, "%.*g", digits, v);
            if (strtod(num, NULL) == v || isnan(v))
                break;
        }
        if (puts_(&b, num) < 0)
            goto oom;
        snprintf(num, sizeof num, " %.0f",
                 round(s->points[s->npoints - 1].t * 1000));
        if (puts_(&b, num) < 0)
            goto oom;
    }
    return b.s;
oom:
    free(b.s);
    return NULL;
}

int layout_var_answer(VarConf *v, const Result *res)
{
    int n = res ? res->nseries : 0;
    char **texts = calloc((size_t)n + 1, sizeof *texts);
    const char **keep = calloc((size_t)n + 1, sizeof *keep);
    int k = 0, rc = 0;
    regex_t metrics_re;
    int have_metrics_re =
        v->qtype == VQ_METRICS && v->qtext &&
        regcomp(&metrics_re, v->qtext, REG_EXTENDED | REG_NOSUB) == 0;
    if (!texts || !keep) {
        rc = -1;
        goto out;
    }
    for (int i = 0; i < n; i++) {
        const Series *s = &res->series[i];
        const char *t = NULL;
        if (v->qtype == VQ_QUERY_RESULT) {
            if (!(texts[i] = result_text(s))) {
                rc = -1;
                goto out;
            }
            t = texts[i];
        } else if (v->qtype == VQ_LABEL_VALUES &&
                   !series_label(s, "__string__")) {
            t = series_label(s, v->label); /* an instant query's series */
        } else {
            t = series_label(s, "__string__");
        }
        if (!t)
            continue;
        if (have_metrics_re && regexec(&metrics_re, t, 0, NULL, 0) != 0)
            continue;
        if (v->regex) {
            regmatch_t m[10];
            if (regexec(v->regex, t, 10, m, 0) != 0)
                continue;
            int g = v->regex_group < 10 ? v->regex_group : 0;
            if (g > 0 && m[g].rm_so >= 0) {
                char *cap =
                    strndup(t + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so));
                if (!cap) {
                    rc = -1;
                    goto out;
                }
                free(texts[i]);
                texts[i] = cap;
                t = cap;
            }
        }
        keep[k++] = t;
    }
    rc = layout_var_set_choices(v, keep, k);
    if (rc == 0 && layout_var_keep_choice(v) < 0)
        rc = -1;
out:
    if (have_metrics_re)
        regfree(&metrics_re);
    for (int i = 0; texts && i < n; i++)
        free(texts[i]);
    free(texts);
    free(keep);
    return rc;
}

int layout_var_select(VarConf *v, const char *const *vals, int n)
{
    if (n <= 0)
        return 0;
    char *first = strdup(vals[0]);
    if (!first)
        return -1;
    if (v->multi) {
        char **sel = calloc((size_t)n, sizeof *sel);
        if (!sel) {
            free(first);
            return -1;
        }
        for (int i = 0; i < n; i++)
            if (!(sel[i] = strdup(vals[i]))) {
                for (int j = 0; j < i; j++)
                    free(sel[j]);
                free(sel);
                free(first);
                return -1;
            }
        for (int i = 0; i < v->nsel; i++)
            free(v->sel[i]);
        free(v->sel);
        v->sel = sel;
        v->nsel = n;
    }
    free(v->value);
    v->value = first;
    return 0;
}

/* ${name:format} and [[name]] / [[name:format]] in expr, replaced by
 * placeholders ${__fmtN} whose values go to fmt_vals (at most max, the
 * count in *nfmt). Returns malloc'd text. */
static char *take_formats(const Dashboard *d, const char *expr, char **fmt_vals,
                          int max, int *nfmt)
{
    Str b = {0};
    *nfmt = 0;
    for (const char *p = expr; *p;) {
        const char *name = NULL, *fmt = NULL, *end = NULL;
        size_t nlen = 0, flen = 0;
        if (p[0] == '$' && p[1] == '{') {
            const char *c = strchr(p + 2, ':'), *e = strchr(p + 2, '}');
            if (c && e && c < e) {
                name = p + 2;
                nlen = (size_t)(c - name);
                fmt = c + 1;
                flen = (size_t)(e - fmt);
                end = e + 1;
            }
        } else if (p[0] == '[' && p[1] == '[') {
            const char *e = strstr(p + 2, "]]");
            if (e) {
                const char *c = memchr(p + 2, ':', (size_t)(e - p - 2));
                name = p + 2;
                nlen = (size_t)((c ? c : e) - name);
                fmt = c ? c + 1 : NULL;
                flen = c ? (size_t)(e - c - 1) : 0;
                end = e + 2;
            }
        }
        const VarConf *v = NULL;
        for (int i = 0; name && i < d->nvars && !v; i++)
            if (strlen(d->vars[i].name) == nlen &&
                !strncmp(d->vars[i].name, name, nlen))
                v = &d->vars[i];
        if (!v || *nfmt >= max) {
            if (put(&b, *p) < 0)
                goto oom;
            p++;
            continue;
        }
        char f[32];
        snprintf(f, sizeof f, "%.*s", (int)(flen < 31 ? flen : 31),
                 fmt ? fmt : "");
        char *colon = strchr(f, ':'); /* date:iso and the like: the format */
        if (colon)
            *colon = '\0';
        char *val = layout_var_format(v, f);
        if (!val)
            goto oom;
        fmt_vals[*nfmt] = val;
        char ph[32];
        snprintf(ph, sizeof ph, "${__fmt%d}", (*nfmt)++);
        if (puts_(&b, ph) < 0)
            goto oom;
        p = end;
    }
    return b.s ? b.s : strdup("");
oom:
    free(b.s);
    return NULL;
}

char *layout_expand(const Dashboard *d, const char *expr, double range,
                    double interval, double scrape)
{
    return expand(d, expr, range, interval, scrape, 1, NULL);
}

char *layout_expand_text(const Dashboard *d, const char *expr, double range,
                         double interval, double scrape, const char *range_text)
{
    return expand(d, expr, range, interval, scrape, 1, range_text);
}

static char *expand(const Dashboard *d, const char *expr, double range,
                    double interval, double scrape, int adhoc,
                    const char *range_text)
{
    enum { MAX_NAMES = 128, MAX_FMT = 32 };
    const char *names[MAX_NAMES + MAX_FMT], *values[MAX_NAMES + MAX_FMT];
    char *owned[MAX_NAMES], *fmt_vals[MAX_FMT];
    char fmt_names[MAX_FMT][24];
    int nv = 0, nfmt = 0;
    char *text = take_formats(d, expr, fmt_vals, MAX_FMT, &nfmt);
    if (!text)
        return NULL;
    for (int k = 0; k < d->nvars && nv < MAX_NAMES; k++, nv++) {
        const VarConf *v = &d->vars[k];
        names[nv] = v->name;
        if (v->kind == VK_INTERVAL && v->value && !strcmp(v->value, "auto")) {
            /* the range cut in auto_count steps, at least auto_min */
            char dur[32];
            duration_format(query_interval(range, v->auto_count, v->auto_min),
                            dur, sizeof dur);
            owned[nv] = strdup(dur);
        } else {
            owned[nv] = layout_var_value(v);
        }
        values[nv] = owned[nv] ? owned[nv] : "";
    }
    int nowned = nv;
    for (int k = 0; k < d->nconsts && nv < MAX_NAMES; k++, nv++) {
        names[nv] = d->consts[k].name;
        values[nv] = d->consts[k].text;
    }
    for (int k = 0; k < nfmt; k++, nv++) {
        snprintf(fmt_names[k], sizeof fmt_names[k], "__fmt%d", k);
        names[nv] = fmt_names[k];
        values[nv] = fmt_vals[k];
    }
    QueryVars qv = {range, interval, scrape, names, values, nv, range_text};
    char *out = query_expand(text, &qv, NULL, 0);
    free(text);
    for (int k = 0; k < nowned; k++)
        free(owned[k]);
    for (int k = 0; k < nfmt; k++)
        free(fmt_vals[k]);
    /* ad hoc filters: label matchers added to every selector */
    for (int k = 0; out && adhoc && k < d->nvars; k++) {
        const VarConf *v = &d->vars[k];
        if (v->kind != VK_ADHOC || v->nfilters == 0)
            continue;
        Str m = {0};
        for (int f = 0; f < v->nfilters; f++) {
            const AdhocFilter *af = &v->filters[f];
            if ((f && put(&m, ',') < 0) || puts_(&m, af->label) < 0 ||
                puts_(&m, af->op) < 0 || put(&m, '"') < 0)
                goto oom;
            for (const char *c = af->value; *c; c++)
                if (((*c == '"' || *c == '\\') && put(&m, '\\') < 0) ||
                    put(&m, *c) < 0)
                    goto oom;
            if (put(&m, '"') < 0)
                goto oom;
        }
        char *with = query_add_matchers(out, m.s);
        free(m.s);
        free(out);
        out = with;
        continue;
    oom:
        free(m.s);
        free(out);
        return NULL;
    }
    return out;
}
