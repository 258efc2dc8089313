/* output.c - what --once prints: the rendered frame as plain text, or the
 * data behind it as one JSON object (queries exactly as sent, each series'
 * labels, last value and the points drawn; an alert list's alerts with
 * their labels, annotations, state, since when, value, silenced and
 * inhibited). */
#include "output.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerting.h"

/* A number as JSON: finite doubles in the shortest text that reads back
 * as exactly the same double (cJSON's own printing may lose the last bits),
 * NaN and infinities as the strings Prometheus uses. */
static cJSON *json_number(double v)
{
    if (isnan(v))
        return cJSON_CreateString("NaN");
    if (isinf(v))
        return cJSON_CreateString(v > 0 ? "+Inf" : "-Inf");
    char buf[40];
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return cJSON_CreateRaw(buf);
}

static cJSON *json_series(const Series *s, int with_points)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *labels = cJSON_AddObjectToObject(o, "labels");
    for (int i = 0; i < s->nlabels; i++)
        cJSON_AddStringToObject(labels, s->labels[i].name, s->labels[i].value);
    cJSON_AddItemToObject(o, "last", json_number(series_last(s)));
    if (with_points) {
        cJSON *pts = cJSON_AddArrayToObject(o, "points");
        for (int i = 0; i < s->npoints; i++) {
            cJSON *pt = cJSON_CreateArray();
            cJSON_AddItemToArray(pt, json_number(s->points[i].t));
            cJSON_AddItemToArray(pt, json_number(s->points[i].v));
            cJSON_AddItemToArray(pts, pt);
        }
    }
    return o;
}

static cJSON *json_slot(const QueryState *st, const QueryConf *qc)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "expr", st->q.expr ? st->q.expr : qc->expr);
    if (qc->name)
        cJSON_AddStringToObject(o, "name", qc->name);
    if (st->q.type == PQ_RANGE) {
        cJSON_AddStringToObject(o, "type", "range");
        cJSON_AddItemToObject(o, "start", json_number(st->q.start));
        cJSON_AddItemToObject(o, "end", json_number(st->q.end));
        cJSON_AddItemToObject(o, "step", json_number(st->q.step));
    } else {
        cJSON_AddStringToObject(o, "type", "instant");
        cJSON_AddItemToObject(o, "time", json_number(st->q.time));
    }
    if (st->error)
        cJSON_AddStringToObject(o, "error", st->error);
    else
        cJSON_AddNullToObject(o, "error");
    if (st->res.nwarnings) {
        cJSON *w = cJSON_AddArrayToObject(o, "warnings");
        for (int i = 0; i < st->res.nwarnings; i++)
            cJSON_AddItemToArray(w, cJSON_CreateString(st->res.warnings[i]));
    }
    cJSON *ser = cJSON_AddArrayToObject(o, "series");
    for (int i = 0; i < st->res.nseries; i++)
        cJSON_AddItemToArray(
            ser, json_series(&st->res.series[i], st->q.type == PQ_RANGE));
    return o;
}

static cJSON *json_labels(const Label *l, int n)
{
    cJSON *o = cJSON_CreateObject();
    for (int i = 0; i < n; i++)
        cJSON_AddStringToObject(o, l[i].name, l[i].value);
    return o;
}

/* One alert as the panel shows it. */
static cJSON *json_alert(const AlertRow *r)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "labels",
                          json_labels(r->a->labels, r->a->nlabels));
    cJSON_AddItemToObject(o, "annotations",
                          json_labels(r->a->annotations, r->a->nannotations));
    cJSON_AddStringToObject(o, "state",
                            r->state == ALERT_PENDING ? "pending" : "firing");
    /* active_at: when the source says it began (Prometheus: pending,
     * Alertmanager: firing); the value is Prometheus' */
    if (isnan(r->a->active_at))
        cJSON_AddNullToObject(o, "active_at");
    else
        cJSON_AddItemToObject(o, "active_at", json_number(r->a->active_at));
    if (r->prom && r->prom->value)
        cJSON_AddStringToObject(o, "value", r->prom->value);
    else
        cJSON_AddNullToObject(o, "value");
    cJSON_AddBoolToObject(o, "silenced", r->silenced);
    cJSON_AddBoolToObject(o, "inhibited", r->inhibited);
    if (!isnan(r->since))
        cJSON_AddItemToObject(o, "since", json_number(r->since));
    return o;
}

/* The alerts of an alert list: its source's, or (source: query) one
 * firing alert per series of its queries. */
