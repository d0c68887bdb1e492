/*
 * commitplan usage --records DIR: the utilization of each plan's quota from
 * the usage reports saved by the containers (rules.md §7), in text (a monthly
 * table per plan, with a bar chart on a terminal), JSON (the cli.md contract)
 * or CSV (one row per plan and month). All figures come from planner/usage.c;
 * this file only lays them out.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "planner/cli/cli.h"
#include "planner/usage.h"
#include "reports/csv.h"
#include "reports/jsonw.h"

#define CMD_USAGE_BAR_CELLS 24 /* width of the largest month's bar, in characters */

static void cmd_usage_json(cli_ctx *ctx, const usage_report *r)
{
    char num[USAGE_DEC_SIZE], month[16];
    rpt_json w;
    rpt_json_begin(&w, &ctx->out, "usage");
    rpt_json_key(&w, "as_of");
    rpt_json_day(&w, r->as_of);
    rpt_json_key(&w, "headroom_percent");
    rpt_json_int(&w, r->headroom_percent);
    rpt_json_key(&w, "plans");
    rpt_json_array(&w, false);
    for (size_t i = 0; i < r->n_plans; i++) {
        const usage_plan *u = &r->plans[i];
        rpt_json_object(&w, false);
        rpt_json_key(&w, "id");
        rpt_json_string(&w, u->id);
        rpt_json_key(&w, "unit");
        rpt_json_string(&w, u->unit);
        rpt_json_key(&w, "licensed");
        rpt_json_raw(&w, usage_dec_format(u->fig.licensed, num));
        rpt_json_key(&w, "used");
        rpt_json_raw(&w, usage_dec_format(u->fig.used, num));
        rpt_json_key(&w, "covered_days");
        rpt_json_int(&w, u->fig.covered_days);
        rpt_json_key(&w, "projected");
        rpt_json_raw(&w, u->fig.projected_text);
        rpt_json_key(&w, "utilization");
        rpt_json_raw(&w, u->fig.utilization_text);
        rpt_json_key(&w, "exhaustion_date");
        rpt_json_day(&w, u->fig.exhaustion_date);
        rpt_json_key(&w, "recommended_units");
        rpt_json_int(&w, u->fig.recommended_units);
        rpt_json_key(&w, "units");
        rpt_json_int(&w, u->units);
        rpt_json_key(&w, "quota_per_unit");
        rpt_json_raw(&w, usage_dec_format(u->quota, num));
        rpt_json_key(&w, "term");
        rpt_json_object(&w, true);
        rpt_json_key(&w, "start");
        rpt_json_day(&w, u->term_start);
        rpt_json_key(&w, "last_day");
        rpt_json_day(&w, u->last_day);
        rpt_json_key(&w, "days");
        rpt_json_int(&w, u->fig.term_days);
        rpt_json_end(&w);
        rpt_json_key(&w, "reports");
        rpt_json_int(&w, (int64_t)u->reports);
        rpt_json_key(&w, "months");
        rpt_json_array(&w, false);
        for (size_t k = 0; k < u->n_months; k++) {
            const usage_month *m = &u->months[k];
            rpt_json_object(&w, true);
            rpt_json_key(&w, "month");
            snprintf(month, sizeof month, "%04d-%02d", m->year, m->month);
            rpt_json_string(&w, month);
            rpt_json_key(&w, "reports");
            rpt_json_int(&w, (int64_t)m->reports);
            rpt_json_key(&w, "used");
            rpt_json_raw(&w, usage_dec_format(m->used, num));
            rpt_json_end(&w);
        }
        rpt_json_end(&w);
        rpt_json_end(&w);
    }
    rpt_json_end(&w);
    rpt_json_key(&w, "not_measurable");
    rpt_json_array(&w, false);
    for (size_t i = 0; i < r->n_unmeasured; i++) {
        rpt_json_object(&w, true);
        rpt_json_key(&w, "id");
        rpt_json_string(&w, ctx->inv->plans[r->unmeasured[i]].id);
        rpt_json_key(&w, "reason");
        rpt_json_string(&w, "no quota_per_unit");
        rpt_json_end(&w);
    }
    rpt_json_end(&w);
    rpt_json_key(&w, "skipped");
    rpt_json_array(&w, false);
    for (size_t i = 0; i < r->n_skipped; i++) {
        const usage_skip *s = &r->skipped[i];
        rpt_json_object(&w, true);
        rpt_json_key(&w, "file");
        rpt_json_string(&w, s->file);
        if (s->meter) {
            rpt_json_key(&w, "meter");
            rpt_json_string(&w, s->meter);
        }
        rpt_json_key(&w, "reason");
        rpt_json_string(&w, s->reason);
        rpt_json_end(&w);
    }
    rpt_json_end(&w);
    rpt_json_end(&w);
    rpt_json_finish(&w);
}

