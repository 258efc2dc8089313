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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../datasource/query.h"
#include "../themes/theme.h"
#include "../util/text.h"

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

/* 'thresholds' of `map` (strictly ascending), and the check that 'good'
 * (stored by the table) has thresholds beside it. */
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
    if (conf_get(map, "good") && !v)
        return conf_fail(&c->x, conf_key(map, "good"),
                         "'good' needs 'thresholds' beside it");
    return 0;
}

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

/* 'mappings' of `map`: a list of {value, text, color}. */
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
    for (int i = 0; i < seq->n; i++) {
        const ConfNode *m = seq->kids[i];
        ValueMap *vm = &(*out)[i];
        if (conf_table(&c->x, m, "mapping", layout_mapping_opts, NULL, vm) < 0)
            return -1;
        const ConfNode *col = conf_get(m, "color");
        if (!col)
            continue;
        vm->role = theme_role_find(col->text);
        if (vm->role < 0) {
            char q[72], list[400];
            return conf_fail(&c->x, col, "unknown color '%s' (known: %s)",
                             conf_quote(q, sizeof q, col->text),
                             role_names(list, sizeof list));
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

static int parse_query(Ctx *c, const ConfNode *m, QueryConf *q)
{
    q->decimals = -1;
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

static int parse_panel(Ctx *c, const ConfNode *m, PanelConf *pc,
                       TitleSeen *seen)
{
    pc->decimals = -1;
    pc->min = pc->max = NAN;
    pc->line = m->line;
    pc->col = m->col;

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
        parse_kind_opts(c, m, pc) < 0)
        return -1;
    return parse_panel_queries(c, m, pc);
}

/* ---- rows, variables, the dashboard -------------------------------------- */

static int parse_row(Ctx *c, const ConfNode *m, RowConf *row, TitleSeen *seen,
                     int *nseen)
{
    if (conf_table(&c->x, m, "row", layout_row_opts, NULL, row) < 0)
        return -1;
    const ConfNode *ps = conf_get(m, "panels");
    if (!(row->panels = calloc((size_t)ps->n, sizeof *row->panels)))
        return conf_fail_oom(&c->x);
    row->npanels = ps->n;
    for (int i = 0; i < ps->n; i++) {
        seen[*nseen].order = *nseen;
        if (parse_panel(c, ps->kids[i], &row->panels[i], &seen[*nseen]) < 0)
            return -1;
        (*nseen)++;
    }
    return 0;
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

static int parse_vars(Ctx *c, const ConfNode *root, Dashboard *d)
{
    const ConfNode *vs = conf_get(root, "variables");
    if (!vs || vs->n == 0)
        return 0; /* its shape was checked with the dashboard's table */
    if (!(d->vars = calloc((size_t)vs->n, sizeof *d->vars)))
        return conf_fail_oom(&c->x);
    d->nvars = vs->n;
    for (int i = 0; i < vs->n; i++) {
        const ConfNode *m = vs->kids[i];
        VarConf *v = &d->vars[i];
        char q[72];
        v->line = m->line;
        v->col = m->col;
        if (conf_table(&c->x, m, "variable", layout_var_opts, NULL, v) < 0)
            return -1;
        const char *s = v->name;
        if (!good_name(s))
            return conf_fail(&c->x, conf_get(m, "name"),
                             "bad variable name '%s' (letters, digits and _, "
                             "not starting with a digit or __)",
                             conf_quote(q, sizeof q, s));
        for (int j = 0; j < i; j++)
            if (!strcmp(d->vars[j].name, s))
                return conf_fail(&c->x, conf_get(m, "name"),
                                 "duplicate variable '%s'", s);
        const ConfNode *vals = conf_get(m, "values");
        const ConfNode *query = conf_get(m, "query");
        if (vals && query)
            return conf_fail(&c->x, query,
                             "variable has both 'values' and 'query'; keep "
                             "one");
        if (query) {
            if (parse_label_values(c, query, v) < 0)
                return -1;
        } else if (vals) {
            OptValue o = {0};
            int rc = read_opt(c, m, layout_var_opts, "values", &o);
            if (rc == 0 &&
                layout_var_set_choices(v, (const char *const *)o.strs, o.n) < 0)
                rc = conf_fail_oom(&c->x);
            conf_value_free(&o);
            if (rc < 0)
                return -1;
        } else if (!v->value) {
            return conf_fail(&c->x, m,
                             "variable has no 'value', 'values' or 'query'");
        }
        if (v->value && v->nvalues > 0 && strcmp(v->value, "All")) {
            int found = 0;
            for (int k = 0; k < v->nvalues && !found; k++)
                found = !strcmp(v->values[k], v->value);
            if (!found)
                return conf_fail(&c->x, conf_get(m, "value"),
                                 "'%s' is not one of the variable's values",
                                 conf_quote(q, sizeof q, v->value));
        }
        if (v->value && !strcmp(v->value, "All") && !v->all)
            return conf_fail(&c->x, conf_get(m, "value"),
                             "value 'All' needs 'all: true'");
    }
    return 0;
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
    for (int r = 0; r < d->nrows; r++)
        for (int k = 0; k < d->rows[r].npanels; k++) {
            PanelConf *pc = &d->rows[r].panels[k];
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
    size_t most = 0;
    for (int i = 0; i < rows->n; i++) {
        const ConfNode *ps = conf_get(rows->kids[i], "panels");
        most += ps && ps->type == CONF_SEQ ? (size_t)ps->n : 0;
    }
    TitleSeen *seen = calloc(most + 1, sizeof *seen);
    if (!seen)
        return conf_fail_oom(&c->x);
    int nseen = 0, r = 0;
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
    return text_clean(base, n, 0); /* a file name is text from outside too */
}

/* ---- public -------------------------------------------------------------- */

Dashboard *layout_load_text(const char *file, const char *name,
                            const char *text, size_t len, LayoutError *err)
{
    LayoutError dummy;
    Ctx c = {0};
    conf_init(&c.x, file ? file : "(layout)", err ? err : &dummy);
    if (len > LAYOUT_MAX_BYTES) {
        conf_fail_pos(&c.x, 0, 0, "too big (%zu bytes; the limit is %d)", len,
                      LAYOUT_MAX_BYTES);
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
                 !(d->name =
                       name && *name ? strdup(name) : name_from_file(c.x.file)))
            conf_fail_oom(&c.x);
    }
    if (c.x.failed) {
        layout_free(d);
        return NULL;
    }
    return d;
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
    if (conf_read_file(path, LAYOUT_MAX_BYTES, &text, &len, why, sizeof why) <
        0) {
        conf_fail_pos(&x, 0, 0, "cannot read: %s", why);
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
        int n = conf_spec_count(p->cls->opts);
        for (int i = 0; i < n; i++)
            conf_value_free(&p->opts[i]);
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
