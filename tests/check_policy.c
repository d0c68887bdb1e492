/* Tests of the policy module. */
#include "config.h"

#include "tests/suites.h"

Suite *policy_suite(void)
{
    Suite *s = suite_create("policy");
    return s;
}
