/*
 * Tests of reminder scheduling (rules.md §6) and of the reminder state file.
 * Inventories are real JSON loaded through inv_load with the policy hook, so
 * anchors (decision deadlines, approval due dates) come from the same code as
 * in a run; each test's policy disables the default rules and adds one rule.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar/base.h"
#include "calendar/date.h"
#include "planner/cli/state.h"
#include "planner/inventory.h"
#include "policies/findings.h"
#include "policies/policy.h"
#include "policies/reminders.h"
#include "tests/suites.h"

#define NO_DEFAULTS                                                                                \
    "{\"id\": \"renewal-decision\", \"enabled\": false},"                                          \
    "{\"id\": \"plan-expiry\", \"enabled\": false},"                                               \
    "{\"id\": \"renewal-charge\", \"enabled\": false},"                                            \
    "{\"id\": \"license-expiry\", \"enabled\": false},"                                            \
    "{\"id\": \"license-before-upgrade\", \"enabled\": false},"                                    \
    "{\"id\": \"approval-follow-up\", \"enabled\": false}"

/*
 * Two plans (A auto-renews, speech-to-text, CC-1, 2 units + 1 bought at 100.00;
 * B does not, translator, no cost center, 1 unit at 50.00), one container on
 * each (kubernetes on A with an upgrade, docker on B), and a pending
 * subscription. %s: the reminder rules after the defaults are disabled.
 */
static const char fx_inventory[] =
    "{\"inventory\": 1, \"currency\": \"USD\","
    " \"policy\": {\"reminders\": [" NO_DEFAULTS "%s]},"
    " \"subscriptions\": ["
    "  {\"id\": \"sub-ok\", \"access\": {\"status\": \"approved\", \"requested_on\": "
    "\"2025-10-01\", \"decided_on\": \"2025-10-09\"}},"
    "  {\"id\": \"sub-wait\", \"access\": {\"status\": \"pending\", \"requested_on\": "
    "\"2026-05-25\"}, \"contact\": \"labs@example.com\"}],"
    " \"plans\": ["
    "  {\"id\": \"plan-a\", \"subscription\": \"sub-ok\", \"service\": \"speech-to-text\","
    "   \"term_start\": \"2026-01-01\", \"units\": 2, \"unit_price\": \"100.00\","
    "   \"purchases\": [{\"date\": \"2026-03-01\", \"units\": 1}],"
    "   \"auto_renew\": true, \"renewal\": {\"units\": 4}, \"owner\": \"ops@example.com\","
    "   \"cost_center\": \"CC-1\", \"time_zone\": \"America/Los_Angeles\"},"
    "  {\"id\": \"plan-b\", \"subscription\": \"sub-ok\", \"service\": \"translator\","
    "   \"term_start\": \"2026-01-01\", \"units\": 1, \"unit_price\": \"50.00\","
    "   \"auto_renew\": false}],"
    " \"containers\": ["
    "  {\"id\": \"box-a\", \"plan\": \"plan-a\", \"site\": \"Ship\", \"image\": "
    "\"mcr.microsoft.com/azure-cognitive-services/speechservices/speech-to-text\","
    "   \"version\": \"1.0\", \"platform\": \"kubernetes\","
    "   \"license\": {\"downloaded_on\": \"2026-01-05\", \"image_version\": \"1.0\", "
    "\"expires_on\": \"%s\"},"
    "   \"upgrades\": [{\"version\": \"2.0\", \"on\": \"2026-09-15\"}]},"
    "  {\"id\": \"box-b\", \"plan\": \"plan-b\", \"image\": "
    "\"mcr.microsoft.com/azure-cognitive-services/translator/text-translation\","
    "   \"version\": \"1.0\", \"platform\": \"docker\","
    "   \"license\": {\"downloaded_on\": \"2026-01-05\", \"image_version\": \"1.0\", "
    "\"expires_on\": \"2026-12-15\"}}]}";

typedef struct fx_run {
    inv_inventory *inv;
    pol_policy *pol;
    rule_reminders due;
} fx_run;

