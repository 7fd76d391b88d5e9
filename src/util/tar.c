/* See tar.h. A header is one 512-byte block; content follows, padded with zeros to a block. */
#include "util/tar.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fileio.h"

#define BLOCK 512
#define OCTAL_SIZE_MAX 077777777777ULL /* 11 octal digits */

static void octal(char *field, size_t width, uint64_t v)
{
    /* width - 1 digits and a NUL, zero-padded, as ustar writes them */
    field[width - 1] = '\0';
    for (size_t i = width - 1; i-- > 0; v >>= 3) field[i] = (char)('0' + (v & 7));
}

static void size_field(char field[12], uint64_t v)
{
    if (v <= OCTAL_SIZE_MAX) return octal(field, 12, v);
    field[0] = (char)0x80; /* GNU base-256: big-endian in the remaining 11 bytes */
    for (int i = 11; i >= 1; i--, v >>= 8) field[i] = (char)(v & 0xff);
}

static int header(unsigned char h[BLOCK], const char *name, unsigned mode, long long mtime, uint64_t size)
{
    size_t n = strlen(name);
    if (n == 0 || n > TAR_NAME_MAX) return errno = ENAMETOOLONG, -1;
    memset(h, 0, BLOCK);
    memcpy(h, name, n);
    octal((char *)h + 100, 8, mode & 07777);
    octal((char *)h + 108, 8, 0);
    octal((char *)h + 116, 8, 0);
    size_field((char *)h + 124, size);
    octal((char *)h + 136, 12, mtime > 0 ? (uint64_t)mtime : 0);
    h[156] = '0';
    memcpy(h + 257, "ustar", 6);
    memcpy(h + 263, "00", 2);
    memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (int i = 0; i < BLOCK; i++) sum += h[i];
    octal((char *)h + 148, 7, sum);
    h[155] = ' ';
    return 0;
}

static int pad(FILE *out, uint64_t len)
{
    static const unsigned char zeros[BLOCK];
    size_t n = (size_t)((BLOCK - len % BLOCK) % BLOCK);
    return n && fwrite(zeros, 1, n, out) != n ? -1 : 0;
}

int tar_put_mem(FILE *out, const char *name, unsigned mode, long long mtime, const void *data, uint64_t len)
{
    unsigned char h[BLOCK];
    if (header(h, name, mode, mtime, len) != 0 || fwrite(h, 1, BLOCK, out) != BLOCK) return -1;
    if (len && fwrite(data, 1, (size_t)len, out) != len) return -1;
    return pad(out, len);
}

int tar_put_file(FILE *out, const char *name, unsigned mode, long long mtime, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    unsigned char h[BLOCK], buf[65536];
    if (fd < 0) return -1;
    int rc = fstat(fd, &sb) == 0 && header(h, name, mode, mtime, (uint64_t)sb.st_size) == 0 &&
                     fwrite(h, 1, BLOCK, out) == BLOCK ? 0 : -1;
    uint64_t left = rc == 0 ? (uint64_t)sb.st_size : 0;
    while (rc == 0 && left > 0) {
        ssize_t n = read(fd, buf, left < sizeof buf ? (size_t)left : sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0 || fwrite(buf, 1, (size_t)n, out) != (size_t)n) rc = -1;
        else left -= (uint64_t)n;
    }
    close(fd);
    return rc == 0 ? pad(out, (uint64_t)sb.st_size) : -1;
}

int tar_finish(FILE *out)
{
    static const unsigned char zeros[2 * BLOCK];
    return fwrite(zeros, 1, sizeof zeros, out) == sizeof zeros ? 0 : -1;
}

static uint64_t parse_octal(const unsigned char *f, size_t width)
{
    uint64_t v = 0;
    for (size_t i = 0; i < width && f[i] >= '0' && f[i] <= '7'; i++) v = v * 8 + (uint64_t)(f[i] - '0');
    return v;
}

static uint64_t parse_size(const unsigned char f[12])
{
    if (!(f[0] & 0x80)) return parse_octal(f, 12);
    uint64_t v = 0;
    for (int i = 1; i < 12; i++) v = v << 8 | f[i];
    return v;
}

