/* Sealing a rendered document with its agency's electronic seal (docs/documents.md): the PDF
 * signed with the agency's SM2 key, its certificate issued by the installation's root. */
#ifndef ZF_APP_SEAL_H
#define ZF_APP_SEAL_H

#include <stddef.h>

#include "app/context.h"
#include "util/error.h"

/* Signs pdf (len bytes) for agency_code; *out (malloc'd, *out_len bytes) is the sealed PDF. */
int app_seal_pdf(const AppContext *ctx, const char *agency_code, const char *document_id,
                 const unsigned char *pdf, size_t len, unsigned char **out, size_t *out_len,
                 ZfError *err);

#endif
