/* compare.c - integration check: reads promboard's `--once --format json`
 * output, asks the same Prometheus every query again exactly as promboard
 * says it sent it (same expression, same time or start/end/step), and
 * checks that every series, last value, point and native histogram sample
 * promboard reports equals the server's own answer. Written apart from
 * promboard's own client and parser on purpose, so a bug there cannot hide
 * itself.
 *
 * usage: compare URL FILE.json [--allow-empty 'TITLE|TITLE...']...
 * (a query that names its own "url", one of another datasource, is asked
 * of that server)
 *                [--empty-ok] [--frame FRAME.txt]
 * --empty-ok: a panel with no series passes (it still equals the server),
 * and says which of its metric names the server lacks. --frame: the text
 * frame of the same dashboard (every panel on screen): each panel's box
 * must say "no data" (or its no_value text) exactly when it has no series.
 *
 * Values are equal when they are the same double, or with --tolerance REL
 * when they are within REL of each other (relative): VictoriaMetrics adds
 * up in parallel, in no fixed order, so one query asked twice may differ
 * in its last bits.
 *
 * usage: compare --diff A.json B.json [--tolerance REL]
 * compares two outputs of one dashboard at one instant from two servers
 * (the same queries, asked of Prometheus and of VictoriaMetrics): one line
 * per panel, "same" or "DIFF" with the largest relative difference of a
 * value or point and where, or the series only one side has. Exit 0.
 *
 * With --alerts it checks the alert list panels (source: alerts or
 * alertmanager) instead, against the servers' own /api/v1/alerts and
 * /api/v2/alerts: each alert promboard lists must equal, field by field,
 * the same alert in one snapshot of the servers taken just before promboard
 * ran (the files) or one taken now, and each alert in both snapshots must
 * be listed, in promboard's order (not suppressed first, then severity,
 * firing before pending, longest firing first):
 *   compare --alerts PROM_URL AM_URL FILE.json PROM_BEFORE AM_BEFORE
 *
 * With --recorded it checks the alert panels of an output at a past
 * instant TIME (--at) against what Prometheus recorded then, asked of it
 * at the same instant: each ALERTS series is one alert with the same labels
 * and state, its active_at the value of ALERTS_FOR_STATE, no value, not
 * silenced or inhibited; each annotation as the server's alerts API gives
 * the same alert now (those that need the value are left out):
 *   compare --recorded PROM_URL TIME FILE.json
 *
 * Exit 0 when everything matches, 1 otherwise; one line per panel. */
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <wchar.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static double tolerance; /* --tolerance: relative; 0: exactly */

/* Relative difference of a and b: 0 when equal (NaN and NaN too), inf
 * when only one is NaN or infinite. */
static double reldiff(double a, double b)
{
    if ((isnan(a) && isnan(b)) || a == b)
        return 0;
    if (!isfinite(a) || !isfinite(b))
        return INFINITY;
    return fabs(a - b) / fmax(fabs(a), fabs(b));
}

