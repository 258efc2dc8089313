/* view.c - the overlay stack, the zoom (an overlay that draws nothing and
 * changes the layout), focus moves and scrolling of the current
 * dashboard. */
#include "view.h"

#include <string.h>

Rect view_box(Canvas *c, int w, int h, const char *title)
{
    if (w > c->w)
        w = c->w;
    if (h > c->h)
        h = c->h;
    Rect r = {(c->w - w) / 2, (c->h - h) / 2, w, h};
    canvas_clear(c, r, ROLE_DEFAULT);
    canvas_box(c, r, ROLE_BORDER_FOCUS, title, ROLE_TITLE_FOCUS);
    return r;
}

int view_open(App *a, const Overlay *o)
{
    for (int i = 0; i < a->noverlays; i++)
        if (a->overlays[i] == o) { /* already open: to the top */
            memmove(&a->overlays[i], &a->overlays[i + 1],
                    sizeof *a->overlays * (size_t)(a->noverlays - i - 1));
            a->overlays[a->noverlays - 1] = o;
            return 0;
        }
    if (a->noverlays >= APP_MAX_OVERLAYS)
        return -1;
    a->overlays[a->noverlays++] = o;
    return 0;
}

/* 1 when o is open. */
static int view_is_open(const App *a, const Overlay *o)
{
    for (int i = 0; i < a->noverlays; i++)
        if (a->overlays[i] == o)
            return 1;
    return 0;
}

void view_close(App *a, const Overlay *o)
{
    if (!view_is_open(a, o))
        return;
    while (a->noverlays > 0) {
        const Overlay *top = a->overlays[--a->noverlays];
        if (top->close)
            top->close(a);
        if (top == o)
            break;
    }
}

void view_close_all(App *a)
{
    while (a->noverlays > 0)
        view_close(a, a->overlays[a->noverlays - 1]);
}

const Overlay *view_top(const App *a)
{
    return a->noverlays > 0 ? a->overlays[a->noverlays - 1] : NULL;
}

void view_switch(App *a, int i)
{
    view_close_all(a);
    app_switch(a, i);
    if (!a->kiosk) /* the keys act on a panel that shows it */
        a->focus = view_first_shown(a);
    app_schedule(a, 0);
}

/* ---- zoom --------------------------------------------------------------- */

static OverlayAnswer zoom_key(App *a, int key, Action act, int arg)
{
    (void)a;
    (void)key;
    (void)arg;
    return act == ACT_ZOOM || act == ACT_BACK ? OV_CLOSE : OV_PASS;
}

static OverlayAnswer zoom_mouse(App *a, int ev, int x, int y)
{
    (void)a;
    (void)ev;
    (void)x;
    (void)y;
    return OV_PASS; /* a click focuses, a double click unzooms */
}

static void zoom_close(App *a)
{
    a->zoom = 0;
    app_layout(a, a->w, a->h);
    app_schedule(a, 0); /* panels shown again ask if they are due */
}

static const Overlay zoom_overlay = {"zoom", zoom_key, zoom_mouse, NULL,
                                     zoom_close};

void view_zoom(App *a, int on)
{
    if (!on) {
        view_close(a, &zoom_overlay);
        return;
    }
    const DashState *ds = &a->dash[a->cur];
    if (ds->npanels == 0 || view_open(a, &zoom_overlay) < 0)
        return;
    if (a->focus < 0 || a->focus >= ds->npanels)
        a->focus = view_first_shown(a);
    a->zoom = 1;
    app_layout(a, a->w, a->h);
}

/* ---- focus and scrolling --------------------------------------------------
 */

/* 1 when panel i of dashboard ds has no room on screen (not counting a
 * collapsed section's panels: they are closed, not hidden). */
static int panel_hidden(const DashState *ds, int i)
{
    return app_panel_hidden(ds, i);
}

/* 1 when panel i is on screen. */
static int panel_shown(const DashState *ds, int i)
{
    return ds->rects[i].w > 0 && ds->rects[i].h > 0;
}

int view_hidden_panels(const App *a)
{
    const DashState *ds = &a->dash[a->cur];
    int hidden = 0;
    for (int pi = 0; pi < ds->npanels && !a->zoom; pi++)
        hidden += panel_hidden(ds, pi);
    return hidden;
}

int view_first_shown(const App *a)
{
    const DashState *ds = &a->dash[a->cur];
    for (int i = 0; i < ds->npanels; i++)
        if (panel_shown(ds, i))
            return i;
    return 0;
}

int view_scroll(App *a, int by)
{
    DashState *ds = &a->dash[a->cur];
    int below = 0;
    for (int i = 0; i < ds->npanels; i++) /* hidden after the last shown */
        below = panel_hidden(ds, i) ? below + 1 : ds->folded[i] ? below : 0;
    if ((by > 0 && below == 0) || (by < 0 && ds->scroll == 0) || a->zoom)
        return 0;
    const Dashboard *d = ds->d;
    int step = by > 0 ? 1 : -1;
    do /* rows of a closed section take no room: step over them */
        ds->scroll += step;
    while (ds->scroll > 0 && ds->scroll < d->nrows - 1 &&
           app_row_folded(d, ds->scroll));
    app_layout(a, a->w, a->h);
    for (int i = 0; i < ds->npanels; i++) /* newly shown panels ask now */
        if (panel_shown(ds, i))
            app_refresh_in(a, &ds->panels[i], 0);
    if (a->focus >= 0 && !panel_shown(ds, a->focus))
        a->focus = view_first_shown(a);
    return 1;
}

void view_move_focus(App *a, int dx, int dy)
{
    DashState *ds = &a->dash[a->cur];
    if (ds->npanels == 0)
        return;
    if (a->focus < 0 || a->focus >= ds->npanels) {
        a->focus = view_first_shown(a); /* not one scrolled away */
        return;
    }
    Rect f = ds->rects[a->focus];
    double fx = f.x + f.w / 2.0, fy = f.y + f.h / 2.0;
    int best = -1;
    double best_d = 1e18;
    for (int i = 0; i < ds->npanels; i++) {
        Rect r = ds->rects[i];
        if (i == a->focus || r.w <= 0 || r.h <= 0)
            continue;
        double cx = r.x + r.w / 2.0, cy = r.y + r.h / 2.0;
        double ddx = cx - fx, ddy = cy - fy;
        /* only panels lying in the asked direction, overlapping across it */
        if (dx && (ddx * dx <= 0 || r.y >= f.y + f.h || r.y + r.h <= f.y))
            continue;
        if (dy && (ddy * dy <= 0 || r.x >= f.x + f.w || r.x + r.w <= f.x))
            continue;
        double d = ddx * ddx + ddy * ddy * 4;
        if (d < best_d) {
            best_d = d;
            best = i;
        }
    }
    if (best >= 0) {
        a->focus = best;
    } else if (dy && view_scroll(a, dy)) {
        /* scrolled: focus the first shown panel of the row that came in */
        int pick = -1;
        for (int i = 0; i < ds->npanels; i++) {
            if (!panel_shown(ds, i))
                continue;
            if (pick < 0 || (dy > 0 && ds->rects[i].y > ds->rects[pick].y))
                pick = i;
        }
        a->focus = pick;
    }
}
