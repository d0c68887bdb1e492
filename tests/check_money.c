/*
 * Tests of the money module (rules.md §2): parsing money strings, rounding in
 * every mode, the worked examples, the 10^15 limit and overflow, formatting,
 * and a randomized cross-check of pro-rated charges against an independent
 * day-by-day sum in multi-limb integers.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "planner/money.h"
#include "tests/suites.h"

#define N_MODES 4
static const money_rounding modes[N_MODES] = {MONEY_HALF_UP, MONEY_HALF_EVEN, MONEY_UP,
                                              MONEY_DOWN};

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- worked examples ---- */

static const struct {
    const char *price;
    int64_t units, num, den;
    int digits;
    const char *expect;
} worked[] = {
    {"74100.00", 1, 122, 365, 2, "24767.67"},
    {"74100.00", 1, 122, 366, 2, "24700.00"},
    {"74100.00", 1, 1, 365, 2, "203.01"},
    {"10000000", 1, 184, 365, 0, "5041096"},
    {"74100.00", 2, 1, 1, 2, "148200.00"},
};

START_TEST(test_worked_examples)
{
    money_micros price;
    money_minor amount = -1;
    char buf[32];
    ck_assert_int_eq(money_parse(worked[_i].price, strlen(worked[_i].price), &price), MONEY_OK);
    ck_assert_int_eq(money_charge(price, worked[_i].units, worked[_i].num, worked[_i].den,
                                  worked[_i].digits, MONEY_HALF_UP, &amount),
                     MONEY_OK);
    ck_assert_str_eq(money_format_minor(amount, worked[_i].digits, buf), worked[_i].expect);
}
END_TEST

/* ---- money_charge in every mode: {half-up, half-even, up, down} ---- */

static const struct {
    const char *price;
    int64_t units, num, den;
    int digits;
    money_minor expect[N_MODES];
} charges[] = {
    /* exact ties of half a cent, odd and even neighbours */
    {"0.005", 1, 1, 1, 2, {1, 0, 1, 0}},
    {"0.015", 1, 1, 1, 2, {2, 2, 2, 1}},
    {"0.025", 1, 1, 1, 2, {3, 2, 3, 2}},
    {"0.01", 1, 1, 2, 2, {1, 0, 1, 0}},
    {"0.01", 3, 1, 2, 2, {2, 2, 2, 1}},
    /* just below and just above a tie */
    {"0.004999", 1, 1, 1, 2, {0, 0, 1, 0}},
    {"0.005001", 1, 1, 1, 2, {1, 1, 1, 0}},
    {"0.014999", 1, 1, 1, 2, {1, 1, 2, 1}},
    {"0.015001", 1, 1, 1, 2, {2, 2, 2, 1}},
    /* JPY (0 digits) */
    {"2.5", 1, 1, 1, 0, {3, 2, 3, 2}},
    {"3.5", 1, 1, 1, 0, {4, 4, 4, 3}},
    {"2.499999", 1, 1, 1, 0, {2, 2, 3, 2}},
    {"2.500001", 1, 1, 1, 0, {3, 3, 3, 2}},
    {"10000000", 1, 184, 365, 0, {5041096, 5041096, 5041096, 5041095}},
    {"1", 73, 1, 146, 0, {1, 0, 1, 0}},
    /* BHD (3 digits) */
    {"0.0005", 1, 1, 1, 3, {1, 0, 1, 0}},
    {"1.2345", 1, 1, 1, 3, {1235, 1234, 1235, 1234}},
    {"1.2355", 1, 1, 1, 3, {1236, 1236, 1236, 1235}},
    {"12.345", 1, 1, 1, 3, {12345, 12345, 12345, 12345}},
    {"100", 1, 1, 3, 3, {33333, 33333, 33334, 33333}},
    {"100", 2, 1, 3, 3, {66667, 66667, 66667, 66666}},
    /* six-decimal unit prices */
    {"0.000001", 1, 1, 1, 2, {0, 0, 1, 0}},
    {"0.000001", 1000000, 1, 1, 2, {100, 100, 100, 100}},
    {"0.000001", 1, 1, 1, 6, {1, 1, 1, 1}},
    {"123.456789", 1, 1, 1, 2, {12346, 12346, 12346, 12345}},
    {"123.456789", 3, 1, 1, 2, {37037, 37037, 37038, 37037}},
    {"123.456789", 1, 1, 1, 3, {123457, 123457, 123457, 123456}},
    /* pro-rated, exact and inexact */
    {"74100.00", 1, 122, 366, 2, {2470000, 2470000, 2470000, 2470000}},
    {"74100.00", 1, 122, 365, 2, {2476767, 2476767, 2476768, 2476767}},
    {"36.50", 1, 1, 365, 2, {10, 10, 10, 10}},
    {"0.73", 1, 1, 146, 2, {1, 0, 1, 0}},
    /* zero */
    {"0", 1000000, 1, 1, 2, {0, 0, 0, 0}},
    {"74100.00", 1, 0, 365, 2, {0, 0, 0, 0}},
    /* the largest values: 10^13 major units is far below the 10^15 limit */
    {"9999999999999.999999", 1, 1, 1, 2,
     {1000000000000000, 1000000000000000, 1000000000000000, 999999999999999}},
    {"999999999999.99", 1, 1, 1, 2, {99999999999999, 99999999999999, 99999999999999,
                                      99999999999999}},
    {"9999999999999.999999", 1, 1, 1, 3,
     {10000000000000000, 10000000000000000, 10000000000000000, 9999999999999999}},
    /* num = den beyond the inventory's range reduce to a full charge */
    {"74100.00", 1, INT64_MAX, INT64_MAX, 2, {7410000, 7410000, 7410000, 7410000}},
    /* a full charge just below the limit: 99.99 × 10^6 units × 10^7 */
    {"9999999.99", 100000000, 1, 1, 2,
     {99999999900000000, 99999999900000000, 99999999900000000, 99999999900000000}},
};

