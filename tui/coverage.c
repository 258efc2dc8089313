/* coverage.c - counts the metric names each dashboard's queries select
 * against the names the main server has, and picks the dashboard to open. */
#include "coverage.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

#define COVER_PER_QUERY 32 /* names taken from one expression */

/* Series every scrape target has, and the server's own alert series. */
static int everywhere(const char *name)
{
    static const char *const names[] = {"up",
                                        "scrape_duration_seconds",
                                        "scrape_samples_scraped",
                                        "scrape_samples_post_metric_relabeling",
                                        "scrape_series_added",
                                        "scrape_timeout_seconds",
                                        "scrape_sample_limit",
                                        "scrape_body_size_bytes",
                                        "ALERTS",
                                        "ALERTS_FOR_STATE",
                                        NULL};
    for (int i = 0; names[i]; i++)
        if (!strcmp(names[i], name))
            return 1;
    return 0;
}

static int ident(int c)
{
    return isalnum(c) || c == '_' || c == ':';
}

/* A copy of expr where each word holding a variable ($x, ${x}, [[x]]) is
 * blanked: a name made with a variable is not a metric name. NULL on OOM. */
static char *blank_variables(const char *expr)
{
    char *s = strdup(expr);
    if (!s)
        return NULL;
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        size_t end;
        if (s[i] == '$' && s[i + 1] == '{') {
            char *c = strchr(s + i, '}');
            end = c ? (size_t)(c - s) + 1 : n;
        } else if (s[i] == '$') {
            end = i + 1;
        } else if (s[i] == '[' && s[i + 1] == '[') {
            char *c = strstr(s + i, "]]");
            end = c ? (size_t)(c - s) + 2 : n;
        } else {
            continue;
        }
        size_t start = i;
        while (start > 0 && ident((unsigned char)s[start - 1]))
            start--;
        while (end < n && ident((unsigned char)s[end]))
            end++;
        memset(s + start, ' ', end - start);
        i = end - 1;
    }
    return s;
}

/* The names of panel pc's queries to the main server into out (at most
 * max, each once); `own`: leave out the names every target has. Returns
 * the count. */
static int panel_names(const App *a, const Dashboard *d, const PanelConf *pc,
                       int own, char (*out)[FAMILIES_MAX_LEN], int max)
{
    int n = 0;
    char got[COVER_PER_QUERY][FAMILIES_MAX_LEN];
    for (int q = 0; q < pc->nqueries; q++) {
        if (!pc->queries[q].expr || app_query_source(a, d, pc, q) != 0)
            continue;
        char *e = blank_variables(pc->queries[q].expr);
        int k = e ? families_in_expr(e, got, COVER_PER_QUERY) : 0;
        free(e);
        for (int i = 0; i < k; i++) {
            if (own && everywhere(got[i]))
                continue;
            int seen = 0;
            for (int j = 0; j < n && !seen; j++)
                seen = !strcmp(out[j], got[i]);
            if (!seen && n < max)
                memcpy(out[n++], got[i], FAMILIES_MAX_LEN);
        }
    }
    return n;
}

/* Index of name in the first n of v, or -1. */
static int name_at(char (*v)[FAMILIES_MAX_LEN], int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(v[i], name))
            return i;
    return -1;
}

void coverage_count(const App *a, int di, CoverageHas has, const void *ud,
                    Coverage *out)
{
    memset(out, 0, sizeof *out);
    const Dashboard *d = a->dash[di].d;
    enum { PANEL_MAX = 64, DASH_MAX = 512 };
    char(*mine)[FAMILIES_MAX_LEN] = malloc(sizeof *mine * PANEL_MAX);
    char(*all)[FAMILIES_MAX_LEN] = malloc(sizeof *all * DASH_MAX);
    if (!mine || !all)
        goto done;
    /* names every target has count only when there is nothing else */
    int own = 0;
    for (int r = 0; r < d->nrows && !own; r++)
        for (int p = 0; p < d->rows[r].npanels && !own; p++) {
            const PanelConf *pc = &d->rows[r].panels[p];
            own = panel_names(a, d, pc, 1, mine, PANEL_MAX) > 0;
        }
    int nall = 0;
    for (int r = 0; r < d->nrows; r++)
        for (int p = 0; p < d->rows[r].npanels; p++) {
            const PanelConf *pc = &d->rows[r].panels[p];
            int k = panel_names(a, d, pc, own, mine, PANEL_MAX);
            int hits = 0;
            for (int i = 0; i < k; i++) {
                int there = has(ud, mine[i]) == 1;
                hits += there;
                if (name_at(all, nall, mine[i]) >= 0 || nall == DASH_MAX)
                    continue;
                memcpy(all[nall++], mine[i], FAMILIES_MAX_LEN);
                out->names++;
                out->found += there;
                if (!there && !out->missing[0])
                    memcpy(out->missing, mine[i], FAMILIES_MAX_LEN);
            }
            if (k > 0) {
                out->panels++;
                out->complete += hits == k;
            }
        }
    out->known = 1;
done:
    free(mine);
    free(all);
}

int coverage_none(const Coverage *c)
{
    return c->known && c->names > 0 && c->found == 0;
}

int coverage_pick(const App *a, int fallback)
{
    int best = -1;
    double share = 0;
    for (int i = 0; i < a->ndash; i++) {
        const Coverage *c = &a->dash[i].cover;
        if (!c->known || c->panels == 0)
            continue;
        if (c->complete == c->panels)
            return i;
        double s = (double)c->complete / c->panels;
        if (s > share) {
            share = s;
            best = i;
        }
    }
    return best >= 0 ? best : fallback;
}

void coverage_words(const Coverage *c, char *buf, size_t n)
{
    if (!coverage_none(c))
        snprintf(buf, n, "%s", "");
    else if (c->names == 1)
        snprintf(buf, n, "its metric %s is not on the server", c->missing);
    else
        snprintf(buf, n, "none of its %d metrics on the server (%s, ...)",
                 c->names, c->missing);
}
