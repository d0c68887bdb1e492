/*
 * Terms and charges (rules.md §1-§2): the last day of a term under a term
 * basis, pro-rated charges for units bought inside a term, and the settings a
 * run uses when no policy says otherwise. Pure computation on day numbers and
 * exact money; the loader (inventory.c) applies it to every plan.
 */
#include "config.h"

#include "planner/inventory.h"

void inv_settings_default(inv_settings *s)
{
    s->basis = INV_TERM_CALENDAR_YEAR;
    s->initial_prorated = false;
    s->rounding = MONEY_HALF_UP;
    s->busdays.weekend = (1u << CAL_SAT) | (1u << CAL_SUN);
    s->busdays.holidays = NULL;
    s->busdays.n_holidays = 0;
    s->decision_margin = 5;
    s->approval_review = 10;
}

cal_day inv_term_last_day(inv_term_basis basis, cal_day start)
{
    if (basis == INV_TERM_CALENDAR_YEAR) {
        int year;
        cal_to_ymd(start, &year, NULL, NULL);
        return cal_from_ymd(year, 12, 31);
    }
    return cal_add_years(start, 1) - 1;
}

int inv_prorate(money_micros price, int64_t units, cal_day date, cal_day start, cal_day last,
                int digits, money_rounding mode, money_minor *amount, int *remaining_days,
                int *term_days)
{
    int remaining = (int)(last - date + 1);
    int days = (int)(last - start + 1);
    *remaining_days = remaining;
    *term_days = days;
    return money_charge(price, units, remaining, days, digits, mode, amount);
}

const char *chg_kind_name(chg_kind k)
{
    switch (k) {
    case CHG_INITIAL:
        return "initial";
    case CHG_RENEWAL:
        return "renewal";
    case CHG_ADDITIONAL:
        return "additional";
    }
    return "unknown";
}

int64_t inv_units_at_end(const inv_plan *p)
{
    int64_t units = p->units;
    for (size_t i = 0; i < p->n_purchases; i++)
        units += p->purchases[i].units;
    return units;
}
