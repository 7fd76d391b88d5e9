// 督办问诊 (docs/orders.md): supervision orders a supervisor sends an agency, the agency's answers,
// the supervisor's return or acceptance, and their attachments.
import http from './http.js'

const BASE = '/api/v1/orders'

// query: {status, agency, kind, case_no, finding_id, overdue: 1, todo: 1, as_of, q, page, size}
// → {items: [order without timeline], total, page, size}
export const listOrders = (query) => http.get(BASE, { query })

// The orders waiting for the caller (agency: issued and returned; supervisor: responded) → a number.
export const countTodoOrders = () => listOrders({ todo: 1, page: 1, size: 1 }).then((d) => d.total || 0)

// → {id, doc_no, kind, kind_name, agency, agency_name, region, status, status_name, problem,
//    basis: [{law, article, law_id, number, key}], measures, case_nos, findings: [{id, rule, subject,
//    severity, message, resolved_at}], deadline_wd, issued_on, due_on, colour, overdue, days_left,
//    escalation, escalation_name, rounds, response, referral, attachments, created_by, created_at,
//    updated_at, timeline: [{id, time, on, user, action, action_name, from_status, to_status, note}]}
export const getOrder = (id) => http.get(`${BASE}/${encodeURIComponent(id)}`)

// body: {kind, agency, case_nos, finding_ids, problem, basis: [{law, article}], measures, deadline_wd}
// → 201 the order (status draft, doc_no null until issued)
export const createOrder = (body) => http.post(BASE, body)

// body: {action: issue|receive|respond|accept|return|escalate, note, deadline_wd?, on?,
//        corrections?: [{case_no, note}]} → the order; 409 invalid_transition, 422 a rule's refusal
export const actOnOrder = (id, body) => http.post(`${BASE}/${encodeURIComponent(id)}/actions`, body)

// query: {from: YYYY-MM, to: YYYY-MM, agency} → {items: [{agency, agency_name, month, issued,
//   answered_on_time, overdue, returned, accepted, avg_days_to_accept}]}
export const orderStats = (query) => http.get(`${BASE}/stats`, { query })

// The file is the body; purpose evidence (监督证据: the supervisor, until accepted) | response (整改材料:
// the agency, while its answer is due). → the attachment
export const uploadOrderAttachment = (id, file, purpose) =>
  http.upload(`${BASE}/${encodeURIComponent(id)}/attachments`, file,
    { query: { name: file.name, purpose }, contentType: file.type || 'application/octet-stream', timeout: 30 * 60000 })
export const orderAttachmentUrl = (id, aid) => `${BASE}/${encodeURIComponent(id)}/attachments/${encodeURIComponent(aid)}`

// A legal basis picked from the law library (a hit of GET /laws/search) as the create body cites
// it: the law's title and the article as written (第五十二条); the server links them back to the
// library (law_id, number, key in the order it returns).
export const basisOf = (hit) => ({ law: hit.law_title, article: hit.label })

// Where the law library shows a cited article (key: "52", or "10-1" for 第十条之一).
export const basisLink = (b) => ({ path: '/elements/laws', query: { law: b.law_id, article: b.key || b.number } })

// The order's 督办通知书 / 问诊单 / 意见书, every version (issued when the order is issued):
// → {order_id, items: [{id, kind, kind_name, version, doc_no, digest, issued_by, issued_at, latest, download}]}
export const listOrderDocuments = (id) => http.get(`${BASE}/${encodeURIComponent(id)}/documents`)
