/* main.c - promboard's command line: parse it, load the dashboards, then run
 * the TUI, print one frame (--once), validate layouts (--check) or list them
 * (--list). Exit status: 0 ok, 1 runtime failure, 2 usage or configuration
 * error; every error is one line on stderr. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h> /* mallopt */
#endif

#include "../datasource/prom.h"
#include "../datasource/query.h"
#include "../layouts/grafana.h"
#include "../layouts/layout.h"
#include "adhoc.h"
#include "alerting.h"
#include "alertsview.h"
#include "ansi.h"
#include "app.h"
#include "config.h"
#include "dashboards.h"
#include "kiosk.h"
#include "output.h"
#include "reload.h"
#include "screen.h"
#include "ui.h"

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
    int theme_explicit; /* the theme was chosen, not defaulted */
    const char *query;  /* --query: PromQL for the ad-hoc Query tab */
    const char *color;  /* --color: auto, always, never */
    Theme th;           /* the theme, once resolved */
    double at, range, refresh, timeout, scrape;
    const char *at_arg; /* --at as typed, read once the zone is known */
    int kiosk;          /* --kiosk: wall screen */
    double kiosk_every; /* seconds per dashboard, 0: no rotation */
    int range_anchor;
    int cols, rows;
    int once, check, list;
    const PromAuth *auth;
    int no_mouse;
    int theme_given;          /* --theme chose the theme */
    int refresh_given;        /* --refresh chose the interval */
    int url_given;            /* --url or PROMBOARD_URL chose the server */
    const char *config;       /* --config or PROMBOARD_CONFIG, NULL: none */
    int expand;               /* --expand: every section starts open */
    const char *convert;      /* --convert: yaml or grafana */
    double started;           /* wall time the program started */
    const char *alertmanager; /* --alertmanager URL, NULL: none */
    int read_only;            /* --read-only: no silences made or expired */
    int utc;                /* --utc: times in UTC whatever the system's zone */
    const char *kiosk_list; /* --kiosk's dashboards, "a,b", NULL: all */
} Options;

static Config cfg;     /* config.yaml plus --header/--insecure */
static int out_errno;  /* why the frame could not be written, 0: unknown */
static char *url_file; /* the URL read by --url @FILE */

static void cfg_free(void)
{
    config_free(&cfg);
    prom_secret_free(url_file);
    url_file = NULL;
}

