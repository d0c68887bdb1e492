/*
 * The policy (policy.md): the compiled-in default (policies/default.json),
 * layers laid over it (the inventory's `policy` key, then --policy FILE), the
 * catalog of services and images, and the reminder rules. Loading reports
 * errors with file, line, column and JSON path like the inventory's.
 */
#ifndef COMMITPLAN_POLICY_H
#define COMMITPLAN_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "calendar/base.h"
#include "calendar/date.h"
#include "planner/inventory.h"
#include "planner/jsonread.h"
#include "planner/money.h"

typedef enum {
    POL_ANCHOR_DECISION_DEADLINE,
    POL_ANCHOR_LAST_DAY,
    POL_ANCHOR_NEXT_TERM_START,
    POL_ANCHOR_LICENSE_EXPIRY,
    POL_ANCHOR_UPGRADE,
    POL_ANCHOR_APPROVAL_DUE,
    POL_N_ANCHORS
} pol_anchor;

typedef enum { POL_SEV_INFO, POL_SEV_WARNING, POL_SEV_CRITICAL } pol_severity;

typedef struct pol_strings {
    bool given; /* the key was present */
    char **items;
    size_t n;
} pol_strings;

typedef struct pol_match {
    int auto_renew; /* -1 absent, else 0 or 1 */
    pol_strings service, cost_center, platform;
    bool has_min_annual_cost;
    money_micros min_annual_cost;
} pol_match;

typedef struct pol_rule {
    char *id;
    pol_anchor anchor;
    int *days_before; /* as given, each 0..3660 */
    size_t n_days;
    pol_match match;
    pol_severity severity;
    char *message; /* template, NULL for the built-in message */
} pol_rule;

typedef struct pol_catalog_entry {
    char *service;
    char **images;
    size_t n_images;
    char *title; /* NULL when absent */
} pol_catalog_entry;

typedef struct pol_policy {
    inv_term_basis term_basis;
    bool initial_prorated;
    money_rounding rounding;
    unsigned weekend;  /* bit (1 << CAL_MON..CAL_SUN) */
    cal_day *holidays; /* sorted, unique */
    size_t n_holidays;
    int decision_margin;   /* decision_margin_business_days */
    int approval_review;   /* approval_review_business_days */
    int headroom_percent;
    int horizon_days;
    pol_catalog_entry *catalog;
    size_t n_catalog;
    pol_rule *rules; /* in layer order */
    size_t n_rules;
} pol_policy;

/* The built-in default policy, parsed from the compiled-in default.json. Free with pol_free. */
pol_policy *pol_new_default(void);
void pol_free(pol_policy *p);

/*
 * Lays the policy object obj of doc over p (policy.md). On errors adds them to
 * errs and returns -1, leaving p unchanged.
 */
int pol_apply(pol_policy *p, const jr_doc *doc, const jr_value *obj, cp_errors *errs);
/* Reads the policy file at path and lays it over p. Unreadable or invalid: -1 with errs. */
int pol_apply_file(pol_policy *p, const char *path, cp_errors *errs);

/* The settings the model needs, as plain values (holidays point into p). */
void pol_settings(const pol_policy *p, inv_settings *out);

/* Context of pol_inventory_hook. */
typedef struct pol_hook_ctx {
    const char *inventory_path; /* to resolve a relative `policy` path; "-" for stdin */
    const char *cli_policy;     /* --policy FILE, or NULL */
    pol_policy *policy;         /* out: the merged policy (free with pol_free); NULL on error */
} pol_hook_ctx;

/* An inv_policy_hook: default, then the inventory's `policy`, then --policy. */
int pol_inventory_hook(void *ctx, const jr_doc *doc, const jr_value *policy,
                       inv_settings *settings, cp_errors *errs);

/*
 * The catalog entry whose repositories match image (policy.md: tag and digest
 * removed; equal, or a mirror ending in "/" + the path after the registry host). NULL when none.
 */
const pol_catalog_entry *pol_catalog_match(const pol_policy *p, const char *image);
/* The catalog entry for a service name, or NULL. */
const pol_catalog_entry *pol_catalog_service(const pol_policy *p, const char *service);

const char *pol_anchor_name(pol_anchor a);
const char *pol_severity_name(pol_severity s);

#endif
