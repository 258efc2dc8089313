/* compare.c - integration check: reads promboard's `--once --format json`
 * output, asks the same Prometheus every query again exactly as promboard
 * says it sent it (same expression, same time or start/end/step), and
 * checks that every series, last value, point and native histogram sample
 * promboard reports equals the server's own answer. Written apart from
 * promboard's own client and parser on purpose, so a bug there cannot hide
 * itself.
 *
 * usage: compare URL FILE.json [--allow-empty 'TITLE|TITLE...']...
 * Exit 0 when everything matches, 1 otherwise; one line per panel. */
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *data;
    size_t len;
} Buf;

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
    Buf *b = ud;
    size_t k = size * n;
    char *d = realloc(b->data, b->len + k + 1);
    if (!d)
        return 0;
    memcpy(d + b->len, p, k);
    b->len += k;
    d[b->len] = 0;
    b->data = d;
    return k;
}

/* Asks the server; returns the parsed answer's "data" object owner, or NULL
 * with a message in err. */
static cJSON *ask(const char *url, const cJSON *q, char *err, size_t errn)
{
    const char *type = cJSON_GetStringValue(cJSON_GetObjectItem(q, "type"));
    const char *expr = cJSON_GetStringValue(cJSON_GetObjectItem(q, "expr"));
    if (!type || !expr) {
        snprintf(err, errn, "query without type or expr");
        return NULL;
    }
    CURL *c = curl_easy_init();
    char *e = curl_easy_escape(c, expr, 0);
    char form[65536], full[1024];
    if (!strcmp(type, "range")) {
        snprintf(form, sizeof form, "query=%s&start=%.3f&end=%.3f&step=%.3f", e,
                 cJSON_GetObjectItem(q, "start")->valuedouble,
                 cJSON_GetObjectItem(q, "end")->valuedouble,
                 cJSON_GetObjectItem(q, "step")->valuedouble);
        snprintf(full, sizeof full, "%s/api/v1/query_range", url);
    } else {
        snprintf(form, sizeof form, "query=%s&time=%.3f", e,
                 cJSON_GetObjectItem(q, "time")->valuedouble);
        snprintf(full, sizeof full, "%s/api/v1/query", url);
    }
    curl_free(e);
    Buf b = {0};
    curl_easy_setopt(c, CURLOPT_URL, full);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    CURLcode rc = curl_easy_perform(c);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK) {
        snprintf(err, errn, "server: %s", curl_easy_strerror(rc));
        free(b.data);
        return NULL;
    }
    cJSON *root = cJSON_ParseWithLength(b.data ? b.data : "", b.len);
    free(b.data);
    if (!root) {
        snprintf(err, errn, "server answer is not JSON");
        return NULL;
    }
    return root;
}

/* A Prometheus value string or a promboard JSON value as a double. */
static double value_of(const cJSON *v)
{
    if (cJSON_IsNumber(v))
        return v->valuedouble;
    const char *s = cJSON_GetStringValue(v);
    if (!s)
        return NAN;
    if (!strcmp(s, "NaN"))
        return NAN;
    if (!strcmp(s, "+Inf"))
        return INFINITY;
    if (!strcmp(s, "-Inf"))
        return -INFINITY;
    return strtod(s, NULL);
}

static int same(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

/* 1 when the two label objects hold the same pairs. */
static int same_labels(const cJSON *a, const cJSON *b)
{
    if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b))
        return 0;
    const cJSON *x;
    cJSON_ArrayForEach(x, a)
    {
        const cJSON *y = cJSON_GetObjectItemCaseSensitive(b, x->string);
        if (!y || strcmp(cJSON_GetStringValue(x), cJSON_GetStringValue(y)))
            return 0;
    }
    return 1;
}

/* 1 when native histogram samples a (the server's [time, {"count": "..",
 * "sum": "..", "buckets": [[rule, "lo", "hi", "n"], ...]}]) and b
 * (promboard's, the same with numbers) are equal. */
