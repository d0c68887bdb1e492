/*
 * Time zones and ICU formatting (see zone.h). UTC offsets are read from the
 * system's TZif files (/usr/share/zoneinfo or $TZDIR): the 64-bit transition
 * table, and the POSIX TZ string of the footer for instants after the last
 * transition. Parsed zones are cached by name for the life of the process.
 * ICU's own zone rules serve only for zones the system lacks. This is the only
 * file that includes ICU headers.
 */
#include "config.h"

#include "calendar/zone.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/ucal.h>
#include <unicode/ucurr.h>
#include <unicode/udat.h>
#include <unicode/uenum.h>
#include <unicode/uloc.h>
#include <unicode/unumberformatter.h>
#include <unicode/ustring.h>

#define ZONE_NAME_MAX 255
#define ZONE_FILE_MAX (4 * 1024 * 1024)
#define ZONE_SECS_PER_DAY 86400
#define ZONE_DEFAULT_DIR "/usr/share/zoneinfo"
/* Offsets are below 100 hours (two digits); instants within about 34,000 years. */
#define ZONE_MAX_OFFSET (100 * 3600 - 1)
#define ZONE_MAX_INSTANT ((int64_t)1 << 40)

/* A date of a POSIX TZ rule: Jn (1-365, no Feb 29), n (0-365), or Mm.w.d. */
typedef struct zone_rule_date {
    char kind;             /* 'J', 'N' or 'M' */
    int n;                 /* J and N */
    int month, week, wday; /* M: month 1-12, week 1-5 (5 = last), weekday 0 = Sunday */
    int32_t time;          /* local seconds after midnight; may be negative or over 24h */
} zone_rule_date;

/* The POSIX TZ string of a TZif footer, offsets east of UTC in seconds. */
typedef struct zone_rule {
    int32_t std_off, dst_off;
    bool has_dst;
    zone_rule_date start, end;
} zone_rule;

typedef enum { ZONE_INVALID, ZONE_SYSTEM } zone_kind;

/* One cached zone: parsed TZif data, or a marker for an invalid name. */
typedef struct zone_entry {
    char *name;
    zone_kind kind;
    int64_t *times; /* transition instants, ascending */
    int32_t *offs;  /* offset in effect from times[i] */
    size_t n_times;
    int32_t first_off; /* before the first transition (time type 0) */
    bool has_footer;
    zone_rule rule;
    bool memo_set; /* the last instant asked about and its offset */
    cal_instant memo_t;
    int32_t memo_off;
} zone_entry;

static zone_entry *zone_cache;
static size_t zone_cache_n, zone_cache_cap;

cal_instant cal_instant_of_day(cal_day d)
{
    return (cal_instant)d * ZONE_SECS_PER_DAY;
}

/* Floor division of a by b > 0. */
static int64_t zone_floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

/* True when name has the shape of a zone name under the zoneinfo directory. */
static bool zone_name_ok(const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || len > ZONE_NAME_MAX || name[0] == '/' || name[len - 1] == '/')
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                     c == '_' || c == '-' || c == '+' || c == '/' || c == '.';
        if (!plain)
            return false;
        /* No empty component and none starting with '.' (so no "." or ".."). */
        if ((i == 0 || name[i - 1] == '/') && (c == '/' || c == '.'))
            return false;
    }
    return true;
}

static uint32_t zone_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static int64_t zone_be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)zone_be32(p) << 32 | zone_be32(p + 4));
}

/* Reads the whole regular file at path (at most ZONE_FILE_MAX bytes). Returns 0 or -1. */
static int zone_read_file(const char *path, unsigned char **data, size_t *len)
{
    int rc = -1;
    unsigned char *buf = NULL;
    size_t used = 0;
    struct stat st;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        goto out;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > ZONE_FILE_MAX)
        goto out;
    buf = xmalloc((size_t)st.st_size + 1);
    while (used < (size_t)st.st_size) {
        ssize_t got = read(fd, buf + used, (size_t)st.st_size - used);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        used += (size_t)got;
    }
    *data = buf;
    *len = used;
    buf = NULL;
    rc = 0;
out:
    free(buf);
    if (fd >= 0)
        close(fd);
    return rc;
}

