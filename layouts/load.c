/* load.c - the layout loader: YAML text -> Dashboard. The shared reader
 * (util/conf.h) builds the tree (depth and size capped, aliases and
 * duplicate keys refused); each level is then checked against its option
 * table (opts.c, and each panel kind's own): unknown keys, types, bounds,
 * required keys and defaults. What the tables cannot say is checked here:
 * panel kinds, ascending thresholds, value mappings, $variables, unique
 * titles. Every error names the offending node as file:line:col: message.
 * Also the look-up of bundled layouts. */
#include "layout.h"

#include <ctype.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../datasource/query.h"
#include "../themes/theme.h"
#include "../util/text.h"
#include "grafana.h"

#define LAYOUT_MAX_BYTES (1024 * 1024) /* larger files are refused */

/* Where the loader is: the reader (file, first error) and the names a
 * query may use. */
typedef struct {
    ConfCtx x;
    const VarConf *vars; /* declared variables, for the $name check */
    int nvars;
    const ConstConf *consts; /* declared constants, likewise */
    int nconsts;
} Ctx;

/* Reads the value of key `name` of mapping m (its spec in table t) into o,
 * or the spec's default when absent. Returns 0 or -1. */
static int read_opt(Ctx *c, const ConfNode *m, const OptSpec *t,
                    const char *name, OptValue *o)
{
    const OptSpec *spec = conf_spec(t, name);
    const ConfNode *v = conf_get(m, name);
    return v ? conf_value(&c->x, spec, v, o) : conf_default(&c->x, spec, m, o);
}

/* ---- thresholds and mappings --------------------------------------------- */

/* Appends "a, b, c" of every colour role's name to buf. */
static char *role_names(char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < ROLE_COUNT && used + 1 < n; k++) {
        int w = snprintf(buf + used, n - used, "%s%s", k ? ", " : "",
                         theme_role_name((Role)k));
        used += w > 0 ? (size_t)w : 0;
    }
    return buf;
}

/* The colour role named by scalar v, into *out. */
static int parse_role(Ctx *c, const ConfNode *v, int *out)
{
    *out = v->type == CONF_SCALAR ? theme_role_find(v->text) : -1;
    if (*out >= 0)
        return 0;
    char q[72], list[400];
    return conf_fail(&c->x, v, "unknown color '%s' (known: %s)",
                     conf_quote(q, sizeof q, v->text ? v->text : ""),
                     role_names(list, sizeof list));
}

/* 'thresholds' of `map` (strictly ascending) and 'threshold_colors' (a
 * role below the first, then one above each), and the check that 'good'
 * and 'threshold_mode' (stored by the table) have thresholds beside them. */
static int parse_thresholds(Ctx *c, const ConfNode *map, const OptSpec *t,
                            Thresholds *th)
{
    const ConfNode *v = conf_get(map, "thresholds");
    if (v) {
        OptValue o = {0};
        if (read_opt(c, map, t, "thresholds", &o) < 0) {
            conf_value_free(&o);
            return -1;
        }
        th->steps = o.nums;
        th->n = o.n;
        th->set = 1;
        for (int i = 1; i < th->n; i++)
            if (!(th->steps[i] > th->steps[i - 1]))
                return conf_fail(&c->x, v->type == CONF_SEQ ? v->kids[i] : v,
                                 "thresholds must be strictly ascending: %g "
                                 "after %g",
                                 th->steps[i], th->steps[i - 1]);
    }
    static const char *const needing[] = {"good", "threshold_colors",
                                          "threshold_mode", NULL};
    for (int i = 0; needing[i]; i++)
        if (conf_get(map, needing[i]) && !v)
            return conf_fail(&c->x, conf_key(map, needing[i]),
                             "'%s' needs 'thresholds' beside it", needing[i]);
    const ConfNode *cols = conf_get(map, "threshold_colors");
    if (!cols)
        return 0;
    if (conf_get(map, "good"))
        return conf_fail(&c->x, conf_key(map, "good"),
                         "'good' and 'threshold_colors' both say the "
                         "colours; keep one");
    ConfNode *const *items = NULL;
    int n = 0;
    if (conf_items(&c->x, cols, "threshold_colors", &items, &n) < 0)
        return -1;
    if (n != th->n + 1)
        return conf_fail(&c->x, cols,
                         "'threshold_colors' needs %d colours (one below the "
                         "first threshold, then one above each), got %d",
                         th->n + 1, n);
    if (!(th->roles = calloc((size_t)n, sizeof *th->roles)))
        return conf_fail_oom(&c->x);
    for (int i = 0; i < n; i++)
        if (parse_role(c, items ? items[i] : cols, &th->roles[i]) < 0)
            return -1;
    return 0;
}

/* One mapping: what it matches (value, from/to, regex or special) and
 * what it shows (text, color: at least one). */
static int parse_mapping(Ctx *c, const ConfNode *m, ValueMap *vm)
{
    vm->role = -1;
    vm->from = -HUGE_VAL;
    vm->to = HUGE_VAL;
    if (conf_table(&c->x, m, "mapping", layout_mapping_opts, NULL, vm) < 0)
        return -1;
    const ConfNode *val = conf_key(m, "value"), *from = conf_key(m, "from"),
                   *to = conf_key(m, "to"), *re = conf_key(m, "regex"),
                   *sp = conf_key(m, "special");
    int kinds = !!val + !!(from || to) + !!re + !!sp;
    if (kinds != 1)
        return conf_fail(&c->x, m,
                         kinds ? "a mapping matches one way: 'value', "
                                 "'from'/'to', 'regex' or 'special'"
                               : "mapping has no 'value', 'from'/'to', "
                                 "'regex' or 'special'");
    if (val) {
        vm->type = MAP_VALUE;
        if (!conf_get(m, "value"))
            return conf_fail(&c->x, val, "expected a number for 'value'");
    } else if (from || to) {
        vm->type = MAP_RANGE;
        if (!(vm->from <= vm->to))
            return conf_fail(&c->x, conf_get(m, "to"),
                             "'to' (%g) is below 'from' (%g)", vm->to,
                             vm->from);
    } else if (re) {
        vm->type = MAP_REGEX;
        const ConfNode *rv = conf_get(m, "regex");
        regex_t *rx = calloc(1, sizeof *rx);
        if (!rx)
            return conf_fail_oom(&c->x);
        int rc = rv ? regcomp(rx, rv->text, REG_EXTENDED | REG_NOSUB) : 1;
        if (rc != 0) {
            char msg[128] = "empty";
            if (rv)
                regerror(rc, rx, msg, sizeof msg);
            free(rx);
            return conf_fail(&c->x, rv ? rv : re, "bad regex: %s", msg);
        }
        vm->regex = rx;
        if (!(vm->pattern = strdup(rv->text)))
            return conf_fail_oom(&c->x);
    } else {
        vm->type = MAP_SPECIAL;
        const ConfNode *sv = conf_get(m, "special"); /* null: no value */
        int idx = 0;
        if (sv && conf_enum(&c->x, sv, "special",
                            "null|nan|null+nan|true|false|empty", &idx) < 0)
            return -1;
        vm->special = idx;
    }
    const ConfNode *col = conf_get(m, "color");
    if (col && parse_role(c, col, &vm->role) < 0)
        return -1;
    if (!vm->text && !col)
        return conf_fail(&c->x, m, "mapping has no 'text' or 'color'");
    return 0;
}

