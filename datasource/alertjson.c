/* alertjson.c - reads the answers of the alerting APIs into an AlertSet:
 * Prometheus' /api/v1/alerts and /api/v1/rules (inside its usual
 * envelope), Alertmanager's /api/v2/alerts, /api/v2/alerts/groups and
 * /api/v2/silences (bare JSON lists) and its answers to writes. Pure
 * functions over cJSON; every string enters through promjson_text(), every
 * surprise becomes a one-line error naming the field. */
#include "alerts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "promjson.h"
#include "query.h"

#define ALERTJSON_MAX 100000 /* alerts, rules, silences or groups */

/* A field that went wrong: "data.alerts[3].labels.x is not a string". */
typedef struct {
    Result *out;
    const char *list; /* "data.alerts", "silences", ... */
    int i;            /* index in the list */
} Where;

static int bad(const Where *w, const char *field, const char *what)
{
    result_set_error(w->out, "malformed answer: %s[%d]%s%s %s", w->list, w->i,
                     field[0] ? "." : "", field, what);
    return -1;
}

static int oom(const Where *w)
{
    result_set_error(w->out, "out of memory reading %s", w->list);
    return -1;
}

static int label_cmp(const void *x, const void *y)
{
    const Label *a = x, *b = y;
    return strcmp(a->name, b->name);
}

/* Reads the string members of object `obj` (field `field` of the element)
 * into a sorted label array. A missing or null member gives none. */
static int read_labels(const Where *w, const cJSON *o, const char *field,
                       Label **dst, int *n)
{
    const cJSON *obj = cJSON_GetObjectItemCaseSensitive(o, field);
    *dst = NULL;
    *n = 0;
    if (!obj || cJSON_IsNull(obj))
        return 0;
    if (!cJSON_IsObject(obj))
        return bad(w, field, "is not an object");
    int cap = cJSON_GetArraySize(obj);
    if (cap == 0)
        return 0;
    *dst = calloc((size_t)cap, sizeof **dst);
    if (!*dst)
        return oom(w);
    const cJSON *it;
    cJSON_ArrayForEach(it, obj)
    {
        if (!it->string || *n >= cap)
            continue;
        if (!cJSON_IsString(it) || !it->valuestring) {
            char f[160];
            snprintf(f, sizeof f, "%s.%.100s", field, it->string);
            return bad(w, f, "is not a string");
        }
        Label *l = &(*dst)[(*n)++];
        l->name = promjson_text(it->string);
        l->value = promjson_text(it->valuestring);
        if (!l->name || !l->value)
            return oom(w);
    }
    qsort(*dst, (size_t)*n, sizeof **dst, label_cmp);
    return 0;
}

/* An optional string member into *dst (NULL when absent, null or ""). */
static int read_str(const Where *w, const cJSON *o, const char *field,
                    char **dst)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, field);
    *dst = NULL;
    if (!v || cJSON_IsNull(v))
        return 0;
    if (!cJSON_IsString(v) || !v->valuestring)
        return bad(w, field, "is not a string");
    if (!v->valuestring[0])
        return 0;
    *dst = promjson_text(v->valuestring);
    return *dst ? 0 : oom(w);
}

/* An optional RFC 3339 time member into *t (NaN when absent, null, or
 * before 1970: Go's zero time says "never"). */
static int read_time(const Where *w, const cJSON *o, const char *field,
                     double *t)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, field);
    *t = NAN;
    if (!v || cJSON_IsNull(v))
        return 0;
    double x;
    if (!cJSON_IsString(v) || !v->valuestring ||
        time_parse(v->valuestring, &x) != 0)
        return bad(w, field, "is not an RFC 3339 time");
    if (x > 0)
        *t = x;
    return 0;
}

/* An optional number member into *x (0 when absent). */
static int read_num(const Where *w, const cJSON *o, const char *field,
                    double *x)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, field);
    *x = 0;
    if (!v || cJSON_IsNull(v))
        return 0;
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
        return bad(w, field, "is not a number");
    *x = v->valuedouble;
    return 0;
}

