/* Shared by the SQLite store files only: the connection and the error mapping. */
#ifndef ZF_SQLITE_INTERNAL_H
#define ZF_SQLITE_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <sqlite3.h>

#include "store/store.h"
#include "store/store_ops.h"

typedef struct SqliteStmtCache SqliteStmtCache;

struct Store {
    const StoreOps *ops; /* first: the dispatch reads it (store_ops.h) */
    sqlite3 *db;
    sqlite3_stmt *put[REC_TYPE_COUNT];
    sqlite3_stmt *auth_gen; /* store_auth_generation's, prepared once (sqlite_web_tier.c) */
    SqliteStmtCache *stmt_cache; /* sqlite_stmt_cache.c; NULL: none */
};

/* The statement cache (sqlite_stmt_cache.c): in the store's files, sqlite3_prepare_v2 (and so
 * sqlite_prepare) takes an idle statement of the same SQL or keeps the one it compiles, and
 * sqlite3_finalize gives a kept one back (reset, bindings cleared) and finalizes any other. */
void sqlite_stmt_cache_open(Store *st);
void sqlite_stmt_cache_close(Store *st);
int sqlite_prepare_cached(sqlite3 *db, const char *sql, int n, sqlite3_stmt **q, const char **tail);
int sqlite_finalize(sqlite3_stmt *s);
#define sqlite3_prepare_v2(db, sql, n, q, tail) sqlite_prepare_cached(db, sql, n, q, tail)
#define sqlite3_finalize(s) sqlite_finalize(s)

/* Maps the connection's last error to ZfError (503 when busy/locked); returns ZF_ERR. */
int sqlite_fail(Store *st, ZfError *err, const char *what);
/* Binds text, or NULL when v is NULL. */
void sqlite_bind_opt(sqlite3_stmt *q, int idx, const char *v);
/* Column text copied into out (cap bytes), "" when NULL. */
void sqlite_col_copy(sqlite3_stmt *q, int col, char *out, size_t cap);
/* Now as "YYYY-MM-DDTHH:MM:SSZ" (UTC), the stored form of every timestamp. */
void sqlite_utc_now(char out[32]);
/* Logs in the ledger the timeline and workflow rows written before migration 018 (at open). */
/* Prepares sql on the store's connection; ZF_ERR through sqlite_fail (naming the statement). */
int sqlite_prepare(Store *st, const char *sql, sqlite3_stmt **q, ZfError *err);
/* Queries whose one column is a json_object() built by SQLite (the orders' and leads' rows): the
 * current row parsed ({} if unparsable); every row to fn (a non-zero return stops), or into a new
 * array. Both finalize q. */
json_t *sqlite_json_row(sqlite3_stmt *q);
int sqlite_json_foreach(Store *st, sqlite3_stmt *q, const char *what, int (*fn)(const json_t *row, void *ctx),
                        void *ctx, ZfError *err);
int sqlite_json_rows(Store *st, sqlite3_stmt *q, const char *what, json_t **items, ZfError *err);

/* A table of a few indexed columns beside a JSON body (sqlite_body_rows.c): reviews, deliveries,
 * inspections describe theirs and share the reads and writes of one row. */
#define SQLITE_BODY_MAX_COLS 6
typedef struct {
    const char *table, *what;                  /* "review_plans", "评查方案" (in messages) */
    const char *cols[SQLITE_BODY_MAX_COLS + 1]; /* NULL-terminated; columns named *_id hold integers */
    const char *json;                          /* the row as json_object(…) */
    const char *key;                           /* a unique column (filters, the 409's field), or NULL */
    bool constraint_is_duplicate;              /* a constraint refusing a write is a 409 duplicate */
} SqliteBodyTable;
size_t sqlite_body_ncols(const SqliteBodyTable *d);
bool sqlite_body_has_col(const SqliteBodyTable *d, const char *col);
/* Steps q for one row of d (finalizing it): 404 in d's words when there is none. */
int sqlite_body_one(Store *st, const SqliteBodyTable *d, sqlite3_stmt *q, json_t **row, ZfError *err);
int sqlite_body_get(Store *st, const SqliteBodyTable *d, long long id, json_t **row, ZfError *err);
/* Inserts the row (no "id": the new id is set on it) or updates it by id (404 when absent). */
int sqlite_body_put(Store *st, const SqliteBodyTable *d, json_t *row, ZfError *err);
/* Column text as a JSON string, or JSON null. */
json_t *sqlite_json_text(sqlite3_stmt *q, int col);

