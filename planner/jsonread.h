/*
 * A strict JSON reader (RFC 8259) that keeps where every value was written.
 * Input files need exact locations in their error messages and checks that
 * general-purpose parsers do not make (duplicate keys, NUL in strings, invalid
 * UTF-8, absurd nesting), so the reader builds its own compact tree in one
 * arena, parsing strings in place. Numbers keep their literal text so that no
 * value passes through a double.
 */
#ifndef COMMITPLAN_JSONREAD_H
#define COMMITPLAN_JSONREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar/base.h"

typedef enum { JR_NULL, JR_FALSE, JR_TRUE, JR_NUMBER, JR_STRING, JR_ARRAY, JR_OBJECT } jr_type;

#define JR_MAX_DEPTH 64 /* deeper nesting is an input error */

typedef struct jr_value jr_value;
/* 56 bytes: a large inventory holds millions of them. */
struct jr_value {
    jr_type type;
    uint32_t key_len; /* member of an OBJECT: bytes in key (longer keys are refused) */
    size_t offset;    /* byte offset of the value's first byte in the input */
    const char *str;  /* STRING: the decoded text, NUL-terminated (never holds a NUL);
                         NUMBER: the literal as written, NUL-terminated */
    size_t len;       /* STRING/NUMBER: bytes in str; ARRAY/OBJECT: number of children */
    jr_value *child;  /* ARRAY/OBJECT: first element/member, in document order */
    jr_value *next;   /* next sibling */
    const char *key;  /* member of an OBJECT: its decoded key, NUL-terminated, in place in
                         the document's text just after its opening quote */
};

typedef struct jr_doc jr_doc;

/*
 * Parses the len bytes at data (copied; the caller keeps data). name is the
 * file name used in diagnostics. On success returns 0 and *out (free with
 * jr_doc_free). Syntax errors (malformed JSON, invalid UTF-8, raw control
 * characters or NUL in strings, \u0000, lone surrogates, nesting beyond
 * JR_MAX_DEPTH, trailing garbage, empty input) are added to errs with a
 * location and no path, and parsing stops: returns -1, *out NULL. Duplicate
 * keys are reported with their location and JSON path, and parsing goes on:
 * returns -1 with *out set (the tree keeps every member) so callers may report
 * more errors. A UTF-8 byte order mark at the start is an error.
 */
int jr_parse(const char *name, const char *data, size_t len, jr_doc **out, cp_errors *errs);
/*
 * Like jr_parse, but takes ownership of data (allocated with malloc; freed by
 * jr_doc_free, or here on a syntax error) instead of copying it: a large input
 * is then held once, not twice.
 */
int jr_parse_take(const char *name, char *data, size_t len, jr_doc **out, cp_errors *errs);
void jr_doc_free(jr_doc *doc);
/* The byte offset of v's key's opening quote, or of v itself when it has no key. */
size_t jr_key_offset(const jr_doc *doc, const jr_value *v);
/*
 * Frees the tree but keeps the text: the str and key of every value stay
 * valid until jr_doc_free, so a model built from the document can point at
 * its strings instead of copying them. Afterwards only jr_position, jr_name
 * and jr_doc_free may be called (positions of offsets the model kept, for
 * errors found after loading).
 */
void jr_doc_drop_tree(jr_doc *doc);

const jr_value *jr_root(const jr_doc *doc);
const char *jr_name(const jr_doc *doc);

/* 1-based line and column (in characters, not bytes) of a byte offset. */
void jr_position(const jr_doc *doc, size_t offset, int *line, int *col);

/*
 * Adds an error located at value v (or its key when at_key) with a JSON path:
 * "FILE:LINE:COL: PATH: message" plus hint (may be NULL).
 */
void jr_error(const jr_doc *doc, cp_errors *errs, const jr_value *v, bool at_key, const char *path,
              const char *hint, const char *fmt, ...) CP_PRINTF(7, 8);

/* The member of object v named key (case-sensitive; the first if repeated), or NULL. */
const jr_value *jr_get(const jr_value *obj, const char *key);

/* A short name of a value's type for messages: "a string", "a number", "an object", ... */
const char *jr_type_name(const jr_value *v);

/* True when a NUMBER's literal is an integer: no fraction, no exponent. */
bool jr_is_integer(const jr_value *v);
/* An integer literal's value if it fits int64 and lies in [min, max]: returns 0, else -1. */
int jr_int_in(const jr_value *v, int64_t min, int64_t max, int64_t *out);

#endif
