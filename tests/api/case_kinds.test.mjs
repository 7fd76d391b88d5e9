// 行政检查、行政强制、行政许可 handled online (issue 20, docs/inspections.md): each kind from its
// first stage to 结案 with lawful (back-entered) dates, each gate refusing with its article, an
// inspection that finds a problem opening the linked penalty case, and `zhifa check` finding
// nothing on the lawful cases. Expected dates come from the law and lib/calendar.mjs, never
// from the program.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, jsonLines } from './lib/zhifa.mjs';
import { addWd } from './lib/calendar.mjs';

const AGENCY = '113702021588139920';
const OTHER = '11370203869879736T';
const PARTY = { kind: 'org', name: '青岛某某食品有限公司', id_no: '91370202091141705L' };
const OFFICERS = ['37020200001', '37020200002'];
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
let srv, db;
const as = {};

before(async () => {
  db = path.join(tmpDir(), 'kinds.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const users = {
    officer: addUser(db, { username: 'k_officer', role: 'officer', agency: AGENCY }),
    head: addUser(db, { username: 'k_head', role: 'agency_head', agency: AGENCY }),
    other: addUser(db, { username: 'k_other', role: 'officer', agency: OTHER }),
  };
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(users)) as[k] = await login(srv.base, u.username, u.password);
});
after(() => srv?.stop());

