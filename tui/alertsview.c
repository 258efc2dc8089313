/* alertsview.c - the alerts view: one overlay for the list and the one
 * alert shown whole, one for the questions asked on the bottom line (the
 * '/' filter, a silence's duration and comment) and one for the
 * confirmation of a write. The rows come from the App's AlertStore at
 * every frame; the selection follows its alert (by its labels) as the
 * rows move. */
#include "alertsview.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../datasource/promjson.h"
#include "../panels/format.h"
#include "../util/duration.h"
#include "alerting.h"
#include "keys.h"
#include "prompt.h"
#include "screen.h"
#include "textlines.h"
#include "view.h"

#define SILENCE_DEFAULT "2h"
#define SILENCE_MAX (366 * 86400.0) /* a year: longer is a typo */

typedef enum {
    ASK_NONE = 0,
    ASK_FILTER,   /* '/' */
    ASK_DURATION, /* a silence's length */
    ASK_COMMENT,  /* and why */
    ASK_CONFIRM,  /* Enter makes it */
    ASK_EXPIRE,   /* Enter expires the silence */
    ASK_WAIT,     /* Alertmanager has been asked */
} Ask;

typedef struct AlertsView {
    int sel, top;   /* selected row, first row shown */
    char *sel_key;  /* the selected alert's identity (its labels) */
    int detail;     /* the selected alert shown whole */
    int detail_top; /* its first wrapped row shown */
    Panel filter;   /* holds the '/' filter, nothing else */
    Prompt prompt;  /* the bottom line's question */
    Ask ask;
    /* the write being prepared: a silence of these labels, or expiring
     * silence expire_id */
    Label *labels;
    int nlabels;
    char *name; /* the alert's name, for what is said */
    double secs;
    char dur[32];
    char *comment;
    char *expire_id;
    char msg[400]; /* what the last action did, on the bottom line */
    Role msg_role;
} AlertsView;

static const Overlay alerts_overlay;
static const Overlay ask_overlay;

/* ---- the rows ------------------------------------------------------------ */

/* A row's identity: where it comes from and its labels. malloc'd. */
static char *row_key(const AlertRow *r)
{
    size_t n = 4;
    for (int i = 0; i < r->a->nlabels; i++)
        n += strlen(r->a->labels[i].name) + strlen(r->a->labels[i].value) + 2;
    char *k = malloc(n);
    if (!k)
        return NULL;
    size_t len = (size_t)snprintf(k, n, "%c", r->prom ? 'P' : 'A');
    for (int i = 0; i < r->a->nlabels; i++)
        len += (size_t)snprintf(k + len, n - len, "\x1f%s=%s",
                                r->a->labels[i].name, r->a->labels[i].value);
    return k;
}

static const char *row_state_word(const AlertRow *r)
{
    return r->silenced                 ? "silenced"
           : r->inhibited              ? "inhibited"
           : r->state == ALERT_PENDING ? "pending"
                                       : "firing";
}

/* 1 when row r passes the view's filter: its name, state, summary or a
 * label value. */
static int passes(const AlertsView *v, const AlertRow *r)
{
    const Panel *f = &v->filter;
    if (!f->filter)
        return 1;
    const char *sum = alert_annotation(r->a, "summary");
    if (panel_text_matches(f, r->name) ||
        panel_text_matches(f, row_state_word(r)) ||
        (sum && panel_text_matches(f, sum)))
        return 1;
    for (int i = 0; i < r->a->nlabels; i++)
        if (panel_text_matches(f, r->a->labels[i].value))
            return 1;
    return 0;
}

/* Every alert of both sources that passes the filter, sorted; the
 * selection follows its alert. */
static AlertRow *view_rows(App *a, int *n)
{
    AlertsView *v = a->alertsview;
    int all = 0;
    AlertRow *rows = alerts_rows(alerting_store(a),
                                 ALERTS_FROM_PROM | ALERTS_FROM_AM, NULL, &all);
    *n = 0;
    for (int i = 0; i < all; i++)
        if (passes(v, &rows[i]))
            rows[(*n)++] = rows[i];
    if (v->sel_key) {
        for (int i = 0; i < *n; i++) {
            char *k = row_key(&rows[i]);
            int same = k && !strcmp(k, v->sel_key);
            free(k);
            if (same) {
                v->sel = i;
                break;
            }
        }
    }
    if (v->sel >= *n)
        v->sel = *n - 1;
    if (v->sel < 0)
        v->sel = 0;
    return rows;
}

