/* See zipstream.h. Layout per APPNOTE 6.3.x: local header (CRC and sizes zero, bit 3 set),
 * raw deflate data, data descriptor with its signature; then the central directory. Times are
 * the DOS epoch (1980-01-01): util/ reads no clock, and the archive is the same for the same data. */
#include "util/zipstream.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define MAX_ENTRIES 65535 /* the count fields of a zip without zip64 */
#define MAX_NAME 512
#define OUT_CHUNK 65536
#define FLAGS 0x0808 /* bit 3: sizes in the data descriptor; bit 11: names are UTF-8 */
#define DEFLATED 8
#define VERSION 20   /* 2.0: deflate */

typedef struct {
    char name[MAX_NAME];
    uint32_t crc, csize, usize, offset;
} Entry;

struct ZipStream {
    ZipSinkFn sink;
    void *sink_ctx;
    uint64_t offset; /* bytes given to the sink */
    Entry *entries; /* grown as entries begin: a dossier holds one per event and proof */
    int n, cap;
    int open;        /* an entry is begun and not ended */
    uint64_t usize, csize;
    uint32_t crc;
    z_stream zs;
    int zs_ready;
    unsigned char out[OUT_CHUNK];
};

static void put16(unsigned char *p, unsigned v) { p[0] = (unsigned char)v, p[1] = (unsigned char)(v >> 8); }
static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static int emit(ZipStream *z, const void *buf, size_t len, ZfError *err)
{
    if (len && z->sink(z->sink_ctx, buf, len) != 0)
        return zf_fail(err, 499, "client_gone", NULL, "下载已中断");
    z->offset += len;
    return ZF_OK;
}

