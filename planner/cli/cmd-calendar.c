/*
 * commitplan calendar: the iCalendar (RFC 5545) feed of every anchor date,
 * cutoff and reminder lead time of the inventory (reports/ics.h builds it).
 * The feed does not depend on the horizon; the as-of date gives DTSTAMP.
 */
#include "config.h"

#include "planner/cli/cli.h"
#include "reports/ics.h"

static int cmd_calendar_run(cli_ctx *ctx)
{
    if (rpt_ics_calendar(ctx->inv, ctx->pol, ctx->opt->as_of, &ctx->out) != 0) {
        cli_input_error(ctx, NULL, "the as-of date is outside 1970-01-01..9999-12-31");
        return CLI_EXIT_INPUT;
    }
    return CLI_EXIT_OK;
}

const cli_command cmd_calendar_entry = {
    "calendar",
    "",
    "an iCalendar feed of every anchor date, cutoff and reminder",
    "ics",
    0,
    cmd_calendar_run,
    "One event per anchor date of the current terms, whether past or future and\n"
    "regardless of --horizon: each plan's decision deadline, last day and (when it\n"
    "auto-renews) next term start as all-day events, its cutoff as a timed UTC\n"
    "event, each container's license expiry and planned upgrades, and the access\n"
    "decision due for each pending subscription. Each event carries one alarm per\n"
    "lead time of the reminder rules that match it. UIDs hold the kind and the\n"
    "subject but not the date, so re-importing the feed after an edit updates\n"
    "events instead of duplicating them. DTSTAMP is the as-of date.\n",
};