static void usage(FILE *f)
{
    fprintf(
        f,
        "usage: promboard [options] [DASHBOARD]\n"
        "\n"
        "A terminal dashboard for Prometheus. DASHBOARD is a bundled name\n"
        "(see --list), a path to a YAML layout or a Grafana dashboard\n"
        "(JSON).\n"
        "\n"
        "  -u, --url URL         Prometheus base URL (env PROMBOARD_URL,\n"
        "                        default http://localhost:9090); @FILE\n"
        "                        reads it from FILE\n"
        "      --config FILE     read FILE instead of config.yaml (env\n"
        "                        PROMBOARD_CONFIG)\n"
        "      --alertmanager URL  Alertmanager base URL: silenced and\n"
        "                        inhibited alerts, silences (env\n"
        "                        PROMBOARD_ALERTMANAGER)\n"
        "      --read-only       never make or expire a silence\n"
        "  -H, --header 'NAME: VALUE'  send this header with every request\n"
        "  -H @FILE              send the headers of FILE, one a line\n"
        "      --insecure        do not verify the server's TLS certificate\n"
        "      --at TIME         evaluate as if the clock read TIME\n"
        "                        (RFC 3339 or unix seconds)\n"
        "      --range DURATION  time window of charts (e.g. 15m, 1h, 7d)\n"
        "      --refresh DURATION  refresh every panel at this interval\n"
        "      --scrape-interval DURATION  the servers' scrape interval (the\n"
        "                        base of $__rate_interval; default: the\n"
        "                        server's, else 15s)\n"
        "      --timeout DURATION  per-request timeout (default 10s)\n"
        "  -q, --query EXPR      open on a Query tab charting PromQL EXPR\n"
        "      --once            render one complete frame and exit\n"
        "      --format FORMAT   with --once: text (default) or json\n"
        "      --size COLSxROWS  with --once --format text (default 120x40)\n"
        "      --theme NAME      colour theme: dark (default), light,\n"
        "                        high-contrast, mono, or a theme file\n"
        "      --color WHEN      with --once --format text: colours as\n"
        "                        escape sequences: auto (default), always,\n"
        "                        never\n"
        "      --kiosk [SECONDS] [DASH,DASH...]\n"
        "                        wall screen: no chrome, big numbers, a "
        "clock;\n"
        "                        the dashboards (all, or those listed) take\n"
        "                        turns (default 30s, 0: stay)\n"
        "      --no-mouse        leave the mouse to the terminal\n"
        "      --utc             show times in UTC (default: local time, or\n"
        "                        config.yaml's timezone)\n"
        "      --expand          open every collapsed section\n"
        "      --convert yaml    print DASHBOARD (Grafana JSON) as a\n"
        "                        promboard layout and exit\n"
        "      --convert grafana print DASHBOARD as Grafana dashboard\n"
        "                        JSON and exit\n"
        "      --check           validate the layouts and exit (for a\n"
        "                        Grafana dashboard, also list what is not\n"
        "                        drawn as Grafana draws it)\n"
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

/* The main server's query parameters and scrape interval from
 * config.yaml, then each of its datasources: a server of the client with
 * its own connection settings. Returns 0, or -1 after printing the error
 * (where it is in config.yaml). */
static int add_sources(App *a, Prom *prom, double timeout)
{
    if (app_source_set(a, NULL, 0, cfg.server.params, cfg.server.scrape) < 0)
        return fail(-1, "out of memory%s%s", "", NULL);
    for (int i = 0; i < cfg.nsources; i++) {
        ServerConf *src = &cfg.sources[i];
        PromAuth auth;
        config_server_auth(src, src->url, &auth);
        PromOptions po = {.url = src->url,
                          .timeout_ms = (long)(timeout * 1000),
                          .auth = &auth,
                          .compression = (PromCompression)cfg.compression,
                          .keep_series = APP_KEEP_SERIES};
        char *perr = NULL;
        int server = prom_add_server(prom, &po, &perr);
        if (server < 0) {
            fprintf(stderr, "promboard: %s:%d:%d: datasource '%s': %s\n",
                    cfg.file, src->line, src->col, src->name,
                    perr ? perr : "out of memory");
            free(perr);
            return -1;
        }
        if (app_source_set(a, src->name, server, src->params, src->scrape) < 0)
            return fail(-1, "out of memory%s%s", "", NULL);
    }
    return 0;
}

/* Prints each line of the user files left out, "promboard: MSG`tail`",
 * on stderr. */
static void say_skipped(const char *skipped, const char *tail)
{
    for (const char *l = skipped; l && *l;) {
        size_t n = strcspn(l, "\n");
        fprintf(stderr, "promboard: %.*s%s\n", (int)n, l, tail);
        l += n + (l[n] == '\n');
    }
}

/* A dashboard read again while running names only known datasources (see
 * ReloadSetup.check). */
static int check_reloaded(const Dashboard *d, char *err, size_t n)
{
    Dashboard *one = (Dashboard *)d;
    return dashboards_check_sources(&cfg, &one, 1, err, n);
}

/* --list: every dashboard, bundled or the user's; a user file that does
 * not load is said on stderr and left out. */
static int do_list(void)
{
    Dashboard **d;
    int *user, cur;
    char *skipped;
    int n = dashboards_load(NULL, &d, &cur, &user, &skipped);
    if (n < 0)
        return EXIT_USAGE;
    say_skipped(skipped, " (skipped)");
    free(skipped);
    for (int i = 0; i < n; i++) {
        printf("%-12s %s (%s)\n", d[i]->name, d[i]->title,
               user[i] ? "user" : "bundled");
        layout_free(d[i]);
    }
    free(d);
    free(user);
    return 0;
}

typedef struct {
    const char *file;
    const PanelConf *pc;
    const QueryConf *qc;
    int failed;
    int transport; /* the server could not be asked */
    char *why;     /* the first such error, shared */
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
            if (!r->why[0])
                snprintf(r->why, 512, "%s", res->error);
        }
    }
    result_free(res);
}