/* Remembers row r as the selection (NULL: none). */
static void remember(AlertsView *v, const AlertRow *r)
{
    free(v->sel_key);
    v->sel_key = r ? row_key(r) : NULL;
}

static void say(AlertsView *v, Role role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(AlertsView *v, Role role, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->msg, sizeof v->msg, fmt, ap);
    va_end(ap);
    v->msg_role = role;
}

/* ---- drawing the list ------------------------------------------------------
 */

/* The labels other than alertname and severity, as "k=v k=v". */
static void other_labels(const Alert *a, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = 0;
    for (int i = 0; i < a->nlabels && len + 1 < n; i++) {
        const char *k = a->labels[i].name;
        if (!strcmp(k, "alertname") || !strcmp(k, "severity"))
            continue;
        int w = snprintf(buf + len, n - len, "%s%s=%s", len ? " " : "", k,
                         a->labels[i].value);
        len += w > 0 ? (size_t)w : 0;
    }
}

/* One row at y: mark, state and age, name, summary, other labels, the
 * runbook mark; reversed when selected. */
static void draw_row(const App *a, Canvas *c, Rect r, int y,
                     const AlertRow *row, int namew, int sel)
{
    int dim = row->silenced || row->inhibited;
    int rev = sel ? TA_REVERSE : 0;
    Role text = dim ? ROLE_DIM : ROLE_DEFAULT;
    if (sel)
        canvas_clear(c, (Rect){r.x, y, r.w, 1}, ROLE_DEFAULT);
    for (int x = r.x; sel && x < r.x + r.w; x++)
        canvas_put(c, x, y, ' ', ROLE_DEFAULT, TA_REVERSE);
    canvas_put(c, r.x, y, panel_alert_mark(c, row),
               dim ? ROLE_DIM : panel_alert_role(row->rank), TA_BOLD | rev);
    char st[48], age[32] = "";
    if (!isnan(row->since))
        format_age(app_time(a) - row->since, age, sizeof age);
    snprintf(st, sizeof st, "%s %s", row_state_word(row), age);
    int x = r.x + 2;
    canvas_text(c, x, y, 18, st,
                dim || row->state == ALERT_PENDING
                    ? ROLE_DIM
                    : panel_alert_role(row->rank),
                rev);
    x += 19;
    int book = alert_runbook(row->a) != NULL;
    int room = r.x + r.w - x - 2;
    if (room <= 0)
        return;
    int k = canvas_text(c, x, y, namew < room ? namew : room, row->name,
                        dim ? ROLE_DIM : ROLE_VALUE, TA_BOLD | rev);
    x += (namew < room ? namew : k) + 2;
    room = r.x + r.w - x - 2;
    const char *sum = alert_annotation(row->a, "summary");
    char rest[1024], labs[768];
    other_labels(row->a, labs, sizeof labs);
    snprintf(rest, sizeof rest, "%s%s%s", sum ? sum : "",
             sum && labs[0] ? "  " : "", labs);
    if (room > 0) {
        int sw = sum ? canvas_text_width(sum) : 0;
        int drawn = canvas_text(c, x, y, room, sum ? sum : "", text, rev);
        if (labs[0] && room - drawn > 6 && drawn >= sw)
            canvas_text(c, x + drawn + 2, y, room - drawn - 2, labs, ROLE_DIM,
                        rev);
    }
    if (book)
        canvas_put(c, r.x + r.w - 1, y, c->ascii ? 'R' : 0x2197, text,
                   rev); /* ↗ */
}

/* The sources' state for the header: counts, and each API's error. */
static void draw_header(const App *a, Canvas *c, Rect r, const AlertRow *rows,
                        int n)
{
    int firing = 0, pending = 0, silenced = 0, inhibited = 0;
    for (int i = 0; i < n; i++) {
        silenced += rows[i].silenced;
        inhibited += !rows[i].silenced && rows[i].inhibited;
        pending += rows[i].state == ALERT_PENDING;
        firing += rows[i].state == ALERT_FIRING && !rows[i].silenced &&
                  !rows[i].inhibited;
    }
    char head[160];
    snprintf(head, sizeof head,
             "%d firing  %d pending  %d silenced  %d inhibited", firing,
             pending, silenced, inhibited);
    int x = r.x + canvas_text(c, r.x, r.y, r.w, head, ROLE_VALUE, TA_BOLD);
    const AlertStore *st = alerting_store(a);
    const char *src[2][2] = {
        {"Prometheus", st->prom_alerts.error},
        {"Alertmanager", st->have_am ? st->am_alerts.error : NULL}};
    for (int i = 0; i < 2 && x < r.x + r.w; i++) {
        char part[600];
        if (i == 1 && !st->have_am)
            snprintf(part, sizeof part, "   Alertmanager: none configured");
        else if (src[i][1])
            snprintf(part, sizeof part, "   %s: %s", src[i][0], src[i][1]);
        else if (i == 0 ? st->prom_alerts.set == NULL
                        : st->am_alerts.set == NULL)
            snprintf(part, sizeof part, "   %s: asking...", src[i][0]);
        else
            snprintf(part, sizeof part, "   %s: ok", src[i][0]);
        x += canvas_text(c, x, r.y, r.x + r.w - x, part,
                         src[i][1] ? ROLE_ERROR : ROLE_DIM, 0);
    }
}

