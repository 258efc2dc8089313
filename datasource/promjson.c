/* promjson.c - turns a Prometheus HTTP API answer (query, query_range,
 * label names and values) into a Result, and gives the other readers of
 * the server's answers (alertjson.c) its envelope, its error texts and the
 * one entry of a string from a server. Pure functions over cJSON: every
 * surprise in the body becomes a one-line error, never a crash. */
#include "promjson.h"

#include <malloc.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../util/duration.h"
#include "../util/text.h"

#define SNIPPET_MAX 200 /* bytes of a non-JSON body quoted in an error */

/* ---- the memory a parse tree may use ------------------------------------ */

/* cJSON allocates through these hooks: each thread counts what its trees
 * hold, and while promjson_tree() parses, allocations past tree_cap fail,
 * so a parse stops there instead of taking gigabytes (a tree costs some
 * 200 bytes a sample). The memory is counted as malloc gives it. */
static _Thread_local size_t tree_used, tree_cap;
static _Thread_local int tree_over; /* the last parse hit tree_cap */
static _Thread_local int
    points_over; /* the answer passed PROMJSON_MAX_POINTS */
static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;

static void *tree_malloc(size_t n)
{
    if (tree_cap && (n > tree_cap || tree_used > tree_cap - n)) {
        tree_over = 1;
        return NULL;
    }
    void *p = malloc(n);
    if (p)
        tree_used += malloc_usable_size(p);
    return p;
}

static void tree_free(void *p)
{
    if (p) {
        size_t u = malloc_usable_size(p);
        tree_used = u > tree_used ? 0 : tree_used - u;
    }
    free(p);
}

static void install_hooks(void)
{
    cJSON_Hooks h = {tree_malloc, tree_free};
    cJSON_InitHooks(&h);
}

void promjson_init(void)
{
    pthread_once(&hooks_once, install_hooks);
}

/* Sets the error of an answer refused for its size: "answer too large: N
 * series, N points; narrow the query", counted by json_scan (depth0: the
 * nesting the text starts at, 0 for a whole answer, 3 for one element of
 * data.result). */
static void too_large(Result *out, const char *body, size_t len, int depth0,
                      long more_series, long more_points);

static int http_ok(long status)
{
    return status == 0 || (status >= 200 && status < 300);
}

int promjson_number(const char *s, double *out)
{
    if (!s || !*s || !out)
        return -1;
    if (strcmp(s, "NaN") == 0) {
        *out = NAN;
        return 0;
    }
    if (strcmp(s, "+Inf") == 0 || strcmp(s, "Inf") == 0) {
        *out = INFINITY;
        return 0;
    }
    if (strcmp(s, "-Inf") == 0) {
        *out = -INFINITY;
        return 0;
    }
    /* Plain decimal only: strtod would also take " 1", "0x1p3", "nan". */
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    if (!((*p >= '0' && *p <= '9') || *p == '.'))
        return -1;
    for (const char *c = p; *c; c++) {
        if (!((*c >= '0' && *c <= '9') || *c == '.' || *c == 'e' || *c == 'E' ||
              *c == '+' || *c == '-'))
            return -1;
    }
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end)
        return -1;
    *out = v;
    return 0;
}

/* Copies a readable one-line excerpt of a non-JSON body into buf: the
 * <title> of an HTML page, else the first non-blank line, cleaned
 * (text_clean) and cut to SNIPPET_MAX bytes on a character boundary. */
static void body_snippet(const char *body, size_t len, char *buf, size_t n)
{
    const char *start = body, *end = body + len;
    for (size_t i = 0; i + 7 <= len; i++) {
        if (strncmp(body + i, "<title>", 7) == 0 ||
            strncmp(body + i, "<TITLE>", 7) == 0) {
            start = body + i + 7;
            const char *c = start;
            while (c < body + len && *c != '<')
                c++;
            end = c;
            break;
        }
    }
    /* Skip blank lines, then stop at the end of the first line. */
    while (start < end && (*start == '\n' || *start == '\r' || *start == ' ' ||
                           *start == '\t'))
        start++;
    const char *eol = start;
    while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;

    size_t room = n < SNIPPET_MAX + 1 ? n : SNIPPET_MAX + 1;
    text_clean_buf(buf, room, start, (size_t)(eol - start), 0);
    size_t k = strlen(buf);
    while (k > 0 && buf[k - 1] == ' ')
        k--;
    buf[k] = '\0';
}

