/* prom.h - Prometheus HTTP API client over one curl multi handle.
 * Nothing here blocks: prom_submit() queues, prom_wait() sleeps until the
 * network or an extra fd (the keyboard) is ready, prom_progress() drains
 * finished transfers and calls their callbacks. */
#ifndef PROMBOARD_PROM_H
#define PROMBOARD_PROM_H

#include <stddef.h>

#include "series.h"

typedef enum {
    PQ_INSTANT = 0,       /* /api/v1/query?query=&time= */
    PQ_RANGE,             /* /api/v1/query_range?query=&start=&end=&step= */
    PQ_ALERTS,            /* /api/v1/alerts: Result.alerts (alerts.h) */
    PQ_NAMES,             /* GET /api/v1/<expr>, expr from prom_names_path():
                             label names or values, one Series per string with
                             the label "__string__"; see promjson_parse_strings() */
    PQ_RULES,             /* /api/v1/rules: Result.alerts->rules */
    PQ_AM_ALERTS,         /* Alertmanager GET /api/v2/alerts: Result.alerts */
    PQ_AM_GROUPS,         /* Alertmanager GET /api/v2/alerts/groups */
    PQ_AM_SILENCES,       /* Alertmanager GET /api/v2/silences */
    PQ_AM_SILENCE_ADD,    /* Alertmanager POST /api/v2/silences, expr: the
                             JSON body; Result.alerts->silence_id */
    PQ_AM_SILENCE_EXPIRE, /* Alertmanager DELETE /api/v2/silence/<expr> */
    PQ_STATUS,            /* GET /api/v1/status/<expr> ("config",
                             "buildinfo"): one Series labelled with the
                             answer's data; see promjson_parse_status() */
} PromQueryType;

typedef struct {
    PromQueryType type;
    const char *expr; /* PromQL exactly as sent (after $variable expansion) */
    double time;      /* PQ_INSTANT */
    double start, end, step; /* PQ_RANGE */
    int server;              /* 0: the client's own server, else the number
                                prom_add_server() gave */
} PromQuery;

/* How the client proves who it is and whom it trusts; every string is
 * copied by prom_new(). NULL/0 fields are unused. Secrets are never put
 * into a message. */
typedef struct {
    const char *username; /* basic auth when set (overrides URL userinfo) */
    const char *password;
    const char *auth_type;      /* "Authorization: <type> <credentials>"; */
    const char *credentials;    /*   type NULL means "Bearer" */
    const char *const *headers; /* extra "Name: value" lines */
    int nheaders;
    const char *ca_file;     /* PEM bundle to verify the server with */
    const char *cert_file;   /* client certificate (PEM) ... */
    const char *key_file;    /* ... and its key */
    const char *server_name; /* name to expect in the server certificate */
    int insecure;            /* do not verify the server certificate */
    const char *hint;        /* what to check after a 401/403, e.g. "check
                                basic_auth in FILE"; NULL: a generic hint */
} PromAuth;

/* Whether answers are asked for compressed (Accept-Encoding: gzip,
 * deflate...): inflating costs CPU that only a slow link repays. */
typedef enum {
    PROM_COMPRESS_AUTO = 0, /* yes, unless the server is on this machine */
    PROM_COMPRESS_ON,
    PROM_COMPRESS_OFF,
} PromCompression;

typedef struct {
    const char *url;         /* base URL, e.g. http://localhost:9090 */
    long timeout_ms;         /* whole transfer; 0 means 10000 */
    long connect_timeout_ms; /* 0 means 3000 */
    size_t max_body_bytes;   /* 0 means 64 MiB */
    int max_in_flight;       /* 0 means 8; more wait in a queue */
    const PromAuth *auth;    /* NULL: none */
    PromCompression compression;
    int keep_series; /* series kept of a query's answer, read as it
                        arrives; the others only counted (Result.dropped).
                        0: all */
} PromOptions;

/* What the client did since it was made. */
typedef struct {
    long transfers;    /* requests sent (identical ones shared count once) */
    long connections;  /* new TCP connections opened for them */
    double wire_bytes; /* bytes received: headers and (maybe compressed)
                          bodies */
    double body_bytes; /* bodies as decoded */
    int compressed;    /* answers are asked for compressed */
} PromStats;

typedef struct Prom Prom;

