/* alerts.h - what Prometheus and Alertmanager say about alerts: the alerts
 * (labels, annotations, firing or pending since when, value, silenced or
 * inhibited), the alerting rules behind them, Alertmanager's silences and
 * groups; the readers of their JSON answers; and the pure functions the
 * alert list panel, the alerts view, the status line and --once share:
 * severity, order, an alert matched to its Alertmanager twin, to its rule
 * and to the silences that cover it, and the body of a new silence. */
#ifndef PROMBOARD_ALERTS_H
#define PROMBOARD_ALERTS_H

#include <stddef.h>

#include "series.h"

typedef enum {
    ALERT_FIRING = 0,
    ALERT_PENDING,
} AlertState;

typedef struct {
    Label *labels; /* sorted by name */
    int nlabels;
    Label *annotations; /* sorted by name */
    int nannotations;
    AlertState state;
    double active_at;   /* Prometheus' activeAt (pending began) or
                           Alertmanager's startsAt; NaN: unknown */
    double ends_at;     /* Alertmanager's endsAt, NaN: none */
    char *value;        /* the value as Prometheus wrote it; NULL: none */
    int silenced;       /* Alertmanager: a silence covers it */
    int inhibited;      /* Alertmanager: another alert inhibits it */
    char **silenced_by; /* silence ids */
    int nsilenced_by;
    char **inhibited_by; /* fingerprints of the inhibiting alerts */
    int ninhibited_by;
    char *fingerprint;   /* Alertmanager's id of the alert; NULL: none */
    char *generator_url; /* where it came from; NULL: not said */
    char *receivers;     /* Alertmanager's receivers, comma-separated */
} Alert;

/* An alerting or recording rule of /api/v1/rules. */
typedef struct {
    char *group, *file;
    char *name;       /* alertname, or the recorded metric */
    char *query;      /* the expression */
    char *type;       /* "alerting" or "recording" */
    char *state;      /* alerting: "firing", "pending" or "inactive" */
    char *health;     /* "ok", "err", "unknown" */
    char *last_error; /* NULL when none */
    Label *labels;
    int nlabels;
    Label *annotations; /* as written, templates unexpanded */
    int nannotations;
    double duration;        /* `for`, seconds */
    double keep_firing_for; /* seconds */
    double eval_seconds;    /* how long its last evaluation took */
    double last_eval;       /* unix seconds, NaN: never */
    double interval;        /* its group's evaluation interval, seconds */
    int nactive;            /* alerts it has firing or pending */
} Rule;

typedef struct {
    char *name, *value;
    int regex; /* value is a regular expression (anchored) */
    int equal; /* 0: the matcher is negated (!= or !~) */
} SilenceMatcher;

typedef enum {
    SILENCE_ACTIVE = 0,
    SILENCE_PENDING,
    SILENCE_EXPIRED,
} SilenceState;

typedef struct {
    char *id;
    SilenceMatcher *matchers;
    int nmatchers;
    double starts_at, ends_at, updated_at; /* unix seconds */
    char *created_by, *comment;
    SilenceState state;
} Silence;

/* One group of /api/v2/alerts/groups: the labels the route groups by, the
 * receiver, and the fingerprints of its alerts. */
typedef struct {
    Label *labels;
    int nlabels;
    char *receiver;
    char **fingerprints;
    int nfingerprints;
} AlertGroup;

/* The alerting part of an answer (Result.alerts): only the lists of the
 * request's kind are filled. Shared by the subscribers of one request,
 * hence counted: alertset_ref() takes one more reference and
 * alertset_unref() (result_free does it) frees it with the last one. */
typedef struct AlertSet {
    Alert *alerts;
    int nalerts;
    Rule *rules;
    int nrules;
    Silence *silences;
    int nsilences;
    AlertGroup *groups;
    int ngroups;
    char *silence_id; /* the id a new silence was given */
    int refs;
} AlertSet;

AlertSet *alertset_new(void);
AlertSet *alertset_ref(AlertSet *s);
void alertset_unref(AlertSet *s);

/* ---- readers: answers into out->alerts (one-line errors as promjson) --- */

/* /api/v1/alerts: the server's firing and pending alerts. */
int alertjson_prom_alerts(const char *body, size_t len, long status,
                          Result *out);
/* /api/v1/rules: every rule of every group (recording ones too). */
int alertjson_prom_rules(const char *body, size_t len, long status,
                         Result *out);
/* Alertmanager /api/v2/alerts: its alerts, with silenced and inhibited. */
int alertjson_am_alerts(const char *body, size_t len, long status, Result *out);
/* Alertmanager /api/v2/alerts/groups. */
int alertjson_am_groups(const char *body, size_t len, long status, Result *out);
/* Alertmanager /api/v2/silences. */
int alertjson_am_silences(const char *body, size_t len, long status,
                          Result *out);
