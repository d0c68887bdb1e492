/*
 * Tests of the plan view (rules.md §1-§3, §8; cli.md `plan`): projected
 * renewals bounded by the horizon, anniversary terms from February 29th
 * without drift, cutoffs in several zones, the order and the range of the
 * timeline, and a randomized cross-check of every computed term, charge and
 * deadline against an independent recomputation (its own exact rounding and a
 * brute-force business-day walk). Inventories go through inv_load from JSON
 * text, with a test policy hook that hands out the settings.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/zone.h"
#include "planner/inventory.h"
#include "planner/plan.h"
#include "tests/suites.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

static cal_day pt_day(const char *iso)
{
    cal_day d;
    ck_assert_msg(cal_parse_iso(iso, strlen(iso), &d) == 0, "bad test date %s", iso);
    return d;
}

static int pt_hook(void *ctx, const jr_doc *doc, const jr_value *policy, inv_settings *settings,
                   cp_errors *errs)
{
    (void)doc;
    (void)policy;
    (void)errs;
    *settings = *(const inv_settings *)ctx;
    return 0;
}

/* Loads an inventory from JSON text with settings s (NULL: the defaults); fails the test on error.
 */
static inv_inventory *pt_load_json(const char *json, const inv_settings *s)
{
    inv_settings def;
    inv_settings_default(&def);
    cp_errors errs;
    cp_errors_init(&errs);
    inv_inventory *inv = NULL;
    int rc =
        inv_load("test.json", json, strlen(json), pt_hook, (void *)(s ? s : &def), &inv, &errs);
    if (rc != 0) {
        cp_buf b = {0};
        if (errs.count)
            cp_errors_format(&errs, 0, &b);
        ck_abort_msg("inventory rejected: %s\n%s", cp_buf_str(&b), json);
        cp_buf_free(&b);
    }
    cp_errors_free(&errs);
    return inv;
}

/* An inventory around plans (a JSON array) with one approved subscription "sub". */
static inv_inventory *pt_load(const char *zones, const char *subs_extra, const char *plans,
                              const char *containers, const inv_settings *s)
{
    char *json = xasprintf("{\"inventory\": 1, \"currency\": \"USD\", \"time_zones\": %s,\n"
                           "\"subscriptions\": [{\"id\": \"sub\", \"access\": {\"status\": "
                           "\"approved\", \"requested_on\": \"2020-01-01\"}}%s],\n"
                           "\"plans\": %s,\n\"containers\": %s}",
                           zones, subs_extra, plans, containers);
    inv_inventory *inv = pt_load_json(json, s);
    free(json);
    return inv;
}

/* A plan object with the given id, term_start, auto_renew and extra members (",..." or ""). */
static char *pt_plan(const char *id, const char *term_start, bool auto_renew, const char *extra)
{
    return xasprintf("{\"id\": \"%s\", \"subscription\": \"sub\", \"service\": \"speech-to-text\", "
                     "\"term_start\": \"%s\", \"units\": 2, \"unit_price\": \"100.00\", "
                     "\"auto_renew\": %s%s}",
                     id, term_start, auto_renew ? "true" : "false", extra);
}

static void pt_build(const inv_inventory *inv, const char *as_of, int horizon, plan_views *pv)
{
    cp_errors errs;
    cp_errors_init(&errs);
    int rc = plan_views_build(inv, pt_day(as_of), horizon, pv, &errs);
    ck_assert_msg(rc == 0, "plan_views_build failed (%zu errors)", errs.count);
    cp_errors_free(&errs);
}

/* --- projected renewals within the horizon */

static const struct {
    const char *term_start, *as_of;
    int horizon;
    size_t n_projected;
    const char *last_projected;
} pt_renewal_table[] = {
    {"2026-01-01", "2026-12-03", 1, 1, "2027-01-01"},
    {"2026-01-01", "2026-12-03", 29, 1, "2027-01-01"},
    {"2026-01-01", "2026-12-03", 393, 1, "2027-01-01"},
    {"2026-01-01", "2026-12-03", 394, 2, "2028-01-01"},
    {"2026-01-01", "2026-12-03", 3660, 10, "2036-01-01"},
    {"2026-01-01", "2030-06-01", 365, 2, "2031-01-01"},  /* stale: next term, then 2031 */
    {"2026-01-01", "2020-01-01", 3660, 4, "2030-01-01"}, /* planned ahead */
    {"9997-01-01", "9997-06-01", 3660, 2, "9999-01-01"}, /* stops before 10000 */
};

