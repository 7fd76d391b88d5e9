/* Bytes sealed under a passphrase (the keys of a backup, docs/backup.md): scrypt (RFC 7914,
 * N = 2^15, r = 8, p = 1) turns the passphrase and a random 16-byte salt into a 256-bit key, and
 * AES-256-GCM (NIST SP 800-38D) encrypts with a random 96-bit nonce and authenticates the whole
 * header too. Layout: "ZFKEYS1\n" | log2 N | r | p | 0 | salt (16) | nonce (12) | ciphertext | tag (16).
 * A wrong passphrase and a damaged box are one answer: the tag does not match. */
#ifndef ZF_UTIL_PASSBOX_H
#define ZF_UTIL_PASSBOX_H

#include <stddef.h>

#include "util/error.h"

#define PASSBOX_OVERHEAD (8 + 4 + 16 + 12 + 16)

/* *out (malloc'd, len + PASSBOX_OVERHEAD bytes) or ZF_ERR. */
int passbox_seal(const char *passphrase, const unsigned char *plain, size_t len, unsigned char **out, size_t *out_len,
                 ZfError *err);
/* ZF_ERR with code "wrong_passphrase" (422) when the passphrase or the bytes are not the ones sealed. */
int passbox_open(const char *passphrase, const unsigned char *box, size_t len, unsigned char **plain,
                 size_t *plain_len, ZfError *err);

#endif
