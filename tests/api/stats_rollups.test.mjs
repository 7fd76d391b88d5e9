// 统计分析 rollups (docs/analytics.md): after thousands of random writes — imports, re-imports of
// changed and unchanged records, the sweep, hand edits and deletes through the database's shell, orders,
// 评查 items and plans, monthly reports — every rollup table equals a naive GROUP BY over its base
// table written here from the contract's definitions, and `zhifa rollup rebuild` gives the same rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { run, tmpDir, backend, dbQuery, dbExec } from './lib/zhifa.mjs';

// A small seeded generator (mulberry32): the same writes every run.
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
const rnd = prng(18);
const pick = (a) => a[Math.floor(rnd() * a.length)];
const chance = (p) => rnd() < p;
const day = () => `${pick(['2024', '2025', '2026'])}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
const money = () => Math.round(rnd() * 5000000) / 100;

// One case's facts rewritten at random (only fields the rollups read; valid values only).
function mutate(c, agencies) {
  const out = { ...c, decision: c.decision ? { ...c.decision } : undefined };
  if (chance(0.2)) out.agency = pick(agencies);
  if (chance(0.15)) out.kind = pick(['penalty', 'penalty', 'coercion', 'license', 'inspection']);
  for (const k of ['filed_on', 'decided_on', 'closed_on', 'hearing_held_on', 'published_on']) {
    if (chance(0.3)) { if (chance(0.3)) delete out[k]; else out[k] = day(); }
  }
  if (chance(0.3)) { if (chance(0.2)) delete out.procedure; else out.procedure = pick(['simple', 'ordinary']); }
  if (chance(0.3)) out.decision = { outcome: pick(['penalty', 'no_penalty', 'transferred']), measures: ['fine'], fine: money(), ...(chance(0.3) ? { confiscated: money() } : {}) };
  if (chance(0.2)) { if (chance(0.5)) delete out.extension_days; else out.extension_days = Math.floor(rnd() * 60); }
  if (chance(0.1)) out.suspended_days = Math.floor(rnd() * 30);
  if (out.kind === 'penalty' && chance(0.15)) {
    out.revocation = { kind: pick(['revoked', 'changed', 'illegal', 'void']), by: pick(['review', 'litigation', 'self_correction']), ...(chance(0.7) ? { on: day() } : {}) };
  } else if (chance(0.1)) delete out.revocation;
  if (out.decision === undefined) delete out.decision;
  return out;
}

// The contract's definitions, over the base tables, from the bodies (not the columns the store fills).
const NAIVE = {
  rollup_cases: `
    WITH c AS (SELECT agency, kind, json_extract(body, '$.procedure') AS proc, json_extract(body, '$.filed_on') AS f,
                      json_extract(body, '$.decided_on') AS d, json_extract(body, '$.closed_on') AS cl, body FROM cases),
    ev AS (
      SELECT agency, substr(f, 1, 7) AS month, kind, 1 AS filed, proc IS 'simple' AS simple, proc IS 'ordinary' AS ordinary,
             0 AS decided, 0 AS penalties, 0 AS fines, 0 AS conf, 0 AS heard, 0 AS published, 0 AS od, 0 AS lim,
             0 AS closed, 0 AS rec, 0 AS lit, 0 AS ovr FROM c WHERE f IS NOT NULL
      UNION ALL
      SELECT agency, substr(d, 1, 7), kind, 0, 0, 0, 1,
             kind = 'penalty' AND json_extract(body, '$.decision.outcome') IS 'penalty',
             coalesce(CAST(round(json_extract(body, '$.decision.fine') * 100) AS INTEGER), 0),
             coalesce(CAST(round(json_extract(body, '$.decision.confiscated') * 100) AS INTEGER), 0),
             json_extract(body, '$.hearing_held_on') IS NOT NULL, json_extract(body, '$.published_on') IS NOT NULL,
             proc IS 'ordinary',
             proc IS 'ordinary' AND f IS NOT NULL AND julianday(d) - julianday(f) <= 90
               + coalesce(json_extract(body, '$.extension_days'), 0) + coalesce(json_extract(body, '$.suspended_days'), 0),
             0, 0, 0, 0 FROM c WHERE d IS NOT NULL
      UNION ALL
      SELECT agency, substr(cl, 1, 7), kind, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0 FROM c WHERE cl IS NOT NULL
      UNION ALL
      SELECT agency, substr(coalesce(json_extract(body, '$.revocation.on'), d), 1, 7), kind, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
             json_extract(body, '$.revocation.by') = 'review', json_extract(body, '$.revocation.by') = 'litigation', 1
      FROM c WHERE json_extract(body, '$.revocation.by') IN ('review', 'litigation')
        AND coalesce(json_extract(body, '$.revocation.on'), d) IS NOT NULL)
    SELECT agency, month, kind, sum(filed), sum(simple), sum(ordinary), sum(decided), sum(penalties), sum(fines), sum(conf),
           sum(heard), sum(published), sum(od), sum(lim), sum(closed), sum(rec), sum(lit), sum(ovr)
    FROM ev GROUP BY agency, month, kind ORDER BY agency, month, kind`,
  rollup_findings: `SELECT agency, rule, severity, substr(first_seen, 1, 7) AS m, count(*), sum(resolved_at IS NULL)
    FROM findings GROUP BY agency, rule, severity, m ORDER BY agency, rule, severity, m`,
  rollup_findings_open: `SELECT agency, rule, severity, count(*) FROM findings WHERE resolved_at IS NULL
    GROUP BY agency, rule, severity ORDER BY agency, rule, severity`,
  rollup_orders: `SELECT agency, substr(issued_on, 1, 7) AS m, count(*), count(first_answered_on),
    sum(first_answered_on IS NOT NULL AND (first_due_on IS NULL OR first_answered_on <= first_due_on)), sum(late <> 0)
    FROM orders WHERE issued_on IS NOT NULL GROUP BY agency, m ORDER BY agency, m`,
  rollup_reviews: `SELECT i.agency, substr(json_extract(p.body, '$.published_on'), 1, 7) AS m, count(*),
    sum(coalesce(json_extract(i.body, '$.total_cp'), 0))
    FROM review_items i JOIN review_plans p ON p.id = i.plan_id
    WHERE i.status = 'done' AND json_extract(p.body, '$.published_on') IS NOT NULL GROUP BY i.agency, m ORDER BY i.agency, m`,
  // due: the report_due_day-th day of the next month, or that month's last day
  rollup_reports: `SELECT agency, month, sum(NOT late), sum(late) FROM (
      SELECT agency, month, json_extract(body, '$.submitted_on') IS NOT NULL AND json_extract(body, '$.submitted_on') >
        min(date(month || '-01', '+1 month', '+' || ((SELECT value FROM settings WHERE name = 'report_due_day') - 1) || ' days'),
            date(month || '-01', '+2 months', '-1 day')) AS late
      FROM monthly_reports) GROUP BY agency, month ORDER BY agency, month`,
};
// The same definitions in PostgreSQL's dialect (bodies are text holding JSON; booleans summed as
// numbers; SQLite's `x IS 'v'` is `IS NOT DISTINCT FROM`).
const NAIVE_PG = {
  rollup_cases: `
    WITH c AS (SELECT agency, kind, b, b ->> 'procedure' AS proc, b ->> 'filed_on' AS f, b ->> 'decided_on' AS d,
                      b ->> 'closed_on' AS cl FROM (SELECT agency, kind, body::jsonb AS b FROM cases) x),
    ev AS (
      SELECT agency, substr(f, 1, 7) AS month, kind, 1 AS filed, (proc IS NOT DISTINCT FROM 'simple')::int AS simple,
             (proc IS NOT DISTINCT FROM 'ordinary')::int AS ordinary, 0 AS decided, 0 AS penalties, 0::bigint AS fines,
             0::bigint AS conf, 0 AS heard, 0 AS published, 0 AS od, 0 AS lim, 0 AS closed, 0 AS rec, 0 AS lit, 0 AS ovr
      FROM c WHERE f IS NOT NULL
      UNION ALL
      SELECT agency, substr(d, 1, 7), kind, 0, 0, 0, 1,
             (kind = 'penalty' AND b #>> '{decision,outcome}' IS NOT DISTINCT FROM 'penalty')::int,
             coalesce(round((b #>> '{decision,fine}')::numeric * 100)::bigint, 0),
             coalesce(round((b #>> '{decision,confiscated}')::numeric * 100)::bigint, 0),
             (b ->> 'hearing_held_on' IS NOT NULL)::int, (b ->> 'published_on' IS NOT NULL)::int,
             (proc IS NOT DISTINCT FROM 'ordinary')::int,
             (proc IS NOT DISTINCT FROM 'ordinary' AND f IS NOT NULL AND d::date - f::date <= 90
               + coalesce((b ->> 'extension_days')::int, 0) + coalesce((b ->> 'suspended_days')::int, 0))::int,
             0, 0, 0, 0 FROM c WHERE d IS NOT NULL
      UNION ALL
      SELECT agency, substr(cl, 1, 7), kind, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0 FROM c WHERE cl IS NOT NULL
      UNION ALL
      SELECT agency, substr(coalesce(b #>> '{revocation,on}', d), 1, 7), kind, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
             (b #>> '{revocation,by}' = 'review')::int, (b #>> '{revocation,by}' = 'litigation')::int, 1
      FROM c WHERE b #>> '{revocation,by}' IN ('review', 'litigation')
        AND coalesce(b #>> '{revocation,on}', d) IS NOT NULL)
    SELECT agency, month, kind, sum(filed), sum(simple), sum(ordinary), sum(decided), sum(penalties), sum(fines), sum(conf),
           sum(heard), sum(published), sum(od), sum(lim), sum(closed), sum(rec), sum(lit), sum(ovr)
    FROM ev GROUP BY agency, month, kind ORDER BY agency, month, kind`,
  rollup_findings: `SELECT agency, rule, severity, substr(first_seen, 1, 7) AS m, count(*), sum((resolved_at IS NULL)::int)
    FROM findings GROUP BY agency, rule, severity, m ORDER BY agency, rule, severity, m`,
  rollup_findings_open: NAIVE.rollup_findings_open,
  rollup_orders: `SELECT agency, substr(issued_on, 1, 7) AS m, count(*), count(first_answered_on),
    sum((first_answered_on IS NOT NULL AND (first_due_on IS NULL OR first_answered_on <= first_due_on))::int), sum((late <> 0)::int)
    FROM orders WHERE issued_on IS NOT NULL GROUP BY agency, m ORDER BY agency, m`,
  rollup_reviews: `SELECT i.agency, substr(p.body::jsonb ->> 'published_on', 1, 7) AS m, count(*),
    sum(coalesce((i.body::jsonb ->> 'total_cp')::bigint, 0))
    FROM review_items i JOIN review_plans p ON p.id = i.plan_id
    WHERE i.status = 'done' AND p.body::jsonb ->> 'published_on' IS NOT NULL GROUP BY i.agency, m ORDER BY i.agency, m`,
  rollup_reports: `SELECT agency, month, sum((NOT late)::int), sum(late::int) FROM (
      SELECT agency, month, body::jsonb ->> 'submitted_on' IS NOT NULL AND body::jsonb ->> 'submitted_on' >
        least(to_char((month || '-01')::date + interval '1 month'
                      + ((SELECT value::int FROM settings WHERE name = 'report_due_day') - 1) * interval '1 day', 'YYYY-MM-DD'),
              to_char((month || '-01')::date + interval '2 months' - interval '1 day', 'YYYY-MM-DD')) AS late
      FROM monthly_reports) x GROUP BY agency, month ORDER BY agency, month`,
};
// A body's key set to a value, in the backend's dialect (a hand edit of the stored JSON).
const jsonSet = (col, key, v) => (backend === 'pg'
  ? `jsonb_set(${col}::jsonb, '{${key}}', '${JSON.stringify(v)}')::text`
  : `json_set(${col}, '$.${key}', ${typeof v === 'string' ? `'${v}'` : v})`);
const KEYS = {
  rollup_cases: 'agency, month, kind', rollup_findings: 'agency, rule, severity, month', rollup_findings_open: 'agency, rule, severity', rollup_orders: 'agency, month',
  rollup_reviews: 'agency, month', rollup_reports: 'agency, month',
};

function assertRollupsEqual(db, when) {
  for (const [table, naive] of Object.entries(backend === 'pg' ? NAIVE_PG : NAIVE)) {
    const kept = dbQuery(db, `SELECT * FROM ${table} ORDER BY ${KEYS[table]}`);
    const expected = dbQuery(db, naive);
    if (kept !== expected) {
      const a = kept.split('\n'), b = expected.split('\n');
      const diff = a.filter((l) => !b.includes(l)).slice(0, 5).concat(['--- expected ---'], b.filter((l) => !a.includes(l)).slice(0, 5));
      assert.fail(`${when}: ${table} differs from the naive GROUP BY (${a.length} rows vs ${b.length}):\n${diff.join('\n')}`);
    }
  }
}

const writeLines = (file, records) => fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');

// PostgreSQL imports one statement per record (no COPY yet, docs/postgresql.md): its thousands of
// writes take several times SQLite's on a loaded machine.
const LIMIT = backend === 'pg' ? 2400000 : 600000, STEP = backend === 'pg' ? 600000 : 120000;
test('every rollup equals the naive GROUP BY after thousands of random writes, and after rollup rebuild', { timeout: LIMIT }, () => {
  const dir = tmpDir();
  const db = path.join(dir, 'z.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const gen = run(['gen', '--seed', '18', '--cases', '2500', '--agencies', '6'], { timeout: 60000 });
  assert.equal(gen.code, 0);
  const all = gen.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const agencies = all.filter((r) => r.type === 'agency').map((r) => r.code);
  const base = path.join(dir, 'base.jsonl');
  fs.writeFileSync(base, gen.stdout);
  assert.equal(run(['--db', db, 'import', base], { timeout: STEP }).code, 0);
  assertRollupsEqual(db, 'after the first import');

  // rounds of changed cases (some new), re-imported with the unchanged rest; the file re-imported as is
  let cases = all.filter((r) => r.type === 'case');
  for (let round = 0; round < 3; round++) {
    cases = cases.map((c) => (chance(0.4) ? mutate(c, agencies) : c));
    for (let i = 0; i < 200; i++) cases.push(mutate({ ...pick(cases), case_no: `随机案〔${round}〕${i}号` }, agencies));
    const months = [];
    for (const a of agencies) for (let i = 0; i < 4; i++) {
      const month = `2026-${String(1 + Math.floor(rnd() * 10)).padStart(2, '0')}`;
      months.push({ type: 'monthly_report', agency: a, month, counts: { penalty: Math.floor(rnd() * 9) }, ...(chance(0.7) ? { submitted_on: day() } : {}) });
    }
    const file = path.join(dir, `round${round}.jsonl`);
    writeLines(file, [...cases, ...months]);
    const r = run(['--db', db, 'import', file], { timeout: STEP });
    assert.ok(r.code <= 1, r.stderr.slice(0, 500)); // a line the random edit made invalid is refused, the rest imported
    assert.ok(run(['--db', db, 'import', file], { timeout: STEP }).code <= 1);
    assertRollupsEqual(db, `after round ${round}`);
  }

  // the sweep writes findings; hand edits resolve, reopen, move and delete some
  assert.equal(run(['--db', db, 'sweep', '--as-of', '2026-05-20'], { timeout: STEP }).code, 0);
  assert.equal(run(['--db', db, 'sweep', '--as-of', '2026-09-20'], { timeout: STEP }).code, 0);
  assert.ok(Number(dbQuery(db, 'SELECT count(*) FROM findings')) > 100, 'the sweep found something to count');
  dbExec(db, `UPDATE findings SET resolved_at = '2026-06-01T00:00:00Z' WHERE id % 5 = 0 AND resolved_at IS NULL;
              UPDATE findings SET resolved_at = NULL WHERE id % 11 = 0;
              UPDATE findings SET first_seen = '2025-03-03T08:00:00Z', agency = '${agencies[1]}' WHERE id % 13 = 0;
              DELETE FROM findings WHERE id % 17 = 0;`);
  assertRollupsEqual(db, 'after the sweeps and the finding edits');

  // hand edits and deletes of cases and reports through the shell
  dbExec(db, `UPDATE cases SET body = ${jsonSet('body', 'decided_on', '2026-02-02')}, decided_on = '2026-02-02' WHERE case_no LIKE '%7号';
              UPDATE cases SET agency = '${agencies[0]}' WHERE case_no LIKE '%3号';
              DELETE FROM cases WHERE case_no LIKE '%9号';
              DELETE FROM monthly_reports WHERE month = '2026-03';`);
  assertRollupsEqual(db, 'after the case edits and deletes');

  // orders: issued, answered, late, moved, deleted at random
  const orderSql = [];
  for (let i = 1; i <= 400; i++) {
    const issued = chance(0.85) ? `'${day()}'` : 'NULL';
    const due = chance(0.9) ? `'${day()}'` : 'NULL';
    const answered = chance(0.6) ? `'${day()}'` : 'NULL';
    orderSql.push(`INSERT INTO orders(id, kind, agency, region, status, issued_on, due_on, last_act_on, first_due_on, first_answered_on, late, body, created_by, created_at, updated_at)
      VALUES (${i}, 'supervise', '${pick(agencies)}', '370200', 'issued', ${issued}, ${due}, '2026-01-01', ${due}, ${answered}, ${chance(0.3) ? 1 : 0}, '{}', 't', '2026-01-01', '2026-01-01');`);
  }
  for (let i = 0; i < orderSql.length; i += 100) dbExec(db, orderSql.slice(i, i + 100).join('\n')); // one argument ≤ 128 KiB
  dbExec(db, `UPDATE orders SET first_answered_on = '2026-04-04', late = 1 - late WHERE id % 3 = 0;
              UPDATE orders SET agency = '${agencies[2]}', issued_on = '2026-07-07' WHERE id % 7 = 0;
              UPDATE orders SET issued_on = NULL WHERE id % 19 = 0;
              DELETE FROM orders WHERE id % 23 = 0;`);
  assertRollupsEqual(db, 'after the order writes');

  // 评查: plans published or not, items done or not, scores changed, a plan published later, items deleted
  const reviewSql = [];
  for (let p = 1; p <= 8; p++) {
    const body = `'${JSON.stringify(chance(0.7) ? { published_on: day() } : {})}'`;
    reviewSql.push(`INSERT INTO review_plans(id, region, status, created_by, body) VALUES (${p}, '370200', 'finished', 't', ${body});`);
  }
  for (let i = 1; i <= 300; i++) {
    reviewSql.push(`INSERT INTO review_items(id, plan_id, case_no, agency, status, body) VALUES (${i}, ${1 + (i % 8)}, 'c${i}', '${pick(agencies)}',
      '${pick(['done', 'done', 'scoring', 'pending'])}', '${JSON.stringify({ total_cp: Math.floor(rnd() * 10001) })}');`);
  }
  for (let i = 0; i < reviewSql.length; i += 100) dbExec(db, reviewSql.slice(i, i + 100).join('\n'));
  dbExec(db, `UPDATE review_items SET body = ${jsonSet('body', 'total_cp', 8850)} WHERE id % 4 = 0;
              UPDATE review_items SET status = 'done' WHERE id % 5 = 0;
              UPDATE review_items SET status = 'arbitration' WHERE id % 9 = 0;
              UPDATE review_plans SET body = ${jsonSet('body', 'published_on', '2026-08-08')} WHERE id IN (1, 2);
              UPDATE review_plans SET body = '{}' WHERE id = 3;
              DELETE FROM review_items WHERE id % 29 = 0;`);
  assertRollupsEqual(db, 'after the 评查 writes');

  // rebuilt from nothing: the same rows
  dbExec(db, 'DELETE FROM rollup_cases; DELETE FROM rollup_findings; DELETE FROM rollup_orders; DELETE FROM rollup_reviews; DELETE FROM rollup_reports; DELETE FROM rollup_findings_open;');
  const r = run(['--db', db, 'rollup', 'rebuild']);
  assert.equal(r.code, 0, r.stderr);
  assertRollupsEqual(db, 'after rollup rebuild');
  assert.ok(Number(dbQuery(db, 'SELECT count(*) FROM rollup_cases')) > 100);
});