/* A power (`p`, its body) is within a scope (?1 = agency, ?2 = region prefix, NULL = no limit)
 * when one of its holding agencies is. */
#define POWER_SCOPE                                                                                     \
    "EXISTS (SELECT 1 FROM json_each(p.body, '$.agencies') j JOIN agencies a ON a.code = j.value"    \
    " WHERE (?1 IS NULL OR a.code = ?1) AND (?2 IS NULL OR substr(a.region, 1, length(?2)) = ?2))"

/* Runs a prepared list query whose columns are (body, total[, agency_name]) into
 * {"items","total","page","size"}; finalizes q. */
int sqlite_list_bodies(Store *st, sqlite3_stmt *q, int page, int size, const char *what, json_t **out, ZfError *err);

extern const StoreOps sqlite_store_ops;

/* The SQLite backend's operations (store_ops.h), defined in sqlite_*.c. */
int sqlite_store_agencies_list(Store *st, const AgencyFilter *f, int page, int size, json_t **out, ZfError *err);
int sqlite_store_approval_policy(Store *st, ApprovalPolicy *out, ZfError *err);
int sqlite_store_approval_pending(Store *st, const char *case_no, ApprovalRow *out, ZfError *err);
int sqlite_store_approval_open(Store *st, const char *case_no, const char *agency, const char *requested_by,
                               const ApprovalTask *t, const char *status, ZfError *err);
int sqlite_store_approval_update(Store *st, long long id, const ApprovalTask *t, const char *status, ZfError *err);
int sqlite_store_approval_cancel_pending(Store *st, const char *case_no, ZfError *err);
int sqlite_store_approvals_pending_foreach(Store *st, const char *agency, ApprovalRowFn fn, void *ctx, ZfError *err);
int sqlite_store_approvals_of_case(Store *st, const char *case_no, ApprovalRowFn fn, void *ctx, ZfError *err);
int sqlite_store_user_approval_level(Store *st, const char *username, int *level, ZfError *err);
int sqlite_store_user_set_approval_level(Store *st, const char *username, int level, ZfError *err);
int sqlite_store_agency_approvers(Store *st, const char *agency, json_t **out, ZfError *err);
int sqlite_store_lead_get(Store *st, long long id, json_t **row, ZfError *err);
int sqlite_store_lead_by_ref(Store *st, const char *source, const char *source_ref, long long *id, ZfError *err);
int sqlite_store_lead_put(Store *st, json_t *row, ZfError *err);
int sqlite_store_lead_timeline_add(Store *st, const LeadTimelineRow *row, long long *id, ZfError *err);
int sqlite_store_lead_timeline(Store *st, long long lead_id, json_t **items, ZfError *err);
int sqlite_store_leads_list(Store *st, const LeadFilter *f, int page, int size, json_t **out, ZfError *err);
int sqlite_store_leads_foreach(Store *st, LeadRowFn fn, void *ctx, ZfError *err);
int sqlite_store_lead_timeline_foreach(Store *st, LeadRowFn fn, void *ctx, ZfError *err);
int sqlite_store_review_get(Store *st, ReviewTable t, long long id, json_t **row, ZfError *err);
int sqlite_store_review_put(Store *st, ReviewTable t, json_t *row, ZfError *err);
int sqlite_store_review_rows(Store *st, ReviewTable t, const ReviewRowFilter *f, json_t **items, ZfError *err);
int sqlite_store_review_items_clear(Store *st, long long plan_id, ZfError *err);
int sqlite_store_review_standard_get(Store *st, const char *code, json_t **row, ZfError *err);
int sqlite_store_review_standards(Store *st, json_t **items, ZfError *err);
int sqlite_store_review_standard_put(Store *st, const char *code, const char *name, const char *body, const char *sha256, bool shipped, ZfError *err);
int sqlite_store_review_population(Store *st, const ReviewPopulation *q, json_t **case_nos, ZfError *err);
int sqlite_store_review_users_with(Store *st, const char *perm, json_t **items, ZfError *err);
int sqlite_store_assess_get(Store *st, AssessTable t, long long id, json_t **row, ZfError *err);
int sqlite_store_assess_put(Store *st, AssessTable t, json_t *row, ZfError *err);
int sqlite_store_assess_rows(Store *st, AssessTable t, const AssessFilter *f, json_t **items, ZfError *err);
int sqlite_store_assess_foreach(Store *st, AssessTable t, AssessRowFn fn, void *ctx, ZfError *err);
int sqlite_store_assess_reconsidered(Store *st, const char *agency, const char *from, const char *to, long long *decided,
                                     long long *reconsidered, ZfError *err);
