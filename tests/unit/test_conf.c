/* test_conf.c - unit tests of util/conf.c, the helpers the three YAML
 * readers share: the capped read of a regular file (too big, missing,
 * directory, FIFO, device), the tree (depth, aliases, duplicate keys, one
 * document), every scalar reader with its messages, option tables (unknown
 * keys with a suggestion, required keys, bounds, defaults stored at their
 * members), the descriptions the manual prints, and the error form. */
#include <errno.h>
#include <math.h>
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

#include "util/conf.h"

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/promboard-conf.XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void write_bytes(const char *path, const char *text, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, n, f), n);
    fclose(f);
}

/* ---- files --------------------------------------------------------------- */

static void test_read_file(void **state)
{
    (void)state;
    char path[512], why[160], *text;
    size_t len;

    snprintf(path, sizeof path, "%s/ten", tmpdir);
    write_bytes(path, "0123456789", 10);
    assert_int_equal(conf_read_file(path, 10, &text, &len, why, sizeof why), 0);
    assert_int_equal(len, 10);
    assert_string_equal(text, "0123456789"); /* NUL-terminated */
    free(text);
    /* One byte over the cap is refused, and says the cap. */
    assert_int_equal(conf_read_file(path, 9, &text, &len, why, sizeof why), -1);
    assert_null(text);
    assert_int_equal(errno, EFBIG);
    assert_string_equal(why, "larger than 9 bytes");
    write_bytes(path, "", 0);
    assert_int_equal(conf_read_file(path, 64 * 1024, &text, &len, why, 160), 0);
    assert_int_equal(len, 0);
    assert_string_equal(text, "");
    free(text);
    char *big = calloc(1, 64 * 1024 + 1);
    assert_non_null(big);
    write_bytes(path, big, 64 * 1024 + 1);
    free(big);
    assert_int_equal(conf_read_file(path, 64 * 1024, &text, &len, why, 160),
                     -1);
    assert_string_equal(why, "larger than 64 KiB");

    snprintf(path, sizeof path, "%s/missing", tmpdir);
    assert_int_equal(conf_read_file(path, 10, &text, &len, why, sizeof why),
                     -1);
    assert_int_equal(errno, ENOENT);
    assert_string_equal(why, strerror(ENOENT));

    assert_int_equal(conf_read_file(tmpdir, 10, &text, &len, why, sizeof why),
                     -1);
    assert_string_equal(why, "a directory, not a file");

    /* A FIFO with no writer: refused at once, not waited on. */
    snprintf(path, sizeof path, "%s/fifo", tmpdir);
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_int_equal(conf_read_file(path, 10, &text, &len, why, sizeof why),
                     -1);
    assert_string_equal(why, "not a regular file (a FIFO)");
    assert_int_equal(errno, EINVAL);
    assert_int_equal(
        conf_read_file("/dev/null", 10, &text, &len, why, sizeof why), -1);
    assert_string_equal(why, "not a regular file (a character device)");
    assert_int_equal(conf_read_file(NULL, 10, &text, &len, why, sizeof why),
                     -1);

    /* The same checks without reading, for files another library reads. */
    assert_int_equal(conf_check_file(path, why, sizeof why), -1);
    assert_string_equal(why, "not a regular file (a FIFO)");
    assert_int_equal(conf_check_file(tmpdir, why, sizeof why), -1);
    assert_string_equal(why, "a directory, not a file");
    snprintf(path, sizeof path, "%s/none", tmpdir);
    assert_int_equal(conf_check_file(path, why, sizeof why), -1);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(conf_check_file("/etc/passwd", why, sizeof why), 0);
}

/* ---- the tree ------------------------------------------------------------ */

/* Parses text; returns the root (or NULL) and the formatted error. */
static ConfNode *parse(const char *text, char *msg, size_t n)
{
    ConfCtx x;
    ConfError e;
    conf_init(&x, "t.yaml", &e);
    ConfNode *root = conf_parse(&x, text, strlen(text));
    msg[0] = '\0';
    if (x.failed)
        conf_error_format(&e, msg, n);
    return root;
}

