/* Storage of the tamper-evident record (migration 004): events, cached subtree nodes, signed
 * heads, keys, attachments. A LedgerDb holds the prepared statements on one Store connection;
 * open it after store_open, close it before store_close, use it from that connection's thread. */
#ifndef ZF_STORE_LEDGER_H
#define ZF_STORE_LEDGER_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"
#include "util/digest.h"

/* A signed tree head as stored (signed and checked by ledger/sth.c). */
#define STH_SM2_ID "1234567812345678"
#define STH_PREFIX "zhifa-sth-v1"
#define STH_MAX_SIG 80 /* DER SM2 signatures are at most 72 bytes */
#define STH_KEY_ID_LEN 64 /* hex SM3 of the DER public key */

typedef struct {
    uint64_t tree_size;
    MerkleHash root;
    int64_t time; /* unix seconds */
    unsigned char sig[STH_MAX_SIG];
    size_t sig_len;
    char key_id[STH_KEY_ID_LEN + 1];
} SignedHead;

typedef struct LedgerDb LedgerDb;

int ledger_db_open(Store *st, LedgerDb **out, ZfError *err);
void ledger_db_close(LedgerDb *db);

/* Number of events = max(seq) + 1 (0 when empty). */
int ledger_db_size(LedgerDb *db, uint64_t *size, ZfError *err);
int ledger_db_insert_event(LedgerDb *db, uint64_t seq, const char *time, const char *type, const char *subject,
                           const char *body, size_t len, const MerkleHash *leaf, ZfError *err);
/* Stored leaf hashes of seq in [start, end); ZF_ERR (409 ledger_gap) unless all are present. */
int ledger_db_leaves(LedgerDb *db, uint64_t start, uint64_t end, MerkleHash *out, ZfError *err);
int ledger_db_put_node(LedgerDb *db, unsigned level, uint64_t idx, const MerkleHash *hash, ZfError *err);
/* ZF_ERR with status 404 when the node is not cached. */
int ledger_db_get_node(LedgerDb *db, unsigned level, uint64_t idx, MerkleHash *out, ZfError *err);

typedef struct {
    uint64_t seq;
    const char *time, *type, *subject;
    const char *body;
    size_t body_len;
    const unsigned char *leaf; /* may be of the wrong length when tampered */
    size_t leaf_len;
} LedgerEventRow;
/* Rows valid only during the callback; a non-zero return stops the walk. */
typedef int (*LedgerEventFn)(const LedgerEventRow *row, void *ctx);
/* Every event in seq order. */
int ledger_db_foreach_event(LedgerDb *db, LedgerEventFn fn, void *ctx, ZfError *err);
/* The event at seq, if there is one (fn is not called when there is none). */
int ledger_db_event_at(LedgerDb *db, uint64_t seq, LedgerEventFn fn, void *ctx, ZfError *err);
/* The events of one subject (e.g. a case_no) in seq order. */
int ledger_db_subject_events(LedgerDb *db, const char *subject, LedgerEventFn fn, void *ctx, ZfError *err);
/* Every cached node, ordered by level then idx. */
typedef int (*LedgerNodeFn)(unsigned level, uint64_t idx, const unsigned char *hash, size_t len, void *ctx);
int ledger_db_foreach_node(LedgerDb *db, LedgerNodeFn fn, void *ctx, ZfError *err);

/* Heads. origin "" = signed by this instance. */
int ledger_db_insert_head(LedgerDb *db, const char *origin, const SignedHead *h, ZfError *err);
/* *found = 0 when none. The newest = largest tree_size, then latest time. */
int ledger_db_latest_head(LedgerDb *db, const char *origin, SignedHead *h, int *found, ZfError *err);
typedef int (*LedgerHeadFn)(long long id, const char *origin, const SignedHead *h, int well_formed, void *ctx);
/* Every head in (origin, tree_size, time) order; well_formed = 0 when a column cannot be read back. */
int ledger_db_foreach_head(LedgerDb *db, LedgerHeadFn fn, void *ctx, ZfError *err);

/* Keys: put ignores an existing key_id; get gives the PEM (malloc'd) or 404. */
int ledger_db_put_key(LedgerDb *db, const char *key_id, const char *origin, const char *pem, ZfError *err);
int ledger_db_get_key(LedgerDb *db, const char *key_id, char **pem, ZfError *err);
/* The newest key of origin: *pem NULL when none. */
int ledger_db_origin_key(LedgerDb *db, const char *origin, char **pem, ZfError *err);

int ledger_db_put_attachment(LedgerDb *db, const char *sm3_hex, int64_t size, const char *media_type, ZfError *err);
typedef int (*LedgerAttachmentFn)(const char *sm3_hex, int64_t size, void *ctx);
int ledger_db_foreach_attachment(LedgerDb *db, LedgerAttachmentFn fn, void *ctx, ZfError *err);

/* Each case attachment row (migration 010) with the body of the event its ledger_seq names
 * (NULL when there is none): row = {"id","ledger_seq","case_no","stage","kind","name","mime",
 * "size","sha256","sm3"}, valid during the callback only. */
typedef int (*LedgerCaseAttachmentFn)(const json_t *row, const char *event, size_t len, void *ctx);
int ledger_db_foreach_case_attachment(LedgerDb *db, LedgerCaseAttachmentFn fn, void *ctx, ZfError *err);
/* Each case row: its key, the columns data scope and lists read (agency, kind, and those of
 * 案件查询, migration 029; filing_no, 039) as text, its agency's stored region, and its body. */
typedef struct {
    const char *case_no, *agency, *kind; /* NULL when the column is NULL */
    const char *region, *procedure, *filed_on, *decided_on, *closed_on, *fine_fen, *party_name, *doc_no;
    const char *filing_no;
    const char *agency_region;           /* agencies.region of the case's agency; NULL when none */
    const char *body;
    size_t len;
} LedgerCaseRow;
typedef int (*LedgerCaseFn)(const LedgerCaseRow *row, void *ctx);
int ledger_db_foreach_case(LedgerDb *db, LedgerCaseFn fn, void *ctx, ZfError *err);

/* Columns copied beside a record that data scope reads, compared in SQL with their source: an
 * agency's indexed columns and an officer's with the record body they were taken from, and the
 * agency of every row of online handling (case_workflow, approval_tasks, case_publicity) with the
 * agency of the case record it belongs to. fn gets each mismatch: table, the row's key, column,
 * and the source it was compared with ("body" or "cases"). */
typedef int (*LedgerColumnFn)(const char *table, const char *key, const char *column, const char *source,
                              void *ctx);
int ledger_db_foreach_column_mismatch(LedgerDb *db, LedgerColumnFn fn, void *ctx, ZfError *err);

#endif
