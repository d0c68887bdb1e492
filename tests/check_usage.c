/*
 * Tests of usage and utilization (rules.md §7): exact parsing and summing of
 * quantities, every formula against hand-computed values, billedUnit over
 * quantity, months straddling an anniversary term, no reports, zero usage,
 * each skip reason and its order, malformed reports with their locations,
 * and the comparison of renewal units with the projection. Records folders
 * live in tests/data/usage/.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "planner/inventory.h"
#include "planner/usage.h"
#include "tests/suites.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))
#define USAGE_DATA TEST_DATA_DIR "/usage"

static cal_day ut_day(const char *iso)
{
    cal_day d;
    if (!iso)
        return CAL_NONE;
    ck_assert_msg(cal_parse_iso(iso, strlen(iso), &d) == 0, "bad test date %s", iso);
    return d;
}

static usage_dec ut_dec(const char *s)
{
    usage_dec d;
    const char *why = NULL;
    ck_assert_msg(usage_dec_parse(s, &d, &why) == 0, "bad test number %s: %s", s, why);
    return d;
}

/* ---- exact decimals ---- */

static const struct {
    const char *literal;
    const char *shown; /* NULL: refused */
} ut_parse_cases[] = {
    {"0", "0"},
    {"-0", "0"},
    {"0.0", "0"},
    {"253", "253"},
    {"21500.50", "21500.5"},
    {"1.5e3", "1500"},
    {"1.5E+3", "1500"},
    {"15e-1", "1.5"},
    {"8e7", "80000000"},
    {"0.000000000000000001", "0.000000000000000001"},
    {"123456789012345678", "123456789012345678"},
    {"123456789.123456789", "123456789.123456789"},
    {"1000000000000000000000000", "1000000000000000000000000"},
    {"0.00000000000000000000e5", "0"},
    {"-1", NULL},
    {"-0.5", NULL},
    {"1234567890123456789", NULL},   /* 19 significant digits */
    {"1.2345678901234567891", NULL}, /* 20 */
    {"0.0000000000000000001", NULL}, /* 19 decimal places */
    {"1e36", NULL},
    {"1e999999999", NULL},
    {"12a", NULL},
    {"", NULL},
};

START_TEST(test_dec_parse)
{
    usage_dec d;
    const char *why = NULL;
    char buf[USAGE_DEC_SIZE];
    int rc = usage_dec_parse(ut_parse_cases[_i].literal, &d, &why);
    if (!ut_parse_cases[_i].shown) {
        ck_assert_msg(rc != 0, "%s accepted", ut_parse_cases[_i].literal);
        ck_assert_ptr_nonnull(why);
        return;
    }
    ck_assert_msg(rc == 0, "%s refused: %s", ut_parse_cases[_i].literal, why);
    ck_assert_str_eq(usage_dec_format(d, buf), ut_parse_cases[_i].shown);
}
END_TEST

static const struct {
    const char *a, *b, *sum;
    int cmp; /* a against b */
} ut_add_cases[] = {
    {"0.1", "0.2", "0.3", -1},
    {"9999999999.5", "0.5", "10000000000", 1},
    {"1e10", "0.000000000000000001", "10000000000.000000000000000001", 1},
    {"21500.5", "21500.50", "43001", 0},
    {"0", "0", "0", 0},
    {"123456789012345678", "876543210987654322", "1000000000000000000", -1},
};

START_TEST(test_dec_add)
{
    char buf[USAGE_DEC_SIZE];
    usage_dec a = ut_dec(ut_add_cases[_i].a), b = ut_dec(ut_add_cases[_i].b);
    ck_assert_int_eq(usage_dec_cmp(a, b), ut_add_cases[_i].cmp);
    ck_assert_int_eq(usage_dec_cmp(b, a), -ut_add_cases[_i].cmp);
    ck_assert_int_eq(usage_dec_add(&a, b), 0);
    ck_assert_str_eq(usage_dec_format(a, buf), ut_add_cases[_i].sum);
}
END_TEST

