// Supervision API against the real server on the demo database: stored findings, filters,
// per-agency summary, sweep on demand, versioned rule configuration, case detail; bad input → 400.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { run, tmpDir, startServer, hasChinese, addUser, login, repoRoot, jsonLines } from './lib/zhifa.mjs';

// The demo's imported records are the worked examples of rules.md; under catalogue v2 their
// findings at 2026-05-20 are rules-examples.v2.expected.jsonl (the online demo cases have none).
const expected = jsonLines(fs.readFileSync(path.join(repoRoot, 'tests/data/rules-examples.v2.expected.jsonl'), 'utf8'));
const TOTAL = expected.length;

let srv, sup;
const json = (p) => sup.get(p);
const send = (method, p, body) => sup.send(method, p, body);

before(async () => {
  const db = path.join(tmpDir(), 'demo.db');
  const r = run(['--db', db, 'init', '--demo']);
  assert.equal(r.code, 0, r.stderr);
  const user = addUser(db, { username: 'sup', role: 'supervisor', region: '370000' });
  srv = await startServer({ db, args: ['--sweep-every', '0'] }); // only the test sweeps: no race with the clock
  sup = await login(srv.base, user.username, user.password);
  assert.equal(sup.status, 200);
  // Pin the findings to the worked examples' date, so counts do not depend on today.
  const s = await send('POST', '/findings/sweep', { as_of: '2026-05-20' });
  assert.equal(s.status, 200);
});
after(() => srv?.stop());

async function assertBadParam(p, field) {
  const { status, body } = await json(p);
  assert.equal(status, 400, p);
  assert.equal(body.error.field, field, p);
  assert.ok(hasChinese(body.error.message), body.error.message);
}

test('findings lists the open alerts, paginated, with agency names', async () => {
  const { status, body } = await json('/findings?size=5');
  assert.equal(status, 200);
  assert.equal(body.total, TOTAL);
  assert.equal(body.items.length, 5);
  assert.deepEqual([body.page, body.size], [1, 5]);
  const f = body.items[0];
  for (const k of ['id', 'rule', 'severity', 'subject_type', 'subject', 'agency', 'agency_name', 'law', 'message', 'first_seen', 'last_seen', 'age_days'])
    assert.ok(k in f, k);
  assert.equal(f.resolved_at, null);
});

test('findings filters by rule, severity and subject', async () => {
  const p08 = (await json('/findings?rule=P08')).body;
  assert.equal(p08.total, 2);
  assert.ok(p08.items.every((f) => f.rule === 'P08'));
  const warn = (await json('/findings?severity=warning')).body;
  assert.deepEqual(warn.items.map((f) => f.rule).sort(), expected.filter((f) => f.severity === 'warning').map((f) => f.rule).sort());
  const one = (await json(`/findings?subject_type=case&subject=${encodeURIComponent('南市监处罚〔2026〕3号')}`)).body;
  assert.deepEqual(one.items.map((f) => [f.rule, f.due_on]), [['P08', '2025-10-09']]);
});

test('findings region filter covers the region and everything below it', async () => {
  const city = (await json('/findings?region=370200')).body.total;
  const province = (await json('/findings?region=370000')).body.total;
  const shinan = (await json('/findings?region=370202')).body;
  const shibei = (await json('/findings?region=370203')).body;
  assert.equal(city, TOTAL);
  assert.equal(province, TOTAL);
  assert.equal(shinan.total + shibei.total, TOTAL);
  assert.ok(shibei.items.every((f) => f.region === '370203'));
  assert.equal((await json('/findings?region=110000')).body.total, 0);
});

test('findings sector and keyword filters', async () => {
  const transport = (await json('/findings?sector=transport')).body;
  assert.ok(transport.total > 0 && transport.items.every((f) => f.sector === 'transport'));
  const q = (await json(`/findings?q=${encodeURIComponent('九十日')}`)).body;
  assert.ok(q.total >= 1 && q.items.every((f) => f.message.includes('九十日')));
});

