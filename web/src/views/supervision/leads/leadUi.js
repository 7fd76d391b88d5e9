// How the lead pages colour and word a lead (docs/leads.md). Names of sources, statuses, actions
// and reject reasons come from the server (GET /api/v1/dicts: lead_sources, lead_statuses,
// lead_actions, lead_reject_reasons); only the colours are the console's (STYLE.md: 红 overdue,
// 黄 due soon, 绿 done, 灰 closed). The due date's colour is the server's (`colour`, as orders).

// A status as a tag: waiting for the supervisor orange, with the agency blue, done green, closed grey.
const STATUS_TAG = {
  received: 'warning',
  triaged: 'primary',
  dispatched: 'primary',
  answered: 'warning',
  verified: 'success',
  closed: 'info',
  converted: 'danger'
}
export const leadStatusTagType = (status) => STATUS_TAG[status] || 'info'

// Sources as tags: the hotline stands out, the courts and reconsideration in their own colour.
const SOURCE_TAG = { hotline_12345: 'danger', petition: 'warning', reconsideration: 'primary', litigation: 'primary' }
export const leadSourceTagType = (source) => SOURCE_TAG[source] || 'info'

export const leadLink = (id) => `/supervision/leads/${encodeURIComponent(id)}`

// The lead's short name in lists and titles: 线索 #12 (12345 工单 2026…).
export const leadTitle = (lead) => (lead ? `线索 #${lead.id}` : '')

// "张** 138****5678", or 匿名 when nobody is named.
export function reporterText (r) {
  if (!r || (!r.name && !r.phone)) return '匿名'
  return [r.name, r.phone].filter(Boolean).join(' ')
}

// "2026-05-20T01:30:00Z" → "2026-05-20"; plain dates pass.
export const dayOf = (s) => (s ? String(s).slice(0, 10) : '')

// The acts the user's side may take on the lead now (docs/leads.md); the server checks again.
// write: orders.write (the supervisor's side), respond: orders.respond (the agency's).
export function leadActions (lead, { write, respond }) {
  if (!lead) return []
  const s = lead.status
  const out = []
  if (write) {
    if (s === 'received') out.push('accept', 'reject')
    if (s === 'triaged') out.push('dispatch')
    if (s === 'answered') out.push('verify')
    if (s === 'verified') out.push('close')
    if (['triaged', 'answered', 'verified'].includes(s)) out.push('to_order')
  }
  if (respond && s === 'dispatched') out.push('answer')
  return out
}

// The default period of a source, in working days (lead_sources rows may carry default_wd; the
// table of docs/leads.md otherwise).
const SOURCE_WD = {
  hotline_12345: 5, complaint: 10, petition: 15, reconsideration: 10, litigation: 10,
  social_supervisor: 10, lawyer: 10, review: 10, other: 10
}
export function sourceDefaultWd (dicts, source) {
  const row = (dicts.tables.lead_sources || []).find((k) => k.code === source)
  return (row && (row.default_wd || row.wd)) || SOURCE_WD[source] || 10
}
