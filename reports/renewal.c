/*
 * The renewal report (renewal.h). Terms, cutoffs and charges come from the
 * plan view; license actions from the containers and the findings; with
 * --records, the projected use and the recommended units from
 * planner/usage.c, which also judges the renewal units against them.
 */
#include "config.h"

#include "reports/renewal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RENEWAL_NO_COST_CENTER "(none)"

/* Finding codes that are license actions of a renewal. */
static const char *const renewal_finding_codes[] = {
    "license-missing",
    "license-expired",
    "license-image-mismatch",
    "image-service-mismatch",
};

int rpt_renewal_default_year(const inv_inventory *inv, cal_day as_of)
{
    cal_day best = CAL_NONE;
    int as_of_year;
    cal_to_ymd(as_of, &as_of_year, NULL, NULL);
    for (size_t i = 0; i < inv->n_plans; i++) {
        const inv_plan *p = &inv->plans[i];
        cal_day found = CAL_NONE;
        /* the cutoff, 00:00 UTC after the last day, is after as_of when last_day >= as_of */
        if (p->last_day >= as_of) {
            found = p->last_day;
        } else if (p->auto_renew) {
            int start_year;
            cal_to_ymd(p->term_start, &start_year, NULL, NULL);
            int k = as_of_year - start_year - 2;
            for (k = k < 1 ? 1 : k;; k++) { /* terms are a year long: a few steps at most */
                plan_term t;
                if (plan_term_k(p, inv->settings.basis, k, &t) != 0)
                    break;
                if (t.last_day >= as_of) {
                    found = t.last_day;
                    break;
                }
            }
        }
        if (found != CAL_NONE && (best == CAL_NONE || found < best))
            best = found;
    }
    if (best == CAL_NONE)
        return as_of_year;
    int year;
    cal_to_ymd(best, &year, NULL, NULL);
    return year;
}

/* Findings ordered by subject, for lookup by container id. */
static int renewal_finding_cmp(const void *a, const void *b)
{
    const rule_finding *x = *(const rule_finding *const *)a, *y = *(const rule_finding *const *)b;
    int c = cp_strcmp(x->subject, y->subject);
    if (c)
        return c;
    return x < y ? -1 : x > y;
}

static bool renewal_is_action_code(const char *code)
{
    for (size_t i = 0; i < sizeof renewal_finding_codes / sizeof renewal_finding_codes[0]; i++)
        if (strcmp(code, renewal_finding_codes[i]) == 0)
            return true;
    return false;
}

static void renewal_add_action(rpt_renewal_plan *rp, const char *kind, const char *container,
                               cal_day date, char *message, char *hint)
{
    rp->actions = xrealloc(rp->actions, (rp->n_actions + 1) * sizeof *rp->actions);
    rpt_license_action *a = &rp->actions[rp->n_actions++];
    a->kind = kind;
    a->container = container;
    a->date = date;
    a->message = message;
    a->hint = hint;
}

/* The license actions of container c for its plan's entry rp. */
static void renewal_container_actions(rpt_renewal_plan *rp, const inv_container *c,
                                      const rule_finding **sorted, size_t n_sorted, cal_day as_of)
{
    char d1[CAL_ISO_LEN + 1], d2[CAL_ISO_LEN + 1];
    /* findings about the container, in the findings' order */
    size_t lo = 0, hi = n_sorted;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp_strcmp(sorted[mid]->subject, c->id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < n_sorted && strcmp(sorted[i]->subject, c->id) == 0; i++)
        if (renewal_is_action_code(sorted[i]->code))
            renewal_add_action(rp, sorted[i]->code, c->id, CAL_NONE, xstrdup(sorted[i]->message),
                               xstrdup(sorted[i]->hint));
    cal_day end = rp->renews ? rp->next_term.last_day : rp->plan->last_day;
    if (c->has_license && c->license_expires_on != CAL_NONE && c->license_expires_on >= as_of &&
        c->license_expires_on < end) {
        cal_format_iso(c->license_expires_on, d1);
        cal_format_iso(end, d2);
        renewal_add_action(
            rp, "license-expiry", c->id, c->license_expires_on,
            xasprintf("the license of container %s expires on %s, before the %s term ends on %s",
                      c->id, d1, rp->renews ? "next" : "current", d2),
            xasprintf("download a new license for image version %s with DownloadLicense=True "
                      "while the site is connected, before %s",
                      c->version, d1));
    }
    for (size_t u = 0; u < c->n_upgrades; u++) {
        const inv_upgrade *up = &c->upgrades[u];
        if (up->on < as_of)
            continue;
        cal_format_iso(up->on, d1);
        renewal_add_action(rp, "upgrade", c->id, up->on,
                           xasprintf("container %s is to be upgraded from %s to %s on %s", c->id,
                                     c->version, up->version, d1),
                           xasprintf("pull the image %s and download a new license for it with "
                                     "DownloadLicense=True: a license works only for the image "
                                     "version it was downloaded for",
                                     up->version));
    }
}