void promjson_body_error(Result *out, const char *body, size_t len, long status)
{
    if (tree_over && http_ok(status)) {
        too_large(out, body, len, 0, 0, 0);
        return;
    }
    char snip[SNIPPET_MAX + 1];
    body_snippet(body, len, snip, sizeof snip);
    if (!http_ok(status)) {
        if (snip[0])
            result_set_error(out, "HTTP %ld: %s", status, snip);
        else
            result_set_error(out, "HTTP %ld with an empty body", status);
    } else {
        result_set_error(out, "answer is not JSON (HTTP %ld): %s",
                         status ? status : 200L, snip);
    }
}

/* Frees the series of `r`, keeping its warnings and status. */
static void drop_series(Result *r)
{
    Result tmp = {0};
    tmp.series = r->series;
    tmp.nseries = r->nseries;
    result_free(&tmp);
    r->series = NULL;
    r->nseries = 0;
    r->type = RESULT_NONE;
}

char *promjson_text(const char *s)
{
    return strdup(s ? s : "");
}

static int set_label(Label *l, const char *prefix, const char *name,
                     const char *value)
{
    size_t pl = prefix ? strlen(prefix) : 0, nl = strlen(name);
    l->name = malloc(pl + nl + 1);
    l->value = promjson_text(value);
    if (!l->name || !l->value)
        return -1;
    if (pl)
        memcpy(l->name, prefix, pl);
    memcpy(l->name + pl, name, nl + 1);
    return 0;
}

/* Adds every string member of `obj` as a label (name prefixed by `prefix`),
 * skipping `skip` when not NULL. Returns 0, -1 on OOM, -2 when a member is
 * not a string (its name then in *bad). */
static int add_labels(Series *s, const cJSON *obj, const char *prefix,
                      const char *skip, const char **bad)
{
    int n = cJSON_GetArraySize(obj);
    if (n <= 0)
        return 0;
    Label *nl =
        realloc(s->labels, sizeof *nl * ((size_t)s->nlabels + (size_t)n));
    if (!nl)
        return -1;
    s->labels = nl;
    const cJSON *it;
    cJSON_ArrayForEach(it, obj)
    {
        if (!it->string)
            continue;
        if (!cJSON_IsString(it) || !it->valuestring) {
            *bad = it->string;
            return -2;
        }
        if (skip && strcmp(it->string, skip) == 0)
            continue;
        Label *l = &s->labels[s->nlabels];
        int rc = set_label(l, prefix, it->string, it->valuestring);
        s->nlabels++; /* counted even when half made, so it is freed */
        if (rc)
            return -1;
    }
    return 0;
}

/* Reads a [time, "value"] pair. 0 on success, -1 when malformed, -3 when
 * the time is outside TIME_MIN_S..TIME_MAX_S (1e999 reads as infinity). */
static int parse_pair(const cJSON *pair, Point *pt)
{
    if (!cJSON_IsArray(pair) || cJSON_GetArraySize(pair) != 2)
        return -1;
    const cJSON *t = pair->child, *v = t ? t->next : NULL;
    if (!cJSON_IsNumber(t) || !v)
        return -1;
    if (!time_in_range(t->valuedouble))
        return -3;
    pt->t = t->valuedouble;
    if (cJSON_IsString(v) && v->valuestring)
        return promjson_number(v->valuestring, &pt->v);
    if (cJSON_IsNumber(v)) {
        pt->v = v->valuedouble;
        return 0;
    }
    return -1;
}

/* Reads a native histogram sample [time, {"count", "sum", "buckets":
 * [[boundary, "lower", "upper", "count"], ...]}] into hp. Returns 0, -1
 * when malformed (hp then owns what it holds), -2 on OOM, -3 when the time
 * is out of range. */
static int parse_hist_pair(const cJSON *pair, HistPoint *hp)
{
    memset(hp, 0, sizeof *hp);
    if (!cJSON_IsArray(pair) || cJSON_GetArraySize(pair) != 2)
        return -1;
    const cJSON *t = pair->child, *h = t ? t->next : NULL;
    if (!cJSON_IsNumber(t) || !cJSON_IsObject(h))
        return -1;
    if (!time_in_range(t->valuedouble))
        return -3;
    hp->t = t->valuedouble;
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(h, "count");
    const cJSON *sm = cJSON_GetObjectItemCaseSensitive(h, "sum");
    const cJSON *bs = cJSON_GetObjectItemCaseSensitive(h, "buckets");
    if (!cJSON_IsString(c) || promjson_number(c->valuestring, &hp->count) ||
        !cJSON_IsString(sm) || promjson_number(sm->valuestring, &hp->sum))
        return -1;
    if (!bs || cJSON_IsNull(bs))
        return 0; /* no observation yet */
    if (!cJSON_IsArray(bs))
        return -1;
    int nb = cJSON_GetArraySize(bs);
    if (nb == 0)
        return 0;
    hp->buckets = calloc((size_t)nb, sizeof *hp->buckets);
    if (!hp->buckets)
        return -2;
    const cJSON *b;
    cJSON_ArrayForEach(b, bs)
    {
        if (!cJSON_IsArray(b) || cJSON_GetArraySize(b) != 4 ||
            hp->nbuckets >= nb)
            return -1;
        const cJSON *rule = b->child, *lo = rule->next, *hi = lo->next,
                    *n = hi->next;
        HistBucket *hb = &hp->buckets[hp->nbuckets];
        if (!cJSON_IsNumber(rule) || rule->valuedouble < 0 ||
            rule->valuedouble > 3 || !cJSON_IsString(lo) ||
            promjson_number(lo->valuestring, &hb->lower) ||
            !cJSON_IsString(hi) ||
            promjson_number(hi->valuestring, &hb->upper) ||
            !cJSON_IsString(n) || promjson_number(n->valuestring, &hb->count))
            return -1;
        hb->boundary = (HistBoundary)rule->valueint;
        hp->nbuckets++;
    }
    return 0;
}

