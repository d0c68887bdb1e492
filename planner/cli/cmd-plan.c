/*
 * commitplan plan: per plan the current term, units, charges with projected
 * renewals, totals, the decision deadline and the cutoff in UTC and every
 * configured zone (with a warning where the cutoff comes before the end of the
 * local last day), then the timeline of events within the horizon. Formats:
 * text (ICU, for the locale), json (the cli.md contract) and csv (RFC 4180).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planner/cli/cli.h"
#include "planner/plan.h"
#include "reports/csv.h"
#include "reports/doc.h"
#include "reports/jsonw.h"
#include "reports/text.h"

static void cmd_plan_json_charge(rpt_json *w, const chg_charge *c, int digits)
{
    rpt_json_object(w, true);
    rpt_json_key(w, "kind");
    rpt_json_string(w, chg_kind_name(c->kind));
    rpt_json_key(w, "date");
    rpt_json_day(w, c->date);
    rpt_json_key(w, "units");
    rpt_json_int(w, c->units);
    if (c->prorated) {
        rpt_json_key(w, "remaining_days");
        rpt_json_int(w, c->remaining_days);
        rpt_json_key(w, "term_days");
        rpt_json_int(w, c->term_days);
    }
    rpt_json_key(w, "amount");
    rpt_json_money(w, c->amount, digits);
    rpt_json_key(w, "projected");
    rpt_json_bool(w, c->projected);
    rpt_json_end(w);
}

static void cmd_plan_json_plan(rpt_json *w, const plan_view *v, int digits)
{
    const inv_plan *p = v->plan;
    char buf[32];
    rpt_json_object(w, false);
    rpt_json_key(w, "id");
    rpt_json_string(w, p->id);
    rpt_json_key(w, "service");
    rpt_json_string(w, p->service);
    rpt_json_key(w, "auto_renew");
    rpt_json_bool(w, p->auto_renew);
    rpt_json_key(w, "term");
    rpt_json_term(w, &v->term);
    rpt_json_key(w, "cutoff");
    cal_format_iso(v->term.last_day + 1, buf);
    strcat(buf, "T00:00:00Z");
    rpt_json_string(w, buf);
    rpt_json_key(w, "decision_deadline");
    rpt_json_day(w, p->decision_deadline);
    rpt_json_key(w, "cutoff_local");
    rpt_json_array(w, false);
    for (size_t z = 0; z < v->n_cutoff_local; z++) {
        const plan_cutoff_local *c = &v->cutoff_local[z];
        rpt_json_object(w, true);
        rpt_json_key(w, "zone");
        rpt_json_string(w, c->zone);
        rpt_json_key(w, "time");
        rpt_json_string(w, c->time);
        rpt_json_key(w, "before_local_end_of_last_day");
        rpt_json_bool(w, c->before_local_end_of_last_day);
        rpt_json_end(w);
    }
    rpt_json_end(w);
    rpt_json_key(w, "units_at_start");
    rpt_json_int(w, v->units_at_start);
    rpt_json_key(w, "units_at_end");
    rpt_json_int(w, v->units_at_end);
    rpt_json_key(w, "charges");
    rpt_json_array(w, false);
    for (size_t c = 0; c < v->n_charges; c++)
        cmd_plan_json_charge(w, &v->charges[c], digits);
    rpt_json_end(w);
    rpt_json_key(w, "next_term");
    if (!v->has_next_term) {
        rpt_json_null(w);
    } else {
        const plan_next_term *n = &v->next_term;
        rpt_json_object(w, true);
        rpt_json_key(w, "start");
        rpt_json_day(w, n->term.start);
        rpt_json_key(w, "last_day");
        rpt_json_day(w, n->term.last_day);
        rpt_json_key(w, "days");
        rpt_json_int(w, n->term.days);
        rpt_json_key(w, "units");
        rpt_json_int(w, n->units);
        rpt_json_key(w, "unit_price");
        rpt_json_price(w, n->unit_price, digits);
        rpt_json_key(w, "amount");
        rpt_json_money(w, n->amount, digits);
        rpt_json_end(w);
    }
    rpt_json_end(w);
}

/* Output to stdout is written in chunks of about this size as the plans are. */
#define CMD_PLAN_CHUNK ((size_t)1 << 20)

