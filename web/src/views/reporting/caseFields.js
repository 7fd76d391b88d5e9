// The exchange-v1 case fields (spec/exchange-v1.md "case") as the 事后录入 form shows them:
// path (dotted for nested objects), label, input type, the kinds it belongs to, its group.
// One list, so the form, its validation and the record it builds cannot disagree.
// `dict` names a server code table (stores/dicts.js); `options` are the form's own choices.
import { PARTY_KINDS, COERCION_MEASURES } from '@/components/dicts.js'

const ALL = ['penalty', 'coercion', 'license', 'inspection']
const P = ['penalty']

export const GROUPS = {
  common: '基本信息',
  penalty: '行政处罚办理过程',
  substance: '案情（可选）',
  decision: '处罚决定与执行',
  coercion: '行政强制',
  license: '行政许可',
  inspection: '行政检查'
}

export const FIELDS = [
  { path: 'case_no', label: '案号', type: 'text', kinds: ALL, group: 'common', required: true },
  { path: 'agency', label: '执法主体', type: 'agency', kinds: ALL, group: 'common', required: true },
  { path: 'kind', label: '案件类型', type: 'enum', dict: 'case_kinds', kinds: ALL, group: 'common', required: true },
  { path: 'power', label: '职权事项编码', type: 'text', kinds: ALL, group: 'common', hint: '权责清单中的事项编码' },
  { path: 'party.kind', label: '当事人类型', type: 'enum', options: PARTY_KINDS, kinds: ALL, group: 'common' },
  { path: 'party.name', label: '当事人名称', type: 'text', kinds: ALL, group: 'common' },
  { path: 'party.id_no', label: '当事人证件号码', type: 'idno', kinds: ALL, group: 'common', hint: '自然人填公民身份号码，单位填统一社会信用代码' },
  { path: 'officers', label: '执法人员证号', type: 'list', kinds: ALL, group: 'common', hint: '多个证号用逗号或空格分隔' },
  { path: 'closed_on', label: '结案日期', type: 'date', kinds: ALL, group: 'common' },

  { path: 'procedure', label: '程序', type: 'enum', dict: 'procedures', kinds: P, group: 'penalty' },
  { path: 'violation_ended_on', label: '违法行为终了日', type: 'date', kinds: P, group: 'penalty' },
  { path: 'discovered_on', label: '发现日期', type: 'date', kinds: P, group: 'penalty' },
  { path: 'filed_on', label: '立案日期', type: 'date', kinds: P, group: 'penalty' },
  { path: 'filing_extended', label: '立案期限经批准延长', type: 'bool', kinds: P, group: 'penalty' },
  { path: 'health_or_finance', label: '涉及公民生命健康安全、金融安全', type: 'bool', kinds: P, group: 'penalty' },
  { path: 'major', label: '重大执法决定', type: 'bool', kinds: P, group: 'penalty' },
  { path: 'complex', label: '情节复杂', type: 'bool', kinds: P, group: 'penalty' },
  { path: 'notified_on', label: '告知日期', type: 'date', kinds: P, group: 'penalty' },
  { path: 'hearing_right_notified', label: '已告知听证权利', type: 'bool', kinds: P, group: 'penalty' },
  { path: 'hearing_requested_on', label: '申请听证日期', type: 'date', kinds: P, group: 'penalty' },
  { path: 'hearing_waived', label: '当事人书面放弃听证', type: 'bool', kinds: P, group: 'penalty' },
  { path: 'hearing_notice_on', label: '听证通知日期', type: 'date', kinds: P, group: 'penalty' },
  { path: 'hearing_held_on', label: '举行听证日期', type: 'date', kinds: P, group: 'penalty' },
  { path: 'legal_review.reviewed_on', label: '法制审核日期', type: 'date', kinds: P, group: 'penalty' },
  { path: 'legal_review.passed', label: '法制审核通过', type: 'bool', kinds: P, group: 'penalty' },
  { path: 'legal_review.reviewer', label: '法制审核人员证号', type: 'text', kinds: P, group: 'penalty' },
  { path: 'collective_discussion_on', label: '集体讨论日期', type: 'date', kinds: P, group: 'penalty' },
  { path: 'suspended_days', label: '中止天数', type: 'days', kinds: P, group: 'penalty' },
  { path: 'extension_days', label: '延长天数', type: 'days', kinds: ['penalty', 'coercion', 'license'], group: 'penalty' },
  // 案情 (docs/case-record.md "Substance"): optional, validated by the server like the import
  { path: 'cause', label: '案由', type: 'text', kinds: ALL, group: 'substance', hint: '不超过 200 字' },
  { path: 'facts', label: '违法事实', type: 'textarea', kinds: ALL, group: 'substance', wide: true, max: 8000 },
  { path: 'evidence', label: '证据目录', type: 'evidence', kinds: ALL, group: 'substance', wide: true },
  { path: 'violation_basis', label: '定性依据', type: 'basis', kinds: ALL, group: 'substance', hint: '每行一条：法律名称 第N条' },
  { path: 'penalty_basis', label: '处罚依据（拟处罚）', type: 'basis', kinds: ALL, group: 'substance', hint: '每行一条：法律名称 第N条' },
  { path: 'defense.received_on', label: '收到陈述申辩日期', type: 'date', kinds: ALL, group: 'substance' },
  { path: 'defense.waived', label: '当事人放弃陈述申辩', type: 'bool', kinds: ALL, group: 'substance' },
  { path: 'defense.adopted', label: '陈述申辩复核意见', type: 'enum', dict: 'defense_outcomes', kinds: ALL, group: 'substance' },
  { path: 'defense.summary', label: '陈述申辩内容', type: 'textarea', kinds: ALL, group: 'substance', wide: true, max: 4000 },
  { path: 'defense.reason', label: '采纳或者不予采纳的理由', type: 'textarea', kinds: ALL, group: 'substance', wide: true, max: 2000 },
  { path: 'decided_on', label: '决定日期', type: 'date', kinds: P, group: 'decision' },
  { path: 'decision.outcome', label: '决定结果', type: 'enum', dict: 'outcomes', kinds: P, group: 'decision' },
  { path: 'decision.measures', label: '处罚种类', type: 'multi', dict: 'measures', kinds: P, group: 'decision' },
  { path: 'decision.fine', label: '罚款金额（元）', type: 'money', kinds: P, group: 'decision' },
  { path: 'decision.confiscated', label: '没收金额（元）', type: 'money', kinds: P, group: 'decision' },
  { path: 'decision.tier', label: '裁量阶次', type: 'enum', dict: 'tiers', kinds: P, group: 'decision' },
  { path: 'decision.reduced', label: '从轻、减轻处罚', type: 'bool', kinds: P, group: 'decision' },
  { path: 'decision.basis', label: '处罚依据', type: 'basis', kinds: P, group: 'decision', hint: '每行一条：法律名称 第N条' },
  { path: 'served_on', label: '送达日期', type: 'date', kinds: P, group: 'decision' },
  { path: 'paid_on', label: '缴款日期', type: 'date', kinds: P, group: 'decision' },
  { path: 'late_fee', label: '加处罚款（元）', type: 'money', kinds: P, group: 'decision' },
  { path: 'enforcement_applied_on', label: '申请强制执行日期', type: 'date', kinds: P, group: 'decision' },
  { path: 'published_on', label: '公示日期', type: 'date', kinds: P, group: 'decision' },

  { path: 'measure', label: '强制措施', type: 'enum', options: COERCION_MEASURES, kinds: ['coercion'], group: 'coercion' },
  { path: 'started_on', label: '实施日期', type: 'date', kinds: ['coercion'], group: 'coercion' },
  { path: 'released_on', label: '解除日期', type: 'date', kinds: ['coercion'], group: 'coercion' },
  { path: 'executed_at', label: '实施时刻', type: 'datetime', kinds: ['coercion'], group: 'coercion' },
  { path: 'urgent', label: '情况紧急当场实施', type: 'bool', kinds: ['coercion'], group: 'coercion' },
  { path: 'approved_on', label: '负责人批准日期', type: 'date', kinds: ['coercion'], group: 'coercion', hint: '当场实施的，填补办批准的日期' },
  { path: 'demand_served_on', label: '催告书送达日期', type: 'date', kinds: ['coercion'], group: 'coercion' },
  { path: 'demand_due_on', label: '催告履行期限届满日', type: 'date', kinds: ['coercion'], group: 'coercion' },
  { path: 'enforce_decided_on', label: '强制执行决定日期', type: 'date', kinds: ['coercion'], group: 'coercion' },

  { path: 'received_on', label: '收到申请日期', type: 'date', kinds: ['license'], group: 'license' },
  { path: 'correction_notice_on', label: '补正通知日期', type: 'date', kinds: ['license'], group: 'license' },
  { path: 'accepted_on', label: '受理日期', type: 'date', kinds: ['license'], group: 'license' },
  { path: 'decided_on', label: '许可决定日期', type: 'date', kinds: ['license'], group: 'license', id: 'license_decided_on' },
  { path: 'decision.outcome', label: '许可决定', type: 'enum', dict: 'license_outcomes', kinds: ['license'], group: 'license', id: 'license_outcome' },
  { path: 'served_on', label: '证件颁发、送达日期', type: 'date', kinds: ['license'], group: 'license', id: 'license_served_on' },

  { path: 'inspected_on', label: '检查日期', type: 'date', kinds: ['inspection'], group: 'inspection' },
  { path: 'result', label: '检查结果', type: 'enum', options: { ok: '未发现问题', problem: '发现问题' }, kinds: ['inspection'], group: 'inspection' },
  { path: 'joint', label: '综合查一次（联合检查）', type: 'bool', kinds: ['inspection'], group: 'inspection' }
]
for (const f of FIELDS) f.id = f.id || f.path

