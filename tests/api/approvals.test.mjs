// Approvals (issue 6): tiered approval authority (行政处罚法 第五十七条), 会签 on a major decision,
// 加签, send-back cancelling the task, the 审批待办 inbox per user, permissions and bad input, and
// escalation of an unsigned task through `zhifa escalate --as-of`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, backend, dbExec } from './lib/zhifa.mjs';
import { SUBSTANCE } from './lib/substance.mjs';

const AGENCY = '113702021588139920';
const OTHER = '11370203869879736T';
let srv, db;
const as = {};

before(async () => {
  db = path.join(tmpDir(), 'approvals.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const users = {
    officer: addUser(db, { username: 'a_officer', role: 'officer', agency: AGENCY }),
    deputy: addUser(db, { username: 'a_deputy', role: 'agency_head', agency: AGENCY }),
    deputy2: addUser(db, { username: 'a_deputy2', role: 'agency_head', agency: AGENCY, approvalLevel: 'deputy' }),
    principal: addUser(db, { username: 'a_principal', role: 'agency_head', agency: AGENCY, approvalLevel: 'principal' }),
    legal: addUser(db, { username: 'a_legal', role: 'legal_reviewer', agency: AGENCY }),
    otherHead: addUser(db, { username: 'a_other', role: 'agency_head', agency: OTHER, approvalLevel: 'principal' }),
    supervisor: addUser(db, { username: 'a_sup', role: 'supervisor', region: '370200' }),
    auditor: addUser(db, { username: 'a_audit', role: 'auditor' }),
  };
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(users)) as[k] = await login(srv.base, u.username, u.password);
});
after(() => srv?.stop());

