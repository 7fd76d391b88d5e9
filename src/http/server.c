/* Request lifecycle on libmicrohttpd: body accumulation with a size cap (in memory, or streamed
 * to a temp file for the routes that take big files), overload shedding,
 * dispatch to the route table or the static console, graceful shutdown.
 * Global state: only the running configuration, counters and the header deadline's watch list,
 * set before the daemon starts. */
#include "http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "http/auth.h"
#include "http/header_deadline.h"
#include "http/response.h"
#include "http/router.h"
#include "http/static.h"
#include "http/stream.h"
#include "http/upload.h"
#include "util/log.h"
#include "util/text.h"
#include "util/paths.h"

typedef struct {
    HttpRequest req;
    char *body;
    size_t len, cap;
    int too_large;
    size_t max_body; /* the server's limit, or the route's when it allows more */
    const Route *upload; /* a route taking a bigger body: authorised before it is read */
    const Route *route;
    HttpUpload *file; /* the body, when the upload route streams it to a file */
    ZfError file_err; /* why the file could not be written (status 0 while it can) */
    int authorized;
    int bad_utf8; /* the path or a query argument is not UTF-8: refused once the body is in */
    char too_large_msg[160];
} RequestState;

/* Our own limits sit well inside libmicrohttpd's memory per connection, so that a request over
 * them reaches on_request and is refused by us (JSON, security headers) instead of by the
 * library's bare 414/431 page, which only a request beyond CONNECTION_MEMORY still gets. */
#define MAX_URI_BYTES (8 * 1024)     /* decoded path + query arguments */
#define MAX_HEADER_BYTES (24 * 1024) /* request line and header lines */
#define CONNECTION_MEMORY (64 * 1024)

static const ServerConfig *config;
static HeaderDeadline *header_deadline;
static atomic_int active_connections;
static atomic_int inflight;
static pthread_key_t store_key;

static void close_thread_store(void *st) { store_close(st); }

static Store *thread_store(ZfError *err)
{
    Store *st = pthread_getspecific(store_key);
    if (st) return st;
    if (store_open(config->db_path, STORE_OPEN_EXISTING, &st, err) != ZF_OK) return NULL;
    pthread_setspecific(store_key, st);
    return st;
}

/* Who asks and whether they may: ZF_OK, or the reply (401/403/500) has been queued. */
static int authorize(HttpRequest *req, const Route *r)
{
    ZfError err;
    if (!(req->store = thread_store(&err))) {
        http_reply_zferror(req, &err);
        return ZF_ERR;
    }
    req->calendar = config->calendar;
    req->today = config->clock ? config->clock() : date_today_china();
    req->server = config;
    auth_resolve(req);
    return auth_authorize(req, r);
}

static int route(HttpRequest *req, int authorized)
{
    bool path_known;
    if (strncmp(req->path, "/api/", 5) != 0) return static_serve(req, config->web_root);
    const Route *r = router_match(config->routes, req, &path_known);
    if (!r && path_known) return http_reply_error(req, 405, "method_not_allowed", NULL, "该接口不支持此请求方法");
    if (!r) return http_reply_error(req, 404, "not_found", NULL, "接口不存在");
    if (!authorized && authorize(req, r) != ZF_OK) return 0;
    if (config->routes->before_handler && config->routes->before_handler(req, r) != ZF_OK) return 0;
    int rc = r->handler(req);
    auth_audit_write(req);
    return rc;
}

/* Every request gets a reply: a handler that returns without one would be called again by
 * libmicrohttpd, in a loop, until the connection times out. */
static int dispatch(HttpRequest *req, int authorized)
{
    int rc = route(req, authorized);
    if (req->status) return rc;
    return http_reply_error(req, 500, "internal_error", NULL, "the handler returned without queueing a reply");
}

static int streams_to_file(const RequestState *rs) { return rs->upload && rs->upload->stream_to_file; }

/* The temp file of a streamed body, created with its first bytes (or at the end, for an empty one). */
static int ensure_file(RequestState *rs)
{
    char dir[4096];
    if (rs->file) return ZF_OK;
    paths_files_dir(config->db_path, dir, sizeof dir); /* beside the stored files: the rename stays on one disk */
    return http_upload_open(dir, &rs->file, &rs->file_err);
}

static void drop_file(RequestState *rs)
{
    http_upload_free(rs->file);
    rs->file = NULL;
}

/* Past the limit (or a disk failure) nothing more is kept: a streamed body's temp file goes at
 * once. The rest is read and dropped, and the refusal answered once it has arrived: a reply sent
 * while the client still sends is lost to the TCP reset of closing on unread data. */
