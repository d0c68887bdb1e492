/* Tests of the money module. */
#include "config.h"

#include "tests/suites.h"

Suite *money_suite(void)
{
    Suite *s = suite_create("money");
    return s;
}
