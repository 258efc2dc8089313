/* config.c - reads promboard's config.yaml with libyaml's document API and
 * checks it key by key (unknown keys, wrong types, conflicting auth blocks,
 * unreadable secret files), reads the secret files once at start, and lists
 * the user dashboards directory. Errors are "file:line:col: message" and
 * name files, never what a secret holds. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/stat.h>

#include <yaml.h>

#include "../datasource/query.h"
#include "../layouts/layout.h"

#define CONFIG_MAX_BYTES (256 * 1024)
#define SECRET_MAX_BYTES (64 * 1024)

typedef struct {
    Config *c;
    const char *file;
    char *dir; /* directory of the file, for relative secret files */
    yaml_document_t *doc;
    char *err;
    size_t errn;
} Ctx;

static int failf(Ctx *x, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes "file:line:col: message" (or "file: message" without a node) into
 * the error buffer. Returns -1. */
static int failf(Ctx *x, const yaml_node_t *n, const char *fmt, ...)
{
    char msg[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n)
        snprintf(x->err, x->errn, "%s:%zu:%zu: %s", x->file,
                 n->start_mark.line + 1, n->start_mark.column + 1, msg);
    else
        snprintf(x->err, x->errn, "%s: %s", x->file, msg);
    return -1;
}

static const char *kind_name(const yaml_node_t *n)
{
    return n->type == YAML_MAPPING_NODE    ? "a mapping"
           : n->type == YAML_SEQUENCE_NODE ? "a list"
                                           : "a string";
}

static const char *scalar(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

/* A plain empty, "~" or "null" scalar. */
static int is_null(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE ||
        n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    const char *s = scalar(n);
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
           !strcmp(s, "NULL");
}

/* Copies a string value into *dst. Says nothing of the value in errors. */
static int get_str(Ctx *x, const char *key, const yaml_node_t *v, char **dst)
{
    if (v->type != YAML_SCALAR_NODE)
        return failf(x, v, "'%s' must be a string, not %s", key, kind_name(v));
    if (strlen(scalar(v)) != v->data.scalar.length)
        return failf(x, v, "'%s' must not contain a NUL byte", key);
    free(*dst);
    *dst = is_null(v) ? NULL : strdup(scalar(v));
    if (!is_null(v) && !*dst)
        return failf(x, v, "out of memory");
    return 0;
}

static int get_dur(Ctx *x, const char *key, const yaml_node_t *v, double *dst)
{
    if (v->type != YAML_SCALAR_NODE)
        return failf(x, v, "'%s' must be a duration, not %s", key,
                     kind_name(v));
    if (duration_parse(scalar(v), dst) < 0 || *dst <= 0)
        return failf(x, v, "bad duration '%.60s' for '%s' (try 30s, 5m, 1h)",
                     scalar(v), key);
    return 0;
}

static int get_bool(Ctx *x, const char *key, const yaml_node_t *v, int *dst)
{
    const char *s = v->type == YAML_SCALAR_NODE ? scalar(v) : "";
    if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))
        *dst = 1;
    else if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE"))
        *dst = 0;
    else
        return failf(x, v, "'%s' must be true or false", key);
    return 0;
}

/* Checks that v is a mapping whose keys are all in `keys` (NULL-ended),
 * none twice. */
static int check_map(Ctx *x, const char *what, const yaml_node_t *v,
                     const char *const *keys)
{
    if (v->type != YAML_MAPPING_NODE)
        return failf(x, v, "'%s' must be a mapping, not %s", what,
                     kind_name(v));
    yaml_node_pair_t *a = v->data.mapping.pairs.start;
    yaml_node_pair_t *end = v->data.mapping.pairs.top;
    for (yaml_node_pair_t *p = a; p < end; p++) {
        yaml_node_t *k = yaml_document_get_node(x->doc, p->key);
        if (!k || k->type != YAML_SCALAR_NODE)
            return failf(x, k ? k : v, "a key in '%s' must be a plain string",
                         what);
        if (keys) {
            int known = 0;
            for (int i = 0; keys[i]; i++)
                known |= !strcmp(keys[i], scalar(k));
            if (!known) {
                char list[300] = "";
                for (int i = 0; keys[i]; i++) {
                    size_t u = strlen(list);
                    snprintf(list + u, sizeof list - u, "%s%s", i ? ", " : "",
                             keys[i]);
                }
                return failf(x, k, "unknown key '%.60s' in %s (known: %s)",
                             scalar(k), what, list);
            }
        }
        for (yaml_node_pair_t *q = a; q < p; q++) {
            yaml_node_t *k2 = yaml_document_get_node(x->doc, q->key);
            if (k2 && k2->type == YAML_SCALAR_NODE &&
                !strcmp(scalar(k2), scalar(k)))
                return failf(x, k, "duplicate key '%.60s' (first at line %zu)",
                             scalar(k), k2->start_mark.line + 1);
        }
    }
    return 0;
}

