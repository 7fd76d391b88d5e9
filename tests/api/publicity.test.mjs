// 公示 of penalty decisions handled online (行政处罚法 第四十八条): publishing after the decision,
// the portal showing it with the person's data masked, the revocation and the withdrawal within
// 3 working days with a reason; who may do it; and 文号 numbering when approvals race.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, client, repoRoot } from './lib/zhifa.mjs';
import { SUBSTANCE } from './lib/substance.mjs';

const AGENCY = '113702021588139920';
const OTHER = '11370203869879736T';
const PERSON = { kind: 'person', name: '张三丰', id_no: '370202198001011232' };
let srv, anon;
const as = {};

async function startWith(db) {
  const users = {
    officer: addUser(db, { username: 'p_officer', role: 'officer', agency: AGENCY }),
    head: addUser(db, { username: 'p_head', role: 'agency_head', agency: AGENCY }),
    legal: addUser(db, { username: 'p_legal', role: 'legal_reviewer', agency: AGENCY }),
    other: addUser(db, { username: 'p_other', role: 'officer', agency: OTHER }),
    supervisor: addUser(db, { username: 'p_sup', role: 'supervisor', region: '370200' }),
    auditor: addUser(db, { username: 'p_audit', role: 'auditor' }),
  };
  const server = await startServer({ db, args: ['--sweep-every', '0'] });
  const sessions = {};
  for (const [k, u] of Object.entries(users)) sessions[k] = await login(server.base, u.username, u.password);
  return { server, sessions };
}

