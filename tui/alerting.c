/* alerting.c - the App's alerting sources: when to ask Prometheus and
 * Alertmanager about alerts, keeping their answers in one AlertStore (last
 * good answer plus last error, as query slots do), marking the alert panels
 * dirty when news come, the status line's badge, and the writes of the
 * alerts view: a silence made or expired, never while read-only. */
#include "alerting.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RULES_EVERY 60.0 /* seconds: rules change with a reload, rarely */

/* One feed's subscription. */
typedef struct {
    App *app;
    AlertFeed *feed;
} FeedRef;

typedef struct {
    App *app;
    AlertWriteDone done;
} WriteRef;

/* A question about a past instant: ALERTS (0) or ALERTS_FOR_STATE (1). */
typedef struct {
    App *app;
    int which;
} PastRef;

typedef struct Alerting {
    AlertStore store;
    int am_server; /* 0: no Alertmanager */
    int read_only;
    char *author;
    double due, rules_due; /* monotonic times of the next rounds */
    int detail;            /* the alerts view is open */
    int panels_only;       /* ask only for alert panels */
    FeedRef refs[5];       /* prom alerts, rules, am alerts, silences, groups */
    WriteRef write;        /* the write under way */
    int writing;
    char badge[32]; /* the badge of the store's version badge_version */
    Role badge_role;
    int badge_n;
    long badge_version; /* -1: not made yet */
    char shown[32];     /* the badge as the UI last learnt it */
    Role shown_role;
    /* at a frozen time: what Prometheus recorded then */
    PastRef prefs[2];
    Result past[2];   /* their answers, until both are in */
    int past_have[2]; /* answered (well or not) */
    double past_due;  /* monotonic time a failure is asked again */
} Alerting;

int alerting_init(App *a, int am_server, int read_only, const char *author,
                  int panels_only)
{
    Alerting *al = calloc(1, sizeof *al);
    if (!al || (author && *author && !(al->author = strdup(author)))) {
        free(al);
        return -1;
    }
    al->am_server = am_server;
    al->badge_version = -1;
    al->panels_only = panels_only;
    al->read_only = read_only;
    al->store.have_am = am_server > 0;
    al->store.am_url =
        am_server > 0 ? prom_server_url(a->prom, am_server) : NULL;
    AlertFeed *feeds[5] = {&al->store.prom_alerts, &al->store.prom_rules,
                           &al->store.am_alerts, &al->store.am_silences,
                           &al->store.am_groups};
    for (int i = 0; i < 5; i++)
        al->refs[i] = (FeedRef){a, feeds[i]};
    al->write.app = a;
    for (int i = 0; i < 2; i++)
        al->prefs[i] = (PastRef){a, i};
    a->alerting = al;
    return 0;
}

void alerting_free(App *a)
{
    Alerting *al = a->alerting;
    if (!al)
        return;
    for (int i = 0; a->prom && i < 5; i++)
        prom_forget(a->prom, &al->refs[i]);
    if (a->prom) {
        prom_forget(a->prom, &al->write);
        prom_forget(a->prom, &al->prefs[0]);
        prom_forget(a->prom, &al->prefs[1]);
    }
    result_free(&al->past[0]);
    result_free(&al->past[1]);
    alertfeed_clear(&al->store.past);
    alertfeed_clear(&al->store.prom_alerts);
    alertfeed_clear(&al->store.prom_rules);
    alertfeed_clear(&al->store.am_alerts);
    alertfeed_clear(&al->store.am_silences);
    alertfeed_clear(&al->store.am_groups);
    free(al->author);
    free(al);
    a->alerting = NULL;
}

const AlertStore *alerting_store(const App *a)
{
    return a->alerting ? &a->alerting->store : NULL;
}

/* The alert panels of the current dashboard (those reading the alerting
 * answers), marked dirty for the next frame; returns how many there are. */
static int mark_panels(App *a)
{
    DashState *ds = &a->dash[a->cur];
    int n = 0;
    for (int i = 0; i < ds->npanels; i++)
        if (panel_alert_source(ds->panels[i].conf)) {
            ds->panels[i].dirty = 1;
            n++;
        }
    if (n && a->dirty_since == 0)
        a->dirty_since = app_mono(a);
    return n;
}

/* Feed f takes an answer: err (its one-line error) or set (a counted
 * reference given to f). `used`: a panel of the dashboard shows f, whose
 * answer then counts like a query's. */
