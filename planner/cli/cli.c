/*
 * The command-line framework: parses the common and per-command options,
 * loads the inventory with its policy layers, computes the findings, runs the
 * command, and writes its output (stdout or -o, atomically). Maps every
 * outcome to the exit statuses of cli.md.
 */
#include "config.h"

#include "planner/cli/cli.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "planner/cli/output.h"
#include "reports/jsonw.h"

static const cli_command *const cli_commands[] = {
    &cmd_check_entry,     &cmd_plan_entry,          &cmd_quote_entry,
    &cmd_remind_entry,    &cmd_renewal_entry,       &cmd_budget_entry,
    &cmd_procurement_entry, &cmd_calendar_entry, &cmd_usage_entry,
};
#define CLI_N_COMMANDS (sizeof cli_commands / sizeof cli_commands[0])

static const char cli_common_help[] =
    "Options common to the commands:\n"
    "  --as-of DATE        plan as of this UTC date (YYYY-MM-DD) instead of today\n"
    "  --policy FILE       a policy laid over the default and the inventory's\n"
    "  --format F          output format (see each command)\n"
    "  -o, --output FILE   write to FILE atomically instead of standard output\n"
    "  --horizon DAYS      days after the as-of date that plans and events cover (1-3660)\n"
    "  --locale L          ICU locale for human-readable output (e.g. de_DE)\n"
    "  -q, --quiet         no output when there is nothing to act on\n"
    "INVENTORY may be - for standard input.\n";

static void cli_print_usage(FILE *f)
{
    fprintf(f, "usage: commitplan COMMAND [OPTION...] INVENTORY\n"
               "       commitplan --help | --version | help COMMAND\n\n"
               "Commands:\n");
    for (size_t i = 0; i < CLI_N_COMMANDS; i++)
        fprintf(f, "  %-20s %s\n", cli_commands[i]->name, cli_commands[i]->summary);
    fprintf(f, "\n%s\nExit status: 0 success (remind: nothing due; check: no error findings), 1 "
               "something needs acting on,\n2 usage error, 3 invalid input, 4 system error.\n",
            cli_common_help);
}

static void cli_print_command_help(const cli_command *c)
{
    printf("usage: commitplan %s [OPTION...] %s%sINVENTORY\n\n%s\n", c->name, c->usage,
           c->usage[0] ? " " : "", c->summary);
    if (c->help)
        printf("\n%s", c->help);
    printf("\nFormats: ");
    for (const char *p = c->formats; *p; p++)
        putchar(*p == ',' ? ' ' : *p);
    printf(" (default: ");
    const char *comma = strchr(c->formats, ',');
    printf("%.*s)\n\n%s", comma ? (int)(comma - c->formats) : (int)strlen(c->formats),
           c->formats, cli_common_help);
}

static const cli_command *cli_find(const char *name)
{
    for (size_t i = 0; i < CLI_N_COMMANDS; i++)
        if (strcmp(cli_commands[i]->name, name) == 0)
            return cli_commands[i];
    return NULL;
}

/*
 * Writes "commitplan: MESSAGE" and then, when not NULL, the line after. Arguments, file names
 * and system messages in MESSAGE have control characters shown as \uXXXX, as in every error
 * line (cp_errors_format), so no argument can break or restyle the line; a message of over
 * 2000 bytes keeps its beginning and its end (the reason, after a long file name).
 */
static void cli_vsay(const char *after, const char *fmt, va_list ap) CP_PRINTF(2, 0);
static void cli_vsay(const char *after, const char *fmt, va_list ap)
{
    cp_buf msg = {0}, line = {0};
    cp_buf_vprintf(&msg, fmt, ap);
    cp_buf_puts(&line, "commitplan: ");
    cp_buf_put_visible_ends(&line, cp_buf_str(&msg), CP_ERROR_TEXT_MAX);
    cp_buf_putc(&line, '\n');
    if (after)
        cp_buf_printf(&line, "%s\n", after);
    fputs(cp_buf_str(&line), stderr);
    cp_buf_free(&msg);
    cp_buf_free(&line);
}

