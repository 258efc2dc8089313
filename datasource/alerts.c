/* alerts.c - the alerting data model (AlertSet, counted and shared by the
 * subscribers of one answer) and what its users share: severity ranks,
 * runbooks, silences matched against labels, Prometheus' alerts joined with
 * Alertmanager's and with their rules into sorted rows, and the JSON body
 * of a new silence. */
#include "alerts.h"

#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cjson/cJSON.h>

AlertSet *alertset_new(void)
{
    AlertSet *s = calloc(1, sizeof *s);
    if (s)
        s->refs = 1;
    return s;
}

AlertSet *alertset_ref(AlertSet *s)
{
    if (s)
        s->refs++;
    return s;
}

static void labels_free(Label *l, int n)
{
    for (int i = 0; i < n; i++) {
        free(l[i].name);
        free(l[i].value);
    }
    free(l);
}

static void strings_free(char **s, int n)
{
    for (int i = 0; i < n; i++)
        free(s[i]);
    free(s);
}

static void alert_free(Alert *a)
{
    labels_free(a->labels, a->nlabels);
    labels_free(a->annotations, a->nannotations);
    free(a->value);
    strings_free(a->silenced_by, a->nsilenced_by);
    strings_free(a->inhibited_by, a->ninhibited_by);
    free(a->fingerprint);
    free(a->generator_url);
    free(a->receivers);
}

static void rule_free(Rule *r)
{
    free(r->group);
    free(r->file);
    free(r->name);
    free(r->query);
    free(r->type);
    free(r->state);
    free(r->health);
    free(r->last_error);
    labels_free(r->labels, r->nlabels);
    labels_free(r->annotations, r->nannotations);
}

static void silence_free(Silence *s)
{
    free(s->id);
    for (int i = 0; i < s->nmatchers; i++) {
        free(s->matchers[i].name);
        free(s->matchers[i].value);
    }
    free(s->matchers);
    free(s->created_by);
    free(s->comment);
}

void alertset_unref(AlertSet *s)
{
    if (!s || --s->refs > 0)
        return;
    for (int i = 0; i < s->nalerts; i++)
        alert_free(&s->alerts[i]);
    free(s->alerts);
    for (int i = 0; i < s->nrules; i++)
        rule_free(&s->rules[i]);
    free(s->rules);
    for (int i = 0; i < s->nsilences; i++)
        silence_free(&s->silences[i]);
    free(s->silences);
    for (int i = 0; i < s->ngroups; i++) {
        labels_free(s->groups[i].labels, s->groups[i].nlabels);
        free(s->groups[i].receiver);
        strings_free(s->groups[i].fingerprints, s->groups[i].nfingerprints);
    }
    free(s->groups);
    free(s->silence_id);
    free(s);
}

void alertfeed_clear(AlertFeed *f)
{
    alertset_unref(f->set);
    free(f->error);
    memset(f, 0, sizeof *f);
}

int alert_severity_rank(const char *sev)
{
    static const char *const ranks[3][8] = {
        {"critical", "high", "blocker", "page", "error", "p0", "p1", NULL},
        {"warning", "warn", "medium", "major", "p2", NULL},
        {"info", "low", "minor", "none", "p3", NULL},
    };
    for (int r = 0; sev && r < 3; r++)
        for (int i = 0; ranks[r][i]; i++)
            if (!strcasecmp(sev, ranks[r][i]))
                return r;
    return 3;
}

/* Binary search in a sorted label array. */
static const char *find_label(const Label *l, int n, const char *name)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        int c = strcmp(l[mid].name, name);
        if (c == 0)
            return l[mid].value;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const char *alert_label(const Alert *a, const char *name)
{
    return a && name ? find_label(a->labels, a->nlabels, name) : NULL;
}

const char *alert_annotation(const Alert *a, const char *name)
{
    return a && name ? find_label(a->annotations, a->nannotations, name) : NULL;
}

const char *alert_runbook(const Alert *a)
{
    const char *r = alert_annotation(a, "runbook_url");
    if (!r || !*r)
        r = alert_annotation(a, "runbook");
    return r && *r ? r : NULL;
}

