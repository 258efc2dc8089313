/* conf.h - what promboard's three YAML readers (layouts, config.yaml, theme
 * files) share: reading a file with a size cap, the YAML tree (depth and
 * size capped, aliases refused, duplicate keys refused), typed scalars,
 * key checks against option tables, and one error form,
 * "file:line:col: message" (1-based). Depends on libyaml, duration.h and
 * text.h only, so every folder may use it. */
#ifndef PROMBOARD_CONF_H
#define PROMBOARD_CONF_H

#include <stddef.h>

/* ---- errors -------------------------------------------------------------- */

/* A configuration error: where and what. */
typedef struct {
    char file[256];
    int line, col; /* 1-based; 0 when about the whole file */
    char msg[512];
} ConfError;

/* Formats err as "file:line:col: msg" (or "file: msg" without a position)
 * into buf. Returns buf. */
char *conf_error_format(const ConfError *err, char *buf, size_t n);

/* ---- files --------------------------------------------------------------- */

/* Reads the regular file at `path` whole, refusing more than `cap` bytes,
 * into a malloc'd buffer (NUL-terminated, *len bytes before the NUL). A
 * FIFO, device or directory is refused without blocking and before
 * anything is read. Returns 0, or -1 with a short reason in why ("No such
 * file or directory", "a directory, not a file", "not a regular file (a
 * FIFO)", "larger than 64 KiB") and errno set (ENOENT for a missing
 * file). */
int conf_read_file(const char *path, size_t cap, char **text, size_t *len,
                   char *why, size_t whyn);

/* Checks that `path` names a readable regular file (one another library
 * reads later, e.g. a TLS certificate), without reading it. Returns 0, or
 * -1 with why and errno as conf_read_file(). */
int conf_check_file(const char *path, char *why, size_t whyn);

/* The directory of promboard's own files (config.yaml, dashboards/,
 * themes/): $XDG_CONFIG_HOME/promboard when that variable is an absolute
 * path (the XDG rule: a relative one is ignored), else
 * $HOME/.config/promboard. Returns buf, or NULL when neither gives one or
 * it does not fit in n. */
char *conf_dir(char *buf, size_t n);

/* ---- option tables ------------------------------------------------------- */

typedef enum {
    OPT_STRING,   /* any scalar */
    OPT_NUMBER,   /* a float */
    OPT_INT,      /* an integer */
    OPT_BOOL,     /* true/false, yes/no, on/off */
    OPT_ENUM,     /* one of `choices`, "a|b|c" */
    OPT_DURATION, /* "15s", "1h"; with `choices`, also one of those words */
    OPT_NUMBERS,  /* a sequence of floats (a lone one is a list of one) */
    OPT_STRINGS,  /* a sequence of scalars (a lone one is a list of one) */
    OPT_LIST,     /* a sequence of mappings, each an `item` */
    OPT_MAP,      /* a mapping of the user's own names to scalars */
    OPT_TABLE,    /* a mapping whose keys are the table `sub` (stored in
                     the member OPT_AT() names, else beside the table's
                     own keys) */
} OptType;

/* Flags of an option. */
enum {
    OPT_REQUIRED = 1, /* must be given */
    OPT_NONEMPTY = 2, /* a string or list must not be empty */
    OPT_MIN = 4,      /* `min` bounds the value from below (inclusive) */
    OPT_MAX = 8,      /* `max` bounds it from above (inclusive) */
    OPT_ABOVE = 16,   /* with OPT_MIN: the bound itself is refused */
    OPT_ONELINE = 32, /* a string shown on one line (a title, a name): its
                         newlines and tabs become spaces */
};

struct OptValue;

/* One key of a YAML mapping: its type, range, default and help. Tables of
 * them (ended by {NULL}) are the one master copy of every key: readers
 * validate and fill defaults from them, and the man page is written from
 * them. Write entries with designated initialisers. */
