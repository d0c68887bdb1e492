/*
 * The strict JSON reader. The input is copied once into the document; strings
 * are decoded in place in that copy (decoded text is never longer than the
 * escaped text) and NUL-terminated over their closing quote; value nodes come
 * from a chunked arena. The parser is iterative with a fixed stack of
 * JR_MAX_DEPTH containers, so no input can overflow the C stack. Positions are
 * computed on demand from a line index built on first use; strings that held
 * escapes are remembered so that lines and columns still count the text as it
 * was written, not as it was decoded.
 */
#include "config.h"

#include "planner/jsonread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(void *) != 8 || sizeof(jr_value) == 56, "jr_value grew");

/* One arena block: nodes or bytes. */
typedef struct jsonread_block {
    struct jsonread_block *next;
    max_align_t data[];
} jsonread_block;

/* A string that held escapes: bytes [start, end) of the input (content and closing quote)
   were rewritten; chars is how many characters they were as written. */
typedef struct jsonread_span {
    size_t start, end, chars;
} jsonread_span;

/* A column checkpoint inside a long line: chars characters from the line start to offset. */
typedef struct jsonread_mark {
    size_t offset, chars;
} jsonread_mark;

#define JSONREAD_NODES_MIN 256
#define JSONREAD_NODES_MAX 65536
#define JSONREAD_BYTES_MIN 1024
#define JSONREAD_BYTES_MAX (1024 * 1024)
#define JSONREAD_MARK_GAP 4096 /* bytes between column checkpoints in long lines */
#define JSONREAD_PAD 16 /* NULs after the input copy, so 8-byte loads at the end stay inside */
#define JSONREAD_SMALL_OBJECT 16 /* objects up to this size look for duplicates pairwise */

struct jr_doc {
    char *name;
    char *text; /* the input plus JSONREAD_PAD NULs; strings decoded in place */
    size_t len;
    jr_value *root;
    jsonread_block *node_blocks; /* the tree */
    jsonread_block *byte_blocks; /* number literals */
    jr_value *node_next;
    size_t node_left, node_block;
    char *byte_next;
    size_t byte_left, byte_block;
    jsonread_span *spans; /* in document order */
    size_t n_spans, cap_spans;
    bool indexed;
    size_t *lines; /* byte offset of each line start */
    size_t n_lines;
    jsonread_mark *marks; /* in document order */
    size_t n_marks;
};

typedef struct jsonread_frame {
    jr_value *container;
    jr_value *tail;
} jsonread_frame;

typedef struct jsonread_parser {
    jr_doc *doc;
    cp_errors *errs;
    unsigned char *base, *end; /* *end is the NUL after the input */
    jsonread_frame frames[JR_MAX_DEPTH];
    int depth;
    bool duplicates;
} jsonread_parser;

