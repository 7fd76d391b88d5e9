// One case, one number, found by any of its numbers (issue 19, docs/case-record.md "Numbers"): an
// online case gets its 案件编号 at 立案 — the year of the 立案 date, not today's — and its 文号 at the
// decision; the 线索号, the 案件编号 and the 文号 each open the case at /cases/{n} and
// /workflow/cases/{n} and find it with ?q=; data scope still holds whichever number is used; the
// pattern is a setting checked like the 文号's; the demo's numbers carry the year of their act.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { backend, run, tmpDir, startServer, addUser, login, dbQuery, hasChinese } from './lib/zhifa.mjs';
import { SUBSTANCE } from './lib/substance.mjs';

const AGENCY = '113702021588139920'; // 青岛市市南区市场监督管理局: 简称 南市监
const OTHER = '11370203869879736T';
const enc = encodeURIComponent;
let srv, db;
const as = {};

before(async () => {
  db = path.join(tmpDir(), 'numbers.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const users = {
    officer: addUser(db, { username: 'n_officer', role: 'officer', agency: AGENCY }),
    head: addUser(db, { username: 'n_head', role: 'agency_head', agency: AGENCY }),
    legal: addUser(db, { username: 'n_legal', role: 'legal_reviewer', agency: AGENCY }),
    other: addUser(db, { username: 'n_other', role: 'officer', agency: OTHER }),
    otherHead: addUser(db, { username: 'n_other_head', role: 'agency_head', agency: OTHER }),
    supervisor: addUser(db, { username: 'n_sup', role: 'supervisor', region: '370200' }),
    admin: addUser(db, { username: 'n_admin', role: 'sysadmin' }),
  };
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(users)) as[k] = await login(srv.base, u.username, u.password);
});
after(() => srv?.stop());

async function ok(who, caseNo, action, fields = {}) {
  const r = await as[who].send('POST', `/workflow/cases/${enc(caseNo)}/actions`, { action, fields });
  assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`);
  return r.body;
}

// Filed on the last working days of 2025 and decided in 2026: the two numbers carry different years.
const FILED_ON = '2025-12-30';
const DECIDED_ON = '2026-01-21';
let numbers; // { clue, filing, doc }

async function caseThroughDecision() {
  const r = await as.officer.send('POST', '/workflow/cases', {
    case_type: 'penalty_ordinary', power: 'SC-CF-001',
    party: { kind: 'org', name: '青岛编号测试食品有限公司', id_no: '91370202091141705L' },
    officers: ['37020200001', '37020200002'], violation_ended_on: '2025-12-20', discovered_on: '2025-12-22', ...SUBSTANCE,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const clue = r.body.case.case_no;
  assert.equal(r.body.case.filing_no, undefined, 'no 案件编号 before 立案');
  await ok('officer', clue, 'submit_filing', { on: '2025-12-29' });
  const filed = await ok('head', clue, 'approve_filing', { on: FILED_ON });
  await ok('officer', clue, 'finish_investigation',
    { on: '2026-01-06', measures: ['fine'], fine: 20000, tier: 'ordinary', tier_reason: '初次违法，配合调查' });
  await ok('legal', clue, 'approve_case_review', { on: '2026-01-08' });
  await ok('officer', clue, 'record', { notified_on: '2026-01-12', hearing_right_notified: true });
  await ok('officer', clue, 'submit_decision', { on: '2026-01-20' });
  const decided = await ok('head', clue, 'approve_decision', { on: DECIDED_ON });
  return { clue, filing: filed.case.filing_no, doc: decided.case.decision.doc_no, decided };
}

test('立案 gives the case its 案件编号 in the year of the 立案 date; the 文号 keeps the decision year', async () => {
  numbers = await caseThroughDecision();
  const filingYear = FILED_ON.slice(0, 4), decisionYear = DECIDED_ON.slice(0, 4);
  const f = /^南市监立〔(\d{4})〕(\d+)号$/.exec(numbers.filing ?? '');
  assert.ok(f, `案件编号 ${numbers.filing}`);
  assert.equal(f[1], filingYear);
  const d = /^南市监处罚〔(\d{4})〕(\d+)号$/.exec(numbers.doc ?? '');
  assert.ok(d, `文号 ${numbers.doc}`);
  assert.equal(d[1], decisionYear);
  // the decision kept the 案件编号 it was given at 立案
  assert.equal(numbers.decided.case.filing_no, numbers.filing);
  // the column beside the body carries it (migration 039)
  assert.equal(dbQuery(db, `SELECT filing_no FROM cases WHERE case_no = '${numbers.clue}'`), numbers.filing);
});

test('the 案件编号 sequence counts filings apart from decisions: a second 立案 the same year takes the next number', async () => {
  const r = await as.officer.send('POST', '/workflow/cases', {
    case_type: 'penalty_ordinary', power: 'SC-CF-001',
    party: { kind: 'org', name: '青岛编号测试二号有限公司', id_no: '91370202091141705L' },
    officers: ['37020200001', '37020200002'], violation_ended_on: '2025-12-20', discovered_on: '2025-12-22', ...SUBSTANCE,
  });
  const clue = r.body.case.case_no;
  await ok('officer', clue, 'submit_filing', { on: '2025-12-29' });
  const filed = await ok('head', clue, 'approve_filing', { on: FILED_ON });
  const seq = (n) => Number(/〔\d{4}〕(\d+)号$/.exec(n)[1]);
  assert.equal(seq(filed.case.filing_no), seq(numbers.filing) + 1);
});

test('each of the three numbers opens the case at /cases/{n} and /workflow/cases/{n}', async () => {
  for (const n of [numbers.clue, numbers.filing, numbers.doc]) {
    const a = await as.officer.get(`/cases/${enc(n)}`);
    assert.equal(a.status, 200, `${n}: ${JSON.stringify(a.body)}`);
    assert.equal(a.body.case_no ?? a.body.case?.case_no, numbers.clue, n);
    const w = await as.officer.get(`/workflow/cases/${enc(n)}`);
    assert.equal(w.status, 200, n);
    assert.equal(w.body.case.case_no, numbers.clue, n);
    // and the routes below it: the timeline
    const t = await as.officer.get(`/cases/${enc(n)}/timeline`);
    assert.equal(t.status, 200, `${n} timeline`);
    // the supervisor of the region too
    assert.equal((await as.supervisor.get(`/cases/${enc(n)}`)).status, 200, `supervisor ${n}`);
  }
  // padded with spaces (as pasted), still the case
  assert.equal((await as.officer.get(`/cases/${enc(` ${numbers.filing} `)}`)).status, 200);
  // an action by the 案件编号 acts on the case
  const r = await as.officer.send('POST', `/workflow/cases/${enc(numbers.filing)}/actions`,
    { action: 'record', fields: { on: '2026-01-22' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.case.case_no, numbers.clue);
});

test('?q= with any of the numbers finds exactly the case', async () => {
  for (const n of [numbers.clue, numbers.filing, numbers.doc]) {
    const r = await as.officer.get(`/cases?q=${enc(n)}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.items.map((i) => i.case_no), [numbers.clue], n);
    assert.equal(r.body.items[0].filing_no, numbers.filing);
    assert.equal(r.body.items[0].doc_no, numbers.doc);
  }
  // a part of a number is still the contains-search, which reads the 案件编号 too
  const part = await as.officer.get(`/cases?q=${enc('南市监立〔2025〕')}`);
  assert.ok(part.body.items.some((i) => i.case_no === numbers.clue));
});