/* A million additions of 0.1 are exactly 100000 (a double accumulator is not). */
START_TEST(test_dec_many)
{
    char buf[USAGE_DEC_SIZE];
    usage_dec sum = {0, 0}, tenth = ut_dec("0.1"), big = ut_dec("4294967296.3");
    int failed = 0; /* one assertion per loop: Check's per-assertion cost is high */
    for (int i = 0; i < 1000000; i++)
        failed += usage_dec_add(&sum, tenth) != 0;
    ck_assert_int_eq(failed, 0);
    ck_assert_str_eq(usage_dec_format(sum, buf), "100000");
    for (int i = 0; i < 1000; i++)
        failed += usage_dec_add(&sum, big) != 0;
    ck_assert_int_eq(failed, 0);
    ck_assert_str_eq(usage_dec_format(sum, buf), "4294967396300");
}
END_TEST

START_TEST(test_dec_overflow)
{
    usage_dec a = ut_dec("999999999999999999e17"), b = ut_dec("0.000000000000000001");
    usage_dec keep = a;
    ck_assert_int_eq(usage_dec_add(&a, b), -1); /* 10^35 at 18 decimals needs 10^53 */
    ck_assert_int_eq(usage_dec_cmp(a, keep), 0);
}
END_TEST

/* ---- the formulas of rules.md §7, by hand ---- */

static const struct {
    const char *name;
    const char *quota;
    int64_t units;
    const char *used;
    const char *start, *last, *latest_end, *as_of; /* latest_end NULL: no report */
    int headroom;
    const char *licensed;
    int covered, term_days;
    const char *projected, *utilization;
    const char *exhaustion; /* NULL: none */
    int64_t recommended;
} ut_formula_cases[] = {
    /* cli.md: 21500.5 x 365 / 334 = 23496.0553...; 21500.5 / 30000 = 0.71668...;
       30000 x 334 / 21500.5 = 466.03 > 365; 23496.0553 x 1.1 / 10000 = 2.58 -> 3 */
    {"cli.md example", "10000", 3, "21500.5", "2026-01-01", "2026-12-31", "2026-11-30",
     "2026-12-03", 10, "30000", 334, 365, "23496.06", "0.7167", NULL, 3},
    /* 85409000 x 365 / 334 = 93336182.634...; 80e6 x 334 / 85409000 = 312.85 -> day 313 */
    {"runs out", "8e7", 1, "85409000", "2026-01-01", "2026-12-31", "2026-11-30", "2026-12-03",
     10, "80000000", 334, 365, "93336182.63", "1.0676", "2026-11-09", 2},
    /* as_of before the latest report's month end: 2026-02-10 - 2026-01-01 + 1 = 41 */
    {"as_of caps covered", "100", 2, "41", "2026-01-01", "2026-12-31", "2026-03-31",
     "2026-02-10", 10, "200", 41, 365, "365", "0.205", "2026-07-19", 5},
    /* the last day caps covered: projected = used */
    {"after the term", "1000", 1, "700", "2026-01-01", "2026-12-31", "2026-12-31", "2027-02-01",
     10, "1000", 365, 365, "700", "0.7", NULL, 1},
    /* anniversary 2026-03-16..2027-03-15; March counts in full: covered 16 days;
       1600 x 365 / 16 = 36500; 20000 x 16 / 1600 = 200 -> 2026-10-01; 36500 x 1.25 / 10000 = 4.5625 */
    {"anniversary straddle", "10000", 2, "1600", "2026-03-16", "2027-03-15", "2026-03-31",
     "2026-06-01", 25, "20000", 16, 365, "36500", "0.08", "2026-10-01", 5},
    /* leap year: 366 days; 183 x 366 / 183 = 366 */
    {"leap year", "366", 1, "183", "2028-01-01", "2028-12-31", "2028-07-01", "2028-07-01", 0,
     "366", 183, 366, "366", "0.5", "2028-12-31", 1},
    /* exhaustion exactly on the last day (x = 365), and a day more is none */
    {"exhausts on last day", "365", 1, "365", "2026-01-01", "2026-12-31", "2026-12-31",
     "2027-01-10", 10, "365", 365, 365, "365", "1", "2026-12-31", 2},
    {"just lasts", "365", 1, "364", "2026-01-01", "2026-12-31", "2026-12-31", "2027-01-10", 10,
     "365", 365, 365, "364", "0.9973", NULL, 2},
    /* ceil of an exact integer: 100 x 10 / 50 = 20 -> start + 19 */
    {"integer ceil", "100", 1, "50", "2026-01-01", "2026-12-31", "2026-01-31", "2026-01-10", 10,
     "100", 10, 365, "1825", "0.5", "2026-01-20", 21},
    /* headroom 0 on an exact multiple: 20000 / 10000 = 2, not 3 */
    {"exact multiple", "10000", 1, "20000", "2026-01-01", "2026-12-31", "2026-12-31",
     "2026-12-31", 0, "10000", 365, 365, "20000", "2", "2026-07-02", 2},
    /* half-up at the second and fourth decimal: 1.125 -> 1.13; 0.00005 -> 0.0001 */
    {"half-up projected", "1", 1, "1.125", "2026-01-01", "2026-12-31", "2026-12-31",
     "2026-12-31", 0, "1", 365, 365, "1.13", "1.125", "2026-11-21", 2},
    {"half-up utilization", "1", 1, "0.00005", "2026-01-01", "2026-12-31", "2026-12-31",
     "2026-12-31", 0, "1", 365, 365, "0", "0.0001", NULL, 1},
    /* zero usage: no exhaustion, recommended 1 */
    {"zero usage", "10000", 3, "0", "2026-01-01", "2026-12-31", "2026-05-31", "2026-12-03", 10,
     "30000", 151, 365, "0", "0", NULL, 1},
    /* no report at all */
    {"no reports", "10000", 3, "0", "2026-01-01", "2026-12-31", NULL, "2026-12-03", 10, "30000",
     0, 365, "0", "0", NULL, 1},
    /* billions of characters with a fractional quota: licensed 2.5 x 4 = 10 */
    {"fractional quota", "2.5", 4, "7.5", "2026-01-01", "2026-12-31", "2026-06-30", "2026-07-15",
     10, "10", 181, 365, "15.12", "0.75", "2026-08-30", 7},
    {"billions", "80000000", 3, "123456789012.5", "2026-01-01", "2026-12-31", "2026-03-31",
     "2026-12-03", 1000, "240000000", 90, 365, "500685866550.69", "514.4033", "2026-01-01", 68845},
    /* the reports lie after as_of (as_of before the term): covered 0, projected = used */
    {"before the term", "10", 1, "4", "2026-01-01", "2026-12-31", "2026-01-31", "2025-12-20", 10,
     "10", 0, 365, "4", "0.4", NULL, 1},
};

