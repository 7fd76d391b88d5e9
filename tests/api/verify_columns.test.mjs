// `zhifa verify` against direct edits of the database file (an intruder with the file and the
// sqlite3 CLI, triggers dropped): every column that data scope, the case timeline (全过程记录) or
// the case record rests on is edited, one column per copy of a `zhifa init --demo` database, and
// verify must exit 1 with a line naming the table, the row's key and the column. What each column
// must equal comes from what the ledger covers: the case body of the latest case.import event
// (cases.*, and the agency every workflow, approval and publicity row of the case belongs to), the
// timeline.add event each timeline row was written with, the workflow.put event of each workflow
// row, the attachment.add event of each attachment row; agencies.region and officers.agency from
// the record body they were indexed from.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { backend, dbCopy, dbExec, dbQuery, run, sqlite, tmpDir } from './lib/zhifa.mjs';

let dir, db;
const zhifa = (file, ...args) => run(['--db', file, ...args]);
const TRIGGERS = backend === 'pg'
  ? ['case_timeline_append_only ON case_timeline', 'case_attachments_append_only ON case_attachments']
  : ['case_timeline_no_update', 'case_timeline_no_delete', 'case_attachments_no_update', 'case_attachments_no_delete'];
const q = dbQuery;
/** A field of the case body by its JSON path '$.a.b': json_extract on SQLite, jsonb on PostgreSQL. */
const bodyField = (p) => backend === 'pg'
  ? `(body::jsonb #>> '{${p.replace(/^\$\./, '').replace(/\./g, ',')}}')`
  : `json_extract(body, '${p}')`;
const bodyNum = (p) => backend === 'pg' ? `${bodyField(p)}::numeric` : bodyField(p);

let n = 0;
/** A copy of the demo database with its key file, attachments, and the append-only triggers dropped. */
function copyDb() {
  const d = path.join(dir, `copy${n++}.db`);
  dbCopy(db, d);
  fs.copyFileSync(`${db}.sm2.pem`, `${d}.sm2.pem`);
  if (fs.existsSync(`${db}.files`)) fs.cpSync(`${db}.files`, `${d}.files`, { recursive: true });
  dbExec(d, TRIGGERS.map((t) => `DROP TRIGGER IF EXISTS ${t};`).join(' '));
  return d;
}

/** verify --json must fail and one problem's message must name every word of `names`; that problem. */
function verifyNames(file, names) {
  const r = zhifa(file, 'verify', '--json');
  assert.equal(r.code, 1, `verify passed after editing ${names.join(' ')}:\n${r.stdout}${r.stderr}`);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.pop().intact, false);
  const hit = lines.find((p) => names.every((w) => p.message.includes(w)));
  assert.ok(hit, `no problem names ${names.join(' ')} in:\n${r.stdout}`);
  assert.match(hit.message, /[\u4e00-\u9fff]/);
  assert.equal(typeof hit.kind, 'string');
  return hit;
}

// Text edited so that it surely differs (NULL becomes text). A number column on PostgreSQL holds
// numbers only: one more (NULL becomes 1).
const NUMBER_COLUMNS = ['fine_fen'];
const changed = (col) => backend === 'pg' && NUMBER_COLUMNS.includes(col)
  ? `CASE WHEN "${col}" IS NULL THEN 1 ELSE "${col}" + 1 END`
  : `CASE WHEN "${col}" IS NULL THEN '篡改' ELSE "${col}" || '篡改' END`;

before(() => {
  dir = tmpDir();
  db = path.join(dir, 'demo.db');
  const r = run(['--db', db, 'init', '--demo']);
  assert.equal(r.code, 0, r.stderr);
  fs.writeFileSync(path.join(dir, 'photo.jpg'), Buffer.from('bytes of an attachment'));
  const onlineCase = q(db, 'SELECT case_no FROM case_workflow ORDER BY case_no LIMIT 1');
  assert.equal(zhifa(db, 'attach', '--case', onlineCase, '--type', 'image/jpeg', path.join(dir, 'photo.jpg')).code, 0);
  assert.equal(zhifa(db, 'sth', '--sign').code, 0);
});

test('the untouched demo database verifies (exit 0), triggers dropped or not', () => {
  assert.equal(zhifa(db, 'verify').code, 0, zhifa(db, 'verify').stdout);
  assert.equal(zhifa(copyDb(), 'verify').code, 0);
  // the demo has what the edits below need
  for (const t of ['case_timeline', 'case_workflow', 'approval_tasks', 'case_publicity'])
    assert.ok(Number(q(db, `SELECT count(*) FROM ${t}`)) > 0, t);
});

