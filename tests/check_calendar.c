/* Tests of the calendar module. */
#include "config.h"

#include "tests/suites.h"

Suite *calendar_suite(void)
{
    Suite *s = suite_create("calendar");
    return s;
}
