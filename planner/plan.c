/*
 * The plan view (see plan.h): terms after the current one, projected renewals
 * within the horizon, cutoffs in every configured zone, and the timeline of
 * anchor dates and charges. Every later term is computed from the current
 * term_start with cal_add_years, so a clamped February 29th never drifts.
 */
#include "config.h"

#include "planner/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const plan_event_names[] = {
    "approval_due",   "charge",          "decision_deadline", "last_day",
    "license_expiry", "next_term_start", "upgrade",
};

const char *plan_event_kind_name(plan_event_kind k)
{
    if ((size_t)k < sizeof plan_event_names / sizeof plan_event_names[0])
        return plan_event_names[k];
    return "unknown";
}

cal_day plan_horizon_end(cal_day as_of, int days)
{
    int64_t end = (int64_t)as_of + (days > 0 ? days : 0);
    return end > CAL_MAX_DAY ? CAL_MAX_DAY : (cal_day)end;
}

int plan_term_k(const inv_plan *p, inv_term_basis basis, int k, plan_term *out)
{
    cal_day start = cal_add_years(p->term_start, k);
    if (start > CAL_MAX_DAY)
        return -1;
    cal_day last = basis == INV_TERM_CALENDAR_YEAR ? inv_term_last_day(basis, start)
                                                   : cal_add_years(p->term_start, k + 1) - 1;
    if (last > CAL_MAX_DAY)
        return -1;
    out->start = start;
    out->last_day = last;
    out->days = (int)(last - start + 1);
    return 0;
}

/* Appends a charge to the view's list. */
static void plan_push_charge(plan_view *v, size_t *cap, const chg_charge *c)
{
    if (v->n_charges == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        v->charges = xrealloc(v->charges, *cap * sizeof *v->charges);
    }
    v->charges[v->n_charges++] = *c;
}

/* Adds a projected renewal of date to v and to its projected total. Returns 0 or -1 (limit). */
static int plan_add_renewal(plan_view *v, size_t *cap, cal_day date, int digits)
{
    const inv_plan *p = v->plan;
    chg_charge c;
    memset(&c, 0, sizeof c);
    c.kind = CHG_RENEWAL;
    c.date = date;
    c.units = p->renewal_units;
    c.amount = p->renewal_amount;
    c.projected = true;
    c.prorated = false;
    c.purchase = -1;
    plan_push_charge(v, cap, &c);
    return money_add(&v->projected_total, c.amount, digits) == MONEY_OK ? 0 : -1;
}

/* Whether zone was already listed in v's cutoffs. */
static bool plan_zone_listed(const plan_view *v, const char *zone)
{
    for (size_t i = 0; i < v->n_cutoff_local; i++)
        if (strcmp(v->cutoff_local[i].zone, zone) == 0)
            return true;
    return false;
}

/* Adds the cutoff as seen in zone (once per zone). Returns 0 or -1. */
static int plan_add_zone(plan_view *v, const char *zone)
{
    if (plan_zone_listed(v, zone))
        return 0;
    plan_cutoff_local *c = &v->cutoff_local[v->n_cutoff_local];
    memset(c, 0, sizeof *c);
    c->zone = zone;
    if (cal_zone_format_iso(zone, v->cutoff, c->time, &c->local_day) != 0)
        return -1;
    c->before_local_end_of_last_day = c->local_day == v->term.last_day;
    v->n_cutoff_local++;
    return 0;
}

