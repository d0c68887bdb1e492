/*
 * commitplan remind: the reminders due as of the as-of date (rules.md §6), for
 * cron. With --state FILE each reminder is reported once: the state file is
 * locked for the whole read-report-record cycle, due reminders already
 * recorded are left out, and the new keys are recorded only after the
 * framework has written the output in full (ctx->after_write). With
 * --with-findings the error findings come along as reminders.
 *
 * The run's pending state lives in a file-local struct rather than on the
 * heap alone: when writing the output fails the framework never calls
 * after_write, and the process then ends holding it; the next run in the same
 * process (tests) releases it first.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "planner/cli/cli.h"
#include "planner/cli/state.h"
#include "policies/reminders.h"
#include "reports/jsonw.h"

typedef struct cmd_remind_job {
    bool have_state;
    cli_state state;
    rule_reminders report; /* the reminders written out */
    cal_day as_of;
} cmd_remind_job;

static cmd_remind_job cmd_remind_current;

static void cmd_remind_release(cmd_remind_job *job)
{
    if (job->have_state)
        cli_state_free(&job->state);
    rule_reminders_free(&job->report);
    memset(job, 0, sizeof *job);
}

static const char *cmd_remind_severity_upper(pol_severity s)
{
    return s == POL_SEV_CRITICAL ? "CRITICAL" : s == POL_SEV_WARNING ? "WARNING" : "INFO";
}

static const char *cmd_remind_anchor_phrase(int anchor)
{
    switch (anchor) {
    case POL_ANCHOR_DECISION_DEADLINE:
        return "decision deadline";
    case POL_ANCHOR_LAST_DAY:
        return "last day of the term";
    case POL_ANCHOR_NEXT_TERM_START:
        return "renewal (next term starts)";
    case POL_ANCHOR_LICENSE_EXPIRY:
        return "license expires";
    case POL_ANCHOR_UPGRADE:
        return "planned upgrade";
    case POL_ANCHOR_APPROVAL_DUE:
        return "access decision due";
    default:
        return "error finding";
    }
}

static void cmd_remind_date(cal_fmt *f, cal_day d, cp_buf *out)
{
    char iso[CAL_ISO_LEN + 1];
    if (f)
        cal_fmt_date(f, d, out);
    else
        cp_buf_puts(out, cal_format_iso(d, iso));
}

static void cmd_remind_json(cli_ctx *ctx, const rule_reminders *rs)
{
    rpt_json w;
    rpt_json_begin(&w, &ctx->out, "remind");
    rpt_json_key(&w, "as_of");
    rpt_json_day(&w, ctx->opt->as_of);
    rpt_json_key(&w, "reminders");
    rpt_json_array(&w, false);
    for (size_t i = 0; i < rs->count; i++) {
        const rule_reminder *r = &rs->items[i];
        rpt_json_object(&w, false);
        rpt_json_key(&w, "key");
        rpt_json_string(&w, r->key);
        rpt_json_key(&w, "rule");
        rpt_json_string(&w, r->rule);
        rpt_json_key(&w, "subject");
        rpt_json_string(&w, r->subject);
        rpt_json_key(&w, "anchor");
        rpt_json_string(&w, rule_anchor_name(r->anchor));
        rpt_json_key(&w, "anchor_date");
        rpt_json_day(&w, r->anchor_date);
        rpt_json_key(&w, "days_before");
        rpt_json_int(&w, r->days_before);
        rpt_json_key(&w, "fires_on");
        rpt_json_day(&w, r->fires_on);
        rpt_json_key(&w, "severity");
        rpt_json_string(&w, pol_severity_name(r->severity));
        rpt_json_key(&w, "message");
        rpt_json_string(&w, r->message);
        rpt_json_end(&w);
    }
    rpt_json_end(&w);
    rpt_json_end(&w);
    rpt_json_finish(&w);
}

/* The owner to show for a reminder: the plan's owner, or a subscription's contact. */
static const char *cmd_remind_owner(const inv_inventory *inv, const rule_reminder *r)
{
    if (r->plan >= 0)
        return inv->plans[r->plan].owner;
    if (r->subscription >= 0)
        return inv->subscriptions[r->subscription].contact;
    return NULL;
}

