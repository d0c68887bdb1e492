/*
 * Tests of the strict JSON reader: valid documents and their decoded tree,
 * every class of syntax error with its exact line, column and message,
 * duplicate keys with their JSON paths, positions against a naive count on
 * the original bytes, nesting limits, large inputs, integer ranges, and a
 * deterministic mutation run that must never crash or report inconsistently.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "planner/jsonread.h"
#include "tests/suites.h"

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Compact dump of a tree: strings raw (control bytes as <xx>), numbers as written. */
static void dump(const jr_value *v, cp_buf *b)
{
    switch (v->type) {
    case JR_NULL:
        cp_buf_puts(b, "null");
        break;
    case JR_TRUE:
        cp_buf_puts(b, "true");
        break;
    case JR_FALSE:
        cp_buf_puts(b, "false");
        break;
    case JR_NUMBER:
        cp_buf_puts(b, v->str);
        break;
    case JR_STRING:
        cp_buf_putc(b, '"');
        for (size_t i = 0; i < v->len; i++) {
            unsigned char c = (unsigned char)v->str[i];
            if (c < 0x20)
                cp_buf_printf(b, "<%02x>", c);
            else
                cp_buf_putc(b, (char)c);
        }
        cp_buf_putc(b, '"');
        break;
    case JR_ARRAY:
    case JR_OBJECT: {
        cp_buf_putc(b, v->type == JR_ARRAY ? '[' : '{');
        size_t n = 0;
        for (const jr_value *c = v->child; c; c = c->next, n++) {
            if (c != v->child)
                cp_buf_putc(b, ',');
            if (v->type == JR_OBJECT) {
                cp_buf_printf(b, "\"%s\":", c->key);
                ck_assert_uint_eq(strlen(c->key), c->key_len);
            }
            dump(c, b);
        }
        ck_assert_uint_eq(n, v->len);
        cp_buf_putc(b, v->type == JR_ARRAY ? ']' : '}');
        break;
    }
    }
    if (v->type == JR_STRING || v->type == JR_NUMBER)
        ck_assert_uint_eq(strlen(v->str), v->len);
}

/* ---- valid documents ---- */

static const struct {
    const char *in;
    const char *dump;
} valid[] = {
    {"{\"a\": [1, -2.5e+10, 0, -0, 1E5, 0.0, 12e-3], \"b\": {\"c\": null, \"d\": true, \"e\": "
     "false}}",
     "{\"a\":[1,-2.5e+10,0,-0,1E5,0.0,12e-3],\"b\":{\"c\":null,\"d\":true,\"e\":false}}"},
    {"\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\"\\/<08><0c><0a><0d><09>\""},
    {"\"\\u00e9\\u20AC\\ud83d\\ude00\"", "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\""},
    {"\" \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80 \"", "\" \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80 \""},
    {"\"a\\u0041b\"", "\"aAb\""},
    {"\"\\u0001\\u001f\"", "\"<01><1f>\""},
    {"[]", "[]"},
    {"{}", "{}"},
    {"[[], {}, [[]]]", "[[],{},[[]]]"},
    {" \t\r\n 7 \n", "7"},
    {"{\"\": \"\"}", "{\"\":\"\"}"},
    {"[1,\"x\\ty\",\"\xf4\x8f\xbf\xbf\"]", "[1,\"x<09>y\",\"\xf4\x8f\xbf\xbf\"]"},
    {"{\"a\":1,\"b\":{\"c\":[1,{\"d\":\"e\"}]}}", "{\"a\":1,\"b\":{\"c\":[1,{\"d\":\"e\"}]}}"},
    {"{\"k\\n\\u00e9\": \"v\"}", "{\"k\n\xc3\xa9\":\"v\"}"},
    {"[true,false,null]", "[true,false,null]"},
    {"-0.5E-7", "-0.5E-7"},
};

START_TEST(test_valid)
{
    cp_errors errs = {0};
    jr_doc *doc = NULL;
    cp_buf b = {0};
    int rc = jr_parse("t.json", valid[_i].in, strlen(valid[_i].in), &doc, &errs);
    ck_assert_msg(rc == 0, "%s: %s", valid[_i].in, errs.count ? errs.items[0].message : "?");
    ck_assert_ptr_nonnull(doc);
    ck_assert_uint_eq(errs.count, 0);
    ck_assert_str_eq(jr_name(doc), "t.json");
    dump(jr_root(doc), &b);
    ck_assert_str_eq(cp_buf_str(&b), valid[_i].dump);
    cp_buf_free(&b);
    jr_doc_free(doc);
    cp_errors_free(&errs);
}
END_TEST

/* ---- syntax errors: exactly one, with location, no path ---- */

