/* repeat.c - panels and sections repeated over a variable's values, as
 * Grafana repeats them: the rows as written are kept (Dashboard.tmpl_rows)
 * and the rows shown are rebuilt from them whenever the values change,
 * every repeated panel (or section with its rows) copied once per value,
 * each copy bound to its value. A copy shares everything but its title and
 * the rows it holds with the panel it copies. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

/* The variable a `repeat` names ("$name" or "name"), or NULL. */
static const VarConf *repeat_var(const Dashboard *d, const char *repeat)
{
    if (!repeat)
        return NULL;
    if (*repeat == '$')
        repeat++;
    for (int i = 0; i < d->nvars; i++)
        if (!strcmp(d->vars[i].name, repeat))
            return &d->vars[i];
    return NULL;
}

/* The values a repeat over v makes copies for: those chosen, every choice
 * for All. Sets *vals (pointers into v, malloc'd array; NULL when none);
 * returns the count. */
static int repeat_values(const VarConf *v, const char ***vals)
{
    *vals = NULL;
    int all = 0, n = v->sel ? v->nsel : v->value ? 1 : 0;
    for (int i = 0; i < n; i++)
        all |= !strcmp(v->sel ? v->sel[i] : v->value, "All");
    if (n == 0 && v->all)
        all = 1;
    if (all)
        n = v->nvalues;
    if (n <= 0)
        return 0;
    *vals = malloc(sizeof **vals * (size_t)n);
    if (!*vals)
        return 0;
    for (int i = 0; i < n; i++)
        (*vals)[i] = all ? v->values[i] : v->sel ? v->sel[i] : v->value;
    return n;
}

/* Title t for the copy bound to name=value: $name, ${name} and [[name]]
 * replaced by the value; when t names none of them and there are several
 * copies, the value in parentheses after it (titles stay unique). */
static char *copy_title(const char *t, const char *name, const char *value,
                        int several)
{
    size_t nl = strlen(name), vl = strlen(value), cap = strlen(t) + 1;
    for (const char *p = t; *p; p++)
        if (*p == '$' || (p[0] == '[' && p[1] == '['))
            cap += vl; /* each a value at most */
    char *out = malloc(cap + vl + 4);
    if (!out)
        return NULL;
    size_t o = 0;
    int named = 0;
    for (const char *p = t; *p;) {
        size_t skip = 0;
        if (p[0] == '$' && !strncmp(p + 1, name, nl) &&
            !(p[1 + nl] == '_' || (p[1 + nl] >= 'a' && p[1 + nl] <= 'z') ||
              (p[1 + nl] >= 'A' && p[1 + nl] <= 'Z') ||
              (p[1 + nl] >= '0' && p[1 + nl] <= '9')))
            skip = 1 + nl;
        else if (!strncmp(p, "${", 2) && !strncmp(p + 2, name, nl) &&
                 (p[2 + nl] == '}' || p[2 + nl] == ':')) {
            const char *e = strchr(p + 2 + nl, '}');
            skip = e ? (size_t)(e - p + 1) : 0;
        } else if (!strncmp(p, "[[", 2) && !strncmp(p + 2, name, nl) &&
                   (!strncmp(p + 2 + nl, "]]", 2) || p[2 + nl] == ':')) {
            const char *e = strstr(p + 2 + nl, "]]");
            skip = e ? (size_t)(e - p + 2) : 0;
        }
        if (skip) {
            memcpy(out + o, value, vl);
            o += vl;
            p += skip;
            named = 1;
        } else {
            out[o++] = *p++;
        }
    }
    out[o] = '\0';
    if (!named && several)
        snprintf(out + o, cap + vl + 4 - o, " (%s)", value);
    return out;
}

/* ---- building the copies ---------------------------------------------------
 */

typedef struct {
    RowConf *rows;
    int n, cap;
    int oom;
} Rows;

static RowConf *rows_add(Rows *r)
{
    if (r->n == r->cap) {
        int cap = r->cap ? r->cap * 2 : 8;
        RowConf *nr = realloc(r->rows, sizeof *nr * (size_t)cap);
        if (!nr) {
            r->oom = 1;
            return NULL;
        }
        r->rows = nr;
        r->cap = cap;
    }
    RowConf *row = &r->rows[r->n++];
    memset(row, 0, sizeof *row);
    return row;
}

/* A copy of pc into *out bound to name=value (name NULL: unbound), its
 * title for one of `several` copies. 0, or -1 on OOM. */
static int copy_panel(const Dashboard *d, const PanelConf *pc, PanelConf *out,
                      const char *name, const char *value, int several);

/* Copies of rows src[0..n) into a new array *out, every panel bound to
 * name=value. */