export function getPath (obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj)
}

function setPath (obj, path, value) {
  const keys = path.split('.')
  let o = obj
  for (const k of keys.slice(0, -1)) o = o[k] || (o[k] = {})
  o[keys[keys.length - 1]] = value
}

// Form text → JSON value; undefined = leave the field out (exchange-v1: absent, never "").
export function toValue (f, v) {
  if (v === '' || v === null || v === undefined || (Array.isArray(v) && !v.length)) return undefined
  if (f.type === 'bool') return v === 'true'
  if (f.type === 'money') return Number(v)
  if (f.type === 'days') return Number(v)
  if (f.type === 'list') return String(v).split(/[\s,，、]+/).filter(Boolean)
  if (f.type === 'evidence') {
    const rows = v.filter((e) => (e.name || '').trim() || e.kind).map((e) => {
      const item = { ...e, name: (e.name || '').trim(), kind: e.kind }
      if ((e.proves || '').trim()) item.proves = e.proves.trim()
      else delete item.proves
      return item
    })
    return rows.length ? rows : undefined
  }
  if (f.type === 'basis') {
    return String(v).split('\n').map((s) => s.trim()).filter(Boolean).map((s) => {
      const m = /^(.*?)\s*(第.+条.*)$/.exec(s)
      return m ? { law: m[1], article: m[2] } : { law: s }
    })
  }
  return typeof v === 'string' ? v.trim() : v
}