static const struct {
    const char *in;
    size_t len; /* 0: strlen(in) */
    int line, col;
    const char *msg;
    const char *hint; /* substring, or NULL for "don't care" */
} bad[] = {
    {"{\"a\": 1,}", 0, 1, 9, "expected a key in double quotes after ',', found '}'",
     "remove the comma before '}'"},
    {"[1, 2,]", 0, 1, 7, "expected a value after ',', found ']'", "remove the comma before ']'"},
    {"{\"a\": 1 \"b\": 2}", 0, 1, 9, "expected ',' or '}' after an object member, found '\"'",
     "comma"},
    {"[1 2]", 0, 1, 4, "expected ',' or ']' after an array element, found '2'", "comma"},
    {"[tru]", 0, 1, 2, "expected a value, found 'tru'", NULL},
    {"[True]", 0, 1, 2, "expected a value, found 'True'", "lower case"},
    {"[1, nul", 0, 1, 5, "found 'nul'", NULL},
    {"{\"n\": 01}", 0, 1, 7, "invalid number '01': a leading zero", NULL},
    {"[-01]", 0, 1, 2, "invalid number '-01'", NULL},
    {"[-]", 0, 1, 2, "invalid number '-': expected a digit after '-'", NULL},
    {"-", 0, 1, 1, "invalid number '-'", NULL},
    {"[+1]", 0, 1, 2, "invalid number '+1'", "remove the '+'"},
    {"[.5]", 0, 1, 2, "invalid number '.5'", NULL},
    {"[1.]", 0, 1, 2, "invalid number '1.': expected a digit after '.'", NULL},
    {"[1.e5]", 0, 1, 2, "invalid number '1.e5'", NULL},
    {"[1e]", 0, 1, 2, "expected a digit in the exponent", NULL},
    {"[1e+]", 0, 1, 2, "expected a digit in the exponent", NULL},
    {"[NaN]", 0, 1, 2, "found 'NaN'", "NaN or Infinity"},
    {"[-Infinity]", 0, 1, 2, "invalid number '-Infinity'", "NaN or Infinity"},
    {"\"abc", 0, 1, 5, "unexpected end of file inside a string", NULL},
    {"[\"abc\\", 0, 1, 7, "unexpected end of file inside a string", NULL},
    {"{\"a\": [1, 2", 0, 1, 12,
     "expected ',' or ']' after an array element, found the end of the file", "cut short"},
    {"{\"a\": ", 0, 1, 7, "expected a value, found the end of the file", NULL},
    {"{\"a\"", 0, 1, 5, "expected ':' after the key, found the end of the file", NULL},
    {"[1,\n2,\n", 0, 3, 1, "expected a value, found the end of the file", NULL},
    {"{\"a\": 1} x", 0, 1, 10, "expected the end of the file after the JSON value, found 'x'",
     NULL},
    {"{\"a\": 1}}", 0, 1, 9, "expected the end of the file after the JSON value, found '}'", NULL},
    {"[1] [2]", 0, 1, 5, "expected the end of the file", NULL},
    {"[\"a\tb\"]", 0, 1, 4, "raw control character 0x09", "\\t"},
    {"[\"a\nb\"]", 0, 1, 4, "raw control character 0x0a", "span lines"},
    {"[\"a\x01\"]", 0, 1, 4, "raw control character 0x01", NULL},
    {"[\"a\0b\"]", 7, 1, 4, "NUL character", NULL},
    {"[1,\0]", 5, 1, 4, "NUL character", NULL},
    {"[1]\0", 4, 1, 4, "NUL character", NULL},
    {"[\"\\u0000\"]", 0, 1, 3, "a NUL character in a string", NULL},
    {"[\"\\uD800\"]", 0, 1, 3, "lone surrogate \\uD800", NULL},
    {"[\"ab\\udbff\\u0041\"]", 0, 1, 5, "lone surrogate \\uDBFF", NULL},
    {"[\"\\uDC00\"]", 0, 1, 3, "lone surrogate \\uDC00", NULL},
    {"[\"\\ud800\\ud800\"]", 0, 1, 3, "lone surrogate \\uD800", NULL},
    {"[\"a\xff\"]", 0, 1, 4, "invalid UTF-8 byte 0xff", NULL},
    {"[1, \xff]", 0, 1, 5, "invalid UTF-8 byte 0xff", NULL},
    {"[1] \xfe", 0, 1, 5, "invalid UTF-8 byte 0xfe", NULL},
    {"[\"\xc3\xa9\x80\"]", 0, 1, 4, "invalid UTF-8 byte 0x80", NULL},
    {"[\"\xc0\xaf\"]", 0, 1, 3, "invalid UTF-8 byte 0xc0 (an overlong encoding)", NULL},
    {"[\"\xe0\x80\xaf\"]", 0, 1, 3, "invalid UTF-8 byte 0xe0: an overlong encoding", NULL},
    {"[\"\xf0\x80\x80\xaf\"]", 0, 1, 3, "invalid UTF-8 byte 0xf0: an overlong encoding", NULL},
    {"[\"\xed\xa0\x80\"]", 0, 1, 3, "invalid UTF-8 byte 0xed: an encoded surrogate", NULL},
    {"[\"\xf4\x90\x80\x80\"]", 0, 1, 3, "above U+10FFFF", NULL},
    {"[\"\xc3\"]", 0, 1, 3, "invalid UTF-8 byte 0xc3: an incomplete sequence", NULL},
    {"\"\xe2\x82", 0, 1, 2, "invalid UTF-8 byte 0xe2: an incomplete sequence", NULL},
    {"[\"\\u00e9\", \"\xff\"]", 0, 1, 13, "invalid UTF-8 byte 0xff", NULL},
    {"\xef\xbb\xbf{}", 0, 1, 1, "byte order mark",
     "save the file as UTF-8 without a byte order mark"},
    {"", 0, 1, 1, "expected a value, found the end of the file", "empty"},
    {"  \n ", 0, 2, 2, "expected a value, found the end of the file", "only white space"},
    {"{\r\n\"a\": 1,\r\n}", 0, 3, 1, "after ',', found '}'", "remove the comma before '}'"},
    {"{\r\n  \"a\": 1\r\n  \"b\": 2}", 0, 3, 3, "after an object member", NULL},
    {"{\"\xc3\xa9\": 1 x}", 0, 1, 9, "expected ',' or '}' after an object member, found 'x'", NULL},
    {"[\"\xe2\x82\xac\xf0\x9f\x98\x80\", x]", 0, 1, 8, "expected a value, found 'x'", NULL},
    {"[\"\\u00e9\\n\", x]", 0, 1, 14, "expected a value, found 'x'", NULL},
    {"[\"a\\nb\",\n x]", 0, 2, 2, "expected a value, found 'x'", NULL},
    {"{'a': 1}", 0, 1, 2, "found a single quote", "JSON strings use double quotes"},
    {"['a']", 0, 1, 2, "expected a value, found a single quote", "JSON strings use double quotes"},
    {"{a: 1}", 0, 1, 2, "expected a key in double quotes or '}', found 'a'",
     "put the key in double quotes"},
    {"{\"a\": 1, b: 2}", 0, 1, 10, "found 'b'", "put the key in double quotes"},
    {"[\"\\x\"]", 0, 1, 3, "invalid escape '\\x'", NULL},
    {"[\"\\u12G4\"]", 0, 1, 3, "invalid \\u escape", NULL},
    {"{\"a\" 1}", 0, 1, 6, "expected ':' after the key, found '1'", NULL},
    {"{\"a\" = 1}", 0, 1, 6, "expected ':' after the key, found '='", "':'"},
    {"[/* c */ 1]", 0, 1, 2, "expected a value, found '/'", "no comments"},
    {"[\f]", 0, 1, 2, "found the control character 0x0c", NULL},
    {"[1,]", 0, 1, 4, "expected a value after ','", NULL},
    {"{\"a\":}", 0, 1, 6, "expected a value, found '}'", NULL},
    {"[\xc3\xa9]", 0, 1, 2, "expected a value, found '\xc3\xa9'", NULL},
    {"truex", 0, 1, 1, "expected a value, found 'truex'", NULL},
    {"[1]x", 0, 1, 4, "found 'x'", NULL},
};

