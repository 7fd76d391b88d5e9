/* A one-sheet .xlsx written row by row onto a sink (util/zipstream.h), for exports too big to
 * hold: memory stays one row buffer and the deflate window, whatever the number of rows.
 * Strings are inline (no shared-string table, which would have to be whole before the sheet). */
#ifndef ZF_XLSX_STREAM_H
#define ZF_XLSX_STREAM_H

#include <stdbool.h>

#include "util/error.h"
#include "util/xlsx_write.h"
#include "util/zipstream.h"

/* Excel's last row, less the header: the most data rows a sheet can hold. */
#define XLSX_STREAM_MAX_DATA_ROWS (1048576 - 1)

typedef enum { XLSX_OUT_EMPTY, XLSX_OUT_TEXT, XLSX_OUT_NUMBER, XLSX_OUT_MONEY /* shown #,##0.00 */ } XlsxOutKind;

typedef struct {
    XlsxOutKind kind;
    const char *text; /* XLSX_OUT_TEXT */
    double number;    /* XLSX_OUT_NUMBER, XLSX_OUT_MONEY */
} XlsxOutCell;

typedef struct XlsxStream XlsxStream;

/* Writes the package parts and the sheet's head; sheet gives the name, the columns and the frozen
 * rows — its cells are not read. sheet must outlive xs. */
int xlsx_stream_open(const XlsxSheet *sheet, ZipSinkFn sink, void *sink_ctx, XlsxStream **out, ZfError *err);
/* One row of sheet->ncols cells; style XLSX_STYLE_HEADER for a heading row, else GENERAL. */
int xlsx_stream_row(XlsxStream *xs, const XlsxOutCell *cells, XlsxStyle style, ZfError *err);
/* Rows written so far. */
long xlsx_stream_rows(const XlsxStream *xs);
/* Ends the sheet and the archive. */
int xlsx_stream_finish(XlsxStream *xs, ZfError *err);
/* Frees xs, finished or not (an unfinished archive is left incomplete: a reader refuses it). */
void xlsx_stream_free(XlsxStream *xs);

#endif