START_TEST(test_projected_renewals)
{
    char *plan = pt_plan("p", pt_renewal_table[_i].term_start, true, "");
    char *plans = xasprintf("[%s]", plan);
    inv_inventory *inv = pt_load("[]", "", plans, "[]", NULL);
    plan_views pv;
    pt_build(inv, pt_renewal_table[_i].as_of, pt_renewal_table[_i].horizon, &pv);
    const plan_view *v = &pv.plans[0];
    ck_assert_uint_eq(v->n_charges - v->n_current, pt_renewal_table[_i].n_projected);
    for (size_t c = v->n_current; c < v->n_charges; c++) {
        const chg_charge *ch = &v->charges[c];
        ck_assert(ch->projected);
        ck_assert_int_eq(ch->kind, CHG_RENEWAL);
        ck_assert_int_eq(ch->units, 2);
        ck_assert_int_eq(ch->amount, 20000);
        ck_assert_int_le(ch->date, CAL_MAX_DAY);
        if (c > v->n_current) { /* later terms: inside the horizon */
            ck_assert_int_ge(ch->date, pv.as_of);
            ck_assert_int_le(ch->date, pv.horizon_end);
            ck_assert_int_gt(ch->date, v->charges[c - 1].date);
        }
    }
    ck_assert_int_eq(v->charges[v->n_charges - 1].date,
                     pt_day(pt_renewal_table[_i].last_projected));
    ck_assert_int_eq(v->charges[v->n_current].date, v->next_term.term.start);
    ck_assert_int_eq(v->projected_total, 20000 * (money_minor)pt_renewal_table[_i].n_projected);
    plan_views_free(&pv);
    inv_free(inv);
    free(plans);
    free(plan);
}
END_TEST

START_TEST(test_no_renewal_without_auto_renew)
{
    char *plan = pt_plan("p", "2026-01-01", false, "");
    char *plans = xasprintf("[%s]", plan);
    inv_inventory *inv = pt_load("[]", "", plans, "[]", NULL);
    plan_views pv;
    pt_build(inv, "2026-12-03", 3660, &pv);
    ck_assert(!pv.plans[0].has_next_term);
    ck_assert_uint_eq(pv.plans[0].n_charges, pv.plans[0].n_current);
    ck_assert_uint_eq(pv.plans[0].n_charges, 1);
    for (size_t i = 0; i < pv.n_events; i++)
        ck_assert_int_ne(pv.events[i].kind, PLAN_EV_NEXT_TERM_START);
    plan_views_free(&pv);
    inv_free(inv);
    free(plans);
    free(plan);
}
END_TEST

static const struct {
    const char *as_of;
    int days;
    const char *end;
} pt_horizon_table[] = {
    {"2026-12-03", 365, "2027-12-03"},  {"2026-12-03", 1, "2026-12-04"},
    {"9999-12-01", 365, "9999-12-31"},  {"9999-12-31", 3660, "9999-12-31"},
    {"9990-01-01", 3660, "9999-12-31"},
};

START_TEST(test_horizon_end)
{
    ck_assert_int_eq(
        plan_horizon_end(pt_day(pt_horizon_table[_i].as_of), pt_horizon_table[_i].days),
        pt_day(pt_horizon_table[_i].end));
}
END_TEST

/* --- anniversary terms from February 29th */

static const struct {
    int k;
    const char *start, *last_day;
    int days;
} pt_leap_table[] = {
    {0, "2024-02-29", "2025-02-27", 365},   {1, "2025-02-28", "2026-02-27", 365},
    {2, "2026-02-28", "2027-02-27", 365},   {3, "2027-02-28", "2028-02-28", 366},
    {4, "2028-02-29", "2029-02-27", 365},   {8, "2032-02-29", "2033-02-27", 365},
    {100, "2124-02-29", "2125-02-27", 365},
};

START_TEST(test_anniversary_leap_terms)
{
    inv_plan p;
    memset(&p, 0, sizeof p);
    p.term_start = pt_day("2024-02-29");
    plan_term t;
    ck_assert_int_eq(plan_term_k(&p, INV_TERM_ANNIVERSARY, pt_leap_table[_i].k, &t), 0);
    ck_assert_int_eq(t.start, pt_day(pt_leap_table[_i].start));
    ck_assert_int_eq(t.last_day, pt_day(pt_leap_table[_i].last_day));
    ck_assert_int_eq(t.days, pt_leap_table[_i].days);
}
END_TEST

