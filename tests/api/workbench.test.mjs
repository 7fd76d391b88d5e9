// 工作台 per role (issue 19): GET /api/v1/workbench counts each user's own queue in his data scope.
// A small dataset is built here — two agencies in two districts, online cases whose decision
// deadline (行政处罚法 60: 90 days from 立案, the end rolled past rest days, rules.md §1) is overdue,
// near or far, one waiting for 立案 approval, one at 法制审核, imported decisions of this year and
// last — and every count is computed from what was built (or read from the database with SQL of
// its own), never from the server's answer. An officer never counts another agency's cases.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, repoRoot, hasChinese, dbQuery } from './lib/zhifa.mjs';
import { SUBSTANCE } from './lib/substance.mjs';
import { addWd, isWorkday, todayChina } from './lib/calendar.mjs';

const A = '113702021588139920'; // 市南区市场监管局, region 370202
const B = '11370203869879736T'; // 市北区交通运输局, region 370203
const TODAY = todayChina();
const YEAR = TODAY.slice(0, 4);
const WARN_DAYS = 10; // rule config decision_warning_days, default (docs/rules.md)
const enc = encodeURIComponent;
const day = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
/** 90 natural days from 立案, the last day moved to the next working day when it is a rest day. */
function decisionDue(filed) {
  let d = day(filed, 90);
  while (!isWorkday(d)) d = day(d, 1);
  return d;
}
/** A working day `back` calendar days or more before today whose decision deadline has `want` colour. */
function filedFor(want) {
  for (let back = want === 'red' ? 120 : want === 'yellow' ? 80 : 30; back < 200; back++) {
    const filed = day(TODAY, -back);
    if (!isWorkday(filed)) continue;
    const left = daysBetween(TODAY, decisionDue(filed));
    if (want === 'red' && left < 0) return filed;
    if (want === 'yellow' && left >= 0 && left <= WARN_DAYS) return filed;
    if (want === 'green' && left > WARN_DAYS) return filed;
  }
  throw new Error(`no date for ${want}`);
}

let srv, db;
const as = {};
const built = { filedThisYear: { [A]: 0, [B]: 0 } };

// The agencies, officers and powers of the demo file, plus a second valid officer for B; two
// imported decisions: B's this year (fine 5000), A's last year (fine 3000).
function baseRecords() {
  const demo = fs.readFileSync(path.join(repoRoot, 'data/demo/demo.jsonl'), 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l)).filter((r) => ['agency', 'officer', 'power', 'benchmark'].includes(r.type));
  const extra = { type: 'officer', cert_no: '37020300009', name: '孙执法', agency: B, cert_valid_from: '2023-01-01',
    cert_valid_to: '2030-12-31', status: 'active' };
  const decided = (no, agency, power, on, fine, officers) => ({
    type: 'case', case_no: no, agency, kind: 'penalty', power, procedure: 'ordinary', party: { kind: 'org', name: '青岛某某有限公司', id_no: '91370202091141705L' },
    officers, filed_on: day(on, -20), decided_on: on, decision: { outcome: 'penalty', measures: ['fine'], fine, tier: 'ordinary' },
  });
  const thisYear = `${YEAR}-01-15` <= TODAY ? `${YEAR}-01-15` : TODAY;
  return [...demo, extra,
    decided('北交运罚〔2099〕1号', B, 'JT-CF-001', thisYear, 5000, ['37020300001', '37020300009']),
    decided('南市监罚〔2099〕2号', A, 'SC-CF-001', `${Number(YEAR) - 1}-06-15`, 3000, ['37020200001', '37020200002'])];
}