/* ---- one alert whole ---------------------------------------------------- */

static void add_labels(TextLines *l, const char *title, const Label *lab, int n)
{
    if (n == 0)
        return;
    textlines_add(l, 0, ROLE_DEFAULT, 0, "%s", "");
    textlines_add(l, 0, ROLE_TITLE, TA_BOLD, "%s", title);
    for (int i = 0; i < n; i++)
        textlines_add(l, 4, ROLE_DEFAULT, 0, "%s: %s", lab[i].name,
                      lab[i].value);
}

/* The inhibiting alert with this fingerprint, from Alertmanager's list. */
static const Alert *by_fingerprint(const AlertStore *st, const char *fp)
{
    const AlertSet *as = st->am_alerts.set;
    for (int i = 0; as && i < as->nalerts; i++)
        if (as->alerts[i].fingerprint && !strcmp(as->alerts[i].fingerprint, fp))
            return &as->alerts[i];
    return NULL;
}

/* The text of matchers, as name="value", name=~"re", name!="v". */
static void matchers_text(const Silence *s, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = 0;
    for (int i = 0; i < s->nmatchers && len + 1 < n; i++) {
        const SilenceMatcher *m = &s->matchers[i];
        int w = snprintf(buf + len, n - len, "%s%s%s%s\"%s\"", i ? ", " : "",
                         m->name, m->equal ? "" : "!", m->regex ? "=~" : "=",
                         m->value);
        len += w > 0 ? (size_t)w : 0;
    }
}

