/*
 * The budget report (budget.h): charges of the current terms from the plan
 * view, projected renewals from plan_term_k, each counted in the year of its
 * date, summed per cost center and year with money_add.
 */
#include "config.h"

#include "reports/budget.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *rpt_budget_status_name(rpt_budget_status s)
{
    switch (s) {
    case RPT_BUDGET_COMMITTED:
        return "committed";
    case RPT_BUDGET_SCHEDULED:
        return "scheduled";
    case RPT_BUDGET_PROJECTED:
        return "projected";
    }
    return "?";
}

static const char *budget_cost_center_of(const inv_plan *p)
{
    return p->cost_center ? p->cost_center : RPT_BUDGET_NO_COST_CENTER;
}

static int budget_strcmp(const void *a, const void *b)
{
    return cp_strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The index of cost center name in b's sorted list. */
static size_t budget_cost_center_index(const rpt_budget *b, const char *name)
{
    const char **hit =
        bsearch(&name, b->cost_centers, b->n_cost_centers, sizeof *b->cost_centers, budget_strcmp);
    return hit ? (size_t)(hit - b->cost_centers) : 0;
}

/* A growable charge list. */
typedef struct budget_list {
    rpt_budget_charge *items;
    size_t n, cap;
} budget_list;

static void budget_push(budget_list *l, const rpt_budget_charge *c)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->n] = *c;
    l->items[l->n].seq = l->n;
    l->n++;
}

/* Adds a charge of plan p to the list when its date falls in the budget's years. */
static void budget_add_charge(const rpt_budget *b, budget_list *l, const inv_plan *p,
                              const chg_charge *c, rpt_budget_status status)
{
    int year;
    cal_to_ymd(c->date, &year, NULL, NULL);
    if (year < b->first_year || year >= b->first_year + b->n_years)
        return;
    rpt_budget_charge bc;
    memset(&bc, 0, sizeof bc);
    bc.date = c->date;
    bc.year = year;
    bc.plan = p;
    bc.cost_center = budget_cost_center_index(b, budget_cost_center_of(p));
    bc.kind = c->kind;
    bc.status = status;
    bc.units = c->units;
    bc.amount = c->amount;
    budget_push(l, &bc);
}

/* Orders charges by date, then plan (inventory order), then status; a stable total order. */
static int budget_charge_cmp(const void *a, const void *b)
{
    const rpt_budget_charge *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->plan != y->plan)
        return x->plan < y->plan ? -1 : 1;
    if (x->status != y->status)
        return x->status < y->status ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->amount != y->amount)
        return x->amount < y->amount ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq; /* qsort is not stable */
}

/* Adds v to each of the amounts; returns 0 or -1 at the limit. */
static int budget_add(rpt_budget_amounts *a, rpt_budget_status s, money_minor v, int digits)
{
    money_minor *part = s == RPT_BUDGET_COMMITTED   ? &a->committed
                        : s == RPT_BUDGET_SCHEDULED ? &a->scheduled
                                                    : &a->projected;
    return money_add(part, v, digits) == MONEY_OK && money_add(&a->total, v, digits) == MONEY_OK
               ? 0
               : -1;
}

