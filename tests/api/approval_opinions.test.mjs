// Approvals as people do them (issue 19): 同意 with a 审批意见 (a standard text when none is written),
// 不同意（退回） only with one, the case sent back to where the approval was asked for, a new request
// opening a new task, the signature history on the case, and the 法制审核 / 集体讨论 work in the same
// 审批待办 inbox for the roles that do it.
//
// Where a refusal sends the case is computed here from the steps of the ordinary procedure as the
// law lays them out (行政处罚法 54–65 and the workflow's documented transitions), never read back
// from the program: an approval is asked for by the step that enters its stage, so refusing it
// returns the case to the stage that step left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login } from './lib/zhifa.mjs';
import { SUBSTANCE } from './lib/substance.mjs';

const AGENCY = '113702021588139920';
const OTHER = '11370203869879736T';
// The steps that ask for an approval: [from, to] (行政处罚法 54: 立案 by the head's approval; 57: the
// decision after 告知, or after 法制审核 (58) / 集体讨论 (57 ②) when the case needs them; 结案审批
// after 执行).
const ASKED_BY = {
  submit_filing: ['clue', 'filing'],
  submit_decision: { notice: 'decision', legal_review: 'decision', collective_discussion: 'decision' },
  request_close: ['execution', 'closing'],
};
// So a refusal of the approval returns to the `from` of the step that asked for it.
const backTo = (step, from) => (Array.isArray(ASKED_BY[step]) ? ASKED_BY[step][0] : from);
const DEFAULT_OPINION = '同意。'; // the seeded setting approval_default_opinion (migration 043)

let srv, db;
const as = {};

before(async () => {
  db = path.join(tmpDir(), 'approval-opinions.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const users = {
    officer: addUser(db, { username: 'o_officer', role: 'officer', agency: AGENCY }),
    deputy: addUser(db, { username: 'o_deputy', role: 'agency_head', agency: AGENCY }),
    principal: addUser(db, { username: 'o_principal', role: 'agency_head', agency: AGENCY, approvalLevel: 'principal' }),
    legal: addUser(db, { username: 'o_legal', role: 'legal_reviewer', agency: AGENCY }),
    otherLegal: addUser(db, { username: 'o_legal2', role: 'legal_reviewer', agency: OTHER }),
    otherHead: addUser(db, { username: 'o_other', role: 'agency_head', agency: OTHER, approvalLevel: 'principal' }),
    supervisor: addUser(db, { username: 'o_sup', role: 'supervisor', region: '370200' }),
  };
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(users)) as[k] = await login(srv.base, u.username, u.password);
});
after(() => srv?.stop());