static void cli_say(const char *after, const char *fmt, ...) CP_PRINTF(2, 3);
static void cli_say(const char *after, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cli_vsay(after, fmt, ap);
    va_end(ap);
}

static int cli_usage_error(const char *fmt, ...) CP_PRINTF(1, 2);
static int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cli_vsay("Try 'commitplan --help'.", fmt, ap);
    va_end(ap);
    return CLI_EXIT_USAGE;
}

/* A usage error about how options of command c combine; points to the command's help. */
static int cli_command_usage_error(const cli_command *c, const char *msg)
{
    char *after = xasprintf("Try 'commitplan help %s'.", c->name);
    cli_say(after, "%s: %s", c->name, msg);
    free(after);
    return CLI_EXIT_USAGE;
}

static bool cli_parse_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
    if (!*s || (*s != '-' && (*s < '0' || *s > '9')))
        return false;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

static bool cli_format_supported(const cli_command *c, const char *f)
{
    size_t n = strlen(f);
    for (const char *p = c->formats; *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == n && strncmp(p, f, n) == 0)
            return true;
        p += len + (comma ? 1 : 0);
    }
    return false;
}

/* Default format: the first listed. Returned string is static storage of the table (copied). */
static const char *cli_default_format(const cli_command *c, char *buf, size_t size)
{
    const char *comma = strchr(c->formats, ',');
    size_t len = comma ? (size_t)(comma - c->formats) : strlen(c->formats);
    if (len >= size)
        len = size - 1;
    memcpy(buf, c->formats, len);
    buf[len] = '\0';
    return buf;
}

bool cli_format_is(const cli_ctx *ctx, const char *f)
{
    return strcmp(ctx->opt->format, f) == 0;
}

int cli_out_flush(cli_ctx *ctx, size_t min)
{
    if (!ctx->out_stream || ctx->out.len < min || ctx->out.len == 0)
        return 0;
    if (cli_write_stdout(ctx->out.data, ctx->out.len, &ctx->sys_error) != 0)
        return -1;
    cp_buf_reset(&ctx->out);
    return 0;
}

void cli_json_findings(rpt_json *w, const rule_findings *fs, bool inline_items)
{
    rpt_json_array(w, false);
    for (size_t i = 0; i < fs->count; i++) {
        const rule_finding *f = &fs->items[i];
        rpt_json_object(w, inline_items);
        rpt_json_key(w, "code");
        rpt_json_string(w, f->code);
        rpt_json_key(w, "severity");
        rpt_json_string(w, rule_severity_name(f->severity));
        rpt_json_key(w, "subject");
        rpt_json_string(w, f->subject);
        rpt_json_key(w, "path");
        rpt_json_string(w, f->path);
        rpt_json_key(w, "message");
        rpt_json_string(w, f->message);
        rpt_json_key(w, "hint");
        rpt_json_string(w, f->hint);
        rpt_json_end(w);
    }
    rpt_json_end(w);
}

void cli_input_error(cli_ctx *ctx, const char *hint, const char *fmt, ...)
{
    cp_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    cp_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    cp_errors_add(&ctx->errs, NULL, 0, 0, 0, NULL, hint, "%s", cp_buf_str(&b));
    cp_buf_free(&b);
}

cal_fmt *cli_fmt_open(cli_ctx *ctx)
{
    cal_fmt *f = cal_fmt_open(ctx->locale, ctx->inv->currency);
    if (!f)
        cli_input_error(ctx, "give an ICU locale such as en_US (--locale)",
                        "cannot format for the locale '%s'", ctx->locale);
    return f;
}