/* Bytes that end the fast scan of a string: controls, '"', '\\', and every non-ASCII byte. */
static const unsigned char jsonread_special[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* ---- arena ---- */

static void *jsonread_block_new(jsonread_block **list, size_t bytes)
{
    jsonread_block *b = xmalloc(sizeof *b + bytes);
    b->next = *list;
    *list = b;
    return b->data;
}

static void jsonread_blocks_free(jsonread_block **list)
{
    while (*list) {
        jsonread_block *b = *list;
        *list = b->next;
        free(b);
    }
}

static jr_value *jsonread_node(jr_doc *d)
{
    if (d->node_left == 0) {
        d->node_block = d->node_block ? d->node_block * 2 : JSONREAD_NODES_MIN;
        if (d->node_block > JSONREAD_NODES_MAX)
            d->node_block = JSONREAD_NODES_MAX;
        d->node_next = jsonread_block_new(&d->node_blocks, d->node_block * sizeof(jr_value));
        d->node_left = d->node_block;
    }
    d->node_left--;
    return d->node_next++;
}

/* Copies the n bytes at s into the arena with a NUL after them. */
static const char *jsonread_copy(jr_doc *d, const unsigned char *s, size_t n)
{
    if (n + 1 > d->byte_left) {
        d->byte_block = d->byte_block ? d->byte_block * 2 : JSONREAD_BYTES_MIN;
        if (d->byte_block > JSONREAD_BYTES_MAX)
            d->byte_block = JSONREAD_BYTES_MAX;
        size_t size = n + 1 > d->byte_block ? n + 1 : d->byte_block;
        d->byte_next = jsonread_block_new(&d->byte_blocks, size);
        d->byte_left = size;
    }
    char *c = d->byte_next;
    memcpy(c, s, n);
    c[n] = '\0';
    d->byte_next += n + 1;
    d->byte_left -= n + 1;
    return c;
}

/* ---- positions ---- */

/* Characters (bytes that are not UTF-8 continuation bytes) among the n bytes at p. */
static size_t jsonread_leads(const unsigned char *p, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += (p[i] & 0xC0) != 0x80;
    return c;
}

/* Index of the first span that starts at or after offset. */
static size_t jsonread_span_from(const jr_doc *d, size_t offset)
{
    size_t lo = 0, hi = d->n_spans;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->spans[mid].start < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Characters in [from, to) as written in the input (escaped strings count their original text). */
static size_t jsonread_chars(const jr_doc *d, size_t from, size_t to)
{
    const unsigned char *t = (const unsigned char *)d->text;
    size_t n = 0, pos = from, r = jsonread_span_from(d, from);
    while (pos < to) {
        size_t stop = r < d->n_spans && d->spans[r].start < to ? d->spans[r].start : to;
        n += jsonread_leads(t + pos, stop - pos);
        pos = stop;
        if (pos == to)
            break;
        if (d->spans[r].end <= to) {
            n += d->spans[r].chars;
            pos = d->spans[r].end;
            r++;
        } else {
            n += jsonread_leads(t + pos, to - pos); /* inside a string: as good as it gets */
            pos = to;
        }
    }
    return n;
}

static void jsonread_add_mark(jr_doc *d, size_t *cap, size_t offset, size_t chars)
{
    if (d->n_marks == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        d->marks = xrealloc(d->marks, *cap * sizeof *d->marks);
    }
    d->marks[d->n_marks++] = (jsonread_mark){offset, chars};
}

/* Adds column checkpoints every JSONREAD_MARK_GAP bytes to the line [start, end). */
static void jsonread_mark_line(jr_doc *d, size_t *cap, size_t start, size_t end)
{
    size_t pos = start, chars = 0;
    while (end - pos > JSONREAD_MARK_GAP) {
        size_t at = pos + JSONREAD_MARK_GAP;
        size_t r = jsonread_span_from(d, at + 1);
        if (r > 0 && d->spans[r - 1].start < at && at < d->spans[r - 1].end)
            at = d->spans[r - 1].end; /* never inside a rewritten string */
        if (at >= end)
            break;
        chars += jsonread_chars(d, pos, at);
        jsonread_add_mark(d, cap, at, chars);
        pos = at;
    }
}

/* The offset of the first byte c in [pos, stop), or stop when there is none. */
static size_t jsonread_find(const jr_doc *d, char c, size_t pos, size_t stop)
{
    const char *q = memchr(d->text + pos, c, stop - pos);
    return q ? (size_t)(q - d->text) : stop;
}

/*
 * Builds the line index in one pass, skipping the rewritten strings (they may
 * now hold LFs). A line ends with LF, CRLF, or a lone CR as old Mac files
 * have. The next LF and the next CR are each searched for once and kept until
 * passed, so a file without one of them is not scanned again for every line.
 */
static void jsonread_index(jr_doc *d)
{
    size_t cap = 1024, mark_cap = 0;
    d->lines = xmalloc(cap * sizeof *d->lines);
    d->lines[0] = 0;
    d->n_lines = 1;
    size_t pos = 0, r = 0;
    while (pos < d->len) {
        size_t stop = r < d->n_spans ? d->spans[r].start : d->len;
        size_t lf = jsonread_find(d, '\n', pos, stop), cr = jsonread_find(d, '\r', pos, stop);
        while (pos < stop) {
            if (lf < pos)
                lf = jsonread_find(d, '\n', pos, stop);
            if (cr < pos)
                cr = jsonread_find(d, '\r', pos, stop);
            size_t at = lf < cr ? lf : cr;
            if (at >= stop)
                break;
            size_t next = at + (at == cr && at + 1 < stop && d->text[at + 1] == '\n' ? 2 : 1);
            if (next - d->lines[d->n_lines - 1] > JSONREAD_MARK_GAP)
                jsonread_mark_line(d, &mark_cap, d->lines[d->n_lines - 1], next - 1);
            if (d->n_lines == cap) {
                cap *= 2;
                d->lines = xrealloc(d->lines, cap * sizeof *d->lines);
            }
            d->lines[d->n_lines++] = next;
            pos = next;
        }
        pos = stop;
        if (r < d->n_spans)
            pos = d->spans[r++].end;
    }
    if (d->len - d->lines[d->n_lines - 1] > JSONREAD_MARK_GAP)
        jsonread_mark_line(d, &mark_cap, d->lines[d->n_lines - 1], d->len);
    d->indexed = true;
}

void jr_position(const jr_doc *doc, size_t offset, int *line, int *col)
{
    jr_doc *d = (jr_doc *)doc; /* the index is a cache filled on first use */
    if (!d->indexed)
        jsonread_index(d);
    if (offset > d->len)
        offset = d->len;
    size_t lo = 0, hi = d->n_lines; /* last line starting at or before offset */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->lines[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    size_t start = d->lines[lo], chars = 0;
    size_t mlo = 0, mhi = d->n_marks; /* first checkpoint after offset */
    while (mlo < mhi) {
        size_t mid = mlo + (mhi - mlo) / 2;
        if (d->marks[mid].offset <= offset)
            mlo = mid + 1;
        else
            mhi = mid;
    }
    if (mlo > 0 && d->marks[mlo - 1].offset >= start) {
        chars = d->marks[mlo - 1].chars;
        start = d->marks[mlo - 1].offset;
    }
    chars += jsonread_chars(d, start, offset);
    if (offset > start && d->text[offset - 1] == '\r' && d->text[offset] == '\n')
        chars--; /* the CR of a CRLF is part of the line end */
    *line = lo + 1 > INT32_MAX ? INT32_MAX : (int)(lo + 1);
    *col = chars + 1 > INT32_MAX ? INT32_MAX : (int)(chars + 1);
}

/* ---- diagnostics ---- */

static void jsonread_fail(jsonread_parser *ps, const unsigned char *at, const char *hint,
                          const char *fmt, ...) CP_PRINTF(4, 5);

/* Adds a syntax error (no path) at byte at. */
static void jsonread_fail(jsonread_parser *ps, const unsigned char *at, const char *hint,
                          const char *fmt, ...)
{
    size_t offset = (size_t)(at - ps->base);
    int line, col;
    jr_position(ps->doc, offset, &line, &col);
    cp_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    cp_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    cp_errors_add(ps->errs, ps->doc->name, line, col, offset, NULL, hint, "%s", cp_buf_str(&b));
    cp_buf_free(&b);
}

/* Length of the valid UTF-8 sequence at q (q[0] >= 0x80), or 0. Stops at the first bad byte,
   so the NUL after the input ends every sequence. */
static size_t jsonread_utf8(const unsigned char *q)
{
    unsigned c = q[0];
    if (c < 0xC2)
        return 0;
    if (c < 0xE0)
        return (q[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if ((q[1] & 0xC0) != 0x80 || (q[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && q[1] < 0xA0) || (c == 0xED && q[1] >= 0xA0))
            return 0;
        return 3;
    }
    if (c < 0xF5) {
        if ((q[1] & 0xC0) != 0x80 || (q[2] & 0xC0) != 0x80 || (q[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && q[1] < 0x90) || (c == 0xF4 && q[1] >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

/* Reports the invalid UTF-8 sequence at q. Returns NULL for the caller to pass on. */
static unsigned char *jsonread_utf8_error(jsonread_parser *ps, const unsigned char *q)
{
    static const char hint[] = "the file must be encoded as UTF-8";
    unsigned c = q[0];
    if (c < 0xC0)
        jsonread_fail(ps, q, hint,
                      "invalid UTF-8 byte 0x%02x (a continuation byte without a start)", c);
    else if (c < 0xC2)
        jsonread_fail(ps, q, hint, "invalid UTF-8 byte 0x%02x (an overlong encoding)", c);
    else if (c >= 0xF5)
        jsonread_fail(ps, q, hint, "invalid UTF-8 byte 0x%02x", c);
    else {
        int need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        for (int i = 1; i < need; i++)
            if ((q[i] & 0xC0) != 0x80) {
                jsonread_fail(ps, q, hint, "invalid UTF-8 byte 0x%02x: an incomplete sequence", c);
                return NULL;
            }
        if ((c == 0xE0 && q[1] < 0xA0) || (c == 0xF0 && q[1] < 0x90))
            jsonread_fail(ps, q, hint, "invalid UTF-8 byte 0x%02x: an overlong encoding", c);
        else if (c == 0xED)
            jsonread_fail(ps, q, hint, "invalid UTF-8 byte 0x%02x: an encoded surrogate", c);
        else
            jsonread_fail(ps, q, hint, "invalid UTF-8 byte 0x%02x: a code point above U+10FFFF", c);
    }
    return NULL;
}

static bool jsonread_word_char(unsigned c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Describes the byte(s) found at q for "expected X, found Y" (ASCII or valid UTF-8 at q). */
static void jsonread_found(const jsonread_parser *ps, const unsigned char *q, char *out,
                           size_t size)
{
    unsigned c = *q;
    if (q >= ps->end)
        snprintf(out, size, "the end of the file");
    else if (c == 0)
        snprintf(out, size, "a NUL character");
    else if (c < 0x20 || c == 0x7F)
        snprintf(out, size, "the control character 0x%02x", c);
    else if (c == '\'')
        snprintf(out, size, "a single quote");
    else if (jsonread_word_char(c)) {
        size_t n = 0;
        while (n < 24 && jsonread_word_char(q[n]))
            n++;
        snprintf(out, size, "'%.*s%s'", (int)n, (const char *)q,
                 jsonread_word_char(q[n]) ? "..." : "");
    } else if (c < 0x80)
        snprintf(out, size, "'%c'", (char)c);
    else
        snprintf(out, size, "'%.*s'", (int)jsonread_utf8(q), (const char *)q);
}

/* Reports "expected ..., found ..." at q, or the invalid UTF-8 there. Returns NULL. */
static unsigned char *jsonread_unexpected(jsonread_parser *ps, const unsigned char *q,
                                          const char *expected, const char *hint)
{
    if (q < ps->end && *q >= 0x80 && !jsonread_utf8(q))
        return jsonread_utf8_error(ps, q);
    char found[64];
    jsonread_found(ps, q, found, sizeof found);
    if (!hint && q < ps->end) {
        if (*q == '\'')
            hint = "JSON strings use double quotes";
        else if (*q == '/')
            hint = "JSON has no comments";
        else if (*q == 0)
            hint = "the file holds NUL bytes: is it UTF-16 or binary?";
    }
    if (!hint && q >= ps->end)
        hint = "the file ends too early: is it cut short?";
    jsonread_fail(ps, q, hint, "%s, found %s", expected, found);
    return NULL;
}

/* ---- strings ---- */

#define JSONREAD_ONES 0x0101010101010101ULL
#define JSONREAD_HIGHS 0x8080808080808080ULL

static uint64_t jsonread_load8(const unsigned char *p)
{
    uint64_t x;
    memcpy(&x, p, sizeof x);
    return x;
}

/* Skips 8 bytes at a time while none of them needs a look: no control, '"', '\\' or
   non-ASCII byte (exact for "none"; a hit is then found byte by byte). */
static unsigned char *jsonread_plain8(unsigned char *q)
{
    for (;;) {
        uint64_t x = jsonread_load8(q);
        uint64_t quote = x ^ (JSONREAD_ONES * '"'), slash = x ^ (JSONREAD_ONES * '\\');
        uint64_t hit =
            ((x - JSONREAD_ONES * 0x20) | (quote - JSONREAD_ONES) | (slash - JSONREAD_ONES)) & ~x &
            ~quote & ~slash;
        if ((hit | x) & JSONREAD_HIGHS)
            return q;
        q += 8;
    }
}

static int jsonread_hex4(const unsigned char *q)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = q[i];
        int d;
        if (c >= '0' && c <= '9')
            d = (int)(c - '0');
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (int)((c | 0x20) - 'a' + 10);
        else
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Reports the byte at q that may not appear raw in a string. Returns NULL. */
static unsigned char *jsonread_string_bad(jsonread_parser *ps, const unsigned char *q)
{
    unsigned c = *q;
    if (c >= 0x80)
        return jsonread_utf8_error(ps, q);
    if (q >= ps->end)
        jsonread_fail(ps, q, "close the string with '\"'",
                      "unexpected end of file inside a string");
    else if (c == 0)
        jsonread_fail(ps, q, "the file holds NUL bytes: is it UTF-16 or binary?",
                      "a raw NUL character in a string");
    else if (c == '\n' || c == '\r')
        jsonread_fail(ps, q, "a string cannot span lines: close it with '\"' or write \\n",
                      "raw control character 0x%02x (a line break) in a string", c);
    else if (c == '\t')
        jsonread_fail(ps, q, "write a tab as \\t",
                      "raw control character 0x09 (a tab) in a string");
    else
        jsonread_fail(ps, q, "write control characters as \\u00XX escapes",
                      "raw control character 0x%02x in a string", c);
    return NULL;
}

/* Appends code point cp as UTF-8 at w; returns the new end. */
static unsigned char *jsonread_put_utf8(unsigned char *w, unsigned cp)
{
    if (cp < 0x80) {
        *w++ = (unsigned char)cp;
    } else if (cp < 0x800) {
        *w++ = (unsigned char)(0xC0 | (cp >> 6));
        *w++ = (unsigned char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *w++ = (unsigned char)(0xE0 | (cp >> 12));
        *w++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        *w++ = (unsigned char)(0x80 | (cp & 0x3F));
    } else {
        *w++ = (unsigned char)(0xF0 | (cp >> 18));
        *w++ = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        *w++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        *w++ = (unsigned char)(0x80 | (cp & 0x3F));
    }
    return w;
}

/*
 * The rest of a string from its first backslash at q (content starts at s): first checks
 * everything up to the closing quote, so errors are found before any byte is rewritten,
 * then decodes in place. Returns the byte after the closing quote, or NULL.
 */
static unsigned char *jsonread_string_escaped(jsonread_parser *ps, unsigned char *s,
                                              unsigned char *q, const char **str, size_t *len)
{
    unsigned char *r = q;
    for (;;) {
        while (!jsonread_special[*r])
            r++;
        unsigned c = *r;
        if (c == '"')
            break;
        if (c >= 0x80) {
            size_t n = jsonread_utf8(r);
            if (!n)
                return jsonread_utf8_error(ps, r);
            r += n;
            continue;
        }
        if (c != '\\')
            return jsonread_string_bad(ps, r);
        unsigned e = r[1];
        if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' ||
            e == 't') {
            r += 2;
            continue;
        }
        if (e != 'u') {
            if (r + 1 >= ps->end)
                return jsonread_string_bad(ps, r + 1);
            if (e >= 0x20 && e < 0x7F)
                jsonread_fail(ps, r, "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
                              "invalid escape '\\%c' in a string", (char)e);
            else
                jsonread_fail(ps, r, "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
                              "invalid escape in a string: '\\' followed by byte 0x%02x", e);
            return NULL;
        }
        int cp = jsonread_hex4(r + 2);
        if (cp < 0) {
            jsonread_fail(ps, r, "write \\u and exactly four hex digits, e.g. \\u00e9",
                          "invalid \\u escape: expected four hex digits");
            return NULL;
        }
        if (cp == 0) {
            jsonread_fail(ps, r, "remove the \\u0000", "a NUL character in a string (\\u0000)");
            return NULL;
        }
        if (cp >= 0xDC00 && cp <= 0xDFFF) {
            jsonread_fail(ps, r, "a low surrogate must follow a high surrogate (\\uD800-\\uDBFF)",
                          "lone surrogate \\u%04X in a string", (unsigned)cp);
            return NULL;
        }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            int lo = r[6] == '\\' && r[7] == 'u' ? jsonread_hex4(r + 8) : -1;
            if (lo < 0xDC00 || lo > 0xDFFF) {
                jsonread_fail(ps, r,
                              "a high surrogate must be followed by a low one (\\uDC00-\\uDFFF)",
                              "lone surrogate \\u%04X in a string", (unsigned)cp);
                return NULL;
            }
            r += 12;
        } else {
            r += 6;
        }
    }
    unsigned char *close = r;
    size_t chars = jsonread_leads(s, (size_t)(close + 1 - s));
    unsigned char *w = q;
    r = q;
    while (r < close) {
        if (*r != '\\') {
            *w++ = *r++;
            continue;
        }
        unsigned e = r[1];
        r += 2;
        switch (e) {
        case 'b':
            *w++ = '\b';
            break;
        case 'f':
            *w++ = '\f';
            break;
        case 'n':
            *w++ = '\n';
            break;
        case 'r':
            *w++ = '\r';
            break;
        case 't':
            *w++ = '\t';
            break;
        case 'u': {
            unsigned cp = (unsigned)jsonread_hex4(r);
            r += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo = (unsigned)jsonread_hex4(r + 2);
                r += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            w = jsonread_put_utf8(w, cp);
            break;
        }
        default:
            *w++ = (unsigned char)e;
            break;
        }
    }
    *w = '\0';
    jr_doc *d = ps->doc;
    if (d->n_spans == d->cap_spans) {
        d->cap_spans = d->cap_spans ? d->cap_spans * 2 : 16;
        d->spans = xrealloc(d->spans, d->cap_spans * sizeof *d->spans);
    }
    d->spans[d->n_spans++] =
        (jsonread_span){(size_t)(s - ps->base), (size_t)(close + 1 - ps->base), chars};
    *str = (const char *)s;
    *len = (size_t)(w - s);
    return close + 1;
}

/* The string whose opening quote is at p. Returns the byte after it, or NULL. */
static unsigned char *jsonread_string(jsonread_parser *ps, unsigned char *p, const char **str,
                                      size_t *len)
{
    unsigned char *s = p + 1, *q = jsonread_plain8(s);
    for (;;) {
        while (!jsonread_special[*q])
            q++;
        unsigned c = *q;
        if (c == '"')
            break;
        if (c >= 0x80) {
            size_t n = jsonread_utf8(q);
            if (!n)
                return jsonread_utf8_error(ps, q);
            q += n;
            continue;
        }
        if (c == '\\')
            return jsonread_string_escaped(ps, s, q, str, len);
        return jsonread_string_bad(ps, q);
    }
    *q = '\0';
    *str = (const char *)s;
    *len = (size_t)(q - s);
    return q + 1;
}

/* ---- numbers and literals ---- */

static bool jsonread_digit(unsigned c)
{
    return c >= '0' && c <= '9';
}

/* Reports the malformed number starting at s. Returns NULL. */
static unsigned char *jsonread_bad_number(jsonread_parser *ps, const unsigned char *s,
                                          const char *what, const char *hint)
{
    size_t n = 0;
    while (n < 32 && (jsonread_word_char(s[n]) || s[n] == '+' || s[n] == '-' || s[n] == '.'))
        n++;
    if (n == 0)
        n = 1;
    jsonread_fail(ps, s, hint, "invalid number '%.*s': %s", (int)n, (const char *)s, what);
    return NULL;
}

/* The number at p (a '-' or a digit). Returns the byte after it, or NULL. */
static unsigned char *jsonread_number(jsonread_parser *ps, unsigned char *p, jr_value *v)
{
    unsigned char *s = p;
    if (*p == '-')
        p++;
    if (*p == '0') {
        p++;
        if (jsonread_digit(*p))
            return jsonread_bad_number(
                ps, s, "a leading zero is not allowed",
                "remove the leading zero (write codes such as 007 as strings)");
    } else if (jsonread_digit(*p)) {
        while (jsonread_digit(*p))
            p++;
    } else {
        return jsonread_bad_number(ps, s, "expected a digit after '-'",
                                   (p[0] == 'I' || p[0] == 'N') ? "JSON has no NaN or Infinity"
                                                                : NULL);
    }
    if (*p == '.') {
        p++;
        if (!jsonread_digit(*p))
            return jsonread_bad_number(ps, s, "expected a digit after '.'",
                                       "write a digit after the point, as in 1.0");
        while (jsonread_digit(*p))
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!jsonread_digit(*p))
            return jsonread_bad_number(ps, s, "expected a digit in the exponent", NULL);
        while (jsonread_digit(*p))
            p++;
    }
    v->type = JR_NUMBER;
    v->len = (size_t)(p - s);
    v->str = jsonread_copy(ps->doc, s, v->len);
    return p;
}

/* Reports what stands at p where a value should be. Returns NULL. */
static unsigned char *jsonread_bad_value(jsonread_parser *ps, unsigned char *p)
{
    if (p >= ps->end && ps->depth == 0)
        return jsonread_unexpected(ps, p, "expected a value",
                                   ps->end == ps->base ? "the file is empty"
                                                       : "the file holds only white space");
    if (*p == '+')
        return jsonread_bad_number(ps, p, "a '+' sign is not allowed", "remove the '+'");
    if (*p == '.' && jsonread_digit(p[1]))
        return jsonread_bad_number(ps, p, "a digit must come before '.'", "write 0.5, not .5");
    const char *hint = NULL;
    if (jsonread_word_char(*p)) {
        size_t n = 0;
        while (jsonread_word_char(p[n]))
            n++;
        if ((n == 3 && memcmp(p, "NaN", 3) == 0) || (n == 8 && memcmp(p, "Infinity", 8) == 0))
            hint = "JSON has no NaN or Infinity";
        else if ((n == 4 && (memcmp(p, "True", 4) == 0 || memcmp(p, "TRUE", 4) == 0 ||
                             memcmp(p, "Null", 4) == 0 || memcmp(p, "NULL", 4) == 0 ||
                             memcmp(p, "None", 4) == 0)) ||
                 (n == 5 && (memcmp(p, "False", 5) == 0 || memcmp(p, "FALSE", 5) == 0)))
            hint = "the literals are true, false and null, in lower case";
        else
            hint = "write strings in double quotes; the literals are true, false and null";
    }
    return jsonread_unexpected(ps, p, "expected a value", hint);
}

/* The literal at p if it is exactly word (not a longer identifier). */
static bool jsonread_literal(const jsonread_parser *ps, const unsigned char *p, const char *word,
                             size_t n)
{
    return (size_t)(ps->end - p) >= n && memcmp(p, word, n) == 0 && !jsonread_word_char(p[n]);
}

/* ---- duplicate keys ---- */

static int jsonread_key_cmp(const void *a, const void *b)
{
    const jr_value *x = *(const jr_value *const *)a, *y = *(const jr_value *const *)b;
    size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
    int c = memcmp(x->key, y->key, n);
    if (c)
        return c;
    if (x->key_len != y->key_len)
        return x->key_len < y->key_len ? -1 : 1;
    return x->key < y->key ? -1 : x->key > y->key; /* both in the text: document order */
}

static bool jsonread_same_key(const jr_value *x, const jr_value *y)
{
    return x->key_len == y->key_len && memcmp(x->key, y->key, x->key_len) == 0;
}

/* Reports member m as a repeated key of the object on top of the stack. */
static void jsonread_duplicate(jsonread_parser *ps, const jr_value *m)
{
    cp_path path;
    cp_path_init(&path);
    for (int i = 0; i < ps->depth - 1; i++) {
        const jsonread_frame *f = &ps->frames[i];
        if (f->container->type == JR_OBJECT)
            cp_path_key(&path, f->tail->key);
        else
            cp_path_index(&path, f->container->len - 1);
    }
    cp_path_key(&path, m->key);
    cp_buf shown = {0};
    for (size_t i = 0; i < m->key_len; i++) {
        unsigned char c = (unsigned char)m->key[i];
        if (c < 0x20 || c == '"' || c == '\\')
            cp_buf_printf(&shown, c < 0x20 ? "\\u%04x" : "\\%c", c);
        else
            cp_buf_putc(&shown, (char)c);
    }
    /* Line 0 for now: the position is found when the parse ends (jr_parse_take), once every
       string before a column checkpoint is decoded. */
    cp_errors_add(ps->errs, ps->doc->name, 0, 0, jr_key_offset(ps->doc, m), cp_path_str(&path),
                  "each key may appear once in an object", "duplicate key \"%s\"",
                  cp_buf_str(&shown));
    cp_buf_free(&shown);
    cp_path_free(&path);
    ps->duplicates = true;
}

/* Reports every repeated key (the second and later occurrences) of the object on top. */
static void jsonread_check_keys(jsonread_parser *ps, const jr_value *obj)
{
    size_t n = obj->len;
    if (n < 2)
        return;
    if (n <= JSONREAD_SMALL_OBJECT) {
        const jr_value *seen[JSONREAD_SMALL_OBJECT];
        size_t k = 0;
        for (const jr_value *m = obj->child; m; m = m->next) {
            for (size_t i = 0; i < k; i++)
                if (jsonread_same_key(seen[i], m)) {
                    jsonread_duplicate(ps, m);
                    break;
                }
            seen[k++] = m;
        }
        return;
    }
    const jr_value **sorted = xmalloc(n * sizeof *sorted);
    size_t k = 0;
    for (const jr_value *m = obj->child; m; m = m->next)
        sorted[k++] = m;
    qsort(sorted, n, sizeof *sorted, jsonread_key_cmp);
    for (size_t i = 1; i < n; i++)
        if (jsonread_same_key(sorted[i - 1], sorted[i]))
            jsonread_duplicate(ps, sorted[i]);
    free(sorted);
}

static int jsonread_diag_cmp(const void *a, const void *b)
{
    const cp_diag *x = a, *y = b;
    return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* ---- the parser ---- */

static unsigned char *jsonread_ws(unsigned char *p)
{
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') {
        p++;
        while (jsonread_load8(p) == JSONREAD_ONES * ' ') /* indentation */
            p += 8;
    }
    return p;
}

/* Parses the whole input into ps->doc. Returns 0, or -1 after a syntax error. */
static int jsonread_run(jsonread_parser *ps)
{
    jr_doc *d = ps->doc;
    unsigned char *p = ps->base, *const end = ps->end;
    jsonread_frame *top = NULL;
    const char *key = NULL;
    size_t key_len = 0;
    jr_value *v;

    if (d->len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        jsonread_fail(ps, p, "save the file as UTF-8 without a byte order mark",
                      "a byte order mark (U+FEFF) at the start of the file");
        return -1;
    }

value:
    p = jsonread_ws(p);
    v = jsonread_node(d);
    *v = (jr_value){.offset = (size_t)(p - ps->base), .key = key, .key_len = (uint32_t)key_len};
    key = NULL;
    if (top) {
        if (top->tail)
            top->tail->next = v;
        else
            top->container->child = v;
        top->tail = v;
        top->container->len++;
    } else {
        d->root = v;
    }
    switch (*p) {
    case '{':
    case '[':
        if (ps->depth == JR_MAX_DEPTH) {
            jsonread_fail(ps, p, NULL, "nesting deeper than %d levels", JR_MAX_DEPTH);
            return -1;
        }
        top = &ps->frames[ps->depth++];
        top->container = v;
        top->tail = NULL;
        if (*p++ == '[') {
            v->type = JR_ARRAY;
            p = jsonread_ws(p);
            if (*p == ']') {
                p++;
                goto close;
            }
            goto value;
        }
        v->type = JR_OBJECT;
        p = jsonread_ws(p);
        if (*p == '}') {
            p++;
            goto close;
        }
        if (*p != '"') {
            jsonread_unexpected(ps, p, "expected a key in double quotes or '}'",
                                jsonread_word_char(*p) ? "put the key in double quotes" : NULL);
            return -1;
        }
        goto key;
    case '"':
        v->type = JR_STRING;
        p = jsonread_string(ps, p, &v->str, &v->len);
        if (!p)
            return -1;
        goto next;
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
        p = jsonread_number(ps, p, v);
        if (!p)
            return -1;
        goto next;
    case 't':
        if (!jsonread_literal(ps, p, "true", 4))
            break;
        v->type = JR_TRUE;
        p += 4;
        goto next;
    case 'f':
        if (!jsonread_literal(ps, p, "false", 5))
            break;
        v->type = JR_FALSE;
        p += 5;
        goto next;
    case 'n':
        if (!jsonread_literal(ps, p, "null", 4))
            break;
        v->type = JR_NULL;
        p += 4;
        goto next;
    default:
        break;
    }
    jsonread_bad_value(ps, p);
    return -1;

key: /* p is at the key's opening quote */
    p = jsonread_string(ps, p, &key, &key_len);
    if (!p)
        return -1;
    if (key_len > UINT32_MAX) {
        jsonread_fail(ps, (unsigned char *)key - 1, "keys are names: shorten it",
                      "a key of 4 GiB or more");
        return -1;
    }
    p = jsonread_ws(p);
    if (*p != ':') {
        jsonread_unexpected(ps, p, "expected ':' after the key",
                            *p == '=' ? "write ':' between a key and its value" : NULL);
        return -1;
    }
    p++;
    goto value;

close: /* the container on top has just been closed */
    if (top->container->type == JR_OBJECT)
        jsonread_check_keys(ps, top->container);
    ps->depth--;
    top = ps->depth ? &ps->frames[ps->depth - 1] : NULL;

next: /* after a complete value */
    p = jsonread_ws(p);
    if (!top) {
        if (p != end) {
            jsonread_unexpected(ps, p, "expected the end of the file after the JSON value",
                                "a file holds one JSON value; remove what follows it");
            return -1;
        }
        return 0;
    }
    if (top->container->type == JR_OBJECT) {
        if (*p == ',') {
            p = jsonread_ws(p + 1);
            if (*p == '"')
                goto key;
            jsonread_unexpected(ps, p, "expected a key in double quotes after ','",
                                *p == '}'                ? "remove the comma before '}'"
                                : jsonread_word_char(*p) ? "put the key in double quotes"
                                                         : NULL);
            return -1;
        }
        if (*p == '}') {
            p++;
            goto close;
        }
        jsonread_unexpected(ps, p, "expected ',' or '}' after an object member",
                            *p == '"' ? "put a comma between members" : NULL);
        return -1;
    }
    if (*p == ',') {
        p = jsonread_ws(p + 1);
        if (*p == ']') {
            jsonread_unexpected(ps, p, "expected a value after ','", "remove the comma before ']'");
            return -1;
        }
        goto value;
    }
    if (*p == ']') {
        p++;
        goto close;
    }
    jsonread_unexpected(ps, p, "expected ',' or ']' after an array element",
                        (*p == '"' || *p == '{' || *p == '[' || jsonread_digit(*p) || *p == '-')
                            ? "put a comma between elements"
                            : NULL);
    return -1;
}

int jr_parse(const char *name, const char *data, size_t len, jr_doc **out, cp_errors *errs)
{
    char *copy = xmalloc(len + JSONREAD_PAD);
    if (len)
        memcpy(copy, data, len);
    return jr_parse_take(name, copy, len, out, errs);
}

int jr_parse_take(const char *name, char *data, size_t len, jr_doc **out, cp_errors *errs)
{
    cp_errors own;
    cp_errors_init(&own);
    if (!errs)
        errs = &own;
    *out = NULL;
    jr_doc *d = xcalloc(1, sizeof *d);
    d->name = xstrdup(name);
    d->len = len;
    d->text = xrealloc(data, len + JSONREAD_PAD); /* large blocks grow in place */
    memset(d->text + len, 0, JSONREAD_PAD);
    size_t first = errs->count;
    jsonread_parser ps = {.doc = d,
                          .errs = errs,
                          .base = (unsigned char *)d->text,
                          .end = (unsigned char *)d->text + len};
    int rc = jsonread_run(&ps);
    /*
     * Duplicate keys are found as their objects close, while the strings after them are not
     * yet decoded; an index built then could put a column checkpoint in one of them and every
     * later position would be off. Their positions are found now (a syntax error, which ends
     * the parse, builds the index only when every string before it is decoded).
     */
    for (size_t i = first; i < errs->count; i++)
        if (errs->items[i].line == 0)
            jr_position(d, errs->items[i].offset, &errs->items[i].line, &errs->items[i].col);
    if (rc < 0) {
        jr_doc_free(d);
        goto out;
    }
    if (ps.duplicates) {
        /* inner objects close first: put the reports back in document order */
        qsort(errs->items + first, errs->count - first, sizeof *errs->items, jsonread_diag_cmp);
        rc = -1;
    }
    *out = d;
out:
    cp_errors_free(&own);
    return rc;
}

void jr_doc_free(jr_doc *doc)
{
    if (!doc)
        return;
    jsonread_blocks_free(&doc->node_blocks);
    jsonread_blocks_free(&doc->byte_blocks);
    free(doc->name);
    free(doc->text);
    free(doc->spans);
    free(doc->lines);
    free(doc->marks);
    free(doc);
}

void jr_doc_drop_tree(jr_doc *doc)
{
    if (!doc)
        return;
    jsonread_blocks_free(&doc->node_blocks);
    doc->root = NULL;
    doc->node_next = NULL;
    doc->node_left = 0;
    /* The rewritten strings' spans stay: jr_position may still build the line index. */
}

size_t jr_key_offset(const jr_doc *doc, const jr_value *v)
{
    return v->key ? (size_t)(v->key - doc->text) - 1 : v->offset;
}

const jr_value *jr_root(const jr_doc *doc)
{
    return doc ? doc->root : NULL;
}

const char *jr_name(const jr_doc *doc)
{
    return doc ? doc->name : NULL;
}

/*
 * Copies s into out for a diagnostic line: control characters (C0, DEL, C1)
 * and the Unicode bidirectional overrides are written as \uXXXX escapes, so a
 * key or value from the input can neither break the line nor restyle or
 * reorder the terminal's text; text beyond CP_ERROR_TEXT_MAX bytes is cut at a
 * character boundary and ends in "...". Returns cp_buf_str(out), or NULL for NULL.
 */
static const char *jsonread_clean(const char *s, cp_buf *out)
{
    if (!s)
        return NULL;
    cp_buf_reset(out);
    cp_buf_put_visible_cut(out, s, CP_ERROR_TEXT_MAX);
    return cp_buf_str(out);
}

void jr_error(const jr_doc *doc, cp_errors *errs, const jr_value *v, bool at_key, const char *path,
              const char *hint, const char *fmt, ...)
{
    if (errs->count >= CP_ERRORS_KEPT) { /* only counted: skip the position and the message */
        errs->dropped++;
        return;
    }
    size_t offset = v ? (at_key ? jr_key_offset(doc, v) : v->offset) : 0;
    int line = 0, col = 0;
    if (v)
        jr_position(doc, offset, &line, &col);
    cp_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    cp_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    cp_buf clean_path = {0}, clean_hint = {0}, clean_msg = {0};
    cp_errors_add(errs, doc->name, line, col, offset, jsonread_clean(path, &clean_path),
                  jsonread_clean(hint, &clean_hint), "%s",
                  jsonread_clean(cp_buf_str(&b), &clean_msg));
    cp_buf_free(&b);
    cp_buf_free(&clean_path);
    cp_buf_free(&clean_hint);
    cp_buf_free(&clean_msg);
}

const jr_value *jr_get(const jr_value *obj, const char *key)
{
    if (!obj || obj->type != JR_OBJECT)
        return NULL;
    size_t n = strlen(key);
    for (const jr_value *m = obj->child; m; m = m->next)
        if (m->key_len == n && memcmp(m->key, key, n) == 0)
            return m;
    return NULL;
}

const char *jr_type_name(const jr_value *v)
{
    if (!v)
        return "nothing";
    switch (v->type) {
    case JR_NULL:
        return "null";
    case JR_FALSE:
    case JR_TRUE:
        return "a boolean";
    case JR_NUMBER:
        return "a number";
    case JR_STRING:
        return "a string";
    case JR_ARRAY:
        return "an array";
    case JR_OBJECT:
        return "an object";
    }
    return "a value";
}

bool jr_is_integer(const jr_value *v)
{
    if (!v || v->type != JR_NUMBER)
        return false;
    return strpbrk(v->str, ".eE") == NULL;
}

int jr_int_in(const jr_value *v, int64_t min, int64_t max, int64_t *out)
{
    if (!jr_is_integer(v))
        return -1;
    const char *s = v->str;
    bool negative = *s == '-';
    if (negative)
        s++;
    uint64_t limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    uint64_t m = 0;
    for (; *s; s++) {
        unsigned digit = (unsigned)(*s - '0');
        if (m > (limit - digit) / 10)
            return -1;
        m = m * 10 + digit;
    }
    int64_t value;
    if (!negative)
        value = (int64_t)m;
    else if (m == (uint64_t)INT64_MAX + 1)
        value = INT64_MIN;
    else
        value = -(int64_t)m;
    if (value < min || value > max)
        return -1;
    *out = value;
    return 0;
}
