/* main.c - promboard's command line: parse it, load the dashboards, then run
 * the TUI, print one frame (--once), validate layouts (--check) or list them
 * (--list). Exit status: 0 ok, 1 runtime failure, 2 usage or configuration
 * error; every error is one line on stderr. */
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../datasource/prom.h"
#include "../datasource/query.h"
#include "../layouts/layout.h"
#include "app.h"
#include "output.h"
#include "screen.h"

#ifndef PROMBOARD_VERSION
#define PROMBOARD_VERSION "0.0.0"
#endif

#define EXIT_RUNTIME 1
#define EXIT_USAGE 2

typedef struct {
    const char *url;
    const char *dashboard;
    const char *format;
    const char *theme;
    double at, range, refresh, timeout;
    int range_anchor;
    int cols, rows;
    int once, check, list;
    int no_mouse;
} Options;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: promboard [options] [DASHBOARD]\n"
            "\n"
            "A terminal dashboard for Prometheus. DASHBOARD is a bundled name\n"
            "(see --list) or a path to a YAML layout.\n"
            "\n"
            "  -u, --url URL         Prometheus base URL (env PROMBOARD_URL,\n"
            "                        default http://localhost:9090)\n"
            "      --at TIME         evaluate as if the clock read TIME\n"
            "                        (RFC 3339 or unix seconds)\n"
            "      --range DURATION  time window of charts (e.g. 15m, 1h, 7d)\n"
            "      --refresh DURATION  refresh every panel at this interval\n"
            "      --timeout DURATION  per-request timeout (default 10s)\n"
            "      --once            render one complete frame and exit\n"
            "      --format FORMAT   with --once: text (default) or json\n"
            "      --size COLSxROWS  with --once --format text (default 120x40)\n"
            "      --theme NAME      colour theme: dark (default) or mono\n"
            "      --no-mouse        leave the mouse to the terminal\n"
            "      --check           validate the layouts and exit\n"
            "      --list            list the dashboards and exit\n"
            "  -h, --help            show this help\n"
            "  -V, --version         show the version\n"
            "\n"
            "Keys in the dashboard: ? shows them all; q quits.\n");
}

static int fail(int code, const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "promboard: ");
    fprintf(stderr, fmt, a, b ? b : "");
    fputc('\n', stderr);
    return code;
}

static int parse_duration_opt(const char *name, const char *s, double *out)
{
    if (duration_parse(s, out) < 0 || *out <= 0) {
        fprintf(stderr,
                "promboard: bad duration '%s' for %s (try 30s, 5m, 1h, 7d)\n",
                s, name);
        return -1;
    }
    return 0;
}

/* Loads every bundled dashboard, plus `extra` (a path) when given and not a
 * bundled name. *cur is the index of the one asked for. Returns the count,
 * or -1 after printing the error. */
static int load_all(const char *extra, Dashboard ***out, int *cur)
{
    int n = 0;
    for (const BundledLayout *b = layouts_bundled; b->name; b++)
        n++;
    Dashboard **d = calloc((size_t)n + 1, sizeof *d);
    if (!d)
        return -1;
    int k = 0;
    *cur = 0;
    LayoutError err;
    char msg[1024];
    for (const BundledLayout *b = layouts_bundled; b->name; b++) {
        d[k] = layout_load_text(b->file, b->name, b->text, b->len, &err);
        if (!d[k]) {
            fprintf(stderr, "promboard: %s\n",
                    layout_error_format(&err, msg, sizeof msg));
            goto fail;
        }
        if (extra && !strcmp(extra, b->name))
            *cur = k;
        k++;
    }
    if (extra && !layout_bundled_find(extra)) {
        if (!strchr(extra, '/') && !strstr(extra, ".yaml") &&
            !strstr(extra, ".yml")) {
            fprintf(stderr, "promboard: unknown dashboard '%s' (see --list)\n",
                    extra);
            goto fail;
        }
        d[k] = layout_load_file(extra, &err);
        if (!d[k]) {
            fprintf(stderr, "promboard: %s\n",
                    layout_error_format(&err, msg, sizeof msg));
            goto fail;
        }
        *cur = k++;
    }
    *out = d;
    return k;
fail:
    for (int i = 0; i < k; i++)
        layout_free(d[i]);
    free(d);
    return -1;
}

static int do_list(void)
{
    LayoutError err;
    for (const BundledLayout *b = layouts_bundled; b->name; b++) {
        Dashboard *d = layout_load_text(b->file, b->name, b->text, b->len, &err);
        printf("%-12s %s (bundled)\n", b->name, d ? d->title : "(invalid)");
        layout_free(d);
    }
    return 0;
}

typedef struct {
    const char *file;
    const PanelConf *pc;
    const QueryConf *qc;
    int failed;
    int transport; /* the server could not be asked */
} CheckRef;

