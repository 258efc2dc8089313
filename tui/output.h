/* output.h - what --once prints: the frame as text, or its data as JSON. */
#ifndef PROMBOARD_OUTPUT_H
#define PROMBOARD_OUTPUT_H

#include <stdio.h>

#include "app.h"

/* Writes finite v as the shortest of its 15, 16 or 17 significant digit
 * forms (as printf's %g writes them) that reads back as exactly v, whole
 * numbers below 1e15 as integers, formatting it once (a second time only
 * for a rounding tie); NaN and infinities as "NaN", "+Inf", "-Inf". buf
 * must hold 32 bytes (else it is left empty). Returns buf. */
char *output_number(double v, char *buf, size_t n);

/* Writes the current dashboard's data as one JSON object (see the man page
 * for the fields), as it goes. Returns 0, or -1 on a write error. */
int output_json(const App *a, FILE *out);

/* Writes the canvas as plain text, one line per row, trailing blanks cut. */
int output_text(const Canvas *c, FILE *out);

#endif
