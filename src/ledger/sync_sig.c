/* SM2 signatures of multi-level sync (see sync_sig.h). Every EVP object is freed on every path. */
#include "ledger/sync_sig.h"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/sth.h"
#include "util/sm2.h"

#define SIG_MAX 80

int sync_sign(const char *key_path, const void *msg, size_t len, char **sig_b64, ZfError *err)
{
    EVP_PKEY *k = sm2_key_load_private(key_path, err);
    if (!k) return ZF_ERR;
    EVP_MD_CTX *m = sm2_md_context(k, 1);
    unsigned char sig[SIG_MAX];
    size_t sig_len = sizeof sig;
    int ok = m && EVP_DigestSign(m, sig, &sig_len, msg, len) == 1;
    sm2_md_context_free(m);
    EVP_PKEY_free(k);
    if (!ok) return zf_fail(err, 500, "sign_failed", NULL, "SM2 签名失败");
    *sig_b64 = sth_base64(sig, sig_len);
    return *sig_b64 ? ZF_OK : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
}

static EVP_PKEY *public_key(const char *pem)
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

int sync_verify(const char *public_pem, const void *msg, size_t len, const char *sig_b64)
{
    unsigned char sig[SIG_MAX];
    long sig_len = public_pem && sig_b64 ? sth_unbase64(sig_b64, sig, sizeof sig) : -1;
    EVP_PKEY *k = sig_len > 0 ? public_key(public_pem) : NULL;
    EVP_MD_CTX *m = k ? sm2_md_context(k, 0) : NULL;
    int ok = m && EVP_DigestVerify(m, sig, (size_t)sig_len, msg, len) == 1;
    sm2_md_context_free(m);
    EVP_PKEY_free(k);
    return ok;
}

char *sync_request_message(const char *method, const char *path, long long time, const void *body, size_t body_len,
                           size_t *len)
{
    char head[4200];
    int n = snprintf(head, sizeof head, "zhifa-sync-v1\n%s\n%s\n%lld\n", method, path, time);
    if (n < 0 || (size_t)n >= sizeof head) return NULL;
    char *out = malloc((size_t)n + body_len + 1);
    if (!out) return NULL;
    memcpy(out, head, (size_t)n);
    if (body_len) memcpy(out + n, body, body_len);
    *len = (size_t)n + body_len;
    return out;
}

size_t sync_witness_message(const char *lower_key_id, uint64_t tree_size, const char *root_hex, int64_t head_time,
                            char *out, size_t cap)
{
    int n = snprintf(out, cap, "zhifa-witness-v1\n%s\n%llu\n%s\n%lld\n", lower_key_id, (unsigned long long)tree_size,
                     root_hex, (long long)head_time);
    return n < 0 || (size_t)n >= cap ? 0 : (size_t)n;
}