static void expect_parse_error(const char *text, const char *want)
{
    char msg[700];
    ConfNode *root = parse(text, msg, sizeof msg);
    conf_node_free(root);
    if (root || strcmp(msg, want))
        fail_msg("for '%s'\ngot  '%s'\nwant '%s'", text, msg, want);
}

static void test_tree(void **state)
{
    (void)state;
    char msg[700];
    ConfNode *root = parse("a: 1\nb: [x, {c: ~}]\n'd': ''\n", msg, sizeof msg);
    assert_non_null(root);
    assert_int_equal(root->type, CONF_MAP);
    assert_int_equal(root->n, 6);
    const ConfNode *b = conf_get(root, "b");
    assert_int_equal(b->type, CONF_SEQ);
    assert_int_equal(b->line, 2);
    assert_int_equal(b->col, 4);
    assert_true(conf_get(b->kids[1], "c") == NULL); /* null: absent */
    assert_non_null(conf_key(b->kids[1], "c"));
    assert_non_null(conf_get(root, "d")); /* quoted '': a value */
    assert_null(conf_get(root, "e"));
    conf_node_free(root);

    assert_null(parse("# nothing\n", msg, sizeof msg));
    assert_string_equal(msg, "");

    expect_parse_error("a: 1\nb: 2\na: 3\n",
                       "t.yaml:3:1: duplicate key 'a' (first at line 1)");
    expect_parse_error("x: {k: 1, j: 2, k: 3}\n",
                       "t.yaml:1:17: duplicate key 'k' (first at line 1)");
    expect_parse_error("a: &x 1\nb: *x\n",
                       "t.yaml:2:4: aliases (*x) are not supported: repeat "
                       "the text");
    expect_parse_error("a: 1\n---\nb: 2\n",
                       "t.yaml:2:1: a second YAML document: the file is one "
                       "document");
    expect_parse_error("? [a]\n: b\n",
                       "t.yaml:1:3: a mapping key must be a plain string");
    expect_parse_error("a: [\n", "t.yaml:2:1: YAML syntax error: did not find "
                                 "expected node content (while parsing a flow "
                                 "node at line 2)");

    /* 32 levels load, 33 do not. */
    char deep[200];
    for (int levels = 32; levels <= 33; levels++) {
        memset(deep, '[', (size_t)levels);
        memset(deep + levels, ']', (size_t)levels);
        deep[2 * levels] = '\0';
        root = parse(deep, msg, sizeof msg);
        if (levels == 32) {
            assert_non_null(root);
        } else {
            assert_null(root);
            assert_string_equal(msg, "t.yaml:1:33: too deeply nested (more "
                                     "than 32 levels)");
        }
        conf_node_free(root);
    }
}

/* A mapping of 100,000 keys, the last repeating the first: found, and in
 * n log n (a quadratic check would take minutes here). */
static void test_duplicates_in_a_big_mapping(void **state)
{
    (void)state;
    size_t cap = 100000 * 16 + 64, used = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (int i = 0; i < 100000; i++)
        used += (size_t)snprintf(text + used, cap - used, "k%d: 1\n", i);
    char msg[700];
    ConfNode *root = parse(text, msg, sizeof msg);
    assert_non_null(root);
    assert_int_equal(root->n, 200000);
    conf_node_free(root);
    snprintf(text + used, cap - used, "k0: 2\n");
    assert_null(parse(text, msg, sizeof msg));
    assert_string_equal(
        msg, "t.yaml:100001:1: duplicate key 'k0' (first at line 1)");
    free(text);
}

/* ---- scalars ------------------------------------------------------------- */

typedef enum { S_STR, S_NUM, S_INT, S_BOOL, S_DUR, S_ENUM } Reader;

