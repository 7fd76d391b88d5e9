/* See sqlite_where.h. */
#include "store/sqlite_where.h"

#include "store/sqlite_internal.h"

#include <stdio.h>
#include <string.h>

void sql_where_init(SqlWhere *w)
{
    snprintf(w->sql, sizeof w->sql, "WHERE 1=1");
    w->n = 0;
}

/* Out of room: the query must match nothing rather than lose a clause (a lost scope clause would
 * widen it). "AND 0" always fits: the buffer keeps room for it. */
static void match_nothing(SqlWhere *w)
{
    size_t len = strlen(w->sql);
    if (len + 7 >= sizeof w->sql) len = sizeof w->sql - 7;
    snprintf(w->sql + len, sizeof w->sql - len, " AND 0");
}

void sql_where_fixed(SqlWhere *w, const char *clause)
{
    size_t len = strlen(w->sql), add = strlen(clause) + 5;
    if (len + add + 7 >= sizeof w->sql) return match_nothing(w);
    snprintf(w->sql + len, sizeof w->sql - len, " AND %s", clause);
}

void sql_where_text_n(SqlWhere *w, const char *clause, const char *value, int times)
{
    if (!value || !*value) return;
    if (w->n + times > SQL_WHERE_MAX_BINDS) return match_nothing(w);
    for (int i = 0; i < times; i++) w->text[w->n] = value, w->is_num[w->n] = false, w->n++;
    sql_where_fixed(w, clause);
}

void sql_where_text(SqlWhere *w, const char *clause, const char *value) { sql_where_text_n(w, clause, value, 1); }

void sql_where_num(SqlWhere *w, const char *clause, long long value)
{
    if (value < 0) return;
    if (w->n >= SQL_WHERE_MAX_BINDS) return match_nothing(w);
    w->num[w->n] = value, w->is_num[w->n] = true, w->n++;
    sql_where_fixed(w, clause);
}

void sql_where_prefix(SqlWhere *w, const char *column, const char *prefix)
{
    char clause[160];
    if (!prefix || !*prefix) return;
    snprintf(clause, sizeof clause, "substr(coalesce(%s, ''), 1, %zu) = ?", column, strlen(prefix));
    sql_where_text(w, clause, prefix);
}

void sql_where_bind(sqlite3_stmt *q, const SqlWhere *w, int first)
{
    for (int i = 0; i < w->n; i++) {
        if (w->is_num[i]) sqlite3_bind_int64(q, first + i, w->num[i]);
        else sqlite3_bind_text(q, first + i, w->text[i], -1, SQLITE_STATIC);
    }
}

long long sql_where_count(Store *st, const char *from, const SqlWhere *w, ZfError *err)
{
    char sql[4096];
    sqlite3_stmt *q;
    snprintf(sql, sizeof sql, "SELECT count(*) %s%s", from, w->sql);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return -1;
    sql_where_bind(q, w, 1);
    long long n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
    sqlite3_finalize(q);
    if (n < 0) sqlite_fail(st, err, from);
    return n;
}

int sql_where_page(Store *st, const char *sql, const SqlWhere *w, int page, int size, long long total, SqlRowFn row_fn,
                   const char *what, json_t **out, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sql_where_bind(q, w, 1);
    sqlite3_bind_int(q, w->n + 1, size);
    sqlite3_bind_int64(q, w->n + 2, (sqlite3_int64)(page - 1) * size);
    json_t *items = json_array();
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) json_array_append_new(items, row_fn(q));
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        json_decref(items);
        return sqlite_fail(st, err, what);
    }
    *out = json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total, "page", page, "size", size);
    return ZF_OK;
}