/* An optional boolean member into *b (dflt when absent). */
static int read_bool(const Where *w, const cJSON *o, const char *field,
                     int dflt, int *b)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, field);
    *b = dflt;
    if (!v || cJSON_IsNull(v))
        return 0;
    if (!cJSON_IsBool(v))
        return bad(w, field, "is not true or false");
    *b = cJSON_IsTrue(v);
    return 0;
}

/* An optional list of strings (or of objects whose `key` is a string) into
 * a malloc'd array. */
static int read_strings(const Where *w, const cJSON *o, const char *field,
                        const char *key, char ***dst, int *n)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, field);
    *dst = NULL;
    *n = 0;
    if (!arr || cJSON_IsNull(arr))
        return 0;
    if (!cJSON_IsArray(arr))
        return bad(w, field, "is not a list");
    int cap = cJSON_GetArraySize(arr);
    if (cap == 0)
        return 0;
    *dst = calloc((size_t)cap, sizeof **dst);
    if (!*dst)
        return oom(w);
    const cJSON *it;
    cJSON_ArrayForEach(it, arr)
    {
        const cJSON *s = key && cJSON_IsObject(it)
                             ? cJSON_GetObjectItemCaseSensitive(it, key)
                             : it;
        if (*n >= cap)
            break;
        if (!cJSON_IsString(s) || !s->valuestring)
            return bad(w, field,
                       key ? "holds an entry without a name"
                           : "holds something not a string");
        if (!((*dst)[(*n)++] = promjson_text(s->valuestring)))
            return oom(w);
    }
    return 0;
}

/* The list `arr` must be a JSON list of at most ALERTJSON_MAX entries;
 * returns its size, or -1 with the error set. */
static int list_size(Result *out, const cJSON *arr, const char *list)
{
    if (!cJSON_IsArray(arr)) {
        result_set_error(out, "malformed answer: %s is not a list", list);
        return -1;
    }
    int n = cJSON_GetArraySize(arr);
    if (n > ALERTJSON_MAX) {
        result_set_error(out, "answer too large: %d entries in %s (limit %d)",
                         n, list, ALERTJSON_MAX);
        return -1;
    }
    return n;
}

/* Ends a reading: the set goes into out on success, else is dropped. */
static int finish(Result *out, AlertSet *set, int rc)
{
    if (rc == 0 && set) {
        out->alerts = set;
        return 0;
    }
    alertset_unref(set);
    if (!out->error)
        result_set_error(out, "malformed answer");
    out->type = RESULT_NONE;
    return -1;
}

/* Reads one element of a list into *item (zeroed); 0, or -1 with the
 * error set. */
typedef int (*ReadOne)(const Where *w, const cJSON *o, void *item);

/* Reads list `arr` (named `list` in messages) element by element with
 * one(), into a calloc'd array of `size`-byte items: *items and *n (which
 * counts a half-read element too, so that freeing the set frees it).
 * Returns 0, or -1 with the error set. */
static int read_list(Result *out, const cJSON *arr, const char *list,
                     size_t size, ReadOne one, void **items, int *n)
{
    int cap = list_size(out, arr, list);
    *items = NULL;
    *n = 0;
    if (cap <= 0)
        return cap;
    char *v = calloc((size_t)cap, size);
    if (!v)
        return oom(&(Where){out, list, 0});
    *items = v;
    const cJSON *it;
    cJSON_ArrayForEach(it, arr)
    {
        if (*n >= cap)
            break;
        Where w = {out, list, *n};
        (*n)++;
        if (one(&w, it, v + (size_t)(*n - 1) * size) < 0)
            return -1;
    }
    return 0;
}

/* ---- Prometheus ------------------------------------------------------- */

