/* The WHERE clause of a filtered list query, built from fixed SQL fragments with every value bound
 * (shared by the SQLite list queries: findings, cases). A filter whose value is absent adds nothing;
 * a clause that would not fit makes the whole query match nothing, never a wider one. */
#ifndef ZF_STORE_SQLITE_WHERE_H
#define ZF_STORE_SQLITE_WHERE_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "util/error.h"

#define SQL_WHERE_MAX_BINDS 24

typedef struct {
    char sql[3072]; /* "WHERE 1=1 AND …" */
    const char *text[SQL_WHERE_MAX_BINDS];
    long long num[SQL_WHERE_MAX_BINDS];
    bool is_num[SQL_WHERE_MAX_BINDS];
    int n;
} SqlWhere;

void sql_where_init(SqlWhere *w);
/* A clause without values (e.g. "x IS NULL"). */
void sql_where_fixed(SqlWhere *w, const char *clause);
/* A clause with `times` placeholders, each bound to value; nothing when value is NULL or "". */
void sql_where_text_n(SqlWhere *w, const char *clause, const char *value, int times);
void sql_where_text(SqlWhere *w, const char *clause, const char *value);
/* A clause with one integer placeholder; nothing when value < 0. */
void sql_where_num(SqlWhere *w, const char *clause, long long value);
/* column starts with prefix (a region and everything below it); nothing when prefix is NULL or "". */
void sql_where_prefix(SqlWhere *w, const char *column, const char *prefix);
/* Binds the values from parameter index `first`. */
void sql_where_bind(sqlite3_stmt *q, const SqlWhere *w, int first);

typedef struct Store Store;
typedef json_t *(*SqlRowFn)(sqlite3_stmt *q);
/* count(*) of `from` ("FROM … ") under w; -1 with err on failure. */
long long sql_where_count(Store *st, const char *from, const SqlWhere *w, ZfError *err);
/* One page of a list: sql holds w's clause and ends in "LIMIT ? OFFSET ?"; each row through row_fn into
 * {"items","total","page","size"}. `what` names the query in an error. */
int sql_where_page(Store *st, const char *sql, const SqlWhere *w, int page, int size, long long total, SqlRowFn row_fn,
                   const char *what, json_t **out, ZfError *err);

#endif
