// `zhifa check` and `zhifa sweep` against the worked examples of spec/rules.md, compared field by
// field with the expected output, plus the CLI's bad-input behaviour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, run, tmpDir, jsonLines, hasChinese, backend, dbQuery } from './lib/zhifa.mjs';

const examples = path.join(repoRoot, 'tests/data/rules-examples.jsonl');
const data = (name) => fs.readFileSync(path.join(repoRoot, 'tests/data', name), 'utf8');
const expected = jsonLines(data('rules-examples.expected.jsonl')); // v1 catalogue
const expectedV2 = jsonLines(data('rules-examples.v2.expected.jsonl')); // the same data, catalogue v2
const V1_RULES = 'P01,P02,P03,P04,P05,P06,P07,P08,P09,P10,P11,P12,P13,P14,P15,P16,P17,P18,C01,C03,L01,L02,I02,E01,E02,E03';

function examplesDb(file = examples) {
  const db = path.join(tmpDir(), 'ex.db');
  const r = run(['--db', db, 'import', file]);
  assert.equal(r.code, 0, r.stderr);
  return db;
}

const key = (f) => JSON.stringify([f.rule, f.severity, f.subject_type, f.subject, f.due_on ?? null]);
const keys = (list) => list.map(key).sort();

test('check --rules with the v1 list reports exactly the v1 findings of the worked examples', () => {
  const db = examplesDb();
  const r = run(['--db', db, 'check', '--as-of', '2026-05-20', '--format', 'json', '--rules', V1_RULES]);
  assert.equal(r.code, 0, r.stderr);
  const got = jsonLines(r.stdout);
  assert.deepEqual(got.map(key), expected.map(key));
  for (const f of got) {
    assert.ok(hasChinese(f.law), f.law);
    assert.ok(hasChinese(f.message), f.message);
    assert.match(f.agency, /^[0-9A-Z]{18}$/);
  }
});

