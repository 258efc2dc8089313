/* timeline.c - the "timeline" panel kind, in two modes.
 * events: events on a time axis and as a list. Each query is a lane; every
 * point above 0 of its range series is an event, and consecutive event
 * points of one series (no gap over two steps) make one span. Lanes show
 * marks and spans over the dashboard's time range; the list under them (or
 * beside them when the rect is wide and short) names the most recent
 * events, newest first.
 * gantt: planned dates on a date axis. Instant queries answer unix times
 * per series (query 1 a target date, query 2 a predicted one); each `by`
 * key is a row with a bar from now to its target and a mark at its
 * predicted date, red when that is later than the target. */
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
    {.name = "list",
     .type = OPT_BOOL,
     .def = "true",
     .help = "List the most recent events (time, lane, series, duration) under "
             "the lanes."},
    {.name = "mode",
     .type = OPT_ENUM,
     .def = "events",
     .choices = "events|gantt",
     .help = "events: values above 0 over time; gantt: each query answers "
             "dates (unix seconds), the first a target drawn as a bar from "
             "now, the second a predicted date drawn as a mark."},
    {.name = "by",
     .type = OPT_STRINGS,
     .help = "gantt: label names that key the rows (default: every label but "
             "__name__ of the first query's series)."},
    {0},
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
        canvas_label(c, lanes.x, y, llw, label,
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
        if (!localtime_r(&tt, &tm) ||
            !strftime(when, sizeof when, "%H:%M", &tm))
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

/* ---- gantt ---------------------------------------------------------------
 */

#define GT_MAX_BY PANEL_MAX_BY
#define GT_MAX_ROWS 256 /* rows kept (more are only counted) */
#define GT_MAX_T 1e11   /* a time further from 1970 is no date */
#define GT_LABEL_MAX 24 /* row label columns at most */

/* One row: a `by` key with its target (t[0]) and predicted (t[1]) dates,
 * NaN when its query has no series (or no date) for it. */
typedef struct {
    RowKey k; /* first: panel_row_claim finds rows by it */
    double t[2];
    int qi;          /* the query of its first series */
    const Series *s; /* its first series, for a label when keys are empty */
} GtRow;

/* Returns 1 when conf asks for the gantt mode. */
static int tl_conf_gantt(const PanelConf *conf)
{
    int i = panel_opt_index(conf->cls, "mode");
    if (i < 0 || !conf->opts || !conf->opts[i].set)
        return 0;
    const OptValue *o = &conf->opts[i];
    return o->str ? !strcmp(o->str, "gantt") : o->num == 1;
}

/* Range queries for events over time, instant ones for dates. */
static int timeline_query_mode(const PanelConf *conf)
{
    return tl_conf_gantt(conf) ? QM_INSTANT : QM_RANGE;
}

static int gt_cmp(const void *x, const void *y)
{
    const GtRow *a = x, *b = y;
    for (int k = 0; k < 2; k++) { /* by target, then predicted; none last */
        int an = isnan(a->t[k]), bn = isnan(b->t[k]);
        if (an != bn)
            return an - bn;
        if (!an && a->t[k] != b->t[k])
            return a->t[k] < b->t[k] ? -1 : 1;
    }
    return panel_rowkey_cmp(&a->k, &b->k);
}

/* Gathers the rows of queries 0 and 1 (at most GT_MAX_ROWS, the rest only
 * counted in *total), sorted by date. Returns the count kept. */
static int gt_rows(const Panel *p, const char **by, int nby, GtRow *rows,
                   int *total)
{
    int n = 0, nq = p->conf->nqueries < 2 ? p->conf->nqueries : 2;
    RowIndex ix;
    panel_rowindex_clear(&ix);
    *total = 0;
    for (int qi = 0; qi < nq; qi++) {
        const Result *res = panel_result(p, qi);
        if (res)
            *total += res->dropped; /* not kept: counted only */
        for (int s = 0; res && s < res->nseries; s++) {
            const Series *se = &res->series[s];
            int fresh, r = panel_row_claim(rows, sizeof *rows, &n, GT_MAX_ROWS,
                                           &ix, se, by, nby, total, &fresh);
            if (r < 0)
                continue;
            if (fresh) {
                rows[r].t[0] = rows[r].t[1] = NAN;
                rows[r].qi = qi;
                rows[r].s = se;
            }
            double t = series_last(se);
            if (isnan(rows[r].t[qi]) && fabs(t) < GT_MAX_T)
                rows[r].t[qi] = t; /* the first series wins */
        }
    }
    qsort(rows, (size_t)n, sizeof *rows, gt_cmp);
    return n;
}

/* The label of a row: its non-empty key values joined by blanks, else its
 * first series' name. */
static void gt_label(const Panel *p, const GtRow *row, char *buf, int n)
{
    int len = 0;
    buf[0] = 0;
    for (int i = 0; i < row->k.nby && len < n - 1; i++)
        if (row->k.key[i][0])
            len += snprintf(buf + len, (size_t)(n - len), "%s%s",
                            len ? " " : "", row->k.key[i]);
    if (!len)
        panel_series_name(p, row->qi, row->s, buf, n);
}

/* The status of a row at the right ("+3d late", "on track", "" without
 * both dates) and its role. */
static const char *gt_status(const GtRow *row, char *buf, int n, Role *role)
{
    *role = ROLE_SERIES1;
    buf[0] = 0;
    if (isnan(row->t[0]) || isnan(row->t[1]))
        return buf;
    double late = row->t[1] - row->t[0];
    if (!(late > 0)) {
        *role = ROLE_OK;
        snprintf(buf, (size_t)n, "on track");
    } else {
        *role = ROLE_CRIT;
        if (late >= 86400)
            snprintf(buf, (size_t)n, "+%.0fd late", floor(late / 86400 + 0.5));
        else
            snprintf(buf, (size_t)n, "+%.0fh late", ceil(late / 3600));
    }
    return buf;
}

/* Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
static long gt_days(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Tick k (0, 1, ...) of a date axis starting at or after t0: midnights UTC
 * every dstep days counted from a Monday (1970-01-05), or the first of
 * every mstep-th month when dstep is 0. */
static double gt_tick(double t0, int dstep, int mstep, int k)
{
    if (dstep) {
        double unit = dstep * 86400.0, base = 4 * 86400.0;
        return base + (ceil((t0 - base) / unit) + k) * unit;
    }
    time_t tt = (time_t)floor(t0);
    struct tm tm;
    if (!gmtime_r(&tt, &tm))
        return INFINITY;
    long idx = (tm.tm_year + 1900L) * 12 + tm.tm_mon; /* months since 0 */
    if (idx < 0)
        return INFINITY; /* no calendar before year 0 */
    if (tm.tm_mday > 1 || tm.tm_hour || tm.tm_min || tm.tm_sec)
        idx++; /* the next first of a month */
    idx = (idx + mstep - 1) / mstep * mstep + (long)k * mstep;
    return gt_days(idx / 12, (int)(idx % 12) + 1, 1) * 86400.0;
}

/* The labels of the ticks of a date axis (see gt_tick) on row y over the w
 * columns from x that span [t0, t1], each centred on its column, inside
 * the w columns and 3 blanks from the one before, else left out; "Mar 14",
 * or the year on the first of January of a month step. Draws them when
 * c is set. Returns how many fit; *nticks gets the count of ticks (up to
 * max + 1). */
static int gt_axis_place(Canvas *c, int x, int y, int w, double t0, double t1,
                         int dstep, int mstep, int max, int *nticks)
{
    static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int end = x - 4, placed = 0, k;
    for (k = 0; k <= max; k++) {
        double tick = gt_tick(t0, dstep, mstep, k);
        if (!(tick <= t1))
            break;
        char lab[24];
        time_t tt = (time_t)tick;
        struct tm tm;
        if (!gmtime_r(&tt, &tm))
            break;
        if (mstep >= 12 || (mstep && tm.tm_mon == 0))
            snprintf(lab, sizeof lab, "%d", tm.tm_year + 1900);
        else
            snprintf(lab, sizeof lab, "%s %d", mon[tm.tm_mon], tm.tm_mday);
        int lw = (int)strlen(lab);
        int col = x + (int)lround((tick - t0) / (t1 - t0) * (w - 1));
        int lx = col - lw / 2;
        if (lx + lw > x + w)
            lx = x + w - lw;
        if (lx < x || lx <= end + 3) /* 3 blanks between labels */
            continue;
        if (c)
            canvas_text(c, lx, y, lw, lab, ROLE_AXIS, 0);
        end = lx + lw - 1;
        placed++;
    }
    *nticks = k;
    return placed;
}

/* Date labels under the bars on row y, over the w columns from x that span
 * [t0, t1]: midnights UTC a round number of days or months apart, the
 * closest together whose labels all fit (but for one at an edge), at most
 * one per 9 columns. */
static void gt_date_axis(Canvas *c, int x, int y, int w, double t0, double t1)
{
    static const int steps[][2] = {
        /* days, months */
        {1, 0}, {2, 0},  {7, 0},  {14, 0}, {0, 1},   {0, 2},   {0, 3},
        {0, 6}, {0, 12}, {0, 24}, {0, 60}, {0, 120}, {0, 600}, {0, 1200}};
    int max = w / 9;
    if (max < 1 || !(t1 > t0))
        return;
    int best = -1, best_placed = 0;
    for (int i = 0; i < (int)(sizeof steps / sizeof steps[0]); i++) {
        int n, placed = gt_axis_place(NULL, x, y, w, t0, t1, steps[i][0],
                                      steps[i][1], max, &n);
        if (n > max || placed == 0)
            continue;
        if (placed >= n - 1) {
            best = i;
            break;
        }
        if (placed > best_placed) { /* a fallback: the most that fit */
            best = i;
            best_placed = placed;
        }
    }
    if (best >= 0) {
        int n;
        gt_axis_place(c, x, y, w, t0, t1, steps[best][0], steps[best][1], max,
                      &n);
    }
}

/* One row on line y: its label, a dotted track, the bar from now to the
 * target, the mark at the predicted date, the status at the right. */
static void gt_draw_row(const Panel *p, Canvas *c, int y, Rect r, int llw,
                        int ax, int aw, int sw, const GtRow *row, double now,
                        double t0, double t1, const char *const *set, int nset)
{
    char label[96], status[32];
    Role role;
    gt_status(row, status, sizeof status, &role);
    if (llw) {
        gt_label(p, row, label, sizeof label);
        canvas_label_among(c, r.x, y, llw, label, set, nset, ROLE_DEFAULT, 0);
    }
    for (int x = 0; x < aw; x += 2)
        canvas_put(c, ax + x, y, c->ascii ? '.' : 0x00b7, ROLE_DIM, 0);
    if (!isnan(row->t[0]) && aw > 0) {
        int x0 = tl_col(now, ax, aw, t0, t1),
            x1 = tl_col(row->t[0], ax, aw, t0, t1);
        if (x1 < x0) {
            int k = x0;
            x0 = x1;
            x1 = k;
        }
        for (int x = x0; x <= x1; x++)
            canvas_put(c, x, y, c->ascii ? '#' : 0x2588, role, 0);
    }
    if (!isnan(row->t[1]) && aw > 0)
        canvas_put(c, tl_col(row->t[1], ax, aw, t0, t1), y,
                   c->ascii ? 'v' : 0x25bc,
                   role == ROLE_SERIES1 ? ROLE_VALUE : role, TA_BOLD);
    if (sw && status[0])
        canvas_text_right(c, r.x + r.w - sw, y, sw, status, role, TA_BOLD);
}

static void gantt_draw(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx)
{
    const char *by[GT_MAX_BY];
    int nby = panel_by_labels(p, by, GT_MAX_BY);
    GtRow *rows = malloc(sizeof *rows * GT_MAX_ROWS);
    if (!rows)
        return;
    int total, n = gt_rows(p, by, nby, rows, &total);
    /* the dates span now to the latest, and back to the earliest past one */
    double now = fabs(ctx->now) < GT_MAX_T ? ctx->now : 0;
    double t0 = now, t1 = now;
    int dated = 0;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < 2; k++)
            if (!isnan(rows[i].t[k])) {
                t0 = fmin(t0, rows[i].t[k]);
                t1 = fmax(t1, rows[i].t[k]);
                dated = 1;
            }
    if (!dated) {
        free(rows);
        panel_draw_nodata(c, r);
        return;
    }
    if (t1 - t0 < 86400)
        t1 = t0 + 86400;
    int axis = r.h >= 2;
    int room = r.h - axis; /* rows of bars */
    int shown = total <= room ? n : room - 1;
    if (shown < 1)
        shown = room < n ? room : n;
    if (shown > n)
        shown = n;
    int llw = 0, sw = 0;
    for (int i = 0; i < shown && r.w >= 16; i++) {
        char label[96], status[32];
        Role role;
        gt_label(p, &rows[i], label, sizeof label);
        int k = canvas_text_width(label);
        llw = k > llw ? k : llw;
        k = canvas_text_width(
            gt_status(&rows[i], status, sizeof status, &role));
        sw = k > sw ? k : sw;
    }
    char more[32];
    snprintf(more, sizeof more, "+%d more", total - shown);
    if (shown < total && llw > 0 && llw < canvas_text_width(more))
        llw = canvas_text_width(more);
    if (llw > GT_LABEL_MAX)
        llw = GT_LABEL_MAX;
    if (llw > r.w / 3)
        llw = r.w / 3;
    if (r.w - (llw ? llw + 1 : 0) - sw - 1 < 20)
        sw = 0; /* bars before statuses */
    int ax = r.x + (llw ? llw + 1 : 0);
    int aw = r.x + r.w - ax - (sw ? sw + 1 : 0);
    char(*labels)[96] = malloc(sizeof *labels * (size_t)(shown + 1));
    const char **set = malloc(sizeof *set * (size_t)(shown + 1));
    for (int i = 0; labels && set && i < shown; i++) {
        gt_label(p, &rows[i], labels[i], sizeof labels[i]);
        set[i] = labels[i];
    }
    for (int i = 0; i < shown; i++)
        gt_draw_row(p, c, r.y + i, r, llw, ax, aw, sw, &rows[i], now, t0, t1,
                    set, labels && set ? shown : 0);
    free(labels);
    free(set);
    int y = r.y + shown;
    if (shown < total && shown < room) {
        canvas_text(c, r.x, y++, llw ? llw : r.w, more, ROLE_DIM, 0);
    }
    if (axis) /* right under the rows */
        gt_date_axis(c, ax, y, aw, t0, t1);
    free(rows);
}

static void timeline_draw(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    if (panel_no_data(p)) {
        panel_draw_nodata(c, r);
        return;
    }
    if (tl_conf_gantt(p->conf)) {
        gantt_draw(p, c, r, ctx);
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
    .help = "Events (values above 0) as marks and spans on a time axis and as "
            "a list; or target and predicted dates as a Gantt chart.",
    .opts = timeline_opts,
    .query_mode = QM_RANGE,
    .query_mode_for = timeline_query_mode,
    .points = timeline_points,
    .draw = timeline_draw,
};
