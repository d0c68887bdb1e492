/*
 * Tests of the reports (reports/): the writers' escaping and quoting (CSV,
 * Markdown, HTML), alignment by display width in text with ICU's U+00A0 and
 * U+202F, and the three builders: budget totals that equal the sum of their
 * charges, years and statuses; the amount limit on report totals; the
 * default years of the renewal report and the procurement export; license
 * actions, days left and overdue plans; purchase lines with their pro-ration
 * and the deadline before each renewal; with usage records, how the renewal
 * units fit the projection. Inventories go through inv_load from
 * JSON text with the default settings (plus holidays where a test needs them).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/zone.h"
#include "planner/inventory.h"
#include "planner/plan.h"
#include "planner/usage.h"
#include "reports/budget.h"
#include "reports/csv.h"
#include "reports/doc.h"
#include "reports/html.h"
#include "reports/md.h"
#include "reports/procurement.h"
#include "reports/renewal.h"
#include "reports/text.h"
#include "tests/suites.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

static cal_day rt_day(const char *iso)
{
    cal_day d;
    ck_assert_msg(cal_parse_iso(iso, strlen(iso), &d) == 0, "bad test date %s", iso);
    return d;
}

static int rt_hook(void *ctx, const jr_doc *doc, const jr_value *policy, inv_settings *settings,
                   cp_errors *errs)
{
    (void)doc;
    (void)policy;
    (void)errs;
    *settings = *(const inv_settings *)ctx;
    return 0;
}

/* Loads an inventory of the plans (a JSON array) and containers; fails the test on error. */
static inv_inventory *rt_load(const char *plans, const char *containers)
{
    inv_settings s;
    inv_settings_default(&s);
    char *json = xasprintf("{\"inventory\": 1, \"currency\": \"USD\", \"time_zones\": [],\n"
                           "\"subscriptions\": [{\"id\": \"sub\", \"access\": {\"status\": "
                           "\"approved\", \"requested_on\": \"2020-01-01\"}}],\n"
                           "\"plans\": %s,\n\"containers\": %s}",
                           plans, containers);
    cp_errors errs;
    cp_errors_init(&errs);
    inv_inventory *inv = NULL;
    int rc = inv_load("test.json", json, strlen(json), rt_hook, &s, &inv, &errs);
    if (rc != 0) {
        cp_buf b = {0};
        if (errs.count)
            cp_errors_format(&errs, 0, &b);
        ck_abort_msg("inventory rejected: %s\n%s", cp_buf_str(&b), json);
    }
    cp_errors_free(&errs);
    free(json);
    return inv;
}

static void rt_views(const inv_inventory *inv, const char *as_of, plan_views *pv)
{
    cp_errors errs;
    cp_errors_init(&errs);
    ck_assert_int_eq(plan_views_build(inv, rt_day(as_of), 365, pv, &errs), 0);
    cp_errors_free(&errs);
}

/* --- CSV fields (RFC 4180) */

static const struct {
    const char *in, *out;
} rt_csv_table[] = {
    {"plain", "plain"},           {"", ""},
    {"a,b", "\"a,b\""},           {"say \"hi\"", "\"say \"\"hi\"\"\""},
    {"\"", "\"\"\"\""},           {"two\nlines", "\"two\nlines\""},
    {"cr\rhere", "\"cr\rhere\""}, {"Zo\u00eb 1\u202f234", "Zo\u00eb 1\u202f234"},
};

START_TEST(test_csv_field)
{
    cp_buf b = {0};
    rpt_csv_field(&b, rt_csv_table[_i].in);
    ck_assert_str_eq(cp_buf_str(&b), rt_csv_table[_i].out);
    cp_buf_free(&b);
}
END_TEST

/*
 * A builder holds a chart and a table while it adds more blocks (report budget
 * does): they must stay where they are as the document grows past any
 * capacity it had.
 */
START_TEST(test_doc_blocks_stay)
{
    static const rpt_column cols[1] = {{"Name", "name", false}};
    static const char *const parts[1] = {"committed"};
    rpt_doc *d = rpt_doc_new("T", NULL, rt_day("2026-01-01"), "USD", 2, "en_US");
    rpt_bar_chart *chart = rpt_doc_bars(d, RPT_F_HTML, "chart", parts, 1);
    rpt_table *t = rpt_doc_table(d, RPT_F_HUMAN, cols, 1);
    for (int i = 0; i < 100; i++)
        rpt_doc_para(d, RPT_F_HUMAN, "paragraph %d", i);
    rpt_bars_add(chart, "bar")->parts[0] = 100;
    rpt_table_row(t, false);
    rpt_cell_text(t, "row");
    ck_assert_uint_eq(d->n_blocks, 102);
    ck_assert_ptr_eq(&d->blocks[0]->bars, chart);
    ck_assert_uint_eq(d->blocks[0]->bars.n_bars, 1);
    ck_assert_str_eq(d->blocks[0]->bars.bars[0].label, "bar");
    ck_assert_ptr_eq(&d->blocks[1]->table, t);
    ck_assert_uint_eq(d->blocks[1]->table.n_rows, 1);
    rpt_doc_free(d);
}
END_TEST

/*
 * Chart labels are measured and cut as they are shown: a label of 20 BELs is
 * 20 characters raw but 120 shown (\u0007 each), so it is cut with an
 * ellipsis and whole in the tooltip; a short plain one is left alone.
 */
