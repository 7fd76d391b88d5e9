// System parameters (GET/PUT /settings): the reporting deadline moves the monthly overdue list,
// the 文号 pattern is checked like the numbering checks it, bounds and types are enforced with
// Chinese messages, read-only rows refuse, and only settings.write may change anything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, hasChinese } from './lib/zhifa.mjs';

const AGENCY = '113702021588139920';
let srv, admin, sup, officer, leader, auditor, sec;

before(async () => {
  const db = path.join(tmpDir(), 'settings.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const a = addUser(db, { username: 's_admin', role: 'sysadmin' });
  const s = addUser(db, { username: 's_sup', role: 'supervisor', region: '370200' });
  const o = addUser(db, { username: 's_officer', role: 'officer', agency: AGENCY });
  const l = addUser(db, { username: 's_leader', role: 'leader', region: '370200' });
  const au = addUser(db, { username: 's_auditor', role: 'auditor' });
  const se = addUser(db, { username: 's_secadmin', role: 'secadmin' });
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  admin = await login(srv.base, a.username, a.password);
  sup = await login(srv.base, s.username, s.password);
  officer = await login(srv.base, o.username, o.password);
  leader = await login(srv.base, l.username, l.password);
  auditor = await login(srv.base, au.username, au.password);
  sec = await login(srv.base, se.username, se.password);
});
after(() => srv?.stop());

const put = (who, name, value) => who.send('PUT', `/settings/${encodeURIComponent(name)}`, { value });
const setting = async (who, name) => (await who.get('/settings')).body.items.find((x) => x.name === name);

test('the list shows each setting with its bounds and basis', async () => {
  const r = await admin.get('/settings');
  assert.equal(r.status, 200);
  const due = r.body.items.find((x) => x.name === 'report_due_day');
  assert.deepEqual([due.value, due.kind, due.min, due.max], ['10', 'integer', 1, 28]);
  assert.ok(hasChinese(due.description) && hasChinese(due.basis));
  const pattern = r.body.items.find((x) => x.name === 'doc_number_pattern');
  assert.equal(pattern.kind, 'doc_number_pattern');
  assert.equal((await leader.get('/settings')).status, 200, 'leaders may read');
});

test('the reporting deadline moves the due date of the monthly status', async () => {
  const before = (await sup.get('/reports/monthly?month=2026-04&as_of=2026-05-12')).body;
  assert.equal(before.due_on, '2026-05-10');
  assert.ok(before.overdue > 0, 'on 05-12 with a 05-10 deadline someone is overdue');
  const r = await put(admin, 'report_due_day', 15);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const after = (await sup.get('/reports/monthly?month=2026-04&as_of=2026-05-12')).body;
  assert.equal(after.due_on, '2026-05-15');
  assert.equal(after.overdue, 0, 'nobody is overdue before the new deadline');
  const row = await setting(admin, 'report_due_day');
  assert.deepEqual([row.value, row.updated_by], ['15', 's_admin']);
  const audit = (await auditor.get('/audit?size=200')).body.items.find((e) => e.action === 'setting_change');
  assert.ok(audit, 'the change is in the audit log');
  assert.equal(audit.target, 'report_due_day');
  assert.match(audit.detail, /10 → 15/);
  assert.match(row.updated_at, /^\d{4}-\d{2}-\d{2}T/);
  assert.equal((await put(admin, 'report_due_day', '10')).status, 200, 'text digits are accepted too');
});

test('values outside the bounds or of the wrong type are refused in Chinese and change nothing', async () => {
  for (const bad of [0, 29, -1, '1O', '', ' 5', '+5', 3.5, true, '9'.repeat(40)]) {
    const r = await put(admin, 'report_due_day', bad);
    assert.equal(r.status, 400, `value ${JSON.stringify(bad)}`);
    assert.equal(r.body.error.field, 'value');
    assert.ok(hasChinese(r.body.error.message), r.body.error.message);
  }
  assert.equal((await setting(admin, 'report_due_day')).value, '10');
  const missing = await admin.send('PUT', '/settings/report_due_day', {});
  assert.equal(missing.status, 400);
});

test('the 文号 pattern must carry {year} and {seq} once', async () => {
  const bad = await put(admin, 'doc_number_pattern', '{abbr}处罚〔{year}〕号');
  assert.equal(bad.status, 400);
  assert.ok(hasChinese(bad.body.error.message));
  const good = await put(admin, 'doc_number_pattern', '{abbr}罚字〔{year}〕第{seq}号');
  assert.equal(good.status, 200);
  assert.equal((await setting(admin, 'doc_number_pattern')).value, '{abbr}罚字〔{year}〕第{seq}号');
});

test('attachment limits and formats, and the approval tiers, are edited within their rules', async () => {
  assert.equal((await put(admin, 'attachment_photo_max_mib', 2048)).status, 400, 'over the 1 GiB ceiling');
  assert.equal((await put(admin, 'attachment_photo_types', 'image/jpeg text/html')).status, 400);
  const ok = await put(admin, 'attachment_photo_types', 'image/jpeg image/png');
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const bad = await put(admin, 'approval_policy', '{"levels": "none"}');
  assert.equal(bad.status, 400);
  assert.ok(hasChinese(bad.body.error.message));
  const current = (await setting(admin, 'approval_policy')).value;
  const policy = JSON.parse(current);
  policy.escalate_after_workdays = 5;
  const good = await put(admin, 'approval_policy', JSON.stringify(policy));
  assert.equal(good.status, 200, JSON.stringify(good.body));
  assert.equal(JSON.parse((await setting(admin, 'approval_policy')).value).escalate_after_workdays, 5);
});

test('an unknown setting is 404; only settings.write may change one', async () => {
  assert.equal((await put(admin, 'no_such_setting', '1')).status, 404);
  // settings are installation-wide: a region's supervisor reads them but may not rewrite them
  assert.equal((await sup.get('/settings')).status, 200);
  assert.equal((await put(sup, 'approval_policy', '{}')).status, 403);
  assert.equal((await put(sup, 'report_due_day', 12)).status, 403);
  assert.equal((await put(officer, 'report_due_day', 12)).status, 403);
  assert.equal((await put(leader, 'report_due_day', 12)).status, 403);
  assert.equal((await officer.get('/settings')).status, 403);
  assert.equal((await setting(admin, 'report_due_day')).value, '10');
});

const permsOf = async (role) => (await sec.get('/roles')).body.items.find((r) => r.id === role).permissions;
const setPerms = (role, permissions) => sec.send('PUT', `/roles/${role}`, { permissions });

test('三员分立: the security admin cannot give a business role settings.write', async () => {
  for (const role of ['officer', 'agency_head', 'legal_reviewer', 'supervisor', 'leader']) {
    const before = await permsOf(role);
    const r = await setPerms(role, [...before, 'settings.write']);
    assert.equal(r.status, 403, role);
    assert.equal(r.body.error.code, 'separation_of_duties');
    assert.match(r.body.error.message, /settings\.write/);
    assert.match(r.body.error.message, /系统管理员/, 'the message names the owner');
    assert.deepEqual(await permsOf(role), before, `${role} keeps what it had`);
  }
  assert.equal((await put(officer, 'report_due_day', 12)).status, 403);
  assert.equal((await put(sup, 'report_due_day', 12)).status, 403);
  assert.equal((await setting(admin, 'report_due_day')).value, '10');
});

test('三员分立: the settings rights of the system admin can be taken away and given back by the security admin', async () => {
  const all = await permsOf('sysadmin');
  assert.ok(all.includes('settings.read') && all.includes('settings.write'));
  const removed = await setPerms('sysadmin', all.filter((p) => !p.startsWith('settings.')));
  assert.equal(removed.status, 200, JSON.stringify(removed.body));
  assert.equal((await admin.get('/settings')).status, 403);
  assert.equal((await put(admin, 'report_due_day', 12)).status, 403);
  const restored = await setPerms('sysadmin', all);
  assert.equal(restored.status, 200, JSON.stringify(restored.body));
  assert.deepEqual(await permsOf('sysadmin'), all);
  assert.equal((await put(admin, 'report_due_day', 12)).status, 200);
  assert.equal((await put(admin, 'report_due_day', 10)).status, 200);
});
