/* The lower level's side (docs/sync.md "The outbox and the cursor", "A batch", "Witnessing"): its
 * link upward, the next batch from the outbox with the signed head and the consistency proof, the
 * acknowledgement recorded with its bad lines and its witness. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/sync.h"
#include "ledger/ledger.h"
#include "ledger/sync_sig.h"
#include "store/settings.h"
#include "store/sync.h"
#include "util/paths.h"

static json_int_t int_of(const json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }
static const char *str_of(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static void utc_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int app_sync_enrol_body(Store *st, const char *db_path, json_t **body, ZfError *err)
{
    char path[4096];
    char *pem = NULL;
    int created;
    if (ledger_init_key(st, db_path, &created, err) != ZF_OK) return ZF_ERR;
    paths_key_file(db_path, path, sizeof path);
    if (sth_key_public(path, &pem, err) != ZF_OK) return ZF_ERR;
    *body = json_pack("{s:s}", "public_key", pem);
    free(pem);
    return ZF_OK;
}

int app_sync_enrol_store(Store *st, const char *url, const char *token, const json_t *reply, ZfError *err)
{
    const char *key = str_of(reply, "upper_key"), *key_id = str_of(reply, "upper_key_id");
    if (!key || !key_id || !str_of(reply, "node_name") || !str_of(reply, "region"))
        return zf_fail(err, 502, "bad_reply", NULL, "上级节点的登记答复不完整");
    json_t *row = json_pack("{s:s, s:s, s:s, s:s, s:O, s:O}", "url", url, "token", token, "upper_key", key,
                            "upper_key_id", key_id, "node_name", json_object_get(reply, "node_name"), "region",
                            json_object_get(reply, "region"));
    int rc = store_begin(st, err);
    if (rc == ZF_OK) rc = store_sync_upper_enrol(st, row, err);
    if (rc == ZF_OK) rc = store_commit(st, err);
    else store_rollback(st);
    json_decref(row);
    return rc;
}

typedef struct {
    char *buf;
    size_t len, cap;
    long lines, max_lines;
    long long to;
} Lines;

static int add_line(long long seq, const char *body, size_t len, void *ctx)
{
    Lines *l = ctx;
    if (l->lines && l->len + len + 1 > SYNC_BATCH_BYTES) return 1;
    if (l->len + len + 2 > l->cap) {
        size_t cap = (l->cap ? l->cap * 2 : 1 << 16);
        while (cap < l->len + len + 2) cap *= 2;
        char *grown = realloc(l->buf, cap);
        if (!grown) return 1;
        l->buf = grown, l->cap = cap;
    }
    memcpy(l->buf + l->len, body, len);
    l->len += len;
    l->buf[l->len++] = '\n';
    l->buf[l->len] = '\0';
    l->lines++;
    l->to = seq;
    return 0;
}

static json_t *proof_json(Store *st, long long m, uint64_t n, ZfError *err)
{
    MerkleHash path[MERKLE_MAX_PATH];
    size_t len = 0;
    Ledger *l;
    if (m <= 0 || (uint64_t)m >= n) return json_pack("{s:I, s:[]}", "from_size", (json_int_t)m, "hashes");
    if (ledger_open(st, &l, err) != ZF_OK) return NULL;
    int rc = ledger_consistency(l, (uint64_t)m, n, path, &len, err);
    ledger_close(l);
    if (rc != ZF_OK) return NULL;
    json_t *hashes = json_array();
    for (size_t i = 0; i < len; i++) {
        char hex[2 * MERKLE_HASH_LEN + 1];
        merkle_hex(&path[i], hex);
        json_array_append_new(hashes, json_string(hex));
    }
    return json_pack("{s:I, s:o}", "from_size", (json_int_t)m, "hashes", hashes);
}

/* This instance's own lower nodes, so the levels above see the whole tree (下级节点). */
static json_t *nodes_json(Store *st)
{
    json_t *items;
    ZfError err;
    return store_sync_nodes_list(st, &items, &err) == ZF_OK ? items : json_array();
}

json_t *app_sync_nodes_json(Store *st) { return nodes_json(st); }

/* A freshly signed head and its consistency proof from the upper's size; *head owned by the caller. */
int app_sync_head_and_proof(Store *st, const char *db_path, long long upper_size, json_t **head, json_t **proof,
                            ZfError *err)
{
    SignedHead h;
    if (ledger_sign_head(st, db_path, &h, NULL, err) != ZF_OK) return ZF_ERR;
    if (!(*proof = proof_json(st, upper_size, h.tree_size, err))) return ZF_ERR;
    *head = ledger_head_json(&h, NULL);
    return ZF_OK;
}

static json_t *batch_json(Store *st, Lines *l, long long cursor, long long lag, json_t *head, json_t *proof)
{
    return json_pack("{s:I, s:I, s:s, s:I, s:I, s:O, s:o, s:o}", "from", (json_int_t)cursor, "to", (json_int_t)l->to,
                     "lines", l->buf, "count", (json_int_t)l->lines, "pending", (json_int_t)(lag - l->lines), "head",
                     head, "proof", proof, "nodes", nodes_json(st));
}

