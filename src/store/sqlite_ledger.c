/* SQLite side of the tamper-evident record (see ledger_store.h). Statements used on the append
 * path are prepared once per LedgerDb; the rest per call. Never UPDATE or DELETE here. */
#include "store/ledger_store.h"

#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"

enum {
    Q_SIZE,
    Q_INSERT_EVENT,
    Q_LEAVES,
    Q_PUT_NODE,
    Q_GET_NODE,
    Q_EVENT_AT,
    Q_COUNT
};

static const char *const ledger_sql[Q_COUNT] = {
    [Q_SIZE] = "SELECT coalesce(max(seq) + 1, 0) FROM ledger_events",
    [Q_INSERT_EVENT] = "INSERT INTO ledger_events(seq, time, type, subject, body, leaf) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_LEAVES] = "SELECT seq, leaf FROM ledger_events WHERE seq >= ?1 AND seq < ?2 ORDER BY seq",
    [Q_PUT_NODE] = "INSERT OR REPLACE INTO ledger_nodes(level, idx, hash) VALUES (?1, ?2, ?3)",
    [Q_GET_NODE] = "SELECT hash FROM ledger_nodes WHERE level = ?1 AND idx = ?2",
    [Q_EVENT_AT] = "SELECT seq, time, type, subject, body, leaf FROM ledger_events WHERE seq = ?1",
};

struct LedgerDb {
    const StoreOps *ops; /* first: the dispatch reads it */
    Store *st;
    sqlite3_stmt *q[Q_COUNT];
};

int sqlite_ledger_db_open(Store *st, LedgerDb **out, ZfError *err)
{
    LedgerDb *db = calloc(1, sizeof *db);
    if (db) db->ops = &sqlite_store_ops;
    if (!db) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    db->st = st;
    for (int i = 0; i < Q_COUNT; i++)
        if (sqlite3_prepare_v3(st->db, ledger_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &db->q[i], NULL) != SQLITE_OK) {
            sqlite_fail(st, err, "ledger");
            ledger_db_close(db);
            return ZF_ERR;
        }
    *out = db;
    return ZF_OK;
}

void sqlite_ledger_db_close(LedgerDb *db)
{
    if (!db) return;
    for (int i = 0; i < Q_COUNT; i++) sqlite3_finalize(db->q[i]);
    free(db);
}

static void done(sqlite3_stmt *q)
{
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
}

int sqlite_ledger_db_size(LedgerDb *db, uint64_t *size, ZfError *err)
{
    sqlite3_stmt *q = db->q[Q_SIZE];
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *size = (uint64_t)sqlite3_column_int64(q, 0);
    done(q);
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(db->st, err, "ledger_events");
}

int sqlite_ledger_db_insert_event(LedgerDb *db, uint64_t seq, const char *time, const char *type, const char *subject,
                           const char *body, size_t len, const MerkleHash *leaf, ZfError *err)
{
    sqlite3_stmt *q = db->q[Q_INSERT_EVENT];
    sqlite3_bind_int64(q, 1, (sqlite3_int64)seq);
    sqlite3_bind_text(q, 2, time, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, type, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, subject, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, body, (int)len, SQLITE_STATIC);
    sqlite3_bind_blob(q, 6, leaf->b, MERKLE_HASH_LEN, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    done(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(db->st, err, "ledger_events");
}

int sqlite_ledger_db_leaves(LedgerDb *db, uint64_t start, uint64_t end, MerkleHash *out, ZfError *err)
{
    sqlite3_stmt *q = db->q[Q_LEAVES];
    sqlite3_bind_int64(q, 1, (sqlite3_int64)start);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)end);
    uint64_t next = start;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if ((uint64_t)sqlite3_column_int64(q, 0) != next || sqlite3_column_bytes(q, 1) != MERKLE_HASH_LEN) break;
        memcpy(out[next - start].b, sqlite3_column_blob(q, 1), MERKLE_HASH_LEN);
        next++;
    }
    done(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return sqlite_fail(db->st, err, "ledger_events");
    if (next != end)
        return zf_fail(err, 409, "ledger_gap", NULL, "存证日志第 %llu 条记录缺失或损坏，请运行 zhifa verify",
                       (unsigned long long)next);
    return ZF_OK;
}