/* One turn of a run with a deadline (--once, --check): waits up to a
 * second for answers, never past `deadline` (wall time), and drives the
 * client; once the deadline has passed, whatever is still pending fails
 * with "no answer from URL within `timeout` s". Returns 1 when it has
 * passed. */
static int bounded_turn(Prom *p, double deadline, double timeout)
{
    double left = deadline - app_wall();
    if (left <= 0)
        prom_expire(p, timeout);
    prom_wait(p, -1, left <= 0 ? 0 : left > 1 ? 1000 : (int)(left * 1000) + 1);
    prom_progress(p);
    return left <= 0;
}

/* --check: every layout's YAML and schema, then PromQL syntax through the
 * server when it answers. */
static int do_check(const Options *o)
{
    Dashboard **d;
    int cur;
    char *skipped;
    int n = dashboards_load(o->dashboard, &d, &cur, NULL, &skipped);
    if (n < 0)
        return EXIT_USAGE;
    /* what the other modes leave out is what --check is for */
    say_skipped(skipped, "");
    int bad = skipped != NULL;
    free(skipped);
    char *perr = NULL, why[512] = "";
    if (dashboards_check_sources(&cfg, d, n, why, sizeof why) < 0) {
        fprintf(stderr, "promboard: %s\n", why);
        for (int i = 0; i < n; i++)
            layout_free(d[i]);
        free(d);
        return EXIT_USAGE;
    }
    PromOptions po = {.url = o->url,
                      .timeout_ms = (long)(o->timeout * 1000),
                      .auth = o->auth,
                      .compression = (PromCompression)cfg.compression};
    Prom *p = prom_new(&po, &perr);
    int unreachable = 0, nq = 0;
    CheckRef *refs = NULL;
    if (p) {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d[i]->npanels; j++)
                nq += d[i]->panels[j]->nqueries;
        refs = calloc((size_t)nq + 1, sizeof *refs);
        int k = 0;
        double now = floor(app_wall());
        for (int i = 0; refs && i < n; i++)
            for (int j = 0; j < d[i]->npanels; j++) {
                const PanelConf *pc = d[i]->panels[j];
                for (int q = 0; q < pc->nqueries; q++, k++) {
                    refs[k] =
                        (CheckRef){d[i]->file, pc, &pc->queries[q], 0, 0, why};
                    char *e = layout_expand(
                        d[i], pc->queries[q].expr, d[i]->range, 60,
                        d[i]->scrape > 0 ? d[i]->scrape
                                         : BACKEND_DEFAULT_SCRAPE);
                    if (!e)
                        continue;
                    PromQuery pq = {.type = PQ_INSTANT, .expr = e, .time = now};
                    prom_submit(p, &pq, on_check, &refs[k]);
                    free(e);
                }
            }
        /* every query gets one try, all of them within the timeout */
        while (prom_pending(p) > 0)
            bounded_turn(p, o->started + o->timeout, o->timeout);
        for (int k2 = 0; refs && k2 < nq; k2++) {
            bad |= refs[k2].failed;
            unreachable |= refs[k2].transport;
        }
        prom_free(p);
    } else {
        snprintf(why, sizeof why, "%s", perr ? perr : "no HTTP client");
        free(perr);
        unreachable = 1;
    }
    if (unreachable)
        fprintf(stderr, "promboard: note: PromQL syntax not checked: %s\n",
                why);
    if (!bad)
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d[i]->nnotes; k++)
                printf("%s: %s\n", d[i]->file, d[i]->notes[k]);
            printf("%s: ok (%s, %d panels)\n", d[i]->file, d[i]->name,
                   layout_panel_count(d[i]));
        }
    free(refs);
    for (int i = 0; i < n; i++)
        layout_free(d[i]);
    free(d);
    return bad ? EXIT_USAGE : 0;
}

/* --convert grafana: a dashboard (bundled, the user's, or a file) as
 * Grafana dashboard JSON, printed. */
static int do_convert_grafana(const Options *o)
{
    Dashboard **d;
    int cur;
    int n = dashboards_load(o->dashboard, &d, &cur, NULL, NULL);
    if (n < 0)
        return EXIT_USAGE;
    char *json = n > 0 ? grafana_from_dashboard(d[cur]) : NULL;
    for (int i = 0; i < n; i++)
        layout_free(d[i]);
    free(d);
    if (!json)
        return fail(EXIT_RUNTIME, "out of memory%s%s", "", NULL);
    int rc = fputs(json, stdout) < 0 || fputc('\n', stdout) == EOF ||
             fflush(stdout) != 0;
    free(json);
    return rc ? fail(EXIT_RUNTIME, "cannot write the output%s", "", NULL) : 0;
}

