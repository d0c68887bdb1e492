/*
 * Usage and utilization (rules.md §7): reads the usage reports that
 * disconnected containers write to their output mount, saved as
 * DIR/CONTAINER-ID/YYYY-MM.json, and computes for every plan with a
 * quota_per_unit what was licensed, what was used, how far the reports reach,
 * the projection over the term, when the quota runs out and how many units
 * the usage calls for. Quantities are exact decimals and every figure is
 * computed with integer arithmetic (128-bit rationals); no floating point.
 * Library code: it reads its input folder but never prints.
 */
#ifndef COMMITPLAN_USAGE_H
#define COMMITPLAN_USAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar/base.h"
#include "calendar/date.h"
#include "planner/inventory.h"

#define USAGE_MAX_DIGITS 18 /* significant digits of one quantity */
#define USAGE_MAX_SCALE 18  /* decimal places of one quantity */
#define USAGE_DEC_SIZE 48   /* bytes for a formatted usage_dec, NUL included */

/* An exact non-negative decimal: m / 10^scale, 0 <= scale <= USAGE_MAX_SCALE. */
typedef struct usage_dec {
    unsigned __int128 m;
    int scale;
} usage_dec;

/* An exact non-negative rational num / den (den > 0), kept in lowest terms. */
typedef struct usage_ratio {
    unsigned __int128 num, den;
} usage_ratio;

/*
 * Parses a JSON number literal (the reader's text) exactly. Returns 0, or -1
 * with *why set to a static message: negative, not a number, more than 18
 * significant digits, more than 18 decimal places, or too large.
 */
int usage_dec_parse(const char *s, usage_dec *out, const char **why);
/* *a += b exactly. Returns 0, or -1 when the sum does not fit (a unchanged). */
int usage_dec_add(usage_dec *a, usage_dec b);
/* Compares a with b exactly: -1, 0 or 1. */
int usage_dec_cmp(usage_dec a, usage_dec b);
/* True when v is zero. */
bool usage_dec_is_zero(usage_dec v);
/* Writes the shortest exact decimal without exponent ("21500.5", "30000", "0") into buf (USAGE_DEC_SIZE bytes); returns buf. */
char *usage_dec_format(usage_dec v, char *buf);
/*
 * v rounded half-up to `digits` decimals (0..18) and written like
 * usage_dec_format (trailing zeros dropped: "0.5", "3"). Returns 0, or -1
 * when the value does not fit.
 */
int usage_ratio_format(usage_ratio v, int digits, char *buf);
/* floor(part * steps / whole) for bar charts, 0 when whole is zero; steps >= 0. */
int usage_dec_share(usage_dec part, usage_dec whole, int steps);

/* The figures of rules.md §7 for one plan, computed by usage_compute. */
typedef struct usage_figures {
    usage_dec licensed;        /* quota x units held at the end of the term */
    usage_dec used;            /* counted meters over the term's months */
    int covered_days;          /* 0 when no report was counted */
    int term_days;
    usage_ratio projected;     /* exact; used when covered_days is 0 */
    usage_ratio utilization;   /* exact: used / licensed */
    char projected_text[USAGE_DEC_SIZE];   /* half-up to 2 decimals, e.g. "23496.06" */
    char utilization_text[USAGE_DEC_SIZE]; /* half-up to 4 decimals, e.g. "0.7167" */
    cal_day exhaustion_date;   /* CAL_NONE when the quota lasts the term */
    int64_t recommended_units; /* at least 1 */
} usage_figures;

/*
 * Computes every figure of rules.md §7 from plain values: the quota of one
 * unit, the units held (units + purchases), the exact sum used, the term,
 * latest_month_end (the last day of the latest month with a counted report,
 * CAL_NONE when none), as_of and the policy's headroom_percent. Returns 0, or
 * -1 with *why (static) when a figure is too large to compute exactly.
 */
int usage_compute(usage_dec quota, int64_t units, usage_dec used, cal_day term_start,
                  cal_day last_day, cal_day latest_month_end, cal_day as_of,
                  int headroom_percent, usage_figures *out, const char **why);

/* One calendar month of a plan's term (the first and last may straddle it). */
typedef struct usage_month {
    int year, month;      /* month 1-12 */
    usage_dec used;       /* counted meters of every container's report of the month */
    usage_dec cumulative; /* used from the term's first month through this one */
    size_t reports;       /* report files counted for the month */
} usage_month;

/* A plan with quota_per_unit and its usage. */
typedef struct usage_plan {
    size_t plan;            /* index into inv_inventory.plans */
    const char *id, *unit;  /* point into the inventory */
    usage_dec quota;        /* quota_per_unit.quantity */
    int64_t units;          /* units + the units of every purchase */
    cal_day term_start, last_day;
    cal_day latest_month_end; /* CAL_NONE when no report was counted */
    size_t reports;         /* report files counted */
    usage_figures fig;
    usage_month *months;    /* every month overlapping the term, in order */
    size_t n_months;
} usage_plan;

/* A file, or one meter of a file, that was not counted. */
typedef struct usage_skip {
    char *file;   /* "DIR/CONTAINER/YYYY-MM.json" with DIR as given (trailing '/' dropped) */
    char *meter;  /* the meter's name, or NULL when the whole file was skipped */
    char *reason;
} usage_skip;

/* The usage of every plan. Free with usage_free. */
typedef struct usage_report {
    cal_day as_of;
    int headroom_percent;
    usage_plan *plans;    /* plans with quota_per_unit, in inventory order */
    size_t n_plans;
    size_t *unmeasured;   /* indices into inv_inventory.plans of plans without a quota */
    size_t n_unmeasured;
    usage_skip *skipped;  /* ordered by file, then meter (whole-file entries first) */
    size_t n_skipped;
    size_t n_counted;     /* report files counted in all */
} usage_report;

/*
 * Reads every report under dir (DIR/CONTAINER-ID/YYYY-MM.json) for the
 * inventory as of as_of and computes each plan's figures. Every file whose
 * name has the YYYY-MM.json form is validated, counted or not. Returns 0 and
 * *out (free with usage_free); or -1, *out NULL, with errs holding every
 * malformed report (FILE:LINE:COL: PATH: message), an unreadable folder or
 * file, or a figure too large to compute exactly.
 */
int usage_read(const inv_inventory *inv, const char *dir, cal_day as_of, int headroom_percent,
               usage_report **out, cp_errors *errs);
void usage_free(usage_report *r);

/* The usage of the plan with this index into inv_inventory.plans, or NULL (no quota). */
const usage_plan *usage_find_plan(const usage_report *r, size_t plan_index);

/* How a number of units to buy compares with a plan's projected usage. */
typedef enum {
    USAGE_FIT_OK,    /* covers the projection and buys at most twice it */
    USAGE_FIT_BELOW, /* units x quota < projected */
    USAGE_FIT_ABOVE  /* units x quota > 2 x projected */
} usage_fit;

/*
 * Compares units (e.g. the renewal units) with the plan's projection, exactly:
 * for `report renewal --records`, next to fig.recommended_units.
 */
usage_fit usage_check_units(const usage_plan *u, int64_t units);

#endif