/* Reads the value of "k: <text>" with reader r. Returns 0 and sets *num
 * (or *str), or -1 and the message in msg. */
static int read_scalar(Reader r, const char *text, double *num, char **str,
                       char *msg, size_t n)
{
    char doc[256];
    snprintf(doc, sizeof doc, "k: %s\n", text);
    ConfCtx x;
    ConfError e;
    conf_init(&x, "t.yaml", &e);
    ConfNode *root = conf_parse(&x, doc, strlen(doc));
    assert_non_null(root);
    const ConfNode *v = root->kids[1];
    int i = 0, rc = -1;
    switch (r) {
    case S_STR:
        rc = conf_str(&x, v, "k", str);
        break;
    case S_NUM:
        rc = conf_num(&x, v, "k", num);
        break;
    case S_INT:
        rc = conf_int(&x, v, "k", -5, 10, &i);
        *num = i;
        break;
    case S_BOOL:
        rc = conf_bool(&x, v, "k", &i);
        *num = i;
        break;
    case S_DUR:
        rc = conf_dur(&x, v, "k", num);
        break;
    case S_ENUM:
        rc = conf_enum(&x, v, "k", "low|high", &i);
        *num = i;
        break;
    }
    conf_node_free(root);
    msg[0] = '\0';
    if (rc < 0)
        snprintf(msg, n, "%s", e.msg);
    return rc;
}

static void scalar_ok(Reader r, const char *text, double want)
{
    double v = NAN;
    char msg[600];
    if (read_scalar(r, text, &v, NULL, msg, sizeof msg) < 0 || v != want)
        fail_msg("'%s': got %g (%s), want %g", text, v, msg, want);
}

static void scalar_bad(Reader r, const char *text, const char *want)
{
    double v;
    char *s = NULL, msg[600];
    int rc = read_scalar(r, text, &v, &s, msg, sizeof msg);
    free(s);
    if (rc == 0 || strcmp(msg, want))
        fail_msg("'%s': got rc %d '%s', want '%s'", text, rc, msg, want);
}

static void test_scalars(void **state)
{
    (void)state;
    char *s = NULL, msg[600];
    double v;
    assert_int_equal(read_scalar(S_STR, "'a b'", &v, &s, msg, 600), 0);
    assert_string_equal(s, "a b");
    free(s);
    s = NULL;
    scalar_bad(S_STR, "[a]", "expected a string for 'k', got a sequence");
    scalar_bad(S_STR, "\"a\\0b\"", "'k' must not hold a NUL character");

    scalar_ok(S_NUM, "-1.5e3", -1500);
    scalar_ok(S_NUM, "'2'", 2);
    scalar_ok(S_NUM, "+.5", 0.5);
    scalar_bad(S_NUM, "0x10", "expected a number for 'k', got '0x10'");
    scalar_bad(S_NUM, ".nan", "expected a number for 'k', got '.nan'");
    scalar_bad(S_NUM, "1e999", "number out of range for 'k': '1e999'");
    scalar_bad(S_NUM, "{a: 1}", "expected a number for 'k', got a mapping");

    scalar_ok(S_INT, "10", 10);
    scalar_ok(S_INT, "-5", -5);
    scalar_bad(S_INT, "11", "'k' must be between -5 and 10, got '11'");
    scalar_bad(S_INT, "-6", "'k' must be between -5 and 10, got '-6'");
    scalar_bad(S_INT, "99999999999999999999",
               "'k' must be between -5 and 10, got "
               "'99999999999999999999'");
    scalar_bad(S_INT, "1.0", "expected an integer for 'k', got '1.0'");

    scalar_ok(S_DUR, "1h30m", 5400);
    scalar_ok(S_DUR, "90", 90);
    scalar_ok(S_DUR, "0s", 0);
    scalar_ok(S_DUR, "250ms", 0.25);
    scalar_bad(S_DUR, "10q", "bad duration '10q' for 'k' (try 30s, 5m, 1h)");
    scalar_bad(S_DUR, "-5s", "bad duration '-5s' for 'k' (try 30s, 5m, 1h)");
    scalar_bad(S_DUR, "[1s]", "expected a duration for 'k', got a sequence");

    scalar_ok(S_ENUM, "high", 1);
    scalar_bad(S_ENUM, "High", "expected one of low, high for 'k', got 'High'");
}