static void on_check(void *ud, const PromQuery *q, Result *res, double secs)
{
    (void)q;
    (void)secs;
    CheckRef *r = ud;
    if (res->error) {
        if (res->http_status == 400) {
            fprintf(stderr, "promboard: %s:%d:%d: panel '%s': %s\n", r->file,
                    r->qc->line, r->qc->col, r->pc->title, res->error);
            r->failed = 1;
        } else {
            r->transport = 1;
        }
    }
    result_free(res);
}

/* --check: every layout's YAML and schema, then PromQL syntax through the
 * server when it answers. */
static int do_check(const Options *o)
{
    Dashboard **d;
    int cur;
    int n = load_all(o->dashboard, &d, &cur);
    if (n < 0)
        return EXIT_USAGE;
    char *perr = NULL;
    PromOptions po = {o->url, (long)(o->timeout * 1000), 0, 0, 0};
    Prom *p = prom_new(&po, &perr);
    int bad = 0, unreachable = 0, nq = 0;
    CheckRef *refs = NULL;
    if (p) {
        for (int i = 0; i < n; i++)
            for (int r = 0; r < d[i]->nrows; r++)
                for (int j = 0; j < d[i]->rows[r].npanels; j++)
                    nq += d[i]->rows[r].panels[j].nqueries;
        refs = calloc((size_t)nq + 1, sizeof *refs);
        int k = 0;
        double now = floor(app_wall());
        for (int i = 0; refs && i < n; i++)
            for (int r = 0; r < d[i]->nrows; r++)
                for (int j = 0; j < d[i]->rows[r].npanels; j++) {
                    const PanelConf *pc = &d[i]->rows[r].panels[j];
                    for (int q = 0; q < pc->nqueries; q++, k++) {
                        refs[k] = (CheckRef){d[i]->file, pc, &pc->queries[q], 0, 0};
                        char *e = layout_expand(d[i], pc->queries[q].expr,
                                                d[i]->range, 60);
                        if (!e)
                            continue;
                        PromQuery pq = {PQ_INSTANT, e, now, 0, 0, 0};
                        prom_submit(p, &pq, on_check, &refs[k]);
                        free(e);
                    }
                }
        while (prom_pending(p) > 0) {
            prom_wait(p, -1, 1000);
            prom_progress(p);
        }
        for (int k2 = 0; refs && k2 < nq; k2++) {
            bad |= refs[k2].failed;
            unreachable |= refs[k2].transport;
        }
        prom_free(p);
    } else {
        free(perr);
        unreachable = 1;
    }
    if (unreachable)
        fprintf(stderr,
                "promboard: note: %s did not answer; PromQL syntax not checked\n",
                o->url);
    if (!bad)
        for (int i = 0; i < n; i++)
            printf("%s: ok (%s, %d panels)\n", d[i]->file, d[i]->name,
                   layout_panel_count(d[i]));
    free(refs);
    for (int i = 0; i < n; i++)
        layout_free(d[i]);
    free(d);
    return bad ? EXIT_USAGE : 0;
}

/* --once: query everything, wait for every answer or timeout, print. */
static int do_once(App *a, const Options *o)
{
    int ascii = !screen_locale_utf8();
    Canvas *c = canvas_new(o->cols, o->rows, ascii);
    if (!c)
        return EXIT_RUNTIME;
    a->ascii = ascii;
    a->once = 1;
    app_layout(a, o->cols, o->rows);
    /* variables first, then every panel once */
    while (app_schedule(a, 0) > 0 || prom_pending(a->prom) > 0) {
        prom_wait(a->prom, -1, 1000);
        prom_progress(a->prom);
    }
    int rc = 0;
    if (!strcmp(o->format, "json")) {
        rc = output_json(a, stdout);
    } else {
        app_render(a, c);
        rc = output_text(c, stdout);
    }
    canvas_free(c);
    if (rc < 0)
        return fail(EXIT_RUNTIME, "cannot write the output%s", "", NULL);
    if (a->answers == 0 && a->failures > 0) {
        fprintf(stderr, "promboard: %s\n", a->last_error);
        return EXIT_RUNTIME;
    }
    return 0;
}

