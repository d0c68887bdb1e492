/*
 * Dates as day numbers: a cal_day counts days since 1970-01-01 (day 0) in the
 * proleptic Gregorian calendar. Conversions to year/month/day happen only at
 * the edges (parsing and printing). Valid dates are 1970-01-01..9999-12-31.
 * Business days and busday_offset (rules.md §3, §4) live here too.
 */
#ifndef COMMITPLAN_DATE_H
#define COMMITPLAN_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t cal_day;

#define CAL_NONE INT32_MIN   /* "no date" */
#define CAL_MIN_DAY 0        /* 1970-01-01 */
#define CAL_MAX_DAY 2932896  /* 9999-12-31 */
#define CAL_ISO_LEN 10       /* "YYYY-MM-DD" */

/* Weekdays as in ISO 8601: Monday 0 .. Sunday 6. */
enum { CAL_MON, CAL_TUE, CAL_WED, CAL_THU, CAL_FRI, CAL_SAT, CAL_SUN };

bool cal_is_leap(int year);
/* Days in month (1-based month) of year. */
int cal_days_in_month(int year, int month);
/* The day number of year-month-day (month 1-12, day 1-31); no range check beyond arithmetic. */
cal_day cal_from_ymd(int year, int month, int day);
/* Splits a day number into year, month (1-12) and day (1-31). Any pointer may be NULL. */
void cal_to_ymd(cal_day d, int *year, int *month, int *day);
/* ISO weekday of d: CAL_MON (0) .. CAL_SUN (6). */
int cal_weekday(cal_day d);

/*
 * Parses exactly "YYYY-MM-DD" (len bytes, no more) into *out. Returns 0, or -1
 * when the form is wrong, the date does not exist, or it is outside 1970..9999.
 */
int cal_parse_iso(const char *s, size_t len, cal_day *out);
/* Writes "YYYY-MM-DD" and a NUL into buf (at least CAL_ISO_LEN + 1 bytes); returns buf. */
char *cal_format_iso(cal_day d, char *buf);

/*
 * Same month and day k years later (k may be negative); February 29th becomes
 * February 28th when the target year is not a leap year. The result may lie
 * outside the valid range; callers check against CAL_MAX_DAY.
 */
cal_day cal_add_years(cal_day d, int k);

/* Business-day calendar: a weekend mask and a sorted, deduplicated holiday list. */
typedef struct cal_busdays {
    unsigned weekend;  /* bit (1 << CAL_MON..CAL_SUN) set for non-business weekdays; never all 7 */
    cal_day *holidays; /* sorted ascending, unique; owned by whoever built the struct */
    size_t n_holidays;
} cal_busdays;

typedef enum { CAL_ROLL_FORWARD, CAL_ROLL_BACKWARD } cal_roll;

#define CAL_SEARCH_CAP 100000 /* hard cap on days examined by any business-day search */

bool cal_is_busday(const cal_busdays *bd, cal_day d);
/*
 * numpy.busday_offset(d, n, roll): first rolls d to a business day (forward or
 * backward), then moves n business days (n may be negative). Returns 0 and sets
 * *out, or -1 when the search leaves 1970..9999 or exceeds CAL_SEARCH_CAP days.
 */
int cal_busday_offset(const cal_busdays *bd, cal_day d, int n, cal_roll roll, cal_day *out);

#endif
