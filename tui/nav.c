/* nav.c - the time window (+ - [ ] 0), the series filter prompt and the
 * mouse: state changes on the App, and the re-asking they cause. */
#include "nav.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../datasource/query.h"
#include "../panels/format.h"
#include "alerting.h"

const double nav_range_steps[NAV_NSTEPS] = {
    300, 900, 1800, 3600, 10800, 21600, 43200, 86400, 172800, 604800, 2592000,
};

/* Cancels every request in flight and makes every panel of every
 * dashboard ask again (the current one at once, the others when shown). */
static void nav_requery_all(App *a)
{
    app_cancel_all(a);
    alerting_requests_dropped(a);
    for (int d = 0; d < a->ndash; d++) {
        DashState *ds = &a->dash[d];
        app_vars_reset(ds); /* their answers will not come */
        for (int i = 0; i < ds->npanels; i++) {
            Panel *p = &ds->panels[i];
            app_refresh_in(a, p, 0);
            p->dirty = 1;
            for (int q = 0; q < p->conf->nqueries; q++) {
                p->qs[q].inst.inflight = 0;
                p->qs[q].range.inflight = 0;
            }
        }
    }
    app_schedule(a, 1);
}

int nav_zoom_range(App *a, int dir)
{
    double r = app_range(a, a->cur), pick = 0;
    if (dir > 0) {
        for (int i = 0; i < NAV_NSTEPS && !pick; i++)
            if (nav_range_steps[i] > r + 0.5)
                pick = nav_range_steps[i];
    } else {
        for (int i = NAV_NSTEPS - 1; i >= 0 && !pick; i--)
            if (nav_range_steps[i] < r - 0.5)
                pick = nav_range_steps[i];
    }
    if (!pick)
        return 0;
    /* back at the starting range by steps: that is the starting state */
    a->view_range = fabs(pick - app_base_range(a, a->cur)) < 0.5 ? 0 : pick;
    nav_requery_all(a);
    return 1;
}

int nav_set_range(App *a, double secs)
{
    if (!(secs >= 1))
        return 0;
    a->view_range = fabs(secs - app_base_range(a, a->cur)) < 0.5 ? 0 : secs;
    nav_requery_all(a);
    return 1;
}

void nav_set_at(App *a, double t)
{
    a->at = t > 0 ? floor(t) : 0;
    a->view_end = 0;
    nav_requery_all(a);
}

int nav_pan(App *a, int dir)
{
    double r = app_range(a, a->cur), live = app_live_now(a);
    double end = floor(app_now(a) + (dir > 0 ? r / 2 : -r / 2));
    if (dir > 0 && a->view_end == 0)
        return 0; /* already at "now": never into the future */
    if (a->view_range == 0)
        a->view_range = r; /* an anchored range (today) keeps its length */
    a->view_end = dir > 0 && end >= live ? 0 : end;
    if (a->view_range > 0 &&
        fabs(a->view_range - app_base_range(a, a->cur)) < 0.5 &&
        a->view_end == 0)
        a->view_range = 0;
    nav_requery_all(a);
    return 1;
}

/* 1 while the window differs from the starting one. */
static int nav_time_moved(const App *a)
{
    return a->view_end > 0 || a->view_range > 0;
}

int nav_live(App *a)
{
    if (!nav_time_moved(a))
        return 0;
    a->view_end = 0;
    a->view_range = 0;
    nav_requery_all(a);
    return 1;
}

void nav_time_text(const App *a, char *buf, size_t n)
{
    if (n)
        buf[0] = 0;
    if (!nav_time_moved(a))
        return;
    char rng[32], when[40] = "now";
    format_duration(app_range(a, a->cur), -1, rng, sizeof rng);
    if (app_frozen(a)) {
        double t = app_now(a);
        format_time(
            t, fmod(t, 60) != 0 ? "%Y-%m-%d %H:%M:%S %Z" : "%Y-%m-%d %H:%M %Z",
            when, sizeof when);
    }
    snprintf(buf, n, "range %s  ending %s  [0: %s]", rng, when,
             a->at > 0 ? "back" : "live");
}

/* The focused panel of the current dashboard, focusing the first when none
 * is; NULL when the dashboard has no panel. */
static Panel *focused_panel(App *a)
{
    DashState *ds = &a->dash[a->cur];
    if (ds->npanels == 0)
        return NULL;
    if (a->focus < 0 || a->focus >= ds->npanels)
        a->focus = view_first_shown(a);
    return &ds->panels[a->focus];
}