/* Loads the fixture with the given rules and license expiry of box-a; fails the test on error. */
static void fx_load(fx_run *run, const char *rules, const char *box_a_expiry)
{
    char *json = xasprintf(fx_inventory, rules, box_a_expiry);
    cp_errors errs = {0};
    pol_hook_ctx hook = {"fixture.json", NULL, NULL};
    memset(run, 0, sizeof *run);
    int rc =
        inv_load("fixture.json", json, strlen(json), pol_inventory_hook, &hook, &run->inv, &errs);
    if (rc != 0 && errs.count > 0) {
        cp_buf b = {0};
        cp_errors_format(&errs, 0, &b);
        fprintf(stderr, "%s", cp_buf_str(&b));
        cp_buf_free(&b);
    }
    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_nonnull(hook.policy);
    run->pol = hook.policy;
    cp_errors_free(&errs);
    free(json);
}

static void fx_due(fx_run *run, cal_day as_of)
{
    rule_reminders_free(&run->due);
    rule_reminders_due(run->inv, run->pol, as_of, &run->due);
    rule_reminders_sort(&run->due);
}

static void fx_free(fx_run *run)
{
    rule_reminders_free(&run->due);
    pol_free(run->pol);
    inv_free(run->inv);
}

/* The subjects of the due reminders, comma-separated, in output order. */
static char *fx_subjects(const rule_reminders *r)
{
    cp_buf b = {0};
    for (size_t i = 0; i < r->count; i++)
        cp_buf_printf(&b, "%s%s", i ? "," : "", r->items[i].subject);
    return cp_buf_steal(&b);
}

static cal_day fx_day(const char *iso)
{
    cal_day d;
    ck_assert_int_eq(cal_parse_iso(iso, strlen(iso), &d), 0);
    return d;
}

/* --- due-ness: rule_due_days over lead times 30, 14, 7, 0 (given unordered) */

static const struct {
    int offset; /* as_of - anchor */
    int due;    /* expected k, -1 for none */
} due_table[] = {
    {-45, -1}, {-31, -1}, {-30, 30}, {-29, 30}, {-15, 30}, {-14, 14}, {-10, 14},
    {-8, 14},  {-7, 7},   {-6, 7},   {-1, 7},   {0, 0},    {1, -1},   {40, -1},
};

START_TEST(test_due_days)
{
    static const int days[] = {7, 30, 0, 14};
    cal_day anchor = fx_day("2026-12-23");
    ck_assert_int_eq(rule_due_days(days, 4, anchor, anchor + due_table[_i].offset),
                     due_table[_i].due);
}
END_TEST

/* The same table through the engine: the key and fires_on of the one due instance. */
START_TEST(test_due_engine)
{
    fx_run run;
    fx_load(&run,
            ",{\"id\": \"end\", \"anchor\": \"last_day\", \"days_before\": [7, 30, 0, 14],"
            " \"match\": {\"auto_renew\": false}, \"severity\": \"critical\"}",
            "2027-06-30");
    cal_day anchor = fx_day("2026-12-31");
    fx_due(&run, anchor + due_table[_i].offset);
    if (due_table[_i].due < 0) {
        ck_assert_uint_eq(run.due.count, 0);
    } else {
        ck_assert_uint_eq(run.due.count, 1);
        const rule_reminder *r = &run.due.items[0];
        char *want = xasprintf("end:plan-b:2026-12-31:%d", due_table[_i].due);
        ck_assert_str_eq(r->key, want);
        ck_assert_int_eq(r->days_before, due_table[_i].due);
        ck_assert_int_eq(r->fires_on, anchor - due_table[_i].due);
        ck_assert_int_eq(r->anchor_date, anchor);
        ck_assert_int_eq(r->severity, POL_SEV_CRITICAL);
        ck_assert_str_eq(rule_anchor_name(r->anchor), "last_day");
        free(want);
    }
    fx_free(&run);
}
END_TEST

