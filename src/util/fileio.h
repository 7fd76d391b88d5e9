/* Small POSIX file helpers shared by the file stores: a write that survives short writes and
 * EINTR, and the directory fsync that makes a rename durable. No allocation. */
#ifndef ZF_UTIL_FILEIO_H
#define ZF_UTIL_FILEIO_H

#include <stddef.h>

/* 0 when all len bytes are written, -1 otherwise (errno set). */
int fileio_write_all(int fd, const void *data, size_t len);
/* fsync of the directory itself: a rename into it is durable only after this. 0 or -1. */
int fileio_fsync_dir(const char *dir);

#endif