/* The native histogram samples of data.result[i]: "histogram" (vector,
 * one sample) or "histograms" (matrix) in hv, into s. Every bucket counts
 * as a point towards PROMJSON_MAX_POINTS in *total. Returns 0 or -1 with
 * the error set. */
static int parse_hists(const cJSON *hv, int matrix, int i, Series *s,
                       long *total, Result *out)
{
    int n = matrix ? cJSON_GetArraySize(hv) : 1;
    if (matrix && !cJSON_IsArray(hv)) {
        result_set_error(out,
                         "malformed answer: data.result[%d].histograms is "
                         "not an array",
                         i);
        return -1;
    }
    if (n <= 0)
        return 0;
    s->hists = calloc((size_t)n, sizeof *s->hists);
    if (!s->hists) {
        result_set_error(out, "out of memory for %d histograms", n);
        return -1;
    }
    const cJSON *one = hv, *pair;
    for (pair = matrix ? hv->child : one; pair && s->nhists < n;
         pair = matrix ? pair->next : NULL) {
        int rc = parse_hist_pair(pair, &s->hists[s->nhists]);
        s->nhists++; /* counted even when half made, so it is freed */
        if (rc == -2) {
            result_set_error(out, "out of memory reading histograms");
            return -1;
        }
        if (rc == -3) {
            result_set_error(out,
                             "malformed answer: data.result[%d].%s has a "
                             "time out of range (%g)",
                             i, matrix ? "histograms" : "histogram",
                             pair->child->valuedouble);
            return -1;
        }
        if (rc != 0) {
            if (matrix)
                result_set_error(out,
                                 "malformed answer: data.result[%d]"
                                 ".histograms[%d] is not a native histogram",
                                 i, s->nhists - 1);
            else
                result_set_error(out,
                                 "malformed answer: data.result[%d].histogram "
                                 "is not a native histogram",
                                 i);
            return -1;
        }
        *total += 1 + s->hists[s->nhists - 1].nbuckets;
        if (*total > PROMJSON_MAX_POINTS) {
            points_over = 1; /* the caller says how large, from the text */
            result_set_error(out, "answer too large; narrow the query");
            return -1;
        }
    }
    return 0;
}

/* Keeps the strings of array `key` of root ("warnings", "infos") in
 * *list / *count, control characters blanked. */
static void keep_notes(const cJSON *root, const char *key, char ***list,
                       int *count)
{
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(root, key);
    int n = cJSON_IsArray(w) ? cJSON_GetArraySize(w) : 0;
    if (n <= 0)
        return;
    *list = calloc((size_t)n, sizeof **list);
    if (!*list)
        return;
    const cJSON *it;
    cJSON_ArrayForEach(it, w)
    {
        if (cJSON_IsString(it) && it->valuestring && *count < n) {
            char *c = strdup(it->valuestring);
            if (!c)
                continue;
            for (char *p = c; *p; p++) {
                if ((unsigned char)*p < 0x20 || *p == 0x7f)
                    *p = ' ';
            }
            (*list)[(*count)++] = c;
        }
    }
}

/* VictoriaMetrics' own fields: "isPartial" (cluster: true when some
 * storage nodes did not answer, which becomes a warning) and
 * data.stats.seriesFetched. */
static void note_partial(const cJSON *root, Result *out)
{
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(root, "isPartial");
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(root, "data");
    const cJSON *st =
        cJSON_IsObject(d) ? cJSON_GetObjectItemCaseSensitive(d, "stats") : NULL;
    if (cJSON_IsBool(p) ||
        (cJSON_IsObject(st) &&
         cJSON_GetObjectItemCaseSensitive(st, "seriesFetched")))
        out->vm_fields = 1;
    if (!cJSON_IsTrue(p))
        return;
    char **w = realloc(out->warnings, sizeof *w * ((size_t)out->nwarnings + 1));
    if (!w)
        return;
    out->warnings = w;
    w[out->nwarnings] = strdup("partial answer (isPartial): some storage "
                               "nodes did not answer");
    if (w[out->nwarnings])
        out->nwarnings++;
}

