/* A zip archive written front to back onto a sink, never held whole: each entry is deflated as
 * its bytes arrive, and its CRC and sizes follow its data in a data descriptor (general purpose
 * bit 3), so nothing is sought back. For the streamed exports (util/xlsx_stream.h). No I/O of its
 * own: the caller's sink takes the bytes. Sizes are 32-bit (no ZIP64): past 4 GiB it fails. */
#ifndef ZF_ZIPSTREAM_H
#define ZF_ZIPSTREAM_H

#include <stddef.h>

#include "util/error.h"

/* Takes len bytes; 0 when taken, non-zero to stop (the reader went away). */
typedef int (*ZipSinkFn)(void *ctx, const void *buf, size_t len);

typedef struct ZipStream ZipStream;

/* NULL when out of memory. */
ZipStream *zipstream_new(ZipSinkFn sink, void *sink_ctx);
/* Starts an entry (its local header); the previous one must have been ended. */
int zipstream_begin(ZipStream *z, const char *name, ZfError *err);
int zipstream_write(ZipStream *z, const void *buf, size_t len, ZfError *err);
/* Flushes the entry's compressed tail and writes its data descriptor. */
int zipstream_end(ZipStream *z, ZfError *err);
/* An entry whose bytes are all at hand: begin, write, end. */
int zipstream_add(ZipStream *z, const char *name, const void *buf, size_t len, ZfError *err);
/* Writes the central directory; the archive is complete. */
int zipstream_finish(ZipStream *z, ZfError *err);
void zipstream_free(ZipStream *z);

#endif