START_TEST(test_formulas)
{
    const __typeof__(ut_formula_cases[0]) *c = &ut_formula_cases[_i];
    usage_figures f;
    const char *why = NULL;
    char buf[USAGE_DEC_SIZE], want[USAGE_DEC_SIZE], day[CAL_ISO_LEN + 1];
    int rc = usage_compute(ut_dec(c->quota), c->units, ut_dec(c->used), ut_day(c->start),
                           ut_day(c->last), ut_day(c->latest_end), ut_day(c->as_of), c->headroom,
                           &f, &why);
    ck_assert_msg(rc == 0, "%s: %s", c->name, why);
    ck_assert_str_eq(usage_dec_format(f.licensed, buf), c->licensed);
    ck_assert_str_eq(usage_dec_format(f.used, buf), usage_dec_format(ut_dec(c->used), want));
    ck_assert_msg(f.covered_days == c->covered, "%s: covered %d", c->name, f.covered_days);
    ck_assert_int_eq(f.term_days, c->term_days);
    ck_assert_msg(strcmp(f.projected_text, c->projected) == 0, "%s: projected %s", c->name,
                  f.projected_text);
    ck_assert_msg(strcmp(f.utilization_text, c->utilization) == 0, "%s: utilization %s",
                  c->name, f.utilization_text);
    if (c->exhaustion)
        ck_assert_msg(f.exhaustion_date == ut_day(c->exhaustion), "%s: exhaustion %s", c->name,
                      f.exhaustion_date == CAL_NONE ? "none"
                                                    : cal_format_iso(f.exhaustion_date, day));
    else
        ck_assert_msg(f.exhaustion_date == CAL_NONE, "%s: exhaustion %s", c->name,
                      cal_format_iso(f.exhaustion_date, day));
    ck_assert_msg(f.recommended_units == c->recommended, "%s: recommended %lld", c->name,
                  (long long)f.recommended_units);
}
END_TEST

/* ---- renewal units against the projection ---- */

static const struct {
    const char *quota, *used;
    int64_t units;
    usage_fit fit;
} ut_fit_cases[] = {
    /* projected = used (covered = term): 25000 */
    {"10000", "25000", 2, USAGE_FIT_BELOW},
    {"10000", "25000", 3, USAGE_FIT_OK},
    {"10000", "25000", 5, USAGE_FIT_OK}, /* 50000 = twice: not more */
    {"10000", "25000", 6, USAGE_FIT_ABOVE},
    {"10000", "0", 1, USAGE_FIT_ABOVE},
    {"0.5", "1", 2, USAGE_FIT_OK}, /* 1 = 1 exactly */
    {"0.5", "1.00000000000000001", 2, USAGE_FIT_BELOW},
};

