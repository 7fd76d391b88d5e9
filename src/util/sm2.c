/* See sm2.h. Every EVP object is freed on every path; errors become ZfError with a Chinese
 * message, never an abort. */
#include "util/sm2.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/decoder.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

EVP_MD_CTX *sm2_md_context(EVP_PKEY *k, int sign)
{
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    EVP_PKEY_CTX *p = EVP_PKEY_CTX_new(k, NULL);
    if (!m || !p || EVP_PKEY_CTX_set1_id(p, SM2_DEFAULT_ID, strlen(SM2_DEFAULT_ID)) <= 0) goto fail;
    EVP_MD_CTX_set_pkey_ctx(m, p); /* m does not own p: freed in sm2_md_context_free */
    int ok = sign ? EVP_DigestSignInit(m, NULL, EVP_sm3(), NULL, k) : EVP_DigestVerifyInit(m, NULL, EVP_sm3(), NULL, k);
    if (ok != 1) goto fail;
    return m;
fail:
    EVP_MD_CTX_free(m);
    EVP_PKEY_CTX_free(p);
    return NULL;
}

void sm2_md_context_free(EVP_MD_CTX *m)
{
    if (!m) return;
    EVP_PKEY_CTX *p = EVP_MD_CTX_get_pkey_ctx(m);
    EVP_MD_CTX_free(m);
    EVP_PKEY_CTX_free(p);
}

EVP_PKEY *sm2_key_new(void) { return EVP_PKEY_Q_keygen(NULL, NULL, "SM2"); }

int sm2_key_write_private(const char *path, EVP_PKEY *k, ZfError *err)
{
    BIO *b = BIO_new(BIO_s_mem());
    if (!b || !PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL)) {
        BIO_free(b);
        return zf_fail(err, 500, "key_failed", NULL, "无法编码签名私钥");
    }
    char *data;
    long n = BIO_get_mem_data(b, &data);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    int ok = fd >= 0 && fchmod(fd, 0600) == 0 && write(fd, data, (size_t)n) == n && fsync(fd) == 0;
    if (fd >= 0) close(fd);
    BIO_free(b);
    if (!ok) {
        if (fd >= 0) unlink(path);
        return zf_fail(err, 500, "key_write_failed", NULL, "无法写入签名私钥文件 %s", path);
    }
    return ZF_OK;
}

/* A decoder told the format, structure and key type: OpenSSL 3.0's PEM_read_PrivateKey tries every
 * decoder it has and costs about four times as much, which every seal would pay. */
EVP_PKEY *sm2_key_load_private(const char *path, ZfError *err)
{
    BIO *b = BIO_new_file(path, "rb");
    if (!b) {
        zf_fail(err, 500, "key_missing", NULL, "找不到签名私钥文件 %s", path);
        return NULL;
    }
    EVP_PKEY *k = NULL;
    OSSL_DECODER_CTX *d = OSSL_DECODER_CTX_new_for_pkey(&k, "PEM", "PrivateKeyInfo", "SM2", EVP_PKEY_KEYPAIR, NULL, NULL);
    if (!d || !OSSL_DECODER_from_bio(d, b)) {
        EVP_PKEY_free(k);
        k = NULL;
    }
    OSSL_DECODER_CTX_free(d);
    if (!k && BIO_reset(b) == 0) k = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL); /* another PEM form */
    BIO_free(b);
    if (!k || !EVP_PKEY_is_a(k, "SM2")) {
        EVP_PKEY_free(k);
        zf_fail(err, 500, "key_invalid", NULL, "签名私钥文件 %s 不是 SM2 私钥", path);
        return NULL;
    }
    return k;
}
