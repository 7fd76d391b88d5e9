// kill -9 durability: every write the server acknowledged survives a SIGKILL of the server and of
// a `zhifa import` running beside it, the 存证 ledger still verifies, and the server starts again.
// Each trial: a fresh database (`zhifa init`), API writers (PUT officers, POST /imports of small
// JSON Lines batches with a case) recording every 2xx, a CLI import of `zhifa gen` data, then
// SIGKILL to both at a point drawn from a seeded PRNG. The seed is in the test name; rerun one
// with ZHIFA_DURABILITY_SEED=<seed>.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bin, run, tmpDir, startServer, addUser, login } from './lib/zhifa.mjs';
import { uscc, cnid } from './lib/codes.mjs';

const TRIALS = 10;
const WRITERS = 3;
const AGENCY = uscc('11370202MB1000001'); // 370202 青岛市南
const SEED = Number(process.env.ZHIFA_DURABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));

// mulberry32: a small PRNG whose sequence the seed fixes
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const officer = (cert_no, name) => ({
  type: 'officer', cert_no, name, agency: AGENCY, cert_valid_from: '2024-01-01', cert_valid_to: '2029-12-31', status: 'active',
});
const caseRec = (case_no) => ({
  type: 'case', case_no, agency: AGENCY, kind: 'penalty', power: 'DUR-CF-001',
  party: { kind: 'person', name: '张三', id_no: cnid('37020219800101123') },
  officers: ['DUR-BASE-1', 'DUR-BASE-2'], procedure: 'ordinary', filed_on: '2026-03-02',
});

let genFile, genCases;
before(() => {
  // one `zhifa gen` file for every trial: big enough that the import is still running at the kill
  genFile = path.join(tmpDir(), 'gen.jsonl');
  const g = run(['gen', '--seed', '7', '--cases', '30000'], { timeout: 60000 });
  assert.equal(g.code, 0, `zhifa gen failed: ${g.stderr}`);
  fs.writeFileSync(genFile, g.stdout);
  genCases = 0;
  for (const l of fs.readFileSync(genFile, 'utf8').split('\n')) if (l.startsWith('{"type":"case"')) genCases++;
  assert.ok(genCases > 0);
});

// One API writer: until stopped, PUT an officer or POST a batch (two officers and a case);
// `acked` gets what a 2xx answer acknowledged, `statuses` counts the answers.
async function writer(c, id, random, acked, statuses, running) {
  for (let n = 0; running(); n++) {
    const tag = `DUR-${id}-${n}`;
    const single = random() < 0.6;
    const recs = single
      ? [officer(tag, `人员${tag}`)]
      : [officer(`${tag}-a`, `批量${tag}-a`), officer(`${tag}-b`, `批量${tag}-b`), caseRec(`耐久〔2026〕${id}-${n}号`)];
    let status, body;
    try {
      const r = single
        ? await c.raw(`/api/v1/officers/${tag}`, {
          method: 'PUT', body: JSON.stringify(recs[0]),
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.csrf },
        })
        : await c.raw('/api/v1/imports', {
          method: 'POST', body: recs.map((x) => JSON.stringify(x)).join('\n') + '\n',
          headers: { 'Content-Type': 'application/x-ndjson', 'X-CSRF-Token': c.csrf },
        });
      status = r.status;
      body = await r.json();
    } catch (e) {
      if (running()) throw e; // only the kill may cut a request off
      return;
    }
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status < 200 || status >= 300) continue;
    if (!single) assert.equal(body.imported, 3, JSON.stringify(body)); // a 2xx with rejects is a bug of its own
    for (const rec of recs) {
      if (rec.type === 'officer') acked.officers.set(rec.cert_no, rec.name);
      else acked.cases.add(rec.case_no);
    }
  }
}

