/* PostgreSQL side of the tamper-evident record (ledger_store.h). Appends are serialised across
 * processes by a transaction-scoped advisory lock taken before the size is read: the next
 * sequence number, the leaf and the cached nodes are written by one process at a time, in one
 * order, and a writer whose cached frontier went stale meets the seq primary key (409) instead
 * of forking the tree. Hashes travel as hex text (bytea's text form). Never UPDATE or DELETE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/ledger_store.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

#define PG_LOCK_LEDGER 7021002
#define PG_NOW "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

struct LedgerDb {
    const StoreOps *ops; /* first: the dispatch reads it */
    Store *st;
};

int pg_store_ledger_db_open(Store *st, LedgerDb **out, ZfError *err)
{
    LedgerDb *db = calloc(1, sizeof *db);
    if (!db) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    db->ops = &pg_store_ops;
    db->st = st;
    *out = db;
    return ZF_OK;
}

void pg_store_ledger_db_close(LedgerDb *db) { free(db); }

static int lock_appends(LedgerDb *db, ZfError *err)
{
    char key[24];
    if (!pg_in_transaction(db->st)) return ZF_OK; /* a reader: nothing to serialise */
    return pg_exec(db->st, "SELECT pg_advisory_xact_lock($1)", PG_ARGS(pg_int(key, PG_LOCK_LEDGER)), "ledger_lock",
                   NULL, err);
}

static void to_hex(const unsigned char *b, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    out[0] = '\\', out[1] = 'x';
    for (size_t i = 0; i < n; i++) out[2 + 2 * i] = digits[b[i] >> 4], out[3 + 2 * i] = digits[b[i] & 15];
    out[2 + 2 * n] = '\0';
}

/* bytea read as hex text ("\x…", the server's default output) into out (cap bytes); the length. */
static size_t from_hex(const char *text, unsigned char *out, size_t cap)
{
    if (strncmp(text, "\\x", 2) != 0) return 0;
    text += 2;
    size_t n = 0;
    for (; text[0] && text[1] && n < cap; text += 2) {
        unsigned hi, lo;
        if (sscanf(text, "%1x%1x", &hi, &lo) != 2) break;
        out[n++] = (unsigned char)(hi << 4 | lo);
    }
    return n;
}

