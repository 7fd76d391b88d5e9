/* A request body streamed to a temp file as it arrives, for routes that take files up to a
 * gigabyte: constant memory whatever the size, the SHA-256 and SM3 digests computed on the way,
 * the first bytes kept for type sniffing. Never renames or keeps the file: whoever stores it
 * moves it and calls http_upload_consumed; otherwise http_upload_free removes it. */
#ifndef ZF_HTTP_UPLOAD_H
#define ZF_HTTP_UPLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util/error.h"

#define HTTP_UPLOAD_HEAD 4096 /* bytes kept for sniffing (domain/media_sniff.h looks at fewer) */
#define HTTP_UPLOAD_HEX 64    /* a 256-bit digest in hex */
/* A temp file not written to for this long is a crash's leftover: any live upload writes more often
 * (the server drops a connection idle for its timeout, 30 s by default). */
#define HTTP_UPLOAD_STALE_SECONDS 3600

typedef struct HttpUpload {
    int fd;                  /* open for reading and writing, positioned at the end */
    char path[4200];         /* <dir>/.upload-XXXXXX, mode 0600 */
    uint64_t size;
    unsigned char head[HTTP_UPLOAD_HEAD];
    size_t head_len;         /* min(size, HTTP_UPLOAD_HEAD) */
    char sha256[HTTP_UPLOAD_HEX + 1], sm3[HTTP_UPLOAD_HEX + 1]; /* hex, once http_upload_finish succeeded */
    bool consumed;
    struct evp_md_ctx_st *sha256_ctx, *sm3_ctx;
} HttpUpload;

/* A new empty temp file in dir (created 0700 when missing). ZF_ERR 500 on failure. */
int http_upload_open(const char *dir, HttpUpload **out, ZfError *err);
/* Appends n bytes: written to the file, hashed, the head kept. ZF_ERR 500 when the disk refuses. */
int http_upload_write(HttpUpload *u, const void *data, size_t n, ZfError *err);
/* The body is complete: fills sha256 and sm3. */
int http_upload_finish(HttpUpload *u, ZfError *err);
/* The file has been moved away (or removed) by its new owner: free must not unlink its path. */
void http_upload_consumed(HttpUpload *u);
/* Closes the file, removes it unless consumed, frees u. NULL is fine. */
void http_upload_free(HttpUpload *u);
/* Removes the temp files in dir last written before now - HTTP_UPLOAD_STALE_SECONDS (a crash's
 * leftovers; harmless, but they may be a gigabyte each). Returns how many went. */
int http_upload_sweep(const char *dir, time_t now);

#endif