static int cmd_plan_json(cli_ctx *ctx, const plan_views *pv)
{
    int digits = ctx->inv->currency_digits;
    rpt_json w;
    rpt_json_begin(&w, &ctx->out, "plan");
    rpt_json_key(&w, "as_of");
    rpt_json_day(&w, pv->as_of);
    rpt_json_key(&w, "currency");
    rpt_json_string(&w, ctx->inv->currency);
    rpt_json_key(&w, "plans");
    rpt_json_array(&w, false);
    for (size_t i = 0; i < pv->n_plans; i++) {
        cmd_plan_json_plan(&w, &pv->plans[i], digits);
        if (cli_out_flush(ctx, CMD_PLAN_CHUNK) != 0)
            return -1;
    }
    rpt_json_end(&w);
    rpt_json_key(&w, "events");
    rpt_json_array(&w, false);
    for (size_t i = 0; i < pv->n_events; i++) {
        const plan_event *e = &pv->events[i];
        rpt_json_object(&w, true);
        rpt_json_key(&w, "date");
        rpt_json_day(&w, e->date);
        rpt_json_key(&w, "kind");
        rpt_json_string(&w, plan_event_kind_name(e->kind));
        rpt_json_key(&w, "subject");
        rpt_json_string(&w, e->subject);
        if (e->kind == PLAN_EV_CHARGE) {
            rpt_json_key(&w, "charge_kind");
            rpt_json_string(&w, chg_kind_name(e->charge->kind));
            rpt_json_key(&w, "amount");
            rpt_json_money(&w, e->charge->amount, digits);
        }
        rpt_json_end(&w);
        if (cli_out_flush(ctx, CMD_PLAN_CHUNK) != 0)
            return -1;
    }
    rpt_json_end(&w);
    rpt_json_key(&w, "findings");
    cli_json_findings(&w, &ctx->findings, true);
    rpt_json_end(&w);
    rpt_json_finish(&w);
    return 0;
}

enum { CMD_PLAN_CSV_COLUMNS = 11 };

static const char *const cmd_plan_csv_header[CMD_PLAN_CSV_COLUMNS] = {
    "record", "date",     "kind",      "charge_kind",    "subject",   "units",
    "amount", "currency", "projected", "remaining_days", "term_days",
};

/* One CSV row of a charge, as a `charge` record or as the `event` of one. */
static void cmd_plan_csv_charge(cp_buf *out, const char *record, const char *subject,
                                const chg_charge *c, const char *currency, int digits)
{
    char day[CAL_ISO_LEN + 1], amount[32], units[24], rem[16], days[16];
    cal_format_iso(c->date, day);
    money_format_minor(c->amount, digits, amount);
    snprintf(units, sizeof units, "%lld", (long long)c->units);
    snprintf(rem, sizeof rem, "%d", c->remaining_days);
    snprintf(days, sizeof days, "%d", c->term_days);
    const char *row[CMD_PLAN_CSV_COLUMNS] = {
        record,
        day,
        "charge",
        chg_kind_name(c->kind),
        subject,
        units,
        amount,
        currency,
        c->projected ? "true" : "false",
        c->prorated ? rem : "",
        c->prorated ? days : "",
    };
    rpt_csv_row(out, row, CMD_PLAN_CSV_COLUMNS);
}

static void cmd_plan_csv(cli_ctx *ctx, const plan_views *pv)
{
    cp_buf *out = &ctx->out;
    const char *currency = ctx->inv->currency;
    int digits = ctx->inv->currency_digits;
    rpt_csv_row(out, cmd_plan_csv_header, CMD_PLAN_CSV_COLUMNS);
    for (size_t i = 0; i < pv->n_plans; i++)
        for (size_t c = 0; c < pv->plans[i].n_charges; c++)
            cmd_plan_csv_charge(out, "charge", pv->plans[i].plan->id, &pv->plans[i].charges[c],
                                currency, digits);
    for (size_t i = 0; i < pv->n_events; i++) {
        const plan_event *e = &pv->events[i];
        if (e->kind == PLAN_EV_CHARGE) {
            cmd_plan_csv_charge(out, "event", e->subject, e->charge, currency, digits);
            continue;
        }
        char day[CAL_ISO_LEN + 1];
        const char *row[CMD_PLAN_CSV_COLUMNS] = {
            "event",
            cal_format_iso(e->date, day),
            plan_event_kind_name(e->kind),
            "",
            e->subject,
            "",
            "",
            "",
            "",
            "",
            "",
        };
        rpt_csv_row(out, row, CMD_PLAN_CSV_COLUMNS);
    }
}