START_TEST(test_syntax_error)
{
    cp_errors errs = {0};
    jr_doc *doc = (jr_doc *)&errs; /* must be reset to NULL */
    size_t len = bad[_i].len ? bad[_i].len : strlen(bad[_i].in);
    int rc = jr_parse("bad.json", bad[_i].in, len, &doc, &errs);
    ck_assert_int_eq(rc, -1);
    ck_assert_ptr_null(doc);
    ck_assert_uint_eq(errs.count, 1);
    const cp_diag *d = &errs.items[0];
    ck_assert_msg(strstr(d->message, bad[_i].msg) != NULL, "case %d: message \"%s\", want \"%s\"",
                  _i, d->message, bad[_i].msg);
    ck_assert_msg(d->line == bad[_i].line && d->col == bad[_i].col,
                  "case %d (%s): at %d:%d, want %d:%d", _i, d->message, d->line, d->col,
                  bad[_i].line, bad[_i].col);
    ck_assert_ptr_null(d->path);
    ck_assert_str_eq(d->file, "bad.json");
    if (bad[_i].hint) {
        ck_assert_ptr_nonnull(d->hint);
        ck_assert_msg(strstr(d->hint, bad[_i].hint) != NULL, "case %d: hint \"%s\", want \"%s\"",
                      _i, d->hint, bad[_i].hint);
    }
    cp_errors_free(&errs);
}
END_TEST

/* ---- nesting ---- */

static char *nested(int levels, bool objects)
{
    cp_buf b = {0};
    for (int i = 0; i < levels; i++)
        cp_buf_puts(&b, objects ? "{\"k\":" : "[");
    cp_buf_puts(&b, "1");
    for (int i = 0; i < levels; i++)
        cp_buf_putc(&b, objects ? '}' : ']');
    return cp_buf_steal(&b);
}

static const struct {
    int levels;
    bool objects;
    int col; /* 0: parses */
} depths[] = {
    {1, false, 0},   {64, false, 0},         {64, true, 0},
    {65, false, 65}, {65, true, 5 * 64 + 1}, {100000, false, 65},
};

START_TEST(test_depth)
{
    char *in = nested(depths[_i].levels, depths[_i].objects);
    cp_errors errs = {0};
    jr_doc *doc = NULL;
    int rc = jr_parse("deep.json", in, strlen(in), &doc, &errs);
    if (depths[_i].col == 0) {
        ck_assert_int_eq(rc, 0);
        int n = 0;
        for (const jr_value *v = jr_root(doc); v->type != JR_NUMBER; v = v->child)
            n++;
        ck_assert_int_eq(n, depths[_i].levels);
    } else {
        ck_assert_int_eq(rc, -1);
        ck_assert_ptr_null(doc);
        ck_assert_uint_eq(errs.count, 1);
        ck_assert_str_eq(errs.items[0].message, "nesting deeper than 64 levels");
        ck_assert_int_eq(errs.items[0].line, 1);
        ck_assert_int_eq(errs.items[0].col, depths[_i].col);
    }
    jr_doc_free(doc);
    cp_errors_free(&errs);
    free(in);
}
END_TEST

/* ---- duplicate keys ---- */

static const struct {
    const char *in;
    size_t n;
    const char *path[2];
    int col[2];
} dups[] = {
    {"{\"plans\": [{\"units\": 1}, {\"units\": 1, \"units\": 2}]}", 1, {"plans[1].units"}, {39}},
    {"{\"a\": 1, \"b\": {\"x\": 1, \"x\": 2}, \"a\": 3}", 2, {"b.x", "a"}, {24, 33}},
    {"{\"containers\": [{\"env\": {\"Mounts:License\": \"a\", \"Mounts:License\": \"b\"}}]}",
     1,
     {"containers[0].env.Mounts:License"},
     {49}},
    {"{\"a\": 1, \"\\u0061\": 2}", 1, {"a"}, {10}},
    {"[{\"a\":1,\"a\":2}]", 1, {"[0].a"}, {9}},
    {"{\"a\": {\"b\": 1, \"b\": {\"c\": 1, \"c\": 2}}}", 2, {"a.b", "a.b.c"}, {16, 30}},
};

START_TEST(test_duplicates)
{
    cp_errors errs = {0};
    jr_doc *doc = NULL;
    int rc = jr_parse("dup.json", dups[_i].in, strlen(dups[_i].in), &doc, &errs);
    ck_assert_int_eq(rc, -1);
    ck_assert_ptr_nonnull(doc); /* the tree is kept */
    ck_assert_uint_eq(errs.count, dups[_i].n);
    for (size_t k = 0; k < dups[_i].n; k++) {
        const cp_diag *d = &errs.items[k];
        ck_assert_ptr_nonnull(d->path);
        ck_assert_str_eq(d->path, dups[_i].path[k]);
        ck_assert_int_eq(d->line, 1);
        ck_assert_int_eq(d->col, dups[_i].col[k]);
        ck_assert_uint_eq(d->offset, (size_t)dups[_i].col[k] - 1);
        ck_assert_ptr_nonnull(strstr(d->message, "duplicate key \""));
        ck_assert_str_eq(d->hint, "each key may appear once in an object");
    }
    jr_doc_free(doc);
    cp_errors_free(&errs);
}
END_TEST