static int same_hist(const cJSON *a, const cJSON *b)
{
    const cJSON *ta = cJSON_GetArrayItem(a, 0), *tb = cJSON_GetArrayItem(b, 0);
    const cJSON *ha = cJSON_GetArrayItem(a, 1), *hb = cJSON_GetArrayItem(b, 1);
    if (!ta || !tb || ta->valuedouble != tb->valuedouble || !ha || !hb)
        return 0;
    static const char *const keys[] = {"count", "sum"};
    for (int k = 0; k < 2; k++)
        if (!same(value_of(cJSON_GetObjectItem(ha, keys[k])),
                  value_of(cJSON_GetObjectItem(hb, keys[k]))))
            return 0;
    const cJSON *ba = cJSON_GetObjectItem(ha, "buckets");
    const cJSON *bb = cJSON_GetObjectItem(hb, "buckets");
    if (cJSON_GetArraySize(ba) != cJSON_GetArraySize(bb))
        return 0;
    const cJSON *x = bb ? bb->child : NULL, *y;
    cJSON_ArrayForEach(y, ba)
    {
        for (int i = 0; i < 4; i++)
            if (!same(value_of(cJSON_GetArrayItem(y, i)),
                      value_of(cJSON_GetArrayItem(x, i))))
                return 0;
        x = x->next;
    }
    return 1;
}

/* Compares the native histogram samples of the server's series (one in
 * "histogram" or several in "histograms") with promboard's. Returns 1 when
 * equal. */
static int same_hists(const cJSON *theirs, const cJSON *m)
{
    const cJSON *one = cJSON_GetObjectItem(theirs, "histogram");
    const cJSON *many = cJSON_GetObjectItem(theirs, "histograms");
    const cJSON *mine = cJSON_GetObjectItem(m, "histograms");
    int want = one ? 1 : cJSON_GetArraySize(many);
    if (cJSON_GetArraySize(mine) != want)
        return 0;
    if (one)
        return same_hist(one, mine->child);
    const cJSON *x = mine ? mine->child : NULL, *y;
    cJSON_ArrayForEach(y, many)
    {
        if (!same_hist(y, x))
            return 0;
        x = x->next;
    }
    return 1;
}

/* Compares promboard's query q with the server's answer; returns the number
 * of series compared, or -1 with a message. */
