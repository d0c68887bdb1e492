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
    HTML_CHART_WIDTH = 780,
    HTML_LABEL_WIDTH = 190,
    HTML_LABEL_CHARS = 26, /* longer labels are cut with an ellipsis (the whole in a tooltip) */
    HTML_BAR_AREA = 420,
    HTML_BAR_ROW = 26,
    HTML_TIME_AREA = 560,
    HTML_TIME_TOP = 46, /* the first timeline row: below the legend and the "today" label */
    HTML_TIME_ROW = 38, /* a timeline row: the label and the deadline under it */
};

static const char *const html_part_colours[RPT_BAR_PARTS] = {"#1f4e79", "#4f8fcf", "#a9c8ea"};

/* The timeline's colours: current and next term, decision deadline, cutoff, today. */
#define HTML_C_TERM "#4f8fcf"
#define HTML_C_NEXT "#c9ddf2"
#define HTML_C_EDGE "#1f4e79"
#define HTML_C_DEADLINE "#b00020"
#define HTML_C_CUTOFF "#1a1a1a"
#define HTML_C_TODAY "#2e7d32"

static const char html_style[] =
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1a1a1a;"
    "background:#fff;margin:2em auto;max-width:72em;padding:0 1em;line-height:1.4}\n"
    "h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.2em;margin:1.6em 0 .5em;"
    "border-bottom:1px solid #ccc}\n"
    ".org{color:#555;margin:0}.asof{color:#555;margin:0 0 1em}"
    "p.lead{font-weight:bold;margin:1em 0 .3em}\n"
    ".tw{overflow-x:auto;margin:.5em 0 1em}\n"
    "table{border-collapse:collapse;font-size:.92em}\n"
    "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}\n"
    "th{background:#f0f3f7}td.num,th.num{text-align:right;white-space:nowrap}"
    "td.date{white-space:nowrap}.note{white-space:normal}td,dd{white-space:pre-line}\n"
    "tr.total td{font-weight:bold;background:#f7f7f7;border-top:2px solid #888}"
    ".alert{color:#b00020;font-weight:bold}\n"
    "dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em;margin:.5em 0 1em}\n"
    "dt{grid-column:1;font-weight:bold}dd{grid-column:2;margin:0;overflow-wrap:anywhere}\n"
    "figure{margin:.5em 0 1.5em}figcaption{color:#555;font-size:.9em}\n"
    "svg{display:block;max-width:100%;height:auto}"
    "svg text{font-size:13px;font-family:inherit}svg .sub{font-size:11px}\n"
    "@page{margin:14mm}\n"
    "@media print{body{margin:0;max-width:none;padding:0;font-size:10pt}"
    "h2,p.lead{break-after:avoid}.tw{overflow:visible}table{font-size:9pt}"
    "th,td{padding:.2em .4em}"
    "th{background:none;border-bottom:2px solid #888}tr.total td{background:none}"
    "table,figure,tr,dd{break-inside:avoid}dt{break-after:avoid}}\n";

void rpt_html_escape(cp_buf *out, const char *s)
{
    for (const char *p = s; *p; p++) {
        size_t n = cp_buf_put_shown(out, p, "\\"); /* controls as in the text output */
        if (n) {
            p += n - 1;
            continue;
        }
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

/*
 * The language of the document's words (all English) and of its dates: the
 * lang attribute of the locale, or NULL when the locale is English too. Dates
 * and times are formatted for the locale ("1 déc. 2024"), so they carry its
 * lang when it differs.
 */
static const char *html_date_lang(const rpt_doc *d)
{
    const char *l = d->lang;
    if ((l[0] == 'e' || l[0] == 'E') && (l[1] == 'n' || l[1] == 'N') && (!l[2] || l[2] == '-'))
        return NULL;
    return l;
}

/* Appends text escaped, in a span of lang when lang is not NULL. */
static void html_lang_text(cp_buf *out, const char *lang, const char *text)
{
    if (lang) {
        cp_buf_puts(out, "<span lang=\"");
        rpt_html_escape(out, lang);
        cp_buf_puts(out, "\">");
    }
    rpt_html_escape(out, text);
    if (lang)
        cp_buf_puts(out, "</span>");
}

/* The date formatted for people, escaped and in the locale's language. */
static void html_date(const rpt_doc *d, cal_day day, cal_fmt *f, cp_buf *out)
{
    cp_buf tmp = {0};
    cal_fmt_date(f, day, &tmp);
    html_lang_text(out, html_date_lang(d), cp_buf_str(&tmp));
    cp_buf_free(&tmp);
}

/*
 * The cell formatted for people and escaped, with its note (as rpt_table_human);
 * the note may wrap where the value does not.
 */
static void html_cell(const rpt_doc *d, const rpt_table *t, size_t r, size_t col, cal_fmt *f,
                      cp_buf *tmp, cp_buf *out)
{
    const rpt_cell *c = rpt_table_cell(t, r, col);
    if (c->kind == RPT_CELL_NONE && t->total[r])
        return;
    bool dated = c->kind == RPT_CELL_DATE || c->kind == RPT_CELL_INSTANT;
    cp_buf_reset(tmp);
    rpt_cell_human(d, c, f, tmp);
    if (c->alert)
        cp_buf_puts(out, "<span class=\"alert\">");
    html_lang_text(out, dated ? html_date_lang(d) : NULL, cp_buf_str(tmp));
    if (c->note) {
        cp_buf_puts(out, "<span class=\"note\"> (");
        rpt_html_escape(out, c->note);
        cp_buf_puts(out, ")</span>");
    }
    if (c->alert)
        cp_buf_puts(out, "</span>");
}

static void html_table(const rpt_doc *d, const rpt_table *t, cal_fmt *f, cp_buf *out)
{
    cp_buf tmp = {0};
    cp_buf_puts(out, "<div class=\"tw\">\n<table>\n<thead><tr>");
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
            if (t->cols[c].right)
                cp_buf_puts(out, "<td class=\"num\">");
            else if (rpt_table_cell(t, r, c)->kind == RPT_CELL_DATE)
                cp_buf_puts(out, "<td class=\"date\">");
            else
                cp_buf_puts(out, "<td>");
            html_cell(d, t, r, c, f, &tmp, out);
            cp_buf_puts(out, "</td>");
        }
        cp_buf_puts(out, "</tr>\n");
    }
    cp_buf_puts(out, "</tbody>\n</table>\n</div>\n");
    cp_buf_free(&tmp);
}