static void build_detail(TextLines *l, const App *a, const AlertRow *r)
{
    const AlertStore *st = alerting_store(a);
    const Alert *al = r->a;
    char t[64], age[32], val[96] = "", since[160] = "";
    textlines_add(l, 0, ROLE_TITLE_FOCUS, TA_BOLD, "%s", r->name);
    const char *sev = alert_label(al, "severity");
    double v;
    if (r->prom && r->prom->value && promjson_number(r->prom->value, &v) == 0) {
        char f[48];
        snprintf(val, sizeof val, ", value %s (%s)",
                 format_value(v, NULL, -1, f, sizeof f), r->prom->value);
    }
    if (!isnan(r->since)) {
        format_time(r->since, "%Y-%m-%d %H:%M:%S %Z", t, sizeof t);
        snprintf(since, sizeof since, " for %s (since %s)",
                 format_age(app_time(a) - r->since, age, sizeof age), t);
    }
    textlines_add(l, 0, panel_alert_role(r->rank), 0, "%s%s%s%s%s%s%s",
                  r->state == ALERT_PENDING ? "pending" : "firing", since,
                  r->silenced ? ", silenced" : "",
                  r->inhibited ? ", inhibited" : "", sev ? ", severity " : "",
                  sev ? sev : "", val);
    const char *book = alert_runbook(al);
    if (book)
        textlines_add(l, 0, ROLE_VALUE, 0, "runbook: %s   [y copies it]", book);
    add_labels(l, "Labels", al->labels, al->nlabels);
    add_labels(l, "Annotations", al->annotations, al->nannotations);

    const Rule *ru = r->rule;
    textlines_add(l, 0, ROLE_DEFAULT, 0, "%s", "");
    if (ru) {
        textlines_add(l, 0, ROLE_TITLE, TA_BOLD, "Rule  (group %s%s%s)",
                      ru->group, ru->file ? ", " : "",
                      ru->file ? ru->file : "");
        textlines_code(l);
        textlines_add(l, 4, ROLE_VALUE, 0, "%s", ru->query ? ru->query : "");
        char forw[32] = "0s", iv[32] = "";
        format_duration(ru->duration, -1, forw, sizeof forw);
        if (ru->interval > 0)
            format_duration(ru->interval, -1, iv, sizeof iv);
        textlines_add(l, 4, ROLE_DEFAULT, 0,
                      "for %s, state %s, health %s%s%s   [Y copies the "
                      "expression]",
                      forw, ru->state ? ru->state : "?",
                      ru->health ? ru->health : "?", iv[0] ? ", every " : "",
                      iv);
        if (!isnan(ru->last_eval))
            textlines_add(
                l, 4, ROLE_DIM, 0, "last evaluated %s ago, in %.3f ms",
                format_age(app_time(a) - ru->last_eval, age, sizeof age),
                ru->eval_seconds * 1000);
        if (ru->last_error)
            textlines_add(l, 4, ROLE_ERROR, 0, "last error: %s",
                          ru->last_error);
    } else if (st->prom_rules.error) {
        textlines_add(l, 0, ROLE_ERROR, 0, "Rule: %s", st->prom_rules.error);
    } else {
        textlines_add(l, 0, ROLE_DIM, 0,
                      "Rule: not among the server's rules (another "
                      "Prometheus sent it)");
    }

    textlines_add(l, 0, ROLE_DEFAULT, 0, "%s", "");
    if (!st->have_am) {
        textlines_add(l, 0, ROLE_DIM, 0,
                      "Alertmanager: none configured (--alertmanager URL)");
        return;
    }
    const Alert *m = r->am;
    if (!m) {
        textlines_add(l, 0, st->am_alerts.error ? ROLE_ERROR : ROLE_DIM, 0,
                      "Alertmanager: %s",
                      st->am_alerts.error         ? st->am_alerts.error
                      : r->state == ALERT_PENDING ? "not sent yet (pending)"
                                                  : "has not got it");
        return;
    }
    textlines_add(l, 0, ROLE_TITLE, TA_BOLD, "Alertmanager  (fingerprint %s)",
                  m->fingerprint ? m->fingerprint : "?");
    const AlertSet *gs = st->am_groups.set;
    for (int i = 0; gs && m->fingerprint && i < gs->ngroups; i++)
        for (int k = 0; k < gs->groups[i].nfingerprints; k++) {
            if (strcmp(gs->groups[i].fingerprints[k], m->fingerprint))
                continue;
            char g[512] = "";
            size_t len = 0;
            for (int j = 0; j < gs->groups[i].nlabels && len + 1 < sizeof g;
                 j++) {
                int w = snprintf(g + len, sizeof g - len, "%s%s=\"%s\"",
                                 j ? ", " : "", gs->groups[i].labels[j].name,
                                 gs->groups[i].labels[j].value);
                len += w > 0 ? (size_t)w : 0;
            }
            textlines_add(l, 4, ROLE_DEFAULT, 0, "group {%s} to %s", g,
                          gs->groups[i].receiver ? gs->groups[i].receiver
                                                 : "?");
        }
    if (m->receivers && !gs)
        textlines_add(l, 4, ROLE_DEFAULT, 0, "receivers: %s", m->receivers);
    if (!isnan(m->ends_at)) {
        format_time(m->ends_at, "%Y-%m-%d %H:%M:%S %Z", t, sizeof t);
        textlines_add(l, 4, ROLE_DIM, 0,
                      "resolves at %s unless Prometheus sends it again", t);
    }
    if (m->generator_url) {
        textlines_add(l, 4, ROLE_DIM, 0, "sent by:");
        textlines_exact(l);
        textlines_add(l, 8, ROLE_DIM, 0, "%s", m->generator_url);
    }
    const Silence *sil[8];
    int ns = alerts_row_silences(st, r, sil, 8);
    for (int i = 0; i < ns && i < 8; i++) {
        char mt[1024], until[64];
        matchers_text(sil[i], mt, sizeof mt);
        format_time(sil[i]->ends_at, "%Y-%m-%d %H:%M:%S %Z", until,
                    sizeof until);
        textlines_add(l, 4, ROLE_WARN, 0, "silenced by %s until %s, by %s: %s",
                      sil[i]->id, until,
                      sil[i]->created_by ? sil[i]->created_by : "?",
                      sil[i]->comment ? sil[i]->comment : "");
        textlines_add(l, 8, ROLE_DIM, 0, "{%s}   [e expires it]", mt);
    }
    if (m->silenced && ns == 0)
        for (int i = 0; i < m->nsilenced_by; i++)
            textlines_add(l, 4, ROLE_WARN, 0, "silenced by %s",
                          m->silenced_by[i]);
    for (int i = 0; i < m->ninhibited_by; i++) {
        const Alert *src = by_fingerprint(st, m->inhibited_by[i]);
        const char *sn = src ? alert_label(src, "alertname") : NULL;
        textlines_add(l, 4, ROLE_WARN, 0, "inhibited by %s (%s)",
                      sn ? sn : "an alert", m->inhibited_by[i]);
    }
    if (st->am_silences.error)
        textlines_add(l, 4, ROLE_ERROR, 0, "silences: %s",
                      st->am_silences.error);
}

