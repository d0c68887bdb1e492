/*
 * The model: subscriptions, commitment plans and containers as the inventory
 * file (inventory.md) describes them, and the loader that reads and validates
 * the file. The model knows no policy file: the loader asks a hook, given by
 * the caller, for the settings it needs (the term basis) from the inventory's
 * `policy` value.
 */
#ifndef COMMITPLAN_INVENTORY_H
#define COMMITPLAN_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar/base.h"
#include "calendar/date.h"
#include "planner/jsonread.h"
#include "planner/money.h"

typedef enum { INV_TERM_CALENDAR_YEAR, INV_TERM_ANNIVERSARY } inv_term_basis;

/*
 * What the loader needs from the policy, as plain values: enough to compute
 * every term, charge and deadline, so that a date past 9999-12-31 or an amount
 * of 10^15 major units is refused with the location of the value that caused it.
 */
typedef struct inv_settings {
    inv_term_basis basis;
    bool initial_prorated; /* initial_charge: prorated */
    money_rounding rounding;
    cal_busdays busdays; /* holidays owned by the caller; inv_load copies them */
    int decision_margin; /* business days */
    int approval_review; /* business days */
} inv_settings;

/* One charge of a plan (rules.md §2). */
typedef enum { CHG_INITIAL, CHG_RENEWAL, CHG_ADDITIONAL } chg_kind;

typedef struct chg_charge {
    chg_kind kind;
    cal_day date;
    int64_t units;
    money_minor amount;
    bool projected;
    bool prorated;      /* additional, or initial with initial_charge: prorated */
    int remaining_days; /* when prorated */
    int term_days;      /* when prorated */
    long purchase;      /* index into purchases for additional, else -1 */
} chg_charge;

typedef enum {
    INV_ACCESS_NOT_REQUESTED,
    INV_ACCESS_PENDING,
    INV_ACCESS_APPROVED,
    INV_ACCESS_REJECTED
} inv_access;

typedef enum { INV_DOCKER, INV_KUBERNETES } inv_platform;

typedef struct inv_subscription {
    const char *id;
    const char *name; /* NULL when absent */
    inv_access access;
    cal_day requested_on; /* CAL_NONE when absent */
    cal_day decided_on;   /* CAL_NONE when absent */
    const char *contact;  /* NULL when absent */
    cal_day approval_due; /* rules.md §4 for pending access, else CAL_NONE */
} inv_subscription;

typedef struct inv_purchase {
    cal_day date;
    int64_t units;
    const char *po, *note; /* NULL when absent */
} inv_purchase;

typedef struct inv_quota {
    const char *quantity; /* the JSON number literal as written, > 0 */
    const char *unit;
    const char **meters;
    size_t n_meters;
} inv_quota;

typedef struct inv_plan {
    const char *id;
    size_t subscription;  /* index into inv_inventory.subscriptions */
    const char *resource; /* NULL when absent */
    const char *service;
    const char *tier; /* NULL when absent */
    cal_day term_start;
    cal_day last_day;     /* of the current term, from the term basis */
    cal_day purchased_on; /* term_start when absent */
    bool purchased_on_given;
    int64_t units;
    money_micros unit_price;
    int unit_price_decimals; /* decimals as written, for printing */
    inv_quota *quota;        /* NULL when absent */
    inv_purchase *purchases;
    size_t n_purchases;
    bool auto_renew;
    bool has_renewal;                /* the key was given (even with auto_renew false) */
    int64_t renewal_units;           /* defaulted: units + sum of purchases */
    money_micros renewal_unit_price; /* defaulted: unit_price */
    int renewal_unit_price_decimals;
    const char *owner, *cost_center, *po, *time_zone; /* NULL when absent */

    /* Computed by the loader from the settings (rules.md §1-§3): */
    int term_days;
    cal_day decision_deadline;
    chg_charge *charges; /* the current term's charges, by date (stable) */
    size_t n_charges;
    money_minor renewal_amount; /* renewal_units x renewal_unit_price, when auto_renew */

    /* The byte offset of the plan's object in the file, for errors found after loading (the
     * projections of `plan`, the figures of `usage`): see inv_plan_error. */
    size_t offset;
} inv_plan;

typedef struct inv_env {
    const char *name, *value;
} inv_env;

typedef struct inv_upgrade {
    const char *version;
    cal_day on;
} inv_upgrade;