/* Called once per subscriber when its query finishes. The contents of *res
 * are owned by the callee: it must result_free(res) or keep them by copying
 * the struct (`keep = *res`); the pointers res and q themselves are valid
 * only during the call. `seconds` is how long the transfer took. A callback
 * may call prom_submit() and prom_cancel_all(), not prom_free(). */
typedef void (*PromCallback)(void *ud, const PromQuery *q, Result *res,
                             double seconds);

/* Creates a client. On a bad URL returns NULL and sets *err to a malloc'd
 * one-line message (caller frees). */
Prom *prom_new(const PromOptions *opt, char **err);
void prom_free(Prom *p);

/* Frees a string that may hold a secret (NULL is fine), overwriting it
 * first. */
void prom_secret_free(char *s);

/* The "user:password@" part of url (with or without a scheme; the last '@'
 * before the path counts): returns where it starts and sets *n to its
 * length, '@' included; NULL when the URL has none. */
const char *prom_url_userinfo(const char *url, size_t *n);

/* Queues `q`. An identical query already queued or in flight gets this
 * callback added instead of a second request. Returns 0, or -1 on OOM. */
int prom_submit(Prom *p, const PromQuery *q, PromCallback cb, void *ud);

/* Number of requests queued or in flight. */
int prom_pending(const Prom *p);

/* Waits up to timeout_ms (negative: no limit) for network activity or for
 * `fd` (-1: none; more fds: see prom_wait_fds) to become readable (or hung
 * up). Returns 1 when fd is readable, 0 otherwise (also when a signal
 * interrupted the wait), -1 on error. Call prom_progress() after it.
 * prom_wait_fds() does the same for nfds fds (entries < 0 ignored), sets
 * ready[i] to 1 or 0 for each (ready may be NULL) and returns how many are
 * readable, or -1 on error. With nothing in flight it only polls the fds. */
int prom_wait(Prom *p, int fd, int timeout_ms);
int prom_wait_fds(Prom *p, const int *fds, int nfds, int *ready,
                  int timeout_ms);

/* Drives transfers and calls the callbacks of finished ones. Returns the
 * number of callbacks called. */
int prom_progress(Prom *p);

/* Cancels every queued and in-flight request; their callbacks are not
 * called. */
void prom_cancel_all(Prom *p);

/* Ends every queued and in-flight request now, for a caller whose own
 * deadline has passed (--once, --check): at the next prom_progress() their
 * callbacks get the error "no answer from URL within `seconds` s". */
void prom_expire(Prom *p, double seconds);

/* Removes every subscription whose user data is `ud` from the queued and
 * in-flight requests: their callbacks will not be called for it (the
 * transfer itself goes on when others wait for it). For a caller about to
 * free what `ud` points to. */
void prom_forget(Prom *p, const void *ud);

/* The expr of a PQ_NAMES query: "labels?..." (label NULL: label names) or
 * "label/<label>/values?..." (its values), with match[]=`match` when match
 * is not empty and start/end when end > 0, everything URL-escaped. Returns
 * a malloc'd string, or NULL on OOM. */
char *prom_names_path(const char *label, const char *match, double start,
                      double end);

/* Copies the client's counts into *st. */
void prom_stats(const Prom *p, PromStats *st);

/* Base URL as given, without credentials (for messages). */
const char *prom_url(const Prom *p);

/* Adds another server to p (an Alertmanager): its own URL, timeouts and
 * auth from `opt` (max_in_flight is p's), its requests sharing p's queue,
 * connections and callbacks. Returns its number (>= 1) for
 * PromQuery.server, or -1 with *err set to a malloc'd one-line message. */
int prom_add_server(Prom *p, const PromOptions *opt, char **err);

/* The base URL of server `server` (0: p's own), without credentials; ""
 * when there is no such server. */
const char *prom_server_url(const Prom *p, int server);

/* Sets the query parameters of server `server` (0: p's own) added to every
 * later query, query_range and label request (not to status requests):
 * `params` is "name=value&..." with names and values URL-escaped (see
 * prom_params_add), NULL or "" for none. Returns 0, or -1 on OOM or no
 * such server (the old ones stay). */
int prom_set_params(Prom *p, int server, const char *params);

/* The query parameters of server `server` ("" when none). */
const char *prom_params(const Prom *p, int server);

/* Appends name=value, both URL-escaped, to the malloc'd parameter string
 * *params ("a=b&c=d"; *params may be NULL), unless `name` is already in
 * it and `replace` is 0. Returns 0, or -1 on OOM. */
int prom_params_add(char **params, const char *name, const char *value,
                    int replace);

#endif
