/*
 * Dates as day numbers since 1970-01-01 (see date.h): exact integer
 * conversions to and from the proleptic Gregorian calendar (Howard Hinnant's
 * days_from_civil / civil_from_days), ISO 8601 parsing and printing,
 * add_years, and business days with numpy.busday_offset semantics.
 */
#include "config.h"

#include "calendar/date.h"

#include <stdlib.h>

#define DATE_MIN_YEAR 1970
#define DATE_MAX_YEAR 9999
/* Years beyond this magnitude would overflow a cal_day; cal_add_years saturates. */
#define DATE_YEAR_LIMIT 5000000

bool cal_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int cal_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && cal_is_leap(year))
        return 29;
    return days[month - 1];
}

cal_day cal_from_ymd(int year, int month, int day)
{
    int64_t y = (int64_t)year - (month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                                            /* [0, 399] */
    int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1; /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                    /* [0, 146096] */
    return (cal_day)(era * 146097 + doe - 719468);
}

void cal_to_ymd(cal_day d, int *year, int *month, int *day)
{
    int64_t z = (int64_t)d + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;                                      /* [0, 146096] */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
    int64_t mp = (5 * doy + 2) / 153;                                    /* [0, 11] */
    int64_t dd = doy - (153 * mp + 2) / 5 + 1;                           /* [1, 31] */
    int64_t mm = mp < 10 ? mp + 3 : mp - 9;                              /* [1, 12] */
    int64_t yy = yoe + era * 400 + (mm <= 2);
    if (year)
        *year = (int)yy;
    if (month)
        *month = (int)mm;
    if (day)
        *day = (int)dd;
}

int cal_weekday(cal_day d)
{
    /* 1970-01-01 was a Thursday (CAL_THU). */
    return (int)((((int64_t)d % 7) + 7 + CAL_THU) % 7);
}

/* Value of n ASCII digits at s, or -1 when one of them is not a digit. */
static int date_digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int cal_parse_iso(const char *s, size_t len, cal_day *out)
{
    if (!s || len != CAL_ISO_LEN || s[4] != '-' || s[7] != '-')
        return -1;
    int year = date_digits(s, 4);
    int month = date_digits(s + 5, 2);
    int day = date_digits(s + 8, 2);
    if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR || month < 1 || month > 12 || day < 1 ||
        day > cal_days_in_month(year, month))
        return -1;
    if (out)
        *out = cal_from_ymd(year, month, day);
    return 0;
}

/* Writes the n low decimal digits of v (v >= 0) at p. */
static void date_put_digits(char *p, int v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

char *cal_format_iso(cal_day d, char *buf)
{
    int year, month, day;
    cal_to_ymd(d, &year, &month, &day);
    /* Outside 0..9999 the year cannot fit four digits; keep the buffer bound anyway. */
    date_put_digits(buf, abs(year % 10000), 4);
    buf[4] = '-';
    date_put_digits(buf + 5, month, 2);
    buf[7] = '-';
    date_put_digits(buf + 8, day, 2);
    buf[CAL_ISO_LEN] = '\0';
    return buf;
}

cal_day cal_add_years(cal_day d, int k)
{
    int year, month, day;
    cal_to_ymd(d, &year, &month, &day);
    int64_t target = (int64_t)year + k;
    if (target > DATE_YEAR_LIMIT)
        target = DATE_YEAR_LIMIT;
    if (target < -DATE_YEAR_LIMIT)
        target = -DATE_YEAR_LIMIT;
    if (month == 2 && day == 29 && !cal_is_leap((int)target))
        day = 28;
    return cal_from_ymd((int)target, month, day);
}

/* bsearch comparison of two cal_day values. */
static int date_cmp_day(const void *a, const void *b)
{
    cal_day x = *(const cal_day *)a, y = *(const cal_day *)b;
    return (x > y) - (x < y);
}

bool cal_is_busday(const cal_busdays *bd, cal_day d)
{
    if (bd->weekend & (1u << cal_weekday(d)))
        return false;
    if (bd->n_holidays == 0)
        return true;
    return bsearch(&d, bd->holidays, bd->n_holidays, sizeof *bd->holidays, date_cmp_day) == NULL;
}

/*
 * Steps *d by step (+1 or -1) until it is a business day, counting every date
 * examined in *examined. Returns 0, or -1 when the range or the cap is left.
 */
static int date_seek_busday(const cal_busdays *bd, cal_day *d, int step, long *examined)
{
    for (;;) {
        if (*d < CAL_MIN_DAY || *d > CAL_MAX_DAY || ++*examined > CAL_SEARCH_CAP)
            return -1;
        if (cal_is_busday(bd, *d))
            return 0;
        *d += step;
    }
}

int cal_busday_offset(const cal_busdays *bd, cal_day d, int n, cal_roll roll, cal_day *out)
{
    long examined = 0;
    if ((bd->weekend & 0x7f) == 0x7f)
        return -1;
    if (date_seek_busday(bd, &d, roll == CAL_ROLL_BACKWARD ? -1 : 1, &examined) != 0)
        return -1;
    int step = n < 0 ? -1 : 1;
    /* Widen before negating: n may be INT_MIN. */
    for (int64_t left = n < 0 ? -(int64_t)n : n; left > 0; left--) {
        d += step;
        if (date_seek_busday(bd, &d, step, &examined) != 0)
            return -1;
    }
    *out = d;
    return 0;
}