/* Fills the view of plan index i. Returns 0, or -1 with a message in errs. */
static int plan_view_build(const inv_inventory *inv, size_t i, cal_day as_of, cal_day horizon_end,
                           plan_view *v, cp_errors *errs)
{
    const inv_plan *p = &inv->plans[i];
    int digits = inv->currency_digits;
    size_t cap = 0;

    v->plan = p;
    v->index = i;
    v->term.start = p->term_start;
    v->term.last_day = p->last_day;
    v->term.days = p->term_days;
    v->units_at_start = p->units;
    v->units_at_end = inv_units_at_end(p);
    if (p->last_day >= CAL_MAX_DAY) {
        inv_plan_error(inv, i, NULL, errs, "plan terms that end before 9999-12-31",
                       "plan %s: its cutoff, the day after the last day, is after 9999-12-31",
                       p->id);
        return -1;
    }
    v->cutoff = cal_instant_of_day(p->last_day + 1);

    v->cutoff_local = xcalloc(inv->n_time_zones + 1, sizeof *v->cutoff_local);
    for (size_t z = 0; z < inv->n_time_zones; z++)
        if (plan_add_zone(v, inv->time_zones[z]) != 0)
            goto zone_error;
    if (p->time_zone && plan_add_zone(v, p->time_zone) != 0)
        goto zone_error;

    for (size_t c = 0; c < p->n_charges; c++) {
        plan_push_charge(v, &cap, &p->charges[c]);
        if (money_add(&v->current_total, p->charges[c].amount, digits) != MONEY_OK) {
            inv_plan_error(inv, i, NULL, errs, NULL,
                           "plan %s: the charges of the current term total 10^15 %s or more", p->id,
                           inv->currency);
            return -1;
        }
    }
    v->n_current = v->n_charges;

    if (!p->auto_renew)
        return 0;
    v->has_next_term = true;
    if (plan_term_k(p, inv->settings.basis, 1, &v->next_term.term) != 0) {
        inv_plan_error(inv, i, NULL, errs, "set auto_renew to false for such a plan",
                       "plan %s: the next term would end after 9999-12-31", p->id);
        return -1;
    }
    v->next_term.units = p->renewal_units;
    v->next_term.unit_price = p->renewal_unit_price;
    v->next_term.amount = p->renewal_amount;
    if (plan_add_renewal(v, &cap, v->next_term.term.start, digits) != 0)
        goto limit;

    /* Later terms starting within the horizon; start near as_of's year, not at term 2. */
    int start_year, as_of_year;
    cal_to_ymd(p->term_start, &start_year, NULL, NULL);
    cal_to_ymd(as_of, &as_of_year, NULL, NULL);
    int k = as_of_year - start_year - 1;
    if (k < 2)
        k = 2;
    /* Only the start matters here: a renewal dated in 9999 is listed even if its term ends later.
     */
    for (;; k++) {
        cal_day start = cal_add_years(p->term_start, k);
        if (start > CAL_MAX_DAY || start > horizon_end)
            break;
        if (start < as_of)
            continue;
        if (plan_add_renewal(v, &cap, start, digits) != 0)
            goto limit;
    }
    return 0;

zone_error:
    inv_plan_error(inv, i, NULL, errs, NULL,
                   "plan %s: its cutoff cannot be shown in every time zone", p->id);
    return -1;
limit:
    inv_plan_error(inv, i, NULL, errs, "shorten the horizon (--horizon DAYS)",
                   "plan %s: the projected renewals total 10^15 %s or more", p->id, inv->currency);
    return -1;
}

/* A growable list of events. */
typedef struct plan_event_list {
    plan_event *items;
    size_t n, cap;
    cal_day from, to;
} plan_event_list;

/*
 * Adds an event when its date lies in the horizon. subject is borrowed from
 * the inventory unless owned is set (then it is the event's, freed with it).
 * rank is the subject's place in the bytewise order of its kind's subjects.
 */
static void plan_event_add(plan_event_list *l, cal_day date, plan_event_kind kind,
                           const char *subject, char *owned, size_t rank, long plan, long container,
                           long subscription, const chg_charge *charge)
{
    if (date == CAL_NONE || date < l->from || date > l->to) {
        free(owned);
        return;
    }
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    plan_event *e = &l->items[l->n];
    e->date = date;
    e->kind = kind;
    e->subject = owned ? owned : subject;
    e->owned = owned;
    e->rank = rank;
    e->plan = plan;
    e->container = container;
    e->subscription = subscription;
    e->charge = charge;
    e->seq = l->n;
    l->n++;
}

/*
 * Timeline order: date, kind name, subject (bytewise), then order of
 * insertion. The kinds are numbered in the order of their names and the
 * subjects carry their rank among the subjects of their kind, so the sort
 * compares integers only.
 */
