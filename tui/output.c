/* output.c - what --once prints: the rendered frame as plain text, or the
 * data behind it as one JSON object (queries exactly as sent, each series'
 * labels, last value and the points drawn). */
#include "output.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        double end, range;
        char own[128];
        app_panel_window(a, a->cur, p, &end, &range);
        cJSON_AddItemToObject(po, "range_seconds", json_number(range));
        cJSON_AddItemToObject(po, "end", json_number(end));
        if (app_panel_window_text(a, a->cur, p, own, sizeof own))
            cJSON_AddStringToObject(po, "window", own);
        char miss[FAMILIES_MAX_LEN];
        if (panel_missing_metric(p, miss, sizeof miss))
            cJSON_AddStringToObject(po, "missing_metric", miss);
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
        if (err)
            cJSON_AddStringToObject(po, "error", err);
        else
            cJSON_AddNullToObject(po, "error");
        cJSON_AddBoolToObject(po, "stale", err && any);
        cJSON_AddItemToObject(po, "queries", qs);
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