/* A field list; a label repeated on consecutive fields is shown once, with a value per line. */
static void html_fields(const rpt_doc *d, const rpt_table *t, cal_fmt *f, cp_buf *out)
{
    cp_buf tmp = {0}, label = {0}, prev = {0};
    cp_buf_puts(out, "<dl>\n");
    for (size_t r = 0; r < t->n_rows; r++) {
        cp_buf_reset(&label);
        html_cell(d, t, r, 0, f, &tmp, &label);
        if (r == 0 || strcmp(cp_buf_str(&label), cp_buf_str(&prev)) != 0) {
            cp_buf_printf(out, "<dt>%s</dt>", cp_buf_str(&label));
            cp_buf_reset(&prev);
            cp_buf_puts(&prev, cp_buf_str(&label));
        }
        cp_buf_puts(out, "<dd>");
        html_cell(d, t, r, 1, f, &tmp, out);
        cp_buf_puts(out, "</dd>\n");
    }
    cp_buf_puts(out, "</dl>\n");
    cp_buf_free(&tmp);
    cp_buf_free(&label);
    cp_buf_free(&prev);
}

/*
 * A legend entry at x, y: a swatch and its name. line: 0 a square of colour
 * edged with edge, 1 a line of colour (a marker), 2 a dashed line.
 */
static void html_legend(cp_buf *out, int x, int y, const char *colour, const char *edge, int line,
                        const char *name)
{
    if (line)
        cp_buf_printf(out,
                      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                      "stroke-width=\"2\"%s/>",
                      x + 6, y - 12, x + 6, y + 3, colour,
                      line > 1 ? " stroke-dasharray=\"4 3\"" : "");
    else
        cp_buf_printf(out,
                      "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\" "
                      "stroke=\"%s\"/>",
                      x, y - 10, colour, edge);
    cp_buf_printf(out, "<text x=\"%d\" y=\"%d\">", x + 16, y);
    rpt_html_escape(out, name);
    cp_buf_puts(out, "</text>\n");
}

/*
 * A row label at x, y: cut to HTML_LABEL_CHARS characters with an ellipsis
 * when longer, the whole label then shown as a tooltip.
 */
static void html_label(cp_buf *out, int x, int y, const char *label)
{
    /* measured as shown: a control character takes six (\uXXXX, rpt_html_escape) */
    size_t width = 0, n, keep = 0;
    for (const char *p = label; *p; p += n) {
        long control;
        n = cp_utf8_control(p, &control);
        width += control >= 0 ? 6 : 1;
        if (width <= HTML_LABEL_CHARS - 1) { /* what fits before the ellipsis */
            keep = (size_t)(p - label) + n;
        }
    }
    if (width <= HTML_LABEL_CHARS) {
        cp_buf_printf(out, "<text x=\"%d\" y=\"%d\">", x, y);
        rpt_html_escape(out, label);
        cp_buf_puts(out, "</text>");
        return;
    }
    cp_buf cut = {0};
    cp_buf_put(&cut, label, keep);
    cp_buf_puts(&cut, "\u2026");
    cp_buf_puts(out, "<g><title>");
    rpt_html_escape(out, label);
    cp_buf_printf(out, "</title><text x=\"%d\" y=\"%d\">", x, y);
    rpt_html_escape(out, cp_buf_str(&cut));
    cp_buf_puts(out, "</text></g>");
    cp_buf_free(&cut);
}