/* Does value v match matcher m's value (a regex is anchored, as in
 * Alertmanager)? */
static int matcher_holds(const SilenceMatcher *m, const char *v)
{
    int eq;
    if (m->regex) {
        size_t n = strlen(m->value) + 8;
        char *pat = malloc(n);
        regex_t re;
        if (!pat)
            return 0;
        snprintf(pat, n, "^(%s)$", m->value);
        if (regcomp(&re, pat, REG_EXTENDED | REG_NOSUB) != 0) {
            free(pat);
            return 0; /* a pattern we cannot read matches nothing here */
        }
        eq = regexec(&re, v, 0, NULL, 0) == 0;
        regfree(&re);
        free(pat);
    } else {
        eq = strcmp(m->value, v) == 0;
    }
    return m->equal ? eq : !eq;
}

int silence_matches(const Silence *s, const Alert *a)
{
    if (!s || !a || s->nmatchers == 0)
        return 0;
    for (int i = 0; i < s->nmatchers; i++) {
        const char *v = alert_label(a, s->matchers[i].name);
        if (!matcher_holds(&s->matchers[i], v ? v : ""))
            return 0;
    }
    return 1;
}

/* 1 when every label of p is in a with the same value. */
static int labels_within(const Alert *p, const Alert *a)
{
    for (int i = 0; i < p->nlabels; i++) {
        const char *v = alert_label(a, p->labels[i].name);
        if (!v || strcmp(v, p->labels[i].value) != 0)
            return 0;
    }
    return 1;
}

/* The alerting rule named after a's alertname whose labels a carries. */
static const Rule *find_rule(const AlertSet *rules, const Alert *a)
{
    const char *name = alert_label(a, "alertname");
    for (int i = 0; rules && name && i < rules->nrules; i++) {
        const Rule *r = &rules->rules[i];
        if (!r->type || strcmp(r->type, "alerting") != 0 ||
            strcmp(r->name, name) != 0)
            continue;
        int ok = 1;
        for (int k = 0; ok && k < r->nlabels; k++) {
            const char *v = alert_label(a, r->labels[k].name);
            /* templated rule labels differ once expanded: skip them */
            ok = !v || strchr(r->labels[k].value, '{') ||
                 !strcmp(v, r->labels[k].value);
        }
        if (ok)
            return r;
    }
    return NULL;
}

/* Orders two label arrays (sorted by name) name by name, value by value. */
static int labels_cmp(const Alert *a, const Alert *b)
{
    int n = a->nlabels < b->nlabels ? a->nlabels : b->nlabels;
    for (int i = 0; i < n; i++) {
        int c = strcmp(a->labels[i].name, b->labels[i].name);
        if (!c)
            c = strcmp(a->labels[i].value, b->labels[i].value);
        if (c)
            return c;
    }
    return a->nlabels - b->nlabels;
}

/* Copies label pairs into a sorted array, leaving out __name__ and
 * alertstate. Returns 0, or -1 on OOM. */
static int copy_labels(const Label *src, int n, Label **dst, int *dn)
{
    *dst = calloc((size_t)n + 1, sizeof **dst);
    *dn = 0;
    if (!*dst)
        return -1;
    for (int i = 0; i < n; i++) {
        if (!strcmp(src[i].name, "__name__") ||
            !strcmp(src[i].name, "alertstate"))
            continue;
        Label *l = &(*dst)[(*dn)++];
        l->name = strdup(src[i].name);
        l->value = strdup(src[i].value);
        if (!l->name || !l->value)
            return -1;
    }
    for (int i = 1; i < *dn; i++) /* few labels: insertion sort */
        for (int k = i; k > 0 && strcmp((*dst)[k - 1].name, (*dst)[k].name) > 0;
             k--) {
            Label t = (*dst)[k];
            (*dst)[k] = (*dst)[k - 1];
            (*dst)[k - 1] = t;
        }
    return 0;
}

/* Expands {{ $labels.name }} (blanks inside the braces allowed) in a rule's
 * annotation template with a's labels; NULL when the template needs more
 * (its value, functions) or on OOM. malloc'd. */
