// Data intake: exchange-v1 upload, post-hoc case entry, monthly reports, scoped export.
import http, { ApiError } from './http.js'
import { useSessionStore } from '@/stores/session.js'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

// The server takes the file itself as the body (JSON Lines text, or an .xlsx File/Blob), not JSON:
// http.js only sends JSON, so the upload makes its own request with the same CSRF header and error shape.
// → {format: 'jsonl'|'xlsx', lines, imported, rejected, errors: [{line, key, error}], errors_truncated?}
// (for a workbook, line is the Excel row number)
export async function uploadExchange (body, contentType = 'application/x-ndjson; charset=utf-8') {
  let response
  try {
    response = await fetch('/api/v1/imports', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Content-Type': contentType,
        'X-CSRF-Token': useSessionStore().csrfToken || ''
      },
      body
    })
  } catch {
    throw new ApiError('无法连接服务器', { code: 'network_error' })
  }
  let data = null
  try { data = await response.json() } catch { /* not JSON */ }
  if (response.ok && data) return data
  const e = data && data.error
  if (response.status === 413) throw new ApiError('文件超过 16 MiB 上限，请分成多个文件上传', { code: 'body_too_large', status: 413 })
  throw new ApiError((e && e.message) || `上传失败（HTTP ${response.status}）`, { code: (e && e.code) || 'upload_failed', status: response.status })
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
