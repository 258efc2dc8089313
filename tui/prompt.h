/* prompt.h - a one-line text editor for prompts at the bottom of the screen
 * (the series filter "/", an ad-hoc query ":"). The owner opens it, feeds it
 * every key the terminal reports, draws it, and reads the text once a key
 * returns PROMPT_DONE. No allocation: the text lives in the struct. */
#ifndef PROMBOARD_PROMPT_H
#define PROMBOARD_PROMPT_H

#include "../panels/canvas.h"

#define PROMPT_MAX 512 /* bytes of text, NUL included */

typedef enum {
    PROMPT_EDITING = 0, /* the key was taken (or ignored); keep feeding */
    PROMPT_DONE,        /* Enter: prompt_text() is the answer ("" allowed) */
    PROMPT_CANCEL,      /* Esc: the caller keeps what it had */
} PromptStatus;

typedef struct {
    int open;              /* 1 between prompt_open and DONE/CANCEL */
    char label[32];        /* drawn before the text, e.g. "/" or "filter: " */
    char text[PROMPT_MAX]; /* UTF-8 as typed */
    int len;               /* bytes in text */
    int cur;               /* cursor, a byte offset on a character boundary */
} Prompt;

/* Opens p with `label` and initial text `init` (NULL: empty), cursor at the
 * end. Longer inputs are cut on a character boundary. */
void prompt_open(Prompt *p, const char *label, const char *init);

/* Feeds one key as getch() returns it: printable bytes (UTF-8 sequences
 * arrive byte by byte) insert at the cursor; Backspace/Ctrl-H and Delete
 * remove a whole character; Left/Right, Home/End, Ctrl-A/Ctrl-E move;
 * Ctrl-U clears to the start, Ctrl-W deletes the word before the cursor;
 * Enter (\n, \r, KEY_ENTER) returns PROMPT_DONE and Esc PROMPT_CANCEL (both
 * close p). Other keys are ignored. Keys fed to a closed prompt are
 * ignored (PROMPT_CANCEL). */
PromptStatus prompt_feed(Prompt *p, int key);

/* The text typed so far (NUL-terminated, inside p). */
const char *prompt_text(const Prompt *p);

/* Draws label, text and a block cursor on row y of c, over its whole width;
 * a text longer than the row scrolls so the cursor stays visible. */
void prompt_draw(const Prompt *p, Canvas *c, int y);

#endif
