// Upload scope is checked against what is stored, not only against what the line claims: a line
// whose key already belongs to another agency or region is rejected with its reason and changes
// nothing, for every record type, as every role that may upload, in JSON Lines and in .xlsx.
// An online (网上办理) case's record is written by its workflow: an upload may not rewrite it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { backend, dbQuery, run, tmpDir, startServer, addUser, login, hasChinese } from './lib/zhifa.mjs';
import { fillTemplate } from './lib/xlsx.mjs';

const A1 = '113702021588139920'; // 市南区市场监督管理局 (370202)
const A2 = '11370203869879736T'; // 市北区交通运输局 (370203)
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let srv, db, who = {};

const sql = (q) => dbQuery(db, q).trim();
const exportAll = () => run(['--db', db, 'export']).stdout;

before(async () => {
  db = path.join(tmpDir(), 'scope.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const users = {
    officer1: { role: 'officer', agency: A1 },
    head1: { role: 'agency_head', agency: A1 },
    reviewer1: { role: 'legal_reviewer', agency: A1 },
    officer2: { role: 'officer', agency: A2 },
    sup202: { role: 'supervisor', region: '370202' },
    sup203: { role: 'supervisor', region: '370203' },
  };
  const made = Object.fromEntries(Object.entries(users).map(([u, o]) => [u, addUser(db, { username: `sc_${u}`, ...o })]));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [u, c] of Object.entries(made)) who[u] = await login(srv.base, c.username, c.password);
});
after(() => srv?.stop());

async function upload(client, body, type = 'application/x-ndjson') {
  const r = await client.raw('/api/v1/imports', { method: 'POST', body, headers: { 'Content-Type': type, 'X-CSRF-Token': client.csrf } });
  return { status: r.status, body: await r.json() };
}

const storedBody = (table, keyCol, key) => JSON.parse(sql(`SELECT body FROM ${table} WHERE ${keyCol} = '${key}'`));
const demoCase = (agency) => sql(`SELECT case_no FROM cases c WHERE agency = '${agency}' AND kind = 'penalty'
  AND NOT EXISTS (SELECT 1 FROM case_workflow w WHERE w.case_no = c.case_no) ORDER BY case_no LIMIT 1`);