static void cmd_remind_text(cli_ctx *ctx, const rule_reminders *rs)
{
    cp_buf *out = &ctx->out;
    const inv_inventory *inv = ctx->inv;
    cal_fmt *f = cal_fmt_open(ctx->locale, inv->currency);
    cal_day as_of = ctx->opt->as_of;
    size_t n_sev[3] = {0, 0, 0};
    for (size_t i = 0; i < rs->count; i++)
        n_sev[rs->items[i].severity]++;

    if (inv->organization) {
        cp_buf_put_visible(out, inv->organization);
        cp_buf_puts(out, ": ");
    }
    if (rs->count == 0) {
        cp_buf_puts(out, "no reminders due as of ");
        cmd_remind_date(f, as_of, out);
        cp_buf_puts(out, ".\n");
        goto out;
    }
    cp_buf_printf(out, "%zu reminder%s due as of ", rs->count, rs->count == 1 ? "" : "s");
    cmd_remind_date(f, as_of, out);
    const char *sep = " (";
    for (int s = POL_SEV_CRITICAL; s >= POL_SEV_INFO; s--) {
        if (!n_sev[s])
            continue;
        cp_buf_printf(out, "%s%zu %s", sep, n_sev[s], pol_severity_name((pol_severity)s));
        sep = ", ";
    }
    cp_buf_puts(out, ")\n");

    for (size_t i = 0; i < rs->count; i++) {
        const rule_reminder *r = &rs->items[i];
        const char *on = "", *off = "";
        if (ctx->stdout_tty) {
            on = r->severity == POL_SEV_CRITICAL  ? "\033[1;31m"
                 : r->severity == POL_SEV_WARNING ? "\033[1;33m"
                                                  : "\033[1;36m";
            off = "\033[0m";
        }
        cp_buf_printf(out, "\n%s%s%s: %s for %s - %s ", on, cmd_remind_severity_upper(r->severity),
                      off, r->rule, r->subject, cmd_remind_anchor_phrase(r->anchor));
        if (r->is_finding) {
            cp_buf_puts(out, "as of ");
            cmd_remind_date(f, r->anchor_date, out);
        } else {
            cmd_remind_date(f, r->anchor_date, out);
            int64_t left = (int64_t)r->anchor_date - as_of;
            if (left == 0)
                cp_buf_puts(out, ", today");
            else if (left == 1)
                cp_buf_puts(out, ", tomorrow");
            else
                cp_buf_printf(out, ", in %d days", (int)left);
        }
        cp_buf_puts(out, "\n  ");
        cp_buf_put_visible(out, r->message);
        cp_buf_putc(out, '\n');
        const char *owner = cmd_remind_owner(inv, r);
        if (owner) {
            cp_buf_puts(out, "  Owner: ");
            cp_buf_put_visible(out, owner);
            cp_buf_putc(out, '\n');
        }
        if (!r->is_finding) {
            cp_buf_puts(out, "  Scheduled: ");
            cmd_remind_date(f, r->fires_on, out);
            cp_buf_printf(out, " (%d day%s before)\n", r->days_before,
                          r->days_before == 1 ? "" : "s");
        }
        cp_buf_printf(out, "  Key: %s\n", r->key);
    }
out:
    cal_fmt_close(f);
}

/* Adds the key of every error finding now present to set (for pruning finding records). */
static void cmd_remind_finding_keys(const rule_findings *fs, cli_state *set)
{
    for (size_t i = 0; i < fs->count; i++) {
        if (fs->items[i].severity != RULE_ERROR)
            continue;
        char *key = rule_finding_key(&fs->items[i]);
        cli_state_add(set, key, 0, true);
        free(key);
    }
    cli_state_sort(set);
}

/*
 * After the output was written in full: records the reported keys, prunes
 * rule keys whose anchor date has passed and finding keys whose finding is
 * gone, saves the state atomically if it changed, and releases the lock.
 */
