/* The one persistence interface. Callers never see SQL; every query behind it is parameterized.
 * A Store is one connection: use it from one thread at a time (the server keeps one per worker). */
#ifndef ZF_STORE_H
#define ZF_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/exchange.h"
#include "util/error.h"

typedef struct Store Store;


/* A validated exchange-v1 record ready to store: its indexed columns and its body text. */
typedef struct {
    RecordKeys keys;
    const char *body; /* the record's JSON text, stored and exported as is */
    size_t body_len;
} StoredRecord;

typedef enum {
    STORE_OPEN_EXISTING = 0,
    STORE_OPEN_CREATE = 1,
    /* an existing database, for one long read of its own (a streamed export): a small page cache,
     * so its memory stays bounded however much it reads or sorts */
    STORE_OPEN_LEAN = 2,
} StoreOpenMode;

int store_open(const char *path, StoreOpenMode mode, Store **out, ZfError *err);
void store_close(Store *st);
int store_schema_version(Store *st);
/* A cheap query proving the database answers. */
int store_ping(Store *st, ZfError *err);

int store_begin(Store *st, ZfError *err);
int store_commit(Store *st, ZfError *err);
void store_rollback(Store *st);
/* A read transaction: one consistent snapshot for a long read (verify); end it with store_rollback. */
int store_begin_read(Store *st, ZfError *err);
/* Named savepoints inside a transaction, so a step that writes several things leaves all or none.
 * name is a fixed identifier of the caller's ([a-z_]); rollback_to also releases it. */
int store_savepoint(Store *st, const char *name, ZfError *err);
int store_release(Store *st, const char *name, ZfError *err);
void store_rollback_to(Store *st, const char *name);

/* Insert or replace by key (idempotent re-import). *changed (may be NULL) = 1 when the stored
 * body is new or differs, 0 when the same body was already there (nothing written). */
int store_put_record(Store *st, const StoredRecord *rec, int *changed, ZfError *err);
/* The same for n records in their order (changed[i] for each; may be NULL): as n calls of
 * store_put_record, a later record of the same key after the earlier one, but a backend may write
 * them in fewer statements (PostgreSQL: one upsert per run of a type). On failure nothing of the
 * call is to be kept: the caller rolls its transaction back. */
int store_put_records(Store *st, const StoredRecord *recs, size_t n, int *changed, ZfError *err);
/* Calls fn with each stored body of a type, ordered by key; stops when fn returns non-zero. */
typedef int (*StoreRecordFn)(const char *body, size_t len, void *ctx);
int store_foreach_record(Store *st, RecordType type, StoreRecordFn fn, void *ctx, ZfError *err);
/* Only records stored or changed at or after `since` (UTC, "YYYY-MM-DD" or a timestamp); NULL = all. */
int store_foreach_record_since(Store *st, RecordType type, const char *since, StoreRecordFn fn, void *ctx,
                               ZfError *err);
long long store_count_records(Store *st, RecordType type);

/* For a bulk writer (the import): WAL checkpoints run on a second connection in a thread of
 * their own instead of inside the writer's commits, until stop. NULL when it could not start —
 * then the writer checkpoints itself as usual. Stop before closing the store. */
typedef struct StoreCheckpointer StoreCheckpointer;
StoreCheckpointer *store_checkpointer_start(Store *st);
void store_checkpointer_stop(StoreCheckpointer *c);


#endif