static int renewal_plan_cmp(const void *a, const void *b)
{
    const rpt_renewal_plan *x = a, *y = b;
    if (x->plan->last_day != y->plan->last_day)
        return x->plan->last_day < y->plan->last_day ? -1 : 1;
    return x->view->index < y->view->index ? -1 : x->view->index > y->view->index;
}

static int renewal_total_cmp(const void *a, const void *b)
{
    return cp_strcmp(((const rpt_renewal_total *)a)->cost_center,
                     ((const rpt_renewal_total *)b)->cost_center);
}

/* Adds plan rp to total t. Returns 0 or -1 at the limit. */
static int renewal_add_total(rpt_renewal_total *t, const rpt_renewal_plan *rp, int digits)
{
    t->n_plans++;
    if (!rp->renews)
        return 0;
    t->n_renewing++;
    return money_add(&t->renewal_amount, rp->renewal_amount, digits) == MONEY_OK ? 0 : -1;
}

int rpt_renewal_build(const inv_inventory *inv, const plan_views *pv, const rule_findings *findings,
                      int year, rpt_renewal *out, cp_errors *errs)
{
    int digits = inv->currency_digits;
    int rc = -1;
    long *slot = xcalloc(pv->n_plans ? pv->n_plans : 1, sizeof *slot);
    const rule_finding **sorted = xcalloc(findings->count ? findings->count : 1, sizeof *sorted);
    memset(out, 0, sizeof *out);
    out->as_of = pv->as_of;
    out->year = year > 0 ? year : rpt_renewal_default_year(inv, pv->as_of);
    out->total.cost_center = "";

    out->plans = xcalloc(pv->n_plans ? pv->n_plans : 1, sizeof *out->plans);
    for (size_t i = 0; i < pv->n_plans; i++) {
        const plan_view *v = &pv->plans[i];
        const inv_plan *p = v->plan;
        int y;
        cal_to_ymd(v->term.last_day, &y, NULL, NULL);
        if (y != out->year)
            continue;
        rpt_renewal_plan *rp = &out->plans[out->n_plans++];
        rp->view = v;
        rp->plan = p;
        rp->days_left = (int64_t)p->decision_deadline - pv->as_of;
        rp->overdue = rp->days_left < 0;
        rp->units_now = p->units;
        for (size_t k = 0; k < p->n_purchases; k++)
            if (p->purchases[k].date <= pv->as_of)
                rp->units_now += p->purchases[k].units;
        rp->renews = v->has_next_term;
        if (rp->renews) {
            rp->next_term = v->next_term.term;
            rp->units_at_renewal = v->next_term.units;
            rp->renewal_unit_price = v->next_term.unit_price;
            rp->renewal_amount = v->next_term.amount;
        }
    }
    if (out->n_plans > 1)
        qsort(out->plans, out->n_plans, sizeof *out->plans, renewal_plan_cmp);
    for (size_t i = 0; i < pv->n_plans; i++)
        slot[i] = -1;
    for (size_t i = 0; i < out->n_plans; i++)
        slot[out->plans[i].view->index] = (long)i;

    for (size_t i = 0; i < findings->count; i++)
        sorted[i] = &findings->items[i];
    if (findings->count > 1)
        qsort(sorted, findings->count, sizeof *sorted, renewal_finding_cmp);
    for (size_t c = 0; c < inv->n_containers; c++) {
        const inv_container *ct = &inv->containers[c];
        if (ct->plan < pv->n_plans && slot[ct->plan] >= 0)
            renewal_container_actions(&out->plans[slot[ct->plan]], ct, sorted, findings->count,
                                      pv->as_of);
    }

    out->cost_centers = xcalloc(out->n_plans ? out->n_plans : 1, sizeof *out->cost_centers);
    for (size_t i = 0; i < out->n_plans; i++) {
        const rpt_renewal_plan *rp = &out->plans[i];
        const char *cc = rp->plan->cost_center ? rp->plan->cost_center : RENEWAL_NO_COST_CENTER;
        rpt_renewal_total *t = NULL;
        for (size_t k = 0; k < out->n_cost_centers && !t; k++)
            if (strcmp(out->cost_centers[k].cost_center, cc) == 0)
                t = &out->cost_centers[k];
        if (!t) {
            t = &out->cost_centers[out->n_cost_centers++];
            t->cost_center = cc;
        }
        if (renewal_add_total(t, rp, digits) != 0 ||
            renewal_add_total(&out->total, rp, digits) != 0) {
            cp_errors_add(errs, inv->file, 0, 0, 0, NULL, NULL,
                          "report renewal: the renewals total 10^15 %s or more", inv->currency);
            goto out;
        }
    }
    if (out->n_cost_centers > 1)
        qsort(out->cost_centers, out->n_cost_centers, sizeof *out->cost_centers, renewal_total_cmp);
    rc = 0;
out:
    if (rc != 0)
        rpt_renewal_free(out);
    free(slot);
    free(sorted);
    return rc;
}

