// The monthly 通报 (docs/analytics.md, bulletin part): GET /api/v1/bulletins/{month}.pdf|.xlsx|.json
// and `zhifa bulletin`. Every figure is checked against what the lists give for the same agency
// and month (cases, findings, orders, monthly reports — counted here from their items), against
// `zhifa check`, in the PDF's text (pdftotext: the summary sentence, every agency; pdffonts: every
// font embedded) and in the workbook (the totals are SUM formulas whose cached values are the sums).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { run, tmpDir, startServer, addUser, login, client } from './lib/zhifa.mjs';
import { zipPart } from './lib/xlsx.mjs';

let server, db, who, month, from, to, today;
const REGION = '370200';

const pad = (n) => String(n).padStart(2, '0');
const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();

before(async () => {
  db = path.join(tmpDir(), 'bulletin.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const users = {
    sup: addUser(db, { username: 'bu_sup', role: 'supervisor', region: REGION }),
    far: addUser(db, { username: 'bu_far', role: 'supervisor', region: '110000' }),
    officer: addUser(db, { username: 'bu_officer', role: 'officer', agency: '113702021588139920' }),
    aud: addUser(db, { username: 'bu_aud', role: 'auditor' }),
  };
  server = await startServer({ db });
  who = {};
  for (const [k, u] of Object.entries(users)) who[k] = await login(server.base, u.username, u.password);
  // the month before the server's today (the demo is dated relative to it)
  today = (await who.sup.get('/reports/monthly')).body.as_of;
  let [y, m] = today.split('-').map(Number);
  if (--m < 1) m = 12, y--;
  month = `${y}-${pad(m)}`, from = `${month}-01`, to = `${month}-${pad(lastDay(y, m))}`;
});
after(async () => { await server?.stop(); });

async function all(c, p) {
  const items = [];
  for (let page = 1; ; page++) {
    const r = await c.get(`${p}${p.includes('?') ? '&' : '?'}page=${page}&size=200`);
    assert.equal(r.status, 200, `${p}: ${JSON.stringify(r.body)}`);
    items.push(...r.body.items);
    if (!r.body.items.length || items.length >= r.body.total) return items;
  }
}
const inMonth = (d) => d != null && d >= from && d <= to;
const count = (xs, f) => xs.filter(f).length;

/** What the lists say of each agency of the region for the month, counted here. */
async function expectedFigures() {
  const agencies = await all(who.sup, `/agencies?region=${REGION}`);
  const cases = await all(who.sup, `/cases?region=${REGION}`);
  const findings = await all(who.sup, `/findings?region=${REGION}`);
  const orders = await all(who.sup, '/orders');
  const reports = (await who.sup.get(`/reports/monthly?month=${month}`)).body.items;
  const out = {};
  for (const a of agencies) {
    const mine = cases.filter((c) => c.agency === a.code);
    const decided = mine.filter((c) => inMonth(c.decided_on));
    const open = findings.filter((f) => f.agency === a.code && !f.resolved_at);
    const ords = orders.filter((o) => o.agency === a.code);
    out[a.code] = {
      name: a.name,
      filed: count(mine, (c) => inMonth(c.filed_on)),
      decided: decided.length,
      closed: count(mine, (c) => inMonth(c.closed_on)),
      fines_fen: decided.reduce((s, c) => s + Math.round((c.fine ?? 0) * 100), 0),
      violations: count(open, (f) => f.severity === 'violation'),
      warnings: count(open, (f) => f.severity === 'warning'),
      orders_issued: count(ords, (o) => inMonth(o.issued_on)),
      orders_overdue: count(ords, (o) => o.overdue),
      submitted: reports.find((r) => r.agency === a.code).submitted,
    };
  }
  return out;
}

