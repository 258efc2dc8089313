/* backend.h - what promboard learns about the server behind the API: its
 * kind (VictoriaMetrics is recognised from its build info or its answers,
 * and asked for fresh data), its global scrape interval from Prometheus'
 * configuration, and what its authentication errors mean. Pure functions
 * over answers already parsed. */
#ifndef PROMBOARD_BACKEND_H
#define PROMBOARD_BACKEND_H

#include <stddef.h>

#include "series.h"

typedef enum {
    BACKEND_UNKNOWN = 0,
    BACKEND_PROMETHEUS,
    BACKEND_VICTORIA, /* VictoriaMetrics, single node or cluster */
    BACKEND_THANOS,
    BACKEND_MIMIR,
} BackendKind;

/* The scrape interval assumed when the server does not tell. */
#define BACKEND_DEFAULT_SCRAPE 15.0

/* The kind of server from its /api/v1/status/buildinfo answer (parsed by
 * promjson_parse_status): Mimir names itself in "application", Thanos has
 * versions 0.x, VictoriaMetrics answers nothing or a Prometheus version
 * alone, anything else with a version is Prometheus; BACKEND_UNKNOWN for
 * a failed or unexpected answer. */
BackendKind backend_from_buildinfo(const Result *r);

/* The kind a query answer shows: BACKEND_VICTORIA when it carried a field
 * only VictoriaMetrics sends, else BACKEND_UNKNOWN. */
BackendKind backend_from_answer(const Result *r);

/* The name of a kind for messages ("VictoriaMetrics"). */
const char *backend_name(BackendKind k);

/* Adds to the parameter string *params what a server of kind k needs to
 * answer with fresh data, leaving alone those the user set:
 * VictoriaMetrics hides the newest 30 s unless asked with nocache=1 (for
 * instant queries) and latency_offset (range queries, 1.86 and later).
 * Returns 0, or -1 on OOM. */
int backend_fresh_params(BackendKind k, char **params);

/* Finds global.scrape_interval in the YAML text of Prometheus'
 * configuration (/api/v1/status/config). Returns 0 and sets *secs (> 0),
 * or -1 when it is not there (some backends answer an empty text). */
int backend_scrape_interval(const char *yaml, double *secs);

/* The scrape interval a status/config answer gives (parsed by
 * promjson_parse_status), or 0 when it gives none. */
double backend_scrape_from_config(const Result *r);

#endif
