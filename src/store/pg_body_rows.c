/* See pg_body_rows.h. Table and column names come from the descriptions (fixed text); values are
 * parameters. */
#include "store/pg_body_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_internal.h"

static size_t ncols(const PgBodyTable *d)
{
    size_t n = 0;
    while (n < PG_BODY_MAX_COLS && d->cols[n]) n++;
    return n;
}

bool pg_body_has_col(const PgBodyTable *d, const char *col)
{
    for (size_t i = 0; i < ncols(d); i++)
        if (strcmp(d->cols[i], col) == 0) return true;
    return false;
}

int pg_body_one(Store *st, const PgBodyTable *d, const char *sql, int n, const char *const *params, json_t **row,
                ZfError *err)
{
    PGresult *r = pg_query(st, sql, n, params, d->table, err);
    if (!r) return ZF_ERR;
    int found = PQntuples(r) > 0;
    if (found) *row = pg_json_cell(r, 0, 0);
    PQclear(r);
    return found ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "%s不存在", d->what);
}

/* Inside a writing transaction the row is read to be changed (a state checked, then the row
 * written): it is locked until the transaction ends, so two requests acting on one row at once
 * run one after the other as under SQLite's BEGIN IMMEDIATE — the second sees the first's write
 * (a document registered twice: one number, the other 409) instead of both passing the check. */
int pg_body_get(Store *st, const PgBodyTable *d, long long id, json_t **row, ZfError *err)
{
    char sql[768], idt[24];
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = $1::bigint%s", d->json, d->table,
             pg_in_write_transaction(st) ? " FOR UPDATE" : "");
    return pg_body_one(st, d, sql, PG_ARGS(pg_int(idt, id)), row, err);
}

/* INSERT INTO t(c1, …, body) VALUES ($1, …, $n+1) RETURNING id, or
 * UPDATE t SET c1 = $1, …, body = $n+1 WHERE id = $n+2 RETURNING id */
static void put_sql(const PgBodyTable *d, bool insert, char *sql, size_t cap)
{
    size_t n = ncols(d);
    char names[200] = "", marks[160] = "", sets[320] = "";
    for (size_t i = 0; i < n; i++) {
        const char *type = strstr(d->cols[i], "_id") ? "bigint" : "text";
        snprintf(marks + strlen(marks), sizeof marks - strlen(marks), "%s$%zu::%s", i ? ", " : "", i + 1, type);
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "", d->cols[i]);
        snprintf(sets + strlen(sets), sizeof sets - strlen(sets), "%s%s = $%zu::%s", i ? ", " : "", d->cols[i], i + 1,
                 type);
    }
    if (insert)
        snprintf(sql, cap, "INSERT INTO %s(%s, body) VALUES (%s, $%zu::text) RETURNING id", d->table, names, marks, n + 1);
    else
        snprintf(sql, cap, "UPDATE %s SET %s, body = $%zu::text WHERE id = $%zu::bigint RETURNING id", d->table, sets, n + 1,
                 n + 2);
}

/* Columns named *_id hold integers; the others text (NULL when the row lacks them). */
static void col_params(const PgBodyTable *d, const json_t *row, const char **params, char nums[][24])
{
    for (size_t i = 0; i < ncols(d); i++) {
        json_t *v = json_object_get(row, d->cols[i]);
        if (strstr(d->cols[i], "_id") && json_is_integer(v)) params[i] = pg_int(nums[i], json_integer_value(v));
        else params[i] = json_string_value(v);
    }
}

int pg_body_put(Store *st, const PgBodyTable *d, json_t *row, ZfError *err)
{
    size_t n = ncols(d);
    json_t *idv = json_object_get(row, "id"), *b = json_object_get(row, "body");
    bool insert = !json_is_integer(idv);
    char sql[1024], nums[PG_BODY_MAX_COLS + 2][24];
    const char *params[PG_BODY_MAX_COLS + 2] = {0};
    put_sql(d, insert, sql, sizeof sql);
    char *body = b ? json_dumps(b, JSON_COMPACT | JSON_SORT_KEYS) : strdup("{}");
    if (!body) return zf_fail(err, 500, "internal", NULL, "%s无法保存", d->what);
    col_params(d, row, params, nums);
    params[n] = body;
    if (!insert) params[n + 1] = pg_int(nums[n + 1], json_integer_value(idv));
    ZfError e = {0};
    PGresult *r = pg_query(st, sql, (int)(insert ? n + 1 : n + 2), params, d->table, &e);
    free(body);
    if (!r && e.status == 409 && d->constraint_is_duplicate)
        return zf_fail(err, 409, "duplicate", d->key, "%s已存在", d->what);
    if (!r) return *err = e, ZF_ERR;
    int changed = PQntuples(r);
    long long id = changed ? pg_ll(r, 0, 0) : 0;
    PQclear(r);
    if (!insert) return changed == 1 ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "%s不存在", d->what);
    json_object_set_new(row, "id", json_integer(id));
    return ZF_OK;
}

int pg_body_walk(Store *st, const char *sql, int n, const char *const *params, const char *what,
                 int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err)
{
    PGresult *r = pg_query(st, sql, n, params, what, err);
    if (!r) return ZF_ERR;
    for (int i = 0, stop = 0; i < PQntuples(r) && !stop; i++) {
        json_t *row = pg_json_cell(r, i, 0);
        stop = fn(row, ctx);
        json_decref(row);
    }
    PQclear(r);
    return ZF_OK;
}
