/* alertlist.c - the "alertlist" panel kind, from one of three sources.
 * `source: query`: every series of every query is one firing alert
 * (blocker tickets, failed logins by user), listed most severe first under
 * a "N firing" header; severity from a label, else from the query's
 * thresholds; an answer with no series is good news, "all clear", once
 * the metrics asked about are known to exist (else "none firing"; a
 * missing metric is said by the frame).
 * `source: alerts` (Prometheus' alerts API) and `source: alertmanager`:
 * the alerts themselves, read from the App's AlertStore: severity, name,
 * summary, a runbook mark, firing or pending for how long, silenced and
 * inhibited ones dimmed or hidden, grouped by a label when asked, under a
 * header counting firing, pending, silenced and inhibited. */
#include "panel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../datasource/promjson.h"
#include "format.h"

#define AL_NAME 128

static const OptSpec alertlist_opts[] = {
    {.name = "source",
     .type = OPT_ENUM,
     .def = "query",
     .choices = "alerts|alertmanager|query",
     .help = "Where the alerts come from: alerts (the server's alerts API: "
             "firing and pending alerts with their summaries, no query "
             "needed), alertmanager (Alertmanager's alerts, with silenced and "
             "inhibited ones) or query (each series of the queries is a "
             "firing alert)."},
    {.name = "severity_label",
     .type = OPT_STRING,
     .def = "severity",
     .help = "Label holding the severity: critical, high, blocker, page, P0, "
             "P1 are critical; warning, medium, major, P2 are warnings; "
             "otherwise (with source: query) thresholds decide."},
    {.name = "show_value",
     .type = OPT_BOOL,
     .def = "true",
     .help = "Show each alert's value at the right."},
    {.name = "group_by",
     .type = OPT_STRING,
     .help = "With source alerts or alertmanager: a label (alertname, "
             "service, ...) whose values head groups of alerts."},
    {.name = "suppressed",
     .type = OPT_ENUM,
     .def = "dim",
     .choices = "dim|hide",
     .help = "With source alerts or alertmanager: silenced and inhibited "
             "alerts are shown dimmed, or hidden (the header still counts "
             "them)."},
    {0},
};

extern const PanelClass alertlist_class;

/* The value of kind option `name` of a conf, or NULL. */
static const char *conf_opt(const PanelConf *conf, const char *name)
{
    int i = panel_opt_index(conf->cls, name);
    return i >= 0 && conf->opts && conf->opts[i].set ? conf->opts[i].str : NULL;
}

int panel_alert_source(const PanelConf *conf)
{
    if (!conf || conf->cls != &alertlist_class)
        return 0;
    const char *src = conf_opt(conf, "source");
    return !src                           ? 0
           : !strcmp(src, "alerts")       ? ALERTS_FROM_PROM
           : !strcmp(src, "alertmanager") ? ALERTS_FROM_AM
                                          : 0;
}

int panel_alert_from(const PanelConf *conf, int frozen)
{
    int src = panel_alert_source(conf);
    return src == ALERTS_FROM_PROM && frozen ? ALERTS_FROM_PAST : src;
}

const char panel_alert_am_frozen[] =
    "Alertmanager holds only the present: not asked at a frozen time";

static int alertlist_mode(const PanelConf *conf)
{
    return panel_alert_source(conf) ? 0 : QM_INSTANT;
}

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

/* ---- source: alerts, alertmanager ---------------------------------------- */

/* 1 when row r passes the panel's '/' filter: its name, summary or a label
 * value. */
static int row_passes(const Panel *p, const AlertRow *r)
{
    if (!p->matcher)
        return 1;
    const Alert *a = r->a;
    const char *sum = alert_annotation(a, "summary");
    if (panel_text_matches(p, r->name) || (sum && panel_text_matches(p, sum)))
        return 1;
    for (int i = 0; i < a->nlabels; i++)
        if (panel_text_matches(p, a->labels[i].value))
            return 1;
    return 0;
}

uint32_t panel_alert_mark(const Canvas *c, const AlertRow *r)
{
    if (r->state == ALERT_PENDING)
        return c->ascii ? '.' : 0x25cb;                /* ○ */
    return r->rank == 0   ? (c->ascii ? '!' : 0x25cf)  /* ● */
           : r->rank == 1 ? (c->ascii ? '*' : 0x25b2)  /* ▲ */
                          : (c->ascii ? 'o' : 0x2022); /* • */
}

