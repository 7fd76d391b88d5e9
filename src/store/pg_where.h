/* The WHERE clause of a filtered PostgreSQL list query (pg_*.c), built from fixed SQL fragments
 * with every value a parameter: the twin of sqlite_where.h. Each "?" of a clause becomes $n, typed
 * (::text, ::bigint) so PostgreSQL needs no context to infer it. A filter whose value is absent
 * adds nothing; a clause that would not fit makes the whole query match nothing, never a wider one. */
#ifndef ZF_STORE_PG_WHERE_H
#define ZF_STORE_PG_WHERE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "store/store.h"

#define PG_WHERE_MAX_PARAMS 24

typedef struct {
    char sql[3072]; /* "WHERE true AND …" */
    const char *params[PG_WHERE_MAX_PARAMS + 2]; /* + LIMIT and OFFSET */
    char nums[PG_WHERE_MAX_PARAMS + 2][24];
    int n;
} PgWhere;

void pg_where_init(PgWhere *w);
/* A clause without values (e.g. "x IS NULL"). */
void pg_where_fixed(PgWhere *w, const char *clause);
/* A clause whose every "?" is value (one parameter); nothing when value is NULL or "". */
void pg_where_text(PgWhere *w, const char *clause, const char *value);
/* A clause with one integer "?"; nothing when value < 0. */
void pg_where_num(PgWhere *w, const char *clause, long long value);
/* column starts with prefix (a region and everything below it); nothing when prefix is NULL or "". */
void pg_where_prefix(PgWhere *w, const char *column, const char *prefix);

/* count(*) of `from` ("FROM … ") under w; -1 with err on failure. */
long long pg_where_count(Store *st, const char *from, const PgWhere *w, const char *what, ZfError *err);
/* One page: `select` ("SELECT … FROM … "), then w, then `order` ("ORDER BY …"); each row through
 * row_fn into {"items","total","page","size"}. w gains the LIMIT and OFFSET parameters. */
typedef json_t *(*PgRowFn)(const PGresult *r, int row);
int pg_where_page(Store *st, const char *select, PgWhere *w, const char *order, int page, int size, long long total,
                  PgRowFn row_fn, const char *what, json_t **out, ZfError *err);
/* The row whose one column is a json_build_object, parsed: a PgRowFn. */
json_t *pg_where_json_row(const PGresult *r, int row);

#endif
