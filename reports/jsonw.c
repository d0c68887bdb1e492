/*
 * The streaming JSON writer (see jsonw.h).
 */
#include "config.h"

#include "reports/jsonw.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "planner/plan.h"

void rpt_json_init(rpt_json *w, cp_buf *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
}

static void jsonw_newline(rpt_json *w)
{
    /* a newline and two spaces per level, in one write */
    static const char indent[] = "\n                                                                "
                                 "                                                                ";
    size_t n = 1 + 2 * (size_t)w->depth;
    if (n > sizeof indent - 1)
        n = sizeof indent - 1;
    cp_buf_put(w->out, indent, n);
}

/* Separator and indentation before a value or key at the current level. */
static void jsonw_before(rpt_json *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth == 0)
        return;
    if (!w->first[w->depth])
        cp_buf_putc(w->out, ',');
    w->first[w->depth] = false;
    if (w->inline_[w->depth]) {
        if (w->out->len && w->out->data[w->out->len - 1] != '[' &&
            w->out->data[w->out->len - 1] != '{')
            cp_buf_putc(w->out, ' ');
    } else {
        jsonw_newline(w);
    }
}

static void jsonw_open(rpt_json *w, char c, bool inline_)
{
    jsonw_before(w);
    cp_buf_putc(w->out, c);
    if (w->depth + 1 >= RPT_JSON_MAX_DEPTH)
        return;
    w->depth++;
    w->kind[w->depth] = c;
    w->first[w->depth] = true;
    w->inline_[w->depth] = inline_ || (w->depth > 1 && w->inline_[w->depth - 1]);
}

void rpt_json_object(rpt_json *w, bool inline_)
{
    jsonw_open(w, '{', inline_);
}

void rpt_json_array(rpt_json *w, bool inline_)
{
    jsonw_open(w, '[', inline_);
}

void rpt_json_end(rpt_json *w)
{
    if (w->depth == 0)
        return;
    char open = w->kind[w->depth];
    bool empty = w->first[w->depth];
    bool was_inline = w->inline_[w->depth];
    w->depth--;
    if (!empty && !was_inline)
        jsonw_newline(w);
    cp_buf_putc(w->out, open == '{' ? '}' : ']');
}

void rpt_json_key(rpt_json *w, const char *key)
{
    jsonw_before(w);
    rpt_json_quote(w->out, key);
    cp_buf_puts(w->out, ": ");
    w->after_key = true;
}

void rpt_json_string(rpt_json *w, const char *s)
{
    jsonw_before(w);
    if (s)
        rpt_json_quote(w->out, s);
    else
        cp_buf_puts(w->out, "null");
}

void rpt_json_int(rpt_json *w, int64_t v)
{
    jsonw_before(w);
    /* by hand: this is called for every number of a large output */
    char buf[24];
    char *p = buf + sizeof buf;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    cp_buf_put(w->out, p, (size_t)(buf + sizeof buf - p));
}

void rpt_json_bool(rpt_json *w, bool v)
{
    jsonw_before(w);
    cp_buf_puts(w->out, v ? "true" : "false");
}

void rpt_json_null(rpt_json *w)
{
    jsonw_before(w);
    cp_buf_puts(w->out, "null");
}

void rpt_json_raw(rpt_json *w, const char *text)
{
    jsonw_before(w);
    cp_buf_puts(w->out, text);
}

void rpt_json_begin(rpt_json *w, cp_buf *out, const char *command)
{
    rpt_json_init(w, out);
    rpt_json_object(w, false);
    rpt_json_key(w, "command");
    rpt_json_string(w, command);
    rpt_json_key(w, "schema_version");
    rpt_json_int(w, 1);
}

void rpt_json_money(rpt_json *w, money_minor v, int digits)
{
    char buf[32];
    rpt_json_string(w, money_format_minor(v, digits, buf));
}

void rpt_json_price(rpt_json *w, money_micros v, int digits)
{
    char buf[32];
    rpt_json_string(w, money_format_micros(v, digits, buf));
}

void rpt_json_day(rpt_json *w, cal_day d)
{
    char buf[CAL_ISO_LEN + 1];
    if (d == CAL_NONE)
        rpt_json_null(w);
    else
        rpt_json_string(w, cal_format_iso(d, buf));
}

void rpt_json_term(rpt_json *w, const plan_term *t)
{
    rpt_json_object(w, true);
    rpt_json_key(w, "start");
    rpt_json_day(w, t->start);
    rpt_json_key(w, "last_day");
    rpt_json_day(w, t->last_day);
    rpt_json_key(w, "days");
    rpt_json_int(w, t->days);
    rpt_json_end(w);
}

void rpt_json_finish(rpt_json *w)
{
    cp_buf_putc(w->out, '\n');
}

void rpt_json_quote(cp_buf *out, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    /* most strings need no escape: one copy with their quotes */
    size_t n = 0;
    while (s[n] && (unsigned char)s[n] >= 0x20 && s[n] != '"' && s[n] != '\\')
        n++;
    if (!s[n]) {
        cp_buf_putc(out, '"');
        cp_buf_put(out, s, n);
        cp_buf_putc(out, '"');
        return;
    }
    cp_buf_putc(out, '"');
    const char *run = s;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        cp_buf_put(out, run, (size_t)(p - run));
        run = p + 1;
        switch (c) {
        case '"': cp_buf_puts(out, "\\\""); break;
        case '\\': cp_buf_puts(out, "\\\\"); break;
        case '\n': cp_buf_puts(out, "\\n"); break;
        case '\r': cp_buf_puts(out, "\\r"); break;
        case '\t': cp_buf_puts(out, "\\t"); break;
        case '\b': cp_buf_puts(out, "\\b"); break;
        case '\f': cp_buf_puts(out, "\\f"); break;
        default: {
            char esc[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
            cp_buf_puts(out, esc);
        }
        }
    }
    cp_buf_puts(out, run);
    cp_buf_putc(out, '"');
}
