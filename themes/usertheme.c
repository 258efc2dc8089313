/* usertheme.c - themes from YAML files: `base: NAME` picks a built-in theme
 * to start from (dark when absent) and every other key is a role name whose
 * value is a colour (the foreground) or a mapping of fg, bg, attrs and mono.
 * Read through the shared YAML reader (util/conf.h): file size capped, keys
 * checked against tables, errors as file:line:col: message. */
#include "theme.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/conf.h"

#define THEME_FILE_MAX (64 * 1024)

/* The keys of a theme file: base, then every role. */
static const OptSpec theme_opts[] = {
    {.name = "base",
     .type = OPT_ENUM,
     .choices = "dark|light|high-contrast|mono",
     .help = "The built-in theme to start from."},
#define THEME_ROLE_OPT(id, nm)                                                 \
    {.name = nm, .type = OPT_STRING, .help = "A role's colour or style."},
    THEME_ROLES(THEME_ROLE_OPT)
#undef THEME_ROLE_OPT
        {0},
};

/* The keys of a role's mapping. */
static const OptSpec role_opts[] = {
    {.name = "fg", .type = OPT_STRING, .help = "Foreground colour."},
    {.name = "bg", .type = OPT_STRING, .help = "Background colour."},
    {.name = "attrs", .type = OPT_STRINGS, .help = "Attributes with colour."},
    {.name = "mono", .type = OPT_STRINGS, .help = "Attributes without colour."},
    {0},
};

/* Attribute words ("bold", "bold reverse", "bold,underline", "none") or a
 * sequence of them into TA_* bits. */
static int parse_attrs(ConfCtx *x, const ConfNode *n, const char *key, int *out)
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
    ConfNode *const *items;
    int count, bits = 0;
    if (conf_items(x, n, key, &items, &count) < 0)
        return -1;
    for (int i = 0; i < count; i++) {
        const ConfNode *item = items ? items[i] : n;
        if (item->type != CONF_SCALAR)
            return conf_fail(x, item,
                             "attributes are words: bold, reverse, "
                             "underline, dim");
        char buf[128], q[72];
        snprintf(buf, sizeof buf, "%s", item->text);
        for (char *w = strtok(buf, " ,"); w; w = strtok(NULL, " ,")) {
            size_t k = 0, nw = sizeof words / sizeof words[0];
            while (k < nw && strcmp(words[k].name, w))
                k++;
            if (k == nw)
                return conf_fail(x, item,
                                 "unknown attribute '%s' (bold, reverse, "
                                 "underline, dim)",
                                 conf_quote(q, sizeof q, w));
            bits |= words[k].bit;
        }
    }
    *out = bits;
    return 0;
}

/* A colour node into the role's fg (bg when `bg`). */
static int parse_color(ConfCtx *x, const ConfNode *n, RoleStyle *st, int bg)
{
    int c16, c256;
    unsigned rgb;
    char q[72];
    if (n->type != CONF_SCALAR ||
        theme_color_parse(n->text, &c16, &c256, &rgb) < 0)
        return conf_fail(x, n,
                         "bad colour '%s' (use #rrggbb, 0-255 or a name "
                         "such as red, bright-blue, default)",
                         n->type == CONF_SCALAR
                             ? conf_quote(q, sizeof q, n->text)
                             : "(not a scalar)");
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
static int parse_role(ConfCtx *x, const ConfNode *v, RoleStyle *st)
{
    if (v->type == CONF_SCALAR)
        return parse_color(x, v, st, 0);
    if (v->type != CONF_MAP)
        return conf_fail(x, v,
                         "a role is a colour or a mapping of fg, bg, attrs, "
                         "mono");
    if (conf_check_keys(x, v, "a role", role_opts, NULL) < 0)
        return -1;
    const ConfNode *n;
    if ((n = conf_get(v, "fg")) && parse_color(x, n, st, 0) < 0)
        return -1;
    if ((n = conf_get(v, "bg")) && parse_color(x, n, st, 1) < 0)
        return -1;
    if ((n = conf_get(v, "attrs")) &&
        parse_attrs(x, n, "attrs", &st->attrs) < 0)
        return -1;
    if ((n = conf_get(v, "mono")) &&
        parse_attrs(x, n, "mono", &st->mono_attrs) < 0)
        return -1;
    return 0;
}

/* The theme of mapping root into *out: base first, wherever it is, so the
 * roles apply on top of it. */
static int parse_theme(ConfCtx *x, const ConfNode *root, Theme *out)
{
    if (root->type != CONF_MAP)
        return conf_fail(x, root, "a theme is a mapping: base and role names");
    for (int i = 0; i + 1 < root->n; i += 2) {
        const ConfNode *k = root->kids[i];
        if (conf_spec(theme_opts, k->text))
            continue;
        const char *best = conf_suggest(k->text, theme_opts, NULL);
        char q[72];
        return conf_fail(x, k,
                         "unknown role '%s'%s%s%s (the roles are listed "
                         "under THEMES in promboard(1))",
                         conf_quote(q, sizeof q, k->text),
                         best ? ", did you mean '" : "", best ? best : "",
                         best ? "'?" : "");
    }
    const ConfNode *b = conf_get(root, "base");
    if (b) {
        OptValue o = {0};
        if (conf_value(x, &theme_opts[0], b, &o) < 0)
            return -1;
        *out = *theme_find(o.str);
        conf_value_free(&o);
    }
    for (int i = 0; i + 1 < root->n; i += 2) {
        const ConfNode *k = root->kids[i];
        int r = theme_role_find(k->text);
        if (r >= 0 && parse_role(x, root->kids[i + 1], &out->roles[r]) < 0)
            return -1;
    }
    return 0;
}

int theme_load_text(const char *file, const char *text, size_t len, Theme *out,
                    char *err, size_t errn)
{
    ConfCtx x;
    ConfError e;
    conf_init(&x, file, &e);
    *out = *theme_find("dark");
    ConfNode *root = conf_parse(&x, text, len);
    if (!root && !x.failed)
        conf_fail_pos(&x, 1, 1, "the theme file is empty");
    if (root)
        parse_theme(&x, root, out);
    conf_node_free(root);
    if (x.failed) {
        conf_error_format(&e, err, errn);
        return -1;
    }
    snprintf(out->name, sizeof out->name, "%s", file);
    return 0;
}

/* Reads the theme file at path. */
static int load_file(const char *path, Theme *out, char *err, size_t errn)
{
    char *text, why[160];
    size_t len;
    if (conf_read_file(path, THEME_FILE_MAX, &text, &len, why, sizeof why) <
        0) {
        snprintf(err, errn, "%s: cannot read the theme file: %s", path, why);
        return -1;
    }
    int rc = theme_load_text(path, text, len, out, err, errn);
    free(text);
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
        return load_file(name, out, err, errn);
    char dir[4096], file[4200];
    if (conf_dir(dir, sizeof dir - 8)) {
        strcat(dir, "/themes");
        snprintf(file, sizeof file, "%s/%s.yaml", dir, name);
        char why[160];
        if (conf_check_file(file, why, sizeof why) == 0 || errno != ENOENT)
            return load_file(file, out, err, errn);
    } else {
        snprintf(dir, sizeof dir, "%s", "~/.config/promboard/themes");
    }
    snprintf(err, errn,
             "unknown theme '%s' (dark, light, high-contrast, mono, or "
             "NAME.yaml in %s)",
             name, dir);
    return -1;
}
