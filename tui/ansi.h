/* ansi.h - the --once text frame with the theme's colours as ANSI SGR
 * escape sequences, read from the same canvas cells the TUI shows. */
#ifndef PROMBOARD_ANSI_H
#define PROMBOARD_ANSI_H

#include <stdio.h>

#include "../panels/canvas.h"
#include "../themes/theme.h"

/* The colour depth for escape sequences written to a file or pipe: none
 * when NO_COLOR is set (attributes only), 24-bit when COLORTERM is
 * "truecolor" or "24bit", else 256 colours. */
int ansi_depth_from_env(void);

/* 1 when `when` ("auto", "always", "never") asks for escape sequences on
 * stream f: auto means f is a terminal and NO_COLOR is unset or empty.
 * -1 for any other word. */
int ansi_wanted(const char *when, FILE *f);

/* Writes canvas c as text, one line per row, each run of cells of one style
 * preceded by its SGR sequence at `depth` (THEME_DEPTH_*), every line
 * ending in a reset. Trailing blanks that show nothing are cut. Returns 0,
 * or -1 on a write error. */
int ansi_write(const Canvas *c, const Theme *t, int depth, FILE *out);

#endif
