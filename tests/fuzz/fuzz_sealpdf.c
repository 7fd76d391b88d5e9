/* What reads an uploaded document's electronic seal: pdf_sig_find (seal/pdf_sig.c) and the whole
 * seal_verify_pdf (seal/seal.c) on bytes from anywhere, in a buffer of their exact size.
 * Invariants: a found dictionary's values are within their caps, its texts printable ASCII; with
 * no root to trust (a directory that does not exist) nothing ever verifies; every check has a
 * code and a UTF-8 message. The same bytes given to the writer (`zhifa ca sign` takes any file):
 * when it accepts them, the finder finds its dictionary, /Contents exactly in the range's gap and
 * the range covering the whole output. */
#include <jansson.h>
#include <string.h>

#include "fuzz.h"
#include "seal/pdf_sig.h"
#include "seal/seal.h"

static void check_text(const char *s)
{
    size_t n = strnlen(s, PDF_SIG_TEXT_MAX + 1);
    FUZZ_CHECK(n <= PDF_SIG_TEXT_MAX);
    for (size_t i = 0; i < n; i++) FUZZ_CHECK(s[i] >= 0x20 && s[i] <= 0x7e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *buf = malloc(size ? size : 1);
    FUZZ_CHECK(buf != NULL);
    memcpy(buf, data, size);
    static PdfSig s;
    if (pdf_sig_find(buf, size, &s) == PDF_SIG_FOUND) {
        FUZZ_CHECK(s.contents_len <= PDF_SIG_CONTENTS_MAX && s.cert_len <= PDF_SIG_CERT_MAX);
        check_text(s.time);
        check_text(s.document);
    }
    static const unsigned char cert[] = {0x30, 0x03, 0x02, 0x01, 0x01};
    PdfSigFields f = {cert, sizeof cert, "D:20260520103000Z", "D1"};
    unsigned char *out;
    size_t out_len, contents_at;
    ZfError err;
    if (pdf_sig_prepare(buf, size, &f, &out, &out_len, &contents_at, &err) == ZF_OK) {
        FUZZ_CHECK(out_len > size && memcmp(out, buf, size) == 0);
        FUZZ_CHECK(pdf_sig_find(out, out_len, &s) == PDF_SIG_FOUND);
        FUZZ_CHECK(s.contents_in_gap && s.range[0] == 0 && s.range[1] == contents_at);
        FUZZ_CHECK(s.range[2] + s.range[3] == out_len && s.cert_len == sizeof cert);
        FUZZ_CHECK(strcmp(s.document, "D1") == 0 && strcmp(s.time, f.time) == 0);
        free(out);
    } else {
        json_t *e = json_string(err.message);
        FUZZ_CHECK(e != NULL);
        json_decref(e);
    }
    SealReport r;
    seal_verify_pdf("/nonexistent-zhifa-ca", buf, size, "D1", &r);
    FUZZ_CHECK(r.check != SEAL_OK);
    json_t *m = json_string(seal_check_message(r.check));
    FUZZ_CHECK(m != NULL && strcmp(seal_check_code(r.check), "unknown") != 0);
    json_decref(m);
    json_t *name = json_string(r.agency_name); /* what the portal sends back as JSON */
    json_decref(name);
    free(buf);
    return 0;
}