/* Objects larger than the pairwise limit take the sorted path; reports stay in document order. */
START_TEST(test_duplicates_large)
{
    cp_buf b = {0};
    cp_buf_puts(&b, "{\n");
    for (int i = 0; i < 40; i++)
        cp_buf_printf(&b, "\"k%d\": %d,\n", i, i);
    cp_buf_puts(&b, "\"k7\": 0,\n\"k20\": 0,\n\"k39\": 0,\n\"k20\": 0\n}");
    cp_errors errs = {0};
    jr_doc *doc = NULL;
    ck_assert_int_eq(jr_parse("big.json", b.data, b.len, &doc, &errs), -1);
    ck_assert_ptr_nonnull(doc);
    ck_assert_uint_eq(errs.count, 4);
    static const char *const paths[] = {"k7", "k20", "k39", "k20"};
    for (int k = 0; k < 4; k++) {
        ck_assert_str_eq(errs.items[k].path, paths[k]);
        ck_assert_int_eq(errs.items[k].line, 42 + k);
        ck_assert_int_eq(errs.items[k].col, 1);
    }
    ck_assert_uint_eq(jr_root(doc)->len, 44);
    const jr_value *k20 = jr_get(jr_root(doc), "k20");
    ck_assert_ptr_nonnull(k20);
    ck_assert_str_eq(k20->str, "20"); /* the first of the repeated keys */
    jr_doc_free(doc);
    cp_errors_free(&errs);
    cp_buf_free(&b);
}
END_TEST

/* ---- positions against a naive count on the original bytes ---- */

/* Line and column of every offset of s (0..len), counted naively on the original bytes. */
typedef struct naive_table {
    int *line, *col;
} naive_table;

static naive_table naive_positions(const char *s, size_t len)
{
    naive_table t = {xmalloc((len + 1) * sizeof(int)), xmalloc((len + 1) * sizeof(int))};
    int l = 1, c = 1;
    for (size_t i = 0; i <= len; i++) {
        t.line[i] = l;
        t.col[i] = c;
        if (i == len)
            break;
        if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n')) { /* LF, CRLF, a lone CR */
            l++;
            c = 1;
        } else if ((s[i] & 0xC0) != 0x80 && !(s[i] == '\r' && s[i + 1] == '\n')) {
            c++;
        }
    }
    return t;
}

/* Counts the values and keys of the tree whose jr_position differs from the naive table. */
static int check_positions(const char *src, const naive_table *t, const jr_doc *doc,
                           const jr_value *v, int *checked)
{
    int wrong = 0;
    for (; v; v = v->next) {
        int line, col;
        jr_position(doc, v->offset, &line, &col);
        wrong += line != t->line[v->offset] || col != t->col[v->offset];
        if (v->key) {
            size_t ko = jr_key_offset(doc, v);
            jr_position(doc, ko, &line, &col);
            wrong += line != t->line[ko] || col != t->col[ko];
            wrong += src[ko] != '"';
        }
        (*checked)++;
        wrong += check_positions(src, t, doc, v->child, checked);
    }
    return wrong;
}

static char *long_line_doc(void)
{
    cp_buf b = {0};
    cp_buf_puts(&b, "[");
    for (int i = 0; i < 6000; i++)
        cp_buf_printf(&b, "%s{\"k\\n%d\": \"\xc3\xa9\\u00e9\\n\\ud83d\\ude00 %d\", \"n\": %d}",
                      i ? ", " : "", i, i, i);
    cp_buf_puts(&b, ",\r\n\"end\\r\\n\",\n\"\xe2\x82\xacx\"]");
    return cp_buf_steal(&b);
}

static const char *const position_docs[] = {
    "{\"a\\nb\": \"\\u00e9\\u00e9\", \"c\":\r\n [1, \"\xc3\xa9\", 3],\n\t\"d\\\"\": {\"e\": null}}",
    "[\"\\n\\n\\n\", \"\xf0\x9f\x98\x80\", \r\n\r\n  true, \"\\ud83d\\ude00\", {\"\xc3\xa9\": 1}]",
    "\n\n\n   \"x\"",
    NULL, /* the long line */
    /* lone CRs (classic Mac line ends), mixed with CRLF and LF */
    "{\"a\": 1,\r\"b\":\r[2,\r 3,\r\n\"\xc3\xa9\",\n\r\r  {\"c\": \"\\r\"}]}\r",
};

START_TEST(test_positions)
{
    char *owned = position_docs[_i] ? NULL : long_line_doc();
    const char *src = owned ? owned : position_docs[_i];
    cp_errors errs = {0};
    jr_doc *doc = NULL;
    int prc = jr_parse("pos.json", src, strlen(src), &doc, &errs);
    ck_assert_msg(prc == 0, "%s", errs.count ? errs.items[0].message : "?");
    size_t len = strlen(src);
    naive_table t = naive_positions(src, len);
    int checked = 0;
    ck_assert_int_eq(check_positions(src, &t, doc, jr_root(doc), &checked), 0);
    ck_assert_int_gt(checked, 0);
    int line, col; /* the end of the input too */
    jr_position(doc, len, &line, &col);
    ck_assert_int_eq(line, t.line[len]);
    ck_assert_int_eq(col, t.col[len]);
    free(t.line);
    free(t.col);
    jr_doc_free(doc);
    cp_errors_free(&errs);
    free(owned);
}
END_TEST

/*
 * A duplicate key is reported (and the line index built) when its object
 * closes, before the strings after it are decoded in place: positions past
 * those strings on the same long line must still count them as written.
 */