int sqlite_store_review_foreach(Store *st, ReviewTable t, ReviewRowFn fn, void *ctx, ZfError *err);
int sqlite_store_stats(Store *st, StatsKind kind, const StatsFilter *f, json_t **out, ZfError *err);
int sqlite_store_rollup_rebuild(Store *st, ZfError *err);
int sqlite_store_insp_get(Store *st, InspTable t, long long id, json_t **row, ZfError *err);
int sqlite_store_insp_put(Store *st, InspTable t, json_t *row, ZfError *err);
int sqlite_store_insp_rows(Store *st, InspTable t, const InspFilter *f, json_t **items, ZfError *err);
int sqlite_store_insp_officers(Store *st, const char *agency, json_t **items, ZfError *err);
int sqlite_store_insp_i02_cases(Store *st, json_t **items, ZfError *err);
int sqlite_store_delivery_get(Store *st, DeliveryTable t, long long id, json_t **row, ZfError *err);
int sqlite_store_delivery_put(Store *st, DeliveryTable t, json_t *row, ZfError *err);
int sqlite_store_delivery_by_token(Store *st, const char *token_hash, json_t **row, ZfError *err);
int sqlite_store_delivery_list(Store *st, DeliveryTable t, const char *case_no, json_t **items, ZfError *err);
int sqlite_store_delivery_foreach(Store *st, DeliveryTable t, DeliveryRowFn fn, void *ctx, ZfError *err);
const char *sqlite_store_db_path(Store *st);
int sqlite_store_document_next(Store *st, const char *subject, const char *subject_id, const char *kind,
                               long long *id, int *version, ZfError *err);
int sqlite_store_document_insert(Store *st, const DocumentRow *r, ZfError *err);
int sqlite_store_documents_of(Store *st, const char *subject, const char *subject_id, json_t **items, ZfError *err);
int sqlite_store_document_get(Store *st, long long id, json_t **row, ZfError *err);
int sqlite_store_documents_foreach(Store *st, DocumentRowFn fn, void *ctx, ZfError *err);
int sqlite_store_focus_counts(Store *st, int year, const char *scope_agency, const char *scope_region_prefix, json_t **out, ZfError *err);
int sqlite_store_leads_of_agency_between(Store *st, const char *agency, const char *from, const char *to, int limit,
                                         json_t **items, ZfError *err);
int sqlite_store_lead_photo_add(Store *st, const LeadPhotoRow *p, long long *id, ZfError *err);
int sqlite_store_lead_photos(Store *st, long long lead_id, json_t **items, ZfError *err);
int sqlite_store_case_outcomes_since(Store *st, const char *since, CaseOutcomeFn fn, void *ctx, ZfError *err);
int sqlite_store_outcome_scan_get(Store *st, char mark[32], ZfError *err);
int sqlite_store_outcome_scan_set(Store *st, const char *mark, ZfError *err);
int sqlite_store_order_get(Store *st, long long id, json_t **row, ZfError *err);
int sqlite_store_order_put(Store *st, json_t *row, ZfError *err);
int sqlite_store_order_timeline_add(Store *st, const OrderTimelineRow *row, long long *id, ZfError *err);
int sqlite_store_order_timeline(Store *st, long long order_id, json_t **items, ZfError *err);
int sqlite_store_orders_foreach(Store *st, OrderRowFn fn, void *ctx, ZfError *err);
int sqlite_store_order_timeline_foreach(Store *st, OrderRowFn fn, void *ctx, ZfError *err);
int sqlite_store_orders_of_case(Store *st, const char *case_no, json_t **ids, ZfError *err);
int sqlite_store_order_next_seq(Store *st, const char *region, int year, long *seq, ZfError *err);
int sqlite_store_orders_list(Store *st, const OrderFilter *f, int page, int size, json_t **out, ZfError *err);
int sqlite_store_orders_running(Store *st, json_t **rows, ZfError *err);
int sqlite_store_orders_stats(Store *st, const OrderStatsFilter *f, json_t **out, ZfError *err);
int sqlite_store_order_attachment_add(Store *st, const OrderAttachmentRow *a, long long *id, ZfError *err);
int sqlite_store_order_attachments(Store *st, long long order_id, json_t **items, ZfError *err);
int sqlite_store_findings_by_ids(Store *st, const json_t *ids, json_t **items, ZfError *err);
int sqlite_store_cases_list(Store *st, const CaseFilter *f, int page, int size, json_t **out, ZfError *err);
int sqlite_store_cases_page(Store *st, const CaseFilter *f, int page, int size, CaseRowFn fn, void *ctx,
                            long long *total, ZfError *err);
