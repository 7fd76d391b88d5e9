// 统计分析 API (docs/analytics.md "Stats API"): every figure against a computation here over the
// base tables' rows (case bodies, findings, orders, 评查 items, reports), never over the rollups;
// the caller's scope against stored data; the ranking's order from the weights the setting holds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { run, dbQuery, dbExec, backend, tmpDir, startServer, addUser, login, hasChinese } from './lib/zhifa.mjs';
import { uscc } from './lib/codes.mjs';
import { todayChina } from './lib/calendar.mjs';

let srv, db, today, leader, county, head, officer;
const FROM = '2025-06', TO = '2026-03';
const LONE = uscc('11370203MB9999999'); // holds a penalty power, never decided anything
const data = {};

const lines = (sql) => { const t = dbQuery(db, sql); return t ? t.split('\n').map((l) => JSON.parse(l)) : []; };
const month = (d) => (d ? d.slice(0, 7) : null);
const inRange = (m, from, to) => m !== null && m >= from && m <= to;
const fen = (yuan) => (yuan === undefined || yuan === null ? 0 : Math.round(yuan * 100));
const addMonths = (m, n) => { const t = Number(m.slice(0, 4)) * 12 + Number(m.slice(5)) - 1 + n; return `${String(Math.floor(t / 12)).padStart(4, '0')}-${String((t % 12) + 1).padStart(2, '0')}`; };
const RUNNING = new Set(['issued', 'received', 'returned']);

// The base rows as JSON lines, in the backend's dialect (PostgreSQL: bodies are text holding JSON).
const BASE = backend === 'pg' ? {
  agencies: "SELECT json_build_object('code', code, 'name', name, 'region', region, 'sector', sector) FROM agencies",
  cases: "SELECT json_build_object('agency', agency, 'kind', kind, 'body', body::json) FROM cases",
  findings: "SELECT json_build_object('agency', agency, 'rule', rule, 'severity', severity, 'first_seen', first_seen, 'resolved_at', resolved_at) FROM findings",
  orders: "SELECT json_build_object('agency', agency, 'status', status, 'due_on', due_on, 'issued_on', issued_on, 'first_due_on', first_due_on, 'first_answered_on', first_answered_on) FROM orders",
  reviews: "SELECT json_build_object('agency', i.agency, 'status', i.status, 'total_cp', i.body::json -> 'total_cp', 'published_on', p.body::json ->> 'published_on') FROM review_items i JOIN review_plans p ON p.id = i.plan_id",
  powers: "SELECT json_build_object('kind', kind, 'agencies', body::json -> 'agencies') FROM powers",
  reports: "SELECT json_build_object('agency', agency, 'month', month, 'submitted_on', body::json ->> 'submitted_on') FROM monthly_reports",
} : {
  agencies: "SELECT json_object('code', code, 'name', name, 'region', region, 'sector', sector) FROM agencies",
  cases: "SELECT json_object('agency', agency, 'kind', kind, 'body', json(body)) FROM cases",
  findings: "SELECT json_object('agency', agency, 'rule', rule, 'severity', severity, 'first_seen', first_seen, 'resolved_at', resolved_at) FROM findings",
  orders: "SELECT json_object('agency', agency, 'status', status, 'due_on', due_on, 'issued_on', issued_on, 'first_due_on', first_due_on, 'first_answered_on', first_answered_on) FROM orders",
  reviews: "SELECT json_object('agency', i.agency, 'status', i.status, 'total_cp', json_extract(i.body, '$.total_cp'), 'published_on', json_extract(p.body, '$.published_on')) FROM review_items i JOIN review_plans p ON p.id = i.plan_id",
  powers: "SELECT json_object('kind', kind, 'agencies', json_extract(body, '$.agencies')) FROM powers",
  reports: "SELECT json_object('agency', agency, 'month', month, 'submitted_on', json_extract(body, '$.submitted_on')) FROM monthly_reports",
};
function loadBase() {
  for (const [k, sql] of Object.entries(BASE)) data[k] = lines(sql);
}