Role panel_alert_role(int rank)
{
    return rank == 0 ? ROLE_CRIT : rank == 1 ? ROLE_WARN : ROLE_VALUE;
}

/* The time alert ages are counted to: the instant shown. */
static double alerts_ref_time(const DrawCtx *ctx)
{
    return ctx->frozen ? ctx->now : ctx->wall;
}

/* The state and age of row r, as "firing 12m": `word` 2 always with the
 * state's word, 1 unless it is firing, 0 the age alone. */
static void row_state(const AlertRow *r, double wall, int word, char *buf,
                      size_t n)
{
    const char *st = r->silenced                 ? "silenced"
                     : r->inhibited              ? "inhibited"
                     : r->state == ALERT_PENDING ? "pending"
                                                 : "firing";
    char age[32] = "";
    if (!isnan(r->since))
        format_age(wall - r->since, age, sizeof age);
    int show = word == 2 || (word == 1 && strcmp(st, "firing") != 0);
    snprintf(buf, n, "%s%s%s", show ? st : "", show && age[0] ? " " : "", age);
}

/* The right-hand columns of the rows shown: value, runbook mark, state
 * and age, each as wide as its widest (0: left out). */
typedef struct {
    int vw, bw, sw;
    int words; /* "firing 12m" rather than "12m" */
} Cols;

/* The value text of row r ("" when it has none or values are not shown). */
static void row_value(const Panel *p, const AlertRow *r, char *buf, size_t n)
{
    double v;
    buf[0] = '\0';
    if (panel_opt_num(p, "show_value", 1) != 0 && r->prom && r->prom->value &&
        promjson_number(r->prom->value, &v) == 0)
        format_value(v, NULL, -1, buf, n);
}

/* The columns for rows[0..n) in w columns: everything while it takes at
 * most half of them, else without values, then with the state's word only
 * when not firing, then the age alone, then nothing. */
static Cols row_cols(const Panel *p, const AlertRow *const *rows, int n, int w,
                     double wall)
{
    Cols best = {0};
    for (int pass = 0; pass < 4; pass++) {
        Cols c = {.words = pass < 2 ? 2 : 3 - pass};
        for (int i = 0; i < n; i++) {
            char t[64];
            if (pass == 0) {
                row_value(p, rows[i], t, sizeof t);
                int k = canvas_text_width(t);
                c.vw = k > c.vw ? k : c.vw;
            }
            if (alert_runbook(rows[i]->a))
                c.bw = 2;
            row_state(rows[i], wall, c.words, t, sizeof t);
            int k = canvas_text_width(t);
            c.sw = k > c.sw ? k : c.sw;
        }
        if ((c.vw ? c.vw + 2 : 0) + c.bw + c.sw <= w / 2)
            return c;
    }
    return best;
}

/* One alert on row y of r (indent columns in): marker, name, summary,
 * and at the right its value, runbook mark, state and age. */
static void alert_row(const Panel *p, Canvas *c, Rect r, int y, int indent,
                      const AlertRow *row, const Cols *cols, const DrawCtx *ctx)
{
    int dim = row->silenced || row->inhibited;
    Role mrole = dim ? ROLE_DIM : panel_alert_role(row->rank);
    Role text = dim ? ROLE_DIM : ROLE_DEFAULT;
    int x = r.x + indent, w = r.w - indent;
    if (w < 3)
        return;
    canvas_put(c, x, y, panel_alert_mark(c, row), mrole, dim ? 0 : TA_BOLD);
    int rw = (cols->vw ? cols->vw + 2 : 0) + cols->bw + cols->sw;
    int rx = x + w - rw;
    if (cols->vw) {
        char val[64];
        row_value(p, row, val, sizeof val);
        canvas_text_right(c, rx, y, cols->vw, val, dim ? ROLE_DIM : ROLE_VALUE,
                          0);
        rx += cols->vw + 2;
    }
    if (cols->bw && alert_runbook(row->a))
        canvas_put(c, rx, y, c->ascii ? 'R' : 0x2197, text, 0); /* ↗ */
    rx += cols->bw;
    if (cols->sw) {
        char state[64];
        row_state(row, alerts_ref_time(ctx), cols->words, state, sizeof state);
        canvas_text_right(c, rx, y, cols->sw, state,
                          dim || row->state == ALERT_PENDING ? ROLE_DIM : mrole,
                          0);
    }
    int nx = x + 2, room = w - 2 - (rw ? rw + 1 : 0);
    int k = canvas_text(c, nx, y, room, row->name, dim ? ROLE_DIM : ROLE_VALUE,
                        dim ? 0 : TA_BOLD);
    const char *sum = alert_annotation(row->a, "summary");
    if (sum && room - k > 4)
        canvas_text(c, nx + k + 2, y, room - k - 2, sum, text, 0);
}