static int cmd_remind_record(cli_ctx *ctx, void *arg)
{
    cmd_remind_job *job = arg;
    cli_state *st = &job->state;
    cli_state present;
    char *err = NULL;
    int rc = 0;
    bool changed = !st->existed;

    cli_state_init(&present, "");
    cmd_remind_finding_keys(&ctx->findings, &present);
    for (size_t i = st->count; i-- > 0;) {
        const cli_state_entry *e = &st->items[i];
        bool keep = e->is_finding ? cli_state_has(&present, e->key) : e->date >= job->as_of;
        if (!keep) {
            cli_state_remove(st, i);
            changed = true;
        }
    }
    for (size_t i = 0; i < job->report.count; i++) {
        const rule_reminder *r = &job->report.items[i];
        cli_state_add(st, r->key, r->anchor_date, r->is_finding);
        changed = true;
    }
    if (changed && cli_state_save(st, &err) != 0) {
        ctx->sys_error = xasprintf("%s; the reminders above were not recorded as sent and will "
                                   "be reported again",
                                   err);
        rc = -1;
    }
    free(err);
    cli_state_free(&present);
    cmd_remind_release(job);
    return rc;
}

static int cmd_remind_run(cli_ctx *ctx)
{
    cmd_remind_job *job = &cmd_remind_current;
    rule_reminders due = {0};
    char *err = NULL;
    int status = CLI_EXIT_SYSTEM;

    cmd_remind_release(job);
    job->as_of = ctx->opt->as_of;
    rule_reminders_due(ctx->inv, ctx->pol, ctx->opt->as_of, &due);
    if (ctx->opt->with_findings)
        rule_reminders_add_findings(&ctx->findings, ctx->opt->as_of, &due);
    rule_reminders_sort(&due);

    if (ctx->opt->state_file) {
        cli_state_init(&job->state, ctx->opt->state_file);
        job->have_state = true;
        if (cli_state_lock(&job->state, CLI_STATE_LOCK_TIMEOUT_MS, &err) != 0 ||
            cli_state_load(&job->state, &err) != 0) {
            ctx->sys_error = err;
            err = NULL;
            goto fail;
        }
    }
    /* keep the due reminders not yet sent, in order */
    for (size_t i = 0; i < due.count; i++) {
        rule_reminder *r = &due.items[i];
        if (job->have_state && cli_state_has(&job->state, r->key)) {
            free(r->key);
            free(r->rule);
            free(r->subject);
            free(r->message);
            continue;
        }
        if (job->report.count == job->report.cap) {
            job->report.cap = job->report.cap ? job->report.cap * 2 : 16;
            job->report.items =
                xrealloc(job->report.items, job->report.cap * sizeof *job->report.items);
        }
        job->report.items[job->report.count++] = *r;
    }
    free(due.items);
    due.items = NULL;
    due.count = due.cap = 0;

    bool act = job->report.count > 0;
    if (act || !ctx->opt->quiet) {
        if (cli_format_is(ctx, "json"))
            cmd_remind_json(ctx, &job->report);
        else
            cmd_remind_text(ctx, &job->report);
    }
    if (job->have_state) {
        ctx->after_write = cmd_remind_record;
        ctx->after_write_arg = job;
    } else {
        cmd_remind_release(job);
    }
    return act ? CLI_EXIT_ACT : CLI_EXIT_OK;
fail:
    rule_reminders_free(&due);
    free(err);
    cmd_remind_release(job);
    return status;
}

const cli_command cmd_remind_entry = {
    "remind",
    "[--state FILE] [--with-findings]",
    "the reminders due as of the as-of date, for cron",
    "text,json",
    CLI_OPT_STATE | CLI_OPT_WITH_FINDINGS,
    cmd_remind_run,
    "Reports the reminders the policy's reminder rules schedule that are\n"
    "due as of the as-of date: for each rule, subject and anchor date, the newest\n"
    "lead time that has fired. Exit 1 when something is due, 0 when nothing is.\n"
    "\n"
    "  --state FILE      remember the keys of reminders sent in FILE, so each is\n"
    "                    reported once; FILE.lock serialises runs (waiting up to\n"
    "                    30 s, else exit 4); keys are recorded only after the output\n"
    "                    was written in full; a damaged FILE is an error (exit 4)\n"
    "  --with-findings   also report the error findings of `check` as critical\n"
    "                    reminders (key finding:CODE:SUBJECT)\n"
    "\n"
    "Run it from cron daily; its output becomes the email. See docs/remind.md.\n",
};
