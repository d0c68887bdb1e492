/*
 * The HTML writer (html.h). Chart geometry is integer arithmetic on day
 * numbers and minor units (128-bit where amounts are scaled), so the same
 * input always gives the same bytes.
 */
#include "config.h"

#include "reports/html.h"

#include <string.h>

/* Chart geometry in SVG user units. */
enum {
    HTML_CHART_WIDTH = 760,
    HTML_LABEL_WIDTH = 170,
    HTML_BAR_AREA = 400,
    HTML_ROW_HEIGHT = 26,
    HTML_TIME_AREA = 560,
};

static const char *const html_part_colours[RPT_BAR_PARTS] = {"#1f4e79", "#4f8fcf", "#a9c8ea"};

static const char html_style[] =
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1a1a1a;"
    "margin:2em auto;max-width:72em;padding:0 1em;line-height:1.4}\n"
    "h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.2em;margin:1.6em 0 .5em;"
    "border-bottom:1px solid #ccc}\n"
    ".org{color:#555;margin:0}.asof{color:#555;margin:0 0 1em}\n"
    "table{border-collapse:collapse;margin:.5em 0 1em;font-size:.92em}\n"
    "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}\n"
    "th{background:#f0f3f7}td.num,th.num{text-align:right;white-space:nowrap}\n"
    "tr.total td{font-weight:bold;background:#f7f7f7}.alert{color:#b00020;font-weight:bold}\n"
    "dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em;margin:.5em 0 1em}\n"
    "dt{font-weight:bold}dd{margin:0}\n"
    "figure{margin:.5em 0 1.5em}figcaption{color:#555;font-size:.9em}\n"
    "svg{max-width:100%;height:auto}svg text{font-size:12px;font-family:inherit}\n"
    "@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}"
    "table,figure,dl{break-inside:avoid}th{background:#eee}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

void rpt_html_escape(cp_buf *out, const char *s)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '&':
            cp_buf_puts(out, "&amp;");
            break;
        case '<':
            cp_buf_puts(out, "&lt;");
            break;
        case '>':
            cp_buf_puts(out, "&gt;");
            break;
        case '"':
            cp_buf_puts(out, "&quot;");
            break;
        default:
            cp_buf_putc(out, *p);
            break;
        }
    }
}

/* The cell formatted for people and escaped. */
static void html_cell(const rpt_doc *d, const rpt_table *t, size_t r, size_t col, cal_fmt *f,
                      cp_buf *tmp, cp_buf *out)
{
    const rpt_cell *c = rpt_table_cell(t, r, col);
    cp_buf_reset(tmp);
    rpt_table_human(d, t, r, col, f, tmp);
    if (c->alert)
        cp_buf_puts(out, "<span class=\"alert\">");
    rpt_html_escape(out, cp_buf_str(tmp));
    if (c->alert)
        cp_buf_puts(out, "</span>");
}

static void html_table(const rpt_doc *d, const rpt_table *t, cal_fmt *f, cp_buf *out)
{
    cp_buf tmp = {0};
    cp_buf_puts(out, "<table>\n<thead><tr>");
    for (size_t c = 0; c < t->n_cols; c++) {
        cp_buf_puts(out,
                    t->cols[c].right ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">");
        rpt_html_escape(out, t->cols[c].title);
        cp_buf_puts(out, "</th>");
    }
    cp_buf_puts(out, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < t->n_rows; r++) {
        cp_buf_puts(out, t->total[r] ? "<tr class=\"total\">" : "<tr>");
        for (size_t c = 0; c < t->n_cols; c++) {
            cp_buf_puts(out, t->cols[c].right ? "<td class=\"num\">" : "<td>");
            html_cell(d, t, r, c, f, &tmp, out);
            cp_buf_puts(out, "</td>");
        }
        cp_buf_puts(out, "</tr>\n");
    }
    cp_buf_puts(out, "</tbody>\n</table>\n");
    cp_buf_free(&tmp);
}

static void html_fields(const rpt_doc *d, const rpt_table *t, cal_fmt *f, cp_buf *out)
{
    cp_buf tmp = {0};
    cp_buf_puts(out, "<dl>\n");
    for (size_t r = 0; r < t->n_rows; r++) {
        cp_buf_puts(out, "<dt>");
        html_cell(d, t, r, 0, f, &tmp, out);
        cp_buf_puts(out, "</dt><dd>");
        html_cell(d, t, r, 1, f, &tmp, out);
        cp_buf_puts(out, "</dd>\n");
    }
    cp_buf_puts(out, "</dl>\n");
    cp_buf_free(&tmp);
}