/* Makes every string of the tree (values and member names) clean text
 * (newlines and tabs kept: alert annotations have several lines): the one
 * place where text from a server's JSON enters promboard. A
 * string to change is replaced through cJSON's own allocator. Returns 0,
 * or -1 on OOM. */
static int clean_tree(cJSON *node)
{
    for (cJSON *it = node; it; it = it->next) {
        char **strs[2] = {&it->string, NULL};
        if (cJSON_IsString(it) || cJSON_IsRaw(it))
            strs[1] = &it->valuestring;
        for (int k = 0; k < 2; k++) {
            char **sp = strs[k];
            if (!sp || !*sp ||
                !text_needs_clean(*sp, strlen(*sp), TEXT_MULTILINE))
                continue;
            if (k == 0 && (it->type & cJSON_StringIsConst))
                continue;
            char *c = text_clean(*sp, strlen(*sp), TEXT_MULTILINE);
            char *keep = c ? cJSON_malloc(strlen(c) + 1) : NULL;
            if (!keep) {
                free(c);
                return -1;
            }
            strcpy(keep, c);
            free(c);
            cJSON_free(*sp);
            *sp = keep;
        }
        if (it->child && clean_tree(it->child) < 0)
            return -1;
    }
    return 0;
}

cJSON *promjson_tree(const char *body, size_t len, const char **stop)
{
    promjson_init();
    tree_used = 0;
    tree_over = 0;
    tree_cap = PROMJSON_MAX_TREE;
    cJSON *root = cJSON_ParseWithLengthOpts(body, len, stop, 0);
    if (root && clean_tree(root) < 0) {
        cJSON_Delete(root);
        if (stop)
            *stop = NULL;
        root = NULL;
    }
    tree_cap = 0;
    return root;
}

int promjson_tree_too_large(void)
{
    return tree_over;
}

/* What a quick pass over JSON text tells without building a tree. */
typedef struct {
    int cut_short; /* ends inside a string or with brackets open */
    long max_depth;
    long series; /* objects at the depth of data.result's elements */
    long points; /* arrays at the depth of a matrix's [time, value] */
} JsonScan;

/* Scans the n bytes at s: nesting, and how many series and points an
 * answer shaped like Prometheus' holds ({"data":{"result":[{"values":
 * [[t,v]]}]}}: series at depth 4, points at depth 6). Linear, allocates
 * nothing. */
static void json_scan(const char *s, size_t n, int depth0, JsonScan *out)
{
    memset(out, 0, sizeof *out);
    long depth = depth0;
    int in_str = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '{' || c == '[') {
            if (++depth > out->max_depth)
                out->max_depth = depth;
            if (depth == 4 && c == '{')
                out->series++;
            else if (depth == 6 && c == '[')
                out->points++;
        } else if (c == '}' || c == ']') {
            if (--depth < depth0)
                return; /* closes what was never opened: not cut short */
        }
    }
    out->cut_short = in_str || depth > depth0;
}

static void too_large(Result *out, const char *body, size_t len, int depth0,
                      long more_series, long more_points)
{
    JsonScan sc;
    json_scan(body, len, depth0, &sc);
    long series = sc.series + more_series;
    long points = sc.points + more_points;
    if (points < series && sc.points == 0)
        points = series; /* a vector: one sample a series */
    result_free(out);
    result_set_error(out,
                     "answer too large: %ld series, %ld points; narrow the "
                     "query",
                     series, points);
}

/* Parses the body into a cJSON object and handles everything common to the
 * API's answers: transport-level bodies, status "error", warnings. Returns
 * the tree when the caller should go on to read "data", else NULL with
 * out->error set. */
