/* conf.c - the helpers promboard's YAML readers share: a capped read of a
 * regular file, libyaml's event parser building a small tree (depth capped,
 * aliases and duplicate keys refused), typed scalars, option tables (type,
 * bounds, default, help) that validate mappings and fill structs, and the
 * one error form "file:line:col: message". */
#include "conf.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "duration.h"
#include "text.h"

/* ---- errors -------------------------------------------------------------- */

char *conf_error_format(const ConfError *err, char *buf, size_t n)
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

void conf_init(ConfCtx *x, const char *file, ConfError *err)
{
    memset(x, 0, sizeof *x);
    x->file = file ? file : "(config)";
    x->err = err;
    memset(err, 0, sizeof *err);
    snprintf(err->file, sizeof err->file, "%s", x->file);
}

static int fail_va(ConfCtx *x, int line, int col, const char *fmt, va_list ap)
{
    if (x->failed)
        return -1;
    x->failed = 1;
    x->err->line = line;
    x->err->col = col;
    char raw[sizeof x->err->msg];
    vsnprintf(raw, sizeof raw, fmt, ap);
    /* one line, whatever text of the file it quotes */
    text_clean_buf(x->err->msg, sizeof x->err->msg, raw, strlen(raw), 0);
    return -1;
}

int conf_fail_pos(ConfCtx *x, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fail_va(x, line, col, fmt, ap);
    va_end(ap);
    return -1;
}

int conf_fail(ConfCtx *x, const ConfNode *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fail_va(x, at ? at->line : 0, at ? at->col : 0, fmt, ap);
    va_end(ap);
    return -1;
}

int conf_fail_oom(ConfCtx *x)
{
    return conf_fail_pos(x, 0, 0, "out of memory");
}

const char *conf_quote(char *buf, size_t n, const char *s)
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

const char *conf_node_desc(char *buf, size_t n, const ConfNode *node)
{
    if (node->type == CONF_MAP)
        return "a mapping";
    if (node->type == CONF_SEQ)
        return "a sequence";
    char q[72];
    snprintf(buf, n, "'%s'", conf_quote(q, sizeof q, node->text));
    return buf;
}

/* ---- files --------------------------------------------------------------- */

/* "64 KiB", "1 MiB" or "300 bytes". */
static void size_text(size_t cap, char *buf, size_t n)
{
    if (cap >= 1024 * 1024 && cap % (1024 * 1024) == 0)
        snprintf(buf, n, "%zu MiB", cap / (1024 * 1024));
    else if (cap >= 1024 && cap % 1024 == 0)
        snprintf(buf, n, "%zu KiB", cap / 1024);
    else
        snprintf(buf, n, "%zu bytes", cap);
}

/* What a file that is not a regular one is, for the message. */
static const char *file_kind(mode_t m)
{
    return S_ISFIFO(m)   ? "a FIFO"
           : S_ISCHR(m)  ? "a character device"
           : S_ISBLK(m)  ? "a block device"
           : S_ISSOCK(m) ? "a socket"
                         : "not a plain file";
}

/* Opens `path` read-only without blocking and checks it is a regular file
 * (stat first, since opening a FIFO wakes a waiting writer, then fstat on
 * what was opened). Returns the descriptor, or -1 with why and errno set
 * as conf_read_file() says. */
static int open_regular(const char *path, char *why, size_t whyn)
{
    struct stat st;
    int fd = -1;
    if (!path)
        errno = EINVAL;
    else if (stat(path, &st) < 0)
        ; /* errno says why */
    else if (!S_ISREG(st.st_mode))
        goto refuse;
    else
        fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        snprintf(why, whyn, "%s", strerror(e));
        errno = e;
        return -1;
    }
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        return fd; /* reads block again: O_NONBLOCK means nothing for them */
    close(fd);
refuse:
    if (S_ISDIR(st.st_mode))
        snprintf(why, whyn, "a directory, not a file");
    else
        snprintf(why, whyn, "not a regular file (%s)", file_kind(st.st_mode));
    errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
    return -1;
}

int conf_check_file(const char *path, char *why, size_t whyn)
{
    int fd = open_regular(path, why, whyn);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

char *conf_dir(char *buf, size_t n)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    int w;
    if (xdg && xdg[0] == '/')
        w = snprintf(buf, n, "%s/promboard", xdg);
    else if (home && *home)
        w = snprintf(buf, n, "%s/.config/promboard", home);
    else
        return NULL;
    return w > 0 && (size_t)w < n ? buf : NULL;
}

