/* The signature dictionary of a sealed PDF (docs/documents.md "电子印章的结构"): writing it as an
 * incremental update after a PDF's last byte, and finding it again in bytes that came from
 * anywhere. The finder is the part that reads untrusted input: every read is bounds-checked,
 * every value length-capped, and it never allocates. */
#ifndef ZF_SEAL_PDF_SIG_H
#define ZF_SEAL_PDF_SIG_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

#define PDF_SIG_SUBFILTER "ZHIFA.sm2.sm3"
#define PDF_SIG_CONTENTS_MAX 256   /* bytes: SM3 digest (32) + DER SM2 signature (<= 72) */
#define PDF_SIG_CERT_MAX 4096      /* bytes of the agency certificate's DER */
#define PDF_SIG_TEXT_MAX 64        /* /M and /ZhifaDocument */
#define PDF_SIG_WINDOW 65536       /* the dictionary lies within this many bytes of /ByteRange */

typedef struct {
    const unsigned char *cert_der;
    size_t cert_len;
    const char *time;     /* "D:YYYYMMDDHHmmSSZ" */
    const char *document; /* the document's ID, [0-9A-Za-z_.:-] */
} PdfSigFields;

/* pdf + an incremental update holding the signature dictionary (a placeholder /Contents of
 * PDF_SIG_CONTENTS_MAX bytes), a signature field and the catalog with /AcroForm. *contents_at is
 * the offset of the '<' of /Contents; the /ByteRange is filled in already. Needs a classic xref
 * table (what cairo writes). */
int pdf_sig_prepare(const unsigned char *pdf, size_t len, const PdfSigFields *f, unsigned char **out,
                    size_t *out_len, size_t *contents_at, ZfError *err);
/* Writes contents (len <= PDF_SIG_CONTENTS_MAX) as hex into the placeholder at contents_at,
 * padding with spaces (a hex string ignores white space). */
void pdf_sig_fill(unsigned char *pdf, size_t contents_at, const unsigned char *contents, size_t len);

typedef enum { PDF_SIG_FOUND, PDF_SIG_ABSENT, PDF_SIG_MALFORMED } PdfSigFind;

typedef struct {
    unsigned long long range[4]; /* /ByteRange as written, not yet checked against the file */
    unsigned char contents[PDF_SIG_CONTENTS_MAX];
    size_t contents_len;
    unsigned char cert[PDF_SIG_CERT_MAX];
    size_t cert_len;
    char time[PDF_SIG_TEXT_MAX + 1];
    char document[PDF_SIG_TEXT_MAX + 1];
    bool contents_in_gap; /* the /Contents string is exactly the bytes the range leaves out */
} PdfSig;

/* The last signature dictionary of our SubFilter in pdf. */
PdfSigFind pdf_sig_find(const unsigned char *pdf, size_t len, PdfSig *out);

#endif
