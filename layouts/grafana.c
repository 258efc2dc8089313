/* grafana.c - the Grafana dashboard reader: Grafana's JSON model -> promboard
 * layout YAML. It unwraps the HTTP API's {"dashboard": ...} and the v1
 * resource's `spec`, substitutes the `__inputs` of an export, migrates the
 * old `rows[]` layout to the 24-column grid as Grafana does, cuts the grid
 * into sections, rows and columns that keep its proportions and reading
 * order, and maps every panel, target, variable and field setting onto
 * layout keys. Whatever is not drawn exactly as Grafana would becomes a
 * note (its JSON path and what differs) and a comment at that place in the
 * YAML. The YAML then goes through the one layout loader like any other. */
#include "grafana.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "../datasource/query.h"
#include "../panels/format.h"
#include "../util/text.h"

#define G_GRID_COLS 24     /* Grafana's grid columns */
#define G_MAX_PANELS 20000 /* panels converted at most */
#define G_MAX_DEPTH                                                            \
    5 /* nested columns and rows at most: a panel's own                        \
         lists then stay within the loader's nesting */
#define G_COMPACT_MAX                                                          \
    2000           /* panels of a section placed as Grafana's grid             \
                      does; more are taken as they are */
#define G_PATH 160 /* bytes of a JSON path */

/* ---- a growing string ---------------------------------------------------- */

typedef struct {
    char *s;
    size_t len, cap;
    int oom;
} Buf;

