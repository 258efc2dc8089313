/* ui.c - the TUI over the App: the one event loop (curl_multi_poll on the
 * keyboard and the signal pipe, timeout the nearest timer), the frame drawn
 * at most once a turn and only when something shown changed (just the
 * panels that changed when nothing else did), the tab bar and status line,
 * the help and variable picker overlays, and the key dispatch through the
 * overlay stack. */
#include "ui.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../datasource/query.h"
#include "../panels/format.h"
#include "../util/conf.h"
#include "alerting.h"
#include "alertsview.h"
#include "capture.h"
#include "commands.h"
#include "explore.h"
#include "inspect.h"
#include "keys.h"
#include "kiosk.h"
#include "nav.h"
#include "reload.h"
#include "screen.h"
#include "view.h"

#include <curses.h>

/* ---- tab bar and status line ------------------------------------------- */

/* The value variable v shows in the tab bar, into buf: the one chosen,
 * "All", the first of several chosen and how many more; "..." while its
 * values are asked for (`asking`), "(none)" when the server has none. */
static const char *var_shown(const VarConf *v, int asking, char *buf, size_t n)
{
    const char *val = v->value         ? v->value
                      : v->all         ? "All"
                      : v->nvalues > 0 ? v->values[0]
                      : asking         ? "..."
                                       : "(none)";
    if (v->multi && v->nsel > 1)
        snprintf(buf, n, "%s +%d", v->sel[0], v->nsel - 1);
    else
        snprintf(buf, n, "%s", val);
    return buf;
}

/* The columns the first variables of the current dashboard that fit in
 * `room` need in the tab bar (" name value " each, hidden ones left out);
 * *n gets how many of d->vars that covers. */
static int vars_width(const App *a, int room, int *n)
{
    const DashState *ds = &a->dash[a->cur];
    const Dashboard *d = ds->d;
    int need = 0;
    char val[160];
    *n = 0;
    for (int i = 0; i < d->nvars; i++) {
        const VarConf *v = &d->vars[i];
        if (v->hide)
            continue;
        const char *name = v->title ? v->title : v->name;
        int w = canvas_text_width(name) +
                canvas_text_width(var_shown(v, ds->var_state[i] != VAR_DONE,
                                            val, sizeof val)) +
                3;
        if (need + w > room)
            break;
        need += w;
        *n = i + 1;
    }
    return need;
}

/* The values the dashboard's variables hold, "name value" each (hidden
 * ones left out), right aligned between columns x0 and x1 of the tab bar;
 * the last ones are left out when they do not all fit. */
static void draw_vars(App *a, Canvas *c, int x0, int x1)
{
    const DashState *ds = &a->dash[a->cur];
    const Dashboard *d = ds->d;
    char val[160];
    int n, need = vars_width(a, x1 - x0, &n);
    int x = x1 - need;
    for (int i = 0; i < n; i++) {
        const VarConf *v = &d->vars[i];
        if (v->hide)
            continue;
        x += canvas_text(c, x, 0, x1 - x, " ", ROLE_TAB, 0);
        x += canvas_text(c, x, 0, x1 - x, v->title ? v->title : v->name,
                         ROLE_TAB, 0);
        x += canvas_text(c, x, 0, x1 - x, " ", ROLE_TAB, 0);
        x += canvas_text(
            c, x, 0, x1 - x,
            var_shown(v, ds->var_state[i] != VAR_DONE, val, sizeof val),
            ROLE_TAB_ACTIVE, TA_BOLD);
        x += canvas_text(c, x, 0, x1 - x, " ", ROLE_TAB, 0);
    }
}

static void draw_tabs(App *a, Canvas *c)
{
    canvas_clear(c, (Rect){0, 0, c->w, 1}, ROLE_TAB);
    const char *brand = " promboard ";
    int bw = canvas_text_width(brand);
    char right[128], rng[96];
    app_range_text(a, rng, sizeof rng);
    snprintf(right, sizeof right, " %s ", rng);
    int rw = canvas_text_width(right), nv;
    /* full titles when they all fit with room for the time, else the
     * short names, then the short names without the program's name; when
     * the time window and the variables' values do not fit beside those,
     * numbers for the tabs other than the current one (every tab stays
     * visible, and what the panels show is said) */
    int beside = rw + vars_width(a, c->w, &nv) + 1;
    int need = bw + (beside > 40 ? beside : 40);
    for (int i = 0; i < a->ndash; i++)
        need += canvas_text_width(a->dash[i].d->title) + 5;
    int shortnames = need > c->w;
    int numbers = 0;
    if (shortnames) {
        need = beside;
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
        int none = i != a->cur && coverage_none(&a->dash[i].cover);
        Role r = i == a->cur ? ROLE_TAB_ACTIVE : none ? ROLE_DIM : ROLE_TAB;
        a->tab_x[i] = x;
        x += canvas_text(c, x, 0, c->w - x, tab, r,
                         i == a->cur ? TA_BOLD
                         : none      ? TA_DIM /* none of its metrics */
                                     : 0);
        x++;
    }
    a->tab_x[a->ndash] = x < c->w ? x : c->w; /* the end of the last */
    if (x + rw < c->w)
        canvas_text(c, c->w - rw, 0, rw, right, ROLE_TAB, 0);
    else
        rw = 0;
    draw_vars(a, c, x + 1, c->w - rw);
}

