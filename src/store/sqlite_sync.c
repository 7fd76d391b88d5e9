/* SQLite side of store/sync.h. Updates take their fields as one JSON text: a member present sets
 * its column (a JSON null clears it), an absent one leaves it (json_type is NULL for an absent path). */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"
#include "store/sync.h"

#define SET_IF(col) " " #col " = CASE WHEN json_type(?2, '$." #col "') IS NULL THEN " #col \
                    " ELSE json_extract(?2, '$." #col "') END"
#define NODE_JSON                                                                                                  \
    "json_object('id', id, 'name', name, 'region', region, 'status', status, 'refused_reason', refused_reason,"   \
    " 'cursor', cursor, 'head_size', head_size, 'head_root', head_root, 'head_time', head_time, 'pending', pending," \
    " 'last_batch_at', last_batch_at, 'created_at', created_at, 'enrolled_at', enrolled_at,"                          \
    " 'children', json(coalesce(children, '[]'))"
#define BATCH_JSON                                                                                                 \
    "json_object('id', b.id, 'direction', b.direction, 'node_id', b.node_id, 'node_name', n.name, 'from_seq',"    \
    " b.from_seq, 'to_seq', b.to_seq, 'lines', b.lines, 'imported', b.imported, 'rejected', b.rejected,"            \
    " 'head_size', b.head_size, 'head_root', b.head_root, 'changes', json(coalesce(b.changes, '[]')), 'at', b.at, 'errors', json((SELECT json_group_array("        \
    "json_object('line', line, 'key', key, 'error', error)) FROM (SELECT line, key, error FROM sync_batch_errors"     \
    " WHERE batch_id = b.id ORDER BY line LIMIT 100))))"

static int run_json(Store *st, const char *sql, long long id, const json_t *fields, const char *what, ZfError *err)
{
    sqlite3_stmt *q;
    char *text = json_dumps(fields, JSON_COMPACT);
    if (!text) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return free(text), ZF_ERR;
    sqlite3_bind_int64(q, 1, id);
    sqlite3_bind_text(q, 2, text, -1, SQLITE_TRANSIENT);
    free(text);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, what);
}

static int one_json(Store *st, sqlite3_stmt *q, const char *what, const char *code, const char *missing, json_t **row,
                    ZfError *err)
{
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *row = sqlite_json_row(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW) return ZF_OK;
    if (rc == SQLITE_DONE) return zf_fail(err, 404, code, NULL, "%s", missing);
    return sqlite_fail(st, err, what);
}

int sqlite_store_sync_node_add(Store *st, const char *name, const char *region, const char *token_hash, long long *id,
                               ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    sqlite_utc_now(now);
    if (sqlite_prepare(st, "INSERT INTO sync_nodes(name, region, token_hash, created_at) VALUES (?1, ?2, ?3, ?4)", &q,
                       err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, region, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, token_hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE) return *id = sqlite3_last_insert_rowid(st->db), ZF_OK;
    if (sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_UNIQUE)
        return zf_fail(err, 409, "node_name_taken", "name", "下级节点名称“%s”已被使用，请换一个名称", name);
    return sqlite_fail(st, err, "sync_nodes");
}

int sqlite_store_sync_node_by_token(Store *st, const char *token_hash, json_t **node, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT " NODE_JSON ", 'public_key', public_key, 'key_id', key_id) FROM sync_nodes"
                           " WHERE token_hash = ?1", &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, token_hash, -1, SQLITE_STATIC);
    return one_json(st, q, "sync_nodes", "node_unknown", "下级节点令牌无效", node, err);
}

