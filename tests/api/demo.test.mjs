// The living demo (`zhifa init --demo`): online penalty cases at every stage, dated relative to
// the day of init so their deadlines are live; published decisions on the portal and one
// withdrawn; lawful (`zhifa check` finds nothing on them); the demo users can carry one forward
// to 结案; and every script in data/demo/workflow.jsonl, replayed through the API, gives exactly
// the case the loader stored (the loader writes directly, the API is the reference).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { backendArgs, dbQuery, run, runAsync, bin, tmpDir, startServer, login, client, rotated, jsonLines, repoRoot } from './lib/zhifa.mjs';
import { addWd, todayChina } from './lib/calendar.mjs';

const STAGES = ['clue', 'filing', 'investigation', 'case_review', 'notice', 'hearing', 'legal_review',
  'collective_discussion', 'decision', 'service', 'execution', 'closing', 'closed'];
const enc = encodeURIComponent;
let srv, db, initMs, anon, carried;
const as = {};

// "@-N" = the N-th working day before today (rules.md §1, lib/calendar.mjs).
const TODAY = todayChina();
const shift = (n) => addWd(TODAY, n);
const resolve = (v) => typeof v === 'string' && /^@[+-]?\d+$/.test(v) ? shift(Number(v.slice(1)))
  : Array.isArray(v) ? v.map(resolve)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)])) : v;
const scripts = fs.readFileSync(path.join(repoRoot, 'data/demo/workflow.jsonl'), 'utf8').split('\n').filter(Boolean)
  .map((l) => resolve(JSON.parse(l))).filter((l) => l.steps); // not the doc_numbers_taken line

