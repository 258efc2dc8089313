/* prompt.h - a labelled one-line prompt at the bottom of the screen (the
 * series filter "/"): a LineEdit with a label, an open flag and a drawing.
 * The owner opens it, feeds it every key the terminal reports, draws it, and
 * reads the text once a key returns PROMPT_DONE. */
#ifndef PROMBOARD_PROMPT_H
#define PROMBOARD_PROMPT_H

#include "../panels/canvas.h"
#include "lineedit.h"

#define PROMPT_MAX 512 /* bytes of text, NUL included */

typedef enum {
    PROMPT_EDITING = 0, /* the key was taken (or ignored); keep feeding */
    PROMPT_DONE,        /* Enter: prompt_text() is the answer ("" allowed) */
    PROMPT_CANCEL,      /* Esc: the caller keeps what it had */
} PromptStatus;

typedef struct {
    int open;       /* 1 between prompt_open and DONE/CANCEL */
    char label[32]; /* drawn before the text, e.g. "/" or "filter: " */
    LineEdit le;    /* the text and its cursor */
} Prompt;

/* Opens p (zeroed, or used before) with `label` and initial text `init`
 * (NULL: empty), cursor at the end. Inputs longer than PROMPT_MAX - 1 bytes
 * are cut on a character boundary. */
void prompt_open(Prompt *p, const char *label, const char *init);

/* Feeds one key as getch() returns it, with the keys of lineedit_key()
 * (history aside); Enter returns PROMPT_DONE and Esc PROMPT_CANCEL (both
 * close p). Typing beyond PROMPT_MAX - 1 bytes is ignored, as are other
 * keys. Keys fed to a closed prompt are ignored (PROMPT_CANCEL). */
PromptStatus prompt_feed(Prompt *p, int key);

/* The text typed so far (NUL-terminated, owned by p). */
const char *prompt_text(const Prompt *p);

/* Draws label, text and a block cursor on row y of c, over its whole width;
 * a text longer than the row scrolls so the cursor stays visible. */
void prompt_draw(const Prompt *p, Canvas *c, int y);

/* Draws le's text from column x of row y to the right edge of c, in
 * `role`, with the character under the cursor reversed; a text longer than
 * the room scrolls so the cursor stays visible. Returns the width of the
 * text shown from its first visible character on. */
int prompt_draw_line(const LineEdit *le, Canvas *c, int x, int y, Role role);

/* Releases p's text. */
void prompt_free(Prompt *p);

#endif
