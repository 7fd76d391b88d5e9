/* 执法文书 of a case (docs/documents.md): rendered from the case's data, sealed, stored by digest
 * as the next version (never overwritten), with a document.issue ledger event. */
#ifndef ZF_APP_DOCUMENTS_H
#define ZF_APP_DOCUMENTS_H

#include <stdint.h>

#include "app/context.h"
#include "util/error.h"

typedef struct {
    int64_t id;
    char kind[32];
    int version;
    char digest[65];
    char doc_no[96];
} DocumentInfo;

/* Issues the case's document of `kind` as its next version; reason is required from version 2 on
 * (a correction). One transaction. */
int app_document_issue(const AppContext *ctx, int64_t case_id, const char *kind, const char *reason,
                       DocumentInfo *out, ZfError *err);

#endif
