// The facts each workflow step records, as small forms. The server checks every value and
// every legal gate; these only say which inputs a step shows. `on` = the act's date (blank =
// today; an earlier date back-enters an act done on paper).
export const STAGE_TAG = {
  clue: 'info', filing: 'warning', investigation: '', case_review: 'warning', notice: '',
  hearing: '', legal_review: 'warning', collective_discussion: 'warning', decision: 'warning',
  service: '', execution: '', closing: 'warning', closed: 'success', onspot_decision: '', onspot_service: '',
  // 行政检查、行政强制、行政许可 (issue 20)
  inspection_plan: 'info', inspection_notice: '', inspection_onsite: '', inspection_result: 'warning',
  inspection_followup: 'warning', inspection_publicity: '', coercion_request: 'warning', coercion_report: 'danger',
  coercion_implement: '', coercion_holding: 'warning', enforce_demand: '', enforce_wait: 'info',
  enforce_decision: 'warning', enforce_execute: '', license_received: 'info', license_correction: 'warning',
  license_review: '', license_decision: 'warning', license_service: '', license_publicity: ''
}
// Stage and measure names: workflow_stages and workflow_measures of stores/dicts.js.
// grey: a party's period that ran out (申请听证) — shown, not the agency's delay
export const COLOUR_TAG = { red: 'danger', yellow: 'warning', green: 'success', grey: 'info' }

const F = {
  on: { id: 'on', label: '办理日期（空 = 今天）', type: 'date' },
  measures: { id: 'measures', label: '拟处罚种类', type: 'measures' },
  fine: { id: 'fine', label: '罚款金额（元）', type: 'money' },
  tier: { id: 'tier', label: '裁量阶次', type: 'tier', hint: '如 轻微 / 一般 / 严重' },
  tier_reason: { id: 'tier_reason', label: '裁量理由（所选阶次与裁量建议不同时必填）', type: 'text' },
  major: { id: 'major', label: '重大案件', type: 'bool' },
  complex: { id: 'complex', label: '情节复杂', type: 'bool' },
  notified_on: { id: 'notified_on', label: '告知日期', type: 'date' },
  hearing_right_notified: { id: 'hearing_right_notified', label: '已告知听证权利', type: 'bool' },
  hearing_waived: { id: 'hearing_waived', label: '当事人书面放弃听证', type: 'bool' },
  hearing_notice_on: { id: 'hearing_notice_on', label: '听证通知日期', type: 'date' },
  hearing_held_on: { id: 'hearing_held_on', label: '听证日期', type: 'date' },
  license_published_on: { id: 'license_published_on', label: '许可决定公示日期', type: 'date' },
  legal_review_passed: { id: 'legal_review_passed', label: '法制审核通过', type: 'bool' },
  reviewed_on: { id: 'reviewed_on', label: '法制审核日期', type: 'date' },
  collective_discussion_on: { id: 'collective_discussion_on', label: '集体讨论日期', type: 'date' },
  published_on: { id: 'published_on', label: '公示日期', type: 'date' },
  paid_on: { id: 'paid_on', label: '缴纳罚款日期', type: 'date' },
  // 行政检查
  identity_shown: { id: 'identity_shown', label: '已向被检查对象出示执法证件（行政处罚法第五十五条）', type: 'check' },
  inspected_on: { id: 'inspected_on', label: '检查日期（空 = 办理日期）', type: 'date' },
  photos: { id: 'photos', label: '现场照片（行政处罚法第四十七条：全过程记录）', type: 'photos' },
  correction_due_on: { id: 'correction_due_on', label: '改正期限', type: 'date' },
  corrected_on: { id: 'corrected_on', label: '整改完成日期（空 = 办理日期）', type: 'date' },
  penalty_power: { id: 'penalty_power', label: '拟立案查处的处罚事项', type: 'penalty_power' },
  result_published_on: { id: 'result_published_on', label: '检查结果公示日期', type: 'date' },
  // 行政强制
  onsite_record: { id: 'onsite_record', label: '已制作现场笔录，当事人和执法人员签名或者盖章（行政强制法第十八条）', type: 'check' },
  inventory: { id: 'inventory', label: '查封、扣押清单（物品名称、数量，行政强制法第二十四条）', type: 'text' },
  extension_days: { id: 'extension_days', label: '延长天数', type: 'days' },
  disposition: { id: 'disposition', label: '处理情况', type: 'text' },
  demand_due_on: { id: 'demand_due_on', label: '催告书载明的履行期限（空 = 送达后十个工作日）', type: 'date' },
  executed_at: { id: 'executed_at', label: '实施时间', type: 'datetime' },
  urgent: { id: 'urgent', label: '情况紧急', type: 'bool' },
  late_fee: { id: 'late_fee', label: '加处罚款或者滞纳金（元）', type: 'money' },
  // 行政许可
  hearing_held_on: { id: 'hearing_held_on', label: '听证日期', type: 'date' },
  license_published_on: { id: 'license_published_on', label: '许可决定公示日期', type: 'date' }
}