static int compare_query(const char *url, const cJSON *q, char *err, size_t n)
{
    cJSON *root = ask(url, q, err, n);
    if (!root)
        return -1;
    int rc = -1;
    const char *status =
        cJSON_GetStringValue(cJSON_GetObjectItem(root, "status"));
    const cJSON *mine = cJSON_GetObjectItem(q, "series");
    const cJSON *perr = cJSON_GetObjectItem(q, "error");
    if (!status || strcmp(status, "success")) {
        if (perr && cJSON_IsString(perr))
            rc = 0; /* both failed */
        else
            snprintf(err, n, "server failed but promboard shows data");
        goto out;
    }
    if (perr && cJSON_IsString(perr)) {
        snprintf(err, n, "promboard failed (%s) but the server answered",
                 perr->valuestring);
        goto out;
    }
    const cJSON *data = cJSON_GetObjectItem(root, "data");
    const char *rtype =
        cJSON_GetStringValue(cJSON_GetObjectItem(data, "resultType"));
    const cJSON *result = cJSON_GetObjectItem(data, "result");
    if (rtype && !strcmp(rtype, "scalar")) {
        const cJSON *s = cJSON_GetArrayItem(mine, 0);
        double want = value_of(cJSON_GetArrayItem(result, 1));
        if (cJSON_GetArraySize(mine) != 1 ||
            !same(value_of(cJSON_GetObjectItem(s, "last")), want)) {
            snprintf(err, n, "scalar differs");
            goto out;
        }
        rc = 1;
        goto out;
    }
    if (cJSON_GetArraySize(mine) != cJSON_GetArraySize(result)) {
        snprintf(err, n, "promboard has %d series, the server %d",
                 cJSON_GetArraySize(mine), cJSON_GetArraySize(result));
        goto out;
    }
    const cJSON *theirs;
    int count = 0;
    cJSON_ArrayForEach(theirs, result)
    {
        const cJSON *tl = cJSON_GetObjectItem(theirs, "metric");
        const cJSON *m = NULL, *cand;
        cJSON_ArrayForEach(cand, mine)
        {
            if (same_labels(cJSON_GetObjectItem(cand, "labels"), tl)) {
                m = cand;
                break;
            }
        }
        char *ls = cJSON_PrintUnformatted(tl);
        if (!m) {
            snprintf(err, n, "series %s missing from promboard", ls);
            free(ls);
            goto out;
        }
        const cJSON *values = cJSON_GetObjectItem(theirs, "values");
        const cJSON *value = cJSON_GetObjectItem(theirs, "value");
        double last = NAN;
        if (values) {
            const cJSON *pts = cJSON_GetObjectItem(m, "points");
            if (cJSON_GetArraySize(pts) != cJSON_GetArraySize(values)) {
                snprintf(err, n, "series %s: %d points, the server %d", ls,
                         cJSON_GetArraySize(pts), cJSON_GetArraySize(values));
                free(ls);
                goto out;
            }
            const cJSON *pt = pts->child, *sv;
            cJSON_ArrayForEach(sv, values)
            {
                double t0 = cJSON_GetArrayItem(sv, 0)->valuedouble;
                double v0 = value_of(cJSON_GetArrayItem(sv, 1));
                double t1 = cJSON_GetArrayItem(pt, 0)->valuedouble;
                double v1 = value_of(cJSON_GetArrayItem(pt, 1));
                if (t0 != t1 || !same(v0, v1)) {
                    snprintf(err, n,
                             "series %s at %.3f: promboard %.17g, server %.17g",
                             ls, t0, v1, v0);
                    free(ls);
                    goto out;
                }
                last = v0;
                pt = pt->next;
            }
        } else if (value) {
            last = value_of(cJSON_GetArrayItem(value, 1));
        }
        if (!same_hists(theirs, m)) {
            snprintf(err, n, "series %s: native histograms differ", ls);
            free(ls);
            goto out;
        }
        /* a series whose newest sample is a histogram shows no float */
        const cJSON *hs = cJSON_GetObjectItem(theirs, "histograms");
        const cJSON *hl = cJSON_GetArrayItem(hs, cJSON_GetArraySize(hs) - 1);
        const cJSON *vl =
            values ? cJSON_GetArrayItem(values, cJSON_GetArraySize(values) - 1)
                   : NULL;
        if (cJSON_GetObjectItem(theirs, "histogram") ||
            (hl && (!vl || cJSON_GetArrayItem(hl, 0)->valuedouble >=
                               cJSON_GetArrayItem(vl, 0)->valuedouble)))
            last = NAN;
        double shown = value_of(cJSON_GetObjectItem(m, "last"));
        if (!same(shown, last)) {
            snprintf(err, n, "series %s: promboard last %.17g, server %.17g",
                     ls, shown, last);
            free(ls);
            goto out;
        }
        free(ls);
        count++;
    }
    rc = count;
out:
    cJSON_Delete(root);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr,
                "usage: compare URL FILE.json [--allow-empty TITLE]...\n");
        return 2;
    }
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 2;
    }
    static char text[64 << 20];
    size_t len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = 0;
    cJSON *root = cJSON_Parse(text);
    if (!root) {
        fprintf(stderr, "compare: %s is not JSON\n", argv[2]);
        return 1;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    int failed = 0, panels = 0;
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItem(root, "panels"))
    {
        const char *title =
            cJSON_GetStringValue(cJSON_GetObjectItem(p, "title"));
        int allow_empty = 0;
        for (int i = 3; i + 1 < argc; i++) {
            if (strcmp(argv[i], "--allow-empty"))
                continue;
            size_t n = strlen(title);
            for (const char *s = argv[i + 1]; s && *s;) {
                const char *bar = strchr(s, '|');
                size_t k = bar ? (size_t)(bar - s) : strlen(s);
                if (k == n && !strncmp(s, title, n))
                    allow_empty = 1;
                s = bar ? bar + 1 : NULL;
            }
        }
        const cJSON *q;
        int series = 0, nq = 0, bad = 0;
        char err[1024] = "";
        cJSON_ArrayForEach(q, cJSON_GetObjectItem(p, "queries"))
        {
            nq++;
            int k = compare_query(argv[1], q, err, sizeof err);
            if (k < 0) {
                bad = 1;
                break;
            }
            series += k;
        }
        if (!bad && nq == 0)
            snprintf(err, sizeof err, "no queries"), bad = 1;
        if (!bad && series == 0 && !allow_empty)
            snprintf(err, sizeof err, "no series at all"), bad = 1;
        printf("%s  %-28s %d queries, %d series%s%s\n", bad ? "FAIL" : "ok  ",
               title, nq, series, bad ? ": " : "", err);
        failed += bad;
        panels++;
    }
    cJSON_Delete(root);
    curl_global_cleanup();
    printf("%d panels compared, %d differ\n", panels, failed);
    return failed || panels == 0 ? 1 : 0;
}