START_TEST(test_anniversary_leap_projection)
{
    static const char *const want[] = {"2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29",
                                       "2029-02-28", "2030-02-28", "2031-02-28", "2032-02-29",
                                       "2033-02-28", "2034-02-28"};
    inv_settings s;
    inv_settings_default(&s);
    s.basis = INV_TERM_ANNIVERSARY;
    char *plan = pt_plan("leap", "2024-02-29", true, "");
    char *plans = xasprintf("[%s]", plan);
    inv_inventory *inv = pt_load("[]", "", plans, "[]", &s);
    plan_views pv;
    pt_build(inv, "2024-03-01", 3660, &pv); /* horizon to 2034-03-08 */
    const plan_view *v = &pv.plans[0];
    ck_assert_int_eq(v->term.last_day, pt_day("2025-02-27"));
    ck_assert_int_eq(v->next_term.term.start, pt_day("2025-02-28"));
    ck_assert_int_eq(v->next_term.term.last_day, pt_day("2026-02-27"));
    ck_assert_uint_eq(v->n_charges - v->n_current, N_ITEMS(want));
    for (size_t i = 0; i < N_ITEMS(want); i++)
        ck_assert_int_eq(v->charges[v->n_current + i].date, pt_day(want[i]));
    plan_views_free(&pv);
    inv_free(inv);
    free(plans);
    free(plan);
}
END_TEST

/* --- cutoffs in each zone */

static const struct {
    const char *basis, *term_start, *plan_zone;
    size_t index;
    const char *zone, *time;
    bool before;
} pt_zone_table[] = {
    {"calendar-year", "2026-01-01", "Asia/Almaty", 0, "America/Los_Angeles",
     "2026-12-31T16:00:00-08:00", true},
    {"calendar-year", "2026-01-01", "Asia/Almaty", 1, "Asia/Tokyo", "2027-01-01T09:00:00+09:00",
     false},
    {"calendar-year", "2026-01-01", "Asia/Almaty", 2, "UTC", "2027-01-01T00:00:00+00:00", false},
    {"calendar-year", "2026-01-01", "Asia/Almaty", 3, "Asia/Almaty", "2027-01-01T05:00:00+05:00",
     false},
    {"anniversary", "2025-07-15", "America/New_York", 0, "America/Los_Angeles",
     "2026-07-14T17:00:00-07:00", true},
    {"anniversary", "2025-07-15", "America/New_York", 3, "America/New_York",
     "2026-07-14T20:00:00-04:00", true},
    {"anniversary", "2025-07-15", "America/New_York", 1, "Asia/Tokyo", "2026-07-15T09:00:00+09:00",
     false},
};

START_TEST(test_cutoff_local)
{
    inv_settings s;
    inv_settings_default(&s);
    if (strcmp(pt_zone_table[_i].basis, "anniversary") == 0)
        s.basis = INV_TERM_ANNIVERSARY;
    char *extra = xasprintf(", \"time_zone\": \"%s\"", pt_zone_table[_i].plan_zone);
    char *plan = pt_plan("p", pt_zone_table[_i].term_start, true, extra);
    char *plans = xasprintf("[%s]", plan);
    inv_inventory *inv =
        pt_load("[\"America/Los_Angeles\", \"Asia/Tokyo\", \"UTC\"]", "", plans, "[]", &s);
    plan_views pv;
    pt_build(inv, "2026-06-01", 365, &pv);
    const plan_view *v = &pv.plans[0];
    ck_assert_uint_eq(v->n_cutoff_local, 4);
    ck_assert_int_eq(v->cutoff, cal_instant_of_day(v->term.last_day + 1));
    const plan_cutoff_local *c = &v->cutoff_local[pt_zone_table[_i].index];
    ck_assert_str_eq(c->zone, pt_zone_table[_i].zone);
    ck_assert_str_eq(c->time, pt_zone_table[_i].time);
    ck_assert_int_eq(c->before_local_end_of_last_day, pt_zone_table[_i].before);
    ck_assert_int_eq(c->before_local_end_of_last_day, c->local_day == v->term.last_day);
    plan_views_free(&pv);
    inv_free(inv);
    free(plans);
    free(plan);
    free(extra);
}
END_TEST

START_TEST(test_cutoff_zone_once)
{
    char *plan = pt_plan("p", "2026-01-01", true, ", \"time_zone\": \"Asia/Tokyo\"");
    char *bare = pt_plan("q", "2026-01-01", true, "");
    char *plans = xasprintf("[%s, %s]", plan, bare);
    inv_inventory *inv =
        pt_load("[\"America/Los_Angeles\", \"Asia/Tokyo\"]", "", plans, "[]", NULL);
    plan_views pv;
    pt_build(inv, "2026-06-01", 365, &pv);
    for (size_t i = 0; i < 2; i++) {
        ck_assert_uint_eq(pv.plans[i].n_cutoff_local, 2);
        ck_assert_str_eq(pv.plans[i].cutoff_local[0].zone, "America/Los_Angeles");
        ck_assert_str_eq(pv.plans[i].cutoff_local[1].zone, "Asia/Tokyo");
    }
    plan_views_free(&pv);
    inv_free(inv);
    free(plans);
    free(bare);
    free(plan);
}
END_TEST

/* --- the timeline */