int rpt_budget_build(const inv_inventory *inv, const plan_views *pv, int n_years, rpt_budget *out,
                     cp_errors *errs)
{
    int digits = inv->currency_digits;
    budget_list l = {0};
    memset(out, 0, sizeof *out);
    out->as_of = pv->as_of;
    cal_to_ymd(pv->as_of, &out->first_year, NULL, NULL);
    if (n_years < 1)
        n_years = 1;
    if (out->first_year + n_years - 1 > 9999)
        n_years = 9999 - out->first_year + 1;
    out->n_years = n_years;
    cal_day budget_end = cal_from_ymd(out->first_year + n_years - 1, 12, 31);

    out->cost_centers = xcalloc(inv->n_plans ? inv->n_plans : 1, sizeof *out->cost_centers);
    for (size_t i = 0; i < inv->n_plans; i++)
        out->cost_centers[i] = budget_cost_center_of(&inv->plans[i]);
    qsort(out->cost_centers, inv->n_plans, sizeof *out->cost_centers, budget_strcmp);
    for (size_t i = 0; i < inv->n_plans; i++)
        if (out->n_cost_centers == 0 ||
            strcmp(out->cost_centers[out->n_cost_centers - 1], out->cost_centers[i]) != 0)
            out->cost_centers[out->n_cost_centers++] = out->cost_centers[i];

    for (size_t i = 0; i < pv->n_plans; i++) {
        const plan_view *v = &pv->plans[i];
        const inv_plan *p = v->plan;
        for (size_t c = 0; c < v->n_current; c++)
            budget_add_charge(out, &l, p, &v->charges[c],
                              v->charges[c].date <= pv->as_of ? RPT_BUDGET_COMMITTED
                                                              : RPT_BUDGET_SCHEDULED);
        if (!p->auto_renew)
            continue;
        int start_year;
        cal_to_ymd(p->term_start, &start_year, NULL, NULL);
        int k = out->first_year - start_year - 1;
        for (k = k < 1 ? 1 : k;; k++) {
            plan_term t;
            if (plan_term_k(p, inv->settings.basis, k, &t) != 0 || t.start > budget_end)
                break;
            chg_charge r;
            memset(&r, 0, sizeof r);
            r.kind = CHG_RENEWAL;
            r.date = t.start;
            r.units = p->renewal_units;
            r.amount = p->renewal_amount;
            r.projected = true;
            r.purchase = -1;
            budget_add_charge(out, &l, p, &r, RPT_BUDGET_PROJECTED);
        }
    }
    if (l.n > 1)
        qsort(l.items, l.n, sizeof *l.items, budget_charge_cmp);
    out->charges = l.items;
    out->n_charges = l.n;

    out->years = xcalloc((size_t)n_years, sizeof *out->years);
    for (int y = 0; y < n_years; y++) {
        out->years[y].year = out->first_year + y;
        out->years[y].by_cost_center =
            xcalloc(out->n_cost_centers ? out->n_cost_centers : 1, sizeof(rpt_budget_amounts));
    }
    for (size_t i = 0; i < out->n_charges; i++) {
        const rpt_budget_charge *c = &out->charges[i];
        rpt_budget_year *y = &out->years[c->year - out->first_year];
        if (budget_add(&y->by_cost_center[c->cost_center], c->status, c->amount, digits) != 0 ||
            budget_add(&y->total, c->status, c->amount, digits) != 0 ||
            budget_add(&out->total, c->status, c->amount, digits) != 0) {
            cp_errors_add(errs, inv->file, 0, 0, 0, NULL, "report fewer years (--years N)",
                          "report budget: the charges total 10^15 %s or more", inv->currency);
            rpt_budget_free(out);
            return -1;
        }
    }
    return 0;
}

void rpt_budget_free(rpt_budget *b)
{
    if (!b)
        return;
    for (int y = 0; y < b->n_years && b->years; y++)
        free(b->years[y].by_cost_center);
    free(b->years);
    free(b->cost_centers);
    free(b->charges);
    memset(b, 0, sizeof *b);
}

static void budget_json_amounts(rpt_json *w, const rpt_budget_amounts *a, int digits)
{
    rpt_json_key(w, "committed");
    rpt_json_money(w, a->committed, digits);
    rpt_json_key(w, "scheduled");
    rpt_json_money(w, a->scheduled, digits);
    rpt_json_key(w, "projected");
    rpt_json_money(w, a->projected, digits);
    rpt_json_key(w, "total");
    rpt_json_money(w, a->total, digits);
}

