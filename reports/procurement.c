/*
 * The procurement export (procurement.h). Current-term charges come from the
 * loaded plan; projected renewals from plan_term_k with the plan's renewal
 * units and price (later terms keep them, rules.md §2).
 */
#include "config.h"

#include "reports/procurement.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROCUREMENT_NO_COST_CENTER "(none)"

/* The first term k >= 1 of an auto-renewing plan that starts after as_of; -1 when none. */
static int procurement_first_renewal_after(const inv_inventory *inv, const inv_plan *p,
                                           cal_day as_of, plan_term *t)
{
    int start_year, as_of_year;
    cal_to_ymd(p->term_start, &start_year, NULL, NULL);
    cal_to_ymd(as_of, &as_of_year, NULL, NULL);
    int k = as_of_year - start_year - 1;
    for (k = k < 1 ? 1 : k;; k++) { /* a term is a year: at most a few steps */
        if (plan_term_k(p, inv->settings.basis, k, t) != 0)
            return -1;
        if (t->start > as_of)
            return k;
    }
}

int rpt_procurement_default_year(const inv_inventory *inv, cal_day as_of)
{
    cal_day best = CAL_NONE;
    for (size_t i = 0; i < inv->n_plans; i++) {
        const inv_plan *p = &inv->plans[i];
        for (size_t c = 0; c < p->n_charges; c++)
            if (p->charges[c].kind == CHG_RENEWAL && p->charges[c].date > as_of &&
                (best == CAL_NONE || p->charges[c].date < best))
                best = p->charges[c].date;
        plan_term t;
        if (p->auto_renew && procurement_first_renewal_after(inv, p, as_of, &t) > 0 &&
            (best == CAL_NONE || t.start < best))
            best = t.start;
    }
    int year;
    cal_to_ymd(best != CAL_NONE ? best : as_of, &year, NULL, NULL);
    return year;
}

/* The decision deadline before the term ending on last_day (rules.md §3); CAL_NONE when none. */
static cal_day procurement_deadline(const inv_inventory *inv, cal_day last_day)
{
    cal_day d;
    if (cal_busday_offset(&inv->settings.busdays, last_day, -inv->settings.decision_margin,
                          CAL_ROLL_BACKWARD, &d) != 0)
        return CAL_NONE;
    return d;
}

typedef struct procurement_list {
    rpt_purchase_line *items;
    size_t n, cap;
} procurement_list;

static rpt_purchase_line *procurement_push(procurement_list *l)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    rpt_purchase_line *x = &l->items[l->n];
    memset(x, 0, sizeof *x);
    x->seq = l->n++;
    return x;
}

static int procurement_year_of(cal_day d)
{
    int y;
    cal_to_ymd(d, &y, NULL, NULL);
    return y;
}

/* The justification of a renewal line. Free with free(). */
static char *procurement_renewal_why(const rpt_purchase_line *l)
{
    char s[CAL_ISO_LEN + 1], e[CAL_ISO_LEN + 1];
    return xasprintf("Renewal of the %s commitment plan %s for the term %s to %s: %lld unit%s%s",
                     l->plan->service, l->plan->id, cal_format_iso(l->term.start, s),
                     cal_format_iso(l->term.last_day, e), (long long)l->units,
                     l->units == 1 ? "" : "s",
                     l->projected ? " (auto-renew is on)" : " (renewed into the current term)");
}

