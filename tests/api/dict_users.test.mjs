// The users dictionary (GET /api/v1/dicts → users) names the people a caller may know of, not every
// login of the installation: his data scope and the supervisors whose region covers him
// (domain/authz.c scope_names_user). Expectations from the demo's users and agencies
// (src/cmd/init.c): 市南区 370202 and 市北区 370203 under 青岛市 370200.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login } from './lib/zhifa.mjs';

const SHINAN_MR = '113702021588139920'; // 青岛市市南区市场监督管理局, 370202
const SHIBEI_TR = '11370203869879736T'; // 青岛市市北区交通运输局, 370203
let srv, db;
const pw = {};

before(async () => {
  db = path.join(tmpDir(), 'dict-users.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  for (const [username, role, agency, region] of [
    ['du_officer_sn', 'officer', SHINAN_MR], ['du_officer_sb', 'officer', SHIBEI_TR],
    ['du_sup_sn', 'supervisor', null, '370202'], ['du_sup_sb', 'supervisor', null, '370203'],
    ['du_auditor', 'auditor']]) {
    pw[username] = addUser(db, { username, role, agency, region }).password;
  }
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
});
after(() => srv?.stop());

async function namesFor(username) {
  const c = await login(srv.base, username, pw[username]);
  const r = await c.get('/dicts');
  assert.equal(r.status, 200);
  return new Set(r.body.users.map((e) => e.code));
}

test('an officer knows his agency and the supervisors above him, not another district', async () => {
  const n = await namesFor('du_officer_sn');
  for (const u of ['du_officer_sn', 'officer', 'head', 'reviewer', 'supervisor', 'du_sup_sn', 'system']) assert.ok(n.has(u), u);
  for (const u of ['du_officer_sb', 'du_sup_sb', 'sysadmin', 'auditor', 'secadmin']) assert.ok(!n.has(u), u);
});

test('a district supervisor knows his district and the city above, not the next district', async () => {
  const n = await namesFor('du_sup_sn');
  for (const u of ['du_officer_sn', 'officer', 'head', 'supervisor', 'leader', 'observer']) assert.ok(n.has(u), u);
  for (const u of ['du_officer_sb', 'du_sup_sb', 'secadmin']) assert.ok(!n.has(u), u);
});

test('the auditor reads every name (the audit log names every operator)', async () => {
  const n = await namesFor('du_auditor');
  for (const u of ['du_officer_sn', 'du_officer_sb', 'du_sup_sb', 'sysadmin', 'secadmin', 'lawyer']) assert.ok(n.has(u), u);
});