START_TEST(test_event_order)
{
    static const struct {
        const char *date, *kind, *subject;
    } want[] = {
        {"2026-12-24", "decision_deadline", "a-plan"},
        {"2026-12-24", "decision_deadline", "b-plan"},
        {"2026-12-31", "approval_due", "pend"},
        {"2026-12-31", "charge", "b-plan"},
        {"2026-12-31", "last_day", "a-plan"},
        {"2026-12-31", "last_day", "b-plan"},
        {"2026-12-31", "license_expiry", "c1"},
        {"2026-12-31", "license_expiry", "c1-b"},
        {"2026-12-31", "upgrade", "c1-b@1.0"}, /* '-' sorts before '@': not by container id */
        {"2026-12-31", "upgrade", "c1@1.0"},
        {"2026-12-31", "upgrade", "c1@2.0"},
        {"2027-01-01", "charge", "a-plan"},
        {"2027-01-01", "next_term_start", "a-plan"},
    };
    char *b = pt_plan("b-plan", "2026-01-01", false,
                      ", \"purchases\": [{\"date\": \"2026-12-31\", \"units\": 1}]");
    char *a = pt_plan("a-plan", "2026-01-01", true, "");
    char *plans = xasprintf("[%s, %s]", b, a);
    /* c1-b is listed first: the ids are ranked, not taken in document order */
    const char *containers =
        "[{\"id\": \"c1-b\", \"plan\": \"a-plan\", \"image\": \"x/y\", \"version\": \"1.0\", "
        "\"platform\": \"docker\", \"license\": {\"downloaded_on\": \"2026-01-05\", "
        "\"image_version\": \"1.0\", \"expires_on\": \"2026-12-31\"}, "
        "\"upgrades\": [{\"version\": \"1.0\", \"on\": \"2026-12-31\"}]}, "
        "{\"id\": \"c1\", \"plan\": \"a-plan\", \"image\": \"x/y\", \"version\": \"1.0\", "
        "\"platform\": \"docker\", \"license\": {\"downloaded_on\": \"2026-01-05\", "
        "\"image_version\": \"1.0\", \"expires_on\": \"2026-12-31\"}, "
        "\"upgrades\": [{\"version\": \"2.0\", \"on\": \"2026-12-31\"}, "
        "{\"version\": \"1.0\", \"on\": \"2026-12-31\"}, {\"version\": \"3.0\", \"on\": "
        "\"2027-03-01\"}]}]";
    inv_inventory *inv = pt_load("[]",
                                 ", {\"id\": \"pend\", \"access\": {\"status\": \"pending\", "
                                 "\"requested_on\": \"2026-12-17\"}}",
                                 plans, containers, NULL);
    plan_views pv;
    pt_build(inv, "2026-12-01", 60, &pv);
    ck_assert_uint_eq(pv.n_events, N_ITEMS(want));
    for (size_t i = 0; i < N_ITEMS(want); i++) {
        const plan_event *e = &pv.events[i];
        ck_assert_int_eq(e->date, pt_day(want[i].date));
        ck_assert_str_eq(plan_event_kind_name(e->kind), want[i].kind);
        ck_assert_str_eq(e->subject, want[i].subject);
        if (e->kind == PLAN_EV_CHARGE) {
            ck_assert_ptr_nonnull(e->charge);
            ck_assert_int_eq(e->charge->date, e->date);
        }
    }
    ck_assert_int_eq(pv.events[3].charge->kind, CHG_ADDITIONAL);
    ck_assert_int_eq(pv.events[11].charge->kind, CHG_RENEWAL);
    ck_assert(pv.events[11].charge->projected);
    plan_views_free(&pv);
    inv_free(inv);
    free(plans);
    free(a);
    free(b);
}
END_TEST

static const struct {
    int horizon;
    size_t n_charges; /* charge events */
} pt_range_table[] = {{1, 1}, {29, 1}, {30, 2}, {31, 3}, {3660, 3}};

START_TEST(test_events_in_horizon)
{
    char *plan = pt_plan("p", "2026-01-01", false,
                         ", \"purchases\": [{\"date\": \"2026-05-31\", \"units\": 1}, "
                         "{\"date\": \"2026-06-01\", \"units\": 1}, {\"date\": \"2026-07-01\", "
                         "\"units\": 1}, {\"date\": \"2026-07-02\", \"units\": 1}]");
    char *plans = xasprintf("[%s]", plan);
    inv_inventory *inv = pt_load("[]", "", plans, "[]", NULL);
    plan_views pv;
    pt_build(inv, "2026-06-01", pt_range_table[_i].horizon, &pv);
    size_t charges = 0;
    for (size_t i = 0; i < pv.n_events; i++) {
        ck_assert_int_ge(pv.events[i].date, pv.as_of);
        ck_assert_int_le(pv.events[i].date, pv.horizon_end);
        charges += pv.events[i].kind == PLAN_EV_CHARGE;
    }
    ck_assert_uint_eq(charges, pt_range_table[_i].n_charges);
    ck_assert_uint_eq(pv.plans[0].n_charges, 5); /* the list itself is not filtered */
    plan_views_free(&pv);
    inv_free(inv);
    free(plans);
    free(plan);
}
END_TEST