/* 'mappings' of `map`: a list of mappings. */
static int parse_mappings(Ctx *c, const ConfNode *map, ValueMap **out, int *n)
{
    const ConfNode *seq = conf_get(map, "mappings");
    if (!seq || seq->n == 0)
        return 0; /* its shape was checked with its owner's table */
    *out = calloc((size_t)seq->n, sizeof **out);
    if (!*out)
        return conf_fail_oom(&c->x);
    *n = seq->n;
    for (int i = 0; i < seq->n; i++)
        (*out)[i].role = -1;
    for (int i = 0; i < seq->n; i++)
        if (parse_mapping(c, seq->kids[i], &(*out)[i]) < 0)
            return -1;
    return 0;
}

/* ---- overrides ------------------------------------------------------------
 */

/* A "/re/" or "/re/i" match text compiled into *out: 1; 0 when s is not in
 * that form (a plain name); -1 after an error. */
static int parse_match_regex(Ctx *c, const ConfNode *v, regex_t **out)
{
    const char *s = v->text;
    size_t n = strlen(s);
    const char *last = n >= 2 && s[0] == '/' ? strrchr(s, '/') : NULL;
    if (!last || last == s || (last[1] && strcmp(last + 1, "i")))
        return 0;
    char *pat = strndup(s + 1, (size_t)(last - s - 1));
    regex_t *rx = calloc(1, sizeof *rx);
    if (!pat || !rx) {
        free(pat);
        free(rx);
        return conf_fail_oom(&c->x);
    }
    int rc = regcomp(
        rx, pat, REG_EXTENDED | REG_NOSUB | (last[1] == 'i' ? REG_ICASE : 0));
    free(pat);
    if (rc != 0) {
        char msg[128];
        regerror(rc, rx, msg, sizeof msg);
        free(rx);
        return conf_fail(&c->x, v, "bad regex in 'match': %s", msg);
    }
    *out = rx;
    return 1;
}

static int parse_override(Ctx *c, const ConfNode *m, SeriesOverride *o)
{
    o->decimals = -1;
    o->min = o->max = NAN;
    o->role = -1;
    if (conf_table(&c->x, m, "override", layout_override_opts, NULL, o) < 0)
        return -1;
    const ConfNode *mt = conf_get(m, "match");
    OptValue ex = {0}, lg = {0}, st = {0};
    if (read_opt(c, m, layout_override_opts, "exact", &ex) < 0 ||
        read_opt(c, m, layout_override_opts, "legend", &lg) < 0 ||
        read_opt(c, m, layout_override_opts, "stack", &st) < 0)
        return -1;
    o->nolegend = lg.num == 0;
    o->nostack = st.num == 0;
    int r = 0;
    if (mt->type == CONF_SCALAR && ex.num == 0 &&
        (r = parse_match_regex(c, mt, (regex_t **)&o->regex)) < 0)
        return -1;
    if (r == 1 && !(o->match = strdup(mt->text)))
        return conf_fail_oom(&c->x);
    if (r == 0) {
        OptValue names = {0};
        if (read_opt(c, m, layout_override_opts, "match", &names) < 0) {
            conf_value_free(&names);
            return -1;
        }
        o->names = names.strs;
        o->nnames = names.n;
    }
    const ConfNode *col = conf_get(m, "color");
    if (col && parse_role(c, col, &o->role) < 0)
        return -1;
    if (parse_thresholds(c, m, layout_override_opts, &o->thresholds) < 0)
        return -1;
    return parse_mappings(c, m, &o->mappings, &o->nmappings);
}

static int parse_overrides(Ctx *c, const ConfNode *m, PanelConf *pc)
{
    const ConfNode *seq = conf_get(m, "overrides");
    if (!seq || seq->n == 0)
        return 0;
    if (!(pc->overrides = calloc((size_t)seq->n, sizeof *pc->overrides)))
        return conf_fail_oom(&c->x);
    pc->noverrides = seq->n;
    for (int i = 0; i < seq->n; i++)
        if (parse_override(c, seq->kids[i], &pc->overrides[i]) < 0)
            return -1;
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
static int check_vars(Ctx *c, const ConfNode *v, const char *expr)
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
            return conf_fail(&c->x, v, "unknown variable '$%s'",
                             conf_quote(q, sizeof q, name));
        }
    }
    return 0;
}

/* ---- queries ------------------------------------------------------------- */

/* Fills q's expression from node v (a scalar, the value of `key`). */
static int parse_expr(Ctx *c, const ConfNode *v, const char *key, QueryConf *q)
{
    q->line = v->line;
    q->col = v->col;
    if (conf_str(&c->x, v, key, &q->expr) < 0)
        return -1;
    if (!q->expr[strspn(q->expr, " \t\r\n")])
        return conf_fail(&c->x, v, "'%s' must not be empty", key);
    return check_vars(c, v, q->expr);
}

/* Where the `datasource:` key of mapping m is written, into r. */
static void source_pos(const ConfNode *m, SourceRef *r)
{
    const ConfNode *v = conf_get(m, "datasource");
    if (v) {
        r->line = v->line;
        r->col = v->col;
    }
}

static int parse_query(Ctx *c, const ConfNode *m, QueryConf *q)
{
    q->decimals = -1;
    source_pos(m, &q->source);
    q->step_factor = 1;
    if (conf_table(&c->x, m, "query", layout_query_opts, NULL, q) < 0 ||
        parse_expr(c, conf_get(m, "expr"), "expr", q) < 0 ||
        parse_thresholds(c, m, layout_query_opts, &q->thresholds) < 0)
        return -1;
    return parse_mappings(c, m, &q->mappings, &q->nmappings);
}

/* ---- panels -------------------------------------------------------------- */

/* A panel title seen so far, for the duplicate check. */
typedef struct {
    const char *title;
    int line, col; /* of the title's value */
    int order;     /* declaration order */
} TitleSeen;

static int kind_fail(Ctx *c, const ConfNode *v)
{
    char q[72], list[400];
    size_t used = 0;
    list[0] = '\0';
    for (int i = 0; panel_kinds[i] && used + 1 < sizeof list; i++) {
        int w = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
                         panel_kinds[i]->name);
        used += w > 0 ? (size_t)w : 0;
    }
    return conf_fail(&c->x, v, "unknown panel kind '%s' (known: %s)",
                     conf_quote(q, sizeof q, v->text), list);
}