/* 1 when the newest complete refresh is older than its interval allows
 * (or refreshing is paused): its age is then shown to the second. */
static int refresh_late(const App *a)
{
    if (a->refreshed_at <= 0)
        return 0;
    double every = app_refresh_every(a);
    return a->paused || app_time(a) - a->refreshed_at > every + 5;
}

/* The freshness words of the status line: "every 10s  updated <10s ago"
 * while refreshes complete on time (words that do not change from one
 * refresh to the next, so that an unchanged frame writes nothing), the age
 * to the second when late or stale, "never updated" when nothing came. */
static void freshness_text(const App *a, char *buf, size_t n)
{
    char every[32], age[32];
    format_duration(app_refresh_every(a), -1, every, sizeof every);
    double last = a->refreshed_at > 0 ? a->refreshed_at : a->ok_round;
    int stale = app_any_stale(a);
    if (last <= 0) {
        /* at start a second or two of "loading" says it all */
        int failed = stale || app_mono(a) - a->shown_at > 3;
        snprintf(buf, n, "%s", failed ? "never updated" : "");
    } else if (stale || refresh_late(a) || a->refreshed_at <= 0) {
        snprintf(buf, n, "every %s  updated %s ago", every,
                 format_age(app_time(a) - last, age, sizeof age));
    } else {
        snprintf(buf, n, "every %s  updated <%s ago", every, every);
    }
}

/* 1 when the status line shows "loading": a query of the dashboard has
 * waited more than 2 s for its answer and nothing came back meanwhile (not
 * at every refresh: a quick one goes unsaid and writes nothing). */
static int status_loading(const App *a)
{
    double now = app_time(a), oldest;
    if (!prom_pending(a->prom) ||
        (a->last_round > 0 && now - a->last_round <= 2))
        return 0;
    return app_awaited(a, &oldest, NULL) > 0 && now - oldest > 2;
}

/* What of the status line changes without a panel changing: its freshness
 * words and "loading". The loop draws the chrome again when this moves. */
static void status_key(const App *a, char *buf, size_t n)
{
    char fresh[128];
    freshness_text(a, fresh, sizeof fresh);
    snprintf(buf, n, "%s%s", fresh, status_loading(a) ? " loading" : "");
}

/* 1 while the freshness words tick (a refresh late or paused, nothing
 * answered yet): the loop then wakes every second. */
static int status_ticks(const App *a)
{
    return refresh_late(a) || (a->refreshed_at <= 0 && a->ok_round <= 0);
}

/* The first line of `problems` for the status line: files in promboard's
 * own directory named from there ("dashboards/x.yaml"), others under the
 * home directory from "~", and how many more lines there are. */
static void problem_text(const char *problems, char *buf, size_t n)
{
    size_t len = strcspn(problems, "\n"), k = 0;
    int more = 0;
    for (const char *p = problems + len; *p; p++)
        more += *p == '\n' && p[1];
    char dir[4096];
    const char *home = getenv("HOME");
    const char *cut[2] = {conf_dir(dir, sizeof dir), home};
    size_t cl[2] = {cut[0] ? strlen(cut[0]) : 0, home ? strlen(home) : 0};
    for (size_t i = 0; i < len && k + 2 < n;) {
        int done = 0;
        for (int j = 0; j < 2 && !done; j++)
            if (cl[j] > 1 && i + cl[j] < len &&
                !strncmp(problems + i, cut[j], cl[j]) &&
                problems[i + cl[j]] == '/' &&
                (i == 0 || problems[i - 1] == ' ')) {
                if (j == 1)
                    buf[k++] = '~';
                i += cl[j] + (j == 0);
                done = 1;
            }
        if (!done)
            buf[k++] = problems[i++];
    }
    buf[k] = '\0';
    if (more)
        snprintf(buf + k, n - k, " (+%d more)", more);
}

