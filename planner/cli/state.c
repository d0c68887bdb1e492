/*
 * The reminder state file (state.h): locking through FILE.lock, strict
 * reading, and atomic replacement through cli_write_atomic. The lock file is
 * never removed: removing it would let a run that opened the old one and a run
 * that created a new one both hold "the" lock.
 */
#include "config.h"

#include "planner/cli/state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "planner/cli/output.h"

#define STATE_POLL_MS 20

void cli_state_init(cli_state *st, const char *path)
{
    memset(st, 0, sizeof *st);
    st->path = xstrdup(path);
    st->lock_fd = -1;
}

static void state_clear(cli_state *st)
{
    for (size_t i = 0; i < st->count; i++)
        free(st->items[i].key);
    st->count = 0;
}

void cli_state_free(cli_state *st)
{
    if (!st)
        return;
    cli_state_unlock(st);
    state_clear(st);
    free(st->items);
    free(st->path);
    st->items = NULL;
    st->path = NULL;
    st->cap = 0;
}

static int64_t state_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int cli_state_lock(cli_state *st, int timeout_ms, char **err)
{
    char *lock_path = xasprintf("%s.lock", st->path);
    int rc = -1;
    int fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        *err = xasprintf("%s: cannot open the lock file: %s", lock_path, strerror(errno));
        goto out;
    }
    int64_t deadline = state_now_ms() + timeout_ms;
    for (;;) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            break;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            *err = xasprintf("%s: cannot lock: %s", lock_path, strerror(errno));
            goto out;
        }
        if (state_now_ms() >= deadline) {
            *err = xasprintf("%s: another run holds the lock; gave up after %d s", lock_path,
                             timeout_ms / 1000);
            goto out;
        }
        struct timespec pause = {0, STATE_POLL_MS * 1000000L};
        nanosleep(&pause, NULL);
    }
    st->lock_fd = fd;
    fd = -1;
    rc = 0;
out:
    if (fd >= 0)
        close(fd);
    free(lock_path);
    return rc;
}

void cli_state_unlock(cli_state *st)
{
    if (st->lock_fd < 0)
        return;
    flock(st->lock_fd, LOCK_UN);
    close(st->lock_fd);
    st->lock_fd = -1;
}

void cli_state_add(cli_state *st, const char *key, cal_day date, bool is_finding)
{
    if (st->count == st->cap) {
        st->cap = st->cap ? st->cap * 2 : 64;
        st->items = xrealloc(st->items, st->cap * sizeof *st->items);
    }
    cli_state_entry *e = &st->items[st->count++];
    e->key = xstrdup(key);
    e->date = date;
    e->is_finding = is_finding;
    e->seq = 0;
}

static int state_cmp(const void *a, const void *b)
{
    const cli_state_entry *x = a, *y = b;
    int c = cp_strcmp(x->key, y->key);
    if (c)
        return c;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void cli_state_sort(cli_state *st)
{
    for (size_t i = 0; i < st->count; i++)
        st->items[i].seq = i;
    if (st->count > 1)
        qsort(st->items, st->count, sizeof *st->items, state_cmp);
    size_t w = 0;
    for (size_t i = 0; i < st->count; i++) {
        if (w > 0 && strcmp(st->items[w - 1].key, st->items[i].key) == 0) {
            free(st->items[i].key);
            continue;
        }
        st->items[w++] = st->items[i];
    }
    st->count = w;
}

static cli_state_entry *state_find(const cli_state *st, const char *key)
{
    size_t lo = 0, hi = st->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cp_strcmp(key, st->items[mid].key);
        if (c == 0)
            return &st->items[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

bool cli_state_has(const cli_state *st, const char *key)
{
    return state_find(st, key) != NULL;
}

void cli_state_remove(cli_state *st, size_t i)
{
    if (i >= st->count)
        return;
    free(st->items[i].key);
    memmove(&st->items[i], &st->items[i + 1], (st->count - i - 1) * sizeof *st->items);
    st->count--;
}

static bool state_key_byte_plain(unsigned char ch)
{
    return ch > 0x20 && ch != 0x7f && ch != '%';
}

static void state_put_key(cp_buf *out, const char *key)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
        if (state_key_byte_plain(*p)) {
            cp_buf_putc(out, (char)*p);
        } else {
            char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            cp_buf_put(out, esc, 3);
        }
    }
}

void cli_state_format(const cli_state *st, cp_buf *out)
{
    char day[CAL_ISO_LEN + 1];
    cp_buf_printf(out, "%s %d\n", CLI_STATE_MAGIC, CLI_STATE_VERSION);
    for (size_t i = 0; i < st->count; i++) {
        const cli_state_entry *e = &st->items[i];
        cp_buf_printf(out, "%c %s ", e->is_finding ? 'F' : 'R', cal_format_iso(e->date, day));
        state_put_key(out, e->key);
        cp_buf_putc(out, '\n');
    }
    cp_buf_printf(out, "end %zu\n", st->count);
}

static int state_hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes a percent-encoded key of n bytes (canonical form only); NULL when malformed. */
static char *state_decode_key(const char *s, size_t n)
{
    cp_buf b = {0};
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (state_key_byte_plain(ch)) {
            cp_buf_putc(&b, (char)ch);
            continue;
        }
        if (ch != '%' || n - i < 3)
            goto bad;
        int hi = state_hex(s[i + 1]), lo = state_hex(s[i + 2]);
        if (hi < 0 || lo < 0)
            goto bad;
        unsigned char byte = (unsigned char)(hi * 16 + lo);
        if (byte == 0 || state_key_byte_plain(byte))
            goto bad;
        cp_buf_putc(&b, (char)byte);
        i += 2;
    }
    if (b.len == 0)
        goto bad;
    return cp_buf_steal(&b);
bad:
    cp_buf_free(&b);
    return NULL;
}

