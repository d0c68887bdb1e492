/*
 * commitplan check: validates the inventory and policy (the framework has
 * already refused invalid input with exit 3) and reports the findings of
 * rules.md §5 in text or JSON. Exit 1 when there are error findings.
 */
#include "config.h"

#include <string.h>

#include "planner/cli/cli.h"
#include "reports/jsonw.h"

static void cmd_check_json(cli_ctx *ctx)
{
    rpt_json w;
    rpt_json_begin(&w, &ctx->out, "check");
    rpt_json_key(&w, "as_of");
    rpt_json_day(&w, ctx->opt->as_of);
    rpt_json_key(&w, "summary");
    rpt_json_object(&w, true);
    rpt_json_key(&w, "errors");
    rpt_json_int(&w, (int64_t)ctx->findings.n_errors);
    rpt_json_key(&w, "warnings");
    rpt_json_int(&w, (int64_t)ctx->findings.n_warnings);
    rpt_json_key(&w, "infos");
    rpt_json_int(&w, (int64_t)ctx->findings.n_infos);
    rpt_json_end(&w);
    rpt_json_key(&w, "findings");
    cli_json_findings(&w, &ctx->findings, false);
    rpt_json_end(&w);
    rpt_json_finish(&w);
}

static const char *cmd_check_colour(const cli_ctx *ctx, rule_severity s)
{
    if (!ctx->stdout_tty)
        return "";
    return s == RULE_ERROR ? "\033[1;31m" : s == RULE_WARNING ? "\033[1;33m" : "\033[1;36m";
}

/* The text report; the as-of date formatted for the locale with fmt (finding messages keep ISO
 * dates: they are the same in the JSON). */
static void cmd_check_text(cli_ctx *ctx, cal_fmt *fmt)
{
    const rule_findings *fs = &ctx->findings;
    const char *reset = ctx->stdout_tty ? "\033[0m" : "";
    cp_buf *out = &ctx->out;

    cp_buf_put_visible(out, ctx->inv->file);
    cp_buf_printf(out, ": %zu plan%s, %zu container%s, %zu subscription%s, as of ",
                  ctx->inv->n_plans, ctx->inv->n_plans == 1 ? "" : "s",
                  ctx->inv->n_containers, ctx->inv->n_containers == 1 ? "" : "s",
                  ctx->inv->n_subscriptions, ctx->inv->n_subscriptions == 1 ? "" : "s");
    cal_fmt_date(fmt, ctx->opt->as_of, out);
    cp_buf_putc(out, '\n');
    if (fs->count == 0) {
        cp_buf_puts(out, "No findings: the inventory follows every rule.\n");
        return;
    }
    cp_buf_printf(out, "%zu error%s, %zu warning%s, %zu info\n", fs->n_errors,
                  fs->n_errors == 1 ? "" : "s", fs->n_warnings, fs->n_warnings == 1 ? "" : "s",
                  fs->n_infos);
    int last_sev = -1;
    for (size_t i = 0; i < fs->count; i++) {
        const rule_finding *f = &fs->items[i];
        if ((int)f->severity != last_sev) {
            last_sev = (int)f->severity;
            cp_buf_printf(out, "\n%s%s%s\n", cmd_check_colour(ctx, f->severity),
                          f->severity == RULE_ERROR     ? "Errors"
                          : f->severity == RULE_WARNING ? "Warnings"
                                                        : "Information",
                          reset);
        }
        cp_buf_printf(out, "  %s%s%s %s (", cmd_check_colour(ctx, f->severity), f->code, reset,
                      f->subject);
        cp_buf_put_visible(out, f->path);
        cp_buf_puts(out, ")\n    ");
        cp_buf_put_visible(out, f->message);
        cp_buf_puts(out, "\n    hint: ");
        cp_buf_put_visible(out, f->hint);
        cp_buf_putc(out, '\n');
    }
}

static int cmd_check_run(cli_ctx *ctx)
{
    bool act = ctx->findings.n_errors > 0;
    if (ctx->opt->quiet && !act)
        return CLI_EXIT_OK;
    if (cli_format_is(ctx, "json")) {
        cmd_check_json(ctx);
    } else {
        cal_fmt *f = cli_fmt_open(ctx);
        if (!f)
            return CLI_EXIT_INPUT;
        cmd_check_text(ctx, f);
        cal_fmt_close(f);
    }
    return act ? CLI_EXIT_ACT : CLI_EXIT_OK;
}

const cli_command cmd_check_entry = {
    "check",
    "",
    "validates the inventory and policy and reports findings",
    "text,json",
    0,
    cmd_check_run,
    "Reads the inventory and its policy layers; any invalid input is reported with\n"
    "file, line, column and JSON path (exit 3). Then reports the findings of the\n"
    "rules (errors, warnings, information), each with a hint. Exit 1 when there\n"
    "are error findings, 0 otherwise.\n",
};