static int parse_panel_queries(Ctx *c, const ConfNode *m, PanelConf *pc)
{
    const ConfNode *kq = conf_key(m, "query"), *kqs = conf_key(m, "queries");
    const ConfNode *q = conf_get(m, "query"), *qs = conf_get(m, "queries");
    int mode = pc->cls->query_mode_for ? pc->cls->query_mode_for(pc)
                                       : pc->cls->query_mode;
    if (mode == 0 && (q || qs) && panel_alert_source(pc)) {
        const ConfNode *src = conf_get(m, "source");
        return conf_fail(&c->x, q ? kq : kqs,
                         "an alertlist panel with source: %s reads alerts, "
                         "not queries: remove '%s'",
                         src ? src->text : "alerts", q ? "query" : "queries");
    }
    if (q && qs) {
        const ConfNode *later =
            kq->line > kqs->line ||
                    (kq->line == kqs->line && kq->col > kqs->col)
                ? kq
                : kqs;
        return conf_fail(&c->x, later,
                         "panel has both 'query' and 'queries'; keep one");
    }
    if (q) {
        if (!(pc->queries = calloc(1, sizeof *pc->queries)))
            return conf_fail_oom(&c->x);
        pc->nqueries = 1;
        pc->queries[0].decimals = -1;
        pc->queries[0].step_factor = 1;
        return parse_expr(c, q, "query", &pc->queries[0]);
    }
    if (qs) { /* a non-empty list of mappings: checked by the table */
        if (!(pc->queries = calloc((size_t)qs->n, sizeof *pc->queries)))
            return conf_fail_oom(&c->x);
        pc->nqueries = qs->n;
        for (int i = 0; i < qs->n; i++)
            if (parse_query(c, qs->kids[i], &pc->queries[i]) < 0)
                return -1;
        return 0;
    }
    if (mode != 0)
        return conf_fail(&c->x, m, "panel has no 'query' or 'queries'");
    return 0;
}

/* The kind's own options of panel m into pc->opts, defaults filled. */
static int parse_kind_opts(Ctx *c, const ConfNode *m, PanelConf *pc)
{
    int nopts = conf_spec_count(pc->cls->opts);
    if (!(pc->opts = calloc((size_t)nopts + 1, sizeof *pc->opts)))
        return conf_fail_oom(&c->x);
    for (int i = 0; i < nopts; i++) {
        const OptSpec *spec = &pc->cls->opts[i];
        const ConfNode *v = conf_get(m, spec->name);
        if (v ? conf_value(&c->x, spec, v, &pc->opts[i]) < 0
              : conf_default(&c->x, spec, m, &pc->opts[i]) < 0)
            return -1;
    }
    return 0;
}

static int check_repeat(Ctx *c, const ConfNode *m);

static int parse_panel(Ctx *c, const ConfNode *m, PanelConf *pc,
                       TitleSeen *seen)
{
    pc->decimals = -1;
    pc->min = pc->max = NAN;
    pc->line = m->line;
    pc->col = m->col;
    source_pos(m, &pc->source);

    /* The kind first: it decides which keys are accepted. */
    const ConfNode *k = conf_get(m, "kind");
    if (!k)
        return conf_fail(&c->x, m, "panel has no 'kind'");
    OptValue kind = {0};
    if (conf_value(&c->x, conf_spec(layout_panel_opts, "kind"), k, &kind) < 0)
        return -1;
    pc->cls = panel_kind_find(kind.str);
    conf_value_free(&kind);
    if (!pc->cls)
        return kind_fail(c, k);
    char what[96], q[72];
    snprintf(what, sizeof what, "a %s panel",
             conf_quote(q, sizeof q, pc->cls->name));
    if (conf_check_keys(&c->x, m, what, layout_panel_opts, pc->cls->opts) < 0 ||
        conf_table(&c->x, m, "panel", layout_panel_opts, pc->cls->opts, pc) < 0)
        return -1;

    if (check_repeat(c, m) < 0)
        return -1;
    const ConfNode *tv = conf_get(m, "title");
    seen->title = pc->title;
    seen->line = tv->line;
    seen->col = tv->col;
    if (!isnan(pc->min) && !isnan(pc->max) && !(pc->min < pc->max))
        return conf_fail(&c->x, conf_get(m, "max"),
                         "'max' (%g) must be greater than 'min' (%g)", pc->max,
                         pc->min);
    OptValue o = {0}; /* range: the panel's own window */
    if (read_opt(c, m, layout_panel_opts, "range", &o) < 0) {
        conf_value_free(&o);
        return -1;
    }
    if (conf_get(m, "range")) {
        pc->own_range = 1;
        pc->range = o.num;
        if (o.str)
            layout_range_parse(o.str, &pc->range_anchor, &pc->range);
    }
    conf_value_free(&o);
    /* the kind's options before the queries: they may say none is asked */
    if (parse_thresholds(c, m, layout_panel_opts, &pc->thresholds) < 0 ||
        parse_mappings(c, m, &pc->mappings, &pc->nmappings) < 0 ||
        parse_overrides(c, m, pc) < 0 || parse_kind_opts(c, m, pc) < 0)
        return -1;
    return parse_panel_queries(c, m, pc);
}

/* ---- rows, variables, the dashboard -------------------------------------- */

/* `repeat` of m names a variable. */
static int check_repeat(Ctx *c, const ConfNode *m)
{
    const ConfNode *r = conf_get(m, "repeat");
    if (!r || !r->text)
        return 0;
    const char *name = r->text[0] == '$' ? r->text + 1 : r->text;
    for (int i = 0; i < c->nvars; i++)
        if (!strcmp(c->vars[i].name, name))
            return 0;
    char q[72];
    return conf_fail(&c->x, r, "'repeat' names no variable: %s",
                     conf_quote(q, sizeof q, r->text));
}

static int parse_row(Ctx *c, const ConfNode *m, RowConf *row, TitleSeen *seen,
                     int *nseen, int depth);

/* A section header row: `section: Title` and `collapsed:`; its one panel
 * (kind section) draws the header and holds whether it is collapsed. */
