// GET /api/v1/dicts: every code table the console shows, with Chinese names, for any logged-in
// user and nobody else. The measures are checked against the exchange-v1 validator itself
// (`zhifa import`), not against the server's own list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, hasChinese } from './lib/zhifa.mjs';

const TABLES = ['case_kinds', 'procedures', 'outcomes', 'license_outcomes', 'measures', 'agency_levels', 'agency_kinds',
  'sectors', 'officer_status', 'officer_kinds', 'power_kinds', 'workflow_stages', 'workflow_measures', 'severities',
  'subject_types', 'roles', 'evidence_kinds', 'defense_outcomes'];
let srv, db, dicts, dictsOfficerPassword;

before(async () => {
  db = path.join(tmpDir(), 'dicts.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const u = addUser(db, { username: 'dicts_officer', role: 'officer', agency: '113702021588139920' });
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  dictsOfficerPassword = u.password;
  const officer = await login(srv.base, u.username, u.password);
  const r = await officer.get('/dicts');
  assert.equal(r.status, 200);
  dicts = r.body;
});
after(() => srv?.stop());

test('anonymous: 401', async () => {
  const r = await fetch(`${srv.base}/api/v1/dicts`);
  assert.equal(r.status, 401);
});

test('every table is a non-empty list of {code, name} with Chinese names and unique codes', () => {
  for (const t of TABLES) {
    const list = dicts[t];
    assert.ok(Array.isArray(list) && list.length > 0, `${t} is a non-empty list`);
    for (const e of list) {
      assert.match(e.code, /^[a-z][a-z_]*$/, `${t}: code ${e.code}`);
      assert.ok(hasChinese(e.name), `${t}.${e.code} has a Chinese name (${e.name})`);
    }
    assert.equal(new Set(list.map((e) => e.code)).size, list.length, `${t}: codes are unique`);
  }
  const name = (t, code) => (dicts[t].find((e) => e.code === code) || {}).name;
  assert.equal(name('measures', 'fine'), '罚款');
  assert.equal(name('workflow_stages', 'clue'), '线索登记');
  assert.equal(name('roles', 'supervisor'), '执法监督人员');
  assert.equal(name('case_kinds', 'penalty'), '行政处罚');
});

// Issue 19: the tiers, permissions, users, audit vocabulary and file types people read by name.
test('tiers, permissions, users, audit actions and media types come with Chinese names', () => {
  const names = (t) => Object.fromEntries(dicts[t].map((e) => [e.code, e.name]));
  // 轻微 / 一般 / 严重: the tiers as 裁量基准 documents name them.
  assert.deepEqual(names('tiers'), { light: '轻微', ordinary: '一般', heavy: '严重' });
  const perms = names('permissions');
  for (const p of ['cases.read', 'cases.handle', 'audit.read', 'exchange.export']) assert.ok(hasChinese(perms[p]), p);
  assert.doesNotMatch(perms['exchange.export'], /[A-Za-z]{3,}/, 'no format code in a permission name');
  assert.equal(names('users').dicts_officer, 'dicts_officer', 'a user without a display name keeps his username');
  assert.equal(names('users').system, '系统');
  const actions = names('audit_actions');
  for (const a of ['login', 'workflow_action', 'read_personal', 'order_issue']) assert.ok(hasChinese(actions[a]), a);
  assert.equal(names('audit_fields')['party.id_no'], '当事人证件号码');
  assert.equal(names('media_types')['image/jpeg'], 'JPEG 图片');
  assert.equal(names('media_types')['application/pdf'], 'PDF 文档');
});

test('the audit log names a method-and-path record in Chinese', async () => {
  const a = addUser(db, { username: 'dicts_auditor', role: 'auditor' });
  const auditor = await login(srv.base, a.username, a.password);
  const o = await login(srv.base, 'dicts_officer', dictsOfficerPassword);
  const refused = await o.send('POST', '/users', { username: 'x' });
  assert.equal(refused.status, 403);
  const r = await auditor.get('/audit?username=dicts_officer&size=50');
  assert.equal(r.status, 200);
  const denied = r.body.items.find((e) => e.action === 'POST' && e.target === '/api/v1/users');
  assert.ok(denied, 'the refused request is audited');
  assert.equal(denied.action_name, '新建用户');
  assert.equal(r.body.items.find((e) => e.action === 'login').action_name, '登录');
});

test('rules: every rule of the catalogue, v2 included, by its ID with a Chinese title', () => {
  assert.equal(dicts.rules.length, 36); // rules.md §3–§5 (26) and §7 (10)
  for (const e of dicts.rules) {
    assert.match(e.code, /^[ACEILP]\d\d$/);
    assert.ok(hasChinese(e.name), e.code);
  }
  const name = (code) => dicts.rules.find((e) => e.code === code).name;
  assert.match(name('P23'), /以罚代管/);
  assert.match(name('A02'), /异地执法/);
  assert.match(name('A01'), /顶格/);
});

// One case whose decision names the given measures, through `zhifa import` into its own database.
function importMeasures(measures) {
  const dir = tmpDir();
  const file = path.join(dir, 'db');
  assert.equal(run(['--db', file, 'init']).code, 0);
  const rec = { type: 'case', case_no: '测试〔2026〕1号', agency: '113702021588139920', kind: 'penalty',
    decision: { outcome: 'penalty', measures } };
  return run(['--db', file, 'import', '-'], { input: JSON.stringify(rec) + '\n' });
}

test('the measures are exactly those the exchange-v1 validator accepts', () => {
  const codes = dicts.measures.map((e) => e.code);
  for (const code of codes) {
    const r = importMeasures([code]);
    assert.equal(r.code, 0, `import accepts measure ${code}: ${r.stderr}`);
  }
  const refused = importMeasures(['no_such_measure']);
  assert.notEqual(refused.code, 0, 'an unknown measure is refused');
  const error = refused.stderr.split('\n').filter(Boolean).map((l) => { try { return JSON.parse(l); } catch { return null; } })
    .find((l) => l && l.error);
  assert.ok(error, `a rejected line on stderr: ${refused.stderr}`);
  // The refusal names the accepted codes: the validator's own set, independent of /dicts.
  const listed = /可选：([^）]+)/.exec(error.error);
  assert.ok(listed, `the refusal lists the choices: ${error.error}`);
  assert.deepEqual(listed[1].trim().split(/\s+/).sort(), [...codes].sort());
});

