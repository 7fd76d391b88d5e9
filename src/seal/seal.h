/* Sealing a PDF with an agency's SM2 key and checking a sealed PDF (docs/documents.md). The
 * /Contents of the signature dictionary is the raw form "SM3 digest (32 bytes) || DER SM2
 * signature": OpenSSL 3.0's CMS cannot sign with SM2, and the raw form is what the plain openssl
 * command line checks. The signature covers the /ByteRange, i.e. the whole file but /Contents —
 * so the certificate, the signing time (/M) and the document ID (/ZhifaDocument) are signed. */
#ifndef ZF_SEAL_SEAL_H
#define ZF_SEAL_SEAL_H

#include <stddef.h>
#include <time.h>

#include "seal/ca.h"
#include "util/error.h"

/* Signs pdf for the agency whose key is in ca_dir, as of at; *out is malloc'd. */
int seal_sign_pdf(const char *ca_dir, const char *agency_code, const char *document_id, time_t at,
                  const unsigned char *pdf, size_t len, unsigned char **out, size_t *out_len, ZfError *err);

/* What a check found, in the order the checks run. */
typedef enum {
    SEAL_OK,
    SEAL_NO_SIGNATURE,   /* no seal of this system, or its dictionary is unreadable */
    SEAL_RANGE,          /* /ByteRange does not cover the file except /Contents */
    SEAL_DIGEST,         /* the signed bytes' SM3 differs from the one sealed */
    SEAL_SIGNATURE,      /* the SM2 signature does not verify with the certificate */
    SEAL_CERT_ISSUER,    /* the certificate was not issued by this installation's root */
    SEAL_CERT_TIME,      /* the certificate was expired or not yet valid when signed */
    SEAL_DOCUMENT,       /* signed for another document than the one expected */
    SEAL_NO_ROOT         /* this installation has no root to check against */
} SealCheck;

typedef struct {
    SealCheck check;
    char agency_name[256];
    char agency_code[SEAL_CODE_MAX + 1];
    char signed_at[32];  /* "2026-12-07T10:45:00Z", "" when unknown */
    char document[65];
    char cert_serial[80];
} SealReport;

/* Runs every check on pdf against the root in ca_dir; expected_document NULL or "" skips the
 * document check. r->check says the first that failed (SEAL_OK when none). Never fails itself. */
void seal_verify_pdf(const char *ca_dir, const unsigned char *pdf, size_t len, const char *expected_document,
                     SealReport *r);
/* "no_signature", …; and the Chinese sentence for people. */
const char *seal_check_code(SealCheck c);
const char *seal_check_message(SealCheck c);
/* Signing time in Beijing time, "2026年12月7日 18:45:00", from r->signed_at. */
void seal_time_text(const SealReport *r, char *out, size_t cap);

#endif