// Per agency, the contract's figures over from..to, from the base rows.
function perAgency(scope, from, to) {
  const out = new Map();
  for (const a of data.agencies.filter(scope)) {
    out.set(a.code, { ...a, filed: 0, decided: 0, closed: 0, fines_fen: 0, findings_open: 0, findings_new: 0, orders_overdue: 0,
      od: 0, lim: 0, p10: 0, issued: 0, on_time: 0, rf: 0, rcp: 0 });
  }
  for (const c of data.cases) {
    const x = out.get(c.agency); if (!x) continue;
    const b = c.body;
    if (inRange(month(b.filed_on), from, to)) x.filed++;
    if (inRange(month(b.decided_on), from, to)) {
      x.decided++; x.fines_fen += fen(b.decision?.fine);
      if (b.procedure === 'ordinary') {
        x.od++;
        const days = b.filed_on ? (Date.parse(b.decided_on) - Date.parse(b.filed_on)) / 86400000 : Infinity;
        if (days <= 90 + (b.extension_days || 0) + (b.suspended_days || 0)) x.lim++;
      }
    }
    if (inRange(month(b.closed_on), from, to)) x.closed++;
  }
  for (const f of data.findings) {
    const x = out.get(f.agency); if (!x) continue;
    if (f.resolved_at === null) x.findings_open++;
    if (inRange(month(f.first_seen), from, to)) { x.findings_new++; if (f.rule === 'P10' && f.severity === 'violation') x.p10++; }
  }
  for (const o of data.orders) {
    const x = out.get(o.agency); if (!x) continue;
    if (RUNNING.has(o.status) && o.due_on && o.due_on < today) x.orders_overdue++;
    if (inRange(month(o.issued_on), from, to)) { x.issued++; if (o.first_answered_on && (!o.first_due_on || o.first_answered_on <= o.first_due_on)) x.on_time++; }
  }
  for (const r of data.reviews) {
    const x = out.get(r.agency); if (!x || r.status !== 'done') continue;
    if (inRange(month(r.published_on), from, to)) { x.rf++; x.rcp += r.total_cp; }
  }
  return out;
}

const inRegion = (prefix) => (a) => a.region.startsWith(prefix);

function zeroAgencies(scope, months, to) {
  const from = addMonths(to, 1 - months);
  const holders = new Map();
  for (const p of data.powers) if (p.kind === 'penalty') for (const a of p.agencies) holders.set(a, (holders.get(a) || 0) + 1);
  return data.agencies.filter(scope).filter((a) => holders.has(a.code)).filter((a) => !data.cases.some((c) =>
    c.agency === a.code && c.kind === 'penalty' && c.body.decision?.outcome === 'penalty' && inRange(month(c.body.decided_on), from, to)))
    .map((a) => ({ agency: a.code, powers: holders.get(a.code) }));
}

