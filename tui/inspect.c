/* inspect.c - the inspect overlay: a list of text lines built from the
 * focused panel's query slots, wrapped at character boundaries to the
 * screen width (so a PromQL line reads back exactly when its rows are
 * joined) and scrolled by a->inspect_top. */
#include "inspect.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../datasource/query.h"
#include "../panels/format.h"
#include "nav.h"
#include "output.h"
#include "textlines.h"
#include "view.h"

#define MAX_SERIES_LISTED 2000 /* per query slot; the rest are counted */

/* The series' labels as {name="value", ...}, malloc'd (NULL on OOM). */
static char *labels_text(const Series *s)
{
    size_t n = 3;
    for (int k = 0; k < s->nlabels; k++)
        n += strlen(s->labels[k].name) + strlen(s->labels[k].value) + 6;
    char *buf = malloc(n);
    if (!buf)
        return NULL;
    size_t len = 0;
    buf[len++] = '{';
    for (int k = 0; k < s->nlabels; k++)
        len +=
            (size_t)snprintf(buf + len, n - len, "%s%s=\"%s\"", k ? ", " : "",
                             s->labels[k].name, s->labels[k].value);
    snprintf(buf + len, n - len, "}");
    return buf;
}

/* The lines of one query slot of panel p (query qi). */
static void slot_lines(TextLines *l, const App *a, const Panel *p, int qi,
                       const QueryState *st)
{
    char t0[40], t1[40], step[32], age[32];
    const PromQuery *q = &st->q;
    if (!st->sent_at && !q->expr) {
        textlines_add(l, 0, ROLE_TITLE, TA_BOLD, "Query %d  not asked yet",
                      qi + 1);
        return;
    }
    if (q->type == PQ_RANGE) {
        app_utc_text(q->start, 1, t0, sizeof t0);
        app_utc_text(q->end, 1, t1, sizeof t1);
        textlines_add(
            l, 0, ROLE_TITLE, TA_BOLD,
            "Query %d  range  start %.0f  end %.0f  step %s  (%s to %s)",
            qi + 1, q->start, q->end,
            format_duration(q->step, -1, step, sizeof step), t0, t1);
    } else if (q->type == PQ_ALERTS) {
        textlines_add(l, 0, ROLE_TITLE, TA_BOLD,
                      "Query %d  alerts  /api/v1/alerts", qi + 1);
    } else {
        app_utc_text(q->time, 1, t0, sizeof t0);
        textlines_add(l, 0, ROLE_TITLE, TA_BOLD,
                      "Query %d  instant  time %.0f  (%s)", qi + 1, q->time,
                      t0);
    }
    if (q->expr) {
        textlines_exact(l);
        textlines_add(l, 2, ROLE_VALUE, 0, "%s", q->expr);
    }
    double wall = app_time(a);
    if (st->inflight)
        textlines_add(l, 2, ROLE_DIM, 0,
                      "asking... (what follows is the previous answer)");
    if (st->error) {
        char http[32] = "no HTTP answer";
        if (st->status)
            snprintf(http, sizeof http, "HTTP %ld", st->status);
        textlines_add(l, 2, ROLE_ERROR, 0, "error (%s): %s", http, st->error);
        if (st->ok_at > 0)
            textlines_add(l, 2, ROLE_STALE, 0,
                          "the panel shows the last good answer, "
                          "%s old",
                          format_age(wall - st->ok_at, age, sizeof age));
    } else if (st->ok_at > 0) {
        textlines_add(l, 2, ROLE_OK, 0, "HTTP %ld, answered %s ago", st->status,
                      format_age(wall - st->ok_at, age, sizeof age));
    }
    const Result *r = &st->res;
    for (int w = 0; w < r->nwarnings; w++)
        textlines_add(l, 2, ROLE_WARN, 0, "warning: %s", r->warnings[w]);
    for (int k = 0; k < r->ninfos; k++)
        textlines_add(l, 2, ROLE_DIM, 0, "info: %s", r->infos[k]);
    if (r->type == RESULT_NONE)
        return;
    static const char *types[] = {"none", "vector", "matrix", "scalar",
                                  "string"};
    int shown = 0;
    for (int k = 0; k < r->nseries; k++)
        shown += panel_series_matches(p, qi, &r->series[k]);
    if (p->filter)
        textlines_add(l, 2, ROLE_DEFAULT, 0, "%s, %d series, %d match /%s/",
                      types[r->type], r->nseries, shown, p->filter);
    else
        textlines_add(l, 2, ROLE_DEFAULT, 0,
                      "%s, %d series (last value exact, then as "
                      "shown)",
                      types[r->type], r->nseries);
    if (r->dropped)
        textlines_add(
            l, 2, ROLE_WARN, 0,
            "%d more series not kept (a panel shows at most %d): narrow the "
            "query",
            r->dropped, r->nseries);
    int listed = 0;
    for (int k = 0; k < r->nseries; k++) {
        const Series *s = &r->series[k];
        if (!panel_series_matches(p, qi, s))
            continue;
        if (listed++ >= MAX_SERIES_LISTED) {
            textlines_add(l, 4, ROLE_DIM, 0, "... %d more",
                          shown - MAX_SERIES_LISTED);
            break;
        }
        char exact[40], fmt[128], name[512];
        double v = series_last(s);
        output_number(v, exact, sizeof exact);
        panel_format(p, qi, v, fmt, sizeof fmt);
        if (series_is_histogram(s)) {
            const HistPoint *h = &s->hists[s->nhists - 1];
            char n[40], sum[40];
            output_number(h->count, n, sizeof n);
            output_number(h->sum, sum, sizeof sum);
            snprintf(exact, sizeof exact, "histogram");
            snprintf(fmt, sizeof fmt, "count %s, sum %s, %d buckets", n, sum,
                     h->nbuckets);
        }
        panel_series_name(p, qi, s, name, sizeof name);
        char *lab = labels_text(s);
        if (lab && strcmp(lab, name) && strcmp(lab, "{}"))
            textlines_add(l, 4, ROLE_DEFAULT, 0, "%s  [%s]  %s  %s", exact, fmt,
                          name, lab);
        else
            textlines_add(l, 4, ROLE_DEFAULT, 0, "%s  [%s]  %s", exact, fmt,
                          name);
        free(lab);
    }
}

