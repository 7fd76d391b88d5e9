// Enforcement elements (三库) over HTTP: agencies, officers (with the 即将到期 view), powers with
// their basis resolved into the law library, and benchmarks — listed within the data scope across
// two regions, edited through the same validator as `zhifa import`, outside the scope as if absent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, hasChinese } from './lib/zhifa.mjs';
import { uscc, usccWrongCheck } from './lib/codes.mjs';

const QD = uscc('11370202MB1000001'); // 370202 青岛市南
const QD2 = uscc('11370203MB1000002'); // 370203 青岛市北
const BJ = uscc('11110101MB2000003'); // 110101 北京东城
let srv, db, users;

// Today in China (UTC+8) ± n days, as YYYY-MM-DD.
const chinaDay = (n = 0) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

const officer = (cert_no, agency, cert_valid_to, extra = {}) => ({
  type: 'officer', cert_no, name: `人员${cert_no}`, agency, cert_valid_from: '2020-01-01', cert_valid_to, status: 'active', ...extra,
});

before(async () => {
  db = path.join(tmpDir(), 'elements.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const records = [
    { type: 'agency', code: QD, name: '青岛市市南区测试局', region: '370202', level: 'county', kind: 'department', sector: 'market_regulation' },
    { type: 'agency', code: QD2, name: '青岛市市北区测试局', region: '370203', level: 'county', kind: 'department', sector: 'transport' },
    { type: 'agency', code: BJ, name: '北京市东城区测试局', region: '110101', level: 'county', kind: 'department' },
    officer('QD-0', QD, chinaDay(0)), // expires today: still valid, inside the view
    officer('QD-30', QD, chinaDay(30)), // the last day of the 30-day window
    officer('QD-31', QD, chinaDay(31)), // one day beyond it
    officer('QD-PAST', QD, chinaDay(-1)), // already expired: not "expiring"
    officer('QD-SUSP', QD, chinaDay(5), { status: 'suspended' }), // not active
    officer('QD2-5', QD2, chinaDay(5)),
    officer('BJ-5', BJ, chinaDay(5)),
    { type: 'power', code: 'QD-P1', name: '对某违法行为的行政处罚', kind: 'penalty', agencies: [QD],
      basis: [{ law: '中华人民共和国行政处罚法', article: '第二十八条' }, { law: '某不存在的条例', article: '第一条' }] },
    { type: 'power', code: 'BJ-P1', name: '北京的行政检查', kind: 'inspection', agencies: [BJ] },
    { type: 'benchmark', power: 'QD-P1', tiers: [{ tier: 'light', fine_min: 0, fine_max: 5000 }, { tier: 'heavy', fine_min: 5000, fine_max: 20000 }] },
    { type: 'benchmark', power: 'BJ-P1', tiers: [{ tier: 'light', fine_min: 0, fine_max: 100 }] },
  ];
  const r = run(['--db', db, 'import', '-'], { input: records.map((x) => JSON.stringify(x)).join('\n') + '\n' });
  assert.equal(r.code, 0, r.stderr);
  users = {
    qdSup: addUser(db, { username: 'qd_sup', role: 'supervisor', region: '370200' }),
    bjSup: addUser(db, { username: 'bj_sup', role: 'supervisor', region: '110000' }),
    qdHead: addUser(db, { username: 'qd_head', role: 'agency_head', agency: QD }),
    qdOfficer: addUser(db, { username: 'qd_officer', role: 'officer', agency: QD }),
    leader: addUser(db, { username: 'qd_leader', role: 'leader', region: '370000' }),
  };
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
});
after(() => srv?.stop());

const as = async (u) => {
  const c = await login(srv.base, u.username, u.password);
  assert.equal(c.status, 200, JSON.stringify(c.body));
  return c;
};
const certs = (body) => body.items.map((o) => o.cert_no).sort();

