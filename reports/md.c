/*
 * The Markdown writer (md.h).
 */
#include "config.h"

#include "reports/md.h"

#include <string.h>

void rpt_md_escape(cp_buf *out, const char *s)
{
    for (const char *p = s; *p; p++) {
        size_t n = cp_buf_put_shown(out, p, "\\\\"); /* controls as in the text output */
        if (n) {
            p += n - 1;
            continue;
        }
        if (strchr("\\|*`<>[]", *p))
            cp_buf_putc(out, '\\');
        cp_buf_putc(out, *p);
    }
}

/* Cell (r, col) of t escaped, in bold when it is in a total row or an alert. */
static void md_cell(const rpt_doc *d, const rpt_table *t, size_t r, size_t col, cal_fmt *f,
                    cp_buf *tmp, cp_buf *out)
{
    cp_buf_reset(tmp);
    rpt_table_human(d, t, r, col, f, tmp);
    bool strong = (t->total[r] || rpt_table_cell(t, r, col)->alert) && tmp->len > 0;
    if (strong)
        cp_buf_puts(out, "**");
    rpt_md_escape(out, cp_buf_str(tmp));
    if (strong)
        cp_buf_puts(out, "**");
}

static void md_table(const rpt_doc *d, const rpt_table *t, cal_fmt *f, cp_buf *out)
{
    cp_buf tmp = {0};
    cp_buf_putc(out, '|');
    for (size_t c = 0; c < t->n_cols; c++) {
        cp_buf_putc(out, ' ');
        rpt_md_escape(out, t->cols[c].title);
        cp_buf_puts(out, " |");
    }
    cp_buf_puts(out, "\n|");
    for (size_t c = 0; c < t->n_cols; c++)
        cp_buf_puts(out, t->cols[c].right ? " ---: |" : " --- |");
    cp_buf_putc(out, '\n');
    for (size_t r = 0; r < t->n_rows; r++) {
        cp_buf_putc(out, '|');
        for (size_t c = 0; c < t->n_cols; c++) {
            cp_buf_putc(out, ' ');
            md_cell(d, t, r, c, f, &tmp, out);
            cp_buf_puts(out, " |");
        }
        cp_buf_putc(out, '\n');
    }
    cp_buf_free(&tmp);
}

static void md_fields(const rpt_doc *d, const rpt_table *t, cal_fmt *f, cp_buf *out)
{
    cp_buf tmp = {0};
    for (size_t r = 0; r < t->n_rows; r++) {
        cp_buf_puts(out, "- **");
        rpt_md_escape(out, rpt_table_cell(t, r, 0)->text ? rpt_table_cell(t, r, 0)->text : "");
        cp_buf_puts(out, ":** ");
        md_cell(d, t, r, 1, f, &tmp, out);
        cp_buf_putc(out, '\n');
    }
    cp_buf_free(&tmp);
}

void rpt_md_write(const rpt_doc *d, cal_fmt *f, cp_buf *out)
{
    cp_buf_puts(out, "# ");
    if (d->organization) {
        rpt_md_escape(out, d->organization);
        cp_buf_puts(out, ": ");
    }
    rpt_md_escape(out, d->title);
    cp_buf_puts(out, "\n\nAs of ");
    cal_fmt_date(f, d->as_of, out);
    cp_buf_printf(out, "; amounts in %s.\n", d->currency);
    for (size_t i = 0; i < d->n_blocks; i++) {
        const rpt_block *b = d->blocks[i];
        if (!(b->formats & RPT_F_MD))
            continue;
        switch (b->kind) {
        case RPT_BLOCK_HEADING:
            cp_buf_puts(out, "\n## ");
            rpt_md_escape(out, b->text);
            cp_buf_putc(out, '\n');
            break;
        case RPT_BLOCK_PARA:
            cp_buf_putc(out, '\n');
            rpt_md_escape(out, b->text);
            cp_buf_putc(out, '\n');
            break;
        case RPT_BLOCK_TABLE:
            cp_buf_putc(out, '\n');
            md_table(d, &b->table, f, out);
            break;
        case RPT_BLOCK_FIELDS:
            cp_buf_putc(out, '\n');
            md_fields(d, &b->table, f, out);
            break;
        case RPT_BLOCK_BARS:
        case RPT_BLOCK_TIMELINE:
            break;
        }
    }
}
