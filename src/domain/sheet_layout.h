/* The Excel (.xlsx) import templates: which exchange-v1 fields each sheet has, under which Chinese
 * names, and how one spreadsheet row becomes one exchange-v1 record. Pure: cells in, JSON out.
 *
 * Layout of a template sheet: row 1 = Chinese column names, row 2 = field keys (the reader maps
 * columns by this row, so columns may be moved or dropped), rows 3… = one record each. Nested
 * fields are dotted keys ("party.name", "decision.fine"); lists are written "a;b" and legal bases
 * "《法律名称》第X条;《…》第Y条". */
#ifndef ZF_SHEET_LAYOUT_H
#define ZF_SHEET_LAYOUT_H

#include <jansson.h>
#include <stdbool.h>

#include "domain/exchange.h"
#include "util/error.h"
#include "util/xlsx_read.h"

#define SHEET_KEY_ROW 2        /* where the templates put the field keys */
#define SHEET_KEY_ROW_SEARCH 10 /* rows a reader looks through for the key row (a clerk may add a title) */

typedef struct {
    const char *path;    /* exchange-v1 field, dotted */
    const char *label;   /* 中文列名 */
    const char *example;
    const char *note;    /* when it applies, what to write; may be NULL */
} SheetColumn;

typedef struct {
    const char *kind;    /* URL name: agencies officers powers cases */
    RecordType type;
    const char *title;   /* sheet tab and file name, e.g. 案件 */
    const SheetColumn *cols;
    int ncols;
} SheetLayout;

/* NULL when kind is not a template. */
const SheetLayout *sheet_layout(const char *kind);
const SheetLayout *sheet_layout_at(int index); /* NULL past the last */

/* The record type a key row describes (by its key field: case_no, cert_no, code with or without
 * region), or -1. keys[col] is the key in that column or NULL. */
int sheet_type_of_keys(const char *const *keys, int nkeys);

/* The values a column accepts, in words for the 填写说明 sheet, e.g. "日期，格式 YYYY-MM-DD". */
const char *sheet_format_text(ExchangeValueKind kind);
/* Drop-down values for a column, comma-separated into out (≤ cap), or false for none.
 * For a case, the union over every case kind (decision.outcome differs by kind). */
bool sheet_column_choices(RecordType type, const char *path, char *out, size_t cap);

/* One data row as a record {"type": …, …}; *record NULL when the row holds nothing. A cell that
 * cannot become a value (an Excel error such as #N/A, a date serial out of range, a basis not
 * written 《…》…) → ZF_ERR with the record built from the other cells still in *record (for its
 * key) and err naming the column. */
int sheet_row_record(RecordType type, const char *const *keys, int nkeys, const XlsxCell *cells, int ncells,
                     bool date1904, json_t **record, ZfError *err);

#endif