START_TEST(test_html_label_shown)
{
    static const char *const parts[1] = {"committed"};
    rpt_doc *d = rpt_doc_new("T", NULL, rt_day("2026-01-01"), "USD", 2, "en_US");
    rpt_bar_chart *chart = rpt_doc_bars(d, RPT_F_HTML, "chart", parts, 1);
    rpt_bars_add(chart, "\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a")->parts[0] = 100;
    rpt_bars_add(chart, "CC-1")->parts[0] = 50;
    cal_fmt *f = cal_fmt_open("en_US", "USD");
    cp_buf out = {0};
    rpt_html_write(d, f, &out);
    const char *s = cp_buf_str(&out);
    ck_assert_ptr_null(strchr(s, '\a'));
    /* 4 x 6 shown characters fit before the ellipsis, a fifth would pass 25 */
    ck_assert_msg(strstr(s, "\">\\u0007\\u0007\\u0007\\u0007\u2026</text>"), "%s", s);
    ck_assert_ptr_nonnull(strstr(s, "<title>\\u0007\\u0007"));
    ck_assert_ptr_nonnull(strstr(s, "\">CC-1</text>"));
    cp_buf_free(&out);
    cal_fmt_close(f);
    rpt_doc_free(d);
}
END_TEST

/* The CSV writer: header, CRLF, one row per line item, total rows left out. */
START_TEST(test_csv_document)
{
    static const rpt_column cols[3] = {
        {"Name", "name", false}, {"Day", "day", false}, {"Amount", "amount", true}};
    rpt_doc *d = rpt_doc_new("T", NULL, rt_day("2026-01-01"), "USD", 2, "en_US");
    rpt_table *human = rpt_doc_table(d, RPT_F_HUMAN, cols, 3);
    rpt_table_row(human, false);
    rpt_cell_text(human, "not in csv");
    rpt_cell_none(human);
    rpt_cell_none(human);
    rpt_table *t = rpt_doc_table(d, RPT_F_CSV, cols, 3);
    rpt_table_row(t, false);
    rpt_cell_text(t, "a, b");
    rpt_cell_date(t, rt_day("2026-09-01"));
    rpt_cell_money(t, 2476767);
    rpt_table_row(t, false);
    rpt_cell_none(t);
    rpt_cell_date(t, CAL_NONE);
    rpt_cell_money(t, -50);
    rpt_table_row(t, true);
    rpt_cell_text(t, "Total");
    rpt_cell_none(t);
    rpt_cell_money(t, 2476717);
    cp_buf b = {0};
    rpt_csv_write(d, &b);
    ck_assert_str_eq(cp_buf_str(&b), "name,day,amount\r\n\"a, b\",2026-09-01,24767.67\r\n"
                                     ",,-0.50\r\n");
    cp_buf_free(&b);
    rpt_doc_free(d);
}
END_TEST

/* --- Markdown and HTML escaping */

static const struct {
    const char *in, *md, *html;
} rt_escape_table[] = {
    {"a|b", "a\\|b", "a|b"},
    {"<b>&amp;", "\\<b\\>&amp;", "&lt;b&gt;&amp;amp;"},
    {"say \"x\"", "say \"x\"", "say &quot;x&quot;"},
    {"*bold* `code` [link]", "\\*bold\\* \\`code\\` \\[link\\]", "*bold* `code` [link]"},
    {"back\\slash", "back\\\\slash", "back\\slash"},
    {"line\nbreak", "line\\\\u000abreak", "line\\u000abreak"},
    /* control characters and bidirectional overrides are shown as escapes, never passed on */
    {"a\033[31mred", "a\\\\u001b\\[31mred", "a\\u001b[31mred"},
    {"tab\there", "tab\\\\u0009here", "tab\\u0009here"},
    {"del\x7f c1\xc2\x85.", "del\\\\u007f c1\\\\u0085.", "del\\u007f c1\\u0085."},
    {"rtl\u202e" "abc\u2066x", "rtl\\\\u202e" "abc\\\\u2066x", "rtl\\u202e" "abc\\u2066x"},
    {"Zo\u00eb \u20ac", "Zo\u00eb \u20ac", "Zo\u00eb \u20ac"},
    {"America/Los_Angeles", "America/Los_Angeles", "America/Los_Angeles"},
};

START_TEST(test_escape)
{
    cp_buf md = {0}, html = {0};
    rpt_md_escape(&md, rt_escape_table[_i].in);
    rpt_html_escape(&html, rt_escape_table[_i].in);
    ck_assert_str_eq(cp_buf_str(&md), rt_escape_table[_i].md);
    ck_assert_str_eq(cp_buf_str(&html), rt_escape_table[_i].html);
    cp_buf_free(&md);
    cp_buf_free(&html);
}
END_TEST

/* --- display width and alignment */

static const struct {
    const char *s;
    size_t width;
} rt_width_table[] = {
    {"", 0},
    {"abc", 3},
    {"24.767,67\u00a0$", 11}, /* de_DE money: U+00A0 counts one */
    {"4:00\u202fPM", 7},      /* ICU's U+202F before AM/PM counts one */
    {"Zo\u00eb", 3},
    {"1\u202f234,00\u00a0\u20ac", 10},
};