export const ACTION_FIELDS = {
  submit_filing: [F.on],
  approve_filing: [F.on],
  finish_investigation: [F.on, F.measures, F.fine, F.tier, F.tier_reason, F.major, F.complex],
  approve_case_review: [F.on],
  request_hearing: [F.on],
  submit_legal_review: [F.on],
  finish_hearing: [F.on, F.hearing_notice_on, F.hearing_held_on],
  submit_collective_discussion: [F.on, F.legal_review_passed],
  submit_decision: [F.on, F.collective_discussion_on],
  approve_decision: [F.on],
  serve: [F.on, F.published_on],
  request_close: [F.on, F.paid_on],
  close: [F.on],
  decide_on_spot: [F.on, F.notified_on, F.measures, F.fine, F.tier, F.tier_reason],
  serve_on_spot: [F.on],
  record: [F.notified_on, F.hearing_right_notified, F.hearing_waived, F.hearing_notice_on, F.hearing_held_on,
    F.legal_review_passed, F.reviewed_on, F.collective_discussion_on, F.published_on, F.paid_on],
  send_back: [],
  add_approver: [],
  inspection_notify: [F.on],
  inspection_start: [F.on],
  inspection_record: [F.on, F.identity_shown, F.photos],
  inspection_pass: [F.on],
  inspection_order: [F.on, F.correction_due_on],
  inspection_transfer: [F.on, F.penalty_power],
  inspection_followup_pass: [F.on, F.corrected_on],
  inspection_close: [F.on, F.result_published_on],
  coercion_approve: [F.on],
  coercion_urgent: [F.on, F.onsite_record, F.inventory],
  coercion_implement: [F.on, F.onsite_record, F.inventory],
  coercion_extend: [F.on, F.extension_days],
  coercion_release: [F.on, F.disposition],
  coercion_handover: [F.on, F.disposition],
  enforce_demand: [F.on, F.demand_due_on],
  enforce_demand_due: [F.on],
  enforce_decide: [F.on, F.late_fee],
  enforce_execute: [F.executed_at, F.urgent],
  license_correction: [F.on],
  license_accept: [F.on],
  license_extend: [F.on, F.extension_days],
  license_submit: [F.on, F.hearing_held_on],
  license_grant: [F.on],
  license_deny: [F.on],
  license_serve: [F.on],
  license_publish: [F.on, F.license_published_on]
}

// 登记办理信息 on a case of the kinds of issue 20: the facts that may be recorded between steps.
export const KIND_RECORD_FIELDS = {
  inspection: [F.result_published_on],
  coercion: [F.inventory],
  enforcement: [F.late_fee],
  license: [F.hearing_held_on, F.license_published_on]
}

// Only the values the user filled in; money as a number.
export function fieldsPayload (defs, model) {
  const out = {}
  for (const f of defs) {
    const v = model[f.id]
    if (v === '' || v === undefined || v === null || (Array.isArray(v) && !v.length)) continue
    if (f.type === 'photos') continue // uploaded as attachments before the step (CaseHandle.vue)
    if (f.type === 'bool') out[f.id] = v === 'true' || v === true
    else if (f.type === 'check') { if (v === true) out[f.id] = true }
    else if (f.type === 'money') out[f.id] = Number(v)
    else if (f.type === 'days') out[f.id] = Number.parseInt(v, 10)
    else out[f.id] = v
  }
  return out
}