test('officers are listed within the data scope, with their agency name', async () => {
  const qd = await as(users.qdSup);
  const r = await qd.get('/officers?size=200');
  assert.equal(r.status, 200);
  assert.deepEqual(certs(r.body), ['QD-0', 'QD-30', 'QD-31', 'QD-PAST', 'QD-SUSP', 'QD2-5']);
  assert.equal(r.body.items.find((o) => o.cert_no === 'QD2-5').agency_name, '青岛市市北区测试局');
  const bj = await as(users.bjSup);
  assert.deepEqual(certs((await bj.get('/officers')).body), ['BJ-5']);
  const head = await as(users.qdHead);
  assert.ok(certs((await head.get('/officers')).body).every((c) => c.startsWith('QD-')));
  assert.deepEqual(certs((await qd.get(`/officers?agency=${QD2}`)).body), ['QD2-5']);
  assert.deepEqual(certs((await qd.get('/officers?status=suspended')).body), ['QD-SUSP']);
  assert.deepEqual(certs((await qd.get('/officers?q=PAST')).body), ['QD-PAST']);
  const bad = await qd.get('/officers?status=lost');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'status');
});

test('the 即将到期 view holds active certificates ending today through today + N days', async () => {
  const qd = await as(users.qdSup);
  const r = await qd.get('/officers?expiring_within_days=30');
  assert.equal(r.status, 200);
  assert.deepEqual(certs(r.body), ['QD-0', 'QD-30', 'QD2-5']);
  assert.equal(r.body.items[0].cert_no, 'QD-0', 'soonest first');
  assert.deepEqual(certs((await qd.get('/officers?expiring_within_days=0')).body), ['QD-0']);
  assert.deepEqual(certs((await qd.get('/officers?expiring_within_days=31')).body), ['QD-0', 'QD-30', 'QD-31', 'QD2-5']);
  assert.equal((await qd.get('/officers?expiring_within_days=-1')).status, 400);
});

test('one officer: in scope 200, outside the scope 404 as if absent', async () => {
  const qd = await as(users.qdSup);
  const r = await qd.get('/officers/QD-30');
  assert.equal(r.status, 200);
  assert.equal(r.body.agency_name, '青岛市市南区测试局');
  const out = await qd.get('/officers/BJ-5');
  assert.equal(out.status, 404);
  assert.ok(hasChinese(out.body.error.message));
  assert.equal((await qd.get('/officers/NOPE')).status, 404);
});