static int same(double a, double b)
{
    return reldiff(a, b) <= tolerance;
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
    /* a query of another datasource names its server */
    const char *own = cJSON_GetStringValue(cJSON_GetObjectItem(q, "url"));
    cJSON *root = ask(own ? own : url, q, err, n);
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

/* ---- --alerts ------------------------------------------------------------ */

/* GETs url; returns the parsed answer or NULL. */
static cJSON *get_json(const char *url)
{
    CURL *c = curl_easy_init();
    Buf b = {0};
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    CURLcode rc = curl_easy_perform(c);
    curl_easy_cleanup(c);
    cJSON *root = rc == CURLE_OK
                      ? cJSON_ParseWithLength(b.data ? b.data : "", b.len)
                      : NULL;
    free(b.data);
    return root;
}

static cJSON *read_json(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    static char text[64 << 20];
    size_t len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = 0;
    return cJSON_Parse(text);
}

/* An RFC 3339 UTC time ("2026-03-01T03:10:00.5Z") as unix seconds. */
static double rfc3339(const char *s)
{
    struct tm tm = {0};
    double sec = 0;
    if (!s || sscanf(s, "%d-%d-%dT%d:%d:%lf", &tm.tm_year, &tm.tm_mon,
                     &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &sec) != 6)
        return NAN;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return (double)timegm(&tm) + sec;
}

/* One snapshot: Prometheus' alerts and Alertmanager's. */
typedef struct {
    const cJSON *prom, *am; /* the lists */
} Snap;

/* 1 when every pair of `small` is in `big`. */
static int labels_within(const cJSON *small, const cJSON *big)
{
    const cJSON *x;
    cJSON_ArrayForEach(x, small)
    {
        const cJSON *y = cJSON_GetObjectItemCaseSensitive(big, x->string);
        if (!y || strcmp(cJSON_GetStringValue(x), cJSON_GetStringValue(y)))
            return 0;
    }
    return 1;
}

static const cJSON *find_by_labels(const cJSON *list, const cJSON *labels)
{
    const cJSON *a;
    cJSON_ArrayForEach(a, list)
    {
        if (same_labels(cJSON_GetObjectItem(a, "labels"), labels))
            return a;
    }
    return NULL;
}

static int am_flag(const cJSON *am, const char *by)
{
    const cJSON *st = cJSON_GetObjectItem(am, "status");
    return cJSON_GetArraySize(cJSON_GetObjectItem(st, by)) > 0;
}

/* Checks promboard's alert `mine` against snapshot s; 1 when it is there
 * with every field equal, else 0 with what differs in err. */
static int alert_in(const cJSON *mine, const Snap *s, int am_source, char *err,
                    size_t n)
{
    const cJSON *labels = cJSON_GetObjectItem(mine, "labels");
    const cJSON *theirs = find_by_labels(am_source ? s->am : s->prom, labels);
    char *ls = cJSON_PrintUnformatted(labels);
    int ok = 0;
    if (!theirs) {
        snprintf(err, n, "%s: not in the server's alerts", ls);
        goto out;
    }
    if (!same_labels(cJSON_GetObjectItem(mine, "annotations"),
                     cJSON_GetObjectItem(theirs, "annotations"))) {
        snprintf(err, n, "%s: annotations differ", ls);
        goto out;
    }
    const char *state =
        cJSON_GetStringValue(cJSON_GetObjectItem(mine, "state"));
    const char *want =
        am_source ? "firing"
                  : cJSON_GetStringValue(cJSON_GetObjectItem(theirs, "state"));
    if (!state || !want || strcmp(state, want)) {
        snprintf(err, n, "%s: state %s, the server %s", ls, state ? state : "?",
                 want ? want : "?");
        goto out;
    }
    double at = value_of(cJSON_GetObjectItem(mine, "active_at"));
    double wat = rfc3339(cJSON_GetStringValue(
        cJSON_GetObjectItem(theirs, am_source ? "startsAt" : "activeAt")));
    if (!(fabs(at - wat) < 1e-3)) {
        snprintf(err, n, "%s: active_at %.3f, the server %.3f", ls, at, wat);
        goto out;
    }
    if (!am_source) {
        const char *v =
            cJSON_GetStringValue(cJSON_GetObjectItem(mine, "value"));
        const char *wv =
            cJSON_GetStringValue(cJSON_GetObjectItem(theirs, "value"));
        if (!v || !wv || strcmp(v, wv)) {
            snprintf(err, n, "%s: value %s, the server %s", ls, v ? v : "?",
                     wv ? wv : "?");
            goto out;
        }
    }
    /* silenced and inhibited: Alertmanager's word for its twin */
    const cJSON *twin = NULL, *a;
    cJSON_ArrayForEach(a, s->am)
    {
        if (!twin && !strcmp(state, "firing") &&
            labels_within(labels, cJSON_GetObjectItem(a, "labels")))
            twin = a;
    }
    int sil = twin && am_flag(twin, "silencedBy");
    int inh = twin && am_flag(twin, "inhibitedBy");
    if (cJSON_IsTrue(cJSON_GetObjectItem(mine, "silenced")) != sil ||
        cJSON_IsTrue(cJSON_GetObjectItem(mine, "inhibited")) != inh) {
        snprintf(err, n, "%s: silenced/inhibited %d/%d, Alertmanager %d/%d", ls,
                 cJSON_IsTrue(cJSON_GetObjectItem(mine, "silenced")),
                 cJSON_IsTrue(cJSON_GetObjectItem(mine, "inhibited")), sil,
                 inh);
        goto out;
    }
    ok = 1;
out:
    free(ls);
    return ok;
}

/* Sort key of an alert as promboard orders them. */
static void order_key(const cJSON *a, int key[3], double *since)
{
    const cJSON *l = cJSON_GetObjectItem(a, "labels");
    const char *sev = cJSON_GetStringValue(cJSON_GetObjectItem(l, "severity"));
    key[0] = cJSON_IsTrue(cJSON_GetObjectItem(a, "silenced")) ||
             cJSON_IsTrue(cJSON_GetObjectItem(a, "inhibited"));
    key[1] = !sev                       ? 3
             : !strcmp(sev, "critical") ? 0
             : !strcmp(sev, "warning")  ? 1
                                        : 2;
    key[2] = !strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(a, "state")),
                     "pending");
    *since = value_of(cJSON_GetObjectItem(a, "since"));
}