static void cmd_usage_csv(cli_ctx *ctx, const usage_report *r)
{
    char month[32], reports[32], used[USAGE_DEC_SIZE], cumulative[USAGE_DEC_SIZE],
        licensed[USAGE_DEC_SIZE];
    cp_buf *out = &ctx->out;
    cp_buf_puts(out, "plan,month,unit,reports,used,cumulative_used,licensed\r\n");
    for (size_t i = 0; i < r->n_plans; i++) {
        const usage_plan *u = &r->plans[i];
        for (size_t k = 0; k < u->n_months; k++) {
            const usage_month *m = &u->months[k];
            snprintf(month, sizeof month, "%04d-%02d", m->year, m->month);
            snprintf(reports, sizeof reports, "%zu", m->reports);
            const char *row[] = {
                u->id,
                month,
                u->unit,
                reports,
                usage_dec_format(m->used, used),
                usage_dec_format(m->cumulative, cumulative),
                usage_dec_format(u->fig.licensed, licensed),
            };
            rpt_csv_row(out, row, sizeof row / sizeof row[0]);
        }
    }
}

/* A decimal grouped for the locale ("21,500.5"), every decimal kept. */
static void cmd_usage_number(cal_fmt *f, const char *decimal, cp_buf *out)
{
    const char *dot = strchr(decimal, '.');
    int frac = dot ? (int)strlen(dot + 1) : 0;
    if (f)
        cal_fmt_number(f, decimal, frac, frac, out);
    else
        cp_buf_puts(out, decimal);
}

static void cmd_usage_date(cal_fmt *f, cal_day d, cp_buf *out)
{
    char day[CAL_ISO_LEN + 1];
    if (f)
        cal_fmt_date(f, d, out);
    else
        cp_buf_puts(out, cal_format_iso(d, day));
}

/* Appends a bar of `eighths` eighths of a character cell in unicode blocks. */
static void cmd_usage_bar(cp_buf *out, int eighths)
{
    static const char *const part[8] = {"", "\u258f", "\u258e", "\u258d",
                                        "\u258c", "\u258b", "\u258a", "\u2589"};
    for (int i = 0; i < eighths / 8; i++)
        cp_buf_puts(out, "\u2588");
    cp_buf_puts(out, part[eighths % 8]);
}

/* The utilization as a percentage with 2 decimals ("71.67"), from the 4-decimal figure. */
static void cmd_usage_percent(const usage_figures *fig, char *buf)
{
    usage_dec d;
    const char *why;
    if (usage_dec_parse(fig->utilization_text, &d, &why) != 0) {
        strcpy(buf, fig->utilization_text);
        return;
    }
    if (d.scale >= 2) {
        d.scale -= 2;
    } else {
        d.m *= d.scale == 1 ? 10 : 100;
        d.scale = 0;
    }
    usage_dec_format(d, buf);
}

static void cmd_usage_text_plan(cli_ctx *ctx, cal_fmt *f, const usage_plan *u, bool bars)
{
    char num[USAGE_DEC_SIZE], pct[USAGE_DEC_SIZE];
    cp_buf *out = &ctx->out;
    cp_buf cells = {0};

    cmd_usage_percent(&u->fig, pct);
    cp_buf_printf(out, "\n%s: ", u->id);
    cmd_usage_number(f, usage_dec_format(u->fig.used, num), out);
    cp_buf_puts(out, " of ");
    cmd_usage_number(f, usage_dec_format(u->fig.licensed, num), out);
    cp_buf_putc(out, ' ');
    cp_buf_put_visible(out, u->unit);
    cp_buf_printf(out, " used (%s%%)\n  term ", pct);
    cmd_usage_date(f, u->term_start, out);
    cp_buf_puts(out, " to ");
    cmd_usage_date(f, u->last_day, out);
    if (u->reports == 0)
        cp_buf_puts(out, "; no usage report counted yet\n");
    else
        cp_buf_printf(out, "; %zu report%s cover %d of %d days\n", u->reports,
                      u->reports == 1 ? "" : "s", u->fig.covered_days, u->fig.term_days);
    cp_buf_puts(out, "  projected ");
    cmd_usage_number(f, u->fig.projected_text, out);
    cp_buf_putc(out, ' ');
    cp_buf_put_visible(out, u->unit);
    cp_buf_puts(out, " by the last day; ");
    if (u->fig.exhaustion_date == CAL_NONE) {
        cp_buf_puts(out, "the quota lasts the term\n");
    } else {
        cp_buf_puts(out, "the quota runs out on ");
        cmd_usage_date(f, u->fig.exhaustion_date, out);
        cp_buf_puts(out, "\n");
    }
    cp_buf_printf(out, "  recommended units: %" PRId64 " (%" PRId64 " held, %d%% headroom)\n\n",
                  u->fig.recommended_units, u->units, ctx->pol->headroom_percent);

    usage_dec top = {0, 0};
    for (size_t k = 0; k < u->n_months; k++) {
        if (usage_dec_cmp(u->months[k].used, top) > 0)
            top = u->months[k].used;
    }
    cp_buf_printf(out, "  %-8s %7s %16s %16s\n", "month", "reports", "used", "cumulative");
    for (size_t k = 0; k < u->n_months; k++) {
        const usage_month *m = &u->months[k];
        cp_buf_printf(out, "  %04d-%02d  %7zu ", m->year, m->month, m->reports);
        cp_buf_reset(&cells);
        cmd_usage_number(f, usage_dec_format(m->used, num), &cells);
        cp_buf_printf(out, "%16s ", cp_buf_str(&cells));
        cp_buf_reset(&cells);
        cmd_usage_number(f, usage_dec_format(m->cumulative, num), &cells);
        cp_buf_printf(out, "%16s", cp_buf_str(&cells));
        if (bars && !usage_dec_is_zero(m->used)) {
            cp_buf_puts(out, "  ");
            int e = usage_dec_share(m->used, top, CMD_USAGE_BAR_CELLS * 8);
            cmd_usage_bar(out, e > 0 ? e : 1);
        }
        cp_buf_putc(out, '\n');
    }
    cp_buf_free(&cells);
}

