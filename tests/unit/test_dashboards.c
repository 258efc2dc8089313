/* test_dashboards.c - unit tests of tui/dashboards.c: the bundled
 * dashboards alone, user dashboards after them, a user file replacing the
 * bundled one of its name in place, look-up by name and by path, and the
 * errors for an invalid user file, two user files of one name and an
 * unknown name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "tui/dashboards.h"

static char tmpdir[256], dashdir[320];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/promboard-dash.XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    setenv("XDG_CONFIG_HOME", tmpdir, 1);
    char d[300];
    snprintf(d, sizeof d, "%s/promboard", tmpdir);
    snprintf(dashdir, sizeof dashdir, "%s/promboard/dashboards", tmpdir);
    return mkdir(d, 0700) || mkdir(dashdir, 0700) ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void put(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dashdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void drop(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dashdir, name);
    unlink(path);
}

static void free_all(Dashboard **d, int n, int *user)
{
    for (int i = 0; i < n; i++)
        layout_free(d[i]);
    free(d);
    free(user);
}

static const char board[] = "title: %s\nrows:\n  - panels:\n      - {title: X, "
                            "kind: stat, query: up}\n";

static void put_board(const char *file, const char *title)
{
    char text[256];
    snprintf(text, sizeof text, board, title);
    put(file, text);
}

static void test_bundled_only(void **state)
{
    (void)state;
    Dashboard **d;
    int *user, cur = -1;
    int n = dashboards_load(NULL, &d, &cur, &user, NULL);
    assert_int_equal(n, 8);
    assert_int_equal(cur, 0);
    assert_string_equal(d[0]->name, "executive");
    assert_string_equal(d[4]->name, "system");
    assert_string_equal(d[6]->name, "prometheus");
    assert_string_equal(d[7]->name, "node");
    for (int i = 0; i < n; i++)
        assert_int_equal(user[i], 0);
    free_all(d, n, user);

    n = dashboards_load("security", &d, &cur, NULL, NULL);
    assert_int_equal(n, 8);
    assert_int_equal(cur, 5);
    free_all(d, n, NULL);
    assert_int_equal(dashboards_load("nosuch", &d, &cur, NULL, NULL), -1);
}

/* What a person types finds the dashboard, or the one a typo meant. */
static void test_find(void **state)
{
    (void)state;
    Dashboard **d;
    int cur, suggest;
    int n = dashboards_load(NULL, &d, &cur, NULL, NULL);
    assert_int_equal(n, 8);
    assert_int_equal(dashboards_find(d, n, "system", 0, &suggest), 4);
    static const struct {
        const char *typed, *meant;
    } typos[] = {
        {"sytem", "system"},
        {"sysetm", "system"},
        {"secuirty", "security"},
        {"promethues", "prometheus"},
        {"prom", "prometheus"},
        {"infrastructure", "infra"},
        {"Executive", "executive"},
        {"hosts", "node"},
        {"ai", "aiml"},
    };
    for (size_t i = 0; i < sizeof typos / sizeof typos[0]; i++) {
        assert_int_equal(dashboards_find(d, n, typos[i].typed, 0, &suggest),
                         -1);
        assert_true(suggest >= 0);
        assert_string_equal(d[suggest]->name, typos[i].meant);
    }
    /* nothing close: no suggestion */
    assert_int_equal(dashboards_find(d, n, "kubernetes", 0, &suggest), -1);
    assert_int_equal(suggest, -1);
    assert_int_equal(dashboards_find(d, n, "x", 0, &suggest), -1);
    assert_int_equal(suggest, -1);
    /* loosely (the ':dash' command): case and unique prefixes */
    assert_int_equal(dashboards_find(d, n, "SYSTEM", 1, NULL), 4);
    assert_int_equal(dashboards_find(d, n, "sec", 1, NULL), 5);
    assert_int_equal(dashboards_find(d, n, "s", 1, NULL), -1); /* two */
    for (int i = 0; i < n; i++)
        layout_free(d[i]);
    free(d);
}

