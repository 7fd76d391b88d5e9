// 多级汇聚 (issue 22, docs/sync.md): three instances on loopback ports, county (370202 市南区) →
// city (370200 青岛市) → province (370000 山东省). The county's data is the demo's 市南区 part
// (agencies, officers, cases of 370202 agencies, the powers), counted here from the export itself.
// Every push is run as the CLI an operator runs; the servers' own schedule is off (period 0) so the
// tests decide when data moves, except in the one test of the schedule.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { run, runAsync, tmpDir, startServer, addUser, login, hasChinese, dbQuery, backendArgs } from './lib/zhifa.mjs';

const dir = tmpDir();
const db = (n) => path.join(dir, `${n}.db`);
// reads and the tests' own writes (settings, a damaged ledger) on either backend: SQL both accept
const sql = (n, q) => dbQuery(db(n), q).trim();
const zhifa = (n, args, opts) => run(['--db', db(n), ...args], opts);
let prov, city, countyLines, countyCases, provSup, citySup;

function writeJsonl(file, records) {
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

/** The demo's 市南区 records: its agencies (region 370202), their officers and cases, all powers. */
function countyRecords() {
  const demo = path.join(dir, 'demo.db');
  assert.equal(run(['--db', demo, 'init', '--demo'], { timeout: 180000 }).code, 0); // slow on a loaded PostgreSQL
  const all = run(['--db', demo, 'export']).stdout.trim().split('\n').map((l) => JSON.parse(l));
  const agencies = new Set(all.filter((r) => r.type === 'agency' && r.region === '370202').map((r) => r.code));
  return all.filter((r) => (r.type === 'agency' && agencies.has(r.code)) || r.type === 'power' || r.type === 'benchmark' ||
    ((r.type === 'officer' || r.type === 'case') && agencies.has(r.agency)));
}

/** A new case: a copy of a county case under a new number (same agency, same facts). */
function newCase(i) {
  const c = structuredClone(countyCases[0]);
  c.case_no = `南市监处罚〔2026〕${9000 + i}号`;
  return c;
}

const countyCaseNos = (n) => sql(n, "SELECT case_no FROM cases WHERE region = '370202' ORDER BY case_no").split('\n').filter(Boolean);
const status = (n) => JSON.parse(zhifa(n, ['sync', 'status']).stdout);

before(async () => {
  countyLines = countyRecords();
  countyCases = countyLines.filter((r) => r.type === 'case');
  for (const n of ['prov', 'city', 'county']) {
    assert.equal(zhifa(n, ['init'], { timeout: 180000 }).code, 0);
    sql(n, "UPDATE settings SET value = '0' WHERE name = 'sync_push_every_s'");
  }
  addUser(db('prov'), { username: 'prov_sup', role: 'supervisor', region: '370000' });
  addUser(db('prov'), { username: 'prov_admin', role: 'sysadmin' });
  addUser(db('city'), { username: 'city_sup', role: 'supervisor', region: '370200' });
  prov = await startServer({ db: db('prov'), args: ['--sweep-every', '1'] });
  city = await startServer({ db: db('city'), args: ['--sweep-every', '1'] });
  provSup = await login(prov.base, 'prov_sup', 'Zf-prov_sup-Pass-2026');
  citySup = await login(city.base, 'city_sup', 'Zf-city_sup-Pass-2026');
});
after(async () => {
  await prov?.stop();
  await city?.stop();
});

function addNode(upper, name, region) {
  const r = zhifa(upper, ['node', 'add', '--name', name, '--region', region]);
  assert.equal(r.code, 0, r.stderr);
  const token = r.stdout.trim().split('\n').at(-1);
  assert.match(token, /^[0-9a-f]{64}$/);
  assert.equal(sql(upper, `SELECT count(*) FROM sync_nodes WHERE token_hash = '${token}'`), '0', 'only the digest is stored');
  return token;
}

async function allCases(c) {
  const r = await c.get('/cases?size=200');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.items.map((x) => x.case_no).sort();
}

test('enrol, push: the county\'s cases are the city\'s and the province\'s, for their supervisors', async () => {
  const t1 = addNode('prov', '青岛市', '370200');
  assert.equal(zhifa('city', ['sync', 'enrol', '--upper', prov.base, '--token', t1]).code, 0);
  const again = zhifa('city', ['sync', 'enrol', '--upper', prov.base, '--token', t1]);
  assert.equal(again.code, 1, 'an instance enrols once');
  const t2 = addNode('city', '市南区', '370202');
  const e = zhifa('county', ['sync', 'enrol', '--upper', city.base, '--token', t2]);
  assert.equal(e.code, 0, e.stderr);

  const file = writeJsonl(path.join(dir, 'county.jsonl'), countyLines);
  assert.equal(zhifa('county', ['import', file]).code, 0);
  const before = status('county');
  assert.equal(before.lag, countyLines.length, 'every record imported is pending');
  assert.equal(before.cursor, 0);

  const p1 = zhifa('county', ['sync', 'push']);
  assert.equal(p1.code, 0, p1.stderr);
  const p2 = zhifa('city', ['sync', 'push']);
  assert.equal(p2.code, 0, p2.stderr);

  const s = status('county');
  assert.equal(s.lag, 0);
  assert.equal(s.cursor, s.last_seq);
  assert.ok(s.last_head.tree_size >= countyCases.length, 'one case.import event per case at least');
  assert.equal(typeof s.last_head.root, 'string');

  const expected = countyCases.map((c) => c.case_no).sort();
  assert.deepEqual(await allCases(citySup), expected);
  assert.deepEqual(await allCases(provSup), expected);
  // the agencies came with their region codes: the province scopes the cases by them
  assert.deepEqual(countyCaseNos('prov'), expected);
});

test('the county\'s cases raise their alerts on the province as on the county', async () => {
  // the county's own rule engine, run here as the independent computation
  assert.ok([0, 1].includes(zhifa('county', ['sweep']).code));
  const want = new Set(sql('county', "SELECT rule || ' ' || subject FROM findings WHERE subject_type = 'case' AND resolved_at IS NULL")
    .split('\n').filter(Boolean));
  assert.ok(want.size > 0, 'the demo cases have alerts');
  let got = new Set();
  for (let i = 0; i < 100 && [...want].some((k) => !got.has(k)); i++) {
    const r = await provSup.get('/findings?size=200');
    assert.equal(r.status, 200);
    got = new Set(r.body.items.filter((f) => f.subject_type === 'case').map((f) => `${f.rule} ${f.subject}`));
    await new Promise((res) => setTimeout(res, 200));
  }
  for (const k of want) assert.ok(got.has(k), `province lacks ${k}`);
});

test('a push killed mid-transfer resumes from the last acknowledged batch: nothing lost, nothing doubled', async () => {
  sql('county', "UPDATE settings SET value = '4' WHERE name = 'sync_batch_lines'");
  const added = Array.from({ length: 10 }, (_, i) => newCase(i));
  assert.equal(zhifa('county', ['import', writeJsonl(path.join(dir, 'more.jsonl'), added)]).code, 0);
  const start = status('county');
  assert.equal(start.lag, 10);
  // dies after sending its 2nd batch, before reading the acknowledgement (docs/sync.md)
  const killed = spawnSync(process.env.ZHIFA_BIN, backendArgs(['--db', db('county'), 'sync', 'push']),
    { env: { ...process.env, ZHIFA_SYNC_TEST_DIE_AFTER: '2' }, encoding: 'utf8' });
  assert.equal(killed.status, 3, killed.stderr);
  const mid = status('county');
  assert.equal(mid.lag, 6, 'the first batch (4 lines) was acknowledged, the second not');
  const r = zhifa('county', ['sync', 'push']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(status('county').lag, 0);
  // on the city: each new case once, with exactly one ledger event each
  const nos = added.map((c) => c.case_no);
  const inList = nos.map((n) => `'${n}'`).join(',');
  assert.equal(sql('city', `SELECT count(*) FROM cases WHERE case_no IN (${inList})`), '10');
  assert.equal(sql('city', `SELECT count(*) FROM ledger_events WHERE type = 'case.import' AND subject IN (${inList})`), '10');
  // three batches of the county on the city: 4 + 4 + 2 lines, contiguous cursors
  const rows = sql('city', `SELECT from_seq || ' ' || to_seq || ' ' || lines FROM sync_batches
    WHERE direction = 'in' AND from_seq >= ${start.cursor} ORDER BY to_seq`).split('\n');
  assert.equal(rows.length, 3, rows.join('|'));
  const parsed = rows.map((l) => l.split(' ').map(Number));
  assert.deepEqual(parsed.map((x) => x[2]), [4, 4, 2]);
  assert.equal(parsed[0][0], start.cursor);
  for (let i = 1; i < parsed.length; i++) assert.equal(parsed[i][0], parsed[i - 1][1], 'each batch continues the last');
  // and through the city to the province
  assert.equal(zhifa('city', ['sync', 'push']).code, 0);
  assert.equal(sql('prov', `SELECT count(*) FROM cases WHERE case_no IN (${inList})`), '10');
});

/** fetch, once more when the pooled keep-alive socket was closed by the server while the CLI ran
 * (the requests retried here change nothing when repeated). */
async function fetchAgain (url, opts) {
  try { return await fetch(url, opts) } catch { return fetch(url, opts) }
}

/** Signs a node request as docs/sync.md says, with the OpenSSL command line (an independent signer). */
function signRequest(keyFile, method, p, time, body) {
  const msg = path.join(dir, 'msg.bin'), sig = path.join(dir, 'msg.sig');
  fs.writeFileSync(msg, Buffer.concat([Buffer.from(`zhifa-sync-v1\n${method}\n${p}\n${time}\n`), Buffer.from(body)]));
  const r = spawnSync('openssl', ['pkeyutl', '-sign', '-inkey', keyFile, '-rawin', '-digest', 'sm3', '-pkeyopt',
    'distid:1234567812345678', '-in', msg, '-out', sig], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return fs.readFileSync(sig).toString('base64');
}

test('a batch delivered twice changes nothing and is answered as the first time', async () => {
  const token = sql('county', 'SELECT token FROM sync_upper');
  const first = sql('city', "SELECT to_seq || ' ' || imported || ' ' || rejected FROM sync_batches WHERE direction = 'in' AND node_id = (SELECT id FROM sync_nodes WHERE name = '市南区') ORDER BY to_seq LIMIT 1").split(' ').map(Number);
  const changed = { ...countyCases[1], party: { ...countyCases[1].party, name: '篡改的当事人' } };
  const body = JSON.stringify({ from: 0, to: first[0], lines: JSON.stringify(changed) + '\n', count: 1, head: {}, proof: {} });
  const before = { cases: sql('city', 'SELECT body FROM cases ORDER BY case_no'), batches: sql('city', 'SELECT count(*) FROM sync_batches'),
    events: sql('city', 'SELECT count(*) FROM ledger_events') };
  const time = Math.floor(Date.now() / 1000);
  const r = await fetchAgain(`${city.base}/api/v1/sync/batches`, {
    method: 'POST', body,
    headers: { Authorization: `Zhifa-Node ${token}`, 'X-Zhifa-Time': String(time), 'Content-Type': 'application/json',
      'X-Zhifa-Signature': signRequest(`${db('county')}.sm2.pem`, 'POST', '/api/v1/sync/batches', time, body) },
  });
  const ack = await r.json();
  assert.equal(r.status, 200, JSON.stringify(ack));
  assert.equal(ack.duplicate, true);
  assert.deepEqual([ack.cursor, ack.imported, ack.rejected], first);
  assert.deepEqual({ cases: sql('city', 'SELECT body FROM cases ORDER BY case_no'), batches: sql('city', 'SELECT count(*) FROM sync_batches'),
    events: sql('city', 'SELECT count(*) FROM ledger_events') }, before);
});

test('a node request without its token or with a wrong signature is refused (401), never by a session', async () => {
  const token = sql('county', 'SELECT token FROM sync_upper');
  const time = String(Math.floor(Date.now() / 1000));
  const none = await fetchAgain(`${city.base}/api/v1/sync/cursor`);
  assert.equal(none.status, 401);
  const bad = await fetchAgain(`${city.base}/api/v1/sync/cursor`, {
    headers: { Authorization: `Zhifa-Node ${token}`, 'X-Zhifa-Time': time, 'X-Zhifa-Signature': 'AAAA' } });
  assert.equal(bad.status, 401);
  const body = await bad.json();
  assert.ok(hasChinese(body.error.message), body.error.message);
  const sup = await citySup.get('/sync/cursor');
  assert.equal(sup.status, 401);
});

test('bad lines are reported back and shown on both sides, never dropped', async () => {
  // an agency outside the county's region, stored on the county: refused by the city as a bad line
  const other = { type: 'agency', code: '11370203869879736T', name: '市北区交通运输局', region: '370203', level: 'county',
    kind: 'department', sector: 'transport' };
  assert.equal(zhifa('county', ['import', writeJsonl(path.join(dir, 'other.jsonl'), [other])]).code, 0);
  const r = zhifa('county', ['sync', 'push']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /拒收 1 行/);
  assert.equal(sql('city', `SELECT count(*) FROM agencies WHERE code = '${other.code}'`), '0');
  const admin = addUser(db('city'), { username: 'city_admin', role: 'sysadmin' });
  const a = await login(city.base, admin.username, admin.password);
  const inb = await a.get('/sync/batches?direction=in&size=5');
  assert.equal(inb.status, 200);
  const e = inb.body.items[0].errors;
  assert.equal(e.length, 1);
  assert.equal(e[0].key, other.code);
  assert.ok(hasChinese(e[0].error));
  // the county keeps what the city said
  assert.equal(sql('county', "SELECT count(*) FROM sync_batch_errors e JOIN sync_batches b ON b.id = e.batch_id WHERE b.direction = 'out'"), '1');
  const nodes = await a.get('/sync/nodes');
  assert.equal(nodes.status, 200);
  const n = nodes.body.items.find((x) => x.name === '市南区');
  assert.equal(n.status, 'active');
  assert.equal(n.status_name, '正常');
  assert.equal(n.pending, 0);
  assert.equal(n.head_size, status('county').last_head.tree_size);
});

test('the upper level witnesses the heads it checked; `verify` on the county shows them', () => {
  const s = status('county');
  assert.ok(s.witnesses.length >= 1);
  const last = s.witnesses.at(-1);
  assert.equal(last.tree_size, s.last_head.tree_size);
  assert.equal(last.root, s.last_head.root);
  const v = zhifa('county', ['verify']);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /见证/);
});

test('the schedule: a running county server pushes by itself within its period', async () => {
  sql('county', "UPDATE settings SET value = '1' WHERE name = 'sync_push_every_s'");
  const county = await startServer({ db: db('county'), args: ['--sweep-every', '0'] });
  try {
    const c = newCase(50);
    assert.equal(zhifa('county', ['import', writeJsonl(path.join(dir, 'sched.jsonl'), [c])]).code, 0);
    let n = '0';
    for (let i = 0; i < 50 && n === '0'; i++) {
      await new Promise((res) => setTimeout(res, 200));
      n = sql('city', `SELECT count(*) FROM cases WHERE case_no = '${c.case_no}'`);
    }
    assert.equal(n, '1');
  } finally {
    await county.stop();
    sql('county', "UPDATE settings SET value = '0' WHERE name = 'sync_push_every_s'");
  }
});

test('a law and a 权责清单 item published at the province reach the county, validated, local laws kept', async () => {
  const lawsDir = path.join(path.dirname(process.env.ZHIFA_BIN), '..', 'data', 'laws');
  const source = fs.readdirSync(lawsDir).find((f) => /\(\d{4}-\d{2}-\d{2}\)\.md$/.test(f));
  const text = fs.readFileSync(path.join(lawsDir, source), 'utf8').replace(/^# .*$/m, '# 多级汇聚下发测试规定');
  const lawFile = path.join(dir, '多级汇聚下发测试规定(2026-12-01).md');
  fs.writeFileSync(lawFile, text);
  const power = { ...countyLines.find((r) => r.type === 'power'), code: 'SC-CF-990', name: '省级下发的测试职权' };
  const lawsBefore = Number(sql('county', 'SELECT count(*) FROM laws'));
  assert.ok(lawsBefore > 0, 'the county has its own (bundled) laws');

  const pl = zhifa('prov', ['sync', 'publish', '--law', lawFile]);
  assert.equal(pl.code, 0, pl.stderr);
  assert.equal(JSON.parse(pl.stdout).change, 'added');
  const pr = zhifa('prov', ['sync', 'publish', '--records', writeJsonl(path.join(dir, 'power.jsonl'), [power])]);
  assert.equal(pr.code, 0, pr.stdout + pr.stderr);
  // a case is no reference data: refused at the top, never published
  const bad = zhifa('prov', ['sync', 'publish', '--records', writeJsonl(path.join(dir, 'case.jsonl'), [newCase(77)])]);
  assert.equal(bad.code, 1);

  assert.equal(zhifa('city', ['sync', 'push']).code, 0);
  const c = zhifa('county', ['sync', 'push']);
  assert.equal(c.code, 0, c.stderr);
  assert.equal(JSON.parse(c.stdout).down, 2);
  assert.equal(sql('county', "SELECT title FROM laws WHERE file = '多级汇聚下发测试规定(2026-12-01).md'"), '多级汇聚下发测试规定');
  assert.equal(Number(sql('county', 'SELECT count(*) FROM laws')), lawsBefore + 1, 'the county\'s own laws are kept');
  assert.equal(sql('county', "SELECT name FROM powers WHERE code = 'SC-CF-990'"), power.name);
  assert.equal(sql('county', `SELECT count(*) FROM cases WHERE case_no = '${newCase(77).case_no}'`), '0');
  // what changed is shown; what came from above is not sent back up
  const down = JSON.parse(sql('county', "SELECT changes FROM sync_batches WHERE direction = 'down' ORDER BY id DESC LIMIT 1"));
  assert.deepEqual(down.map((x) => `${x.kind} ${x.key} ${x.change}`).sort(),
    ['law 多级汇聚下发测试规定(2026-12-01).md added', 'record power:SC-CF-990 added']);
  assert.equal(sql('county', "SELECT count(*) FROM sync_changes WHERE type = 'power' AND key = 'SC-CF-990'"), '0');

  // a new version of the law: changed on the county at its next push
  fs.writeFileSync(lawFile, text.replace('第一条', '第一条 （修订）'));
  assert.equal(JSON.parse(zhifa('prov', ['sync', 'publish', '--law', lawFile]).stdout).change, 'changed');
  assert.equal(zhifa('city', ['sync', 'push']).code, 0);
  assert.equal(zhifa('county', ['sync', 'push']).code, 0);
  const again = JSON.parse(sql('county', "SELECT changes FROM sync_batches WHERE direction = 'down' ORDER BY id DESC LIMIT 1"));
  assert.deepEqual(again.map((x) => x.change), ['changed']);
  assert.match(sql('county', "SELECT text FROM law_articles a JOIN laws l ON l.id = a.law_id WHERE l.file = '多级汇聚下发测试规定(2026-12-01).md' AND a.seq = 1"), /（修订）/);
});

test('two pushers at once: the second waits for the first, both exit 0, each case arrives once', async () => {
  const added = Array.from({ length: 9 }, (_, i) => newCase(200 + i));
  assert.equal(zhifa('county', ['import', writeJsonl(path.join(dir, 'two.jsonl'), added)]).code, 0);
  assert.equal(status('county').lag, 9);
  const [a, b] = await Promise.all([runAsync(['--db', db('county'), 'sync', 'push'], { timeout: 120000 }),
    runAsync(['--db', db('county'), 'sync', 'push'], { timeout: 120000 })]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  assert.equal(status('county').lag, 0);
  const sent = [a, b].map((r) => JSON.parse(r.stdout).lines).sort((x, y) => x - y);
  assert.deepEqual(sent, [0, 9], 'one sent everything, the other found it all acknowledged');
  assert.match([a, b].find((r) => JSON.parse(r.stdout).lines === 0).stderr, /已是最新/);
  const inList = added.map((c) => `'${c.case_no}'`).join(',');
  assert.equal(sql('city', `SELECT count(*) FROM cases WHERE case_no IN (${inList})`), '9');
  assert.equal(sql('city', `SELECT count(*) FROM ledger_events WHERE type = 'case.import' AND subject IN (${inList})`), '9');
});

test('a quiet county\'s head is witnessed by a heartbeat; `verify` lists the new witness', () => {
  assert.equal(zhifa('county', ['sync', 'push']).code, 0); // nothing left from before
  assert.equal(status('county').lag, 0);
  const witnesses = Number(sql('county', 'SELECT count(*) FROM sync_witnesses'));
  const batches = sql('city', "SELECT count(*) FROM sync_batches");
  // the default period (an hour) has not passed since the last witness: no heartbeat yet
  const quiet = zhifa('county', ['sync', 'push']);
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.equal(JSON.parse(quiet.stdout).heartbeats, 0);
  sql('county', "UPDATE settings SET value = '0' WHERE name = 'sync_heartbeat_every_s'");
  const r = zhifa('county', ['sync', 'push']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.batches, 0, 'no data went up');
  assert.equal(out.heartbeats, 1);
  sql('county', "UPDATE settings SET value = '3600' WHERE name = 'sync_heartbeat_every_s'");
  assert.equal(Number(sql('county', 'SELECT count(*) FROM sync_witnesses')), witnesses + 1);
  assert.equal(sql('city', "SELECT count(*) FROM sync_batches"), batches, 'a heartbeat is no batch');
  // the new witness is over the county's own latest head, which the city now holds
  const s = status('county');
  const w = s.witnesses.at(-1);
  assert.equal(w.tree_size, s.last_head.tree_size);
  assert.equal(w.root, s.last_head.root);
  assert.equal(w.head_time, s.last_head.time);
  assert.equal(sql('city', "SELECT head_size || ' ' || head_root || ' ' || head_time FROM sync_nodes WHERE name = '市南区'"),
    `${s.last_head.tree_size} ${s.last_head.root} ${s.last_head.time}`);
  const v = zhifa('county', ['verify']);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  const lines = v.stdout.split('\n').filter((l) => /见证树头/.test(l));
  assert.equal(lines.length, witnesses + 1, v.stdout);
});

test('an order issued at the province about a county agency reaches the county, its answer comes back up, the decision goes down', async () => {
  const c0 = countyCases[0];
  const d = await provSup.send('POST', '/orders', { kind: 'supervise', agency: c0.agency, case_nos: [c0.case_no],
    problem: '省级督办：案件办理超期', basis: [], measures: '逐案查明原因并整改' });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const issued = await provSup.send('POST', `/orders/${d.body.id}/actions`, { action: 'issue' });
  assert.equal(issued.status, 200, JSON.stringify(issued.body));
  const docNo = issued.body.doc_no;
  // down: the province → the city (relays) → the county
  const viaCity = zhifa('city', ['sync', 'push']);
  assert.equal(viaCity.code, 0, viaCity.stderr);
  const atCounty = zhifa('county', ['sync', 'push']);
  assert.equal(atCounty.code, 0, atCounty.stderr);
  const county = await startServer({ db: db('county'), args: ['--sweep-every', '0'] });
  try {
    const u = addUser(db('county'), { username: 'county_head', role: 'agency_head', agency: c0.agency });
    const head = await login(county.base, u.username, u.password);
    const inbox = await head.get('/orders?size=50');
    assert.equal(inbox.status, 200, JSON.stringify(inbox.body));
    const mine = inbox.body.items.filter((o) => o.doc_no === docNo);
    assert.equal(mine.length, 1, 'the order is in the addressee agency\'s inbox, once');
    assert.equal(mine[0].status, 'issued');
    assert.equal(mine[0].due_on, issued.body.due_on, 'the period the province set');
    const one = await head.get(`/orders/${mine[0].id}`);
    assert.equal(one.body.problem, '省级督办：案件办理超期');
    for (const [action, want, extra] of [['receive', 'received', {}],
      ['respond', 'responded', { note: '已逐案整改完毕', corrections: [{ case_no: c0.case_no, note: '已作出处理决定' }] }]]) {
      const r = await head.send('POST', `/orders/${mine[0].id}/actions`, { action, ...extra });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.status, want);
    }
  } finally {
    await county.stop();
  }
  // up: the county → the city → the province
  const up1 = zhifa('county', ['sync', 'push']);
  assert.equal(up1.code, 0, up1.stderr);
  assert.equal(JSON.parse(up1.stdout).answers, 1);
  const up2 = zhifa('city', ['sync', 'push']);
  assert.equal(up2.code, 0, up2.stderr);
  assert.equal(JSON.parse(up2.stdout).answers, 1);
  const seen = await provSup.get(`/orders/${d.body.id}`);
  assert.equal(seen.status, 200);
  assert.equal(seen.body.status, 'responded');
  assert.equal(seen.body.status_name, '已反馈');
  assert.equal(seen.body.response.note, '已逐案整改完毕');
  assert.deepEqual(seen.body.response.corrections, [{ case_no: c0.case_no, note: '已作出处理决定' }]);
  // idempotent: another exchange sends nothing more and applies nothing twice
  assert.equal(JSON.parse(zhifa('county', ['sync', 'push']).stdout).answers, 0);
  assert.equal(JSON.parse(zhifa('city', ['sync', 'push']).stdout).answers, 0);
  assert.equal(sql('prov', `SELECT count(*) FROM order_timeline WHERE order_id = ${d.body.id} AND action = 'respond'`), '1');
  // the province's decision goes down
  const acc = await provSup.send('POST', `/orders/${d.body.id}/actions`, { action: 'accept', note: '整改到位' });
  assert.equal(acc.status, 200, JSON.stringify(acc.body));
  for (const level of ['city', 'county']) {
    const down = zhifa(level, ['sync', 'push']);
    assert.equal(down.code, 0, `${level}: ${down.stdout}${down.stderr}`);
  }
  assert.equal(sql('county', `SELECT status FROM orders WHERE doc_no = '${docNo}'`), 'accepted');
  assert.equal(sql('city', `SELECT status FROM orders WHERE doc_no = '${docNo}'`), 'accepted');
});

test('a county whose ledger was rewritten is refused and flagged, the message naming both sizes', async () => {
  const held = Number(sql('city', "SELECT head_size FROM sync_nodes WHERE name = '市南区'"));
  assert.ok(held > 1);
  // history rewritten: the log emptied and one different event written in its place
  sql('county', 'DELETE FROM ledger_events; DELETE FROM ledger_nodes; DELETE FROM ledger_heads;');
  assert.equal(zhifa('county', ['import', writeJsonl(path.join(dir, 'rewrite.jsonl'), [newCase(99)])]).code, 0);
  const now = JSON.parse(zhifa('county', ['sth']).stdout).tree_size;
  assert.ok(now < held);
  const r = zhifa('county', ['sync', 'push']);
  assert.equal(r.code, 1);
  assert.ok(r.stderr.includes(`已确认树头 ${held} 条，本次树头 ${now} 条`), r.stderr);
  assert.match(r.stderr, /账本.*不一致/);
  assert.equal(sql('city', "SELECT status FROM sync_nodes WHERE name = '市南区'"), 'refused');
  assert.equal(sql('city', `SELECT count(*) FROM cases WHERE case_no = '${newCase(99).case_no}'`), '0');
  // and it stays refused
  const again = zhifa('county', ['sync', 'push']);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /已确认树头/);
  assert.match(status('county').last_error, /已确认树头/);
});
