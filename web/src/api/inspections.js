// 双随机、一公开 and 综合查一次 (docs/inspections.md): the agency's 检查对象名录 and 检查人员名录 (回避),
// random plans drawn reproducibly from a seed, their results and publication, the 事项目录清单,
// joint plans across agencies and the proposals made from rule I02's warnings.
import http from './http.js'

const id = (v) => encodeURIComponent(v)

// → {agency, agency_name, items: [{id, credit_code, name, kind, region, sector, address, credit_level, risk_tag, status}]}
export const listEntities = (query) => http.get('/api/v1/inspection-entities', { query })
export const createEntity = (body) => http.post('/api/v1/inspection-entities', body)
export const updateEntity = (entityId, body) => http.put(`/api/v1/inspection-entities/${id(entityId)}`, body)
// raw: a File (.xlsx) or exchange-v1 text → {imported, rejected, errors: [{line, key, error}]}
export const importEntities = (agency, raw, contentType) =>
  http.upload(`/api/v1/inspection-entities/import${agency ? `?agency=${id(agency)}` : ''}`, raw, { contentType, timeout: 5 * 60000 })
export const entityTemplateUrl = '/api/v1/inspection-entities/template.xlsx'

// → {items: [{cert_no, name, cert_valid_to, status, certified, avoid: [{entity, name}], reason}]}
export const listInspectors = (query) => http.get('/api/v1/inspection-officers', { query })
export const putRecusals = (certNo, body) => http.put(`/api/v1/inspection-officers/${id(certNo)}/recusals`, body)

export const listPlans = (query) => http.get('/api/v1/inspection-plans', { query })
export const getPlan = (planId) => http.get(`/api/v1/inspection-plans/${id(planId)}`)
// body: {agency, name, matter?, seed?, count? | ratio?, inspectors_per_entity?}
export const createPlan = (body) => http.post('/api/v1/inspection-plans', body)
// → {items: [{entity, inspectors: [cert_no]}], drawn_at, ledger_seq}: the same list every time
export const drawPlan = (planId) => http.post(`/api/v1/inspection-plans/${id(planId)}/draw`, {})
export const recordResult = (planId, body) => http.post(`/api/v1/inspection-plans/${id(planId)}/results`, body)
export const publishPlan = (planId) => http.post(`/api/v1/inspection-plans/${id(planId)}/publish`, {})

export const listCatalogue = () => http.get('/api/v1/joint-catalogue')
export const createCatalogue = (body) => http.post('/api/v1/joint-catalogue', body)
export const listJointPlans = () => http.get('/api/v1/joint-plans')
export const getJointPlan = (planId) => http.get(`/api/v1/joint-plans/${id(planId)}`)
export const createJointPlan = (body) => http.post('/api/v1/joint-plans', body)
export const recordJointResults = (planId, body) => http.post(`/api/v1/joint-plans/${id(planId)}/results`, body)
export const listProposals = () => http.get('/api/v1/joint-plans/proposals')
// → {year, quarters: [{quarter, plans, done, visits_saved, planned_saving}], basis}
export const jointStats = (year) => http.get('/api/v1/joint-plans/stats', { query: { year } })

// An inspection task (case-kinds, docs/inspections.md): {agency, party: {name, kind, id_no}, plan_item?, joint_plan?}
export const openInspectionTask = (body) => http.post('/api/v1/inspections', body)
