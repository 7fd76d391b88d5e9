/* Stratified, seeded sampling of case files for 案卷评查. Pure. The algorithm is the contract
 * (docs/reviews.md): `zhifa review sample --plan ID` and the API re-draw the same list from the
 * plan's seed, so nothing here may change without a new plan format. */
#include "domain/review_sample.h"

size_t review_sample_size(const ReviewSampleSize *s, size_t population)
{
    size_t n;
    if (s->percent > 0) {
        n = (population * (size_t)s->percent + 99) / 100;
        if (n < (size_t)(s->min_count > 0 ? s->min_count : 0)) n = (size_t)s->min_count;
    } else {
        n = s->count > 0 ? (size_t)s->count : 0;
    }
    return n < population ? n : population;
}

uint64_t review_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

uint64_t review_stratum_state(uint64_t seed, const char *agency)
{
    uint64_t h = 0xCBF29CE484222325ULL; /* FNV-1a 64 */
    for (const unsigned char *p = (const unsigned char *)agency; *p; p++) h = (h ^ *p) * 0x100000001B3ULL;
    uint64_t s = seed ^ h;
    return review_splitmix64(&s);
}

/* Uniform in [0, bound): outputs below 2^64 mod bound are rejected, so every value is equally likely. */
static uint64_t uniform_below(uint64_t *state, uint64_t bound)
{
    uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        uint64_t r = review_splitmix64(state);
        if (r >= threshold) return r % bound;
    }
}

void review_draw(uint64_t state, size_t len, size_t n, size_t *order)
{
    for (size_t i = 0; i < len; i++) order[i] = i;
    if (n > len) n = len;
    for (size_t i = 0; i < n; i++) {
        size_t j = i + (size_t)uniform_below(&state, (uint64_t)(len - i));
        size_t t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
}