/* One Prometheus alert object (of /api/v1/alerts or a rule's "alerts"). */
static int prom_alert(const Where *w, const cJSON *o, void *item)
{
    Alert *a = item;
    if (!cJSON_IsObject(o))
        return bad(w, "", "is not an object");
    const cJSON *state = cJSON_GetObjectItemCaseSensitive(o, "state");
    if (!cJSON_IsString(state) || !state->valuestring)
        return bad(w, "state", "is missing or not a string");
    if (!strcmp(state->valuestring, "firing"))
        a->state = ALERT_FIRING;
    else if (!strcmp(state->valuestring, "pending"))
        a->state = ALERT_PENDING;
    else
        return bad(w, "state", "is neither firing nor pending");
    a->ends_at = NAN;
    if (read_labels(w, o, "labels", &a->labels, &a->nlabels) ||
        read_labels(w, o, "annotations", &a->annotations, &a->nannotations) ||
        read_time(w, o, "activeAt", &a->active_at))
        return -1;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "value");
    if (v && !cJSON_IsNull(v)) {
        double x;
        char num[64];
        const char *text = NULL;
        if (cJSON_IsString(v) && v->valuestring &&
            promjson_number(v->valuestring, &x) == 0)
            text = v->valuestring;
        else if (cJSON_IsNumber(v)) {
            snprintf(num, sizeof num, "%.17g", v->valuedouble);
            text = num;
        }
        if (!text)
            return bad(w, "value", "is not a number");
        if (!(a->value = promjson_text(text)))
            return oom(w);
    }
    return 0;
}

int alertjson_prom_alerts(const char *body, size_t len, long status,
                          Result *out)
{
    if (!out)
        return -1;
    cJSON *root = promjson_envelope(body, len, status, out);
    if (!root)
        return -1;
    AlertSet *set = alertset_new();
    int rc = -1;
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(root, "data");
    const cJSON *arr = cJSON_IsObject(data)
                           ? cJSON_GetObjectItemCaseSensitive(data, "alerts")
                           : NULL;
    void *items;
    if (!set) {
        result_set_error(out, "out of memory reading alerts");
    } else if (!arr) {
        result_set_error(out, "malformed answer: no data.alerts");
    } else {
        rc = read_list(out, arr, "data.alerts", sizeof(Alert), prom_alert,
                       &items, &set->nalerts);
        set->alerts = items;
    }
    cJSON_Delete(root);
    if (rc == 0)
        out->type = RESULT_VECTOR;
    return finish(out, set, rc);
}

/* One rule object of a group. */
static int prom_rule(const Where *w, const cJSON *o, const char *group,
                     const char *file, double interval, Rule *r)
{
    if (!cJSON_IsObject(o))
        return bad(w, "", "is not an object");
    r->interval = interval;
    if (!(r->group = promjson_text(group)) ||
        (file && !(r->file = promjson_text(file))))
        return oom(w);
    if (read_str(w, o, "name", &r->name) ||
        read_str(w, o, "query", &r->query) ||
        read_str(w, o, "type", &r->type) ||
        read_str(w, o, "state", &r->state) ||
        read_str(w, o, "health", &r->health) ||
        read_str(w, o, "lastError", &r->last_error) ||
        read_labels(w, o, "labels", &r->labels, &r->nlabels) ||
        read_labels(w, o, "annotations", &r->annotations, &r->nannotations) ||
        read_num(w, o, "duration", &r->duration) ||
        read_num(w, o, "keepFiringFor", &r->keep_firing_for) ||
        read_num(w, o, "evaluationTime", &r->eval_seconds) ||
        read_time(w, o, "lastEvaluation", &r->last_eval))
        return -1;
    if (!r->name)
        return bad(w, "name", "is missing");
    const cJSON *al = cJSON_GetObjectItemCaseSensitive(o, "alerts");
    r->nactive = cJSON_IsArray(al) ? cJSON_GetArraySize(al) : 0;
    return 0;
}

