/* test_coverage.c - unit tests of tui/coverage.c: which metric names each
 * dashboard selects on the main server, what the server has of them, the
 * dimmed tab's words and the dashboard opened first, on an App that never
 * talks to a server (the server's names are a fixed list). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../tui/app.h"
#include "../../tui/coverage.h"

/* A Prometheus scraping itself and a node_exporter. */
static const char *const server_names[] = {
    "up",         "scrape_duration_seconds",     "node_cpu_seconds_total",
    "node_load1", "prometheus_tsdb_head_series", NULL};

static int has_listed(const void *ud, const char *name)
{
    for (const char *const *p = ud; *p; p++)
        if (!strcmp(*p, name))
            return 1;
    return 0;
}

/* Names every target has count only where there is nothing else; the rest
 * are not on the server. */
static const char *const yaml_app =
    "title: App\n"
    "rows:\n"
    "  - panels:\n"
    "      - {title: Rate, kind: stat, query: "
    "'sum(rate(app_requests_total[$__rate_interval]))'}\n"
    "      - {title: Up, kind: stat, query: 'up{job=\"app\"}'}\n"
    "      - title: Ratio\n"
    "        kind: table\n"
    "        queries:\n"
    "          - {expr: 'app_errors_total / app_requests_total'}\n"
    "          - {expr: 'app_queue_depth', datasource: lt}\n";

/* Only names every target has. */
static const char *const yaml_targets =
    "title: Targets\n"
    "rows:\n"
    "  - panels:\n"
    "      - {title: Up, kind: stat, query: 'sum(up)'}\n"
    "      - {title: Slow, kind: stat, query: "
    "'max(scrape_duration_seconds)'}\n";

/* Half its panels find their metrics. */
static const char *const yaml_half =
    "title: Half\n"
    "rows:\n"
    "  - panels:\n"
    "      - {title: CPU, kind: stat, query: "
    "'sum by (mode) (rate(node_cpu_seconds_total[5m]))'}\n"
    "      - {title: Disk, kind: stat, query: "
    "'node_filesystem_avail_bytes / node_filesystem_size_bytes'}\n"
    "      - {title: Load, kind: stat, query: 'node_load1 > bool 1'}\n"
    "      - {title: Text, kind: text, content: hello}\n";

/* Names made with variables, no name at all, another server. */
static const char *const yaml_vague =
    "title: Vague\n"
    "variables:\n"
    "  - {name: metric, value: node_load1}\n"
    "  - {name: kind, value: cpu}\n"
    "  - {name: y, value: z}\n"
    "rows:\n"
    "  - panels:\n"
    "      - {title: A, kind: stat, query: 'rate(${metric}[5m])'}\n"
    "      - {title: B, kind: stat, query: 'sum(node_${kind}_total)'}\n"
    "      - {title: C, kind: stat, query: 'x_[[y]]'}\n"
    "      - {title: D, kind: stat, query: 'vector(1)'}\n"
    "      - {title: E, kind: stat, query: 'app_x', datasource: lt}\n";

/* Every panel finds its metrics. */
static const char *const yaml_full =
    "title: Full\n"
    "rows:\n"
    "  - panels:\n"
    "      - {title: Head, kind: stat, query: "
    "'prometheus_tsdb_head_series'}\n"
    "      - {title: Load, kind: stat, query: 'node_load1'}\n";

typedef struct {
    App a;
    Prom *p;
} Fix;

/* An App of the dashboards in yamls (NULL-terminated), with datasource
 * "lt" beside the main server, each counted against server_names. */
static Fix *fix_new(const char *const *yamls)
{
    Fix *f = calloc(1, sizeof *f);
    assert_non_null(f);
    char *err = NULL;
    PromOptions po = {.url = "http://127.0.0.1:9"};
    f->p = prom_new(&po, &err);
    assert_non_null(f->p);
    Dashboard *d[8];
    int n = 0;
    for (; yamls[n]; n++) {
        LayoutError le;
        char name[16];
        snprintf(name, sizeof name, "d%d", n);
        d[n] =
            layout_load_text("x.yaml", name, yamls[n], strlen(yamls[n]), &le);
        if (!d[n])
            fail_msg("%s", le.msg);
    }
    assert_int_equal(app_init(&f->a, d, n, f->p), 0);
    assert_int_equal(app_source_set(&f->a, "lt", 1, NULL, 0), 1);
    for (int i = 0; i < n; i++)
        coverage_count(&f->a, i, has_listed, server_names, &f->a.dash[i].cover);
    return f;
}

