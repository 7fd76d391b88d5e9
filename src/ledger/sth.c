/* SM2 signatures over tree heads (see sth.h). Every EVP object is freed on every path; errors
 * become ZfError with a Chinese message, never an abort. */
#include "ledger/sth.h"
#include "util/sm2.h"

#include <inttypes.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t sth_message(uint64_t tree_size, const MerkleHash *root, int64_t time, char *out, size_t cap)
{
    char hex[2 * MERKLE_HASH_LEN + 1];
    merkle_hex(root, hex);
    int n = snprintf(out, cap, STH_PREFIX "\n%" PRIu64 "\n%s\n%" PRId64 "\n", tree_size, hex, time);
    return n < 0 ? 0 : (size_t)n;
}

static char *bio_text(BIO *b)
{
    char *data;
    long n = BIO_get_mem_data(b, &data);
    char *out = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!out) return NULL;
    memcpy(out, data, (size_t)n);
    out[n] = '\0';
    return out;
}

static char *public_pem_of(EVP_PKEY *k)
{
    BIO *b = BIO_new(BIO_s_mem());
    char *pem = b && PEM_write_bio_PUBKEY(b, k) ? bio_text(b) : NULL;
    BIO_free(b);
    return pem;
}

int sth_key_generate(const char *path, char **public_pem, ZfError *err)
{
    EVP_PKEY *k = sm2_key_new();
    if (!k) return zf_fail(err, 500, "key_failed", NULL, "无法生成 SM2 密钥对");
    int rc = sm2_key_write_private(path, k, err);
    if (rc == ZF_OK && !(*public_pem = public_pem_of(k))) rc = zf_fail(err, 500, "key_failed", NULL, "无法导出公钥");
    EVP_PKEY_free(k);
    return rc;
}

static EVP_PKEY *load_public(const char *pem)
{
    BIO *b = BIO_new_mem_buf(pem, -1);
    EVP_PKEY *k = b ? PEM_read_bio_PUBKEY(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    if (k && !EVP_PKEY_is_a(k, "SM2")) {
        EVP_PKEY_free(k);
        return NULL;
    }
    return k;
}

int sth_key_public(const char *path, char **public_pem, ZfError *err)
{
    EVP_PKEY *k = sm2_key_load_private(path, err);
    if (!k) return ZF_ERR;
    *public_pem = public_pem_of(k);
    EVP_PKEY_free(k);
    return *public_pem ? ZF_OK : zf_fail(err, 500, "key_failed", NULL, "无法导出公钥");
}

int sth_key_id(const char *public_pem, char out[STH_KEY_ID_LEN + 1], ZfError *err)
{
    EVP_PKEY *k = load_public(public_pem);
    unsigned char *der = NULL;
    int n = k ? i2d_PUBKEY(k, &der) : -1;
    EVP_PKEY_free(k);
    if (n <= 0) return zf_fail(err, 500, "key_invalid", NULL, "公钥格式错误（应为 SM2 公钥 PEM）");
    MerkleHasher *h = merkle_hasher_new();
    MerkleHash d;
    if (h) merkle_sm3(h, der, (size_t)n, &d);
    merkle_hasher_free(h);
    OPENSSL_free(der);
    if (!h) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    merkle_hex(&d, out);
    return ZF_OK;
}

int sth_sign(const char *key_path, SignedHead *h, ZfError *err)
{
    char msg[256];
    size_t len = sth_message(h->tree_size, &h->root, h->time, msg, sizeof msg);
    EVP_PKEY *k = sm2_key_load_private(key_path, err);
    if (!k) return ZF_ERR;
    char *pem = public_pem_of(k);
    int rc = pem ? sth_key_id(pem, h->key_id, err) : zf_fail(err, 500, "key_failed", NULL, "无法导出公钥");
    free(pem);
    EVP_MD_CTX *m = rc == ZF_OK ? sm2_md_context(k, 1) : NULL;
    size_t sig_len = sizeof h->sig;
    if (rc == ZF_OK && (!m || EVP_DigestSign(m, h->sig, &sig_len, (const unsigned char *)msg, len) != 1))
        rc = zf_fail(err, 500, "sign_failed", NULL, "SM2 签名失败");
    if (rc == ZF_OK) h->sig_len = sig_len;
    sm2_md_context_free(m);
    EVP_PKEY_free(k);
    return rc;
}

int sth_verify(const char *public_pem, const SignedHead *h)
{
    char msg[256];
    size_t len = sth_message(h->tree_size, &h->root, h->time, msg, sizeof msg);
    EVP_PKEY *k = public_pem ? load_public(public_pem) : NULL;
    EVP_MD_CTX *m = k ? sm2_md_context(k, 0) : NULL;
    int ok = m && EVP_DigestVerify(m, h->sig, h->sig_len, (const unsigned char *)msg, len) == 1;
    sm2_md_context_free(m);
    EVP_PKEY_free(k);
    return ok;
}

char *sth_base64(const unsigned char *data, size_t len)
{
    char *out = malloc(4 * ((len + 2) / 3) + 1);
    if (out) EVP_EncodeBlock((unsigned char *)out, data, (int)len);
    return out;
}

long sth_unbase64(const char *text, unsigned char *out, size_t cap)
{
    size_t n = strlen(text);
    if (n % 4 || n / 4 * 3 > cap + 2) return -1;
    unsigned char *buf = malloc(n / 4 * 3 + 1);
    if (!buf) return -1;
    int len = EVP_DecodeBlock(buf, (const unsigned char *)text, (int)n);
    if (len >= 0) { /* DecodeBlock counts '=' padding as zero bytes */
        if (n && text[n - 1] == '=') len--;
        if (n > 1 && text[n - 2] == '=') len--;
    }
    if (len < 0 || (size_t)len > cap) {
        free(buf);
        return -1;
    }
    memcpy(out, buf, (size_t)len);
    free(buf);
    return len;
}