/* --convert yaml: a Grafana dashboard's layout, printed. It must load, so
 * what is printed is what promboard would show. */
static int do_convert(const Options *o)
{
    if (!o->dashboard)
        return fail(EXIT_USAGE, "--convert %s needs a DASHBOARD%s", o->convert,
                    NULL);
    if (!strcmp(o->convert, "grafana"))
        return do_convert_grafana(o);
    LayoutError err;
    char msg[1024], why[160];
    size_t len;
    char *text;
    if (conf_read_file(o->dashboard, GRAFANA_MAX_BYTES, &text, &len, why,
                       sizeof why) < 0)
        return fail(EXIT_USAGE, "%s: cannot read: %s", o->dashboard, why);
    if (!grafana_is_dashboard(text, len)) {
        free(text);
        return fail(EXIT_USAGE,
                    "%s: not a Grafana dashboard (--convert yaml reads "
                    "Grafana's JSON)%s",
                    o->dashboard, NULL);
    }
    GrafanaInfo info;
    char *yaml = grafana_to_yaml(o->dashboard, NULL, text, len, &info, &err);
    Dashboard *d =
        yaml ? layout_load_text(o->dashboard, NULL, text, len, &err) : NULL;
    free(text);
    grafana_info_free(&info);
    if (!d) {
        free(yaml);
        return fail(EXIT_USAGE, "%s%s",
                    conf_error_format(&err, msg, sizeof msg), NULL);
    }
    layout_free(d);
    int rc = fputs(yaml, stdout) < 0 || fflush(stdout) != 0;
    free(yaml);
    return rc ? fail(EXIT_RUNTIME, "cannot write the output%s", "", NULL) : 0;
}

/* --once: query everything, wait for every answer or timeout, print. */
static int do_once(App *a, const Options *o)
{
    int ascii = !screen_locale_utf8();
    Canvas *c = canvas_new(o->cols, o->rows, ascii);
    if (!c)
        return EXIT_RUNTIME;
    /* a plain frame, NO_COLOR or the mono theme: no colour to tell
     * series and states apart, glyphs do */
    c->mono = ansi_wanted(o->color, stdout) <= 0 ||
              ansi_depth_from_env() == THEME_DEPTH_NONE ||
              !strcmp(o->th.name, "mono");
    a->ascii = ascii;
    a->once = 1;
    app_layout(a, o->cols, o->rows);
    /* variables first, then every panel once; what has not answered by
     * the deadline fails with "no answer ... within", and so does what only
     * became due after it (panels waiting for their variables) */
    a->deadline = a->started + o->timeout;
    int late = 0;
    while (app_schedule(a, 0) + alerting_schedule(a, 0) > 0 ||
           prom_pending(a->prom) > 0)
        if (bounded_turn(a->prom, a->deadline, o->timeout) && ++late > 4)
            break;
    int rc = 0;
    char bad[1024];
    if (adhoc_usage_error(a, bad, sizeof bad)) {
        canvas_free(c);
        return fail(EXIT_USAGE, "--query: %s%s", bad, NULL);
    }
    if (!strcmp(o->format, "json")) {
        rc = output_json(a, stdout);
    } else {
        ui_render(a, c);
        if (ansi_wanted(o->color, stdout) > 0)
            rc = ansi_write(c, &o->th, ansi_depth_from_env(), stdout);
        else
            rc = output_text(c, stdout);
    }
    canvas_free(c);
    if (rc < 0 || fflush(stdout) != 0) {
        out_errno = errno;
        return EXIT_RUNTIME; /* said by finish_output() */
    }
    if (a->answers == 0 && a->failures > 0) {
        fprintf(stderr, "promboard: %s\n", a->last_error);
        return EXIT_RUNTIME;
    }
    return 0;
}

/* Standard descriptors closed by whoever started us are opened on
 * /dev/null, so a file opened later cannot become stdout by accident;
 * read-only, so that writing to a closed stdout still fails as it should. */
