// Enforcement elements (三库): agencies, officers, powers lists and discretion benchmarks, read
// and written as exchange-v1 records. The server validates every write with the same validator
// as `zhifa import`; a refusal comes back as ApiError with the offending `field`.
import http from './http.js'

const enc = encodeURIComponent

export const getAgency = (code) => http.get(`/api/v1/agencies/${enc(code)}`)
export const saveAgency = (code, record) => http.put(`/api/v1/agencies/${enc(code)}`, record)

// query: {agency, status, expiring_within_days, q, page, size} → {items (+agency_name), total, page, size}
export const listOfficers = (query) => http.get('/api/v1/officers', { query })
export const getOfficer = (certNo) => http.get(`/api/v1/officers/${enc(certNo)}`)
export const saveOfficer = (certNo, record) => http.put(`/api/v1/officers/${enc(certNo)}`, record)

// query: {agency, kind, q, page, size}
export const listPowers = (query) => http.get('/api/v1/powers', { query })
// → {power, agencies: [{code, name}], basis: [{law, article, law_id, number, key}], benchmark | null}
export const getPower = (code) => http.get(`/api/v1/powers/${enc(code)}`)
export const savePower = (code, record) => http.put(`/api/v1/powers/${enc(code)}`, record)

export const getBenchmark = (power) => http.get(`/api/v1/benchmarks/${enc(power)}`)
export const saveBenchmark = (power, record) => http.put(`/api/v1/benchmarks/${enc(power)}`, record)

// The law library page for a resolved basis link.
export const articleRoute = (b) => ({ path: '/elements/laws', query: { law: b.law_id, article: b.key } })