typedef struct OptSpec {
    const char *name;
    OptType type;
    const char *def;     /* default as YAML text, NULL: unset */
    const char *choices; /* OPT_ENUM (and OPT_DURATION's words): "a|b|c" */
    const char *help;    /* one or two sentences for the man page */
    int flags;           /* OPT_* flags */
    double min, max;     /* bounds (seconds for durations), per flags */
    const char *item;    /* OPT_LIST: what one entry is ("query") */
    const struct OptSpec *sub; /* OPT_TABLE: the keys of the mapping */
    size_t at;                 /* OPT_AT(): where the value is stored; 0: the
                                  reader's own code reads the key */
    /* Optional: a further check of a value that has its type and bounds.
     * Returns 0, or -1 with what is wrong (and what is accepted) in msg;
     * the reader reports it at the value. */
    int (*check)(const struct OptSpec *spec, const struct OptValue *v,
                 char *msg, size_t n);
} OptSpec;

/* Stores an option's value in member `m` of struct `T` (int for INT, BOOL
 * and ENUM (the choice's index); double for NUMBER and DURATION; char *
 * for STRING, owned by the struct). */
#define OPT_AT(T, m) .at = 1 + offsetof(T, m)

/* A parsed value. */
typedef struct OptValue {
    int set;      /* given in the YAML (or defaulted from def) */
    double num;   /* NUMBER, INT, BOOL (0/1), DURATION (seconds), ENUM
                     (index) */
    char *str;    /* STRING; ENUM and a DURATION's word: the text */
    double *nums; /* NUMBERS */
    char **strs;  /* STRINGS */
    int n;        /* count of nums or strs */
} OptValue;

/* The entry called `name` of table t, or NULL. */
const OptSpec *conf_spec(const OptSpec *t, const char *name);

/* Number of entries of table t. */
int conf_spec_count(const OptSpec *t);

/* Describes spec's type, bounds and default for people, e.g. "integer,
 * 1 to 1000; default 1" or "duration, at least 1s; default 30s". */
char *conf_spec_describe(const OptSpec *spec, char *buf, size_t n);

/* Frees what o holds and zeroes it. */
void conf_value_free(OptValue *o);

/* ---- the tree ------------------------------------------------------------ */

typedef enum { CONF_SCALAR, CONF_SEQ, CONF_MAP } ConfNodeType;

typedef struct ConfNode {
    ConfNodeType type;
    int line, col; /* 1-based */
    char *text;    /* scalar: NUL-terminated copy, clean text (text.h):
                      control characters and escape sequences written as
                      YAML escapes come out as U+FFFD */
    size_t len;    /* scalar: byte length (a "\0" escape makes it longer than
                      strlen) */
    int null;      /* scalar: plain "", "~" or "null" */
    struct ConfNode **kids; /* sequence: items; mapping: key, value, ... */
    int n, cap;
} ConfNode;

/* A reader's state: the file it reads and its first error. */
typedef struct {
    const char *file; /* for messages */
    ConfError *err;
    int failed;
    int max_depth; /* nested collections allowed; 0: CONF_MAX_DEPTH */
} ConfCtx;

#define CONF_MAX_DEPTH 32

/* Starts a reader of `file` whose first error goes to *err (cleared). */
void conf_init(ConfCtx *x, const char *file, ConfError *err);

/* Parses YAML text into a tree: one document, no aliases, at most
 * max_depth nested collections, mapping keys plain strings and none twice
 * in a mapping. Returns the root; NULL with no error when the text holds no
 * document; NULL after recording an error. */
ConfNode *conf_parse(ConfCtx *x, const char *text, size_t len);

/* Frees the tree, wiping its scalars' text first (config.yaml's may be a
 * password). */
void conf_node_free(ConfNode *n);

/* Records the first error, at node `at` (NULL: no position); later ones
 * are dropped. Returns -1. */