static void buf_put(Buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *ns = realloc(b->s, cap);
        if (!ns) {
            b->oom = 1;
            return;
        }
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void buf_puts(Buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

static void buf_printf(Buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void buf_printf(Buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        buf_put(b, tmp, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->oom = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf_put(b, big, (size_t)n);
    free(big);
}

static void buf_indent(Buf *b, int n)
{
    for (int i = 0; i < n; i++)
        buf_put(b, " ", 1);
}

/* ---- YAML scalars ------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when it is not. */
static int utf8_len(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    int n = s[0] >= 0xF0 && s[0] <= 0xF4   ? 4
            : s[0] >= 0xE0                 ? 3
            : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
                                           : 0;
    if (n == 0 || (n == 3 && s[0] > 0xEF))
        return 0;
    for (int i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* Whether s can be written as a plain YAML scalar that reads back as the
 * same string (not a number, boolean or null the loader would take for
 * something else, no indicator, no ": " or " #"). */
static int plain_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 200 || isspace((unsigned char)s[0]) ||
        isspace((unsigned char)s[n - 1]))
        return 0;
    if (strchr("-?:,[]{}#&*!|>'\"%@`~", s[0]))
        return 0;
    /* the loader reads text as text: only the null forms need quotes */
    static const char *const words[] = {"null", "Null", "NULL", NULL};
    for (int i = 0; words[i]; i++)
        if (!strcmp(s, words[i]))
            return 0;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c == 0x7f || c >= 0x80)
            return 0;
        if (c == ':' && (p[1] == ' ' || p[1] == '\0'))
            return 0;
        if (c == '#' && p > s && p[-1] == ' ')
            return 0;
    }
    return 1;
}

/* Appends s as a double-quoted YAML scalar; invalid UTF-8 becomes '?'. */
static void yaml_quoted(Buf *b, const char *s)
{
    buf_put(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned char c = *p;
        int k = utf8_len(p);
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            buf_put(b, e, 2);
            p++;
        } else if (c == '\n') {
            buf_puts(b, "\\n");
            p++;
        } else if (c == '\t') {
            buf_puts(b, "\\t");
            p++;
        } else if (c < 0x20 || c == 0x7f) {
            buf_printf(b, "\\x%02X", c);
            p++;
        } else if (k == 0) {
            buf_put(b, "?", 1);
            p++;
        } else {
            buf_put(b, (const char *)p, (size_t)k);
            p += k;
        }
    }
    buf_put(b, "\"", 1);
}

/* Appends s as a YAML scalar: plain when that reads back the same, else
 * double-quoted. */
static void yaml_scalar(Buf *b, const char *s)
{
    if (plain_ok(s))
        buf_puts(b, s);
    else
        yaml_quoted(b, s);
}

/* Whether s (PromQL over several lines) reads back the same from a literal
 * block: valid UTF-8, no control bytes but the line breaks, no line made of
 * blanks only, no blank at the start. */
static int literal_ok(const char *s)
{
    if (!strchr(s, '\n') || isspace((unsigned char)s[0]))
        return 0;
    const char *line = s;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        int k = utf8_len(p);
        if (k == 0 || (*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
            return 0;
        if (*p == '\n') {
            const char *q = line;
            while (q < (const char *)p && (*q == ' ' || *q == '\t'))
                q++;
            if (q == (const char *)p && q != line)
                return 0;
            line = (const char *)p + 1;
        }
        p += k;
    }
    return s[strlen(s) - 1] != '\n';
}

/* Appends `key: value` at `indent` (as the first key of a list item,
 * "- " standing in the two columns before it, when `item`), value as a
 * scalar; multi-line text as a literal block when it reads back the same. */
static void yaml_kv_at(Buf *b, int indent, int item, const char *key,
                       const char *value)
{
    buf_indent(b, item ? indent - 2 : indent);
    if (item)
        buf_puts(b, "- ");
    buf_puts(b, key);
    buf_puts(b, ": ");
    if (literal_ok(value)) {
        buf_puts(b, "|-\n");
        const char *p = value;
        while (*p) {
            const char *e = strchr(p, '\n');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            if (n > 0) {
                buf_indent(b, indent + 2);
                buf_put(b, p, n);
            }
            buf_put(b, "\n", 1);
            p += n + (e ? 1 : 0);
        }
        return;
    }
    yaml_scalar(b, value);
    buf_put(b, "\n", 1);
}

static void yaml_kv(Buf *b, int indent, const char *key, const char *value)
{
    yaml_kv_at(b, indent, 0, key, value);
}

/* Appends a number the way the loader reads it back exactly. */
static void yaml_num(Buf *b, double v)
{
    char t[40];
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(t, sizeof t, "%.*g", digits, v);
        if (strtod(t, NULL) == v)
            break;
    }
    buf_puts(b, t);
}

static void yaml_kn(Buf *b, int indent, const char *key, double v)
{
    buf_indent(b, indent);
    buf_puts(b, key);
    buf_puts(b, ": ");
    yaml_num(b, v);
    buf_put(b, "\n", 1);
}

/* key: a JSON scalar or an array of them (as a flow sequence), at indent
 * 0; other values are left out. */
static void yaml_json_kv(Buf *b, const char *key, const cJSON *v)
{
    if (cJSON_IsString(v)) {
        yaml_kv(b, 0, key, v->valuestring);
        return;
    }
    if (cJSON_IsNumber(v)) {
        yaml_kn(b, 0, key, v->valuedouble);
        return;
    }
    if (cJSON_IsBool(v)) {
        yaml_kv(b, 0, key, cJSON_IsTrue(v) ? "true" : "false");
        return;
    }
    if (!cJSON_IsArray(v))
        return;
    yaml_scalar(b, key);
    buf_puts(b, ": [");
    const cJSON *x;
    int first = 1;
    cJSON_ArrayForEach(x, v)
    {
        if (!first)
            buf_puts(b, ", ");
        first = 0;
        if (cJSON_IsNumber(x))
            yaml_num(b, x->valuedouble);
        else
            yaml_quoted(b, cJSON_IsString(x) ? x->valuestring : "");
    }
    buf_puts(b, "]\n");
}

/* ---- the reader's state and its notes ----------------------------------- */

typedef struct {
    const char *file;
    LayoutError *err;
    GrafanaInfo *info;
    int failed;
    cJSON *inputs; /* __inputs of an export, or NULL */
    char **titles; /* panel titles given so far, for unique ones */
    int ntitles, cap_titles;
    char **vars; /* variable names declared */
    int nvars;
    int npanels;          /* panels converted */
    double dash_min_step; /* 0: none */
} G;

/* A comment line for the YAML: the note's text without line breaks. */
static void yaml_comment(Buf *b, int indent, const char *text)
{
    buf_indent(b, indent);
    buf_puts(b, "# ");
    for (const char *p = text; *p; p++)
        buf_put(b, (*p == '\n' || *p == '\r') ? " " : p, 1);
    buf_put(b, "\n", 1);
}

/* Records a note at JSON path `path` and, when b is given, writes it as a
 * comment at `indent` there. */
static void note(G *g, Buf *b, int indent, const char *path, const char *fmt,
                 ...) __attribute__((format(printf, 5, 6)));

static void note(G *g, Buf *b, int indent, const char *path, const char *fmt,
                 ...)
{
    char raw[512], msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    /* names from the file in it: shown on a terminal */
    text_clean_buf(msg, sizeof msg, raw, strlen(raw), 0);
    if (b)
        yaml_comment(b, indent, msg);
    GrafanaInfo *in = g->info;
    if (in->nnotes % 64 == 0) {
        char **nn = realloc(in->notes, sizeof *nn * (size_t)(in->nnotes + 64));
        if (!nn)
            return;
        in->notes = nn;
    }
    size_t len = strlen(path) + strlen(msg) + 3;
    char *line = malloc(len);
    if (!line)
        return;
    snprintf(line, len, "%s: %s", path, msg);
    in->notes[in->nnotes++] = line;
}

static void gfail(G *g, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void gfail(G *g, int line, int col, const char *fmt, ...)
{
    if (g->failed)
        return;
    g->failed = 1;
    g->err->line = line;
    g->err->col = col;
    char raw[sizeof g->err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    text_clean_buf(g->err->msg, sizeof g->err->msg, raw, strlen(raw), 0);
}

static void mark(G *g, int line, const char *path)
{
    GrafanaInfo *in = g->info;
    if (in->nmarks % 64 == 0) {
        int *ml =
            realloc(in->mark_line, sizeof *ml * (size_t)(in->nmarks + 64));
        if (!ml)
            return;
        in->mark_line = ml;
        char **mp =
            realloc(in->mark_path, sizeof *mp * (size_t)(in->nmarks + 64));
        if (!mp)
            return;
        in->mark_path = mp;
    }
    char *p = strdup(path);
    if (!p)
        return;
    in->mark_line[in->nmarks] = line;
    in->mark_path[in->nmarks++] = p;
}

/* ---- JSON access ----------------------------------------------------------
 */

static const cJSON *jget(const cJSON *o, const char *key)
{
    return cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
}

/* The string at key, or NULL (also when it is not a string). */
static const char *jstr(const cJSON *o, const char *key)
{
    const cJSON *v = jget(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The string at index i of array a, or NULL. */
static const char *jstr_at(const cJSON *a, int i)
{
    const cJSON *v = cJSON_IsArray(a) ? cJSON_GetArrayItem(a, i) : NULL;
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The string at key when it holds more than blanks, else NULL. */
static const char *jtext(const cJSON *o, const char *key)
{
    const char *s = jstr(o, key);
    if (!s)
        return NULL;
    for (const char *p = s; *p; p++)
        if (!isspace((unsigned char)*p))
            return s;
    return NULL;
}

/* A number at key (numbers and numeric strings); 1 when found. */
static int jnum(const cJSON *o, const char *key, double *out)
{
    const cJSON *v = jget(o, key);
    if (cJSON_IsNumber(v) && isfinite(v->valuedouble)) {
        *out = v->valuedouble;
        return 1;
    }
    if (cJSON_IsString(v) && v->valuestring[0]) {
        char *end;
        double d = strtod(v->valuestring, &end);
        while (*end == ' ')
            end++;
        if (!*end && isfinite(d)) {
            *out = d;
            return 1;
        }
    }
    return 0;
}

/* jnum() for a count or a position: the number cut towards zero and held
 * within +/-1e9, so that no cast of a larger one is undefined. */
static int jint(const cJSON *o, const char *key, int *out)
{
    double d;
    if (!jnum(o, key, &d))
        return 0;
    *out = d < -1e9 ? -1000000000 : d > 1e9 ? 1000000000 : (int)d;
    return 1;
}

/* A boolean at key (true/false, 1/0, "true"/"false"); dflt when absent. */
static int jbool(const cJSON *o, const char *key, int dflt)
{
    const cJSON *v = jget(o, key);
    if (cJSON_IsBool(v))
        return cJSON_IsTrue(v);
    if (cJSON_IsNumber(v))
        return v->valuedouble != 0;
    if (cJSON_IsString(v))
        return !strcasecmp(v->valuestring, "true") ||
               !strcmp(v->valuestring, "1");
    return dflt;
}

static const cJSON *jarr(const cJSON *o, const char *key)
{
    const cJSON *v = jget(o, key);
    return cJSON_IsArray(v) ? v : NULL;
}

static const cJSON *jobj(const cJSON *o, const char *key)
{
    const cJSON *v = jget(o, key);
    return cJSON_IsObject(v) ? v : NULL;
}

/* path + suffix into out (cut to G_PATH). */
static void path_cat(char *out, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void path_cat(char *out, const char *path, const char *fmt, ...)
{
    char tail[G_PATH];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tail, sizeof tail, fmt, ap);
    va_end(ap);
    snprintf(out, G_PATH, "%s%s", path, tail);
}

/* ---- what the loader accepts ------------------------------------------------
 */

static int spec_has(const OptSpec *specs, const char *key)
{
    for (int i = 0; specs && specs[i].name; i++)
        if (!strcmp(specs[i].name, key))
            return 1;
    return 0;
}

/* Whether panels (queries) take layout key `key`, kind `kind` option `opt`. */
static int panel_has(const char *key)
{
    return spec_has(layout_panel_opts, key);
}

static int query_has(const char *key)
{
    return spec_has(layout_query_opts, key);
}

static int kind_has(const char *kind, const char *opt)
{
    const PanelClass *cls = panel_kind_find(kind);
    return cls && panel_opt_index(cls, opt) >= 0;
}

/* ---- __inputs: ${DS_...} and ${VAR_...} placeholders ----------------------
 */

/* The value an export's placeholder ${NAME} stands for: a constant input's
 * value; for a datasource input, "" (promboard has one server). NULL when
 * NAME is not an input. */
static const char *input_value(const G *g, const char *name, size_t n)
{
    const cJSON *in;
    cJSON_ArrayForEach(in, g->inputs)
    {
        const char *nm = jstr(in, "name");
        if (!nm || strlen(nm) != n || strncmp(nm, name, n))
            continue;
        const char *type = jstr(in, "type");
        if (type && !strcmp(type, "datasource"))
            return "";
        const char *v = jstr(in, "value");
        return v ? v : "";
    }
    return NULL;
}

/* Replaces every ${NAME} of an input in the strings of tree j, in place. */
static void inputs_apply(G *g, cJSON *j)
{
    for (cJSON *c = j; c; c = c->next) {
        if (c->child)
            inputs_apply(g, c->child);
        if (!cJSON_IsString(c) || !strstr(c->valuestring, "${"))
            continue;
        Buf b = {0};
        const char *p = c->valuestring;
        while (*p) {
            const char *s = strstr(p, "${");
            const char *e = s ? strchr(s + 2, '}') : NULL;
            if (!s || !e) {
                buf_puts(&b, p);
                break;
            }
            buf_put(&b, p, (size_t)(s - p));
            const char *v = input_value(g, s + 2, (size_t)(e - s - 2));
            if (v)
                buf_puts(&b, v);
            else
                buf_put(&b, s, (size_t)(e + 1 - s));
            p = e + 1;
        }
        if (!b.oom && b.s)
            cJSON_SetValuestring(c, b.s);
        free(b.s);
    }
}

/* ---- colours -> roles -----------------------------------------------------
 */

/* The role a Grafana colour stands for: greens ok, yellows and oranges
 * warn, reds crit, the rest (blue, purple, text) a plain value; NULL for
 * transparent or an unknown colour. */
static const char *color_role(const char *c)
{
    if (!c || !*c || !strcasecmp(c, "transparent"))
        return NULL;
    static const char *const prefixes[] = {"super-light-", "light-",
                                           "semi-dark-", "dark-", NULL};
    for (int i = 0; prefixes[i]; i++)
        if (!strncasecmp(c, prefixes[i], strlen(prefixes[i])))
            c += strlen(prefixes[i]);
    static const struct {
        const char *name, *role;
    } named[] = {
        {"green", "ok"},   {"yellow", "warn"}, {"orange", "warn"},
        {"red", "crit"},   {"blue", "value"},  {"purple", "value"},
        {"text", "value"}, {"white", "value"}, {"gray", "dim"},
        {"grey", "dim"},   {"black", "value"},
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (!strcasecmp(c, named[i].name))
            return named[i].role;
    /* #rrggbb, rgb(r, g, b), rgba(r, g, b, a): by hue */
    double r = -1, gr = -1, bl = -1;
    unsigned x;
    if (c[0] == '#' && strlen(c) >= 7 && sscanf(c + 1, "%6x", &x) == 1) {
        r = (x >> 16) & 255;
        gr = (x >> 8) & 255;
        bl = x & 255;
    } else if (!strncasecmp(c, "rgb", 3)) {
        const char *o = strchr(c, '(');
        if (!o || sscanf(o + 1, "%lf , %lf , %lf", &r, &gr, &bl) != 3)
            return NULL;
    } else {
        return NULL;
    }
    double mx = fmax(r, fmax(gr, bl)), mn = fmin(r, fmin(gr, bl));
    if (mx - mn < 24)
        return "value"; /* grey: no hue */
    double h;
    if (mx == r)
        h = fmod((gr - bl) / (mx - mn) * 60 + 360, 360);
    else if (mx == gr)
        h = (bl - r) / (mx - mn) * 60 + 120;
    else
        h = (r - gr) / (mx - mn) * 60 + 240;
    if (h < 15 || h >= 330)
        return "crit";
    if (h < 70)
        return "warn";
    if (h < 170)
        return "ok";
    return "value";
}

/* ---- units ----------------------------------------------------------------
 */

/* Grafana unit ids and the promboard unit drawing them the same way. */
static const struct {
    const char *grafana, *mine;
} unit_map[] = {
    {"short", ""},
    {"sishort", ""},
    {"none", "none"},
    {"string", "none"},
    {"locale", "none"},
    {"percent", "percent"},
    {"percentunit", "percentunit"},
    {"s", "s"},
    {"ms", "ms"},
    {"µs", "us"},
    {"us", "us"},
    {"ns", "ns"},
    {"m", "m"},
    {"h", "hours"},
    {"d", "days"},
    {"dtdurations", "s"},
    {"dtdurationms", "ms"},
    {"dthms", "s"},
    {"dtdhms", "s"},
    {"bytes", "bytes"},
    {"decbytes", "decbytes"},
    {"bits", "decbits"},
    {"decbits", "decbits"},
    {"kbytes", "kbytes"},
    {"deckbytes", "deckbytes"},
    {"mbytes", "mbytes"},
    {"decmbytes", "decmbytes"},
    {"gbytes", "gbytes"},
    {"decgbytes", "decgbytes"},
    {"binBps", "bytes/s"},
    {"Bps", "decbytes/s"},
    {"binbps", "decbits/s"},
    {"bps", "decbits/s"},

    {"pps", "packets/s"},
    {"ops", "ops/s"},
    {"opm", "ops/min"},
    {"reqps", "req/s"},
    {"rps", "reads/s"},
    {"wps", "writes/s"},
    {"iops", "io/s"},
    {"eps", "events/s"},
    {"mps", "msgs/s"},
    {"cps", "counts/s"},
    {"rds", "reads/s"},
    {"hertz", "hertz"},
    {"rotrpm", "rpm"},
    {"celsius", "celsius"},
    {"fahrenheit", "fahrenheit"},
    {"kelvin", "kelvin"},
    {"volt", "volt"},
    {"amp", "amp"},
    {"watt", "watt"},
    {"bool", "bool"},
    {"bool_yes_no", "yesno"},
    {"bool_on_off", "onoff"},
    {"currencyUSD", "dollars"},
    {"dateTimeAsIso", "datetime"},
    {"dateTimeAsSystem", "datetime"},
    {"dateTimeFromNow", "ago"},
    {"timeticks", "timeticks"},
    {"clockms", "ms"},
    {"clocks", "s"},
};

/* The promboard unit for Grafana unit `u`; notes (at `path`) what has no
 * exact match. NULL: leave the unit out (plain numbers). */
static const char *unit_of(G *g, Buf *b, int indent, const char *path,
                           const char *u)
{
    if (!u || !*u)
        return NULL;
    if (!strcmp(u, "bool") || !strcmp(u, "bool_yes_no") ||
        !strcmp(u, "bool_on_off"))
        return NULL; /* mappings say it */
    for (size_t i = 0; i < sizeof unit_map / sizeof unit_map[0]; i++) {
        if (strcmp(unit_map[i].grafana, u))
            continue;
        const char *mine = unit_map[i].mine;
        if (!*mine)
            return NULL;
        if (format_unit_known(mine)) {
            if (!strcmp(u, "bits") || !strcmp(u, "binbps"))
                note(g, b, indent, path,
                     "unit '%s' shown with 1000 steps, not 1024", u);
            return mine;
        }
        break;
    }
    if (!strncmp(u, "suffix:", 7) || !strncmp(u, "prefix:", 7)) {
        if (format_unit_known(u))
            return u; /* promboard writes them alike */
        note(g, b, indent, path, "custom unit '%s' shown as plain numbers", u);
        return NULL;
    }
    note(g, b, indent, path, "unit '%s' shown as plain numbers", u);
    return NULL;
}

/* ---- field settings: thresholds, mappings, overrides ----------------------
 */

/* What a panel's fieldConfig (or a legacy panel's own keys) says about its
 * values, gathered before the YAML is written. */
typedef struct {
    const char *unit;      /* promboard unit, NULL: plain */
    int decimals;          /* -1: automatic */
    double min, max;       /* NaN: automatic */
    double steps[16];      /* threshold values, ascending */
    const char *roles[17]; /* the colour below steps[0], then above each */
    int nsteps;
    int has_thresholds;
    int percent_mode; /* thresholds are percentages of min..max */
} Fields;

static void fields_init(Fields *f)
{
    memset(f, 0, sizeof *f);
    f->decimals = -1;
    f->min = f->max = NAN;
}

/* Reads thresholds {mode, steps: [{color, value}]} at `path`. */
static void read_thresholds(G *g, const cJSON *t, const char *path, Fields *f)
{
    const cJSON *steps = jarr(t, "steps");
    if (!steps)
        return;
    const char *mode = jstr(t, "mode");
    f->percent_mode = mode && !strcmp(mode, "percentage");
    f->nsteps = 0;
    f->roles[0] = NULL;
    int i = 0;
    const cJSON *s;
    cJSON_ArrayForEach(s, steps)
    {
        double v;
        const char *role = color_role(jstr(s, "color"));
        if (i++ == 0 || !jnum(s, "value", &v)) {
            f->roles[0] = role; /* the base colour (value null) */
            continue;
        }
        if (f->nsteps >= 16) {
            note(g, NULL, 0, path,
                 "more than 16 threshold steps: the rest ignored");
            break;
        }
        if (f->nsteps > 0 && !(v > f->steps[f->nsteps - 1])) {
            char p[G_PATH];
            path_cat(p, path, ".steps[%d]", i - 1);
            note(g, NULL, 0, p,
                 "threshold %g not above the one before: ignored", v);
            continue;
        }
        f->steps[f->nsteps] = v;
        f->roles[++f->nsteps] = role;
    }
    f->has_thresholds = f->nsteps > 0;
}

/* Writes the thresholds of f at `indent`: plain values when the colours
 * follow the default order (ok, warn..., crit) or its reverse (good: high),
 * else with threshold_colors. Percentages become values when min and max
 * are known. */
static void write_thresholds(G *g, Buf *b, int indent, const char *path,
                             const Fields *f, double dmin, double dmax)
{
    if (!f->has_thresholds)
        return;
    double lo = isnan(f->min) ? dmin : f->min,
           hi = isnan(f->max) ? dmax : f->max;
    int pct = f->percent_mode;
    if (pct && !isnan(lo) && !isnan(hi) && hi > lo)
        pct = 0; /* converted below */
    else if (pct)
        lo = 0, hi = 100;
    buf_indent(b, indent);
    buf_puts(b, "thresholds: [");
    for (int i = 0; i < f->nsteps; i++) {
        double v = f->steps[i];
        if (f->percent_mode && !pct)
            v = lo + v / 100 * (hi - lo);
        if (i)
            buf_puts(b, ", ");
        yaml_num(b, v);
    }
    buf_puts(b, "]\n");
    if (pct)
        yaml_kv(b, indent, "threshold_mode", "percentage");
    const char *r[17];
    int n = f->nsteps;
    for (int i = 0; i <= n; i++)
        r[i] = f->roles[i] ? f->roles[i] : "value";
    int plain = !strcmp(r[0], "ok") && !strcmp(r[n], "crit");
    int high = !strcmp(r[0], "crit") && !strcmp(r[n], "ok");
    for (int i = 1; i < n && (plain || high); i++)
        if (strcmp(r[i], "warn"))
            plain = high = 0;
    if (high) {
        yaml_kv(b, indent, "good", "high");
    } else if (!plain) {
        buf_indent(b, indent);
        buf_puts(b, "threshold_colors: [");
        for (int i = 0; i <= n; i++)
            buf_printf(b, "%s%s", i ? ", " : "", r[i]);
        buf_puts(b, "]\n");
    }
    (void)g;
    (void)path;
}

/* Writes one mapping's result: text and colour. Returns 0 when it has
 * neither (nothing to write). */
static int mapping_result(Buf *b, const cJSON *res)
{
    const char *text = jstr(res, "text");
    const char *role = color_role(jstr(res, "color"));
    if (!(text && *text) && !role)
        return 0;
    if (text && *text) {
        buf_puts(b, ", text: ");
        yaml_scalar(b, text);
    }
    if (role)
        buf_printf(b, ", color: %s", role);
    return 1;
}

/* Writes fieldConfig mappings (Grafana 7+ form) at `indent`. */
static void write_mappings(G *g, Buf *b, int indent, const char *path,
                           const cJSON *maps, const char *unit)
{
    Buf m = {0};
    /* Grafana's boolean units: 0 one word, any other number the other */
    static const struct {
        const char *unit, *no, *yes;
    } bools[] = {{"bool", "false", "true"},
                 {"bool_yes_no", "No", "Yes"},
                 {"bool_on_off", "Off", "On"}};
    for (size_t i = 0; unit && i < sizeof bools / sizeof bools[0]; i++)
        if (!strcmp(unit, bools[i].unit)) {
            buf_indent(&m, indent + 2);
            buf_printf(&m, "- {value: 0, text: %s}\n", bools[i].no);
            buf_indent(&m, indent + 2);
            buf_printf(&m, "- {from: -1e308, to: 1e308, text: %s}\n",
                       bools[i].yes);
        }
    int k = -1;
    const cJSON *mp;
    cJSON_ArrayForEach(mp, maps)
    {
        char p[G_PATH];
        path_cat(p, path, "[%d]", ++k);
        const char *type = jstr(mp, "type");
        const cJSON *opt = jobj(mp, "options");
        if (!type || !opt) {
            note(g, b, indent, p, "mapping without type or options ignored");
            continue;
        }
        if (!strcmp(type, "value")) {
            const cJSON *o;
            cJSON_ArrayForEach(o, opt)
            {
                char *end;
                double v = strtod(o->string, &end);
                if (!*o->string || *end || !isfinite(v)) {
                    note(
                        g, b, indent, p,
                        "mapping of the text '%s' ignored (values are numbers)",
                        o->string);
                    continue;
                }
                Buf one = {0};
                buf_puts(&one, "{value: ");
                yaml_num(&one, v);
                if (mapping_result(&one, o)) {
                    buf_indent(&m, indent + 2);
                    buf_puts(&m, "- ");
                    buf_puts(&m, one.s);
                    buf_puts(&m, "}\n");
                }
                free(one.s);
            }
        } else if (!strcmp(type, "range")) {
            double from = -INFINITY, to = INFINITY;
            jnum(opt, "from", &from);
            jnum(opt, "to", &to);
            Buf one = {0};
            buf_puts(&one, "{");
            if (isfinite(from)) {
                buf_puts(&one, "from: ");
                yaml_num(&one, from);
            }
            if (isfinite(to)) {
                buf_puts(&one, isfinite(from) ? ", to: " : "to: ");
                yaml_num(&one, to);
            }
            if (!isfinite(from) && !isfinite(to))
                buf_puts(&one, "from: -1e308");
            if (mapping_result(&one, jobj(opt, "result"))) {
                buf_indent(&m, indent + 2);
                buf_printf(&m, "- %s}\n", one.s);
            }
            free(one.s);
        } else if (!strcmp(type, "regex")) {
            const char *pat = jstr(opt, "pattern");
            if (!pat || !*pat) {
                note(g, b, indent, p,
                     "regex mapping without a pattern ignored");
                continue;
            }
            Buf one = {0};
            buf_puts(&one, "{regex: ");
            yaml_quoted(&one, pat);
            if (mapping_result(&one, jobj(opt, "result"))) {
                buf_indent(&m, indent + 2);
                buf_printf(&m, "- %s}\n", one.s);
            }
            free(one.s);
        } else if (!strcmp(type, "special")) {
            const char *match = jstr(opt, "match");
            static const char *const known[] = {
                "null", "nan", "null+nan", "true", "false", "empty", NULL};
            int ok = 0;
            for (int i = 0; match && known[i] && !ok; i++)
                ok = !strcmp(match, known[i]);
            if (!ok) {
                note(g, b, indent, p, "special mapping '%s' ignored",
                     match ? match : "?");
                continue;
            }
            Buf one = {0};
            buf_printf(&one, "{special: %s", match);
            if (mapping_result(&one, jobj(opt, "result"))) {
                buf_indent(&m, indent + 2);
                buf_printf(&m, "- %s}\n", one.s);
            }
            free(one.s);
        } else {
            note(g, b, indent, p, "mapping type '%s' ignored", type);
        }
    }
    if (m.s) {
        buf_indent(b, indent);
        buf_puts(b, "mappings:\n");
        buf_puts(b, m.s);
    }
    if (m.oom)
        b->oom = 1;
    free(m.s);
}

/* Legacy (singlestat, table-old) mappings: valueMaps [{value, op, text}]
 * and rangeMaps [{from, to, text}]. */
static void write_legacy_mappings(G *g, Buf *b, int indent, const char *path,
                                  const cJSON *p)
{
    Buf m = {0};
    const cJSON *vm = jarr(p, "valueMaps"), *rm = jarr(p, "rangeMaps");
    int mt = 1;
    jint(p, "mappingType", &mt);
    const cJSON *x;
    int k = -1;
    const cJSON *vlist = mt == 2 ? NULL : vm, *rlist = mt == 2 ? rm : NULL;
    cJSON_ArrayForEach(x, vlist)
    {
        k++;
        const char *text = jstr(x, "text");
        const char *val = jstr(x, "value");
        if (!text || !val)
            continue;
        if (!strcmp(val, "null")) {
            buf_indent(&m, indent + 2);
            buf_puts(&m, "- {special: null, text: ");
            yaml_scalar(&m, text);
            buf_puts(&m, "}\n");
            continue;
        }
        char *end;
        double v = strtod(val, &end);
        if (!*val || *end) {
            char pp[G_PATH];
            path_cat(pp, path, ".valueMaps[%d]", k);
            note(g, b, indent, pp, "mapping of the text '%s' ignored", val);
            continue;
        }
        buf_indent(&m, indent + 2);
        buf_puts(&m, "- {value: ");
        yaml_num(&m, v);
        buf_puts(&m, ", text: ");
        yaml_scalar(&m, text);
        buf_puts(&m, "}\n");
    }
    cJSON_ArrayForEach(x, rlist)
    {
        double from, to;
        const char *text = jstr(x, "text");
        if (!text || !jnum(x, "from", &from) || !jnum(x, "to", &to))
            continue;
        buf_indent(&m, indent + 2);
        buf_puts(&m, "- {from: ");
        yaml_num(&m, from);
        buf_puts(&m, ", to: ");
        yaml_num(&m, to);
        buf_puts(&m, ", text: ");
        yaml_scalar(&m, text);
        buf_puts(&m, "}\n");
    }
    if (m.s) {
        buf_indent(b, indent);
        buf_puts(b, "mappings:\n");
        buf_puts(b, m.s);
    }
    free(m.s);
}

/* Reads fieldConfig.defaults' unit, decimals, min, max and thresholds. */
static void read_defaults(G *g, Buf *b, const cJSON *def, const char *path,
                          Fields *f)
{
    char p[G_PATH];
    path_cat(p, path, ".unit");
    f->unit = unit_of(g, b, 0, p, jstr(def, "unit"));
    double d;
    if (jnum(def, "decimals", &d)) {
        if (d >= 0 && d <= 10)
            f->decimals = (int)d;
        else {
            path_cat(p, path, ".decimals");
            note(g, b, 0, p, "decimals %g out of 0..10: automatic", d);
        }
    }
    jnum(def, "min", &f->min);
    jnum(def, "max", &f->max);
    if (!isnan(f->min) && !isnan(f->max) && !(f->max > f->min)) {
        path_cat(p, path, ".max");
        note(g, b, 0, p, "max %g not above min %g: both automatic", f->max,
             f->min);
        f->min = f->max = NAN;
    }
    const cJSON *t = jobj(def, "thresholds");
    if (t) {
        path_cat(p, path, ".thresholds");
        read_thresholds(g, t, p, f);
    }
}

/* Writes unit, decimals, min and max of f. */
static void write_fields(Buf *b, int indent, const Fields *f)
{
    if (f->unit)
        yaml_kv(b, indent, "unit", f->unit);
    if (f->decimals >= 0)
        yaml_kn(b, indent, "decimals", f->decimals);
    if (!isnan(f->min))
        yaml_kn(b, indent, "min", f->min);
    if (!isnan(f->max))
        yaml_kn(b, indent, "max", f->max);
}

/* The series colour a Grafana colour comes closest to, by hue (series1
 * blue, 2 green, 3 yellow, 4 purple, 5 cyan, 6 red, 7 grey, 8 orange, as
 * the themes order them); NULL for transparent or unknown. */
static const char *color_series(const char *c)
{
    if (!c || !*c || !strcasecmp(c, "transparent"))
        return NULL;
    static const char *const prefixes[] = {"super-light-", "light-",
                                           "semi-dark-", "dark-", NULL};
    for (int i = 0; prefixes[i]; i++)
        if (!strncasecmp(c, prefixes[i], strlen(prefixes[i])))
            c += strlen(prefixes[i]);
    static const struct {
        const char *name, *role;
    } named[] = {
        {"blue", "series1"},   {"green", "series2"}, {"yellow", "series3"},
        {"purple", "series4"}, {"red", "series6"},   {"orange", "series8"},
        {"text", "series7"},   {"white", "series7"}, {"gray", "series7"},
        {"grey", "series7"},
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (!strcasecmp(c, named[i].name))
            return named[i].role;
    double r = -1, gr = -1, bl = -1;
    unsigned x;
    if (c[0] == '#' && strlen(c) >= 7 && sscanf(c + 1, "%6x", &x) == 1) {
        r = (x >> 16) & 255;
        gr = (x >> 8) & 255;
        bl = x & 255;
    } else if (!strncasecmp(c, "rgb", 3)) {
        const char *o = strchr(c, '(');
        if (!o || sscanf(o + 1, "%lf , %lf , %lf", &r, &gr, &bl) != 3)
            return NULL;
    } else {
        return NULL;
    }
    double mx = fmax(r, fmax(gr, bl)), mn = fmin(r, fmin(gr, bl));
    if (mx - mn < 24)
        return "series7";
    double h;
    if (mx == r)
        h = fmod((gr - bl) / (mx - mn) * 60 + 360, 360);
    else if (mx == gr)
        h = (bl - r) / (mx - mn) * 60 + 120;
    else
        h = (r - gr) / (mx - mn) * 60 + 240;
    static const struct {
        double below;
        const char *role;
    } hues[] = {{15, "series6"},  {40, "series8"},  {70, "series3"},
                {160, "series2"}, {195, "series5"}, {255, "series1"},
                {330, "series4"}, {361, "series6"}};
    for (size_t i = 0; i < sizeof hues / sizeof hues[0]; i++)
        if (h < hues[i].below)
            return hues[i].role;
    return "series6";
}

/* Grafana's ${__field.labels.x}, ${__series.name} in a display name as a
 * legend template ({{x}}); other ${...} stay. malloc'd. */
static char *display_template(const char *s)
{
    Buf b = {0};
    while (*s) {
        const char *e;
        if (!strncmp(s, "${__field.labels.", 17) && (e = strchr(s, '}'))) {
            buf_puts(&b, "{{");
            buf_put(&b, s + 17, (size_t)(e - s - 17));
            buf_puts(&b, "}}");
            s = e + 1;
        } else if (!strncmp(s, "${__field.labels}", 17)) {
            s += 17; /* every label: promboard's own default name */
        } else {
            buf_put(&b, s, 1);
            s++;
        }
    }
    return b.s ? b.s : strdup("");
}

/* A JavaScript-style regex option ("/re/flags" or "re") as promboard's
 * match text "/re/" (flags kept when i). Classes \d \w \s become POSIX
 * ones. malloc'd. */
static char *regex_text(const char *s)
{
    Buf b = {0};
    const char *end = s + strlen(s);
    int icase = 0;
    if (s[0] == '/') {
        const char *last = strrchr(s, '/');
        if (last > s) {
            for (const char *f = last + 1; *f; f++)
                icase |= *f == 'i';
            s++;
            end = last;
        }
    }
    buf_puts(&b, "/");
    for (const char *p = s; p < end; p++) {
        if (*p == '\\' && p + 1 < end && strchr("dwsDWS", p[1])) {
            static const char *const cls[] = {"[0-9]",         "[A-Za-z0-9_]",
                                              "[[:space:]]",   "[^0-9]",
                                              "[^A-Za-z0-9_]", "[^[:space:]]"};
            buf_puts(&b, cls[strchr("dwsDWS", p[1]) - "dwsDWS"]);
            p++;
        } else {
            buf_put(&b, p, 1);
        }
    }
    buf_puts(&b, icase ? "/i" : "/");
    return b.s;
}

/* Properties of overrides the terminal has no use for: said nowhere. */
static int cosmetic_prop(const char *id)
{
    static const char *const quiet[] = {"custom.align",
                                        "custom.width",
                                        "custom.minWidth",
                                        "links",
                                        "custom.filterable",
                                        "custom.inspect",
                                        "custom.hideFrom.tooltip",
                                        "description",
                                        NULL};
    for (int i = 0; quiet[i]; i++)
        if (!strcmp(id, quiet[i]))
            return 1;
    return 0;
}

/* Writes one override property (at `path`) as YAML keys at `indent` into
 * b; notes (into `cb`, the panel's YAML) what it cannot. `kind` is the
 * promboard kind, for what only some kinds do. */
static void write_prop(G *g, Buf *b, Buf *cb, int indent, const char *path,
                       const cJSON *prop, const char *kind)
{
    const char *id = jstr(prop, "id");
    const cJSON *v = jget(prop, "value");
    if (!id)
        return;
    char p[G_PATH];
    path_cat(p, path, ".value");
    if (!strcmp(id, "unit")) {
        const char *u =
            unit_of(g, cb, 0, p, cJSON_IsString(v) ? v->valuestring : NULL);
        if (u)
            yaml_kv(b, indent, "unit", u);
    } else if (!strcmp(id, "decimals") && cJSON_IsNumber(v) &&
               v->valuedouble >= 0 && v->valuedouble <= 10) {
        yaml_kn(b, indent, "decimals", (int)v->valuedouble);
    } else if (!strcmp(id, "displayName") || !strcmp(id, "displayNameFromDS")) {
        if (cJSON_IsString(v) && v->valuestring[0]) {
            char *t = display_template(v->valuestring);
            if (t)
                yaml_kv(b, indent, "name", t);
            free(t);
        }
    } else if (!strcmp(id, "color")) {
        const char *mode = jstr(v, "mode");
        const char *role = mode && !strcmp(mode, "fixed")
                               ? color_series(jstr(v, "fixedColor"))
                               : NULL;
        if (role)
            yaml_kv(b, indent, "color", role);
        else if (mode && strcmp(mode, "fixed"))
            note(g, cb, 0, path, "colour scheme '%s' ignored", mode);
    } else if ((!strcmp(id, "min") || !strcmp(id, "max")) &&
               cJSON_IsNumber(v)) {
        yaml_kn(b, indent, id, v->valuedouble);
    } else if (!strcmp(id, "thresholds") && cJSON_IsObject(v)) {
        Fields f;
        fields_init(&f);
        read_thresholds(g, v, p, &f);
        write_thresholds(g, b, indent, p, &f, NAN, NAN);
    } else if (!strcmp(id, "mappings") && cJSON_IsArray(v)) {
        write_mappings(g, b, indent, p, v, NULL);
    } else if (!strcmp(id, "custom.transform") && cJSON_IsString(v) &&
               !strcmp(v->valuestring, "negative-Y")) {
        yaml_kv(b, indent, "negative", "true");
    } else if (!strcmp(id, "custom.lineStyle") && cJSON_IsObject(v)) {
        const char *fill = jstr(v, "fill");
        if (fill && (!strcmp(fill, "dash") || !strcmp(fill, "dot")))
            yaml_kv(b, indent, "dash", "true");
    } else if (!strcmp(id, "custom.axisPlacement") && cJSON_IsString(v)) {
        if (!strcmp(v->valuestring, "right"))
            yaml_kv(b, indent, "axis", "right");
        else if (!strcmp(v->valuestring, "hidden"))
            note(g, cb, 0, path, "hidden axis drawn");
    } else if (!strcmp(id, "custom.stacking") && cJSON_IsObject(v)) {
        /* out of the panel's stack: not stacked, or in a group of its own
         * (the panel's is "A") */
        const char *mode = jstr(v, "mode");
        const cJSON *grp = jget(v, "group");
        if ((mode && !strcmp(mode, "none")) ||
            (grp && !(cJSON_IsString(grp) && !strcmp(grp->valuestring, "A"))))
            yaml_kv(b, indent, "stack", "false");
    } else if (!strcmp(id, "custom.hideFrom") && cJSON_IsObject(v)) {
        if (jbool(v, "viz", 0))
            yaml_kv(b, indent, "hide", "true");
        else if (jbool(v, "legend", 0))
            yaml_kv(b, indent, "legend", "false");
    } else if (!strcmp(id, "custom.hidden")) {
        if ((cJSON_IsBool(v) && cJSON_IsTrue(v)) ||
            (cJSON_IsString(v) && !strcmp(v->valuestring, "true")))
            yaml_kv(b, indent, "hide", "true");
    } else if (!strcmp(id, "custom.cellOptions") && !strcmp(kind, "table")) {
        const char *t = jstr(v, "type");
        if (t && strcmp(t, "auto") && strcmp(t, "color-text"))
            note(g, cb, 0, path, "table cells of type '%s' drawn as text", t);
    } else if (!cosmetic_prop(id)) {
        note(g, cb, 0, path, "property %s ignored", id);
    }
}

/* Per-query settings from overrides matched by query (byFrameRefID), keyed
 * by refId; written into the query's entry. */
typedef struct {
    char ref[32];
    Buf keys; /* "key: value" lines at indent 0 */
} RefKeys;

typedef struct {
    RefKeys refs[26];
    int nrefs;
    Buf series; /* the panel's `overrides:` list, items at indent 2 */
} Overrides;

/* The keys of query ref, added when new; NULL when 26 queries have some. */
static RefKeys *ref_keys(Overrides *o, const char *ref)
{
    for (int i = 0; i < o->nrefs; i++)
        if (!strcmp(o->refs[i].ref, ref))
            return &o->refs[i];
    if (o->nrefs >= 26)
        return NULL;
    RefKeys *rk = &o->refs[o->nrefs++];
    snprintf(rk->ref, sizeof rk->ref, "%s", ref);
    return rk;
}

static void overrides_free(Overrides *o)
{
    for (int i = 0; i < o->nrefs; i++)
        free(o->refs[i].keys.s);
    free(o->series.s);
}

/* Reads fieldConfig.overrides into o; what cannot be matched or applied
 * becomes a note in cb (the panel's YAML). */
static void read_overrides(G *g, Buf *cb, const cJSON *ovs, const char *path,
                           const char *kind, Overrides *o)
{
    int k = -1;
    const cJSON *ov;
    cJSON_ArrayForEach(ov, ovs)
    {
        char p[G_PATH];
        path_cat(p, path, "[%d]", ++k);
        const cJSON *m = jobj(ov, "matcher");
        const char *mid = jstr(m, "id");
        const cJSON *mo = jget(m, "options");
        const cJSON *props = jarr(ov, "properties");
        if (!mid || !props || cJSON_GetArraySize(props) == 0)
            continue;
        Buf keys = {0};
        const cJSON *pr;
        int j = -1;
        cJSON_ArrayForEach(pr, props)
        {
            char pp[G_PATH];
            path_cat(pp, p, ".properties[%d]", ++j);
            write_prop(g, &keys, cb, 0, pp, pr, kind);
        }
        if (!keys.s) /* nothing applicable */
            continue;
        /* a table's "Value #B" column is query B's; "Time" has no column */
        const char *ref = NULL;
        if (!strcmp(mid, "byFrameRefID") && cJSON_IsString(mo))
            ref = mo->valuestring;
        else if (!strcmp(mid, "byName") && cJSON_IsString(mo) &&
                 !strncmp(mo->valuestring, "Value #", 7))
            ref = mo->valuestring + 7;
        else if (!strcmp(mid, "byName") && cJSON_IsString(mo) &&
                 !strcmp(mo->valuestring, "Value"))
            ref = "A";
        else if (!strcmp(mid, "byName") && cJSON_IsString(mo) &&
                 !strcmp(mo->valuestring, "Time") && !strcmp(kind, "table")) {
            free(keys.s);
            continue;
        }
        if (ref) {
            RefKeys *rk = ref_keys(o, ref);
            /* only what a query entry takes */
            for (const char *line = keys.s; rk && *line;) {
                const char *e = line;
                do { /* a key and its indented lines */
                    const char *nl = strchr(e, '\n');
                    e = nl ? nl + 1 : e + strlen(e);
                } while (*e == ' ');
                const char *colon = strchr(line, ':');
                char key[40] = "";
                if (colon && colon - line < (long)sizeof key)
                    snprintf(key, sizeof key, "%.*s", (int)(colon - line),
                             line);
                if (query_has(key))
                    buf_put(&rk->keys, line, (size_t)(e - line));
                else
                    note(g, cb, 0, p, "'%s' of query %s ignored", key, ref);
                line = e;
            }
            free(keys.s);
            continue;
        }
        Buf *s = &o->series;
        if (!strcmp(mid, "byName") && cJSON_IsString(mo)) {
            const char *nm = mo->valuestring;
            size_t nl = strlen(nm);
            yaml_kv_at(s, 4, 1, "match", nm);
            if (nl >= 2 && nm[0] == '/' && nm[nl - 1] == '/')
                yaml_kv(s, 4, "exact", "true"); /* a name, not a regex */
        } else if (!strcmp(mid, "byRegexp") && cJSON_IsString(mo)) {
            char *re = regex_text(mo->valuestring);
            if (re)
                yaml_kv_at(s, 4, 1, "match", re);
            free(re);
        } else if (!strcmp(mid, "byNames") && cJSON_IsObject(mo)) {
            const char *mode = jstr(mo, "mode");
            const cJSON *names = jarr(mo, "names");
            int exclude = mode && !strcmp(mode, "exclude");
            if ((mode && strcmp(mode, "include") && !exclude) || !names) {
                note(g, cb, 0, p, "matcher byNames (%s) ignored",
                     mode ? mode : "no names");
                free(keys.s);
                continue;
            }
            buf_puts(s, "  - match: [");
            const cJSON *nm;
            int first = 1;
            cJSON_ArrayForEach(nm, names)
            {
                if (!cJSON_IsString(nm))
                    continue;
                buf_puts(s, first ? "" : ", ");
                yaml_quoted(s, nm->valuestring);
                first = 0;
            }
            buf_puts(s, "]\n");
            if (exclude) /* every series but these */
                yaml_kv(s, 4, "exclude", "true");
        } else {
            note(g, cb, 0, p, "matcher %s ignored", mid);
            free(keys.s);
            continue;
        }
        /* the keys under the match line, at indent 4 */
        for (const char *line = keys.s; *line;) {
            const char *e = strchr(line, '\n');
            size_t n = e ? (size_t)(e - line + 1) : strlen(line);
            buf_puts(s, "    ");
            buf_put(s, line, n);
            line += n;
        }
        free(keys.s);
    }
}

/* ---- expressions -----------------------------------------------------------
 */

/* Grafana's built-in variables, and promboard's own ($__range_text: the
 * window in words, which a dashboard written by --convert grafana keeps). */
static const char *const builtin_names[] = {
    "__range",       "__interval",   "__rate_interval",
    "__range_s",     "__interval_s", "__range_ms",
    "__interval_ms", "__from",       "__to",
    "__dashboard",   "__user",       "__org",
    "__name",        "__range_text", NULL};

/* Notes and declares (as a constant holding its own name, sent as written,
 * as Grafana does) each $name in expr that is neither a variable nor a
 * built-in. Also rewrites [[name]] to ${name}. Returns malloc'd text. */
static char *expr_fix(G *g, Buf *cb, const char *path, const char *expr)
{
    Buf b = {0};
    for (const char *p = expr; *p;) {
        if (p[0] == '[' && p[1] == '[') {
            const char *e = strstr(p + 2, "]]");
            const char *q = p + 2;
            while (q < (e ? e : q) &&
                   (isalnum((unsigned char)*q) || *q == '_' || *q == ':'))
                q++;
            if (e && q == e && e > p + 2) {
                buf_puts(&b, "${");
                buf_put(&b, p + 2, (size_t)(e - p - 2));
                buf_puts(&b, "}");
                p = e + 2;
                continue;
            }
        }
        buf_put(&b, p, 1);
        p++;
    }
    char *out = b.s ? b.s : strdup("");
    /* every $name and ${name...} must be known */
    for (const char *p = out; out && (p = strchr(p, '$'));) {
        const char *s = p + 1;
        int brace = *s == '{';
        s += brace;
        p = s;
        if (!(isalpha((unsigned char)*s) || *s == '_'))
            continue;
        const char *e = s;
        while (isalnum((unsigned char)*e) || *e == '_')
            e++;
        p = e;
        size_t n = (size_t)(e - s);
        int known = 0;
        for (int i = 0; builtin_names[i] && !known; i++)
            known = strlen(builtin_names[i]) == n &&
                    !strncmp(builtin_names[i], s, n);
        for (int i = 0; i < g->nvars && !known; i++)
            known = strlen(g->vars[i]) == n && !strncmp(g->vars[i], s, n);
        if (known)
            continue;
        char name[72];
        snprintf(name, sizeof name, "%.*s", n < 64 ? (int)n : 64, s);
        note(g, cb, 0, path, "unknown variable $%s: sent as written", name);
        char **nv = realloc(g->vars, sizeof *nv * (size_t)(g->nvars + 1));
        if (nv) {
            g->vars = nv;
            if ((nv[g->nvars] = strdup(name)))
                g->nvars++;
        }
    }
    return out;
}

/* Whether a datasource (string or {type, uid}) speaks PromQL. Absent,
 * default, a variable, or a Prometheus-compatible type does. */
static int datasource_promql(const cJSON *ds, const char **what)
{
    *what = NULL;
    if (!ds || cJSON_IsNull(ds))
        return 1;
    if (cJSON_IsString(ds)) {
        const char *s = ds->valuestring;
        static const char *const special[] = {"-- Grafana --", "-- Mixed --",
                                              "-- Dashboard --", NULL};
        for (int i = 0; special[i]; i++)
            if (!strcmp(s, special[i])) {
                *what = s;
                return !strcmp(s, "-- Mixed --");
            }
        return 1;
    }
    const char *type = jstr(ds, "type"), *uid = jstr(ds, "uid");
    if (uid && (!strcmp(uid, "grafana") || !strcmp(uid, "-- Grafana --") ||
                !strcmp(uid, "__expr__") || !strcmp(uid, "-- Dashboard --"))) {
        *what = uid;
        return 0;
    }
    if (!type || !*type || strchr(type, '$'))
        return 1;
    static const char *const promql[] = {"prometheus",
                                         "victoriametrics-datasource",
                                         "datasource",
                                         "grafana-amazonprometheus-datasource",
                                         "grafana-azureprometheus-datasource",
                                         NULL};
    for (int i = 0; promql[i]; i++)
        if (!strcmp(type, promql[i]))
            return !strcmp(type, "datasource") ? (*what = "-- Mixed --", 1) : 1;
    *what = type;
    return 0;
}

/* What the kind asks of its targets. */
typedef struct {
    const char *kind; /* promboard kind */
    int instant_kind; /* the kind shows current values */
    /* promboard's own: whether each query said `instant` (an instant
     * kind's targets are instant in Grafana either way) */
    const cJSON *ext_instant;
    const cJSON *ext_sources; /* ... and each query's own datasource */
} KindInfo;

/* Writes the panel's targets as `queries:` at indent 0 of b. Returns the
 * number written. */
static int write_targets(G *g, Buf *b, const cJSON *panel, const char *path,
                         const KindInfo *ki, Overrides *ov)
{
    const cJSON *targets = jarr(panel, "targets");
    const cJSON *pds = jget(panel, "datasource");
    int n = 0, k = -1;
    const cJSON *t;
    cJSON_ArrayForEach(t, targets)
    {
        char p[G_PATH];
        path_cat(p, path, ".targets[%d]", ++k);
        const char *ref = jstr(t, "refId");
        char refbuf[8];
        if (!ref) {
            snprintf(refbuf, sizeof refbuf, "%c", 'A' + k % 26);
            ref = refbuf;
        }
        const char *expr = jtext(t, "expr");
        if (!expr)
            expr = jtext(t, "query"); /* some exports use query */
        if (jbool(t, "hide", 0)) {
            buf_printf(b, "# query %s is hidden in Grafana: left out\n", ref);
            continue;
        }
        const char *what;
        const cJSON *tds = jget(t, "datasource");
        if (!datasource_promql(tds ? tds : pds, &what)) {
            note(g, b, 0, p,
                 "query %s of datasource '%s' is not PromQL: left out", ref,
                 what);
            continue;
        }
        if (!expr) {
            buf_printf(b, "# query %s has no expression: left out\n", ref);
            continue;
        }
        if (n++ == 0)
            buf_puts(b, "queries:\n");
        char ep[G_PATH];
        path_cat(ep, p, ".expr");
        char *fixed = expr_fix(g, b, ep, expr);
        /* PromQL ignores blanks at either end */
        char *e = fixed ? fixed : strdup(expr);
        if (!e) {
            b->oom = 1;
            return n;
        }
        size_t len = strlen(e);
        while (len && isspace((unsigned char)e[len - 1]))
            e[--len] = '\0';
        char *start = e;
        while (isspace((unsigned char)*start))
            start++;
        yaml_kv_at(b, 4, 1, "expr", start);
        free(e);
        const char *legend = jstr(t, "legendFormat");
        if (legend && *legend && strcmp(legend, "__auto")) {
            char *lg = expr_fix(g, b, p, legend);
            if (lg)
                yaml_kv(b, 4, "legend", lg);
            free(lg);
        }
        int inst = jbool(t, "instant", 0), rng = jbool(t, "range", 0);
        const char *format = jstr(t, "format");
        const char *es = jstr_at(ki->ext_sources, k);
        if (es && *es && query_has("datasource"))
            yaml_kv(b, 4, "datasource", es);
        const cJSON *ei = cJSON_GetArrayItem(ki->ext_instant, k);
        if (ei) {
            if (cJSON_IsTrue(ei))
                yaml_kv(b, 4, "instant", "true");
        } else if (inst && !rng)
            yaml_kv(b, 4, "instant", "true");
        else if (inst && rng && !ki->instant_kind)
            note(g, b, 4, p,
                 "query %s asks both an instant and a range "
                 "query: the range one is drawn",
                 ref);
        const char *iv = jtext(t, "interval");
        double secs;
        if (iv && *iv == '>')
            iv++;
        if (iv && duration_parse(iv, &secs) == 0 && secs > 0 &&
            query_has("min_step"))
            yaml_kv(b, 4, "min_step", iv);
        else if (iv && !strstr(iv, "$__"))
            note(g, b, 4, p, "min step '%s' of query %s ignored", iv, ref);
        double f;
        if (jnum(t, "intervalFactor", &f) && f > 1 && f <= 100) {
            if (query_has("step_factor"))
                yaml_kn(b, 4, "step_factor", (int)f);
            else
                note(g, b, 4, p, "resolution 1/%g of query %s ignored", f, ref);
        }
        if (format && !strcmp(format, "heatmap") && strcmp(ki->kind, "heatmap"))
            note(g, b, 4, p,
                 "heatmap format of query %s: series drawn as "
                 "they come",
                 ref);
        for (int i = 0; i < ov->nrefs; i++) {
            if (strcmp(ov->refs[i].ref, ref))
                continue;
            for (const char *line = ov->refs[i].keys.s; line && *line;) {
                const char *nl = strchr(line, '\n');
                size_t ln = nl ? (size_t)(nl - line + 1) : strlen(line);
                buf_puts(b, "    ");
                buf_put(b, line, ln);
                line += ln;
            }
            ov->refs[i].ref[0] = '\0'; /* used */
        }
    }
    return n;
}

/* ---- panels -----------------------------------------------------------------
 */

/* One converted panel: where Grafana's grid put it and its YAML keys (at
 * indent 0, `title:` on the first line). */
typedef struct {
    int x, y, w, h;
    char *yaml;
    char path[G_PATH];
    /* promboard's own object, when promboard wrote the panel: its width
     * and the heights of the rows around it, to lay it out as it was */
    const cJSON *ext;
} GPanel;

/* A title no panel has yet: `t`, else "t (2)", "t (3)"... malloc'd. */
static char *unique_title(G *g, Buf *b, const char *path, const char *t)
{
    char *out = strdup(t);
    for (int n = 2; out; n++) {
        int dup = 0;
        for (int i = 0; i < g->ntitles && !dup; i++)
            dup = !strcmp(g->titles[i], out);
        if (!dup)
            break;
        free(out);
        size_t len = strlen(t) + 16;
        if ((out = malloc(len)))
            snprintf(out, len, "%s (%d)", t, n);
    }
    if (!out)
        return NULL;
    if (strcmp(out, t))
        note(g, b, 0, path, "title '%s' is taken: shown as '%s'", t, out);
    if (g->ntitles == g->cap_titles) {
        int cap = g->cap_titles ? g->cap_titles * 2 : 64;
        char **nt = realloc(g->titles, sizeof *nt * (size_t)cap);
        if (!nt) {
            free(out);
            return NULL;
        }
        g->titles = nt;
        g->cap_titles = cap;
    }
    g->titles[g->ntitles++] = strdup(out);
    if (!g->titles[g->ntitles - 1])
        g->ntitles--;
    return out;
}

/* Markdown or HTML as plain text: tags and emphasis marks dropped, links
 * as "text (url)", headings without their #. malloc'd. */
static char *plain_text(const char *s, int html)
{
    Buf b = {0};
    int line_start = 1;
    while (*s) {
        if (html && *s == '<') {
            const char *e = strchr(s, '>');
            if (e) {
                if (!strncasecmp(s, "<br", 3) || !strncasecmp(s, "</p", 3) ||
                    !strncasecmp(s, "</div", 5) || !strncasecmp(s, "</h", 3) ||
                    !strncasecmp(s, "<li", 3))
                    buf_puts(&b, "\n");
                s = e + 1;
                continue;
            }
        }
        if (html && *s == '&') {
            static const struct {
                const char *ent, *ch;
            } ents[] = {{"&amp;", "&"},   {"&lt;", "<"},   {"&gt;", ">"},
                        {"&quot;", "\""}, {"&nbsp;", " "}, {"&#39;", "'"}};
            int hit = 0;
            for (size_t i = 0; i < sizeof ents / sizeof ents[0] && !hit; i++)
                if (!strncmp(s, ents[i].ent, strlen(ents[i].ent))) {
                    buf_puts(&b, ents[i].ch);
                    s += strlen(ents[i].ent);
                    hit = 1;
                }
            if (hit)
                continue;
        }
        if (!html && line_start && *s == '#') {
            while (*s == '#')
                s++;
            while (*s == ' ')
                s++;
            line_start = 0;
            continue;
        }
        if (!html && *s == '[') {
            const char *close = strchr(s, ']');
            if (close && close[1] == '(') {
                const char *end = strchr(close + 2, ')');
                if (end) {
                    buf_put(&b, s + 1, (size_t)(close - s - 1));
                    buf_puts(&b, " (");
                    buf_put(&b, close + 2, (size_t)(end - close - 2));
                    buf_puts(&b, ")");
                    s = end + 1;
                    line_start = 0;
                    continue;
                }
            }
        }
        if (!html && (*s == '*' || *s == '`' || (*s == '_' && s[1] == '_'))) {
            s += *s == '_' ? 2 : 1;
            continue;
        }
        line_start = *s == '\n';
        buf_put(&b, s, 1);
        s++;
    }
    /* drop blanks at the ends */
    char *out = b.s ? b.s : strdup("");
    if (out) {
        size_t n = strlen(out);
        while (n && isspace((unsigned char)out[n - 1]))
            out[--n] = '\0';
        size_t lead = strspn(out, " \t\r\n");
        memmove(out, out + lead, n - lead + 1);
    }
    return out;
}

/* A duration Grafana writes for timeFrom/timeShift ("24h", "now-1d",
 * "1d/d") as a promboard one, into out; 0 when it has none. */
static int grafana_duration(const char *s, char *out, size_t n)
{
    if (!s)
        return 0;
    if (!strncmp(s, "now-", 4))
        s += 4;
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%s", s);
    char *slash = strchr(tmp, '/');
    if (slash)
        *slash = '\0';
    double secs;
    if (duration_parse(tmp, &secs) < 0 || secs <= 0)
        return 0;
    snprintf(out, n, "%s", tmp);
    return 1;
}

/* A panel's timeFrom as its `range:`: "now/d" is today so far, "now/M"
 * the month so far, "24h" or "now-24h" the last 24 hours (a rounding
 * such as "/h" noted); anything else is a note. */
static void panel_window(G *g, Buf *b, const char *path, const char *tf)
{
    char dur[64];
    const char *anchored = !strcmp(tf, "now/d")   ? "today"
                           : !strcmp(tf, "now/M") ? "mtd"
                                                  : NULL;
    if (!panel_has("range"))
        note(g, b, 0, path, "own time range '%s' ignored", tf);
    else if (anchored)
        yaml_kv(b, 0, "range", anchored);
    else if (strncmp(tf, "now/", 4) && grafana_duration(tf, dur, sizeof dur)) {
        yaml_kv(b, 0, "range", dur);
        if (strchr(tf, '/'))
            note(g, b, 0, path, "own time range '%s' not rounded", tf);
    } else {
        note(g, b, 0, path, "own time range '%s' ignored", tf);
    }
}

/* Reduce calculations (reduceOptions.calcs, singlestat valueName) as the
 * stat kind's `calc:`; NULL for an unknown one. */
static const char *calc_of(const char *c)
{
    static const struct {
        const char *grafana, *mine;
    } calcs[] = {
        {"lastNotNull", "last"},
        {"last", "last"},
        {"current", "last"},
        {"mean", "mean"},
        {"avg", "mean"},
        {"max", "max"},
        {"min", "min"},
        {"sum", "sum"},
        {"total", "sum"},
        {"first", "first"},
        {"firstNotNull", "first"},
        {"delta", "delta"},
        {"diff", "diff"},
        {"range", "range"},
        {"count", "count"},
    };
    for (size_t i = 0; c && i < sizeof calcs / sizeof calcs[0]; i++)
        if (!strcmp(c, calcs[i].grafana))
            return calcs[i].mine;
    return NULL;
}

/* The stat/gauge calculation from reduceOptions, as `calc:` when the kind
 * takes it; notes the rest. */
static void write_reduce(G *g, Buf *b, const cJSON *opts, const char *path,
                         const char *kind)
{
    const cJSON *ro = jobj(opts, "reduceOptions");
    const cJSON *calcs = jarr(ro, "calcs");
    const cJSON *c0 = calcs ? cJSON_GetArrayItem(calcs, 0) : NULL;
    char p[G_PATH];
    path_cat(p, path, ".options.reduceOptions");
    if (cJSON_IsString(c0)) {
        const char *mine = calc_of(c0->valuestring);
        if (!mine)
            note(g, b, 0, p, "calculation '%s' shown as the last value",
                 c0->valuestring);
        else if (strcmp(mine, "last") && kind_has(kind, "calc"))
            yaml_kv(b, 0, "calc", mine);
        else if (strcmp(mine, "last"))
            note(g, b, 0, p, "calculation '%s' shown as the last value",
                 c0->valuestring);
    }
    if (jbool(ro, "values", 0))
        note(g, b, 0, p, "every value (not one per series) is not shown");
    const char *fields = jstr(ro, "fields");
    if (fields && *fields && strcmp(fields, "/.*/") &&
        strcmp(fields, "/^Value$/"))
        note(g, b, 0, p, "field choice '%s' ignored", fields);
}

/* Legend options of a timeseries-like panel. */
static void write_legend(Buf *b, const cJSON *opts, const char *kind)
{
    const cJSON *lg = jobj(opts, "legend");
    if (!lg)
        return;
    const char *mode = jstr(lg, "displayMode"), *place = jstr(lg, "placement");
    int show = jbool(lg, "showLegend", 1) && !(mode && !strcmp(mode, "hidden"));
    if (!strcmp(kind, "pie")) {
        if (!show)
            yaml_kv(b, 0, "legend", "false");
        return;
    }
    if (!show)
        yaml_kv(b, 0, "legend", "none");
    else if (place && !strcmp(place, "right"))
        yaml_kv(b, 0, "legend", "right");
}

/* timeseries (and the custom fieldConfig of kinds drawing lines). */
static void write_timeseries_custom(G *g, Buf *b, const cJSON *custom,
                                    const char *path)
{
    char p[G_PATH];
    const cJSON *st = jobj(custom, "stacking");
    const char *mode = jstr(st, "mode");
    if (mode && !strcmp(mode, "normal"))
        yaml_kv(b, 0, "stack", "true");
    else if (mode && !strcmp(mode, "percent"))
        yaml_kv(b, 0, "stack_percent", "true");
    const char *draw = jstr(custom, "drawStyle");
    path_cat(p, path, ".custom.drawStyle");
    if (draw && (!strcmp(draw, "bars") || !strcmp(draw, "points")))
        yaml_kv(b, 0, "style", draw);
    else if (draw && strcmp(draw, "line"))
        note(g, b, 0, p, "draw style '%s' drawn as lines", draw);
    const cJSON *sd = jobj(custom, "scaleDistribution");
    const char *sdt = jstr(sd, "type");
    if (sdt && strcmp(sdt, "linear")) {
        path_cat(p, path, ".custom.scaleDistribution");
        note(g, b, 0, p, "%s scale drawn linear", sdt);
    }
}

/* Thresholds of a legacy graph: [{value, op, colorMode}] -> Fields. */
static void legacy_graph_thresholds(G *g, Buf *b, const cJSON *ths,
                                    const char *path, Fields *f)
{
    double vals[16];
    const char *roles[16];
    int n = 0, lt = 0;
    const cJSON *t;
    cJSON_ArrayForEach(t, ths)
    {
        double v;
        if (n >= 16 || !jnum(t, "value", &v))
            continue;
        const char *cm = jstr(t, "colorMode");
        const char *role = !cm                       ? "crit"
                           : !strcmp(cm, "critical") ? "crit"
                           : !strcmp(cm, "warning")  ? "warn"
                           : !strcmp(cm, "ok")
                               ? "ok"
                               : color_role(jstr(t, "lineColor"));
        const char *op = jstr(t, "op");
        lt |= op && !strcmp(op, "lt");
        int i = n++;
        while (i > 0 && vals[i - 1] > v) {
            vals[i] = vals[i - 1];
            roles[i] = roles[i - 1];
            i--;
        }
        vals[i] = v;
        roles[i] = role ? role : "value";
    }
    if (n == 0)
        return;
    if (lt)
        note(g, b, 0, path, "'below' thresholds drawn as 'above' ones");
    f->nsteps = 0;
    f->roles[0] = "ok";
    for (int i = 0; i < n; i++) {
        if (f->nsteps && !(vals[i] > f->steps[f->nsteps - 1]))
            continue;
        f->steps[f->nsteps] = vals[i];
        f->roles[++f->nsteps] = roles[i];
    }
    f->has_thresholds = 1;
}

/* seriesOverrides and aliasColors of a legacy graph as `overrides:`. */
static void legacy_series_overrides(G *g, Buf *b, const cJSON *p,
                                    const char *path, Buf *out)
{
    int k = -1;
    const cJSON *so;
    cJSON_ArrayForEach(so, jarr(p, "seriesOverrides"))
    {
        char sp[G_PATH];
        path_cat(sp, path, ".seriesOverrides[%d]", ++k);
        const char *alias = jstr(so, "alias");
        if (!alias || !*alias)
            continue;
        Buf keys = {0};
        const cJSON *x;
        cJSON_ArrayForEach(x, so)
        {
            const char *key = x->string;
            if (!strcmp(key, "alias") || !strcmp(key, "fill") ||
                !strcmp(key, "linewidth") || !strcmp(key, "zindex") ||
                !strcmp(key, "hideTooltip") || !strcmp(key, "fillGradient") ||
                !strcmp(key, "$$hashKey"))
                continue;
            if (!strcmp(key, "transform") && cJSON_IsString(x) &&
                !strcmp(x->valuestring, "negative-Y"))
                yaml_kv(&keys, 4, "negative", "true");
            else if (!strcmp(key, "color") && cJSON_IsString(x) &&
                     color_series(x->valuestring))
                yaml_kv(&keys, 4, "color", color_series(x->valuestring));
            else if (!strcmp(key, "legend") && cJSON_IsFalse(x))
                yaml_kv(&keys, 4, "legend", "false");
            else if (!strcmp(key, "stack") && cJSON_IsFalse(x))
                yaml_kv(&keys, 4, "stack", "false");
            else if (!strcmp(key, "dashes") && cJSON_IsTrue(x))
                yaml_kv(&keys, 4, "dash", "true");
            else if (!strcmp(key, "dashes") || !strcmp(key, "dashLength") ||
                     !strcmp(key, "spaceLength"))
                continue;
            else if (!strcmp(key, "yaxis") && cJSON_IsNumber(x) &&
                     x->valuedouble == 2) {
                /* the right axis's unit, when not the left one's */
                const cJSON *ya = jarr(p, "yaxes");
                const char *u1 = jstr(cJSON_GetArrayItem(ya, 0), "format");
                const char *u2 = jstr(cJSON_GetArrayItem(ya, 1), "format");
                char yp[G_PATH];
                path_cat(yp, path, ".yaxes[1].format");
                const char *u = u2 && (!u1 || strcmp(u1, u2))
                                    ? unit_of(g, b, 0, yp, u2)
                                    : NULL;
                yaml_kv(&keys, 4, "axis", "right");
                if (u)
                    yaml_kv(&keys, 4, "unit", u);
            } else if (!strcmp(key, "yaxis") && cJSON_IsNumber(x) &&
                       x->valuedouble == 1)
                continue;
            else
                note(g, b, 0, sp, "%s of '%s' ignored", key, alias);
        }
        if (keys.s) {
            size_t n = strlen(alias);
            if (n >= 2 && alias[0] == '/' && alias[n - 1] == '/') {
                char *re = regex_text(alias);
                if (re)
                    yaml_kv_at(out, 4, 1, "match", re);
                free(re);
            } else {
                yaml_kv_at(out, 4, 1, "match", alias);
            }
            buf_puts(out, keys.s);
        }
        free(keys.s);
    }
    const cJSON *ac;
    cJSON_ArrayForEach(ac, jobj(p, "aliasColors"))
    {
        const char *role =
            cJSON_IsString(ac) ? color_series(ac->valuestring) : NULL;
        if (!role)
            continue;
        yaml_kv_at(out, 4, 1, "match", ac->string);
        size_t n = strlen(ac->string);
        if (n >= 2 && ac->string[0] == '/' && ac->string[n - 1] == '/')
            yaml_kv(out, 4, "exact", "true");
        yaml_kv(out, 4, "color", role);
    }
}

/* ---- table transformations
 * ---------------------------------------------------
 */

/* A field of a table's frames as Grafana names it, and what stands for it
 * in promboard: a query (by refId) or an expression computed from them. */
typedef struct {
    char name[160];
    char ref[32]; /* a target's refId; "" for a computed field */
    char *expr;   /* its PromQL, malloc'd */
    int computed; /* a query added for it (its index among them) */
} TField;

#define T_MAX_FIELDS 48
#define T_MAX_BY 8

typedef struct {
    TField f[T_MAX_FIELDS];
    int n;
    char by[T_MAX_BY][128];     /* labels grouped by, in order */
    char byname[T_MAX_BY][128]; /* their column titles ("": the label) */
    int nby;
    Buf extra; /* computed queries, items at indent 4 */
    int nextra;
} Tables;

static void tables_free(Tables *t)
{
    for (int i = 0; i < t->n; i++)
        free(t->f[i].expr);
    free(t->extra.s);
}

static TField *tfield(Tables *t, const char *name)
{
    for (int i = 0; name && i < t->n; i++)
        if (!strcmp(t->f[i].name, name))
            return &t->f[i];
    return NULL;
}

static TField *tfield_add(Tables *t, const char *name, const char *ref,
                          const char *expr)
{
    if (t->n == T_MAX_FIELDS)
        return NULL;
    TField *f = &t->f[t->n++];
    memset(f, 0, sizeof *f);
    snprintf(f->name, sizeof f->name, "%s", name);
    snprintf(f->ref, sizeof f->ref, "%s", ref ? ref : "");
    /* PromQL ignores blanks at either end */
    const char *e = expr ? expr : "";
    while (isspace((unsigned char)*e))
        e++;
    size_t n = strlen(e);
    while (n > 0 && isspace((unsigned char)e[n - 1]))
        n--;
    f->expr = strndup(e, n);
    return f;
}

/* Appends "key: value" to query ref's keys unless it has that key. */
static void ref_key(Overrides *o, const char *ref, const char *key,
                    const char *value)
{
    RefKeys *rk = ref_keys(o, ref);
    if (!rk)
        return;
    size_t kl = strlen(key);
    for (const char *l = rk->keys.s; l && *l;) {
        if (!strncmp(l, key, kl) && l[kl] == ':')
            return;
        const char *nl = strchr(l, '\n');
        l = nl ? nl + 1 : l + strlen(l);
    }
    yaml_kv(&rk->keys, 0, key, value);
}

/* The label a table column of field name stands for: one of the labels
 * grouped by, else NULL. */
static int tby(const Tables *t, const char *name)
{
    for (int i = 0; name && i < t->nby; i++)
        if (!strcmp(t->by[i], name) ||
            (t->byname[i][0] && !strcmp(t->byname[i], name)))
            return i;
    return -1;
}

/* What the transformations of table panel p (at path) do, in promboard's
 * terms: a group by labels (`by`), the merge promboard always does, fields
 * computed from two others (queries added), renames (query names and
 * `columns`), fields left out (hidden queries) and the row order (`sort`).
 * Anything else is noted. Writes the panel's keys into b, the queries'
 * into ov, the added queries into t->extra. */
static void table_transforms(G *g, Buf *b, const cJSON *p, const char *path,
                             Overrides *ov, Tables *t)
{
    /* the fields the targets give: "Value #A" (or "Value" alone) */
    const cJSON *targets = jarr(p, "targets"), *x;
    int nt = 0, k = -1;
    cJSON_ArrayForEach(x, targets) nt += !jbool(x, "hide", 0);
    cJSON_ArrayForEach(x, targets)
    {
        k++;
        const char *e = jtext(x, "expr");
        if (!e || jbool(x, "hide", 0))
            continue;
        const char *ref = jstr(x, "refId");
        char rb[8], name[64];
        if (!ref) {
            snprintf(rb, sizeof rb, "%c", 'A' + k % 26);
            ref = rb;
        }
        char tp[G_PATH];
        path_cat(tp, path, ".targets[%d]", k);
        char *fixed = expr_fix(g, NULL, tp, e);
        snprintf(name, sizeof name, "Value #%s", ref);
        tfield_add(t, name, ref, fixed ? fixed : e);
        if (nt == 1)
            tfield_add(t, "Value", ref, fixed ? fixed : e);
        free(fixed);
    }
    char pp[G_PATH];
    const cJSON *tr = jarr(p, "transformations");
    k = -1;
    cJSON_ArrayForEach(x, tr)
    {
        path_cat(pp, path, ".transformations[%d]", ++k);
        const char *id = jstr(x, "id");
        const cJSON *o = jobj(x, "options");
        if (jbool(x, "disabled", 0) || !id)
            continue;
        if (!strcmp(id, "merge") || !strcmp(id, "seriesToColumns") ||
            !strcmp(id, "joinByField")) {
            continue; /* the table joins its queries on their labels */
        } else if (!strcmp(id, "groupBy")) {
            const cJSON *f;
            cJSON_ArrayForEach(f, jobj(o, "fields"))
            {
                const char *op = jstr(f, "operation");
                if (op && !strcmp(op, "groupby") && t->nby < T_MAX_BY &&
                    !tfield(t, f->string)) {
                    snprintf(t->by[t->nby], sizeof t->by[0], "%s", f->string);
                    t->byname[t->nby++][0] = '\0';
                } else if (op && !strcmp(op, "aggregate")) {
                    TField *tf = tfield(t, f->string);
                    const cJSON *ag;
                    cJSON_ArrayForEach(ag, jarr(f, "aggregations"))
                    {
                        const char *calc = cJSON_GetStringValue(ag);
                        char nn[200];
                        if (!tf || !calc)
                            continue;
                        /* one value per row of an instant query: every
                         * reducer but count gives it back */
                        if (!strcmp(calc, "count") ||
                            !strcmp(calc, "distinctCount"))
                            note(g, b, 0, pp,
                                 "'%s' of %s shown as the value itself", calc,
                                 f->string);
                        snprintf(nn, sizeof nn, "%s (%s)", f->string, calc);
                        tfield_add(t, nn, tf->ref, tf->expr);
                    }
                }
            }
        } else if (!strcmp(id, "calculateField")) {
            const char *mode = jstr(o, "mode");
            const cJSON *bin = jobj(o, "binary");
            if (!mode || strcmp(mode, "binary") || !bin) {
                note(g, b, 0, pp, "calculated field '%s' not shown",
                     mode ? mode : "?");
                continue;
            }
            const char *op = jstr(bin, "operator");
            const char *sides[2] = {jtext(bin, "left"), jtext(bin, "right")};
            char *ex[2] = {NULL, NULL};
            for (int s2 = 0; s2 < 2; s2++) {
                const TField *sf = tfield(t, sides[s2]);
                char *end = NULL;
                if (sf)
                    ex[s2] = strdup(sf->expr);
                else if (sides[s2] && (strtod(sides[s2], &end),
                                       end && !*end && end != sides[s2]))
                    ex[s2] = strdup(sides[s2]);
            }
            if (!op || !strchr("+-*/", *op) || op[1] || !ex[0] || !ex[1]) {
                note(g, b, 0, pp, "calculated field '%s %s %s' not shown",
                     sides[0] ? sides[0] : "?", op ? op : "?",
                     sides[1] ? sides[1] : "?");
                free(ex[0]);
                free(ex[1]);
                continue;
            }
            const char *alias = jtext(o, "alias");
            char nm[200];
            if (!alias) {
                snprintf(nm, sizeof nm, "%s %s %s", sides[0], op, sides[1]);
                alias = nm;
            }
            size_t n = strlen(ex[0]) + strlen(ex[1]) + 16;
            char *e = malloc(n);
            if (e)
                snprintf(e, n, "(%s) %s (%s)", ex[0], op, ex[1]);
            free(ex[0]);
            free(ex[1]);
            if (!e)
                continue;
            TField *nf = tfield_add(t, alias, NULL, e);
            if (nf) {
                nf->computed = 1;
                yaml_kv_at(&t->extra, 4, 1, "expr", e);
                yaml_kv(&t->extra, 4, "instant", "true");
                yaml_kv(&t->extra, 4, "name", alias);
                t->nextra++;
            }
            free(e);
            if (jbool(o, "replaceFields", 0))
                note(g, b, 0, pp, "the other fields are still shown");
        } else if (!strcmp(id, "organize")) {
            const cJSON *r;
            cJSON_ArrayForEach(r, jobj(o, "renameByName"))
            {
                const char *to = cJSON_GetStringValue(r);
                TField *tf = tfield(t, r->string);
                int bi = tby(t, r->string);
                if (!to || !*to)
                    continue;
                if (tf && tf->ref[0])
                    ref_key(ov, tf->ref, "name", to);
                else if (tf)
                    note(g, b, 0, pp, "'%s' keeps its name", r->string);
                else if (bi >= 0)
                    snprintf(t->byname[bi], sizeof t->byname[0], "%s", to);
                if (tf)
                    snprintf(tf->name, sizeof tf->name, "%s", to);
            }
            cJSON_ArrayForEach(r, jobj(o, "excludeByName"))
            {
                if (!cJSON_IsTrue(r))
                    continue;
                TField *tf = tfield(t, r->string);
                if (tf && tf->ref[0])
                    ref_key(ov, tf->ref, "hide", "true");
                else if (strcmp(r->string, "Time") && tby(t, r->string) < 0)
                    note(g, b, 0, pp, "column '%s' still shown", r->string);
            }
            if (cJSON_GetArraySize(jobj(o, "indexByName")) > 0)
                note(g, b, 0, pp, "columns in promboard's order");
        } else if (!strcmp(id, "sortBy")) {
            const cJSON *s0 = cJSON_GetArrayItem(jarr(o, "sort"), 0);
            const char *field = jtext(s0, "field");
            int desc = jbool(s0, "desc", 0);
            if (!field)
                continue;
            const TField *tf = tfield(t, field);
            if (tby(t, field) == 0 && !desc)
                continue; /* the first label: promboard's own order */
            if (tf && kind_has("table", "sort"))
                yaml_kv(b, 0, "sort", desc ? "value_desc" : "value");
            if (!tf || tf != &t->f[0])
                note(g, b, 0, pp, "rows sorted by %s",
                     tf ? "the first value column" : "their labels");
        } else if (!strcmp(id, "filterFieldsByName")) {
            const cJSON *names = jarr(jobj(o, "include"), "names");
            if (names) {
                for (int i = 0; i < t->n; i++) {
                    int keep = 0;
                    const cJSON *nm;
                    cJSON_ArrayForEach(nm, names) keep |=
                        cJSON_IsString(nm) &&
                        !strcmp(nm->valuestring, t->f[i].name);
                    if (!keep && t->f[i].ref[0])
                        ref_key(ov, t->f[i].ref, "hide", "true");
                }
            }
        } else {
            note(g, b, 0, pp, "transformation '%s' not applied", id);
        }
    }
    if (t->nby > 0 && kind_has("table", "by")) {
        buf_puts(b, "by: [");
        for (int i = 0; i < t->nby; i++) {
            if (i)
                buf_puts(b, ", ");
            yaml_quoted(b, t->by[i]);
        }
        buf_puts(b, "]\n");
        int named = 0;
        for (int i = 0; i < t->nby; i++)
            named |= t->byname[i][0] != '\0';
        if (named && kind_has("table", "columns")) {
            buf_puts(b, "columns: [");
            for (int i = 0; i < t->nby; i++) {
                if (i)
                    buf_puts(b, ", ");
                yaml_quoted(b, t->byname[i][0] ? t->byname[i] : t->by[i]);
            }
            buf_puts(b, "]\n");
        }
    }
}

/* The promboard kind of Grafana panel type `type` (after Grafana's own
 * migrations of Angular panels); NULL: not drawn, a text panel names it. */
static const char *kind_of(const cJSON *p, const char *type, KindInfo *ki)
{
    const char *k = NULL;
    int inst = 0;
    if (!strcmp(type, "timeseries") || !strcmp(type, "graph") ||
        !strcmp(type, "trend")) {
        const char *xmode = jstr(jobj(p, "xaxis"), "mode");
        if (xmode && !strcmp(xmode, "series"))
            k = "bargauge", inst = 1;
        else if (xmode && !strcmp(xmode, "histogram"))
            k = "histogram", inst = 1;
        else
            k = "timeseries";
    } else if (!strcmp(type, "stat") || !strcmp(type, "singlestat") ||
               !strcmp(type, "grafana-singlestat-panel")) {
        k = jbool(jobj(p, "gauge"), "show", 0) ? "gauge" : "stat";
        inst = 1;
    } else if (!strcmp(type, "gauge")) {
        k = "gauge", inst = 1;
    } else if (!strcmp(type, "bargauge")) {
        k = "bargauge", inst = 1;
    } else if (!strcmp(type, "table") || !strcmp(type, "table-old")) {
        k = "table", inst = 1;
    } else if (!strcmp(type, "heatmap") || !strcmp(type, "heatmap-new")) {
        k = "heatmap";
    } else if (!strcmp(type, "state-timeline") ||
               !strcmp(type, "status-history") ||
               !strcmp(type, "natel-discrete-panel")) {
        k = kind_has("heatmap", "mode") ? "heatmap" : NULL;
    } else if (!strcmp(type, "piechart") ||
               !strcmp(type, "grafana-piechart-panel")) {
        k = "pie", inst = 1;
    } else if (!strcmp(type, "text") || !strcmp(type, "text2")) {
        k = "text";
    } else if (!strcmp(type, "barchart")) {
        k = "bar", inst = 1;
    } else if (!strcmp(type, "histogram")) {
        k = "histogram", inst = 1;
    } else if (!strcmp(type, "alertlist")) {
        k = "alertlist", inst = 1;
    }
    ki->kind = k;
    ki->instant_kind = inst;
    return k;
}

/* A text panel standing where Grafana draws something promboard does not,
 * so the layout keeps its shape. */
static void write_placeholder(Buf *b, const char *what)
{
    yaml_kv(b, 0, "kind", "text");
    yaml_kv(b, 0, "align", "center");
    yaml_kv(b, 0, "content", what);
}

/* alertlist: Prometheus' own ALERTS series, filtered as the panel is. */
static void write_alertlist(G *g, Buf *b, const cJSON *opts, const char *path)
{
    const cJSON *sf = jobj(opts, "stateFilter");
    int pending = jbool(sf, "pending", 0);
    Buf sel = {0};
    buf_puts(&sel, pending ? "ALERTS{alertstate=~\"firing|pending\""
                           : "ALERTS{alertstate=\"firing\"");
    const char *name = jtext(opts, "alertName");
    if (name) {
        buf_puts(&sel, ", alertname=~\"(?i).*");
        for (const char *c = name; *c; c++) {
            if (strchr("\\.+*?()|[]{}^$", *c))
                buf_puts(&sel, "\\\\");
            if (*c == '"')
                buf_puts(&sel, "\\");
            buf_put(&sel, c, 1);
        }
        buf_puts(&sel, ".*\"");
    }
    const char *lf = jtext(opts, "alertInstanceLabelFilter");
    if (lf) {
        const char *o = strchr(lf, '{'), *c = strrchr(lf, '}');
        if (o && c && c > o + 1) {
            buf_puts(&sel, ", ");
            buf_put(&sel, o + 1, (size_t)(c - o - 1));
        }
    }
    buf_puts(&sel, "}");
    char p[G_PATH];
    path_cat(p, path, ".options");
    const char *dm = jstr(opts, "viewMode");
    if (dm && !strcmp(dm, "stat"))
        note(g, b, 0, p, "alerts listed, not counted in one stat");
    if (jbool(opts, "dashboardAlerts", 0) || jtext(opts, "folder"))
        note(g, b, 0, p, "only Prometheus' own alerts are listed");
    if (!name && !lf && kind_has("alertlist", "source")) {
        /* every alert of the server: its own API, with summaries and ages */
        yaml_kv(b, 0, "source", "alerts");
        const char *gm = jstr(opts, "groupMode");
        const cJSON *gb = jarr(opts, "groupBy");
        const cJSON *g0 = gb ? cJSON_GetArrayItem(gb, 0) : NULL;
        if (cJSON_IsString(g0) && kind_has("alertlist", "group_by") &&
            !(gm && !strcmp(gm, "default")))
            yaml_kv(b, 0, "group_by", g0->valuestring);
        if (!pending)
            note(g, b, 0, p, "pending alerts listed too");
        free(sel.s);
        return;
    }
    buf_puts(b, "queries:\n");
    yaml_kv_at(b, 4, 1, "expr", sel.s ? sel.s : "ALERTS");
    free(sel.s);
}

/* Converts Grafana panel p at `path` into gp. */
static void conv_panel(G *g, const cJSON *p, const char *path, GPanel *gp)
{
    Buf b = {0};
    const char *type = jstr(p, "type");
    const char *title = jtext(p, "title");
    char fallback[64];
    if (!title) {
        snprintf(fallback, sizeof fallback, "%s panel %d",
                 type ? type : "untitled", g->npanels + 1);
        title = fallback;
    }
    char *t = unique_title(g, NULL, path, title);
    yaml_kv(&b, 0, "title", t ? t : title);
    free(t);
    const cJSON *gpos = jobj(p, "gridPos");
    double d;
    int n;
    gp->x = jint(gpos, "x", &n) ? n : 0;
    gp->y = jint(gpos, "y", &n) ? n : 0;
    gp->w = jint(gpos, "w", &n) ? n : 12;
    gp->h = jint(gpos, "h", &n) ? n : 8;
    if (gp->w < 1 || gp->w > G_GRID_COLS)
        gp->w = gp->w < 1 ? 1 : G_GRID_COLS;
    if (gp->x < 0 || gp->x > G_GRID_COLS - 1)
        gp->x = gp->x < 0 ? 0 : G_GRID_COLS - 1;
    if (gp->h < 1)
        gp->h = 1;
    if (gp->h > 1000)
        gp->h = 1000;
    snprintf(gp->path, sizeof gp->path, "%s", path);
    g->npanels++;

    const cJSON *lib = jobj(p, "libraryPanel");
    if (lib && !jarr(p, "targets")) {
        const char *nm = jstr(lib, "name");
        note(g, &b, 0, path, "library panel '%s' is not in the file",
             nm ? nm : "?");
        char what[256];
        snprintf(what, sizeof what, "library panel %s (not in this file)",
                 nm ? nm : "");
        write_placeholder(&b, what);
        gp->yaml = b.s;
        return;
    }
    if (!type) {
        note(g, &b, 0, path, "panel without a type: drawn as a graph");
        type = "graph";
    }
    KindInfo ki;
    const char *kind = kind_of(p, type, &ki);
    /* written by promboard: its kind and options as they were */
    const cJSON *ext = jobj(p, "promboard");
    const char *ek = jstr(ext, "kind");
    const PanelClass *ecls = ek ? panel_kind_find(ek) : NULL;
    if (ecls) {
        kind = ki.kind = ecls->name;
        ki.instant_kind = !(ecls->query_mode & QM_RANGE);
        ki.ext_instant = jarr(ext, "instant");
        ki.ext_sources = jarr(ext, "datasources");
        gp->ext = ext;
    } else {
        ext = NULL;
        ki.ext_instant = ki.ext_sources = NULL;
    }
    const char *desc = jtext(p, "description");
    const cJSON *opts = jobj(p, "options");
    const cJSON *fc = jobj(p, "fieldConfig");
    const cJSON *def = jobj(fc, "defaults");
    const cJSON *custom = jobj(def, "custom");
    int legacy =
        !fc && (!strcmp(type, "graph") || !strcmp(type, "singlestat") ||
                !strcmp(type, "grafana-singlestat-panel") ||
                !strcmp(type, "table-old") || !strcmp(type, "table"));
    char pp[G_PATH];

    if (!kind) {
        note(g, &b, 0, path, "'%s' panel not drawn", type);
        char what[160];
        snprintf(what, sizeof what, "Grafana %s panel (not drawn here)", type);
        write_placeholder(&b, what);
        if (desc)
            yaml_kv(&b, 0, "description", desc);
        gp->yaml = b.s;
        return;
    }
    if (!strcmp(kind, "text") && !ext) {
        const char *mode = jstr(opts, "mode");
        const char *content = jstr(opts, "content");
        if (!mode)
            mode = jstr(p, "mode");
        if (!content)
            content = jstr(p, "content");
        char *txt =
            plain_text(content ? content : "", mode && !strcmp(mode, "html"));
        yaml_kv(&b, 0, "kind", "text");
        if (desc)
            yaml_kv(&b, 0, "description", desc);
        if (txt && *txt)
            yaml_kv(&b, 0, "content", txt);
        if (txt && strchr(txt, '$')) {
            path_cat(pp, path, ".options.content");
            note(g, &b, 0, pp, "variables in the text are shown as written");
        }
        free(txt);
        gp->yaml = b.s;
        return;
    }
    yaml_kv(&b, 0, "kind", kind);
    if (desc)
        yaml_kv(&b, 0, "description", desc);

    /* repeat over a variable */
    const char *rep = jtext(p, "repeat");
    if (rep) {
        path_cat(pp, path, ".repeat");
        if (panel_has("repeat")) {
            yaml_kv(&b, 0, "repeat", rep);
            const char *dir = jstr(p, "repeatDirection");
            if (dir && !strcmp(dir, "v"))
                yaml_kv(&b, 0, "repeat_direction", "v");
            if (jnum(p, "maxPerRow", &d) && d >= 1 && d <= 24)
                yaml_kn(&b, 0, "max_per_row", (int)d);
        } else {
            note(g, &b, 0, pp, "repeat over $%s: drawn once", rep);
        }
    }
    /* the panel's own time window */
    char dur[64];
    const char *tf = jtext(p, "timeFrom"), *ts = jtext(p, "timeShift");
    if (tf) {
        path_cat(pp, path, ".timeFrom");
        panel_window(g, &b, pp, tf);
    }
    if (ts) {
        path_cat(pp, path, ".timeShift");
        if (panel_has("time_shift") && grafana_duration(ts, dur, sizeof dur)) {
            yaml_kv(&b, 0, "time_shift", dur);
            if (strchr(ts, '/'))
                note(g, &b, 0, pp, "time shift '%s' not rounded", ts);
        } else {
            note(g, &b, 0, pp, "time shift '%s' ignored", ts);
        }
    }
    if (jint(p, "maxDataPoints", &n) && n >= 1) {
        if (panel_has("max_points"))
            yaml_kn(&b, 0, "max_points", n);
    }
    const char *piv = jtext(p, "interval");
    if (piv) {
        double secs;
        path_cat(pp, path, ".interval");
        if (*piv == '>')
            piv++;
        if (panel_has("min_step") && duration_parse(piv, &secs) == 0 &&
            secs > 0)
            yaml_kv(&b, 0, "min_step", piv);
        else
            note(g, &b, 0, pp, "min interval '%s' ignored", piv);
    }

    /* values: unit, decimals, min, max, thresholds, mappings */
    Fields f;
    fields_init(&f);
    Overrides ov;
    memset(&ov, 0, sizeof ov);
    Tables tables;
    memset(&tables, 0, sizeof tables);
    if (legacy) {
        const cJSON *yaxes = jarr(p, "yaxes");
        const cJSON *y0 = yaxes ? cJSON_GetArrayItem(yaxes, 0) : NULL;
        const char *fmt = y0 ? jstr(y0, "format") : jstr(p, "format");
        path_cat(pp, path, y0 ? ".yaxes[0].format" : ".format");
        f.unit = unit_of(g, &b, 0, pp, fmt);
        if (jnum(p, "decimals", &d) && d >= 0 && d <= 10)
            f.decimals = (int)d;
        if (y0) {
            jnum(y0, "min", &f.min);
            jnum(y0, "max", &f.max);
            if (jnum(y0, "logBase", &d) && d > 1)
                note(g, &b, 0, path, "log scale drawn linear");
        }
        const cJSON *gauge = jobj(p, "gauge");
        if (gauge && jbool(gauge, "show", 0)) {
            jnum(gauge, "minValue", &f.min);
            jnum(gauge, "maxValue", &f.max);
        }
        if (!isnan(f.min) && !isnan(f.max) && !(f.max > f.min))
            f.min = f.max = NAN;
        const cJSON *ths = jget(p, "thresholds");
        if (cJSON_IsArray(ths)) {
            path_cat(pp, path, ".thresholds");
            legacy_graph_thresholds(g, &b, ths, pp, &f);
        } else if (cJSON_IsString(ths) && ths->valuestring[0] &&
                   (jbool(p, "colorValue", 0) ||
                    jbool(p, "colorBackground", 0))) {
            /* singlestat: "80,90" and colors[3] */
            char *s = strdup(ths->valuestring), *save = NULL;
            const cJSON *cols = jarr(p, "colors");
            f.roles[0] = cols ? color_role(cJSON_GetStringValue(
                                    cJSON_GetArrayItem(cols, 0)))
                              : "ok";
            for (char *tok = s ? strtok_r(s, ",", &save) : NULL;
                 tok && f.nsteps < 2; tok = strtok_r(NULL, ",", &save)) {
                char *end;
                double v = strtod(tok, &end);
                if (end == tok || (f.nsteps && !(v > f.steps[f.nsteps - 1])))
                    continue;
                f.steps[f.nsteps++] = v;
                f.roles[f.nsteps] =
                    cols ? color_role(cJSON_GetStringValue(
                               cJSON_GetArrayItem(cols, f.nsteps)))
                         : (f.nsteps == 1 ? "warn" : "crit");
            }
            free(s);
            f.has_thresholds = f.nsteps > 0;
            if (jbool(p, "colorBackground", 0) &&
                !kind_has(kind, "color_mode")) {
                path_cat(pp, path, ".colorBackground");
                note(g, &b, 0, pp,
                     "background colour shown as the value's "
                     "colour");
            }
        }
        if (!ext && (!strcmp(kind, "gauge") || !strcmp(kind, "bargauge"))) {
            if (isnan(f.min))
                f.min = 0;
            if (isnan(f.max))
                f.max = f.min < 100 ? 100 : f.min + 100;
        }
        write_fields(&b, 0, &f);
        write_thresholds(g, &b, 0, path, &f, NAN, NAN);
        write_legacy_mappings(g, &b, 0, path, p);
        const char *pre = jtext(p, "prefix"), *post = jtext(p, "postfix");
        if (pre || post) {
            path_cat(pp, path, pre ? ".prefix" : ".postfix");
            note(g, &b, 0, pp, "prefix/postfix text not shown");
        }
    } else {
        path_cat(pp, path, ".fieldConfig.defaults");
        read_defaults(g, &b, def, pp, &f);
        const char *eu = jstr(ext, "unit");
        if (ext)
            f.unit = eu && format_unit_known(eu) ? eu : NULL;
        const char *tsm = jstr(jobj(custom, "thresholdsStyle"), "mode");
        int lines_kind = !strcmp(kind, "timeseries") || !strcmp(kind, "bar");
        if (lines_kind && !(tsm && strcmp(tsm, "off")))
            f.has_thresholds = 0; /* Grafana draws no threshold there */
        if (!ext && (!strcmp(kind, "gauge") || !strcmp(kind, "bargauge"))) {
            if (isnan(f.min))
                f.min = 0;
            if (isnan(f.max))
                f.max = f.min < 100 ? 100 : f.min + 100;
        }
        write_fields(&b, 0, &f);
        write_thresholds(g, &b, 0, pp, &f, NAN, NAN);
        path_cat(pp, path, ".fieldConfig.defaults.mappings");
        write_mappings(g, &b, 0, pp, jarr(def, "mappings"), jstr(def, "unit"));
        const char *nov = jtext(def, "noValue");
        if (nov) {
            if (panel_has("no_value"))
                yaml_kv(&b, 0, "no_value", nov);
            else {
                path_cat(pp, path, ".fieldConfig.defaults.noValue");
                note(g, &b, 0, pp, "'%s' for no value shown as \"no data\"",
                     nov);
            }
        }
        const char *dn = jtext(def, "displayName");
        if (dn) {
            path_cat(pp, path, ".fieldConfig.defaults.displayName");
            char *tpl = display_template(dn);
            if (tpl) {
                Buf *sb = &ov.series;
                yaml_kv_at(sb, 4, 1, "match", "/.*/");
                yaml_kv(sb, 4, "name", tpl);
            }
            free(tpl);
        }
        const char *cmode = jstr(jobj(def, "color"), "mode");
        if (cmode && !strcmp(cmode, "fixed")) {
            const char *role =
                color_series(jstr(jobj(def, "color"), "fixedColor"));
            if (role) {
                yaml_kv_at(&ov.series, 4, 1, "match", "/.*/");
                yaml_kv(&ov.series, 4, "color", role);
            }
        }
        const char *tr = jstr(custom, "transform");
        if (tr && !strcmp(tr, "negative-Y") && !strcmp(kind, "timeseries")) {
            /* every series mirrored below the axis */
            yaml_kv_at(&ov.series, 4, 1, "match", "/.*/");
            yaml_kv(&ov.series, 4, "negative", "true");
        }
        path_cat(pp, path, ".fieldConfig.overrides");
        read_overrides(g, &b, jarr(fc, "overrides"), pp, kind, &ov);
    }

    /* kind options */
    if (ext) {
        const char *rf = jstr(ext, "refresh");
        double secs;
        if (rf && duration_parse(rf, &secs) == 0 && secs > 0)
            yaml_kv(&b, 0, "refresh", rf);
        const char *es = jstr(ext, "datasource");
        if (es && *es && panel_has("datasource"))
            yaml_kv(&b, 0, "datasource", es);
        const cJSON *o2;
        cJSON_ArrayForEach(o2, jobj(ext, "options"))
        {
            if (panel_opt_index(ecls, o2->string) >= 0)
                yaml_json_kv(&b, o2->string, o2);
        }
    } else if (!strcmp(kind, "timeseries")) {
        if (legacy) {
            const cJSON *lg = jobj(p, "legend");
            if (lg && !jbool(lg, "show", 1))
                yaml_kv(&b, 0, "legend", "none");
            else if (lg && jbool(lg, "rightSide", 0))
                yaml_kv(&b, 0, "legend", "right");
            if (jbool(p, "stack", 0) && jbool(p, "percentage", 0))
                yaml_kv(&b, 0, "stack_percent", "true");
            else if (jbool(p, "stack", 0))
                yaml_kv(&b, 0, "stack", "true");
            if (jbool(p, "bars", 0) && !jbool(p, "lines", 1))
                yaml_kv(&b, 0, "style", "bars");
            else if (jbool(p, "points", 0) && !jbool(p, "lines", 1))
                yaml_kv(&b, 0, "style", "points");
            legacy_series_overrides(g, &b, p, path, &ov.series);
        } else {
            write_legend(&b, opts, kind);
            path_cat(pp, path, ".fieldConfig.defaults");
            write_timeseries_custom(g, &b, custom, pp);
        }
    } else if (!strcmp(kind, "stat") || !strcmp(kind, "gauge") ||
               !strcmp(kind, "bargauge")) {
        if (legacy) {
            const char *vn = jstr(p, "valueName");
            const char *mine = calc_of(vn);
            path_cat(pp, path, ".valueName");
            if (vn && !mine)
                note(g, &b, 0, pp, "value '%s' shown as the last value", vn);
            else if (mine && strcmp(mine, "last") && kind_has(kind, "calc"))
                yaml_kv(&b, 0, "calc", mine);
            else if (mine && strcmp(mine, "last"))
                note(g, &b, 0, pp, "value '%s' shown as the last value", vn);
            if (!strcmp(kind, "stat"))
                yaml_kv(&b, 0, "sparkline",
                        jbool(jobj(p, "sparkline"), "show", 0) ? "true"
                                                               : "false");
            if (jbool(p, "colorBackground", 0) && kind_has(kind, "color_mode"))
                yaml_kv(&b, 0, "color_mode", "background");
        } else {
            write_reduce(g, &b, opts, path, kind);
            if (!strcmp(kind, "stat")) {
                const char *gm = jstr(opts, "graphMode");
                yaml_kv(&b, 0, "sparkline",
                        gm && !strcmp(gm, "none") ? "false" : "true");
                const char *cm = jstr(opts, "colorMode");
                path_cat(pp, path, ".options.colorMode");
                if (cm && (!strcmp(cm, "background") ||
                           !strcmp(cm, "background_solid"))) {
                    if (kind_has(kind, "color_mode"))
                        yaml_kv(&b, 0, "color_mode", "background");
                    else
                        note(g, &b, 0, pp,
                             "background colour shown as the "
                             "value's colour");
                } else if (cm && !strcmp(cm, "none") &&
                           kind_has(kind, "color_mode")) {
                    yaml_kv(&b, 0, "color_mode", "none");
                }
                const char *tm = jstr(opts, "textMode");
                if (tm && (!strcmp(tm, "name") || !strcmp(tm, "none"))) {
                    path_cat(pp, path, ".options.textMode");
                    note(g, &b, 0, pp, "text mode '%s': the value is shown",
                         tm);
                }
            }
            if (!strcmp(kind, "bargauge")) {
                const char *o = jstr(opts, "orientation");
                if (o && !strcmp(o, "vertical"))
                    yaml_kv(&b, 0, "orientation", "vertical");
            }
        }
    } else if (!strcmp(kind, "table")) {
        table_transforms(g, &b, p, path, &ov, &tables);
        if (legacy) {
            const char *tf2 = jstr(p, "transform");
            if (tf2 && strcmp(tf2, "table") &&
                strcmp(tf2, "timeseries_to_rows")) {
                path_cat(pp, path, ".transform");
                note(g, &b, 0, pp, "table transform '%s' not applied", tf2);
            }
            if (jarr(p, "styles")) {
                path_cat(pp, path, ".styles");
                note(g, &b, 0, pp, "column styles ignored");
            }
        }
    } else if (!strcmp(kind, "heatmap")) {
        int buckets = !strcmp(type, "heatmap") || !strcmp(type, "heatmap-new");
        const cJSON *t0 = cJSON_GetArrayItem(jarr(p, "targets"), 0);
        const char *fmt = jstr(t0, "format");
        const char *lf = jstr(t0, "legendFormat");
        if (buckets && !(fmt && !strcmp(fmt, "heatmap")) &&
            !(lf && strstr(lf, "{{le}}")) &&
            !jbool(jobj(opts, "calculate") ? opts : NULL, "calculate", 0)) {
            const char *df = jstr(p, "dataFormat");
            buckets = df && !strcmp(df, "tsbuckets");
        }
        if (buckets && jbool(opts, "calculate", 0)) {
            path_cat(pp, path, ".options.calculate");
            note(g, &b, 0, pp,
                 "buckets Grafana would calculate: each "
                 "series drawn as a row");
            buckets = 0;
        }
        /* state-timeline, status-history: a row per series, coloured by
         * thresholds and mappings over time */
        yaml_kv(&b, 0, "mode", buckets ? "buckets" : "series");
    } else if (!strcmp(kind, "pie")) {
        const char *pt = jstr(opts, "pieType");
        if ((pt && !strcmp(pt, "donut")) ||
            (jstr(p, "pieType") && !strcmp(jstr(p, "pieType"), "donut")))
            yaml_kv(&b, 0, "donut", "true");
        write_legend(&b, opts, kind);
        if (!opts)
            write_reduce(g, &b, NULL, path, kind);
    } else if (!strcmp(kind, "bar")) {
        const char *o = jstr(opts, "orientation");
        if (o && !strcmp(o, "horizontal"))
            yaml_kv(&b, 0, "orientation", "horizontal");
        const char *sk = jstr(opts, "stacking");
        if (sk && strcmp(sk, "none"))
            yaml_kv(&b, 0, "stack", "true");
        const char *xf = jtext(opts, "xField");
        if (xf) {
            path_cat(pp, path, ".options.xField");
            note(g, &b, 0, pp, "categories are the series, not field '%s'", xf);
        }
    } else if (!strcmp(kind, "histogram")) {
        const cJSON *t0 = cJSON_GetArrayItem(jarr(p, "targets"), 0);
        const char *expr = jstr(t0, "expr");
        if (!(expr && strstr(expr, "_bucket"))) {
            if (kind_has("histogram", "mode"))
                yaml_kv(&b, 0, "mode", "values");
            else
                note(g, &b, 0, path,
                     "histogram of raw values: drawn as "
                     "Prometheus buckets");
        }
    }
    if (!ext && !strcmp(kind, "alertlist")) {
        write_alertlist(g, &b, opts, path);
        gp->yaml = b.s;
        overrides_free(&ov);
        return;
    }

    if (ov.series.s) {
        if (panel_has("overrides")) {
            buf_puts(&b, "overrides:\n");
            buf_puts(&b, ov.series.s);
        } else {
            path_cat(pp, path, ".fieldConfig.overrides");
            note(g, &b, 0, pp, "series overrides not applied");
        }
    }
    int nq = write_targets(g, &b, p, path, &ki, &ov);
    if (nq > 0 && tables.extra.s) {
        buf_puts(&b, tables.extra.s); /* fields computed from the queries */
        nq += tables.nextra;
    }
    tables_free(&tables);
    for (int i = 0; i < ov.nrefs; i++)
        if (ov.refs[i].ref[0]) {
            path_cat(pp, path, ".fieldConfig.overrides");
            note(g, &b, 0, pp, "overrides of query %s: no such query",
                 ov.refs[i].ref);
        }
    overrides_free(&ov);
    if (nq == 0 &&
        !(ext && (ecls->query_mode == 0 || !strcmp(ecls->name, "alertlist")))) {
        /* nothing to ask: keep the place, say why */
        Buf nb = {0};
        const char *nl = strchr(b.s, '\n');
        buf_put(&nb, b.s, nl ? (size_t)(nl - b.s + 1) : strlen(b.s));
        note(g, &nb, 0, path, "no PromQL query to draw");
        write_placeholder(&nb, "no PromQL query");
        if (b.oom)
            nb.oom = 1;
        free(b.s);
        b = nb;
    }
    if (b.oom) {
        free(b.s);
        b.s = NULL;
        g->failed = 1;
    }
    gp->yaml = b.s;
}

/* ---- variables --------------------------------------------------------------
 */

static int var_has(const char *key)
{
    return spec_has(layout_var_opts, key);
}

/* A variable's query as text: the string, or the object forms ({query},
 * {qryType, label, metric, ...}). NULL when there is none. */
static char *var_query_text(const cJSON *v)
{
    const cJSON *q = jget(v, "query");
    if (cJSON_IsString(q))
        return strdup(q->valuestring);
    if (!cJSON_IsObject(q))
        return NULL;
    const char *s = jtext(q, "query");
    if (s)
        return strdup(s);
    int t;
    if (!jint(q, "qryType", &t))
        return NULL;
    const char *label = jtext(q, "label"), *metric = jtext(q, "metric");
    char buf[1024];
    switch (t) {
    case 0:
        snprintf(buf, sizeof buf, "label_names(%s)", metric ? metric : "");
        break;
    case 1:
        if (!label)
            return NULL;
        if (metric)
            snprintf(buf, sizeof buf, "label_values(%s, %s)", metric, label);
        else
            snprintf(buf, sizeof buf, "label_values(%s)", label);
        break;
    case 2:
        snprintf(buf, sizeof buf, "metrics(%s)", metric ? metric : ".*");
        break;
    default:
        return NULL;
    }
    return strdup(buf);
}

/* Splits "a,b,c" or "text : value, ..." (custom and interval variables);
 * the values into vals (malloc'd strings), returns the count. Commas may be
 * escaped as "\,". */
static int split_custom(const char *s, char ***vals)
{
    int n = 0, cap = 0;
    *vals = NULL;
    Buf cur = {0};
    for (const char *p = s;; p++) {
        if (*p == '\\' && p[1] == ',') {
            buf_put(&cur, ",", 1);
            p++;
            continue;
        }
        if (*p && *p != ',') {
            buf_put(&cur, p, 1);
            continue;
        }
        char *item = cur.s ? cur.s : strdup("");
        cur = (Buf){0};
        if (!item)
            break;
        /* "text : value" keeps the value */
        char *sep = strstr(item, " : ");
        char *v = sep ? sep + 3 : item;
        while (isspace((unsigned char)*v))
            v++;
        size_t len = strlen(v);
        while (len && isspace((unsigned char)v[len - 1]))
            v[--len] = '\0';
        if (*v) {
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                char **nv = realloc(*vals, sizeof *nv * (size_t)cap);
                if (!nv) {
                    free(item);
                    break;
                }
                *vals = nv;
            }
            (*vals)[n++] = strdup(v);
        }
        free(item);
        if (!*p)
            break;
    }
    free(cur.s);
    return n;
}

/* The current value(s) of variable v: "All" for $__all; the text of a
 * string, or of each item of a list. Returns the count put in out (at
 * most max; malloc'd strings). */
static int var_current(const cJSON *v, char **out, int max)
{
    const cJSON *cur = jobj(v, "current");
    const cJSON *val = jget(cur, "value");
    int n = 0;
    if (cJSON_IsString(val) && val->valuestring[0] && max > 0) {
        out[n++] = strdup(strcmp(val->valuestring, "$__all") ? val->valuestring
                                                             : "All");
    } else if (cJSON_IsArray(val)) {
        const cJSON *x;
        cJSON_ArrayForEach(x, val)
        {
            if (!cJSON_IsString(x) || n >= max)
                continue;
            out[n++] = strdup(strcmp(x->valuestring, "$__all") ? x->valuestring
                                                               : "All");
        }
    }
    return n;
}

static void write_values(Buf *b, int indent, const char *key, char **vals,
                         int n)
{
    buf_indent(b, indent);
    buf_printf(b, "%s: [", key);
    for (int i = 0; i < n; i++) {
        if (i)
            buf_puts(b, ", ");
        yaml_quoted(b, vals[i]);
    }
    buf_puts(b, "]\n");
}

/* Converts templating.list into `variables:` (into vb) and `constants:`
 * (into cb). Declares the names for the expression check. */
/* Whether a variable's name is one promboard can use ($name, no "__"). */
static int var_name_ok(const char *name)
{
    int ok = name && (isalpha((unsigned char)name[0]) ||
                      (name[0] == '_' && name[1] != '_'));
    for (const char *c = name; ok && *c; c++)
        ok = isalnum((unsigned char)*c) || *c == '_';
    return ok;
}

static void conv_vars(G *g, const cJSON *list, Buf *vb, Buf *cb)
{
    const cJSON *v;
    /* every name first: a variable may use one declared after it */
    cJSON_ArrayForEach(v, list)
    {
        const char *name = jtext(v, "name");
        if (!var_name_ok(name))
            continue;
        char **nv = realloc(g->vars, sizeof *nv * (size_t)(g->nvars + 1));
        if (!nv)
            continue;
        g->vars = nv;
        if ((nv[g->nvars] = strdup(name)))
            g->nvars++;
    }
    int k = -1;
    cJSON_ArrayForEach(v, list)
    {
        char path[G_PATH];
        path_cat(path, "templating.list", "[%d]", ++k);
        /* where its entry starts in vb (0-based), moved once vb is placed */
        int at = 0;
        for (size_t i = 0; i < vb->len; i++)
            at += vb->s[i] == '\n';
        mark(g, at, path);
        const char *name = jtext(v, "name");
        const char *type = jstr(v, "type");
        if (!type)
            type = "query";
        if (!var_name_ok(name)) {
            note(g, vb, 2, path,
                 "variable '%s' has a name promboard cannot use",
                 name ? name : "");
            continue;
        }
        if (!strcmp(type, "datasource")) {
            buf_indent(vb, 2);
            buf_printf(vb,
                       "# $%s picks a Grafana datasource: promboard asks "
                       "its own (the dashboard's datasource:, else the main "
                       "server)\n",
                       name);
            continue;
        }
        char *cur[64];
        int ncur = var_current(v, cur, 64);
        const char *qs = NULL;
        char *qtext = NULL;
        if (!strcmp(type, "constant")) {
            qs = jstr(v, "query");
            buf_indent(cb, 2);
            yaml_scalar(cb, name);
            buf_puts(cb, ": ");
            yaml_quoted(cb, qs ? qs : (ncur ? cur[0] : ""));
            buf_puts(cb, "\n");
            for (int i = 0; i < ncur; i++)
                free(cur[i]);
            continue;
        }
        yaml_kv_at(vb, 4, 1, "name", name);
        const char *label = jtext(v, "label");
        if (label && strcmp(label, name) && var_has("label"))
            yaml_kv(vb, 4, "label", label);
        double hide;
        if (jnum(v, "hide", &hide) && hide == 2 && var_has("hide"))
            yaml_kv(vb, 4, "hide", "true");
        int multi = jbool(v, "multi", 0), all = jbool(v, "includeAll", 0);
        const char *allv = jtext(v, "allValue");
        char **vals = NULL;
        int nvals = 0;
        int listed = 0; /* the choices are written here */
        if (!strcmp(type, "query")) {
            qtext = var_query_text(v);
            char *fixed = qtext ? expr_fix(g, NULL, path, qtext) : NULL;
            if (!fixed || !*fixed) {
                note(g, vb, 4, path,
                     "variable without a query: its value is "
                     "fixed");
            } else if (!strncmp(fixed, "label_values(", 13) ||
                       var_has("regex")) {
                /* label_names(), metrics(), query_result() come with the
                 * regex key */
                yaml_kv(vb, 4, "query", fixed);
            } else {
                note(g, vb, 4, path,
                     "query '%s' not supported: the variable "
                     "keeps its current value",
                     fixed);
            }
            free(fixed);
            const char *re = jtext(v, "regex");
            if (re) {
                if (var_has("regex"))
                    yaml_kv(vb, 4, "regex", re);
                else
                    note(g, vb, 4, path, "regex %s not applied", re);
            }
            double sort = 0; /* Grafana's default: the server's order */
            static const char *const sorts[] = {
                "none",          "alpha",    "alpha_desc",
                "num",           "num_desc", "alpha_ci",
                "alpha_ci_desc", "natural",  "natural_desc"};
            jnum(v, "sort", &sort);
            if (sort >= 0 && sort <= 8 && sort != 1) {
                if (var_has("sort"))
                    yaml_kv(vb, 4, "sort", sorts[(int)sort]);
                else if (sort != 1)
                    note(g, vb, 4, path, "sort '%s' shown as alphabetical",
                         sorts[(int)sort]);
            }
        } else if (!strcmp(type, "custom") || !strcmp(type, "interval")) {
            qs = jstr(v, "query");
            nvals = split_custom(qs ? qs : "", &vals);
            if (!strcmp(type, "interval") && var_has("kind"))
                yaml_kv(vb, 4, "kind", "interval");
            /* the auto choice's current value names it */
            for (int i = 0; i < ncur; i++)
                if (cur[i] && !strncmp(cur[i], "$__auto_interval", 16)) {
                    free(cur[i]);
                    cur[i] = strdup("auto");
                }
            if (!strcmp(type, "interval") && jbool(v, "auto", 0)) {
                if (var_has("auto")) {
                    yaml_kv(vb, 4, "auto", "true");
                    int ac;
                    if (jint(v, "auto_count", &ac) && ac >= 1)
                        yaml_kn(vb, 4, "auto_count", ac);
                    const char *am = jtext(v, "auto_min");
                    if (am)
                        yaml_kv(vb, 4, "auto_min", am);
                } else {
                    note(g, vb, 4, path, "auto interval not offered");
                }
            }
            if (nvals > 0) {
                write_values(vb, 4, "values", vals, nvals);
                listed = 1;
            }
        } else if (!strcmp(type, "textbox")) {
            qs = jstr(v, "query");
            if (var_has("kind"))
                yaml_kv(vb, 4, "kind", "textbox");
            if (!ncur && qs && *qs)
                cur[ncur++] = strdup(qs);
            if (!ncur)
                cur[ncur++] = strdup("");
            if (!var_has("kind")) {
                write_values(vb, 4, "values", cur, 1);
                listed = 1;
            }
        } else if (!strcmp(type, "adhoc")) {
            if (!var_has("filters")) {
                note(g, vb, 4, path, "ad hoc filters not applied");
                yaml_kv(vb, 4, "value", "");
            } else {
                yaml_kv(vb, 4, "kind", "adhoc");
                buf_puts(vb, "    filters:");
                const cJSON *fl;
                int nf = 0;
                cJSON_ArrayForEach(fl, jarr(v, "filters"))
                {
                    const char *key = jstr(fl, "key"),
                               *op = jstr(fl, "operator");
                    const char *val = jstr(fl, "value");
                    if (!key || !val)
                        continue;
                    buf_puts(vb, nf++ ? "\n      - " : "\n      - ");
                    buf_puts(vb, "{label: ");
                    yaml_quoted(vb, key);
                    buf_printf(vb, ", op: \"%s\", value: ",
                               op && (!strcmp(op, "!=") || !strcmp(op, "=~") ||
                                      !strcmp(op, "!~"))
                                   ? op
                                   : "=");
                    yaml_quoted(vb, val);
                    buf_puts(vb, "}");
                }
                buf_puts(vb, nf ? "\n" : " []\n");
            }
            for (int i = 0; i < ncur; i++)
                free(cur[i]);
            free(qtext);
            continue;
        } else {
            note(g, vb, 4, path, "variable type '%s' not supported", type);
        }
        if (all)
            yaml_kv(vb, 4, "all", "true");
        if (allv) {
            if (var_has("all_value"))
                yaml_kv(vb, 4, "all_value", allv);
            else
                note(g, vb, 4, path, "All stands for every value, not '%s'",
                     allv);
        }
        if (multi) {
            if (var_has("multi"))
                yaml_kv(vb, 4, "multi", "true");
            else
                note(g, vb, 4, path, "one value at a time, not several");
        }
        /* the current value: only one the loader will accept */
        int usable = 0;
        for (int i = 0; i < ncur; i++) {
            int fine = cur[i] && (!strcmp(cur[i], "All") ? all : 1);
            if (fine && listed && !strcmp(cur[i], "auto") &&
                !strcmp(type, "interval") && jbool(v, "auto", 0)) {
                cur[usable++] = cur[i];
                continue;
            }
            if (fine && listed) {
                int in = 0;
                for (int j = 0; j < nvals && !in; j++)
                    in = !strcmp(vals[j], cur[i]);
                fine = in || !strcmp(cur[i], "All");
            }
            if (fine && cur[i][0])
                cur[usable++] = cur[i];
            else
                free(cur[i]);
        }
        if (usable > 1 && multi && var_has("multi"))
            write_values(vb, 4, "value", cur, usable);
        else if (usable >= 1)
            yaml_kv(vb, 4, "value", cur[0]);
        else if (!listed && strcmp(type, "query"))
            yaml_kv(vb, 4, "value", ""); /* the loader wants one */
        for (int i = 0; i < usable; i++)
            free(cur[i]);
        for (int i = 0; i < nvals; i++)
            free(vals[i]);
        free(vals);
        free(qtext);
    }
}

/* ---- layout: sections, rows and columns
 * ---------------------------------------- */

/* The YAML being written and its line count (for the marks). */
typedef struct {
    Buf b;
    size_t counted; /* bytes of b whose line breaks are in lines */
    int lines;
} Out;

static int out_line(Out *o)
{
    for (; o->counted < o->b.len; o->counted++)
        o->lines += o->b.s[o->counted] == '\n';
    return o->lines + 1;
}

static int cmp_yx(const void *a, const void *b)
{
    const GPanel *p = *(GPanel *const *)a, *q = *(GPanel *const *)b;
    if (p->y != q->y)
        return (p->y > q->y) - (p->y < q->y);
    if (p->x != q->x)
        return (p->x > q->x) - (p->x < q->x);
    return (p > q) - (p < q); /* the file's order */
}

static int cmp_xy(const void *a, const void *b)
{
    const GPanel *p = *(GPanel *const *)a, *q = *(GPanel *const *)b;
    if (p->x != q->x)
        return (p->x > q->x) - (p->x < q->x);
    if (p->y != q->y)
        return (p->y > q->y) - (p->y < q->y);
    return (p > q) - (p < q); /* the file's order */
}

/* Rows a band of `h` grid units needs on a terminal to stay readable. */
static int band_min(int h)
{
    return h < 3 ? 3 : h > 8 ? 8 : h;
}

/* What promboard's own object of panel gp says of the row around it at
 * `depth` (0: outermost): key "height", "min_height" or "width" (of the
 * column cell holding it); 0 when it says nothing. */
static int ext_row(const GPanel *gp, int depth, const char *key)
{
    const cJSON *r = cJSON_GetArrayItem(jarr(gp->ext, "rows"), depth);
    double v;
    return jnum(r, key, &v) && v >= 1 && v <= 1000 ? (int)v : 0;
}

/* Writes panel gp as a list item at `indent` (its keys at indent + 2),
 * `width` its share of the row (promboard's own width when it wrote it). */
static void put_panel(G *g, Out *o, const GPanel *gp, int indent, int width)
{
    double ew;
    if (jnum(gp->ext, "width", &ew) && ew >= 1 && ew <= 1000)
        width = (int)ew;
    mark(g, out_line(o), gp->path);
    const char *s = gp->yaml ? gp->yaml : "title: ?\n";
    int first = 1;
    while (*s) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s + 1) : strlen(s);
        buf_indent(&o->b, first ? indent : indent + 2);
        if (first)
            buf_puts(&o->b, "- ");
        buf_put(&o->b, s, n);
        if (!e)
            buf_puts(&o->b, "\n");
        if (first) {
            buf_indent(&o->b, indent + 2);
            buf_printf(&o->b, "width: %d\n", width);
        }
        first = 0;
        s += n;
    }
}

/* The first of ps[0..n) that panel l overlaps, or NULL. */
static const GPanel *grid_collision(GPanel *const *ps, int n, const GPanel *l)
{
    for (int i = 0; i < n; i++)
        if (ps[i]->x < l->x + l->w && l->x < ps[i]->x + ps[i]->w &&
            ps[i]->y < l->y + l->h && l->y < ps[i]->y + ps[i]->h)
            return ps[i];
    return NULL;
}

/* Places ps[0..n) as Grafana's grid shows them: in reading order, each
 * panel floats up as far as the panels before it let it, and one that
 * overlaps an earlier panel moves down below it. */
static void grid_compact(GPanel **ps, int n)
{
    qsort(ps, (size_t)n, sizeof *ps, cmp_yx);
    int bottom = 0; /* of the panels placed */
    for (int i = 0; i < n; i++) {
        GPanel *l = ps[i];
        if (l->y > bottom)
            l->y = bottom;
        if (!grid_collision(ps, i, l)) {
            /* up to the lowest bottom of the panels above it */
            int top = 0;
            for (int k = 0; k < i; k++)
                if (ps[k]->x < l->x + l->w && l->x < ps[k]->x + ps[k]->w &&
                    ps[k]->y + ps[k]->h <= l->y && ps[k]->y + ps[k]->h > top)
                    top = ps[k]->y + ps[k]->h;
            l->y = top;
        }
        const GPanel *c;
        while ((c = grid_collision(ps, i, l)))
            l->y = c->y + c->h;
        if (l->y + l->h > bottom)
            bottom = l->y + l->h;
    }
}

static void lay_rows(G *g, Out *o, GPanel **ps, int n, int indent, int depth);

/* Writes the band ps[0..n) (grid rows top..bottom) as one row item at
 * `indent`: its panels side by side, stacked ones as columns. */
static void lay_band(G *g, Out *o, GPanel **ps, int n, int top, int bottom,
                     int indent, int depth)
{
    int h = bottom - top, mh = band_min(h);
    if (n > 0 && ext_row(ps[0], depth, "height")) {
        h = ext_row(ps[0], depth, "height");
        mh = ext_row(ps[0], depth, "min_height");
        if (mh < 3)
            mh = 3;
    }
    buf_indent(&o->b, indent);
    buf_printf(&o->b, "- height: %d\n", h);
    buf_indent(&o->b, indent + 2);
    buf_printf(&o->b, "min_height: %d\n", mh);
    buf_indent(&o->b, indent + 2);
    buf_puts(&o->b, "panels:\n");
    qsort(ps, (size_t)n, sizeof *ps, cmp_xy);
    int i = 0;
    while (i < n) {
        /* a column: panels overlapping across, from ps[i] on */
        int right = ps[i]->x + ps[i]->w, j = i + 1;
        while (j < n && ps[j]->x < right) {
            if (ps[j]->x + ps[j]->w > right)
                right = ps[j]->x + ps[j]->w;
            j++;
        }
        int width = right - ps[i]->x;
        if (width < 1)
            width = 1;
        if (j - i == 1) {
            put_panel(g, o, ps[i], indent + 4, width);
        } else if (depth >= G_MAX_DEPTH ||
                   !spec_has(layout_column_opts, "rows")) {
            /* side by side: the closest the rows can do */
            qsort(ps + i, (size_t)(j - i), sizeof *ps, cmp_yx);
            for (int k = i; k < j; k++)
                put_panel(g, o, ps[k], indent + 4, ps[k]->w);
            note(g, NULL, 0, ps[i]->path,
                 "panels stacked in Grafana's grid placed side by side");
        } else {
            if (ext_row(ps[i], depth, "width"))
                width = ext_row(ps[i], depth, "width");
            buf_indent(&o->b, indent + 4);
            buf_printf(&o->b, "- width: %d\n", width);
            buf_indent(&o->b, indent + 6);
            buf_puts(&o->b, "rows:\n");
            qsort(ps + i, (size_t)(j - i), sizeof *ps, cmp_yx);
            lay_rows(g, o, ps + i, j - i, indent + 8, depth + 1);
        }
        i = j;
    }
}

/* Writes panels ps[0..n) as rows (list items at `indent`): bands of
 * panels overlapping down, each band a row. */
static void lay_rows(G *g, Out *o, GPanel **ps, int n, int indent, int depth)
{
    qsort(ps, (size_t)n, sizeof *ps, cmp_yx);
    int i = 0;
    while (i < n) {
        int top = ps[i]->y, bottom = ps[i]->y + ps[i]->h, j = i + 1;
        while (j < n && ps[j]->y < bottom) {
            if (ps[j]->y + ps[j]->h > bottom)
                bottom = ps[j]->y + ps[j]->h;
            j++;
        }
        /* a band holding a single column of panels would come back here
         * unchanged: split it where one panel's bottom meets the next's
         * top instead, else cut it by the panels' tops */
        int flat = 1;
        for (int k = i; k < j && flat; k++)
            flat = ps[k]->y == top && ps[k]->y + ps[k]->h == bottom;
        if (!flat && j - i > 1) {
            int right = ps[i]->x + ps[i]->w, single = 1;
            GPanel **tmp = malloc(sizeof *tmp * (size_t)(j - i));
            if (tmp) {
                memcpy(tmp, ps + i, sizeof *tmp * (size_t)(j - i));
                qsort(tmp, (size_t)(j - i), sizeof *tmp, cmp_xy);
                right = tmp[0]->x + tmp[0]->w;
                for (int k = 1; k < j - i; k++) {
                    if (tmp[k]->x >= right)
                        single = 0;
                    if (tmp[k]->x + tmp[k]->w > right)
                        right = tmp[k]->x + tmp[k]->w;
                }
                free(tmp);
            }
            if (single) {
                /* one column: the panels overlap across; cut at each top */
                note(g, NULL, 0, ps[i]->path,
                     "overlapping panels in Grafana's grid placed in rows");
                for (int k = i; k < j; k++) {
                    int t2 = ps[k]->y, b2 = ps[k]->y + ps[k]->h;
                    lay_band(g, o, ps + k, 1, t2, b2, indent, depth);
                }
                i = j;
                continue;
            }
        }
        lay_band(g, o, ps + i, j - i, top, bottom, indent, depth);
        i = j;
    }
}

/* ---- old rows[] (schemaVersion < 16): Grafana's own migration
 * ---------------------- */

/* Grid units for a height in pixels ("250px" or 250), as Grafana counts
 * them: 30 px cells and 8 px gaps, 90 px at least. */
static int grid_height(const cJSON *h, int dflt)
{
    double px = 0;
    if (cJSON_IsNumber(h))
        px = h->valuedouble;
    else if (cJSON_IsString(h))
        px = strtod(h->valuestring, NULL);
    if (!(px > 0))
        return dflt;
    if (px < 90)
        px = 90;
    if (px > 38e6)
        px = 38e6; /* a million cells: more than any screen, and an int */
    return (int)ceil(px / 38);
}

/* ---- the dashboard
 * -------------------------------------------------------------- */

typedef struct {
    const cJSON *row; /* the row panel, NULL before the first */
    char path[G_PATH];
    GPanel *ps;
    int n, cap;
} Section;

static GPanel *section_add(Section *s)
{
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 8;
        GPanel *np = realloc(s->ps, sizeof *np * (size_t)cap);
        if (!np)
            return NULL;
        s->ps = np;
        s->cap = cap;
    }
    GPanel *gp = &s->ps[s->n++];
    memset(gp, 0, sizeof *gp);
    return gp;
}

/* Writes one section: its header (a Grafana row) and its panels. */
static void put_section(G *g, Out *o, Section *s)
{
    const cJSON *row = s->row;
    if (row) {
        const char *t = jtext(row, "title");
        mark(g, out_line(o), s->path);
        int collapsed = jbool(row, "collapsed", 0) || jbool(row, "collapse", 0);
        const char *rep = jtext(row, "repeat");
        if (spec_has(layout_section_opts, "section")) {
            yaml_kv_at(&o->b, 4, 1, "section", t ? t : "");
            if (collapsed)
                yaml_kv(&o->b, 4, "collapsed", "true");
            if (rep && spec_has(layout_section_opts, "repeat"))
                yaml_kv(&o->b, 4, "repeat", rep);
            else if (rep)
                note(g, &o->b, 4, s->path, "row repeat over $%s: drawn once",
                     rep);
        } else {
            char c[256];
            snprintf(c, sizeof c, "row: %s%s", t ? t : "",
                     collapsed ? " (collapsed in Grafana)" : "");
            yaml_comment(&o->b, 2, c);
        }
    }
    if (s->n == 0)
        return;
    GPanel **ps = malloc(sizeof *ps * (size_t)s->n);
    if (!ps) {
        o->b.oom = 1;
        return;
    }
    int miny = s->ps[0].y;
    for (int i = 0; i < s->n; i++) {
        ps[i] = &s->ps[i];
        if (s->ps[i].y < miny)
            miny = s->ps[i].y;
    }
    for (int i = 0; i < s->n; i++)
        ps[i]->y -= miny;
    if (s->n <= G_COMPACT_MAX)
        grid_compact(ps, s->n);
    lay_rows(g, o, ps, s->n, 2, 0);
    free(ps);
}

static void sections_free(Section *ss, int n)
{
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < ss[i].n; k++)
            free(ss[i].ps[k].yaml);
        free(ss[i].ps);
    }
    free(ss);
}

static int cmp_json_yx(const void *a, const void *b)
{
    const cJSON *p = *(const cJSON *const *)a, *q = *(const cJSON *const *)b;
    double py = 0, qy = 0, px = 0, qx = 0;
    jnum(jobj(p, "gridPos"), "y", &py);
    jnum(jobj(q, "gridPos"), "y", &qy);
    jnum(jobj(p, "gridPos"), "x", &px);
    jnum(jobj(q, "gridPos"), "x", &qx);
    if (py != qy)
        return (py > qy) - (py < qy);
    return (px > qx) - (px < qx);
}

/* 1 when p is a copy Grafana made for a repeat (older versions saved them
 * along with the panel or row repeated). */
static int repeat_copy(const cJSON *p)
{
    const cJSON *a = jget(p, "repeatPanelId"), *b = jget(p, "repeatIteration");
    return (a && !cJSON_IsNull(a)) || (b && !cJSON_IsNull(b));
}

/* Gathers the dashboard's panels into sections in Grafana's order. With
 * `rows` (the old layout), migrates each row to grid positions first. */
static Section *gather(G *g, const cJSON *dash, int *nsec)
{
    Section *ss = NULL;
    int n = 0, cap = 0;
#define NEW_SECTION()                                                          \
    do {                                                                       \
        if (n == cap) {                                                        \
            cap = cap ? cap * 2 : 8;                                           \
            Section *ns = realloc(ss, sizeof *ns * (size_t)cap);               \
            if (!ns)                                                           \
                goto oom;                                                      \
            ss = ns;                                                           \
        }                                                                      \
        memset(&ss[n++], 0, sizeof *ss);                                       \
    } while (0)
    const cJSON *panels = jarr(dash, "panels");
    const cJSON *rows = jarr(dash, "rows");
    if (rows && !(panels && cJSON_GetArraySize(panels) > 0)) {
        int y = 0, show = 0;
        const cJSON *r;
        cJSON_ArrayForEach(r, rows) show |= jbool(r, "collapse", 0) ||
                                            jbool(r, "showTitle", 0) ||
                                            jtext(r, "repeat") != NULL;
        int ri = -1;
        cJSON_ArrayForEach(r, rows)
        {
            ri++;
            if (jget(r, "repeatIteration") &&
                !cJSON_IsNull(jget(r, "repeatIteration")))
                continue;
            NEW_SECTION();
            Section *s = &ss[n - 1];
            path_cat(s->path, "rows", "[%d]", ri);
            if (show)
                s->row = r;
            int rh = grid_height(jget(r, "height"), 7);
            /* Grafana's packing: left to right, a panel wrapping to a new
             * line when the row is full, each resting on what is above its
             * columns */
            int x = 0, area[G_GRID_COLS] = {0}, rowy = y, bottom = y;
            int k = -1;
            const cJSON *p;
            cJSON_ArrayForEach(p, jarr(r, "panels"))
            {
                k++;
                if (g->npanels >= G_MAX_PANELS)
                    break;
                int span = 4;
                jint(p, "span", &span);
                int w = span > G_GRID_COLS ? G_GRID_COLS : span * 2;
                w = w < 1 ? 1 : w > G_GRID_COLS ? G_GRID_COLS : w;
                int h =
                    jget(p, "height") ? grid_height(jget(p, "height"), rh) : rh;
                if (x + w > G_GRID_COLS)
                    x = 0;
                int top = 0;
                for (int c = x; c < x + w; c++)
                    top = area[c] > top ? area[c] : top;
                for (int c = x; c < x + w; c++)
                    area[c] = top + h;
                GPanel *gp = section_add(s);
                if (!gp)
                    goto oom;
                char path[G_PATH];
                path_cat(path, s->path, ".panels[%d]", k);
                conv_panel(g, p, path, gp);
                gp->x = x;
                gp->y = rowy + top;
                gp->w = w;
                gp->h = h;
                if (gp->y + h > bottom)
                    bottom = gp->y + h;
                x += w;
            }
            y = bottom > y + rh ? bottom : y + rh;
        }
        return *nsec = n, ss;
    }
    if (!panels) {
        *nsec = 0;
        return ss;
    }
    /* top-level panels in grid order; a row starts a section */
    int np = cJSON_GetArraySize(panels);
    const cJSON **order = malloc(sizeof *order * (size_t)(np + 1));
    int *index = malloc(sizeof *index * (size_t)(np + 1));
    if (!order || !index) {
        free(order);
        free(index);
        goto oom;
    }
    int k = 0;
    const cJSON *p;
    cJSON_ArrayForEach(p, panels) order[k++] = p;
    /* keep the file's index for the paths */
    for (int i = 0; i < np; i++)
        index[i] = i;
    for (int i = 1; i < np; i++) { /* stable insertion sort by y, x */
        const cJSON *x = order[i];
        int xi = index[i], j = i;
        while (j > 0 && cmp_json_yx(&order[j - 1], &x) > 0) {
            order[j] = order[j - 1];
            index[j] = index[j - 1];
            j--;
        }
        order[j] = x;
        index[j] = xi;
    }
    NEW_SECTION();
    snprintf(ss[0].path, sizeof ss[0].path, "panels");
    int copied_row = 0; /* under a row Grafana copied for a repeat */
    for (int i = 0; i < np; i++) {
        p = order[i];
        const char *type = jstr(p, "type");
        char path[G_PATH];
        path_cat(path, "panels", "[%d]", index[i]);
        int is_row = type && !strcmp(type, "row");
        if (is_row)
            copied_row = repeat_copy(p);
        /* copies a Grafana saved for a repeat: made again from the
         * repeated panel or row */
        if (copied_row || repeat_copy(p))
            continue;
        if (is_row) {
            NEW_SECTION();
            Section *s = &ss[n - 1];
            s->row = p;
            snprintf(s->path, sizeof s->path, "%s", path);
            int c = -1;
            const cJSON *child;
            cJSON_ArrayForEach(child, jarr(p, "panels"))
            {
                c++;
                if (g->npanels >= G_MAX_PANELS)
                    break;
                if (jstr(child, "type") && !strcmp(jstr(child, "type"), "row"))
                    continue;
                GPanel *gp = section_add(s);
                if (!gp) {
                    free(order);
                    free(index);
                    goto oom;
                }
                char cp[G_PATH];
                path_cat(cp, path, ".panels[%d]", c);
                conv_panel(g, child, cp, gp);
            }
            continue;
        }
        if (g->npanels >= G_MAX_PANELS)
            continue;
        GPanel *gp = section_add(&ss[n - 1]);
        if (!gp) {
            free(order);
            free(index);
            goto oom;
        }
        conv_panel(g, p, path, gp);
    }
    free(order);
    free(index);
    *nsec = n;
    return ss;
oom:
    sections_free(ss, n);
    *nsec = 0;
    g->failed = 1;
    return NULL;
#undef NEW_SECTION
}

/* The dashboard's time range (time.from/time.to) as a promboard range. */
static void write_range(G *g, Buf *b, const cJSON *dash)
{
    const cJSON *t = jobj(dash, "time");
    const char *from = jstr(t, "from"), *to = jstr(t, "to");
    if (!from)
        return;
    char dur[64];
    if (to && strcmp(to, "now")) {
        if ((!strcmp(from, "now/d") && !strcmp(to, "now/d")) ||
            (!strcmp(from, "now/M") && !strcmp(to, "now/M"))) {
            yaml_kv(b, 0, "range", from[5] == 'd' ? "today" : "mtd");
            note(g, b, 0, "time", "the whole %s shown up to now",
                 from[5] == 'd' ? "day" : "month");
            return;
        }
        note(g, b, 0, "time.to", "time range ending at '%s' shown ending now",
             to);
    }
    if (!strcmp(from, "now/d"))
        yaml_kv(b, 0, "range", "today");
    else if (!strcmp(from, "now/M"))
        yaml_kv(b, 0, "range", "mtd");
    else if (!strncmp(from, "now-", 4) &&
             grafana_duration(from, dur, sizeof dur)) {
        yaml_kv(b, 0, "range", dur);
        if (strchr(from, '/'))
            note(g, b, 0, "time.from", "'%s' not rounded", from);
    } else {
        note(g, b, 0, "time.from", "time range from '%s': the last hour shown",
             from);
    }
}

int grafana_is_dashboard(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && isspace((unsigned char)text[i]))
        i++;
    if (i == len || text[i] != '{')
        return 0;
    /* a key a dashboard, export or wrapper has, near the top */
    static const char *const keys[] = {"\"panels\"",
                                       "\"schemaVersion\"",
                                       "\"dashboard\"",
                                       "\"__inputs\"",
                                       "\"spec\"",
                                       "\"templating\"",
                                       NULL};
    for (int k = 0; keys[k]; k++) {
        size_t kl = strlen(keys[k]);
        for (size_t j = i; j + kl <= len; j++)
            if (text[j] == '"' && !memcmp(text + j, keys[k], kl))
                return 1;
    }
    return 0;
}

/* Line and column (1-based) of byte offset off in text. */
static void line_col(const char *text, size_t off, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *col = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

char *grafana_to_yaml(const char *file, const char *name, const char *text,
                      size_t len, GrafanaInfo *info, LayoutError *err)
{
    LayoutError dummy;
    GrafanaInfo idummy;
    if (!err)
        err = &dummy;
    if (!info)
        info = &idummy;
    memset(err, 0, sizeof *err);
    memset(info, 0, sizeof *info);
    snprintf(err->file, sizeof err->file, "%s", file ? file : "(dashboard)");
    G g = {.file = file ? file : "(dashboard)", .err = err, .info = info};
    if (len > GRAFANA_MAX_BYTES) {
        gfail(&g, 0, 0, "too big (%zu bytes; the limit is %d)", len,
              GRAFANA_MAX_BYTES);
        return NULL;
    }
    const char *end = NULL;
    cJSON *root =
        cJSON_ParseWithLengthOpts(text ? text : "", text ? len : 0, &end, 0);
    if (!root) {
        int line, col;
        size_t off = end && text && end >= text ? (size_t)(end - text) : 0;
        if (off > len)
            off = len;
        line_col(text ? text : "", off, &line, &col);
        size_t rest = off + 1;
        while (rest < len && isspace((unsigned char)text[rest]))
            rest++;
        gfail(&g, line, col, "invalid JSON%s",
              rest >= len ? " (it ends too early)" : "");
        return NULL;
    }
    /* trailing garbage after the object */
    if (end) {
        size_t off = (size_t)(end - text);
        while (off < len && isspace((unsigned char)text[off]))
            off++;
        if (off < len) {
            int line, col;
            line_col(text, off, &line, &col);
            cJSON_Delete(root);
            gfail(&g, line, col, "invalid JSON: text after the dashboard");
            return NULL;
        }
    }
    cJSON *dash = root;
    if (!cJSON_IsObject(dash)) {
        cJSON_Delete(root);
        gfail(&g, 1, 1, "not a Grafana dashboard: expected a JSON object");
        return NULL;
    }
    /* wrappers: {"dashboard": ...} of the HTTP API, the resource forms */
    cJSON *inner = cJSON_GetObjectItemCaseSensitive(dash, "dashboard");
    if (cJSON_IsObject(inner))
        dash = inner;
    cJSON *spec = cJSON_GetObjectItemCaseSensitive(dash, "spec");
    if (cJSON_IsObject(spec)) {
        if (jget(spec, "elements") || jget(spec, "layout")) {
            cJSON_Delete(root);
            gfail(&g, 0, 0,
                  "Grafana's v2 dashboard schema (spec.elements and "
                  "spec.layout) is not supported: export the dashboard as "
                  "Classic JSON");
            return NULL;
        }
        dash = spec;
    }
    if (!jarr(dash, "panels") && !jarr(dash, "rows")) {
        cJSON_Delete(root);
        gfail(&g, 0, 0, "not a Grafana dashboard: no 'panels' or 'rows'");
        return NULL;
    }
    g.inputs = cJSON_GetObjectItemCaseSensitive(root, "__inputs");
    if (!cJSON_IsArray(g.inputs))
        g.inputs = cJSON_GetObjectItemCaseSensitive(dash, "__inputs");
    if (cJSON_IsArray(g.inputs))
        inputs_apply(&g, dash->child);
    else
        g.inputs = NULL;

    Out o = {0};
    Buf *b = &o.b;
    const char *title = jtext(dash, "title");
    double sv = 0;
    jnum(dash, "schemaVersion", &sv);
    buf_puts(b, "# Converted by promboard from the Grafana dashboard ");
    yaml_quoted(b, title ? title : "");
    buf_printf(b, " (schemaVersion %g).\n", sv);
    yaml_kv(b, 0, "title", title ? title : "Grafana dashboard");
    char *nm = name ? strdup(name) : layout_name_from_file(g.file);
    if (nm)
        yaml_kv(b, 0, "name", nm);
    free(nm);
    if (sv > 0 && sv < 13)
        note(&g, b, 0, "schemaVersion",
             "version %g is older than Grafana still reads", sv);
    const cJSON *refresh = jget(dash, "refresh");
    double rs;
    if (cJSON_IsString(refresh) &&
        duration_parse(refresh->valuestring, &rs) == 0 && rs > 0)
        yaml_kv(b, 0, "refresh", rs < 1 ? "1s" : refresh->valuestring);
    write_range(&g, b, dash);
    const char *sc = jstr(jobj(dash, "promboard"), "scrape_interval");
    if (sc && duration_parse(sc, &rs) == 0 && rs > 0 &&
        spec_has(layout_dashboard_opts, "scrape_interval"))
        yaml_kv(b, 0, "scrape_interval", sc);
    const char *dsn = jstr(jobj(dash, "promboard"), "datasource");
    if (dsn && *dsn && spec_has(layout_dashboard_opts, "datasource"))
        yaml_kv(b, 0, "datasource", dsn);

    /* variables first: the expressions name them */
    Buf vb = {0}, cb = {0};
    int vm0 = info->nmarks;
    conv_vars(&g, jarr(jobj(dash, "templating"), "list"), &vb, &cb);
    int vm1 = info->nmarks;
    int ns = 0;
    Section *ss = gather(&g, dash, &ns);
    /* unknown names met in expressions are declared as constants */
    for (int i = 0; i < g.nvars; i++) {
        int declared = 0;
        const cJSON *v;
        cJSON_ArrayForEach(v, jarr(jobj(dash, "templating"), "list"))
        {
            const char *vn = jstr(v, "name");
            declared |= vn && !strcmp(vn, g.vars[i]);
        }
        if (!declared) {
            buf_indent(&cb, 2);
            yaml_scalar(&cb, g.vars[i]);
            buf_printf(&cb, ": \"$%s\"\n", g.vars[i]);
        }
    }
    if (vb.s && strstr(vb.s, "- name:"))
        buf_puts(b, "variables:\n");
    int vline = out_line(&o); /* vb's first line */
    if (vb.s)
        buf_puts(b, vb.s);
    for (int i = vm0; i < vm1; i++)
        info->mark_line[i] += vline;
    if (!vb.s) /* no entry: nothing of a variable to point to */
        for (int i = vm0; i < vm1; i++)
            info->mark_line[i] = INT_MAX;
    if (cb.s) {
        if (vm1 > vm0)
            mark(&g, out_line(&o), "dashboard"); /* not the last variable */
        buf_puts(b, "constants:\n");
        buf_puts(b, cb.s);
    }
    free(vb.s);
    free(cb.s);
    const cJSON *ann;
    int ai = -1;
    cJSON_ArrayForEach(ann, jarr(jobj(dash, "annotations"), "list"))
    {
        ai++;
        if (jbool(ann, "builtIn", 0) || !jbool(ann, "enable", 1))
            continue;
        char p[G_PATH];
        path_cat(p, "annotations.list", "[%d]", ai);
        const char *an = jtext(ann, "name");
        note(&g, b, 0, p, "annotations '%s' not drawn", an ? an : "?");
    }
    buf_puts(b, "rows:\n");
    int any = 0;
    for (int i = 0; ss && i < ns; i++) {
        if (ss[i].row || ss[i].n > 0)
            any = 1;
        put_section(&g, &o, &ss[i]);
    }
    if (!any) {
        /* an empty dashboard still opens: one panel says so */
        buf_puts(b, "  - panels:\n"
                    "      - title: No panels\n"
                    "        kind: text\n"
                    "        content: This Grafana dashboard has no panels.\n");
    }
    sections_free(ss, ns);
    for (int i = 0; i < g.ntitles; i++)
        free(g.titles[i]);
    free(g.titles);
    for (int i = 0; i < g.nvars; i++)
        free(g.vars[i]);
    free(g.vars);
    cJSON_Delete(root);
    if (b->oom || g.failed) {
        free(b->s);
        if (!g.failed || !err->msg[0])
            snprintf(err->msg, sizeof err->msg, "out of memory");
        return NULL;
    }
    return b->s;
}

const char *grafana_info_path(const GrafanaInfo *info, int line)
{
    const char *best = NULL;
    for (int i = 0; info && i < info->nmarks; i++)
        if (info->mark_line[i] <= line)
            best = info->mark_path[i];
    return best;
}

void grafana_info_free(GrafanaInfo *info)
{
    if (!info)
        return;
    for (int i = 0; i < info->nnotes; i++)
        free(info->notes[i]);
    free(info->notes);
    for (int i = 0; i < info->nmarks; i++)
        free(info->mark_path[i]);
    free(info->mark_path);
    free(info->mark_line);
    memset(info, 0, sizeof *info);
}
