/* test_config.c - unit tests of tui/config.c: every key of config.yaml,
 * secret files (one trailing newline stripped, relative to the config's
 * directory), errors as file:line:col that never show a secret, the
 * default file and directory look-up through XDG_CONFIG_HOME and HOME, the
 * user dashboards list, --header lines, and the PromAuth it hands on. */
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

#include "panels/format.h"
#include "tui/config.h"
#include "util/conf.h"

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/promboard-cfg.XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Parses text as "/etc/pb/config.yaml"; the error message or "" in err. */
static int parse(Config *c, const char *text, char *err, size_t n)
{
    return config_parse(c, "/etc/pb/config.yaml", text, strlen(text), err, n);
}

static void expect_error(const char *text, const char *want)
{
    Config c;
    char err[1024];
    int rc = parse(&c, text, err, sizeof err);
    if (rc != -1 || strcmp(err, want) != 0) {
        print_error("for:\n%s\ngot rc %d '%s'\nwant '%s'\n", text, rc, err,
                    want);
        config_free(&c);
        fail();
    }
    config_free(&c);
}

static void test_every_key(void **state)
{
    (void)state;
    Config c;
    char err[1024];
    const char *text = "# promboard\n"
                       "url: https://prom.example:9443/prometheus\n"
                       "theme: mono\n"
                       "dashboard: infra\n"
                       "refresh: 1m\n"
                       "timeout: 5s\n"
                       "timezone: Europe/Paris\n"
                       "compression: off\n"
                       "authorization:\n"
                       "  credentials: tok-123\n"
                       "headers:\n"
                       "  X-Scope-OrgID: tenant1\n"
                       "  X-Other: 'a: b'\n"
                       "tls_config:\n"
                       "  server_name: prom.internal\n"
                       "  insecure_skip_verify: true\n";
    assert_int_equal(parse(&c, text, err, sizeof err), 0);
    assert_string_equal(c.file, "/etc/pb/config.yaml");
    assert_string_equal(c.server.url, "https://prom.example:9443/prometheus");
    assert_string_equal(c.theme, "mono");
    assert_string_equal(c.dashboard, "infra");
    assert_true(c.refresh == 60);
    assert_true(c.timeout == 5);
    assert_string_equal(c.timezone, "Europe/Paris");
    assert_int_equal(c.compression, PROM_COMPRESS_OFF);
    assert_null(c.server.auth_type);
    assert_string_equal(c.server.credentials, "tok-123");
    assert_int_equal(c.server.nheaders, 2);
    assert_string_equal(c.server.headers[0], "X-Scope-OrgID: tenant1");
    assert_string_equal(c.server.headers[1], "X-Other: a: b");
    assert_string_equal(c.server.server_name, "prom.internal");
    assert_int_equal(c.server.insecure, 1);
    assert_string_equal(c.server.hint,
                        "check authorization in /etc/pb/config.yaml");

    PromAuth a;
    config_auth(&c, c.server.url, &a);
    assert_string_equal(a.credentials, "tok-123");
    assert_null(a.username);
    assert_int_equal(a.nheaders, 2);
    assert_string_equal(a.headers[1], "X-Other: a: b");
    assert_int_equal(a.insecure, 1);
    assert_string_equal(a.hint, "check authorization in /etc/pb/config.yaml");
    config_free(&c);

    /* Empty files and comments alone are fine: nothing set. */
    assert_int_equal(parse(&c, "", err, sizeof err), 0);
    assert_null(c.server.url);
    assert_int_equal(c.server.nheaders, 0);
    config_free(&c);
    assert_int_equal(parse(&c, "# nothing yet\n", err, sizeof err), 0);
    assert_null(c.server.url);
    config_free(&c);
}

static void test_zones(void **state)
{
    (void)state;
    assert_true(config_zone_known("UTC"));
    assert_true(config_zone_known("utc"));
    assert_true(config_zone_known("local"));
    assert_true(config_zone_known("Europe/Paris"));
    assert_true(config_zone_known("America/New_York"));
    assert_false(config_zone_known("Europe")); /* a directory */
    assert_false(config_zone_known("Nowhere/Land"));
    assert_false(config_zone_known("/etc/localtime"));
    assert_false(config_zone_known(""));
    assert_false(config_zone_known(NULL));
    /* times follow the zone applied */
    char buf[64];
    config_zone_apply("Asia/Kolkata");
    format_time(1772334600, "%H:%M %Z", buf, sizeof buf);
    assert_string_equal(buf, "08:40 IST");
    config_zone_apply("UTC");
    format_time(1772334600, "%H:%M %Z", buf, sizeof buf);
    assert_string_equal(buf, "03:10 UTC");
}