static char *expand_labels(const char *tpl, const Alert *a)
{
    size_t cap = strlen(tpl) + 64, len = 0;
    char *out = malloc(cap);
    while (out && *tpl) {
        const char *add = tpl, *next = tpl + 1;
        size_t n = 1;
        if (!strncmp(tpl, "{{", 2)) {
            const char *p = tpl + 2;
            while (*p == ' ')
                p++;
            if (strncmp(p, "$labels.", 8) != 0)
                break; /* anything but a label: not for us */
            p += 8;
            const char *name = p;
            while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                   (*p >= '0' && *p <= '9') || *p == '_')
                p++;
            size_t nl = (size_t)(p - name);
            while (*p == ' ')
                p++;
            if (nl == 0 || strncmp(p, "}}", 2) != 0)
                break;
            char key[128];
            snprintf(key, sizeof key, "%.*s", (int)(nl < 127 ? nl : 127), name);
            add = alert_label(a, key);
            add = add ? add : "";
            n = strlen(add);
            next = p + 2;
        }
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            char *g = realloc(out, cap);
            if (!g) {
                free(out);
                return NULL;
            }
            out = g;
        }
        memcpy(out + len, add, n);
        len += n;
        tpl = next;
    }
    if (!out || *tpl) { /* stopped at a template it cannot expand */
        free(out);
        return NULL;
    }
    out[len] = '\0';
    return out;
}

/* ALERTS_FOR_STATE's series by their labels (alertstate never among
 * them), for the alerts to find their start by bisection. */
typedef struct {
    Alert key; /* labels only */
    double active_at;
} Started;

static int started_cmp(const void *x, const void *y)
{
    return labels_cmp(&((const Started *)x)->key, &((const Started *)y)->key);
}

static void started_free(Started *st, int n)
{
    for (int i = 0; st && i < n; i++)
        labels_free(st[i].key.labels, st[i].key.nlabels);
    free(st);
}

/* The start of every series of r with a finite last value, sorted; *n of
 * them. Returns NULL with *n == 0 when there is none, or with *n < 0 on
 * OOM. */
static Started *started_index(const Result *r, int *n)
{
    int m = r ? r->nseries : 0;
    *n = 0;
    Started *st = m ? calloc((size_t)m, sizeof *st) : NULL;
    if (m && !st) {
        *n = -1;
        return NULL;
    }
    for (int i = 0; i < m; i++) {
        const Series *s = &r->series[i];
        if (s->npoints == 0 || !isfinite(series_last(s)))
            continue;
        Started *e = &st[(*n)++];
        e->active_at = series_last(s);
        if (copy_labels(s->labels, s->nlabels, &e->key.labels,
                        &e->key.nlabels) < 0) {
            started_free(st, *n);
            *n = -1;
            return NULL;
        }
    }
    if (*n > 1)
        qsort(st, (size_t)*n, sizeof *st, started_cmp);
    return st;
}

AlertSet *alertset_from_series(const Result *alerts, const Result *for_state,
                               const AlertSet *rules)
{
    AlertSet *set = alertset_new();
    int n = alerts ? alerts->nseries : 0, ns = 0;
    Started *started = started_index(for_state, &ns);
    if (!set || ns < 0 ||
        (n > 0 && !(set->alerts = calloc((size_t)n, sizeof(Alert)))))
        goto oom;
    for (int i = 0; i < n; i++) {
        const Series *s = &alerts->series[i];
        const char *st = series_label(s, "alertstate");
        if (!st || (strcmp(st, "firing") && strcmp(st, "pending")))
            continue;
        Alert *a = &set->alerts[set->nalerts++];
        a->state = !strcmp(st, "pending") ? ALERT_PENDING : ALERT_FIRING;
        a->active_at = a->ends_at = NAN;
        if (copy_labels(s->labels, s->nlabels, &a->labels, &a->nlabels) < 0)
            goto oom;
        /* activeAt from ALERTS_FOR_STATE: the same labels but alertstate */
        Started want = {.key = *a};
        const Started *f = ns ? bsearch(&want, started, (size_t)ns,
                                        sizeof *started, started_cmp)
                              : NULL;
        if (f)
            a->active_at = f->active_at;
        const Rule *r = find_rule(rules, a);
        if (!r)
            continue;
        a->annotations = calloc((size_t)r->nannotations + 1, sizeof(Label));
        if (!a->annotations)
            goto oom;
        for (int k = 0; k < r->nannotations; k++) {
            char *v = expand_labels(r->annotations[k].value, a);
            if (!v)
                continue; /* it needs the value, or OOM: left out */
            Label *l = &a->annotations[a->nannotations++];
            l->value = v;
            if (!(l->name = strdup(r->annotations[k].name)))
                goto oom;
        }
    }
    started_free(started, ns);
    return set;
oom:
    started_free(started, ns);
    alertset_unref(set);
    return NULL;
}

