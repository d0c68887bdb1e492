/*
 * The command line: the command table, the options every command shares, the
 * loading of inventory and policy, and the exit statuses of cli.md. Each
 * command lives in its own cmd-<verb>.c and exports one cli_command; main.c
 * only dispatches. Commands build their output into a buffer; the framework
 * writes it to stdout or, with -o, atomically to a file.
 */
#ifndef COMMITPLAN_CLI_H
#define COMMITPLAN_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "calendar/base.h"
#include "calendar/date.h"
#include "calendar/zone.h"
#include "planner/inventory.h"
#include "policies/findings.h"
#include "policies/policy.h"
#include "reports/jsonw.h"

/* Exit statuses (cli.md). */
enum {
    CLI_EXIT_OK = 0,     /* success; remind: nothing due; check: no error findings */
    CLI_EXIT_ACT = 1,    /* success, and something needs acting on */
    CLI_EXIT_USAGE = 2,  /* unknown command or option, bad option value, unsupported format */
    CLI_EXIT_INPUT = 3,  /* invalid input: nothing was planned or written */
    CLI_EXIT_SYSTEM = 4, /* an output or the state file could not be written */
};

/* Options a command may accept beyond the common ones (bit set in cli_command.options). */
enum {
    CLI_OPT_PLAN = 1 << 0,          /* --plan ID */
    CLI_OPT_UNITS = 1 << 1,         /* --units N */
    CLI_OPT_ON = 1 << 2,            /* --on DATE */
    CLI_OPT_STATE = 1 << 3,         /* --state FILE */
    CLI_OPT_WITH_FINDINGS = 1 << 4, /* --with-findings */
    CLI_OPT_YEAR = 1 << 5,          /* --year Y */
    CLI_OPT_YEARS = 1 << 6,         /* --years N */
    CLI_OPT_BUNDLE = 1 << 7,        /* --bundle DIR */
    CLI_OPT_RECORDS = 1 << 8,       /* --records DIR */
};

typedef struct cli_options {
    const char *inventory_path; /* "-" for stdin */
    cal_day as_of;              /* --as-of, or today in UTC */
    bool as_of_given;
    const char *policy_file; /* --policy */
    const char *format;      /* --format, or "text" */
    const char *output;      /* -o, or NULL for stdout */
    int horizon;             /* --horizon, or -1 for the policy's */
    const char *locale;      /* --locale, or NULL */
    bool quiet;
    const char *plan_id;
    int64_t units; /* --units, -1 when absent */
    cal_day on;    /* --on, CAL_NONE when absent */
    const char *state_file;
    bool with_findings;
    int year;  /* --year, 0 when absent */
    int years; /* --years, 0 when absent */
    const char *bundle_dir;
    const char *records_dir;
} cli_options;

/* Everything a command runs on: options, the loaded model and policy, findings. */
typedef struct cli_ctx {
    const cli_options *opt;
    inv_inventory *inv;
    pol_policy *pol;
    rule_findings findings;
    int horizon_days;   /* --horizon or the policy's horizon_days */
    const char *locale; /* --locale or the inventory's */
    cp_buf out;         /* the command's output */
    cp_errors errs;     /* input errors found while running (exit 3) */
    char *sys_error;    /* a system error message (exit 4), owned */
    bool stdout_tty;    /* for colour: stdout is a terminal and NO_COLOR is unset */
    bool out_stream;    /* out goes to stdout, so cli_out_flush may write it early */
    /* Called after the output was written and flushed in full (e.g. to record reminders). */
    int (*after_write)(struct cli_ctx *ctx, void *arg);
    void *after_write_arg;
} cli_ctx;

typedef struct cli_command {
    const char *name;    /* "check", "report renewal", ... */
    const char *usage;   /* the arguments after the name */
    const char *summary; /* one line */
    const char *formats; /* comma-separated, the first is the default: "text,json" */
    unsigned options;    /* CLI_OPT_* accepted */
    /* Fills ctx->out and returns an exit status; on CLI_EXIT_INPUT fills ctx->errs. */
    int (*run)(cli_ctx *ctx);
    const char *help; /* longer description for `help COMMAND` */
} cli_command;

extern const cli_command cmd_check_entry;
extern const cli_command cmd_plan_entry, cmd_quote_entry;
extern const cli_command cmd_remind_entry;
extern const cli_command cmd_renewal_entry, cmd_budget_entry, cmd_procurement_entry;
extern const cli_command cmd_calendar_entry;
extern const cli_command cmd_usage_entry;

/* Runs commitplan with argv; returns the exit status. Prints to stdout and stderr. */
int cli_main(int argc, char **argv);

/* True when the command's --format is f. */
bool cli_format_is(const cli_ctx *ctx, const char *f);

/*
 * With ctx->out_stream, writes ctx->out to stdout and empties it once it holds
 * at least min bytes, so that a large output is not held whole. Only for
 * commands that can no longer fail but on writing. Returns 0, or -1 with
 * ctx->sys_error set when the write failed (exit CLI_EXIT_SYSTEM).
 */
int cli_out_flush(cli_ctx *ctx, size_t min);

/*
 * Writes the findings as the JSON array of cli.md (code, severity, subject,
 * path, message, hint), each finding on one line when inline_items.
 */
void cli_json_findings(rpt_json *w, const rule_findings *fs, bool inline_items);

/* Adds an input error without location (e.g. about an option value naming no plan). */
void cli_input_error(cli_ctx *ctx, const char *hint, const char *fmt, ...) CP_PRINTF(3, 4);

/*
 * Opens the formatter of the command's locale and the inventory's currency
 * (close with cal_fmt_close). NULL when ICU has no such locale, with the
 * input error added to ctx->errs.
 */
cal_fmt *cli_fmt_open(cli_ctx *ctx);

#endif