test('check without --rules runs catalogue v2: the v1 examples give their v2 answer', () => {
  const r = run(['--db', examplesDb(), 'check', '--as-of', '2026-05-20']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(keys(jsonLines(r.stdout)), keys(expectedV2));
});

test('check reports exactly the expected findings of the v2 worked examples', () => {
  const db = examplesDb(path.join(repoRoot, 'tests/data/rules-v2-examples.jsonl'));
  const r = run(['--db', db, 'check', '--as-of', '2026-05-20']);
  assert.equal(r.code, 0, r.stderr);
  const got = jsonLines(r.stdout);
  assert.deepEqual(keys(got), keys(jsonLines(data('rules-v2-examples.expected.jsonl'))));
  for (const f of got) {
    assert.ok(hasChinese(f.law) && hasChinese(f.message), f.message);
    assert.match(f.agency, /^[0-9A-Z]{18}$/);
  }
  // The messages state the arithmetic (rules.md §7; the wording for P19).
  const msg = (rule, subject) => got.find((f) => f.rule === rule && f.subject === subject).message;
  assert.match(msg('P19', '示例〔2026〕101号'), /应缴期限 2026-02-27，逾期 4 日.*最多加处 2,400\.00 元，实际加处 2,400\.01 元/);
  assert.match(msg('P19', '示例〔2026〕103号'), /应缴期限 2025-10-09/);
  assert.match(msg('L03', '示例许〔2026〕119号'), /2026-05-09/);
  assert.match(msg('A01', '113702113017568214'), /10 件.*5 件.*50\.0%/);
  assert.match(msg('A02', '11370203869879736T'), /5 件.*2 件.*40\.0%/);
});

test('check --rules accepts the v2 IDs and runs only them', () => {
  const r = run(['--db', examplesDb(), 'check', '--as-of', '2026-05-20', '--rules', 'P22,C02']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(keys(jsonLines(r.stdout)), keys(expectedV2.filter((f) => ['P22', 'C02'].includes(f.rule))));
});

test('check output is sorted by subject_type, subject, rule in byte order', () => {
  const r = run(['--db', examplesDb(), 'check', '--as-of', '2026-05-20']);
  const got = jsonLines(r.stdout);
  const sortKey = (f) => Buffer.from(`${f.subject_type}\u0000${f.subject}\u0000${f.rule}`);
  const sorted = [...got].sort((a, b) => Buffer.compare(sortKey(a), sortKey(b)));
  assert.deepEqual(got, sorted);
  assert.equal(Object.keys(got[0]).join(','), 'rule,severity,subject_type,subject,agency,law,message');
});

test('check --rules runs only the named rules', () => {
  const r = run(['--db', examplesDb(), 'check', '--as-of', '2026-05-20', '--rules', 'P08,E01']);
  assert.equal(r.code, 0);
  const got = jsonLines(r.stdout);
  assert.deepEqual([...new Set(got.map((f) => f.rule))].sort(), ['E01', 'P08']);
  assert.equal(got.length, expected.filter((f) => ['P08', 'E01'].includes(f.rule)).length);
});

test('check --format table prints a Chinese table with every finding', () => {
  const r = run(['--db', examplesDb(), 'check', '--as-of', '2026-05-20', '--format', 'table']);
  assert.equal(r.code, 0);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /规则/);
  assert.equal(lines.length, expectedV2.length + 2); // header, findings, total
  assert.equal(lines.at(-1), `共 ${expectedV2.length} 条`);
});

test('check is deterministic for the same data and date', () => {
  const db = examplesDb();
  const a = run(['--db', db, 'check', '--as-of', '2026-05-20']).stdout;
  const b = run(['--db', db, 'check', '--as-of', '2026-05-20']).stdout;
  assert.equal(a, b);
});

test('check counts undecidable subjects per rule on stderr, without false violations', () => {
  const db = path.join(tmpDir(), 'u.db');
  const lines = [
    '{"type":"agency","code":"113702021588139920","name":"市南区市场监管局","region":"370202","level":"county","kind":"department","sector":"market_regulation"}',
    '{"type":"case","case_no":"无日期案","agency":"113702021588139920","kind":"penalty","procedure":"ordinary"}',
  ];
  assert.equal(run(['--db', db, 'import', '-'], { input: lines.join('\n') + '\n' }).code, 0);
  const r = run(['--db', db, 'check', '--as-of', '2026-05-20', '--rules', 'P08']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '');
  const report = jsonLines(r.stderr).find((l) => l.undecidable);
  assert.equal(report.undecidable.P08, 1);
});

test('check rejects a bad date, an unknown rule and an unknown format with exit 2', () => {
  const db = examplesDb();
  for (const args of [['--as-of', '2026-02-30'], ['--rules', 'P99'], ['--format', 'xml'], ['--bogus']]) {
    const r = run(['--db', db, 'check', ...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.ok(hasChinese(r.stderr), r.stderr);
  }
});

// About the SQLite file only: on PostgreSQL the database is the operator's (created before zhifa
// runs), and the tests' lib creates one for every --db path a test names.
test('check on a missing database fails with a Chinese message', { skip: backend === 'pg' && 'SQLite file only' }, () => {
  const r = run(['--db', path.join(tmpDir(), 'none.db'), 'check']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /数据库文件不存在/);
});

test('sweep stores findings: new first, unchanged on repeat, resolved when fixed', () => {
  const db = examplesDb();
  const first = JSON.parse(run(['--db', db, 'sweep', '--as-of', '2026-05-20']).stdout);
  assert.equal(first.findings, expectedV2.length);
  assert.equal(first.new, expectedV2.length);
  assert.equal(first.resolved, 0);
  const again = JSON.parse(run(['--db', db, 'sweep', '--as-of', '2026-05-20']).stdout);
  assert.deepEqual([again.new, again.resolved, again.findings], [0, 0, expectedV2.length]);
  // Fix the late service of 南市监处罚〔2026〕2号 (P09): re-import it served in time.
  const fixed = fs.readFileSync(examples, 'utf8').split('\n')
    .filter((l) => l.includes('"南市监处罚〔2026〕2号"'))
    .map((l) => { const c = JSON.parse(l); c.served_on = '2026-02-27'; return JSON.stringify(c); });
  assert.equal(fixed.length, 1);
  assert.equal(run(['--db', db, 'import', '-'], { input: fixed[0] + '\n' }).code, 0);
  // The import re-checked that one case at once: its P09 finding is resolved before any sweep.
  const sql = (q) => dbQuery(db, q).trim();
  assert.equal(sql("SELECT CASE WHEN resolved_at IS NOT NULL THEN 1 ELSE 0 END FROM findings WHERE rule = 'P09'"), '1');
  // Its P22/P23 compare it with other cases: left open for the sweeper, which is asked to run.
  assert.equal(sql("SELECT count(*) FROM findings WHERE rule IN ('P22','P23') AND subject = '南市监处罚〔2026〕2号' AND resolved_at IS NULL"), '2');
  assert.equal(sql('SELECT dirty FROM sweep_state'), '1');
  const after = JSON.parse(run(['--db', db, 'sweep', '--as-of', '2026-05-20']).stdout);
  assert.deepEqual([after.new, after.findings], [0, expectedV2.length - 1]);
});

test('import validates the fields of rules v2 and export writes them back', () => {
  const db = examplesDb(path.join(repoRoot, 'tests/data/rules-v2-examples.jsonl'));
  const ag = '113702021588139920';
  const bad = [
    { type: 'case', case_no: 'V2-1', agency: ag, kind: 'coercion', approved_on: '2026-02-30' },
    { type: 'case', case_no: 'V2-2', agency: ag, kind: 'penalty', hearing_waived: 'yes' },
    { type: 'case', case_no: 'V2-3', agency: ag, kind: 'license', served_on: '2026-13-01' },
    { type: 'case', case_no: 'V2-4', agency: ag, kind: 'coercion', demand_due_on: 20260411 },
  ];
  const r = run(['--db', db, 'import', '-'], { input: bad.map((l) => JSON.stringify(l)).join('\n') + '\n' });
  assert.equal(r.code, 1);
  const errors = jsonLines(r.stderr).filter((l) => l.line);
  assert.deepEqual(errors.map((e) => e.key), ['V2-1', 'V2-2', 'V2-3', 'V2-4']);
  for (const e of errors) assert.ok(hasChinese(e.error), e.error);
  const exported = jsonLines(run(['--db', db, 'export']).stdout);
  const byNo = Object.fromEntries(exported.filter((x) => x.type === 'case').map((x) => [x.case_no, x]));
  const source = jsonLines(data('rules-v2-examples.jsonl')).filter((x) => x.type === 'case');
  for (const c of source)
    for (const k of ['hearing_waived', 'approved_on', 'demand_served_on', 'demand_due_on', 'enforce_decided_on', 'served_on'])
      if (k in c) assert.equal(byNo[c.case_no][k], c[k], `${c.case_no}.${k}`);
});
