/* The tamper-evident record (全过程记录/存证), public interface: append events, sign tree heads,
 * prove inclusion and consistency, verify everything, export and check dossiers.
 * Format and trust model: docs/ledger.md. Hashing and proofs are pure (merkle.h); storage is
 * store/ledger_store.h; signatures sth.h. */
#ifndef ZF_LEDGER_H
#define ZF_LEDGER_H

#include <jansson.h>
#include <stdint.h>

#include "ledger/merkle.h"
#include "ledger/sth.h"
#include "store/store.h"

/* Subtrees of 2^LEDGER_CACHE_LEVEL leaves and up are cached in ledger_nodes. */
#define LEDGER_CACHE_LEVEL 6
/* Event types whose data is the whole case record (the cases table must equal the latest). */
#define LEDGER_CASE_IMPORT "case.import"
#define LEDGER_ATTACHMENT_ADD "attachment.add"
/* A case_timeline row as written: {id, case_no, time, user, action, from_stage, to_stage, note}. */
#define LEDGER_TIMELINE_ADD "timeline.add"
/* A case_workflow row as stored after the write (store_workflow_get's shape). */
#define LEDGER_WORKFLOW_PUT "workflow.put"
/* An orders row as stored after the write (store_order_get's shape without agency_name and
 * agency_region, with its case_nos and finding_ids links); subject "order:<id>". */
#define LEDGER_ORDER_PUT "order.put"
/* An order_timeline row as written: {id, order_id, time, on, user, action, from_status, to_status,
 * note}; subject "order:<id>". */
#define LEDGER_ORDER_TIMELINE "order.timeline"
/* The subject of an order's events: "order:<id>". */
#define LEDGER_ORDER_SUBJECT_PREFIX "order:"
void ledger_order_subject(long long order_id, char out[32]);
/* A leads row as stored after the write (store_lead_get's shape without agency_name); subject
 * "lead:<id>". Its lead_timeline rows as written: {id, lead_id, time, on, user, action, from_status,
 * to_status, note}. */
#define LEDGER_LEAD_PUT "lead.put"
#define LEDGER_LEAD_TIMELINE "lead.timeline"
#define LEDGER_REVIEW_PLAN_PUT "review_plan.put" /* 案卷评查 (docs/reviews.md) */
#define LEDGER_REVIEW_TASK_PUT "review_task.put"
/* 电子送达 (docs/documents.md): a delivery_consents / deliveries row as stored after the write
 * (store_delivery_get's shape); subjects "delivery_consent:<id>", "delivery:<id>". */
#define LEDGER_DELIVERY_CONSENT_PUT "delivery_consent.put"
#define LEDGER_DELIVERY_PUT "delivery.put"
#define LEDGER_NORMATIVE_PUT "normative_doc.put"       /* 规范性文件备案审查 (docs/normative-docs.md) */
#define LEDGER_NORMATIVE_TASK_PUT "normative_task.put"
/* 法治督察考核 (docs/assessment.md): plans, fillings (with their evidence digests) and scores as
 * stored after the write; subjects "assessment_plan:<id>", "assessment_filling:<id>", "assessment_score:<id>". */
#define LEDGER_ASSESSMENT_PLAN_PUT "assessment_plan.put"
#define LEDGER_ASSESSMENT_FILLING_PUT "assessment_filling.put"
#define LEDGER_ASSESSMENT_SCORE_PUT "assessment_score.put"
/* 行政复议 (docs/reconsideration.md): a reconsiderations row as stored after the write
 * (store_recon_get's shape without respondent_name/respondent_region) and each
 * reconsideration_timeline row as written; subject "reconsideration:<id>". */
#define LEDGER_RECON_PUT "reconsideration.put"
#define LEDGER_RECON_TIMELINE "reconsideration.timeline"
#define LEDGER_RECON_SUBJECT_PREFIX "reconsideration:"
/* 双随机、综合查一次 (docs/inspections.md): an insp_plans / joint_plans row as stored after the write
 * (store_insp_get's shape), the draw's items and population and the results with it; subjects
 * "inspection-plan:<id>" (beside the draw's own inspection.draw event), "joint-plan:<id>". */
#define LEDGER_INSP_PLAN_PUT "inspection_plan.put"
#define LEDGER_JOINT_PLAN_PUT "joint_plan.put"


/* A ledger on one Store connection (same thread rules as the Store). */
typedef struct Ledger Ledger;
int ledger_open(Store *st, Ledger **out, ZfError *err);
void ledger_close(Ledger *l);
/* Forget the cached tree state; call at each transaction boundary of a batch writer so the next
 * append reloads it inside the new transaction (another process may have appended meanwhile). */
void ledger_reset(Ledger *l);

/* Appends one event inside the caller's transaction (batch-friendly: no per-event transaction).
 * *seq (may be NULL) receives its position. data is not consumed. */
int ledger_add(Ledger *l, const char *type, const char *subject, const json_t *data, uint64_t *seq, ZfError *err);
/* ledger_add with the event's head (ledger_event_head of the data) and its leaf hash begun
 * (merkle_draft_begin over the head) elsewhere — the import prepares both on its parsing thread.
 * Same bytes, same hash. The draft is finished (spent) by the call. */
int ledger_add_prepared(Ledger *l, const char *type, const char *subject, const char *head, size_t head_len,
                        MerkleLeafDraft *draft, uint64_t *seq, ZfError *err);
