/* inspect.c - the inspect overlay: a list of text lines built from the
 * focused panel's query slots, PromQL shown as written (its own lines and
 * indentation, wrapped between tokens), scrolled by a->inspect_top; the
 * selected query copied as sent, or as a link to the Prometheus UI. */
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
#include "screen.h"
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

/* t as "YYYY-MM-DD HH:MM:SS ZONE": inspect covers the status line, so it
 * names the zone itself. */
static void time_zone_text(double t, char *buf, size_t n)
{
    format_time(t, "%Y-%m-%d %H:%M:%S %Z", buf, n);
}

/* The lines of one query slot of panel p (query qi); `mark` goes before
 * its header (the selected one's). */
static void slot_lines(TextLines *l, const App *a, const Panel *p, int qi,
                       const QueryState *st, const char *mark)
{
    char t0[64], t1[64], step[32], age[32];
    const PromQuery *q = &st->q;
    Role head = *mark ? ROLE_TITLE_FOCUS : ROLE_TITLE;
    if (!st->sent_at && !q->expr) {
        textlines_add(l, 0, head, TA_BOLD, "%sQuery %d  not asked yet", mark,
                      qi + 1);
        return;
    }
    if (q->type == PQ_RANGE) {
        time_zone_text(q->start, t0, sizeof t0);
        time_zone_text(q->end, t1, sizeof t1);
        textlines_add(
            l, 0, head, TA_BOLD,
            "%sQuery %d  range  start %.0f  end %.0f  step %s  (%s to %s)",
            mark, qi + 1, q->start, q->end,
            format_duration(q->step, -1, step, sizeof step), t0, t1);
    } else if (q->type == PQ_ALERTS) {
        textlines_add(l, 0, head, TA_BOLD, "%sQuery %d  alerts  /api/v1/alerts",
                      mark, qi + 1);
    } else {
        time_zone_text(q->time, t0, sizeof t0);
        textlines_add(l, 0, head, TA_BOLD,
                      "%sQuery %d  instant  time %.0f  (%s)", mark, qi + 1,
                      q->time, t0);
    }
    if (q->expr) {
        textlines_code(l);
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

/* The query slots inspect lists for the focused panel, in order: up to
 * `max` into out; returns how many there are. */
static int listed_slots(const App *a, const QueryState **out, int *qis, int max)
{
    const DashState *ds = &a->dash[a->cur];
    if (a->focus < 0 || a->focus >= ds->npanels)
        return 0;
    const Panel *p = &ds->panels[a->focus];
    int n = 0;
    for (int qi = 0; qi < p->conf->nqueries; qi++) {
        const QueryState *st[2] = {&p->qs[qi].inst, &p->qs[qi].range};
        for (int k = 0; k < 2; k++)
            if (st[k]->used) {
                if (n < max) {
                    out[n] = st[k];
                    qis[n] = qi;
                }
                n++;
            }
    }
    return n;
}

#define MAX_SLOTS 64 /* query slots of a panel inspect lists */

/* Builds the lines; heads[i] gets the line of slot i's header (up to
 * MAX_SLOTS). */
static void build(TextLines *l, const App *a, int *heads)
{
    const DashState *ds = &a->dash[a->cur];
    if (a->focus < 0 || a->focus >= ds->npanels) {
        textlines_add(l, 0, ROLE_DIM, 0, "this dashboard has no panels");
        return;
    }
    const Panel *p = &ds->panels[a->focus];
    char rng[32], now[64], tw[128], own[128], dash[96];
    double end, range;
    app_panel_window(a, a->cur, p, &end, &range);
    format_duration(range, -1, rng, sizeof rng);
    time_zone_text(end, now, sizeof now);
    textlines_add(l, 0, ROLE_TITLE_FOCUS, TA_BOLD, "%s  (%s, dashboard %s)",
                  p->conf->title, p->cls->name, ds->d->name);
    nav_time_text(a, tw, sizeof tw);
    int mine = app_panel_window_text(a, a->cur, p, own, sizeof own);
    int moved = tw[0] && !p->conf->own_range;
    textlines_add(l, 0, ROLE_DEFAULT, 0, "window: %s ending %s (%.0f)%s%s", rng,
                  now, end, moved ? "  " : "",
                  moved ? "[0: back to the start]" : "");
    if (mine) {
        app_range_text(a, dash, sizeof dash);
        textlines_add(l, 0, ROLE_WARN, 0,
                      "the panel's own window: %s; the dashboard shows %s%s",
                      own, dash,
                      p->conf->own_range
                          ? " (--range, + - and pans leave this panel alone)"
                          : "");
    }
    if (p->conf->description)
        textlines_add(l, 0, ROLE_DIM, 0, "%s", p->conf->description);
    if (p->conf->nqueries == 0)
        textlines_add(l, 0, ROLE_DIM, 0, "this panel asks no query");
    const QueryState *slots[MAX_SLOTS];
    int qis[MAX_SLOTS];
    int n = listed_slots(a, slots, qis, MAX_SLOTS);
    const char *mark = a->ascii ? "> " : "\xe2\x96\xb6 "; /* U+25B6 */
    for (int i = 0; i < n && i < MAX_SLOTS; i++) {
        textlines_add(l, 0, ROLE_DEFAULT, 0, "%s", "");
        heads[i] = l->n;
        slot_lines(l, a, p, qis[i], slots[i],
                   i == a->inspect_sel && n > 1 ? mark : "");
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
    int heads[MAX_SLOTS] = {0};
    build(&l, a, heads);
    int h = box.h - 2;
    if (a->inspect_sel_shown != a->inspect_sel && a->inspect_sel >= 0 &&
        a->inspect_sel < MAX_SLOTS) {
        /* a newly selected query: its header at the top */
        a->inspect_top = textlines_row_of(&l, heads[a->inspect_sel], c->w - 4);
        a->inspect_sel_shown = a->inspect_sel;
    }
    int rows =
        textlines_draw(&l, c, (Rect){2, 1, c->w - 4, h}, &a->inspect_top);
    textlines_free(&l);
    char hint[200];
    int last = a->inspect_top + h < rows ? a->inspect_top + h : rows;
    snprintf(hint, sizeof hint,
             " lines %d-%d of %d  Up/Down PgUp/PgDn scroll  Tab query  "
             "y copy  Y link  Esc/i close  + - [ ] 0 time ",
             rows ? a->inspect_top + 1 : 0, last, rows);
    canvas_clear(c, (Rect){0, c->h - 1, c->w, 1}, ROLE_STATUS);
    int notice = a->notice[0] && app_mono(a) < a->notice_until;
    if (notice) /* what y or Y did */
        canvas_text(c, 0, c->h - 1, c->w, a->notice, (Role)a->notice_role,
                    TA_BOLD);
    else
        canvas_text(c, 0, c->h - 1, c->w, hint, ROLE_STATUS, 0);
}

/* Appends s to buf (at *len, n bytes in all) percent-encoded as a URL's
 * query value: all but letters, digits and "-_.~". Returns -1 when it does
 * not fit. */
static int put_encoded(char *buf, size_t n, size_t *len, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        int plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                    c == '.' || c == '~';
        if (*len + (plain ? 1 : 3) >= n)
            return -1;
        if (plain) {
            buf[(*len)++] = (char)c;
        } else {
            buf[(*len)++] = '%';
            buf[(*len)++] = hex[c >> 4];
            buf[(*len)++] = hex[c & 15];
        }
    }
    buf[*len] = 0;
    return 0;
}

/* Appends printf-style text to buf; -1 when it does not fit. */
static int put_text(char *buf, size_t n, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int put_text(char *buf, size_t n, size_t *len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf + *len, n - *len, fmt, ap);
    va_end(ap);
    if (k < 0 || (size_t)k >= n - *len)
        return -1;
    *len += (size_t)k;
    return 0;
}

/* A duration as the UI's range field reads it: one number and one unit. */
static void ui_duration(double secs, char *buf, size_t n)
{
    long s = lround(secs);
    if (s > 0 && s % 86400 == 0)
        snprintf(buf, n, "%ldd", s / 86400);
    else if (s > 0 && s % 3600 == 0)
        snprintf(buf, n, "%ldh", s / 3600);
    else if (s > 0 && s % 60 == 0)
        snprintf(buf, n, "%ldm", s / 60);
    else
        snprintf(buf, n, "%lds", s > 0 ? s : 1);
}

char *inspect_link(const PromQuery *q, const char *base, char *buf, size_t n)
{
    size_t len = 0, blen = strlen(base);
    while (blen > 0 && base[blen - 1] == '/')
        blen--;
    char when[40], rng[32];
    if (n == 0 || !q->expr ||
        put_text(buf, n, &len, "%.*s/graph?g0.expr=", (int)blen, base) < 0 ||
        put_encoded(buf, n, &len, q->expr) < 0)
        return NULL;
    double t = q->type == PQ_RANGE ? q->end : q->time;
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    if (q->type == PQ_RANGE) {
        ui_duration(q->end - q->start, rng, sizeof rng);
        if (put_text(buf, n, &len, "&g0.tab=0&g0.stacked=0&g0.range_input=%s",
                     rng) < 0 ||
            put_text(buf, n, &len, "&g0.end_input=") < 0 ||
            put_encoded(buf, n, &len, when) < 0 ||
            put_text(buf, n, &len, "&g0.step_input=%.0f", q->step) < 0)
            return NULL;
    } else if (put_text(buf, n, &len, "&g0.tab=1&g0.moment_input=") < 0 ||
               put_encoded(buf, n, &len, when) < 0) {
        return NULL;
    }
    return buf;
}

/* y (link 0) and Y (link 1): the selected query to the clipboard, said in
 * the status line. */
static void copy_selected(App *a, int link)
{
    const QueryState *slots[MAX_SLOTS];
    int qis[MAX_SLOTS];
    int n = listed_slots(a, slots, qis, MAX_SLOTS);
    int sel =
        a->inspect_sel < n && a->inspect_sel < MAX_SLOTS ? a->inspect_sel : 0;
    const PromQuery *q = n > 0 ? &slots[sel]->q : NULL;
    if (!q || !q->expr || q->type == PQ_ALERTS) {
        app_notice(a, ROLE_WARN, 4,
                   " nothing to copy: this query was not "
                   "asked yet");
        return;
    }
    char *text = (char *)q->expr, *url = NULL;
    if (link) {
        size_t cap = strlen(q->expr) * 3 + 4096;
        url = malloc(cap);
        if (!url ||
            !inspect_link(q, prom_server_url(a->prom, q->server), url, cap)) {
            free(url);
            app_notice(a, ROLE_ERROR, 4, " out of memory");
            return;
        }
        text = url;
    }
    if (screen_clipboard(text) < 0)
        app_notice(a, ROLE_ERROR, 4,
                   " could not write to the terminal's clipboard");
    else
        app_notice(a, ROLE_OK, 4, " copied %s of query %d to the clipboard: %s",
                   link ? "a link to the Prometheus UI" : "the PromQL as sent",
                   qis[sel] + 1, text);
    free(url);
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
    case ACT_CAPTURE:
        return OV_PASS;
    case ACT_BACK:
    case ACT_INSPECT:
        return OV_CLOSE;
    case ACT_NEXT_DASH: /* Tab: the next query, Shift-Tab the one before */
    case ACT_PREV_DASH: {
        const QueryState *slots[MAX_SLOTS];
        int qis[MAX_SLOTS];
        int n = listed_slots(a, slots, qis, MAX_SLOTS);
        if (n > MAX_SLOTS)
            n = MAX_SLOTS;
        if (n > 0)
            a->inspect_sel =
                (a->inspect_sel + (act == ACT_NEXT_DASH ? 1 : n - 1)) % n;
        break;
    }
    case ACT_COPY:
    case ACT_COPY_EXPR:
        copy_selected(a, act == ACT_COPY_EXPR);
        break;
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
    if (view_open(a, &inspect_overlay) == 0) {
        a->inspect_top = 0;
        a->inspect_sel = 0;
        a->inspect_sel_shown = 0;
    }
}
