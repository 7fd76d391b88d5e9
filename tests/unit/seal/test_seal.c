/* Unit tests for seal/: the CA's files and modes, sealing a cairo-written PDF, every check of the
 * verifier (each with its own independently made fault), and the signature finder on malformed
 * bytes. Uses temporary directories only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sample_pdf.h"
#include "seal/ca.h"
#include "seal/pdf_sig.h"
#include "seal/seal.h"

#define AGENCY "11370200MB12345674"
#define AGENCY_NAME "青岛市市场监督管理局"

static char ca[64], other[64];

static void remove_dir(const char *dir)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static int setup(void **state)
{
    (void)state;
    snprintf(ca, sizeof ca, "/tmp/zhifa-test-seal-XXXXXX");
    snprintf(other, sizeof other, "/tmp/zhifa-test-seal2-XXXXXX");
    if (!mkdtemp(ca) || !mkdtemp(other)) return -1;
    strcat(ca, "/ca"), strcat(other, "/ca");
    int created;
    ZfError err;
    if (seal_ca_init(ca, "测试根证书", &created, &err) != ZF_OK || !created) return -1;
    if (seal_ca_init(other, "另一系统根证书", &created, &err) != ZF_OK) return -1;
    if (seal_ca_issue_now(ca, AGENCY, AGENCY_NAME, &err) != ZF_OK) return -1;
    return seal_ca_issue_now(other, AGENCY, AGENCY_NAME, &err) == ZF_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    remove_dir(strrchr(ca, '/') ? (*strrchr(ca, '/') = '\0', ca) : ca);
    remove_dir(strrchr(other, '/') ? (*strrchr(other, '/') = '\0', other) : other);
    sample_pdf_cleanup();
    return 0;
}

static unsigned char *sealed(const char *dir, const char *doc, size_t *len)
{
    size_t plain_len;
    unsigned char *plain = sample_pdf(3, AGENCY_NAME, &plain_len), *out = NULL;
    assert_non_null(plain);
    ZfError err;
    assert_int_equal(seal_sign_pdf(dir, AGENCY, doc, time(NULL), plain, plain_len, &out, len, &err), ZF_OK);
    assert_true(*len > plain_len);
    assert_memory_equal(out, plain, plain_len); /* an incremental update: the original is untouched */
    free(plain);
    return out;
}

static SealCheck check(const unsigned char *pdf, size_t len, const char *doc)
{
    SealReport r;
    seal_verify_pdf(ca, pdf, len, doc, &r);
    return r.check;
}

