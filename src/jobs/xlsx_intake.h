/* Excel intake (事后录入, mode 2): the .xlsx templates a clerk downloads, and the upload of a
 * filled one through the exchange-v1 import path (import_run, a row at a time), row numbers kept
 * as line numbers. Layouts and row conversion are domain/sheet_layout.c. */
#ifndef ZF_XLSX_INTAKE_H
#define ZF_XLSX_INTAKE_H

#include <stddef.h>

#include "domain/sheet_layout.h"
#include "jobs/import.h"

/* The template workbook of a layout: the sheet to fill and a 填写说明 sheet. *out malloc'd. */
int xlsx_template(const SheetLayout *layout, void **out, size_t *len, ZfError *err);

/* Imports the first sheet that has a key row. Every data row is one record, reported under its
 * Excel row number; rows the sheet cannot express (an #N/A cell, more than IMPORT_LINE_MAX of
 * text …) are rejected like bad lines. ZF_ERR when the workbook cannot be read (err: 400/422 with
 * a Chinese message, also part-way through: the batches committed before stay, as when the store
 * fails in import_stream). */
int xlsx_import(Store *st, const void *buf, size_t len, const ImportHooks *hooks, ImportSummary *sum, ZfError *err);

#endif
