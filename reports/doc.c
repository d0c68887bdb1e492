/*
 * The report document (doc.h): building it, the plain and human forms of its
 * cells, and the choice of writer for a format.
 */
#include "config.h"

#include "reports/doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/csv.h"
#include "reports/html.h"
#include "reports/md.h"
#include "reports/text.h"

rpt_doc *rpt_doc_new(const char *title, const char *organization, cal_day as_of,
                     const char *currency, int digits, const char *locale)
{
    rpt_doc *d = xcalloc(1, sizeof *d);
    d->title = xstrdup(title);
    d->organization = xstrdup(organization);
    d->as_of = as_of;
    snprintf(d->currency, sizeof d->currency, "%s", currency);
    d->digits = digits;
    size_t n = strcspn(locale ? locale : "en", "@.");
    d->lang = xstrndup(locale ? locale : "en", n);
    for (char *p = d->lang; *p; p++)
        if (*p == '_')
            *p = '-';
    if (!d->lang[0]) {
        free(d->lang);
        d->lang = xstrdup("en");
    }
    return d;
}

static void doc_table_free(rpt_table *t)
{
    for (size_t c = 0; c < t->n_cols; c++) {
        free((char *)t->cols[c].title);
        free((char *)t->cols[c].csv_name);
    }
    free(t->cols);
    for (size_t i = 0; i < t->n_rows * t->n_cols; i++) {
        free(t->cells[i].text);
        free(t->cells[i].note);
    }
    free(t->cells);
    free(t->total);
}

void rpt_doc_free(rpt_doc *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n_blocks; i++) {
        rpt_block *b = d->blocks[i];
        free(b->text);
        doc_table_free(&b->table);
        free(b->bars.title);
        for (size_t k = 0; k < b->bars.n_bars; k++)
            free(b->bars.bars[k].label);
        free(b->bars.bars);
        for (size_t k = 0; k < b->timeline.n_rows; k++)
            free(b->timeline.rows[k].label);
        free(b->timeline.rows);
        free(b);
    }
    free(d->blocks);
    free(d->title);
    free(d->organization);
    free(d->lang);
    free(d);
}

/*
 * Appends a zeroed block of kind; returns it. Blocks are allocated one by one,
 * so a pointer to one (or to its table or chart) stays valid while the
 * builder adds more.
 */
static rpt_block *doc_block(rpt_doc *d, rpt_block_kind kind, unsigned formats)
{
    if (d->n_blocks == d->cap_blocks) {
        d->cap_blocks = d->cap_blocks ? d->cap_blocks * 2 : 16;
        d->blocks = xrealloc(d->blocks, d->cap_blocks * sizeof *d->blocks);
    }
    rpt_block *b = xcalloc(1, sizeof *b);
    d->blocks[d->n_blocks++] = b;
    b->kind = kind;
    b->formats = formats;
    return b;
}

void rpt_doc_heading(rpt_doc *d, unsigned formats, const char *fmt, ...)
{
    cp_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    cp_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    doc_block(d, RPT_BLOCK_HEADING, formats)->text = cp_buf_steal(&b);
}

void rpt_doc_para(rpt_doc *d, unsigned formats, const char *fmt, ...)
{
    cp_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    cp_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    doc_block(d, RPT_BLOCK_PARA, formats)->text = cp_buf_steal(&b);
}

rpt_table *rpt_doc_table(rpt_doc *d, unsigned formats, const rpt_column *cols, size_t n_cols)
{
    rpt_block *b = doc_block(d, RPT_BLOCK_TABLE, formats);
    b->table.cols = xcalloc(n_cols, sizeof *b->table.cols);
    b->table.n_cols = n_cols;
    for (size_t c = 0; c < n_cols; c++) {
        b->table.cols[c].title = xstrdup(cols[c].title);
        b->table.cols[c].csv_name = xstrdup(cols[c].csv_name);
        b->table.cols[c].right = cols[c].right;
    }
    return &b->table;
}

rpt_table *rpt_doc_fields(rpt_doc *d, unsigned formats)
{
    static const rpt_column cols[2] = {{"Field", "field", false}, {"Value", "value", false}};
    rpt_table *t = rpt_doc_table(d, formats, cols, 2);
    d->blocks[d->n_blocks - 1]->kind = RPT_BLOCK_FIELDS;
    return t;
}