static int compare_alerts(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: compare --alerts PROM_URL AM_URL FILE.json "
                        "PROM_BEFORE AM_BEFORE\n");
        return 2;
    }
    char url[1024];
    cJSON *mine = read_json(argv[4]);
    cJSON *pa = read_json(argv[5]), *aa = read_json(argv[6]);
    snprintf(url, sizeof url, "%s/api/v1/alerts", argv[2]);
    cJSON *pb = get_json(url);
    snprintf(url, sizeof url, "%s/api/v2/alerts", argv[3]);
    cJSON *ab = get_json(url);
    if (!mine || !pa || !aa || !pb || !ab) {
        fprintf(stderr, "compare: cannot read the answers\n");
        return 1;
    }
    Snap snaps[2] = {
        {cJSON_GetObjectItem(cJSON_GetObjectItem(pa, "data"), "alerts"), aa},
        {cJSON_GetObjectItem(cJSON_GetObjectItem(pb, "data"), "alerts"), ab}};
    int failed = 0, panels = 0;
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItem(mine, "panels"))
    {
        const char *src =
            cJSON_GetStringValue(cJSON_GetObjectItem(p, "source"));
        const char *title =
            cJSON_GetStringValue(cJSON_GetObjectItem(p, "title"));
        if (!src)
            continue;
        int am = !strcmp(src, "alertmanager"), bad = 0, count = 0;
        int nsil = 0, ninh = 0, nfiring = 0, npending = 0;
        char err[2048] = "";
        const cJSON *alerts = cJSON_GetObjectItem(p, "alerts"), *a;
        int prev[3] = {-1, -1, -1};
        double prev_since = -1;
        cJSON_ArrayForEach(a, alerts)
        {
            char e0[1024], e1[1024];
            if (!alert_in(a, &snaps[0], am, e0, sizeof e0) &&
                !alert_in(a, &snaps[1], am, e1, sizeof e1)) {
                snprintf(err, sizeof err, "%s", e1);
                bad = 1;
                break;
            }
            int key[3];
            double since;
            order_key(a, key, &since);
            int cmp = 0;
            for (int k = 0; k < 3 && !cmp; k++)
                cmp = key[k] - prev[k];
            if (cmp < 0 || (cmp == 0 && since < prev_since)) {
                snprintf(err, sizeof err, "alert %d out of order", count + 1);
                bad = 1;
                break;
            }
            memcpy(prev, key, sizeof prev);
            prev_since = since;
            nsil += cJSON_IsTrue(cJSON_GetObjectItem(a, "silenced"));
            ninh += cJSON_IsTrue(cJSON_GetObjectItem(a, "inhibited"));
            nfiring += key[2] == 0 && key[0] == 0;
            npending += key[2];
            count++;
        }
        /* what both snapshots have must be listed */
        const cJSON *t;
        cJSON_ArrayForEach(t, (am ? snaps[0].am : snaps[0].prom))
        {
            const cJSON *l = cJSON_GetObjectItem(t, "labels");
            if (bad || !find_by_labels(am ? snaps[1].am : snaps[1].prom, l))
                continue;
            if (!find_by_labels(alerts, l)) {
                char *ls = cJSON_PrintUnformatted(l);
                snprintf(err, sizeof err, "%s missing from promboard", ls);
                free(ls);
                bad = 1;
            }
        }
        printf("%s  %-22s %d alerts: %d firing, %d pending, %d silenced, "
               "%d inhibited%s%s\n",
               bad ? "FAIL" : "ok  ", title, count, nfiring, npending, nsil,
               ninh, bad ? ": " : "", err);
        failed += bad;
        panels++;
    }
    cJSON_Delete(mine);
    cJSON_Delete(pa);
    cJSON_Delete(aa);
    cJSON_Delete(pb);
    cJSON_Delete(ab);
    printf("%d alert panels compared, %d differ\n", panels, failed);
    return failed || panels == 0 ? 1 : 0;
}

