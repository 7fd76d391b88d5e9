/* API handlers, one file per resource. Each validates input, calls domain + store, replies once. */
#ifndef ZF_API_H
#define ZF_API_H

#include "app/context.h"
#include "domain/attachment.h"
#include "http/request.h"
#include "http/router.h"
#include "http/server.h"

/* Every API route with its permission and body limit (routes.c), given to the server at start. */
extern const RouteTable api_route_table;

/* The context an application service is given, from the request: its store connection, the
 * calendar, today by the server's clock, and the logged-in user. */
static inline AppContext api_context(const HttpRequest *req)
{
    return (AppContext){req->store, req->calendar, req->today, req->auth, req->scope, req->server->regions};
}

int api_healthz(HttpRequest *req);
int api_workbench(HttpRequest *req);
/* 统计分析 (api/stats.c, docs/analytics.md) */
int api_stats_summary(HttpRequest *req);
int api_stats_trend(HttpRequest *req);
int api_stats_by_agency(HttpRequest *req);
int api_stats_by_region(HttpRequest *req);
int api_stats_by_sector(HttpRequest *req);
int api_stats_by_rule(HttpRequest *req);
int api_stats_zero_enforcement(HttpRequest *req);
int api_stats_reporting(HttpRequest *req);
int api_stats_rankings(HttpRequest *req);
int api_stats_screen(HttpRequest *req);
int api_findings_list(HttpRequest *req);
int api_findings_summary(HttpRequest *req);
int api_findings_sweep(HttpRequest *req);
int api_rules_list(HttpRequest *req);
int api_dicts_get(HttpRequest *req);
int api_rule_config_get(HttpRequest *req);
int api_rule_config_put(HttpRequest *req);
int api_case_get(HttpRequest *req);
/* filings.c: 重大行政执法决定备案 */
int api_filings_list(HttpRequest *req);
int api_filing_get(HttpRequest *req);
int api_filing_review(HttpRequest *req);

/* case_query.c: 案件查询; case_export.c: the same selection as .xlsx, streamed */
int api_cases_list(HttpRequest *req);
int api_cases_export(HttpRequest *req);
/* GET <list>/export.xlsx of the list pages (list_exports.c) */
int api_findings_export(HttpRequest *req);
int api_orders_export(HttpRequest *req);
int api_leads_export(HttpRequest *req);
int api_officers_export(HttpRequest *req);
int api_powers_export(HttpRequest *req);
int api_agencies_export(HttpRequest *req);
int api_users_export(HttpRequest *req);
int api_audit_export_xlsx(HttpRequest *req);
int api_filings_export(HttpRequest *req);
int api_reports_monthly_export(HttpRequest *req);
int api_review_plans_export(HttpRequest *req);
int api_focus_agencies_export(HttpRequest *req);
int api_bulletin_get(HttpRequest *req);
int api_session_create(HttpRequest *req);
int api_session_get(HttpRequest *req);
int api_session_delete(HttpRequest *req);
int api_session_password(HttpRequest *req);
int api_users_list(HttpRequest *req);
int api_users_create(HttpRequest *req);
int api_users_update(HttpRequest *req);
int api_users_reset_password(HttpRequest *req);
int api_roles_list(HttpRequest *req);
int api_roles_update(HttpRequest *req);
int api_audit_list(HttpRequest *req);
int api_audit_export(HttpRequest *req);
int api_agencies_list(HttpRequest *req);
int api_regions_list(HttpRequest *req);
int api_public_decisions(HttpRequest *req);
/* complaints.c: 群众投诉 on the portal */
int api_public_challenge(HttpRequest *req);
int api_public_complaints_create(HttpRequest *req);
int api_public_complaint_get(HttpRequest *req);
int api_public_agencies(HttpRequest *req);
/* 文书核验 (docs/documents.md): a PDF's electronic seal, the root certificate for offline checks */
int api_public_document_verify(HttpRequest *req);
int api_public_document_root_cert(HttpRequest *req);
size_t api_seal_verify_body_limit(HttpRequest *req, char *why, size_t cap);

/* enforcement elements (三库): agency_edit.c, officers.c, powers.c, benchmarks.c */
int api_agency_get(HttpRequest *req);
int api_agency_put(HttpRequest *req);
int api_officers_list(HttpRequest *req);
int api_officer_get(HttpRequest *req);
int api_officer_put(HttpRequest *req);
int api_powers_list(HttpRequest *req);
int api_power_get(HttpRequest *req);
int api_power_put(HttpRequest *req);
int api_benchmark_get(HttpRequest *req);
int api_benchmark_put(HttpRequest *req);

/* The request's data scope as store filter values; false when it allows nothing. */
bool api_scope_filter(const HttpRequest *req, const char **agency, const char **region_prefix);
int api_laws_list(HttpRequest *req);
int api_laws_search(HttpRequest *req);
int api_law_get(HttpRequest *req);
int api_law_article(HttpRequest *req);

