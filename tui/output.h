/* output.h - what --once prints: the frame as text, or its data as JSON. */
#ifndef PROMBOARD_OUTPUT_H
#define PROMBOARD_OUTPUT_H

#include <stdio.h>

#include "app.h"

/* Writes the current dashboard's data as one JSON object (see the man page
 * for the fields). Returns 0, or -1 on a write error. */
int output_json(const App *a, FILE *out);

/* Writes the canvas as plain text, one line per row, trailing blanks cut. */
int output_text(const Canvas *c, FILE *out);

#endif
