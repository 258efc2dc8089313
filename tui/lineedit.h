/* lineedit.h - a one-line text editor fed one key at a time: the ':' query
 * prompt (and any other prompt) owns one, feeds it keys and draws its text
 * and cursor. Keys: printable characters insert; Left/Right, Home/End
 * (Ctrl-A/Ctrl-E) move; Backspace and Delete erase; Ctrl-U erases to the
 * start, Ctrl-K to the end, Ctrl-W the word before the cursor; Up/Down walk
 * the history of this session; Enter is done; Esc cancels. UTF-8 text is
 * moved over and erased by whole characters. */
#ifndef PROMBOARD_LINEEDIT_H
#define PROMBOARD_LINEEDIT_H

#include <stddef.h>

#define LINEEDIT_MAX 8192   /* bytes of text at most */
#define LINEEDIT_HISTORY 64 /* entries kept */

typedef enum {
    LE_EDITING = 0, /* the key was used; go on */
    LE_DONE,        /* Enter: take lineedit_text() */
    LE_CANCEL,      /* Esc */
    LE_IGNORED,     /* not an editing key (Tab, F-keys...): the caller's */
} LineEditResult;

typedef struct {
    char *buf; /* NUL-terminated text */
    size_t len, cap;
    size_t cur; /* cursor: byte offset, on a character boundary */
    char *hist[LINEEDIT_HISTORY]; /* oldest first */
    int nhist;
    int hpos;    /* browsing: index into hist, nhist: the new line */
    char *draft; /* the new line while browsing the history */
} LineEdit;

/* A zeroed LineEdit is ready; lineedit_free() releases it. */
void lineedit_free(LineEdit *le);

/* Starts a new line holding `text` (NULL: empty), cursor at its end, the
 * history position reset. Returns 0, or -1 on OOM. */
int lineedit_start(LineEdit *le, const char *text);

/* Applies one key (an ncurses key code or a byte of the typed text). */
LineEditResult lineedit_key(LineEdit *le, int key);

/* The text (never NULL) and the cursor's byte offset in it. */
const char *lineedit_text(const LineEdit *le);
size_t lineedit_cursor(const LineEdit *le);

/* Replaces bytes [from, cursor) with s and puts the cursor after it (a
 * completion). Returns 0, or -1 when too long or on OOM (nothing changed). */
int lineedit_replace(LineEdit *le, size_t from, const char *s);

/* Adds text to the history (not when empty or equal to the newest). */
void lineedit_history_add(LineEdit *le, const char *text);

#endif
