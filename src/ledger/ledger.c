/* The ledger core: appending events to the SM3 Merkle log with an incremental frontier, the
 * node cache for O(log n) proofs, signing tree heads, proofs as JSON. Never rewrites history:
 * only INSERTs reach the database. */
#include "ledger/ledger.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ledger/event.h"
#include "store/ledger_store.h"
#include "util/paths.h"

#define CHUNK (1u << LEDGER_CACHE_LEVEL)

typedef struct {
    uint64_t start; /* UINT64_MAX when empty */
    uint64_t count;
    MerkleHash leaves[CHUNK];
} LeafChunk;

struct Ledger {
    Store *st;
    LedgerDb *db;
    MerkleHasher *h;
    int loaded;
    MerkleFrontier f;
    int64_t time_cached;
    char time_text[21];
    LeafChunk chunk[2];
    int next_slot;
    uint64_t proof_size; /* events present when the proof started */
    MerkleLeafDraft *draft; /* ledger_add's leaf hash */
    char *body;             /* the event being appended: head || tail */
    size_t body_cap;
    ZfError *proof_err;
};


int ledger_open(Store *st, Ledger **out, ZfError *err)
{
    Ledger *l = calloc(1, sizeof *l);
    if (!l) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    l->st = st;
    l->chunk[0].start = l->chunk[1].start = UINT64_MAX;
    if (!(l->h = merkle_hasher_new())) {
        free(l);
        return zf_fail(err, 500, "sm3_unavailable", NULL, "OpenSSL 不提供 SM3 算法");
    }
    if (ledger_db_open(st, &l->db, err) != ZF_OK) {
        ledger_close(l);
        return ZF_ERR;
    }
    *out = l;
    return ZF_OK;
}

void ledger_close(Ledger *l)
{
    if (!l) return;
    ledger_db_close(l->db);
    merkle_hasher_free(l->h);
    merkle_draft_free(l->draft);
    free(l->body);
    free(l);
}

void ledger_reset(Ledger *l)
{
    l->loaded = 0;
    l->chunk[0].start = l->chunk[1].start = UINT64_MAX;
}

/* ---- reading stored subtrees ---- */

static LeafChunk *load_chunk(Ledger *l, uint64_t start, ZfError *err)
{
    for (int i = 0; i < 2; i++)
        if (l->chunk[i].start == start) return &l->chunk[i];
    LeafChunk *c = &l->chunk[l->next_slot];
    l->next_slot ^= 1;
    uint64_t end = start + CHUNK < l->proof_size ? start + CHUNK : l->proof_size;
    c->start = UINT64_MAX;
    if (end <= start || ledger_db_leaves(l->db, start, end, c->leaves, err) != ZF_OK) return NULL;
    c->start = start;
    c->count = end - start;
    return c;
}

static void chunk_subtree(Ledger *l, const LeafChunk *c, unsigned level, uint64_t first, MerkleHash *out)
{
    if (level == 0) {
        *out = c->leaves[first];
        return;
    }
    MerkleHash a, b;
    chunk_subtree(l, c, level - 1, first, &a);
    chunk_subtree(l, c, level - 1, first + (UINT64_C(1) << (level - 1)), &b);
    merkle_node_hash(l->h, &a, &b, out);
}

/* MerkleNodeFn over the database: cached levels from ledger_nodes, lower ones from leaves. */
static int stored_node(void *ctx, unsigned level, uint64_t index, MerkleHash *out)
{
    Ledger *l = ctx;
    if (level >= LEDGER_CACHE_LEVEL) return ledger_db_get_node(l->db, level, index, out, l->proof_err);
    uint64_t first = index << level, start = first & ~(uint64_t)(CHUNK - 1);
    LeafChunk *c = load_chunk(l, start, l->proof_err);
    if (!c || first - start + (UINT64_C(1) << level) > c->count)
        return c ? zf_fail(l->proof_err, 409, "ledger_gap", NULL, "存证日志记录缺失") : ZF_ERR;
    chunk_subtree(l, c, level, first - start, out);
    return 0;
}

static int begin_read(Ledger *l, ZfError *err)
{
    l->proof_err = err;
    l->chunk[0].start = l->chunk[1].start = UINT64_MAX; /* leaves may have been appended */
    return ledger_db_size(l->db, &l->proof_size, err);
}

int ledger_size(Ledger *l, uint64_t *size, ZfError *err) { return ledger_db_size(l->db, size, err); }

int ledger_root_at(Ledger *l, uint64_t size, MerkleHash *root, ZfError *err)
{
    if (begin_read(l, err) != ZF_OK) return ZF_ERR;
    if (size > l->proof_size)
        return zf_fail(err, 400, "size_too_large", "size", "树大小 %" PRIu64 " 超过日志长度 %" PRIu64, size,
                       l->proof_size);
    return merkle_root(l->h, stored_node, l, size, root) == 0 ? ZF_OK : ZF_ERR;
}