START_TEST(test_charge_modes)
{
    money_micros price;
    ck_assert_int_eq(money_parse(charges[_i].price, strlen(charges[_i].price), &price), MONEY_OK);
    for (int m = 0; m < N_MODES; m++) {
        money_minor amount = -12345;
        int rc = money_charge(price, charges[_i].units, charges[_i].num, charges[_i].den,
                              charges[_i].digits, modes[m], &amount);
        ck_assert_msg(rc == MONEY_OK, "%s mode %s: rc %d", charges[_i].price,
                      money_rounding_name(modes[m]), rc);
        ck_assert_msg(amount == charges[_i].expect[m],
                      "%s × %lld × %lld/%lld mode %s: %lld != %lld", charges[_i].price,
                      (long long)charges[_i].units, (long long)charges[_i].num,
                      (long long)charges[_i].den, money_rounding_name(modes[m]), (long long)amount,
                      (long long)charges[_i].expect[m]);
    }
}
END_TEST

/* ---- money_div_round, signed: {half-up, half-even, up, down} ---- */

static const struct {
    int64_t num, den;
    int64_t expect[N_MODES];
} divs[] = {
    {5, 2, {3, 2, 3, 2}},
    {-5, 2, {-3, -2, -2, -2}},
    {7, 2, {4, 4, 4, 3}},
    {-7, 2, {-4, -4, -3, -3}},
    {1, 2, {1, 0, 1, 0}},
    {-1, 2, {-1, 0, 0, 0}},
    {1, 3, {0, 0, 1, 0}},
    {-1, 3, {0, 0, 0, 0}},
    {2, 3, {1, 1, 1, 0}},
    {-2, 3, {-1, -1, 0, 0}},
    {499, 1000, {0, 0, 1, 0}},
    {500, 1000, {1, 0, 1, 0}},
    {501, 1000, {1, 1, 1, 0}},
    {-499, 1000, {0, 0, 0, 0}},
    {-500, 1000, {-1, 0, 0, 0}},
    {-501, 1000, {-1, -1, 0, 0}},
    {1500, 1000, {2, 2, 2, 1}},
    {-1500, 1000, {-2, -2, -1, -1}},
    {2500, 1000, {3, 2, 3, 2}},
    {-2500, 1000, {-3, -2, -2, -2}},
    {0, 7, {0, 0, 0, 0}},
    {6, 3, {2, 2, 2, 2}},
    {-6, 3, {-2, -2, -2, -2}},
    {INT64_MAX, 1, {INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX}},
    {INT64_MIN, 1, {INT64_MIN, INT64_MIN, INT64_MIN, INT64_MIN}},
    {INT64_MIN, 2, {INT64_MIN / 2, INT64_MIN / 2, INT64_MIN / 2, INT64_MIN / 2}},
    {INT64_MAX, 2, {INT64_MAX / 2 + 1, INT64_MAX / 2 + 1, INT64_MAX / 2 + 1, INT64_MAX / 2}},
};

