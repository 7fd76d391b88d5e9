// Data intake: exchange-v1 upload, post-hoc case entry, monthly reports, scoped export.
import http, { ApiError } from './http.js'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

// The server takes the file itself as the body (JSON Lines text, or an .xlsx File/Blob), not JSON.
// → {format: 'jsonl'|'xlsx', lines, imported, rejected, errors: [{line, key, error}], errors_truncated?}
// (for a workbook, line is the Excel row number)
export async function uploadExchange (body, contentType = 'application/x-ndjson; charset=utf-8') {
  try {
    return await http.upload('/api/v1/imports', body, { contentType, timeout: 5 * 60000 })
  } catch (e) {
    if (e.status === 413) throw new ApiError('文件超过 16 MiB 上限，请分成多个文件上传', { code: 'body_too_large', status: 413 })
    throw e
  }
}

// One case record (exchange-v1) → {case, findings}
export const createCase = (record) => http.post('/api/v1/cases', record)
export const updateCase = (caseNo, record) => http.put(`/api/v1/cases/${encodeURIComponent(caseNo)}`, record)

// {month: 'YYYY-MM', as_of?} → {month, due_on, as_of, submitted, overdue, total, items: [{agency, name, region, report, submitted, overdue}]}
export const monthlyStatus = (query) => http.get('/api/v1/reports/monthly', { query })
// → {report, due_on, late}
export const submitMonthly = (agency, month, counts) =>
  http.put(`/api/v1/reports/monthly/${encodeURIComponent(agency)}/${encodeURIComponent(month)}`, { counts })

export const EXPORT_URL = '/api/v1/export'

// The Excel templates GET /api/v1/templates/{kind}.xlsx serves (a plain link: the session cookie suffices).
export const XLSX_TEMPLATES = [
  { kind: 'agencies', label: '执法主体' },
  { kind: 'officers', label: '执法人员' },
  { kind: 'powers', label: '权责清单' },
  { kind: 'cases', label: '案件' }
]
export const templateUrl = (kind) => `/api/v1/templates/${kind}.xlsx`
