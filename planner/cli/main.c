/*
 * The commitplan program: all the work is in the library; main only dispatches.
 */
#include "config.h"

#include "planner/cli/cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
