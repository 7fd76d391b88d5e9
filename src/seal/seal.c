/* See seal.h. */
#include "seal/seal.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seal/pdf_sig.h"
#include "util/sm2.h"

#define SM3_LEN 32

static bool document_id_valid(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > PDF_SIG_TEXT_MAX) return false;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || strchr("_.:-", c))) return false;
    }
    return true;
}

static X509 *read_cert_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    X509 *x = f ? PEM_read_X509(f, NULL, NULL, NULL) : NULL;
    if (f) fclose(f);
    return x;
}

/* SM3 over the two parts of the byte range. */
static bool range_digest(const unsigned char *pdf, size_t a, size_t b, size_t c, unsigned char out[SM3_LEN])
{
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    unsigned int n = 0;
    bool ok = m && EVP_DigestInit_ex(m, EVP_sm3(), NULL) == 1 && EVP_DigestUpdate(m, pdf, a) == 1 &&
              EVP_DigestUpdate(m, pdf + b, c) == 1 && EVP_DigestFinal_ex(m, out, &n) == 1 && n == SM3_LEN;
    EVP_MD_CTX_free(m);
    return ok;
}

/* The SM2/SM3 signature over the byte range (the two parts fed in order). */
static bool range_sign(EVP_PKEY *k, const unsigned char *pdf, size_t a, size_t b, size_t c, unsigned char *sig,
                       size_t *sig_len)
{
    EVP_MD_CTX *m = sm2_md_context(k, 1);
    bool ok = m && EVP_DigestSignUpdate(m, pdf, a) == 1 && EVP_DigestSignUpdate(m, pdf + b, c) == 1 &&
              EVP_DigestSignFinal(m, sig, sig_len) == 1;
    sm2_md_context_free(m);
    return ok;
}

static bool range_verify(EVP_PKEY *k, const unsigned char *pdf, size_t a, size_t b, size_t c, const unsigned char *sig,
                         size_t sig_len)
{
    EVP_MD_CTX *m = sm2_md_context(k, 0);
    bool ok = m && EVP_DigestVerifyUpdate(m, pdf, a) == 1 && EVP_DigestVerifyUpdate(m, pdf + b, c) == 1 &&
              EVP_DigestVerifyFinal(m, sig, sig_len) == 1;
    sm2_md_context_free(m);
    return ok;
}

static int cert_der(const char *crt_path, unsigned char **der, int *len, ZfError *err)
{
    X509 *x = read_cert_file(crt_path);
    *der = NULL;
    *len = x ? i2d_X509(x, der) : -1;
    X509_free(x);
    if (*len <= 0 || *len > PDF_SIG_CERT_MAX) return zf_fail(err, 500, "cert_missing", NULL, "无法读取机关印章证书 %s", crt_path);
    return ZF_OK;
}

int seal_sign_pdf(const char *ca_dir, const char *agency_code, const char *document_id, time_t at,
                  const unsigned char *pdf, size_t len, unsigned char **out, size_t *out_len, ZfError *err)
{
    char key_path[4096], crt_path[4096], when[32];
    if (!seal_code_valid(agency_code)) return zf_fail(err, 422, "invalid_agency", "agency", "机关代码格式不正确");
    if (!document_id_valid(document_id)) return zf_fail(err, 422, "invalid_document", "document", "文书编号格式不正确");
    seal_ca_agency_paths(ca_dir, agency_code, key_path, crt_path, sizeof key_path);
    struct tm tm;
    gmtime_r(&at, &tm);
    strftime(when, sizeof when, "D:%Y%m%d%H%M%SZ", &tm);
    unsigned char *der;
    int der_len;
    if (cert_der(crt_path, &der, &der_len, err) != ZF_OK) return ZF_ERR;
    EVP_PKEY *k = sm2_key_load_private(key_path, err);
    PdfSigFields f = {der, (size_t)der_len, when, document_id};
    size_t contents_at;
    int rc = k ? pdf_sig_prepare(pdf, len, &f, out, out_len, &contents_at, err) : ZF_ERR;
    OPENSSL_free(der);
    if (rc != ZF_OK) {
        EVP_PKEY_free(k);
        return ZF_ERR;
    }
    size_t b = contents_at + 2 + 2 * PDF_SIG_CONTENTS_MAX, c = *out_len - b;
    unsigned char contents[PDF_SIG_CONTENTS_MAX];
    size_t sig_len = sizeof contents - SM3_LEN;
    if (!range_digest(*out, contents_at, b, c, contents) ||
        !range_sign(k, *out, contents_at, b, c, contents + SM3_LEN, &sig_len)) {
        free(*out);
        *out = NULL;
        rc = zf_fail(err, 500, "sign_failed", NULL, "SM2 签名失败");
    } else {
        pdf_sig_fill(*out, contents_at, contents, SM3_LEN + sig_len);
    }
    EVP_PKEY_free(k);
    return rc;
}

