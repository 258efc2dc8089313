/* regfile.c - opens files named in configuration, regular files only. */
#include "regfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What a non-regular file is, for the message. */
static const char *file_kind(mode_t m)
{
    return S_ISDIR(m)    ? "a directory"
           : S_ISFIFO(m) ? "a FIFO"
           : S_ISCHR(m)  ? "a character device"
           : S_ISBLK(m)  ? "a block device"
           : S_ISSOCK(m) ? "a socket"
                         : "not a plain file";
}

/* Sets why to "not a regular file (KIND)" and errno; returns -1. */
static int not_regular(mode_t m, char *why, size_t whyn)
{
    if (why && whyn)
        snprintf(why, whyn, "not a regular file (%s)", file_kind(m));
    errno = S_ISDIR(m) ? EISDIR : EINVAL;
    return -1;
}

/* Opens path without blocking and checks it is a regular file. Returns the
 * descriptor (blocking again), or -1 with why and errno set. */
static int open_regular(const char *path, char *why, size_t whyn)
{
    struct stat st;
    /* stat first: opening a FIFO is not free (it wakes a waiting writer) */
    if (stat(path, &st) < 0) {
        int saved = errno;
        if (why && whyn)
            snprintf(why, whyn, "%s", strerror(saved));
        errno = saved;
        return -1;
    }
    if (!S_ISREG(st.st_mode))
        return not_regular(st.st_mode, why, whyn);
    /* and again on what was opened: the name may have changed meanwhile */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int saved = errno;
        if (why && whyn)
            snprintf(why, whyn, "%s", strerror(saved));
        errno = saved;
        return -1;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        mode_t m = st.st_mode;
        close(fd);
        return not_regular(m, why, whyn);
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

FILE *regfile_open(const char *path, char *why, size_t whyn)
{
    int fd = open_regular(path, why, whyn);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        int saved = errno;
        close(fd);
        if (why && whyn)
            snprintf(why, whyn, "%s", strerror(saved));
        errno = saved;
    }
    return f;
}

int regfile_check(const char *path, char *why, size_t whyn)
{
    int fd = open_regular(path, why, whyn);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}
