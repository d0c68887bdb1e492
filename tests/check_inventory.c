/*
 * Tests of the inventory loader (inventory.md) and of terms and charges
 * (rules.md §1-§4): the example inventory with every computed field, term
 * bases, charge kinds, and one case per class of invalid input with its exact
 * location, JSON path and message.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planner/inventory.h"
#include "tests/suites.h"

static cal_day inv_test_day(const char *iso)
{
    cal_day d;
    ck_assert_msg(cal_parse_iso(iso, strlen(iso), &d) == 0, "bad test date %s", iso);
    return d;
}

/* A policy hook for tests: hands out fixed settings and records what it was given. */
typedef struct inv_test_hook {
    inv_settings settings;
    int rc;
    int calls;
    jr_type policy_type; /* of the value it was given */
    bool policy_given;
} inv_test_hook;

static int inv_test_hook_fn(void *ctx, const jr_doc *doc, const jr_value *policy,
                            inv_settings *settings, cp_errors *errs)
{
    inv_test_hook *h = ctx;
    h->calls++;
    h->policy_given = policy != NULL;
    if (policy)
        h->policy_type = policy->type;
    if (h->rc != 0)
        jr_error(doc, errs, policy, false, "policy", NULL, "test policy error");
    *settings = h->settings;
    return h->rc;
}

static cal_day inv_test_holidays[1];

static void inv_test_hook_init(inv_test_hook *h, inv_term_basis basis, bool with_holiday)
{
    memset(h, 0, sizeof *h);
    inv_settings_default(&h->settings);
    h->settings.basis = basis;
    if (with_holiday) {
        inv_test_holidays[0] = inv_test_day("2026-12-25");
        h->settings.busdays.holidays = inv_test_holidays;
        h->settings.busdays.n_holidays = 1;
    }
}

