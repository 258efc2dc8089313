/* timeline.c - the "timeline" panel kind: events on a time axis and as a
 * list. Each query is a lane; every point above 0 of its range series is
 * an event, and consecutive event points of one series (no gap over two
 * steps) make one span. Lanes show marks and spans over the dashboard's
 * time range; the list under them (or beside them when the rect is wide
 * and short) names the most recent events, newest first. */
#include "panel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "format.h"

#define TL_MAX_LANES 32
#define TL_MAX_EVENTS 256 /* the newest kept */

static const OptSpec timeline_opts[] = {
    {"list", OPT_BOOL, "true", NULL,
     "List the most recent events (time, lane, series, duration) under the lanes."},
    {NULL, 0, NULL, NULL, NULL},
};

typedef struct {
    int qi;          /* lane */
    const Series *s; /* its series */
    double t0, t1;   /* first and last point of the span */
    double peak;     /* largest value in it */
    double step;
} TlEvent;

/* Keeps e among the newest max events of ev (n of them so far). */
static void keep_event(TlEvent *ev, int *n, int max, const TlEvent *e)
{
    if (*n < max) {
        ev[(*n)++] = *e;
        return;
    }
    int old = 0;
    for (int i = 1; i < *n; i++)
        if (ev[i].t0 < ev[old].t0)
            old = i;
    if (e->t0 > ev[old].t0)
        ev[old] = *e;
}

/* Finds the spans of every series of lanes 0..nl-1; returns the count kept
 * (the newest TL_MAX_EVENTS), *total the full count. */
static int tl_events(const Panel *p, int nl, TlEvent *ev, int *total)
{
    int n = 0;
    *total = 0;
    for (int qi = 0; qi < nl; qi++) {
        const Result *res = panel_result(p, qi);
        for (int si = 0; res && si < res->nseries; si++) {
            const Series *s = &res->series[si];
            double step = panel_series_step(p, qi, s);
            TlEvent e = {qi, s, 0, 0, 0, step};
            int open = 0;
            for (int i = 0; i < s->npoints; i++) {
                Point pt = s->points[i];
                if (!(pt.v > 0))
                    continue; /* 0, negative, NaN: no event */
                if (open && pt.t - e.t1 <= 2 * step * 1.0001) {
                    e.t1 = pt.t;
                    e.peak = fmax(e.peak, pt.v);
                    continue;
                }
                if (open) {
                    keep_event(ev, &n, TL_MAX_EVENTS, &e);
                    (*total)++;
                }
                e.t0 = e.t1 = pt.t;
                e.peak = pt.v;
                open = 1;
            }
            if (open) {
                keep_event(ev, &n, TL_MAX_EVENTS, &e);
                (*total)++;
            }
        }
    }
    return n;
}

static int newest_first(const void *x, const void *y)
{
    const TlEvent *a = x, *b = y;
    if (a->t0 != b->t0)
        return a->t0 > b->t0 ? -1 : 1;
    return a->qi - b->qi;
}

/* The lane's label: the query's name, else its first series' name. */
static void lane_label(const Panel *p, int qi, char *buf, int n)
{
    const Result *res = panel_result(p, qi);
    if (p->conf->queries[qi].name)
        snprintf(buf, (size_t)n, "%s", p->conf->queries[qi].name);
    else if (res && res->nseries > 0)
        panel_series_name(p, qi, &res->series[0], buf, n);
    else
        snprintf(buf, (size_t)n, "query %d", qi + 1);
}

/* Colour of an event: its lane's, or by its peak against thresholds. */
static Role event_role(const Panel *p, const TlEvent *e)
{
    return panel_value_role(p, e->qi, e->peak, theme_series_role(e->qi));
}

/* Column of time t on an axis of w columns from x over [t0, t1]. */
static int tl_col(double t, int x, int w, double t0, double t1)
{
    double f = (t - t0) / (t1 - t0);
    f = f < 0 ? 0 : f > 1 ? 1 : f;
    return x + (int)lround(f * (w - 1));
}

