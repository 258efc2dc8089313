/* view.h - what the person looks at over the App: the focus, the zoom, the
 * scrolled rows and the overlays stacked over the panels (help, variable
 * picker, inspect, the '/' and ':' prompts, zoom). Every overlay is one
 * Overlay: the top one sees keys and mouse events first and is drawn last;
 * q and Esc close it before anything else happens. */
#ifndef PROMBOARD_VIEW_H
#define PROMBOARD_VIEW_H

#include "app.h"
#include "keys.h"

/* Mouse events, as overlays and nav_mouse() take them (independent of
 * ncurses). */
enum {
    NAV_CLICK = 1,
    NAV_DOUBLE_CLICK,
    NAV_WHEEL_UP,
    NAV_WHEEL_DOWN,
};

typedef enum {
    OV_PASS = 0, /* not the overlay's: the dashboard acts on it */
    OV_TAKEN,    /* the overlay used it (or ignores it) */
    OV_CLOSE,    /* the overlay used it and closes */
} OverlayAnswer;

typedef struct Overlay {
    const char *name;
    /* A key with its action from the key table. A key passed on with
     * ACT_QUIT closes the overlay. */
    OverlayAnswer (*key)(App *a, int key, Action act, int arg);
    /* A mouse event (NAV_*) at column x, row y; NULL: every event is
     * swallowed. */
    OverlayAnswer (*mouse)(App *a, int ev, int x, int y);
    /* Draws it over the frame; NULL: nothing (zoom changes the layout). */
    void (*draw)(App *a, Canvas *c);
    /* Undoes what opening did; NULL: nothing to undo. */
    void (*close)(App *a);
} Overlay;

/* Clears and frames a w x h box (cut to the canvas) in the middle of c,
 * titled `title`, for an overlay to draw in; returns it. */
Rect view_box(Canvas *c, int w, int h, const char *title);

/* Puts o on top (moving it there when open already). Returns 0, or -1 when
 * the stack is full. */
int view_open(App *a, const Overlay *o);

/* Closes o and every overlay above it (top first); nothing when o is not
 * open. */
void view_close(App *a, const Overlay *o);

/* Closes every overlay, top first. */
void view_close_all(App *a);

/* The top overlay, or NULL. */
const Overlay *view_top(const App *a);

/* Switches to dashboard i (wraps) with every overlay closed and asks what
 * is due on it. */
void view_switch(App *a, int i);

/* Zooms the focused panel (the first shown when none is) to the whole
 * dashboard area (on), or back (off). */
void view_zoom(App *a, int on);

/* Scrolls the current dashboard's rows by `by` (when some do not fit);
 * panels that come into view ask soon. Returns 1 when it moved. */
int view_scroll(App *a, int by);

/* Moves the focus to the nearest panel in direction (dx, dy); with no focus
 * yet, focuses the first panel shown. Past the last visible row it
 * scrolls. */
void view_move_focus(App *a, int dx, int dy);

/* Index of the first panel of the current dashboard with room on screen
 * (0 when none has). */
int view_first_shown(const App *a);

/* Panels of the current dashboard that got no room on screen. */
int view_hidden_panels(const App *a);

#endif