static void cli_print_errors(cp_errors *errs)
{
    cp_errors_sort(errs);
    cp_buf b = {0};
    size_t shown = errs->count < CP_ERRORS_SHOWN ? errs->count : CP_ERRORS_SHOWN;
    for (size_t i = 0; i < shown; i++)
        cp_errors_format(errs, i, &b);
    if (cp_errors_total(errs) > shown)
        cp_buf_printf(&b, "commitplan: %zu more errors not shown\n", cp_errors_total(errs) - shown);
    fputs(cp_buf_str(&b), stderr);
    cp_buf_free(&b);
}

static cal_day cli_today_utc(void)
{
    time_t t = time(NULL);
    int64_t days = (int64_t)t / 86400;
    if ((int64_t)t % 86400 < 0)
        days--;
    return (cal_day)days;
}

/* Matches "--name" or "--name=value"; sets *value (the next argument when not inline). */
static int cli_take_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0)
        return 0;
    if (a[n] == '=') {
        *value = a + n + 1;
        return 1;
    }
    if (a[n] != '\0')
        return 0;
    if (*i + 1 >= argc)
        return -1;
    *value = argv[++*i];
    return 1;
}

typedef struct cli_optdef {
    const char *name;
    const char *alias; /* short form or NULL */
    unsigned need;     /* 0 for common options, else the CLI_OPT_* bit */
    bool takes_value;
} cli_optdef;

static const cli_optdef cli_optdefs[] = {
    {"--as-of", NULL, 0, true},          {"--policy", NULL, 0, true},
    {"--format", NULL, 0, true},         {"--output", "-o", 0, true},
    {"--horizon", NULL, 0, true},        {"--locale", NULL, 0, true},
    {"--quiet", "-q", 0, false},         {"--plan", NULL, CLI_OPT_PLAN, true},
    {"--units", NULL, CLI_OPT_UNITS, true}, {"--on", NULL, CLI_OPT_ON, true},
    {"--state", NULL, CLI_OPT_STATE, true}, {"--with-findings", NULL, CLI_OPT_WITH_FINDINGS, false},
    {"--year", NULL, CLI_OPT_YEAR, true},   {"--years", NULL, CLI_OPT_YEARS, true},
    {"--bundle", NULL, CLI_OPT_BUNDLE, true}, {"--records", NULL, CLI_OPT_RECORDS, true},
};

static int cli_apply_option(const cli_command *c, cli_options *o, const cli_optdef *d,
                            const char *v)
{
    int64_t n;
    if (d->need && !(c->options & d->need))
        return cli_usage_error("%s: unknown option '%s' for this command", c->name, d->name);
    if (strcmp(d->name, "--as-of") == 0) {
        if (cal_parse_iso(v, strlen(v), &o->as_of) != 0)
            return cli_usage_error("--as-of: '%s' is not a date YYYY-MM-DD in 1970-9999", v);
        o->as_of_given = true;
    } else if (strcmp(d->name, "--policy") == 0) {
        o->policy_file = v;
    } else if (strcmp(d->name, "--format") == 0) {
        o->format = v;
    } else if (strcmp(d->name, "--output") == 0) {
        if (!*v)
            return cli_usage_error("-o: the file name is empty");
        o->output = v;
    } else if (strcmp(d->name, "--horizon") == 0) {
        if (!cli_parse_int(v, 1, 3660, &n))
            return cli_usage_error("--horizon: '%s' is not a number of days from 1 to 3660", v);
        o->horizon = (int)n;
    } else if (strcmp(d->name, "--locale") == 0) {
        if (!cal_locale_valid(v))
            return cli_usage_error("--locale: ICU does not know the locale '%s'", v);
        o->locale = v;
    } else if (strcmp(d->name, "--quiet") == 0) {
        o->quiet = true;
    } else if (strcmp(d->name, "--plan") == 0) {
        o->plan_id = v;
    } else if (strcmp(d->name, "--units") == 0) {
        if (!cli_parse_int(v, 1, 1000000, &n))
            return cli_usage_error("--units: '%s' is not a whole number from 1 to 1000000", v);
        o->units = n;
    } else if (strcmp(d->name, "--on") == 0) {
        if (cal_parse_iso(v, strlen(v), &o->on) != 0)
            return cli_usage_error("--on: '%s' is not a date YYYY-MM-DD in 1970-9999", v);
    } else if (strcmp(d->name, "--state") == 0) {
        if (!*v)
            return cli_usage_error("--state: the file name is empty");
        o->state_file = v;
    } else if (strcmp(d->name, "--with-findings") == 0) {
        o->with_findings = true;
    } else if (strcmp(d->name, "--year") == 0) {
        if (!cli_parse_int(v, 1970, 9999, &n))
            return cli_usage_error("--year: '%s' is not a year from 1970 to 9999", v);
        o->year = (int)n;
    } else if (strcmp(d->name, "--years") == 0) {
        if (!cli_parse_int(v, 1, 100, &n))
            return cli_usage_error("--years: '%s' is not a number of years from 1 to 100", v);
        o->years = (int)n;
    } else if (strcmp(d->name, "--bundle") == 0) {
        o->bundle_dir = v;
    } else if (strcmp(d->name, "--records") == 0) {
        o->records_dir = v;
    }
    return 0;
}