/* ledger.c: the tamper-evident record */
int api_ledger_sth(HttpRequest *req);
int api_ledger_proof(HttpRequest *req);
int api_case_integrity(HttpRequest *req);
int api_case_dossier(HttpRequest *req);

/* intake (issue 5): upload, export, post-hoc case entry, monthly reports */
int api_imports_create(HttpRequest *req);
int api_export(HttpRequest *req);
int api_template_xlsx(HttpRequest *req);
int api_cases_create(HttpRequest *req);
int api_cases_update(HttpRequest *req);
int api_reports_monthly_list(HttpRequest *req);
int api_reports_monthly_put(HttpRequest *req);

/* settings.c: system parameters */
int api_settings_list(HttpRequest *req);
int api_settings_put(HttpRequest *req);

/* online case handling (issue 6): workflow_cases.c */
int api_workflow_cases_create(HttpRequest *req);
int api_inspections_create(HttpRequest *req); /* inspection_cases.c */
/* POST /workflow/cases for case_type inspection / coercion / enforcement / license (body kept by the caller) */
int api_workflow_kind_create(HttpRequest *req, json_t *body, const char *type);
int api_workflow_cases_list(HttpRequest *req);
int api_workflow_case_get(HttpRequest *req);
int api_workflow_case_action(HttpRequest *req);
/* approvals (issue 6): workflow_approvals.c */
int api_workflow_approvals_list(HttpRequest *req);
int api_workflow_case_approvals(HttpRequest *req);
int api_case_approvals(HttpRequest *req);
/* case attachments (全过程记录) */
int api_case_attachments_create(HttpRequest *req);
int api_case_attachments_list(HttpRequest *req);
int api_case_attachment_get(HttpRequest *req);
/* the same files read-only, by data scope (supervision's case detail), and the case's timeline */
int api_case_attachments_read(HttpRequest *req);
/* documents.c: 执法文书 of a case */
int api_case_documents_list(HttpRequest *req);
int api_case_documents_create(HttpRequest *req);
int api_case_documents_print(HttpRequest *req);
int api_case_document_get(HttpRequest *req);
/* A document's PDF from memory (freed here), inline (the browser's viewer) unless ?download=1;
 * audited as audit_action on subject. */
int api_reply_pdf(HttpRequest *req, unsigned char *pdf, size_t len, const char *name, const char *audit_action,
                  const char *subject);
/* order_documents.c: the 督办通知书 / 问诊单 / 意见书 of an order */
int api_order_documents_list(HttpRequest *req);
int api_order_document_get(HttpRequest *req);
/* review_documents.c: the 评查结果通报 of a review plan */
int api_review_plan_documents_list(HttpRequest *req);
int api_review_plan_document_get(HttpRequest *req);
int api_case_attachment_read(HttpRequest *req);
int api_case_timeline(HttpRequest *req);
/* 电子送达 (api/deliveries.c) */
int api_delivery_consent_create(HttpRequest *req);
int api_deliveries_create(HttpRequest *req);
int api_deliveries_list(HttpRequest *req);
int api_paper_delivery_create(HttpRequest *req);
int api_public_delivery_get(HttpRequest *req);
int api_public_delivery_open(HttpRequest *req);
int api_public_delivery_confirm(HttpRequest *req);
int api_public_delivery_pdf(HttpRequest *req);
/* The upload's limit: its kind's, from settings (Route.limit_for). */
size_t api_attachment_body_limit(HttpRequest *req, char *why, size_t cap);
/* The rule of a kind of attachment (size limit, types) from its settings. */
void api_attachment_kind_rule(Store *st, AttachmentKind k, AttachmentRule *rule);
/* 公示, revocation and withdrawal (issue 6): workflow_publicity.c */
int api_workflow_publication_create(HttpRequest *req);
int api_workflow_publication_delete(HttpRequest *req);
int api_workflow_revocation_create(HttpRequest *req);
int api_workflow_publicity_pending(HttpRequest *req);
/* discretion recommendation (issue 6): workflow_discretion.c */
/* supervision orders (issue 14): orders.c */
int api_orders_create(HttpRequest *req);
int api_orders_list(HttpRequest *req);
int api_orders_stats(HttpRequest *req);
int api_order_get(HttpRequest *req);
int api_order_action(HttpRequest *req);
/* observations.c: 特邀监督员 and 派驻律师 (issue 15) */
int api_observations_create(HttpRequest *req);
int api_observations_list(HttpRequest *req);
int api_observer_cases(HttpRequest *req);
/* leads.c: 线索中心 (issue 15) */
int api_leads_list(HttpRequest *req);
int api_lead_get(HttpRequest *req);
int api_leads_create(HttpRequest *req);
int api_lead_action(HttpRequest *req);
/* focus.c: 重点督查对象 */
int api_focus_agencies(HttpRequest *req);
/* lead_photos.c: a lead's photos, from the complainant or the observer who filed it */
int api_public_complaint_photos_create(HttpRequest *req);
int api_observation_photos_create(HttpRequest *req);
int api_lead_photo_get(HttpRequest *req);
/* The photo's limit (setting lead_photo_max_mib, Route.limit_for). */
size_t api_lead_photo_body_limit(HttpRequest *req, char *why, size_t cap);
/* order_attachments.c: the supervisor's evidence and the agency's answer files */
int api_order_attachments_create(HttpRequest *req);
int api_order_attachment_get(HttpRequest *req);
/* tokens.c: API tokens (tokens.write); hotline.c: the 12345 intake (bearer token) */
int api_tokens_list(HttpRequest *req);
int api_tokens_create(HttpRequest *req);
int api_tokens_revoke(HttpRequest *req);
int api_leads_hotline(HttpRequest *req);
int api_leads_hotline_file(HttpRequest *req);
int api_workflow_case_discretion(HttpRequest *req);
/* the message centre (issue 19, docs/messages.md): messages.c */
int api_messages_list(HttpRequest *req);
int api_messages_unread_count(HttpRequest *req);
int api_message_read(HttpRequest *req);
int api_messages_read_all(HttpRequest *req);

