/*
 * The iCalendar writer (RFC 5545) and the calendar feed built with it: text
 * escaping (§3.3.11), content lines folded at 75 octets without splitting a
 * UTF-8 sequence (§3.1), CRLF line ends, and one VEVENT per anchor date of the
 * inventory (rules.md §6) plus each plan's cutoff, with one VALARM per lead
 * time of the reminder rules that match the event's subject. Output is
 * deterministic: the same inventory, policy and as-of date give the same bytes.
 */
#ifndef COMMITPLAN_ICS_H
#define COMMITPLAN_ICS_H

#include <stddef.h>

#include "calendar/base.h"
#include "calendar/date.h"
#include "planner/inventory.h"
#include "policies/policy.h"

/* The longest physical line, in octets, without its CRLF (RFC 5545 §3.1). */
#define RPT_ICS_LINE_OCTETS 75

/*
 * Appends text escaped as an RFC 5545 TEXT value: backslash, semicolon and
 * comma get a backslash, a line break (LF, CR LF or a lone CR) becomes "\n",
 * and the other control characters (which TEXT cannot hold) are dropped.
 */
void rpt_ics_escape(cp_buf *out, const char *text);

/*
 * Appends the len bytes of one unfolded content line, folded into physical
 * lines of at most RPT_ICS_LINE_OCTETS octets (a continuation line starts with
 * one space, which counts), each ended by CRLF. A fold never falls inside a
 * UTF-8 sequence.
 */
void rpt_ics_fold(cp_buf *out, const char *line, size_t len);

/* Appends the content line "NAME:VALUE" (value written as is), folded. */
void rpt_ics_line(cp_buf *out, const char *name, const char *value);

/* Appends the content line "NAME:TEXT" with text escaped by rpt_ics_escape, folded. */
void rpt_ics_text(cp_buf *out, const char *name, const char *text);

/*
 * Appends s with every byte outside [A-Za-z0-9._-] written as %XX (uppercase
 * hex), so that a subject becomes a safe, injective part of a UID.
 */
void rpt_ics_uid_part(cp_buf *out, const char *s);

/*
 * Appends the whole feed (VCALENDAR) for inv under pol as of as_of (DTSTAMP):
 * every anchor date of the current terms, containers and subscriptions and
 * every plan's cutoff, regardless of any horizon, ordered by date, kind and
 * subject. Returns 0; -1 when as_of is not a valid date (nothing appended).
 */
int rpt_ics_calendar(const inv_inventory *inv, const pol_policy *pol, cal_day as_of, cp_buf *out);

#endif