static void feed_take(App *a, AlertFeed *f, const char *err, AlertSet *set,
                      int used)
{
    f->inflight = 0;
    if (err) {
        free(f->error);
        f->error = strdup(err);
        if (used) { /* a failing alert panel counts like a failing query */
            a->failures++;
            free(a->last_error);
            a->last_error = strdup(err);
        }
    } else {
        alertset_unref(f->set);
        f->set = set;
        free(f->error);
        f->error = NULL;
        f->ok_at = app_time(a);
        if (used)
            a->answers++;
    }
    a->alerting->store.version++;
}

static void past_build(App *a);

static void on_feed(void *ud, const PromQuery *q, Result *res, double secs)
{
    (void)q;
    (void)secs;
    FeedRef *ref = ud;
    App *a = ref->app;
    AlertStore *st = &a->alerting->store;
    AlertFeed *f = ref->feed;
    /* the alerts themselves count like a query's answer when a panel of
     * the dashboard shows them (now); rules, silences and groups never */
    int used = (f == &st->prom_alerts || f == &st->am_alerts) &&
               !app_frozen(a) && mark_panels(a) > 0;
    feed_take(a, f, res->error, res->error ? NULL : alertset_ref(res->alerts),
              used);
    result_free(res);
    if (f == &st->prom_rules) /* a past instant's alerts may wait for them */
        past_build(a);
}

/* Seconds between rounds: --refresh, else the shortest refresh of an alert
 * panel of the current dashboard, at most ALERTING_EVERY. */
static double every(const App *a)
{
    if (a->refresh > 0)
        return a->refresh;
    double e = ALERTING_EVERY;
    const DashState *ds = &a->dash[a->cur];
    for (int i = 0; i < ds->npanels; i++) {
        const PanelConf *pc = ds->panels[i].conf;
        if (panel_alert_source(pc) && pc->refresh > 0 && pc->refresh < e)
            e = pc->refresh;
    }
    return e;
}

/* Submits one feed's question unless it is already on its way. */
static int ask(App *a, int ref, PromQueryType type, int server)
{
    FeedRef *r = &a->alerting->refs[ref];
    if (r->feed->inflight)
        return 0;
    PromQuery q = {.type = type, .expr = "", .server = server};
    if (prom_submit(a->prom, &q, on_feed, r) != 0)
        return 0;
    r->feed->inflight = 1;
    return 1;
}

/* An answer about a past instant: kept until the other is in. */
static void on_past(void *ud, const PromQuery *q, Result *res, double secs)
{
    (void)q;
    (void)secs;
    PastRef *ref = ud;
    Alerting *al = ref->app->alerting;
    result_free(&al->past[ref->which]);
    al->past[ref->which] = *res;
    memset(res, 0, sizeof *res);
    al->past_have[ref->which] = 1;
    past_build(ref->app);
}

/* Once both answers about the instant asked are in, and the rules their
 * annotations come from (unless none are to be had), the store's past
 * feed takes the alerts of that instant. */
static void past_build(App *a)
{
    Alerting *al = a->alerting;
    AlertFeed *f = &al->store.past;
    if (!f->inflight || !al->past_have[0] || !al->past_have[1] ||
        (al->store.prom_rules.inflight && !al->store.prom_rules.set))
        return;
    const Result *r = al->past;
    AlertSet *set = NULL;
    const char *err = r[0].error;
    if (!err && !(set = alertset_from_series(&r[0], r[1].error ? NULL : &r[1],
                                             al->store.prom_rules.set)))
        err = "out of memory";
    feed_take(a, f, err, set, app_frozen(a) && mark_panels(a) > 0);
    for (int i = 0; i < 2; i++) {
        result_free(&al->past[i]);
        al->past_have[i] = 0;
    }
}

/* At a frozen time: asks what Prometheus recorded for that instant, ALERTS
 * and ALERTS_FOR_STATE, unless asked already (a failure is asked again
 * when due, or when `force`). Returns the requests sent. */
static int ask_past(App *a, double mono, int force)
{
    Alerting *al = a->alerting;
    AlertFeed *f = &al->store.past;
    double t = app_now(a);
    int same = al->store.past_at == t;
    if (f->inflight && same)
        return 0;
    /* answered for t (a failure is asked again when due); after dropped
     * requests there is no answer */
    if (!force && same && (f->set || f->error) &&
        (!f->error || mono < al->past_due))
        return 0;
    for (int i = 0; f->inflight && i < 2; i++) /* a former instant's */
        prom_forget(a->prom, &al->prefs[i]);
    static const char *const exprs[2] = {"ALERTS", "ALERTS_FOR_STATE"};
    for (int i = 0; i < 2; i++) {
        PromQuery q = {.type = PQ_INSTANT, .expr = exprs[i], .time = t};
        al->past_have[i] = 0;
        if (prom_submit(a->prom, &q, on_past, &al->prefs[i]) != 0) {
            for (int k = 0; k < 2; k++) /* out of memory: the next round */
                prom_forget(a->prom, &al->prefs[k]);
            return 0;
        }
    }
    if (al->store.past_at != t) { /* another instant: not its alerts */
        alertset_unref(f->set);
        f->set = NULL;
        free(f->error);
        f->error = NULL;
        al->store.past_at = t;
        al->store.version++;
    }
    f->inflight = 1;
    al->past_due = a->once ? HUGE_VAL : mono + every(a);
    return 2;
}

