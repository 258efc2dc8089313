/* app.h - the one App and its refresh: the dashboards and their query
 * slots, the clocks, the time window, the scheduler that sends only due
 * queries whose window moved, and the answers coming back into panels. The
 * UI (ui.c) and --once both drive it; it knows nothing of the terminal. */
#ifndef PROMBOARD_APP_H
#define PROMBOARD_APP_H

#include "../datasource/backend.h"
#include "../datasource/families.h"
#include "../datasource/prom.h"
#include "../layouts/layout.h"
#include "../panels/canvas.h"
#include "../panels/panel.h"
#include "coverage.h"
#include "prompt.h"

/* Series kept of one answer: more than any kind draws (a chart draws 64
 * lines, a table 512 rows) and what inspect lists; the others are counted
 * ("+9,936 more") and never held (the client reads them as they arrive). */
#define APP_KEEP_SERIES 2000

/* The clocks the App reads: `mono` (seconds that never jump back) for every
 * timer (refresh, back-off, rotation, ages of nothing shown), `wall`
 * (seconds since the epoch) for the evaluation time and what is shown.
 * Tests replace both. */
typedef struct {
    double (*mono)(void *ctx);
    double (*wall)(void *ctx);
    void *ctx;
} AppClock;

/* The subscription of one query slot: answers come back with it. */
typedef struct SlotRef {
    struct App *app;
    Panel *panel;     /* panels never move once a dashboard is loaded */
    QueryState *slot; /* the slot the answer goes into */
} SlotRef;

/* A server the dashboards ask, and what it told about itself. */
typedef struct Datasource {
    struct App *app;
    Prom *prom;
    char *name;      /* its name in config.yaml's datasources; NULL: the
                        main server */
    int server;      /* its number in prom (prom_add_server), 0: prom's own */
    int asked;       /* its build info and configuration were asked for */
    int pending;     /* answers of those still awaited */
    double asked_at; /* wall time they were asked */
    double scrape;   /* its global scrape interval, 0: not known */
    BackendKind kind;
    char *params; /* the user's query parameters ("a=b&c=d"), NULL: none */
    double conf_scrape; /* config.yaml's scrape_interval for it, 0: none */
} Datasource;

/* The subscription of one variable's choices. */
typedef struct VarRef {
    struct App *app;
    const Dashboard *d; /* finds the dashboard however the tabs move */
    int var;
} VarRef;

typedef struct {
    Dashboard *d;
    Panel *panels;
    Rect *rects;
    int npanels;
    SlotRef *refs;    /* one per query slot; each slot's `sub` points here */
    int nrefs;        /* entries in refs */
    VarRef *var_refs; /* one per variable */
    int vars_asked;   /* the variables' choices were asked for */
    int vars_pending; /* variables whose choices are not yet known */
    unsigned char *var_state; /* per variable: VAR_TODO, VAR_ASKING, VAR_DONE */
    int scroll;               /* rows scrolled off the top when not all fit */
    unsigned char *folded;    /* per panel: under a collapsed section header */
    int adhoc;                /* the ad-hoc query tab (--query, ':') */
    Coverage cover;           /* which of its metrics the main server has */
} DashState;

/* What the loop did, for PROMBOARD_STATS, the benchmark and the tests. */
typedef struct {
    long refreshes;   /* scheduler rounds that found a panel due */
    long requests;    /* queries submitted */
    long unchanged;   /* range queries not sent: same window, same answer */
    long renders;     /* frames drawn into the canvas */
    long panel_draws; /* panels drawn into it */
    long turns;       /* turns of the event loop */
} AppStats;

struct Overlay;           /* view.h */
#define APP_PICK_MAX 1024 /* choices the picker can mark at once */
#define APP_MAX_OVERLAYS 8