START_TEST(test_positions_after_duplicate)
{
    cp_buf b = {0};
    cp_buf_puts(&b, "[{\"a\": 1, \"a\": 2}, \"");
    for (int i = 0; i < 2000; i++)
        cp_buf_puts(&b, "\\u00e9");
    cp_buf_puts(&b, "\", 7, \"");
    for (int i = 0; i < 3000; i++)
        cp_buf_puts(&b, "\\n\xc3\xa9");
    cp_buf_puts(&b, "\", {\"b\": 8, \"b\": 9}]");
    const char *src = cp_buf_str(&b);
    cp_errors errs = {0};
    jr_doc *doc = NULL;
    ck_assert_int_eq(jr_parse("dup.json", src, b.len, &doc, &errs), -1);
    ck_assert_ptr_nonnull(doc);
    naive_table t = naive_positions(src, b.len);
    ck_assert_uint_eq(errs.count, 2); /* the second one past both decoded strings */
    ck_assert_int_eq(errs.items[0].col, 11);
    for (size_t i = 0; i < errs.count; i++) {
        ck_assert_int_eq(errs.items[i].line, t.line[errs.items[i].offset]);
        ck_assert_int_eq(errs.items[i].col, t.col[errs.items[i].offset]);
    }
    int checked = 0;
    ck_assert_int_eq(check_positions(src, &t, doc, jr_root(doc), &checked), 0);
    ck_assert_int_eq(checked, 10);
    free(t.line);
    free(t.col);
    jr_doc_free(doc);
    cp_errors_free(&errs);
    cp_buf_free(&b);
}
END_TEST

/* ---- jr_error, jr_get, jr_type_name ---- */

START_TEST(test_error_and_lookup)
{
    static const char src[] =
        "{\n  \"plans\": [\n    {\"\xc3\xa9t\xc3\xa9\": 2.0, \"units\": \"x\"}\n  ]\n}";
    cp_errors errs = {0};
    jr_doc *doc = NULL;
    ck_assert_int_eq(jr_parse("inv.json", src, strlen(src), &doc, &errs), 0);
    const jr_value *plans = jr_get(jr_root(doc), "plans");
    ck_assert_ptr_nonnull(plans);
    ck_assert_ptr_null(jr_get(jr_root(doc), "plan"));
    ck_assert_ptr_null(jr_get(plans, "plans")); /* not an object */
    const jr_value *units = jr_get(plans->child, "units");
    ck_assert_ptr_nonnull(units);
    jr_error(doc, &errs, units, false, "plans[0].units", "write a number", "%s, not %s", "want",
             jr_type_name(units));
    jr_error(doc, &errs, units, true, "plans[0].units", NULL, "at the key");
    ck_assert_uint_eq(errs.count, 2);
    cp_buf out = {0};
    cp_errors_format(&errs, 0, &out);
    ck_assert_str_eq(cp_buf_str(&out),
                     "commitplan: inv.json:3:27: plans[0].units: want, not a string\n"
                     "hint: write a number\n");
    cp_buf_reset(&out);
    cp_errors_format(&errs, 1, &out);
    ck_assert_str_eq(cp_buf_str(&out), "commitplan: inv.json:3:18: plans[0].units: at the key\n");
    cp_buf_free(&out);
    const jr_value *ete = jr_get(plans->child, "\xc3\xa9t\xc3\xa9");
    ck_assert_ptr_nonnull(ete);
    ck_assert_str_eq(jr_type_name(ete), "a number");
    ck_assert(!jr_is_integer(ete));
    ck_assert_str_eq(jr_type_name(plans), "an array");
    ck_assert_str_eq(jr_type_name(jr_root(doc)), "an object");
    jr_doc_free(doc);
    cp_errors_free(&errs);
}
END_TEST

/*
 * Text from the input reaches error lines through paths, messages and hints:
 * control and bidi characters come out escaped, plain UTF-8 unchanged, and
 * text beyond 1000 bytes is cut at a character boundary.
 */
static const struct {
    const char *in, *out;
} cleaned[] = {
    {"plain", "plain"},
    {"a\nb", "a\\u000ab"},
    {"\x1b[31mred\x7f", "\\u001b[31mred\\u007f"},
    {"\xc3\xa9t\xc3\xa9 \xe2\x82\xac", "\xc3\xa9t\xc3\xa9 \xe2\x82\xac"},
    {"c1\xc2\x85", "c1\\u0085"},
    {"bidi\xe2\x80\xae\xe2\x81\xa6", "bidi\\u202e\\u2066"},
    {"\xe2\x80\xa9ok", "\xe2\x80\xa9ok"},
    /* not UTF-8 (arguments, file names): bytes that cannot start a character are shown */
    {"8-bit csi \x9b" "31m", "8-bit csi \\u009b" "31m"},
    {"\xc0\xaf \xff", "\\u00c0\\u00af \\u00ff"},
    {"cut \xc3", "cut \\u00c3"},
    {"\xe2\x9b" "31m", "\\u00e2\\u009b" "31m"},           /* a cut character, then CSI */
    {"\xed\xa0\x80!", "\\u00ed\\u00a0\\u0080!"},        /* a surrogate, not UTF-8 */
    {"\xe0\x80\xaf", "\\u00e0\\u0080\\u00af"},          /* overlong */
    {"\xf4\x90\x80\x80", "\\u00f4\\u0090\\u0080\\u0080"}, /* past U+10FFFF */
    {"\xf0\x9f\x98\x80 \xc3\x9b", "\xf0\x9f\x98\x80 \xc3\x9b"}, /* valid: kept whole */
};

START_TEST(test_error_text_cleaned)
{
    cp_errors errs = {0};
    jr_doc *doc = NULL;
    ck_assert_int_eq(jr_parse("inv.json", "{\"a\": 1}", 8, &doc, &errs), 0);
    const jr_value *a = jr_get(jr_root(doc), "a");
    jr_error(doc, &errs, a, true, cleaned[_i].in, cleaned[_i].in, "key %s", cleaned[_i].in);
    ck_assert_uint_eq(errs.count, 1);
    ck_assert_str_eq(errs.items[0].path, cleaned[_i].out);
    ck_assert_str_eq(errs.items[0].hint, cleaned[_i].out);
    ck_assert_str_eq(errs.items[0].message + 4, cleaned[_i].out);
    jr_doc_free(doc);
    cp_errors_free(&errs);
}
END_TEST

