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
