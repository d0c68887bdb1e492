/*
 * The shared base: allocation that aborts on exhaustion, the string buffer,
 * JSON paths and the diagnostics list (see base.h).
 */
#include "config.h"

#include "calendar/base.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void base_oom(size_t n)
{
    fprintf(stderr, "commitplan: out of memory (%zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        base_oom(n);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        base_oom(n * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        base_oom(n);
    return q;
}

char *xstrdup(const char *s)
{
    return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    cp_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    cp_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return cp_buf_steal(&b);
}

#define CP_ARENA_BLOCK (64 * 1024)

struct cp_arena_block {
    cp_arena_block *next;
    max_align_t data[];
};

void *cp_arena_alloc(cp_arena *a, size_t n)
{
    const size_t align = _Alignof(max_align_t);
    if (n > SIZE_MAX - align)
        base_oom(n);
    size_t rounded = (n + align - 1) / align * align;
    if (rounded > CP_ARENA_BLOCK / 4) {
        /* a block of its own, behind the current one, whose room stays in use */
        if (rounded > SIZE_MAX - sizeof(cp_arena_block))
            base_oom(rounded);
        cp_arena_block *b = xmalloc(sizeof *b + rounded);
        if (a->blocks) {
            b->next = a->blocks->next;
            a->blocks->next = b;
        } else {
            b->next = NULL;
            a->blocks = b;
        }
        memset(b->data, 0, rounded);
        return b->data;
    }
    if (rounded > a->left || !a->next) {
        cp_arena_block *b = xmalloc(sizeof *b + CP_ARENA_BLOCK);
        b->next = a->blocks;
        a->blocks = b;
        a->next = (char *)b->data;
        a->left = CP_ARENA_BLOCK;
    }
    void *p = a->next;
    memset(p, 0, rounded);
    a->next += rounded;
    a->left -= rounded;
    return p;
}

void *cp_arena_calloc(cp_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        base_oom(SIZE_MAX);
    return cp_arena_alloc(a, n * size);
}

char *cp_arena_strdup(cp_arena *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *p = cp_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    return p;
}

void cp_arena_free(cp_arena *a)
{
    while (a->blocks) {
        cp_arena_block *b = a->blocks;
        a->blocks = b->next;
        free(b);
    }
    a->next = NULL;
    a->left = 0;
}

void cp_buf_init(cp_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void cp_buf_free(cp_buf *b)
{
    free(b->data);
    cp_buf_init(b);
}

void cp_buf_reset(cp_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

static void base_buf_reserve(cp_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

void cp_buf_put(cp_buf *b, const void *p, size_t n)
{
    base_buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void cp_buf_puts(cp_buf *b, const char *s)
{
    cp_buf_put(b, s, strlen(s));
}

void cp_buf_putc(cp_buf *b, char c)
{
    if (b->len + 2 > b->cap)
        base_buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void cp_buf_vprintf(cp_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        cp_buf_put(b, small, (size_t)n);
        return;
    }
    base_buf_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void cp_buf_printf(cp_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cp_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

size_t cp_utf8_control(const char *s, long *control)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 1;
    *control = -1;
    if (*p < 0x20 || *p == 0x7f) {
        *control = *p;
    } else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
        *control = p[1];
        n = 2;
    } else if (p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) ||
                                (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9))) {
        *control = 0x2000L | ((p[1] & 0x3fL) << 6) | (p[2] & 0x3fL);
        n = 3;
    } else if (*p >= 0x80) {
        /* a whole valid character (RFC 3629: no overlong forms, no surrogates, at most
           U+10FFFF), or else a byte that is not UTF-8 (arguments and file names need not
           be), shown by its value */
        size_t want = *p < 0xc2 ? 0 : *p < 0xe0 ? 2 : *p < 0xf0 ? 3 : *p < 0xf5 ? 4 : 0;
        unsigned lo = *p == 0xe0 ? 0xa0 : *p == 0xf0 ? 0x90 : 0x80;
        unsigned hi = *p == 0xed ? 0x9f : *p == 0xf4 ? 0x8f : 0xbf;
        bool ok = want > 0 && p[1] >= lo && p[1] <= hi;
        for (size_t k = 2; ok && k < want; k++)
            ok = p[k] >= 0x80 && p[k] <= 0xbf;
        if (ok)
            n = want;
        else
            *control = *p;
    }
    return n;
}

size_t cp_buf_put_shown(cp_buf *b, const char *p, const char *backslash)
{
    long control;
    size_t n = cp_utf8_control(p, &control);
    if (control >= 0)
        cp_buf_printf(b, "%su%04lx", backslash, (unsigned long)control);
    else if (n > 1)
        cp_buf_put(b, p, n);
    else
        return 0;
    return n;
}

void cp_buf_put_visible(cp_buf *b, const char *s)
{
    cp_buf_put_visible_cut(b, s, SIZE_MAX);
}

void cp_buf_put_visible_cut(cp_buf *b, const char *s, size_t max)
{
    size_t start = b->len;
    while (*s) {
        if (b->len - start >= max) {
            cp_buf_puts(b, "...");
            break;
        }
        size_t n = cp_buf_put_shown(b, s, "\\");
        if (n == 0) {
            cp_buf_putc(b, *s);
            n = 1;
        }
        s += n;
    }
}

/* The bytes the character at s takes when shown (cp_buf_put_visible); its length in *n. */
static size_t base_shown_len(const char *s, size_t *n)
{
    long control;
    *n = cp_utf8_control(s, &control);
    return control >= 0 ? 6 : *n;
}

void cp_buf_put_visible_ends(cp_buf *b, const char *s, size_t max)
{
    size_t total = 0, n;
    for (const char *p = s; *p; p += n)
        total += base_shown_len(p, &n);
    if (total <= 2 * max) {
        cp_buf_put_visible(b, s);
        return;
    }
    cp_buf_put_visible_cut(b, s, max); /* the beginning, then "..." */
    size_t done = 0;
    const char *p = s;
    while (done < max) { /* what it showed */
        done += base_shown_len(p, &n);
        p += n;
    }
    while (total - done > max) { /* skipped, until the end fits */
        done += base_shown_len(p, &n);
        p += n;
    }
    cp_buf_put_visible(b, p);
}

const char *cp_buf_str(const cp_buf *b)
{
    return b->data ? b->data : "";
}

char *cp_buf_steal(cp_buf *b)
{
    char *s = b->data ? b->data : xstrdup("");
    cp_buf_init(b);
    return s;
}

void cp_errors_init(cp_errors *e)
{
    memset(e, 0, sizeof *e);
}

void cp_errors_free(cp_errors *e)
{
    for (size_t i = 0; i < e->count; i++) {
        free(e->items[i].file);
        free(e->items[i].path);
        free(e->items[i].message);
        free(e->items[i].hint);
    }
    free(e->items);
    for (size_t i = 0; i < e->n_files; i++)
        free(e->files[i]);
    free(e->files);
    cp_errors_init(e);
}

static unsigned base_file_seq(cp_errors *e, const char *file)
{
    if (!file)
        return 0;
    for (size_t i = 0; i < e->n_files; i++)
        if (strcmp(e->files[i], file) == 0)
            return (unsigned)i + 1;
    e->files = xrealloc(e->files, (e->n_files + 1) * sizeof *e->files);
    e->files[e->n_files++] = xstrdup(file);
    return (unsigned)e->n_files;
}

void cp_errors_add(cp_errors *e, const char *file, int line, int col, size_t offset,
                   const char *path, const char *hint, const char *fmt, ...)
{
    if (e->count >= CP_ERRORS_KEPT) {
        e->dropped++;
        return;
    }
    if (e->count == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 16;
        e->items = xrealloc(e->items, e->cap * sizeof *e->items);
    }
    cp_diag *d = &e->items[e->count++];
    d->file = xstrdup(file);
    d->line = line;
    d->col = col;
    d->offset = offset;
    d->path = xstrdup(path);
    d->hint = xstrdup(hint);
    d->file_seq = base_file_seq(e, file);
    cp_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    cp_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    d->message = cp_buf_steal(&b);
}

size_t cp_errors_total(const cp_errors *e)
{
    return e->count + e->dropped;
}

static int base_diag_cmp(const cp_diag *a, const cp_diag *b)
{
    if (a->file_seq != b->file_seq)
        return a->file_seq < b->file_seq ? -1 : 1;
    if (a->offset != b->offset)
        return a->offset < b->offset ? -1 : 1;
    return 0;
}

void cp_errors_sort(cp_errors *e)
{
    /* insertion sort keeps equal keys in the order they were found */
    for (size_t i = 1; i < e->count; i++) {
        cp_diag d = e->items[i];
        size_t j = i;
        while (j > 0 && base_diag_cmp(&e->items[j - 1], &d) > 0) {
            e->items[j] = e->items[j - 1];
            j--;
        }
        e->items[j] = d;
    }
}

void cp_errors_format(const cp_errors *e, size_t i, cp_buf *out)
{
    const cp_diag *d = &e->items[i];
    cp_buf_puts(out, "commitplan: ");
    if (d->file) {
        cp_buf_put_visible_cut(out, d->file, CP_ERROR_TEXT_MAX);
        if (d->line > 0)
            cp_buf_printf(out, ":%d:%d", d->line, d->col);
        cp_buf_puts(out, ": ");
    }
    if (d->path && d->path[0]) {
        cp_buf_put_visible_cut(out, d->path, CP_ERROR_TEXT_MAX);
        cp_buf_puts(out, ": ");
    }
    cp_buf_put_visible_cut(out, d->message, CP_ERROR_TEXT_MAX);
    cp_buf_putc(out, '\n');
    if (d->hint) {
        cp_buf_puts(out, "hint: ");
        cp_buf_put_visible_cut(out, d->hint, CP_ERROR_TEXT_MAX);
        cp_buf_putc(out, '\n');
    }
}

void cp_path_init(cp_path *p)
{
    memset(p, 0, sizeof *p);
}

void cp_path_free(cp_path *p)
{
    cp_buf_free(&p->buf);
    free(p->marks);
    cp_path_init(p);
}

static void base_path_mark(cp_path *p)
{
    if (p->depth == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->marks = xrealloc(p->marks, p->cap * sizeof *p->marks);
    }
    p->marks[p->depth++] = p->buf.len;
}

void cp_path_key(cp_path *p, const char *key)
{
    base_path_mark(p);
    if (p->buf.len)
        cp_buf_putc(&p->buf, '.');
    cp_buf_puts(&p->buf, key);
}

void cp_path_index(cp_path *p, size_t index)
{
    base_path_mark(p);
    cp_buf_printf(&p->buf, "[%zu]", index);
}

void cp_path_pop(cp_path *p)
{
    if (!p->depth)
        return;
    p->buf.len = p->marks[--p->depth];
    if (p->buf.data)
        p->buf.data[p->buf.len] = '\0';
}

const char *cp_path_str(const cp_path *p)
{
    return cp_buf_str(&p->buf);
}

int cp_strcmp(const char *a, const char *b)
{
    return strcmp(a, b); /* C's strcmp compares as unsigned char: bytewise */
}