void rpt_renewal_add_usage(rpt_renewal *r, const usage_report *u)
{
    r->with_usage = true;
    r->headroom_percent = u->headroom_percent;
    r->n_below = r->n_above = 0;
    for (size_t i = 0; i < r->n_plans; i++) {
        rpt_renewal_plan *rp = &r->plans[i];
        rp->usage = usage_find_plan(u, rp->view->index);
        rp->fit = USAGE_FIT_OK;
        if (!rp->usage || !rp->renews)
            continue;
        rp->fit = usage_check_units(rp->usage, rp->units_at_renewal);
        if (rp->fit == USAGE_FIT_BELOW)
            r->n_below++;
        else if (rp->fit == USAGE_FIT_ABOVE)
            r->n_above++;
    }
}

const char *rpt_renewal_fit_name(usage_fit fit)
{
    switch (fit) {
    case USAGE_FIT_BELOW:
        return "below-projection";
    case USAGE_FIT_ABOVE:
        return "above-twice-projection";
    case USAGE_FIT_OK:
        break;
    }
    return "ok";
}

/* The flag of a fit for people: NULL when the renewal fits. */
static const char *renewal_fit_flag(usage_fit fit)
{
    switch (fit) {
    case USAGE_FIT_BELOW:
        return "below projection";
    case USAGE_FIT_ABOVE:
        return "more than twice the projection";
    case USAGE_FIT_OK:
        break;
    }
    return NULL;
}

void rpt_renewal_free(rpt_renewal *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_plans; i++) {
        for (size_t k = 0; k < r->plans[i].n_actions; k++) {
            free(r->plans[i].actions[k].message);
            free(r->plans[i].actions[k].hint);
        }
        free(r->plans[i].actions);
    }
    free(r->plans);
    free(r->cost_centers);
    memset(r, 0, sizeof *r);
}

/* The usage object of a plan: null when the plan has no quota. */
static void renewal_json_usage(rpt_json *w, const rpt_renewal_plan *rp)
{
    char num[USAGE_DEC_SIZE];
    const usage_plan *u = rp->usage;
    if (!u) {
        rpt_json_null(w);
        return;
    }
    rpt_json_object(w, true);
    rpt_json_key(w, "unit");
    rpt_json_string(w, u->unit);
    rpt_json_key(w, "licensed");
    rpt_json_raw(w, usage_dec_format(u->fig.licensed, num));
    rpt_json_key(w, "projected");
    rpt_json_raw(w, u->fig.projected_text);
    rpt_json_key(w, "recommended_units");
    rpt_json_int(w, u->fig.recommended_units);
    rpt_json_key(w, "fit");
    rpt_json_string(w, rp->renews ? rpt_renewal_fit_name(rp->fit) : NULL);
    rpt_json_end(w);
}