/* A run after missed days reports only the newest fired instance, not each stale one. */
START_TEST(test_catch_up)
{
    fx_run run;
    fx_load(
        &run,
        ",{\"id\": \"end\", \"anchor\": \"last_day\", \"days_before\": [90, 60, 30, 14, 7, 1, 0],"
        " \"match\": {\"auto_renew\": false}, \"severity\": \"critical\"}",
        "2027-06-30");
    fx_due(&run, fx_day("2026-12-28")); /* 90, 60, 30, 14 and 7 have all fired */
    ck_assert_uint_eq(run.due.count, 1);
    ck_assert_str_eq(run.due.items[0].key, "end:plan-b:2026-12-31:7");
    fx_free(&run);
}
END_TEST

/* An edited anchor date gives new keys, so a state file that holds the old ones does not hide them.
 */
START_TEST(test_changed_anchor)
{
    fx_run a, b;
    const char *rule = ",{\"id\": \"lic\", \"anchor\": \"license_expiry\", \"days_before\": [30],"
                       " \"match\": {\"platform\": [\"kubernetes\"]}, \"severity\": \"critical\"}";
    fx_load(&a, rule, "2026-12-20");
    fx_load(&b, rule, "2026-12-27");
    fx_due(&a, fx_day("2026-12-01"));
    fx_due(&b, fx_day("2026-12-01"));
    ck_assert_uint_eq(a.due.count, 1);
    ck_assert_uint_eq(b.due.count, 1);
    ck_assert_str_eq(a.due.items[0].key, "lic:box-a:2026-12-20:30");
    ck_assert_str_eq(b.due.items[0].key, "lic:box-a:2026-12-27:30");
    cli_state st;
    cli_state_init(&st, "unused");
    cli_state_add(&st, a.due.items[0].key, a.due.items[0].anchor_date, false);
    cli_state_sort(&st);
    ck_assert(cli_state_has(&st, a.due.items[0].key));
    ck_assert(!cli_state_has(&st, b.due.items[0].key));
    cli_state_free(&st);
    fx_free(&a);
    fx_free(&b);
}
END_TEST

/* --- match filters: every anchor fires (3660 days) as of 2026-06-01; which subjects match */

static const struct {
    const char *anchor;
    const char *match; /* JSON object body, "" for none */
    const char *subjects;
} match_table[] = {
    {"last_day", "", "plan-a,plan-b"},
    {"last_day", "\"auto_renew\": true", "plan-a"},
    {"last_day", "\"auto_renew\": false", "plan-b"},
    {"last_day", "\"service\": [\"translator\", \"vision-read\"]", "plan-b"},
    {"last_day", "\"cost_center\": [\"CC-1\"]", "plan-a"},
    {"last_day", "\"cost_center\": [\"CC-2\"]", ""},
    {"last_day", "\"min_annual_cost\": \"300.00\"", "plan-a"},
    {"last_day", "\"min_annual_cost\": \"300.000001\"", ""},
    {"last_day", "\"min_annual_cost\": \"50.00\"", "plan-a,plan-b"},
    {"last_day", "\"platform\": [\"docker\", \"kubernetes\"]", ""},
    {"last_day", "\"auto_renew\": true, \"service\": [\"translator\"]", ""},
    {"next_term_start", "", "plan-a"},
    {"decision_deadline", "\"auto_renew\": false", "plan-b"},
    {"license_expiry", "", "box-b,box-a"},
    {"license_expiry", "\"platform\": [\"docker\"]", "box-b"},
    {"license_expiry", "\"service\": [\"speech-to-text\"]", "box-a"},
    {"license_expiry", "\"auto_renew\": false", "box-b"},
    {"license_expiry", "\"cost_center\": [\"CC-1\"], \"platform\": [\"kubernetes\"]", "box-a"},
    {"license_expiry", "\"min_annual_cost\": \"100.00\"", "box-a"},
    {"upgrade", "", "box-a@2.0"},
    {"upgrade", "\"platform\": [\"docker\"]", ""},
    {"approval_due", "", "sub-wait"},
    {"approval_due", "\"auto_renew\": true", ""},
    {"approval_due", "\"min_annual_cost\": \"0\"", ""},
};

