/* SM2 (GB/T 32918) keys and signatures with SM3 through OpenSSL 3's EVP interface, shared by the
 * ledger's signed tree heads and the electronic seal: the distinguishing ID is set explicitly
 * (OpenSSL otherwise uses its own default, which other SM2 implementations need not share), and
 * private keys live in PEM files created 0600. */
#ifndef ZF_UTIL_SM2_H
#define ZF_UTIL_SM2_H

#include <openssl/evp.h>

#include "util/error.h"

/* GB/T 35276's default user ID, the one `openssl` uses too. */
#define SM2_DEFAULT_ID "1234567812345678"

/* A DigestSign (sign != 0) or DigestVerify context for k with SM3 and SM2_DEFAULT_ID; NULL on
 * failure. Free with sm2_md_context_free. */
EVP_MD_CTX *sm2_md_context(EVP_PKEY *k, int sign);
void sm2_md_context_free(EVP_MD_CTX *m);
/* A new SM2 key pair; NULL on failure. */
EVP_PKEY *sm2_key_new(void);
/* Writes k's private key to path in PEM, created with O_EXCL and mode 0600. */
int sm2_key_write_private(const char *path, EVP_PKEY *k, ZfError *err);
/* The SM2 private key in path, or NULL with err filled. */
EVP_PKEY *sm2_key_load_private(const char *path, ZfError *err);

#endif
