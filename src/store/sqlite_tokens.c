/* SQLite side of store/tokens.h. Parameterized statements only; the hash never leaves the store. */
#include <string.h>

#include "store/sqlite_internal.h"
#include "store/tokens.h"

int sqlite_store_token_create(Store *st, const char *name, const char *region, const char *token_hash,
                              const char *created_by, long long *id, ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    sqlite_utc_now(now);
    if (sqlite_prepare(st,
                       "INSERT INTO api_tokens(name, region, token_hash, created_by, created_at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5)",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, region, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, token_hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, created_by, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE) {
        *id = sqlite3_last_insert_rowid(st->db);
        return ZF_OK;
    }
    if (sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_UNIQUE)
        return zf_fail(err, 409, "token_name_taken", "name", "令牌名称“%s”已被使用（含已吊销的令牌），请换一个名称", name);
    return sqlite_fail(st, err, "api_tokens");
}

static int read_one(Store *st, sqlite3_stmt *q, ApiToken *out, ZfError *err)
{
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->id = sqlite3_column_int64(q, 0);
        sqlite_col_copy(q, 1, out->name, sizeof out->name);
        sqlite_col_copy(q, 2, out->region, sizeof out->region);
        out->revoked = sqlite3_column_type(q, 3) != SQLITE_NULL;
    }
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW) return ZF_OK;
    if (rc == SQLITE_DONE) return zf_fail(err, 404, "token_not_found", NULL, "接口令牌不存在");
    return sqlite_fail(st, err, "api_tokens");
}

int sqlite_store_token_by_hash(Store *st, const char *token_hash, ApiToken *out, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT id, name, region, revoked_at FROM api_tokens WHERE token_hash = ?1", &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, token_hash, -1, SQLITE_STATIC);
    return read_one(st, q, out, err);
}

int sqlite_store_token_find(Store *st, const char *name, long long id, ApiToken *out, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "SELECT id, name, region, revoked_at FROM api_tokens"
                       " WHERE (?1 IS NOT NULL AND name = ?1) OR (?1 IS NULL AND id = ?2)",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite_bind_opt(q, 1, name);
    sqlite3_bind_int64(q, 2, id);
    return read_one(st, q, out, err);
}

static int exec_id(Store *st, const char *sql, long long id, ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    sqlite_utc_now(now);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_int64(q, 1, id);
    sqlite3_bind_text(q, 2, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "api_tokens");
    if (sqlite3_changes(st->db) == 0) return zf_fail(err, 404, "token_not_found", NULL, "接口令牌不存在");
    return ZF_OK;
}

int sqlite_store_token_touch(Store *st, long long id, ZfError *err)
{
    return exec_id(st, "UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1", id, err);
}

int sqlite_store_token_revoke(Store *st, long long id, ZfError *err)
{
    return exec_id(st, "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1", id, err);
}

int sqlite_store_tokens_list(Store *st, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "SELECT id, name, region, created_by, created_at, last_used_at, revoked_at"
                       " FROM api_tokens ORDER BY id DESC",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    json_t *a = json_array();
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(sqlite3_column_int64(q, 0)));
        json_object_set_new(o, "name", sqlite_json_text(q, 1));
        json_object_set_new(o, "region", sqlite_json_text(q, 2));
        json_object_set_new(o, "created_by", sqlite_json_text(q, 3));
        json_object_set_new(o, "created_at", sqlite_json_text(q, 4));
        json_object_set_new(o, "last_used_at", sqlite_json_text(q, 5));
        json_object_set_new(o, "revoked_at", sqlite_json_text(q, 6));
        json_array_append_new(a, o);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        json_decref(a);
        return sqlite_fail(st, err, "api_tokens");
    }
    *items = a;
    return ZF_OK;
}