const enc = encodeURIComponent;
async function act(who, caseNo, action, fields = {}, note) {
  return as[who].send('POST', `/workflow/cases/${enc(caseNo)}/actions`, { action, fields, note });
}
async function ok(who, caseNo, action, fields, note) {
  const r = await act(who, caseNo, action, fields, note);
  assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`);
  return r.body;
}
async function refused(who, caseNo, action, fields, code, article) {
  const r = await act(who, caseNo, action, fields);
  assert.equal(r.status, 422, `${action}: ${JSON.stringify(r.body)}`);
  assert.equal(r.body.error.code, code);
  assert.match(r.body.error.message, article);
  return r.body;
}
function photo(caseNo, stage = 'inspection_onsite') {
  const c = as.officer;
  return c.raw(`/api/v1/workflow/cases/${enc(caseNo)}/attachments?name=${enc('现场照片.png')}&stage=${stage}&kind=photo`, {
    method: 'POST', headers: { 'Content-Type': 'image/png', 'X-CSRF-Token': c.csrf }, body: PNG_1X1,
  }).then(async (r) => ({ status: r.status, body: await r.json() }));
}
function findingsOf(caseNo) {
  const r = run(['--db', db, 'check', '--format', 'json']);
  assert.equal(r.code === 0 || r.code === 1, true, r.stderr);
  return jsonLines(r.stdout).filter((f) => f.subject === caseNo);
}
const openInspection = (extra = {}) => as.officer.send('POST', '/inspections', {
  agency: AGENCY, party: PARTY, power: 'SC-JC-001', officers: OFFICERS, ...extra,
});

test('an inspection runs lawfully from 检查准备 to 结案, 责令改正 and its follow-up; check finds nothing', async () => {
  const r = await openInspection({ notice_required: true, inspection_items: '食品贮存、标签标识' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const caseNo = r.body.case.case_no;
  assert.match(caseNo, /^检查-113702021588139920-\d+$/);
  assert.equal(r.body.case.kind, 'inspection');
  assert.equal(r.body.workflow.case_type, 'inspection');
  assert.equal(r.body.workflow.stage, 'inspection_plan');
  assert.equal(r.body.workflow.stage_name, '检查准备');

  // the plan asks for a notice: starting without one is refused
  await refused('officer', caseNo, 'inspection_start', { on: '2026-11-02' }, 'gate_inspection_notice', /国办发〔2015〕58号/);
  await ok('officer', caseNo, 'inspection_notify', { on: '2026-10-30' });
  await ok('officer', caseNo, 'inspection_start', { on: '2026-11-02' });
  // 出示证件 (处罚法 55), then a photo (47)
  await refused('officer', caseNo, 'inspection_record', { on: '2026-11-02' }, 'gate_inspection_identity', /第五十五条/);
  await refused('officer', caseNo, 'inspection_record', { on: '2026-11-02', identity_shown: true },
    'gate_inspection_media', /第四十七条/);
  const up = await photo(caseNo);
  assert.equal(up.status, 201, JSON.stringify(up.body));
  // a refused step recorded nothing: 出示证件 is given again with the record
  let v = await ok('officer', caseNo, 'inspection_record', { on: '2026-11-02', identity_shown: true });
  assert.equal(v.case.inspected_on, '2026-11-02');
  assert.equal(v.workflow.stage, 'inspection_result');

  // 责令改正 needs a deadline after the order (处罚法 28)
  await refused('officer', caseNo, 'inspection_order', { on: '2026-11-03' }, 'gate_inspection_correction', /第二十八条/);
  v = await ok('officer', caseNo, 'inspection_order', { on: '2026-11-03', correction_due_on: '2026-11-17' });
  assert.equal(v.case.result, 'problem');
  assert.equal(v.workflow.stage, 'inspection_followup');
  const pub = v.workflow.deadlines.find((d) => d.name === '公示检查结果');
  assert.equal(pub.due, addWd('2026-11-03', 20)); // 企业信息公示暂行条例 6, 7
  // corrected after the deadline: not 复查合格 (it is transferred instead)
  await refused('officer', caseNo, 'inspection_followup_pass', { on: '2026-11-18', corrected_on: '2026-11-18' },
    'gate_inspection_followup', /第二十八条/);
  v = await ok('officer', caseNo, 'inspection_followup_pass', { on: '2026-11-16', corrected_on: '2026-11-13' });
  assert.equal(v.workflow.stage, 'inspection_publicity');
  await refused('officer', caseNo, 'inspection_close', { on: '2026-11-20' }, 'gate_publicity', /企业信息公示暂行条例/);
  v = await ok('officer', caseNo, 'inspection_close', { on: '2026-11-20', result_published_on: '2026-11-19' });
  assert.equal(v.workflow.stage, 'closed');
  assert.equal(v.case.closed_on, '2026-11-20');
  assert.deepEqual(findingsOf(caseNo), []);
});

test('an inspection that finds a problem opens a linked penalty case (移送立案)', async () => {
  const r = await openInspection({ cause: '销售超过保质期的食品' });
  const caseNo = r.body.case.case_no;
  await ok('officer', caseNo, 'inspection_start', { on: '2026-11-04' });
  await photo(caseNo);
  await ok('officer', caseNo, 'inspection_record', { on: '2026-11-04', identity_shown: true });
  const bad = await act('officer', caseNo, 'inspection_transfer', { on: '2026-11-05' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'penalty_power');
  const v = await ok('officer', caseNo, 'inspection_transfer', { on: '2026-11-05', penalty_power: 'SC-CF-001' });
  assert.equal(v.workflow.stage, 'inspection_publicity');
  const linked = v.workflow.state.transferred_case;
  assert.match(linked, /^线索-113702021588139920-\d+$/);
  const p = await as.officer.get(`/workflow/cases/${enc(linked)}`);
  assert.equal(p.status, 200);
  assert.equal(p.body.workflow.case_type, 'penalty_ordinary');
  assert.equal(p.body.workflow.stage, 'clue');
  assert.equal(p.body.workflow.state.source_inspection, caseNo);
  assert.equal(p.body.case.discovered_on, '2026-11-04');
  assert.equal(p.body.case.cause, '销售超过保质期的食品');
  assert.deepEqual(p.body.case.party, PARTY);
  // the penalty case is handled as any other: the officer may submit it for 立案
  await ok('officer', linked, 'submit_filing', { on: '2026-11-06' });
});

test('inspections: the agency boundary, the permission, a power of another kind', async () => {
  const other = await as.officer.send('POST', '/inspections', { agency: OTHER, party: PARTY, power: 'SC-JC-001', officers: OFFICERS });
  assert.equal(other.status, 403);
  const wrongPower = await openInspection({ power: 'SC-CF-001' });
  assert.equal(wrongPower.status, 400);
  assert.equal(wrongPower.body.error.field, 'power');
  const r = await openInspection();
  const seen = await as.other.get(`/workflow/cases/${enc(r.body.case.case_no)}`);
  assert.equal(seen.status, 404);
  const list = await as.officer.get('/workflow/cases?case_type=inspection&size=100');
  assert.equal(list.status, 200);
  assert.ok(list.body.items.length >= 1);
  assert.ok(list.body.items.every((i) => i.case_type === 'inspection'));
  assert.equal((await as.officer.get('/workflow/cases?case_type=nope')).status, 400);
});

test('a seizure: approval before the measure, 现场笔录 and 清单, one extension across National Day, release', async () => {
  const r = await as.officer.send('POST', '/workflow/cases', {
    case_type: 'coercion', power: 'SC-QZ-001', party: PARTY, officers: OFFICERS, measure: 'seize',
    cause: '涉嫌经营超过保质期的食品',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const caseNo = r.body.case.case_no;
  assert.equal(r.body.workflow.stage, 'coercion_request');
  // the officer may not approve the measure himself
  assert.equal((await act('officer', caseNo, 'coercion_approve', { on: '2026-09-02' })).status, 403);
  await ok('head', caseNo, 'coercion_approve', { on: '2026-09-02' });
  await refused('officer', caseNo, 'coercion_implement', { on: '2026-09-02' }, 'gate_coercion_record', /第十八条/);
  await refused('officer', caseNo, 'coercion_implement', { on: '2026-09-02', onsite_record: true },
    'gate_coercion_record', /第二十四条/);
  let v = await ok('officer', caseNo, 'coercion_implement',
    { on: '2026-09-02', onsite_record: true, inventory: '酱卤牛肉（200g/袋）21 件' });
  assert.equal(v.case.started_on, '2026-09-02');
  assert.equal(v.workflow.stage, 'coercion_holding');
  // 30 days from 09-02 is 10-02, inside the National Day holiday: the period ends 10-08 (民法典 203)
  let limit = v.workflow.deadlines.find((d) => d.name.startsWith('查封、扣押期限'));
  assert.equal(limit.due, '2026-10-08');
  // an extension beyond 30 days is refused; one of 30 days is approved; a second is refused (强制法 25)
  await refused('head', caseNo, 'coercion_extend', { on: '2026-09-30', extension_days: 31 }, 'gate_coercion_extension', /第二十五条/);
  v = await ok('head', caseNo, 'coercion_extend', { on: '2026-09-30', extension_days: 30 });
  limit = v.workflow.deadlines.find((d) => d.name.startsWith('查封、扣押期限'));
  assert.equal(limit.due, '2026-11-02'); // 09-02 + 60 = 11-01, a Sunday
  await refused('head', caseNo, 'coercion_extend', { on: '2026-10-09', extension_days: 10 }, 'gate_coercion_extension', /只能经批准延长一次/);
  v = await ok('officer', caseNo, 'coercion_release', { on: '2026-10-30' });
  assert.equal(v.workflow.stage, 'closed');
  assert.equal(v.case.released_on, '2026-10-30');
  assert.deepEqual(findingsOf(caseNo), []);
});

test('an urgent seizure is approved within 24 hours or refused (强制法 19); 冻结 only where the power allows (29)', async () => {
  const open = () => as.officer.send('POST', '/workflow/cases', {
    case_type: 'coercion', power: 'SC-QZ-001', party: PARTY, officers: OFFICERS, measure: 'seal',
  });
  const late = (await open()).body.case.case_no;
  await ok('officer', late, 'coercion_urgent', { on: '2026-11-02', onsite_record: true, inventory: '仓库一间' });
  await refused('head', late, 'coercion_approve', { on: '2026-11-04' }, 'gate_coercion_approval', /第十九条/);
  const v = await ok('officer', late, 'coercion_release', { on: '2026-11-04' });
  assert.equal(v.workflow.stage, 'closed');
  // released without approval: the rule engine's C02 names it, as it would on paper
  assert.deepEqual(findingsOf(late).map((f) => f.rule), ['C02']);

  const inTime = (await open()).body.case.case_no;
  await ok('officer', inTime, 'coercion_urgent', { on: '2026-11-02', onsite_record: true, inventory: '仓库一间' });
  const w = await ok('head', inTime, 'coercion_approve', { on: '2026-11-03' });
  assert.equal(w.workflow.stage, 'coercion_holding');
  await ok('officer', inTime, 'coercion_handover', { on: '2026-11-20', disposition: 'handover' });
  assert.deepEqual(findingsOf(inTime), []);

  const freeze = await as.officer.send('POST', '/workflow/cases', {
    case_type: 'coercion', power: 'SC-QZ-001', party: PARTY, officers: OFFICERS, measure: 'freeze',
  });
  await refused('head', freeze.body.case.case_no, 'coercion_approve', { on: '2026-11-02' }, 'gate_coercion_measure', /第二十九条/);
});

test('an enforcement: 催告, its 10 working days, the decision, no execution at night or on a holiday, 滞纳金 capped', async () => {
  const capped = await as.officer.send('POST', '/workflow/cases', {
    case_type: 'enforcement', power: 'SC-QZ-001', party: PARTY, officers: OFFICERS,
    obligation: '缴纳罚款', principal: 20000, late_fee: 20000.01,
  });
  assert.equal(capped.status, 201, JSON.stringify(capped.body));
  await refused('officer', capped.body.case.case_no, 'enforce_demand', { on: '2026-11-02' }, 'gate_enforce_late_fee', /第四十五条/);

  const r = await as.officer.send('POST', '/workflow/cases', {
    case_type: 'enforcement', power: 'SC-QZ-001', party: PARTY, officers: OFFICERS,
    obligation: '缴纳罚款', principal: 20000, late_fee: 20000,
  });
  const caseNo = r.body.case.case_no;
  assert.equal(r.body.case.measure, 'enforce');
  let v = await ok('officer', caseNo, 'enforce_demand', { on: '2026-11-02' });
  const due = addWd('2026-11-02', 10); // 强制法 69: periods of ten days are working days
  assert.equal(v.case.demand_due_on, due);
  await refused('officer', caseNo, 'enforce_demand_due', { on: due }, 'gate_enforce_demand', /第三十七条/);
  await ok('officer', caseNo, 'enforce_demand_due', { on: '2026-11-17' });
  v = await ok('head', caseNo, 'enforce_decide', { on: '2026-11-17' });
  assert.equal(v.case.enforce_decided_on, '2026-11-17');
  await refused('officer', caseNo, 'enforce_execute', { executed_at: '2026-11-18T22:30' }, 'gate_enforce_time', /夜间.*第四十三条/);
  await refused('officer', caseNo, 'enforce_execute', { executed_at: '2026-11-21T10:00' }, 'gate_enforce_time', /法定节假日.*第四十三条/);
  v = await ok('officer', caseNo, 'enforce_execute', { executed_at: '2026-11-18T10:00' });
  assert.equal(v.workflow.stage, 'closed');
  assert.equal(v.case.closed_on, '2026-11-18');
  assert.deepEqual(findingsOf(caseNo), []);
});

test('a licence: 补正 within 5 working days, 受理, one extension, decision within 20 + 10, 送达, 公示', async () => {
  const open = (received) => as.officer.send('POST', '/workflow/cases', {
    case_type: 'license', power: 'SC-XK-001', party: PARTY, received_on: received, license_items: '食品经营许可（新办）',
  });
  const late = (await open('2026-11-02')).body.case.case_no;
  // add_wd(11-02, 5) = 11-09: a notice on 11-10 is late (许可法 32)
  await refused('officer', late, 'license_correction', { on: '2026-11-10' }, 'gate_license_correction', /第三十二条/);
  // answered nothing in five working days: accepted from receipt
  const deemed = await ok('officer', late, 'license_accept', { on: '2026-11-10' });
  assert.equal(deemed.case.accepted_on, '2026-11-02');

  const r = await open('2026-11-02');
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const caseNo = r.body.case.case_no;
  assert.equal(r.body.workflow.stage, 'license_received');
  await ok('officer', caseNo, 'license_correction', { on: '2026-11-04' });
  let v = await ok('officer', caseNo, 'license_accept', { on: '2026-11-06' });
  assert.equal(v.case.accepted_on, '2026-11-06');
  let dl = v.workflow.deadlines.find((d) => d.name === '作出行政许可决定');
  assert.equal(dl.due, addWd('2026-11-06', 20));
  await refused('head', caseNo, 'license_extend', { on: '2026-11-20', extension_days: 11 }, 'gate_license_extension', /第四十二条/);
  v = await ok('head', caseNo, 'license_extend', { on: '2026-11-20', extension_days: 10 });
  dl = v.workflow.deadlines.find((d) => d.name === '作出行政许可决定');
  assert.equal(dl.due, addWd('2026-11-06', 30));
  await ok('officer', caseNo, 'license_submit', { on: '2026-11-23' });
  v = await ok('head', caseNo, 'license_grant', { on: '2026-11-24' });
  assert.equal(v.case.decision.outcome, 'granted');
  await ok('officer', caseNo, 'license_serve', { on: '2026-11-25' });
  await refused('officer', caseNo, 'license_publish', { on: '2026-11-26' }, 'gate_publicity', /行政许可法》第四十条/);
  v = await ok('officer', caseNo, 'license_publish', { on: '2026-11-26', license_published_on: '2026-11-26' });
  assert.equal(v.workflow.stage, 'closed');
  assert.deepEqual(findingsOf(caseNo), []);
});

test('the dictionaries name the new stages, actions, types and results', async () => {
  const r = await as.officer.get('/dicts');
  const name = (table, code) => (r.body[table].find((e) => e.code === code) || {}).name;
  assert.equal(name('workflow_stages', 'inspection_onsite'), '现场检查');
  assert.equal(name('workflow_stages', 'coercion_holding'), '查封扣押期间');
  assert.equal(name('workflow_stages', 'license_review'), '审查');
  assert.equal(name('timeline_actions', 'inspection_order'), '责令改正');
  assert.equal(name('workflow_case_types', 'inspection'), '行政检查');
  assert.equal(name('inspection_results', 'transfer'), '移送立案');
  assert.equal(name('coercion_measures', 'seize'), '扣押');
});
