/* output.c - what --once prints: the rendered frame as plain text, or the
 * data behind it as one JSON object (queries exactly as sent, each series'
 * labels, last value, the points drawn and native histogram samples; an
 * alert list's alerts with their labels, annotations, state, since when,
 * value, silenced and inhibited), written as it goes, each number
 * formatted once. */
#include "output.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerting.h"

/* Writes the 1-20 decimal digits of u (no sign) at the end of buf[0..n);
 * returns where they start. */
static char *put_digits(unsigned long long u, char *end)
{
    do {
        *--end = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    return end;
}

char *output_number(double v, char *buf, size_t n)
{
    if (n < 32) {
        if (n)
            buf[0] = 0;
        return buf;
    }
    if (isnan(v)) {
        memcpy(buf, "NaN", 4);
        return buf;
    }
    if (isinf(v)) {
        memcpy(buf, v > 0 ? "+Inf" : "-Inf", 5);
        return buf;
    }
    /* whole numbers (times, counts) below 2^53 are exact as integers */
    if (v == floor(v) && fabs(v) < 1e15 && (v != 0 || !signbit(v))) {
        char tmp[24], *s = put_digits((unsigned long long)fabs(v), tmp + 23);
        tmp[23] = 0;
        char *o = buf;
        if (v < 0)
            *o++ = '-';
        memcpy(o, s, (size_t)(tmp + 24 - s));
        return buf;
    }
    /* 17 significant digits always read back exactly; keep the fewest
     * (15, 16 or 17) that still do, found by rounding the digit string */
    char e17[40];
    snprintf(e17, sizeof e17, "%.16e", v);
    const char *p = e17;
    int neg = *p == '-';
    if (neg)
        p++;
    char dig[18];
    int nd = 0;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            dig[nd++] = *p;
    int exp10 = atoi(p + 1);
    char best[18];
    int bestn = 17, bestexp = exp10, prec = 17;
    memcpy(best, dig, 17);
    for (int k = 15; k <= 16; k++) {
        char d[18];
        int e = exp10, tie = dig[k] == '5';
        for (int i = k + 1; i < 17 && tie; i++)
            tie = dig[i] == '0';
        if (tie) { /* ...5000 may hide ...4999: let printf round this one */
            char ek[40];
            snprintf(ek, sizeof ek, "%.*e", k - 1, v);
            const char *q = ek + neg;
            int m = 0;
            for (; *q && *q != 'e'; q++)
                if (*q >= '0' && *q <= '9')
                    d[m++] = *q;
            e = atoi(q + 1);
            goto check;
        }
        memcpy(d, dig, (size_t)k);
        int carry = dig[k] >= '5';
        for (int i = k - 1; i >= 0 && carry; i--) {
            if (d[i] == '9') {
                d[i] = '0';
            } else {
                d[i]++;
                carry = 0;
            }
        }
        if (carry) { /* 99..9 became 100..0 */
            memmove(d + 1, d, (size_t)k - 1);
            d[0] = '1';
            e++;
        }
    check:;
        char cand[40];
        snprintf(cand, sizeof cand, "%s%c.%.*se%d", neg ? "-" : "", d[0], k - 1,
                 d + 1, e);
        if (strtod(cand, NULL) == v) {
            memcpy(best, d, (size_t)k);
            bestn = prec = k;
            bestexp = e;
            break;
        }
    }
    /* as printf's %.<bestn>g writes it: trailing zeros dropped */
    while (bestn > 1 && best[bestn - 1] == '0')
        bestn--;
    char *o = buf;
    if (neg)
        *o++ = '-';
    if (bestexp < -4 || bestexp >= prec) { /* %g's choice at precision prec */
        *o++ = best[0];
        if (bestn > 1) {
            *o++ = '.';
            memcpy(o, best + 1, (size_t)bestn - 1);
            o += bestn - 1;
        }
        int x = abs(bestexp); /* at most 324: at least two digits */
        *o++ = 'e';
        *o++ = bestexp < 0 ? '-' : '+';
        if (x >= 100)
            *o++ = (char)('0' + x / 100);
        *o++ = (char)('0' + x / 10 % 10);
        *o++ = (char)('0' + x % 10);
        *o = 0;
        return buf;
    }
    if (bestexp < 0) {
        *o++ = '0';
        *o++ = '.';
        for (int i = -1; i > bestexp; i--)
            *o++ = '0';
        memcpy(o, best, (size_t)bestn);
        o += bestn;
    } else {
        for (int i = 0; i <= bestexp; i++)
            *o++ = i < bestn ? best[i] : '0';
        if (bestn > bestexp + 1) {
            *o++ = '.';
            memcpy(o, best + bestexp + 1, (size_t)(bestn - bestexp - 1));
            o += bestn - bestexp - 1;
        }
    }
    *o = 0;
    return buf;
}

/* ---- a JSON writer ------------------------------------------------------- */

typedef struct {
    FILE *f;
    int err;
} Out;

static void put(Out *o, const char *s)
{
    if (!o->err && fputs(s, o->f) == EOF)
        o->err = 1;
}

/* s as a JSON string: quotes, backslashes and control characters escaped,
 * UTF-8 kept. */
static void put_str(Out *o, const char *s)
{
    if (!s) {
        put(o, "null");
        return;
    }
    putc('"', o->f);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        switch (*c) {
        case '"':
            fputs("\\\"", o->f);
            break;
        case '\\':
            fputs("\\\\", o->f);
            break;
        case '\b':
            fputs("\\b", o->f);
            break;
        case '\f':
            fputs("\\f", o->f);
            break;
        case '\n':
            fputs("\\n", o->f);
            break;
        case '\r':
            fputs("\\r", o->f);
            break;
        case '\t':
            fputs("\\t", o->f);
            break;
        default:
            if (*c < 0x20)
                fprintf(o->f, "\\u%04x", *c);
            else
                putc(*c, o->f);
        }
    }
    if (putc('"', o->f) == EOF)
        o->err = 1;
}

