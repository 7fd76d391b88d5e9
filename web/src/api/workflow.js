// Online case handling (mode 3): penalty cases filed and taken through their stages here.
import http from './http.js'

const enc = encodeURIComponent

// → {items: [{case_no, stage, stage_name, party, next_deadline: {name, due, days_left, colour}}], total}
export const listWorkflowCases = (query) => http.get('/api/v1/workflow/cases', { query })
// → {case, workflow: {stage, stage_name, actions, deadlines, next_deadline, doc_no}, timeline}
export const fileCase = (body) => http.post('/api/v1/workflow/cases', body)
// 行政检查 (docs/inspections.md): {agency, party, power, officers, notice_required?, inspection_items?} → the case view
export const fileInspection = (body) => http.post('/api/v1/inspections', body)
export const getWorkflowCase = (caseNo) => http.get(`/api/v1/workflow/cases/${enc(caseNo)}`)
export const takeAction = (caseNo, body) => http.post(`/api/v1/workflow/cases/${enc(caseNo)}/actions`, body)
// 审批待办: the approval tasks waiting for the caller →
// {items: [{case_no, party, action, action_name, stage_name, requested_by, requested_at, due_on, escalated,
//           signed_count, required_count, slots}], total}
// Items carry type: approval | legal_review | collective (type_name in Chinese) and, for the
// confirmation, proposal: {measures, measure_names, fine, confiscated, tier, reduced} | null.
export const listApprovals = (query) => http.get('/api/v1/workflow/approvals', { query })
// 审批记录 of a case → {items: [{task_id, action, action_name, user, display_name, level_name, signed_on,
//   signed_at, opinion, agreed, result_name, returned_to?, returned_to_name?}], pending}
export const getCaseApprovals = (caseNo) => http.get(`/api/v1/workflow/cases/${enc(caseNo)}/approvals`)

// Case attachments (全过程记录): the file is the body; name, stage and kind in the query.
// → {items: [{id, stage, kind, name, mime, size, sha256, sm3, uploaded_by, uploaded_at}],
//    kinds: [{kind, name, max_bytes, types}], stages: [{stage, name}]}
export const listAttachments = (caseNo) => http.get(`/api/v1/workflow/cases/${enc(caseNo)}/attachments`)
export const uploadAttachment = (caseNo, file, { stage, kind }) =>
  http.upload(`/api/v1/workflow/cases/${enc(caseNo)}/attachments`, file,
    { query: { name: file.name, stage, kind }, contentType: file.type, timeout: 30 * 60000 })
export const attachmentUrl = (caseNo, id) => `/api/v1/workflow/cases/${enc(caseNo)}/attachments/${id}`

// 公示 (行政处罚法 48): publish a decision, record it revoked/changed, withdraw it with a reason.
// Each answers with the case view, like takeAction.
export const publishDecision = (caseNo, body = {}) => http.post(`/api/v1/workflow/cases/${enc(caseNo)}/publication`, body)
export const withdrawPublication = (caseNo, body) => http.delete(`/api/v1/workflow/cases/${enc(caseNo)}/publication`, { body })
export const recordRevocation = (caseNo, body) => http.post(`/api/v1/workflow/cases/${enc(caseNo)}/revocation`, body)
// → {items: [{case_no, doc_no, party, decided_on, published_on, todo: 'publish'|'withdraw', deadline}], total}
export const listPublicityTodo = () => http.get('/api/v1/workflow/publicity')
// 裁量建议 from the ticked facts over the power's 裁量基准 (行政处罚法 第三十二至三十四条):
// facts {first_offence, harm: minor|general|serious, cooperated, rectified, repeat_offence, obstructed}
// → {tier, fine_min, fine_max (yuan, null = no cap), score, reasons: [{label, weight}], reasons_text,
//    tiers: [{tier, fine_min, fine_max, recommended}]}; 422 when the power has no benchmark.
export const recommendDiscretion = (caseNo, facts) => http.post(`/api/v1/workflow/cases/${enc(caseNo)}/discretion`, facts)