static int parse_section(Ctx *c, const ConfNode *m, RowConf *row, int depth)
{
    if (depth > 0)
        return conf_fail(&c->x, conf_key(m, "section"),
                         "'section' heads the dashboard's own rows, not the "
                         "rows of a column");
    if (conf_table(&c->x, m, "section row", layout_section_opts, NULL, NULL) <
        0)
        return -1;
    row->section = 1;
    row->height = 1;
    row->min_height = 1;
    if (!(row->panels = calloc(1, sizeof *row->panels)))
        return conf_fail_oom(&c->x);
    row->npanels = 1;
    PanelConf *pc = &row->panels[0];
    pc->cls = &section_class;
    pc->width = 1;
    pc->decimals = -1;
    pc->min = pc->max = NAN;
    pc->line = m->line;
    pc->col = m->col;
    const ConfNode *t = conf_get(m, "section");
    if (t ? conf_line(&c->x, t, "section", &pc->title) < 0
          : !(pc->title = strdup("")))
        return c->x.failed ? -1 : conf_fail_oom(&c->x);
    OptValue col = {0};
    if (read_opt(c, m, layout_section_opts, "collapsed", &col) < 0)
        return -1;
    pc->collapsed = col.num != 0;
    if (!(pc->opts = calloc(1, sizeof *pc->opts)))
        return conf_fail_oom(&c->x);
    const ConfNode *rep = conf_get(m, "repeat");
    if (rep && (check_repeat(c, m) < 0 ||
                conf_str(&c->x, rep, "repeat", &pc->repeat) < 0))
        return -1;
    return 0;
}

/* A column cell of a row: `width` and `rows` stacked in it. */
static int parse_column(Ctx *c, const ConfNode *m, PanelConf *pc,
                        TitleSeen *seen, int *nseen, int depth)
{
    pc->decimals = -1;
    pc->min = pc->max = NAN;
    pc->line = m->line;
    pc->col = m->col;
    if (conf_table(&c->x, m, "column (a cell of rows)", layout_column_opts,
                   NULL, pc) < 0)
        return -1;
    const ConfNode *rs = conf_get(m, "rows");
    if (!(pc->rows = calloc((size_t)rs->n, sizeof *pc->rows)))
        return conf_fail_oom(&c->x);
    pc->nrows = rs->n;
    for (int i = 0; i < rs->n; i++)
        if (parse_row(c, rs->kids[i], &pc->rows[i], seen, nseen, depth + 1) < 0)
            return -1;
    return 0;
}

static int parse_row(Ctx *c, const ConfNode *m, RowConf *row, TitleSeen *seen,
                     int *nseen, int depth)
{
    if (m->type == CONF_MAP && conf_key(m, "section"))
        return parse_section(c, m, row, depth);
    if (conf_table(&c->x, m, "row", layout_row_opts, NULL, row) < 0)
        return -1;
    const ConfNode *ps = conf_get(m, "panels");
    if (!(row->panels = calloc((size_t)ps->n, sizeof *row->panels)))
        return conf_fail_oom(&c->x);
    row->npanels = ps->n;
    for (int i = 0; i < ps->n; i++) {
        const ConfNode *cell = ps->kids[i];
        if (cell->type == CONF_MAP && conf_key(cell, "rows") &&
            !conf_key(cell, "kind")) {
            if (parse_column(c, cell, &row->panels[i], seen, nseen, depth) < 0)
                return -1;
            continue;
        }
        seen[*nseen].order = *nseen;
        if (parse_panel(c, cell, &row->panels[i], &seen[*nseen]) < 0)
            return -1;
        (*nseen)++;
    }
    return 0;
}

/* Panel entries under a `rows` sequence node, columns' ones included. */
static size_t count_panel_nodes(const ConfNode *rows)
{
    size_t n = 0;
    for (int i = 0; rows && rows->type == CONF_SEQ && i < rows->n; i++) {
        const ConfNode *r = rows->kids[i];
        const ConfNode *ps = r->type == CONF_MAP ? conf_get(r, "panels") : NULL;
        for (int k = 0; ps && ps->type == CONF_SEQ && k < ps->n; k++) {
            const ConfNode *cell = ps->kids[k];
            const ConfNode *sub =
                cell->type == CONF_MAP ? conf_get(cell, "rows") : NULL;
            n += sub ? count_panel_nodes(sub) : 1;
        }
    }
    return n;
}

/* Appends every panel of rows[0..n) to d->panels, depth first. */
static void collect_panels(Dashboard *d, RowConf *rows, int n)
{
    for (int i = 0; i < n; i++)
        for (int k = 0; k < rows[i].npanels; k++) {
            PanelConf *pc = &rows[i].panels[k];
            if (LAYOUT_IS_COLUMN(pc))
                collect_panels(d, pc->rows, pc->nrows);
            else
                d->panels[d->npanels++] = pc;
        }
}

int layout_reindex(Dashboard *d)
{
    int n = layout_rows_panel_count(d->rows, d->nrows);
    PanelConf **ps = calloc((size_t)n + 1, sizeof *ps);
    if (!ps)
        return -1;
    free(d->panels);
    d->panels = ps;
    d->npanels = 0;
    collect_panels(d, d->rows, d->nrows);
    for (int i = 0; i < d->nrows; i++) {
        if (!d->rows[i].section)
            continue;
        int j = i + 1;
        while (j < d->nrows && !d->rows[j].section)
            j++;
        d->rows[i].panels[0].nunder =
            layout_rows_panel_count(d->rows + i + 1, j - i - 1);
    }
    return 0;
}

/* Builds d->panels and counts the panels under each section header. */
static int index_panels(Ctx *c, Dashboard *d)
{
    return layout_reindex(d) < 0 ? conf_fail_oom(&c->x) : 0;
}

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
static int parse_label_values(Ctx *c, const ConfNode *q, VarConf *v)
{
    const char *s = q->text;
    const char *open = strchr(s, '('), *close = strrchr(s, ')');
    size_t fn = open ? (size_t)(open - s) : 0;
    while (fn && s[fn - 1] == ' ')
        fn--;
    if (!open || !close || close < open || fn != 12 ||
        strncmp(s, "label_values", 12) || close[1 + strspn(close + 1, " ")])
        return conf_fail(&c->x, q,
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
        return conf_fail_oom(&c->x);
    if (!good_name(v->label) && strncmp(v->label, "__name__", 9))
        return conf_fail(&c->x, q, "bad label name '%s' in label_values",
                         v->label);
    if (!v->metric[0])
        return conf_fail(&c->x, q, "label_values needs a metric");
    return 0;
}

/* A query of another form: label_names([match]), metrics(regex),
 * query_result(expr). Returns 1 when q is one of them, 0 when not, -1 on
 * an error. */
static int parse_other_query(Ctx *c, const ConfNode *q, VarConf *v)
{
    static const struct {
        const char *fn;
        int type;
    } fns[] = {{"label_names", VQ_LABEL_NAMES},
               {"metrics", VQ_METRICS},
               {"query_result", VQ_QUERY_RESULT}};
    const char *s = q->text;
    while (*s == ' ')
        s++;
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        size_t n = strlen(fns[i].fn);
        if (strncmp(s, fns[i].fn, n))
            continue;
        const char *open = s + n;
        while (*open == ' ')
            open++;
        const char *close = strrchr(open, ')');
        if (*open != '(' || !close || close[1 + strspn(close + 1, " ")])
            return conf_fail(&c->x, q, "expected %s(...) for 'query'",
                             fns[i].fn);
        const char *a = open + 1, *b = close;
        while (a < b && *a == ' ')
            a++;
        while (b > a && b[-1] == ' ')
            b--;
        if (fns[i].type != VQ_LABEL_NAMES && a == b)
            return conf_fail(&c->x, q, "%s() needs an argument", fns[i].fn);
        if (!(v->qtext = strndup(a, (size_t)(b - a))))
            return conf_fail_oom(&c->x);
        v->qtype = fns[i].type;
        return 1;
    }
    return 0;
}