typedef struct App {
    DashState *dash;
    int ndash, cur;
    Prom *prom;          /* the main server's client (sources[0].prom) */
    Datasource *sources; /* [0]: the main server */
    int nsources;
    double scrape;      /* --scrape-interval, 0: none */
    Families *families; /* the main server's metric names, asked once per
                           connection (again after an outage) */
    AppClock clock;
    double at;         /* frozen "now" (--at), 0: live */
    double view_end;   /* panned ([ ]): the window ends here, 0: at "now" */
    double view_range; /* widened/narrowed (+ -): seconds, 0: as started */
    double range;      /* --range override, 0: the dashboard's */
    int range_anchor;  /* RANGE_* of the --range override */
    int once;          /* --once: every panel asks, seen or not */
    double deadline;   /* --once: wall time by which answers must be in;
                          a failed query is asked again (once) only when
                          an answer could still arrive before it */
    double refresh;    /* --refresh override, 0: the panels' */
    int paused;
    int pick;          /* no dashboard was asked for: open the first with
                          data once the server's metric names are in
                          (coverage.c); a key or a switch ends it */
    double pick_since; /* monotonic time the panels began to wait for it */
    int counted;       /* the tabs were counted against the names known */
    /* the view (view.c, ui.c): focus, zoom and what lies over the panels */
    int focus; /* focused panel index, -1: none */
    int zoom;  /* the focused panel fills the screen */
    const struct Overlay *overlays[APP_MAX_OVERLAYS]; /* bottom first */
    int noverlays;
    int pick_var, pick_val; /* the variable picker's selection */
    /* the picked variable's choices marked (several values), and the text
     * being typed (a text box variable) */
    unsigned char pick_set[APP_PICK_MAX];
    char pick_text[256];
    int inspect_top;         /* the inspect overlay's first line on screen */
    int inspect_sel;         /* its selected query (y, Y copy it) */
    int inspect_sel_shown;   /* the one last scrolled to */
    int mouse;               /* report mouse clicks and wheel (--no-mouse: 0) */
    int *tab_x;              /* columns where tab i starts, [ndash]: the end */
    Prompt prompt;           /* the bottom-line series filter prompt ('/') */
    struct Explore *explore; /* the ':' query prompt (explore.c), or NULL */
    int w, h;                /* frame size */
    int ascii;
    int kiosk;           /* --kiosk: wall screen, no chrome (kiosk.c) */
    double kiosk_every;  /* seconds per dashboard, 0: no rotation */
    double kiosk_next;   /* monotonic time of the next rotation */
    double kiosk_minute; /* the minute the title line's clock shows */
    /* answers */
    double last_round;     /* wall time the last answer arrived */
    double ok_round;       /* wall time the last good answer arrived, 0:
                              none yet */
    double refreshed_at;   /* wall time every query of the current dashboard
                              had a good answer (a complete refresh), 0: not
                              since it was shown */
    double shown_at;       /* monotonic time the current dashboard was shown */
    int answers, failures; /* counts since start */
    char *last_error;      /* newest failure text */
    double down_since;     /* monotonic time the server stopped answering */
    double dirty_since;    /* monotonic time a panel became dirty, 0: none */
    double started;        /* wall time the program started */
    double first_frame;    /* seconds from start to the first complete frame */
    long frames;           /* frames that changed the terminal */
    AppStats stats;
    struct Alerting *alerting; /* alerts and silences (alerting.c), or NULL */
    struct AlertsView *alertsview; /* the alerts view (alertsview.c), NULL:
                                      never opened */
    /* what the person is told besides the panels (ui.c draws it) */
    char *problems;      /* files that did not load, one a line, NULL: none */
    char notice[512];    /* a passing message ("copied ..."), "": none */
    int notice_role;     /* its Role */
    double notice_until; /* monotonic time it goes */
    int capture;         /* the next frame drawn is written to files (ui.c) */
    int asked_act;       /* an Action (keys.h) a ':' command asked the UI
                            for, 0: none; asked_arg its argument */
    int asked_arg;
    struct Reload *reload; /* the files watched for changes (reload.c) */
    int reload_asked;      /* read them again now (r, SIGHUP) */
} App;

