/* A reply whose body is made while it is sent: a producer writes it on a thread of its own, into
 * a pipe the connection reads from, so the server holds a pipe's worth of it, never the whole.
 * The producer gets its own lean store connection (STORE_OPEN_LEAN): the worker's stays free for
 * the worker's other requests. */
#ifndef ZF_HTTP_STREAM_H
#define ZF_HTTP_STREAM_H

#include <stddef.h>

#include "http/request.h"

#define HTTP_STREAMS_MAX 4 /* producers at once; one more is answered 503 */
#define HTTP_STREAM_TIMEOUT_S 600 /* a streamed reply's idle timeout, instead of the server's */

typedef struct HttpStream HttpStream;

/* Writes the whole body with http_stream_write. ZF_ERR (after logging why) breaks the download:
 * the connection closes without the final chunk, so the client sees a failure, not a short file. */
typedef int (*HttpProducer)(Store *st, HttpStream *out, void *ctx);

/* Gives len bytes to the client (blocks while the pipe is full). stream is an HttpStream; the
 * signature fits util/zipstream.h's ZipSinkFn. Non-zero when the client has gone. */
int http_stream_write(void *stream, const void *buf, size_t len);

/* Queues a 200 with content_type and an attachment named utf8_name (ascii_name for old clients),
 * and starts produce(ctx) on its thread; free_ctx(ctx) when it is done. On any failure to start,
 * replies 503/500 and frees ctx itself. Returns as the other replies do. */
int http_reply_stream(HttpRequest *req, const char *content_type, const char *ascii_name, const char *utf8_name,
                      HttpProducer produce, void *ctx, void (*free_ctx)(void *ctx));

/* Server shutdown, before the daemon stops (which must find no connection suspended): every live
 * stream is marked aborted and its connection resumed; its reader then ends it with an error. */
void http_stream_abort_all(void);
/* Waits up to ms for running producers to end (server shutdown). */
void http_stream_wait(int ms);

#endif
