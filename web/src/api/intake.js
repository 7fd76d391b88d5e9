// Data intake: exchange-v1 upload, post-hoc case entry, monthly reports, scoped export.
import http, { ApiError } from './http.js'

// The server takes the file itself as the body (JSON Lines), not JSON.
// → {lines, imported, rejected, errors: [{line, key, error}], errors_truncated?}
export async function uploadExchange (text) {
  try {
    return await http.upload('/api/v1/imports', text, { contentType: 'application/x-ndjson; charset=utf-8', timeout: 5 * 60000 })
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