ZipStream *zipstream_new(ZipSinkFn sink, void *sink_ctx)
{
    ZipStream *z = calloc(1, sizeof *z);
    if (!z) return NULL;
    z->sink = sink, z->sink_ctx = sink_ctx;
    /* raw deflate (negative window bits), fastest level: the export is bound by time, not bytes */
    if (deflateInit2(&z->zs, Z_BEST_SPEED, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(z);
        return NULL;
    }
    z->zs_ready = 1;
    return z;
}

void zipstream_free(ZipStream *z)
{
    if (!z) return;
    if (z->zs_ready) deflateEnd(&z->zs);
    free(z->entries);
    free(z);
}

static int too_big(ZfError *err) { return zf_fail(err, 500, "export_too_large", NULL, "导出文件超过 4 GiB，请缩小筛选范围"); }

int zipstream_begin(ZipStream *z, const char *name, ZfError *err)
{
    size_t nlen = strlen(name);
    if (z->open || z->n == MAX_ENTRIES || nlen >= MAX_NAME)
        return zf_fail(err, 500, "zip_misuse", NULL, "压缩文件条目过多或名称过长");
    if (z->n == z->cap) {
        int cap = z->cap ? z->cap * 2 : 16;
        Entry *grown = realloc(z->entries, (size_t)cap * sizeof *grown);
        if (!grown) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
        z->entries = grown, z->cap = cap;
    }
    if (z->offset > UINT32_MAX) return too_big(err);
    Entry *e = &z->entries[z->n];
    memcpy(e->name, name, nlen + 1);
    e->offset = (uint32_t)z->offset;
    unsigned char h[30] = {0};
    put32(h, 0x04034b50), put16(h + 4, VERSION), put16(h + 6, FLAGS), put16(h + 8, DEFLATED);
    put16(h + 12, 0x21); /* date 1980-01-01; time 00:00 */
    put16(h + 26, (unsigned)nlen);
    if (emit(z, h, sizeof h, err) != ZF_OK || emit(z, name, nlen, err) != ZF_OK) return ZF_ERR;
    z->open = 1, z->usize = z->csize = 0, z->crc = (uint32_t)crc32(0L, Z_NULL, 0);
    deflateReset(&z->zs);
    return ZF_OK;
}

/* Runs deflate over the pending input with flush, giving every full output chunk to the sink. */
static int pump(ZipStream *z, int flush, ZfError *err)
{
    int rc;
    do {
        z->zs.next_out = z->out, z->zs.avail_out = OUT_CHUNK;
        rc = deflate(&z->zs, flush);
        if (rc == Z_STREAM_ERROR) return zf_fail(err, 500, "deflate_failed", NULL, "压缩失败");
        size_t have = OUT_CHUNK - z->zs.avail_out;
        z->csize += have;
        if (emit(z, z->out, have, err) != ZF_OK) return ZF_ERR;
    } while (z->zs.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    return ZF_OK;
}

int zipstream_write(ZipStream *z, const void *buf, size_t len, ZfError *err)
{
    if (!z->open) return zf_fail(err, 500, "zip_misuse", NULL, "压缩文件条目未开始");
    if (z->usize + len > UINT32_MAX) return too_big(err);
    const unsigned char *p = buf;
    while (len) { /* avail_in is 32-bit */
        uInt part = len > (1u << 30) ? (1u << 30) : (uInt)len;
        z->crc = (uint32_t)crc32(z->crc, p, part);
        z->usize += part;
        z->zs.next_in = (Bytef *)(uintptr_t)p, z->zs.avail_in = part;
        if (pump(z, Z_NO_FLUSH, err) != ZF_OK) return ZF_ERR;
        p += part, len -= part;
    }
    return ZF_OK;
}

int zipstream_end(ZipStream *z, ZfError *err)
{
    if (!z->open) return zf_fail(err, 500, "zip_misuse", NULL, "压缩文件条目未开始");
    z->zs.next_in = NULL, z->zs.avail_in = 0;
    if (pump(z, Z_FINISH, err) != ZF_OK) return ZF_ERR;
    if (z->csize > UINT32_MAX) return too_big(err);
    Entry *e = &z->entries[z->n++];
    e->crc = z->crc, e->csize = (uint32_t)z->csize, e->usize = (uint32_t)z->usize;
    z->open = 0;
    unsigned char d[16];
    put32(d, 0x08074b50), put32(d + 4, e->crc), put32(d + 8, e->csize), put32(d + 12, e->usize);
    return emit(z, d, sizeof d, err);
}

int zipstream_add(ZipStream *z, const char *name, const void *buf, size_t len, ZfError *err)
{
    if (zipstream_begin(z, name, err) != ZF_OK || zipstream_write(z, buf, len, err) != ZF_OK) return ZF_ERR;
    return zipstream_end(z, err);
}

static int put_central_entry(ZipStream *z, const Entry *e, ZfError *err)
{
    size_t nlen = strlen(e->name);
    unsigned char h[46] = {0};
    put32(h, 0x02014b50), put16(h + 4, VERSION), put16(h + 6, VERSION), put16(h + 8, FLAGS);
    put16(h + 10, DEFLATED), put16(h + 14, 0x21);
    put32(h + 16, e->crc), put32(h + 20, e->csize), put32(h + 24, e->usize);
    put16(h + 28, (unsigned)nlen), put32(h + 42, e->offset);
    if (emit(z, h, sizeof h, err) != ZF_OK) return ZF_ERR;
    return emit(z, e->name, nlen, err);
}

int zipstream_finish(ZipStream *z, ZfError *err)
{
    if (z->open) return zf_fail(err, 500, "zip_misuse", NULL, "压缩文件条目未结束");
    uint64_t start = z->offset;
    for (int i = 0; i < z->n; i++)
        if (put_central_entry(z, &z->entries[i], err) != ZF_OK) return ZF_ERR;
    if (z->offset > UINT32_MAX) return too_big(err);
    unsigned char eocd[22] = {0};
    put32(eocd, 0x06054b50), put16(eocd + 8, (unsigned)z->n), put16(eocd + 10, (unsigned)z->n);
    put32(eocd + 12, (uint32_t)(z->offset - start)), put32(eocd + 16, (uint32_t)start);
    return emit(z, eocd, sizeof eocd, err);
}
