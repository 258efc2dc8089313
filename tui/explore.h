/* explore.h - the ':' prompt: type PromQL on one line at the bottom (with
 * history and Tab completion from the server), Enter shows it in the
 * ad-hoc Query tab. The App owns at most one Explore (a->explore). */
#ifndef PROMBOARD_EXPLORE_H
#define PROMBOARD_EXPLORE_H

#include "../panels/canvas.h"

struct App;
struct Explore;

/* Opens the prompt on an empty line. Returns 0, or -1 on OOM. */
int explore_open(struct App *a);

/* 1 while the prompt is open (it then takes every key). */
int explore_active(const struct App *a);

/* Applies one key to the open prompt: editing, Tab completion, Enter (runs
 * the expression in the Query tab and closes), Esc (closes). */
void explore_key(struct App *a, int key);

/* Draws the prompt (over the status line) and, when shown, the completion
 * candidates or a message above it. */
void explore_draw(struct App *a, Canvas *c);

/* Frees what explore_open made (NULL is fine). */
void explore_free(struct Explore *e);

#endif