export function fromValue (f, v) {
  if (v === undefined || v === null) return f.type === 'multi' || f.type === 'evidence' ? [] : ''
  if (f.type === 'bool') return v ? 'true' : 'false'
  if (f.type === 'list') return v.join(', ')
  if (f.type === 'evidence') return v.map((e) => ({ ...e }))
  if (f.type === 'basis') return v.map((b) => `${b.law || ''} ${b.article || ''}`.trim()).join('\n')
  return typeof v === 'number' ? String(v) : v
}

// The record from the form: only the fields of the chosen kind, nested as exchange-v1 nests them.
// Top-level fields the form does not know (kept by the server from an import) are carried over.
const KNOWN_TOP = new Set(FIELDS.map((f) => f.path.split('.')[0]))
export function buildRecord (model, kind, base = {}) {
  const rec = { type: 'case' }
  for (const [k, v] of Object.entries(base)) if (!KNOWN_TOP.has(k) && k !== 'type') rec[k] = v
  for (const f of FIELDS) {
    if (!f.kinds.includes(kind)) continue
    const v = toValue(f, model[f.id])
    if (v !== undefined) setPath(rec, f.path, v)
  }
  // 陈述申辩 says whether the party waived it; a statement entered without saying so was not waived
  if (rec.defense && rec.defense.waived === undefined) rec.defense.waived = false
  return rec
}
