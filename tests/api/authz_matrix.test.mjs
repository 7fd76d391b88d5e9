// The authorization matrix: every registered route × every role (+ anonymous), each outcome
// checked against the permission table the server holds as data (GET /roles). A route added to
// the server fails here until it is added to ROUTES below with the permission it needs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, client, jsonLines, hasChinese } from './lib/zhifa.mjs';

// method + pattern → the permission it must require ("public", "authenticated", "token" — a bearer
// API token, never a session —, "node" — a lower zhifa node's signed call, never a session — or a
// table name).
const ROUTES = new Map([
  ['GET /api/v1/healthz', 'public'],
  ['GET /api/v1/public/decisions', 'public'],
  ['GET /api/v1/public/agencies', 'public'],
  ['GET /api/v1/public/challenge', 'public'],
  ['POST /api/v1/public/complaints', 'public'],
  ['GET /api/v1/public/complaints/{tracking_code}', 'public'],
  ['POST /api/v1/public/reconsiderations', 'public'],
  ['POST /api/v1/public/reconsiderations/track', 'public'],
  ['POST /api/v1/public/reconsiderations/track/documents', 'public'],
  ['POST /api/v1/public/reconsiderations/track/documents/{doc}', 'public'],
  ['GET /api/v1/public/reconsiderations/decisions', 'public'],
  ['GET /api/v1/public/reconsiderations/decisions/{id}', 'public'],
  ['POST /api/v1/public/reconsiderations/files', 'public'],
  ['POST /api/v1/public/complaints/{tracking_code}/photos', 'public'],
  ['POST /api/v1/public/documents/verify', 'public'],
  ['GET /api/v1/public/documents/root-cert', 'public'],
  ['GET /api/v1/public/deliveries/{token}', 'public'],
  ['POST /api/v1/public/deliveries/{token}/open', 'public'],
  ['POST /api/v1/public/deliveries/{token}/confirm', 'public'],
  ['POST /api/v1/public/deliveries/{token}/pdf', 'public'],
  ['GET /api/v1/findings', 'findings.read'],
  ['GET /api/v1/findings/summary', 'findings.read'],
  ['POST /api/v1/findings/sweep', 'findings.sweep'],
  ['GET /api/v1/filings', 'filings.read'],
  ['GET /api/v1/filings/{id}', 'filings.read'],
  ['POST /api/v1/filings/{id}/review', 'orders.write'],
  ['GET /api/v1/rules', 'rules.read'],
  ['GET /api/v1/rule-config', 'rule_config.read'],
  ['PUT /api/v1/rule-config', 'rule_config.write'],
  ['GET /api/v1/cases/{case_no}', 'cases.read'],
  ['GET /api/v1/cases/{case_no}/integrity', 'cases.read'],
  ['GET /api/v1/cases', 'cases.read'],
  ['GET /api/v1/cases/export.xlsx', 'cases.read'],
  ['GET /api/v1/bulletins/{file}', 'stats.read'],
  ['GET /api/v1/findings/export.xlsx', 'findings.read'],
  ['GET /api/v1/orders/export.xlsx', 'orders.read'],
  ['GET /api/v1/leads/export.xlsx', 'leads.read'],
  ['GET /api/v1/officers/export.xlsx', 'elements.read'],
  ['GET /api/v1/powers/export.xlsx', 'elements.read'],
  ['GET /api/v1/agencies/export.xlsx', 'agencies.read'],
  ['GET /api/v1/users/export.xlsx', 'users.read'],
  ['GET /api/v1/audit/export.xlsx', 'audit.read'],
  ['GET /api/v1/filings/export.xlsx', 'filings.read'],
  ['GET /api/v1/reports/monthly/export.xlsx', 'reports.read'],
  ['GET /api/v1/reviews/plans/export.xlsx', 'reviews.read'],
  ['GET /api/v1/focus-agencies/export.xlsx', 'focus.read'],
  ['GET /api/v1/cases/{case_no}/dossier', 'dossier.export'],
  ['GET /api/v1/cases/{case_no}/timeline', 'cases.read'],
  ['GET /api/v1/cases/{case_no}/approvals', 'cases.read'],
  ['GET /api/v1/cases/{case_no}/attachments', 'cases.read'],
  ['GET /api/v1/cases/{case_no}/attachments/{id}', 'cases.read'],
  ['POST /api/v1/cases/{case_no}/delivery-consent', 'cases.handle'],
  ['POST /api/v1/cases/{case_no}/deliveries', 'cases.handle'],
  ['GET /api/v1/cases/{case_no}/deliveries', 'cases.read'],
  ['POST /api/v1/cases/{case_no}/paper-delivery', 'cases.handle'],
  ['GET /api/v1/cases/{case_no}/documents', 'cases.read'],
  ['GET /api/v1/cases/{case_no}/documents/print', 'cases.read'],
  ['GET /api/v1/cases/{case_no}/documents/{id}', 'cases.read'],
  ['POST /api/v1/cases/{case_no}/documents', 'cases.handle'],
  ['GET /api/v1/ledger/sth', 'ledger.read'],
  ['GET /api/v1/ledger/proof', 'ledger.read'],
  ['POST /api/v1/session', 'public'],
  ['GET /api/v1/session', 'authenticated'],
  ['DELETE /api/v1/session', 'authenticated'],
  ['PUT /api/v1/session/password', 'authenticated'],
  ['GET /api/v1/messages', 'authenticated'],
  ['GET /api/v1/messages/unread-count', 'authenticated'],
  ['POST /api/v1/messages/{id}/read', 'authenticated'],
  ['POST /api/v1/messages/read-all', 'authenticated'],
  ['GET /api/v1/users', 'users.read'],
  ['POST /api/v1/users', 'users.write'],
  ['PUT /api/v1/users/{id}', 'users.write'],
  ['POST /api/v1/users/{id}/reset-password', 'users.write'],
  ['GET /api/v1/roles', 'roles.read'],
  ['PUT /api/v1/roles/{id}', 'roles.write'],
  ['GET /api/v1/audit', 'audit.read'],
  ['GET /api/v1/audit/export', 'audit.read'],
  ['GET /api/v1/agencies', 'agencies.read'],
  ['GET /api/v1/regions', 'authenticated'],
  ['GET /api/v1/dicts', 'authenticated'],
  ['GET /api/v1/workbench', 'authenticated'],
  ['GET /api/v1/stats/summary', 'stats.read'],
  ['GET /api/v1/stats/trend', 'stats.read'],
  ['GET /api/v1/stats/by-agency', 'stats.read'],
  ['GET /api/v1/stats/by-region', 'stats.read'],
  ['GET /api/v1/stats/by-sector', 'stats.read'],
  ['GET /api/v1/stats/by-rule', 'stats.read'],
  ['GET /api/v1/stats/zero-enforcement', 'stats.read'],
  ['GET /api/v1/stats/reporting', 'stats.read'],
  ['GET /api/v1/stats/rankings', 'stats.read'],
  ['GET /api/v1/stats/screen', 'stats.read'],
  ['GET /api/v1/agencies/{code}', 'elements.read'],
  ['PUT /api/v1/agencies/{code}', 'elements.write'],
  ['GET /api/v1/officers', 'elements.read'],
  ['GET /api/v1/officers/{cert_no}', 'elements.read'],
  ['PUT /api/v1/officers/{cert_no}', 'elements.write'],
  ['GET /api/v1/powers', 'elements.read'],
  ['GET /api/v1/powers/{code}', 'elements.read'],
  ['PUT /api/v1/powers/{code}', 'elements.write'],
  ['GET /api/v1/benchmarks/{power}', 'elements.read'],
  ['PUT /api/v1/benchmarks/{power}', 'elements.write'],
  ['GET /api/v1/laws', 'public'],
  ['GET /api/v1/laws/search', 'public'],
  ['GET /api/v1/laws/{id}', 'public'],
  ['GET /api/v1/laws/{id}/articles/{number}', 'public'],
  ['POST /api/v1/imports', 'intake.write'],
  ['GET /api/v1/export', 'exchange.export'],
  ['POST /api/v1/cases', 'intake.write'],
  ['PUT /api/v1/cases/{case_no}', 'intake.write'],
  ['GET /api/v1/reports/monthly', 'reports.read'],
  ['PUT /api/v1/reports/monthly/{agency}/{month}', 'intake.write'],
  ['GET /api/v1/settings', 'settings.read'],
  ['PUT /api/v1/settings/{name}', 'settings.write'],
  ['POST /api/v1/workflow/cases', 'cases.handle'],
  ['GET /api/v1/workflow/cases', 'cases.handle'],
  ['POST /api/v1/inspections', 'cases.handle'], // 行政检查 (issue 20, docs/inspections.md)
  ['GET /api/v1/workflow/cases/{case_no}', 'cases.handle'],
  ['POST /api/v1/workflow/cases/{case_no}/actions', 'cases.handle'],
  ['GET /api/v1/workflow/approvals', 'cases.handle'],
  ['GET /api/v1/workflow/cases/{case_no}/approvals', 'cases.handle'],
  ['GET /api/v1/templates/{file}', 'intake.write'],
  ['POST /api/v1/workflow/cases/{case_no}/attachments', 'cases.handle'],
  ['GET /api/v1/workflow/cases/{case_no}/attachments', 'cases.handle'],
  ['GET /api/v1/workflow/cases/{case_no}/attachments/{id}', 'cases.handle'],
  ['POST /api/v1/workflow/cases/{case_no}/publication', 'cases.handle'],
  ['DELETE /api/v1/workflow/cases/{case_no}/publication', 'cases.handle'],
  ['POST /api/v1/workflow/cases/{case_no}/revocation', 'cases.handle'],
  ['GET /api/v1/workflow/publicity', 'cases.handle'],
  ['POST /api/v1/workflow/cases/{case_no}/discretion', 'cases.handle'],
  ['POST /api/v1/orders', 'orders.write'],
  ['GET /api/v1/orders', 'orders.read'],
  ['GET /api/v1/orders/stats', 'orders.read'],
  ['GET /api/v1/orders/{id}', 'orders.read'],
  ['POST /api/v1/orders/{id}/actions', 'orders.read'],
  ['POST /api/v1/orders/{id}/attachments', 'orders.read'],
  ['POST /api/v1/observations', 'observations.write'],
  ['GET /api/v1/observations', 'observations.read'],
  ['GET /api/v1/observer/cases', 'observations.read'],
  ['POST /api/v1/observations/{id}/photos', 'observations.write'],
  ['GET /api/v1/leads', 'leads.read'],
  ['GET /api/v1/focus-agencies', 'focus.read'],
  ['POST /api/v1/leads', 'orders.write'],
  ['GET /api/v1/leads/{id}', 'leads.read'],
  ['GET /api/v1/leads/{id}/photos/{pid}', 'leads.read'],
  ['POST /api/v1/leads/{id}/actions', 'leads.read'],
  ['POST /api/v1/leads/hotline-file', 'orders.write'],
  ['GET /api/v1/orders/{id}/attachments/{aid}', 'orders.read'],
  ['GET /api/v1/orders/{id}/documents', 'orders.read'],
  ['GET /api/v1/orders/{id}/documents/{doc}', 'orders.read'],
  ['GET /api/v1/tokens', 'tokens.write'],
  ['POST /api/v1/tokens', 'tokens.write'],
  ['DELETE /api/v1/tokens/{id}', 'tokens.write'],
  // a system's call with a bearer API token: no session counts, every role gets 401 (hotline.test.mjs)
  ['POST /api/v1/leads/hotline', 'token'],
  // 案卷评查 (issue 16, docs/reviews.md)
  ['GET /api/v1/reviews/standards', 'reviews.read'],
  ['GET /api/v1/reviews/standards/{code}', 'reviews.read'],
  ['POST /api/v1/reviews/standards', 'reviews.manage'],
  ['PUT /api/v1/reviews/standards/{code}', 'reviews.manage'],
  ['GET /api/v1/reviews/reviewers', 'reviews.manage'],
  ['POST /api/v1/reviews/plans', 'reviews.manage'],
  ['GET /api/v1/reviews/plans', 'reviews.read'],
  ['GET /api/v1/reviews/plans/{id}', 'reviews.read'],
  ['PUT /api/v1/reviews/plans/{id}', 'reviews.manage'],
  ['POST /api/v1/reviews/plans/{id}/sample', 'reviews.manage'],
  ['GET /api/v1/reviews/plans/{id}/sample/preview', 'reviews.manage'],
  ['POST /api/v1/reviews/plans/{id}/assign', 'reviews.manage'],
  ['POST /api/v1/reviews/plans/{id}/publish', 'reviews.manage'],
  ['GET /api/v1/reviews/plans/{id}/results', 'reviews.read'],
  ['GET /api/v1/reviews/plans/{id}/documents', 'reviews.read'],
  ['GET /api/v1/reviews/plans/{id}/documents/{doc}', 'reviews.read'],
  ['GET /api/v1/reviews/plans/{id}/results.xlsx', 'reviews.read'],
  ['GET /api/v1/reviews/tasks', 'reviews.score'],
  ['GET /api/v1/reviews/tasks/{id}', 'reviews.score'],
  ['PUT /api/v1/reviews/tasks/{id}', 'reviews.score'],
  ['GET /api/v1/reviews/tasks/{id}/attachments/{att}', 'reviews.score'],
  ['POST /api/v1/reviews/items/{id}/arbitrate', 'reviews.manage'],
  ['POST /api/v1/reviews/items/{id}/defense', 'reviews.defend'],
  ['POST /api/v1/reviews/defenses/{id}/answer', 'reviews.manage'],
  ['POST /api/v1/reviews/items/{id}/order', 'reviews.manage'],
  ['GET /api/v1/assessment/plans', 'assessment.read'],
  ['POST /api/v1/assessment/plans', 'assessment.manage'],
  ['GET /api/v1/assessment/plans/{id}', 'assessment.read'],
  ['PUT /api/v1/assessment/plans/{id}', 'assessment.manage'],
  ['POST /api/v1/assessment/plans/{id}/copy', 'assessment.manage'],
  ['POST /api/v1/assessment/plans/{id}/publish', 'assessment.manage'],
  ['POST /api/v1/assessment/plans/{id}/revise', 'assessment.manage'],
  ['POST /api/v1/assessment/plans/{id}/close', 'assessment.manage'],
  ['GET /api/v1/assessment/plans/{id}/ranking', 'assessment.read'],
  ['GET /api/v1/assessment/plans/{id}/ranking.xlsx', 'assessment.read'],
  ['GET /api/v1/assessment/plans/{id}/units/{unit}', 'assessment.read'],
  ['POST /api/v1/assessment/plans/{id}/files', 'assessment.fill'],
  ['GET /api/v1/assessment/plans/{id}/files/{fid}', 'assessment.read'],
  ['PUT /api/v1/assessment/plans/{id}/fillings/{unit}/{indicator}', 'assessment.fill'],
  ['POST /api/v1/assessment/plans/{id}/fillings/{unit}/{indicator}/review', 'assessment.score'],
  ['POST /api/v1/assessment/plans/{id}/contests', 'assessment.fill'],
  ['POST /api/v1/assessment/plans/{id}/scores', 'assessment.score'],
  ['GET /api/v1/assessment/plans/{id}/tasks', 'assessment.read'],
  ['POST /api/v1/assessment/plans/{id}/tasks', 'assessment.manage'],
  ['POST /api/v1/assessment/plans/{id}/orders', 'assessment.manage'],
  ['POST /api/v1/assessment/tasks/{id}/progress', 'assessment.fill'],
  ['GET /api/v1/assessment/plans/{id}/survey', 'assessment.read'],
  ['GET /api/v1/assessment/plans/{id}/report.pdf', 'assessment.read'],
  ['GET /api/v1/public/surveys', 'public'],
  ['POST /api/v1/public/surveys/{id}/answers', 'public'],
  ['GET /api/v1/inspection-entities', 'inspections.read'],
  ['POST /api/v1/inspection-entities', 'inspections.directory'],
  ['GET /api/v1/inspection-entities/template.xlsx', 'inspections.directory'],
  ['POST /api/v1/inspection-entities/import', 'inspections.directory'],
  ['PUT /api/v1/inspection-entities/{id}', 'inspections.directory'],
  ['GET /api/v1/inspection-officers', 'inspections.read'],
  ['PUT /api/v1/inspection-officers/{cert_no}/recusals', 'inspections.directory'],
  ['POST /api/v1/inspection-plans', 'inspections.plan'],
  ['GET /api/v1/inspection-plans', 'inspections.read'],
  ['GET /api/v1/inspection-plans/{id}', 'inspections.read'],
  ['POST /api/v1/inspection-plans/{id}/draw', 'inspections.plan'],
  ['POST /api/v1/inspection-plans/{id}/results', 'inspections.directory'],
  ['POST /api/v1/inspection-plans/{id}/publish', 'inspections.plan'],
  ['GET /api/v1/public/inspection-results', 'public'],
  ['GET /api/v1/joint-catalogue', 'joint.read'],
  ['POST /api/v1/joint-catalogue', 'joint.manage'],
  ['PUT /api/v1/joint-catalogue/{id}', 'joint.manage'],
  ['GET /api/v1/joint-plans', 'joint.read'],
  ['POST /api/v1/joint-plans', 'joint.manage'],
  ['GET /api/v1/joint-plans/proposals', 'joint.manage'],
  ['GET /api/v1/joint-plans/stats', 'joint.read'],
  ['GET /api/v1/joint-plans/{id}', 'joint.read'],
  ['POST /api/v1/joint-plans/{id}/results', 'inspections.directory'],
  ['POST /api/v1/normative-docs', 'normative.file'],
  ['GET /api/v1/normative-docs', 'normative.read'],
  ['GET /api/v1/normative-docs/stats', 'normative.read'],
  ['GET /api/v1/normative-docs/stats/export.xlsx', 'normative.read'],
  ['GET /api/v1/normative-docs/cleanup', 'normative.read'],
  ['POST /api/v1/normative-docs/incidental', 'normative.review'],
  ['GET /api/v1/normative-docs/{id}', 'normative.read'],
  ['POST /api/v1/normative-docs/{id}/actions', 'normative.review'],
  ['POST /api/v1/normative-docs/{id}/cleanup', 'normative.file'],
  ['GET /api/v1/normative-docs/decline-items', 'normative.read'],
  ['POST /api/v1/normative-docs/catalogs', 'normative.review'],
  ['POST /api/v1/normative-docs/{id}/file', 'normative.file'],
  ['GET /api/v1/normative-docs/{id}/file', 'normative.read'],
  ['POST /api/v1/normative-tasks/{id}/answer', 'normative.review'],
  ['GET /api/v1/public/normative-docs', 'public'],
  ['POST /api/v1/public/normative-docs/{id}/suggestions', 'public'],
  ['GET /api/v1/public/normative-docs/cleanup-results', 'public'],
  ['GET /api/v1/public/normative-catalogs', 'public'],
  ['GET /api/v1/public/normative-catalogs/{file}', 'public'],
  // 多级汇聚 (docs/sync.md): a lower node's calls carry its token and signature, never a session (401
  // for every role: sync.test.mjs); the pages' reads
  ['POST /api/v1/sync/enrol', 'node'],
  ['GET /api/v1/sync/cursor', 'node'],
  ['POST /api/v1/sync/batches', 'node'],
  ['GET /api/v1/sync/down', 'node'],
  ['GET /api/v1/sync/orders', 'node'],
  ['POST /api/v1/sync/orders/answers', 'node'],
  ['GET /api/v1/sync/nodes', 'sync.read'],
  ['GET /api/v1/sync/batches', 'sync.read'],
  ['GET /api/v1/sync/upstream', 'sync.read'],
  ['POST /api/v1/reconsiderations', 'reconsideration.handle'],
  ['GET /api/v1/reconsiderations', 'reconsideration.read'],
  ['GET /api/v1/reconsiderations/stats', 'reconsideration.read'],
  ['GET /api/v1/reconsiderations/export.xlsx', 'reconsideration.read'],
  ['GET /api/v1/reconsiderations/stats/export.xlsx', 'reconsideration.read'],
  ['GET /api/v1/reconsiderations/yearly', 'reconsideration.read'],
  ['GET /api/v1/reconsiderations/yearly/export.xlsx', 'reconsideration.read'],
  ['GET /api/v1/reconsiderations/{id}', 'reconsideration.read'],
  ['POST /api/v1/reconsiderations/{id}/actions', 'reconsideration.read'],
  ['POST /api/v1/reconsiderations/{id}/attachments', 'reconsideration.read'],
  ['GET /api/v1/reconsiderations/{id}/documents', 'reconsideration.read'],
  ['GET /api/v1/reconsiderations/{id}/documents/{doc}', 'reconsideration.read'],
  ['GET /api/v1/reconsiderations/{id}/dossier.zip', 'reconsideration.read'],
  ['POST /api/v1/reconsiderations/{id}/publication', 'reconsideration.approve'],
  ['GET /api/v1/reconsiderations/{id}/attachments/{aid}', 'reconsideration.read'],
]);

