/* The store functions callers use: each forwards to the backend of the object it is given
 * (store_ops.h). store_open picks the backend from the path. */
#include <stdio.h>
#include <stdlib.h>

#include "store/store_ops.h"

/* the backends this build has */
int sqlite_store_open(const char *path, StoreOpenMode mode, Store **out, ZfError *err);
int pg_store_open(const char *url, const char *files_path, StoreOpenMode mode, Store **out, ZfError *err);

#define OPS(obj) (((const StoreObject *)(obj))->ops)

/* A backend that lacks an operation (a NULL member: the PostgreSQL backend while it is being
 * ported) answers 501 naming it instead of calling NULL; an operation without an error to set
 * answers its safe default (no permission, the default setting, nothing found). Returns ZF_ERR. */
static int unported(const char *op, ZfError *err)
{
    return err ? zf_fail(err, 501, "not_implemented", NULL, "PostgreSQL 后端尚未实现：%s", op) : ZF_ERR;
}

int store_agencies_list(Store *st, const AgencyFilter *f, int page, int size, json_t **out, ZfError *err)
{
    if (!OPS(st)->agencies_list) return unported("agencies_list", err);
    return OPS(st)->agencies_list(st, f, page, size, out, err);
}

int store_approval_policy(Store *st, ApprovalPolicy *out, ZfError *err)
{
    if (!OPS(st)->approval_policy) return unported("approval_policy", err);
    return OPS(st)->approval_policy(st, out, err);
}

int store_approval_pending(Store *st, const char *case_no, ApprovalRow *out, ZfError *err)
{
    if (!OPS(st)->approval_pending) return unported("approval_pending", err);
    return OPS(st)->approval_pending(st, case_no, out, err);
}

int store_approval_open(Store *st, const char *case_no, const char *agency, const char *requested_by,
                        const ApprovalTask *t, const char *status, ZfError *err)
{
    if (!OPS(st)->approval_open) return unported("approval_open", err);
    return OPS(st)->approval_open(st, case_no, agency, requested_by, t, status, err);
}

int store_approval_update(Store *st, long long id, const ApprovalTask *t, const char *status, ZfError *err)
{
    if (!OPS(st)->approval_update) return unported("approval_update", err);
    return OPS(st)->approval_update(st, id, t, status, err);
}

int store_approval_cancel_pending(Store *st, const char *case_no, ZfError *err)
{
    if (!OPS(st)->approval_cancel_pending) return unported("approval_cancel_pending", err);
    return OPS(st)->approval_cancel_pending(st, case_no, err);
}

int store_approvals_pending_foreach(Store *st, const char *agency, ApprovalRowFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->approvals_pending_foreach) return unported("approvals_pending_foreach", err);
    return OPS(st)->approvals_pending_foreach(st, agency, fn, ctx, err);
}

int store_approvals_of_case(Store *st, const char *case_no, ApprovalRowFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->approvals_of_case) return unported("approvals_of_case", err);
    return OPS(st)->approvals_of_case(st, case_no, fn, ctx, err);
}

int store_user_approval_level(Store *st, const char *username, int *level, ZfError *err)
{
    if (!OPS(st)->user_approval_level) return unported("user_approval_level", err);
    return OPS(st)->user_approval_level(st, username, level, err);
}

int store_user_set_approval_level(Store *st, const char *username, int level, ZfError *err)
{
    if (!OPS(st)->user_set_approval_level) return unported("user_set_approval_level", err);
    return OPS(st)->user_set_approval_level(st, username, level, err);
}

int store_agency_approvers(Store *st, const char *agency, json_t **out, ZfError *err)
{
    if (!OPS(st)->agency_approvers) return unported("agency_approvers", err);
    return OPS(st)->agency_approvers(st, agency, out, err);
}

int store_lead_get(Store *st, long long id, json_t **row, ZfError *err)
{
    if (!OPS(st)->lead_get) return unported("lead_get", err);
    return OPS(st)->lead_get(st, id, row, err);
}

int store_lead_by_ref(Store *st, const char *source, const char *source_ref, long long *id, ZfError *err)
{
    if (!OPS(st)->lead_by_ref) return unported("lead_by_ref", err);
    return OPS(st)->lead_by_ref(st, source, source_ref, id, err);
}

int store_lead_put(Store *st, json_t *row, ZfError *err)
{
    if (!OPS(st)->lead_put) return unported("lead_put", err);
    return OPS(st)->lead_put(st, row, err);
}

int store_lead_timeline_add(Store *st, const LeadTimelineRow *row, long long *id, ZfError *err)
{
    if (!OPS(st)->lead_timeline_add) return unported("lead_timeline_add", err);
    return OPS(st)->lead_timeline_add(st, row, id, err);
}

int store_lead_timeline(Store *st, long long lead_id, json_t **items, ZfError *err)
{
    if (!OPS(st)->lead_timeline) return unported("lead_timeline", err);
    return OPS(st)->lead_timeline(st, lead_id, items, err);
}

int store_leads_list(Store *st, const LeadFilter *f, int page, int size, json_t **out, ZfError *err)
{
    if (!OPS(st)->leads_list) return unported("leads_list", err);
    return OPS(st)->leads_list(st, f, page, size, out, err);
}

int store_leads_foreach(Store *st, LeadRowFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->leads_foreach) return unported("leads_foreach", err);
    return OPS(st)->leads_foreach(st, fn, ctx, err);
}

int store_leads_of_agency_between(Store *st, const char *agency, const char *from, const char *to, int limit,
                                  json_t **items, ZfError *err)
{
    if (!OPS(st)->leads_of_agency_between) return unported("leads_of_agency_between", err);
    return OPS(st)->leads_of_agency_between(st, agency, from, to, limit, items, err);
}

int store_lead_timeline_foreach(Store *st, LeadRowFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->lead_timeline_foreach) return unported("lead_timeline_foreach", err);
    return OPS(st)->lead_timeline_foreach(st, fn, ctx, err);
}

int store_focus_counts(Store *st, int year, const char *scope_agency, const char *scope_region_prefix, json_t **out, ZfError *err)
{
    if (!OPS(st)->focus_counts) return unported("focus_counts", err);
    return OPS(st)->focus_counts(st, year, scope_agency, scope_region_prefix, out, err);
}

int store_lead_photo_add(Store *st, const LeadPhotoRow *p, long long *id, ZfError *err)
{
    if (!OPS(st)->lead_photo_add) return unported("lead_photo_add", err);
    return OPS(st)->lead_photo_add(st, p, id, err);
}

int store_lead_photos(Store *st, long long lead_id, json_t **items, ZfError *err)
{
    if (!OPS(st)->lead_photos) return unported("lead_photos", err);
    return OPS(st)->lead_photos(st, lead_id, items, err);
}

int store_case_outcomes_since(Store *st, const char *since, CaseOutcomeFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->case_outcomes_since) return unported("case_outcomes_since", err);
    return OPS(st)->case_outcomes_since(st, since, fn, ctx, err);
}

int store_outcome_scan_get(Store *st, char mark[32], ZfError *err)
{
    if (!OPS(st)->outcome_scan_get) return unported("outcome_scan_get", err);
    return OPS(st)->outcome_scan_get(st, mark, err);
}

int store_outcome_scan_set(Store *st, const char *mark, ZfError *err)
{
    if (!OPS(st)->outcome_scan_set) return unported("outcome_scan_set", err);
    return OPS(st)->outcome_scan_set(st, mark, err);
}

int store_order_get(Store *st, long long id, json_t **row, ZfError *err)
{
    if (!OPS(st)->order_get) return unported("order_get", err);
    return OPS(st)->order_get(st, id, row, err);
}

int store_order_put(Store *st, json_t *row, ZfError *err)
{
    if (!OPS(st)->order_put) return unported("order_put", err);
    return OPS(st)->order_put(st, row, err);
}

int store_order_timeline_add(Store *st, const OrderTimelineRow *row, long long *id, ZfError *err)
{
    if (!OPS(st)->order_timeline_add) return unported("order_timeline_add", err);
    return OPS(st)->order_timeline_add(st, row, id, err);
}

int store_order_timeline(Store *st, long long order_id, json_t **items, ZfError *err)
{
    if (!OPS(st)->order_timeline) return unported("order_timeline", err);
    return OPS(st)->order_timeline(st, order_id, items, err);
}

