/* A deterministic stream of 64-bit numbers from a seed: block i is SM3(seed ‖ i as 8 bytes,
 * big-endian), and its first 8 bytes, big-endian, are the i-th number (i = 0, 1, …). Anyone with
 * an SM3 (OpenSSL, Node's crypto) can recompute it, which is why the random inspection draw uses it
 * (docs/inspections.md). */
#ifndef ZF_UTIL_SM3_STREAM_H
#define ZF_UTIL_SM3_STREAM_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const unsigned char *seed;
    size_t seed_len;
    uint64_t counter;
} Sm3Stream;

void sm3_stream_init(Sm3Stream *s, const char *seed);
uint64_t sm3_stream_next(Sm3Stream *s);
/* Uniform in [0, bound), bound ≥ 1: numbers below 2^64 mod bound are skipped (no modulo bias). */
uint64_t sm3_stream_below(Sm3Stream *s, uint64_t bound);

#endif