/* Parses a POSIX TZ name (alphabetic, or quoted in <>); advances *p. */
static bool zone_posix_name(const char **p)
{
    const char *s = *p;
    if (*s == '<') {
        while (*s && *s != '>')
            s++;
        if (*s != '>' || s - *p < 2)
            return false;
        *p = s + 1;
        return true;
    }
    while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
        s++;
    if (s == *p)
        return false;
    *p = s;
    return true;
}

/* Parses an unsigned decimal of at most 3 digits; advances *p. */
static bool zone_posix_num(const char **p, int *v)
{
    int n = 0, digits = 0;
    while (**p >= '0' && **p <= '9' && digits < 3) {
        n = n * 10 + (**p - '0');
        (*p)++;
        digits++;
    }
    *v = n;
    return digits > 0;
}

/* Parses [+-]hh[:mm[:ss]] with hours up to max_hours into seconds; advances *p. */
static bool zone_posix_hms(const char **p, int max_hours, int32_t *secs)
{
    int sign = 1, h, m = 0, s = 0;
    if (**p == '+' || **p == '-')
        sign = *(*p)++ == '-' ? -1 : 1;
    if (!zone_posix_num(p, &h) || h > max_hours)
        return false;
    if (**p == ':') {
        (*p)++;
        if (!zone_posix_num(p, &m) || m > 59)
            return false;
        if (**p == ':') {
            (*p)++;
            if (!zone_posix_num(p, &s) || s > 59)
                return false;
        }
    }
    *secs = sign * (h * 3600 + m * 60 + s);
    return true;
}

/* Parses a rule date with its optional /time (default 02:00); advances *p. */
static bool zone_posix_date(const char **p, zone_rule_date *d)
{
    memset(d, 0, sizeof *d);
    d->time = 2 * 3600;
    if (**p == 'M') {
        (*p)++;
        d->kind = 'M';
        if (!zone_posix_num(p, &d->month) || **p != '.')
            return false;
        (*p)++;
        if (!zone_posix_num(p, &d->week) || **p != '.')
            return false;
        (*p)++;
        if (!zone_posix_num(p, &d->wday))
            return false;
        if (d->month < 1 || d->month > 12 || d->week < 1 || d->week > 5 || d->wday > 6)
            return false;
    } else if (**p == 'J') {
        (*p)++;
        d->kind = 'J';
        if (!zone_posix_num(p, &d->n) || d->n < 1 || d->n > 365)
            return false;
    } else {
        d->kind = 'N';
        if (!zone_posix_num(p, &d->n) || d->n > 365)
            return false;
    }
    if (**p == '/') {
        (*p)++;
        if (!zone_posix_hms(p, 167, &d->time))
            return false;
    }
    return true;
}

/* Parses a POSIX TZ string such as "PST8PDT,M3.2.0,M11.1.0" into *r. Returns 0 or -1. */
static int zone_posix_parse(const char *s, zone_rule *r)
{
    int32_t west;
    memset(r, 0, sizeof *r);
    if (!zone_posix_name(&s) || !zone_posix_hms(&s, 24, &west))
        return -1;
    r->std_off = -west;
    if (*s == '\0')
        return 0;
    if (!zone_posix_name(&s))
        return -1;
    r->has_dst = true;
    r->dst_off = r->std_off + 3600;
    if (*s && *s != ',') {
        if (!zone_posix_hms(&s, 24, &west))
            return -1;
        r->dst_off = -west;
    }
    if (*s == '\0') {
        /* No rule given: POSIX leaves it to the implementation; use the US rule as glibc does. */
        const char *dflt = "M3.2.0,M11.1.0";
        if (!zone_posix_date(&dflt, &r->start) || *dflt++ != ',' ||
            !zone_posix_date(&dflt, &r->end))
            return -1;
        return 0;
    }
    s++;
    if (!zone_posix_date(&s, &r->start) || *s++ != ',' || !zone_posix_date(&s, &r->end))
        return -1;
    return *s == '\0' ? 0 : -1;
}

/* The day number of a rule date in year. */
static int64_t zone_rule_day(const zone_rule_date *d, int year)
{
    cal_day jan1 = cal_from_ymd(year, 1, 1);
    if (d->kind == 'J')
        return (int64_t)jan1 + d->n - 1 + (cal_is_leap(year) && d->n >= 60);
    if (d->kind == 'N')
        return (int64_t)jan1 + d->n;
    cal_day first = cal_from_ymd(year, d->month, 1);
    int first_wday = (cal_weekday(first) + 1) % 7; /* Sunday 0 */
    int64_t day = first + (d->wday - first_wday + 7) % 7 + (int64_t)(d->week - 1) * 7;
    while (day >= first + cal_days_in_month(year, d->month))
        day -= 7;
    return day;
}

