/* app.c - the App and its refresh: dashboards and their query slots, the
 * clocks and the time window, the scheduler that sends only due queries
 * whose window moved (each sized to what its panel can draw), and the
 * answers coming back into panels, marking them dirty. */
#include "app.h"

#include <math.h>
#include <stdarg.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../datasource/query.h"
#include "../panels/format.h"

/* A frame waits this long for the rest of a refresh's answers. */
#define FRAME_HOLD 0.3

/* Points in an answer past which freed memory goes back to the system. */
#define APP_TRIM_POINTS 100000

static double clock_read(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double app_wall(void)
{
    return clock_read(CLOCK_REALTIME);
}

static double sys_mono(void *ctx)
{
    (void)ctx;
    return clock_read(CLOCK_MONOTONIC);
}

static double sys_wall(void *ctx)
{
    (void)ctx;
    return clock_read(CLOCK_REALTIME);
}

double app_mono(const App *a)
{
    return a->clock.mono(a->clock.ctx);
}

double app_time(const App *a)
{
    return a->clock.wall(a->clock.ctx);
}

double app_live_now(const App *a)
{
    return a->at > 0 ? a->at : floor(app_time(a));
}

double app_now(const App *a)
{
    return a->view_end > 0 ? a->view_end : app_live_now(a);
}

int app_frozen(const App *a)
{
    return a->at > 0 || a->view_end > 0;
}

double app_range(const App *a, int i)
{
    return a->view_range > 0 ? a->view_range : app_base_range(a, i);
}

double app_base_range(const App *a, int i)
{
    if (a->range > 0 || a->range_anchor != RANGE_FIXED)
        return layout_range_seconds(a->range_anchor, a->range, app_now(a));
    const Dashboard *d = a->dash[i].d;
    return layout_range_seconds(d->range_anchor, d->range, app_now(a));
}

double app_scrape(const App *a, int i, int src)
{
    const Dashboard *d = a->dash[i].d;
    const Datasource *sv =
        src >= 0 && src < a->nsources ? &a->sources[src] : &a->sources[0];
    if (a->scrape > 0)
        return a->scrape;
    if (d->scrape > 0)
        return d->scrape;
    if (sv->conf_scrape > 0)
        return sv->conf_scrape;
    if (sv->scrape > 0)
        return sv->scrape;
    return BACKEND_DEFAULT_SCRAPE;
}

void app_panel_window(const App *a, int di, const Panel *p, double *end,
                      double *range)
{
    const PanelConf *pc = p->conf;
    if (pc->own_range) {
        double live = app_live_now(a);
        *range = layout_range_seconds(pc->range_anchor, pc->range, live);
        *end = live - pc->time_shift;
    } else {
        *range = app_range(a, di);
        *end = app_now(a) - pc->time_shift;
    }
}

/* The anchor of dashboard i's window as drawn: --range's, else its own;
 * fixed once the window was moved. */
static int dash_anchor(const App *a, int i)
{
    if (a->view_end > 0 || a->view_range > 0)
        return RANGE_FIXED;
    return a->range > 0 || a->range_anchor ? a->range_anchor
                                           : a->dash[i].d->range_anchor;
}

int app_panel_anchor(const App *a, int di, const Panel *p)
{
    return p->conf->own_range ? p->conf->range_anchor : dash_anchor(a, di);
}

void app_window_words(const App *a, int di, const Panel *p, char *buf, size_t n)
{
    double end, range;
    app_panel_window(a, di, p, &end, &range);
    int anchor = app_panel_anchor(a, di, p);
    int at_now = fabs(end - app_live_now(a)) < 1;
    char d[32];
    if (at_now && anchor == RANGE_MTD) { /* the month is counted in UTC */
        time_t t = (time_t)(end - range);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(d, sizeof d, "%b %-d", &tm);
        snprintf(buf, n, "%s - now", d);
    } else if (at_now && anchor == RANGE_TODAY) {
        snprintf(buf, n, "today");
    } else if (at_now) {
        snprintf(buf, n, "last %s", format_duration(range, -1, d, sizeof d));
    } else {
        char t0[32], t1[32];
        format_time(end - range, "%b %-d %H:%M", t0, sizeof t0);
        format_time(end, "%b %-d %H:%M", t1, sizeof t1);
        snprintf(buf, n, "%s - %s", t0, t1);
    }
}

int app_panel_window_text(const App *a, int di, const Panel *p, char *buf,
                          size_t n)
{
    const PanelConf *pc = p->conf;
    double end, range;
    app_panel_window(a, di, p, &end, &range);
    buf[0] = 0;
    if (fabs(end - app_now(a)) < 1 && fabs(range - app_range(a, di)) < 1)
        return 0; /* the dashboard's own window */
    char rng[48] = "", shift[48] = "";
    if (pc->own_range && pc->range_anchor == RANGE_MTD)
        snprintf(rng, sizeof rng, "month to date");
    else if (pc->own_range && pc->range_anchor == RANGE_TODAY)
        snprintf(rng, sizeof rng, "today");
    else {
        char d[32];
        snprintf(rng, sizeof rng, "last %s",
                 format_duration(range, -1, d, sizeof d));
    }
    if (pc->time_shift > 0) {
        char d[32];
        snprintf(shift, sizeof shift, ", %s earlier",
                 format_duration(pc->time_shift, -1, d, sizeof d));
    }
    snprintf(buf, n, "%s%s", rng, shift);
    return 1;
}

static void server_params(Datasource *sv);

/* The index of the datasource called `name` (NULL or "default": the main
 * server), or -1. */
static int source_index(const App *a, const char *name)
{
    if (!name || !strcmp(name, LAYOUT_MAIN_SOURCE))
        return 0;
    for (int k = 1; k < a->nsources; k++)
        if (a->sources[k].name && !strcmp(a->sources[k].name, name))
            return k;
    return -1;
}

int app_query_source(const App *a, const Dashboard *d, const PanelConf *pc,
                     int qi)
{
    const char *name = pc && qi >= 0 ? pc->queries[qi].source.name : NULL;
    if (!name && pc)
        name = pc->source.name;
    if (!name)
        name = d->source.name;
    return source_index(a, name);
}

/* The datasource of query qi of panel pi of dashboard di, the main server
 * for an unknown name (app_check_sources reports those). */
static int slot_source(const App *a, int di, int pi, int qi)
{
    const DashState *ds = &a->dash[di];
    int k = app_query_source(a, ds->d, ds->panels[pi].conf, qi);
    return k < 0 ? 0 : k;
}

int app_source_set(App *a, const char *name, int server, const char *params,
                   double scrape)
{
    int k = 0;
    if (name) {
        Datasource *ns =
            realloc(a->sources, sizeof *ns * ((size_t)a->nsources + 1));
        if (!ns)
            return -1;
        a->sources = ns;
        k = a->nsources;
        a->sources[k] = (Datasource){.app = a, .prom = a->prom};
        if (!(a->sources[k].name = strdup(name)))
            return -1;
        a->nsources++;
    }
    Datasource *sv = &a->sources[k];
    sv->server = server;
    sv->conf_scrape = scrape;
    free(sv->params);
    sv->params = params && *params ? strdup(params) : NULL;
    if (params && *params && !sv->params)
        return -1;
    for (int i = 0; i < a->nsources; i++) /* they moved: their back links */
        a->sources[i].app = a;
    server_params(sv);
    return k;
}

/* Refresh interval of panel p of dashboard d. */
static double panel_refresh(const App *a, const Dashboard *d, const Panel *p)
{
    if (a->refresh > 0)
        return a->refresh;
    if (p->conf->refresh > 0)
        return p->conf->refresh;
    return d->refresh;
}

/* Frees ds's panels and what points at them; answers still awaited for
 * them are dropped. */
static void dash_panels_done(App *a, DashState *ds)
{
    for (int k = 0; a->prom && k < ds->nrefs; k++)
        prom_forget(a->prom, &ds->refs[k]);
    for (int k = 0; ds->panels && k < ds->npanels; k++)
        panel_done(&ds->panels[k]);
    free(ds->panels);
    free(ds->rects);
    free(ds->folded);
    free(ds->refs);
    ds->panels = NULL;
    ds->rects = NULL;
    ds->folded = NULL;
    ds->refs = NULL;
    ds->npanels = ds->nrefs = 0;
}

/* Sets up ds's panels for its dashboard's. Returns 0, or -1 on OOM. */
static int dash_panels_init(App *a, DashState *ds)
{
    Dashboard *d = ds->d;
    ds->npanels = layout_panel_count(d);
    ds->panels = calloc((size_t)ds->npanels + 1, sizeof *ds->panels);
    ds->rects = calloc((size_t)ds->npanels + 1, sizeof *ds->rects);
    ds->folded = calloc((size_t)ds->npanels + 1, 1);
    int nq = 0;
    for (int k = 0; k < ds->npanels; k++)
        nq += d->panels[k]->nqueries;
    ds->refs = calloc((size_t)nq * 2 + 1, sizeof *ds->refs);
    if (!ds->panels || !ds->rects || !ds->refs || !ds->folded)
        return -1;
    layout_collapsed(d, ds->folded);
    for (int pi = 0; pi < ds->npanels; pi++) {
        const PanelConf *pc = d->panels[pi];
        Panel *p = &ds->panels[pi];
        if (panel_init(p, pc) < 0)
            return -1;
        /* the metric names known are the main server's: a panel asking
         * another datasource is not checked against them */
        p->families = a->families;
        for (int q = 0; q < pc->nqueries; q++)
            if (app_query_source(a, d, pc, q) != 0)
                p->families = NULL;
        for (int q = 0; q < pc->nqueries; q++) {
            QueryState *st[2] = {&p->qs[q].inst, &p->qs[q].range};
            for (int k2 = 0; k2 < 2; k2++) {
                SlotRef *ref = &ds->refs[ds->nrefs++];
                *ref = (SlotRef){a, p, st[k2]};
                st[k2]->sub = ref;
            }
        }
    }
    return 0;
}

/* Sets up a->dash[i] for dashboard d (ownership passes). Returns 0, or -1
 * on OOM (what was made is freed by dash_state_done). */
static int dash_state_init(App *a, int i, Dashboard *d)
{
    DashState *ds = &a->dash[i];
    memset(ds, 0, sizeof *ds);
    ds->d = d;
    ds->var_refs = calloc((size_t)d->nvars + 1, sizeof *ds->var_refs);
    ds->var_state = calloc((size_t)d->nvars + 1, 1);
    if (!ds->var_refs || !ds->var_state)
        return -1;
    for (int v = 0; v < d->nvars; v++) {
        ds->var_refs[v] = (VarRef){a, d, v};
        ds->var_state[v] = d->vars[v].qtype != VQ_NONE ? VAR_TODO : VAR_DONE;
    }
    /* repeats over the values known from the start */
    if (layout_repeat(d) < 0)
        return -1;
    return dash_panels_init(a, ds);
}

/* After the variables of dashboard di changed: when its repeats make other
 * copies now, its panels are made again (and asked when due). */
static void dash_repeat(App *a, int di)
{
    DashState *ds = &a->dash[di];
    int r = layout_repeat(ds->d);
    if (r <= 0)
        return;
    dash_panels_done(a, ds);
    if (dash_panels_init(a, ds) < 0) {
        dash_panels_done(a, ds); /* out of memory: an empty dashboard */
        ds->npanels = 0;
    }
    if (di == a->cur && a->focus >= ds->npanels) {
        a->focus = -1;
        a->zoom = 0;
    }
    if (a->w > 0)
        app_layout(a, a->w, a->h);
}

/* Frees what ds holds; answers still awaited for it are dropped. */
static void dash_state_done(App *a, DashState *ds)
{
    for (int k = 0; a->prom && ds->var_refs && k < ds->d->nvars; k++)
        prom_forget(a->prom, &ds->var_refs[k]);
    dash_panels_done(a, ds);
    free(ds->var_refs);
    free(ds->var_state);
    layout_free(ds->d);
    memset(ds, 0, sizeof *ds);
}

int app_init(App *a, Dashboard **d, int n, Prom *p)
{
    memset(a, 0, sizeof *a);
    a->prom = p;
    a->clock = (AppClock){sys_mono, sys_wall, NULL};
    a->focus = -1;
    a->mouse = 1;
    a->dash = calloc((size_t)n, sizeof *a->dash);
    a->tab_x = calloc((size_t)n + 1, sizeof *a->tab_x);
    a->sources = calloc(1, sizeof *a->sources);
    a->families = families_new(p);
    if (!a->dash || !a->tab_x || !a->sources || !a->families)
        return -1;
    a->nsources = 1;
    a->sources[0] = (Datasource){.app = a, .prom = p};
    a->ndash = n;
    for (int i = 0; i < n; i++)
        if (dash_state_init(a, i, d[i]) < 0)
            return -1;
    return 0;
}

/* Seconds panels wait for the server's own answers about itself before
 * they ask with what is assumed. */
#define SERVER_WAIT 2.0

static void mark_dirty(App *a, Panel *p);

/* families_has for coverage_count. */
static int has_name(const void *m, const char *name)
{
    return families_has(m, name);
}

/* The server's metric names just came in: every tab is counted against
 * them, and when no dashboard was asked for and nobody has pressed a key,
 * the first one with data is opened. */
static void names_known(App *a)
{
    a->counted = 1;
    for (int i = 0; i < a->ndash; i++)
        coverage_count(a, i, has_name, a->families, &a->dash[i].cover);
    if (a->ndash > 0 && a->dash[a->cur].npanels > 0) /* a frame: the tabs */
        mark_dirty(a, &a->dash[a->cur].panels[0]);
    if (a->pick) {
        int i = coverage_pick(a, a->cur);
        a->pick = 0;
        if (i != a->cur)
            app_switch(a, i);
    }
}

/* While a->pick, the panels wait for the server's metric names to know
 * which dashboard to open: for the answer with --once, else at most
 * SERVER_WAIT (a later answer still opens it until a key is pressed).
 * Returns 1 while they wait. */
static int pick_wait(App *a, double mono)
{
    if (!a->pick)
        return 0;
    if (a->pick_since == 0)
        a->pick_since = mono;
    FamiliesState st = families_state(a->families);
    if (st == FAMILIES_FAILED) {
        a->pick = 0; /* nothing to pick by */
        return 0;
    }
    return st != FAMILIES_KNOWN &&
           (a->once || mono - a->pick_since < SERVER_WAIT);
}

int app_put_dashboard(App *a, Dashboard *d, int replace)
{
    int i = replace;
    if (i < 0 || i >= a->ndash) {
        DashState *nd = realloc(a->dash, sizeof *nd * ((size_t)a->ndash + 1));
        if (!nd) {
            layout_free(d);
            return -1;
        }
        a->dash = nd;
        int *tx = realloc(a->tab_x, sizeof *tx * ((size_t)a->ndash + 2));
        if (!tx) {
            layout_free(d);
            return -1;
        }
        a->tab_x = tx;
        i = a->ndash++;
    } else {
        dash_state_done(a, &a->dash[i]);
    }
    if (dash_state_init(a, i, d) < 0) {
        /* drop the tab: later ones move down; their subscriptions point
         * at panels and dashboards, not at tab numbers */
        dash_state_done(a, &a->dash[i]);
        memmove(&a->dash[i], &a->dash[i + 1],
                sizeof *a->dash * (size_t)(a->ndash - i - 1));
        a->ndash--;
        if (a->cur >= a->ndash)
            a->cur = a->ndash > 0 ? a->ndash - 1 : 0;
        return -1;
    }
    if (families_state(a->families) == FAMILIES_KNOWN)
        coverage_count(a, i, has_name, a->families, &a->dash[i].cover);
    return i;
}

void app_remove_dashboard(App *a, int i)
{
    if (i < 0 || i >= a->ndash || a->ndash <= 1)
        return;
    dash_state_done(a, &a->dash[i]);
    memmove(&a->dash[i], &a->dash[i + 1],
            sizeof *a->dash * (size_t)(a->ndash - i - 1));
    a->ndash--;
    if (a->cur > i || a->cur >= a->ndash)
        a->cur = a->cur > 0 ? a->cur - 1 : 0;
}

void app_done(App *a)
{
    if (a->prom)
        prom_cancel_all(a->prom);
    for (int i = 0; i < a->ndash; i++)
        dash_state_done(a, &a->dash[i]);
    free(a->dash);
    free(a->tab_x);
    families_free(a->families);
    for (int i = 0; i < a->nsources; i++) {
        free(a->sources[i].params);
        free(a->sources[i].name);
    }
    free(a->sources);
    free(a->last_error);
    free(a->problems);
    prompt_free(&a->prompt);
    memset(a, 0, sizeof *a);
}

/* The dashboard area of a w x h frame: between the tab bar and the status
 * line (in kiosk mode: everything under the title line). */
static Rect app_area(const App *a, int w, int h)
{
    Rect r = {0, 1, w, a->kiosk ? h - 1 : h - 2};
    if (r.h < 0)
        r.h = 0;
    return r;
}

void app_layout(App *a, int w, int h)
{
    a->w = w;
    a->h = h;
    for (int i = 0; i < a->ndash; i++) {
        DashState *ds = &a->dash[i];
        Rect area = app_area(a, w, h);
        /* rows scrolled off the top get no room; the rest are placed */
        if (ds->scroll >= ds->d->nrows)
            ds->scroll = ds->d->nrows > 0 ? ds->d->nrows - 1 : 0;
        int skip = layout_rows_panel_count(ds->d->rows, ds->scroll);
        layout_collapsed(ds->d, ds->folded);
        Dashboard view = *ds->d;
        view.rows += ds->scroll;
        view.nrows -= ds->scroll;
        for (int k = 0; k < skip; k++)
            ds->rects[k] = (Rect){0, 0, 0, 0};
        layout_place(&view, area, ds->rects + skip, ds->npanels - skip);
        if (i == a->cur && a->zoom && a->focus >= 0 && a->focus < ds->npanels) {
            for (int k = 0; k < ds->npanels; k++)
                ds->rects[k] = (Rect){0, 0, 0, 0};
            ds->rects[a->focus] = area;
        }
        for (int k = 0; k < ds->npanels; k++)
            ds->panels[k].dirty = 1;
    }
}

int app_panel_points(const Panel *p, Rect r)
{
    int w = r.w > 2 ? r.w - 2 : 1, h = r.h > 2 ? r.h - 2 : 1;
    int n = p->cls->points ? p->cls->points(p, w, h) : 2 * w;
    if (n < 10)
        n = 10; /* hidden or tiny: still enough for a value and a trend */
    return n;
}

/* Sets sv's query parameters: the user's, and what its kind needs to
 * answer with fresh data. */
static void server_params(Datasource *sv)
{
    char *params = sv->params ? strdup(sv->params) : NULL;
    if ((sv->params && !params) ||
        backend_fresh_params(sv->kind, &params) < 0 ||
        prom_set_params(sv->prom, sv->server, params) < 0) {
        free(params);
        return; /* out of memory: the old ones stay */
    }
    free(params);
}

/* What sv told about itself: its kind (BACKEND_UNKNOWN: not told) and its
 * scrape interval (0: not told). Panels asked with other assumptions ask
 * again. */
static void server_learn(Datasource *sv, BackendKind kind, double scrape)
{
    App *a = sv->app;
    int changed = 0;
    if (kind != BACKEND_UNKNOWN && kind != sv->kind) {
        sv->kind = kind;
        server_params(sv);
        changed = kind == BACKEND_VICTORIA;
    }
    if (scrape > 0 && scrape != sv->scrape) {
        changed |= sv->scrape > 0 || scrape != BACKEND_DEFAULT_SCRAPE;
        sv->scrape = scrape;
    }
    if (!changed || sv->pending > 0)
        return;
    for (int d = 0; d < a->ndash; d++) /* their answers may differ now */
        for (int i = 0; i < a->dash[d].npanels; i++)
            app_refresh_in(a, &a->dash[d].panels[i], 0);
}

static void on_status(void *ud, const PromQuery *q, Result *res, double secs)
{
    (void)secs;
    Datasource *sv = ud;
    if (sv->pending > 0)
        sv->pending--;
    if (!strcmp(q->expr, "buildinfo"))
        server_learn(sv, backend_from_buildinfo(res), 0);
    else
        server_learn(sv, BACKEND_UNKNOWN, backend_scrape_from_config(res));
    result_free(res);
}

/* Asks sv once what it is and how often it scrapes; returns 1 while the
 * panels should wait for the answers (at most SERVER_WAIT seconds). */
static int server_wait(Datasource *sv, double mono)
{
    if (!sv->asked) {
        static const char *const what[] = {"buildinfo", "config"};
        sv->asked = 1;
        sv->asked_at = mono;
        server_params(sv);
        for (int k = 0; k < 2; k++) {
            PromQuery q = {
                .type = PQ_STATUS, .expr = what[k], .server = sv->server};
            if (prom_submit(sv->prom, &q, on_status, sv) == 0)
                sv->pending++;
        }
    }
    return sv->pending > 0 && mono - sv->asked_at < SERVER_WAIT;
}

/* Asks each datasource dashboard di uses what it is (server_wait); returns
 * 0 when the panels may go, 1 while they wait, 2 when requests were just
 * sent. */
static int sources_wait(App *a, int di, double mono)
{
    const DashState *ds = &a->dash[di];
    int rc = 0;
    int vsrc = source_index(a, ds->d->source.name);
    for (int k = 0; k < a->nsources; k++) {
        int used = ds->d->nvars > 0 && k == (vsrc < 0 ? 0 : vsrc);
        for (int pi = 0; pi < ds->npanels && !used; pi++)
            for (int qi = 0; qi < ds->panels[pi].conf->nqueries && !used; qi++)
                used = slot_source(a, di, pi, qi) == k;
        if (!used)
            continue;
        int asked = a->sources[k].asked;
        if (server_wait(&a->sources[k], mono))
            rc = rc > 1 || !asked ? 2 : 1;
    }
    return rc;
}

void app_cancel_all(App *a)
{
    for (int i = 0; i < a->nsources; i++) {
        prom_cancel_all(a->sources[i].prom);
        if (a->sources[i].pending > 0) { /* their answers will not come */
            a->sources[i].asked = 0;
            a->sources[i].pending = 0;
        }
    }
    for (int d = 0; d < a->ndash; d++) {
        DashState *ds = &a->dash[d];
        if (ds->vars_pending > 0) {
            ds->vars_asked = 0;
            ds->vars_pending = 0;
        }
    }
}

void app_refresh_in(App *a, Panel *p, double secs)
{
    double when = app_mono(a) + (secs > 0 ? secs : 0);
    if (secs <= 0)
        when = 0;
    if (p->due > when)
        p->due = when;
}

/* 1 when the two queries ask the same thing. */
static int same_query(const PromQuery *x, const PromQuery *y)
{
    if (x->type != y->type || !x->expr || !y->expr || strcmp(x->expr, y->expr))
        return 0;
    if (x->type == PQ_RANGE)
        return x->start == y->start && x->end == y->end && x->step == y->step;
    return x->time == y->time;
}

static void mark_dirty(App *a, Panel *p)
{
    p->dirty = 1;
    if (a->dirty_since == 0)
        a->dirty_since = app_mono(a);
}

const QueryState *app_next_state(const DashState *ds, StateWalk *w)
{
    for (; w->panel < ds->npanels; w->panel++, w->query = 0) {
        const Panel *p = &ds->panels[w->panel];
        for (; w->query < p->conf->nqueries; w->query++, w->kind = 0)
            while (w->kind < 2) {
                const QueryState *st =
                    w->kind++ ? &p->qs[w->query].range : &p->qs[w->query].inst;
                if (st->used)
                    return st;
            }
    }
    return NULL;
}

int app_awaited(const App *a, double *oldest, int *failed)
{
    int n = 0;
    if (oldest)
        *oldest = 0;
    if (failed)
        *failed = 0;
    StateWalk w = {0};
    for (const QueryState *st; (st = app_next_state(&a->dash[a->cur], &w));) {
        if (failed && st->error)
            (*failed)++;
        if (!st->inflight)
            continue;
        n++;
        if (oldest && (*oldest == 0 || st->sent_at < *oldest))
            *oldest = st->sent_at;
    }
    return n;
}

/* After a good answer: when no query of the current dashboard is still
 * awaited or failed, its refresh is complete. */
static void note_complete(App *a)
{
    int failed;
    if (app_awaited(a, NULL, &failed) == 0 && failed == 0)
        a->refreshed_at = a->last_round;
}

static void on_answer(void *ud, const PromQuery *q, Result *res, double secs)
{
    (void)secs;
    SlotRef *ref = ud;
    App *a = ref->app;
    Panel *p = ref->panel;
    QueryState *s = ref->slot;
    s->inflight = 0;
    s->status = res->http_status;
    a->last_round = app_time(a);
    if (res->error) {
        free(s->error);
        s->error = strdup(res->error);
        free(a->last_error);
        a->last_error = strdup(res->error);
        a->failures++;
        s->answered = 0;
        if (a->once) {
            /* one more try, only when it could be answered in time */
            if ((res->http_status == 0 || res->http_status >= 500) &&
                s->tries < 2 && a->deadline - app_wall() > 2)
                app_refresh_in(a, p, 1);
        } else if (res->http_status == 0 || res->http_status >= 500) {
            /* the server is away or starting: ask again soon rather than
             * at the panel's next refresh, backing off to 30 s */
            double mono = app_mono(a);
            if (a->down_since == 0)
                a->down_since = mono;
            double wait = (mono - a->down_since) / 2;
            wait = wait < 1 ? 1 : wait > 30 ? 30 : wait;
            app_refresh_in(a, p, wait);
        }
        result_free(res);
    } else {
        if (a->down_since != 0) { /* back after an outage: maybe another */
            families_reset(a->families);
            a->counted = 0;
        }
        a->down_since = 0;
        a->ok_round = a->last_round;
        if (backend_from_answer(res) == BACKEND_VICTORIA)
            for (int k = 0; k < a->nsources; k++)
                if (a->sources[k].server == q->server)
                    server_learn(&a->sources[k], BACKEND_VICTORIA, 0);
        long points = 0;
        for (int i = 0; i < res->nseries; i++)
            points += res->series[i].npoints;
        result_keep(res, APP_KEEP_SERIES);
        /* the same answer again changes nothing on screen */
        int same = !s->error && result_same(&s->res, res);
        if (same) {
            result_free(res);
        } else {
            result_free(&s->res);
            s->res = *res;
            memset(res, 0, sizeof *res);
        }
        free(s->error);
        s->error = NULL;
        s->ok_at = a->last_round;
        s->tries = 0;
        s->answered = same_query(q, &s->q);
        a->answers++;
        note_complete(a);
#ifdef __GLIBC__
        if (points > APP_TRIM_POINTS) /* the parse's memory, given back */
            malloc_trim(0);
#endif
        if (same)
            return;
    }
    mark_dirty(a, p);
}

/* The dashboard state holding dashboard d, or NULL when it is gone. */
static DashState *dash_of(App *a, const Dashboard *d)
{
    for (int i = 0; i < a->ndash; i++)
        if (a->dash[i].d == d)
            return &a->dash[i];
    return NULL;
}

static int ask_vars(App *a, int di, double now);

/* A variable's choices arrived: the values of its label in the series. */
static void on_var_answer(void *ud, const PromQuery *q, Result *res,
                          double secs)
{
    (void)q;
    (void)secs;
    VarRef *ref = ud;
    App *a = ref->app;
    DashState *ds = dash_of(a, ref->d);
    if (!ds) {
        result_free(res);
        return;
    }
    VarConf *v = &ds->d->vars[ref->var];
    if (!res->error) {
        layout_var_answer(v, res);
    } else {
        free(a->last_error);
        a->last_error = strdup(res->error);
    }
    result_free(res);
    ds->var_state[ref->var] = VAR_DONE;
    dash_repeat(a, (int)(ds - a->dash)); /* copies for the values known */
    /* those naming this one may ask now; once all are known, the panels */
    if (ask_vars(a, (int)(ds - a->dash), app_now(a)) == 0 &&
        ds->vars_pending == 0)
        for (int i = 0; i < ds->npanels; i++) /* ask, the values known */
            app_refresh_in(a, &ds->panels[i], 0);
}

/* Asks the server for the choices of dashboard di's variables that are to
 * be asked and whose query names no variable still unknown; returns how
 * many were asked. vars_pending counts those not yet known. */
static int ask_vars(App *a, int di, double now)
{
    DashState *ds = &a->dash[di];
    Dashboard *d = ds->d;
    int n = 0, src = source_index(a, d->source.name);
    ds->vars_asked = 1;
    for (int k = 0; k < d->nvars; k++) {
        if (ds->var_state[k] != VAR_TODO)
            continue;
        int ready = 1;
        for (int j = 0; j < d->nvars && ready; j++)
            ready =
                ds->var_state[j] == VAR_DONE || !layout_var_depends(d, k, j);
        if (!ready)
            continue;
        PromQuery q;
        if (layout_var_request(d, &d->vars[k], now, app_range(a, di), &q) !=
            0) {
            ds->var_state[k] = VAR_DONE;
            continue;
        }
        q.server = a->sources[src < 0 ? 0 : src].server;
        if (prom_submit(a->prom, &q, on_var_answer, &ds->var_refs[k]) == 0) {
            ds->var_state[k] = VAR_ASKING;
            n++;
        } else {
            ds->var_state[k] = VAR_DONE;
        }
        free((char *)q.expr);
    }
    ds->vars_pending = 0;
    for (int k = 0; k < d->nvars; k++)
        ds->vars_pending += ds->var_state[k] != VAR_DONE;
    return n;
}

void app_vars_reset(DashState *ds)
{
    for (int k = 0; ds->var_state && k < ds->d->nvars; k++)
        if (ds->var_state[k] == VAR_ASKING)
            ds->var_state[k] = VAR_TODO;
    if (ds->vars_pending > 0)
        ds->vars_asked = 0;
}

void app_var_changed(App *a, int di, int vi)
{
    DashState *ds = &a->dash[di];
    Dashboard *d = ds->d;
    /* every variable naming vi, and those naming them, in turn */
    unsigned char *mark = calloc((size_t)d->nvars + 1, 1);
    if (mark) {
        mark[vi] = 1;
        for (int grew = 1; grew;) {
            grew = 0;
            for (int k = 0; k < d->nvars; k++)
                for (int j = 0; j < d->nvars && !mark[k]; j++)
                    if (mark[j] && layout_var_depends(d, k, j) &&
                        d->vars[k].qtype != VQ_NONE) {
                        mark[k] = grew = 1;
                        ds->var_state[k] = VAR_TODO;
                    }
        }
        free(mark);
    }
    ds->vars_asked = 0;
    dash_repeat(a, di);                   /* copies for the values chosen */
    for (int i = 0; i < ds->npanels; i++) /* ask again with the new values */
        app_refresh_in(a, &ds->panels[i], 0);
}

/* Expands slot s of panel pi of dashboard di for evaluation time `now` and
 * submits it, unless (without `force`) it is a range query whose last good
 * answer is for this very window: then it goes again only once, when the
 * window's end has aged by the scrape interval (samples scraped just before
 * the end may come late). Instant queries always go: their time moves, and
 * frozen, they tell when the server is away. Returns 1 when submitted. */
static int submit_slot(App *a, int di, int pi, QueryState *s, int qi, int range,
                       int force)
{
    DashState *ds = &a->dash[di];
    Dashboard *d = ds->d;
    Panel *p = &ds->panels[pi];
    const QueryConf *qc = &p->conf->queries[qi];
    double now, rng; /* the panel's window: its own or the dashboard's */
    app_panel_window(a, di, p, &now, &rng);
    int src = slot_source(a, di, pi, qi);
    double scrape = app_scrape(a, di, src);
    int points = app_panel_points(p, ds->rects[pi]);
    if (p->conf->max_points > 0 && points > p->conf->max_points)
        points = p->conf->max_points;
    /* the smallest step: the query's, the panel's, the scrape interval;
     * a step factor multiplies the step chosen */
    double min_step = qc->min_step > 0        ? qc->min_step
                      : p->conf->min_step > 0 ? p->conf->min_step
                                              : scrape;
    if (qc->step_factor > 1)
        min_step = query_interval(rng, points, min_step) * qc->step_factor;
    RangeWindow win;
    query_window(now, rng, points, min_step, &win);
    char words[96];
    app_window_words(a, di, p, words, sizeof words);
    /* a repeat's copy asks with its own value */
    Dashboard bound;
    VarConf vars[64];
    const Dashboard *de =
        layout_bound(d, p->conf, &bound, vars, 64) ? &bound : d;
    char *expr =
        layout_expand_text(de, qc->expr, rng, win.step,
                           qc->min_step > 0 ? qc->min_step : scrape, words);
    if (!expr)
        return 0;
    PromQuery q = {.type = range ? PQ_RANGE : PQ_INSTANT,
                   .expr = expr,
                   .time = now,
                   .server = a->sources[src].server};
    if (range) {
        q.time = 0;
        q.start = win.start;
        q.end = win.end;
        q.step = win.step;
    }
    if (range && !force && s->answered && !s->error && same_query(&q, &s->q)) {
        double late = scrape;
        if (s->late_asked || now < q.end + late) {
            free(expr);
            a->stats.unchanged++;
            return 0;
        }
        s->late_asked = 1;
    } else if (!same_query(&q, &s->q)) {
        s->late_asked = 0;
    }
    free((char *)s->q.expr);
    s->q = q;
    if (prom_submit(a->prom, &s->q, on_answer, s->sub) < 0)
        return 0;
    s->inflight = 1;
    s->tries++;
    s->sent_at = app_time(a);
    a->stats.requests++;
    return 1;
}

int app_schedule(App *a, int force)
{
    if (a->paused && !force)
        return 0;
    double mono = app_mono(a), now = app_now(a);
    int n = 0, due = 0;
    int names = families_ask(a->families, app_time(a)); /* once per
                                                            connection */
    if (!a->counted && families_state(a->families) == FAMILIES_KNOWN)
        names_known(a); /* (--once reads answers without app_progress) */
    int waiting = sources_wait(a, a->cur, mono);
    if (pick_wait(a, mono))
        return names || waiting > 1; /* which dashboard to open */
    if (waiting)
        return waiting > 1 ? 1 : 0; /* panels wait for the servers' answers */
    DashState *ds = &a->dash[a->cur];
    if (!ds->vars_asked) {
        int n_vars = ask_vars(a, a->cur, now);
        if (ds->vars_pending > 0)
            return n_vars; /* panels wait for the variables' values */
    }
    if (ds->vars_pending > 0)
        return 0;
    for (int pi = 0; pi < ds->npanels; pi++) {
        Panel *p = &ds->panels[pi];
        if (ds->folded[pi])
            continue; /* in a collapsed section: nobody asked to see it */
        if (!force && mono < p->due)
            continue;
        if (!force && !a->once && ds->rects[pi].h == 0 && a->w > 0)
            continue; /* hidden: nobody would see it */
        due = 1;
        for (int qi = 0; qi < p->conf->nqueries; qi++) {
            QueryState *st[2] = {&p->qs[qi].inst, &p->qs[qi].range};
            for (int k = 0; k < 2; k++)
                if (st[k]->used && !st[k]->inflight)
                    n += submit_slot(a, a->cur, pi, st[k], qi, k, force);
        }
        p->due = a->once ? HUGE_VAL : mono + panel_refresh(a, ds->d, p);
    }
    a->stats.refreshes += due;
    return n;
}

double app_next_due(const App *a)
{
    const DashState *ds = &a->dash[a->cur];
    double mono = app_mono(a), best = 3600;
    for (int k = 0; k < a->nsources; k++) {
        const Datasource *sv = &a->sources[k];
        if (sv->pending > 0 && mono - sv->asked_at < SERVER_WAIT &&
            sv->asked_at + SERVER_WAIT - mono < best)
            best = sv->asked_at + SERVER_WAIT - mono;
    }
    if (a->pick && a->pick_since > 0 &&
        families_state(a->families) == FAMILIES_ASKING) {
        double left = a->pick_since + SERVER_WAIT - mono;
        if (left > 0) /* the panels wait for the metric names */
            return left < best ? left : best;
    }
    for (int pi = 0; pi < ds->npanels; pi++) {
        if ((ds->rects[pi].h == 0 && a->w > 0) || ds->folded[pi] ||
            ds->panels[pi].conf->nqueries == 0)
            continue;
        double d = ds->panels[pi].due - mono;
        if (d < best)
            best = d;
    }
    return best < 0 ? 0 : best;
}

int app_progress(App *a)
{
    FamiliesState was = families_state(a->families);
    int n = prom_progress(a->prom);
    if (was != FAMILIES_KNOWN &&
        families_state(a->families) == FAMILIES_KNOWN) {
        names_known(a); /* the tabs at once, not at the next refresh */
        for (int pi = 0; pi < a->dash[a->cur].npanels; pi++) /* may now say */
            mark_dirty(a, &a->dash[a->cur].panels[pi]); /* what is missing */
    }
    return n;
}

int app_frame_due(const App *a)
{
    if (a->dirty_since == 0)
        return 0;
    const DashState *ds = &a->dash[a->cur];
    int dirty = 0;
    for (int i = 0; i < ds->npanels && !dirty; i++)
        dirty = ds->panels[i].dirty && ds->rects[i].w > 0 && ds->rects[i].h > 0;
    if (!dirty)
        return 0;
    return prom_pending(a->prom) == 0 ||
           app_mono(a) - a->dirty_since >= FRAME_HOLD;
}

void app_frame_drawn(App *a)
{
    DashState *ds = &a->dash[a->cur];
    for (int i = 0; i < ds->npanels; i++)
        ds->panels[i].dirty = 0;
    a->dirty_since = 0;
}

int app_panel_hidden(const DashState *ds, int i)
{
    return !ds->folded[i] && (ds->rects[i].w <= 0 || ds->rects[i].h <= 0);
}

int app_row_folded(const Dashboard *d, int r)
{
    for (int i = r; i >= 0; i--)
        if (d->rows[i].section)
            return i < r && d->rows[i].panels[0].collapsed;
    return 0;
}

int app_toggle_section(App *a, int pi)
{
    DashState *ds = &a->dash[a->cur];
    if (pi < 0 || pi >= ds->npanels || ds->panels[pi].cls != &section_class)
        return 0;
    PanelConf *pc = ds->d->panels[pi];
    pc->collapsed = !pc->collapsed;
    app_layout(a, a->w, a->h);
    for (int i = 0; i < ds->npanels; i++) /* newly shown panels ask now */
        if (!ds->folded[i] && !app_panel_hidden(ds, i))
            app_refresh_in(a, &ds->panels[i], 0);
    return 1;
}

void app_expand_all(App *a)
{
    for (int i = 0; i < a->ndash; i++) {
        Dashboard *d = a->dash[i].d;
        for (int r = 0; r < d->nrows; r++)
            if (d->rows[r].section)
                d->rows[r].panels[0].collapsed = 0;
        for (int r = 0; r < d->tmpl_nrows; r++) /* the copies to come */
            if (d->tmpl_rows[r].section)
                d->tmpl_rows[r].panels[0].collapsed = 0;
        layout_collapsed(d, a->dash[i].folded);
    }
}

void app_switch(App *a, int i)
{
    if (a->ndash <= 0)
        return;
    a->pick = 0; /* chosen: no other one is picked for it */
    a->cur = ((i % a->ndash) + a->ndash) % a->ndash;
    a->focus = -1;
    a->refreshed_at = 0;
    a->shown_at = app_mono(a);
    a->zoom = 0;
    app_layout(a, a->w, a->h);
}

int app_any_stale(const App *a)
{
    const DashState *ds = &a->dash[a->cur];
    for (int pi = 0; pi < ds->npanels; pi++)
        for (int q = 0; q < ds->panels[pi].conf->nqueries; q++)
            if (ds->panels[pi].qs[q].inst.error ||
                ds->panels[pi].qs[q].range.error)
                return 1;
    return 0;
}

/* 1 when a failure with HTTP status `status` is the server's, not the
 * query's. */
static int server_status(long status)
{
    return status == 0 || status == 401 || status == 403 || status == 404 ||
           status == 407 || status == 502 || status == 503 || status == 504;
}

const char *app_unreachable(const App *a, long *status)
{
    const QueryState *first = NULL;
    StateWalk w = {0};
    for (const QueryState *st; (st = app_next_state(&a->dash[a->cur], &w));) {
        if (st->ok_at > 0 || (st->error && !server_status(st->status)))
            return NULL;
        if (st->error && !first)
            first = st;
    }
    if (!first)
        return NULL;
    if (status)
        *status = first->status;
    return first->error;
}

void app_notice(App *a, int role, double secs, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->notice, sizeof a->notice, fmt, ap);
    va_end(ap);
    /* one line: every run of blanks and line breaks is one blank */
    char *w = a->notice;
    for (const char *r = a->notice; *r; r++) {
        int blank = *r == ' ' || *r == '\t' || *r == '\n' || *r == '\r';
        if (!blank || w == a->notice || w[-1] != ' ')
            *w++ = blank ? ' ' : *r;
    }
    *w = '\0';
    a->notice_role = role;
    a->notice_until = app_mono(a) + secs;
}

double app_refresh_every(const App *a)
{
    return a->refresh > 0 ? a->refresh : a->dash[a->cur].d->refresh;
}

void app_time_text(double t, int date, char *buf, size_t n)
{
    format_time(t, date ? "%Y-%m-%d %H:%M:%S" : "%H:%M:%S", buf, n);
}

void app_range_text(const App *a, char *buf, size_t n)
{
    char rng[32];
    int anchor = a->range > 0 || a->range_anchor
                     ? a->range_anchor
                     : a->dash[a->cur].d->range_anchor;
    if (a->view_end > 0 || a->view_range > 0) /* a moved window */
        anchor = RANGE_FIXED;
    if (anchor == RANGE_MTD)
        snprintf(rng, sizeof rng, "month to date");
    else if (anchor == RANGE_TODAY)
        snprintf(rng, sizeof rng, "today");
    else
        format_duration(app_range(a, a->cur), -1, rng, sizeof rng);
    if (app_frozen(a)) {
        char when[48];
        app_time_text(app_now(a), 1, when, sizeof when);
        snprintf(buf, n, "at %s  %s%s", when, anchor ? "" : "last ", rng);
    } else {
        snprintf(buf, n, "%s%s", anchor ? "" : "last ", rng);
    }
}
