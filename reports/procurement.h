/*
 * The procurement export (cli.md `export procurement`): the purchase lines a
 * procurement team files for the charges dated in a year: each renewal (the
 * current term's, when it falls in the year, and the projected renewals of
 * auto-renewing plans) and each purchase of additional units with its
 * pro-ration, with the date it is needed by (the decision deadline for a
 * renewal), PO, cost center, owner and a one-line justification. Totals per
 * cost center and overall add the rounded amounts.
 */
#ifndef COMMITPLAN_PROCUREMENT_H
#define COMMITPLAN_PROCUREMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "calendar/base.h"
#include "planner/inventory.h"
#include "planner/money.h"
#include "planner/plan.h"
#include "reports/doc.h"

/* One purchase line. */
typedef struct rpt_purchase_line {
    chg_kind kind;     /* CHG_RENEWAL or CHG_ADDITIONAL */
    bool projected;    /* a renewal still to come by auto-renewal */
    cal_day date;      /* the charge's date */
    cal_day needed_by; /* the decision deadline before a renewal; the purchase date otherwise */
    const inv_plan *plan;
    size_t plan_index;
    plan_term term; /* the term the line pays for */
    int64_t units;
    money_micros unit_price;
    money_minor amount;
    bool prorated;
    int remaining_days, term_days; /* when prorated */
    const char *po;                /* NULL when none is recorded */
    char *formula;       /* "74100.00 x 1 x 122 / 365 = 24767.67" when prorated, else NULL; owned */
    char *justification; /* owned */
    size_t seq;          /* the order the lines were made in (plans, then purchases): last tiebreak */
} rpt_purchase_line;

typedef struct rpt_procurement_total {
    const char *cost_center; /* "(none)" for plans without one */
    size_t n_lines;
    money_minor amount;
} rpt_procurement_total;

typedef struct rpt_procurement {
    cal_day as_of;
    int year;
    rpt_purchase_line *lines; /* by date, then inventory order, then kind */
    size_t n_lines;
    rpt_procurement_total *cost_centers; /* bytewise by name */
    size_t n_cost_centers;
    rpt_procurement_total total;
} rpt_procurement;

/* The default year: that of the earliest renewal charge dated after as_of, else as_of's year. */
int rpt_procurement_default_year(const inv_inventory *inv, cal_day as_of);

/*
 * Builds the export for year (0: the default year) of inv as of as_of.
 * Returns 0 and fills *out (free with rpt_procurement_free), or -1 with a
 * message in errs when a total reaches 10^15 major units.
 */
int rpt_procurement_build(const inv_inventory *inv, cal_day as_of, int year, rpt_procurement *out,
                          cp_errors *errs);
void rpt_procurement_free(rpt_procurement *p);

/* Writes the JSON of `export procurement` (docs/schema/export-procurement.schema.json) to out. */
void rpt_procurement_json(const rpt_procurement *p, const inv_inventory *inv, cp_buf *out);

/* The document of the export for the md, html and csv writers (free with rpt_doc_free). */
rpt_doc *rpt_procurement_doc(const rpt_procurement *p, const inv_inventory *inv,
                             const char *locale);

#endif
