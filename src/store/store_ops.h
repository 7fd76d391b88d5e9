/* The store's backend seam. Every operation of the store headers is a member of StoreOps; the
 * functions callers use (store_dispatch.c) forward to the backend of the object they are given.
 * Every backend object — its Store, LedgerDb and StoreCheckpointer — begins with its ops, so
 * a backend (store/sqlite_*.c today; a PostgreSQL one beside it) fills one table and nothing
 * outside src/store changes. An operation added to a store header is added here and to the
 * dispatch and each backend. */
#ifndef ZF_STORE_OPS_H
#define ZF_STORE_OPS_H

#include "store/agencies.h"
#include "store/approval.h"
#include "store/attachments.h"
#include "store/bulletin.h"
#include "store/case_numbers.h"
#include "store/cases.h"
#include "store/elements.h"
#include "store/documents.h"
#include "store/filings.h"
#include "store/findings.h"
#include "store/identity.h"
#include "store/intake.h"
#include "store/laws.h"
#include "store/leads.h"
#include "store/reviews.h"
#include "store/assessment.h"
#include "store/inspections.h"
#include "store/orders.h"
#include "store/reconsiderations.h"
#include "store/stats.h"
#include "store/ledger_store.h"
#include "store/messages.h"
#include "store/portal.h"
#include "store/normative.h"
#include "store/public.h"
#include "store/publicity.h"
#include "store/settings.h"
#include "store/standing.h"
#include "store/tokens.h"
#include "store/sync.h"
#include "store/region_codes.h"
#include "store/deliveries.h"
#include "store/store.h"
#include "store/workflow.h"
#include "store/workflow_kinds.h"
#include "store/workflow_seed.h"
#include "store/backup.h"
#include "store/web_tier.h"

