// The append-only audit log (安全审计员 only).
import http, { withQuery } from './http.js'

// query: {username, action, result: ok|denied|failed, from, to (UTC, to exclusive), q, page, size}
// → {items: [{id, time, username, role, ip, action, target, result, detail}], total, page, size}
export const listAudit = (query) => http.get('/api/v1/audit', { query })

// A JSONL download of every entry matching the same filters (an <a download> points here).
export const auditExportUrl = (query) => withQuery('/api/v1/audit/export', query)