/* 1 parsed, 0 an end block, -1 damaged */
static int parse_header(const unsigned char h[BLOCK], TarEntry *e)
{
    bool zero = true;
    for (int i = 0; i < BLOCK && zero; i++) zero = h[i] == 0;
    if (zero) return 0;
    unsigned sum = 0;
    for (int i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? ' ' : h[i];
    if (sum != parse_octal(h + 148, 8) || memcmp(h + 257, "ustar", 5) != 0) return -1;
    memset(e, 0, sizeof *e);
    memcpy(e->name, h, 100);
    e->name[100] = '\0';
    e->mode = (unsigned)parse_octal(h + 100, 8);
    e->size = parse_size(h + 124);
    e->type = h[156] ? (char)h[156] : '0';
    return 1;
}

int tar_next(FILE *in, TarEntry *e)
{
    unsigned char h[BLOCK];
    if (fread(h, 1, BLOCK, in) != BLOCK) return -1;
    return parse_header(h, e);
}

static int skip_pad(FILE *in, uint64_t len)
{
    unsigned char buf[BLOCK];
    size_t n = (size_t)((BLOCK - len % BLOCK) % BLOCK);
    return n && fread(buf, 1, n, in) != n ? -1 : 0;
}

int tar_read(FILE *in, const TarEntry *e, size_t max, unsigned char **data)
{
    *data = NULL;
    if (e->size > max) return -1;
    unsigned char *d = malloc(e->size ? (size_t)e->size : 1);
    if (!d || fread(d, 1, (size_t)e->size, in) != e->size || skip_pad(in, e->size) != 0) {
        free(d);
        return -1;
    }
    *data = d;
    return 0;
}

int tar_each_chunk(FILE *in, const TarEntry *e, TarChunkFn fn, void *ctx)
{
    unsigned char buf[65536];
    uint64_t left = e->size;
    while (left > 0) {
        size_t want = left < sizeof buf ? (size_t)left : sizeof buf;
        if (fread(buf, 1, want, in) != want || fn(buf, want, ctx) != 0) return -1;
        left -= want;
    }
    return skip_pad(in, e->size);
}

static int write_chunk(const void *data, size_t len, void *ctx) { return fileio_write_all(*(int *)ctx, data, len); }

int tar_copy_to(FILE *in, const TarEntry *e, int fd) { return tar_each_chunk(in, e, write_chunk, &fd); }

int tar_skip(FILE *in, const TarEntry *e)
{
    uint64_t padded = (e->size + BLOCK - 1) / BLOCK * BLOCK;
    return fseeko(in, (off_t)padded, SEEK_CUR) == 0 ? 0 : -1;
}

static int grow(TarBuffer *b, size_t more)
{
    if (b->len + more <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + more) cap *= 2;
    unsigned char *d = realloc(b->data, cap);
    if (!d) return -1;
    b->data = d, b->cap = cap;
    return 0;
}

int tar_buffer_put(TarBuffer *b, const char *name, unsigned mode, long long mtime, const void *data, size_t len)
{
    size_t padded = (len + BLOCK - 1) / BLOCK * BLOCK;
    if (grow(b, BLOCK + padded) != 0 || header(b->data + b->len, name, mode, mtime, len) != 0) return -1;
    b->len += BLOCK;
    if (len) memcpy(b->data + b->len, data, len);
    memset(b->data + b->len + len, 0, padded - len);
    b->len += padded;
    return 0;
}

int tar_buffer_finish(TarBuffer *b)
{
    if (grow(b, 2 * BLOCK) != 0) return -1;
    memset(b->data + b->len, 0, 2 * BLOCK);
    b->len += 2 * BLOCK;
    return 0;
}

int tar_buffer_each(const unsigned char *data, size_t len, TarMemberFn fn, void *ctx)
{
    size_t at = 0;
    TarEntry e;
    while (at + BLOCK <= len) {
        int rc = parse_header(data + at, &e);
        if (rc <= 0) return rc;
        at += BLOCK;
        if (e.size > len - at) return -1;
        if (e.type == '0' && fn(e.name, e.mode, data + at, (size_t)e.size, ctx) != 0) return -1;
        at += (size_t)((e.size + BLOCK - 1) / BLOCK * BLOCK);
    }
    return -1; /* no end block */
}