/* Compiles a variable's `regex` ("/re/flags" or "re"): named groups
 * (?<value>...) become plain ones, and the group kept is the one named
 * value, else the one named text, else the first. */
static int parse_var_regex(Ctx *c, const ConfNode *rn, VarConf *v)
{
    const char *s = rn->text, *end = s + strlen(s);
    int icase = 0;
    if (s[0] == '/' && end - s >= 2) {
        const char *last = strrchr(s, '/');
        if (last > s) {
            icase = strchr(last + 1, 'i') != NULL;
            end = last;
            s++;
        }
    }
    char *pat = malloc((size_t)(end - s) + 1);
    if (!pat)
        return conf_fail_oom(&c->x);
    size_t k = 0;
    int group = 0, value_group = 0, text_group = 0;
    for (const char *p = s; p < end; p++) {
        if (*p == '\\' && p + 1 < end) {
            pat[k++] = *p++;
            pat[k++] = *p;
            continue;
        }
        if (*p == '(') {
            group++;
            pat[k++] = '(';
            if (p[1] == '?' && p[2] == '<' && p[3] != '=' && p[3] != '!') {
                const char *gt = memchr(p, '>', (size_t)(end - p));
                if (gt) {
                    if (gt - p - 3 == 5 && !strncmp(p + 3, "value", 5))
                        value_group = group;
                    else if (gt - p - 3 == 4 && !strncmp(p + 3, "text", 4))
                        text_group = group;
                    p = gt;
                }
            } else if (p[1] == '?' && p[2] == ':') {
                p += 2;
            }
            continue;
        }
        pat[k++] = *p;
    }
    pat[k] = '\0';
    regex_t *rx = calloc(1, sizeof *rx);
    if (!rx) {
        free(pat);
        return conf_fail_oom(&c->x);
    }
    int rc = regcomp(rx, pat, REG_EXTENDED | (icase ? REG_ICASE : 0));
    free(pat);
    if (rc != 0) {
        char msg[128];
        regerror(rc, rx, msg, sizeof msg);
        free(rx);
        return conf_fail(&c->x, rn, "bad regex: %s", msg);
    }
    v->regex = rx;
    if (!(v->regex_text = strdup(rn->text)))
        return conf_fail_oom(&c->x);
    v->regex_group = value_group  ? value_group
                     : text_group ? text_group
                     : group > 0  ? 1
                                  : 0;
    return 0;
}

/* An adhoc variable's filters. */
static int parse_filters(Ctx *c, const ConfNode *m, VarConf *v)
{
    const ConfNode *seq = conf_get(m, "filters");
    if (!seq || seq->n == 0)
        return 0;
    if (!(v->filters = calloc((size_t)seq->n, sizeof *v->filters)))
        return conf_fail_oom(&c->x);
    v->nfilters = seq->n;
    for (int i = 0; i < seq->n; i++) {
        const ConfNode *f = seq->kids[i];
        AdhocFilter *af = &v->filters[i];
        OptValue op = {0};
        if (conf_table(&c->x, f, "filter", layout_filter_opts, NULL, af) < 0 ||
            read_opt(c, f, layout_filter_opts, "op", &op) < 0)
            return -1;
        af->op = op.str;
        if (!good_name(af->label) && strcmp(af->label, "__name__"))
            return conf_fail(&c->x, conf_get(f, "label"), "bad label name '%s'",
                             af->label);
        if (!af->value && !(af->value = strdup("")))
            return conf_fail_oom(&c->x);
        if (op.num >= 2) { /* a regex: it must compile */
            regex_t rx;
            if (regcomp(&rx, af->value, REG_EXTENDED | REG_NOSUB) != 0)
                return conf_fail(&c->x, conf_get(f, "value"), "bad regex '%s'",
                                 af->value);
            regfree(&rx);
        }
    }
    return 0;
}

/* Checks that the current value(s) are among the listed choices. */
static int check_var_value(Ctx *c, const ConfNode *m, const VarConf *v)
{
    const ConfNode *vn = conf_get(m, "value");
    int n = v->sel ? v->nsel : v->value ? 1 : 0;
    for (int i = 0; i < n; i++) {
        const char *s = v->sel ? v->sel[i] : v->value;
        const ConfNode *at = vn && vn->type == CONF_SEQ ? vn->kids[i] : vn;
        char q[72];
        if (!strcmp(s, "All")) {
            if (!v->all)
                return conf_fail(&c->x, at, "value 'All' needs 'all: true'");
            continue;
        }
        if (v->nvalues == 0 ||
            (v->kind == VK_INTERVAL && v->autoi && !strcmp(s, "auto")))
            continue;
        int found = 0;
        for (int k = 0; k < v->nvalues && !found; k++)
            found = !strcmp(v->values[k], s);
        if (!found)
            return conf_fail(&c->x, at,
                             "'%s' is not one of the variable's values",
                             conf_quote(q, sizeof q, s));
    }
    return 0;
}