/* The counts header: "2 firing  1 pending  1 silenced  1 inhibited", the
 * first in the colour of the most severe alert firing. */
static void alerts_header(Canvas *c, Rect r, const AlertRow *rows, int n)
{
    int firing = 0, pending = 0, silenced = 0, inhibited = 0, best = 9;
    for (int i = 0; i < n; i++) {
        const AlertRow *a = &rows[i];
        if (a->silenced)
            silenced++;
        else if (a->inhibited)
            inhibited++;
        else if (a->state == ALERT_PENDING)
            pending++;
        else {
            firing++;
            best = a->rank < best ? a->rank : best;
        }
    }
    char head[32], tail[96] = "";
    snprintf(head, sizeof head, "%d firing", firing);
    int k = canvas_text(c, r.x, r.y, r.w, head,
                        firing ? panel_alert_role(best) : ROLE_OK, TA_BOLD);
    int t = 0;
    if (pending)
        t += snprintf(tail + t, sizeof tail - (size_t)t, "  %d pending",
                      pending);
    if (silenced)
        t += snprintf(tail + t, sizeof tail - (size_t)t, "  %d silenced",
                      silenced);
    if (inhibited)
        snprintf(tail + t, sizeof tail - (size_t)t, "  %d inhibited",
                 inhibited);
    canvas_text(c, r.x + k, r.y, r.w - k, tail, ROLE_DIM, 0);
}

