/*
 * Usage and utilization (rules.md §7): the exact decimal and rational
 * arithmetic, the formulas, and the reading of a records folder. The folder
 * is listed with opendir/readdir and sorted, so the result never depends on
 * the order the file system returns.
 */
#include "config.h"

#include "planner/usage.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "planner/jsonread.h"

typedef unsigned __int128 usage_u128;

#define USAGE_U128_MAX (~(usage_u128)0)
#define USAGE_MAX_MANTISSA_DIGITS 36 /* a parsed quantity stays below 10^36 */

static usage_u128 usage_pow10(int n)
{
    usage_u128 p = 1;
    for (int i = 0; i < n; i++)
        p *= 10;
    return p;
}

/* Decimal digits of v (1 for zero) into buf, NUL-terminated; returns the length. */
static size_t usage_u128_digits(usage_u128 v, char *buf)
{
    char tmp[48];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return n;
}

int usage_dec_parse(const char *s, usage_dec *out, const char **why)
{
    bool negative = false;
    char digits[64];
    size_t nd = 0, sig = 0;
    long frac = 0, exp = 0;
    if (*s == '-') {
        negative = true;
        s++;
    }
    if (*s < '0' || *s > '9')
        goto bad;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (nd == 0 && *s == '0')
            continue; /* leading zeros */
        if (nd >= sizeof digits)
            goto too_many;
        digits[nd++] = *s;
    }
    if (*s == '.') {
        s++;
        if (*s < '0' || *s > '9')
            goto bad;
        for (; *s >= '0' && *s <= '9'; s++) {
            frac++;
            if (frac > 100000)
                goto bad;
            if (nd == 0 && *s == '0')
                continue;
            if (nd >= sizeof digits)
                goto too_many;
            digits[nd++] = *s;
        }
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        bool eneg = false;
        if (*s == '+' || *s == '-')
            eneg = *s++ == '-';
        if (*s < '0' || *s > '9')
            goto bad;
        for (; *s >= '0' && *s <= '9'; s++)
            if (exp < 1000000)
                exp = exp * 10 + (*s - '0');
        if (eneg)
            exp = -exp;
    }
    if (*s)
        goto bad;
    /* value = digits x 10^(exp - frac); drop trailing zeros into the exponent */
    long k = exp - frac;
    while (nd > 0 && digits[nd - 1] == '0') {
        nd--;
        k++;
    }
    if (nd == 0) {
        out->m = 0;
        out->scale = 0;
        return 0;
    }
    if (negative) {
        *why = "a quantity must not be negative";
        return -1;
    }
    sig = nd;
    if (sig > USAGE_MAX_DIGITS)
        goto too_many;
    if (k < -USAGE_MAX_SCALE) {
        *why = "more than 18 decimal places: it cannot be summed exactly";
        return -1;
    }
    if (k > 0 && (long)nd + k > USAGE_MAX_MANTISSA_DIGITS) {
        *why = "too large: quantities must be below 10^36";
        return -1;
    }
    usage_u128 m = 0;
    for (size_t i = 0; i < nd; i++)
        m = m * 10 + (usage_u128)(digits[i] - '0');
    if (k > 0) {
        m *= usage_pow10((int)k);
        k = 0;
    }
    out->m = m;
    out->scale = (int)-k;
    return 0;
too_many:
    *why = "more than 18 significant digits: it cannot be summed exactly";
    return -1;
bad:
    *why = "not a number";
    return -1;
}

static usage_ratio usage_ratio_of_dec(usage_dec v);
static int usage_ratio_cmp(usage_ratio a, usage_ratio b);

bool usage_dec_is_zero(usage_dec v)
{
    return v.m == 0;
}

/* v.m scaled up to `scale` decimals (scale >= v.scale); -1 on overflow. */
static int usage_dec_rescale(usage_dec v, int scale, usage_u128 *out)
{
    return __builtin_mul_overflow(v.m, usage_pow10(scale - v.scale), out) ? -1 : 0;
}