static int append_body(RequestState *rs, const char *data, size_t n)
{
    if (rs->too_large || rs->len + n > rs->max_body) {
        rs->too_large = 1;
        drop_file(rs);
        return 0;
    }
    if (streams_to_file(rs)) {
        rs->len += n;
        if (!rs->file_err.status &&
            (ensure_file(rs) != ZF_OK || http_upload_write(rs->file, data, n, &rs->file_err) != ZF_OK))
            drop_file(rs);
        return 0;
    }
    if (rs->len + n + 1 > rs->cap) {
        size_t cap = rs->cap ? rs->cap : 4096;
        while (cap < rs->len + n + 1) cap *= 2;
        char *grown = realloc(rs->body, cap);
        if (!grown) return -1;
        rs->body = grown, rs->cap = cap;
    }
    memcpy(rs->body + rs->len, data, n);
    rs->len += n;
    rs->body[rs->len] = '\0';
    return 0;
}

static int declared_too_large(struct MHD_Connection *c, size_t max_body)
{
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    return cl && strtoull(cl, NULL, 10) > max_body;
}

/* A route may take a bigger body than the server's default (an uploaded file), or a smaller one; it is known
 * before the body arrives, so the limit is applied while reading, not after. */
static void find_upload_route(RequestState *rs)
{
    bool path_known;
    const Route *r = strncmp(rs->req.path, "/api/", 5) == 0 ? router_match(config->routes, &rs->req, &path_known) : NULL;
    rs->req.n_params = 0; /* dispatch matches again once the body is in */
    if (r && (r->max_body > config->max_body || r->stream_to_file))
        rs->upload = r, rs->route = r, rs->max_body = r->max_body;
    else if (r && r->max_body) /* a route that takes less than the default (an anonymous form) */
        rs->max_body = r->max_body;
}

/* Before a big body is read: the user must be allowed the route (nobody buffers megabytes for
 * an anonymous client), and the request's own limit (e.g. the attachment kind's) applies.
 * Returns 1 when a reply has been queued. */
static int upload_precheck(RequestState *rs)
{
    if (authorize(&rs->req, rs->route) != ZF_OK) return 1;
    rs->authorized = 1;
    if (rs->upload->limit_for) {
        size_t own = rs->upload->limit_for(&rs->req, rs->too_large_msg, sizeof rs->too_large_msg);
        if (own < rs->max_body) rs->max_body = own;
    }
    if (streams_to_file(rs)) return 0;
    const char *cl = MHD_lookup_connection_value(rs->req.conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    unsigned long long declared = cl ? strtoull(cl, NULL, 10) : 0;
    if (declared > 0 && declared <= rs->max_body && (rs->body = malloc((size_t)declared + 1)))
        rs->cap = (size_t)declared + 1; /* one allocation, not a doubling series, for a known size */
    return 0;
}

static int reply_too_large(RequestState *rs)
{
    return http_reply_error(&rs->req, 413, "body_too_large", NULL, rs->too_large_msg[0] ? rs->too_large_msg : "请求体过大");
}

/* A streamed body is complete: the handler gets the file, its digests and its first bytes. */
static int dispatch_file(RequestState *rs)
{
    if (!rs->file_err.status && ensure_file(rs) == ZF_OK) http_upload_finish(rs->file, &rs->file_err);
    if (rs->file_err.status) {
        log_error("upload_failed", "%s %s: %s", rs->req.method, rs->req.path, rs->file_err.message);
        return http_reply_zferror(&rs->req, &rs->file_err);
    }
    rs->req.upload = rs->file;
    return dispatch(&rs->req, rs->authorized);
}

static enum MHD_Result query_arg_utf8(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    bool *ok = cls;
    *ok = text_utf8_valid(key, strlen(key)) && (!value || text_utf8_valid(value, strlen(value)));
    return *ok ? MHD_YES : MHD_NO;
}

/* libmicrohttpd has percent-decoded the path and the query arguments by now: whatever bytes
 * %XX made must be UTF-8 before they reach a router parameter, a JSON reply or the store. */
static bool request_utf8_valid(struct MHD_Connection *c, const char *url)
{
    bool ok = text_utf8_valid(url, strlen(url));
    if (ok) MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, query_arg_utf8, &ok);
    return ok;
}

static enum MHD_Result add_arg_length(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    *(size_t *)cls += strlen(key) + (value ? strlen(value) + 1 : 0) + 1;
    return MHD_YES;
}

/* 414 or 431 when the request is longer than we take; 0 when it fits. */
static int oversize_status(struct MHD_Connection *c, const char *url)
{
    size_t uri = strlen(url);
    if (uri >= ROUTER_MAX_PATH) return 414;
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg_length, &uri);
    if (uri > MAX_URI_BYTES) return 414;
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
    return ci && ci->header_size > MAX_HEADER_BYTES ? 431 : 0;
}