/* 规范性文件备案审查 (api/normative.c) */
int api_normative_file(HttpRequest *req);
int api_normative_list(HttpRequest *req);
int api_normative_get(HttpRequest *req);
int api_normative_act(HttpRequest *req);
int api_normative_cleanup_list(HttpRequest *req);
int api_normative_cleanup_answer(HttpRequest *req);
int api_normative_stats(HttpRequest *req);
int api_normative_stats_export(HttpRequest *req);
int api_normative_incidental(HttpRequest *req);
int api_normative_task_answer(HttpRequest *req);
int api_public_normative_list(HttpRequest *req);
int api_public_normative_suggest(HttpRequest *req);
int api_public_normative_cleanup_results(HttpRequest *req);
int api_normative_decline_items(HttpRequest *req);
/* the full text as a file (api/normative_file.c); its limit: setting normative_file_max_mib */
size_t api_normative_file_body_limit(HttpRequest *req, char *why, size_t cap);
int api_normative_file_upload(HttpRequest *req);
int api_normative_file_download(HttpRequest *req);
/* the quarterly 备案目录 (api/normative_catalog.c) */
int api_normative_catalog_produce(HttpRequest *req);
int api_public_normative_catalogs(HttpRequest *req);
int api_public_normative_catalog(HttpRequest *req);
/* sync.c: 多级汇聚 (docs/sync.md): a lower node's calls ("node") and the pages' reads (sync.read) */
int api_sync_enrol(HttpRequest *req);
int api_sync_cursor(HttpRequest *req);
int api_sync_batches_create(HttpRequest *req);
int api_sync_down(HttpRequest *req);
int api_sync_nodes_list(HttpRequest *req);
int api_sync_batches_list(HttpRequest *req);
int api_sync_upstream(HttpRequest *req);
int api_sync_orders(HttpRequest *req);
int api_sync_order_answers(HttpRequest *req);
/* 行政复议 (issue 24, docs/reconsideration.md): reconsiderations.c */
int api_recons_create(HttpRequest *req);
int api_recons_list(HttpRequest *req);
int api_recons_stats(HttpRequest *req);
int api_recon_get(HttpRequest *req);
int api_recon_action(HttpRequest *req);
int api_recons_export(HttpRequest *req);
/* the respondent's evidence and the organ's materials: reconsideration_files.c */
int api_recon_attachments_create(HttpRequest *req);
int api_recon_attachment_get(HttpRequest *req);
/* the portal: POST /public/reconsiderations, POST /public/reconsiderations/track */
int api_public_recons_create(HttpRequest *req);
/* the applicant's files on the portal (reconsideration_portal_files.c) and their size limit (Route.limit_for) */
int api_public_recon_files_create(HttpRequest *req);
/* the yearly statistical table of 行政复议 by the contested act's kind (reconsideration_yearly.c) */
int api_recons_yearly(HttpRequest *req);
int api_recons_yearly_export(HttpRequest *req);
size_t api_recon_portal_file_limit(HttpRequest *req, char *why, size_t cap);
int api_public_recons_track(HttpRequest *req);
int api_recons_stats_export(HttpRequest *req);
/* its 文书 (recon_documents.c), the e-dossier (recon_dossier.c), publication (recon_publish.c) */
int api_recon_documents_list(HttpRequest *req);
int api_recon_document_get(HttpRequest *req);
int api_public_recon_documents(HttpRequest *req);
int api_public_recon_document(HttpRequest *req);
int api_recon_dossier(HttpRequest *req);
int api_public_recon_decisions(HttpRequest *req);
int api_public_recon_decision(HttpRequest *req);
int api_recon_publication(HttpRequest *req);
/* GET /dicts: the reconsideration tables (statuses, actions, outcomes, reasons, channels). */
void api_recon_dicts_add(json_t *out);

#endif