cJSON *promjson_envelope(const char *body, size_t len, long status, Result *out)
{
    memset(out, 0, sizeof *out);
    out->http_status = status;
    if (!body || len == 0) {
        if (http_ok(status))
            result_set_error(out, "empty answer (HTTP %ld)",
                             status ? status : 200L);
        else
            result_set_error(out, "HTTP %ld with an empty body", status);
        return NULL;
    }

    const char *stop = NULL;
    cJSON *root = promjson_tree(body, len, &stop);
    if (!root) {
        size_t i = 0;
        while (i < len && (body[i] == ' ' || body[i] == '\n' ||
                           body[i] == '\r' || body[i] == '\t'))
            i++;
        if (i == len) {
            if (http_ok(status))
                result_set_error(out, "empty answer (HTTP %ld)",
                                 status ? status : 200L);
            else
                result_set_error(out, "HTTP %ld with an empty body", status);
            return NULL;
        }
        if (!http_ok(status) || (body[i] != '{' && body[i] != '[')) {
            promjson_body_error(out, body, len, status);
            return NULL;
        }
        size_t pos = stop && stop >= body && stop < body + len
                         ? (size_t)(stop - body)
                         : len - 1;
        JsonScan sc;
        json_scan(body, len, 0, &sc);
        if (tree_over) {
            too_large(out, body, len, 0, 0, 0);
            out->http_status = status;
        } else if (sc.max_depth > CJSON_NESTING_LIMIT)
            result_set_error(out, "JSON answer nested deeper than %d levels",
                             CJSON_NESTING_LIMIT);
        else if (sc.cut_short)
            result_set_error(out, "truncated JSON answer (%zu bytes)", len);
        else
            result_set_error(out, "malformed JSON answer near byte %zu of %zu",
                             pos + 1, len);
        return NULL;
    }
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        if (http_ok(status))
            result_set_error(out,
                             "unexpected answer (HTTP %ld): not a JSON object",
                             status ? status : 200L);
        else
            promjson_body_error(out, body, len, status);
        return NULL;
    }

    keep_notes(root, "warnings", &out->warnings, &out->nwarnings);
    keep_notes(root, "infos", &out->infos, &out->ninfos);
    note_partial(root, out);

    const cJSON *st = cJSON_GetObjectItemCaseSensitive(root, "status");
    const char *sts = cJSON_IsString(st) ? st->valuestring : NULL;
    if (sts && strcmp(sts, "success") == 0 && http_ok(status))
        return root;

    const cJSON *et = cJSON_GetObjectItemCaseSensitive(root, "errorType");
    const cJSON *em = cJSON_GetObjectItemCaseSensitive(root, "error");
    const char *ets =
        cJSON_IsString(et) && et->valuestring[0] ? et->valuestring : NULL;
    const char *ems =
        cJSON_IsString(em) && em->valuestring[0] ? em->valuestring : NULL;
    if (ets && ems)
        result_set_error(out, "%s: %s", ets, ems);
    else if (ems)
        result_set_error(out, "%s", ems);
    else if (ets)
        result_set_error(out, "%s (HTTP %ld, no message)", ets, status);
    else if (!http_ok(status)) {
        /* A proxy's own JSON error, e.g. {"message":"Unauthorized"}. */
        const cJSON *pm = cJSON_GetObjectItemCaseSensitive(root, "message");
        if (cJSON_IsString(pm) && pm->valuestring[0])
            result_set_error(out, "HTTP %ld: %.200s", status, pm->valuestring);
        else
            result_set_error(out, "HTTP %ld: unexpected JSON answer", status);
    } else if (sts)
        result_set_error(out, "unexpected status \"%s\" in the answer", sts);
    else
        result_set_error(out, "malformed answer: no \"status\"");
    cJSON_Delete(root);
    return NULL;
}

/* Returns data.<member>, or NULL with the error set when "data" or the
 * member is missing. */
static const cJSON *data_member(const cJSON *root, const char *member,
                                Result *out)
{
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(root, "data");
    if (!cJSON_IsObject(data)) {
        result_set_error(out, "malformed answer: no \"data\" object");
        return NULL;
    }
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(data, member);
    if (!m)
        result_set_error(out, "malformed answer: no data.%s", member);
    return m;
}

/* Element i of a vector or matrix result into s; *total counts the points
 * read so far. Returns 0 or -1 (error set in out). */