int sqlite_store_sync_node_update(Store *st, long long id, const json_t *fields, ZfError *err)
{
    return run_json(st,
                    "UPDATE sync_nodes SET" SET_IF(public_key) "," SET_IF(key_id) "," SET_IF(status) ","
                    SET_IF(refused_reason) "," SET_IF(cursor) "," SET_IF(head_size) "," SET_IF(head_root) ","
                    SET_IF(head_time) "," SET_IF(pending) "," SET_IF(last_batch_at) "," SET_IF(enrolled_at) ","
                    " children = CASE WHEN json_type(?2, '$.children') IS NULL THEN children"
                    " ELSE json(json_extract(?2, '$.children')) END"
                    " WHERE id = ?1",
                    id, fields, "sync_nodes", err);
}

int sqlite_store_sync_nodes_list(Store *st, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT " NODE_JSON ", 'key_id', key_id) FROM sync_nodes ORDER BY region, name", &q, err) !=
        ZF_OK)
        return ZF_ERR;
    return sqlite_json_rows(st, q, "sync_nodes", items, err);
}

static int record_errors(Store *st, long long batch_id, const json_t *errors, ZfError *err)
{
    sqlite3_stmt *q;
    size_t i;
    json_t *e;
    if (sqlite_prepare(st, "INSERT OR IGNORE INTO sync_batch_errors(batch_id, line, key, error) VALUES (?1, ?2, ?3, ?4)",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    int rc = SQLITE_DONE;
    json_array_foreach(errors, i, e) {
        sqlite3_bind_int64(q, 1, batch_id);
        sqlite3_bind_int64(q, 2, json_integer_value(json_object_get(e, "line")));
        sqlite3_bind_text(q, 3, json_string_value(json_object_get(e, "key")) ?: "", -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 4, json_string_value(json_object_get(e, "error")) ?: "", -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(q);
        sqlite3_reset(q);
        if (rc != SQLITE_DONE) break;
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "sync_batch_errors");
}

int sqlite_store_sync_batch_record(Store *st, const json_t *batch, long long *id, ZfError *err)
{
    sqlite3_stmt *q;
    char *text = json_dumps(batch, JSON_COMPACT);
    char now[32];
    sqlite_utc_now(now);
    if (!text) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    if (sqlite_prepare(st,
                       "INSERT INTO sync_batches(direction, node_id, from_seq, to_seq, lines, imported, rejected,"
                       " head_size, head_root, changes, at) SELECT json_extract(?1, '$.direction'), json_extract(?1, '$.node_id'),"
                       " json_extract(?1, '$.from_seq'), json_extract(?1, '$.to_seq'), json_extract(?1, '$.lines'),"
                       " json_extract(?1, '$.imported'), json_extract(?1, '$.rejected'), json_extract(?1, '$.head_size'),"
                       " json_extract(?1, '$.head_root'), json_extract(?1, '$.changes'), ?2 WHERE 1"
                       " ON CONFLICT(direction, node_id, to_seq) DO NOTHING",
                       &q, err) != ZF_OK)
        return free(text), ZF_ERR;
    sqlite3_bind_text(q, 1, text, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, now, -1, SQLITE_STATIC);
    free(text);
    int rc = sqlite3_step(q);
    int changed = sqlite3_changes(st->db);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "sync_batches");
    *id = changed ? sqlite3_last_insert_rowid(st->db) : 0;
    return changed ? record_errors(st, *id, json_object_get(batch, "errors"), err) : ZF_OK;
}

int sqlite_store_sync_batch_find(Store *st, const char *direction, long long node_id, long long to_seq, json_t **batch,
                                 ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT " BATCH_JSON " FROM sync_batches b LEFT JOIN sync_nodes n ON n.id = b.node_id"
                           " WHERE b.direction = ?1 AND b.node_id = ?2 AND b.to_seq = ?3", &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, direction, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, node_id);
    sqlite3_bind_int64(q, 3, to_seq);
    return one_json(st, q, "sync_batches", "batch_not_found", "交换批次不存在", batch, err);
}

int sqlite_store_sync_batches_list(Store *st, const char *direction, int page, int size, json_t **out, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT " BATCH_JSON ", count(*) OVER () FROM sync_batches b"
                           " LEFT JOIN sync_nodes n ON n.id = b.node_id WHERE ?1 IS NULL OR b.direction = ?1"
                           " ORDER BY b.id DESC LIMIT ?2 OFFSET ?3", &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite_bind_opt(q, 1, direction);
    sqlite3_bind_int(q, 2, size);
    sqlite3_bind_int64(q, 3, (long long)(page - 1) * size);
    json_t *items = json_array();
    long long total = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        json_array_append_new(items, sqlite_json_row(q));
        total = sqlite3_column_int64(q, 1);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return json_decref(items), sqlite_fail(st, err, "sync_batches");
    *out = json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total, "page", page, "size", size);
    return ZF_OK;
}

