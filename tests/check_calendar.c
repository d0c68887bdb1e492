/*
 * Tests of the calendar module: day numbers, ISO dates, add_years, weekdays,
 * business days (numpy.busday_offset semantics), zone offsets from the
 * system's zoneinfo (cross-checked against python3's zoneinfo and glibc while
 * the tables were written), and ICU formatting of dates and money.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "calendar/date.h"
#include "calendar/zone.h"
#include "tests/suites.h"

#define N_ITEMS(a) ((int)(sizeof(a) / sizeof *(a)))

/* The day number of an ISO date the test tables know to be valid. */
static cal_day check_calendar_day(const char *iso)
{
    cal_day d = CAL_NONE;
    ck_assert_msg(cal_parse_iso(iso, strlen(iso), &d) == 0, "bad table date %s", iso);
    return d;
}

static const struct {
    int year;
    bool leap;
} check_calendar_leap_table[] = {
    {1900, false}, {2000, true}, {2024, true},  {2100, false}, {2026, false},
    {1972, true},  {2400, true}, {1970, false}, {9996, true},  {9999, false},
};

START_TEST(test_leap_years)
{
    ck_assert_int_eq(cal_is_leap(check_calendar_leap_table[_i].year),
                     check_calendar_leap_table[_i].leap);
}
END_TEST

static const struct {
    int year, month, days;
} check_calendar_month_table[] = {
    {2026, 1, 31}, {2026, 2, 28}, {2024, 2, 29}, {1900, 2, 28},  {2000, 2, 29},
    {2026, 4, 30}, {2026, 6, 30}, {2026, 9, 30}, {2026, 11, 30}, {2026, 12, 31},
    {2026, 7, 31}, {2026, 8, 31}, {2026, 0, 0},  {2026, 13, 0},
};

START_TEST(test_month_ends)
{
    ck_assert_int_eq(cal_days_in_month(check_calendar_month_table[_i].year,
                                       check_calendar_month_table[_i].month),
                     check_calendar_month_table[_i].days);
}
END_TEST

typedef struct check_calendar_day_row {
    const char *iso;
    int year, month, day;
    cal_day number;
    int weekday;
} check_calendar_day_row;

static const check_calendar_day_row check_calendar_day_table[] = {
    {"1970-01-01", 1970, 1, 1, 0, CAL_THU},
    {"9999-12-31", 9999, 12, 31, CAL_MAX_DAY, CAL_FRI},
    {"2000-01-01", 2000, 1, 1, 10957, CAL_SAT},
    {"2000-03-01", 2000, 3, 1, 11017, CAL_WED},
    {"2024-02-29", 2024, 2, 29, 19782, CAL_THU},
    {"2026-12-23", 2026, 12, 23, 20810, CAL_WED},
    {"2026-12-31", 2026, 12, 31, 20818, CAL_THU},
};

START_TEST(test_day_numbers)
{
    const check_calendar_day_row *row = &check_calendar_day_table[_i];
    int y, m, d;
    char buf[CAL_ISO_LEN + 1];
    cal_day parsed = CAL_NONE;
    ck_assert_int_eq(cal_from_ymd(row->year, row->month, row->day), row->number);
    cal_to_ymd(row->number, &y, &m, &d);
    ck_assert_int_eq(y, row->year);
    ck_assert_int_eq(m, row->month);
    ck_assert_int_eq(d, row->day);
    ck_assert_int_eq(cal_parse_iso(row->iso, strlen(row->iso), &parsed), 0);
    ck_assert_int_eq(parsed, row->number);
    ck_assert_str_eq(cal_format_iso(row->number, buf), row->iso);
}
END_TEST

START_TEST(test_weekdays)
{
    ck_assert_int_eq(cal_weekday(check_calendar_day_table[_i].number),
                     check_calendar_day_table[_i].weekday);
}
END_TEST