/* The offset the POSIX rule r gives at instant t. */
static int32_t zone_rule_offset(const zone_rule *r, cal_instant t)
{
    if (!r->has_dst)
        return r->std_off;
    int year;
    cal_to_ymd((cal_day)zone_floor_div(t + r->std_off, ZONE_SECS_PER_DAY), &year, NULL, NULL);
    /* The start is given in standard time, the end in daylight time. */
    int64_t start = zone_rule_day(&r->start, year) * ZONE_SECS_PER_DAY + r->start.time - r->std_off;
    int64_t end = zone_rule_day(&r->end, year) * ZONE_SECS_PER_DAY + r->end.time - r->dst_off;
    bool dst = start < end ? (t >= start && t < end) : !(t >= end && t < start);
    return dst ? r->dst_off : r->std_off;
}

/* Parses TZif data into the transition table and footer of e. Returns 0 or -1. */
static int zone_tzif_parse(const unsigned char *data, size_t len, zone_entry *e)
{
    if (len < 44 || memcmp(data, "TZif", 4) != 0)
        return -1;
    bool v2 = data[4] >= '2';
    size_t pos = 0, tsize = 4;
    const unsigned char *footer = NULL;
    uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
    for (int pass = 0; pass < (v2 ? 2 : 1); pass++) {
        if (len - pos < 44 || memcmp(data + pos, "TZif", 4) != 0)
            return -1;
        isutcnt = zone_be32(data + pos + 20);
        isstdcnt = zone_be32(data + pos + 24);
        leapcnt = zone_be32(data + pos + 28);
        timecnt = zone_be32(data + pos + 32);
        typecnt = zone_be32(data + pos + 36);
        charcnt = zone_be32(data + pos + 40);
        tsize = pass == 0 ? 4 : 8;
        uint64_t block = (uint64_t)timecnt * (tsize + 1) + (uint64_t)typecnt * 6 + charcnt +
                         (uint64_t)leapcnt * (tsize + 4) + isstdcnt + isutcnt;
        if (typecnt == 0 || block > len - pos - 44)
            return -1;
        if (pass == 0 && v2) {
            pos += 44 + (size_t)block;
            continue;
        }
        pos += 44;
        const unsigned char *times = data + pos;
        const unsigned char *idx = times + (size_t)timecnt * tsize;
        const unsigned char *types = idx + timecnt;
        e->times = xcalloc(timecnt ? timecnt : 1, sizeof *e->times);
        e->offs = xcalloc(timecnt ? timecnt : 1, sizeof *e->offs);
        e->n_times = timecnt;
        for (uint32_t i = 0; i < timecnt; i++) {
            if (idx[i] >= typecnt)
                return -1;
            e->times[i] = tsize == 8 ? zone_be64(times + 8 * (size_t)i)
                                     : (int32_t)zone_be32(times + 4 * (size_t)i);
            e->offs[i] = (int32_t)zone_be32(types + 6 * (size_t)idx[i]);
            if (e->offs[i] < -ZONE_MAX_OFFSET || e->offs[i] > ZONE_MAX_OFFSET)
                return -1;
            if (i > 0 && e->times[i] <= e->times[i - 1])
                return -1;
        }
        e->first_off = (int32_t)zone_be32(types);
        if (e->first_off < -ZONE_MAX_OFFSET || e->first_off > ZONE_MAX_OFFSET)
            return -1;
        pos += (size_t)block;
        footer = v2 ? data + pos : NULL;
    }
    if (footer && footer < data + len && *footer == '\n') {
        const unsigned char *nl = memchr(footer + 1, '\n', (size_t)(data + len - footer - 1));
        if (!nl)
            return -1;
        if (nl > footer + 1) {
            char *tz = xstrndup((const char *)footer + 1, (size_t)(nl - footer - 1));
            int rc = zone_posix_parse(tz, &e->rule);
            free(tz);
            if (rc != 0)
                return -1;
            e->has_footer = true;
        }
    }
    return 0;
}