static void cmd_usage_text(cli_ctx *ctx, const usage_report *r)
{
    cp_buf *out = &ctx->out;
    cal_fmt *f = cal_fmt_open(ctx->locale, ctx->inv->currency);
    bool bars = !ctx->opt->output && isatty(STDOUT_FILENO);

    cp_buf_puts(out, "Usage of the licensed quotas as of ");
    cmd_usage_date(f, r->as_of, out);
    cp_buf_puts(out, " (records: ");
    cp_buf_put_visible(out, ctx->opt->records_dir);
    cp_buf_puts(out, ")\n");
    if (r->n_plans == 0)
        cp_buf_puts(out, "\nNo plan has a quota_per_unit: nothing to measure.\n");
    for (size_t i = 0; i < r->n_plans; i++)
        cmd_usage_text_plan(ctx, f, &r->plans[i], bars);
    if (r->n_unmeasured) {
        cp_buf_puts(out, "\nNot measurable (no quota_per_unit):");
        for (size_t i = 0; i < r->n_unmeasured; i++)
            cp_buf_printf(out, " %s", ctx->inv->plans[r->unmeasured[i]].id);
        cp_buf_putc(out, '\n');
    }
    if (r->n_skipped) {
        cp_buf_printf(out, "\nSkipped (%zu):\n", r->n_skipped);
        for (size_t i = 0; i < r->n_skipped; i++) {
            const usage_skip *s = &r->skipped[i];
            cp_buf_puts(out, "  ");
            cp_buf_put_visible(out, s->file);
            cp_buf_puts(out, ": ");
            cp_buf_put_visible(out, s->reason);
            cp_buf_putc(out, '\n');
        }
    }
    cal_fmt_close(f);
}

/* True when a plan's quota runs out before its last day or its usage calls for more units. */
static bool cmd_usage_act(const usage_report *r)
{
    for (size_t i = 0; i < r->n_plans; i++)
        if (r->plans[i].fig.exhaustion_date != CAL_NONE ||
            r->plans[i].fig.recommended_units > r->plans[i].units)
            return true;
    return false;
}

static int cmd_usage_run(cli_ctx *ctx)
{
    usage_report *r = NULL;
    if (usage_read(ctx->inv, ctx->opt->records_dir, ctx->opt->as_of, ctx->pol->headroom_percent,
                   &r, &ctx->errs) != 0)
        return CLI_EXIT_INPUT;
    if (!(ctx->opt->quiet && !cmd_usage_act(r))) {
        if (cli_format_is(ctx, "json"))
            cmd_usage_json(ctx, r);
        else if (cli_format_is(ctx, "csv"))
            cmd_usage_csv(ctx, r);
        else
            cmd_usage_text(ctx, r);
    }
    usage_free(r);
    return CLI_EXIT_OK;
}

const cli_command cmd_usage_entry = {
    "usage",
    "--records DIR",
    "utilization of each plan's quota from saved usage reports",
    "text,json,csv",
    CLI_OPT_RECORDS,
    cmd_usage_run,
    "Reads the usage reports the containers serve at /records/usage-logs/{MONTH}/{YEAR},\n"
    "saved as DIR/CONTAINER-ID/YYYY-MM.json, and shows for each plan with a\n"
    "quota_per_unit what is licensed and used, the projection over the term, when\n"
    "the quota runs out and how many units the usage calls for (with the policy's\n"
    "headroom_percent). A meter counts its billedUnit where present, else its\n"
    "quantity. Reports of months outside the term, of unknown containers and\n"
    "meters are listed as skipped. A malformed report is invalid input (exit 3).\n"
    "With -q nothing is printed unless a quota runs out before the last day or the\n"
    "usage calls for more units than are held.\n",
};
