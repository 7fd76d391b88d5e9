// How the orders' pages colour and word an order (docs/orders.md). The names of kinds, statuses
// and actions come from the server (GET /api/v1/dicts: order_kinds, order_statuses, order_actions);
// only the colours are the console's (STYLE.md: 红 overdue, 黄 due soon, 绿 done, 灰 closed).

// The server's colour of the running period → an Element Plus tag type.
export const DUE_TAG = { red: 'danger', yellow: 'warning', green: 'success', none: 'info' }
export const dueTagType = (colour) => DUE_TAG[colour] || 'info'

// A status as a tag: done green, draft grey, waiting for the supervisor orange, running blue.
const STATUS_TAG = { draft: 'info', accepted: 'success', responded: 'warning' }
export const statusTagType = (status) => STATUS_TAG[status] || 'primary'

// "剩 3 个工作日" / "已逾期 2 个工作日" / "" (no period runs).
export function daysLeftText (order) {
  if (!order || !order.due_on || order.colour === 'none' || order.days_left === null || order.days_left === undefined) return ''
  if (order.overdue || order.days_left < 0) return `已逾期 ${Math.abs(order.days_left)} 个工作日`
  if (order.days_left === 0) return '今日到期'
  return `剩 ${order.days_left} 个工作日`
}

// The order's name in lists and links: its 文号 once issued, else 草稿 #id.
export const orderTitle = (order) => (order.doc_no ? order.doc_no : `草稿 #${order.id}`)
export const orderLink = (id) => `/supervision/orders/${encodeURIComponent(id)}`

// The kinds with their default period (order_kinds rows carry default_wd).
export function kindDefaultWd (dicts, kind) {
  const row = (dicts.tables.order_kinds || []).find((k) => k.code === kind)
  return row && row.default_wd ? row.default_wd : null
}

// The part of a server field name a form knows: "basis.0.law" → "basis".
export const formField = (field) => String(field || '').split(/[.[]/)[0]

// 文件大小 as people read it.
export function fileSize (b) {
  if (b === null || b === undefined) return ''
  if (b < 1024) return `${b} 字节`
  if (b < 1048576) return `${(b / 1024).toFixed(1)} KiB`
  return `${(b / 1048576).toFixed(1)} MiB`
}

// Attachment purposes (the upload's ?purpose=): the supervisor's evidence, until the order is
// accepted, and the agency's 整改材料, while its answer is due (received, returned).
export const PURPOSES = { evidence: '监督证据', response: '整改材料' }

// The purpose of a file the user may add to the order now, or '' when he may add none.
export function uploadPurpose (order, { write, respond }) {
  if (!order) return ''
  if (respond && (order.status === 'received' || order.status === 'returned')) return 'response'
  if (write && order.status !== 'accepted') return 'evidence'
  return ''
}

// The acts the user's side may take on the order now (docs/orders.md); the server checks again.
// write: orders.write (the supervisor's side), respond: orders.respond (the agency's).
export function availableActions (order, { write, respond }) {
  if (!order) return []
  const out = []
  const s = order.status
  if (write) {
    if (s === 'draft') out.push('issue')
    if (s === 'responded') out.push('accept', 'return')
    if (order.overdue && ['issued', 'received', 'returned'].includes(s) && (order.escalation || 0) < 2) out.push('escalate')
  }
  if (respond) {
    if (s === 'issued') out.push('receive')
    if (s === 'received' || s === 'returned') out.push('respond')
  }
  return out
}