const enc = encodeURIComponent;
async function file(extra = {}) {
  const r = await as.officer.send('POST', '/workflow/cases', {
    case_type: 'penalty_ordinary', power: 'SC-CF-001',
    party: { kind: 'org', name: '青岛某某商贸有限公司', id_no: '91370202091141705L' },
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
const view = async (who, caseNo) => (await as[who].get(`/workflow/cases/${enc(caseNo)}`)).body;
const inbox = async (who) => {
  const r = await as[who].get('/workflow/approvals?size=200');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
};
const waiting = async (who, caseNo) => (await inbox(who)).items.filter((i) => i.case_no === caseNo);
const history = async (who, caseNo) => {
  const r = await as[who].get(`/workflow/cases/${enc(caseNo)}/approvals`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.items;
};

async function toNotice(caseNo, { fine = 20000, tier = 'ordinary' } = {}) {
  await ok('officer', caseNo, 'submit_filing', { on: '2026-03-03' });
  await ok('deputy', caseNo, 'approve_filing', { on: '2026-03-04' });
  await ok('officer', caseNo, 'finish_investigation', { on: '2026-03-10', measures: ['fine'], fine, tier });
  await ok('legal', caseNo, 'approve_case_review', { on: '2026-03-12' });
  await ok('officer', caseNo, 'record', { notified_on: '2026-03-16', hearing_right_notified: true });
}

test('refusing 立案 without an opinion is refused in Chinese and leaves the task open', async () => {
  const caseNo = await file();
  await ok('officer', caseNo, 'submit_filing', { on: '2026-03-03' });
  for (const note of [undefined, '', '   ']) {
    const r = await act('deputy', caseNo, 'refuse', { on: '2026-03-04' }, note === undefined ? {} : { opinion: note });
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'opinion_required');
    assert.match(r.body.error.message, /[\u4e00-\u9fff]/);
    assert.match(r.body.error.message, /审批意见/);
  }
  const v = await view('deputy', caseNo);
  assert.equal(v.workflow.stage, 'filing');
  assert.equal(v.workflow.approval.action, 'approve_filing');
  assert.equal((await waiting('deputy', caseNo)).length, 1);
});

test('a refusal with an opinion returns the case to 线索登记; a new request opens a new task; 同意 without an opinion stores the standard text; the history lists both', async () => {
  const caseNo = await file();
  await ok('officer', caseNo, 'submit_filing', { on: '2026-03-03' });
  const firstTask = (await waiting('deputy', caseNo))[0];
  assert.equal(firstTask.type, 'approval');
  assert.equal(firstTask.type_name, '审批');

  const refused = await ok('deputy', caseNo, 'refuse', { on: '2026-03-04' }, { opinion: '当事人身份信息不全，请补充后再报' });
  assert.equal(refused.workflow.stage, backTo('submit_filing'));
  assert.equal(refused.workflow.stage_name, '线索登记');
  assert.equal(refused.workflow.approval, null);
  const last = refused.timeline.at(-1);
  assert.equal(last.action, 'refuse');
  assert.equal(last.action_name, '不同意（退回）');
  assert.equal(last.user, 'o_deputy');
  assert.equal(last.from_stage, 'filing');
  assert.equal(last.to_stage, 'clue');
  assert.match(last.note, /批准立案/);
  assert.match(last.note, /当事人身份信息不全，请补充后再报/);
  assert.equal((await waiting('deputy', caseNo)).length, 0, 'the refused task is closed');

  // the officer sees it on his case, and may ask again
  const mine = await view('officer', caseNo);
  assert.equal(mine.workflow.stage, 'clue');
  assert.ok(mine.workflow.actions.some((a) => a.action === 'submit_filing'));
  await ok('officer', caseNo, 'submit_filing', { on: '2026-03-05' });
  const second = (await waiting('deputy', caseNo))[0];
  assert.ok(second, 'the new request waits in the inbox');
  assert.notEqual(second.id, firstTask.id, 'a new task, not the refused one reopened');
  assert.equal(second.signed_count, 0);

  const agreed = await ok('deputy', caseNo, 'approve_filing', { on: '2026-03-06' });
  assert.equal(agreed.workflow.stage, 'investigation');
  assert.equal(agreed.timeline.at(-1).note, DEFAULT_OPINION);

  const items = await history('officer', caseNo);
  assert.equal(items.length, 2);
  assert.deepEqual(items.map((i) => [i.action, i.agreed, i.user, i.signed_on, i.opinion]), [
    ['approve_filing', false, 'o_deputy', '2026-03-04', '当事人身份信息不全，请补充后再报'],
    ['approve_filing', true, 'o_deputy', '2026-03-06', DEFAULT_OPINION],
  ]);
  assert.equal(items[0].result_name, '不同意（退回）');
  assert.equal(items[0].returned_to, 'clue');
  assert.equal(items[0].returned_to_name, '线索登记');
  assert.equal(items[1].result_name, '同意');
  assert.equal(items[0].action_name, '批准立案');
  // an agency head whose level is not set signs at the policy's unassigned level (分管负责人)
  assert.equal(items[1].level_name, '分管负责人');
  assert.match(items[1].signed_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  assert.notEqual(items[0].task_id, items[1].task_id);

  // the supervisor of the region reads the same history from the case detail
  const sup = await as.supervisor.get(`/cases/${enc(caseNo)}/approvals`);
  assert.equal(sup.status, 200, JSON.stringify(sup.body));
  assert.deepEqual(sup.body.items.map((i) => i.opinion), items.map((i) => i.opinion));
  // another agency's head sees neither the case nor its history
  assert.equal((await as.otherHead.get(`/workflow/cases/${enc(caseNo)}/approvals`)).status, 404);
});

test('a written opinion is kept with the sign-off', async () => {
  const caseNo = await file();
  await ok('officer', caseNo, 'submit_filing', { on: '2026-03-03' });
  const done = await ok('deputy', caseNo, 'approve_filing', { on: '2026-03-04' }, { opinion: '同意立案，抓紧调查' });
  assert.equal(done.timeline.at(-1).note, '同意立案，抓紧调查');
  const [item] = await history('deputy', caseNo);
  assert.equal(item.opinion, '同意立案，抓紧调查');
  assert.equal(item.agreed, true);
});

test('a refused decision goes back to 告知 when asked from there, and the inbox item shows what is signed', async () => {
  const caseNo = await file();
  await toNotice(caseNo, { fine: 20000 });
  await ok('officer', caseNo, 'submit_decision', { on: '2026-03-24' });
  const [item] = await waiting('deputy', caseNo);
  assert.equal(item.action, 'approve_decision');
  assert.deepEqual(item.proposal.measures, ['fine']);
  assert.deepEqual(item.proposal.measure_names, ['罚款']);
  assert.equal(item.proposal.fine, 20000);
  assert.equal(item.proposal.tier, 'ordinary');
  assert.equal(item.party, '青岛某某商贸有限公司');

  const r = await ok('deputy', caseNo, 'refuse', { on: '2026-03-25' }, { opinion: '罚款数额与裁量基准不符' });
  assert.equal(r.workflow.stage, backTo('submit_decision', 'notice'));
  // the officer may correct the penalty now that no task is open, and ask again
  await ok('officer', caseNo, 'record', { fine: 15000 });
  await ok('officer', caseNo, 'submit_decision', { on: '2026-03-26' });
  const again = await waiting('deputy', caseNo);
  assert.equal(again.length, 1);
  assert.equal(again[0].proposal.fine, 15000);
});

test('a major case: the 法制审核 and 集体讨论 work waits in the inbox of the right role and agency, and a refused decision returns to 集体讨论', async () => {
  const caseNo = await file({ major: true });
  await toNotice(caseNo);
  await ok('officer', caseNo, 'submit_legal_review', { on: '2026-03-24' });

  const review = (await waiting('legal', caseNo)).find((i) => i.type === 'legal_review');
  assert.ok(review, 'the reviewer of the case’s agency sees the 法制审核 task');
  assert.equal(review.type_name, '法制审核');
  assert.equal(review.stage, 'legal_review');
  assert.equal(review.party, '青岛某某商贸有限公司');
  // a major case goes on to the heads' collective discussion (行政处罚法 57 ②)
  assert.equal(review.action, 'submit_collective_discussion');
  assert.equal((await waiting('otherLegal', caseNo)).length, 0, 'another agency’s reviewer does not');
  assert.equal((await waiting('deputy', caseNo)).length, 0, 'an agency head is not the reviewer');
  assert.equal((await waiting('officer', caseNo)).length, 0);

  // not passed: recorded with its opinion, the case stays at 法制审核 and in the queue
  const failed = await ok('legal', caseNo, 'record', { legal_review_passed: false, legal_review_opinion: '证据不足' },
    { opinion: '证据不足' });
  assert.equal(failed.workflow.stage, 'legal_review');
  assert.equal(failed.case.legal_review.passed, false);
  assert.equal(failed.workflow.state.legal_review_opinion, '证据不足');
  assert.equal((await waiting('legal', caseNo))[0].legal_review.passed, false);
  // passed, through the item's action
  const passed = await ok('legal', caseNo, review.action,
    { on: '2026-03-25', legal_review_passed: true, legal_review_opinion: '事实清楚，证据确凿，同意' }, { opinion: '事实清楚，证据确凿，同意' });
  assert.equal(passed.workflow.stage, 'collective_discussion');
  assert.equal((await waiting('legal', caseNo)).length, 0);

  const discuss = (await waiting('principal', caseNo)).find((i) => i.type === 'collective');
  assert.ok(discuss, 'the head sees the 集体讨论 task');
  assert.equal(discuss.type_name, '集体讨论');
  assert.equal(discuss.action, 'submit_decision');
  assert.equal((await waiting('otherHead', caseNo)).length, 0);
  assert.equal((await waiting('legal', caseNo)).length, 0);
  const decided = await ok('principal', caseNo, 'submit_decision', {
    on: '2026-03-26', collective_discussion_on: '2026-03-26',
    collective_participants: '张局长、李副局长、王副局长', collective_conclusion: '同意按拟处罚意见作出决定',
  }, { opinion: '同意按拟处罚意见作出决定' });
  assert.equal(decided.workflow.stage, 'decision');
  assert.equal(decided.case.collective_discussion_on, '2026-03-26');
  assert.equal(decided.workflow.state.collective_participants, '张局长、李副局长、王副局长');
  assert.equal(decided.workflow.state.collective_conclusion, '同意按拟处罚意见作出决定');

  const r = await ok('principal', caseNo, 'refuse', { on: '2026-03-27' }, { opinion: '请重新讨论裁量阶次' });
  assert.equal(r.workflow.stage, backTo('submit_decision', 'collective_discussion'));
  assert.ok((await waiting('principal', caseNo)).some((i) => i.type === 'collective'), 'back in the heads’ queue');
});

test('a refused 结案 goes back to 执行', async () => {
  const caseNo = await file();
  await toNotice(caseNo);
  await ok('officer', caseNo, 'submit_decision', { on: '2026-03-24' });
  await ok('deputy', caseNo, 'approve_decision', { on: '2026-03-25' });
  await ok('officer', caseNo, 'serve', { on: '2026-03-26' });
  await ok('officer', caseNo, 'record', { paid_on: '2026-03-30' });
  await ok('officer', caseNo, 'request_close', { on: '2026-04-01' });
  const [item] = await waiting('deputy', caseNo);
  assert.equal(item.action, 'close');
  assert.equal(item.proposal.fine, 20000, 'the decided fine is what the closing covers');
  const r = await ok('deputy', caseNo, 'refuse', { on: '2026-04-02' }, { opinion: '罚没款入库凭证未归档' });
  assert.equal(r.workflow.stage, backTo('request_close'));
});

test('only an approver the task awaits may refuse it', async () => {
  const caseNo = await file();
  await toNotice(caseNo, { fine: 60000, tier: 'heavy' }); // a large fine: the 主要负责人's (approval_policy, 第五十七条)
  await ok('officer', caseNo, 'submit_decision', { on: '2026-03-24' });
  const opinion = { opinion: '不同意' };
  const officer = await act('officer', caseNo, 'refuse', { on: '2026-03-25' }, opinion);
  assert.equal(officer.status, 403, JSON.stringify(officer.body));
  const deputy = await act('deputy', caseNo, 'refuse', { on: '2026-03-25' }, opinion);
  assert.equal(deputy.status, 403, JSON.stringify(deputy.body));
  assert.equal(deputy.body.error.code, 'approval_level_too_low');
  const legal = await act('legal', caseNo, 'refuse', { on: '2026-03-25' }, opinion);
  assert.equal(legal.status, 403, JSON.stringify(legal.body));
  assert.equal((await act('otherHead', caseNo, 'refuse', { on: '2026-03-25' }, opinion)).status, 404);
  assert.equal((await view('officer', caseNo)).workflow.stage, 'decision');
  // with nothing to approve there is nothing to refuse
  const noTask = await file();
  const none = await act('deputy', noTask, 'refuse', {}, opinion);
  assert.equal(none.status, 409, JSON.stringify(none.body));
  // the principal's refusal is the one that counts
  const r = await ok('principal', caseNo, 'refuse', { on: '2026-03-25' }, opinion);
  assert.equal(r.workflow.stage, 'notice');
  const h = (await history('principal', caseNo)).filter((i) => !i.agreed);
  assert.deepEqual(h.map((i) => [i.user, i.level_name, i.action_name]), [['o_principal', '主要负责人', '批准处罚决定']]);
});