/* Adds the lines of plan p dated in year. */
static void procurement_plan_lines(const inv_inventory *inv, size_t index, int year,
                                   procurement_list *l)
{
    const inv_plan *p = &inv->plans[index];
    int digits = inv->currency_digits;
    char price[32], amount[32], s[CAL_ISO_LEN + 1];
    for (size_t c = 0; c < p->n_charges; c++) {
        const chg_charge *ch = &p->charges[c];
        if (ch->kind == CHG_INITIAL || procurement_year_of(ch->date) != year)
            continue;
        rpt_purchase_line *x = procurement_push(l);
        x->kind = ch->kind;
        x->date = ch->date;
        x->plan = p;
        x->plan_index = index;
        x->term.start = p->term_start;
        x->term.last_day = p->last_day;
        x->term.days = p->term_days;
        x->units = ch->units;
        x->unit_price = p->unit_price;
        x->amount = ch->amount;
        if (ch->kind == CHG_RENEWAL) {
            x->needed_by = procurement_deadline(inv, p->term_start - 1);
            x->po = p->po;
            x->justification = procurement_renewal_why(x);
            continue;
        }
        const inv_purchase *pu = ch->purchase >= 0 ? &p->purchases[ch->purchase] : NULL;
        x->needed_by = ch->date;
        x->po = pu ? pu->po : NULL;
        x->prorated = ch->prorated;
        x->remaining_days = ch->remaining_days;
        x->term_days = ch->term_days;
        x->formula = xasprintf("%s \u00d7 %lld \u00d7 %d / %d = %s",
                               money_format_micros(p->unit_price, digits, price),
                               (long long)ch->units, ch->remaining_days, ch->term_days,
                               money_format_minor(ch->amount, digits, amount));
        x->justification =
            xasprintf("%lld more unit%s of %s for the rest of the term to %s (%d of %d days)%s%s",
                      (long long)ch->units, ch->units == 1 ? "" : "s", p->service,
                      cal_format_iso(p->last_day, s), ch->remaining_days, ch->term_days,
                      pu && pu->note ? ": " : "", pu && pu->note ? pu->note : "");
    }
    if (!p->auto_renew)
        return;
    int start_year;
    cal_to_ymd(p->term_start, &start_year, NULL, NULL);
    int k = year - start_year - 1;
    for (k = k < 1 ? 1 : k;; k++) {
        plan_term t, prev;
        if (plan_term_k(p, inv->settings.basis, k, &t) != 0 || procurement_year_of(t.start) > year)
            break;
        if (procurement_year_of(t.start) < year)
            continue;
        rpt_purchase_line *x = procurement_push(l);
        x->kind = CHG_RENEWAL;
        x->projected = true;
        x->date = t.start;
        if (k == 1)
            x->needed_by = p->decision_deadline;
        else
            x->needed_by = plan_term_k(p, inv->settings.basis, k - 1, &prev) == 0
                               ? procurement_deadline(inv, prev.last_day)
                               : CAL_NONE;
        x->plan = p;
        x->plan_index = index;
        x->term = t;
        x->units = p->renewal_units;
        x->unit_price = p->renewal_unit_price;
        x->amount = p->renewal_amount;
        x->justification = procurement_renewal_why(x);
    }
}

static int procurement_line_cmp(const void *a, const void *b)
{
    const rpt_purchase_line *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->plan_index != y->plan_index)
        return x->plan_index < y->plan_index ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    int j = cp_strcmp(x->justification, y->justification);
    if (j != 0)
        return j;
    return x->seq < y->seq ? -1 : x->seq > y->seq; /* qsort is not stable */
}

static int procurement_total_cmp(const void *a, const void *b)
{
    return cp_strcmp(((const rpt_procurement_total *)a)->cost_center,
                     ((const rpt_procurement_total *)b)->cost_center);
}

int rpt_procurement_build(const inv_inventory *inv, cal_day as_of, int year, rpt_procurement *out,
                          cp_errors *errs)
{
    procurement_list l = {0};
    memset(out, 0, sizeof *out);
    out->as_of = as_of;
    out->year = year > 0 ? year : rpt_procurement_default_year(inv, as_of);
    out->total.cost_center = "";
    for (size_t i = 0; i < inv->n_plans; i++)
        procurement_plan_lines(inv, i, out->year, &l);
    if (l.n > 1)
        qsort(l.items, l.n, sizeof *l.items, procurement_line_cmp);
    out->lines = l.items;
    out->n_lines = l.n;
    out->cost_centers = xcalloc(l.n ? l.n : 1, sizeof *out->cost_centers);
    for (size_t i = 0; i < l.n; i++) {
        const rpt_purchase_line *x = &l.items[i];
        const char *cc = x->plan->cost_center ? x->plan->cost_center : PROCUREMENT_NO_COST_CENTER;
        rpt_procurement_total *t = NULL;
        for (size_t k = 0; k < out->n_cost_centers && !t; k++)
            if (strcmp(out->cost_centers[k].cost_center, cc) == 0)
                t = &out->cost_centers[k];
        if (!t) {
            t = &out->cost_centers[out->n_cost_centers++];
            t->cost_center = cc;
        }
        t->n_lines++;
        out->total.n_lines++;
        if (money_add(&t->amount, x->amount, inv->currency_digits) != MONEY_OK ||
            money_add(&out->total.amount, x->amount, inv->currency_digits) != MONEY_OK) {
            cp_errors_add(errs, inv->file, 0, 0, 0, NULL, NULL,
                          "export procurement: the purchase lines total 10^15 %s or more",
                          inv->currency);
            rpt_procurement_free(out);
            return -1;
        }
    }
    if (out->n_cost_centers > 1)
        qsort(out->cost_centers, out->n_cost_centers, sizeof *out->cost_centers,
              procurement_total_cmp);
    return 0;
}