/* ---- the overlay ----------------------------------------------------------
 */

static void alerts_draw(App *a, Canvas *c)
{
    AlertsView *v = a->alertsview;
    if (!v || c->w < 10 || c->h < 4)
        return;
    canvas_clear(c, (Rect){0, 0, c->w, c->h}, ROLE_DEFAULT);
    int n;
    AlertRow *rows = view_rows(a, &n);
    char title[600];
    /* the view is the present, whatever time the dashboard shows */
    const char *when = app_frozen(a) ? "  now, not the dashboard's time" : "";
    if (v->filter.filter)
        snprintf(title, sizeof title, "Alerts  /%s/%s", v->filter.filter, when);
    else
        snprintf(title, sizeof title, "Alerts%s", when);
    Rect box = {0, 0, c->w, c->h - 1};
    canvas_box(c, box, ROLE_BORDER_FOCUS, title, ROLE_TITLE_FOCUS);
    Rect in = {2, 1, c->w - 4, box.h - 2};
    if (v->detail && n > 0) {
        TextLines l = {0};
        build_detail(&l, a, &rows[v->sel]);
        textlines_draw(&l, c, in, &v->detail_top);
        textlines_free(&l);
    } else {
        v->detail = 0;
        draw_header(a, c, in, rows, n);
        int h = in.h - 2; /* the header and a blank row */
        if (v->sel < v->top)
            v->top = v->sel;
        if (h > 0 && v->sel >= v->top + h)
            v->top = v->sel - h + 1;
        if (v->top > (n > h ? n - h : 0))
            v->top = n > h ? n - h : 0;
        int namew = 8;
        for (int i = 0; i < n; i++) {
            int w = canvas_text_width(rows[i].name);
            namew = w > namew ? w : namew;
        }
        if (namew > in.w / 4)
            namew = in.w / 4;
        for (int i = v->top; i < n && i - v->top < h; i++)
            draw_row(a, c, in, in.y + 2 + i - v->top, &rows[i], namew,
                     i == v->sel);
        if (n == 0)
            canvas_text(c, in.x, in.y + 2, in.w,
                        v->filter.filter ? "no alert matches the filter"
                                         : "no alert fires or is pending",
                        ROLE_OK, TA_BOLD);
        if (n > 0)
            remember(v, &rows[v->sel]);
    }
    free(rows);
    /* the bottom line: what the last action did, else the keys */
    canvas_clear(c, (Rect){0, c->h - 1, c->w, 1}, ROLE_STATUS);
    if (v->msg[0])
        canvas_text(c, 0, c->h - 1, c->w, v->msg, v->msg_role, TA_BOLD);
    else
        canvas_text(c, 0, c->h - 1, c->w,
                    v->detail ? " Up/Down scroll  s silence  e expire  y "
                                "runbook  Y expression  Esc list  a close "
                              : " Enter details  / filter  s silence  e "
                                "expire  y runbook  Y expression  Esc close ",
                    ROLE_STATUS, 0);
}

/* The selected row, copied into *out (its pointers stay valid until the
 * store changes, that is until the next answer); 0 when there is none. */
static int selected(App *a, AlertRow *out)
{
    int n;
    AlertRow *rows = view_rows(a, &n);
    int ok = n > 0;
    if (ok)
        *out = rows[a->alertsview->sel];
    free(rows);
    return ok;
}

/* Copies text to the clipboard, saying what was copied. */
static void copy(App *a, const char *what, const char *text)
{
    AlertsView *v = a->alertsview;
    if (!text) {
        say(v, ROLE_WARN, " nothing to copy: this alert has no %s", what);
        return;
    }
    if (screen_clipboard(text) < 0)
        say(v, ROLE_ERROR, " could not write to the terminal");
    else
        say(v, ROLE_OK,
            " sent the %s to the terminal's clipboard (OSC 52): %.300s", what,
            text);
}

