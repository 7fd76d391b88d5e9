// PostgreSQL only (make test-pg): `zhifa init` on PostgreSQL applies every migration of
// src/store/migrations_pg and reaches the schema SQLite's migrations reach — the same tables with
// the same column names. The two schemas are read from the databases themselves (sqlite_master and
// pragma_table_info; information_schema.columns), not from the program. What differs on purpose is
// the allow-list below, each entry with its reason (docs/postgresql.md "The schema").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { backend, backendArgs, bin, repoRoot, run, tmpDir } from './lib/zhifa.mjs';

const FTS5_SHADOWS = ['_config', '_data', '_docsize', '_idx', '_content'];
const SQLITE_ONLY = new Map([
  // FTS5 keeps its index in shadow tables; PostgreSQL searches law_bigrams and normative_search
  ...['law_search', 'normative_search'].flatMap((t) =>
    FTS5_SHADOWS.map((s) => [`${t}${s}`, 'an FTS5 shadow table (SQLite keeps the full-text index in it)'])),
  ['law_search', 'the FTS5 index of the law articles: law_bigrams and a pg_trgm index do its work'],
]);
const PG_ONLY = new Map([
  ['case_keys', 'cases are partitioned by year: case_keys keeps each case number once across the partitions'],
  ['law_bigrams', 'the 1–2-character grams of the articles, what the FTS5 table law_search indexes in SQLite'],
]);
// column differences in tables both have: "table.column" → reason
const SQLITE_ONLY_COLUMNS = new Map();
const PG_ONLY_COLUMNS = new Map([
  ['cases.filed_year', 'the partition key (year of filing)'],
  ['roles.pos', 'the order SQLite keeps by rowid'],
  ['normative_search.doc_id', 'the document the token strings belong to (the FTS5 rowid in SQLite)'],
]);

function sqliteSchema(file) {
  const sql = "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p" +
    " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'";
  const r = spawnSync('sqlite3', ['-separator', '|', file, sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return toSchema(r.stdout);
}

function pgSchema(url) {
  const sql = 'SELECT c.relname, a.attname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid' +
    " WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition" +
    ' AND a.attnum > 0 AND NOT a.attisdropped';
  const r = spawnSync('psql', ['-X', '-A', '-t', '-F', '|', '-d', url, '-c', sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return toSchema(r.stdout);
}

/** "table|column" lines → Map table → sorted column names. */
function toSchema(text) {
  const m = new Map();
  for (const line of text.split('\n').filter(Boolean)) {
    const [t, c] = line.split('|');
    if (!m.has(t)) m.set(t, []);
    m.get(t).push(c);
  }
  for (const cols of m.values()) cols.sort();
  return m;
}

function without(names, allowed) {
  return [...names].filter((n) => !allowed.has(n)).sort();
}

test('init on PostgreSQL reaches the tables and columns of init on SQLite', {
  skip: backend !== 'pg' && 'PostgreSQL only: run with ZHIFA_BACKEND=pg (scripts/test-pg.sh tests/api/pg_schema.test.mjs)',
  timeout: 180000,
}, () => {
  const dir = tmpDir();
  const liteFile = path.join(dir, 'lite.db');
  const env = { ...process.env };
  delete env.ZHIFA_PG;
  const lite = spawnSync(bin(), ['--db', liteFile, 'init'], { encoding: 'utf8', env, timeout: 120000 });
  assert.equal(lite.status, 0, lite.stderr);
  const pgDb = path.join(dir, 'pg.db');
  const pg = run(['--db', pgDb, 'init'], { timeout: 120000 });
  assert.equal(pg.code, 0, pg.stderr);
  const url = backendArgs(['--db', pgDb])[1];

  const s = sqliteSchema(liteFile), p = pgSchema(url);
  assert.deepEqual(without(s.keys(), new Set([...p.keys(), ...SQLITE_ONLY.keys()])), [], 'tables missing on PostgreSQL');
  assert.deepEqual(without(p.keys(), new Set([...s.keys(), ...PG_ONLY.keys()])), [], 'tables only on PostgreSQL');
  const missing = [], extra = [];
  for (const [t, cols] of s) {
    if (!p.has(t)) continue;
    const pc = new Set(p.get(t)), sc = new Set(cols);
    for (const c of cols) if (!pc.has(c) && !SQLITE_ONLY_COLUMNS.has(`${t}.${c}`)) missing.push(`${t}.${c}`);
    for (const c of p.get(t)) if (!sc.has(c) && !PG_ONLY_COLUMNS.has(`${t}.${c}`)) extra.push(`${t}.${c}`);
  }
  assert.deepEqual(missing, [], 'columns missing on PostgreSQL');
  assert.deepEqual(extra, [], 'columns only on PostgreSQL');

  // every migration applied: init reports the schema version, the number of the last migration file
  const files = fs.readdirSync(path.join(repoRoot, 'src/store/migrations_pg')).filter((f) => /^\d{3}_.*\.sql$/.test(f));
  const last = Math.max(...files.map((f) => Number(f.slice(0, 3))));
  assert.match(pg.stdout, new RegExp(`结构版本 ${last}）`));
});