START_TEST(test_display_width)
{
    ck_assert_uint_eq(rpt_display_width(rt_width_table[_i].s), rt_width_table[_i].width);
    cp_buf b = {0};
    rpt_text_pad(&b, rt_width_table[_i].s, 12, true);
    ck_assert_uint_eq(rpt_display_width(cp_buf_str(&b)), 12);
    ck_assert_ptr_nonnull(strstr(cp_buf_str(&b), rt_width_table[_i].s));
    cp_buf_free(&b);
}
END_TEST

static const char *const rt_locales[] = {"en_US", "de_DE", "fr_FR", "da_DK", "ja_JP"};

/* Every line of a text table has the same display width whatever the locale's spaces. */
START_TEST(test_text_alignment)
{
    static const rpt_column cols[3] = {
        {"Plan", "plan", false}, {"Date", "date", false}, {"Amount", "amount", true}};
    rpt_doc *d = rpt_doc_new("T", NULL, rt_day("2026-12-03"), "EUR", 2, rt_locales[_i]);
    rpt_table *t = rpt_doc_table(d, RPT_F_TEXT, cols, 3);
    static const money_minor amounts[] = {6825000, 5, 123456789012, 0};
    for (size_t i = 0; i < N_ITEMS(amounts); i++) {
        rpt_table_row(t, false);
        rpt_cell_text(t, i % 2 ? "z\u00f6" : "plan-long-name");
        rpt_cell_date(t, rt_day("2026-12-23") + (cal_day)i * 40);
        rpt_cell_money(t, amounts[i]);
    }
    rpt_table_row(t, true);
    rpt_cell_text(t, "Total");
    rpt_cell_none(t);
    rpt_cell_money(t, 123463614017);
    cal_fmt *f = cal_fmt_open(rt_locales[_i], "EUR");
    ck_assert_ptr_nonnull(f);
    cp_buf b = {0};
    rpt_text_write(d, f, false, &b);
    /* the table starts at the first line indented by two spaces after the heading lines */
    char *copy = xstrdup(cp_buf_str(&b));
    size_t width = 0, lines = 0;
    for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "  ", 2) != 0)
            continue;
        size_t w = rpt_display_width(line);
        if (width == 0)
            width = w;
        ck_assert_msg(w == width, "line of width %zu, not %zu: '%s'\n%s", w, width, line,
                      cp_buf_str(&b));
        lines++;
    }
    ck_assert_uint_eq(lines, 2 + N_ITEMS(amounts) + 2); /* header, rule, rows, rule, total */
    free(copy);
    cp_buf_free(&b);
    cal_fmt_close(f);
    rpt_doc_free(d);
}
END_TEST

/* da_DK shows money as 68.250,00 € (issue example). */
START_TEST(test_text_locale_money)
{
    rpt_doc *d = rpt_doc_new("T", NULL, rt_day("2026-12-03"), "EUR", 2, "da_DK");
    rpt_table *t = rpt_doc_fields(d, RPT_F_TEXT);
    rpt_fields_add(t, "Amount");
    rpt_cell_money(t, 6825000);
    cal_fmt *f = cal_fmt_open("da_DK", "EUR");
    ck_assert_ptr_nonnull(f);
    cp_buf b = {0};
    rpt_text_write(d, f, false, &b);
    ck_assert_msg(strstr(cp_buf_str(&b), "68.250,00\u00a0\u20ac"), "%s", cp_buf_str(&b));
    cp_buf_free(&b);
    cal_fmt_close(f);
    rpt_doc_free(d);
}
END_TEST

/* --- budget */

/*
 * Plans: a (CC-1) 2 units x 100.00 with 1 unit more on 2026-07-02 (183 of 365
 * days: 50.14), renewing at 3 units; b (no cost center) 1 x 10.00, not
 * renewing; c (CC-1) 1 x 1.00 planned ahead from 2027, renewing.
 */
static inv_inventory *rt_budget_inventory(void)
{
    return rt_load(
        "[{\"id\": \"a\", \"subscription\": \"sub\", \"service\": \"s\", \"term_start\": "
        "\"2026-01-01\", \"units\": 2, \"unit_price\": \"100.00\", \"auto_renew\": true, "
        "\"cost_center\": \"CC-1\", \"purchases\": [{\"date\": \"2026-07-02\", \"units\": 1}]},"
        "{\"id\": \"b\", \"subscription\": \"sub\", \"service\": \"s\", \"term_start\": "
        "\"2026-01-01\", \"units\": 1, \"unit_price\": \"10.00\", \"auto_renew\": false},"
        "{\"id\": \"c\", \"subscription\": \"sub\", \"service\": \"s\", \"term_start\": "
        "\"2027-01-01\", \"units\": 1, \"unit_price\": \"1.00\", \"auto_renew\": true, "
        "\"cost_center\": \"CC-1\"}]",
        "[]");
}

static const struct {
    const char *as_of;
    int years;
    /* per year (up to 3): committed, scheduled, projected totals in cents */
    money_minor want[3][3];
} rt_budget_table[] = {
    {"2026-06-01", 3, {{20000 + 1000, 5014, 0}, {0, 100, 30000}, {0, 0, 30000 + 100}}},
    {"2026-12-03", 2, {{20000 + 1000 + 5014, 0, 0}, {0, 100, 30000}, {0}}},
    {"2026-12-03", 1, {{20000 + 1000 + 5014, 0, 0}, {0}, {0}}},
    {"2027-03-01", 2, {{100, 0, 30000}, {0, 0, 30000 + 100}, {0}}}, /* a and b are stale */
};