static void test_basic_and_bearer(void **state)
{
    (void)state;
    Config c;
    char err[1024];
    assert_int_equal(parse(&c, "basic_auth: {username: alice, password: pw}\n",
                           err, sizeof err),
                     0);
    assert_string_equal(c.server.username, "alice");
    assert_string_equal(c.server.password, "pw");
    assert_string_equal(c.server.hint,
                        "check basic_auth in /etc/pb/config.yaml");
    config_free(&c);

    assert_int_equal(parse(&c, "authorization: {type: Token, credentials: x}\n",
                           err, sizeof err),
                     0);
    assert_string_equal(c.server.auth_type, "Token");
    config_free(&c);

    assert_int_equal(parse(&c, "bearer_token: abc\n", err, sizeof err), 0);
    assert_string_equal(c.server.credentials, "abc");
    assert_string_equal(c.server.hint,
                        "check the bearer token in /etc/pb/config.yaml");
    config_free(&c);
}

static void test_secret_files(void **state)
{
    (void)state;
    char path[512], cfgfile[512], text[1024], err[1024];
    Config c;
    snprintf(path, sizeof path, "%s/pw", tmpdir);
    write_file(path, "hunter2\n");
    snprintf(cfgfile, sizeof cfgfile, "%s/config.yaml", tmpdir);
    /* relative to the config file's directory */
    write_file(cfgfile, "basic_auth:\n  username: u\n  password_file: pw\n");
    assert_int_equal(config_load(&c, cfgfile, err, sizeof err), 0);
    assert_string_equal(c.server.password, "hunter2");
    config_free(&c);

    /* only one newline goes; CRLF too */
    write_file(path, "tok\r\n");
    snprintf(text, sizeof text, "authorization:\n  credentials_file: %s\n",
             path);
    assert_int_equal(parse(&c, text, err, sizeof err), 0);
    assert_string_equal(c.server.credentials, "tok");
    config_free(&c);
    write_file(path, "abc");
    snprintf(text, sizeof text, "bearer_token_file: %s\n", path);
    assert_int_equal(parse(&c, text, err, sizeof err), 0);
    assert_string_equal(c.server.credentials, "abc");
    config_free(&c);

    /* two lines: refused, naming the file but not what it holds */
    write_file(path, "line-one-secret\nline-two\n");
    snprintf(text, sizeof text,
             "basic_auth:\n  username: u\n  password_file: %s\n", path);
    assert_int_equal(parse(&c, text, err, sizeof err), -1);
    assert_non_null(strstr(err, "/etc/pb/config.yaml:3:18: password_file '"));
    assert_non_null(strstr(err, "must hold one line"));
    assert_null(strstr(err, "line-one-secret"));
    config_free(&c);

    /* missing file: names it, with the reason */
    snprintf(text, sizeof text,
             "basic_auth:\n  username: u\n  password_file: "
             "%s/none\n",
             tmpdir);
    assert_int_equal(parse(&c, text, err, sizeof err), -1);
    char want[700];
    snprintf(want, sizeof want,
             "/etc/pb/config.yaml:3:18: cannot read "
             "password_file '%s/none': No such file or directory",
             tmpdir);
    assert_string_equal(err, want);
    config_free(&c);
}