int ledger_inclusion(Ledger *l, uint64_t seq, uint64_t size, MerkleHash path[MERKLE_MAX_PATH], size_t *len,
                     ZfError *err)
{
    if (begin_read(l, err) != ZF_OK) return ZF_ERR;
    if (size > l->proof_size || seq >= size)
        return zf_fail(err, 400, "invalid_range", "event", "事件序号 %" PRIu64 " 不在大小为 %" PRIu64 " 的树内", seq, size);
    return merkle_inclusion_proof(l->h, stored_node, l, seq, size, path, len) == 0 ? ZF_OK : ZF_ERR;
}

int ledger_consistency(Ledger *l, uint64_t m, uint64_t n, MerkleHash path[MERKLE_MAX_PATH], size_t *len,
                       ZfError *err)
{
    if (begin_read(l, err) != ZF_OK) return ZF_ERR;
    if (m == 0 || m > n || n > l->proof_size)
        return zf_fail(err, 400, "invalid_range", "from", "一致性证明要求 0 < from ≤ to ≤ %" PRIu64, l->proof_size);
    return merkle_consistency_proof(l->h, stored_node, l, m, n, path, len) == 0 ? ZF_OK : ZF_ERR;
}

/* ---- appending ---- */

static int cache_node(void *ctx, unsigned level, uint64_t index, const MerkleHash *hash)
{
    Ledger *l = ctx;
    if (level < LEDGER_CACHE_LEVEL) return 0;
    return ledger_db_put_node(l->db, level, index, hash, l->proof_err);
}

/* Rebuilds the frontier of the stored tree: cached nodes for the high bits of the size, the
 * leaves of the last partial chunk for the low ones. */
static int load_frontier(Ledger *l, ZfError *err)
{
    uint64_t size;
    if (ledger_db_size(l->db, &size, err) != ZF_OK) return ZF_ERR;
    memset(&l->f, 0, sizeof l->f);
    uint64_t start = 0;
    for (int k = 63; k >= LEDGER_CACHE_LEVEL; k--) {
        if (!(size & (UINT64_C(1) << k))) continue;
        if (ledger_db_get_node(l->db, (unsigned)k, start >> k, &l->f.frontier[k], err) != ZF_OK) return ZF_ERR;
        start += UINT64_C(1) << k;
    }
    l->f.size = start;
    MerkleHash tail[CHUNK];
    if (size > start && ledger_db_leaves(l->db, start, size, tail, err) != ZF_OK) return ZF_ERR;
    for (uint64_t i = 0; i < size - start; i++) merkle_frontier_push(l->h, &l->f, &tail[i], NULL, NULL);
    l->loaded = 1;
    return ZF_OK;
}

static const char *now_text(Ledger *l)
{
    int64_t now = (int64_t)time(NULL);
    if (now != l->time_cached) {
        ledger_time_text(now, l->time_text);
        l->time_cached = now;
    }
    return l->time_text;
}

/* The event's full bytes (head || tail) in the ledger's reused buffer. */
static const char *join(Ledger *l, const char *head, size_t hl, const char *tail, size_t tl, ZfError *err)
{
    if (hl + tl > l->body_cap) {
        size_t cap = (hl + tl) * 2;
        char *grown = realloc(l->body, cap);
        if (!grown) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足（事件编码）"), NULL;
        l->body = grown, l->body_cap = cap;
    }
    memcpy(l->body, head, hl);
    memcpy(l->body + hl, tail, tl);
    return l->body;
}

int ledger_add_prepared(Ledger *l, const char *type, const char *subject, const char *head, size_t head_len,
                        MerkleLeafDraft *draft, uint64_t *seq, ZfError *err)
{
    if (!l->loaded && load_frontier(l, err) != ZF_OK) return ZF_ERR;
    uint64_t s = l->f.size;
    const char *t = now_text(l);
    size_t tail_len;
    char *tail = ledger_event_tail(s, t, type, subject, &tail_len);
    if (!tail) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足（事件编码）");
    MerkleHash leaf;
    merkle_draft_finish(draft, tail, tail_len, &leaf);
    const char *body = join(l, head, head_len, tail, tail_len, err);
    free(tail);
    l->proof_err = err;
    int rc = body ? ledger_db_insert_event(l->db, s, t, type, subject, body, head_len + tail_len, &leaf, err) : ZF_ERR;
    if (rc == ZF_OK && merkle_frontier_push(l->h, &l->f, &leaf, cache_node, l) != 0) rc = ZF_ERR;
    if (rc != ZF_OK) {
        l->loaded = 0; /* the caller rolls back; the frontier reloads from the database next time */
        return ZF_ERR;
    }
    if (seq) *seq = s;
    return ZF_OK;
}

