/*
 * The CSV writer (csv.h).
 */
#include "config.h"

#include "reports/csv.h"

#include <string.h>

void rpt_csv_field(cp_buf *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        cp_buf_puts(out, s);
        return;
    }
    cp_buf_putc(out, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            cp_buf_putc(out, '"');
        cp_buf_putc(out, *p);
    }
    cp_buf_putc(out, '"');
}

void rpt_csv_row(cp_buf *out, const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            cp_buf_putc(out, ',');
        rpt_csv_field(out, fields[i]);
    }
    cp_buf_puts(out, "\r\n");
}

void rpt_csv_write(const rpt_doc *d, cp_buf *out)
{
    const rpt_table *t = NULL;
    for (size_t i = 0; i < d->n_blocks && !t; i++)
        if (d->blocks[i]->kind == RPT_BLOCK_TABLE && (d->blocks[i]->formats & RPT_F_CSV))
            t = &d->blocks[i]->table;
    if (!t)
        return;
    cp_buf field = {0};
    for (size_t c = 0; c < t->n_cols; c++) {
        if (c)
            cp_buf_putc(out, ',');
        rpt_csv_field(out, t->cols[c].csv_name);
    }
    cp_buf_puts(out, "\r\n");
    for (size_t r = 0; r < t->n_rows; r++) {
        if (t->total[r])
            continue;
        for (size_t c = 0; c < t->n_cols; c++) {
            if (c)
                cp_buf_putc(out, ',');
            cp_buf_reset(&field);
            rpt_cell_plain(d, rpt_table_cell(t, r, c), &field);
            rpt_csv_field(out, cp_buf_str(&field));
        }
        cp_buf_puts(out, "\r\n");
    }
    cp_buf_free(&field);
}
