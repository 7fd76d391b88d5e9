// Two `zhifa serve` processes on one database (issue 21, docs/scale.md): a login on one is a session
// on the other, a logout on one ends it on the other at once (the session cache's generation), the
// lockout after failed logins on one holds on the other, and only one of them runs the sweeper —
// the holder of its lease — until it stops, when the other takes it over.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { addUser, jsonLines, login, dbQuery, startServer, tmpDir, client } from './lib/zhifa.mjs';

const db = path.join(tmpDir(), 'shared.db');
const servers = [];
after(async () => { for (const s of servers) await s.stop(); });

const sweeps = (s) => jsonLines(s.stderr()).filter((l) => l.event === 'sweep').length;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, fn, ms = 15000) {
  const end = Date.now() + ms;
  while (Date.now() < end) { if (await fn()) return; await sleep(100); }
  assert.fail(`not within ${ms} ms: ${what}`);
}

test('setup: two servers on one database', async () => {
  servers.push(await startServer({ db, args: ['--sweep-every', '1'] }));
  servers.push(await startServer({ db, args: ['--sweep-every', '1'] }));
  addUser(db, { username: 'wt_sup', role: 'supervisor', region: '370200' });
  addUser(db, { username: 'wt_lock', role: 'supervisor', region: '370200' });
});

test('logged in on one, the session acts on the other; a logout on the other ends it on the first at once', async () => {
  const [a, b] = servers;
  const onA = await login(a.base, 'wt_sup', 'Zf-wt_sup-Pass-2026');
  assert.equal(onA.status, 200);
  assert.equal((await onA.get('/session')).status, 200); // cached on A now
  const onB = client(b.base, onA.cookie, onA.csrf);
  const me = await onB.get('/session');
  assert.equal(me.status, 200);
  assert.equal(me.body.user.username, 'wt_sup');
  // a write on B with the CSRF token A gave out
  const out = await onB.send('DELETE', '/session');
  assert.ok(out.status === 200 || out.status === 204, JSON.stringify(out.body));
  // A had the session in memory: the very next request there is refused
  assert.equal((await onA.get('/session')).status, 401);
  assert.equal((await onB.get('/session')).status, 401);
});

test('failed logins on one lock the name on the other', async () => {
  const [a, b] = servers;
  const after = Number(dbQuery(db, "SELECT value FROM settings WHERE name = 'login_lock_after_failures'"));
  for (let i = 0; i < after; i++) assert.equal((await login(a.base, 'wt_lock', 'wrong-password-0')).status, 401);
  const locked = await login(b.base, 'wt_lock', 'Zf-wt_lock-Pass-2026');
  assert.equal(locked.status, 429, 'the right password is refused on the other server while locked');
  assert.match(locked.body.error.message, /秒后再试/);
});

test('only the holder of the lease runs the sweeper; the other takes over when it stops', async () => {
  await until('a sweeper lease is held', () => dbQuery(db, "SELECT count(*) FROM job_leases WHERE job = 'sweeper'") === '1');
  await sleep(2500); // a few ticks of --sweep-every 1 in both
  const holder = dbQuery(db, "SELECT holder FROM job_leases WHERE job = 'sweeper'");
  const pidOf = (s) => String(s.proc.pid);
  const running = servers.find((s) => holder.split(':')[1] === pidOf(s));
  const other = servers.find((s) => s !== running);
  assert.ok(running, `the lease names one of the two servers: ${holder}`);
  assert.ok(sweeps(running) >= 1, 'the holder swept');
  assert.equal(sweeps(other), 0, 'the other never swept');
  assert.equal(jsonLines(other.stderr()).filter((l) => l.event === 'job_lease_taken' && l.msg.startsWith('sweeper')).length, 0);
  // the signer and the escalator are elected too, each held by one process
  for (const job of ['signer', 'escalator']) {
    await until(`${job} leased`, () => dbQuery(db, `SELECT count(*) FROM job_leases WHERE job = '${job}'`) === '1');
  }

  const stopped = await running.stop();
  servers.splice(servers.indexOf(running), 1);
  assert.ok(jsonLines(stopped.stderr).length > 0);
  assert.equal(dbQuery(db, "SELECT expires_at FROM job_leases WHERE job = 'sweeper'"), '0', 'released on stop');
  await until('the other takes the sweeper over', () => sweeps(other) >= 1);
  assert.equal(dbQuery(db, "SELECT holder FROM job_leases WHERE job = 'sweeper'").split(':')[1], pidOf(other));
});
