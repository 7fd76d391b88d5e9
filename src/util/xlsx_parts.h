/* The parts of an .xlsx package that do not depend on how its rows are written, for the two
 * writers (xlsx_write.h: whole workbook in memory; xlsx_stream.h: one sheet streamed). */
#ifndef ZF_XLSX_PARTS_H
#define ZF_XLSX_PARTS_H

#include <stdbool.h>
#include <stdio.h>

#include "util/xlsx_write.h"

#define XLSX_MAX_ROWS 1048576 /* Excel's last row */

/* Style ids are indexes into cellXfs, in XlsxStyle order. */
extern const char xlsx_styles_xml[];
extern const char xlsx_root_rels_xml[];

/* Text as XML character data or an attribute value; control characters XML 1.0 forbids are dropped. */
void xlsx_put_escaped(FILE *f, const char *s);
void xlsx_put_content_types(FILE *f, int nsheets);
void xlsx_put_workbook(FILE *f, const XlsxSheet *sheets, int nsheets);
void xlsx_put_workbook_rels(FILE *f, int nsheets);
/* A worksheet up to and including <sheetData>: view (frozen rows), column widths and styles. */
void xlsx_put_sheet_head(FILE *f, const XlsxSheet *sh, bool selected);
/* </sheetData>, the drop-down validations (from first_data_row) and the end of the worksheet. */
void xlsx_put_sheet_tail(FILE *f, const XlsxSheet *sh);

#endif
