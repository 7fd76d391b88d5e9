// 重大行政执法决定备案: major decisions filed with the supervisor, and the supervisor's review.
import http from './http.js'

const BASE = '/api/v1/filings'

// query: {status: pending|reviewed, agency, late: 1, q, page, size}
// → {items: [{id, case_no, agency, agency_name, region, reasons, decided_on, served_on, filed_on, due_on,
//    late, status, status_name, result, result_name, reviewer, reviewed_at, note, order_id}], total, page, size}
export const listFilings = (query) => http.get(BASE, { query })

export const getFiling = (id) => http.get(`${BASE}/${id}`)

// body: {result: 'no_objection'|'opinion', note, and for an opinion problem, measures, basis, deadline_wd}
// → the filing as stored after the review (409 when it was reviewed already)
export const reviewFiling = (id, body) => http.post(`${BASE}/${id}/review`, body)
