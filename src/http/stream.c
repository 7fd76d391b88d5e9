/* See stream.h. The pipe's state is shared by the response (reader, in the worker) and the
 * producer thread; whichever lets go last frees it. The reader never blocks the worker: when the
 * pipe is empty it suspends the connection (MHD_suspend_connection, from the content reader as
 * microhttpd.h prescribes) and the producer resumes it after its next write — a sorted export
 * that takes a minute before its first row no longer holds one of the server's few workers, and
 * every connection that worker serves, for that minute. Global state: the count of producers and
 * the list of live streams (to resume them all before the daemon stops). */
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
    int rfd, wfd;       /* rfd non-blocking */
    atomic_int refs;    /* the response and the producer */
    atomic_bool failed; /* set by the producer before it closes wfd */
    struct MHD_Connection *conn;
    pthread_mutex_t mu; /* guards suspended and aborted: the reader's suspend against the producer's resume */
    bool suspended, aborted;
    HttpStream *prev, *next; /* the live list, under live_mu, from queueing until the response is done */
    const char *db_path;
    HttpProducer produce;
    void *ctx;
    void (*free_ctx)(void *ctx);
};

static atomic_int producers;
static pthread_mutex_t live_mu = PTHREAD_MUTEX_INITIALIZER;
static HttpStream *live;

static void unref(HttpStream *s)
{
    if (atomic_fetch_sub(&s->refs, 1) == 1) {
        pthread_mutex_destroy(&s->mu);
        free(s);
    }
}

/* After each write and at the end: a reader waiting on the empty pipe gets its connection back. */
static void wake(HttpStream *s)
{
    pthread_mutex_lock(&s->mu);
    if (s->suspended) {
        s->suspended = false;
        MHD_resume_connection(s->conn);
    }
    pthread_mutex_unlock(&s->mu);
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
        wake(s);
    }
    return 0;
}

/* One non-blocking read: bytes, end of stream, error — or 0 when the pipe is empty for now. */
static ssize_t read_once(HttpStream *s, char *buf, size_t max)
{
    ssize_t n;
    do n = read(s->rfd, buf, max);
    while (n < 0 && errno == EINTR);
    if (n > 0) return n;
    if (n == 0) return atomic_load(&s->failed) ? MHD_CONTENT_READER_END_WITH_ERROR : MHD_CONTENT_READER_END_OF_STREAM;
    return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : MHD_CONTENT_READER_END_WITH_ERROR;
}

/* In the worker: the next bytes of the pipe, or the connection suspended until there are some.
 * The second read is under the lock the producer's wake takes after each write, so a write
 * between the two reads is either seen here or wakes the suspended connection: none is lost. */
static ssize_t read_pipe(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    HttpStream *s = cls;
    ssize_t n = read_once(s, buf, max);
    if (n != 0) return n;
    pthread_mutex_lock(&s->mu);
    n = s->aborted ? MHD_CONTENT_READER_END_WITH_ERROR : read_once(s, buf, max);
    if (n == 0) {
        s->suspended = true;
        MHD_suspend_connection(s->conn);
    }
    pthread_mutex_unlock(&s->mu);
    return n;
}

static void live_remove(HttpStream *s)
{
    pthread_mutex_lock(&live_mu);
    if (s->prev) s->prev->next = s->next;
    else if (live == s) live = s->next;
    if (s->next) s->next->prev = s->prev;
    s->prev = s->next = NULL;
    pthread_mutex_unlock(&live_mu);
}

static void response_done(void *cls)
{
    HttpStream *s = cls;
    live_remove(s);
    close(s->rfd);
    unref(s);
}

/* A test's gate (ZHIFA_TEST_STREAM_GATE = a FIFO): the producer waits until the test opens it for
 * writing, so a test can hold a stream before its first byte as long as it likes, with no timing. */
static void test_gate(void)
{
    const char *gate = getenv("ZHIFA_TEST_STREAM_GATE");
    int fd = gate && *gate ? open(gate, O_RDONLY | O_CLOEXEC) : -1;
    if (fd >= 0) close(fd);
}

static void *run_producer(void *arg)
{
    HttpStream *s = arg;
    Store *st = NULL;
    ZfError err;
    test_gate();
    int rc = store_open(s->db_path, STORE_OPEN_LEAN, &st, &err);
    if (rc != ZF_OK) log_error("stream_store", "%s", err.message);
    else rc = s->produce(st, s, s->ctx);
    if (rc != ZF_OK) atomic_store(&s->failed, true);
    close(s->wfd);
    wake(s); /* the reader sees the end */
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
    if (!s || pipe2(fds, O_CLOEXEC) != 0 || fcntl(fds[0], F_SETFL, O_NONBLOCK) != 0) {
        free(s);
        return NULL;
    }
    fcntl(fds[1], F_SETPIPE_SZ, 1 << 20); /* fewer wake-ups; the default 64 KiB works too */
    s->rfd = fds[0], s->wfd = fds[1];
    atomic_init(&s->refs, 2);
    atomic_init(&s->failed, false);
    s->db_path = req->server->db_path, s->produce = produce, s->ctx = ctx, s->free_ctx = free_ctx;
    s->conn = req->conn;
    pthread_mutex_init(&s->mu, NULL);
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
    pthread_mutex_lock(&live_mu);
    s->next = live;
    if (live) live->prev = s;
    live = s;
    pthread_mutex_unlock(&live_mu);
    return http_queue(req, 200, resp);
}

void http_stream_abort_all(void)
{
    pthread_mutex_lock(&live_mu);
    for (HttpStream *s = live; s; s = s->next) {
        pthread_mutex_lock(&s->mu);
        s->aborted = true;
        if (s->suspended) {
            s->suspended = false;
            MHD_resume_connection(s->conn);
        }
        pthread_mutex_unlock(&s->mu);
    }
    pthread_mutex_unlock(&live_mu);
}

void http_stream_wait(int ms)
{
    for (int waited = 0; atomic_load(&producers) > 0 && waited < ms; waited += 10)
        nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
}
