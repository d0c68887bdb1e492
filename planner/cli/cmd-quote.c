/*
 * commitplan quote --plan ID --units N [--on DATE]: the pro-rated price of N
 * more units of a plan bought on DATE (default the as-of date) inside its
 * current term (rules.md §2), rounded once with the policy's rounding. Text
 * shows the formula with its numbers; JSON follows the cli.md contract.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planner/cli/cli.h"
#include "reports/jsonw.h"

/* How many plan ids the hint of an unknown --plan lists. */
#define CMD_QUOTE_HINT_IDS 5

typedef struct cmd_quote {
    const inv_plan *plan;
    cal_day date;
    int64_t units;
    money_minor amount;
    int remaining_days, term_days;
} cmd_quote;

static void cmd_quote_json(cli_ctx *ctx, const cmd_quote *q)
{
    int digits = ctx->inv->currency_digits;
    rpt_json w;
    rpt_json_begin(&w, &ctx->out, "quote");
    rpt_json_key(&w, "plan");
    rpt_json_string(&w, q->plan->id);
    rpt_json_key(&w, "date");
    rpt_json_day(&w, q->date);
    rpt_json_key(&w, "units");
    rpt_json_int(&w, q->units);
    rpt_json_key(&w, "unit_price");
    rpt_json_price(&w, q->plan->unit_price, digits);
    rpt_json_key(&w, "remaining_days");
    rpt_json_int(&w, q->remaining_days);
    rpt_json_key(&w, "term_days");
    rpt_json_int(&w, q->term_days);
    rpt_json_key(&w, "amount");
    rpt_json_money(&w, q->amount, digits);
    rpt_json_key(&w, "currency");
    rpt_json_string(&w, ctx->inv->currency);
    rpt_json_end(&w);
    rpt_json_finish(&w);
}

static void cmd_quote_text(cli_ctx *ctx, cal_fmt *f, const cmd_quote *q)
{
    cp_buf *out = &ctx->out;
    const inv_plan *p = q->plan;
    int digits = ctx->inv->currency_digits;
    int price_digits = money_micros_decimals(p->unit_price, digits);
    char buf[32];

    cp_buf_printf(out, "Quote for %s (%s): %lld more unit%s bought on ", p->id, p->service,
                  (long long)q->units, q->units == 1 ? "" : "s");
    cal_fmt_date(f, q->date, out);
    cp_buf_puts(out, "\n\n  unit price \u00d7 units \u00d7 remaining days / term days\n  ");
    cal_fmt_number(f, money_format_micros(p->unit_price, digits, buf), price_digits, price_digits,
                   out);
    cp_buf_puts(out, " \u00d7 ");
    snprintf(buf, sizeof buf, "%lld", (long long)q->units);
    cal_fmt_number(f, buf, 0, 0, out);
    cp_buf_printf(out, " \u00d7 %d / %d = ", q->remaining_days, q->term_days);
    cal_fmt_number(f, money_format_minor(q->amount, digits, buf), digits, digits, out);
    cp_buf_puts(out, "\n\n  Amount: ");
    cal_fmt_money(f, money_format_minor(q->amount, digits, buf), digits, digits, out);
    cp_buf_printf(out, " (%s, rounded %s)\n  Term:   ", ctx->inv->currency,
                  money_rounding_name(ctx->pol->rounding));
    cal_fmt_date(f, p->term_start, out);
    cp_buf_puts(out, " to ");
    cal_fmt_date(f, p->last_day, out);
    cp_buf_printf(out, " (%d days); %d days remain, counting ", q->term_days, q->remaining_days);
    cal_fmt_date(f, q->date, out);
    cp_buf_puts(out, "\n          and the last day\n");
}

/* The hint for an unknown plan id: some ids the inventory has. Free with free(). */
static char *cmd_quote_ids_hint(const inv_inventory *inv)
{
    if (inv->n_plans == 0)
        return xstrdup("the inventory has no plans");
    cp_buf b = {0};
    cp_buf_puts(&b, inv->n_plans == 1 ? "the inventory's plan is " : "plans in the inventory: ");
    for (size_t i = 0; i < inv->n_plans && i < CMD_QUOTE_HINT_IDS; i++)
        cp_buf_printf(&b, "%s%s", i ? ", " : "", inv->plans[i].id);
    if (inv->n_plans > CMD_QUOTE_HINT_IDS)
        cp_buf_printf(&b, " and %zu more", inv->n_plans - CMD_QUOTE_HINT_IDS);
    return cp_buf_steal(&b);
}

static int cmd_quote_run(cli_ctx *ctx)
{
    const cli_options *o = ctx->opt;
    char *hint = NULL;
    cal_fmt *f = NULL;
    int status = CLI_EXIT_INPUT;
    cmd_quote q;
    memset(&q, 0, sizeof q);

    long idx = inv_find_plan(ctx->inv, o->plan_id);
    if (idx < 0) {
        hint = cmd_quote_ids_hint(ctx->inv);
        cli_input_error(ctx, hint, "quote: --plan %s: the inventory has no plan with this id",
                        o->plan_id);
        goto out;
    }
    q.plan = &ctx->inv->plans[idx];
    q.units = o->units;
    q.date = o->on != CAL_NONE ? o->on : o->as_of;
    if (q.date < q.plan->term_start || q.date > q.plan->last_day) {
        char d[CAL_ISO_LEN + 1], s[CAL_ISO_LEN + 1], e[CAL_ISO_LEN + 1];
        hint =
            xasprintf("the current term of %s runs from %s to %s", q.plan->id,
                      cal_format_iso(q.plan->term_start, s), cal_format_iso(q.plan->last_day, e));
        /* located at the plan, whose term the date is checked against */
        inv_plan_error(ctx->inv, (size_t)idx, NULL, &ctx->errs, hint,
                       "quote: %s is outside the current term of plan %s",
                       cal_format_iso(q.date, d), q.plan->id);
        goto out;
    }
    if (inv_prorate(q.plan->unit_price, q.units, q.date, q.plan->term_start, q.plan->last_day,
                    ctx->inv->currency_digits, ctx->pol->rounding, &q.amount, &q.remaining_days,
                    &q.term_days) != MONEY_OK) {
        inv_plan_error(ctx->inv, (size_t)idx, NULL, &ctx->errs, "quote fewer units",
                       "quote: the amount is 10^15 %s or more", ctx->inv->currency);
        goto out;
    }
    if (cli_format_is(ctx, "json")) {
        cmd_quote_json(ctx, &q);
    } else {
        f = cli_fmt_open(ctx);
        if (!f)
            goto out;
        cmd_quote_text(ctx, f, &q);
    }
    status = CLI_EXIT_OK;
out:
    cal_fmt_close(f);
    free(hint);
    return status;
}

const cli_command cmd_quote_entry = {
    "quote",
    "--plan ID --units N [--on DATE]",
    "the pro-rated price of N more units bought on DATE (default the as-of date)",
    "text,json",
    CLI_OPT_PLAN | CLI_OPT_UNITS | CLI_OPT_ON,
    cmd_quote_run,
    "Units bought during a term are charged for the days that remain in it:\n"
    "unit price x units x remaining days / term days, where the purchase day and\n"
    "the last day both count, rounded once to the currency's minor unit with the\n"
    "policy's rounding. --plan and --units are required; DATE must lie in the\n"
    "plan's current term.\n",
};