void rpt_procurement_free(rpt_procurement *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_lines; i++) {
        free(p->lines[i].formula);
        free(p->lines[i].justification);
    }
    free(p->lines);
    free(p->cost_centers);
    memset(p, 0, sizeof *p);
}

static const char *procurement_kind_name(const rpt_purchase_line *x)
{
    return x->kind == CHG_RENEWAL ? "renewal" : "additional";
}

static void procurement_json_total(rpt_json *w, const rpt_procurement_total *t, bool named,
                                   int digits)
{
    rpt_json_object(w, true);
    if (named) {
        rpt_json_key(w, "cost_center");
        rpt_json_string(w, t->cost_center);
    }
    rpt_json_key(w, "lines");
    rpt_json_int(w, (int64_t)t->n_lines);
    rpt_json_key(w, "amount");
    rpt_json_money(w, t->amount, digits);
    rpt_json_end(w);
}

void rpt_procurement_json(const rpt_procurement *p, const inv_inventory *inv, cp_buf *out)
{
    int digits = inv->currency_digits;
    rpt_json w;
    rpt_json_begin(&w, out, "export procurement");
    rpt_json_key(&w, "as_of");
    rpt_json_day(&w, p->as_of);
    rpt_json_key(&w, "year");
    rpt_json_int(&w, p->year);
    rpt_json_key(&w, "currency");
    rpt_json_string(&w, inv->currency);
    rpt_json_key(&w, "lines");
    rpt_json_array(&w, false);
    for (size_t i = 0; i < p->n_lines; i++) {
        const rpt_purchase_line *x = &p->lines[i];
        rpt_json_object(&w, false);
        rpt_json_key(&w, "kind");
        rpt_json_string(&w, procurement_kind_name(x));
        rpt_json_key(&w, "projected");
        rpt_json_bool(&w, x->projected);
        rpt_json_key(&w, "date");
        rpt_json_day(&w, x->date);
        rpt_json_key(&w, "needed_by");
        rpt_json_day(&w, x->needed_by);
        rpt_json_key(&w, "plan");
        rpt_json_string(&w, x->plan->id);
        rpt_json_key(&w, "service");
        rpt_json_string(&w, x->plan->service);
        rpt_json_key(&w, "tier");
        rpt_json_string(&w, x->plan->tier);
        rpt_json_key(&w, "resource");
        rpt_json_string(&w, x->plan->resource);
        rpt_json_key(&w, "term");
        rpt_json_term(&w, &x->term);
        rpt_json_key(&w, "units");
        rpt_json_int(&w, x->units);
        rpt_json_key(&w, "unit_price");
        rpt_json_price(&w, x->unit_price, digits);
        rpt_json_key(&w, "amount");
        rpt_json_money(&w, x->amount, digits);
        rpt_json_key(&w, "proration");
        if (x->prorated) {
            rpt_json_object(&w, true);
            rpt_json_key(&w, "remaining_days");
            rpt_json_int(&w, x->remaining_days);
            rpt_json_key(&w, "term_days");
            rpt_json_int(&w, x->term_days);
            rpt_json_key(&w, "formula");
            rpt_json_string(&w, x->formula);
            rpt_json_end(&w);
        } else {
            rpt_json_null(&w);
        }
        rpt_json_key(&w, "po");
        rpt_json_string(&w, x->po);
        rpt_json_key(&w, "cost_center");
        rpt_json_string(&w, x->plan->cost_center);
        rpt_json_key(&w, "owner");
        rpt_json_string(&w, x->plan->owner);
        rpt_json_key(&w, "justification");
        rpt_json_string(&w, x->justification);
        rpt_json_end(&w);
    }
    rpt_json_end(&w);
    rpt_json_key(&w, "cost_centers");
    rpt_json_array(&w, false);
    for (size_t i = 0; i < p->n_cost_centers; i++)
        procurement_json_total(&w, &p->cost_centers[i], true, digits);
    rpt_json_end(&w);
    rpt_json_key(&w, "total");
    procurement_json_total(&w, &p->total, false, digits);
    rpt_json_end(&w);
    rpt_json_finish(&w);
}

