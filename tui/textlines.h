/* textlines.h - a list of text lines drawn into a box and scrolled, each
 * wrapped as what it holds asks: prose between words, code (PromQL) as
 * written, line by line with its indentation, between tokens; the inspect
 * view and the alerts view's one alert. */
#ifndef PROMBOARD_TEXTLINES_H
#define PROMBOARD_TEXTLINES_H

#include "../panels/canvas.h"

/* How a line wraps. */
typedef enum {
    TL_PROSE = 0, /* between words; a wrapped row starts with a word */
    TL_EXACT,     /* at any character: joining the rows gives it back */
    TL_CODE,      /* as written: each of its lines ('\n') on rows of its
                     own with its indentation, wrapped between tokens (at
                     blanks, after ( [ { , and before ) ] }; never inside a
                     name, number, operator or quoted string unless one
                     alone is wider than the row), wrapped rows 4 columns
                     further in */
} TextWrap;

typedef struct {
    char *text;
    Role role;
    int attrs;
    int indent;    /* columns before the text, on every wrapped row */
    TextWrap wrap; /* how it wraps */
} TextLine;

typedef struct {
    TextLine *v;
    int n, cap;
    int oom;       /* a line could not be added */
    TextWrap next; /* how the next line added wraps */
} TextLines;

/* Adds a line (printf-style), `indent` columns in, in `role` and `attrs`;
 * it wraps between words unless textlines_exact() or textlines_code() came
 * just before. On OOM the line is dropped and l->oom set. */
void textlines_add(TextLines *l, int indent, Role role, int attrs,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The next line added wraps at any character. */
void textlines_exact(TextLines *l);

/* The next line added is code (PromQL): see TL_CODE. */
void textlines_code(TextLines *l);

/* The wrapped row at w columns where line `line` starts. */
int textlines_row_of(const TextLines *l, int line, int w);

/* Draws the lines into r, wrapped to its width, from wrapped row *top on
 * (clamped so the last page is full). Returns the number of wrapped rows
 * in all. With c NULL it only counts them. */
int textlines_draw(const TextLines *l, Canvas *c, Rect r, int *top);

/* The number of rows the lines take wrapped to w columns. */
int textlines_rows(const TextLines *l, int w);

/* Frees every line and zeroes l. */
void textlines_free(TextLines *l);

#endif
