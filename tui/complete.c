/* complete.c - PromQL completion: a small scanner that tells what is typed
 * at the cursor, and a session cache of the server's label names and values
 * (GET /api/v1/label/__name__/values, /api/v1/labels, /api/v1/label/<name>/
 * values, each with match[] of the selector's metric), asked through the
 * one Prometheus client so they share its connections and settings. */
#include "complete.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CACHE_MAX 256   /* cached questions; the oldest answered go first */
#define RETRY_AFTER 5.0 /* seconds before a failed question is asked again */

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* PromQL functions and aggregation operators, offered with metric names. */
static const char *const promql_words[] = {
    "abs",
    "absent",
    "absent_over_time",
    "acos",
    "acosh",
    "asin",
    "asinh",
    "atan",
    "atanh",
    "avg",
    "avg_over_time",
    "bottomk",
    "ceil",
    "changes",
    "clamp",
    "clamp_max",
    "clamp_min",
    "cos",
    "cosh",
    "count",
    "count_over_time",
    "count_values",
    "day_of_month",
    "day_of_week",
    "day_of_year",
    "days_in_month",
    "deg",
    "delta",
    "deriv",
    "exp",
    "floor",
    "group",
    "histogram_avg",
    "histogram_count",
    "histogram_fraction",
    "histogram_quantile",
    "histogram_stddev",
    "histogram_stdvar",
    "histogram_sum",
    "holt_winters",
    "hour",
    "idelta",
    "increase",
    "irate",
    "label_join",
    "label_replace",
    "last_over_time",
    "limitk",
    "ln",
    "log10",
    "log2",
    "mad_over_time",
    "max",
    "max_over_time",
    "min",
    "min_over_time",
    "minute",
    "month",
    "pi",
    "predict_linear",
    "present_over_time",
    "quantile",
    "quantile_over_time",
    "rad",
    "rate",
    "resets",
    "round",
    "scalar",
    "sgn",
    "sin",
    "sinh",
    "sort",
    "sort_by_label",
    "sort_by_label_desc",
    "sort_desc",
    "sqrt",
    "stddev",
    "stddev_over_time",
    "stdvar",
    "stdvar_over_time",
    "sum",
    "sum_over_time",
    "tan",
    "tanh",
    "time",
    "timestamp",
    "topk",
    "vector",
    "year",
};

static int ident_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c == ':';
}

static int ident_char(char c)
{
    return ident_start(c) || (c >= '0' && c <= '9');
}

/* Keywords whose parenthesis holds label names. */
static int label_list_word(const char *w)
{
    static const char *const words[] = {
        "by", "without", "on", "ignoring", "group_left", "group_right", NULL};
    for (int i = 0; words[i]; i++)
        if (!strcmp(w, words[i]))
            return 1;
    return 0;
}