START_TEST(test_div_round)
{
    for (int m = 0; m < N_MODES; m++) {
        __int128 got = money_div_round(divs[_i].num, divs[_i].den, modes[m]);
        ck_assert_msg(got == divs[_i].expect[m], "%lld/%lld mode %s: %lld != %lld",
                      (long long)divs[_i].num, (long long)divs[_i].den,
                      money_rounding_name(modes[m]), (long long)got,
                      (long long)divs[_i].expect[m]);
    }
}
END_TEST

/* Ties and near-ties beyond 64 bits, around k + 1/2 with k = 10^30. */
START_TEST(test_div_round_wide)
{
    __int128 k = (__int128)1000000000000000LL * 1000000000000000LL; /* 10^30 */
    __int128 tie = 2 * k + 1;                                       /* tie / 2 = k + 1/2 */
    static const int64_t up_even[N_MODES] = {1, 0, 1, 0};           /* k even */
    for (int m = 0; m < N_MODES; m++) {
        ck_assert(money_div_round(tie, 2, modes[m]) == k + up_even[m]);
        int64_t neg_adj = modes[m] == MONEY_HALF_UP ? 1 : 0;
        ck_assert(money_div_round(-tie, 2, modes[m]) == -k - neg_adj);
        /* (2k+1)·10^6 ± 1 over 2·10^6: just above and just below k + 1/2 */
        __int128 den = 2000000;
        ck_assert(money_div_round(tie * 1000000 + 1, den, modes[m]) ==
                  k + (modes[m] == MONEY_DOWN ? 0 : 1));
        ck_assert(money_div_round(tie * 1000000 - 1, den, modes[m]) ==
                  k + (modes[m] == MONEY_UP ? 1 : 0));
    }
}
END_TEST

/* ---- the 10^15 limit and overflow ---- */

static const struct {
    money_micros price;
    int64_t units, num, den;
    int digits;
} too_large[] = {
    {9999999999999999999ULL, 1000000, 1, 1, 0},
    {9999999999999999999ULL, 1000000, 1, 1, 2},
    {9999999999999999999ULL, 1000000, 1, 1, 3},
    {9999999999999999999ULL, 1000000, 1, 1, 6},
    {9999999999999999999ULL, 1000000, 365, 365, 2},
    {9999999999999999999ULL, 1000000, 1, 366, 2},
    {1000000000000000000ULL, 1000, 1, 1, 0},   /* exactly 10^15 */
    {UINT64_MAX, INT64_MAX, INT64_MAX, 1, 2},  /* the product needs ~191 bits */
    {UINT64_MAX, INT64_MAX, INT64_MAX, 2, 0},
    {UINT64_MAX, INT64_MAX, INT64_MAX - 1, INT64_MAX, 2},
    {UINT64_MAX, -INT64_MAX, INT64_MAX, 1, 2}, /* and negative */
    {UINT64_MAX, INT64_MIN, INT64_MIN, 1, 6},
};

START_TEST(test_charge_limit)
{
    for (int m = 0; m < N_MODES; m++) {
        money_minor amount = 777;
        ck_assert_int_eq(money_charge(too_large[_i].price, too_large[_i].units, too_large[_i].num,
                                      too_large[_i].den, too_large[_i].digits, modes[m], &amount),
                         MONEY_ELIMIT);
        ck_assert_int_eq(amount, 777);
    }
}
END_TEST