int sqlite_store_cases_foreach(Store *st, const CaseFilter *f, CaseRowFn fn, void *ctx, ZfError *err);
int sqlite_store_attachment_add(Store *st, const AttachmentRow *a, json_t **out, ZfError *err);
int sqlite_store_attachment_list(Store *st, const char *case_no, json_t **items, ZfError *err);
int sqlite_store_attachment_get(Store *st, const char *case_no, long long id, json_t **row, ZfError *err);
int sqlite_store_officers_list(Store *st, const OfficerFilter *f, int page, int size, json_t **out, ZfError *err);
int sqlite_store_powers_list(Store *st, const PowerFilter *f, int page, int size, json_t **out, ZfError *err);
bool sqlite_store_power_in_scope(Store *st, const char *power_body, const char *scope_agency,
                                 const char *scope_region_prefix);
int sqlite_store_element_names(Store *st, const char *agency, const char *power, json_t **agency_name,
                               json_t **power_name, ZfError *err);
int sqlite_store_law_find_article(Store *st, const char *law, int number, int sub, long long *law_id, ZfError *err);
int sqlite_store_filing_candidates(Store *st, const char *since, FilingCandidateFn fn, void *ctx, ZfError *err);
int sqlite_store_filing_scan_get(Store *st, char mark[32], char **policy, ZfError *err);
int sqlite_store_filing_scan_set(Store *st, const char *mark, const char *policy, ZfError *err);
int sqlite_store_filing_insert(Store *st, const FilingRow *r, long long *id, ZfError *err);
int sqlite_store_filings_list(Store *st, const FilingFilter *f, int page, int size, json_t **out, ZfError *err);
int sqlite_store_filing_get(Store *st, long long id, json_t **row, ZfError *err);
int sqlite_store_filing_review(Store *st, long long id, const char *result, const char *reviewer, const char *note,
                               long long order_id, ZfError *err);
int sqlite_store_findings_sync(Store *st, const FindingRecord *rows, size_t n, int config_version, const char *as_of,
                               long long subjects, FindingSyncStats *stats, ZfError *err);
int sqlite_store_findings_sync_cases(Store *st, const FindingRecord *rows, size_t n, int config_version,
                                     const char *as_of, const char *const *case_nos, size_t n_cases,
                                     const char *except_rule, FindingSyncStats *stats, ZfError *err);
int sqlite_store_findings_list(Store *st, const FindingFilter *f, int page, int size, json_t **out, ZfError *err);
int sqlite_store_findings_summary(Store *st, const FindingFilter *f, json_t **out, ZfError *err);
int sqlite_store_record_get(Store *st, RecordType type, const char *key, char **body, ZfError *err);
int sqlite_store_rule_config_latest(Store *st, int *version, char **overrides, ZfError *err);
int sqlite_store_rule_config_save(Store *st, const char *overrides, const char *by, int *version, ZfError *err);
int sqlite_store_mark_dirty(Store *st, ZfError *err);
int sqlite_store_is_dirty(Store *st);
int sqlite_store_user_create(Store *st, const NewUser *u, long long *id, ZfError *err);
int sqlite_store_user_by_name(Store *st, const char *username, AuthUser *u, char hash[PASSWORD_HASH_MAX], ZfError *err);
int sqlite_store_user_by_id(Store *st, long long id, AuthUser *u, char hash[PASSWORD_HASH_MAX], ZfError *err);
int sqlite_store_user_set_password(Store *st, long long id, const char *hash, bool must_change, ZfError *err);
int sqlite_store_user_update(Store *st, long long id, const char *display_name, const char *role, const char *agency,
                             const char *region, int disabled, ZfError *err);
