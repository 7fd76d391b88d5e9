// 重大行政执法决定备案 against the real server: an imported major decision is filed with the
// supervisor by the sweep that re-checks the import, dated today (China), due 15 natural days after
// service with the last day moved off holidays (computed here from data/holidays/*.json, not by
// the server), late when filed after it; a decision below every threshold is not filed; scope;
// the review and its one-time rule.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, hasChinese, repoRoot, dbQuery } from './lib/zhifa.mjs';
import { cnid, uscc } from './lib/codes.mjs';

const A1 = '113702021588139920'; // 市南区市场监督管理局 (370202)
const A2 = '11370203869879736T'; // 市北区交通运输局 (370203)
const LATE = 'FT-重大〔2026〕1号', ONTIME = 'FT-重大〔2026〕2号', MINOR = 'FT-一般〔2026〕3号';
const TODAY = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10); // the server's day (UTC+8)
let srv, db, sup, supOther, head, headOther, leader;

// The official calendar: listed days follow the list, other days are working days Monday–Friday.
const year = Number(TODAY.slice(0, 4));
const listed = new Map([2026, year, year + 1].flatMap((y) => {
  const f = path.join(repoRoot, `data/holidays/${y}.json`);
  return fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')).days.map((d) => [d.date, d.isOffDay]) : [];
}));
const iso = (d) => d.toISOString().slice(0, 10);
const daysBefore = (day, n) => { const d = new Date(`${day}T00:00:00Z`); d.setUTCDate(d.getUTCDate() - n); return iso(d); };
const YESTERDAY = daysBefore(TODAY, 1);
function isWorkday(day) {
  if (listed.has(day)) return !listed.get(day);
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
}
// 民法典 201, 203: counted from the next day; a last day that is a holiday moves to the next working day.
function dueAfterNaturalDays(start, n) {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  while (!isWorkday(iso(d))) d.setUTCDate(d.getUTCDate() + 1);
  return iso(d);
}

const decided = (no, party, fine, extra = {}) => JSON.stringify({
  type: 'case', case_no: no, agency: A1, kind: 'penalty', power: 'SC-CF-001', party,
  officers: ['37020200001', '37020200002'], procedure: 'ordinary', filed_on: '2026-08-03',
  decision: { outcome: 'penalty', measures: ['fine'], fine }, ...extra,
});
const org = { kind: 'org', name: '青岛测试贸易有限公司', id_no: uscc('91370202MA3C7R1X0') };
const person = { kind: 'person', name: '李四', id_no: cnid('37020219800101123') };

before(async () => {
  const dir = tmpDir();
  db = path.join(dir, 'filings.db');
  assert.equal(run(['--db', db, 'init', '--demo'], { timeout: 120000 }).code, 0);
  const users = [
    addUser(db, { username: 'f_sup', role: 'supervisor', region: '370202' }),
    addUser(db, { username: 'f_sup_other', role: 'supervisor', region: '370203' }),
    addUser(db, { username: 'f_head', role: 'agency_head', agency: A1 }),
    addUser(db, { username: 'f_head_other', role: 'agency_head', agency: A2 }),
    addUser(db, { username: 'f_leader', role: 'leader', region: '370200' }),
  ];
  const file = path.join(dir, 'decisions.jsonl');
  fs.writeFileSync(file, [
    // 单位 150,000 yuan ≥ 100,000: major; served Sunday 09-20 (a 调休 working day)
    decided(LATE, org, 150000, { decided_on: '2026-09-15', served_on: '2026-09-20' }),
    // 个人 20,000 yuan ≥ 10,000: major; service not recorded → from the decision
    decided(ONTIME, person, 20000, { decided_on: YESTERDAY }),
    // 单位 50,000 yuan < 100,000, a fine only: not major
    decided(MINOR, org, 50000, { decided_on: YESTERDAY, served_on: TODAY }),
  ].join('\n') + '\n');
  // the import re-checks the few cases it stored at once: that sweep files them
  const imp = run(['--db', db, 'import', file]);
  assert.equal(imp.code, 0, imp.stderr);
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  [sup, supOther, head, headOther, leader] = await Promise.all(users.map((u) => login(srv.base, u.username, u.password)));
});
after(() => srv?.stop());

async function filingOf(who, caseNo) {
  const r = await who.get(`/filings?q=${encodeURIComponent(caseNo)}`);
  assert.equal(r.status, 200);
  return r.body.items.find((f) => f.case_no === caseNo);
}

test('an imported major decision is filed by the sweep after the import, due 15 days after service past National Day, late', async () => {
  const f = await filingOf(sup, LATE);
  assert.ok(f, 'filed');
  const due = dueAfterNaturalDays('2026-09-20', 15);
  assert.equal(due, '2026-10-08'); // 10-05 falls in 国庆 (10-01…10-07 off)
  assert.equal(f.due_on, due);
  assert.equal(f.filed_on, TODAY);
  assert.equal(f.served_on, '2026-09-20');
  assert.equal(f.late, TODAY > due);
  assert.equal(f.agency_name, '青岛市市南区市场监督管理局');
  assert.equal(f.status, 'pending');
  assert.equal(f.status_name, '待审查');
  assert.match(f.reasons, /罚款 150000\.00 元/);
  assert.ok(hasChinese(f.reasons));
});

