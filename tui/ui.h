/* ui.h - the terminal user interface over the App: the one event loop, the
 * frame (tab bar, panels, status line, overlays) drawn for the TUI and for
 * --once alike, the help and the variable picker, and the keys. */
#ifndef PROMBOARD_UI_H
#define PROMBOARD_UI_H

#include <stddef.h>

#include "../themes/theme.h"
#include "app.h"

/* Draws the whole frame into c: tab bar, every panel shown, status line,
 * then the overlays, bottom first; in kiosk mode the kiosk's title line
 * and the panels only. */
void ui_render(App *a, Canvas *c);

/* Draws the frame into c: everything when `full` (ui_render), else, c
 * holding the last frame, the chrome and only the panels marked dirty,
 * then the overlays. Marks the frame drawn (app_frame_drawn). */
void ui_draw(App *a, Canvas *c, int full);

/* Runs the TUI until the user quits or a signal asks to. Returns the exit
 * status (0 ok, 1 when the terminal could not be used or went away; the
 * message goes to err). With PROMBOARD_STATS set to a file name, writes the
 * loop's counts there at the end. */
int ui_run(App *a, const Theme *theme, char *err, size_t errn);

#endif