static int parse_var(Ctx *c, const ConfNode *m, VarConf *v,
                     const VarConf *earlier, int nearlier)
{
    char q[72];
    v->line = m->line;
    v->col = m->col;
    if (conf_table(&c->x, m, "variable", layout_var_opts, NULL, v) < 0)
        return -1;
    if (!good_name(v->name))
        return conf_fail(&c->x, conf_get(m, "name"),
                         "bad variable name '%s' (letters, digits and _, "
                         "not starting with a digit or __)",
                         conf_quote(q, sizeof q, v->name));
    for (int j = 0; j < nearlier; j++)
        if (!strcmp(earlier[j].name, v->name))
            return conf_fail(&c->x, conf_get(m, "name"),
                             "duplicate variable '%s'", v->name);
    const ConfNode *rn = conf_get(m, "regex");
    if (rn && parse_var_regex(c, rn, v) < 0)
        return -1;
    const ConfNode *vn = conf_get(m, "value");
    if (vn) { /* one value, or with multi a list */
        OptValue o = {0};
        if (read_opt(c, m, layout_var_opts, "value", &o) < 0) {
            conf_value_free(&o);
            return -1;
        }
        if (vn->type == CONF_SEQ && !v->multi) {
            conf_value_free(&o);
            return conf_fail(&c->x, vn, "a list of values needs 'multi: true'");
        }
        if (o.n == 0) {
            conf_value_free(&o);
            return conf_fail(&c->x, vn, "'value' must not be empty");
        }
        if (!(v->value = strdup(o.strs[0]))) {
            conf_value_free(&o);
            return conf_fail_oom(&c->x);
        }
        if (vn->type == CONF_SEQ) {
            v->sel = o.strs;
            v->nsel = o.n;
            o.strs = NULL;
            o.n = 0;
        }
        conf_value_free(&o);
    }
    const ConfNode *vals = conf_get(m, "values");
    const ConfNode *query = conf_get(m, "query");
    if (v->kind == VK_TEXTBOX || v->kind == VK_ADHOC) {
        static const char *const only_list[] = {
            "values", "query", "regex", "all", "all_value", "multi", NULL};
        for (int i = 0; only_list[i]; i++)
            if (conf_get(m, only_list[i]) ||
                (v->kind == VK_ADHOC && !strcmp(only_list[i], "values") && vn))
                return conf_fail(&c->x, conf_key(m, only_list[i]),
                                 "a %s variable takes no '%s'",
                                 v->kind == VK_TEXTBOX ? "textbox" : "adhoc",
                                 only_list[i]);
        if (v->kind == VK_ADHOC)
            return parse_filters(c, m, v);
        if (!v->value && !(v->value = strdup("")))
            return conf_fail_oom(&c->x);
        return 0;
    }
    if (conf_get(m, "filters"))
        return conf_fail(&c->x, conf_key(m, "filters"),
                         "'filters' belongs to a variable of kind adhoc");
    if (vals && query)
        return conf_fail(&c->x, query,
                         "variable has both 'values' and 'query'; keep one");
    if (v->kind == VK_INTERVAL && !vals)
        return conf_fail(&c->x, m, "an interval variable needs 'values'");
    if (query) {
        int r = parse_other_query(c, query, v);
        if (r < 0)
            return -1;
        if (r == 0) {
            if (parse_label_values(c, query, v) < 0)
                return -1;
            v->qtype = VQ_LABEL_VALUES;
        }
    } else if (vals) {
        OptValue o = {0};
        int rc = read_opt(c, m, layout_var_opts, "values", &o);
        for (int k = 0; rc == 0 && v->kind == VK_INTERVAL && k < o.n; k++) {
            double d;
            if (duration_parse(o.strs[k], &d) < 0 || d <= 0)
                rc = conf_fail(&c->x,
                               vals->type == CONF_SEQ ? vals->kids[k] : vals,
                               "bad duration '%s' in 'values'",
                               conf_quote(q, sizeof q, o.strs[k]));
        }
        int sort = v->sort; /* listed choices keep their order */
        v->sort = VS_NONE;
        if (rc == 0 &&
            layout_var_set_choices(v, (const char *const *)o.strs, o.n) < 0)
            rc = conf_fail_oom(&c->x);
        v->sort = sort;
        conf_value_free(&o);
        if (rc < 0)
            return -1;
    } else if (!v->value) {
        return conf_fail(&c->x, m,
                         "variable has no 'value', 'values' or 'query'");
    }
    return check_var_value(c, m, v);
}

/* The first variable v uses that is still unknown (left > 0). */
static int var_next_left(const int *uses, const int *off, const int *left,
                         int v)
{
    for (int e = off[v]; e < off[v + 1]; e++)
        if (left[uses[e]] > 0)
            return uses[e];
    return v;
}

/* Fails when some variables use each other's values ($a asks with $b and
 * $b with $a): none of them could ever be asked. Each pair is looked at
 * once. */
static int check_var_cycles(Ctx *c, Dashboard *d)
{
    int n = d->nvars;
    if (n < 2)
        return 0; /* a variable's own $name is not a wait */
    /* uses[off[i] .. off[i + 1]): the variables i uses */
    int *off = calloc((size_t)n + 1, sizeof *off);
    int *left = calloc((size_t)n, sizeof *left); /* of those, not known */
    int *queue = malloc(sizeof *queue * (size_t)n);
    int *uses = NULL, nuses = 0, cap = 0, rc = 0;
    if (!off || !left || !queue)
        goto oom;
    for (int i = 0; i < n; i++) {
        off[i] = nuses;
        for (int j = 0; j < n; j++) {
            if (!layout_var_depends(d, i, j))
                continue;
            if (nuses == cap) {
                cap = cap ? 2 * cap : 64;
                int *nu = realloc(uses, sizeof *nu * (size_t)cap);
                if (!nu)
                    goto oom;
                uses = nu;
            }
            uses[nuses++] = j;
        }
        left[i] = nuses - off[i];
    }
    off[n] = nuses;
    /* known in turn: those that use nothing unknown, then those that use
     * only these... (a variable's users found by a scan of the lists) */
    int head = 0, tail = 0;
    for (int i = 0; i < n; i++)
        if (left[i] == 0)
            queue[tail++] = i;
    while (head < tail) {
        int k = queue[head++];
        for (int i = 0; i < n; i++)
            for (int e = off[i]; e < off[i + 1] && left[i] > 0; e++)
                if (uses[e] == k && --left[i] == 0)
                    queue[tail++] = i;
    }
    if (tail < n) {
        /* each one left uses another one left: n steps land on a cycle,
         * named from its first declared variable */
        int at = -1;
        for (int i = 0; i < n && at < 0; i++)
            if (left[i] > 0)
                at = i;
#define NEXT(v) var_next_left(uses, off, left, (v))
        for (int k = 0; k < n; k++)
            at = NEXT(at);
        int lo = at, len = 0;
        for (int v = NEXT(at); v != at && len < n; v = NEXT(v), len++)
            lo = v < lo ? v : lo;
        char msg[256];
        int m = 0, v = lo;
        do {
            int w = NEXT(v);
            if (m < (int)sizeof msg - 1)
                m += snprintf(msg + m, sizeof msg - (size_t)m, "%s$%s uses $%s",
                              v == lo ? "" : ", ", d->vars[v].name,
                              d->vars[w].name);
            v = w;
        } while (v != lo && ++len < 2 * n);
#undef NEXT
        rc = conf_fail_pos(&c->x, d->vars[lo].line, d->vars[lo].col,
                           "variables wait for each other's values (%s): "
                           "none of them can be asked",
                           msg);
    }
    free(off);
    free(left);
    free(queue);
    free(uses);
    return rc;
oom:
    free(off);
    free(left);
    free(queue);
    free(uses);
    return conf_fail_oom(&c->x);
}

static int parse_vars(Ctx *c, const ConfNode *root, Dashboard *d)
{
    const ConfNode *vs = conf_get(root, "variables");
    if (!vs || vs->n == 0)
        return 0; /* its shape was checked with the dashboard's table */
    if (!(d->vars = calloc((size_t)vs->n, sizeof *d->vars)))
        return conf_fail_oom(&c->x);
    d->nvars = vs->n;
    for (int i = 0; i < vs->n; i++)
        if (parse_var(c, vs->kids[i], &d->vars[i], d->vars, i) < 0)
            return -1;
    return check_var_cycles(c, d);
}