/* One rule for booleans in every file: YAML 1.1's words but y/n, in three
 * spellings each. */
static void test_booleans(void **state)
{
    (void)state;
    const char *yes[] = {"true", "True", "TRUE", "yes", "Yes",
                         "YES",  "on",   "On",   "ON",  "'true'"};
    const char *no[] = {"false", "False", "FALSE", "no",  "No",
                        "NO",    "off",   "Off",   "OFF", "\"no\""};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        scalar_ok(S_BOOL, yes[i], 1);
        scalar_ok(S_BOOL, no[i], 0);
    }
    const char *bad[] = {"tRUE", "yEs",   "y",  "n",    "1",
                         "0",    "maybe", "''", "truee"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char want[200], q[40];
        snprintf(q, sizeof q, "%s", bad[i]);
        if (!strcmp(bad[i], "''"))
            q[0] = '\0';
        snprintf(want, sizeof want, "expected true or false for 'k', got '%s'",
                 q);
        scalar_bad(S_BOOL, bad[i], want);
    }
    scalar_bad(S_BOOL, "[true]",
               "expected true or false for 'k', got a sequence");
}

/* ---- tables -------------------------------------------------------------- */

typedef struct {
    char *name;
    int count;
    double ratio;
    double every;
    int on;
    int side;
} Thing;

static const OptSpec thing_opts[] = {
    {.name = "name",
     .type = OPT_STRING,
     .flags = OPT_REQUIRED | OPT_NONEMPTY,
     OPT_AT(Thing, name),
     .help = "The name."},
    {.name = "count",
     .type = OPT_INT,
     .def = "3",
     .flags = OPT_MIN | OPT_MAX,
     .min = 1,
     .max = 20,
     OPT_AT(Thing, count),
     .help = "How many."},
    {.name = "ratio",
     .type = OPT_NUMBER,
     .def = "0.5",
     .flags = OPT_MIN | OPT_MAX | OPT_ABOVE,
     .min = 0,
     .max = 1,
     OPT_AT(Thing, ratio),
     .help = "A share."},
    {.name = "every",
     .type = OPT_DURATION,
     .def = "30s",
     .flags = OPT_MIN,
     .min = 1,
     OPT_AT(Thing, every),
     .help = "How often."},
    {.name = "window",
     .type = OPT_DURATION,
     .choices = "mtd|today",
     .flags = OPT_MIN | OPT_ABOVE | OPT_MAX,
     .min = 0,
     .max = 86400,
     .help = "A window, read by the caller."},
    {.name = "enabled",
     .type = OPT_BOOL,
     .def = "yes",
     OPT_AT(Thing, on),
     .help = "On or off."},
    {.name = "side",
     .type = OPT_ENUM,
     .def = "right",
     .choices = "left|right",
     OPT_AT(Thing, side),
     .help = "Which side."},
    {.name = "tags",
     .type = OPT_STRINGS,
     .flags = OPT_NONEMPTY,
     .help = "Tags."},
    {.name = "items", .type = OPT_LIST, .item = "item", .help = "Items."},
    {0},
};

/* Reads text with thing_opts into *t; returns 0 or -1 with the message. */
static int read_thing(const char *text, Thing *t, char *msg, size_t n)
{
    ConfCtx x;
    ConfError e;
    conf_init(&x, "t.yaml", &e);
    memset(t, 0, sizeof *t);
    ConfNode *root = conf_parse(&x, text, strlen(text));
    int rc = root ? conf_table(&x, root, "thing", thing_opts, NULL, t) : -1;
    conf_node_free(root);
    msg[0] = '\0';
    if (rc < 0)
        conf_error_format(&e, msg, n);
    return rc;
}

