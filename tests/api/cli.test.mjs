// The zhifa CLI: usage errors, help, version, and the exchange-v1 import/export contract
// (/work/shared/spec/exchange-v1.md) driven with the fixtures in tests/data/import/.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cnid, cnidWrongCheck, uscc, usccValid, cnidValid, usccWrongCheck } from './lib/codes.mjs';
import { backend, dbExec, dbQuery, fixtures, hasChinese, repoRoot, run, tmpDir } from './lib/zhifa.mjs';

const GOOD = path.join(fixtures, 'good.jsonl');
const MIXED = path.join(fixtures, 'mixed.jsonl');
const TYPE_ORDER = ['agency', 'officer', 'power', 'benchmark', 'case', 'monthly_report'];

const newDb = () => path.join(tmpDir(), 'zhifa.db');
/** Whether zhifa's database of path db exists: the file on SQLite; on PostgreSQL, whose database is
 * the operator's (createdb), zhifa's tables in it. */
const created = (db) => backend === 'pg'
  ? dbQuery(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'schema_version'") === '1'
  : fs.existsSync(db);
const lines = (text) => text.split('\n').filter((l) => l.trim() !== '');

function initDb() {
  const db = newDb();
  const r = run(['--db', db, 'init']);
  assert.equal(r.code, 0, r.stderr);
  return db;
}

/** Runs `import`, checks the summary is the last stdout line and returns it with the rejects. */
function importFile(db, file, opts) {
  const r = run(['--db', db, 'import', file], opts);
  const out = lines(r.stdout);
  assert.ok(out.length > 0, `import printed no summary; stderr: ${r.stderr}`);
  const summary = JSON.parse(out.at(-1));
  assert.deepEqual(Object.keys(summary).sort(), ['imported', 'rejected']);
  const rejects = lines(r.stderr).map((l) => {
    try { return JSON.parse(l); } catch { assert.fail(`stderr line is not a JSON reject: ${l}`); }
  });
  return { ...r, summary, rejects };
}

function exportDb(db) {
  const r = run(['--db', db, 'export']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  return r.stdout;
}

const records = (exported) => lines(exported).map((l) => JSON.parse(l));
const keyOf = (rec) => ({
  agency: rec.code, officer: rec.cert_no, power: rec.code, benchmark: rec.power, case: rec.case_no,
  monthly_report: `${rec.agency}/${rec.month}`,
}[rec.type]);
const keysOf = (exported) => new Set(records(exported).map((r) => `${r.type}:${keyOf(r)}`));

describe('CLI usage', () => {
  test('an unknown verb exits 2 with the usage on stderr', () => {
    const r = run(['frobnicate']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /未知命令 frobnicate/);
    assert.match(r.stderr, /用法：zhifa/);
    assert.equal(r.stdout, '');
  });

  test('no verb at all exits 2 with the usage on stderr', () => {
    const r = run([]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /用法：zhifa/);
  });

  test('an unknown global flag exits 2', () => {
    const r = run(['--frob', 'x', 'version']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--frob/);
    assert.match(r.stderr, /用法：zhifa/);
  });

  test('an unknown flag of a verb exits 2 with that verb\'s usage', () => {
    const r = run(['--db', newDb(), 'import', '--frob', GOOD]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /未知选项 --frob/);
    assert.match(r.stderr, /zhifa --db FILE import/);
  });

  test('a flag missing its value exits 2', () => {
    assert.equal(run(['--db']).code, 2);
    assert.equal(run(['--db', newDb(), 'serve', '--listen']).code, 2);
  });

  test('help import prints the import usage and exits 0', () => {
    const r = run(['help', 'import']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /zhifa --db FILE import FILE\|-/);
    assert.match(r.stdout, /退出码/);
  });

  test('help of an unknown verb exits 2', () => {
    assert.equal(run(['help', 'frobnicate']).code, 2);
  });

  test('--help and VERB --help print usage on stdout and exit 0', () => {
    const g = run(['--help']);
    assert.equal(g.code, 0);
    for (const verb of ['init', 'serve', 'import', 'export', 'version']) assert.match(g.stdout, new RegExp(`\\b${verb}\\b`));
    const v = run(['export', '--help']);
    assert.equal(v.code, 0);
    assert.match(v.stdout, /zhifa --db FILE export/);
  });

  test('version prints the program and schema versions', () => {
    const r = run(['version']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^zhifa \d+\.\d+\.\d+/);
    assert.match(r.stdout, /结构版本 \d+/);
    assert.equal(run(['version', 'extra']).code, 2);
  });

  test('init creates the database and is idempotent', () => {
    const db = newDb();
    const a = run(['--db', db, 'init']);
    assert.equal(a.code, 0, a.stderr);
    assert.ok(created(db));
    const b = run(['--db', db, 'init']);
    assert.equal(b.code, 0, b.stderr);
  });
});

describe('test helpers: check characters', () => {
  test('known-valid codes pass and their altered check characters fail', () => {
    for (const c of ['113702021588139920', '11370203869879736T', '91370202091141705L']) {
      assert.ok(usccValid(c), c);
      assert.ok(!usccValid(usccWrongCheck(c)));
    }
    assert.equal(uscc('91370202091141705'), '91370202091141705L');
    assert.equal(cnid('11010519491231002'), '11010519491231002X');
    assert.ok(!cnidValid(cnidWrongCheck('11010519491231002X')));
  });

  test('every code in the good fixture has a valid check character', () => {
    for (const rec of records(fs.readFileSync(GOOD, 'utf8'))) {
      if (rec.type === 'agency') assert.ok(usccValid(rec.code), rec.code);
      if (rec.party?.id_no) {
        const ok = rec.party.kind === 'person' ? cnidValid(rec.party.id_no) : usccValid(rec.party.id_no);
        assert.ok(ok, rec.party.id_no);
      }
    }
  });
});

describe('import: a good file', () => {
  const goodText = fs.readFileSync(GOOD, 'utf8');
  const goodLines = lines(goodText);

  test('imports every record, exits 0 and ends stdout with {"imported": n, "rejected": 0}', () => {
    const db = newDb();
    const r = importFile(db, GOOD);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.summary, { imported: goodLines.length, rejected: 0 });
    assert.deepEqual(r.rejects, []);
    assert.equal(lines(r.stdout).at(-1), `{"imported": ${goodLines.length}, "rejected": 0}`);
  });

  test('the good fixture holds every record type and every case kind', () => {
    const recs = records(goodText);
    for (const t of TYPE_ORDER) assert.ok(recs.some((r) => r.type === t), `no ${t}`);
    for (const k of ['penalty', 'coercion', 'license', 'inspection'])
      assert.ok(recs.some((r) => r.type === 'case' && r.kind === k), `no ${k} case`);
  });

  test('import creates the database when it does not exist yet', () => {
    const db = newDb();
    assert.ok(!created(db));
    assert.equal(importFile(db, GOOD).code, 0);
    assert.ok(created(db));
  });

  test('export gives back every imported line, unknown fields kept', () => {
    const db = newDb();
    importFile(db, GOOD);
    const out = exportDb(db);
    assert.deepEqual(lines(out).sort(), [...goodLines].sort());
    const inspection = records(out).find((r) => r.case_no === '黄长江检〔2026〕2号');
    assert.equal(inspection.remark, '未知字段应被保留');
  });

  test('export orders agencies → officers → powers → benchmarks → cases', () => {
    const db = newDb();
    importFile(db, GOOD); // the fixture is deliberately out of this order
    const types = records(exportDb(db)).map((r) => r.type);
    const ranks = types.map((t) => TYPE_ORDER.indexOf(t));
    assert.ok(!ranks.includes(-1), `unknown type in export: ${types}`);
    for (let i = 1; i < ranks.length; i++)
      assert.ok(ranks[i - 1] <= ranks[i], `${types[i - 1]} exported after ${types[i]}`);
    assert.deepEqual([...new Set(types)], TYPE_ORDER);
  });

  test('re-importing the same file reports the same counts and changes nothing', () => {
    const db = newDb();
    const first = importFile(db, GOOD);
    const before = exportDb(db);
    const second = importFile(db, GOOD);
    assert.equal(second.code, first.code);
    assert.deepEqual(second.summary, first.summary);
    assert.equal(exportDb(db), before);
  });

  test('importing a record whose key exists replaces it', () => {
    const db = newDb();
    importFile(db, GOOD);
    const before = records(exportDb(db));
    const changed = '{"type":"officer","cert_no":"37020300002","name":"李四","agency":"11370203869879736T",' +
      '"cert_valid_from":"2022-03-01","cert_valid_to":"2027-02-28","status":"active"}';
    const file = path.join(tmpDir(), 'one.jsonl');
    fs.writeFileSync(file, changed + '\n');
    const r = importFile(db, file);
    assert.deepEqual(r.summary, { imported: 1, rejected: 0 });
    const after = records(exportDb(db));
    assert.equal(after.length, before.length);
    const officer = after.filter((o) => o.cert_no === '37020300002');
    assert.equal(officer.length, 1);
    assert.equal(officer[0].status, 'active');
  });

  test('import from stdin (-) is the same as from the file', () => {
    const a = newDb(), b = newDb();
    importFile(a, GOOD);
    const r = importFile(b, '-', { input: goodText });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.summary, { imported: goodLines.length, rejected: 0 });
    assert.equal(exportDb(b), exportDb(a));
  });

  test('CRLF line endings import the same records as LF', () => {
    const a = newDb(), b = newDb();
    importFile(a, GOOD);
    const crlf = path.join(tmpDir(), 'crlf.jsonl');
    fs.writeFileSync(crlf, goodText.replace(/\n/g, '\r\n'));
    const r = importFile(b, crlf);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.summary, { imported: goodLines.length, rejected: 0 });
    assert.equal(exportDb(b), exportDb(a));
  });

  test('an empty file imports nothing and exits 0', () => {
    const file = path.join(tmpDir(), 'empty.jsonl');
    fs.writeFileSync(file, '');
    const r = importFile(newDb(), file);
    assert.equal(r.code, 0);
    assert.deepEqual(r.summary, { imported: 0, rejected: 0 });
  });
});

