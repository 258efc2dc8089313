/* test_regfile.c - unit tests of util/regfile.c: regular files open, and
 * FIFOs, directories, devices and missing files are refused at once with
 * a reason, never read. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/regfile.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/pb-regfile.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char p[128];
    snprintf(p, sizeof p, "%s/fifo", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/file", dir);
    unlink(p);
    return rmdir(dir);
}

static void test_regular(void **state)
{
    (void)state;
    char p[128], why[128] = "";
    snprintf(p, sizeof p, "%s/file", dir);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs("hello\n", f);
    fclose(f);
    f = regfile_open(p, why, sizeof why);
    assert_non_null(f);
    char buf[16] = "";
    assert_non_null(fgets(buf, sizeof buf, f));
    assert_string_equal(buf, "hello\n");
    fclose(f);
    assert_int_equal(regfile_check(p, why, sizeof why), 0);
}

static void test_refused(void **state)
{
    (void)state;
    char fifo[128], missing[128], why[128];
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    snprintf(missing, sizeof missing, "%s/none", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    static const struct {
        const char *what;
        int err;
    } want[] = {
        {"not a regular file (a FIFO)", EINVAL},
        {"not a regular file (a directory)", EISDIR},
        {"not a regular file (a character device)", EINVAL},
        {"No such file or directory", ENOENT},
    };
    const char *paths[] = {fifo, dir, "/dev/null", missing};
    for (int i = 0; i < 4; i++) {
        why[0] = '\0';
        errno = 0;
        assert_null(regfile_open(paths[i], why, sizeof why));
        assert_int_equal(errno, want[i].err);
        assert_string_equal(why, want[i].what);
        assert_int_equal(regfile_check(paths[i], why, sizeof why), -1);
        assert_string_equal(why, want[i].what);
    }
    /* no room for the reason: still refused */
    assert_null(regfile_open(fifo, NULL, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regular),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