/* The server's metric names (a JSON array), or NULL. */
static cJSON *metric_names(const char *url)
{
    char full[1024];
    snprintf(full, sizeof full, "%s/api/v1/label/__name__/values", url);
    cJSON *root = get_json(full);
    cJSON *data = cJSON_DetachItemFromObject(root, "data");
    cJSON_Delete(root);
    return data;
}

static int has_name(const cJSON *names, const char *s, size_t n)
{
    const cJSON *x;
    cJSON_ArrayForEach(x, names)
    {
        const char *v = cJSON_GetStringValue(x);
        if (v && strlen(v) == n && !strncmp(v, s, n))
            return 1;
    }
    return 0;
}

/* Appends to out the metric names of PromQL expr the server lacks: words
 * that stand where a selector does (not a function, keyword, label, string
 * or duration). */
static void absent_metrics(const char *expr, const cJSON *names, char *out,
                           size_t n)
{
    static const char *const kw[] = {
        "and",         "or",       "unless", "bool",         "offset",
        "by",          "without",  "on",     "ignoring",     "group_left",
        "group_right", "Inf",      "NaN",    "inf",          "nan",
        "sum",         "min",      "max",    "avg",          "group",
        "stddev",      "stdvar",   "count",  "count_values", "bottomk",
        "topk",        "quantile", NULL};
    int list_next = 0;
    for (const char *p = expr; *p;) {
        if (*p == '"' || *p == '\'' || *p == '`') {
            char q = *p++;
            while (*p && *p != q)
                p += *p == '\\' && p[1] ? 2 : 1;
            p += *p ? 1 : 0;
        } else if (*p == '{' || *p == '[' || (*p == '(' && list_next)) {
            const char *e = strchr(p, *p == '{' ? '}' : *p == '[' ? ']' : ')');
            p = e ? e + 1 : p + strlen(p);
            list_next = 0;
        } else if (isalpha((unsigned char)*p) || *p == '_' || *p == ':') {
            const char *e = p;
            while (isalnum((unsigned char)*e) || *e == '_' || *e == ':')
                e++;
            size_t len = (size_t)(e - p);
            const char *a = e;
            while (*a == ' ' || *a == '\n' || *a == '\t')
                a++;
            int keyword = 0;
            for (int i = 0; kw[i] && !keyword; i++)
                keyword = strlen(kw[i]) == len && !strncmp(kw[i], p, len);
            if (keyword)
                list_next =
                    len <= 11 &&
                    (!strncmp(p, "by", len) || !strncmp(p, "without", len) ||
                     !strncmp(p, "on", len) || !strncmp(p, "ignoring", len) ||
                     !strncmp(p, "group_left", len) ||
                     !strncmp(p, "group_right", len));
            else if (*a != '(' && !has_name(names, p, len)) {
                size_t used = strlen(out);
                snprintf(out + used, n - used, "%s%.*s", used ? " " : "",
                         (int)len, p);
            }
            p = e;
        } else if (isdigit((unsigned char)*p)) {
            while (isalnum((unsigned char)*p) || *p == '.')
                p++;
        } else {
            p++;
        }
    }
}

/* The text frame as lines of wide characters. */
typedef struct {
    wchar_t **line;
    int n;
} Frame;

static int frame_read(const char *path, Frame *f)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    char buf[65536];
    f->line = NULL;
    f->n = 0;
    while (fgets(buf, sizeof buf, fp)) {
        buf[strcspn(buf, "\n")] = '\0';
        size_t w = mbstowcs(NULL, buf, 0);
        if (w == (size_t)-1)
            w = 0;
        wchar_t *l = calloc(w + 1, sizeof *l);
        if (w)
            mbstowcs(l, buf, w + 1);
        f->line = realloc(f->line, sizeof *f->line * (size_t)(f->n + 1));
        f->line[f->n++] = l;
    }
    fclose(fp);
    return 0;
}

