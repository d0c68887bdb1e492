/*
 * The budget report (cli.md `report budget`, rules.md §8): per calendar year
 * from the as-of date's year and per cost center, the charges dated in that
 * year, split into committed (current-term charges dated on or before as_of),
 * scheduled (current-term charges still to come) and projected (renewals of
 * later terms of auto-renewing plans, through December 31st of the last
 * year, whatever the horizon). Totals add the rounded charges.
 */
#ifndef COMMITPLAN_BUDGET_H
#define COMMITPLAN_BUDGET_H

#include <stddef.h>

#include "calendar/base.h"
#include "planner/inventory.h"
#include "planner/money.h"
#include "planner/plan.h"
#include "reports/doc.h"

/* The name under which plans without a cost center are totalled. */
#define RPT_BUDGET_NO_COST_CENTER "(none)"

typedef enum { RPT_BUDGET_COMMITTED, RPT_BUDGET_SCHEDULED, RPT_BUDGET_PROJECTED } rpt_budget_status;

/* Amounts of one year and cost center (or a total). */
typedef struct rpt_budget_amounts {
    money_minor committed, scheduled, projected, total;
} rpt_budget_amounts;

/* One charge counted in the budget. */
typedef struct rpt_budget_charge {
    cal_day date;
    int year;
    const inv_plan *plan;
    size_t cost_center; /* index into rpt_budget.cost_centers */
    chg_kind kind;
    rpt_budget_status status;
    int64_t units;
    money_minor amount;
    size_t seq; /* the order the charges were made in (plans, then charges): last tiebreak */
} rpt_budget_charge;

typedef struct rpt_budget_year {
    int year;
    rpt_budget_amounts *by_cost_center; /* n_cost_centers, in the order of cost_centers */
    rpt_budget_amounts total;
} rpt_budget_year;

typedef struct rpt_budget {
    cal_day as_of;
    int first_year, n_years;
    const char **cost_centers; /* bytewise sorted, unique; point into the inventory or static */
    size_t n_cost_centers;
    rpt_budget_year *years;
    rpt_budget_amounts total;   /* all years */
    rpt_budget_charge *charges; /* by date, then plan order */
    size_t n_charges;
} rpt_budget;

/*
 * Builds the budget of n_years (1..100) calendar years from pv's as_of year
 * for inv (pv built from inv). Returns 0 and fills *out (free with
 * rpt_budget_free), or -1 with a message in errs when a total reaches 10^15
 * major units (or a date passes 9999-12-31); *out is then empty.
 */
int rpt_budget_build(const inv_inventory *inv, const plan_views *pv, int n_years, rpt_budget *out,
                     cp_errors *errs);
void rpt_budget_free(rpt_budget *b);

/* The name of a status ("committed", "scheduled", "projected"). */
const char *rpt_budget_status_name(rpt_budget_status s);

/* Writes the JSON of `report budget` (docs/schema/report-budget.schema.json) to out. */
void rpt_budget_json(const rpt_budget *b, const inv_inventory *inv, cp_buf *out);

/* The document of the budget for the text, md, html and csv writers (free with rpt_doc_free). */
rpt_doc *rpt_budget_doc(const rpt_budget *b, const inv_inventory *inv, const char *locale);

#endif
