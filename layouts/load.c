/* load.c - the layout loader: YAML text -> Dashboard. libyaml's event parser
 * builds a small tree (depth and size capped, aliases refused), then each
 * level of the schema is checked key by key: unknown or duplicated keys,
 * wrong scalar types, panel kinds and their options (from each kind's
 * OptSpec table), durations, thresholds, mappings and $variables. Every
 * error names the offending node as file:line:col: message. Also the look-up
 * of bundled layouts. */
#include "layout.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "../datasource/query.h"
#include "../panels/format.h"
#include "../themes/theme.h"

#define LAYOUT_MAX_BYTES (1024 * 1024) /* larger files are refused */
#define LAYOUT_MAX_DEPTH 32            /* nested mappings and sequences */
#define LAYOUT_MAX_SHARE 1000          /* largest width, height, min_height */

/* ---- the YAML tree ------------------------------------------------------- */

typedef enum { NODE_SCALAR, NODE_SEQ, NODE_MAP } NodeType;

typedef struct Node {
    NodeType type;
    int line, col;      /* 1-based */
    char *text;         /* scalar: NUL-terminated copy */
    size_t len;         /* scalar: byte length (a "\0" escape makes it
                           longer than strlen) */
    int null;           /* scalar: plain "", "~" or "null" */
    struct Node **kids; /* sequence: items; mapping: key, value, key, ... */
    int n, cap;
} Node;

/* Where the loader is and where its first error goes. */
typedef struct {
    const char *file;
    LayoutError *err;
    int failed;
    const VarConf *vars; /* declared variables, for the $name check */
    int nvars;
    const ConstConf *consts; /* declared constants, likewise */
    int nconsts;
} Ctx;

static void node_free(Node *n)
{
    if (!n)
        return;
    for (int i = 0; i < n->n; i++)
        node_free(n->kids[i]);
    free(n->kids);
    free(n->text);
    free(n);
}

/* Records the first error at (line, col); later ones are dropped. Returns
 * -1 so callers can `return fail(...)`. */
static int fail(Ctx *c, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(Ctx *c, int line, int col, const char *fmt, ...)
{
    if (c->failed)
        return -1;
    c->failed = 1;
    c->err->line = line;
    c->err->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err->msg, sizeof c->err->msg, fmt, ap);
    va_end(ap);
    return -1;
}

#define fail_at(c, node, ...) fail((c), (node)->line, (node)->col, __VA_ARGS__)

static int fail_oom(Ctx *c)
{
    return fail(c, 0, 0, "out of memory");
}

/* Copies user text into buf for a message: control bytes become '?', and
 * long text is cut at a character boundary and ends in "...". */
static const char *quote(char *buf, size_t n, const char *s)
{
    const size_t max = n > 4 ? n - 4 : 0;
    size_t i = 0;
    for (; s && s[i] && i < max; i++) {
        unsigned char ch = (unsigned char)s[i];
        buf[i] = ch < 0x20 || ch == 0x7f ? '?' : (char)ch;
    }
    if (s && s[i]) {
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
            i--; /* s[i] continues a character: cut before its lead byte */
        memcpy(buf + i, "...", 4);
    } else if (n > 0) {
        buf[i] = '\0';
    }
    return buf;
}

/* "a mapping", "a sequence" or 'text' for messages about a node. */
static const char *node_desc(char *buf, size_t n, const Node *node)
{
    if (node->type == NODE_MAP)
        return "a mapping";
    if (node->type == NODE_SEQ)
        return "a sequence";
    char q[72];
    snprintf(buf, n, "'%s'", quote(q, sizeof q, node->text));
    return buf;
}

static Node *node_new(NodeType type, yaml_mark_t m)
{
    Node *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->type = type;
    n->line = m.line < INT_MAX ? (int)m.line + 1 : INT_MAX;
    n->col = m.column < INT_MAX ? (int)m.column + 1 : INT_MAX;
    return n;
}

static int node_add(Node *parent, Node *kid)
{
    if (parent->n == parent->cap) {
        int cap = parent->cap ? parent->cap * 2 : 4;
        Node **k = realloc(parent->kids, (size_t)cap * sizeof *k);
        if (!k)
            return -1;
        parent->kids = k;
        parent->cap = cap;
    }
    parent->kids[parent->n++] = kid;
    return 0;
}

/* Reports libyaml's own error: the problem text at the problem mark. */
static int fail_syntax(Ctx *c, const yaml_parser_t *p, const char *text,
                       size_t len)
{
    if (p->error == YAML_MEMORY_ERROR)
        return fail_oom(c);
    const char *problem = p->problem ? p->problem : "unknown error";
    if (p->error == YAML_READER_ERROR) {
        /* Reader errors carry a byte offset, not a mark. */
        int line = 1, col = 1;
        for (size_t i = 0; i < p->problem_offset && i < len; i++) {
            if (text[i] == '\n') {
                line++;
                col = 1;
            } else if (col < INT_MAX) {
                col++;
            }
        }
        if (p->problem_value != -1)
            return fail(c, line, col, "YAML syntax error: %s (#x%X)", problem,
                        (unsigned)p->problem_value);
        return fail(c, line, col, "YAML syntax error: %s", problem);
    }
    int line = (int)(p->problem_mark.line < INT_MAX ? p->problem_mark.line + 1
                                                    : INT_MAX);
    int col =
        (int)(p->problem_mark.column < INT_MAX ? p->problem_mark.column + 1
                                               : INT_MAX);
    if (p->context)
        return fail(c, line, col, "YAML syntax error: %s (%s at line %zu)",
                    problem, p->context, p->context_mark.line + 1);
    return fail(c, line, col, "YAML syntax error: %s", problem);
}

static int scalar_is_null(const yaml_event_t *ev)
{
    if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE || ev->data.scalar.tag)
        return 0;
    const char *v = (const char *)ev->data.scalar.value;
    size_t n = ev->data.scalar.length;
    return n == 0 || (n == 1 && v[0] == '~') ||
           (n == 4 && (!memcmp(v, "null", 4) || !memcmp(v, "Null", 4) ||
                       !memcmp(v, "NULL", 4)));
}

/* Makes the tree node of one event, or NULL for events that make none.
 * Sets *rc to -1 on an error (already reported). */
static Node *event_node(Ctx *c, const yaml_event_t *ev, int depth, int *rc)
{
    Node *n = NULL;
    *rc = 0;
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        n = node_new(NODE_SCALAR, ev->start_mark);
        if (n) {
            n->len = ev->data.scalar.length;
            n->text = malloc(n->len + 1);
            if (!n->text) {
                free(n);
                n = NULL;
                break;
            }
            memcpy(n->text, ev->data.scalar.value, n->len);
            n->text[n->len] = '\0';
            n->null = scalar_is_null(ev);
        }
        break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        if (depth >= LAYOUT_MAX_DEPTH) {
            *rc = fail(
                c, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1,
                "too deeply nested (more than %d levels)", LAYOUT_MAX_DEPTH);
            return NULL;
        }
        n = node_new(ev->type == YAML_MAPPING_START_EVENT ? NODE_MAP : NODE_SEQ,
                     ev->start_mark);
        break;
    default:
        return NULL;
    }
    if (!n)
        *rc = fail_oom(c);
    return n;
}