/* The columns of a purchase line, the same for people and CSV (CSV adds its own). */
static void procurement_line_cells(rpt_table *t, const rpt_purchase_line *x, bool csv,
                                   const char *currency)
{
    char n[16];
    rpt_cell_date(t, x->needed_by);
    rpt_cell_date(t, x->date);
    rpt_cell_text(t, procurement_kind_name(x));
    rpt_cell_text(t, x->plan->id);
    rpt_cell_text(t, x->plan->service);
    rpt_cell_text(t, x->plan->tier);
    rpt_cell_text(t, x->plan->resource);
    rpt_cell_int(t, x->units);
    rpt_cell_price(t, x->unit_price);
    rpt_cell_money(t, x->amount);
    if (csv) {
        rpt_cell_text(t, currency);
        if (x->prorated) {
            snprintf(n, sizeof n, "%d", x->remaining_days);
            rpt_cell_text(t, n);
            snprintf(n, sizeof n, "%d", x->term_days);
            rpt_cell_text(t, n);
        } else {
            rpt_cell_none(t);
            rpt_cell_none(t);
        }
    }
    rpt_cell_text(t, x->formula);
    rpt_cell_text(t, x->po);
    rpt_cell_text(t, x->plan->cost_center);
    rpt_cell_text(t, x->plan->owner);
    rpt_cell_text(t, x->justification);
}

/*
 * The purchase lines for a page: fifteen columns do not fit a screen or a
 * printed page, so the table keeps the columns of the order (numbered lines)
 * and the descriptive ones follow as a field list per line.
 */
static void procurement_html_lines(rpt_doc *d, const rpt_procurement *p)
{
    static const rpt_column cols[10] = {
        {"Line", "line", true},
        {"Needed by", "needed_by", false},
        {"Date", "date", false},
        {"Kind", "kind", false},
        {"Plan", "plan", false},
        {"Units", "units", true},
        {"Unit price", "unit_price", true},
        {"Amount", "amount", true},
        {"PO", "po", false},
        {"Cost center", "cost_center", false},
    };
    rpt_table *t = rpt_doc_table(d, RPT_F_HTML, cols, 10);
    for (size_t i = 0; i < p->n_lines; i++) {
        const rpt_purchase_line *x = &p->lines[i];
        rpt_table_row(t, false);
        rpt_cell_int(t, (int64_t)i + 1);
        rpt_cell_date(t, x->needed_by);
        rpt_cell_date(t, x->date);
        rpt_cell_text(t, procurement_kind_name(x));
        rpt_cell_text(t, x->plan->id);
        rpt_cell_int(t, x->units);
        rpt_cell_price(t, x->unit_price);
        rpt_cell_money(t, x->amount);
        rpt_cell_text(t, x->po);
        rpt_cell_text(t, x->plan->cost_center);
    }
    rpt_table_row(t, true);
    rpt_cell_text(t, "Total");
    for (int k = 0; k < 6; k++)
        rpt_cell_none(t);
    rpt_cell_money(t, p->total.amount);
    rpt_cell_none(t);
    rpt_cell_none(t);

    rpt_doc_heading(d, RPT_F_HTML, "Line details");
    for (size_t i = 0; i < p->n_lines; i++) {
        const rpt_purchase_line *x = &p->lines[i];
        rpt_doc_para(d, RPT_F_HTML, "Line %zu: %s, %s", i + 1, x->plan->id,
                     procurement_kind_name(x));
        t = rpt_doc_fields(d, RPT_F_HTML);
        rpt_fields_add(t, "Service");
        rpt_cell_text(t, x->plan->service);
        rpt_fields_add(t, "Tier");
        rpt_cell_text(t, x->plan->tier);
        rpt_fields_add(t, "Resource");
        rpt_cell_text(t, x->plan->resource);
        if (x->formula) {
            rpt_fields_add(t, "Pro-ration");
            rpt_cell_text(t, x->formula);
        }
        rpt_fields_add(t, "Owner");
        rpt_cell_text(t, x->plan->owner);
        rpt_fields_add(t, "Justification");
        rpt_cell_text(t, x->justification);
    }
}