// Every rejection reason of the import contract, at a known line of mixed.jsonl; the over-long
// line is appended at run time (line 18) so the repository holds no 1 MiB fixture.
const EXPECTED_REJECTS = [
  { line: 2, key: '', error: /JSON/, reason: 'malformed JSON' },
  { line: 3, key: '', error: /对象/, reason: 'not an object' },
  { line: 5, key: '鲁B12345', error: /type/, reason: 'unknown type' },
  { line: 6, key: '37021200009', error: /cert_valid_to/, reason: 'missing required field' },
  { line: 7, key: '崂综执罚〔2026〕91号', error: /filing_extended/, reason: 'wrong JSON type' },
  { line: 8, key: '11370213MB0000004K', error: /level/, reason: 'enum value outside' },
  { line: 10, key: '崂综执罚〔2026〕92号', error: /filed_on/, reason: 'impossible date 2026-02-30' },
  { line: 11, key: '113702038698797360', error: /code/, reason: 'bad USCC check character' },
  { line: 12, key: '崂综执罚〔2026〕93号', error: /party\.id_no/, reason: 'bad citizen ID check digit' },
  { line: 13, key: '崂综执罚〔2026〕94号', error: /decision\.fine/, reason: 'negative money' },
  { line: 14, key: '崂综执罚〔2026〕95号', error: /extension_days/, reason: 'negative day count' },
  { line: 16, key: '370212-CF-0002', error: /fine_max/, reason: 'money given as a string' },
  { line: 18, key: '', error: /1 MiB/, reason: 'line over 1 MiB' },
];
// Good lines of the mixed input, each kept although the rule engine will object to it.
const EXPECTED_KEPT = [
  'agency:11370212MB000003XM',
  'officer:37021200001', // its agency does not exist (P-rule, not an import error)
  'case:崂综执罚〔2026〕1号', // acts out of legal order, dangling agency/power/officers
  'monthly_report:11379999MB0000000X/2026-04', // dangling agency
  'case:崂综执强〔2026〕1号', // released before started, 60-day extension
  'case:崂综执检〔2026〕9号', // last line, after the over-long one, no trailing newline
];