static void renewal_json_plan(rpt_json *w, const rpt_renewal_plan *rp, bool with_usage, int digits)
{
    const inv_plan *p = rp->plan;
    const plan_view *v = rp->view;
    char buf[40];
    rpt_json_object(w, false);
    rpt_json_key(w, "id");
    rpt_json_string(w, p->id);
    rpt_json_key(w, "service");
    rpt_json_string(w, p->service);
    rpt_json_key(w, "owner");
    rpt_json_string(w, p->owner);
    rpt_json_key(w, "cost_center");
    rpt_json_string(w, p->cost_center);
    rpt_json_key(w, "auto_renew");
    rpt_json_bool(w, p->auto_renew);
    rpt_json_key(w, "term");
    rpt_json_term(w, &v->term);
    rpt_json_key(w, "cutoff");
    cal_format_iso(v->term.last_day + 1, buf);
    strcat(buf, "T00:00:00Z");
    rpt_json_string(w, buf);
    rpt_json_key(w, "cutoff_local");
    rpt_json_array(w, false);
    for (size_t z = 0; z < v->n_cutoff_local; z++) {
        rpt_json_object(w, true);
        rpt_json_key(w, "zone");
        rpt_json_string(w, v->cutoff_local[z].zone);
        rpt_json_key(w, "time");
        rpt_json_string(w, v->cutoff_local[z].time);
        rpt_json_key(w, "before_local_end_of_last_day");
        rpt_json_bool(w, v->cutoff_local[z].before_local_end_of_last_day);
        rpt_json_end(w);
    }
    rpt_json_end(w);
    rpt_json_key(w, "decision_deadline");
    rpt_json_day(w, p->decision_deadline);
    rpt_json_key(w, "days_left");
    rpt_json_int(w, rp->days_left);
    rpt_json_key(w, "overdue");
    rpt_json_bool(w, rp->overdue);
    rpt_json_key(w, "units_now");
    rpt_json_int(w, rp->units_now);
    rpt_json_key(w, "units_at_renewal");
    if (rp->renews)
        rpt_json_int(w, rp->units_at_renewal);
    else
        rpt_json_null(w);
    rpt_json_key(w, "renewal_unit_price");
    if (rp->renews)
        rpt_json_price(w, rp->renewal_unit_price, digits);
    else
        rpt_json_null(w);
    rpt_json_key(w, "renewal_amount");
    if (rp->renews)
        rpt_json_money(w, rp->renewal_amount, digits);
    else
        rpt_json_null(w);
    rpt_json_key(w, "next_term");
    if (rp->renews)
        rpt_json_term(w, &rp->next_term);
    else
        rpt_json_null(w);
    rpt_json_key(w, "license_actions");
    rpt_json_array(w, false);
    for (size_t i = 0; i < rp->n_actions; i++) {
        const rpt_license_action *a = &rp->actions[i];
        rpt_json_object(w, true);
        rpt_json_key(w, "kind");
        rpt_json_string(w, a->kind);
        rpt_json_key(w, "container");
        rpt_json_string(w, a->container);
        rpt_json_key(w, "date");
        rpt_json_day(w, a->date);
        rpt_json_key(w, "message");
        rpt_json_string(w, a->message);
        rpt_json_key(w, "hint");
        rpt_json_string(w, a->hint);
        rpt_json_end(w);
    }
    rpt_json_end(w);
    if (with_usage) {
        rpt_json_key(w, "usage");
        renewal_json_usage(w, rp);
    }
    rpt_json_end(w);
}