before(async () => {
  today = todayChina();
  const dir = tmpDir();
  db = path.join(dir, 'z.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const gen = run(['gen', '--seed', '5', '--cases', '1500', '--agencies', '14'], { timeout: 60000 });
  const extra = [
    { type: 'agency', code: LONE, name: '零执法测试局', region: '370203', level: 'county', kind: 'department', sector: 'culture' },
    { type: 'power', code: 'T-CF', name: '测试处罚事项', kind: 'penalty', agencies: [LONE], basis: [{ law: '中华人民共和国行政处罚法', article: '第九条' }] },
  ];
  // reports of 2026-04 (due 2026-05-10): on time, late, imported without a date, and missing
  const agencies = gen.stdout.split('\n').filter((l) => l.includes('"type":"agency"')).map((l) => JSON.parse(l).code);
  agencies.forEach((a, i) => {
    if (i % 4 === 3) return;
    extra.push({ type: 'monthly_report', agency: a, month: '2026-04', counts: { penalty: i }, ...(i % 4 === 0 ? { submitted_on: '2026-05-09' } : i % 4 === 1 ? { submitted_on: '2026-05-12' } : {}) });
  });
  // a few cases closed and simple, so those counts are not all zero
  gen.stdout.split('\n').filter((l) => l.includes('"kind":"penalty"')).slice(0, 60).forEach((l, i) => {
    const c = JSON.parse(l);
    extra.push({ ...c, case_no: `测试罚〔2026〕${i}号`, procedure: i % 2 ? 'simple' : 'ordinary', closed_on: c.decided_on, extension_days: i % 3 ? 30 : undefined });
  });
  const file = path.join(dir, 'data.jsonl');
  fs.writeFileSync(file, gen.stdout + extra.map((r) => JSON.stringify(r)).join('\n') + '\n');
  assert.equal(run(['--db', db, 'import', file], { timeout: 120000 }).code, 0);
  assert.equal(run(['--db', db, 'sweep', '--as-of', '2026-03-20'], { timeout: 120000 }).code, 0);
  // orders and 评查 rows as their tables hold them (the upkeep is by trigger, whoever writes)
  const sql = [];
  agencies.forEach((a, i) => {
    sql.push(`INSERT INTO orders(kind, agency, region, status, issued_on, due_on, last_act_on, first_due_on, first_answered_on, late, body, created_by, created_at, updated_at)
      VALUES ('supervise', '${a}', '370200', '${i % 3 ? 'issued' : 'accepted'}', '2026-03-0${1 + (i % 5)}', '${i % 2 ? '2026-03-20' : '2099-01-01'}', '2026-03-01',
              '2026-03-20', ${i % 4 ? "'2026-03-1" + (i % 9) + "'" : 'NULL'}, 0, '{}', 't', '2026-03-01', '2026-03-01');`);
  });
  sql.push(`INSERT INTO review_plans(id, region, status, created_by, body) VALUES (1, '370200', 'published', 't', '{"published_on":"2026-02-15"}');`);
  agencies.slice(0, 6).forEach((a, i) => {
    sql.push(`INSERT INTO review_items(plan_id, case_no, agency, status, body) VALUES (1, 'r${i}a', '${a}', 'done', '{"total_cp":${7000 + i * 450}}'), (1, 'r${i}b', '${a}', '${i % 2 ? 'done' : 'scoring'}', '{"total_cp":${9050 - i * 100}}');`);
  });
  dbExec(db, sql.join('\n'));
  loadBase();
  const lead = addUser(db, { username: 'lead', role: 'leader', region: '370200' });
  const sup = addUser(db, { username: 'sup3', role: 'supervisor', region: '370203' });
  const hd = addUser(db, { username: 'head1', role: 'agency_head', agency: agencies[1] });
  const off = addUser(db, { username: 'off1', role: 'officer', agency: agencies[1] });
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  leader = await login(srv.base, lead.username, lead.password);
  county = await login(srv.base, sup.username, sup.password);
  head = await login(srv.base, hd.username, hd.password);
  officer = await login(srv.base, off.username, off.password);
  data.headAgency = agencies[1];
});

after(async () => { await srv?.stop(); });

const ok = async (c, p) => { const r = await c.get(p); assert.equal(r.status, 200, `${p}: ${JSON.stringify(r.body)}`); return r.body; };

test('summary: the range\'s cases, decisions, closings and fines, open findings, overdue orders, agencies and 零执法 of the leader\'s region', async () => {
  const s = await ok(leader, `/stats/summary?from=${FROM}&to=${TO}`);
  const rows = [...perAgency(inRegion('3702'), FROM, TO).values()];
  const sum = (k) => rows.reduce((n, r) => n + r[k], 0);
  assert.deepEqual(
    { cases: s.cases, decided: s.decided, closed: s.closed, fines_fen: s.fines_fen, findings_open: s.findings_open, orders_overdue: s.orders_overdue, agencies: s.agencies, zero_enforcement: s.zero_enforcement },
    { cases: sum('filed'), decided: sum('decided'), closed: sum('closed'), fines_fen: sum('fines_fen'), findings_open: sum('findings_open'),
      orders_overdue: sum('orders_overdue'), agencies: rows.length, zero_enforcement: zeroAgencies(inRegion('3702'), 12, TO).length });
  assert.ok(s.cases > 100 && s.closed > 0 && s.findings_open > 0 && s.orders_overdue > 0, 'the fixture gives every figure something to count');
});

test('trend: one item per month of the range, zero months included', async () => {
  const t = await ok(leader, `/stats/trend?from=${FROM}&to=${TO}`);
  const expected = [];
  for (let m = FROM; m <= TO; m = addMonths(m, 1)) {
    const rows = [...perAgency(inRegion('3702'), m, m).values()];
    const sum = (k) => rows.reduce((n, r) => n + r[k], 0);
    expected.push({ month: m, filed: sum('filed'), decided: sum('decided'), closed: sum('closed'), fines_fen: sum('fines_fen') });
  }
  assert.deepEqual(t.items, expected);
});

test('by-agency: each agency of the scope with its figures and the mean 评查 score', async () => {
  const b = await ok(leader, `/stats/by-agency?from=2026-01&to=${TO}`);
  const exp = perAgency(inRegion('3702'), '2026-01', TO);
  assert.equal(b.items.length, exp.size);
  for (const it of b.items) {
    const x = exp.get(it.agency);
    assert.ok(x, it.agency);
    assert.deepEqual({ name: it.name, region: it.region, filed: it.filed, decided: it.decided, fines_fen: it.fines_fen, findings_open: it.findings_open, orders_overdue: it.orders_overdue },
      { name: x.name, region: x.region, filed: x.filed, decided: x.decided, fines_fen: x.fines_fen, findings_open: x.findings_open, orders_overdue: x.orders_overdue });
    assert.equal(it.review_avg, x.rf ? Math.round(x.rcp / x.rf) / 100 : null, `${it.agency} review_avg`);
  }
  assert.ok(b.items.some((i) => i.review_avg !== null));
});

test('by-region: the divisions below the region, named, with alerts per 100 cases', async () => {
  const r = await ok(leader, `/stats/by-region?from=${FROM}&to=${TO}`);
  const groups = new Map();
  for (const x of perAgency(inRegion('3702'), FROM, TO).values()) {
    const g = groups.get(x.region) || { cases: 0, open: 0, fresh: 0 };
    g.cases += x.filed; g.open += x.findings_open; g.fresh += x.findings_new;
    groups.set(x.region, g);
  }
  assert.equal(r.items.length, groups.size);
  for (const it of r.items) {
    const g = groups.get(it.region);
    assert.ok(g, it.region);
    assert.equal(it.cases, g.cases);
    assert.equal(it.findings_open, g.open);
    assert.equal(it.alerts_per_100, g.cases ? Math.round((1000 * g.fresh) / g.cases) / 10 : null);
    assert.ok(hasChinese(it.name), it.name);
  }
  assert.equal(r.items.find((i) => i.region === '370203').name, '市北区');
});

test('by-sector and by-rule: sums by the agency\'s sector and by rule and severity, with names', async () => {
  const s = await ok(leader, `/stats/by-sector?from=${FROM}&to=${TO}`);
  const sectors = new Map();
  for (const x of perAgency(inRegion('3702'), FROM, TO).values()) {
    const g = sectors.get(x.sector) || { cases: 0, fines_fen: 0 };
    g.cases += x.filed; g.fines_fen += x.fines_fen; sectors.set(x.sector, g);
  }
  assert.deepEqual(new Map(s.items.map((i) => [i.sector, { cases: i.cases, fines_fen: i.fines_fen }])), sectors);
  assert.equal(s.items.find((i) => i.sector === 'market_regulation').name, '市场监管');

  const r = await ok(leader, `/stats/by-rule?from=${FROM}&to=${TO}`);
  const rules = new Map();
  for (const f of data.findings) {
    if (!data.agencies.some((a) => a.code === f.agency)) continue;
    const k = `${f.rule}/${f.severity}`;
    const g = rules.get(k) || { open: 0, new: 0 };
    if (f.resolved_at === null) g.open++;
    if (inRange(month(f.first_seen), FROM, TO)) g.new++;
    rules.set(k, g);
  }
  assert.deepEqual(new Map(r.items.map((i) => [`${i.rule}/${i.severity}`, { open: i.open, new: i.new }])), rules);
  for (const i of r.items) assert.ok(hasChinese(i.name) && hasChinese(i.severity_name), i.rule);
});

test('zero-enforcement: penalty-power holders with no penalty decided in the N months (E02\'s test by month)', async () => {
  for (const months of [3, 12]) {
    const z = await ok(leader, `/stats/zero-enforcement?months=${months}&to=${TO}`);
    const exp = zeroAgencies(inRegion('3702'), months, TO);
    assert.deepEqual(z.items.map((i) => ({ agency: i.agency, powers: i.powers })).sort((a, b) => a.agency.localeCompare(b.agency)),
      exp.sort((a, b) => a.agency.localeCompare(b.agency)));
    const lone = z.items.find((i) => i.agency === LONE);
    assert.ok(lone && lone.name === '零执法测试局' && lone.last_decided_on === null);
    for (const i of z.items.filter((i) => i.agency !== LONE)) {
      const last = data.cases.filter((c) => c.agency === i.agency && c.kind === 'penalty' && c.body.decision?.outcome === 'penalty' && c.body.decided_on && month(c.body.decided_on) <= TO)
        .map((c) => c.body.decided_on).sort().pop() ?? null;
      assert.equal(i.last_decided_on, last, i.agency);
    }
  }
});

test('reporting: each agency\'s report of the month on time, late or missing, against report_due_day', async () => {
  const r = await ok(leader, '/stats/reporting?month=2026-04');
  const due = `2026-05-${String(dbQuery(db, "SELECT value FROM settings WHERE name = 'report_due_day'")).padStart(2, '0')}`;
  for (const it of r.items) {
    const rep = data.reports.find((x) => x.agency === it.agency && x.month === '2026-04');
    const status = !rep ? 'missing' : rep.submitted_on && rep.submitted_on > due ? 'late' : 'on_time';
    assert.equal(it.status, status, it.agency);
    assert.ok(hasChinese(it.status_name));
  }
  assert.deepEqual(new Set(r.items.map((i) => i.status)), new Set(['on_time', 'late', 'missing']));
});

// The ranking as docs/analytics.md defines it, from the weights the setting holds.
function expectedRanking(m) {
  const weights = JSON.parse(dbQuery(db, "SELECT value FROM settings WHERE name = 'ranking_weights'"));
  const score = (mm) => {
    const cur = perAgency(inRegion('3702'), mm, mm), rev = perAgency(inRegion('3702'), addMonths(mm, -11), mm);
    const units = [...cur.values()].map((x) => {
      const r = rev.get(x.code);
      const v = {
        alerts_per_100: x.filed ? (100 * x.findings_new) / x.filed : null,
        decided_in_limit: x.od ? (100 * x.lim) / x.od : null,
        orders_on_time: x.issued ? (100 * x.on_time) / x.issued : null,
        review_avg: r.rf ? r.rcp / r.rf / 100 : null,
        publicity_on_time: x.od ? (100 * Math.max(0, x.od - x.p10)) / x.od : null,
      };
      return { code: x.code, v };
    });
    for (const w of weights) {
      const vals = units.map((u) => u.v[w.indicator]).filter((v) => v !== null);
      const lo = Math.min(...vals), hi = Math.max(...vals);
      for (const u of units) {
        const v = u.v[w.indicator];
        if (v === null) continue;
        let s = hi > lo ? (100 * (v - lo)) / (hi - lo) : 100;
        if (w.better === 'lower' && hi > lo) s = 100 - s;
        (u.parts ??= {})[w.indicator] = s;
      }
    }
    for (const u of units) {
      let sum = 0, ws = 0;
      for (const w of weights) if (u.parts?.[w.indicator] !== undefined) { sum += w.weight * u.parts[w.indicator]; ws += w.weight; }
      u.score = ws ? sum / ws : null;
    }
    return units;
  };
  return { now: score(m), before: score(addMonths(m, -1)) };
}

test('rankings: order, scores and month-on-month change from the weights of ranking_weights', async () => {
  const m = '2026-03';
  const r = await ok(leader, `/stats/rankings?month=${m}`);
  const { now, before } = expectedRanking(m);
  const order = now.filter((u) => u.score !== null).sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
  assert.deepEqual(r.items.filter((i) => i.rank !== null).map((i) => i.code), order.map((u) => u.code));
  r.items.filter((i) => i.rank !== null).forEach((it, k) => {
    const u = order[k];
    assert.equal(it.rank, k + 1);
    assert.ok(Math.abs(it.score - u.score) < 0.006, `${it.code}: ${it.score} vs ${u.score}`);
    const b = before.find((x) => x.code === u.code);
    if (b.score === null) assert.equal(it.change, null);
    else assert.ok(Math.abs(it.change - (u.score - b.score)) < 0.011, `${it.code} change`);
    assert.ok(hasChinese(it.name));
    for (const [k2, part] of Object.entries(it.indicators)) {
      if (u.v[k2] === null) assert.equal(part.value, null);
      else assert.ok(Math.abs(part.value - u.v[k2]) < 0.006, `${it.code} ${k2}`);
    }
  });
  assert.ok(order.length >= 5 && new Set(order.map((u) => Math.round(u.score))).size > 2, 'the fixture ranks agencies apart');

  // the weights are data: a changed setting changes the order the same way
  const flipped = JSON.parse(dbQuery(db, "SELECT value FROM settings WHERE name = 'ranking_weights'")).map((w) => ({ ...w, weight: w.indicator === 'alerts_per_100' ? 100 : 1 }));
  const put = await leader.send('PUT', '/settings/ranking_weights', { value: JSON.stringify(flipped) });
  if (put.status === 200 || put.status === 403) {
    // the leader may not edit settings: write it as the administrator's page would store it
    if (put.status === 403) dbExec(db, `UPDATE settings SET value = '${JSON.stringify(flipped).replace(/'/g, "''")}' WHERE name = 'ranking_weights'`);
    const r2 = await ok(leader, `/stats/rankings?month=${m}`);
    const exp2 = expectedRanking(m).now.filter((u) => u.score !== null).sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
    assert.deepEqual(r2.items.filter((i) => i.rank !== null).map((i) => i.code), exp2.map((u) => u.code));
  }

  const byRegion = await ok(leader, `/stats/rankings?month=${m}&level=region`);
  assert.ok(byRegion.items.length > 1 && byRegion.items.every((i) => /^\d{6}$/.test(i.code) && hasChinese(i.name)));
});

test('screen: the 大屏 bundle equals the separate answers', async () => {
  const s = await ok(leader, '/stats/screen');
  for (const [key, p] of [['summary', '/stats/summary'], ['trend', '/stats/trend'], ['by_region', '/stats/by-region'], ['by_rule', '/stats/by-rule'], ['zero_enforcement', '/stats/zero-enforcement']]) {
    assert.deepEqual(s[key], await ok(leader, p), key);
  }
  assert.ok(Array.isArray(s.orders_overdue.items) && s.orders_overdue.items.length === s.summary.orders_overdue);
  assert.ok(Array.isArray(s.cert_expiries.items));
  assert.ok(Array.isArray(s.reporting.items));
});

test('scope: a county supervisor sees his county only and is refused another county; an agency head his agency; an officer nothing', async () => {
  const b = await ok(county, `/stats/by-agency?from=${FROM}&to=${TO}`);
  const mine = data.agencies.filter(inRegion('370203')).map((a) => a.code).sort();
  assert.deepEqual(b.items.map((i) => i.agency).sort(), mine);
  const s = await ok(county, `/stats/summary?from=${FROM}&to=${TO}`);
  assert.equal(s.cases, [...perAgency(inRegion('370203'), FROM, TO).values()].reduce((n, x) => n + x.filed, 0));
  for (const p of ['/stats/summary?region=370204', '/stats/by-region?region=370200', '/stats/rankings?region=370211']) {
    const r = await county.get(p);
    assert.equal(r.status, 403, p);
    assert.ok(hasChinese(r.body.error.message));
  }
  const own = await ok(county, '/stats/summary?region=370203');
  assert.equal(own.agencies, mine.length);

  const h = await ok(head, `/stats/by-agency?from=${FROM}&to=${TO}`);
  assert.deepEqual(h.items.map((i) => i.agency), [data.headAgency]);
  assert.equal((await officer.get('/stats/summary')).status, 403);
});

test('parameters are checked with Chinese messages', async () => {
  for (const p of ['/stats/summary?from=2026-13', '/stats/trend?to=2026-1', '/stats/trend?from=2026-05&to=2026-01',
    '/stats/trend?from=2000-01&to=2026-01', '/stats/zero-enforcement?months=0', '/stats/rankings?level=city',
    '/stats/reporting?month=abc', '/stats/by-region?region=37']) {
    const r = await leader.get(p);
    assert.equal(r.status, 400, p);
    assert.ok(hasChinese(r.body.error.message), p);
  }
});