int sqlite_store_users_list(Store *st, const char *q, int page, int size, json_t **out, ZfError *err);
int sqlite_store_session_create(Store *st, const char *token_hash, long long user_id, const char *csrf, long long now,
                                const char *ip, ZfError *err);
int sqlite_store_session_lookup(Store *st, const char *token_hash, AuthUser *u, ZfError *err);
int sqlite_store_session_touch(Store *st, const char *token_hash, long long now, ZfError *err);
int sqlite_store_session_delete(Store *st, const char *token_hash, ZfError *err);
int sqlite_store_sessions_delete_user(Store *st, long long user_id, ZfError *err);
int sqlite_store_login_reserve(Store *st, const char *username, long long now, const LoginPolicy *policy,
                               LoginAttempt *out, ZfError *err);
int sqlite_store_login_clear(Store *st, const char *username, ZfError *err);
bool sqlite_store_role_has_perm(Store *st, const char *role, const char *perm);
json_t *sqlite_store_role_permissions(Store *st, const char *role);
int sqlite_store_roles_list(Store *st, json_t **out, ZfError *err);
int sqlite_store_role_set_perms(Store *st, const char *role, const char *const *perms, size_t n, ZfError *err);
int sqlite_store_audit_append(Store *st, const AuditEntry *e);
int sqlite_store_audit_list(Store *st, const AuditFilter *f, int page, int size, json_t **out, ZfError *err);
int sqlite_store_audit_foreach(Store *st, const AuditFilter *f, AuditRowFn fn, void *ctx, ZfError *err);
void sqlite_store_agency_region(Store *st, const char *agency, char region[7]);
int sqlite_store_bulletin_agencies(Store *st, const BulletinQuery *q, json_t **items, ZfError *err);
int sqlite_store_bulletin_problems(Store *st, const BulletinQuery *q, int limit, json_t **items, ZfError *err);
int sqlite_store_bulletin_trend(Store *st, const BulletinQuery *q, json_t **items, ZfError *err);
int sqlite_store_monthly_status(Store *st, const char *scope_agency, const char *scope_region_prefix, const char *month,
                                json_t **out, ZfError *err);
int sqlite_store_foreach_in_scope(Store *st, const char *scope_agency, const char *scope_region_prefix,
                                  StoreRecordFn fn, void *ctx, ZfError *err);
int sqlite_store_law_hash(Store *st, const char *file, char hash[65], ZfError *err);
int sqlite_store_law_put(Store *st, const char *file, const char *hash, const Law *law, ZfError *err);
int sqlite_store_laws_prune(Store *st, const char *const *keep, size_t n, int *removed, ZfError *err);
int sqlite_store_laws_reindex(Store *st, ZfError *err);
int sqlite_store_laws_list(Store *st, int page, int size, json_t **out, ZfError *err);
int sqlite_store_law_get(Store *st, long long id, json_t **out, ZfError *err);
int sqlite_store_law_article(Store *st, long long law_id, int number, int sub, json_t **out, ZfError *err);
int sqlite_store_laws_search(Store *st, const LawQuery *q, long long law_id, int page, int size, json_t **out,
                             ZfError *err);
int sqlite_ledger_db_open(Store *st, LedgerDb **out, ZfError *err);
void sqlite_ledger_db_close(LedgerDb *db);
int sqlite_ledger_db_size(LedgerDb *db, uint64_t *size, ZfError *err);
int sqlite_ledger_db_insert_event(LedgerDb *db, uint64_t seq, const char *time, const char *type, const char *subject,
                                  const char *body, size_t len, const MerkleHash *leaf, ZfError *err);