static void draw_status(App *a, Canvas *c)
{
    int y = c->h - 1;
    if (y <= 0)
        return;
    canvas_clear(c, (Rect){0, y, c->w, 1}, ROLE_STATUS);
    /* Nothing here may change from one refresh to the next when the data
     * does not, so that an unchanged frame writes no bytes: ages are shown
     * to the second only while something is late or stale (they tick
     * then, as the stale panels' ages do), and "loading" only while
     * nothing came back for a while, not at every refresh. */
    char left[768], fresh[128], moved[128];
    freshness_text(a, fresh, sizeof fresh);
    int loading = status_loading(a);
    nav_time_text(a, moved, sizeof moved);
    int notice = a->notice[0] && app_mono(a) < a->notice_until;
    Role role = moved[0] ? ROLE_WARN : ROLE_STATUS;
    int attrs = moved[0] ? TA_BOLD : 0;
    if (notice) { /* what a key just did, said where the eye looks */
        snprintf(left, sizeof left, " %s ", a->notice);
        role = (Role)a->notice_role;
        attrs = TA_BOLD;
    } else if (a->problems) { /* room for the file that did not load */
        snprintf(left, sizeof left, " %s  %s ", prom_url(a->prom),
                 a->at > 0 ? "frozen" : "live");
    } else if (moved[0]) { /* the moved window says more than the URL */
        snprintf(left, sizeof left, " %s%s%s%s ", moved, fresh[0] ? "  " : "",
                 fresh, loading ? "  loading" : "");
    } else { /* the one place the zone of every time on screen is named */
        char zone[32];
        format_time(app_now(a), "%Z", zone, sizeof zone);
        snprintf(left, sizeof left, " %s  %s  %s%s%s%s ", prom_url(a->prom),
                 a->at > 0 ? "frozen" : "live", zone, fresh[0] ? "  " : "",
                 fresh, loading ? "  loading" : "");
    }
    /* "? help  q quit" always has its room at the right end */
    char hint[256];
    int vars = a->dash[a->cur].d->nvars > 0;
    int end = c->w - canvas_text_width(keys_hints(0, vars, hint, sizeof hint));
    if (end < 0)
        end = 0;
    int x = canvas_text(c, 0, y, end, left, role, attrs);
    if (a->paused)
        x += canvas_text(c, x, y, end - x, " PAUSED ", ROLE_WARN,
                         TA_REVERSE | TA_BOLD);
    x += alerting_draw_badge(a, c, x, y, end - x);
    int hidden = view_hidden_panels(a);
    if (hidden) {
        char more[64];
        snprintf(more, sizeof more, " +%d hidden: PgDn/PgUp scroll ", hidden);
        x += canvas_text(c, x, y, end - x, more, ROLE_WARN, 0);
    }
    /* a file that did not load, else the newest error while stale */
    const char *say = NULL;
    char first[600];
    if (a->problems) {
        problem_text(a->problems, first, sizeof first);
        say = first;
    } else if (a->last_error && app_any_stale(a) && !app_unreachable(a, NULL)) {
        say = a->last_error;
    }
    Role say_role = ROLE_ERROR;
    char why[FAMILIES_MAX_LEN + 64];
    coverage_words(&a->dash[a->cur].cover, why, sizeof why);
    if (!say && why[0]) { /* the dimmed tab says why */
        say = why;
        say_role = ROLE_WARN;
    }
    /* the most hints that leave room for what is said (up to 70 columns;
     * a file that did not load, all it needs), else a gap of two */
    int want = say ? canvas_text_width(say) + 2 : 2;
    if (say && want < 30)
        want = 30;
    if (want > 70 && !a->problems) /* a file to mend: all the room */
        want = 70;
    keys_hints(c->w - x - want, vars, hint, sizeof hint);
    int hw = canvas_text_width(hint);
    int room = c->w - x - hw;
    if (say && room > 10)
        canvas_text(c, x + 1, y, room - 1, say, say_role, 0);
    if (c->w - hw >= x)
        canvas_text(c, c->w - hw, y, hw, hint, ROLE_STATUS, TA_BOLD);
}

/* When the server cannot be used at all (nothing answered), one notice in
 * the middle of the dashboard says so, with what to do, instead of the
 * same error in every panel. */
static void draw_unreachable(App *a, Canvas *c)
{
    long status = 0;
    const char *err = app_unreachable(a, &status);
    if (!err || a->kiosk || c->h < 8 || c->w < 30)
        return;
    char hint[600];
    const char *url = prom_url(a->prom);
    if (status == 0)
        snprintf(hint, sizeof hint,
                 "Is Prometheus running at %s? Start it, or give promboard "
                 "its address with --url URL or PROMBOARD_URL. promboard "
                 "asks again by itself.",
                 url);
    else if (status == 404)
        snprintf(hint, sizeof hint,
                 "Is %s the server's base URL, the one its /api/v1/query is "
                 "under? promboard asks again by itself.",
                 url);
    else
        snprintf(hint, sizeof hint, "promboard asks again by itself.");
    int w = c->w - 8 < 72 ? c->w - 8 : 72, inner = w - 4;
    /* rows the words take, a row more each for the ends of lines */
    int h =
        canvas_text_width(err) / inner + canvas_text_width(hint) / inner + 7;
    if (h > c->h - 4)
        h = c->h - 4;
    Rect r = view_box(c, w, h,
                      status == 0 ? "Cannot reach the server"
                                  : "The server refuses the queries");
    int e = canvas_wrap(c, (Rect){r.x + 2, r.y + 2, inner, r.h - 4}, err,
                        ROLE_ERROR);
    canvas_wrap(c, (Rect){r.x + 2, r.y + 3 + e, inner, r.h - 5 - e}, hint,
                ROLE_DEFAULT);
}