/* A number: finite ones as output_number writes them, NaN and infinities
 * as the strings Prometheus uses. */
static void put_num(Out *o, double v)
{
    char buf[40];
    output_number(v, buf, sizeof buf);
    if (isfinite(v)) {
        put(o, buf);
    } else {
        put_str(o, buf);
    }
}

/* ,"key": */
static void put_key(Out *o, const char *key, int first)
{
    if (!first)
        put(o, ",");
    put_str(o, key);
    put(o, ":");
}

/* A native histogram sample as [time, {"count", "sum", "buckets":
 * [[boundary, lower, upper, count], ...]}], the server's shape with
 * numbers for strings. */
static void put_hist(Out *o, const HistPoint *h)
{
    put(o, "[");
    put_num(o, h->t);
    put(o, ",{\"count\":");
    put_num(o, h->count);
    put(o, ",\"sum\":");
    put_num(o, h->sum);
    put(o, ",\"buckets\":[");
    for (int b = 0; b < h->nbuckets; b++) {
        const HistBucket *hb = &h->buckets[b];
        char rule[8];
        snprintf(rule, sizeof rule, "%s[%d,", b ? "," : "", (int)hb->boundary);
        put(o, rule);
        put_num(o, hb->lower);
        put(o, ",");
        put_num(o, hb->upper);
        put(o, ",");
        put_num(o, hb->count);
        put(o, "]");
    }
    put(o, "]}]");
}

static void put_series(Out *o, const Series *s, int with_points)
{
    put(o, "{\"labels\":{");
    for (int i = 0; i < s->nlabels; i++) {
        put_key(o, s->labels[i].name, i == 0);
        put_str(o, s->labels[i].value);
    }
    put(o, "},\"last\":");
    put_num(o, series_last(s));
    if (with_points) {
        put(o, ",\"points\":[");
        for (int i = 0; i < s->npoints; i++) {
            put(o, i ? ",[" : "[");
            put_num(o, s->points[i].t);
            put(o, ",");
            put_num(o, s->points[i].v);
            put(o, "]");
        }
        put(o, "]");
    }
    if (s->nhists > 0) {
        put(o, ",\"histograms\":[");
        for (int i = 0; i < s->nhists; i++) {
            if (i)
                put(o, ",");
            put_hist(o, &s->hists[i]);
        }
        put(o, "]");
    }
    put(o, "}");
}

