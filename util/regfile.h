/* regfile.h - opening a file that configuration names, refusing anything
 * but a regular file: a FIFO, a terminal or a device named as a config,
 * layout, theme or secret file would block promboard or feed it endless
 * bytes. Depends on nothing else of promboard, so every reader may use it. */
#ifndef PROMBOARD_REGFILE_H
#define PROMBOARD_REGFILE_H

#include <stddef.h>
#include <stdio.h>

/* Opens `path` for reading in binary mode. Returns the stream, or NULL with
 * errno set and a short reason in why ("No such file or directory", "not a
 * regular file (a FIFO)"); errno is ENOENT for a missing file. Never blocks
 * on a FIFO or a device: those are refused before anything is read. */
FILE *regfile_open(const char *path, char *why, size_t whyn);

/* Checks that `path` names a readable regular file, without keeping it
 * open. Returns 0, or -1 with the reason in why as regfile_open(). */
int regfile_check(const char *path, char *why, size_t whyn);

#endif