/* 1 when an alert panel is on the current dashboard. */
static int any_panel(const App *a)
{
    const DashState *ds = &a->dash[a->cur];
    for (int i = 0; i < ds->npanels; i++)
        if (panel_alert_source(ds->panels[i].conf))
            return 1;
    return 0;
}

int alerting_schedule(App *a, int force)
{
    Alerting *al = a->alerting;
    if (!al)
        return 0;
    int panels = any_panel(a);
    if (al->panels_only && !panels)
        return 0;
    double mono = app_mono(a);
    int n = 0;
    if (!app_frozen(a) && al->store.past_at > 0) { /* back to now */
        for (int i = 0; a->prom && i < 2; i++)
            prom_forget(a->prom, &al->prefs[i]);
        alertfeed_clear(&al->store.past);
        al->store.past_at = 0;
        al->store.version++;
    }
    /* a time moved by hand is asked about even while paused */
    if (app_frozen(a) && panels &&
        (!a->paused || force || al->store.past_at != app_now(a)))
        n += ask_past(a, mono, force);
    if (a->paused && !force)
        return n;
    /* the present, but at --at only for the alerts view */
    int live = a->at == 0 || al->detail;
    if (live && (force || mono >= al->due)) {
        n += ask(a, 0, PQ_ALERTS, 0);
        if (al->am_server)
            n += ask(a, 2, PQ_AM_ALERTS, al->am_server);
        if (al->am_server && al->detail) {
            n += ask(a, 3, PQ_AM_SILENCES, al->am_server);
            n += ask(a, 4, PQ_AM_GROUPS, al->am_server);
        }
        al->due = a->once ? HUGE_VAL : mono + every(a);
    }
    if ((force || mono >= al->rules_due) && (panels || (!a->once && live))) {
        n += ask(a, 1, PQ_RULES, 0);
        al->rules_due = a->once ? HUGE_VAL : mono + RULES_EVERY;
    }
    return n;
}

void alerting_requests_dropped(App *a)
{
    Alerting *al = a->alerting;
    if (!al)
        return;
    AlertFeed *feeds[6] = {&al->store.prom_alerts, &al->store.prom_rules,
                           &al->store.am_alerts,   &al->store.am_silences,
                           &al->store.am_groups,   &al->store.past};
    for (int i = 0; i < 6; i++)
        feeds[i]->inflight = 0;
    al->due = al->rules_due = 0; /* asked again at the next round */
    if (al->writing) {
        al->writing = 0;
        if (al->write.done)
            al->write.done(a,
                           "the request was dropped before Alertmanager "
                           "answered: see whether its silences changed",
                           NULL);
    }
}

double alerting_next_due(const App *a)
{
    const Alerting *al = a->alerting;
    if (!al || a->once)
        return 3600;
    double next = al->rules_due;
    if ((a->at == 0 || al->detail) && al->due < next)
        next = al->due;
    if (app_frozen(a) && al->store.past.error && al->past_due < next)
        next = al->past_due;
    double d = next - app_mono(a);
    return d < 0 ? 0 : d > 3600 ? 3600 : d;
}

void alerting_detail(App *a, int on)
{
    Alerting *al = a->alerting;
    if (!al)
        return;
    al->detail = on;
    if (on) {
        al->due = 0; /* the next scheduler round asks everything */
        al->rules_due = 0;
    }
}

int alerting_can_write(const App *a, char *why, size_t n)
{
    const Alerting *al = a->alerting;
    const char *no = NULL;
    if (!al || !al->am_server)
        no = "no Alertmanager configured (--alertmanager URL or "
             "alertmanager: in config.yaml)";
    else if (al->read_only)
        no = "read-only: silences cannot be made or expired "
             "(--read-only or read_only: true)";
    if (no && why && n)
        snprintf(why, n, "%s", no);
    return no == NULL;
}

