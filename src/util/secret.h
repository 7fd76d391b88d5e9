/* Passwords and tokens: argon2id hashing, CSPRNG tokens, SHA-256 digests.
 * Never logs or keeps a secret beyond the call. */
#ifndef ZF_SECRET_H
#define ZF_SECRET_H

#include <stdbool.h>
#include <stddef.h>

#define PASSWORD_HASH_MAX 160
#define TOKEN_HEX_LEN 64 /* 32 random bytes */

/* argon2id (t=2, m=19 MiB, p=1, 16-byte salt), PHC string form. 0 ok, -1 failure. */
int password_hash(const char *password, char out[PASSWORD_HASH_MAX]);
bool password_verify(const char *encoded, const char *password);
/* Burns the same time as a verify, for names that do not exist. */
void password_verify_dummy(const char *password);
/* 32 bytes from the CSPRNG as lowercase hex (out holds TOKEN_HEX_LEN + 1). */
int random_token(char out[TOKEN_HEX_LEN + 1]);
/* n characters from an unambiguous alphabet, for initial passwords. */
int random_password(char *out, size_t n);
void sha256_hex(const char *text, char out[65]);
/* Constant-time comparison of two NUL-terminated strings of equal expected length. */
bool secret_equal(const char *a, const char *b);

#endif