int conf_read_file(const char *path, size_t cap, char **text, size_t *len,
                   char *why, size_t whyn)
{
    *text = NULL;
    *len = 0;
    int fd = open_regular(path, why, whyn);
    if (fd < 0)
        return -1;
    char *buf = malloc(cap + 2); /* one byte more tells a file too big */
    if (!buf) {
        close(fd);
        snprintf(why, whyn, "out of memory");
        errno = ENOMEM;
        return -1;
    }
    size_t got = 0;
    while (got <= cap) {
        ssize_t r = read(fd, buf + got, cap + 1 - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            close(fd);
            free(buf);
            snprintf(why, whyn, "%s", strerror(e));
            errno = e;
            return -1;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (got > cap) {
        char sz[32];
        size_text(cap, sz, sizeof sz);
        snprintf(why, whyn, "larger than %s", sz);
        free(buf);
        errno = EFBIG;
        return -1;
    }
    buf[got] = '\0';
    *text = buf;
    *len = got;
    return 0;
}

/* ---- the tree ------------------------------------------------------------ */

void conf_node_free(ConfNode *n)
{
    if (!n)
        return;
    for (int i = 0; i < n->n; i++)
        conf_node_free(n->kids[i]);
    free(n->kids);
    if (n->text) /* config.yaml's may be a password */
        explicit_bzero(n->text, n->len);
    free(n->text);
    free(n);
}

static int mark_int(size_t v)
{
    return v < INT_MAX ? (int)v + 1 : INT_MAX;
}

static ConfNode *node_new(ConfNodeType type, yaml_mark_t m)
{
    ConfNode *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->type = type;
    n->line = mark_int(m.line);
    n->col = mark_int(m.column);
    return n;
}

static int node_add(ConfNode *parent, ConfNode *kid)
{
    if (parent->n == parent->cap) {
        int cap = parent->cap ? parent->cap * 2 : 4;
        ConfNode **k = realloc(parent->kids, (size_t)cap * sizeof *k);
        if (!k)
            return -1;
        parent->kids = k;
        parent->cap = cap;
    }
    parent->kids[parent->n++] = kid;
    return 0;
}

/* Reports libyaml's own error: the problem text at the problem mark. */
static int fail_syntax(ConfCtx *x, const yaml_parser_t *p, const char *text,
                       size_t len)
{
    if (p->error == YAML_MEMORY_ERROR)
        return conf_fail_oom(x);
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
            return conf_fail_pos(x, line, col, "YAML syntax error: %s (#x%X)",
                                 problem, (unsigned)p->problem_value);
        return conf_fail_pos(x, line, col, "YAML syntax error: %s", problem);
    }
    int line = mark_int(p->problem_mark.line);
    int col = mark_int(p->problem_mark.column);
    if (p->context)
        return conf_fail_pos(x, line, col,
                             "YAML syntax error: %s (%s at line %zu)", problem,
                             p->context, p->context_mark.line + 1);
    return conf_fail_pos(x, line, col, "YAML syntax error: %s", problem);
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
static ConfNode *event_node(ConfCtx *x, const yaml_event_t *ev, int depth,
                            int *rc)
{
    ConfNode *n = NULL;
    int max = x->max_depth > 0 ? x->max_depth : CONF_MAX_DEPTH;
    *rc = 0;
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        n = node_new(CONF_SCALAR, ev->start_mark);
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
            /* the one place text from a YAML file enters: escapes such as
             * "\e" or "\x9b" become U+FFFD (a NUL is left for conf_str
             * to refuse with its position) */
            if (strlen(n->text) == n->len &&
                text_needs_clean(n->text, n->len, TEXT_MULTILINE)) {
                char *c = text_clean(n->text, n->len, TEXT_MULTILINE);
                if (!c) {
                    conf_node_free(n);
                    n = NULL;
                    break;
                }
                free(n->text);
                n->text = c;
                n->len = strlen(c);
            }
        }
        break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        if (depth >= max) {
            *rc = conf_fail_pos(x, mark_int(ev->start_mark.line),
                                mark_int(ev->start_mark.column),
                                "too deeply nested (more than %d levels)", max);
            return NULL;
        }
        n = node_new(ev->type == YAML_MAPPING_START_EVENT ? CONF_MAP : CONF_SEQ,
                     ev->start_mark);
        break;
    default:
        return NULL;
    }
    if (!n)
        *rc = conf_fail_oom(x);
    return n;
}

static int key_order(const void *a, const void *b)
{
    const ConfNode *x = *(const ConfNode *const *)a;
    const ConfNode *y = *(const ConfNode *const *)b;
    size_t n = x->len < y->len ? x->len : y->len;
    int r = memcmp(x->text, y->text, n);
    if (r == 0)
        r = (x->len > y->len) - (x->len < y->len);
    if (r == 0)
        r = x->line != y->line ? (x->line > y->line) - (x->line < y->line)
                               : (x->col > y->col) - (x->col < y->col);
    return r;
}

static int key_same(const ConfNode *a, const ConfNode *b)
{
    return a->len == b->len && !memcmp(a->text, b->text, a->len);
}

