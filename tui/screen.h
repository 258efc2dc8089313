/* screen.h - the terminal: ncurses set-up and teardown, locale and colour
 * depth, copying a canvas to the screen, and restoring the terminal on
 * every way out (q, Ctrl-C, SIGTERM, SIGHUP). */
#ifndef PROMBOARD_SCREEN_H
#define PROMBOARD_SCREEN_H

#include <stddef.h>

#include "../panels/canvas.h"
#include "../themes/theme.h"

typedef struct {
    int w, h;
    int colors;    /* colour depth used: THEME_DEPTH_* (0: none, NO_COLOR) */
    int wake_fd;   /* readable when a signal arrived (SIGWINCH, SIGTERM...) */
    Canvas *shown; /* what the terminal shows now */
    const Theme *theme;
} Screen;

/* 1 when the locale's character set is UTF-8 (call after setlocale). */
int screen_locale_utf8(void);

/* Takes over the terminal. Returns 0, or -1 with a message in err. */
int screen_open(Screen *s, const Theme *theme, char *err, size_t errn);
/* Gives the terminal back as it was. Safe to call twice. */
void screen_close(Screen *s);

/* Copies the cells of c that differ from what is shown, then updates the
 * terminal once. Returns 1 when anything was written. */
int screen_show(Screen *s, const Canvas *c);
/* Forgets what is shown so the next screen_show repaints everything. */
void screen_invalidate(Screen *s);

/* Turns xterm mouse reporting on (clicks, double clicks, the wheel; they
 * arrive as KEY_MOUSE) or off. screen_close turns it off. */
void screen_mouse(int on);

/* Puts `text` on the terminal's clipboard with OSC 52 (xterm and most
 * terminals, through SSH; tmux keeps it as a paste buffer with
 * set-clipboard on). Returns 0, or -1 when it could not be written. */
int screen_clipboard(const char *text);

/* Reads the new size after KEY_RESIZE. */
void screen_resized(Screen *s);

/* Drains the wake pipe; returns the last signal number seen (0: none). */
int screen_drain_wake(Screen *s);

/* 1 when the terminal is gone: its input hung up or failed (the link
 * dropped, the pty closed) with no SIGHUP to say so. Call it when stdin
 * polled readable but gave no key. */
int screen_input_gone(void);

/* 1 once SIGINT or SIGTERM arrived, or SIGHUP from a terminal that went
 * away (see screen_hangup). */
int screen_quit_requested(void);

/* What the SIGHUP that arrived since the last call means: 0 none came; 2
 * the terminal is gone (its input hung up, or no longer a terminal): the
 * program ends (screen_quit_requested() is 1 from now on); 1 the
 * terminal still answers: someone asks for the files to be read again. */
int screen_hangup(void);

/* Draws with theme t from now on (every cell repainted at the next
 * screen_show). */
void screen_set_theme(Screen *s, const Theme *t);

#endif
