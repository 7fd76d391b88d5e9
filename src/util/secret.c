/* argon2id via libargon2, randomness and digests via OpenSSL. */
#include "util/secret.h"

#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define T_COST 2
#define M_COST_KIB 19456
#define PARALLELISM 1
#define SALT_LEN 16
#define HASH_LEN 32

int password_hash(const char *password, char out[PASSWORD_HASH_MAX])
{
    unsigned char salt[SALT_LEN];
    if (RAND_bytes(salt, sizeof salt) != 1) return -1;
    int rc = argon2id_hash_encoded(T_COST, M_COST_KIB, PARALLELISM, password, strlen(password), salt,
                                   sizeof salt, HASH_LEN, out, PASSWORD_HASH_MAX);
    return rc == ARGON2_OK ? 0 : -1;
}

bool password_verify(const char *encoded, const char *password)
{
    return argon2id_verify(encoded, password, strlen(password)) == ARGON2_OK;
}

static char dummy_hash[PASSWORD_HASH_MAX];

static void make_dummy_hash(void)
{
    char random[TOKEN_HEX_LEN + 1];
    if (random_token(random) != 0 || password_hash(random, dummy_hash) != 0) dummy_hash[0] = '\0';
}

void password_verify_dummy(const char *password)
{
    /* A real hash of a random secret, made once: verifying against it costs what a real
     * verify costs, so a missing user answers as slowly as a wrong password. */
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, make_dummy_hash);
    if (dummy_hash[0]) (void)password_verify(dummy_hash, password);
}

static void to_hex(const unsigned char *in, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * n] = '\0';
}

int random_token(char out[TOKEN_HEX_LEN + 1])
{
    unsigned char bytes[TOKEN_HEX_LEN / 2];
    if (RAND_bytes(bytes, sizeof bytes) != 1) return -1;
    to_hex(bytes, sizeof bytes, out);
    return 0;
}

int random_password(char *out, size_t n)
{
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    unsigned char bytes[64];
    if (n >= sizeof bytes || RAND_bytes(bytes, (int)n) != 1) return -1;
    for (size_t i = 0; i < n; i++) out[i] = alphabet[bytes[i] % (sizeof alphabet - 1)];
    out[n] = '\0';
    return 0;
}

void sha256_hex(const char *text, char out[65])
{
    unsigned char md[32];
    unsigned int len = 0;
    EVP_Digest(text, strlen(text), md, &len, EVP_sha256(), NULL);
    to_hex(md, 32, out);
}

bool secret_equal(const char *a, const char *b)
{
    size_t n = strlen(a);
    return n == strlen(b) && CRYPTO_memcmp(a, b, n) == 0;
}
