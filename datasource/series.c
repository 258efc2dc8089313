/* series.c - the data model of a Prometheus answer: label look-up, last
 * value (float or native histogram), step and value at a time, freeing a
 * Result and setting its one-line error. */
#include "series.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    memset(r, 0, sizeof *r);
}

/* Formats the message, then turns every control character (newlines
 * included) into a space so that the error stays one line. On OOM the old
 * error is replaced by a fixed text when possible, or left NULL. */
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
    for (char *c = msg; *c; c++) {
        unsigned char u = (unsigned char)*c;
        if (u < 0x20 || u == 0x7f)
            *c = ' ';
    }
    r->error = msg;
}
