/* PostgreSQL side of store/sync.h: the rows and shapes of sqlite_sync.c. Updates take their
 * fields as one JSON text: a member present sets its column (a JSON null clears it), an absent one
 * leaves it. The outbox is filled by the triggers of migrations_pg/002, which number changes under
 * an advisory lock; the seed at enrolment takes the same lock. */
#include <stdlib.h>
#include <string.h>

#include "store/pg_internal.h"
#include "store/pg_ops.h"
#include "store/sync.h"

#define PG_NOW "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
/* $2 is the fields' JSON text */
#define SET_IF(col, type) \
    " " #col " = CASE WHEN $2::jsonb ? '" #col "' THEN ($2::jsonb ->> '" #col "')::" #type " ELSE " #col " END"
#define NODE_JSON                                                                                                  \
    "json_build_object('id', id, 'name', name, 'region', region, 'status', status, 'refused_reason',"             \
    " refused_reason, 'cursor', cursor, 'head_size', head_size, 'head_root', head_root, 'head_time', head_time,"   \
    " 'pending', pending, 'last_batch_at', last_batch_at, 'created_at', created_at, 'enrolled_at', enrolled_at,"   \
    " 'children', coalesce(children, '[]')::json"
#define BATCH_JSON                                                                                                 \
    "json_build_object('id', b.id, 'direction', b.direction, 'node_id', b.node_id, 'node_name', n.name,"          \
    " 'from_seq', b.from_seq, 'to_seq', b.to_seq, 'lines', b.lines, 'imported', b.imported, 'rejected',"           \
    " b.rejected, 'head_size', b.head_size, 'head_root', b.head_root, 'changes', coalesce(b.changes, '[]')::json," \
    " 'at', b.at, 'errors', (SELECT coalesce(json_agg(json_build_object('line', e.line, 'key', e.key, 'error',"   \
    " e.error) ORDER BY e.line), '[]') FROM (SELECT line, key, error FROM sync_batch_errors"                       \
    " WHERE batch_id = b.id ORDER BY line LIMIT 100) e))"
/* A member of $1 as SQLite's json_extract gives it: a string unquoted, anything else as JSON text. */
#define JSON_MEMBER(k) \
    "CASE jsonb_typeof($1::jsonb -> '" k "') WHEN 'string' THEN $1::jsonb ->> '" k "'" \
    " WHEN 'null' THEN NULL ELSE ($1::jsonb -> '" k "')::text END"

static int run_json(Store *st, const char *sql, long long id, const json_t *fields, const char *what, ZfError *err)
{
    char *text = json_dumps(fields, JSON_COMPACT), idt[24];
    if (!text) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    int rc = pg_exec_text(st, sql, PG_ARGS(pg_int(idt, id), text), what, NULL, err);
    free(text);
    return rc;
}

static int one_json(Store *st, const char *sql, int n, const char *const *params, const char *what, const char *code,
                    const char *missing, json_t **row, ZfError *err)
{
    json_t *rows;
    if (pg_json_rows(st, sql, n, params, what, &rows, err) != ZF_OK) return ZF_ERR;
    bool found = json_array_size(rows) > 0;
    if (found) *row = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    return found ? ZF_OK : zf_fail(err, 404, code, NULL, "%s", missing);
}