static int parse_element(const cJSON *el, int i, int matrix, Series *s,
                         Result *out, long *total)
{
    if (!cJSON_IsObject(el)) {
        result_set_error(
            out, "malformed answer: data.result[%d] is not an object", i);
        return -1;
    }
    const cJSON *metric = cJSON_GetObjectItemCaseSensitive(el, "metric");
    if (metric && !cJSON_IsNull(metric)) {
        const char *bad = NULL;
        int rc = cJSON_IsObject(metric)
                     ? add_labels(s, metric, NULL, NULL, &bad)
                     : -3;
        if (rc == -1) {
            result_set_error(out, "out of memory reading labels");
            return -1;
        }
        if (rc == -2) {
            result_set_error(out,
                             "malformed answer: label \"%s\" of "
                             "data.result[%d] is not a string",
                             bad, i);
            return -1;
        }
        if (rc == -3) {
            result_set_error(out,
                             "malformed answer: data.result[%d].metric "
                             "is not an object",
                             i);
            return -1;
        }
    }

    const char *key = matrix ? "values" : "value";
    const cJSON *vals = cJSON_GetObjectItemCaseSensitive(el, key);
    const cJSON *hv = cJSON_GetObjectItemCaseSensitive(
        el, matrix ? "histograms" : "histogram");
    if (hv && !cJSON_IsNull(hv) &&
        parse_hists(hv, matrix, i, s, total, out) != 0)
        return -1;
    if (!vals || cJSON_IsNull(vals))
        return 0; /* no float samples (maybe native histograms) */
    if (!matrix) {
        s->points = malloc(sizeof *s->points);
        if (!s->points) {
            result_set_error(out, "out of memory reading points");
            return -1;
        }
        int rc = parse_pair(vals, &s->points[0]);
        if (rc == -3)
            result_set_error(out,
                             "malformed answer: data.result[%d].value has "
                             "a time out of range (%g)",
                             i, vals->child->valuedouble);
        else if (rc != 0)
            result_set_error(out,
                             "malformed answer: data.result[%d].value "
                             "is not a [time, \"number\"] pair",
                             i);
        if (rc != 0)
            return -1;
        s->npoints = 1;
        (*total)++;
        return 0;
    }
    if (!cJSON_IsArray(vals)) {
        result_set_error(out,
                         "malformed answer: data.result[%d].values "
                         "is not an array",
                         i);
        return -1;
    }
    int np = cJSON_GetArraySize(vals);
    *total += np;
    if (*total > PROMJSON_MAX_POINTS) {
        points_over = 1; /* the caller says how large, from the text */
        result_set_error(out, "answer too large; narrow the query");
        return -1;
    }
    if (np == 0)
        return 0;
    s->points = malloc(sizeof *s->points * (size_t)np);
    if (!s->points) {
        result_set_error(out, "out of memory for %d points", np);
        return -1;
    }
    const cJSON *pair;
    int j = 0;
    cJSON_ArrayForEach(pair, vals)
    {
        if (j >= np)
            break;
        int rc = parse_pair(pair, &s->points[j]);
        if (rc == -3)
            result_set_error(out,
                             "malformed answer: data.result[%d].values[%d] "
                             "has a time out of range (%g)",
                             i, j, pair->child->valuedouble);
        else if (rc != 0)
            result_set_error(out,
                             "malformed answer: data.result[%d]"
                             ".values[%d] is not a [time, \"number\"] "
                             "pair",
                             i, j);
        if (rc != 0)
            return -1;
        j++;
        s->npoints = j;
    }
    return 0;
}

/* The elements of a vector or matrix result. Returns 0 or -1 (error set). */
static int parse_series_list(const cJSON *result, int matrix, Result *out)
{
    if (!cJSON_IsArray(result)) {
        result_set_error(out, "malformed answer: data.result is not an array");
        return -1;
    }
    int n = cJSON_GetArraySize(result);
    if (n > PROMJSON_MAX_SERIES) {
        points_over = 1; /* the caller says how large, from the text */
        result_set_error(out, "answer too large; narrow the query");
        return -1;
    }
    if (n == 0)
        return 0;
    out->series = calloc((size_t)n, sizeof *out->series);
    if (!out->series) {
        result_set_error(out, "out of memory for %d series", n);
        return -1;
    }
    long total = 0;
    int i = 0;
    const cJSON *el;
    cJSON_ArrayForEach(el, result)
    {
        if (i >= n)
            break;
        out->nseries = i + 1;
        if (parse_element(el, i, matrix, &out->series[i], out, &total) < 0)
            return -1;
        i++;
    }
    return 0;
}

int promjson_stream_element(PromjsonStream *st, const char *json, size_t len)
{
    int i = st->seen++;
    int keep = st->keep > 0 ? st->keep : PROMJSON_MAX_SERIES;
    if (st->res.error && !st->over)
        return -1;
    if (i >= keep || st->over) {
        /* counted, not read; what it holds still counts towards the size
         * an answer too large is refused with */
        JsonScan sc;
        json_scan(json, len, 3, &sc);
        st->points += sc.points ? sc.points : 1;
        return 0;
    }
    cJSON *el = promjson_tree(json, len, NULL);
    if (!el && tree_over) {
        /* one series larger than a tree may be: refuse the answer, go on
         * counting */
        JsonScan sc;
        json_scan(json, len, 3, &sc);
        st->points += sc.points;
        st->over = 1;
        return 0;
    }
    if (!el) {
        result_set_error(
            &st->res, "malformed answer: data.result[%d] is not valid JSON", i);
        return -1;
    }
    if (st->res.nseries == st->cap) {
        int cap = st->cap ? st->cap * 2 : 64;
        Series *ns = realloc(st->res.series, sizeof *ns * (size_t)cap);
        if (!ns) {
            cJSON_Delete(el);
            result_set_error(&st->res, "out of memory for %d series", cap);
            return -1;
        }
        st->res.series = ns;
        st->cap = cap;
    }
    Series *s = &st->res.series[st->res.nseries++];
    memset(s, 0, sizeof *s);
    int matrix = cJSON_IsObject(el) &&
                 (cJSON_GetObjectItemCaseSensitive(el, "values") ||
                  cJSON_GetObjectItemCaseSensitive(el, "histograms"));
    points_over = 0;
    int rc = parse_element(el, i, matrix, s, &st->res, &st->points);
    cJSON_Delete(el);
    /* what is kept: points, labels; past PROMJSON_MAX_KEPT the answer is
     * refused, and only counted from here on */
    st->kept += sizeof *s + (size_t)s->npoints * sizeof *s->points;
    for (int k = 0; k < s->nlabels; k++)
        st->kept += strlen(s->labels[k].name) + strlen(s->labels[k].value) + 2;
    if (points_over || st->kept > PROMJSON_MAX_KEPT) {
        st->over = 1;
        free(st->res.error);
        st->res.error = NULL;
        return 0;
    }
    return rc;
}