int sqlite_ledger_db_leaves(LedgerDb *db, uint64_t start, uint64_t end, MerkleHash *out, ZfError *err);
int sqlite_ledger_db_put_node(LedgerDb *db, unsigned level, uint64_t idx, const MerkleHash *hash, ZfError *err);
int sqlite_ledger_db_get_node(LedgerDb *db, unsigned level, uint64_t idx, MerkleHash *out, ZfError *err);
int sqlite_ledger_db_foreach_event(LedgerDb *db, LedgerEventFn fn, void *ctx, ZfError *err);
int sqlite_ledger_db_event_at(LedgerDb *db, uint64_t seq, LedgerEventFn fn, void *ctx, ZfError *err);
int sqlite_ledger_db_subject_events(LedgerDb *db, const char *subject, LedgerEventFn fn, void *ctx, ZfError *err);
int sqlite_ledger_db_foreach_node(LedgerDb *db, LedgerNodeFn fn, void *ctx, ZfError *err);
int sqlite_ledger_db_insert_head(LedgerDb *db, const char *origin, const SignedHead *h, ZfError *err);
int sqlite_ledger_db_latest_head(LedgerDb *db, const char *origin, SignedHead *h, int *found, ZfError *err);
int sqlite_ledger_db_foreach_head(LedgerDb *db, LedgerHeadFn fn, void *ctx, ZfError *err);
int sqlite_ledger_db_put_key(LedgerDb *db, const char *key_id, const char *origin, const char *pem, ZfError *err);
int sqlite_ledger_db_get_key(LedgerDb *db, const char *key_id, char **pem, ZfError *err);
int sqlite_ledger_db_origin_key(LedgerDb *db, const char *origin, char **pem, ZfError *err);
int sqlite_ledger_db_put_attachment(LedgerDb *db, const char *sm3_hex, int64_t size, const char *media_type,
                                    ZfError *err);
int sqlite_ledger_db_foreach_attachment(LedgerDb *db, LedgerAttachmentFn fn, void *ctx, ZfError *err);
int sqlite_ledger_db_foreach_case_attachment(LedgerDb *db, LedgerCaseAttachmentFn fn, void *ctx, ZfError *err);
int sqlite_ledger_db_foreach_case(LedgerDb *db, LedgerCaseFn fn, void *ctx, ZfError *err);
int sqlite_ledger_db_foreach_column_mismatch(LedgerDb *db, LedgerColumnFn fn, void *ctx, ZfError *err);
int sqlite_store_public_decisions(Store *st, const char *agency, const char *q, int page, int size, json_t **out,
                                  ZfError *err);
int sqlite_store_portal_challenge_add(Store *st, const char *id, const char *prefix, int bits, long long expires_at,
                                      long long now, ZfError *err);
int sqlite_store_portal_challenge_take(Store *st, const char *id, long long now,
                                       char prefix[PORTAL_CHALLENGE_PREFIX + 1], int *bits, bool *found, ZfError *err);
int sqlite_store_portal_count(Store *st, const char *addr, const char *kind, long long hour, int add, int *count,
                              ZfError *err);
int sqlite_store_publicity_publish(Store *st, const char *case_no, const char *agency, const char *published_on,
                                   const char *user, ZfError *err);
int sqlite_store_publicity_withdraw(Store *st, const char *case_no, const char *withdrawn_on, const char *user,
                                    const char *reason, ZfError *err);
int sqlite_store_publicity_pending(Store *st, const char *agency, json_t **items, ZfError *err);
int sqlite_store_setting_int(Store *st, const char *name, int dflt);
void sqlite_store_setting_text(Store *st, const char *name, const char *dflt, char *out, size_t size);
int sqlite_store_settings_list(Store *st, json_t **items, ZfError *err);
int sqlite_store_setting_spec(Store *st, const char *name, SettingSpec *spec, char *kind_buf, size_t kind_size,
                              ZfError *err);
int sqlite_store_setting_put(Store *st, const char *name, const char *value, const char *user, ZfError *err);
int sqlite_store_record_standing(Store *st, const StoredRecord *rec, const char *scope_agency,
                                 const char *scope_region_prefix, StoredStanding *out, ZfError *err);
int sqlite_store_open(const char *path, StoreOpenMode mode, Store **out, ZfError *err);
void sqlite_store_close(Store *st);
int sqlite_store_schema_version(Store *st);
int sqlite_store_ping(Store *st, ZfError *err);
int sqlite_store_begin(Store *st, ZfError *err);
int sqlite_store_commit(Store *st, ZfError *err);
void sqlite_store_rollback(Store *st);
int sqlite_store_begin_read(Store *st, ZfError *err);
int sqlite_store_savepoint(Store *st, const char *name, ZfError *err);
int sqlite_store_release(Store *st, const char *name, ZfError *err);
void sqlite_store_rollback_to(Store *st, const char *name);
int sqlite_store_put_record(Store *st, const StoredRecord *rec, int *changed, ZfError *err);
int sqlite_store_put_records(Store *st, const StoredRecord *recs, size_t n, int *changed, ZfError *err);
int sqlite_store_foreach_record(Store *st, RecordType type, StoreRecordFn fn, void *ctx, ZfError *err);
int sqlite_store_foreach_record_since(Store *st, RecordType type, const char *since, StoreRecordFn fn, void *ctx,
                                      ZfError *err);