static void copy_name(char *dst, const char *src, size_t n)
{
    if (n >= COMPLETE_NAME_MAX)
        n = COMPLETE_NAME_MAX - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Words that are not metric names where an identifier may stand. */
static int keyword(const char *w)
{
    static const char *const words[] = {
        "by",          "without", "on",  "ignoring", "group_left",
        "group_right", "bool",    "and", "or",       "unless",
        "offset",      "atan2",   NULL};
    for (int i = 0; words[i]; i++)
        if (!strcmp(w, words[i]))
            return 1;
    for (size_t i = 0; i < sizeof promql_words / sizeof *promql_words; i++)
        if (!strcmp(w, promql_words[i]))
            return 1; /* "sum by (...)": an operator, not a metric */
    return 0;
}

/* The first metric name of the whole text, into out ("" when none): an
 * identifier outside strings, braces, brackets and label lists, not a
 * keyword, not called as a function. */
static void first_metric(const char *text, char *out)
{
    out[0] = '\0';
    char quote = 0;
    int brace = 0, bracket = 0, skip_paren = 0;
    for (size_t i = 0; text[i];) {
        char c = text[i];
        if (quote) {
            if (c == '\\' && text[i + 1])
                i++;
            else if (c == quote)
                quote = 0;
            i++;
            continue;
        }
        if (ident_start(c)) {
            size_t j = i;
            while (ident_char(text[j]))
                j++;
            size_t k = j;
            while (text[k] == ' ' || text[k] == '\t' || text[k] == '\n')
                k++;
            char w[COMPLETE_NAME_MAX];
            copy_name(w, text + i, j - i);
            if (!brace && !bracket && !skip_paren && text[k] != '(' &&
                !keyword(w)) {
                memcpy(out, w, sizeof w);
                return;
            }
            if (label_list_word(w) && text[k] == '(')
                skip_paren = 1;
            i = j;
            continue;
        }
        if (c >= '0' && c <= '9') {
            while (ident_char(text[i]) || text[i] == '.')
                i++;
            continue;
        }
        if (c == '"' || c == '\'' || c == '`')
            quote = c;
        else if (c == '{')
            brace = 1;
        else if (c == '}')
            brace = 0;
        else if (c == '[')
            bracket = 1;
        else if (c == ']')
            bracket = 0;
        else if (c == ')')
            skip_paren = 0;
        i++;
    }
}

CompleteKind complete_context(const char *text, size_t cursor, CompleteCtx *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    size_t len = strlen(text);
    if (cursor > len)
        cursor = len;
    char quote = 0; /* inside a string opened by this quote */
    size_t str_start = 0;
    int brace = 0;                       /* inside {...} */
    int bracket = 0;                     /* inside [...] (a duration) */
    int depth = 0, label_paren = -1;     /* paren depth of a by (...) list */
    char word[COMPLETE_NAME_MAX] = "";   /* the last identifier */
    char metric[COMPLETE_NAME_MAX] = ""; /* the metric of the open {...} */
    char label[COMPLETE_NAME_MAX] = "";  /* the last label name in {...} */
    char value_label[COMPLETE_NAME_MAX] = "";
    int word_done = 0; /* only blanks since the last identifier */
    for (size_t i = 0; i < cursor;) {
        char c = text[i];
        if (quote) {
            if (c == '\\' && quote != '`' && i + 1 < cursor)
                i += 2;
            else {
                if (c == quote)
                    quote = 0;
                i++;
            }
            continue;
        }
        if (ident_start(c)) {
            size_t j = i;
            while (j < len && ident_char(text[j]))
                j++;
            if (j > cursor)
                j = cursor;
            copy_name(word, text + i, j - i);
            if (brace)
                copy_name(label, text + i, j - i);
            word_done = 1;
            i = j;
            continue;
        }
        if (c >= '0' && c <= '9') { /* a number: no identifier */
            while (i < cursor && (ident_char(text[i]) || text[i] == '.'))
                i++;
            word_done = 0;
            word[0] = '\0';
            continue;
        }
        switch (c) {
        case '"':
        case '\'':
        case '`':
            quote = c;
            str_start = i + 1;
            memcpy(value_label, label, sizeof label);
            break;
        case '{':
            brace = 1;
            if (word_done)
                memcpy(metric, word, sizeof word);
            else
                metric[0] = '\0';
            label[0] = '\0';
            break;
        case '}':
            brace = 0;
            break;
        case '[':
            bracket = 1;
            break;
        case ']':
            bracket = 0;
            break;
        case '(':
            if (word_done && label_list_word(word) && label_paren < 0)
                label_paren = depth;
            depth++;
            break;
        case ')':
            if (depth > 0)
                depth--;
            if (label_paren >= depth)
                label_paren = -1;
            break;
        default:
            break;
        }
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            word_done = 0;
        i++;
    }
    if (quote) {
        if (brace && value_label[0] && quote != '`') {
            ctx->kind = CK_VALUE;
            ctx->start = str_start;
            ctx->quote = quote;
            memcpy(ctx->metric, metric, sizeof metric);
            memcpy(ctx->label, value_label, sizeof value_label);
        }
        return ctx->kind;
    }
    if (bracket)
        return CK_NONE;
    size_t s = cursor;
    while (s > 0 && ident_char(text[s - 1]))
        s--;
    if (s < cursor && !ident_start(text[s]))
        return CK_NONE; /* a number or a duration */
    ctx->start = s;
    if (brace) {
        /* a label name: right after '{' or ',' (blanks aside) */
        size_t b = s;
        while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '\t'))
            b--;
        if (b > 0 && text[b - 1] != '{' && text[b - 1] != ',')
            return CK_NONE;
        ctx->kind = CK_LABEL;
        ctx->braces = 1;
        memcpy(ctx->metric, metric, sizeof metric);
    } else if (label_paren >= 0) {
        ctx->kind = CK_LABEL;
        first_metric(text, ctx->metric);
    } else {
        ctx->kind = CK_METRIC;
    }
    return ctx->kind;
}

