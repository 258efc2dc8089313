/* complete.h - completion of PromQL from the server: what is being typed at
 * the cursor (a metric name, a label name inside {...} or by (...), a label
 * value inside quotes), and the server's candidates, fetched once per
 * session through the Prometheus client and cached. Nothing here blocks. */
#ifndef PROMBOARD_COMPLETE_H
#define PROMBOARD_COMPLETE_H

#include <stddef.h>

#include "../datasource/prom.h"

typedef enum {
    CK_NONE = 0, /* nothing to complete here (a number, a duration...) */
    CK_METRIC,   /* a metric name (or a function) */
    CK_LABEL,    /* a label name */
    CK_VALUE,    /* a label value inside quotes */
} CompleteKind;

#define COMPLETE_NAME_MAX 256

typedef struct {
    CompleteKind kind;
    size_t start; /* byte offset where the typed word starts */
    char metric[COMPLETE_NAME_MAX]; /* the selector's metric name, "" none */
    char label[COMPLETE_NAME_MAX];  /* CK_VALUE: the label whose value it is */
    char quote;                     /* CK_VALUE: the opening quote */
    int braces;                     /* CK_LABEL: inside {...} (not by (...)) */
} CompleteCtx;

/* What is being typed at byte offset `cursor` of `text` (a pure function).
 * Returns ctx->kind. */
CompleteKind complete_context(const char *text, size_t cursor,
                              CompleteCtx *ctx);

/* Length of the longest common prefix of items[0..n) (0 when n == 0). */
size_t complete_common(const char *const *items, int n);

/* Text to insert for candidate `item` in context ctx, into buf: label
 * values escaped for the quote, with the closing quote when `whole`.
 * Returns buf, or NULL when it does not fit. */
char *complete_insert_text(const CompleteCtx *ctx, const char *item, int whole,
                           char *buf, size_t n);

/* The answers of one kind of question, cached for the session. */
typedef enum { CL_PENDING, CL_READY, CL_FAILED } CompleteState;

typedef struct {
    CompleteState state;
    char **items; /* sorted, unique */
    int n;
    char *error; /* CL_FAILED: one line */
} CompleteList;

typedef struct Complete Complete;

/* A completer asking through p. `on_ready(ud)` is called (from
 * prom_progress) whenever an answer arrives. NULL on OOM. */
Complete *complete_new(Prom *p, void (*on_ready)(void *ud), void *ud);
void complete_free(Complete *c);

/* The candidates for ctx (not yet filtered by what is typed): from the
 * cache, else asked now for the window [start, end] and CL_PENDING. NULL
 * for CK_NONE or on OOM. The list stays valid until complete_free(). */
const CompleteList *complete_get(Complete *c, const CompleteCtx *ctx,
                                 double start, double end);

/* Sets *out to a malloc'd array of the items of l (NULL: none) starting
 * with prefix (len bytes) plus, for CK_METRIC, the PromQL functions and
 * aggregation operators that do; sorted, unique, pointing into l or static
 * text. Returns how many, or -1 on OOM. */
int complete_filter(const CompleteList *l, CompleteKind kind,
                    const char *prefix, size_t len, const char ***out);

#endif