// ---- the case record: the scope and index columns beside the body, and those 案件查询 reads
// (migration 029: region from the agency, the rest from the body) ----
for (const col of ['agency', 'kind', 'region', 'procedure', 'filed_on', 'decided_on', 'closed_on', 'fine_fen', 'party_name',
  'doc_no', 'filing_no']) {
  test(`cases.${col} edited → verify names cases[case_no].${col} as column_changed`, () => {
    const d = copyDb();
    const key = q(d, 'SELECT case_no FROM case_workflow ORDER BY case_no LIMIT 1 OFFSET 2');
    q(d, `UPDATE cases SET "${col}" = ${changed(col)} WHERE case_no = '${key}'`);
    assert.equal(verifyNames(d, [`cases[${key}].${col}`]).kind, 'column_changed');
  });
}

test('cases.filed_on set to another date → column_changed cases[case_no].filed_on, exit 1', () => {
  const d = copyDb();
  const key = q(d, `SELECT case_no FROM cases WHERE ${bodyField('$.filed_on')} IS NOT NULL ORDER BY case_no LIMIT 1`);
  q(d, `UPDATE cases SET filed_on = '2020-01-01' WHERE case_no = '${key}'`);
  const hit = verifyNames(d, [`cases[${key}].filed_on`, '2020-01-01']);
  assert.equal(hit.kind, 'column_changed');
});

test('a fine in fen is held to the record\'s decision.fine: one fen off is named', () => {
  const d = copyDb();
  const key = q(d, `SELECT case_no FROM cases WHERE ${bodyNum('$.decision.fine')} > 0 ORDER BY case_no LIMIT 1`);
  const fine = Number(q(d, `SELECT ${bodyNum('$.decision.fine')} FROM cases WHERE case_no = '${key}'`));
  assert.equal(q(d, `SELECT fine_fen FROM cases WHERE case_no = '${key}'`), String(Math.round(fine * 100)));
  q(d, `UPDATE cases SET fine_fen = fine_fen + 1 WHERE case_no = '${key}'`);
  assert.equal(verifyNames(d, [`cases[${key}].fine_fen`]).kind, 'column_changed');
});

// ---- elements whose columns scope reads ----
test('agencies.region edited → verify names agencies, the code and region', () => {
  const d = copyDb();
  const key = q(d, "SELECT agency FROM cases GROUP BY agency ORDER BY count(*) DESC LIMIT 1");
  q(d, `UPDATE agencies SET region = '110101' WHERE code = '${key}'`);
  verifyNames(d, ['agencies', key, 'region']);
});

test('officers.agency edited → verify names officers, the certificate and agency', () => {
  const d = copyDb();
  const key = q(d, 'SELECT cert_no FROM officers ORDER BY cert_no LIMIT 1');
  q(d, `UPDATE officers SET agency = ${changed('agency')} WHERE cert_no = '${key}'`);
  verifyNames(d, ['officers', key, 'agency']);
});

// ---- rows of online handling that scope reads by agency ----
for (const [table, keyCol] of [['case_workflow', 'case_no'], ['approval_tasks', 'id'], ['case_publicity', 'case_no']]) {
  test(`${table}.agency edited → verify names ${table}, the row and agency`, () => {
    const d = copyDb();
    const key = q(d, `SELECT ${keyCol} FROM ${table} ORDER BY ${keyCol} LIMIT 1`);
    q(d, `UPDATE ${table} SET agency = ${changed('agency')} WHERE ${keyCol} = '${key}'`);
    verifyNames(d, [table, key, 'agency']);
  });
}

// ---- the workflow row the case page shows beside the timeline ----
for (const [col, value] of [['case_type', "'penalty_simple'"], ['stage', "'closed'"], ['state', `'{"forged":true}'`],
  ['assignees', `'["37020299999"]'`], ['doc_no', changed('doc_no')], ['created_by', changed('created_by')],
  ['created_at', changed('created_at')]]) {
  test(`case_workflow.${col} edited → verify names case_workflow, the case and ${col}`, () => {
    const d = copyDb();
    const key = q(d, `SELECT case_no FROM case_workflow WHERE "${col}" IS DISTINCT FROM ${value} ORDER BY case_no LIMIT 1`);
    q(d, `UPDATE case_workflow SET "${col}" = ${value} WHERE case_no = '${key}'`);
    verifyNames(d, ['case_workflow', key, col]);
  });
}

