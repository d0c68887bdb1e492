/*
 * The plan view: what `plan` shows and the reports build on. For each plan of
 * a loaded inventory it adds, as of a date and within a horizon (rules.md §8),
 * the cutoff instant and its local times (§3), the next term, the charge list
 * with projected renewals (§2), and one timeline of the anchor dates of §6 and
 * the charges, in the order cli.md fixes. Pure computation over the model.
 */
#ifndef COMMITPLAN_PLAN_H
#define COMMITPLAN_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar/base.h"
#include "calendar/date.h"
#include "calendar/zone.h"
#include "planner/inventory.h"
#include "planner/money.h"

/* The cutoff as seen in one zone. */
typedef struct plan_cutoff_local {
    const char *zone;                  /* points into the inventory */
    char time[CAL_ZONE_ISO_SIZE];      /* "2026-12-31T16:00:00-08:00" */
    cal_day local_day;                 /* the cutoff's local date in the zone */
    bool before_local_end_of_last_day; /* local_day is the last day */
} plan_cutoff_local;

/* A term of a plan: its first and last day. */
typedef struct plan_term {
    cal_day start, last_day;
    int days; /* last_day - start + 1 */
} plan_term;

/* The term after the current one, as auto-renewal would buy it. */
typedef struct plan_next_term {
    plan_term term;
    int64_t units;
    money_micros unit_price;
    money_minor amount;
} plan_next_term;

/* One plan as of a date. */
typedef struct plan_view {
    const inv_plan *plan;            /* points into the inventory */
    size_t index;                    /* in inv->plans */
    plan_term term;                  /* the current term */
    cal_instant cutoff;              /* (last_day + 1) at 00:00:00Z */
    plan_cutoff_local *cutoff_local; /* time_zones, then the plan's time_zone, each once */
    size_t n_cutoff_local;
    int64_t units_at_start, units_at_end;
    bool has_next_term; /* auto_renew */
    plan_next_term next_term;
    chg_charge *charges; /* current term's, then projected renewals; by date */
    size_t n_charges;
    size_t n_current;            /* the first n_current charges are the current term's */
    money_minor current_total;   /* sum of the current term's charges */
    money_minor projected_total; /* sum of the projected renewals listed */
} plan_view;

/* Kinds of timeline events, in bytewise order of their names. */
typedef enum {
    PLAN_EV_APPROVAL_DUE,
    PLAN_EV_CHARGE,
    PLAN_EV_DECISION_DEADLINE,
    PLAN_EV_LAST_DAY,
    PLAN_EV_LICENSE_EXPIRY,
    PLAN_EV_NEXT_TERM_START,
    PLAN_EV_UPGRADE
} plan_event_kind;

/* One dated entry of the timeline. */
typedef struct plan_event {
    cal_day date;
    plan_event_kind kind;
    const char *subject; /* plan, container ("CONTAINER@VERSION" for upgrades) or subscription id */
    char *owned;         /* subject when made for the event (upgrades), else NULL */
    size_t rank;         /* of subject among the subjects of its kind, in bytewise order */
    long plan;      /* index of the plan concerned (the container's plan), -1 for a subscription */
    long container; /* index of the container for license_expiry and upgrade, else -1 */
    long subscription;        /* index of the subscription for approval_due, else -1 */
    const chg_charge *charge; /* for PLAN_EV_CHARGE: into the plan view's charges */
    size_t seq;               /* order of insertion, the last tie-breaker */
} plan_event;

/* Every plan of an inventory as of a date, and the timeline of the horizon. */
typedef struct plan_views {
    cal_day as_of;
    cal_day horizon_end; /* as_of + horizon days, at most 9999-12-31 */
    plan_view *plans;    /* inventory order */
    size_t n_plans;
    plan_event *events; /* dates in [as_of, horizon_end]; by date, kind name, subject */
    size_t n_events;
} plan_views;

/*
 * Builds the views of every plan of inv as of as_of with a horizon of
 * horizon_days (>= 0). Returns 0 and fills *out (release with
 * plan_views_free), or -1 with a message in errs when a value cannot be
 * computed (a date past 9999-12-31, a total of 10^15 major units or more);
 * *out is then empty.
 */
int plan_views_build(const inv_inventory *inv, cal_day as_of, int horizon_days, plan_views *out,
                     cp_errors *errs);
void plan_views_free(plan_views *v);

/*
 * Term k of plan p (k = 0 the current term, 1 the next, ...) under basis,
 * always computed from the current term_start (no drift from a clamped leap
 * day). Returns 0, or -1 when a date of the term is after 9999-12-31.
 */
int plan_term_k(const inv_plan *p, inv_term_basis basis, int k, plan_term *out);

/* The last day of the horizon [as_of, as_of + days], clamped to 9999-12-31. */
cal_day plan_horizon_end(cal_day as_of, int days);

/* The name of an event kind as in JSON ("decision_deadline", "charge", ...). */
const char *plan_event_kind_name(plan_event_kind k);

#endif