static void write_done(App *a, const char *err, const char *id)
{
    AlertsView *v = a->alertsview;
    if (!v)
        return;
    int expiring = v->expire_id != NULL;
    if (err)
        say(v, ROLE_ERROR, " Alertmanager refused: %s", err);
    else if (expiring)
        say(v, ROLE_OK, " expired silence %s", v->expire_id);
    else
        say(v, ROLE_OK, " silenced %s for %s: silence %s", v->name, v->dur,
            id ? id : "?");
    if (v->ask == ASK_WAIT)
        view_close(a, &ask_overlay);
}

/* Forgets the write being prepared. */
static void write_clear(AlertsView *v)
{
    for (int i = 0; i < v->nlabels; i++) {
        free(v->labels[i].name);
        free(v->labels[i].value);
    }
    free(v->labels);
    v->labels = NULL;
    v->nlabels = 0;
    free(v->name);
    free(v->comment);
    free(v->expire_id);
    v->name = v->comment = v->expire_id = NULL;
}

/* The alert a write is about: the selected one, into *r. 0 (and the
 * reason said) when nothing may be written or none is selected. */
static int write_target(App *a, AlertRow *r)
{
    AlertsView *v = a->alertsview;
    char why[300];
    if (!alerting_can_write(a, why, sizeof why)) {
        say(v, ROLE_ERROR, " %s", why);
        return 0;
    }
    if (!selected(a, r)) {
        say(v, ROLE_WARN, " no alert selected");
        return 0;
    }
    write_clear(v);
    return 1;
}

/* 's': asks for a silence of the selected alert's labels (Alertmanager's
 * own, with its external labels, when it has the alert). */
static void silence_start(App *a)
{
    AlertsView *v = a->alertsview;
    AlertRow r;
    if (!write_target(a, &r))
        return;
    const Alert *src = r.am ? r.am : r.a;
    v->labels = calloc((size_t)src->nlabels + 1, sizeof *v->labels);
    v->name = strdup(r.name);
    if (!v->labels || !v->name) {
        write_clear(v);
        return;
    }
    for (int i = 0; i < src->nlabels; i++) {
        v->labels[i].name = strdup(src->labels[i].name);
        v->labels[i].value = strdup(src->labels[i].value);
        v->nlabels++;
        if (!v->labels[i].name || !v->labels[i].value) {
            write_clear(v);
            return;
        }
    }
    v->ask = ASK_DURATION;
    prompt_open(&v->prompt, " silence for ", SILENCE_DEFAULT);
    view_open(a, &ask_overlay);
}

/* 'e': asks to expire the silence that covers the selected alert. */
static void expire_start(App *a)
{
    AlertsView *v = a->alertsview;
    AlertRow r;
    if (!write_target(a, &r))
        return;
    const Silence *sil[1];
    if (alerts_row_silences(alerting_store(a), &r, sil, 1) == 0) {
        say(v, ROLE_WARN, " no silence covers %s%s", r.name,
            alerting_store(a)->am_silences.set ? "" : " (asking...)");
        return;
    }
    v->expire_id = strdup(sil[0]->id);
    v->name = strdup(r.name);
    char what[600];
    snprintf(what, sizeof what, "%s by %s: %s", sil[0]->id,
             sil[0]->created_by ? sil[0]->created_by : "?",
             sil[0]->comment ? sil[0]->comment : "");
    v->comment = strdup(what);
    if (!v->expire_id || !v->name || !v->comment) {
        write_clear(v);
        return;
    }
    v->ask = ASK_EXPIRE;
    view_open(a, &ask_overlay);
}