/* Formats an amount for the locale into a fresh buffer (free with cp_buf_free). */
static void cmd_plan_money(cal_fmt *f, money_minor v, int digits, cp_buf *out)
{
    char buf[32];
    cal_fmt_money(f, money_format_minor(v, digits, buf), digits, digits, out);
}

static const char *cmd_plan_event_label(plan_event_kind k)
{
    switch (k) {
    case PLAN_EV_APPROVAL_DUE:
        return "access decision due";
    case PLAN_EV_CHARGE:
        return "charge";
    case PLAN_EV_DECISION_DEADLINE:
        return "decision deadline";
    case PLAN_EV_LAST_DAY:
        return "last day of the term";
    case PLAN_EV_LICENSE_EXPIRY:
        return "license expires";
    case PLAN_EV_NEXT_TERM_START:
        return "next term starts";
    case PLAN_EV_UPGRADE:
        return "image upgrade";
    }
    return "event";
}

/* "Jan 1, 2026 to Dec 31, 2026 (365 days)" */
static void cmd_plan_text_term(cal_fmt *f, const plan_term *t, cp_buf *out)
{
    cal_fmt_date(f, t->start, out);
    cp_buf_puts(out, " to ");
    cal_fmt_date(f, t->last_day, out);
    cp_buf_printf(out, " (%d days)", t->days);
}

static void cmd_plan_text_charges(cli_ctx *ctx, cal_fmt *f, const plan_view *v)
{
    int digits = ctx->inv->currency_digits;
    cp_buf *out = &ctx->out;
    size_t n = v->n_charges;
    cp_buf *dates = xcalloc(n ? n : 1, sizeof *dates);
    cp_buf *amounts = xcalloc(n ? n : 1, sizeof *amounts);
    size_t wd = 0, wa = 0, wu = 0;
    for (size_t i = 0; i < n; i++) {
        char units[24];
        cal_fmt_date(f, v->charges[i].date, &dates[i]);
        cmd_plan_money(f, v->charges[i].amount, digits, &amounts[i]);
        size_t w = rpt_display_width(cp_buf_str(&dates[i]));
        wd = w > wd ? w : wd;
        w = rpt_display_width(cp_buf_str(&amounts[i]));
        wa = w > wa ? w : wa;
        w = (size_t)snprintf(units, sizeof units, "%lld", (long long)v->charges[i].units);
        wu = w > wu ? w : wu;
    }
    cp_buf_puts(out, "  Charges\n");
    if (n == 0)
        cp_buf_puts(out, "    none\n");
    for (size_t i = 0; i < n; i++) {
        const chg_charge *c = &v->charges[i];
        char units[24];
        snprintf(units, sizeof units, "%lld", (long long)c->units);
        cp_buf_puts(out, "    ");
        rpt_text_pad(out, cp_buf_str(&dates[i]), wd, false);
        cp_buf_puts(out, "  ");
        rpt_text_pad(out, chg_kind_name(c->kind), 10, false);
        cp_buf_puts(out, "  ");
        rpt_text_pad(out, units, wu, true);
        cp_buf_puts(out, c->units == 1 ? " unit   " : " units  ");
        rpt_text_pad(out, cp_buf_str(&amounts[i]), wa, true);
        if (c->prorated)
            cp_buf_printf(out, "  pro-rated: %d of %d days", c->remaining_days, c->term_days);
        if (c->projected)
            cp_buf_puts(out, "  projected");
        cp_buf_putc(out, '\n');
        cp_buf_free(&dates[i]);
        cp_buf_free(&amounts[i]);
    }
    free(dates);
    free(amounts);
}

