/*
 * The report document: the one model every human-readable and CSV writer
 * renders. A report builder (renewal.c, budget.c, procurement.c) turns its
 * data into a document of headings, paragraphs, tables of typed cells
 * (dates, money, instants, counts, text), field lists and charts; each writer
 * (text.c, md.c, html.c, csv.c) formats the same document for its format, so
 * every report gets every format from the same data. Cells keep their values,
 * not strings: the human writers format them for the locale with ICU, the CSV
 * writer as plain ISO dates and plain decimals. JSON is written by the
 * builders themselves, as each report has its own contract.
 */
#ifndef COMMITPLAN_DOC_H
#define COMMITPLAN_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar/base.h"
#include "calendar/date.h"
#include "calendar/zone.h"
#include "planner/money.h"
#include "reports/jsonw.h"

/* Which writers show a block (bits). */
enum {
    RPT_F_TEXT = 1 << 0,
    RPT_F_MD = 1 << 1,
    RPT_F_HTML = 1 << 2,
    RPT_F_CSV = 1 << 3,
    RPT_F_HUMAN = RPT_F_TEXT | RPT_F_MD | RPT_F_HTML,
};

typedef enum {
    RPT_CELL_NONE,    /* empty: "" in CSV, a dash for people */
    RPT_CELL_TEXT,    /* text */
    RPT_CELL_INT,     /* a count: i */
    RPT_CELL_DATE,    /* a date: i is a cal_day */
    RPT_CELL_MONEY,   /* an amount: i in minor units of the document's currency */
    RPT_CELL_PRICE,   /* a unit price: u in money_micros */
    RPT_CELL_INSTANT, /* an instant: i in seconds, shown in zone text (NULL: UTC) */
    RPT_CELL_NUMBER,  /* an exact decimal quantity: text is its plain form ("23496.06") */
} rpt_cell_kind;

/* One cell of a table. */
typedef struct rpt_cell {
    rpt_cell_kind kind;
    bool alert; /* needs attention: coloured or emphasised for people */
    char *text; /* TEXT: the text; NUMBER: the decimal; INSTANT: the zone or NULL for UTC (owned) */
    char *note; /* for people only: shown after the value in parentheses; NULL for none (owned) */
    int64_t i;
    uint64_t u;
} rpt_cell;

/* A column: its title for people and its name in the CSV header. */
typedef struct rpt_column {
    const char *title; /* copies owned by the table once added */
    const char *csv_name;
    bool right; /* right-aligned (numbers) */
} rpt_column;

/* A table; rows are n_cols cells each, row-major. Also the model of a field list (2 columns). */
typedef struct rpt_table {
    rpt_column *cols;
    size_t n_cols;
    rpt_cell *cells;
    bool *total; /* per row: a total row (set apart for people, left out of CSV) */
    size_t n_rows, cap_rows;
    size_t filled; /* cells written in the last row */
} rpt_table;

/* A stacked bar of a bar chart: one label, one amount per part. */
#define RPT_BAR_PARTS 3
typedef struct rpt_bar {
    char *label;
    money_minor parts[RPT_BAR_PARTS];
} rpt_bar;

typedef struct rpt_bar_chart {
    char *title;
    const char *part_names[RPT_BAR_PARTS]; /* static strings */
    size_t n_parts;
    rpt_bar *bars;
    size_t n_bars;
    money_minor scale; /* the amount of a full-width bar, so that charts compare; 0: the largest */
} rpt_bar_chart;

/* A row of a timeline: a term, the next term (or none), and its deadline and cutoff. */
typedef struct rpt_timeline_row {
    char *label;
    cal_day start, last_day;           /* the current term */
    cal_day next_start, next_last_day; /* CAL_NONE when it does not renew */
    cal_day deadline;                  /* the decision deadline */
    cal_day cutoff;                    /* the day whose 00:00 UTC is the cutoff */
} rpt_timeline_row;

typedef struct rpt_timeline {
    cal_day today;
    rpt_timeline_row *rows;
    size_t n_rows;
} rpt_timeline;

typedef enum {
    RPT_BLOCK_HEADING,
    RPT_BLOCK_PARA,
    RPT_BLOCK_TABLE,
    RPT_BLOCK_FIELDS,
    RPT_BLOCK_BARS,
    RPT_BLOCK_TIMELINE,
} rpt_block_kind;

typedef struct rpt_block {
    rpt_block_kind kind;
    unsigned formats; /* RPT_F_* writers that show it */
    char *text;       /* HEADING, PARA */
    rpt_table table;  /* TABLE, FIELDS */
    rpt_bar_chart bars;
    rpt_timeline timeline;
} rpt_block;

/* A whole report. */
typedef struct rpt_doc {
    char *title;        /* "Budget 2026-2028" */
    char *organization; /* shown above the title; NULL for none */
    cal_day as_of;
    char currency[4];
    int digits;         /* minor digits of the currency */
    char *lang;         /* BCP 47 tag of the locale for html ("en-US") */
    rpt_block **blocks; /* each allocated alone: the table or chart a builder holds stays put */
    size_t n_blocks, cap_blocks;
} rpt_doc;