static int reply_oversize(RequestState *rs, int status)
{
    if (status == 414) return http_reply_error(&rs->req, 414, "uri_too_long", NULL, "请求地址过长");
    return http_reply_error(&rs->req, 431, "headers_too_large", NULL, "请求头过大");
}

static int reply_bad_utf8(RequestState *rs)
{
    return http_reply_error(&rs->req, 400, "invalid_utf8", NULL, "请求地址或查询参数含空字符或不是有效的 UTF-8 文本");
}

static RequestState *begin_request(struct MHD_Connection *c, const char *url, const char *method)
{
    RequestState *rs = calloc(1, sizeof *rs);
    if (!rs) return NULL;
    rs->req.conn = c;
    rs->req.method = method;
    rs->req.path = url;
    rs->req.started_us = now_micros();
    rs->max_body = config->max_body;
    find_upload_route(rs);
    atomic_fetch_add(&inflight, 1);
    return rs;
}

static HeaderWatch *watch_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **state)
{
    (void)cls, (void)version;
    RequestState *rs = *state;
    if (!rs) {
        header_deadline_request_began(header_deadline, watch_of(c));
        if (!(rs = begin_request(c, url, method))) return MHD_NO;
        *state = rs;
        if (atomic_load(&active_connections) > (int)config->max_connections)
            return http_reply_error(&rs->req, 503, "overloaded", NULL, "服务器繁忙或暂时不可用，请稍后重试") ? MHD_NO : MHD_YES;
        int oversize = oversize_status(c, url);
        if (oversize) return reply_oversize(rs, oversize) ? MHD_NO : MHD_YES;
        if (!request_utf8_valid(c, url)) { /* refused before routing and authorisation, once the body is read */
            rs->bad_utf8 = 1;
            return declared_too_large(c, rs->max_body) ? (reply_bad_utf8(rs) ? MHD_NO : MHD_YES) : MHD_YES;
        }
        if (rs->upload && upload_precheck(rs)) return rs->req.status ? MHD_YES : MHD_NO;
        if (declared_too_large(c, rs->max_body)) return reply_too_large(rs) ? MHD_NO : MHD_YES;
        return MHD_YES;
    }
    if (rs->req.status) { /* already answered (503/413/401/403): discard the rest of the upload */
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) {
        int rc = rs->bad_utf8 ? 0 : append_body(rs, upload, *upload_size);
        *upload_size = 0;
        return rc == 0 ? MHD_YES : MHD_NO;
    }
    if (rs->bad_utf8) return reply_bad_utf8(rs) ? MHD_NO : MHD_YES;
    if (rs->too_large) return reply_too_large(rs) ? MHD_NO : MHD_YES;
    if (streams_to_file(rs)) return dispatch_file(rs) == 0 ? MHD_YES : MHD_NO;
    rs->req.body = rs->body;
    rs->req.body_len = rs->len;
    return dispatch(&rs->req, rs->authorized) == 0 ? MHD_YES : MHD_NO;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **state,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)toe;
    header_deadline_request_ended(header_deadline, watch_of(c));
    RequestState *rs = *state;
    if (!rs) return;
    free(rs->req.auth);
    free(rs->body);
    http_upload_free(rs->file); /* a refused or abandoned upload's temp file goes */
    free(rs);
    *state = NULL;
    atomic_fetch_sub(&inflight, 1);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_ctx,
                          enum MHD_ConnectionNotificationCode code)
{
    (void)cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        atomic_fetch_add(&active_connections, 1);
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        *socket_ctx = ci ? header_deadline_opened(header_deadline, ci->connect_fd) : NULL;
        return;
    }
    atomic_fetch_sub(&active_connections, 1);
    header_deadline_closed(header_deadline, *socket_ctx); /* before libmicrohttpd closes the fd */
    *socket_ctx = NULL;
}

static int parse_listen(const char *listen, struct sockaddr_in *addr, ZfError *err)
{
    char host[64];
    const char *colon = strrchr(listen, ':');
    char *end;
    if (!colon || (size_t)(colon - listen) >= sizeof host)
        return zf_fail(err, 400, "bad_listen", "listen", "监听地址应为 地址:端口，例如 127.0.0.1:8080");
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    unsigned long port = strtoul(colon + 1, &end, 10);
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_port = htons((uint16_t)port);
    if (*end || port == 0 || port > 65535 || inet_pton(AF_INET, host, &addr->sin_addr) != 1)
        return zf_fail(err, 400, "bad_listen", "listen", "监听地址无效：%s（应为 IPv4 地址:端口）", listen);
    return ZF_OK;
}

#define LIBRARY_LOG_PER_SECOND 10

/* libmicrohttpd's own messages as JSON log lines, a few a second at most: each refused or broken
 * connection makes one, and a flood of connections must not become a flood of log lines. */