int store_orders_foreach(Store *st, OrderRowFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->orders_foreach) return unported("orders_foreach", err);
    return OPS(st)->orders_foreach(st, fn, ctx, err);
}

int store_order_timeline_foreach(Store *st, OrderRowFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->order_timeline_foreach) return unported("order_timeline_foreach", err);
    return OPS(st)->order_timeline_foreach(st, fn, ctx, err);
}

int store_orders_of_case(Store *st, const char *case_no, json_t **ids, ZfError *err)
{
    if (!OPS(st)->orders_of_case) return unported("orders_of_case", err);
    return OPS(st)->orders_of_case(st, case_no, ids, err);
}

int store_order_next_seq(Store *st, const char *region, int year, long *seq, ZfError *err)
{
    if (!OPS(st)->order_next_seq) return unported("order_next_seq", err);
    return OPS(st)->order_next_seq(st, region, year, seq, err);
}

int store_orders_list(Store *st, const OrderFilter *f, int page, int size, json_t **out, ZfError *err)
{
    if (!OPS(st)->orders_list) return unported("orders_list", err);
    return OPS(st)->orders_list(st, f, page, size, out, err);
}

int store_orders_running(Store *st, json_t **rows, ZfError *err)
{
    if (!OPS(st)->orders_running) return unported("orders_running", err);
    return OPS(st)->orders_running(st, rows, err);
}

int store_orders_stats(Store *st, const OrderStatsFilter *f, json_t **out, ZfError *err)
{
    if (!OPS(st)->orders_stats) return unported("orders_stats", err);
    return OPS(st)->orders_stats(st, f, out, err);
}

int store_order_attachment_add(Store *st, const OrderAttachmentRow *a, long long *id, ZfError *err)
{
    if (!OPS(st)->order_attachment_add) return unported("order_attachment_add", err);
    return OPS(st)->order_attachment_add(st, a, id, err);
}

int store_order_attachments(Store *st, long long order_id, json_t **items, ZfError *err)
{
    if (!OPS(st)->order_attachments) return unported("order_attachments", err);
    return OPS(st)->order_attachments(st, order_id, items, err);
}

int store_findings_by_ids(Store *st, const json_t *ids, json_t **items, ZfError *err)
{
    if (!OPS(st)->findings_by_ids) return unported("findings_by_ids", err);
    return OPS(st)->findings_by_ids(st, ids, items, err);
}

int store_cases_list(Store *st, const CaseFilter *f, int page, int size, json_t **out, ZfError *err)
{
    if (!OPS(st)->cases_list) return unported("cases_list", err);
    return OPS(st)->cases_list(st, f, page, size, out, err);
}

int store_cases_page(Store *st, const CaseFilter *f, int page, int size, CaseRowFn fn, void *ctx, long long *total,
                     ZfError *err)
{
    if (!OPS(st)->cases_page) return unported("cases_page", err);
    return OPS(st)->cases_page(st, f, page, size, fn, ctx, total, err);
}

int store_cases_foreach(Store *st, const CaseFilter *f, CaseRowFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->cases_foreach) return unported("cases_foreach", err);
    return OPS(st)->cases_foreach(st, f, fn, ctx, err);
}

int store_attachment_add(Store *st, const AttachmentRow *a, json_t **out, ZfError *err)
{
    if (!OPS(st)->attachment_add) return unported("attachment_add", err);
    return OPS(st)->attachment_add(st, a, out, err);
}

int store_attachment_list(Store *st, const char *case_no, json_t **items, ZfError *err)
{
    if (!OPS(st)->attachment_list) return unported("attachment_list", err);
    return OPS(st)->attachment_list(st, case_no, items, err);
}

int store_attachment_get(Store *st, const char *case_no, long long id, json_t **row, ZfError *err)
{
    if (!OPS(st)->attachment_get) return unported("attachment_get", err);
    return OPS(st)->attachment_get(st, case_no, id, row, err);
}

int store_officers_list(Store *st, const OfficerFilter *f, int page, int size, json_t **out, ZfError *err)
{
    if (!OPS(st)->officers_list) return unported("officers_list", err);
    return OPS(st)->officers_list(st, f, page, size, out, err);
}

int store_powers_list(Store *st, const PowerFilter *f, int page, int size, json_t **out, ZfError *err)
{
    if (!OPS(st)->powers_list) return unported("powers_list", err);
    return OPS(st)->powers_list(st, f, page, size, out, err);
}

bool store_power_in_scope(Store *st, const char *power_body, const char *scope_agency, const char *scope_region_prefix)
{
    if (!OPS(st)->power_in_scope) return unported("power_in_scope", NULL), false;
    return OPS(st)->power_in_scope(st, power_body, scope_agency, scope_region_prefix);
}

int store_element_names(Store *st, const char *agency, const char *power, json_t **agency_name,
                        json_t **power_name, ZfError *err)
{
    if (!OPS(st)->element_names) return unported("element_names", err);
    return OPS(st)->element_names(st, agency, power, agency_name, power_name, err);
}

int store_law_find_article(Store *st, const char *law, int number, int sub, long long *law_id, ZfError *err)
{
    if (!OPS(st)->law_find_article) return unported("law_find_article", err);
    return OPS(st)->law_find_article(st, law, number, sub, law_id, err);
}

int store_findings_sync(Store *st, const FindingRecord *rows, size_t n, int config_version, const char *as_of,
                        long long subjects, FindingSyncStats *stats, ZfError *err)
{
    if (!OPS(st)->findings_sync) return unported("findings_sync", err);
    return OPS(st)->findings_sync(st, rows, n, config_version, as_of, subjects, stats, err);
}

int store_findings_sync_cases(Store *st, const FindingRecord *rows, size_t n, int config_version, const char *as_of,
                              const char *const *case_nos, size_t n_cases, const char *except_rule,
                              FindingSyncStats *stats, ZfError *err)
{
    if (!OPS(st)->findings_sync_cases) return unported("findings_sync_cases", err);
    return OPS(st)->findings_sync_cases(st, rows, n, config_version, as_of, case_nos, n_cases, except_rule, stats, err);
}

int store_filing_candidates(Store *st, const char *since, FilingCandidateFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->filing_candidates) return unported("filing_candidates", err);
    return OPS(st)->filing_candidates(st, since, fn, ctx, err);
}

int store_filing_scan_get(Store *st, char mark[32], char **policy, ZfError *err)
{
    if (!OPS(st)->filing_scan_get) return unported("filing_scan_get", err);
    return OPS(st)->filing_scan_get(st, mark, policy, err);
}

int store_filing_scan_set(Store *st, const char *mark, const char *policy, ZfError *err)
{
    if (!OPS(st)->filing_scan_set) return unported("filing_scan_set", err);
    return OPS(st)->filing_scan_set(st, mark, policy, err);
}

int store_filing_insert(Store *st, const FilingRow *r, long long *id, ZfError *err)
{
    if (!OPS(st)->filing_insert) return unported("filing_insert", err);
    return OPS(st)->filing_insert(st, r, id, err);
}

int store_filings_list(Store *st, const FilingFilter *f, int page, int size, json_t **out, ZfError *err)
{
    if (!OPS(st)->filings_list) return unported("filings_list", err);
    return OPS(st)->filings_list(st, f, page, size, out, err);
}

int store_filing_get(Store *st, long long id, json_t **row, ZfError *err)
{
    if (!OPS(st)->filing_get) return unported("filing_get", err);
    return OPS(st)->filing_get(st, id, row, err);
}

int store_filing_review(Store *st, long long id, const char *result, const char *reviewer, const char *note,
                        long long order_id, ZfError *err)
{
    if (!OPS(st)->filing_review) return unported("filing_review", err);
    return OPS(st)->filing_review(st, id, result, reviewer, note, order_id, err);
}

int store_findings_list(Store *st, const FindingFilter *f, int page, int size, json_t **out, ZfError *err)
{
    if (!OPS(st)->findings_list) return unported("findings_list", err);
    return OPS(st)->findings_list(st, f, page, size, out, err);
}

int store_findings_summary(Store *st, const FindingFilter *f, json_t **out, ZfError *err)
{
    if (!OPS(st)->findings_summary) return unported("findings_summary", err);
    return OPS(st)->findings_summary(st, f, out, err);
}

