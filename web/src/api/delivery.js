// 电子送达 and 纸质送达 (行政处罚法 第六十一条, docs/documents.md).
import http from './http.js'

const enc = encodeURIComponent

// → {consents: [{id, phone?, email?, signed_on, attachment_id?, recorded_by_name, recorded_at}],
//    deliveries: [{id, channel, channel_name, status, status_name, kind, kind_name, sent_at, expires_at,
//                  attempts, opened_at?, confirmed_at?, confirm_ip?, served?, serve_error?, receipt?, receipt_error?, …}]}
export const listDeliveries = (caseNo) => http.get(`/api/v1/cases/${enc(caseNo)}/deliveries`)
// {phone?, email?, signed_on, attachment_id?} → the 确认书 as recorded
export const recordConsent = (caseNo, body) => http.post(`/api/v1/cases/${enc(caseNo)}/delivery-consent`, body)
// {kind} → {path, code, delivery}: the link and the one-time code, shown once
export const sendDelivery = (caseNo, kind = 'decision') => http.post(`/api/v1/cases/${enc(caseNo)}/deliveries`, { kind })
// {on, attachment_id} → the delivery (纸质送达, the signed 送达回证 scanned)
export const recordPaperDelivery = (caseNo, body) => http.post(`/api/v1/cases/${enc(caseNo)}/paper-delivery`, body)

// The party's side (no login): the link's cover, the document with the code, the confirmation.
export const viewDelivery = (token) => http.get(`/api/v1/public/deliveries/${enc(token)}`)
export const openDelivery = (token, code) => http.post(`/api/v1/public/deliveries/${enc(token)}/open`, { code })
export const confirmDelivery = (token, code) => http.post(`/api/v1/public/deliveries/${enc(token)}/confirm`, { code })
// The delivered PDF: POST {code} → application/pdf (fetched directly: the body is not JSON)
export const pdfUrl = (token) => `/api/v1/public/deliveries/${enc(token)}/pdf`
