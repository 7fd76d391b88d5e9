/* See ca.h. Certificates are built with OpenSSL's X509 API and signed through util/sm2's context,
 * so the SM2 distinguishing ID is the one every other signature of the installation uses. */
#include "seal/ca.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/sm2.h"

static void path_in(const char *dir, const char *name, char *out, size_t cap) { snprintf(out, cap, "%s/%s", dir, name); }

void seal_ca_root_cert_path(const char *dir, char *out, size_t cap) { path_in(dir, "root.crt", out, cap); }

void seal_ca_agency_paths(const char *dir, const char *code, char *key, char *crt, size_t cap)
{
    snprintf(key, cap, "%s/agency-%s.key", dir, code);
    snprintf(crt, cap, "%s/agency-%s.crt", dir, code);
}

bool seal_code_valid(const char *code)
{
    size_t n = strlen(code);
    if (n == 0 || n > SEAL_CODE_MAX) return false;
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '-')) return false;
    }
    return true;
}

static bool exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

bool seal_ca_has_root(const char *dir)
{
    char p[4096];
    path_in(dir, "root.key", p, sizeof p);
    return exists(p);
}

bool seal_ca_has_agency(const char *dir, const char *code)
{
    char key[4096], crt[4096];
    if (!seal_code_valid(code)) return false;
    seal_ca_agency_paths(dir, code, key, crt, sizeof key);
    return exists(key) && exists(crt);
}

/* 0600 like every file the program makes (tests/api/file_modes.test.mjs), though a certificate is public. */
static int write_cert(const char *path, X509 *x, ZfError *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f && fd >= 0) close(fd);
    int ok = f && PEM_write_X509(f, x) == 1;
    if (f && fclose(f) != 0) ok = 0;
    if (!ok) {
        if (f) unlink(path);
        return zf_fail(err, 500, "cert_write_failed", NULL, "无法写入证书文件 %s", path);
    }
    return ZF_OK;
}

static X509 *read_cert(const char *path, ZfError *err)
{
    FILE *f = fopen(path, "rb");
    X509 *x = f ? PEM_read_X509(f, NULL, NULL, NULL) : NULL;
    if (f) fclose(f);
    if (!x) zf_fail(err, 500, "cert_missing", NULL, "无法读取证书文件 %s", path);
    return x;
}

static int add_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX v;
    X509V3_set_ctx_nodb(&v);
    X509V3_set_ctx(&v, issuer, x, NULL, NULL, 0);
    X509_EXTENSION *e = X509V3_EXT_conf_nid(NULL, &v, nid, value);
    int ok = e && X509_add_ext(x, e, -1) == 1;
    X509_EXTENSION_free(e);
    return ok;
}

static int random_serial(X509 *x)
{
    unsigned char b[16];
    if (RAND_bytes(b, sizeof b) != 1) return 0;
    b[0] &= 0x7f; /* a positive INTEGER */
    b[0] |= 0x01;
    BIGNUM *bn = BN_bin2bn(b, sizeof b, NULL);
    int ok = bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) != NULL;
    BN_free(bn);
    return ok;
}

static X509_NAME *name_of(const char *cn, const char *code)
{
    X509_NAME *n = X509_NAME_new();
    int ok = n && X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8, (const unsigned char *)cn, -1, -1, 0) == 1;
    if (ok && code)
        ok = X509_NAME_add_entry_by_NID(n, NID_organizationIdentifier, MBSTRING_UTF8, (const unsigned char *)code, -1, -1, 0) == 1;
    if (!ok) {
        X509_NAME_free(n);
        return NULL;
    }
    return n;
}

