// Online case handling (mode 3): penalty cases filed and taken through their stages here.
import http from './http.js'

const enc = encodeURIComponent

// → {items: [{case_no, stage, stage_name, party, next_deadline: {name, due, days_left, colour}}], total}
export const listWorkflowCases = (query) => http.get('/api/v1/workflow/cases', { query })
// → {case, workflow: {stage, stage_name, actions, deadlines, next_deadline, doc_no}, timeline}
export const fileCase = (body) => http.post('/api/v1/workflow/cases', body)
export const getWorkflowCase = (caseNo) => http.get(`/api/v1/workflow/cases/${enc(caseNo)}`)
export const takeAction = (caseNo, body) => http.post(`/api/v1/workflow/cases/${enc(caseNo)}/actions`, body)
// 审批待办: the approval tasks waiting for the caller →
// {items: [{case_no, party, action, action_name, stage_name, requested_by, requested_at, due_on, escalated,
//           signed_count, required_count, slots}], total}
export const listApprovals = (query) => http.get('/api/v1/workflow/approvals', { query })
