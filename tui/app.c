/* app.c - the App: dashboards and their panels, the scheduler that sends only
 * due queries (each window sized to what its panel can draw), the answers
 * coming back into panels, and the frame both the TUI and --once draw. */
#include "app.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../datasource/query.h"
#include "../panels/format.h"
#include "../themes/theme.h"
#include "explore.h"
#include "inspect.h"
#include "keys.h"
#include "kiosk.h"
#include "nav.h"
#include "screen.h"

#include <curses.h>

double app_wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double app_live_now(const App *a)
{
    return a->at > 0 ? a->at : floor(app_wall());
}

double app_now(const App *a)
{
    return a->view_end > 0 ? a->view_end : app_live_now(a);
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
    if (nav_time_moved(a))
        return RANGE_FIXED;
    return a->range > 0 || a->range_anchor ? a->range_anchor
                                           : a->dash[i].d->range_anchor;
}

void app_window_words(const App *a, int di, const Panel *p, char *buf, size_t n)
{
    double end, range;
    app_panel_window(a, di, p, &end, &range);
    int anchor =
        p->conf->own_range ? p->conf->range_anchor : dash_anchor(a, di);
    int at_now = fabs(end - app_live_now(a)) < 1;
    char d[32];
    if (at_now && anchor == RANGE_MTD) {
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

/* Refresh interval of panel p of dashboard d. */
static double panel_refresh(const App *a, const Dashboard *d, const Panel *p)
{
    if (a->refresh > 0)
        return a->refresh;
    if (p->conf->refresh > 0)
        return p->conf->refresh;
    return d->refresh;
}

/* Sets up a->dash[i] for dashboard d (ownership passes). Returns 0, or -1
 * on OOM (what was made is freed by dash_state_done). */
static int dash_state_init(App *a, int i, Dashboard *d)
{
    DashState *ds = &a->dash[i];
    memset(ds, 0, sizeof *ds);
    ds->d = d;
    ds->npanels = layout_panel_count(d);
    ds->panels = calloc((size_t)ds->npanels + 1, sizeof *ds->panels);
    ds->rects = calloc((size_t)ds->npanels + 1, sizeof *ds->rects);
    int nq = 0;
    for (int r = 0; r < d->nrows; r++)
        for (int k = 0; k < d->rows[r].npanels; k++)
            nq += d->rows[r].panels[k].nqueries;
    ds->refs = calloc((size_t)nq * 2 + 1, sizeof *ds->refs);
    ds->nrefs = ds->refs ? nq * 2 : 0;
    ds->var_refs = calloc((size_t)d->nvars + 1, sizeof *ds->var_refs);
    if (!ds->panels || !ds->rects || !ds->refs || !ds->var_refs)
        return -1;
    for (int v = 0; v < d->nvars; v++)
        ds->var_refs[v] = (SlotRef){a, i, -1, v, 0};
    int pi = 0, ri = 0;
    for (int r = 0; r < d->nrows; r++)
        for (int k = 0; k < d->rows[r].npanels; k++, pi++) {
            const PanelConf *pc = &d->rows[r].panels[k];
            if (panel_init(&ds->panels[pi], pc) < 0)
                return -1;
            ds->panels[pi].families = a->families;
            for (int q = 0; q < pc->nqueries; q++)
                for (int rg = 0; rg < 2; rg++)
                    ds->refs[ri++] = (SlotRef){a, i, pi, q, rg};
        }
    return 0;
}

/* Frees what a->dash[i] holds; answers still awaited for it are dropped. */
static void dash_state_done(App *a, DashState *ds)
{
    for (int k = 0; a->prom && k < ds->nrefs; k++)
        prom_forget(a->prom, &ds->refs[k]);
    for (int k = 0; a->prom && ds->var_refs && k < ds->d->nvars; k++)
        prom_forget(a->prom, &ds->var_refs[k]);
    for (int k = 0; ds->panels && k < ds->npanels; k++)
        panel_done(&ds->panels[k]);
    free(ds->panels);
    free(ds->rects);
    free(ds->refs);
    free(ds->var_refs);
    layout_free(ds->d);
    memset(ds, 0, sizeof *ds);
}

int app_init(App *a, Dashboard **d, int n, Prom *p)
{
    memset(a, 0, sizeof *a);
    a->prom = p;
    a->focus = -1;
    a->mouse = 1;
    a->dash = calloc((size_t)n, sizeof *a->dash);
    a->tab_x = calloc((size_t)n + 1, sizeof *a->tab_x);
    a->families = families_new(p);
    if (!a->dash || !a->tab_x || !a->families)
        return -1;
    a->ndash = n;
    for (int i = 0; i < n; i++)
        if (dash_state_init(a, i, d[i]) < 0)
            return -1;
    return 0;
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
        /* drop the tab: later ones move down, their answers follow */
        dash_state_done(a, &a->dash[i]);
        memmove(&a->dash[i], &a->dash[i + 1],
                sizeof *a->dash * (size_t)(a->ndash - i - 1));
        a->ndash--;
        for (int k = i; k < a->ndash; k++) {
            DashState *ds = &a->dash[k];
            for (int j = 0; j < ds->nrefs; j++)
                ds->refs[j].dash = k;
            for (int j = 0; j < ds->d->nvars; j++)
                ds->var_refs[j].dash = k;
        }
        if (a->cur >= a->ndash)
            a->cur = a->ndash > 0 ? a->ndash - 1 : 0;
        return -1;
    }
    return i;
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
    free(a->last_error);
    explore_free(a->explore);
    prompt_free(&a->prompt);
    memset(a, 0, sizeof *a);
}

/* The dashboard area of a w x h frame: between the tab bar and status line
 * (in kiosk mode: everything under the title line). */
static Rect dash_area(const App *a, int w, int h)
{
    Rect r = {0, 1, w, a->kiosk ? h - 1 : h - 2};
    if (r.h < 0)
        r.h = 0;
    return r;
}

/* 1 when panel i of dashboard ds has no room on screen. */
static int panel_hidden(const DashState *ds, int i)
{
    return ds->rects[i].w <= 0 || ds->rects[i].h <= 0;
}

void app_layout(App *a, int w, int h)
{
    a->w = w;
    a->h = h;
    for (int i = 0; i < a->ndash; i++) {
        DashState *ds = &a->dash[i];
        Rect area = dash_area(a, w, h);
        /* rows scrolled off the top get no room; the rest are placed */
        if (ds->scroll >= ds->d->nrows)
            ds->scroll = ds->d->nrows > 0 ? ds->d->nrows - 1 : 0;
        int skip = 0;
        for (int r = 0; r < ds->scroll; r++)
            skip += ds->d->rows[r].npanels;
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

/* Points a range query of panel p should return for its current rect. */
static int panel_points(const Panel *p, Rect r)
{
    int w = r.w > 2 ? r.w - 2 : 1, h = r.h > 2 ? r.h - 2 : 1;
    int n = p->cls->points ? p->cls->points(p, w, h) : 2 * w;
    if (n < 10)
        n = 10; /* hidden or tiny: still enough for a value and a trend */
    return n;
}

static void on_answer(void *ud, const PromQuery *q, Result *res, double secs)
{
    (void)q;
    (void)secs;
    SlotRef *ref = ud;
    App *a = ref->app;
    Panel *p = &a->dash[ref->dash].panels[ref->panel];
    QueryState *s =
        ref->range ? &p->qs[ref->query].range : &p->qs[ref->query].inst;
    s->inflight = 0;
    s->status = res->http_status;
    a->last_round = app_wall();
    if (res->error) {
        free(s->error);
        s->error = strdup(res->error);
        free(a->last_error);
        a->last_error = strdup(res->error);
        a->failures++;
        if (res->http_status == 0 || res->http_status >= 500) {
            /* the server is away or starting: ask again soon rather than
             * at the panel's next refresh, backing off to 30 s */
            if (a->down_since == 0)
                a->down_since = a->last_round;
            double wait = (a->last_round - a->down_since) / 2;
            wait = wait < 1 ? 1 : wait > 30 ? 30 : wait;
            if (p->due > a->last_round + wait)
                p->due = a->last_round + wait;
        }
        result_free(res);
    } else {
        if (a->down_since != 0) /* back after an outage: maybe another */
            families_reset(a->families);
        a->down_since = 0;
        result_free(&s->res);
        s->res = *res;
        memset(res, 0, sizeof *res);
        free(s->error);
        s->error = NULL;
        s->ok_at = a->last_round;
        a->answers++;
    }
    p->dirty = 1;
    if (p->cls->update)
        p->cls->update(p);
}

/* A variable's choices arrived: the values of its label in the series. */
static void on_var_answer(void *ud, const PromQuery *q, Result *res,
                          double secs)
{
    (void)q;
    (void)secs;
    SlotRef *ref = ud;
    App *a = ref->app;
    DashState *ds = &a->dash[ref->dash];
    VarConf *v = &ds->d->vars[ref->query];
    if (!res->error) {
        const char **vals = calloc((size_t)res->nseries + 1, sizeof *vals);
        if (vals) {
            int n = 0;
            for (int i = 0; i < res->nseries; i++) {
                const char *l = series_label(&res->series[i], v->label);
                if (l)
                    vals[n++] = l;
            }
            layout_var_set_choices(v, vals, n);
            free(vals);
        }
    } else {
        free(a->last_error);
        a->last_error = strdup(res->error);
    }
    result_free(res);
    if (ds->vars_pending > 0 && --ds->vars_pending == 0)
        for (int i = 0; i < ds->npanels; i++)
            ds->panels[i].due = 0; /* ask now, with the values known */
}

/* Asks the server for the choices of dashboard di's label_values variables;
 * returns how many were asked. */
static int ask_vars(App *a, int di, double now)
{
    DashState *ds = &a->dash[di];
    int n = 0;
    ds->vars_asked = 1;
    for (int k = 0; k < ds->d->nvars; k++) {
        char *expr = layout_var_query(&ds->d->vars[k]);
        if (!expr)
            continue;
        PromQuery q = {PQ_INSTANT, expr, now, 0, 0, 0};
        if (prom_submit(a->prom, &q, on_var_answer, &ds->var_refs[k]) == 0)
            n++;
        free(expr);
    }
    ds->vars_pending = n;
    return n;
}

/* Expands and submits one slot of panel pi of dashboard di, over the
 * panel's window. */
static void submit_slot(App *a, int di, int pi, int qi, int range)
{
    DashState *ds = &a->dash[di];
    Dashboard *d = ds->d;
    Panel *p = &ds->panels[pi];
    QueryState *s = range ? &p->qs[qi].range : &p->qs[qi].inst;
    double now, rng;
    app_panel_window(a, di, p, &now, &rng);
    RangeWindow win;
    query_window(now, rng, panel_points(p, ds->rects[pi]), d->scrape, &win);
    char words[96];
    app_window_words(a, di, p, words, sizeof words);
    char *expr =
        layout_expand_text(d, p->conf->queries[qi].expr, rng, win.step, words);
    if (!expr)
        return;
    free((char *)s->q.expr);
    s->q.expr = expr;
    if (range) {
        s->q.type = PQ_RANGE;
        s->q.start = win.start;
        s->q.end = win.end;
        s->q.step = win.step;
    } else {
        s->q.type = PQ_INSTANT;
        s->q.time = now;
    }
    /* refs are laid out 2 per query, panel by panel */
    int ri = 0;
    for (int k = 0; k < pi; k++)
        ri += ds->panels[k].conf->nqueries * 2;
    ri += qi * 2 + range;
    if (prom_submit(a->prom, &s->q, on_answer, &ds->refs[ri]) == 0) {
        s->inflight = 1;
        s->sent_at = app_wall();
    }
}

int app_schedule(App *a, int force)
{
    if (a->paused && !force)
        return 0;
    double wall = app_wall(), now = app_now(a);
    DashState *ds = &a->dash[a->cur];
    int n = families_ask(a->families, wall);
    if (!ds->vars_asked && ask_vars(a, a->cur, now) > 0)
        return 1; /* panels wait for the variables' values */
    if (ds->vars_pending > 0)
        return 0;
    for (int pi = 0; pi < ds->npanels; pi++) {
        Panel *p = &ds->panels[pi];
        if (!force && wall < p->due)
            continue;
        if (!force && !a->once && ds->rects[pi].h == 0 && a->w > 0)
            continue; /* hidden: nobody would see it */
        for (int qi = 0; qi < p->conf->nqueries; qi++) {
            if (p->qs[qi].inst.used && !p->qs[qi].inst.inflight) {
                submit_slot(a, a->cur, pi, qi, 0);
                n++;
            }
            if (p->qs[qi].range.used && !p->qs[qi].range.inflight) {
                submit_slot(a, a->cur, pi, qi, 1);
                n++;
            }
        }
        p->due = a->once ? HUGE_VAL : wall + panel_refresh(a, ds->d, p);
    }
    return n;
}

double app_next_due(const App *a)
{
    const DashState *ds = &a->dash[a->cur];
    double wall = app_wall(), best = 3600;
    for (int pi = 0; pi < ds->npanels; pi++) {
        if (ds->rects[pi].h == 0 && a->w > 0)
            continue;
        double d = ds->panels[pi].due - wall;
        if (d < best)
            best = d;
    }
    return best < 0 ? 0 : best;
}

void app_switch(App *a, int i)
{
    if (a->ndash <= 0)
        return;
    a->cur = ((i % a->ndash) + a->ndash) % a->ndash;
    if (a->kiosk)
        kiosk_start(a); /* a full turn for the dashboard switched to */
    a->focus = -1;
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
    if (nav_time_moved(a))
        anchor = RANGE_FIXED;
    if (anchor == RANGE_MTD)
        snprintf(rng, sizeof rng, "month to date");
    else if (anchor == RANGE_TODAY)
        snprintf(rng, sizeof rng, "today");
    else
        format_duration(app_range(a, a->cur), -1, rng, sizeof rng);
    if (a->at > 0 || a->view_end > 0) {
        char when[48];
        app_time_text(app_now(a), 1, when, sizeof when);
        snprintf(buf, n, "at %s  %s%s", when, anchor ? "" : "last ", rng);
    } else {
        snprintf(buf, n, "%s%s", anchor ? "" : "last ", rng);
    }
}

static void draw_tabs(App *a, Canvas *c)
{
    canvas_clear(c, (Rect){0, 0, c->w, 1}, ROLE_TAB);
    const char *brand = " promboard ";
    int bw = canvas_text_width(brand);
    /* full titles when they all fit with room for the time, else the
     * short names, then the short names without the program's name, so
     * every tab stays visible; the last resort is numbers for the tabs
     * other than the current one */
    int need = bw + 40;
    for (int i = 0; i < a->ndash; i++)
        need += canvas_text_width(a->dash[i].d->title) + 5;
    int shortnames = need > c->w;
    int numbers = 0;
    if (shortnames) {
        need = 0;
        for (int i = 0; i < a->ndash; i++)
            need += canvas_text_width(a->dash[i].d->name) + 5;
        if (need + bw > c->w)
            bw = 0;
        numbers = need > c->w;
    }
    int x = bw ? canvas_text(c, 0, 0, c->w, brand, ROLE_TAB, TA_BOLD) : 0;
    for (int i = 0; i <= a->ndash; i++) /* tabs left out: nothing to click */
        a->tab_x[i] = c->w;
    for (int i = 0; i < a->ndash && x < c->w; i++) {
        char tab[160];
        if (numbers && i != a->cur)
            snprintf(tab, sizeof tab, " %d ", i + 1);
        else
            snprintf(tab, sizeof tab, " %d %s ", i + 1,
                     shortnames ? a->dash[i].d->name : a->dash[i].d->title);
        Role r = i == a->cur ? ROLE_TAB_ACTIVE : ROLE_TAB;
        a->tab_x[i] = x;
        x += canvas_text(c, x, 0, c->w - x, tab, r, i == a->cur ? TA_BOLD : 0);
        x++;
    }
    a->tab_x[a->ndash] = x < c->w ? x : c->w; /* the end of the last */
    char right[128], rng[96];
    app_range_text(a, rng, sizeof rng);
    snprintf(right, sizeof right, " %s ", rng);
    int rw = canvas_text_width(right);
    if (x + rw < c->w)
        canvas_text(c, c->w - rw, 0, rw, right, ROLE_TAB, 0);
}

/* Panels of the current dashboard that got no room on screen. */
static int hidden_panels(const App *a)
{
    const DashState *ds = &a->dash[a->cur];
    int hidden = 0;
    for (int pi = 0; pi < ds->npanels && !a->zoom; pi++)
        hidden += panel_hidden(ds, pi);
    return hidden;
}

static void draw_status(App *a, Canvas *c)
{
    int y = c->h - 1;
    if (y <= 0)
        return;
    if (a->prompt.open) {
        prompt_draw(&a->prompt, c, y);
        return;
    }
    canvas_clear(c, (Rect){0, y, c->w, 1}, ROLE_STATUS);
    /* Nothing here may change from one refresh to the next when the data
     * does not, so that an unchanged frame writes no bytes: the time of the
     * last answer is shown only while some panel is stale (it ticks then,
     * as the stale ages do), and "loading" only while nothing came back for
     * a while, not at every refresh. */
    char left[512], t[48] = "", moved[128];
    if (a->last_round > 0 && app_any_stale(a)) {
        char hms[32];
        app_time_text(a->last_round, 0, hms, sizeof hms);
        snprintf(t, sizeof t, "  updated %s", hms);
    }
    int loading = prom_pending(a->prom) &&
                  (a->last_round == 0 || app_wall() - a->last_round > 2);
    nav_time_text(a, moved, sizeof moved);
    if (moved[0]) /* the moved window says more than the URL */
        snprintf(left, sizeof left, " %s%s%s ", moved, t,
                 loading ? "  loading" : "");
    else { /* the one place the zone of every time on screen is named */
        char zone[32];
        format_time(app_now(a), "%Z", zone, sizeof zone);
        snprintf(left, sizeof left, " %s  %s  %s%s%s ", prom_url(a->prom),
                 a->at > 0 ? "frozen" : "live", zone, t,
                 loading ? "  loading" : "");
    }
    int x = canvas_text(c, 0, y, c->w, left, moved[0] ? ROLE_WARN : ROLE_STATUS,
                        moved[0] ? TA_BOLD : 0);
    if (a->paused)
        x += canvas_text(c, x, y, c->w - x, " PAUSED ", ROLE_WARN,
                         TA_REVERSE | TA_BOLD);
    int hidden = hidden_panels(a);
    if (hidden) {
        char more[64];
        snprintf(more, sizeof more, " +%d hidden: PgDn/PgUp scroll ", hidden);
        x += canvas_text(c, x, y, c->w - x, more, ROLE_WARN, 0);
    }
    static const char *hints[] = {
        " i inspect  +/- range  [/] pan  / filter  ? help  q quit ",
        " i inspect  / filter  ? help  q quit ",
        " ? help  q quit ",
    };
    const char *hint = hints[2];
    for (int k = 0; k < 2; k++)
        if (c->w - x - canvas_text_width(hints[k]) >= 20) {
            hint = hints[k];
            break;
        }
    int hw = canvas_text_width(hint);
    int room = c->w - x - hw;
    if (a->last_error && app_any_stale(a) && room > 10)
        canvas_text(c, x + 1, y, room - 1, a->last_error, ROLE_ERROR, 0);
    if (c->w - hw > x)
        canvas_text(c, c->w - hw, y, hw, hint, ROLE_STATUS, TA_BOLD);
}

/* The key table's labelled lines: one column of 52 when they fit the
 * height, else two of 39 (80 columns in all). */
static void draw_help(Canvas *c)
{
    int rows = 0;
    for (int i = 0; key_table[i].act != ACT_NONE; i++)
        if (key_table[i].label[0])
            rows++;
    int cols = rows + 4 <= c->h || c->w < 80 ? 1 : 2;
    int per = (rows + cols - 1) / cols;
    int w = cols == 1 ? 52 : 80, h = per + 4;
    if (w > c->w)
        w = c->w;
    if (h > c->h)
        h = c->h;
    Rect r = {(c->w - w) / 2, (c->h - h) / 2, w, h};
    canvas_clear(c, r, ROLE_DEFAULT);
    canvas_box(c, r, ROLE_BORDER_FOCUS, "Keys", ROLE_TITLE_FOCUS);
    int n = 0;
    for (int i = 0; key_table[i].act != ACT_NONE; i++) {
        if (!key_table[i].label[0])
            continue;
        int col = n / per, y = r.y + 2 + n % per, x = r.x + 2 + col * 39;
        n++;
        if (y >= r.y + r.h - 1)
            continue;
        int hw = (col == cols - 1 ? r.x + r.w - 1 : x + 38) - (x + 11);
        canvas_text(c, x, y, 10, key_table[i].label, ROLE_VALUE, TA_BOLD);
        canvas_text(c, x + 11, y, hw, key_table[i].help, ROLE_DEFAULT, 0);
    }
}

/* The choices of variable v, "All" first when offered. */
static int var_choices(const VarConf *v)
{
    return v->nvalues + (v->all ? 1 : 0);
}

static const char *var_choice(const VarConf *v, int i)
{
    if (v->all) {
        if (i == 0)
            return "All";
        i--;
    }
    return i >= 0 && i < v->nvalues ? v->values[i] : "";
}

/* Index of v's current value among its choices (0 when unknown). */
static int var_current(const VarConf *v)
{
    const char *cur = v->value ? v->value : v->all ? "All" : "";
    for (int i = 0; i < var_choices(v); i++)
        if (!strcmp(var_choice(v, i), cur))
            return i;
    return 0;
}

static void draw_picker(App *a, Canvas *c)
{
    const Dashboard *d = a->dash[a->cur].d;
    int w = 60, h = d->nvars + 5;
    if (d->nvars == 0)
        h = 5;
    if (w > c->w)
        w = c->w;
    if (h > c->h)
        h = c->h;
    Rect r = {(c->w - w) / 2, (c->h - h) / 2, w, h};
    canvas_clear(c, r, ROLE_DEFAULT);
    canvas_box(c, r, ROLE_BORDER_FOCUS, "Variables", ROLE_TITLE_FOCUS);
    if (d->nvars == 0) {
        canvas_text(c, r.x + 2, r.y + 2, r.w - 4,
                    "this dashboard has no variables", ROLE_DIM, 0);
        return;
    }
    for (int i = 0; i < d->nvars && i < r.h - 4; i++) {
        const VarConf *v = &d->vars[i];
        int sel = i == a->pick_var;
        int idx = sel ? a->pick_val : var_current(v);
        char line[256];
        snprintf(line, sizeof line, "%s %s", sel ? "<" : " ",
                 var_choices(v) ? var_choice(v, idx) : "(asking...)");
        canvas_text(c, r.x + 2, r.y + 2 + i, 16, v->name, ROLE_VALUE, TA_BOLD);
        int n = canvas_text(c, r.x + 19, r.y + 2 + i, r.w - 23, line,
                            sel ? ROLE_TAB_ACTIVE : ROLE_DEFAULT,
                            sel ? TA_REVERSE : 0);
        if (sel)
            canvas_text(c, r.x + 19 + n, r.y + 2 + i, 2, " >", ROLE_TAB_ACTIVE,
                        TA_REVERSE);
    }
    canvas_text(c, r.x + 2, r.y + r.h - 2, r.w - 4,
                "Up/Down variable  Left/Right value  Enter apply  Esc cancel",
                ROLE_DIM, 0);
}

void app_render(App *a, Canvas *c)
{
    DashState *ds = &a->dash[a->cur];
    canvas_clear(c, (Rect){0, 0, c->w, c->h}, ROLE_DEFAULT);
    if (a->kiosk)
        kiosk_draw_title(a, c);
    else
        draw_tabs(a, c);
    DrawCtx ctx = {.now = app_now(a),
                   .wall = app_wall(),
                   .range = app_range(a, a->cur),
                   .kiosk = a->kiosk};
    for (int pi = 0; pi < ds->npanels; pi++) {
        Rect r = ds->rects[pi];
        if (r.w <= 0 || r.h <= 0)
            continue;
        ctx.focused = pi == a->focus;
        char caption[96];
        app_panel_window(a, a->cur, &ds->panels[pi], &ctx.now, &ctx.range);
        ctx.caption = app_panel_window_text(a, a->cur, &ds->panels[pi], caption,
                                            sizeof caption)
                          ? caption
                          : NULL;
        panel_draw(&ds->panels[pi], c, r, &ctx);
        ds->panels[pi].dirty = 0;
    }
    if (!a->kiosk)
        draw_status(a, c);
    explore_draw(a, c);
    if (a->inspect)
        inspect_draw(a, c);
    if (a->help)
        draw_help(c);
    if (a->picker)
        draw_picker(a, c);
}

int app_scroll(App *a, int by)
{
    DashState *ds = &a->dash[a->cur];
    int below = 0;
    for (int i = 0; i < ds->npanels; i++) /* hidden after the last shown */
        below = panel_hidden(ds, i) ? below + 1 : 0;
    if ((by > 0 && below == 0) || (by < 0 && ds->scroll == 0) || a->zoom)
        return 0;
    ds->scroll += by > 0 ? 1 : -1;
    app_layout(a, a->w, a->h);
    for (int i = 0; i < ds->npanels; i++) /* newly shown panels ask now */
        if (!panel_hidden(ds, i) && ds->panels[i].due > app_wall() + 0.3)
            ds->panels[i].due = 0;
    if (a->focus >= 0 && panel_hidden(ds, a->focus))
        a->focus = -1;
    return 1;
}

void app_move_focus(App *a, int dx, int dy)
{
    DashState *ds = &a->dash[a->cur];
    if (ds->npanels == 0)
        return;
    if (a->focus < 0 || a->focus >= ds->npanels) {
        a->focus = nav_first_shown(a); /* not one scrolled away */
        return;
    }
    Rect f = ds->rects[a->focus];
    double fx = f.x + f.w / 2.0, fy = f.y + f.h / 2.0;
    int best = -1;
    double best_d = 1e18;
    for (int i = 0; i < ds->npanels; i++) {
        Rect r = ds->rects[i];
        if (i == a->focus || r.w <= 0 || r.h <= 0)
            continue;
        double cx = r.x + r.w / 2.0, cy = r.y + r.h / 2.0;
        double ddx = cx - fx, ddy = cy - fy;
        /* only panels lying in the asked direction, overlapping across it */
        if (dx && (ddx * dx <= 0 || r.y >= f.y + f.h || r.y + r.h <= f.y))
            continue;
        if (dy && (ddy * dy <= 0 || r.x >= f.x + f.w || r.x + r.w <= f.x))
            continue;
        double d = ddx * ddx + ddy * ddy * 4;
        if (d < best_d) {
            best_d = d;
            best = i;
        }
    }
    if (best >= 0) {
        a->focus = best;
    } else if (dy && app_scroll(a, dy)) {
        /* scrolled: focus the first shown panel of the row that came in */
        int pick = -1;
        for (int i = 0; i < ds->npanels; i++) {
            if (panel_hidden(ds, i))
                continue;
            if (pick < 0 || (dy > 0 && ds->rects[i].y > ds->rects[pick].y))
                pick = i;
        }
        a->focus = pick;
    }
}

/* Keys while the variable picker is open. */
static void picker_key(App *a, int key)
{
    DashState *ds = &a->dash[a->cur];
    Dashboard *d = ds->d;
    if (d->nvars == 0 || key == 27) {
        a->picker = 0;
        return;
    }
    VarConf *v = &d->vars[a->pick_var];
    int n = var_choices(v);
    switch (key) {
    case KEY_UP:
    case 'k':
    case KEY_DOWN:
    case 'j':
    case '\t':
        a->pick_var =
            (a->pick_var + (key == KEY_UP || key == 'k' ? -1 : 1) + d->nvars) %
            d->nvars;
        a->pick_val = var_current(&d->vars[a->pick_var]);
        break;
    case KEY_LEFT:
    case 'h':
        if (n)
            a->pick_val = (a->pick_val + n - 1) % n;
        break;
    case KEY_RIGHT:
    case 'l':
        if (n)
            a->pick_val = (a->pick_val + 1) % n;
        break;
    case '\n':
    case '\r':
    case KEY_ENTER:
        if (n) {
            char *val = strdup(var_choice(v, a->pick_val));
            if (val) {
                free(v->value);
                v->value = val;
            }
            for (int i = 0; i < ds->npanels; i++)
                ds->panels[i].due = 0; /* ask again with the new value */
        }
        a->picker = 0;
        break;
    default:
        break;
    }
}

/* Applies one key; returns 1 when the app should quit. */
static int handle_key(App *a, int key)
{
    int arg = 0;
    if (explore_active(a) && key != 3) { /* the prompt takes all but Ctrl-C */
        explore_key(a, key);
        return 0;
    }
    if (a->prompt.open) { /* every key is text for the prompt */
        nav_filter_key(a, key);
        return 0;
    }
    Action act = keys_lookup(key, &arg);
    if (a->picker && act != ACT_QUIT) {
        picker_key(a, key);
        return 0;
    }
    if (a->help && act != ACT_QUIT && act != ACT_NONE && act != ACT_MOUSE) {
        a->help = 0; /* any key closes the help */
        return 0;
    }
    if (a->inspect && inspect_key(a, key, act))
        return 0;
    switch (act) {
    case ACT_QUIT:
        return 1;
    case ACT_REFRESH:
        app_schedule(a, 1);
        break;
    case ACT_PAUSE:
        a->paused = !a->paused;
        break;
    case ACT_NEXT_DASH:
        app_switch(a, a->cur + 1);
        app_schedule(a, 0);
        break;
    case ACT_PREV_DASH:
        app_switch(a, a->cur - 1);
        app_schedule(a, 0);
        break;
    case ACT_GOTO_DASH:
        if (arg < a->ndash) {
            app_switch(a, arg);
            app_schedule(a, 0);
        }
        break;
    case ACT_LEFT:
        app_move_focus(a, -1, 0);
        break;
    case ACT_RIGHT:
        app_move_focus(a, 1, 0);
        break;
    case ACT_UP:
        app_move_focus(a, 0, -1);
        break;
    case ACT_DOWN:
        app_move_focus(a, 0, 1);
        break;
    case ACT_ZOOM:
        if (a->focus < 0)
            a->focus = 0;
        a->zoom = !a->zoom;
        app_layout(a, a->w, a->h);
        break;
    case ACT_BACK:
        if (a->zoom) {
            a->zoom = 0;
            app_layout(a, a->w, a->h);
        }
        break;
    case ACT_HELP:
        a->help = !a->help;
        break;
    case ACT_SCROLL_DOWN:
        app_scroll(a, 1);
        break;
    case ACT_SCROLL_UP:
        app_scroll(a, -1);
        break;
    case ACT_VARS:
        a->picker = 1;
        a->pick_var = 0;
        if (a->dash[a->cur].d->nvars > 0)
            a->pick_val = var_current(&a->dash[a->cur].d->vars[0]);
        break;
    case ACT_EXPLORE:
        explore_open(a);
        break;
    case ACT_INSPECT:
        inspect_open(a);
        break;
    case ACT_WIDER:
    case ACT_NARROWER:
        nav_zoom_range(a, act == ACT_WIDER ? 1 : -1);
        break;
    case ACT_PAN_BACK:
    case ACT_PAN_FORWARD:
        nav_pan(a, act == ACT_PAN_FORWARD ? 1 : -1);
        break;
    case ACT_LIVE:
        nav_live(a);
        break;
    case ACT_FILTER:
        nav_filter_open(a);
        break;
    case ACT_MOUSE:
        nav_mouse_curses(a);
        break;
    case ACT_REDRAW:
    case ACT_NONE:
        break;
    }
    return 0;
}

/* After a resize or zoom, panels whose width changed ask again soon (not at
 * once: a resize storm must not become a query storm). */
static void app_requery_soon(App *a, double delay)
{
    DashState *ds = &a->dash[a->cur];
    double when = app_wall() + delay;
    for (int i = 0; i < ds->npanels; i++)
        if (ds->panels[i].due > when)
            ds->panels[i].due = when;
}

int app_run(App *a, const Theme *theme, char *err, size_t errn)
{
    Screen s;
    if (screen_open(&s, theme ? theme : theme_find("dark"), err, errn) < 0)
        return 1;
    Canvas *c = canvas_new(s.w, s.h, a->ascii);
    if (!c) {
        screen_close(&s);
        snprintf(err, errn, "out of memory");
        return 1;
    }
    if (a->mouse)
        screen_mouse(1);
    app_layout(a, s.w, s.h);
    app_schedule(a, 1);
    kiosk_start(a);
    int render = 1, quit = 0;
    double stale_tick = 0;
    while (!quit && !screen_quit_requested()) {
        if (render) {
            app_render(a, c);
            if (screen_show(&s, c))
                a->frames++;
            render = 0;
            if (a->first_frame == 0 && prom_pending(a->prom) == 0)
                a->first_frame = app_wall() - a->started;
        }
        double due = app_next_due(a), turn = kiosk_wait(a);
        due = turn < due ? turn : due;
        int timeout = due > 60 ? 60000 : (int)(due * 1000) + 1;
        if (app_any_stale(a) && timeout > 1000)
            timeout = 1000; /* ages shown in panels tick */
        int fds[2] = {0, s.wake_fd}, ready[2] = {0, 0};
        prom_wait_fds(a->prom, fds, 2, ready, timeout);
        if (ready[1])
            screen_drain_wake(&s);
        int key;
        while ((key = getch()) != ERR) {
            if (key == KEY_RESIZE) {
                screen_resized(&s);
                canvas_resize(c, s.w, s.h);
                app_layout(a, s.w, s.h);
                app_requery_soon(a, 0.3);
            } else if (handle_key(a, key)) {
                quit = 1;
                break;
            }
            if (key == 12) /* Ctrl-L */
                screen_invalidate(&s);
            render = 1;
        }
        if (prom_progress(a->prom) > 0)
            render = 1;
        if (kiosk_tick(a))
            render = 1;
        if (app_schedule(a, 0) > 0)
            render = 1;
        double wall = app_wall();
        if (app_any_stale(a) && wall - stale_tick >= 1) {
            stale_tick = wall;
            render = 1;
        }
    }
    canvas_free(c);
    screen_close(&s);
    const char *stats = getenv("PROMBOARD_STATS");
    if (stats && *stats) {
        FILE *f = fopen(stats, "w");
        if (f) {
            fprintf(f, "first_frame_ms=%.0f\nframes=%ld\n",
                    a->first_frame * 1000, a->frames);
            fclose(f);
        }
    }
    return 0;
}