const ROLES = ['officer', 'agency_head', 'legal_reviewer', 'supervisor', 'leader', 'social_supervisor', 'lawyer',
  'review_expert', 'norm_clerk', 'norm_chief', 'norm_deputy', 'norm_director', 'reconsideration_officer',
  'reconsideration_head', 'sysadmin', 'secadmin', 'auditor'];
const AGENCY = '113702021588139920';
let srv, db, permsOf, targetUserId;
const sessions = {};

// Concrete values for path parameters, chosen so allowed calls do no harm.
const PARAMS = { case_no: encodeURIComponent('南市监处罚〔2026〕3号'), number: '1' };
function concrete(pattern) {
  return pattern
    .replace(/\/reviews\/(plans|tasks|items|defenses)\/\{id\}/, '/reviews/$1/999999')
    .replace(/\/assessment\/(plans|tasks)\/\{id\}/, '/assessment/$1/999999')
    .replace('/surveys/{id}', '/surveys/999999')
    .replace('{unit}', AGENCY)
    .replace('{indicator}', 'X1')
    .replace('{fid}', '1')
    .replace('/standards/{code}', '/standards/penalty_v1')
    .replace('{att}', '1')
    .replace('{case_no}', PARAMS.case_no)
    .replace('{number}', PARAMS.number)
    .replace('{tracking_code}', '0000-0000-0000-0000')
    .replace('/users/{id}', `/users/${targetUserId}`)
    .replace('/attachments/{id}', '/attachments/1')
    .replace('/documents/{id}', '/documents/999999')
    .replace('/filings/{id}', '/filings/1')
    .replace('/normative-docs/{id}', '/normative-docs/999999')
    .replace('/normative-tasks/{id}', '/normative-tasks/999999')
    .replace('/roles/{id}', '/roles/leader')
    .replace('/orders/{id}', '/orders/999999')
    .replace('/leads/{id}', '/leads/999999')
    .replace('/reconsiderations/{id}', '/reconsiderations/999999')
    .replace('/tokens/{id}', '/tokens/999999')
    .replace('{aid}', '1')
    .replace('{doc}', '999999')
    .replace('/laws/{id}', '/laws/1')
    .replace('/agencies/{code}', `/agencies/${AGENCY}`)
    .replace('/powers/{code}', '/powers/SC-CF-001')
    .replace('{power}', 'SC-CF-001')
    .replace('{file}', 'cases.xlsx')
    .replace('{cert_no}', '37020200001')
    .replace('{agency}', AGENCY)
    .replace('{month}', '2026-04')
    .replace('{name}', 'report_due_day');
}
// Bodies that pass authorization but are refused (400) or harmless, so no call changes the matrix.
const BODY = {
  'PUT /api/v1/rule-config': { overrides: 'not-an-array' },
  'PUT /api/v1/roles/{id}': { permissions: 'not-an-array' },
  'POST /api/v1/users': { username: '' },
  'PUT /api/v1/users/{id}': { disabled: 'no' },
  'PUT /api/v1/session/password': {},
  'POST /api/v1/session': {},
  'POST /api/v1/findings/sweep': { as_of: '2026-05-20' },
  'POST /api/v1/filings/{id}/review': { result: 'not-a-result' },
  // element records missing their required fields: refused by the validator (400)
  'PUT /api/v1/agencies/{code}': { level: 'galaxy' },
  'PUT /api/v1/officers/{cert_no}': { status: 'lost' },
  'PUT /api/v1/powers/{code}': { kind: 'magic' },
  'PUT /api/v1/benchmarks/{power}': { tiers: 'none' },
  'POST /api/v1/imports': { note: 'a JSON body is not a JSON Lines upload: 415' },
  'POST /api/v1/cases': { case_no: '' },
  // no kind named: refused (400) before anything is drawn
  'POST /api/v1/cases/{case_no}/documents': { kind: '' },
  'PUT /api/v1/cases/{case_no}': { kind: 'not-a-kind' },
  'PUT /api/v1/reports/monthly/{agency}/{month}': { counts: 'not-an-object' },
  'PUT /api/v1/settings/{name}': { value: 'not-a-day' },
  // an unknown case type (400); the action's case is not handled online (404)
  'POST /api/v1/workflow/cases': { case_type: 'not-a-type' },
  // an inspection without its party (400)
  'POST /api/v1/inspections': { power: 'SC-JC-001' },
  'POST /api/v1/workflow/cases/{case_no}/actions': { action: 'record' },
  'POST /api/v1/workflow/cases/{case_no}/attachments': { note: 'the case is not handled online: 404' },
  'POST /api/v1/workflow/cases/{case_no}/discretion': { first_offence: true },
  // an unknown kind (400); an action on an order that does not exist (404)
  'POST /api/v1/orders': { kind: 'not-a-kind' },
  'POST /api/v1/orders/{id}/actions': { action: 'issue' },
  'POST /api/v1/orders/{id}/attachments': { note: 'no such order: 404' },
  'POST /api/v1/leads': { source: 'not-a-source' },
  'POST /api/v1/observations': { content: '' },
  'POST /api/v1/leads/{id}/actions': { action: 'accept' },
  'POST /api/v1/leads/hotline-file': { note: 'a JSON body is not a JSON Lines file: 415' },
  // a token name refused (400); revoking a token that does not exist (404)
  'POST /api/v1/tokens': { name: '', region: '370200' },
  // a plan without a name (400); the acts on a plan, task, item or 申辩 that does not exist (404)
  'POST /api/v1/reviews/plans': { name: '' },
  // a plan without a year (400); every act on a plan or task that does not exist (404)
  'POST /api/v1/assessment/plans': { name: '' },
  // an application without its applicant (400); a step on a reconsideration that does not exist (404)
  'POST /api/v1/reconsiderations': { respondent: '' },
  'POST /api/v1/public/reconsiderations': { applicant: 'none' },
  'POST /api/v1/public/reconsiderations/track': { case_no: '无此案号' },
  'POST /api/v1/reconsiderations/{id}/actions': { action: 'accept' },
  'POST /api/v1/reconsiderations/{id}/attachments': { note: 'no such reconsideration: 404' },
  // a copy without a code (400); the shipped standard is never edited (400: the body has no items)
  'POST /api/v1/reviews/standards': { from: 'penalty_v1', code: '' },
  'PUT /api/v1/reviews/standards/{code}': { items: 'none' },
  'PUT /api/v1/reviews/tasks/{id}': { deductions: [] },
  'POST /api/v1/reviews/items/{id}/arbitrate': { deductions: [], note: '不存在' },
  'POST /api/v1/reviews/items/{id}/defense': { text: '不存在' },
  'POST /api/v1/reviews/defenses/{id}/answer': { text: '不存在', accepted: false },
  // 规范性文件备案审查: a filing without its title (400); acts on a document or task that does not exist (404)
  'POST /api/v1/normative-docs': { title: '' },
  'POST /api/v1/normative-docs/{id}/actions': { action: 'register' },
  'POST /api/v1/normative-docs/{id}/cleanup': { answer: 'keep', reason: '不存在' },
  'POST /api/v1/normative-docs/incidental': { doc_no: '不存在', received_on: '2026-01-01' },
  'POST /api/v1/normative-tasks/{id}/answer': { answer: '不存在' },
  'POST /api/v1/public/normative-docs/{id}/suggestions': { content: '' },
};