/* The value of `key` in mapping m, or NULL. */
static yaml_node_t *map_get(Ctx *x, const yaml_node_t *m, const char *key)
{
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
         p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(x->doc, p->key);
        if (k && k->type == YAML_SCALAR_NODE && !strcmp(scalar(k), key))
            return yaml_document_get_node(x->doc, p->value);
    }
    return NULL;
}

static yaml_node_t *map_key(Ctx *x, const yaml_node_t *m, const char *key)
{
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
         p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(x->doc, p->key);
        if (k && k->type == YAML_SCALAR_NODE && !strcmp(scalar(k), key))
            return k;
    }
    return NULL;
}

/* Reads a secret file named by the string node v (relative to the config
 * file's directory) into *dst, without one trailing newline. Errors name
 * the file, never its content. */
static int read_secret(Ctx *x, const char *key, const yaml_node_t *v,
                       char **dst)
{
    char *name = NULL;
    if (get_str(x, key, v, &name) < 0)
        return -1;
    if (!name)
        return 0;
    char path[4096];
    if (name[0] != '/' && x->dir)
        snprintf(path, sizeof path, "%s/%s", x->dir, name);
    else
        snprintf(path, sizeof path, "%s", name);
    free(name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return failf(x, v, "cannot read %s '%s': %s", key, path,
                     strerror(errno));
    char *buf = malloc(SECRET_MAX_BYTES + 1);
    if (!buf) {
        fclose(f);
        return failf(x, v, "out of memory");
    }
    size_t len = fread(buf, 1, SECRET_MAX_BYTES + 1, f);
    int bad = ferror(f), saved = errno;
    fclose(f);
    if (bad || len > SECRET_MAX_BYTES) {
        free(buf);
        return bad ? failf(x, v, "cannot read %s '%s': %s", key, path,
                           strerror(saved))
                   : failf(x, v, "%s '%s' is larger than %d bytes", key, path,
                           SECRET_MAX_BYTES);
    }
    buf[len] = '\0';
    if (len > 0 && buf[len - 1] == '\n')
        buf[--len] = '\0';
    if (len > 0 && buf[len - 1] == '\r')
        buf[--len] = '\0';
    if (strlen(buf) != len || strpbrk(buf, "\r\n")) {
        explicit_bzero(buf, len);
        free(buf);
        return failf(x, v, "%s '%s' must hold one line of text", key, path);
    }
    prom_secret_free(*dst);
    *dst = buf;
    return 0;
}

/* `a` and `b` may not both be given in m. */
static int exclusive(Ctx *x, const yaml_node_t *m, const char *a, const char *b)
{
    yaml_node_t *kb = map_key(x, m, b);
    if (map_get(x, m, a) && kb)
        return failf(x, kb, "give '%s' or '%s', not both", a, b);
    return 0;
}

static int one_line(Ctx *x, const yaml_node_t *v, const char *key,
                    const char *s)
{
    if (s && strpbrk(s, "\r\n"))
        return failf(x, v, "'%s' must be one line", key);
    return 0;
}

static const char *const basic_keys[] = {"username", "password",
                                         "password_file", NULL};

static int parse_basic(Ctx *x, const yaml_node_t *m)
{
    Config *c = x->c;
    if (check_map(x, "basic_auth", m, basic_keys) < 0 ||
        exclusive(x, m, "password", "password_file") < 0)
        return -1;
    yaml_node_t *v;
    if ((v = map_get(x, m, "username")) &&
        (get_str(x, "username", v, &c->username) < 0 ||
         one_line(x, v, "username", c->username) < 0))
        return -1;
    if ((v = map_get(x, m, "password")) &&
        (get_str(x, "password", v, &c->password) < 0 ||
         one_line(x, v, "password", c->password) < 0))
        return -1;
    if ((v = map_get(x, m, "password_file")) &&
        read_secret(x, "password_file", v, &c->password) < 0)
        return -1;
    if (!c->username)
        return failf(x, m, "basic_auth needs a 'username'");
    if (strchr(c->username, ':'))
        return failf(x, map_get(x, m, "username"),
                     "'username' must not contain ':'");
    return 0;
}

static const char *const authz_keys[] = {"type", "credentials",
                                         "credentials_file", NULL};

static int parse_authz(Ctx *x, const yaml_node_t *m)
{
    Config *c = x->c;
    if (check_map(x, "authorization", m, authz_keys) < 0 ||
        exclusive(x, m, "credentials", "credentials_file") < 0)
        return -1;
    yaml_node_t *v;
    if ((v = map_get(x, m, "type"))) {
        if (get_str(x, "type", v, &c->auth_type) < 0)
            return -1;
        if (c->auth_type &&
            (strpbrk(c->auth_type, " \t\r\n:") || !*c->auth_type))
            return failf(x, v, "'type' must be one word, e.g. Bearer");
    }
    if ((v = map_get(x, m, "credentials")) &&
        (get_str(x, "credentials", v, &c->credentials) < 0 ||
         one_line(x, v, "credentials", c->credentials) < 0))
        return -1;
    if ((v = map_get(x, m, "credentials_file")) &&
        read_secret(x, "credentials_file", v, &c->credentials) < 0)
        return -1;
    if (!c->credentials)
        return failf(x, m,
                     "authorization needs 'credentials' or "
                     "'credentials_file'");
    return 0;
}

/* A header name: visible ASCII without ':' or spaces. */
static int good_header_name(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] >= 0x7f ||
            s[i] == ':')
            return 0;
    return 1;
}