START_TEST(test_match)
{
    fx_run run;
    char *rule = xasprintf(",{\"id\": \"r\", \"anchor\": \"%s\", \"days_before\": [3660],"
                           " \"match\": {%s}, \"severity\": \"info\"}",
                           match_table[_i].anchor, match_table[_i].match);
    if (!match_table[_i].match[0]) {
        free(rule);
        rule = xasprintf(",{\"id\": \"r\", \"anchor\": \"%s\", \"days_before\": [3660],"
                         " \"severity\": \"info\"}",
                         match_table[_i].anchor);
    }
    fx_load(&run, rule, "2026-12-20");
    fx_due(&run, fx_day("2026-06-01"));
    char *got = fx_subjects(&run.due);
    ck_assert_str_eq(got, match_table[_i].subjects);
    free(got);
    free(rule);
    fx_free(&run);
}
END_TEST

/* --- templates: every placeholder, for each kind of subject */

#define ALL_PLACEHOLDERS                                                                           \
    "{subject}|{anchor_date}|{days_before}|{last_day}|{cutoff}|{decision_deadline}|{owner}|"       \
    "{units}|{renewal_units}|{renewal_amount}|{version}"

static const struct {
    const char *anchor;
    const char *tpl;
    const char *want; /* the message of the first due reminder */
} tpl_table[] = {
    {"next_term_start", ALL_PLACEHOLDERS,
     "plan-a|2027-01-01|3660|2026-12-31|2027-01-01T00:00:00Z|2026-12-24|ops@example.com|3|4|"
     "400.00 USD|"},
    {"last_day", "{subject} ends {last_day}; renewal [{renewal_units}] [{renewal_amount}]",
     "plan-a ends 2026-12-31; renewal [4] [400.00 USD]"},
    {"upgrade", ALL_PLACEHOLDERS,
     "box-a@2.0|2026-09-15|3660|2026-12-31|2027-01-01T00:00:00Z|2026-12-24|ops@example.com|3|4|"
     "400.00 USD|2.0"},
    {"approval_due", ALL_PLACEHOLDERS, "sub-wait|2026-06-08|3660||||labs@example.com||||"},
    {"approval_due", "{owner}", "labs@example.com"},
    {"approval_due", "{{subject} is {subject}; a}b {{", "{subject} is sub-wait; a}b {"},
};

START_TEST(test_template)
{
    fx_run run;
    char *rule =
        xasprintf(",{\"id\": \"t\", \"anchor\": \"%s\", \"days_before\": [3660],"
                  " \"match\": {%s}, \"severity\": \"info\", \"message\": \"%s\"}",
                  tpl_table[_i].anchor,
                  strcmp(tpl_table[_i].anchor, "last_day") == 0 ? "\"auto_renew\": true" : "",
                  tpl_table[_i].tpl);
    fx_load(&run, rule, "2026-12-20");
    fx_due(&run, fx_day("2026-06-01"));
    ck_assert_uint_ge(run.due.count, 1);
    ck_assert_str_eq(run.due.items[0].message, tpl_table[_i].want);
    free(rule);
    fx_free(&run);
}
END_TEST

/* --- built-in messages say what to do, by when, and what happens otherwise */

static const struct {
    const char *anchor;
    const char *match;
    const char *as_of;
    const char *words[4];
} builtin_table[] = {
    {"decision_deadline",
     "\"auto_renew\": true",
     "2026-12-01",
     {"auto-renews", "Do not auto-renew", "400.00 USD", "2026-12-31 16:00 America/Los_Angeles"}},
    {"last_day",
     "\"auto_renew\": false",
     "2026-12-01",
     {"standard", "new plan and license", "2027-01-01 00:00 UTC", "1 disconnected container"}},
    {"next_term_start", "", "2026-12-01", {"4 units", "400.00 USD", "Do not auto-renew", "cutoff"}},
    {"upgrade",
     "",
     "2026-09-01",
     {"pull the new image", "DownloadLicense=True", "while the site is connected", "2.0"}},
    {"license_expiry",
     "\"platform\": [\"kubernetes\"]",
     "2026-12-01",
     {"DownloadLicense=True", "expires on 2026-12-20", "America/Los_Angeles", "stops working"}},
    {"approval_due", "", "2026-06-01", {"2026-06-08", "labs@example.com", "approved", "follow up"}},
};