/*
 * The same characters written by cp_buf_put_visible (human-readable outputs)
 * and by cp_errors_format, whatever made the diagnostic (an argument, a file
 * name, a usage report).
 */
START_TEST(test_visible_text)
{
    const char *in = cleaned[_i].in, *want = cleaned[_i].out;
    cp_buf b = {0};
    cp_buf_puts(&b, "<");
    cp_buf_put_visible(&b, in);
    cp_buf_puts(&b, ">");
    char *expect = xasprintf("<%s>", want);
    ck_assert_str_eq(cp_buf_str(&b), expect);
    free(expect);

    cp_errors errs = {0};
    cp_errors_add(&errs, in, 0, 0, 0, in, in, "%s", in);
    cp_buf_reset(&b);
    cp_errors_format(&errs, 0, &b);
    expect = xasprintf("commitplan: %s: %s: %s\nhint: %s\n", want, want, want, want);
    ck_assert_str_eq(cp_buf_str(&b), expect);
    free(expect);
    cp_errors_free(&errs);
    cp_buf_free(&b);
}
END_TEST

/*
 * cp_buf_put_visible_ends keeps the beginning and the end of a long text (a
 * long file name, then the reason it could not be read), never cutting in a
 * character or an escape.
 */
START_TEST(test_visible_ends)
{
    cp_buf in = {0}, out = {0};
    cp_buf_puts(&in, "\x1b");
    for (int i = 0; i < 1500; i++)
        cp_buf_puts(&in, "d/\xc3\xa9");
    cp_buf_puts(&in, ": cannot read: No such file or directory\x1b");
    cp_buf_put_visible_ends(&out, cp_buf_str(&in), 100);
    const char *s = cp_buf_str(&out);
    ck_assert_uint_le(out.len, 2 * 100 + 3 + 8);
    ck_assert_uint_ge(out.len, 2 * 100);
    ck_assert(strncmp(s, "\\u001bd/\xc3\xa9" "d/", 12) == 0);
    ck_assert_ptr_nonnull(strstr(s, "..."));
    size_t tail = strlen(": cannot read: No such file or directory\\u001b");
    ck_assert_str_eq(s + out.len - tail, ": cannot read: No such file or directory\\u001b");
    const char *dots = strstr(s, "...");
    ck_assert(((unsigned char)dots[-1] & 0xc0) != 0xc0 && ((unsigned char)dots[3] & 0xc0) != 0x80);
    cp_buf_reset(&out);
    cp_buf_put_visible_ends(&out, "short \x1b", 100);
    ck_assert_str_eq(cp_buf_str(&out), "short \\u001b");
    cp_buf_free(&in);
    cp_buf_free(&out);
}
END_TEST

START_TEST(test_error_text_cut)
{
    cp_errors errs = {0};
    jr_doc *doc = NULL;
    ck_assert_int_eq(jr_parse("inv.json", "[1]", 3, &doc, &errs), 0);
    cp_buf long_key = {0};
    cp_buf_putc(&long_key, 'x');
    for (int i = 0; i < 3000; i++)
        cp_buf_puts(&long_key, "\xc3\xa9");
    jr_error(doc, &errs, jr_root(doc), false, cp_buf_str(&long_key), NULL, "%s",
             cp_buf_str(&long_key));
    ck_assert_uint_eq(errs.count, 1);
    ck_assert_ptr_null(errs.items[0].hint);
    const char *texts[] = {errs.items[0].path, errs.items[0].message};
    for (int k = 0; k < 2; k++) {
        size_t n = strlen(texts[k]);
        /* "x" and 500 whole two-byte characters reach 1001 bytes, then "..." */
        ck_assert_uint_eq(n, 1004);
        ck_assert_str_eq(texts[k] + 1001, "...");
        ck_assert_int_eq(memcmp(texts[k], cp_buf_str(&long_key), 1001), 0);
    }
    cp_buf_free(&long_key);
    jr_doc_free(doc);
    cp_errors_free(&errs);
}
END_TEST

static const struct {
    const char *in;
    jr_type type;
    const char *name;
} type_names[] = {
    {"null", JR_NULL, "null"},        {"true", JR_TRUE, "a boolean"},
    {"false", JR_FALSE, "a boolean"}, {"1", JR_NUMBER, "a number"},
    {"\"\"", JR_STRING, "a string"},  {"[]", JR_ARRAY, "an array"},
    {"{}", JR_OBJECT, "an object"},
};

START_TEST(test_type_names)
{
    cp_errors errs = {0};
    jr_doc *doc = NULL;
    ck_assert_int_eq(jr_parse("t", type_names[_i].in, strlen(type_names[_i].in), &doc, &errs), 0);
    ck_assert_int_eq(jr_root(doc)->type, type_names[_i].type);
    ck_assert_str_eq(jr_type_name(jr_root(doc)), type_names[_i].name);
    jr_doc_free(doc);
}
END_TEST

/* ---- integers ---- */

static const struct {
    const char *in;
    int64_t min, max;
    bool integer;
    int rc;
    int64_t value;
} ints[] = {
    {"0", 0, 10, true, 0, 0},
    {"-0", 0, 10, true, 0, 0},
    {"2.0", 0, 10, false, -1, 0},
    {"2e0", 0, 10, false, -1, 0},
    {"2E0", 0, 10, false, -1, 0},
    {"1000000", 0, 1000000, true, 0, 1000000},
    {"1000001", 0, 1000000, true, -1, 0},
    {"-1", 0, 1000000, true, -1, 0},
    {"-1", -1, 1, true, 0, -1},
    {"1", 1, 1, true, 0, 1},
    {"9223372036854775807", INT64_MIN, INT64_MAX, true, 0, INT64_MAX},
    {"9223372036854775808", INT64_MIN, INT64_MAX, true, -1, 0},
    {"-9223372036854775808", INT64_MIN, INT64_MAX, true, 0, INT64_MIN},
    {"-9223372036854775809", INT64_MIN, INT64_MAX, true, -1, 0},
    {"99999999999999999999999", INT64_MIN, INT64_MAX, true, -1, 0},
    {"\"5\"", 0, 10, false, -1, 0},
};

