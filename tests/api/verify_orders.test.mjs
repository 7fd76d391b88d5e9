// Supervision orders under the tamper-evident record (issue 14): `zhifa verify` holds every
// `orders` row — its order_cases / order_findings links included — to its latest order.put event and
// every `order_timeline` row to its order.timeline event, as it does the online cases' rows. Each
// edit below is made with the sqlite3 CLI on a copy of a `zhifa init --demo` database (triggers
// dropped as an intruder would) and must give exactly one problem of the right kind, naming the
// row and column, at the position of the event it contradicts; exit 1. The case dossier carries
// the events of the issued orders that name the case, and verifies offline.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { backend, dbCopy, dbExec, dbQuery, run, tmpDir, startServer, addUser, login } from './lib/zhifa.mjs';

let dir, db;
const zhifa = (file, ...args) => run(['--db', file, ...args]);

let n = 0;
function copyDb() {
  const d = path.join(dir, `copy${n++}.db`);
  dbCopy(db, d);
  fs.copyFileSync(`${db}.sm2.pem`, `${d}.sm2.pem`);
  // the file store too: verify checks the issued documents' PDFs in it
  if (fs.existsSync(`${db}.files`)) fs.cpSync(`${db}.files`, `${d}.files`, { recursive: true });
  return d;
}

/** The problems of `verify --json` (summary checked and removed); verify must exit 1. */
function problems(file) {
  const r = zhifa(file, 'verify', '--json');
  assert.equal(r.code, 1, `verify passed after the edit:\n${r.stdout}${r.stderr}`);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.pop().intact, false);
  return lines;
}

/** Exactly one problem, of `kind`, at `position`, whose message names every word of `names`. */
function expectOne(file, kind, position, names) {
  const ps = problems(file);
  assert.deepEqual(ps.map((p) => p.kind), [kind], JSON.stringify(ps, null, 1));
  assert.equal(ps[0].position, position);
  for (const w of names) assert.ok(ps[0].message.includes(w), `${ps[0].message} does not name ${w}`);
  assert.match(ps[0].message, /[\u4e00-\u9fff]/);
  // the text form says the same, exit 1
  const t = zhifa(file, 'verify');
  assert.equal(t.code, 1);
  assert.match(t.stdout, new RegExp(`✗ ${kind} +${position} `));
}

/** Drops the append-only trigger of order_timeline for `op` (update | delete), as an intruder would. */
const dropTimelineTrigger = (op) => backend === 'pg'
  ? 'DROP TRIGGER order_timeline_append_only ON order_timeline;'
  : `DROP TRIGGER order_timeline_no_${op};`;
const latestPut = (file, id) =>
  Number(dbQuery(file, `SELECT max(seq) FROM ledger_events WHERE type = 'order.put' AND subject = 'order:${id}'`));
const timelineEvent = (file, tid) =>
  Number(dbQuery(file, "SELECT seq FROM ledger_events WHERE type = 'order.timeline'" +
    ` AND ${backend === 'pg' ? "(body::jsonb #>> '{data,id}')::bigint" : "json_extract(body, '$.data.id')"} = ${tid}`));
/** An order that has case and finding links. */
const linkedOrder = (file) =>
  Number(dbQuery(file, 'SELECT order_id FROM order_findings WHERE order_id IN (SELECT order_id FROM order_cases)' +
    ' ORDER BY order_id LIMIT 1'));

before(() => {
  dir = tmpDir();
  db = path.join(dir, 'demo.db');
  const r = run(['--db', db, 'init', '--demo']);
  assert.equal(r.code, 0, r.stderr);
});

test('the demo with its supervision orders verifies; its orders are logged', () => {
  const r = zhifa(db, 'verify', '--json');
  assert.equal(r.code, 0, r.stdout);
  assert.equal(JSON.parse(r.stdout.trim().split('\n').pop()).intact, true);
  assert.equal(Number(dbQuery(db, 'SELECT count(*) FROM orders')), 7);
  assert.ok(Number(dbQuery(db, 'SELECT count(*) FROM order_timeline')) >= 7);
  assert.ok(Number(dbQuery(db, 'SELECT count(*) FROM order_cases')) > 0);
  assert.ok(Number(dbQuery(db, 'SELECT count(*) FROM order_findings')) > 0);
  // every order row and every timeline row has its event
  assert.equal(dbQuery(db, "SELECT count(DISTINCT subject) FROM ledger_events WHERE type = 'order.put'"), '7');
  assert.equal(dbQuery(db, "SELECT count(*) FROM ledger_events WHERE type = 'order.timeline'"),
    dbQuery(db, 'SELECT count(*) FROM order_timeline'));
});

