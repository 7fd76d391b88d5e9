/* PostgreSQL side of store/tokens.h: the API tokens of the open interface. The hash never leaves
 * the store. */
#include <string.h>

#include "store/pg_internal.h"
#include "store/pg_ops.h"
#include "store/tokens.h"

#define NOW_TEXT "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

int pg_store_token_create(Store *st, const char *name, const char *region, const char *token_hash,
                          const char *created_by, long long *id, ZfError *err)
{
    PGresult *r = pg_query(st,
                           "INSERT INTO api_tokens(name, region, token_hash, created_by, created_at)"
                           " VALUES ($1, $2, $3, $4, " NOW_TEXT ") RETURNING id",
                           PG_ARGS(name, region, token_hash, created_by), "api_tokens", err);
    if (!r) {
        if (err && err->status == 409) /* the name's unique key: revoked names stay taken */
            return zf_fail(err, 409, "token_name_taken", "name", "令牌名称“%s”已被使用（含已吊销的令牌），请换一个名称",
                           name);
        return ZF_ERR;
    }
    *id = pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

static int read_one(PGresult *r, ApiToken *out, ZfError *err)
{
    if (!r) return ZF_ERR;
    int found = PQntuples(r) > 0;
    if (found) {
        memset(out, 0, sizeof *out);
        out->id = pg_ll(r, 0, 0);
        pg_copy(r, 0, 1, out->name, sizeof out->name);
        pg_copy(r, 0, 2, out->region, sizeof out->region);
        out->revoked = !PQgetisnull(r, 0, 3);
    }
    PQclear(r);
    return found ? ZF_OK : zf_fail(err, 404, "token_not_found", NULL, "接口令牌不存在");
}

int pg_store_token_by_hash(Store *st, const char *token_hash, ApiToken *out, ZfError *err)
{
    return read_one(pg_query(st, "SELECT id, name, region, revoked_at FROM api_tokens WHERE token_hash = $1",
                             PG_ARGS(token_hash), "api_tokens", err),
                    out, err);
}

int pg_store_token_find(Store *st, const char *name, long long id, ApiToken *out, ZfError *err)
{
    char idt[24];
    return read_one(pg_query(st,
                             "SELECT id, name, region, revoked_at FROM api_tokens"
                             " WHERE ($1::text IS NOT NULL AND name = $1) OR ($1::text IS NULL AND id = $2::bigint)",
                             PG_ARGS(name, pg_int(idt, id)), "api_tokens", err),
                    out, err);
}

static int exec_id(Store *st, const char *sql, long long id, ZfError *err)
{
    char idt[24];
    long long n = 0;
    if (pg_exec(st, sql, PG_ARGS(pg_int(idt, id)), "api_tokens", &n, err) != ZF_OK) return ZF_ERR;
    return n ? ZF_OK : zf_fail(err, 404, "token_not_found", NULL, "接口令牌不存在");
}

int pg_store_token_touch(Store *st, long long id, ZfError *err)
{
    return exec_id(st, "UPDATE api_tokens SET last_used_at = " NOW_TEXT " WHERE id = $1::bigint", id, err);
}

int pg_store_token_revoke(Store *st, long long id, ZfError *err)
{
    return exec_id(st, "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, " NOW_TEXT ") WHERE id = $1::bigint", id,
                   err);
}

int pg_store_tokens_list(Store *st, json_t **items, ZfError *err)
{
    return pg_json_rows(st,
                        "SELECT json_build_object('id', id, 'name', name, 'region', region, 'created_by', created_by,"
                        " 'created_at', created_at, 'last_used_at', last_used_at, 'revoked_at', revoked_at)"
                        " FROM api_tokens ORDER BY id DESC",
                        PG_NOARGS, "api_tokens", items, err);
}