static int row_cmp(const void *x, const void *y)
{
    const AlertRow *a = x, *b = y;
    int sa = a->silenced || a->inhibited, sb = b->silenced || b->inhibited;
    if (sa != sb)
        return sa - sb;
    if (a->rank != b->rank)
        return a->rank - b->rank;
    if (a->state != b->state)
        return (int)a->state - (int)b->state;
    int an = isnan(a->since), bn = isnan(b->since);
    if (an != bn)
        return an - bn;
    if (!an && a->since != b->since)
        return a->since < b->since ? -1 : 1; /* running longest first */
    int c = strcmp(a->name, b->name);
    return c ? c : labels_cmp(a->a, b->a);
}

/* Fills row r for the alert pair (p, m). */
static void row_fill(const AlertStore *st, AlertRow *r, const Alert *p,
                     const Alert *m, const char *sevlabel)
{
    memset(r, 0, sizeof *r);
    r->prom = p;
    r->am = m;
    r->a = p ? p : m;
    r->rule = find_rule(st->prom_rules.set, r->a);
    r->state = r->a->state;
    r->silenced = m && m->silenced;
    r->inhibited = m && m->inhibited;
    r->rank = alert_severity_rank(alert_label(r->a, sevlabel));
    const char *name = alert_label(r->a, "alertname");
    r->name = name ? name : "";
    /* Firing since: Alertmanager's startsAt is when it began to fire;
     * Prometheus' activeAt is when it became pending, `for` earlier. */
    if (r->state == ALERT_PENDING)
        r->since = r->a->active_at;
    else if (m && !isnan(m->active_at))
        r->since = m->active_at;
    else if (p && r->rule)
        r->since = p->active_at + r->rule->duration;
    else
        r->since = p ? p->active_at : NAN;
}

static const char *name_of(const Alert *a)
{
    const char *n = alert_label(a, "alertname");
    return n ? n : "";
}

/* Alertmanager's alerts by name, for the join. */
typedef struct {
    const char *name;
    int k; /* index in the set */
} Named;

static int named_cmp(const void *x, const void *y)
{
    return strcmp(((const Named *)x)->name, ((const Named *)y)->name);
}

