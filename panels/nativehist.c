/* nativehist.c - native histograms (Prometheus 2.40 and later) for the
 * panels: the kinds that draw buckets (heatmap, histogram) see each native
 * histogram series as the classic cumulative `le` bucket series it stands
 * for, and every other kind says how to query one instead of drawing NaN. */
#include "panel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NH_MAX_BOUNDS 2048 /* distinct upper bounds of one series at most */

int panel_has_native(const Panel *p)
{
    for (int qi = 0; qi < p->conf->nqueries; qi++) {
        const QueryState *st[2] = {&p->qs[qi].inst, &p->qs[qi].range};
        for (int k = 0; k < 2; k++) {
            const Result *r = &st[k]->res;
            for (int i = 0; st[k]->used && i < r->nseries; i++)
                if (series_is_histogram(&r->series[i]))
                    return 1;
        }
    }
    return 0;
}

static int any_hists(const Result *r)
{
    for (int i = 0; i < r->nseries; i++)
        if (r->series[i].nhists > 0)
            return 1;
    return 0;
}

static int by_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* Copies labels of s into d, plus `le` = le when le is not NULL (an `le`
 * of s itself is left out then). Returns 0 or -1 on OOM. */
static int copy_labels(Series *d, const Series *s, const char *le)
{
    d->labels = calloc((size_t)s->nlabels + 1, sizeof *d->labels);
    if (!d->labels)
        return -1;
    for (int i = 0; i < s->nlabels; i++) {
        if (le && !strcmp(s->labels[i].name, "le"))
            continue;
        Label *l = &d->labels[d->nlabels++];
        l->name = strdup(s->labels[i].name);
        l->value = strdup(s->labels[i].value);
        if (!l->name || !l->value)
            return -1;
    }
    if (le) {
        Label *l = &d->labels[d->nlabels++];
        l->name = strdup("le");
        l->value = strdup(le);
        if (!l->name || !l->value)
            return -1;
    }
    return 0;
}

/* Observations of h up to upper bound `le`, cumulative; +Inf: all. */
static double cumulative(const HistPoint *h, double le)
{
    if (isinf(le) && le > 0)
        return h->count;
    double n = 0;
    for (int b = 0; b < h->nbuckets; b++)
        if (h->buckets[b].upper <= le)
            n += h->buckets[b].count;
    return n;
}

/* Appends to out the classic bucket series of native histogram series s:
 * one per distinct upper bound of its samples (at most NH_MAX_BOUNDS, the
 * highest kept) and one for +Inf when some observations fall in no bucket,
 * each with a point per sample holding the observations up to that bound.
 * Returns 0 or -1 on OOM. */
static int add_buckets(Result *out, int *cap, const Series *s)
{
    int nb = 0;
    for (int k = 0; k < s->nhists; k++)
        nb += s->hists[k].nbuckets;
    double *bounds = malloc(sizeof *bounds * (size_t)(nb + 1));
    if (!bounds)
        return -1;
    nb = 0;
    for (int k = 0; k < s->nhists; k++)
        for (int b = 0; b < s->hists[k].nbuckets; b++)
            if (isfinite(s->hists[k].buckets[b].upper))
                bounds[nb++] = s->hists[k].buckets[b].upper;
    qsort(bounds, (size_t)nb, sizeof *bounds, by_double);
    int u = 0;
    for (int i = 0; i < nb; i++)
        if (u == 0 || bounds[i] != bounds[u - 1])
            bounds[u++] = bounds[i];
    int first = u > NH_MAX_BOUNDS ? u - NH_MAX_BOUNDS : 0;
    /* a +Inf bucket only when some observations are in no bucket (NaN
     * ones): for rates, count and buckets agree up to rounding */
    for (int k = 0; k < s->nhists; k++) {
        const HistPoint *h = &s->hists[k];
        double in = cumulative(h, u > 0 ? bounds[u - 1] : 0);
        if (h->count - in > 1e-9 * fabs(h->count) + 1e-12) {
            bounds[u++] = INFINITY;
            break;
        }
    }
    int rc = 0;
    for (int i = first; i < u && rc == 0; i++) {
        if (out->nseries == *cap) {
            int ncap = *cap ? *cap * 2 : 16;
            Series *ns = realloc(out->series, sizeof *ns * (size_t)ncap);
            if (!ns) {
                rc = -1;
                break;
            }
            out->series = ns;
            *cap = ncap;
        }
        Series *d = &out->series[out->nseries++];
        memset(d, 0, sizeof *d);
        char le[40];
        if (isinf(bounds[i]))
            snprintf(le, sizeof le, "+Inf");
        else
            snprintf(le, sizeof le, "%.17g", bounds[i]);
        d->points = malloc(sizeof *d->points * (size_t)s->nhists);
        if (!d->points || copy_labels(d, s, le) < 0) {
            rc = -1;
            break;
        }
        for (int k = 0; k < s->nhists; k++)
            d->points[k] =
                (Point){s->hists[k].t, cumulative(&s->hists[k], bounds[i])};
        d->npoints = s->nhists;
    }
    free(bounds);
    return rc;
}