/* Whether the box titled `title` (its top edge "╭ title ─", the title
 * maybe cut) says `what` inside: 1 yes, 0 no, -1 no such box. */
static int box_says(const Frame *f, const char *title, const char *what)
{
    wchar_t wt[512], ww[256], head[520];
    if (mbstowcs(wt, title, 511) == (size_t)-1 ||
        mbstowcs(ww, what, 255) == (size_t)-1)
        return -1;
    wt[511] = ww[255] = 0;
    /* the whole title and the edge after it, else (cut) its start */
    swprintf(head, 520, L"\x256d %ls \x2500", wt);
    int y = 0;
    while (y < f->n && !wcsstr(f->line[y], head))
        y++;
    if (y == f->n) {
        if (wcslen(wt) > 8)
            wt[8] = 0;
        swprintf(head, 520, L"\x256d %ls", wt);
        y = 0;
    }
    for (; y < f->n; y++) {
        wchar_t *at = wcsstr(f->line[y], head);
        if (!at)
            continue;
        int x = (int)(at - f->line[y]);
        for (int k = y + 1; k < f->n; k++) {
            wchar_t *l = f->line[k];
            if ((int)wcslen(l) <= x || l[x] == 0x2570) /* ╰: the bottom */
                break;
            wchar_t *hit = wcsstr(l + x, ww);
            /* inside this box: before its right edge */
            wchar_t *edge = wcschr(l + x + 1, 0x2502);
            if (hit && (!edge || hit < edge))
                return 1;
        }
        return 0;
    }
    return -1;
}

/* The worst difference found so far, and where. */
typedef struct {
    double worst;
    char where[512];
    char only[512]; /* a series one side lacks */
} Diff;

static void note(Diff *d, double r, const char *what, const cJSON *labels,
                 double t, double a, double b)
{
    if (!(r > d->worst))
        return;
    d->worst = r;
    char *ls = cJSON_PrintUnformatted(labels);
    snprintf(d->where, sizeof d->where, "%s %s%s%.0f: %.6g vs %.6g", ls, what,
             t > 0 ? " at " : "", t > 0 ? t : 0.0, a, b);
    free(ls);
}

/* Compares query qa of one output with qb of the other into d. */
static void diff_query(const cJSON *qa, const cJSON *qb, Diff *d)
{
    const cJSON *sa = cJSON_GetObjectItem(qa, "series");
    const cJSON *sb = cJSON_GetObjectItem(qb, "series");
    const cJSON *x, *y;
    for (int side = 0; side < 2; side++) {
        const cJSON *mine = side ? sb : sa, *other = side ? sa : sb;
        cJSON_ArrayForEach(x, mine)
        {
            const cJSON *lx = cJSON_GetObjectItem(x, "labels"), *match = NULL;
            cJSON_ArrayForEach(y, other)
            {
                if (same_labels(lx, cJSON_GetObjectItem(y, "labels"))) {
                    match = y;
                    break;
                }
            }
            if (!match) {
                if (!d->only[0]) {
                    char *ls = cJSON_PrintUnformatted(lx);
                    snprintf(d->only, sizeof d->only, "series %s only in %s",
                             ls, side ? "B" : "A");
                    free(ls);
                }
                continue;
            }
            if (side)
                continue; /* each pair once */
            double a = value_of(cJSON_GetObjectItem(x, "last"));
            double b = value_of(cJSON_GetObjectItem(match, "last"));
            note(d, reldiff(a, b), "last", lx, 0, a, b);
            const cJSON *pa = cJSON_GetObjectItem(x, "points"), *p, *q;
            const cJSON *pb = cJSON_GetObjectItem(match, "points");
            cJSON_ArrayForEach(p, pa)
            {
                double t = cJSON_GetArrayItem(p, 0)->valuedouble;
                double va = value_of(cJSON_GetArrayItem(p, 1));
                const cJSON *found = NULL;
                cJSON_ArrayForEach(q, pb)
                {
                    if (cJSON_GetArrayItem(q, 0)->valuedouble == t) {
                        found = q;
                        break;
                    }
                }
                double vb =
                    found ? value_of(cJSON_GetArrayItem(found, 1)) : NAN;
                note(d, found ? reldiff(va, vb) : INFINITY,
                     found ? "point" : "point missing in B", lx, t, va, vb);
            }
            cJSON_ArrayForEach(q, pb)
            {
                double t = cJSON_GetArrayItem(q, 0)->valuedouble;
                int found = 0;
                cJSON_ArrayForEach(p, pa)
                {
                    if (cJSON_GetArrayItem(p, 0)->valuedouble == t) {
                        found = 1;
                        break;
                    }
                }
                if (!found)
                    note(d, INFINITY, "point missing in A", lx, t, NAN,
                         value_of(cJSON_GetArrayItem(q, 1)));
            }
        }
    }
}