static int copy_rows(const Dashboard *d, const RowConf *src, int n,
                     RowConf **out, const char *name, const char *value,
                     int several)
{
    *out = calloc((size_t)n + 1, sizeof **out);
    if (!*out)
        return -1;
    for (int i = 0; i < n; i++) {
        RowConf *r = &(*out)[i];
        *r = src[i];
        r->panels = calloc((size_t)src[i].npanels + 1, sizeof *r->panels);
        if (!r->panels) {
            r->npanels = 0;
            return -1;
        }
        for (int k = 0; k < src[i].npanels; k++)
            if (copy_panel(d, &src[i].panels[k], &r->panels[k], name, value,
                           several) < 0) {
                r->npanels = k;
                return -1;
            }
    }
    return 0;
}

static int copy_panel(const Dashboard *d, const PanelConf *pc, PanelConf *out,
                      const char *name, const char *value, int several)
{
    *out = *pc;
    out->copy = 1;
    out->title = NULL;
    out->bind_value = NULL;
    out->bind_var = NULL;
    out->rows = NULL;
    out->nrows = 0;
    if (LAYOUT_IS_COLUMN(pc)) {
        out->nrows = pc->nrows;
        return copy_rows(d, pc->rows, pc->nrows, &out->rows, name, value,
                         several);
    }
    if (name) {
        const VarConf *v = repeat_var(d, name);
        out->bind_var = v ? v->name : NULL;
        out->bind_value = strdup(value);
        out->title = copy_title(pc->title ? pc->title : "", name, value,
                                several);
        return out->bind_value && out->title ? 0 : -1;
    }
    out->title = strdup(pc->title ? pc->title : "");
    return out->title ? 0 : -1;
}

/* The copies of repeated panel pc (name=vals[0..nv)) as one cell of a
 * row: a column whose rows hold them, max_per_row (or all) a row, one a
 * row when stacked. `min_height` is the row's. */
static int repeat_cell(const Dashboard *d, const PanelConf *pc,
                       const char **vals, int nv, int min_height,
                       PanelConf *out)
{
    const char *name = pc->repeat[0] == '$' ? pc->repeat + 1 : pc->repeat;
    if (nv == 1)
        return copy_panel(d, pc, out, name, vals[0], 0);
    int per = pc->repeat_v ? 1 : pc->max_per_row > 0 ? pc->max_per_row : nv;
    int nrows = (nv + per - 1) / per;
    memset(out, 0, sizeof *out);
    out->copy = 1;
    out->width = pc->width;
    out->decimals = -1;
    out->line = pc->line;
    out->col = pc->col;
    out->rows = calloc((size_t)nrows, sizeof *out->rows);
    if (!out->rows)
        return -1;
    out->nrows = nrows;
    for (int r = 0; r < nrows; r++) {
        RowConf *row = &out->rows[r];
        int first = r * per, n = nv - first < per ? nv - first : per;
        row->height = 1;
        row->min_height = min_height;
        row->panels = calloc((size_t)n, sizeof *row->panels);
        if (!row->panels)
            return -1;
        for (int k = 0; k < n; k++) {
            if (copy_panel(d, pc, &row->panels[k], name, vals[first + k], 1) <
                0) {
                row->npanels = k;
                return -1;
            }
            row->panels[k].width = 1;
        }
        row->npanels = n;
    }
    return 0;
}

/* Appends the copy of row src (its repeated panels copied per value) to
 * out. */