before(async () => {
  db = path.join(tmpDir(), 'matrix.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const users = {};
  for (const role of ROLES) {
    const regional = ['supervisor', 'leader', 'social_supervisor', 'review_expert', 'norm_clerk', 'norm_chief',
      'norm_deputy', 'norm_director', 'reconsideration_officer', 'reconsideration_head'].includes(role);
    users[role] = addUser(db, {
      username: `m_${role}`, role,
      agency: ['officer', 'agency_head', 'legal_reviewer', 'lawyer'].includes(role) ? AGENCY : undefined,
      region: regional ? '370200' : undefined,
    });
  }
  const target = addUser(db, { username: 'm_target', role: 'officer', agency: AGENCY });
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const role of ROLES) {
    sessions[role] = await login(srv.base, users[role].username, users[role].password);
    assert.equal(sessions[role].status, 200, role);
  }
  sessions.anonymous = client(srv.base);
  const roles = (await sessions.secadmin.get('/roles')).body.items;
  permsOf = Object.fromEntries(roles.map((r) => [r.id, new Set(r.permissions)]));
  targetUserId = (await sessions.sysadmin.get(`/users?q=${target.username}`)).body.items[0].id;
});
after(() => srv?.stop());

test('every registered route is in the matrix with the permission it requires', () => {
  const registered = jsonLines(run(['routes']).stdout).map((r) => [`${r.method} ${r.pattern}`, r.perm]);
  const missing = registered.filter(([k]) => !ROUTES.has(k)).map(([k]) => k);
  assert.deepEqual(missing, [], 'new routes must be added to ROUTES in this test');
  assert.deepEqual(new Map(registered), ROUTES);
});

