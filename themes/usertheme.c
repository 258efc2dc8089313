/* usertheme.c - themes from YAML files: `base: NAME` picks a built-in theme
 * to start from (dark when absent) and every other key is a role name whose
 * value is a colour (the foreground) or a mapping of fg, bg, attrs and mono.
 * Errors name the file, line and column. Depends on libyaml and util/ only. */
#include "theme.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "../util/conf.h"
#include "../util/text.h"

#define THEME_FILE_MAX (64 * 1024)

/* Writes "file:line:col: message" for node n (1-based positions). */
static int node_error(char *err, size_t errn, const char *file,
                      const yaml_node_t *n, const char *fmt, ...)
{
    char raw[256], msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    text_clean_buf(msg, sizeof msg, raw, strlen(raw), 0); /* quotes the file */
    snprintf(err, errn, "%s:%lu:%lu: %s", file,
             (unsigned long)n->start_mark.line + 1,
             (unsigned long)n->start_mark.column + 1, msg);
    return -1;
}

static const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value
                                            : NULL;
}

/* Attribute words ("bold", "bold reverse", "bold,underline", "none") or a
 * sequence of them into TA_* bits. Returns -1 after writing the error. */
static int parse_attrs(yaml_document_t *doc, yaml_node_t *n, const char *file,
                       int *out, char *err, size_t errn)
{
    static const struct {
        const char *name;
        int bit;
    } words[] = {{"bold", TA_BOLD},
                 {"reverse", TA_REVERSE},
                 {"underline", TA_UNDERLINE},
                 {"dim", TA_DIM},
                 {"none", 0},
                 {"normal", 0}};
    int bits = 0;
    yaml_node_item_t *it = NULL, *end = NULL;
    if (n->type == YAML_SEQUENCE_NODE) {
        it = n->data.sequence.items.start;
        end = n->data.sequence.items.top;
    }
    for (;;) {
        yaml_node_t *item = n;
        if (it) {
            if (it == end)
                break;
            item = yaml_document_get_node(doc, *it++);
        }
        const char *s = scalar(item);
        if (!s)
            return node_error(err, errn, file, item,
                              "attributes are words: bold, reverse, "
                              "underline, dim");
        char buf[128];
        snprintf(buf, sizeof buf, "%s", s);
        for (char *w = strtok(buf, " ,"); w; w = strtok(NULL, " ,")) {
            size_t k = 0, nw = sizeof words / sizeof words[0];
            while (k < nw && strcmp(words[k].name, w))
                k++;
            if (k == nw)
                return node_error(err, errn, file, item,
                                  "unknown attribute '%s' (bold, reverse, "
                                  "underline, dim)",
                                  w);
            bits |= words[k].bit;
        }
        if (!it)
            break;
    }
    *out = bits;
    return 0;
}

/* A colour node into the role's fg (bg when `bg`). */
static int parse_color(yaml_node_t *n, const char *file, RoleStyle *st, int bg,
                       char *err, size_t errn)
{
    const char *s = scalar(n);
    int c16, c256;
    unsigned rgb;
    if (!s || theme_color_parse(s, &c16, &c256, &rgb) < 0)
        return node_error(err, errn, file, n,
                          "bad colour '%s' (use #rrggbb, 0-255 or a name "
                          "such as red, bright-blue, default)",
                          s ? s : "(not a scalar)");
    if (bg) {
        st->bg8 = c16;
        st->bg256 = c256;
        st->rgb_bg = rgb;
    } else {
        st->fg8 = c16;
        st->fg256 = c256;
        st->rgb_fg = rgb;
    }
    return 0;
}

/* One role's value: a colour, or a mapping of fg, bg, attrs, mono. */
static int parse_role(yaml_document_t *doc, yaml_node_t *v, const char *file,
                      RoleStyle *st, char *err, size_t errn)
{
    if (v->type == YAML_SCALAR_NODE)
        return parse_color(v, file, st, 0, err, errn);
    if (v->type != YAML_MAPPING_NODE)
        return node_error(err, errn, file, v,
                          "a role is a colour or a mapping of fg, bg, attrs, "
                          "mono");
    for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
         p < v->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(doc, p->key);
        yaml_node_t *val = yaml_document_get_node(doc, p->value);
        const char *key = scalar(k);
        int rc;
        if (key && !strcmp(key, "fg"))
            rc = parse_color(val, file, st, 0, err, errn);
        else if (key && !strcmp(key, "bg"))
            rc = parse_color(val, file, st, 1, err, errn);
        else if (key && !strcmp(key, "attrs"))
            rc = parse_attrs(doc, val, file, &st->attrs, err, errn);
        else if (key && !strcmp(key, "mono"))
            rc = parse_attrs(doc, val, file, &st->mono_attrs, err, errn);
        else
            rc = node_error(err, errn, file, k,
                            "unknown key '%s' in a role (fg, bg, attrs, mono)",
                            key ? key : "?");
        if (rc < 0)
            return -1;
    }
    return 0;
}