static void expect_thing_error(const char *text, const char *want)
{
    Thing t;
    char msg[700];
    int rc = read_thing(text, &t, msg, sizeof msg);
    free(t.name);
    if (rc == 0 || strcmp(msg, want))
        fail_msg("for '%s'\ngot  '%s'\nwant '%s'", text, msg, want);
}

static void test_table_values_and_defaults(void **state)
{
    (void)state;
    Thing t;
    char msg[700];
    assert_int_equal(read_thing("name: x\n", &t, msg, sizeof msg), 0);
    assert_string_equal(t.name, "x");
    assert_int_equal(t.count, 3); /* every default from the table */
    assert_true(t.ratio == 0.5);
    assert_true(t.every == 30);
    assert_int_equal(t.on, 1);
    assert_int_equal(t.side, 1);
    free(t.name);
    assert_int_equal(read_thing("name: y\ncount: 20\nratio: 1\nevery: 1s\n"
                                "enabled: off\nside: left\nwindow: mtd\n"
                                "tags: a\nitems: [{a: 1}]\n",
                                &t, msg, sizeof msg),
                     0);
    assert_int_equal(t.count, 20);
    assert_true(t.ratio == 1 && t.every == 1);
    assert_int_equal(t.on, 0);
    assert_int_equal(t.side, 0);
    free(t.name);
    /* null is "not given": the default stays */
    assert_int_equal(read_thing("name: z\ncount: ~\n", &t, msg, sizeof msg), 0);
    assert_int_equal(t.count, 3);
    free(t.name);
}

static void test_table_errors(void **state)
{
    (void)state;
    expect_thing_error("count: 2\n", "t.yaml:1:1: thing has no 'name'");
    expect_thing_error("name: ''\n", "t.yaml:1:7: 'name' must not be empty");
    /* bounds, said in the message */
    expect_thing_error("name: x\ncount: 0\n",
                       "t.yaml:2:8: 'count' must be between 1 and 20, got '0'");
    expect_thing_error("name: x\ncount: 21\n",
                       "t.yaml:2:8: 'count' must be between 1 and 20, got "
                       "'21'");
    expect_thing_error("name: x\nratio: 0\n",
                       "t.yaml:2:8: 'ratio' must be above 0 and at most 1, "
                       "got '0'");
    expect_thing_error("name: x\nratio: 1.01\n",
                       "t.yaml:2:8: 'ratio' must be above 0 and at most 1, "
                       "got '1.01'");
    expect_thing_error("name: x\nevery: 999ms\n",
                       "t.yaml:2:8: 'every' must be at least 1s, got '999ms'");
    expect_thing_error("name: x\nevery: 0s\n",
                       "t.yaml:2:8: 'every' must be at least 1s, got '0s'");
    expect_thing_error("name: x\nwindow: 0s\n",
                       "t.yaml:2:9: 'window' must be above 0s and at most 1d, "
                       "got '0s'");
    expect_thing_error("name: x\nwindow: month\n",
                       "t.yaml:2:9: bad duration 'month' for 'window' (try "
                       "30s, 5m, 1h; or mtd, today)");
    expect_thing_error("name: x\ntags: []\n",
                       "t.yaml:2:7: 'tags' must not be empty");
    expect_thing_error("name: x\nitems: [{a: 1}, 5]\n",
                       "t.yaml:2:17: expected a mapping for each item, got "
                       "'5'");
    expect_thing_error("name: x\nitems: {a: 1}\n",
                       "t.yaml:2:8: expected a list for 'items', got a "
                       "mapping");
    /* unknown keys: the closest name when it is a likely typo, and all */
    const char *all = "(accepted: name, count, ratio, every, window, enabled, "
                      "side, tags, items)";
    char want[400];
    snprintf(want, sizeof want,
             "t.yaml:2:1: unknown key 'cuont' in thing, did you mean "
             "'count'? %s",
             all);
    expect_thing_error("name: x\ncuont: 1\n", want);
    snprintf(want, sizeof want,
             "t.yaml:2:1: unknown key 'enable' in thing, did you mean "
             "'enabled'? %s",
             all);
    expect_thing_error("name: x\nenable: 1\n", want);
    snprintf(want, sizeof want,
             "t.yaml:2:1: unknown key 'Ratio' in thing, did you mean "
             "'ratio'? %s",
             all);
    expect_thing_error("name: x\nRatio: 1\n", want);
    snprintf(want, sizeof want, "t.yaml:2:1: unknown key 'colour' in thing %s",
             all);
    expect_thing_error("name: x\ncolour: 1\n", want);
    snprintf(want, sizeof want, "t.yaml:2:1: unknown key 'x' in thing %s", all);
    expect_thing_error("name: x\nx: 1\n", want);
}

