/* Personal data masking for published decisions (行政处罚法 48; 政府信息公开: personal
 * information is not disclosed). Pure. */
#include "domain/workflow/masking.h"

#include <stdio.h>
#include <string.h>

#include "util/error.h"

/* Length of the UTF-8 sequence starting at s, 0 when invalid (overlongs are not checked:
 * masking only needs to keep whole characters). */
static size_t utf8_len(const unsigned char *s)
{
    size_t n = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
             : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    return n;
}

static bool utf8_valid(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t n = utf8_len(p);
        if (!n) return false;
        p += n;
    }
    return true;
}

static int copy(const char *s, char *out, size_t size)
{
    size_t n = strlen(s);
    if (n >= size) return ZF_ERR;
    memcpy(out, s, n + 1);
    return ZF_OK;
}

int mask_person_name(const char *name, char *out, size_t size)
{
    if (!name || !utf8_valid(name) || size == 0) return ZF_ERR;
    if (!*name) return copy("", out, size);
    size_t first = utf8_len((const unsigned char *)name);
    if (first + 3 > size) return ZF_ERR;
    memcpy(out, name, first);
    memcpy(out + first, "**", 3);
    return ZF_OK;
}

int mask_citizen_id(const char *id, char *out, size_t size)
{
    if (!id) return ZF_ERR;
    size_t n = strlen(id);
    if (n >= size) return ZF_ERR;
    for (size_t i = 0; i < n; i++) out[i] = (n > 8 && (i < 4 || i >= n - 4)) ? id[i] : '*';
    out[n] = '\0';
    return ZF_OK;
}

bool mask_looks_like_citizen_id(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (n != 18 && n != 15) return false;
    for (size_t i = 0; i < n; i++)
        if (!(id[i] >= '0' && id[i] <= '9') && !(i == 17 && (id[i] == 'X' || id[i] == 'x'))) return false;
    return true;
}

int mask_party_name(WfPartyKind kind, const char *name, char *out, size_t size)
{
    if (kind == WF_PARTY_ORG) return name ? copy(name, out, size) : ZF_ERR;
    return mask_person_name(name, out, size);
}

int mask_party_id(WfPartyKind kind, const char *id, char *out, size_t size)
{
    if (kind == WF_PARTY_ORG) return id ? copy(id, out, size) : ZF_ERR;
    return mask_citizen_id(id, out, size);
}