/* ---- verifying ---- */

static void text_entry(X509_NAME *n, int nid, char *out, size_t cap)
{
    out[0] = '\0';
    int i = X509_NAME_get_index_by_NID(n, nid, -1);
    ASN1_STRING *s = i >= 0 ? X509_NAME_ENTRY_get_data(X509_NAME_get_entry(n, i)) : NULL;
    unsigned char *utf8 = NULL;
    int len = s ? ASN1_STRING_to_UTF8(&utf8, s) : -1;
    if (len >= 0 && (size_t)len < cap) memcpy(out, utf8, (size_t)len), out[len] = '\0';
    OPENSSL_free(utf8);
}

static void describe_cert(X509 *x, SealReport *r)
{
    X509_NAME *n = X509_get_subject_name(x);
    text_entry(n, NID_commonName, r->agency_name, sizeof r->agency_name);
    text_entry(n, NID_organizationIdentifier, r->agency_code, sizeof r->agency_code);
    BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL);
    char *hex = bn ? BN_bn2hex(bn) : NULL;
    snprintf(r->cert_serial, sizeof r->cert_serial, "%s", hex ? hex : "");
    OPENSSL_free(hex);
    BN_free(bn);
}

/* "D:YYYYMMDDHHmmSSZ" → time_t, r->signed_at; false when malformed. */
static bool signing_time(const char *d, time_t *t, SealReport *r)
{
    struct tm tm = {0};
    int y, mo, da, h, mi, s;
    char z;
    if (strlen(d) != 17 || sscanf(d, "D:%4d%2d%2d%2d%2d%2d%c", &y, &mo, &da, &h, &mi, &s, &z) != 7 || z != 'Z') return false;
    if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59 || s > 60) return false;
    tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = da, tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = s;
    *t = timegm(&tm);
    snprintf(r->signed_at, sizeof r->signed_at, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, da, h, mi, s);
    return true;
}

/* OpenSSL 3.0 verifies an SM2 certificate's signature with the ID attached to the certificate
 * (empty when none); ours are signed with SM2_DEFAULT_ID (util/sm2.h), as GM/T 0015 asks. */
static bool attach_id(X509 *x)
{
    ASN1_OCTET_STRING *id = ASN1_OCTET_STRING_new();
    if (!id || ASN1_OCTET_STRING_set(id, (const unsigned char *)SM2_DEFAULT_ID, (int)strlen(SM2_DEFAULT_ID)) != 1) {
        ASN1_OCTET_STRING_free(id);
        return false;
    }
    X509_set0_distinguishing_id(x, id);
    return true;
}

/* Whether root issued x, valid at t: SEAL_OK, SEAL_CERT_TIME or SEAL_CERT_ISSUER. */
static SealCheck chain_check(X509 *root, X509 *x, time_t t)
{
    X509_STORE *store = X509_STORE_new();
    X509_STORE_CTX *v = X509_STORE_CTX_new();
    SealCheck out = SEAL_CERT_ISSUER;
    if (store && v && attach_id(x) && attach_id(root) && X509_STORE_add_cert(store, root) == 1 && X509_STORE_CTX_init(v, store, x, NULL) == 1) {
        X509_STORE_CTX_set_time(v, 0, t);
        X509_STORE_CTX_set_purpose(v, X509_PURPOSE_ANY);
        if (X509_verify_cert(v) == 1) out = SEAL_OK;
        else {
            int e = X509_STORE_CTX_get_error(v);
            if (e == X509_V_ERR_CERT_HAS_EXPIRED || e == X509_V_ERR_CERT_NOT_YET_VALID) out = SEAL_CERT_TIME;
        }
    }
    X509_STORE_CTX_free(v);
    X509_STORE_free(store);
    return out;
}

