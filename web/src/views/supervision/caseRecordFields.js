// A case record (exchange-v1) as labelled fields in Chinese: the basic facts, then the process
// dates and the decision by kind. The same words as 案件详情 (CaseDetail.vue), for the pages that
// show a record without that page's findings and links (the reviewer's file on 案卷评分).
// Each field: {label, value, sub?, cls?}; "—" is a step not recorded.
import { PARTY_KINDS, COERCION_MEASURES, formatYuan, formatLocalTime, maskIdNo } from '@/components/dicts.js'

export const NONE = '—'
const yesNo = (v) => (v === true ? '是' : v === false ? '否' : NONE)
const orNone = (v) => (v === undefined || v === null || v === '' ? NONE : String(v))
const days = (v) => (v === undefined || v === null ? NONE : `${v} 日`)

// names: {agency_name, power_name} beside the record as the server sends them.
export function basicCaseFields (c, names, dicts) {
  if (!c) return []
  const party = c.party || {}
  const list = [
    { label: '案号', value: c.case_no },
    { label: '执法主体', value: names.agency_name || c.agency || NONE },
    { label: '类型', value: dicts.label('case_kinds', c.kind) || NONE }
  ]
  if (c.kind === 'penalty') list.push({ label: '程序', value: dicts.label('procedures', c.procedure) || NONE })
  list.push(
    { label: '职权事项', value: names.power_name || orNone(c.power) },
    { label: '当事人', value: orNone(party.name), sub: PARTY_KINDS[party.kind] || '' },
    { label: party.kind === 'person' ? '身份证号码' : '统一社会信用代码', value: maskIdNo(party.id_no, party.kind) || NONE },
    { label: '执法人员', value: (c.officers || []).join('、') || NONE }
  )
  if (c.major || c.complex) list.push({ label: '案件性质', value: [c.major && '重大案件', c.complex && '复杂案件'].filter(Boolean).join('、') })
  list.push({ label: '结案日期', value: orNone(c.closed_on) })
  return list
}

export function processCaseFields (c, dicts) {
  if (!c) return []
  const d = c.decision || {}
  const out = []
  const outcomes = { ...dicts.names.outcomes, ...dicts.names.license_outcomes }
  const measureName = (m) => (dicts.names.measures || {})[m] || (dicts.names.workflow_measures || {})[m] || m
  const add = (label, value) => out.push({ label, value })
  const opt = (label, v, fmt = orNone) => { if (v !== undefined && v !== null && v !== '') add(label, fmt(v)) }
  if (c.kind === 'penalty') {
    add('违法行为终了', orNone(c.violation_ended_on))
    add('发现日期', orNone(c.discovered_on))
    add('立案日期', orNone(c.filed_on))
    add('告知日期', orNone(c.notified_on))
    add('告知听证权利', yesNo(c.hearing_right_notified))
    opt('听证申请日期', c.hearing_requested_on)
    opt('听证举行日期', c.hearing_held_on)
    if (c.legal_review) add('法制审核', `${orNone(c.legal_review.reviewed_on)}（${c.legal_review.passed ? '通过' : '未通过'}）`)
    opt('集体讨论日期', c.collective_discussion_on)
    add('决定日期', orNone(c.decided_on))
    add('处理结果', outcomes[d.outcome] || orNone(d.outcome))
    if (d.measures && d.measures.length) add('处罚种类', d.measures.map(measureName).join('、'))
    add('罚款', d.fine !== undefined ? formatYuan(d.fine) : NONE)
    opt('没收金额', d.confiscated, formatYuan)
    opt('裁量档次', d.tier, (t) => (dicts.names.tiers || {})[t] || t)
    add('送达日期', orNone(c.served_on))
    add('缴纳日期', orNone(c.paid_on))
    add('公示日期', orNone(c.published_on))
  } else if (c.kind === 'coercion') {
    add('强制措施', COERCION_MEASURES[c.measure] || orNone(c.measure))
    opt('开始日期', c.started_on)
    opt('延长天数', c.extension_days, days)
    opt('解除日期', c.released_on)
    opt('执行时间', c.executed_at, formatLocalTime)
  } else if (c.kind === 'license') {
    add('收到申请', orNone(c.received_on))
    add('受理日期', orNone(c.accepted_on))
    add('决定日期', orNone(c.decided_on))
    add('决定结果', outcomes[d.outcome] || orNone(d.outcome))
  } else if (c.kind === 'inspection') {
    add('检查日期', orNone(c.inspected_on))
    add('检查结果', c.result === 'ok' ? '未发现问题' : c.result === 'problem' ? '发现问题' : orNone(c.result))
  }
  return out
}