/* Every valid day: the conversions agree with each other and with a day-by-day count. */
START_TEST(test_all_days_round_trip)
{
    int y = 1970, m = 1, d = 1;
    char buf[CAL_ISO_LEN + 1];
    for (cal_day n = CAL_MIN_DAY; n <= CAL_MAX_DAY; n++) {
        int yy, mm, dd;
        cal_day back = CAL_NONE;
        cal_to_ymd(n, &yy, &mm, &dd);
        if (yy != y || mm != m || dd != d || cal_from_ymd(y, m, d) != n)
            ck_abort_msg("day %d: %d-%d-%d, counted %d-%d-%d", (int)n, yy, mm, dd, y, m, d);
        if (cal_weekday(n) != (int)((n + CAL_THU) % 7))
            ck_abort_msg("weekday of %d", (int)n);
        if (n % 97 == 0 &&
            (cal_parse_iso(cal_format_iso(n, buf), CAL_ISO_LEN, &back) != 0 || back != n))
            ck_abort_msg("ISO round trip of %d", (int)n);
        if (++d > cal_days_in_month(y, m)) {
            d = 1;
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
    }
    ck_assert_int_eq(y, 10000);
}
END_TEST

static const char *const check_calendar_bad_iso[] = {
    "2026-2-1",   "+2026-02-01", "2026-02-01 ", "2026-02-01x", " 2026-02-01",
    "2026/02/01", "20260201",    "1969-12-31",  "10000-01-01", "2026-02-29",
    "2026-13-01", "2026-04-31",  "2026-00-10",  "2026-01-00",  "2026-01-32",
    "",           "0000-01-01",  "2026-1a-01",  "2026-01--1",  "2026-0x-01",
    "1900-02-29", "2100-02-29",  "２026-01-01",
};

START_TEST(test_parse_rejects)
{
    const char *s = check_calendar_bad_iso[_i];
    cal_day out = 12345;
    ck_assert_msg(cal_parse_iso(s, strlen(s), &out) == -1, "accepted \"%s\"", s);
    ck_assert_int_eq(out, 12345);
}
END_TEST

/* The length is exact: a valid date followed by more bytes, or cut short, is refused. */
START_TEST(test_parse_length)
{
    const char *s = "2026-02-01Z";
    cal_day out;
    ck_assert_int_eq(cal_parse_iso(s, 10, &out), 0);
    ck_assert_int_eq(out, cal_from_ymd(2026, 2, 1));
    ck_assert_int_eq(cal_parse_iso(s, 11, &out), -1);
    ck_assert_int_eq(cal_parse_iso(s, 9, &out), -1);
    ck_assert_int_eq(cal_parse_iso("2024-02-29", 10, &out), 0);
    ck_assert_int_eq(out, 19782);
}
END_TEST

static const struct {
    const char *from;
    int k;
    const char *to;
} check_calendar_add_years_table[] = {
    {"2024-02-29", 1, "2025-02-28"},  {"2024-02-29", 4, "2028-02-29"},
    {"2028-02-29", -4, "2024-02-29"}, {"2024-02-29", -1, "2023-02-28"},
    {"2024-02-29", 0, "2024-02-29"},  {"2024-02-29", 76, "2100-02-28"},
    {"2026-01-01", 1, "2027-01-01"},  {"2026-12-31", 3, "2029-12-31"},
    {"2025-02-28", 3, "2028-02-28"},  {"2026-03-01", -6, "2020-03-01"},
    {"9998-06-15", 1, "9999-06-15"},  {"1971-01-01", -1, "1970-01-01"},
};

START_TEST(test_add_years)
{
    cal_day from = check_calendar_day(check_calendar_add_years_table[_i].from);
    cal_day to = check_calendar_day(check_calendar_add_years_table[_i].to);
    ck_assert_int_eq(cal_add_years(from, check_calendar_add_years_table[_i].k), to);
}
END_TEST

/* Results beyond 9999 are plain day numbers above CAL_MAX_DAY, so callers can refuse them. */
START_TEST(test_add_years_out_of_range)
{
    cal_day last = check_calendar_day("9999-12-31");
    ck_assert_int_eq(cal_add_years(last, 1), cal_from_ymd(10000, 12, 31));
    ck_assert_int_gt(cal_add_years(last, 1), CAL_MAX_DAY);
    ck_assert_int_gt(cal_add_years(0, 2000000000), CAL_MAX_DAY);
    ck_assert_int_lt(cal_add_years(0, -2000000000), CAL_MIN_DAY);
}
END_TEST

#define WK(d) (1u << (d))
#define SAT_SUN (WK(CAL_SAT) | WK(CAL_SUN))

typedef struct check_calendar_busday_row {
    unsigned weekend;
    const char *holidays[3];
    const char *from;
    int n;
    cal_roll roll;
    const char *expect; /* NULL: the search fails */
} check_calendar_busday_row;

static const check_calendar_busday_row check_calendar_busday_table[] = {
    /* rules.md §3: the decision deadline of a 2026 calendar-year term. */
    {SAT_SUN, {"2026-12-25"}, "2026-12-31", -5, CAL_ROLL_BACKWARD, "2026-12-23"},
    {SAT_SUN, {"2026-12-25"}, "2026-12-31", 0, CAL_ROLL_BACKWARD, "2026-12-31"},
    /* Rolling first: Saturday goes back to Friday or on to Monday. */
    {SAT_SUN, {NULL}, "2027-01-02", 0, CAL_ROLL_BACKWARD, "2027-01-01"},
    {SAT_SUN, {NULL}, "2027-01-02", 0, CAL_ROLL_FORWARD, "2027-01-04"},
    {SAT_SUN, {"2026-12-25"}, "2026-12-25", 0, CAL_ROLL_FORWARD, "2026-12-28"},
    {SAT_SUN, {"2026-12-25"}, "2026-12-25", 0, CAL_ROLL_BACKWARD, "2026-12-24"},
    {SAT_SUN, {"2026-12-25"}, "2026-12-24", 1, CAL_ROLL_FORWARD, "2026-12-28"},
    /* The last day itself a holiday: b rolls back first. */
    {SAT_SUN, {"2026-12-25", "2026-12-31"}, "2026-12-31", -5, CAL_ROLL_BACKWARD, "2026-12-22"},
    /* rules.md §4: approval due 10 business days after the request. */
    {SAT_SUN, {NULL}, "2026-12-01", 10, CAL_ROLL_FORWARD, "2026-12-15"},
    {SAT_SUN, {"2026-12-24", "2026-12-25"}, "2026-12-12", 10, CAL_ROLL_FORWARD, "2026-12-30"},
    /* Friday/Saturday weekend. */
    {WK(CAL_FRI) | WK(CAL_SAT), {"2026-12-25"}, "2026-12-31", -5, CAL_ROLL_BACKWARD, "2026-12-24"},
    {WK(CAL_FRI) | WK(CAL_SAT), {"2027-01-01"}, "2026-12-31", 3, CAL_ROLL_FORWARD, "2027-01-05"},
    /* A single-day weekend, and negative n after a forward roll. */
    {WK(CAL_SUN), {NULL}, "2026-12-27", -1, CAL_ROLL_FORWARD, "2026-12-26"},
    {WK(CAL_SUN), {NULL}, "2026-12-27", 1, CAL_ROLL_BACKWARD, "2026-12-28"},
    {WK(CAL_SUN), {"2026-12-26", "2026-12-28"}, "2026-12-26", 2, CAL_ROLL_FORWARD, "2026-12-31"},
    /* Holidays on a weekend change nothing. */
    {SAT_SUN, {"2026-12-26", "2026-12-27"}, "2026-12-31", -5, CAL_ROLL_BACKWARD, "2026-12-24"},
    /* No weekend at all. */
    {0, {"2024-02-29"}, "2024-02-28", 1, CAL_ROLL_FORWARD, "2024-03-01"},
    /* Large n, both ways. */
    {SAT_SUN, {NULL}, "2026-01-01", 260, CAL_ROLL_FORWARD, "2026-12-31"},
    {SAT_SUN, {NULL}, "2026-01-01", -1000, CAL_ROLL_FORWARD, "2022-03-03"},
    /* Leaving 1970..9999 fails. */
    {SAT_SUN, {NULL}, "9999-12-31", 1, CAL_ROLL_FORWARD, NULL},
    {SAT_SUN, {NULL}, "1970-01-01", -1, CAL_ROLL_FORWARD, NULL},
    {SAT_SUN, {"1970-01-01"}, "1970-01-01", 0, CAL_ROLL_BACKWARD, NULL},
    {SAT_SUN, {NULL}, "1970-01-02", -1, CAL_ROLL_FORWARD, "1970-01-01"},
    /* The search cap: one business day a week, 20000 of them is beyond 100000 days. */
    {0x7fu & ~WK(CAL_WED), {NULL}, "1970-01-01", 20000, CAL_ROLL_FORWARD, NULL},
    {0x7fu & ~WK(CAL_WED), {NULL}, "1970-01-01", 14000, CAL_ROLL_FORWARD, "2238-05-02"},
    /* Every business day of the year a holiday is also past the cap, not a hang. */
    {0x7f, {NULL}, "2026-01-01", 0, CAL_ROLL_FORWARD, NULL},
};

START_TEST(test_busday_offset)
{
    const check_calendar_busday_row *row = &check_calendar_busday_table[_i];
    cal_day holidays[3];
    cal_busdays bd = {row->weekend, holidays, 0};
    for (int i = 0; i < 3 && row->holidays[i]; i++)
        holidays[bd.n_holidays++] = check_calendar_day(row->holidays[i]);
    cal_day out = CAL_NONE;
    int rc = cal_busday_offset(&bd, check_calendar_day(row->from), row->n, row->roll, &out);
    if (!row->expect) {
        ck_assert_int_eq(rc, -1);
        return;
    }
    char buf[CAL_ISO_LEN + 1];
    ck_assert_int_eq(rc, 0);
    ck_assert_str_eq(cal_format_iso(out, buf), row->expect);
    ck_assert(cal_is_busday(&bd, out));
}
END_TEST

/* A long holiday list is searched correctly (binary search over sorted dates). */
START_TEST(test_busday_many_holidays)
{
    enum { N = 1000 };
    cal_day *holidays = malloc(N * sizeof *holidays);
    cal_day start = check_calendar_day("2026-01-01");
    /* Every Monday from 2026 on is a holiday: a Tue-Fri week remains. */
    for (int i = 0; i < N; i++)
        holidays[i] = start + 4 + 7 * i; /* 2026-01-05 is a Monday */
    cal_busdays bd = {SAT_SUN, holidays, N};
    ck_assert(!cal_is_busday(&bd, start + 4));
    ck_assert(!cal_is_busday(&bd, holidays[N - 1]));
    ck_assert(cal_is_busday(&bd, start + 5));
    cal_day out;
    ck_assert_int_eq(cal_busday_offset(&bd, start, 8, CAL_ROLL_FORWARD, &out), 0);
    /* From Thu 1: Fri 2, Tue 6 .. Fri 9, Tue 13, Wed 14, Thu 15 is the 8th step. */
    ck_assert_int_eq(out, check_calendar_day("2026-01-15"));
    free(holidays);
}
END_TEST

static const struct {
    const char *zone;
    int64_t t;
    int32_t offset;
} check_calendar_offset_table[] = {
    {"America/Los_Angeles", 1798761600, -8 * 3600}, /* 2027-01-01T00:00Z, winter */
    {"America/Los_Angeles", 1782864000, -7 * 3600}, /* 2026-07-01T00:00Z, summer */
    {"America/Los_Angeles", 1772963999, -8 * 3600}, /* 2026-03-08T09:59:59Z, before DST */
    {"America/Los_Angeles", 1772964000, -7 * 3600}, /* 2026-03-08T10:00:00Z, DST */
    {"America/Los_Angeles", 2855980800, -7 * 3600}, /* 2060-07-02, from the footer rule */
    {"Asia/Tokyo", 1798761600, 9 * 3600},
    {"Asia/Almaty", 1780272000, 5 * 3600}, /* 2026-06-01: +5 since 2024 (ICU 72 says +6) */
    {"Asia/Almaty", 44582400, 6 * 3600},   /* 1971 */
    {"Europe/London", 1798761600, 0},
    {"Europe/London", 1782864000, 3600},
    {"Europe/London", 1774746000, 3600}, /* 2026-03-29T01:00Z, BST begins */
    {"Europe/London", 1774745999, 0},
    {"Europe/London", 1792889999, 3600}, /* 2026-10-25T00:59:59Z */
    {"Europe/London", 1792890000, 0},    /* 2026-10-25T01:00Z, BST ends */
    {"UTC", 1798761600, 0},
    {"Etc/UTC", 0, 0},
    {"Australia/Lord_Howe", 1798761600, 11 * 3600}, /* summer: +11 */
    {"Australia/Lord_Howe", 1782864000, 37800},     /* winter: +10:30 */
    {"Australia/Lord_Howe", 1775314799, 11 * 3600}, /* 2026-04-04T14:59:59Z */
    {"Australia/Lord_Howe", 1775314800, 37800},     /* 2026-04-04T15:00:00Z */
    {"Asia/Kathmandu", 1798761600, 20700},          /* +05:45 */
    {"Asia/Kathmandu", 44582400, 19800},            /* +05:30 in 1971 */
    {"America/Nuuk", 1798761600, -2 * 3600},        /* "/-1" transition times */
    {"America/Nuuk", 1782864000, -1 * 3600},
    {"Africa/Monrovia", 44582400, -2670},  /* -00:44:30 */
    {"Asia/Kolkata", 253402300799, 19800}, /* 9999-12-31T23:59:59Z */
};

START_TEST(test_zone_offsets)
{
    int32_t off = 12345;
    ck_assert_int_eq(cal_zone_offset(check_calendar_offset_table[_i].zone,
                                     check_calendar_offset_table[_i].t, &off),
                     0);
    ck_assert_int_eq(off, check_calendar_offset_table[_i].offset);
    /* A second call is answered from the cache with the same result. */
    off = 12345;
    ck_assert_int_eq(cal_zone_offset(check_calendar_offset_table[_i].zone,
                                     check_calendar_offset_table[_i].t, &off),
                     0);
    ck_assert_int_eq(off, check_calendar_offset_table[_i].offset);
}
END_TEST

static const struct {
    const char *zone;
    int64_t t;
    const char *iso;
    const char *local_day;
} check_calendar_iso_table[] = {
    /* rules.md §3: the cutoff of a 2026 calendar-year term. */
    {"America/Los_Angeles", 1798761600, "2026-12-31T16:00:00-08:00", "2026-12-31"},
    {"Asia/Tokyo", 1798761600, "2027-01-01T09:00:00+09:00", "2027-01-01"},
    {"UTC", 1798761600, "2027-01-01T00:00:00+00:00", "2027-01-01"},
    {"Asia/Almaty", 1780272000, "2026-06-01T05:00:00+05:00", "2026-06-01"},
    {"Asia/Kathmandu", 1798761600, "2027-01-01T05:45:00+05:45", "2027-01-01"},
    {"America/St_Johns", 1798761600, "2026-12-31T20:30:00-03:30", "2026-12-31"},
    {"Africa/Monrovia", 44582400, "1971-05-31T23:15:30-00:44:30", "1971-05-31"},
    {"Pacific/Kiritimati", 1798761600, "2027-01-01T14:00:00+14:00", "2027-01-01"},
    {"Pacific/Pago_Pago", 1798761600, "2026-12-31T13:00:00-11:00", "2026-12-31"},
};

START_TEST(test_zone_format_iso)
{
    char buf[CAL_ZONE_ISO_SIZE];
    char day[CAL_ISO_LEN + 1];
    cal_day local = CAL_NONE;
    ck_assert_int_eq(cal_zone_format_iso(check_calendar_iso_table[_i].zone,
                                         check_calendar_iso_table[_i].t, buf, &local),
                     0);
    ck_assert_str_eq(buf, check_calendar_iso_table[_i].iso);
    ck_assert_str_eq(cal_format_iso(local, day), check_calendar_iso_table[_i].local_day);
}
END_TEST

static const char *const check_calendar_bad_zones[] = {
    "Mars/Olympus",
    "../etc/passwd",
    "",
    "/etc/localtime",
    "Asia/../Asia/Tokyo",
    "Asia//Tokyo",
    "Asia/Tokyo/",
    ".",
    "zone.tab",
    "Asia",
    "asia/tokyo",
    "Asia/Tokyo ",
    "Asia/Tokyo\n",
    "Europe/Lodnon",
};

START_TEST(test_zone_invalid)
{
    const char *zone = check_calendar_bad_zones[_i];
    char buf[CAL_ZONE_ISO_SIZE];
    int32_t off = 777;
    ck_assert_msg(!cal_zone_valid(zone), "\"%s\" valid", zone);
    ck_assert_int_eq(cal_zone_offset(zone, 0, &off), -1);
    ck_assert_int_eq(off, 777);
    ck_assert_int_eq(cal_zone_format_iso(zone, 0, buf, NULL), -1);
}
END_TEST

static const char *const check_calendar_good_zones[] = {
    "America/Los_Angeles", "Asia/Tokyo", "Asia/Almaty", "UTC", "Etc/GMT+5", "US/Pacific",
};

START_TEST(test_zone_valid)
{
    ck_assert(cal_zone_valid(check_calendar_good_zones[_i]));
}
END_TEST

/* A fresh directory for zone files; the caller removes it with check_calendar_rmdir. */
static char *check_calendar_tmpdir(void)
{
    char tmpl[] = "/tmp/check-calendar-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(tmpl));
    return xstrdup(tmpl);
}

static void check_calendar_rmdir(char *dir, const char *const *files, int n)
{
    for (int i = 0; i < n; i++) {
        char *path = xasprintf("%s/%s", dir, files[i]);
        unlink(path);
        free(path);
    }
    char *sub = xasprintf("%s/Test", dir);
    rmdir(sub);
    free(sub);
    rmdir(dir);
    free(dir);
}

/* Writes a TZif v2 file with no transitions and the given POSIX TZ footer. */
static void check_calendar_write_tzif(const char *path, const char *footer)
{
    static const unsigned char header[44] = {'T', 'Z', 'i', 'f', '2', [39] = 1, [43] = 4};
    static const unsigned char block[10] = {0, 0, 0, 0, 0, 0, 'X', 'X', 'X', 0};
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    for (int i = 0; i < 2; i++) {
        fwrite(header, 1, sizeof header, f);
        fwrite(block, 1, sizeof block, f);
    }
    fprintf(f, "\n%s\n", footer);
    ck_assert_int_eq(fclose(f), 0);
}

static const struct {
    const char *footer;
    int64_t t;
    int32_t offset;
} check_calendar_footer_table[] = {
    /* Zero-based n: day 59 is Feb 29 in a leap year, Mar 1 otherwise (glibc agrees). */
    {"XST5XDT,59,300", 1709189999, -18000}, /* 2024-02-29T06:59:59Z */
    {"XST5XDT,59,300", 1709190000, -14400},
    {"XST5XDT,59,300", 1740744000, -18000}, /* 2025-02-28T12:00Z */
    {"XST5XDT,59,300", 1740812400, -14400}, /* 2025-03-01T07:00Z */
    {"XST5XDT,59,300", 1730008799, -14400}, /* 2024-10-27T05:59:59Z */
    {"XST5XDT,59,300", 1730008800, -18000},
    /* Julian Jn never counts Feb 29: J60 is Mar 1 every year. */
    {"XST5XDT,J60,J300", 1709208000, -18000}, /* 2024-02-29T12:00Z */
    {"XST5XDT,J60,J300", 1709276399, -18000},
    {"XST5XDT,J60,J300", 1709276400, -14400}, /* 2024-03-01T07:00Z */
    {"XST5XDT,J60,J300", 1761544799, -14400},
    {"XST5XDT,J60,J300", 1761544800, -18000}, /* 2025-10-27T06:00Z */
    /* Southern hemisphere, half-hour standard time, quoted names. */
    {"<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", 1775314799, 39600},
    {"<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", 1775314800, 37800},
    {"<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", 1791041399, 37800},
    {"<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", 1791041400, 39600},
    /* No daylight time at all. */
    {"<-0230>2:30", 1767225600, -9000},
};

/* The POSIX TZ footer rules (Jn, n, Mm.w.d) through a zone file in $TZDIR. */
START_TEST(test_zone_footer_rules)
{
    const char *old = getenv("TZDIR");
    char *saved = old ? xstrdup(old) : NULL;
    char *dir = check_calendar_tmpdir();
    char *sub = xasprintf("%s/Test", dir);
    char *path = xasprintf("%s/Test/Rule", dir);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    check_calendar_write_tzif(path, check_calendar_footer_table[_i].footer);
    setenv("TZDIR", dir, 1);
    cal_zone_cache_clear();
    int32_t off = 0;
    int rc = cal_zone_offset("Test/Rule", check_calendar_footer_table[_i].t, &off);
    if (saved)
        setenv("TZDIR", saved, 1);
    else
        unsetenv("TZDIR");
    cal_zone_cache_clear();
    static const char *const files[] = {"Test/Rule"};
    check_calendar_rmdir(dir, files, 1);
    free(sub);
    free(path);
    free(saved);
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(off, check_calendar_footer_table[_i].offset);
}
END_TEST

/* A zone the system's zoneinfo lacks is invalid, even one ICU knows: no offset from ICU's rules. */
START_TEST(test_zone_system_only)
{
    const char *old = getenv("TZDIR");
    char *saved = old ? xstrdup(old) : NULL;
    char *dir = check_calendar_tmpdir();
    setenv("TZDIR", dir, 1);
    cal_zone_cache_clear();
    int32_t tokyo = 12345;
    bool tokyo_valid = cal_zone_valid("Asia/Tokyo");
    int rc1 = cal_zone_offset("Asia/Tokyo", 1798761600, &tokyo);
    bool utc_valid = cal_zone_valid("UTC");
    bool mars_valid = cal_zone_valid("Mars/Olympus");
    bool path_valid = cal_zone_valid("../etc/passwd");
    if (saved)
        setenv("TZDIR", saved, 1);
    else
        unsetenv("TZDIR");
    cal_zone_cache_clear();
    bool tokyo_back = cal_zone_valid("Asia/Tokyo"); /* the real zoneinfo again */
    check_calendar_rmdir(dir, NULL, 0);
    free(saved);
    ck_assert(!tokyo_valid);
    ck_assert_int_eq(rc1, -1);
    ck_assert_int_eq(tokyo, 12345);
    ck_assert(!utc_valid);
    ck_assert(!mars_valid);
    ck_assert(!path_valid);
    ck_assert(tokyo_back);
}
END_TEST

static const struct {
    const char *locale;
    bool valid;
} check_calendar_locale_table[] = {
    {"en_US", true}, {"de_DE", true},  {"da_DK", true},  {"ja_JP", true},
    {"fr_FR", true}, {"en", true},     {"xx_YY", false}, {"garbage!", false},
    {"", false},     {"en_XX", false}, {"C", false},     {"de_DE;x", false},
};

START_TEST(test_locale_valid)
{
    ck_assert_msg(cal_locale_valid(check_calendar_locale_table[_i].locale) ==
                      check_calendar_locale_table[_i].valid,
                  "locale \"%s\"", check_calendar_locale_table[_i].locale);
}
END_TEST

static const struct {
    const char *code;
    int digits;
} check_calendar_currency_table[] = {
    {"USD", 2},  {"EUR", 2},  {"JPY", 0}, {"KRW", 0},   {"BHD", 3}, {"DKK", 2},
    {"XYZ", -1}, {"usd", -1}, {"US", -1}, {"USDX", -1}, {"", -1},   {"U$D", -1},
};

START_TEST(test_currency_digits)
{
    ck_assert_int_eq(cal_currency_digits(check_calendar_currency_table[_i].code),
                     check_calendar_currency_table[_i].digits);
}
END_TEST

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

static const struct {
    const char *locale;
    const char *date;
    const char *expect;
} check_calendar_fmt_date_table[] = {
    {"en_US", "2026-12-23", "Dec 23, 2026"},  {"de_DE", "2026-12-23", "23.12.2026"},
    {"da_DK", "2026-12-23", "23. dec. 2026"}, {"ja_JP", "2026-12-23", "2026/12/23"},
    {"en_US", "1970-01-01", "Jan 1, 1970"},   {"en_US", "9999-12-31", "Dec 31, 9999"},
};

START_TEST(test_fmt_date)
{
    cal_fmt *f = cal_fmt_open(check_calendar_fmt_date_table[_i].locale, "USD");
    cp_buf out = {0};
    ck_assert_ptr_nonnull(f);
    cp_buf_puts(&out, "[");
    cal_fmt_date(f, check_calendar_day(check_calendar_fmt_date_table[_i].date), &out);
    cp_buf_puts(&out, "]");
    char *expect = xasprintf("[%s]", check_calendar_fmt_date_table[_i].expect);
    ck_assert_str_eq(cp_buf_str(&out), expect);
    free(expect);
    cp_buf_free(&out);
    cal_fmt_close(f);
}
END_TEST

static const struct {
    const char *locale;
    int64_t t;
    const char *zone;
    const char *expect;
} check_calendar_fmt_datetime_table[] = {
    /* The 2026 cutoff in Los Angeles and Tokyo (rules.md §3). */
    {"en_US", 1798761600, "America/Los_Angeles", "Dec 31, 2026, 4:00" NNBSP "PM"},
    {"en_US", 1798761600, "Asia/Tokyo", "Jan 1, 2027, 9:00" NNBSP "AM"},
    {"en_US", 1798761600, NULL, "Jan 1, 2027, 12:00" NNBSP "AM"},
    {"en_US", 1798761600, "UTC", "Jan 1, 2027, 12:00" NNBSP "AM"},
    {"de_DE", 1798761600, "America/Los_Angeles", "31.12.2026, 16:00"},
    /* ICU 72 would put Almaty at +6; the system's zoneinfo says +5. */
    {"de_DE", 1780272000, "Asia/Almaty", "01.06.2026, 05:00"},
    {"ja_JP", 1798761600, "Asia/Kathmandu", "2027/01/01 5:45"},
};

START_TEST(test_fmt_datetime)
{
    cal_fmt *f = cal_fmt_open(check_calendar_fmt_datetime_table[_i].locale, NULL);
    cp_buf out = {0};
    ck_assert_ptr_nonnull(f);
    cal_fmt_datetime(f, check_calendar_fmt_datetime_table[_i].t,
                     check_calendar_fmt_datetime_table[_i].zone, &out);
    ck_assert_str_eq(cp_buf_str(&out), check_calendar_fmt_datetime_table[_i].expect);
    cp_buf_free(&out);
    cal_fmt_close(f);
}
END_TEST

typedef struct check_calendar_money_row {
    const char *locale, *currency, *decimal;
    int min_frac, max_frac;
    bool money; /* false: cal_fmt_number */
    const char *expect;
} check_calendar_money_row;

static const check_calendar_money_row check_calendar_fmt_money_table[] = {
    {"en_US", "USD", "24767.67", 2, 2, true, "$24,767.67"},
    {"de_DE", "USD", "24767.67", 2, 2, true, "24.767,67" NBSP "$"},
    {"da_DK", "EUR", "68250", 2, 2, true, "68.250,00" NBSP "€"},
    {"ja_JP", "JPY", "5041096", 0, 0, true, "￥5,041,096"},
    {"en_US", "USD", "-3.5", 2, 2, true, "-$3.50"},
    {"de_DE", "EUR", "-1234.5", 2, 2, true, "-1.234,50" NBSP "€"},
    {"en_US", "USD", "0.125", 2, 3, true, "$0.125"},
    {"en_US", "USD", "0.10", 2, 3, true, "$0.10"},
    {"en_US", "BHD", "12.345", 3, 3, true, "BHD" NBSP "12.345"},
    {"en_US", "USD", "999999999999999.99", 2, 2, true, "$999,999,999,999,999.99"},
    {"en_US", "USD", "74100", 2, 2, false, "74,100.00"},
    {"de_DE", "USD", "74100", 2, 2, false, "74.100,00"},
    {"ja_JP", "JPY", "-5041096", 0, 0, false, "-5,041,096"},
};

START_TEST(test_fmt_money)
{
    const check_calendar_money_row *row = &check_calendar_fmt_money_table[_i];
    cal_fmt *f = cal_fmt_open(row->locale, row->currency);
    cp_buf out = {0};
    ck_assert_ptr_nonnull(f);
    /* The formatters are reused: the second call appends the same text again. */
    for (int round = 0; round < 2; round++) {
        if (row->money)
            cal_fmt_money(f, row->decimal, row->min_frac, row->max_frac, &out);
        else
            cal_fmt_number(f, row->decimal, row->min_frac, row->max_frac, &out);
    }
    char *expect = xasprintf("%s%s", row->expect, row->expect);
    ck_assert_str_eq(cp_buf_str(&out), expect);
    free(expect);
    cp_buf_free(&out);
    cal_fmt_close(f);
}
END_TEST

/* One formatter serves many precisions and both kinds without mixing them up. */
START_TEST(test_fmt_reuse)
{
    cal_fmt *f = cal_fmt_open("en_US", "USD");
    cp_buf out = {0};
    ck_assert_ptr_nonnull(f);
    for (int round = 0; round < 2; round++) {
        for (int max = 0; max <= 10; max++) {
            cp_buf_reset(&out);
            cal_fmt_number(f, "1.5", 0, max, &out);
            ck_assert_str_eq(cp_buf_str(&out), max == 0 ? "2" : "1.5");
            cp_buf_reset(&out);
            cal_fmt_money(f, "1234", max, max, &out);
            char *expect = xasprintf("$1,234%s%.*s", max ? "." : "", max, "0000000000");
            ck_assert_str_eq(cp_buf_str(&out), expect);
            free(expect);
        }
    }
    cp_buf_free(&out);
    cal_fmt_close(f);
}
END_TEST

START_TEST(test_fmt_open_rejects)
{
    ck_assert_ptr_null(cal_fmt_open("xx_YY", "USD"));
    ck_assert_ptr_null(cal_fmt_open("en_US", "XYZ"));
    ck_assert_ptr_null(cal_fmt_open("garbage!", NULL));
    cal_fmt_close(NULL);
}
END_TEST


/*
 * The arena behind the inventory's small arrays: every allocation zeroed,
 * aligned and apart from the others; a large one gets a block of its own and
 * the small ones after it go on filling the block they were in (they used to
 * start a fresh 64 KiB block after each large one).
 */
static const size_t check_arena_sizes[] = {0, 1, 7, 16, 24, 100, 3000, 17000, 40000, 200000, 5};

START_TEST(test_arena)
{
    cp_arena a = {0};
    enum { N = 200 };
    unsigned char *p[N];
    size_t n[N];
    for (int i = 0; i < N; i++) {
        n[i] = check_arena_sizes[(size_t)i % N_ITEMS(check_arena_sizes)];
        p[i] = cp_arena_alloc(&a, n[i]);
        ck_assert_ptr_nonnull(p[i]);
        ck_assert_uint_eq((uintptr_t)p[i] % _Alignof(max_align_t), 0);
        size_t dirty = 0;
        for (size_t k = 0; k < n[i]; k++)
            dirty += p[i][k] != 0;
        ck_assert_uint_eq(dirty, 0);
        memset(p[i], i + 1, n[i]);
    }
    size_t overwritten = 0;
    for (int i = 0; i < N; i++)
        for (size_t k = 0; k < n[i]; k++)
            overwritten += p[i][k] != (unsigned char)(i + 1);
    ck_assert_uint_eq(overwritten, 0);

    cp_arena b = {0};
    char *small1 = cp_arena_alloc(&b, 32);
    char *large = cp_arena_alloc(&b, 100000);
    char *small2 = cp_arena_alloc(&b, 32);
    ck_assert_ptr_nonnull(large);
    ck_assert_ptr_eq(small2, small1 + 32); /* the same block goes on */
    char *s = cp_arena_strdup(&b, "borrowed");
    ck_assert_str_eq(s, "borrowed");
    ck_assert_ptr_null(cp_arena_strdup(&b, NULL));
    size_t *z = cp_arena_calloc(&b, 3, sizeof *z);
    ck_assert_uint_eq(z[0] + z[1] + z[2], 0);
    cp_arena_free(&a);
    cp_arena_free(&b);
    ck_assert_ptr_null(a.blocks);
}
END_TEST

Suite *calendar_suite(void)
{
    Suite *s = suite_create("calendar");
    TCase *tc;

    tc = tcase_create("leap_years");
    tcase_add_loop_test(tc, test_leap_years, 0, N_ITEMS(check_calendar_leap_table));
    suite_add_tcase(s, tc);

    tc = tcase_create("month_ends");
    tcase_add_loop_test(tc, test_month_ends, 0, N_ITEMS(check_calendar_month_table));
    suite_add_tcase(s, tc);

    tc = tcase_create("day_numbers");
    tcase_add_loop_test(tc, test_day_numbers, 0, N_ITEMS(check_calendar_day_table));
    tcase_add_test(tc, test_all_days_round_trip);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);

    tc = tcase_create("weekdays");
    tcase_add_loop_test(tc, test_weekdays, 0, N_ITEMS(check_calendar_day_table));
    suite_add_tcase(s, tc);

    tc = tcase_create("parse_iso");
    tcase_add_loop_test(tc, test_parse_rejects, 0, N_ITEMS(check_calendar_bad_iso));
    tcase_add_test(tc, test_parse_length);
    suite_add_tcase(s, tc);

    tc = tcase_create("add_years");
    tcase_add_loop_test(tc, test_add_years, 0, N_ITEMS(check_calendar_add_years_table));
    tcase_add_test(tc, test_add_years_out_of_range);
    suite_add_tcase(s, tc);

    tc = tcase_create("busday_offset");
    tcase_add_loop_test(tc, test_busday_offset, 0, N_ITEMS(check_calendar_busday_table));
    tcase_add_test(tc, test_busday_many_holidays);
    suite_add_tcase(s, tc);

    tc = tcase_create("zone_offsets");
    tcase_add_loop_test(tc, test_zone_offsets, 0, N_ITEMS(check_calendar_offset_table));
    tcase_add_loop_test(tc, test_zone_format_iso, 0, N_ITEMS(check_calendar_iso_table));
    suite_add_tcase(s, tc);

    tc = tcase_create("zone_names");
    tcase_add_loop_test(tc, test_zone_invalid, 0, N_ITEMS(check_calendar_bad_zones));
    tcase_add_loop_test(tc, test_zone_valid, 0, N_ITEMS(check_calendar_good_zones));
    suite_add_tcase(s, tc);

    tc = tcase_create("zone_footer_rules");
    tcase_add_loop_test(tc, test_zone_footer_rules, 0, N_ITEMS(check_calendar_footer_table));
    tcase_add_test(tc, test_zone_system_only);
    suite_add_tcase(s, tc);

    tc = tcase_create("locales_and_currencies");
    tcase_add_loop_test(tc, test_locale_valid, 0, N_ITEMS(check_calendar_locale_table));
    tcase_add_loop_test(tc, test_currency_digits, 0, N_ITEMS(check_calendar_currency_table));
    suite_add_tcase(s, tc);

    tc = tcase_create("arena");
    tcase_add_test(tc, test_arena);
    suite_add_tcase(s, tc);

    tc = tcase_create("icu_formatting");
    tcase_add_loop_test(tc, test_fmt_date, 0, N_ITEMS(check_calendar_fmt_date_table));
    tcase_add_loop_test(tc, test_fmt_datetime, 0, N_ITEMS(check_calendar_fmt_datetime_table));
    tcase_add_loop_test(tc, test_fmt_money, 0, N_ITEMS(check_calendar_fmt_money_table));
    tcase_add_test(tc, test_fmt_reuse);
    tcase_add_test(tc, test_fmt_open_rejects);
    suite_add_tcase(s, tc);

    return s;
}
