/*
 * Exact money (rules.md §2): decimal strings to integer micros, pro-rated
 * charges as exact rationals rounded once to the currency's minor unit, sums
 * with the 10^15-major-unit limit, and plain decimal formatting. Everything is
 * integer arithmetic on 64- and 128-bit values; nothing here uses floating point.
 */
#include "config.h"

#include "planner/money.h"

#include <string.h>

typedef unsigned __int128 money_u128;

#define MONEY_INT_DIGITS 13 /* integer digits a money string may have */
#define MONEY_U128_MAX (~(money_u128)0)

/* 10^e for 0 <= e <= 38 as an unsigned 128-bit value. */
static money_u128 money_pow10(int e)
{
    money_u128 p = 1;
    for (int i = 0; i < e; i++)
        p *= 10;
    return p;
}

/* Clamps a digits argument into 0..MONEY_MAX_DIGITS. */
static int money_clamp_digits(int digits)
{
    if (digits < 0)
        return 0;
    if (digits > MONEY_MAX_DIGITS)
        return MONEY_MAX_DIGITS;
    return digits;
}

/*
 * Whether the magnitude quotient q (remainder r of divisor m, 0 <= r < m) must
 * be raised by one to round the signed value (negative: -(q + r/m)) with mode.
 */
static bool money_round_away(money_u128 q, money_u128 r, money_u128 m, bool negative,
                             money_rounding mode)
{
    if (r == 0)
        return false;
    money_u128 rest = m - r; /* distance to the next integer; avoids computing 2r */
    switch (mode) {
    case MONEY_HALF_UP:
        return r >= rest;
    case MONEY_HALF_EVEN:
        return r > rest || (r == rest && (q & 1) != 0);
    case MONEY_UP:
        return !negative;
    case MONEY_DOWN:
        return false;
    }
    return r >= rest; /* an unknown mode rounds like the default */
}

/* |v| as an unsigned value (also for the most negative value). */
static money_u128 money_abs128(__int128 v)
{
    return v < 0 ? (money_u128)0 - (money_u128)v : (money_u128)v;
}

/* |v| of a 64-bit value as an unsigned 128-bit value. */
static money_u128 money_abs64(int64_t v)
{
    return v < 0 ? (money_u128)0 - (money_u128)(__int128)v : (money_u128)v;
}

static uint64_t money_gcd(uint64_t a, uint64_t b)
{
    while (b != 0) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

int money_parse(const char *s, size_t len, money_micros *out)
{
    if (s == NULL || len == 0)
        return MONEY_EINVAL;
    size_t i = 0;
    uint64_t whole = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9') {
        if (i >= MONEY_INT_DIGITS)
            return MONEY_EINVAL;
        whole = whole * 10 + (uint64_t)(s[i] - '0');
        i++;
    }
    if (i == 0)
        return MONEY_EINVAL;
    uint64_t frac = 0;
    int frac_digits = 0;
    if (i < len) {
        if (s[i] != '.')
            return MONEY_EINVAL;
        i++;
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            if (frac_digits >= 6)
                return MONEY_EINVAL;
            frac = frac * 10 + (uint64_t)(s[i] - '0');
            frac_digits++;
            i++;
        }
        if (frac_digits == 0 || i != len)
            return MONEY_EINVAL;
    }
    for (int k = frac_digits; k < 6; k++)
        frac *= 10;
    if (out != NULL)
        *out = whole * MONEY_MICROS_PER_UNIT + frac;
    return MONEY_OK;
}

int money_given_decimals(const char *s, size_t len)
{
    if (money_parse(s, len, NULL) != MONEY_OK)
        return -1;
    const char *dot = memchr(s, '.', len);
    return dot == NULL ? 0 : (int)(len - (size_t)(dot - s) - 1);
}

static const char *const money_rounding_names[] = {
    [MONEY_HALF_UP] = "half-up",
    [MONEY_HALF_EVEN] = "half-even",
    [MONEY_UP] = "up",
    [MONEY_DOWN] = "down",
};

int money_rounding_parse(const char *name, money_rounding *out)
{
    if (name == NULL)
        return -1;
    for (size_t i = 0; i < sizeof money_rounding_names / sizeof money_rounding_names[0]; i++) {
        if (strcmp(name, money_rounding_names[i]) == 0) {
            if (out != NULL)
                *out = (money_rounding)i;
            return 0;
        }
    }
    return -1;
}

const char *money_rounding_name(money_rounding r)
{
    if ((unsigned)r < sizeof money_rounding_names / sizeof money_rounding_names[0])
        return money_rounding_names[r];
    return "?";
}

__int128 money_div_round(__int128 num, __int128 den, money_rounding mode)
{
    if (den == 0)
        return 0;
    bool negative = (num < 0) != (den < 0);
    money_u128 n = money_abs128(num), d = money_abs128(den);
    money_u128 q = n / d, r = n % d;
    if (money_round_away(q, r, d, negative, mode))
        q++;
    /* q < 2^127 except for INT128_MIN / -1, whose quotient no __int128 holds. */
    return negative ? (__int128)((money_u128)0 - q) : (__int128)q;
}