test('without a recorded service the period runs from the decision; filed in time it is not late', async () => {
  const f = await filingOf(sup, ONTIME);
  assert.ok(f, 'filed');
  assert.equal(f.due_on, dueAfterNaturalDays(YESTERDAY, 15));
  assert.equal(f.filed_on, TODAY);
  assert.equal(f.served_on, null);
  assert.equal(f.late, false);
  assert.match(f.reasons, /个人/);
});

test('a decision below every threshold is not filed', async () => {
  assert.equal(await filingOf(sup, MINOR), undefined);
});

test('filing is idempotent: another sweep files nothing twice', async () => {
  assert.equal((await sup.send('POST', '/findings/sweep', {})).status, 200);
  const all = (await sup.get('/filings?size=200')).body.items.filter((f) => f.case_no.startsWith('FT-'));
  assert.deepEqual(all.map((f) => f.case_no).sort(), [LATE, ONTIME].sort());
  const events = dbQuery(db, "SELECT count(*) FROM ledger_events WHERE type = 'filing.add' AND subject LIKE 'FT-%'").trim();
  assert.equal(events, '2');
});

test('late=1 lists the late filings only', async () => {
  const r = await sup.get('/filings?late=1&size=200');
  assert.equal(r.status, 200);
  assert.ok(r.body.items.length > 0);
  assert.ok(r.body.items.every((f) => f.late === true));
  assert.ok(r.body.items.some((f) => f.case_no === LATE));
  assert.ok(!r.body.items.some((f) => f.case_no === ONTIME));
});

test('scope: another region\'s supervisor and another agency\'s head get 404; the own agency\'s head sees it', async () => {
  const f = await filingOf(sup, LATE);
  assert.equal((await supOther.get(`/filings/${f.id}`)).status, 404);
  assert.equal((await headOther.get(`/filings/${f.id}`)).status, 404);
  assert.equal((await filingOf(supOther, LATE)), undefined);
  assert.equal((await headOther.get('/filings?size=200')).body.items.length, 0);
  const own = await head.get(`/filings/${f.id}`);
  assert.equal(own.status, 200);
  assert.equal(own.body.case_no, LATE);
  assert.equal((await leader.get(`/filings/${f.id}`)).status, 200);
  assert.equal((await supOther.send('POST', `/filings/${f.id}/review`, { result: 'no_objection' })).status, 404);
  assert.equal((await head.send('POST', `/filings/${f.id}/review`, { result: 'no_objection' })).status, 403);
});

test('review: bad input refused with the field; no_objection once; 409 the second time', async () => {
  const f = await filingOf(sup, ONTIME);
  const bad = await sup.send('POST', `/filings/${f.id}/review`, { result: 'maybe' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'result');
  const noProblem = await sup.send('POST', `/filings/${f.id}/review`, { result: 'opinion', measures: '补正' });
  assert.equal(noProblem.status, 400);
  assert.equal(noProblem.body.error.field, 'problem');
  assert.ok(hasChinese(noProblem.body.error.message));
  const ok = await sup.send('POST', `/filings/${f.id}/review`, { result: 'no_objection', note: '程序合法，裁量适当' });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.status, 'reviewed');
  assert.equal(ok.body.status_name, '已审查');
  assert.equal(ok.body.result_name, '无异议');
  assert.equal(ok.body.reviewer, 'f_sup');
  assert.equal(ok.body.note, '程序合法，裁量适当');
  const again = await sup.send('POST', `/filings/${f.id}/review`, { result: 'no_objection' });
  assert.equal(again.status, 409);
  assert.ok(hasChinese(again.body.error.message));
  assert.equal((await sup.get('/filings?status=reviewed&size=200')).body.items.some((x) => x.id === f.id), true);
  assert.equal((await sup.get('/filings?status=pending&size=200')).body.items.some((x) => x.id === f.id), false);
});

test('提出意见 drafts an 执法监督意见书 to the agency about the case, which the agency does not see until issued', async () => {
  const f = await filingOf(sup, LATE);
  const r = await sup.send('POST', `/filings/${f.id}/review`, {
    result: 'opinion', problem: '罚款数额未说明裁量理由', measures: '补充说明裁量理由', note: '见意见书',
    basis: [{ law: '行政处罚法', article: '第五条' }],
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.result, 'opinion');
  assert.ok(r.body.order_id, 'the opinion is an order');
  const o = await sup.get(`/orders/${r.body.order_id}`);
  assert.equal(o.status, 200);
  assert.equal(o.body.kind, 'opinion');
  assert.equal(o.body.status, 'draft');
  assert.equal(o.body.agency, A1);
  assert.deepEqual(o.body.case_nos, [LATE]);
  assert.deepEqual(o.body.findings, []);
  assert.equal((await head.get(`/orders/${r.body.order_id}`)).status, 404, 'a draft is the supervisor\'s own business');
});

test('unknown or malformed filing ids are 404', async () => {
  assert.equal((await sup.get('/filings/999999')).status, 404);
  assert.equal((await sup.get('/filings/abc')).status, 404);
});

test('the demo holds filed major decisions, one filed in time and one late', async () => {
  const demo = (await sup.get('/filings?size=200')).body.items.filter((f) => !f.case_no.startsWith('FT-'));
  assert.ok(demo.some((f) => f.case_no === '南市监处罚〔2026〕8号' && !f.late && f.filed_on === '2026-02-24'));
  assert.ok(demo.some((f) => f.case_no === '南市监处罚〔2026〕6号' && f.late));
});