int conf_fail(ConfCtx *x, const ConfNode *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same at an explicit position (0, 0: none). */
int conf_fail_pos(ConfCtx *x, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int conf_fail_oom(ConfCtx *x);

/* Copies user text into buf for a message: control bytes become '?', long
 * text is cut at a character boundary and ends in "...". Returns buf. */
const char *conf_quote(char *buf, size_t n, const char *s);

/* "a mapping", "a sequence" or 'text' (quoted), for messages. */
const char *conf_node_desc(char *buf, size_t n, const ConfNode *node);

/* The value of `key` in mapping `map`, or NULL when absent or null. */
const ConfNode *conf_get(const ConfNode *map, const char *key);

/* The key node of `key` in mapping `map`, or NULL. */
const ConfNode *conf_key(const ConfNode *map, const char *key);

/* ---- scalars: 0, or -1 after recording an error naming `key` ------------ */

/* A copy of scalar v (NUL bytes refused) into *out (freed first). */
int conf_str(ConfCtx *x, const ConfNode *v, const char *key, char **out);

/* conf_str for a text shown on one line (a title, a name): newlines and
 * tabs become spaces. */
int conf_line(ConfCtx *x, const ConfNode *v, const char *key, char **out);
/* A decimal number ([+-]digits[.digits][e[+-]digits]), finite. */
int conf_num(ConfCtx *x, const ConfNode *v, const char *key, double *out);
/* A decimal integer within [lo, hi]. */
int conf_int(ConfCtx *x, const ConfNode *v, const char *key, long lo, long hi,
             int *out);
/* true/false, yes/no, on/off, each in lower case, Capitalised or UPPER. */
int conf_bool(ConfCtx *x, const ConfNode *v, const char *key, int *out);
/* A Prometheus duration or plain seconds, >= 0. */
int conf_dur(ConfCtx *x, const ConfNode *v, const char *key, double *out);
/* One of the '|'-separated choices: its index. */
int conf_enum(ConfCtx *x, const ConfNode *v, const char *key,
              const char *choices, int *out);

/* The items of a list value: a sequence's items, or a lone scalar as a
 * list of one (*items NULL then, the item is v). A mapping is an error. */
int conf_items(ConfCtx *x, const ConfNode *v, const char *key,
               ConfNode *const **items, int *n);

/* ---- tables -------------------------------------------------------------- */

/* Parses node v as option `spec` into o (set = 1): its type, bounds and
 * NONEMPTY flag. OPT_LIST and OPT_MAP check the shape only (a sequence of
 * mappings, a mapping of scalars). Returns 0 or -1. */
int conf_value(ConfCtx *x, const OptSpec *spec, const ConfNode *v, OptValue *o);

/* Parses spec's default into o, for an owner at node `at`. A bad default is
 * reported as a mistake of the table. Returns 0 (o->set 0 without a
 * default) or -1. */
int conf_default(ConfCtx *x, const OptSpec *spec, const ConfNode *at,
                 OptValue *o);

/* Checks mapping `map` (a `what`, e.g. "panel") against table t and the
 * optional extra table: every key known (else an error naming the closest
 * key and listing the accepted ones in table order), every OPT_REQUIRED
 * key of t given; then parses each of t's OPT_AT() keys into the struct at
 * obj, or its default when absent, and reads each OPT_TABLE key's mapping
 * the same way (its keys stored in obj too, or, when the OPT_TABLE key has
 * OPT_AT(), in that member of obj: a struct). Other keys are left to the
 * caller. Returns 0 or -1. */
int conf_table(ConfCtx *x, const ConfNode *map, const char *what,
               const OptSpec *t, const OptSpec *extra, void *obj);

/* The name in table t or extra that `key` is most likely a typo of (at
 * most two edits, a swap of neighbours counting one, and fewer edits than
 * key has characters), or NULL. */
const char *conf_suggest(const char *key, const OptSpec *t,
                         const OptSpec *extra);

/* Checks that every key of mapping `map` (a `what`) is one of table t's or
 * extra's (may be NULL); an unknown key is reported as conf_table does.
 * Returns 0 or -1. */
int conf_check_keys(ConfCtx *x, const ConfNode *map, const char *what,
                    const OptSpec *t, const OptSpec *extra);

#endif
