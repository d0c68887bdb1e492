/*
 * commitplan export procurement [--year Y] [--bundle DIR]: the purchase lines
 * of a year (reports/procurement.c) as Markdown, HTML, CSV or JSON; with
 * --bundle, all four at once as DIR/procurement.{md,html,csv,json}, all or
 * none: every file is written in full to a temporary file in DIR and flushed
 * to disk before the first is renamed into place (docs/design.md says what
 * this guarantees and what it cannot).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "planner/cli/cli.h"
#include "planner/cli/output.h"
#include "reports/doc.h"
#include "reports/procurement.h"

enum { CMD_EXPORT_N_BUNDLE = 4 };

static const char *const cmd_export_formats[CMD_EXPORT_N_BUNDLE] = {"md", "html", "csv", "json"};

/* Writes p in format into out; f formats for the locale (unused for csv and json). */
static void cmd_export_render(const rpt_procurement *p, const inv_inventory *inv,
                              const char *locale, const char *format, cal_fmt *f, cp_buf *out)
{
    if (strcmp(format, "json") == 0) {
        rpt_procurement_json(p, inv, out);
        return;
    }
    rpt_doc *d = rpt_procurement_doc(p, inv, locale);
    rpt_doc_render(d, format, f, false, out);
    rpt_doc_free(d);
}

/*
 * Writes the four files into dir, all or none. Returns 0, or -1 with
 * ctx->sys_error set; the temporary files are then removed.
 */
static int cmd_export_bundle(cli_ctx *ctx, const char *dir, cp_buf *bufs)
{
    char *tmp[CMD_EXPORT_N_BUNDLE] = {NULL};
    char *dest[CMD_EXPORT_N_BUNDLE] = {NULL};
    int rc = -1;
    size_t renamed = 0;
    for (size_t i = 0; i < CMD_EXPORT_N_BUNDLE; i++) {
        dest[i] = xasprintf("%s/procurement.%s", dir, cmd_export_formats[i]);
        char *t = xasprintf("%s/.procurement.%s.tmp-XXXXXX", dir, cmd_export_formats[i]);
        if (cli_write_temp(t, dir, dest[i], bufs[i].data ? bufs[i].data : "", bufs[i].len, 0644,
                           &ctx->sys_error) != 0) {
            free(t);
            goto out;
        }
        tmp[i] = t;
    }
    for (; renamed < CMD_EXPORT_N_BUNDLE; renamed++) {
        if (rename(tmp[renamed], dest[renamed]) != 0) {
            ctx->sys_error = xasprintf("%s: cannot replace: %s%s", dest[renamed], strerror(errno),
                                       renamed ? " (the files before it were replaced)" : "");
            goto out;
        }
        free(tmp[renamed]);
        tmp[renamed] = NULL;
    }
    cli_sync_dir(dir); /* the renames are durable once the folder is */
    rc = 0;
out:
    for (size_t i = 0; i < CMD_EXPORT_N_BUNDLE; i++) {
        if (tmp[i])
            unlink(tmp[i]);
        free(tmp[i]);
        free(dest[i]);
    }
    return rc;
}

static int cmd_export_run(cli_ctx *ctx)
{
    const cli_options *o = ctx->opt;
    rpt_procurement p;
    cal_fmt *f = NULL;
    cp_buf bufs[CMD_EXPORT_N_BUNDLE];
    int status = CLI_EXIT_INPUT;
    memset(bufs, 0, sizeof bufs);

    if (o->bundle_dir && o->output) {
        ctx->sys_error = xstrdup("export procurement: --bundle and -o exclude each other; see "
                                 "'commitplan help export procurement'");
        return CLI_EXIT_USAGE;
    }
    if (o->bundle_dir && !*o->bundle_dir) {
        ctx->sys_error = xstrdup("export procurement: --bundle: the folder name is empty");
        return CLI_EXIT_USAGE;
    }
    if (rpt_procurement_build(ctx->inv, o->as_of, o->year, &p, &ctx->errs) != 0)
        return CLI_EXIT_INPUT;
    f = cli_fmt_open(ctx);
    if (!f)
        goto out;
    if (!o->bundle_dir) {
        cmd_export_render(&p, ctx->inv, ctx->locale, o->format, f, &ctx->out);
        status = CLI_EXIT_OK;
        goto out;
    }
    for (size_t i = 0; i < CMD_EXPORT_N_BUNDLE; i++)
        cmd_export_render(&p, ctx->inv, ctx->locale, cmd_export_formats[i], f, &bufs[i]);
    status = cmd_export_bundle(ctx, o->bundle_dir, bufs) == 0 ? CLI_EXIT_OK : CLI_EXIT_SYSTEM;
out:
    for (size_t i = 0; i < CMD_EXPORT_N_BUNDLE; i++)
        cp_buf_free(&bufs[i]);
    cal_fmt_close(f);
    rpt_procurement_free(&p);
    return status;
}

const cli_command cmd_procurement_entry = {
    "export procurement",
    "[--year Y] [--bundle DIR]",
    "the purchase lines to file for a year",
    "md,html,csv,json",
    CLI_OPT_YEAR | CLI_OPT_BUNDLE,
    cmd_export_run,
    "The purchase lines a procurement team files for the charges dated in year Y\n"
    "(default: the year of the earliest renewal charge after the as-of date, else\n"
    "the as-of date's year): each renewal, needed by the decision deadline before\n"
    "it, and each purchase of additional units with its pro-rated amount and the\n"
    "formula, with tier, resource, units, unit price, PO, cost center, owner and a\n"
    "one-line justification; totals per cost center and overall.\n"
    "--bundle DIR writes DIR/procurement.md, .html, .csv and .json together, all or\n"
    "none (nothing goes to standard output; not with -o).\n"
    "CSV: one row per purchase line.\n",
};