START_TEST(test_budget_totals)
{
    inv_inventory *inv = rt_budget_inventory();
    plan_views pv;
    rt_views(inv, rt_budget_table[_i].as_of, &pv);
    rpt_budget b;
    cp_errors errs;
    cp_errors_init(&errs);
    ck_assert_int_eq(rpt_budget_build(inv, &pv, rt_budget_table[_i].years, &b, &errs), 0);
    ck_assert_int_eq(b.n_years, rt_budget_table[_i].years);
    ck_assert_uint_eq(b.n_cost_centers, 2);
    ck_assert_str_eq(b.cost_centers[0], "(none)");
    ck_assert_str_eq(b.cost_centers[1], "CC-1");
    rpt_budget_amounts all = {0, 0, 0, 0};
    for (int y = 0; y < b.n_years; y++) {
        const rpt_budget_year *yr = &b.years[y];
        ck_assert_int_eq(yr->total.committed, rt_budget_table[_i].want[y][0]);
        ck_assert_int_eq(yr->total.scheduled, rt_budget_table[_i].want[y][1]);
        ck_assert_int_eq(yr->total.projected, rt_budget_table[_i].want[y][2]);
        rpt_budget_amounts sum = {0, 0, 0, 0}, charges = {0, 0, 0, 0};
        for (size_t c = 0; c < b.n_cost_centers; c++) {
            const rpt_budget_amounts *a = &yr->by_cost_center[c];
            ck_assert_int_eq(a->total, a->committed + a->scheduled + a->projected);
            sum.committed += a->committed;
            sum.scheduled += a->scheduled;
            sum.projected += a->projected;
            sum.total += a->total;
        }
        for (size_t i = 0; i < b.n_charges; i++) {
            const rpt_budget_charge *ch = &b.charges[i];
            if (ch->year != yr->year)
                continue;
            int yy;
            cal_to_ymd(ch->date, &yy, NULL, NULL);
            ck_assert_int_eq(yy, yr->year);
            money_minor *part = ch->status == RPT_BUDGET_COMMITTED   ? &charges.committed
                                : ch->status == RPT_BUDGET_SCHEDULED ? &charges.scheduled
                                                                     : &charges.projected;
            *part += ch->amount;
            charges.total += ch->amount;
            ck_assert(ch->status != RPT_BUDGET_COMMITTED || ch->date <= pv.as_of);
            ck_assert(ch->status != RPT_BUDGET_SCHEDULED || ch->date > pv.as_of);
        }
        ck_assert_mem_eq(&sum, &yr->total, sizeof sum);
        ck_assert_mem_eq(&charges, &yr->total, sizeof sum);
        all.committed += yr->total.committed;
        all.scheduled += yr->total.scheduled;
        all.projected += yr->total.projected;
        all.total += yr->total.total;
    }
    ck_assert_mem_eq(&all, &b.total, sizeof all);
    rpt_budget_free(&b);
    cp_errors_free(&errs);
    plan_views_free(&pv);
    inv_free(inv);
}
END_TEST

/* Two plans of 6 x 10^14 USD each: the year's total reaches 10^15, an input error. */
START_TEST(test_budget_limit)
{
    inv_inventory *inv = rt_load(
        "[{\"id\": \"a\", \"subscription\": \"sub\", \"service\": \"s\", \"term_start\": "
        "\"2026-01-01\", \"units\": 1000, \"unit_price\": \"600000000000\", \"auto_renew\": false},"
        "{\"id\": \"b\", \"subscription\": \"sub\", \"service\": \"s\", \"term_start\": "
        "\"2026-01-01\", \"units\": 1000, \"unit_price\": \"600000000000\", \"auto_renew\": "
        "false}]",
        "[]");
    plan_views pv;
    rt_views(inv, "2026-06-01", &pv);
    rpt_budget b;
    cp_errors errs;
    cp_errors_init(&errs);
    ck_assert_int_eq(rpt_budget_build(inv, &pv, 1, &b, &errs), -1);
    ck_assert_uint_eq(errs.count, 1);
    ck_assert_ptr_nonnull(strstr(errs.items[0].message, "10^15"));
    ck_assert_ptr_null(b.years);
    cp_errors_free(&errs);

    rpt_procurement p;
    cp_errors_init(&errs);
    ck_assert_int_eq(rpt_procurement_build(inv, rt_day("2026-06-01"), 2026, &p, &errs), 0);
    ck_assert_uint_eq(p.n_lines, 0); /* initial purchases are not purchase lines */
    rpt_procurement_free(&p);
    cp_errors_free(&errs);
    plan_views_free(&pv);
    inv_free(inv);
}
END_TEST

/* --- renewal */

static const struct {
    const char *as_of;
    int year;
} rt_default_year_table[] = {
    {"2026-06-01", 2026},
    {"2026-12-31", 2026}, /* the cutoff is 2027-01-01T00:00Z, after as_of */
    {"2027-01-01", 2027}, /* only the next term of the renewing plan is left */
    {"2029-03-01", 2029},
};

