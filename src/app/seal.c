/* Stub until the seal part lands: the PDF is returned unchanged (docs/documents.md). */
#include "app/seal.h"

#include <stdlib.h>
#include <string.h>

int app_seal_pdf(const AppContext *ctx, const char *agency_code, const char *document_id,
                 const unsigned char *pdf, size_t len, unsigned char **out, size_t *out_len,
                 ZfError *err)
{
    (void)ctx, (void)agency_code, (void)document_id;
    *out = malloc(len ? len : 1);
    if (!*out) return zf_fail(err, 500, "out_of_memory", "", "内存不足");
    memcpy(*out, pdf, len);
    *out_len = len;
    return ZF_OK;
}