/** Every line must be refused with a Chinese reason naming the data scope, and nothing stored changes. */
async function assertAllRefused(client, lines, label) {
  const before = exportAll();
  const r = await upload(client, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  assert.equal(r.status, 200, `${label}: ${JSON.stringify(r.body)}`);
  assert.equal(r.body.imported, 0, `${label}: ${JSON.stringify(r.body.errors)}`);
  assert.equal(r.body.rejected, lines.length, label);
  for (const e of r.body.errors) assert.ok(hasChinese(e.error) && /范围|网上办理/.test(e.error), `${label}: ${e.error}`);
  assert.equal(exportAll(), before, `${label}: the stored records changed`);
  return r.body.errors;
}

test('an agency\'s users cannot take over another agency\'s case or officer by uploading it under their own agency', async () => {
  const theirCase = storedBody('cases', 'case_no', demoCase(A2));
  const theirOfficer = storedBody('officers', 'cert_no', '37020300001');
  for (const u of ['officer1', 'head1', 'reviewer1']) {
    const errors = await assertAllRefused(who[u], [{ ...theirCase, agency: A1 }, { ...theirOfficer, agency: A1 }], u);
    assert.deepEqual(errors.map((e) => e.key), [theirCase.case_no, theirOfficer.cert_no]);
  }
  // B's own officer still sees both
  assert.equal((await who.officer2.get(`/cases/${encodeURIComponent(theirCase.case_no)}`)).status, 200);
  assert.equal((await who.officer2.get('/officers/37020300001')).status, 200);
});

test('a region supervisor cannot rewrite another region\'s case, officer, agency, power or benchmark by upload', async () => {
  const theirCase = storedBody('cases', 'case_no', demoCase(A1));
  const theirOfficer = storedBody('officers', 'cert_no', '37020200001');
  const theirAgency = storedBody('agencies', 'code', A1);
  const theirPower = storedBody('powers', 'code', 'SC-CF-001');
  const theirBenchmark = storedBody('benchmarks', 'power', 'SC-CF-001');
  await assertAllRefused(who.sup203, [
    { ...theirCase, agency: A2 },
    { ...theirOfficer, agency: A2 },
    { ...theirAgency, region: '370203' },
    { ...theirPower, agencies: [A2] },
    { ...theirBenchmark, tiers: [{ tier: 'light', fine_min: 0, fine_max: 1 }] },
  ], 'sup203');
  // a new power must name an implementing agency in the uploader's scope, as PUT /powers requires
  await assertAllRefused(who.sup203, [{ ...theirPower, code: 'SC-CF-999', agencies: [A1] }], 'sup203 new power');
});

test('in-scope uploads of the same record types are still accepted', async () => {
  const ownCase = storedBody('cases', 'case_no', demoCase(A2));
  const power = storedBody('powers', 'code', 'JT-CF-001');
  const r = await upload(who.sup203, [
    { ...ownCase, party: { ...ownCase.party, name: '张某某（更正）' } },
    { ...power, name: `${power.name}（修订）` },
    { type: 'benchmark', power: 'JT-CF-001', tiers: [{ tier: 'light', fine_min: 0, fine_max: 2000 }] },
  ].map((l) => JSON.stringify(l)).join('\n'));
  assert.deepEqual([r.body.imported, r.body.rejected], [3, 0], JSON.stringify(r.body.errors));
  assert.equal(storedBody('cases', 'case_no', ownCase.case_no).party.name, '张某某（更正）');
  const mine = storedBody('cases', 'case_no', demoCase(A1));
  const o = await upload(who.officer1, JSON.stringify({ ...mine, party: { ...mine.party, name: '青岛某某食品有限公司（更名）' } }));
  assert.deepEqual([o.body.imported, o.body.rejected], [1, 0], JSON.stringify(o.body.errors));
});

test('an online case\'s record cannot be rewritten by upload, by its own agency or another; re-uploading it unchanged is a no-op', async () => {
  const no = sql(`SELECT case_no FROM case_workflow WHERE agency = '${A1}' ORDER BY case_no LIMIT 1`);
  assert.ok(no, 'the demo has online cases');
  const rec = storedBody('cases', 'case_no', no);
  const errors = await assertAllRefused(who.officer1, [{ ...rec, closed_on: '2026-01-05' }], 'own online case');
  assert.match(errors[0].error, /网上办理/);
  await assertAllRefused(who.officer2, [{ ...rec, agency: A2 }], 'other agency, online case');
  const same = await upload(who.officer1, sql(`SELECT body FROM cases WHERE case_no = '${no}'`));
  assert.deepEqual([same.body.imported, same.body.rejected], [1, 0], JSON.stringify(same.body.errors));
  assert.equal(sql(`SELECT agency FROM case_workflow WHERE case_no = '${no}'`), A1);
});

test('the .xlsx upload applies the same stored-scope check', async () => {
  const r = await who.officer1.raw('/api/v1/templates/officers.xlsx');
  const template = Buffer.from(await r.arrayBuffer());
  const book = fillTemplate(template, [{
    row: 3,
    cells: { cert_no: '37020300002', name: '钱执法', agency: A1, cert_valid_from: '2023-01-01', cert_valid_to: '2028-12-31', status: 'active' },
  }]);
  const before = exportAll();
  const up = await upload(who.officer1, book, XLSX);
  assert.equal(up.status, 200, JSON.stringify(up.body));
  assert.deepEqual([up.body.imported, up.body.rejected], [0, 1]);
  assert.deepEqual([up.body.errors[0].line, up.body.errors[0].key], [3, '37020300002']);
  assert.match(up.body.errors[0].error, /范围/);
  assert.equal(exportAll(), before);
  assert.equal(sql("SELECT agency FROM officers WHERE cert_no = '37020300002'"), A2);
});

test('verify stays intact: refused lines leave no ledger event', () => {
  assert.equal(run(['--db', db, 'verify']).code, 0);
});

test('the post-hoc entry form refuses to rewrite an online case, and answers another agency\'s number as it does its own', async () => {
  const no = sql(`SELECT case_no FROM case_workflow WHERE agency = '${A1}' ORDER BY case_no LIMIT 1`);
  const rec = storedBody('cases', 'case_no', no);
  const before = exportAll();
  const put = await who.officer1.send('PUT', `/cases/${encodeURIComponent(no)}`, { ...rec, closed_on: '2026-01-05' });
  assert.equal(put.status, 409, JSON.stringify(put.body));
  assert.match(put.body.error.message, /网上办理/);
  assert.equal(exportAll(), before);
  // POST of a number already taken: the same reply whether the holder is one's own agency or not
  const theirs = storedBody('cases', 'case_no', demoCase(A2));
  const mine = storedBody('cases', 'case_no', demoCase(A1));
  const a = await who.officer1.send('POST', '/cases', { ...theirs, agency: A1, power: mine.power, officers: mine.officers });
  const b = await who.officer1.send('POST', '/cases', mine);
  assert.equal(a.status, b.status);
  assert.deepEqual(a.body, b.body);
  assert.equal(exportAll(), before);
});

test('a region supervisor\'s export holds only the powers and benchmarks of agencies in his region', async () => {
  const r = await who.sup203.raw('/api/v1/export');
  assert.equal(r.status, 200);
  const lines = (await r.text()).trim().split('\n').map((l) => JSON.parse(l));
  const held = new Set(JSON.parse(sql(`SELECT ${backend === 'pg' ? 'json_agg' : 'json_group_array'}(code) FROM agencies WHERE region LIKE '370203%'`)));
  const powers = lines.filter((l) => l.type === 'power');
  assert.ok(powers.length > 0);
  for (const p of powers) assert.ok(p.agencies.some((a) => held.has(a)), `${p.code} is held by no 370203 agency`);
  const codes = new Set(powers.map((p) => p.code));
  for (const b of lines.filter((l) => l.type === 'benchmark')) assert.ok(codes.has(b.power), b.power);
  assert.ok(!codes.has('SC-CF-001'));
});

test('an online case never takes over a 线索 number another agency entered by form', async () => {
  const planted = ['线索-11370203869879736T-1', '线索-11370203869879736T-2'];
  const base = storedBody('cases', 'case_no', demoCase(A1));
  for (const no of planted) {
    const r = await who.officer1.send('POST', '/cases', { ...base, case_no: no });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const created = await who.officer2.send('POST', '/workflow/cases', {
    case_type: 'penalty_ordinary', power: 'JT-CF-001', officers: ['37020300001', '37020300002'],
    party: { kind: 'person', name: '测试当事人' }, discovered_on: '2026-11-02',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.ok(!planted.includes(created.body.case.case_no), created.body.case.case_no);
  for (const no of planted) assert.equal(sql(`SELECT agency FROM cases WHERE case_no = '${no}'`), A1, no);
  assert.equal(run(['--db', db, 'verify']).code, 0);
});

test('a user whose agency-bound row lost its agency sees no case at all', async () => {
  const u = addUser(db, { username: 'sc_orphan', role: 'officer', agency: A1 });
  const c = await login(srv.base, u.username, u.password);
  assert.equal(sql("UPDATE users SET agency = '' WHERE username = 'sc_orphan' RETURNING 1"), '1');
  const r = await c.get('/cases?size=200');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.items, []);
});