size_t complete_common(const char *const *items, int n)
{
    if (n <= 0)
        return 0;
    size_t k = strlen(items[0]);
    for (int i = 1; i < n; i++) {
        size_t j = 0;
        while (j < k && items[i][j] == items[0][j])
            j++;
        k = j;
    }
    /* never end inside a UTF-8 character */
    while (k > 0 && ((unsigned char)items[0][k] & 0xc0) == 0x80)
        k--;
    return k;
}

char *complete_insert_text(const CompleteCtx *ctx, const char *item, int whole,
                           char *buf, size_t n)
{
    size_t k = 0;
    for (const char *c = item; *c; c++) {
        int esc = ctx->kind == CK_VALUE && (*c == '\\' || *c == ctx->quote);
        if (k + (size_t)esc + 2 >= n)
            return NULL;
        if (esc)
            buf[k++] = '\\';
        buf[k++] = *c;
    }
    if (whole && ctx->kind == CK_VALUE)
        buf[k++] = ctx->quote;
    buf[k] = '\0';
    return buf;
}

/* ---- the cache ------------------------------------------------------- */

typedef struct {
    Complete *owner;
    char *key; /* kind, label and metric of the question */
    CompleteList list;
    long used;          /* for eviction: higher is newer */
    double answered_at; /* monotonic seconds of the last answer */
} Entry;

struct Complete {
    Prom *prom;
    void (*on_ready)(void *);
    void *ud;
    Entry *e[CACHE_MAX]; /* each allocated alone: a pending one is a
                            callback's user data */
    int n;
    long tick;
};

Complete *complete_new(Prom *p, void (*on_ready)(void *ud), void *ud)
{
    Complete *c = calloc(1, sizeof *c);
    if (c) {
        c->prom = p;
        c->on_ready = on_ready;
        c->ud = ud;
    }
    return c;
}

static void entry_free(Complete *c, Entry *e)
{
    if (e->list.state == CL_PENDING)
        prom_forget(c->prom, e);
    for (int i = 0; i < e->list.n; i++)
        free(e->list.items[i]);
    free(e->list.items);
    free(e->list.error);
    free(e->key);
    free(e);
}

void complete_free(Complete *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->n; i++)
        entry_free(c, c->e[i]);
    free(c);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void on_answer(void *ud, const PromQuery *q, Result *res, double secs)
{
    (void)q;
    (void)secs;
    Entry *e = ud;
    e->answered_at = mono();
    if (res->error) {
        e->list.state = CL_FAILED;
        free(e->list.error);
        e->list.error = strdup(res->error);
    } else {
        e->list.items = calloc((size_t)res->nseries + 1, sizeof *e->list.items);
        int n = 0;
        for (int i = 0; e->list.items && i < res->nseries; i++) {
            const char *s = series_label(&res->series[i], "__string__");
            if (s && *s && (e->list.items[n] = strdup(s)))
                n++;
        }
        qsort(e->list.items, (size_t)n, sizeof *e->list.items, cmp_str);
        int k = 0; /* unique */
        for (int i = 0; i < n; i++) {
            if (k > 0 && !strcmp(e->list.items[k - 1], e->list.items[i]))
                free(e->list.items[i]);
            else
                e->list.items[k++] = e->list.items[i];
        }
        e->list.n = k;
        e->list.state = e->list.items ? CL_READY : CL_FAILED;
        if (!e->list.items)
            e->list.error = strdup("out of memory");
    }
    result_free(res);
    if (e->owner->on_ready)
        e->owner->on_ready(e->owner->ud);
}