static void test_ca_files_and_modes(void **state)
{
    (void)state;
    char key[4096], crt[4096];
    struct stat sb;
    assert_int_equal(stat(ca, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0700);
    seal_ca_agency_paths(ca, AGENCY, key, crt, sizeof key);
    assert_int_equal(stat(key, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    ZfError err;
    assert_int_equal(seal_ca_issue_now(ca, AGENCY, AGENCY_NAME, &err), ZF_ERR); /* never overwritten */
    assert_int_equal(err.status, 409);
    assert_int_equal(seal_ca_issue_now(ca, "../x", "x", &err), ZF_ERR);
    int created = 1;
    assert_int_equal(seal_ca_init(ca, "x", &created, &err), ZF_OK);
    assert_int_equal(created, 0);
}

static void test_original_verifies_with_signer_and_time(void **state)
{
    (void)state;
    size_t len;
    time_t before = time(NULL);
    unsigned char *pdf = sealed(ca, "DOC-7", &len);
    SealReport r;
    seal_verify_pdf(ca, pdf, len, "DOC-7", &r);
    assert_int_equal(r.check, SEAL_OK);
    assert_string_equal(r.agency_name, AGENCY_NAME);
    assert_string_equal(r.agency_code, AGENCY);
    assert_string_equal(r.document, "DOC-7");
    char expected[32];
    struct tm tm;
    gmtime_r(&before, &tm);
    strftime(expected, sizeof expected, "%Y-%m-%dT", &tm); /* the day at least; the second may tick */
    assert_memory_equal(r.signed_at, expected, strlen(expected));
    free(pdf);
}

static void test_every_single_byte_change_fails(void **state)
{
    (void)state;
    size_t len;
    unsigned char *pdf = sealed(ca, "DOC-1", &len);
    for (size_t i = 0; i < len; i += 97) {
        unsigned char keep = pdf[i];
        pdf[i] ^= 0x01;
        SealCheck c = check(pdf, len, NULL);
        if (c == SEAL_OK) fail_msg("byte %zu changed and the seal still verifies", i);
        pdf[i] = keep;
    }
    assert_int_equal(check(pdf, len, NULL), SEAL_OK);
    pdf[100] ^= 0x20;
    assert_int_equal(check(pdf, len, NULL), SEAL_DIGEST);
    free(pdf);
}

/* The digest half of /Contents rewritten to match the changed bytes: only the SM2 signature can
 * still tell. */
static void test_forged_digest_fails_the_signature(void **state)
{
    (void)state;
    size_t len;
    unsigned char *pdf = sealed(ca, "DOC-1", &len);
    PdfSig *s = malloc(sizeof *s);
    assert_int_equal(pdf_sig_find(pdf, len, s), PDF_SIG_FOUND);
    pdf[100] ^= 0x20;
    unsigned char d[32];
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    unsigned int n;
    EVP_DigestInit_ex(m, EVP_sm3(), NULL);
    EVP_DigestUpdate(m, pdf, s->range[1]);
    EVP_DigestUpdate(m, pdf + s->range[2], s->range[3]);
    EVP_DigestFinal_ex(m, d, &n);
    EVP_MD_CTX_free(m);
    memcpy(s->contents, d, 32);
    pdf_sig_fill(pdf, s->range[1], s->contents, s->contents_len);
    assert_int_equal(check(pdf, len, NULL), SEAL_SIGNATURE);
    free(s);
    free(pdf);
}

static void test_signature_moved_to_another_document_fails(void **state)
{
    (void)state;
    size_t a_len, b_len;
    unsigned char *a = sealed(ca, "DOC-A", &a_len), *b = sealed(ca, "DOC-B", &b_len);
    PdfSig *sa = malloc(sizeof *sa), *sb = malloc(sizeof *sb);
    assert_int_equal(pdf_sig_find(a, a_len, sa), PDF_SIG_FOUND);
    assert_int_equal(pdf_sig_find(b, b_len, sb), PDF_SIG_FOUND);
    pdf_sig_fill(b, sb->range[1], sa->contents, sa->contents_len); /* A's /Contents into B */
    assert_int_equal(check(b, b_len, NULL), SEAL_DIGEST);
    assert_int_equal(check(a, a_len, "DOC-B"), SEAL_DOCUMENT);
    free(sa), free(sb), free(a), free(b);
}

static void test_another_installations_root_is_not_trusted(void **state)
{
    (void)state;
    size_t len;
    unsigned char *pdf = sealed(other, "DOC-1", &len);
    assert_int_equal(check(pdf, len, NULL), SEAL_CERT_ISSUER);
    SealReport r;
    seal_verify_pdf(other, pdf, len, NULL, &r);
    assert_int_equal(r.check, SEAL_OK);
    seal_verify_pdf("/nonexistent", pdf, len, NULL, &r);
    assert_int_equal(r.check, SEAL_NO_ROOT);
    free(pdf);
}

static void test_certificate_expired_at_signing_fails(void **state)
{
    (void)state;
    ZfError err;
    time_t now = time(NULL);
    assert_int_equal(seal_ca_issue(ca, "OLD", "过期机关", now - 20 * 86400, now - 10 * 86400, &err), ZF_OK);
    assert_int_equal(seal_ca_issue(ca, "NEW", "未生效机关", now + 10 * 86400, now + 20 * 86400, &err), ZF_OK);
    size_t plain_len, len;
    unsigned char *plain = sample_pdf(1, "过期机关", &plain_len), *pdf;
    assert_int_equal(seal_sign_pdf(ca, "OLD", "D1", now, plain, plain_len, &pdf, &len, &err), ZF_OK);
    assert_int_equal(check(pdf, len, NULL), SEAL_CERT_TIME);
    free(pdf);
    /* the time that counts is the signing time, not today's: valid then, expired an hour later */
    assert_int_equal(seal_ca_issue(ca, "SHORT", "短期机关", now - 30, now + 30, &err), ZF_OK);
    assert_int_equal(seal_sign_pdf(ca, "SHORT", "D1", now, plain, plain_len, &pdf, &len, &err), ZF_OK);
    assert_int_equal(check(pdf, len, NULL), SEAL_OK);
    free(pdf);
    assert_int_equal(seal_sign_pdf(ca, "SHORT", "D1", now + 3600, plain, plain_len, &pdf, &len, &err), ZF_OK);
    assert_int_equal(check(pdf, len, NULL), SEAL_CERT_TIME);
    free(pdf);
    assert_int_equal(seal_sign_pdf(ca, "NEW", "D1", now, plain, plain_len, &pdf, &len, &err), ZF_OK);
    assert_int_equal(check(pdf, len, NULL), SEAL_CERT_TIME);
    free(pdf);
    free(plain);
}

static void test_appended_or_truncated_file_fails(void **state)
{
    (void)state;
    size_t len;
    unsigned char *pdf = sealed(ca, "DOC-1", &len);
    unsigned char *longer = malloc(len + 1);
    memcpy(longer, pdf, len), longer[len] = '\n';
    assert_int_equal(check(longer, len + 1, NULL), SEAL_RANGE);
    for (size_t n = 0; n < len; n += 13) assert_int_not_equal(check(pdf, n, NULL), SEAL_OK);
    free(longer);
    free(pdf);
}

static void test_unsealed_and_unsupported_inputs(void **state)
{
    (void)state;
    size_t len;
    unsigned char *plain = sample_pdf(1, AGENCY_NAME, &len), *out;
    assert_int_equal(check(plain, len, NULL), SEAL_NO_SIGNATURE);
    ZfError err;
    const char *not_pdf = "hello";
    assert_int_equal(seal_sign_pdf(ca, AGENCY, "D", time(NULL), (const unsigned char *)not_pdf, 5, &out, &len, &err), ZF_ERR);
    assert_int_equal(seal_sign_pdf(ca, AGENCY, "bad id", time(NULL), plain, len, &out, &len, &err), ZF_ERR);
    free(plain);
}

/* Hand-made signature dictionaries: the finder answers without reading past the buffer (run
 * under ASan to see it) and with the verdict the bytes call for. */
static void test_finder_on_malformed_dictionaries(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        PdfSigFind want;
    } cases[] = {
        {"", PDF_SIG_ABSENT},
        {"/ByteRange", PDF_SIG_ABSENT},
        {"1 0 obj << /SubFilter /ZHIFA.sm2.sm3 /ByteRange", PDF_SIG_MALFORMED},
        {"1 0 obj << /SubFilter /ZHIFA.sm2.sm3x /ByteRange [0 1 2 3] >>", PDF_SIG_ABSENT},
        {"1 0 obj << /SubFilter /ZHIFA.sm2.sm3 /ByteRange [0 1 2 3] /Contents <00> /Cert <00> /M (D:1) >>",
         PDF_SIG_MALFORMED},
        {"1 0 obj << /SubFilter /ZHIFA.sm2.sm3 /ByteRange [0 1 2] /Contents <00> /Cert <00> /M (x) /ZhifaDocument (d) >>",
         PDF_SIG_MALFORMED},
        {"1 0 obj << /SubFilter /ZHIFA.sm2.sm3 /ByteRange [0 1 2 99999999999999999] /Contents <00> /Cert <00> /M (x) "
         "/ZhifaDocument (d) >>",
         PDF_SIG_MALFORMED},
        {"1 0 obj << /SubFilter /ZHIFA.sm2.sm3 /ByteRange [0 1 2 3] /Contents <0> /Cert <00> /M (x) /ZhifaDocument (d) >>",
         PDF_SIG_MALFORMED},
        {"1 0 obj << /SubFilter /ZHIFA.sm2.sm3 /ByteRange [0 1 2 3] /Contents <0g> /Cert <00> /M (x) /ZhifaDocument (d) >>",
         PDF_SIG_MALFORMED},
        {"1 0 obj << /SubFilter /ZHIFA.sm2.sm3 /ByteRange [0 1 2 3] /Contents <00 /Cert <00> /M (x) /ZhifaDocument (d)",
         PDF_SIG_MALFORMED},
        {"1 0 obj << /SubFilter /ZHIFA.sm2.sm3 /ByteRange [0 1 2 3] /Contents <00> /Cert <00> /M (x\\) /ZhifaDocument (d) >>",
         PDF_SIG_MALFORMED},
        {"1 0 obj << /SubFilter /ZHIFA.sm2.sm3 /ByteRange [0 1 2 3] /Contents <00> /Cert <00> /M (x) /ZhifaDocument (d",
         PDF_SIG_MALFORMED},
        {"1 0 obj << /SubFilter /ZHIFA.sm2.sm3 /ByteRange [0 1 2 3] /Contents <00> /Cert <00> /M (x) /ZhifaDocument (d) >>",
         PDF_SIG_FOUND},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = strlen(cases[i].bytes);
        unsigned char *exact = malloc(n ? n : 1); /* a buffer of the exact size, for ASan */
        memcpy(exact, cases[i].bytes, n);
        PdfSig *s = malloc(sizeof *s);
        PdfSigFind got = pdf_sig_find(exact, n, s);
        if (got != cases[i].want) fail_msg("case %zu: got %d, want %d", i, got, cases[i].want);
        SealReport r;
        seal_verify_pdf(ca, exact, n, NULL, &r);
        assert_int_not_equal(r.check, SEAL_OK);
        free(s);
        free(exact);
    }
    /* a certificate longer than the cap */
    size_t big = 2 * PDF_SIG_CERT_MAX + 256;
    char *b = malloc(big + 200);
    int at = sprintf(b, "1 0 obj << /SubFilter /ZHIFA.sm2.sm3 /ByteRange [0 1 2 3] /Contents <00> /Cert <");
    memset(b + at, 'A', big);
    strcpy(b + at + big, "> /M (x) /ZhifaDocument (d) >>");
    PdfSig *s = malloc(sizeof *s);
    assert_int_equal(pdf_sig_find((unsigned char *)b, strlen(b), s), PDF_SIG_MALFORMED);
    free(s);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ca_files_and_modes),
        cmocka_unit_test(test_original_verifies_with_signer_and_time),
        cmocka_unit_test(test_every_single_byte_change_fails),
        cmocka_unit_test(test_forged_digest_fails_the_signature),
        cmocka_unit_test(test_signature_moved_to_another_document_fails),
        cmocka_unit_test(test_another_installations_root_is_not_trusted),
        cmocka_unit_test(test_certificate_expired_at_signing_fails),
        cmocka_unit_test(test_appended_or_truncated_file_fails),
        cmocka_unit_test(test_unsealed_and_unsupported_inputs),
        cmocka_unit_test(test_finder_on_malformed_dictionaries),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