/* A legend entry: a swatch and its name at x, y. */
static void html_legend(cp_buf *out, int x, int y, const char *colour, const char *name)
{
    cp_buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>", x,
                  y - 10, colour);
    cp_buf_printf(out, "<text x=\"%d\" y=\"%d\">", x + 16, y);
    rpt_html_escape(out, name);
    cp_buf_puts(out, "</text>\n");
}

static void html_bars(const rpt_doc *d, const rpt_bar_chart *c, cal_fmt *f, cp_buf *out)
{
    __int128 max = 0;
    char buf[32];
    cp_buf tmp = {0};
    for (size_t i = 0; i < c->n_bars; i++) {
        __int128 sum = 0;
        for (size_t k = 0; k < c->n_parts; k++)
            sum += c->bars[i].parts[k] > 0 ? c->bars[i].parts[k] : 0;
        max = sum > max ? sum : max;
    }
    int height = (int)(c->n_bars + 1) * HTML_ROW_HEIGHT + 10;
    cp_buf_printf(out,
                  "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                  "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n<title>",
                  HTML_CHART_WIDTH, height, HTML_CHART_WIDTH, height);
    rpt_html_escape(out, c->title);
    cp_buf_puts(out, "</title>\n");
    for (size_t k = 0; k < c->n_parts; k++)
        html_legend(out, HTML_LABEL_WIDTH + (int)k * 150, 16, html_part_colours[k],
                    c->part_names[k]);
    for (size_t i = 0; i < c->n_bars; i++) {
        const rpt_bar *b = &c->bars[i];
        int y = (int)(i + 1) * HTML_ROW_HEIGHT + 6;
        int x = HTML_LABEL_WIDTH;
        money_minor total = 0;
        cp_buf_printf(out, "<text x=\"0\" y=\"%d\">", y + 14);
        rpt_html_escape(out, b->label);
        cp_buf_puts(out, "</text>");
        for (size_t k = 0; k < c->n_parts; k++) {
            money_minor v = b->parts[k] > 0 ? b->parts[k] : 0;
            total += v;
            int w = max > 0 ? (int)((__int128)v * HTML_BAR_AREA / max) : 0;
            if (w > 0)
                cp_buf_printf(out,
                              "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"%s\"/>", x,
                              y, w, html_part_colours[k]);
            x += w;
        }
        cp_buf_reset(&tmp);
        cal_fmt_money(f, money_format_minor(total, d->digits, buf), d->digits, d->digits, &tmp);
        cp_buf_printf(out, "<text x=\"%d\" y=\"%d\">", x + 6, y + 14);
        rpt_html_escape(out, cp_buf_str(&tmp));
        cp_buf_puts(out, "</text>\n");
    }
    cp_buf_puts(out, "</svg>\n<figcaption>");
    rpt_html_escape(out, c->title);
    cp_buf_puts(out, "</figcaption>\n</figure>\n");
    cp_buf_free(&tmp);
}

/* The x of day in the timeline's range [lo, hi]. */
static int html_x(cal_day day, cal_day lo, cal_day hi)
{
    if (hi <= lo)
        return HTML_LABEL_WIDTH;
    return HTML_LABEL_WIDTH + (int)((int64_t)(day - lo) * HTML_TIME_AREA / (hi - lo));
}

/* A vertical marker line with a label above it. */
static void html_marker(cp_buf *out, int x, int y0, int y1, const char *colour, bool dashed)
{
    cp_buf_printf(out,
                  "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                  "stroke-width=\"2\"%s/>",
                  x, y0, x, y1, colour, dashed ? " stroke-dasharray=\"4 3\"" : "");
}