const char *alerting_author(const App *a)
{
    const Alerting *al = a->alerting;
    if (al && al->author)
        return al->author;
    const char *u = getenv("USER");
    return u && *u ? u : "promboard";
}

static void on_write(void *ud, const PromQuery *q, Result *res, double secs)
{
    (void)q;
    (void)secs;
    WriteRef *w = ud;
    App *a = w->app;
    a->alerting->writing = 0;
    const char *id =
        !res->error && res->alerts ? res->alerts->silence_id : NULL;
    /* what changed shows at once: ask Alertmanager again now */
    alerting_detail(a, a->alerting->detail);
    a->alerting->due = 0;
    if (w->done)
        w->done(a, res->error, id);
    result_free(res);
}

/* Sends a write of `type` with `expr`. */
static int write_submit(App *a, PromQueryType type, const char *expr,
                        AlertWriteDone done, char *why, size_t wn)
{
    Alerting *al = a->alerting;
    if (!alerting_can_write(a, why, wn))
        return -1;
    if (al->writing) {
        snprintf(why, wn, "a change to Alertmanager is still on its way");
        return -1;
    }
    PromQuery q = {.type = type, .expr = expr, .server = al->am_server};
    al->write.done = done;
    if (prom_submit(a->prom, &q, on_write, &al->write) != 0) {
        snprintf(why, wn, "out of memory");
        return -1;
    }
    al->writing = 1;
    return 0;
}

int alerting_silence(App *a, const Label *labels, int n, double secs,
                     const char *comment, AlertWriteDone done, char *why,
                     size_t wn)
{
    if (!alerting_can_write(a, why, wn))
        return -1;
    double now = app_time(a);
    char *body = alerts_silence_body(labels, n, now, now + secs,
                                     alerting_author(a), comment);
    if (!body) {
        snprintf(why, wn, "out of memory");
        return -1;
    }
    int rc = write_submit(a, PQ_AM_SILENCE_ADD, body, done, why, wn);
    free(body);
    return rc;
}

int alerting_expire(App *a, const char *id, AlertWriteDone done, char *why,
                    size_t wn)
{
    return write_submit(a, PQ_AM_SILENCE_EXPIRE, id, done, why, wn);
}

/* Makes the badge of the store as it is now, once per answer (it is read
 * at every frame). */
static void badge_make(Alerting *al)
{
    if (al->badge_version == al->store.version)
        return;
    al->badge_version = al->store.version;
    int nrows, firing = 0, best = 9;
    AlertRow *rows = alerts_rows(&al->store, ALERTS_FROM_PROM | ALERTS_FROM_AM,
                                 NULL, &nrows);
    for (int i = 0; i < nrows; i++) {
        const AlertRow *r = &rows[i];
        if (r->state != ALERT_FIRING || r->silenced || r->inhibited)
            continue;
        firing++;
        if (r->rank < best)
            best = r->rank;
    }
    free(rows);
    al->badge_n = firing;
    al->badge_role = best == 0 ? ROLE_CRIT : best == 1 ? ROLE_WARN : ROLE_VALUE;
    al->badge[0] = '\0';
    if (firing)
        snprintf(al->badge, sizeof al->badge, "%d firing", firing);
}

int alerting_badge(const App *a, char *buf, size_t n, Role *role)
{
    if (n)
        buf[0] = '\0';
    Alerting *al = a->alerting;
    if (!al || a->at > 0) /* --at: the present is not asked */
        return 0;
    badge_make(al);
    if (al->badge_n == 0)
        return 0;
    *role = al->badge_role;
    snprintf(buf, n, "%s", al->badge);
    return al->badge_n;
}

int alerting_badge_changed(App *a)
{
    Alerting *al = a->alerting;
    if (!al)
        return 0;
    char text[32];
    Role role = ROLE_DEFAULT;
    alerting_badge(a, text, sizeof text, &role);
    if (!strcmp(text, al->shown) && role == al->shown_role)
        return 0;
    snprintf(al->shown, sizeof al->shown, "%s", text);
    al->shown_role = role;
    return 1;
}

int alerting_draw_badge(const App *a, Canvas *c, int x, int y, int maxw)
{
    char text[32], pad[48];
    Role role = ROLE_DEFAULT;
    if (alerting_badge(a, text, sizeof text, &role) == 0 || maxw <= 0)
        return 0;
    snprintf(pad, sizeof pad, " %s %s ", c->ascii ? "!" : "\xe2\x97\x8f",
             text); /* ● */
    return canvas_text(c, x, y, maxw, pad, role, TA_REVERSE | TA_BOLD);
}
