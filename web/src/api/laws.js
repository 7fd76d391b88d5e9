// The law library: bundled statutes, one law's outline, one article, and article search.
import http from './http.js'

const BASE = '/api/v1/laws'

// → {items: [{id, title, short_title, kind, promulgated, articles}], total, page, size}
export const listLaws = () => http.get(BASE, { query: { size: 200 } })

// → {id, title, short_title, kind, promulgated, articles, info: [lines],
//    chapters: [{kind: part|chapter|section, title, children: [...], articles: [...]}],
//    articles_outside_chapters: [{number, sub, key, label, text}]}
export const getLaw = (id) => http.get(`${BASE}/${encodeURIComponent(id)}`)

// key: "64" or "10-1" (第十条之一) → {law, article: {…, part, chapter, section}, prev, next}
export const getArticle = (lawId, key) => http.get(`${BASE}/${encodeURIComponent(lawId)}/articles/${encodeURIComponent(key)}`)

// q: 1–20 characters, spaces separate terms that must all match. law: limit to one law (id).
// → {items: [{law_id, law_title, law_short_title, number, sub, key, label, chapter, section,
//    snippet (hits wrapped in 【】), hits, score}], total, page, size, q}
export const searchLaws = ({ q, law, page, size }) => http.get(`${BASE}/search`, { query: { q, law, page, size } })

// "第一百零五条" → 105; null when s is not a Chinese numeral article label.
const DIGIT = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }
const UNIT = { 十: 10, 百: 100, 千: 1000 }
export function chineseNumber (s) {
  let total = 0
  let pending = null
  for (const ch of s) {
    if (ch in DIGIT) pending = DIGIT[ch]
    else if (ch in UNIT) { total += (pending ?? 1) * UNIT[ch]; pending = null } else return null
  }
  total += pending ?? 0
  return total > 0 ? total : null
}

// A citation as the alerts board shows it: "《中华人民共和国行政处罚法》第六十四条、第八十五条"
// → {name: '中华人民共和国行政处罚法', number: 64} (number null when none is cited); null when q is no citation.
export function parseCitation (q) {
  const m = /《([^》]+)》(?:第([零〇一二两三四五六七八九十百千]+)条)?/.exec(q || '')
  if (!m) return null
  return { name: m[1], number: m[2] ? chineseNumber(m[2]) : null }
}

// The bundled law a cited name means: exact title or short title, then one containing it.
export function findLaw (laws, name) {
  const short = name.replace(/^中华人民共和国/, '')
  return laws.find((l) => l.title === name || l.short_title === short) ||
    laws.find((l) => l.title.includes(short)) || null
}