/* constants: a mapping of name -> number (or text), for $name. */
static int parse_consts(Ctx *c, const ConfNode *root, Dashboard *d)
{
    const ConfNode *m = conf_get(root, "constants");
    if (!m)
        return 0; /* a mapping: checked with the dashboard's table */
    int n = m->n / 2;
    if (!(d->consts = calloc((size_t)n + 1, sizeof *d->consts)))
        return conf_fail_oom(&c->x);
    for (int i = 0; i < n; i++) {
        const ConfNode *k = m->kids[2 * i], *v = m->kids[2 * i + 1];
        char q[72];
        if (!good_name(k->text))
            return conf_fail(&c->x, k, "bad constant name '%s'",
                             conf_quote(q, sizeof q, k->text));
        for (int j = 0; j < d->nvars; j++)
            if (!strcmp(d->vars[j].name, k->text))
                return conf_fail(&c->x, k,
                                 "'%s' is both a variable and a constant",
                                 k->text);
        if (v->type != CONF_SCALAR || v->null)
            return conf_fail(&c->x, v, "expected a value for constant '%s'",
                             k->text);
        ConstConf *cc = &d->consts[d->nconsts++];
        if (!(cc->name = strdup(k->text)) || !(cc->text = strdup(v->text)))
            return conf_fail_oom(&c->x);
    }
    return 0;
}