money_minor money_limit(int digits)
{
    money_u128 limit = money_pow10(15 + money_clamp_digits(digits)) - 1;
    return limit > (money_u128)INT64_MAX ? INT64_MAX : (money_minor)limit;
}

/*
 * money_charge computes |price × units × num| / (10^(6−digits) × den): the
 * factor 10^digits / 10^6 is folded into the divisor, since digits ≤ 6.
 *
 * No overflow for the inputs the inventory allows: price < 10^19 < 2^64,
 * |units| ≤ 10^6 < 2^20, |num| ≤ den ≤ 366 < 2^9, so the dividend stays below
 * 2^93 and the divisor below 10^6 × 2^9 < 2^29.
 *
 * Beyond that the work is split so that it stays exact while the divisor
 * m < 2^64: with x = price × |units| (< 2^128, it cannot overflow) and
 * x = a × m + b, the dividend is a × m × |num| + b × |num|, so the quotient is
 * a × |num| + (b × |num|) / m and the remainder (b × |num|) mod m, where
 * b × |num| < 2^64 × 2^63. If a × |num| overflows, the amount is at least 2^128
 * minor units, far past the limit. Only a divisor of 2^64 or more (den beyond
 * 1.8 × 10^13 after reducing num/den) falls back to reporting MONEY_ELIMIT when
 * an intermediate would not fit, never a wrapped value.
 */
int money_charge(money_micros price, int64_t units, int64_t num, int64_t den, int digits,
                 money_rounding mode, money_minor *out)
{
    if (den <= 0 || digits < 0 || digits > MONEY_MAX_DIGITS)
        return MONEY_EINVAL;
    bool negative = (units < 0) != (num < 0);
    money_u128 n = money_abs64(num);
    money_u128 dn = (money_u128)den;
    if (n != 0) {
        uint64_t g = money_gcd((uint64_t)n, (uint64_t)dn);
        n /= g;
        dn /= g;
    }
    money_u128 x = (money_u128)price * money_abs64(units);
    money_u128 m = dn * money_pow10(MONEY_MAX_DIGITS - digits); /* < 2^63 × 10^6 < 2^83 */
    money_u128 q, r;
    if (m <= UINT64_MAX) {
        money_u128 a = x / m, b = x % m;
        if (n != 0 && a > MONEY_U128_MAX / n)
            return MONEY_ELIMIT;
        money_u128 bn = b * n; /* < 2^64 × 2^63 */
        q = a * n + bn / m;
        r = bn % m;
        if (q < a * n) /* the sum wrapped */
            return MONEY_ELIMIT;
    } else {
        if (n != 0 && x > MONEY_U128_MAX / n)
            return MONEY_ELIMIT;
        money_u128 dividend = x * n;
        q = dividend / m;
        r = dividend % m;
    }
    if (money_round_away(q, r, m, negative, mode))
        q++;
    if (q > (money_u128)money_limit(digits))
        return MONEY_ELIMIT;
    if (out != NULL)
        *out = negative ? -(money_minor)q : (money_minor)q;
    return MONEY_OK;
}

int money_add(money_minor *sum, money_minor v, int digits)
{
    __int128 total = (__int128)*sum + v;
    if (money_abs128(total) > (money_u128)money_limit(digits))
        return MONEY_ELIMIT;
    *sum = (money_minor)total;
    return MONEY_OK;
}

/*
 * Writes the decimal digits of v (a value below 10^20) into buf with at least
 * min_len digits (leading zeros), NUL-terminated. Returns the number written.
 */
static int money_put_digits(uint64_t v, int min_len, char *buf)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n < min_len)
        tmp[n++] = '0';
    for (int i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return n;
}

/* Writes whole[.frac] with `decimals` fraction digits (frac < 10^decimals) into buf. */
static char *money_put_decimal(bool negative, uint64_t whole, uint64_t frac, int decimals,
                               char *buf)
{
    char *p = buf;
    if (negative)
        *p++ = '-';
    p += money_put_digits(whole, 1, p);
    if (decimals > 0) {
        *p++ = '.';
        money_put_digits(frac, decimals, p);
    }
    return buf;
}

char *money_format_minor(money_minor v, int digits, char *buf)
{
    digits = money_clamp_digits(digits);
    uint64_t mag = (uint64_t)money_abs64(v);
    uint64_t scale = (uint64_t)money_pow10(digits);
    return money_put_decimal(v < 0, mag / scale, mag % scale, digits, buf);
}

int money_micros_decimals(money_micros v, int digits)
{
    digits = money_clamp_digits(digits);
    uint64_t frac = v % MONEY_MICROS_PER_UNIT;
    int needed = 0;
    if (frac != 0) {
        needed = 6;
        while (frac % 10 == 0) {
            frac /= 10;
            needed--;
        }
    }
    return needed > digits ? needed : digits;
}

char *money_format_micros(money_micros v, int digits, char *buf)
{
    int decimals = money_micros_decimals(v, digits);
    uint64_t frac = v % MONEY_MICROS_PER_UNIT;
    for (int k = decimals; k < 6; k++)
        frac /= 10; /* drops only zeros: decimals covers every non-zero digit */
    return money_put_decimal(false, v / MONEY_MICROS_PER_UNIT, frac, decimals, buf);
}