START_TEST(test_builtin)
{
    fx_run run;
    char *rule = xasprintf(",{\"id\": \"b\", \"anchor\": \"%s\", \"days_before\": [60],"
                           " \"match\": {%s}, \"severity\": \"warning\"}",
                           builtin_table[_i].anchor, builtin_table[_i].match);
    fx_load(&run, rule, "2026-12-20");
    fx_due(&run, fx_day(builtin_table[_i].as_of));
    ck_assert_uint_eq(run.due.count, 1);
    for (int w = 0; w < 4; w++)
        ck_assert_msg(strstr(run.due.items[0].message, builtin_table[_i].words[w]) != NULL,
                      "\"%s\" not in: %s", builtin_table[_i].words[w], run.due.items[0].message);
    free(rule);
    fx_free(&run);
}
END_TEST

/* --- order: anchor date, then key bytewise, across rules */

START_TEST(test_order)
{
    fx_run run;
    fx_load(&run,
            ",{\"id\": \"z\", \"anchor\": \"last_day\", \"days_before\": [3660], \"severity\": "
            "\"info\"},"
            "{\"id\": \"a\", \"anchor\": \"last_day\", \"days_before\": [3660], \"severity\": "
            "\"info\"},"
            "{\"id\": \"m\", \"anchor\": \"upgrade\", \"days_before\": [3660], \"severity\": "
            "\"info\"}",
            "2026-12-20");
    fx_due(&run, fx_day("2026-06-01"));
    cp_buf b = {0};
    for (size_t i = 0; i < run.due.count; i++)
        cp_buf_printf(&b, "%s\n", run.due.items[i].key);
    ck_assert_str_eq(cp_buf_str(&b), "m:box-a@2.0:2026-09-15:3660\n"
                                     "a:plan-a:2026-12-31:3660\n"
                                     "a:plan-b:2026-12-31:3660\n"
                                     "z:plan-a:2026-12-31:3660\n"
                                     "z:plan-b:2026-12-31:3660\n");
    cp_buf_free(&b);
    fx_free(&run);
}
END_TEST

/* --- findings as reminders: errors only, one per code and subject */

START_TEST(test_findings)
{
    char c1[] = "box-a", p1[] = "containers[0].env.A:B", m1[] = "m1", h1[] = "h1";
    char c2[] = "box-a", p2[] = "containers[0].env.C:D", m2[] = "m2", h2[] = "h2";
    char c3[] = "plan-a", p3[] = "plans[0]", m3[] = "m3", h3[] = "h3";
    char c4[] = "box-b", p4[] = "containers[1]", m4[] = "m4", h4[] = "h4";
    rule_finding items[] = {
        {"kubernetes-env-colon", RULE_ERROR, c1, p1, m1, h1},
        {"kubernetes-env-colon", RULE_ERROR, c2, p2, m2, h2},
        {"service-unknown", RULE_WARNING, c3, p3, m3, h3},
        {"license-missing", RULE_ERROR, c4, p4, m4, h4},
    };
    rule_findings fs = {items, 4, 3, 1, 0};
    rule_reminders r = {0};
    cal_day as_of = fx_day("2026-06-01");
    rule_reminders_add_findings(&fs, as_of, &r);
    rule_reminders_sort(&r);
    ck_assert_uint_eq(r.count, 2);
    ck_assert_str_eq(r.items[0].key, "finding:kubernetes-env-colon:box-a");
    ck_assert_str_eq(r.items[1].key, "finding:license-missing:box-b");
    ck_assert_str_eq(r.items[0].rule, "finding");
    ck_assert_str_eq(rule_anchor_name(r.items[0].anchor), "finding");
    ck_assert_int_eq(r.items[0].anchor_date, as_of);
    ck_assert_int_eq(r.items[0].fires_on, as_of);
    ck_assert_int_eq(r.items[0].days_before, 0);
    ck_assert_int_eq(r.items[0].severity, POL_SEV_CRITICAL);
    ck_assert_ptr_nonnull(strstr(r.items[0].message, "m1")); /* the first finding's */
    ck_assert_ptr_nonnull(strstr(r.items[0].message, "h1"));
    rule_reminders_free(&r);
}
END_TEST

