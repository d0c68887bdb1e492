/*
 * The one Check runner: every module's suite. CK_FORK=no runs in-process (for
 * valgrind); CK_RUN_SUITE selects one suite by name.
 */
#include "config.h"

#include <stdlib.h>

#include "tests/suites.h"

int main(void)
{
    SRunner *sr = srunner_create(calendar_suite());
    srunner_add_suite(sr, money_suite());
    srunner_add_suite(sr, jsonread_suite());
    srunner_add_suite(sr, inventory_suite());
    srunner_add_suite(sr, policy_suite());
    srunner_add_suite(sr, findings_suite());
    srunner_add_suite(sr, plan_suite());
    srunner_add_suite(sr, reminders_suite());
    srunner_add_suite(sr, reports_suite());
    srunner_add_suite(sr, ics_suite());
    srunner_add_suite(sr, usage_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