/* Refuses a key given twice in mapping m: the first repeat in the file is
 * reported, with the line of the first use. Sorting keeps this
 * O(n log n) for mappings of many keys. */
static int check_unique(ConfCtx *x, const ConfNode *m)
{
    int nk = m->n / 2;
    if (nk < 2)
        return 0;
    const ConfNode *small[16];
    const ConfNode **keys =
        nk <= 16 ? small : malloc((size_t)nk * sizeof *keys);
    if (!keys)
        return conf_fail_oom(x);
    for (int i = 0; i < nk; i++)
        keys[i] = m->kids[2 * i];
    qsort(keys, (size_t)nk, sizeof *keys, key_order);
    const ConfNode *dup = NULL, *first = NULL;
    for (int i = 1, start = 0; i < nk; i++) {
        if (!key_same(keys[i], keys[i - 1])) {
            start = i;
            continue;
        }
        if (!dup || keys[i]->line < dup->line ||
            (keys[i]->line == dup->line && keys[i]->col < dup->col)) {
            dup = keys[i];
            first = keys[start];
        }
    }
    if (keys != small)
        free(keys);
    if (!dup)
        return 0;
    char q[72];
    return conf_fail(x, dup, "duplicate key '%s' (first at line %d)",
                     conf_quote(q, sizeof q, dup->text), first->line);
}