test('findings refuses malformed filters with 400 naming the parameter', async () => {
  await assertBadParam('/findings?rule=X99', 'rule');
  await assertBadParam('/findings?rule=P99', 'rule');
  await assertBadParam('/findings?status=bogus', 'status');
  await assertBadParam('/findings?severity=fatal', 'severity');
  await assertBadParam('/findings?region=37', 'region');
  await assertBadParam('/findings?size=500', 'size');
  await assertBadParam('/findings?page=0', 'page');
  await assertBadParam('/findings?min_age_days=-1', 'min_age_days');
  await assertBadParam(`/findings?q=${'长'.repeat(60)}`, 'q');
  await assertBadParam('/findings?agency=%27%20OR%201%3D1', 'agency');
});

test('summary counts open violations and warnings per agency', async () => {
  const { status, body } = await json('/findings/summary');
  assert.equal(status, 200);
  const names = body.items.map((a) => a.agency_name);
  assert.ok(names.includes('青岛市市南区市场监督管理局'));
  const total = body.items.reduce((n, a) => n + a.violations + a.warnings, 0);
  assert.equal(total, TOTAL);
  assert.ok(body.items[0].violations >= body.items.at(-1).violations);
});

test('sweep on demand validates as_of and reports its counts', async () => {
  const bad = await send('POST', '/findings/sweep', { as_of: '2026-02-30' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'as_of');
  const notJson = await send('POST', '/findings/sweep', 'not json');
  assert.equal(notJson.status, 400);
  const ok = await send('POST', '/findings/sweep', { as_of: '2026-05-20' });
  assert.equal(ok.status, 200);
  assert.deepEqual([ok.body.findings, ok.body.new, ok.body.resolved], [TOTAL, 0, 0]);
});

test('rules lists the whole catalogue with titles and articles', async () => {
  const { body } = await json('/rules');
  assert.equal(body.total, 36); // rules.md §3–§5 (26) and §7 (10)
  for (const id of ['P19', 'P20', 'P21', 'P22', 'P23', 'C02', 'C04', 'L03', 'A01', 'A02'])
    assert.ok(hasChinese(body.items.find((r) => r.id === id).title), id);
  const p08 = body.items.find((r) => r.id === 'P08');
  assert.equal(p08.severity, 'both');
  assert.match(p08.law, /第六十条/);
  assert.ok(body.items.every((r) => hasChinese(r.title)));
});

test('rule-config saves a new version that the sweep then uses', async () => {
  const before = (await json('/rule-config')).body;
  assert.ok(before.params.find((p) => p.name === 'publicity_wd'));
  // Lower the hearing threshold for persons to 5,000 yuan in market regulation: P05 changes.
  const put = await send('PUT', '/rule-config', { overrides: [{ param: 'decision_warning_days', sector: '', region: '', value: 3 }] });
  assert.equal(put.status, 200);
  assert.equal(put.body.version, before.version + 1);
  assert.equal(put.body.params.find((p) => p.name === 'decision_warning_days').value, 3);
  const s = await send('POST', '/findings/sweep', { as_of: '2026-05-20' });
  assert.equal(s.body.config_version, put.body.version);
  // The P08 warning (deadline 2026-05-25, 5 days away) is outside a 3-day window now.
  assert.equal(s.body.resolved, 1);
  const restore = await send('PUT', '/rule-config', { overrides: [] });
  assert.equal(restore.status, 200);
  await send('POST', '/findings/sweep', { as_of: '2026-05-20' });
});

test('rule-config refuses bad overrides with the field of the bad entry', async () => {
  const cases = [
    [{ overrides: [{ param: 'no_such', value: 1 }] }, 'overrides[0].param'],
    [{ overrides: [{ param: 'publicity_wd', value: -1 }] }, 'overrides[0].value'],
    [{ overrides: [{ param: 'publicity_wd', value: 1.5 }] }, 'overrides[0].value'],
    [{ overrides: [{ param: 'publicity_wd', region: '37', value: 1 }] }, 'overrides[0].region'],
    [{ overrides: [{ param: 'publicity_wd', sector: 'DROP TABLE', value: 1 }] }, 'overrides[0].sector'],
    [{ overrides: {} }, 'overrides'],
  ];
  for (const [body, field] of cases) {
    const r = await send('PUT', '/rule-config', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.body.error.field, field);
    assert.ok(hasChinese(r.body.error.message));
  }
  const version = (await json('/rule-config')).body.version;
  assert.equal((await send('PUT', '/rule-config', '{"overrides":')).status, 400);
  assert.equal((await json('/rule-config')).body.version, version, 'a refused save must not create a version');
});

test('case detail returns the record and its findings; unknown case is 404', async () => {
  const no = '南市监处罚〔2026〕3号';
  const { status, body } = await json(`/cases/${encodeURIComponent(no)}`);
  assert.equal(status, 200);
  assert.equal(body.case.case_no, no);
  assert.deepEqual(body.findings.map((f) => f.rule), ['P08']);
  const missing = await json(`/cases/${encodeURIComponent('不存在的案号')}`);
  assert.equal(missing.status, 404);
  assert.match(missing.body.error.message, /案件不存在/);
  const long = await json(`/cases/${'x'.repeat(200)}`);
  assert.equal(long.status, 400);
});

test('the background sweeper re-checks after an import marks the data changed', async () => {
  const db = path.join(tmpDir(), 'bg.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const user = addUser(db, { username: 'sup', role: 'supervisor', region: '370000' });
  const live = await startServer({ db, args: ['--sweep-every', '1'] });
  const c = await login(live.base, user.username, user.password);
  try {
    const lines = [
      { type: 'agency', code: '113702021588139920', name: '市南区市场监管局', region: '370202', level: 'county', kind: 'department' },
      { type: 'case', case_no: '后台检查案', agency: '113702021588139920', kind: 'penalty' },
    ].map((r) => JSON.stringify(r)).join('\n');
    assert.equal(run(['--db', db, 'import', '-'], { input: lines + '\n' }).code, 0);
    let items = [];
    for (let i = 0; i < 100 && !items.length; i++) { // poll up to 10 s; the sweeper wakes every second
      await new Promise((r) => setTimeout(r, 100));
      items = (await c.get(`/findings?subject=${encodeURIComponent('后台检查案')}`)).body.items;
    }
    // No officers, no power: found without anyone asking for a sweep.
    assert.deepEqual(items.map((f) => f.rule).sort(), ['P01', 'P16']);
  } finally {
    await live.stop();
  }
});

test('importing a few cases re-checks just those cases at once, without a sweep', async () => {
  const db = path.join(tmpDir(), 'one.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const user = addUser(db, { username: 'sup', role: 'supervisor', region: '370000' });
  const s = await startServer({ db, args: ['--sweep-every', '0'] }); // no sweeper: only the import can have checked
  const c = await login(s.base, user.username, user.password);
  try {
    const before = (await c.get('/findings?status=all&size=1')).body.total;
    // An edited case: 南市监处罚〔2026〕3号 decided in time now (P08 resolved), and a new case with one officer (P01).
    const edited = { type: 'case', case_no: '南市监处罚〔2026〕3号', agency: '113702021588139920', kind: 'penalty', power: 'SC-CF-001',
      officers: ['37020200001', '37020200002'], procedure: 'ordinary', filed_on: '2025-07-03', notified_on: '2025-08-01',
      hearing_right_notified: true, decided_on: '2025-08-20', decision: { outcome: 'no_penalty' } };
    const added = { type: 'case', case_no: '南市监处罚〔2026〕99号', agency: '113702021588139920', kind: 'penalty', power: 'SC-CF-001',
      officers: ['37020200001'], procedure: 'ordinary', filed_on: '2026-11-20' };
    const r = run(['--db', db, 'import', '-'], { input: [edited, added].map((x) => JSON.stringify(x)).join('\n') + '\n' });
    assert.equal(r.code, 0, r.stderr);
    const p08 = (await c.get(`/findings?status=all&subject=${encodeURIComponent(edited.case_no)}&rule=P08`)).body.items;
    assert.ok(p08.length >= 1 && p08.every((f) => f.resolved_at !== null), 'the edited case no longer breaks P08');
    const mine = (await c.get(`/findings?subject=${encodeURIComponent(added.case_no)}`)).body.items.map((f) => f.rule);
    assert.deepEqual(mine, ['P01']);
    // Every other case's findings are as they were: one new row in all.
    assert.equal((await c.get('/findings?status=all&size=1')).body.total, before + 1);
  } finally {
    await s.stop();
  }
});