/* Parses argv after the command's name. Returns 0, or an exit status (after printing). */
static int cli_parse_args(const cli_command *c, int argc, char **argv, int first, cli_options *o,
                          bool *help)
{
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            *help = true;
            return 0;
        }
        if (strcmp(a, "-") == 0 || a[0] != '-') {
            if (o->inventory_path)
                return cli_usage_error("%s: more than one inventory ('%s' and '%s')", c->name,
                                       o->inventory_path, a);
            o->inventory_path = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            if (i + 1 < argc && !o->inventory_path && i + 2 == argc) {
                o->inventory_path = argv[i + 1];
                break;
            }
            return cli_usage_error("%s: '--' must be followed by the inventory alone", c->name);
        }
        bool matched = false;
        for (size_t k = 0; k < sizeof cli_optdefs / sizeof cli_optdefs[0]; k++) {
            const cli_optdef *d = &cli_optdefs[k];
            const char *v = NULL;
            if (d->takes_value) {
                int r = cli_take_value(argc, argv, &i, d->name, &v);
                if (r == 0 && d->alias && strcmp(a, d->alias) == 0)
                    r = cli_take_value(argc, argv, &i, d->alias, &v);
                if (r == 0 && d->alias && strncmp(a, d->alias, strlen(d->alias)) == 0 &&
                    a[strlen(d->alias)] != '\0' && a[1] != '-') {
                    v = a + strlen(d->alias); /* -oFILE */
                    r = 1;
                }
                if (r < 0)
                    return cli_usage_error("%s: option '%s' needs a value", c->name, d->name);
                if (r == 0)
                    continue;
            } else {
                if (strcmp(a, d->name) != 0 && !(d->alias && strcmp(a, d->alias) == 0))
                    continue;
            }
            matched = true;
            int st = cli_apply_option(c, o, d, v);
            if (st)
                return st;
            break;
        }
        if (!matched)
            return cli_usage_error("%s: unknown option '%s'", c->name, a);
    }
    return 0;
}

/*
 * The options a command cannot run without. They are checked with the other
 * usage errors, before the inventory is read, so a missing option is exit 2
 * whatever the inventory holds.
 */
static unsigned cli_required_options(const cli_command *c)
{
    if (strcmp(c->name, "quote") == 0)
        return CLI_OPT_PLAN | CLI_OPT_UNITS;
    if (strcmp(c->name, "usage") == 0)
        return CLI_OPT_RECORDS;
    return 0;
}

