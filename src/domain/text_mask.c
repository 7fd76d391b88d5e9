/* See text_mask.h. One pass, longest rule first at each position: a number run is judged whole
 * (an ID inside a longer digit string is not an ID), names and secrets by exact bytes. */
#include "domain/text_mask.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "domain/workflow/masking.h"
#include "util/error.h"

static bool digit(char c) { return c >= '0' && c <= '9'; }

/* The run of digits (and a trailing X of an 18-character ID) at p. */
static size_t number_run(const char *p)
{
    size_t n = 0;
    while (digit(p[n])) n++;
    if (n == 17 && (p[n] == 'X' || p[n] == 'x')) n++;
    return n;
}

/* Writes the run masked when it is an ID or a mobile number, else as it is; returns bytes written. */
static size_t put_number(const char *p, size_t n, char *out)
{
    memcpy(out, p, n);
    if (n == 15 || n == 18) {
        for (size_t i = 4; i < n - 4; i++) out[i] = '*';
    } else if (n == 11 && p[0] == '1') {
        for (size_t i = 3; i < 7; i++) out[i] = '*';
    }
    return n;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The known string at p (a name or a secret), its length in *len; -1 when none. */
static int known_at(const char *p, const char *const *list, size_t n, size_t min_bytes, size_t *len)
{
    for (size_t i = 0; i < n; i++) {
        size_t l = list[i] ? strlen(list[i]) : 0;
        if (l >= min_bytes && strncmp(p, list[i], l) == 0) return *len = l, (int)i;
    }
    return -1;
}

char *mask_text(const char *text, const char *const *names, size_t n_names, const char *const *secrets,
                size_t n_secrets)
{
    size_t len = text ? strlen(text) : 0, o = 0, l;
    char *out = malloc(2 * len + 8), masked[256];
    const char *p = text ? text : "";
    if (!out) return NULL;
    /* names of fewer than two characters are skipped: "王" alone is an ordinary word */
    const char *usable[32];
    size_t nu = 0;
    for (size_t i = 0; i < n_names && nu < 32; i++)
        if (names[i] && utf8_chars(names[i]) >= 2) usable[nu++] = names[i];
    while (*p) {
        int k;
        if (digit(*p) && (p == text || !digit(p[-1]))) {
            size_t n = number_run(p);
            o += put_number(p, n, out + o), p += n;
        } else if ((k = known_at(p, secrets, n_secrets, 4, &l)) >= 0) {
            memcpy(out + o, "***", 3), o += 3, p += l;
        } else if ((k = known_at(p, usable, nu, 1, &l)) >= 0 && mask_person_name(usable[k], masked, sizeof masked) == ZF_OK) {
            size_t m = strlen(masked);
            memcpy(out + o, masked, m), o += m, p += l;
        } else {
            out[o++] = *p++;
        }
    }
    out[o] = '\0';
    return out;
}
