/* Tests of the jsonread module. */
#include "config.h"

#include "tests/suites.h"

Suite *jsonread_suite(void)
{
    Suite *s = suite_create("jsonread");
    return s;
}
