/* The Check suites of the runner, one per module (tests/check_main.c runs them all). */
#ifndef COMMITPLAN_SUITES_H
#define COMMITPLAN_SUITES_H

#include <check.h>

Suite *calendar_suite(void);
Suite *money_suite(void);
Suite *jsonread_suite(void);
Suite *inventory_suite(void);
Suite *policy_suite(void);
Suite *findings_suite(void);
Suite *plan_suite(void);
Suite *reminders_suite(void);
Suite *reports_suite(void);
Suite *ics_suite(void);
Suite *usage_suite(void);

#endif