int store_record_get(Store *st, RecordType type, const char *key, char **body, ZfError *err)
{
    if (!OPS(st)->record_get) return unported("record_get", err);
    return OPS(st)->record_get(st, type, key, body, err);
}

int store_rule_config_latest(Store *st, int *version, char **overrides, ZfError *err)
{
    if (!OPS(st)->rule_config_latest) return unported("rule_config_latest", err);
    return OPS(st)->rule_config_latest(st, version, overrides, err);
}

int store_rule_config_save(Store *st, const char *overrides, const char *by, int *version, ZfError *err)
{
    if (!OPS(st)->rule_config_save) return unported("rule_config_save", err);
    return OPS(st)->rule_config_save(st, overrides, by, version, err);
}

int store_mark_dirty(Store *st, ZfError *err)
{
    if (!OPS(st)->mark_dirty) return unported("mark_dirty", err);
    return OPS(st)->mark_dirty(st, err);
}

int store_is_dirty(Store *st)
{
    if (!OPS(st)->is_dirty) return unported("is_dirty", NULL), 0;
    return OPS(st)->is_dirty(st);
}

int store_user_create(Store *st, const NewUser *u, long long *id, ZfError *err)
{
    if (!OPS(st)->user_create) return unported("user_create", err);
    return OPS(st)->user_create(st, u, id, err);
}

int store_user_by_name(Store *st, const char *username, AuthUser *u, char hash[PASSWORD_HASH_MAX], ZfError *err)
{
    if (!OPS(st)->user_by_name) return unported("user_by_name", err);
    return OPS(st)->user_by_name(st, username, u, hash, err);
}

int store_user_by_id(Store *st, long long id, AuthUser *u, char hash[PASSWORD_HASH_MAX], ZfError *err)
{
    if (!OPS(st)->user_by_id) return unported("user_by_id", err);
    return OPS(st)->user_by_id(st, id, u, hash, err);
}

int store_user_set_password(Store *st, long long id, const char *hash, bool must_change, ZfError *err)
{
    if (!OPS(st)->user_set_password) return unported("user_set_password", err);
    return OPS(st)->user_set_password(st, id, hash, must_change, err);
}

int store_user_update(Store *st, long long id, const char *display_name, const char *role, const char *agency,
                      const char *region, int disabled, ZfError *err)
{
    if (!OPS(st)->user_update) return unported("user_update", err);
    return OPS(st)->user_update(st, id, display_name, role, agency, region, disabled, err);
}

int store_users_list(Store *st, const char *q, int page, int size, json_t **out, ZfError *err)
{
    if (!OPS(st)->users_list) return unported("users_list", err);
    return OPS(st)->users_list(st, q, page, size, out, err);
}

int store_session_create(Store *st, const char *token_hash, long long user_id, const char *csrf, long long now,
                         const char *ip, ZfError *err)
{
    if (!OPS(st)->session_create) return unported("session_create", err);
    return OPS(st)->session_create(st, token_hash, user_id, csrf, now, ip, err);
}

int store_session_lookup(Store *st, const char *token_hash, AuthUser *u, ZfError *err)
{
    if (!OPS(st)->session_lookup) return unported("session_lookup", err);
    return OPS(st)->session_lookup(st, token_hash, u, err);
}

int store_session_touch(Store *st, const char *token_hash, long long now, ZfError *err)
{
    if (!OPS(st)->session_touch) return unported("session_touch", err);
    return OPS(st)->session_touch(st, token_hash, now, err);
}

int store_session_delete(Store *st, const char *token_hash, ZfError *err)
{
    if (!OPS(st)->session_delete) return unported("session_delete", err);
    return OPS(st)->session_delete(st, token_hash, err);
}

int store_sessions_delete_user(Store *st, long long user_id, ZfError *err)
{
    if (!OPS(st)->sessions_delete_user) return unported("sessions_delete_user", err);
    return OPS(st)->sessions_delete_user(st, user_id, err);
}

int store_login_reserve(Store *st, const char *username, long long now, const LoginPolicy *policy, LoginAttempt *out,
                        ZfError *err)
{
    if (!OPS(st)->login_reserve) return unported("login_reserve", err);
    return OPS(st)->login_reserve(st, username, now, policy, out, err);
}

int store_login_clear(Store *st, const char *username, ZfError *err)
{
    if (!OPS(st)->login_clear) return unported("login_clear", err);
    return OPS(st)->login_clear(st, username, err);
}

bool store_role_has_perm(Store *st, const char *role, const char *perm)
{
    if (!OPS(st)->role_has_perm) return unported("role_has_perm", NULL), false;
    return OPS(st)->role_has_perm(st, role, perm);
}

json_t *store_role_permissions(Store *st, const char *role)
{
    if (!OPS(st)->role_permissions) return unported("role_permissions", NULL), json_array();
    return OPS(st)->role_permissions(st, role);
}

int store_roles_list(Store *st, json_t **out, ZfError *err)
{
    if (!OPS(st)->roles_list) return unported("roles_list", err);
    return OPS(st)->roles_list(st, out, err);
}

int store_role_set_perms(Store *st, const char *role, const char *const *perms, size_t n, ZfError *err)
{
    if (!OPS(st)->role_set_perms) return unported("role_set_perms", err);
    return OPS(st)->role_set_perms(st, role, perms, n, err);
}

int store_audit_append(Store *st, const AuditEntry *e)
{
    if (!OPS(st)->audit_append) return unported("audit_append", NULL);
    return OPS(st)->audit_append(st, e);
}

int store_audit_list(Store *st, const AuditFilter *f, int page, int size, json_t **out, ZfError *err)
{
    if (!OPS(st)->audit_list) return unported("audit_list", err);
    return OPS(st)->audit_list(st, f, page, size, out, err);
}

int store_audit_foreach(Store *st, const AuditFilter *f, AuditRowFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->audit_foreach) return unported("audit_foreach", err);
    return OPS(st)->audit_foreach(st, f, fn, ctx, err);
}

void store_agency_region(Store *st, const char *agency, char region[7])
{
    if (!OPS(st)->agency_region) {
        unported("agency_region", NULL);
        region[0] = '\0';
        return;
    }
    OPS(st)->agency_region(st, agency, region);
}

int store_bulletin_agencies(Store *st, const BulletinQuery *q, json_t **items, ZfError *err)
{
    if (!OPS(st)->bulletin_agencies) return unported("bulletin_agencies", err);
    return OPS(st)->bulletin_agencies(st, q, items, err);
}

int store_bulletin_problems(Store *st, const BulletinQuery *q, int limit, json_t **items, ZfError *err)
{
    if (!OPS(st)->bulletin_problems) return unported("bulletin_problems", err);
    return OPS(st)->bulletin_problems(st, q, limit, items, err);
}

int store_bulletin_trend(Store *st, const BulletinQuery *q, json_t **items, ZfError *err)
{
    if (!OPS(st)->bulletin_trend) return unported("bulletin_trend", err);
    return OPS(st)->bulletin_trend(st, q, items, err);
}

int store_monthly_status(Store *st, const char *scope_agency, const char *scope_region_prefix, const char *month,
                         json_t **out, ZfError *err)
{
    if (!OPS(st)->monthly_status) return unported("monthly_status", err);
    return OPS(st)->monthly_status(st, scope_agency, scope_region_prefix, month, out, err);
}

int store_foreach_in_scope(Store *st, const char *scope_agency, const char *scope_region_prefix, StoreRecordFn fn,
                           void *ctx, ZfError *err)
{
    if (!OPS(st)->foreach_in_scope) return unported("foreach_in_scope", err);
    return OPS(st)->foreach_in_scope(st, scope_agency, scope_region_prefix, fn, ctx, err);
}

int store_law_hash(Store *st, const char *file, char hash[65], ZfError *err)
{
    if (!OPS(st)->law_hash) return unported("law_hash", err);
    return OPS(st)->law_hash(st, file, hash, err);
}

int store_law_put(Store *st, const char *file, const char *hash, const Law *law, ZfError *err)
{
    if (!OPS(st)->law_put) return unported("law_put", err);
    return OPS(st)->law_put(st, file, hash, law, err);
}

int store_laws_prune(Store *st, const char *const *keep, size_t n, int *removed, ZfError *err)
{
    if (!OPS(st)->laws_prune) return unported("laws_prune", err);
    return OPS(st)->laws_prune(st, keep, n, removed, err);
}

