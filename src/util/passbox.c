/* See passbox.h. */
#include "util/passbox.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "ZFKEYS1\n"
#define LOG2_N 15
#define R 8
#define P 1
#define SALT 16
#define NONCE 12
#define TAG 16
#define HEAD (8 + 4 + SALT + NONCE)
#define SCRYPT_MAXMEM (64u << 20)

static int derive(const char *pass, const unsigned char *head, unsigned char key[32])
{
    if (head[8] < 10 || head[8] > 20 || head[9] == 0 || head[9] > 16 || head[10] == 0 || head[10] > 4) return -1;
    return EVP_PBE_scrypt(pass, strlen(pass), head + 12, SALT, 1ULL << head[8], head[9], head[10], SCRYPT_MAXMEM, key, 32) == 1
               ? 0 : -1;
}

/* AES-256-GCM over in (len bytes) with the header as associated data; enc 1 seals, 0 opens
 * (tag read from / written to tag). 0 or -1. */
static int gcm(int enc, const unsigned char key[32], const unsigned char *head, const unsigned char *in, size_t len,
               unsigned char *out, unsigned char tag[TAG])
{
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int n = 0, ok = c && EVP_CipherInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL, enc) == 1 &&
                    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, NONCE, NULL) == 1 &&
                    EVP_CipherInit_ex(c, NULL, NULL, key, head + 12 + SALT, enc) == 1 &&
                    EVP_CipherUpdate(c, NULL, &n, head, HEAD) == 1 &&
                    (len == 0 || EVP_CipherUpdate(c, out, &n, in, (int)len) == 1);
    if (ok && !enc) ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, TAG, tag) == 1;
    ok = ok && EVP_CipherFinal_ex(c, out + (len ? (size_t)n : 0), &n) == 1;
    if (ok && enc) ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, TAG, tag) == 1;
    EVP_CIPHER_CTX_free(c);
    return ok ? 0 : -1;
}

int passbox_seal(const char *passphrase, const unsigned char *plain, size_t len, unsigned char **out, size_t *out_len,
                 ZfError *err)
{
    unsigned char key[32];
    unsigned char *box = len < (1u << 30) ? malloc(len + PASSBOX_OVERHEAD) : NULL;
    if (!box) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    memcpy(box, MAGIC, 8);
    box[8] = LOG2_N, box[9] = R, box[10] = P, box[11] = 0;
    int ok = RAND_bytes(box + 12, SALT + NONCE) == 1 && derive(passphrase, box, key) == 0 &&
             gcm(1, key, box, plain, len, box + HEAD, box + HEAD + len) == 0;
    OPENSSL_cleanse(key, sizeof key);
    if (!ok) {
        free(box);
        return zf_fail(err, 500, "encrypt_failed", NULL, "密钥加密失败");
    }
    *out = box, *out_len = len + PASSBOX_OVERHEAD;
    return ZF_OK;
}

int passbox_open(const char *passphrase, const unsigned char *box, size_t len, unsigned char **plain,
                 size_t *plain_len, ZfError *err)
{
    unsigned char key[32], tag[TAG];
    if (len < PASSBOX_OVERHEAD || memcmp(box, MAGIC, 8) != 0)
        return zf_fail(err, 422, "not_a_keybox", NULL, "备份中的密钥部分格式不对，无法解开");
    size_t n = len - PASSBOX_OVERHEAD;
    unsigned char *p = malloc(n ? n : 1);
    if (!p) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    memcpy(tag, box + HEAD + n, TAG);
    int ok = derive(passphrase, box, key) == 0 && gcm(0, key, box, box + HEAD, n, p, tag) == 0;
    OPENSSL_cleanse(key, sizeof key);
    if (!ok) {
        OPENSSL_cleanse(p, n);
        free(p);
        return zf_fail(err, 422, "wrong_passphrase", NULL, "备份口令不正确（或备份中的密钥部分已损坏），无法解开密钥");
    }
    *plain = p, *plain_len = n;
    return ZF_OK;
}
