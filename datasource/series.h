/* series.h - the data model a Prometheus answer becomes: labelled series of
 * (time, value) points, plus the server's error and warnings. */
#ifndef PROMBOARD_SERIES_H
#define PROMBOARD_SERIES_H

#include <stddef.h>

typedef struct {
    double t; /* unix seconds */
    double v; /* may be NaN or +/-Inf */
} Point;

typedef struct {
    char *name;
    char *value;
} Label;

/* One bucket of a native histogram, as the server sends it. */
typedef enum {
    HB_OPEN_LEFT = 0,  /* (lower, upper]: positive buckets */
    HB_OPEN_RIGHT = 1, /* [lower, upper): negative buckets */
    HB_OPEN_BOTH = 2,  /* (lower, upper) */
    HB_CLOSED = 3,     /* [lower, upper]: the zero bucket */
} HistBoundary;

typedef struct {
    HistBoundary boundary;
    double lower, upper;
    double count; /* observations in this bucket, not cumulative */
} HistBucket;

/* A native histogram sample (Prometheus 2.40 and later). */
typedef struct {
    double t;     /* unix seconds */
    double count; /* all observations (NaN ones included) */
    double sum;
    HistBucket *buckets; /* ascending by upper bound, as sent */
    int nbuckets;
} HistPoint;

typedef struct {
    Label
        *labels; /* as the server sent them (__name__ included when present) */
    int nlabels;
    Point *points; /* matrix: every point in time order; vector/scalar: one */
    int npoints;
    HistPoint *hists; /* native histogram samples, in time order: a vector
                         sample has one instead of a point; a matrix series
                         may have both when it changed type */
    int nhists;
} Series;

typedef enum {
    RESULT_NONE = 0, /* no answer yet, or the request failed */
    RESULT_VECTOR,
    RESULT_MATRIX,
    RESULT_SCALAR,
    RESULT_STRING,
} ResultType;

struct AlertSet; /* alerts.h */

typedef struct {
    ResultType type;
    Series *series;
    int nseries;
    char *error;     /* NULL on success; else one line: the server's own error
                        text ("bad_data: ...") or the transport failure */
    char **warnings; /* the server's warnings (partial data), may be empty */
    int nwarnings;
    char **infos; /* the server's info annotations (Prometheus 3), may be
                     empty */
    int ninfos;
    long http_status;        /* 0 when no HTTP answer arrived */
    int dropped;             /* series of the answer not kept (result_keep) */
    struct AlertSet *alerts; /* alerts, rules, silences, groups: the answers
                                of the alerting APIs (alerts.h); counted */
    int vm_fields;           /* the answer had a field only VictoriaMetrics
                                sends (isPartial, stats.seriesFetched) */
} Result;

/* Returns the value of label `name` of `s`, or NULL when absent. */
const char *series_label(const Series *s, const char *name);

/* Returns the last point's value of `s`, or NaN when it has no points or
 * its newest sample is a native histogram (its floats are then old). */
double series_last(const Series *s);

/* 1 when the newest sample of `s` is a native histogram, else 0. */
int series_is_histogram(const Series *s);

/* Frees the label, point and histogram arrays of `s` and zeroes it. */
void series_free(Series *s);

/* Returns the smallest positive distance in seconds between two
 * consecutive points of `s` (its step), or 0 when it has fewer than two
 * distinct times. */
double series_step(const Series *s);

/* Returns the value of the point of `s` at time `t` (within 1e-6 s), or 0
 * when it has none there or its value is not finite: callers add it up
 * (stacking, de-accumulating buckets), where a missing point counts as 0.
 * The points must be in time order. */
double series_value_at(const Series *s, double t);

/* Frees everything `r` owns and zeroes it; safe on a zeroed Result. */
void result_free(Result *r);

/* Keeps the first `max` series of r and frees the others, counting them in
 * r->dropped. Returns the number freed. */
int result_keep(Result *r, int max);

/* 1 when a and b answer alike: same type, warnings, infos and series
 * (labels in order, every point's value bit for bit, and its time too
 * except in a vector or scalar, whose time is only the evaluation time). */
int result_same(const Result *a, const Result *b);

/* Sets r->error to a copy of the formatted message (replacing any old one). */
void result_set_error(Result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