test('PUT an officer: saved, validated like import, path key wins', async () => {
  const qd = await as(users.qdSup);
  const rec = (await qd.get('/officers/QD-31')).body;
  delete rec.type;
  const ok = await qd.send('PUT', '/officers/QD-31', { ...rec, name: '改名后' });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal((await qd.get('/officers/QD-31')).body.name, '改名后');
  assert.equal(ok.body.agency_name, undefined, 'derived fields are not stored');
  const created = await qd.send('PUT', '/officers/QD-NEW', officer('QD-NEW', QD, '2030-01-01'));
  assert.equal(created.status, 201);
  // exported as an exchange-v1 record with type first
  const line = run(['--db', db, 'export']).stdout.split('\n').find((l) => l.includes('"QD-NEW"'));
  assert.ok(line.startsWith('{"type":"officer","cert_no":"QD-NEW"'), line);

  const cases = [
    [{ ...rec, cert_valid_to: '2026-02-30' }, 'cert_valid_to'],
    [{ ...rec, status: 'lost' }, 'status'],
    [{ ...rec, cert_no: 'QD-0' }, 'cert_no'],
    [{ ...rec, type: 'agency' }, 'type'],
    [{ ...rec, name: undefined }, 'name'],
  ];
  for (const [body, field] of cases) {
    const r = await qd.send('PUT', '/officers/QD-31', body);
    assert.equal(r.status, 400, `${field}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.field, field);
    assert.ok(hasChinese(r.body.error.message), r.body.error.message);
  }
  assert.equal((await qd.get('/officers/QD-31')).body.name, '改名后', 'refused edits change nothing');
});

test('a PUT tells an outsider nothing a create would not: the body is checked before the key, a key held elsewhere is 409 and audited', async () => {
  const head = await as(users.qdHead);
  const probe = async (cert) => head.send('PUT', `/officers/${cert}`, {});
  const [held, absent] = [await probe('QD2-5'), await probe('NOBODY-1')];
  assert.equal(held.status, 400);
  assert.deepEqual(held.body, absent.body);
  // a complete officer of my own agency under a number another agency's officer holds
  const taken = await head.send('PUT', '/officers/QD2-5', officer('QD2-5', QD, chinaDay(5)));
  assert.equal(taken.status, 409, JSON.stringify(taken.body));
  assert.ok(hasChinese(taken.body.error.message));
  assert.equal((await (await as(users.qdSup)).get('/officers/QD2-5')).body.agency, QD2, 'the officer stays with his agency');
  const auditor = await as(addUser(db, { username: 'el_auditor2', role: 'auditor' }));
  const a = await auditor.get('/audit?username=qd_head&action=element_put');
  assert.ok(a.body.items.some((e) => e.target === 'QD2-5' && e.result === 'refused'), JSON.stringify(a.body.items.slice(0, 3)));
});

test('PUT outside the scope is 404; without elements.write 403', async () => {
  const qd = await as(users.qdSup);
  const bjRec = officer('BJ-5', BJ, chinaDay(5));
  assert.equal((await qd.send('PUT', '/officers/BJ-5', bjRec)).status, 404);
  // moving one of mine to an agency I cannot see
  const moved = await qd.send('PUT', '/officers/QD-0', officer('QD-0', BJ, chinaDay(0)));
  assert.equal(moved.status, 404);
  assert.equal(moved.body.error.field, 'agency');
  const head = await as(users.qdHead);
  assert.equal((await head.send('PUT', '/officers/QD2-5', officer('QD2-5', QD2, chinaDay(5)))).status, 404);
  const bj = await as(users.bjSup);
  assert.equal((await bj.get('/officers/BJ-5')).body.name, '人员BJ-5');
  for (const u of [users.qdOfficer, users.leader]) {
    const c = await as(u);
    const r = await c.send('PUT', '/officers/QD-30', officer('QD-30', QD, chinaDay(30)));
    assert.equal(r.status, 403, u.username);
    assert.equal((await c.get('/officers/QD-30')).status, 200, `${u.username} may still read`);
  }
});

test('agencies: get and edit within the scope; bad USCC in path or body refused', async () => {
  const qd = await as(users.qdSup);
  const a = await qd.get(`/agencies/${QD2}`);
  assert.equal(a.status, 200);
  assert.equal((await qd.get(`/agencies/${BJ}`)).status, 404);
  const ok = await qd.send('PUT', `/agencies/${QD2}`, { ...a.body, name: '青岛市市北区新名称局' });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal((await qd.get(`/agencies/${QD2}`)).body.name, '青岛市市北区新名称局');

  const wrong = usccWrongCheck(QD2);
  const inPath = await qd.send('PUT', `/agencies/${wrong}`, { ...a.body, code: undefined });
  assert.equal(inPath.status, 400);
  assert.equal(inPath.body.error.field, 'code');
  assert.ok(hasChinese(inPath.body.error.message));
  const mismatch = await qd.send('PUT', `/agencies/${QD2}`, { ...a.body, code: wrong });
  assert.equal(mismatch.status, 400);
  assert.equal(mismatch.body.error.field, 'code');
  const level = await qd.send('PUT', `/agencies/${QD2}`, { ...a.body, level: 'galaxy' });
  assert.equal(level.body.error.field, 'level');
  // into a region outside the scope
  const away = await qd.send('PUT', `/agencies/${QD2}`, { ...a.body, region: '110101' });
  assert.equal(away.status, 404);
  // an incomplete body is refused before the key is looked up: nothing said of BJ's existence
  assert.equal((await qd.send('PUT', `/agencies/${BJ}`, { name: 'x' })).status, 400);

  // an agency head edits his own agency only
  const head = await as(users.qdHead);
  const own = (await head.get(`/agencies/${QD}`)).body;
  assert.equal((await head.send('PUT', `/agencies/${QD}`, { ...own, sector: 'health' })).status, 200);
  assert.equal((await head.send('PUT', `/agencies/${QD2}`, { ...a.body })).status, 404);
});

test('powers: scoped list, detail with benchmark and basis resolved to the law library', async () => {
  const qd = await as(users.qdSup);
  const list = await qd.get('/powers');
  assert.deepEqual(list.body.items.map((p) => p.code), ['QD-P1']);
  assert.deepEqual((await qd.get('/powers?kind=inspection')).body.items, []);
  const bj = await as(users.bjSup);
  assert.deepEqual((await bj.get('/powers')).body.items.map((p) => p.code), ['BJ-P1']);
  assert.equal((await qd.get('/powers/BJ-P1')).status, 404);

  const d = await qd.get('/powers/QD-P1');
  assert.equal(d.status, 200);
  assert.equal(d.body.power.name, '对某违法行为的行政处罚');
  assert.deepEqual(d.body.agencies, [{ code: QD, name: '青岛市市南区测试局' }]);
  assert.equal(d.body.benchmark.tiers.length, 2);
  const [law, missing] = d.body.basis;
  assert.ok(law.law_id > 0);
  assert.equal(law.number, 28);
  assert.equal(law.key, '28');
  const art = await qd.get(`/laws/${law.law_id}/articles/28`);
  assert.equal(art.status, 200);
  assert.equal(missing.law_id, null, 'a law the library lacks stays unlinked');

  const ok = await qd.send('PUT', '/powers/QD-P1', { ...d.body.power, name: '新名称' });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const bad = await qd.send('PUT', '/powers/QD-P1', { ...d.body.power, kind: 'magic' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'kind');
  const away = await qd.send('PUT', '/powers/QD-P1', { ...d.body.power, agencies: [BJ] });
  assert.equal(away.status, 404);
  // a valid power of mine under a code another region holds: the code is taken (409), nothing changes
  const taken = await qd.send('PUT', '/powers/BJ-P1', { name: 'x', kind: 'other', agencies: [QD] });
  assert.equal(taken.status, 409);
  assert.equal(taken.body.error.code, 'key_in_use');
  assert.equal((await bj.get('/powers/BJ-P1')).body.power.name, '北京的行政检查');
});

test('benchmarks: read and edit the tiers of a visible power only', async () => {
  const qd = await as(users.qdSup);
  const b = await qd.get('/benchmarks/QD-P1');
  assert.equal(b.status, 200);
  assert.equal((await qd.get('/benchmarks/BJ-P1')).status, 404);
  const tiers = [...b.body.tiers, { tier: 'ordinary', fine_min: 100, fine_max: 900, conditions: '首次' }];
  const ok = await qd.send('PUT', '/benchmarks/QD-P1', { tiers });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal((await qd.get('/benchmarks/QD-P1')).body.tiers.length, 3);
  const neg = await qd.send('PUT', '/benchmarks/QD-P1', { tiers: [{ tier: 'light', fine_min: -1, fine_max: 5 }] });
  assert.equal(neg.status, 400);
  assert.match(neg.body.error.field, /^tiers/);
  assert.ok(hasChinese(neg.body.error.message));
  assert.equal((await qd.send('PUT', '/benchmarks/BJ-P1', { tiers })).status, 404);
  const officerC = await as(users.qdOfficer);
  assert.equal((await officerC.send('PUT', '/benchmarks/QD-P1', { tiers })).status, 403);
});

test('an agency head may not rewrite the region\'s 权责清单 or 裁量基准 by PUT, as he may not by upload', async () => {
  const head = await as(users.qdHead);
  const power = (await head.get('/powers/QD-P1')).body.power;
  const p = await head.send('PUT', '/powers/QD-P1', { ...power, agencies: [QD, QD2] });
  assert.equal(p.status, 403, JSON.stringify(p.body));
  assert.ok(hasChinese(p.body.error.message));
  const b = await head.send('PUT', '/benchmarks/QD-P1', { tiers: [{ tier: 'light', fine_min: 0, fine_max: 1 }] });
  assert.equal(b.status, 403, JSON.stringify(b.body));
  const qd = await as(users.qdSup);
  assert.deepEqual((await qd.get('/powers/QD-P1')).body.power.agencies, [QD]);
});

test('every element write is audited', async () => {
  const qd = await as(users.qdSup);
  const rec = (await qd.get('/officers/QD-30')).body;
  assert.equal((await qd.send('PUT', '/officers/QD-30', { ...rec, name: '审计测试' })).status, 200);
  const auditor = await as(addUser(db, { username: 'el_auditor', role: 'auditor' }));
  const r = await auditor.get(`/audit?username=qd_sup&q=${encodeURIComponent('/api/v1/officers/QD-30')}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.ok(r.body.items.some((e) => e.action === 'PUT' && e.target === '/api/v1/officers/QD-30' && e.result === 'ok'), JSON.stringify(r.body.items.slice(0, 3)));
});