rpt_bar_chart *rpt_doc_bars(rpt_doc *d, unsigned formats, const char *title,
                            const char *const *part_names, size_t n_parts)
{
    rpt_block *b = doc_block(d, RPT_BLOCK_BARS, formats);
    b->bars.title = xstrdup(title);
    b->bars.n_parts = n_parts > RPT_BAR_PARTS ? RPT_BAR_PARTS : n_parts;
    for (size_t i = 0; i < b->bars.n_parts; i++)
        b->bars.part_names[i] = part_names[i];
    return &b->bars;
}

rpt_bar *rpt_bars_add(rpt_bar_chart *c, const char *label)
{
    c->bars = xrealloc(c->bars, (c->n_bars + 1) * sizeof *c->bars);
    rpt_bar *b = &c->bars[c->n_bars++];
    memset(b, 0, sizeof *b);
    b->label = xstrdup(label);
    return b;
}

rpt_timeline *rpt_doc_timeline(rpt_doc *d, unsigned formats, cal_day today)
{
    rpt_block *b = doc_block(d, RPT_BLOCK_TIMELINE, formats);
    b->timeline.today = today;
    return &b->timeline;
}

rpt_timeline_row *rpt_timeline_add(rpt_timeline *t, const char *label)
{
    t->rows = xrealloc(t->rows, (t->n_rows + 1) * sizeof *t->rows);
    rpt_timeline_row *r = &t->rows[t->n_rows++];
    r->label = xstrdup(label);
    r->start = r->last_day = r->next_start = r->next_last_day = CAL_NONE;
    r->deadline = r->cutoff = CAL_NONE;
    return r;
}

void rpt_table_row(rpt_table *t, bool total)
{
    if (t->n_rows == t->cap_rows) {
        t->cap_rows = t->cap_rows ? t->cap_rows * 2 : 8;
        t->cells = xrealloc(t->cells, t->cap_rows * t->n_cols * sizeof *t->cells);
        t->total = xrealloc(t->total, t->cap_rows * sizeof *t->total);
    }
    memset(&t->cells[t->n_rows * t->n_cols], 0, t->n_cols * sizeof *t->cells);
    t->total[t->n_rows] = total;
    t->n_rows++;
    t->filled = 0;
}

void rpt_fields_add(rpt_table *t, const char *label)
{
    rpt_table_row(t, false);
    rpt_cell_text(t, label);
}

/* The next cell of the current row (a programming error past the last column aborts). */
static rpt_cell *doc_next_cell(rpt_table *t, rpt_cell_kind kind)
{
    if (t->n_rows == 0 || t->filled >= t->n_cols)
        abort();
    rpt_cell *c = &t->cells[(t->n_rows - 1) * t->n_cols + t->filled++];
    c->kind = kind;
    return c;
}

rpt_cell *rpt_cell_none(rpt_table *t)
{
    return doc_next_cell(t, RPT_CELL_NONE);
}

rpt_cell *rpt_cell_text(rpt_table *t, const char *s)
{
    if (!s)
        return rpt_cell_none(t);
    rpt_cell *c = doc_next_cell(t, RPT_CELL_TEXT);
    c->text = xstrdup(s);
    return c;
}

rpt_cell *rpt_cell_int(rpt_table *t, int64_t v)
{
    rpt_cell *c = doc_next_cell(t, RPT_CELL_INT);
    c->i = v;
    return c;
}

rpt_cell *rpt_cell_date(rpt_table *t, cal_day d)
{
    if (d == CAL_NONE)
        return rpt_cell_none(t);
    rpt_cell *c = doc_next_cell(t, RPT_CELL_DATE);
    c->i = d;
    return c;
}

rpt_cell *rpt_cell_money(rpt_table *t, money_minor v)
{
    rpt_cell *c = doc_next_cell(t, RPT_CELL_MONEY);
    c->i = v;
    return c;
}

rpt_cell *rpt_cell_price(rpt_table *t, money_micros v)
{
    rpt_cell *c = doc_next_cell(t, RPT_CELL_PRICE);
    c->u = v;
    return c;
}

rpt_cell *rpt_cell_instant(rpt_table *t, cal_instant v, const char *zone)
{
    rpt_cell *c = doc_next_cell(t, RPT_CELL_INSTANT);
    c->i = v;
    c->text = xstrdup(zone);
    return c;
}