static void on_library_log(void *cls, const char *fmt, va_list ap)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static time_t second;
    static int written, dropped;
    char msg[512];
    (void)cls;
    vsnprintf(msg, sizeof msg, fmt, ap);
    msg[strcspn(msg, "\r\n")] = '\0';
    time_t now = time(NULL);
    pthread_mutex_lock(&lock);
    int left_out = 0;
    if (now != second) left_out = dropped, dropped = 0, written = 0, second = now;
    bool keep = written < LIBRARY_LOG_PER_SECOND;
    if (keep) written++;
    else dropped++;
    pthread_mutex_unlock(&lock);
    if (left_out) log_error("http_library_quiet", "%d more libmicrohttpd message(s) not logged", left_out);
    if (keep) log_error("http_library", "%s", msg);
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* %HH decoding of the path and of each query key and value, in place, as libmicrohttpd's own —
 * except that %00 becomes the byte 0xFF: a NUL would end the C string there ("a%00.exe" read as
 * "a"), while 0xFF is never UTF-8, so the request is refused 400 before routing. */
static size_t unescape_keeping_nul_visible(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls, (void)c;
    char *out = s;
    for (const char *in = s; *in; out++) {
        int hi = in[0] == '%' ? hex_digit(in[1]) : -1, lo = hi >= 0 ? hex_digit(in[2]) : -1;
        if (lo >= 0) {
            int byte = hi * 16 + lo;
            *out = (char)(byte ? byte : 0xFF);
            in += 3;
        } else {
            *out = *in++;
        }
    }
    *out = '\0';
    return (size_t)(out - s);
}

static struct MHD_Daemon *start_daemon(const struct sockaddr_in *addr, unsigned threads)
{
    return MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG, ntohs(addr->sin_port), NULL,
        NULL, on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER, on_library_log, NULL, MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)addr,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT,
        config->max_connections + 64, MHD_OPTION_PER_IP_CONNECTION_LIMIT, config->max_connections_per_ip,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
        MHD_OPTION_CONNECTION_TIMEOUT, config->timeout_s,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_NOTIFY_CONNECTION,
        on_connection, NULL, MHD_OPTION_UNESCAPE_CALLBACK, unescape_keeping_nul_visible, NULL, MHD_OPTION_END);
}

static void shutdown_signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGINT);
}

/* Threads inherit the mask of the thread that creates them: called before the first one starts,
 * this leaves the main thread's sigwait the only taker of a shutdown signal. */
void server_block_shutdown_signals(void)
{
    sigset_t set;
    shutdown_signals(&set);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
}

static void drain(struct MHD_Daemon *d)
{
    MHD_quiesce_daemon(d);
    for (int waited_ms = 0; atomic_load(&inflight) > 0 && waited_ms < 10000; waited_ms += 10)
        nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
    http_stream_abort_all(); /* no connection may be suspended when the daemon stops */
    nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL); /* the workers take the resumed ones back */
    MHD_stop_daemon(d);
    http_stream_wait(5000); /* their pipes are closed now: producers stop at their next write */
}

static void sweep_stale_uploads(void)
{
    char dir[4096];
    paths_files_dir(config->db_path, dir, sizeof dir);
    int n = http_upload_sweep(dir, time(NULL));
    if (n) log_info("upload_sweep", "removed %d stale upload temp file(s) from %s", n, dir);
}

int server_run(const ServerConfig *cfg, ZfError *err)
{
    struct sockaddr_in addr;
    sigset_t set;
    int sig;
    config = cfg;
    if (parse_listen(cfg->listen, &addr, err) != ZF_OK) return ZF_ERR;
    unsigned threads = cfg->threads ? cfg->threads : (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
    pthread_key_create(&store_key, close_thread_store);
    server_block_shutdown_signals(); /* again, for a caller that started no thread before */
    shutdown_signals(&set);
    sweep_stale_uploads();
    if (!(header_deadline = header_deadline_start(cfg->header_timeout_s)))
        return zf_fail(err, 500, "thread_failed", NULL, "无法启动请求头超时检查线程");
    struct MHD_Daemon *d = start_daemon(&addr, threads ? threads : 1);
    if (!d) {
        header_deadline_stop(header_deadline);
        return zf_fail(err, 500, "listen_failed", "listen", "无法在 %s 上监听（端口被占用或无权限）", cfg->listen);
    }
    log_info("listening", "http://%s/ (%u threads)", cfg->listen, threads);
    sigwait(&set, &sig);
    log_info("shutdown", "signal %d: finishing in-flight requests", sig);
    drain(d);
    header_deadline_stop(header_deadline); /* the daemon has reported every connection closed */
    header_deadline = NULL;
    return ZF_OK; /* the caller logs "stopped" once its background threads have ended too */
}
