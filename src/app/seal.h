/* Sealing a rendered document with its agency's electronic seal (docs/documents.md): the PDF
 * signed with the agency's SM2 key, its certificate issued by the installation's root. */
#ifndef ZF_APP_SEAL_H
#define ZF_APP_SEAL_H

#include <stddef.h>

#include "app/context.h"
#include "util/error.h"

/* Signs pdf (len bytes) for agency_code; *out (malloc'd, *out_len bytes) is the sealed PDF.
 * Issues the agency's key and certificate from the root when it has none. An installation
 * without a root (no `zhifa ca init`) gets the PDF back unsealed. */
int app_seal_pdf(const AppContext *ctx, const char *agency_code, const char *document_id,
                 const unsigned char *pdf, size_t len, unsigned char **out, size_t *out_len,
                 ZfError *err);

/* The same for an issuing organ that is not an agency of the store — the 司法行政部门 that issues
 * supervision documents (行政执法监督条例 第六条): its seal is issued under code ([0-9A-Za-z_-])
 * with name as the certificate's CN on first use. */
int app_seal_pdf_organ(const AppContext *ctx, const char *code, const char *name, const char *document_id,
                       const unsigned char *pdf, size_t len, unsigned char **out, size_t *out_len, ZfError *err);

/* The database whose seal directory (util/paths.h paths_ca_dir) app_seal_pdf uses; set once at
 * start-up, before any thread (cmd_open_store does). */
void app_seal_use_database(const char *db_path);
/* The seal directory of that database ("" before app_seal_use_database). */
const char *app_seal_ca_dir(void);
/* Issues certificates to every agency of the store that has none (init --demo); *issued counts. */
int app_seal_issue_all(Store *st, int *issued, ZfError *err);
/* The agency's name from the store; ZF_ERR 404 when unknown. */
int app_seal_agency_name(Store *st, const char *code, char *out, size_t cap, ZfError *err);

#endif
