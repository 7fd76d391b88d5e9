/* See read_file.h. */
#include "cmd/read_file.h"

#include <stdio.h>
#include <stdlib.h>

unsigned char *cmd_read_file(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0, got;
    unsigned char *buf = malloc(cap + 1);
    while (buf && (got = fread(buf + n, 1, cap + 1 - n, f)) > 0) {
        n += got;
        if (n > max) {
            free(buf);
            buf = NULL;
        } else if (n == cap + 1) {
            unsigned char *more = realloc(buf, 2 * cap + 1);
            if (!more) free(buf);
            buf = more, cap *= 2;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}
