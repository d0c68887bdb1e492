/*
 * The CSV writer (RFC 4180): the document's line-item table (the table block
 * marked RPT_F_CSV) as a header row and one row per line item, CRLF line
 * ends, fields quoted only where needed, ISO dates and plain decimal money.
 * Total rows are left out: a spreadsheet sums the lines itself.
 */
#ifndef COMMITPLAN_CSV_H
#define COMMITPLAN_CSV_H

#include <stdbool.h>

#include "calendar/base.h"
#include "reports/doc.h"

/* Appends s as one CSV field, quoted (quotes doubled) when it holds a comma, quote, CR or LF. */
void rpt_csv_field(cp_buf *out, const char *s);

/* Appends one record: the n fields (rpt_csv_field) separated by commas, then CRLF. */
void rpt_csv_row(cp_buf *out, const char *const *fields, size_t n);

/* Writes the first table of d marked RPT_F_CSV (only its header when there is none). */
void rpt_csv_write(const rpt_doc *d, cp_buf *out);

#endif
