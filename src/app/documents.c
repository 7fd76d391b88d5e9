/* Stub until the documents part lands (docs/documents.md). */
#include "app/documents.h"

int app_document_issue(const AppContext *ctx, int64_t case_id, const char *kind, const char *reason,
                       DocumentInfo *out, ZfError *err)
{
    (void)ctx, (void)case_id, (void)kind, (void)reason, (void)out;
    return zf_fail(err, 503, "documents_unavailable", "", "执法文书尚未启用");
}