START_TEST(test_charge_at_limit)
{
    money_minor amount = 0;
    /* 10^15 − 10^−4 major units rounded down: exactly the largest amount allowed */
    ck_assert_int_eq(money_charge(9999999999999999999ULL, 100, 1, 1, 2, MONEY_DOWN, &amount),
                     MONEY_OK);
    ck_assert_int_eq(amount, money_limit(2));
    ck_assert_int_eq(amount, 99999999999999999LL);
    /* rounded up or half-up it reaches 10^15 and is refused */
    ck_assert_int_eq(money_charge(9999999999999999999ULL, 100, 1, 1, 2, MONEY_HALF_UP, &amount),
                     MONEY_ELIMIT);
    ck_assert_int_eq(money_charge(9999999999999999999ULL, 100, 1, 1, 2, MONEY_UP, &amount),
                     MONEY_ELIMIT);
    /* price beyond the inventory's maximum with an exact 192-bit-free split */
    ck_assert_int_eq(money_charge(UINT64_MAX, INT64_MAX, 1, INT64_MAX, 2, MONEY_HALF_UP, &amount),
                     MONEY_OK);
    ck_assert_int_eq(amount, 1844674407370955LL);
    ck_assert_int_eq(money_charge(UINT64_MAX, INT64_MAX, 1, INT64_MAX, 2, MONEY_UP, &amount),
                     MONEY_OK);
    ck_assert_int_eq(amount, 1844674407370956LL);
    /* 10^14 × 2^62 / (2^62 + 1) cents: just below 10^14 */
    int64_t p62 = INT64_C(1) << 62;
    ck_assert_int_eq(money_charge(1000000000000000000ULL, 1, p62, p62 + 1, 2, MONEY_HALF_UP,
                                  &amount),
                     MONEY_OK);
    ck_assert_int_eq(amount, 100000000000000LL);
    ck_assert_int_eq(money_charge(1000000000000000000ULL, 1, p62, p62 + 1, 2, MONEY_DOWN,
                                  &amount),
                     MONEY_OK);
    ck_assert_int_eq(amount, 99999999999999LL);
    /* invalid arguments */
    ck_assert_int_eq(money_charge(1, 1, 1, 0, 2, MONEY_HALF_UP, &amount), MONEY_EINVAL);
    ck_assert_int_eq(money_charge(1, 1, 1, -5, 2, MONEY_HALF_UP, &amount), MONEY_EINVAL);
    ck_assert_int_eq(money_charge(1, 1, 1, 1, 7, MONEY_HALF_UP, &amount), MONEY_EINVAL);
    ck_assert_int_eq(money_charge(1, 1, 1, 1, -1, MONEY_HALF_UP, &amount), MONEY_EINVAL);
}
END_TEST

static const struct {
    int digits;
    money_minor limit;
} limits[] = {
    {0, 999999999999999LL},
    {2, 99999999999999999LL},
    {3, 999999999999999999LL},
    {4, INT64_MAX}, /* 10^19 − 1 does not fit money_minor */
    {6, INT64_MAX},
};

START_TEST(test_add_limit)
{
    int d = limits[_i].digits;
    money_minor lim = limits[_i].limit;
    ck_assert_int_eq(money_limit(d), lim);

    money_minor sum = lim - 5;
    ck_assert_int_eq(money_add(&sum, 5, d), MONEY_OK);
    ck_assert_int_eq(sum, lim);
    ck_assert_int_eq(money_add(&sum, 1, d), MONEY_ELIMIT);
    ck_assert_int_eq(sum, lim); /* unchanged on error */
    ck_assert_int_eq(money_add(&sum, lim, d), MONEY_ELIMIT);
    ck_assert_int_eq(sum, lim);
    ck_assert_int_eq(money_add(&sum, -lim, d), MONEY_OK);
    ck_assert_int_eq(sum, 0);

    sum = -lim + 3;
    ck_assert_int_eq(money_add(&sum, -3, d), MONEY_OK);
    ck_assert_int_eq(sum, -lim);
    ck_assert_int_eq(money_add(&sum, -1, d), MONEY_ELIMIT);
    ck_assert_int_eq(sum, -lim);
    ck_assert_int_eq(money_add(&sum, INT64_MIN, d), MONEY_ELIMIT);
    ck_assert_int_eq(sum, -lim);
}
END_TEST

/* ---- money_parse ---- */