typedef struct StoreOps {
    const char *name; /* "sqlite" */
    int (*agencies_list)(Store *st, const AgencyFilter *f, int page, int size, json_t **out, ZfError *err);
    int (*approval_policy)(Store *st, ApprovalPolicy *out, ZfError *err);
    int (*bulletin_agencies)(Store *st, const BulletinQuery *q, json_t **items, ZfError *err);
    int (*bulletin_problems)(Store *st, const BulletinQuery *q, int limit, json_t **items, ZfError *err);
    int (*bulletin_trend)(Store *st, const BulletinQuery *q, json_t **items, ZfError *err);
    int (*approval_pending)(Store *st, const char *case_no, ApprovalRow *out, ZfError *err);
    int (*approval_open)(Store *st, const char *case_no, const char *agency, const char *requested_by,
                         const ApprovalTask *t, const char *status, ZfError *err);
    int (*approval_update)(Store *st, long long id, const ApprovalTask *t, const char *status, ZfError *err);
    int (*approval_cancel_pending)(Store *st, const char *case_no, ZfError *err);
    int (*approvals_pending_foreach)(Store *st, const char *agency, ApprovalRowFn fn, void *ctx, ZfError *err);
    int (*approvals_of_case)(Store *st, const char *case_no, ApprovalRowFn fn, void *ctx, ZfError *err);
    int (*user_approval_level)(Store *st, const char *username, int *level, ZfError *err);
    int (*user_set_approval_level)(Store *st, const char *username, int level, ZfError *err);
    int (*agency_approvers)(Store *st, const char *agency, json_t **out, ZfError *err);
    /* supervision leads (store/leads.h) */
    int (*lead_get)(Store *st, long long id, json_t **row, ZfError *err);
    int (*lead_by_ref)(Store *st, const char *source, const char *source_ref, long long *id, ZfError *err);
    int (*lead_put)(Store *st, json_t *row, ZfError *err);
    int (*lead_timeline_add)(Store *st, const LeadTimelineRow *row, long long *id, ZfError *err);
    int (*lead_timeline)(Store *st, long long lead_id, json_t **items, ZfError *err);
    int (*leads_list)(Store *st, const LeadFilter *f, int page, int size, json_t **out, ZfError *err);
    int (*leads_foreach)(Store *st, LeadRowFn fn, void *ctx, ZfError *err);
    int (*lead_timeline_foreach)(Store *st, LeadRowFn fn, void *ctx, ZfError *err);
    int (*focus_counts)(Store *st, int year, const char *scope_agency, const char *scope_region_prefix, json_t **out, ZfError *err);
    int (*leads_of_agency_between)(Store *st, const char *agency, const char *from, const char *to, int limit,
                                   json_t **items, ZfError *err);
    int (*lead_photo_add)(Store *st, const LeadPhotoRow *p, long long *id, ZfError *err);
    int (*lead_photos)(Store *st, long long lead_id, json_t **items, ZfError *err);
    /* the message centre (store/messages.h) */
    int (*message_add)(Store *st, const MessageRow *m, bool *added, ZfError *err);
    int (*messages_list)(Store *st, const MessageFilter *f, int page, int size, json_t **out, ZfError *err);
    int (*messages_unread_count)(Store *st, const char *username, long long *n, ZfError *err);
    int (*message_mark_read)(Store *st, const char *username, long long id, const char *now, ZfError *err);
    int (*messages_mark_all_read)(Store *st, const char *username, const char *now, long long *count, ZfError *err);
    int (*agency_users_with_perm)(Store *st, const char *agency, const char *perm, json_t **names, ZfError *err);
    int (*cert_holders_ending)(Store *st, const char *from, const char *to, json_t **items, ZfError *err);
    int (*case_outcomes_since)(Store *st, const char *since, CaseOutcomeFn fn, void *ctx, ZfError *err);
    int (*outcome_scan_get)(Store *st, char mark[32], ZfError *err);
    int (*outcome_scan_set)(Store *st, const char *mark, ZfError *err);
    /* supervision orders (store/orders.h) */
    int (*order_get)(Store *st, long long id, json_t **row, ZfError *err);
    int (*order_put)(Store *st, json_t *row, ZfError *err);
    int (*order_timeline_add)(Store *st, const OrderTimelineRow *row, long long *id, ZfError *err);
    int (*order_timeline)(Store *st, long long order_id, json_t **items, ZfError *err);
    int (*orders_foreach)(Store *st, OrderRowFn fn, void *ctx, ZfError *err);
    int (*order_timeline_foreach)(Store *st, OrderRowFn fn, void *ctx, ZfError *err);
    int (*orders_of_case)(Store *st, const char *case_no, json_t **ids, ZfError *err);
    int (*order_next_seq)(Store *st, const char *region, int year, long *seq, ZfError *err);
    int (*orders_list)(Store *st, const OrderFilter *f, int page, int size, json_t **out, ZfError *err);
    int (*orders_running)(Store *st, json_t **rows, ZfError *err);
    int (*orders_stats)(Store *st, const OrderStatsFilter *f, json_t **out, ZfError *err);
    int (*order_attachment_add)(Store *st, const OrderAttachmentRow *a, long long *id, ZfError *err);
    int (*order_attachments)(Store *st, long long order_id, json_t **items, ZfError *err);
    int (*findings_by_ids)(Store *st, const json_t *ids, json_t **items, ZfError *err);
    int (*cases_list)(Store *st, const CaseFilter *f, int page, int size, json_t **out, ZfError *err);
    int (*cases_page)(Store *st, const CaseFilter *f, int page, int size, CaseRowFn fn, void *ctx, long long *total,
                      ZfError *err);
    int (*cases_foreach)(Store *st, const CaseFilter *f, CaseRowFn fn, void *ctx, ZfError *err);
    int (*attachment_add)(Store *st, const AttachmentRow *a, json_t **out, ZfError *err);
    int (*attachment_list)(Store *st, const char *case_no, json_t **items, ZfError *err);
    int (*attachment_get)(Store *st, const char *case_no, long long id, json_t **row, ZfError *err);
    int (*officers_list)(Store *st, const OfficerFilter *f, int page, int size, json_t **out, ZfError *err);
    int (*powers_list)(Store *st, const PowerFilter *f, int page, int size, json_t **out, ZfError *err);
    bool (*power_in_scope)(Store *st, const char *power_body, const char *scope_agency,
                           const char *scope_region_prefix);
    int (*element_names)(Store *st, const char *agency, const char *power, json_t **agency_name,
                         json_t **power_name, ZfError *err);
    int (*law_find_article)(Store *st, const char *law, int number, int sub, long long *law_id, ZfError *err);
    int (*filing_candidates)(Store *st, const char *since, FilingCandidateFn fn, void *ctx, ZfError *err);
    int (*filing_scan_get)(Store *st, char mark[32], char **policy, ZfError *err);
    int (*filing_scan_set)(Store *st, const char *mark, const char *policy, ZfError *err);
    int (*filing_insert)(Store *st, const FilingRow *r, long long *id, ZfError *err);
    int (*filings_list)(Store *st, const FilingFilter *f, int page, int size, json_t **out, ZfError *err);
    int (*filing_get)(Store *st, long long id, json_t **row, ZfError *err);
    int (*filing_review)(Store *st, long long id, const char *result, const char *reviewer, const char *note,
                         long long order_id, ZfError *err);
    int (*findings_sync)(Store *st, const FindingRecord *rows, size_t n, int config_version, const char *as_of,
                         long long subjects, FindingSyncStats *stats, ZfError *err);
    int (*findings_sync_cases)(Store *st, const FindingRecord *rows, size_t n, int config_version, const char *as_of,
                               const char *const *case_nos, size_t n_cases, const char *except_rule,
                               FindingSyncStats *stats, ZfError *err);
    int (*findings_list)(Store *st, const FindingFilter *f, int page, int size, json_t **out, ZfError *err);
    int (*findings_summary)(Store *st, const FindingFilter *f, json_t **out, ZfError *err);
    int (*record_get)(Store *st, RecordType type, const char *key, char **body, ZfError *err);
    int (*rule_config_latest)(Store *st, int *version, char **overrides, ZfError *err);
    int (*rule_config_save)(Store *st, const char *overrides, const char *by, int *version, ZfError *err);
    int (*mark_dirty)(Store *st, ZfError *err);
    int (*is_dirty)(Store *st);
    int (*user_create)(Store *st, const NewUser *u, long long *id, ZfError *err);
    int (*user_by_name)(Store *st, const char *username, AuthUser *u, char hash[PASSWORD_HASH_MAX], ZfError *err);
    int (*user_by_id)(Store *st, long long id, AuthUser *u, char hash[PASSWORD_HASH_MAX], ZfError *err);
    int (*user_set_password)(Store *st, long long id, const char *hash, bool must_change, ZfError *err);
    int (*user_update)(Store *st, long long id, const char *display_name, const char *role, const char *agency,
                       const char *region, int disabled, ZfError *err);
    int (*users_list)(Store *st, const char *q, int page, int size, json_t **out, ZfError *err);
    int (*session_create)(Store *st, const char *token_hash, long long user_id, const char *csrf, long long now,
                          const char *ip, ZfError *err);
    int (*session_lookup)(Store *st, const char *token_hash, AuthUser *u, ZfError *err);
    int (*session_touch)(Store *st, const char *token_hash, long long now, ZfError *err);
    int (*session_delete)(Store *st, const char *token_hash, ZfError *err);
    int (*sessions_delete_user)(Store *st, long long user_id, ZfError *err);
    int (*login_reserve)(Store *st, const char *username, long long now, const LoginPolicy *policy, LoginAttempt *out,
                         ZfError *err);
    int (*login_clear)(Store *st, const char *username, ZfError *err);
    bool (*role_has_perm)(Store *st, const char *role, const char *perm);
    json_t *(*role_permissions)(Store *st, const char *role);
    int (*roles_list)(Store *st, json_t **out, ZfError *err);
    int (*role_set_perms)(Store *st, const char *role, const char *const *perms, size_t n, ZfError *err);
    int (*audit_append)(Store *st, const AuditEntry *e);
    int (*audit_list)(Store *st, const AuditFilter *f, int page, int size, json_t **out, ZfError *err);
    int (*audit_foreach)(Store *st, const AuditFilter *f, AuditRowFn fn, void *ctx, ZfError *err);
    void (*agency_region)(Store *st, const char *agency, char region[7]);
    int (*monthly_status)(Store *st, const char *scope_agency, const char *scope_region_prefix, const char *month,
                          json_t **out, ZfError *err);
    int (*foreach_in_scope)(Store *st, const char *scope_agency, const char *scope_region_prefix, StoreRecordFn fn,
                            void *ctx, ZfError *err);
    int (*law_hash)(Store *st, const char *file, char hash[65], ZfError *err);
    int (*law_put)(Store *st, const char *file, const char *hash, const Law *law, ZfError *err);
    int (*laws_prune)(Store *st, const char *const *keep, size_t n, int *removed, ZfError *err);
    int (*laws_reindex)(Store *st, ZfError *err);
    int (*laws_list)(Store *st, int page, int size, json_t **out, ZfError *err);
    int (*law_get)(Store *st, long long id, json_t **out, ZfError *err);
    int (*law_article)(Store *st, long long law_id, int number, int sub, json_t **out, ZfError *err);
    int (*laws_search)(Store *st, const LawQuery *q, long long law_id, int page, int size, json_t **out, ZfError *err);
    int (*ledger_db_open)(Store *st, LedgerDb **out, ZfError *err);
    void (*ledger_db_close)(LedgerDb *db);
    int (*ledger_db_size)(LedgerDb *db, uint64_t *size, ZfError *err);
    int (*ledger_db_insert_event)(LedgerDb *db, uint64_t seq, const char *time, const char *type, const char *subject,
                                  const char *body, size_t len, const MerkleHash *leaf, ZfError *err);
    int (*ledger_db_leaves)(LedgerDb *db, uint64_t start, uint64_t end, MerkleHash *out, ZfError *err);
    int (*ledger_db_put_node)(LedgerDb *db, unsigned level, uint64_t idx, const MerkleHash *hash, ZfError *err);
    int (*ledger_db_get_node)(LedgerDb *db, unsigned level, uint64_t idx, MerkleHash *out, ZfError *err);
    int (*ledger_db_foreach_event)(LedgerDb *db, LedgerEventFn fn, void *ctx, ZfError *err);
    int (*ledger_db_event_at)(LedgerDb *db, uint64_t seq, LedgerEventFn fn, void *ctx, ZfError *err);
    int (*ledger_db_subject_events)(LedgerDb *db, const char *subject, LedgerEventFn fn, void *ctx, ZfError *err);
    int (*ledger_db_foreach_node)(LedgerDb *db, LedgerNodeFn fn, void *ctx, ZfError *err);
    int (*ledger_db_insert_head)(LedgerDb *db, const char *origin, const SignedHead *h, ZfError *err);
    int (*ledger_db_latest_head)(LedgerDb *db, const char *origin, SignedHead *h, int *found, ZfError *err);
    int (*ledger_db_foreach_head)(LedgerDb *db, LedgerHeadFn fn, void *ctx, ZfError *err);
    int (*ledger_db_put_key)(LedgerDb *db, const char *key_id, const char *origin, const char *pem, ZfError *err);
    int (*ledger_db_get_key)(LedgerDb *db, const char *key_id, char **pem, ZfError *err);
    int (*ledger_db_origin_key)(LedgerDb *db, const char *origin, char **pem, ZfError *err);
    int (*ledger_db_put_attachment)(LedgerDb *db, const char *sm3_hex, int64_t size, const char *media_type,
                                    ZfError *err);
    int (*ledger_db_foreach_attachment)(LedgerDb *db, LedgerAttachmentFn fn, void *ctx, ZfError *err);
    int (*ledger_db_foreach_case_attachment)(LedgerDb *db, LedgerCaseAttachmentFn fn, void *ctx, ZfError *err);
    int (*ledger_db_foreach_case)(LedgerDb *db, LedgerCaseFn fn, void *ctx, ZfError *err);
    int (*ledger_db_foreach_column_mismatch)(LedgerDb *db, LedgerColumnFn fn, void *ctx, ZfError *err);
    int (*public_decisions)(Store *st, const char *agency, const char *q, int page, int size, json_t **out,
                            ZfError *err);
    int (*portal_challenge_add)(Store *st, const char *id, const char *prefix, int bits, long long expires_at,
                                long long now, ZfError *err);
    int (*portal_challenge_take)(Store *st, const char *id, long long now, char prefix[PORTAL_CHALLENGE_PREFIX + 1],
                                 int *bits, bool *found, ZfError *err);
    int (*portal_count)(Store *st, const char *addr, const char *kind, long long hour, int add, int *count,
                        ZfError *err);
    int (*publicity_publish)(Store *st, const char *case_no, const char *agency, const char *published_on,
                             const char *user, ZfError *err);
    int (*publicity_withdraw)(Store *st, const char *case_no, const char *withdrawn_on, const char *user,
                              const char *reason, ZfError *err);
    int (*publicity_pending)(Store *st, const char *agency, json_t **items, ZfError *err);
    int (*setting_int)(Store *st, const char *name, int dflt);
    void (*setting_text)(Store *st, const char *name, const char *dflt, char *out, size_t size);
    int (*settings_list)(Store *st, json_t **items, ZfError *err);
    int (*setting_spec)(Store *st, const char *name, SettingSpec *spec, char *kind_buf, size_t kind_size, ZfError *err);
    int (*setting_put)(Store *st, const char *name, const char *value, const char *user, ZfError *err);
    int (*record_standing)(Store *st, const StoredRecord *rec, const char *scope_agency,
                           const char *scope_region_prefix, StoredStanding *out, ZfError *err);
    void (*close)(Store *st);
    int (*schema_version)(Store *st);
    int (*ping)(Store *st, ZfError *err);
    int (*begin)(Store *st, ZfError *err);
    int (*commit)(Store *st, ZfError *err);
    void (*rollback)(Store *st);
    int (*begin_read)(Store *st, ZfError *err);
    int (*savepoint)(Store *st, const char *name, ZfError *err);
    int (*release)(Store *st, const char *name, ZfError *err);
    void (*rollback_to)(Store *st, const char *name);
    int (*put_record)(Store *st, const StoredRecord *rec, int *changed, ZfError *err);
    int (*put_records)(Store *st, const StoredRecord *recs, size_t n, int *changed, ZfError *err);
    int (*foreach_record)(Store *st, RecordType type, StoreRecordFn fn, void *ctx, ZfError *err);
    int (*foreach_record_since)(Store *st, RecordType type, const char *since, StoreRecordFn fn, void *ctx,
                                ZfError *err);
    long long (*count_records)(Store *st, RecordType type);
    StoreCheckpointer *(*checkpointer_start)(Store *st);
    void (*checkpointer_stop)(StoreCheckpointer *c);
    int (*workflow_get)(Store *st, const char *case_no, json_t **row, ZfError *err);
    int (*workflow_put)(Store *st, const json_t *row, ZfError *err);
    int (*workflow_timeline_insert)(Store *st, const TimelineRow *row, long long *id, ZfError *err);
    bool (*workflow_backfill_pending)(Store *st, const char *table);
    int (*workflow_backfill_done)(Store *st, ZfError *err);
    int (*workflow_timeline)(Store *st, const char *case_no, json_t **items, ZfError *err);
    int (*workflow_foreach)(Store *st, WorkflowRowFn fn, void *ctx, ZfError *err);
    int (*workflow_timeline_foreach)(Store *st, WorkflowRowFn fn, void *ctx, ZfError *err);
    int (*workflow_list)(Store *st, const char *agency, const char *created_by, const char *stage, int page, int size,
                         json_t **out, ZfError *err);
    int (*workflow_next_seq)(Store *st, const char *agency, int year, long *seq, ZfError *err);
    int (*workflow_list_types)(Store *st, const char *agency, const char *const *types, int page, int size,
                               json_t **out, ZfError *err); /* workflow_kinds.h */
    int (*doc_no_used)(Store *st, const char *agency, const char *doc_no, int *used, ZfError *err);
    int (*workflow_seq_skip)(Store *st, const char *agency, int year, long used, ZfError *err);
    /* a case's numbers (store/case_numbers.h) */
    int (*case_resolve)(Store *st, const char *number, char case_no[static 129], ZfError *err);
    int (*filing_next_seq)(Store *st, const char *agency, int year, long *seq, ZfError *err);
    int (*cases_totals)(Store *st, const CaseFilter *f, long long *count, long long *fine_fen, ZfError *err);
    /* API tokens (store/tokens.h) */
    int (*token_create)(Store *st, const char *name, const char *region, const char *token_hash,
                        const char *created_by, long long *id, ZfError *err);
    int (*token_by_hash)(Store *st, const char *token_hash, ApiToken *out, ZfError *err);
    int (*token_find)(Store *st, const char *name, long long id, ApiToken *out, ZfError *err);
    int (*token_touch)(Store *st, long long id, ZfError *err);
    int (*token_revoke)(Store *st, long long id, ZfError *err);
    int (*tokens_list)(Store *st, json_t **items, ZfError *err);
    /* 案卷评查 (store/reviews.h) */
    int (*review_get)(Store *st, ReviewTable t, long long id, json_t **row, ZfError *err);
    int (*review_put)(Store *st, ReviewTable t, json_t *row, ZfError *err);
    int (*review_rows)(Store *st, ReviewTable t, const ReviewRowFilter *f, json_t **items, ZfError *err);
    int (*review_items_clear)(Store *st, long long plan_id, ZfError *err);
    int (*review_standard_get)(Store *st, const char *code, json_t **row, ZfError *err);
    int (*review_standards)(Store *st, json_t **items, ZfError *err);
    int (*review_standard_put)(Store *st, const char *code, const char *name, const char *body, const char *sha256, bool shipped, ZfError *err);
    int (*review_population)(Store *st, const ReviewPopulation *q, json_t **case_nos, ZfError *err);
    int (*review_users_with)(Store *st, const char *perm, json_t **items, ZfError *err);
    int (*review_foreach)(Store *st, ReviewTable t, ReviewRowFn fn, void *ctx, ZfError *err);
    /* 法治督察考核 (store/assessment.h) */
    int (*assess_get)(Store *st, AssessTable t, long long id, json_t **row, ZfError *err);
    int (*assess_put)(Store *st, AssessTable t, json_t *row, ZfError *err);
    int (*assess_rows)(Store *st, AssessTable t, const AssessFilter *f, json_t **items, ZfError *err);
    int (*assess_foreach)(Store *st, AssessTable t, AssessRowFn fn, void *ctx, ZfError *err);
    int (*assess_reconsidered)(Store *st, const char *agency, const char *from, const char *to, long long *decided, long long *reconsidered, ZfError *err);
    /* 统计分析 (store/stats.h) */
    int (*stats)(Store *st, StatsKind kind, const StatsFilter *f, json_t **out, ZfError *err);
    int (*rollup_rebuild)(Store *st, ZfError *err);
    /* 双随机、一公开 and 综合查一次 (store/inspections.h) */
    int (*insp_get)(Store *st, InspTable t, long long id, json_t **row, ZfError *err);
    int (*insp_put)(Store *st, InspTable t, json_t *row, ZfError *err);
    int (*insp_rows)(Store *st, InspTable t, const InspFilter *f, json_t **items, ZfError *err);
    int (*insp_officers)(Store *st, const char *agency, json_t **items, ZfError *err);
    int (*insp_i02_cases)(Store *st, json_t **items, ZfError *err);
    /* 电子送达 (store/deliveries.h) */
    int (*delivery_get)(Store *st, DeliveryTable t, long long id, json_t **row, ZfError *err);
    int (*delivery_put)(Store *st, DeliveryTable t, json_t *row, ZfError *err);
    int (*delivery_by_token)(Store *st, const char *token_hash, json_t **row, ZfError *err);
    int (*delivery_list)(Store *st, DeliveryTable t, const char *case_no, json_t **items, ZfError *err);
    int (*delivery_foreach)(Store *st, DeliveryTable t, DeliveryRowFn fn, void *ctx, ZfError *err);
    /* 执法文书 (store/documents.h) */
    const char *(*db_path)(Store *st);
    int (*document_next)(Store *st, const char *subject, const char *subject_id, const char *kind, long long *id,
                         int *version, ZfError *err);
    int (*document_insert)(Store *st, const DocumentRow *r, ZfError *err);
    int (*documents_of)(Store *st, const char *subject, const char *subject_id, json_t **items, ZfError *err);
    int (*document_get)(Store *st, long long id, json_t **row, ZfError *err);
    int (*documents_foreach)(Store *st, DocumentRowFn fn, void *ctx, ZfError *err);
    /* 规范性文件备案审查 (store/normative.h) */
    int (*normative_get)(Store *st, NormativeTable t, long long id, json_t **row, ZfError *err);
    int (*normative_put)(Store *st, NormativeTable t, json_t *row, ZfError *err);
    int (*normative_next_seq)(Store *st, int year, long *seq, ZfError *err);
    int (*normative_index)(Store *st, long long id, const char *bigrams, const char *unigrams, ZfError *err);
    int (*normative_list)(Store *st, const NormativeFilter *f, int page, int size, json_t **out, ZfError *err);
    int (*normative_foreach)(Store *st, NormativeTable t, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err);
    int (*normative_tasks_of)(Store *st, long long doc_id, json_t **items, ZfError *err);
    int (*normative_users_in_role)(Store *st, const char *role, json_t **items, ZfError *err);
    /* 多级汇聚 (store/sync.h) */
    int (*sync_node_add)(Store *st, const char *name, const char *region, const char *token_hash, long long *id, ZfError *err);
    int (*sync_node_by_token)(Store *st, const char *token_hash, json_t **node, ZfError *err);
    int (*sync_node_update)(Store *st, long long id, const json_t *fields, ZfError *err);
    int (*sync_nodes_list)(Store *st, json_t **items, ZfError *err);
    int (*sync_batch_record)(Store *st, const json_t *batch, long long *id, ZfError *err);
    int (*sync_batch_find)(Store *st, const char *direction, long long node_id, long long to_seq, json_t **batch, ZfError *err);
    int (*sync_batches_list)(Store *st, const char *direction, int page, int size, json_t **out, ZfError *err);
    int (*sync_upper_get)(Store *st, json_t **row, ZfError *err);
    int (*sync_upper_enrol)(Store *st, const json_t *row, ZfError *err);
    int (*sync_upper_update)(Store *st, const json_t *fields, ZfError *err);
    int (*sync_pending)(Store *st, long long after_seq, int limit, SyncPendingFn fn, void *ctx, ZfError *err);
    int (*sync_publish)(Store *st, const char *kind, const char *key, const char *body, const char *hash, int *changed, ZfError *err);
    int (*sync_published_after)(Store *st, long long after_seq, int limit, json_t **items, ZfError *err);
    int (*sync_witness_add)(Store *st, const json_t *w, ZfError *err);
    int (*sync_witnesses)(Store *st, json_t **items, ZfError *err);
    int (*sync_order_link_put)(Store *st, const json_t *link, ZfError *err);
    int (*sync_order_links)(Store *st, json_t **items, ZfError *err);
    /* 行政区划 over regions.tsv (store/region_codes.h) */
    int (*region_codes)(Store *st, json_t **items, ZfError *err);
    int (*region_code_put)(Store *st, const char *code, const char *name, int from_upper, ZfError *err);
    int (*region_code_drop)(Store *st, const char *code, ZfError *err);
    /* 行政复议 (store/reconsiderations.h) */
    int (*recon_get)(Store *st, long long id, json_t **row, ZfError *err);
    int (*recon_put)(Store *st, json_t *row, ZfError *err);
    int (*recon_timeline_add)(Store *st, const ReconTimelineRow *row, long long *id, ZfError *err);
    int (*recon_timeline)(Store *st, long long recon_id, json_t **items, ZfError *err);
    int (*recon_foreach)(Store *st, ReconTable t, ReconRowFn fn, void *ctx, ZfError *err);
    int (*recon_next_seq)(Store *st, const char *region, int year, long *seq, ZfError *err);
    int (*recon_doc_next_seq)(Store *st, const char *region, int year, long *seq, ZfError *err);
    int (*recons_list)(Store *st, const ReconFilter *f, int page, int size, json_t **out, ZfError *err);
    int (*recons_stats)(Store *st, const ReconFilter *f, json_t **out, ZfError *err);
    /* backups (store/backup.h) */
    int (*backup_to)(Store *st, const char *dest_path, ZfError *err);
    int (*restore_from)(Store *st, const char *image_path, ZfError *err);
    /* several web processes on one database (store/web_tier.h) */
    int (*job_lease)(Store *st, const char *job, const char *holder, long long now, long long ttl, bool *held,
                     ZfError *err);
    int (*job_release)(Store *st, const char *job, const char *holder, ZfError *err);
    int (*auth_generation)(Store *st, long long *gen, ZfError *err);
    bool (*in_transaction)(Store *st);
    int (*audit_append_many)(Store *st, const AuditEntry *const *entries, size_t n, ZfError *err);
} StoreOps;

/* The first member of every backend object. */
typedef struct {
    const StoreOps *ops;
} StoreObject;

#endif