START_TEST(test_integers)
{
    cp_errors errs = {0};
    jr_doc *doc = NULL;
    ck_assert_int_eq(jr_parse("i", ints[_i].in, strlen(ints[_i].in), &doc, &errs), 0);
    const jr_value *v = jr_root(doc);
    ck_assert_int_eq(jr_is_integer(v), ints[_i].integer);
    int64_t out = 12345;
    ck_assert_int_eq(jr_int_in(v, ints[_i].min, ints[_i].max, &out), ints[_i].rc);
    if (ints[_i].rc == 0)
        ck_assert_int_eq(out, ints[_i].value);
    else
        ck_assert_int_eq(out, 12345);
    jr_doc_free(doc);
}
END_TEST

/* ---- large inputs ---- */

START_TEST(test_million_elements)
{
    size_t n = 1000000;
    cp_buf b = {0};
    cp_buf_putc(&b, '[');
    for (size_t i = 0; i < n; i++)
        cp_buf_puts(&b, i ? ",7" : "7");
    cp_buf_putc(&b, ']');
    cp_errors errs = {0};
    jr_doc *doc = NULL;
    ck_assert_int_eq(jr_parse("big.json", b.data, b.len, &doc, &errs), 0);
    ck_assert_uint_eq(jr_root(doc)->len, n);
    size_t count = 0, last = 0, wrong = 0;
    for (const jr_value *v = jr_root(doc)->child; v; v = v->next, count++) {
        wrong += !(v->type == JR_NUMBER && v->str[0] == '7' && v->len == 1);
        last = v->offset;
    }
    ck_assert_uint_eq(count, n);
    ck_assert_uint_eq(wrong, 0);
    ck_assert_uint_eq(last, 2 * n - 1);
    int line, col;
    jr_position(doc, last, &line, &col);
    ck_assert_int_eq(line, 1);
    ck_assert_int_eq(col, (int)(2 * n));
    jr_doc_free(doc);
    cp_buf_free(&b);
}
END_TEST

/*
 * Many lines of each line-end style, and positions on the last one after the
 * tree is dropped. The index finds each kind of line end once per stretch:
 * a file without LF (lone CRs) or without CR took time quadratic in its
 * size, which at this size runs past the test's timeout.
 */
static const char *const many_line_ends[] = {"\n", "\r", "\r\n"};

START_TEST(test_many_lines)
{
    size_t n = 400000;
    cp_buf b = {0};
    cp_buf_putc(&b, '[');
    for (size_t i = 0; i < n; i++) {
        cp_buf_puts(&b, i ? ",\"a\"" : "\"a\"");
        cp_buf_puts(&b, many_line_ends[_i]);
    }
    cp_buf_puts(&b, ",\"\\u00e9t\\u00e9\", 7]");
    cp_errors errs = {0};
    jr_doc *doc = NULL;
    ck_assert_int_eq(jr_parse("lines.json", b.data, b.len, &doc, &errs), 0);
    const jr_value *v = jr_root(doc)->child;
    while (v->next)
        v = v->next;
    size_t last = v->offset;
    jr_doc_drop_tree(doc);
    int line, col;
    jr_position(doc, last, &line, &col);
    ck_assert_int_eq(line, (int)n + 1);
    ck_assert_int_eq(col, 19); /* after ',' "\u00e9t\u00e9" (15 characters as written) ", " */
    jr_doc_free(doc);
    cp_buf_free(&b);
}
END_TEST

START_TEST(test_long_string)
{
    size_t n = 200 * 1024;
    cp_buf b = {0};
    cp_buf_puts(&b, "{\"s\": \"");
    for (size_t i = 0; i < n; i++)
        cp_buf_putc(&b, (char)('a' + i % 26));
    cp_buf_puts(&b, "\\u00e9\", \"t\": \"");
    for (size_t i = 0; i < n; i++)
        cp_buf_puts(&b, "\xc3\xa9");
    cp_buf_puts(&b, "\"}");
    cp_errors errs = {0};
    jr_doc *doc = NULL;
    ck_assert_int_eq(jr_parse("s.json", b.data, b.len, &doc, &errs), 0);
    const jr_value *s = jr_get(jr_root(doc), "s"), *t = jr_get(jr_root(doc), "t");
    ck_assert_uint_eq(s->len, n + 2);
    ck_assert_uint_eq(strlen(s->str), n + 2);
    ck_assert_int_eq(s->str[n - 1], 'a' + (n - 1) % 26);
    ck_assert_str_eq(s->str + n, "\xc3\xa9");
    ck_assert_uint_eq(t->len, 2 * n);
    int line, col;
    jr_position(doc, t->offset, &line, &col);
    ck_assert_int_eq(col, (int)(6 + n + 8 + 3 + 4) + 1); /* {"s": "…\u00e9", "t": */
    jr_doc_free(doc);
    cp_buf_free(&b);
}
END_TEST

/* ---- mutations: never a crash, and errors always consistent with the result ---- */

static const char fuzz_seed_doc[] =
    "{\n  \"inventory\": 1,\n  \"currency\": \"USD\",\n  \"time_zones\": [\"Asia/Tokyo\"],\n"
    "  \"plans\": [\n    {\"id\": \"stt-fleet\", \"units\": 2, \"unit_price\": \"74100.00\",\n"
    "     \"quota\": {\"quantity\": 10000, \"meters\": [\"Speech.Hours\"]},\n"
    "     \"auto_renew\": true, \"renewal\": null, \"note\": \"caf\xc3\xa9 "
    "\\u00e9\\n\\ud83d\\ude00\",\n"
    "     \"rate\": -1.5e-3}\n  ],\n  \"containers\": [{\"env\": {\"Mounts:License\": "
    "\"/l\"}}]\n}\n";