static void renewal_json_total(rpt_json *w, const rpt_renewal_total *t, bool named, int digits)
{
    rpt_json_object(w, true);
    if (named) {
        rpt_json_key(w, "cost_center");
        rpt_json_string(w, t->cost_center);
    }
    rpt_json_key(w, "plans");
    rpt_json_int(w, (int64_t)t->n_plans);
    rpt_json_key(w, "renewing");
    rpt_json_int(w, (int64_t)t->n_renewing);
    rpt_json_key(w, "renewal_amount");
    rpt_json_money(w, t->renewal_amount, digits);
    rpt_json_end(w);
}

void rpt_renewal_json(const rpt_renewal *r, const inv_inventory *inv, cp_buf *out)
{
    int digits = inv->currency_digits;
    rpt_json w;
    rpt_json_begin(&w, out, "report renewal");
    rpt_json_key(&w, "as_of");
    rpt_json_day(&w, r->as_of);
    rpt_json_key(&w, "year");
    rpt_json_int(&w, r->year);
    rpt_json_key(&w, "currency");
    rpt_json_string(&w, inv->currency);
    rpt_json_key(&w, "plans");
    rpt_json_array(&w, false);
    for (size_t i = 0; i < r->n_plans; i++)
        renewal_json_plan(&w, &r->plans[i], r->with_usage, digits);
    rpt_json_end(&w);
    rpt_json_key(&w, "cost_centers");
    rpt_json_array(&w, false);
    for (size_t i = 0; i < r->n_cost_centers; i++)
        renewal_json_total(&w, &r->cost_centers[i], true, digits);
    rpt_json_end(&w);
    rpt_json_key(&w, "total");
    renewal_json_total(&w, &r->total, false, digits);
    rpt_json_end(&w);
    rpt_json_finish(&w);
}

/* The days left as a cell: a count, or "overdue" marked for attention. */
static void renewal_days_left_cell(rpt_table *t, const rpt_renewal_plan *rp)
{
    if (rp->overdue)
        rpt_cell_text(t, "overdue")->alert = true;
    else
        rpt_cell_int(t, rp->days_left)->alert = rp->days_left <= 7;
}

/* The usage fields of a plan: licensed, projected, recommended units and the renewal's fit. */
static void renewal_doc_usage(rpt_table *t, const rpt_renewal_plan *rp, int headroom_percent)
{
    char num[USAGE_DEC_SIZE], note[48];
    const usage_plan *u = rp->usage;
    if (!u) {
        rpt_fields_add(t, "Usage");
        rpt_cell_text(t, "not measurable (no quota_per_unit)");
        return;
    }
    char *label = xasprintf("Licensed %s", u->unit);
    rpt_fields_add(t, label);
    rpt_cell_number(t, usage_dec_format(u->fig.licensed, num));
    free(label);
    label = xasprintf("Projected %s", u->unit);
    rpt_fields_add(t, label);
    rpt_cell *cell = rpt_cell_number(t, u->fig.projected_text);
    rpt_cell_note(cell, u->fig.exhaustion_date != CAL_NONE ? "by the last day; the quota runs out"
                                                           : "by the last day");
    cell->alert = u->fig.exhaustion_date != CAL_NONE;
    free(label);
    rpt_fields_add(t, "Recommended units");
    snprintf(note, sizeof note, "%d%% headroom", headroom_percent);
    rpt_cell_note(rpt_cell_int(t, u->fig.recommended_units), note);
    if (!rp->renews)
        return;
    rpt_fields_add(t, "Renewal vs usage");
    switch (rp->fit) {
    case USAGE_FIT_BELOW:
        rpt_cell_text(t, "below projection: the renewal units buy less than the projected use")
            ->alert = true;
        break;
    case USAGE_FIT_ABOVE:
        rpt_cell_text(t, "more than twice the projection: the renewal units buy more than twice "
                         "the projected use")
            ->alert = true;
        break;
    case USAGE_FIT_OK:
        rpt_cell_text(t, "ok: the renewal units cover the projected use, at most twice over");
        break;
    }
}

