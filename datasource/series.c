/* series.c - the data model of a Prometheus answer: label look-up, last
 * value (float or native histogram), step and value at a time, freeing a
 * Result and setting its one-line error. */
#include "series.h"

#include "alerts.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/text.h"

const char *series_label(const Series *s, const char *name)
{
    if (!s || !name)
        return NULL;
    for (int i = 0; i < s->nlabels; i++) {
        if (s->labels[i].name && strcmp(s->labels[i].name, name) == 0)
            return s->labels[i].value;
    }
    return NULL;
}

int series_is_histogram(const Series *s)
{
    if (!s || s->nhists <= 0 || !s->hists)
        return 0;
    return s->npoints <= 0 ||
           s->hists[s->nhists - 1].t >= s->points[s->npoints - 1].t;
}

double series_last(const Series *s)
{
    if (!s || s->npoints <= 0 || !s->points || series_is_histogram(s))
        return NAN;
    return s->points[s->npoints - 1].v;
}

double series_step(const Series *s)
{
    double step = 0;
    for (int i = 1; i < s->npoints; i++) {
        double d = s->points[i].t - s->points[i - 1].t;
        if (d > 0 && (step == 0 || d < step))
            step = d;
    }
    return step;
}

/* A binary search for the first point not before t - 1e-6. */
double series_value_at(const Series *s, double t)
{
    int lo = 0, hi = s->npoints;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (s->points[mid].t < t - 1e-6)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < s->npoints && fabs(s->points[lo].t - t) <= 1e-6 &&
        isfinite(s->points[lo].v))
        return s->points[lo].v;
    return 0;
}

void series_free(Series *s)
{
    if (!s)
        return;
    for (int j = 0; j < s->nlabels; j++) {
        free(s->labels[j].name);
        free(s->labels[j].value);
    }
    free(s->labels);
    free(s->points);
    for (int j = 0; j < s->nhists; j++)
        free(s->hists[j].buckets);
    free(s->hists);
    memset(s, 0, sizeof *s);
}

void result_free(Result *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->nseries; i++)
        series_free(&r->series[i]);
    free(r->series);
    for (int i = 0; i < r->nwarnings; i++)
        free(r->warnings[i]);
    free(r->warnings);
    for (int i = 0; i < r->ninfos; i++)
        free(r->infos[i]);
    free(r->infos);
    free(r->error);
    alertset_unref(r->alerts);
    memset(r, 0, sizeof *r);
}

/* Formats the message, then makes it clean text on one line (text_clean:
 * newlines and tabs become spaces, other controls and broken UTF-8
 * U+FFFD). On OOM the old error is replaced by a fixed text when possible,
 * or left NULL. */
void result_set_error(Result *r, const char *fmt, ...)
{
    if (!r)
        return;
    free(r->error);
    r->error = NULL;

    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        r->error = strdup("error message could not be formatted");
        return;
    }
    char *msg = malloc((size_t)n + 1);
    if (!msg) {
        r->error = strdup("out of memory");
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    /* a server's text cut by a %.Ns may end inside a character: the
     * message is made clean text as a whole, on one line */
    if (text_needs_clean(msg, (size_t)n, 0)) {
        char *clean = text_clean(msg, (size_t)n, 0);
        free(msg);
        if (!(msg = clean)) {
            r->error = strdup("out of memory");
            return;
        }
    }
    r->error = msg;
}

static int strs_same(char *const *a, char *const *b, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(a[i], b[i]))
            return 0;
    return 1;
}

/* 1 when series x and y hold the same native histogram samples (their
 * times too when `timed`). */
static int hists_same(const Series *x, const Series *y, int timed)
{
    if (x->nhists != y->nhists)
        return 0;
    for (int k = 0; k < x->nhists; k++) {
        const HistPoint *h = &x->hists[k], *g = &y->hists[k];
        if ((timed && h->t != g->t) || h->nbuckets != g->nbuckets ||
            memcmp(&h->count, &g->count, sizeof(double)) ||
            memcmp(&h->sum, &g->sum, sizeof(double)))
            return 0;
        for (int b = 0; b < h->nbuckets; b++) {
            const HistBucket *u = &h->buckets[b], *v = &g->buckets[b];
            if (u->boundary != v->boundary || u->lower != v->lower ||
                u->upper != v->upper ||
                memcmp(&u->count, &v->count, sizeof(double)))
                return 0;
        }
    }
    return 1;
}

int result_same(const Result *a, const Result *b)
{
    if (a->type != b->type || a->nseries != b->nseries ||
        a->dropped != b->dropped || a->nwarnings != b->nwarnings ||
        a->ninfos != b->ninfos ||
        !strs_same(a->warnings, b->warnings, a->nwarnings) ||
        !strs_same(a->infos, b->infos, a->ninfos))
        return 0;
    int timed = a->type == RESULT_MATRIX || a->type == RESULT_STRING;
    for (int i = 0; i < a->nseries; i++) {
        const Series *x = &a->series[i], *y = &b->series[i];
        if (x->nlabels != y->nlabels || x->npoints != y->npoints)
            return 0;
        for (int k = 0; k < x->nlabels; k++)
            if (strcmp(x->labels[k].name, y->labels[k].name) ||
                strcmp(x->labels[k].value, y->labels[k].value))
                return 0;
        for (int k = 0; k < x->npoints; k++)
            if (memcmp(&x->points[k].v, &y->points[k].v, sizeof(double)) ||
                (timed && x->points[k].t != y->points[k].t))
                return 0;
        if (!hists_same(x, y, timed))
            return 0;
    }
    return 1;
}

int result_keep(Result *r, int max)
{
    if (max < 0 || r->nseries <= max)
        return 0;
    int n = r->nseries - max;
    for (int i = max; i < r->nseries; i++)
        series_free(&r->series[i]);
    r->nseries = max;
    r->dropped += n;
    Series *shrunk = realloc(r->series, sizeof *shrunk * (size_t)(max + 1));
    if (shrunk)
        r->series = shrunk;
    return n;
}