int alertjson_prom_rules(const char *body, size_t len, long status, Result *out)
{
    if (!out)
        return -1;
    cJSON *root = promjson_envelope(body, len, status, out);
    if (!root)
        return -1;
    AlertSet *set = alertset_new();
    int rc = -1;
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(root, "data");
    const cJSON *groups = cJSON_IsObject(data)
                              ? cJSON_GetObjectItemCaseSensitive(data, "groups")
                              : NULL;
    if (!set) {
        result_set_error(out, "out of memory reading rules");
    } else if (!groups) {
        result_set_error(out, "malformed answer: no data.groups");
    } else if (list_size(out, groups, "data.groups") >= 0) {
        /* count first: one array for the rules of every group */
        int total = 0, gi = 0;
        const cJSON *g;
        rc = 0;
        cJSON_ArrayForEach(g, groups)
        {
            const cJSON *rules = cJSON_GetObjectItemCaseSensitive(g, "rules");
            Where w = {out, "data.groups", gi++};
            if (!cJSON_IsObject(g))
                rc = bad(&w, "", "is not an object");
            else if (list_size(out, rules, "a group's rules") < 0)
                rc = -1;
            else
                total += cJSON_GetArraySize(rules);
            if (rc || total > ALERTJSON_MAX) {
                if (!rc)
                    result_set_error(out,
                                     "answer too large: more than %d "
                                     "rules",
                                     ALERTJSON_MAX);
                rc = -1;
                break;
            }
        }
        if (!rc && total > 0 &&
            !(set->rules = calloc((size_t)total, sizeof *set->rules)))
            rc = oom(&(Where){out, "data.groups", 0});
        gi = 0;
        cJSON_ArrayForEach(g, groups)
        {
            if (rc)
                break;
            const cJSON *name = cJSON_GetObjectItemCaseSensitive(g, "name");
            const cJSON *file = cJSON_GetObjectItemCaseSensitive(g, "file");
            const cJSON *iv = cJSON_GetObjectItemCaseSensitive(g, "interval");
            char list[48];
            snprintf(list, sizeof list, "data.groups[%d].rules", gi++);
            const cJSON *r;
            int ri = 0;
            cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(g, "rules"))
            {
                Where w = {out, list, ri++};
                if (set->nrules >= total)
                    break;
                rc = prom_rule(&w, r,
                               cJSON_IsString(name) ? name->valuestring : "",
                               cJSON_IsString(file) ? file->valuestring : NULL,
                               cJSON_IsNumber(iv) ? iv->valuedouble : 0,
                               &set->rules[set->nrules++]);
                if (rc)
                    break;
            }
        }
    }
    cJSON_Delete(root);
    return finish(out, set, rc);
}

/* ---- Alertmanager ----------------------------------------------------- */

/* Parses an Alertmanager answer: a JSON value of the expected kind (list or
 * object) on a 2xx status. Its errors are {"code":..,"message":".."}, a
 * JSON string or plain text: each becomes "HTTP <status>: <text>". Returns
 * the tree, or NULL with out->error set. */
static cJSON *am_parse(const char *body, size_t len, long status, int want_list,
                       Result *out)
{
    memset(out, 0, sizeof *out);
    out->http_status = status;
    int ok = status == 0 || (status >= 200 && status < 300);
    cJSON *root = body && len ? promjson_tree(body, len, NULL) : NULL;
    if (ok && root && (want_list ? cJSON_IsArray(root) : cJSON_IsObject(root)))
        return root;
    if (!ok && root) {
        const cJSON *m = cJSON_IsObject(root)
                             ? cJSON_GetObjectItemCaseSensitive(root, "message")
                             : root;
        if (cJSON_IsString(m) && m->valuestring && m->valuestring[0])
            result_set_error(out, "HTTP %ld: %.300s", status, m->valuestring);
        else
            result_set_error(out, "HTTP %ld: unexpected JSON answer", status);
    } else if (!body || len == 0) {
        if (ok)
            result_set_error(out, "empty answer (HTTP %ld)",
                             status ? status : 200L);
        else
            result_set_error(out, "HTTP %ld with an empty body", status);
    } else if (root) {
        result_set_error(out, "unexpected answer (HTTP %ld): not a JSON %s",
                         status ? status : 200L, want_list ? "list" : "object");
    } else {
        promjson_body_error(out, body, len, status);
    }
    cJSON_Delete(root);
    return NULL;
}