static void guard_std_fds(void)
{
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
            int n = open("/dev/null", O_RDONLY);
            if (n >= 0 && n != fd) {
                dup2(n, fd);
                close(n);
            }
        }
}

/* Flushes stdout and checks every write made to it: a full disk or a
 * closed stdout is exit status 1 with one line on stderr (a reader that
 * went away, EPIPE, ends it quietly). Returns the exit status. */
static int finish_output(int rc)
{
    errno = 0;
    int flushed = fflush(stdout) == 0;
    int e = out_errno ? out_errno : errno;
    if (flushed && !ferror(stdout))
        return rc;
    if (e != EPIPE)
        fprintf(stderr, "promboard: cannot write the output: %s\n",
                e ? strerror(e) : "write error");
    return EXIT_RUNTIME;
}

static int run(int argc, char **argv, double started);

int main(int argc, char **argv)
{
#ifdef __GLIBC__
    /* Large blocks (answers, parse trees, series) are mapped and unmapped
     * one by one: a fixed threshold stops glibc from raising it after the
     * first large free, which would leave freed answers resident. */
    mallopt(M_MMAP_THRESHOLD, 256 << 10);
#endif
    double started = app_wall();
    guard_std_fds();
    return finish_output(run(argc, argv, started));
}

/* Everything main does; returns the exit status. */
static int run(int argc, char **argv, double started)
{
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");
    Options o = {0};
    o.started = started;
    enum {
        O_AT = 256,
        O_RANGE,
        O_REFRESH,
        O_ONCE,
        O_FORMAT,
        O_SIZE,
        O_CHECK,
        O_LIST,
        O_THEME,
        O_TIMEOUT,
        O_CONFIG,
        O_INSECURE,
        O_KIOSK,
        O_COLOR,
        O_NO_MOUSE,
        O_EXPAND,
        O_CONVERT,
        O_ALERTMANAGER,
        O_READ_ONLY,
        O_SCRAPE,
        O_UTC
    };
    static const struct option longopts[] = {
        {"url", required_argument, NULL, 'u'},
        {"query", required_argument, NULL, 'q'},
        {"at", required_argument, NULL, O_AT},
        {"range", required_argument, NULL, O_RANGE},
        {"refresh", required_argument, NULL, O_REFRESH},
        {"scrape-interval", required_argument, NULL, O_SCRAPE},
        {"timeout", required_argument, NULL, O_TIMEOUT},
        {"once", no_argument, NULL, O_ONCE},
        {"format", required_argument, NULL, O_FORMAT},
        {"size", required_argument, NULL, O_SIZE},
        {"theme", required_argument, NULL, O_THEME},
        {"color", required_argument, NULL, O_COLOR},
        {"check", no_argument, NULL, O_CHECK},
        {"list", no_argument, NULL, O_LIST},
        {"kiosk", optional_argument, NULL, O_KIOSK},
        {"no-mouse", no_argument, NULL, O_NO_MOUSE},
        {"utc", no_argument, NULL, O_UTC},
        {"expand", no_argument, NULL, O_EXPAND},
        {"convert", required_argument, NULL, O_CONVERT},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"config", required_argument, NULL, O_CONFIG},
        {"header", required_argument, NULL, 'H'},
        {"insecure", no_argument, NULL, O_INSECURE},
        {"alertmanager", required_argument, NULL, O_ALERTMANAGER},
        {"read-only", no_argument, NULL, O_READ_ONLY},
        {NULL, 0, NULL, 0},
    };
    opterr = 0;
    int ch;
    /* Config file first (--config, PROMBOARD_CONFIG, the default one): its
     * settings are defaults that the environment and options override. */
    const char *cfg_path = getenv("PROMBOARD_CONFIG");
    /* '-': keep argv in order, so the real pass sees it as typed */
    while ((ch = getopt_long(argc, argv, "-:u:q:hVH:", longopts, NULL)) != -1)
        if (ch == O_CONFIG)
            cfg_path = optarg;
    optind = 0;
    char cfg_err[1024] = "";
    int cfg_bad = config_load(&cfg, cfg_path && *cfg_path ? cfg_path : NULL,
                              cfg_err, sizeof cfg_err) < 0;
    atexit(cfg_free);
    o.url = cfg.server.url ? cfg.server.url : "http://localhost:9090";
    if (getenv("PROMBOARD_URL") && *getenv("PROMBOARD_URL")) {
        o.url = getenv("PROMBOARD_URL");
        o.url_given = 1;
    }
    o.config = cfg_path && *cfg_path ? cfg_path : NULL;
    o.format = "text";
    o.color = "auto";
    o.theme = cfg.theme ? cfg.theme : "dark";
    o.theme_explicit = cfg.theme != NULL;
    o.timeout = cfg.timeout > 0 ? cfg.timeout : 10;
    o.refresh = cfg.refresh;
    o.cols = 120;
    o.rows = 40;
    o.alertmanager = cfg.am.url;
    if (getenv("PROMBOARD_ALERTMANAGER") && *getenv("PROMBOARD_ALERTMANAGER"))
        o.alertmanager = getenv("PROMBOARD_ALERTMANAGER");
    o.read_only = cfg.read_only;
    while ((ch = getopt_long(argc, argv, ":u:q:hVH:", longopts, NULL)) != -1) {
        switch (ch) {
        case O_CONFIG:
            break;
        case 'H':
            if (optarg[0] == '@') {
                char herr[600];
                if (config_add_header_file(&cfg, optarg + 1, herr,
                                           sizeof herr) < 0)
                    return fail(EXIT_USAGE, "-H: %s%s", herr, NULL);
            } else if (config_add_header(&cfg, optarg) < 0)
                return fail(EXIT_USAGE,
                            "bad --header: give it as 'NAME: VALUE'"
                            "%s%s",
                            "", NULL);
            break;
        case O_INSECURE:
            cfg.server.insecure = 1;
            break;
        case 'u':
            o.url = optarg;
            o.url_given = 1;
            if (optarg[0] == '@') { /* credentials kept out of argv */
                char uerr[600];
                prom_secret_free(url_file);
                if (!(url_file = config_read_line(optarg + 1, "URL", uerr,
                                                  sizeof uerr)))
                    return fail(EXIT_USAGE, "--url: %s%s", uerr, NULL);
                o.url = url_file;
            }
            break;
        case 'q':
            o.query = optarg;
            break;
        case O_AT: /* read once the time zone is known */
            o.at_arg = optarg;
            break;
        case O_RANGE:
            if (layout_range_parse(optarg, &o.range_anchor, &o.range) < 0) {
                fprintf(stderr,
                        "promboard: bad range '%s' for --range (try "
                        "15m, 1h, 24h, 7d, mtd or today)\n",
                        optarg);
                return EXIT_USAGE;
            }
            break;
        case O_REFRESH:
            if (duration_parse(optarg, &o.refresh) == 0 &&
                o.refresh < LAYOUT_REFRESH_MIN)
                return fail(EXIT_USAGE,
                            "--refresh must be at least 1s, got '%s'%s", optarg,
                            NULL);
            if (parse_duration_opt("--refresh", optarg, &o.refresh) < 0)
                return EXIT_USAGE;
            o.refresh_given = 1;
            break;
        case O_TIMEOUT:
            if (parse_duration_opt("--timeout", optarg, &o.timeout) < 0)
                return EXIT_USAGE;
            break;
        case O_SCRAPE:
            if (parse_duration_opt("--scrape-interval", optarg, &o.scrape) < 0)
                return EXIT_USAGE;
            break;
        case O_ONCE:
            o.once = 1;
            break;
        case O_FORMAT:
            if (strcmp(optarg, "text") && strcmp(optarg, "json"))
                return fail(EXIT_USAGE, "bad --format '%s' (text or json)%s",
                            optarg, NULL);
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
            o.theme = optarg;
            o.theme_explicit = 1;
            o.theme_given = 1;
            break;
        case O_KIOSK: {
            /* an optional argument binds only with '=': take the next one
             * when it reads as a duration (no dashboard name does) */
            const char *arg = optarg;
            double d;
            if (!arg && optind < argc && duration_parse(argv[optind], &d) == 0)
                arg = argv[optind++];
            o.kiosk = 1;
            o.kiosk_every = KIOSK_DEFAULT_EVERY;
            if (arg && kiosk_interval_parse(arg, &o.kiosk_every) < 0)
                return fail(EXIT_USAGE,
                            "bad interval '%s' for --kiosk (seconds per "
                            "dashboard, at least 1s, e.g. 20, 30s, 1m; 0: "
                            "no rotation)%s",
                            arg, NULL);
            /* then the dashboards to rotate, when a list follows
             * ("executive,system"; a lone name is the DASHBOARD) */
            if (optind < argc && strchr(argv[optind], ','))
                o.kiosk_list = argv[optind++];
            break;
        }
        case O_COLOR:
            if (ansi_wanted(optarg, stdout) < 0)
                return fail(EXIT_USAGE,
                            "bad --color '%s' (auto, always or never)%s",
                            optarg, NULL);
            o.color = optarg;
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
        case O_UTC:
            o.utc = 1;
            break;
        case O_EXPAND:
            o.expand = 1;
            break;
        case O_CONVERT:
            if (strcmp(optarg, "yaml") && strcmp(optarg, "grafana"))
                return fail(EXIT_USAGE,
                            "bad --convert '%s' (yaml or grafana)%s", optarg,
                            NULL);
            o.convert = optarg;
            break;
        case O_ALERTMANAGER:
            o.alertmanager = optarg;
            break;
        case O_READ_ONLY:
            o.read_only = 1;
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
    if (cfg_bad)
        return fail(EXIT_USAGE, "%s%s", cfg_err, NULL);
    config_zone_apply(o.utc ? "UTC" : cfg.timezone);
    if (o.at_arg &&
        (time_parse_user(o.at_arg, o.started, &o.at) < 0 || o.at <= 0))
        return fail(EXIT_USAGE,
                    "bad time '%s' for --at (try 2026-03-01T03:10:00Z, "
                    "'2026-03-01 14:05' or 14:05 in local time, now-2h or "
                    "unix seconds)%s",
                    o.at_arg, NULL);
    if (optind < argc)
        o.dashboard = argv[optind++];
    else
        o.dashboard = cfg.dashboard;
    if (optind < argc)
        return fail(EXIT_USAGE,
                    "unexpected argument '%s' (one DASHBOARD at most)%s",
                    argv[optind], NULL);
    {
        /* the final theme name, whatever set it: checked once, here */
        char terr[512];
        if (o.kiosk)
            o.theme = kiosk_theme(o.theme, o.theme_explicit);
        if (theme_load(o.theme, &o.th, terr, sizeof terr) < 0) {
            if (o.theme == cfg.theme && cfg.file) /* say where it was set */
                fprintf(stderr, "promboard: %s:%d:%d: %s\n", cfg.file,
                        cfg.theme_line, cfg.theme_col, terr);
            else
                fprintf(stderr, "promboard: %s\n", terr);
            return EXIT_USAGE;
        }
    }
    PromAuth auth;
    config_auth(&cfg, o.url, &auth);
    o.auth = &auth;
    if (o.convert)
        return do_convert(&o);
    if (o.list)
        return do_list();
    if (o.check)
        return do_check(&o);

    char *perr = NULL;
    PromOptions po = {.url = o.url,
                      .timeout_ms = (long)(o.timeout * 1000),
                      .auth = &auth,
                      .compression = (PromCompression)cfg.compression,
                      .keep_series = APP_KEEP_SERIES};
    Prom *prom = prom_new(&po, &perr);
    if (!prom) {
        fprintf(stderr, "promboard: %s\n",
                perr ? perr : "cannot start the HTTP client");
        free(perr);
        return EXIT_USAGE;
    }
    Dashboard **dash;
    int cur, *user;
    char *skipped;
    int n = dashboards_load(o.dashboard, &dash, &cur, &user, &skipped);
    if (n < 0) {
        prom_free(prom);
        return EXIT_USAGE;
    }
    char derr[1024] = "";
    n = dashboards_choose(&cfg, o.dashboard, dash, n, &cur, user);
    if (n >= 0)
        n = dashboards_keep_sources(&cfg, dash, n, &cur, user, &skipped, derr,
                                    sizeof derr);
    free(user);
    if (n < 0) {
        if (derr[0])
            fprintf(stderr, "promboard: %s\n", derr);
        free(dash);
        free(skipped);
        prom_free(prom);
        return EXIT_USAGE;
    }
    if (o.once) { /* the TUI says it in its status line */
        say_skipped(skipped, " (skipped)");
        free(skipped);
        skipped = NULL;
    }
    if (n == 0) {
        free(dash);
        free(skipped);
        prom_free(prom);
        return fail(EXIT_USAGE, "no dashboards%s%s", "", NULL);
    }
    if (o.kiosk_list) {
        char kerr[512];
        n = kiosk_pick(dash, n, o.kiosk_list, o.dashboard, &cur, kerr,
                       sizeof kerr);
        if (n <= 0) {
            free(dash);
            prom_free(prom);
            return fail(EXIT_USAGE, "%s%s", kerr, NULL);
        }
    }
    App app;
    if (app_init(&app, dash, n, prom) < 0) {
        free(dash);
        free(skipped);
        prom_free(prom);
        return fail(EXIT_RUNTIME, "out of memory%s%s", "", NULL);
    }
    free(dash);
    app.problems = skipped;
    if (add_sources(&app, prom, o.timeout) < 0) {
        app_done(&app);
        prom_free(prom);
        return EXIT_USAGE;
    }
    if (o.expand)
        app_expand_all(&app);
    int am = 0;
    if (o.alertmanager && *o.alertmanager) {
        /* the config's credentials go with the config's URL only */
        PromAuth am_auth;
        config_server_auth(&cfg.am, o.alertmanager, &am_auth);
        int own = cfg.am.url && !strcmp(cfg.am.url, o.alertmanager);
        PromOptions ao = {.url = o.alertmanager,
                          .timeout_ms = (long)(o.timeout * 1000),
                          .auth = own ? &am_auth : NULL,
                          .compression = (PromCompression)cfg.compression};
        am = prom_add_server(prom, &ao, &perr);
        if (am < 0) {
            fprintf(stderr, "promboard: --alertmanager: %s\n",
                    perr ? perr : "out of memory");
            free(perr);
            app_done(&app);
            prom_free(prom);
            return EXIT_USAGE;
        }
    }
    if (alerting_init(&app, am, o.read_only, cfg.silence_author,
                      o.once && !strcmp(o.format, "json")) < 0) {
        app_done(&app);
        prom_free(prom);
        return fail(EXIT_RUNTIME, "out of memory%s%s", "", NULL);
    }
    app.cur = cur;
    app.pick = !o.dashboard && !o.query; /* the first with data, once known */
    app.started = started;
    app.at = o.at;
    app.range = o.range;
    app.range_anchor = o.range_anchor;
    app.refresh = o.refresh;
    app.scrape = o.scrape;
    app.kiosk = o.kiosk;
    app.kiosk_every = o.kiosk_every;
    if (o.query) {
        char qerr[1024];
        if (adhoc_show(&app, o.query, qerr, sizeof qerr) < 0) {
            alerting_free(&app);
            app_done(&app);
            prom_free(prom);
            return fail(EXIT_USAGE, "--query: %s%s", qerr, NULL);
        }
    }
    app.mouse = !o.no_mouse;
    int rc;
    if (o.once) {
        rc = do_once(&app, &o);
    } else {
        char err[256] = "";
        app.ascii = !screen_locale_utf8();
        /* edited files are read again while it runs */
        const char *d = o.dashboard;
        size_t dl = d ? strlen(d) : 0;
        int path =
            d && (strchr(d, '/') || strstr(d, ".yaml") || strstr(d, ".yml") ||
                  (dl > 5 && !strcmp(d + dl - 5, ".json")));
        ReloadSetup rs = {.config = o.config,
                          .extra = path ? d : NULL,
                          .theme = o.theme,
                          .theme_fixed = o.theme_given,
                          .theme_default =
                              o.kiosk ? kiosk_theme("dark", 0) : "dark",
                          .refresh_fixed = o.refresh_given,
                          .url_fixed = o.url_given,
                          .check = check_reloaded};
        if (reload_init(&app, &rs) < 0) {
            rc = fail(EXIT_RUNTIME, "out of memory%s%s", "", NULL);
        } else {
            rc = ui_run(&app, &o.th, err, sizeof err);
            if (rc && err[0])
                fprintf(stderr, "promboard: %s\n", err);
        }
        reload_free(&app);
    }
    alertsview_free(&app);
    alerting_free(&app);
    app_done(&app);
    prom_free(prom);
    return rc;
}