static void renewal_doc_plan(rpt_doc *d, const rpt_renewal *r, const rpt_renewal_plan *rp)
{
    const inv_plan *p = rp->plan;
    const plan_view *v = rp->view;
    rpt_doc_heading(d, RPT_F_HUMAN, "%s (%s)", p->id, p->service);
    rpt_table *t = rpt_doc_fields(d, RPT_F_HUMAN);
    rpt_fields_add(t, "Service");
    rpt_cell_text(t, p->service);
    if (p->resource) {
        rpt_fields_add(t, "Resource");
        rpt_cell_text(t, p->resource);
    }
    rpt_fields_add(t, "Owner");
    rpt_cell_text(t, p->owner);
    rpt_fields_add(t, "Cost center");
    rpt_cell_text(t, p->cost_center);
    rpt_fields_add(t, "Auto-renew");
    if (rp->renews)
        rpt_cell_text(t,
                      "on: the plan renews unless \"Do not auto-renew\" is set before the cutoff");
    else
        rpt_cell_text(t, "off: the plan ends with this term")->alert = true;
    rpt_fields_add(t, "Last day");
    rpt_cell_date(t, v->term.last_day);
    rpt_fields_add(t, "Cutoff");
    rpt_cell_instant(t, v->cutoff, NULL);
    for (size_t z = 0; z < v->n_cutoff_local; z++) {
        const plan_cutoff_local *c = &v->cutoff_local[z];
        rpt_fields_add(t, "Cutoff");
        rpt_cell *cell = rpt_cell_instant(t, v->cutoff, c->zone);
        if (c->before_local_end_of_last_day) {
            cell->alert = true;
            rpt_cell_note(cell, "before the end of the local last day");
        }
    }
    rpt_fields_add(t, "Decision deadline");
    rpt_cell_date(t, p->decision_deadline)->alert = rp->overdue;
    rpt_fields_add(t, "Days left");
    renewal_days_left_cell(t, rp);
    rpt_fields_add(t, "Units now");
    rpt_cell_int(t, rp->units_now);
    if (rp->renews) {
        rpt_fields_add(t, "Units at renewal");
        rpt_cell_int(t, rp->units_at_renewal);
        rpt_fields_add(t, "Renewal unit price");
        rpt_cell_price(t, rp->renewal_unit_price);
        rpt_fields_add(t, "Renewal amount");
        rpt_cell_money(t, rp->renewal_amount);
    }
    if (r->with_usage)
        renewal_doc_usage(t, rp, r->headroom_percent);
    if (rp->n_actions == 0) {
        rpt_fields_add(t, "License actions");
        rpt_cell_text(t, "none");
    }
    for (size_t i = 0; i < rp->n_actions; i++) {
        const rpt_license_action *a = &rp->actions[i];
        char *s = xasprintf("%s; %s", a->message, a->hint);
        rpt_fields_add(t, "License action");
        rpt_cell_text(t, s)->alert = strcmp(a->kind, "upgrade") != 0;
        free(s);
    }
}

/* The usage cells of a CSV row: unit, licensed, projected, recommended units, fit. */
static void renewal_csv_usage(rpt_table *t, const rpt_renewal_plan *rp)
{
    char licensed[USAGE_DEC_SIZE];
    const usage_plan *u = rp->usage;
    if (!u) {
        for (int k = 0; k < 5; k++)
            rpt_cell_none(t);
        return;
    }
    rpt_cell_text(t, u->unit);
    rpt_cell_number(t, usage_dec_format(u->fig.licensed, licensed));
    rpt_cell_number(t, u->fig.projected_text);
    rpt_cell_int(t, u->fig.recommended_units);
    rpt_cell_text(t, rp->renews ? rpt_renewal_fit_name(rp->fit) : NULL);
}

