/* kiosk.c - the wall-screen mode (--kiosk): the rotation clock, the theme
 * a wall screen defaults to, and the one title line that replaces the tab
 * bar and status line, with the firing alerts' badge and a "data as of"
 * mark while the server is away. */
#include "kiosk.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../datasource/query.h"
#include "../panels/format.h"
#include "../themes/theme.h"
#include "alerting.h"
#include "view.h"

int kiosk_interval_parse(const char *s, double *secs)
{
    double v;
    if (!s || *s == '-' || duration_parse(s, &v) < 0)
        return -1;
    if (v != 0 && v < 1)
        return -1;
    *secs = v;
    return 0;
}

int kiosk_pick(Dashboard **d, int n, const char *list, const char *first,
               int *cur, char *err, size_t errn)
{
    Dashboard **keep = calloc((size_t)n + 1, sizeof *keep);
    int k = 0, bad = 0;
    char name[128];
    for (const char *p = list; keep && *p && !bad;) {
        size_t len = strcspn(p, ",");
        snprintf(name, sizeof name, "%.*s", (int)(len < 127 ? len : 127), p);
        p += len + (p[len] == ',');
        if (!name[0])
            continue; /* "a,,b" or a trailing comma */
        int found = -1;
        for (int i = 0; i < n && found < 0; i++)
            if (d[i] && !strcmp(d[i]->name, name))
                found = i;
        int dup = 0;
        for (int i = 0; i < k; i++)
            dup |= found >= 0 && keep[i] == d[found];
        if (found < 0)
            bad = 1;
        else if (!dup)
            keep[k++] = d[found];
    }
    if (!keep || bad || k == 0) {
        char known[400] = "";
        size_t used = 0;
        for (int i = 0; i < n && used + 1 < sizeof known; i++) {
            int w = snprintf(known + used, sizeof known - used, "%s%s",
                             i ? ", " : "", d[i]->name);
            used += w > 0 ? (size_t)w : 0;
        }
        if (!keep)
            snprintf(err, errn, "out of memory");
        else if (bad)
            snprintf(err, errn, "unknown dashboard '%s' in --kiosk (known: %s)",
                     name, known);
        else
            snprintf(err, errn, "no dashboard in --kiosk '%s' (known: %s)",
                     list, known);
        for (int i = 0; i < n; i++)
            layout_free(d[i]);
        free(keep);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        int kept = 0;
        for (int j = 0; j < k; j++)
            kept |= keep[j] == d[i];
        if (!kept)
            layout_free(d[i]);
    }
    *cur = 0;
    for (int j = 0; j < k; j++) {
        d[j] = keep[j];
        if (first && !strcmp(keep[j]->name, first))
            *cur = j;
    }
    free(keep);
    return k;
}

const char *kiosk_theme(const char *chosen, int is_explicit)
{
    if (is_explicit && chosen)
        return chosen;
    return theme_find("high-contrast") ? "high-contrast" : "dark";
}

void kiosk_start(App *a)
{
    a->kiosk_next = a->kiosk_every > 0 ? app_mono(a) + a->kiosk_every : 0;
}

double kiosk_wait(const App *a)
{
    if (!a->kiosk)
        return 3600;
    double t = app_now(a), d = 60 - fmod(t, 60); /* the clock's next minute */
    if (a->at > 0 || a->view_end > 0)
        d = 3600; /* frozen: the clock stands still */
    if (a->kiosk_every > 0 && a->ndash >= 2) {
        double turn = a->kiosk_next - app_mono(a);
        d = turn < d ? turn : d;
    }
    return d < 0 ? 0 : d;
}

int kiosk_tick(App *a)
{
    if (!a->kiosk)
        return 0;
    double minute = floor(app_now(a) / 60);
    int changed = minute != a->kiosk_minute;
    a->kiosk_minute = minute;
    if (a->kiosk_every <= 0 || a->ndash < 2 || app_mono(a) < a->kiosk_next)
        return changed;
    /* past the dashboards that find none of their metrics, unless none
     * finds any */
    int next = (a->cur + 1) % a->ndash;
    while (next != a->cur && coverage_none(&a->dash[next].cover))
        next = (next + 1) % a->ndash;
    if (next == a->cur && coverage_none(&a->dash[a->cur].cover))
        next = (a->cur + 1) % a->ndash;
    kiosk_start(a); /* a full turn for the next one */
    if (next == a->cur)
        return changed; /* the only one with data stays */
    view_close_all(a);
    app_switch(a, next);
    return 1;
}