static int plan_event_cmp(const void *a, const void *b)
{
    const plan_event *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* A string and its index, to rank strings. */
typedef struct plan_str_ix {
    const char *s;
    size_t i;
} plan_str_ix;

static int plan_str_ix_cmp(const void *a, const void *b)
{
    const plan_str_ix *x = a, *y = b;
    int c = strcmp(x->s, y->s);
    if (c)
        return c;
    return (x->i > y->i) - (x->i < y->i);
}

/*
 * The rank of each of the n strings at stride bytes apart from first (a
 * pointer to a const char * member, NULL when n is 0): its place in bytewise order, equal
 * strings sharing the rank of the first of them. Strings already in
 * ascending order, as inventories often list their ids, are ranked in one
 * pass.
 */
static size_t *plan_ranks(const void *first, size_t stride, size_t n)
{
    size_t *rank = xcalloc(n ? n : 1, sizeof *rank);
#define PLAN_STR(k) (*(const char *const *)((const char *)first + (k)*stride))
    size_t k = 1;
    while (k < n && strcmp(PLAN_STR(k - 1), PLAN_STR(k)) < 0)
        k++;
    if (k >= n) {
        for (size_t i = 0; i < n; i++)
            rank[i] = i;
        return rank;
    }
    plan_str_ix *ix = xcalloc(n, sizeof *ix);
    for (size_t i = 0; i < n; i++) {
        ix[i].s = PLAN_STR(i);
        ix[i].i = i;
    }
#undef PLAN_STR
    qsort(ix, n, sizeof *ix, plan_str_ix_cmp);
    for (size_t i = 0, r = 0; i < n; i++) {
        if (i > 0 && strcmp(ix[i - 1].s, ix[i].s) != 0)
            r = i;
        rank[ix[i].i] = r;
    }
    free(ix);
    return rank;
}

/* Ranks the subjects of the upgrade events, strings made for the events. */
static void plan_rank_upgrades(plan_event_list *l)
{
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        n += l->items[i].kind == PLAN_EV_UPGRADE;
    if (n == 0)
        return;
    const char **subjects = xcalloc(n, sizeof *subjects);
    size_t *at = xcalloc(n, sizeof *at);
    for (size_t i = 0, j = 0; i < l->n; i++)
        if (l->items[i].kind == PLAN_EV_UPGRADE) {
            subjects[j] = l->items[i].owned;
            at[j++] = i;
        }
    size_t *rank = plan_ranks(subjects, sizeof *subjects, n);
    for (size_t j = 0; j < n; j++)
        l->items[at[j]].rank = rank[j];
    free(rank);
    free(at);
    free(subjects);
}

/* Collects every event of the horizon and sorts them. */
static void plan_events_build(const inv_inventory *inv, plan_views *out)
{
    plan_event_list l = {NULL, 0, 0, out->as_of, out->horizon_end};
    size_t *plan_rank =
        plan_ranks(inv->n_plans ? &inv->plans[0].id : NULL, sizeof *inv->plans, inv->n_plans);
    for (size_t i = 0; i < out->n_plans; i++) {
        const plan_view *v = &out->plans[i];
        const inv_plan *p = v->plan;
        long pi = (long)i;
        size_t r = plan_rank[i];
        plan_event_add(&l, p->decision_deadline, PLAN_EV_DECISION_DEADLINE, p->id, NULL, r, pi, -1,
                       -1, NULL);
        plan_event_add(&l, p->last_day, PLAN_EV_LAST_DAY, p->id, NULL, r, pi, -1, -1, NULL);
        if (v->has_next_term)
            plan_event_add(&l, v->next_term.term.start, PLAN_EV_NEXT_TERM_START, p->id, NULL, r, pi,
                           -1, -1, NULL);
        for (size_t c = 0; c < v->n_charges; c++)
            plan_event_add(&l, v->charges[c].date, PLAN_EV_CHARGE, p->id, NULL, r, pi, -1, -1,
                           &v->charges[c]);
    }
    free(plan_rank);
    size_t *container_rank = plan_ranks(inv->n_containers ? &inv->containers[0].id : NULL,
                                        sizeof *inv->containers, inv->n_containers);
    for (size_t i = 0; i < inv->n_containers; i++) {
        const inv_container *c = &inv->containers[i];
        if (c->has_license)
            plan_event_add(&l, c->license_expires_on, PLAN_EV_LICENSE_EXPIRY, c->id, NULL,
                           container_rank[i], (long)c->plan, (long)i, -1, NULL);
        for (size_t u = 0; u < c->n_upgrades; u++)
            plan_event_add(&l, c->upgrades[u].on, PLAN_EV_UPGRADE, NULL,
                           xasprintf("%s@%s", c->id, c->upgrades[u].version), 0, (long)c->plan,
                           (long)i, -1, NULL);
    }
    free(container_rank);
    plan_rank_upgrades(&l);
    size_t *subscription_rank = plan_ranks(inv->n_subscriptions ? &inv->subscriptions[0].id : NULL,
                                           sizeof *inv->subscriptions, inv->n_subscriptions);
    for (size_t i = 0; i < inv->n_subscriptions; i++) {
        const inv_subscription *s = &inv->subscriptions[i];
        if (s->access == INV_ACCESS_PENDING)
            plan_event_add(&l, s->approval_due, PLAN_EV_APPROVAL_DUE, s->id, NULL,
                           subscription_rank[i], -1, -1, (long)i, NULL);
    }
    free(subscription_rank);
    if (l.n > 1)
        qsort(l.items, l.n, sizeof *l.items, plan_event_cmp);
    out->events = l.items;
    out->n_events = l.n;
}

int plan_views_build(const inv_inventory *inv, cal_day as_of, int horizon_days, plan_views *out,
                     cp_errors *errs)
{
    memset(out, 0, sizeof *out);
    out->as_of = as_of;
    out->horizon_end = plan_horizon_end(as_of, horizon_days);
    out->plans = xcalloc(inv->n_plans ? inv->n_plans : 1, sizeof *out->plans);
    for (size_t i = 0; i < inv->n_plans; i++) {
        out->n_plans = i + 1;
        if (plan_view_build(inv, i, as_of, out->horizon_end, &out->plans[i], errs) != 0) {
            plan_views_free(out);
            return -1;
        }
    }
    plan_events_build(inv, out);
    return 0;
}

void plan_views_free(plan_views *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n_plans; i++) {
        free(v->plans[i].cutoff_local);
        free(v->plans[i].charges);
    }
    free(v->plans);
    for (size_t i = 0; i < v->n_events; i++)
        free(v->events[i].owned);
    free(v->events);
    memset(v, 0, sizeof *v);
}