int cli_state_parse(cli_state *st, const char *name, const char *data, size_t len, char **err)
{
    const char *p = data, *end = data + len;
    int line = 0;
    bool ended = false;
    char *why = NULL;

    state_clear(st);
    while (p < end) {
        line++;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) {
            why = xstrdup("the last line is incomplete (the file is truncated)");
            goto bad;
        }
        size_t n = (size_t)(nl - p);
        if (ended) {
            why = xstrdup("text after the end line");
            goto bad;
        }
        if (line == 1) {
            size_t m = strlen(CLI_STATE_MAGIC);
            if (n <= m + 1 || memcmp(p, CLI_STATE_MAGIC " ", m + 1) != 0) {
                why = xstrdup("not a commitplan reminder state file (no \"" CLI_STATE_MAGIC
                              "\" header)");
                goto bad;
            }
            if (n != m + 2 || p[m + 1] != '0' + CLI_STATE_VERSION) {
                why =
                    xasprintf("unsupported state file version \"%.*s\" (this commitplan reads "
                              "version %d)",
                              (int)(n - m - 1 > 20 ? 20 : n - m - 1), p + m + 1, CLI_STATE_VERSION);
                goto bad;
            }
        } else if (n > 4 && memcmp(p, "end ", 4) == 0) {
            char count[32];
            snprintf(count, sizeof count, "%zu", st->count);
            if (n - 4 != strlen(count) || memcmp(p + 4, count, n - 4) != 0) {
                why = xasprintf("the end line says \"%.*s\" but %zu records precede it",
                                (int)(n - 4 > 20 ? 20 : n - 4), p + 4, st->count);
                goto bad;
            }
            ended = true;
        } else {
            cal_day day;
            if (n < 2 + CAL_ISO_LEN + 2 || (p[0] != 'R' && p[0] != 'F') || p[1] != ' ' ||
                p[2 + CAL_ISO_LEN] != ' ' || cal_parse_iso(p + 2, CAL_ISO_LEN, &day) != 0) {
                why = xstrdup("not a record (expected \"R|F YYYY-MM-DD KEY\")");
                goto bad;
            }
            char *key = state_decode_key(p + 3 + CAL_ISO_LEN, n - 3 - CAL_ISO_LEN);
            if (!key) {
                why = xstrdup("malformed key");
                goto bad;
            }
            cli_state_add(st, key, day, p[0] == 'F');
            free(key);
        }
        p = nl + 1;
    }
    if (line == 0) {
        why = xstrdup("empty (a state file has at least a header and an end line)");
        goto bad;
    }
    if (!ended) {
        why = xstrdup("no end line (the file is truncated)");
        line++;
        goto bad;
    }
    size_t before = st->count;
    cli_state_sort(st);
    if (st->count != before) {
        why = xstrdup("a key is recorded twice");
        line = 0;
        goto bad;
    }
    return 0;
bad:
    if (line > 0)
        *err = xasprintf("%s:%d: corrupt reminder state file: %s; fix or remove it (removing it "
                         "sends every due reminder again)",
                         name, line, why);
    else
        *err = xasprintf("%s: corrupt reminder state file: %s; fix or remove it (removing it "
                         "sends every due reminder again)",
                         name, why);
    free(why);
    state_clear(st);
    return -1;
}

int cli_state_load(cli_state *st, char **err)
{
    char *data = NULL, *rerr = NULL;
    size_t len = 0;
    int rc = -1;
    struct stat sb;

    state_clear(st);
    st->existed = false;
    if (stat(st->path, &sb) != 0) {
        if (errno == ENOENT) {
            rc = 0;
            goto out;
        }
        *err = xasprintf("%s: cannot read the reminder state file: %s", st->path, strerror(errno));
        goto out;
    }
    if (!S_ISREG(sb.st_mode)) {
        *err = xasprintf("%s: the reminder state file is not a regular file", st->path);
        goto out;
    }
    if (cli_read_file(st->path, &data, &len, &rerr) != 0) {
        *err = xasprintf("%s (the reminder state file)", rerr);
        goto out;
    }
    st->existed = true;
    rc = cli_state_parse(st, st->path, data, len, err);
out:
    free(rerr);
    free(data);
    return rc;
}

int cli_state_save(cli_state *st, char **err)
{
    cp_buf b = {0};
    cli_state_sort(st);
    cli_state_format(st, &b);
    int rc = cli_write_atomic(st->path, cp_buf_str(&b), b.len, err);
    cp_buf_free(&b);
    return rc;
}