test('every permission a route names exists in the permission table', async () => {
  const known = new Set((await sessions.secadmin.get('/roles')).body.permissions.map((p) => p.name));
  for (const [route, perm] of ROUTES)
    if (!['public', 'authenticated', 'token', 'node'].includes(perm)) assert.ok(known.has(perm), `${route}: ${perm}`);
});

function expected(who, perm) {
  if (perm === 'public') return 'allowed';
  if (perm === 'token' || perm === 'node') return 401; // a session is never a token nor a node
  if (who === 'anonymous') return 401;
  if (perm === 'authenticated') return 'allowed';
  return permsOf[who].has(perm) ? 'allowed' : 403;
}

async function call(who, key) {
  const [method, pattern] = key.split(' ');
  const c = sessions[who];
  const url = concrete(pattern).replace('/api/v1', '');
  if (method === 'GET') return c.get(url);
  return c.send(method, url, BODY[key] ?? {});
}

test('each role gets exactly what the permission table allows on every route', async () => {
  const wrong = [];
  let checked = 0;
  for (const who of [...ROLES, 'anonymous']) {
    // Log-out last, or it would end the session the other calls use.
    const keys = [...ROUTES.keys()].sort((a, b) => (a === 'DELETE /api/v1/session') - (b === 'DELETE /api/v1/session'));
    for (const key of keys) {
      const want = expected(who, ROUTES.get(key));
      const r = await call(who, key);
      const got = r.status === 401 || r.status === 403 ? r.status : 'allowed';
      if (got !== want) wrong.push(`${who} ${key}: want ${want}, got ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`);
      if (got === 403) assert.equal(r.body.error.code, 'forbidden', `${who} ${key}`);
      checked++;
    }
  }
  assert.deepEqual(wrong, []);
  assert.equal(checked, ROUTES.size * (ROLES.length + 1));
});

