/* keys.h - the one table of key bindings: key -> action -> help text. The
 * event loop looks keys up here and the help screen is drawn from it. */
#ifndef PROMBOARD_KEYS_H
#define PROMBOARD_KEYS_H

#include <stddef.h>

typedef enum {
    ACT_NONE = 0,
    ACT_QUIT,     /* closes the top overlay; with none, quits */
    ACT_QUIT_NOW, /* quits whatever is open */
    ACT_REFRESH,
    ACT_PAUSE,
    ACT_NEXT_DASH,
    ACT_PREV_DASH,
    ACT_GOTO_DASH, /* arg: 0-based index */
    ACT_LEFT,
    ACT_RIGHT,
    ACT_UP,
    ACT_DOWN,
    ACT_ZOOM,
    ACT_BACK,
    ACT_HELP,
    ACT_REDRAW,
    ACT_VARS,
    ACT_SCROLL_DOWN,
    ACT_SCROLL_UP,
    ACT_EXPLORE,
    ACT_INSPECT,
    ACT_WIDER,
    ACT_NARROWER,
    ACT_PAN_BACK,
    ACT_PAN_FORWARD,
    ACT_LIVE,
    ACT_FILTER,
    ACT_ALERTS,    /* the alerts view */
    ACT_SILENCE,   /* alerts view: silence the alert */
    ACT_EXPIRE,    /* alerts view: expire its silence */
    ACT_COPY,      /* inspect: the query as sent; alerts: the runbook */
    ACT_COPY_EXPR, /* inspect: its link to the Prometheus UI; alerts: the
                      rule's expression */
    ACT_CAPTURE,   /* the screen written to files */
    ACT_TOP,       /* first line of a scrolled view */
    ACT_BOTTOM,    /* its last line */
    ACT_MOUSE, /* KEY_MOUSE; help lines with KEYS_NOKEY describe the mouse */
} Action;

/* The key of help-only lines (the mouse): getch() never returns it. */
#define KEYS_NOKEY (-1000)

typedef struct {
    int key;           /* ncurses key code or character */
    const char *label; /* how the help screen names the key ("" : shares the
                          line above) */
    Action act;
    const char *help;
} KeyBinding;

/* Ended by an entry with act == ACT_NONE. */
extern const KeyBinding key_table[];

/* Returns the action bound to `key` and sets *arg (dashboard index for
 * ACT_GOTO_DASH). */
Action keys_lookup(int key, int *arg);

/* The status line's key hints, as " Enter zoom  i inspect  ? help  q quit ":
 * the keys named as the key table labels them, as many as fit in `width`
 * columns taken in the order of use to a newcomer (help and quit always,
 * then Enter, ':', v, i, a, range, pan, filter), shown in a fixed order;
 * the variables' key only when `vars` (the dashboard has some). Only whole
 * hints go into buf. Returns buf. */
char *keys_hints(int width, int vars, char *buf, size_t n);

#endif
