/* Enrolment and push over HTTP (see sync_push.h). Every request: Authorization: Zhifa-Node, the
 * time, and the SM2 signature of "zhifa-sync-v1\n<METHOD>\n<path>\n<time>\n<body>". */
#include "jobs/sync_push.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/file.h>
#include <unistd.h>

#include "app/sync.h"
#include "ledger/sync_sig.h"
#include "net/http_client.h"
#include "store/sync.h"
#include "util/paths.h"

#define SYNC_TIMEOUT_S 120
#define LINK_POLL_MS 100
#define LINK_WAIT_MAX_MS (1000L * 10 * SYNC_TIMEOUT_S) /* a live holder is sending: wait for it */

typedef struct {
    const char *db_path, *url, *token;
} Upper;

static int reply_error(const NetReply *r, ZfError *err)
{
    json_t *j = r->body ? json_loads(r->body, 0, NULL) : NULL;
    const char *msg = json_string_value(json_object_get(json_object_get(j, "error"), "message"));
    const char *code = json_string_value(json_object_get(json_object_get(j, "error"), "code"));
    zf_fail(err, (int)r->status, code ? code : "upper_error", NULL, "上级节点拒绝（HTTP %ld）：%s", r->status,
            msg ? msg : "无法识别的答复");
    json_decref(j);
    return ZF_ERR;
}

/* One signed call; *out = the JSON answer of a 2xx, else err from the upper's message. */
static int call(const Upper *u, const char *method, const char *path, const char *body, const char *sign_key_path,
                json_t **out, ZfError *err)
{
    char url[4200], auth[128], when[64], sig_h[256], full_path[256];
    long long now = (long long)time(NULL);
    size_t len = body ? strlen(body) : 0, msg_len;
    snprintf(full_path, sizeof full_path, "/api/v1/sync/%s", path);
    char signed_path[256]; /* the server sees the path without its query */
    snprintf(signed_path, sizeof signed_path, "%.*s", (int)strcspn(full_path, "?"), full_path);
    char *msg = sync_request_message(method, signed_path, now, body, len, &msg_len), *sig = NULL;
    if (!msg) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    int rc = sync_sign(sign_key_path, msg, msg_len, &sig, err);
    free(msg);
    if (rc != ZF_OK) return ZF_ERR;
    size_t ul = strlen(u->url);
    snprintf(url, sizeof url, "%.*s%s", (int)(ul && u->url[ul - 1] == '/' ? ul - 1 : ul), u->url, full_path);
    snprintf(auth, sizeof auth, "Authorization: Zhifa-Node %s", u->token);
    snprintf(when, sizeof when, "X-Zhifa-Time: %lld", now);
    snprintf(sig_h, sizeof sig_h, "X-Zhifa-Signature: %s", sig);
    free(sig);
    const char *headers[] = {auth, when, sig_h, "Content-Type: application/json", NULL};
    NetReply r;
    if (net_http_request(method, url, headers, body, len, SYNC_TIMEOUT_S, &r, err) != ZF_OK) return ZF_ERR;
    if (r.status / 100 != 2) return rc = reply_error(&r, err), net_reply_free(&r), rc;
    *out = r.body ? json_loads(r.body, 0, NULL) : NULL;
    net_reply_free(&r);
    return *out ? ZF_OK : zf_fail(err, 502, "bad_reply", NULL, "上级节点的答复不是 JSON");
}

int sync_enrol(Store *st, const char *db_path, const char *url, const char *token, json_t **reply, ZfError *err)
{
    char key[4096];
    json_t *body;
    if (app_sync_enrol_body(st, db_path, &body, err) != ZF_OK) return ZF_ERR;
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    paths_key_file(db_path, key, sizeof key);
    Upper u = {db_path, url, token};
    int rc = text ? call(&u, "POST", "enrol", text, key, reply, err) : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    free(text);
    if (rc == ZF_OK && (rc = app_sync_enrol_store(st, url, token, *reply, err)) != ZF_OK) json_decref(*reply);
    return rc;
}

/* Tests only (docs/sync.md): die after sending the N-th batch, before its acknowledgement is read. */
static void maybe_die(long sent)
{
    const char *n = getenv("ZHIFA_SYNC_TEST_DIE_AFTER");
    if (n && atol(n) == sent) _exit(3);
}


/* Nothing pending: the head alone, so the upper still witnesses it (docs/sync.md "Heartbeat"). */
static int heartbeat(Store *st, const Upper *u, const char *key, long long cursor, long long size, SyncPushReport *rep,
                     ZfError *err)
{
    SyncOutBatch b;
    json_t *ack = NULL;
    int rc = app_sync_heartbeat_build(st, u->db_path, cursor, size, &b, err);
    if (rc == ZF_OK) rc = call(u, "POST", "batches", b.body, key, &ack, err);
    if (rc == ZF_OK) rc = app_sync_heartbeat_record(st, &b, ack, err);
    if (rc == ZF_OK) rep->heartbeats++;
    json_decref(ack);
    app_sync_batch_free(&b);
    return rc;
}

