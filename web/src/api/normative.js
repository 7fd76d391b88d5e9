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
// the full text as a file (.docx/.pdf/.txt, judged by its bytes; the text of a .docx or .txt is
// extracted and becomes the full text) → the document
export const uploadNormativeFile = (id, file) =>
  http.upload(`${BASE}/${encodeURIComponent(id)}/file`, file, { query: { name: file.name }, timeout: 120000 })
export const normativeFileUrl = (id) => `${BASE}/${encodeURIComponent(id)}/file`
// 不予登记's checklist: [{code, name, basis}]
export const declineItems = () => http.get(`${BASE}/decline-items`)
// the quarterly 备案目录: produced by the reviewers, published on the portal
export const produceCatalog = (quarter) => http.post(`${BASE}/catalogs`, { quarter })
export const publicCatalogs = () => http.get('/api/v1/public/normative-catalogs')
export const publicCatalogUrl = (quarter, ext) => `/api/v1/public/normative-catalogs/${encodeURIComponent(quarter)}.${ext}`
// the cleanup's conclusions, published
export const publicCleanupResults = () => http.get('/api/v1/public/normative-docs/cleanup-results')
// the law library, for 与上位法抵触's citations
export const listLaws = () => http.get('/api/v1/laws', { query: { size: 100 } })