/* --- the state file */

START_TEST(test_state_round_trip)
{
    cli_state a, b;
    cli_state_init(&a, "s");
    cli_state_init(&b, "s");
    cli_state_add(&a, "r:x@1 2\n%:2026-01-02:3", fx_day("2026-01-02"), false);
    cli_state_add(&a, "finding:license-missing:box", fx_day("2026-05-01"), true);
    cli_state_add(&a, "a:b:2026-01-01:0", fx_day("2026-01-01"), false);
    cli_state_sort(&a);
    cp_buf text = {0};
    cli_state_format(&a, &text);
    char *err = NULL;
    ck_assert_int_eq(cli_state_parse(&b, "s", text.data, text.len, &err), 0);
    ck_assert_ptr_null(err);
    ck_assert_uint_eq(b.count, 3);
    for (size_t i = 0; i < 3; i++) {
        ck_assert_str_eq(a.items[i].key, b.items[i].key);
        ck_assert_int_eq(a.items[i].date, b.items[i].date);
        ck_assert_int_eq(a.items[i].is_finding, b.items[i].is_finding);
    }
    ck_assert(cli_state_has(&b, "r:x@1 2\n%:2026-01-02:3"));
    ck_assert(!cli_state_has(&b, "r:x@1"));
    ck_assert_ptr_nonnull(strstr(text.data, "r:x@1%202%0A%25:2026-01-02:3\n"));
    cp_buf_free(&text);
    cli_state_free(&a);
    cli_state_free(&b);
}
END_TEST

static const char *const corrupt_table[] = {
    "",
    "commitplan-remind-state 1\n",
    "commitplan-remind-state 2\nend 0\n",
    "something else 1\nend 0\n",
    "commitplan-remind-state 1\nR 2026-01-01 a:b:2026-01-01:0\nend 2\n",
    "commitplan-remind-state 1\nR 2026-01-01 a:b:2026-01-01:0\nend 1\nR 2026-01-01 x\n",
    "commitplan-remind-state 1\nR 2026-01-01 a:b:2026-01-01:0\nend 1",
    "commitplan-remind-state 1\nR 2026-01-01 a:b:2026-01-01:0\nR 2026-01-01 a:b:2026-01-01:0\n"
    "end 2\n",
    "commitplan-remind-state 1\nX 2026-01-01 a\nend 1\n",
    "commitplan-remind-state 1\nR 2026-02-30 a\nend 1\n",
    "commitplan-remind-state 1\nR 2026-01-01 \nend 1\n",
    "commitplan-remind-state 1\nR 2026-01-01 a b\nend 1\n",
    "commitplan-remind-state 1\nR 2026-01-01 a%41\nend 1\n",
    "commitplan-remind-state 1\nR 2026-01-01 a%2\nend 1\n",
    "commitplan-remind-state 1\nR 2026-01-01 a\nend 01\n",
    "commitplan-remind-state 1\nR 2026-01-01 a\r\nend 1\n",
    "commitplan-remind-state 1\r\nend 0\n",
};

START_TEST(test_state_corrupt)
{
    cli_state st;
    cli_state_init(&st, "remind.state");
    char *err = NULL;
    const char *text = corrupt_table[_i];
    ck_assert_int_eq(cli_state_parse(&st, "remind.state", text, strlen(text), &err), -1);
    ck_assert_ptr_nonnull(err);
    ck_assert_msg(strncmp(err, "remind.state", 12) == 0, "error does not name the file: %s", err);
    ck_assert_uint_eq(st.count, 0);
    free(err);
    cli_state_free(&st);
}
END_TEST