static int push_batches(Store *st, const Upper *u, const char *key, SyncPushReport *rep, ZfError *err)
{
    json_t *cur;
    if (call(u, "GET", "cursor", NULL, key, &cur, err) != ZF_OK) return ZF_ERR;
    long long cursor = json_integer_value(json_object_get(cur, "cursor"));
    json_t *head = json_object_get(cur, "head");
    long long size = json_integer_value(json_object_get(head, "tree_size"));
    char root[65] = "";
    snprintf(root, sizeof root, "%s", json_string_value(json_object_get(head, "root")) ?: "");
    json_decref(cur);
    json_t *f = json_pack("{s:I}", "cursor", (json_int_t)cursor); /* resume where the upper stands */
    int rc = store_sync_upper_update(st, f, err);
    json_decref(f);
    for (long sent = 0; rc == ZF_OK; sent++) {
        SyncOutBatch b;
        if ((rc = app_sync_batch_build(st, u->db_path, cursor, size, root, &b, err)) != ZF_OK) break;
        if (!b.body) {
            if (!sent && app_sync_heartbeat_due(st)) rc = heartbeat(st, u, key, cursor, size, rep, err);
            break;
        }
        json_t *ack = NULL;
        rc = call(u, "POST", "batches", b.body, key, &ack, err);
        maybe_die(sent + 1);
        if (rc == ZF_OK) rc = app_sync_ack_record(st, &b, ack, err);
        if (rc == ZF_OK) {
            rep->batches++, rep->lines += b.lines;
            rep->imported += json_integer_value(json_object_get(ack, "imported"));
            rep->rejected += json_integer_value(json_object_get(ack, "rejected"));
            cursor = json_integer_value(json_object_get(ack, "cursor"));
            size = json_integer_value(json_object_get(b.head, "tree_size"));
            snprintf(root, sizeof root, "%s", json_string_value(json_object_get(b.head, "root")) ?: "");
        }
        json_decref(ack);
        app_sync_batch_free(&b);
    }
    return rc;
}

/* Downward: what the upper published since the last pull, applied page by page. */
static int pull_down(Store *st, const Upper *u, const char *key, SyncPushReport *rep, ZfError *err)
{
    for (;;) {
        json_t *upper, *reply;
        char path[64];
        if (store_sync_upper_get(st, &upper, err) != ZF_OK) return ZF_ERR;
        snprintf(path, sizeof path, "down?after=%lld", (long long)json_integer_value(json_object_get(upper, "down_cursor")));
        json_decref(upper);
        if (call(u, "GET", path, NULL, key, &reply, err) != ZF_OK) return ZF_ERR;
        long applied;
        int rc = app_sync_down_apply(st, reply, &applied, err);
        json_decref(reply);
        if (rc != ZF_OK) return rc;
        if (!applied) return ZF_OK;
        rep->down += applied;
    }
}

/* One pusher per database at a time (docs/sync.md "Two pushers"): the schedule of a running serve
 * and a `zhifa sync push` would otherwise send the same batch and one would meet cursor_mismatch.
 * The second waits for the lock; once it has it, the upper's cursor says what is left (often
 * nothing: "already up to date"). A file lock, not a lease row: the kernel frees it when a pusher
 * dies mid-transfer, so the next one resumes at once. -1 with err when it cannot be had. */
static int take_link(const char *db_path, ZfError *err)
{
    char path[4200];
    snprintf(path, sizeof path, "%s.sync-lock", db_path);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return zf_fail(err, 500, "sync_lock", NULL, "无法打开报送锁文件 %s", path), -1;
    for (long waited_ms = 0; flock(fd, LOCK_EX | LOCK_NB) != 0; waited_ms += LINK_POLL_MS) {
        if (errno != EWOULDBLOCK || waited_ms > LINK_WAIT_MAX_MS) {
            close(fd);
            return zf_fail(err, 409, "sync_busy", NULL, "另一报送进程长时间占用与上级的链路，请稍后再试"), -1;
        }
        struct timespec pause = {0, LINK_POLL_MS * 1000000L};
        nanosleep(&pause, NULL);
    }
    return fd;
}

/* Orders across levels: the upper's orders about our agencies first, then our agencies' answers up. */
static int exchange_orders(Store *st, const Upper *u, const char *key, SyncPushReport *rep, ZfError *err)
{
    json_t *reply, *answers;
    long applied;
    if (call(u, "GET", "orders", NULL, key, &reply, err) != ZF_OK) return ZF_ERR;
    int rc = app_sync_orders_apply(st, reply, &applied, err);
    json_decref(reply);
    if (rc != ZF_OK || app_sync_order_answers(st, &answers, err) != ZF_OK) return ZF_ERR;
    if (!json_array_size(answers)) return json_decref(answers), ZF_OK;
    json_t *body = json_pack("{s:O}", "answers", answers);
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    rc = text ? call(u, "POST", "orders/answers", text, key, &reply, err) : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    free(text);
    if (rc == ZF_OK) json_decref(reply), rc = app_sync_order_answers_sent(st, answers, err);
    if (rc == ZF_OK) rep->answers += (long)json_array_size(answers);
    json_decref(answers);
    return rc;
}

static int push_locked(Store *st, const char *db_path, SyncPushReport *rep, ZfError *err)
{
    json_t *upper;
    char key[4096];
    if (store_sync_upper_get(st, &upper, err) != ZF_OK) return ZF_ERR;
    paths_key_file(db_path, key, sizeof key);
    Upper u = {db_path, json_string_value(json_object_get(upper, "url")), json_string_value(json_object_get(upper, "token"))};
    int rc = push_batches(st, &u, key, rep, err);
    if (rc == ZF_OK) rc = pull_down(st, &u, key, rep, err);
    if (rc == ZF_OK) rc = exchange_orders(st, &u, key, rep, err);
    if (rc != ZF_OK) {
        json_t *f = json_pack("{s:s}", "last_error", err->message);
        ZfError ignored;
        store_sync_upper_update(st, f, &ignored);
        json_decref(f);
    }
    json_decref(upper);
    return rc;
}

int sync_push(Store *st, const char *db_path, SyncPushReport *rep, ZfError *err)
{
    memset(rep, 0, sizeof *rep);
    int fd = take_link(db_path, err);
    if (fd < 0) return ZF_ERR;
    int rc = push_locked(st, db_path, rep, err);
    close(fd); /* releases the lock */
    return rc;
}