/* ---- help ------------------------------------------------------------- */

static void help_draw(App *a, Canvas *c)
{
    (void)a;
    int rows = 0;
    for (int i = 0; key_table[i].act != ACT_NONE; i++)
        if (key_table[i].label[0])
            rows++;
    int cols = rows + 5 <= c->h || c->w < 80 ? 1 : 2;
    int per = (rows + cols - 1) / cols;
    Rect r = view_box(c, cols == 1 ? 52 : 80, per + 5, "Keys");
    /* the ':' commands on the last line */
    char cmds[256] = " after :";
    for (int i = 0; commands[i].name; i++) {
        size_t k = strlen(cmds);
        snprintf(cmds + k, sizeof cmds - k, "  %s%s%s", commands[i].name,
                 commands[i].args[0] ? " " : "", commands[i].args);
    }
    canvas_text(c, r.x + 1, r.y + r.h - 2, r.w - 2, cmds, ROLE_DIM, 0);
    int n = 0;
    for (int i = 0; key_table[i].act != ACT_NONE; i++) {
        if (!key_table[i].label[0])
            continue;
        int col = n / per, y = r.y + 2 + n % per, x = r.x + 2 + col * 39;
        n++;
        if (y >= r.y + r.h - 2)
            continue;
        int hw = (col == cols - 1 ? r.x + r.w - 1 : x + 38) - (x + 11);
        canvas_text(c, x, y, 10, key_table[i].label, ROLE_VALUE, TA_BOLD);
        canvas_text(c, x + 11, y, hw, key_table[i].help, ROLE_DEFAULT, 0);
    }
}

/* Any key closes the help; the mouse is left to help_mouse. */
static OverlayAnswer help_key(App *a, int key, Action act, int arg)
{
    (void)a;
    (void)key;
    (void)arg;
    if (act == ACT_MOUSE)
        return OV_PASS;
    return act == ACT_NONE ? OV_TAKEN : OV_CLOSE;
}

/* A click closes the help; the wheel does nothing. */
static OverlayAnswer help_mouse(App *a, int ev, int x, int y)
{
    (void)a;
    (void)x;
    (void)y;
    return ev == NAV_WHEEL_UP || ev == NAV_WHEEL_DOWN ? OV_TAKEN : OV_CLOSE;
}

static const Overlay help_overlay = {"help", help_key, help_mouse, help_draw,
                                     NULL};

/* ---- variable picker --------------------------------------------------- */

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

/* Loads the marks and the text of the picked variable from its value. */
static void picker_load(App *a)
{
    memset(a->pick_set, 0, sizeof a->pick_set);
    a->pick_text[0] = '\0';
    const Dashboard *d = a->dash[a->cur].d;
    if (d->nvars == 0)
        return;
    const VarConf *v = &d->vars[a->pick_var];
    a->pick_val = var_current(v);
    if (v->kind == VK_TEXTBOX)
        snprintf(a->pick_text, sizeof a->pick_text, "%s",
                 v->value ? v->value : "");
    if (!v->multi)
        return;
    int n = var_choices(v);
    for (int i = 0; i < n && i < APP_PICK_MAX; i++) {
        const char *c = var_choice(v, i);
        if (v->sel) {
            for (int k = 0; k < v->nsel; k++)
                a->pick_set[i] |= !strcmp(v->sel[k], c);
        } else {
            a->pick_set[i] = v->value && !strcmp(v->value, c);
        }
    }
}

/* How many choices are marked. */
static int picker_marked(const App *a, int n)
{
    int k = 0;
    for (int i = 0; i < n && i < APP_PICK_MAX; i++)
        k += a->pick_set[i];
    return k;
}