/* Parses YAML text into a tree. Returns the root (NULL with no error when
 * the text holds no document), or NULL after reporting an error. */
static Node *yaml_build(Ctx *c, const char *text, size_t len)
{
    yaml_parser_t p;
    Node *root = NULL, *stack[LAYOUT_MAX_DEPTH];
    int depth = 0, docs = 0, done = 0;

    if (!yaml_parser_initialize(&p)) {
        fail_oom(c);
        return NULL;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    while (!done) {
        yaml_event_t ev;
        int rc = 0;
        if (!yaml_parser_parse(&p, &ev)) {
            fail_syntax(c, &p, text, len);
            goto bad;
        }
        int line = (int)ev.start_mark.line + 1;
        int col = (int)ev.start_mark.column + 1;
        Node *n = NULL;
        switch (ev.type) {
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1)
                rc = fail(c, line, col,
                          "a second YAML document: a layout is one document");
            break;
        case YAML_ALIAS_EVENT: {
            char q[72];
            rc = fail(c, line, col,
                      "aliases (*%s) are not supported: repeat the text",
                      quote(q, sizeof q, (const char *)ev.data.alias.anchor));
            break;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            if (depth > 0)
                depth--;
            break;
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        default:
            n = event_node(c, &ev, depth, &rc);
            break;
        }
        yaml_event_delete(&ev);
        if (rc < 0)
            goto bad;
        if (!n)
            continue;
        if (depth == 0) {
            node_free(root); /* only one document gets here */
            root = n;
        } else {
            Node *parent = stack[depth - 1];
            if (parent->type == NODE_MAP && parent->n % 2 == 0 &&
                n->type != NODE_SCALAR) {
                fail_at(c, n, "a mapping key must be a plain string");
                node_free(n);
                goto bad;
            }
            if (node_add(parent, n) < 0) {
                node_free(n);
                fail_oom(c);
                goto bad;
            }
        }
        if (n->type != NODE_SCALAR)
            stack[depth++] = n;
    }
    yaml_parser_delete(&p);
    return root;
bad:
    yaml_parser_delete(&p);
    node_free(root);
    return NULL;
}

/* ---- mappings: key checks and look-ups --------------------------------- */

/* Appends names to buf as "a, b, c", cutting with "..." when full. */
static void names_join(char *buf, size_t n, size_t *used,
                       const char *const *names, const OptSpec *specs)
{
    for (int i = 0; names ? names[i] != NULL : specs[i].name != NULL; i++) {
        const char *s = names ? names[i] : specs[i].name;
        if (*used + 1 >= n)
            return;
        int w = snprintf(buf + *used, n - *used, "%s%s", *used ? ", " : "", s);
        if (w < 0 || (size_t)w >= n - *used) {
            if (n >= 4)
                memcpy(buf + n - 4, "...", 4);
            *used = n;
            return;
        }
        *used += (size_t)w;
    }
}

static int key_is(const Node *key, const char *name)
{
    return key->len == strlen(name) && !strcmp(key->text, name);
}

static int names_has(const char *const *names, const Node *key)
{
    for (int i = 0; names && names[i]; i++)
        if (key_is(key, names[i]))
            return 1;
    return 0;
}

static int specs_has(const OptSpec *specs, const Node *key)
{
    for (int i = 0; specs && specs[i].name; i++)
        if (key_is(key, specs[i].name))
            return 1;
    return 0;
}

/* Checks every key of mapping `map` (a `what`, e.g. "panel") against
 * `names` and the option table `specs` (may be NULL): an unknown key is an
 * error listing the accepted ones, and so is a key given twice. */
static int map_check(Ctx *c, const Node *map, const char *what,
                     const char *const *names, const OptSpec *specs)
{
    for (int i = 0; i + 1 < map->n; i += 2) {
        const Node *k = map->kids[i];
        char q[72];
        if (!names_has(names, k) && !specs_has(specs, k)) {
            char list[400];
            size_t used = 0;
            list[0] = '\0';
            names_join(list, sizeof list, &used, names, NULL);
            if (specs)
                names_join(list, sizeof list, &used, NULL, specs);
            return fail_at(c, k, "unknown key '%s' in %s (accepted: %s)",
                           quote(q, sizeof q, k->text), what, list);
        }
        /* Earlier keys are all known and distinct, so this stays short. */
        for (int j = 0; j < i; j += 2)
            if (!strcmp(map->kids[j]->text, k->text))
                return fail_at(c, k, "duplicate key '%s' (first at line %d)",
                               quote(q, sizeof q, k->text), map->kids[j]->line);
    }
    return 0;
}

/* The value of `key` in `map`, or NULL when absent or null. */
static const Node *map_get(const Node *map, const char *key)
{
    for (int i = 0; i + 1 < map->n; i += 2)
        if (key_is(map->kids[i], key))
            return map->kids[i + 1]->null ? NULL : map->kids[i + 1];
    return NULL;
}

/* The key node of `key` in `map`, or NULL. */
static const Node *map_key(const Node *map, const char *key)
{
    for (int i = 0; i + 1 < map->n; i += 2)
        if (key_is(map->kids[i], key))
            return map->kids[i];
    return NULL;
}

/* ---- scalars --------------------------------------------------------- */

static int need_scalar(Ctx *c, const Node *v, const char *key,
                       const char *expected)
{
    if (v->type == NODE_SCALAR)
        return 0;
    char d[96];
    return fail_at(c, v, "expected %s for '%s', got %s", expected, key,
                   node_desc(d, sizeof d, v));
}

/* A copy of scalar `v` (the value of `key`) into *out. */
static int scalar_str(Ctx *c, const Node *v, const char *key, char **out)
{
    if (need_scalar(c, v, key, "a string") < 0)
        return -1;
    if (strlen(v->text) != v->len)
        return fail_at(c, v, "'%s' must not hold a NUL character", key);
    *out = strdup(v->text);
    return *out ? 0 : fail_oom(c);
}

/* Whether s is a plain decimal number: [+-]digits[.digits][e[+-]digits]. */
static int number_syntax(const char *s)
{
    int digits = 0;
    if (*s == '+' || *s == '-')
        s++;
    for (; isdigit((unsigned char)*s); s++)
        digits++;
    if (*s == '.')
        for (s++; isdigit((unsigned char)*s); s++)
            digits++;
    if (!digits)
        return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!isdigit((unsigned char)*s))
            return 0;
        while (isdigit((unsigned char)*s))
            s++;
    }
    return *s == '\0';
}

static int scalar_num(Ctx *c, const Node *v, const char *key, double *out)
{
    char d[96];
    if (need_scalar(c, v, key, "a number") < 0)
        return -1;
    if (!number_syntax(v->text))
        return fail_at(c, v, "expected a number for '%s', got %s", key,
                       node_desc(d, sizeof d, v));
    char *end;
    errno = 0;
    double x = strtod(v->text, &end);
    if (*end || !isfinite(x))
        return fail_at(c, v, "number out of range for '%s': %s", key,
                       node_desc(d, sizeof d, v));
    *out = x;
    return 0;
}