/* What datasource k is and what it told about itself: its name (not for
 * the main server), URL, kind, global scrape interval (null: not known)
 * and the parameters added to its queries. */
static void put_source(Out *o, const App *a, int k)
{
    const Datasource *sv = &a->sources[k];
    put(o, "{");
    if (sv->name) {
        put(o, "\"name\":");
        put_str(o, sv->name);
        put(o, ",\"url\":");
        put_str(o, prom_server_url(sv->prom, sv->server));
        put(o, ",");
    }
    put(o, "\"kind\":");
    put_str(o, backend_name(sv->kind));
    put(o, ",\"scrape_interval\":");
    if (sv->scrape > 0)
        put_num(o, sv->scrape);
    else
        put(o, "null");
    put(o, ",\"params\":");
    put_str(o, prom_params(sv->prom, sv->server));
    put(o, "}");
}

/* A query slot; src: its datasource (named in the slot unless the main
 * server). */
static void put_slot(Out *o, const App *a, const QueryState *st,
                     const QueryConf *qc, int src)
{
    put(o, "{\"expr\":");
    put_str(o, st->q.expr ? st->q.expr : qc->expr);
    if (src > 0) {
        put(o, ",\"datasource\":");
        put_str(o, a->sources[src].name);
        put(o, ",\"url\":");
        put_str(o, prom_server_url(a->prom, a->sources[src].server));
    }
    if (qc->name) {
        put_key(o, "name", 0);
        put_str(o, qc->name);
    }
    if (st->q.type == PQ_RANGE) {
        put(o, ",\"type\":\"range\",\"start\":");
        put_num(o, st->q.start);
        put(o, ",\"end\":");
        put_num(o, st->q.end);
        put(o, ",\"step\":");
        put_num(o, st->q.step);
    } else {
        put(o, ",\"type\":\"instant\",\"time\":");
        put_num(o, st->q.time);
    }
    put_key(o, "error", 0);
    put_str(o, st->error);
    if (st->res.nwarnings) {
        put(o, ",\"warnings\":[");
        for (int i = 0; i < st->res.nwarnings; i++) {
            if (i)
                put(o, ",");
            put_str(o, st->res.warnings[i]);
        }
        put(o, "]");
    }
    if (st->res.dropped) {
        char n[24];
        snprintf(n, sizeof n, "%d", st->res.dropped);
        put(o, ",\"series_dropped\":");
        put(o, n);
    }
    put(o, ",\"series\":[");
    for (int i = 0; i < st->res.nseries; i++) {
        if (i)
            put(o, ",");
        put_series(o, &st->res.series[i], st->q.type == PQ_RANGE);
    }
    put(o, "]}");
}

static void put_labels(Out *o, const Label *l, int n)
{
    put(o, "{");
    for (int i = 0; i < n; i++) {
        put_key(o, l[i].name, i == 0);
        put_str(o, l[i].value);
    }
    put(o, "}");
}

/* One alert as the panel shows it: active_at is when its source says it
 * began (Prometheus: pending, Alertmanager: firing), the value
 * Prometheus'. */
static void put_alert(Out *o, const AlertRow *r)
{
    put(o, "{\"labels\":");
    put_labels(o, r->a->labels, r->a->nlabels);
    put(o, ",\"annotations\":");
    put_labels(o, r->a->annotations, r->a->nannotations);
    put(o, r->state == ALERT_PENDING ? ",\"state\":\"pending\""
                                     : ",\"state\":\"firing\"");
    put(o, ",\"active_at\":");
    if (isnan(r->a->active_at))
        put(o, "null");
    else
        put_num(o, r->a->active_at);
    put(o, ",\"value\":");
    put_str(o, r->prom ? r->prom->value : NULL);
    put(o, r->silenced ? ",\"silenced\":true" : ",\"silenced\":false");
    put(o, r->inhibited ? ",\"inhibited\":true" : ",\"inhibited\":false");
    if (!isnan(r->since)) {
        put(o, ",\"since\":");
        put_num(o, r->since);
    }
    put(o, "}");
}

/* The alerts of an alert list: its source's, or (source: query) one firing
 * alert per series of its queries. */