async function ok(who, caseNo, action, fields = {}) {
  const r = await as[who].send('POST', `/workflow/cases/${enc(caseNo)}/actions`, { action, fields });
  assert.equal(r.status, 200, `${who} ${action}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** An online case of `who` filed (立案 approved) on `filed`; `to` carries it further. */
async function caseFiled(who, head, agency, filed, to) {
  const power = agency === A ? 'SC-CF-001' : 'JT-CF-001';
  const officers = agency === A ? ['37020200001', '37020200002'] : ['37020300001', '37020300009'];
  const discovered = addWd(filed, -3);
  const r = await as[who].send('POST', '/workflow/cases', {
    case_type: 'penalty_ordinary', power, party: { kind: 'org', name: '青岛工作台测试有限公司', id_no: '91370202091141705L' },
    officers, violation_ended_on: day(discovered, -1), discovered_on: discovered, ...SUBSTANCE,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const no = r.body.case.case_no;
  if (to === 'clue') return no;
  await ok(who, no, 'submit_filing', { on: addWd(filed, -1) });
  if (to === 'awaiting_filing') return no;
  await ok(head, no, 'approve_filing', { on: filed });
  if (filed.startsWith(YEAR)) built.filedThisYear[agency]++;
  if (to === 'legal_review') {
    await ok(who, no, 'finish_investigation', { on: addWd(filed, 1), measures: ['fine'], fine: 20000, tier: 'ordinary', tier_reason: '初次违法' });
    await ok('reviewerA', no, 'approve_case_review', { on: addWd(filed, 2) });
    await ok(who, no, 'record', { notified_on: addWd(filed, 3), hearing_right_notified: true });
    const r2 = await ok(who, no, 'submit_legal_review', { on: addWd(filed, 10) });
    assert.equal(r2.workflow.stage, 'legal_review');
  }
  return no;
}

before(async () => {
  db = path.join(tmpDir(), 'workbench.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const imp = run(['--db', db, 'import', '-'], { input: baseRecords().map((x) => JSON.stringify(x)).join('\n') + '\n' });
  assert.equal(imp.code, 0, imp.stdout + imp.stderr);
  const users = {
    officerA: { role: 'officer', agency: A }, officerA2: { role: 'officer', agency: A }, headA: { role: 'agency_head', agency: A },
    reviewerA: { role: 'legal_reviewer', agency: A }, officerB: { role: 'officer', agency: B }, headB: { role: 'agency_head', agency: B },
    supervisor: { role: 'supervisor', region: '370200' }, supervisorB: { role: 'supervisor', region: '370203' },
    leader: { role: 'leader', region: '370200' }, leaderB: { role: 'leader', region: '370203' },
  };
  const made = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, addUser(db, { username: `wb_${k.toLowerCase()}`, ...u })]));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(made)) as[k] = await login(srv.base, u.username, u.password);

  // officer A: one overdue, one near, one far (at 法制审核), one still a 线索, one waiting for 立案 approval
  await caseFiled('officerA', 'headA', A, filedFor('red'));
  await caseFiled('officerA', 'headA', A, filedFor('yellow'));
  await caseFiled('officerA', 'headA', A, filedFor('green'), 'legal_review');
  await caseFiled('officerA', 'headA', A, TODAY, 'clue');
  await caseFiled('officerA', 'headA', A, TODAY, 'awaiting_filing');
  // another officer of A: an overdue case that is his, not officer A's
  await caseFiled('officerA2', 'headA', A, filedFor('red'));
  // officer B: two overdue cases, one waiting for approval
  await caseFiled('officerB', 'headB', B, filedFor('red'));
  await caseFiled('officerB', 'headB', B, filedFor('red'));
  await caseFiled('officerB', 'headB', B, TODAY, 'awaiting_filing');
  await caseFiled('officerB', 'headB', B, TODAY, 'awaiting_filing');
});
after(() => srv?.stop());

async function bench(who) {
  const r = await as[who].get('/workbench');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  for (const t of r.body.tiles) {
    assert.ok(hasChinese(t.title), t.title);
    assert.ok(['danger', 'warning', 'info'].includes(t.tone), t.tone);
    assert.match(t.link, /^\/[a-z]/);
  }
  return Object.fromEntries(r.body.tiles.map((t) => [t.key, t]));
}

test('an officer sees his own cases’ deadlines: red overdue, yellow within the warning days, his agency only', async () => {
  const a = await bench('officerA');
  assert.equal(a.my_overdue.count, 1);
  assert.equal(a.my_overdue.tone, 'danger');
  assert.equal(a.my_due_soon.count, 1);
  assert.equal(a.my_due_soon.tone, 'warning');
  assert.equal(a.my_overdue.link, '/cases/mine?mine=1&deadline=red');
  const list = (await as.officerA.get('/workbench')).body.lists.deadlines;
  assert.deepEqual(list.map((x) => x.colour), ['red', 'yellow']);
  assert.ok(list.every((x) => x.number && x.due && x.deadline));
  const b = await bench('officerB');
  assert.equal(b.my_overdue.count, 2);
  assert.equal(b.my_due_soon.count, 0);
  assert.equal(b.my_due_soon.tone, 'info');
  assert.equal((await bench('officerA2')).my_overdue.count, 1);
  // no tiles of other roles
  assert.equal(a.approvals, undefined);
  assert.equal(a.alerts_red, undefined);
});

test('an agency head sees the approvals waiting for him; a legal reviewer the cases at 法制审核', async () => {
  assert.equal((await bench('headA')).approvals.count, 1);
  assert.equal((await bench('headB')).approvals.count, 2);
  assert.equal((await bench('headA')).approvals.link, '/cases/approvals');
  const r = await bench('reviewerA');
  assert.equal(r.legal_review.count, 1);
  assert.equal(r.legal_review.link, '/cases/mine?stage=legal_review');
});

test('a supervisor sees open alerts, orders and leads of his region only', async () => {
  const count = (severity, prefix) => Number(dbQuery(db, `SELECT count(*) FROM findings f JOIN agencies a ON a.code = f.agency
    WHERE f.resolved_at IS NULL AND f.severity = '${severity}' AND a.region LIKE '${prefix}%'`));
  for (const [who, prefix] of [['supervisor', '3702'], ['supervisorB', '370203']]) {
    const s = await bench(who);
    assert.equal(s.alerts_red.count, count('violation', prefix), who);
    assert.equal(s.alerts_yellow.count, count('warning', prefix), who);
    assert.ok(s.alerts_new.count >= 0);
    assert.equal(s.alerts_red.link, '/supervision/alerts?severity=violation');
    assert.equal(s.orders_overdue.count, 0); // none issued
    assert.equal(s.leads_overdue.count, 0);
    assert.equal(s.leads_received.count, 0);
  }
  // the overdue online cases are violations the rules found (P08: 90 days passed)
  assert.ok((await bench('supervisor')).alerts_red.count >= 3);
  assert.ok((await bench('supervisor')).alerts_red.count > (await bench('supervisorB')).alerts_red.count);
});

test('a leader sees his region’s cases filed and decided this year, their fines and the open alerts', async () => {
  const l = await bench('leader');
  // filed this year: the online ones filed in YEAR, and the imported decision of this year (filed 20 days before it)
  const importedB = day(`${YEAR}-01-15` <= TODAY ? `${YEAR}-01-15` : TODAY, -20).startsWith(YEAR) ? 1 : 0;
  assert.equal(l.cases_filed.count, built.filedThisYear[A] + built.filedThisYear[B] + importedB);
  assert.equal(l.cases_decided.count, 1); // B's; A's was last year
  assert.equal(l.fines_yuan.count, 5000);
  const lb = await bench('leaderB');
  assert.equal(lb.cases_filed.count, built.filedThisYear[B] + importedB);
  assert.equal(lb.fines_yuan.count, 5000);
  assert.equal(l.cases_filed.link, `/supervision/cases?filed_from=${YEAR}-01-01`);
});

test('anonymous callers get 401', async () => {
  const r = await fetch(`${srv.base}/api/v1/workbench`);
  assert.equal(r.status, 401);
});
