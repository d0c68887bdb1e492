/*
 * Exact money. Prices parsed from decimal strings are held as integer
 * millionths of the major unit (money_micros); charges and totals are integers
 * of the currency's minor unit (money_minor, e.g. cents). Pro-rated charges are
 * exact rationals with 128-bit intermediates, rounded once. No floating point.
 */
#ifndef COMMITPLAN_MONEY_H
#define COMMITPLAN_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t money_micros; /* millionths of a major unit; up to 9999999999999.999999 */
typedef int64_t money_minor;   /* minor units of the currency (cents for USD) */

#define MONEY_MICROS_PER_UNIT 1000000
#define MONEY_MAX_DIGITS 6 /* minor digits supported (ICU has 0..4 in practice) */

typedef enum {
    MONEY_HALF_UP,   /* ties away from zero (default) */
    MONEY_HALF_EVEN, /* ties to even */
    MONEY_UP,        /* toward +infinity */
    MONEY_DOWN       /* toward zero */
} money_rounding;

enum { MONEY_OK = 0, MONEY_EINVAL = -1, MONEY_ELIMIT = -2 };

/*
 * Parses a money string of the form ^[0-9]{1,13}(\.[0-9]{1,6})?$ (exactly len
 * bytes). Returns MONEY_OK or MONEY_EINVAL.
 */
int money_parse(const char *s, size_t len, money_micros *out);

/* The number of decimals the string gave (0..6); for printing unit prices as given. */
int money_given_decimals(const char *s, size_t len);

/* Parses a rounding mode name ("half-up", ...). Returns 0 or -1. */
int money_rounding_parse(const char *name, money_rounding *out);
const char *money_rounding_name(money_rounding r);

/*
 * Divides num by den (den > 0; num may be negative) and rounds to an integer
 * with mode. Exact: 128-bit arithmetic.
 */
__int128 money_div_round(__int128 num, __int128 den, money_rounding mode);

/*
 * The charge price × units × num / den, rounded once with mode to minor units
 * of a currency with `digits` minor digits (0..6). For a full charge pass
 * num = den = 1. Returns MONEY_OK, or MONEY_ELIMIT when the amount is 10^15
 * major units or more (an input error, rules.md §2).
 */
int money_charge(money_micros price, int64_t units, int64_t num, int64_t den, int digits,
                 money_rounding mode, money_minor *out);

/* *sum += v; MONEY_ELIMIT when the result reaches 10^15 major units (digits: minor digits). */
int money_add(money_minor *sum, money_minor v, int digits);

/* The largest amount allowed, in minor units: 10^15 major units minus one minor unit. */
money_minor money_limit(int digits);

/*
 * Plain decimal with exactly `digits` decimals ("24767.67", JPY "5041096",
 * BHD "12.345", "-0.50"). buf: at least 32 bytes. Returns buf.
 */
char *money_format_minor(money_minor v, int digits, char *buf);

/*
 * A unit price: at least `digits` decimals, more where the value needs them,
 * no trailing zeros beyond `digits` ("74100.00", "0.125" in USD, "10000000" in JPY).
 * buf: at least 32 bytes. Returns buf.
 */
char *money_format_micros(money_micros v, int digits, char *buf);

/* The number of decimals money_format_micros prints for v. */
int money_micros_decimals(money_micros v, int digits);

#endif