/* A certificate for key, named subject, signed by issuer_key (issuer == NULL: self-signed root). */
static X509 *make_cert(EVP_PKEY *key, X509_NAME *subject, X509 *issuer, EVP_PKEY *issuer_key, time_t from,
                       time_t to)
{
    X509 *x = X509_new();
    int ok = x && X509_set_version(x, X509_VERSION_3) && random_serial(x) && X509_set_subject_name(x, subject) &&
             X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : subject) && X509_set_pubkey(x, key) &&
             X509_time_adj_ex(X509_getm_notBefore(x), 0, 0, &from) && X509_time_adj_ex(X509_getm_notAfter(x), 0, 0, &to);
    X509 *ctx_issuer = issuer ? issuer : x;
    if (ok && !issuer)
        ok = add_ext(x, x, NID_basic_constraints, "critical,CA:TRUE,pathlen:0") &&
             add_ext(x, x, NID_key_usage, "critical,keyCertSign,cRLSign") &&
             add_ext(x, x, NID_subject_key_identifier, "hash");
    if (ok && issuer)
        ok = add_ext(x, ctx_issuer, NID_basic_constraints, "critical,CA:FALSE") &&
             add_ext(x, ctx_issuer, NID_key_usage, "critical,digitalSignature,nonRepudiation") &&
             add_ext(x, ctx_issuer, NID_subject_key_identifier, "hash") &&
             add_ext(x, ctx_issuer, NID_authority_key_identifier, "keyid:always");
    EVP_MD_CTX *m = ok ? sm2_md_context(issuer_key, 1) : NULL;
    if (ok) ok = m && X509_sign_ctx(x, m) > 0;
    sm2_md_context_free(m);
    if (!ok) {
        X509_free(x);
        return NULL;
    }
    return x;
}

int seal_ca_init(const char *dir, const char *name, int *created, ZfError *err)
{
    char key_path[4096], crt_path[4096];
    *created = 0;
    if (seal_ca_has_root(dir)) return ZF_OK;
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) return zf_fail(err, 500, "ca_dir_failed", NULL, "无法创建证书目录 %s", dir);
    chmod(dir, 0700);
    path_in(dir, "root.key", key_path, sizeof key_path);
    path_in(dir, "root.crt", crt_path, sizeof crt_path);
    EVP_PKEY *k = sm2_key_new();
    if (!k) return zf_fail(err, 500, "key_failed", NULL, "无法生成 SM2 密钥对");
    time_t now = time(NULL), from = now - 60, to = now + (time_t)SEAL_ROOT_YEARS * 365 * 86400;
    X509_NAME *n = name_of(name, NULL);
    X509 *x = n ? make_cert(k, n, NULL, k, from, to) : NULL;
    int rc = x ? ZF_OK : zf_fail(err, 500, "cert_failed", NULL, "无法签发根证书");
    if (rc == ZF_OK) rc = sm2_key_write_private(key_path, k, err);
    if (rc == ZF_OK && (rc = write_cert(crt_path, x, err)) != ZF_OK) unlink(key_path);
    if (rc == ZF_OK) *created = 1;
    X509_free(x);
    X509_NAME_free(n);
    EVP_PKEY_free(k);
    return rc;
}

int seal_ca_issue(const char *dir, const char *code, const char *agency_name, time_t not_before, time_t not_after,
                  ZfError *err)
{
    char root_key[4096], root_crt[4096], key_path[4096], crt_path[4096];
    if (!seal_code_valid(code)) return zf_fail(err, 422, "invalid_agency", "agency", "机关代码格式不正确");
    if (!seal_ca_has_root(dir)) return zf_fail(err, 409, "ca_missing", NULL, "尚未建立根证书（请先运行 zhifa ca init）");
    seal_ca_agency_paths(dir, code, key_path, crt_path, sizeof key_path);
    if (exists(key_path) || exists(crt_path)) return zf_fail(err, 409, "cert_exists", "agency", "该机关已有印章证书");
    path_in(dir, "root.key", root_key, sizeof root_key);
    path_in(dir, "root.crt", root_crt, sizeof root_crt);
    EVP_PKEY *rk = sm2_key_load_private(root_key, err);
    X509 *rx = rk ? read_cert(root_crt, err) : NULL;
    EVP_PKEY *k = rx ? sm2_key_new() : NULL;
    X509_NAME *n = k ? name_of(agency_name, code) : NULL;
    X509 *x = n ? make_cert(k, n, rx, rk, not_before, not_after) : NULL;
    int rc = x ? ZF_OK : rx ? zf_fail(err, 500, "cert_failed", NULL, "无法签发机关证书") : ZF_ERR;
    if (rc == ZF_OK) rc = sm2_key_write_private(key_path, k, err);
    if (rc == ZF_OK && (rc = write_cert(crt_path, x, err)) != ZF_OK) unlink(key_path);
    X509_free(x);
    X509_NAME_free(n);
    EVP_PKEY_free(k);
    X509_free(rx);
    EVP_PKEY_free(rk);
    return rc;
}

int seal_ca_issue_now(const char *dir, const char *code, const char *agency_name, ZfError *err)
{
    time_t now = time(NULL);
    return seal_ca_issue(dir, code, agency_name, now - 60, now + (time_t)SEAL_AGENCY_YEARS * 365 * 86400, err);
}
