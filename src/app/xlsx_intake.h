/* Excel intake (事后录入, mode 2): the .xlsx templates a clerk downloads, and the upload of a
 * filled one through the exchange-v1 import path, row numbers kept as line numbers. The workbook
 * is read into exchange-v1 lines first, with no transaction open and within a CPU-time budget;
 * only then are the lines stored (import_stream). Layouts and row conversion are
 * domain/sheet_layout.c. */
#ifndef ZF_XLSX_INTAKE_H
#define ZF_XLSX_INTAKE_H

#include <stdbool.h>
#include <stddef.h>

#include "app/import.h"
#include "domain/sheet_layout.h"
#include "util/xlsx_read.h"

/* The template workbook of a layout: the sheet to fill and a 填写说明 sheet. *out malloc'd. */
int xlsx_template(const SheetLayout *layout, void **out, size_t *len, ZfError *err);

/* The key row: the field key of each column (NULL where none) and the record type they name. A row
 * is one when at least two cells are fields of that type, so a stray "code" in a title or in the
 * 填写说明 sheet is not taken for it; false otherwise (*oom set when memory ran out). */
typedef struct {
    char **keys;
    int width;
    int type;
} XlsxKeyRow;
bool xlsx_key_row(const XlsxCell *cells, int ncells, XlsxKeyRow *out, bool *oom);
void xlsx_key_row_free(XlsxKeyRow *k);

/* Imports the first sheet that has a key row. Every data row is one record, reported under its
 * Excel row number; rows the sheet cannot express (an #N/A cell, more than IMPORT_LINE_MAX of
 * text …) are rejected like bad lines (reported while the workbook is read, before the stored
 * lines' rejects). ZF_ERR with nothing stored when the workbook cannot be read or takes more than
 * cpu_budget_ms of this thread's CPU time to read (err: 400/422 with a Chinese message); ZF_ERR
 * from the store as import_stream. */
int xlsx_import(Store *st, const void *buf, size_t len, long cpu_budget_ms, const ImportHooks *hooks,
                ImportSummary *sum, ZfError *err);

#endif