static void build(TextLines *l, const App *a)
{
    const DashState *ds = &a->dash[a->cur];
    if (a->focus < 0 || a->focus >= ds->npanels) {
        textlines_add(l, 0, ROLE_DIM, 0, "this dashboard has no panels");
        return;
    }
    const Panel *p = &ds->panels[a->focus];
    char rng[32], now[40], tw[128];
    format_duration(app_range(a, a->cur), -1, rng, sizeof rng);
    app_utc_text(app_now(a), 1, now, sizeof now);
    textlines_add(l, 0, ROLE_TITLE_FOCUS, TA_BOLD, "%s  (%s, dashboard %s)",
                  p->conf->title, p->cls->name, ds->d->name);
    nav_time_text(a, tw, sizeof tw);
    textlines_add(l, 0, ROLE_DEFAULT, 0, "window: %s ending %s (%.0f)%s%s", rng,
                  now, app_now(a), tw[0] ? "  " : "",
                  tw[0] ? "[0: back to the start]" : "");
    if (p->conf->description)
        textlines_add(l, 0, ROLE_DIM, 0, "%s", p->conf->description);
    if (p->conf->nqueries == 0)
        textlines_add(l, 0, ROLE_DIM, 0, "this panel asks no query");
    for (int qi = 0; qi < p->conf->nqueries; qi++) {
        const QueryState *st[2] = {&p->qs[qi].inst, &p->qs[qi].range};
        for (int k = 0; k < 2; k++)
            if (st[k]->used) {
                textlines_add(l, 0, ROLE_DEFAULT, 0, "%s", "");
                slot_lines(l, a, p, qi, st[k]);
            }
    }
}

/* Draws the overlay over the whole of c (clamping a->inspect_top). */
static void inspect_draw(App *a, Canvas *c)
{
    if (c->w < 4 || c->h < 3)
        return;
    Rect box = {0, 0, c->w, c->h - 1};
    canvas_clear(c, (Rect){0, 0, c->w, c->h}, ROLE_DEFAULT);
    canvas_box(c, box, ROLE_BORDER_FOCUS, "Inspect", ROLE_TITLE_FOCUS);
    TextLines l = {0};
    build(&l, a);
    int h = box.h - 2;
    int rows =
        textlines_draw(&l, c, (Rect){2, 1, c->w - 4, h}, &a->inspect_top);
    textlines_free(&l);
    char hint[160];
    int last = a->inspect_top + h < rows ? a->inspect_top + h : rows;
    snprintf(hint, sizeof hint,
             " Up/Down PgUp/PgDn scroll  Esc/i close  + - [ ] 0 time  "
             "lines %d-%d of %d ",
             rows ? a->inspect_top + 1 : 0, last, rows);
    canvas_clear(c, (Rect){0, c->h - 1, c->w, 1}, ROLE_STATUS);
    canvas_text(c, 0, c->h - 1, c->w, hint, ROLE_STATUS, 0);
}

/* Keys while open (see inspect_open). */
static OverlayAnswer inspect_key(App *a, int key, Action act, int arg)
{
    (void)key;
    (void)arg;
    int page = a->h > 6 ? a->h - 4 : 1;
    switch (act) {
    case ACT_QUIT:
    case ACT_REFRESH:
    case ACT_PAUSE:
    case ACT_WIDER:
    case ACT_NARROWER:
    case ACT_PAN_BACK:
    case ACT_PAN_FORWARD:
    case ACT_LIVE:
    case ACT_REDRAW:
    case ACT_MOUSE:
        return OV_PASS;
    case ACT_BACK:
    case ACT_INSPECT:
        return OV_CLOSE;
    case ACT_UP:
        a->inspect_top--;
        break;
    case ACT_DOWN:
        a->inspect_top++;
        break;
    case ACT_SCROLL_UP:
        a->inspect_top -= page;
        break;
    case ACT_SCROLL_DOWN:
        a->inspect_top += page;
        break;
    case ACT_TOP:
        a->inspect_top = 0;
        break;
    case ACT_BOTTOM:
        a->inspect_top = 1 << 30; /* clamped when drawn */
        break;
    default:
        break;
    }
    if (a->inspect_top < 0)
        a->inspect_top = 0;
    return OV_TAKEN;
}

/* The wheel scrolls; clicks are ignored. */
static OverlayAnswer inspect_mouse(App *a, int ev, int x, int y)
{
    (void)x;
    (void)y;
    int wheel = ev == NAV_WHEEL_UP ? -1 : ev == NAV_WHEEL_DOWN ? 1 : 0;
    a->inspect_top += 3 * wheel;
    if (a->inspect_top < 0)
        a->inspect_top = 0;
    return OV_TAKEN;
}

static const Overlay inspect_overlay = {"inspect", inspect_key, inspect_mouse,
                                        inspect_draw, NULL};

void inspect_open(App *a)
{
    const DashState *ds = &a->dash[a->cur];
    if ((a->focus < 0 || a->focus >= ds->npanels) && ds->npanels > 0)
        a->focus = view_first_shown(a);
    if (view_open(a, &inspect_overlay) == 0)
        a->inspect_top = 0;
}
