/* An upper level receives one batch of a lower node (docs/sync.md "A batch", steps 1–6): duplicate
 * or out of order first, then the head's signature and the consistency proof from the head held,
 * then every line through the import contract, then the record and the acknowledgement with its
 * witness signature. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/import.h"
#include "app/sweep.h"
#include "app/sync.h"
#include "domain/authz.h"
#include "ledger/merkle.h"
#include "ledger/sth.h"
#include "ledger/sync_sig.h"
#include "store/identity.h"
#include "store/standing.h"
#include "store/sync.h"
#include "util/paths.h"

#define OUTSIDE_NODE "记录不属于该下级节点的行政区划，拒收"

typedef struct {
    Store *st;
    const char *prefix; /* the node's region prefix */
    json_t *errors;
    ChangedSet changed;
} Receive;

static json_int_t int_of(const json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }
static const char *str_of(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static void on_reject(long long line, const char *key, const char *error, void *ctx)
{
    Receive *r = ctx;
    json_array_append_new(r->errors, json_pack("{s:I, s:s, s:s}", "line", (json_int_t)line, "key", key ? key : "",
                                               "error", error));
}

static void on_stored(const RecordKeys *k, void *ctx) { changed_note(&((Receive *)ctx)->changed, k->type, k->key); }

static bool agency_within(Store *st, const char *agency, const char *prefix)
{
    char region[7] = "";
    if (agency) store_agency_region(st, agency, region);
    return strncmp(region, prefix, strlen(prefix)) == 0 && region[0];
}

/* A node speaks for the agencies of its region only, as the line would leave the record and as stored. */
static const char *accept_within_node(const StoredRecord *rec, void *ctx)
{
    Receive *r = ctx;
    const RecordKeys *k = &rec->keys;
    bool in = true;
    switch (k->type) {
    case REC_AGENCY: in = k->cols[1] && strncmp(k->cols[1], r->prefix, strlen(r->prefix)) == 0; break;
    case REC_OFFICER: in = agency_within(r->st, k->cols[1], r->prefix); break;
    case REC_CASE: in = agency_within(r->st, k->cols[0], r->prefix); break;
    case REC_MONTHLY_REPORT: in = agency_within(r->st, k->key, r->prefix); break;
    default: break;
    }
    if (!in) return OUTSIDE_NODE;
    StoredStanding standing;
    ZfError err;
    if (store_record_standing(r->st, rec, NULL, r->prefix, &standing, &err) != ZF_OK) return IMPORT_ACCEPT_STORE_FAILED;
    return standing == STORED_OUT_OF_SCOPE ? OUTSIDE_NODE : NULL;
}

static int head_of(const json_t *j, SignedHead *h, ZfError *err)
{
    memset(h, 0, sizeof *h);
    const char *root = str_of(j, "root"), *sig = str_of(j, "signature");
    long n = sig ? sth_unbase64(sig, h->sig, sizeof h->sig) : -1;
    if (!json_is_integer(json_object_get(j, "tree_size")) || int_of(j, "tree_size") < 0 || !root ||
        merkle_unhex(root, &h->root) != 0 || n <= 0 || !json_is_integer(json_object_get(j, "time")))
        return zf_fail(err, 400, "invalid_head", "head", "批次缺少有效的签名树头（tree_size、root、time、signature）");
    h->tree_size = (uint64_t)int_of(j, "tree_size");
    h->time = int_of(j, "time");
    h->sig_len = (size_t)n;
    return ZF_OK;
}

static bool proof_holds(uint64_t m, const char *root_m_hex, const SignedHead *h, const json_t *proof)
{
    MerkleHash root_m, path[MERKLE_MAX_PATH];
    if (m == 0) return true;
    if (!root_m_hex || merkle_unhex(root_m_hex, &root_m) != 0 || h->tree_size < m) return false;
    if (h->tree_size == m) return memcmp(root_m.b, h->root.b, MERKLE_HASH_LEN) == 0;
    json_t *hashes = json_object_get(proof, "hashes");
    size_t len = json_array_size(hashes);
    if ((uint64_t)int_of(proof, "from_size") != m || len > MERKLE_MAX_PATH) return false;
    for (size_t i = 0; i < len; i++)
        if (!json_string_value(json_array_get(hashes, i)) || merkle_unhex(json_string_value(json_array_get(hashes, i)), &path[i]))
            return false;
    MerkleHasher *hs = merkle_hasher_new();
    int ok = hs && merkle_verify_consistency(hs, m, h->tree_size, &root_m, &h->root, path, len);
    merkle_hasher_free(hs);
    return ok;
}

/* History rewritten: the node is refused from now on, and the message names both sizes. */
static int refuse_rewritten(Store *st, const json_t *node, uint64_t m, uint64_t n, ZfError *err)
{
    char msg[512];
    snprintf(msg, sizeof msg, "下级节点“%s”的账本与上级已确认的记录不一致：已确认树头 %llu 条，本次树头 %llu 条，"
             "一致性证明不成立，已拒收并标记", str_of(node, "name"), (unsigned long long)m, (unsigned long long)n);
    json_t *f = json_pack("{s:s, s:s}", "status", "refused", "refused_reason", msg);
    ZfError ignored;
    store_sync_node_update(st, int_of(node, "id"), f, &ignored);
    json_decref(f);
    return zf_fail(err, 409, "ledger_rewritten", NULL, "%s", msg);
}

static json_t *witness_of(const char *db_path, const json_t *node, const SignedHead *h, const char *root_hex)
{
    char msg[512], path[4096], key_id[STH_KEY_ID_LEN + 1] = "";
    char *sig = NULL, *own = NULL;
    ZfError err;
    size_t len = sync_witness_message(str_of(node, "key_id"), h->tree_size, root_hex, h->time, msg, sizeof msg);
    paths_key_file(db_path, path, sizeof path);
    if (!len || sync_sign(path, msg, len, &sig, &err) != ZF_OK) return json_null();
    if (sth_key_public(path, &own, &err) == ZF_OK) sth_key_id(own, key_id, &err);
    free(own);
    json_t *w = json_pack("{s:I, s:s, s:I, s:s, s:s}", "tree_size", (json_int_t)h->tree_size, "root", root_hex, "time",
                          (json_int_t)h->time, "key_id", key_id, "signature", sig);
    free(sig);
    return w;
}

static json_t *ack_of(const json_t *batch)
{
    return json_pack("{s:O, s:O, s:O, s:O, s:b}", "cursor", json_object_get(batch, "to_seq"), "imported",
                     json_object_get(batch, "imported"), "rejected", json_object_get(batch, "rejected"), "errors",
                     json_object_get(batch, "errors"), "duplicate", 1);
}

/* Steps 1–2: refused node, duplicate, out of order. ZF_OK with *ack set = answered already. */
static int check_order(Store *st, const json_t *node, json_int_t from, json_int_t to, json_t **ack, ZfError *err)
{
    json_int_t cursor = int_of(node, "cursor");
    *ack = NULL;
    if (strcmp(str_of(node, "status"), "refused") == 0)
        return zf_fail(err, 409, "node_refused", NULL, "%s", str_of(node, "refused_reason") ?: "该下级节点已被拒收");
    if (to <= cursor) {
        json_t *b;
        if (store_sync_batch_find(st, "in", int_of(node, "id"), to, &b, err) == ZF_OK) {
            *ack = ack_of(b);
            json_decref(b);
        } else if (err->status == 404) {
            *ack = json_pack("{s:I, s:i, s:i, s:[], s:b}", "cursor", cursor, "imported", 0, "rejected", 0, "errors",
                             "duplicate", 1);
        } else return ZF_ERR;
        return ZF_OK;
    }
    if (from != cursor)
        return zf_fail(err, 409, "cursor_mismatch", NULL, "批次起点 %lld 与上级已确认的位置 %lld 不符，请从上级的位置续传",
                       (long long)from, (long long)cursor);
    return ZF_OK;
}

static int import_lines(Store *st, const json_t *node, const char *lines, Receive *r, ImportSummary *sum, ZfError *err)
{
    DataScope s;
    scope_for_region(&s, str_of(node, "region"));
    r->st = st, r->prefix = s.region_prefix;
    size_t n = strlen(lines);
    if (!n) return memset(sum, 0, sizeof *sum), ZF_OK;
    FILE *in = fmemopen((void *)lines, n, "r");
    if (!in) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    ImportHooks hooks = {.on_reject = on_reject, .on_stored = on_stored, .ctx = r, .accept = accept_within_node};
    int rc = import_stream(st, in, &hooks, sum, err);
    fclose(in);
    return rc;
}

static int record(Store *st, const json_t *node, const json_t *b, const ImportSummary *sum, const SignedHead *h,
                  const char *root_hex, json_t *errors, ZfError *err)
{
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_t *row = json_pack("{s:s, s:O, s:O, s:O, s:I, s:I, s:I, s:I, s:s, s:O}", "direction", "in", "node_id",
                            json_object_get(node, "id"), "from_seq", json_object_get(b, "from"), "to_seq",
                            json_object_get(b, "to"), "lines", (json_int_t)sum->lines, "imported", (json_int_t)sum->imported,
                            "rejected", (json_int_t)sum->rejected, "head_size", (json_int_t)h->tree_size, "head_root",
                            root_hex, "errors", errors);
    json_t *given = json_object_get(b, "nodes"), *nodes = json_is_array(given) ? json_incref(given) : json_array();
    json_t *f = json_pack("{s:O, s:I, s:s, s:I, s:I, s:s, s:o}", "cursor", json_object_get(b, "to"), "head_size",
                          (json_int_t)h->tree_size, "head_root", root_hex, "head_time", (json_int_t)h->time, "pending",
                          int_of(b, "pending"), "last_batch_at", now, "children",
                          nodes);
    long long id;
    int rc = store_begin(st, err);
    if (rc == ZF_OK) rc = store_sync_batch_record(st, row, &id, err);
    if (rc == ZF_OK) rc = store_sync_node_update(st, int_of(node, "id"), f, err);
    if (rc == ZF_OK) rc = store_commit(st, err);
    else store_rollback(st);
    json_decref(row);
    json_decref(f);
    return rc;
}

/* Steps 3 for a batch and a heartbeat alike: the head signed by the node, consistent with the one held. */
static int check_head(Store *st, const json_t *node, const json_t *b, SignedHead *h, char root_hex[], ZfError *err)
{
    if (head_of(json_object_get(b, "head"), h, err) != ZF_OK) return ZF_ERR;
    if (!sth_verify(str_of(node, "public_key"), h))
        return zf_fail(err, 400, "head_signature", "head", "批次树头的 SM2 签名无效");
    merkle_hex(&h->root, root_hex);
    uint64_t m = (uint64_t)int_of(node, "head_size");
    if (!proof_holds(m, str_of(node, "head_root"), h, json_object_get(b, "proof")))
        return refuse_rewritten(st, node, m, h->tree_size, err);
    return ZF_OK;
}

int app_sync_receive_heartbeat(Store *st, const char *db_path, const json_t *node, const json_t *b, json_t **ack,
                               ZfError *err)
{
    SignedHead h;
    char root_hex[2 * MERKLE_HASH_LEN + 1];
    json_int_t cursor = int_of(node, "cursor");
    if (strcmp(str_of(node, "status"), "refused") == 0)
        return zf_fail(err, 409, "node_refused", NULL, "%s", str_of(node, "refused_reason") ?: "该下级节点已被拒收");
    if (int_of(b, "from") != cursor || int_of(b, "to") != cursor)
        return zf_fail(err, 409, "cursor_mismatch", NULL, "心跳的位置 %lld 与上级已确认的位置 %lld 不符，请先续传",
                       (long long)int_of(b, "from"), (long long)cursor);
    if (check_head(st, node, b, &h, root_hex, err) != ZF_OK) return ZF_ERR;
    json_t *given = json_object_get(b, "nodes"), *nodes = json_is_array(given) ? json_incref(given) : json_array();
    json_t *f = json_pack("{s:I, s:s, s:I, s:I, s:o}", "head_size", (json_int_t)h.tree_size, "head_root", root_hex,
                          "head_time", (json_int_t)h.time, "pending", int_of(b, "pending"), "children", nodes);
    int rc = store_begin(st, err);
    if (rc == ZF_OK) rc = store_sync_node_update(st, int_of(node, "id"), f, err);
    if (rc == ZF_OK) rc = store_commit(st, err);
    else store_rollback(st);
    json_decref(f);
    if (rc == ZF_OK)
        *ack = json_pack("{s:I, s:i, s:i, s:[], s:o, s:b}", "cursor", cursor, "imported", 0, "rejected", 0, "errors",
                         "witness", witness_of(db_path, node, &h, root_hex), "heartbeat", 1);
    return rc;
}

int app_sync_receive(Store *st, const char *db_path, const json_t *node, const char *body, size_t len,
                     const Calendar *cal, zf_day today, json_t **ack, ZfError *err)
{
    json_error_t je;
    json_t *b = json_loadb(body, len, 0, &je);
    if (json_is_true(json_object_get(b, "heartbeat")) && json_is_integer(json_object_get(b, "from")) &&
        json_is_integer(json_object_get(b, "to"))) {
        int rc = app_sync_receive_heartbeat(st, db_path, node, b, ack, err);
        return json_decref(b), rc;
    }
    const char *lines = str_of(b, "lines");
    if (!json_is_object(b) || !json_is_integer(json_object_get(b, "from")) || !json_is_integer(json_object_get(b, "to")) ||
        !lines || int_of(b, "to") < int_of(b, "from"))
        return json_decref(b), zf_fail(err, 400, "invalid_batch", NULL, "批次格式错误（应有 from、to、lines、head）");
    SignedHead h;
    char root_hex[2 * MERKLE_HASH_LEN + 1];
    int rc = check_order(st, node, int_of(b, "from"), int_of(b, "to"), ack, err);
    if (rc != ZF_OK || *ack) return json_decref(b), rc;
    if (check_head(st, node, b, &h, root_hex, err) != ZF_OK) return json_decref(b), ZF_ERR;
    Receive r = {.errors = json_array()};
    ImportSummary sum;
    rc = import_lines(st, node, lines, &r, &sum, err);
    if (rc == ZF_OK) rc = record(st, node, b, &sum, &h, root_hex, r.errors, err);
    changed_recheck(st, cal, today, &r.changed);
    if (rc == ZF_OK)
        *ack = json_pack("{s:O, s:I, s:I, s:O, s:o, s:b}", "cursor", json_object_get(b, "to"), "imported",
                         (json_int_t)sum.imported, "rejected", (json_int_t)sum.rejected, "errors", r.errors, "witness",
                         witness_of(db_path, node, &h, root_hex), "duplicate", 0);
    json_decref(r.errors);
    json_decref(b);
    return rc;
}
