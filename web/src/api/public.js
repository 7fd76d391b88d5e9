// The anonymous portal: published penalty decisions, persons masked by the server.
import http from './http.js'

// → {items: [{case_no, agency, agency_name, power, decided_on, published_on, decision, party}], total, page, size}
export const listPublicDecisions = (query) => http.get('/api/v1/public/decisions', { query })

// 群众投诉 (docs/leads.md): a proof-of-work challenge, the complaint, its status by tracking code.
// → {id, prefix, bits}
export const getChallenge = () => http.get('/api/v1/public/challenge')
// {content, agency?, place?, name?, phone?, challenge: {id, nonce}} → {tracking_code}
export const fileComplaint = (body) => http.post('/api/v1/public/complaints', body)
// → {status, status_name, received_at, answered_on?, answer?}
export const trackComplaint = (code) => http.get(`/api/v1/public/complaints/${encodeURIComponent(code)}`)
// A photo of the complaint (docs/leads.md "Photos"): the file is the body; up to 3, JPEG/PNG/WebP,
// within lead_photo_minutes of filing. → {photos: n}
export const uploadComplaintPhoto = (code, file) =>
  http.upload(`/api/v1/public/complaints/${encodeURIComponent(code)}/photos`, file,
    { query: { name: file.name || 'photo.jpg' }, contentType: file.type || 'application/octet-stream', timeout: 5 * 60000 })
// → {items: [{code, name}]} (at most 50 matching q)
export const listPortalAgencies = (q) => http.get('/api/v1/public/agencies', { query: { q } })
// 文书核验 (docs/documents.md): a PDF's electronic seal, the file itself as the body; doc = the
// QR code's document ID, when known. → {ok, check, message, agency_name?, agency_code?, signed_at?,
// signed_at_text?, document?, expected_document?, expected?: {kind_name, doc_no, version, issued_on},
// same_as_issued?} — expected once the documents table is merged (app_seal_expected_document)
export const verifyDocument = (file, doc) =>
  http.upload('/api/v1/public/documents/verify', file,
    { query: { doc }, contentType: 'application/pdf', timeout: 5 * 60000 })
// → {pem}: the root certificate, for checking a document with the openssl command line
export const getSealRootCert = () => http.get('/api/v1/public/documents/root-cert')
// 民意调查 (docs/assessment.md): the published questionnaires, and one answer per solved challenge.
// → {items: [{id, year, name, units: [{code, name}], questions: [text]}]}
export const listSurveys = () => http.get('/api/v1/public/surveys')
// {unit, answers: [1..5 per question], challenge: {id, nonce}} → {ok}
export const answerSurvey = (id, body) => http.post(`/api/v1/public/surveys/${encodeURIComponent(id)}/answers`, body)