/* --- randomized cross-check against an independent recomputation */

typedef struct rx_rng {
    uint64_t s;
} rx_rng;

static uint64_t rx_next(rx_rng *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return r->s;
}

/* A uniform integer in [lo, hi]. */
static int64_t rx_range(rx_rng *r, int64_t lo, int64_t hi)
{
    return lo + (int64_t)(rx_next(r) % (uint64_t)(hi - lo + 1));
}

/* ISO weekday, Monday 0: 1970-01-01 was a Thursday. */
static int rx_weekday(cal_day d)
{
    int w = (int)(((int64_t)d + 3) % 7);
    return w < 0 ? w + 7 : w;
}

typedef struct rx_policy {
    unsigned weekend;
    cal_day holidays[16];
    size_t n_holidays;
    int margin, review;
} rx_policy;

static bool rx_busday(const rx_policy *p, cal_day d)
{
    if (p->weekend & (1u << rx_weekday(d)))
        return false;
    for (size_t i = 0; i < p->n_holidays; i++)
        if (p->holidays[i] == d)
            return false;
    return true;
}

/* The decision deadline by walking day by day. */
static cal_day rx_deadline(const rx_policy *p, cal_day last)
{
    cal_day d = last;
    while (!rx_busday(p, d))
        d--;
    for (int m = p->margin; m > 0;) {
        d--;
        if (rx_busday(p, d))
            m--;
    }
    return d;
}

static cal_day rx_approval_due(const rx_policy *p, cal_day req)
{
    cal_day d = req;
    while (!rx_busday(p, d))
        d++;
    for (int m = p->review; m > 0;) {
        d++;
        if (rx_busday(p, d))
            m--;
    }
    return d;
}