/* One Alertmanager alert object (gettableAlert). */
static int am_alert(const Where *w, const cJSON *o, void *item)
{
    Alert *a = item;
    if (!cJSON_IsObject(o))
        return bad(w, "", "is not an object");
    a->state = ALERT_FIRING;
    char **recv = NULL;
    int nrecv = 0;
    int rc =
        read_labels(w, o, "labels", &a->labels, &a->nlabels) ||
        read_labels(w, o, "annotations", &a->annotations, &a->nannotations) ||
        read_time(w, o, "startsAt", &a->active_at) ||
        read_time(w, o, "endsAt", &a->ends_at) ||
        read_str(w, o, "fingerprint", &a->fingerprint) ||
        read_str(w, o, "generatorURL", &a->generator_url) ||
        read_strings(w, o, "receivers", "name", &recv, &nrecv);
    if (!rc && nrecv > 0) {
        size_t n = 1;
        for (int i = 0; i < nrecv; i++)
            n += strlen(recv[i]) + 2;
        if ((a->receivers = malloc(n))) {
            a->receivers[0] = '\0';
            for (int i = 0; i < nrecv; i++) {
                if (i)
                    strcat(a->receivers, ", ");
                strcat(a->receivers, recv[i]);
            }
        } else {
            rc = oom(w);
        }
    }
    for (int i = 0; i < nrecv; i++)
        free(recv[i]);
    free(recv);
    if (rc)
        return -1;
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(o, "status");
    if (st && !cJSON_IsNull(st)) {
        if (!cJSON_IsObject(st))
            return bad(w, "status", "is not an object");
        if (read_strings(w, st, "silencedBy", NULL, &a->silenced_by,
                         &a->nsilenced_by) ||
            read_strings(w, st, "inhibitedBy", NULL, &a->inhibited_by,
                         &a->ninhibited_by))
            return -1;
        a->silenced = a->nsilenced_by > 0;
        a->inhibited = a->ninhibited_by > 0;
    }
    return 0;
}

/* One group of /api/v2/alerts/groups: its labels, receiver and the
 * fingerprints of its alerts. */
static int am_group(const Where *w, const cJSON *o, void *item)
{
    AlertGroup *g = item;
    if (!cJSON_IsObject(o))
        return bad(w, "", "is not an object");
    const cJSON *recv = cJSON_GetObjectItemCaseSensitive(o, "receiver");
    const cJSON *rn = cJSON_IsObject(recv)
                          ? cJSON_GetObjectItemCaseSensitive(recv, "name")
                          : NULL;
    if (cJSON_IsString(rn) && rn->valuestring &&
        !(g->receiver = promjson_text(rn->valuestring)))
        return oom(w);
    if (read_labels(w, o, "labels", &g->labels, &g->nlabels))
        return -1;
    const cJSON *alerts = cJSON_GetObjectItemCaseSensitive(o, "alerts");
    int na = alerts ? list_size(w->out, alerts, "a group's alerts") : 0;
    if (na < 0)
        return -1;
    if (na > 0 && !(g->fingerprints = calloc((size_t)na, sizeof(char *))))
        return oom(w);
    const cJSON *a;
    cJSON_ArrayForEach(a, alerts)
    {
        const cJSON *fp =
            cJSON_IsObject(a)
                ? cJSON_GetObjectItemCaseSensitive(a, "fingerprint")
                : NULL;
        if (g->nfingerprints >= na || !cJSON_IsString(fp) || !fp->valuestring)
            continue;
        if (!(g->fingerprints[g->nfingerprints++] =
                  promjson_text(fp->valuestring)))
            return oom(w);
    }
    return 0;
}