/* A deep copy of float series s into the next free series of out. */
static int add_copy(Result *out, int *cap, const Series *s)
{
    if (out->nseries == *cap) {
        int ncap = *cap ? *cap * 2 : 16;
        Series *ns = realloc(out->series, sizeof *ns * (size_t)ncap);
        if (!ns)
            return -1;
        out->series = ns;
        *cap = ncap;
    }
    Series *d = &out->series[out->nseries++];
    memset(d, 0, sizeof *d);
    if (copy_labels(d, s, NULL) < 0)
        return -1;
    if (s->npoints > 0) {
        d->points = malloc(sizeof *d->points * (size_t)s->npoints);
        if (!d->points)
            return -1;
        memcpy(d->points, s->points, sizeof *d->points * (size_t)s->npoints);
        d->npoints = s->npoints;
    }
    return 0;
}

/* Builds into *out (owned, zeroed first) the classic form of r: native
 * histogram series as bucket series, their float samples (older than the
 * change of type, or newer) left out; float series copied. */
static int classic_result(const Result *r, Result *out)
{
    memset(out, 0, sizeof *out);
    out->type = r->type;
    out->http_status = r->http_status;
    int cap = 0;
    for (int i = 0; i < r->nseries; i++) {
        const Series *s = &r->series[i];
        int rc =
            s->nhists > 0 ? add_buckets(out, &cap, s) : add_copy(out, &cap, s);
        if (rc < 0) {
            result_free(out);
            return -1;
        }
    }
    return 0;
}

int panel_native_view(const Panel *p, Panel *view)
{
    int nq = p->conf->nqueries, found = 0;
    for (int i = 0; i < nq && !found; i++)
        found = any_hists(&p->qs[i].inst.res) || any_hists(&p->qs[i].range.res);
    if (!found)
        return 0;
    Panel v = *p;
    v.qs = calloc((size_t)nq + 1, sizeof *v.qs);
    if (!v.qs)
        return -1;
    for (int i = 0; i < nq; i++) { /* every result of the copy is its own */
        v.qs[i] = p->qs[i];
        memset(&v.qs[i].inst.res, 0, sizeof v.qs[i].inst.res);
        memset(&v.qs[i].range.res, 0, sizeof v.qs[i].range.res);
    }
    for (int i = 0; i < nq; i++)
        if (classic_result(&p->qs[i].inst.res, &v.qs[i].inst.res) < 0 ||
            classic_result(&p->qs[i].range.res, &v.qs[i].range.res) < 0) {
            panel_native_view_free(&v);
            return -1;
        }
    *view = v;
    return 1;
}

void panel_native_view_free(Panel *view)
{
    for (int i = 0; view->qs && i < view->conf->nqueries; i++) {
        result_free(&view->qs[i].inst.res);
        result_free(&view->qs[i].range.res);
    }
    free(view->qs);
    view->qs = NULL;
}

void panel_draw_native_hint(Canvas *c, Rect r)
{
    canvas_wrap(c, r,
                "native histogram: use histogram_quantile(), "
                "histogram_count() or histogram_sum()",
                ROLE_WARN);
}