before(async () => {
  db = path.join(tmpDir(), 'demo.db');
  // CPU time (user + sys) through time(1): the machine is shared, so wall time says little
  const r = spawnSync('/usr/bin/time', ['-f', 'zf-cpu %U %S', bin(), ...backendArgs(['--db', db, 'init', '--demo'])],
    { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const cpu = /zf-cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
  initMs = (Number(cpu[1]) + Number(cpu[2])) * 1000;
  const initial = Object.fromEntries([...r.stdout.matchAll(/^ {2}(\S+)\s+\S+\s+(\S{12})$/gm)].map((m) => [m[1], m[2]]));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const u of ['officer', 'head', 'reviewer', 'supervisor']) {
    const c = await login(srv.base, u, initial[u]);
    assert.equal(c.status, 200, u);
    const pw = `Demo-${u}-Pass-2026`;
    const changed = await c.send('PUT', '/session/password', { old_password: initial[u], new_password: pw });
    assert.equal(changed.status, 200);
    as[u] = rotated(srv.base, changed);
  }
  anon = client(srv.base);
});
after(() => srv?.stop());

async function demoCases() {
  const r = await as.officer.get('/workflow/cases?size=200');
  assert.equal(r.status, 200);
  return r.body.items;
}
const view = async (who, caseNo) => {
  const r = await as[who].get(`/workflow/cases/${enc(caseNo)}`);
  assert.equal(r.status, 200, `${caseNo}: ${JSON.stringify(r.body)}`);
  return r.body;
};

test('init --demo is fast and holds online cases at every stage, each with a timeline and live deadlines', async () => {
  // The budget is the product binary's: under `make asan` every allocation and access is checked
  // (2–4× the CPU), and the demo now draws and seals its 执法文书, so there only the rest is asserted.
  if (!process.env.ASAN_OPTIONS) assert.ok(initMs < 2000, `init --demo took ${initMs} ms of CPU`);
  const items = await demoCases();
  assert.equal(items.length, scripts.length);
  for (const s of STAGES) assert.ok(items.some((i) => i.stage === s && i.case_type === 'penalty_ordinary'), `no case at ${s}`);
  assert.ok(items.some((i) => i.case_type === 'penalty_simple' && i.stage === 'closed'), 'a simple-procedure case');
  let pending = 0;
  for (const i of items) {
    const v = await view('officer', i.case_no);
    assert.ok(v.timeline.length >= 1);
    assert.equal(v.timeline[0].action, 'file');
    for (const d of v.workflow.deadlines) {
      assert.notEqual(d.colour, 'red', `${i.case_no} ${d.name} ${JSON.stringify(d)}`);
      if (!d.done_on) pending++;
    }
    // dated relative to today: nothing happened in the future except a scheduled hearing
    for (const t of v.timeline) assert.ok(t.time.slice(0, 10) <= TODAY, JSON.stringify(t));
  }
  assert.ok(pending >= 5, `only ${pending} deadlines are running`);
  // the timeline shows who acted: officer, head and legal reviewer
  const users = new Set((await Promise.all(items.map((i) => view('officer', i.case_no)))).flatMap((v) => v.timeline.map((t) => t.user)));
  assert.deepEqual([...users].sort(), ['head', 'officer', 'reviewer']);
  // another agency's officer sees none of them; the supervisor may not handle cases
  assert.equal((await as.supervisor.get('/workflow/cases')).status, 403);
});

test('the demo cases waiting at 立案审批, 决定审批 and 结案审批 are in the head\'s 审批待办', async () => {
  const all = (await as.head.get('/workflow/approvals')).body.items;
  const cases = (await as.officer.get('/workflow/cases?size=200')).body.items;
  const inbox = all.filter((t) => t.type === 'approval');
  const waiting = cases.filter((c) => ['filing', 'decision', 'closing'].includes(c.stage)).map((c) => c.case_no);
  assert.equal(waiting.length, 3);
  assert.deepEqual(inbox.map((t) => t.case_no).sort(), waiting.sort());
  assert.deepEqual(inbox.map((t) => t.action).sort(), ['approve_decision', 'approve_filing', 'close']);
  // the rest of the head's inbox is the 集体讨论 work of the cases standing there (行政处罚法 57)
  const discussing = cases.filter((c) => c.stage === 'collective_discussion').map((c) => c.case_no);
  assert.deepEqual(all.filter((t) => t.type !== 'approval').map((t) => [t.type, t.case_no]).sort(),
    discussing.map((no) => ['collective', no]).sort());
  assert.deepEqual((await as.officer.get('/workflow/approvals')).body.items, [], 'nothing waits for an officer');
});

test('several demo decisions are on the portal, masked; the withdrawn one is not', async () => {
  const items = await demoCases();
  const views = await Promise.all(items.map((i) => view('officer', i.case_no)));
  const portal = (await anon.get('/public/decisions?size=200')).body.items.map((d) => d.case_no);
  const published = views.filter((v) => v.case.published_on && !v.workflow.state.withdrawal);
  const withdrawn = views.filter((v) => v.workflow.state.withdrawal);
  assert.ok(published.length >= 3, `${published.length} published`);
  assert.equal(withdrawn.length, 1);
  for (const v of published) assert.ok(portal.includes(v.case.case_no), v.case.case_no);
  assert.ok(!portal.includes(withdrawn[0].case.case_no));
  // online 文号 continue after the imported demo decisions' 〔2026〕1–15号, never repeating one
  for (const v of views.filter((x) => x.workflow.doc_no)) {
    const m = /〔(\d{4})〕(\d+)号$/.exec(v.workflow.doc_no);
    if (m[1] === '2026') assert.ok(Number(m[2]) > 15, v.workflow.doc_no);
  }
  assert.ok(withdrawn[0].timeline.some((t) => t.action === 'revoke'));
  const text = JSON.stringify((await anon.get('/public/decisions?size=200')).body);
  for (const v of views.filter((x) => x.case.party.kind === 'person')) {
    assert.ok(!text.includes(v.case.party.name), `the portal leaks ${v.case.party.name}`);
    assert.ok(!text.includes(v.case.party.id_no), `the portal leaks ${v.case.party.id_no}`);
  }
  // a decision revoked but not yet withdrawn shows the running withdrawal deadline
  const running = views.find((v) => v.workflow.state.revocation && !v.workflow.state.withdrawal);
  const due = running.workflow.deadlines.find((d) => d.name === '撤回公示信息');
  assert.ok(due && !due.done_on && due.days_left >= 0, JSON.stringify(running.workflow.deadlines));
});

test('the demo users carry a demo case from 决定 to 结案 lawfully, and `zhifa check` finds nothing on any demo online case', async () => {
  const item = (await demoCases()).find((i) => i.stage === 'decision');
  carried = item.case_no;
  const step = async (who, action, fields = {}) => {
    const r = await as[who].send('POST', `/workflow/cases/${enc(item.case_no)}/actions`, { action, fields });
    assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const decided = await step('head', 'approve_decision');
  assert.match(decided.workflow.doc_no, /^南市监处罚〔\d{4}〕\d+号$/);
  await step('officer', 'serve');
  const pub = await as.officer.send('POST', `/workflow/cases/${enc(item.case_no)}/publication`, {});
  assert.equal(pub.status, 200, JSON.stringify(pub.body));
  const requested = await step('officer', 'request_close', { paid_on: TODAY });
  assert.equal(requested.workflow.stage, 'closing');
  const closed = await step('head', 'close');
  assert.equal(closed.workflow.stage, 'closed');
  assert.ok((await anon.get('/public/decisions?size=200')).body.items.some((d) => d.case_no === item.case_no));

  const online = new Set((await demoCases()).map((i) => i.case_no));
  const check = run(['--db', db, 'check', '--format', 'json']);
  const findings = jsonLines(check.stdout).filter((f) => online.has(f.subject));
  assert.deepEqual(findings, []);
});

// ---- the loader agrees with the API ----------------------------------------------------------

function withoutDocNo(rec) {
  const r = structuredClone(rec);
  delete r.case_no;
  delete r.filing_no; // numbered in the order the cases were filed: the replay's come after the loader's
  if (r.decision) delete r.decision.doc_no;
  return r;
}
function withoutUsers(state) {
  const s = structuredClone(state);
  for (const k of ['revocation', 'withdrawal']) if (s[k]) delete s[k].user;
  return s;
}

async function replay(script) {
  const c = script.case;
  const filed = await as.officer.send('POST', '/workflow/cases', { case_type: script.case_type, ...c, note: script.steps[0].note });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  const caseNo = filed.body.case.case_no;
  const url = `/workflow/cases/${enc(caseNo)}`;
  let last = filed.body;
  for (const s of script.steps.slice(1)) {
    let r;
    if (s.action === 'publish') r = await as[s.user].send('POST', `${url}/publication`, { on: s.on, note: s.note });
    else if (s.action === 'revoke') r = await as[s.user].send('POST', `${url}/revocation`, { revoked_on: s.on, ...s.revocation });
    else if (s.action === 'withdraw_publication') r = await as[s.user].send('DELETE', `${url}/publication`, { on: s.on, reason: s.reason });
    else r = await as[s.user].send('POST', `${url}/actions`, { action: s.action, note: s.note, fields: { ...s.fields, on: s.on } });
    assert.equal(r.status, 200, `${s.action}: ${JSON.stringify(r.body)}`);
    last = r.body;
  }
  return last;
}

test('every demo script replayed through the API gives the case the loader stored', async () => {
  const stored = await Promise.all((await demoCases()).map((i) => view('officer', i.case_no)));
  // list order is newest first; the loader numbers 线索 in file order
  stored.sort((a, b) => Number(a.case.case_no.split('-').at(-1)) - Number(b.case.case_no.split('-').at(-1)));
  assert.equal(stored.length, scripts.length);
  for (const [i, script] of scripts.entries()) {
    const demo = stored[i];
    if (demo.case.case_no === carried) continue; // carried forward to 结案 above
    const api = await replay(script);
    const what = `line ${i + 1} (${demo.case.case_no})`;
    assert.equal(api.workflow.stage, demo.workflow.stage, what);
    assert.deepEqual(withoutDocNo(api.case), withoutDocNo(demo.case), what);
    assert.deepEqual(withoutUsers(api.workflow.state), withoutUsers(demo.workflow.state), what);
    assert.equal(Boolean(api.workflow.doc_no), Boolean(demo.workflow.doc_no), what);
    assert.equal(Boolean(api.case.filing_no), Boolean(demo.case.filing_no), what);
    const steps = (v) => v.timeline.map((t) => [t.action, t.from_stage, t.to_stage, t.note, t.user]);
    assert.deepEqual(steps(api), steps(demo), what);
  }
});

// Asynchronous: a synchronous init under ASan blocks this process's event loop for longer than the
// server keeps an idle keep-alive connection, and the next request then races the server's close.
test('init --demo run again on the same database adds no online case and no order twice', async () => {
  const again = path.join(tmpDir(), 'again.db');
  const count = (table) => dbQuery(again, `SELECT count(*) FROM ${table}`).trim();
  assert.equal((await runAsync(['--db', again, 'init', '--demo'], { timeout: 120000 })).code, 0);
  assert.equal(count('case_workflow'), String(scripts.length));
  const orders = count('orders');
  await runAsync(['--db', again, 'init', '--demo'], { timeout: 120000 }); // the demo users exist already: that part refuses
  assert.equal(count('case_workflow'), String(scripts.length));
  assert.equal(count('orders'), orders);
});

test('the demo\'s 线索受理 board holds a 12345 work order dispatched to the agency, a complaint, a 信访 lead answered and a reconsideration finding', async () => {
  const items = (await as.supervisor.get('/leads?size=200')).body.items;
  const by = Object.fromEntries(items.map((l) => [l.source, l]));
  assert.equal(by.hotline_12345?.status, 'dispatched');
  assert.equal(by.hotline_12345.due_on, shift(5), '12345: 5 working days from receipt');
  assert.equal(by.complaint?.status, 'received');
  assert.equal(by.petition?.status, 'answered');
  assert.equal(by.reconsideration?.status, 'received');
  const inbox = (await as.head.get('/leads?size=200')).body.items.map((l) => l.source).sort();
  assert.deepEqual(inbox, ['hotline_12345', 'petition'], 'the agency sees what was dispatched to it');
});

test('the demo holds supervision orders in every state, one overdue and escalated, linked to alerts', async () => {
  const items = (await as.supervisor.get('/orders?size=200')).body.items;
  assert.deepEqual([...new Set(items.map((o) => o.status))].sort(),
    ['accepted', 'draft', 'issued', 'received', 'responded', 'returned']);
  const late = items.filter((o) => o.overdue && o.escalation >= 1);
  assert.equal(late.length, 1);
  assert.ok(late[0].due_on < TODAY);
  for (const o of items.filter((x) => x.issued_on)) assert.ok(o.due_on > o.issued_on && o.doc_no);
  const linked = (await as.supervisor.get('/findings?size=200')).body.items.filter((f) => f.order);
  assert.ok(linked.length >= 2, 'the alert board shows orders on its findings');
  const issued = items.find((o) => o.status === 'issued' && o.issued_on < TODAY);
  const back = await as.head.send('POST', `/orders/${issued.id}/actions`, { action: 'receive', on: issued.issued_on });
  assert.equal(back.status, 422, 'the agency may not date its acts back: lateness is the server\'s to tell');
  const inbox = (await as.head.get('/orders?todo=1&size=200')).body.items;
  assert.ok(inbox.length >= 3 && inbox.every((o) => ['issued', 'received', 'returned'].includes(o.status)));
});
