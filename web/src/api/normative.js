// 规范性文件备案审查 (docs/normative-docs.md): filing, registration and review, cleanup, statistics,
// and the public register.
import http from './http.js'

const BASE = '/api/v1/normative-docs'

// body: {title, issuer, doc_no, signed_on, published_on, effective_on, text, drafting_note,
//        legality_opinion, short_effect_reason, valid_until, revision_of} → 201 the document
export const fileNormative = (body) => http.post(BASE, body)
// query: {status, q, mine: 1, page, size} → {items, total, page, size}
export const listNormative = (query) => http.get(BASE, { query })
export const getNormative = (id) => http.get(`${BASE}/${id}`)
// body: {action: register|hold|review|return|conclude|publish|repeal, step, opinion, outcome, on}
export const actNormative = (id, body) => http.post(`${BASE}/${id}/actions`, body)
export const cleanupDue = (asOf) => http.get(`${BASE}/cleanup`, { query: asOf ? { as_of: asOf } : {} })
export const answerCleanup = (id, body) => http.post(`${BASE}/${id}/cleanup`, body)
export const normativeStats = () => http.get(`${BASE}/stats`)
export const answerTask = (id, answer) => http.post(`/api/v1/normative-tasks/${id}/answer`, { answer })
// the portal
export const publicNormative = (query) => http.get('/api/v1/public/normative-docs', { query })
export const suggestNormative = (id, body) => http.post(`/api/v1/public/normative-docs/${id}/suggestions`, body)
