/* config.c - reads promboard's config.yaml through the shared YAML reader
 * (util/conf.h): each mapping is checked against its option table (unknown
 * keys, types, bounds, booleans as in layouts), then what the tables cannot
 * say: conflicting auth blocks, one-line secrets, header names. A server's
 * connection settings (URL, auth, headers, TLS) are one table and one
 * reader, used at the top for the Prometheus server and under
 * alertmanager:. Secret files are read once at start, relative to the
 * config file's directory. Also the user dashboards directory. Errors are
 * "file:line:col: message" and name files, never what a secret holds. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../datasource/query.h"
#include "../layouts/layout.h"
#include "../util/conf.h"

#define CONFIG_MAX_BYTES (256 * 1024)
#define SECRET_MAX_BYTES (64 * 1024)

typedef struct {
    ConfCtx x;
    Config *c;
    char *dir; /* directory of the file, for relative file names */
} Ctx;

/* ---- checks of single values --------------------------------------------- */

/* Secrets, names and header values: one line each. */
static int one_line(const OptSpec *spec, const OptValue *v, char *msg, size_t n)
{
    if (!strpbrk(v->str, "\r\n"))
        return 0;
    snprintf(msg, n, "'%s' must be one line", spec->name);
    return -1;
}

static int user_check(const OptSpec *spec, const OptValue *v, char *msg,
                      size_t n)
{
    if (one_line(spec, v, msg, n) < 0)
        return -1;
    if (!strchr(v->str, ':'))
        return 0;
    snprintf(msg, n, "'%s' must not contain ':'", spec->name);
    return -1;
}

static int type_check(const OptSpec *spec, const OptValue *v, char *msg,
                      size_t n)
{
    if (*v->str && !strpbrk(v->str, " \t\r\n:"))
        return 0;
    snprintf(msg, n, "'%s' must be one word, e.g. Bearer", spec->name);
    return -1;
}

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

static int zone_check(const OptSpec *spec, const OptValue *v, char *msg,
                      size_t n)
{
    (void)spec;
    if (config_zone_known(v->str))
        return 0;
    snprintf(msg, n,
             "unknown time zone '%.60s' (UTC, local, or a name such as "
             "Europe/Paris or America/New_York)",
             v->str);
    return -1;
}

/* ---- the tables ---------------------------------------------------------- */

static const OptSpec basic_opts[] = {
    {.name = "username",
     .type = OPT_STRING,
     .flags = OPT_REQUIRED,
     OPT_AT(ServerConf, username),
     .check = user_check,
     .help = "The user name."},
    {.name = "password",
     .type = OPT_STRING,
     OPT_AT(ServerConf, password),
     .check = one_line,
     .help = "The password."},
    {.name = "password_file",
     .type = OPT_STRING,
     .help = "A file holding the password (one trailing newline is "
             "dropped)."},
    {0},
};

static const OptSpec authz_opts[] = {
    {.name = "type",
     .type = OPT_STRING,
     OPT_AT(ServerConf, auth_type),
     .check = type_check,
     .help = "The scheme (default Bearer)."},
    {.name = "credentials",
     .type = OPT_STRING,
     OPT_AT(ServerConf, credentials),
     .check = one_line,
     .help = "The credentials."},
    {.name = "credentials_file",
     .type = OPT_STRING,
     .help = "A file holding the credentials."},
    {0},
};

static const OptSpec tls_opts[] = {
    {.name = "ca_file",
     .type = OPT_STRING,
     .help = "PEM certificates to verify the server with."},
    {.name = "cert_file", .type = OPT_STRING, .help = "A client certificate."},
    {.name = "key_file",
     .type = OPT_STRING,
     .help = "The client certificate's key."},
    {.name = "server_name",
     .type = OPT_STRING,
     OPT_AT(ServerConf, server_name),
     .help = "The name expected in the server's certificate."},
    {.name = "insecure_skip_verify",
     .type = OPT_BOOL,
     .def = "false",
     OPT_AT(ServerConf, insecure),
     .help = "Do not verify the server's certificate."},
    {0},
};

/* A server's connection settings: at the top for the Prometheus server, in
 * alertmanager: for an Alertmanager. */
