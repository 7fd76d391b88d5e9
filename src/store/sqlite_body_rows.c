/* Tables of a few indexed columns and a JSON body (reviews, deliveries, inspections): one row read
 * by id, one row written (insert without an id, update with one), from a table's description. */
#include <stdio.h>
#include <string.h>

#include "store/sqlite_internal.h"

size_t sqlite_body_ncols(const SqliteBodyTable *d)
{
    size_t n = 0;
    while (n < SQLITE_BODY_MAX_COLS && d->cols[n]) n++;
    return n;
}

bool sqlite_body_has_col(const SqliteBodyTable *d, const char *col)
{
    for (size_t i = 0; i < sqlite_body_ncols(d); i++)
        if (strcmp(d->cols[i], col) == 0) return true;
    return false;
}

int sqlite_body_one(Store *st, const SqliteBodyTable *d, sqlite3_stmt *q, json_t **row, ZfError *err)
{
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *row = sqlite_json_row(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE) return zf_fail(err, 404, "not_found", NULL, "%s不存在", d->what);
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, d->table);
}

int sqlite_body_get(Store *st, const SqliteBodyTable *d, long long id, json_t **row, ZfError *err)
{
    char sql[512];
    sqlite3_stmt *q;
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?1", d->json, d->table);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_int64(q, 1, id);
    return sqlite_body_one(st, d, q, row, err);
}

/* INSERT INTO t(c1, …, body) VALUES (?1, …, ?n+1) or UPDATE t SET c1 = ?1, …, body = ?n+1 WHERE id = ?n+2 */
static void put_sql(const SqliteBodyTable *d, bool insert, char *sql, size_t cap)
{
    size_t n = sqlite_body_ncols(d);
    char names[200] = "", marks[80] = "", sets[260] = "";
    for (size_t i = 0; i < n; i++) {
        snprintf(marks + strlen(marks), sizeof marks - strlen(marks), "%s?%zu", i ? ", " : "", i + 1);
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "", d->cols[i]);
        snprintf(sets + strlen(sets), sizeof sets - strlen(sets), "%s%s = ?%zu", i ? ", " : "", d->cols[i], i + 1);
    }
    if (insert) snprintf(sql, cap, "INSERT INTO %s(%s, body) VALUES (%s, ?%zu)", d->table, names, marks, n + 1);
    else snprintf(sql, cap, "UPDATE %s SET %s, body = ?%zu WHERE id = ?%zu", d->table, sets, n + 1, n + 2);
}

/* Columns named *_id hold integers; the others text (NULL when the row lacks them). */
static void bind_cols(sqlite3_stmt *q, const SqliteBodyTable *d, const json_t *row)
{
    for (size_t i = 0; i < sqlite_body_ncols(d); i++) {
        json_t *v = json_object_get(row, d->cols[i]);
        if (strstr(d->cols[i], "_id") && json_is_integer(v)) sqlite3_bind_int64(q, (int)i + 1, json_integer_value(v));
        else sqlite_bind_opt(q, (int)i + 1, json_string_value(v));
    }
}

int sqlite_body_put(Store *st, const SqliteBodyTable *d, json_t *row, ZfError *err)
{
    size_t n = sqlite_body_ncols(d);
    json_t *idv = json_object_get(row, "id"), *b = json_object_get(row, "body");
    bool insert = !json_is_integer(idv);
    char sql[1024];
    put_sql(d, insert, sql, sizeof sql);
    char *body = b ? json_dumps(b, JSON_COMPACT | JSON_SORT_KEYS) : strdup("{}");
    sqlite3_stmt *q;
    if (!body) return zf_fail(err, 500, "internal", NULL, "%s无法保存", d->what);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return free(body), ZF_ERR;
    bind_cols(q, d, row);
    sqlite3_bind_text(q, (int)n + 1, body, -1, SQLITE_STATIC);
    if (!insert) sqlite3_bind_int64(q, (int)n + 2, json_integer_value(idv));
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    free(body);
    if (rc == SQLITE_CONSTRAINT && d->constraint_is_duplicate)
        return zf_fail(err, 409, "duplicate", d->key, "%s已存在", d->what);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, d->table);
    if (!insert) return sqlite3_changes(st->db) == 1 ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "%s不存在", d->what);
    json_object_set_new(row, "id", json_integer(sqlite3_last_insert_rowid(st->db)));
    return ZF_OK;
}
