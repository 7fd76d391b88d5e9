/* Reads the cells of an .xlsx workbook held in memory (libzip + Expat), row by row, without
 * interpreting them: shared, inline and rich-text strings, numbers, booleans, errors. Refuses
 * legacy/encrypted files, zip bombs and malformed XML with a Chinese message; never trusts sizes
 * the archive declares. No I/O beyond the buffer it is given. */
#ifndef ZF_XLSX_READ_H
#define ZF_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

#define XLSX_MAX_ENTRIES 1000                /* a workbook has tens of parts */
#define XLSX_MAX_UNCOMPRESSED (128u << 20)   /* bytes over every part read: the zip-bomb cap */
#define XLSX_MAX_CELL (32767 * 4)            /* Excel's 32,767 characters, in UTF-8 bytes */
#define XLSX_MAX_COLS 16384                  /* XFD */
/* Cell text one workbook may produce: a shared string is stored once but every cell referring
 * to it yields its text again, so the inflate cap alone does not bound what a reader is handed. */
#define XLSX_MAX_TEXT (128u << 20)
#define XLSX_MAX_ROW_TEXT (1u << 20)         /* a row becomes one import line (IMPORT_LINE_MAX) */

typedef enum { XLSX_CELL_STRING, XLSX_CELL_NUMBER, XLSX_CELL_BOOL, XLSX_CELL_ERROR } XlsxCellType;

typedef struct {
    int col;            /* 0-based: A = 0 */
    XlsxCellType type;
    const char *text;   /* NUL-terminated: the string, the number as written, "0"/"1", "#N/A" … */
    double number;      /* XLSX_CELL_NUMBER */
} XlsxCell;

typedef struct {
    long row;              /* Excel's 1-based row number */
    const XlsxCell *cells; /* in column order */
    int ncells;
    bool too_long;         /* its text passed XLSX_MAX_ROW_TEXT: no cells are kept (ncells 0) */
} XlsxRow;

/* Called for every row that has cells, in sheet order. The row and its cells borrow from the
 * reader until the call returns. Return non-zero to stop reading. */
typedef int (*XlsxRowFn)(const XlsxRow *row, void *ctx);

typedef struct XlsxBook XlsxBook;

/* True when buf starts like a zip archive or an OLE2 file (legacy .xls, encrypted .xlsx). */
bool xlsx_looks_like_workbook(const void *buf, size_t len);

/* Opens a workbook: checks the archive, reads the sheet list and the shared strings.
 * Errors: 422 legacy/encrypted/too large, 400 not a workbook or damaged. buf must outlive book. */
int xlsx_open(const void *buf, size_t len, XlsxBook **book, ZfError *err);
void xlsx_close(XlsxBook *book);

int xlsx_sheet_count(const XlsxBook *book);
const char *xlsx_sheet_name(const XlsxBook *book, int index);
/* Workbook dates count from 1904-01-01 (old Mac Excel) instead of 1900. */
bool xlsx_date1904(const XlsxBook *book);

/* Streams sheet index's rows to fn. ZF_OK at the end of the sheet or when fn stopped; 422 when
 * the workbook's cell text passes XLSX_MAX_TEXT. */
int xlsx_read_sheet(XlsxBook *book, int index, XlsxRowFn fn, void *ctx, ZfError *err);
/* Bytes of cell text the book has produced so far, shared strings counted at every reference. */
size_t xlsx_text_produced(const XlsxBook *book);

/* Excel date serial → "YYYY-MM-DD" (date1904 per the workbook); the fraction of a day, if
 * asked for, as "THH:MM". Serial 60 of the 1900 system is the day Lotus 1-2-3 invented
 * (1900-02-29) and comes out as that impossible date, so validation rejects it.
 * False when the serial is out of range (before 1900 or after 9999). */
bool xlsx_serial_date(double serial, bool date1904, bool with_time, char out[20]);

#endif