int sqlite_store_sync_upper_get(Store *st, json_t **row, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "SELECT json_object('url', url, 'token', token, 'upper_key', upper_key, 'upper_key_id', upper_key_id,"
                       " 'node_name', node_name, 'region', region, 'cursor', cursor, 'last_push_at', last_push_at,"
                       " 'last_error', last_error, 'enrolled_at', enrolled_at, 'down_cursor', down_cursor,"
                       " 'lag', (SELECT count(*) FROM sync_changes WHERE seq > u.cursor),"
                       " 'last_seq', (SELECT coalesce(max(seq), 0) FROM sync_changes)) FROM sync_upper u WHERE id = 1",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    return one_json(st, q, "sync_upper", "not_enrolled", "本实例尚未登记上级节点（zhifa sync enrol）", row, err);
}

/* Export order, so a case never arrives before its agency. */
static const char *const seed_sql =
    "INSERT OR IGNORE INTO sync_changes(type, key) SELECT 'agency', code FROM agencies ORDER BY code;"
    "INSERT OR IGNORE INTO sync_changes(type, key) SELECT 'officer', cert_no FROM officers ORDER BY cert_no;"
    "INSERT OR IGNORE INTO sync_changes(type, key) SELECT 'power', code FROM powers ORDER BY code;"
    "INSERT OR IGNORE INTO sync_changes(type, key) SELECT 'benchmark', power FROM benchmarks ORDER BY power;"
    "INSERT OR IGNORE INTO sync_changes(type, key) SELECT 'case', case_no FROM cases ORDER BY case_no;"
    "INSERT OR IGNORE INTO sync_changes(type, key, key2) SELECT 'monthly_report', agency, month FROM monthly_reports"
    " ORDER BY agency, month;";

int sqlite_store_sync_upper_enrol(Store *st, const json_t *row, ZfError *err)
{
    char now[32];
    sqlite_utc_now(now);
    json_t *r = json_deep_copy(row);
    json_object_set_new(r, "enrolled_at", json_string(now));
    int rc = run_json(st,
                      "INSERT INTO sync_upper(id, url, token, upper_key, upper_key_id, node_name, region, enrolled_at)"
                      " SELECT ?1, json_extract(?2, '$.url'), json_extract(?2, '$.token'), json_extract(?2, '$.upper_key'),"
                      " json_extract(?2, '$.upper_key_id'), json_extract(?2, '$.node_name'), json_extract(?2, '$.region'),"
                      " json_extract(?2, '$.enrolled_at')",
                      1, r, "sync_upper", err);
    json_decref(r);
    if (rc != ZF_OK && sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_PRIMARYKEY)
        return zf_fail(err, 409, "already_enrolled", NULL, "本实例已登记上级节点，不能重复登记");
    if (rc != ZF_OK) return rc;
    if (sqlite3_exec(st->db, seed_sql, NULL, NULL, NULL) != SQLITE_OK) return sqlite_fail(st, err, "sync_changes");
    return ZF_OK;
}

int sqlite_store_sync_upper_update(Store *st, const json_t *fields, ZfError *err)
{
    return run_json(st, "UPDATE sync_upper SET" SET_IF(cursor) "," SET_IF(down_cursor) "," SET_IF(last_push_at) "," SET_IF(last_error)
                        " WHERE id = ?1", 1, fields, "sync_upper", err);
}