static void html_timeline(const rpt_doc *d, const rpt_timeline *t, cal_fmt *f, cp_buf *out)
{
    (void)d;
    cal_day lo = t->today, hi = t->today;
    for (size_t i = 0; i < t->n_rows; i++) {
        const rpt_timeline_row *r = &t->rows[i];
        cal_day end = r->next_last_day != CAL_NONE ? r->next_last_day + 1 : r->cutoff;
        lo = r->start < lo ? r->start : lo;
        hi = end > hi ? end : hi;
    }
    int y_axis = (int)(t->n_rows + 2) * HTML_ROW_HEIGHT;
    int height = y_axis + 24;
    cp_buf_printf(out,
                  "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                  "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n"
                  "<title>Terms, decision deadlines and cutoffs</title>\n",
                  HTML_CHART_WIDTH, height, HTML_CHART_WIDTH, height);
    html_legend(out, HTML_LABEL_WIDTH, 16, "#4f8fcf", "current term");
    html_legend(out, HTML_LABEL_WIDTH + 120, 16, "#c9ddf2", "next term");
    html_legend(out, HTML_LABEL_WIDTH + 230, 16, "#b00020", "decision deadline");
    html_legend(out, HTML_LABEL_WIDTH + 370, 16, "#1a1a1a", "cutoff");
    html_legend(out, HTML_LABEL_WIDTH + 450, 16, "#2e7d32", "today");
    /* year ticks */
    int y0, y1;
    cal_to_ymd(lo, &y0, NULL, NULL);
    cal_to_ymd(hi, &y1, NULL, NULL);
    for (int y = y0; y <= y1 + 1 && y <= 9999; y++) {
        cal_day jan1 = cal_from_ymd(y, 1, 1);
        if (jan1 < lo || jan1 > hi)
            continue;
        int x = html_x(jan1, lo, hi);
        cp_buf_printf(out,
                      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
                      "<text x=\"%d\" y=\"%d\">%d</text>\n",
                      x, HTML_ROW_HEIGHT, x, y_axis, x + 2, y_axis + 16, y);
    }
    for (size_t i = 0; i < t->n_rows; i++) {
        const rpt_timeline_row *r = &t->rows[i];
        int y = (int)(i + 1) * HTML_ROW_HEIGHT + 8;
        cp_buf_printf(out, "<text x=\"0\" y=\"%d\">", y + 14);
        rpt_html_escape(out, r->label);
        cp_buf_puts(out, "</text>");
        int xs = html_x(r->start, lo, hi), xe = html_x(r->last_day + 1, lo, hi);
        cp_buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"#4f8fcf\"/>",
                      xs, y, xe - xs > 1 ? xe - xs : 1);
        if (r->next_start != CAL_NONE) {
            int ns = html_x(r->next_start, lo, hi), ne = html_x(r->next_last_day + 1, lo, hi);
            cp_buf_printf(out,
                          "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"#c9ddf2\"/>",
                          ns, y, ne - ns > 1 ? ne - ns : 1);
        }
        if (r->deadline != CAL_NONE)
            html_marker(out, html_x(r->deadline, lo, hi), y - 3, y + 21, "#b00020", false);
        if (r->cutoff != CAL_NONE)
            html_marker(out, html_x(r->cutoff, lo, hi), y - 3, y + 21, "#1a1a1a", false);
        cp_buf_putc(out, '\n');
    }
    int xt = html_x(t->today, lo, hi);
    html_marker(out, xt, HTML_ROW_HEIGHT, y_axis, "#2e7d32", true);
    cp_buf_puts(out, "\n</svg>\n<figcaption>Today is ");
    cp_buf tmp = {0};
    cal_fmt_date(f, t->today, &tmp);
    rpt_html_escape(out, cp_buf_str(&tmp));
    cp_buf_free(&tmp);
    cp_buf_puts(out, "; the cutoff is 00:00 UTC after the last day.</figcaption>\n</figure>\n");
}

void rpt_html_write(const rpt_doc *d, cal_fmt *f, cp_buf *out)
{
    cp_buf tmp = {0};
    cp_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"");
    rpt_html_escape(out, d->lang);
    cp_buf_puts(out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<title>");
    if (d->organization) {
        rpt_html_escape(out, d->organization);
        cp_buf_puts(out, ": ");
    }
    rpt_html_escape(out, d->title);
    cp_buf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n", html_style);
    if (d->organization) {
        cp_buf_puts(out, "<p class=\"org\">");
        rpt_html_escape(out, d->organization);
        cp_buf_puts(out, "</p>\n");
    }
    cp_buf_puts(out, "<h1>");
    rpt_html_escape(out, d->title);
    cp_buf_puts(out, "</h1>\n<p class=\"asof\">As of ");
    cal_fmt_date(f, d->as_of, &tmp);
    rpt_html_escape(out, cp_buf_str(&tmp));
    cp_buf_printf(out, "; amounts in %s</p>\n</header>\n<main>\n", d->currency);
    for (size_t i = 0; i < d->n_blocks; i++) {
        const rpt_block *b = &d->blocks[i];
        if (!(b->formats & RPT_F_HTML))
            continue;
        switch (b->kind) {
        case RPT_BLOCK_HEADING:
            cp_buf_puts(out, "<h2>");
            rpt_html_escape(out, b->text);
            cp_buf_puts(out, "</h2>\n");
            break;
        case RPT_BLOCK_PARA:
            cp_buf_puts(out, "<p>");
            rpt_html_escape(out, b->text);
            cp_buf_puts(out, "</p>\n");
            break;
        case RPT_BLOCK_TABLE:
            html_table(d, &b->table, f, out);
            break;
        case RPT_BLOCK_FIELDS:
            html_fields(d, &b->table, f, out);
            break;
        case RPT_BLOCK_BARS:
            html_bars(d, &b->bars, f, out);
            break;
        case RPT_BLOCK_TIMELINE:
            html_timeline(d, &b->timeline, f, out);
            break;
        }
    }
    cp_buf_puts(out, "</main>\n</body>\n</html>\n");
    cp_buf_free(&tmp);
}
