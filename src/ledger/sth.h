/* SM2 (GB/T 32918) signing of tree heads with SM3 and the distinguishing ID
 * "1234567812345678" set explicitly, through OpenSSL 3's EVP interface; key files in PEM.
 * No database access here: the callers store keys and heads. */
#ifndef ZF_STH_H
#define ZF_STH_H

#include <stddef.h>
#include <stdint.h>

#include "ledger/merkle.h"
#include "store/ledger_store.h"
#include "util/error.h"


/* The exact signed bytes "zhifa-sth-v1\n<tree_size>\n<root hex>\n<time>\n"; returns the length. */
size_t sth_message(uint64_t tree_size, const MerkleHash *root, int64_t time, char *out, size_t cap);

/* Writes a new SM2 private key to path (created with O_EXCL, mode 0600) and returns its public
 * key PEM (malloc'd). Fails if the file exists. */
int sth_key_generate(const char *path, char **public_pem, ZfError *err);
/* The public key PEM of the private key in path (malloc'd). */
int sth_key_public(const char *path, char **public_pem, ZfError *err);
/* SM3 of the DER SubjectPublicKeyInfo of a public key PEM, as 64 hex digits. */
int sth_key_id(const char *public_pem, char out[STH_KEY_ID_LEN + 1], ZfError *err);

/* Signs h->tree_size/root/time with the private key in key_path, filling sig and key_id. */
int sth_sign(const char *key_path, SignedHead *h, ZfError *err);
/* 1 when sig is a valid SM2 signature of the head's message under public_pem, else 0. */
int sth_verify(const char *public_pem, const SignedHead *h);

/* Base64 (no newlines) of bytes, malloc'd; and back (returns length or -1). */
char *sth_base64(const unsigned char *data, size_t len);
long sth_unbase64(const char *text, unsigned char *out, size_t cap);

#endif
