// Discretion recommendation (行政处罚法 第三十二、三十三、三十四条), 提请结案审批 and the approver
// level of the users API (issue 6): the advice for several fact sets, clamped to the benchmark;
// no benchmark, another agency, a supervisor; the officer's choice recorded with its reason; the
// closing task in the right approver's inbox; approval_level validated and taking effect.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login } from './lib/zhifa.mjs';
import { SUBSTANCE } from './lib/substance.mjs';

const AGENCY = '113702021588139920';
const OTHER = '11370203869879736T';
// A penalty power of the agency with no 裁量基准.
const BARE_POWER = '{"type":"power","code":"SC-CF-099","name":"对未按规定公示食品经营许可的行政处罚","kind":"penalty",'
  + `"agencies":["${AGENCY}"],"basis":[{"law":"中华人民共和国食品安全法","article":"第一百二十六条"}]}`;
let srv, db;
const as = {};

before(async () => {
  db = path.join(tmpDir(), 'discretion.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const imported = run(['--db', db, 'import', '-'], { input: BARE_POWER + '\n' });
  assert.equal(imported.code, 0, imported.stderr);
  const users = {
    officer: addUser(db, { username: 'd_officer', role: 'officer', agency: AGENCY }),
    deputy: addUser(db, { username: 'd_deputy', role: 'agency_head', agency: AGENCY, approvalLevel: 'deputy' }),
    // no level from the CLI: made 主要负责人 through PUT /users below
    head: addUser(db, { username: 'd_head', role: 'agency_head', agency: AGENCY }),
    legal: addUser(db, { username: 'd_legal', role: 'legal_reviewer', agency: AGENCY }),
    other: addUser(db, { username: 'd_other', role: 'officer', agency: OTHER }),
    supervisor: addUser(db, { username: 'd_sup', role: 'supervisor', region: '370200' }),
    sysadmin: addUser(db, { username: 'd_admin', role: 'sysadmin' }),
  };
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(users)) as[k] = await login(srv.base, u.username, u.password);
});
after(() => srv?.stop());