START_TEST(test_state_empty_ok)
{
    cli_state st;
    cli_state_init(&st, "s");
    char *err = NULL;
    const char *text = "commitplan-remind-state 1\nend 0\n";
    ck_assert_int_eq(cli_state_parse(&st, "s", text, strlen(text), &err), 0);
    ck_assert_uint_eq(st.count, 0);
    cli_state_free(&st);
}
END_TEST

/* A missing file is an empty first-run state; save then load gives the records back. */
START_TEST(test_state_files)
{
    char dir[] = "/tmp/cpstate.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char *path = xasprintf("%s/state", dir);
    char *lock = xasprintf("%s/state.lock", dir);
    cli_state st, other;
    char *err = NULL;
    cli_state_init(&st, path);
    cli_state_init(&other, path);
    ck_assert_int_eq(cli_state_lock(&st, 1000, &err), 0);
    ck_assert_int_eq(cli_state_load(&st, &err), 0);
    ck_assert(!st.existed);
    ck_assert_uint_eq(st.count, 0);
    /* a second holder (another open file description) times out and names the lock file */
    ck_assert_int_eq(cli_state_lock(&other, 100, &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "state.lock"));
    free(err);
    err = NULL;
    cli_state_add(&st, "k:s:2026-01-01:1", fx_day("2026-01-01"), false);
    ck_assert_int_eq(cli_state_save(&st, &err), 0);
    cli_state_unlock(&st);
    ck_assert_int_eq(cli_state_lock(&other, 1000, &err), 0);
    ck_assert_int_eq(cli_state_load(&other, &err), 0);
    ck_assert(other.existed);
    ck_assert_uint_eq(other.count, 1);
    ck_assert(cli_state_has(&other, "k:s:2026-01-01:1"));
    cli_state_free(&other);
    cli_state_free(&st);
    unlink(path);
    unlink(lock);
    rmdir(dir);
    free(path);
    free(lock);
}
END_TEST

Suite *reminders_suite(void)
{
    Suite *s = suite_create("reminders");
    TCase *tc;

    tc = tcase_create("due_days");
    tcase_add_loop_test(tc, test_due_days, 0, sizeof due_table / sizeof due_table[0]);
    suite_add_tcase(s, tc);
    tc = tcase_create("due_engine");
    tcase_add_loop_test(tc, test_due_engine, 0, sizeof due_table / sizeof due_table[0]);
    suite_add_tcase(s, tc);
    tc = tcase_create("catch_up");
    tcase_add_test(tc, test_catch_up);
    suite_add_tcase(s, tc);
    tc = tcase_create("changed_anchor");
    tcase_add_test(tc, test_changed_anchor);
    suite_add_tcase(s, tc);
    tc = tcase_create("match");
    tcase_add_loop_test(tc, test_match, 0, sizeof match_table / sizeof match_table[0]);
    suite_add_tcase(s, tc);
    tc = tcase_create("template");
    tcase_add_loop_test(tc, test_template, 0, sizeof tpl_table / sizeof tpl_table[0]);
    suite_add_tcase(s, tc);
    tc = tcase_create("builtin");
    tcase_add_loop_test(tc, test_builtin, 0, sizeof builtin_table / sizeof builtin_table[0]);
    suite_add_tcase(s, tc);
    tc = tcase_create("order");
    tcase_add_test(tc, test_order);
    suite_add_tcase(s, tc);
    tc = tcase_create("findings");
    tcase_add_test(tc, test_findings);
    suite_add_tcase(s, tc);
    tc = tcase_create("state_round_trip");
    tcase_add_test(tc, test_state_round_trip);
    tcase_add_test(tc, test_state_empty_ok);
    suite_add_tcase(s, tc);
    tc = tcase_create("state_corrupt");
    tcase_add_loop_test(tc, test_state_corrupt, 0, sizeof corrupt_table / sizeof corrupt_table[0]);
    suite_add_tcase(s, tc);
    tc = tcase_create("state_files");
    tcase_add_test(tc, test_state_files);
    suite_add_tcase(s, tc);
    return s;
}
