/* families.c - the metric names cache (one request per connection, sorted,
 * binary search) and the scanner that finds the metric names a PromQL
 * expression selects. */
#include "families.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FAMILIES_RETRY                                                         \
    30.0 /* seconds before a failed request is tried again                     \
          */

struct Families {
    Prom *prom;
    FamiliesState state;
    char **v; /* sorted */
    int n;
    double asked_at;
};

Families *families_new(Prom *p)
{
    Families *m = calloc(1, sizeof *m);
    if (m)
        m->prom = p;
    return m;
}

static void families_clear(Families *m)
{
    for (int i = 0; i < m->n; i++)
        free(m->v[i]);
    free(m->v);
    m->v = NULL;
    m->n = 0;
}

void families_free(Families *m)
{
    if (!m)
        return;
    if (m->prom)
        prom_forget(m->prom, m);
    families_clear(m);
    free(m);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void on_families(void *ud, const PromQuery *q, Result *res, double secs)
{
    (void)q;
    (void)secs;
    Families *m = ud;
    families_clear(m);
    if (res->error) {
        m->state = FAMILIES_FAILED;
        result_free(res);
        return;
    }
    m->v = calloc((size_t)res->nseries + 1, sizeof *m->v);
    for (int i = 0; m->v && i < res->nseries; i++) {
        const char *s = series_label(&res->series[i], "__string__");
        if (s && (m->v[m->n] = strdup(s)))
            m->n++;
    }
    qsort(m->v, (size_t)m->n, sizeof *m->v, cmp_str);
    m->state = m->v ? FAMILIES_KNOWN : FAMILIES_FAILED;
    result_free(res);
}

int families_ask(Families *m, double now)
{
    if (!m || m->state == FAMILIES_ASKING || m->state == FAMILIES_KNOWN)
        return 0;
    if (m->state == FAMILIES_FAILED && now - m->asked_at < FAMILIES_RETRY)
        return 0;
    char *path = prom_names_path("__name__", NULL, 0, 0);
    if (!path)
        return 0;
    PromQuery q = {.type = PQ_NAMES, .expr = path};
    int rc = prom_submit(m->prom, &q, on_families, m);
    free(path);
    if (rc < 0)
        return 0;
    m->state = FAMILIES_ASKING;
    m->asked_at = now;
    return 1;
}

void families_reset(Families *m)
{
    if (!m || m->state == FAMILIES_ASKING)
        return;
    families_clear(m);
    m->state = FAMILIES_UNKNOWN;
}

FamiliesState families_state(const Families *m)
{
    return m ? m->state : FAMILIES_UNKNOWN;
}

int families_count(const Families *m)
{
    return m && m->state == FAMILIES_KNOWN ? m->n : 0;
}

int families_has(const Families *m, const char *name)
{
    if (!strcmp(name, "ALERTS") || !strcmp(name, "ALERTS_FOR_STATE"))
        return 1;
    if (!m || m->state != FAMILIES_KNOWN)
        return -1;
    return bsearch(&name, m->v, (size_t)m->n, sizeof *m->v, cmp_str) != NULL;
}

/* ---- the names an expression selects ----------------------------------- */

static int ident_start(int c)
{
    return isalpha(c) || c == '_' || c == ':';
}

static int ident_char(int c)
{
    return isalnum(c) || c == '_' || c == ':';
}

static int word_in(const char *w, size_t n, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (strlen(list[i]) == n && !strncasecmp(list[i], w, n))
            return 1;
    return 0;
}

/* Past the string starting at s (a quote), escapes honoured. */
static const char *skip_string(const char *s)
{
    char q = *s++;
    while (*s && *s != q) {
        if (*s == '\\' && q != '`' && s[1])
            s++;
        s++;
    }
    return *s ? s + 1 : s;
}

static const char *skip_space(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    return s;
}

/* Past the bracketed group starting at s ('(' '[' or '{'), strings and
 * nesting honoured. */
static const char *skip_group(const char *s)
{
    char open = *s, close = open == '(' ? ')' : open == '[' ? ']' : '}';
    int depth = 0;
    while (*s) {
        if (*s == '"' || *s == '\'' || *s == '`') {
            s = skip_string(s);
            continue;
        }
        if (*s == open)
            depth++;
        else if (*s == close && --depth == 0)
            return s + 1;
        s++;
    }
    return s;
}

/* Adds name (len bytes) to out unless there or too long. */
static void add_name(char (*out)[FAMILIES_MAX_LEN], int *n, int max,
                     const char *name, size_t len)
{
    if (len == 0 || len >= FAMILIES_MAX_LEN || *n >= max)
        return;
    for (int i = 0; i < *n; i++)
        if (strlen(out[i]) == len && !strncmp(out[i], name, len))
            return;
    memcpy(out[*n], name, len);
    out[*n][len] = 0;
    (*n)++;
}

/* Looks for __name__="x" among the matchers of the group at s ('{'). */
static void name_matcher(const char *s, const char *end,
                         char (*out)[FAMILIES_MAX_LEN], int *n, int max)
{
    for (const char *p = s + 1; p < end;) {
        if (*p == '"' || *p == '\'' || *p == '`') {
            p = skip_string(p);
            continue;
        }
        if (!strncmp(p, "__name__", 8) && !ident_char((unsigned char)p[8]) &&
            (p == s + 1 || !ident_char((unsigned char)p[-1]))) {
            const char *q = skip_space(p + 8);
            if (*q == '=' && q[1] != '~' && q[1] != '=') {
                q = skip_space(q + 1);
                if (*q == '"' || *q == '\'' || *q == '`') {
                    const char *e = skip_string(q);
                    if (e > q + 1 && e[-1] == *q)
                        add_name(out, n, max, q + 1, (size_t)(e - q - 2));
                }
            }
        }
        p++;
    }
}

int families_in_expr(const char *expr, char (*out)[FAMILIES_MAX_LEN], int max)
{
    static const char *const lists[] = {
        "by", "without", "on", "ignoring", "group_left", "group_right", NULL};
    static const char *const words[] = {
        "bool", "offset", "and", "or", "unless", "inf", "nan", "atan2", NULL};
    static const char *const aggrs[] = {
        "sum",      "min",          "max",    "avg",         "group",
        "count",    "stddev",       "stdvar", "bottomk",     "topk",
        "quantile", "count_values", "limitk", "limit_ratio", NULL};
    int n = 0;
    const char *s = expr ? expr : "";
    while (*s) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\'' || c == '`') {
            s = skip_string(s);
        } else if (c == '#') {
            while (*s && *s != '\n')
                s++;
        } else if (c == '{') {
            const char *e = skip_group(s);
            name_matcher(s, e, out, &n, max);
            s = e;
        } else if (c == '[') {
            s = skip_group(s);
        } else if (isdigit(c) || (c == '.' && isdigit((unsigned char)s[1]))) {
            while (*s && (isalnum((unsigned char)*s) || *s == '.' || *s == '_'))
                s++; /* a number or a duration: 5m, 1e3, 0x1f */
        } else if (ident_start(c)) {
            const char *w = s;
            while (ident_char((unsigned char)*s))
                s++;
            size_t len = (size_t)(s - w);
            const char *next = skip_space(s);
            if (word_in(w, len, lists)) { /* by (label, ...) */
                if (*next == '(')
                    s = skip_group(next);
                continue;
            }
            if (*next == '(') /* a function or an aggregation */
                continue;
            if (word_in(w, len, words))
                continue;
            if (word_in(w, len, aggrs)) {
                const char *x = next;
                while (ident_char((unsigned char)*x))
                    x++;
                if (word_in(next, (size_t)(x - next), lists))
                    continue; /* sum by (...) (...) */
            }
            add_name(out, &n, max, w, len);
        } else {
            s++;
        }
    }
    return n;
}