/* --diff A.json B.json: one line per panel. */
static int diff_main(const char *fa, const char *fb)
{
    cJSON *a = read_json(fa), *b = read_json(fb);
    if (!a || !b) {
        fprintf(stderr, "compare: %s or %s is not JSON\n", fa, fb);
        cJSON_Delete(a);
        cJSON_Delete(b);
        return 2;
    }
    const cJSON *pa = cJSON_GetObjectItem(a, "panels")->child;
    const cJSON *pb = cJSON_GetObjectItem(b, "panels")->child;
    int rc = 0;
    for (; pa && pb; pa = pa->next, pb = pb->next) {
        const char *title =
            cJSON_GetStringValue(cJSON_GetObjectItem(pa, "title"));
        if (strcmp(title,
                   cJSON_GetStringValue(cJSON_GetObjectItem(pb, "title")))) {
            printf("FAIL  %s: the outputs are of different dashboards\n",
                   title);
            rc = 1;
            break;
        }
        Diff d = {0};
        const cJSON *qa = cJSON_GetObjectItem(pa, "queries")->child;
        const cJSON *qb = cJSON_GetObjectItem(pb, "queries")->child;
        for (; qa && qb; qa = qa->next, qb = qb->next) {
            if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(qa, "expr")),
                       cJSON_GetStringValue(cJSON_GetObjectItem(qb, "expr")))) {
                snprintf(d.only, sizeof d.only, "the queries differ");
                break;
            }
            diff_query(qa, qb, &d);
        }
        if (d.only[0])
            printf("DIFF\t%s\t%s\n", title, d.only);
        else if (d.worst > tolerance)
            printf("DIFF\t%s\t%.3g%% %s\n", title, d.worst * 100, d.where);
        else
            printf("same\t%s\t%.3g%%\n", title, d.worst * 100);
    }
    cJSON_Delete(a);
    cJSON_Delete(b);
    return rc;
}

/* ---- --recorded ---------------------------------------------------------- */

/* The series of instant query expr at time t, or NULL (the whole answer
 * into *root, which the caller deletes). */
static const cJSON *instant_at(const char *base, const char *expr,
                               const char *t, cJSON **root)
{
    char url[1024];
    snprintf(url, sizeof url, "%s/api/v1/query?query=%s&time=%s", base, expr,
             t);
    *root = get_json(url);
    return cJSON_GetObjectItem(cJSON_GetObjectItem(*root, "data"), "result");
}

/* A copy of a series' labels without __name__ and alertstate. */
static cJSON *alert_labels(const cJSON *metric)
{
    cJSON *l = cJSON_Duplicate(metric, 1);
    cJSON_DeleteItemFromObjectCaseSensitive(l, "__name__");
    cJSON_DeleteItemFromObjectCaseSensitive(l, "alertstate");
    return l;
}

/* Checks promboard's alert `mine` against the ALERTS series (al), the
 * ALERTS_FOR_STATE series (fs) and the alerts API's list now (api); 1 when
 * all agree, else 0 with what differs in err. */
