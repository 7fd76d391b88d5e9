// 案件查询: the cases of the user's data scope.
import http, { withQuery } from './http.js'

// query: {agency, region, sector, kind, procedure, status, filed_from, filed_to, decided_from, decided_to,
//   fine_min, fine_max, has_findings, severity, q, sort, order, page, size}
// → {items: [{case_no, agency, agency_name, region, kind, procedure, party_name, filed_on, decided_on,
//    closed_on, fine, doc_no, status, online, open_findings, worst_severity}], total, page, size}
export const listCases = (query) => http.get('/api/v1/cases', { query })

// An .xlsx download of every case matching the same filters and sort (an <a download> points here).
export const casesExportUrl = (query) => withQuery('/api/v1/cases/export.xlsx', query)