START_TEST(test_renewal_default_year)
{
    inv_inventory *inv = rt_load(
        "[{\"id\": \"ends\", \"subscription\": \"sub\", \"service\": \"s\", \"term_start\": "
        "\"2026-01-01\", \"units\": 1, \"unit_price\": \"1.00\", \"auto_renew\": false},"
        "{\"id\": \"renews\", \"subscription\": \"sub\", \"service\": \"s\", \"term_start\": "
        "\"2026-01-01\", \"units\": 1, \"unit_price\": \"1.00\", \"auto_renew\": true}]",
        "[]");
    ck_assert_int_eq(rpt_renewal_default_year(inv, rt_day(rt_default_year_table[_i].as_of)),
                     rt_default_year_table[_i].year);
    inv_free(inv);
}
END_TEST

/* Days left, overdue, units now and the license actions of each kind. */
START_TEST(test_renewal_plans)
{
    inv_inventory *inv = rt_load(
        "[{\"id\": \"p\", \"subscription\": \"sub\", \"service\": \"s\", \"term_start\": "
        "\"2026-01-01\", \"units\": 2, \"unit_price\": \"100.00\", \"auto_renew\": true, "
        "\"cost_center\": \"CC\", \"purchases\": [{\"date\": \"2026-12-28\", \"units\": 1}], "
        "\"renewal\": {\"units\": 4, \"unit_price\": \"110.00\"}},"
        "{\"id\": \"q\", \"subscription\": \"sub\", \"service\": \"s\", \"term_start\": "
        "\"2026-01-01\", \"units\": 1, \"unit_price\": \"0.125\", \"auto_renew\": false},"
        "{\"id\": \"later\", \"subscription\": \"sub\", \"service\": \"s\", \"term_start\": "
        "\"2027-01-01\", \"units\": 1, \"unit_price\": \"1.00\", \"auto_renew\": true}]",
        "[{\"id\": \"box\", \"plan\": \"p\", \"image\": \"i\", \"version\": \"2\", \"platform\": "
        "\"docker\", \"license\": {\"downloaded_on\": \"2026-01-05\", \"image_version\": \"1\", "
        "\"expires_on\": \"2027-06-30\"}, \"upgrades\": [{\"version\": \"3\", \"on\": "
        "\"2027-02-01\"}, {\"version\": \"0\", \"on\": \"2026-01-02\"}]},"
        "{\"id\": \"ok\", \"plan\": \"p\", \"image\": \"i\", \"version\": \"2\", \"platform\": "
        "\"docker\", \"license\": {\"downloaded_on\": \"2026-01-05\", \"image_version\": \"2\", "
        "\"expires_on\": \"2028-06-30\"}}]");
    plan_views pv;
    rt_views(inv, "2026-12-24", &pv);
    rule_finding finding = {"license-image-mismatch", RULE_ERROR,      (char *)"box", (char *)"x",
                            (char *)"mismatch",       (char *)"fix it"};
    rule_finding other = {"output-mount-missing", RULE_ERROR,        (char *)"box", (char *)"y",
                          (char *)"no mount",     (char *)"mount it"};
    rule_finding items[2] = {finding, other};
    rule_findings findings = {items, 2, 2, 0, 0};
    rpt_renewal r;
    cp_errors errs;
    cp_errors_init(&errs);
    ck_assert_int_eq(rpt_renewal_build(inv, &pv, &findings, 0, &r, &errs), 0);
    ck_assert_int_eq(r.year, 2026);
    ck_assert_uint_eq(r.n_plans, 2);
    const rpt_renewal_plan *p = &r.plans[0], *q = &r.plans[1];
    ck_assert_str_eq(p->plan->id, "p");
    ck_assert_str_eq(q->plan->id, "q");
    /* deadline: last business day 2026-12-31 (Thu) minus 5 business days = 2026-12-24 */
    ck_assert_int_eq(p->plan->decision_deadline, rt_day("2026-12-24"));
    ck_assert_int_eq(p->days_left, 0);
    ck_assert(!p->overdue);
    ck_assert_int_eq(p->units_now, 2); /* the purchase of 2026-12-28 is still to come */
    ck_assert_int_eq(p->units_at_renewal, 4);
    ck_assert_int_eq(p->renewal_amount, 44000);
    ck_assert_uint_eq(p->n_actions, 3); /* mismatch, expiry before 2027-12-31, one upgrade */
    ck_assert_str_eq(p->actions[0].kind, "license-image-mismatch");
    ck_assert_str_eq(p->actions[1].kind, "license-expiry");
    ck_assert_int_eq(p->actions[1].date, rt_day("2027-06-30"));
    ck_assert_str_eq(p->actions[2].kind, "upgrade");
    ck_assert_int_eq(p->actions[2].date, rt_day("2027-02-01"));
    ck_assert(!q->renews);
    ck_assert_int_eq(q->renewal_amount, 0);
    ck_assert_uint_eq(r.n_cost_centers, 2);
    ck_assert_str_eq(r.cost_centers[0].cost_center, "(none)");
    ck_assert_int_eq(r.total.renewal_amount, 44000);
    ck_assert_uint_eq(r.total.n_plans, 2);
    ck_assert_uint_eq(r.total.n_renewing, 1);
    rpt_renewal_free(&r);
    plan_views_free(&pv);

    rt_views(inv, "2026-12-29", &pv);
    ck_assert_int_eq(rpt_renewal_build(inv, &pv, &findings, 2026, &r, &errs), 0);
    ck_assert(r.plans[0].overdue);
    ck_assert_int_eq(r.plans[0].days_left, -5);
    ck_assert_int_eq(r.plans[0].units_now, 3);
    rpt_renewal_free(&r);
    plan_views_free(&pv);
    cp_errors_free(&errs);
    inv_free(inv);
}
END_TEST