const figures = async (query = `region=${REGION}`) => {
  const r = await who.sup.get(`/bulletins/${month}.json?${query}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
};

test('each agency\'s figures in the 通报 are what the lists give for the same agency and month', async () => {
  const want = await expectedFigures();
  const b = await figures();
  assert.deepEqual(b.agencies.map((a) => a.agency).sort(), Object.keys(want).sort());
  assert.ok(Object.values(want).some((w) => w.filed + w.decided > 0), 'the demo has cases in the month');
  assert.ok(Object.values(want).some((w) => w.violations > 0), 'and open findings');
  for (const a of b.agencies) {
    const w = want[a.agency];
    for (const k of ['filed', 'decided', 'closed', 'fines_fen', 'violations', 'warnings', 'orders_issued', 'orders_overdue'])
      assert.equal(a[k], w[k], `${w.name} ${k}`);
    assert.equal(a.name, w.name);
    assert.equal(['on_time', 'late'].includes(a.report), w.submitted, `${w.name} report`);
  }
  for (const k of ['filed', 'decided', 'fines_fen', 'violations', 'warnings'])
    assert.equal(b.totals[k], Object.values(want).reduce((s, w) => s + w[k], 0), `total ${k}`);
});

test('the open findings per agency and severity are what `zhifa check` finds as of today', async () => {
  const r = run(['--db', db, 'check', '--as-of', today]);
  assert.equal(r.code, 0, r.stderr);
  const found = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const b = await figures();
  for (const a of b.agencies) {
    assert.equal(a.violations, count(found, (f) => f.agency === a.agency && f.severity === 'violation'), `${a.name} violations`);
    assert.equal(a.warnings, count(found, (f) => f.agency === a.agency && f.severity === 'warning'), `${a.name} warnings`);
  }
});

/** The summary sentence, written here from the lists' figures (docs: "5月，全区共办理……同比……"). */
function expectedSummary(b, want) {
  const sum = (k) => Object.values(want).reduce((s, w) => s + w[k], 0);
  const change = (word, now, before) => {
    if (!before) return '';
    if (now === before) return `${word}持平`;
    const tenths = Math.floor((Math.abs(now - before) * 1000 + Math.floor(before / 2)) / before);
    return `${word}${now > before ? '增长' : '下降'} ${Math.floor(tenths / 10)}.${tenths % 10}%`;
  };
  const vs = (word, then, now, before) => (before ? `，${change(word, now, before)}（${then} ${before} 件）` : `（${then}无立案）`);
  const fen = sum('fines_fen');
  const yuan = `${Math.floor(fen / 100).toLocaleString('en-US')}.${pad(fen % 100)}`;
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月，青岛市共立案行政执法案件 ${sum('filed')} 件${vs('同比', '上年同期', sum('filed'), b.last_year.filed)}` +
    `${vs('环比', '上月', sum('filed'), b.prev.filed)}；作出处理决定 ${sum('decided')} 件，罚款 ${yuan} 元。` +
    `截至通报时，未消除预警 ${sum('violations') + sum('warnings')} 条，其中红色预警 ${sum('violations')} 条、黄色预警 ${sum('warnings')} 条；` +
    `本月下发督办问诊文书 ${sum('orders_issued')} 件，逾期未整改 ${sum('orders_overdue')} 件。`;
}

test('the month before and the year before are the cases filed then, from the list', async () => {
  const cases = await all(who.sup, `/cases?region=${REGION}`);
  const b = await figures();
  const [y, m] = month.split('-').map(Number);
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
  assert.equal(b.prev.filed, count(cases, (c) => c.filed_on?.startsWith(prev)));
  assert.equal(b.last_year.filed, count(cases, (c) => c.filed_on?.startsWith(`${y - 1}-${pad(m)}`)));
  assert.equal(b.trend.length, 13);
  assert.equal(b.trend.at(-1).filed, b.totals.filed);
});

const download = async (c, p) => {
  const r = await c.raw(`/api/v1/bulletins/${p}`);
  assert.equal(r.status, 200, p);
  assert.match(r.headers.get('content-disposition'), /attachment; filename="bulletin-/);
  return Buffer.from(await r.arrayBuffer());
};
const squeeze = (s) => s.replace(/\s+/g, '');

test('the PDF holds the summary sentence, every agency, in embedded TrueType fonts only', async () => {
  const want = await expectedFigures();
  const b = await figures();
  const dir = tmpDir();
  const pdf = path.join(dir, 'b.pdf');
  fs.writeFileSync(pdf, await download(who.sup, `${month}.pdf?region=${REGION}`));
  const text = squeeze(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }));
  assert.ok(text.includes(squeeze(expectedSummary(b, want))), 'the summary sentence');
  for (const w of Object.values(want)) assert.ok(text.includes(squeeze(w.name)), w.name);
  assert.ok(text.includes('突出问题') && text.includes(squeeze(b.problems[0].message)), 'the worst finding is named');
  const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  assert.ok(fonts.length > 0);
  for (const f of fonts) {
    assert.match(f, /TrueType/, f);
    assert.match(f, /\byes\s+yes\s+yes\b/, `embedded subset with a unicode map: ${f}`);
  }
  assert.ok(fonts.some((f) => /UMing/.test(f)) && fonts.some((f) => /WenQuanYi/.test(f)), 'the documents\' two faces');
});

