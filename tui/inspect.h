/* inspect.h - the inspect overlay ('i'): for the focused panel, every query
 * exactly as sent (PromQL after expansion, instant time or range start/end/
 * step), the server's answer (HTTP status or error, warnings, infos, age)
 * and each series' labels with its last value at full precision beside the
 * text the panel shows. Full screen, wrapped, scrollable. */
#ifndef PROMBOARD_INSPECT_H
#define PROMBOARD_INSPECT_H

#include "app.h"
#include "keys.h"

/* Opens the overlay on the focused panel (the first one when none is). */
void inspect_open(App *a);

/* A key while the overlay is open, with its action from the key table:
 * scrolling keys scroll, Esc and i close; returns 0 for keys it leaves to
 * the dashboard (quit, refresh, pause, the time window keys, help), 1 when
 * it took the key. */
int inspect_key(App *a, int key, Action act);

/* Draws the overlay over the whole of c (clamping a->inspect_top). */
void inspect_draw(App *a, Canvas *c);

/* Writes v as the shortest decimal text that reads back as the same
 * double (NaN, +Inf, -Inf as Prometheus writes them) into buf; returns
 * buf. */
char *inspect_exact(double v, char *buf, size_t n);

#endif
