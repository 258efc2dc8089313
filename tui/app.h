/* app.h - the one App: dashboards, their panels, the Prometheus client and
 * the scheduler that decides which queries are due. The TUI event loop and
 * --once both drive it. */
#ifndef PROMBOARD_APP_H
#define PROMBOARD_APP_H

#include "../datasource/families.h"
#include "../datasource/prom.h"
#include "../layouts/layout.h"
#include "../panels/canvas.h"
#include "../panels/panel.h"
#include "../themes/theme.h"
#include "prompt.h"

/* One subscription: which slot of which panel an answer belongs to. */
typedef struct {
    struct App *app;
    int dash, panel, query, range;
} SlotRef;

typedef struct {
    Dashboard *d;
    Panel *panels;
    Rect *rects;
    int npanels;
    SlotRef *refs;     /* 2 per query of every panel */
    int nrefs;         /* entries in refs */
    SlotRef *var_refs; /* one per variable */
    int vars_asked;    /* the variables' choices were asked for */
    int vars_pending;  /* answers still awaited before panels may ask */
    int scroll;        /* rows scrolled off the top when not all fit */
    int adhoc;         /* the ad-hoc query tab (--query, ':') */
} DashState;

typedef struct App {
    DashState *dash;
    int ndash, cur;
    Prom *prom;
    Families *families; /* the server's metric names, asked once per
                           connection (again after an outage) */
    double at;          /* frozen "now" (--at), 0: live */
    double view_end;    /* panned ([ ]): the window ends here, 0: at "now" */
    double view_range;  /* widened/narrowed (+ -): seconds, 0: as started */
    double range;       /* --range override, 0: the dashboard's */
    int range_anchor;   /* RANGE_* of the --range override */
    int once;           /* --once: every panel asks, seen or not */
    int picker;         /* the variable picker is open */
    int pick_var, pick_val; /* its selection */
    double refresh;         /* --refresh override, 0: the panels' */
    int focus;              /* focused panel index, -1: none */
    int zoom;               /* the focused panel fills the screen */
    int paused;
    int help;        /* help screen shown */
    int inspect;     /* the inspect overlay is shown (inspect.c) */
    int inspect_top; /* its first line on screen */
    int mouse;       /* report mouse clicks and wheel (--no-mouse: 0) */
    int *tab_x;      /* columns where tab i starts, [ndash]: the end */
    Prompt prompt;   /* the bottom-line series filter prompt ('/') */
    int w, h;        /* frame size */
    int ascii;
    double last_round;     /* wall time the last answer arrived */
    int answers, failures; /* counts since start */
    char *last_error;      /* newest failure text */
    double started;        /* wall time the program started */
    double first_frame;    /* seconds from start to the first complete frame */
    long frames;           /* frames that changed the terminal */
    int kiosk;             /* --kiosk: wall screen, no chrome (kiosk.c) */
    double kiosk_every;    /* seconds per dashboard, 0: no rotation */
    double kiosk_next;     /* wall time of the next rotation */
    double down_since;     /* wall time the server stopped answering, 0: up */
    struct Explore *explore; /* the ':' query prompt (explore.c), or NULL */
} App;

/* Current wall clock, seconds. */
double app_wall(void);

/* Writes t in the zone times are shown in (local, or UTC with --utc) as
 * "YYYY-MM-DD HH:MM:SS" (date) or "HH:MM:SS", without the zone: the status
 * line names it once. */
void app_time_text(double t, int date, char *buf, size_t n);

/* The evaluation time: the panned window's end, else --at when frozen, else
 * the wall clock. */
double app_now(const App *a);

/* The "now" a live window ends at: --at when frozen, else the wall clock
 * (app_now without a panned window). */
double app_live_now(const App *a);

/* Range in seconds of dashboard i: the widened or narrowed one, else
 * app_base_range. */
double app_range(const App *a, int i);

/* Range in seconds dashboard i starts with: --range, else its own. */
double app_base_range(const App *a, int i);

/* The time window panel p of dashboard i asks and draws: its own `range:`
 * ending at the live "now" (--at or the clock; --range, + - and pans leave
 * it alone), else the dashboard's; in both cases ending its `time_shift`
 * earlier. Sets *end and *range (seconds). */
void app_panel_window(const App *a, int i, const Panel *p, double *end,
                      double *range);

/* Panel p's window as a period in words, into buf: "Mar 1 - now" (month
 * to date), "today", "last 6h" while it ends now, else its local start and
 * end ("Feb 28 03:10 - Mar 1 03:10"). The text of $__range_text. */
void app_window_words(const App *a, int i, const Panel *p, char *buf, size_t n);

/* When panel p's window differs from its dashboard's, writes it in words
 * into buf ("month to date", "last 7d", "last 1h, 1d earlier") and returns
 * 1; else writes "" and returns 0. */
int app_panel_window_text(const App *a, int i, const Panel *p, char *buf,
                          size_t n);

/* Initialises a for dashboards d[0..n) (ownership passes) and client p.
 * Returns 0, or -1 on OOM. */
int app_init(App *a, Dashboard **d, int n, Prom *p);
void app_done(App *a);

/* Adds dashboard d (ownership passes) as a new last tab, or when `replace`
 * is a tab's index puts it in that tab's place (answers still awaited for
 * the old one are dropped). Returns the tab's index, or -1 on OOM (d is
 * freed; a replaced tab is then gone too). Call app_layout afterwards. */
int app_put_dashboard(App *a, Dashboard *d, int replace);

/* Places the panels of the current dashboard for a w x h frame. */
void app_layout(App *a, int w, int h);

/* Submits every due query of the current dashboard (all of them when
 * `force`). Returns the number submitted. */
int app_schedule(App *a, int force);

/* Seconds until the next query of the current dashboard is due (>= 0). */
double app_next_due(const App *a);

/* Switches to dashboard i (wraps). */
void app_switch(App *a, int i);

/* The time window in words, as the tab bar shows it: "last 1h", "month to
 * date", with "at <UTC time>  " in front when frozen by --at. */
void app_range_text(const App *a, char *buf, size_t n);

/* Renders the whole frame (tab bar, panels, status line, help) into c; in
 * kiosk mode the kiosk's title line and the panels only. */
void app_render(App *a, Canvas *c);

/* 1 when any panel of the current dashboard shows stale data. */
int app_any_stale(const App *a);

/* Scrolls the current dashboard's rows by `by` (when some do not fit);
 * returns 1 when it moved. */
int app_scroll(App *a, int by);

/* Moves the focus to the nearest panel in direction (dx, dy); with no focus
 * yet, focuses the first panel. Past the last visible row it scrolls. */
void app_move_focus(App *a, int dx, int dy);

/* Runs the TUI until the user quits or a signal asks to. Returns the exit
 * status (0 ok, 1 when the terminal could not be used; the message goes to
 * err). */
int app_run(App *a, const Theme *theme, char *err, size_t errn);

#endif