static const OptSpec server_opts[] = {
    {.name = "url",
     .type = OPT_STRING,
     OPT_AT(ServerConf, url),
     .help = "Base URL of the server."},
    {.name = "basic_auth",
     .type = OPT_TABLE,
     .sub = basic_opts,
     .help = "HTTP basic authentication."},
    {.name = "authorization",
     .type = OPT_TABLE,
     .sub = authz_opts,
     .help = "An Authorization header."},
    {.name = "bearer_token",
     .type = OPT_STRING,
     OPT_AT(ServerConf, credentials),
     .check = one_line,
     .help = "Short for authorization with type Bearer."},
    {.name = "bearer_token_file",
     .type = OPT_STRING,
     .help = "The same, from a file."},
    {.name = "headers",
     .type = OPT_MAP,
     .help = "Extra headers sent with every request."},
    {.name = "tls_config",
     .type = OPT_TABLE,
     .sub = tls_opts,
     .help = "TLS settings."},
    {0},
};

/* The keys of a Prometheus-compatible server besides its connection: at
 * the top and in each datasource. */
static const OptSpec source_opts[] = {
    {.name = "query_params",
     .type = OPT_MAP,
     .help = "Parameters added to every query (nocache, partial_response, "
             "dedup, max_source_resolution...)."},
    {.name = "scrape_interval",
     .type = OPT_DURATION,
     .flags = OPT_MIN | OPT_ABOVE,
     .min = 0,
     OPT_AT(ServerConf, scrape),
     .help = "The server's scrape interval, the base of $__rate_interval "
             "(default: the server's own, else 15s)."},
    {0},
};

static const OptSpec config_opts[] = {
    {.name = "theme",
     .type = OPT_STRING,
     OPT_AT(Config, theme),
     .help = "Colour theme."},
    {.name = "dashboard",
     .type = OPT_STRING,
     OPT_AT(Config, dashboard),
     .help = "Dashboard shown first."},
    {.name = "dashboards",
     .type = OPT_STRINGS,
     .flags = OPT_NONEMPTY,
     .help = "The dashboards shown as tabs, in this order."},
    {.name = "query_params",
     .type = OPT_MAP,
     .help = "Parameters added to every query of the server."},
    {.name = "scrape_interval",
     .type = OPT_DURATION,
     .flags = OPT_MIN | OPT_ABOVE,
     .min = 0,
     OPT_AT(Config, server.scrape),
     .help = "The server's scrape interval, the base of $__rate_interval "
             "(default: the server's own, else 15s)."},
    {.name = "datasources",
     .type = OPT_MAP,
     .help = "More servers, by name, each with the keys of the server at "
             "the top; a layout picks one with datasource: NAME."},
    {.name = "refresh",
     .type = OPT_DURATION,
     .flags = OPT_MIN,
     .min = LAYOUT_REFRESH_MIN,
     OPT_AT(Config, refresh),
     .help = "Refresh every panel at this interval."},
    {.name = "timeout",
     .type = OPT_DURATION,
     .flags = OPT_MIN | OPT_ABOVE,
     .min = 0,
     OPT_AT(Config, timeout),
     .help = "Time allowed for one request."},
    {.name = "compression",
     .type = OPT_ENUM,
     .def = "auto",
     .choices = "auto|on|off", /* in PromCompression's order */
     OPT_AT(Config, compression),
     .help = "Ask for gzip answers: auto (unless the server is on this "
             "machine), on or off."},
    {.name = "alertmanager",
     .type = OPT_TABLE,
     .sub = server_opts,
     OPT_AT(Config, am),
     .help = "An Alertmanager: its url and, as for the server, basic_auth, "
             "authorization, bearer_token, headers and tls_config."},
    {.name = "read_only",
     .type = OPT_BOOL,
     .def = "false",
     OPT_AT(Config, read_only),
     .help = "Never make or expire a silence."},
    {.name = "silence_author",
     .type = OPT_STRING,
     .flags = OPT_NONEMPTY,
     OPT_AT(Config, silence_author),
     .check = one_line,
     .help = "Who silences made here are by (default: $USER)."},
    {.name = "timezone",
     .type = OPT_STRING,
     OPT_AT(Config, timezone),
     .check = zone_check,
     .help = "The zone times are shown in: UTC, local (the default) or a "
             "name such as Europe/Paris."},
    {0},
};

