// PostgreSQL only (make test-pg): 8 decisions approved at once through two `zhifa serve` processes
// on one database take the agency's 文号 of the year 1..8, none lost and none twice (issue 21). A
// 文号 is the number of a 行政处罚决定书; the numbers of an agency and year run without gaps, so
// that a missing one is a missing decision. On SQLite one process holds the file and its writers
// queue in it, so the test means something only on PostgreSQL and is skipped elsewhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { backend, run, tmpDir, startServer, addUser, login } from './lib/zhifa.mjs';
import { SUBSTANCE } from './lib/substance.mjs';

const AGENCY = '113702021588139920'; // 青岛市市南区市场监督管理局 (data/demo/demo.jsonl)
const N = 8;
const SKIP = backend !== 'pg' && 'PostgreSQL only: run with ZHIFA_BACKEND=pg (scripts/test-pg.sh tests/api/pg_approvals.test.mjs)';
const enc = encodeURIComponent;

let a, b;
const on = { a: {}, b: {} };

before(async () => {
  if (SKIP) return;
  const db = path.join(tmpDir(), 'approvals.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  // the demo's agencies, officers, powers and benchmarks: what a case of the workflow names
  const demo = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../data/demo/demo.jsonl');
  const records = fs.readFileSync(demo, 'utf8').split('\n').filter((l) => l && JSON.parse(l).type !== 'case'
    && JSON.parse(l).type !== 'monthly_report');
  const imported = run(['--db', db, 'import', '-'], { input: records.join('\n') + '\n' });
  assert.equal(imported.code, 0, imported.stderr);
  const users = {
    officer: addUser(db, { username: 'p_officer', role: 'officer', agency: AGENCY }),
    head: addUser(db, { username: 'p_head', role: 'agency_head', agency: AGENCY }),
    legal: addUser(db, { username: 'p_legal', role: 'legal_reviewer', agency: AGENCY }),
  };
  [a, b] = await Promise.all([startServer({ db, args: ['--sweep-every', '0'] }), startServer({ db, args: ['--sweep-every', '0'] })]);
  for (const [k, u] of Object.entries(users)) {
    on.a[k] = await login(a.base, u.username, u.password);
    on.b[k] = await login(b.base, u.username, u.password);
  }
});
after(() => Promise.all([a?.stop(), b?.stop()]));

async function ok(c, caseNo, action, fields) {
  const r = await c.send('POST', `/workflow/cases/${enc(caseNo)}/actions`, { action, fields });
  assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`);
  return r.body;
}

// a case of the agency up to 提请决定审批, its steps on either server in turn
async function toDecision(i) {
  const x = i % 2 ? on.b : on.a, y = i % 2 ? on.a : on.b;
  const r = await x.officer.send('POST', '/workflow/cases', {
    case_type: 'penalty_ordinary', power: 'SC-CF-001',
    party: { kind: 'org', name: `青岛某某食品有限公司${i}`, id_no: '91370202091141705L' },
    officers: ['37020200001', '37020200002'], violation_ended_on: '2026-03-01', discovered_on: '2026-03-02', ...SUBSTANCE,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const caseNo = r.body.case.case_no;
  await ok(x.officer, caseNo, 'submit_filing', { on: '2026-03-03' });
  await ok(y.head, caseNo, 'approve_filing', { on: '2026-03-04' });
  await ok(x.officer, caseNo, 'finish_investigation', { on: '2026-03-10', measures: ['fine'], fine: 20000, tier: 'ordinary' });
  await ok(y.legal, caseNo, 'approve_case_review', { on: '2026-03-12' });
  await ok(x.officer, caseNo, 'record', { notified_on: '2026-03-16', hearing_right_notified: true });
  const at = await ok(y.officer, caseNo, 'submit_decision', { on: '2026-03-24' });
  assert.equal(at.workflow.approval.action, 'approve_decision');
  return caseNo;
}

test('8 approvals at once on two servers take 文号 1..8 of the agency and year, without a gap', { skip: SKIP }, async () => {
  const cases = [];
  for (let i = 0; i < N; i++) cases.push(await toDecision(i));
  // all at once: half through each server
  const replies = await Promise.all(cases.map((caseNo, i) =>
    (i % 2 ? on.b : on.a).head.send('POST', `/workflow/cases/${enc(caseNo)}/actions`,
      { action: 'approve_decision', fields: { on: '2026-03-25' } })));
  for (const r of replies) assert.equal(r.status, 200, JSON.stringify(r.body));
  const numbers = replies.map((r) => {
    assert.equal(r.body.case.decision.doc_no, r.body.workflow.doc_no);
    const m = /^南市监处罚〔2026〕(\d+)号$/.exec(r.body.workflow.doc_no);
    assert.ok(m, r.body.workflow.doc_no);
    return Number(m[1]);
  });
  assert.deepEqual(numbers.sort((x, y) => x - y), Array.from({ length: N }, (_, i) => i + 1));
  // what either server reads back is what was given
  for (const [i, caseNo] of cases.entries()) {
    const r = await (i % 2 ? on.a : on.b).officer.get(`/workflow/cases/${enc(caseNo)}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.workflow.doc_no, replies[i].body.workflow.doc_no);
  }
});