// 三员分立 (GB/T 22239-2019): every permission has one owner class — one of the three
// administrators, or the business roles — and a few reads the table says another class shares.
// Every (role, permission) grant is tried; it must succeed exactly when the classes match.
const DUTIES = ['business', 'sysadmin', 'secadmin', 'auditor'];

test('三员分立: a grant is accepted exactly when the permission belongs to the class of the role', async () => {
  // a session of its own: the test above logs every role out at its end
  const sec = await login(srv.base, 'm_secadmin', 'Zf-m_secadmin-Pass-2026');
  assert.equal(sec.status, 200);
  const { items: roles, permissions } = (await sec.get('/roles')).body;
  for (const r of roles) assert.ok(DUTIES.includes(r.duty), `${r.id} has a class: ${r.duty}`);
  for (const p of permissions) {
    assert.ok(DUTIES.includes(p.owner), `${p.name} has an owner: ${p.owner}`);
    assert.ok(Array.isArray(p.shared_with) && !p.shared_with.includes(p.owner), p.name);
  }
  const classOf = Object.fromEntries(roles.map((r) => [r.id, r.duty]));
  assert.deepEqual(Object.entries(classOf).filter(([, d]) => d !== 'business').map(([id]) => id).sort(),
    ['auditor', 'secadmin', 'sysadmin']);
  const may = (role, p) => p.owner === classOf[role.id] || p.shared_with.includes(classOf[role.id]);
  const wrong = [];
  let tried = 0;
  for (const role of roles) {
    for (const p of permissions) {
      if (role.permissions.includes(p.name)) {
        if (!may(role, p)) wrong.push(`${role.id} holds ${p.name} (${p.owner})`);
        continue;
      }
      const r = await sec.send('PUT', `/roles/${role.id}`, { permissions: [...role.permissions, p.name] });
      tried++;
      if ((r.status === 200) !== may(role, p)) wrong.push(`${role.id} + ${p.name} (${p.owner}): ${r.status}`);
      if (r.status === 200) {
        assert.equal((await sec.send('PUT', `/roles/${role.id}`, { permissions: role.permissions })).status, 200);
      } else {
        assert.equal(r.status, 403, `${role.id} + ${p.name}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.error.code, 'separation_of_duties');
        assert.ok(hasChinese(r.body.error.message) && r.body.error.message.includes(p.name), r.body.error.message);
      }
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(tried > 0);
  const after = (await sec.get('/roles')).body.items;
  assert.deepEqual(after.map((r) => [r.id, r.permissions]), roles.map((r) => [r.id, r.permissions]), 'every role as it was');
});