/* A new empty document (free with rpt_doc_free). locale: an ICU locale name ("de_DE"). */
rpt_doc *rpt_doc_new(const char *title, const char *organization, cal_day as_of,
                     const char *currency, int digits, const char *locale);
void rpt_doc_free(rpt_doc *d);

/* Adds a heading (a section of the report). */
void rpt_doc_heading(rpt_doc *d, unsigned formats, const char *fmt, ...) CP_PRINTF(3, 4);
/* Adds a paragraph of plain text. */
void rpt_doc_para(rpt_doc *d, unsigned formats, const char *fmt, ...) CP_PRINTF(3, 4);
/*
 * Adds a table with n_cols columns described by n_cols (title, csv_name, right)
 * triples in cols; returns it for rpt_table_row/rpt_cell_* (owned by the doc).
 */
rpt_table *rpt_doc_table(rpt_doc *d, unsigned formats, const rpt_column *cols, size_t n_cols);
/* Adds a field list (label: value lines); fill it with rpt_fields_add + one rpt_cell_*. */
rpt_table *rpt_doc_fields(rpt_doc *d, unsigned formats);
/* Adds a bar chart with the given part names (at most RPT_BAR_PARTS); returns it. */
rpt_bar_chart *rpt_doc_bars(rpt_doc *d, unsigned formats, const char *title,
                            const char *const *part_names, size_t n_parts);
/* Adds a bar to a chart; returns it to fill its parts. */
rpt_bar *rpt_bars_add(rpt_bar_chart *c, const char *label);
/* Adds a timeline chart with today marked; returns it. */
rpt_timeline *rpt_doc_timeline(rpt_doc *d, unsigned formats, cal_day today);
/* Adds a row to a timeline; returns it (label copied; other fields CAL_NONE). */
rpt_timeline_row *rpt_timeline_add(rpt_timeline *t, const char *label);

/* Starts a new row of t (total: a total row). */
void rpt_table_row(rpt_table *t, bool total);
/* Starts a field of a field list: a new row whose label is label; add its value next. */
void rpt_fields_add(rpt_table *t, const char *label);
/* Appends cells to the current row; each returns the cell (to set alert). */
rpt_cell *rpt_cell_none(rpt_table *t);
rpt_cell *rpt_cell_text(rpt_table *t, const char *s); /* NULL gives an empty cell */
rpt_cell *rpt_cell_int(rpt_table *t, int64_t v);
rpt_cell *rpt_cell_date(rpt_table *t, cal_day d); /* CAL_NONE gives an empty cell */
rpt_cell *rpt_cell_money(rpt_table *t, money_minor v);
rpt_cell *rpt_cell_price(rpt_table *t, money_micros v);
rpt_cell *rpt_cell_instant(rpt_table *t, cal_instant v, const char *zone);
/* A plain decimal ("21500.5"), grouped for the locale for people with every decimal kept. */
rpt_cell *rpt_cell_number(rpt_table *t, const char *decimal);
/* Sets the note of a cell (copied); returns the cell. */
rpt_cell *rpt_cell_note(rpt_cell *cell, const char *note);
/* The cell at row r, column c. */
const rpt_cell *rpt_table_cell(const rpt_table *t, size_t r, size_t c);

/*
 * The cell as plain text for CSV: ISO dates, plain decimals with the
 * document's digits, "YYYY-MM-DDTHH:MM:SSZ" for UTC instants and
 * "YYYY-MM-DDTHH:MM:SS+HH:MM" in a zone. Appends to out.
 */
void rpt_cell_plain(const rpt_doc *d, const rpt_cell *c, cp_buf *out);
/*
 * The cell for people, formatted for the locale with f (dates, money, grouped counts). Appends to
 * out. In every output for people (text, md, html) text from the input has each control
 * character, tab and line ends included, and each bidirectional override shown as \uXXXX
 * (cp_buf_put_visible): it can neither break a table row or an email line nor restyle the
 * terminal. CSV and JSON keep the text as it is, quoted or escaped.
 */
void rpt_cell_human(const rpt_doc *d, const rpt_cell *c, cal_fmt *f, cp_buf *out);

/* The cell at row r, column c of t for people: as rpt_cell_human, with its note; empty cells of
 * total rows stay empty. */
void rpt_table_human(const rpt_doc *d, const rpt_table *t, size_t r, size_t c, cal_fmt *f,
                     cp_buf *out);

/*
 * Renders d in format ("text", "md", "html" or "csv") into out. f formats for
 * the locale (not used by csv, may be NULL there); colour only for text.
 * Returns 0, or -1 for an unknown format.
 */
int rpt_doc_render(const rpt_doc *d, const char *format, cal_fmt *f, bool colour, cp_buf *out);

/* The number of characters of a UTF-8 string (U+00A0 and U+202F count 1), for alignment. */
size_t rpt_display_width(const char *s);

#endif