rpt_doc *rpt_procurement_doc(const rpt_procurement *p, const inv_inventory *inv, const char *locale)
{
    char title[64];
    snprintf(title, sizeof title, "Procurement %d", p->year);
    rpt_doc *d = rpt_doc_new(title, inv->organization, p->as_of, inv->currency,
                             inv->currency_digits, locale);
    if (p->n_lines == 0)
        rpt_doc_para(d, RPT_F_HUMAN, "No renewal or purchase of additional units is dated in %d.",
                     p->year);
    else
        rpt_doc_para(d, RPT_F_HUMAN,
                     "%zu purchase line%s dated in %d: renewals (needed by the decision deadline "
                     "before the renewal) and additional units (pro-rated to the days left in the "
                     "term).",
                     p->n_lines, p->n_lines == 1 ? "" : "s", p->year);

    static const rpt_column cols[15] = {
        {"Needed by", "needed_by", false},
        {"Date", "date", false},
        {"Kind", "kind", false},
        {"Plan", "plan", false},
        {"Service", "service", false},
        {"Tier", "tier", false},
        {"Resource", "resource", false},
        {"Units", "units", true},
        {"Unit price", "unit_price", true},
        {"Amount", "amount", true},
        {"Pro-ration", "proration", false},
        {"PO", "po", false},
        {"Cost center", "cost_center", false},
        {"Owner", "owner", false},
        {"Justification", "justification", false},
    };
    if (p->n_lines > 0) {
        rpt_doc_heading(d, RPT_F_HUMAN, "Purchase lines");
        rpt_table *t = rpt_doc_table(d, RPT_F_HUMAN & ~RPT_F_HTML, cols, 15);
        for (size_t i = 0; i < p->n_lines; i++) {
            rpt_table_row(t, false);
            procurement_line_cells(t, &p->lines[i], false, inv->currency);
        }
        rpt_table_row(t, true);
        rpt_cell_text(t, "Total");
        for (int k = 0; k < 8; k++)
            rpt_cell_none(t);
        rpt_cell_money(t, p->total.amount);
        for (int k = 0; k < 5; k++)
            rpt_cell_none(t);
        procurement_html_lines(d, p);
    }

    static const rpt_column tot_cols[3] = {
        {"Cost center", "cost_center", false},
        {"Lines", "lines", true},
        {"Amount", "amount", true},
    };
    rpt_doc_heading(d, RPT_F_HUMAN, "Totals per cost center");
    rpt_table *t = rpt_doc_table(d, RPT_F_HUMAN, tot_cols, 3);
    for (size_t i = 0; i < p->n_cost_centers; i++) {
        rpt_table_row(t, false);
        rpt_cell_text(t, p->cost_centers[i].cost_center);
        rpt_cell_int(t, (int64_t)p->cost_centers[i].n_lines);
        rpt_cell_money(t, p->cost_centers[i].amount);
    }
    rpt_table_row(t, true);
    rpt_cell_text(t, "Total");
    rpt_cell_int(t, (int64_t)p->total.n_lines);
    rpt_cell_money(t, p->total.amount);

    rpt_column csv_cols[18];
    memcpy(csv_cols, cols, 10 * sizeof *cols);
    csv_cols[10] = (rpt_column){"Currency", "currency", false};
    csv_cols[11] = (rpt_column){"Remaining days", "remaining_days", true};
    csv_cols[12] = (rpt_column){"Term days", "term_days", true};
    memcpy(&csv_cols[13], &cols[10], 5 * sizeof *cols);
    t = rpt_doc_table(d, RPT_F_CSV, csv_cols, 18);
    for (size_t i = 0; i < p->n_lines; i++) {
        rpt_table_row(t, false);
        procurement_line_cells(t, &p->lines[i], true, inv->currency);
    }
    return d;
}