const enc = encodeURIComponent;
async function file(power = 'SC-CF-001') {
  const r = await as.officer.send('POST', '/workflow/cases', {
    case_type: 'penalty_ordinary', power,
    party: { kind: 'org', name: '青岛某某食品有限公司', id_no: '91370202091141705L' },
    officers: ['37020200001', '37020200002'],
    violation_ended_on: '2026-03-01', discovered_on: '2026-03-02', ...SUBSTANCE,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.case.case_no;
}
const advise = (who, caseNo, facts) => as[who].send('POST', `/workflow/cases/${enc(caseNo)}/discretion`, facts);
const act = (who, caseNo, action, fields = {}) =>
  as[who].send('POST', `/workflow/cases/${enc(caseNo)}/actions`, { action, fields });
async function ok(who, caseNo, action, fields) {
  const r = await act(who, caseNo, action, fields);
  assert.equal(r.status, 200, `${who} ${action}: ${JSON.stringify(r.body)}`);
  return r.body;
}
async function toInvestigation(caseNo) {
  await ok('officer', caseNo, 'submit_filing', { on: '2026-03-03' });
  await ok('deputy', caseNo, 'approve_filing', { on: '2026-03-04' });
}
// 立案 → … → 执行: the fine proposed, decided by `decider`, served.
async function toExecution(caseNo, { fine, tier, decider }) {
  await toInvestigation(caseNo);
  await ok('officer', caseNo, 'finish_investigation', { on: '2026-03-10', measures: ['fine'], fine, tier });
  await ok('legal', caseNo, 'approve_case_review', { on: '2026-03-12' });
  await ok('officer', caseNo, 'record', { notified_on: '2026-03-16', hearing_right_notified: true });
  await ok('officer', caseNo, 'submit_decision', { on: '2026-03-24' });
  await ok(decider, caseNo, 'approve_decision', { on: '2026-03-25' });
  return ok('officer', caseNo, 'serve', { on: '2026-03-27', published_on: '2026-03-30' });
}
const waiting = async (who, caseNo) => {
  const r = await as[who].get('/workflow/approvals?size=200');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.items.find((i) => i.case_no === caseNo);
};

test('the advice follows the facts over the benchmark SC-CF-001 and is clamped to its tiers', async () => {
  const caseNo = await file();
  // 初次违法、轻微、配合、改正: four mitigating factors → the lightest tier
  const light = await advise('officer', caseNo, { first_offence: true, harm: 'minor', cooperated: true, rectified: true });
  assert.equal(light.status, 200, JSON.stringify(light.body));
  assert.equal(light.body.tier, 'light');
  assert.equal(light.body.fine_min, 0);
  assert.equal(light.body.fine_max, 5000);
  assert.equal(light.body.score, -4);
  assert.deepEqual(light.body.reasons.map((r) => [r.label, r.weight]),
    [['初次违法', -1], ['危害后果轻微', -1], ['配合调查', -1], ['及时改正', -1]]);
  assert.deepEqual(light.body.tiers.map((t) => [t.tier, t.recommended]),
    [['light', true], ['ordinary', false], ['heavy', false]]);

  // nothing ticked: the middle tier, no reasons
  const plain = await advise('officer', caseNo, {});
  assert.equal(plain.body.tier, 'ordinary');
  assert.equal(plain.body.score, 0);
  assert.deepEqual(plain.body.reasons, []);
  assert.equal(plain.body.fine_min, 5000);
  assert.equal(plain.body.fine_max, 30000);

  // a single mitigating fact does not move a whole tier
  assert.equal((await advise('officer', caseNo, { first_offence: true })).body.tier, 'ordinary');

  // every aggravating fact: score 5, clamped to the heaviest of the three tiers
  const heavy = await advise('officer', caseNo, { harm: 'serious', repeat_offence: true, obstructed: true });
  assert.equal(heavy.body.tier, 'heavy');
  assert.equal(heavy.body.score, 5);
  assert.equal(heavy.body.fine_max, 100000);
  assert.match(heavy.body.reasons_text, /再次违法（\+2）/);

  // bad facts are refused by field
  const badHarm = await advise('officer', caseNo, { harm: 'grave' });
  assert.equal(badHarm.status, 400);
  assert.equal(badHarm.body.error.field, 'harm');
  assert.equal((await advise('officer', caseNo, { lucky: true })).status, 400);
  assert.equal((await advise('officer', caseNo, { first_offence: 'yes' })).status, 400);
  // the advice writes nothing
  const view = await as.officer.get(`/workflow/cases/${enc(caseNo)}`);
  assert.equal(view.body.workflow.state.discretion, undefined);
  assert.equal(view.body.timeline.length, 1);
});

test('no benchmark answers 422; another agency 404; a supervisor 403', async () => {
  const bare = await file('SC-CF-099');
  const none = await advise('officer', bare, { first_offence: true });
  assert.equal(none.status, 422, JSON.stringify(none.body));
  assert.equal(none.body.error.code, 'no_benchmark');
  assert.match(none.body.error.message, /没有裁量基准/);
  assert.match(none.body.error.message, /第三十四条/);

  const caseNo = await file();
  assert.equal((await advise('other', caseNo, {})).status, 404);
  assert.equal((await advise('officer', '线索-113702021588139920-999999', {})).status, 404);
  assert.equal((await advise('supervisor', caseNo, {})).status, 403);
});

test('a tier other than the advice needs a reason; the facts, advice and choice are recorded', async () => {
  const caseNo = await file();
  await toInvestigation(caseNo);
  const facts = { first_offence: true, harm: 'minor', cooperated: true, rectified: true };
  const proposal = { on: '2026-03-10', measures: ['fine'], fine: 20000, tier: 'ordinary', discretion_facts: facts };

  const refused = await act('officer', caseNo, 'finish_investigation', proposal);
  assert.equal(refused.status, 422, JSON.stringify(refused.body));
  assert.equal(refused.body.error.code, 'tier_reason_required');
  assert.equal(refused.body.error.field, 'tier_reason');
  assert.match(refused.body.error.message, /light/);
  assert.match(refused.body.error.message, /第三十四条/);
  assert.equal((await as.officer.get(`/workflow/cases/${enc(caseNo)}`)).body.workflow.stage, 'investigation');

  const done = await ok('officer', caseNo, 'finish_investigation', { ...proposal, tier_reason: '涉案食品已流入学校食堂' });
  assert.equal(done.workflow.stage, 'case_review');
  const d = done.workflow.state.discretion;
  assert.deepEqual(d.facts, facts);
  assert.equal(d.recommended.tier, 'light');
  assert.equal(d.recommended.score, -4);
  assert.equal(d.recommended.reasons.length, 4);
  assert.equal(d.chosen_tier, 'ordinary');
  assert.equal(d.tier_reason, '涉案食品已流入学校食堂');
  assert.equal(done.workflow.state.proposal.tier, 'ordinary');
  const note = done.timeline.at(-1).note;
  assert.match(note, /裁量建议：light（初次违法（-1）/);
  assert.match(note, /选择：ordinary，理由：涉案食品已流入学校食堂/);

  // the existing gate still checks the fine against the chosen tier
  const review = await ok('legal', caseNo, 'approve_case_review', { on: '2026-03-12' });
  assert.equal(review.workflow.stage, 'notice');
});

test('adopting the advice needs no reason; the fine gate still applies to the adopted tier', async () => {
  const caseNo = await file();
  await toInvestigation(caseNo);
  const facts = { harm: 'serious', repeat_offence: true };
  const done = await ok('officer', caseNo, 'finish_investigation',
    { on: '2026-03-10', measures: ['fine'], fine: 65000, tier: 'heavy', discretion_facts: facts });
  const d = done.workflow.state.discretion;
  assert.equal(d.recommended.tier, 'heavy');
  assert.equal(d.chosen_tier, 'heavy');
  assert.equal(d.tier_reason, null);
  assert.match(done.timeline.at(-1).note, /选择：heavy$/);
  // changing the tier later, away from the advice, is refused without a reason too
  const moved = await act('officer', caseNo, 'record', { tier: 'light' });
  assert.equal(moved.status, 422);
  assert.equal(moved.body.error.code, 'tier_reason_required');
  // facts on a power without a benchmark are refused
  const bare = await file('SC-CF-099');
  await toInvestigation(bare);
  const none = await act('officer', bare, 'finish_investigation',
    { on: '2026-03-10', measures: ['warning'], discretion_facts: facts });
  assert.equal(none.status, 422);
  assert.equal(none.body.error.code, 'no_benchmark');
});

test('approval_level on /users: validated, only for agency heads, and it decides who signs', async () => {
  const list = await as.sysadmin.get('/users?q=d_');
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.approval_levels.map((l) => [l.level, l.name]), [[1, '分管负责人'], [2, '主要负责人']]);
  const byName = Object.fromEntries(list.body.items.map((u) => [u.username, u]));
  assert.equal(byName.d_deputy.approval_level, 1);
  assert.equal(byName.d_head.approval_level, null);
  assert.equal(byName.d_officer.approval_level, null);

  const create = (body) => as.sysadmin.send('POST', '/users', { display_name: '测试', agency: AGENCY, ...body });
  const bad = [
    { username: 'd_lv_officer', role: 'officer', approval_level: 1 },
    { username: 'd_lv_three', role: 'agency_head', approval_level: 3 },
    { username: 'd_lv_text', role: 'agency_head', approval_level: 'principal' },
    { username: 'd_lv_zero', role: 'agency_head', approval_level: 0 },
  ];
  for (const b of bad) {
    const r = await create(b);
    assert.equal(r.status, 400, `${b.username}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.field, 'approval_level');
  }
  assert.match((await create(bad[1])).body.error.message, /1 分管负责人、2 主要负责人/);
  const made = await create({ username: 'd_lv_ok', role: 'agency_head', approval_level: 2 });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal(made.body.user.approval_level, 2);

  // PUT: set, refuse on a non-head, clear when the role changes
  const id = byName.d_head.id;
  const set = await as.sysadmin.send('PUT', `/users/${id}`, { approval_level: 2 });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  assert.equal(set.body.user.approval_level, 2);
  assert.equal((await as.sysadmin.send('PUT', `/users/${byName.d_officer.id}`, { approval_level: 2 })).status, 400);
  const demoted = await as.sysadmin.send('PUT', `/users/${made.body.user.id}`, { role: 'officer' });
  assert.equal(demoted.status, 200, JSON.stringify(demoted.body));
  assert.equal(demoted.body.user.approval_level, null);
  // an officer may not manage users
  assert.equal((await as.officer.send('PUT', `/users/${id}`, { approval_level: 1 })).status, 403);
});

test('提请结案审批 opens the closing task in the 主要负责人 inbox for a large fine; he closes', async () => {
  const caseNo = await file();
  // d_head was made 主要负责人 through PUT /users in the test above
  const served = await toExecution(caseNo, { fine: 60000, tier: 'heavy', decider: 'head' });
  assert.equal(served.workflow.stage, 'execution');
  assert.ok(served.workflow.actions.some((a) => a.action === 'request_close' && a.name === '提请结案审批'));
  assert.equal((await act('deputy', caseNo, 'request_close', { on: '2026-04-14' })).status, 403);

  const asked = await ok('officer', caseNo, 'request_close', { on: '2026-04-14', paid_on: '2026-04-10' });
  assert.equal(asked.workflow.stage, 'closing');
  assert.equal(asked.workflow.stage_name, '结案审批');
  assert.equal(asked.workflow.approval.action, 'close');
  assert.equal(asked.workflow.approval.requested_by, 'd_officer');
  assert.equal(asked.workflow.approval.slots[0].level_name, '主要负责人');

  assert.equal(await waiting('deputy', caseNo), undefined, 'not the deputy’s to sign');
  const item = await waiting('head', caseNo);
  assert.ok(item, 'the 主要负责人 sees the closing task in 审批待办');
  assert.equal(item.action, 'close');
  assert.equal(item.stage, 'closing');
  const low = await act('deputy', caseNo, 'close', { on: '2026-04-15' });
  assert.equal(low.status, 403);
  assert.equal(low.body.error.code, 'approval_level_too_low');

  const closed = await ok('head', caseNo, 'close', { on: '2026-04-15' });
  assert.equal(closed.workflow.stage, 'closed');
  assert.equal(closed.case.closed_on, '2026-04-15');
  assert.equal(await waiting('head', caseNo), undefined);
});

test('the head may send a closing request back to 执行 with a reason', async () => {
  const caseNo = await file();
  await toExecution(caseNo, { fine: 20000, tier: 'ordinary', decider: 'deputy' });
  await ok('officer', caseNo, 'request_close', { on: '2026-04-14' });
  assert.ok(await waiting('deputy', caseNo), 'an ordinary fine closes at the 分管负责人 level');
  const back = await as.deputy.send('POST', `/workflow/cases/${enc(caseNo)}/actions`,
    { action: 'send_back', target: 'execution', note: '罚款尚未缴纳' });
  assert.equal(back.status, 200, JSON.stringify(back.body));
  assert.equal(back.body.workflow.stage, 'execution');
  assert.equal(back.body.workflow.approval, null);
  assert.equal(await waiting('deputy', caseNo), undefined);
});
