// PostgreSQL only (make test-pg): two processes appending to one ledger at once leave one tree
// that `zhifa verify` accepts, every event in it once. Each imported case is logged as one
// case.import event (docs/ledger.md), so two imports of 60 cases each give 120 events, whatever
// order their batches interleave in. On SQLite one writer at a time holds the file, so the test
// only means something on PostgreSQL and is skipped elsewhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { backend, run, runAsync, tmpDir } from './lib/zhifa.mjs';

const AGENCY = '113702021588139920'; // 青岛市市南区市场监督管理局, as in data/demo/demo.jsonl
const N = 60;

function cases(prefix) {
  const lines = [];
  for (let i = 1; i <= N; i++)
    lines.push(JSON.stringify({
      type: 'case', case_no: `${prefix}〔2026〕${i}号`, agency: AGENCY, kind: 'penalty', procedure: 'ordinary',
      filed_on: `2026-0${1 + (i % 9)}-1${i % 10}`, party: { kind: 'org', name: `${prefix}公司${i}` },
    }));
  return lines.join('\n') + '\n';
}

test('two processes appending to the ledger at once give one tree that verify accepts', { skip: backend !== 'pg' }, async () => {
  const dir = tmpDir();
  const db = path.join(dir, 'two.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const agency = { type: 'agency', code: AGENCY, name: '青岛市市南区市场监督管理局', region: '370202', level: 'county', kind: 'department', sector: 'market_regulation' };
  assert.equal(run(['--db', db, 'import', '-'], { input: JSON.stringify(agency) + '\n' }).code, 0);
  fs.writeFileSync(path.join(dir, 'a.jsonl'), cases('南市监罚甲'));
  fs.writeFileSync(path.join(dir, 'b.jsonl'), cases('南市监罚乙'));
  const [a, b] = await Promise.all([
    runAsync(['--db', db, 'import', path.join(dir, 'a.jsonl')], { timeout: 120000 }),
    runAsync(['--db', db, 'import', path.join(dir, 'b.jsonl')], { timeout: 120000 }),
  ]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  const v = run(['--db', db, 'verify', '--json'], { timeout: 120000 });
  assert.equal(v.code, 0, v.stdout + v.stderr);
  const report = JSON.parse(v.stdout);
  assert.equal(report.intact, true);
  assert.equal(report.problems, 0);
  assert.equal(report.cases, 2 * N);
  assert.equal(report.events, 2 * N);
});
