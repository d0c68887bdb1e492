/*
 * libFuzzer target: the inventory loader with policy merging. Each input is an
 * inventory file; the loader runs with pol_inventory_hook (the default policy,
 * then the inventory's own `policy` value), and a valid inventory also goes
 * through the findings of rules.md §5, so that every value the loader accepts
 * is used as the rest of the program uses it.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "calendar/base.h"
#include "calendar/date.h"
#include "planner/inventory.h"
#include "policies/findings.h"
#include "policies/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cp_errors errs;
    inv_inventory *inv = NULL;
    /* a relative policy path names a file next to this (absent) inventory */
    pol_hook_ctx hook = {.inventory_path = "fuzz-inventory/inventory.json"};

    cp_errors_init(&errs);
    if (inv_load("inventory.json", (const char *)data, size, pol_inventory_hook, &hook, &inv,
                 &errs) == 0 &&
        hook.policy) {
        rule_findings f;
        rule_findings_compute(inv, hook.policy, cal_from_ymd(2026, 12, 3), &f);
        rule_findings_free(&f);
    }
    cp_errors_sort(&errs);
    cp_buf msg = {0};
    for (size_t i = 0; i < errs.count; i++)
        cp_errors_format(&errs, i, &msg);
    cp_buf_free(&msg);
    inv_free(inv);
    pol_free(hook.policy);
    cp_errors_free(&errs);
    return 0;
}
