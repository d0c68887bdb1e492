/*
 * libFuzzer target: the policy loader alone. Each input is a policy file laid
 * over the compiled-in default policy, as `--policy FILE` does; every error is
 * formatted as it would be printed.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "calendar/base.h"
#include "planner/jsonread.h"
#include "policies/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cp_errors errs;
    jr_doc *doc = NULL;
    pol_policy *pol = pol_new_default();

    cp_errors_init(&errs);
    if (jr_parse("policy.json", (const char *)data, size, &doc, &errs) == 0 || doc)
        (void)pol_apply(pol, doc, jr_root(doc), &errs);
    cp_errors_sort(&errs);
    cp_buf msg = {0};
    for (size_t i = 0; i < errs.count; i++)
        cp_errors_format(&errs, i, &msg);
    cp_buf_free(&msg);
    jr_doc_free(doc);
    pol_free(pol);
    cp_errors_free(&errs);
    return 0;
}