/* One lane row for lanes q0..q1-1 (several when they do not all fit:
 * labelled "+N more", or "events" when it holds every lane): its label,
 * a dotted track, and a mark or span per event in its lane's colour. */
static void draw_lane(const Panel *p, Canvas *c, int y, Rect lanes, int llw,
                      int q0, int q1, int nl, const TlEvent *ev, int n,
                      double t0, double t1)
{
    char label[64];
    if (q1 - q0 == 1)
        lane_label(p, q0, label, sizeof label);
    else if (q0 == 0 && q1 == nl)
        snprintf(label, sizeof label, "events");
    else
        snprintf(label, sizeof label, "+%d more", q1 - q0);
    int ax = lanes.x + (llw ? llw + 1 : 0), aw = lanes.x + lanes.w - ax;
    if (llw)
        canvas_text(c, lanes.x, y, llw, label,
                    q1 - q0 == 1 ? theme_series_role(q0) : ROLE_DIM, 0);
    for (int x = 0; x < aw; x += 2)
        canvas_put(c, ax + x, y, c->ascii ? '.' : 0x00b7, ROLE_DIM, 0);
    for (int i = 0; i < n && aw > 0; i++) {
        if (ev[i].qi < q0 || ev[i].qi >= q1 || ev[i].t1 < t0 - ev[i].step ||
            ev[i].t0 > t1)
            continue;
        Role role = event_role(p, &ev[i]);
        int x0 = tl_col(ev[i].t0, ax, aw, t0, t1);
        int x1 = tl_col(ev[i].t1, ax, aw, t0, t1);
        if (x1 == x0) {
            canvas_put(c, x0, y, c->ascii ? '|' : 0x2503, role, TA_BOLD);
            continue;
        }
        for (int x = x0; x <= x1; x++)
            canvas_put(c, x, y, c->ascii ? '=' : 0x2501, role, TA_BOLD);
    }
}

/* The event list in r: "HH:MM  lane  series (duration)", newest first. */
static void draw_list(const Panel *p, Canvas *c, Rect r, const TlEvent *ev,
                      int n, int nl, double t1)
{
    if (r.h <= 0 || r.w <= 0)
        return;
    if (n == 0) {
        canvas_text(c, r.x, r.y, r.w, "no events", ROLE_DIM, 0);
        return;
    }
    int lanew = 0;
    for (int qi = 0; qi < nl; qi++) {
        char label[64];
        lane_label(p, qi, label, sizeof label);
        int k = canvas_text_width(label);
        lanew = k > lanew ? k : lanew;
    }
    if (lanew > 16)
        lanew = 16;
    if (lanew > r.w / 3)
        lanew = r.w / 3;
    for (int i = 0; i < n && i < r.h; i++) {
        const TlEvent *e = &ev[i];
        char when[16], label[64], name[96], dur[16], tail[48];
        time_t tt = (time_t)e->t0;
        struct tm tm;
        if (!gmtime_r(&tt, &tm) || !strftime(when, sizeof when, "%H:%M", &tm))
            snprintf(when, sizeof when, "--:--");
        lane_label(p, e->qi, label, sizeof label);
        panel_series_name(p, e->qi, e->s, name, sizeof name);
        if (!name[0])
            snprintf(name, sizeof name, "-");
        format_age(e->t1 - e->t0 + e->step, dur, sizeof dur);
        int ongoing = e->t1 >= t1 - 2 * e->step - 1e-6;
        snprintf(tail, sizeof tail, " (%s%s)", dur, ongoing ? ", ongoing" : "");
        int y = r.y + i, x = r.x, w = r.w;
        int k = canvas_text(c, x, y, w, when, ROLE_AXIS, 0) + 2;
        x += k;
        w -= k;
        if (w <= 0)
            continue;
        if (lanew > 0) {
            canvas_text(c, x, y, lanew < w ? lanew : w, label, event_role(p, e),
                        TA_BOLD);
            x += lanew + 2;
            w -= lanew + 2;
        }
        if (w <= 0)
            continue;
        /* the name first; the duration gets what is left, 6 at least */
        int tw = canvas_text_width(tail);
        int nw = canvas_text_width(name);
        int keep = tw < 6 ? tw : 6;
        if (nw > w - keep)
            nw = w - keep > 1 ? w - keep : w;
        nw = canvas_text(c, x, y, nw, name, ROLE_DEFAULT, 0);
        if (w - nw > 0)
            canvas_text(c, x + nw, y, w - nw, tail, ROLE_DIM, 0);
    }
}