int usage_dec_add(usage_dec *a, usage_dec b)
{
    int scale = a->scale > b.scale ? a->scale : b.scale;
    usage_u128 x, y, sum;
    if (usage_dec_rescale(*a, scale, &x) || usage_dec_rescale(b, scale, &y) ||
        __builtin_add_overflow(x, y, &sum))
        return -1;
    a->m = sum;
    a->scale = scale;
    return 0;
}

int usage_dec_cmp(usage_dec a, usage_dec b)
{
    return usage_ratio_cmp(usage_ratio_of_dec(a), usage_ratio_of_dec(b));
}

char *usage_dec_format(usage_dec v, char *buf)
{
    usage_u128 m = v.m;
    int scale = v.scale;
    while (scale > 0 && m % 10 == 0) {
        m /= 10;
        scale--;
    }
    char d[48];
    size_t n = usage_u128_digits(m, d);
    char *p = buf;
    if ((int)n <= scale) {
        *p++ = '0';
        *p++ = '.';
        for (int i = 0; i < scale - (int)n; i++)
            *p++ = '0';
        memcpy(p, d, n);
        p += n;
    } else {
        size_t ip = n - (size_t)scale;
        memcpy(p, d, ip);
        p += ip;
        if (scale > 0) {
            *p++ = '.';
            memcpy(p, d + ip, (size_t)scale);
            p += scale;
        }
    }
    *p = '\0';
    return buf;
}