/* One event in its own savepoint (atomic whether or not a transaction is open). */
int ledger_append(Store *st, const char *type, const char *subject, json_t *event, ZfError *err);
/* The same with the event's position in *seq (may be NULL). */
int ledger_append_seq(Store *st, const char *type, const char *subject, const json_t *event, uint64_t *seq,
                      ZfError *err);

/* Creates the key pair when the database has no local key and the key file is absent; records
 * the public key in the database. *created tells whether a key was generated. */
int ledger_init_key(Store *st, const char *db_path, int *created, ZfError *err);
/* Signs a head over the current tree unless the newest head already covers it.
 * *signed_new (may be NULL) tells which; out (may be NULL) receives the newest head. */
int ledger_sign_head(Store *st, const char *db_path, SignedHead *out, int *signed_new, ZfError *err);
/* Newest local head and its public key PEM (malloc'd); *found = 0 when none was signed yet. */
int ledger_latest_head(Ledger *l, SignedHead *h, char **public_pem, int *found, ZfError *err);
/* {"tree_size","root","time","signature" (base64 DER),"public_key" (PEM),"key_id"} */
json_t *ledger_head_json(const SignedHead *h, const char *public_pem);

int ledger_size(Ledger *l, uint64_t *size, ZfError *err);
int ledger_root_at(Ledger *l, uint64_t size, MerkleHash *root, ZfError *err);
/* Inclusion of event seq in the tree of `size` (from stored hashes; check against a signed root). */
int ledger_inclusion(Ledger *l, uint64_t seq, uint64_t size, MerkleHash path[MERKLE_MAX_PATH], size_t *len,
                     ZfError *err);
int ledger_consistency(Ledger *l, uint64_t m, uint64_t n, MerkleHash path[MERKLE_MAX_PATH], size_t *len,
                       ZfError *err);
/* The JSON answers shared by CLI and API. size 0 = the newest signed head's size. */
int ledger_inclusion_json(Ledger *l, uint64_t seq, uint64_t size, json_t **out, ZfError *err);
int ledger_consistency_json(Ledger *l, uint64_t m, uint64_t n, json_t **out, ZfError *err);

/* Full verification: every leaf recomputed from the stored event bytes, the whole tree, every
 * head's signature and root, the node cache, attachments, and each case record against its
 * latest case.* event. Each discrepancy goes to fn (kind is a fixed English word, position a
 * seq, head id or -1, message Chinese). Returns ZF_OK when it could run; *problems counts. */
typedef void (*LedgerProblemFn)(const char *kind, long long position, const char *message, void *ctx);
typedef struct {
    uint64_t events, heads, attachments, cases;
    uint64_t unsigned_tail; /* events after the newest head: not yet signed */
    long long problems;
} LedgerVerifyStats;
int ledger_verify(Store *st, const char *db_path, LedgerProblemFn fn, void *ctx, LedgerVerifyStats *stats,
                  ZfError *err);

/* One case's events checked against the newest signed head (the case page's panel):
 * {"case_no","status":"verified"|"broken"|"pending"|"empty","head":{…},"events":[…],"problems":[…]} */
int ledger_case_integrity(Store *st, const char *db_path, const char *case_no, json_t **out, ZfError *err);

/* Attachments (attachment.c): content lives in <db>.files/<sm3 hex>, named by its digest. */
void ledger_attachment_path(const char *db_path, const char *sm3_hex, char *out, size_t cap);
/* Writes the content under its digest: a temp file, fsync, rename, fsync of the directory, so the
 * name never holds partial bytes; content already stored is kept (same digest, same bytes). Call
 * before the transaction that logs it: a rollback leaves a file a later upload reuses. */
int ledger_attachment_save(const char *db_path, const char *sm3_hex, const void *data, size_t len, ZfError *err);
/* The same for content already written to tmp_path (open as fd, in <db>.files/ so the rename stays
 * on one file system): fsync, rename to its digest's name, fsync of the directory; when that name
 * holds the content already, tmp_path is removed instead. On failure tmp_path is left to the caller. */
int ledger_attachment_adopt(const char *db_path, const char *sm3_hex, int fd, const char *tmp_path, size_t len,
                            ZfError *err);
/* Inside the caller's transaction: registers the file and appends its attachment.add event, whose
 * data must hold {case_no, name, media_type, sm3, size} and may hold more. *seq may be NULL. */
int ledger_add_attachment(Ledger *l, const char *case_no, const json_t *data, uint64_t *seq, ZfError *err);
/* The CLI's whole act: SM3, save, register and log in one transaction of its own. */
int ledger_attach(Store *st, const char *db_path, const char *case_no, const char *name, const char *media_type,
                  const void *data, size_t len, char sm3_hex[2 * MERKLE_HASH_LEN + 1], ZfError *err);

/* The dossier zip (电子卷宗) of a case, in memory (malloc'd): its events and those of the
 * supervision orders past draft that name it (order_cases). Signs a head first if needed. */
int ledger_dossier(Store *st, const char *db_path, const char *case_no, void **zip, size_t *len, ZfError *err);
/* Checks a dossier offline (no database). An event must be the case's own or belong to an order
 * whose order.put events in the dossier name the case. Problems go to fn; *summary (may be NULL)
 * receives {"case_no","events","orders","tree_size","root","time","key_id","problems"}. ZF_OK when
 * the file could be read. */
int ledger_dossier_verify(const char *zip_path, LedgerProblemFn fn, void *ctx, long long *problems,
                          json_t **summary, ZfError *err);

#endif
