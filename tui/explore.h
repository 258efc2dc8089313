/* explore.h - the ':' prompt: type PromQL on one line at the bottom (with
 * history and Tab completion from the server), Enter shows it in the
 * ad-hoc Query tab. The App owns at most one Explore (a->explore). */
#ifndef PROMBOARD_EXPLORE_H
#define PROMBOARD_EXPLORE_H

#include "../panels/canvas.h"

struct App;
struct Explore;

/* Opens the prompt on an empty line, as an overlay over the status line
 * that takes every key: editing, Tab completion, Enter (runs the expression
 * in the Query tab and closes), Esc (closes). It draws the completion
 * candidates or a message above itself. Returns 0, or -1 on OOM. */
int explore_open(struct App *a);

/* Frees what explore_open made (NULL is fine). */
void explore_free(struct Explore *e);

#endif
