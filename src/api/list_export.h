/* GET <list>/export.xlsx for every list page: the list's own handler is run page by page with
 * its reply taken in (HttpCapture), so the workbook holds exactly the rows the list shows for the
 * same filters, sort and data scope; the workbook is then streamed (http/stream.h). Codes become
 * their names through GET /dicts' tables, headings are Chinese, one audit entry per export.
 * A list describes its columns here and nothing else (list_exports.c). */
#ifndef ZF_API_LIST_EXPORT_H
#define ZF_API_LIST_EXPORT_H

#include "http/request.h"

/* A list of more rows than this is cut there, with a note in its last row. Past it, a list read
 * page by page costs more than an export is worth; 案件查询 streams from a cursor instead. */
#define LIST_EXPORT_MAX_ROWS 100000

typedef enum {
    LX_TEXT,   /* a string, a number as text, an array joined with "、" (objects by their "name") */
    LX_NUMBER, /* a number cell */
    LX_FEN,    /* money in fen, shown in yuan (#,##0.00) */
    LX_YUAN,   /* money already in yuan */
    LX_YESNO,  /* true/false as 是/否 */
} ListExportKind;

typedef struct {
    const char *key;     /* the item's member; "a.b" reaches into an object */
    const char *heading; /* Chinese */
    double width;        /* in characters */
    ListExportKind kind;
    const char *dict;    /* a table of GET /dicts whose name stands for the code, or NULL */
} ListExportColumn;

typedef struct {
    const char *audit_action; /* named in domain/audit_names.c */
    const char *sheet;        /* ≤ 31 characters */
    const char *ascii_name, *utf8_name;
    int (*list)(HttpRequest *req);
    int ncols;
    const ListExportColumn *cols;
} ListExport;

/* Replies with the workbook, or with the list's own error (a bad filter is the list's 400). */
int list_export_reply(HttpRequest *req, const ListExport *ex);

#endif