/* Draws the rows of source `from` from ctx->alerts. */
static void draw_alerts(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx,
                        int from)
{
    const AlertStore *st = ctx->alerts;
    if (ctx->frozen && from == ALERTS_FROM_AM) {
        canvas_wrap(c, r, panel_alert_am_frozen, ROLE_DIM);
        return;
    }
    if (from == ALERTS_FROM_AM && (!st || !st->have_am)) {
        canvas_wrap(c, r,
                    "no Alertmanager configured: give --alertmanager URL or "
                    "alertmanager: in config.yaml",
                    ROLE_ERROR);
        return;
    }
    const AlertFeed *main = alerts_feed(st, from);
    if (!main || !main->set) { /* an error is drawn by the frame */
        if (!main || !main->error)
            canvas_text(c, r.x, r.y + (r.h - 1) / 2, r.w, "loading...",
                        ROLE_DIM, 0);
        return;
    }
    int n = 0;
    AlertRow *all =
        alerts_rows(st, from, panel_opt_str(p, "severity_label", NULL), &n);
    int k = 0;
    for (int i = 0; i < n; i++) /* the filter drops rows for good */
        if (row_passes(p, &all[i]))
            all[k++] = all[i];
    n = k;
    /* an Alertmanager that does not answer must not hide Prometheus' own
     * alerts: they stay, and a last line says what is wrong */
    const char *err2 =
        from == ALERTS_FROM_PROM && st->have_am ? st->am_alerts.error : NULL;
    Rect body = r;
    if (err2 && body.h >= 3) {
        char msg[512];
        snprintf(msg, sizeof msg, "Alertmanager: %s", err2);
        canvas_text(c, r.x, r.y + r.h - 1, r.w, msg, ROLE_ERROR, 0);
        body.h--;
    }
    if (n == 0) {
        free(all);
        /* Prometheus records ALERTS only as it evaluates its rules: an
         * instant before that (backfilled history) has none either */
        const char *msg =
            from == ALERTS_FROM_PAST ? "no alert recorded then" : "all clear";
        int w = canvas_text_width(msg);
        canvas_text(c, body.x + (body.w > w ? (body.w - w) / 2 : 0),
                    body.y + (body.h - 1) / 2, body.w, msg, ROLE_OK, TA_BOLD);
        return;
    }
    alerts_header(c, body, all, n);
    int hide = !strcmp(panel_opt_str(p, "suppressed", "dim"), "hide");
    k = 0;
    for (int i = 0; i < n; i++)
        if (!hide || !(all[i].silenced || all[i].inhibited))
            all[k++] = all[i];
    const char *by = panel_opt_str(p, "group_by", NULL);
    if (by && !*by)
        by = NULL;
    /* the lines under the header: groups in the order of their first (most
     * pressing) alert, each a head line (-1 - the alert it is named after)
     * and its alerts; "+N more" on the last row when they do not fit */
    int *lines = malloc(sizeof *lines * (size_t)(2 * k + 1));
    char *done = calloc((size_t)k + 1, 1);
    int nl = 0;
    for (int i = 0; lines && done && i < k; i++) {
        if (done[i])
            continue;
        const char *gv = by ? alert_label(all[i].a, by) : NULL;
        if (by)
            lines[nl++] = -1 - i;
        for (int j = i; j < k; j++) {
            const char *v = by ? alert_label(all[j].a, by) : NULL;
            if (done[j] || (by && !(v == gv || (v && gv && !strcmp(v, gv)))))
                continue;
            lines[nl++] = j;
            done[j] = 1;
            if (!by)
                break;
        }
    }
    int room = body.h - 1;
    int fit = nl <= room ? nl : room >= 2 ? room - 1 : room;
    if (fit > 1 && fit < nl && lines[fit - 1] < 0)
        fit--; /* no group head without one of its alerts under it */
    const AlertRow **shown = malloc(sizeof *shown * (size_t)(fit + 1));
    int ns = 0;
    for (int l = 0; shown && l < fit; l++)
        if (lines[l] >= 0)
            shown[ns++] = &all[lines[l]];
    Cols cols =
        row_cols(p, shown, ns, body.w - (by ? 2 : 0), alerts_ref_time(ctx));
    free(shown);
    int drawn = 0;
    for (int l = 0; l < fit; l++) {
        int y = body.y + 1 + l;
        if (lines[l] >= 0) {
            alert_row(p, c, body, y, by ? 2 : 0, &all[lines[l]], &cols, ctx);
            drawn++;
            continue;
        }
        const AlertRow *first = &all[-1 - lines[l]];
        const char *gv = alert_label(first->a, by);
        int members = 0;
        for (int j = 0; j < k; j++) {
            const char *v = alert_label(all[j].a, by);
            members += v == gv || (v && gv && !strcmp(v, gv));
        }
        char head[160], cnt[32];
        snprintf(head, sizeof head, gv ? "%s" : "(no %s)", gv ? gv : by);
        snprintf(cnt, sizeof cnt, "  %d", members);
        int hw = canvas_text(c, body.x, y, body.w, head, ROLE_TITLE, TA_BOLD);
        canvas_text(c, body.x + hw, y, body.w - hw, cnt, ROLE_DIM, 0);
    }
    if (fit < nl && fit < room && drawn < k) {
        char more[32];
        snprintf(more, sizeof more, "+%d more", k - drawn);
        canvas_text(c, body.x, body.y + 1 + fit, body.w, more, ROLE_DIM, 0);
    }
    free(lines);
    free(done);
    free(all);
}

static void alertlist_draw(const Panel *p, Canvas *c, Rect r,
                           const DrawCtx *ctx)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    int src = panel_alert_from(p->conf, ctx->frozen);
    if (src) {
        draw_alerts(p, c, r, ctx, src);
        return;
    }
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
    .help = "Alerts by severity under \"N firing\", or \"all clear\": the "
            "series of its queries, or the server's or Alertmanager's alerts "
            "with summary, runbook and age.",
    .opts = alertlist_opts,
    .query_mode = QM_INSTANT,
    .query_mode_for = alertlist_mode,
    .draw = alertlist_draw,
};