static void picker_draw(App *a, Canvas *c)
{
    const DashState *ds = &a->dash[a->cur];
    const Dashboard *d = ds->d;
    Rect r = view_box(c, 64, d->nvars > 0 ? d->nvars + 5 : 5, "Variables");
    if (d->nvars == 0) {
        canvas_text(c, r.x + 2, r.y + 2, r.w - 4,
                    "this dashboard has no variables", ROLE_DIM, 0);
        return;
    }
    const char *hint =
        "Up/Down variable  Left/Right value  Enter apply  Esc cancel";
    for (int i = 0; i < d->nvars && i < r.h - 4; i++) {
        const VarConf *v = &d->vars[i];
        int sel = i == a->pick_var;
        int idx = sel ? a->pick_val : var_current(v);
        int n = var_choices(v);
        const char *none =
            ds->var_state[i] != VAR_DONE ? "(asking...)" : "(no values)";
        char line[320];
        if (v->kind == VK_TEXTBOX) {
            snprintf(line, sizeof line, "%s %s%s", sel ? ">" : " ",
                     sel ? a->pick_text : (v->value ? v->value : ""),
                     sel ? "_" : "");
            if (sel)
                hint = "type the value  Backspace erase  Enter apply  Esc "
                       "cancel";
        } else if (v->multi && sel) {
            int k = picker_marked(a, n);
            snprintf(line, sizeof line, "< [%c] %s >  %d chosen",
                     idx < APP_PICK_MAX && a->pick_set[idx] ? 'x' : ' ',
                     n ? var_choice(v, idx) : none, k);
            hint = "Left/Right value  Space choose  Enter apply  Esc cancel";
        } else if (v->multi && v->sel && v->nsel > 1) {
            size_t used = 0;
            line[0] = '\0';
            for (int k = 0; k < v->nsel && used + 2 < sizeof line; k++)
                used += (size_t)snprintf(line + used, sizeof line - used,
                                         "%s%s", k ? ", " : "  ", v->sel[k]);
        } else {
            snprintf(line, sizeof line, "%s %s%s", sel ? "<" : " ",
                     n ? var_choice(v, idx) : none, sel ? " >" : "");
        }
        const char *label = v->title ? v->title : v->name;
        canvas_text(c, r.x + 2, r.y + 2 + i, 16, label, ROLE_VALUE, TA_BOLD);
        canvas_text(c, r.x + 19, r.y + 2 + i, r.w - 21, line,
                    sel ? ROLE_TAB_ACTIVE : ROLE_DEFAULT, sel ? TA_REVERSE : 0);
    }
    canvas_text(c, r.x + 2, r.y + r.h - 2, r.w - 4, hint, ROLE_DIM, 0);
}

/* Applies the picker's choice for variable v (index vi). */
static void picker_apply(App *a, VarConf *v)
{
    int n = var_choices(v);
    if (v->kind == VK_TEXTBOX) {
        const char *t = a->pick_text;
        layout_var_select(v, &t, 1);
    } else if (v->multi && picker_marked(a, n) > 0) {
        const char *vals[APP_PICK_MAX];
        int k = 0;
        for (int i = 0; i < n && i < APP_PICK_MAX; i++)
            if (a->pick_set[i])
                vals[k++] = var_choice(v, i);
        layout_var_select(v, vals, k);
    } else if (n) {
        const char *val = var_choice(v, a->pick_val);
        layout_var_select(v, &val, 1);
    } else {
        return;
    }
    app_var_changed(a, a->cur, a->pick_var);
}

/* Up/Down (and Tab) pick the variable, Left/Right its value, Space marks
 * one of several values, typing edits a text box, Enter applies, Esc
 * cancels; q is passed on (and so closes the picker) but in a text box. */
static OverlayAnswer picker_key(App *a, int key, Action act, int arg)
{
    (void)arg;
    DashState *ds = &a->dash[a->cur];
    Dashboard *d = ds->d;
    if (act == ACT_MOUSE)
        return OV_PASS;
    if (d->nvars == 0)
        return act == ACT_QUIT ? OV_PASS : OV_CLOSE;
    VarConf *v = &d->vars[a->pick_var];
    int n = var_choices(v);
    if (v->kind == VK_TEXTBOX && act != ACT_UP && act != ACT_DOWN &&
        act != ACT_NEXT_DASH && act != ACT_ZOOM && act != ACT_BACK) {
        size_t len = strlen(a->pick_text);
        if (key == KEY_BACKSPACE || key == 127 || key == 8) {
            /* a whole UTF-8 character */
            while (len > 0 &&
                   ((unsigned char)a->pick_text[len - 1] & 0xC0) == 0x80)
                len--;
            if (len > 0)
                len--;
            a->pick_text[len] = '\0';
        } else if (key >= 0x20 && key < 0x100 && key != 0x7f &&
                   len + 1 < sizeof a->pick_text) {
            a->pick_text[len] = (char)key;
            a->pick_text[len + 1] = '\0';
        }
        return OV_TAKEN;
    }
    if (act == ACT_QUIT)
        return OV_PASS;
    if (act == ACT_BACK)
        return OV_CLOSE;
    switch (act) {
    case ACT_UP:
    case ACT_DOWN:
    case ACT_NEXT_DASH:
        a->pick_var =
            (a->pick_var + (act == ACT_UP ? -1 : 1) + d->nvars) % d->nvars;
        picker_load(a);
        break;
    case ACT_LEFT:
        if (n)
            a->pick_val = (a->pick_val + n - 1) % n;
        break;
    case ACT_RIGHT:
        if (n)
            a->pick_val = (a->pick_val + 1) % n;
        break;
    case ACT_ZOOM: /* Enter */
        picker_apply(a, v);
        return OV_CLOSE;
    default:
        if (key == ' ' && v->multi && n && a->pick_val < APP_PICK_MAX) {
            int i = a->pick_val;
            a->pick_set[i] = !a->pick_set[i];
            /* All stands for every value: it goes alone */
            if (a->pick_set[i] && v->all)
                for (int k = 0; k < n && k < APP_PICK_MAX; k++)
                    if (k != i && (i == 0 || k == 0))
                        a->pick_set[k] = 0;
        }
        break;
    }
    return OV_TAKEN;
}