static int push_header(Config *c, const char *name, size_t nlen,
                       const char *value)
{
    char **h = realloc(c->headers, sizeof *h * (size_t)(c->nheaders + 1));
    if (!h)
        return -1;
    c->headers = h;
    size_t n = nlen + strlen(value) + 3;
    char *line = malloc(n);
    if (!line)
        return -1;
    snprintf(line, n, "%.*s: %s", (int)nlen, name, value);
    c->headers[c->nheaders++] = line;
    return 0;
}

static int parse_headers(Ctx *x, const yaml_node_t *m)
{
    if (check_map(x, "headers", m, NULL) < 0)
        return -1;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
         p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(x->doc, p->key);
        yaml_node_t *v = yaml_document_get_node(x->doc, p->value);
        const char *name = scalar(k);
        if (!good_header_name(name, strlen(name)))
            return failf(x, k, "bad header name '%.60s'", name);
        char *val = NULL;
        if (get_str(x, name, v, &val) < 0)
            return -1;
        int bad = val && strpbrk(val, "\r\n");
        int rc =
            bad ? 0 : push_header(x->c, name, strlen(name), val ? val : "");
        free(val);
        if (bad)
            return failf(x, v, "header '%.60s' must be one line", name);
        if (rc < 0)
            return failf(x, v, "out of memory");
    }
    return 0;
}

static const char *const tls_keys[] = {
    "ca_file", "cert_file", "key_file", "server_name", "insecure_skip_verify",
    NULL};

/* A file named in tls_config: made absolute from the config's directory,
 * and it must be readable now so the error points at the line. */
static int tls_file(Ctx *x, const yaml_node_t *m, const char *key, char **dst)
{
    yaml_node_t *v = map_get(x, m, key);
    if (!v)
        return 0;
    if (get_str(x, key, v, dst) < 0)
        return -1;
    if (!*dst)
        return 0;
    if ((*dst)[0] != '/' && x->dir) {
        size_t n = strlen(x->dir) + strlen(*dst) + 2;
        char *abs = malloc(n);
        if (!abs)
            return failf(x, v, "out of memory");
        snprintf(abs, n, "%s/%s", x->dir, *dst);
        free(*dst);
        *dst = abs;
    }
    FILE *f = fopen(*dst, "rb");
    if (!f)
        return failf(x, v, "cannot read %s '%s': %s", key, *dst,
                     strerror(errno));
    fclose(f);
    return 0;
}