static const struct {
    const char *s;
    int ok;
    money_micros micros;
    int decimals;
} parses[] = {
    {"0", 1, 0, 0},
    {"5", 1, 5000000, 0},
    {"01", 1, 1000000, 0},
    {"007.50", 1, 7500000, 2},
    {"74100.00", 1, 74100000000ULL, 2},
    {"0.125", 1, 125000, 3},
    {"0.000001", 1, 1, 6},
    {"123.456789", 1, 123456789, 6},
    {"12.345", 1, 12345000, 3},
    {"9999999999999", 1, 9999999999999000000ULL, 0},
    {"9999999999999.999999", 1, 9999999999999999999ULL, 6},
    {"0000000000000.000000", 1, 0, 6},
    {"999999999999.99", 1, 999999999999990000ULL, 2},
    {"", 0, 0, -1},
    {".5", 0, 0, -1},
    {"5.", 0, 0, -1},
    {".", 0, 0, -1},
    {"1e3", 0, 0, -1},
    {"1E3", 0, 0, -1},
    {"-1", 0, 0, -1},
    {"+1", 0, 0, -1},
    {" 1", 0, 0, -1},
    {"1 ", 0, 0, -1},
    {"1.1234567", 0, 0, -1},
    {"10000000000000", 0, 0, -1},
    {"99999999999999.5", 0, 0, -1},
    {"1,000.00", 0, 0, -1},
    {"1.2.3", 0, 0, -1},
    {"1..2", 0, 0, -1},
    {"0x10", 0, 0, -1},
    {"١٢", 0, 0, -1},
    {"NaN", 0, 0, -1},
    {"1.5\n", 0, 0, -1},
};

START_TEST(test_parse)
{
    const char *s = parses[_i].s;
    money_micros v = 4242;
    int rc = money_parse(s, strlen(s), &v);
    ck_assert_msg(rc == (parses[_i].ok ? MONEY_OK : MONEY_EINVAL), "\"%s\": rc %d", s, rc);
    if (parses[_i].ok)
        ck_assert_msg(v == parses[_i].micros, "\"%s\": %llu", s, (unsigned long long)v);
    else
        ck_assert_msg(v == 4242, "\"%s\": output written on error", s);
    ck_assert_int_eq(money_given_decimals(s, strlen(s)), parses[_i].decimals);
}
END_TEST

START_TEST(test_parse_length)
{
    money_micros v = 0;
    /* only len bytes count: a prefix of a longer buffer, and a NUL inside the range */
    ck_assert_int_eq(money_parse("1.50xyz", 4, &v), MONEY_OK);
    ck_assert_uint_eq(v, 1500000);
    ck_assert_int_eq(money_given_decimals("1.50xyz", 4), 2);
    ck_assert_int_eq(money_parse("12345", 2, &v), MONEY_OK);
    ck_assert_uint_eq(v, 12000000);
    ck_assert_int_eq(money_parse("1\0002", 3, &v), MONEY_EINVAL);
    ck_assert_int_eq(money_parse("1.", 1, &v), MONEY_OK);
    ck_assert_uint_eq(v, 1000000);
    ck_assert_int_eq(money_parse("1", 0, &v), MONEY_EINVAL);
    ck_assert_int_eq(money_parse(NULL, 3, &v), MONEY_EINVAL);
}
END_TEST

/* ---- formatting ---- */

static const struct {
    money_minor v;
    int digits;
    const char *expect;
} minors[] = {
    {2476767, 2, "24767.67"},
    {2470000, 2, "24700.00"},
    {20301, 2, "203.01"},
    {5041096, 0, "5041096"},
    {12345, 3, "12.345"},
    {-50, 2, "-0.50"},
    {-1, 3, "-0.001"},
    {0, 2, "0.00"},
    {0, 0, "0"},
    {5, 0, "5"},
    {-5, 0, "-5"},
    {7, 2, "0.07"},
    {100, 2, "1.00"},
    {1, 6, "0.000001"},
    {99999999999999999LL, 2, "999999999999999.99"},
    {INT64_MAX, 2, "92233720368547758.07"},
    {INT64_MIN, 0, "-9223372036854775808"},
    {INT64_MIN, 6, "-9223372036854.775808"},
};

START_TEST(test_format_minor)
{
    char buf[32];
    memset(buf, 'x', sizeof buf);
    ck_assert_str_eq(money_format_minor(minors[_i].v, minors[_i].digits, buf), minors[_i].expect);
}
END_TEST

static const struct {
    money_micros v;
    int digits;
    const char *expect;
    int decimals;
} micros[] = {
    {74100000000ULL, 2, "74100.00", 2},
    {125000, 2, "0.125", 3},
    {10000000000000ULL, 0, "10000000", 0},
    {12345000, 3, "12.345", 3},
    {1200000, 3, "1.200", 3},
    {1230000, 2, "1.23", 2},
    {1234000, 2, "1.234", 3},
    {500000, 0, "0.5", 1},
    {1, 2, "0.000001", 6},
    {123456789, 2, "123.456789", 6},
    {0, 2, "0.00", 2},
    {0, 0, "0", 0},
    {1000000, 0, "1", 0},
    {10, 3, "0.00001", 5},
    {9999999999999999999ULL, 2, "9999999999999.999999", 6},
    {9999999999999000000ULL, 2, "9999999999999.00", 2},
    {1500000, 6, "1.500000", 6},
};