test('acts written through zhifa stay verifiable (the reminder run, weeks later)', () => {
  const d = copyDb();
  const before = Number(dbQuery(d, "SELECT count(*) FROM ledger_events WHERE subject LIKE 'order:%'"));
  const later = new Date(Date.now() + 60 * 86400e3).toISOString().slice(0, 10);
  const r = zhifa(d, 'orders', 'remind', '--as-of', later);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(Number(dbQuery(d, "SELECT count(*) FROM ledger_events WHERE subject LIKE 'order:%'")) > before);
  const v = zhifa(d, 'verify');
  assert.equal(v.code, 0, v.stdout);
});

// ---- the order row: its columns and body ----
for (const [col, set] of [
  ['status', "status = CASE status WHEN 'accepted' THEN 'returned' ELSE 'accepted' END"],
  ['body', backend === 'pg' ? "body = jsonb_set(body::jsonb, '{problem}', '\"已被篡改的问题描述\"')::text"
    : "body = json_set(body, '$.problem', '已被篡改的问题描述')"],
  ['due_on', "due_on = '2099-12-31'"],
  ['escalation', 'escalation = CASE escalation WHEN 0 THEN 1 ELSE 0 END'],
]) {
  test(`orders.${col} edited → order_changed orders[<id>].${col} at its latest order.put`, () => {
    const d = copyDb();
    const id = linkedOrder(d);
    dbExec(d, `UPDATE orders SET ${set} WHERE id = ${id}`);
    expectOne(d, 'order_changed', latestPut(d, id), [`orders[${id}].${col}`]);
  });
}

// ---- the link rows are part of the order's row ----
test('an order_findings row deleted → order_changed orders[<id>].finding_ids', () => {
  const d = copyDb();
  const id = linkedOrder(d);
  dbExec(d, `DELETE FROM order_findings WHERE order_id = ${id} AND finding_id =` +
    ` (SELECT min(finding_id) FROM order_findings WHERE order_id = ${id})`);
  expectOne(d, 'order_changed', latestPut(d, id), [`orders[${id}].finding_ids`]);
});

test('an order_cases row inserted → order_changed orders[<id>].case_nos', () => {
  const d = copyDb();
  const id = linkedOrder(d);
  const other = dbQuery(d, `SELECT case_no FROM cases WHERE case_no NOT IN (SELECT case_no FROM order_cases
    WHERE order_id = ${id}) ORDER BY case_no LIMIT 1`);
  dbExec(d, `INSERT INTO order_cases(order_id, case_no) VALUES (${id}, '${other}')`);
  expectOne(d, 'order_changed', latestPut(d, id), [`orders[${id}].case_nos`]);
});

test('an order_cases row deleted → order_changed orders[<id>].case_nos', () => {
  const d = copyDb();
  const id = linkedOrder(d);
  dbExec(d, `DELETE FROM order_cases WHERE order_id = ${id}`);
  expectOne(d, 'order_changed', latestPut(d, id), [`orders[${id}].case_nos`]);
});

// ---- whole rows ----
test('an orders row deleted with its links → order_row_missing orders[<id>]', () => {
  const d = copyDb();
  const id = linkedOrder(d);
  // the timeline rows stay, naming the order: PostgreSQL enforces their foreign key, which an
  // intruder holding the database switches off as the sqlite3 CLI has it off
  const noKeys = backend === 'pg' ? 'SET session_replication_role = replica; ' : '';
  dbExec(d, `${noKeys}DELETE FROM order_cases WHERE order_id = ${id}; DELETE FROM order_findings WHERE order_id = ${id};` +
    ` DELETE FROM orders WHERE id = ${id}`);
  expectOne(d, 'order_row_missing', latestPut(d, id), [`orders[${id}]`]);
});

test('an orders row inserted by hand → order_unlogged orders[<id>]', () => {
  const d = copyDb();
  dbExec(d, 'INSERT INTO orders(id, kind, agency, region, status, last_act_on, body, created_by, created_at,' +
    " updated_at) SELECT 900, kind, agency, region, 'accepted', last_act_on, body, created_by, created_at, updated_at" +
    ' FROM orders ORDER BY id LIMIT 1');
  expectOne(d, 'order_unlogged', -1, ['orders[900]']);
});

