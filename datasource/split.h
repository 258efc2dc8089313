/* split.h - takes a Prometheus answer apart as it arrives: each object of
 * data.result (one series) goes to a callback as soon as it is complete,
 * and the rest of the document (status, resultType, warnings, errors, an
 * empty "result":[]) is kept whole for the normal parser. An answer of
 * 10,000 series is then never held at once: only the series kept are. */
#ifndef PROMBOARD_SPLIT_H
#define PROMBOARD_SPLIT_H

#include <stddef.h>

/* Called with one element of data.result, the JSON text of an object
 * (len bytes, not NUL-terminated). Returns 0, or -1 to stop splitting
 * (the rest is kept whole). */
typedef int (*SplitFn)(void *ud, const char *json, size_t len);

#define SPLIT_STACK 8 /* nesting tracked; deeper text passes as it is */

typedef struct {
    SplitFn fn;
    void *ud;
    char *skel; /* the document without the elements handed out */
    size_t skel_len, skel_cap;
    char *el; /* the element being read */
    size_t el_len, el_cap;
    int oom;   /* an allocation failed: the answer is incomplete */
    int off;   /* splitting stopped (callback said so): keep everything */
    int depth; /* containers open */
    char kind[SPLIT_STACK]; /* '{' or '[' per depth */
    int in_str, esc;
    int want_key;   /* the next string in this object is a key */
    int str_is_key; /* the string being read is a key */
    char key[16];   /* the last key at depth 1 or 2 (cut) */
    size_t key_len;
    char key1[16];  /* the key whose value is open at depth 1 */
    int in_data;    /* depth 2 is the "data" object */
    int in_result;  /* depth 3 is data.result */
    int in_el;      /* an element object is being read */
    int wrote_item; /* data.result kept a non-object item already */
    int item_open;  /* such an item is being read */
} Split;

/* Starts splitting for callback fn. */
void split_init(Split *s, SplitFn fn, void *ud);

/* Feeds the next n bytes of the answer. Returns 0, or -1 when out of
 * memory (s->oom stays set). */
int split_feed(Split *s, const char *buf, size_t n);

/* The document without the elements handed out (NUL-terminated), and its
 * length in *len. */
const char *split_rest(const Split *s, size_t *len);

/* Frees what s holds. */
void split_free(Split *s);

#endif
