// The score sheet's arithmetic as the reviewer sees it while ticking (docs/reviews.md): a
// deduction names a sub-item or one of its listed deductions; a sub-item never loses more than its
// points; a deduction on a 一票否决 sub-item makes the file 不合格 whatever its total; the grade is
// the first band whose minimum the total reaches. The server computes the same on save and its
// answer is what counts; this only lets the reviewer see the result before he submits.
import { DEFAULT_BANDS } from '@/views/supervision/reviews/reviewUi.js'

// code → {item, sub, ded?}: every sub-item and listed deduction of the standard.
export function indexStandard (standard) {
  const index = new Map()
  for (const item of (standard && standard.items) || []) {
    for (const sub of item.subitems || []) {
      index.set(sub.code, { item, sub })
      for (const ded of sub.deductions || []) index.set(ded.code, { item, sub, ded })
    }
  }
  return index
}

// The sub-item a deduction falls under ('' when the standard does not know its code).
export function subOf (index, code) {
  const hit = index.get(code)
  return hit ? hit.sub.code : ''
}

// → {lostBySub: {sub: points}, lostByItem: {item: points}, lost, total, veto, over: [sub codes
//    whose deductions exceed their points]}
export function scoreOf (standard, deductions) {
  const index = indexStandard(standard)
  const lostBySub = {}
  const lostByItem = {}
  let veto = false
  for (const d of deductions || []) {
    const hit = index.get(d.item)
    const points = Number(d.points) || 0
    if (!hit || points <= 0) continue
    lostBySub[hit.sub.code] = (lostBySub[hit.sub.code] || 0) + points
    if (hit.sub.veto) veto = true
  }
  const over = []
  let lost = 0
  for (const item of (standard && standard.items) || []) {
    let itemLost = 0
    for (const sub of item.subitems || []) {
      const l = lostBySub[sub.code] || 0
      if (l > sub.points) over.push(sub.code)
      itemLost += Math.min(l, sub.points)
    }
    lostByItem[item.code] = itemLost
    lost += itemLost
  }
  const full = standard && standard.total ? Number(standard.total) : 100
  const total = Math.max(0, round1(full - lost))
  return { lostBySub, lostByItem, lost: round1(lost), total, veto, over }
}

// The band of a total; a veto is the lowest band (不合格).
export function gradeOf (total, veto, bands = DEFAULT_BANDS) {
  const sorted = [...(bands && bands.length ? bands : DEFAULT_BANDS)].sort((a, b) => b.min - a.min)
  if (veto) return sorted[sorted.length - 1]
  return sorted.find((b) => total >= b.min) || sorted[sorted.length - 1]
}

const round1 = (x) => Math.round(x * 10) / 10

// The deductions a reviewer starts from on a file he has not scored: the rule engine's
// suggestions, each kept once per item and marked with the finding's rule. A suggestion on a
// sub-item whose first listed deduction carries the same points ticks that deduction.
export function suggestedDeductions (suggestions, standard) {
  const index = indexStandard(standard)
  const seen = new Set()
  const out = []
  for (const s of suggestions || []) {
    let item = s.item
    const hit = index.get(item)
    const first = hit && !hit.ded && (hit.sub.deductions || [])[0]
    if (first && Number(first.points) === Number(s.points)) item = first.code
    if (!item || seen.has(item)) continue
    seen.add(item)
    out.push({ item, points: Number(s.points) || 0, reason: s.reason || '', suggested: s.rule || true })
  }
  return out
}

// A file's deductions as the agency reads them: the same deduction by several reviewers once,
// with how many made it (who they were is not the agency's business).
export function mergedDeductions (deductions) {
  const out = []
  for (const d of deductions || []) {
    const same = out.find((o) => o.item === d.item && Number(o.points) === Number(d.points) && o.reason === d.reason)
    if (same) same.count++
    else out.push({ item: d.item, points: d.points, reason: d.reason, count: 1, arbitration: d.by === 'arbitration' })
  }
  return out
}

// What a deduction's code means: the listed deduction's text, else the sub-item's name.
export function deductionName (index, code) {
  const hit = index.get(code)
  if (!hit) return ''
  return hit.ded ? hit.ded.text : hit.sub.name
}

// What the server takes: {item, points, reason} only.
export const deductionsBody = (rows) => rows.map((d) => ({ item: d.item, points: Number(d.points), reason: String(d.reason || '').trim() }))

// The first deduction the server would refuse, in the words the page shows, or ''.
export function deductionProblem (standard, rows) {
  const index = indexStandard(standard)
  for (const d of rows) {
    const hit = index.get(d.item)
    const name = hit ? (hit.ded ? hit.ded.text : hit.sub.name) : d.item
    if (!hit) return '评查标准中没有该扣分项'
    if (!(Number(d.points) > 0)) return `“${name}”的扣分须大于 0`
    if (!String(d.reason || '').trim()) return `请填写“${name}”的扣分理由`
  }
  const { over } = scoreOf(standard, rows)
  if (over.length) {
    const sub = index.get(over[0]).sub
    return `“${sub.name}”的扣分合计超过该项分值 ${sub.points} 分`
  }
  return ''
}
