/* test_keys.c - the key table (tui/keys.c) against what people read: every
 * key it binds is in the README's key table and in the man page's KEYS
 * section, every key those name is bound, the status line's hints name
 * keys as the table labels them, and a key reaches one action only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui/keys.h"

/* The text of file `path` from the line starting with `from` to the next
 * line starting with `to` (malloc'd). */
static char *section(const char *path, const char *from, const char *to)
{
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s (run from the repository's root)", path);
    char line[4096], *out = calloc(1, 1);
    size_t len = 0;
    int in = 0;
    while (fgets(line, sizeof line, f)) {
        if (in && !strncmp(line, to, strlen(to)))
            break;
        if (!in && !strncmp(line, from, strlen(from))) {
            in = 1;
            continue;
        }
        if (!in)
            continue;
        size_t n = strlen(line);
        out = realloc(out, len + n + 1);
        assert_non_null(out);
        memcpy(out + len, line, n + 1);
        len += n;
    }
    fclose(f);
    if (!in)
        fail_msg("%s has no section %s", path, from);
    return out;
}

/* The keys named in the README's key table: the `tokens` of each row's
 * first cell, separated by '\n' in the result (malloc'd). */
static char *readme_keys(void)
{
    char *sec = section("README.md", "## Keys", "## "), *out = calloc(1, 1);
    size_t len = 0;
    for (char *l = strtok(sec, "\n"); l; l = strtok(NULL, "\n")) {
        if (l[0] != '|' || strstr(l, "---") || strstr(l, "| key |"))
            continue;
        char *end = strchr(l + 1, '|');
        for (char *t = strchr(l, '`'); t && t < end; t = strchr(t + 1, '`')) {
            char *close = strchr(t + 1, '`');
            if (!close || close > end)
                break;
            size_t n = (size_t)(close - t - 1);
            out = realloc(out, len + n + 2);
            memcpy(out + len, t + 1, n);
            len += n;
            out[len++] = '\n';
            out[len] = 0;
            t = close;
        }
    }
    free(sec);
    return out;
}

/* The keys named in the man page's KEYS tags (the line after each .TP),
 * separated by '\n' (malloc'd). */
static char *man_keys(void)
{
    char *sec = section("man/promboard.1", ".SH KEYS", ".SH "),
         *out = calloc(1, 1);
    size_t len = 0;
    int tag = 0;
    for (char *l = strtok(sec, "\n"); l; l = strtok(NULL, "\n")) {
        if (!strcmp(l, ".TP")) {
            tag = 1;
            continue;
        }
        if (!tag)
            continue;
        tag = 0;
        char buf[512];
        size_t k = 0;
        const char *s = l;
        if (!strncmp(s, ".BR ", 4) || !strncmp(s, ".B ", 3))
            s = strchr(s, ' ') + 1;
        for (; *s && k + 2 < sizeof buf; s++) {
            if (s[0] == '\\' && s[1] == '-') { /* roff's minus */
                buf[k++] = '-';
                s++;
            } else if (*s == '"' || *s == ',' || *s == ' ') {
                buf[k++] = '\n';
            } else {
                buf[k++] = *s;
            }
        }
        buf[k++] = '\n';
        buf[k] = 0;
        out = realloc(out, len + k + 1);
        memcpy(out + len, buf, k + 1);
        len += k;
    }
    free(sec);
    return out;
}

/* 1 when `word` is one of the '\n'-separated names in list. */
static int named(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; *p;) {
        const char *e = strchr(p, '\n');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        if (k == n && !strncmp(p, word, n))
            return 1;
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

/* Calls fn(word) for each blank-separated word of every key label but the
 * mouse's. */
static void each_label_word(void (*fn)(const char *word, void *ctx), void *ctx)
{
    for (int i = 0; key_table[i].act != ACT_NONE; i++) {
        if (!key_table[i].label[0] || key_table[i].act == ACT_MOUSE)
            continue;
        char buf[64];
        snprintf(buf, sizeof buf, "%s", key_table[i].label);
        for (char *w = strtok(buf, " "); w; w = strtok(NULL, " "))
            fn(w, ctx);
    }
}

static void must_be_named(const char *word, void *ctx)
{
    const char **where = ctx;
    if (!named(where[0], word))
        fail_msg("key '%s' of the key table is not in %s", word, where[1]);
}

static void test_table_in_docs(void **state)
{
    (void)state;
    char *readme = readme_keys(), *man = man_keys();
    const char *r[2] = {readme, "the README's key table"};
    const char *m[2] = {man, "the man page's KEYS"};
    each_label_word(must_be_named, r);
    each_label_word(must_be_named, m);
    free(readme);
    free(man);
}

static void collect(const char *word, void *ctx)
{
    char *list = ctx;
    strcat(list, word);
    strcat(list, "\n");
}

/* Every key the README's table names is one the table binds. */
static void test_docs_in_table(void **state)
{
    (void)state;
    static char labels[4096];
    labels[0] = 0;
    each_label_word(collect, labels);
    char *readme = readme_keys();
    for (char *w = strtok(readme, "\n"); w; w = strtok(NULL, "\n"))
        if (!named(labels, w))
            fail_msg("the README names key '%s', which the key table does "
                     "not bind",
                     w);
    free(readme);
}

static void test_hints(void **state)
{
    (void)state;
    char buf[256];
    /* help and quit whatever the width */
    assert_string_equal(keys_hints(0, 1, buf, sizeof buf), " ? help  q quit ");
    assert_string_equal(keys_hints(-5, 1, buf, sizeof buf), " ? help  q quit ");
    /* then Enter, ':' and v before the others, shown in the table's order */
    assert_string_equal(keys_hints(28, 1, buf, sizeof buf),
                        " Enter zoom  ? help  q quit ");
    assert_string_equal(keys_hints(27, 1, buf, sizeof buf), " ? help  q quit ");
    assert_string_equal(keys_hints(45, 1, buf, sizeof buf),
                        " Enter zoom  : query  v vars  ? help  q quit ");
    /* the variables' key only on a dashboard that has some */
    assert_string_equal(keys_hints(45, 0, buf, sizeof buf),
                        " Enter zoom  : query  ? help  q quit ");
    assert_string_equal(
        keys_hints(66, 1, buf, sizeof buf),
        " Enter zoom  i inspect  a alerts  : query  v vars  ? help  q quit ");
    /* a rank that does not fit ends it: no shorter one after it */
    assert_string_equal(keys_hints(65, 1, buf, sizeof buf),
                        " Enter zoom  i inspect  : query  v vars  ? help  "
                        "q quit ");
    assert_string_equal(keys_hints(500, 1, buf, sizeof buf),
                        " Enter zoom  i inspect  a alerts  : query  v vars  "
                        "+/- range  [/] pan  / filter  ? help  q quit ");
    /* a short buffer holds whole hints only */
    char tiny[20];
    assert_string_equal(keys_hints(500, 0, tiny, sizeof tiny), " Enter zoom ");
    /* each hint's key does what the hint says */
    int arg;
    assert_int_equal(keys_lookup('\n', &arg), ACT_ZOOM);
    assert_int_equal(keys_lookup(':', &arg), ACT_EXPLORE);
    assert_int_equal(keys_lookup('v', &arg), ACT_VARS);
    assert_int_equal(keys_lookup('i', &arg), ACT_INSPECT);
    assert_int_equal(keys_lookup('+', &arg), ACT_WIDER);
    assert_int_equal(keys_lookup('[', &arg), ACT_PAN_BACK);
    assert_int_equal(keys_lookup('q', &arg), ACT_QUIT);
}

static void test_one_action_per_key(void **state)
{
    (void)state;
    for (int i = 0; key_table[i].act != ACT_NONE; i++)
        for (int j = i + 1; key_table[j].act != ACT_NONE; j++)
            if (key_table[i].key == key_table[j].key &&
                key_table[i].key != KEYS_NOKEY)
                fail_msg("key %d bound twice (%s, %s)", key_table[i].key,
                         key_table[i].help, key_table[j].help);
    int arg = -1;
    assert_int_equal(keys_lookup('3', &arg), ACT_GOTO_DASH);
    assert_int_equal(arg, 2);
    assert_int_equal(keys_lookup(3, &arg), ACT_QUIT_NOW); /* Ctrl-C */
    assert_int_equal(keys_lookup(27, &arg), ACT_BACK);
    assert_int_equal(keys_lookup(12, &arg), ACT_REDRAW); /* Ctrl-L */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_in_docs),
        cmocka_unit_test(test_docs_in_table),
        cmocka_unit_test(test_hints),
        cmocka_unit_test(test_one_action_per_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