/* Drops the least recently used answered entry; 0, or -1 when all wait. */
static int evict(Complete *c)
{
    int best = -1;
    for (int i = 0; i < c->n; i++)
        if (c->e[i]->list.state != CL_PENDING &&
            (best < 0 || c->e[i]->used < c->e[best]->used))
            best = i;
    if (best < 0)
        return -1;
    entry_free(c, c->e[best]);
    c->e[best] = c->e[--c->n];
    return 0;
}

const CompleteList *complete_get(Complete *c, const CompleteCtx *ctx,
                                 double start, double end)
{
    if (!c || ctx->kind == CK_NONE)
        return NULL;
    const char *label = ctx->kind == CK_METRIC  ? "__name__"
                        : ctx->kind == CK_VALUE ? ctx->label
                                                : NULL;
    const char *match = ctx->kind == CK_METRIC ? "" : ctx->metric;
    char key[2 * COMPLETE_NAME_MAX + 8];
    snprintf(key, sizeof key, "%d|%s|%s", (int)ctx->kind, label ? label : "",
             match);
    for (int i = 0; i < c->n; i++)
        if (!strcmp(c->e[i]->key, key)) {
            Entry *e = c->e[i];
            e->used = ++c->tick;
            if (e->list.state == CL_FAILED &&
                mono() - e->answered_at > RETRY_AFTER) {
                /* the server may be back: ask again */
                char *path = prom_names_path(label, match, start, end);
                PromQuery q = {.type = PQ_NAMES, .expr = path};
                if (path && prom_submit(c->prom, &q, on_answer, e) == 0)
                    e->list.state = CL_PENDING;
                free(path);
            }
            return &e->list;
        }
    if (c->n == CACHE_MAX && evict(c) < 0)
        return NULL;
    Entry *e = calloc(1, sizeof *e);
    char *path = prom_names_path(label, match, start, end);
    if (!e || !path || !(e->key = strdup(key))) {
        free(path);
        if (e)
            free(e->key);
        free(e);
        return NULL;
    }
    e->owner = c;
    e->used = ++c->tick;
    e->list.state = CL_PENDING;
    PromQuery q = {.type = PQ_NAMES, .expr = path};
    int rc = prom_submit(c->prom, &q, on_answer, e);
    free(path);
    if (rc < 0) {
        free(e->key);
        free(e);
        return NULL;
    }
    c->e[c->n++] = e;
    return &e->list;
}

int complete_filter(const CompleteList *l, CompleteKind kind,
                    const char *prefix, size_t len, const char ***out)
{
    *out = NULL;
    int cap =
        (l ? l->n : 0) +
        (kind == CK_METRIC ? (int)(sizeof promql_words / sizeof *promql_words)
                           : 0);
    if (cap == 0)
        return 0;
    const char **v = malloc(sizeof *v * (size_t)cap);
    if (!v)
        return -1;
    int n = 0;
    for (int i = 0; l && i < l->n; i++)
        if (!strncmp(l->items[i], prefix, len))
            v[n++] = l->items[i];
    if (kind == CK_METRIC)
        for (size_t i = 0; i < sizeof promql_words / sizeof *promql_words; i++)
            if (!strncmp(promql_words[i], prefix, len))
                v[n++] = promql_words[i];
    qsort(v, (size_t)n, sizeof *v, cmp_str);
    int k = 0;
    for (int i = 0; i < n; i++)
        if (k == 0 || strcmp(v[k - 1], v[i]))
            v[k++] = v[i];
    if (k == 0) {
        free(v);
        return 0;
    }
    *out = v;
    return k;
}
