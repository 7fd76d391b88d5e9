// The files zhifa writes hold argon2 hashes, live CSRF tokens, parties' ID numbers and evidence:
// after init, serve, a write (an attachment upload, a temp file caught mid-upload) and a dossier,
// every file zhifa made is owner only (mode & 077 == 0) under the usual umask 022 — the database
// and its -wal/-shm (SQLite gives them the database file's mode), the SM2 key, the attachment
// directory and its files, the upload temp file, the dossier and the modes recorded in its zip
// entries (zipinfo) — and a database made 0644 by an older zhifa is tightened when it is opened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { backend, run, tmpDir, startServer, addUser, login } from './lib/zhifa.mjs';

process.umask(0o022); // what zhifa inherits: the usual default, which leaves new files 0644
const AGENCY = '113702021588139920';
let dir, db, srv, officer, caseNo;
// The database's own files: SQLite's file and its -wal/-shm beside --db. PostgreSQL keeps its files
// in its data directory, which it refuses to run from unless it is owner only (initdb makes it 0700).
const dbFiles = () => (backend === 'pg' ? [] : [db, `${db}-wal`, `${db}-shm`]);
const mode = (f) => fs.statSync(f).mode & 0o777;
const ownerOnly = (f) => assert.equal(mode(f) & 0o077, 0, `${f} is ${mode(f).toString(8)}`);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

before(async () => {
  dir = tmpDir();
  db = path.join(dir, 'modes.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  addUser(db, { username: 'm_officer', role: 'officer', agency: AGENCY });
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  officer = await login(srv.base, 'm_officer', 'Zf-m_officer-Pass-2026');
  const r = await officer.send('POST', '/workflow/cases', {
    case_type: 'penalty_ordinary', power: 'SC-CF-001',
    party: { kind: 'org', name: '青岛某某食品有限公司', id_no: '91370202091141705L' },
    officers: ['37020200001', '37020200002'], violation_ended_on: '2026-03-01', discovered_on: '2026-03-02',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  caseNo = r.body.case.case_no;
});
after(() => srv?.stop());

const uploadUrl = () => `${srv.base}/api/v1/workflow/cases/${encodeURIComponent(caseNo)}/attachments?` +
  new URLSearchParams({ name: '现场.png', stage: 'clue', kind: 'photo' });

test('while serving: the database, -wal, -shm and the key file are owner only', () => {
  for (const f of [...dbFiles(), `${db}.sm2.pem`]) {
    assert.ok(fs.existsSync(f), f); // WAL mode keeps -wal and -shm while the server has it open
    ownerOnly(f);
  }
});

test('an upload: its temp file while it streams, then the stored file and its directory, owner only', async () => {
  const files = `${db}.files`;
  let seen = [];
  const res = await new Promise((resolve, reject) => {
    const req = http.request(uploadUrl(), {
      method: 'POST',
      headers: { Cookie: officer.cookie, 'X-CSRF-Token': officer.csrf, 'Transfer-Encoding': 'chunked' },
    }, (r) => {
      let text = '';
      r.on('data', (d) => { text += d; });
      r.on('end', () => resolve({ status: r.statusCode, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.write(PNG.subarray(0, 40));
    // the server has the first bytes: its temp file exists now
    const look = () => {
      seen = fs.existsSync(files) ? fs.readdirSync(files).filter((f) => f.startsWith('.upload-')) : [];
      if (seen.length) {
        for (const f of seen) ownerOnly(path.join(files, f));
        req.end(PNG.subarray(40));
      } else setTimeout(look, 20);
    };
    look();
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.ok(seen.length > 0, 'the temp file of the upload was seen');
  ownerOnly(files);
  assert.equal(mode(files) & 0o700, 0o700);
  const stored = path.join(files, res.body.sm3);
  assert.ok(fs.existsSync(stored));
  ownerOnly(stored);
  for (const f of dbFiles()) ownerOnly(f);
});

function zipModes(zip) {
  const z = spawnSync('zipinfo', ['-l', zip], { encoding: 'utf8' });
  assert.equal(z.status, 0, z.stderr);
  // "-rw-------  3.0 unx  ... name": the Unix mode zipinfo reads from each entry's external attributes
  return z.stdout.split('\n').filter((l) => /^[-d]r/.test(l)).map((l) => ({ perms: l.slice(0, 10), name: l.split(/\s+/).pop() }));
}

test('dossier (CLI): the file and the recorded mode of every zip entry are owner only', () => {
  const out = path.join(dir, 'dossier.zip');
  fs.writeFileSync(out, 'old'); // an existing file of ours, 0644, is tightened too
  assert.equal(mode(out), 0o644);
  const r = run(['--db', db, 'dossier', '--case', caseNo, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  ownerOnly(out);
  const fresh = path.join(dir, 'fresh.zip');
  assert.equal(run(['--db', db, 'dossier', '--case', caseNo, '--out', fresh]).code, 0);
  ownerOnly(fresh);
  const entries = zipModes(fresh);
  assert.ok(entries.length >= 6, JSON.stringify(entries));
  assert.ok(entries.some((e) => e.name.startsWith('attachments/')), 'the upload is in the dossier');
  for (const e of entries) assert.match(e.perms, /^-rw-------$/, `${e.name}: ${e.perms}`);
  // unzipped, the files keep that mode
  const x = path.join(dir, 'unzipped');
  assert.equal(spawnSync('unzip', ['-q', fresh, '-d', x]).status, 0);
  ownerOnly(path.join(x, 'case.json'));
});

test('dossier (API): the zip entries are owner only', async () => {
  const r = await officer.raw(`/api/v1/cases/${encodeURIComponent(caseNo)}/dossier`);
  assert.equal(r.status, 200);
  const zip = path.join(dir, 'api.zip');
  fs.writeFileSync(zip, Buffer.from(await r.arrayBuffer()));
  for (const e of zipModes(zip)) assert.match(e.perms, /^-rw-------$/, `${e.name}: ${e.perms}`);
});

test('a database made world-readable by an older zhifa is tightened when opened', {
  skip: backend === 'pg' && 'the database files are PostgreSQL\'s, in its data directory, which it refuses to use unless owner only',
}, () => {
  const old = path.join(dir, 'old.db');
  assert.equal(run(['--db', old, 'init']).code, 0);
  for (const f of [old, `${old}-wal`, `${old}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o644);
  fs.writeFileSync(`${old}-journal`, ''); // a stale rollback journal of the same age
  fs.chmodSync(`${old}-journal`, 0o644);
  assert.equal(mode(old), 0o644);
  assert.equal(run(['--db', old, 'verify']).code, 0);
  ownerOnly(old);
  if (fs.existsSync(`${old}-journal`)) ownerOnly(`${old}-journal`);
  for (const f of [`${old}-wal`, `${old}-shm`]) if (fs.existsSync(f)) ownerOnly(f);
});
