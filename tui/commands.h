/* commands.h - the commands of the ':' prompt, as vi, k9s and lazygit users
 * type them (:q, :help, :dash NAME, :range 6h, :at TIME, :w): one table
 * gives their names, arguments and help; a line whose first word is not
 * one of them is PromQL. */
#ifndef PROMBOARD_COMMANDS_H
#define PROMBOARD_COMMANDS_H

#include <stddef.h>

#include "app.h"

typedef struct {
    const char *name; /* as typed after ':' */
    const char *args; /* what follows it, for help ("NAME"), "" none */
    const char *help; /* one line */
} Command;

/* Ended by {NULL}. */
extern const Command commands[];

/* The command named by the first n bytes of s, or NULL. */
const Command *commands_find(const char *s, size_t n);

/* Runs `line` when its first word is a command: 0 when done (the prompt
 * closes; what the UI must do, quitting or the help, is left in
 * a->asked_act), 1 when it is a command that cannot run, with a one-line
 * message in msg ("no dashboard 'sytem' (did you mean 'system'?)"), -1
 * when the line is not a command (PromQL). */
int commands_run(App *a, const char *line, char *msg, size_t n);

/* Appends to the n strings of *v (growing it) the command names that
 * begin with the len bytes of prefix, and sorts them all, dropping
 * repeats: what Tab offers for the first word of the line. Returns the new
 * count, or -1 on OOM. */
int commands_names(const char *prefix, size_t len, const char ***v, int n);

/* When byte `cursor` of `line` is in a command's argument: sets *v to a
 * malloc'd array of its completions beginning with what is typed there
 * (dashboard names, ranges, "now"; static or the App's strings), *start to
 * the byte where the argument starts, and returns how many (-2 on OOM).
 * -1 when the cursor is not in an argument (PromQL completes it). */
int commands_args(const App *a, const char *line, size_t cursor, size_t *start,
                  const char ***v);

#endif