static const Overlay picker_overlay = {"picker", picker_key, NULL, picker_draw,
                                       NULL};

static void picker_open(App *a)
{
    if (view_open(a, &picker_overlay) < 0)
        return;
    a->pick_var = 0;
    a->pick_val = 0;
    picker_load(a);
}

/* ---- the frame ---------------------------------------------------------- */

void ui_draw(App *a, Canvas *c, int full)
{
    DashState *ds = &a->dash[a->cur];
    if (full)
        canvas_clear(c, (Rect){0, 0, c->w, c->h}, ROLE_DEFAULT);
    if (a->kiosk)
        kiosk_draw_title(a, c);
    else
        draw_tabs(a, c);
    DrawCtx ctx = {.now = app_now(a),
                   .wall = app_time(a),
                   .range = app_range(a, a->cur),
                   .kiosk = a->kiosk,
                   .frozen = app_frozen(a),
                   .alerts = alerting_store(a),
                   .quiet = app_unreachable(a, NULL) != NULL};
    for (int pi = 0; pi < ds->npanels; pi++) {
        Rect r = ds->rects[pi];
        if (r.w <= 0 || r.h <= 0 || (!full && !ds->panels[pi].dirty))
            continue;
        ctx.focused = pi == a->focus;
        char caption[96]; /* a window of its own, named */
        app_panel_window(a, a->cur, &ds->panels[pi], &ctx.now, &ctx.range);
        ctx.anchored =
            app_panel_anchor(a, a->cur, &ds->panels[pi]) != RANGE_FIXED;
        ctx.caption = app_panel_window_text(a, a->cur, &ds->panels[pi], caption,
                                            sizeof caption)
                          ? caption
                          : NULL;
        panel_draw(&ds->panels[pi], c, r, &ctx);
        a->stats.panel_draws++;
    }
    if (!a->kiosk) {
        draw_unreachable(a, c);
        draw_status(a, c);
    }
    for (int i = 0; i < a->noverlays; i++)
        if (a->overlays[i]->draw)
            a->overlays[i]->draw(a, c);
    a->stats.renders++;
    app_frame_drawn(a);
}

void ui_render(App *a, Canvas *c)
{
    ui_draw(a, c, 1);
}

/* ---- keys -----------------------------------------------------------------
 */

static int ui_act(App *a, Action act, int arg);

/* Applies one key (an ncurses key code) as the key table binds it: the top
 * overlay has it first; q closes that overlay, or quits when there is none.
 * Returns 1 when the program should quit. */
static int ui_key(App *a, int key)
{
    int arg = 0;
    Action act = keys_lookup(key, &arg);
    if (act == ACT_QUIT_NOW)
        return 1;
    const Overlay *top = view_top(a);
    if (top) {
        OverlayAnswer r = top->key(a, key, act, arg);
        if (r == OV_CLOSE || (r == OV_PASS && act == ACT_QUIT)) {
            view_close(a, top);
            return 0;
        }
        if (r == OV_TAKEN)
            return 0;
    }
    return ui_act(a, act, arg);
}

/* Does what action `act` (with `arg`) asks of the dashboard: a key no
 * overlay took, or what a ':' command asked for. Returns 1 when the
 * program should quit. */