// ---- the order timeline (append-only: the triggers are dropped first, as an intruder would) ----
test('an order_timeline row edited → order_timeline_changed order_timeline[<id>].note at its event', () => {
  const d = copyDb();
  const tid = Number(dbQuery(d, 'SELECT max(id) FROM order_timeline'));
  // the trigger holds while it is there
  assert.throws(() => dbExec(d, `UPDATE order_timeline SET note = '改' WHERE id = ${tid}`), /refused/);
  dbExec(d, `${dropTimelineTrigger('update')} UPDATE order_timeline SET note = '改' WHERE id = ${tid}`);
  expectOne(d, 'order_timeline_changed', timelineEvent(d, tid), [`order_timeline[${tid}].note`]);
});

test('an order_timeline row deleted → order_timeline_row_missing order_timeline[<id>] at its event', () => {
  const d = copyDb();
  const tid = Number(dbQuery(d, 'SELECT min(id) FROM order_timeline'));
  dbExec(d, `${dropTimelineTrigger('delete')} DELETE FROM order_timeline WHERE id = ${tid}`);
  expectOne(d, 'order_timeline_row_missing', timelineEvent(d, tid), [`order_timeline[${tid}]`]);
});

test('an order_timeline row inserted by hand → order_timeline_unlogged order_timeline[<id>]', () => {
  const d = copyDb();
  dbExec(d, 'INSERT INTO order_timeline(id, order_id, time, on_date, "user", action, from_status, to_status, note)' +
    " SELECT 9000, order_id, time, on_date, \"user\", 'accept', 'responded', 'accepted', '补记'" +
    ' FROM order_timeline ORDER BY id DESC LIMIT 1');
  expectOne(d, 'order_timeline_unlogged', -1, ['order_timeline[9000]']);
});

// ---- the case dossier shows the supervision of the case ----

function unzip(zip, name) {
  const out = path.join(dir, name);
  assert.equal(spawnSync('unzip', ['-q', '-o', zip, '-d', out]).status, 0);
  return out;
}
const manifestOf = (out) => JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
/** A case named by an issued order (the order's id too). */
const supervisedCase = (file) => {
  const [id, caseNo] = dbQuery(file, "SELECT c.order_id, c.case_no FROM order_cases c JOIN orders o ON o.id = c.order_id" +
    " WHERE o.status <> 'draft' ORDER BY c.order_id, c.case_no LIMIT 1").split('|');
  return { id: Number(id), caseNo };
};

test('a dossier carries the events of the issued orders that name the case, and verifies offline', () => {
  const d = copyDb();
  const { id, caseNo } = supervisedCase(d);
  const zip = path.join(dir, 'supervised.zip');
  const r = zhifa(d, 'dossier', '--case', caseNo, '--out', zip);
  assert.equal(r.code, 0, r.stderr);
  const out = unzip(zip, 'supervised');
  const m = manifestOf(out);
  assert.ok(m.orders.includes(`order:${id}`), JSON.stringify(m.orders));
  const types = m.events.map((e) => e.type);
  assert.ok(types.includes('case.import'));
  assert.ok(types.includes('order.put') && types.includes('order.timeline'), types.join(' '));
  // every event of the order is there, in log order, each with its subject
  const orderSeqs = dbQuery(d, `SELECT seq FROM ledger_events WHERE subject = 'order:${id}' ORDER BY seq`)
    .split('\n').map(Number);
  const subjects = m.events.map((e) => JSON.parse(fs.readFileSync(path.join(out, e.file), 'utf8')).subject);
  assert.deepEqual(m.events.filter((_, i) => subjects[i] === `order:${id}`).map((e) => e.seq), orderSeqs);
  assert.ok(subjects.every((s) => s === caseNo || m.orders.includes(s)), subjects.join(' '));
  const seqs = m.events.map((e) => e.seq);
  assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
  // the order's latest order.put names the case
  const put = m.events.filter((e) => e.type === 'order.put').pop();
  assert.ok(JSON.parse(fs.readFileSync(path.join(out, put.file), 'utf8')).data.case_nos.includes(caseNo));

  const v = run(['verify-dossier', zip]);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  const summary = JSON.parse(v.stdout.trim().split('\n').pop());
  assert.equal(summary.events, m.events.length);
  assert.equal(summary.orders, m.orders.length);
  const sh = spawnSync('bash', ['verify.sh'], { cwd: out, encoding: 'utf8' });
  assert.equal(sh.status, 0, sh.stdout + sh.stderr);
  assert.match(fs.readFileSync(path.join(out, 'README.txt'), 'utf8'), /监督文书/);
});