int sqlite_store_sync_pending(Store *st, long long after_seq, int limit, SyncPendingFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "SELECT c.seq, CASE c.type"
                       " WHEN 'agency' THEN (SELECT body FROM agencies WHERE code = c.key)"
                       " WHEN 'officer' THEN (SELECT body FROM officers WHERE cert_no = c.key)"
                       " WHEN 'power' THEN (SELECT body FROM powers WHERE code = c.key)"
                       " WHEN 'benchmark' THEN (SELECT body FROM benchmarks WHERE power = c.key)"
                       " WHEN 'case' THEN (SELECT body FROM cases WHERE case_no = c.key)"
                       " ELSE (SELECT body FROM monthly_reports WHERE agency = c.key AND month = c.key2) END"
                       " FROM sync_changes c WHERE c.seq > ?1 ORDER BY c.seq LIMIT ?2",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_int64(q, 1, after_seq);
    sqlite3_bind_int(q, 2, limit);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *body = (const char *)sqlite3_column_text(q, 1);
        if (!body) continue; /* a record gone since: nothing to send */
        if (fn(sqlite3_column_int64(q, 0), body, (size_t)sqlite3_column_bytes(q, 1), ctx) != 0) break;
    }
    int failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
    sqlite3_finalize(q);
    return failed ? sqlite_fail(st, err, "sync_changes") : ZF_OK;
}

int sqlite_store_sync_witness_add(Store *st, const json_t *w, ZfError *err)
{
    char now[32];
    sqlite_utc_now(now);
    json_t *r = json_deep_copy(w);
    json_object_set_new(r, "received_at", json_string(now));
    int rc = run_json(st,
                      "INSERT INTO sync_witnesses(tree_size, root, head_time, upper_key_id, signature, received_at)"
                      " SELECT json_extract(?2, '$.tree_size'), json_extract(?2, '$.root'), json_extract(?2, '$.head_time'),"
                      " json_extract(?2, '$.upper_key_id'), json_extract(?2, '$.signature'), json_extract(?2, '$.received_at')"
                      " WHERE ?1 = 1",
                      1, r, "sync_witnesses", err);
    json_decref(r);
    return rc;
}

int sqlite_store_sync_witnesses(Store *st, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT json_object('tree_size', tree_size, 'root', root, 'head_time', head_time,"
                           " 'upper_key_id', upper_key_id, 'signature', signature, 'received_at', received_at)"
                           " FROM sync_witnesses ORDER BY id", &q, err) != ZF_OK)
        return ZF_ERR;
    return sqlite_json_rows(st, q, "sync_witnesses", items, err);
}

int sqlite_store_sync_publish(Store *st, const char *kind, const char *key, const char *body, const char *hash,
                              int *changed, ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    sqlite_utc_now(now);
    *changed = 0;
    if (sqlite_prepare(st, "SELECT hash FROM sync_published WHERE kind = ?1 AND key = ?2", &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_text(q, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    int same = rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(q, 0), hash) == 0;
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return sqlite_fail(st, err, "sync_published");
    if (same) return ZF_OK;
    if (sqlite_prepare(st, "DELETE FROM sync_published WHERE kind = ?1 AND key = ?2", &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_text(q, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "sync_published");
    if (sqlite_prepare(st, "INSERT INTO sync_published(kind, key, body, hash, published_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, body, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, now, -1, SQLITE_STATIC);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "sync_published");
    *changed = 1;
    return ZF_OK;
}

int sqlite_store_sync_published_after(Store *st, long long after_seq, int limit, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT json_object('seq', seq, 'kind', kind, 'key', key, 'body', body, 'hash', hash)"
                           " FROM sync_published WHERE seq > ?1 ORDER BY seq LIMIT ?2", &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_int64(q, 1, after_seq);
    sqlite3_bind_int(q, 2, limit);
    return sqlite_json_rows(st, q, "sync_published", items, err);
}