/* --- renewal with usage records */

/*
 * Renewal units against an exact projection (covered_days = term_days, so
 * projected = used), a quota of 1000 per unit: the bounds are inclusive.
 */
static const struct {
    const char *used;
    int renewal_units;
    bool auto_renew;
    usage_fit fit;
    const char *json_fit; /* the fit in JSON ("null" when the plan does not renew) */
    const char *flag;     /* the note of the summary's At renewal cell, NULL for none */
} rt_fit_table[] = {
    {"2000", 2, true, USAGE_FIT_OK, "\"ok\"", NULL},
    {"2000.001", 2, true, USAGE_FIT_BELOW, "\"below-projection\"", "below projection"},
    {"1000", 2, true, USAGE_FIT_OK, "\"ok\"", NULL},
    {"999.999", 2, true, USAGE_FIT_ABOVE, "\"above-twice-projection\"",
     "more than twice the projection"},
    {"0", 1, true, USAGE_FIT_ABOVE, "\"above-twice-projection\"", "more than twice the projection"},
    {"5000", 4, true, USAGE_FIT_BELOW, "\"below-projection\"", "below projection"},
    {"5000", 2, false, USAGE_FIT_OK, "null", NULL},
};

/* The fit of the renewal units, the counts, the JSON and the summary's flag and column. */
START_TEST(test_renewal_usage_fit)
{
    char *plans = xasprintf(
        "[{\"id\": \"p\", \"subscription\": \"sub\", \"service\": \"s\", \"term_start\": "
        "\"2026-01-01\", \"units\": 2, \"unit_price\": \"10.00\", \"auto_renew\": %s, "
        "\"renewal\": {\"units\": %d}, \"quota_per_unit\": {\"quantity\": 1000, \"unit\": "
        "\"hours\", \"meters\": [\"m\"]}},"
        "{\"id\": \"q\", \"subscription\": \"sub\", \"service\": \"s\", \"term_start\": "
        "\"2026-01-01\", \"units\": 1, \"unit_price\": \"10.00\", \"auto_renew\": true}]",
        rt_fit_table[_i].auto_renew ? "true" : "false", rt_fit_table[_i].renewal_units);
    inv_inventory *inv = rt_load(plans, "[]");
    free(plans);
    plan_views pv;
    rt_views(inv, "2026-12-01", &pv);
    rule_findings findings = {NULL, 0, 0, 0, 0};
    cp_errors errs;
    cp_errors_init(&errs);
    rpt_renewal r;
    ck_assert_int_eq(rpt_renewal_build(inv, &pv, &findings, 2026, &r, &errs), 0);
    ck_assert_uint_eq(r.n_plans, 2);

    /* the usage of plan p alone (q has no quota), projected = used over the whole term */
    usage_plan up;
    memset(&up, 0, sizeof up);
    up.plan = 0;
    up.id = "p";
    up.unit = "hours";
    up.units = 2;
    up.term_start = rt_day("2026-01-01");
    up.last_day = rt_day("2026-12-31");
    const char *why = NULL;
    usage_dec used;
    ck_assert_int_eq(usage_dec_parse("1000", &up.quota, &why), 0);
    ck_assert_int_eq(usage_dec_parse(rt_fit_table[_i].used, &used, &why), 0);
    ck_assert_int_eq(usage_compute(up.quota, up.units, used, up.term_start, up.last_day,
                                   up.last_day, up.last_day, 10, &up.fig, &why),
                     0);
    usage_report rep;
    memset(&rep, 0, sizeof rep);
    rep.headroom_percent = 10;
    rep.plans = &up;
    rep.n_plans = 1;
    rpt_renewal_add_usage(&r, &rep);

    const rpt_renewal_plan *p = &r.plans[0], *q = &r.plans[1];
    ck_assert_str_eq(p->plan->id, "p");
    ck_assert_ptr_eq(p->usage, &up);
    ck_assert_ptr_null(q->usage);
    if (rt_fit_table[_i].auto_renew)
        ck_assert_int_eq(p->fit, rt_fit_table[_i].fit);
    ck_assert_uint_eq(r.n_below, rt_fit_table[_i].fit == USAGE_FIT_BELOW);
    ck_assert_uint_eq(r.n_above, rt_fit_table[_i].fit == USAGE_FIT_ABOVE);

    cp_buf json = {0};
    rpt_renewal_json(&r, inv, &json);
    char *want = xasprintf("\"recommended_units\": %lld, \"fit\": %s}",
                           (long long)up.fig.recommended_units, rt_fit_table[_i].json_fit);
    ck_assert_msg(strstr(cp_buf_str(&json), want), "%s not in\n%s", want, cp_buf_str(&json));
    ck_assert_ptr_nonnull(strstr(cp_buf_str(&json), "\"usage\": null"));
    free(want);
    cp_buf_free(&json);

    rpt_doc *d = rpt_renewal_doc(&r, inv, "en_US");
    const rpt_table *sum = NULL;
    for (size_t b = 0; b < d->n_blocks && !sum; b++)
        if (d->blocks[b]->kind == RPT_BLOCK_TABLE && d->blocks[b]->formats == RPT_F_HUMAN)
            sum = &d->blocks[b]->table;
    ck_assert_ptr_nonnull(sum);
    ck_assert_uint_eq(sum->n_cols, 9);
    ck_assert_str_eq(sum->cols[7].title, "Recommended");
    const rpt_cell *at_renewal = rpt_table_cell(sum, 0, 6),
                   *recommended = rpt_table_cell(sum, 0, 7);
    ck_assert_int_eq(recommended->kind, RPT_CELL_INT);
    ck_assert_int_eq(recommended->i, up.fig.recommended_units);
    ck_assert_int_eq(rpt_table_cell(sum, 1, 7)->kind, RPT_CELL_NONE);
    if (rt_fit_table[_i].flag) {
        ck_assert(at_renewal->alert);
        ck_assert_str_eq(at_renewal->note, rt_fit_table[_i].flag);
    } else {
        ck_assert(!at_renewal->alert);
        ck_assert_ptr_null(at_renewal->note);
    }
    rpt_doc_free(d);
    rpt_renewal_free(&r);
    cp_errors_free(&errs);
    plan_views_free(&pv);
    inv_free(inv);
}
END_TEST

