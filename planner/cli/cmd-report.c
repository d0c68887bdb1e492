/*
 * commitplan report renewal and report budget: build the report's data
 * (reports/renewal.c, reports/budget.c) from the plan view, with the usage
 * records of planner/usage.c for `report renewal --records`, then write it
 * as JSON (the report's contract) or render its document with the writer of
 * the chosen format (text, md, html, csv).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planner/cli/cli.h"
#include "planner/plan.h"
#include "planner/usage.h"
#include "reports/budget.h"
#include "reports/doc.h"
#include "reports/renewal.h"

/* Renders d in the command's format into ctx->out. Returns an exit status. */
static int cmd_report_render(cli_ctx *ctx, const rpt_doc *d)
{
    cal_fmt *f = NULL;
    if (!cli_format_is(ctx, "csv")) {
        f = cli_fmt_open(ctx);
        if (!f)
            return CLI_EXIT_INPUT;
    }
    int rc = rpt_doc_render(d, ctx->opt->format, f, ctx->stdout_tty, &ctx->out);
    cal_fmt_close(f);
    return rc == 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}

static int cmd_report_budget_run(cli_ctx *ctx)
{
    plan_views pv;
    rpt_budget b;
    int status = CLI_EXIT_INPUT;
    int years = ctx->opt->years > 0 ? ctx->opt->years : 3;
    if (plan_views_build(ctx->inv, ctx->opt->as_of, ctx->horizon_days, &pv, &ctx->errs) != 0)
        return CLI_EXIT_INPUT;
    if (rpt_budget_build(ctx->inv, &pv, years, &b, &ctx->errs) != 0)
        goto out_pv;
    if (cli_format_is(ctx, "json")) {
        rpt_budget_json(&b, ctx->inv, &ctx->out);
        status = CLI_EXIT_OK;
    } else {
        rpt_doc *d = rpt_budget_doc(&b, ctx->inv, ctx->locale);
        status = cmd_report_render(ctx, d);
        rpt_doc_free(d);
    }
    rpt_budget_free(&b);
out_pv:
    plan_views_free(&pv);
    return status;
}

static int cmd_report_renewal_run(cli_ctx *ctx)
{
    plan_views pv;
    rpt_renewal r;
    usage_report *u = NULL;
    int status = CLI_EXIT_INPUT;
    /* a malformed usage report is invalid input, as for `usage` */
    if (ctx->opt->records_dir && usage_read(ctx->inv, ctx->opt->records_dir, ctx->opt->as_of,
                                            ctx->pol->headroom_percent, &u, &ctx->errs) != 0)
        return CLI_EXIT_INPUT;
    if (plan_views_build(ctx->inv, ctx->opt->as_of, ctx->horizon_days, &pv, &ctx->errs) != 0)
        goto out_usage;
    if (rpt_renewal_build(ctx->inv, &pv, &ctx->findings, ctx->opt->year, &r, &ctx->errs) != 0)
        goto out_pv;
    if (u)
        rpt_renewal_add_usage(&r, u);
    if (ctx->opt->quiet && r.n_plans == 0) {
        status = CLI_EXIT_OK;
    } else if (cli_format_is(ctx, "json")) {
        rpt_renewal_json(&r, ctx->inv, &ctx->out);
        status = CLI_EXIT_OK;
    } else {
        rpt_doc *d = rpt_renewal_doc(&r, ctx->inv, ctx->locale);
        status = cmd_report_render(ctx, d);
        rpt_doc_free(d);
    }
    rpt_renewal_free(&r);
out_pv:
    plan_views_free(&pv);
out_usage:
    usage_free(u);
    return status;
}

const cli_command cmd_renewal_entry = {
    "report renewal",
    "[--year Y] [--records DIR]",
    "the terms ending in a year: decisions, deadlines, cutoffs, costs",
    "text,json,csv,md,html",
    CLI_OPT_YEAR | CLI_OPT_RECORDS,
    cmd_report_renewal_run,
    "Every plan whose current term ends in year Y (default: the year of the last\n"
    "day of the earliest term whose cutoff is after the as-of date): service,\n"
    "owner, cost center, auto-renewal, the last day, the cutoff in UTC and in each\n"
    "configured zone, the decision deadline with the days left (or overdue), the\n"
    "units now and at renewal, the renewal unit price and amount, and the license\n"
    "actions the renewal brings (licenses that expire before the next term ends,\n"
    "image and license mismatches, planned image upgrades). Totals per cost center\n"
    "and overall. -q prints nothing when no term ends in the year.\n"
    "With --records DIR (the usage reports, as for `usage`), each plan with a\n"
    "quota_per_unit also shows its projected use against what is licensed and the\n"
    "recommended units, and a renewal is flagged when its units buy less than the\n"
    "projection or more than twice it; a malformed usage report is invalid input\n"
    "(exit 3).\n"
    "CSV: one row per plan; with --records five more columns at the end:\n"
    "usage_unit, licensed, projected, recommended_units, usage_fit (ok,\n"
    "below-projection, above-twice-projection; empty when not measured or the\n"
    "plan does not renew).\n",
};

const cli_command cmd_budget_entry = {
    "report budget",
    "[--years N]",
    "committed and projected spend per calendar year and cost center",
    "text,json,csv,md,html",
    CLI_OPT_YEARS,
    cmd_report_budget_run,
    "For N calendar years (default 3) from the as-of date's year, per cost center\n"
    "(plans without one under \"(none)\"): the charges of the current terms dated on\n"
    "or before the as-of date (committed), those still to come (scheduled), and the\n"
    "renewals of auto-renewing plans projected through December 31st of the last\n"
    "year whatever the horizon (projected); each charge counts in the year of its\n"
    "date. Totals per year and overall add the rounded charges.\n"
    "CSV: one row per year and cost center.\n",
};
