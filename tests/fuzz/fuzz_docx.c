/* The full-text extraction of a filed normative document (app/normative_file.c): a Word document's
 * text (util/docx_text.c) and a text file's decoding (util/text_decode.c). Input: byte 0 even → the
 * rest is the file as uploaded, through both readers; odd → the rest is word/document.xml, zipped
 * here, so the XML handlers get fuzzed rather than libzip's checks. Invariants: the text produced
 * is NUL-terminated at its length, within the cap given, and valid UTF-8 (it is stored as JSON);
 * every error message is UTF-8. */
#include <jansson.h>
#include <string.h>

#include "fuzz.h"
#include "util/docx_text.h"
#include "util/text.h"
#include "util/text_decode.h"
#include "util/zipmem.h"

#define CAP (1u << 20)

static void check(int rc, char *text, size_t len, const ZfError *err)
{
    if (rc != ZF_OK) {
        json_t *s = json_string(err->message);
        FUZZ_CHECK(s != NULL);
        json_decref(s);
        FUZZ_CHECK(text == NULL);
        return;
    }
    FUZZ_CHECK(text != NULL && strlen(text) <= len && len <= CAP && text[len] == '\0');
    FUZZ_CHECK(text_utf8_valid(text, len));
    free(text);
}

static void read_both(const void *buf, size_t len)
{
    char *text;
    size_t n;
    ZfError err;
    int rc = docx_text(buf, len, CAP, &text, &n, &err);
    check(rc, text, n, &err);
    rc = text_decode_utf8(buf, len, CAP, &text, &n, &err);
    check(rc, text, n, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size) return 0;
    const uint8_t *rest = data + 1;
    size_t left = size - 1;
    void *copy = malloc(left ? left : 1); /* exactly its size, for ASan */
    FUZZ_CHECK(copy != NULL);
    memcpy(copy, rest, left);
    if (!(data[0] & 1)) {
        read_both(copy, left);
        free(copy);
        return 0;
    }
    ZipMem z;
    FUZZ_CHECK(zipmem_open(&z));
    zip_source_t *s = zip_source_buffer(z.za, copy, left, 0);
    FUZZ_CHECK(s != NULL && zip_file_add(z.za, "word/document.xml", s, ZIP_FL_ENC_UTF_8) >= 0);
    void *zip;
    size_t zip_len;
    FUZZ_CHECK(zipmem_take(&z, &zip, &zip_len));
    char *text;
    size_t n;
    ZfError err;
    check(docx_text(zip, zip_len, CAP, &text, &n, &err), text, n, &err);
    free(zip);
    free(copy);
    return 0;
}