test('scope holds by any number: another agency gets 404 and finds nothing', async () => {
  for (const who of ['other', 'otherHead']) {
    for (const n of [numbers.clue, numbers.filing, numbers.doc]) {
      const a = await as[who].get(`/cases/${enc(n)}`);
      assert.equal(a.status, 404, `${who} /cases/${n}`);
      assert.ok(hasChinese(a.body.error.message));
      assert.equal((await as[who].get(`/cases/${enc(n)}/timeline`)).status, 404, `${who} timeline ${n}`);
      const q = await as[who].get(`/cases?q=${enc(n)}`);
      assert.equal(q.status, 200);
      assert.equal(q.body.total, 0, `${who} ?q=${n}`);
    }
  }
  for (const n of [numbers.clue, numbers.filing, numbers.doc]) {
    const w = await as.other.get(`/workflow/cases/${enc(n)}`);
    assert.equal(w.status, 404, `other /workflow/cases/${n}`);
    const act = await as.other.send('POST', `/workflow/cases/${enc(n)}/actions`, { action: 'record', fields: {} });
    assert.equal(act.status, 404, `other action ${n}`);
  }
});

test('case_number_pattern is a setting with its basis, checked like the 文号 pattern, used by the next 立案', async () => {
  const list = (await as.admin.get('/settings')).body.items;
  const row = list.find((s) => s.name === 'case_number_pattern');
  assert.ok(row, 'the setting is listed');
  assert.equal(row.value, '{abbr}立〔{year}〕{seq}号');
  assert.ok(hasChinese(row.basis) && hasChinese(row.description));
  for (const bad of ['{abbr}立〔{year}〕号', '{abbr}立〔2026〕{seq}号', '{abbr}立〔{year}〕{seq}{seq}号', '{who}{year}{seq}', '']) {
    const r = await as.admin.send('PUT', '/settings/case_number_pattern', { value: bad });
    assert.equal(r.status, 400, `${bad}: ${JSON.stringify(r.body)}`);
    assert.ok(hasChinese(r.body.error.message), r.body.error.message);
  }
  const set = await as.admin.send('PUT', '/settings/case_number_pattern', { value: '{abbr}案立〔{year}〕第{seq}号' });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  const r = await as.officer.send('POST', '/workflow/cases', {
    case_type: 'penalty_ordinary', power: 'SC-CF-001', party: { kind: 'org', name: '青岛格式测试有限公司', id_no: '91370202091141705L' },
    officers: ['37020200001', '37020200002'], violation_ended_on: '2026-11-20', discovered_on: '2026-11-23', ...SUBSTANCE,
  });
  await ok('officer', r.body.case.case_no, 'submit_filing', { on: '2026-11-24' });
  const filed = await ok('head', r.body.case.case_no, 'approve_filing', { on: '2026-11-25' });
  assert.match(filed.case.filing_no, /^南市监案立〔2026〕第\d+号$/);
  assert.equal((await as.admin.send('PUT', '/settings/case_number_pattern', { value: '{abbr}立〔{year}〕{seq}号' })).status, 200);
});