ConfNode *conf_parse(ConfCtx *x, const char *text, size_t len)
{
    yaml_parser_t p;
    ConfNode *root = NULL, *stack[CONF_MAX_DEPTH + 1];
    int depth = 0, docs = 0, done = 0;
    if (x->max_depth <= 0 || x->max_depth > CONF_MAX_DEPTH)
        x->max_depth = CONF_MAX_DEPTH;

    if (!yaml_parser_initialize(&p)) {
        conf_fail_oom(x);
        return NULL;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    while (!done) {
        yaml_event_t ev;
        int rc = 0;
        if (!yaml_parser_parse(&p, &ev)) {
            fail_syntax(x, &p, text, len);
            goto bad;
        }
        int line = mark_int(ev.start_mark.line);
        int col = mark_int(ev.start_mark.column);
        ConfNode *n = NULL;
        switch (ev.type) {
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1)
                rc = conf_fail_pos(x, line, col,
                                   "a second YAML document: the file is one "
                                   "document");
            break;
        case YAML_ALIAS_EVENT: {
            char q[72];
            rc = conf_fail_pos(
                x, line, col,
                "aliases (*%s) are not supported: repeat the text",
                conf_quote(q, sizeof q, (const char *)ev.data.alias.anchor));
            break;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            if (depth > 0) {
                depth--;
                if (stack[depth]->type == CONF_MAP)
                    rc = check_unique(x, stack[depth]);
            }
            break;
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        default:
            n = event_node(x, &ev, depth, &rc);
            break;
        }
        yaml_event_delete(&ev);
        if (rc < 0)
            goto bad;
        if (!n)
            continue;
        if (depth == 0) {
            conf_node_free(root); /* only one document gets here */
            root = n;
        } else {
            ConfNode *parent = stack[depth - 1];
            if (parent->type == CONF_MAP && parent->n % 2 == 0 &&
                n->type != CONF_SCALAR) {
                conf_fail(x, n, "a mapping key must be a plain string");
                conf_node_free(n);
                goto bad;
            }
            if (node_add(parent, n) < 0) {
                conf_node_free(n);
                conf_fail_oom(x);
                goto bad;
            }
        }
        if (n->type != CONF_SCALAR)
            stack[depth++] = n;
    }
    yaml_parser_delete(&p);
    return root;
bad:
    yaml_parser_delete(&p);
    conf_node_free(root);
    return NULL;
}

static int key_is(const ConfNode *key, const char *name)
{
    return key->len == strlen(name) && !strcmp(key->text, name);
}

const ConfNode *conf_get(const ConfNode *map, const char *key)
{
    for (int i = 0; map && map->type == CONF_MAP && i + 1 < map->n; i += 2)
        if (key_is(map->kids[i], key))
            return map->kids[i + 1]->null ? NULL : map->kids[i + 1];
    return NULL;
}

const ConfNode *conf_key(const ConfNode *map, const char *key)
{
    for (int i = 0; map && map->type == CONF_MAP && i + 1 < map->n; i += 2)
        if (key_is(map->kids[i], key))
            return map->kids[i];
    return NULL;
}

/* ---- scalars ------------------------------------------------------------- */

static int need_scalar(ConfCtx *x, const ConfNode *v, const char *key,
                       const char *expected)
{
    if (v->type == CONF_SCALAR)
        return 0;
    char d[96];
    return conf_fail(x, v, "expected %s for '%s', got %s", expected, key,
                     conf_node_desc(d, sizeof d, v));
}

int conf_str(ConfCtx *x, const ConfNode *v, const char *key, char **out)
{
    if (need_scalar(x, v, key, "a string") < 0)
        return -1;
    if (strlen(v->text) != v->len)
        return conf_fail(x, v, "'%s' must not hold a NUL character", key);
    char *s = strdup(v->text);
    if (!s)
        return conf_fail_oom(x);
    free(*out);
    *out = s;
    return 0;
}

int conf_line(ConfCtx *x, const ConfNode *v, const char *key, char **out)
{
    if (conf_str(x, v, key, out) < 0)
        return -1;
    if (!text_needs_clean(*out, strlen(*out), 0))
        return 0;
    char *line = text_clean(*out, strlen(*out), 0);
    if (!line)
        return conf_fail_oom(x);
    free(*out);
    *out = line;
    return 0;
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

int conf_num(ConfCtx *x, const ConfNode *v, const char *key, double *out)
{
    char d[96];
    if (need_scalar(x, v, key, "a number") < 0)
        return -1;
    if (strlen(v->text) != v->len || !number_syntax(v->text))
        return conf_fail(x, v, "expected a number for '%s', got %s", key,
                         conf_node_desc(d, sizeof d, v));
    errno = 0;
    double n = strtod(v->text, NULL);
    if (!isfinite(n))
        return conf_fail(x, v, "number out of range for '%s': %s", key,
                         conf_node_desc(d, sizeof d, v));
    *out = n;
    return 0;
}

/* "'key' must be between A and B", "at least A" or "at most B". */
static int fail_bounds(ConfCtx *x, const ConfNode *v, const char *key,
                       const char *lo, const char *hi, int above)
{
    char d[96];
    conf_node_desc(d, sizeof d, v);
    if (lo && hi)
        return conf_fail(x, v, "'%s' must be between %s and %s, got %s", key,
                         lo, hi, d);
    if (lo)
        return conf_fail(x, v, "'%s' must be %s %s, got %s", key,
                         above ? "above" : "at least", lo, d);
    return conf_fail(x, v, "'%s' must be at most %s, got %s", key, hi, d);
}

int conf_int(ConfCtx *x, const ConfNode *v, const char *key, long lo, long hi,
             int *out)
{
    char d[96];
    if (need_scalar(x, v, key, "an integer") < 0)
        return -1;
    const char *s = v->text;
    size_t i = (*s == '+' || *s == '-') ? 1 : 0;
    if (!s[i] || strlen(s) != v->len ||
        strspn(s + i, "0123456789") != strlen(s + i))
        return conf_fail(x, v, "expected an integer for '%s', got %s", key,
                         conf_node_desc(d, sizeof d, v));
    if (lo < INT_MIN)
        lo = INT_MIN;
    if (hi > INT_MAX)
        hi = INT_MAX;
    errno = 0;
    long n = strtol(s, NULL, 10);
    if (errno == ERANGE || n < lo || n > hi) {
        if (lo == INT_MIN && hi == INT_MAX)
            return conf_fail(x, v, "number out of range for '%s': %s", key,
                             conf_node_desc(d, sizeof d, v));
        char a[32], b[32];
        snprintf(a, sizeof a, "%ld", lo);
        snprintf(b, sizeof b, "%ld", hi);
        return fail_bounds(x, v, key, lo == INT_MIN ? NULL : a,
                           hi == INT_MAX ? NULL : b, 0);
    }
    *out = (int)n;
    return 0;
}

int conf_bool(ConfCtx *x, const ConfNode *v, const char *key, int *out)
{
    /* YAML 1.1's words (what Prometheus-style configs accept), each in
     * three spellings, without the one-letter y/n. */
    static const char *const words[] = {"true",  "yes", "on",
                                        "false", "no",  "off"};
    char d[96];
    if (need_scalar(x, v, key, "true or false") < 0)
        return -1;
    const char *s = v->text;
    for (int i = 0; i < 6 && strlen(s) == v->len; i++) {
        const char *w = words[i];
        size_t n = strlen(w);
        if (strlen(s) != n || strcasecmp(s, w))
            continue;
        int lower = 1, upper = 1;
        for (size_t k = 0; k < n; k++) {
            lower &= s[k] == w[k];
            upper &= s[k] == toupper((unsigned char)w[k]);
        }
        int capital =
            s[0] == toupper((unsigned char)w[0]) && !strcmp(s + 1, w + 1);
        if (lower || upper || capital) {
            *out = i < 3;
            return 0;
        }
    }
    return conf_fail(x, v, "expected true or false for '%s', got %s", key,
                     conf_node_desc(d, sizeof d, v));
}

int conf_dur(ConfCtx *x, const ConfNode *v, const char *key, double *out)
{
    char q[72];
    if (need_scalar(x, v, key, "a duration") < 0)
        return -1;
    double s;
    if (strlen(v->text) != v->len || duration_parse(v->text, &s) < 0 ||
        !isfinite(s))
        return conf_fail(x, v, "bad duration '%s' for '%s' (try 30s, 5m, 1h)",
                         conf_quote(q, sizeof q, v->text), key);
    *out = s;
    return 0;
}

/* One of the '|'-separated `choices`: its index, or -1. */
static int choice_index(const char *choices, const char *s, size_t n)
{
    int idx = 0;
    for (const char *p = choices; p && *p; idx++) {
        const char *bar = strchr(p, '|');
        size_t w = bar ? (size_t)(bar - p) : strlen(p);
        if (w == n && !strncmp(p, s, n))
            return idx;
        p = bar ? bar + 1 : NULL;
    }
    return -1;
}

/* Writes "a, b, c" from "a|b|c" into buf. */
static char *choices_list(const char *choices, char *buf, size_t n)
{
    size_t j = 0;
    for (const char *p = choices; *p && j + 3 < n; p++) {
        if (*p == '|') {
            buf[j++] = ',';
            buf[j++] = ' ';
        } else {
            buf[j++] = *p;
        }
    }
    buf[j] = '\0';
    return buf;
}

int conf_enum(ConfCtx *x, const ConfNode *v, const char *key,
              const char *choices, int *out)
{
    char d[96];
    if (need_scalar(x, v, key, "a choice") < 0)
        return -1;
    int i =
        strlen(v->text) == v->len ? choice_index(choices, v->text, v->len) : -1;
    if (i < 0) {
        char list[200];
        return conf_fail(x, v, "expected one of %s for '%s', got %s",
                         choices_list(choices, list, sizeof list), key,
                         conf_node_desc(d, sizeof d, v));
    }
    *out = i;
    return 0;
}

int conf_items(ConfCtx *x, const ConfNode *v, const char *key,
               ConfNode *const **items, int *n)
{
    if (v->type == CONF_MAP)
        return conf_fail(x, v, "expected a list for '%s', got a mapping", key);
    if (v->type == CONF_SEQ) {
        *items = v->kids;
        *n = v->n;
    } else {
        *items = NULL;
        *n = 1;
    }
    return 0;
}

/* ---- tables -------------------------------------------------------------- */

const OptSpec *conf_spec(const OptSpec *t, const char *name)
{
    for (int i = 0; t && t[i].name; i++)
        if (!strcmp(t[i].name, name))
            return &t[i];
    return NULL;
}

int conf_spec_count(const OptSpec *t)
{
    int n = 0;
    while (t && t[n].name)
        n++;
    return n;
}

void conf_value_free(OptValue *o)
{
    free(o->str);
    free(o->nums);
    for (int j = 0; o->strs && j < o->n; j++)
        free(o->strs[j]);
    free(o->strs);
    memset(o, 0, sizeof *o);
}

/* A bound of spec as people write it: "1s" for durations, "10" else. */
static char *bound_text(const OptSpec *spec, double b, char *buf, size_t n)
{
    if (spec->type == OPT_DURATION)
        return duration_format(b, buf, n);
    snprintf(buf, n, "%.15g", b);
    return buf;
}

/* Checks number `val` of node v against spec's bounds. */
static int check_bounds(ConfCtx *x, const OptSpec *spec, const ConfNode *v,
                        double val)
{
    int lo_bad =
        (spec->flags & OPT_MIN) &&
        ((spec->flags & OPT_ABOVE) ? !(val > spec->min) : !(val >= spec->min));
    int hi_bad = (spec->flags & OPT_MAX) && !(val <= spec->max);
    if (!lo_bad && !hi_bad)
        return 0;
    char a[40], b[40], q[72];
    const char *lo =
        spec->flags & OPT_MIN ? bound_text(spec, spec->min, a, sizeof a) : NULL;
    const char *hi =
        spec->flags & OPT_MAX ? bound_text(spec, spec->max, b, sizeof b) : NULL;
    if (spec->type == OPT_DURATION) {
        /* durations read better as "longer than 0s" or "at least 1s" */
        if (lo_bad && !hi)
            return conf_fail(x, v, "'%s' must be %s %s, got '%s'", spec->name,
                             spec->flags & OPT_ABOVE ? "longer than"
                                                     : "at least",
                             lo, conf_quote(q, sizeof q, v->text));
        if (!lo)
            return conf_fail(x, v, "'%s' must be at most %s, got '%s'",
                             spec->name, hi, conf_quote(q, sizeof q, v->text));
    }
    if (lo && hi && (spec->flags & OPT_ABOVE))
        return conf_fail(x, v, "'%s' must be above %s and at most %s, got %s",
                         spec->name, lo, hi, conf_node_desc(q, sizeof q, v));
    return fail_bounds(x, v, spec->name, lo, hi, spec->flags & OPT_ABOVE);
}

/* A list value: each item through `one`. */
static int read_list(ConfCtx *x, const OptSpec *spec, const ConfNode *v,
                     OptValue *o)
{
    ConfNode *const *items = NULL;
    int n = 0;
    if (conf_items(x, v, spec->name, &items, &n) < 0)
        return -1;
    if (n == 0)
        return 0;
    if (spec->type == OPT_NUMBERS) {
        if (!(o->nums = calloc((size_t)n, sizeof *o->nums)))
            return conf_fail_oom(x);
    } else if (!(o->strs = calloc((size_t)n, sizeof *o->strs))) {
        return conf_fail_oom(x);
    }
    o->n = n;
    for (int k = 0; k < n; k++) {
        const ConfNode *it = items ? items[k] : v;
        if (spec->type == OPT_NUMBERS) {
            if (conf_num(x, it, spec->name, &o->nums[k]) < 0 ||
                check_bounds(x, spec, it, o->nums[k]) < 0)
                return -1;
        } else if (conf_str(x, it, spec->name, &o->strs[k]) < 0) {
            return -1;
        }
    }
    return 0;
}

int conf_value(ConfCtx *x, const OptSpec *spec, const ConfNode *v, OptValue *o)
{
    const char *key = spec->name;
    char d[96];
    int i;
    switch (spec->type) {
    case OPT_STRING:
        if ((spec->flags & OPT_ONELINE ? conf_line : conf_str)(x, v, key,
                                                               &o->str) < 0)
            return -1;
        if ((spec->flags & OPT_NONEMPTY) && !o->str[0])
            return conf_fail(x, v, "'%s' must not be empty", key);
        break;
    case OPT_NUMBER:
        if (conf_num(x, v, key, &o->num) < 0 ||
            check_bounds(x, spec, v, o->num) < 0)
            return -1;
        break;
    case OPT_INT: {
        long lo = LONG_MIN, hi = LONG_MAX;
        if (spec->flags & OPT_MIN)
            lo = (long)ceil(spec->min) +
                 ((spec->flags & OPT_ABOVE) && spec->min == ceil(spec->min));
        if (spec->flags & OPT_MAX)
            hi = (long)floor(spec->max);
        if (conf_int(x, v, key, lo, hi, &i) < 0)
            return -1;
        o->num = i;
        break;
    }
    case OPT_BOOL:
        if (conf_bool(x, v, key, &i) < 0)
            return -1;
        o->num = i;
        break;
    case OPT_ENUM:
        if (conf_enum(x, v, key, spec->choices ? spec->choices : "", &i) < 0)
            return -1;
        o->num = i;
        if (!(o->str = strdup(v->text)))
            return conf_fail_oom(x);
        break;
    case OPT_DURATION:
        if (spec->choices && v->type == CONF_SCALAR &&
            strlen(v->text) == v->len &&
            choice_index(spec->choices, v->text, v->len) >= 0) {
            o->num = 0;
            if (!(o->str = strdup(v->text)))
                return conf_fail_oom(x);
            break;
        }
        if (spec->choices) {
            char q[72], list[200];
            if (need_scalar(x, v, key, "a duration") < 0)
                return -1;
            double s;
            if (strlen(v->text) != v->len || duration_parse(v->text, &s) < 0 ||
                !isfinite(s))
                return conf_fail(
                    x, v, "bad duration '%s' for '%s' (try 30s, 5m, 1h; or %s)",
                    conf_quote(q, sizeof q, v->text), key,
                    choices_list(spec->choices, list, sizeof list));
        }
        if (conf_dur(x, v, key, &o->num) < 0 ||
            check_bounds(x, spec, v, o->num) < 0)
            return -1;
        break;
    case OPT_NUMBERS:
    case OPT_STRINGS:
        if (read_list(x, spec, v, o) < 0)
            return -1;
        if ((spec->flags & OPT_NONEMPTY) && o->n == 0)
            return conf_fail(x, v, "'%s' must not be empty", key);
        break;
    case OPT_LIST:
        if (v->type != CONF_SEQ)
            return conf_fail(x, v, "expected a list for '%s', got %s", key,
                             conf_node_desc(d, sizeof d, v));
        if ((spec->flags & OPT_NONEMPTY) && v->n == 0)
            return conf_fail(x, v, "'%s' must not be empty", key);
        for (int k = 0; k < v->n; k++)
            if (v->kids[k]->type != CONF_MAP)
                return conf_fail(x, v->kids[k],
                                 "expected a mapping for each %s, got %s",
                                 spec->item ? spec->item : "entry",
                                 conf_node_desc(d, sizeof d, v->kids[k]));
        o->n = v->n;
        break;
    case OPT_TABLE:
        if (v->type != CONF_MAP)
            return conf_fail(x, v, "expected a mapping for '%s', got %s", key,
                             conf_node_desc(d, sizeof d, v));
        o->n = v->n / 2;
        break;
    case OPT_MAP:
        if (v->type != CONF_MAP)
            return conf_fail(x, v,
                             "expected a mapping of name: value for '%s', got "
                             "%s",
                             key, conf_node_desc(d, sizeof d, v));
        if ((spec->flags & OPT_NONEMPTY) && v->n == 0)
            return conf_fail(x, v, "'%s' must not be empty", key);
        o->n = v->n / 2;
        break;
    }
    o->set = 1;
    char msg[512];
    if (spec->check && spec->check(spec, o, msg, sizeof msg) < 0)
        return conf_fail(x, v, "%s", msg);
    return 0;
}

int conf_default(ConfCtx *x, const OptSpec *spec, const ConfNode *at,
                 OptValue *o)
{
    if (!spec->def)
        return 0;
    ConfNode tmp = {.type = CONF_SCALAR, .line = at->line, .col = at->col};
    const ConfNode *v = &tmp;
    ConfNode *tree = NULL;
    tmp.text = (char *)spec->def;
    tmp.len = strlen(spec->def);
    int rc = 0;
    if (spec->type == OPT_NUMBERS || spec->type == OPT_STRINGS) {
        ConfCtx sub;
        ConfError e;
        conf_init(&sub, "(default)", &e);
        tree = conf_parse(&sub, spec->def, strlen(spec->def));
        rc = sub.failed ? -1 : 0;
        v = tree;
        if (!tree && !rc) {
            o->set = 1; /* an empty default: the empty list */
            return 0;
        }
    }
    if (rc == 0 && v) {
        ConfCtx sub;
        ConfError e;
        conf_init(&sub, "(default)", &e);
        rc = conf_value(&sub, spec, v, o);
    }
    conf_node_free(tree);
    if (rc < 0) {
        conf_value_free(o);
        return conf_fail(x, at, "bad default '%s' of option '%s'", spec->def,
                         spec->name);
    }
    return 0;
}

/* Stores o (parsed for spec) in its member of obj. */
static void store(const OptSpec *spec, OptValue *o, void *obj)
{
    char *at = (char *)obj + spec->at - 1;
    switch (spec->type) {
    case OPT_STRING: {
        char **s = (char **)(void *)at;
        free(*s);
        *s = o->str;
        o->str = NULL;
        break;
    }
    case OPT_INT:
    case OPT_BOOL:
    case OPT_ENUM:
        *(int *)(void *)at = (int)o->num;
        break;
    case OPT_NUMBER:
    case OPT_DURATION:
        *(double *)(void *)at = o->num;
        break;
    default: /* lists are the reader's own */
        break;
    }
}

/* Edit distance with transpositions (optimal string alignment), capped:
 * returns cap + 1 as soon as it must exceed cap. */
static int distance(const char *a, const char *b, int cap)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    if (la > 40 || lb > 40 || abs(la - lb) > cap)
        return cap + 1;
    int d[41][41];
    for (int i = 0; i <= la; i++)
        d[i][0] = i;
    for (int j = 0; j <= lb; j++)
        d[0][j] = j;
    for (int i = 1; i <= la; i++)
        for (int j = 1; j <= lb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int m = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < m)
                m = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < m)
                m = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < m)
                m = d[i - 2][j - 2] + 1;
            d[i][j] = m;
        }
    return d[la][lb] > cap ? cap + 1 : d[la][lb];
}