int main(int argc, char **argv)
{
    double started = app_wall();
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");
    Options o = {0};
    o.url = getenv("PROMBOARD_URL");
    if (!o.url || !*o.url)
        o.url = "http://localhost:9090";
    o.format = "text";
    o.theme = "dark";
    o.timeout = 10;
    o.cols = 120;
    o.rows = 40;
    enum { O_AT = 256, O_RANGE, O_REFRESH, O_ONCE, O_FORMAT, O_SIZE, O_CHECK,
           O_LIST, O_THEME, O_TIMEOUT, O_NO_MOUSE };
    static const struct option longopts[] = {
        {"url", required_argument, NULL, 'u'},
        {"at", required_argument, NULL, O_AT},
        {"range", required_argument, NULL, O_RANGE},
        {"refresh", required_argument, NULL, O_REFRESH},
        {"timeout", required_argument, NULL, O_TIMEOUT},
        {"once", no_argument, NULL, O_ONCE},
        {"format", required_argument, NULL, O_FORMAT},
        {"size", required_argument, NULL, O_SIZE},
        {"theme", required_argument, NULL, O_THEME},
        {"check", no_argument, NULL, O_CHECK},
        {"list", no_argument, NULL, O_LIST},
        {"no-mouse", no_argument, NULL, O_NO_MOUSE},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":u:hV", longopts, NULL)) != -1) {
        switch (ch) {
        case 'u':
            o.url = optarg;
            break;
        case O_AT:
            if (time_parse(optarg, &o.at) < 0 || o.at <= 0)
                return fail(EXIT_USAGE,
                            "bad time '%s' for --at (try 2026-03-01T03:10:00Z "
                            "or unix seconds)%s",
                            optarg, NULL);
            break;
        case O_RANGE:
            if (layout_range_parse(optarg, &o.range_anchor, &o.range) < 0) {
                fprintf(stderr, "promboard: bad range '%s' for --range (try "
                                "15m, 1h, 24h, 7d, mtd or today)\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case O_REFRESH:
            if (parse_duration_opt("--refresh", optarg, &o.refresh) < 0)
                return EXIT_USAGE;
            break;
        case O_TIMEOUT:
            if (parse_duration_opt("--timeout", optarg, &o.timeout) < 0)
                return EXIT_USAGE;
            break;
        case O_ONCE:
            o.once = 1;
            break;
        case O_FORMAT:
            if (strcmp(optarg, "text") && strcmp(optarg, "json"))
                return fail(EXIT_USAGE,
                            "bad --format '%s' (text or json)%s", optarg, NULL);
            o.format = optarg;
            break;
        case O_SIZE: {
            char x;
            int n = 0;
            if (sscanf(optarg, "%d%c%d%n", &o.cols, &x, &o.rows, &n) != 3 ||
                (x != 'x' && x != 'X') || optarg[n] || o.cols < 10 ||
                o.rows < 5 || o.cols > 1000 || o.rows > 1000)
                return fail(EXIT_USAGE,
                            "bad --size '%s' (COLSxROWS, from 10x5 to "
                            "1000x1000)%s",
                            optarg, NULL);
            break;
        }
        case O_THEME:
            if (!theme_find(optarg))
                return fail(EXIT_USAGE, "unknown theme '%s' (dark, mono)%s",
                            optarg, NULL);
            o.theme = optarg;
            break;
        case O_CHECK:
            o.check = 1;
            break;
        case O_LIST:
            o.list = 1;
            break;
        case O_NO_MOUSE:
            o.no_mouse = 1;
            break;
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("promboard %s\n", PROMBOARD_VERSION);
            return 0;
        case ':':
            return fail(EXIT_USAGE, "option '%s' needs a value%s",
                        argv[optind - 1], NULL);
        default:
            return fail(EXIT_USAGE, "unknown option '%s' (see --help)%s",
                        argv[optind - 1], NULL);
        }
    }
    if (optind < argc)
        o.dashboard = argv[optind++];
    if (optind < argc)
        return fail(EXIT_USAGE, "unexpected argument '%s' (one DASHBOARD at most)%s",
                    argv[optind], NULL);
    if (o.list)
        return do_list();
    if (o.check)
        return do_check(&o);

    char *perr = NULL;
    PromOptions po = {o.url, (long)(o.timeout * 1000), 0, 0, 0};
    Prom *prom = prom_new(&po, &perr);
    if (!prom) {
        fprintf(stderr, "promboard: %s\n", perr ? perr : "cannot start the HTTP client");
        free(perr);
        return EXIT_USAGE;
    }
    Dashboard **dash;
    int cur;
    int n = load_all(o.dashboard, &dash, &cur);
    if (n < 0) {
        prom_free(prom);
        return EXIT_USAGE;
    }
    if (n == 0) {
        free(dash);
        prom_free(prom);
        return fail(EXIT_USAGE, "no dashboards%s%s", "", NULL);
    }
    App app;
    if (app_init(&app, dash, n, prom) < 0) {
        free(dash);
        prom_free(prom);
        return fail(EXIT_RUNTIME, "out of memory%s%s", "", NULL);
    }
    free(dash);
    app.cur = cur;
    app.started = started;
    app.at = o.at;
    app.range = o.range;
    app.range_anchor = o.range_anchor;
    app.refresh = o.refresh;
    app.mouse = !o.no_mouse;
    int rc;
    if (o.once) {
        rc = do_once(&app, &o);
    } else {
        char err[256] = "";
        app.ascii = !screen_locale_utf8();
        rc = app_run(&app, o.theme, err, sizeof err);
        if (rc && err[0])
            fprintf(stderr, "promboard: %s\n", err);
    }
    app_done(&app);
    prom_free(prom);
    return rc;
}