/* The offset of a parsed system zone at instant t. */
static int32_t zone_tzif_offset(const zone_entry *e, cal_instant t)
{
    if (e->n_times == 0)
        return e->has_footer ? zone_rule_offset(&e->rule, t) : e->first_off;
    if (t < e->times[0])
        return e->first_off;
    if (t >= e->times[e->n_times - 1] && e->has_footer)
        return zone_rule_offset(&e->rule, t);
    size_t lo = 0, hi = e->n_times; /* times[lo] <= t < times[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (e->times[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    return e->offs[lo];
}

/* Copies ASCII s into a NUL-terminated UChar buffer of cap units. Returns its length or -1. */
static int32_t zone_to_uchars(const char *s, UChar *out, int32_t cap)
{
    int32_t n = (int32_t)strlen(s);
    if (n >= cap)
        return -1;
    u_uastrncpy(out, s, n);
    out[n] = 0;
    return n;
}

/* Loads zone name from the system's zoneinfo into the fresh entry e (rules.md §3: a zone is
 * valid when the system's zoneinfo has it; ICU only formats). */
static void zone_load(zone_entry *e)
{
    unsigned char *data = NULL;
    size_t len = 0;
    e->kind = ZONE_INVALID;
    if (!zone_name_ok(e->name))
        return;
    const char *dir = getenv("TZDIR");
    char *path = xasprintf("%s/%s", dir && *dir ? dir : ZONE_DEFAULT_DIR, e->name);
    int rc = zone_read_file(path, &data, &len);
    free(path);
    if (rc == 0 && zone_tzif_parse(data, len, e) == 0) {
        e->kind = ZONE_SYSTEM;
    } else {
        free(e->times);
        free(e->offs);
        e->times = NULL;
        e->offs = NULL;
        e->n_times = 0;
        e->has_footer = false;
    }
    free(data);
}

/* The cache entry of zone name, loading it on first use. */
static zone_entry *zone_lookup(const char *name)
{
    for (size_t i = 0; i < zone_cache_n; i++)
        if (strcmp(zone_cache[i].name, name) == 0)
            return &zone_cache[i];
    if (zone_cache_n == zone_cache_cap) {
        zone_cache_cap = zone_cache_cap ? 2 * zone_cache_cap : 16;
        zone_cache = xrealloc(zone_cache, zone_cache_cap * sizeof *zone_cache);
    }
    zone_entry *e = &zone_cache[zone_cache_n++];
    memset(e, 0, sizeof *e);
    e->name = xstrdup(name);
    zone_load(e);
    return e;
}

void cal_zone_cache_clear(void)
{
    for (size_t i = 0; i < zone_cache_n; i++) {
        free(zone_cache[i].name);
        free(zone_cache[i].times);
        free(zone_cache[i].offs);
    }
    free(zone_cache);
    zone_cache = NULL;
    zone_cache_n = zone_cache_cap = 0;
}

bool cal_zone_valid(const char *name)
{
    return name && zone_lookup(name)->kind != ZONE_INVALID;
}

int cal_zone_offset(const char *name, cal_instant t, int32_t *offset_seconds)
{
    if (!name)
        return -1;
    zone_entry *e = zone_lookup(name);
    if (e->kind == ZONE_INVALID)
        return -1;
    /* Far beyond any date the planner handles; keeps the arithmetic below from overflowing. */
    if (t < -ZONE_MAX_INSTANT)
        t = -ZONE_MAX_INSTANT;
    if (t > ZONE_MAX_INSTANT)
        t = ZONE_MAX_INSTANT;
    if (e->memo_set && e->memo_t == t) {
        *offset_seconds = e->memo_off;
        return 0;
    }
    int32_t off = zone_tzif_offset(e, t);
    e->memo_set = true;
    e->memo_t = t;
    e->memo_off = off;
    *offset_seconds = off;
    return 0;
}

int cal_zone_format_iso(const char *name, cal_instant t, char *buf, cal_day *local_day)
{
    int32_t off;
    if (t < -ZONE_MAX_INSTANT || t > ZONE_MAX_INSTANT || cal_zone_offset(name, t, &off) != 0)
        return -1;
    int64_t local = t + off;
    int64_t day = zone_floor_div(local, ZONE_SECS_PER_DAY);
    if (day < CAL_MIN_DAY - 1 || day > CAL_MAX_DAY)
        return -1;
    int64_t secs = local - day * ZONE_SECS_PER_DAY;
    int year, month, mday;
    cal_to_ymd((cal_day)day, &year, &month, &mday);
    if (year < 0 || year > 9999)
        return -1;
    int32_t abs_off = off < 0 ? -off : off;
    char sign = off < 0 ? '-' : '+';
    int n = 0;
    cal_format_iso((cal_day)day, buf);
    n = CAL_ISO_LEN;
    buf[n++] = 'T';
    int parts[3] = {(int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60)};
    int oparts[3] = {abs_off / 3600, abs_off / 60 % 60, abs_off % 60};
    for (int i = 0; i < 3; i++) {
        if (i > 0)
            buf[n++] = ':';
        buf[n++] = (char)('0' + parts[i] / 10);
        buf[n++] = (char)('0' + parts[i] % 10);
    }
    buf[n++] = sign;
    for (int i = 0; i < (oparts[2] ? 3 : 2); i++) {
        if (i > 0)
            buf[n++] = ':';
        buf[n++] = (char)('0' + oparts[i] / 10 % 10);
        buf[n++] = (char)('0' + oparts[i] % 10);
    }
    buf[n] = '\0';
    if (local_day)
        *local_day = (cal_day)day;
    return 0;
}

/* The ISO 4217 codes ICU knows as common and not deprecated, filled once. */
#define ZONE_MAX_CURRENCIES 512
static char zone_currencies[ZONE_MAX_CURRENCIES][4];
static size_t zone_n_currencies;
static bool zone_currencies_loaded;

/* Fills zone_currencies from ICU on first use. */
static void zone_load_currencies(void)
{
    UErrorCode status = U_ZERO_ERROR;
    UEnumeration *codes = NULL;
    if (zone_currencies_loaded)
        return;
    zone_currencies_loaded = true;
    codes = ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &status);
    if (U_FAILURE(status))
        goto out;
    for (;;) {
        int32_t len = 0;
        const char *code = uenum_next(codes, &len, &status);
        if (U_FAILURE(status) || !code)
            break;
        if (len == 3 && zone_n_currencies < ZONE_MAX_CURRENCIES)
            memcpy(zone_currencies[zone_n_currencies++], code, 4);
    }
out:
    if (codes)
        uenum_close(codes);
}