/* The filter prompt takes every key as text; a mouse event is passed on so
 * that the dashboard takes it off the queue (and the prompt ignores it). */
static OverlayAnswer filter_key(App *a, int key, Action act, int arg)
{
    (void)arg;
    if (act == ACT_MOUSE)
        return OV_PASS;
    switch (prompt_feed(&a->prompt, key)) {
    case PROMPT_DONE: {
        Panel *p = focused_panel(a);
        if (p)
            panel_set_filter(p, prompt_text(&a->prompt));
        return OV_CLOSE;
    }
    case PROMPT_CANCEL:
        return OV_CLOSE;
    default:
        return OV_TAKEN;
    }
}

static void filter_draw(App *a, Canvas *c)
{
    if (c->h > 1)
        prompt_draw(&a->prompt, c, c->h - 1);
}

static void filter_close(App *a)
{
    a->prompt.open = 0;
}

static const Overlay filter_overlay = {"filter", filter_key, NULL, filter_draw,
                                       filter_close};

void nav_filter_open(App *a)
{
    Panel *p = focused_panel(a);
    if (p && view_open(a, &filter_overlay) == 0)
        prompt_open(&a->prompt, " filter /", p->filter);
}

/* Index of the tab at column x of the tab bar, or -1. */
static int tab_at(const App *a, int x)
{
    for (int i = 0; i < a->ndash; i++)
        if (x >= a->tab_x[i] && x < a->tab_x[i + 1])
            return i;
    return -1;
}

/* Index of the shown panel of the current dashboard at (x, y), or -1. */
static int panel_at(const App *a, int x, int y)
{
    const DashState *ds = &a->dash[a->cur];
    for (int i = 0; i < ds->npanels; i++) {
        Rect r = ds->rects[i];
        if (r.w > 0 && r.h > 0 && x >= r.x && x < r.x + r.w && y >= r.y &&
            y < r.y + r.h)
            return i;
    }
    return -1;
}

/* Applies a mouse event at column x, row y of the frame: the top overlay
 * has it first (a click closes the help, the wheel scrolls the inspect
 * view, the prompts and the picker ignore the mouse); else a click on a tab
 * switches to its dashboard, a click in a panel focuses it, a double click
 * zooms it (or leaves the zoom), the wheel narrows (up) or widens (down)
 * the time range. Returns 1 when the frame changed. */
static int nav_mouse(App *a, int ev, int x, int y)
{
    int wheel = ev == NAV_WHEEL_UP ? -1 : ev == NAV_WHEEL_DOWN ? 1 : 0;
    const Overlay *top = view_top(a);
    if (top) {
        OverlayAnswer r = top->mouse ? top->mouse(a, ev, x, y) : OV_TAKEN;
        if (r == OV_CLOSE) {
            view_close(a, top);
            return 1;
        }
        if (r == OV_TAKEN)
            return top->mouse != NULL;
    }
    if (wheel)
        return nav_zoom_range(a, wheel); /* up narrows, down widens */
    if (y == 0) {
        int t = tab_at(a, x);
        if (t < 0 || t == a->cur)
            return 0;
        view_switch(a, t);
        return 1;
    }
    int pi = panel_at(a, x, y);
    if (pi < 0)
        return 0;
    a->focus = pi;
    if (!a->zoom && app_toggle_section(a, pi)) {
        app_schedule(a, 0); /* a click on a section header opens it */
        return 1;
    }
    if (ev == NAV_DOUBLE_CLICK)
        view_zoom(a, !a->zoom);
    return 1;
}

int nav_mouse_curses(App *a)
{
    MEVENT me;
    if (getmouse(&me) != OK)
        return 0;
    int ev = 0;
    if (me.bstate & BUTTON1_DOUBLE_CLICKED)
        ev = NAV_DOUBLE_CLICK;
    else if (me.bstate & BUTTON1_CLICKED)
        ev = NAV_CLICK;
    else if (me.bstate & BUTTON4_PRESSED)
        ev = NAV_WHEEL_UP;
#ifdef BUTTON5_PRESSED
    else if (me.bstate & BUTTON5_PRESSED)
        ev = NAV_WHEEL_DOWN;
#endif
    return ev ? nav_mouse(a, ev, me.x, me.y) : 0;
}
