/*
 * Reminder scheduling (rules.md §6): the instances the policy's reminder rules
 * give for each anchor of a loaded inventory, which of them are due as of a
 * date, and their messages (a rule's template rendered, or the built-in
 * message of its anchor). Also turns error findings (rules.md §5) into
 * reminders for `remind --with-findings`. Pure computation: no state file, no
 * output; the command line decides what was already sent.
 */
#ifndef COMMITPLAN_REMINDERS_H
#define COMMITPLAN_REMINDERS_H

#include <stdbool.h>
#include <stddef.h>

#include "calendar/base.h"
#include "calendar/date.h"
#include "planner/inventory.h"
#include "policies/findings.h"
#include "policies/policy.h"

/* The anchor of a reminder made from a finding (beyond pol_anchor's values). */
#define RULE_ANCHOR_FINDING POL_N_ANCHORS

/* One due reminder. */
typedef struct rule_reminder {
    char *key;     /* RULE:SUBJECT:ANCHORDATE:k, or finding:CODE:SUBJECT */
    char *rule;    /* the rule's id, or "finding" */
    char *subject; /* plan, container or subscription id; CONTAINER@VERSION for upgrades */
    int anchor;    /* a pol_anchor, or RULE_ANCHOR_FINDING */
    cal_day anchor_date;
    int days_before;  /* the lead time k of the instance */
    cal_day fires_on; /* anchor_date - days_before */
    pol_severity severity;
    char *message;     /* rendered; never NULL */
    long plan;         /* index of the plan concerned (directly or through a container), or -1 */
    long container;    /* index of the container, or -1 */
    long subscription; /* index of the subscription (approval_due), or -1 */
    long upgrade;      /* index into the container's upgrades (anchor upgrade), or -1 */
    bool is_finding;
    size_t order; /* order of addition, so that sorting is stable */
} rule_reminder;

/* A list of reminders. Zero-initialise; release with rule_reminders_free. */
typedef struct rule_reminders {
    rule_reminder *items;
    size_t count, cap;
} rule_reminders;

/*
 * Adds to out every reminder due as of as_of: for each rule, subject and
 * anchor date, the fired instance (anchor - k <= as_of <= anchor) with the
 * smallest lead time k, when the rule's match filter holds. Instances whose
 * key is already in out are dropped by rule_reminders_sort, which callers
 * run after adding everything.
 */
void rule_reminders_due(const inv_inventory *inv, const pol_policy *pol, cal_day as_of,
                        rule_reminders *out);

/*
 * Adds the error findings of fs as reminders (key finding:CODE:SUBJECT, rule
 * and anchor "finding", anchor date and fires_on as_of, days_before 0,
 * severity critical); one per key, the first finding's message.
 */
void rule_reminders_add_findings(const rule_findings *fs, cal_day as_of, rule_reminders *out);

/*
 * Orders by anchor date, then key (bytewise), as cli.md fixes, and drops a
 * reminder whose key repeats an earlier one (the first added is kept).
 */
void rule_reminders_sort(rule_reminders *r);

/* Frees every reminder and the array; r is left empty. NULL does nothing. */
void rule_reminders_free(rule_reminders *r);

/* The key of a finding reminder, "finding:CODE:SUBJECT"; free with free(). */
char *rule_finding_key(const rule_finding *f);

/*
 * True when the match filter of rule holds for the subject: a plan (plan >= 0,
 * container < 0), a container (container >= 0; its plan's keys apply), or a
 * subscription (both < 0; no filter key matches it).
 */
bool rule_match(const pol_rule *rule, const inv_inventory *inv, long plan, long container);

/*
 * The lead time due as of as_of for an anchor date and a rule's lead times:
 * the smallest k with anchor - k <= as_of <= anchor, or -1 when none has fired.
 */
int rule_due_days(const int *days_before, size_t n_days, cal_day anchor, cal_day as_of);

/*
 * Renders a message template (policy.md placeholders; "{{" is a literal "{")
 * for reminder r into out. A placeholder that does not apply to the subject
 * renders empty; an unknown one (the policy loader refuses those) renders as
 * written.
 */
void rule_render_template(const char *tpl, const inv_inventory *inv, const rule_reminder *r,
                          cp_buf *out);

/* The name of a reminder's anchor: pol_anchor_name, or "finding". */
const char *rule_anchor_name(int anchor);

#endif