/* ---- files named in the config ------------------------------------------- */

/* The path of file `name` (relative names from the config's directory),
 * malloc'd, or NULL on OOM. */
static char *config_path(Ctx *x, const char *name)
{
    if (name[0] == '/' || !x->dir)
        return strdup(name);
    size_t n = strlen(x->dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", x->dir, name);
    return p;
}

/* Reads the secret file named by the value of `key` in m into *dst,
 * without one trailing newline. Errors name the file, never its content. */
static int read_secret(Ctx *x, const ConfNode *m, const char *key, char **dst)
{
    const ConfNode *v = conf_get(m, key);
    char *name = NULL, *path, *buf, why[160];
    size_t len;
    if (!v)
        return 0;
    if (conf_str(&x->x, v, key, &name) < 0)
        return -1;
    path = config_path(x, name);
    free(name);
    if (!path)
        return conf_fail_oom(&x->x);
    if (conf_read_file(path, SECRET_MAX_BYTES, &buf, &len, why, sizeof why) <
        0) {
        int rc = errno == EFBIG
                     ? conf_fail(&x->x, v, "%s '%s' is larger than %d bytes",
                                 key, path, SECRET_MAX_BYTES)
                     : conf_fail(&x->x, v, "cannot read %s '%s': %s", key, path,
                                 why);
        free(path);
        return rc;
    }
    if (len > 0 && buf[len - 1] == '\n')
        buf[--len] = '\0';
    if (len > 0 && buf[len - 1] == '\r')
        buf[--len] = '\0';
    if (strlen(buf) != len || strpbrk(buf, "\r\n")) {
        explicit_bzero(buf, len);
        free(buf);
        conf_fail(&x->x, v, "%s '%s' must hold one line of text", key, path);
        free(path);
        return -1;
    }
    free(path);
    prom_secret_free(*dst);
    *dst = buf;
    return 0;
}

/* A file named in tls_config: made absolute from the config's directory,
 * and it must be a readable regular file now, so the error points at the
 * line. */
static int tls_file(Ctx *x, const ConfNode *m, const char *key, char **dst)
{
    const ConfNode *v = conf_get(m, key);
    char *name = NULL, why[160];
    if (!v)
        return 0;
    if (conf_str(&x->x, v, key, &name) < 0)
        return -1;
    free(*dst);
    *dst = config_path(x, name);
    free(name);
    if (!*dst)
        return conf_fail_oom(&x->x);
    if (conf_check_file(*dst, why, sizeof why) < 0)
        return conf_fail(&x->x, v, "cannot read %s '%s': %s", key, *dst, why);
    return 0;
}

/* ---- what the tables cannot say ------------------------------------------ */

/* `a` and `b` may not both be given in m. */
static int exclusive(Ctx *x, const ConfNode *m, const char *a, const char *b)
{
    const ConfNode *kb = conf_key(m, b);
    if (m && conf_get(m, a) && kb)
        return conf_fail(&x->x, kb, "give '%s' or '%s', not both", a, b);
    return 0;
}

/* The keys of server mapping m that exclude each other, checked before any
 * value is read (so no secret file is read for a config that is wrong
 * anyway). */
static int check_server_shape(Ctx *x, const ConfNode *m)
{
    static const char *const pairs[][2] = {
        {"bearer_token", "bearer_token_file"},
        {"authorization", "bearer_token"},
        {"authorization", "bearer_token_file"},
        {"basic_auth", "authorization"},
        {"basic_auth", "bearer_token"},
        {"basic_auth", "bearer_token_file"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (exclusive(x, m, pairs[i][0], pairs[i][1]) < 0)
            return -1;
    const ConfNode *b = conf_get(m, "basic_auth");
    const ConfNode *a = conf_get(m, "authorization");
    if (b && b->type == CONF_MAP &&
        (conf_check_keys(&x->x, b, "basic_auth", basic_opts, NULL) < 0 ||
         exclusive(x, b, "password", "password_file") < 0))
        return -1;
    if (a && a->type == CONF_MAP &&
        (conf_check_keys(&x->x, a, "authorization", authz_opts, NULL) < 0 ||
         exclusive(x, a, "credentials", "credentials_file") < 0))
        return -1;
    return 0;
}

/* Unknown keys, at the top and in alertmanager:, then what excludes
 * what. */
static int check_shape(Ctx *x, const ConfNode *root)
{
    if (conf_check_keys(&x->x, root, "config", server_opts, config_opts) < 0 ||
        check_server_shape(x, root) < 0)
        return -1;
    const ConfNode *am = conf_get(root, "alertmanager");
    if (am && am->type == CONF_MAP &&
        (conf_check_keys(&x->x, am, "alertmanager", server_opts, NULL) < 0 ||
         check_server_shape(x, am) < 0))
        return -1;
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

static int push_header(ServerConf *c, const char *name, size_t nlen,
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

static int parse_headers(Ctx *x, const ConfNode *m, ServerConf *s)
{
    for (int i = 0; m && i + 1 < m->n; i += 2) {
        const ConfNode *k = m->kids[i], *v = m->kids[i + 1];
        char q[72], *val = NULL;
        if (!good_header_name(k->text, k->len))
            return conf_fail(&x->x, k, "bad header name '%s'",
                             conf_quote(q, sizeof q, k->text));
        if (!v->null && conf_str(&x->x, v, k->text, &val) < 0)
            return -1;
        int bad = val && strpbrk(val, "\r\n");
        int rc = bad ? 0 : push_header(s, k->text, k->len, val ? val : "");
        prom_secret_free(val);
        if (bad)
            return conf_fail(&x->x, v, "header '%s' must be one line",
                             conf_quote(q, sizeof q, k->text));
        if (rc < 0)
            return conf_fail_oom(&x->x);
    }
    return 0;
}

/* What the table cannot say of server mapping m (`what`: "" at the top,
 * "alertmanager: " under it, for the 401 hint): secret files, headers,
 * TLS files, and the hint. */
static int parse_server(Ctx *x, const ConfNode *m, ServerConf *c,
                        const char *what)
{
    const ConfNode *v, *sub;
    if ((sub = conf_get(m, "basic_auth"))) {
        c->auth_line = sub->line;
        if (read_secret(x, sub, "password_file", &c->password) < 0)
            return -1;
        snprintf(c->hint, sizeof c->hint, "check %sbasic_auth in %s", what,
                 x->x.file);
    }
    if ((sub = conf_get(m, "authorization"))) {
        c->auth_line = sub->line;
        if (read_secret(x, sub, "credentials_file", &c->credentials) < 0)
            return -1;
        if (!c->credentials)
            return conf_fail(&x->x, sub,
                             "authorization needs 'credentials' or "
                             "'credentials_file'");
        snprintf(c->hint, sizeof c->hint, "check %sauthorization in %s", what,
                 x->x.file);
    }
    if (read_secret(x, m, "bearer_token_file", &c->credentials) < 0)
        return -1;
    if ((v = conf_get(m, "bearer_token")) ||
        (v = conf_get(m, "bearer_token_file"))) {
        c->auth_line = v->line;
        snprintf(c->hint, sizeof c->hint, "check %sthe bearer token in %s",
                 what, x->x.file);
    }
    if (parse_headers(x, conf_get(m, "headers"), c) < 0)
        return -1;
    if ((sub = conf_get(m, "tls_config"))) {
        if (tls_file(x, sub, "ca_file", &c->ca_file) < 0 ||
            tls_file(x, sub, "cert_file", &c->cert_file) < 0 ||
            tls_file(x, sub, "key_file", &c->key_file) < 0)
            return -1;
        if (!c->cert_file != !c->key_file)
            return conf_fail(&x->x, sub,
                             "tls_config needs both 'cert_file' and "
                             "'key_file'");
    }
    return 0;
}

/* query_params: a mapping of names to scalars, into c->params. */
static int parse_params(Ctx *x, const ConfNode *m, ServerConf *c)
{
    for (int i = 0; m && i + 1 < m->n; i += 2) {
        const ConfNode *k = m->kids[i], *v = m->kids[i + 1];
        char q[72], *val = NULL;
        if (!k->text[0])
            return conf_fail(&x->x, k, "a query parameter needs a name");
        if (v->type != CONF_SCALAR)
            return conf_fail(&x->x, v,
                             "query parameter '%s' must be a single value",
                             conf_quote(q, sizeof q, k->text));
        if (!v->null && conf_str(&x->x, v, k->text, &val) < 0)
            return -1;
        int rc = prom_params_add(&c->params, k->text, val ? val : "", 1);
        free(val);
        if (rc < 0)
            return conf_fail_oom(&x->x);
    }
    return 0;
}

/* A datasource's name: letters, digits, '_', '-' and '.'. */
static int good_source_name(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' || *s == '.'))
            return 0;
    return 1;
}

/* datasources: name -> connection settings (the keys of the server at the
 * top), each with a url. */
static int parse_sources(Ctx *x, const ConfNode *m)
{
    Config *c = x->c;
    if (!m)
        return 0;
    if (!(c->sources = calloc((size_t)(m->n / 2) + 1, sizeof *c->sources)))
        return conf_fail_oom(&x->x);
    for (int i = 0; i + 1 < m->n; i += 2) {
        const ConfNode *k = m->kids[i], *v = m->kids[i + 1];
        char q[72], d[96], what[128], hint[160];
        if (!good_source_name(k->text))
            return conf_fail(&x->x, k,
                             "bad datasource name '%s': letters, digits, "
                             "'_', '-' and '.' only",
                             conf_quote(q, sizeof q, k->text));
        if (!strcmp(k->text, LAYOUT_MAIN_SOURCE))
            return conf_fail(&x->x, k,
                             "'%s' is the main server's name (the url at the "
                             "top); give this datasource another",
                             LAYOUT_MAIN_SOURCE);
        if (v->type != CONF_MAP)
            return conf_fail(&x->x, v,
                             "expected the settings of datasource '%s' (url "
                             "and the like), got %s",
                             k->text, conf_node_desc(d, sizeof d, v));
        ServerConf *src = &c->sources[c->nsources++];
        src->line = k->line;
        src->col = k->col;
        if (!(src->name = strdup(k->text)))
            return conf_fail_oom(&x->x);
        snprintf(what, sizeof what, "datasource '%s'", k->text);
        snprintf(hint, sizeof hint, "datasources: %s: ", k->text);
        if (conf_check_keys(&x->x, v, what, server_opts, source_opts) < 0 ||
            check_server_shape(x, v) < 0 ||
            conf_table(&x->x, v, what, server_opts, source_opts, src) < 0 ||
            conf_table(&x->x, v, what, source_opts, server_opts, src) < 0)
            return -1;
        if (!src->url)
            return conf_fail(&x->x, k, "datasource '%s' has no 'url'", k->text);
        if (parse_server(x, v, src, hint) < 0 ||
            parse_params(x, conf_get(v, "query_params"), src) < 0)
            return -1;
    }
    return 0;
}

/* dashboards: the names of the tabs, in order. */
static int parse_dashboards(Ctx *x, const ConfNode *v)
{
    Config *c = x->c;
    ConfNode *const *items;
    int n;
    if (!v)
        return 0;
    if (conf_items(&x->x, v, "dashboards", &items, &n) < 0)
        return -1;
    c->dashboards = calloc((size_t)n + 1, sizeof *c->dashboards);
    c->dash_line = calloc((size_t)n + 1, sizeof *c->dash_line);
    c->dash_col = calloc((size_t)n + 1, sizeof *c->dash_col);
    if (!c->dashboards || !c->dash_line || !c->dash_col)
        return conf_fail_oom(&x->x);
    for (int i = 0; i < n; i++) {
        const ConfNode *it = items ? items[i] : v;
        char q[72];
        if (it->type != CONF_SCALAR || it->null)
            return conf_fail(&x->x, it, "expected a dashboard's name");
        for (int k = 0; k < c->ndashboards; k++)
            if (!strcmp(c->dashboards[k], it->text))
                return conf_fail(&x->x, it,
                                 "dashboard '%s' is in 'dashboards' twice",
                                 conf_quote(q, sizeof q, it->text));
        if (conf_str(&x->x, it, "dashboards", &c->dashboards[i]) < 0)
            return -1;
        c->dash_line[i] = it->line;
        c->dash_col[i] = it->col;
        c->ndashboards = i + 1;
    }
    return 0;
}

static int parse_top(Ctx *x, const ConfNode *root)
{
    Config *c = x->c;
    if (root->type != CONF_MAP) {
        char d[96];
        return conf_fail(&x->x, root,
                         "expected a mapping of settings at the top, got %s",
                         conf_node_desc(d, sizeof d, root));
    }
    if (check_shape(x, root) < 0 ||
        conf_table(&x->x, root, "config", config_opts, server_opts, c) < 0 ||
        conf_table(&x->x, root, "config", server_opts, config_opts,
                   &c->server) < 0)
        return -1;
    const ConfNode *v, *am;
    if ((v = conf_get(root, "theme"))) {
        c->theme_line = v->line;
        c->theme_col = v->col;
    }
    if (parse_server(x, root, &c->server, "") < 0 ||
        parse_params(x, conf_get(root, "query_params"), &c->server) < 0 ||
        parse_sources(x, conf_get(root, "datasources")) < 0 ||
        parse_dashboards(x, conf_get(root, "dashboards")) < 0)
        return -1;
    if ((am = conf_get(root, "alertmanager"))) {
        if (!c->am.url)
            return conf_fail(&x->x, am, "alertmanager needs a 'url'");
        if (parse_server(x, am, &c->am, "alertmanager: ") < 0)
            return -1;
    }
    return 0;
}

int config_parse(Config *c, const char *file, const char *text, size_t len,
                 char *err, size_t errn)
{
    memset(c, 0, sizeof *c);
    ConfError e;
    Ctx x = {.c = c};
    conf_init(&x.x, file ? file : "config.yaml", &e);
    if (err && errn)
        err[0] = '\0';
    c->file = strdup(x.x.file);
    const char *slash = strrchr(x.x.file, '/');
    x.dir = slash ? strndup(x.x.file,
                            (size_t)(slash - x.x.file) + (slash == x.x.file))
                  : NULL;
    if (!c->file || (slash && !x.dir))
        conf_fail_oom(&x.x);
    ConfNode *root = x.x.failed ? NULL : conf_parse(&x.x, text, len);
    if (root && !(root->type == CONF_SCALAR && root->null))
        parse_top(&x, root);
    conf_node_free(root);
    free(x.dir);
    if (!x.x.failed)
        return 0;
    if (err && errn)
        conf_error_format(&e, err, errn);
    return -1;
}

int config_load(Config *c, const char *path, char *err, size_t errn)
{
    memset(c, 0, sizeof *c);
    char def[4096], why[160], *text;
    size_t len;
    const char *file = path;
    if (!file) {
        if (!conf_dir(def, sizeof def - 16))
            return 0;
        strcat(def, "/config.yaml");
        file = def;
    }
    if (conf_read_file(file, CONFIG_MAX_BYTES, &text, &len, why, sizeof why) <
        0) {
        if (!path && errno == ENOENT)
            return 0;
        snprintf(err, errn, "%s: cannot read the config file: %s", file, why);
        return -1;
    }
    int rc = config_parse(c, file, text, len, err, errn);
    explicit_bzero(text, len); /* it may hold a password */
    free(text);
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
    return push_header(&c->server, line, (size_t)(colon - line), v);
}

int config_add_header_file(Config *c, const char *path, char *err, size_t errn)
{
    char *text, why[160];
    size_t len;
    if (conf_read_file(path, SECRET_MAX_BYTES, &text, &len, why, sizeof why) <
        0) {
        snprintf(err, errn, "%s: cannot read the header file: %s", path, why);
        return -1;
    }
    int rc = 0, line = 1;
    for (char *s = text, *eol; rc == 0 && s < text + len; s = eol + 1, line++) {
        eol = memchr(s, '\n', (size_t)(text + len - s));
        if (!eol)
            eol = text + len;
        *eol = '\0';
        if (eol > s && eol[-1] == '\r')
            eol[-1] = '\0';
        if (!*s || *s == '#') /* blank lines and comments */
            continue;
        if (config_add_header(c, s) < 0) {
            snprintf(err, errn,
                     "%s:%d: bad header: give one 'NAME: VALUE' a line", path,
                     line);
            rc = -1;
        }
    }
    explicit_bzero(text, len);
    free(text);
    return rc;
}

char *config_read_line(const char *path, const char *what, char *err,
                       size_t errn)
{
    char *text, why[160];
    size_t len;
    if (conf_read_file(path, SECRET_MAX_BYTES, &text, &len, why, sizeof why) <
        0) {
        snprintf(err, errn, "%s: cannot read the %s file: %s", path, what, why);
        return NULL;
    }
    if (len > 0 && text[len - 1] == '\n')
        text[--len] = '\0';
    if (len > 0 && text[len - 1] == '\r')
        text[--len] = '\0';
    if (len == 0 || strlen(text) != len || strpbrk(text, "\r\n")) {
        snprintf(err, errn, "%s: the %s file must hold one line", path, what);
        prom_secret_free(text);
        return NULL;
    }
    return text;
}

void config_auth(Config *c, const char *url, PromAuth *a)
{
    config_server_auth(&c->server, url, a);
}

void config_server_auth(ServerConf *c, const char *url, PromAuth *a)
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
    size_t n;
    if (url && !c->username && prom_url_userinfo(url, &n))
        snprintf(c->hint, sizeof c->hint,
                 "check the user and password in the URL");
    a->hint = c->hint[0] ? c->hint : NULL;
}

static void server_free(ServerConf *s)
{
    free(s->url);
    prom_secret_free(s->username);
    prom_secret_free(s->password);
    free(s->auth_type);
    prom_secret_free(s->credentials);
    for (int i = 0; i < s->nheaders; i++)
        prom_secret_free(s->headers[i]);
    free(s->headers);
    free(s->ca_file);
    free(s->cert_file);
    free(s->key_file);
    free(s->server_name);
    free(s->name);
    free(s->params);
}

const ServerConf *config_source(const Config *c, const char *name)
{
    if (!name || !strcmp(name, LAYOUT_MAIN_SOURCE))
        return &c->server;
    for (int i = 0; i < c->nsources; i++)
        if (!strcmp(c->sources[i].name, name))
            return &c->sources[i];
    return NULL;
}

char *config_source_names(const Config *c, char *buf, size_t n)
{
    size_t k = 0;
    buf[0] = '\0';
    for (int i = 0; i < c->nsources && k < n; i++) {
        int w = snprintf(buf + k, n - k, "%s'%s'", i ? ", " : "",
                         c->sources[i].name);
        k += w > 0 ? (size_t)w : 0;
    }
    if (!c->nsources)
        snprintf(buf, n, "none");
    return buf;
}

void config_free(Config *c)
{
    if (!c)
        return;
    free(c->file);
    server_free(&c->server);
    server_free(&c->am);
    for (int i = 0; i < c->nsources; i++)
        server_free(&c->sources[i]);
    free(c->sources);
    for (int i = 0; i < c->ndashboards; i++)
        free(c->dashboards[i]);
    free(c->dashboards);
    free(c->dash_line);
    free(c->dash_col);
    free(c->theme);
    free(c->timezone);
    free(c->dashboard);
    free(c->silence_author);
    memset(c, 0, sizeof *c);
}

static int path_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A dashboard file: a layout (.yaml, .yml) or a Grafana dashboard
 * (.json); hidden files are left alone. */
static int is_dashboard_name(const char *s)
{
    size_t n = strlen(s);
    if (s[0] == '.')
        return 0;
    return (n > 5 && !strcmp(s + n - 5, ".yaml")) ||
           (n > 4 && !strcmp(s + n - 4, ".yml")) ||
           (n > 5 && !strcmp(s + n - 5, ".json"));
}

int config_dashboard_files(char ***paths, int *n, char *err, size_t errn)
{
    *paths = NULL;
    *n = 0;
    char dir[4096];
    if (!conf_dir(dir, sizeof dir - 16))
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
        if (!is_dashboard_name(e->d_name))
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
