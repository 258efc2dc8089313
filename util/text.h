/* text.h - text from outside promboard (layout, config and theme files,
 * answers of servers) made safe to show on a terminal and to write as
 * JSON: valid UTF-8, with no control characters that a terminal would act
 * on. Each reader cleans what it reads once, where it enters; everything
 * later may then print it as it is. Depends on nothing of promboard. */
#ifndef PROMBOARD_TEXT_H
#define PROMBOARD_TEXT_H

#include <stddef.h>

/* Flags of text_clean(). */
enum {
    TEXT_MULTILINE = 1, /* keep newlines and tabs (descriptions, texts);
                           without it they become spaces */
};

/* 1 when the n bytes at s are not already clean: invalid UTF-8 (also
 * overlong forms and surrogates), C0 controls, DEL, C1 controls (U+0080 to
 * U+009F), or the bidirectional overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069) that reorder what a terminal shows. */
int text_needs_clean(const char *s, size_t n, int flags);

/* Returns a malloc'd, NUL-terminated clean copy of the n bytes at s: every
 * such byte or character becomes U+FFFD (a tab, CR or newline a space,
 * unless TEXT_MULTILINE keeps newlines and tabs). NULL on OOM. */
char *text_clean(const char *s, size_t n, int flags);

/* The same into buf (bn bytes, NUL-terminated), cut on a character
 * boundary when it does not fit. Returns buf. */
char *text_clean_buf(char *buf, size_t bn, const char *s, size_t n, int flags);

#endif