typedef struct inv_container {
    const char *id;
    size_t plan;      /* index into inv_inventory.plans */
    const char *site; /* NULL when absent */
    const char *image;
    const char *version;
    inv_platform platform;
    inv_env *env; /* in document order */
    size_t n_env;
    const char *mount_license, *mount_output; /* from `mounts`; NULL when absent */
    bool has_license;
    cal_day license_downloaded_on;
    const char *license_image_version;
    cal_day license_expires_on; /* CAL_NONE when absent */
    inv_upgrade *upgrades;
    size_t n_upgrades;
} inv_container;

typedef struct inv_inventory {
    char *file;               /* the name used in messages ("-" is shown as "<stdin>") */
    const char *organization; /* NULL when absent */
    char currency[4];
    int currency_digits; /* minor-unit digits from ICU */
    const char *locale;  /* "en_US" when absent */
    const char **time_zones;
    size_t n_time_zones;
    inv_settings settings; /* holidays owned by the inventory */
    inv_subscription *subscriptions;
    size_t n_subscriptions;
    inv_plan *plans;
    size_t n_plans;
    inv_container *containers;
    size_t n_containers;
    void *plan_index; /* the loader's hash of plan ids; NULL for an inventory built by hand */
    /*
     * What the strings and small arrays above live in, for an inventory the
     * loader made: the strings point into the parsed document's text (kept,
     * without its tree), the arrays of each plan and container are in the
     * arena. An inventory built by hand may use the arena for both; inv_free
     * releases whatever is there.
     */
    jr_doc *strings;
    cp_arena arena;
} inv_inventory;

/*
 * Called once by the loader, before plans are validated, with the inventory's
 * `policy` value (NULL when absent). It loads whatever policy layers it knows,
 * reports their errors into errs, and fills *settings. Returns 0, or -1 when
 * the policy is invalid (the loader then still reports the inventory's own
 * errors, with the default settings it had put in *settings).
 */
typedef int (*inv_policy_hook)(void *ctx, const jr_doc *doc, const jr_value *policy,
                               inv_settings *settings, cp_errors *errs);

/*
 * Reads and validates an inventory. file is its name in messages; data/len its
 * bytes. On success returns 0 and *out (free with inv_free). On any input error
 * returns -1, *out NULL, and errs holds every error found (document order once
 * sorted). The hook may be NULL (calendar-year basis, no policy).
 */
int inv_load(const char *file, const char *data, size_t len, inv_policy_hook hook, void *hook_ctx,
             inv_inventory **out, cp_errors *errs);
/* Like inv_load, but takes ownership of data (malloc'ed; always freed) instead of copying it. */
int inv_load_take(const char *file, char *data, size_t len, inv_policy_hook hook, void *hook_ctx,
                  inv_inventory **out, cp_errors *errs);
void inv_free(inv_inventory *inv);

/*
 * Adds an error found after loading about plan i (its projections, its usage
 * figures): located at the plan's object in the file (no line for an
 * inventory built by hand), with the path "plans[i]" followed by suffix
 * (NULL for none).
 */
void inv_plan_error(const inv_inventory *inv, size_t i, const char *suffix, cp_errors *errs,
                    const char *hint, const char *fmt, ...) CP_PRINTF(6, 7);

/* The index of the plan with this id, or -1. (Hash lookup.) */
long inv_find_plan(const inv_inventory *inv, const char *id);

/* Default settings: calendar-year, full initial charge, half-up, Sat/Sun weekend, no holidays, 5
 * and 10 days. */
void inv_settings_default(inv_settings *s);

/* Last day of the term starting on start under basis (may exceed CAL_MAX_DAY). */
cal_day inv_term_last_day(inv_term_basis basis, cal_day start);

/*
 * The pro-rated amount of units bought on date in the term [start, last]:
 * price x units x remaining_days / term_days, rounded once. Sets the day
 * counts. Returns MONEY_OK or MONEY_ELIMIT.
 */
int inv_prorate(money_micros price, int64_t units, cal_day date, cal_day start, cal_day last,
                int digits, money_rounding mode, money_minor *amount, int *remaining_days,
                int *term_days);

const char *chg_kind_name(chg_kind k);

/* units + the units of every purchase: the units held at the end of the current term. */
int64_t inv_units_at_end(const inv_plan *p);

#endif
