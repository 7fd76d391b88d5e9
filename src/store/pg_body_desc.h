/* Tables of a few indexed columns beside a JSON body on PostgreSQL (normative documents, the
 * assessment's tables): one row read by id, one row written (insert without an id, update with
 * one), every row walked, from a table's description — the twin of sqlite_body_rows.c for the
 * tables of migrations_pg/002. */
#ifndef ZF_STORE_PG_BODY_DESC_H
#define ZF_STORE_PG_BODY_DESC_H

#include <jansson.h>
#include <stdbool.h>

#include "store/store.h"

#define PG_DESC_MAX_COLS 6
typedef struct {
    const char *table, *what;               /* "normative_docs", "规范性文件" (in messages) */
    const char *cols[PG_DESC_MAX_COLS + 1]; /* NULL-terminated; columns named *_id hold integers */
    const char *json;                       /* the row as json_build_object(…), keys as SQLite's */
    const char *key;                        /* the 409's field, or NULL */
    bool constraint_is_duplicate;           /* a unique key refusing a write is a 409 duplicate */
} PgBodyDesc;

bool pg_desc_has_col(const PgBodyDesc *d, const char *col);
int pg_desc_get(Store *st, const PgBodyDesc *d, long long id, json_t **row, ZfError *err);
/* Inserts the row (no "id": the new id is set on it) or updates it by id (404 when absent). */
int pg_desc_put(Store *st, const PgBodyDesc *d, json_t *row, ZfError *err);
/* The rows of sql (one json_build_object column) to fn in order; non-zero from fn stops. */
int pg_desc_walk(Store *st, const char *sql, int n, const char *const *params, const char *what,
                 int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err);

#endif