test('exchange-v1 takes filing_no as an optional string of at most 64 characters and exports it', async () => {
  const base = { type: 'case', agency: AGENCY, kind: 'inspection', officers: ['37020200001', '37020200002'],
    inspected_on: '2026-04-02', result: 'ok', closed_on: '2026-04-02' };
  const good = { ...base, case_no: '南市监检查〔2026〕700号', filing_no: '南市监立〔2026〕700号' };
  const long = { ...base, case_no: '南市监检查〔2026〕701号', filing_no: '立'.repeat(65) };
  const num = { ...base, case_no: '南市监检查〔2026〕702号', filing_no: 702 };
  const input = [good, long, num].map((x) => JSON.stringify(x)).join('\n') + '\n';
  await srv.stop();
  const r = run(['--db', db, 'import', '-'], { input });
  const out = r.stdout + r.stderr;
  assert.match(out, /filing_no/, out);
  assert.equal(dbQuery(db, `SELECT filing_no FROM cases WHERE case_no = '${good.case_no}'`), good.filing_no);
  assert.equal(dbQuery(db, `SELECT count(*) FROM cases WHERE case_no IN ('${long.case_no}', '${num.case_no}')`), '0');
  const exported = run(['--db', db, 'export']).stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  assert.equal(exported.find((x) => x.case_no === good.case_no)?.filing_no, good.filing_no);
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  as.officer = await login(srv.base, 'n_officer', 'Zf-n_officer-Pass-2026');
  // an imported 案件编号 finds its case too
  assert.equal((await as.officer.get(`/cases/${enc(good.filing_no)}`)).status, 200);
});

test('the demo: every number carries the year of the act it numbers; online cases past 立案 have their 案件编号', () => {
  const demo = path.join(tmpDir(), 'demo.db');
  assert.equal(run(['--db', demo, 'init', '--demo']).code, 0);
  const [arr, obj] = backend === 'pg' ? ['json_agg', 'json_build_object'] : ['json_group_array', 'json_object'];
  const rows = JSON.parse(dbQuery(demo, `SELECT ${arr}(${obj}('case_no', case_no, 'filed_on', filed_on,
    'decided_on', decided_on, 'doc_no', doc_no, 'filing_no', filing_no,
    'online', EXISTS (SELECT 1 FROM case_workflow w WHERE w.case_no = cases.case_no))) FROM cases`));
  const yearIn = (n) => /〔(\d{4})〕/.exec(n ?? '')?.[1];
  let decided = 0, filedOnline = 0;
  for (const c of rows) {
    if (c.doc_no) {
      decided++;
      assert.equal(yearIn(c.doc_no), c.decided_on.slice(0, 4), `${c.case_no}: 文号 ${c.doc_no} decided ${c.decided_on}`);
    }
    // an imported decision known by its 处罚 number (the sender's key) is numbered in its decision's year
    if (!c.online && c.decided_on && /处罚〔\d{4}〕/.test(c.case_no))
      assert.equal(yearIn(c.case_no), c.decided_on.slice(0, 4), `${c.case_no} decided ${c.decided_on}`);
    if (c.online && c.filed_on) {
      filedOnline++;
      assert.ok(c.filing_no, `${c.case_no} filed ${c.filed_on} without 案件编号`);
      assert.equal(yearIn(c.filing_no), c.filed_on.slice(0, 4), `${c.case_no}: ${c.filing_no} filed ${c.filed_on}`);
    }
    if (c.online && !c.filed_on) assert.equal(c.filing_no, null, `${c.case_no} numbered before 立案`);
  }
  assert.ok(decided > 0 && filedOnline > 0, `${decided} decided, ${filedOnline} filed online`);
  // the numbers are unique in the installation
  assert.equal(dbQuery(demo, `SELECT count(*) FROM (SELECT filing_no FROM cases WHERE filing_no IS NOT NULL
    GROUP BY filing_no HAVING count(*) > 1) AS repeated`), '0');
});