static int repeat_row(const Dashboard *d, const RowConf *src, Rows *out)
{
    /* a repeated panel alone in its row, stacked: a row per value */
    if (src->npanels == 1 && src->panels[0].repeat &&
        src->panels[0].repeat_v) {
        const PanelConf *pc = &src->panels[0];
        const char **vals;
        int nv = repeat_values(repeat_var(d, pc->repeat), &vals);
        const char *name = pc->repeat[0] == '$' ? pc->repeat + 1 : pc->repeat;
        for (int i = 0; i < (nv ? nv : 1); i++) {
            RowConf *row = rows_add(out);
            if (!row)
                break;
            *row = *src;
            row->panels = calloc(1, sizeof *row->panels);
            row->npanels = 0;
            if (!row->panels ||
                copy_panel(d, pc, row->panels, nv ? name : NULL,
                           nv ? vals[i] : NULL, nv > 1) < 0) {
                out->oom = 1;
                break;
            }
            row->npanels = 1;
        }
        free(vals);
        return out->oom ? -1 : 0;
    }
    RowConf *row = rows_add(out);
    if (!row)
        return -1;
    *row = *src;
    row->panels = calloc((size_t)src->npanels + 1, sizeof *row->panels);
    row->npanels = 0;
    if (!row->panels)
        return -1;
    for (int k = 0; k < src->npanels; k++) {
        const PanelConf *pc = &src->panels[k];
        const char **vals = NULL;
        int nv = pc->repeat ? repeat_values(repeat_var(d, pc->repeat), &vals)
                            : 0;
        int rc = nv > 0 ? repeat_cell(d, pc, vals, nv, src->min_height,
                                      &row->panels[k])
                        : copy_panel(d, pc, &row->panels[k], NULL, NULL, 0);
        free(vals);
        row->npanels = k + 1;
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* 1 when some panel of rows[0..n) repeats (a section header included). */
static int any_repeat(const RowConf *rows, int n)
{
    for (int i = 0; i < n; i++)
        for (int k = 0; k < rows[i].npanels; k++) {
            const PanelConf *pc = &rows[i].panels[k];
            if (pc->repeat ||
                (LAYOUT_IS_COLUMN(pc) && any_repeat(pc->rows, pc->nrows)))
                return 1;
        }
    return 0;
}

/* 1 when rows a and b hold the same panels (titles, bindings, shapes). */
static int same_rows(const RowConf *a, int na, const RowConf *b, int nb)
{
    if (na != nb)
        return 0;
    for (int i = 0; i < na; i++) {
        if (a[i].npanels != b[i].npanels || a[i].section != b[i].section)
            return 0;
        for (int k = 0; k < a[i].npanels; k++) {
            const PanelConf *x = &a[i].panels[k], *y = &b[i].panels[k];
            if (LAYOUT_IS_COLUMN(x) != LAYOUT_IS_COLUMN(y))
                return 0;
            if (LAYOUT_IS_COLUMN(x)) {
                if (!same_rows(x->rows, x->nrows, y->rows, y->nrows))
                    return 0;
                continue;
            }
            if (strcmp(x->title, y->title) ||
                (x->bind_value == NULL) != (y->bind_value == NULL) ||
                (x->bind_value && strcmp(x->bind_value, y->bind_value)))
                return 0;
        }
    }
    return 1;
}

int layout_repeat(Dashboard *d)
{
    const RowConf *src = d->tmpl_rows ? d->tmpl_rows : d->rows;
    int nsrc = d->tmpl_rows ? d->tmpl_nrows : d->nrows;
    if (!any_repeat(src, nsrc))
        return 0;
    Rows out = {0};
    for (int i = 0; i < nsrc && !out.oom;) {
        const RowConf *r = &src[i];
        if (!r->section || !r->panels[0].repeat) {
            if (repeat_row(d, r, &out) < 0)
                out.oom = 1;
            i++;
            continue;
        }
        /* a repeated section: its header and rows, once per value */
        int end = i + 1;
        while (end < nsrc && !src[end].section)
            end++;
        const PanelConf *hp = &r->panels[0];
        const char **vals;
        int nv = repeat_values(repeat_var(d, hp->repeat), &vals);
        const char *name = hp->repeat[0] == '$' ? hp->repeat + 1 : hp->repeat;
        for (int v = 0; v < (nv ? nv : 1) && !out.oom; v++) {
            const char *val = nv ? vals[v] : NULL;
            RowConf *row = rows_add(&out);
            if (!row)
                break;
            *row = *r;
            row->panels = calloc(1, sizeof *row->panels);
            row->npanels = 0;
            if (!row->panels || copy_panel(d, hp, row->panels,
                                           nv ? name : NULL, val, nv > 1) < 0) {
                out.oom = 1;
                break;
            }
            row->npanels = 1;
            for (int k = i + 1; k < end && !out.oom; k++) {
                RowConf *body = rows_add(&out);
                if (!body)
                    break;
                /* every panel bound to the section's value */
                RowConf *copied;
                if (copy_rows(d, &src[k], 1, &copied, nv ? name : NULL, val,
                              nv > 1) < 0) {
                    layout_rows_free(copied, 1);
                    out.oom = 1;
                    break;
                }
                *body = copied[0];
                free(copied);
            }
        }
        free(vals);
        i = end;
    }
    if (out.oom) {
        layout_rows_free(out.rows, out.n);
        return -1;
    }
    if (d->tmpl_rows && same_rows(out.rows, out.n, d->rows, d->nrows)) {
        layout_rows_free(out.rows, out.n);
        return 0;
    }
    /* a section keeps its state when its copy is there again */
    for (int i = 0; d->tmpl_rows && i < out.n; i++)
        for (int j = 0; out.rows[i].section && j < d->nrows; j++)
            if (d->rows[j].section &&
                !strcmp(d->rows[j].panels[0].title, out.rows[i].panels[0].title))
                out.rows[i].panels[0].collapsed = d->rows[j].panels[0].collapsed;
    if (d->tmpl_rows) {
        layout_rows_free(d->rows, d->nrows);
    } else {
        d->tmpl_rows = d->rows;
        d->tmpl_nrows = d->nrows;
    }
    d->rows = out.rows;
    d->nrows = out.n;
    if (layout_reindex(d) < 0)
        return -1;
    return 1;
}

int layout_bound(const Dashboard *d, const PanelConf *pc, Dashboard *view,
                 VarConf *vars, int nvars)
{
    *view = *d;
    if (!pc || !pc->bind_var || d->nvars > nvars)
        return 0;
    memcpy(vars, d->vars, sizeof *vars * (size_t)d->nvars);
    for (int i = 0; i < d->nvars; i++)
        if (!strcmp(vars[i].name, pc->bind_var)) {
            vars[i].value = pc->bind_value;
            vars[i].sel = NULL;
            vars[i].nsel = 0;
            vars[i].multi = 0;
        }
    view->vars = vars;
    return 1;
}
