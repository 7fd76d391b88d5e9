// Online case handling (mode 3): penalty cases filed and taken through their stages here.
import http from './http.js'

const enc = encodeURIComponent

// → {items: [{case_no, stage, stage_name, party, next_deadline: {name, due, days_left, colour}}], total}
export const listWorkflowCases = (query) => http.get('/api/v1/workflow/cases', { query })
// → {case, workflow: {stage, stage_name, actions, deadlines, next_deadline, doc_no}, timeline}
export const fileCase = (body) => http.post('/api/v1/workflow/cases', body)
export const getWorkflowCase = (caseNo) => http.get(`/api/v1/workflow/cases/${enc(caseNo)}`)
export const takeAction = (caseNo, body) => http.post(`/api/v1/workflow/cases/${enc(caseNo)}/actions`, body)

// 公示 (行政处罚法 48): publish a decision, record it revoked/changed, withdraw it with a reason.
// Each answers with the case view, like takeAction.
export const publishDecision = (caseNo, body = {}) => http.post(`/api/v1/workflow/cases/${enc(caseNo)}/publication`, body)
export const withdrawPublication = (caseNo, body) => http.delete(`/api/v1/workflow/cases/${enc(caseNo)}/publication`, { body })
export const recordRevocation = (caseNo, body) => http.post(`/api/v1/workflow/cases/${enc(caseNo)}/revocation`, body)
// → {items: [{case_no, doc_no, party, decided_on, published_on, todo: 'publish'|'withdraw', deadline}], total}
export const listPublicityTodo = () => http.get('/api/v1/workflow/publicity')
