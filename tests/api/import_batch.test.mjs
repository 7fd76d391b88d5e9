// `zhifa import` hands the store a chunk of lines at once (store_put_records; on PostgreSQL one
// multi-row upsert per run of a record type): the result must be what one line at a time gives.
// A file where the same case comes back unchanged, changed, and moved to another year of filing
// within one chunk, and agencies whose cases follow them in the same chunk: the stored records
// are the last line of each key, and the ledger holds one event per case line whose body differs
// from the one stored before it — both counted here from the file itself, independently of zhifa.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { run, tmpDir, dbQuery } from './lib/zhifa.mjs';

const dir = tmpDir();
const db = path.join(dir, 'batch.db');

const keyOf = (r) => (r.type === 'monthly_report' ? `${r.type}:${r.agency}:${r.month}` : `${r.type}:${r.case_no ?? r.cert_no ?? r.code ?? r.power}`);

/** The generated data, then one case three more times (renamed party; the same again; filed in
 * another year), all within the last chunk. */
function lines() {
  const gen = run(['gen', '--seed', '5', '--cases', '120', '--agencies', '3']);
  assert.equal(gen.code, 0, gen.stderr);
  const recs = gen.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const first = recs.find((r) => r.type === 'case');
  const renamed = { ...first, party: { ...first.party, name: '批量改名甲' } };
  const moved = { ...renamed, filed_on: '2019-01-05' };
  return [...recs, renamed, { ...renamed }, moved].map((r) => JSON.stringify(r));
}

/** Case lines whose text differs from the text stored for their key before them. */
function expectedEvents(texts, stored = new Map()) {
  let n = 0;
  for (const t of texts) {
    const r = JSON.parse(t);
    if (r.type === 'case' && stored.get(keyOf(r)) !== t) n++;
    stored.set(keyOf(r), t);
  }
  return n;
}

test('a chunk with a key repeated, changed and moved across years stores the last line of each key, one ledger event per change', () => {
  const texts = lines();
  const file = path.join(dir, 'batch.jsonl');
  fs.writeFileSync(file, texts.join('\n') + '\n');
  const stored = new Map();
  let events = expectedEvents(texts, stored);

  assert.equal(run(['--db', db, 'import', file], { timeout: 180000 }).code, 0);
  assert.equal(Number(dbQuery(db, 'SELECT count(*) FROM ledger_events')), events);

  // the same file again: each key's first line now differs from the stored last one
  assert.equal(run(['--db', db, 'import', file], { timeout: 180000 }).code, 0);
  events += expectedEvents(texts, stored);
  assert.equal(Number(dbQuery(db, 'SELECT count(*) FROM ledger_events')), events);

  const last = new Map(texts.map((t) => [keyOf(JSON.parse(t)), JSON.parse(t)]));
  const exported = run(['--db', db, 'export']).stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(exported.length, last.size);
  for (const r of exported) assert.deepEqual(r, last.get(keyOf(r)), keyOf(r));
  const moved = JSON.parse(texts.at(-1));
  assert.equal(dbQuery(db, `SELECT filed_on FROM cases WHERE case_no = '${moved.case_no}'`), '2019-01-05');
  assert.equal(run(['--db', db, 'verify']).code, 0);
});
