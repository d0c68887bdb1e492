/*
 * The HTML writer: one self-contained HTML5 file (no scripts, no external
 * resources) with inline CSS, the tables, field lists and inline SVG charts
 * (stacked bars; a timeline of terms with the decision deadline, the cutoff
 * and today marked), and a print stylesheet. Money and dates are formatted
 * for the locale; text is escaped.
 */
#ifndef COMMITPLAN_HTML_H
#define COMMITPLAN_HTML_H

#include "calendar/base.h"
#include "calendar/zone.h"
#include "reports/doc.h"

/* Appends s with & < > " escaped as character references. */
void rpt_html_escape(cp_buf *out, const char *s);

/* Writes the blocks of d marked RPT_F_HTML as a whole document; f formats for the locale. */
void rpt_html_write(const rpt_doc *d, cal_fmt *f, cp_buf *out);

#endif
