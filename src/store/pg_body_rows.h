/* Tables of a few indexed columns beside a JSON body (reviews, deliveries, inspections, normative
 * documents, reconsiderations, the assessment's tables) on
 * PostgreSQL: one row read by id, one row written (insert without an id, update with one), from a
 * table's description — the twin of sqlite_body_rows.c. */
#ifndef ZF_STORE_PG_BODY_ROWS_H
#define ZF_STORE_PG_BODY_ROWS_H

#include <jansson.h>
#include <libpq-fe.h>
#include <stdbool.h>

#include "store/store.h"

#define PG_BODY_MAX_COLS 6
typedef struct {
    const char *table, *what;               /* "review_plans", "评查方案" (in messages) */
    const char *cols[PG_BODY_MAX_COLS + 1]; /* NULL-terminated; columns named *_id hold integers */
    const char *json;                       /* the row as json_build_object(…), keys as SQLite's */
    const char *key;                        /* a unique column (filters, the 409's field), or NULL */
    bool constraint_is_duplicate;           /* a constraint refusing a write is a 409 duplicate */
} PgBodyTable;

bool pg_body_has_col(const PgBodyTable *d, const char *col);
/* The one row of sql (its parameters n, params) as JSON: 404 in d's words when there is none. */
int pg_body_one(Store *st, const PgBodyTable *d, const char *sql, int n, const char *const *params, json_t **row,
                ZfError *err);
int pg_body_get(Store *st, const PgBodyTable *d, long long id, json_t **row, ZfError *err);
/* Inserts the row (no "id": the new id is set on it) or updates it by id (404 when absent). */
int pg_body_put(Store *st, const PgBodyTable *d, json_t *row, ZfError *err);
/* The rows of sql (one json_build_object column) to fn in order; non-zero from fn stops. */
int pg_body_walk(Store *st, const char *sql, int n, const char *const *params, const char *what,
                 int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err);

#endif