/* Without usage records, nothing of the usage appears: no usage key, the 8 summary columns. */
START_TEST(test_renewal_without_usage)
{
    inv_inventory *inv = rt_load(
        "[{\"id\": \"p\", \"subscription\": \"sub\", \"service\": \"s\", \"term_start\": "
        "\"2026-01-01\", \"units\": 2, \"unit_price\": \"10.00\", \"auto_renew\": true, "
        "\"quota_per_unit\": {\"quantity\": 1000, \"unit\": \"hours\", \"meters\": [\"m\"]}}]",
        "[]");
    plan_views pv;
    rt_views(inv, "2026-12-01", &pv);
    rule_findings findings = {NULL, 0, 0, 0, 0};
    cp_errors errs;
    cp_errors_init(&errs);
    rpt_renewal r;
    ck_assert_int_eq(rpt_renewal_build(inv, &pv, &findings, 2026, &r, &errs), 0);
    ck_assert(!r.with_usage);
    ck_assert_ptr_null(r.plans[0].usage);
    cp_buf json = {0};
    rpt_renewal_json(&r, inv, &json);
    ck_assert_ptr_null(strstr(cp_buf_str(&json), "\"usage\""));
    cp_buf_free(&json);
    rpt_doc *d = rpt_renewal_doc(&r, inv, "en_US");
    cp_buf csv = {0};
    ck_assert_int_eq(rpt_doc_render(d, "csv", NULL, false, &csv), 0);
    ck_assert_ptr_null(strstr(cp_buf_str(&csv), "usage_fit"));
    ck_assert_ptr_nonnull(strstr(cp_buf_str(&csv), ",license_actions\r\n"));
    cp_buf_free(&csv);
    rpt_doc_free(d);
    rpt_renewal_free(&r);
    cp_errors_free(&errs);
    plan_views_free(&pv);
    inv_free(inv);
}
END_TEST

/* --- procurement */

START_TEST(test_procurement_lines)
{
    inv_inventory *inv =
        rt_load("[{\"id\": \"p\", \"subscription\": \"sub\", \"service\": \"s\", \"term_start\": "
                "\"2026-01-01\", \"purchased_on\": \"2025-01-01\", \"units\": 2, \"unit_price\": "
                "\"74100.00\", \"auto_renew\": true, \"po\": \"PO-1\", "
                "\"purchases\": [{\"date\": \"2026-09-01\", \"units\": 1, \"po\": \"PO-2\"}]},"
                "{\"id\": \"q\", \"subscription\": \"sub\", \"service\": \"s\", \"term_start\": "
                "\"2026-01-01\", \"units\": 1, \"unit_price\": \"5.00\", \"auto_renew\": false, "
                "\"cost_center\": \"CC\"}]",
                "[]");
    ck_assert_int_eq(rpt_procurement_default_year(inv, rt_day("2026-12-03")), 2027);
    ck_assert_int_eq(rpt_procurement_default_year(inv, rt_day("2025-12-03")), 2026);

    rpt_procurement p;
    cp_errors errs;
    cp_errors_init(&errs);
    ck_assert_int_eq(rpt_procurement_build(inv, rt_day("2026-12-03"), 2026, &p, &errs), 0);
    ck_assert_uint_eq(p.n_lines, 2);
    ck_assert_int_eq(p.lines[0].kind, CHG_RENEWAL);
    ck_assert(!p.lines[0].projected);
    ck_assert_str_eq(p.lines[0].po, "PO-1");
    ck_assert_int_eq(p.lines[0].amount, 14820000);
    ck_assert_int_eq(p.lines[1].kind, CHG_ADDITIONAL);
    ck_assert_int_eq(p.lines[1].amount, 2476767);
    ck_assert_int_eq(p.lines[1].needed_by, rt_day("2026-09-01"));
    ck_assert_str_eq(p.lines[1].formula, "74100.00 \u00d7 1 \u00d7 122 / 365 = 24767.67");
    ck_assert_str_eq(p.lines[1].po, "PO-2");
    ck_assert_int_eq(p.total.amount, 14820000 + 2476767);
    rpt_procurement_free(&p);

    /* 2028: the renewal of term 2, needed by the deadline of term 1 (2027-12-24) */
    ck_assert_int_eq(rpt_procurement_build(inv, rt_day("2026-12-03"), 2028, &p, &errs), 0);
    ck_assert_uint_eq(p.n_lines, 1);
    ck_assert(p.lines[0].projected);
    ck_assert_int_eq(p.lines[0].date, rt_day("2028-01-01"));
    ck_assert_int_eq(p.lines[0].needed_by, rt_day("2027-12-24"));
    ck_assert_int_eq(p.lines[0].units, 3);
    ck_assert_int_eq(p.lines[0].amount, 22230000);
    ck_assert_ptr_null(p.lines[0].po);
    ck_assert_uint_eq(p.n_cost_centers, 1);
    ck_assert_str_eq(p.cost_centers[0].cost_center, "(none)");
    rpt_procurement_free(&p);
    cp_errors_free(&errs);
    inv_free(inv);
}
END_TEST

