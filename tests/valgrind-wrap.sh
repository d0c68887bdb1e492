#!/bin/sh
# Runs a test program under valgrind with leak checking; any error fails the test.
exec valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect "$@"
