/* textlines.h - a list of text lines drawn word-wrapped (prose) or
 * character-wrapped (PromQL, so that joining the rows gives it back) into
 * a box and scrolled: the inspect view and the alerts view's one alert. */
#ifndef PROMBOARD_TEXTLINES_H
#define PROMBOARD_TEXTLINES_H

#include "../panels/canvas.h"

typedef struct {
    char *text;
    Role role;
    int attrs;
    int indent; /* columns before the text, on every wrapped row */
    int words;  /* wrap between words (prose); else at any character */
} TextLine;

typedef struct {
    TextLine *v;
    int n, cap;
    int oom;   /* a line could not be added */
    int exact; /* the next line added wraps at any character */
} TextLines;

/* Adds a line (printf-style), `indent` columns in, in `role` and `attrs`;
 * it wraps between words unless textlines_exact() came just before. On
 * OOM the line is dropped and l->oom set. */
void textlines_add(TextLines *l, int indent, Role role, int attrs,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The next line added wraps at any character (an expression). */
void textlines_exact(TextLines *l);

/* Draws the lines into r, wrapped to its width, from wrapped row *top on
 * (clamped so the last page is full). Returns the number of wrapped rows
 * in all. With c NULL it only counts them. */
int textlines_draw(const TextLines *l, Canvas *c, Rect r, int *top);

/* The number of rows the lines take wrapped to w columns. */
int textlines_rows(const TextLines *l, int w);

/* Frees every line and zeroes l. */
void textlines_free(TextLines *l);

#endif
