/* The PostgreSQL backend's operations (pg_*.c), each the member of StoreOps of its name. */
#ifndef ZF_PG_OPS_H
#define ZF_PG_OPS_H

#include "store/store_ops.h"

int pg_store_record_get(Store *st, RecordType type, const char *key, char **body, ZfError *err);
int pg_store_rule_config_latest(Store *st, int *version, char **overrides, ZfError *err);
int pg_store_rule_config_save(Store *st, const char *overrides, const char *by, int *version, ZfError *err);
int pg_store_mark_dirty(Store *st, ZfError *err);
int pg_store_is_dirty(Store *st);
int pg_store_user_create(Store *st, const NewUser *u, long long *id, ZfError *err);
int pg_store_user_by_name(Store *st, const char *username, AuthUser *u, char hash[PASSWORD_HASH_MAX], ZfError *err);
int pg_store_user_by_id(Store *st, long long id, AuthUser *u, char hash[PASSWORD_HASH_MAX], ZfError *err);
int pg_store_user_set_password(Store *st, long long id, const char *hash, bool must_change, ZfError *err);
int pg_store_user_update(Store *st, long long id, const char *display_name, const char *role, const char *agency, const char *region, int disabled, ZfError *err);
int pg_store_users_list(Store *st, const char *q, int page, int size, json_t **out, ZfError *err);
int pg_store_session_create(Store *st, const char *token_hash, long long user_id, const char *csrf, long long now, const char *ip, ZfError *err);
int pg_store_session_lookup(Store *st, const char *token_hash, AuthUser *u, ZfError *err);
int pg_store_session_touch(Store *st, const char *token_hash, long long now, ZfError *err);
int pg_store_session_delete(Store *st, const char *token_hash, ZfError *err);
int pg_store_sessions_delete_user(Store *st, long long user_id, ZfError *err);
int pg_store_login_reserve(Store *st, const char *username, long long now, const LoginPolicy *policy, LoginAttempt *out, ZfError *err);
int pg_store_login_clear(Store *st, const char *username, ZfError *err);
bool pg_store_role_has_perm(Store *st, const char *role, const char *perm);
json_t *pg_store_role_permissions(Store *st, const char *role);
int pg_store_roles_list(Store *st, json_t **out, ZfError *err);
int pg_store_role_set_perms(Store *st, const char *role, const char *const *perms, size_t n, ZfError *err);
int pg_store_audit_append(Store *st, const AuditEntry *e);
int pg_store_audit_list(Store *st, const AuditFilter *f, int page, int size, json_t **out, ZfError *err);
int pg_store_audit_foreach(Store *st, const AuditFilter *f, AuditRowFn fn, void *ctx, ZfError *err);
void pg_store_agency_region(Store *st, const char *agency, char region[7]);
int pg_store_ledger_db_open(Store *st, LedgerDb **out, ZfError *err);
void pg_store_ledger_db_close(LedgerDb *db);
int pg_store_ledger_db_size(LedgerDb *db, uint64_t *size, ZfError *err);
int pg_store_ledger_db_insert_event(LedgerDb *db, uint64_t seq, const char *time, const char *type, const char *subject, const char *body, size_t len, const MerkleHash *leaf, ZfError *err);
int pg_store_ledger_db_leaves(LedgerDb *db, uint64_t start, uint64_t end, MerkleHash *out, ZfError *err);
int pg_store_ledger_db_put_node(LedgerDb *db, unsigned level, uint64_t idx, const MerkleHash *hash, ZfError *err);
int pg_store_ledger_db_get_node(LedgerDb *db, unsigned level, uint64_t idx, MerkleHash *out, ZfError *err);
int pg_store_ledger_db_foreach_event(LedgerDb *db, LedgerEventFn fn, void *ctx, ZfError *err);
int pg_store_ledger_db_event_at(LedgerDb *db, uint64_t seq, LedgerEventFn fn, void *ctx, ZfError *err);
int pg_store_ledger_db_subject_events(LedgerDb *db, const char *subject, LedgerEventFn fn, void *ctx, ZfError *err);
int pg_store_ledger_db_foreach_node(LedgerDb *db, LedgerNodeFn fn, void *ctx, ZfError *err);
int pg_store_ledger_db_insert_head(LedgerDb *db, const char *origin, const SignedHead *h, ZfError *err);
int pg_store_ledger_db_latest_head(LedgerDb *db, const char *origin, SignedHead *h, int *found, ZfError *err);
int pg_store_ledger_db_foreach_head(LedgerDb *db, LedgerHeadFn fn, void *ctx, ZfError *err);
int pg_store_ledger_db_put_key(LedgerDb *db, const char *key_id, const char *origin, const char *pem, ZfError *err);
int pg_store_ledger_db_get_key(LedgerDb *db, const char *key_id, char **pem, ZfError *err);
int pg_store_ledger_db_origin_key(LedgerDb *db, const char *origin, char **pem, ZfError *err);
int pg_store_ledger_db_put_attachment(LedgerDb *db, const char *sm3_hex, int64_t size, const char *media_type, ZfError *err);
int pg_store_ledger_db_foreach_attachment(LedgerDb *db, LedgerAttachmentFn fn, void *ctx, ZfError *err);
int pg_store_ledger_db_foreach_case_attachment(LedgerDb *db, LedgerCaseAttachmentFn fn, void *ctx, ZfError *err);
int pg_store_ledger_db_foreach_case(LedgerDb *db, LedgerCaseFn fn, void *ctx, ZfError *err);
int pg_store_ledger_db_foreach_column_mismatch(LedgerDb *db, LedgerColumnFn fn, void *ctx, ZfError *err);
int pg_store_setting_int(Store *st, const char *name, int dflt);
void pg_store_setting_text(Store *st, const char *name, const char *dflt, char *out, size_t size);
int pg_store_settings_list(Store *st, json_t **items, ZfError *err);
int pg_store_setting_spec(Store *st, const char *name, SettingSpec *spec, char *kind_buf, size_t kind_size, ZfError *err);
int pg_store_setting_put(Store *st, const char *name, const char *value, const char *user, ZfError *err);
void pg_store_close(Store *st);
int pg_store_schema_version(Store *st);
int pg_store_ping(Store *st, ZfError *err);
int pg_store_begin(Store *st, ZfError *err);
int pg_store_commit(Store *st, ZfError *err);
void pg_store_rollback(Store *st);
int pg_store_begin_read(Store *st, ZfError *err);
int pg_store_savepoint(Store *st, const char *name, ZfError *err);
int pg_store_release(Store *st, const char *name, ZfError *err);
void pg_store_rollback_to(Store *st, const char *name);
int pg_store_put_record(Store *st, const StoredRecord *rec, int *changed, ZfError *err);
int pg_store_foreach_record(Store *st, RecordType type, StoreRecordFn fn, void *ctx, ZfError *err);
int pg_store_foreach_record_since(Store *st, RecordType type, const char *since, StoreRecordFn fn, void *ctx, ZfError *err);
long long pg_store_count_records(Store *st, RecordType type);
bool pg_store_workflow_backfill_pending(Store *st, const char *table);
int pg_store_workflow_backfill_done(Store *st, ZfError *err);
const char *pg_store_db_path(Store *st);

int pg_store_open(const char *url, const char *files_path, StoreOpenMode mode, Store **out, ZfError *err);

#endif
