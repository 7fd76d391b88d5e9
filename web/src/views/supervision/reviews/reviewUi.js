// How the 案卷评查 pages word and colour a plan, a task and a grade (docs/reviews.md). Names come
// from the server (GET /api/v1/dicts) when it serves the table; the fallbacks below are the
// contract's words, so that a code is never what a person reads.

const PLAN_STATUS = {
  draft: '草稿', sampled: '已抽样', assigned: '已分配', scoring: '评查中',
  arbitration: '待仲裁', finished: '已完成', published: '已通报'
}
const TASK_STATUS = { assigned: '待评查', pending: '待评查', draft: '评查中', saved: '评查中', submitted: '已提交' }
const GRADE = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' }

// The grade bands of the setting review_grade_bands, as shipped (used when the server sends none).
export const DEFAULT_BANDS = [
  { grade: 'excellent', name: '优秀', min: 90 },
  { grade: 'good', name: '良好', min: 80 },
  { grade: 'pass', name: '合格', min: 60 },
  { grade: 'fail', name: '不合格', min: 0 }
]

function named (dicts, table, fallback, code) {
  if (code === null || code === undefined || code === '') return ''
  const hit = ((dicts && dicts.tables[table]) || []).find((e) => e.code === code)
  return hit ? hit.name : (fallback[code] || '未知')
}

export const planStatusName = (dicts, s) => named(dicts, 'review_plan_statuses', PLAN_STATUS, s)
export const taskStatusName = (dicts, s) => named(dicts, 'review_task_statuses', TASK_STATUS, s)
export const gradeName = (dicts, g) => named(dicts, 'review_grades', GRADE, g)
export const planStatusOptions = (dicts) => {
  const served = (dicts && dicts.tables.review_plan_statuses) || []
  if (served.length) return served.map((e) => ({ value: e.code, label: e.name }))
  return Object.entries(PLAN_STATUS).map(([value, label]) => ({ value, label }))
}

// Plan status as a tag: done green, draft grey, waiting for the owner orange, running blue.
const PLAN_TAG = { draft: 'info', sampled: 'info', arbitration: 'warning', finished: 'success', published: 'success' }
export const planTagType = (s) => PLAN_TAG[s] || 'primary'
export const taskTagType = (s) => (s === 'submitted' ? 'success' : 'warning')

// Grades in the STYLE.md colours: 不合格 red, 合格 orange, 良好 blue, 优秀 green.
const GRADE_TAG = { excellent: 'success', good: 'primary', pass: 'warning', fail: 'danger' }
export const gradeTagType = (g) => GRADE_TAG[g] || 'info'
export const GRADE_ORDER = ['excellent', 'good', 'pass', 'fail']
export const GRADE_COLOUR = { excellent: '#67c23a', good: '#409eff', pass: '#e6a23c', fail: '#f56c6c' }

// The case-kind names of a plan's kinds: ['penalty'] → 行政处罚.
export const kindsText = (dicts, kinds) => (kinds || []).map((k) => dicts.label('case_kinds', k)).join('、')

// "5 件" or "10%（至少 1 件）"
export function perAgencyText (plan) {
  const p = plan && plan.per_agency
  if (p === undefined || p === null || p === '') return ''
  if (typeof p === 'string' && p.endsWith('%')) return `${p}（每个主体至少 ${plan.min_per_agency || 1} 件）`
  return `每个主体 ${p} 件`
}

// Progress of a plan in percent from its counts (tasks submitted of tasks), whatever shape the
// server gives them.
export function planProgress (plan) {
  const c = (plan && plan.counts) || {}
  const total = c.tasks ?? plan.tasks_total ?? 0
  const done = c.submitted ?? c.tasks_submitted ?? plan.tasks_submitted ?? 0
  if (!total) return null
  return { done, total, percent: Math.round((done / total) * 100) }
}

export const planLink = (planId) => `/supervision/reviews/${encodeURIComponent(planId)}`
export const taskLink = (taskId) => `/reviews/tasks/${encodeURIComponent(taskId)}`

// A fresh seed for the sampling PRNG: 9 decimal digits a person can note down and type again.
export const randomSeed = () => {
  const a = new Uint32Array(1)
  crypto.getRandomValues(a)
  return 100000000 + (a[0] % 900000000)
}

// A score as people read it: 87.5 分
export const scoreText = (v) => (v === null || v === undefined ? '—' : `${Number(Number(v).toFixed(2))} 分`)