static SealCheck check_signed(const unsigned char *pdf, size_t len, const PdfSig *s, X509 *x, X509 *root, SealReport *r)
{
    unsigned long long a = s->range[1], b = s->range[2], c = s->range[3];
    if (s->range[0] != 0 || a >= b || b > len || c != len - b || !s->contents_in_gap) return SEAL_RANGE;
    unsigned char d[SM3_LEN];
    if (s->contents_len <= SM3_LEN || !range_digest(pdf, a, b, c, d)) return SEAL_NO_SIGNATURE;
    if (memcmp(d, s->contents, SM3_LEN) != 0) return SEAL_DIGEST;
    EVP_PKEY *k = X509_get0_pubkey(x);
    if (!k || !EVP_PKEY_is_a(k, "SM2") ||
        !range_verify(k, pdf, a, b, c, s->contents + SM3_LEN, s->contents_len - SM3_LEN))
        return SEAL_SIGNATURE;
    time_t t;
    if (!signing_time(s->time, &t, r)) return SEAL_NO_SIGNATURE;
    if (!root) return SEAL_NO_ROOT;
    return chain_check(root, x, t);
}

void seal_verify_pdf(const char *ca_dir, const unsigned char *pdf, size_t len, const char *expected_document,
                     SealReport *r)
{
    char root_path[4096];
    memset(r, 0, sizeof *r);
    PdfSig *s = malloc(sizeof *s);
    if (!s || pdf_sig_find(pdf, len, s) != PDF_SIG_FOUND) {
        free(s);
        r->check = SEAL_NO_SIGNATURE;
        return;
    }
    snprintf(r->document, sizeof r->document, "%s", s->document);
    const unsigned char *p = s->cert;
    X509 *x = d2i_X509(NULL, &p, (long)s->cert_len);
    seal_ca_root_cert_path(ca_dir, root_path, sizeof root_path);
    X509 *root = read_cert_file(root_path);
    if (x) describe_cert(x, r);
    r->check = x ? check_signed(pdf, len, s, x, root, r) : SEAL_NO_SIGNATURE;
    if (r->check == SEAL_OK && expected_document && *expected_document && strcmp(expected_document, s->document) != 0)
        r->check = SEAL_DOCUMENT;
    X509_free(root);
    X509_free(x);
    free(s);
}

const char *seal_check_code(SealCheck c)
{
    static const char *const codes[] = {"ok", "no_signature", "byte_range", "digest_mismatch", "bad_signature",
                                        "untrusted_certificate", "certificate_time", "document_mismatch", "no_root"};
    return (size_t)c < sizeof codes / sizeof codes[0] ? codes[c] : "unknown";
}

const char *seal_check_message(SealCheck c)
{
    static const char *const messages[] = {
        "电子印章有效，文件自盖章后未被改动",
        "文件中没有本系统的电子印章（或印章数据无法读取）",
        "签名范围未覆盖整个文件：盖章后文件被追加或截改",
        "文件内容摘要（SM3）与盖章时不一致：文件已被改动",
        "SM2 签名验证失败：签名与证书不符",
        "印章证书不是本系统根证书签发的",
        "盖章时印章证书已过期或尚未生效",
        "印章所属文书与要核验的文书不一致",
        "本系统尚未建立根证书，无法核验签发机构"};
    return (size_t)c < sizeof messages / sizeof messages[0] ? messages[c] : "未知错误";
}

void seal_time_text(const SealReport *r, char *out, size_t cap)
{
    struct tm tm = {0};
    if (sscanf(r->signed_at, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
               &tm.tm_sec) != 6) {
        snprintf(out, cap, "未知");
        return;
    }
    tm.tm_year -= 1900, tm.tm_mon -= 1;
    time_t t = timegm(&tm) + 8 * 3600; /* 北京时间 */
    gmtime_r(&t, &tm);
    snprintf(out, cap, "%d年%d月%d日 %02d:%02d:%02d（北京时间）", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
             tm.tm_min, tm.tm_sec);
}
