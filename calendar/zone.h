/*
 * Time zones and locale formatting: the only place that includes ICU headers.
 * UTC offsets come from the system's zoneinfo (/usr/share/zoneinfo, or $TZDIR),
 * which the OS keeps current; ICU's built-in zone rules may be older and only
 * serve when the system lacks a zone. ICU formats dates, times and money for a
 * locale, and knows currencies and their minor-unit digits.
 */
#ifndef COMMITPLAN_ZONE_H
#define COMMITPLAN_ZONE_H

#include <stdbool.h>
#include <stdint.h>

#include "calendar/base.h"
#include "calendar/date.h"

/* Seconds since 1970-01-01T00:00:00Z. */
typedef int64_t cal_instant;

/* The instant at 00:00:00Z of day d. */
cal_instant cal_instant_of_day(cal_day d);

/* Forgets every cached zone and frees the cache (for tests, or after changing $TZDIR). */
void cal_zone_cache_clear(void);

/* True when name is a zone the system's zoneinfo ($TZDIR or /usr/share/zoneinfo) has. */
bool cal_zone_valid(const char *name);

/*
 * The UTC offset in seconds of zone name at instant t, from the system's
 * zoneinfo (ICU only when the system lacks the zone). Returns 0 or -1 for an
 * unknown zone. Results are cached; the environment (TZ) is left as it was.
 */
int cal_zone_offset(const char *name, cal_instant t, int32_t *offset_seconds);

/*
 * The local date-time of t in zone name as "YYYY-MM-DDTHH:MM:SS+HH:MM" (never
 * "Z"; "+00:00" for zero) into buf (CAL_ZONE_ISO_SIZE bytes; 26 suffice except
 * for an offset with seconds, "+HH:MM:SS", as Africa/Monrovia's before 1972),
 * and the local date in *local_day (may be NULL). Returns 0, or -1 for an
 * unknown zone or a local date outside the years 0000..9999.
 */
#define CAL_ZONE_ISO_SIZE 32
int cal_zone_format_iso(const char *name, cal_instant t, char *buf, cal_day *local_day);

/*
 * The minor-unit digits of an ISO 4217 code (ucurr_getDefaultFractionDigits):
 * USD 2, JPY 0, BHD 3. Returns -1 when ICU does not know the code.
 */
int cal_currency_digits(const char *code);

/* Locale-aware formatting for human-readable output; open once, reuse, close. */
typedef struct cal_fmt cal_fmt;

/* Opens formatters for an ICU locale ("en_US", "de_DE") and currency. NULL on failure. Free with cal_fmt_close. */
cal_fmt *cal_fmt_open(const char *locale, const char *currency);
void cal_fmt_close(cal_fmt *f);
/* True when ICU has data for the locale (not just a fallback to root). */
bool cal_locale_valid(const char *locale);
/* A date in the locale's medium style: en_US "Dec 23, 2026", de_DE "23.12.2026". Appends to out. */
void cal_fmt_date(cal_fmt *f, cal_day d, cp_buf *out);
/*
 * A local time of instant t in zone (NULL or "UTC" for UTC) in the locale's
 * medium date and short time, with the offset from the system's zoneinfo,
 * e.g. "Dec 31, 2026, 4:00 PM". Appends to out.
 */
void cal_fmt_datetime(cal_fmt *f, cal_instant t, const char *zone, cp_buf *out);
/*
 * Money given as a plain decimal string ("24767.67", "-3.5") with the currency
 * symbol for the locale: en_US "$24,767.67", de_DE "24.767,67 $". min_frac..max_frac
 * digits after the point. Appends to out.
 */
void cal_fmt_money(cal_fmt *f, const char *decimal, int min_frac, int max_frac, cp_buf *out);
/* A plain decimal string as a grouped number without currency ("74,100.00"). Appends to out. */
void cal_fmt_number(cal_fmt *f, const char *decimal, int min_frac, int max_frac, cp_buf *out);

#endif
