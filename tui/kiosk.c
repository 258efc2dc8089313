/* kiosk.c - the wall-screen mode (--kiosk): the rotation clock, the theme
 * a wall screen defaults to, and the one title line that replaces the tab
 * bar and status line, with the firing alerts' badge and a "data as of"
 * mark while the server is away. */
#include "kiosk.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../datasource/query.h"
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
    if (!a->kiosk || a->kiosk_every <= 0 || a->ndash < 2)
        return 3600;
    double d = a->kiosk_next - app_mono(a);
    return d < 0 ? 0 : d;
}

int kiosk_tick(App *a)
{
    if (!a->kiosk || a->kiosk_every <= 0 || a->ndash < 2)
        return 0;
    if (app_mono(a) < a->kiosk_next)
        return 0;
    /* past the dashboards that find none of their metrics, unless none
     * finds any */
    int next = (a->cur + 1) % a->ndash;
    while (next != a->cur && coverage_none(&a->dash[next].cover))
        next = (next + 1) % a->ndash;
    if (next == a->cur && coverage_none(&a->dash[a->cur].cover))
        next = (a->cur + 1) % a->ndash;
    kiosk_start(a); /* a full turn for the next one */
    if (next == a->cur)
        return 0; /* the only one with data stays */
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
        time_t tt = (time_t)a->at;
        struct tm tm;
        gmtime_r(&tt, &tm);
        strftime(at, sizeof at, "%Y-%m-%d %H:%M UTC", &tm);
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
