/* See sm3_stream.h. */
#include "util/sm3_stream.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

void sm3_stream_init(Sm3Stream *s, const char *seed)
{
    s->seed = (const unsigned char *)seed;
    s->seed_len = strlen(seed);
    s->counter = 0;
}

uint64_t sm3_stream_next(Sm3Stream *s)
{
    unsigned char ctr[8], md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    for (int i = 0; i < 8; i++) ctr[i] = (unsigned char)(s->counter >> (56 - 8 * i));
    s->counter++;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    /* SM3 cannot fail on valid memory; a failure is a broken OpenSSL */
    if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sm3(), NULL) || !EVP_DigestUpdate(ctx, s->seed, s->seed_len) ||
        !EVP_DigestUpdate(ctx, ctr, sizeof ctr) || !EVP_DigestFinal_ex(ctx, md, &len) || len != 32)
        abort();
    EVP_MD_CTX_free(ctx);
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | md[i];
    return v;
}

uint64_t sm3_stream_below(Sm3Stream *s, uint64_t bound)
{
    uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        uint64_t r = sm3_stream_next(s);
        if (r >= threshold) return r % bound;
    }
}
