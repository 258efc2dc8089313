/* families.h - which metric families a server has: asked once per connection
 * (GET /api/v1/label/__name__/values) in the background, kept sorted and
 * looked up by name; and the metric names a PromQL expression selects. A
 * panel may say "all clear" only when its metrics are known to exist; a
 * dashboard can be picked by whether its metrics are there. */
#ifndef PROMBOARD_FAMILIES_H
#define PROMBOARD_FAMILIES_H

#include <stddef.h>

#include "prom.h"

typedef enum {
    FAMILIES_UNKNOWN = 0, /* not asked yet (or the connection was lost) */
    FAMILIES_ASKING,      /* a request is on its way */
    FAMILIES_KNOWN,       /* the list is in */
    FAMILIES_FAILED,      /* the server did not answer it; asked again later */
} FamiliesState;

typedef struct Families Families;

/* A cache of the metric names of the server behind p (which must outlive
 * it). Returns NULL on OOM. */
Families *families_new(Prom *p);
/* Frees m; an answer still on its way is dropped. NULL is fine. */
void families_free(Families *m);

/* Asks the server for its metric names unless they are known, asked, or
 * failed less than 30 s before `now` (wall clock seconds). Never blocks:
 * the answer arrives through prom_progress(). Returns 1 when it asked. */
int families_ask(Families *m, double now);

/* Forgets the list (the server went away and may come back another): the
 * next families_ask() asks again. */
void families_reset(Families *m);

FamiliesState families_state(const Families *m);

/* Count of names known (0 unless FAMILIES_KNOWN). */
int families_count(const Families *m);

/* 1 when the server has metric `name`, 0 when it has not, -1 when that is
 * not known (yet). ALERTS and ALERTS_FOR_STATE count as present: the
 * server makes them up from its rules. m may be NULL (-1). */
int families_has(const Families *m, const char *name);

#define FAMILIES_MAX_LEN 128 /* longest metric name kept from an expression */

/* The metric names `expr` selects (bare selectors and {__name__="..."}),
 * each once, in order, into out (at most max; longer names are skipped):
 * not functions, aggregations, keywords, label names, strings or
 * durations. Returns the count. */
int families_in_expr(const char *expr, char (*out)[FAMILIES_MAX_LEN], int max);

#endif