const unxml = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
/** A sheet's cells by reference: { A1: { v, f } } (text as string, numbers as Number). */
function cells(buf, n) {
  const xml = zipPart(buf, `xl/worksheets/sheet${n}.xml`);
  const out = {};
  for (const [, ref, attrs, body] of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>(.*?)<\/c>/g)) {
    const f = body.match(/<f>(.*?)<\/f>/)?.[1];
    const v = body.match(/<v>(.*?)<\/v>/)?.[1];
    const t = body.match(/<t[^>]*>(.*?)<\/t>/)?.[1];
    out[ref] = { f: f && unxml(f), v: t !== undefined ? unxml(t) : v !== undefined ? Number(v) : undefined, attrs };
  }
  return out;
}

test('the workbook: per agency the same figures, and totals that are SUM formulas over the rows with the sums cached', async () => {
  const want = await expectedFigures();
  const buf = await download(who.sup, `${month}.xlsx?region=${REGION}`);
  const wb = zipPart(buf, 'xl/workbook.xml');
  for (const s of ['汇总', '分主体', '排名', '突出问题', '趋势']) assert.ok(wb.includes(`name="${s}"`), s);
  const c = cells(buf, 2);
  assert.equal(c.B2.v, '执法主体');
  const cols = { D: 'filed', E: 'decided', F: 'closed', H: 'violations', I: 'warnings', K: 'orders_issued', L: 'orders_overdue' };
  const n = Object.keys(want).length, first = 3, last = first + n - 1, total = last + 1;
  for (let r = first; r <= last; r++) {
    const w = Object.values(want).find((x) => x.name === c[`B${r}`].v);
    assert.ok(w, c[`B${r}`].v);
    for (const [col, k] of Object.entries(cols)) assert.equal(c[`${col}${r}`].v, w[k], `${w.name} ${k}`);
    assert.equal(c[`G${r}`].v, w.fines_fen / 100, `${w.name} fines`);
    assert.equal(c[`J${r}`].f, `H${r}+I${r}`);
  }
  assert.equal(c[`B${total}`].v, '合计');
  for (const col of [...Object.keys(cols), 'G', 'J']) {
    assert.equal(c[`${col}${total}`].f, `SUM(${col}${first}:${col}${last})`, col);
    let s = 0;
    for (let r = first; r <= last; r++) s += c[`${col}${r}`].v;
    assert.ok(Math.abs(c[`${col}${total}`].v - s) < 1e-9, `${col}: cached ${c[`${col}${total}`].v} = ${s}`);
  }
});

