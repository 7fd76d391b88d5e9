/* A minimal .xlsx (OOXML SpreadsheetML) writer: string cells, column widths and formats, a frozen
 * header, list validations; with per-cell formats, number cells and formulas with their cached
 * values (the 通报's totals). Enough for the import templates and the bulletin; writes the XML
 * itself into a libzip archive in memory. No I/O beyond memory, no shared strings. */
#ifndef ZF_XLSX_WRITE_H
#define ZF_XLSX_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

typedef enum {
    XLSX_STYLE_GENERAL, /* default */
    XLSX_STYLE_TEXT,    /* number format "@": Excel keeps what is typed (ID numbers, dates) */
    XLSX_STYLE_HEADER,  /* bold on a light fill, wrapped */
    XLSX_STYLE_NOTE,    /* small grey text (the row of field keys) */
    XLSX_STYLE_MONEY,   /* a number shown as #,##0.00 (yuan) */
    XLSX_STYLE_TITLE,   /* bold, larger: a sheet's title row */
    XLSX_STYLE_TOTAL,   /* bold whole number (#,##0): a totals row */
    XLSX_STYLE_TOTAL_MONEY, /* bold #,##0.00 */
} XlsxStyle;

typedef enum { XLSX_FMT_TEXT, XLSX_FMT_NUMBER } XlsxFmtKind;

/* How one cell is written when a sheet gives formats: its text is a number's digits for
 * XLSX_FMT_NUMBER; with a formula (no leading "="), the text is the formula's cached value. */
typedef struct {
    XlsxFmtKind kind;
    XlsxStyle style;
    const char *formula; /* e.g. "SUM(C3:C12)", or NULL */
} XlsxCellFormat;

typedef struct {
    double width;    /* in characters */
    bool text;       /* column formatted as text, so typed values stay strings */
    const char *list;/* comma-separated drop-down values (≤ 255 bytes), or NULL */
} XlsxColumn;

typedef struct {
    const char *name;             /* sheet tab, ≤ 31 characters */
    int ncols;
    const XlsxColumn *cols;
    int nrows;
    const char *const *cells;     /* row-major nrows × ncols; NULL = empty cell */
    const XlsxStyle *row_styles;  /* per row, or NULL: the column's style */
    int frozen_rows;              /* rows kept visible when scrolling */
    int first_data_row;           /* 1-based row where drop-downs start */
    const XlsxCellFormat *formats;/* row-major nrows × ncols, or NULL: text in the row's or column's style */
} XlsxSheet;

/* The workbook's bytes in *out (malloc'd, caller frees). */
int xlsx_write(const XlsxSheet *sheets, int nsheets, void **out, size_t *len, ZfError *err);

/* "A", "B", … "AA" for a 0-based column; out holds at least 4 bytes. */
void xlsx_column_name(int col, char out[4]);

#endif