static void fix_free(Fix *f)
{
    app_done(&f->a);
    prom_free(f->p);
    free(f);
}

static void test_count(void **state)
{
    (void)state;
    const char *const yamls[] = {yaml_app,   yaml_targets, yaml_half,
                                 yaml_vague, yaml_full,    NULL};
    Fix *f = fix_new(yamls);
    char why[256];

    /* up is not its own; the query to lt is not counted */
    const Coverage *c = &f->a.dash[0].cover;
    assert_int_equal(c->known, 1);
    assert_int_equal(c->names, 2); /* app_requests_total, app_errors_total */
    assert_int_equal(c->found, 0);
    assert_int_equal(c->panels, 2);
    assert_int_equal(c->complete, 0);
    assert_string_equal(c->missing, "app_requests_total");
    assert_true(coverage_none(c));
    coverage_words(c, why, sizeof why);
    assert_string_equal(why, "none of its 2 metrics on the server "
                             "(app_requests_total, ...)");

    /* nothing but names every target has: they count */
    c = &f->a.dash[1].cover;
    assert_int_equal(c->names, 2);
    assert_int_equal(c->found, 2);
    assert_int_equal(c->complete, 2);
    assert_false(coverage_none(c));
    coverage_words(c, why, sizeof why);
    assert_string_equal(why, "");

    /* a panel with one of its two names missing is not complete; a text
     * panel asks nothing */
    c = &f->a.dash[2].cover;
    assert_int_equal(c->names, 4);
    assert_int_equal(c->found, 2);
    assert_int_equal(c->panels, 3);
    assert_int_equal(c->complete, 2);
    assert_false(coverage_none(c));

    /* variables make no names; vector(1) has none; lt is not asked */
    c = &f->a.dash[3].cover;
    assert_int_equal(c->known, 1);
    assert_int_equal(c->names, 0);
    assert_int_equal(c->panels, 0);
    assert_false(coverage_none(c));

    c = &f->a.dash[4].cover;
    assert_int_equal(c->complete, 2);
    assert_int_equal(c->panels, 2);
    fix_free(f);
}

static void test_words(void **state)
{
    (void)state;
    Coverage c = {.known = 1, .names = 1, .panels = 1};
    strcpy(c.missing, "nexus_x_total");
    char why[256];
    coverage_words(&c, why, sizeof why);
    assert_string_equal(why, "its metric nexus_x_total is not on the server");
    c.known = 0; /* not counted: nothing to say */
    coverage_words(&c, why, sizeof why);
    assert_string_equal(why, "");
    char tiny[8];
    c.known = 1;
    coverage_words(&c, tiny, sizeof tiny);
    assert_string_equal(tiny, "its met");
}

/* The first whose panels all find their metrics, else the best share,
 * else the fallback. */
static void test_pick(void **state)
{
    (void)state;
    const char *const all[] = {yaml_app, yaml_vague, yaml_half, yaml_full,
                               NULL};
    Fix *f = fix_new(all);
    assert_int_equal(coverage_pick(&f->a, 0), 3);
    fix_free(f);

    const char *const some[] = {yaml_app, yaml_half, yaml_vague, NULL};
    f = fix_new(some);
    assert_int_equal(coverage_pick(&f->a, 0), 1);
    fix_free(f);

    const char *const none[] = {yaml_app, yaml_vague, NULL};
    f = fix_new(none);
    assert_int_equal(coverage_pick(&f->a, 1), 1);
    f->a.dash[0].cover.known = 0; /* before the names came */
    assert_int_equal(coverage_pick(&f->a, 0), 0);
    fix_free(f);

    /* the targets-only dashboard is complete: it comes first */
    const char *const targets[] = {yaml_half, yaml_targets, NULL};
    f = fix_new(targets);
    assert_int_equal(coverage_pick(&f->a, 0), 1);
    fix_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_pick),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
