/* The route table: every API route in one place with the permission it needs, so the
 * authorization matrix test can enumerate them. "public" = anonymous portal access;
 * "token" = a system calling with a bearer API token (http/auth.c). */
#include "api/api.h"
#include "api/reviews.h"
#include "api/assessment.h"
#include "api/inspections.h"
#include "app/lead_photos.h"
#include "app/seal_verify.h"
#include "domain/attachment.h"
#include "api/case_scope.h"
#include "http/router.h"

/* Most routes take the server's body limit: their limit fields are left out and are zero. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
static const Route api_routes[] = {
    {"GET", "/api/v1/healthz", api_healthz, "public"},
    /* 工作台: the caller's own queue as counts (issue 19) */
    {"GET", "/api/v1/workbench", api_workbench, "authenticated"},
    /* 统计分析 (issue 18): read from the rollups of migration 050 */
    {"GET", "/api/v1/stats/summary", api_stats_summary, "stats.read"},
    {"GET", "/api/v1/stats/trend", api_stats_trend, "stats.read"},
    {"GET", "/api/v1/stats/by-agency", api_stats_by_agency, "stats.read"},
    {"GET", "/api/v1/stats/by-region", api_stats_by_region, "stats.read"},
    {"GET", "/api/v1/stats/by-sector", api_stats_by_sector, "stats.read"},
    {"GET", "/api/v1/stats/by-rule", api_stats_by_rule, "stats.read"},
    {"GET", "/api/v1/stats/zero-enforcement", api_stats_zero_enforcement, "stats.read"},
    {"GET", "/api/v1/stats/reporting", api_stats_reporting, "stats.read"},
    {"GET", "/api/v1/stats/rankings", api_stats_rankings, "stats.read"},
    {"GET", "/api/v1/stats/screen", api_stats_screen, "stats.read"},
    {"GET", "/api/v1/public/decisions", api_public_decisions, "public"},
    /* 群众投诉 (issue 15): anonymous, rate limited per address, a proof of work per complaint */
    {"GET", "/api/v1/public/agencies", api_public_agencies, "public"},
    {"GET", "/api/v1/public/challenge", api_public_challenge, "public"},
    {"POST", "/api/v1/public/complaints", api_public_complaints_create, "public", .max_body = 16 << 10},
    {"GET", "/api/v1/public/complaints/{tracking_code}", api_public_complaint_get, "public"},
    /* 行政复议 on the portal (issue 24): the complaints' abuse limits; the ID number travels in a body, not a URL */
    {"POST", "/api/v1/public/reconsiderations", api_public_recons_create, "public", .max_body = 64 << 10},
    {"POST", "/api/v1/public/reconsiderations/track", api_public_recons_track, "public", .max_body = 4 << 10},
    /* the applicant's 文书 after the track's identity check (api/recon_documents.c) */
    {"POST", "/api/v1/public/reconsiderations/track/documents", api_public_recon_documents, "public", .max_body = 4 << 10},
    {"POST", "/api/v1/public/reconsiderations/track/documents/{doc}", api_public_recon_document, "public",
     .max_body = 4 << 10},
    /* 决定公开 (行政复议法 第七十九条), masked (api/recon_publish.c) */
    {"GET", "/api/v1/public/reconsiderations/decisions", api_public_recon_decisions, "public"},
    {"GET", "/api/v1/public/reconsiderations/decisions/{id}", api_public_recon_decision, "public"},
    /* the applicant's materials and 补正 files: identified as on the track page, limit recon_portal_file_max_mib */
    {"POST", "/api/v1/public/reconsiderations/files", api_public_recon_files_create, "public",
     .max_body = (size_t)100 << 20, .limit_for = api_recon_portal_file_limit, .stream_to_file = true},
    /* 电子送达 for the party: a link's token, a one-time code (tries limited), no login */
    {"GET", "/api/v1/public/deliveries/{token}", api_public_delivery_get, "public"},
    {"POST", "/api/v1/public/deliveries/{token}/open", api_public_delivery_open, "public", .max_body = 1 << 10},
    {"POST", "/api/v1/public/deliveries/{token}/confirm", api_public_delivery_confirm, "public", .max_body = 1 << 10},
    {"POST", "/api/v1/public/deliveries/{token}/pdf", api_public_delivery_pdf, "public", .max_body = 1 << 10},
    /* up to 3 photos within minutes of filing, streamed to a temp file; the limit is lead_photo_max_mib */
    {"POST", "/api/v1/public/complaints/{tracking_code}/photos", api_public_complaint_photos_create, "public",
     .max_body = (size_t)LEAD_PHOTO_CEILING_MIB << 20, .limit_for = api_lead_photo_body_limit, .stream_to_file = true},
    /* 文书核验 (issue 17): anonymous, streamed to a temp file, rate limited per address */
    {"POST", "/api/v1/public/documents/verify", api_public_document_verify, "public",
     .max_body = (size_t)SEAL_VERIFY_MAX_MIB << 20, .limit_for = api_seal_verify_body_limit, .stream_to_file = true},
    {"GET", "/api/v1/public/documents/root-cert", api_public_document_root_cert, "public"},
    {"GET", "/api/v1/findings", api_findings_list, "findings.read"},
    {"GET", "/api/v1/findings/export.xlsx", api_findings_export, "findings.read"},
    {"GET", "/api/v1/findings/summary", api_findings_summary, "findings.read"},
    {"POST", "/api/v1/findings/sweep", api_findings_sweep, "findings.sweep"},
    /* 重大行政执法决定备案 (issue 14); the review is orders.write once migration 027 lands */
    /* 规范性文件备案审查 (issue 25, docs/normative-docs.md) */
    {"POST", "/api/v1/normative-docs", api_normative_file, "normative.file", .max_body = 2 << 20},
    {"GET", "/api/v1/normative-docs", api_normative_list, "normative.read"},
    {"GET", "/api/v1/normative-docs/stats", api_normative_stats, "normative.read"},
    {"GET", "/api/v1/normative-docs/stats/export.xlsx", api_normative_stats_export, "normative.read"},
    {"GET", "/api/v1/normative-docs/cleanup", api_normative_cleanup_list, "normative.read"},
    {"POST", "/api/v1/normative-docs/incidental", api_normative_incidental, "normative.review"},
    {"GET", "/api/v1/normative-docs/decline-items", api_normative_decline_items, "normative.read"},
    {"POST", "/api/v1/normative-docs/catalogs", api_normative_catalog_produce, "normative.review"},
    {"GET", "/api/v1/normative-docs/{id}", api_normative_get, "normative.read"},
    {"POST", "/api/v1/normative-docs/{id}/actions", api_normative_act, "normative.review"},
    {"POST", "/api/v1/normative-docs/{id}/cleanup", api_normative_cleanup_answer, "normative.file"},
    {"POST", "/api/v1/normative-docs/{id}/file", api_normative_file_upload, "normative.file",
     .max_body = 100u << 20, .limit_for = api_normative_file_body_limit, .stream_to_file = true},
    {"GET", "/api/v1/normative-docs/{id}/file", api_normative_file_download, "normative.read"},
    {"POST", "/api/v1/normative-tasks/{id}/answer", api_normative_task_answer, "normative.review"},
    {"GET", "/api/v1/public/normative-docs", api_public_normative_list, "public"},
    {"GET", "/api/v1/public/normative-docs/cleanup-results", api_public_normative_cleanup_results, "public"},
    {"GET", "/api/v1/public/normative-catalogs", api_public_normative_catalogs, "public"},
    {"GET", "/api/v1/public/normative-catalogs/{file}", api_public_normative_catalog, "public"},
    {"POST", "/api/v1/public/normative-docs/{id}/suggestions", api_public_normative_suggest, "public", .max_body = 16 << 10},
    {"GET", "/api/v1/filings", api_filings_list, "filings.read"},
    {"GET", "/api/v1/filings/export.xlsx", api_filings_export, "filings.read"},
    {"GET", "/api/v1/filings/{id}", api_filing_get, "filings.read"},
    {"POST", "/api/v1/filings/{id}/review", api_filing_review, "orders.write"},
    {"GET", "/api/v1/rules", api_rules_list, "rules.read"},
    {"GET", "/api/v1/rule-config", api_rule_config_get, "rule_config.read"},
    {"PUT", "/api/v1/rule-config", api_rule_config_put, "rule_config.write"},
    {"GET", "/api/v1/cases", api_cases_list, "cases.read"},
    /* before /cases/{case_no}: the first matching pattern wins */
    {"GET", "/api/v1/cases/export.xlsx", api_cases_export, "cases.read"},
    {"GET", "/api/v1/bulletins/{file}", api_bulletin_get, "stats.read"},
    {"GET", "/api/v1/cases/{case_no}", api_case_get, "cases.read"},
    {"GET", "/api/v1/cases/{case_no}/integrity", api_case_integrity, "cases.read"},
    {"GET", "/api/v1/cases/{case_no}/dossier", api_case_dossier, "dossier.export"},
    /* the online timeline and attachments, read-only by data scope (issue 14: supervision's case detail) */
    {"GET", "/api/v1/cases/{case_no}/timeline", api_case_timeline, "cases.read"},
    {"GET", "/api/v1/cases/{case_no}/approvals", api_case_approvals, "cases.read"},
    {"GET", "/api/v1/cases/{case_no}/attachments", api_case_attachments_read, "cases.read"},
    {"GET", "/api/v1/cases/{case_no}/attachments/{id}", api_case_attachment_read, "cases.read"},
    /* 电子送达 and 纸质送达 (行政处罚法 61, docs/documents.md): the writes are the case's own agency's */
    {"POST", "/api/v1/cases/{case_no}/delivery-consent", api_delivery_consent_create, "cases.handle", .max_body = 4 << 10},
    {"POST", "/api/v1/cases/{case_no}/deliveries", api_deliveries_create, "cases.handle", .max_body = 4 << 10},
    {"GET", "/api/v1/cases/{case_no}/deliveries", api_deliveries_list, "cases.read"},
    {"POST", "/api/v1/cases/{case_no}/paper-delivery", api_paper_delivery_create, "cases.handle", .max_body = 4 << 10},
    /* 执法文书 (docs/documents.md): print before {id}, the first matching pattern wins */
    {"GET", "/api/v1/cases/{case_no}/documents", api_case_documents_list, "cases.read"},
    {"GET", "/api/v1/cases/{case_no}/documents/print", api_case_documents_print, "cases.read"},
    {"GET", "/api/v1/cases/{case_no}/documents/{id}", api_case_document_get, "cases.read"},
    {"POST", "/api/v1/cases/{case_no}/documents", api_case_documents_create, "cases.handle", .max_body = 8 << 10},
    {"GET", "/api/v1/ledger/sth", api_ledger_sth, "ledger.read"},
    {"GET", "/api/v1/ledger/proof", api_ledger_proof, "ledger.read"},
    {"POST", "/api/v1/session", api_session_create, "public"},
    {"GET", "/api/v1/session", api_session_get, "authenticated"},
    {"DELETE", "/api/v1/session", api_session_delete, "authenticated"},
    {"PUT", "/api/v1/session/password", api_session_password, "authenticated"},
    /* the message centre (issue 19, docs/messages.md): a user's own messages only */
    {"GET", "/api/v1/messages", api_messages_list, "authenticated"},
    {"GET", "/api/v1/messages/unread-count", api_messages_unread_count, "authenticated"},
    {"POST", "/api/v1/messages/{id}/read", api_message_read, "authenticated"},
    {"POST", "/api/v1/messages/read-all", api_messages_read_all, "authenticated"},
    {"GET", "/api/v1/users", api_users_list, "users.read"},
    {"GET", "/api/v1/users/export.xlsx", api_users_export, "users.read"},
    {"POST", "/api/v1/users", api_users_create, "users.write"},
    {"PUT", "/api/v1/users/{id}", api_users_update, "users.write"},
    {"POST", "/api/v1/users/{id}/reset-password", api_users_reset_password, "users.write"},
    {"GET", "/api/v1/roles", api_roles_list, "roles.read"},
    {"PUT", "/api/v1/roles/{id}", api_roles_update, "roles.write"},
    {"GET", "/api/v1/audit", api_audit_list, "audit.read"},
    {"GET", "/api/v1/audit/export", api_audit_export, "audit.read"},
    {"GET", "/api/v1/audit/export.xlsx", api_audit_export_xlsx, "audit.read"},
    {"GET", "/api/v1/agencies", api_agencies_list, "agencies.read"},
    {"GET", "/api/v1/agencies/export.xlsx", api_agencies_export, "agencies.read"},
    {"GET", "/api/v1/regions", api_regions_list, "authenticated"},
    {"GET", "/api/v1/dicts", api_dicts_get, "authenticated"},
    /* enforcement elements (三库) */
    {"GET", "/api/v1/agencies/{code}", api_agency_get, "elements.read"},
    {"PUT", "/api/v1/agencies/{code}", api_agency_put, "elements.write"},
    {"GET", "/api/v1/officers", api_officers_list, "elements.read"},
    {"GET", "/api/v1/officers/export.xlsx", api_officers_export, "elements.read"},
    {"GET", "/api/v1/officers/{cert_no}", api_officer_get, "elements.read"},
    {"PUT", "/api/v1/officers/{cert_no}", api_officer_put, "elements.write"},
    {"GET", "/api/v1/powers", api_powers_list, "elements.read"},
    {"GET", "/api/v1/powers/export.xlsx", api_powers_export, "elements.read"},
    {"GET", "/api/v1/powers/{code}", api_power_get, "elements.read"},
    {"PUT", "/api/v1/powers/{code}", api_power_put, "elements.write"},
    {"GET", "/api/v1/benchmarks/{power}", api_benchmark_get, "elements.read"},
    {"PUT", "/api/v1/benchmarks/{power}", api_benchmark_put, "elements.write"},
    /* /laws/search before /laws/{id}: the router takes the first pattern that matches */
    {"GET", "/api/v1/laws", api_laws_list, "public"},
    {"GET", "/api/v1/laws/search", api_laws_search, "public"},
    {"GET", "/api/v1/laws/{id}", api_law_get, "public"},
    {"GET", "/api/v1/laws/{id}/articles/{number}", api_law_article, "public"},
    /* data intake (issue 5) */
    /* an uploaded exchange-v1 file may be bigger than an API request; larger still through `zhifa import` */
    {"POST", "/api/v1/imports", api_imports_create, "intake.write", .max_body = 16 << 20},
    {"GET", "/api/v1/export", api_export, "exchange.export"},
    {"POST", "/api/v1/cases", api_cases_create, "intake.write"},
    {"PUT", "/api/v1/cases/{case_no}", api_cases_update, "intake.write"},
    {"GET", "/api/v1/reports/monthly", api_reports_monthly_list, "reports.read"},
    {"GET", "/api/v1/reports/monthly/export.xlsx", api_reports_monthly_export, "reports.read"},
    {"PUT", "/api/v1/reports/monthly/{agency}/{month}", api_reports_monthly_put, "intake.write"},
    /* system parameters */
    {"GET", "/api/v1/settings", api_settings_list, "settings.read"},
    {"PUT", "/api/v1/settings/{name}", api_settings_put, "settings.write"},
    /* online case handling (issue 6) */
    {"POST", "/api/v1/workflow/cases", api_workflow_cases_create, "cases.handle"},
    {"POST", "/api/v1/inspections", api_inspections_create, "cases.handle"},
    {"GET", "/api/v1/workflow/cases", api_workflow_cases_list, "cases.handle"},
    {"GET", "/api/v1/workflow/cases/{case_no}", api_workflow_case_get, "cases.handle"},
    {"POST", "/api/v1/workflow/cases/{case_no}/actions", api_workflow_case_action, "cases.handle"},
    /* approvals: 审批待办 (issue 6; sign-offs and 加签 go through the case's actions) */
    {"GET", "/api/v1/workflow/approvals", api_workflow_approvals_list, "cases.handle"},
    /* the signature history of a case: who signed or refused what, when, with which opinion */
    {"GET", "/api/v1/workflow/cases/{case_no}/approvals", api_workflow_case_approvals, "cases.handle"},
    /* Excel templates for the upload page (issue 5): {file} is agencies|officers|powers|cases.xlsx */
    {"GET", "/api/v1/templates/{file}", api_template_xlsx, "intake.write"},
    /* case attachments, 全过程记录 (issue 6): append-only, so no PUT or DELETE */
    /* An attachment may be as big as the ceiling any kind's setting may reach; the kind's own limit
     * (attachment_<kind>_max_mib) applies to each request before its body is read, and the body is
     * streamed to a temp file, so memory does not grow with the size. */
    {"POST", "/api/v1/workflow/cases/{case_no}/attachments", api_case_attachments_create, "cases.handle",
     .max_body = (size_t)ATTACHMENT_CEILING_MIB << 20, .limit_for = api_attachment_body_limit, .stream_to_file = true},
    {"GET", "/api/v1/workflow/cases/{case_no}/attachments", api_case_attachments_list, "cases.handle"},
    {"GET", "/api/v1/workflow/cases/{case_no}/attachments/{id}", api_case_attachment_get, "cases.handle"},
    /* 公示 and its withdrawal (issue 6, 行政处罚法 48) */
    {"POST", "/api/v1/workflow/cases/{case_no}/publication", api_workflow_publication_create, "cases.handle"},
    {"DELETE", "/api/v1/workflow/cases/{case_no}/publication", api_workflow_publication_delete, "cases.handle"},
    {"POST", "/api/v1/workflow/cases/{case_no}/revocation", api_workflow_revocation_create, "cases.handle"},
    {"GET", "/api/v1/workflow/publicity", api_workflow_publicity_pending, "cases.handle"},
    /* discretion recommendation: 裁量建议 from the facts and the power's benchmark (issue 6) */
    {"POST", "/api/v1/workflow/cases/{case_no}/discretion", api_workflow_case_discretion, "cases.handle"},
    /* supervision orders (issue 14, docs/orders.md): the side an act needs is checked in app/orders.c */
    {"POST", "/api/v1/orders", api_orders_create, "orders.write"},
    {"GET", "/api/v1/orders", api_orders_list, "orders.read"},
    {"GET", "/api/v1/orders/export.xlsx", api_orders_export, "orders.read"},
    {"GET", "/api/v1/orders/stats", api_orders_stats, "orders.read"},
    {"GET", "/api/v1/orders/{id}", api_order_get, "orders.read"},
    {"POST", "/api/v1/orders/{id}/actions", api_order_action, "orders.read"},
    /* 行政复议 (issue 24, docs/reconsideration.md): the side a step needs is checked in app/reconsideration_act.c */
    {"POST", "/api/v1/reconsiderations", api_recons_create, "reconsideration.handle"},
    {"GET", "/api/v1/reconsiderations", api_recons_list, "reconsideration.read"},
    {"GET", "/api/v1/reconsiderations/export.xlsx", api_recons_export, "reconsideration.read"},
    {"GET", "/api/v1/reconsiderations/stats", api_recons_stats, "reconsideration.read"},
    {"GET", "/api/v1/reconsiderations/stats/export.xlsx", api_recons_stats_export, "reconsideration.read"},
    {"GET", "/api/v1/reconsiderations/yearly", api_recons_yearly, "reconsideration.read"},
    {"GET", "/api/v1/reconsiderations/yearly/export.xlsx", api_recons_yearly_export, "reconsideration.read"},
    {"GET", "/api/v1/reconsiderations/{id}", api_recon_get, "reconsideration.read"},
    {"POST", "/api/v1/reconsiderations/{id}/actions", api_recon_action, "reconsideration.read"},
    /* supervision leads (issue 15, docs/leads.md): the side an act needs is checked in app/leads.c */
    {"GET", "/api/v1/leads", api_leads_list, "leads.read"},
    {"GET", "/api/v1/leads/export.xlsx", api_leads_export, "leads.read"},
    {"GET", "/api/v1/focus-agencies", api_focus_agencies, "focus.read"},
    {"GET", "/api/v1/focus-agencies/export.xlsx", api_focus_agencies_export, "focus.read"},
    {"POST", "/api/v1/leads", api_leads_create, "orders.write"},
    {"GET", "/api/v1/leads/{id}", api_lead_get, "leads.read"},
    {"POST", "/api/v1/leads/{id}/actions", api_lead_action, "leads.read"},
    {"GET", "/api/v1/leads/{id}/photos/{pid}", api_lead_photo_get, "leads.read"},
    /* 特邀监督员 and 派驻律师 (docs/observers.md): their own observations, the cases in scope (public fields) */
    {"POST", "/api/v1/observations", api_observations_create, "observations.write"},
    {"GET", "/api/v1/observations", api_observations_list, "observations.read"},
    {"GET", "/api/v1/observer/cases", api_observer_cases, "observations.read"},
    {"POST", "/api/v1/observations/{id}/photos", api_observation_photos_create, "observations.write",
     .max_body = (size_t)LEAD_PHOTO_CEILING_MIB << 20, .limit_for = api_lead_photo_body_limit, .stream_to_file = true},
    /* an order's files: as large as a case's attachments, streamed to a temp file as they arrive */
    {"POST", "/api/v1/orders/{id}/attachments", api_order_attachments_create, "orders.read",
     .max_body = (size_t)ATTACHMENT_CEILING_MIB << 20, .limit_for = api_attachment_body_limit, .stream_to_file = true},
    {"GET", "/api/v1/orders/{id}/attachments/{aid}", api_order_attachment_get, "orders.read"},
    /* the order's 督办通知书 / 问诊单 / 意见书 (docs/documents.md); scope of the stored order */
    {"GET", "/api/v1/orders/{id}/documents", api_order_documents_list, "orders.read"},
    {"GET", "/api/v1/orders/{id}/documents/{doc}", api_order_document_get, "orders.read"},
    /* a reconsideration's files: the respondent's evidence, the organ's materials (app/reconsideration_files.c) */
    {"POST", "/api/v1/reconsiderations/{id}/attachments", api_recon_attachments_create, "reconsideration.read",
     .max_body = (size_t)ATTACHMENT_CEILING_MIB << 20, .limit_for = api_attachment_body_limit, .stream_to_file = true},
    {"GET", "/api/v1/reconsiderations/{id}/attachments/{aid}", api_recon_attachment_get, "reconsideration.read"},
    /* its 文书 (app/recon_documents.c): the organ all, the respondent those addressed to it */
    {"GET", "/api/v1/reconsiderations/{id}/documents", api_recon_documents_list, "reconsideration.read"},
    {"GET", "/api/v1/reconsiderations/{id}/documents/{doc}", api_recon_document_get, "reconsideration.read"},
    /* the e-dossier zip (app/recon_dossier.c): the organ's staff; audited */
    {"GET", "/api/v1/reconsiderations/{id}/dossier.zip", api_recon_dossier, "reconsideration.read"},
    /* the head withholds a decision from publication, or publishes it again (app/recon_publish.c) */
    {"POST", "/api/v1/reconsiderations/{id}/publication", api_recon_publication, "reconsideration.approve"},
    /* API tokens for system-to-system calls (docs/hotline.md): the system administrator's */
    {"GET", "/api/v1/tokens", api_tokens_list, "tokens.write"},
    {"POST", "/api/v1/tokens", api_tokens_create, "tokens.write"},
    {"DELETE", "/api/v1/tokens/{id}", api_tokens_revoke, "tokens.write"},
    /* the 12345 hotline's 双派单 batches: a bearer token, no session; as large as an upload */
    {"POST", "/api/v1/leads/hotline", api_leads_hotline, "token", .max_body = 16 << 20},
    /* the same batch as a file a supervisor uploads on 线索受理, within his region */
    {"POST", "/api/v1/leads/hotline-file", api_leads_hotline_file, "orders.write", .max_body = 16 << 20},
    /* 案卷评查 (issue 16, docs/reviews.md): a plan is its region's supervisors'; a reviewer reaches a case
     * only through his own task (app/reviews_tasks.c); agency users read their published results */
    {"GET", "/api/v1/reviews/standards", api_review_standards_list, "reviews.read"},
    {"GET", "/api/v1/reviews/standards/{code}", api_review_standard_get, "reviews.read"},
    {"POST", "/api/v1/reviews/standards", api_review_standards_create, "reviews.manage"},
    {"PUT", "/api/v1/reviews/standards/{code}", api_review_standard_put, "reviews.manage"},
    {"GET", "/api/v1/reviews/reviewers", api_review_reviewers, "reviews.manage"},
    {"POST", "/api/v1/reviews/plans", api_review_plans_create, "reviews.manage"},
    {"GET", "/api/v1/reviews/plans", api_review_plans_list, "reviews.read"},
    {"GET", "/api/v1/reviews/plans/export.xlsx", api_review_plans_export, "reviews.read"},
    {"GET", "/api/v1/reviews/plans/{id}", api_review_plan_get, "reviews.read"},
    {"PUT", "/api/v1/reviews/plans/{id}", api_review_plan_put, "reviews.manage"},
    {"POST", "/api/v1/reviews/plans/{id}/sample", api_review_plan_sample, "reviews.manage"},
    {"GET", "/api/v1/reviews/plans/{id}/sample/preview", api_review_plan_sample_preview, "reviews.manage"},
    {"POST", "/api/v1/reviews/plans/{id}/assign", api_review_plan_assign, "reviews.manage"},
    {"POST", "/api/v1/reviews/plans/{id}/publish", api_review_plan_publish, "reviews.manage"},
    {"GET", "/api/v1/reviews/plans/{id}/results", api_review_plan_results, "reviews.read"},
    /* the plan's 评查结果通报 (docs/documents.md); scope of the stored plan */
    {"GET", "/api/v1/reviews/plans/{id}/documents", api_review_plan_documents_list, "reviews.read"},
    {"GET", "/api/v1/reviews/plans/{id}/documents/{doc}", api_review_plan_document_get, "reviews.read"},
    {"GET", "/api/v1/reviews/plans/{id}/results.xlsx", api_review_plan_results_xlsx, "reviews.read"},
    {"GET", "/api/v1/reviews/tasks", api_review_tasks_list, "reviews.score"},
    {"GET", "/api/v1/reviews/tasks/{id}", api_review_task_get, "reviews.score"},
    {"PUT", "/api/v1/reviews/tasks/{id}", api_review_task_put, "reviews.score"},
    {"GET", "/api/v1/reviews/tasks/{id}/attachments/{att}", api_review_task_attachment, "reviews.score"},
    {"POST", "/api/v1/reviews/items/{id}/arbitrate", api_review_item_arbitrate, "reviews.manage"},
    {"POST", "/api/v1/reviews/items/{id}/defense", api_review_item_defense, "reviews.defend"},
    {"POST", "/api/v1/reviews/defenses/{id}/answer", api_review_defense_answer, "reviews.manage"},
    {"POST", "/api/v1/reviews/items/{id}/order", api_review_item_order, "reviews.manage"},
    /* 法治督察考核 (issue 26, docs/assessment.md): a plan is its region's supervisors'; a unit's users
     * reach their own unit only (app/assessment*.c checks against the stored plan) */
    {"GET", "/api/v1/assessment/plans", api_assess_plans_list, "assessment.read"},
    {"POST", "/api/v1/assessment/plans", api_assess_plans_create, "assessment.manage"},
    {"GET", "/api/v1/assessment/plans/{id}", api_assess_plan_get, "assessment.read"},
    {"PUT", "/api/v1/assessment/plans/{id}", api_assess_plan_put, "assessment.manage"},
    {"POST", "/api/v1/assessment/plans/{id}/copy", api_assess_plan_copy, "assessment.manage"},
    {"POST", "/api/v1/assessment/plans/{id}/publish", api_assess_plan_publish, "assessment.manage"},
    {"POST", "/api/v1/assessment/plans/{id}/revise", api_assess_plan_revise, "assessment.manage"},
    {"POST", "/api/v1/assessment/plans/{id}/close", api_assess_plan_close, "assessment.manage"},
    {"GET", "/api/v1/assessment/plans/{id}/ranking", api_assess_ranking, "assessment.read"},
    {"GET", "/api/v1/assessment/plans/{id}/ranking.xlsx", api_assess_ranking_export, "assessment.read"},
    {"GET", "/api/v1/assessment/plans/{id}/units/{unit}", api_assess_unit, "assessment.read"},
    {"POST", "/api/v1/assessment/plans/{id}/files", api_assess_files_create, "assessment.fill",
     .max_body = (size_t)ATTACHMENT_CEILING_MIB << 20, .limit_for = api_attachment_body_limit, .stream_to_file = true},
    {"GET", "/api/v1/assessment/plans/{id}/files/{fid}", api_assess_file_get, "assessment.read"},
    {"PUT", "/api/v1/assessment/plans/{id}/fillings/{unit}/{indicator}", api_assess_filling_put, "assessment.fill"},
    {"POST", "/api/v1/assessment/plans/{id}/fillings/{unit}/{indicator}/review", api_assess_filling_review,
     "assessment.score"},
    {"POST", "/api/v1/assessment/plans/{id}/contests", api_assess_contests_create, "assessment.fill"},
    {"POST", "/api/v1/assessment/plans/{id}/scores", api_assess_scores_create, "assessment.score"},
    {"GET", "/api/v1/assessment/plans/{id}/tasks", api_assess_tasks_list, "assessment.read"},
    {"POST", "/api/v1/assessment/plans/{id}/tasks", api_assess_tasks_create, "assessment.manage"},
    {"POST", "/api/v1/assessment/plans/{id}/orders", api_assess_orders_create, "assessment.manage"},
    {"POST", "/api/v1/assessment/tasks/{id}/progress", api_assess_task_progress, "assessment.fill"},
    {"GET", "/api/v1/assessment/plans/{id}/survey", api_assess_survey, "assessment.read"},
    {"GET", "/api/v1/assessment/plans/{id}/report.pdf", api_assess_report, "assessment.read"},
    {"GET", "/api/v1/public/surveys", api_public_surveys, "public"},
    {"POST", "/api/v1/public/surveys/{id}/answers", api_public_survey_answer, "public", .max_body = 16 << 10},
    /* 双随机、一公开 (issue 20, docs/inspections.md): an agency's directory and plans are its own users'
     * (scope checked against the stored agency in app/insp_*.c); supervisors read within their region */
    {"GET", "/api/v1/inspection-entities", api_insp_entities_list, "inspections.read"},
    {"POST", "/api/v1/inspection-entities", api_insp_entities_create, "inspections.directory"},
    {"GET", "/api/v1/inspection-entities/template.xlsx", api_insp_entity_template, "inspections.directory"},
    {"POST", "/api/v1/inspection-entities/import", api_insp_entities_import, "inspections.directory", .max_body = 16 << 20},
    {"PUT", "/api/v1/inspection-entities/{id}", api_insp_entity_put, "inspections.directory"},
    {"GET", "/api/v1/inspection-officers", api_insp_officers_list, "inspections.read"},
    {"PUT", "/api/v1/inspection-officers/{cert_no}/recusals", api_insp_recusals_put, "inspections.directory"},
    {"POST", "/api/v1/inspection-plans", api_insp_plans_create, "inspections.plan"},
    {"GET", "/api/v1/inspection-plans", api_insp_plans_list, "inspections.read"},
    {"GET", "/api/v1/inspection-plans/{id}", api_insp_plan_get, "inspections.read"},
    {"POST", "/api/v1/inspection-plans/{id}/draw", api_insp_plan_draw, "inspections.plan"},
    {"POST", "/api/v1/inspection-plans/{id}/results", api_insp_plan_result, "inspections.directory"},
    {"POST", "/api/v1/inspection-plans/{id}/publish", api_insp_plan_publish, "inspections.plan"},
    {"GET", "/api/v1/public/inspection-results", api_public_inspection_results, "public"},
    /* 综合查一次: supervisors plan across the agencies of their region; participants record their results */
    {"GET", "/api/v1/joint-catalogue", api_joint_catalogue_list, "joint.read"},
    {"POST", "/api/v1/joint-catalogue", api_joint_catalogue_create, "joint.manage"},
    {"PUT", "/api/v1/joint-catalogue/{id}", api_joint_catalogue_put, "joint.manage"},
    {"GET", "/api/v1/joint-plans", api_joint_plans_list, "joint.read"},
    {"POST", "/api/v1/joint-plans", api_joint_plans_create, "joint.manage"},
    {"GET", "/api/v1/joint-plans/proposals", api_joint_proposals, "joint.manage"},
    {"GET", "/api/v1/joint-plans/stats", api_joint_stats, "joint.read"},
    {"GET", "/api/v1/joint-plans/{id}", api_joint_plan_get, "joint.read"},
    {"POST", "/api/v1/joint-plans/{id}/results", api_joint_plan_results, "inspections.directory"},
    /* 多级汇聚 (issue 22, docs/sync.md): "node" = a lower node's call, its token and signature checked
     * by the handler (api/sync.c), never a session */
    {"POST", "/api/v1/sync/enrol", api_sync_enrol, "node", .max_body = 16 << 10},
    {"GET", "/api/v1/sync/cursor", api_sync_cursor, "node"},
    {"POST", "/api/v1/sync/batches", api_sync_batches_create, "node", .max_body = 16 << 20},
    {"GET", "/api/v1/sync/down", api_sync_down, "node"},
    {"GET", "/api/v1/sync/orders", api_sync_orders, "node"},
    {"POST", "/api/v1/sync/orders/answers", api_sync_order_answers, "node", .max_body = 4 << 20},
    {"GET", "/api/v1/sync/nodes", api_sync_nodes_list, "sync.read"},
    {"GET", "/api/v1/sync/batches", api_sync_batches_list, "sync.read"},
    {"GET", "/api/v1/sync/upstream", api_sync_upstream, "sync.read"},
};
#pragma GCC diagnostic pop
const RouteTable api_route_table = {api_routes, sizeof api_routes / sizeof api_routes[0], api_case_number_param};
