/*
 * The Markdown writer: GitHub-flavoured Markdown for procurement documents
 * and wikis. A heading with the organization and the as-of date, section
 * headings, pipe tables (numbers right-aligned, totals in bold) and field
 * lists; money and dates formatted for the locale; text escaped so a `|` or
 * `*` in a value cannot break a table (`_` is left alone: GitHub does not
 * emphasise inside words, and zone names such as Los_Angeles stay readable).
 */
#ifndef COMMITPLAN_MD_H
#define COMMITPLAN_MD_H

#include "calendar/base.h"
#include "calendar/zone.h"
#include "reports/doc.h"

/* Appends s with the Markdown specials (\ | * ` < > [ ]) backslash-escaped and line breaks as
 * spaces. */
void rpt_md_escape(cp_buf *out, const char *s);

/* Writes the blocks of d marked RPT_F_MD; f formats for the locale. */
void rpt_md_write(const rpt_doc *d, cal_fmt *f, cp_buf *out);

#endif