static int recorded_in(const cJSON *mine, const cJSON *al, const cJSON *fs,
                       const cJSON *api, char *err, size_t n)
{
    const cJSON *labels = cJSON_GetObjectItem(mine, "labels"), *s;
    char *ls = cJSON_PrintUnformatted(labels);
    const char *state = NULL;
    double started = NAN;
    int ok = 0;
    cJSON_ArrayForEach(s, al)
    {
        cJSON *l = alert_labels(cJSON_GetObjectItem(s, "metric"));
        if (same_labels(l, labels))
            state = cJSON_GetStringValue(cJSON_GetObjectItem(
                cJSON_GetObjectItem(s, "metric"), "alertstate"));
        cJSON_Delete(l);
    }
    cJSON_ArrayForEach(s, fs)
    {
        cJSON *l = alert_labels(cJSON_GetObjectItem(s, "metric"));
        if (same_labels(l, labels))
            started = value_of(
                cJSON_GetArrayItem(cJSON_GetObjectItem(s, "value"), 1));
        cJSON_Delete(l);
    }
    const char *mst = cJSON_GetStringValue(cJSON_GetObjectItem(mine, "state"));
    double at = value_of(cJSON_GetObjectItem(mine, "active_at"));
    const cJSON *now = find_by_labels(api, labels), *x;
    if (!state)
        snprintf(err, n, "%s: not in the server's ALERTS", ls);
    else if (!mst || strcmp(mst, state))
        snprintf(err, n, "%s: state %s, ALERTS %s", ls, mst ? mst : "?", state);
    else if (!(fabs(at - started) < 1e-3) && !(isnan(at) && isnan(started)))
        snprintf(err, n, "%s: active_at %.3f, ALERTS_FOR_STATE %.3f", ls, at,
                 started);
    else if (!cJSON_IsNull(cJSON_GetObjectItem(mine, "value")) ||
             !cJSON_IsFalse(cJSON_GetObjectItem(mine, "silenced")) ||
             !cJSON_IsFalse(cJSON_GetObjectItem(mine, "inhibited")))
        snprintf(err, n, "%s: a value, or silenced or inhibited", ls);
    else if (!now)
        snprintf(err, n, "%s: not in the server's alerts now", ls);
    else
        ok = 1;
    const cJSON *notes = ok ? cJSON_GetObjectItem(mine, "annotations") : NULL;
    cJSON_ArrayForEach(x, notes)
    {
        const cJSON *w = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItem(now, "annotations"), x->string);
        if (ok &&
            (!w || strcmp(cJSON_GetStringValue(w), cJSON_GetStringValue(x)))) {
            snprintf(err, n, "%s: annotation %s differs", ls, x->string);
            ok = 0;
        }
    }
    free(ls);
    return ok;
}

