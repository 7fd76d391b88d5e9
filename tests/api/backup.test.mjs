// zhifa backup / zhifa restore (issue 21, docs/backup.md): a backup taken while another process
// imports and the server takes HTTP writes restores into a new path where `zhifa verify` passes;
// the keys and the file store come back byte for byte; a wrong passphrase is refused in Chinese
// and writes nothing; an existing target is refused without --force.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { addUser, backend, dbUrl, hasChinese, login, run, runAsync, sqlite, startServer, tmpDir } from './lib/zhifa.mjs';

const PASS = 'backup-passphrase-2026\n';
const dir = tmpDir();
const db = path.join(dir, 'live.db');

function mode(p) {
  return fs.statSync(p).mode & 0o777;
}

function filesOf(d) {
  return fs.existsSync(d) ? fs.readdirSync(d).filter((n) => /^[0-9a-f]{64}$/.test(n)).sort() : [];
}

// A case number of the imported data, for reads that write a read_personal audit row.
function someCase(file) {
  return sqlite(file, 'SELECT case_no FROM cases ORDER BY case_no LIMIT 1');
}

let backupFile, server, bounds;
// zhifa backup/restore copy SQLite's file (its online backup API); on PostgreSQL they refuse and
// name pg_dump/pg_restore (docs/backup.md), which the PostgreSQL tests at the end run.
const sqliteOnly = { skip: backend === 'pg' && 'zhifa backup/restore copy the SQLite file; PostgreSQL has pg_dump (tested below)' };
const pgOnly = { skip: backend !== 'pg' && 'PostgreSQL only' };

test('setup: a demo database, served, with generated cases to import', () => {
  const r = run(['--db', db, 'init', '--demo'], { timeout: 120000 });
  assert.equal(r.code, 0, r.stderr);
});

test('a backup taken while another process imports and the server takes writes', sqliteOnly, async () => {
  server = await startServer({ db, args: ['--sign-every', '1'] });
  addUser(db, { username: 'bk_sup', role: 'supervisor', region: '370200' });
  const gen = run(['gen', '--seed', '7', '--cases', '4000', '--agencies', '20'], { timeout: 120000 });
  assert.equal(gen.code, 0, gen.stderr);
  const casesBefore = Number(sqlite(db, 'SELECT count(*) FROM cases'));
  const importing = runAsync(['--db', db, 'import', '-'], { input: gen.stdout, timeout: 300000 });

  // HTTP writes all along: logins (a session row and an audit row each) and audited case reads; a
  // loaded machine may answer one 503 (the database busy past its timeout): only successes count
  let writing = true, writes = 0;
  const caseNo = someCase(db);
  const httpWrites = (async () => {
    while (writing) {
      const c = await login(server.base, 'bk_sup', 'Zf-bk_sup-Pass-2026');
      if (c.status !== 200) continue;
      if ((await c.get(`/cases/${encodeURIComponent(caseNo)}`)).status === 200) writes++;
    }
  })();

  await new Promise((r) => setTimeout(r, 400)); // the import is under way
  backupFile = path.join(dir, 'live.backup.tar');
  let b, imp;
  try {
    b = await runAsync(['--db', db, 'backup', '--out', backupFile], { input: PASS, timeout: 300000 });
    imp = await importing;
  } finally {
    writing = false;
    await httpWrites;
    await server.stop(); // whatever fails below, no server is left running
  }
  assert.equal(b.code, 0, b.stderr);
  assert.equal(imp.code, 0, imp.stderr);
  assert.ok(writes > 0, 'the HTTP writes ran during the backup');
  const summary = JSON.parse(b.stdout);
  assert.equal(summary.files, filesOf(`${db}.files`).length);
  assert.equal(mode(backupFile), 0o600, 'the archive is the owner\'s only');
  assert.ok(!fs.existsSync(`${backupFile}.partial`) && !fs.existsSync(`${backupFile}.db-partial`));

  // a tar any tar lists: the manifest, the sealed keys, the database, the files
  const list = tarList(backupFile);
  assert.deepEqual(list.slice(0, 3), ['MANIFEST.json', 'keys.enc', 'database.sqlite']);
  assert.ok(list.slice(3).every((n) => /^files\/[0-9a-f]{64}$/.test(n)));
  // the import went on after the copy: the copy holds at least the cases before it, at most those after
  const casesAfter = Number(sqlite(db, 'SELECT count(*) FROM cases'));
  assert.ok(casesAfter > casesBefore);
  bounds = { casesBefore, casesAfter };
});

