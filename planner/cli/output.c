/*
 * Atomic file replacement, checked stdout, and whole-file reading (output.h).
 */
#include "config.h"

#include "planner/cli/output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calendar/base.h"

static int output_write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* The folder part of path ("." when there is none); free with free(). */
static char *output_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

int cli_write_temp(char *tmp, const char *dir, const char *dest, const char *data, size_t len,
                   mode_t mode, char **err)
{
    int fd = mkstemp(tmp);
    if (fd < 0) {
        *err =
            xasprintf("%s: cannot create a temporary file in %s: %s", dest, dir, strerror(errno));
        return -1;
    }
    if (output_write_all(fd, data, len) != 0 || fchmod(fd, mode) != 0 || fsync(fd) != 0) {
        *err = xasprintf("%s: cannot write: %s", dest, strerror(errno));
        close(fd);
        unlink(tmp);
        return -1;
    }
    if (close(fd) != 0) {
        *err = xasprintf("%s: cannot write: %s", dest, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

void cli_sync_dir(const char *dir)
{
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
}

int cli_write_atomic(const char *path, const char *data, size_t len, char **err)
{
    int rc = -1;
    char *dir = output_dirname(path);
    char *tmp = xasprintf("%s.tmp-XXXXXX", path);
    mode_t mode = 0644;
    struct stat st;

    if (stat(path, &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            *err = xasprintf("%s: not a regular file; refusing to replace it", path);
            goto out;
        }
        mode = st.st_mode & 07777;
    }
    if (cli_write_temp(tmp, dir, path, data, len, mode, err) != 0)
        goto out;
    if (rename(tmp, path) != 0) {
        *err = xasprintf("%s: cannot replace: %s", path, strerror(errno));
        unlink(tmp);
        goto out;
    }
    /* the rename is durable once the folder is; a failure here leaves the new file in place */
    cli_sync_dir(dir);
    rc = 0;
out:
    free(tmp);
    free(dir);
    return rc;
}

int cli_write_stdout(const char *data, size_t len, char **err)
{
    if ((len && fwrite(data, 1, len, stdout) != len) || fflush(stdout) != 0 || ferror(stdout)) {
        *err = xasprintf("standard output: cannot write: %s", strerror(errno));
        return -1;
    }
    return 0;
}

int cli_read_file(const char *path, char **data, size_t *len, char **err)
{
    int rc = -1;
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
    cp_buf b = {0};
    if (fd < 0) {
        *err = xasprintf("%s: cannot read: %s", path, strerror(errno));
        goto out;
    }
    struct stat st;
    if (fstat(fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            *err = xasprintf("%s: cannot read: is a folder", is_stdin ? "<stdin>" : path);
            goto out;
        }
        if (S_ISREG(st.st_mode) && st.st_size > 0) {
            b.data = xmalloc((size_t)st.st_size + 1);
            b.cap = (size_t)st.st_size + 1;
        }
    }
    for (;;) {
        char chunk[65536];
        ssize_t n;
        if (b.cap - b.len > sizeof chunk) {
            n = read(fd, b.data + b.len, b.cap - b.len - 1);
            if (n > 0) {
                b.len += (size_t)n;
                b.data[b.len] = '\0';
                continue;
            }
        } else {
            n = read(fd, chunk, sizeof chunk);
            if (n > 0) {
                cp_buf_put(&b, chunk, (size_t)n);
                continue;
            }
        }
        if (n == 0)
            break;
        if (errno == EINTR)
            continue;
        *err = xasprintf("%s: cannot read: %s", is_stdin ? "<stdin>" : path, strerror(errno));
        goto out;
    }
    if (!b.data)
        cp_buf_put(&b, "", 0);
    *len = b.len;
    *data = cp_buf_steal(&b);
    rc = 0;
out:
    if (fd >= 0 && !is_stdin)
        close(fd);
    cp_buf_free(&b);
    return rc;
}