static OverlayAnswer alerts_key(App *a, int key, Action act, int arg)
{
    (void)key;
    (void)arg;
    AlertsView *v = a->alertsview;
    int page = a->h > 8 ? a->h - 6 : 1;
    int *pos = v->detail ? &v->detail_top : &v->sel;
    v->msg[0] = 0;
    switch (act) {
    case ACT_QUIT:
    case ACT_REFRESH:
    case ACT_PAUSE:
    case ACT_REDRAW:
    case ACT_MOUSE:
        return OV_PASS;
    case ACT_BACK:
        if (v->detail) {
            v->detail = 0;
            return OV_TAKEN;
        }
        return OV_CLOSE;
    case ACT_ALERTS:
        return OV_CLOSE;
    case ACT_ZOOM:
        v->detail = !v->detail;
        v->detail_top = 0;
        break;
    case ACT_UP:
        (*pos)--;
        break;
    case ACT_DOWN:
        (*pos)++;
        break;
    case ACT_SCROLL_UP:
        *pos -= page;
        break;
    case ACT_SCROLL_DOWN:
        *pos += page;
        break;
    case ACT_TOP:
        *pos = 0;
        break;
    case ACT_BOTTOM:
        *pos = 1 << 28; /* clamped when drawn */
        break;
    case ACT_FILTER:
        v->ask = ASK_FILTER;
        prompt_open(&v->prompt, " filter alerts /", v->filter.filter);
        view_open(a, &ask_overlay);
        break;
    case ACT_SILENCE:
        silence_start(a);
        break;
    case ACT_EXPIRE:
        expire_start(a);
        break;
    case ACT_COPY:
    case ACT_COPY_EXPR: {
        AlertRow r;
        if (!selected(a, &r))
            say(v, ROLE_WARN, " no alert selected");
        else if (act == ACT_COPY)
            copy(a, "runbook URL", alert_runbook(r.a));
        else
            copy(a, "rule's expression", r.rule ? r.rule->query : NULL);
        break;
    }
    default:
        break;
    }
    if (*pos < 0)
        *pos = 0;
    if (!v->detail &&
        (act == ACT_UP || act == ACT_DOWN || act == ACT_SCROLL_UP ||
         act == ACT_SCROLL_DOWN || act == ACT_TOP || act == ACT_BOTTOM)) {
        /* the selection moved by the keys, not by its alert */
        free(v->sel_key);
        v->sel_key = NULL;
        int n;
        free(view_rows(a, &n));
        AlertRow r;
        if (selected(a, &r))
            remember(v, &r);
    }
    return OV_TAKEN;
}

/* The wheel moves the selection (scrolls the alert shown whole); a click
 * selects a row, a double click shows it whole. */
static OverlayAnswer alerts_mouse(App *a, int ev, int x, int y)
{
    (void)x;
    AlertsView *v = a->alertsview;
    int wheel = ev == NAV_WHEEL_UP ? -1 : ev == NAV_WHEEL_DOWN ? 1 : 0;
    if (wheel) {
        return alerts_key(a, 0, wheel < 0 ? ACT_UP : ACT_DOWN, 0);
    }
    if (v->detail || y < 3)
        return OV_TAKEN;
    int n;
    AlertRow *rows = view_rows(a, &n);
    int i = v->top + y - 3;
    if (i >= 0 && i < n) {
        v->sel = i;
        remember(v, &rows[i]);
        if (ev == NAV_DOUBLE_CLICK) {
            v->detail = 1;
            v->detail_top = 0;
        }
    }
    free(rows);
    return OV_TAKEN;
}

static void alerts_close(App *a)
{
    alerting_detail(a, 0);
}

static const Overlay alerts_overlay = {"alerts", alerts_key, alerts_mouse,
                                       alerts_draw, alerts_close};

/* ---- questions and confirmation ----------------------------------------- */

static OverlayAnswer ask_key(App *a, int key, Action act, int arg)
{
    (void)arg;
    AlertsView *v = a->alertsview;
    if (act == ACT_MOUSE)
        return OV_TAKEN;
    if (v->ask == ASK_WAIT) /* the answer closes it */
        return OV_TAKEN;
    if (v->ask == ASK_CONFIRM || v->ask == ASK_EXPIRE) {
        char why[300];
        if (act == ACT_BACK || act == ACT_QUIT) {
            say(v, ROLE_DIM, " nothing changed");
            return OV_CLOSE;
        }
        if (act != ACT_ZOOM) /* Enter */
            return OV_TAKEN;
        int rc =
            v->ask == ASK_CONFIRM
                ? alerting_silence(a, v->labels, v->nlabels, v->secs,
                                   v->comment, write_done, why, sizeof why)
                : alerting_expire(a, v->expire_id, write_done, why, sizeof why);
        if (rc < 0) {
            say(v, ROLE_ERROR, " %s", why);
            return OV_CLOSE;
        }
        v->ask = ASK_WAIT;
        return OV_TAKEN;
    }
    PromptStatus ps = prompt_feed(&v->prompt, key);
    if (ps == PROMPT_CANCEL)
        return OV_CLOSE;
    if (ps != PROMPT_DONE)
        return OV_TAKEN;
    const char *text = prompt_text(&v->prompt);
    switch (v->ask) {
    case ASK_FILTER:
        panel_set_filter(&v->filter, text);
        v->sel = 0;
        return OV_CLOSE;
    case ASK_DURATION: {
        double secs;
        if (duration_parse(text, &secs) < 0 || secs < 60 ||
            secs > SILENCE_MAX) {
            say(v, ROLE_ERROR,
                " '%.40s' is not a duration from 1m to a year (try 30m, 2h, "
                "1d)",
                text);
            prompt_open(&v->prompt, " silence for ", text);
            return OV_TAKEN;
        }
        v->secs = secs;
        snprintf(v->dur, sizeof v->dur, "%s", text);
        v->msg[0] = 0;
        v->ask = ASK_COMMENT;
        prompt_open(&v->prompt, " comment: ", NULL);
        return OV_TAKEN;
    }
    case ASK_COMMENT:
        if (!*text) {
            say(v, ROLE_ERROR,
                " say why: the comment is what others see of this silence");
            prompt_open(&v->prompt, " comment: ", NULL);
            return OV_TAKEN;
        }
        free(v->comment);
        v->comment = strdup(text);
        v->msg[0] = 0;
        v->ask = v->comment ? ASK_CONFIRM : ASK_NONE;
        return v->comment ? OV_TAKEN : OV_CLOSE;
    default:
        return OV_CLOSE;
    }
}

