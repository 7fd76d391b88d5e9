// 法治督察考核 (docs/assessment.md): plans with weighted parts and an indicator tree, the units'
// fillings with evidence, reviewers' scores, computed indicators, the ranking, tasks and orders.
import http from './http.js'

const BASE = '/api/v1/assessment'
const id = (v) => encodeURIComponent(v)
const plan = (p) => `${BASE}/plans/${id(p)}`

// → {items: [plan without indicators], total}
export const listPlans = () => http.get(`${BASE}/plans`)
// → {id, year, name, status, status_name, version, copied_from, previous_version, units, unit_names,
//    parts: [{key, name, weight}], indicators: [{code, name, part, parent?, points, standard, source, metric?}],
//    metrics: [{key, name, formula, thresholds, basis}], sees_all}
export const getPlan = (p) => http.get(plan(p))
export const createPlan = (body) => http.post(`${BASE}/plans`, body)
export const updatePlan = (p, body) => http.put(plan(p), body)
export const copyPlan = (p, year) => http.post(`${plan(p)}/copy`, { year })
// act: publish | revise | close
export const actOnPlan = (p, act) => http.post(`${plan(p)}/${act}`, {})
// → {items: [{unit, unit_name, total, parts: {key: points}, rank, previous_total, change}], ranking: 'competition'}
export const getRanking = (p) => http.get(`${plan(p)}/ranking`)
export const rankingXlsxUrl = (p) => `${plan(p)}/ranking.xlsx`
// The result report, rendered from the live ranking (the owner and leaders).
export const reportPdfUrl = (p) => `${plan(p)}/report.pdf`
// → {unit, unit_name, total, parts, indicators: [indicator + {leaf, filling, score, computed, earned, earned_from}]}
export const getUnit = (p, unit) => http.get(`${plan(p)}/units/${id(unit)}`)
export const uploadEvidence = (p, unit, file) =>
  http.upload(`${plan(p)}/files?unit=${id(unit)}&name=${id(file.name)}`, file, { contentType: file.type || 'application/octet-stream' })
export const evidenceUrl = (p, fid) => `${plan(p)}/files/${id(fid)}`
// body: {value, note, evidence: [file ids]}
export const putFilling = (p, unit, code, body) => http.put(`${plan(p)}/fillings/${id(unit)}/${id(code)}`, body)
export const reviewFilling = (p, unit, code, action, note) =>
  http.post(`${plan(p)}/fillings/${id(unit)}/${id(code)}/review`, { action, note })
export const contest = (p, unit, indicator, reason) => http.post(`${plan(p)}/contests`, { unit, indicator, reason })
export const score = (p, body) => http.post(`${plan(p)}/scores`, body)
export const listTasks = (p) => http.get(`${plan(p)}/tasks`)
export const createTask = (p, body) => http.post(`${plan(p)}/tasks`, body)
export const reportProgress = (taskId, note, done) => http.post(`${BASE}/tasks/${id(taskId)}/progress`, { note, done })
// body: {unit, indicator} | {task} → the order draft
export const toOrder = (p, body) => http.post(`${plan(p)}/orders`, body)