before(async () => {
  const db = path.join(tmpDir(), 'publicity.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const s = await startWith(db);
  srv = s.server;
  Object.assign(as, s.sessions);
  anon = client(srv.base);
});
after(() => srv?.stop());

const enc = encodeURIComponent;
const file = (c, party = PERSON) => c.officer.send('POST', '/workflow/cases', {
  case_type: 'penalty_ordinary', power: 'SC-CF-001', party,
  officers: ['37020200001', '37020200002'], violation_ended_on: '2026-03-01', discovered_on: '2026-03-02',
  ...SUBSTANCE,
});
async function ok(c, who, caseNo, action, fields) {
  const r = await c[who].send('POST', `/workflow/cases/${enc(caseNo)}/actions`, { action, fields });
  assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`);
  return r.body;
}
// 线索 → 决定审批, lawful back-entered dates (the same path as workflow.test.mjs).
async function toDecision(c, caseNo) {
  await ok(c, 'officer', caseNo, 'submit_filing', { on: '2026-03-03' });
  await ok(c, 'head', caseNo, 'approve_filing', { on: '2026-03-04' });
  await ok(c, 'officer', caseNo, 'finish_investigation', { on: '2026-03-10', measures: ['fine'], fine: 20000, tier: 'ordinary' });
  await ok(c, 'legal', caseNo, 'approve_case_review', { on: '2026-03-12' });
  await ok(c, 'officer', caseNo, 'record', { notified_on: '2026-03-16', hearing_right_notified: true });
  await ok(c, 'officer', caseNo, 'submit_decision', { on: '2026-03-24' });
}
const publication = (who, caseNo) => `/workflow/cases/${enc(caseNo)}/publication`;
const deadline = (view, name) => view.workflow.deadlines.find((d) => d.name === name);

test('a decision is published after it is made, and the portal shows it masked', async () => {
  const early = (await file(as)).body.case.case_no;
  const refused = await as.officer.send('POST', publication('officer', early), {});
  assert.equal(refused.status, 422, JSON.stringify(refused.body));
  assert.equal(refused.body.error.code, 'gate_not_decided');
  assert.match(refused.body.error.message, /《中华人民共和国行政处罚法》第四十八条/);

  const caseNo = (await file(as)).body.case.case_no;
  await toDecision(as, caseNo);
  const decided = await ok(as, 'head', caseNo, 'approve_decision', { on: '2026-03-25' });
  // the publicity period (市场监管: 20 working days, rule configuration) is on the case
  const due = deadline(decided, '公示处罚决定');
  assert.ok(due, JSON.stringify(decided.workflow.deadlines));
  assert.equal(due.due, '2026-04-23');
  assert.ok(!due.done_on);
  assert.match(due.article, /第四十八条/);
  // …and on the agency's 公示待办 list, not on another agency's
  const todo = (await as.officer.get('/workflow/publicity')).body.items.find((i) => i.case_no === caseNo);
  assert.equal(todo?.todo, 'publish');
  assert.equal(todo.deadline.due, '2026-04-23');
  assert.equal(todo.doc_no, decided.workflow.doc_no);
  assert.ok(!(await as.other.get('/workflow/publicity')).body.items.some((i) => i.case_no === caseNo));
  assert.equal((await as.supervisor.get('/workflow/publicity')).status, 403);

  // who may publish: the own agency's handlers only
  assert.equal((await as.other.send('POST', publication('other', caseNo), {})).status, 404);
  assert.equal((await as.supervisor.send('POST', publication('supervisor', caseNo), {})).status, 403);
  assert.equal((await anon.send('POST', publication('anon', caseNo), {})).status, 401);
  assert.equal((await as.officer.send('POST', publication('officer', caseNo), { on: '2999-01-01' })).status, 400);
  assert.equal((await as.officer.send('POST', publication('officer', caseNo), { on: '2026-03-20' })).status, 422);

  const r = await as.officer.send('POST', publication('officer', caseNo), { on: '2026-03-30', note: '门户网站公示' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.case.published_on, '2026-03-30');
  assert.equal(deadline(r.body, '公示处罚决定').done_on, '2026-03-30');
  assert.equal(deadline(r.body, '公示处罚决定').colour, 'green');
  assert.equal(r.body.timeline.at(-1).action, 'publish');
  assert.equal(r.body.timeline.at(-1).user, 'p_officer');
  assert.equal((await as.officer.send('POST', publication('officer', caseNo), {})).status, 409);
  assert.ok(!(await as.officer.get('/workflow/publicity')).body.items.some((i) => i.case_no === caseNo));

  // the portal: listed, the person masked, nothing of the name or ID anywhere in the answer
  const portal = await anon.get('/public/decisions?size=200');
  assert.equal(portal.status, 200);
  const item = portal.body.items.find((d) => d.case_no === caseNo);
  assert.ok(item, 'the published decision is on the portal');
  assert.deepEqual(item.party, { kind: 'person', name: '张**', id_no: '3702**********1232' });
  assert.equal(item.decision.doc_no, decided.workflow.doc_no);
  assert.equal(item.decision.fine, 20000);
  const byDocNo = await anon.get(`/public/decisions?q=${enc(decided.workflow.doc_no)}`);
  assert.deepEqual(byDocNo.body.items.map((d) => d.case_no), [caseNo], 'the portal finds a decision by its 文号');
  const text = JSON.stringify(portal.body);
  for (const secret of ['张三丰', '三丰', '370202198001011232', '198001011'])
    assert.ok(!text.includes(secret), `the portal leaks ${secret}`);
  for (const d of portal.body.items) {
    if (d.party?.kind === 'person') {
      assert.match(d.party.name, /^.\*\*$/u);
      if (d.party.id_no) assert.match(d.party.id_no, /^.{4}\*+.{4}$/);
    }
    assert.equal(d.officers, undefined);
  }

  // the publication is audited
  const audit = await as.auditor.get('/audit?action=workflow_publish&username=p_officer');
  assert.equal(audit.status, 200, JSON.stringify(audit.body));
  assert.ok(audit.body.items.some((e) => JSON.stringify(e).includes(caseNo)), JSON.stringify(audit.body.items));
});

test('a revoked decision is withdrawn from the portal with a reason, within 3 working days', async () => {
  const caseNo = (await file(as)).body.case.case_no;
  await toDecision(as, caseNo);
  await ok(as, 'head', caseNo, 'approve_decision', { on: '2026-03-25' });
  const pub = await as.officer.send('POST', publication('officer', caseNo), { on: '2026-03-27' });
  assert.equal(pub.status, 200, JSON.stringify(pub.body));
  assert.ok((await anon.get('/public/decisions?size=200')).body.items.some((d) => d.case_no === caseNo));

  // recording the revocation: kind, who, reason are validated
  const rev = `/workflow/cases/${enc(caseNo)}/revocation`;
  assert.equal((await as.head.send('POST', rev, { kind: 'revoked', by: 'review' })).status, 400);
  assert.equal((await as.head.send('POST', rev, { kind: 'gone', by: 'review', reason: 'x' })).status, 400);
  assert.equal((await as.head.send('POST', rev, { kind: 'revoked', by: 'court', reason: 'x' })).status, 400);
  assert.equal((await as.supervisor.send('POST', rev, { kind: 'revoked', by: 'review', reason: 'x' })).status, 403);
  assert.equal((await as.other.send('POST', rev, { kind: 'revoked', by: 'review', reason: 'x' })).status, 404);
  const revoked = await as.head.send('POST', rev,
    { revoked_on: '2026-04-30', kind: 'revoked', by: 'review', reason: '青政复决字〔2026〕8号行政复议决定撤销' });
  assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
  assert.equal(revoked.body.workflow.state.revocation.revoked_on, '2026-04-30');
  assert.equal(revoked.body.timeline.at(-1).action, 'revoke');
  assert.match(revoked.body.timeline.at(-1).note, /撤销（行政复议）/);
  // 行政复议法 第七十六条: the outcome becomes a supervision lead on the case at once
  const leads = (await as.supervisor.get('/leads?source=reconsideration&size=200')).body.items;
  const lead = leads.find((l) => l.case_no === caseNo);
  assert.ok(lead, JSON.stringify(leads));
  assert.equal(lead.agency, AGENCY);
  assert.equal(lead.status, 'received');
  assert.equal(lead.source_name, '行政复议');
  // 2026-04-30 + 3 working days: 05-01…05-05 are the Labour Day holidays, 05-09 a 调休 Saturday
  const due = deadline(revoked.body, '撤回公示信息');
  assert.ok(due, JSON.stringify(revoked.body.workflow.deadlines));
  assert.ok(!due.done_on);
  assert.match(due.article, /第四十八条第二款/);
  assert.equal(due.due, '2026-05-08');
  assert.equal((await as.head.send('POST', rev, { kind: 'revoked', by: 'review', reason: 'again' })).status, 409);
  const todo = (await as.officer.get('/workflow/publicity')).body.items.find((i) => i.case_no === caseNo);
  assert.equal(todo?.todo, 'withdraw');
  assert.equal(todo.deadline.due, '2026-05-08');
  assert.equal(todo.revocation.by, 'review');
  // not withdrawn yet: still listed until it is
  assert.ok((await anon.get('/public/decisions?size=200')).body.items.some((d) => d.case_no === caseNo));

  // the withdrawal needs a reason
  const url = publication('officer', caseNo);
  assert.equal((await as.officer.send('DELETE', url, {})).status, 400);
  assert.equal((await as.officer.send('DELETE', url, { reason: '   ' })).status, 400);
  assert.equal((await as.officer.send('DELETE', url, { reason: 'x'.repeat(501) })).status, 400);
  assert.equal((await as.supervisor.send('DELETE', url, { reason: '撤销' })).status, 403);
  assert.equal((await as.other.send('DELETE', url, { reason: '撤销' })).status, 404);
  assert.equal((await anon.send('DELETE', url, { reason: '撤销' })).status, 401);
  const w = await as.officer.send('DELETE', url, { on: '2026-05-06', reason: '处罚决定已被行政复议撤销' });
  assert.equal(w.status, 200, JSON.stringify(w.body));
  assert.equal(w.body.workflow.state.withdrawal.withdrawn_on, '2026-05-06');
  assert.equal(deadline(w.body, '撤回公示信息').done_on, '2026-05-06');
  assert.equal(deadline(w.body, '撤回公示信息').colour, 'green');
  assert.equal(w.body.timeline.at(-1).action, 'withdraw_publication');
  assert.equal(w.body.timeline.at(-1).note, '处罚决定已被行政复议撤销');
  // the record keeps when it was published (the rules and the ledger saw it); the portal drops it
  assert.equal(w.body.case.published_on, '2026-03-27');
  assert.ok(!(await anon.get('/public/decisions?size=200')).body.items.some((d) => d.case_no === caseNo));
  assert.ok(!(await as.officer.get('/workflow/publicity')).body.items.some((i) => i.case_no === caseNo));
  assert.equal((await as.officer.send('DELETE', url, { reason: '再次撤回' })).status, 409);
  const again = await as.officer.send('POST', url, {});
  assert.equal(again.status, 422);
  assert.equal(again.body.error.code, 'gate_revoked');
});

test('concurrent decision approvals take distinct, gap-free 文号 1..N', async () => {
  // A database with the demo's elements only, so the agency's 2026 numbering starts at 1.
  const db = path.join(tmpDir(), 'numbering.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const elements = fs.readFileSync(path.join(repoRoot, 'data/demo/demo.jsonl'), 'utf8').split('\n')
    .filter((l) => /"type":"(agency|officer|power|benchmark)"/.test(l)).join('\n');
  assert.equal(run(['--db', db, 'import', '-'], { input: elements + '\n' }).code, 0);
  const { server, sessions } = await startWith(db);
  try {
    const N = 8;
    const cases = [];
    for (let i = 0; i < N; i++) cases.push((await file(sessions, { kind: 'org', name: `青岛某某食品有限公司${i}`, id_no: '91370202091141705L' })).body.case.case_no);
    await Promise.all(cases.map((c) => toDecision(sessions, c)));
    const approved = await Promise.all(cases.map((c) => sessions.head.send('POST', `/workflow/cases/${enc(c)}/actions`,
      { action: 'approve_decision', fields: { on: '2026-03-25' } })));
    for (const r of approved) assert.equal(r.status, 200, JSON.stringify(r.body));
    const numbers = approved.map((r) => {
      const m = /^南市监处罚〔2026〕(\d+)号$/.exec(r.body.workflow.doc_no);
      assert.ok(m, r.body.workflow.doc_no);
      assert.equal(r.body.case.decision.doc_no, r.body.workflow.doc_no);
      return Number(m[1]);
    }).sort((a, b) => a - b);
    assert.deepEqual(numbers, Array.from({ length: N }, (_, i) => i + 1));
  } finally {
    await server.stop();
  }
});