int cal_currency_digits(const char *code)
{
    if (!code || strlen(code) != 3)
        return -1;
    for (int i = 0; i < 3; i++)
        if (code[i] < 'A' || code[i] > 'Z')
            return -1;
    zone_load_currencies();
    bool known = false;
    for (size_t i = 0; i < zone_n_currencies && !known; i++)
        known = memcmp(zone_currencies[i], code, 4) == 0;
    if (!known)
        return -1;
    UChar ucode[4];
    UErrorCode status = U_ZERO_ERROR;
    zone_to_uchars(code, ucode, 4);
    int32_t digits = ucurr_getDefaultFractionDigits(ucode, &status);
    return U_FAILURE(status) ? -1 : digits;
}

bool cal_locale_valid(const char *locale)
{
    char canonical[ULOC_FULLNAME_CAPACITY], lang[ULOC_LANG_CAPACITY];
    char country[ULOC_COUNTRY_CAPACITY];
    UErrorCode status = U_ZERO_ERROR;
    if (!locale || !*locale || strlen(locale) >= ULOC_FULLNAME_CAPACITY)
        return false;
    for (const char *p = locale; *p; p++) {
        char c = *p;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return false;
    }
    uloc_canonicalize(locale, canonical, (int32_t)sizeof canonical, &status);
    uloc_getLanguage(canonical, lang, (int32_t)sizeof lang, &status);
    uloc_getCountry(canonical, country, (int32_t)sizeof country, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING || !*lang)
        return false;
    /* The locale itself has data, or its language does and the country is a real one. */
    bool lang_known = false;
    int32_t n = uloc_countAvailable();
    for (int32_t i = 0; i < n; i++) {
        const char *avail = uloc_getAvailable(i);
        if (strcmp(avail, canonical) == 0)
            return true;
        if (strcmp(avail, lang) == 0)
            lang_known = true;
    }
    if (!lang_known)
        return false;
    if (!*country)
        return true;
    for (const char *const *c = uloc_getISOCountries(); *c; c++)
        if (strcmp(*c, country) == 0)
            return true;
    return false;
}

