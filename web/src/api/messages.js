// 消息中心 (docs/messages.md): the caller's own messages — work that reached him.
import http from './http.js'

const BASE = '/api/v1/messages'

// query: {unread: 1, kind, page, size} → {items: [{id, kind, title, link, created_at, read_at}], total, page, size}
export const listMessages = (query) => http.get(BASE, { query })

// → {unread: n}
export const unreadCount = () => http.get(`${BASE}/unread-count`).then((d) => d.unread || 0)

// 404 when the message is not the caller's
export const markRead = (id) => http.post(`${BASE}/${encodeURIComponent(id)}/read`)

// → {marked: n}
export const markAllRead = () => http.post(`${BASE}/read-all`)
