/*
 * A streaming JSON writer into a cp_buf: the JSON writer of every report and
 * command. Output is deterministic: keys in the order written, two-space
 * indentation, objects and arrays whose members are all scalars may be kept on
 * one line (rpt_json_inline). No tree is built, so large outputs cost one buffer.
 */
#ifndef COMMITPLAN_JSONW_H
#define COMMITPLAN_JSONW_H

#include <stdbool.h>
#include <stdint.h>

#include "calendar/base.h"
#include "calendar/date.h"
#include "planner/money.h"

struct plan_term; /* planner/plan.h */

#define RPT_JSON_MAX_DEPTH 32

typedef struct rpt_json {
    cp_buf *out;
    int depth;
    bool first[RPT_JSON_MAX_DEPTH];  /* no member written yet at this level */
    bool inline_[RPT_JSON_MAX_DEPTH]; /* this level is written on one line */
    char kind[RPT_JSON_MAX_DEPTH];    /* '{' or '[' */
    bool after_key;
} rpt_json;

/* Starts writing into out (not owned). */
void rpt_json_init(rpt_json *w, cp_buf *out);
/*
 * Starts an output document into out (not owned): opens its top-level object
 * with the members every JSON output of cli.md begins with, "command" and
 * "schema_version": 1. Close it with rpt_json_end and rpt_json_finish.
 */
void rpt_json_begin(rpt_json *w, cp_buf *out, const char *command);
/* Opens an object/array as the next value; inline_ keeps it on one line. */
void rpt_json_object(rpt_json *w, bool inline_);
void rpt_json_array(rpt_json *w, bool inline_);
/* Closes the innermost object/array. */
void rpt_json_end(rpt_json *w);
/* Writes a member key of the current object; the next call writes its value. */
void rpt_json_key(rpt_json *w, const char *key);
void rpt_json_string(rpt_json *w, const char *s); /* NULL writes null */
void rpt_json_int(rpt_json *w, int64_t v);
void rpt_json_bool(rpt_json *w, bool v);
void rpt_json_null(rpt_json *w);
/* A value written verbatim (a number already formatted). */
void rpt_json_raw(rpt_json *w, const char *text);
/* Writes an amount in minor units as a JSON string with exactly digits decimals. */
void rpt_json_money(rpt_json *w, money_minor v, int digits);
/* Writes a unit price as a JSON string with at least digits decimals (money_format_micros). */
void rpt_json_price(rpt_json *w, money_micros v, int digits);
/* Writes a date as a JSON string "YYYY-MM-DD" (null for CAL_NONE). */
void rpt_json_day(rpt_json *w, cal_day d);
/* Writes a term as the one-line object {"start", "last_day", "days"} (planner/plan.h). */
void rpt_json_term(rpt_json *w, const struct plan_term *t);
/* Ends the document with a newline. */
void rpt_json_finish(rpt_json *w);

/* Appends s as a JSON string literal (quotes and escapes) to out. */
void rpt_json_quote(cp_buf *out, const char *s);

#endif