static usage_u128 usage_gcd(usage_u128 a, usage_u128 b)
{
    while (b) {
        usage_u128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static usage_ratio usage_ratio_make(usage_u128 num, usage_u128 den)
{
    usage_ratio r = {num, den};
    if (num == 0) {
        r.den = 1;
        return r;
    }
    usage_u128 g = usage_gcd(num, den);
    r.num /= g;
    r.den /= g;
    return r;
}

static usage_ratio usage_ratio_of_dec(usage_dec v)
{
    return usage_ratio_make(v.m, usage_pow10(v.scale));
}

/* *out = a x b in lowest terms; -1 on overflow. */
static int usage_ratio_mul(usage_ratio a, usage_ratio b, usage_ratio *out)
{
    if (a.num == 0 || b.num == 0) {
        *out = usage_ratio_make(0, 1);
        return 0;
    }
    usage_u128 g1 = usage_gcd(a.num, b.den), g2 = usage_gcd(b.num, a.den);
    usage_u128 num, den;
    if (__builtin_mul_overflow(a.num / g1, b.num / g2, &num) ||
        __builtin_mul_overflow(a.den / g2, b.den / g1, &den))
        return -1;
    out->num = num;
    out->den = den;
    return 0;
}

static usage_ratio usage_ratio_inverse(usage_ratio a)
{
    usage_ratio r = {a.den, a.num};
    return r;
}

/* Compares a with b (-1, 0, 1) exactly and without overflow, by continued fractions. */
static int usage_ratio_cmp(usage_ratio a, usage_ratio b)
{
    int sign = 1;
    for (int guard = 0; guard < 400; guard++) {
        usage_u128 qa = a.num / a.den, qb = b.num / b.den;
        if (qa != qb)
            return qa < qb ? -sign : sign;
        usage_u128 ra = a.num % a.den, rb = b.num % b.den;
        if (ra == 0 || rb == 0)
            return ra == rb ? 0 : ra == 0 ? -sign : sign;
        usage_ratio na = {a.den, ra}, nb = {b.den, rb};
        a = na;
        b = nb;
        sign = -sign;
    }
    return 0; /* unreachable: Euclid ends within ~190 steps for 128-bit values */
}

static usage_u128 usage_ratio_ceil(usage_ratio a)
{
    return a.num / a.den + (a.num % a.den != 0);
}

/* round_half_up(a x 10^digits) as an integer; -1 on overflow. */
static int usage_ratio_round(usage_ratio a, int digits, usage_u128 *out)
{
    usage_u128 q = a.num / a.den, r = a.num % a.den;
    if (a.den > USAGE_U128_MAX / 10)
        return -1;
    for (int i = 0; i < digits; i++) {
        r *= 10;
        if (__builtin_mul_overflow(q, (usage_u128)10, &q) ||
            __builtin_add_overflow(q, r / a.den, &q))
            return -1;
        r %= a.den;
    }
    if (r >= a.den - r && __builtin_add_overflow(q, (usage_u128)1, &q))
        return -1;
    *out = q;
    return 0;
}

int usage_ratio_format(usage_ratio v, int digits, char *buf)
{
    usage_dec d = {0, digits};
    if (usage_ratio_round(v, digits, &d.m) != 0)
        return -1;
    usage_dec_format(d, buf);
    return 0;
}

int usage_dec_share(usage_dec part, usage_dec whole, int steps)
{
    if (whole.m == 0 || steps <= 0)
        return 0;
    /* part / whole with both at a common scale */
    int scale = part.scale > whole.scale ? part.scale : whole.scale;
    usage_u128 pm, wm;
    usage_ratio s;
    if (usage_dec_rescale(part, scale, &pm) || usage_dec_rescale(whole, scale, &wm))
        return 0;
    if (usage_ratio_mul(usage_ratio_make(pm, wm), usage_ratio_make((usage_u128)steps, 1), &s) != 0)
        return steps;
    usage_u128 n = s.num / s.den;
    return n > (usage_u128)steps ? steps : (int)n;
}

int usage_compute(usage_dec quota, int64_t units, usage_dec used, cal_day term_start,
                  cal_day last_day, cal_day latest_month_end, cal_day as_of,
                  int headroom_percent, usage_figures *out, const char **why)
{
    memset(out, 0, sizeof *out);
    out->exhaustion_date = CAL_NONE;
    out->used = used;
    out->term_days = (int)(last_day - term_start + 1);
    out->licensed.scale = quota.scale;
    if (units < 1 || quota.m == 0 ||
        __builtin_mul_overflow(quota.m, (usage_u128)units, &out->licensed.m))
        goto too_large;

    if (latest_month_end != CAL_NONE) {
        cal_day end = latest_month_end;
        if (as_of < end)
            end = as_of;
        if (last_day < end)
            end = last_day;
        out->covered_days = end >= term_start ? (int)(end - term_start + 1) : 0;
    }

    usage_ratio r_used = usage_ratio_of_dec(used), r_lic = usage_ratio_of_dec(out->licensed);
    usage_ratio r_quota = usage_ratio_of_dec(quota);
    if (out->covered_days == 0) {
        out->projected = r_used;
    } else if (usage_ratio_mul(r_used,
                               usage_ratio_make((usage_u128)out->term_days,
                                                (usage_u128)out->covered_days),
                               &out->projected) != 0) {
        goto too_large;
    }
    if (usage_ratio_mul(r_used, usage_ratio_inverse(r_lic), &out->utilization) != 0)
        goto too_large;
    if (usage_ratio_format(out->projected, 2, out->projected_text) != 0 ||
        usage_ratio_format(out->utilization, 4, out->utilization_text) != 0)
        goto too_large;

    if (used.m > 0 && out->covered_days > 0) {
        usage_ratio x;
        if (usage_ratio_mul(r_lic, usage_ratio_make((usage_u128)out->covered_days, 1), &x) != 0 ||
            usage_ratio_mul(x, usage_ratio_inverse(r_used), &x) != 0)
            goto too_large;
        if (usage_ratio_cmp(x, usage_ratio_make((usage_u128)out->term_days, 1)) <= 0)
            out->exhaustion_date = term_start + (cal_day)usage_ratio_ceil(x) - 1;
    }

    usage_ratio y;
    if (usage_ratio_mul(out->projected,
                        usage_ratio_make((usage_u128)(100 + headroom_percent), 100), &y) != 0 ||
        usage_ratio_mul(y, usage_ratio_inverse(r_quota), &y) != 0)
        goto too_large;
    usage_u128 n = usage_ratio_ceil(y);
    if (n > (usage_u128)INT64_MAX)
        goto too_large;
    out->recommended_units = n < 1 ? 1 : (int64_t)n;
    return 0;
too_large:
    *why = "the usage figures are too large to compute exactly";
    return -1;
}

usage_fit usage_check_units(const usage_plan *u, int64_t units)
{
    usage_ratio buy, twice;
    if (units < 0)
        units = 0;
    if (usage_ratio_mul(usage_ratio_of_dec(u->quota), usage_ratio_make((usage_u128)units, 1),
                        &buy) != 0)
        return USAGE_FIT_ABOVE;
    if (usage_ratio_cmp(buy, u->fig.projected) < 0)
        return USAGE_FIT_BELOW;
    if (usage_ratio_mul(u->fig.projected, usage_ratio_make(2, 1), &twice) != 0)
        return USAGE_FIT_OK;
    return usage_ratio_cmp(buy, twice) > 0 ? USAGE_FIT_ABOVE : USAGE_FIT_OK;
}

/* ---- reading the records folder ---- */

/* A container id and its index into inv_inventory.containers. */
typedef struct usage_id {
    const char *id;
    size_t index;
} usage_id;

typedef struct usage_reader {
    const inv_inventory *inv;
    cal_day as_of;
    cp_errors *errs;
    usage_report *rep;
    long *plan_slot;       /* per inventory plan: index into rep->plans, or -1 */
    usage_id *by_id;       /* the containers sorted by id */
    size_t cap_skipped;
    bool failed;
} usage_reader;

static int usage_cmp_container(const void *a, const void *b)
{
    const usage_id *x = a, *y = b;
    return cp_strcmp(x->id, y->id);
}

static long usage_find_container(const usage_reader *R, const char *id)
{
    size_t lo = 0, hi = R->inv->n_containers;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cp_strcmp(R->by_id[mid].id, id);
        if (c == 0)
            return (long)R->by_id[mid].index;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static void usage_skip_add(usage_reader *R, const char *file, const char *meter,
                           const char *fmt, ...) CP_PRINTF(4, 5);
static void usage_skip_add(usage_reader *R, const char *file, const char *meter,
                           const char *fmt, ...)
{
    usage_report *rep = R->rep;
    if (rep->n_skipped == R->cap_skipped) {
        R->cap_skipped = R->cap_skipped ? 2 * R->cap_skipped : 16;
        rep->skipped = xrealloc(rep->skipped, R->cap_skipped * sizeof *rep->skipped);
    }
    cp_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    cp_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    usage_skip *s = &rep->skipped[rep->n_skipped++];
    s->file = xstrdup(file);
    s->meter = xstrdup(meter);
    s->reason = cp_buf_steal(&b);
}

static int usage_cmp_skip(const void *a, const void *b)
{
    const usage_skip *x = a, *y = b;
    int c = cp_strcmp(x->file, y->file);
    if (c)
        return c;
    if (!x->meter || !y->meter)
        c = (x->meter != NULL) - (y->meter != NULL);
    else
        c = cp_strcmp(x->meter, y->meter);
    return c ? c : cp_strcmp(x->reason, y->reason); /* qsort is not stable: a total order */
}

/* The sorted entry names of a folder (without "." and ".."); -1 with errno on failure. */
static int usage_list(const char *path, char ***names, size_t *n)
{
    DIR *d = opendir(path);
    size_t cap = 0;
    *names = NULL;
    *n = 0;
    if (!d)
        return -1;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            *names = xrealloc(*names, cap * sizeof **names);
        }
        (*names)[(*n)++] = xstrdup(e->d_name);
    }
    int err = errno;
    closedir(d);
    if (err) {
        for (size_t i = 0; i < *n; i++)
            free((*names)[i]);
        free(*names);
        *names = NULL;
        *n = 0;
        errno = err;
        return -1;
    }
    return 0;
}

static int usage_cmp_name(const void *a, const void *b)
{
    return cp_strcmp(*(char *const *)a, *(char *const *)b);
}

static void usage_names_free(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* "YYYY-MM.json" with a year 1970-9999 and a month 01-12: sets year and month. */
static bool usage_month_name(const char *name, int *year, int *month)
{
    if (strlen(name) != 12 || strcmp(name + 7, ".json") != 0 || name[4] != '-')
        return false;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (name[i] < '0' || name[i] > '9'))
            return false;
    *year = (name[0] - '0') * 1000 + (name[1] - '0') * 100 + (name[2] - '0') * 10 + (name[3] - '0');
    *month = (name[5] - '0') * 10 + (name[6] - '0');
    return *year >= 1970 && *year <= 9999 && *month >= 1 && *month <= 12;
}

/* Reads a whole file into a new buffer (free with free()); -1 with errno on failure. */
static int usage_slurp(const char *path, char **data, size_t *len)
{
    int status = -1;
    FILE *f = fopen(path, "rb");
    cp_buf b = {0};
    *data = NULL;
    *len = 0;
    if (!f)
        goto out;
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        cp_buf_put(&b, chunk, got);
    if (ferror(f)) {
        errno = EIO;
        goto out;
    }
    *len = b.len;
    *data = cp_buf_steal(&b);
    status = 0;
out:
    if (f)
        fclose(f);
    cp_buf_free(&b);
    return status;
}

/* One parsed meter of a report. */
typedef struct usage_meter {
    const char *name; /* points into the parsed document */
    usage_dec value;  /* billedUnit where present, else quantity */
} usage_meter;

/*
 * Checks a number member: returns true and sets *v when it is a number >= 0
 * that can be held exactly; otherwise reports the error.
 */
static bool usage_number(usage_reader *R, const jr_doc *doc, const jr_value *n, const char *path,
                         usage_dec *v)
{
    const char *why = NULL;
    if (n->type != JR_NUMBER) {
        jr_error(doc, R->errs, n, false, path, NULL, "expected a number of at least 0, found %s",
                 jr_type_name(n));
        return false;
    }
    if (usage_dec_parse(n->str, v, &why) != 0) {
        jr_error(doc, R->errs, n, false, path, NULL, "%s: %s", n->str, why);
        return false;
    }
    return true;
}

/*
 * Validates a report document (rules.md §7; unknown keys are tolerated) and
 * returns its meters (free with free()), or NULL after reporting its errors.
 */
static usage_meter *usage_validate(usage_reader *R, const jr_doc *doc, size_t *n_meters)
{
    const jr_value *root = jr_root(doc);
    usage_meter *meters = NULL;
    bool ok = true;
    cp_path path;
    cp_path_init(&path);
    *n_meters = 0;
    if (root->type != JR_OBJECT) {
        jr_error(doc, R->errs, root, false, "", NULL,
                 "a usage report must be an object with \"meters\", found %s", jr_type_name(root));
        ok = false;
        goto out;
    }
    static const char *const text_keys[] = {"apiType", "serviceName"};
    for (size_t k = 0; k < 2; k++) {
        const jr_value *t = jr_get(root, text_keys[k]);
        if (t && t->type != JR_STRING) {
            jr_error(doc, R->errs, t, false, text_keys[k], NULL, "expected a string, found %s",
                     jr_type_name(t));
            ok = false;
        }
    }
    const jr_value *ms = jr_get(root, "meters");
    if (!ms) {
        jr_error(doc, R->errs, root, false, "meters", NULL, "missing required key \"meters\"");
        ok = false;
        goto out;
    }
    if (ms->type != JR_ARRAY) {
        jr_error(doc, R->errs, ms, false, "meters", NULL, "expected an array of meters, found %s",
                 jr_type_name(ms));
        ok = false;
        goto out;
    }
    meters = xcalloc(ms->len ? ms->len : 1, sizeof *meters);
    cp_path_key(&path, "meters");
    size_t i = 0;
    for (const jr_value *m = ms->child; m; m = m->next, i++) {
        cp_path_index(&path, i);
        if (m->type != JR_OBJECT) {
            jr_error(doc, R->errs, m, false, cp_path_str(&path), NULL,
                     "expected a meter object, found %s", jr_type_name(m));
            ok = false;
            cp_path_pop(&path);
            continue;
        }
        const jr_value *name = jr_get(m, "name"), *qty = jr_get(m, "quantity"),
                       *billed = jr_get(m, "billedUnit");
        static const char *const req[] = {"name", "quantity"};
        const jr_value *reqv[] = {name, qty};
        for (size_t k = 0; k < 2; k++) {
            if (!reqv[k]) {
                cp_path_key(&path, req[k]);
                jr_error(doc, R->errs, m, false, cp_path_str(&path), NULL,
                         "missing required key \"%s\"", req[k]);
                cp_path_pop(&path);
                ok = false;
            }
        }
        if (name && name->type != JR_STRING) {
            cp_path_key(&path, "name");
            jr_error(doc, R->errs, name, false, cp_path_str(&path), NULL,
                     "expected a string, found %s", jr_type_name(name));
            cp_path_pop(&path);
            ok = false;
        }
        usage_dec q = {0, 0}, bu = {0, 0};
        if (qty) {
            cp_path_key(&path, "quantity");
            ok &= usage_number(R, doc, qty, cp_path_str(&path), &q);
            cp_path_pop(&path);
        }
        bool has_billed = billed && billed->type != JR_NULL;
        if (has_billed) {
            cp_path_key(&path, "billedUnit");
            ok &= usage_number(R, doc, billed, cp_path_str(&path), &bu);
            cp_path_pop(&path);
        }
        if (ok) {
            meters[*n_meters].name = name->str;
            meters[*n_meters].value = has_billed ? bu : q;
            (*n_meters)++;
        }
        cp_path_pop(&path);
    }
out:
    cp_path_free(&path);
    if (!ok) {
        free(meters);
        *n_meters = 0;
        return NULL;
    }
    if (!meters)
        meters = xcalloc(1, sizeof *meters);
    return meters;
}

static bool usage_meter_counts(const inv_quota *q, const char *name)
{
    for (size_t i = 0; i < q->n_meters; i++)
        if (strcmp(q->meters[i], name) == 0)
            return true;
    return false;
}

/* Reads, validates and (when it belongs to a measured term) counts one report file. */
static void usage_file(usage_reader *R, const char *fs_path, const char *shown, long container,
                       const char *folder, int year, int month)
{
    char *data = NULL;
    size_t len = 0, n_meters = 0;
    jr_doc *doc = NULL;
    usage_meter *meters = NULL;
    char day1[CAL_ISO_LEN + 1], day2[CAL_ISO_LEN + 1];

    if (usage_slurp(fs_path, &data, &len) != 0) {
        cp_errors_add(R->errs, shown, 0, 0, 0, NULL, NULL, "cannot read the usage report: %s",
                      strerror(errno));
        R->failed = true;
        goto out;
    }
    if (jr_parse(shown, data, len, &doc, R->errs) != 0) {
        R->failed = true;
        goto out;
    }
    meters = usage_validate(R, doc, &n_meters);
    if (!meters) {
        R->failed = true;
        goto out;
    }
    if (container < 0) {
        usage_skip_add(R, shown, NULL, "no container %s", folder);
        goto out;
    }
    const inv_container *c = &R->inv->containers[container];
    const inv_plan *p = &R->inv->plans[c->plan];
    long slot = R->plan_slot[c->plan];
    if (slot < 0) {
        usage_skip_add(R, shown, NULL, "plan %s of container %s has no quota_per_unit", p->id,
                       c->id);
        goto out;
    }
    usage_plan *u = &R->rep->plans[slot];
    cal_day first = cal_from_ymd(year, month, 1);
    cal_day end = cal_from_ymd(year, month, cal_days_in_month(year, month));
    if (end < p->term_start || first > p->last_day) {
        usage_skip_add(R, shown, NULL,
                       "%04d-%02d is outside the current term of plan %s (%s to %s)", year, month,
                       p->id, cal_format_iso(p->term_start, day1),
                       cal_format_iso(p->last_day, day2));
        goto out;
    }
    int sy, sm;
    cal_to_ymd(p->term_start, &sy, &sm, NULL);
    size_t mi = (size_t)((year - sy) * 12 + (month - sm));
    usage_month *um = &u->months[mi];
    um->reports++;
    u->reports++;
    R->rep->n_counted++;
    if (u->latest_month_end == CAL_NONE || end > u->latest_month_end)
        u->latest_month_end = end;
    for (size_t i = 0; i < n_meters; i++) {
        if (!usage_meter_counts(p->quota, meters[i].name)) {
            usage_skip_add(R, shown, meters[i].name, "meter %s is not in the quota of plan %s",
                           meters[i].name, p->id);
            continue;
        }
        if (usage_dec_add(&um->used, meters[i].value) != 0 ||
            usage_dec_add(&u->fig.used, meters[i].value) != 0) {
            cp_errors_add(R->errs, shown, 0, 0, 0, NULL, NULL,
                          "the usage of plan %s is too large to sum exactly", p->id);
            R->failed = true;
            goto out;
        }
    }
out:
    free(meters);
    jr_doc_free(doc);
    free(data);
}

/* Every entry of one folder under the records folder. */
static void usage_folder(usage_reader *R, const char *dir, const char *shown_dir,
                         const char *name)
{
    char *fs_path = xasprintf("%s/%s", dir, name);
    char **files = NULL;
    size_t n_files = 0;
    long container = usage_find_container(R, name);
    if (usage_list(fs_path, &files, &n_files) != 0) {
        cp_errors_add(R->errs, NULL, 0, 0, 0, NULL, NULL, "%s/%s: cannot read the folder: %s",
                      shown_dir, name, strerror(errno));
        R->failed = true;
        goto out;
    }
    if (n_files > 1)
        qsort(files, n_files, sizeof *files, usage_cmp_name);
    for (size_t i = 0; i < n_files; i++) {
        char *file_path = xasprintf("%s/%s", fs_path, files[i]);
        char *shown = xasprintf("%s/%s/%s", shown_dir, name, files[i]);
        struct stat st;
        int year, month;
        if (stat(file_path, &st) != 0 || !S_ISREG(st.st_mode))
            usage_skip_add(R, shown, NULL, "not a usage report file");
        else if (!usage_month_name(files[i], &year, &month))
            usage_skip_add(R, shown, NULL, "not named YYYY-MM.json");
        else
            usage_file(R, file_path, shown, container, name, year, month);
        free(file_path);
        free(shown);
    }
out:
    usage_names_free(files, n_files);
    free(fs_path);
}

/* Sets up the per-plan results of the plans with a quota, or reports a quota it cannot hold. */
static void usage_plans(usage_reader *R)
{
    const inv_inventory *inv = R->inv;
    usage_report *rep = R->rep;
    rep->plans = xcalloc(inv->n_plans ? inv->n_plans : 1, sizeof *rep->plans);
    rep->unmeasured = xcalloc(inv->n_plans ? inv->n_plans : 1, sizeof *rep->unmeasured);
    for (size_t i = 0; i < inv->n_plans; i++) {
        const inv_plan *p = &inv->plans[i];
        R->plan_slot[i] = -1;
        if (!p->quota || !p->quota->quantity) {
            rep->unmeasured[rep->n_unmeasured++] = i;
            continue;
        }
        usage_plan *u = &rep->plans[rep->n_plans];
        const char *why = NULL;
        if (usage_dec_parse(p->quota->quantity, &u->quota, &why) != 0 || u->quota.m == 0) {
            inv_plan_error(inv, i, ".quota_per_unit.quantity", R->errs, NULL, "%s: %s",
                           p->quota->quantity, why ? why : "must be greater than 0");
            R->failed = true;
            continue;
        }
        R->plan_slot[i] = (long)rep->n_plans++;
        u->plan = i;
        u->id = p->id;
        u->unit = p->quota->unit;
        u->units = inv_units_at_end(p);
        u->term_start = p->term_start;
        u->last_day = p->last_day;
        u->latest_month_end = CAL_NONE;
        int sy, sm, ey, em;
        cal_to_ymd(p->term_start, &sy, &sm, NULL);
        cal_to_ymd(p->last_day, &ey, &em, NULL);
        u->n_months = (size_t)((ey - sy) * 12 + (em - sm) + 1);
        u->months = xcalloc(u->n_months, sizeof *u->months);
        for (size_t k = 0; k < u->n_months; k++) {
            u->months[k].year = sy + (int)((size_t)(sm - 1) + k) / 12;
            u->months[k].month = (int)((size_t)(sm - 1) + k) % 12 + 1;
        }
    }
}

/* Computes every plan's figures and cumulative months once all files are counted. */
static void usage_finish(usage_reader *R, int headroom_percent)
{
    for (size_t i = 0; i < R->rep->n_plans; i++) {
        usage_plan *u = &R->rep->plans[i];
        const char *why = NULL;
        usage_dec sum = u->fig.used, run = {0, 0};
        for (size_t k = 0; k < u->n_months; k++) {
            usage_dec_add(&run, u->months[k].used); /* cannot overflow: run <= sum */
            u->months[k].cumulative = run;
        }
        if (usage_compute(u->quota, u->units, sum, u->term_start, u->last_day,
                          u->latest_month_end, R->as_of, headroom_percent, &u->fig, &why) != 0) {
            inv_plan_error(R->inv, u->plan, NULL, R->errs, NULL, "plan %s: %s", u->id, why);
            R->failed = true;
        }
    }
}

int usage_read(const inv_inventory *inv, const char *dir, cal_day as_of, int headroom_percent,
               usage_report **out, cp_errors *errs)
{
    usage_reader R;
    memset(&R, 0, sizeof R);
    char **names = NULL;
    size_t n_names = 0;
    size_t dlen = strlen(dir);
    while (dlen > 1 && dir[dlen - 1] == '/')
        dlen--;
    char *shown_dir = xstrndup(dir, dlen);
    const char *join_dir = strcmp(shown_dir, "/") == 0 ? "" : shown_dir;

    R.inv = inv;
    R.as_of = as_of;
    R.errs = errs;
    R.rep = xcalloc(1, sizeof *R.rep);
    R.rep->as_of = as_of;
    R.rep->headroom_percent = headroom_percent;
    R.plan_slot = xcalloc(inv->n_plans ? inv->n_plans : 1, sizeof *R.plan_slot);
    R.by_id = xcalloc(inv->n_containers ? inv->n_containers : 1, sizeof *R.by_id);
    for (size_t i = 0; i < inv->n_containers; i++) {
        R.by_id[i].id = inv->containers[i].id;
        R.by_id[i].index = i;
    }
    if (inv->n_containers > 1)
        qsort(R.by_id, inv->n_containers, sizeof *R.by_id, usage_cmp_container);
    usage_plans(&R);

    if (usage_list(shown_dir, &names, &n_names) != 0) {
        cp_errors_add(errs, NULL, 0, 0, 0, NULL,
                      "--records names the folder that holds one folder per container",
                      "%s: cannot read the records folder: %s", shown_dir, strerror(errno));
        R.failed = true;
        goto out;
    }
    if (n_names > 1)
        qsort(names, n_names, sizeof *names, usage_cmp_name);
    for (size_t i = 0; i < n_names; i++) {
        char *fs_path = xasprintf("%s/%s", join_dir, names[i]);
        struct stat st;
        if (stat(fs_path, &st) == 0 && S_ISDIR(st.st_mode)) {
            usage_folder(&R, join_dir, join_dir, names[i]);
        } else {
            char *shown = xasprintf("%s/%s", join_dir, names[i]);
            usage_skip_add(&R, shown, NULL,
                           "not in a container folder (DIR/CONTAINER-ID/YYYY-MM.json)");
            free(shown);
        }
        free(fs_path);
    }
    if (!R.failed)
        usage_finish(&R, headroom_percent);
    if (R.rep->n_skipped > 1)
        qsort(R.rep->skipped, R.rep->n_skipped, sizeof *R.rep->skipped, usage_cmp_skip);
out:
    usage_names_free(names, n_names);
    free(R.plan_slot);
    free(R.by_id);
    free(shown_dir);
    if (R.failed) {
        usage_free(R.rep);
        *out = NULL;
        return -1;
    }
    *out = R.rep;
    return 0;
}

void usage_free(usage_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_plans; i++)
        free(r->plans[i].months);
    free(r->plans);
    free(r->unmeasured);
    for (size_t i = 0; i < r->n_skipped; i++) {
        free(r->skipped[i].file);
        free(r->skipped[i].meter);
        free(r->skipped[i].reason);
    }
    free(r->skipped);
    free(r);
}

const usage_plan *usage_find_plan(const usage_report *r, size_t plan_index)
{
    for (size_t i = 0; i < r->n_plans; i++)
        if (r->plans[i].plan == plan_index)
            return &r->plans[i];
    return NULL;
}