/* Appends s to buf as part of "a, b, c", cutting with "..." when full. */
static void list_add(char *buf, size_t n, size_t *used, const char *s)
{
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

const char *conf_suggest(const char *key, const OptSpec *t,
                         const OptSpec *extra)
{
    const char *best = NULL;
    int best_d = 3;
    for (int pass = 0; pass < 2; pass++) {
        const OptSpec *specs = pass ? extra : t;
        for (int i = 0; specs && specs[i].name; i++) {
            int d = distance(key, specs[i].name, 2);
            if (d < best_d && d < (int)strlen(key)) {
                best_d = d;
                best = specs[i].name;
            }
        }
    }
    return best;
}

/* The unknown-key error: the likely meant key and every accepted one. */
static int fail_unknown(ConfCtx *x, const ConfNode *k, const char *what,
                        const OptSpec *t, const OptSpec *extra)
{
    char list[400], q[72], hint[96] = "";
    size_t used = 0;
    list[0] = '\0';
    for (int pass = 0; pass < 2; pass++) {
        const OptSpec *specs = pass ? extra : t;
        for (int i = 0; specs && specs[i].name; i++)
            list_add(list, sizeof list, &used, specs[i].name);
    }
    const char *best = conf_suggest(k->text, t, extra);
    if (best)
        snprintf(hint, sizeof hint, ", did you mean '%s'?", best);
    return conf_fail(x, k, "unknown key '%s' in %s%s (accepted: %s)",
                     conf_quote(q, sizeof q, k->text), what, hint, list);
}

/* Whether key k is one of t's or extra's. */
static int known(const ConfNode *k, const OptSpec *t, const OptSpec *extra)
{
    for (int i = 0; t && t[i].name; i++)
        if (key_is(k, t[i].name))
            return 1;
    for (int i = 0; extra && extra[i].name; i++)
        if (key_is(k, extra[i].name))
            return 1;
    return 0;
}

int conf_check_keys(ConfCtx *x, const ConfNode *map, const char *what,
                    const OptSpec *t, const OptSpec *extra)
{
    for (int i = 0; i + 1 < map->n; i += 2)
        if (!known(map->kids[i], t, extra))
            return fail_unknown(x, map->kids[i], what, t, extra);
    return 0;
}

int conf_table(ConfCtx *x, const ConfNode *map, const char *what,
               const OptSpec *t, const OptSpec *extra, void *obj)
{
    if (conf_check_keys(x, map, what, t, extra) < 0)
        return -1;
    for (int i = 0; t && t[i].name; i++) {
        const OptSpec *spec = &t[i];
        const ConfNode *v = conf_get(map, spec->name);
        if (!v && (spec->flags & OPT_REQUIRED))
            return conf_fail(x, map, "%s has no '%s'", what, spec->name);
        OptValue o = {0};
        int rc = v          ? conf_value(x, spec, v, &o)
                 : spec->at ? conf_default(x, spec, map, &o)
                            : 0;
        if (rc == 0 && o.set && spec->at && obj)
            store(spec, &o, obj);
        conf_value_free(&o);
        if (rc == 0 && v && spec->type == OPT_TABLE)
            rc = conf_table(x, v, spec->name, spec->sub, NULL,
                            spec->at && obj ? (char *)obj + spec->at - 1 : obj);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* ---- descriptions -------------------------------------------------------- */

static const char *type_text(OptType t)
{
    switch (t) {
    case OPT_STRING:
        return "string";
    case OPT_NUMBER:
        return "number";
    case OPT_INT:
        return "integer";
    case OPT_BOOL:
        return "boolean";
    case OPT_ENUM:
        return "one of";
    case OPT_DURATION:
        return "duration";
    case OPT_NUMBERS:
        return "list of numbers";
    case OPT_STRINGS:
        return "list of strings";
    case OPT_LIST:
        return "list";
    case OPT_MAP:
        return "mapping of name: value";
    case OPT_TABLE:
        return "mapping";
    }
    return "?";
}

char *conf_spec_describe(const OptSpec *spec, char *buf, size_t n)
{
    char a[40], b[40], list[200];
    size_t used = 0;
#define PUT(...)                                                               \
    do {                                                                       \
        if (used < n) {                                                        \
            int w_ = snprintf(buf + used, n - used, __VA_ARGS__);              \
            used += w_ > 0 ? (size_t)w_ : 0;                                   \
        }                                                                      \
    } while (0)
    if (n == 0)
        return buf;
    buf[0] = '\0';
    PUT("%s", type_text(spec->type));
    if (spec->type == OPT_ENUM && spec->choices)
        PUT(" %s", choices_list(spec->choices, list, sizeof list));
    if (spec->type == OPT_LIST && spec->item)
        PUT(" of %s entries", spec->item);
    int lo = spec->flags & OPT_MIN, hi = spec->flags & OPT_MAX;
    if (lo)
        bound_text(spec, spec->min, a, sizeof a);
    if (hi)
        bound_text(spec, spec->max, b, sizeof b);
    if (lo && hi && !(spec->flags & OPT_ABOVE))
        PUT(", %s to %s", a, b);
    else if (lo && hi)
        PUT(", above %s and at most %s", a, b);
    else if (lo && spec->type == OPT_DURATION)
        PUT(", %s %s", spec->flags & OPT_ABOVE ? "longer than" : "at least", a);
    else if (lo)
        PUT(", %s %s", spec->flags & OPT_ABOVE ? "above" : "at least", a);
    else if (hi)
        PUT(", at most %s", b);
    if (spec->type == OPT_DURATION && spec->choices)
        PUT(", or one of %s", choices_list(spec->choices, list, sizeof list));
    if (spec->flags & OPT_REQUIRED)
        PUT(", required");
    else if ((spec->flags & OPT_NONEMPTY) &&
             (spec->type == OPT_STRING || spec->type == OPT_LIST ||
              spec->type == OPT_STRINGS))
        PUT(", not empty");
    if (spec->def)
        PUT("; default %s", spec->def);
#undef PUT
    if (used >= n)
        buf[n - 1] = '\0';
    return buf;
}
