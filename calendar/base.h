/*
 * Shared base of every layer: the xmalloc family (out of memory aborts with a
 * message), a growable string buffer, and the list of input diagnostics that
 * library functions fill instead of printing. It sits in calendar/ because
 * calendar/ is the lowest layer; nothing here knows dates, plans or policies.
 */
#ifndef COMMITPLAN_BASE_H
#define COMMITPLAN_BASE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define CP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CP_PRINTF(f, a)
#endif

/* Allocation that never fails: on out of memory, prints and aborts. Free with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Copy of s (NULL gives NULL); free with free(). */
char *xstrdup(const char *s);
/* Copy of the n bytes at s plus a NUL; free with free(). */
char *xstrndup(const char *s, size_t n);
/* printf into a new string; free with free(). */
char *xasprintf(const char *fmt, ...) CP_PRINTF(1, 2);

/*
 * A bump allocator for many small objects that live and die together (the
 * arrays of a loaded inventory): one malloc per block of at least 64 kB
 * instead of one per object, and one free per block. Zero-initialise ({0});
 * release everything with cp_arena_free.
 */
typedef struct cp_arena_block cp_arena_block;
typedef struct cp_arena {
    cp_arena_block *blocks;
    char *next;
    size_t left;
} cp_arena;

/* n zeroed bytes (n may be 0), aligned for any object; never NULL. */
void *cp_arena_alloc(cp_arena *a, size_t n);
/* Zeroed room for n objects of size bytes (size_t overflow aborts). */
void *cp_arena_calloc(cp_arena *a, size_t n, size_t size);
/* A copy of s (NULL gives NULL) in the arena. */
char *cp_arena_strdup(cp_arena *a, const char *s);
void cp_arena_free(cp_arena *a);

/* Growable NUL-terminated byte buffer. Zero-initialise ({0}) or cp_buf_init; release with
 * cp_buf_free. */
typedef struct cp_buf {
    char *data; /* always NUL-terminated once anything was written; NULL when empty */
    size_t len;
    size_t cap;
} cp_buf;

void cp_buf_init(cp_buf *b);
void cp_buf_free(cp_buf *b);
void cp_buf_reset(cp_buf *b);
void cp_buf_put(cp_buf *b, const void *p, size_t n);
void cp_buf_puts(cp_buf *b, const char *s);
void cp_buf_putc(cp_buf *b, char c);
void cp_buf_printf(cp_buf *b, const char *fmt, ...) CP_PRINTF(2, 3);
void cp_buf_vprintf(cp_buf *b, const char *fmt, va_list ap) CP_PRINTF(2, 0);
/*
 * The character at p (NUL-terminated UTF-8): returns its length in bytes and
 * sets *control to its code point when it is a control character (C0, DEL,
 * C1) or a Unicode bidirectional override (U+202A..U+202E, U+2066..U+2069),
 * or to the byte's value for a byte that does not start a valid UTF-8
 * character (arguments and file names need not be UTF-8: the bytes of an
 * invalid sequence are taken one at a time), else to -1.
 */
size_t cp_utf8_control(const char *p, long *control);
/*
 * For writers that go through text one character at a time: when the character
 * at p is a control character or a bidirectional override (cp_utf8_control),
 * appends it as \uXXXX after backslash (the writer's way to write a
 * backslash); when it is beyond ASCII, appends it whole. Returns its length
 * then, or 0 for an ASCII character, which the writer appends (or escapes)
 * itself.
 */
size_t cp_buf_put_shown(cp_buf *b, const char *p, const char *backslash);
/*
 * Appends s with each control character and bidirectional override written as
 * \uXXXX, so that text from the input can neither break a line of human-
 * readable output nor restyle or reorder a terminal's text.
 */
void cp_buf_put_visible(cp_buf *b, const char *s);
/* Bytes of one text of an error line (a path, a message, a hint) kept by cp_errors_format. */
#define CP_ERROR_TEXT_MAX 1000
/* Like cp_buf_put_visible, but of text longer than 2 x max bytes as shown, only the first and
 * the last max or so are appended, with "..." between; never inside a character or an escape.
 * (An argument in the middle of a message is cut, the message's end stays.) */
void cp_buf_put_visible_ends(cp_buf *b, const char *s, size_t max);
/* Like cp_buf_put_visible, but once max bytes are appended the rest of s is left out for "...";
 * never inside a character or an escape. */
void cp_buf_put_visible_cut(cp_buf *b, const char *s, size_t max);
/* The contents as a string ("" when empty); valid until the next write. */
const char *cp_buf_str(const cp_buf *b);
/* Hands the contents to the caller (free with free()) and empties b. Never NULL. */
char *cp_buf_steal(cp_buf *b);

/* One input diagnostic: FILE:LINE:COL: PATH: message, then an optional hint. */
typedef struct cp_diag {
    char *file;    /* as the user named it; NULL for none */
    int line, col; /* 1-based; 0 when there is no location */
    size_t offset; /* byte offset in the file, for ordering */
    char *path;    /* JSON path, NULL for a syntax error */
    char *message;
    char *hint;        /* NULL for none */
    unsigned file_seq; /* order in which files were first named, for sorting */
} cp_diag;

/* The diagnostics of one run. Zero-initialise or cp_errors_init; release with cp_errors_free. */
typedef struct cp_errors {
    cp_diag *items;
    size_t count, cap;
    char **files; /* distinct file names in order of first appearance */
    size_t n_files;
    size_t dropped; /* errors counted but not kept, past CP_ERRORS_KEPT */
} cp_errors;

#define CP_ERRORS_SHOWN 50  /* at most this many are printed (inventory.md) */
#define CP_ERRORS_KEPT 1000 /* at most this many are kept; the rest are only counted */

void cp_errors_init(cp_errors *e);
void cp_errors_free(cp_errors *e);
/* Adds a diagnostic (or only counts it past CP_ERRORS_KEPT). file/path/hint may be NULL; line/col 0
 * for none. Strings are copied. */
void cp_errors_add(cp_errors *e, const char *file, int line, int col, size_t offset,
                   const char *path, const char *hint, const char *fmt, ...) CP_PRINTF(8, 9);
/* The number of diagnostics added, kept or not. */
size_t cp_errors_total(const cp_errors *e);
/* Orders the diagnostics by file (first named first), then byte offset; stable. */
void cp_errors_sort(cp_errors *e);
/* Appends the printed form of diagnostic i ("commitplan: FILE:LINE:COL: PATH: msg\nhint: ...\n").
 */
void cp_errors_format(const cp_errors *e, size_t i, cp_buf *out);

/* A JSON path under construction: "plans[1].purchases[0].date". */
typedef struct cp_path {
    cp_buf buf;
    size_t *marks; /* buf.len before each push */
    size_t depth, cap;
} cp_path;

void cp_path_init(cp_path *p);
void cp_path_free(cp_path *p);
/* Pushes ".key" (or "key" at the root). */
void cp_path_key(cp_path *p, const char *key);
/* Pushes "[index]". */
void cp_path_index(cp_path *p, size_t index);
void cp_path_pop(cp_path *p);
/* The current path ("" at the root); valid until the next change. */
const char *cp_path_str(const cp_path *p);

/* Bytewise comparison of two NUL-terminated strings for qsort-style ordering. */
int cp_strcmp(const char *a, const char *b);

#endif
