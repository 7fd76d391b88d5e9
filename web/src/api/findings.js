// Supervision findings: the rule engine's open and resolved violations and warnings.
import http from './http.js'

const BASE = '/api/v1/findings'

// query: {status, severity, rule, agency, region, sector, min_age_days, q, page, size}
// → {items: [{id, rule, severity, subject_type, subject, agency, agency_name, region, sector, law,
//    due_on, message, first_seen, last_seen, resolved_at, age_days}], total, page, size}
export const listFindings = (query) => http.get(BASE, { query })

// query: {status, region, sector} → {items: [{agency, agency_name, region, sector, violations, warnings}], total}
export const findingsSummary = (query) => http.get(`${BASE}/summary`, { query })

// Recomputes every finding now (or as of a date). → {as_of, subjects, findings, new, resolved, ms}
export const sweepFindings = (asOf) => http.post(`${BASE}/sweep`, asOf ? { as_of: asOf } : {})

// A case with the findings about it. → {case: {exchange-v1 case record}, findings: [...]}
// (Lives here until the console has an api/cases.js; the case number is URL-encoded as one segment.)
export const getCaseWithFindings = (caseNo) => http.get(`/api/v1/cases/${encodeURIComponent(caseNo)}`)