int sqlite_ledger_db_put_node(LedgerDb *db, unsigned level, uint64_t idx, const MerkleHash *hash, ZfError *err)
{
    sqlite3_stmt *q = db->q[Q_PUT_NODE];
    sqlite3_bind_int(q, 1, (int)level);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)idx);
    sqlite3_bind_blob(q, 3, hash->b, MERKLE_HASH_LEN, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    done(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(db->st, err, "ledger_nodes");
}

int sqlite_ledger_db_get_node(LedgerDb *db, unsigned level, uint64_t idx, MerkleHash *out, ZfError *err)
{
    sqlite3_stmt *q = db->q[Q_GET_NODE];
    sqlite3_bind_int(q, 1, (int)level);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)idx);
    int rc = sqlite3_step(q), found = 0;
    if (rc == SQLITE_ROW && sqlite3_column_bytes(q, 0) == MERKLE_HASH_LEN) {
        memcpy(out->b, sqlite3_column_blob(q, 0), MERKLE_HASH_LEN);
        found = 1;
    }
    done(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return sqlite_fail(db->st, err, "ledger_nodes");
    if (!found)
        return zf_fail(err, 404, "ledger_node_missing", NULL, "存证树缓存节点 (%u, %llu) 缺失", level,
                       (unsigned long long)idx);
    return ZF_OK;
}

/* Steps q and hands each row to fn; the caller finalizes or resets q. */
static int step_events(sqlite3_stmt *q, LedgerEventFn fn, void *ctx)
{
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        LedgerEventRow r = {
            .seq = (uint64_t)sqlite3_column_int64(q, 0),
            .time = (const char *)sqlite3_column_text(q, 1),
            .type = (const char *)sqlite3_column_text(q, 2),
            .subject = (const char *)sqlite3_column_text(q, 3),
            .body = (const char *)sqlite3_column_text(q, 4),
            .body_len = (size_t)sqlite3_column_bytes(q, 4),
            .leaf = sqlite3_column_blob(q, 5),
            .leaf_len = (size_t)sqlite3_column_bytes(q, 5),
        };
        if (!r.time) r.time = "";
        if (!r.type) r.type = "";
        if (!r.subject) r.subject = "";
        if (!r.body) r.body = "";
        if (fn(&r, ctx) != 0) break;
    }
    return rc != SQLITE_ROW && rc != SQLITE_DONE;
}

static int walk_events(LedgerDb *db, sqlite3_stmt *q, LedgerEventFn fn, void *ctx, ZfError *err)
{
    int failed = step_events(q, fn, ctx);
    sqlite3_finalize(q);
    return failed ? sqlite_fail(db->st, err, "ledger_events") : ZF_OK;
}

int sqlite_ledger_db_event_at(LedgerDb *db, uint64_t seq, LedgerEventFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q = db->q[Q_EVENT_AT];
    sqlite3_bind_int64(q, 1, (sqlite3_int64)seq);
    int failed = step_events(q, fn, ctx);
    done(q);
    return failed ? sqlite_fail(db->st, err, "ledger_events") : ZF_OK;
}

int sqlite_ledger_db_foreach_event(LedgerDb *db, LedgerEventFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db->st->db, "SELECT seq, time, type, subject, body, leaf FROM ledger_events ORDER BY seq",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(db->st, err, "ledger_events");
    return walk_events(db, q, fn, ctx, err);
}

int sqlite_ledger_db_subject_events(LedgerDb *db, const char *subject, LedgerEventFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db->st->db,
                           "SELECT seq, time, type, subject, body, leaf FROM ledger_events"
                           " WHERE subject = ?1 ORDER BY seq",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(db->st, err, "ledger_events");
    sqlite3_bind_text(q, 1, subject, -1, SQLITE_TRANSIENT);
    return walk_events(db, q, fn, ctx, err);
}

int sqlite_ledger_db_foreach_node(LedgerDb *db, LedgerNodeFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db->st->db, "SELECT level, idx, hash FROM ledger_nodes ORDER BY level, idx", -1, &q,
                           NULL) != SQLITE_OK)
        return sqlite_fail(db->st, err, "ledger_nodes");
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        if (fn((unsigned)sqlite3_column_int(q, 0), (uint64_t)sqlite3_column_int64(q, 1), sqlite3_column_blob(q, 2),
               (size_t)sqlite3_column_bytes(q, 2), ctx) != 0)
            break;
    int failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
    sqlite3_finalize(q);
    return failed ? sqlite_fail(db->st, err, "ledger_nodes") : ZF_OK;
}