rpt_doc *rpt_renewal_doc(const rpt_renewal *r, const inv_inventory *inv, const char *locale)
{
    char title[64];
    snprintf(title, sizeof title, "Renewals %d", r->year);
    rpt_doc *d = rpt_doc_new(title, inv->organization, r->as_of, inv->currency,
                             inv->currency_digits, locale);
    if (r->n_plans == 0)
        rpt_doc_para(d, RPT_F_HUMAN, "No current term ends in %d.", r->year);
    else
        rpt_doc_para(d, RPT_F_HUMAN, "%zu plan%s ha%s a current term ending in %d.", r->n_plans,
                     r->n_plans == 1 ? "" : "s", r->n_plans == 1 ? "s" : "ve", r->year);
    if (r->with_usage && r->n_plans > 0)
        rpt_doc_para(d, RPT_F_HUMAN,
                     "Usage records: %zu renewal%s below the projection, %zu more than twice it.",
                     r->n_below, r->n_below == 1 ? "" : "s", r->n_above);

    /* with usage records, "Recommended" comes after "At renewal" */
    static const rpt_column sum_cols[9] = {
        {"Plan", "plan", false},
        {"Cost center", "cost_center", false},
        {"Last day", "last_day", false},
        {"Decision deadline", "decision_deadline", false},
        {"Days left", "days_left", true},
        {"Units now", "units_now", true},
        {"At renewal", "units_at_renewal", true},
        {"Recommended", "recommended_units", true},
        {"Renewal amount", "renewal_amount", true},
    };
    static const rpt_column sum_cols_plain[8] = {
        {"Plan", "plan", false},
        {"Cost center", "cost_center", false},
        {"Last day", "last_day", false},
        {"Decision deadline", "decision_deadline", false},
        {"Days left", "days_left", true},
        {"Units now", "units_now", true},
        {"At renewal", "units_at_renewal", true},
        {"Renewal amount", "renewal_amount", true},
    };
    if (r->n_plans > 0) {
        rpt_doc_heading(d, RPT_F_HUMAN, "Summary");
        rpt_table *t = r->with_usage ? rpt_doc_table(d, RPT_F_HUMAN, sum_cols, 9)
                                     : rpt_doc_table(d, RPT_F_HUMAN, sum_cols_plain, 8);
        for (size_t i = 0; i < r->n_plans; i++) {
            const rpt_renewal_plan *rp = &r->plans[i];
            rpt_table_row(t, false);
            rpt_cell_text(t, rp->plan->id);
            rpt_cell_text(t, rp->plan->cost_center);
            rpt_cell_date(t, rp->view->term.last_day);
            rpt_cell_date(t, rp->plan->decision_deadline)->alert = rp->overdue;
            renewal_days_left_cell(t, rp);
            rpt_cell_int(t, rp->units_now);
            if (rp->renews) {
                rpt_cell *cell = rpt_cell_int(t, rp->units_at_renewal);
                const char *flag = rp->usage ? renewal_fit_flag(rp->fit) : NULL;
                if (flag) {
                    cell->alert = true;
                    rpt_cell_note(cell, flag);
                }
            } else {
                rpt_cell_text(t, "ends");
            }
            if (r->with_usage) {
                if (rp->usage)
                    rpt_cell_int(t, rp->usage->fig.recommended_units);
                else
                    rpt_cell_none(t);
            }
            if (rp->renews)
                rpt_cell_money(t, rp->renewal_amount);
            else
                rpt_cell_none(t);
        }
        rpt_table_row(t, true);
        rpt_cell_text(t, "Total");
        for (int k = 0; k < (r->with_usage ? 7 : 6); k++)
            rpt_cell_none(t);
        rpt_cell_money(t, r->total.renewal_amount);

        rpt_timeline *tl = rpt_doc_timeline(d, RPT_F_HTML, r->as_of);
        for (size_t i = 0; i < r->n_plans; i++) {
            const rpt_renewal_plan *rp = &r->plans[i];
            rpt_timeline_row *row = rpt_timeline_add(tl, rp->plan->id);
            row->start = rp->view->term.start;
            row->last_day = rp->view->term.last_day;
            if (rp->renews) {
                row->next_start = rp->next_term.start;
                row->next_last_day = rp->next_term.last_day;
            }
            row->deadline = rp->plan->decision_deadline;
            row->cutoff = rp->view->term.last_day + 1;
        }
    }
    for (size_t i = 0; i < r->n_plans; i++)
        renewal_doc_plan(d, r, &r->plans[i]);

    static const rpt_column tot_cols[4] = {
        {"Cost center", "cost_center", false},
        {"Plans", "plans", true},
        {"Renewing", "renewing", true},
        {"Renewal amount", "renewal_amount", true},
    };
    rpt_doc_heading(d, RPT_F_HUMAN, "Totals per cost center");
    rpt_table *t = rpt_doc_table(d, RPT_F_HUMAN, tot_cols, 4);
    for (size_t i = 0; i < r->n_cost_centers; i++) {
        rpt_table_row(t, false);
        rpt_cell_text(t, r->cost_centers[i].cost_center);
        rpt_cell_int(t, (int64_t)r->cost_centers[i].n_plans);
        rpt_cell_int(t, (int64_t)r->cost_centers[i].n_renewing);
        rpt_cell_money(t, r->cost_centers[i].renewal_amount);
    }
    rpt_table_row(t, true);
    rpt_cell_text(t, "Total");
    rpt_cell_int(t, (int64_t)r->total.n_plans);
    rpt_cell_int(t, (int64_t)r->total.n_renewing);
    rpt_cell_money(t, r->total.renewal_amount);

    /* with usage records, the last 5 columns follow the others */
    static const rpt_column csv_cols[22] = {
        {"Plan", "plan", false},
        {"Service", "service", false},
        {"Owner", "owner", false},
        {"Cost center", "cost_center", false},
        {"Auto-renew", "auto_renew", false},
        {"Last day", "last_day", false},
        {"Cutoff", "cutoff_utc", false},
        {"Cutoff in each zone", "cutoff_local", false},
        {"Decision deadline", "decision_deadline", false},
        {"Days left", "days_left", true},
        {"Overdue", "overdue", false},
        {"Units now", "units_now", true},
        {"Units at renewal", "units_at_renewal", true},
        {"Renewal unit price", "renewal_unit_price", true},
        {"Renewal amount", "renewal_amount", true},
        {"Currency", "currency", false},
        {"License actions", "license_actions", false},
        {"Usage unit", "usage_unit", false},
        {"Licensed", "licensed", true},
        {"Projected use", "projected", true},
        {"Recommended units", "recommended_units", true},
        {"Usage fit", "usage_fit", false},
    };
    t = rpt_doc_table(d, RPT_F_CSV, csv_cols, r->with_usage ? 22 : 17);
    for (size_t i = 0; i < r->n_plans; i++) {
        const rpt_renewal_plan *rp = &r->plans[i];
        const plan_view *v = rp->view;
        cp_buf s = {0};
        rpt_table_row(t, false);
        rpt_cell_text(t, rp->plan->id);
        rpt_cell_text(t, rp->plan->service);
        rpt_cell_text(t, rp->plan->owner);
        rpt_cell_text(t, rp->plan->cost_center);
        rpt_cell_text(t, rp->plan->auto_renew ? "true" : "false");
        rpt_cell_date(t, v->term.last_day);
        rpt_cell_instant(t, v->cutoff, NULL);
        for (size_t z = 0; z < v->n_cutoff_local; z++)
            cp_buf_printf(&s, "%s%s %s", z ? "; " : "", v->cutoff_local[z].zone,
                          v->cutoff_local[z].time);
        rpt_cell_text(t, cp_buf_str(&s));
        rpt_cell_date(t, rp->plan->decision_deadline);
        rpt_cell_int(t, rp->days_left);
        rpt_cell_text(t, rp->overdue ? "true" : "false");
        rpt_cell_int(t, rp->units_now);
        if (rp->renews) {
            rpt_cell_int(t, rp->units_at_renewal);
            rpt_cell_price(t, rp->renewal_unit_price);
            rpt_cell_money(t, rp->renewal_amount);
        } else {
            rpt_cell_none(t);
            rpt_cell_none(t);
            rpt_cell_none(t);
        }
        rpt_cell_text(t, inv->currency);
        cp_buf_reset(&s);
        for (size_t k = 0; k < rp->n_actions; k++)
            cp_buf_printf(&s, "%s%s", k ? "; " : "", rp->actions[k].message);
        rpt_cell_text(t, cp_buf_str(&s));
        cp_buf_free(&s);
        if (r->with_usage)
            renewal_csv_usage(t, rp);
    }
    return d;
}