void rpt_budget_json(const rpt_budget *b, const inv_inventory *inv, cp_buf *out)
{
    int digits = inv->currency_digits;
    rpt_json w;
    rpt_json_begin(&w, out, "report budget");
    rpt_json_key(&w, "as_of");
    rpt_json_day(&w, b->as_of);
    rpt_json_key(&w, "currency");
    rpt_json_string(&w, inv->currency);
    rpt_json_key(&w, "first_year");
    rpt_json_int(&w, b->first_year);
    rpt_json_key(&w, "last_year");
    rpt_json_int(&w, b->first_year + b->n_years - 1);
    rpt_json_key(&w, "years");
    rpt_json_array(&w, false);
    for (int y = 0; y < b->n_years; y++) {
        const rpt_budget_year *yr = &b->years[y];
        rpt_json_object(&w, false);
        rpt_json_key(&w, "year");
        rpt_json_int(&w, yr->year);
        rpt_json_key(&w, "cost_centers");
        rpt_json_array(&w, false);
        for (size_t c = 0; c < b->n_cost_centers; c++) {
            rpt_json_object(&w, true);
            rpt_json_key(&w, "cost_center");
            rpt_json_string(&w, b->cost_centers[c]);
            budget_json_amounts(&w, &yr->by_cost_center[c], digits);
            rpt_json_end(&w);
        }
        rpt_json_end(&w);
        budget_json_amounts(&w, &yr->total, digits);
        rpt_json_end(&w);
    }
    rpt_json_end(&w);
    rpt_json_key(&w, "total");
    rpt_json_object(&w, true);
    budget_json_amounts(&w, &b->total, digits);
    rpt_json_end(&w);
    rpt_json_key(&w, "charges");
    rpt_json_array(&w, false);
    for (size_t i = 0; i < b->n_charges; i++) {
        const rpt_budget_charge *c = &b->charges[i];
        rpt_json_object(&w, true);
        rpt_json_key(&w, "date");
        rpt_json_day(&w, c->date);
        rpt_json_key(&w, "year");
        rpt_json_int(&w, c->year);
        rpt_json_key(&w, "plan");
        rpt_json_string(&w, c->plan->id);
        rpt_json_key(&w, "cost_center");
        rpt_json_string(&w, b->cost_centers[c->cost_center]);
        rpt_json_key(&w, "kind");
        rpt_json_string(&w, chg_kind_name(c->kind));
        rpt_json_key(&w, "status");
        rpt_json_string(&w, rpt_budget_status_name(c->status));
        rpt_json_key(&w, "units");
        rpt_json_int(&w, c->units);
        rpt_json_key(&w, "amount");
        rpt_json_money(&w, c->amount, digits);
        rpt_json_end(&w);
    }
    rpt_json_end(&w);
    rpt_json_end(&w);
    rpt_json_finish(&w);
}

static const rpt_column budget_amount_cols[4] = {
    {"Committed", "committed", true},
    {"Scheduled", "scheduled", true},
    {"Projected", "projected", true},
    {"Total", "total", true},
};

/* A table whose first column is title/csv_name and then the four amounts. */
static rpt_table *budget_table(rpt_doc *d, unsigned formats, const char *title,
                               const char *csv_name)
{
    rpt_column cols[5] = {{title, csv_name, false}};
    memcpy(&cols[1], budget_amount_cols, sizeof budget_amount_cols);
    return rpt_doc_table(d, formats, cols, 5);
}

static void budget_row_amounts(rpt_table *t, const rpt_budget_amounts *a)
{
    rpt_cell_money(t, a->committed);
    rpt_cell_money(t, a->scheduled);
    rpt_cell_money(t, a->projected);
    rpt_cell_money(t, a->total);
}

static const char *budget_kind_label(chg_kind k)
{
    switch (k) {
    case CHG_INITIAL:
        return "initial purchase";
    case CHG_RENEWAL:
        return "renewal";
    case CHG_ADDITIONAL:
        return "additional units";
    }
    return "charge";
}