START_TEST(test_format_micros)
{
    char buf[32];
    memset(buf, 'x', sizeof buf);
    ck_assert_str_eq(money_format_micros(micros[_i].v, micros[_i].digits, buf), micros[_i].expect);
    ck_assert_int_eq(money_micros_decimals(micros[_i].v, micros[_i].digits), micros[_i].decimals);
}
END_TEST

/* Formatting what was parsed gives the string back when it had the currency's digits. */
START_TEST(test_format_round_trip)
{
    static const char *const given[] = {"74100.00", "0.125", "123.456789", "0.01", "10.50"};
    for (int i = 0; i < NELEM(given); i++) {
        money_micros v;
        char buf[32];
        ck_assert_int_eq(money_parse(given[i], strlen(given[i]), &v), MONEY_OK);
        ck_assert_str_eq(money_format_micros(v, 2, buf), given[i]);
    }
}
END_TEST

/* ---- rounding names ---- */

static const struct {
    const char *name;
    int ok;
    money_rounding mode;
} names[] = {
    {"half-up", 1, MONEY_HALF_UP},
    {"half-even", 1, MONEY_HALF_EVEN},
    {"up", 1, MONEY_UP},
    {"down", 1, MONEY_DOWN},
    {"Half-Up", 0, MONEY_HALF_UP},
    {"half_up", 0, MONEY_HALF_UP},
    {"half-up ", 0, MONEY_HALF_UP},
    {"", 0, MONEY_HALF_UP},
    {"ceiling", 0, MONEY_HALF_UP},
};

START_TEST(test_rounding_names)
{
    money_rounding r = (money_rounding)99;
    int rc = money_rounding_parse(names[_i].name, &r);
    if (names[_i].ok) {
        ck_assert_int_eq(rc, 0);
        ck_assert_int_eq(r, names[_i].mode);
        ck_assert_str_eq(money_rounding_name(r), names[_i].name);
    } else {
        ck_assert_int_eq(rc, -1);
        ck_assert_int_eq(r, 99);
    }
}
END_TEST

START_TEST(test_rounding_parse_null)
{
    money_rounding r;
    ck_assert_int_eq(money_rounding_parse(NULL, &r), -1);
}
END_TEST

/* ---- randomized cross-check ---- */

static uint64_t xorshift_state;

/* xorshift64: a fixed sequence independent of the C library. */
static uint64_t xorshift(void)
{
    uint64_t x = xorshift_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    xorshift_state = x;
    return x;
}

/* Unsigned integers of BIG_LIMBS 32-bit limbs, least significant first. */
#define BIG_LIMBS 5
typedef struct {
    uint32_t limb[BIG_LIMBS];
} big;

static big big_from_u64(uint64_t v)
{
    big b = {{0}};
    b.limb[0] = (uint32_t)v;
    b.limb[1] = (uint32_t)(v >> 32);
    return b;
}

/*
 * The arithmetic returns the carry out of the top limb (0 unless the width is
 * too small). Passing Check assertions cost a message to the parent each, so
 * the hot loops collect carries and the caller asserts once.
 */
static uint64_t big_mul_small(big *b, uint32_t f)
{
    uint64_t carry = 0;
    for (int i = 0; i < BIG_LIMBS; i++) {
        uint64_t t = (uint64_t)b->limb[i] * f + carry;
        b->limb[i] = (uint32_t)t;
        carry = t >> 32;
    }
    return carry;
}

static uint64_t big_add(big *a, const big *b)
{
    uint64_t carry = 0;
    for (int i = 0; i < BIG_LIMBS; i++) {
        uint64_t t = (uint64_t)a->limb[i] + b->limb[i] + carry;
        a->limb[i] = (uint32_t)t;
        carry = t >> 32;
    }
    return carry;
}

/* Schoolbook long division by a one-limb divisor; returns the remainder. */
static uint32_t big_divmod_small(big *b, uint32_t d)
{
    uint64_t rem = 0;
    for (int i = BIG_LIMBS - 1; i >= 0; i--) {
        uint64_t cur = (rem << 32) | b->limb[i];
        b->limb[i] = (uint32_t)(cur / d);
        rem = cur % d;
    }
    return (uint32_t)rem;
}

