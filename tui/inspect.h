/* inspect.h - the inspect overlay ('i'): for the focused panel, every query
 * exactly as sent (PromQL after expansion, instant time or range start/end/
 * step), the server's answer (HTTP status or error, warnings, infos, age)
 * and each series' labels with its last value at full precision beside the
 * text the panel shows. Full screen, wrapped, scrollable. */
#ifndef PROMBOARD_INSPECT_H
#define PROMBOARD_INSPECT_H

#include "app.h"

/* Opens the overlay on the focused panel (the first one when none is).
 * While open, scrolling keys and the wheel scroll it, Esc and i close it,
 * and quit, refresh, pause and the time window keys act on the dashboard
 * under it. */
void inspect_open(App *a);

#endif