/* Local "HH:MM", with the month and day in front when t is not today. */
static void local_hm(double t, double today, char *buf, size_t n)
{
    time_t tt = (time_t)t, now = (time_t)today;
    struct tm tm, tn;
    localtime_r(&tt, &tm);
    localtime_r(&now, &tn);
    int same_day = tm.tm_year == tn.tm_year && tm.tm_yday == tn.tm_yday;
    strftime(buf, n, same_day ? "%H:%M" : "%b %d %H:%M", &tm);
}

int kiosk_stale_mark(const App *a, char *buf, size_t n)
{
    if (n == 0)
        return 0;
    buf[0] = 0;
    const DashState *ds = &a->dash[a->cur];
    double oldest = 0;
    int failing = 0, never = 0;
    for (int pi = 0; pi < ds->npanels; pi++) {
        const Panel *p = &ds->panels[pi];
        if (ds->rects[pi].w <= 0 || ds->rects[pi].h <= 0)
            continue; /* not on screen: not asked either */
        for (int q = 0; q < p->conf->nqueries; q++) {
            const QueryState *st[2] = {&p->qs[q].inst, &p->qs[q].range};
            for (int k = 0; k < 2; k++) {
                if (!st[k]->used || !st[k]->error)
                    continue;
                failing = 1;
                if (st[k]->ok_at <= 0)
                    never = 1;
                else if (oldest == 0 || st[k]->ok_at < oldest)
                    oldest = st[k]->ok_at;
            }
        }
    }
    if (!failing)
        return 0;
    if (oldest == 0 && never) {
        snprintf(buf, n, "waiting for data");
        return (int)strlen(buf);
    }
    char when[32];
    local_hm(oldest, app_time(a), when, sizeof when);
    if (a->at > 0) {
        char at[48];
        format_time(a->at, "%Y-%m-%d %H:%M %Z", at, sizeof at);
        snprintf(buf, n, "data as of %s, no answer since %s", at, when);
    } else {
        snprintf(buf, n, "data as of %s", when);
    }
    return (int)strlen(buf);
}

void kiosk_draw_title(const App *a, Canvas *c)
{
    if (c->h <= 0)
        return;
    canvas_clear(c, (Rect){0, 0, c->w, 1}, ROLE_DEFAULT);
    char mark[128], info[128], rng[64];
    int mw = kiosk_stale_mark(a, mark + 1, sizeof mark - 2);
    if (mw) { /* a blank each side inside the reverse video */
        mark[0] = ' ';
        mark[mw + 1] = ' ';
        mark[mw + 2] = 0;
        mw = canvas_text_width(mark);
    }
    /* what fires, left of the mark: a wall screen must show it whatever
     * dashboard is on */
    char badge[32];
    Role brole;
    int used = mw; /* columns taken at the right */
    if (alerting_badge(a, badge, sizeof badge, &brole)) {
        int bw = canvas_text_width(badge) + 4;
        if (bw + mw + 8 <= c->w) {
            alerting_draw_badge(a, c, c->w - mw - bw - (mw ? 1 : 0), 0, bw);
            used += bw + (mw ? 1 : 0);
        }
    }
    /* the clock, in the zone of every time shown (no status line names
     * it on a wall screen) */
    char clock[48];
    format_time(app_now(a), " %H:%M %Z ", clock, sizeof clock);
    int cw = canvas_text_width(clock);
    if (cw + used + 24 <= c->w) {
        canvas_text(c, c->w - used - cw - (used ? 1 : 0), 0, cw, clock,
                    ROLE_TITLE, TA_BOLD);
        used += cw + (used ? 1 : 0);
    }
    app_range_text(a, rng, sizeof rng);
    if (a->ndash > 1)
        snprintf(info, sizeof info, "%s  %d/%d", rng, a->cur + 1, a->ndash);
    else
        snprintf(info, sizeof info, "%s", rng);
    int room = c->w - used;
    int x = 1 + canvas_text(c, 1, 0, room - 2, a->dash[a->cur].d->title,
                            ROLE_TITLE, TA_BOLD);
    int iw = canvas_text_width(info);
    if (x + 3 + iw <= room - 1)
        canvas_text(c, x + 3, 0, iw, info, ROLE_DIM, 0);
    if (mw) /* its start when the line is too narrow for all of it */
        canvas_text(c, mw < c->w ? c->w - mw : 0, 0, c->w, mark, ROLE_STALE,
                    TA_BOLD | TA_REVERSE);
}
