/* inspect.h - the inspect overlay ('i'): for the focused panel, every query
 * exactly as sent (PromQL after expansion, instant time or range start/end/
 * step), the server's answer (HTTP status or error, warnings, infos, age)
 * and each series' labels with its last value at full precision beside the
 * text the panel shows. Full screen, wrapped, scrollable. */
#ifndef PROMBOARD_INSPECT_H
#define PROMBOARD_INSPECT_H

#include "app.h"

/* Opens the overlay on the focused panel (the first one when none is),
 * its first query selected. While open, scrolling keys and the wheel
 * scroll it, Tab and Shift-Tab select the next and previous query, y
 * copies the selected one as sent and Y a link to it in the Prometheus UI
 * (to the terminal's clipboard, OSC 52), Esc and i close it, and quit,
 * refresh, pause and the time window keys act on the dashboard under
 * it. */
void inspect_open(App *a);

/* Writes into buf the address of query q in the Prometheus UI of the
 * server at `base`: its graph page with the expression, the graph tab with
 * the range, end and step for a range query, the table tab at its time for
 * an instant one (times in UTC, as the UI reads them). Returns buf, or
 * NULL when it does not fit. */
char *inspect_link(const PromQuery *q, const char *base, char *buf, size_t n);

#endif
