/* promjson.h - turns a Prometheus HTTP API answer into a Result. Pure
 * functions: no I/O, no globals; the most tested code of promboard. */
#ifndef PROMBOARD_PROMJSON_H
#define PROMBOARD_PROMJSON_H

#include <stddef.h>

#include "series.h"

/* Parses a /api/v1/query or /api/v1/query_range answer. `body` need not be
 * NUL-terminated. Never fails silently: on any problem (HTTP error with JSON
 * error body, plain-text body such as a 503 while the server starts, truncated
 * or malformed JSON, status "error", unknown resultType) out->error is set to
 * one readable line and -1 is returned. Warnings are kept in out->warnings.
 * Values "NaN", "+Inf", "-Inf" become the doubles. Series with no "values"
 * become series with no points (so do vector samples without "value", e.g.
 * native histograms). A "scalar" is one series without labels; a "string"
 * is one series whose label "__string__" holds the text, its one point's
 * value the text as a number or NaN. `out` is overwritten, not freed: pass a
 * zeroed or already freed Result. Answers above PROMJSON_MAX_SERIES series,
 * PROMJSON_MAX_POINTS points in all or PROMJSON_MAX_TREE bytes of parse
 * tree are refused with "answer too large: N series, N points; narrow the
 * query". */
int promjson_parse(const char *body, size_t len, long http_status, Result *out);

#define PROMJSON_MAX_SERIES 100000
#define PROMJSON_MAX_POINTS 1000000
/* Bytes a parse tree may take (cJSON's nodes and strings) before the parse
 * stops: an answer or series that needs more is refused as too large. */
#define PROMJSON_MAX_TREE ((size_t)32 << 20)
/* Bytes the series kept of one streamed answer may take (points, labels);
 * past it the answer is refused as too large. */
#define PROMJSON_MAX_KEPT ((size_t)16 << 20)

/* Parses an answer whose data is a list of strings: /api/v1/labels,
 * /api/v1/label/<name>/values ({"status":"success","data":["a","b"]}). The
 * result type is RESULT_STRING with one series per string, in the server's
 * order, no points, and one label "__string__" holding the string. Errors
 * as promjson_parse(); a non-string element or more than
 * PROMJSON_MAX_SERIES strings is an error. */
int promjson_parse_strings(const char *body, size_t len, long http_status,
                           Result *out);

/* Parses a /api/v1/status/<name> answer (buildinfo, config): one series,
 * RESULT_VECTOR, no points, whose labels are the string members of "data"
 * ({"version": "2.42.0", ...}, {"yaml": "..."}); members of other types
 * are left out. An empty "data" object gives a series without labels.
 * Errors as promjson_parse(); "data" that is not an object is one. */
int promjson_parse_status(const char *body, size_t len, long http_status,
                          Result *out);

/* ---- for the other readers of a server's answers (alertjson.c) ---------- */

struct cJSON;

/* Parses the JSON text of a server's answer (len bytes, no NUL needed)
 * into a tree: the one place where what a server says enters promboard,
 * so every string of the tree, member names included, comes out clean
 * text (util/text.h: valid UTF-8, no control characters but newlines and
 * tabs). Returns NULL when it is not JSON (*stop, when stop is not NULL,
 * where cJSON gave up) or on OOM. */
struct cJSON *promjson_tree(const char *body, size_t len, const char **stop);

/* 1 when the last promjson_tree() of this thread failed because the tree
 * would take more than PROMJSON_MAX_TREE bytes. */
int promjson_tree_too_large(void);

/* Installs cJSON's allocation hooks that count what trees take (see
 * PROMJSON_MAX_TREE). Call once before threads parse; promjson_tree()
 * calls it too. */
void promjson_init(void);

/* Parses body as Prometheus' answer envelope: zeroes *out, keeps the
 * warnings and infos, and returns the tree when "status" is "success" (the
 * caller reads "data", then cJSON_Delete()s it); else NULL with the one-line
 * error set (the server's error text, or what was wrong with the body). */
struct cJSON *promjson_envelope(const char *body, size_t len, long status,
                                Result *out);

/* Sets out's error for a body that is not the JSON expected: "HTTP 502:
 * <the page's title or first line>" or "answer is not JSON (HTTP 200):
 * ...". */
void promjson_body_error(Result *out, const char *body, size_t len,
                         long status);

/* A copy of string s (NULL: "") from a server's answer: every label,
 * annotation and text an answer brings in enters through here. Strings of
 * a promjson_tree() are clean text already. Returns NULL on OOM. */
char *promjson_text(const char *s);

/* Parses a Prometheus number string ("1.5", "NaN", "+Inf", "-Inf").
 * Returns 0 on success, -1 when it is not a number. */
int promjson_number(const char *s, double *out);

/* An answer read as it arrives (see split.h): the elements of data.result
 * one by one, then the rest of the document. */
typedef struct {
    Result res;  /* the series kept so far; res.error: the first fault */
    int keep;    /* series kept at most, the others only counted; 0: all */
    int seen;    /* elements seen */
    long points; /* points of the series kept, then of those counted */
    int cap;     /* series allocated in res */
    size_t kept; /* bytes the series kept take (PROMJSON_MAX_KEPT) */
    int over;    /* too large: refused, the rest only counted */
} PromjsonStream;

/* Reads element json[0..len) of data.result into st (the first st->keep
 * ones; later ones are only counted). Returns 0, or -1 when it is
 * malformed (st->res.error says how; later elements are ignored). */
int promjson_stream_element(PromjsonStream *st, const char *json, size_t len);

/* Parses `rest`, the answer without its data.result elements, as
 * promjson_parse does, then gives the result st's series (out->dropped
 * counts those not kept) or st's error. Frees what st holds. Returns 0 or
 * -1 as promjson_parse. */
int promjson_parse_stream(const char *rest, size_t len, long http_status,
                          PromjsonStream *st, Result *out);

/* Frees what st holds. */
void promjson_stream_free(PromjsonStream *st);

#endif