static int ui_act(App *a, Action act, int arg)
{
    switch (act) {
    case ACT_QUIT:
    case ACT_QUIT_NOW:
        return 1;
    case ACT_REFRESH: /* the files read again too: edits show at once */
        a->reload_asked = 1;
        app_schedule(a, 1);
        alerting_schedule(a, 1);
        break;
    case ACT_PAUSE:
        a->paused = !a->paused;
        break;
    case ACT_NEXT_DASH:
        view_switch(a, a->cur + 1);
        break;
    case ACT_PREV_DASH:
        view_switch(a, a->cur - 1);
        break;
    case ACT_GOTO_DASH:
        if (arg < a->ndash)
            view_switch(a, arg);
        break;
    case ACT_LEFT:
        view_move_focus(a, -1, 0);
        break;
    case ACT_RIGHT:
        view_move_focus(a, 1, 0);
        break;
    case ACT_UP:
        view_move_focus(a, 0, -1);
        break;
    case ACT_DOWN:
        view_move_focus(a, 0, 1);
        break;
    case ACT_ZOOM:
        if (!a->zoom && app_toggle_section(a, a->focus)) {
            app_schedule(a, 0); /* Enter on a section header opens it */
            break;
        }
        view_zoom(a, !a->zoom);
        break;
    case ACT_HELP:
        view_open(a, &help_overlay);
        break;
    case ACT_SCROLL_DOWN:
        view_scroll(a, 1);
        break;
    case ACT_SCROLL_UP:
        view_scroll(a, -1);
        break;
    case ACT_VARS:
        picker_open(a);
        break;
    case ACT_EXPLORE:
        explore_open(a);
        break;
    case ACT_INSPECT:
        inspect_open(a);
        break;
    case ACT_ALERTS:
        alertsview_open(a);
        break;
    case ACT_SILENCE: /* the alerts view's own keys */
    case ACT_EXPIRE:
    case ACT_COPY:
    case ACT_COPY_EXPR:
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
    case ACT_CAPTURE:
        a->capture = 1; /* the next frame drawn, as it is */
        break;
    case ACT_BACK: /* nothing open to leave */
    case ACT_TOP:
    case ACT_BOTTOM:
    case ACT_REDRAW:
    case ACT_NONE:
        break;
    }
    return 0;
}

/* ---- the loop ------------------------------------------------------------ */

/* After a resize, panels ask again soon (not at once: a resize storm must
 * not become a query storm); those whose width did not change find their
 * window unchanged and ask nothing. */
static void requery_soon(App *a, double delay)
{
    DashState *ds = &a->dash[a->cur];
    for (int i = 0; i < ds->npanels; i++)
        app_refresh_in(a, &ds->panels[i], delay);
}

/* Marks the panels of the current dashboard showing stale data dirty: their
 * ages tick. */
static void mark_stale_dirty(App *a)
{
    DashState *ds = &a->dash[a->cur];
    for (int pi = 0; pi < ds->npanels; pi++)
        for (int q = 0; q < ds->panels[pi].conf->nqueries; q++)
            if (ds->panels[pi].qs[q].inst.error ||
                ds->panels[pi].qs[q].range.error)
                ds->panels[pi].dirty = 1;
}

/* Milliseconds the loop may sleep: until the next query is due, the kiosk
 * turns, a held frame is due, or (while some panel is stale) its age
 * ticks. */
static int loop_timeout(const App *a, double stale_tick)
{
    double wait = app_next_due(a), turn = kiosk_wait(a), mono = app_mono(a);
    double alerts = alerting_next_due(a);
    if (turn < wait)
        wait = turn;
    if (alerts < wait)
        wait = alerts;
    if (a->dirty_since > 0 && a->dirty_since + 0.3 - mono < wait)
        wait = a->dirty_since + 0.3 - mono;
    if ((app_any_stale(a) || status_ticks(a)) && stale_tick + 1 - mono < wait)
        wait = stale_tick + 1 - mono;
    if (a->notice[0] && a->notice_until - mono < wait) /* it goes */
        wait = a->notice_until - mono;
    if (reload_wait(a) < wait)
        wait = reload_wait(a);
    if (prom_pending(a->prom) && wait > 1) /* "loading" once it is slow */
        wait = 1;
    if (wait < 0)
        wait = 0;
    return wait > 60 ? 60000 : (int)(wait * 1000) + 1;
}

/* Writes the loop's counts to the file PROMBOARD_STATS names, if any. */
static void write_stats(const App *a)
{
    const char *stats = getenv("PROMBOARD_STATS");
    if (!stats || !*stats)
        return;
    FILE *f = fopen(stats, "w");
    if (!f)
        return;
    const AppStats *s = &a->stats;
    PromStats ps;
    prom_stats(a->prom, &ps);
    fprintf(f,
            "first_frame_ms=%.0f\nframes=%ld\nrenders=%ld\npanel_draws=%ld\n"
            "refreshes=%ld\nrequests=%ld\nunchanged=%ld\nturns=%ld\n"
            "run_seconds=%.1f\ntransfers=%ld\nconnections=%ld\n"
            "wire_bytes=%.0f\nbody_bytes=%.0f\ncompressed=%d\n",
            a->first_frame * 1000, a->frames, s->renders, s->panel_draws,
            s->refreshes, s->requests, s->unchanged, s->turns,
            app_wall() - a->started, ps.transfers, ps.connections,
            ps.wire_bytes, ps.body_bytes, ps.compressed);
    fclose(f);
}