/* range: a duration, or "mtd" / "today" (then a fallback of one day). */
static int parse_range(Ctx *c, const ConfNode *root, Dashboard *d)
{
    OptValue o = {0};
    if (read_opt(c, root, layout_dashboard_opts, "range", &o) < 0) {
        conf_value_free(&o);
        return -1;
    }
    double secs = o.num;
    if (o.str)
        layout_range_parse(o.str, &d->range_anchor, &secs);
    d->range = o.str ? 86400 : secs;
    conf_value_free(&o);
    return 0;
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
    for (int i = 0; i < d->npanels; i++) {
        PanelConf *pc = d->panels[i];
        if (!strchr(pc->title, '$'))
            continue;
        char *t = query_expand(pc->title, &qv, NULL, 0);
        if (!t)
            return conf_fail_oom(&c->x);
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
    return conf_fail_pos(&c->x, seen[best].line, seen[best].col,
                         "duplicate panel title '%s' (first at line %d)",
                         conf_quote(q, sizeof q, seen[best].title),
                         seen[best_first].line);
}

static int parse_dashboard(Ctx *c, const ConfNode *root, Dashboard *d)
{
    if (root->type != CONF_MAP) {
        char dd[96];
        return conf_fail(&c->x, root,
                         "expected a mapping of dashboard keys at the top, "
                         "got %s",
                         conf_node_desc(dd, sizeof dd, root));
    }
    source_pos(root, &d->source);
    if (conf_table(&c->x, root, "dashboard", layout_dashboard_opts, NULL, d) <
            0 ||
        parse_range(c, root, d) < 0 || parse_vars(c, root, d) < 0 ||
        parse_consts(c, root, d) < 0)
        return -1;
    c->vars = d->vars;
    c->nvars = d->nvars;
    c->consts = d->consts;
    c->nconsts = d->nconsts;

    const ConfNode *rows = conf_get(root, "rows");
    if (!(d->rows = calloc((size_t)rows->n, sizeof *d->rows)))
        return conf_fail_oom(&c->x);
    d->nrows = rows->n;

    /* Room for every panel the rows could hold, for the title check. */
    size_t most = count_panel_nodes(rows);
    TitleSeen *seen = calloc(most + 1, sizeof *seen);
    if (!seen)
        return conf_fail_oom(&c->x);
    int nseen = 0, r = 0;
    for (int i = 0; i < rows->n && r >= 0; i++)
        r = parse_row(c, rows->kids[i], &d->rows[i], seen, &nseen, 0);
    if (r >= 0)
        r = check_titles(c, seen, nseen);
    free(seen);
    if (r >= 0)
        r = index_panels(c, d);
    if (r >= 0)
        r = expand_titles(c, d);
    return r < 0 ? -1 : 0;
}

char *layout_name_from_file(const char *file)
{
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    size_t n = strlen(base);
    if (n > 5 &&
        (!strcmp(base + n - 5, ".yaml") || !strcmp(base + n - 5, ".json")))
        n -= 5;
    else if (n > 4 && !strcmp(base + n - 4, ".yml"))
        n -= 4;
    if (n == 0)
        return strdup("dashboard");
    return text_clean(base, n, 0); /* a file name is text from outside too */
}

/* ---- public -------------------------------------------------------------- */

/* layout_load_text for YAML, refusing text over `max` bytes. */
static Dashboard *load_yaml(const char *file, const char *name,
                            const char *text, size_t len, LayoutError *err,
                            size_t max)
{
    LayoutError dummy;
    Ctx c = {0};
    conf_init(&c.x, file ? file : "(layout)", err ? err : &dummy);
    if (len > max) {
        conf_fail_pos(&c.x, 0, 0, "too big (%zu bytes; the limit is %zu)", len,
                      max);
        return NULL;
    }
    Dashboard *d = calloc(1, sizeof *d);
    if (!d) {
        conf_fail_oom(&c.x);
        return NULL;
    }
    ConfNode *root = conf_parse(&c.x, text ? text : "", text ? len : 0);
    if (!root && !c.x.failed)
        conf_fail_pos(&c.x, 0, 0,
                      "empty layout: it needs at least 'title' and 'rows'");
    if (!c.x.failed)
        parse_dashboard(&c, root, d);
    conf_node_free(root);
    if (!c.x.failed) {
        if (!(d->file = strdup(c.x.file)))
            conf_fail_oom(&c.x);
        else if (!d->name &&
                 !(d->name = name && *name ? strdup(name)
                                           : layout_name_from_file(c.x.file)))
            conf_fail_oom(&c.x);
    }
    if (c.x.failed) {
        layout_free(d);
        return NULL;
    }
    return d;
}

/* Whether `file` (named so, holding text) is a Grafana dashboard. */
static int is_grafana(const char *file, const char *text, size_t len)
{
    size_t n = file ? strlen(file) : 0;
    return (n > 5 && !strcasecmp(file + n - 5, ".json")) ||
           grafana_is_dashboard(text ? text : "", text ? len : 0);
}

/* A Grafana dashboard: converted to YAML, then loaded as any layout; a
 * mistake in that YAML is named by the JSON path it came from. */
static Dashboard *load_grafana(const char *file, const char *name,
                               const char *text, size_t len, LayoutError *err)
{
    GrafanaInfo info;
    char *yaml = grafana_to_yaml(file, name, text, len, &info, err);
    if (!yaml) {
        grafana_info_free(&info);
        return NULL;
    }
    LayoutError yerr;
    Dashboard *d = load_yaml(file, name, yaml, strlen(yaml), &yerr,
                             (size_t)GRAFANA_MAX_BYTES * 2);
    free(yaml);
    if (!d) {
        const char *path = grafana_info_path(&info, yerr.line);
        char where[200];
        snprintf(where, sizeof where, "%s", path ? path : "dashboard");
        memset(err, 0, sizeof *err);
        snprintf(err->file, sizeof err->file, "%s", file);
        char raw[sizeof err->msg];
        snprintf(raw, sizeof raw, "%s: %.300s", where, yerr.msg);
        /* the JSON path holds the dashboard's own keys: one line still */
        text_clean_buf(err->msg, sizeof err->msg, raw, strlen(raw), 0);
    } else {
        d->notes = info.notes;
        d->nnotes = info.nnotes;
        info.notes = NULL;
        info.nnotes = 0;
    }
    grafana_info_free(&info);
    return d;
}

Dashboard *layout_load_text(const char *file, const char *name,
                            const char *text, size_t len, LayoutError *err)
{
    LayoutError dummy;
    if (!err)
        err = &dummy;
    if (is_grafana(file, text, len))
        return load_grafana(file ? file : "(dashboard)", name, text, len, err);
    return load_yaml(file, name, text, len, err, LAYOUT_MAX_BYTES);
}

Dashboard *layout_load_file(const char *path, LayoutError *err)
{
    LayoutError dummy;
    ConfCtx x;
    /* messages and d->file name it by its cleaned name: a file name is
     * text from outside too */
    char *shown = path ? text_clean(path, strlen(path), 0) : NULL;
    conf_init(&x, shown ? shown : "(null)", err ? err : &dummy);
    char *text, why[160];
    size_t len;
    if (!path || !shown) {
        conf_fail_pos(&x, 0, 0, path ? "out of memory" : "no file given");
        free(shown);
        return NULL;
    }
    if (conf_read_file(path, GRAFANA_MAX_BYTES, &text, &len, why, sizeof why) <
        0) {
        conf_fail_pos(&x, 0, 0, "cannot read: %s", why);
        free(shown);
        return NULL;
    }
    if (len > LAYOUT_MAX_BYTES && !is_grafana(path, text, len)) {
        free(text);
        conf_fail_pos(&x, 0, 0, "cannot read: larger than %d bytes",
                      LAYOUT_MAX_BYTES);
        free(shown);
        return NULL;
    }
    Dashboard *d = layout_load_text(shown, NULL, text, len, x.err);
    free(text);
    free(shown);
    return d;
}

static void thresholds_free(Thresholds *t)
{
    free(t->steps);
    free(t->roles);
}

static void regex_free(void *re)
{
    if (re) {
        regfree(re);
        free(re);
    }
}

static void mappings_free(ValueMap *m, int n)
{
    for (int i = 0; m && i < n; i++) {
        free(m[i].text);
        free(m[i].pattern);
        regex_free(m[i].regex);
    }
    free(m);
}

static void overrides_free(SeriesOverride *o, int n)
{
    for (int i = 0; o && i < n; i++) {
        for (int k = 0; k < o[i].nnames; k++)
            free(o[i].names[k]);
        free(o[i].names);
        regex_free(o[i].regex);
        free(o[i].match);
        free(o[i].name);
        free(o[i].unit);
        thresholds_free(&o[i].thresholds);
        mappings_free(o[i].mappings, o[i].nmappings);
    }
    free(o);
}

static void rows_free(RowConf *rows, int n);

static void panel_conf_free(PanelConf *p)
{
    rows_free(p->rows, p->nrows);
    if (p->copy) { /* the rest is the copied panel's */
        free(p->title);
        free(p->bind_value);
        return;
    }
    free(p->repeat);
    free(p->title);
    free(p->source.name);
    free(p->unit);
    free(p->description);
    free(p->no_value);
    overrides_free(p->overrides, p->noverrides);
    thresholds_free(&p->thresholds);
    mappings_free(p->mappings, p->nmappings);
    for (int i = 0; p->queries && i < p->nqueries; i++) {
        QueryConf *q = &p->queries[i];
        free(q->expr);
        free(q->legend);
        free(q->name);
        free(q->unit);
        free(q->source.name);
        thresholds_free(&q->thresholds);
        mappings_free(q->mappings, q->nmappings);
    }
    free(p->queries);
    if (p->opts && p->cls) {
        int n = conf_spec_count(p->cls->opts);
        for (int i = 0; i < n; i++)
            conf_value_free(&p->opts[i]);
        free(p->opts);
    }
}

void layout_rows_free(RowConf *rows, int n)
{
    rows_free(rows, n);
}

static void rows_free(RowConf *rows, int n)
{
    for (int i = 0; rows && i < n; i++) {
        for (int j = 0; rows[i].panels && j < rows[i].npanels; j++)
            panel_conf_free(&rows[i].panels[j]);
        free(rows[i].panels);
    }
    free(rows);
}

void layout_free(Dashboard *d)
{
    if (!d)
        return;
    rows_free(d->rows, d->nrows);
    rows_free(d->tmpl_rows, d->tmpl_nrows);
    free(d->panels);
    for (int i = 0; i < d->nnotes; i++)
        free(d->notes[i]);
    free(d->notes);
    for (int i = 0; d->vars && i < d->nvars; i++) {
        VarConf *v = &d->vars[i];
        free(v->name);
        free(v->value);
        free(v->metric);
        free(v->label);
        for (int k = 0; k < v->nvalues; k++)
            free(v->values[k]);
        free(v->values);
        free(v->qtext);
        regex_free(v->regex);
        free(v->regex_text);
        free(v->title);
        for (int k = 0; k < v->nsel; k++)
            free(v->sel[k]);
        free(v->sel);
        free(v->all_value);
        for (int k = 0; k < v->nfilters; k++) {
            free(v->filters[k].label);
            free(v->filters[k].op);
            free(v->filters[k].value);
        }
        free(v->filters);
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
    free(d->source.name);
    free(d);
}

int layout_rows_panel_count(const RowConf *rows, int n)
{
    int count = 0;
    for (int i = 0; rows && i < n; i++)
        for (int k = 0; k < rows[i].npanels; k++) {
            const PanelConf *pc = &rows[i].panels[k];
            count += LAYOUT_IS_COLUMN(pc)
                         ? layout_rows_panel_count(pc->rows, pc->nrows)
                         : 1;
        }
    return count;
}

int layout_panel_count(const Dashboard *d)
{
    return d && d->panels ? d->npanels
           : d            ? layout_rows_panel_count(d->rows, d->nrows)
                          : 0;
}

const BundledLayout *layout_bundled_find(const char *name)
{
    for (int i = 0; name && layouts_bundled[i].name; i++)
        if (!strcmp(layouts_bundled[i].name, name))
            return &layouts_bundled[i];
    return NULL;
}