int ledger_add(Ledger *l, const char *type, const char *subject, const json_t *data, uint64_t *seq, ZfError *err)
{
    size_t len;
    if (!l->draft && !(l->draft = merkle_draft_new())) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    char *head = ledger_event_head(data, &len);
    if (!head) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足（事件编码）");
    merkle_draft_begin(l->h, l->draft, head, len);
    int rc = ledger_add_prepared(l, type, subject, head, len, l->draft, seq, err);
    free(head);
    return rc;
}

int ledger_add_attachment(Ledger *l, const char *case_no, const json_t *data, uint64_t *seq, ZfError *err)
{
    const char *sm3 = json_string_value(json_object_get(data, "sm3"));
    const char *type = json_string_value(json_object_get(data, "media_type"));
    json_int_t size = json_integer_value(json_object_get(data, "size"));
    if (!sm3 || !type) return zf_fail(err, 500, "internal_error", NULL, "附件存证事件缺少 sm3 或 media_type");
    if (ledger_db_put_attachment(l->db, sm3, (int64_t)size, type, err) != ZF_OK) return ZF_ERR;
    return ledger_add(l, LEDGER_ATTACHMENT_ADD, case_no, data, seq, err);
}

int ledger_append(Store *st, const char *type, const char *subject, json_t *event, ZfError *err)
{
    return ledger_append_seq(st, type, subject, event, NULL, err);
}

void ledger_order_subject(long long order_id, char out[32])
{
    snprintf(out, 32, LEDGER_ORDER_SUBJECT_PREFIX "%lld", order_id);
}

int ledger_append_seq(Store *st, const char *type, const char *subject, const json_t *event, uint64_t *seq,
                      ZfError *err)
{
    Ledger *l;
    if (ledger_open(st, &l, err) != ZF_OK) return ZF_ERR;
    int rc = store_savepoint(st, "ledger_append", err);
    if (rc == ZF_OK) {
        rc = ledger_add(l, type, subject, event, seq, err);
        if (rc == ZF_OK) rc = store_release(st, "ledger_append", err);
        else store_rollback_to(st, "ledger_append");
    }
    ledger_close(l);
    return rc;
}

/* ---- keys and heads ---- */

int ledger_init_key(Store *st, const char *db_path, int *created, ZfError *err)
{
    char path[4096], key_id[STH_KEY_ID_LEN + 1];
    char *pem = NULL, *known = NULL;
    Ledger *l;
    struct stat sb;
    *created = 0;
    paths_key_file(db_path, path, sizeof path);
    if (ledger_open(st, &l, err) != ZF_OK) return ZF_ERR;
    int rc = ledger_db_origin_key(l->db, "", &known, err);
    if (rc == ZF_OK && stat(path, &sb) != 0) {
        if (known)
            rc = zf_fail(err, 500, "key_missing", NULL,
                         "数据库已登记签名公钥，但私钥文件 %s 不存在：请从备份恢复，不要重新生成", path);
        else if ((rc = sth_key_generate(path, &pem, err)) == ZF_OK)
            *created = 1;
    } else if (rc == ZF_OK) {
        rc = sth_key_public(path, &pem, err);
    }
    if (rc == ZF_OK && !known) rc = sth_key_id(pem, key_id, err);
    if (rc == ZF_OK && !known) rc = ledger_db_put_key(l->db, key_id, "", pem, err);
    free(pem);
    free(known);
    ledger_close(l);
    return rc;
}

int ledger_latest_head(Ledger *l, SignedHead *h, char **public_pem, int *found, ZfError *err)
{
    *public_pem = NULL;
    if (ledger_db_latest_head(l->db, "", h, found, err) != ZF_OK) return ZF_ERR;
    if (!*found) return ZF_OK;
    if (ledger_db_get_key(l->db, h->key_id, public_pem, err) != ZF_OK) {
        if (err && err->status != 404) return ZF_ERR;
        *public_pem = NULL; /* an unknown key: the head is shown and fails verification */
    }
    return ZF_OK;
}

