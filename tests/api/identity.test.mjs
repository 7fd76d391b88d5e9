// Login, sessions, CSRF, lockout, password policy, 三员分立, data scope across two regions, and
// the audit log — against the real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { backend, dbExec, dbQuery, run, tmpDir, startServer, addUser, login, client, rotated, hasChinese } from './lib/zhifa.mjs';

const QD_MARKET = '113702021588139920'; // 370202 青岛市南
const QD_TRANSPORT = '11370203869879736T'; // 370203 青岛市北
const BJ_AGENCY = '11110101MB0000000Y'; // computed below: 110101 北京东城
let srv, db, users;

function uscc(first17) {
  const cs = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const s = [...first17].reduce((n, c, i) => n + cs.indexOf(c) * w[i], 0);
  return first17 + cs[(31 - (s % 31)) % 31];
}
const BJ = uscc(BJ_AGENCY.slice(0, 17));

before(async () => {
  db = path.join(tmpDir(), 'id.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  // A second region: Beijing, with a case that has findings.
  const beijing = [
    { type: 'agency', code: BJ, name: '北京市东城区市场监督管理局', region: '110101', level: 'county', kind: 'department', sector: 'market_regulation' },
    { type: 'case', case_no: '京东市监罚〔2026〕1号', agency: BJ, kind: 'penalty', procedure: 'ordinary', party: { kind: 'person', name: '李某', id_no: '110101199003076632' } },
  ].map((r) => JSON.stringify(r)).join('\n');
  assert.equal(run(['--db', db, 'import', '-'], { input: beijing + '\n' }).code, 0);
  users = {
    qdOfficer: addUser(db, { username: 'qd_officer', role: 'officer', agency: QD_MARKET }),
    qdSup: addUser(db, { username: 'qd_sup', role: 'supervisor', region: '370200' }),
    bjSup: addUser(db, { username: 'bj_sup', role: 'supervisor', region: '110000' }),
    leader: addUser(db, { username: 'qd_leader', role: 'leader', region: '370000' }),
    sysadmin: addUser(db, { username: 'root_admin', role: 'sysadmin' }),
    secadmin: addUser(db, { username: 'sec_admin', role: 'secadmin' }),
    auditor: addUser(db, { username: 'audit_admin', role: 'auditor' }),
  };
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  const sup = await login(srv.base, users.qdSup.username, users.qdSup.password);
  assert.equal((await sup.send('POST', '/findings/sweep', { as_of: '2026-05-20' })).status, 200);
});
after(() => srv?.stop());

const as = async (u) => {
  const c = await login(srv.base, u.username, u.password);
  assert.equal(c.status, 200, JSON.stringify(c.body));
  return c;
};

test('login sets an HttpOnly SameSite=Strict cookie and returns the CSRF token and permissions', async () => {
  const c = await as(users.qdSup);
  assert.match(c.setCookie, /HttpOnly/);
  assert.match(c.setCookie, /SameSite=Strict/);
  assert.match(c.csrf, /^[0-9a-f]{64}$/);
  assert.ok(c.body.permissions.includes('findings.read'));
  assert.equal(c.body.user.role, 'supervisor');
  assert.equal((await c.get('/session')).body.user.username, 'qd_sup');
});

test('behind a TLS proxy the session cookie is marked Secure', async () => {
  const r = await fetch(`${srv.base}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https' },
    body: JSON.stringify({ username: users.qdSup.username, password: users.qdSup.password }),
  });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('set-cookie'), /; Secure/);
  const plain = await as(users.qdSup);
  assert.doesNotMatch(plain.setCookie, /Secure/);
});

test('wrong password and unknown user get the same 401 answer', async () => {
  const a = await login(srv.base, users.qdSup.username, 'wrong-password-123');
  const b = await login(srv.base, 'no_such_user', 'wrong-password-123');
  assert.equal(a.status, 401);
  assert.deepEqual(a.body, b.body);
  assert.ok(hasChinese(a.body.error.message));
});

test('over-long or missing credentials are 400 with a Chinese message', async () => {
  const long = await login(srv.base, 'x'.repeat(500), 'whatever-password');
  assert.equal(long.status, 400);
  assert.ok(hasChinese(long.body.error.message));
  const empty = await login(srv.base, '', '');
  assert.equal(empty.status, 400);
});

test('five failures lock the name, existing or not, even for the right password', async () => {
  const u = addUser(db, { username: 'lock_me', role: 'officer', agency: QD_MARKET });
  for (const name of ['lock_me', 'ghost_user']) {
    for (let i = 0; i < 5; i++) assert.equal((await login(srv.base, name, 'bad-password-000')).status, 401);
    const locked = await login(srv.base, name, name === 'lock_me' ? u.password : 'bad-password-000');
    assert.equal(locked.status, 429, name);
    assert.match(locked.body.error.message, /秒后再试/);
  }
});

test('guessing the old password through a session\'s password change counts toward the same lockout', async () => {
  const u = addUser(db, { username: 'guess_me', role: 'officer', agency: QD_MARKET });
  const c = await as(u);
  const change = (old) => c.send('PUT', '/session/password', { old_password: old, new_password: 'Another-Pass-2026-x' });
  for (let i = 0; i < 5; i++) assert.equal((await change(`wrong-guess-${i}`)).status, 400);
  const locked = await change(u.password);
  assert.equal(locked.status, 429, JSON.stringify(locked.body));
  assert.match(locked.body.error.message, /秒后再试/);
  assert.equal((await login(srv.base, u.username, u.password)).status, 429, 'the login is locked too');
});

const sql = (file, text) => dbQuery(file, text).trim();
const lockSeconds = (reply) => Number(/请 (\d+) 秒后再试/.exec(reply.body.error.message)?.[1]);

// README: five failures lock a name for 30 s, doubling with each further failure.
test('concurrent wrong passwords get at most five checks before the lock, and each later failure doubles it', async () => {
  const dbRace = path.join(tmpDir(), 'race.db');
  assert.equal(run(['--db', dbRace, 'init']).code, 0);
  const u = addUser(dbRace, { username: 'race_sup', role: 'supervisor', region: '370200' });
  const s = await startServer({ db: dbRace, args: ['--sweep-every', '0', '--threads', '8'] });
  const burst = async (n) => {
    const replies = await Promise.all(Array.from({ length: n }, () => login(s.base, u.username, 'Wrong-password-2026')));
    const checked = replies.filter((r) => r.status === 401 && r.body.error.code === 'login_failed').length;
    const locked = replies.filter((r) => r.status === 429 && r.body.error.code === 'login_locked').length;
    assert.equal(checked + locked, n, JSON.stringify(replies.map((r) => r.status)));
    return checked;
  };
  const stored = () => sql(dbRace, "SELECT failures FROM login_failures WHERE username = 'race_sup'");
  try {
    const first = await burst(40);
    assert.ok(first >= 1 && first <= 5, `${first} wrong passwords were checked before the lock`);
    assert.equal(stored(), String(first), 'every checked failure is counted');
    const right = await login(s.base, u.username, u.password);
    assert.equal(right.status, 429, 'the right password is refused while locked');
    assert.ok(lockSeconds(right) > 0 && lockSeconds(right) <= 30, right.body.error.message);

    // The lock runs out (moved in the database: the test does not wait for the clock).
    sql(dbRace, "UPDATE login_failures SET locked_until = 0 WHERE username = 'race_sup'");
    const second = await burst(40);
    assert.equal(second, 1, 'after a lock one more failure is checked, then the name is locked again');
    assert.equal(stored(), String(first + 1));
    const later = await login(s.base, u.username, u.password);
    assert.equal(later.status, 429);
    assert.ok(lockSeconds(later) > 30 && lockSeconds(later) <= 60, `the 6th failure locks for 60 s: ${later.body.error.message}`);
  } finally {
    await s.stop();
  }
});

test('mutating requests need the CSRF token of the session', async () => {
  const c = await as(users.qdSup);
  const none = await c.send('POST', '/findings/sweep', {}, { withCsrf: false });
  assert.equal(none.status, 403);
  assert.equal(none.body.error.code, 'csrf_failed');
  const other = await as(users.qdSup);
  const wrong = await client(srv.base, c.cookie, other.csrf).send('POST', '/findings/sweep', {});
  assert.equal(wrong.status, 403);
  assert.equal((await c.send('POST', '/findings/sweep', { as_of: '2026-05-20' })).status, 200);
});

test('a forged or logged-out cookie is not a session', async () => {
  const forged = client(srv.base, `zhifa_session=${'a'.repeat(64)}`);
  assert.equal((await forged.get('/findings')).status, 401);
  const garbage = client(srv.base, 'zhifa_session=%00%ff<script>');
  assert.equal((await garbage.get('/findings')).status, 401);
  const c = await as(users.qdSup);
  assert.equal((await c.send('DELETE', '/session')).status, 200);
  assert.equal((await c.get('/findings')).status, 401);
});

test('an idle session expires', async () => {
  const dbIdle = path.join(tmpDir(), 'idle.db');
  assert.equal(run(['--db', dbIdle, 'init']).code, 0);
  const u = addUser(dbIdle, { username: 'idle_sup', role: 'supervisor', region: '370200' });
  const s = await startServer({ db: dbIdle, args: ['--sweep-every', '0', '--session-idle', '1'] });
  try {
    const c = await login(s.base, u.username, u.password);
    assert.equal((await c.get('/findings')).status, 200);
    await new Promise((r) => setTimeout(r, 2500));
    const r = await c.get('/findings');
    assert.equal(r.status, 401);
    assert.ok(hasChinese(r.body.error.message));
  } finally {
    await s.stop();
  }
});

test('an initial password must be changed before anything else, and the policy holds', async () => {
  const admin = await as(users.sysadmin);
  const created = await admin.send('POST', '/users', { username: 'new_officer', display_name: '新人', role: 'officer', agency: QD_MARKET });
  assert.equal(created.status, 201);
  const initial = created.body.initial_password;
  const c = await login(srv.base, 'new_officer', initial);
  assert.equal(c.body.user.must_change_password, true);
  const blocked = await c.get('/findings');
  assert.equal(blocked.status, 403);
  assert.equal(blocked.body.error.code, 'password_change_required');
  for (const [pw, why] of [['short1', 'length'], ['new_officer', 'username'], ['1234567890', 'common'], ['qwertyuiop', 'common']]) {
    const r = await c.send('PUT', '/session/password', { old_password: initial, new_password: pw });
    assert.equal(r.status, 400, why);
    assert.equal(r.body.error.field, 'new_password');
    assert.ok(hasChinese(r.body.error.message));
  }
  const bad = await c.send('PUT', '/session/password', { old_password: 'not-it-at-all', new_password: 'A-much-better-2026' });
  assert.equal(bad.body.error.field, 'old_password');
  const ok = await c.send('PUT', '/session/password', { old_password: initial, new_password: 'A-much-better-2026' });
  assert.equal(ok.status, 200);
  assert.equal((await rotated(srv.base, ok).get('/findings')).status, 200);
});

test('a password change ends the other sessions and rotates the cookie and the CSRF token', async () => {
  const u = addUser(db, { username: 'rotate_me', role: 'supervisor', region: '370200' });
  const a = await as(u), b = await as(u);
  const r = await a.send('PUT', '/session/password', { old_password: u.password, new_password: 'Rotated-pass-2026' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const now = rotated(srv.base, r);
  assert.match(now.cookie, /^zhifa_session=[0-9a-f]{64}$/);
  assert.notEqual(now.cookie, a.cookie);
  assert.match(now.csrf, /^[0-9a-f]{64}$/);
  assert.notEqual(now.csrf, a.csrf);
  assert.equal((await b.get('/session')).status, 401, 'the other login has ended');
  assert.equal((await a.get('/session')).status, 401, 'the old cookie has ended');
  assert.equal((await now.get('/session')).body.user.username, 'rotate_me');
  const stale = await client(srv.base, now.cookie, a.csrf).send('POST', '/findings/sweep', { as_of: '2026-05-20' });
  assert.equal(stale.status, 403);
  assert.equal(stale.body.error.code, 'csrf_failed');
  assert.equal((await now.send('POST', '/findings/sweep', { as_of: '2026-05-20' })).status, 200);
  assert.equal((await login(srv.base, u.username, 'Rotated-pass-2026')).status, 200);
});

test('a password reset by the system admin ends every session of the user', async () => {
  const u = addUser(db, { username: 'reset_me', role: 'officer', agency: QD_MARKET });
  const a = await as(u), b = await as(u);
  const admin = await as(users.sysadmin);
  const id = (await admin.get('/users?q=reset_me')).body.items[0].id;
  const r = await admin.send('POST', `/users/${id}/reset-password`);
  assert.equal(r.status, 200);
  assert.equal((await a.get('/session')).status, 401);
  assert.equal((await b.get('/session')).status, 401);
  assert.equal((await login(srv.base, u.username, u.password)).status, 401, 'the old password is gone');
  assert.equal((await login(srv.base, u.username, r.body.initial_password)).status, 200);
});

// A trigger makes the database refuse to delete sessions: every write that must end a session
// then fails, and must say so instead of reporting success.
test('when the database refuses to end sessions, logout, reset, disable and password change say so and change nothing', async () => {
  const sup = addUser(db, { username: 'stuck_sup', role: 'supervisor', region: '370200' });
  const off = addUser(db, { username: 'stuck_officer', role: 'officer', agency: QD_MARKET });
  const c = await as(sup), o = await as(off), admin = await as(users.sysadmin);
  const offId = (await admin.get('/users?q=stuck_officer')).body.items[0].id;
  dbExec(db, backend === 'pg'
    ? "CREATE FUNCTION test_sessions_stay() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'kept by the test'; END $$;" +
      ' CREATE TRIGGER test_sessions_stay BEFORE DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION test_sessions_stay();'
    : "CREATE TRIGGER test_sessions_stay BEFORE DELETE ON sessions BEGIN SELECT RAISE(ABORT, 'kept by the test'); END;");
  try {
    const out = await c.send('DELETE', '/session');
    assert.ok(out.status >= 500, `logout answered ${out.status}`);
    assert.ok(hasChinese(out.body.error.message));
    assert.doesNotMatch(out.headers.get('set-cookie') || '', /Max-Age=0/, 'the cookie is not cleared either');
    assert.equal((await c.get('/session')).status, 200, 'the session is still alive, as the 5xx said');

    const reset = await admin.send('POST', `/users/${offId}/reset-password`);
    assert.ok(reset.status >= 500, `reset answered ${reset.status}`);
    assert.equal(reset.body.initial_password, undefined);
    const disable = await admin.send('PUT', `/users/${offId}`, { disabled: true });
    assert.ok(disable.status >= 500, `disable answered ${disable.status}`);
    assert.equal((await admin.get('/users?q=stuck_officer')).body.items[0].disabled, false);
    assert.equal((await o.get('/session')).status, 200);

    const pw = await c.send('PUT', '/session/password', { old_password: sup.password, new_password: 'Never-stored-2026' });
    assert.ok(pw.status >= 500, `password change answered ${pw.status}`);
    assert.equal((await c.get('/session')).status, 200);
  } finally {
    dbExec(db, backend === 'pg' ? 'DROP TRIGGER test_sessions_stay ON sessions; DROP FUNCTION test_sessions_stay();'
      : 'DROP TRIGGER test_sessions_stay');
  }
  assert.equal((await login(srv.base, sup.username, sup.password)).status, 200, 'the old password still holds');
  assert.equal((await login(srv.base, off.username, off.password)).status, 200, 'the reset changed nothing');
  assert.equal((await c.send('DELETE', '/session')).status, 200);
  assert.equal((await c.get('/session')).status, 401);
});

test('user add refuses weak passwords and unknown roles from the command line', () => {
  const weak = run(['--db', db, 'user', 'add', '--username', 'weakling', '--role', 'officer', '--agency', QD_MARKET, '--password-stdin'], { input: 'password123\n' });
  assert.equal(weak.code, 1);
  assert.match(weak.stderr, /常见/);
  const role = run(['--db', db, 'user', 'add', '--username', 'x_user', '--role', 'king', '--password-stdin'], { input: 'A-long-enough-2026\n' });
  assert.equal(role.code, 2);
  const dup = run(['--db', db, 'user', 'add', '--username', 'qd_sup', '--role', 'supervisor', '--region', '370200', '--password-stdin'], { input: 'A-long-enough-2026\n' });
  assert.equal(dup.code, 1);
  assert.match(dup.stderr, /已被使用/);
});

test('三员分立: the system admin cannot create administrators nor read the audit log', async () => {
  const admin = await as(users.sysadmin);
  for (const role of ['auditor', 'secadmin', 'sysadmin']) {
    const r = await admin.send('POST', '/users', { username: `evil_${role}`, role });
    assert.equal(r.status, 403, role);
  }
  assert.equal((await admin.get('/audit')).status, 403);
  const auditorId = (await admin.get('/users?q=audit_admin')).body.items[0].id;
  assert.equal((await admin.send('PUT', `/users/${auditorId}`, { disabled: true })).status, 403);
});

test('三员分立: the security admin cannot hand out audit or user rights', async () => {
  const sec = await as(users.secadmin);
  const give = await sec.send('PUT', '/roles/sysadmin', { permissions: ['users.read', 'users.write', 'roles.read', 'agencies.read', 'audit.read'] });
  assert.equal(give.status, 403);
  assert.equal(give.body.error.code, 'separation_of_duties');
  const strip = await sec.send('PUT', '/roles/auditor', { permissions: [] });
  assert.equal(strip.status, 403);
  const ok = await sec.send('PUT', '/roles/leader', { permissions: ['findings.read', 'rules.read', 'cases.read', 'agencies.read', 'rule_config.read', 'ledger.read'] });
  assert.equal(ok.status, 200);
  const unknown = await sec.send('PUT', '/roles/leader', { permissions: ['nope.nope'] });
  assert.equal(unknown.status, 400);
});

test('data scope: each user sees only his agency or region, and guessing does not help', async () => {
  const qd = await as(users.qdSup), bj = await as(users.bjSup), off = await as(users.qdOfficer);
  const agenciesOf = async (c) => new Set((await c.get('/findings?size=200')).body.items.map((f) => f.agency));
  assert.deepEqual([...(await agenciesOf(qd))].sort(), [QD_MARKET, QD_TRANSPORT].sort());
  assert.deepEqual([...(await agenciesOf(bj))], [BJ]);
  assert.deepEqual([...(await agenciesOf(off))], [QD_MARKET]);
  // a region filter outside the scope widens nothing
  assert.equal((await qd.get('/findings?region=110000')).body.total, 0);
  assert.equal((await off.get(`/findings?agency=${QD_TRANSPORT}`)).body.total, 0);
  // case detail by guessed number: 404 outside, 200 inside
  const bjCase = `/cases/${encodeURIComponent('京东市监罚〔2026〕1号')}`;
  assert.equal((await qd.get(bjCase)).status, 404);
  assert.equal((await off.get(bjCase)).status, 404);
  assert.equal((await bj.get(bjCase)).status, 200);
  const transportCase = `/cases/${encodeURIComponent('北交运罚〔2026〕5号')}`;
  assert.equal((await off.get(transportCase)).status, 404);
  assert.equal((await qd.get(transportCase)).status, 200);
  const summary = (await bj.get('/findings/summary')).body.items.map((a) => a.agency);
  assert.deepEqual(summary, [BJ]);
  const agencies = (await off.get('/agencies')).body.items.map((a) => a.code);
  assert.deepEqual(agencies, [QD_MARKET]);
});

test('the leader sees party IDs masked; other reads of personal data are audited', async () => {
  const leader = await as(users.leader), qd = await as(users.qdSup), aud = await as(users.auditor);
  const no = encodeURIComponent('北交运罚〔2026〕5号');
  const masked = (await leader.get(`/cases/${no}`)).body.case.party.id_no;
  assert.match(masked, /^\d{4}\*+\d{3}[\dX]$/);
  const clear = (await qd.get(`/cases/${no}`)).body.case.party.id_no;
  assert.doesNotMatch(clear, /\*/);
  const log = (await aud.get('/audit?action=read_personal&username=qd_sup')).body;
  assert.ok(log.total >= 1);
  assert.equal(log.items[0].target, '北交运罚〔2026〕5号');
});

test('the audit log records logins, failures and writes, exports, and cannot be altered', async () => {
  const aud = await as(users.auditor);
  const failed = (await aud.get('/audit?action=login_failed')).body;
  assert.ok(failed.total >= 1);
  const writes = (await aud.get(`/audit?action=POST&q=${encodeURIComponent('/api/v1/findings/sweep')}`)).body;
  assert.ok(writes.items.some((e) => e.username === 'qd_sup' && e.result === 'ok' && e.target === '/api/v1/findings/sweep'));
  const denied = (await aud.get('/audit?result=denied')).body;
  assert.ok(denied.items.some((e) => e.detail === 'csrf_failed'));
  const logins = (await aud.get('/audit?action=login&result=ok&username=qd_sup')).body;
  assert.ok(logins.total >= 1);
  assert.match(logins.items[0].ip, /127\.0\.0\.1/);
  const exp = await aud.raw('/api/v1/audit/export?result=failed');
  assert.equal(exp.status, 200);
  const lines = (await exp.text()).trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(lines.length >= 1 && lines.every((l) => l.result === 'failed'));
  for (const sql of ['UPDATE audit_log SET result = \'ok\'', 'DELETE FROM audit_log']) {
    assert.throws(() => dbExec(db, sql), /append-only/, sql);
  }
});