static void cmd_plan_text_plan(cli_ctx *ctx, cal_fmt *f, const plan_view *v)
{
    const inv_plan *p = v->plan;
    int digits = ctx->inv->currency_digits;
    cp_buf *out = &ctx->out;
    const char *warn = ctx->stdout_tty ? "\033[1;33m" : "";
    const char *reset = ctx->stdout_tty ? "\033[0m" : "";
    char price[32];

    cp_buf_printf(out, "\n%s (%s)\n", p->id, p->service);
    cp_buf_puts(out, "  Term               ");
    cmd_plan_text_term(f, &v->term, out);
    cp_buf_printf(out, "\n  Units              %lld at the start, %lld at the end\n",
                  (long long)v->units_at_start, (long long)v->units_at_end);
    cp_buf_puts(out, "  Unit price         ");
    cal_fmt_money(f, money_format_micros(p->unit_price, digits, price),
                  money_micros_decimals(p->unit_price, digits),
                  money_micros_decimals(p->unit_price, digits), out);
    cp_buf_puts(out, "\n");
    cmd_plan_text_charges(ctx, f, v);
    cp_buf_puts(out, "  Current term total ");
    cmd_plan_money(f, v->current_total, digits, out);
    cp_buf_putc(out, '\n');
    if (v->has_next_term) {
        const plan_next_term *n = &v->next_term;
        cp_buf_puts(out, "  Renewals listed    ");
        cmd_plan_money(f, v->projected_total, digits, out);
        cp_buf_puts(out, " (projected)\n  Next term          ");
        cmd_plan_text_term(f, &n->term, out);
        cp_buf_printf(out, ": %lld unit%s at ", (long long)n->units, n->units == 1 ? "" : "s");
        cal_fmt_money(f, money_format_micros(n->unit_price, digits, price),
                      money_micros_decimals(n->unit_price, digits),
                      money_micros_decimals(n->unit_price, digits), out);
        cp_buf_puts(out, " = ");
        cmd_plan_money(f, n->amount, digits, out);
        cp_buf_puts(out, "\n  Auto-renew         on: to end the plan instead, set \"Do not "
                         "auto-renew\" before the cutoff\n");
    } else {
        cp_buf_puts(out, "  Auto-renew         off: the plan ends with this term\n");
    }
    cp_buf_puts(out, "  Decision deadline  ");
    cal_fmt_date(f, p->decision_deadline, out);
    cp_buf_puts(out, "\n  Cutoff             ");
    cal_fmt_datetime(f, v->cutoff, NULL, out);
    cp_buf_puts(out, " UTC\n");
    for (size_t z = 0; z < v->n_cutoff_local; z++) {
        const plan_cutoff_local *c = &v->cutoff_local[z];
        if (strcmp(c->zone, "UTC") == 0) /* already shown */
            continue;
        cp_buf_puts(out, "                     ");
        cal_fmt_datetime(f, v->cutoff, c->zone, out);
        cp_buf_printf(out, " %s\n", c->zone);
    }
    for (size_t z = 0; z < v->n_cutoff_local; z++) {
        const plan_cutoff_local *c = &v->cutoff_local[z];
        if (!c->before_local_end_of_last_day)
            continue;
        cp_buf_printf(out, "  %s\u26a0 in %s the cutoff is ", warn, c->zone);
        cal_fmt_datetime(f, v->cutoff, c->zone, out);
        cp_buf_printf(out, " \u2014 before the end of the local last day%s\n", reset);
    }
}

