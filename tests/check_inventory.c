/* Tests of the inventory module. */
#include "config.h"

#include "tests/suites.h"

Suite *inventory_suite(void)
{
    Suite *s = suite_create("inventory");
    return s;
}