function mixedInput() {
  const text = fs.readFileSync(MIXED, 'utf8');
  assert.equal(lines(text).length, 17, 'mixed.jsonl changed: update EXPECTED_REJECTS');
  const long = JSON.stringify({
    type: 'agency', code: '11370212MB000003XM', name: '超长的行', region: '370212', level: 'county',
    kind: 'department', remark: 'x'.repeat(1024 * 1024),
  });
  const last = '{"type":"case","case_no":"崂综执检〔2026〕9号","agency":"11370212MB000003XM","kind":"inspection"}';
  const file = path.join(tmpDir(), 'mixed-with-long-line.jsonl');
  fs.writeFileSync(file, text + long + '\n' + last);
  return file;
}

test('import: a 10 MB line is rejected alone; the lines around it are stored and numbered right', () => {
  const before = '{"type":"case","case_no":"长行〔2026〕1号","agency":"11370212MB000003XM","kind":"inspection"}';
  const after = '{"type":"case","case_no":"长行〔2026〕2号","agency":"11370212MB000003XM","kind":"inspection"}';
  const huge = JSON.stringify({ type: 'case', case_no: '长行〔2026〕9号', agency: '11370212MB000003XM',
    kind: 'inspection', remark: '记'.repeat(10 * 1024 * 1024 / 3) });
  assert.ok(Buffer.byteLength(huge) >= 10 * 1024 * 1024);
  const file = path.join(tmpDir(), 'ten-mb-line.jsonl');
  fs.writeFileSync(file, [before, huge, after].join('\n') + '\n');
  const db = newDb();
  const r = importFile(db, file);
  assert.equal(r.code, 1);
  assert.deepEqual(r.summary, { imported: 2, rejected: 1 });
  assert.deepEqual(r.rejects.map((x) => x.line), [2]);
  assert.match(r.rejects[0].error, /1 MiB/);
  assert.deepEqual([...keysOf(exportDb(db))].sort(), ['case:长行〔2026〕1号', 'case:长行〔2026〕2号']);
});