static int scalar_int(Ctx *c, const Node *v, const char *key, int lo, int hi,
                      int *out)
{
    char d[96];
    if (need_scalar(c, v, key, "an integer") < 0)
        return -1;
    const char *s = v->text;
    size_t i = (*s == '+' || *s == '-') ? 1 : 0;
    if (!s[i] || strspn(s + i, "0123456789") != strlen(s + i))
        return fail_at(c, v, "expected an integer for '%s', got %s", key,
                       node_desc(d, sizeof d, v));
    errno = 0;
    long x = strtol(s, NULL, 10);
    if (errno == ERANGE || x < lo || x > hi) {
        if (lo == INT_MIN && hi == INT_MAX)
            return fail_at(c, v, "number out of range for '%s': %s", key,
                           node_desc(d, sizeof d, v));
        if (hi == INT_MAX)
            return fail_at(c, v, "'%s' must be at least %d, got %s", key, lo,
                           node_desc(d, sizeof d, v));
        return fail_at(c, v, "'%s' must be between %d and %d, got %s", key, lo,
                       hi, node_desc(d, sizeof d, v));
    }
    *out = (int)x;
    return 0;
}

static int scalar_bool(Ctx *c, const Node *v, const char *key, int *out)
{
    char d[96];
    if (need_scalar(c, v, key, "true or false") < 0)
        return -1;
    if (!strcasecmp(v->text, "true") || !strcasecmp(v->text, "yes"))
        *out = 1;
    else if (!strcasecmp(v->text, "false") || !strcasecmp(v->text, "no"))
        *out = 0;
    else
        return fail_at(c, v, "expected true or false for '%s', got %s", key,
                       node_desc(d, sizeof d, v));
    return 0;
}

/* A duration in seconds; `positive`: 0 is refused too. */
static int scalar_dur(Ctx *c, const Node *v, const char *key, int positive,
                      double *out)
{
    char q[72];
    if (need_scalar(c, v, key, "a duration") < 0)
        return -1;
    double s;
    if (strlen(v->text) != v->len || duration_parse(v->text, &s) < 0 ||
        !isfinite(s))
        return fail_at(c, v, "bad duration '%s' for '%s'",
                       quote(q, sizeof q, v->text), key);
    if (positive && s <= 0)
        return fail_at(c, v, "'%s' must be longer than 0s, got '%s'", key,
                       quote(q, sizeof q, v->text));
    *out = s;
    return 0;
}

/* One of the '|'-separated `choices`: its index, or -1. */
static int choice_index(const char *choices, const char *s)
{
    size_t n = strlen(s);
    int idx = 0;
    for (const char *p = choices; p; idx++) {
        const char *bar = strchr(p, '|');
        size_t w = bar ? (size_t)(bar - p) : strlen(p);
        if (w == n && !strncmp(p, s, n))
            return idx;
        p = bar ? bar + 1 : NULL;
    }
    return -1;
}

static int scalar_enum(Ctx *c, const Node *v, const char *key,
                       const char *choices, int *out)
{
    char d[96];
    if (need_scalar(c, v, key, "a choice") < 0)
        return -1;
    int i = strlen(v->text) == v->len ? choice_index(choices, v->text) : -1;
    if (i < 0) {
        char list[160];
        size_t j = 0;
        for (const char *p = choices; *p && j + 3 < sizeof list; p++) {
            if (*p == '|') {
                list[j++] = ',';
                list[j++] = ' ';
            } else {
                list[j++] = *p;
            }
        }
        list[j] = '\0';
        return fail_at(c, v, "expected one of %s for '%s', got %s", list, key,
                       node_desc(d, sizeof d, v));
    }
    *out = i;
    return 0;
}

/* ---- typed look-ups in a mapping: 0 absent, 1 set, -1 error ------------ */

static int get_str(Ctx *c, const Node *map, const char *key, char **out)
{
    const Node *v = map_get(map, key);
    if (!v)
        return 0;
    free(*out);
    *out = NULL;
    return scalar_str(c, v, key, out) < 0 ? -1 : 1;
}

/* A "unit:": one of format_units[] or a custom suffix:/prefix: unit. */
static int get_unit(Ctx *c, const Node *map, char **out)
{
    int r = get_str(c, map, "unit", out);
    if (r <= 0 || format_unit_known(*out))
        return r;
    char q[72], list[512];
    format_unit_list(list, sizeof list);
    return fail_at(c, map_get(map, "unit"),
                   "unknown unit '%s' (known: %s; or your own as "
                   "suffix:TEXT or prefix:TEXT, e.g. suffix:tok/s)",
                   quote(q, sizeof q, *out), list);
}

/* A required, non-empty string: `what` names the owner in the message. */
static int get_required(Ctx *c, const Node *map, const char *key,
                        const char *what, char **out)
{
    int r = get_str(c, map, key, out);
    if (r < 0)
        return -1;
    if (r == 0)
        return fail_at(c, map, "%s has no '%s'", what, key);
    if (!**out)
        return fail_at(c, map_get(map, key), "'%s' must not be empty", key);
    return 0;
}

static int get_int(Ctx *c, const Node *map, const char *key, int lo, int hi,
                   int *out)
{
    const Node *v = map_get(map, key);
    if (!v)
        return 0;
    return scalar_int(c, v, key, lo, hi, out) < 0 ? -1 : 1;
}

static int get_num(Ctx *c, const Node *map, const char *key, double *out)
{
    const Node *v = map_get(map, key);
    if (!v)
        return 0;
    return scalar_num(c, v, key, out) < 0 ? -1 : 1;
}

static int get_dur(Ctx *c, const Node *map, const char *key, int positive,
                   double *out)
{
    const Node *v = map_get(map, key);
    if (!v)
        return 0;
    return scalar_dur(c, v, key, positive, out) < 0 ? -1 : 1;
}

/* The items of a list value: a sequence's items, or a lone scalar as a list
 * of one. Sets *items and *n; a mapping is an error. */
static int list_items(Ctx *c, const Node *v, const char *key,
                      Node *const **items, int *n)
{
    if (v->type == NODE_MAP)
        return fail_at(c, v, "expected a list for '%s', got a mapping", key);
    if (v->type == NODE_SEQ) {
        *items = v->kids;
        *n = v->n;
    } else {
        *items = NULL;
        *n = 1;
    }
    return 0;
}

/* The value of `key` as a sequence (not a lone scalar); NULL when absent. */
static int get_seq(Ctx *c, const Node *map, const char *key, const Node **out)
{
    const Node *v = map_get(map, key);
    *out = NULL;
    if (!v)
        return 0;
    if (v->type != NODE_SEQ) {
        char d[96];
        return fail_at(c, v, "expected a list for '%s', got %s", key,
                       node_desc(d, sizeof d, v));
    }
    *out = v;
    return 1;
}

static int need_map(Ctx *c, const Node *v, const char *what)
{
    if (v->type == NODE_MAP)
        return 0;
    char d[96];
    return fail_at(c, v, "expected a mapping for each %s, got %s", what,
                   node_desc(d, sizeof d, v));
}

/* ---- numbers lists, thresholds, mappings -------------------------------- */