int store_laws_reindex(Store *st, ZfError *err)
{
    if (!OPS(st)->laws_reindex) return unported("laws_reindex", err);
    return OPS(st)->laws_reindex(st, err);
}

int store_laws_list(Store *st, int page, int size, json_t **out, ZfError *err)
{
    if (!OPS(st)->laws_list) return unported("laws_list", err);
    return OPS(st)->laws_list(st, page, size, out, err);
}

int store_law_get(Store *st, long long id, json_t **out, ZfError *err)
{
    if (!OPS(st)->law_get) return unported("law_get", err);
    return OPS(st)->law_get(st, id, out, err);
}

int store_law_article(Store *st, long long law_id, int number, int sub, json_t **out, ZfError *err)
{
    if (!OPS(st)->law_article) return unported("law_article", err);
    return OPS(st)->law_article(st, law_id, number, sub, out, err);
}

int store_laws_search(Store *st, const LawQuery *q, long long law_id, int page, int size, json_t **out, ZfError *err)
{
    if (!OPS(st)->laws_search) return unported("laws_search", err);
    return OPS(st)->laws_search(st, q, law_id, page, size, out, err);
}

int ledger_db_open(Store *st, LedgerDb **out, ZfError *err)
{
    if (!OPS(st)->ledger_db_open) return unported("ledger_db_open", err);
    return OPS(st)->ledger_db_open(st, out, err);
}

void ledger_db_close(LedgerDb *db)
{
    if (!db) return;
    if (!OPS(db)->ledger_db_close) return (void)unported("ledger_db_close", NULL);
    OPS(db)->ledger_db_close(db);
}

int ledger_db_size(LedgerDb *db, uint64_t *size, ZfError *err)
{
    if (!OPS(db)->ledger_db_size) return unported("ledger_db_size", err);
    return OPS(db)->ledger_db_size(db, size, err);
}

int ledger_db_insert_event(LedgerDb *db, uint64_t seq, const char *time, const char *type, const char *subject,
                           const char *body, size_t len, const MerkleHash *leaf, ZfError *err)
{
    if (!OPS(db)->ledger_db_insert_event) return unported("ledger_db_insert_event", err);
    return OPS(db)->ledger_db_insert_event(db, seq, time, type, subject, body, len, leaf, err);
}

int ledger_db_leaves(LedgerDb *db, uint64_t start, uint64_t end, MerkleHash *out, ZfError *err)
{
    if (!OPS(db)->ledger_db_leaves) return unported("ledger_db_leaves", err);
    return OPS(db)->ledger_db_leaves(db, start, end, out, err);
}

int ledger_db_put_node(LedgerDb *db, unsigned level, uint64_t idx, const MerkleHash *hash, ZfError *err)
{
    if (!OPS(db)->ledger_db_put_node) return unported("ledger_db_put_node", err);
    return OPS(db)->ledger_db_put_node(db, level, idx, hash, err);
}

int ledger_db_get_node(LedgerDb *db, unsigned level, uint64_t idx, MerkleHash *out, ZfError *err)
{
    if (!OPS(db)->ledger_db_get_node) return unported("ledger_db_get_node", err);
    return OPS(db)->ledger_db_get_node(db, level, idx, out, err);
}

int ledger_db_foreach_event(LedgerDb *db, LedgerEventFn fn, void *ctx, ZfError *err)
{
    if (!OPS(db)->ledger_db_foreach_event) return unported("ledger_db_foreach_event", err);
    return OPS(db)->ledger_db_foreach_event(db, fn, ctx, err);
}

int ledger_db_event_at(LedgerDb *db, uint64_t seq, LedgerEventFn fn, void *ctx, ZfError *err)
{
    if (!OPS(db)->ledger_db_event_at) return unported("ledger_db_event_at", err);
    return OPS(db)->ledger_db_event_at(db, seq, fn, ctx, err);
}

int ledger_db_subject_events(LedgerDb *db, const char *subject, LedgerEventFn fn, void *ctx, ZfError *err)
{
    if (!OPS(db)->ledger_db_subject_events) return unported("ledger_db_subject_events", err);
    return OPS(db)->ledger_db_subject_events(db, subject, fn, ctx, err);
}

int ledger_db_foreach_node(LedgerDb *db, LedgerNodeFn fn, void *ctx, ZfError *err)
{
    if (!OPS(db)->ledger_db_foreach_node) return unported("ledger_db_foreach_node", err);
    return OPS(db)->ledger_db_foreach_node(db, fn, ctx, err);
}

int ledger_db_insert_head(LedgerDb *db, const char *origin, const SignedHead *h, ZfError *err)
{
    if (!OPS(db)->ledger_db_insert_head) return unported("ledger_db_insert_head", err);
    return OPS(db)->ledger_db_insert_head(db, origin, h, err);
}

int ledger_db_latest_head(LedgerDb *db, const char *origin, SignedHead *h, int *found, ZfError *err)
{
    if (!OPS(db)->ledger_db_latest_head) return unported("ledger_db_latest_head", err);
    return OPS(db)->ledger_db_latest_head(db, origin, h, found, err);
}

int ledger_db_foreach_head(LedgerDb *db, LedgerHeadFn fn, void *ctx, ZfError *err)
{
    if (!OPS(db)->ledger_db_foreach_head) return unported("ledger_db_foreach_head", err);
    return OPS(db)->ledger_db_foreach_head(db, fn, ctx, err);
}

int ledger_db_put_key(LedgerDb *db, const char *key_id, const char *origin, const char *pem, ZfError *err)
{
    if (!OPS(db)->ledger_db_put_key) return unported("ledger_db_put_key", err);
    return OPS(db)->ledger_db_put_key(db, key_id, origin, pem, err);
}

int ledger_db_get_key(LedgerDb *db, const char *key_id, char **pem, ZfError *err)
{
    if (!OPS(db)->ledger_db_get_key) return unported("ledger_db_get_key", err);
    return OPS(db)->ledger_db_get_key(db, key_id, pem, err);
}

int ledger_db_origin_key(LedgerDb *db, const char *origin, char **pem, ZfError *err)
{
    if (!OPS(db)->ledger_db_origin_key) return unported("ledger_db_origin_key", err);
    return OPS(db)->ledger_db_origin_key(db, origin, pem, err);
}

int ledger_db_put_attachment(LedgerDb *db, const char *sm3_hex, int64_t size, const char *media_type, ZfError *err)
{
    if (!OPS(db)->ledger_db_put_attachment) return unported("ledger_db_put_attachment", err);
    return OPS(db)->ledger_db_put_attachment(db, sm3_hex, size, media_type, err);
}

int ledger_db_foreach_attachment(LedgerDb *db, LedgerAttachmentFn fn, void *ctx, ZfError *err)
{
    if (!OPS(db)->ledger_db_foreach_attachment) return unported("ledger_db_foreach_attachment", err);
    return OPS(db)->ledger_db_foreach_attachment(db, fn, ctx, err);
}

int ledger_db_foreach_case_attachment(LedgerDb *db, LedgerCaseAttachmentFn fn, void *ctx, ZfError *err)
{
    if (!OPS(db)->ledger_db_foreach_case_attachment) return unported("ledger_db_foreach_case_attachment", err);
    return OPS(db)->ledger_db_foreach_case_attachment(db, fn, ctx, err);
}

int ledger_db_foreach_case(LedgerDb *db, LedgerCaseFn fn, void *ctx, ZfError *err)
{
    if (!OPS(db)->ledger_db_foreach_case) return unported("ledger_db_foreach_case", err);
    return OPS(db)->ledger_db_foreach_case(db, fn, ctx, err);
}

int ledger_db_foreach_column_mismatch(LedgerDb *db, LedgerColumnFn fn, void *ctx, ZfError *err)
{
    if (!OPS(db)->ledger_db_foreach_column_mismatch) return unported("ledger_db_foreach_column_mismatch", err);
    return OPS(db)->ledger_db_foreach_column_mismatch(db, fn, ctx, err);
}

int store_public_decisions(Store *st, const char *agency, const char *q, int page, int size, json_t **out, ZfError *err)
{
    if (!OPS(st)->public_decisions) return unported("public_decisions", err);
    return OPS(st)->public_decisions(st, agency, q, page, size, out, err);
}