int app_sync_batch_build(Store *st, const char *db_path, long long cursor, long long upper_size, const char *upper_root,
                         SyncOutBatch *out, ZfError *err)
{
    (void)upper_root; /* the upper checks the proof against the root it holds */
    memset(out, 0, sizeof *out);
    json_t *upper;
    if (store_sync_upper_get(st, &upper, err) != ZF_OK) return ZF_ERR;
    json_int_t lag = int_of(upper, "lag");
    json_decref(upper);
    Lines l = {.max_lines = app_sync_setting(st, "sync_batch_lines", 1000)};
    if (l.max_lines < 1) l.max_lines = 1000;
    int rc = store_sync_pending(st, cursor, (int)l.max_lines, add_line, &l, err);
    if (rc != ZF_OK || !l.lines) return free(l.buf), rc;
    json_t *proof;
    if (app_sync_head_and_proof(st, db_path, upper_size, &out->head, &proof, err) != ZF_OK) return free(l.buf), ZF_ERR;
    json_t *b = batch_json(st, &l, cursor, lag, out->head, proof);
    out->body = json_dumps(b, JSON_COMPACT);
    json_decref(b);
    free(l.buf);
    if (!out->body) return app_sync_batch_free(out), zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    out->len = strlen(out->body);
    out->from = cursor, out->to = l.to, out->lines = l.lines;
    return ZF_OK;
}

void app_sync_batch_free(SyncOutBatch *b)
{
    free(b->body);
    json_decref(b->head);
    memset(b, 0, sizeof *b);
}

/* The witness is kept only when it is the upper's signature over the head this batch carried. */
int app_sync_keep_witness(Store *st, const json_t *upper, const SyncOutBatch *b, const json_t *w, ZfError *err)
{
    char msg[512];
    const json_t *h = b->head;
    if (!json_is_object(w) || int_of(w, "tree_size") != int_of(h, "tree_size") || !str_of(w, "root") ||
        strcmp(str_of(w, "root"), str_of(h, "root")) != 0 || int_of(w, "time") != int_of(h, "time"))
        return ZF_OK;
    size_t len = sync_witness_message(str_of(h, "key_id"), (uint64_t)int_of(h, "tree_size"), str_of(h, "root"),
                                      int_of(h, "time"), msg, sizeof msg);
    if (!len || !sync_verify(str_of(upper, "upper_key"), msg, len, str_of(w, "signature"))) return ZF_OK;
    json_t *row = json_pack("{s:O, s:O, s:O, s:O, s:O}", "tree_size", json_object_get(w, "tree_size"), "root",
                            json_object_get(w, "root"), "head_time", json_object_get(w, "time"), "upper_key_id",
                            json_object_get(upper, "upper_key_id"), "signature", json_object_get(w, "signature"));
    int rc = store_sync_witness_add(st, row, err);
    json_decref(row);
    return rc;
}

int app_sync_ack_record(Store *st, const SyncOutBatch *b, const json_t *ack, ZfError *err)
{
    json_t *upper, *errors = json_object_get(ack, "errors");
    char now[32];
    long long id;
    if (!json_is_integer(json_object_get(ack, "cursor")))
        return zf_fail(err, 502, "bad_reply", NULL, "上级节点的确认答复不完整");
    if (store_sync_upper_get(st, &upper, err) != ZF_OK) return ZF_ERR;
    utc_now(now);
    json_t *row = json_pack("{s:s, s:i, s:I, s:I, s:I, s:O, s:O, s:O, s:O, s:O}", "direction", "out", "node_id", 0,
                            "from_seq", (json_int_t)b->from, "to_seq", (json_int_t)b->to, "lines", (json_int_t)b->lines,
                            "imported", json_object_get(ack, "imported"), "rejected", json_object_get(ack, "rejected"),
                            "head_size", json_object_get(b->head, "tree_size"), "head_root",
                            json_object_get(b->head, "root"), "errors", json_is_array(errors) ? errors : json_null());
    json_t *f = json_pack("{s:O, s:s, s:n}", "cursor", json_object_get(ack, "cursor"), "last_push_at", now, "last_error");
    int rc = store_begin(st, err);
    if (rc == ZF_OK) rc = store_sync_batch_record(st, row, &id, err);
    if (rc == ZF_OK) rc = app_sync_keep_witness(st, upper, b, json_object_get(ack, "witness"), err);
    if (rc == ZF_OK) rc = store_sync_upper_update(st, f, err);
    if (rc == ZF_OK) rc = store_commit(st, err);
    else store_rollback(st);
    json_decref(row);
    json_decref(f);
    json_decref(upper);
    return rc;
}

int app_sync_status(Store *st, const char *db_path, json_t **out, ZfError *err)
{
    json_t *upper, *witnesses;
    Ledger *l;
    SignedHead h;
    char *pem = NULL;
    int found = 0;
    (void)db_path;
    if (store_sync_upper_get(st, &upper, err) != ZF_OK) {
        if (err->status != 404) return ZF_ERR;
        *out = json_pack("{s:b}", "enrolled", 0);
        return ZF_OK;
    }
    if (store_sync_witnesses(st, &witnesses, err) != ZF_OK) return json_decref(upper), ZF_ERR;
    json_t *last = json_null();
    if (ledger_open(st, &l, err) == ZF_OK) {
        if (ledger_latest_head(l, &h, &pem, &found, err) == ZF_OK && found) last = ledger_head_json(&h, NULL);
        ledger_close(l);
    }
    free(pem);
    *out = json_pack("{s:b, s:O, s:O, s:O, s:O, s:O, s:O, s:o, s:O, s:O, s:o}", "enrolled", 1, "upper",
                     json_object_get(upper, "url"), "node_name", json_object_get(upper, "node_name"), "region",
                     json_object_get(upper, "region"), "cursor", json_object_get(upper, "cursor"), "last_seq",
                     json_object_get(upper, "last_seq"), "lag", json_object_get(upper, "lag"), "last_head", last,
                     "last_push_at", json_object_get(upper, "last_push_at"), "last_error",
                     json_object_get(upper, "last_error"), "witnesses", witnesses);
    json_decref(upper);
    return ZF_OK;
}
