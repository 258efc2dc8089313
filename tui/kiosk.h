/* kiosk.h - the wall-screen mode (--kiosk): the dashboards take turns every
 * so many seconds, with no tab bar, status line or key hints; one title line
 * says which dashboard is shown and, while the server does not answer, how
 * old the numbers on screen are. */
#ifndef PROMBOARD_KIOSK_H
#define PROMBOARD_KIOSK_H

#include <stddef.h>

#include "app.h"

/* Seconds each dashboard stays on screen when --kiosk gives none. */
#define KIOSK_DEFAULT_EVERY 30.0

/* Parses the --kiosk interval: a duration ("20", "20s", "1m"), at least one
 * second, or 0 for no rotation. Returns 0, or -1 when s is not one. */
int kiosk_interval_parse(const char *s, double *secs);

/* Keeps of the dashboards d[0..n) those named in `list` ("executive,
 * system": short names, comma separated), in its order, freeing the rest;
 * *cur becomes the one named `first` when it is among them, else 0.
 * Returns the new count, or -1 with a one-line message in err when a name
 * is unknown (every dashboard is then freed). */
int kiosk_pick(Dashboard **d, int n, const char *list, const char *first,
               int *cur, char *err, size_t errn);

/* The theme a wall screen uses: `chosen` when given explicitly (--theme or
 * a configuration file), else "high-contrast" when that theme exists,
 * else "dark". */
const char *kiosk_theme(const char *chosen, int is_explicit);

/* Starts the rotation clock (call when the screen opens). */
void kiosk_start(App *a);

/* Seconds until the next rotation or the next minute of the title line's
 * clock is due (>= 0; an hour when neither is). */
double kiosk_wait(const App *a);

/* Moves to the next dashboard when its turn is over (closing what lies
 * over the panels) and starts its turn; returns 1 when it switched. */
int kiosk_tick(App *a);

/* The stale mark of the current dashboard, into buf: empty when every
 * visible panel's last request succeeded, else "data as of HH:MM" (local
 * time of the oldest good answer still shown; a date is added when it is
 * not today). With --at the data describes the frozen instant, so the mark
 * names that instant and when the server last answered. "waiting for
 * data" when a failing panel never had an answer. Returns the length. */
int kiosk_stale_mark(const App *a, char *buf, size_t n);

/* Draws the kiosk's title line (row 0): dashboard title, its place in the
 * rotation and time range; at the right a clock ("14:05 CET", the time
 * the numbers are for: --at's instant when frozen), the firing alerts'
 * badge, and the stale mark in the corner. */
void kiosk_draw_title(const App *a, Canvas *c);

#endif