/* Same month and day k years later, February 29th clamped. */
static cal_day rx_add_years(cal_day d, int k)
{
    int y, m, dd;
    cal_to_ymd(d, &y, &m, &dd);
    y += k;
    if (m == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        dd = 28;
    return cal_from_ymd(y, m, dd);
}

static cal_day rx_last_day(inv_term_basis basis, cal_day start, int k)
{
    if (basis == INV_TERM_ANNIVERSARY)
        return rx_add_years(start, k + 1) - 1;
    int y;
    cal_to_ymd(rx_add_years(start, k), &y, NULL, NULL);
    return cal_from_ymd(y, 12, 31);
}

/* num / den rounded with mode; num >= 0, den > 0. */
static money_minor rx_round(__int128 num, __int128 den, money_rounding mode)
{
    __int128 q = num / den, r = num % den;
    switch (mode) {
    case MONEY_HALF_UP:
        q += 2 * r >= den;
        break;
    case MONEY_HALF_EVEN:
        q += 2 * r > den || (2 * r == den && q % 2 == 1);
        break;
    case MONEY_UP:
        q += r > 0;
        break;
    case MONEY_DOWN:
        break;
    }
    return (money_minor)q;
}

static money_minor rx_amount(money_micros price, int64_t units, int rem, int days, int digits,
                             money_rounding mode)
{
    __int128 scale = 1;
    for (int i = 0; i < digits; i++)
        scale *= 10;
    return rx_round((__int128)price * units * rem * scale, (__int128)1000000 * days, mode);
}

/* A random money string and its value in micros. */
static void rx_money(rx_rng *r, cp_buf *json, money_micros *value)
{
    int64_t whole = rx_range(r, 0, 9) == 0 ? rx_range(r, 0, 99) : rx_range(r, 1, 99999999);
    int decimals = (int)rx_range(r, 0, 6);
    int64_t frac = 0, scale = 1;
    for (int i = 0; i < decimals; i++) {
        frac = frac * 10 + rx_range(r, 0, 9);
        scale *= 10;
    }
    cp_buf_printf(json, "\"%lld", (long long)whole);
    if (decimals)
        cp_buf_printf(json, ".%0*lld", decimals, (long long)frac);
    cp_buf_putc(json, '"');
    *value = (money_micros)whole * 1000000u + (money_micros)(frac * (1000000 / scale));
}

typedef struct rx_purchase {
    cal_day date;
    int64_t units;
} rx_purchase;

typedef struct rx_plan {
    cal_day term_start, purchased_on;
    int64_t units, renewal_units;
    money_micros price, renewal_price;
    bool auto_renew;
    rx_purchase buys[4];
    size_t n_buys;
} rx_plan;

#define RX_PLANS 6
#define RX_INVENTORIES 600

static void rx_add_holiday(rx_policy *p, cal_day d)
{
    if (p->n_holidays == N_ITEMS(p->holidays) || d < CAL_MIN_DAY || d > CAL_MAX_DAY)
        return;
    size_t i = 0;
    while (i < p->n_holidays && p->holidays[i] < d)
        i++;
    if (i < p->n_holidays && p->holidays[i] == d)
        return;
    memmove(&p->holidays[i + 1], &p->holidays[i], (p->n_holidays - i) * sizeof *p->holidays);
    p->holidays[i] = d;
    p->n_holidays++;
}

/* A random term start under basis. */
static cal_day rx_term_start(rx_rng *r, inv_term_basis basis)
{
    int y = rx_range(r, 0, 49) == 0 ? (int)rx_range(r, 9980, 9996) : (int)rx_range(r, 1972, 2300);
    if (basis == INV_TERM_CALENDAR_YEAR)
        return cal_from_ymd(y, 1, 1);
    if (rx_range(r, 0, 7) == 0) {
        while (!((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
            y++;
        return cal_from_ymd(y, 2, 29);
    }
    int m = (int)rx_range(r, 1, 12);
    return cal_from_ymd(y, m, (int)rx_range(r, 1, cal_days_in_month(y, m)));
}

static void rx_check_plan(const inv_inventory *inv, const plan_views *pv, size_t i,
                          const rx_plan *x, const rx_policy *pol, bool prorated,
                          money_rounding mode)
{
    const inv_plan *p = &inv->plans[i];
    const plan_view *v = &pv->plans[i];
    inv_term_basis basis = inv->settings.basis;
    int digits = inv->currency_digits;
    cal_day last = rx_last_day(basis, x->term_start, 0);
    int days = (int)(last - x->term_start + 1);
    ck_assert_int_eq(p->last_day, last);
    ck_assert_int_eq(p->term_days, days);
    ck_assert_int_eq(p->decision_deadline, rx_deadline(pol, last));

    /* the current term's charges: initial or renewal, then purchases by date */
    size_t n = 0;
    ck_assert_uint_eq(p->n_charges, 1 + x->n_buys);
    const chg_charge *c = &p->charges[n++];
    ck_assert_int_eq(c->units, x->units);
    if (x->purchased_on >= x->term_start) {
        ck_assert_int_eq(c->kind, CHG_INITIAL);
        ck_assert_int_eq(c->date, x->purchased_on);
        int rem = (int)(last - x->purchased_on + 1);
        ck_assert_int_eq(c->prorated, prorated);
        ck_assert_int_eq(c->amount, prorated
                                        ? rx_amount(x->price, x->units, rem, days, digits, mode)
                                        : rx_amount(x->price, x->units, 1, 1, digits, mode));
        if (prorated) {
            ck_assert_int_eq(c->remaining_days, rem);
            ck_assert_int_eq(c->term_days, days);
        }
    } else {
        ck_assert_int_eq(c->kind, CHG_RENEWAL);
        ck_assert_int_eq(c->date, x->term_start);
        ck_assert(!c->prorated);
        ck_assert_int_eq(c->amount, rx_amount(x->price, x->units, 1, 1, digits, mode));
    }
    for (size_t b = 0; b < x->n_buys; b++) {
        c = &p->charges[n++];
        int rem = (int)(last - x->buys[b].date + 1);
        ck_assert_int_eq(c->kind, CHG_ADDITIONAL);
        ck_assert_int_eq(c->date, x->buys[b].date);
        ck_assert_int_eq(c->units, x->buys[b].units);
        ck_assert(c->prorated);
        ck_assert_int_eq(c->remaining_days, rem);
        ck_assert_int_eq(c->term_days, days);
        ck_assert_int_eq(c->amount, rx_amount(x->price, x->buys[b].units, rem, days, digits, mode));
    }

    /* the view: the current charges, the next renewal, later renewals within the horizon */
    ck_assert_uint_eq(v->n_current, p->n_charges);
    ck_assert_int_eq(v->cutoff, ((int64_t)last + 1) * 86400);
    ck_assert_int_eq(v->has_next_term, x->auto_renew);
    if (!x->auto_renew) {
        ck_assert_uint_eq(v->n_charges, v->n_current);
        return;
    }
    money_minor renewal = rx_amount(x->renewal_price, x->renewal_units, 1, 1, digits, mode);
    ck_assert_int_eq(p->renewal_amount, renewal);
    ck_assert_int_eq(v->next_term.term.start, rx_add_years(x->term_start, 1));
    ck_assert_int_eq(v->next_term.term.last_day, rx_last_day(basis, x->term_start, 1));
    ck_assert_int_eq(v->next_term.units, x->renewal_units);
    ck_assert_int_eq(v->next_term.amount, renewal);
    n = v->n_current;
    for (int k = 1; k < 10000; k++) {
        cal_day start = rx_add_years(x->term_start, k);
        if (start > CAL_MAX_DAY || (k > 1 && start > pv->horizon_end))
            break;
        if (k > 1 && start < pv->as_of)
            continue;
        ck_assert_msg(n < v->n_charges, "plan %zu: term %d starting %d missing (as_of %d, end %d)",
                      i, k, (int)start, (int)pv->as_of, (int)pv->horizon_end);
        c = &v->charges[n++];
        ck_assert_int_eq(c->date, start);
        ck_assert_int_eq(c->kind, CHG_RENEWAL);
        ck_assert(c->projected);
        ck_assert_int_eq(c->units, x->renewal_units);
        ck_assert_int_eq(c->amount, renewal);
    }
    ck_assert_uint_eq(n, v->n_charges);
}

/* Generates one inventory as JSON with its settings, loads it, and checks every plan. */
static void rx_one(rx_rng *r)
{
    static const char *const currencies[] = {"USD", "JPY", "BHD"};
    static const int digits[] = {2, 0, 3};
    rx_policy pol;
    rx_plan plans[RX_PLANS];
    memset(&pol, 0, sizeof pol);
    inv_settings s;
    inv_settings_default(&s);
    s.basis = rx_range(r, 0, 1) ? INV_TERM_ANNIVERSARY : INV_TERM_CALENDAR_YEAR;
    s.rounding = (money_rounding)rx_range(r, 0, 3);
    s.initial_prorated = rx_range(r, 0, 1);
    pol.weekend = (1u << CAL_SAT) | (1u << CAL_SUN);
    if (rx_range(r, 0, 1))
        do
            pol.weekend = (unsigned)rx_range(r, 0, 126);
        while (pol.weekend == 0x7f);
    pol.margin = (int)rx_range(r, 0, 20);
    pol.review = (int)rx_range(r, 0, 20);
    int cur = (int)rx_range(r, 0, 2);

    cp_buf json = {0};
    cal_day req = (cal_day)rx_range(r, pt_day("1971-01-01"), pt_day("2200-01-01"));
    char iso[CAL_ISO_LEN + 1];
    cp_buf_printf(&json,
                  "{\"inventory\": 1, \"currency\": \"%s\", \"subscriptions\": [{\"id\": \"s\", "
                  "\"access\": {\"status\": \"pending\", \"requested_on\": \"%s\"}}], \"plans\": [",
                  currencies[cur], cal_format_iso(req, iso));
    for (int h = (int)rx_range(r, 0, 3); h > 0; h--)
        rx_add_holiday(&pol, req + (cal_day)rx_range(r, 0, 20));
    for (size_t i = 0; i < RX_PLANS; i++) {
        rx_plan *x = &plans[i];
        memset(x, 0, sizeof *x);
        x->term_start = rx_term_start(r, s.basis);
        cal_day last = rx_last_day(s.basis, x->term_start, 0);
        for (int h = (int)rx_range(r, 0, 4); h > 0; h--)
            rx_add_holiday(&pol, last - (cal_day)rx_range(r, 0, 40));
        x->units = rx_range(r, 1, 1000);
        x->auto_renew = rx_range(r, 0, 3) != 0;
        cp_buf_printf(&json,
                      "%s{\"id\": \"p%zu\", \"subscription\": \"s\", \"service\": \"x\", "
                      "\"term_start\": \"%s\", \"units\": %lld, \"unit_price\": ",
                      i ? ", " : "", i, cal_format_iso(x->term_start, iso), (long long)x->units);
        rx_money(r, &json, &x->price);
        int64_t choice = rx_range(r, 0, 2);
        x->purchased_on = x->term_start;
        if (choice == 1)
            x->purchased_on = x->term_start - (cal_day)rx_range(r, 1, 800);
        else if (choice == 2)
            x->purchased_on = (cal_day)rx_range(r, x->term_start, last);
        if (choice)
            cp_buf_printf(&json, ", \"purchased_on\": \"%s\"",
                          cal_format_iso(x->purchased_on, iso));
        x->n_buys = (size_t)rx_range(r, 0, 3);
        cal_day from = x->purchased_on > x->term_start ? x->purchased_on : x->term_start;
        for (size_t b = 0; b < x->n_buys; b++) {
            x->buys[b].date = (cal_day)rx_range(r, from, last);
            x->buys[b].units = rx_range(r, 1, 1000);
        }
        for (size_t b = 1; b < x->n_buys; b++) /* by date: the loader's order is then certain */
            for (size_t a = b; a > 0 && x->buys[a - 1].date > x->buys[a].date; a--) {
                rx_purchase t = x->buys[a];
                x->buys[a] = x->buys[a - 1];
                x->buys[a - 1] = t;
            }
        if (x->n_buys) {
            cp_buf_puts(&json, ", \"purchases\": [");
            for (size_t b = 0; b < x->n_buys; b++)
                cp_buf_printf(&json, "%s{\"date\": \"%s\", \"units\": %lld}", b ? ", " : "",
                              cal_format_iso(x->buys[b].date, iso), (long long)x->buys[b].units);
            cp_buf_putc(&json, ']');
        }
        x->renewal_units = x->units;
        for (size_t b = 0; b < x->n_buys; b++)
            x->renewal_units += x->buys[b].units;
        x->renewal_price = x->price;
        if (x->auto_renew && rx_range(r, 0, 2) == 0) {
            cp_buf_puts(&json, ", \"renewal\": {");
            bool units = rx_range(r, 0, 1);
            if (units) {
                x->renewal_units = rx_range(r, 1, 5000);
                cp_buf_printf(&json, "\"units\": %lld", (long long)x->renewal_units);
            }
            if (!units || rx_range(r, 0, 1)) {
                cp_buf_puts(&json, units ? ", \"unit_price\": " : "\"unit_price\": ");
                rx_money(r, &json, &x->renewal_price);
            }
            cp_buf_putc(&json, '}');
        }
        cp_buf_printf(&json, ", \"auto_renew\": %s}", x->auto_renew ? "true" : "false");
    }
    cp_buf_puts(&json, "]}");
    s.busdays.weekend = pol.weekend;
    s.busdays.holidays = pol.holidays;
    s.busdays.n_holidays = pol.n_holidays;
    s.decision_margin = pol.margin;
    s.approval_review = pol.review;

    inv_inventory *inv = pt_load_json(cp_buf_str(&json), &s);
    ck_assert_int_eq(inv->currency_digits, digits[cur]);
    ck_assert_int_eq(inv->subscriptions[0].approval_due, rx_approval_due(&pol, req));
    cal_day as_of = plans[0].term_start + (cal_day)rx_range(r, -400, 800);
    if (as_of > CAL_MAX_DAY)
        as_of = CAL_MAX_DAY;
    plan_views pv;
    cp_errors errs;
    cp_errors_init(&errs);
    ck_assert_int_eq(plan_views_build(inv, as_of, (int)rx_range(r, 1, 3660), &pv, &errs), 0);
    cp_errors_free(&errs);
    for (size_t i = 0; i < RX_PLANS; i++)
        rx_check_plan(inv, &pv, i, &plans[i], &pol, s.initial_prorated, s.rounding);
    for (size_t e = 0; e < pv.n_events; e++) {
        ck_assert_int_ge(pv.events[e].date, pv.as_of);
        ck_assert_int_le(pv.events[e].date, pv.horizon_end);
        if (e > 0)
            ck_assert_int_ge(pv.events[e].date, pv.events[e - 1].date);
    }
    plan_views_free(&pv);
    inv_free(inv);
    cp_buf_free(&json);
}

START_TEST(test_random_cross_check)
{
    rx_rng r = {0x9e3779b97f4a7c15u};
    for (int i = 0; i < RX_INVENTORIES; i++)
        rx_one(&r);
}
END_TEST

Suite *plan_suite(void)
{
    Suite *s = suite_create("plan");
    TCase *tc = tcase_create("projected renewals");
    tcase_add_loop_test(tc, test_projected_renewals, 0, N_ITEMS(pt_renewal_table));
    tcase_add_test(tc, test_no_renewal_without_auto_renew);
    suite_add_tcase(s, tc);
    tc = tcase_create("horizon end");
    tcase_add_loop_test(tc, test_horizon_end, 0, N_ITEMS(pt_horizon_table));
    suite_add_tcase(s, tc);
    tc = tcase_create("anniversary from February 29th");
    tcase_add_loop_test(tc, test_anniversary_leap_terms, 0, N_ITEMS(pt_leap_table));
    tcase_add_test(tc, test_anniversary_leap_projection);
    suite_add_tcase(s, tc);
    tc = tcase_create("cutoff in each zone");
    tcase_add_loop_test(tc, test_cutoff_local, 0, N_ITEMS(pt_zone_table));
    tcase_add_test(tc, test_cutoff_zone_once);
    suite_add_tcase(s, tc);
    tc = tcase_create("timeline order");
    tcase_add_test(tc, test_event_order);
    suite_add_tcase(s, tc);
    tc = tcase_create("timeline range");
    tcase_add_loop_test(tc, test_events_in_horizon, 0, N_ITEMS(pt_range_table));
    suite_add_tcase(s, tc);
    tc = tcase_create("randomized cross-check");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_random_cross_check);
    suite_add_tcase(s, tc);
    return s;
}