/* alertmanager: a second server with settings of its own. */
static void test_alertmanager(void **state)
{
    (void)state;
    Config c;
    char err[512];
    assert_int_equal(parse(&c,
                           "url: http://prom:9090\n"
                           "bearer_token: prom-token\n"
                           "read_only: true\n"
                           "silence_author: alice\n"
                           "alertmanager:\n"
                           "  url: https://am.example:9093\n"
                           "  basic_auth: {username: bob, password: am-pw}\n"
                           "  headers: {X-Team: sre}\n"
                           "  tls_config: {insecure_skip_verify: true}\n",
                           err, sizeof err),
                     0);
    assert_string_equal(c.server.url, "http://prom:9090");
    assert_string_equal(c.server.credentials, "prom-token");
    assert_null(c.server.username);
    assert_int_equal(c.server.nheaders, 0);
    assert_int_equal(c.server.insecure, 0);
    assert_string_equal(c.am.url, "https://am.example:9093");
    assert_string_equal(c.am.username, "bob");
    assert_string_equal(c.am.password, "am-pw");
    assert_null(c.am.credentials);
    assert_int_equal(c.am.nheaders, 1);
    assert_string_equal(c.am.headers[0], "X-Team: sre");
    assert_int_equal(c.am.insecure, 1);
    assert_string_equal(c.am.hint, "check alertmanager: basic_auth in "
                                   "/etc/pb/config.yaml");
    assert_int_equal(c.read_only, 1);
    assert_string_equal(c.silence_author, "alice");
    PromAuth a;
    config_server_auth(&c.am, c.am.url, &a);
    assert_string_equal(a.username, "bob");
    assert_int_equal(a.nheaders, 1);
    assert_int_equal(a.insecure, 1);
    config_free(&c);
    /* none: no URL, not read-only */
    assert_int_equal(parse(&c, "url: http://prom:9090\n", err, sizeof err), 0);
    assert_null(c.am.url);
    assert_int_equal(c.read_only, 0);
    assert_null(c.silence_author);
    config_free(&c);
}

/* Query parameters, the scrape interval, datasources (each a server's
 * connection settings, read by the same parser as the top level) and the
 * tabs. */
static void test_backends(void **state)
{
    (void)state;
    char path[512], err[1024];
    snprintf(path, sizeof path, "%s/lt-token", tmpdir);
    write_file(path, "lt-secret\n");
    char text[2048];
    snprintf(text, sizeof text,
             "url: http://prom:9090\n"
             "query_params: {partial_response: 'false', dedup: true, "
             "max_source_resolution: 5m, extra: 'a b&c'}\n"
             "scrape_interval: 1m\n"
             "dashboards: [node, system, prometheus]\n"
             "datasources:\n"
             "  longterm:\n"
             "    url: http://vm:8428\n"
             "    bearer_token_file: %s\n"
             "    headers: {X-Scope-OrgID: team-a}\n"
             "    query_params: {nocache: '0'}\n"
             "    scrape_interval: 30s\n"
             "  thanos.eu:\n"
             "    url: https://thanos.eu:10902\n"
             "    tls_config: {insecure_skip_verify: true}\n",
             path);
    Config c;
    assert_int_equal(parse(&c, text, err, sizeof err), 0);
    assert_string_equal(c.server.params, "partial_response=false&dedup=true&"
                                         "max_source_resolution=5m&extra=a%20b%"
                                         "26c");
    assert_true(c.server.scrape == 60);
    assert_int_equal(c.ndashboards, 3);
    assert_string_equal(c.dashboards[0], "node");
    assert_string_equal(c.dashboards[2], "prometheus");
    assert_int_equal(c.dash_line[1], 4);
    assert_int_equal(c.dash_col[1], 20);
    assert_int_equal(c.nsources, 2);
    const ServerConf *lt = config_source(&c, "longterm");
    assert_non_null(lt);
    assert_string_equal(lt->url, "http://vm:8428");
    assert_string_equal(lt->credentials, "lt-secret");
    assert_int_equal(lt->nheaders, 1);
    assert_string_equal(lt->headers[0], "X-Scope-OrgID: team-a");
    assert_string_equal(lt->params, "nocache=0");
    assert_true(lt->scrape == 30);
    assert_int_equal(lt->line, 6);
    char hint[400];
    snprintf(hint, sizeof hint,
             "check datasources: longterm: the bearer token in "
             "/etc/pb/config.yaml");
    assert_string_equal(lt->hint, hint);
    const ServerConf *eu = config_source(&c, "thanos.eu");
    assert_non_null(eu);
    assert_int_equal(eu->insecure, 1);
    assert_null(eu->params);
    assert_ptr_equal(config_source(&c, "default"), &c.server);
    assert_ptr_equal(config_source(&c, NULL), &c.server);
    assert_null(config_source(&c, "nosuch"));
    char names[128];
    assert_string_equal(config_source_names(&c, names, sizeof names),
                        "'longterm', 'thanos.eu'");
    PromAuth a;
    config_server_auth(&c.sources[0], lt->url, &a);
    assert_string_equal(a.credentials, "lt-secret");
    assert_int_equal(a.nheaders, 1);
    config_free(&c);

    expect_error("datasources:\n  lt: {bearer_token: x}\n",
                 "/etc/pb/config.yaml:2:3: datasource 'lt' has no 'url'");
    expect_error("datasources:\n  default: {url: http://x}\n",
                 "/etc/pb/config.yaml:2:3: 'default' is the main server's "
                 "name (the url at the top); give this datasource another");
    expect_error("datasources:\n  'a b': {url: http://x}\n",
                 "/etc/pb/config.yaml:2:3: bad datasource name 'a b': "
                 "letters, digits, '_', '-' and '.' only");
    expect_error("datasources:\n  lt: http://x\n",
                 "/etc/pb/config.yaml:2:7: expected the settings of "
                 "datasource 'lt' (url and the like), got 'http://x'");
    expect_error("datasources:\n  lt: {url: http://x, theme: dark}\n",
                 "/etc/pb/config.yaml:2:23: unknown key 'theme' in "
                 "datasource 'lt' (accepted: url, basic_auth, "
                 "authorization, bearer_token, bearer_token_file, headers, "
                 "tls_config, query_params, scrape_interval)");
    expect_error("datasources:\n  lt:\n    url: http://x\n    basic_auth: "
                 "{username: u}\n    bearer_token: t\n",
                 "/etc/pb/config.yaml:5:5: give 'basic_auth' or "
                 "'bearer_token', not both");
    expect_error("query_params: {nocache: [1]}\n",
                 "/etc/pb/config.yaml:1:25: query parameter 'nocache' must be "
                 "a single value");
    expect_error("query_params: [a]\n",
                 "/etc/pb/config.yaml:1:15: expected a mapping of name: "
                 "value for 'query_params', got a sequence");
    expect_error(
        "scrape_interval: 0s\n",
        "/etc/pb/config.yaml:1:18: 'scrape_interval' must be longer than "
        "0s, got '0s'");
    expect_error("dashboards: [system, system]\n",
                 "/etc/pb/config.yaml:1:22: dashboard 'system' is in "
                 "'dashboards' twice");
    expect_error("dashboards: []\n",
                 "/etc/pb/config.yaml:1:13: 'dashboards' must not be empty");
}