int theme_load_text(const char *file, const char *text, size_t len, Theme *out,
                    char *err, size_t errn)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser)) {
        snprintf(err, errn, "%s: out of memory", file);
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &doc)) {
        snprintf(err, errn, "%s:%lu:%lu: %s", file,
                 (unsigned long)parser.problem_mark.line + 1,
                 (unsigned long)parser.problem_mark.column + 1,
                 parser.problem ? parser.problem : "YAML syntax error");
        yaml_parser_delete(&parser);
        return -1;
    }
    yaml_parser_delete(&parser);
    int rc = 0;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    *out = *theme_find("dark");
    if (!root) {
        snprintf(err, errn, "%s:1:1: the theme file is empty", file);
        rc = -1;
    } else if (root->type != YAML_MAPPING_NODE) {
        rc = node_error(err, errn, file, root,
                        "a theme is a mapping: base and role names");
    }
    /* base first, wherever it is, so the overrides apply on top of it */
    for (yaml_node_pair_t *p = rc ? NULL : root->data.mapping.pairs.start;
         p && p < root->data.mapping.pairs.top; p++) {
        const char *key = scalar(yaml_document_get_node(&doc, p->key));
        if (!key || strcmp(key, "base"))
            continue;
        yaml_node_t *v = yaml_document_get_node(&doc, p->value);
        const Theme *b = theme_find(scalar(v) ? scalar(v) : "");
        if (!b) {
            rc = node_error(err, errn, file, v,
                            "unknown base theme '%s' (dark, light, "
                            "high-contrast, mono)",
                            scalar(v) ? scalar(v) : "?");
            break;
        }
        *out = *b;
    }
    for (yaml_node_pair_t *p = rc ? NULL : root->data.mapping.pairs.start;
         p && p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(&doc, p->key);
        const char *key = scalar(k);
        if (key && !strcmp(key, "base"))
            continue;
        int r = theme_role_find(key);
        if (r < 0) {
            rc = node_error(err, errn, file, k,
                            "unknown role '%s' (see ROLES in promboard(1))",
                            key ? key : "?");
            break;
        }
        if (parse_role(&doc, yaml_document_get_node(&doc, p->value), file,
                       &out->roles[r], err, errn) < 0) {
            rc = -1;
            break;
        }
    }
    yaml_document_delete(&doc);
    if (rc == 0)
        snprintf(out->name, sizeof out->name, "%s", file);
    return rc;
}

int theme_load_file(const char *path, Theme *out, char *err, size_t errn)
{
    char why[128], *buf;
    size_t n;
    if (conf_read_file(path, THEME_FILE_MAX, &buf, &n, why, sizeof why) < 0) {
        snprintf(err, errn, "cannot open theme '%s': %s", path, why);
        return -1;
    }
    int rc = theme_load_text(path, buf, n, out, err, errn);
    free(buf);
    return rc;
}

int theme_load(const char *name, Theme *out, char *err, size_t errn)
{
    const Theme *b = theme_find(name);
    if (b) {
        *out = *b;
        return 0;
    }
    size_t len = strlen(name);
    int path = strchr(name, '/') ||
               (len > 5 && !strcmp(name + len - 5, ".yaml")) ||
               (len > 4 && !strcmp(name + len - 4, ".yml"));
    if (path)
        return theme_load_file(name, out, err, errn);
    char file[4096];
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    if (xdg && *xdg)
        snprintf(file, sizeof file, "%s/promboard/themes/%s.yaml", xdg, name);
    else if (home && *home)
        snprintf(file, sizeof file, "%s/.config/promboard/themes/%s.yaml", home,
                 name);
    else
        file[0] = 0;
    struct stat sb;
    if (file[0] && stat(file, &sb) == 0)
        return theme_load_file(file, out, err, errn);
    snprintf(err, errn,
             "unknown theme '%s' (dark, light, high-contrast, mono, or "
             "NAME.yaml in %s)",
             name,
             xdg && *xdg ? "$XDG_CONFIG_HOME/promboard/themes"
                         : "~/.config/promboard/themes");
    return -1;
}
