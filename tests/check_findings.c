/* Tests of the findings module. */
#include "config.h"

#include "tests/suites.h"

Suite *findings_suite(void)
{
    Suite *s = suite_create("findings");
    return s;
}
