/* capture.h - the screen as it is, written to two files for a bug report or
 * an incident note: plain text and the same with its colours as ANSI
 * escape sequences (the w key, the ':w' command). */
#ifndef PROMBOARD_CAPTURE_H
#define PROMBOARD_CAPTURE_H

#include "../panels/canvas.h"
#include "../themes/theme.h"
#include "app.h"

/* Writes canvas c as promboard-DASHBOARD-YYYYMMDD-HHMMSS.txt (plain text)
 * and .ansi (colours of theme t as escape sequences, at the depth the
 * environment asks for: none under NO_COLOR) in the current directory,
 * else in $TMPDIR (or /tmp) when that cannot be written; a file of that
 * name already there is never overwritten ("-2", "-3" ... are added). Says
 * where, or why not, with app_notice. Returns 0, or -1. */
int capture_write(App *a, const Canvas *c, const Theme *t);

#endif
