// 案卷评查 (docs/reviews.md): review plans, their reproducible sample, the cross-review assignment,
// the reviewers' score sheets, arbitration, results, publication, the agencies' 申辩 and the
// failing file turned into a 督办 order.
import http from './http.js'

const BASE = '/api/v1/reviews'
const id = (v) => encodeURIComponent(v)

// query: {status, page, size} → {items: [plan], total, page, size}
export const listPlans = (query) => http.get(`${BASE}/plans`, { query })

// → the plan: {id, name, status, period_from, period_to, kinds, agencies, per_agency, standard,
//    seed, reviewers, deadline, counts…, items: [{id, case_no, agency, agency_name, tasks…}]}
export const getPlan = (planId) => http.get(`${BASE}/plans/${id(planId)}`)

// body: {name, period_from, period_to, kinds: [], agencies: [] | ['focus'], per_agency: N | 'N%',
//        min_per_agency?, standard, seed?, reviewers: [], deadline?, exclude_reviewed_this_year?}
// → 201 the plan (status draft)
export const createPlan = (body) => http.post(`${BASE}/plans`, body)
// The same body replaces a draft or sampled plan's scope (back to draft, its draw dropped); 409
// once assigned.
export const updatePlan = (planId, body) => http.put(`${BASE}/plans/${id(planId)}`, body)

// Draws the sample and saves it → {items: [{case_no, agency}], empty_agencies: [{code, name}]}
export const samplePlan = (planId) => http.post(`${BASE}/plans/${id(planId)}/sample`, {})
// The same draw without saving it.
export const previewSample = (planId) => http.get(`${BASE}/plans/${id(planId)}/sample/preview`)

// Cross-review assignment → {tasks: n}; 422 cross_review_impossible says which file and why.
// body: {reviewers?: [username]} — the reviewers picked after the sample (the wizard's third step)
// replace those the plan was created with.
export const assignPlan = (planId, body = {}) => http.post(`${BASE}/plans/${id(planId)}/assign`, body)

// The users who may review (reviews.score) within the caller's reach:
// → {items: [{username, display_name, role, role_name, agency, agency_name, region}]}
export const listReviewers = () => http.get(`${BASE}/reviewers`)

// The score sheets: → {items: [{code, name, kinds, shipped, updated_at}]}
export const listStandards = () => http.get(`${BASE}/standards`)
// One standard as data/review_standards ships it: {code, name, total, items: [{…, subitems}]}
export const getStandard = (code) => http.get(`${BASE}/standards/${id(code)}`)
// A supervisor's copy of a standard. body: {from, code, name} → 201 the copy (shipped: false)
export const copyStandard = (body) => http.post(`${BASE}/standards`, body)
// The whole edited copy → the standard; 409 for a shipped one or one a plan uses, 400 when the
// points do not add up.
export const saveStandard = (code, standard) => http.put(`${BASE}/standards/${id(code)}`, standard)

// → {files: [{case_no, agency, agency_name, total, grade, grade_name, veto, deductions}],
//    agencies: [{agency, agency_name, files, average, distribution: {excellent, good, pass, fail},
//    failing: [case_no], zero_files}], items: [{item, name, points_lost, files}]}
export const planResults = (planId) => http.get(`${BASE}/plans/${id(planId)}/results`)
// The 评查结果通报 workbook.
export const resultsXlsxUrl = (planId) => `${BASE}/plans/${id(planId)}/results.xlsx`

// Publishes the results to the agencies (the 申辩 window opens).
export const publishPlan = (planId) => http.post(`${BASE}/plans/${id(planId)}/publish`, {})

// The caller's review tasks. query: {status, page, size} → {items: [{id, plan, plan_name, case_no,
//   filing_no, agency, agency_name, status, deadline, total}], total, page, size}
export const listTasks = (query) => http.get(`${BASE}/tasks`, { query })

// → {task, standard, case, timeline, attachments, suggestions: [{item, points, reason, rule}]}
export const getTask = (taskId) => http.get(`${BASE}/tasks/${id(taskId)}`)

// body: {deductions: [{item, points, reason}], submit: bool} → the task with total, grade, veto
export const saveTask = (taskId, body) => http.put(`${BASE}/tasks/${id(taskId)}`, body)

// The one way a reviewer opens an attachment of the file assigned to him.
export const taskAttachmentUrl = (taskId, attId) => `${BASE}/tasks/${id(taskId)}/attachments/${id(attId)}`

// The plan owner's score when the two reviewers differ by more than review_arbitration_gap.
// body: {deductions: [{item, points, reason}], note}
export const arbitrateItem = (itemId, body) => http.post(`${BASE}/items/${id(itemId)}/arbitrate`, body)

// The agency's 申辩 on a published file. body: {text}
export const defendItem = (itemId, body) => http.post(`${BASE}/items/${id(itemId)}/defense`, body)

// The plan owner's answer. body: {text, accepted, new_total?}
export const answerDefense = (defenseId, body) => http.post(`${BASE}/defenses/${id(defenseId)}/answer`, body)

// A failing file → a 督办通知书 to its agency → {order_id}
export const orderFromItem = (itemId) => http.post(`${BASE}/items/${id(itemId)}/order`, {})

// The plan's 评查结果通报, every version (issued when the results are published):
// → {plan_id, items: [{id, kind, kind_name, version, doc_no, digest, issued_by, issued_at, latest, download}]}
export const listPlanDocuments = (planId) => http.get(`${BASE}/plans/${id(planId)}/documents`)