/* Number formatters for one min..max fraction-digit pair. */
typedef struct zone_numfmt {
    int min_frac, max_frac;
    UNumberFormatter *money, *number; /* opened on first use */
} zone_numfmt;

#define ZONE_NUMFMTS 8

struct cal_fmt {
    char locale[ULOC_FULLNAME_CAPACITY];
    char currency[4];      /* "" when none */
    UDateFormat *date;     /* medium date, UTC */
    UDateFormat *datetime; /* medium date and short time, UTC */
    UFormattedNumber *result;
    zone_numfmt nf[ZONE_NUMFMTS];
    size_t n_nf;
};

static const UChar zone_utc[] = {'U', 'T', 'C', 0};

cal_fmt *cal_fmt_open(const char *locale, const char *currency)
{
    UErrorCode status = U_ZERO_ERROR;
    cal_fmt *f = NULL;
    if (!cal_locale_valid(locale) || (currency && cal_currency_digits(currency) < 0))
        goto fail;
    f = xcalloc(1, sizeof *f);
    uloc_canonicalize(locale, f->locale, (int32_t)sizeof f->locale, &status);
    if (currency)
        memcpy(f->currency, currency, 4);
    f->date = udat_open(UDAT_NONE, UDAT_MEDIUM, f->locale, zone_utc, -1, NULL, -1, &status);
    if (U_FAILURE(status))
        goto fail;
    f->datetime = udat_open(UDAT_SHORT, UDAT_MEDIUM, f->locale, zone_utc, -1, NULL, -1, &status);
    if (U_FAILURE(status))
        goto fail;
    f->result = unumf_openResult(&status);
    if (U_FAILURE(status))
        goto fail;
    return f;
fail: /* the only cleanup: everything opened so far belongs to f */
    cal_fmt_close(f);
    return NULL;
}

void cal_fmt_close(cal_fmt *f)
{
    if (!f)
        return;
    if (f->date)
        udat_close(f->date);
    if (f->datetime)
        udat_close(f->datetime);
    if (f->result)
        unumf_closeResult(f->result);
    for (size_t i = 0; i < f->n_nf; i++) {
        if (f->nf[i].money)
            unumf_close(f->nf[i].money);
        if (f->nf[i].number)
            unumf_close(f->nf[i].number);
    }
    free(f);
}