test('the ranking is GET /stats/rankings\' for the same month and region (ranking_weights), in its order in the PDF and the workbook', async () => {
  const r = await who.sup.get(`/stats/rankings?month=${month}&region=${REGION}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const b = await figures();
  const pick = (x, code) => ({ agency: code, name: x.name, rank: x.rank, score: x.score, change: x.change, rank_change: x.rank_change });
  assert.deepEqual(b.ranking.map((x) => pick(x, x.agency)), r.body.items.map((i) => pick(i, i.code)));
  assert.ok(r.body.items.length >= 2, 'the region\'s agencies are listed (ranked or not; on generated data below, ranked)');
  for (const a of b.agencies) assert.equal(a.rank, r.body.items.find((i) => i.code === a.agency).rank, a.name);
  assert.deepEqual(b.ranking_weights, r.body.weights);

  // the PDF's 四、排名 lists the agencies in that order, under a note naming every indicator
  const dir = tmpDir(), pdf = path.join(dir, 'r.pdf');
  fs.writeFileSync(pdf, await download(who.sup, `${month}.pdf?region=${REGION}`));
  const text = squeeze(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })); // rows as drawn
  const part = text.slice(text.indexOf('四、排名'), text.indexOf('五、突出问题'));
  for (const w of r.body.weights) assert.ok(part.includes(squeeze(w.name)), w.name);
  let at = 0;
  for (const i of r.body.items) {
    const k = part.indexOf(squeeze(i.name), at);
    assert.ok(k >= at, `${i.name} in ranking order`);
    at = k + squeeze(i.name).length;
  }
  // the workbook's 排名 sheet: title, note, headings, then one row per item in order
  const c = cells(await download(who.sup, `${month}.xlsx?region=${REGION}`), 3);
  assert.equal(c.A3.v, '排名');
  r.body.items.forEach((i, k) => {
    assert.equal(c[`B${4 + k}`].v, i.name);
    assert.equal(c[`A${4 + k}`].v, i.rank ?? '—', `${i.name} rank`);
    if (i.score !== null) assert.ok(Math.abs(c[`C${4 + k}`].v - i.score) < 0.006, `${i.name} score`);
  });
});

test('`zhifa bulletin` writes the same figures as the API, and the PDF and workbook it is asked for', async () => {
  const dir = tmpDir();
  const j = path.join(dir, 'b.json');
  const r = run(['--db', db, 'bulletin', '--month', month, '--region', REGION, '--as-of', today, '--out', j]);
  assert.equal(r.code, 0, r.stderr);
  const cli = JSON.parse(fs.readFileSync(j, 'utf8'));
  const api = await figures();
  assert.deepEqual(cli, api);
  for (const ext of ['pdf', 'xlsx']) {
    const out = path.join(dir, `b.${ext}`);
    assert.equal(run(['--db', db, 'bulletin', '--month', month, '--region', REGION, '--out', out]).code, 0);
    assert.ok(fs.statSync(out).size > 1000);
  }
  assert.equal(fs.readFileSync(path.join(dir, 'b.pdf')).subarray(0, 5).toString(), '%PDF-');
  assert.notEqual(run(['--db', db, 'bulletin', '--month', '2026-13', '--out', j]).code, 0);
  assert.notEqual(run(['--db', db, 'bulletin', '--month', month, '--out', path.join(dir, 'b.doc')]).code, 0);
});

test('scope: another region\'s supervisor may not ask for this one, an officer has no 通报, a bad month is a 400', async () => {
  assert.equal((await who.far.get(`/bulletins/${month}.json?region=${REGION}`)).status, 403);
  const own = await who.far.get(`/bulletins/${month}.json`);
  assert.equal(own.status, 200);
  assert.equal(own.body.agencies.length, 0);
  assert.equal((await who.officer.get(`/bulletins/${month}.json`)).status, 403);
  assert.equal((await client(server.base).get(`/bulletins/${month}.pdf`)).status, 401);
  assert.equal((await who.sup.get('/bulletins/2026-13.pdf')).status, 400);
  assert.equal((await who.sup.get(`/bulletins/${month}.doc`)).status, 404);
  assert.equal((await who.sup.get(`/bulletins/${month}.pdf?region=37`)).status, 400);
});

test('each download writes one audit entry', async () => {
  const n = async () => (await who.aud.get('/audit?action=bulletin_export&username=bu_sup&size=1')).body.total;
  const before = await n();
  await download(who.sup, `${month}.pdf?region=${REGION}`);
  assert.equal(await n(), before + 1);
});

test('on generated data (`zhifa gen`) the 通报 agrees with the lists\' totals for the same filters and with `zhifa check`', async () => {
  const gdb = path.join(tmpDir(), 'gen.db');
  assert.equal(run(['--db', gdb, 'init']).code, 0);
  const gen = run(['gen', '--agencies', '24', '--cases', '3000', '--seed', '7'], { timeout: 60000 });
  assert.equal(gen.code, 0);
  assert.equal(run(['--db', gdb, 'import', '-'], { input: gen.stdout, timeout: 60000 }).code, 0);
  const asOf = '2026-06-30', gmonth = '2026-03';
  assert.equal(run(['--db', gdb, 'sweep', '--as-of', asOf], { timeout: 60000 }).code, 0);
  const out = path.join(tmpDir(), 'g.json');
  const r = run(['--db', gdb, 'bulletin', '--month', gmonth, '--region', '370200', '--as-of', asOf, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const b = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.equal(b.agencies.length, 24);
  assert.ok(b.totals.filed > 50 && b.last_year.filed > 50, 'the month and the year before have cases');

  const found = run(['--db', gdb, 'check', '--as-of', asOf], { timeout: 60000 }).stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  for (const a of b.agencies) {
    assert.equal(a.violations, count(found, (f) => f.agency === a.agency && f.severity === 'violation'), `${a.name} violations`);
    assert.equal(a.warnings, count(found, (f) => f.agency === a.agency && f.severity === 'warning'), `${a.name} warnings`);
  }

  const u = addUser(gdb, { username: 'gen_sup', role: 'supervisor', region: '370200' });
  const s = await startServer({ db: gdb });
  try {
    const c = await login(s.base, u.username, u.password);
    const total = async (q) => (await c.get(`/cases?${q}&size=1`)).body.total;
    const [y, m] = gmonth.split('-').map(Number);
    const span = `${gmonth}-01`, end = `${gmonth}-${pad(lastDay(y, m))}`;
    for (const a of b.agencies.slice(0, 6)) {
      assert.equal(a.filed, await total(`agency=${a.agency}&filed_from=${span}&filed_to=${end}`), `${a.name} filed`);
      assert.equal(a.decided, await total(`agency=${a.agency}&decided_from=${span}&decided_to=${end}`), `${a.name} decided`);
      const fin = (await c.get(`/findings?agency=${a.agency}&severity=violation&size=1`)).body.total;
      assert.equal(a.violations, fin, `${a.name} open violations`);
    }
    assert.equal(b.totals.filed, await total(`region=370200&filed_from=${span}&filed_to=${end}`));
    // the ranking printed is the stats API's, with most agencies ranked apart
    const rk = (await c.get(`/stats/rankings?month=${gmonth}&region=370200`)).body;
    assert.deepEqual(b.ranking.map((x) => [x.agency, x.rank, x.score, x.change]), rk.items.map((i) => [i.code, i.rank, i.score, i.change]));
    assert.ok(rk.items.filter((i) => i.rank !== null).length >= 12 && new Set(rk.items.map((i) => i.score)).size > 5, 'ranked apart');
    assert.equal(b.last_year.filed, await total(`region=370200&filed_from=${y - 1}-${pad(m)}-01&filed_to=${y - 1}-${pad(m)}-${pad(lastDay(y - 1, m))}`));
  } finally {
    await s.stop();
  }
});

test('the 通报 says what the stats API says for the same month and region (GET /stats/by-agency)', async () => {
  const b = await figures();
  const r = await who.sup.get(`/stats/by-agency?region=${REGION}&from=${month}&to=${month}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const stats = Object.fromEntries(r.body.items.map((i) => [i.agency, i]));
  for (const a of b.agencies) {
    const s = stats[a.agency] ?? { filed: 0, decided: 0, fines_fen: 0, findings_open: 0, orders_overdue: 0 };
    assert.equal(a.filed, s.filed, `${a.name} filed`);
    assert.equal(a.decided, s.decided, `${a.name} decided`);
    assert.equal(a.fines_fen, s.fines_fen, `${a.name} fines`);
    assert.equal(a.alerts, s.findings_open, `${a.name} open findings`);
    assert.equal(a.orders_overdue, s.orders_overdue, `${a.name} overdue orders`);
  }
});