void promjson_stream_free(PromjsonStream *st)
{
    result_free(&st->res);
    memset(st, 0, sizeof *st);
}

int promjson_parse_stream(const char *rest, size_t len, long http_status,
                          PromjsonStream *st, Result *out)
{
    int rc = promjson_parse(rest, len, http_status, out);
    if (rc != 0 && st->res.error && !st->over) {
        /* a series was refused, which stopped the split there: what was
         * left of the text (the comma after that series) is no longer
         * JSON, and the series' own fault is the one to tell */
        result_set_error(out, "%s", st->res.error);
    }
    if (rc == 0 && st->seen > 0 &&
        (out->type == RESULT_VECTOR || out->type == RESULT_MATRIX)) {
        if (st->seen > PROMJSON_MAX_SERIES || st->over) {
            drop_series(out);
            result_free(out);
            result_set_error(out,
                             "answer too large: %d series, %ld points; "
                             "narrow the query",
                             st->seen, st->points);
            out->http_status = http_status;
            rc = -1;
        } else if (st->res.error) {
            result_set_error(out, "%s", st->res.error);
            rc = -1;
        } else {
            Result none = {0}; /* "result":[] left nothing, to be sure */
            none.series = out->series;
            none.nseries = out->nseries;
            result_free(&none);
            out->series = st->res.series;
            out->nseries = st->res.nseries;
            out->dropped = st->seen - st->res.nseries;
            st->res.series = NULL;
            st->res.nseries = 0;
        }
        if (rc < 0)
            drop_series(out);
    }
    promjson_stream_free(st);
    return rc;
}

/* A scalar or string result: [time, "text"]. */
static int parse_single(const cJSON *result, int is_string, Result *out)
{
    const cJSON *t = cJSON_IsArray(result) && cJSON_GetArraySize(result) == 2
                         ? result->child
                         : NULL;
    const cJSON *v = t ? t->next : NULL;
    if (!cJSON_IsNumber(t) || !cJSON_IsString(v) || !v->valuestring) {
        result_set_error(out,
                         "malformed answer: data.result is not a "
                         "[time, \"%s\"] pair",
                         is_string ? "text" : "number");
        return -1;
    }
    if (!time_in_range(t->valuedouble)) {
        result_set_error(out,
                         "malformed answer: data.result has a time out of "
                         "range (%g)",
                         t->valuedouble);
        return -1;
    }
    out->series = calloc(1, sizeof *out->series);
    if (!out->series) {
        result_set_error(out, "out of memory");
        return -1;
    }
    out->nseries = 1;
    Series *s = out->series;
    s->points = malloc(sizeof *s->points);
    if (!s->points) {
        result_set_error(out, "out of memory");
        return -1;
    }
    s->points[0].t = t->valuedouble;
    s->npoints = 1;
    if (promjson_number(v->valuestring, &s->points[0].v) != 0) {
        if (!is_string) {
            result_set_error(out,
                             "malformed answer: scalar value \"%s\" is "
                             "not a number",
                             v->valuestring);
            return -1;
        }
        s->points[0].v = NAN;
    }
    if (is_string) {
        s->labels = calloc(1, sizeof *s->labels);
        if (!s->labels ||
            set_label(&s->labels[0], NULL, "__string__", v->valuestring) != 0) {
            s->nlabels = s->labels ? 1 : 0;
            result_set_error(out, "out of memory");
            return -1;
        }
        s->nlabels = 1;
    }
    return 0;
}