describe('import: a file with bad lines', () => {
  test('exits 1, reports each bad line with its 1-based number, key and a Chinese error', () => {
    const db = newDb();
    const r = importFile(db, mixedInput());
    assert.equal(r.code, 1);
    assert.deepEqual(r.summary, { imported: EXPECTED_KEPT.length, rejected: EXPECTED_REJECTS.length });
    assert.deepEqual(r.rejects.map((x) => x.line), EXPECTED_REJECTS.map((x) => x.line));
    for (const [i, exp] of EXPECTED_REJECTS.entries()) {
      const got = r.rejects[i];
      assert.deepEqual(Object.keys(got), ['line', 'key', 'error'], `${exp.reason}: fields`);
      assert.equal(got.key, exp.key, `${exp.reason}: key`);
      assert.ok(hasChinese(got.error), `${exp.reason}: error not Chinese: ${got.error}`);
      assert.match(got.error, exp.error, `${exp.reason}: ${got.error}`);
    }
  });

  test('the good lines are still imported and no bad line is', () => {
    const db = newDb();
    importFile(db, mixedInput());
    const keys = keysOf(exportDb(db));
    assert.deepEqual([...keys].sort(), [...EXPECTED_KEPT].sort());
  });

  test('acts out of legal order and dangling references are stored exactly as given', () => {
    const db = newDb();
    importFile(db, mixedInput());
    const src = lines(fs.readFileSync(MIXED, 'utf8'));
    const out = lines(exportDb(db));
    for (const n of [4, 9, 15, 17]) assert.ok(out.includes(src[n - 1]), `line ${n} not exported as given`);
    const c = records(out.join('\n')).find((r) => r.case_no === '崂综执罚〔2026〕1号');
    assert.ok(c.decided_on < c.notified_on, 'decision before notice kept');
    assert.equal(c.extension_days, 45);
  });

  test('re-importing the same mixed file reports the same counts and changes nothing', () => {
    const db = newDb();
    const file = mixedInput();
    const first = importFile(db, file);
    const before = exportDb(db);
    const second = importFile(db, file);
    assert.equal(second.code, 1);
    assert.deepEqual(second.summary, first.summary);
    assert.deepEqual(second.rejects, first.rejects);
    assert.equal(exportDb(db), before);
  });

  test('a rejected record is reported under its own key, never another field\'s', () => {
    // An officer without cert_no must not be reported as if its agency's record were bad, nor a
    // case whose case_no is not a string as if it were its power.
    const file = path.join(tmpDir(), 'nokey.jsonl');
    fs.writeFileSync(file, [
      '{"type":"officer","name":"无证号","agency":"11370203869879736T","cert_valid_from":"2025-01-01","cert_valid_to":"2026-01-01","status":"active"}',
      '{"type":"case","case_no":123,"agency":"11370203869879736T","kind":"penalty","power":"370203-CF-0001"}',
      '{"type":"benchmark","power":"370203-CF-0001","tiers":"light"}',
    ].join('\n') + '\n');
    const r = importFile(newDb(), file);
    assert.equal(r.code, 1);
    assert.deepEqual(r.rejects.map((x) => [x.line, x.key]), [[1, ''], [2, ''], [3, '370203-CF-0001']]);
  });
});

