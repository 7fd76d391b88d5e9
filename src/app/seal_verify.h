/* 文书核验 on the anonymous portal (docs/documents.md): an uploaded PDF's electronic seal checked
 * against this installation's root, rate limited per address like the portal's other forms. */
#ifndef ZF_APP_SEAL_VERIFY_H
#define ZF_APP_SEAL_VERIFY_H

#include <jansson.h>
#include <stddef.h>

#include "app/context.h"
#include "seal/seal.h"
#include "util/error.h"

#define SEAL_VERIFY_MAX_MIB 16
#define SEAL_VERIFY_PER_HOUR 60 /* setting portal_verifies_per_hour when present */

/* Counts the attempt for addr (429 past the hourly limit), then fills r. expected_document: the
 * ?doc= of the QR code, or NULL. */
int app_seal_verify_upload(const AppContext *cx, const char *addr, long long now, const unsigned char *pdf,
                           size_t len, const char *expected_document, SealReport *r, ZfError *err);
/* The document the QR code's ?doc=<id> names, as the portal may show it: {"kind_name", "doc_no",
 * "version", "issued_on", "digest" (SM3 hex of the issued PDF)} — or *out = NULL when unknown. */
int app_seal_expected_document(const AppContext *cx, const char *doc_id, json_t **out, ZfError *err);
/* The root certificate's PEM (malloc'd), for checking a document offline; 404 without a root. */
int app_seal_root_pem(char **pem, ZfError *err);

#endif