static void cmd_plan_text_events(cli_ctx *ctx, cal_fmt *f, const plan_views *pv)
{
    int digits = ctx->inv->currency_digits;
    cp_buf *out = &ctx->out;
    size_t n = pv->n_events, wd = 0, wk = 0;
    cp_buf *dates = xcalloc(n ? n : 1, sizeof *dates);
    for (size_t i = 0; i < n; i++) {
        const plan_event *e = &pv->events[i];
        cal_fmt_date(f, e->date, &dates[i]);
        size_t w = rpt_display_width(cp_buf_str(&dates[i]));
        wd = w > wd ? w : wd;
        w = strlen(cmd_plan_event_label(e->kind));
        wk = w > wk ? w : wk;
    }
    cp_buf_puts(out, "\nTimeline, ");
    cal_fmt_date(f, pv->as_of, out);
    cp_buf_puts(out, " to ");
    cal_fmt_date(f, pv->horizon_end, out);
    cp_buf_putc(out, '\n');
    if (n == 0)
        cp_buf_puts(out, "  nothing falls in this period\n");
    for (size_t i = 0; i < n; i++) {
        const plan_event *e = &pv->events[i];
        cp_buf_puts(out, "  ");
        rpt_text_pad(out, cp_buf_str(&dates[i]), wd, false);
        cp_buf_puts(out, "  ");
        rpt_text_pad(out, cmd_plan_event_label(e->kind), wk, false);
        if (e->kind != PLAN_EV_CHARGE) {
            cp_buf_printf(out, "  %s\n", e->subject);
        } else {
            cp_buf_printf(out, "  %s: %s ", e->subject, chg_kind_name(e->charge->kind));
            cmd_plan_money(f, e->charge->amount, digits, out);
            cp_buf_puts(out, e->charge->projected ? " (projected)\n" : "\n");
        }
        cp_buf_free(&dates[i]);
    }
    free(dates);
}

static void cmd_plan_text(cli_ctx *ctx, cal_fmt *f, const plan_views *pv)
{
    const inv_inventory *inv = ctx->inv;
    cp_buf *out = &ctx->out;
    cp_buf_put_visible(out, inv->organization ? inv->organization : inv->file);
    cp_buf_printf(out, ": %zu plan%s as of ", pv->n_plans, pv->n_plans == 1 ? "" : "s");
    cal_fmt_date(f, pv->as_of, out);
    cp_buf_printf(out, ", amounts in %s\n", inv->currency);
    for (size_t i = 0; i < pv->n_plans; i++)
        cmd_plan_text_plan(ctx, f, &pv->plans[i]);
    cmd_plan_text_events(ctx, f, pv);
}

static int cmd_plan_run(cli_ctx *ctx)
{
    plan_views pv;
    cal_fmt *f = NULL;
    int status = CLI_EXIT_INPUT;
    if (plan_views_build(ctx->inv, ctx->opt->as_of, ctx->horizon_days, &pv, &ctx->errs) != 0)
        return CLI_EXIT_INPUT;
    if (ctx->opt->quiet && pv.n_events == 0 && ctx->findings.n_errors == 0) {
        /* -q: nothing dated in the horizon and no error finding, so nothing to act on */
    } else if (cli_format_is(ctx, "json")) {
        if (cmd_plan_json(ctx, &pv) != 0) {
            status = CLI_EXIT_SYSTEM;
            goto out;
        }
    } else if (cli_format_is(ctx, "csv")) {
        cmd_plan_csv(ctx, &pv);
    } else {
        f = cli_fmt_open(ctx);
        if (!f)
            goto out;
        cmd_plan_text(ctx, f, &pv);
    }
    status = CLI_EXIT_OK;
out:
    cal_fmt_close(f);
    plan_views_free(&pv);
    return status;
}

const cli_command cmd_plan_entry = {
    "plan",
    "",
    "terms, charges, cutoffs, deadlines and the timeline of events within the horizon",
    "text,json,csv",
    0,
    cmd_plan_run,
    "For each plan: the current term, the units at its start and end, every\n"
    "charge (initial, renewal, additional units pro-rated to the remaining days),\n"
    "the next term and its renewal charge when the plan auto-renews, the renewals\n"
    "of later terms starting within the horizon (marked projected), totals, the\n"
    "decision deadline, and the cutoff (the end of the last day, 00:00 UTC) in\n"
    "UTC and in each configured time zone, with a warning where the cutoff comes\n"
    "before the end of the local last day. Then the timeline of every deadline,\n"
    "last day, term start, license expiry, image upgrade, access decision and\n"
    "charge dated from the as-of date to the end of the horizon.\n"
    "With -q nothing is printed when no event falls in the horizon.\n"
    "CSV: one row per charge (record \"charge\") and per event (record \"event\").\n",
};