const enc = encodeURIComponent;
async function file(extra = {}) {
  const r = await as.officer.send('POST', '/workflow/cases', {
    case_type: 'penalty_ordinary', power: 'SC-CF-001',
    party: { kind: 'org', name: '青岛某某食品有限公司', id_no: '91370202091141705L' },
    officers: ['37020200001', '37020200002'],
    violation_ended_on: '2026-03-01', discovered_on: '2026-03-02', ...SUBSTANCE, ...extra,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.case.case_no;
}
const act = (who, caseNo, action, fields = {}, extra = {}) =>
  as[who].send('POST', `/workflow/cases/${enc(caseNo)}/actions`, { action, fields, ...extra });
async function ok(who, caseNo, action, fields, extra) {
  const r = await act(who, caseNo, action, fields, extra);
  assert.equal(r.status, 200, `${who} ${action}: ${JSON.stringify(r.body)}`);
  return r.body;
}
const inbox = async (who) => {
  const r = await as[who].get('/workflow/approvals?size=200');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
};
const waiting = async (who, caseNo) => (await inbox(who)).items.find((i) => i.case_no === caseNo);

// 线索 → … → 告知, the fine proposed at 调查终结.
async function toNotice(caseNo, { fine = 20000, tier = 'ordinary' } = {}) {
  await ok('officer', caseNo, 'submit_filing', { on: '2026-03-03' });
  await ok('deputy', caseNo, 'approve_filing', { on: '2026-03-04' });
  await ok('officer', caseNo, 'finish_investigation', { on: '2026-03-10', measures: ['fine'], fine, tier });
  await ok('legal', caseNo, 'approve_case_review', { on: '2026-03-12' });
  await ok('officer', caseNo, 'record', { notified_on: '2026-03-16', hearing_right_notified: true });
}
async function toDecision(caseNo, opts) {
  await toNotice(caseNo, opts);
  const r = await ok('officer', caseNo, 'submit_decision', { on: '2026-03-24' });
  assert.equal(r.workflow.stage, 'decision');
  return r;
}

test('a large fine needs the 主要负责人: a deputy is refused naming the level, the principal approves', async () => {
  const caseNo = await file();
  const at = await toDecision(caseNo, { fine: 60000, tier: 'heavy' });
  assert.equal(at.workflow.approval.action, 'approve_decision');
  assert.equal(at.workflow.approval.requested_by, 'a_officer');
  assert.equal(at.workflow.approval.slots[0].level_name, '主要负责人');

  const low = await act('deputy', caseNo, 'approve_decision', { on: '2026-03-25' });
  assert.equal(low.status, 403, JSON.stringify(low.body));
  assert.equal(low.body.error.code, 'approval_level_too_low');
  assert.match(low.body.error.message, /主要负责人/);
  assert.match(low.body.error.message, /第五十七条/);
  assert.equal((await as.deputy.get(`/workflow/cases/${enc(caseNo)}`)).body.workflow.stage, 'decision');

  assert.equal(await waiting('deputy', caseNo), undefined);
  const item = await waiting('principal', caseNo);
  assert.ok(item, 'the principal’s inbox holds the task');
  assert.equal(item.stage, 'decision');
  assert.equal(item.action_name, '批准处罚决定');
  assert.equal(item.party, '青岛某某食品有限公司');
  assert.equal(item.escalated, false);
  assert.match(item.due_on, /^\d{4}-\d{2}-\d{2}$/);

  const done = await ok('principal', caseNo, 'approve_decision', { on: '2026-03-25' });
  assert.equal(done.workflow.stage, 'service');
  assert.match(done.workflow.doc_no, /^南市监处罚〔2026〕\d+号$/);
  assert.equal(done.workflow.approval, null);
  assert.equal(await waiting('principal', caseNo), undefined);
});

test('an ordinary fine is approved by a deputy alone, as before', async () => {
  const caseNo = await file();
  await toDecision(caseNo);
  assert.ok(await waiting('deputy', caseNo));
  assert.ok(await waiting('principal', caseNo), 'a higher level may sign a lower-level task');
  const done = await ok('deputy', caseNo, 'approve_decision', { on: '2026-03-25' });
  assert.equal(done.workflow.stage, 'service');
  assert.equal(done.timeline.at(-1).action, 'approve_decision');
});

test('a major decision needs the principal and the 法制审核 countersign (会签) before it moves', async () => {
  const caseNo = await file({ major: true });
  await toNotice(caseNo);
  await ok('officer', caseNo, 'submit_legal_review', { on: '2026-03-24' });
  await ok('legal', caseNo, 'submit_collective_discussion', { on: '2026-03-25', legal_review_passed: true });
  const at = await ok('principal', caseNo, 'submit_decision', { on: '2026-03-26', collective_discussion_on: '2026-03-26' });
  assert.equal(at.workflow.stage, 'decision');
  assert.deepEqual(at.workflow.approval.slots.map((s) => s.kind), ['head', 'legal']);

  assert.equal((await act('deputy', caseNo, 'approve_decision', { on: '2026-03-27' })).status, 403);
  const first = await ok('principal', caseNo, 'approve_decision', { on: '2026-03-27' }, { note: '同意' });
  assert.equal(first.workflow.stage, 'decision', 'one of two sign-offs does not move the case');
  assert.equal(first.workflow.doc_no, null);
  assert.equal(first.workflow.approval.signed_count, 1);
  assert.equal(first.workflow.approval.required_count, 2);
  assert.equal(first.timeline.at(-1).action, 'sign');
  assert.match(first.timeline.at(-1).note, /批准处罚决定（1\/2）：同意/);
  const again = await act('principal', caseNo, 'approve_decision', { on: '2026-03-27' });
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, 'already_signed');

  assert.equal(await waiting('principal', caseNo), undefined);
  assert.ok(await waiting('legal', caseNo), 'the legal reviewer is asked to countersign');
  const legalView = (await as.legal.get(`/workflow/cases/${enc(caseNo)}`)).body;
  assert.ok(legalView.workflow.actions.some((a) => a.action === 'approve_decision'));
  const done = await ok('legal', caseNo, 'approve_decision', { on: '2026-03-27' });
  assert.equal(done.workflow.stage, 'service');
  assert.match(done.workflow.doc_no, /处罚〔2026〕\d+号$/);
  assert.equal(done.timeline.at(-1).user, 'a_legal');
});

test('加签 adds a required signer; bad 加签 requests are refused', async () => {
  const caseNo = await file();
  await toDecision(caseNo);
  const path_ = `/workflow/cases/${enc(caseNo)}/actions`;
  assert.equal((await as.deputy.send('POST', path_, { action: 'add_approver' })).status, 400);
  const nobody = await as.deputy.send('POST', path_, { action: 'add_approver', approver: 'no_such_user' });
  assert.equal(nobody.status, 422);
  const outsider = await as.deputy.send('POST', path_, { action: 'add_approver', approver: 'a_other' });
  assert.equal(outsider.status, 422, 'another agency’s head cannot be added');
  const officer = await as.deputy.send('POST', path_, { action: 'add_approver', approver: 'a_officer' });
  assert.equal(officer.status, 422);
  const self = await as.deputy.send('POST', path_, { action: 'add_approver', approver: 'a_deputy' });
  assert.equal(self.status, 409);
  const byOfficer = await as.officer.send('POST', path_, { action: 'add_approver', approver: 'a_deputy2' });
  assert.equal(byOfficer.status, 403);

  const added = await as.deputy.send('POST', path_, { action: 'add_approver', approver: 'a_deputy2', note: '请分管领导会签' });
  assert.equal(added.status, 200, JSON.stringify(added.body));
  const named = added.body.workflow.approval.slots.find((s) => s.kind === 'named');
  assert.equal(named.user, 'a_deputy2');
  assert.equal(named.added_by, 'a_deputy');
  assert.equal(added.body.timeline.at(-1).action, 'add_approver');
  assert.match(added.body.timeline.at(-1).note, /a_deputy2/);

  const first = await ok('deputy', caseNo, 'approve_decision', { on: '2026-03-25' });
  assert.equal(first.workflow.stage, 'decision', 'the added signer is still missing');
  const item = await waiting('deputy2', caseNo);
  assert.ok(item);
  assert.equal(item.signed_count, 1);
  const done = await ok('deputy2', caseNo, 'approve_decision', { on: '2026-03-25' });
  assert.equal(done.workflow.stage, 'service');

  // every sign-off and 加签 is audited
  const log = (await as.auditor.get(`/audit?action=workflow_add_approver&username=a_deputy`)).body;
  assert.ok(log.items.some((e) => e.target === caseNo), JSON.stringify(log));
  const signs = (await as.auditor.get(`/audit?action=workflow_sign&username=a_deputy`)).body;
  assert.ok(signs.items.some((e) => e.target === caseNo));
});

test('send-back cancels the open task; resubmitting opens a fresh one', async () => {
  const caseNo = await file();
  await toDecision(caseNo);
  await ok('deputy', caseNo, 'add_approver', {}, { approver: 'a_deputy2' });
  await ok('deputy', caseNo, 'approve_decision', { on: '2026-03-25' });
  const back = await as.deputy2.send('POST', `/workflow/cases/${enc(caseNo)}/actions`,
    { action: 'send_back', target: 'investigation', note: '罚款依据不足' });
  assert.equal(back.status, 200, JSON.stringify(back.body));
  assert.equal(back.body.workflow.stage, 'investigation');
  assert.equal(back.body.workflow.approval, null);
  assert.equal(await waiting('deputy2', caseNo), undefined);
  assert.equal((await act('deputy2', caseNo, 'approve_decision', { on: '2026-03-25' })).status, 409);

  await ok('officer', caseNo, 'finish_investigation', { on: '2026-03-26' });
  await ok('legal', caseNo, 'approve_case_review', { on: '2026-03-27' });
  const again = await ok('officer', caseNo, 'submit_decision', { on: '2026-03-30' });
  assert.equal(again.workflow.approval.signed_count, 0, 'the old sign-offs do not carry over');
  assert.equal(again.workflow.approval.slots.length, 1, 'nor the old 加签');
});

test('the inbox is per user, agency and permission; bad paging is refused', async () => {
  const caseNo = await file();
  await ok('officer', caseNo, 'submit_filing', { on: '2026-03-03' });
  assert.ok(await waiting('deputy', caseNo));
  assert.equal(await waiting('officer', caseNo), undefined);
  assert.equal(await waiting('legal', caseNo), undefined, 'a filing needs no legal countersign');
  assert.equal(await waiting('otherHead', caseNo), undefined);
  assert.equal((await as.supervisor.get('/workflow/approvals')).status, 403);
  assert.equal((await as.deputy.get('/workflow/approvals?page=0')).status, 400);
  assert.equal((await as.deputy.get('/workflow/approvals?size=9999')).status, 400);
  const page = (await as.deputy.get('/workflow/approvals?size=1')).body;
  assert.equal(page.items.length, 1);
  assert.ok(page.total >= 1);
  // the other agency's head cannot act on it either
  assert.equal((await act('otherHead', caseNo, 'approve_filing', { on: '2026-03-04' })).status, 404);
});

const nextDay = (ymd) => new Date(Date.parse(`${ymd}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);

test('an unsigned task escalates to the 主要负责人 after its working days, not before', async () => {
  const caseNo = await file();
  const filed = await ok('officer', caseNo, 'submit_filing', { on: '2026-03-03' });
  const { due_on: due, requested_on: requested } = filed.workflow.approval;
  assert.ok(due > requested, `${requested} → ${due}`);

  const bad = run(['--db', db, 'escalate', '--as-of', '2026-02-30']);
  assert.equal(bad.code, 2);
  const onTime = run(['--db', db, 'escalate', '--as-of', due]);
  assert.equal(onTime.code, 0, onTime.stderr);
  assert.equal(JSON.parse(onTime.stdout).as_of, due);
  let view = (await as.deputy.get(`/workflow/cases/${enc(caseNo)}`)).body;
  assert.equal(view.workflow.approval.escalated, false);
  assert.ok(!view.timeline.some((t) => t.action === 'escalated'));

  const late = run(['--db', db, 'escalate', '--as-of', nextDay(due)]);
  assert.equal(late.code, 0, late.stderr);
  assert.ok(JSON.parse(late.stdout).escalated >= 1, late.stdout);
  view = (await as.deputy.get(`/workflow/cases/${enc(caseNo)}`)).body;
  assert.equal(view.workflow.approval.escalated, true);
  assert.equal(view.workflow.approval.slots[0].level_name, '主要负责人');
  const event = view.timeline.find((t) => t.action === 'escalated');
  assert.ok(event);
  assert.match(event.note, /超过 3 个工作日未审批，上报主要负责人/);

  assert.equal(await waiting('deputy', caseNo), undefined);
  assert.equal((await waiting('principal', caseNo)).escalated, true);
  assert.equal((await act('deputy', caseNo, 'approve_filing', { on: '2026-03-04' })).status, 403);
  const done = await ok('principal', caseNo, 'approve_filing', { on: '2026-03-04' });
  assert.equal(done.workflow.stage, 'investigation');
});

// A trigger refusing the case's write once it carries a decision, as someone holding the database
// could add one; the dialects differ (a plpgsql function on PostgreSQL).
const refuseDecided = (caseNo) => dbExec(db, backend === 'pg'
  ? `CREATE FUNCTION zf_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$;
     CREATE TRIGGER zf_test_refuse BEFORE UPDATE ON cases FOR EACH ROW WHEN (NEW.case_no = '${caseNo}'
       AND (NEW.body::jsonb ->> 'decided_on') IS NOT NULL) EXECUTE FUNCTION zf_test_refuse();`
  : `CREATE TRIGGER zf_test_refuse BEFORE UPDATE ON cases WHEN NEW.case_no = '${caseNo}'
       AND json_extract(NEW.body, '$.decided_on') IS NOT NULL BEGIN SELECT RAISE(ABORT, 'refused by test'); END;`);
const allowDecided = () => dbExec(db, backend === 'pg'
  ? 'DROP TRIGGER zf_test_refuse ON cases; DROP FUNCTION zf_test_refuse();'
  : 'DROP TRIGGER zf_test_refuse;');
const docSeq = (docNo) => Number(docNo.match(/〕(\d+)号$/)[1]);

test('a decision whose record cannot be stored leaves neither the stage, the 文号 nor the sign-off', async () => {
  const a = await file();
  const b = await file();
  await toDecision(a);
  await toDecision(b);
  const first = await ok('deputy', a, 'approve_decision', { on: '2026-03-25' });
  // the exchange record is the last write of the step: make the store refuse it
  refuseDecided(b);
  try {
    const failed = await act('deputy', b, 'approve_decision', { on: '2026-03-25' });
    assert.ok(failed.status >= 400, JSON.stringify(failed.body));
  } finally {
    allowDecided();
  }
  const after = (await as.deputy.get(`/workflow/cases/${enc(b)}`)).body;
  assert.equal(after.workflow.stage, 'decision');
  assert.equal(after.workflow.doc_no, null);
  assert.equal(after.case.decided_on, undefined);
  assert.equal(after.workflow.approval.signed_count, 0);
  assert.ok(!after.timeline.some((t) => t.action === 'approve_decision'));

  const done = await ok('deputy', b, 'approve_decision', { on: '2026-03-25' });
  assert.equal(docSeq(done.workflow.doc_no), docSeq(first.workflow.doc_no) + 1, 'the failed step took no number');
  assert.equal(done.case.decision.doc_no, done.workflow.doc_no);
});

// Review findings: the sign-offs of one task are serialised, what they cover is frozen while the
// task is pending, and no sign-off is dated before the request or another signature.
async function toMajorDecision() {
  const caseNo = await file({ major: true });
  await toNotice(caseNo);
  await ok('officer', caseNo, 'submit_legal_review', { on: '2026-03-24' });
  await ok('legal', caseNo, 'submit_collective_discussion', { on: '2026-03-25', legal_review_passed: true });
  await ok('principal', caseNo, 'submit_decision', { on: '2026-03-26', collective_discussion_on: '2026-03-26' });
  return caseNo;
}

test('会签 signed by both approvers at the same moment: both count, the case is decided once with one 文号', async () => {
  const caseNo = await toMajorDecision();
  const [a, b] = await Promise.all([
    act('principal', caseNo, 'approve_decision', { on: '2026-03-27' }),
    act('legal', caseNo, 'approve_decision', { on: '2026-03-27' }),
  ]);
  assert.deepEqual([a.status, b.status], [200, 200], JSON.stringify([a.body, b.body]));
  const view = (await as.officer.get(`/workflow/cases/${enc(caseNo)}`)).body;
  assert.equal(view.workflow.stage, 'service', 'neither sign-off was lost');
  const decided = view.timeline.filter((t) => t.action === 'approve_decision');
  assert.equal(decided.length, 1, 'decided once');
  assert.match(view.workflow.doc_no, /处罚〔2026〕\d+号$/);
});

test('while 决定审批 is pending the penalty cannot change; after a send-back it can', async () => {
  const caseNo = await toMajorDecision();
  await ok('principal', caseNo, 'approve_decision', { on: '2026-03-27' });
  for (const fields of [{ fine: 4500000 }, { measures: ['fine', 'revoke_license'] }, { tier: 'light' }]) {
    const r = await act('officer', caseNo, 'record', fields);
    assert.equal(r.status, 409, JSON.stringify(fields));
    assert.equal(r.body.error.code, 'under_approval');
    assert.match(r.body.error.message, /第五十七条/);
  }
  const signing = await act('legal', caseNo, 'approve_decision', { on: '2026-03-27', fine: 4500000 });
  assert.equal(signing.status, 409, 'the last signer cannot change it either');
  await ok('principal', caseNo, 'send_back', {}, { target: 'investigation', note: '罚款数额需重新核定' });
  await ok('officer', caseNo, 'record', { fine: 30000 });
});

// (A date before the request is refused too — unit-tested: through the API a legal gate, checked
// first, already refuses any such date, e.g. one before the collective discussion.)
test('a sign-off dated before the other signature is refused', async () => {
  const caseNo = await toMajorDecision();
  await ok('principal', caseNo, 'approve_decision', { on: '2026-03-30' });
  const before = await act('legal', caseNo, 'approve_decision', { on: '2026-03-27' });
  assert.equal(before.status, 422);
  assert.match(before.body.error.message, /a_principal/);
  const done = await ok('legal', caseNo, 'approve_decision', { on: '2026-03-30' });
  assert.equal(done.case.decided_on, '2026-03-30');
});

test('a 文号 that a decision entered after the fact already carries is skipped, never given twice', async () => {
  const first = await file();
  await toDecision(first);
  const d1 = (await ok('deputy', first, 'approve_decision', { on: '2026-03-27' })).workflow.doc_no;
  const n = docSeq(d1);
  const taken = d1.replace(/〕\d+号$/, `〕${n + 1}号`);
  const paper = await as.officer.send('POST', '/cases', {
    case_no: '事后录入〔2026〕1号', agency: AGENCY, kind: 'penalty', decided_on: '2026-03-28',
    decision: { outcome: 'penalty', measures: ['fine'], fine: 100000, doc_no: taken },
  });
  assert.equal(paper.status, 201, JSON.stringify(paper.body));
  const second = await file();
  await toDecision(second);
  const d2 = (await ok('deputy', second, 'approve_decision', { on: '2026-03-28' })).workflow.doc_no;
  assert.equal(docSeq(d2), n + 2, `${taken} is used by the paper decision`);
});