int ledger_sign_head(Store *st, const char *db_path, SignedHead *out, int *signed_new, ZfError *err)
{
    char path[4096];
    int created, found;
    SignedHead latest, h;
    Ledger *l;
    if (signed_new) *signed_new = 0;
    if (ledger_init_key(st, db_path, &created, err) != ZF_OK) return ZF_ERR;
    paths_key_file(db_path, path, sizeof path);
    if (ledger_open(st, &l, err) != ZF_OK) return ZF_ERR;
    int rc = store_begin(st, err); /* size, root and insert see one state of the log */
    if (rc != ZF_OK) goto done;
    rc = ledger_db_latest_head(l->db, "", &latest, &found, err);
    if (rc == ZF_OK) rc = load_frontier(l, err);
    if (rc == ZF_OK && found && latest.tree_size == l->f.size) {
        h = latest;
    } else if (rc == ZF_OK) {
        memset(&h, 0, sizeof h);
        h.tree_size = l->f.size;
        merkle_frontier_root(l->h, &l->f, &h.root);
        h.time = (int64_t)time(NULL);
        rc = sth_sign(path, &h, err);
        if (rc == ZF_OK) rc = ledger_db_insert_head(l->db, "", &h, err);
        if (rc == ZF_OK && signed_new) *signed_new = 1;
    }
    if (rc == ZF_OK) rc = store_commit(st, err);
    else store_rollback(st);
    if (rc == ZF_OK && out) *out = h;
done:
    ledger_close(l);
    return rc;
}

json_t *ledger_head_json(const SignedHead *h, const char *public_pem)
{
    char root[2 * MERKLE_HASH_LEN + 1];
    merkle_hex(&h->root, root);
    char *sig = sth_base64(h->sig, h->sig_len);
    json_t *o = json_pack("{s:I, s:s, s:I, s:s, s:s?, s:s}", "tree_size", (json_int_t)h->tree_size, "root", root,
                          "time", (json_int_t)h->time, "signature", sig ? sig : "", "public_key", public_pem,
                          "key_id", h->key_id);
    free(sig);
    if (!public_pem) json_object_del(o, "public_key");
    return o;
}

/* ---- proofs as JSON ---- */

static json_t *hex_array(const MerkleHash *path, size_t len)
{
    json_t *a = json_array();
    char hex[2 * MERKLE_HASH_LEN + 1];
    for (size_t i = 0; i < len; i++) {
        merkle_hex(&path[i], hex);
        json_array_append_new(a, json_string(hex));
    }
    return a;
}

/* The newest head (for size 0) or a head of exactly that size, if signed. */
static int head_for(Ledger *l, uint64_t *size, SignedHead *h, int *found, ZfError *err)
{
    char *pem;
    if (ledger_latest_head(l, h, &pem, found, err) != ZF_OK) return ZF_ERR;
    free(pem);
    if (*size == 0) {
        if (!*found) return zf_fail(err, 404, "no_signed_head", NULL, "尚无签名树头（先运行 zhifa import 或启动服务）");
        *size = h->tree_size;
    } else if (*found && h->tree_size != *size) {
        *found = 0;
    }
    return ZF_OK;
}

int ledger_inclusion_json(Ledger *l, uint64_t seq, uint64_t size, json_t **out, ZfError *err)
{
    MerkleHash path[MERKLE_MAX_PATH], root;
    size_t len;
    SignedHead h;
    int found;
    char leaf_hex[2 * MERKLE_HASH_LEN + 1], root_hex[2 * MERKLE_HASH_LEN + 1];
    if (head_for(l, &size, &h, &found, err) != ZF_OK) return ZF_ERR;
    if (ledger_inclusion(l, seq, size, path, &len, err) != ZF_OK) return ZF_ERR;
    if (ledger_root_at(l, size, &root, err) != ZF_OK) return ZF_ERR;
    MerkleHash leaf;
    if (ledger_db_leaves(l->db, seq, seq + 1, &leaf, err) != ZF_OK) return ZF_ERR;
    merkle_hex(&leaf, leaf_hex);
    merkle_hex(&root, root_hex);
    *out = json_pack("{s:I, s:I, s:s, s:o, s:s}", "leaf_index", (json_int_t)seq, "tree_size", (json_int_t)size,
                     "leaf_hash", leaf_hex, "path", hex_array(path, len), "root", root_hex);
    if (found) json_object_set_new(*out, "head", ledger_head_json(&h, NULL));
    return ZF_OK;
}

int ledger_consistency_json(Ledger *l, uint64_t m, uint64_t n, json_t **out, ZfError *err)
{
    MerkleHash path[MERKLE_MAX_PATH], rm, rn;
    size_t len;
    char a[2 * MERKLE_HASH_LEN + 1], b[2 * MERKLE_HASH_LEN + 1];
    if (ledger_consistency(l, m, n, path, &len, err) != ZF_OK) return ZF_ERR;
    if (ledger_root_at(l, m, &rm, err) != ZF_OK || ledger_root_at(l, n, &rn, err) != ZF_OK) return ZF_ERR;
    merkle_hex(&rm, a);
    merkle_hex(&rn, b);
    *out = json_pack("{s:I, s:I, s:s, s:s, s:o}", "first_size", (json_int_t)m, "second_size", (json_int_t)n,
                     "first_root", a, "second_root", b, "path", hex_array(path, len));
    return ZF_OK;
}