static cJSON *json_panel_alerts(const App *a, const Panel *p)
{
    cJSON *arr = cJSON_CreateArray();
    int src = panel_alert_source(p->conf);
    if (!src) {
        for (int qi = 0; qi < p->conf->nqueries; qi++) {
            const Result *res = panel_result(p, qi);
            for (int i = 0; res && i < res->nseries; i++) {
                const Series *s = &res->series[i];
                cJSON *o = cJSON_CreateObject();
                cJSON_AddItemToObject(o, "labels",
                                      json_labels(s->labels, s->nlabels));
                cJSON_AddItemToObject(o, "annotations", cJSON_CreateObject());
                cJSON_AddStringToObject(o, "state", "firing");
                cJSON_AddNullToObject(o, "active_at");
                char v[64];
                snprintf(v, sizeof v, "%.17g", series_last(s));
                cJSON_AddStringToObject(o, "value", v);
                cJSON_AddBoolToObject(o, "silenced", 0);
                cJSON_AddBoolToObject(o, "inhibited", 0);
                cJSON_AddItemToArray(arr, o);
            }
        }
        return arr;
    }
    int n = 0;
    AlertRow *rows = alerts_rows(alerting_store(a), src,
                                 panel_opt_str(p, "severity_label", NULL), &n);
    for (int i = 0; i < n; i++)
        cJSON_AddItemToArray(arr, json_alert(&rows[i]));
    free(rows);
    return arr;
}

int output_json(const App *a, FILE *out)
{
    const DashState *ds = &a->dash[a->cur];
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "dashboard", ds->d->name);
    cJSON_AddStringToObject(root, "title", ds->d->title);
    cJSON_AddItemToObject(root, "time", json_number(app_now(a)));
    cJSON_AddItemToObject(root, "range_seconds",
                          json_number(app_range(a, a->cur)));
    cJSON_AddItemToObject(
        root, "refresh_seconds",
        json_number(a->refresh > 0 ? a->refresh : ds->d->refresh));
    cJSON_AddStringToObject(root, "url", prom_url(a->prom));
    cJSON *panels = cJSON_AddArrayToObject(root, "panels");
    for (int pi = 0; pi < ds->npanels; pi++) {
        const Panel *p = &ds->panels[pi];
        cJSON *po = cJSON_CreateObject();
        cJSON_AddStringToObject(po, "title", p->conf->title);
        cJSON_AddStringToObject(po, "kind", p->cls->name);
        if (p->conf->unit)
            cJSON_AddStringToObject(po, "unit", p->conf->unit);
        const char *err = NULL;
        int any = 0;
        cJSON *qs = cJSON_CreateArray();
        for (int qi = 0; qi < p->conf->nqueries; qi++) {
            const QueryState *st[2] = {&p->qs[qi].inst, &p->qs[qi].range};
            for (int k = 0; k < 2; k++) {
                if (!st[k]->used)
                    continue;
                if (st[k]->error && !err)
                    err = st[k]->error;
                if (st[k]->res.type != RESULT_NONE)
                    any = 1;
                cJSON_AddItemToArray(qs,
                                     json_slot(st[k], &p->conf->queries[qi]));
            }
        }
        int src = panel_alert_source(p->conf);
        const AlertStore *st = alerting_store(a);
        if (src && st) { /* its alerts' source in place of queries */
            const AlertFeed *f = src == ALERTS_FROM_AM && st->have_am
                                     ? &st->am_alerts
                                     : &st->prom_alerts;
            err = f->error;
            any = f->set != NULL;
            if (src == ALERTS_FROM_AM && !st->have_am)
                err = "no Alertmanager configured";
            else if (a->at > 0)
                err = "the alerts API tells only what fires now: not "
                      "asked at a frozen time (--at)";
            cJSON_AddStringToObject(po, "source",
                                    src == ALERTS_FROM_AM ? "alertmanager"
                                                          : "alerts");
        }
        if (err)
            cJSON_AddStringToObject(po, "error", err);
        else
            cJSON_AddNullToObject(po, "error");
        cJSON_AddBoolToObject(po, "stale", err && any);
        if (src == ALERTS_FROM_PROM && st && st->have_am && st->am_alerts.error)
            cJSON_AddStringToObject(po, "alertmanager_error",
                                    st->am_alerts.error);
        cJSON_AddItemToObject(po, "queries", qs);
        if (p->cls == panel_kind_find("alertlist"))
            cJSON_AddItemToObject(po, "alerts", json_panel_alerts(a, p));
        cJSON_AddItemToArray(panels, po);
    }
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (!text)
        return -1;
    int rc = fprintf(out, "%s\n", text) < 0 ? -1 : 0;
    free(text);
    return rc;
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