/* Alertmanager's answer to a new silence ({"silenceID": ...}, into
 * out->alerts->silence_id) or to expiring one (an empty 200). Its errors
 * ({"code":..,"message":..}, a JSON string, plain text) become the one-line
 * error with the HTTP status. */
int alertjson_am_write(const char *body, size_t len, long status, Result *out);

/* The alerts Prometheus recorded for an instant: its ALERTS series (one
 * per alert; alertstate firing or pending) and ALERTS_FOR_STATE series
 * (the unix time each became active, as the value; may be NULL), into a
 * new set. Each alert takes the annotations of its rule (rules may be
 * NULL) that need no more than its labels ({{ $labels.name }} expanded);
 * those that need its value are left out, the value being unknown then.
 * Returns NULL on OOM. */
AlertSet *alertset_from_series(const Result *alerts, const Result *for_state,
                               const AlertSet *rules);

/* ---- what the panel, the view and the status line share ---------------- */

/* Severity rank of a severity label's value: 0 critical (critical, high,
 * blocker, page, error, P0, P1), 1 warning (warning, warn, medium, major,
 * P2), 2 info (info, low, minor, none, P3), 3 anything else or NULL. */
int alert_severity_rank(const char *severity);

/* Value of label / annotation `name` of a, or NULL. */
const char *alert_label(const Alert *a, const char *name);
const char *alert_annotation(const Alert *a, const char *name);

/* The runbook of a: annotation runbook_url, else runbook; NULL: none. */
const char *alert_runbook(const Alert *a);

/* 1 when silence s matches a's labels (every matcher holds), else 0. */
int silence_matches(const Silence *s, const Alert *a);

/* Where one alert's news come from. */
enum {
    ALERTS_FROM_PROM = 1, /* Prometheus' alerts (firing and pending) */
    ALERTS_FROM_AM = 2,   /* Alertmanager's alerts */
    ALERTS_FROM_PAST = 4, /* Prometheus' record of a past instant, alone */
};

/* The latest answer of one alerting source, as the App keeps it. */
typedef struct {
    AlertSet *set; /* last good answer (counted reference), NULL: none */
    char *error;   /* last failure, NULL when the last request succeeded */
    double ok_at;  /* wall time of the last good answer, 0: never */
    int inflight;
} AlertFeed;

/* Every alerting answer the App has: Prometheus' alerts and rules, and
 * Alertmanager's alerts, groups and silences when one is configured. */
typedef struct AlertStore {
    AlertFeed prom_alerts, prom_rules;
    AlertFeed am_alerts, am_groups, am_silences;
    AlertFeed past;     /* the alerts Prometheus recorded at past_at */
    double past_at;     /* unix time past describes, 0: none asked */
    int have_am;        /* an Alertmanager is configured */
    const char *am_url; /* its URL for messages, or NULL */
    long version;       /* grows with every answer */
} AlertStore;

/* The feed source `from` (one ALERTS_FROM_*) reads its alerts from; NULL
 * when st is NULL or it is Alertmanager and none is configured. */
const AlertFeed *alerts_feed(const AlertStore *st, int from);

/* One alert as shown: Prometheus' and Alertmanager's view of it joined. */
typedef struct {
    const Alert *prom; /* NULL: only Alertmanager has it */
    const Alert *am;   /* NULL: Alertmanager has not got it */
    const Alert *a;    /* the one shown: prom when present, else am */
    const Rule *rule;  /* its alerting rule, NULL: not known */
    AlertState state;
    int silenced, inhibited;
    int rank;         /* alert_severity_rank of its severity label */
    double since;     /* firing: when it started firing (NaN: not known);
                         pending: when it became active */
    const char *name; /* alertname, "" when absent */
} AlertRow;

/* The alerts of the sources in `from` (ALERTS_FROM_*), each once: an
 * Alertmanager alert whose labels hold all of a Prometheus alert's labels
 * is the same alert. ALERTS_FROM_PAST gives the alerts of st->past alone
 * (Alertmanager knows only the present). Sorted: not suppressed first, then by
 * rank, firing before pending, longest-running first, then by name and labels.
 * Severity comes from label `severity_label` (NULL: "severity"). Returns a
 * malloc'd array (*n rows; NULL with *n == 0 when there is none or on OOM). */
AlertRow *alerts_rows(const AlertStore *st, int from,
                      const char *severity_label, int *n);

/* The silences of st that are active and match row r's alert, into
 * out[0..max); returns how many there are (may exceed max). */
int alerts_row_silences(const AlertStore *st, const AlertRow *r,
                        const Silence **out, int max);

/* The body of a new silence for POST /api/v2/silences: one equality
 * matcher per label of `labels` (n of them), from `start` to `end` (unix
 * seconds), by `author` with `comment`. Returns a malloc'd JSON text, or
 * NULL on OOM. */
char *alerts_silence_body(const Label *labels, int n, double start, double end,
                          const char *author, const char *comment);

/* Frees what a feed holds and zeroes it. */
void alertfeed_clear(AlertFeed *f);

#endif