int store_portal_challenge_add(Store *st, const char *id, const char *prefix, int bits, long long expires_at,
                               long long now, ZfError *err)
{
    if (!OPS(st)->portal_challenge_add) return unported("portal_challenge_add", err);
    return OPS(st)->portal_challenge_add(st, id, prefix, bits, expires_at, now, err);
}

int store_portal_challenge_take(Store *st, const char *id, long long now, char prefix[PORTAL_CHALLENGE_PREFIX + 1],
                                int *bits, bool *found, ZfError *err)
{
    if (!OPS(st)->portal_challenge_take) return unported("portal_challenge_take", err);
    return OPS(st)->portal_challenge_take(st, id, now, prefix, bits, found, err);
}

int store_portal_count(Store *st, const char *addr, const char *kind, long long hour, int add, int *count,
                       ZfError *err)
{
    if (!OPS(st)->portal_count) return unported("portal_count", err);
    return OPS(st)->portal_count(st, addr, kind, hour, add, count, err);
}

int store_publicity_publish(Store *st, const char *case_no, const char *agency, const char *published_on,
                            const char *user, ZfError *err)
{
    if (!OPS(st)->publicity_publish) return unported("publicity_publish", err);
    return OPS(st)->publicity_publish(st, case_no, agency, published_on, user, err);
}

int store_publicity_withdraw(Store *st, const char *case_no, const char *withdrawn_on, const char *user,
                             const char *reason, ZfError *err)
{
    if (!OPS(st)->publicity_withdraw) return unported("publicity_withdraw", err);
    return OPS(st)->publicity_withdraw(st, case_no, withdrawn_on, user, reason, err);
}

int store_publicity_pending(Store *st, const char *agency, json_t **items, ZfError *err)
{
    if (!OPS(st)->publicity_pending) return unported("publicity_pending", err);
    return OPS(st)->publicity_pending(st, agency, items, err);
}

int store_setting_int(Store *st, const char *name, int dflt)
{
    if (!OPS(st)->setting_int) return unported("setting_int", NULL), dflt;
    return OPS(st)->setting_int(st, name, dflt);
}

void store_setting_text(Store *st, const char *name, const char *dflt, char *out, size_t size)
{
    if (!OPS(st)->setting_text) {
        unported("setting_text", NULL);
        snprintf(out, size, "%s", dflt);
        return;
    }
    OPS(st)->setting_text(st, name, dflt, out, size);
}

int store_settings_list(Store *st, json_t **items, ZfError *err)
{
    if (!OPS(st)->settings_list) return unported("settings_list", err);
    return OPS(st)->settings_list(st, items, err);
}

int store_setting_spec(Store *st, const char *name, SettingSpec *spec, char *kind_buf, size_t kind_size, ZfError *err)
{
    if (!OPS(st)->setting_spec) return unported("setting_spec", err);
    return OPS(st)->setting_spec(st, name, spec, kind_buf, kind_size, err);
}

int store_setting_put(Store *st, const char *name, const char *value, const char *user, ZfError *err)
{
    if (!OPS(st)->setting_put) return unported("setting_put", err);
    return OPS(st)->setting_put(st, name, value, user, err);
}

int store_record_standing(Store *st, const StoredRecord *rec, const char *scope_agency, const char *scope_region_prefix,
                          StoredStanding *out, ZfError *err)
{
    if (!OPS(st)->record_standing) return unported("record_standing", err);
    return OPS(st)->record_standing(st, rec, scope_agency, scope_region_prefix, out, err);
}

void store_close(Store *st)
{
    if (!st) return;
    if (!OPS(st)->close) return (void)unported("close", NULL);
    OPS(st)->close(st);
}

int store_schema_version(Store *st)
{
    if (!OPS(st)->schema_version) return unported("schema_version", NULL), 0;
    return OPS(st)->schema_version(st);
}

int store_ping(Store *st, ZfError *err)
{
    if (!OPS(st)->ping) return unported("ping", err);
    return OPS(st)->ping(st, err);
}

int store_begin(Store *st, ZfError *err)
{
    if (!OPS(st)->begin) return unported("begin", err);
    return OPS(st)->begin(st, err);
}

int store_commit(Store *st, ZfError *err)
{
    if (!OPS(st)->commit) return unported("commit", err);
    return OPS(st)->commit(st, err);
}

void store_rollback(Store *st)
{
    if (!OPS(st)->rollback) return (void)unported("rollback", NULL);
    OPS(st)->rollback(st);
}

int store_begin_read(Store *st, ZfError *err)
{
    if (!OPS(st)->begin_read) return unported("begin_read", err);
    return OPS(st)->begin_read(st, err);
}

int store_savepoint(Store *st, const char *name, ZfError *err)
{
    if (!OPS(st)->savepoint) return unported("savepoint", err);
    return OPS(st)->savepoint(st, name, err);
}

int store_release(Store *st, const char *name, ZfError *err)
{
    if (!OPS(st)->release) return unported("release", err);
    return OPS(st)->release(st, name, err);
}

void store_rollback_to(Store *st, const char *name)
{
    if (!OPS(st)->rollback_to) return (void)unported("rollback_to", NULL);
    OPS(st)->rollback_to(st, name);
}

int store_put_record(Store *st, const StoredRecord *rec, int *changed, ZfError *err)
{
    if (!OPS(st)->put_record) return unported("put_record", err);
    return OPS(st)->put_record(st, rec, changed, err);
}

int store_put_records(Store *st, const StoredRecord *recs, size_t n, int *changed, ZfError *err)
{
    if (!OPS(st)->put_records) return unported("put_records", err);
    return OPS(st)->put_records(st, recs, n, changed, err);
}

int store_foreach_record(Store *st, RecordType type, StoreRecordFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->foreach_record) return unported("foreach_record", err);
    return OPS(st)->foreach_record(st, type, fn, ctx, err);
}

int store_foreach_record_since(Store *st, RecordType type, const char *since, StoreRecordFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->foreach_record_since) return unported("foreach_record_since", err);
    return OPS(st)->foreach_record_since(st, type, since, fn, ctx, err);
}

long long store_count_records(Store *st, RecordType type)
{
    if (!OPS(st)->count_records) return unported("count_records", NULL), -1;
    return OPS(st)->count_records(st, type);
}

StoreCheckpointer *store_checkpointer_start(Store *st)
{
    if (!OPS(st)->checkpointer_start) return unported("checkpointer_start", NULL), NULL;
    return OPS(st)->checkpointer_start(st);
}

void store_checkpointer_stop(StoreCheckpointer *c)
{
    if (!c) return;
    if (!OPS(c)->checkpointer_stop) return (void)unported("checkpointer_stop", NULL);
    OPS(c)->checkpointer_stop(c);
}

int store_workflow_get(Store *st, const char *case_no, json_t **row, ZfError *err)
{
    if (!OPS(st)->workflow_get) return unported("workflow_get", err);
    return OPS(st)->workflow_get(st, case_no, row, err);
}

int store_workflow_put(Store *st, const json_t *row, ZfError *err)
{
    if (!OPS(st)->workflow_put) return unported("workflow_put", err);
    return OPS(st)->workflow_put(st, row, err);
}

int store_workflow_timeline_insert(Store *st, const TimelineRow *row, long long *id, ZfError *err)
{
    if (!OPS(st)->workflow_timeline_insert) return unported("workflow_timeline_insert", err);
    return OPS(st)->workflow_timeline_insert(st, row, id, err);
}

bool store_workflow_backfill_pending(Store *st, const char *table)
{
    if (!OPS(st)->workflow_backfill_pending) return unported("workflow_backfill_pending", NULL), false;
    return OPS(st)->workflow_backfill_pending(st, table);
}

int store_workflow_backfill_done(Store *st, ZfError *err)
{
    if (!OPS(st)->workflow_backfill_done) return unported("workflow_backfill_done", err);
    return OPS(st)->workflow_backfill_done(st, err);
}

int store_workflow_timeline(Store *st, const char *case_no, json_t **items, ZfError *err)
{
    if (!OPS(st)->workflow_timeline) return unported("workflow_timeline", err);
    return OPS(st)->workflow_timeline(st, case_no, items, err);
}

int store_workflow_foreach(Store *st, WorkflowRowFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->workflow_foreach) return unported("workflow_foreach", err);
    return OPS(st)->workflow_foreach(st, fn, ctx, err);
}

