// 线索中心 (docs/leads.md): leads from the 12345 hotline, the public, 信访, reconsideration and
// litigation, triaged by the region's supervisors, dispatched to the agency concerned, answered,
// verified and closed, or turned into a supervision order.
import http, { ApiError } from './http.js'

const BASE = '/api/v1/leads'

// query: {source, status, agency, overdue: 1, q, page, size}
// → {items: [lead without timeline, reporter masked], total, page, size}
export const listLeads = (query) => http.get(BASE, { query })

// The leads dispatched to the caller's agency and not answered yet → a number (the top bar's badge).
export const countWaitingLeads = () => listLeads({ status: 'dispatched', page: 1, size: 1 }).then((d) => d.total || 0)

// → {id, source, source_name, source_ref, status, status_name, received_at, content, category, place,
//    reporter: {name, phone} | null (unmasked here only; the read is audited), region, agency,
//    agency_name, case_no, dispatched_on, due_on, answered_on, colour (red/yellow/green while
//    dispatched, else none), overdue, order_id, duplicate_of,
//    triage: {result (accepted | a reject reason), result_name, note?, on, by?, agency? (not_ours)},
//    answer: {note, on, by}, verification: {note, on, by}, reply: {note, on, by} (办结: to the
//    complainant), created_by, created_at, updated_at,
//    timeline: [{id, time, on, user, action, action_name, from_status, to_status, note}],
//    similar: [{id, received_at, status_name, content (first 60 characters), score (0–1)}],
//    photos: [{id, name, media_type, size, uploaded_at}]}
export const getLead = (id) => http.get(`${BASE}/${encodeURIComponent(id)}`)
// A photo of the lead (the complainant's or the observer's), audited on the server
export const leadPhotoUrl = (id, pid) => `${BASE}/${encodeURIComponent(id)}/photos/${encodeURIComponent(pid)}`

// A lead a supervisor enters (信访, 其他 …).
// body: {source, source_ref?, received_at?, content, category?, agency? | region (6 digits, when no
//        agency), case_no?, place?, reporter: {name, phone}?}
// → 201 the lead
export const createLead = (body) => http.post(BASE, body)

// body: {action: accept|reject|dispatch|answer|verify|close|to_order|link_case, note, case_no? (link_case), reason?
//        (not_ours|duplicate|no_basis), agency?, duplicate_of?, deadline_wd?} → the lead
// to_order drafts a 督办通知书 to the lead's agency about its case, `note` (or the content) as the
// problem, and returns the lead with its order_id. 409 invalid_transition, 422 a refusal, with field.
export const actOnLead = (id, body) => http.post(`${BASE}/${encodeURIComponent(id)}/actions`, body)

// 重点督查对象: the year's agencies ranked by weighted counts (weights are settings) →
// {year, weights: {leads, reconsideration, litigation, orders, overdue_orders, violations},
//  items: [{rank, agency, agency_name, region, leads, reconsideration, litigation, orders, overdue_orders, violations, score}]}
export const listFocusAgencies = (year) => http.get('/api/v1/focus-agencies', { query: { year } })

// 导入12345工单: the platform's JSON Lines file (docs/hotline.md), uploaded by a supervisor; the same
// intake as the token route, within the supervisor's region.
// → {received, created, duplicates, errors: [{line, error}], errors_not_shown?}
export async function uploadHotlineFile (file) {
  try {
    return await http.upload(`${BASE}/hotline-file`, file, { contentType: 'application/x-ndjson; charset=utf-8', timeout: 5 * 60000 })
  } catch (e) {
    if (e.status === 413) throw new ApiError('文件超过 16 MiB 上限，请分成多个文件上传', { code: 'body_too_large', status: 413 })
    throw e
  }
}
