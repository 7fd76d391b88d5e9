/* Shared by the PostgreSQL store files only (pg_*.c): the connection, parameterized queries
 * with text parameters, and the error mapping. */
#ifndef ZF_PG_INTERNAL_H
#define ZF_PG_INTERNAL_H

#include <jansson.h>
#include <libpq-fe.h>
#include <stdbool.h>

#include "store/store.h"
#include "store/store_ops.h"

typedef struct PgStore {
    const StoreOps *ops; /* first: the dispatch reads it (store_ops.h) */
    PGconn *conn;
    char *files_path; /* the --db path: <path>.files and .keys stay on disk */
    char outer[48];   /* a savepoint that opened the transaction (pg_store_savepoint) */
    struct PgPrepared *prepared; /* statements prepared on this connection (pg_prepared.c) */
    int nprepared;
    bool reading;     /* the open transaction is store_begin_read's (read only: no row locks) */
    char cause_state[6];      /* the last failed statement's SQLSTATE and message (pg.c report_error) */
    char cause_message[256];
} PgStore;

#define PG_CONN(st) (((PgStore *)(st))->conn)

extern const StoreOps pg_store_ops;

/* Runs sql with n text parameters ($1…; NULL = SQL NULL). Returns the result (PQclear it), or
 * NULL with err set from the SQLSTATE: 503 on serialization/deadlock/lock failures and a lost
 * connection, 409 on a unique or foreign-key violation, 400 on a check or not-null one, else 500. */
PGresult *pg_query(Store *st, const char *sql, int n, const char *const *params, const char *what, ZfError *err);
/* The same for a statement whose rows are not read; *affected (may be NULL) = rows changed. */
int pg_exec(Store *st, const char *sql, int n, const char *const *params, const char *what, long long *affected,
            ZfError *err);
/* pg_exec with every parameter declared text (at most 16): for statements that leave some of
 * a fixed parameter list unused (the records' upserts), which PostgreSQL cannot type. */
PGresult *pg_query_text(Store *st, const char *sql, int n, const char *const *params, const char *what, ZfError *err);
int pg_exec_text(Store *st, const char *sql, int n, const char *const *params, const char *what, long long *affected,
                 ZfError *err);
/* Parameter arrays written inline: pg_query(st, sql, PG_ARGS(a, b), "what", err). */
#define PG_ARGS(...) (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)), (const char *const[]){__VA_ARGS__}
#define PG_NOARGS 0, NULL
/* An integer as parameter text, in buf. */
const char *pg_int(char buf[24], long long v);
/* A cell: text ("" when NULL), copied text, integer (0 when NULL), JSON string or null. */
const char *pg_text(const PGresult *r, int row, int col);
void pg_copy(const PGresult *r, int row, int col, char *out, size_t cap);
long long pg_ll(const PGresult *r, int row, int col);
json_t *pg_json_text(const PGresult *r, int row, int col);
json_t *pg_json_int_or_null(const PGresult *r, int row, int col);
/* A result whose one column is a json_build_object: each row parsed ({} if unparsable). */
json_t *pg_json_cell(const PGresult *r, int row, int col);
int pg_json_rows(Store *st, const char *sql, int n, const char *const *params, const char *what, json_t **items,
                 ZfError *err);
/* Runs sql as a statement prepared once per connection (by its text; unnamed when the bounded
 * cache is full). types may be NULL. The raw result: the caller checks its status. */
PGresult *pg_exec_cached(Store *st, const char *sql, int n, const Oid *types, const char *const *params);
void pg_prepared_free(PgStore *pg);
/* Sets err from the connection's state (no result at hand). */
int pg_fail_conn(Store *st, const char *what, ZfError *err);
/* Wraps a list in {items, total, page, size}. */
json_t *pg_page(json_t *items, long long total, int page, int size);
/* A transaction of its own around fn, unless one is open already (then fn runs inside it). */
bool pg_in_transaction(Store *st);
/* Inside a transaction that may write (store_begin, a savepoint): where a row read to be changed
 * takes its lock (FOR UPDATE), as SQLite's BEGIN IMMEDIATE serialises every writer. */
bool pg_in_write_transaction(Store *st);
/* A case body's year of filing (the partition key): the first four digits of filed_on, else 0. */
int pg_case_filed_year(const char *body, size_t len);

#endif
