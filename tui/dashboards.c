/* dashboards.c - gathers the dashboards promboard opens as tabs: the
 * bundled ones, the user's (a user file of a bundled name replaces it) and
 * one given by path. */
#include "dashboards.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int dashboards_load(const char *extra, Dashboard ***out, int *cur, int **user)
{
    char msg[1024];
    char **files;
    int nu, n = 0, k = 0;
    if (config_dashboard_files(&files, &nu, msg, sizeof msg) < 0) {
        fprintf(stderr, "promboard: %s\n", msg);
        return -1;
    }
    for (const BundledLayout *b = layouts_bundled; b->name; b++)
        n++;
    Dashboard **d = calloc((size_t)(n + nu) + 1, sizeof *d);
    Dashboard **u = calloc((size_t)nu + 1, sizeof *u);
    int *mine = calloc((size_t)(n + nu) + 1, sizeof *mine);
    if (!d || !u || !mine)
        goto fail;
    *cur = 0;
    LayoutError err;
    for (int i = 0; i < nu; i++) {
        if (!(u[i] = layout_load_file(files[i], &err))) {
            fprintf(stderr, "promboard: %s\n",
                    conf_error_format(&err, msg, sizeof msg));
            goto fail;
        }
        for (int j = 0; j < i; j++)
            if (!strcmp(u[j]->name, u[i]->name)) {
                fprintf(stderr,
                        "promboard: %s: dashboard name '%s' is also "
                        "used by %s\n",
                        u[i]->file, u[i]->name, u[j]->file);
                goto fail;
            }
    }
    for (const BundledLayout *b = layouts_bundled; b->name; b++) {
        for (int j = 0; j < nu && !d[k]; j++)
            if (u[j] && !strcmp(u[j]->name, b->name)) {
                d[k] = u[j];
                u[j] = NULL;
                mine[k] = 1;
            }
        if (!d[k])
            d[k] = layout_load_text(b->file, b->name, b->text, b->len, &err);
        if (!d[k]) {
            fprintf(stderr, "promboard: %s\n",
                    conf_error_format(&err, msg, sizeof msg));
            goto fail;
        }
        k++;
    }
    for (int j = 0; j < nu; j++)
        if (u[j]) {
            mine[k] = 1;
            d[k++] = u[j];
            u[j] = NULL;
        }
    int found = !extra;
    for (int i = 0; extra && i < k && !found; i++) {
        if (!strcmp(extra, d[i]->name)) {
            *cur = i;
            found = 1;
        }
    }
    if (!found) {
        if (!strchr(extra, '/') && !strstr(extra, ".yaml") &&
            !strstr(extra, ".yml") && !strstr(extra, ".json")) {
            fprintf(stderr, "promboard: unknown dashboard '%s' (see --list)\n",
                    extra);
            goto fail;
        }
        d[k] = layout_load_file(extra, &err);
        if (!d[k]) {
            fprintf(stderr, "promboard: %s\n",
                    conf_error_format(&err, msg, sizeof msg));
            goto fail;
        }
        *cur = k++;
    }
    *out = d;
    if (user)
        *user = mine;
    else
        free(mine);
    free(u);
    config_paths_free(files, nu);
    return k;
fail:
    for (int i = 0; d && i < k; i++)
        layout_free(d[i]);
    for (int i = 0; u && i < nu; i++)
        layout_free(u[i]);
    free(d);
    free(u);
    free(mine);
    config_paths_free(files, nu);
    return -1;
}

int dashboards_choose(const Config *c, const char *asked, Dashboard **d, int n,
                      int *cur, int *user)
{
    if (c->ndashboards == 0)
        return n;
    Dashboard **keep = calloc((size_t)n + 1, sizeof *keep);
    int *mine = calloc((size_t)n + 1, sizeof *mine);
    int k = 0, now = -1;
    if (!keep || !mine) {
        fprintf(stderr, "promboard: out of memory\n");
        goto fail;
    }
    for (int i = 0; i < c->ndashboards; i++) {
        int j = 0;
        while (j < n && (!d[j] || strcmp(d[j]->name, c->dashboards[i])))
            j++;
        if (j == n) {
            char known[1024];
            size_t w = 0;
            known[0] = '\0';
            for (int m = 0; m < n + k && w < sizeof known; m++) {
                const Dashboard *x = m < k ? keep[m] : d[m - k];
                if (!x)
                    continue;
                int r = snprintf(known + w, sizeof known - w, "%s%s",
                                 w ? ", " : "", x->name);
                w += r > 0 ? (size_t)r : 0;
            }
            fprintf(stderr,
                    "promboard: %s:%d:%d: unknown dashboard '%s' in "
                    "'dashboards' (known: %s)\n",
                    c->file, c->dash_line[i], c->dash_col[i], c->dashboards[i],
                    known);
            goto fail;
        }
        if (j == *cur)
            now = k;
        if (user)
            mine[k] = user[j];
        keep[k++] = d[j];
        d[j] = NULL;
    }
    if (asked && now < 0 && d[*cur]) { /* named on the command line */
        now = k;
        if (user)
            mine[k] = user[*cur];
        keep[k++] = d[*cur];
        d[*cur] = NULL;
    }
    for (int j = 0; j < n; j++)
        layout_free(d[j]);
    memcpy(d, keep, sizeof *d * (size_t)k);
    if (user)
        memcpy(user, mine, sizeof *user * (size_t)k);
    *cur = asked && now >= 0 ? now : 0;
    free(keep);
    free(mine);
    return k;
fail:
    for (int q = 0; keep && q < k; q++)
        layout_free(keep[q]);
    for (int j = 0; j < n; j++)
        layout_free(d[j]);
    free(keep);
    free(mine);
    return -1;
}

/* Checks one datasource: key r of file `file`. */
static int check_source(const Config *c, const SourceRef *r, const char *file,
                        char *err, size_t n)
{
    if (!r->name || config_source(c, r->name))
        return 0;
    char names[512];
    snprintf(err, n,
             "%s:%d:%d: unknown datasource '%s' (config.yaml's datasources: "
             "%s; '%s' is the main server)",
             file, r->line, r->col, r->name,
             config_source_names(c, names, sizeof names), LAYOUT_MAIN_SOURCE);
    return -1;
}

int dashboards_check_sources(const Config *c, Dashboard *const *d, int n,
                             char *err, size_t errn)
{
    for (int i = 0; i < n; i++) {
        if (check_source(c, &d[i]->source, d[i]->file, err, errn) < 0)
            return -1;
        for (int r = 0; r < d[i]->nrows; r++)
            for (int j = 0; j < d[i]->rows[r].npanels; j++) {
                const PanelConf *pc = &d[i]->rows[r].panels[j];
                if (check_source(c, &pc->source, d[i]->file, err, errn) < 0)
                    return -1;
                for (int q = 0; q < pc->nqueries; q++)
                    if (check_source(c, &pc->queries[q].source, d[i]->file, err,
                                     errn) < 0)
                        return -1;
            }
    }
    return 0;
}