static void big_inc(big *b)
{
    for (int i = 0; i < BIG_LIMBS && ++b->limb[i] == 0; i++)
        ;
}

/* Whether b fits 64 bits; then *out is its value. */
static int big_to_u64(const big *b, uint64_t *out)
{
    for (int i = 2; i < BIG_LIMBS; i++)
        if (b->limb[i] != 0)
            return 0;
    *out = ((uint64_t)b->limb[1] << 32) | b->limb[0];
    return 1;
}

#define CROSSCHECK_OVERFLOW (-99)

/* A price with a random number of digits, so that every magnitude occurs. */
static money_micros random_price(void)
{
    int ndigits = 1 + (int)(xorshift() % 19);
    uint64_t mod = 1;
    for (int i = 0; i < ndigits; i++)
        mod *= 10;
    return xorshift() % mod;
}

static int64_t random_units(void)
{
    static const int64_t ranges[] = {1, 10, 1000, 1000000};
    return 1 + (int64_t)(xorshift() % (uint64_t)ranges[xorshift() % 4]);
}

/*
 * The expected charge by brute force: Σ over the remaining days of
 * price × units × 10^digits, divided once by 10^6 × term_days, rounded from the
 * doubled remainder. Returns MONEY_ELIMIT at 10^15 major units or more, or
 * CROSSCHECK_OVERFLOW (which no money_charge result matches) when the limbs are too few.
 */
static int crosscheck_expect(money_micros price, int64_t units, int remaining, int term_days,
                             int digits, money_rounding mode, money_minor *out)
{
    big per_day = big_from_u64(price);
    uint64_t carries = big_mul_small(&per_day, (uint32_t)units);
    for (int i = 0; i < digits; i++)
        carries |= big_mul_small(&per_day, 10);
    big total = {{0}};
    for (int day = 0; day < remaining; day++)
        carries |= big_add(&total, &per_day);
    if (carries != 0)
        return CROSSCHECK_OVERFLOW;
    uint32_t divisor = 1000000u * (uint32_t)term_days;
    uint64_t twice_rem = 2 * (uint64_t)big_divmod_small(&total, divisor);
    int odd = total.limb[0] & 1;
    int bump = 0;
    if (mode == MONEY_UP)
        bump = twice_rem > 0;
    else if (mode == MONEY_HALF_UP)
        bump = twice_rem >= divisor;
    else if (mode == MONEY_HALF_EVEN)
        bump = twice_rem > divisor || (twice_rem == divisor && odd);
    if (bump)
        big_inc(&total);
    uint64_t q, cap = 1000000000000000ULL; /* 10^15 */
    for (int i = 0; i < digits; i++)
        cap *= 10;
    if (!big_to_u64(&total, &q) || q >= cap)
        return MONEY_ELIMIT;
    *out = (money_minor)q;
    return MONEY_OK;
}

#define CROSSCHECK_ROUNDS 8
#define CROSSCHECK_CASES 600

START_TEST(test_crosscheck)
{
    static const int digit_choices[] = {0, 2, 3};
    xorshift_state = 0x9E3779B97F4A7C15ULL + (uint64_t)_i * 0x2545F4914F6CDD1DULL;
    int checked_ok = 0, checked_limit = 0, ties = 0;
    for (int c = 0; c < CROSSCHECK_CASES; c++) {
        int term_days = xorshift() % 2 ? 365 : 366;
        int remaining = 1 + (int)(xorshift() % (uint64_t)term_days);
        money_micros price = random_price();
        int64_t units = random_units();
        if (c % 4 == 0) /* price a multiple of term_days × 5000: many exact half-cent ties */
            price = (money_micros)term_days * 5000 * (1 + xorshift() % 100000);
        for (int d = 0; d < NELEM(digit_choices); d++) {
            int digits = digit_choices[d];
            for (int m = 0; m < N_MODES; m++) {
                money_minor want = -1, got = -2;
                int want_rc = crosscheck_expect(price, units, remaining, term_days, digits,
                                                modes[m], &want);
                int got_rc = money_charge(price, units, remaining, term_days, digits, modes[m],
                                          &got);
                if (got_rc != want_rc || (got_rc == MONEY_OK && got != want))
                    ck_abort_msg("price %llu units %lld %d/%d digits %d %s: got %d/%lld want "
                                 "%d/%lld",
                                 (unsigned long long)price, (long long)units, remaining,
                                 term_days, digits, money_rounding_name(modes[m]), got_rc,
                                 (long long)got, want_rc, (long long)want);
                if (got_rc == MONEY_OK)
                    checked_ok++;
                else
                    checked_limit++;
            }
            /* a tie shows as half-up and half-even disagreeing */
            money_minor hu = 0, he = 0;
            if (money_charge(price, units, remaining, term_days, digits, MONEY_HALF_UP, &hu) ==
                    MONEY_OK &&
                money_charge(price, units, remaining, term_days, digits, MONEY_HALF_EVEN, &he) ==
                    MONEY_OK &&
                hu != he)
                ties++;
        }
    }
    /* the generator must exercise in-range amounts, the limit and ties */
    ck_assert_int_gt(checked_ok, CROSSCHECK_CASES);
    ck_assert_int_gt(checked_limit, 0);
    ck_assert_int_gt(ties, 0);
}
END_TEST