static uint64_t fuzz_state;

static uint32_t fuzz_next(void)
{
    fuzz_state = fuzz_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(fuzz_state >> 33);
}

/* Counts strings, numbers and keys whose length disagrees with their NUL terminator. */
static int fuzz_check_tree(const jr_value *v)
{
    int wrong = 0;
    for (; v; v = v->next) {
        if (v->type == JR_STRING || v->type == JR_NUMBER)
            wrong += strlen(v->str) != v->len;
        if (v->key)
            wrong += strlen(v->key) != v->key_len;
        wrong += fuzz_check_tree(v->child);
    }
    return wrong;
}

START_TEST(test_mutations)
{
    static const char interesting[] = "{}[]\",:\\u0eE+-.ntf \n\r\t\x80\xc3\xed\xf4\xff'/";
    size_t base = sizeof fuzz_seed_doc - 1;
    char *buf = xmalloc(2 * base + 64);
    int ok = 0, failed = 0;
    fuzz_state = 20260316;
    for (int iter = 0; iter < 2000; iter++) {
        memcpy(buf, fuzz_seed_doc, base);
        size_t len = base;
        int edits = 1 + (int)(fuzz_next() % 4);
        for (int e = 0; e < edits && len > 0; e++) {
            size_t at = fuzz_next() % len;
            uint32_t kind = fuzz_next() % 6;
            if (kind == 0) {
                buf[at] = (char)(fuzz_next() & 0xFF);
            } else if (kind == 1) {
                buf[at] = interesting[fuzz_next() % (sizeof interesting - 1)];
            } else if (kind == 2) {
                memmove(buf + at, buf + at + 1, len - at - 1);
                len--;
            } else if (kind == 3 && len < 2 * base) {
                memmove(buf + at + 1, buf + at, len - at);
                buf[at] = interesting[fuzz_next() % (sizeof interesting - 1)];
                len++;
            } else if (kind == 4) {
                len = at;
            } else if (len + 16 < 2 * base) {
                size_t from = fuzz_next() % len, n = fuzz_next() % 16;
                if (from + n > len)
                    n = len - from;
                memmove(buf + at + n, buf + at, len - at);
                memmove(buf + at, buf + (from >= at ? from + n : from), n);
                len += n;
            }
        }
        cp_errors errs = {0};
        jr_doc *doc = NULL;
        int rc = jr_parse("fuzz.json", buf, len, &doc, &errs);
        ck_assert(rc == 0 || rc == -1);
        if (rc == 0) {
            ck_assert_ptr_nonnull(doc);
            ck_assert_uint_eq(errs.count, 0);
            ck_assert_int_eq(fuzz_check_tree(jr_root(doc)), 0);
            ok++;
        } else {
            ck_assert_uint_ge(errs.count, 1);
            if (!doc) {
                ck_assert_uint_eq(errs.count, 1);
                ck_assert_ptr_null(errs.items[0].path);
            } else {
                ck_assert_int_eq(fuzz_check_tree(jr_root(doc)), 0);
                for (size_t k = 0; k < errs.count; k++)
                    ck_assert_ptr_nonnull(strstr(errs.items[k].message, "duplicate key"));
            }
            for (size_t k = 0; k < errs.count; k++) {
                ck_assert_int_ge(errs.items[k].line, 1);
                ck_assert_int_ge(errs.items[k].col, 1);
                ck_assert_uint_le(errs.items[k].offset, len);
            }
            failed++;
        }
        jr_doc_free(doc);
        cp_errors_free(&errs);
    }
    ck_assert_int_gt(ok, 0);
    ck_assert_int_gt(failed, 0);
    free(buf);
}
END_TEST

Suite *jsonread_suite(void)
{
    Suite *s = suite_create("jsonread");
    TCase *tc;

    tc = tcase_create("valid");
    tcase_add_loop_test(tc, test_valid, 0, NELEM(valid));
    suite_add_tcase(s, tc);

    tc = tcase_create("syntax_errors");
    tcase_add_loop_test(tc, test_syntax_error, 0, NELEM(bad));
    suite_add_tcase(s, tc);

    tc = tcase_create("depth");
    tcase_add_loop_test(tc, test_depth, 0, NELEM(depths));
    suite_add_tcase(s, tc);

    tc = tcase_create("duplicates");
    tcase_add_loop_test(tc, test_duplicates, 0, NELEM(dups));
    tcase_add_test(tc, test_duplicates_large);
    suite_add_tcase(s, tc);

    tc = tcase_create("positions");
    tcase_add_loop_test(tc, test_positions, 0, NELEM(position_docs));
    tcase_add_test(tc, test_positions_after_duplicate);
    suite_add_tcase(s, tc);

    tc = tcase_create("accessors");
    tcase_add_test(tc, test_error_and_lookup);
    tcase_add_loop_test(tc, test_error_text_cleaned, 0, NELEM(cleaned));
    tcase_add_loop_test(tc, test_visible_text, 0, NELEM(cleaned));
    tcase_add_test(tc, test_visible_ends);
    tcase_add_test(tc, test_error_text_cut);
    tcase_add_loop_test(tc, test_type_names, 0, NELEM(type_names));
    suite_add_tcase(s, tc);

    tc = tcase_create("integers");
    tcase_add_loop_test(tc, test_integers, 0, NELEM(ints));
    suite_add_tcase(s, tc);

    tc = tcase_create("large");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_million_elements);
    tcase_add_loop_test(tc, test_many_lines, 0, NELEM(many_line_ends));
    tcase_add_test(tc, test_long_string);
    suite_add_tcase(s, tc);

    tc = tcase_create("mutations");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_mutations);
    suite_add_tcase(s, tc);

    return s;
}