static void timeline_draw(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    if (panel_no_data(p)) {
        panel_draw_nodata(c, r);
        return;
    }
    int nl =
        p->conf->nqueries < TL_MAX_LANES ? p->conf->nqueries : TL_MAX_LANES;
    TlEvent *ev = malloc(sizeof *ev * TL_MAX_EVENTS);
    if (!ev)
        return;
    int total, n = tl_events(p, nl, ev, &total);
    qsort(ev, (size_t)n, sizeof *ev, newest_first);
    double t0 = ctx->now - ctx->range, t1 = ctx->now;
    if (!(ctx->range > 0)) { /* no range: the events' own extent */
        t0 = INFINITY;
        t1 = -INFINITY;
        for (int i = 0; i < n; i++) {
            t0 = fmin(t0, ev[i].t0 - ev[i].step);
            t1 = fmax(t1, ev[i].t1);
        }
        if (!(t1 > t0)) {
            t1 = n > 0 ? ev[0].t1 : 0;
            t0 = t1 - 1;
        }
    }

    /* lanes, then the time labels, then the list; a wide, short rect puts
     * the list beside the lanes */
    int want_list = panel_opt_num(p, "list", 1) != 0;
    Rect lanes = r, list = {0, 0, 0, 0};
    int axis = r.h >= 2 && r.w >= 8;
    int lrows = nl < r.h - axis ? nl : r.h - axis;
    if (lrows < 1)
        lrows = 1;
    if (want_list) {
        if (r.h - lrows - axis >= 2 || r.w < 70) {
            list = (Rect){r.x, r.y + lrows + axis, r.w, r.h - lrows - axis};
        } else {
            int lw = r.w / 2 < 30 ? 30 : r.w / 2;
            list = (Rect){r.x + r.w - lw, r.y, lw, r.h};
            lanes.w = r.w - lw - 2;
        }
    }
    int llw = 0;
    for (int qi = 0; qi < nl && lanes.w >= 16; qi++) {
        char label[64];
        lane_label(p, qi, label, sizeof label);
        int k = canvas_text_width(label);
        llw = k > llw ? k : llw;
    }
    if (lrows < nl && llw > 0 && llw < 8) /* room for "+N more" */
        llw = 8;
    if (llw > lanes.w / 3)
        llw = lanes.w / 3;
    for (int row = 0; row < lrows; row++) /* the last row takes the rest */
        draw_lane(p, c, r.y + row, lanes, llw, row,
                  row == lrows - 1 ? nl : row + 1, nl, ev, n, t0, t1);
    if (axis) {
        int ax = lanes.x + (llw ? llw + 1 : 0);
        panel_time_axis(c, ax, r.y + lrows, lanes.x + lanes.w - ax, t0, t1);
    }
    draw_list(p, c, list, ev, n, nl, t1);
    free(ev);
}

/* One point per column of the axis (lane labels take about 14). */
static int timeline_points(const Panel *p, int w, int h)
{
    (void)p;
    (void)h;
    int aw = w > 28 ? w - 14 : w;
    return aw > 0 ? aw : 1;
}

const PanelClass timeline_class = {
    .name = "timeline",
    .help =
        "Events (values above 0) as marks and spans on a time axis, and as a list.",
    .opts = timeline_opts,
    .query_mode = QM_RANGE,
    .points = timeline_points,
    .draw = timeline_draw,
};
