/*
 * The renewal report (cli.md `report renewal`): every plan whose current term
 * ends in a year, with what its owner must decide and by when (the decision
 * deadline and the days left, the cutoff in UTC and each zone), what the
 * renewal costs (units and unit price of the next term), and the license
 * actions it brings for the plan's containers: licenses that expire before
 * the next term ends, image/license mismatches (from the findings), planned
 * image upgrades. Totals per cost center and overall add the rounded
 * renewal amounts. With usage records (rpt_renewal_add_usage), each plan
 * with a quota also shows the units its projected use calls for and whether
 * the renewal buys less than the projection or more than twice it.
 */
#ifndef COMMITPLAN_RENEWAL_H
#define COMMITPLAN_RENEWAL_H

#include <stdbool.h>
#include <stddef.h>

#include "calendar/base.h"
#include "planner/inventory.h"
#include "planner/money.h"
#include "planner/plan.h"
#include "planner/usage.h"
#include "policies/findings.h"
#include "reports/doc.h"

/* One thing to do about a container's license when the plan renews. */
typedef struct rpt_license_action {
    const char *kind;      /* "license-expiry", "upgrade", or a finding code (static) */
    const char *container; /* the container's id (points into the inventory) */
    cal_day date;          /* the expiry or upgrade date; CAL_NONE for findings */
    char *message;         /* owned */
    char *hint;            /* owned */
} rpt_license_action;

/* One plan of the report. */
typedef struct rpt_renewal_plan {
    const plan_view *view; /* points into the plan views */
    const inv_plan *plan;
    int64_t days_left; /* decision deadline - as_of; negative when overdue */
    bool overdue;
    int64_t units_now;               /* units + purchases dated on or before as_of */
    bool renews;                     /* auto_renew */
    plan_term next_term;             /* when renews */
    int64_t units_at_renewal;        /* when renews */
    money_micros renewal_unit_price; /* when renews */
    money_minor renewal_amount;      /* when renews, else 0 */
    rpt_license_action *actions;
    size_t n_actions;
    const usage_plan *usage; /* with usage records: the plan's usage; NULL without or no quota */
    usage_fit fit;           /* units_at_renewal against the projection, when usage and renews */
} rpt_renewal_plan;

/* The totals of one cost center (or of all). */
typedef struct rpt_renewal_total {
    const char *cost_center; /* "(none)" for plans without one */
    size_t n_plans, n_renewing;
    money_minor renewal_amount;
} rpt_renewal_total;

typedef struct rpt_renewal {
    cal_day as_of;
    int year;
    rpt_renewal_plan *plans; /* by last day, then inventory order */
    size_t n_plans;
    rpt_renewal_total *cost_centers; /* bytewise by name */
    size_t n_cost_centers;
    rpt_renewal_total total;
    bool with_usage;      /* usage records were added (rpt_renewal_add_usage) */
    int headroom_percent; /* of the usage records */
    size_t n_below;       /* renewals that buy less than the projection */
    size_t n_above;       /* renewals that buy more than twice the projection */
} rpt_renewal;

/*
 * The default year: that of the last day of the earliest term (current, or a
 * later one of an auto-renewing plan) whose cutoff is after as_of; as_of's
 * year when there is none.
 */
int rpt_renewal_default_year(const inv_inventory *inv, cal_day as_of);

/*
 * Builds the report for year (0: the default year) from pv (built from inv)
 * and the findings. Returns 0 and fills *out (free with rpt_renewal_free),
 * or -1 with a message in errs when a total reaches 10^15 major units.
 */
int rpt_renewal_build(const inv_inventory *inv, const plan_views *pv, const rule_findings *findings,
                      int year, rpt_renewal *out, cp_errors *errs);
void rpt_renewal_free(rpt_renewal *r);

/*
 * Adds the usage u (usage_read on the same inventory) to every plan of r:
 * the plan's usage when it has a quota and, for a renewing plan, how its
 * renewal units fit the projection. r points into u: keep u until r is freed.
 */
void rpt_renewal_add_usage(rpt_renewal *r, const usage_report *u);

/* The JSON name of a fit: "ok", "below-projection" or "above-twice-projection". */
const char *rpt_renewal_fit_name(usage_fit fit);

/* Writes the JSON of `report renewal` (docs/schema/report-renewal.schema.json) to out. */
void rpt_renewal_json(const rpt_renewal *r, const inv_inventory *inv, cp_buf *out);

/* The document of the report for the text, md, html and csv writers (free with rpt_doc_free). */
rpt_doc *rpt_renewal_doc(const rpt_renewal *r, const inv_inventory *inv, const char *locale);

#endif
