/* See stream.h. The pipe's state is shared by the response (reader, in the worker) and the
 * producer thread; whichever lets go last frees it. Global state: the count of producers. */
#include "http/stream.h"

#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "http/response.h"
#include "http/server.h"
#include "util/log.h"

struct HttpStream {
    int rfd, wfd;
    atomic_int refs;    /* the response and the producer */
    atomic_bool failed; /* set by the producer before it closes wfd */
    const char *db_path;
    HttpProducer produce;
    void *ctx;
    void (*free_ctx)(void *ctx);
};

static atomic_int producers;

static void unref(HttpStream *s)
{
    if (atomic_fetch_sub(&s->refs, 1) == 1) free(s);
}

int http_stream_write(void *stream, const void *buf, size_t len)
{
    HttpStream *s = stream;
    const char *p = buf;
    while (len) {
        ssize_t n = write(s->wfd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1; /* EPIPE: the response is gone (client left, server stopping) */
        p += n, len -= (size_t)n;
    }
    return 0;
}

/* In the worker: the next bytes of the pipe. A read blocks only until the producer writes. */
static ssize_t read_pipe(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    HttpStream *s = cls;
    ssize_t n;
    do n = read(s->rfd, buf, max);
    while (n < 0 && errno == EINTR);
    if (n > 0) return n;
    if (n == 0 && !atomic_load(&s->failed)) return MHD_CONTENT_READER_END_OF_STREAM;
    return MHD_CONTENT_READER_END_WITH_ERROR;
}

static void response_done(void *cls)
{
    HttpStream *s = cls;
    close(s->rfd);
    unref(s);
}

static void *run_producer(void *arg)
{
    HttpStream *s = arg;
    Store *st = NULL;
    ZfError err;
    int rc = store_open(s->db_path, STORE_OPEN_LEAN, &st, &err);
    if (rc != ZF_OK) log_error("stream_store", "%s", err.message);
    else rc = s->produce(st, s, s->ctx);
    if (rc != ZF_OK) atomic_store(&s->failed, true);
    close(s->wfd);
    store_close(st);
    s->free_ctx(s->ctx);
    unref(s);
    atomic_fetch_sub(&producers, 1);
    return NULL;
}

static int refuse(HttpRequest *req, void *ctx, void (*free_ctx)(void *), int status, const char *code, const char *msg)
{
    free_ctx(ctx);
    return http_reply_error(req, status, code, NULL, msg);
}

static HttpStream *stream_new(HttpRequest *req, HttpProducer produce, void *ctx, void (*free_ctx)(void *))
{
    int fds[2];
    HttpStream *s = calloc(1, sizeof *s);
    if (!s || pipe2(fds, O_CLOEXEC) != 0) {
        free(s);
        return NULL;
    }
    fcntl(fds[1], F_SETPIPE_SZ, 1 << 20); /* fewer wake-ups; the default 64 KiB works too */
    s->rfd = fds[0], s->wfd = fds[1];
    atomic_init(&s->refs, 2);
    atomic_init(&s->failed, false);
    s->db_path = req->server->db_path, s->produce = produce, s->ctx = ctx, s->free_ctx = free_ctx;
    return s;
}

static bool start_thread(HttpStream *s)
{
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    bool ok = pthread_create(&t, &attr, run_producer, s) == 0;
    pthread_attr_destroy(&attr);
    return ok;
}

int http_reply_stream(HttpRequest *req, const char *content_type, const char *ascii_name, const char *utf8_name,
                      HttpProducer produce, void *ctx, void (*free_ctx)(void *ctx))
{
    if (atomic_fetch_add(&producers, 1) >= HTTP_STREAMS_MAX) {
        atomic_fetch_sub(&producers, 1);
        return refuse(req, ctx, free_ctx, 503, "too_many_exports", "同时进行的导出过多，请稍后重试");
    }
    HttpStream *s = stream_new(req, produce, ctx, free_ctx);
    struct MHD_Response *resp =
        s ? MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024, read_pipe, s, response_done) : NULL;
    if (s && !resp) close(s->rfd), close(s->wfd), free(s), s = NULL;
    if (s && !start_thread(s)) {
        MHD_destroy_response(resp); /* closes rfd, drops the response's reference */
        close(s->wfd), unref(s), s = NULL;
    }
    if (!s) {
        atomic_fetch_sub(&producers, 1);
        return refuse(req, ctx, free_ctx, 500, "stream_failed", "无法开始导出");
    }
    /* the first rows of a sorted export come after the whole sort (a minute for a million cases):
     * the idle timeout would close the connection while the producer still works */
    MHD_set_connection_option(req->conn, MHD_CONNECTION_OPTION_TIMEOUT, (unsigned)HTTP_STREAM_TIMEOUT_S);
    MHD_add_response_header(resp, "Content-Type", content_type);
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    http_add_disposition(resp, ascii_name, utf8_name);
    return http_queue(req, 200, resp);
}

void http_stream_wait(int ms)
{
    for (int waited = 0; atomic_load(&producers) > 0 && waited < ms; waited += 10)
        nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
}
