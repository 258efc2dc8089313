/* commands.c - the ':' prompt's commands: the table, running one on the
 * App (a dashboard, the time window, quitting, the help, the frame written
 * to files), and what Tab offers for their names and arguments. */
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../datasource/query.h"
#include "../util/duration.h"
#include "dashboards.h"
#include "keys.h"
#include "nav.h"

const Command commands[] = {
    {"q", "", "quit (also :quit)"},
    {"quit", "", "quit"},
    {"help", "", "the keys and these commands"},
    {"dash", "NAME", "go to dashboard NAME (Tab completes)"},
    {"range", "DURATION", "show the last DURATION (e.g. 6h, 7d)"},
    {"at", "TIME", "freeze now at TIME (14:05, now-2h, RFC 3339), 'now': live"},
    {"w", "", "write the screen to files (as the w key)"},
    {NULL, NULL, NULL},
};

const Command *commands_find(const char *s, size_t n)
{
    for (int i = 0; commands[i].name; i++)
        if (strlen(commands[i].name) == n && !strncmp(commands[i].name, s, n))
            return &commands[i];
    return NULL;
}

/* Splits line into its first word and the rest (blanks around both
 * dropped): *word and *wn, *arg (NUL-terminated, trailing blanks cut into
 * buf). */
static void split(const char *line, const char **word, size_t *wn, char *buf,
                  size_t n)
{
    while (*line == ' ')
        line++;
    *word = line;
    *wn = strcspn(line, " ");
    const char *rest = line + *wn;
    while (*rest == ' ')
        rest++;
    snprintf(buf, n, "%s", rest);
    size_t k = strlen(buf);
    while (k > 0 && buf[k - 1] == ' ')
        buf[--k] = '\0';
}

/* The dashboards of the App as an array (malloc'd; NULL on OOM). */
static Dashboard **dashes(const App *a)
{
    Dashboard **d = calloc((size_t)a->ndash + 1, sizeof *d);
    for (int i = 0; d && i < a->ndash; i++)
        d[i] = a->dash[i].d;
    return d;
}

int commands_run(App *a, const char *line, char *msg, size_t n)
{
    const char *word;
    size_t wn;
    char arg[512];
    split(line, &word, &wn, arg, sizeof arg);
    const Command *c = commands_find(word, wn);
    if (!c)
        return -1;
    if (!c->args[0] && arg[0]) {
        snprintf(msg, n, ":%s takes nothing after it", c->name);
        return 1;
    }
    if (c->args[0] && !arg[0]) {
        snprintf(msg, n, ":%s needs a %s (:%s %s)", c->name, c->args, c->name,
                 c->args);
        return 1;
    }
    if (!strcmp(c->name, "q") || !strcmp(c->name, "quit")) {
        a->asked_act = ACT_QUIT_NOW;
    } else if (!strcmp(c->name, "help")) {
        a->asked_act = ACT_HELP;
    } else if (!strcmp(c->name, "w")) {
        a->capture = 1;
    } else if (!strcmp(c->name, "dash")) {
        Dashboard **d = dashes(a);
        int suggest = -1,
            i = d ? dashboards_find(d, a->ndash, arg, 1, &suggest) : -1;
        const char *meant = suggest >= 0 ? d[suggest]->name : NULL;
        char want[300];
        snprintf(want, sizeof want, "%s", meant ? meant : "");
        free(d);
        if (i < 0) {
            if (want[0])
                snprintf(msg, n, "no dashboard '%s' (did you mean '%s'?)", arg,
                         want);
            else
                snprintf(msg, n, "no dashboard '%s' (Tab lists them)", arg);
            return 1;
        }
        a->asked_act = ACT_GOTO_DASH;
        a->asked_arg = i;
    } else if (!strcmp(c->name, "range")) {
        double secs;
        if (duration_parse(arg, &secs) < 0 || secs < 1) {
            snprintf(msg, n, "bad range '%s' (try 15m, 1h, 6h, 7d)", arg);
            return 1;
        }
        nav_set_range(a, secs);
    } else if (!strcmp(c->name, "at")) {
        double t = 0;
        if (strcmp(arg, "now") && strcmp(arg, "live") &&
            (time_parse_user(arg, app_time(a), &t) < 0 || t <= 0)) {
            snprintf(msg, n,
                     "bad time '%s' (try 14:05, now-2h, 2026-03-01 14:05 "
                     "or now)",
                     arg);
            return 1;
        }
        nav_set_at(a, t);
    }
    return 0;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

int commands_names(const char *prefix, size_t len, const char ***v, int n)
{
    int add = 0;
    for (int i = 0; commands[i].name; i++)
        add++;
    const char **grown = realloc(*v, sizeof **v * (size_t)(n + add + 1));
    if (!grown)
        return -1;
    *v = grown;
    for (int i = 0; commands[i].name; i++)
        if (!strncmp(commands[i].name, prefix, len))
            grown[n++] = commands[i].name;
    qsort(grown, (size_t)n, sizeof *grown, cmp_str);
    int k = 0;
    for (int i = 0; i < n; i++)
        if (k == 0 || strcmp(grown[k - 1], grown[i]))
            grown[k++] = grown[i];
    return k;
}

int commands_args(const App *a, const char *line, size_t cursor, size_t *start,
                  const char ***v)
{
    static const char *const ranges[] = {"5m", "15m", "30m", "1h",
                                         "3h", "6h",  "12h", "24h",
                                         "2d", "7d",  "30d", NULL};
    static const char *const times[] = {"now", NULL};
    *v = NULL;
    size_t b = 0;
    while (b < cursor && line[b] == ' ')
        b++;
    size_t wn = strcspn(line + b, " ");
    if (b + wn >= cursor)
        return -1; /* in the first word */
    const Command *c = commands_find(line + b, wn);
    if (!c || !c->args[0])
        return -1;
    size_t arg = b + wn;
    while (arg < cursor && line[arg] == ' ')
        arg++;
    if (memchr(line + arg, ' ', cursor - arg))
        return -1; /* past the argument */
    *start = arg;
    const char *typed = line + arg;
    size_t tn = cursor - arg;
    const char **out = calloc((size_t)a->ndash + 16, sizeof *out);
    if (!out)
        return -2;
    int n = 0;
    if (!strcmp(c->name, "dash")) {
        for (int i = 0; i < a->ndash; i++)
            if (!strncmp(a->dash[i].d->name, typed, tn))
                out[n++] = a->dash[i].d->name;
    } else {
        const char *const *list = !strcmp(c->name, "range") ? ranges : times;
        for (int i = 0; list[i]; i++)
            if (!strncmp(list[i], typed, tn))
                out[n++] = list[i];
    }
    if (n == 0) {
        free(out);
        return 0;
    }
    *v = out;
    return n;
}
