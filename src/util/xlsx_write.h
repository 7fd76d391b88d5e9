/* A minimal .xlsx (OOXML SpreadsheetML) writer: string cells, column widths and formats, a frozen
 * header, list validations. Enough for the import templates; writes the XML itself into a libzip
 * archive in memory. No I/O beyond memory, no formulas, no shared strings (inline strings only). */
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
} XlsxStyle;

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
} XlsxSheet;

/* The workbook's bytes in *out (malloc'd, caller frees). */
int xlsx_write(const XlsxSheet *sheets, int nsheets, void **out, size_t *len, ZfError *err);

/* "A", "B", … "AA" for a 0-based column; out holds at least 4 bytes. */
void xlsx_column_name(int col, char out[4]);

#endif