/* Runs one command on its options; returns the exit status. */
static int cli_run(const cli_command *c, cli_options *o)
{
    int status = CLI_EXIT_INPUT;
    char *data = NULL, *err = NULL;
    size_t len = 0;
    cli_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.opt = o;
    pol_hook_ctx hook = {o->inventory_path, o->policy_file, NULL};
    const char *display = strcmp(o->inventory_path, "-") == 0 ? "<stdin>" : o->inventory_path;

    if (cli_read_file(o->inventory_path, &data, &len, &err) != 0) {
        cli_say(NULL, "%s", err);
        goto out;
    }
    /* the loader takes the bytes over, so a large inventory is held once */
    int loaded = inv_load_take(display, data, len, pol_inventory_hook, &hook, &ctx.inv, &ctx.errs);
    data = NULL;
    if (loaded != 0 || !hook.policy) {
        if (ctx.errs.count == 0)
            cp_errors_add(&ctx.errs, display, 0, 0, 0, NULL, NULL, "invalid inventory");
        cli_print_errors(&ctx.errs);
        goto out;
    }
    ctx.pol = hook.policy;
    hook.policy = NULL;
    ctx.horizon_days = o->horizon > 0 ? o->horizon : ctx.pol->horizon_days;
    ctx.locale = o->locale ? o->locale : ctx.inv->locale;
    /* cli.md: colour only while NO_COLOR is unset (set but empty turns it off too) */
    ctx.stdout_tty = !o->output && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    ctx.out_stream = !o->output;
    rule_findings_compute(ctx.inv, ctx.pol, o->as_of, &ctx.findings);
    if (c->run != cmd_check_entry.run && ctx.findings.n_errors > 0)
        fprintf(stderr, "commitplan: %zu error%s in the inventory; run \"commitplan check\"\n",
                ctx.findings.n_errors, ctx.findings.n_errors == 1 ? "" : "s");

    status = c->run(&ctx);
    if (status == CLI_EXIT_INPUT) {
        cli_print_errors(&ctx.errs);
        goto out;
    }
    if (status == CLI_EXIT_SYSTEM || status == CLI_EXIT_USAGE) {
        if (ctx.sys_error)
            cli_say(NULL, "%s", ctx.sys_error);
        goto out;
    }
    int wr = o->output ? cli_write_atomic(o->output, ctx.out.data ? ctx.out.data : "",
                                          ctx.out.len, &err)
                       : cli_write_stdout(ctx.out.data ? ctx.out.data : "", ctx.out.len, &err);
    if (wr != 0) {
        cli_say(NULL, "%s", err);
        status = CLI_EXIT_SYSTEM;
        goto out;
    }
    if (ctx.after_write && ctx.after_write(&ctx, ctx.after_write_arg) != 0) {
        if (ctx.sys_error)
            cli_say(NULL, "%s", ctx.sys_error);
        status = CLI_EXIT_SYSTEM;
    }
out:
    free(data);
    free(err);
    free(ctx.sys_error);
    pol_free(hook.policy);
    pol_free(ctx.pol);
    inv_free(ctx.inv);
    rule_findings_free(&ctx.findings);
    cp_buf_free(&ctx.out);
    cp_errors_free(&ctx.errs);
    return status;
}

/* True when the paths a and b (either may be NULL or "-") are equal or name one existing file. */
static bool cli_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (!a || !b || strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
        return false;
    if (strcmp(a, b) == 0)
        return true;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* Flushes the help or version text; a failed write is a system error with a message. */
static int cli_stdout_status(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_say(NULL, "standard output: cannot write: %s", strerror(errno));
        return CLI_EXIT_SYSTEM;
    }
    return CLI_EXIT_OK;
}

/* An unknown command; for "report" and "export" the message lists their subcommands. */
static int cli_unknown_command(const char *verb, const char *sub)
{
    cp_buf names = {0};
    for (size_t i = 0; i < CLI_N_COMMANDS; i++) {
        const char *n = cli_commands[i]->name;
        size_t len = strlen(verb);
        if (strncmp(n, verb, len) == 0 && n[len] == ' ')
            cp_buf_printf(&names, "%s'%s'", names.len ? ", " : "", n);
    }
    int st;
    if (names.len && sub)
        st = cli_usage_error("unknown command '%s %s' (%s commands: %s)", verb, sub, verb,
                             cp_buf_str(&names));
    else if (names.len)
        st = cli_usage_error("'%s' needs a subcommand: %s", verb, cp_buf_str(&names));
    else
        st = cli_usage_error("unknown command '%s'", verb);
    cp_buf_free(&names);
    return st;
}

