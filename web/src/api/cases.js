// 案件查询: the cases of the user's data scope; one case's timeline, attachments and orders (案件详情).
import http, { withQuery } from './http.js'

// query: {agency, region, sector, kind, procedure, status, filed_from, filed_to, decided_from, decided_to,
//   fine_min, fine_max, has_findings, severity, q, sort, order, page, size}
// → {items: [{case_no, agency, agency_name, region, kind, procedure, party_name, filed_on, decided_on,
//    closed_on, fine, doc_no, status, online, open_findings, worst_severity}], total, page, size}
export const listCases = (query) => http.get('/api/v1/cases', { query })

const enc = encodeURIComponent

// The online timeline (办理记录) of a case, read-only, audited; {online: false, items: []} for a case
// not handled online. → {online, stage, stage_name, items: [{id, time, user, action, action_name,
//    from_stage, from_stage_name, to_stage, to_stage_name, note}]}
export const getCaseTimeline = (caseNo) => http.get(`/api/v1/cases/${enc(caseNo)}/timeline`)
// 审批记录 for the supervisor's case detail: the same shape as the workflow's getCaseApprovals
export const getCaseApprovalHistory = (caseNo) => http.get(`/api/v1/cases/${enc(caseNo)}/approvals`)
// Its attachments (全过程记录), read-only, audited. → {items: [{id, stage, stage_name, kind, kind_name,
//    name, mime, size, sha256, sm3, uploaded_by, uploaded_at}]}
export const listCaseAttachments = (caseNo) => http.get(`/api/v1/cases/${enc(caseNo)}/attachments`)
export const caseAttachmentUrl = (caseNo, id) => `/api/v1/cases/${enc(caseNo)}/attachments/${id}`
// The supervision orders about a case (docs/orders.md). → {items: [{id, doc_no, kind_name, status_name,
//    due_on, colour, …}], total}
export const listCaseOrders = (caseNo) => http.get('/api/v1/orders', { query: { case_no: caseNo, size: 200 } })

// An .xlsx download of every case matching the same filters and sort (an <a download> points here).
export const casesExportUrl = (query) => withQuery('/api/v1/cases/export.xlsx', query)
// 执法文书 (docs/documents.md): every version of the case's documents, one PDF (inline for the
// preview, ?download=1 to save), issuing or correcting one, and the print run of the latest versions
export const listCaseDocuments = (caseNo) => http.get(`/api/v1/cases/${enc(caseNo)}/documents`)
export const issueCaseDocument = (caseNo, kind, reason) =>
  http.post(`/api/v1/cases/${enc(caseNo)}/documents`, reason ? { kind, reason } : { kind })
export const caseDocumentUrl = (caseNo, id, download = false) =>
  `/api/v1/cases/${enc(caseNo)}/documents/${id}${download ? '?download=1' : ''}`
export const caseDocumentsPrintUrl = (caseNo) => `/api/v1/cases/${enc(caseNo)}/documents/print`
