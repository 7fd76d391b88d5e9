// The tamper-evident record (存证): signed tree heads, proofs, a case's integrity and its dossier.
import http from './http.js'

// → {tree_size, root, time, signature (base64 DER), public_key (PEM), key_id}
export const getSignedHead = () => http.get('/api/v1/ledger/sth')

// → {leaf_index, tree_size, leaf_hash, path: [hex…] (leaf side first), root, head?}
export const getInclusionProof = (event, size) => http.get('/api/v1/ledger/proof', { query: { event, size } })

// → {first_size, second_size, first_root, second_root, path: [hex…]}
export const getConsistencyProof = (from, to) => http.get('/api/v1/ledger/proof', { query: { from, to } })

// → {case_no, status: verified|broken|pending|empty, head, events: [{seq, type, time, leaf_hash, status, proof}], problems: [{kind, seq, message}]}
export const getCaseIntegrity = (caseNo) => http.get(`/api/v1/cases/${encodeURIComponent(caseNo)}/integrity`)

// The 电子卷宗 zip (same-origin: the session cookie goes with it).
export const dossierUrl = (caseNo) => `/api/v1/cases/${encodeURIComponent(caseNo)}/dossier`