static void test_errors(void **state)
{
    (void)state;
    expect_error(
        "url: x\nfoo: 1\n",
        "/etc/pb/config.yaml:2:1: unknown key 'foo' in config (accepted: "
        "url, basic_auth, authorization, bearer_token, bearer_token_file, "
        "headers, tls_config, theme, dashboard, dashboards, query_params, "
        "scrape_interval, datasources, refresh, timeout, compression, "
        "alertmanager, read_only, silence_author, timezone)");
    expect_error("url: x\ntimezone: Mars/Olympus_Mons\n",
                 "/etc/pb/config.yaml:2:11: unknown time zone "
                 "'Mars/Olympus_Mons' (UTC, local, or a name such as "
                 "Europe/Paris or America/New_York)");
    expect_error("timezone: ../../etc/passwd\n",
                 "/etc/pb/config.yaml:1:11: unknown time zone "
                 "'../../etc/passwd' (UTC, local, or a name such as "
                 "Europe/Paris or America/New_York)");
    /* an Alertmanager's settings are a server's: the same keys, the same
     * checks, at its own lines */
    expect_error("alertmanager: http://am:9093\n",
                 "/etc/pb/config.yaml:1:15: expected a mapping for "
                 "'alertmanager', got 'http://am:9093'");
    expect_error("alertmanager:\n  basic_auth: {username: a}\n",
                 "/etc/pb/config.yaml:2:3: alertmanager needs a 'url'");
    expect_error("alertmanager:\n  url: http://am:9093\n  theme: dark\n",
                 "/etc/pb/config.yaml:3:3: unknown key 'theme' in "
                 "alertmanager (accepted: url, basic_auth, authorization, "
                 "bearer_token, bearer_token_file, headers, tls_config)");
    expect_error("alertmanager:\n  url: http://am:9093\n  basic_auth: "
                 "{username: a}\n  bearer_token: t\n",
                 "/etc/pb/config.yaml:4:3: give 'basic_auth' or "
                 "'bearer_token', not both");
    expect_error("alertmanager:\n  url: x\n  headers: {'a b': c}\n",
                 "/etc/pb/config.yaml:3:13: bad header name 'a b'");
    expect_error("read_only: maybe\n",
                 "/etc/pb/config.yaml:1:12: expected true or false for "
                 "'read_only', got 'maybe'");
    expect_error("silence_author: ''\n",
                 "/etc/pb/config.yaml:1:17: 'silence_author' must not be "
                 "empty");
    expect_error("compression: gzip\n",
                 "/etc/pb/config.yaml:1:14: expected one of auto, on, off for "
                 "'compression', got 'gzip'");
    expect_error("basic_auth:\n  user: a\n",
                 "/etc/pb/config.yaml:2:3: unknown key 'user' in basic_auth "
                 "(accepted: username, password, password_file)");
    expect_error("basic_auth:\n  usernmae: a\n",
                 "/etc/pb/config.yaml:2:3: unknown key 'usernmae' in "
                 "basic_auth, did you mean 'username'? (accepted: username, "
                 "password, password_file)");
    expect_error("url: [a, b]\n",
                 "/etc/pb/config.yaml:1:6: expected a string for 'url', got a "
                 "sequence");
    expect_error("refresh: soon\n",
                 "/etc/pb/config.yaml:1:10: bad duration 'soon' for 'refresh' "
                 "(try 30s, 5m, 1h)");
    expect_error(
        "timeout: {a: 1}\n",
        "/etc/pb/config.yaml:1:10: expected a duration for 'timeout', got a "
        "mapping");
    expect_error("timeout: 0s\n", "/etc/pb/config.yaml:1:10: 'timeout' must be "
                                  "longer than 0s, got '0s'");
    /* the refresh floor, as in layouts and for --refresh */
    expect_error("refresh: 0s\n", "/etc/pb/config.yaml:1:10: 'refresh' must be "
                                  "at least 1s, got '0s'");
    expect_error("refresh: 999ms\n", "/etc/pb/config.yaml:1:10: 'refresh' must "
                                     "be at least 1s, got '999ms'");
    expect_error("tls_config:\n  insecure_skip_verify: maybe\n",
                 "/etc/pb/config.yaml:2:25: expected true or false for "
                 "'insecure_skip_verify', got 'maybe'");
    expect_error("basic_auth: {password: topsecret}\n",
                 "/etc/pb/config.yaml:1:13: basic_auth has no 'username'");
    expect_error("basic_auth: {username: 'a:b'}\n",
                 "/etc/pb/config.yaml:1:24: 'username' must not contain ':'");
    expect_error("basic_auth: {username: a, password: [topsecret]}\n",
                 "/etc/pb/config.yaml:1:37: expected a string for 'password', "
                 "got a sequence");
    expect_error(
        "basic_auth: {username: a, password: p, password_file: f}\n",
        "/etc/pb/config.yaml:1:40: give 'password' or 'password_file', "
        "not both");
    expect_error("basic_auth: {username: a, password: p}\nauthorization: "
                 "{credentials: c}\n",
                 "/etc/pb/config.yaml:2:1: give 'basic_auth' or "
                 "'authorization', not both");
    expect_error("authorization: {type: Bearer}\n",
                 "/etc/pb/config.yaml:1:16: authorization needs 'credentials' "
                 "or 'credentials_file'");
    expect_error(
        "authorization: {type: 'Bad Type', credentials: c}\n",
        "/etc/pb/config.yaml:1:23: 'type' must be one word, e.g. Bearer");
    expect_error("headers: {'Bad Name': x}\n",
                 "/etc/pb/config.yaml:1:11: bad header name 'Bad Name'");
    expect_error("headers: [a]\n",
                 "/etc/pb/config.yaml:1:10: expected a mapping of name: value "
                 "for 'headers', got a sequence");
    expect_error("tls_config: {cert_file: /etc/passwd}\n",
                 "/etc/pb/config.yaml:1:13: tls_config needs both 'cert_file' "
                 "and 'key_file'");
    expect_error("tls_config: {cert_file: /dev/null, key_file: /etc/passwd}\n",
                 "/etc/pb/config.yaml:1:25: cannot read cert_file '/dev/null': "
                 "not a regular file (a character device)");
    expect_error("tls_config: {ca_file: /nonexistent/ca.pem}\n",
                 "/etc/pb/config.yaml:1:23: cannot read ca_file "
                 "'/nonexistent/ca.pem': No such file or directory");
    expect_error(
        "url: a\nurl: b\n",
        "/etc/pb/config.yaml:2:1: duplicate key 'url' (first at line 1)");
    expect_error(
        "- a\n- b\n",
        "/etc/pb/config.yaml:1:1: expected a mapping of settings at the "
        "top, got a sequence");
    expect_error("url: 'x\n",
                 "/etc/pb/config.yaml:2:1: YAML syntax error: found unexpected "
                 "end of stream (while scanning a quoted scalar at line 1)");
    expect_error(
        "url: a\n---\nurl: b\n",
        "/etc/pb/config.yaml:2:1: a second YAML document: the file is one "
        "document");
    /* a multi-line secret is refused without being shown */
    expect_error("bearer_token: \"abc\\ndef\"\n",
                 "/etc/pb/config.yaml:1:15: 'bearer_token' must be one line");
}