rpt_cell *rpt_cell_number(rpt_table *t, const char *decimal)
{
    rpt_cell *c = doc_next_cell(t, RPT_CELL_NUMBER);
    c->text = xstrdup(decimal);
    return c;
}

rpt_cell *rpt_cell_note(rpt_cell *cell, const char *note)
{
    free(cell->note);
    cell->note = xstrdup(note);
    return cell;
}

void rpt_table_human(const rpt_doc *d, const rpt_table *t, size_t r, size_t c, cal_fmt *f,
                     cp_buf *out)
{
    const rpt_cell *cell = rpt_table_cell(t, r, c);
    if (cell->kind == RPT_CELL_NONE && t->total[r])
        return;
    rpt_cell_human(d, cell, f, out);
    if (cell->note) {
        cp_buf_puts(out, " (");
        cp_buf_put_visible(out, cell->note);
        cp_buf_putc(out, ')');
    }
}

const rpt_cell *rpt_table_cell(const rpt_table *t, size_t r, size_t c)
{
    return &t->cells[r * t->n_cols + c];
}

void rpt_cell_plain(const rpt_doc *d, const rpt_cell *c, cp_buf *out)
{
    char buf[CAL_ZONE_ISO_SIZE + 16];
    switch (c->kind) {
    case RPT_CELL_NONE:
        break;
    case RPT_CELL_TEXT:
    case RPT_CELL_NUMBER:
        cp_buf_puts(out, c->text);
        break;
    case RPT_CELL_INT:
        cp_buf_printf(out, "%lld", (long long)c->i);
        break;
    case RPT_CELL_DATE:
        cp_buf_puts(out, cal_format_iso((cal_day)c->i, buf));
        break;
    case RPT_CELL_MONEY:
        cp_buf_puts(out, money_format_minor(c->i, d->digits, buf));
        break;
    case RPT_CELL_PRICE:
        cp_buf_puts(out, money_format_micros(c->u, d->digits, buf));
        break;
    case RPT_CELL_INSTANT:
        if (c->text && cal_zone_format_iso(c->text, c->i, buf, NULL) == 0) {
            cp_buf_puts(out, buf);
        } else {
            int64_t day = c->i / 86400, secs = c->i % 86400;
            if (secs < 0) {
                secs += 86400;
                day--;
            }
            cp_buf_printf(out, "%sT%02d:%02d:%02dZ", cal_format_iso((cal_day)day, buf),
                          (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
        }
        break;
    }
}

void rpt_cell_human(const rpt_doc *d, const rpt_cell *c, cal_fmt *f, cp_buf *out)
{
    char buf[32];
    int dec;
    switch (c->kind) {
    case RPT_CELL_NONE:
        cp_buf_puts(out, "\u2013");
        break;
    case RPT_CELL_TEXT:
        cp_buf_put_visible(out, c->text);
        break;
    case RPT_CELL_INT:
        snprintf(buf, sizeof buf, "%lld", (long long)c->i);
        cal_fmt_number(f, buf, 0, 0, out);
        break;
    case RPT_CELL_DATE:
        cal_fmt_date(f, (cal_day)c->i, out);
        break;
    case RPT_CELL_MONEY:
        cal_fmt_money(f, money_format_minor(c->i, d->digits, buf), d->digits, d->digits, out);
        break;
    case RPT_CELL_PRICE:
        dec = money_micros_decimals(c->u, d->digits);
        cal_fmt_money(f, money_format_micros(c->u, d->digits, buf), dec, dec, out);
        break;
    case RPT_CELL_INSTANT:
        cal_fmt_datetime(f, c->i, c->text, out);
        cp_buf_printf(out, " %s", c->text ? c->text : "UTC");
        break;
    case RPT_CELL_NUMBER:
        dec = strchr(c->text, '.') ? (int)strlen(strchr(c->text, '.') + 1) : 0;
        cal_fmt_number(f, c->text, dec, dec, out);
        break;
    }
}

int rpt_doc_render(const rpt_doc *d, const char *format, cal_fmt *f, bool colour, cp_buf *out)
{
    if (strcmp(format, "text") == 0)
        rpt_text_write(d, f, colour, out);
    else if (strcmp(format, "md") == 0)
        rpt_md_write(d, f, out);
    else if (strcmp(format, "html") == 0)
        rpt_html_write(d, f, out);
    else if (strcmp(format, "csv") == 0)
        rpt_csv_write(d, out);
    else
        return -1;
    return 0;
}

size_t rpt_display_width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}