function tarList(file) {
  const r = spawnSync('tar', ['-tf', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n');
}

test('a wrong passphrase is refused in Chinese and writes nothing', sqliteOnly, () => {
  const target = path.join(dir, 'wrong.db');
  const r = run(['--db', target, 'restore', '--in', backupFile], { input: 'not-the-passphrase\n' });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /备份口令不正确/);
  assert.ok(hasChinese(r.stderr));
  for (const p of [target, `${target}.files`, `${target}.ca`, `${target}.sm2.pem`]) assert.ok(!fs.existsSync(p), p);
});

test('restored into a new path: zhifa verify passes, keys and files come back byte for byte, owner only', sqliteOnly, () => {
  const target = path.join(dir, 'restored.db');
  const r = run(['--db', target, 'restore', '--in', backupFile], { input: PASS, timeout: 300000 });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sqlite(target, 'PRAGMA integrity_check'), 'ok');
  const v = run(['--db', target, 'verify'], { timeout: 300000 });
  assert.equal(v.code, 0, v.stdout + v.stderr);

  const n = Number(sqlite(target, 'SELECT count(*) FROM cases'));
  assert.ok(n >= bounds.casesBefore && n <= bounds.casesAfter, `${n} cases`);

  assert.deepEqual(fs.readFileSync(`${target}.sm2.pem`), fs.readFileSync(`${db}.sm2.pem`));
  assert.equal(mode(`${target}.sm2.pem`), 0o600);
  const ca = fs.readdirSync(`${db}.ca`).sort();
  assert.deepEqual(fs.readdirSync(`${target}.ca`).sort(), ca);
  for (const f of ca) {
    assert.deepEqual(fs.readFileSync(path.join(`${target}.ca`, f)), fs.readFileSync(path.join(`${db}.ca`, f)), f);
    assert.equal(mode(path.join(`${target}.ca`, f)), 0o600, f);
  }
  assert.equal(mode(`${target}.ca`), 0o700);
  // every file the restored database names is there (a superset may come from after the copy)
  const named = sqlite(target, 'SELECT sm3 FROM ledger_attachments UNION SELECT sm3 FROM documents').split('\n').filter(Boolean);
  const restored = new Set(filesOf(`${target}.files`));
  assert.ok(named.length > 0);
  for (const s of named) assert.ok(restored.has(s), s);
  for (const s of restored) assert.equal(mode(path.join(`${target}.files`, s)), 0o600);
});

test('an existing target is refused without --force and replaced with it', sqliteOnly, () => {
  const target = path.join(dir, 'restored.db');
  const r = run(['--db', target, 'restore', '--in', backupFile], { input: PASS });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /已存在.*--force/);
  const f = run(['--db', target, 'restore', '--in', backupFile, '--force'], { input: PASS, timeout: 300000 });
  assert.equal(f.code, 0, f.stderr);
  assert.equal(run(['--db', target, 'verify'], { timeout: 300000 }).code, 0);
});

test('a short passphrase and a missing --out are usage errors; an existing --out is not overwritten', sqliteOnly, () => {
  const out = path.join(dir, 'x.tar');
  assert.equal(run(['--db', db, 'backup', '--out', out], { input: 'short\n' }).code, 2);
  assert.equal(run(['--db', db, 'backup'], { input: PASS }).code, 2);
  const again = run(['--db', db, 'backup', '--out', backupFile], { input: PASS });
  assert.equal(again.code, 1);
  assert.match(again.stderr, /已存在/);
});

test('PostgreSQL: zhifa backup refuses and names the documented pg_dump command', pgOnly, () => {
  const b = run(['--db', db, 'backup', '--out', path.join(dir, 'pg.tar')], { input: PASS });
  assert.notEqual(b.code, 0);
  assert.match(b.stderr, /pg_dump --format=custom --no-owner/);
  assert.ok(!fs.existsSync(path.join(dir, 'pg.tar')));
});

test('PostgreSQL: the documented pg_dump, taken while the server serves, restores with pg_restore and verifies', pgOnly, async () => {
  const srv = await startServer({ db, args: ['--sweep-every', '0'] });
  const dump = path.join(dir, 'zhifa.dump');
  try {
    const sup = addUser(db, { username: 'pg_backup_sup', role: 'supervisor', region: '370200' });
    const c = await login(srv.base, sup.username, sup.password);
    assert.equal(c.status, 200);
    const reading = Promise.all(Array.from({ length: 20 }, () => c.get('/cases?size=50')));
    const d = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${dump}`, dbUrl(db)], { encoding: 'utf8' });
    assert.equal(d.status, 0, d.stderr);
    for (const r of await reading) assert.equal(r.status, 200);
  } finally {
    await srv.stop();
  }
  // the keys and the file store beside --db, as docs/backup.md copies them
  const target = path.join(dir, 'pg-restored.db');
  fs.copyFileSync(`${db}.sm2.pem`, `${target}.sm2.pem`);
  if (fs.existsSync(`${db}.files`)) fs.cpSync(`${db}.files`, `${target}.files`, { recursive: true });
  const r = spawnSync('pg_restore', ['--no-owner', `--dbname=${dbUrl(target)}`, dump], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const v = run(['--db', target, 'verify', '--json']);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  assert.equal(JSON.parse(v.stdout.trim().split('\n').pop()).intact, true);
});