/* One rule for booleans, as in layouts and theme files. */
static void test_booleans(void **state)
{
    (void)state;
    const char *yes[] = {"true", "True", "TRUE", "yes", "Yes", "on", "ON"};
    const char *no[] = {"false", "False", "no", "NO", "off", "Off"};
    char text[128], err[512];
    Config c;
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        snprintf(text, sizeof text, "tls_config: {insecure_skip_verify: %s}\n",
                 yes[i]);
        assert_int_equal(parse(&c, text, err, sizeof err), 0);
        assert_int_equal(c.server.insecure, 1);
        config_free(&c);
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        snprintf(text, sizeof text, "tls_config: {insecure_skip_verify: %s}\n",
                 no[i]);
        assert_int_equal(parse(&c, text, err, sizeof err), 0);
        assert_int_equal(c.server.insecure, 0);
        config_free(&c);
    }
    expect_error("tls_config: {insecure_skip_verify: tRuE}\n",
                 "/etc/pb/config.yaml:1:36: expected true or false for "
                 "'insecure_skip_verify', got 'tRuE'");
}

/* Files named in the config must be regular files: a FIFO is refused at
 * once (never waited on), as is a secret file over its cap. */
static void test_files_named(void **state)
{
    (void)state;
    char fifo[512], text[1200], err[1024], want[1400], big[512];
    Config c;
    snprintf(fifo, sizeof fifo, "%s/fifo", tmpdir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    snprintf(text, sizeof text, "bearer_token_file: %s\n", fifo);
    assert_int_equal(parse(&c, text, err, sizeof err), -1);
    snprintf(want, sizeof want,
             "/etc/pb/config.yaml:1:20: cannot read bearer_token_file '%s': "
             "not a regular file (a FIFO)",
             fifo);
    assert_string_equal(err, want);
    config_free(&c);
    snprintf(text, sizeof text, "tls_config: {ca_file: %s}\n", fifo);
    assert_int_equal(parse(&c, text, err, sizeof err), -1);
    snprintf(want, sizeof want,
             "/etc/pb/config.yaml:1:23: cannot read ca_file '%s': not a "
             "regular file (a FIFO)",
             fifo);
    assert_string_equal(err, want);
    config_free(&c);
    assert_int_equal(config_load(&c, fifo, err, sizeof err), -1);
    snprintf(want, sizeof want,
             "%s: cannot read the config file: not a regular file (a FIFO)",
             fifo);
    assert_string_equal(err, want);
    config_free(&c);
    unlink(fifo);

    snprintf(big, sizeof big, "%s/big", tmpdir);
    FILE *f = fopen(big, "w");
    assert_non_null(f);
    for (int i = 0; i < 64 * 1024 + 1; i++)
        fputc('x', f);
    fclose(f);
    snprintf(text, sizeof text,
             "basic_auth: {username: u, password_file: %s}\n", big);
    assert_int_equal(parse(&c, text, err, sizeof err), -1);
    snprintf(want, sizeof want,
             "/etc/pb/config.yaml:1:42: password_file '%s' is larger than "
             "65536 bytes",
             big);
    assert_string_equal(err, want);
    config_free(&c);
    unlink(big);
}

static void test_load_and_dirs(void **state)
{
    (void)state;
    char dir[512], path[600], err[1024], buf[4096];
    Config c;
    setenv("XDG_CONFIG_HOME", tmpdir, 1);
    /* no default file: fine, nothing set */
    assert_int_equal(config_load(&c, NULL, err, sizeof err), 0);
    assert_null(c.file);
    config_free(&c);
    /* a named file must exist */
    snprintf(path, sizeof path, "%s/missing.yaml", tmpdir);
    assert_int_equal(config_load(&c, path, err, sizeof err), -1);
    assert_non_null(strstr(err, "missing.yaml: cannot read the config file: No "
                                "such file or directory"));
    config_free(&c);

    assert_string_equal(conf_dir(buf, sizeof buf),
                        strcat(strcpy(dir, tmpdir), "/promboard"));
    mkdir(dir, 0700);
    snprintf(path, sizeof path, "%s/config.yaml", dir);
    write_file(path, "url: http://from-file:9090\n");
    assert_int_equal(config_load(&c, NULL, err, sizeof err), 0);
    assert_string_equal(c.file, path);
    assert_string_equal(c.server.url, "http://from-file:9090");
    config_free(&c);

    /* user dashboards: *.yaml and *.yml, sorted, others ignored */
    char **files;
    int n;
    assert_int_equal(config_dashboard_files(&files, &n, err, sizeof err), 0);
    assert_int_equal(n, 0); /* no directory yet */
    config_paths_free(files, n);
    snprintf(path, sizeof path, "%s/dashboards", dir);
    mkdir(path, 0700);
    const char *names[] = {"zeta.yml", "alpha.yaml", "notes.txt",
                           ".hidden.yaml"};
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/dashboards/%s", dir, names[i]);
        write_file(path, "title: X\n");
    }
    assert_int_equal(config_dashboard_files(&files, &n, err, sizeof err), 0);
    assert_int_equal(n, 2);
    snprintf(path, sizeof path, "%s/dashboards/alpha.yaml", dir);
    assert_string_equal(files[0], path);
    snprintf(path, sizeof path, "%s/dashboards/zeta.yml", dir);
    assert_string_equal(files[1], path);
    config_paths_free(files, n);

    /* HOME is the fallback, also for a relative XDG_CONFIG_HOME (the XDG
     * rule; theme files follow the same one) */
    unsetenv("XDG_CONFIG_HOME");
    setenv("HOME", "/home/someone", 1);
    assert_string_equal(conf_dir(buf, sizeof buf),
                        "/home/someone/.config/promboard");
    setenv("XDG_CONFIG_HOME", "relative", 1);
    assert_string_equal(conf_dir(buf, sizeof buf),
                        "/home/someone/.config/promboard");
    unsetenv("XDG_CONFIG_HOME");
}