/* The first of idx[0..n) named `name` (n: none). */
static int first_named(const Named *idx, int n, const char *name)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(idx[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const AlertFeed *alerts_feed(const AlertStore *st, int from)
{
    if (!st || (from == ALERTS_FROM_AM && !st->have_am))
        return NULL;
    return from == ALERTS_FROM_AM     ? &st->am_alerts
           : from == ALERTS_FROM_PAST ? &st->past
                                      : &st->prom_alerts;
}

AlertRow *alerts_rows(const AlertStore *st, int from, const char *sevlabel,
                      int *n)
{
    *n = 0;
    if (!st)
        return NULL;
    /* both sets always take part in the join: Alertmanager says which of
     * Prometheus' alerts are silenced, Prometheus gives their values; a
     * past instant's alerts are Prometheus' alone */
    const AlertSet *ps = st->prom_alerts.set, *as = st->am_alerts.set;
    if (from & ALERTS_FROM_PAST) {
        ps = st->past.set;
        as = NULL;
        from = ALERTS_FROM_PROM;
    }
    int np = ps ? ps->nalerts : 0, na = as ? as->nalerts : 0;
    if (np + na == 0)
        return NULL;
    AlertRow *rows = calloc((size_t)(np + na), sizeof *rows);
    char *used = calloc((size_t)na + 1, 1);
    Named *idx = malloc(sizeof *idx * ((size_t)na + 1));
    if (!rows || !used || !idx) {
        free(rows);
        free(used);
        free(idx);
        return NULL;
    }
    /* a Prometheus alert is looked for among Alertmanager's of its name
     * only: linear in the alerts, not quadratic */
    for (int k = 0; k < na; k++)
        idx[k] = (Named){name_of(&as->alerts[k]), k};
    qsort(idx, (size_t)na, sizeof *idx, named_cmp);
    if (!sevlabel || !*sevlabel)
        sevlabel = "severity";
    for (int i = 0; i < np; i++) {
        const Alert *p = &ps->alerts[i], *m = NULL;
        const char *name = name_of(p);
        for (int j = first_named(idx, na, name);
             p->state == ALERT_FIRING && j < na && !m &&
             !strcmp(idx[j].name, name);
             j++) {
            int k = idx[j].k;
            if (!used[k] && labels_within(p, &as->alerts[k])) {
                m = &as->alerts[k];
                used[k] = 1;
            }
        }
        if ((from & ALERTS_FROM_PROM) || (m && (from & ALERTS_FROM_AM))) {
            AlertRow *r = &rows[(*n)++];
            row_fill(st, r, p, m, sevlabel);
            if (!(from & ALERTS_FROM_PROM)) /* Alertmanager's labels */
                r->a = m;
        }
    }
    for (int k = 0; (from & ALERTS_FROM_AM) && k < na; k++)
        if (!used[k])
            row_fill(st, &rows[(*n)++], NULL, &as->alerts[k], sevlabel);
    free(used);
    free(idx);
    if (*n == 0) {
        free(rows);
        return NULL;
    }
    qsort(rows, (size_t)*n, sizeof *rows, row_cmp);
    return rows;
}

int alerts_row_silences(const AlertStore *st, const AlertRow *r,
                        const Silence **out, int max)
{
    const AlertSet *ss = st ? st->am_silences.set : NULL;
    const Alert *a = r->am ? r->am : r->a;
    int k = 0;
    for (int i = 0; ss && a && i < ss->nsilences; i++) {
        const Silence *s = &ss->silences[i];
        int by_id = 0;
        for (int j = 0; r->am && j < r->am->nsilenced_by; j++)
            by_id |= !strcmp(r->am->silenced_by[j], s->id);
        if (by_id || (s->state == SILENCE_ACTIVE && silence_matches(s, a))) {
            if (k < max)
                out[k] = s;
            k++;
        }
    }
    return k;
}

/* Writes t as RFC 3339 UTC with milliseconds. */
static void rfc3339(double t, char *buf, size_t n)
{
    time_t s = (time_t)floor(t);
    int ms = (int)((t - floor(t)) * 1000);
    struct tm tm;
    gmtime_r(&s, &tm);
    size_t k = strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + k, n - k, ".%03dZ", ms);
}

char *alerts_silence_body(const Label *labels, int n, double start, double end,
                          const char *author, const char *comment)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *ms = cJSON_AddArrayToObject(o, "matchers");
    for (int i = 0; ms && i < n; i++) {
        cJSON *m = cJSON_CreateObject();
        cJSON_AddStringToObject(m, "name", labels[i].name);
        cJSON_AddStringToObject(m, "value", labels[i].value);
        cJSON_AddBoolToObject(m, "isRegex", 0);
        cJSON_AddBoolToObject(m, "isEqual", 1);
        cJSON_AddItemToArray(ms, m);
    }
    char t[48];
    rfc3339(start, t, sizeof t);
    cJSON_AddStringToObject(o, "startsAt", t);
    rfc3339(end, t, sizeof t);
    cJSON_AddStringToObject(o, "endsAt", t);
    cJSON_AddStringToObject(o, "createdBy", author ? author : "");
    cJSON_AddStringToObject(o, "comment", comment ? comment : "");
    char *text = o ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    return text;
}