int cli_main(int argc, char **argv)
{
    if (argc < 2) {
        cli_print_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    const char *verb = argv[1];
    if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0) {
        cli_print_usage(stdout);
        return cli_stdout_status();
    }
    if (strcmp(verb, "--version") == 0) {
        printf("commitplan %s\n", PACKAGE_VERSION);
        return cli_stdout_status();
    }
    int first = 2;
    char name[64];
    const cli_command *c = NULL;
    bool help = false;
    if (strcmp(verb, "help") == 0) {
        if (argc < 3) {
            cli_print_usage(stdout);
            return cli_stdout_status();
        }
        verb = argv[2];
        first = 3;
        help = true;
    }
    const char *sub = NULL;
    if ((strcmp(verb, "report") == 0 || strcmp(verb, "export") == 0) && argc > first &&
        argv[first][0] != '-') {
        sub = argv[first];
        snprintf(name, sizeof name, "%s %s", verb, sub);
        c = cli_find(name);
        first++;
    } else {
        c = cli_find(verb);
    }
    if (!c)
        return cli_unknown_command(verb, sub);
    if (help) {
        cli_print_command_help(c);
        return cli_stdout_status();
    }

    cli_options o;
    memset(&o, 0, sizeof o);
    o.horizon = -1;
    o.units = -1;
    o.on = CAL_NONE;
    int st = cli_parse_args(c, argc, argv, first, &o, &help);
    if (st)
        return st;
    if (help) {
        cli_print_command_help(c);
        return cli_stdout_status();
    }
    char fmtbuf[16];
    if (!o.format)
        o.format = cli_default_format(c, fmtbuf, sizeof fmtbuf);
    if (!cli_format_supported(c, o.format))
        return cli_usage_error("%s: format '%s' is not supported (formats: %s)", c->name,
                               o.format, c->formats);
    unsigned required = cli_required_options(c);
    for (size_t k = 0; k < sizeof cli_optdefs / sizeof cli_optdefs[0]; k++) {
        const cli_optdef *d = &cli_optdefs[k];
        if (!(required & d->need))
            continue;
        bool given = d->need == CLI_OPT_PLAN      ? o.plan_id != NULL
                     : d->need == CLI_OPT_UNITS   ? o.units >= 0
                     : d->need == CLI_OPT_RECORDS ? o.records_dir != NULL
                                                  : true;
        if (!given)
            return cli_usage_error("%s: %s is required", c->name, d->name);
    }
    /* checked here, not by the command, so that they are exit 2 whatever the inventory holds */
    if (o.bundle_dir && !*o.bundle_dir)
        return cli_command_usage_error(c, "--bundle: the folder name is empty");
    if (o.bundle_dir && o.output)
        return cli_command_usage_error(c, "--bundle and -o exclude each other");
    if (!o.inventory_path)
        return cli_usage_error("%s: no inventory given", c->name);
    if (!*o.inventory_path)
        return cli_usage_error("%s: the inventory's file name is empty", c->name);
    /* an output over an input would destroy it: refuse before reading anything */
    if (cli_same_file(o.output, o.inventory_path) || cli_same_file(o.state_file, o.inventory_path))
        return cli_command_usage_error(c, "the output would replace the inventory");
    if (cli_same_file(o.output, o.policy_file) || cli_same_file(o.state_file, o.policy_file))
        return cli_command_usage_error(c, "the output would replace the policy file");
    if (cli_same_file(o.output, o.state_file))
        return cli_command_usage_error(c, "-o and --state name the same file");
    if (!o.as_of_given)
        o.as_of = cli_today_utc();
    return cli_run(c, &o);
}