long long sqlite_store_count_records(Store *st, RecordType type);
StoreCheckpointer *sqlite_store_checkpointer_start(Store *st);
void sqlite_store_checkpointer_stop(StoreCheckpointer *c);
int sqlite_store_workflow_get(Store *st, const char *case_no, json_t **row, ZfError *err);
int sqlite_store_workflow_put(Store *st, const json_t *row, ZfError *err);
int sqlite_store_workflow_timeline_insert(Store *st, const TimelineRow *row, long long *id, ZfError *err);
bool sqlite_store_workflow_backfill_pending(Store *st, const char *table);
int sqlite_store_workflow_backfill_done(Store *st, ZfError *err);
int sqlite_store_workflow_timeline(Store *st, const char *case_no, json_t **items, ZfError *err);
int sqlite_store_workflow_foreach(Store *st, WorkflowRowFn fn, void *ctx, ZfError *err);
int sqlite_store_workflow_timeline_foreach(Store *st, WorkflowRowFn fn, void *ctx, ZfError *err);
int sqlite_store_workflow_list(Store *st, const char *agency, const char *created_by, const char *stage, int page,
                               int size, json_t **out, ZfError *err);
int sqlite_store_workflow_next_seq(Store *st, const char *agency, int year, long *seq, ZfError *err);
int sqlite_store_workflow_list_types(Store *st, const char *agency, const char *const *types, int page, int size,
                                     json_t **out, ZfError *err);
int sqlite_store_doc_no_used(Store *st, const char *agency, const char *doc_no, int *used, ZfError *err);
int sqlite_store_workflow_seq_skip(Store *st, const char *agency, int year, long used, ZfError *err);
int sqlite_store_case_resolve(Store *st, const char *number, char case_no[static 129], ZfError *err);
int sqlite_store_filing_next_seq(Store *st, const char *agency, int year, long *seq, ZfError *err);
int sqlite_store_cases_totals(Store *st, const CaseFilter *f, long long *count, long long *fine_fen, ZfError *err);
int sqlite_store_token_create(Store *st, const char *name, const char *region, const char *token_hash,
                              const char *created_by, long long *id, ZfError *err);
int sqlite_store_token_by_hash(Store *st, const char *token_hash, ApiToken *out, ZfError *err);
int sqlite_store_token_find(Store *st, const char *name, long long id, ApiToken *out, ZfError *err);
int sqlite_store_token_touch(Store *st, long long id, ZfError *err);
int sqlite_store_token_revoke(Store *st, long long id, ZfError *err);
int sqlite_store_tokens_list(Store *st, json_t **items, ZfError *err);
int sqlite_store_message_add(Store *st, const MessageRow *m, bool *added, ZfError *err);
int sqlite_store_messages_list(Store *st, const MessageFilter *f, int page, int size, json_t **out, ZfError *err);
int sqlite_store_messages_unread_count(Store *st, const char *username, long long *n, ZfError *err);
int sqlite_store_message_mark_read(Store *st, const char *username, long long id, const char *now, ZfError *err);
int sqlite_store_messages_mark_all_read(Store *st, const char *username, const char *now, long long *count,
                                        ZfError *err);
int sqlite_store_agency_users_with_perm(Store *st, const char *agency, const char *perm, json_t **names, ZfError *err);
int sqlite_store_cert_holders_ending(Store *st, const char *from, const char *to, json_t **items, ZfError *err);