/* The opening of a chart: the figure, the svg element and its title. */
static void html_svg_open(cp_buf *out, int height, const char *title)
{
    cp_buf_printf(out,
                  "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                  "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n<title>",
                  HTML_CHART_WIDTH, height, HTML_CHART_WIDTH, height);
    rpt_html_escape(out, title);
    cp_buf_puts(out, "</title>\n");
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
    if (c->scale > max)
        max = c->scale;
    int height = (int)(c->n_bars + 1) * HTML_BAR_ROW + 10;
    html_svg_open(out, height, c->title);
    for (size_t k = 0; k < c->n_parts; k++)
        html_legend(out, HTML_LABEL_WIDTH + (int)k * 140, 16, html_part_colours[k],
                    html_part_colours[0], 0, c->part_names[k]);
    for (size_t i = 0; i < c->n_bars; i++) {
        const rpt_bar *b = &c->bars[i];
        int y = (int)(i + 1) * HTML_BAR_ROW + 6;
        int x = HTML_LABEL_WIDTH;
        money_minor total = 0;
        html_label(out, 0, y + 14, b->label);
        for (size_t k = 0; k < c->n_parts; k++) {
            money_minor v = b->parts[k] > 0 ? b->parts[k] : 0;
            total += v;
            int w = max > 0 ? (int)((__int128)v * HTML_BAR_AREA / max) : 0;
            if (w > 0)
                cp_buf_printf(out,
                              "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"%s\" "
                              "stroke=\"%s\" stroke-width=\"0.5\"/>",
                              x, y, w, html_part_colours[k], html_part_colours[0]);
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

/* A vertical marker line from y0 to y1. */
static void html_marker(cp_buf *out, int x, int y0, int y1, const char *colour, bool dashed)
{
    cp_buf_printf(out,
                  "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                  "stroke-width=\"2\"%s/>",
                  x, y0, x, y1, colour, dashed ? " stroke-dasharray=\"4 3\"" : "");
}

/* A bar of the timeline from day start to day end (exclusive) at y. */
static void html_term(cp_buf *out, cal_day start, cal_day end, cal_day lo, cal_day hi, int y,
                      const char *fill)
{
    int xs = html_x(start, lo, hi), xe = html_x(end, lo, hi);
    cp_buf_printf(out,
                  "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"%s\" "
                  "stroke=\"" HTML_C_EDGE "\" stroke-width=\"0.5\"/>",
                  xs, y, xe - xs > 1 ? xe - xs : 1, fill);
}

/*
 * The grid of the time axis: a labelled line at each 1 January in [lo, hi]
 * and, over at most 6 years, a light line at each other quarter; from y_top
 * to y_axis.
 */
static void html_time_grid(cp_buf *out, cal_day lo, cal_day hi, int y_top, int y_axis)
{
    int y0, y1;
    cal_to_ymd(lo, &y0, NULL, NULL);
    cal_to_ymd(hi, &y1, NULL, NULL);
    bool quarters = y1 - y0 <= 6;
    for (int y = y0; y <= y1 && y <= 9999; y++) {
        for (int m = 1; m <= 10; m += 3) {
            if (m > 1 && !quarters)
                break;
            cal_day first = cal_from_ymd(y, m, 1);
            if (first < lo || first > hi)
                continue;
            int x = html_x(first, lo, hi);
            cp_buf_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>", x,
                          y_top, x, y_axis + (m == 1 ? 4 : 0), m == 1 ? "#999" : "#e4e4e4");
            if (m == 1)
                cp_buf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>", x,
                              y_axis + 18, y);
            cp_buf_putc(out, '\n');
        }
    }
    cp_buf_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>\n",
                  HTML_LABEL_WIDTH, y_axis, HTML_LABEL_WIDTH + HTML_TIME_AREA, y_axis);
}

