/* PostgreSQL side of store/reviews.h: the 评查标准 (review standards) the start loads. The plans,
 * items, tasks and 申辩 are in pg_review_rows.c. */
#include <stdio.h>

#include "store/pg_internal.h"
#include "store/pg_ops.h"

#define STANDARD_FIELDS "'code', code, 'name', name, 'shipped', shipped <> 0, 'sha256', sha256, 'updated_at', updated_at"

int pg_store_review_standard_get(Store *st, const char *code, json_t **row, ZfError *err)
{
    json_t *rows;
    if (pg_json_rows(st, "SELECT json_build_object(" STANDARD_FIELDS ", 'body', body::json) FROM review_standards"
                         " WHERE code = $1",
                     PG_ARGS(code), "review_standards", &rows, err) != ZF_OK)
        return ZF_ERR;
    if (!json_array_size(rows)) {
        json_decref(rows);
        return zf_fail(err, 404, "not_found", "standard", "评查标准不存在");
    }
    *row = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    return ZF_OK;
}

int pg_store_review_standards(Store *st, json_t **items, ZfError *err)
{
    return pg_json_rows(st,
                        "SELECT json_build_object(" STANDARD_FIELDS ", 'kinds', body::json -> 'kinds')"
                        " FROM review_standards ORDER BY shipped DESC, code COLLATE \"C\"",
                        PG_NOARGS, "review_standards", items, err);
}

int pg_store_review_standard_put(Store *st, const char *code, const char *name, const char *body, const char *sha256,
                                 bool shipped, ZfError *err)
{
    return pg_exec(st,
                   "INSERT INTO review_standards(code, name, shipped, body, sha256, updated_at)"
                   " VALUES ($1, $2, $3, $4, $5, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))"
                   " ON CONFLICT (code) DO UPDATE SET name = excluded.name, shipped = excluded.shipped,"
                   " body = excluded.body, sha256 = excluded.sha256, updated_at = excluded.updated_at",
                   PG_ARGS(code, name, shipped ? "1" : "0", body, sha256 ? sha256 : ""), "review_standards", NULL,
                   err);
}