int store_workflow_timeline_foreach(Store *st, WorkflowRowFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->workflow_timeline_foreach) return unported("workflow_timeline_foreach", err);
    return OPS(st)->workflow_timeline_foreach(st, fn, ctx, err);
}

int store_workflow_list(Store *st, const char *agency, const char *created_by, const char *stage, int page, int size,
                        json_t **out, ZfError *err)
{
    if (!OPS(st)->workflow_list) return unported("workflow_list", err);
    return OPS(st)->workflow_list(st, agency, created_by, stage, page, size, out, err);
}

int store_workflow_next_seq(Store *st, const char *agency, int year, long *seq, ZfError *err)
{
    if (!OPS(st)->workflow_next_seq) return unported("workflow_next_seq", err);
    return OPS(st)->workflow_next_seq(st, agency, year, seq, err);
}

int store_workflow_list_types(Store *st, const char *agency, const char *const *types, int page, int size,
                              json_t **out, ZfError *err)
{
    if (!OPS(st)->workflow_list_types) return unported("workflow_list_types", err);
    return OPS(st)->workflow_list_types(st, agency, types, page, size, out, err);
}

int store_doc_no_used(Store *st, const char *agency, const char *doc_no, int *used, ZfError *err)
{
    if (!OPS(st)->doc_no_used) return unported("doc_no_used", err);
    return OPS(st)->doc_no_used(st, agency, doc_no, used, err);
}

int store_case_resolve(Store *st, const char *number, char case_no[static 129], ZfError *err)
{
    if (!OPS(st)->case_resolve) return unported("case_resolve", err);
    return OPS(st)->case_resolve(st, number, case_no, err);
}

int store_filing_next_seq(Store *st, const char *agency, int year, long *seq, ZfError *err)
{
    if (!OPS(st)->filing_next_seq) return unported("filing_next_seq", err);
    return OPS(st)->filing_next_seq(st, agency, year, seq, err);
}

int store_cases_totals(Store *st, const CaseFilter *f, long long *count, long long *fine_fen, ZfError *err)
{
    if (!OPS(st)->cases_totals) return unported("cases_totals", err);
    return OPS(st)->cases_totals(st, f, count, fine_fen, err);
}

int store_workflow_seq_skip(Store *st, const char *agency, int year, long used, ZfError *err)
{
    if (!OPS(st)->workflow_seq_skip) return unported("workflow_seq_skip", err);
    return OPS(st)->workflow_seq_skip(st, agency, year, used, err);
}

int store_token_create(Store *st, const char *name, const char *region, const char *token_hash,
                       const char *created_by, long long *id, ZfError *err)
{
    if (!OPS(st)->token_create) return unported("token_create", err);
    return OPS(st)->token_create(st, name, region, token_hash, created_by, id, err);
}

int store_token_by_hash(Store *st, const char *token_hash, ApiToken *out, ZfError *err)
{
    if (!OPS(st)->token_by_hash) return unported("token_by_hash", err);
    return OPS(st)->token_by_hash(st, token_hash, out, err);
}

int store_token_find(Store *st, const char *name, long long id, ApiToken *out, ZfError *err)
{
    if (!OPS(st)->token_find) return unported("token_find", err);
    return OPS(st)->token_find(st, name, id, out, err);
}

int store_token_touch(Store *st, long long id, ZfError *err)
{
    if (!OPS(st)->token_touch) return unported("token_touch", err);
    return OPS(st)->token_touch(st, id, err);
}

int store_token_revoke(Store *st, long long id, ZfError *err)
{
    if (!OPS(st)->token_revoke) return unported("token_revoke", err);
    return OPS(st)->token_revoke(st, id, err);
}

int store_tokens_list(Store *st, json_t **items, ZfError *err)
{
    if (!OPS(st)->tokens_list) return unported("tokens_list", err);
    return OPS(st)->tokens_list(st, items, err);
}

int store_message_add(Store *st, const MessageRow *m, bool *added, ZfError *err)
{
    if (!OPS(st)->message_add) return unported("message_add", err);
    return OPS(st)->message_add(st, m, added, err);
}

int store_messages_list(Store *st, const MessageFilter *f, int page, int size, json_t **out, ZfError *err)
{
    if (!OPS(st)->messages_list) return unported("messages_list", err);
    return OPS(st)->messages_list(st, f, page, size, out, err);
}

int store_messages_unread_count(Store *st, const char *username, long long *n, ZfError *err)
{
    if (!OPS(st)->messages_unread_count) return unported("messages_unread_count", err);
    return OPS(st)->messages_unread_count(st, username, n, err);
}

int store_message_mark_read(Store *st, const char *username, long long id, const char *now, ZfError *err)
{
    if (!OPS(st)->message_mark_read) return unported("message_mark_read", err);
    return OPS(st)->message_mark_read(st, username, id, now, err);
}

int store_messages_mark_all_read(Store *st, const char *username, const char *now, long long *count, ZfError *err)
{
    if (!OPS(st)->messages_mark_all_read) return unported("messages_mark_all_read", err);
    return OPS(st)->messages_mark_all_read(st, username, now, count, err);
}

int store_agency_users_with_perm(Store *st, const char *agency, const char *perm, json_t **names, ZfError *err)
{
    if (!OPS(st)->agency_users_with_perm) return unported("agency_users_with_perm", err);
    return OPS(st)->agency_users_with_perm(st, agency, perm, names, err);
}

int store_cert_holders_ending(Store *st, const char *from, const char *to, json_t **items, ZfError *err)
{
    if (!OPS(st)->cert_holders_ending) return unported("cert_holders_ending", err);
    return OPS(st)->cert_holders_ending(st, from, to, items, err);
}

/* The backend is chosen here: SQLite for a file path (the only one so far). */
/* ZHIFA_PG (set by `zhifa --pg URL`, or in the environment) selects PostgreSQL for the whole
 * process; path then only places the file store and the keys (<path>.files, <path>.keys). */
int store_open(const char *path, StoreOpenMode mode, Store **out, ZfError *err)
{
    const char *pg = getenv("ZHIFA_PG");
    if (pg && *pg) return pg_store_open(pg, path, mode, out, err);
    return sqlite_store_open(path, mode, out, err);
}

/* 案卷评查 (store/reviews.h) */

int store_review_get(Store *st, ReviewTable t, long long id, json_t **row, ZfError *err)
{
    if (!OPS(st)->review_get) return unported("review_get", err);
    return OPS(st)->review_get(st, t, id, row, err);
}

int store_review_put(Store *st, ReviewTable t, json_t *row, ZfError *err)
{
    if (!OPS(st)->review_put) return unported("review_put", err);
    return OPS(st)->review_put(st, t, row, err);
}

int store_review_rows(Store *st, ReviewTable t, const ReviewRowFilter *f, json_t **items, ZfError *err)
{
    if (!OPS(st)->review_rows) return unported("review_rows", err);
    return OPS(st)->review_rows(st, t, f, items, err);
}

int store_review_items_clear(Store *st, long long plan_id, ZfError *err)
{
    if (!OPS(st)->review_items_clear) return unported("review_items_clear", err);
    return OPS(st)->review_items_clear(st, plan_id, err);
}

int store_review_standard_get(Store *st, const char *code, json_t **row, ZfError *err)
{
    if (!OPS(st)->review_standard_get) return unported("review_standard_get", err);
    return OPS(st)->review_standard_get(st, code, row, err);
}

int store_review_standards(Store *st, json_t **items, ZfError *err)
{
    if (!OPS(st)->review_standards) return unported("review_standards", err);
    return OPS(st)->review_standards(st, items, err);
}

int store_review_standard_put(Store *st, const char *code, const char *name, const char *body, const char *sha256, bool shipped, ZfError *err)
{
    if (!OPS(st)->review_standard_put) return unported("review_standard_put", err);
    return OPS(st)->review_standard_put(st, code, name, body, sha256, shipped, err);
}

int store_review_population(Store *st, const ReviewPopulation *q, json_t **case_nos, ZfError *err)
{
    if (!OPS(st)->review_population) return unported("review_population", err);
    return OPS(st)->review_population(st, q, case_nos, err);
}

int store_review_users_with(Store *st, const char *perm, json_t **items, ZfError *err)
{
    if (!OPS(st)->review_users_with) return unported("review_users_with", err);
    return OPS(st)->review_users_with(st, perm, items, err);
}