static void put_panel_alerts(Out *o, const App *a, const Panel *p)
{
    put(o, ",\"alerts\":[");
    int src = panel_alert_from(p->conf, app_frozen(a)), n = 0;
    if (!src) {
        for (int qi = 0; qi < p->conf->nqueries; qi++) {
            const Result *res = panel_result(p, qi);
            for (int i = 0; res && i < res->nseries; i++) {
                const Series *s = &res->series[i];
                char v[40];
                put(o, n++ ? ",{\"labels\":" : "{\"labels\":");
                put_labels(o, s->labels, s->nlabels);
                put(o, ",\"annotations\":{},\"state\":\"firing\","
                       "\"active_at\":null,\"value\":");
                put_str(o, output_number(series_last(s), v, sizeof v));
                put(o, ",\"silenced\":false,\"inhibited\":false}");
            }
        }
    } else {
        AlertRow *rows =
            alerts_rows(alerting_store(a), src,
                        panel_opt_str(p, "severity_label", NULL), &n);
        for (int i = 0; i < n; i++) {
            if (i)
                put(o, ",");
            put_alert(o, &rows[i]);
        }
        free(rows);
    }
    put(o, "]");
}

/* ,"tabs":[...]: each dashboard and what it found of its metrics on the
 * main server (coverage.c); "metrics":null while that is not known. */
static void put_tabs(Out *o, const App *a)
{
    put(o, ",\"tabs\":[");
    for (int i = 0; i < a->ndash; i++) {
        const Coverage *cv = &a->dash[i].cover;
        put(o, i ? ",{\"name\":" : "{\"name\":");
        put_str(o, a->dash[i].d->name);
        if (!cv->known) {
            put(o, ",\"metrics\":null,\"dimmed\":false}");
            continue;
        }
        put(o, ",\"metrics\":");
        put_num(o, cv->names);
        put(o, ",\"metrics_found\":");
        put_num(o, cv->found);
        put(o, ",\"panels\":");
        put_num(o, cv->panels);
        put(o, ",\"panels_with_metrics\":");
        put_num(o, cv->complete);
        put(o, coverage_none(cv) ? ",\"dimmed\":true,\"why\":"
                                 : ",\"dimmed\":false}");
        if (coverage_none(cv)) {
            char why[FAMILIES_MAX_LEN + 64];
            coverage_words(cv, why, sizeof why);
            put_str(o, why);
            put(o, "}");
        }
    }
    put(o, "]");
}

