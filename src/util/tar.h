/* The POSIX ustar format (IEEE Std 1003.1-2001, pax's ustar interchange format), enough for the
 * backup archive (docs/backup.md): regular files with a name, a mode and a size; sizes of 8 GiB or
 * more in GNU tar's base-256 form, which GNU tar and bsdtar read. Any `tar -tvf` can list a backup. */
#ifndef ZF_UTIL_TAR_H
#define ZF_UTIL_TAR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define TAR_NAME_MAX 99

/* Writes a member whose content is data (len bytes). 0 or -1 (errno set, or a name too long). */
int tar_put_mem(FILE *out, const char *name, unsigned mode, long long mtime, const void *data, uint64_t len);
/* Writes a member copied from the file at path (its current size). 0 or -1. */
int tar_put_file(FILE *out, const char *name, unsigned mode, long long mtime, const char *path);
/* The two zero blocks that end an archive. */
int tar_finish(FILE *out);

typedef struct {
    char name[TAR_NAME_MAX + 2];
    unsigned mode;
    uint64_t size;
    char type; /* '0' a regular file */
} TarEntry;

/* The next member's header: 1 when read, 0 at the end of the archive, -1 when the archive is
 * damaged (a bad checksum, a short read). The caller then reads exactly e->size bytes of content
 * (tar_read / tar_copy_to / tar_skip), which also consumes the padding. */
int tar_next(FILE *in, TarEntry *e);
/* Reads the member's whole content into a new buffer (at most max bytes, else -1). */
int tar_read(FILE *in, const TarEntry *e, size_t max, unsigned char **data);
/* Copies the member's content to fd. 0 or -1. */
int tar_copy_to(FILE *in, const TarEntry *e, int fd);
/* Hands the member's content to fn in pieces (a non-zero return stops: -1). */
typedef int (*TarChunkFn)(const void *data, size_t len, void *ctx);
int tar_each_chunk(FILE *in, const TarEntry *e, TarChunkFn fn, void *ctx);
int tar_skip(FILE *in, const TarEntry *e);

/* The same format in memory: a member list built into a buffer, and read back from one. */
typedef struct {
    unsigned char *data;
    size_t len, cap;
} TarBuffer;
int tar_buffer_put(TarBuffer *b, const char *name, unsigned mode, long long mtime, const void *data, size_t len);
int tar_buffer_finish(TarBuffer *b);
/* Calls fn for each regular member of an in-memory archive; -1 when damaged or fn returns non-zero. */
typedef int (*TarMemberFn)(const char *name, unsigned mode, const unsigned char *data, size_t len, void *ctx);
int tar_buffer_each(const unsigned char *data, size_t len, TarMemberFn fn, void *ctx);

#endif