int pg_store_ledger_db_size(LedgerDb *db, uint64_t *size, ZfError *err)
{
    if (lock_appends(db, err) != ZF_OK) return ZF_ERR;
    PGresult *r = pg_query(db->st, "SELECT coalesce(max(seq) + 1, 0) FROM ledger_events", PG_NOARGS, "ledger_events",
                           err);
    if (!r) return ZF_ERR;
    *size = (uint64_t)pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

int pg_store_ledger_db_insert_event(LedgerDb *db, uint64_t seq, const char *time, const char *type,
                                    const char *subject, const char *body, size_t len, const MerkleHash *leaf,
                                    ZfError *err)
{
    char s[24], hex[2 * MERKLE_HASH_LEN + 3];
    char *text = strndup(body, len);
    if (!text) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    to_hex(leaf->b, MERKLE_HASH_LEN, hex);
    /* in a transaction the appends' lock is taken by the insert itself: one round trip an event
     * (an import writes one per case) */
    char key[24];
    int rc = pg_in_transaction(db->st)
                 ? pg_exec(db->st,
                           "INSERT INTO ledger_events(seq, time, type, subject, body, leaf) SELECT $1::bigint, $2::text,"
                           " $3::text, $4::text, $5::text, $6::bytea FROM (SELECT pg_advisory_xact_lock($7::bigint)) l",
                           PG_ARGS(pg_int(s, (long long)seq), time, type, subject, text, hex, pg_int(key, PG_LOCK_LEDGER)),
                           "ledger_events", NULL, err)
                 : pg_exec(db->st,
                           "INSERT INTO ledger_events(seq, time, type, subject, body, leaf) VALUES ($1, $2, $3, $4, $5, $6)",
                           PG_ARGS(pg_int(s, (long long)seq), time, type, subject, text, hex), "ledger_events", NULL, err);
    free(text);
    return rc;
}

int pg_store_ledger_db_leaves(LedgerDb *db, uint64_t start, uint64_t end, MerkleHash *out, ZfError *err)
{
    char a[24], b[24];
    PGresult *r = pg_query(db->st, "SELECT seq, leaf FROM ledger_events WHERE seq >= $1 AND seq < $2 ORDER BY seq",
                           PG_ARGS(pg_int(a, (long long)start), pg_int(b, (long long)end)), "ledger_events", err);
    if (!r) return ZF_ERR;
    uint64_t next = start;
    for (int i = 0; i < PQntuples(r); i++) {
        if ((uint64_t)pg_ll(r, i, 0) != next ||
            from_hex(pg_text(r, i, 1), out[next - start].b, MERKLE_HASH_LEN + 1) != MERKLE_HASH_LEN)
            break;
        next++;
    }
    PQclear(r);
    if (next != end)
        return zf_fail(err, 409, "ledger_gap", NULL, "存证日志第 %llu 条记录缺失或损坏，请运行 zhifa verify",
                       (unsigned long long)next);
    return ZF_OK;
}

int pg_store_ledger_db_put_node(LedgerDb *db, unsigned level, uint64_t idx, const MerkleHash *hash, ZfError *err)
{
    char l[24], i[24], hex[2 * MERKLE_HASH_LEN + 3];
    to_hex(hash->b, MERKLE_HASH_LEN, hex);
    return pg_exec(db->st,
                   "INSERT INTO ledger_nodes(level, idx, hash) VALUES ($1, $2, $3)"
                   " ON CONFLICT (level, idx) DO UPDATE SET hash = excluded.hash",
                   PG_ARGS(pg_int(l, level), pg_int(i, (long long)idx), hex), "ledger_nodes", NULL, err);
}

int pg_store_ledger_db_get_node(LedgerDb *db, unsigned level, uint64_t idx, MerkleHash *out, ZfError *err)
{
    char l[24], i[24];
    PGresult *r = pg_query(db->st, "SELECT hash FROM ledger_nodes WHERE level = $1 AND idx = $2",
                           PG_ARGS(pg_int(l, level), pg_int(i, (long long)idx)), "ledger_nodes", err);
    if (!r) return ZF_ERR;
    int found = PQntuples(r) && from_hex(pg_text(r, 0, 0), out->b, MERKLE_HASH_LEN + 1) == MERKLE_HASH_LEN;
    PQclear(r);
    if (!found)
        return zf_fail(err, 404, "ledger_node_missing", NULL, "存证树缓存节点 (%u, %llu) 缺失", level,
                       (unsigned long long)idx);
    return ZF_OK;
}

/* Hands each row of r (seq, time, type, subject, body, leaf) to fn; 1 when fn stopped. */
static int hand_events(const PGresult *r, LedgerEventFn fn, void *ctx)
{
    unsigned char leaf[MERKLE_HASH_LEN + 8];
    for (int i = 0; i < PQntuples(r); i++) {
        LedgerEventRow row = {
            .seq = (uint64_t)pg_ll(r, i, 0),
            .time = pg_text(r, i, 1),
            .type = pg_text(r, i, 2),
            .subject = pg_text(r, i, 3),
            .body = pg_text(r, i, 4),
            .body_len = (size_t)PQgetlength(r, i, 4),
            .leaf = leaf,
        };
        row.leaf_len = from_hex(pg_text(r, i, 5), leaf, sizeof leaf);
        if (fn(&row, ctx) != 0) return 1;
    }
    return 0;
}

#define EVENT_COLUMNS "SELECT seq, time, type, subject, body, leaf FROM ledger_events"

int pg_store_ledger_db_event_at(LedgerDb *db, uint64_t seq, LedgerEventFn fn, void *ctx, ZfError *err)
{
    char s[24];
    PGresult *r = pg_query(db->st, EVENT_COLUMNS " WHERE seq = $1", PG_ARGS(pg_int(s, (long long)seq)),
                           "ledger_events", err);
    if (!r) return ZF_ERR;
    hand_events(r, fn, ctx);
    PQclear(r);
    return ZF_OK;
}

/* Pages of 1000 by seq: a verify of millions of events never holds them all. */
int pg_store_ledger_db_foreach_event(LedgerDb *db, LedgerEventFn fn, void *ctx, ZfError *err)
{
    char s[24];
    for (long long next = 0;;) {
        PGresult *r = pg_query(db->st, EVENT_COLUMNS " WHERE seq >= $1 ORDER BY seq LIMIT 1000",
                               PG_ARGS(pg_int(s, next)), "ledger_events", err);
        if (!r) return ZF_ERR;
        int rows = PQntuples(r), stop = hand_events(r, fn, ctx);
        if (rows) next = pg_ll(r, rows - 1, 0) + 1;
        PQclear(r);
        if (stop || rows < 1000) return ZF_OK;
    }
}

int pg_store_ledger_db_subject_events(LedgerDb *db, const char *subject, LedgerEventFn fn, void *ctx, ZfError *err)
{
    PGresult *r = pg_query(db->st, EVENT_COLUMNS " WHERE subject = $1 ORDER BY seq", PG_ARGS(subject),
                           "ledger_events", err);
    if (!r) return ZF_ERR;
    hand_events(r, fn, ctx);
    PQclear(r);
    return ZF_OK;
}

int pg_store_ledger_db_foreach_node(LedgerDb *db, LedgerNodeFn fn, void *ctx, ZfError *err)
{
    PGresult *r = pg_query(db->st, "SELECT level, idx, hash FROM ledger_nodes ORDER BY level, idx", PG_NOARGS,
                           "ledger_nodes", err);
    if (!r) return ZF_ERR;
    unsigned char hash[MERKLE_HASH_LEN + 8];
    for (int i = 0; i < PQntuples(r); i++) {
        size_t n = from_hex(pg_text(r, i, 2), hash, sizeof hash);
        if (fn((unsigned)pg_ll(r, i, 0), (uint64_t)pg_ll(r, i, 1), hash, n, ctx) != 0) break;
    }
    PQclear(r);
    return ZF_OK;
}

int pg_store_ledger_db_insert_head(LedgerDb *db, const char *origin, const SignedHead *h, ZfError *err)
{
    char root[2 * MERKLE_HASH_LEN + 1], size[24], t[24], sig[2 * STH_MAX_SIG + 3];
    merkle_hex(&h->root, root);
    to_hex(h->sig, h->sig_len, sig);
    return pg_exec(db->st,
                   "INSERT INTO ledger_heads(origin, tree_size, root, time, signature, key_id, received_at)"
                   " VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $1 = '' THEN NULL ELSE " PG_NOW " END)",
                   PG_ARGS(origin, pg_int(size, (long long)h->tree_size), root, pg_int(t, h->time), sig, h->key_id),
                   "ledger_heads", NULL, err);
}

/* A head row (tree_size, root, time, signature, key_id from column c); 1 when well formed. */
static int read_head(const PGresult *r, int i, int c, SignedHead *h)
{
    memset(h, 0, sizeof *h);
    long long size = pg_ll(r, i, c);
    h->tree_size = size < 0 ? 0 : (uint64_t)size;
    h->time = pg_ll(r, i, c + 2);
    h->sig_len = from_hex(pg_text(r, i, c + 3), h->sig, sizeof h->sig);
    snprintf(h->key_id, sizeof h->key_id, "%s", pg_text(r, i, c + 4));
    return size >= 0 && merkle_unhex(pg_text(r, i, c + 1), &h->root) == 0 && h->sig_len > 0;
}

int pg_store_ledger_db_latest_head(LedgerDb *db, const char *origin, SignedHead *h, int *found, ZfError *err)
{
    PGresult *r = pg_query(db->st,
                           "SELECT tree_size, root, time, signature, key_id FROM ledger_heads WHERE origin = $1"
                           " ORDER BY tree_size DESC, time DESC, id DESC LIMIT 1",
                           PG_ARGS(origin), "ledger_heads", err);
    if (!r) return ZF_ERR;
    *found = PQntuples(r) > 0;
    if (*found) read_head(r, 0, 0, h); /* a malformed head fails its signature check downstream */
    PQclear(r);
    return ZF_OK;
}

int pg_store_ledger_db_foreach_head(LedgerDb *db, LedgerHeadFn fn, void *ctx, ZfError *err)
{
    PGresult *r = pg_query(db->st,
                           "SELECT id, origin, tree_size, root, time, signature, key_id FROM ledger_heads"
                           " ORDER BY origin COLLATE \"C\", tree_size, time, id",
                           PG_NOARGS, "ledger_heads", err);
    if (!r) return ZF_ERR;
    for (int i = 0; i < PQntuples(r); i++) {
        SignedHead h;
        int ok = read_head(r, i, 2, &h);
        if (fn(pg_ll(r, i, 0), pg_text(r, i, 1), &h, ok, ctx) != 0) break;
    }
    PQclear(r);
    return ZF_OK;
}

int pg_store_ledger_db_put_key(LedgerDb *db, const char *key_id, const char *origin, const char *pem, ZfError *err)
{
    return pg_exec(db->st,
                   "INSERT INTO ledger_keys(key_id, origin, public_key, created_at) VALUES ($1, $2, $3, " PG_NOW ")"
                   " ON CONFLICT DO NOTHING",
                   PG_ARGS(key_id, origin, pem), "ledger_keys", NULL, err);
}

static int one_text(LedgerDb *db, const char *sql, const char *arg, char **out, ZfError *err)
{
    *out = NULL;
    PGresult *r = pg_query(db->st, sql, PG_ARGS(arg), "ledger_keys", err);
    if (!r) return ZF_ERR;
    if (PQntuples(r) && !PQgetisnull(r, 0, 0)) *out = strdup(PQgetvalue(r, 0, 0));
    PQclear(r);
    return ZF_OK;
}

int pg_store_ledger_db_get_key(LedgerDb *db, const char *key_id, char **pem, ZfError *err)
{
    if (one_text(db, "SELECT public_key FROM ledger_keys WHERE key_id = $1", key_id, pem, err) != ZF_OK) return ZF_ERR;
    return *pem ? ZF_OK : zf_fail(err, 404, "key_unknown", NULL, "未登记的签名公钥 %s", key_id);
}

int pg_store_ledger_db_origin_key(LedgerDb *db, const char *origin, char **pem, ZfError *err)
{
    /* xmin stands in for SQLite's rowid: the later of two keys created in the same second */
    return one_text(db,
                    "SELECT public_key FROM ledger_keys WHERE origin = $1 ORDER BY created_at DESC, xmin::text::bigint DESC"
                    " LIMIT 1",
                    origin, pem, err);
}

int pg_store_ledger_db_put_attachment(LedgerDb *db, const char *sm3_hex, int64_t size, const char *media_type,
                                      ZfError *err)
{
    char n[24];
    return pg_exec(db->st,
                   "INSERT INTO ledger_attachments(sm3, size, media_type, created_at) VALUES ($1, $2, $3, " PG_NOW ")"
                   " ON CONFLICT DO NOTHING",
                   PG_ARGS(sm3_hex, pg_int(n, size), media_type), "ledger_attachments", NULL, err);
}

int pg_store_ledger_db_foreach_attachment(LedgerDb *db, LedgerAttachmentFn fn, void *ctx, ZfError *err)
{
    PGresult *r = pg_query(db->st, "SELECT sm3, size FROM ledger_attachments ORDER BY sm3 COLLATE \"C\"", PG_NOARGS,
                           "ledger_attachments", err);
    if (!r) return ZF_ERR;
    for (int i = 0; i < PQntuples(r); i++)
        if (fn(pg_text(r, i, 0), pg_ll(r, i, 1), ctx) != 0) break;
    PQclear(r);
    return ZF_OK;
}

static const char *opt(const PGresult *r, int i, int c) { return PQgetisnull(r, i, c) ? NULL : PQgetvalue(r, i, c); }

/* Pages of 500 by case_no. */
int pg_store_ledger_db_foreach_case(LedgerDb *db, LedgerCaseFn fn, void *ctx, ZfError *err)
{
    char last[256] = "";
    for (bool first = true;; first = false) {
        PGresult *r = pg_query(db->st,
                               "SELECT c.case_no, c.agency, c.kind, c.body, c.region, c.procedure, c.filed_on,"
                               " c.decided_on, c.closed_on, c.fine_fen, c.party_name, c.doc_no, a.region, c.filing_no"
                               " FROM cases c LEFT JOIN agencies a ON a.code = c.agency"
                               " WHERE $1::text IS NULL OR c.case_no COLLATE \"C\" > $1 ORDER BY c.case_no COLLATE \"C\""
                               " LIMIT 500",
                               PG_ARGS(first ? NULL : last), "cases", err);
        if (!r) return ZF_ERR;
        int rows = PQntuples(r), stop = 0;
        for (int i = 0; i < rows && !stop; i++) {
            LedgerCaseRow row = {.case_no = pg_text(r, i, 0), .agency = opt(r, i, 1), .kind = opt(r, i, 2),
                                 .region = opt(r, i, 4), .procedure = opt(r, i, 5), .filed_on = opt(r, i, 6),
                                 .decided_on = opt(r, i, 7), .closed_on = opt(r, i, 8), .fine_fen = opt(r, i, 9),
                                 .party_name = opt(r, i, 10), .doc_no = opt(r, i, 11), .agency_region = opt(r, i, 12),
                                 .filing_no = opt(r, i, 13), .body = pg_text(r, i, 3),
                                 .len = (size_t)PQgetlength(r, i, 3)};
            stop = fn(&row, ctx);
        }
        if (rows) pg_copy(r, rows - 1, 0, last, sizeof last);
        PQclear(r);
        if (stop || rows < 500) return ZF_OK;
    }
}

int pg_store_ledger_db_foreach_case_attachment(LedgerDb *db, LedgerCaseAttachmentFn fn, void *ctx, ZfError *err)
{
    PGresult *r = pg_query(db->st,
                           "SELECT a.id, a.ledger_seq, a.case_no, a.stage, a.kind, a.name, a.mime, a.size, a.sha256,"
                           " a.sm3, e.body FROM case_attachments a LEFT JOIN ledger_events e ON e.seq = a.ledger_seq"
                           " ORDER BY a.id",
                           PG_NOARGS, "case_attachments", err);
    if (!r) return ZF_ERR;
    for (int i = 0; i < PQntuples(r); i++) {
        json_t *row = json_pack("{s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:I, s:o, s:o}", "id", (json_int_t)pg_ll(r, i, 0),
                                "ledger_seq", (json_int_t)pg_ll(r, i, 1), "case_no", pg_json_text(r, i, 2), "stage",
                                pg_json_text(r, i, 3), "kind", pg_json_text(r, i, 4), "name", pg_json_text(r, i, 5),
                                "mime", pg_json_text(r, i, 6), "size", (json_int_t)pg_ll(r, i, 7), "sha256",
                                pg_json_text(r, i, 8), "sm3", pg_json_text(r, i, 9));
        int stop = fn(row, opt(r, i, 10), (size_t)PQgetlength(r, i, 10), ctx);
        json_decref(row);
        if (stop) break;
    }
    PQclear(r);
    return ZF_OK;
}

/* A column that disagrees with the body it was taken from (a hand edit). A body that is not
 * JSON differs from every column: pg_input_is_valid is PostgreSQL 16, so a plpgsql-free test —
 * the body must start with '{' and parse, checked by a CASE before the cast. */
#define JSON_OF(src) "(CASE WHEN " src " ~ '^\\s*\\{' THEN " src "::jsonb END)"
#define DIFFERS(col, key, src) "(" JSON_OF(src) " IS NULL OR " col " IS DISTINCT FROM " JSON_OF(src) " ->> '" key "')"
#define BODY_COLUMN(table, key, col) \
    {table, col, "body", "SELECT " key " FROM " table " WHERE " DIFFERS(col, col, "body") " ORDER BY " key}
#define CASE_AGENCY(table, key)                                                                              \
    {table, "agency", "cases",                                                                               \
     "SELECT t." key "::text FROM " table " t LEFT JOIN cases c ON c.case_no = t.case_no WHERE c.body IS NULL OR " \
     DIFFERS("t.agency", "agency", "c.body") " ORDER BY t." key}

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

int pg_store_ledger_db_foreach_column_mismatch(LedgerDb *db, LedgerColumnFn fn, void *ctx, ZfError *err)
{
    for (size_t c = 0; c < sizeof column_checks / sizeof *column_checks; c++) {
        PGresult *r = pg_query(db->st, column_checks[c].sql, PG_NOARGS, column_checks[c].table, err);
        if (!r) return ZF_ERR;
        int stop = 0;
        for (int i = 0; i < PQntuples(r) && !stop; i++)
            stop = fn(column_checks[c].table, pg_text(r, i, 0), column_checks[c].column, column_checks[c].source, ctx);
        PQclear(r);
        if (stop) break;
    }
    return ZF_OK;
}