static int parse_tls(Ctx *x, const yaml_node_t *m)
{
    Config *c = x->c;
    yaml_node_t *v;
    if (check_map(x, "tls_config", m, tls_keys) < 0 ||
        tls_file(x, m, "ca_file", &c->ca_file) < 0 ||
        tls_file(x, m, "cert_file", &c->cert_file) < 0 ||
        tls_file(x, m, "key_file", &c->key_file) < 0)
        return -1;
    if ((v = map_get(x, m, "server_name")) &&
        get_str(x, "server_name", v, &c->server_name) < 0)
        return -1;
    if ((v = map_get(x, m, "insecure_skip_verify")) &&
        get_bool(x, "insecure_skip_verify", v, &c->insecure) < 0)
        return -1;
    if (!c->cert_file != !c->key_file)
        return failf(x, m, "tls_config needs both 'cert_file' and 'key_file'");
    return 0;
}

static const char *const top_keys[] = {
    "url",           "theme",        "dashboard",
    "refresh",       "timeout",      "basic_auth",
    "authorization", "bearer_token", "bearer_token_file",
    "headers",       "tls_config",   "compression",
    "timezone",      NULL,
};

int config_zone_known(const char *zone)
{
    if (!zone || !*zone)
        return 0;
    if (!strcasecmp(zone, "UTC") || !strcmp(zone, "local"))
        return 1;
    /* a database name: letters, digits, _ + - and / between parts */
    if (zone[0] == '/' || strstr(zone, "..") || strlen(zone) > 200)
        return 0;
    for (const char *p = zone; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr("_+-/", *p))
            return 0;
    const char *dir = getenv("TZDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/%s",
             dir && *dir ? dir : "/usr/share/zoneinfo", zone);
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

void config_zone_apply(const char *zone)
{
    if (zone && !strcasecmp(zone, "UTC"))
        setenv("TZ", "UTC0", 1);
    else if (zone && strcmp(zone, "local")) {
        char tz[256];
        snprintf(tz, sizeof tz, ":%s", zone);
        setenv("TZ", tz, 1);
    }
    tzset();
}

static int parse_top(Ctx *x, const yaml_node_t *root)
{
    Config *c = x->c;
    if (root->type != YAML_MAPPING_NODE)
        return failf(x, root,
                     "expected a mapping of settings at the top, got %s",
                     kind_name(root));
    if (check_map(x, "config", root, top_keys) < 0 ||
        exclusive(x, root, "bearer_token", "bearer_token_file") < 0 ||
        exclusive(x, root, "authorization", "bearer_token") < 0 ||
        exclusive(x, root, "authorization", "bearer_token_file") < 0 ||
        exclusive(x, root, "basic_auth", "authorization") < 0 ||
        exclusive(x, root, "basic_auth", "bearer_token") < 0 ||
        exclusive(x, root, "basic_auth", "bearer_token_file") < 0)
        return -1;
    yaml_node_t *v;
    if ((v = map_get(x, root, "url")) && get_str(x, "url", v, &c->url) < 0)
        return -1;
    if ((v = map_get(x, root, "theme"))) {
        if (get_str(x, "theme", v, &c->theme) < 0)
            return -1;
        c->theme_line = (int)v->start_mark.line + 1;
        c->theme_col = (int)v->start_mark.column + 1;
    }
    if ((v = map_get(x, root, "dashboard")) &&
        get_str(x, "dashboard", v, &c->dashboard) < 0)
        return -1;
    if ((v = map_get(x, root, "timezone"))) {
        if (get_str(x, "timezone", v, &c->timezone) < 0)
            return -1;
        if (!config_zone_known(c->timezone))
            return failf(x, v,
                         "unknown time zone '%.60s' (UTC, local, or a name "
                         "such as Europe/Paris or America/New_York)",
                         c->timezone ? c->timezone : "");
    }
    if ((v = map_get(x, root, "refresh")) &&
        get_dur(x, "refresh", v, &c->refresh) < 0)
        return -1;
    if (v && c->refresh < LAYOUT_REFRESH_MIN)
        return failf(x, v, "'refresh' must be at least 1s, got '%.60s'",
                     scalar(v));
    if ((v = map_get(x, root, "timeout")) &&
        get_dur(x, "timeout", v, &c->timeout) < 0)
        return -1;
    if ((v = map_get(x, root, "compression"))) {
        static const char *const modes[] = {"auto", "on", "off"};
        char *m = NULL;
        if (get_str(x, "compression", v, &m) < 0)
            return -1;
        c->compression = -1;
        for (int i = 0; i < 3; i++)
            if (!strcmp(m, modes[i]))
                c->compression = i;
        free(m);
        if (c->compression < 0)
            return failf(x, v, "'compression' must be auto, on or off");
    }
    if ((v = map_get(x, root, "basic_auth"))) {
        c->auth_line = (int)v->start_mark.line + 1;
        if (parse_basic(x, v) < 0)
            return -1;
        snprintf(c->hint, sizeof c->hint, "check basic_auth in %s", x->file);
    }
    if ((v = map_get(x, root, "authorization"))) {
        c->auth_line = (int)v->start_mark.line + 1;
        if (parse_authz(x, v) < 0)
            return -1;
        snprintf(c->hint, sizeof c->hint, "check authorization in %s", x->file);
    }
    if ((v = map_get(x, root, "bearer_token")) &&
        (get_str(x, "bearer_token", v, &c->credentials) < 0 ||
         one_line(x, v, "bearer_token", c->credentials) < 0))
        return -1;
    if ((v = map_get(x, root, "bearer_token_file")) &&
        read_secret(x, "bearer_token_file", v, &c->credentials) < 0)
        return -1;
    if ((v = map_get(x, root, "bearer_token")) ||
        (v = map_get(x, root, "bearer_token_file"))) {
        c->auth_line = (int)v->start_mark.line + 1;
        snprintf(c->hint, sizeof c->hint, "check the bearer token in %s",
                 x->file);
    }
    if ((v = map_get(x, root, "headers")) && parse_headers(x, v) < 0)
        return -1;
    if ((v = map_get(x, root, "tls_config")) && parse_tls(x, v) < 0)
        return -1;
    return 0;
}

static int syntax_error(Ctx *x, const yaml_parser_t *p)
{
    if (p->error == YAML_MEMORY_ERROR)
        return failf(x, NULL, "out of memory");
    const yaml_mark_t *m =
        p->error == YAML_READER_ERROR ? NULL : &p->problem_mark;
    if (!m)
        return failf(x, NULL, "YAML error: %s",
                     p->problem ? p->problem : "unknown");
    snprintf(x->err, x->errn, "%s:%zu:%zu: YAML syntax error: %s", x->file,
             m->line + 1, m->column + 1, p->problem ? p->problem : "unknown");
    return -1;
}

int config_parse(Config *c, const char *file, const char *text, size_t len,
                 char *err, size_t errn)
{
    memset(c, 0, sizeof *c);
    Ctx x = {c, file ? file : "config.yaml", NULL, NULL, err, errn};
    if (err && errn)
        err[0] = '\0';
    c->file = strdup(x.file);
    const char *slash = strrchr(x.file, '/');
    x.dir = slash
                ? strndup(x.file, (size_t)(slash - x.file) + (slash == x.file))
                : NULL;
    if (!c->file || (slash && !x.dir)) {
        free(x.dir);
        return failf(&x, NULL, "out of memory");
    }
    yaml_parser_t p;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&p)) {
        free(x.dir);
        return failf(&x, NULL, "out of memory");
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    int rc = 0;
    if (!yaml_parser_load(&p, &doc)) {
        rc = syntax_error(&x, &p);
        yaml_parser_delete(&p);
        free(x.dir);
        return rc;
    }
    x.doc = &doc;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (root && !is_null(root))
        rc = parse_top(&x, root);
    if (rc == 0) {
        /* A second document would be silently ignored: refuse it. */
        yaml_document_t more;
        if (yaml_parser_load(&p, &more)) {
            yaml_node_t *r2 = yaml_document_get_root_node(&more);
            if (r2)
                rc = failf(&x, r2, "a second YAML document: the config is one");
            yaml_document_delete(&more);
        } else {
            rc = syntax_error(&x, &p);
        }
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&p);
    free(x.dir);
    return rc;
}