int store_review_foreach(Store *st, ReviewTable t, ReviewRowFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->review_foreach) return unported("review_foreach", err);
    return OPS(st)->review_foreach(st, t, fn, ctx, err);
}

/* 统计分析 (store/stats.h) */
int store_stats(Store *st, StatsKind kind, const StatsFilter *f, json_t **out, ZfError *err)
{
    if (!OPS(st)->stats) return unported("stats", err);
    return OPS(st)->stats(st, kind, f, out, err);
}

int store_rollup_rebuild(Store *st, ZfError *err)
{
    if (!OPS(st)->rollup_rebuild) return unported("rollup_rebuild", err);
    return OPS(st)->rollup_rebuild(st, err);
}

/* 双随机、一公开 and 综合查一次 (store/inspections.h) */

int store_insp_get(Store *st, InspTable t, long long id, json_t **row, ZfError *err)
{
    if (!OPS(st)->insp_get) return unported("insp_get", err);
    return OPS(st)->insp_get(st, t, id, row, err);
}

int store_insp_put(Store *st, InspTable t, json_t *row, ZfError *err)
{
    if (!OPS(st)->insp_put) return unported("insp_put", err);
    return OPS(st)->insp_put(st, t, row, err);
}

int store_insp_rows(Store *st, InspTable t, const InspFilter *f, json_t **items, ZfError *err)
{
    if (!OPS(st)->insp_rows) return unported("insp_rows", err);
    return OPS(st)->insp_rows(st, t, f, items, err);
}

int store_insp_officers(Store *st, const char *agency, json_t **items, ZfError *err)
{
    if (!OPS(st)->insp_officers) return unported("insp_officers", err);
    return OPS(st)->insp_officers(st, agency, items, err);
}

int store_insp_i02_cases(Store *st, json_t **items, ZfError *err)
{
    if (!OPS(st)->insp_i02_cases) return unported("insp_i02_cases", err);
    return OPS(st)->insp_i02_cases(st, items, err);
}

/* 电子送达 (store/deliveries.h) */
int store_delivery_get(Store *st, DeliveryTable t, long long id, json_t **row, ZfError *err)
{
    if (!OPS(st)->delivery_get) return unported("delivery_get", err);
    return OPS(st)->delivery_get(st, t, id, row, err);
}

int store_delivery_put(Store *st, DeliveryTable t, json_t *row, ZfError *err)
{
    if (!OPS(st)->delivery_put) return unported("delivery_put", err);
    return OPS(st)->delivery_put(st, t, row, err);
}

int store_delivery_by_token(Store *st, const char *token_hash, json_t **row, ZfError *err)
{
    if (!OPS(st)->delivery_by_token) return unported("delivery_by_token", err);
    return OPS(st)->delivery_by_token(st, token_hash, row, err);
}

int store_delivery_list(Store *st, DeliveryTable t, const char *case_no, json_t **items, ZfError *err)
{
    if (!OPS(st)->delivery_list) return unported("delivery_list", err);
    return OPS(st)->delivery_list(st, t, case_no, items, err);
}

int store_delivery_foreach(Store *st, DeliveryTable t, DeliveryRowFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->delivery_foreach) return unported("delivery_foreach", err);
    return OPS(st)->delivery_foreach(st, t, fn, ctx, err);
}

int store_document_next(Store *st, const char *subject, const char *subject_id, const char *kind, long long *id,
                        int *version, ZfError *err)
{
    if (!OPS(st)->document_next) return unported("document_next", err);
    return OPS(st)->document_next(st, subject, subject_id, kind, id, version, err);
}

int store_document_insert(Store *st, const DocumentRow *r, ZfError *err)
{
    if (!OPS(st)->document_insert) return unported("document_insert", err);
    return OPS(st)->document_insert(st, r, err);
}

int store_documents_of(Store *st, const char *subject, const char *subject_id, json_t **items, ZfError *err)
{
    if (!OPS(st)->documents_of) return unported("documents_of", err);
    return OPS(st)->documents_of(st, subject, subject_id, items, err);
}

int store_document_get(Store *st, long long id, json_t **row, ZfError *err)
{
    if (!OPS(st)->document_get) return unported("document_get", err);
    return OPS(st)->document_get(st, id, row, err);
}

int store_documents_foreach(Store *st, DocumentRowFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->documents_foreach) return unported("documents_foreach", err);
    return OPS(st)->documents_foreach(st, fn, ctx, err);
}

const char *store_db_path(Store *st)
{
    if (!OPS(st)->db_path) return unported("db_path", NULL), NULL;
    return OPS(st)->db_path(st);
}

int store_normative_get(Store *st, NormativeTable t, long long id, json_t **row, ZfError *err)
{
    if (!OPS(st)->normative_get) return unported("normative_get", err);
    return OPS(st)->normative_get(st, t, id, row, err);
}

int store_normative_put(Store *st, NormativeTable t, json_t *row, ZfError *err)
{
    if (!OPS(st)->normative_put) return unported("normative_put", err);
    return OPS(st)->normative_put(st, t, row, err);
}

int store_normative_next_seq(Store *st, int year, long *seq, ZfError *err)
{
    if (!OPS(st)->normative_next_seq) return unported("normative_next_seq", err);
    return OPS(st)->normative_next_seq(st, year, seq, err);
}

int store_normative_index(Store *st, long long id, const char *bigrams, const char *unigrams, ZfError *err)
{
    if (!OPS(st)->normative_index) return unported("normative_index", err);
    return OPS(st)->normative_index(st, id, bigrams, unigrams, err);
}

int store_normative_list(Store *st, const NormativeFilter *f, int page, int size, json_t **out, ZfError *err)
{
    if (!OPS(st)->normative_list) return unported("normative_list", err);
    return OPS(st)->normative_list(st, f, page, size, out, err);
}

int store_normative_foreach(Store *st, NormativeTable t, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err)
{
    if (!OPS(st)->normative_foreach) return unported("normative_foreach", err);
    return OPS(st)->normative_foreach(st, t, fn, ctx, err);
}

int store_normative_tasks_of(Store *st, long long doc_id, json_t **items, ZfError *err)
{
    if (!OPS(st)->normative_tasks_of) return unported("normative_tasks_of", err);
    return OPS(st)->normative_tasks_of(st, doc_id, items, err);
}

int store_normative_users_in_role(Store *st, const char *role, json_t **items, ZfError *err)
{
    if (!OPS(st)->normative_users_in_role) return unported("normative_users_in_role", err);
    return OPS(st)->normative_users_in_role(st, role, items, err);
}

/* 多级汇聚 (store/sync.h) */
int store_sync_node_add(Store *st, const char *name, const char *region, const char *token_hash, long long *id, ZfError *err)
{
    if (!OPS(st)->sync_node_add) return unported("sync_node_add", err);
    return OPS(st)->sync_node_add(st, name, region, token_hash, id, err);
}

int store_sync_node_by_token(Store *st, const char *token_hash, json_t **node, ZfError *err)
{
    if (!OPS(st)->sync_node_by_token) return unported("sync_node_by_token", err);
    return OPS(st)->sync_node_by_token(st, token_hash, node, err);
}

int store_sync_node_update(Store *st, long long id, const json_t *fields, ZfError *err)
{
    if (!OPS(st)->sync_node_update) return unported("sync_node_update", err);
    return OPS(st)->sync_node_update(st, id, fields, err);
}

int store_sync_nodes_list(Store *st, json_t **items, ZfError *err)
{
    if (!OPS(st)->sync_nodes_list) return unported("sync_nodes_list", err);
    return OPS(st)->sync_nodes_list(st, items, err);
}

int store_sync_batch_record(Store *st, const json_t *batch, long long *id, ZfError *err)
{
    if (!OPS(st)->sync_batch_record) return unported("sync_batch_record", err);
    return OPS(st)->sync_batch_record(st, batch, id, err);
}

int store_sync_batch_find(Store *st, const char *direction, long long node_id, long long to_seq, json_t **batch, ZfError *err)
{
    if (!OPS(st)->sync_batch_find) return unported("sync_batch_find", err);
    return OPS(st)->sync_batch_find(st, direction, node_id, to_seq, batch, err);
}

int store_sync_batches_list(Store *st, const char *direction, int page, int size, json_t **out, ZfError *err)
{
    if (!OPS(st)->sync_batches_list) return unported("sync_batches_list", err);
    return OPS(st)->sync_batches_list(st, direction, page, size, out, err);
}