static int compare_recorded(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: compare --recorded PROM_URL TIME FILE.json\n");
        return 2;
    }
    cJSON *r1 = NULL, *r2 = NULL, *mine = read_json(argv[4]);
    const cJSON *al = instant_at(argv[2], "ALERTS", argv[3], &r1);
    const cJSON *fs = instant_at(argv[2], "ALERTS_FOR_STATE", argv[3], &r2);
    char url[1024];
    snprintf(url, sizeof url, "%s/api/v1/alerts", argv[2]);
    cJSON *r3 = get_json(url);
    const cJSON *api =
        cJSON_GetObjectItem(cJSON_GetObjectItem(r3, "data"), "alerts");
    if (!mine || !al || !fs || !api) {
        fprintf(stderr, "compare: cannot read the answers\n");
        return 1;
    }
    int failed = 0, panels = 0;
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItem(mine, "panels"))
    {
        const char *src =
            cJSON_GetStringValue(cJSON_GetObjectItem(p, "source"));
        if (!src || strcmp(src, "alerts"))
            continue;
        const char *title =
            cJSON_GetStringValue(cJSON_GetObjectItem(p, "title"));
        const cJSON *alerts = cJSON_GetObjectItem(p, "alerts"), *a;
        char err[2048] = "";
        int count = 0, bad = 0, notes = 0;
        if (value_of(cJSON_GetObjectItem(p, "recorded_at")) != atof(argv[3])) {
            snprintf(err, sizeof err, "recorded_at is not %s", argv[3]);
            bad = 1;
        }
        const cJSON *list = bad ? NULL : alerts;
        cJSON_ArrayForEach(a, list)
        {
            if (!recorded_in(a, al, fs, api, err, sizeof err)) {
                bad = 1;
                break;
            }
            notes += cJSON_GetArraySize(cJSON_GetObjectItem(a, "annotations"));
            count++;
        }
        if (!bad && count != cJSON_GetArraySize(al)) {
            snprintf(err, sizeof err, "%d alerts, ALERTS has %d series", count,
                     cJSON_GetArraySize(al));
            bad = 1;
        }
        printf("%s  %-22s %d alerts as ALERTS recorded them at %s, %d "
               "annotations%s%s\n",
               bad ? "FAIL" : "ok  ", title, count, argv[3], notes,
               bad ? ": " : "", err);
        failed += bad;
        panels++;
    }
    cJSON_Delete(mine);
    cJSON_Delete(r1);
    cJSON_Delete(r2);
    cJSON_Delete(r3);
    return failed || panels == 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "C.UTF-8");
    for (int i = 1; i + 1 < argc; i++)
        if (!strcmp(argv[i], "--tolerance"))
            tolerance = strtod(argv[i + 1], NULL);
    if (argc >= 4 && !strcmp(argv[1], "--diff"))
        return diff_main(argv[2], argv[3]);
    if (argc > 1 &&
        (!strcmp(argv[1], "--alerts") || !strcmp(argv[1], "--recorded"))) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        int rc = !strcmp(argv[1], "--alerts") ? compare_alerts(argc, argv)
                                              : compare_recorded(argc, argv);
        curl_global_cleanup();
        return rc;
    }
    if (argc < 3) {
        fprintf(stderr, "usage: compare URL FILE.json [--allow-empty TITLE]... "
                        "[--tolerance REL]\n"
                        "       compare --diff A.json B.json [--tolerance "
                        "REL]\n");
        return 2;
    }
    cJSON *root = read_json(argv[2]);
    if (!root) {
        fprintf(stderr, "compare: %s is not JSON\n", argv[2]);
        return 1;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    int failed = 0, panels = 0, empty_ok = 0, empty = 0, lacking = 0;
    Frame frame = {0};
    cJSON *names = NULL;
    for (int i = 3; i < argc; i++) {
        if (!strcmp(argv[i], "--empty-ok"))
            empty_ok = 1;
        if (!strcmp(argv[i], "--frame") && i + 1 < argc &&
            frame_read(argv[i + 1], &frame) < 0) {
            perror(argv[i + 1]);
            return 2;
        }
    }
    if (empty_ok)
        names = metric_names(argv[1]);
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItem(root, "panels"))
    {
        const char *title =
            cJSON_GetStringValue(cJSON_GetObjectItem(p, "title"));
        if (cJSON_GetObjectItem(p, "source"))
            continue; /* alerts, not queries: see --alerts */
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
        if (cJSON_IsTrue(cJSON_GetObjectItem(p, "collapsed")))
            continue; /* in a closed section: asked nothing */
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
        char lack[1024] = "";
        if (!bad && series == 0 && empty_ok) {
            empty++;
            cJSON_ArrayForEach(q, cJSON_GetObjectItem(p, "queries"))
            {
                const char *e =
                    cJSON_GetStringValue(cJSON_GetObjectItem(q, "expr"));
                if (e && names)
                    absent_metrics(e, names, lack, sizeof lack);
            }
            lacking += lack[0] != 0;
        } else if (!bad && series == 0 && !allow_empty) {
            snprintf(err, sizeof err, "no series at all"), bad = 1;
        }
        if (!bad && frame.n > 0 &&
            !cJSON_IsString(cJSON_GetObjectItem(p, "error"))) {
            const char *nv =
                cJSON_GetStringValue(cJSON_GetObjectItem(p, "no_value"));
            int says = box_says(&frame, title, nv ? nv : "no data");
            if (says < 0)
                snprintf(err, sizeof err, "no box on the frame"), bad = 1;
            else if (says != (series == 0))
                snprintf(err, sizeof err, "the frame %s \"%s\"",
                         says ? "says" : "does not say", nv ? nv : "no data"),
                    bad = 1;
        }
        printf("%s  %-28s %d queries, %d series%s%s%s%s\n",
               bad ? "FAIL" : "ok  ", title, nq, series, bad ? ": " : "", err,
               lack[0] ? "; the server lacks " : "", lack);
        failed += bad;
        panels++;
    }
    cJSON_Delete(root);
    curl_global_cleanup();
    if (empty_ok)
        printf("%d panels empty, %d of them lack metrics on the server\n",
               empty, lacking);
    printf("%d panels compared, %d differ\n", panels, failed);
    cJSON_Delete(names);
    for (int i = 0; i < frame.n; i++)
        free(frame.line[i]);
    free(frame.line);
    return failed || panels == 0 ? 1 : 0;
}
