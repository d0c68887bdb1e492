/*
 * The text writer (text.h).
 */
#include "config.h"

#include "reports/text.h"

#include <stdlib.h>
#include <string.h>

#define TEXT_BOLD "\033[1m"
#define TEXT_ALERT "\033[1;33m"
#define TEXT_RESET "\033[0m"

void rpt_text_pad(cp_buf *out, const char *s, size_t width, bool right)
{
    size_t w = rpt_display_width(s);
    if (right)
        for (; w < width; w++)
            cp_buf_putc(out, ' ');
    cp_buf_puts(out, s);
    if (!right)
        for (; w < width; w++)
            cp_buf_putc(out, ' ');
}

/* Appends n copies of c. */
static void text_repeat(cp_buf *out, char c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        cp_buf_putc(out, c);
}

#define TEXT_WRAP 78

/*
 * Appends s wrapped at word boundaries so no line passes TEXT_WRAP characters;
 * the first line continues at column col, the next ones start indented by indent.
 */
static void text_wrap(const char *s, size_t col, size_t indent, cp_buf *out)
{
    bool first = true;
    while (*s) {
        size_t n = strcspn(s, " ");
        char *word = xstrndup(s, n);
        size_t w = rpt_display_width(word);
        if (!first && col + 1 + w > TEXT_WRAP) {
            cp_buf_putc(out, '\n');
            text_repeat(out, ' ', indent);
            col = indent;
        } else if (!first) {
            cp_buf_putc(out, ' ');
            col++;
        }
        cp_buf_puts(out, word);
        col += w;
        first = false;
        free(word);
        s += n;
        while (*s == ' ')
            s++;
    }
}

/* A table (or, with fields, a label: value list) with columns aligned by display width. */
static void text_table(const rpt_doc *d, const rpt_table *t, bool fields, cal_fmt *f, bool colour,
                       cp_buf *out)
{
    size_t n = t->n_rows * t->n_cols;
    cp_buf *s = xcalloc(n ? n : 1, sizeof *s);
    size_t *width = xcalloc(t->n_cols, sizeof *width);
    for (size_t c = 0; c < t->n_cols && !fields; c++)
        width[c] = rpt_display_width(t->cols[c].title);
    for (size_t r = 0; r < t->n_rows; r++)
        for (size_t c = 0; c < t->n_cols; c++) {
            rpt_table_human(d, t, r, c, f, &s[r * t->n_cols + c]);
            size_t w = rpt_display_width(cp_buf_str(&s[r * t->n_cols + c]));
            if (fields && c == 0)
                w++; /* the colon */
            width[c] = w > width[c] ? w : width[c];
        }
    if (!fields) {
        cp_buf_puts(out, "  ");
        for (size_t c = 0; c < t->n_cols; c++) {
            if (c)
                cp_buf_puts(out, "  ");
            rpt_text_pad(out, t->cols[c].title,
                         c + 1 < t->n_cols || t->cols[c].right ? width[c] : 0, t->cols[c].right);
        }
        cp_buf_puts(out, "\n  ");
        for (size_t c = 0; c < t->n_cols; c++) {
            if (c)
                cp_buf_puts(out, "  ");
            text_repeat(out, '-', width[c]);
        }
        cp_buf_putc(out, '\n');
    }
    bool rule_done = false;
    for (size_t r = 0; r < t->n_rows; r++) {
        if (t->total[r] && !rule_done && r > 0 && !fields) {
            cp_buf_puts(out, "  ");
            for (size_t c = 0; c < t->n_cols; c++) {
                if (c)
                    cp_buf_puts(out, "  ");
                text_repeat(out, '-', width[c]);
            }
            cp_buf_putc(out, '\n');
        }
        rule_done = rule_done || t->total[r];
        cp_buf_puts(out, "  ");
        for (size_t c = 0; c < t->n_cols; c++) {
            const rpt_cell *cell = rpt_table_cell(t, r, c);
            const char *v = cp_buf_str(&s[r * t->n_cols + c]);
            bool last = c + 1 == t->n_cols;
            if (c)
                cp_buf_puts(out, "  ");
            if (fields && c == 0) {
                cp_buf_puts(out, v);
                cp_buf_putc(out, ':');
                text_repeat(out, ' ', width[0] - rpt_display_width(v) - 1);
                continue;
            }
            if (fields) {
                if (colour && cell->alert)
                    cp_buf_puts(out, TEXT_ALERT);
                text_wrap(v, 4 + width[0], 4 + width[0], out);
                if (colour && cell->alert)
                    cp_buf_puts(out, TEXT_RESET);
                continue;
            }
            if (colour && cell->alert)
                cp_buf_puts(out, TEXT_ALERT);
            rpt_text_pad(out, v, last && !t->cols[c].right ? 0 : width[c], t->cols[c].right);
            if (colour && cell->alert)
                cp_buf_puts(out, TEXT_RESET);
        }
        cp_buf_putc(out, '\n');
    }
    for (size_t i = 0; i < n; i++)
        cp_buf_free(&s[i]);
    free(s);
    free(width);
}

void rpt_text_write(const rpt_doc *d, cal_fmt *f, bool colour, cp_buf *out)
{
    bool after_heading = false;
    cp_buf para = {0};
    if (colour)
        cp_buf_puts(out, TEXT_BOLD);
    if (d->organization) {
        cp_buf_put_visible(out, d->organization);
        cp_buf_puts(out, ": ");
    }
    cp_buf_put_visible(out, d->title);
    if (colour)
        cp_buf_puts(out, TEXT_RESET);
    cp_buf_puts(out, "\nAs of ");
    cal_fmt_date(f, d->as_of, out);
    cp_buf_printf(out, "; amounts in %s\n", d->currency);
    for (size_t i = 0; i < d->n_blocks; i++) {
        const rpt_block *b = d->blocks[i];
        if (!(b->formats & RPT_F_TEXT) || b->kind == RPT_BLOCK_BARS ||
            b->kind == RPT_BLOCK_TIMELINE)
            continue;
        if (b->kind != RPT_BLOCK_HEADING && !after_heading)
            cp_buf_putc(out, '\n');
        after_heading = b->kind == RPT_BLOCK_HEADING;
        switch (b->kind) {
        case RPT_BLOCK_HEADING:
            cp_buf_printf(out, "\n%s", colour ? TEXT_BOLD : "");
            cp_buf_put_visible(out, b->text);
            cp_buf_printf(out, "%s\n", colour ? TEXT_RESET : "");
            break;
        case RPT_BLOCK_PARA:
            cp_buf_reset(&para);
            cp_buf_put_visible(&para, b->text);
            cp_buf_puts(out, "  ");
            text_wrap(cp_buf_str(&para), 2, 2, out);
            cp_buf_putc(out, '\n');
            break;
        case RPT_BLOCK_TABLE:
            text_table(d, &b->table, false, f, colour, out);
            break;
        case RPT_BLOCK_FIELDS:
            text_table(d, &b->table, true, f, colour, out);
            break;
        case RPT_BLOCK_BARS:
        case RPT_BLOCK_TIMELINE:
            break;
        }
    }
    cp_buf_free(&para);
}