static void test_headers_and_url_hint(void **state)
{
    (void)state;
    Config c;
    char err[64];
    assert_int_equal(parse(&c, "", err, sizeof err), 0);
    assert_int_equal(config_add_header(&c, "X-Scope-OrgID:  t1"), 0);
    assert_int_equal(config_add_header(&c, "no colon"), -1);
    assert_int_equal(config_add_header(&c, ": empty name"), -1);
    assert_int_equal(config_add_header(&c, "Bad Name: x"), -1);
    assert_int_equal(c.server.nheaders, 1);
    assert_string_equal(c.server.headers[0], "X-Scope-OrgID: t1");
    PromAuth a;
    config_auth(&c, "http://u:p@host:9090", &a);
    assert_string_equal(a.hint, "check the user and password in the URL");
    config_free(&c);
    assert_int_equal(parse(&c, "", err, sizeof err), 0);
    config_auth(&c, "http://host:9090/a@b", &a);
    assert_null(a.hint);
    config_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zones),
        cmocka_unit_test(test_every_key),
        cmocka_unit_test(test_basic_and_bearer),
        cmocka_unit_test(test_secret_files),
        cmocka_unit_test(test_backends),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_alertmanager),
        cmocka_unit_test(test_booleans),
        cmocka_unit_test(test_files_named),
        cmocka_unit_test(test_load_and_dirs),
        cmocka_unit_test(test_headers_and_url_hint),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
