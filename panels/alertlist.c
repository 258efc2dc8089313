/* alertlist.c - the "alertlist" panel kind: every series of every query is
 * one firing alert (ALERTS{alertstate="firing"}, blocker tickets, failed
 * logins by user), listed most severe first under a "N firing" header.
 * Severity comes from a label (critical/high/blocker, warning/medium/major),
 * else from the query's thresholds. An answer with no series is good news,
 * "all clear", once the metrics asked about are known to exist (else "none
 * firing"; a missing metric is said by the frame). */
#include "panel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "format.h"

#define AL_NAME 128

static const OptSpec alertlist_opts[] = {
    {.name = "severity_label",
     .type = OPT_STRING,
     .def = "severity",
     .help =
         "Label holding the severity: critical, high, blocker are critical; "
         "warning, medium, major are warnings; otherwise thresholds decide."},
    {.name = "show_value",
     .type = OPT_BOOL,
     .def = "true",
     .help = "Show each alert's value at the right."},
    {0},
};

typedef struct {
    int qi;
    double v;
    Role role; /* ROLE_CRIT, ROLE_WARN, or what thresholds say */
    int rank;  /* 0 critical, 1 warning, 2 the rest */
    char name[AL_NAME];
} AlRow;

/* The role of series s of query qi: from its severity label when it names
 * a known level, else by the query's thresholds, else ROLE_OK. */
static Role al_role(const Panel *p, int qi, const Series *s, double v)
{
    static const char *const crit[] = {"critical", "high", "blocker"};
    static const char *const warn[] = {"warning", "medium", "major"};
    const char *lab =
        series_label(s, panel_opt_str(p, "severity_label", "severity"));
    for (int i = 0; lab && i < 3; i++) {
        if (!strcasecmp(lab, crit[i]))
            return ROLE_CRIT;
        if (!strcasecmp(lab, warn[i]))
            return ROLE_WARN;
    }
    return panel_value_role(p, qi, v, ROLE_OK);
}

static int al_cmp(const void *x, const void *y)
{
    const AlRow *a = x, *b = y;
    if (a->rank != b->rank)
        return a->rank - b->rank;
    int an = isnan(a->v), bn = isnan(b->v);
    if (an != bn)
        return an - bn; /* NaN last */
    if (!an && a->v != b->v)
        return a->v > b->v ? -1 : 1;
    int c = strcmp(a->name, b->name);
    return c ? c : a->qi - b->qi;
}

/* Every series of every query as a row, sorted; NULL when there is none
 * (or on OOM). *n gets the count, *answered whether every query has
 * answered at all. */
static AlRow *al_rows(const Panel *p, int *n, int *answered)
{
    int total = 0;
    *n = 0;
    *answered = p->conf->nqueries > 0;
    for (int qi = 0; qi < p->conf->nqueries; qi++) {
        const Result *res = panel_result(p, qi);
        if (!res)
            *answered = 0;
        total += res ? res->nseries : 0;
    }
    if (total == 0)
        return NULL;
    AlRow *rows = malloc(sizeof *rows * (size_t)total);
    if (!rows)
        return NULL;
    for (int qi = 0; qi < p->conf->nqueries; qi++) {
        const Result *res = panel_result(p, qi);
        for (int i = 0; res && i < res->nseries; i++) {
            const Series *s = &res->series[i];
            AlRow *row = &rows[(*n)++];
            row->qi = qi;
            row->v = series_last(s);
            row->role = al_role(p, qi, s, row->v);
            row->rank = row->role == ROLE_CRIT   ? 0
                        : row->role == ROLE_WARN ? 1
                                                 : 2;
            panel_series_name(p, qi, s, row->name, sizeof row->name);
        }
    }
    qsort(rows, (size_t)*n, sizeof *rows, al_cmp);
    return rows;
}

/* "N firing" in the most severe row's colour, then the count of critical
 * and warning rows when they fit. */