char *config_dir(char *buf, size_t n)
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

int config_load(Config *c, const char *path, char *err, size_t errn)
{
    memset(c, 0, sizeof *c);
    char def[4096];
    const char *file = path;
    if (!file) {
        if (!config_dir(def, sizeof def - 16))
            return 0;
        strcat(def, "/config.yaml");
        file = def;
    }
    FILE *f = fopen(file, "rb");
    if (!f) {
        if (!path && errno == ENOENT)
            return 0;
        snprintf(err, errn, "%s: cannot read the config file: %s", file,
                 strerror(errno));
        return -1;
    }
    char *buf = malloc(CONFIG_MAX_BYTES + 1);
    size_t len = buf ? fread(buf, 1, CONFIG_MAX_BYTES + 1, f) : 0;
    int bad = ferror(f), saved = errno;
    fclose(f);
    if (!buf || bad || len > CONFIG_MAX_BYTES) {
        free(buf);
        if (!buf)
            snprintf(err, errn, "%s: out of memory", file);
        else if (bad)
            snprintf(err, errn, "%s: cannot read the config file: %s", file,
                     strerror(saved));
        else
            snprintf(err, errn, "%s: larger than %d bytes", file,
                     CONFIG_MAX_BYTES);
        return -1;
    }
    int rc = config_parse(c, file, buf, len, err, errn);
    free(buf);
    return rc;
}