int ui_run(App *a, const Theme *theme, char *err, size_t errn)
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
    c->mono = s.colors == THEME_DEPTH_NONE || !strcmp(s.theme->name, "mono");
    if (a->mouse)
        screen_mouse(1);
    app_layout(a, s.w, s.h);
    a->shown_at = app_mono(a);
    if (!a->kiosk) /* the keys act on a panel that shows it */
        a->focus = view_first_shown(a);
    app_schedule(a, 1);
    alerting_schedule(a, 1);
    kiosk_start(a);
    int full = 1, tick = 0, quit = 0, shown_dash = a->cur, gone = 0,
        idle_reads = 0;
    double stale_tick = app_mono(a);
    char shown_status[192] = "", status[192];
    while (!quit && !screen_quit_requested()) {
        a->stats.turns++;
        if (!a->kiosk) { /* the status line's words moved by themselves */
            status_key(a, status, sizeof status);
            tick |= strcmp(status, shown_status) != 0;
        }
        if (full || tick || app_frame_due(a) || a->capture) {
            ui_draw(a, c, full);
            status_key(a, shown_status, sizeof shown_status);
            if (a->capture) { /* this frame to files, then said where */
                a->capture = 0;
                capture_write(a, c, theme ? theme : theme_find("dark"));
                ui_draw(a, c, 1);
            }
            if (screen_show(&s, c))
                a->frames++;
            full = tick = 0;
            if (a->first_frame == 0 && prom_pending(a->prom) == 0)
                a->first_frame = app_wall() - a->started;
        }
        int fds[2] = {0, s.wake_fd}, ready[2] = {0, 0};
        prom_wait_fds(a->prom, fds, 2, ready, loop_timeout(a, stale_tick));
        if (ready[1])
            screen_drain_wake(&s);
        if (screen_hangup() == 1) /* SIGHUP, the terminal still here */
            a->reload_asked = 1;
        int key, keys = 0;
        while ((key = getch()) != ERR) {
            int arg;
            keys++;
            full = 1;
            if (key == KEY_RESIZE) {
                screen_resized(&s);
                canvas_resize(c, s.w, s.h);
                app_layout(a, s.w, s.h);
                requery_soon(a, 0.3);
                continue;
            }
            a->pick = 0; /* the user acts on the dashboard shown */
            if (keys_lookup(key, &arg) == ACT_REDRAW)
                screen_invalidate(&s);
            if (ui_key(a, key)) {
                quit = 1;
                break;
            }
            if (a->asked_act) { /* what a ':' command asked for */
                Action act = (Action)a->asked_act;
                a->asked_act = 0;
                if (ui_act(a, act, a->asked_arg)) {
                    quit = 1;
                    break;
                }
            }
        }
        if (ready[0] && !keys && !quit) {
            /* readable with no key: end of file or an error. Once it says
             * hang-up, or keeps saying readable with nothing to read, the
             * terminal is gone: stop rather than spin */
            if (screen_input_gone() || ++idle_reads > 100) {
                snprintf(err, errn, "the terminal is gone");
                gone = 1;
                break;
            }
        } else {
            idle_reads = 0;
        }
        if (app_progress(a) > 0 && a->noverlays > 0)
            full = 1; /* an overlay may show what came (completion) */
        if (kiosk_tick(a))
            tick = 1; /* the title line's clock, or the next dashboard */
        if (a->cur != shown_dash) {
            if (a->kiosk)
                kiosk_start(a);    /* a full turn for the dashboard shown */
            else if (a->focus < 0) /* opened for its data: as by a key */
                a->focus = view_first_shown(a);
            shown_dash = a->cur;
            full = 1;
        }
        int changed = reload_check(a, a->reload_asked);
        a->reload_asked = 0;
        if (changed & RELOAD_THEME) {
            theme = reload_theme(a);
            screen_set_theme(&s, theme);
        }
        if (changed)
            full = 1;
        app_schedule(a, 0);
        alerting_schedule(a, 0);
        if (alerting_badge_changed(a))
            full = 1; /* the status line's badge (a wall screen's title) */
        double mono = app_mono(a);
        if (a->notice[0] && mono >= a->notice_until) {
            a->notice[0] = '\0'; /* said long enough */
            full = 1;
        }
        if (app_any_stale(a) && mono - stale_tick >= 1) {
            stale_tick = mono;
            tick = 1; /* the stale panels' ages and the status line */
            mark_stale_dirty(a);
        } else if (status_ticks(a) && mono - stale_tick >= 1) {
            stale_tick = mono; /* the status line's age */
        }
    }
    canvas_free(c);
    screen_close(&s);
    explore_free(a->explore);
    a->explore = NULL;
    write_stats(a);
    return gone ? 1 : 0;
}