int pg_store_sync_node_add(Store *st, const char *name, const char *region, const char *token_hash, long long *id,
                           ZfError *err)
{
    ZfError e = {0};
    PGresult *r = pg_query(st,
                           "INSERT INTO sync_nodes(name, region, token_hash, created_at) VALUES ($1, $2, $3, " PG_NOW
                           ") RETURNING id",
                           PG_ARGS(name, region, token_hash), "sync_nodes", &e);
    if (!r && e.status == 409 && !strcmp(e.code, "duplicate"))
        return zf_fail(err, 409, "node_name_taken", "name", "下级节点名称“%s”已被使用，请换一个名称", name);
    if (!r) return *err = e, ZF_ERR;
    *id = pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

int pg_store_sync_node_by_token(Store *st, const char *token_hash, json_t **node, ZfError *err)
{
    return one_json(st,
                    "SELECT " NODE_JSON ", 'public_key', public_key, 'key_id', key_id) FROM sync_nodes"
                    " WHERE token_hash = $1",
                    PG_ARGS(token_hash), "sync_nodes", "node_unknown", "下级节点令牌无效", node, err);
}

int pg_store_sync_node_update(Store *st, long long id, const json_t *fields, ZfError *err)
{
    return run_json(st,
                    "UPDATE sync_nodes SET" SET_IF(public_key, text) "," SET_IF(key_id, text) "," SET_IF(status, text)
                    "," SET_IF(refused_reason, text) "," SET_IF(cursor, bigint) "," SET_IF(head_size, bigint) ","
                    SET_IF(head_root, text) "," SET_IF(head_time, bigint) "," SET_IF(pending, bigint) ","
                    SET_IF(last_batch_at, text) "," SET_IF(enrolled_at, text) ","
                    " children = CASE WHEN $2::jsonb ? 'children'"
                    " THEN nullif(($2::jsonb -> 'children')::text, 'null') ELSE children END"
                    " WHERE id = $1::bigint",
                    id, fields, "sync_nodes", err);
}

int pg_store_sync_nodes_list(Store *st, json_t **items, ZfError *err)
{
    return pg_json_rows(st,
                        "SELECT " NODE_JSON ", 'key_id', key_id) FROM sync_nodes"
                        " ORDER BY region COLLATE \"C\", name COLLATE \"C\"",
                        PG_NOARGS, "sync_nodes", items, err);
}

static int record_errors(Store *st, long long batch_id, const json_t *errors, ZfError *err)
{
    size_t i;
    json_t *e;
    char bid[24], line[24];
    json_array_foreach(errors, i, e) {
        const char *key = json_string_value(json_object_get(e, "key")), *msg = json_string_value(json_object_get(e, "error"));
        if (pg_exec(st,
                    "INSERT INTO sync_batch_errors(batch_id, line, key, error) VALUES ($1::bigint, $2::bigint, $3, $4)"
                    " ON CONFLICT DO NOTHING",
                    PG_ARGS(pg_int(bid, batch_id), pg_int(line, json_integer_value(json_object_get(e, "line"))),
                            key ? key : "", msg ? msg : ""),
                    "sync_batch_errors", NULL, err) != ZF_OK)
            return ZF_ERR;
    }
    return ZF_OK;
}

int pg_store_sync_batch_record(Store *st, const json_t *batch, long long *id, ZfError *err)
{
    char *text = json_dumps(batch, JSON_COMPACT);
    if (!text) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    PGresult *r = pg_query_text(
        st,
        "INSERT INTO sync_batches(direction, node_id, from_seq, to_seq, lines, imported, rejected, head_size,"
        " head_root, changes, at) SELECT $1::jsonb ->> 'direction', ($1::jsonb ->> 'node_id')::bigint,"
        " ($1::jsonb ->> 'from_seq')::bigint, ($1::jsonb ->> 'to_seq')::bigint, ($1::jsonb ->> 'lines')::bigint,"
        " ($1::jsonb ->> 'imported')::bigint, ($1::jsonb ->> 'rejected')::bigint, ($1::jsonb ->> 'head_size')::bigint,"
        " " JSON_MEMBER("head_root") ", " JSON_MEMBER("changes") ", " PG_NOW
        " ON CONFLICT (direction, node_id, to_seq) DO NOTHING RETURNING id",
        PG_ARGS(text), "sync_batches", err);
    free(text);
    if (!r) return ZF_ERR;
    int changed = PQntuples(r);
    *id = changed ? pg_ll(r, 0, 0) : 0;
    PQclear(r);
    return changed ? record_errors(st, *id, json_object_get(batch, "errors"), err) : ZF_OK;
}

int pg_store_sync_batch_find(Store *st, const char *direction, long long node_id, long long to_seq, json_t **batch,
                             ZfError *err)
{
    char nid[24], seq[24];
    return one_json(st,
                    "SELECT " BATCH_JSON " FROM sync_batches b LEFT JOIN sync_nodes n ON n.id = b.node_id"
                    " WHERE b.direction = $1 AND b.node_id = $2::bigint AND b.to_seq = $3::bigint",
                    PG_ARGS(direction, pg_int(nid, node_id), pg_int(seq, to_seq)), "sync_batches", "batch_not_found",
                    "交换批次不存在", batch, err);
}

int pg_store_sync_batches_list(Store *st, const char *direction, int page, int size, json_t **out, ZfError *err)
{
    char lim[24], off[24];
    PGresult *r = pg_query_text(st,
                                "SELECT " BATCH_JSON ", count(*) OVER () FROM sync_batches b"
                                " LEFT JOIN sync_nodes n ON n.id = b.node_id WHERE $1 IS NULL OR b.direction = $1"
                                " ORDER BY b.id DESC LIMIT $2::bigint OFFSET $3::bigint",
                                PG_ARGS(direction, pg_int(lim, size), pg_int(off, (long long)(page - 1) * size)),
                                "sync_batches", err);
    if (!r) return ZF_ERR;
    json_t *items = json_array();
    long long total = 0;
    for (int i = 0; i < PQntuples(r); i++) {
        json_array_append_new(items, pg_json_cell(r, i, 0));
        total = pg_ll(r, i, 1);
    }
    PQclear(r);
    *out = pg_page(items, total, page, size);
    return ZF_OK;
}

int pg_store_sync_upper_get(Store *st, json_t **row, ZfError *err)
{
    return one_json(st,
                    "SELECT json_build_object('url', url, 'token', token, 'upper_key', upper_key, 'upper_key_id',"
                    " upper_key_id, 'node_name', node_name, 'region', region, 'cursor', cursor, 'last_push_at',"
                    " last_push_at, 'last_error', last_error, 'enrolled_at', enrolled_at, 'down_cursor', down_cursor,"
                    " 'lag', (SELECT count(*) FROM sync_changes WHERE seq > u.cursor),"
                    " 'last_seq', (SELECT coalesce(max(seq), 0) FROM sync_changes)) FROM sync_upper u WHERE id = 1",
                    PG_NOARGS, "sync_upper", "not_enrolled", "本实例尚未登记上级节点（zhifa sync enrol）", row, err);
}

/* Export order, so a case never arrives before its agency; under the outbox triggers' lock. */
static const char *const SEED[] = {
    "SELECT pg_advisory_xact_lock(7021063)",
    "INSERT INTO sync_changes(type, key) SELECT 'agency', code FROM agencies ORDER BY code COLLATE \"C\""
    " ON CONFLICT DO NOTHING",
    "INSERT INTO sync_changes(type, key) SELECT 'officer', cert_no FROM officers ORDER BY cert_no COLLATE \"C\""
    " ON CONFLICT DO NOTHING",
    "INSERT INTO sync_changes(type, key) SELECT 'power', code FROM powers ORDER BY code COLLATE \"C\""
    " ON CONFLICT DO NOTHING",
    "INSERT INTO sync_changes(type, key) SELECT 'benchmark', power FROM benchmarks ORDER BY power COLLATE \"C\""
    " ON CONFLICT DO NOTHING",
    "INSERT INTO sync_changes(type, key) SELECT 'case', case_no FROM cases ORDER BY case_no COLLATE \"C\""
    " ON CONFLICT DO NOTHING",
    "INSERT INTO sync_changes(type, key, key2) SELECT 'monthly_report', agency, month FROM monthly_reports"
    " ORDER BY agency COLLATE \"C\", month COLLATE \"C\" ON CONFLICT DO NOTHING",
};

int pg_store_sync_upper_enrol(Store *st, const json_t *row, ZfError *err)
{
    json_t *r = json_deep_copy(row);
    ZfError e = {0};
    int rc = run_json(st,
                      "INSERT INTO sync_upper(id, url, token, upper_key, upper_key_id, node_name, region, enrolled_at)"
                      " SELECT $1::bigint, $2::jsonb ->> 'url', $2::jsonb ->> 'token', $2::jsonb ->> 'upper_key',"
                      " $2::jsonb ->> 'upper_key_id', $2::jsonb ->> 'node_name', $2::jsonb ->> 'region', " PG_NOW,
                      1, r, "sync_upper", &e);
    json_decref(r);
    if (rc != ZF_OK && e.status == 409 && !strcmp(e.code, "duplicate"))
        return zf_fail(err, 409, "already_enrolled", NULL, "本实例已登记上级节点，不能重复登记");
    if (rc != ZF_OK) return *err = e, ZF_ERR;
    for (size_t i = 0; i < sizeof SEED / sizeof *SEED; i++)
        if (pg_exec(st, SEED[i], PG_NOARGS, "sync_changes", NULL, err) != ZF_OK) return ZF_ERR;
    return ZF_OK;
}

int pg_store_sync_upper_update(Store *st, const json_t *fields, ZfError *err)
{
    return run_json(st,
                    "UPDATE sync_upper SET" SET_IF(cursor, bigint) "," SET_IF(down_cursor, bigint) ","
                    SET_IF(last_push_at, text) "," SET_IF(last_error, text) " WHERE id = $1::bigint",
                    1, fields, "sync_upper", err);
}

int pg_store_sync_pending(Store *st, long long after_seq, int limit, SyncPendingFn fn, void *ctx, ZfError *err)
{
    char after[24], lim[24];
    PGresult *r = pg_query_text(st,
                                "SELECT c.seq, CASE c.type"
                                " WHEN 'agency' THEN (SELECT body FROM agencies WHERE code = c.key)"
                                " WHEN 'officer' THEN (SELECT body FROM officers WHERE cert_no = c.key)"
                                " WHEN 'power' THEN (SELECT body FROM powers WHERE code = c.key)"
                                " WHEN 'benchmark' THEN (SELECT body FROM benchmarks WHERE power = c.key)"
                                " WHEN 'case' THEN (SELECT body FROM cases WHERE case_no = c.key)"
                                " ELSE (SELECT body FROM monthly_reports WHERE agency = c.key AND month = c.key2) END"
                                " FROM sync_changes c WHERE c.seq > $1::bigint ORDER BY c.seq LIMIT $2::bigint",
                                PG_ARGS(pg_int(after, after_seq), pg_int(lim, limit)), "sync_changes", err);
    if (!r) return ZF_ERR;
    for (int i = 0; i < PQntuples(r); i++) {
        if (PQgetisnull(r, i, 1)) continue; /* a record gone since: nothing to send */
        if (fn(pg_ll(r, i, 0), PQgetvalue(r, i, 1), (size_t)PQgetlength(r, i, 1), ctx) != 0) break;
    }
    PQclear(r);
    return ZF_OK;
}

int pg_store_sync_witness_add(Store *st, const json_t *w, ZfError *err)
{
    return run_json(st,
                    "INSERT INTO sync_witnesses(tree_size, root, head_time, upper_key_id, signature, received_at)"
                    " SELECT ($2::jsonb ->> 'tree_size')::bigint, $2::jsonb ->> 'root',"
                    " ($2::jsonb ->> 'head_time')::bigint, $2::jsonb ->> 'upper_key_id', $2::jsonb ->> 'signature', "
                    PG_NOW " WHERE $1::bigint = 1",
                    1, w, "sync_witnesses", err);
}

int pg_store_sync_witnesses(Store *st, json_t **items, ZfError *err)
{
    return pg_json_rows(st,
                        "SELECT json_build_object('tree_size', tree_size, 'root', root, 'head_time', head_time,"
                        " 'upper_key_id', upper_key_id, 'signature', signature, 'received_at', received_at)"
                        " FROM sync_witnesses ORDER BY id",
                        PG_NOARGS, "sync_witnesses", items, err);
}

/* Orders across levels: a lower level's copy of an upper order and how far its answer went up. */
int pg_store_sync_order_link_put(Store *st, const json_t *link, ZfError *err)
{
    char a[24], b[24], c[24], d[24];
    const char *keys[] = {"local_id", "upper_id", "sent_received", "sent_round"};
    char *bufs[] = {a, b, c, d};
    for (int i = 0; i < 4; i++) pg_int(bufs[i], json_integer_value(json_object_get(link, keys[i])));
    return pg_exec_text(st,
                        "INSERT INTO sync_order_links(local_id, upper_id, sent_received, sent_round)"
                        " VALUES ($1::bigint, $2::bigint, $3::bigint, $4::bigint) ON CONFLICT (local_id) DO UPDATE SET"
                        " upper_id = EXCLUDED.upper_id, sent_received = EXCLUDED.sent_received,"
                        " sent_round = EXCLUDED.sent_round",
                        PG_ARGS(a, b, c, d), "sync_order_links", NULL, err);
}

int pg_store_sync_order_links(Store *st, json_t **items, ZfError *err)
{
    return pg_json_rows(st,
                        "SELECT json_build_object('local_id', local_id, 'upper_id', upper_id, 'sent_received',"
                        " sent_received, 'sent_round', sent_round) FROM sync_order_links ORDER BY local_id",
                        PG_NOARGS, "sync_order_links", items, err);
}

/* One statement: a new item, or a new version (another hash) moved to a new seq; the same version
 * writes nothing. */
int pg_store_sync_publish(Store *st, const char *kind, const char *key, const char *body, const char *hash,
                          int *changed, ZfError *err)
{
    PGresult *r = pg_query(st,
                           "INSERT INTO sync_published AS p (kind, key, body, hash, published_at)"
                           " VALUES ($1, $2, $3, $4, " PG_NOW ") ON CONFLICT (kind, key) DO UPDATE"
                           " SET seq = nextval(pg_get_serial_sequence('sync_published', 'seq')), body = excluded.body,"
                           " hash = excluded.hash, published_at = excluded.published_at WHERE p.hash <> excluded.hash"
                           " RETURNING seq",
                           PG_ARGS(kind, key, body, hash), "sync_published", err);
    if (!r) return ZF_ERR;
    *changed = PQntuples(r) > 0;
    PQclear(r);
    return ZF_OK;
}

int pg_store_sync_published_after(Store *st, long long after_seq, int limit, json_t **items, ZfError *err)
{
    char after[24], lim[24];
    return pg_json_rows(st,
                        "SELECT json_build_object('seq', seq, 'kind', kind, 'key', key, 'body', body, 'hash', hash)"
                        " FROM sync_published WHERE seq > $1::bigint ORDER BY seq LIMIT $2::bigint",
                        PG_ARGS(pg_int(after, after_seq), pg_int(lim, limit)), "sync_published", items, err);
}