/* Parses a list of numbers (or one number) into a malloc'd array. */
static int parse_numbers(Ctx *c, const Node *v, const char *key, double **out,
                         int *n)
{
    Node *const *items = NULL;
    int cnt = 0;
    if (list_items(c, v, key, &items, &cnt) < 0)
        return -1;
    *out = NULL;
    *n = 0;
    if (cnt == 0)
        return 0;
    double *a = calloc((size_t)cnt, sizeof *a);
    if (!a)
        return fail_oom(c);
    for (int i = 0; i < cnt; i++) {
        if (scalar_num(c, items ? items[i] : v, key, &a[i]) < 0) {
            free(a);
            return -1;
        }
    }
    *out = a;
    *n = cnt;
    return 0;
}

/* Parses 'thresholds' (strictly ascending numbers) and 'good' of `map`. */
static int parse_thresholds(Ctx *c, const Node *map, Thresholds *t)
{
    const Node *v = map_get(map, "thresholds");
    if (v) {
        if (parse_numbers(c, v, "thresholds", &t->steps, &t->n) < 0)
            return -1;
        t->set = 1;
        for (int i = 1; i < t->n; i++)
            if (!(t->steps[i] > t->steps[i - 1]))
                return fail_at(c, v->type == NODE_SEQ ? v->kids[i] : v,
                               "thresholds must be strictly ascending: %g "
                               "after %g",
                               t->steps[i], t->steps[i - 1]);
    }
    const Node *g = map_get(map, "good");
    if (g) {
        int idx;
        if (scalar_enum(c, g, "good", "low|high", &idx) < 0)
            return -1;
        if (!v)
            return fail_at(c, map_key(map, "good"),
                           "'good' needs 'thresholds' beside it");
        t->good_high = idx == 1;
    }
    return 0;
}

static int role_find(const char *name)
{
    for (int r = 0; r < ROLE_COUNT; r++)
        if (!strcmp(theme_role_name((Role)r), name))
            return r;
    return -1;
}

static const char *const mapping_keys[] = {"value", "text", "color", NULL};

/* Parses 'mappings' of `map`: a list of {value, text, color}. */
static int parse_mappings(Ctx *c, const Node *map, ValueMap **out, int *n)
{
    const Node *seq;
    int r = get_seq(c, map, "mappings", &seq);
    if (r <= 0)
        return r;
    if (seq->n == 0)
        return 0;
    *out = calloc((size_t)seq->n, sizeof **out);
    if (!*out)
        return fail_oom(c);
    *n = seq->n;
    for (int i = 0; i < seq->n; i++)
        (*out)[i].role = -1;
    for (int i = 0; i < seq->n; i++) {
        const Node *m = seq->kids[i];
        ValueMap *vm = &(*out)[i];
        if (need_map(c, m, "mapping") < 0 ||
            map_check(c, m, "mapping", mapping_keys, NULL) < 0)
            return -1;
        if (get_num(c, m, "value", &vm->value) <= 0)
            return c->failed ? -1 : fail_at(c, m, "mapping has no 'value'");
        if ((r = get_str(c, m, "text", &vm->text)) <= 0)
            return r < 0 ? -1 : fail_at(c, m, "mapping has no 'text'");
        const Node *col = map_get(m, "color");
        if (col) {
            if (need_scalar(c, col, "color", "a colour role") < 0)
                return -1;
            vm->role = role_find(col->text);
            if (vm->role < 0) {
                char q[72], list[400];
                size_t used = 0;
                list[0] = '\0';
                for (int k = 0; k < ROLE_COUNT; k++) {
                    const char *nm[] = {theme_role_name((Role)k), NULL};
                    names_join(list, sizeof list, &used, nm, NULL);
                }
                return fail_at(c, col, "unknown color '%s' (known: %s)",
                               quote(q, sizeof q, col->text), list);
            }
        }
    }
    return 0;
}

/* ---- $variables --------------------------------------------------------- */

static const char *const builtin_vars[] = {
    "__range",       "__interval",   "__rate_interval",
    "__range_s",     "__interval_s", "__range_ms",
    "__interval_ms", "__range_text", NULL,
};

static int ident_start(int ch)
{
    return isalpha(ch) || ch == '_';
}

static int ident_char(int ch)
{
    return isalnum(ch) || ch == '_';
}

/* Checks that every $name and ${name} in expr (scalar node v) is declared
 * or built in. Other uses of '$' ("$1" in label_replace) are left alone. */
static int check_vars(Ctx *c, const Node *v, const char *expr)
{
    for (const char *p = expr; (p = strchr(p, '$')) != NULL;) {
        const char *s = p + 1;
        int brace = *s == '{';
        s += brace;
        if (!ident_start((unsigned char)*s)) {
            p = s;
            continue;
        }
        const char *e = s;
        while (ident_char((unsigned char)*e))
            e++;
        p = e;
        if (brace && *e != '}')
            continue;
        size_t n = (size_t)(e - s);
        int known = 0;
        for (int i = 0; builtin_vars[i] && !known; i++)
            known =
                strlen(builtin_vars[i]) == n && !strncmp(builtin_vars[i], s, n);
        for (int i = 0; i < c->nvars && !known; i++)
            known =
                strlen(c->vars[i].name) == n && !strncmp(c->vars[i].name, s, n);
        for (int i = 0; i < c->nconsts && !known; i++)
            known = strlen(c->consts[i].name) == n &&
                    !strncmp(c->consts[i].name, s, n);
        if (!known) {
            char name[72], q[72];
            snprintf(name, sizeof name, "%.*s", n < 64 ? (int)n : 64, s);
            return fail_at(c, v, "unknown variable '$%s'",
                           quote(q, sizeof q, name));
        }
    }
    return 0;
}

/* ---- queries ------------------------------------------------------------ */

static const char *const query_keys[] = {
    "expr",     "legend",     "name", "instant",  "unit",
    "decimals", "thresholds", "good", "mappings", NULL,
};

/* Fills q from the expression node v (a scalar). */
static int parse_expr(Ctx *c, const Node *v, const char *key, QueryConf *q)
{
    q->line = v->line;
    q->col = v->col;
    if (scalar_str(c, v, key, &q->expr) < 0)
        return -1;
    if (!q->expr[strspn(q->expr, " \t\r\n")])
        return fail_at(c, v, "'%s' must not be empty", key);
    return check_vars(c, v, q->expr);
}

static int parse_query(Ctx *c, const Node *m, QueryConf *q)
{
    q->decimals = -1;
    if (need_map(c, m, "query") < 0 ||
        map_check(c, m, "query", query_keys, NULL) < 0)
        return -1;
    const Node *e = map_get(m, "expr");
    if (!e)
        return fail_at(c, m, "query has no 'expr'");
    if (parse_expr(c, e, "expr", q) < 0)
        return -1;
    const Node *v;
    if (get_str(c, m, "legend", &q->legend) < 0 ||
        get_str(c, m, "name", &q->name) < 0 || get_unit(c, m, &q->unit) < 0 ||
        get_int(c, m, "decimals", 0, 10, &q->decimals) < 0)
        return -1;
    if ((v = map_get(m, "instant")) &&
        scalar_bool(c, v, "instant", &q->instant) < 0)
        return -1;
    if (parse_thresholds(c, m, &q->thresholds) < 0)
        return -1;
    return parse_mappings(c, m, &q->mappings, &q->nmappings);
}

