/* Text predicates (util/text.h). */
#include "util/text.h"

#include <ctype.h>

bool text_blank(const char *s)
{
    for (; s && *s; s++)
        if (!isspace((unsigned char)*s)) return false;
    return true;
}

/* Length of the sequence a lead byte starts and the allowed range of its second byte, which is
 * where overlong forms, surrogates and values past U+10FFFF show (RFC 3629 §4). */
static size_t utf8_sequence(unsigned char lead, unsigned char *lo, unsigned char *hi)
{
    *lo = 0x80, *hi = 0xBF;
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead == 0xE0) return *lo = 0xA0, 3;
    if (lead == 0xED) return *hi = 0x9F, 3;
    if (lead >= 0xE1 && lead <= 0xEF) return 3;
    if (lead == 0xF0) return *lo = 0x90, 4;
    if (lead == 0xF4) return *hi = 0x8F, 4;
    if (lead >= 0xF1 && lead <= 0xF3) return 4;
    return 0;
}

bool text_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        unsigned char lo, hi;
        size_t len = utf8_sequence(*p, &lo, &hi);
        if (len == 0 || (size_t)(end - p) < len) return false;
        if (len > 1 && (p[1] < lo || p[1] > hi)) return false;
        for (size_t i = 2; i < len; i++)
            if ((p[i] & 0xC0) != 0x80) return false;
        p += len;
    }
    return true;
}

size_t text_utf8_chars(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}