/* One silence object (gettableSilence). */
static int am_silence(const Where *w, const cJSON *o, void *item)
{
    Silence *s = item;
    if (!cJSON_IsObject(o))
        return bad(w, "", "is not an object");
    if (read_str(w, o, "id", &s->id) ||
        read_time(w, o, "startsAt", &s->starts_at) ||
        read_time(w, o, "endsAt", &s->ends_at) ||
        read_time(w, o, "updatedAt", &s->updated_at) ||
        read_str(w, o, "createdBy", &s->created_by) ||
        read_str(w, o, "comment", &s->comment))
        return -1;
    if (!s->id)
        return bad(w, "id", "is missing");
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(o, "status");
    const cJSON *state = cJSON_IsObject(st)
                             ? cJSON_GetObjectItemCaseSensitive(st, "state")
                             : NULL;
    const char *sv = cJSON_IsString(state) ? state->valuestring : NULL;
    if (!sv)
        return bad(w, "status.state", "is missing");
    s->state = !strcmp(sv, "active")    ? SILENCE_ACTIVE
               : !strcmp(sv, "pending") ? SILENCE_PENDING
                                        : SILENCE_EXPIRED;
    const cJSON *ms = cJSON_GetObjectItemCaseSensitive(o, "matchers");
    int n = ms ? list_size(w->out, ms, "a silence's matchers") : 0;
    if (n < 0)
        return -1;
    if (n > 0 && !(s->matchers = calloc((size_t)n, sizeof *s->matchers)))
        return oom(w);
    const cJSON *m;
    cJSON_ArrayForEach(m, ms)
    {
        if (s->nmatchers >= n)
            break;
        SilenceMatcher *sm = &s->matchers[s->nmatchers++];
        if (!cJSON_IsObject(m))
            return bad(w, "matchers", "holds something not an object");
        if (read_str(w, m, "name", &sm->name) ||
            read_str(w, m, "value", &sm->value) ||
            read_bool(w, m, "isRegex", 0, &sm->regex) ||
            read_bool(w, m, "isEqual", 1, &sm->equal))
            return -1;
        if (!sm->name)
            return bad(w, "matchers", "holds a matcher without a name");
        if (!sm->value && !(sm->value = promjson_text("")))
            return oom(w);
    }
    return 0;
}

/* The Alertmanager lists: alerts, groups, silences. */
enum { AM_ALERTS, AM_GROUPS, AM_SILENCES };

/* Reads an Alertmanager answer that is a list of `kind` into out->alerts. */
static int am_read(const char *body, size_t len, long status, Result *out,
                   int kind)
{
    static const struct {
        const char *list;
        size_t size;
        ReadOne one;
    } kinds[] = {
        [AM_ALERTS] = {"alerts", sizeof(Alert), am_alert},
        [AM_GROUPS] = {"groups", sizeof(AlertGroup), am_group},
        [AM_SILENCES] = {"silences", sizeof(Silence), am_silence},
    };
    if (!out)
        return -1;
    cJSON *root = am_parse(body, len, status, 1, out);
    if (!root)
        return -1;
    AlertSet *set = alertset_new();
    void *items = NULL;
    int n = 0,
        rc = set ? read_list(out, root, kinds[kind].list, kinds[kind].size,
                             kinds[kind].one, &items, &n)
                 : oom(&(Where){out, kinds[kind].list, 0});
    cJSON_Delete(root);
    if (set && kind == AM_ALERTS) {
        set->alerts = items;
        set->nalerts = n;
        out->type = rc == 0 ? RESULT_VECTOR : RESULT_NONE;
    } else if (set && kind == AM_GROUPS) {
        set->groups = items;
        set->ngroups = n;
    } else if (set) {
        set->silences = items;
        set->nsilences = n;
    }
    return finish(out, set, rc);
}

int alertjson_am_alerts(const char *body, size_t len, long status, Result *out)
{
    return am_read(body, len, status, out, AM_ALERTS);
}

int alertjson_am_groups(const char *body, size_t len, long status, Result *out)
{
    return am_read(body, len, status, out, AM_GROUPS);
}

int alertjson_am_silences(const char *body, size_t len, long status,
                          Result *out)
{
    return am_read(body, len, status, out, AM_SILENCES);
}

int alertjson_am_write(const char *body, size_t len, long status, Result *out)
{
    if (!out)
        return -1;
    int ok = status == 0 || (status >= 200 && status < 300);
    if (ok && (!body || len == 0)) { /* expired: 200 and nothing more */
        memset(out, 0, sizeof *out);
        out->http_status = status;
        AlertSet *set = alertset_new();
        if (!set)
            result_set_error(out, "out of memory");
        return finish(out, set, set ? 0 : -1);
    }
    cJSON *root = am_parse(body, len, status, 0, out);
    if (!root)
        return -1;
    AlertSet *set = alertset_new();
    Where w = {out, "the answer", 0};
    int rc = set ? read_str(&w, root, "silenceID", &set->silence_id) : oom(&w);
    cJSON_Delete(root);
    return finish(out, set, rc);
}