/* The question on the bottom line; a write to confirm in a box. */
static void ask_draw(App *a, Canvas *c)
{
    AlertsView *v = a->alertsview;
    if (c->h < 2)
        return;
    if (v->ask == ASK_FILTER || v->ask == ASK_DURATION ||
        v->ask == ASK_COMMENT) {
        if (v->msg[0] && c->h > 2) { /* why the last answer was refused */
            canvas_clear(c, (Rect){0, c->h - 2, c->w, 1}, ROLE_STATUS);
            canvas_text(c, 0, c->h - 2, c->w, v->msg, v->msg_role, TA_BOLD);
        }
        prompt_draw(&v->prompt, c, c->h - 1);
        return;
    }
    char mt[2048] = "";
    size_t len = 0;
    for (int i = 0; i < v->nlabels && len + 1 < sizeof mt; i++) {
        int w = snprintf(mt + len, sizeof mt - len, "%s%s=\"%s\"",
                         i ? ", " : "", v->labels[i].name, v->labels[i].value);
        len += w > 0 ? (size_t)w : 0;
    }
    TextLines l = {0};
    if (v->expire_id) {
        textlines_add(&l, 0, ROLE_VALUE, TA_BOLD, "Expire the silence of %s?",
                      v->name);
        textlines_add(&l, 0, ROLE_DEFAULT, 0, "%s", v->comment);
    } else {
        char until[64];
        format_time(app_time(a) + v->secs, "%Y-%m-%d %H:%M:%S %Z", until,
                    sizeof until);
        textlines_add(&l, 0, ROLE_VALUE, TA_BOLD,
                      "Silence %s for %s (until %s)?", v->name, v->dur, until);
        textlines_add(&l, 0, ROLE_DEFAULT, 0, "matchers: {%s}", mt);
        textlines_add(&l, 0, ROLE_DEFAULT, 0, "by %s: %s", alerting_author(a),
                      v->comment ? v->comment : "");
    }
    textlines_add(&l, 0, ROLE_DEFAULT, 0, "%s", "");
    if (v->ask == ASK_WAIT)
        textlines_add(&l, 0, ROLE_DIM, 0, "asking Alertmanager...");
    else
        textlines_add(&l, 0, ROLE_STATUS, TA_BOLD, "Enter: %s   Esc: cancel",
                      v->expire_id ? "expire it" : "make it");
    int w = c->w > 84 ? 80 : c->w - 4;
    Rect r = view_box(c, w, textlines_rows(&l, w - 4) + 4,
                      v->expire_id ? "Expire a silence" : "Silence");
    int top = 0;
    textlines_draw(&l, c, (Rect){r.x + 2, r.y + 2, r.w - 4, r.h - 4}, &top);
    textlines_free(&l);
}

static void ask_close(App *a)
{
    AlertsView *v = a->alertsview;
    v->ask = ASK_NONE;
    v->prompt.open = 0;
}

static const Overlay ask_overlay = {"alerts-ask", ask_key, NULL, ask_draw,
                                    ask_close};

void alertsview_open(App *a)
{
    if (!a->alertsview) {
        a->alertsview = calloc(1, sizeof *a->alertsview);
        if (!a->alertsview)
            return;
    }
    if (view_open(a, &alerts_overlay) == 0) {
        a->alertsview->detail = 0;
        alerting_detail(a, 1);
    }
}

void alertsview_free(App *a)
{
    AlertsView *v = a->alertsview;
    if (!v)
        return;
    write_clear(v);
    free(v->sel_key);
    panel_filter_free(&v->filter);
    prompt_free(&v->prompt);
    free(v);
    a->alertsview = NULL;
}