static char *inv_test_read(const char *name, size_t *len)
{
    char *path = xasprintf("%s/inventory/%s", TEST_DATA_DIR, name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    cp_buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        cp_buf_put(&b, chunk, n);
    fclose(f);
    free(path);
    *len = b.len;
    return cp_buf_steal(&b);
}

/* Loads json expecting success; fails the test with every message otherwise. */
static inv_inventory *inv_test_load_ok(const char *json, inv_test_hook *hook)
{
    cp_errors errs = {0};
    inv_inventory *inv = NULL;
    int rc =
        inv_load("t.json", json, strlen(json), hook ? inv_test_hook_fn : NULL, hook, &inv, &errs);
    cp_buf all = {0};
    for (size_t i = 0; i < errs.count; i++)
        cp_errors_format(&errs, i, &all);
    ck_assert_msg(rc == 0 && inv != NULL && errs.count == 0, "load failed:\n%s", cp_buf_str(&all));
    cp_buf_free(&all);
    cp_errors_free(&errs);
    return inv;
}

/* ---- the example of inventory.md ---- */

START_TEST(test_example)
{
    size_t len;
    char *json = inv_test_read("example.json", &len);
    inv_test_hook hook;
    inv_test_hook_init(&hook, INV_TERM_CALENDAR_YEAR, true);
    cp_errors errs = {0};
    inv_inventory *inv = NULL;
    ck_assert_int_eq(inv_load("<stdin>", json, len, inv_test_hook_fn, &hook, &inv, &errs), 0);
    ck_assert_uint_eq(errs.count, 0);
    ck_assert_ptr_nonnull(inv);
    ck_assert_int_eq(hook.calls, 1);
    ck_assert(!hook.policy_given);

    ck_assert_str_eq(inv->file, "<stdin>");
    ck_assert_str_eq(inv->organization, "Contoso Maritime");
    ck_assert_str_eq(inv->currency, "USD");
    ck_assert_int_eq(inv->currency_digits, 2);
    ck_assert_str_eq(inv->locale, "en_US");
    ck_assert_uint_eq(inv->n_time_zones, 2);
    ck_assert_str_eq(inv->time_zones[0], "America/Los_Angeles");
    ck_assert_str_eq(inv->time_zones[1], "Asia/Tokyo");
    ck_assert_uint_eq(inv->settings.busdays.n_holidays, 1);
    ck_assert_ptr_ne(inv->settings.busdays.holidays, inv_test_holidays); /* a copy */
    ck_assert_int_eq(inv->settings.busdays.holidays[0], inv_test_day("2026-12-25"));

    ck_assert_uint_eq(inv->n_subscriptions, 1);
    const inv_subscription *s = &inv->subscriptions[0];
    ck_assert_str_eq(s->id, "sub-fleet");
    ck_assert_ptr_null(s->name);
    ck_assert_int_eq(s->access, INV_ACCESS_APPROVED);
    ck_assert_int_eq(s->requested_on, inv_test_day("2025-10-01"));
    ck_assert_int_eq(s->decided_on, inv_test_day("2025-10-09"));
    ck_assert_int_eq(s->approval_due, CAL_NONE);

    ck_assert_uint_eq(inv->n_plans, 1);
    const inv_plan *p = &inv->plans[0];
    ck_assert_str_eq(p->id, "stt-fleet");
    ck_assert_uint_eq(p->subscription, 0);
    ck_assert_ptr_null(p->resource);
    ck_assert_str_eq(p->service, "speech-to-text");
    ck_assert_int_eq(p->term_start, inv_test_day("2026-01-01"));
    ck_assert_int_eq(p->last_day, inv_test_day("2026-12-31"));
    ck_assert_int_eq(p->term_days, 365);
    ck_assert_int_eq(p->purchased_on, inv_test_day("2026-03-16"));
    ck_assert(p->purchased_on_given);
    ck_assert_int_eq(p->units, 2);
    ck_assert_uint_eq(p->unit_price, UINT64_C(74100000000));
    ck_assert_int_eq(p->unit_price_decimals, 2);
    ck_assert_ptr_nonnull(p->quota);
    ck_assert_str_eq(p->quota->quantity, "10000");
    ck_assert_str_eq(p->quota->unit, "hours");
    ck_assert_uint_eq(p->quota->n_meters, 1);
    ck_assert_str_eq(p->quota->meters[0], "CognitiveServices.Speech.Container.SpeechToText.Hours");
    ck_assert_uint_eq(p->n_purchases, 1);
    ck_assert_int_eq(p->purchases[0].date, inv_test_day("2026-09-01"));
    ck_assert_int_eq(p->purchases[0].units, 1);
    ck_assert_str_eq(p->purchases[0].po, "PO-4471");
    ck_assert_ptr_null(p->purchases[0].note);
    ck_assert(p->auto_renew);
    ck_assert(p->has_renewal);
    ck_assert_int_eq(p->renewal_units, 3);
    ck_assert_int_eq(inv_units_at_end(p), 3);
    ck_assert_uint_eq(p->renewal_unit_price, p->unit_price);
    ck_assert_int_eq(p->renewal_unit_price_decimals, 2);
    ck_assert_str_eq(p->owner, "fleet-it@contoso.example");
    ck_assert_str_eq(p->cost_center, "CC-310");
    ck_assert_ptr_null(p->po);
    ck_assert_str_eq(p->time_zone, "America/Los_Angeles");
    ck_assert_int_eq(p->decision_deadline, inv_test_day("2026-12-23"));

    ck_assert_uint_eq(p->n_charges, 2);
    char buf[32];
    const chg_charge *c = &p->charges[0];
    ck_assert_int_eq(c->kind, CHG_INITIAL);
    ck_assert_str_eq(chg_kind_name(c->kind), "initial");
    ck_assert_int_eq(c->date, inv_test_day("2026-03-16"));
    ck_assert_int_eq(c->units, 2);
    ck_assert_str_eq(money_format_minor(c->amount, 2, buf), "148200.00");
    ck_assert(!c->prorated);
    ck_assert(!c->projected);
    ck_assert_int_eq(c->purchase, -1);
    c = &p->charges[1];
    ck_assert_int_eq(c->kind, CHG_ADDITIONAL);
    ck_assert_str_eq(chg_kind_name(c->kind), "additional");
    ck_assert_int_eq(c->date, inv_test_day("2026-09-01"));
    ck_assert_int_eq(c->units, 1);
    ck_assert_str_eq(money_format_minor(c->amount, 2, buf), "24767.67");
    ck_assert(c->prorated);
    ck_assert_int_eq(c->remaining_days, 122);
    ck_assert_int_eq(c->term_days, 365);
    ck_assert_int_eq(c->purchase, 0);
    ck_assert_str_eq(money_format_minor(p->renewal_amount, 2, buf), "222300.00");

    ck_assert_uint_eq(inv->n_containers, 1);
    const inv_container *ct = &inv->containers[0];
    ck_assert_str_eq(ct->id, "vessel-7-stt");
    ck_assert_uint_eq(ct->plan, 0);
    ck_assert_str_eq(ct->site, "MV Aurora");
    ck_assert_str_eq(ct->image,
                     "mcr.microsoft.com/azure-cognitive-services/speechservices/speech-to-text");
    ck_assert_str_eq(ct->version, "4.9.0-amd64-en-us");
    ck_assert_int_eq(ct->platform, INV_KUBERNETES);
    ck_assert_uint_eq(ct->n_env, 2);
    ck_assert_str_eq(ct->env[0].name, "Mounts__License");
    ck_assert_str_eq(ct->env[0].value, "/license");
    ck_assert_str_eq(ct->env[1].name, "Mounts__Output");
    ck_assert_str_eq(ct->env[1].value, "/output");
    ck_assert_ptr_null(ct->mount_license);
    ck_assert_ptr_null(ct->mount_output);
    ck_assert(ct->has_license);
    ck_assert_int_eq(ct->license_downloaded_on, inv_test_day("2026-03-20"));
    ck_assert_str_eq(ct->license_image_version, "4.9.0-amd64-en-us");
    ck_assert_int_eq(ct->license_expires_on, inv_test_day("2027-01-31"));
    ck_assert_uint_eq(ct->n_upgrades, 1);
    ck_assert_str_eq(ct->upgrades[0].version, "4.10.0-amd64-en-us");
    ck_assert_int_eq(ct->upgrades[0].on, inv_test_day("2027-02-15"));

    ck_assert_int_eq(inv_find_plan(inv, "stt-fleet"), 0);
    ck_assert_int_eq(inv_find_plan(inv, "stt-fleet2"), -1);
    inv_free(inv);
    cp_errors_free(&errs);
    free(json);
}
END_TEST

/* Without the holiday, the decision deadline is one business day later. */
START_TEST(test_example_no_policy)
{
    size_t len;
    char *json = inv_test_read("example.json", &len);
    cp_errors errs = {0};
    inv_inventory *inv = NULL;
    ck_assert_int_eq(inv_load("inventory.json", json, len, NULL, NULL, &inv, &errs), 0);
    ck_assert_str_eq(inv->file, "inventory.json");
    ck_assert_int_eq(inv->plans[0].decision_deadline, inv_test_day("2026-12-24"));
    ck_assert_uint_eq(inv->settings.busdays.n_holidays, 0);
    inv_free(inv);
    cp_errors_free(&errs);
    free(json);
}
END_TEST

/* ---- terms ---- */

#define INV_TEST_PLAN_DOC                                                                          \
    "{\"inventory\": 1, \"currency\": \"%s\",\n"                                                   \
    "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "                 \
    "\"requested_on\": \"2025-10-01\"}}],\n"                                                       \
    "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"translator\", "         \
    "\"term_start\": \"%s\", %s\"units\": %d, \"unit_price\": \"%s\", \"auto_renew\": %s}]}\n"

static const struct {
    const char *start, *last;
    int days;
} inv_anniversary_cases[] = {
    {"2026-02-28", "2027-02-27", 365}, {"2028-02-29", "2029-02-27", 365},
    {"2027-03-01", "2028-02-29", 366}, {"2026-12-31", "2027-12-30", 365},
    {"2028-01-01", "2028-12-31", 366}, {"2026-03-01", "2027-02-28", 365},
};

START_TEST(test_anniversary)
{
    inv_test_hook hook;
    inv_test_hook_init(&hook, INV_TERM_ANNIVERSARY, false);
    char *json = xasprintf(INV_TEST_PLAN_DOC, "USD", inv_anniversary_cases[_i].start, "", 1,
                           "100.00", "true");
    inv_inventory *inv = inv_test_load_ok(json, &hook);
    const inv_plan *p = &inv->plans[0];
    ck_assert_int_eq(p->term_start, inv_test_day(inv_anniversary_cases[_i].start));
    ck_assert_int_eq(p->last_day, inv_test_day(inv_anniversary_cases[_i].last));
    ck_assert_int_eq(p->term_days, inv_anniversary_cases[_i].days);
    ck_assert_int_eq(inv_term_last_day(INV_TERM_ANNIVERSARY, p->term_start), p->last_day);
    ck_assert_uint_eq(p->n_charges, 1);
    ck_assert_int_eq(p->charges[0].kind, CHG_INITIAL);
    ck_assert_int_eq(p->charges[0].date, p->term_start);
    ck_assert_int_eq(p->charges[0].amount, 10000);
    inv_free(inv);
    free(json);
}
END_TEST

START_TEST(test_calendar_year_last_day)
{
    ck_assert_int_eq(inv_term_last_day(INV_TERM_CALENDAR_YEAR, inv_test_day("2028-01-01")),
                     inv_test_day("2028-12-31"));
    ck_assert_int_eq(inv_term_last_day(INV_TERM_CALENDAR_YEAR, inv_test_day("9999-01-01")),
                     CAL_MAX_DAY);
    /* the last anniversary term a plan can have: its cutoff would be 10000-01-01 */
    ck_assert_int_gt(inv_term_last_day(INV_TERM_ANNIVERSARY, inv_test_day("9999-06-01")),
                     CAL_MAX_DAY);
}
END_TEST

/* The next term of an auto-renewing plan must end by 9999-12-31 too. */
START_TEST(test_next_term_limit)
{
    char *json = xasprintf(INV_TEST_PLAN_DOC, "USD", "9998-06-01", "", 1, "1.00", "true");
    inv_test_hook hook;
    inv_test_hook_init(&hook, INV_TERM_ANNIVERSARY, false);
    cp_errors errs = {0};
    inv_inventory *inv = NULL;
    ck_assert_int_eq(inv_load("t.json", json, strlen(json), inv_test_hook_fn, &hook, &inv, &errs),
                     -1);
    ck_assert_ptr_null(inv);
    ck_assert_uint_eq(errs.count, 1);
    ck_assert_str_eq(errs.items[0].path, "plans[0].auto_renew");
    ck_assert_int_eq(errs.items[0].line, 3);
    ck_assert_int_eq(errs.items[0].col, 147);
    ck_assert_ptr_nonnull(strstr(errs.items[0].message, "computed date after 9999-12-31"));
    cp_errors_free(&errs);
    free(json);

    /* without auto_renew the same term is fine; so is a calendar-year 9998 renewing into 9999 */
    json = xasprintf(INV_TEST_PLAN_DOC, "USD", "9998-06-01", "", 1, "1.00", "false");
    inv_inventory *ok = inv_test_load_ok(json, &hook);
    ck_assert_int_eq(ok->plans[0].last_day, inv_test_day("9999-05-31"));
    inv_free(ok);
    free(json);
    json = xasprintf(INV_TEST_PLAN_DOC, "USD", "9998-01-01", "", 1, "1.00", "true");
    ok = inv_test_load_ok(json, NULL);
    ck_assert_int_eq(ok->plans[0].renewal_amount, 100);
    inv_free(ok);
    free(json);
}
END_TEST

/* purchased_on before term_start: the plan renewed into this term, a full renewal charge. */
START_TEST(test_renewed_into_term)
{
    char *json = xasprintf(INV_TEST_PLAN_DOC, "USD", "2026-01-01",
                           "\"purchased_on\": \"2024-06-01\", ", 2, "100.005", "false");
    inv_test_hook hook;
    inv_test_hook_init(&hook, INV_TERM_CALENDAR_YEAR, false);
    hook.settings.initial_prorated = true; /* applies to initial charges only */
    inv_inventory *inv = inv_test_load_ok(json, &hook);
    const inv_plan *p = &inv->plans[0];
    ck_assert_int_eq(p->purchased_on, inv_test_day("2024-06-01"));
    ck_assert_uint_eq(p->n_charges, 1);
    ck_assert_int_eq(p->charges[0].kind, CHG_RENEWAL);
    ck_assert_str_eq(chg_kind_name(p->charges[0].kind), "renewal");
    ck_assert_int_eq(p->charges[0].date, inv_test_day("2026-01-01"));
    ck_assert_int_eq(p->charges[0].amount, 20001); /* 200.01 */
    ck_assert(!p->charges[0].prorated);
    ck_assert(!p->auto_renew);
    ck_assert_int_eq(p->renewal_amount, 0);
    ck_assert_int_eq(p->unit_price_decimals, 3);
    inv_free(inv);
    free(json);
}
END_TEST

START_TEST(test_initial_prorated)
{
    char *json = xasprintf(INV_TEST_PLAN_DOC, "USD", "2026-01-01",
                           "\"purchased_on\": \"2026-09-01\", ", 1, "74100.00", "false");
    inv_test_hook hook;
    inv_test_hook_init(&hook, INV_TERM_CALENDAR_YEAR, false);
    hook.settings.initial_prorated = true;
    inv_inventory *inv = inv_test_load_ok(json, &hook);
    const chg_charge *c = &inv->plans[0].charges[0];
    ck_assert_int_eq(c->kind, CHG_INITIAL);
    ck_assert(c->prorated);
    ck_assert_int_eq(c->remaining_days, 122);
    ck_assert_int_eq(c->term_days, 365);
    ck_assert_int_eq(c->amount, 2476767);
    inv_free(inv);
    free(json);
}
END_TEST

/* Charges by date; equal dates keep the initial charge first, then purchases in document order. */
START_TEST(test_charge_order)
{
    char *json = xasprintf(INV_TEST_PLAN_DOC, "JPY", "2026-01-01",
                           "\"purchases\": [{\"date\": \"2026-09-01\", \"units\": 1}, "
                           "{\"date\": \"2026-01-01\", \"units\": 2, \"note\": \"day one\"}, "
                           "{\"date\": \"2026-09-01\", \"units\": 3}], ",
                           2, "10000000", "true");
    inv_inventory *inv = inv_test_load_ok(json, NULL);
    const inv_plan *p = &inv->plans[0];
    ck_assert_int_eq(inv->currency_digits, 0);
    ck_assert_uint_eq(p->n_charges, 4);
    static const long order[] = {-1, 1, 0, 2};
    for (size_t i = 0; i < 4; i++)
        ck_assert_int_eq(p->charges[i].purchase, order[i]);
    ck_assert_int_eq(p->charges[0].kind, CHG_INITIAL);
    ck_assert_int_eq(p->charges[0].amount, 20000000);
    ck_assert_int_eq(p->charges[1].amount, 20000000); /* 365 of 365 days */
    ck_assert_int_eq(p->charges[2].amount, 3342466);  /* 10000000 x 122 / 365 = 3342465.75 */
    ck_assert_int_eq(p->charges[3].units, 3);
    ck_assert_int_eq(p->charges[3].amount, 10027397); /* x 3 = 10027397.26 */
    ck_assert_str_eq(p->purchases[1].note, "day one");
    ck_assert_int_eq(p->renewal_units, 8);
    ck_assert_int_eq(p->renewal_amount, 80000000);
    inv_free(inv);
    free(json);
}
END_TEST

static const struct {
    const char *date, *start, *last;
    int digits;
    const char *price;
    const char *amount;
    int remaining, days;
} inv_prorate_cases[] = {
    {"2026-09-01", "2026-01-01", "2026-12-31", 2, "74100.00", "24767.67", 122, 365},
    {"2028-09-01", "2028-01-01", "2028-12-31", 2, "74100.00", "24700.00", 122, 366},
    {"2026-12-31", "2026-01-01", "2026-12-31", 2, "74100.00", "203.01", 1, 365},
    {"2026-07-01", "2026-01-01", "2026-12-31", 0, "10000000", "5041096", 184, 365},
    {"2026-01-01", "2026-01-01", "2026-12-31", 3, "0.125", "0.125", 365, 365},
};

START_TEST(test_prorate)
{
    money_micros price;
    const char *ps = inv_prorate_cases[_i].price;
    ck_assert_int_eq(money_parse(ps, strlen(ps), &price), MONEY_OK);
    money_minor amount;
    int remaining, days;
    ck_assert_int_eq(inv_prorate(price, 1, inv_test_day(inv_prorate_cases[_i].date),
                                 inv_test_day(inv_prorate_cases[_i].start),
                                 inv_test_day(inv_prorate_cases[_i].last),
                                 inv_prorate_cases[_i].digits, MONEY_HALF_UP, &amount, &remaining,
                                 &days),
                     MONEY_OK);
    char buf[32];
    ck_assert_str_eq(money_format_minor(amount, inv_prorate_cases[_i].digits, buf),
                     inv_prorate_cases[_i].amount);
    ck_assert_int_eq(remaining, inv_prorate_cases[_i].remaining);
    ck_assert_int_eq(days, inv_prorate_cases[_i].days);
}
END_TEST

START_TEST(test_prorate_limit)
{
    money_micros price;
    ck_assert_int_eq(money_parse("9999999999.00", 13, &price), MONEY_OK);
    money_minor amount;
    int remaining, days;
    ck_assert_int_eq(inv_prorate(price, 1000000, inv_test_day("2026-01-01"),
                                 inv_test_day("2026-01-01"), inv_test_day("2026-12-31"), 2,
                                 MONEY_HALF_UP, &amount, &remaining, &days),
                     MONEY_ELIMIT);
}
END_TEST

START_TEST(test_settings_default)
{
    inv_settings s;
    memset(&s, 0xff, sizeof s);
    inv_settings_default(&s);
    ck_assert_int_eq(s.basis, INV_TERM_CALENDAR_YEAR);
    ck_assert(!s.initial_prorated);
    ck_assert_int_eq(s.rounding, MONEY_HALF_UP);
    ck_assert_uint_eq(s.busdays.weekend, (1u << CAL_SAT) | (1u << CAL_SUN));
    ck_assert_ptr_null(s.busdays.holidays);
    ck_assert_uint_eq(s.busdays.n_holidays, 0);
    ck_assert_int_eq(s.decision_margin, 5);
    ck_assert_int_eq(s.approval_review, 10);
}
END_TEST

/* ---- subscriptions, extensions, the hook ---- */

START_TEST(test_approval_due)
{
    const char *json =
        "{\"inventory\": 1, \"currency\": \"EUR\", \"locale\": \"de_DE\",\n"
        "\"subscriptions\": [\n"
        " {\"id\": \"s1\", \"name\": \"Fleet\", \"contact\": \"ops@example.com\",\n"
        "  \"access\": {\"status\": \"pending\", \"requested_on\": \"2026-12-17\"}},\n"
        " {\"id\": \"s2\", \"access\": {\"status\": \"not-requested\"}},\n"
        " {\"id\": \"s3\", \"access\": {\"status\": \"rejected\", "
        "\"requested_on\": \"2026-01-05\", \"decided_on\": \"2026-01-05\"}}],\n"
        "\"plans\": []}";
    inv_test_hook hook;
    inv_test_hook_init(&hook, INV_TERM_CALENDAR_YEAR, true);
    inv_inventory *inv = inv_test_load_ok(json, &hook);
    ck_assert_str_eq(inv->locale, "de_DE");
    ck_assert_str_eq(inv->currency, "EUR");
    ck_assert_uint_eq(inv->n_subscriptions, 3);
    ck_assert_str_eq(inv->subscriptions[0].name, "Fleet");
    ck_assert_str_eq(inv->subscriptions[0].contact, "ops@example.com");
    ck_assert_int_eq(inv->subscriptions[0].access, INV_ACCESS_PENDING);
    /* Thu 2026-12-17 + 10 business days, skipping weekends and 2026-12-25 */
    ck_assert_int_eq(inv->subscriptions[0].approval_due, inv_test_day("2027-01-01"));
    ck_assert_int_eq(inv->subscriptions[1].access, INV_ACCESS_NOT_REQUESTED);
    ck_assert_int_eq(inv->subscriptions[1].requested_on, CAL_NONE);
    ck_assert_int_eq(inv->subscriptions[1].approval_due, CAL_NONE);
    ck_assert_int_eq(inv->subscriptions[2].access, INV_ACCESS_REJECTED);
    ck_assert_int_eq(inv->subscriptions[2].approval_due, CAL_NONE);
    ck_assert_uint_eq(inv->n_plans, 0);
    ck_assert_uint_eq(inv->n_containers, 0);
    ck_assert_ptr_null(inv->organization);
    inv_free(inv);
}
END_TEST

/*
 * Quota quantities: any JSON number greater than 0, below 10^12 and with at
 * most 6 decimals once its exponent is applied (what usage sums exactly).
 */
static const struct {
    const char *literal;
    const char *error; /* NULL when valid, else a part of the message */
} inv_quantity_cases[] = {
    {"10000", NULL},
    {"0.000001", NULL},
    {"2.5e3", NULL},
    {"1E+3", NULL},
    {"100.0000001e2", NULL},
    {"999999999999.999999", NULL},
    {"1.50000000", NULL},
    {"0", "greater than 0"},
    {"-0", "greater than 0"},
    {"0e5", "greater than 0"},
    {"-2", "greater than 0"},
    {"0.0000001", "at most 6 decimals"},
    {"5e-7", "at most 6 decimals"},
    {"1e-400", "at most 6 decimals"},
    {"1e12", "below 10^12"},
    {"1000000000000", "below 10^12"},
    {"1e999999999999", "below 10^12"},
};

START_TEST(test_quota_quantity)
{
    char *json = xasprintf(
        "{\"inventory\": 1, \"currency\": \"USD\", \"subscriptions\": [{\"id\": \"s1\", "
        "\"access\": {\"status\": \"approved\", \"requested_on\": \"2025-10-01\"}}],\n"
        "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"translator\", "
        "\"term_start\": \"2026-01-01\", \"units\": 1, \"unit_price\": \"1.00\", "
        "\"auto_renew\": false,\n\"quota_per_unit\": {\"quantity\": %s, \"unit\": \"hours\", "
        "\"meters\": []}}]}",
        inv_quantity_cases[_i].literal);
    if (!inv_quantity_cases[_i].error) {
        inv_inventory *inv = inv_test_load_ok(json, NULL);
        ck_assert_str_eq(inv->plans[0].quota->quantity, inv_quantity_cases[_i].literal);
        inv_free(inv);
    } else {
        cp_errors errs = {0};
        inv_inventory *inv = NULL;
        ck_assert_int_eq(inv_load("t.json", json, strlen(json), NULL, NULL, &inv, &errs), -1);
        ck_assert_uint_eq(errs.count, 1);
        ck_assert_str_eq(errs.items[0].path, "plans[0].quota_per_unit.quantity");
        ck_assert_int_eq(errs.items[0].line, 3);
        ck_assert_int_eq(errs.items[0].col, 32);
        ck_assert_msg(strstr(errs.items[0].message, inv_quantity_cases[_i].error) != NULL, "%s",
                      errs.items[0].message);
        cp_errors_free(&errs);
    }
    free(json);
}
END_TEST

START_TEST(test_extension_keys)
{
    const char *json =
        "{\"inventory\": 1, \"currency\": \"USD\", \"x-generated-by\": {\"tool\": 1},\n"
        "\"subscriptions\": [{\"id\": \"s1\", \"x-note\": 1, \"access\": "
        "{\"status\": \"approved\", \"requested_on\": \"2025-10-01\", \"x-ticket\": \"T-1\"}}],\n"
        "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"translator\", "
        "\"term_start\": \"2026-01-01\", \"units\": 1, \"unit_price\": \"1.00\", "
        "\"auto_renew\": false, \"x-\": null,\n"
        " \"purchases\": [{\"date\": \"2026-02-02\", \"units\": 1, \"x-by\": \"me\"}]}],\n"
        "\"containers\": [{\"id\": \"c1\", \"plan\": \"p1\", \"image\": \"i\", \"version\": \"v\", "
        "\"platform\": \"docker\", \"x-rack\": 4, \"mounts\": {\"license\": \"/l\", "
        "\"output\": \"/o\", \"x-y\": 0}, \"env\": {\"x-kept\": \"as a name\", \"A:B\": \"1\"}}]}";
    inv_inventory *inv = inv_test_load_ok(json, NULL);
    const inv_container *c = &inv->containers[0];
    ck_assert_int_eq(c->platform, INV_DOCKER);
    ck_assert_str_eq(c->mount_license, "/l");
    ck_assert_str_eq(c->mount_output, "/o");
    ck_assert(!c->has_license);
    ck_assert_int_eq(c->license_expires_on, CAL_NONE);
    ck_assert_uint_eq(c->n_env, 2); /* env names are data, not keys: "x-" ones are kept */
    ck_assert_str_eq(c->env[0].name, "x-kept");
    ck_assert_str_eq(c->env[1].name, "A:B");
    ck_assert_uint_eq(inv->plans[0].n_purchases, 1);
    inv_free(inv);
}
END_TEST

START_TEST(test_hook_gets_policy)
{
    char *json = xasprintf(INV_TEST_PLAN_DOC, "USD", "2026-03-01", "", 1, "1.00", "true");
    /* put an inline policy in front of the other keys */
    char *with = xasprintf("{\"policy\": {\"term_basis\": \"anniversary\"}, %s", json + 1);
    inv_test_hook hook;
    inv_test_hook_init(&hook, INV_TERM_ANNIVERSARY, false);
    inv_inventory *inv = inv_test_load_ok(with, &hook);
    ck_assert_int_eq(hook.calls, 1);
    ck_assert(hook.policy_given);
    ck_assert_int_eq(hook.policy_type, JR_OBJECT);
    ck_assert_int_eq(inv->settings.basis, INV_TERM_ANNIVERSARY);
    ck_assert_int_eq(inv->plans[0].last_day, inv_test_day("2027-02-28"));
    inv_free(inv);
    free(with);
    free(json);
}
END_TEST

/*
 * A failing hook fails the load, and the inventory's own errors are still
 * reported, but none that depends on the settings the policy would have given:
 * term_start 2026-03-01 is no error when the policy may be an anniversary one.
 */
START_TEST(test_hook_fails)
{
    char *json = xasprintf(INV_TEST_PLAN_DOC, "USD", "2026-03-01", "", 0, "1.00", "true");
    char *with = xasprintf("{\"policy\": \"p.json\", %s", json + 1);
    inv_test_hook hook;
    inv_test_hook_init(&hook, INV_TERM_CALENDAR_YEAR, false);
    hook.rc = -1;
    cp_errors errs = {0};
    inv_inventory *inv = NULL;
    ck_assert_int_eq(inv_load("t.json", with, strlen(with), inv_test_hook_fn, &hook, &inv, &errs),
                     -1);
    ck_assert_ptr_null(inv);
    ck_assert_int_eq(hook.policy_type, JR_STRING);
    ck_assert_uint_eq(errs.count, 2);
    cp_errors_sort(&errs);
    ck_assert_str_eq(errs.items[0].message, "test policy error");
    ck_assert_str_eq(errs.items[1].path, "plans[0].units");
    cp_errors_free(&errs);
    free(with);
    free(json);
}
END_TEST

START_TEST(test_find_plan_by_hand)
{
    inv_plan plans[2] = {{.id = (char *)"a"}, {.id = (char *)"b"}};
    inv_inventory inv = {.plans = plans, .n_plans = 2};
    ck_assert_int_eq(inv_find_plan(&inv, "b"), 1);
    ck_assert_int_eq(inv_find_plan(&inv, "c"), -1);
}
END_TEST

/* Many plans: ids resolve through the hash, and every error of a file is collected. */
START_TEST(test_many_errors)
{
    cp_buf b = {0};
    cp_buf_puts(&b, "{\"inventory\": 1, \"currency\": \"USD\", \"subscriptions\": "
                    "[{\"id\": \"s\", \"access\": {\"status\": \"approved\", "
                    "\"requested_on\": \"2025-01-01\"}}],\n\"plans\": [\n");
    for (int i = 0; i < 60; i++)
        cp_buf_printf(&b,
                      "%s{\"id\": \"p%d\", \"subscription\": \"s\", \"service\": \"x\", "
                      "\"term_start\": \"2026-01-01\", \"units\": 1, \"unit_price\": 5, "
                      "\"auto_renew\": true}\n",
                      i ? "," : "", i);
    cp_buf_puts(&b, "]}");
    cp_errors errs = {0};
    inv_inventory *inv = NULL;
    ck_assert_int_eq(inv_load("t.json", b.data, b.len, NULL, NULL, &inv, &errs), -1);
    ck_assert_ptr_null(inv);
    ck_assert_uint_eq(errs.count, 60);
    cp_errors_sort(&errs);
    for (int i = 0; i < 60; i++) {
        char path[32];
        snprintf(path, sizeof path, "plans[%d].unit_price", i);
        ck_assert_str_eq(errs.items[i].path, path);
        ck_assert_int_eq(errs.items[i].line, i + 3);
        ck_assert_int_eq(errs.items[i].col, (i ? 2 : 1) + 104 + (i >= 10));
    }
    cp_errors_free(&errs);
    cp_buf_free(&b);
}
END_TEST

START_TEST(test_many_plans)
{
    cp_buf b = {0};
    cp_buf_puts(&b, "{\"inventory\": 1, \"currency\": \"USD\", \"subscriptions\": "
                    "[{\"id\": \"s\", \"access\": {\"status\": \"approved\", "
                    "\"requested_on\": \"2025-01-01\"}}],\n\"plans\": [\n");
    for (int i = 0; i < 5000; i++)
        cp_buf_printf(&b,
                      "%s{\"id\": \"p%d\", \"subscription\": \"s\", \"service\": \"x\", "
                      "\"term_start\": \"2026-01-01\", \"units\": 1, \"unit_price\": \"5\", "
                      "\"auto_renew\": true}\n",
                      i ? "," : "", i);
    cp_buf_puts(&b, "], \"containers\": [");
    for (int i = 0; i < 5000; i++)
        cp_buf_printf(
            &b,
            "%s{\"id\": \"c%d\", \"plan\": \"p%d\", \"image\": \"i\", \"version\": \"v\", "
            "\"platform\": \"docker\"}\n",
            i ? "," : "", i, 4999 - i);
    cp_buf_puts(&b, "]}");
    inv_inventory *inv = inv_test_load_ok(b.data, NULL);
    ck_assert_uint_eq(inv->n_plans, 5000);
    for (size_t i = 0; i < 5000; i += 499)
        ck_assert_uint_eq(inv->containers[i].plan, 4999 - i);
    ck_assert_int_eq(inv_find_plan(inv, "p4321"), 4321);
    ck_assert_int_eq(inv_find_plan(inv, "p5000"), -1);
    inv_free(inv);
    cp_buf_free(&b);
}
END_TEST

/* ---- invalid inputs: one per class, with exact location, path and message ---- */

/* An inventory whose one container's image holds the JSON escape ESC (e.g. "u202e"). */
#define IMAGE_WITH(ESC)                                                                            \
    "{\"inventory\": 1, \"currency\": \"USD\",\n"                                                  \
    "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "                 \
    "\"requested_on\": \"2025-10-01\"}}],\n"                                                       \
    "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "     \
    "\"term_start\": \"2026-01-01\",\n"                                                            \
    "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"                        \
    "\"containers\": [{\"id\": \"c1\", \"plan\": \"p1\", \"image\": \"mcr\\" ESC "/x\", "          \
    "\"version\": \"1.0\", \"platform\": \"docker\", \"env\": {\"Mounts:License\": \"/l\", "       \
    "\"EULA\": \"x\"}}]}\n"

typedef struct inv_bad_case {
    const char *name;
    const char *json;
    int line, col;
    const char *path;    /* NULL for a syntax error */
    const char *message; /* a substring of the message */
    const char *hint;    /* a substring of the hint, or NULL when not checked */
    size_t count;        /* errors in all */
} inv_bad_case;

static const inv_bad_case inv_bad_cases[] = {
    {"malformed", "{\"inventory\": 1,,}", 1, 17, NULL, "expected a key", NULL, 1},
    {"root-array", "[]", 1, 1, "", "expected an inventory object", NULL, 1},
    {"unknown-key",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"unitz\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 1, "plans[0].unitz", "unknown key \"unitz\"", "did you mean \"units\"?", 2},
    /* Keys are shown with control and bidi characters escaped: one error, one line. */
    {"unknown-key-newline",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"a\\nb\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 1, "plans[0].a\\u000ab", "unknown key \"a\\u000ab\"", NULL, 2},
    {"unknown-key-escape",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"\\u001b[31mred\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 1, "plans[0].\\u001b[31mred", "unknown key \"\\u001b[31mred\"", NULL, 2},
    {"unknown-key-bidi",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"ab\\u202ecd\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 1, "plans[0].ab\\u202ecd", "unknown key \"ab\\u202ecd\"", NULL, 2},
    {"unknown-key-far",
     "{\"inventory\": 1, \"colour\": \"red\", \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     1, 18, "colour", "unknown key \"colour\"", "\"x-\"", 1},
    {"duplicate-key",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"units\": 3, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 13, "plans[0].units", "duplicate key \"units\"", NULL, 1},
    {"missing-units",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     3, 11, "plans[0].units", "missing required key \"units\"", NULL, 1},
    {"missing-plans",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"containers\": []}\n",
     1, 1, "plans", "missing required key \"plans\"", NULL, 1},
    {"missing-requested-on",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"pending\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     2, 42, "subscriptions[0].access.requested_on", "missing required key \"requested_on\"",
     "pending", 1},
    {"wrong-type-bool",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": \"yes\"}],\n"
     "\"containers\": []}\n",
     4, 53, "plans[0].auto_renew", "expected true or false, found \"yes\"", NULL, 1},
    {"wrong-type-array",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": {}}\n",
     5, 15, "containers", "expected an array, found an object", NULL, 1},
    {"wrong-type-string",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": 42, \"term_start\": "
     "\"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     3, 57, "plans[0].service", "expected a string, found 42", NULL, 1},
    {"empty-required-string",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"\", \"term_start\": "
     "\"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     3, 57, "plans[0].service", "non-empty", NULL, 1},
    {"money-number",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": 74100.00, \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 27, "plans[0].unit_price", "money must be a string like \"74100.00\", not a number",
     "write money as a string, e.g. \"74100.00\"", 1},
    {"money-form-0",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74,100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 27, "plans[0].unit_price", "expected money like \"74100.00\"", NULL, 1},
    {"money-form-1",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"-1.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 27, "plans[0].unit_price", "expected money like \"74100.00\"", NULL, 1},
    {"money-form-2",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"1.1234567\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 27, "plans[0].unit_price", "expected money like \"74100.00\"", NULL, 1},
    {"money-form-3",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"12345678901234\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 27, "plans[0].unit_price", "expected money like \"74100.00\"", NULL, 1},
    {"money-form-4",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \" 1\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 27, "plans[0].unit_price", "expected money like \"74100.00\"", NULL, 1},
    {"money-form-5",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"1.\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 27, "plans[0].unit_price", "expected money like \"74100.00\"", NULL, 1},
    {"money-form-6",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \".5\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 27, "plans[0].unit_price", "expected money like \"74100.00\"", NULL, 1},
    {"money-form-7",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"1e3\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 27, "plans[0].unit_price", "expected money like \"74100.00\"", NULL, 1},
    {"money-form-8",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 27, "plans[0].unit_price", "expected money like \"74100.00\"", NULL, 1},
    {"date-feb-30",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-02-30\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     3, 89, "plans[0].term_start",
     "YYYY-MM-DD between 1970-01-01 and 9999-12-31, found \"2026-02-30\"", "2026-02 has 28 days",
     1},
    {"date-1969",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"1969-12-31\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     2, 81, "subscriptions[0].access.requested_on", "between 1970-01-01 and 9999-12-31", NULL, 1},
    {"date-short",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-1-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     3, 89, "plans[0].term_start", "YYYY-MM-DD", NULL, 1},
    {"date-number",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": 20260101,\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     3, 89, "plans[0].term_start", "expected a date string YYYY-MM-DD, found 20260101", NULL, 1},
    {"count-2.0",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2.0, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 10, "plans[0].units", "expected an integer count, found 2.0", NULL, 1},
    {"count-2e0",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2e0, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 10, "plans[0].units", "expected an integer count, found 2e0", NULL, 1},
    {"count-string",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": \"2\", \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 10, "plans[0].units", "expected an integer count, found \"2\"", NULL, 1},
    {"count-zero",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 0, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 10, "plans[0].units", "expected a count from 1 to 1000000, found 0", NULL, 1},
    {"count-big",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 1000001, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 10, "plans[0].units", "expected a count from 1 to 1000000, found 1000001", NULL, 1},
    {"count-negative",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": -1, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 10, "plans[0].units", "expected a count from 1 to 1000000, found -1", NULL, 1},
    {"purchase-units-zero",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true, \"purchases\": [{\"date\": "
     "\"2026-05-01\", \"units\": 0}]}],\n"
     "\"containers\": []}\n",
     4, 105, "plans[0].purchases[0].units", "expected a count from 1 to 1000000, found 0", NULL, 1},
    {"renewal-units-zero-ignored",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": false, \"renewal\": {\"units\": "
     "0}}],\n"
     "\"containers\": []}\n",
     4, 81, "plans[0].renewal.units", "expected a count from 1 to 1000000, found 0", NULL, 1},
    {"id-form-0",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"-p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     3, 18, "plans[0].id", "expected an id", "letters, digits", 1},
    {"id-form-1",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p 1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     3, 18, "plans[0].id", "expected an id", "letters, digits", 1},
    {"id-form-2",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", "
     "\"subscription\": \"s1\", \"service\": \"speech-to-text\", \"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     3, 18, "plans[0].id", "expected an id", "letters, digits", 1},
    {"id-form-3",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     3, 18, "plans[0].id", "expected an id", "letters, digits", 1},
    {"id-form-4",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p/1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     3, 18, "plans[0].id", "expected an id", "letters, digits", 1},
    {"id-number",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": 1, \"access\": {\"status\": \"approved\", \"requested_on\": "
     "\"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     2, 26, "subscriptions[0].id", "expected an id string, found 1", NULL, 2},
    {"duplicate-plan-id",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true},\n"
     "{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", \"term_start\": "
     "\"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     5, 8, "plans[1].id", "duplicate id \"p1\": plans[0] has it already", NULL, 1},
    {"duplicate-subscription-id",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"not-requested\"}},\n"
     "{\"id\": \"s1\", \"access\": {\"status\": \"approved\", \"requested_on\": "
     "\"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     3, 8, "subscriptions[1].id", "duplicate id \"s1\": subscriptions[0] has it already", NULL, 1},
    {"duplicate-container-id",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": [{\"id\": \"c1\", \"plan\": \"p1\", \"image\": \"mcr.microsoft.com/x\", "
     "\"version\": \"1.0\", \"platform\": \"docker\"}, {\"id\": \"c1\", \"plan\": \"p1\", "
     "\"image\": \"mcr.microsoft.com/x\", \"version\": \"1.0\", \"platform\": \"docker\"}]}\n",
     5, 123, "containers[1].id", "duplicate id \"c1\": containers[0] has it already", NULL, 1},
    {"unknown-subscription",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s2\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     3, 40, "plans[0].subscription", "unknown subscription \"s2\"", "known subscriptions: \"s1\"",
     1},
    {"unknown-plan",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": [{\"id\": \"c1\", \"plan\": \"p9\", \"image\": \"mcr.microsoft.com/x\", "
     "\"version\": \"1.0\", \"platform\": \"docker\"}]}\n",
     5, 37, "containers[0].plan", "unknown plan \"p9\"", "known plans: \"p1\"", 1},
    {"decided-before-requested",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\", \"decided_on\": \"2025-09-30\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     2, 109, "subscriptions[0].access.decided_on",
     "decided_on 2025-09-30 is before requested_on 2025-10-01", NULL, 1},
    {"calendar-year-not-jan-1",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-03-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     3, 89, "plans[0].term_start", "term_start 2026-03-01 is not January 1st", "term_basis", 1},
    {"purchase-after-term",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true, \"purchases\": [{\"date\": "
     "\"2027-01-01\", \"units\": 1}]}],\n"
     "\"containers\": []}\n",
     4, 82, "plans[0].purchases[0].date",
     "purchase date 2027-01-01 is outside the current term 2026-01-01..2026-12-31", NULL, 1},
    {"purchase-before-term",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true, \"purchases\": [{\"date\": "
     "\"2026-02-01\", \"units\": 1}, {\"date\": \"2025-12-31\", \"units\": 1}]}],\n"
     "\"containers\": []}\n",
     4, 118, "plans[0].purchases[1].date", "outside the current term", NULL, 1},
    {"purchase-before-purchased-on",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true, \"purchased_on\": "
     "\"2026-03-16\", \"purchases\": [{\"date\": \"2026-03-15\", \"units\": 1}]}],\n"
     "\"containers\": []}\n",
     4, 112, "plans[0].purchases[0].date",
     "purchase date 2026-03-15 is before purchased_on 2026-03-16", NULL, 1},
    {"purchased-on-after-term",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true, \"purchased_on\": "
     "\"2027-01-01\"}],\n"
     "\"containers\": []}\n",
     4, 75, "plans[0].purchased_on",
     "purchased_on 2027-01-01 is after the term's last day 2026-12-31", NULL, 1},
    {"unknown-currency",
     "{\"inventory\": 1, \"currency\": \"XYZ\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     1, 30, "currency", "unknown currency \"XYZ\"", "ISO 4217", 1},
    {"lowercase-currency",
     "{\"inventory\": 1, \"currency\": \"usd\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     1, 30, "currency", "unknown currency \"usd\"", "capital letters", 1},
    /* ICU knows these, but only currencies in use are taken (and CLF has 4 minor digits). */
    {"fund-currency",
     "{\"inventory\": 1, \"currency\": \"CLF\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     1, 30, "currency", "unknown currency \"CLF\"", "precious metals", 1},
    {"metal-currency",
     "{\"inventory\": 1, \"currency\": \"XAU\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     1, 30, "currency", "unknown currency \"XAU\"", "precious metals", 1},
    {"unknown-zone",
     "{\"inventory\": 1, \"currency\": \"USD\", \"time_zones\": [\"UTC\", \"Mars/Olympus_Mons\"],\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     1, 59, "time_zones[1]", "unknown time zone \"Mars/Olympus_Mons\"", "IANA", 1},
    {"zone-not-iana-localtime",
     "{\"inventory\": 1, \"currency\": \"USD\", \"time_zones\": [\"UTC\", \"localtime\"],\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     1, 59, "time_zones[1]", "\"localtime\" is not an IANA time zone name", "machine's own zone",
     1},
    {"zone-not-iana-posixrules",
     "{\"inventory\": 1, \"currency\": \"USD\", \"time_zones\": [\"UTC\", \"posixrules\"],\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     1, 59, "time_zones[1]", "\"posixrules\" is not an IANA time zone name", "POSIX TZ strings", 1},
    {"zone-not-iana-right",
     "{\"inventory\": 1, \"currency\": \"USD\", \"time_zones\": [\"UTC\", \"right/UTC\"],\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     1, 59, "time_zones[1]", "\"right/UTC\" is not an IANA time zone name", "leap seconds", 1},
    {"zone-not-iana-posix",
     "{\"inventory\": 1, \"currency\": \"USD\", \"time_zones\": [\"UTC\", \"posix/Asia/Tokyo\"],\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     1, 59, "time_zones[1]", "\"posix/Asia/Tokyo\" is not an IANA time zone name", "second name",
     1},
    {"unknown-plan-zone",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true, \"time_zone\": "
     "\"Europe/Atlantis\"}],\n"
     "\"containers\": []}\n",
     4, 72, "plans[0].time_zone", "unknown time zone \"Europe/Atlantis\"", NULL, 1},
    {"unknown-locale",
     "{\"inventory\": 1, \"currency\": \"USD\", \"locale\": \"xx_YY\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     1, 47, "locale", "unknown locale \"xx_YY\"", NULL, 1},
    {"term-in-9999",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"9999-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     3, 89, "plans[0].term_start", "computed date after 9999-12-31", NULL, 1},
    {"amount-limit",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 1000000, \"unit_price\": \"9999999999.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     4, 33, "plans[0].unit_price", "the initial charge reaches 10^15 USD", NULL, 1},
    {"total-limit-renewal",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 100, \"unit_price\": \"9999999999999.00\", \"auto_renew\": true, \"renewal\": "
     "{\"units\": 100}}],\n"
     "\"containers\": []}\n",
     4, 90, "plans[0].renewal.units", "the plan's total", NULL, 1},
    {"total-limit-purchase",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 99, \"unit_price\": \"9999999999999.00\", \"auto_renew\": false, \"purchases\": "
     "[{\"date\": \"2026-01-01\", \"units\": 2}]}],\n"
     "\"containers\": []}\n",
     4, 115, "plans[0].purchases[0].units", "the plan's total", NULL, 1},
    {"inventory-version",
     "{\"inventory\": 2, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     1, 15, "inventory", "expected the format version 1, found 2", NULL, 1},
    {"inventory-version-float",
     "{\"inventory\": 1.0, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     1, 15, "inventory", "expected the format version 1, found 1.0", NULL, 1},
    {"column-counts-characters",
     "{\"organization\": \"Ökonomie Åland\", \"inventory\": \"1\", \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     1, 49, "inventory", "expected the format version 1", NULL, 1},
    {"quota-zero",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true, \"quota_per_unit\": "
     "{\"quantity\": 0.0, \"unit\": \"hours\", \"meters\": [\"m\"]}}],\n"
     "\"containers\": []}\n",
     4, 90, "plans[0].quota_per_unit.quantity", "expected a number greater than 0, found 0.0", NULL,
     1},
    {"quota-negative",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true, \"quota_per_unit\": "
     "{\"quantity\": -5, \"unit\": \"hours\", \"meters\": [\"m\"]}}],\n"
     "\"containers\": []}\n",
     4, 90, "plans[0].quota_per_unit.quantity", "greater than 0", NULL, 1},
    {"quota-string",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true, \"quota_per_unit\": "
     "{\"quantity\": \"10\", \"unit\": \"hours\", \"meters\": [\"m\"]}}],\n"
     "\"containers\": []}\n",
     4, 90, "plans[0].quota_per_unit.quantity", "expected a number greater than 0, found \"10\"",
     NULL, 1},
    {"quota-missing-meters",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true, \"quota_per_unit\": "
     "{\"quantity\": 10, \"unit\": \"hours\"}}],\n"
     "\"containers\": []}\n",
     4, 77, "plans[0].quota_per_unit.meters", "missing required key \"meters\"", NULL, 1},
    {"access-status",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"granted\", \"requested_on\": "
     "\"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     2, 53, "subscriptions[0].access.status", "unknown access status \"granted\"", NULL, 1},
    {"platform",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": [{\"id\": \"c1\", \"plan\": \"p1\", \"image\": \"mcr.microsoft.com/x\", "
     "\"version\": \"1.0\", \"platform\": \"podman\"}]}\n",
     5, 105, "containers[0].platform", "unknown platform \"podman\"", "kubernetes", 1},
    {"env-value-number",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": [{\"id\": \"c1\", \"plan\": \"p1\", \"image\": \"mcr.microsoft.com/x\", "
     "\"version\": \"1.0\", \"platform\": \"docker\", \"env\": {\"Mounts:License\": \"/l\", "
     "\"EULA\": 1}}]}\n",
     5, 155, "containers[0].env.EULA", "expected a string, found 1", NULL, 1},
    {"env-name-empty",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": [{\"id\": \"c1\", \"plan\": \"p1\", \"image\": \"mcr.microsoft.com/x\", "
     "\"version\": \"1.0\", \"platform\": \"docker\", \"env\": {\"Mounts:License\": \"/l\", \"\": "
     "\"x\"}}]}\n",
     5, 147, "containers[0].env.", "\"\" cannot be the name of an environment variable", "no '='",
     1},
    {"env-name-equals",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": [{\"id\": \"c1\", \"plan\": \"p1\", \"image\": \"mcr.microsoft.com/x\", "
     "\"version\": \"1.0\", \"platform\": \"docker\", \"env\": {\"Mounts:License\": \"/l\", "
     "\"A=B\": \"x\"}}]}\n",
     5, 147, "containers[0].env.A=B", "\"A=B\" cannot be the name", "no '='", 1},
    {"env-name-newline",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": [{\"id\": \"c1\", \"plan\": \"p1\", \"image\": \"mcr.microsoft.com/x\", "
     "\"version\": \"1.0\", \"platform\": \"docker\", \"env\": {\"Mounts:License\": \"/l\", "
     "\"A\\nB\": \"x\"}}]}\n",
     5, 147, "containers[0].env.A\\u000aB", "\"A\\u000aB\" cannot be the name", NULL, 1},
    {"version-tab",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": [{\"id\": \"c1\", \"plan\": \"p1\", \"image\": \"mcr.microsoft.com/x\", "
     "\"version\": \"1.0\\t\", \"platform\": \"docker\", \"env\": {\"Mounts:License\": \"/l\", "
     "\"EULA\": \"x\"}}]}\n",
     5, 86, "containers[0].version",
     "expected an image tag without control characters, found \"1.0\\u0009\"", NULL, 1},
    {"image-bidi", IMAGE_WITH("u202e"), 5, 52, "containers[0].image", "found \"mcr\\u202e/x\"",
     NULL, 1},
    {"image-del", IMAGE_WITH("u007f"), 5, 52, "containers[0].image", "found \"mcr\\u007f/x\"", NULL,
     1},
    {"image-c1-next-line", IMAGE_WITH("u0085"), 5, 52, "containers[0].image",
     "found \"mcr\\u0085/x\"", NULL, 1},
    {"image-bidi-isolate", IMAGE_WITH("u2066"), 5, 52, "containers[0].image",
     "found \"mcr\\u2066/x\"", NULL, 1},
    {"service-control",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech\\u0007\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": [{\"id\": \"c1\", \"plan\": \"p1\", \"image\": \"mcr.microsoft.com/x\", "
     "\"version\": \"1.0\", \"platform\": \"docker\", \"env\": {\"Mounts:License\": \"/l\", "
     "\"EULA\": \"x\"}}]}\n",
     3, 57, "plans[0].service", "expected a service name without control characters", NULL, 1},
    {"plan-ref-no-valid-ids",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": 7, \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": [{\"id\": \"c1\", \"plan\": \"p1\", \"image\": \"mcr.microsoft.com/x\", "
     "\"version\": \"1.0\", \"platform\": \"docker\", \"env\": {\"Mounts:License\": \"/l\", "
     "\"EULA\": \"x\"}}]}\n",
     5, 37, "containers[0].plan", "unknown plan \"p1\"", "none of the plans has a valid id", 2},
    {"license-missing-version",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": [{\"id\": \"c1\", \"plan\": \"p1\", \"image\": \"mcr.microsoft.com/x\", "
     "\"version\": \"1.0\", \"platform\": \"docker\", \"license\": {\"downloaded_on\": "
     "\"2026-01-01\"}}]}\n",
     5, 126, "containers[0].license.image_version", "missing required key \"image_version\"", NULL,
     1},
    {"upgrade-bad-date",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": [{\"id\": \"c1\", \"plan\": \"p1\", \"image\": \"mcr.microsoft.com/x\", "
     "\"version\": \"1.0\", \"platform\": \"docker\", \"upgrades\": [{\"version\": \"2.0\", "
     "\"on\": \"2026-13-01\"}]}]}\n",
     5, 153, "containers[0].upgrades[0].on", "YYYY-MM-DD", NULL, 1},
    {"mounts-unknown-key",
     "{\"inventory\": 1, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": [{\"id\": \"c1\", \"plan\": \"p1\", \"image\": \"mcr.microsoft.com/x\", "
     "\"version\": \"1.0\", \"platform\": \"docker\", \"mounts\": {\"logs\": \"/l\"}}]}\n",
     5, 126, "containers[0].mounts.logs", "unknown key \"logs\"", NULL, 1},
    {"policy-type",
     "{\"inventory\": 1, \"policy\": 5, \"currency\": \"USD\",\n"
     "\"subscriptions\": [{\"id\": \"s1\", \"access\": {\"status\": \"approved\", "
     "\"requested_on\": \"2025-10-01\"}}],\n"
     "\"plans\": [{\"id\": \"p1\", \"subscription\": \"s1\", \"service\": \"speech-to-text\", "
     "\"term_start\": \"2026-01-01\",\n"
     "\"units\": 2, \"unit_price\": \"74100.00\", \"auto_renew\": true}],\n"
     "\"containers\": []}\n",
     1, 28, "policy", "expected a policy file path or a policy object, found 5", NULL, 1},
};

static bool inv_test_contains(const char *s, const char *part)
{
    return part == NULL || (s != NULL && strstr(s, part) != NULL);
}

START_TEST(test_bad)
{
    const inv_bad_case *t = &inv_bad_cases[_i];
    cp_errors errs = {0};
    inv_inventory *inv = (inv_inventory *)&errs; /* must be reset to NULL */
    int rc = inv_load("bad.json", t->json, strlen(t->json), NULL, NULL, &inv, &errs);
    cp_buf all = {0};
    for (size_t i = 0; i < errs.count; i++)
        cp_errors_format(&errs, i, &all);
    ck_assert_msg(rc == -1 && inv == NULL, "%s: loaded", t->name);
    ck_assert_msg(errs.count == t->count, "%s: %zu errors, expected %zu:\n%s", t->name, errs.count,
                  t->count, cp_buf_str(&all));
    const cp_diag *found = NULL;
    for (size_t i = 0; i < errs.count && !found; i++) {
        const cp_diag *d = &errs.items[i];
        bool same_path = t->path ? d->path && strcmp(d->path, t->path) == 0 : d->path == NULL;
        if (same_path && d->line == t->line && d->col == t->col)
            found = d;
    }
    ck_assert_msg(found != NULL, "%s: no error at %d:%d %s:\n%s", t->name, t->line, t->col,
                  t->path ? t->path : "(no path)", cp_buf_str(&all));
    ck_assert_str_eq(found->file, "bad.json");
    ck_assert_msg(inv_test_contains(found->message, t->message), "%s: message \"%s\" lacks \"%s\"",
                  t->name, found->message, t->message);
    ck_assert_msg(inv_test_contains(found->hint, t->hint), "%s: hint \"%s\" lacks \"%s\"", t->name,
                  found->hint ? found->hint : "(none)", t->hint);
    cp_buf_free(&all);
    cp_errors_free(&errs);
}
END_TEST

Suite *inventory_suite(void)
{
    Suite *s = suite_create("inventory");
    TCase *tc = tcase_create("example");
    tcase_add_test(tc, test_example);
    tcase_add_test(tc, test_example_no_policy);
    suite_add_tcase(s, tc);

    tc = tcase_create("terms");
    tcase_add_loop_test(tc, test_anniversary, 0,
                        (int)(sizeof inv_anniversary_cases / sizeof *inv_anniversary_cases));
    tcase_add_test(tc, test_calendar_year_last_day);
    tcase_add_test(tc, test_next_term_limit);
    suite_add_tcase(s, tc);

    tc = tcase_create("charges");
    tcase_add_test(tc, test_renewed_into_term);
    tcase_add_test(tc, test_initial_prorated);
    tcase_add_test(tc, test_charge_order);
    tcase_add_loop_test(tc, test_prorate, 0,
                        (int)(sizeof inv_prorate_cases / sizeof *inv_prorate_cases));
    tcase_add_test(tc, test_prorate_limit);
    suite_add_tcase(s, tc);

    tc = tcase_create("settings");
    tcase_add_test(tc, test_settings_default);
    tcase_add_test(tc, test_hook_gets_policy);
    tcase_add_test(tc, test_hook_fails);
    suite_add_tcase(s, tc);

    tc = tcase_create("model");
    tcase_add_test(tc, test_approval_due);
    tcase_add_test(tc, test_extension_keys);
    tcase_add_loop_test(tc, test_quota_quantity, 0,
                        (int)(sizeof inv_quantity_cases / sizeof *inv_quantity_cases));
    tcase_add_test(tc, test_find_plan_by_hand);
    tcase_add_test(tc, test_many_plans);
    suite_add_tcase(s, tc);

    tc = tcase_create("invalid");
    tcase_add_loop_test(tc, test_bad, 0, (int)(sizeof inv_bad_cases / sizeof *inv_bad_cases));
    tcase_add_test(tc, test_many_errors);
    suite_add_tcase(s, tc);
    return s;
}
