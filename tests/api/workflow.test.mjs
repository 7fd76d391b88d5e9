// Online case handling (mode 3, issue 6): an officer files a penalty case and takes it through
// every stage with lawful (back-entered) dates; the legal gates refuse with 422 and the article;
// send-back; the permission and the agency boundary; and the rule engine finds nothing wrong
// with the closed case.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, jsonLines } from './lib/zhifa.mjs';
import { SUBSTANCE } from './lib/substance.mjs';

const AGENCY = '113702021588139920';
const OTHER = '11370203869879736T';
let srv, db;
const as = {};

before(async () => {
  db = path.join(tmpDir(), 'workflow.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const users = {
    officer: addUser(db, { username: 'w_officer', role: 'officer', agency: AGENCY }),
    head: addUser(db, { username: 'w_head', role: 'agency_head', agency: AGENCY }),
    legal: addUser(db, { username: 'w_legal', role: 'legal_reviewer', agency: AGENCY }),
    other: addUser(db, { username: 'w_other', role: 'officer', agency: OTHER }),
    supervisor: addUser(db, { username: 'w_sup', role: 'supervisor', region: '370200' }),
  };
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(users)) as[k] = await login(srv.base, u.username, u.password);
});
after(() => srv?.stop());

const enc = encodeURIComponent;
const file = (extra = {}) => as.officer.send('POST', '/workflow/cases', {
  case_type: 'penalty_ordinary', power: 'SC-CF-001',
  party: { kind: 'org', name: '青岛某某食品有限公司', id_no: '913702022984162277' },
  officers: ['37020200001', '37020200002'],
  violation_ended_on: '2026-03-01', discovered_on: '2026-03-02', ...SUBSTANCE, ...extra,
});
async function act(who, caseNo, action, fields = {}, note) {
  return as[who].send('POST', `/workflow/cases/${enc(caseNo)}/actions`, { action, fields, note });
}
async function ok(who, caseNo, action, fields, note) {
  const r = await act(who, caseNo, action, fields, note);
  assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`);
  return r.body;
}
// 立案 → 调查取证 → 案件审核 → 告知, shared by both cases.
async function toNotice(caseNo) {
  await ok('officer', caseNo, 'submit_filing', { on: '2026-03-03' });
  await ok('head', caseNo, 'approve_filing', { on: '2026-03-04' });
  await ok('officer', caseNo, 'finish_investigation',
    { on: '2026-03-10', measures: ['fine'], fine: 20000, tier: 'ordinary', tier_reason: '初次违法，配合调查' });
  const r = await ok('legal', caseNo, 'approve_case_review', { on: '2026-03-12' });
  assert.equal(r.workflow.stage, 'notice');
  await ok('officer', caseNo, 'record', { notified_on: '2026-03-16', hearing_right_notified: true });
}

test('an officer files a case and takes it lawfully from 线索 to 结案; the rules find nothing', async () => {
  const r = await file();
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const caseNo = r.body.case.case_no;
  assert.match(caseNo, /^线索-113702021588139920-\d+$/);
  assert.equal(r.body.workflow.stage, 'clue');
  assert.ok(r.body.workflow.actions.some((a) => a.action === 'submit_filing'));
  assert.equal(r.body.timeline.length, 1);

  // the officer may not approve the filing: that is the agency head's
  const refused = await act('officer', caseNo, 'submit_filing', { on: '2026-03-03' }).then(() =>
    act('officer', caseNo, 'approve_filing', { on: '2026-03-04' }));
  assert.equal(refused.status, 403);
  await ok('head', caseNo, 'approve_filing', { on: '2026-03-04' });
  await ok('officer', caseNo, 'finish_investigation', { on: '2026-03-10', measures: ['fine'], fine: 20000, tier: 'ordinary' });
  await ok('legal', caseNo, 'approve_case_review', { on: '2026-03-12' });
  await ok('officer', caseNo, 'record', { notified_on: '2026-03-16', hearing_right_notified: true });

  // deciding before the notice: 422 citing 第四十四条
  const early = await act('officer', caseNo, 'submit_decision', { on: '2026-03-13' });
  assert.equal(early.status, 422, JSON.stringify(early.body));
  assert.equal(early.body.error.code, 'gate_notice_before_decision');
  assert.match(early.body.error.message, /第四十四条/);
  // still inside the 5-working-day hearing window: 422 citing 第六十四条
  const window = await act('officer', caseNo, 'submit_decision', { on: '2026-03-18' });
  assert.equal(window.status, 422);
  assert.match(window.body.error.message, /第六十四条/);
  // a future date is refused as a back-entry
  const future = await act('officer', caseNo, 'submit_decision', { on: '2999-01-01' });
  assert.equal(future.status, 400);

  await ok('officer', caseNo, 'submit_decision', { on: '2026-03-24' });
  const decided = await ok('head', caseNo, 'approve_decision', { on: '2026-03-25' });
  assert.equal(decided.workflow.stage, 'service');
  assert.match(decided.workflow.doc_no, /^南市监处罚〔2026〕\d+号$/);
  assert.equal(decided.case.decision.doc_no, decided.workflow.doc_no);
  assert.equal(decided.case.decided_on, '2026-03-25');
  assert.equal(decided.case.decision.fine, 20000);
  await ok('officer', caseNo, 'serve', { on: '2026-03-27', published_on: '2026-03-30' });
  // the head cannot close straight from 执行: the officer asks for it (提请结案审批) first
  assert.equal((await act('head', caseNo, 'close', { on: '2026-04-15' })).status, 409);
  const asked = await ok('officer', caseNo, 'request_close', { on: '2026-04-14', paid_on: '2026-04-10' });
  assert.equal(asked.workflow.stage, 'closing');
  assert.equal(asked.workflow.approval.action, 'close');
  const closed = await ok('head', caseNo, 'close', { on: '2026-04-15' });
  assert.equal(closed.workflow.stage, 'closed');
  assert.equal(closed.case.closed_on, '2026-04-15');
  assert.deepEqual(closed.workflow.actions, []);
  const actions = closed.timeline.map((t) => t.action);
  assert.deepEqual(actions, ['file', 'submit_filing', 'approve_filing', 'finish_investigation',
    'approve_case_review', 'record', 'submit_decision', 'approve_decision', 'serve', 'request_close', 'close']);

  // listed as mine with its stage
  const mine = await as.officer.get('/workflow/cases?mine=1&stage=closed');
  assert.equal(mine.status, 200);
  assert.ok(mine.body.items.some((i) => i.case_no === caseNo && i.stage_name === '结案'));

  // the ledger holds the case, and `zhifa check` finds no violation for it
  await srv.stop();
  const check = run(['--db', db, 'check', '--format', 'json']);
  const findings = jsonLines(check.stdout);
  assert.ok(findings.length > 0, `check reported nothing at all: ${check.stderr}`); // the demo has violations
  const mineFindings = findings.filter((f) => f.subject === caseNo);
  assert.deepEqual(mineFindings, []);
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const k of Object.keys(as)) {
    const u = { officer: 'w_officer', head: 'w_head', legal: 'w_legal', other: 'w_other', supervisor: 'w_sup' }[k];
    as[k] = await login(srv.base, u, `Zf-${u}-Pass-2026`);
  }
});

test('a major case cannot skip 法制审核 (第五十八条); send-back needs a reason', async () => {
  const r = await file({ major: true });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const caseNo = r.body.case.case_no;
  await toNotice(caseNo);
  const skip = await act('officer', caseNo, 'submit_decision', { on: '2026-03-25' });
  assert.equal(skip.status, 422, JSON.stringify(skip.body));
  assert.equal(skip.body.error.code, 'gate_legal_review');
  assert.match(skip.body.error.message, /第五十八条/);

  const noReason = await as.head.send('POST', `/workflow/cases/${enc(caseNo)}/actions`,
    { action: 'send_back', target: 'investigation', note: ' ' });
  assert.equal(noReason.status, 422);
  const back = await as.head.send('POST', `/workflow/cases/${enc(caseNo)}/actions`,
    { action: 'send_back', target: 'investigation', note: '证据不足，补充调查' });
  assert.equal(back.status, 200, JSON.stringify(back.body));
  assert.equal(back.body.workflow.stage, 'investigation');
  assert.equal(back.body.timeline.at(-1).note, '证据不足，补充调查');
  const byOfficer = await as.officer.send('POST', `/workflow/cases/${enc(caseNo)}/actions`,
    { action: 'send_back', target: 'clue', note: '退回' });
  assert.equal(byOfficer.status, 403);
});

test('cases.handle is required, and another agency’s case is not found', async () => {
  const r = await file();
  const caseNo = r.body.case.case_no;
  assert.equal((await as.supervisor.get('/workflow/cases')).status, 403);
  assert.equal((await as.supervisor.send('POST', '/workflow/cases', {})).status, 403);
  assert.equal((await as.other.get(`/workflow/cases/${enc(caseNo)}`)).status, 404);
  assert.equal((await as.other.send('POST', `/workflow/cases/${enc(caseNo)}/actions`, { action: 'record' })).status, 404);
  assert.ok(!(await as.other.get('/workflow/cases')).body.items.some((i) => i.case_no === caseNo));
  assert.equal((await as.officer.get(`/workflow/cases/${enc(caseNo)}`)).status, 200);
  const bad = await as.officer.send('POST', '/workflow/cases', { case_type: 'penalty_x' });
  assert.equal(bad.status, 400);
});

test('an online case takes only its own agency\'s powers and officers, when filed and at every later step', async () => {
  const foreignPower = await file({ power: 'JT-CF-001' });
  assert.equal(foreignPower.status, 400, JSON.stringify(foreignPower.body));
  assert.equal(foreignPower.body.error.field, 'power');
  assert.match(foreignPower.body.error.message, /权责清单/);
  const foreignOfficer = await file({ officers: ['37020200001', '37020300001'] });
  assert.equal(foreignOfficer.status, 400, JSON.stringify(foreignOfficer.body));
  assert.equal(foreignOfficer.body.error.field, 'officers');
  assert.match(foreignOfficer.body.error.message, /37020300001/);
  const unknownOfficer = await file({ officers: ['37020200001', '99999999999'] });
  assert.equal(unknownOfficer.status, 400, JSON.stringify(unknownOfficer.body));
  const r = await file();
  assert.equal(r.status, 201);
  const later = await act('officer', r.body.case.case_no, 'submit_filing', { on: '2026-03-03', officers: ['37020300001', '37020300002'] });
  assert.equal(later.status, 400, JSON.stringify(later.body));
  assert.equal(later.body.error.field, 'officers');
  const now = await as.officer.get(`/workflow/cases/${enc(r.body.case.case_no)}`);
  assert.deepEqual(now.body.case.officers, ['37020200001', '37020200002']);
});

test('a written waiver of the hearing goes into the case record: deciding inside the window is then no P21', async () => {
  const r = await file({ violation_ended_on: '2026-02-20' }); // another act of the same party: no P22
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const caseNo = r.body.case.case_no;
  await toNotice(caseNo); // notified 2026-03-16: the party may ask for a hearing until 2026-03-23
  await ok('officer', caseNo, 'record', { hearing_waived: true });
  await ok('officer', caseNo, 'submit_decision', { on: '2026-03-18' });
  const decided = await ok('head', caseNo, 'approve_decision', { on: '2026-03-18' });
  assert.equal(decided.case.decided_on, '2026-03-18');
  assert.equal(decided.case.hearing_waived, true, 'the exchange record carries the waiver (rules.md §7)');
  const check = run(['--db', db, 'check', '--as-of', '2026-05-20', '--rules', 'P21,P22,P23']);
  assert.deepEqual(jsonLines(check.stdout).filter((f) => f.subject === caseNo), []);
});
