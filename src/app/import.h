/* exchange-v1 import (spec/exchange-v1.md "Import contract"): line-by-line validation, good lines
 * stored in batched transactions, bad lines reported through a callback and never stored. */
#ifndef ZF_IMPORT_H
#define ZF_IMPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "store/store.h"

#define IMPORT_LINE_MAX (1 << 20) /* bytes; a longer line is rejected unread */
#define IMPORT_BATCH 10000

typedef struct {
    long long lines;
    long long imported;
    long long rejected;
} ImportSummary;

typedef void (*ImportRejectFn)(long long line, const char *key, const char *error, void *ctx);
typedef void (*ImportProgressFn)(const ImportSummary *so_far, void *ctx);
/* A record stored (its keys borrow from a value that dies after the call: copy what you keep). */
typedef void (*ImportStoredFn)(const RecordKeys *keys, void *ctx);
/* May this valid record be stored? NULL = yes, else the Chinese reason its line is rejected
 * (the upload route refuses records outside the uploader's data scope, as stored and as the
 * line would leave them). Called inside the batch transaction, so it sees what the batch stored. */
typedef const char *(*ImportAcceptFn)(const StoredRecord *rec, void *ctx);
/* What an accept hook returns when it could not ask the store: the import stops (503), as when a
 * write fails, instead of going on outside its transaction. */
extern const char IMPORT_ACCEPT_STORE_FAILED[];

typedef struct {
    ImportRejectFn on_reject;
    ImportProgressFn on_progress; /* may be NULL; called after each batch */
    ImportStoredFn on_stored;     /* may be NULL */
    void *ctx;
    ImportAcceptFn accept;        /* may be NULL: every valid record is stored */
} ImportHooks;

/* ZF_OK when the stream was read to its end (rejected lines included); ZF_ERR on a read or
 * database failure, in which case every batch committed before it stays committed. */
int import_stream(Store *st, FILE *in, const ImportHooks *hooks, ImportSummary *sum, ZfError *err);

/* One record (a form entry, a workflow step) through the same path as an imported line —
 * validation, ledger event and record in one transaction. A refused record → status 400 with
 * the validator's message. */
int import_one_record(Store *st, const json_t *rec, ZfError *err);
/* The same inside the caller's open transaction (store_begin): the workflow writes its row, its
 * 文号 and the record together, so a failure leaves none of them. */
int import_one_record_in(Store *st, const json_t *rec, ZfError *err);

/* The reject report line {"line":n,"key":"…","error":"…"}; malloc'd. */
char *import_reject_json(long long line, const char *key, const char *error);

#endif
