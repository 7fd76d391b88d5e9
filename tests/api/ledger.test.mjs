// The tamper-evident record (issue 8) through the real binary: signed heads checked with the
// openssl CLI, proofs checked by an independent verifier written here (Node's SM3, RFC 9162),
// the root recomputed independently from the rows read with the sqlite3 CLI, every tamper case
// of the issue detected by `zhifa verify`, dossiers verified offline (zhifa and bash + openssl
// only) after the database is gone, and the HTTP API including the background signer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { backend, dbCopy, dbQuery, run, tmpDir, startServer, addUser, login, client } from './lib/zhifa.mjs';

const CASE = '南市监处罚〔2026〕4号';
const AGENCY = '113702021588139920';
let dir, db;

// ---- an independent verifier: Node's SM3 and RFC 6962 / RFC 9162 written out again ----
const sm3 = (...parts) => crypto.createHash('sm3').update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest();
const leafHash = (bytes) => sm3([0], bytes);
const nodeHash = (l, r) => sm3([1], l, r);
const hex = (b) => Buffer.from(b).toString('hex');
function mth(leaves) { // RFC 6962 §2.1 MTH over leaf hashes
  if (leaves.length === 0) return sm3(Buffer.alloc(0));
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}
function verifyInclusion(leaf, index, size, pathHex, rootHex) { // RFC 9162 §2.1.3.2
  if (index >= size) return false;
  let fn = BigInt(index), sn = BigInt(size - 1), r = leaf;
  for (const p of pathHex.map((h) => Buffer.from(h, 'hex'))) {
    if (sn === 0n) return false;
    if (fn & 1n || fn === sn) {
      r = nodeHash(p, r);
      while (!(fn & 1n) && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else r = nodeHash(r, p);
    fn >>= 1n; sn >>= 1n;
  }
  return sn === 0n && hex(r) === rootHex;
}
function verifyConsistency(m, n, rootM, rootN, pathHex) { // RFC 9162 §2.1.4.2
  let p = pathHex.map((h) => Buffer.from(h, 'hex'));
  if (m === n) return p.length === 0 && rootM === rootN;
  if ((m & (m - 1)) === 0) p = [Buffer.from(rootM, 'hex'), ...p];
  let fn = BigInt(m - 1), sn = BigInt(n - 1);
  while (fn & 1n) { fn >>= 1n; sn >>= 1n; }
  let fr = p[0], sr = p[0];
  for (const c of p.slice(1)) {
    if (sn === 0n) return false;
    if (fn & 1n || fn === sn) {
      fr = nodeHash(c, fr); sr = nodeHash(c, sr);
      while (!(fn & 1n) && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else sr = nodeHash(sr, c);
    fn >>= 1n; sn >>= 1n;
  }
  return sn === 0n && hex(fr) === rootM && hex(sr) === rootN;
}

// the rows as someone holding the database reads and edits them (sqlite3 or psql)
const sqlite = dbQuery;
const pg = backend === 'pg';
/** The stored bytes of an event body, in hex. */
const HEX_BODY = pg ? "encode(convert_to(body, 'UTF8'), 'hex')" : 'hex(body)';
/** A number of a JSON body (json_extract on SQLite, jsonb on PostgreSQL). */
const jsonNum = (key) => pg ? `(body::jsonb ->> '${key}')::bigint` : `json_extract(body, '$.${key}')`;
const openssl = (args, cwd) => spawnSync('openssl', args, { cwd, encoding: 'utf8' });
const zhifa = (file, ...args) => run(['--db', file, ...args]);
const sthOf = (file) => JSON.parse(zhifa(file, 'sth').stdout);

/** A copy of the demo database and its key file, to tamper with. */
function copyDb(name) {
  const d = path.join(dir, `${name}.db`);
  dbCopy(db, d);
  fs.copyFileSync(`${db}.sm2.pem`, `${d}.sm2.pem`);
  if (fs.existsSync(`${db}.files`)) fs.cpSync(`${db}.files`, `${d}.files`, { recursive: true });
  return d;
}
function verifyFails(file, kind, position) {
  const r = zhifa(file, 'verify', '--json');
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const summary = lines.pop();
  assert.equal(summary.intact, false);
  const hit = lines.find((p) => p.kind === kind && (position === undefined || p.position === position));
  assert.ok(hit, `expected ${kind}${position === undefined ? '' : '@' + position} in:\n${r.stdout}`);
  assert.match(hit.message, /[\u4e00-\u9fff]/);
  return lines;
}

/** One event per case record written (the demo writes each once), the attachment, and one per
 * timeline row and workflow row written (the demo writes each workflow row once). */
// + the demo's major decisions filed with the supervisor (filing.add events, migration 028)
// + the demo's supervision orders: one order.timeline event per timeline row, one order.put per act
//   of a user and one per order the daily reminder run changed (it writes each order once a run)
const count = (sql) => Number(sqlite(db, sql));
const demoEvents = () => 15 + 18 + 7 + 1 + // 7: the online inspection/coercion/licence demo cases (issue 20)
  count('SELECT count(*) FROM case_timeline') +
  count('SELECT count(*) FROM case_workflow') + count('SELECT count(*) FROM filings') +
  count('SELECT count(*) FROM order_timeline') + count(`SELECT count(*) FROM order_timeline WHERE "user" <> 'system'`) +
  count(`SELECT count(DISTINCT order_id) FROM order_timeline WHERE "user" = 'system'`) +
  // + the demo's leads: each act (receipt included) writes the row (lead.put) and a timeline row
  2 * count('SELECT count(*) FROM lead_timeline') +
  // + the demo's 案卷评查: a review_plan.put / review_task.put per write of a row, counted in its body.rev
  count(`SELECT coalesce(sum(${jsonNum('rev')}), 0) FROM review_plans`) +
  count(`SELECT coalesce(sum(${jsonNum('rev')}), 0) FROM review_tasks`) +
  // + the demo's 双随机 plans: one inspection.draw event per plan drawn (docs/inspections.md)
  count("SELECT count(*) FROM insp_plans WHERE status <> 'draft'") +
  // + their rows and the joint plans': an inspection_plan.put / joint_plan.put per write, counted in body.rev
  count(`SELECT coalesce(sum(${jsonNum('rev')}), 0) FROM insp_plans`) +
  count(`SELECT coalesce(sum(${jsonNum('rev')}), 0) FROM joint_plans`) +
  // + the demo's 执法文书: one document.issue per issued version (docs/documents.md)
  count('SELECT count(*) FROM documents');

before(() => {
  dir = tmpDir();
  db = path.join(dir, 'demo.db');
  const r = run(['--db', db, 'init', '--demo']);
  assert.equal(r.code, 0, r.stderr);
  // an attachment, so the attachment tamper case has something to change
  fs.writeFileSync(path.join(dir, '现场照片.jpg'), Buffer.from('not really a jpeg, but bytes all the same'));
  const a = zhifa(db, 'attach', '--case', CASE, '--type', 'image/jpeg', path.join(dir, '现场照片.jpg'));
  assert.equal(a.code, 0, a.stderr);
  assert.equal(zhifa(db, 'sth', '--sign').code, 0);
});

test('init creates the SM2 key pair beside the database, mode 0600, never inside it', () => {
  const st = fs.statSync(`${db}.sm2.pem`);
  assert.equal(st.mode & 0o777, 0o600);
  const pem = fs.readFileSync(`${db}.sm2.pem`, 'utf8');
  assert.match(pem, /BEGIN PRIVATE KEY/);
  const inDb = sqlite(db, "SELECT count(*) FROM ledger_keys WHERE public_key LIKE '%PRIVATE%'");
  assert.equal(inDb.trim(), '0');
  assert.equal(sqlite(db, 'SELECT count(*) FROM ledger_keys').trim(), '1');
});

test('sth prints the newest head; its signature verifies with openssl pkeyutl and openssl dgst', () => {
  const sth = sthOf(db);
  for (const k of ['tree_size', 'root', 'time', 'signature', 'public_key']) assert.ok(k in sth, k);
  assert.equal(sth.tree_size, demoEvents()); // 15 imported + 25 online demo cases + 1 attachment + their rows
  const msg = path.join(dir, 'sth.txt'), sig = path.join(dir, 'sth.sig'), pub = path.join(dir, 'pub.pem');
  fs.writeFileSync(msg, `zhifa-sth-v1\n${sth.tree_size}\n${sth.root}\n${sth.time}\n`);
  fs.writeFileSync(sig, Buffer.from(sth.signature, 'base64'));
  fs.writeFileSync(pub, sth.public_key);
  const a = openssl(['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-digest', 'sm3',
    '-pkeyopt', 'distid:1234567812345678', '-in', msg, '-sigfile', sig]);
  assert.equal(a.status, 0, a.stdout + a.stderr);
  assert.match(a.stdout, /Signature Verified Successfully/);
  const b = openssl(['dgst', '-sm3', '-verify', pub, '-sigopt', 'distid:1234567812345678', '-signature', sig, msg]);
  assert.equal(b.status, 0, b.stdout + b.stderr);
  assert.match(b.stdout, /Verified OK/);
  // the distinguishing ID is part of what is signed: another ID does not verify
  const c = openssl(['dgst', '-sm3', '-verify', pub, '-sigopt', 'distid:0000000000000000', '-signature', sig, msg]);
  assert.notEqual(c.status, 0);
  // and so is every byte of the message
  fs.writeFileSync(msg, `zhifa-sth-v1\n${sth.tree_size + 1}\n${sth.root}\n${sth.time}\n`);
  assert.notEqual(openssl(['dgst', '-sm3', '-verify', pub, '-sigopt', 'distid:1234567812345678', '-signature', sig, msg]).status, 0);
  // key_id is the SM3 of the DER public key
  const der = openssl(['pkey', '-pubin', '-in', pub, '-outform', 'DER']);
  const derBuf = spawnSync('openssl', ['pkey', '-pubin', '-in', pub, '-outform', 'DER']).stdout;
  assert.equal(der.status, 0);
  assert.equal(sth.key_id, hex(sm3(derBuf)));
});

test('the signed root equals an independent recomputation from the stored event bytes', () => {
  const rows = sqlite(db, `SELECT ${HEX_BODY} FROM ledger_events ORDER BY seq`).trim().split('\n');
  const leaves = rows.map((h) => leafHash(Buffer.from(h, 'hex')));
  const sth = sthOf(db);
  assert.equal(leaves.length, sth.tree_size);
  assert.equal(hex(mth(leaves)), sth.root);
  // events are canonical: sorted keys, compact, with their own seq
  const first = JSON.parse(Buffer.from(rows[0], 'hex').toString('utf8'));
  assert.deepEqual(Object.keys(first), ['data', 'seq', 'subject', 'time', 'type']);
  assert.equal(first.seq, 0);
  assert.equal(first.type, 'case.import');
});

test('inclusion proofs for every event and size verify independently', () => {
  const rows = sqlite(db, `SELECT ${HEX_BODY} FROM ledger_events ORDER BY seq`).trim().split('\n');
  const leaves = rows.map((h) => leafHash(Buffer.from(h, 'hex')));
  for (const size of [1, 2, 3, 7, 8, 9, 15, 16]) {
    for (let i = 0; i < size; i++) {
      const r = zhifa(db, 'proof', '--event', String(i), '--size', String(size));
      assert.equal(r.code, 0, r.stderr);
      const p = JSON.parse(r.stdout);
      assert.equal(p.root, hex(mth(leaves.slice(0, size))));
      assert.equal(p.leaf_hash, hex(leaves[i]));
      assert.ok(verifyInclusion(leaves[i], i, size, p.path, p.root), `event ${i} of ${size}`);
      assert.ok(!verifyInclusion(leafHash(Buffer.from('forged')), i, size, p.path, p.root));
    }
  }
  // default size: the newest signed head, which the answer names
  const p = JSON.parse(zhifa(db, 'proof', '--event', '5').stdout);
  assert.equal(p.tree_size, sthOf(db).tree_size);
  assert.equal(p.head.root, p.root);
});

test('consistency proofs between any two sizes verify independently', () => {
  const rows = sqlite(db, `SELECT ${HEX_BODY} FROM ledger_events ORDER BY seq`).trim().split('\n');
  const leaves = rows.map((h) => leafHash(Buffer.from(h, 'hex')));
  // every pair up to 34, then from every m to the whole log (a spawn per pair: keep it bounded)
  const sizes = [...Array(Math.min(34, leaves.length)).keys()].map((i) => i + 1);
  if (leaves.length > 34) sizes.push(leaves.length);
  for (const n of sizes) {
    for (let m = 1; m <= n; m++) {
      if (n > 34 && m > 34 && m % 7 !== 0 && m !== n) continue;
      const r = zhifa(db, 'proof', '--from', String(m), '--to', String(n));
      assert.equal(r.code, 0, r.stderr);
      const p = JSON.parse(r.stdout);
      assert.equal(p.first_root, hex(mth(leaves.slice(0, m))));
      assert.equal(p.second_root, hex(mth(leaves.slice(0, n))));
      assert.ok(verifyConsistency(m, n, p.first_root, p.second_root, p.path), `${m}→${n}`);
      if (m < n) assert.ok(!verifyConsistency(m, n, hex(sm3('x')), p.second_root, p.path));
    }
  }
});

test('proof refuses sizes and events out of range with usage errors', () => {
  assert.equal(zhifa(db, 'proof', '--event', String(sthOf(db).tree_size)).code, 2);
  assert.equal(zhifa(db, 'proof', '--from', '5', '--to', '3').code, 2);
  assert.equal(zhifa(db, 'proof').code, 2);
  assert.equal(zhifa(db, 'proof', '--event', 'x').code, 2);
});

test('verify passes on an intact database', () => {
  const r = zhifa(db, 'verify');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /存证完好/);
  const j = JSON.parse(zhifa(db, 'verify', '--json').stdout.trim());
  // the one uploaded attachment and the PDF of each issued document
  const files = 1 + count('SELECT count(*) FROM documents');
  assert.deepEqual([j.intact, j.events, j.heads >= 1, j.attachments, j.cases], [true, demoEvents(), true, files, 15 + 18 + 7]);
});

test('tamper: one byte of an event row changed → changed, at its position', () => {
  const d = copyDb('byte');
  sqlite(d, "UPDATE ledger_events SET body = substr(body, 1, 30) || 'X' || substr(body, 32) WHERE seq = 3");
  verifyFails(d, 'changed', 3);
  verifyFails(d, 'head_mismatch');
});

test('tamper: event and leaf rewritten together → the signed root no longer matches', () => {
  const d = copyDb('forged');
  const body = sqlite(d, 'SELECT body FROM ledger_events WHERE seq = 3').replace(/\n$/, '').replace('20000', '20001');
  fs.writeFileSync(path.join(dir, 'forged.json'), body);
  const leaf = hex(leafHash(Buffer.from(body)));
  sqlite(d, pg
    ? `UPDATE ledger_events SET body = '${body.replace(/'/g, "''")}', leaf = '\\x${leaf}'::bytea WHERE seq = 3`
    : `UPDATE ledger_events SET body = CAST(readfile('${path.join(dir, 'forged.json')}') AS TEXT), leaf = X'${leaf}' WHERE seq = 3`);
  verifyFails(d, 'head_mismatch');
});

test('tamper: a row deleted → deleted, at its position', () => {
  const d = copyDb('deleted');
  sqlite(d, 'DELETE FROM ledger_events WHERE seq = 5');
  verifyFails(d, 'deleted', 5);
});

test('tamper: two rows swapped → reordered, at both positions', () => {
  const d = copyDb('swapped');
  sqlite(d, 'UPDATE ledger_events SET seq = -1 WHERE seq = 2; UPDATE ledger_events SET seq = 2 WHERE seq = 7; UPDATE ledger_events SET seq = 7 WHERE seq = -1;');
  verifyFails(d, 'reordered', 2);
  verifyFails(d, 'reordered', 7);
});

test('tamper: an event inserted in the middle (rows renumbered) → reordered from there on', () => {
  const d = copyDb('inserted');
  sqlite(d, 'UPDATE ledger_events SET seq = seq + 1000 WHERE seq >= 6; UPDATE ledger_events SET seq = seq - 999 WHERE seq >= 1000;' +
    " INSERT INTO ledger_events(seq, time, type, subject, body, leaf) SELECT 6, time, type, subject, body, leaf FROM ledger_events WHERE seq = 1;");
  verifyFails(d, 'reordered', 6);
  verifyFails(d, 'reordered', 7);
});

test('tamper: the log truncated → truncated', () => {
  const d = copyDb('truncated');
  sqlite(d, 'DELETE FROM ledger_events WHERE seq >= 12');
  verifyFails(d, 'truncated');
});

test('tamper: an attachment file changed → attachment_changed', () => {
  const d = copyDb('attachment');
  const [f] = fs.readdirSync(`${d}.files`);
  fs.appendFileSync(path.join(`${d}.files`, f), 'x');
  verifyFails(d, 'attachment_changed');
  fs.rmSync(path.join(`${d}.files`, f));
  verifyFails(d, 'attachment_missing');
});

test('tamper: the key file replaced → key', () => {
  const d = copyDb('key');
  fs.rmSync(`${d}.sm2.pem`);
  assert.equal(openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', `${d}.sm2.pem`]).status, 0);
  verifyFails(d, 'key', -1);
});

test('tamper: a head edited → head_signature', () => {
  const d = copyDb('head');
  sqlite(d, "UPDATE ledger_heads SET root = '" + '0'.repeat(64) + "' WHERE id = (SELECT max(id) FROM ledger_heads)");
  verifyFails(d, 'head_signature');
  const e = copyDb('head2');
  sqlite(e, 'UPDATE ledger_heads SET time = time - 86400');
  verifyFails(e, 'head_signature');
});

test('tamper: a 案卷评查 score sheet or plan changed outside the ledger → review_task_changed / review_plan_changed', () => {
  const d = copyDb('review');
  sqlite(d, (pg ? "UPDATE review_tasks SET body = jsonb_set(body::jsonb, '{total_cp}', '10000')::text"
    : "UPDATE review_tasks SET body = json_set(body, '$.total_cp', 10000)") + " WHERE id = (SELECT min(id) FROM review_tasks WHERE status = 'submitted')");
  verifyFails(d, 'review_task_changed');
  const e = copyDb('review2');
  sqlite(e, "UPDATE review_plans SET status = 'draft' WHERE id = (SELECT min(id) FROM review_plans)");
  verifyFails(e, 'review_plan_changed');
});

test('tamper: a case record changed outside the ledger → record_changed', () => {
  const d = copyDb('record');
  sqlite(d, `UPDATE cases SET body = replace(body, '"procedure":"ordinary"', '"procedure":"simple"') WHERE case_no = '${CASE}'`);
  verifyFails(d, 'record_changed');
});

test('import appends one event per changed case, re-import appends none, and signs a head', () => {
  const d = copyDb('import');
  const before = sthOf(d).tree_size;
  const lines = [];
  for (let i = 0; i < 200; i++) {
    lines.push(JSON.stringify({
      type: 'case', case_no: `测试处罚〔2026〕${i}号`, agency: AGENCY, kind: 'penalty', power: 'SC-CF-001',
      party: { kind: 'org', name: '青岛某某食品有限公司', id_no: '91370202091141705L' },
      officers: ['37020200001', '37020200002'], procedure: 'ordinary', discovered_on: '2026-01-05', filed_on: '2026-01-12',
    }));
  }
  const file = path.join(dir, 'more.jsonl');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  const r = zhifa(d, 'import', file);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sthOf(d).tree_size, before + 200); // signed at the end of the import
  assert.equal(zhifa(d, 'import', file).code, 0);
  assert.equal(sthOf(d).tree_size, before + 200); // unchanged records: no events
  assert.equal(zhifa(d, 'verify').code, 0);
});

test('dossier verifies offline after the database is deleted, with zhifa and with bash + openssl', () => {
  const d = copyDb('dossier');
  const zip = path.join(dir, 'case4.zip');
  const r = zhifa(d, 'dossier', '--case', CASE, '--out', zip);
  assert.equal(r.code, 0, r.stderr);
  for (const f of [d, `${d}.sm2.pem`, `${d}-wal`, `${d}-shm`]) fs.rmSync(f, { force: true });
  fs.rmSync(`${d}.files`, { recursive: true });
  const v = run(['verify-dossier', zip]);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  const summary = JSON.parse(v.stdout.trim().split('\n').pop());
  assert.equal(summary.case_no, CASE);
  assert.equal(summary.events, 2);
  // unpacked: README in Chinese, and the bash + openssl script passes
  const out = path.join(dir, 'unzipped');
  assert.equal(spawnSync('unzip', ['-q', '-o', zip, '-d', out]).status, 0);
  assert.match(fs.readFileSync(path.join(out, 'README.txt'), 'utf8'), /openssl pkeyutl -verify/);
  const sh = spawnSync('bash', ['verify.sh'], { cwd: out, encoding: 'utf8' });
  assert.equal(sh.status, 0, sh.stdout + sh.stderr);
  assert.match(sh.stdout, /校验通过/);
  // the manual commands of the README work as written
  const sig = openssl(['pkeyutl', '-verify', '-pubin', '-inkey', 'head/public_key.pem', '-rawin', '-digest', 'sm3',
    '-pkeyopt', 'distid:1234567812345678', '-in', 'head/sth.txt', '-sigfile', 'head/sth.sig'], out);
  assert.equal(sig.status, 0, sig.stderr);
  // one changed byte in an event: both checkers refuse
  const [ev] = fs.readdirSync(path.join(out, 'events'));
  const evPath = path.join(out, 'events', ev);
  fs.writeFileSync(evPath, fs.readFileSync(evPath, 'utf8').replace('"ordinary"', '"simple"'));
  const bad = spawnSync('bash', ['verify.sh'], { cwd: out, encoding: 'utf8' });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stdout, /✗ 事件/);
  const badZip = path.join(dir, 'bad.zip');
  assert.equal(spawnSync('zip', ['-q', '-r', badZip, '.'], { cwd: out }).status, 0);
  const vb = run(['verify-dossier', badZip]);
  assert.equal(vb.code, 1, vb.stdout);
  assert.match(vb.stdout, /changed/);
  // a replaced attachment
  fs.writeFileSync(evPath, fs.readFileSync(evPath, 'utf8').replace('"simple"', '"ordinary"'));
  const [att] = fs.readdirSync(path.join(out, 'attachments'));
  fs.appendFileSync(path.join(out, 'attachments', att), '!');
  const badZip2 = path.join(dir, 'bad2.zip');
  assert.equal(spawnSync('zip', ['-q', '-r', badZip2, '.'], { cwd: out }).status, 0);
  const va = run(['verify-dossier', badZip2]);
  assert.equal(va.code, 1, va.stdout);
  assert.match(va.stdout, /attachment_changed/);
  assert.equal(run(['verify-dossier', path.join(dir, 'no-such.zip')]).code, 2);
});

// ---- HTTP ----

test('API: sth, proofs, integrity ✓ then ✗, dossier zip, scope and permissions', async () => {
  const d = copyDb('api');
  const user = addUser(d, { username: 'ledgerofficer', role: 'officer', agency: AGENCY });
  const other = addUser(d, { username: 'otherofficer', role: 'officer', agency: '11370203869879736T' });
  const srv = await startServer({ db: d, args: ['--sweep-every', '0'] });
  try {
    const c = await login(srv.base, user.username, user.password);
    assert.equal(c.status, 200);
    const sth = await c.get('/ledger/sth');
    assert.equal(sth.status, 200);
    assert.deepEqual(sth.body, sthOf(d));

    const inc = await c.get('/ledger/proof?event=3');
    assert.equal(inc.status, 200);
    const leaf = leafHash(Buffer.from(sqlite(d, `SELECT ${HEX_BODY} FROM ledger_events WHERE seq = 3`).trim(), 'hex'));
    assert.ok(verifyInclusion(leaf, 3, inc.body.tree_size, inc.body.path, sth.body.root));
    const con = await c.get(`/ledger/proof?from=5&to=${sth.body.tree_size}`);
    assert.equal(con.status, 200);
    assert.ok(verifyConsistency(5, sth.body.tree_size, con.body.first_root, sth.body.root, con.body.path));
    for (const q of ['', '?event=-1', '?event=x', '?from=3', '?event=1&from=1&to=2', `?event=${sth.body.tree_size}`])
      assert.equal((await c.get(`/ledger/proof${q}`)).status, 400, q);

    const enc = encodeURIComponent(CASE);
    const ok = await c.get(`/cases/${enc}/integrity`);
    assert.equal(ok.status, 200);
    assert.equal(ok.body.status, 'verified');
    assert.equal(ok.body.head.root, sth.body.root);
    assert.equal(ok.body.events.length, 2);
    assert.ok(ok.body.events.every((e) => e.status === 'verified'));

    const zip = await c.raw(`/api/v1/cases/${enc}/dossier`);
    assert.equal(zip.status, 200);
    assert.equal(zip.headers.get('content-type'), 'application/zip');
    assert.match(zip.headers.get('content-disposition'), /filename\*=UTF-8''/);
    const bytes = Buffer.from(await zip.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');
    const zf = path.join(dir, 'api.zip');
    fs.writeFileSync(zf, bytes);
    assert.equal(run(['verify-dossier', zf]).code, 0);

    // out of the user's scope: as if absent; anonymous: 401
    const o = await login(srv.base, other.username, other.password);
    assert.equal((await o.get(`/cases/${enc}/integrity`)).status, 404);
    assert.equal((await o.get(`/cases/${enc}/dossier`)).status, 404);
    assert.equal((await client(srv.base).get('/ledger/sth')).status, 401);
    assert.equal((await c.get(`/cases/${encodeURIComponent('无此案〔2026〕1号')}/integrity`)).status, 404);

    // the case page turns ✗ the moment a stored record changes
    sqlite(d, `UPDATE cases SET body = replace(body, '"procedure":"ordinary"', '"procedure":"simple"') WHERE case_no = '${CASE}'`);
    const broken = await c.get(`/cases/${enc}/integrity`);
    assert.equal(broken.body.status, 'broken');
    assert.ok(broken.body.problems.some((p) => p.kind === 'record_changed'));
    const seq = Number(sqlite(d, `SELECT min(seq) FROM ledger_events WHERE subject = '${CASE}'`));
    sqlite(d, `UPDATE ledger_events SET body = replace(body, '"ordinary"', '"simple"') WHERE seq = ${seq}`);
    const broken2 = await c.get(`/cases/${enc}/integrity`);
    assert.ok(broken2.body.problems.some((p) => p.kind === 'changed' && p.seq === seq), JSON.stringify(broken2.body.problems));
  } finally {
    await srv.stop();
  }
});

test('server signs new events in the background and once more on shutdown', async () => {
  const d = copyDb('signer');
  const file = path.join(dir, 'note.txt');
  fs.writeFileSync(file, '笔录');
  const srv = await startServer({ db: d, args: ['--sweep-every', '0', '--sign-every', '1'] });
  const start = sthOf(d).tree_size;
  try {
    assert.equal(zhifa(d, 'attach', '--case', CASE, file).code, 0);
    let size = start;
    // Wait for the 1 s signing tick; the bound is generous because a loaded CI machine can delay
    // the server's thread for seconds, and the loop leaves as soon as the tree grows.
    for (let i = 0; i < 300 && size === start; i++) {
      await new Promise((r) => setTimeout(r, 100));
      size = sthOf(d).tree_size;
    }
    assert.equal(size, start + 1);
  } finally {
    await srv.stop();
  }
  const srv2 = await startServer({ db: d, args: ['--sweep-every', '0', '--sign-every', '3600'] });
  fs.writeFileSync(file, '笔录（二）');
  assert.equal(zhifa(d, 'attach', '--case', CASE, file).code, 0);
  assert.equal(sthOf(d).tree_size, start + 1); // not yet: the next tick is an hour away
  const stopped = await srv2.stop();
  assert.equal(stopped.code, 0);
  assert.equal(sthOf(d).tree_size, start + 2);
  assert.equal(zhifa(d, 'verify').code, 0);
});