// ---- the timeline (全过程记录): every column of a row, a row deleted, inserted, moved ----
for (const col of ['case_no', 'time', 'user', 'action', 'from_stage', 'to_stage', 'note']) {
  test(`case_timeline.${col} edited → verify names case_timeline, the row id and ${col}`, () => {
    const d = copyDb();
    const id = q(d, 'SELECT max(id) FROM case_timeline WHERE from_stage IS NOT NULL');
    q(d, `UPDATE case_timeline SET "${col}" = ${changed(col)} WHERE id = ${id}`);
    verifyNames(d, ['case_timeline', `[${id}]`, col]);
  });
}

test('case_timeline row deleted → verify names case_timeline and the missing row', () => {
  const d = copyDb();
  const id = q(d, 'SELECT min(id) + 3 FROM case_timeline');
  q(d, `DELETE FROM case_timeline WHERE id = ${id}`);
  verifyNames(d, ['case_timeline', `[${id}]`]);
});

test('case_timeline row inserted → verify names case_timeline and the new row', () => {
  const d = copyDb();
  q(d, 'INSERT INTO case_timeline(case_no, time, "user", action, from_stage, to_stage, note)' +
    ` SELECT case_no, time, "user", 'approve', to_stage, 'closed', '补记' FROM case_timeline WHERE id = 5`);
  const id = q(d, 'SELECT max(id) FROM case_timeline');
  verifyNames(d, ['case_timeline', `[${id}]`]);
});

test('two case_timeline rows of a case swapped → verify names case_timeline', () => {
  const d = copyDb();
  const [a, b] = q(d, "SELECT id FROM case_timeline WHERE case_no = (SELECT case_no FROM case_timeline" +
    ' GROUP BY case_no HAVING count(*) > 3 LIMIT 1) ORDER BY id LIMIT 2').split('\n');
  q(d, `UPDATE case_timeline SET id = -1 WHERE id = ${a}; UPDATE case_timeline SET id = ${a} WHERE id = ${b};` +
    ` UPDATE case_timeline SET id = ${b} WHERE id = -1;`);
  verifyNames(d, ['case_timeline', `[${a}]`]);
});

// ---- a database from before the rows were logged (migration 018) ----
test('rows written before migration 018 are logged once at the next open, then held to their events', {
  skip: backend === 'pg' && 'a PostgreSQL database starts at the schema of SQLite 060: it never holds rows from before 018',
}, () => {
  const d = path.join(dir, 'legacy.db');
  assert.equal(run(['--db', d, 'init']).code, 0);
  // what an older zhifa left: a workflow row and two timeline rows with no event, 018 not applied
  sqlite(d, "INSERT INTO case_workflow(case_no, agency, case_type, stage, created_by, created_at, updated_at)" +
    " VALUES ('线索-旧-1', '113702021588139920', 'penalty_ordinary', 'filing', 'officer', '2025-01-02T01:00:00Z'," +
    " '2025-01-03T01:00:00Z');" +
    " INSERT INTO case_timeline(case_no, time, user, action, from_stage, to_stage, note) VALUES" +
    " ('线索-旧-1', '2025-01-02T01:00:00Z', 'officer', 'file', NULL, 'clue', '旧记录')," +
    " ('线索-旧-1', '2025-01-03T01:00:00Z', 'officer', 'submit_filing', 'clue', 'filing', '');" +
    ' DROP TABLE ledger_backfill; DELETE FROM schema_version WHERE version = 18;');
  const before = Number(sqlite(d, 'SELECT count(*) FROM ledger_events'));
  // the workflow row's case has no record here: verify names that, and nothing about the rows' logging
  const r = zhifa(d, 'verify', '--json');
  const kinds = r.stdout.trim().split('\n').map((l) => JSON.parse(l)).slice(0, -1).map((p) => p.kind);
  assert.deepEqual(kinds, ['column_changed'], r.stdout);
  assert.equal(Number(sqlite(d, 'SELECT count(*) FROM ledger_events')), before + 3); // 2 timeline rows + 1 workflow row
  assert.equal(sqlite(d, 'SELECT count(*) FROM ledger_backfill'), '0');
  // opened again: nothing appended twice
  zhifa(d, 'verify');
  assert.equal(Number(sqlite(d, 'SELECT count(*) FROM ledger_events')), before + 3);
  sqlite(d, "DROP TRIGGER case_timeline_no_update; UPDATE case_timeline SET note = '改' WHERE note = '旧记录'");
  verifyNames(d, ['case_timeline', 'note']);
});
