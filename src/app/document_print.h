/* 打印全部: a print copy of a case's documents — the latest version of each kind, in stage order,
 * each from a new page with its own 文号 and QR code — as one PDF. Drawn afresh from the templates
 * and the record (cairo cannot import the stored PDFs); it is a print run, not a sealed document:
 * the sealed originals are the stored versions. */
#ifndef ZF_APP_DOCUMENT_PRINT_H
#define ZF_APP_DOCUMENT_PRINT_H

#include <stddef.h>

#include "app/context.h"
#include "util/error.h"

/* 404 when the case has no document yet. *pdf malloc'd. */
int app_documents_print(const AppContext *ctx, const char *case_no, unsigned char **pdf, size_t *len, ZfError *err);

#endif