/* ---- kind options ------------------------------------------------------- */

static int opts_count(const PanelClass *cls)
{
    int n = 0;
    while (cls && cls->opts && cls->opts[n].name)
        n++;
    return n;
}

/* Parses node v as option `spec` into o (set = 1). */
static int parse_opt(Ctx *c, const OptSpec *spec, const Node *v, OptValue *o)
{
    const char *key = spec->name;
    int i;
    switch (spec->type) {
    case OPT_STRING:
        if (scalar_str(c, v, key, &o->str) < 0)
            return -1;
        break;
    case OPT_NUMBER:
        if (scalar_num(c, v, key, &o->num) < 0)
            return -1;
        break;
    case OPT_INT:
        if (scalar_int(c, v, key, INT_MIN, INT_MAX, &i) < 0)
            return -1;
        o->num = i;
        break;
    case OPT_BOOL:
        if (scalar_bool(c, v, key, &i) < 0)
            return -1;
        o->num = i;
        break;
    case OPT_ENUM:
        if (scalar_enum(c, v, key, spec->choices ? spec->choices : "", &i) < 0)
            return -1;
        o->num = i;
        if (!(o->str = strdup(v->text)))
            return fail_oom(c);
        break;
    case OPT_DURATION:
        if (scalar_dur(c, v, key, 0, &o->num) < 0)
            return -1;
        break;
    case OPT_NUMBERS:
        if (parse_numbers(c, v, key, &o->nums, &o->n) < 0)
            return -1;
        break;
    case OPT_STRINGS: {
        Node *const *items = NULL;
        int n = 0;
        if (list_items(c, v, key, &items, &n) < 0)
            return -1;
        if (n > 0) {
            if (!(o->strs = calloc((size_t)n, sizeof *o->strs)))
                return fail_oom(c);
            o->n = n;
            for (int k = 0; k < n; k++)
                if (scalar_str(c, items ? items[k] : v, key, &o->strs[k]) < 0)
                    return -1;
        }
        break;
    }
    }
    o->set = 1;
    return 0;
}

/* Parses the default text of `spec` for a panel at `at`. Scalar types take
 * the text as it is; list types read it as YAML ("[1, 2]" or "1"). */
static int parse_default(Ctx *c, const PanelClass *cls, const OptSpec *spec,
                         const Node *at, OptValue *o)
{
    Node tmp = {.type = NODE_SCALAR, .line = at->line, .col = at->col};
    const Node *v = &tmp;
    Node *tree = NULL;
    tmp.text = (char *)spec->def;
    tmp.len = strlen(spec->def);
    if (spec->type == OPT_NUMBERS || spec->type == OPT_STRINGS) {
        tree = yaml_build(c, spec->def, strlen(spec->def));
        if (!tree && !c->failed) {
            o->set = 1; /* an empty default: the empty list */
            return 0;
        }
        v = tree;
    }
    int rc = v ? parse_opt(c, spec, v, o) : -1;
    node_free(tree);
    if (rc < 0) {
        /* A mistake in a kind's table, not in the user's file. */
        c->failed = 0;
        fail_at(c, at, "bad default '%s' of option '%s' of kind '%s'",
                spec->def, spec->name, cls->name);
    }
    return rc;
}

/* ---- panels ------------------------------------------------------------- */

/* In the order of panel_common_opts[], so messages read like the docs. */
static const char *const panel_keys[] = {
    "title",      "kind",       "query",    "queries",     "width", "refresh",
    "range",      "time_shift", "unit",     "decimals",    "min",   "max",
    "thresholds", "good",       "mappings", "description", NULL,
};

/* A panel title seen so far, for the duplicate check. */
typedef struct {
    const char *title;
    int line, col; /* of the title's value */
    int order;     /* declaration order */
} TitleSeen;

static int kind_fail(Ctx *c, const Node *v)
{
    char q[72], list[400];
    size_t used = 0;
    list[0] = '\0';
    for (int i = 0; panel_kinds[i]; i++) {
        const char *nm[] = {panel_kinds[i]->name, NULL};
        names_join(list, sizeof list, &used, nm, NULL);
    }
    return fail_at(c, v, "unknown panel kind '%s' (known: %s)",
                   quote(q, sizeof q, v->text), list);
}

static int parse_panel_queries(Ctx *c, const Node *m, PanelConf *pc)
{
    const Node *kq = map_key(m, "query"), *kqs = map_key(m, "queries");
    const Node *q = map_get(m, "query"), *qs = map_get(m, "queries");
    if (q && qs) {
        const Node *later = kq->line > kqs->line || (kq->line == kqs->line &&
                                                     kq->col > kqs->col)
                                ? kq
                                : kqs;
        return fail_at(c, later,
                       "panel has both 'query' and 'queries'; keep one");
    }
    if (q) {
        if (!(pc->queries = calloc(1, sizeof *pc->queries)))
            return fail_oom(c);
        pc->nqueries = 1;
        pc->queries[0].decimals = -1;
        return parse_expr(c, q, "query", &pc->queries[0]);
    }
    if (qs) {
        if (qs->type != NODE_SEQ) {
            char d[96];
            return fail_at(c, qs, "expected a list for 'queries', got %s",
                           node_desc(d, sizeof d, qs));
        }
        if (qs->n == 0)
            return fail_at(c, qs, "'queries' must not be empty");
        if (!(pc->queries = calloc((size_t)qs->n, sizeof *pc->queries)))
            return fail_oom(c);
        pc->nqueries = qs->n;
        for (int i = 0; i < qs->n; i++)
            if (parse_query(c, qs->kids[i], &pc->queries[i]) < 0)
                return -1;
        return 0;
    }
    if (pc->cls->query_mode != 0)
        return fail_at(c, m, "panel has no 'query' or 'queries'");
    return 0;
}

