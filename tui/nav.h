/* nav.h - moving around a dashboard beyond the arrow keys: the time window
 * (+ - widen and narrow, [ ] pan, 0 back to live), the series filter prompt
 * ('/') and the mouse (tabs, panels, double click zoom, wheel range). */
#ifndef PROMBOARD_NAV_H
#define PROMBOARD_NAV_H

#include <stddef.h>

#include "app.h"
#include "view.h"

/* The range steps of + and -, in seconds, ascending; NAV_NSTEPS of them. */
#define NAV_NSTEPS 11
extern const double nav_range_steps[NAV_NSTEPS];

/* Widens (dir > 0) or narrows (dir < 0) the current dashboard's window to
 * the next step of nav_range_steps past its current range; the window keeps
 * its end. Every panel asks again at once. Returns 1 when the range changed. */
int nav_zoom_range(App *a, int dir);

/* Sets the current window's range to `secs` (at least 1), keeping its
 * end (the ':range' command). Every panel asks again at once. Returns 1, or
 * 0 for a range under a second. */
int nav_set_range(App *a, double secs);

/* Freezes "now" at t (unix seconds), or with t 0 makes it live again (the
 * ':at' command), the window ending there. Every panel asks again at
 * once. */
void nav_set_at(App *a, double t);

/* Moves the window's end back (dir < 0) or forward (dir > 0) by half the
 * range, never past the starting "now" (the wall clock, or --at); reaching
 * it is live again. Every panel asks again at once. Returns 1 when moved. */
int nav_pan(App *a, int dir);

/* Back to the starting state: the live "now" (or --at) and the starting
 * range. Returns 1 when anything changed. */
int nav_live(App *a);

/* Writes "range 3h  ending 2026-03-01 02:10 UTC  [0: live]" (the moved
 * window) into buf; "" when not moved. */
void nav_time_text(const App *a, char *buf, size_t n);

/* Opens the filter prompt (an overlay over the status line) for the
 * focused panel (focusing the first shown when none is), holding its
 * current filter. Enter applies the text to the focused panel (empty
 * clears), Esc keeps the old filter. */
void nav_filter_open(App *a);

/* Reads the pending ncurses mouse event and applies it through nav_mouse;
 * returns 1 when the frame changed. */
int nav_mouse_curses(App *a);

#endif