int output_json(const App *a, FILE *out)
{
    const DashState *ds = &a->dash[a->cur];
    Out o = {out, 0};
    put(&o, "{\"dashboard\":");
    put_str(&o, ds->d->name);
    put(&o, ",\"title\":");
    put_str(&o, ds->d->title);
    put(&o, ",\"time\":");
    put_num(&o, app_now(a));
    put(&o, ",\"range_seconds\":");
    put_num(&o, app_range(a, a->cur));
    put(&o, ",\"refresh_seconds\":");
    put_num(&o, a->refresh > 0 ? a->refresh : ds->d->refresh);
    put(&o, ",\"url\":");
    put_str(&o, prom_url(a->prom));
    int dsrc = app_query_source(a, ds->d, NULL, -1);
    put(&o, ",\"scrape_interval\":");
    put_num(&o, app_scrape(a, a->cur, dsrc < 0 ? 0 : dsrc));
    put(&o, ",\"server\":");
    put_source(&o, a, 0);
    if (a->nsources > 1) {
        put(&o, ",\"datasources\":[");
        for (int k = 1; k < a->nsources; k++) {
            put(&o, k > 1 ? "," : "");
            put_source(&o, a, k);
        }
        put(&o, "]");
    }
    put_tabs(&o, a);
    put(&o, ",\"panels\":[");
    int written = 0;
    for (int pi = 0; pi < ds->npanels; pi++) {
        const Panel *p = &ds->panels[pi];
        if (p->cls == &section_class)
            continue; /* a header: named by the panels under it */
        put(&o, written++ ? ",{\"title\":" : "{\"title\":");
        put_str(&o, p->conf->title);
        put(&o, ",\"kind\":");
        put_str(&o, p->cls->name);
        int head = layout_section_of(ds->d, pi);
        if (head >= 0) {
            put(&o, ",\"section\":");
            put_str(&o, ds->panels[head].conf->title);
        }
        if (ds->folded[pi])
            put(&o, ",\"collapsed\":true");
        if (strcmp(panel_no_value(p), "no data")) {
            put(&o, ",\"no_value\":");
            put_str(&o, panel_no_value(p));
        }
        if (p->conf->unit) {
            put(&o, ",\"unit\":");
            put_str(&o, p->conf->unit);
        }
        const char *err = NULL;
        int any = 0;
        for (int qi = 0; qi < p->conf->nqueries; qi++) {
            const QueryState *st[2] = {&p->qs[qi].inst, &p->qs[qi].range};
            for (int k = 0; k < 2; k++) {
                if (!st[k]->used)
                    continue;
                if (st[k]->error && !err)
                    err = st[k]->error;
                if (st[k]->res.type != RESULT_NONE)
                    any = 1;
            }
        }
        int src = panel_alert_from(p->conf, app_frozen(a));
        const AlertStore *as = alerting_store(a);
        if (src && as) { /* its alerts' source in place of queries */
            const AlertFeed *f = alerts_feed(as, src);
            err = f ? f->error : NULL;
            any = f && f->set;
            if (src == ALERTS_FROM_AM && !as->have_am)
                err = "no Alertmanager configured";
            else if (src == ALERTS_FROM_AM && a->at > 0)
                err = panel_alert_am_frozen;
            put(&o, src == ALERTS_FROM_AM ? ",\"source\":\"alertmanager\""
                                          : ",\"source\":\"alerts\"");
            if (src == ALERTS_FROM_PAST) { /* Prometheus' ALERTS then */
                put(&o, ",\"recorded_at\":");
                put_num(&o, as->past_at);
            }
        }
        put(&o, ",\"error\":");
        put_str(&o, err);
        put(&o, err && any ? ",\"stale\":true" : ",\"stale\":false");
        put(&o, panel_warning(p) ? ",\"partial\":true" : ",\"partial\":false");
        if (src == ALERTS_FROM_PROM && as && as->have_am &&
            as->am_alerts.error) {
            put(&o, ",\"alertmanager_error\":");
            put_str(&o, as->am_alerts.error);
        }
        double end, range;
        char own[128];
        app_panel_window(a, a->cur, p, &end, &range);
        put(&o, ",\"range_seconds\":");
        put_num(&o, range);
        put(&o, ",\"end\":");
        put_num(&o, end);
        if (app_panel_window_text(a, a->cur, p, own, sizeof own)) {
            put(&o, ",\"window\":");
            put_str(&o, own);
        }
        char miss[FAMILIES_MAX_LEN];
        if (panel_missing_metric(p, miss, sizeof miss)) {
            put(&o, ",\"missing_metric\":");
            put_str(&o, miss);
        }
        put(&o, ",\"queries\":[");
        int n = 0;
        for (int qi = 0; qi < p->conf->nqueries; qi++) {
            const QueryState *st[2] = {&p->qs[qi].inst, &p->qs[qi].range};
            for (int k = 0; k < 2; k++) {
                if (!st[k]->used)
                    continue;
                if (n++)
                    put(&o, ",");
                put_slot(&o, a, st[k], &p->conf->queries[qi],
                         app_query_source(a, ds->d, p->conf, qi));
            }
        }
        put(&o, "]");
        if (p->cls == panel_kind_find("alertlist"))
            put_panel_alerts(&o, a, p);
        put(&o, "}");
    }
    put(&o, "]}\n");
    if (fflush(out) == EOF || ferror(out))
        o.err = 1;
    return o.err ? -1 : 0;
}

int output_text(const Canvas *c, FILE *out)
{
    size_t n = (size_t)c->w * 4 + 1;
    char *line = malloc(n);
    if (!line)
        return -1;
    int rc = 0;
    for (int y = 0; y < c->h && rc == 0; y++) {
        canvas_row_text(c, y, line, (int)n);
        if (fprintf(out, "%s\n", line) < 0)
            rc = -1;
    }
    free(line);
    return rc;
}