/* Where a variable's choices are: to ask (once those it names are known),
 * asked, known (or it has no query). */
enum { VAR_DONE = 0, VAR_TODO, VAR_ASKING };

/* Current wall clock of the system, seconds. */
double app_wall(void);

/* The App's clocks (see AppClock). */
double app_mono(const App *a);
double app_time(const App *a);

/* Writes t in the zone times are shown in (local, or UTC with --utc) as
 * "YYYY-MM-DD HH:MM:SS" (date) or "HH:MM:SS", without the zone: the status
 * line names it once. */
void app_time_text(double t, int date, char *buf, size_t n);

/* The evaluation time: the panned window's end, else --at when frozen, else
 * the wall clock (whole seconds). */
double app_now(const App *a);

/* 1 when the dashboard's time is not now: frozen by --at or a window
 * panned into the past. */
int app_frozen(const App *a);

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

/* The anchor (RANGE_*) of the window panel p of dashboard i asks: its own
 * `range:`'s, else the dashboard's as drawn (RANGE_FIXED once moved). */
int app_panel_anchor(const App *a, int i, const Panel *p);

/* Panel p's window as a period in words, into buf: "Mar 1 - now" (month
 * to date), "today", "last 6h" while it ends now, else its local start and
 * end ("Feb 28 03:10 - Mar 1 03:10"). The text of $__range_text. */
void app_window_words(const App *a, int i, const Panel *p, char *buf, size_t n);

/* When panel p's window differs from its dashboard's, writes it in words
 * into buf ("month to date", "last 7d", "last 1h, 1d earlier") and returns
 * 1; else writes "" and returns 0. */
int app_panel_window_text(const App *a, int i, const Panel *p, char *buf,
                          size_t n);

/* The scrape interval of dashboard i's queries to datasource src (the
 * smallest step, the base of $__rate_interval): --scrape-interval, else the
 * layout's, else config.yaml's for that server, else the server's global
 * one, else BACKEND_DEFAULT_SCRAPE. */
double app_scrape(const App *a, int i, int src);

/* Sets up a datasource: with name NULL the main server (sources[0], whose
 * client is the App's), else a new one of that name, asked through server
 * number `server` of the App's client (prom_add_server). `params` are the
 * user's query parameters ("a=b&c=d", NULL: none), `scrape` config.yaml's
 * scrape interval (0: none). Returns its index, or -1 on OOM. */
int app_source_set(App *a, const char *name, int server, const char *params,
                   double scrape);

/* The datasource (index into a->sources) of query qi of panel pc in
 * dashboard d: the query's datasource:, else the panel's, else the
 * dashboard's, else the main server (0); -1 for a name no datasource has.
 * pc NULL or qi < 0: the dashboard's (or the panel's). */
int app_query_source(const App *a, const Dashboard *d, const PanelConf *pc,
                     int qi);

/* Drops every request in flight or queued (their answers will not come)
 * and forgets that they were asked for. */
void app_cancel_all(App *a);

/* Initialises a for dashboards d[0..n) (ownership passes) and client p,
 * with the system's clocks. Returns 0, or -1 on OOM. */
int app_init(App *a, Dashboard **d, int n, Prom *p);
void app_done(App *a);

/* Adds dashboard d (ownership passes) as a new last tab, or when `replace`
 * is a tab's index puts it in that tab's place (answers still awaited for
 * the old one are dropped). Returns the tab's index, or -1 on OOM (d is
 * freed; a replaced tab is then gone too). Call app_layout afterwards. */
int app_put_dashboard(App *a, Dashboard *d, int replace);

/* Drops tab i (answers still awaited for it are dropped); the tabs after
 * it move down and the current one stays shown (when i was the current
 * one, the tab before it is). Never drops the last tab. Call app_layout
 * afterwards. */
void app_remove_dashboard(App *a, int i);

