/* Character-bigram Jaccard similarity (text_similarity.h). Chinese has no spaces between words, so
 * pairs of characters stand in for words: two complaints about the same shop and the same wrong
 * share most of theirs whatever their wording around it.
 * Pure: no I/O, no clock, no store; the only allocation is freed before returning. */
#include "domain/text_similarity.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The next code point of s (advancing *i), or 0 at the end; an invalid byte is skipped (-1). */
static int32_t next_cp(const unsigned char *s, size_t *i)
{
    unsigned char c = s[*i];
    if (!c) return 0;
    int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (!len) return (*i)++, -1;
    int32_t cp = len == 1 ? c : c & (0x3F >> (len - 1));
    for (int k = 1; k < len; k++) {
        if ((s[*i + (size_t)k] & 0xC0) != 0x80) return (*i)++, -1;
        cp = (cp << 6) | (s[*i + (size_t)k] & 0x3F);
    }
    *i += (size_t)len;
    return cp;
}

/* Whitespace and punctuation say nothing about what is reported. */
static int ignored(int32_t cp)
{
    if (cp < 0x80) return !((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'));
    return (cp >= 0x2000 && cp <= 0x206F) ||  /* general punctuation: “”‘’…— */
           (cp >= 0x3000 && cp <= 0x303F) ||  /* CJK symbols and punctuation: 、。《》【】 */
           (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || /* full-width ！（），：；？ */
           (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0x00A0;
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

/* The text's distinct bigrams, sorted, into a new array; *n their count. NULL when allocation fails. */
static uint64_t *bigrams(const char *text, size_t *n)
{
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    size_t len = strlen((const char *)s), i = 0, k = 0;
    uint64_t *out = malloc((len + 1) * sizeof *out);
    if (!out) return NULL;
    int32_t prev = -1, cp;
    while ((cp = next_cp(s, &i)) != 0) {
        if (cp < 0 || ignored(cp)) continue; /* dropped: the characters either side become neighbours */
        if (prev >= 0) out[k++] = (uint64_t)(uint32_t)prev << 32 | (uint32_t)cp;
        prev = cp;
    }
    qsort(out, k, sizeof *out, cmp_u64);
    size_t u = 0;
    for (size_t j = 0; j < k; j++)
        if (u == 0 || out[u - 1] != out[j]) out[u++] = out[j];
    *n = u;
    return out;
}

double text_bigram_jaccard(const char *a, const char *b)
{
    size_t na = 0, nb = 0, both = 0;
    uint64_t *x = bigrams(a, &na), *y = bigrams(b, &nb);
    double score = 0;
    if (x && y && na && nb) {
        for (size_t i = 0, j = 0; i < na && j < nb;) {
            if (x[i] == y[j]) both++, i++, j++;
            else if (x[i] < y[j]) i++;
            else j++;
        }
        score = (double)both / (double)(na + nb - both);
    }
    free(x);
    free(y);
    return score;
}
