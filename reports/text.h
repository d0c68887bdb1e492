/*
 * The text writer: the document for people on a terminal or in a mail. Money,
 * dates and counts formatted for the locale with ICU, tables aligned by
 * display width (UTF-8 characters; ICU's U+00A0 and U+202F count one), and
 * colour (bold headings, alerts in yellow) only when asked for.
 */
#ifndef COMMITPLAN_TEXT_H
#define COMMITPLAN_TEXT_H

#include <stdbool.h>

#include "calendar/base.h"
#include "calendar/zone.h"
#include "reports/doc.h"

/* Appends s to out padded with spaces to width characters, left- or right-aligned. */
void rpt_text_pad(cp_buf *out, const char *s, size_t width, bool right);

/* Writes the blocks of d marked RPT_F_TEXT; f formats for the locale; colour adds ANSI escapes. */
void rpt_text_write(const rpt_doc *d, cal_fmt *f, bool colour, cp_buf *out);

#endif