static void al_header(Canvas *c, Rect r, const AlRow *rows, int n)
{
    int ncrit = 0, nwarn = 0;
    for (int i = 0; i < n; i++) {
        ncrit += rows[i].rank == 0;
        nwarn += rows[i].rank == 1;
    }
    char head[32], tail[64] = "";
    snprintf(head, sizeof head, "%d firing", n);
    int k = canvas_text(c, r.x, r.y, r.w, head, rows[0].role, TA_BOLD);
    if (ncrit && nwarn)
        snprintf(tail, sizeof tail, "  %d critical, %d warning", ncrit, nwarn);
    else if (ncrit && ncrit < n)
        snprintf(tail, sizeof tail, "  %d critical", ncrit);
    else if (nwarn && nwarn < n)
        snprintf(tail, sizeof tail, "  %d warning", nwarn);
    if (tail[0] && canvas_text_width(tail) <= r.w - k)
        canvas_text(c, r.x + k, r.y, r.w - k, tail, ROLE_DIM, 0);
}

/* One alert on row y: a marker in its colour, its name, its value at the
 * right (vw columns kept for values, 0: none). */
static void al_row(const Panel *p, Canvas *c, Rect r, int y, const AlRow *row,
                   int vw)
{
    uint32_t mark = row->rank == 0   ? (c->ascii ? '!' : 0x25cf)  /* ● */
                    : row->rank == 1 ? (c->ascii ? '*' : 0x25b2)  /* ▲ */
                                     : (c->ascii ? 'o' : 0x2022); /* • */
    canvas_put(c, r.x, y, mark, row->role, TA_BOLD);
    if (r.w < 3)
        return;
    int nw = r.w - 2 - (vw ? vw + 1 : 0);
    if (nw < 4 && vw) { /* too narrow for both: the name alone */
        vw = 0;
        nw = r.w - 2;
    }
    canvas_text(c, r.x + 2, y, nw, row->name, ROLE_DEFAULT, 0);
    if (vw) {
        char val[64];
        panel_format(p, row->qi, row->v, val, sizeof val);
        canvas_text_right(c, r.x + r.w - vw, y, vw, val, row->role, TA_BOLD);
    }
}

static void alertlist_draw(const Panel *p, Canvas *c, Rect r,
                           const DrawCtx *ctx)
{
    (void)ctx;
    if (r.w <= 0 || r.h <= 0)
        return;
    int n, answered;
    AlRow *rows = al_rows(p, &n, &answered);
    if (!rows) {
        if (!answered) {
            panel_draw_nodata(c, r);
            return;
        }
        /* good news only when the metrics asked about exist */
        int sure = panel_metrics_exist(p);
        const char *msg = sure ? "all clear" : "none firing";
        int w = canvas_text_width(msg);
        canvas_text(c, r.x + (r.w > w ? (r.w - w) / 2 : 0), r.y + (r.h - 1) / 2,
                    r.w, msg, sure ? ROLE_OK : ROLE_DIM, sure ? TA_BOLD : 0);
        return;
    }
    al_header(c, r, rows, n);
    /* rows under the header; the last says how many are left out, unless
     * it is the only one (the header has the count) */
    int room = r.h - 1;
    int shown = n <= room ? n : room >= 2 ? room - 1 : room;
    int vw = 0;
    if (panel_opt_num(p, "show_value", 1) != 0)
        for (int i = 0; i < shown; i++) {
            char val[64];
            int k = canvas_text_width(
                panel_format(p, rows[i].qi, rows[i].v, val, sizeof val));
            vw = k > vw ? k : vw;
        }
    if (vw > r.w / 3)
        vw = r.w / 3;
    for (int i = 0; i < shown; i++)
        al_row(p, c, r, r.y + 1 + i, &rows[i], vw);
    if (shown < n && shown < room) {
        char more[32];
        snprintf(more, sizeof more, "+%d more", n - shown);
        canvas_text(c, r.x, r.y + 1 + shown, r.w, more, ROLE_DIM, 0);
    }
    free(rows);
}

const PanelClass alertlist_class = {
    .name = "alertlist",
    .help = "Each series is a firing alert: a list by severity under \"N "
            "firing\", or \"all clear\" when none is and the metrics asked "
            "about exist on the server.",
    .opts = alertlist_opts,
    .query_mode = QM_INSTANT,
    .draw = alertlist_draw,
};