describe('export and round trip', () => {
  test('export → import into an empty database → export is byte-identical', () => {
    const a = newDb();
    importFile(a, GOOD);
    importFile(a, mixedInput());
    const first = exportDb(a);
    assert.ok(first.endsWith('\n'));
    const dump = path.join(tmpDir(), 'dump.jsonl');
    fs.writeFileSync(dump, first);
    const b = newDb();
    const r = importFile(b, dump);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.summary, { imported: lines(first).length, rejected: 0 });
    assert.equal(exportDb(b), first);
  });

  test('export of an empty database prints nothing and exits 0', () => {
    assert.equal(exportDb(initDb()), '');
  });

  test('export of a missing database exits 1 and tells to run init', () => {
    const db = newDb();
    const r = run(['--db', db, 'export']);
    assert.equal(r.code, 1);
    assert.ok(hasChinese(r.stderr));
    assert.match(r.stderr, /init/);
    assert.ok(!created(db));
  });
});

describe('import: input that cannot be read', () => {
  test('a nonexistent input file exits 2 with a Chinese message', () => {
    const r = run(['--db', newDb(), 'import', path.join(tmpDir(), 'no-such-file.jsonl')]);
    assert.equal(r.code, 2);
    assert.ok(hasChinese(r.stderr), r.stderr);
    assert.match(r.stderr, /no-such-file\.jsonl/);
  });

  test('a directory as input exits 2', () => {
    const r = run(['--db', newDb(), 'import', tmpDir()]);
    assert.equal(r.code, 2);
    assert.ok(hasChinese(r.stderr), r.stderr);
  });

  test('import without a file argument is a usage error', () => {
    const r = run(['--db', newDb(), 'import']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /zhifa --db FILE import/);
  });
});

test('export --since lists only records added or changed since that day', async () => {
  const dir = tmpDir();
  const db = path.join(dir, 'since.db');
  const file = path.join(repoRoot, 'tests/data/rules-examples.jsonl');
  assert.equal(run(['--db', db, 'import', file]).code, 0);
  // Age every row, then re-import the same file (no change) and one edited case.
  dbExec(db, "UPDATE cases SET updated_at = '2020-01-01T00:00:00Z'; UPDATE agencies SET updated_at = '2020-01-01T00:00:00Z'; UPDATE officers SET updated_at = '2020-01-01T00:00:00Z'; UPDATE powers SET updated_at = '2020-01-01T00:00:00Z'; UPDATE benchmarks SET updated_at = '2020-01-01T00:00:00Z';");
  assert.equal(run(['--db', db, 'import', file]).code, 0);
  const edited = fs.readFileSync(file, 'utf8').split('\n').find((l) => l.includes('"南市监处罚〔2026〕2号"'));
  const c = JSON.parse(edited);
  c.served_on = '2026-02-27';
  assert.equal(run(['--db', db, 'import', '-'], { input: JSON.stringify(c) + '\n' }).code, 0);
  const since = run(['--db', db, 'export', '--since', '2021-01-01']);
  assert.equal(since.code, 0);
  const lines = since.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((r) => r.case_no), ['南市监处罚〔2026〕2号']);
  assert.equal(run(['--db', db, 'export', '--since', '2020-01-01']).stdout.trim().split('\n').length, 27);
  assert.equal(run(['--db', db, 'export', '--since', '2026-13-01']).code, 2);
});

test('a UTF-8 byte-order mark at the start of the file is not part of the first record', () => {
  const db = path.join(tmpDir(), 'bom.db');
  const rec = '{"type":"agency","code":"113702021588139920","name":"市南区市场监管局","region":"370202","level":"county","kind":"department"}';
  const r = run(['--db', db, 'import', '-'], { input: Buffer.from('\uFEFF' + rec + '\n' + '\uFEFF' + rec + '\n', 'utf8') });
  assert.equal(r.code, 1, 'a mark inside the file is still malformed');
  assert.match(r.stdout.trim().split('\n').at(-1), /"imported": 1, "rejected": 1/);
  assert.equal(JSON.parse(r.stderr.trim().split('\n')[0]).line, 2);
  const exported = run(['--db', db, 'export']).stdout;
  assert.equal(exported, rec + '\n');
});
