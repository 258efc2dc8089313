/* capture.c - the screen written to files: the plain text frame and the
 * same with its colours as ANSI escape sequences, named after the
 * dashboard and the time, in the current directory or the temporary one. */
#include "capture.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ansi.h"
#include "output.h"

/* Opens dir/base-N.ext exclusively (N from 1 left out, then 2, 3...),
 * trying up to 99 names; the name opened goes into path. Returns the
 * stream, or NULL with errno set. */
static FILE *open_new(const char *dir, const char *base, int n, const char *ext,
                      char *path, size_t pn)
{
    char suffix[16] = "";
    if (n > 1)
        snprintf(suffix, sizeof suffix, "-%d", n);
    snprintf(path, pn, "%s/%s%s%s", dir, base, suffix, ext);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "w");
    if (!f) {
        int e = errno;
        close(fd);
        unlink(path);
        errno = e;
    }
    return f;
}

/* Writes both files into dir; on success the text file's path is in path.
 * Returns 0, or -1 with errno set (nothing left behind). */
static int write_pair(const char *dir, const char *base, const Canvas *c,
                      const Theme *t, char *path, size_t pn)
{
    char apath[PATH_MAX + 64];
    for (int n = 1; n < 100; n++) {
        FILE *f = open_new(dir, base, n, ".txt", path, pn);
        if (!f) {
            if (errno == EEXIST)
                continue;
            return -1;
        }
        FILE *g = open_new(dir, base, n, ".ansi", apath, sizeof apath);
        if (!g) {
            int e = errno;
            fclose(f);
            unlink(path);
            if (e == EEXIST)
                continue;
            errno = e;
            return -1;
        }
        int bad = output_text(c, f) < 0;
        bad |= ansi_write(c, t, ansi_depth_from_env(), g) < 0;
        bad |= fclose(f) != 0;
        bad |= fclose(g) != 0;
        if (bad) {
            int e = errno ? errno : EIO;
            unlink(path);
            unlink(apath);
            errno = e;
            return -1;
        }
        return 0;
    }
    errno = EEXIST;
    return -1;
}

int capture_write(App *a, const Canvas *c, const Theme *t)
{
    char base[256], stamp[32], name[128];
    time_t now = (time_t)app_time(a);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    /* the dashboard's name, kept to what is safe in a file name */
    snprintf(name, sizeof name, "%s", a->dash[a->cur].d->name);
    for (char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
            *p = '_';
    snprintf(base, sizeof base, "promboard-%s-%s", name, stamp);
    char cwd[PATH_MAX], path[PATH_MAX + 64];
    const char *tmp = getenv("TMPDIR");
    const char *dirs[2] = {getcwd(cwd, sizeof cwd) ? cwd : NULL,
                           tmp && *tmp ? tmp : "/tmp"};
    int err = 0;
    for (int i = 0; i < 2; i++) {
        if (!dirs[i])
            continue;
        if (write_pair(dirs[i], base, c, t, path, sizeof path) == 0) {
            app_notice(a, ROLE_OK, 8,
                       " screen written to %s (and .ansi beside it, in "
                       "colour) ",
                       path);
            return 0;
        }
        if (!err)
            err = errno;
    }
    app_notice(a, ROLE_ERROR, 8, " could not write the screen to a file: %s ",
               strerror(err ? err : EIO));
    return -1;
}