test('a draft order is not in the dossier; an event of an order that does not name the case is refused', () => {
  const d = copyDb();
  // the drafts' cases: named by no issued order
  const draftOnly = dbQuery(d, "SELECT c.case_no FROM order_cases c JOIN orders o ON o.id = c.order_id WHERE o.status = 'draft'" +
    " AND c.case_no NOT IN (SELECT c2.case_no FROM order_cases c2 JOIN orders o2 ON o2.id = c2.order_id" +
    " WHERE o2.status <> 'draft') ORDER BY c.case_no LIMIT 1");
  assert.ok(draftOnly, 'the demo has a draft order naming a case');
  const zd = path.join(dir, 'draft.zip');
  assert.equal(zhifa(d, 'dossier', '--case', draftOnly, '--out', zd).code, 0);
  const md = manifestOf(unzip(zd, 'draft'));
  assert.deepEqual(md.orders, []);
  assert.ok(md.events.every((e) => !e.type.startsWith('order.')));

  // two dossiers under the same head: one case's order event spliced into another case's dossier
  const [a, b] = dbQuery(d, "SELECT c.case_no FROM order_cases c JOIN orders o ON o.id = c.order_id WHERE o.status <> 'draft'" +
    ' GROUP BY c.case_no HAVING count(*) = 1 ORDER BY min(c.order_id), c.case_no').split('\n');
  const za = path.join(dir, 'a.zip'), zb = path.join(dir, 'b.zip');
  assert.equal(zhifa(d, 'dossier', '--case', a, '--out', za).code, 0);
  assert.equal(zhifa(d, 'dossier', '--case', b, '--out', zb).code, 0);
  const oa = unzip(za, 'a'), ob = unzip(zb, 'b');
  const ma = manifestOf(oa), mb = manifestOf(ob);
  assert.equal(ma.head.root, mb.head.root);
  assert.notDeepEqual(ma.orders, mb.orders);
  const foreign = mb.events.find((e) => e.type === 'order.timeline');
  for (const f of [foreign.file, foreign.file.replace(/^events\/(.*)\.json$/, 'proofs/$1.txt')])
    fs.copyFileSync(path.join(ob, f), path.join(oa, f));
  ma.events.push(foreign);
  fs.writeFileSync(path.join(oa, 'manifest.json'), JSON.stringify(ma, null, 2));
  const bad = path.join(dir, 'spliced.zip');
  assert.equal(spawnSync('zip', ['-q', '-r', bad, '.'], { cwd: oa }).status, 0);
  const v = run(['verify-dossier', bad]);
  assert.equal(v.code, 1, v.stdout);
  assert.match(v.stdout, new RegExp(`subject +${foreign.seq} `));
  assert.doesNotMatch(v.stdout, /changed/); // the event itself is proven: only its place is wrong
});

test('API: the case dossier carries the order events, for an officer of the agency', async () => {
  const d = copyDb();
  const { id, caseNo } = supervisedCase(d);
  const agency = dbQuery(d, `SELECT agency FROM orders WHERE id = ${id}`);
  const user = addUser(d, { username: 'ordersofficer', role: 'officer', agency });
  const srv = await startServer({ db: d, args: ['--sweep-every', '0'] });
  try {
    const c = await login(srv.base, user.username, user.password);
    assert.equal(c.status, 200);
    const zip = await c.raw(`/api/v1/cases/${encodeURIComponent(caseNo)}/dossier`);
    assert.equal(zip.status, 200);
    const zf = path.join(dir, 'api.zip');
    fs.writeFileSync(zf, Buffer.from(await zip.arrayBuffer()));
    const m = manifestOf(unzip(zf, 'api'));
    assert.ok(m.orders.includes(`order:${id}`));
    assert.ok(m.events.some((e) => e.type === 'order.put'));
    assert.equal(run(['verify-dossier', zf]).code, 0);
  } finally {
    await srv.stop();
  }
});
