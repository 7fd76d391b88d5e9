// 特邀监督员 and 派驻律师 (docs/observers.md): their observations — leads filed within their assigned
// region or agency — and the public fields of the cases in that scope.
import http from './http.js'

// body: {content, agency, case_no?, place?} → 201 the observation as listed below
export const submitObservation = (body) => http.post('/api/v1/observations', body)

// A photo of one's own observation `id` (the file is the body; up to 3, soon after filing) → {photos: n}
export const uploadObservationPhoto = (id, file) =>
  http.upload(`/api/v1/observations/${encodeURIComponent(id)}/photos`, file,
    { query: { name: file.name || 'photo.jpg' }, contentType: file.type || 'application/octet-stream', timeout: 5 * 60000 })

// → {items: [{id, source, source_name, status, status_name, received_at, content, place, agency,
//    agency_name, case_no, answered_on, reply: {note, on} | null (办结后的答复)}], total, page, size}
export const listObservations = (query) => http.get('/api/v1/observations', { query })

// query: {q (案号或文号), page, size} → {items: [{case_no, agency, agency_name, kind, procedure, status,
//   filed_on, decided_on, closed_on, party_name (masked)}], total, page, size}
export const listObserverCases = (query) => http.get('/api/v1/observer/cases', { query })