/* A bad default is the table's mistake, reported at the owner. */
static void test_bad_default(void **state)
{
    (void)state;
    static const OptSpec bad[] = {
        {.name = "n", .type = OPT_INT, .def = "x", .help = "h"},
        {0},
    };
    ConfCtx x;
    ConfError e;
    conf_init(&x, "t.yaml", &e);
    ConfNode *root = conf_parse(&x, "{}\n", 3);
    OptValue o = {0};
    assert_int_equal(conf_default(&x, &bad[0], root, &o), -1);
    assert_string_equal(e.msg, "bad default 'x' of option 'n'");
    assert_int_equal(e.line, 1);
    conf_node_free(root);
}

static void test_describe(void **state)
{
    (void)state;
    char buf[200];
    const char *want[] = {
        "string, required",
        "integer, 1 to 20; default 3",
        "number, above 0 and at most 1; default 0.5",
        "duration, at least 1s; default 30s",
        "duration, above 0s and at most 1d, or one of mtd, today",
        "boolean; default yes",
        "one of left, right; default right",
        "list of strings, not empty",
        "list of item entries",
    };
    for (int i = 0; thing_opts[i].name; i++)
        assert_string_equal(conf_spec_describe(&thing_opts[i], buf, sizeof buf),
                            want[i]);
    assert_int_equal(conf_spec_count(thing_opts), 9);
    assert_ptr_equal(conf_spec(thing_opts, "side"), &thing_opts[6]);
    assert_null(conf_spec(thing_opts, "nope"));
}

static void test_error_format(void **state)
{
    (void)state;
    ConfError e = {.file = "c.yaml", .line = 3, .col = 9, .msg = "bad"};
    char buf[64];
    assert_string_equal(conf_error_format(&e, buf, sizeof buf),
                        "c.yaml:3:9: bad");
    e.line = e.col = 0;
    assert_string_equal(conf_error_format(&e, buf, sizeof buf), "c.yaml: bad");
    char q[16];
    assert_string_equal(conf_quote(q, sizeof q, "a\x01\x1b[31mb"), "a??[31mb");
    assert_string_equal(conf_quote(q, sizeof q, "0123456789abcdefgh"),
                        "0123456789ab...");
    /* cut before a character, never inside one */
    assert_string_equal(conf_quote(q, sizeof q, "01234567890\xc3\xa9xyz"),
                        "01234567890...");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_file),
        cmocka_unit_test(test_tree),
        cmocka_unit_test(test_duplicates_in_a_big_mapping),
        cmocka_unit_test(test_scalars),
        cmocka_unit_test(test_booleans),
        cmocka_unit_test(test_table_values_and_defaults),
        cmocka_unit_test(test_table_errors),
        cmocka_unit_test(test_bad_default),
        cmocka_unit_test(test_describe),
        cmocka_unit_test(test_error_format),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