static int parse_panel(Ctx *c, const Node *m, PanelConf *pc, TitleSeen *seen)
{
    pc->width = 1;
    pc->decimals = -1;
    pc->min = pc->max = NAN;
    if (need_map(c, m, "panel") < 0)
        return -1;
    pc->line = m->line;
    pc->col = m->col;

    /* The kind first: it decides which keys are accepted. */
    const Node *k = map_get(m, "kind");
    if (!k)
        return fail_at(c, m, "panel has no 'kind'");
    if (need_scalar(c, k, "kind", "a string") < 0)
        return -1;
    pc->cls = strlen(k->text) == k->len ? panel_kind_find(k->text) : NULL;
    if (!pc->cls)
        return kind_fail(c, k);
    char what[96], q[72];
    snprintf(what, sizeof what, "a %s panel",
             quote(q, sizeof q, pc->cls->name));
    if (map_check(c, m, what, panel_keys, pc->cls->opts) < 0)
        return -1;

    if (get_required(c, m, "title", "panel", &pc->title) < 0)
        return -1;
    const Node *tv = map_get(m, "title");
    seen->title = pc->title;
    seen->line = tv->line;
    seen->col = tv->col;

    if (get_int(c, m, "width", 1, LAYOUT_MAX_SHARE, &pc->width) < 0 ||
        get_dur(c, m, "refresh", 0, &pc->refresh) < 0 ||
        get_unit(c, m, &pc->unit) < 0 ||
        get_int(c, m, "decimals", 0, 10, &pc->decimals) < 0 ||
        get_num(c, m, "min", &pc->min) < 0 ||
        get_num(c, m, "max", &pc->max) < 0 ||
        get_str(c, m, "description", &pc->description) < 0)
        return -1;
    const Node *rv = map_get(m, "range");
    if (rv) {
        char q2[72];
        if (rv->type != NODE_SCALAR || !rv->text ||
            layout_range_parse(rv->text, &pc->range_anchor, &pc->range) < 0)
            return fail_at(c, rv,
                           "bad range '%s' for 'range' (try 1h, 7d, mtd or "
                           "today)",
                           quote(q2, sizeof q2, rv->text ? rv->text : ""));
        pc->own_range = 1;
    }
    if (get_dur(c, m, "time_shift", 0, &pc->time_shift) < 0)
        return -1;
    if (!isnan(pc->min) && !isnan(pc->max) && !(pc->min < pc->max))
        return fail_at(c, map_get(m, "max"),
                       "'max' (%g) must be greater than 'min' (%g)", pc->max,
                       pc->min);
    if (parse_thresholds(c, m, &pc->thresholds) < 0 ||
        parse_mappings(c, m, &pc->mappings, &pc->nmappings) < 0 ||
        parse_panel_queries(c, m, pc) < 0)
        return -1;

    int nopts = opts_count(pc->cls);
    if (!(pc->opts = calloc((size_t)nopts + 1, sizeof *pc->opts)))
        return fail_oom(c);
    for (int i = 0; i < nopts; i++) {
        const OptSpec *spec = &pc->cls->opts[i];
        const Node *v = map_get(m, spec->name);
        if (v) {
            if (parse_opt(c, spec, v, &pc->opts[i]) < 0)
                return -1;
        } else if (spec->def) {
            if (parse_default(c, pc->cls, spec, m, &pc->opts[i]) < 0)
                return -1;
        }
    }
    return 0;
}

/* ---- rows, variables, the dashboard ------------------------------------- */

static const char *const row_keys[] = {"height", "min_height", "panels", NULL};

static int parse_row(Ctx *c, const Node *m, RowConf *row, TitleSeen *seen,
                     int *nseen)
{
    row->height = 1;
    row->min_height = 5;
    if (need_map(c, m, "row") < 0 ||
        map_check(c, m, "row", row_keys, NULL) < 0 ||
        get_int(c, m, "height", 1, LAYOUT_MAX_SHARE, &row->height) < 0 ||
        get_int(c, m, "min_height", 3, LAYOUT_MAX_SHARE, &row->min_height) < 0)
        return -1;
    const Node *ps;
    int r = get_seq(c, m, "panels", &ps);
    if (r < 0)
        return -1;
    if (r == 0)
        return fail_at(c, m, "row has no 'panels'");
    if (ps->n == 0)
        return fail_at(c, ps, "'panels' must not be empty");
    if (!(row->panels = calloc((size_t)ps->n, sizeof *row->panels)))
        return fail_oom(c);
    row->npanels = ps->n;
    for (int i = 0; i < ps->n; i++) {
        seen[*nseen].order = *nseen;
        if (parse_panel(c, ps->kids[i], &row->panels[i], &seen[*nseen]) < 0)
            return -1;
        (*nseen)++;
    }
    return 0;
}

static const char *const var_keys[] = {"name",  "value", "values",
                                       "query", "all",   NULL};

/* A name fit for $name: letters, digits and _, not starting with a digit or
 * "__" (those are promboard's own). */
static int good_name(const char *s)
{
    int ok = ident_start((unsigned char)s[0]) && strncmp(s, "__", 2);
    for (size_t j = 1; ok && s[j]; j++)
        ok = ident_char((unsigned char)s[j]);
    return ok;
}

/* Splits "label_values(selector, label)" or "label_values(label)" into
 * v->metric and v->label. */
static int parse_label_values(Ctx *c, const Node *q, VarConf *v)
{
    const char *s = q->text;
    const char *open = strchr(s, '('), *close = strrchr(s, ')');
    size_t fn = open ? (size_t)(open - s) : 0;
    while (fn && s[fn - 1] == ' ')
        fn--;
    if (!open || !close || close < open || fn != 12 ||
        strncmp(s, "label_values", 12) || close[1 + strspn(close + 1, " ")])
        return fail_at(c, q,
                       "expected label_values(metric, label) for 'query'");
    const char *args = open + 1;
    const char *comma = NULL;
    int depth = 0;
    for (const char *p = args; p < close; p++) { /* the last top-level comma */
        if (*p == '{' || *p == '(' || *p == '[')
            depth++;
        else if (*p == '}' || *p == ')' || *p == ']')
            depth--;
        else if (*p == ',' && depth == 0)
            comma = p;
    }
    const char *ls = comma ? comma + 1 : args;
    while (*ls == ' ')
        ls++;
    const char *le = close;
    while (le > ls && le[-1] == ' ')
        le--;
    v->label = strndup(ls, (size_t)(le - ls));
    if (comma) {
        const char *ms = args, *me = comma;
        while (*ms == ' ')
            ms++;
        while (me > ms && me[-1] == ' ')
            me--;
        v->metric = strndup(ms, (size_t)(me - ms));
    } else if (v->label) {
        size_t n = strlen(v->label) + 8;
        if ((v->metric = malloc(n)))
            snprintf(v->metric, n, "{%s!=\"\"}", v->label);
    }
    if (!v->label || !v->metric)
        return fail_oom(c);
    if (!good_name(v->label) && strncmp(v->label, "__name__", 9))
        return fail_at(c, q, "bad label name '%s' in label_values", v->label);
    if (!v->metric[0])
        return fail_at(c, q, "label_values needs a metric");
    return 0;
}