int store_sync_upper_get(Store *st, json_t **row, ZfError *err)
{
    if (!OPS(st)->sync_upper_get) return unported("sync_upper_get", err);
    return OPS(st)->sync_upper_get(st, row, err);
}

int store_sync_upper_enrol(Store *st, const json_t *row, ZfError *err)
{
    if (!OPS(st)->sync_upper_enrol) return unported("sync_upper_enrol", err);
    return OPS(st)->sync_upper_enrol(st, row, err);
}

int store_sync_upper_update(Store *st, const json_t *fields, ZfError *err)
{
    if (!OPS(st)->sync_upper_update) return unported("sync_upper_update", err);
    return OPS(st)->sync_upper_update(st, fields, err);
}

int store_sync_pending(Store *st, long long after_seq, int limit, SyncPendingFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->sync_pending) return unported("sync_pending", err);
    return OPS(st)->sync_pending(st, after_seq, limit, fn, ctx, err);
}

int store_sync_witness_add(Store *st, const json_t *w, ZfError *err)
{
    if (!OPS(st)->sync_witness_add) return unported("sync_witness_add", err);
    return OPS(st)->sync_witness_add(st, w, err);
}

int store_sync_order_link_put(Store *st, const json_t *link, ZfError *err)
{
    if (!OPS(st)->sync_order_link_put) return unported("sync_order_link_put", err);
    return OPS(st)->sync_order_link_put(st, link, err);
}

int store_sync_order_links(Store *st, json_t **items, ZfError *err)
{
    if (!OPS(st)->sync_order_links) return unported("sync_order_links", err);
    return OPS(st)->sync_order_links(st, items, err);
}

int store_region_codes(Store *st, json_t **items, ZfError *err)
{
    if (!OPS(st)->region_codes) return unported("region_codes", err);
    return OPS(st)->region_codes(st, items, err);
}

int store_region_code_put(Store *st, const char *code, const char *name, int from_upper, ZfError *err)
{
    if (!OPS(st)->region_code_put) return unported("region_code_put", err);
    return OPS(st)->region_code_put(st, code, name, from_upper, err);
}

int store_region_code_drop(Store *st, const char *code, ZfError *err)
{
    if (!OPS(st)->region_code_drop) return unported("region_code_drop", err);
    return OPS(st)->region_code_drop(st, code, err);
}

int store_sync_witnesses(Store *st, json_t **items, ZfError *err)
{
    if (!OPS(st)->sync_witnesses) return unported("sync_witnesses", err);
    return OPS(st)->sync_witnesses(st, items, err);
}

int store_sync_publish(Store *st, const char *kind, const char *key, const char *body, const char *hash, int *changed, ZfError *err)
{
    if (!OPS(st)->sync_publish) return unported("sync_publish", err);
    return OPS(st)->sync_publish(st, kind, key, body, hash, changed, err);
}

int store_sync_published_after(Store *st, long long after_seq, int limit, json_t **items, ZfError *err)
{
    if (!OPS(st)->sync_published_after) return unported("sync_published_after", err);
    return OPS(st)->sync_published_after(st, after_seq, limit, items, err);
}

/* 法治督察考核 (store/assessment.h) */

int store_assess_get(Store *st, AssessTable t, long long id, json_t **row, ZfError *err)
{
    if (!OPS(st)->assess_get) return unported("assess_get", err);
    return OPS(st)->assess_get(st, t, id, row, err);
}

int store_assess_put(Store *st, AssessTable t, json_t *row, ZfError *err)
{
    if (!OPS(st)->assess_put) return unported("assess_put", err);
    return OPS(st)->assess_put(st, t, row, err);
}

int store_assess_rows(Store *st, AssessTable t, const AssessFilter *f, json_t **items, ZfError *err)
{
    if (!OPS(st)->assess_rows) return unported("assess_rows", err);
    return OPS(st)->assess_rows(st, t, f, items, err);
}

int store_assess_foreach(Store *st, AssessTable t, AssessRowFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->assess_foreach) return unported("assess_foreach", err);
    return OPS(st)->assess_foreach(st, t, fn, ctx, err);
}

int store_assess_reconsidered(Store *st, const char *agency, const char *from, const char *to, long long *decided,
                              long long *reconsidered, ZfError *err)
{
    if (!OPS(st)->assess_reconsidered) return unported("assess_reconsidered", err);
    return OPS(st)->assess_reconsidered(st, agency, from, to, decided, reconsidered, err);
}

/* 行政复议 (store/reconsiderations.h) */

int store_recon_get(Store *st, long long id, json_t **row, ZfError *err)
{
    if (!OPS(st)->recon_get) return unported("recon_get", err);
    return OPS(st)->recon_get(st, id, row, err);
}

int store_recon_put(Store *st, json_t *row, ZfError *err)
{
    if (!OPS(st)->recon_put) return unported("recon_put", err);
    return OPS(st)->recon_put(st, row, err);
}

int store_recon_timeline_add(Store *st, const ReconTimelineRow *row, long long *id, ZfError *err)
{
    if (!OPS(st)->recon_timeline_add) return unported("recon_timeline_add", err);
    return OPS(st)->recon_timeline_add(st, row, id, err);
}

int store_recon_timeline(Store *st, long long recon_id, json_t **items, ZfError *err)
{
    if (!OPS(st)->recon_timeline) return unported("recon_timeline", err);
    return OPS(st)->recon_timeline(st, recon_id, items, err);
}

int store_recon_foreach(Store *st, ReconTable t, ReconRowFn fn, void *ctx, ZfError *err)
{
    if (!OPS(st)->recon_foreach) return unported("recon_foreach", err);
    return OPS(st)->recon_foreach(st, t, fn, ctx, err);
}

int store_recon_next_seq(Store *st, const char *region, int year, long *seq, ZfError *err)
{
    if (!OPS(st)->recon_next_seq) return unported("recon_next_seq", err);
    return OPS(st)->recon_next_seq(st, region, year, seq, err);
}

int store_recon_doc_next_seq(Store *st, const char *region, int year, long *seq, ZfError *err)
{
    if (!OPS(st)->recon_doc_next_seq) return unported("recon_doc_next_seq", err);
    return OPS(st)->recon_doc_next_seq(st, region, year, seq, err);
}

int store_recons_list(Store *st, const ReconFilter *f, int page, int size, json_t **out, ZfError *err)
{
    if (!OPS(st)->recons_list) return unported("recons_list", err);
    return OPS(st)->recons_list(st, f, page, size, out, err);
}

int store_recons_stats(Store *st, const ReconFilter *f, json_t **out, ZfError *err)
{
    if (!OPS(st)->recons_stats) return unported("recons_stats", err);
    return OPS(st)->recons_stats(st, f, out, err);
}

int store_backup_to(Store *st, const char *dest_path, ZfError *err)
{
    if (!OPS(st)->backup_to) return unported("backup_to", err);
    return OPS(st)->backup_to(st, dest_path, err);
}

int store_restore_from(Store *st, const char *image_path, ZfError *err)
{
    if (!OPS(st)->restore_from) return unported("restore_from", err);
    return OPS(st)->restore_from(st, image_path, err);
}

int store_job_lease(Store *st, const char *job, const char *holder, long long now, long long ttl, bool *held,
                    ZfError *err)
{
    if (!OPS(st)->job_lease) return unported("job_lease", err);
    return OPS(st)->job_lease(st, job, holder, now, ttl, held, err);
}

int store_job_release(Store *st, const char *job, const char *holder, ZfError *err)
{
    if (!OPS(st)->job_release) return unported("job_release", err);
    return OPS(st)->job_release(st, job, holder, err);
}

int store_auth_generation(Store *st, long long *gen, ZfError *err)
{
    if (!OPS(st)->auth_generation) return unported("auth_generation", err);
    return OPS(st)->auth_generation(st, gen, err);
}

bool store_in_transaction(Store *st)
{
    return OPS(st)->in_transaction && OPS(st)->in_transaction(st);
}

int store_audit_append_many(Store *st, const AuditEntry *const *entries, size_t n, ZfError *err)
{
    if (!OPS(st)->audit_append_many) return unported("audit_append_many", err);
    return OPS(st)->audit_append_many(st, entries, n, err);
}