int sqlite_ledger_db_insert_head(LedgerDb *db, const char *origin, const SignedHead *h, ZfError *err)
{
    sqlite3_stmt *q;
    char hex[2 * MERKLE_HASH_LEN + 1];
    if (sqlite3_prepare_v2(db->st->db,
                           "INSERT INTO ledger_heads(origin, tree_size, root, time, signature, key_id, received_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                           " CASE WHEN ?1 = '' THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%SZ','now') END)",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(db->st, err, "ledger_heads");
    merkle_hex(&h->root, hex);
    sqlite3_bind_text(q, 1, origin, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)h->tree_size);
    sqlite3_bind_text(q, 3, hex, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 4, h->time);
    sqlite3_bind_blob(q, 5, h->sig, (int)h->sig_len, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, h->key_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(db->st, err, "ledger_heads");
}

/* Reads a head row (tree_size, root, time, signature, key_id from column `c`); 1 when well formed. */
static int read_head(sqlite3_stmt *q, int c, SignedHead *h)
{
    memset(h, 0, sizeof *h);
    sqlite3_int64 size = sqlite3_column_int64(q, c);
    const char *root = (const char *)sqlite3_column_text(q, c + 1);
    const void *sig = sqlite3_column_blob(q, c + 3);
    int sig_len = sqlite3_column_bytes(q, c + 3);
    const char *key_id = (const char *)sqlite3_column_text(q, c + 4);
    h->tree_size = size < 0 ? 0 : (uint64_t)size;
    h->time = sqlite3_column_int64(q, c + 2);
    snprintf(h->key_id, sizeof h->key_id, "%s", key_id ? key_id : "");
    int ok = size >= 0 && merkle_unhex(root, &h->root) == 0 && sig_len > 0 && (size_t)sig_len <= sizeof h->sig;
    if (sig && sig_len > 0 && (size_t)sig_len <= sizeof h->sig) memcpy(h->sig, sig, (size_t)sig_len), h->sig_len = (size_t)sig_len;
    return ok;
}

int sqlite_ledger_db_latest_head(LedgerDb *db, const char *origin, SignedHead *h, int *found, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db->st->db,
                           "SELECT tree_size, root, time, signature, key_id FROM ledger_heads WHERE origin = ?1"
                           " ORDER BY tree_size DESC, time DESC, id DESC LIMIT 1",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(db->st, err, "ledger_heads");
    sqlite3_bind_text(q, 1, origin, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    *found = rc == SQLITE_ROW;
    if (*found) read_head(q, 0, h); /* a malformed head fails its signature check downstream */
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZF_OK : sqlite_fail(db->st, err, "ledger_heads");
}

int sqlite_ledger_db_foreach_head(LedgerDb *db, LedgerHeadFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db->st->db,
                           "SELECT id, origin, tree_size, root, time, signature, key_id FROM ledger_heads"
                           " ORDER BY origin, tree_size, time, id",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(db->st, err, "ledger_heads");
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        SignedHead h;
        int ok = read_head(q, 2, &h);
        const char *origin = (const char *)sqlite3_column_text(q, 1);
        if (fn(sqlite3_column_int64(q, 0), origin ? origin : "", &h, ok, ctx) != 0) break;
    }
    int failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
    sqlite3_finalize(q);
    return failed ? sqlite_fail(db->st, err, "ledger_heads") : ZF_OK;
}

int sqlite_ledger_db_put_key(LedgerDb *db, const char *key_id, const char *origin, const char *pem, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db->st->db,
                           "INSERT OR IGNORE INTO ledger_keys(key_id, origin, public_key, created_at)"
                           " VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(db->st, err, "ledger_keys");
    sqlite3_bind_text(q, 1, key_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, origin, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, pem, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(db->st, err, "ledger_keys");
}

static int one_text(LedgerDb *db, const char *query, const char *arg, char **out, ZfError *err)
{
    sqlite3_stmt *q;
    *out = NULL;
    if (sqlite3_prepare_v2(db->st->db, query, -1, &q, NULL) != SQLITE_OK) return sqlite_fail(db->st, err, "ledger_keys");
    sqlite3_bind_text(q, 1, arg, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW && sqlite3_column_text(q, 0)) *out = strdup((const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZF_OK : sqlite_fail(db->st, err, "ledger_keys");
}

int sqlite_ledger_db_get_key(LedgerDb *db, const char *key_id, char **pem, ZfError *err)
{
    if (one_text(db, "SELECT public_key FROM ledger_keys WHERE key_id = ?1", key_id, pem, err) != ZF_OK) return ZF_ERR;
    return *pem ? ZF_OK : zf_fail(err, 404, "key_unknown", NULL, "未登记的签名公钥 %s", key_id);
}

int sqlite_ledger_db_origin_key(LedgerDb *db, const char *origin, char **pem, ZfError *err)
{
    return one_text(db, "SELECT public_key FROM ledger_keys WHERE origin = ?1 ORDER BY created_at DESC, rowid DESC LIMIT 1",
                    origin, pem, err);
}

int sqlite_ledger_db_put_attachment(LedgerDb *db, const char *sm3_hex, int64_t size, const char *media_type, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db->st->db,
                           "INSERT OR IGNORE INTO ledger_attachments(sm3, size, media_type, created_at)"
                           " VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(db->st, err, "ledger_attachments");
    sqlite3_bind_text(q, 1, sm3_hex, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, size);
    sqlite3_bind_text(q, 3, media_type, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(db->st, err, "ledger_attachments");
}

int sqlite_ledger_db_foreach_attachment(LedgerDb *db, LedgerAttachmentFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db->st->db, "SELECT sm3, size FROM ledger_attachments ORDER BY sm3", -1, &q, NULL) !=
        SQLITE_OK)
        return sqlite_fail(db->st, err, "ledger_attachments");
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *d = (const char *)sqlite3_column_text(q, 0);
        if (fn(d ? d : "", sqlite3_column_int64(q, 1), ctx) != 0) break;
    }
    int failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
    sqlite3_finalize(q);
    return failed ? sqlite_fail(db->st, err, "ledger_attachments") : ZF_OK;
}

int sqlite_ledger_db_foreach_case(LedgerDb *db, LedgerCaseFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db->st->db,
                           "SELECT c.case_no, c.agency, c.kind, c.body, c.region, c.procedure, c.filed_on, c.decided_on,"
                           " c.closed_on, c.fine_fen, c.party_name, c.doc_no, a.region, c.filing_no"
                           " FROM cases c LEFT JOIN agencies a ON a.code = c.agency ORDER BY c.case_no",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(db->st, err, "cases");
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *no = (const char *)sqlite3_column_text(q, 0), *body = (const char *)sqlite3_column_text(q, 3);
        LedgerCaseRow row = {.case_no = no ? no : "", .agency = (const char *)sqlite3_column_text(q, 1),
                             .kind = (const char *)sqlite3_column_text(q, 2),
                             .region = (const char *)sqlite3_column_text(q, 4),
                             .procedure = (const char *)sqlite3_column_text(q, 5),
                             .filed_on = (const char *)sqlite3_column_text(q, 6),
                             .decided_on = (const char *)sqlite3_column_text(q, 7),
                             .closed_on = (const char *)sqlite3_column_text(q, 8),
                             .fine_fen = (const char *)sqlite3_column_text(q, 9),
                             .party_name = (const char *)sqlite3_column_text(q, 10),
                             .doc_no = (const char *)sqlite3_column_text(q, 11),
                             .agency_region = (const char *)sqlite3_column_text(q, 12),
                             .filing_no = (const char *)sqlite3_column_text(q, 13),
                             .body = body ? body : "", .len = (size_t)sqlite3_column_bytes(q, 3)};
        if (fn(&row, ctx) != 0) break;
    }
    int failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
    sqlite3_finalize(q);
    return failed ? sqlite_fail(db->st, err, "cases") : ZF_OK;
}

int sqlite_ledger_db_foreach_case_attachment(LedgerDb *db, LedgerCaseAttachmentFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db->st->db,
                           "SELECT a.id, a.ledger_seq, a.case_no, a.stage, a.kind, a.name, a.mime, a.size, a.sha256,"
                           " a.sm3, e.body FROM case_attachments a LEFT JOIN ledger_events e ON e.seq = a.ledger_seq"
                           " ORDER BY a.id",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(db->st, err, "case_attachments");
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        json_t *row = json_pack("{s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:I, s:o, s:o}", "id",
                                (json_int_t)sqlite3_column_int64(q, 0), "ledger_seq",
                                (json_int_t)sqlite3_column_int64(q, 1), "case_no", sqlite_json_text(q, 2), "stage",
                                sqlite_json_text(q, 3), "kind", sqlite_json_text(q, 4), "name",
                                sqlite_json_text(q, 5), "mime", sqlite_json_text(q, 6), "size",
                                (json_int_t)sqlite3_column_int64(q, 7), "sha256", sqlite_json_text(q, 8), "sm3",
                                sqlite_json_text(q, 9));
        const char *body = (const char *)sqlite3_column_text(q, 10);
        int stop = fn(row, body, (size_t)sqlite3_column_bytes(q, 10), ctx);
        json_decref(row);
        if (stop) break;
    }
    int failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
    sqlite3_finalize(q);
    return failed ? sqlite_fail(db->st, err, "case_attachments") : ZF_OK;
}

/* A body that is not JSON counts as differing from every column (json_extract would fail the
 * whole query); OR short-circuits, so json_extract only sees valid text. */
#define DIFFERS(col, path, src) "(NOT json_valid(" src ") OR " col " IS NOT json_extract(" src ", '" path "'))"
#define BODY_COLUMN(table, key, col)                                                                           \
    {table, col, "body",                                                                                       \
     "SELECT " key " FROM " table " WHERE " DIFFERS(col, "$." col, "body") " ORDER BY " key}
/* Rows of online handling belong to the agency of their case (scope reads their own copy). */
#define CASE_AGENCY(table, key)                                                                                \
    {table, "agency", "cases",                                                                                 \
     "SELECT t." key " FROM " table " t LEFT JOIN cases c ON c.case_no = t.case_no WHERE c.body IS NULL OR "   \
     DIFFERS("t.agency", "$.agency", "c.body") " ORDER BY t." key}

static const struct {
    const char *table, *column, *source, *sql;
} column_checks[] = {
    BODY_COLUMN("agencies", "code", "name"),      BODY_COLUMN("agencies", "code", "region"),
    BODY_COLUMN("agencies", "code", "level"),     BODY_COLUMN("agencies", "code", "kind"),
    BODY_COLUMN("agencies", "code", "sector"),    BODY_COLUMN("agencies", "code", "parent"),
    BODY_COLUMN("officers", "cert_no", "name"),   BODY_COLUMN("officers", "cert_no", "agency"),
    BODY_COLUMN("officers", "cert_no", "cert_valid_to"), BODY_COLUMN("officers", "cert_no", "status"),
    CASE_AGENCY("case_workflow", "case_no"),      CASE_AGENCY("approval_tasks", "id"),
    CASE_AGENCY("case_publicity", "case_no"),
};

int sqlite_ledger_db_foreach_column_mismatch(LedgerDb *db, LedgerColumnFn fn, void *ctx, ZfError *err)
{
    for (size_t i = 0; i < sizeof column_checks / sizeof *column_checks; i++) {
        sqlite3_stmt *q;
        if (sqlite3_prepare_v2(db->st->db, column_checks[i].sql, -1, &q, NULL) != SQLITE_OK)
            return sqlite_fail(db->st, err, column_checks[i].table);
        int rc, stop = 0;
        while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
            const char *key = (const char *)sqlite3_column_text(q, 0);
            stop = fn(column_checks[i].table, key ? key : "", column_checks[i].column, column_checks[i].source, ctx);
        }
        int failed = !stop && rc != SQLITE_DONE;
        sqlite3_finalize(q);
        if (failed) return sqlite_fail(db->st, err, column_checks[i].table);
        if (stop) break;
    }
    return ZF_OK;
}

/* Savepoints for ledger_append: store.h has BEGIN/COMMIT only. */
