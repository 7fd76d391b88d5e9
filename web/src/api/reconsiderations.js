// 行政复议 (docs/reconsideration.md): applications registered by the 复议机构, their steps and
// periods, the respondent agency's answer, and the statistics.
import http from './http.js'

const BASE = '/api/v1/reconsiderations'

// query: {status, respondent, q, from, to, page, size} → {items: [record without timeline], total, page, size}
export const listReconsiderations = (query) => http.get(BASE, { query })

// → {id, case_no, status, status_name, procedure, procedure_name, respondent, respondent_name, received_on,
//    accepted_on, decided_on, outcome, outcome_name, reject_reason, reject_reason_name, linked_case_no,
//    body: {applicant, act, request, facts, …}, deadlines: {apply_due_on, review_due_on, copy_due_on,
//    answer_due_on, decision_due_on}, next_deadline: {name, due_on}, colour, days_left,
//    timeline: [{id, time, on, user, action, action_name, from_status, to_status, note}]}
export const getReconsideration = (id) => http.get(`${BASE}/${encodeURIComponent(id)}`)

// body: {applicant: {kind, name, id_no, phone}, respondent, act: {case_no, doc_no, decided_on, known_on},
//        request, facts, received_on, procedure, channel, …} → 201 the record
export const registerReconsideration = (body) => http.post(BASE, body)

// body: {action, on, note, items?, reason?, days?, outcome?, presiding?, delay_reason?} → the record;
// 409 a step the status forbids, 422 where the law refuses (the message cites the article)
export const actOnReconsideration = (id, body) => http.post(`${BASE}/${encodeURIComponent(id)}/actions`, body)

// query: {respondent, from, to} → {items: [{respondent, respondent_name, received, accepted, rejected,
//   decided, corrected, correction_rate, avg_days}], reject_reasons: [{reason, name, count}],
//   outcomes: [{outcome, name, count}], totals: {…}}
export const reconsiderationStats = (query) => http.get(`${BASE}/stats`, { query })

// The file is the body; purpose evidence (被申请人证据: the respondent, from the copy until the decision) |
// material (复议机构材料). → the attachment {id, purpose, name, media_type, size, sm3, uploaded_by, uploaded_at}
export const uploadReconsiderationFile = (id, file, purpose) =>
  http.upload(`${BASE}/${encodeURIComponent(id)}/attachments`, file,
    { query: { name: file.name, purpose }, contentType: file.type || 'application/octet-stream', timeout: 30 * 60000 })
export const reconsiderationFileUrl = (id, aid) => `${BASE}/${encodeURIComponent(id)}/attachments/${encodeURIComponent(aid)}`

// The yearly statistical table by the contested act's kind → {year, items: [{kind, name, received,
//   accepted, rejected, concluded, maintain, dismiss, revoke, change, confirm_illegal, order_perform,
//   mediated, decided, corrected, correction_rate}, …, the total last], totals}
export const reconsiderationYearly = (year) => http.get(`${BASE}/yearly`, { query: { year } })

// The portal (no login): the applicant's own file, identified by 复议案号 + ID number + phone;
// purpose id_copy | act_copy | proof | correction → {id, purpose, purpose_name, name, media_type, size}
export const uploadPortalReconsiderationFile = (who, file, purpose) =>
  http.upload('/api/v1/public/reconsiderations/files', file,
    { query: { ...who, name: file.name, purpose }, contentType: file.type || 'application/octet-stream', timeout: 30 * 60000 })
