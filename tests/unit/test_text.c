/* test_text.c - unit tests of util/text.c: what text from files and
 * servers becomes before anything shows it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/text.h"

#define R "\xef\xbf\xbd" /* U+FFFD */

static void check(const char *in, size_t n, int flags, const char *want)
{
    char *got = text_clean(in, n, flags);
    assert_non_null(got);
    assert_string_equal(got, want);
    assert_int_equal(text_needs_clean(in, n, flags),
                     strcmp(in, want) != 0 || strlen(in) != n);
    free(got);
}

static void test_kept(void **state)
{
    (void)state;
    const char *good[] = {"",
                          "plain ASCII ~!@#",
                          "caf\xc3\xa9 \xe2\x82\xac",
                          "\xe6\x97\xa5\xe6\x9c\xac",
                          "\xf0\x9f\x94\xa5 fire",
                          "\xc2\xa0nbsp",
                          "\xef\xbf\xbd"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        check(good[i], strlen(good[i]), 0, good[i]);
}

static void test_controls(void **state)
{
    (void)state;
    check("\x1b[31mred", 8, 0, R "[31mred");
    check("\x1b]0;title\x07", 10, 0, R "]0;title" R);
    check("a\x7f"
          "b",
          3, 0, "a" R "b");
    check("tab\there\r\nnext", 14, 0, "tab here  next");
    check("tab\there\r\nnext", 14, TEXT_MULTILINE, "tab\there \nnext");
    check("nul\0in", 6, 0, "nul" R "in");
    /* C1 controls: encoded (U+009B CSI, U+0085 NEL) and as raw bytes */
    check("\xc2\x9b"
          "31m",
          5, 0, R "31m");
    check("\xc2\x85", 2, TEXT_MULTILINE, R);
    check("\x9b"
          "31m",
          4, 0, R "31m");
    /* bidirectional overrides and isolates reorder what is shown */
    check("a\xe2\x80\xae"
          "b\xe2\x81\xa6"
          "c",
          9, 0, "a" R "b" R "c");
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    check("\xc0\xaf", 2, 0, R R);             /* overlong '/' */
    check("\xed\xa0\x80", 3, 0, R R R);       /* a surrogate */
    check("\xf4\x90\x80\x80", 4, 0, R R R R); /* above U+10FFFF */
    check("ab\xe2\x82", 4, 0, "ab" R R);      /* cut short */
    check("\xe2\x28\xa1", 3, 0, R "(" R);     /* bad continuation */
    check("\xff\xfe", 2, 0, R R);
}

static void test_buf(void **state)
{
    (void)state;
    char buf[8];
    text_clean_buf(buf, sizeof buf, "abcdefghij", 10, 0);
    assert_string_equal(buf, "abcdefg");
    /* a replacement that does not fit is left out whole */
    text_clean_buf(buf, sizeof buf, "abcde\x1b", 6, 0);
    assert_string_equal(buf, "abcde");
    text_clean_buf(buf, sizeof buf, "ab\xe2\x82\xac\xe2\x82\xac", 8, 0);
    assert_string_equal(buf, "ab\xe2\x82\xac");
    char one[1] = {'x'};
    text_clean_buf(one, 1, "abc", 3, 0);
    assert_string_equal(one, "");
    assert_ptr_equal(text_clean_buf(buf, 0, "abc", 3, 0), buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kept),
        cmocka_unit_test(test_controls),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_buf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
