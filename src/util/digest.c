/* See digest.h. */
#include "util/digest.h"

#include <string.h>

void merkle_hex(const MerkleHash *hash, char out[2 * MERKLE_HASH_LEN + 1])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < MERKLE_HASH_LEN; i++) {
        out[2 * i] = digits[hash->b[i] >> 4];
        out[2 * i + 1] = digits[hash->b[i] & 15];
    }
    out[2 * MERKLE_HASH_LEN] = '\0';
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int merkle_unhex(const char *hex, MerkleHash *out)
{
    if (!hex || strlen(hex) != 2 * MERKLE_HASH_LEN) return -1;
    for (int i = 0; i < MERKLE_HASH_LEN; i++) {
        int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return -1;
        out->b[i] = (unsigned char)(hi << 4 | lo);
    }
    return 0;
}