START_TEST(test_fit)
{
    usage_plan u;
    const char *why = NULL;
    memset(&u, 0, sizeof u);
    u.quota = ut_dec(ut_fit_cases[_i].quota);
    ck_assert_int_eq(usage_compute(u.quota, 1, ut_dec(ut_fit_cases[_i].used),
                                   ut_day("2026-01-01"), ut_day("2026-12-31"),
                                   ut_day("2026-12-31"), ut_day("2027-01-05"), 10, &u.fig, &why),
                     0);
    ck_assert_int_eq(usage_check_units(&u, ut_fit_cases[_i].units), ut_fit_cases[_i].fit);
}
END_TEST

/* ---- reading records folders ---- */

static int ut_hook(void *ctx, const jr_doc *doc, const jr_value *policy, inv_settings *settings,
                   cp_errors *errs)
{
    (void)doc;
    (void)policy;
    (void)errs;
    inv_settings_default(settings);
    settings->basis = *(const inv_term_basis *)ctx;
    return 0;
}

static inv_inventory *ut_inventory(const char *name, inv_term_basis basis)
{
    char *path = xasprintf("%s/%s", USAGE_DATA, name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    cp_buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        cp_buf_put(&b, chunk, n);
    fclose(f);
    cp_errors errs;
    cp_errors_init(&errs);
    inv_inventory *inv = NULL;
    int rc = inv_load(name, cp_buf_str(&b), b.len, ut_hook, &basis, &inv, &errs);
    ck_assert_msg(rc == 0, "%s rejected", name);
    cp_errors_free(&errs);
    cp_buf_free(&b);
    free(path);
    return inv;
}

/* Reads records folder `dir` (under tests/data/usage); fails the test on error. */
static usage_report *ut_read(const inv_inventory *inv, const char *dir, const char *as_of,
                             int headroom)
{
    char *path = xasprintf("%s/%s", USAGE_DATA, dir);
    cp_errors errs;
    cp_errors_init(&errs);
    usage_report *r = NULL;
    int rc = usage_read(inv, path, ut_day(as_of), headroom, &r, &errs);
    if (rc != 0) {
        cp_buf b = {0};
        if (errs.count)
            cp_errors_format(&errs, 0, &b);
        ck_abort_msg("%s refused: %s", dir, cp_buf_str(&b));
        cp_buf_free(&b);
    }
    cp_errors_free(&errs);
    free(path);
    return r;
}

static const usage_plan *ut_plan(const usage_report *r, const inv_inventory *inv, const char *id)
{
    long i = inv_find_plan(inv, id);
    ck_assert_msg(i >= 0, "no plan %s", id);
    const usage_plan *u = usage_find_plan(r, (size_t)i);
    ck_assert_msg(u != NULL, "plan %s not measured", id);
    return u;
}

static void ut_assert_dec(usage_dec v, const char *want)
{
    char buf[USAGE_DEC_SIZE];
    ck_assert_str_eq(usage_dec_format(v, buf), want);
}

/* 1200 (billedUnit over 1000) + 500 (quantity) + 0 (billedUnit 0 over 10) + 2500 (2.5e3 over 7) */
START_TEST(test_billed_unit)
{
    inv_inventory *inv = ut_inventory("calendar.json", INV_TERM_CALENDAR_YEAR);
    usage_report *r = ut_read(inv, "billed", "2026-12-03", 10);
    const usage_plan *u = ut_plan(r, inv, "tts");
    ut_assert_dec(u->fig.used, "4200");
    ut_assert_dec(u->months[0].used, "1200");
    ut_assert_dec(u->months[1].used, "500");
    ut_assert_dec(u->months[2].used, "2500");
    ut_assert_dec(u->months[2].cumulative, "4200");
    ck_assert_int_eq(u->fig.covered_days, 90);
    ck_assert_str_eq(u->fig.projected_text, "17033.33"); /* 4200 x 365 / 90 */
    ck_assert_uint_eq(u->reports, 3);
    ck_assert_uint_eq(r->n_skipped, 0);
    /* the stt plan saw no report: licensed 10000 x (2 + 1) */
    const usage_plan *s = ut_plan(r, inv, "stt");
    ut_assert_dec(s->fig.licensed, "30000");
    ck_assert_int_eq(s->fig.covered_days, 0);
    ck_assert_int_eq(s->fig.recommended_units, 1);
    ck_assert_uint_eq(r->n_unmeasured, 1);
    ck_assert_str_eq(inv->plans[r->unmeasured[0]].id, "plain");
    usage_free(r);
    inv_free(inv);
}
END_TEST

/* Term 2026-03-16..2027-03-15: 2026-02 and 2027-04 are outside; 2026-03 and 2027-03 count in full. */
static const struct {
    const char *as_of;
    int covered;
    const char *projected;
} ut_anniversary_cases[] = {
    {"2027-06-01", 365, "180"},    /* capped by the last day */
    {"2026-12-10", 270, "243.33"}, /* capped by as_of: 180 x 365 / 270 */
    {"2026-03-20", 5, "13140"},    /* 180 x 365 / 5 */
};

START_TEST(test_anniversary)
{
    inv_inventory *inv = ut_inventory("anniversary.json", INV_TERM_ANNIVERSARY);
    usage_report *r = ut_read(inv, "anniversary", ut_anniversary_cases[_i].as_of, 25);
    const usage_plan *u = ut_plan(r, inv, "ann");
    ut_assert_dec(u->fig.used, "180");
    ck_assert_uint_eq(u->n_months, 13);
    ck_assert_int_eq(u->months[0].month, 3);
    ck_assert_int_eq(u->months[12].year, 2027);
    ut_assert_dec(u->months[0].used, "100");
    ut_assert_dec(u->months[12].used, "50");
    ck_assert_int_eq(u->latest_month_end, ut_day("2027-03-31"));
    ck_assert_int_eq(u->fig.covered_days, ut_anniversary_cases[_i].covered);
    ck_assert_str_eq(u->fig.projected_text, ut_anniversary_cases[_i].projected);
    ck_assert_uint_eq(r->n_skipped, 2);
    ck_assert_str_eq(r->skipped[0].reason,
                     "2026-02 is outside the current term of plan ann (2026-03-16 to 2027-03-15)");
    ck_assert_ptr_nonnull(strstr(r->skipped[1].file, "/anniversary/a1/2027-04.json"));
    usage_free(r);
    inv_free(inv);
}
END_TEST

START_TEST(test_no_reports)
{
    char tmpl[] = "/tmp/usage-empty.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(tmpl));
    inv_inventory *inv = ut_inventory("calendar.json", INV_TERM_CALENDAR_YEAR);
    cp_errors errs;
    cp_errors_init(&errs);
    usage_report *r = NULL;
    ck_assert_int_eq(usage_read(inv, tmpl, ut_day("2026-12-03"), 10, &r, &errs), 0);
    ck_assert_uint_eq(r->n_plans, 2);
    for (size_t i = 0; i < r->n_plans; i++) {
        const usage_plan *u = &r->plans[i];
        ut_assert_dec(u->fig.used, "0");
        ck_assert_int_eq(u->fig.covered_days, 0);
        ck_assert_str_eq(u->fig.projected_text, "0");
        ck_assert_str_eq(u->fig.utilization_text, "0");
        ck_assert_int_eq(u->fig.exhaustion_date, CAL_NONE);
        ck_assert_int_eq(u->fig.recommended_units, 1);
        ck_assert_uint_eq(u->n_months, 12);
    }
    ck_assert_uint_eq(r->n_skipped, 0);
    ck_assert_uint_eq(r->n_counted, 0);
    usage_free(r);
    rmdir(tmpl);
    /* a folder that does not exist is invalid input */
    ck_assert_int_eq(usage_read(inv, USAGE_DATA "/no-such-folder", ut_day("2026-12-03"), 10, &r,
                                &errs),
                     -1);
    ck_assert_ptr_null(r);
    ck_assert_uint_eq(errs.count, 1);
    ck_assert_ptr_nonnull(strstr(errs.items[0].message, "cannot read the records folder"));
    cp_errors_free(&errs);
    inv_free(inv);
}
END_TEST

START_TEST(test_zero_usage)
{
    inv_inventory *inv = ut_inventory("calendar.json", INV_TERM_CALENDAR_YEAR);
    usage_report *r = ut_read(inv, "zero", "2026-12-03", 10);
    const usage_plan *u = ut_plan(r, inv, "stt");
    ut_assert_dec(u->fig.used, "0");
    ck_assert_int_eq(u->fig.covered_days, 59); /* through February */
    ck_assert_int_eq(u->fig.exhaustion_date, CAL_NONE);
    ck_assert_int_eq(u->fig.recommended_units, 1);
    ck_assert_uint_eq(u->reports, 2);
    usage_free(r);
    inv_free(inv);
}
END_TEST

START_TEST(test_exact_sum)
{
    inv_inventory *inv = ut_inventory("calendar.json", INV_TERM_CALENDAR_YEAR);
    usage_report *r = ut_read(inv, "exact", "2026-03-01", 10);
    const usage_plan *u = ut_plan(r, inv, "tts");
    ut_assert_dec(u->fig.used, "10999999999.423456789000000001");
    ut_assert_dec(u->months[0].used, "999999999.223456789");
    ut_assert_dec(u->fig.licensed, "80000000");
    usage_free(r);
    inv_free(inv);
}
END_TEST

/* Every skip reason, ordered by file, then meter (the whole file first). */
static const struct {
    const char *file; /* after "DIR/" */
    const char *meter;
    const char *reason;
} ut_skips[] = {
    {"README.txt", NULL, "not in a container folder (DIR/CONTAINER-ID/YYYY-MM.json)"},
    {"ghost/2026-01.json", NULL, "no container ghost"},
    {"p1/2026-01.json", NULL, "plan plain of container p1 has no quota_per_unit"},
    {"s1/2025-12.json", NULL,
     "2025-12 is outside the current term of plan stt (2026-01-01 to 2026-12-31)"},
    {"s1/2026-02.json", "A.Other", "meter A.Other is not in the quota of plan stt"},
    {"s1/2026-02.json", "X.Other", "meter X.Other is not in the quota of plan stt"},
    {"s1/2026-1.json", NULL, "not named YYYY-MM.json"},
    {"s1/2026-13.json", NULL, "not named YYYY-MM.json"},
    {"s1/notes.txt", NULL, "not named YYYY-MM.json"},
    {"s1/old", NULL, "not a usage report file"},
};

START_TEST(test_skips)
{
    inv_inventory *inv = ut_inventory("calendar.json", INV_TERM_CALENDAR_YEAR);
    usage_report *r = ut_read(inv, "skips", "2026-12-03", 10);
    ck_assert_uint_eq(r->n_skipped, N_ITEMS(ut_skips));
    for (size_t i = 0; i < N_ITEMS(ut_skips); i++) {
        char *want = xasprintf("%s/skips/%s", USAGE_DATA, ut_skips[i].file);
        ck_assert_str_eq(r->skipped[i].file, want);
        if (ut_skips[i].meter)
            ck_assert_str_eq(r->skipped[i].meter, ut_skips[i].meter);
        else
            ck_assert_ptr_null(r->skipped[i].meter);
        ck_assert_str_eq(r->skipped[i].reason, ut_skips[i].reason);
        free(want);
    }
    /* s1/2026-02: 10.25 + 0.75 (both quota meters); s2/2026-04: 1000 */
    const usage_plan *u = ut_plan(r, inv, "stt");
    ut_assert_dec(u->fig.used, "1011");
    ck_assert_int_eq(u->fig.covered_days, 120);
    ck_assert_uint_eq(u->reports, 2);
    usage_free(r);
    inv_free(inv);
}
END_TEST

/* A trailing slash on DIR does not change the listed paths. */
START_TEST(test_dir_slash)
{
    inv_inventory *inv = ut_inventory("calendar.json", INV_TERM_CALENDAR_YEAR);
    usage_report *r = ut_read(inv, "skips//", "2026-12-03", 10);
    char *want = xasprintf("%s/skips/README.txt", USAGE_DATA);
    ck_assert_str_eq(r->skipped[0].file, want);
    free(want);
    usage_free(r);
    inv_free(inv);
}
END_TEST

/* Malformed reports: exit 3 material, with file, line, column and JSON path. */
static const struct {
    const char *dir;
    const char *file;
    const char *message; /* the formatted diagnostic after "commitplan: DIR/" */
} ut_bad_cases[] = {
    {"syntax", "s1/2026-01.json", "s1/2026-01.json:1:73: "},
    {"root-array", "s1/2026-01.json",
     "s1/2026-01.json:1:1: a usage report must be an object with \"meters\", found an array"},
    {"no-meters", "s1/2026-01.json", "s1/2026-01.json:1:1: meters: missing required key \"meters\""},
    {"meters-object", "s1/2026-01.json",
     "s1/2026-01.json:1:66: meters: expected an array of meters, found an object"},
    {"negative", "s1/2026-01.json",
     "s1/2026-01.json:4:40: meters[0].quantity: -3: a quantity must not be negative"},
    {"string-quantity", "s1/2026-01.json",
     "s1/2026-01.json:1:104: meters[0].quantity: expected a number of at least 0, found a string"},
    {"too-precise", "s1/2026-01.json",
     "s1/2026-01.json:1:104: meters[0].quantity: 1.2345678901234567891: more than 18 "
     "significant digits"},
    {"no-name", "s1/2026-01.json",
     "s1/2026-01.json:1:67: meters[0].name: missing required key \"name\""},
    {"billed-negative", "s1/2026-01.json",
     "s1/2026-01.json:1:121: meters[0].billedUnit: -1: a quantity must not be negative"},
    {"api-type", "s1/2026-01.json", "s1/2026-01.json:1:13: apiType: expected a string"},
    {"empty", "s1/2026-01.json", "s1/2026-01.json:1:1: "},
    {"out-of-term", "s1/2025-06.json",
     "s1/2025-06.json:1:50: meters[0].quantity: expected a number of at least 0, found null"},
};

START_TEST(test_malformed)
{
    inv_inventory *inv = ut_inventory("calendar.json", INV_TERM_CALENDAR_YEAR);
    char *dir = xasprintf("%s/bad/%s", USAGE_DATA, ut_bad_cases[_i].dir);
    char *want = xasprintf("commitplan: %s/%s", dir, ut_bad_cases[_i].message);
    cp_errors errs;
    cp_errors_init(&errs);
    usage_report *r = NULL;
    ck_assert_int_eq(usage_read(inv, dir, ut_day("2026-12-03"), 10, &r, &errs), -1);
    ck_assert_ptr_null(r);
    ck_assert_uint_ge(errs.count, 1);
    cp_buf b = {0};
    cp_errors_format(&errs, 0, &b);
    ck_assert_msg(strncmp(cp_buf_str(&b), want, strlen(want)) == 0, "got %s\nwant %s",
                  cp_buf_str(&b), want);
    cp_buf_free(&b);
    cp_errors_free(&errs);
    free(want);
    free(dir);
    inv_free(inv);
}
END_TEST

Suite *usage_suite(void)
{
    Suite *s = suite_create("usage");
    TCase *tc = tcase_create("decimal parsing");
    tcase_add_loop_test(tc, test_dec_parse, 0, N_ITEMS(ut_parse_cases));
    suite_add_tcase(s, tc);
    tc = tcase_create("exact sums");
    tcase_add_loop_test(tc, test_dec_add, 0, N_ITEMS(ut_add_cases));
    tcase_add_test(tc, test_dec_many);
    tcase_add_test(tc, test_dec_overflow);
    suite_add_tcase(s, tc);
    tc = tcase_create("formulas");
    tcase_add_loop_test(tc, test_formulas, 0, N_ITEMS(ut_formula_cases));
    suite_add_tcase(s, tc);
    tc = tcase_create("renewal fit");
    tcase_add_loop_test(tc, test_fit, 0, N_ITEMS(ut_fit_cases));
    suite_add_tcase(s, tc);
    tc = tcase_create("billedUnit");
    tcase_add_test(tc, test_billed_unit);
    tcase_add_test(tc, test_exact_sum);
    suite_add_tcase(s, tc);
    tc = tcase_create("anniversary months");
    tcase_add_loop_test(tc, test_anniversary, 0, N_ITEMS(ut_anniversary_cases));
    suite_add_tcase(s, tc);
    tc = tcase_create("no reports and zero usage");
    tcase_add_test(tc, test_no_reports);
    tcase_add_test(tc, test_zero_usage);
    suite_add_tcase(s, tc);
    tc = tcase_create("skipped");
    tcase_add_test(tc, test_skips);
    tcase_add_test(tc, test_dir_slash);
    suite_add_tcase(s, tc);
    tc = tcase_create("malformed reports");
    tcase_add_loop_test(tc, test_malformed, 0, N_ITEMS(ut_bad_cases));
    suite_add_tcase(s, tc);
    return s;
}
