// The facts each workflow step records, as small forms. The server checks every value and
// every legal gate; these only say which inputs a step shows. `on` = the act's date (blank =
// today; an earlier date back-enters an act done on paper).
export const STAGE_TAG = {
  clue: 'info', filing: 'warning', investigation: '', case_review: 'warning', notice: '',
  hearing: '', legal_review: 'warning', collective_discussion: 'warning', decision: 'warning',
  service: '', execution: '', closing: 'warning', closed: 'success', onspot_decision: '', onspot_service: ''
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
  legal_review_passed: { id: 'legal_review_passed', label: '法制审核通过', type: 'bool' },
  reviewed_on: { id: 'reviewed_on', label: '法制审核日期', type: 'date' },
  collective_discussion_on: { id: 'collective_discussion_on', label: '集体讨论日期', type: 'date' },
  published_on: { id: 'published_on', label: '公示日期', type: 'date' },
  paid_on: { id: 'paid_on', label: '缴纳罚款日期', type: 'date' }
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
  add_approver: []
}

// Only the values the user filled in; money as a number.
export function fieldsPayload (defs, model) {
  const out = {}
  for (const f of defs) {
    const v = model[f.id]
    if (v === '' || v === undefined || v === null || (Array.isArray(v) && !v.length)) continue
    if (f.type === 'bool') out[f.id] = v === 'true' || v === true
    else if (f.type === 'money') out[f.id] = Number(v)
    else out[f.id] = v
  }
  return out
}