/* The same document renders in every format; html is one self-contained file. */
START_TEST(test_render_formats)
{
    inv_inventory *inv = rt_budget_inventory();
    plan_views pv;
    rt_views(inv, "2026-06-01", &pv);
    rpt_budget b;
    cp_errors errs;
    cp_errors_init(&errs);
    ck_assert_int_eq(rpt_budget_build(inv, &pv, 2, &b, &errs), 0);
    rpt_doc *d = rpt_budget_doc(&b, inv, "en_US");
    cal_fmt *f = cal_fmt_open("en_US", "USD");
    static const char *const formats[] = {"text", "md", "html", "csv"};
    for (size_t i = 0; i < N_ITEMS(formats); i++) {
        cp_buf out = {0};
        ck_assert_int_eq(rpt_doc_render(d, formats[i], f, false, &out), 0);
        const char *s = cp_buf_str(&out);
        if (strcmp(formats[i], "csv") == 0) {
            ck_assert_ptr_nonnull(strstr(s, "\r\n2026,CC-1,200.00,50.14,0.00,250.14,USD\r\n"));
        } else {
            ck_assert_msg(strstr(s, "$250.14"), "%s: %s", formats[i], s);
        }
        if (strcmp(formats[i], "html") == 0) {
            ck_assert(strncmp(s, "<!DOCTYPE html>\n<html lang=\"en-US\">", 35) == 0);
            ck_assert_ptr_nonnull(strstr(s, "<svg"));
            ck_assert_ptr_null(strstr(s, "<script"));
        }
        cp_buf_free(&out);
    }
    cp_buf out = {0};
    ck_assert_int_eq(rpt_doc_render(d, "ics", f, false, &out), -1);
    cp_buf_free(&out);
    cal_fmt_close(f);
    rpt_doc_free(d);
    rpt_budget_free(&b);
    cp_errors_free(&errs);
    plan_views_free(&pv);
    inv_free(inv);
}
END_TEST

Suite *reports_suite(void)
{
    Suite *s = suite_create("reports");
    TCase *tc;

    tc = tcase_create("csv_field");
    tcase_add_loop_test(tc, test_csv_field, 0, N_ITEMS(rt_csv_table));
    suite_add_tcase(s, tc);
    tc = tcase_create("csv_document");
    tcase_add_test(tc, test_csv_document);
    tcase_add_test(tc, test_doc_blocks_stay);
    tcase_add_test(tc, test_html_label_shown);
    suite_add_tcase(s, tc);
    tc = tcase_create("escape");
    tcase_add_loop_test(tc, test_escape, 0, N_ITEMS(rt_escape_table));
    suite_add_tcase(s, tc);
    tc = tcase_create("display_width");
    tcase_add_loop_test(tc, test_display_width, 0, N_ITEMS(rt_width_table));
    suite_add_tcase(s, tc);
    tc = tcase_create("text_alignment");
    tcase_add_loop_test(tc, test_text_alignment, 0, N_ITEMS(rt_locales));
    suite_add_tcase(s, tc);
    tc = tcase_create("text_locale_money");
    tcase_add_test(tc, test_text_locale_money);
    suite_add_tcase(s, tc);
    tc = tcase_create("budget_totals");
    tcase_add_loop_test(tc, test_budget_totals, 0, N_ITEMS(rt_budget_table));
    suite_add_tcase(s, tc);
    tc = tcase_create("budget_limit");
    tcase_add_test(tc, test_budget_limit);
    suite_add_tcase(s, tc);
    tc = tcase_create("renewal_default_year");
    tcase_add_loop_test(tc, test_renewal_default_year, 0, N_ITEMS(rt_default_year_table));
    suite_add_tcase(s, tc);
    tc = tcase_create("renewal_plans");
    tcase_add_test(tc, test_renewal_plans);
    suite_add_tcase(s, tc);
    tc = tcase_create("renewal_usage_fit");
    tcase_add_loop_test(tc, test_renewal_usage_fit, 0, N_ITEMS(rt_fit_table));
    suite_add_tcase(s, tc);
    tc = tcase_create("renewal_without_usage");
    tcase_add_test(tc, test_renewal_without_usage);
    suite_add_tcase(s, tc);
    tc = tcase_create("procurement_lines");
    tcase_add_test(tc, test_procurement_lines);
    suite_add_tcase(s, tc);
    tc = tcase_create("render_formats");
    tcase_add_test(tc, test_render_formats);
    suite_add_tcase(s, tc);
    return s;
}