/* Appends len UTF-16 units of s to out as UTF-8. */
static void zone_put_uchars(cp_buf *out, const UChar *s, int32_t len)
{
    UErrorCode status = U_ZERO_ERROR;
    int32_t need = 0;
    u_strToUTF8(NULL, 0, &need, s, len, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
        return;
    char *utf8 = xmalloc((size_t)need + 1);
    status = U_ZERO_ERROR;
    u_strToUTF8(utf8, need + 1, NULL, s, len, &status);
    if (U_SUCCESS(status))
        cp_buf_put(out, utf8, (size_t)need);
    free(utf8);
}

/* Appends date (milliseconds since the epoch, UTC) formatted with fmt. Returns 0 or -1. */
static int zone_put_udate(UDateFormat *fmt, UDate date, cp_buf *out)
{
    UChar small[128];
    UChar *text = small;
    UErrorCode status = U_ZERO_ERROR;
    int rc = -1;
    int32_t len =
        udat_format(fmt, date, small, (int32_t)(sizeof small / sizeof *small), NULL, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        status = U_ZERO_ERROR;
        text = xmalloc(((size_t)len + 1) * sizeof *text);
        len = udat_format(fmt, date, text, len + 1, NULL, &status);
    }
    if (U_FAILURE(status))
        goto out;
    zone_put_uchars(out, text, len);
    rc = 0;
out:
    if (text != small)
        free(text);
    return rc;
}

void cal_fmt_date(cal_fmt *f, cal_day d, cp_buf *out)
{
    if (zone_put_udate(f->date, (UDate)cal_instant_of_day(d) * 1000.0, out) != 0) {
        char iso[CAL_ISO_LEN + 1];
        cp_buf_puts(out, cal_format_iso(d, iso));
    }
}

void cal_fmt_datetime(cal_fmt *f, cal_instant t, const char *zone, cp_buf *out)
{
    int32_t off = 0;
    if (zone && strcmp(zone, "UTC") != 0 && cal_zone_offset(zone, t, &off) != 0)
        off = 0;
    if (t < -ZONE_MAX_INSTANT)
        t = -ZONE_MAX_INSTANT;
    if (t > ZONE_MAX_INSTANT)
        t = ZONE_MAX_INSTANT;
    /* The local wall time, formatted as if in UTC: ICU's zone rules never apply. */
    UDate local_ms = (UDate)(t + off) * 1000.0;
    if (zone_put_udate(f->datetime, local_ms, out) != 0)
        cp_buf_printf(out, "%lld", (long long)t);
}

/* The formatter for min..max fraction digits, with currency or without; NULL on failure. */
static UNumberFormatter *zone_numfmt_get(cal_fmt *f, bool money, int min_frac, int max_frac)
{
    zone_numfmt *nf = NULL;
    for (size_t i = 0; i < f->n_nf && !nf; i++)
        if (f->nf[i].min_frac == min_frac && f->nf[i].max_frac == max_frac)
            nf = &f->nf[i];
    if (!nf) {
        if (f->n_nf == ZONE_NUMFMTS) {
            /* Rarely more pairs than slots: recycle the last one. */
            nf = &f->nf[ZONE_NUMFMTS - 1];
            if (nf->money)
                unumf_close(nf->money);
            if (nf->number)
                unumf_close(nf->number);
        } else {
            nf = &f->nf[f->n_nf++];
        }
        memset(nf, 0, sizeof *nf);
        nf->min_frac = min_frac;
        nf->max_frac = max_frac;
    }
    UNumberFormatter **slot = money ? &nf->money : &nf->number;
    if (*slot)
        return *slot;
    cp_buf skel = {0};
    if (money)
        cp_buf_printf(&skel, "currency/%s ", f->currency);
    if (max_frac == 0) {
        cp_buf_puts(&skel, "precision-integer");
    } else {
        cp_buf_putc(&skel, '.');
        for (int i = 0; i < max_frac; i++)
            cp_buf_putc(&skel, i < min_frac ? '0' : '#');
    }
    UChar uskel[64];
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = zone_to_uchars(cp_buf_str(&skel), uskel, 64);
    cp_buf_free(&skel);
    if (n < 0)
        return NULL;
    UNumberFormatter *fmt = unumf_openForSkeletonAndLocale(uskel, n, f->locale, &status);
    if (U_FAILURE(status)) {
        if (fmt)
            unumf_close(fmt);
        return NULL;
    }
    *slot = fmt;
    return fmt;
}

/* Appends decimal formatted by the money or number formatter; falls back to the plain string. */
static void zone_put_number(cal_fmt *f, bool money, const char *decimal, int min_frac, int max_frac,
                            cp_buf *out)
{
    UChar small[128];
    UChar *text = small;
    UErrorCode status = U_ZERO_ERROR;
    if (min_frac < 0)
        min_frac = 0;
    if (max_frac > 20)
        max_frac = 20;
    if (min_frac > max_frac)
        max_frac = min_frac > 20 ? 20 : min_frac;
    if (min_frac > max_frac)
        min_frac = max_frac;
    bool done = false;
    UNumberFormatter *fmt = zone_numfmt_get(f, money && f->currency[0], min_frac, max_frac);
    if (!fmt)
        goto out;
    unumf_formatDecimal(fmt, decimal, -1, f->result, &status);
    if (U_FAILURE(status))
        goto out;
    int32_t len =
        unumf_resultToString(f->result, small, (int32_t)(sizeof small / sizeof *small), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        status = U_ZERO_ERROR;
        text = xmalloc(((size_t)len + 1) * sizeof *text);
        len = unumf_resultToString(f->result, text, len + 1, &status);
    }
    if (U_FAILURE(status))
        goto out;
    zone_put_uchars(out, text, len);
    done = true;
out:
    if (!done)
        cp_buf_puts(out, decimal);
    if (text != small)
        free(text);
}

void cal_fmt_money(cal_fmt *f, const char *decimal, int min_frac, int max_frac, cp_buf *out)
{
    zone_put_number(f, true, decimal, min_frac, max_frac, out);
}

void cal_fmt_number(cal_fmt *f, const char *decimal, int min_frac, int max_frac, cp_buf *out)
{
    zone_put_number(f, false, decimal, min_frac, max_frac, out);
}