static int parse_vars(Ctx *c, const Node *root, Dashboard *d)
{
    const Node *vs;
    int r = get_seq(c, root, "variables", &vs);
    if (r <= 0 || vs->n == 0)
        return r < 0 ? -1 : 0;
    if (!(d->vars = calloc((size_t)vs->n, sizeof *d->vars)))
        return fail_oom(c);
    d->nvars = vs->n;
    for (int i = 0; i < vs->n; i++) {
        const Node *m = vs->kids[i];
        VarConf *v = &d->vars[i];
        char q[72];
        v->line = m->line;
        v->col = m->col;
        if (need_map(c, m, "variable") < 0 ||
            map_check(c, m, "variable", var_keys, NULL) < 0 ||
            get_required(c, m, "name", "variable", &v->name) < 0)
            return -1;
        const char *s = v->name;
        if (!good_name(s))
            return fail_at(c, map_get(m, "name"),
                           "bad variable name '%s' (letters, digits and _, "
                           "not starting with a digit or __)",
                           quote(q, sizeof q, s));
        for (int j = 0; j < i; j++)
            if (!strcmp(d->vars[j].name, s))
                return fail_at(c, map_get(m, "name"), "duplicate variable '%s'",
                               s);
        if (get_str(c, m, "value", &v->value) < 0)
            return -1;
        const Node *all = map_get(m, "all");
        if (all && scalar_bool(c, all, "all", &v->all) < 0)
            return -1;
        const Node *vals = map_get(m, "values");
        const Node *query = map_get(m, "query");
        if (vals && query)
            return fail_at(c, query,
                           "variable has both 'values' and "
                           "'query'; keep one");
        if (query) {
            if (query->type != NODE_SCALAR)
                return fail_at(c, query, "expected a string for 'query'");
            if (parse_label_values(c, query, v) < 0)
                return -1;
        } else if (vals) {
            Node *const *items = NULL;
            int n = 0;
            if (list_items(c, vals, "values", &items, &n) < 0)
                return -1;
            const char **tmp = calloc((size_t)n + 1, sizeof *tmp);
            if (!tmp)
                return fail_oom(c);
            for (int k = 0; k < n; k++) {
                const Node *it = items ? items[k] : vals;
                if (it->type != NODE_SCALAR) {
                    free(tmp);
                    return fail_at(c, it, "expected a string in 'values'");
                }
                tmp[k] = it->text;
            }
            int rc = layout_var_set_choices(v, tmp, n);
            free(tmp);
            if (rc < 0)
                return fail_oom(c);
            if (v->nvalues == 0)
                return fail_at(c, vals, "'values' must not be empty");
        } else if (!v->value) {
            return fail_at(c, m,
                           "variable has no 'value', 'values' or "
                           "'query'");
        }
        if (v->value && v->nvalues > 0 && strcmp(v->value, "All")) {
            int found = 0;
            for (int k = 0; k < v->nvalues && !found; k++)
                found = !strcmp(v->values[k], v->value);
            if (!found)
                return fail_at(c, map_get(m, "value"),
                               "'%s' is not one of the variable's values",
                               quote(q, sizeof q, v->value));
        }
        if (v->value && !strcmp(v->value, "All") && !v->all)
            return fail_at(c, map_get(m, "value"),
                           "value 'All' needs 'all: true'");
    }
    return 0;
}

/* constants: a mapping of name -> number (or text), for $name. */
static int parse_consts(Ctx *c, const Node *root, Dashboard *d)
{
    const Node *m = map_get(root, "constants");
    if (!m)
        return 0;
    if (m->type != NODE_MAP)
        return fail_at(c, m,
                       "expected a mapping of name: value for "
                       "'constants'");
    int n = m->n / 2;
    if (!(d->consts = calloc((size_t)n + 1, sizeof *d->consts)))
        return fail_oom(c);
    for (int i = 0; i < n; i++) {
        const Node *k = m->kids[2 * i], *v = m->kids[2 * i + 1];
        char q[72];
        if (!good_name(k->text))
            return fail_at(c, k, "bad constant name '%s'",
                           quote(q, sizeof q, k->text));
        for (int j = 0; j < d->nvars; j++)
            if (!strcmp(d->vars[j].name, k->text))
                return fail_at(c, k, "'%s' is both a variable and a constant",
                               k->text);
        if (v->type != NODE_SCALAR || v->null)
            return fail_at(c, v, "expected a value for constant '%s'", k->text);
        ConstConf *cc = &d->consts[d->nconsts++];
        if (!(cc->name = strdup(k->text)) || !(cc->text = strdup(v->text)))
            return fail_oom(c);
    }
    return 0;
}

/* range: a duration, or "mtd" / "today". */
static int parse_range(Ctx *c, const Node *root, Dashboard *d)
{
    const Node *v = map_get(root, "range");
    if (!v)
        return 0;
    if (v->type == NODE_SCALAR && v->text &&
        (!strcmp(v->text, "mtd") || !strcmp(v->text, "today"))) {
        double secs;
        layout_range_parse(v->text, &d->range_anchor, &secs);
        d->range = 86400;
        return 0;
    }
    return get_dur(c, root, "range", 1, &d->range) < 0 ? -1 : 0;
}

/* Replaces $constant in every panel title. */
static int expand_titles(Ctx *c, Dashboard *d)
{
    if (d->nconsts == 0)
        return 0;
    const char *names[64], *values[64];
    int n = d->nconsts < 64 ? d->nconsts : 64;
    for (int i = 0; i < n; i++) {
        names[i] = d->consts[i].name;
        values[i] = d->consts[i].text;
    }
    QueryVars qv = {0, 0, 0, names, values, n, NULL};
    for (int r = 0; r < d->nrows; r++)
        for (int k = 0; k < d->rows[r].npanels; k++) {
            PanelConf *pc = &d->rows[r].panels[k];
            if (!strchr(pc->title, '$'))
                continue;
            char *t = query_expand(pc->title, &qv, NULL, 0);
            if (!t)
                return fail_oom(c);
            free(pc->title);
            pc->title = t;
        }
    return 0;
}

static int seen_cmp(const void *a, const void *b)
{
    const TitleSeen *x = a, *y = b;
    int r = strcmp(x->title, y->title);
    return r ? r : (x->order > y->order) - (x->order < y->order);
}

/* Reports the first (in declaration order) panel whose title an earlier
 * panel already has. Sorts `seen`. */
static int check_titles(Ctx *c, TitleSeen *seen, int n)
{
    qsort(seen, (size_t)n, sizeof *seen, seen_cmp);
    int best = -1, first = 0, best_first = 0;
    for (int i = 1; i < n; i++) {
        if (strcmp(seen[i].title, seen[i - 1].title)) {
            first = i;
            continue;
        }
        if (best < 0 || seen[i].order < seen[best].order) {
            best = i;
            best_first = first;
        }
    }
    if (best < 0)
        return 0;
    char q[72];
    return fail(c, seen[best].line, seen[best].col,
                "duplicate panel title '%s' (first at line %d)",
                quote(q, sizeof q, seen[best].title), seen[best_first].line);
}

static const char *const dash_keys[] = {
    "title",     "name",      "refresh", "range", "scrape_interval",
    "variables", "constants", "rows",    NULL,
};

static int parse_dashboard(Ctx *c, const Node *root, Dashboard *d)
{
    if (root->type != NODE_MAP) {
        char dd[96];
        return fail_at(c, root,
                       "expected a mapping of dashboard keys at the "
                       "top, got %s",
                       node_desc(dd, sizeof dd, root));
    }
    if (map_check(c, root, "dashboard", dash_keys, NULL) < 0 ||
        get_required(c, root, "title", "dashboard", &d->title) < 0)
        return -1;
    int r = get_str(c, root, "name", &d->name);
    if (r < 0)
        return -1;
    if (r > 0 && !d->name[0])
        return fail_at(c, map_get(root, "name"), "'name' must not be empty");
    if (get_dur(c, root, "refresh", 1, &d->refresh) < 0 ||
        parse_range(c, root, d) < 0 ||
        get_dur(c, root, "scrape_interval", 1, &d->scrape) < 0 ||
        parse_vars(c, root, d) < 0 || parse_consts(c, root, d) < 0)
        return -1;
    c->vars = d->vars;
    c->nvars = d->nvars;
    c->consts = d->consts;
    c->nconsts = d->nconsts;

    const Node *rows;
    if ((r = get_seq(c, root, "rows", &rows)) <= 0)
        return r < 0 ? -1 : fail_at(c, root, "dashboard has no 'rows'");
    if (rows->n == 0)
        return fail_at(c, rows, "'rows' must not be empty");
    if (!(d->rows = calloc((size_t)rows->n, sizeof *d->rows)))
        return fail_oom(c);
    d->nrows = rows->n;

    /* Room for every panel the rows could hold, for the title check. */
    size_t most = 0;
    for (int i = 0; i < rows->n; i++) {
        const Node *ps = rows->kids[i]->type == NODE_MAP
                             ? map_get(rows->kids[i], "panels")
                             : NULL;
        most += ps && ps->type == NODE_SEQ ? (size_t)ps->n : 0;
    }
    TitleSeen *seen = calloc(most + 1, sizeof *seen);
    if (!seen)
        return fail_oom(c);
    int nseen = 0;
    for (int i = 0; i < rows->n && r >= 0; i++)
        r = parse_row(c, rows->kids[i], &d->rows[i], seen, &nseen);
    if (r >= 0)
        r = check_titles(c, seen, nseen);
    free(seen);
    if (r >= 0)
        r = expand_titles(c, d);
    return r < 0 ? -1 : 0;
}

