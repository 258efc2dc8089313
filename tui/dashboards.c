/* dashboards.c - gathers the dashboards promboard opens as tabs: the
 * bundled ones, the user's (a user file of a bundled name replaces it; one
 * that does not load is left out and said) and one given by path; and
 * finds a dashboard by what a person typed, suggesting the one a typo
 * meant. */
#include "dashboards.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

/* Appends line to the malloc'd text *list (one message a line). */
static void note(char **list, const char *line)
{
    if (!list)
        return;
    size_t have = *list ? strlen(*list) : 0, n = strlen(line);
    char *grown = realloc(*list, have + n + 2);
    if (!grown)
        return; /* out of memory: the message is lost, the file skipped */
    memcpy(grown + have, line, n);
    grown[have + n] = '\n';
    grown[have + n + 1] = '\0';
    *list = grown;
}

/* The optimal-string-alignment distance between a and b (edits, adjacent
 * transpositions counting one), without regard to case; stops counting at
 * 9. */
static int distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 40 || m > 40)
        return 9;
    int d[41][41];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            int cost = tolower((unsigned char)a[i - 1]) !=
                       tolower((unsigned char)b[j - 1]);
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 &&
                tolower((unsigned char)a[i - 1]) ==
                    tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) ==
                    tolower((unsigned char)b[j - 1]) &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[n][m] > 9 ? 9 : d[n][m];
}

/* 1 when s begins with prefix (case aside) and prefix is not empty. */
static int begins(const char *s, const char *prefix)
{
    size_t n = strlen(prefix);
    return n > 0 && strncasecmp(s, prefix, n) == 0;
}

/* How far `want` is from dashboard d: 0 when it begins its name or a word
 * of its title (two letters at least), else the distance to the closest of
 * those; a distance past a third of the word's length (1 at least) is 9. */
static int how_far(const Dashboard *d, const char *want)
{
    size_t wl = strlen(want);
    if (wl >= 2 && begins(d->name, want))
        return 0;
    int best = distance(want, d->name);
    char title[256], *save = NULL;
    snprintf(title, sizeof title, "%s", d->title ? d->title : "");
    for (char *w = strtok_r(title, " /-_", &save); w;
         w = strtok_r(NULL, " /-_", &save)) {
        if (wl >= 2 && begins(w, want))
            return 0;
        int k = distance(want, w);
        if (k < best)
            best = k;
    }
    int limit = (int)wl / 3 > 1 ? (int)wl / 3 : 1;
    return best <= limit ? best : 9;
}

int dashboards_find(Dashboard *const *d, int n, const char *want, int loose,
                    int *suggest)
{
    if (suggest)
        *suggest = -1;
    for (int i = 0; i < n; i++)
        if (!strcmp(d[i]->name, want))
            return i;
    if (loose) {
        int found = -1, count = 0;
        for (int i = 0; i < n; i++)
            if (!strcasecmp(d[i]->name, want))
                return i;
        for (int i = 0; i < n; i++)
            if (begins(d[i]->name, want)) {
                found = i;
                count++;
            }
        if (count == 1)
            return found;
    }
    int best = 9;
    for (int i = 0; i < n && suggest; i++) {
        int k = how_far(d[i], want);
        if (k < best) {
            best = k;
            *suggest = i;
        }
    }
    return -1;
}

int dashboards_load(const char *extra, Dashboard ***out, int *cur, int **user,
                    char **skipped)
{
    char msg[1024];
    char **files;
    int nu, n = 0, k = 0;
    if (skipped)
        *skipped = NULL;
    if (config_dashboard_files(&files, &nu, msg, sizeof msg) < 0) {
        /* an unreadable directory: its dashboards are left out */
        note(skipped, msg);
        files = NULL;
        nu = 0;
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
            note(skipped, conf_error_format(&err, msg, sizeof msg));
            continue;
        }
        for (int j = 0; j < i; j++)
            if (u[j] && !strcmp(u[j]->name, u[i]->name)) {
                char line[1100];
                snprintf(line, sizeof line,
                         "%s: dashboard name '%s' is also used by %s",
                         u[i]->file, u[i]->name, u[j]->file);
                note(skipped, line);
                layout_free(u[i]);
                u[i] = NULL;
                break;
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
    if (extra) {
        int suggest, i = dashboards_find(d, k, extra, 0, &suggest);
        if (i >= 0) {
            *cur = i;
        } else if (!strchr(extra, '/') && !strstr(extra, ".yaml") &&
                   !strstr(extra, ".yml") && !strstr(extra, ".json")) {
            if (suggest >= 0)
                fprintf(stderr,
                        "promboard: unknown dashboard '%s' (did you mean "
                        "'%s'? see --list)\n",
                        extra, d[suggest]->name);
            else
                fprintf(stderr,
                        "promboard: unknown dashboard '%s' (see --list)\n",
                        extra);
            goto fail;
        } else {
            d[k] = layout_load_file(extra, &err);
            if (!d[k]) {
                fprintf(stderr, "promboard: %s\n",
                        conf_error_format(&err, msg, sizeof msg));
                goto fail;
            }
            *cur = k++;
        }
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
    if (skipped) {
        free(*skipped);
        *skipped = NULL;
    }
    return -1;
}

int dashboards_choose(const Config *c, const char *asked, Dashboard **d, int n,
                      int *cur, int *user)
{
    if (c->ndashboards == 0)
        return n;
    Dashboard **keep = calloc((size_t)n + 1, sizeof *keep);
    int *mine = calloc((size_t)n + 1, sizeof *mine);
    int *slot = calloc((size_t)n + 1, sizeof *slot); /* d[j]'s place in keep */
    int k = 0, now = -1;
    if (!keep || !mine || !slot) {
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
            for (int m = 0; m < n && w < sizeof known; m++) { /* load order */
                const Dashboard *x = d[m] ? d[m] : keep[slot[m]];
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
        slot[j] = k;
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
    free(slot);
    return k;
fail:
    for (int q = 0; keep && q < k; q++)
        layout_free(keep[q]);
    for (int j = 0; j < n; j++)
        layout_free(d[j]);
    free(keep);
    free(mine);
    free(slot);
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

int dashboards_keep_sources(const Config *c, Dashboard **d, int n, int *cur,
                            int *user, char **skipped, char *err, size_t errn)
{
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (dashboards_check_sources(c, &d[i], 1, err, errn) < 0) {
            if (!user || !user[i] || i == *cur) { /* bundled or asked for */
                for (int j = i; j < n; j++)
                    layout_free(d[j]);
                for (int j = 0; j < k; j++)
                    layout_free(d[j]);
                return -1;
            }
            note(skipped, err); /* a user file: left out, and said */
            layout_free(d[i]);
            continue;
        }
        if (i == *cur)
            *cur = k;
        if (user)
            user[k] = user[i];
        d[k++] = d[i];
    }
    return k;
}