rpt_doc *rpt_budget_doc(const rpt_budget *b, const inv_inventory *inv, const char *locale)
{
    int last = b->first_year + b->n_years - 1;
    char title[64], year[16];
    if (b->n_years == 1)
        snprintf(title, sizeof title, "Budget %d", b->first_year);
    else
        snprintf(title, sizeof title, "Budget %d\u2013%d", b->first_year, last);
    rpt_doc *d = rpt_doc_new(title, inv->organization, b->as_of, inv->currency,
                             inv->currency_digits, locale);
    rpt_doc_para(d, RPT_F_HUMAN,
                 "Charges dated in each calendar year, per cost center: committed (dated on or "
                 "before the as-of date), scheduled (still to come in the current terms) and "
                 "projected renewals of auto-renewing plans through the end of %d.",
                 last);

    rpt_doc_heading(d, RPT_F_HUMAN, "All years");
    static const char *const parts[3] = {"committed", "scheduled", "projected"};
    rpt_bar_chart *chart = rpt_doc_bars(d, RPT_F_HTML, "Spend per year", parts, 3);
    rpt_table *t = budget_table(d, RPT_F_HUMAN, "Year", "year");
    for (int y = 0; y < b->n_years; y++) {
        const rpt_budget_year *yr = &b->years[y];
        snprintf(year, sizeof year, "%d", yr->year);
        rpt_bar *bar = rpt_bars_add(chart, year);
        bar->parts[0] = yr->total.committed;
        bar->parts[1] = yr->total.scheduled;
        bar->parts[2] = yr->total.projected;
        rpt_table_row(t, false);
        rpt_cell_text(t, year);
        budget_row_amounts(t, &yr->total);
    }
    rpt_table_row(t, true);
    rpt_cell_text(t, "Total");
    budget_row_amounts(t, &b->total);

    money_minor scale = 0; /* the largest cost center's spend in any year */
    for (int y = 0; y < b->n_years; y++)
        for (size_t c = 0; c < b->n_cost_centers; c++) {
            money_minor sum = b->years[y].by_cost_center[c].total;
            scale = sum > scale ? sum : scale;
        }
    for (int y = 0; y < b->n_years; y++) {
        const rpt_budget_year *yr = &b->years[y];
        rpt_doc_heading(d, RPT_F_HUMAN, "%d", yr->year);
        snprintf(title, sizeof title, "Spend per cost center in %d", yr->year);
        chart = rpt_doc_bars(d, RPT_F_HTML, title, parts, 3);
        chart->scale = scale; /* one scale for every year's chart */
        t = budget_table(d, RPT_F_HUMAN, "Cost center", "cost_center");
        for (size_t c = 0; c < b->n_cost_centers; c++) {
            rpt_bar *bar = rpt_bars_add(chart, b->cost_centers[c]);
            bar->parts[0] = yr->by_cost_center[c].committed;
            bar->parts[1] = yr->by_cost_center[c].scheduled;
            bar->parts[2] = yr->by_cost_center[c].projected;
            rpt_table_row(t, false);
            rpt_cell_text(t, b->cost_centers[c]);
            budget_row_amounts(t, &yr->by_cost_center[c]);
        }
        rpt_table_row(t, true);
        rpt_cell_text(t, "Total");
        budget_row_amounts(t, &yr->total);

        static const rpt_column charge_cols[6] = {
            {"Date", "date", false},
            {"Plan", "plan", false},
            {"Cost center", "cost_center", false},
            {"Charge", "kind", false},
            {"Status", "status", false},
            {"Amount", "amount", true},
        };
        bool any = false;
        for (size_t i = 0; i < b->n_charges && !any; i++)
            any = b->charges[i].year == yr->year;
        if (!any) {
            rpt_doc_para(d, RPT_F_HUMAN, "No charges are dated in %d.", yr->year);
            continue;
        }
        rpt_doc_para(d, RPT_F_HUMAN, "The charges dated in %d:", yr->year);
        t = rpt_doc_table(d, RPT_F_HUMAN, charge_cols, 6);
        for (size_t i = 0; i < b->n_charges; i++) {
            const rpt_budget_charge *c = &b->charges[i];
            if (c->year != yr->year)
                continue;
            rpt_table_row(t, false);
            rpt_cell_date(t, c->date);
            rpt_cell_text(t, c->plan->id);
            rpt_cell_text(t, b->cost_centers[c->cost_center]);
            rpt_cell_text(t, budget_kind_label(c->kind));
            rpt_cell_text(t, rpt_budget_status_name(c->status));
            rpt_cell_money(t, c->amount);
        }
    }

    static const rpt_column csv_cols[7] = {
        {"Year", "year", false},          {"Cost center", "cost_center", false},
        {"Committed", "committed", true}, {"Scheduled", "scheduled", true},
        {"Projected", "projected", true}, {"Total", "total", true},
        {"Currency", "currency", false},
    };
    t = rpt_doc_table(d, RPT_F_CSV, csv_cols, 7);
    for (int y = 0; y < b->n_years; y++)
        for (size_t c = 0; c < b->n_cost_centers; c++) {
            snprintf(year, sizeof year, "%d", b->years[y].year);
            rpt_table_row(t, false);
            rpt_cell_text(t, year);
            rpt_cell_text(t, b->cost_centers[c]);
            budget_row_amounts(t, &b->years[y].by_cost_center[c]);
            rpt_cell_text(t, inv->currency);
        }
    return d;
}