static void test_user_dashboards(void **state)
{
    (void)state;
    put_board("system.yaml", "Our System");
    put_board("zz-team.yml", "Team");
    put_board("alpha.yaml", "Alpha");
    put("notes.txt", "not a dashboard");
    Dashboard **d;
    int *user, cur = -1;
    int n = dashboards_load("zz-team", &d, &cur, &user, NULL);
    assert_int_equal(n, 10);
    assert_string_equal(d[4]->name, "system"); /* in the bundled one's place */
    assert_string_equal(d[4]->title, "Our System");
    assert_int_equal(user[4], 1);
    assert_int_equal(user[3], 0);
    assert_string_equal(d[8]->name, "alpha"); /* then by file name */
    assert_string_equal(d[9]->name, "zz-team");
    assert_int_equal(user[8] + user[9], 2);
    assert_int_equal(cur, 9);
    free_all(d, n, user);

    /* a path is opened as well, after all others */
    char path[512];
    snprintf(path, sizeof path, "%s/alpha.yaml", dashdir);
    n = dashboards_load(path, &d, &cur, NULL, NULL);
    assert_int_equal(n, 11);
    assert_int_equal(cur, 10);
    assert_string_equal(d[10]->title, "Alpha");
    free_all(d, n, NULL);

    /* name: in the file decides too: of two files of one name the second
     * is left out and said */
    put("other.yaml", "name: alpha\ntitle: T\nrows:\n  - panels:\n"
                      "      - {title: X, kind: stat, query: up}\n");
    char *skipped;
    n = dashboards_load(NULL, &d, &cur, NULL, &skipped);
    assert_int_equal(n, 10);
    assert_non_null(skipped);
    assert_non_null(strstr(skipped, "other.yaml: dashboard name 'alpha' is "
                                    "also used by "));
    free(skipped);
    free_all(d, n, NULL);
    drop("other.yaml");

    /* an invalid user dashboard is left out and said, the rest open */
    put("broken.yaml", "title: B\nrows: 3\n");
    put("worse.yaml", "title: [\n");
    n = dashboards_load("zz-team", &d, &cur, NULL, &skipped);
    assert_int_equal(n, 10);
    assert_string_equal(d[cur]->name, "zz-team");
    assert_non_null(skipped);
    assert_non_null(strstr(skipped, "broken.yaml:2:"));
    assert_non_null(strstr(skipped, "worse.yaml:"));
    assert_int_equal(skipped[strlen(skipped) - 1], '\n');
    free(skipped);
    free_all(d, n, NULL);
    /* a misspelled name is an error that says what was meant */
    assert_int_equal(dashboards_load("zz-taem", &d, &cur, NULL, &skipped), -1);
    assert_null(skipped);
    drop("broken.yaml");
    drop("worse.yaml");
    drop("system.yaml");
    drop("zz-team.yml");
    drop("alpha.yaml");
    drop("notes.txt");
}

/* config.yaml's dashboards: the tabs and their order; one named on the
 * command line stays; an unknown name is an error. datasource: names are
 * checked against config.yaml's datasources. */
static void test_choose_and_sources(void **state)
{
    (void)state;
    Config c;
    char err[512];
    const char *text = "dashboards: [node, system]\n"
                       "datasources: {lt: {url: 'http://vm:8428'}}\n";
    assert_int_equal(
        config_parse(&c, "cfg.yaml", text, strlen(text), err, sizeof err), 0);
    Dashboard **d;
    int *user, cur;
    int n = dashboards_load(NULL, &d, &cur, &user, NULL);
    n = dashboards_choose(&c, NULL, d, n, &cur, user);
    assert_int_equal(n, 2);
    assert_string_equal(d[0]->name, "node");
    assert_string_equal(d[1]->name, "system");
    assert_int_equal(cur, 0);
    free_all(d, n, user);

    /* asked for on the command line: kept after them, and shown */
    n = dashboards_load("security", &d, &cur, NULL, NULL);
    n = dashboards_choose(&c, "security", d, n, &cur, NULL);
    assert_int_equal(n, 3);
    assert_string_equal(d[2]->name, "security");
    assert_int_equal(cur, 2);
    free_all(d, n, NULL);
    /* asked for and in the list: its place there */
    n = dashboards_load("system", &d, &cur, NULL, NULL);
    n = dashboards_choose(&c, "system", d, n, &cur, NULL);
    assert_int_equal(n, 2);
    assert_int_equal(cur, 1);

    /* datasource: names */
    assert_int_equal(dashboards_check_sources(&c, d, n, err, sizeof err), 0);
    LayoutError le;
    const char *bad = "title: B\ndatasource: lt\nrows:\n  - panels:\n"
                      "      - title: X\n        kind: stat\n"
                      "        queries:\n"
                      "          - {expr: up, datasource: nope}\n";
    Dashboard *b = layout_load_text("b.yaml", "b", bad, strlen(bad), &le);
    assert_non_null(b);
    assert_string_equal(b->source.name, "lt");
    assert_int_equal(dashboards_check_sources(&c, &b, 1, err, sizeof err), -1);
    assert_string_equal(err, "b.yaml:8:36: unknown datasource 'nope' "
                             "(config.yaml's datasources: 'lt'; 'default' is "
                             "the main server)");
    layout_free(b);
    free_all(d, n, NULL);
    config_free(&c);

    text = "dashboards: [system, nosuch]\n";
    assert_int_equal(
        config_parse(&c, "cfg.yaml", text, strlen(text), err, sizeof err), 0);
    n = dashboards_load(NULL, &d, &cur, NULL, NULL);
    assert_int_equal(dashboards_choose(&c, NULL, d, n, &cur, NULL), -1);
    free(d);
    config_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bundled_only),
        cmocka_unit_test(test_user_dashboards),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_choose_and_sources),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