static void html_timeline(const rpt_doc *d, const rpt_timeline *t, cal_fmt *f, cp_buf *out)
{
    cp_buf tmp = {0};
    const char *lang = html_date_lang(d);
    cal_day lo = t->today, hi = t->today;
    for (size_t i = 0; i < t->n_rows; i++) {
        const rpt_timeline_row *r = &t->rows[i];
        cal_day end = r->next_last_day != CAL_NONE ? r->next_last_day + 1 : r->cutoff;
        lo = r->start < lo ? r->start : lo;
        hi = end > hi ? end : hi;
    }
    int y_axis = HTML_TIME_TOP + (int)t->n_rows * HTML_TIME_ROW + 2;
    int height = y_axis + 26;
    html_svg_open(out, height, "Terms, decision deadlines and cutoffs");
    html_legend(out, HTML_LABEL_WIDTH, 16, HTML_C_TERM, HTML_C_EDGE, 0, "current term");
    html_legend(out, HTML_LABEL_WIDTH + 115, 16, HTML_C_NEXT, HTML_C_EDGE, 0, "next term");
    html_legend(out, HTML_LABEL_WIDTH + 215, 16, HTML_C_DEADLINE, NULL, 1, "decision deadline");
    html_legend(out, HTML_LABEL_WIDTH + 360, 16, HTML_C_CUTOFF, NULL, 1, "cutoff");
    html_legend(out, HTML_LABEL_WIDTH + 440, 16, HTML_C_TODAY, NULL, 2, "today");
    html_time_grid(out, lo, hi, HTML_TIME_TOP - 4, y_axis);
    for (size_t i = 0; i < t->n_rows; i++) {
        const rpt_timeline_row *r = &t->rows[i];
        int top = HTML_TIME_TOP + (int)i * HTML_TIME_ROW;
        html_label(out, 0, top + 15, r->label);
        if (r->deadline != CAL_NONE) {
            cp_buf_reset(&tmp);
            cal_fmt_date(f, r->deadline, &tmp);
            cp_buf_printf(
                out, "<text x=\"0\" y=\"%d\" class=\"sub\" fill=\"" HTML_C_DEADLINE "\">deadline ",
                top + 30);
            if (lang) {
                cp_buf_puts(out, "<tspan lang=\"");
                rpt_html_escape(out, lang);
                cp_buf_puts(out, "\">");
            }
            rpt_html_escape(out, cp_buf_str(&tmp));
            cp_buf_puts(out, lang ? "</tspan></text>" : "</text>");
        }
        html_term(out, r->start, r->last_day + 1, lo, hi, top + 4, HTML_C_TERM);
        if (r->next_start != CAL_NONE)
            html_term(out, r->next_start, r->next_last_day + 1, lo, hi, top + 4, HTML_C_NEXT);
        if (r->deadline != CAL_NONE)
            html_marker(out, html_x(r->deadline, lo, hi), top, top + 26, HTML_C_DEADLINE, false);
        if (r->cutoff != CAL_NONE)
            html_marker(out, html_x(r->cutoff, lo, hi), top, top + 26, HTML_C_CUTOFF, false);
        cp_buf_putc(out, '\n');
    }
    int xt = html_x(t->today, lo, hi);
    int xl = xt < HTML_LABEL_WIDTH + 18 ? HTML_LABEL_WIDTH + 18 : xt;
    xl = xl > HTML_LABEL_WIDTH + HTML_TIME_AREA - 18 ? HTML_LABEL_WIDTH + HTML_TIME_AREA - 18 : xl;
    cp_buf_printf(out,
                  "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"" HTML_C_TODAY
                  "\">today</text>",
                  xl, HTML_TIME_TOP - 8);
    html_marker(out, xt, HTML_TIME_TOP - 4, y_axis, HTML_C_TODAY, true);
    cp_buf_puts(out, "\n</svg>\n<figcaption>Today is ");
    html_date(d, t->today, f, out);
    cp_buf_puts(out, "; the cutoff is 00:00 UTC after the last day.</figcaption>\n</figure>\n");
    cp_buf_free(&tmp);
}

/* Whether the next block shown in HTML after block i is a field list (the paragraph leads it). */
static bool html_next_is_fields(const rpt_doc *d, size_t i)
{
    for (size_t k = i + 1; k < d->n_blocks; k++)
        if (d->blocks[k]->formats & RPT_F_HTML)
            return d->blocks[k]->kind == RPT_BLOCK_FIELDS;
    return false;
}

void rpt_html_write(const rpt_doc *d, cal_fmt *f, cp_buf *out)
{
    cp_buf tmp = {0};
    cp_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"");
    rpt_html_escape(out, html_date_lang(d) ? "en" : d->lang);
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
    html_date(d, d->as_of, f, out);
    cp_buf_printf(out, "; amounts in %s</p>\n</header>\n<main>\n", d->currency);
    for (size_t i = 0; i < d->n_blocks; i++) {
        const rpt_block *b = d->blocks[i];
        if (!(b->formats & RPT_F_HTML))
            continue;
        switch (b->kind) {
        case RPT_BLOCK_HEADING:
            cp_buf_puts(out, "<h2>");
            rpt_html_escape(out, b->text);
            cp_buf_puts(out, "</h2>\n");
            break;
        case RPT_BLOCK_PARA:
            cp_buf_puts(out, html_next_is_fields(d, i) ? "<p class=\"lead\">" : "<p>");
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