async function trial(t, random) {
  const dir = tmpDir();
  const db = path.join(dir, 'zhifa.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const base = [
    { type: 'agency', code: AGENCY, name: '青岛市市南区耐久测试局', region: '370202', level: 'county', kind: 'department' },
    officer('DUR-BASE-1', '基础一'), officer('DUR-BASE-2', '基础二'),
  ];
  assert.equal(run(['--db', db, 'import', '-'], { input: base.map((x) => JSON.stringify(x)).join('\n') + '\n' }).code, 0);
  const sup = addUser(db, { username: 'dur_sup', role: 'supervisor', region: '370200' });
  const srv = await startServer({ db, args: ['--sign-every', '1', '--sweep-every', '1'] });
  const c = await login(srv.base, sup.username, sup.password);
  assert.equal(c.status, 200, JSON.stringify(c.body));

  const importer = spawn(bin(), ['--db', db, 'import', genFile], { stdio: ['ignore', 'pipe', 'ignore'] });
  let importOut = '';
  importer.stdout.setEncoding('utf8').on('data', (d) => (importOut += d));
  const importExit = new Promise((r) => importer.on('exit', (code, signal) => r({ code, signal })));

  const acked = { officers: new Map(), cases: new Set() }, statuses = {};
  let live = true;
  const writers = Array.from({ length: WRITERS }, (_, i) => writer(c, i, random, acked, statuses, () => live));
  const killAfter = Math.floor(100 + random() * 1400);
  await sleep(killAfter);
  live = false;
  srv.proc.kill('SIGKILL');
  importer.kill('SIGKILL');
  const [srvExit, imp] = await Promise.all([srv.stop(), importExit, ...writers]);
  assert.equal(srvExit.signal, 'SIGKILL', 'the server was still running at the kill');
  const importDone = imp.code === 0;
  t.diagnostic(`kill at ${killAfter} ms: ${acked.officers.size} officers and ${acked.cases.size} cases acknowledged; ` +
    `import ${importDone ? 'had finished' : 'killed'}; answers ${JSON.stringify(statuses)}`);

  // the ledger and the records are intact
  const v = run(['--db', db, 'verify'], { timeout: 60000 });
  assert.equal(v.code, 0, `zhifa verify after the kill:\n${v.stdout}${v.stderr}`);
  const ex = run(['--db', db, 'export'], { timeout: 60000 });
  assert.equal(ex.code, 0, ex.stderr);
  const officers = new Map(), cases = new Set();
  for (const l of ex.stdout.split('\n')) {
    if (!l) continue;
    const r = JSON.parse(l);
    if (r.type === 'officer') officers.set(r.cert_no, r.name);
    if (r.type === 'case') cases.add(r.case_no);
  }
  for (const [cert, name] of acked.officers) assert.equal(officers.get(cert), name, `acknowledged officer ${cert} lost`);
  for (const no of acked.cases) assert.ok(cases.has(no), `acknowledged case ${no} lost`);
  if (importDone) {
    assert.match(importOut, /"imported"/);
    assert.ok(cases.size >= genCases, `the import finished before the kill but ${genCases - cases.size} of its cases are missing`);
  }

  // and the server starts again on it and serves what it acknowledged
  const again = await startServer({ db, args: ['--sweep-every', '0'] });
  try {
    const h = await fetch(`${again.base}/api/v1/healthz`);
    assert.equal(h.status, 200);
    assert.equal((await h.json()).status, 'ok');
    const c2 = await login(again.base, sup.username, sup.password);
    assert.equal(c2.status, 200);
    const last = [...acked.officers.keys()].pop();
    if (last) assert.equal((await c2.get(`/officers/${last}`)).status, 200);
  } finally {
    const e = await again.stop();
    assert.equal(e.code, 0, `restarted server exited ${e.code} ${e.signal}`);
  }
  return acked.officers.size + acked.cases.size;
}

test(`acknowledged writes survive kill -9 of the server and a CLI import, ${TRIALS} trials (seed ${SEED})`, async (t) => {
  const random = prng(SEED);
  let acknowledged = 0;
  for (let i = 0; i < TRIALS; i++) {
    await t.test(`trial ${i + 1}`, async (tt) => { acknowledged += await trial(tt, random); });
  }
  // the check means something only if writes got through: over ten trials, many do
  assert.ok(acknowledged > 0, 'no write was acknowledged in any trial');
});
