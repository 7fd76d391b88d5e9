// 行政复议 文书, 决定公开 and 电子卷宗 (docs/reconsideration.md "文书", "决定公开", "电子卷宗").
import http from './http.js'

const BASE = '/api/v1/reconsiderations'
const PUBLIC = '/api/v1/public/reconsiderations'

// → {reconsideration_id, items: [{id, kind, kind_name, version, doc_no, sm3, digest, issued_by, issued_at, latest, download}]}
export const listReconDocuments = (id) => http.get(`${BASE}/${encodeURIComponent(id)}/documents`)
export const reconDossierUrl = (id) => `${BASE}/${encodeURIComponent(id)}/dossier.zip`
// body: {withhold: true, reason: state_secret|trade_secret|privacy, note?} | {withhold: false} → the record
export const setReconPublication = (id, body) => http.post(`${BASE}/${encodeURIComponent(id)}/publication`, body)

// the portal: published decisions, masked → {items: [{id, case_no, respondent_name, decided_on, outcome_name,
//   procedure_name, applicant, act, request, facts, answer, reason}], total, page, size}
export const listPublicReconDecisions = (query) => http.get(`${PUBLIC}/decisions`, { query })
// identity {case_no, id_no, phone} → {items: [{id, kind_name, doc_no, version, issued_at, digest}]}
export const listTrackDocuments = (identity) => http.post(`${PUBLIC}/track/documents`, identity)
// the PDF as a Blob (POST: the identity travels in the body, never in the address)
export async function fetchTrackDocument (identity, doc) {
  const r = await fetch(`${PUBLIC}/track/documents/${encodeURIComponent(doc)}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(identity)
  })
  if (!r.ok) {
    let message = '文书读取失败'
    try { message = (await r.json()).error.message } catch { /* not JSON */ }
    throw new Error(message)
  }
  return r.blob()
}