/* The short name of a file: its base name without .yaml or .yml. */
static char *name_from_file(const char *file)
{
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    size_t n = strlen(base);
    if (n > 5 && !strcmp(base + n - 5, ".yaml"))
        n -= 5;
    else if (n > 4 && !strcmp(base + n - 4, ".yml"))
        n -= 4;
    if (n == 0)
        return strdup("dashboard");
    return strndup(base, n);
}

/* ---- public ------------------------------------------------------------- */

char *layout_error_format(const LayoutError *err, char *buf, size_t n)
{
    if (!buf || n == 0)
        return buf;
    if (!err)
        snprintf(buf, n, "unknown error");
    else if (err->line > 0)
        snprintf(buf, n, "%s:%d:%d: %s", err->file, err->line, err->col,
                 err->msg);
    else
        snprintf(buf, n, "%s: %s", err->file, err->msg);
    return buf;
}

Dashboard *layout_load_text(const char *file, const char *name,
                            const char *text, size_t len, LayoutError *err)
{
    LayoutError dummy;
    Ctx c = {.file = file ? file : "(layout)", .err = err ? err : &dummy};
    memset(c.err, 0, sizeof *c.err);
    snprintf(c.err->file, sizeof c.err->file, "%s", c.file);

    if (len > LAYOUT_MAX_BYTES) {
        fail(&c, 0, 0, "too big (%zu bytes; the limit is %d)", len,
             LAYOUT_MAX_BYTES);
        return NULL;
    }
    Dashboard *d = calloc(1, sizeof *d);
    if (!d) {
        fail_oom(&c);
        return NULL;
    }
    d->refresh = 30;
    d->range = 3600;
    d->scrape = 15;
    Node *root = yaml_build(&c, text ? text : "", text ? len : 0);
    if (!root && !c.failed)
        fail(&c, 0, 0, "empty layout: it needs at least 'title' and 'rows'");
    if (!c.failed)
        parse_dashboard(&c, root, d);
    node_free(root);
    if (!c.failed) {
        if (!(d->file = strdup(c.file)))
            fail_oom(&c);
        else if (!d->name &&
                 !(d->name =
                       name && *name ? strdup(name) : name_from_file(c.file)))
            fail_oom(&c);
    }
    if (c.failed) {
        layout_free(d);
        return NULL;
    }
    return d;
}

Dashboard *layout_load_file(const char *path, LayoutError *err)
{
    LayoutError dummy;
    LayoutError *e = err ? err : &dummy;
    memset(e, 0, sizeof *e);
    snprintf(e->file, sizeof e->file, "%s", path ? path : "(null)");
    if (!path) {
        snprintf(e->msg, sizeof e->msg, "no file given");
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(e->msg, sizeof e->msg, "cannot open: %s", strerror(errno));
        return NULL;
    }
    /* One byte more than the limit tells a file that is too big. */
    size_t cap = LAYOUT_MAX_BYTES + 1, len = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        snprintf(e->msg, sizeof e->msg, "out of memory");
        return NULL;
    }
    while (len < cap) {
        size_t r = fread(buf + len, 1, cap - len, f);
        if (r == 0)
            break;
        len += r;
    }
    int bad = ferror(f);
    int saved = errno;
    fclose(f);
    if (bad) {
        free(buf);
        snprintf(e->msg, sizeof e->msg, "cannot read: %s", strerror(saved));
        return NULL;
    }
    if (len > LAYOUT_MAX_BYTES) {
        free(buf);
        snprintf(e->msg, sizeof e->msg, "too big (more than %d bytes)",
                 LAYOUT_MAX_BYTES);
        return NULL;
    }
    Dashboard *d = layout_load_text(path, NULL, buf, len, e);
    free(buf);
    return d;
}

static void thresholds_free(Thresholds *t)
{
    free(t->steps);
}

static void mappings_free(ValueMap *m, int n)
{
    for (int i = 0; m && i < n; i++)
        free(m[i].text);
    free(m);
}

static void panel_conf_free(PanelConf *p)
{
    free(p->title);
    free(p->unit);
    free(p->description);
    thresholds_free(&p->thresholds);
    mappings_free(p->mappings, p->nmappings);
    for (int i = 0; p->queries && i < p->nqueries; i++) {
        QueryConf *q = &p->queries[i];
        free(q->expr);
        free(q->legend);
        free(q->name);
        free(q->unit);
        thresholds_free(&q->thresholds);
        mappings_free(q->mappings, q->nmappings);
    }
    free(p->queries);
    if (p->opts) {
        int n = opts_count(p->cls);
        for (int i = 0; i < n; i++) {
            OptValue *o = &p->opts[i];
            free(o->str);
            free(o->nums);
            for (int j = 0; o->strs && j < o->n; j++)
                free(o->strs[j]);
            free(o->strs);
        }
        free(p->opts);
    }
}

void layout_free(Dashboard *d)
{
    if (!d)
        return;
    for (int i = 0; d->rows && i < d->nrows; i++) {
        for (int j = 0; d->rows[i].panels && j < d->rows[i].npanels; j++)
            panel_conf_free(&d->rows[i].panels[j]);
        free(d->rows[i].panels);
    }
    free(d->rows);
    for (int i = 0; d->vars && i < d->nvars; i++) {
        free(d->vars[i].name);
        free(d->vars[i].value);
        free(d->vars[i].metric);
        free(d->vars[i].label);
        for (int k = 0; k < d->vars[i].nvalues; k++)
            free(d->vars[i].values[k]);
        free(d->vars[i].values);
    }
    free(d->vars);
    for (int i = 0; d->consts && i < d->nconsts; i++) {
        free(d->consts[i].name);
        free(d->consts[i].text);
    }
    free(d->consts);
    free(d->name);
    free(d->title);
    free(d->file);
    free(d);
}

int layout_panel_count(const Dashboard *d)
{
    int n = 0;
    for (int i = 0; d && d->rows && i < d->nrows; i++)
        n += d->rows[i].npanels;
    return n;
}

const BundledLayout *layout_bundled_find(const char *name)
{
    for (int i = 0; name && layouts_bundled[i].name; i++)
        if (!strcmp(layouts_bundled[i].name, name))
            return &layouts_bundled[i];
    return NULL;
}