/* 规范性文件备案审查 (sqlite_normative.c) */
int sqlite_store_normative_get(Store *st, NormativeTable t, long long id, json_t **row, ZfError *err);
int sqlite_store_normative_put(Store *st, NormativeTable t, json_t *row, ZfError *err);
int sqlite_store_normative_next_seq(Store *st, int year, long *seq, ZfError *err);
int sqlite_store_normative_index(Store *st, long long id, const char *bigrams, const char *unigrams, ZfError *err);
int sqlite_store_normative_list(Store *st, const NormativeFilter *f, int page, int size, json_t **out, ZfError *err);
int sqlite_store_normative_foreach(Store *st, NormativeTable t, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err);
int sqlite_store_normative_tasks_of(Store *st, long long doc_id, json_t **items, ZfError *err);
int sqlite_store_normative_users_in_role(Store *st, const char *role, json_t **items, ZfError *err);
/* sqlite_sync.c */
#include "store/sync.h"
int sqlite_store_sync_node_add(Store *st, const char *name, const char *region, const char *token_hash, long long *id, ZfError *err);
int sqlite_store_sync_node_by_token(Store *st, const char *token_hash, json_t **node, ZfError *err);
int sqlite_store_sync_node_update(Store *st, long long id, const json_t *fields, ZfError *err);
int sqlite_store_sync_nodes_list(Store *st, json_t **items, ZfError *err);
int sqlite_store_sync_batch_record(Store *st, const json_t *batch, long long *id, ZfError *err);
int sqlite_store_sync_batch_find(Store *st, const char *direction, long long node_id, long long to_seq, json_t **batch, ZfError *err);
int sqlite_store_sync_batches_list(Store *st, const char *direction, int page, int size, json_t **out, ZfError *err);
int sqlite_store_sync_upper_get(Store *st, json_t **row, ZfError *err);
int sqlite_store_sync_upper_enrol(Store *st, const json_t *row, ZfError *err);
int sqlite_store_sync_upper_update(Store *st, const json_t *fields, ZfError *err);
int sqlite_store_sync_pending(Store *st, long long after_seq, int limit, SyncPendingFn fn, void *ctx, ZfError *err);
int sqlite_store_sync_publish(Store *st, const char *kind, const char *key, const char *body, const char *hash, int *changed, ZfError *err);
int sqlite_store_sync_published_after(Store *st, long long after_seq, int limit, json_t **items, ZfError *err);
int sqlite_store_sync_witness_add(Store *st, const json_t *w, ZfError *err);
int sqlite_store_sync_witnesses(Store *st, json_t **items, ZfError *err);
int sqlite_store_sync_order_link_put(Store *st, const json_t *link, ZfError *err);
int sqlite_store_sync_order_links(Store *st, json_t **items, ZfError *err);
int sqlite_store_region_codes(Store *st, json_t **items, ZfError *err);
int sqlite_store_region_code_put(Store *st, const char *code, const char *name, int from_upper, ZfError *err);
int sqlite_store_region_code_drop(Store *st, const char *code, ZfError *err);
/* 行政复议 (sqlite_reconsiderations.c) */
int sqlite_store_recon_get(Store *st, long long id, json_t **row, ZfError *err);
int sqlite_store_recon_put(Store *st, json_t *row, ZfError *err);
int sqlite_store_recon_timeline_add(Store *st, const ReconTimelineRow *row, long long *id, ZfError *err);
int sqlite_store_recon_timeline(Store *st, long long recon_id, json_t **items, ZfError *err);
int sqlite_store_recon_foreach(Store *st, ReconTable t, ReconRowFn fn, void *ctx, ZfError *err);
int sqlite_store_recon_next_seq(Store *st, const char *region, int year, long *seq, ZfError *err);
int sqlite_store_recon_doc_next_seq(Store *st, const char *region, int year, long *seq, ZfError *err);
int sqlite_store_recons_list(Store *st, const ReconFilter *f, int page, int size, json_t **out, ZfError *err);
int sqlite_store_recons_stats(Store *st, const ReconFilter *f, json_t **out, ZfError *err);
/* backups and several web processes (sqlite_backup.c, sqlite_web_tier.c) */
int sqlite_store_backup_to(Store *st, const char *dest_path, ZfError *err);
int sqlite_store_restore_from(Store *st, const char *image_path, ZfError *err);
int sqlite_store_job_lease(Store *st, const char *job, const char *holder, long long now, long long ttl, bool *held,
                           ZfError *err);
int sqlite_store_job_release(Store *st, const char *job, const char *holder, ZfError *err);
int sqlite_store_auth_generation(Store *st, long long *gen, ZfError *err);
bool sqlite_store_in_transaction(Store *st);
int sqlite_store_audit_append_many(Store *st, const AuditEntry *const *entries, size_t n, ZfError *err);

#endif