/*
 * money_div_round against the C operators: truncating / and %, then a step
 * away from zero decided by the doubled remainder.
 */
START_TEST(test_div_round_random)
{
    xorshift_state = 0xD1B54A32D192ED03ULL + (uint64_t)_i;
    for (int c = 0; c < 5000; c++) {
        int64_t num = (int64_t)(xorshift() >> (2 + xorshift() % 62));
        if (xorshift() % 2)
            num = -num;
        int64_t den = (int64_t)(xorshift() >> (23 + xorshift() % 41)) + 1; /* 1 .. 2^41 */
        if (c % 3 == 0) /* force exact ties */
            num = (num / den) * den + (den % 2 == 0 ? den / 2 : 0) * (num < 0 ? -1 : 1);
        int64_t t = num / den, rem = num % den;
        int64_t toward = num < 0 ? -1 : 1;
        uint64_t twice = 2 * (uint64_t)(rem < 0 ? -rem : rem);
        int64_t want[N_MODES];
        want[0] = t + (twice >= (uint64_t)den && rem != 0 ? toward : 0);
        want[1] = t + (rem != 0 && (twice > (uint64_t)den || (twice == (uint64_t)den && t % 2 != 0))
                           ? toward
                           : 0);
        want[2] = t + (rem > 0 ? 1 : 0);
        want[3] = t;
        for (int m = 0; m < N_MODES; m++) {
            __int128 got = money_div_round(num, den, modes[m]);
            if (got != want[m])
                ck_abort_msg("%lld/%lld %s: %lld != %lld", (long long)num, (long long)den,
                             money_rounding_name(modes[m]), (long long)got, (long long)want[m]);
        }
    }
}
END_TEST

Suite *money_suite(void)
{
    Suite *s = suite_create("money");
    struct {
        const char *name;
        const TTest *test;
        int n;
    } cases[] = {
        {"worked_examples", test_worked_examples, NELEM(worked)},
        {"charge_modes", test_charge_modes, NELEM(charges)},
        {"div_round", test_div_round, NELEM(divs)},
        {"div_round_wide", test_div_round_wide, 1},
        {"div_round_random", test_div_round_random, 4},
        {"charge_limit", test_charge_limit, NELEM(too_large)},
        {"charge_at_limit", test_charge_at_limit, 1},
        {"add_limit", test_add_limit, NELEM(limits)},
        {"parse", test_parse, NELEM(parses)},
        {"parse_length", test_parse_length, 1},
        {"format_minor", test_format_minor, NELEM(minors)},
        {"format_micros", test_format_micros, NELEM(micros)},
        {"format_round_trip", test_format_round_trip, 1},
        {"rounding_names", test_rounding_names, NELEM(names)},
        {"rounding_parse_null", test_rounding_parse_null, 1},
        {"crosscheck", test_crosscheck, CROSSCHECK_ROUNDS},
    };
    for (int i = 0; i < NELEM(cases); i++) {
        TCase *tc = tcase_create(cases[i].name);
        tcase_add_loop_test(tc, cases[i].test, 0, cases[i].n);
        if (strcmp(cases[i].name, "crosscheck") == 0)
            tcase_set_timeout(tc, 60);
        suite_add_tcase(s, tc);
    }
    return s;
}