int promjson_parse(const char *body, size_t len, long http_status, Result *out)
{
    if (!out)
        return -1;
    cJSON *root = promjson_envelope(body, len, http_status, out);
    if (!root)
        return -1;

    int rc = -1;
    points_over = 0;
    const cJSON *rt = data_member(root, "resultType", out);
    const cJSON *result = rt ? data_member(root, "result", out) : NULL;
    if (!rt || !result) {
        /* error already set */
    } else if (!cJSON_IsString(rt) || !rt->valuestring) {
        result_set_error(out,
                         "malformed answer: data.resultType is not a string");
    } else if (strcmp(rt->valuestring, "vector") == 0) {
        out->type = RESULT_VECTOR;
        rc = parse_series_list(result, 0, out);
    } else if (strcmp(rt->valuestring, "matrix") == 0) {
        out->type = RESULT_MATRIX;
        rc = parse_series_list(result, 1, out);
    } else if (strcmp(rt->valuestring, "scalar") == 0) {
        out->type = RESULT_SCALAR;
        rc = parse_single(result, 0, out);
    } else if (strcmp(rt->valuestring, "string") == 0) {
        out->type = RESULT_STRING;
        rc = parse_single(result, 1, out);
    } else {
        result_set_error(out, "unknown resultType \"%.40s\" in the answer",
                         rt->valuestring);
    }
    cJSON_Delete(root);
    if (rc != 0) {
        drop_series(out);
        if (points_over) {
            too_large(out, body, len, 0, 0, 0);
            out->http_status = http_status;
        }
        if (!out->error)
            result_set_error(out, "malformed answer");
        return -1;
    }
    return 0;
}

int promjson_parse_strings(const char *body, size_t len, long http_status,
                           Result *out)
{
    if (!out)
        return -1;
    cJSON *root = promjson_envelope(body, len, http_status, out);
    if (!root)
        return -1;
    int rc = -1;
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(root, "data");
    int n = cJSON_IsArray(data) ? cJSON_GetArraySize(data) : 0;
    if (!cJSON_IsArray(data)) {
        result_set_error(out, "malformed answer: \"data\" is not a list of "
                              "strings");
    } else if (n > PROMJSON_MAX_SERIES) {
        result_set_error(out, "answer too large: %d strings (at most %d)", n,
                         PROMJSON_MAX_SERIES);
    } else if (n > 0 &&
               !(out->series = calloc((size_t)n, sizeof *out->series))) {
        result_set_error(out, "out of memory");
    } else {
        out->type = RESULT_STRING;
        rc = 0;
        const cJSON *e;
        cJSON_ArrayForEach(e, data)
        {
            if (!cJSON_IsString(e) || !e->valuestring) {
                result_set_error(out,
                                 "malformed answer: element %d of "
                                 "\"data\" is not a string",
                                 out->nseries + 1);
                rc = -1;
                break;
            }
            Series *s = &out->series[out->nseries++];
            s->labels = calloc(1, sizeof *s->labels);
            if (!s->labels ||
                set_label(&s->labels[0], NULL, "__string__", e->valuestring)) {
                s->nlabels = s->labels ? 1 : 0;
                result_set_error(out, "out of memory");
                rc = -1;
                break;
            }
            s->nlabels = 1;
        }
    }
    cJSON_Delete(root);
    if (rc != 0) {
        drop_series(out);
        out->type = RESULT_NONE;
        if (!out->error)
            result_set_error(out, "malformed answer");
    }
    return rc;
}

int promjson_parse_status(const char *body, size_t len, long http_status,
                          Result *out)
{
    if (!out)
        return -1;
    cJSON *root = promjson_envelope(body, len, http_status, out);
    if (!root)
        return -1;
    int rc = -1;
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(root, "data");
    if (!cJSON_IsObject(data)) {
        result_set_error(out, "malformed answer: \"data\" is not an object");
    } else if (!(out->series = calloc(1, sizeof *out->series))) {
        result_set_error(out, "out of memory");
    } else {
        out->type = RESULT_VECTOR;
        out->nseries = 1;
        Series *s = out->series;
        int n = cJSON_GetArraySize(data);
        s->labels = n > 0 ? calloc((size_t)n, sizeof *s->labels) : NULL;
        rc = n > 0 && !s->labels ? -1 : 0;
        const cJSON *it;
        cJSON_ArrayForEach(it, data)
        {
            if (rc != 0 || !it->string || !cJSON_IsString(it) ||
                s->nlabels >= n)
                continue;
            rc = set_label(&s->labels[s->nlabels], NULL, it->string,
                           it->valuestring);
            s->nlabels++;
        }
        if (rc != 0)
            result_set_error(out, "out of memory");
    }
    cJSON_Delete(root);
    if (rc != 0) {
        drop_series(out);
        if (!out->error)
            result_set_error(out, "malformed answer");
    }
    return rc;
}