/* Places the panels of every dashboard for a w x h frame (the focused
 * panel alone when zoomed) and marks them dirty. */
void app_layout(App *a, int w, int h);

/* Submits the due queries of the current dashboard's panels on screen
 * (every panel with --once): instant queries, and a range query only when
 * its window, step or expression moved since its last good answer, or once
 * more after the window's end has aged by the scrape interval (late
 * samples); all of them when `force`. The variables' choices are asked first.
 * Returns the number submitted (1 while the variables are asked). */
int app_schedule(App *a, int force);

/* Brings panel p's next refresh forward to at most `secs` from now (0:
 * the next scheduler round); never puts it back. The one way to ask early. */
void app_refresh_in(App *a, Panel *p, double secs);

/* Seconds until the next query of the current dashboard is due (>= 0). */
double app_next_due(const App *a);

/* Drives the client: finished transfers go into their panels (marked
 * dirty). Returns the number of answers taken. */
int app_progress(App *a);

/* 1 when a frame should be drawn for the answers: some panel is dirty and
 * the refresh's other answers are in, or have kept it waiting 300 ms. */
int app_frame_due(const App *a);

/* Called after a frame was drawn: nothing is dirty any more. */
void app_frame_drawn(App *a);

/* Switches to dashboard i (wraps): no focus, laid out. */
void app_switch(App *a, int i);

/* The time window in words, as the tab bar shows it: "last 1h", "month to
 * date", with "at <time>  " in front when frozen by --at or panned. */
void app_range_text(const App *a, char *buf, size_t n);

/* Where a walk over a dashboard's query states is; zeroed to start. */
typedef struct {
    int panel, query, kind; /* kind 0: instant, 1: range */
} StateWalk;

/* The next query state of ds in use (its instant then its range query,
 * panel by panel), or NULL after the last. */
const QueryState *app_next_state(const DashState *ds, StateWalk *w);

/* The queries of the current dashboard still awaited; *oldest (unless
 * NULL) gets the wall time the oldest of them was sent (0: none), *failed
 * (unless NULL) how many of its queries have failed. */
int app_awaited(const App *a, double *oldest, int *failed);

/* 1 when any panel of the current dashboard shows stale data. */
int app_any_stale(const App *a);

/* The error of a server that cannot be used at all: when no query of the
 * current dashboard has a good answer and those that failed failed for the
 * server's sake (no HTTP answer, 401, 403, 404, 407, 502, 503, 504), the
 * first one's text, with its HTTP status (0: none) in *status; else NULL. */
const char *app_unreachable(const App *a, long *status);

/* Shows a passing message in `role` (a Role) for `secs` seconds
 * (printf-style), on one line: blanks and line breaks run together. */
void app_notice(App *a, int role, double secs, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The refresh interval of the current dashboard: --refresh, else its
 * own. */
double app_refresh_every(const App *a);

/* Variable vi of dashboard di changed: the variables naming it (and theirs)
 * are asked again, then every panel. */
void app_var_changed(App *a, int di, int vi);

/* Answers awaited for dashboard ds's variables will not come (all
 * requests were cancelled): they are asked again. */
void app_vars_reset(DashState *ds);

/* Opens or closes the section whose header is panel pi of the current
 * dashboard; panels coming into view ask at once. Returns 1 when pi is a
 * section header. */
int app_toggle_section(App *a, int pi);

/* Opens every section of every dashboard (--expand). */
void app_expand_all(App *a);

/* 1 when panel i of dashboard ds has no room on screen; a collapsed
 * section's panels are not counted (they are closed, not hidden). */
int app_panel_hidden(const DashState *ds, int i);

/* 1 when row r of dashboard d lies under a collapsed section header. */
int app_row_folded(const Dashboard *d, int r);

/* Points a range query of panel p asks for in rect r: what its kind can
 * draw (2 per column by default), at least 10. */
int app_panel_points(const Panel *p, Rect r);

#endif