int config_add_header(Config *c, const char *line)
{
    const char *colon = line ? strchr(line, ':') : NULL;
    if (!colon || !good_header_name(line, (size_t)(colon - line)) ||
        strpbrk(line, "\r\n"))
        return -1;
    const char *v = colon + 1;
    while (*v == ' ' || *v == '\t')
        v++;
    return push_header(c, line, (size_t)(colon - line), v);
}

void config_auth(Config *c, const char *url, PromAuth *a)
{
    memset(a, 0, sizeof *a);
    a->username = c->username;
    a->password = c->password;
    a->auth_type = c->auth_type;
    a->credentials = c->credentials;
    a->headers = (const char *const *)c->headers;
    a->nheaders = c->nheaders;
    a->ca_file = c->ca_file;
    a->cert_file = c->cert_file;
    a->key_file = c->key_file;
    a->server_name = c->server_name;
    a->insecure = c->insecure;
    /* user:password@ in the URL, when no auth block says otherwise */
    const char *auth = url ? strstr(url, "://") : NULL;
    if (auth && !c->username) {
        auth += 3;
        size_t n = strcspn(auth, "/?#");
        const char *at = memchr(auth, '@', n);
        if (at)
            snprintf(c->hint, sizeof c->hint,
                     "check the user and password in the URL");
    }
    a->hint = c->hint[0] ? c->hint : NULL;
}

void config_free(Config *c)
{
    if (!c)
        return;
    free(c->file);
    free(c->url);
    free(c->theme);
    free(c->timezone);
    free(c->dashboard);
    prom_secret_free(c->username);
    prom_secret_free(c->password);
    free(c->auth_type);
    prom_secret_free(c->credentials);
    for (int i = 0; i < c->nheaders; i++)
        prom_secret_free(c->headers[i]);
    free(c->headers);
    free(c->ca_file);
    free(c->cert_file);
    free(c->key_file);
    free(c->server_name);
    memset(c, 0, sizeof *c);
}

static int path_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_yaml_name(const char *s)
{
    size_t n = strlen(s);
    if (s[0] == '.')
        return 0;
    return (n > 5 && !strcmp(s + n - 5, ".yaml")) ||
           (n > 4 && !strcmp(s + n - 4, ".yml"));
}

int config_dashboard_files(char ***paths, int *n, char *err, size_t errn)
{
    *paths = NULL;
    *n = 0;
    char dir[4096];
    if (!config_dir(dir, sizeof dir - 16))
        return 0;
    strcat(dir, "/dashboards");
    DIR *d = opendir(dir);
    if (!d) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        snprintf(err, errn, "%s: cannot read the dashboards directory: %s", dir,
                 strerror(errno));
        return -1;
    }
    char **out = NULL;
    int k = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!is_yaml_name(e->d_name))
            continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(len);
        char **grown = p ? realloc(out, sizeof *out * (size_t)(k + 1)) : NULL;
        if (!grown) {
            free(p);
            closedir(d);
            config_paths_free(out, k);
            snprintf(err, errn, "%s: out of memory", dir);
            return -1;
        }
        out = grown;
        snprintf(p, len, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            free(p);
            continue;
        }
        out[k++] = p;
    }
    closedir(d);
    if (k > 1)
        qsort(out, (size_t)k, sizeof *out, path_cmp);
    *paths = out;
    *n = k;
    return 0;
}

void config_paths_free(char **paths, int n)
{
    for (int i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
}
