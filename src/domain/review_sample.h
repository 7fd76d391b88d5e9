/* 案卷评查 sampling (docs/reviews.md): a stratified, seeded, reproducible draw of case files, one
 * stratum per agency. Pure: the caller passes the population already ordered; no I/O, no clock. */
#ifndef ZF_DOMAIN_REVIEW_SAMPLE_H
#define ZF_DOMAIN_REVIEW_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

/* How many files per agency: `count` when percent is 0, else ceil(population × percent / 100) but
 * at least `min_count`; never more than the population. */
typedef struct {
    int count;
    int percent;   /* 1..100; 0 = use count */
    int min_count; /* with a percentage */
} ReviewSampleSize;

size_t review_sample_size(const ReviewSampleSize *s, size_t population);

/* SplitMix64 (Steele, Lea, Flood 2014): the generator's next output from *state. */
uint64_t review_splitmix64(uint64_t *state);

/* The generator state of one stratum: SplitMix64's output over seed XOR the FNV-1a 64 hash of the
 * agency's code, so one agency's draw depends only on the seed and its own population (a case
 * added to agency A never changes the files drawn for agency B). */
uint64_t review_stratum_state(uint64_t seed, const char *agency);

/* Draws n of the population's `len` entries by a partial Fisher–Yates shuffle: for i = 0 … n-1,
 * j = i + a uniform integer in [0, len - i) (rejection sampling, no modulo bias), swap order[i] and
 * order[j]. order (len entries) receives the permutation; its first n entries are the chosen
 * indexes into the population, in draw order. Same state and len → same order. */
void review_draw(uint64_t state, size_t len, size_t n, size_t *order);

#endif
