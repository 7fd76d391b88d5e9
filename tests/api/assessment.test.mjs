// 法治督察考核 (issue 26, docs/assessment.md): the plan's weights and points (422 naming the part),
// fillings with evidence whose SM3 digests are in the ledger, reviewers' scores, computed indicators
// against the same figures fetched from the statistics and orders APIs, the ranking with ties
// (competition ranking, expected order written by hand), a low score turned into an order, and scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, dbQuery, dbExec, backend } from './lib/zhifa.mjs';
import { copyDb } from './lib/dbcopy.mjs';
import { uscc } from './lib/codes.mjs';
import { todayChina } from './lib/calendar.mjs';

const HD = uscc('11370211MB1000001'); // 黄岛区
const JM = uscc('11370282MB1000002'); // 即墨区
const LC = uscc('11370213MB1000003'); // 李沧区
const BJ = uscc('11110101MB2000004'); // 北京东城: outside 青岛
const agency = (code, name, region) => ({ type: 'agency', code, name, region, level: 'county', kind: 'department', sector: 'market_regulation' });
const TODAY = todayChina();
const YEAR = TODAY.slice(0, 4);
const MONTH = TODAY.slice(0, 7);
// Ordinary penalty cases: undecided ones filed in January (the sweep finds them past 处罚法 60's
// limit), decided ones in February, one of HD's overturned by 行政复议.
const kase = (no, ag, extra = {}) => ({
  type: 'case', case_no: no, agency: ag, kind: 'penalty', power: 'P-1', procedure: 'ordinary', filed_on: `${YEAR}-01-05`,
  party: { kind: 'org', name: '测试公司', id_no: uscc('91370200MA3C00001') }, officers: ['C-1', 'C-2'], ...extra,
});
const decided = (no, ag, extra = {}) => kase(no, ag, { decided_on: `${YEAR}-02-01`, decision: { outcome: 'penalty', measures: ['fine'], fine: 1000 }, ...extra });
const records = [agency(HD, '黄岛区测试局', '370211'), agency(JM, '即墨区测试局', '370282'), agency(LC, '李沧区测试局', '370213'),
  agency(BJ, '东城区测试局', '110101'),
  kase(`黄岛罚〔${YEAR}〕1号`, HD), kase(`黄岛罚〔${YEAR}〕2号`, HD), decided(`黄岛罚〔${YEAR}〕3号`, HD),
  decided(`黄岛罚〔${YEAR}〕4号`, HD, { revocation: { kind: 'revoked', by: 'review', on: `${YEAR}-02-20`, reason: '复议撤销' } }),
  decided(`即墨罚〔${YEAR}〕1号`, JM), decided(`即墨罚〔${YEAR}〕2号`, JM), kase(`即墨罚〔${YEAR}〕3号`, JM),
  decided(`李沧罚〔${YEAR}〕1号`, LC)];

let srv, db, who = {};
before(async () => {
  db = path.join(tmpDir(), 'assessment.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const r = run(['--db', db, 'import', '-'], { input: records.map((x) => JSON.stringify(x)).join('\n') + '\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(run(['--db', db, 'sweep']).code, 0);
  const users = {
    sup: { role: 'supervisor', region: '370200' }, sup2: { role: 'supervisor', region: '370200' },
    bj: { role: 'supervisor', region: '110000' }, leader: { role: 'leader', region: '370200' },
    hd: { role: 'officer', agency: HD }, jm: { role: 'agency_head', agency: JM }, lc: { role: 'officer', agency: LC },
  };
  const made = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, addUser(db, { username: `a_${k}`, ...u })]));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(made)) who[k] = await login(srv.base, u.username, u.password);
});
after(() => srv?.stop());

const PARTS = [{ key: 'system', name: '系统评测', weight: 50 }, { key: 'survey', name: '民意调查', weight: 30 },
  { key: 'onsite', name: '现场督察', weight: 20 }];
const INDICATORS = [
  { code: 'S1', name: '制度建设', part: 'system', points: 20, standard: '', source: 'manual' },
  { code: 'S1.1', name: '执法公示制度', parent: 'S1', part: 'system', points: 10, standard: '制度健全，按时公示', source: 'manual' },
  { code: 'S1.2', name: '法制审核制度', parent: 'S1', part: 'system', points: 10, standard: '重大决定全部法制审核', source: 'manual' },
  { code: 'S2', name: '执法质效', part: 'system', points: 30, standard: '', source: 'manual' },
  { code: 'S2.1', name: '每百件案件预警数', parent: 'S2', part: 'system', points: 10, standard: '', source: 'computed', metric: 'alerts_per_100' },
  { code: 'S2.2', name: '行政复议纠错率', parent: 'S2', part: 'system', points: 10, standard: '', source: 'computed', metric: 'reconsideration_correction' },
  { code: 'S2.3', name: '督办问诊按期反馈率', parent: 'S2', part: 'system', points: 10, standard: '', source: 'computed', metric: 'orders_on_time' },
  { code: 'V1', name: '群众满意度', part: 'survey', points: 30, standard: '问卷得分折算', source: 'manual' },
  { code: 'O1', name: '现场督察', part: 'onsite', points: 20, standard: '现场查证', source: 'manual' },
];
const plan = (extra = {}) => ({ year: YEAR, name: `${YEAR}年度法治政府建设督察考核`, units: [HD, JM, LC], parts: PARTS, indicators: INDICATORS, ...extra });

async function published(body = plan()) {
  const r = await who.sup.send('POST', '/assessment/plans', body);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const p = await who.sup.send('POST', `/assessment/plans/${r.body.id}/publish`);
  assert.equal(p.status, 200, JSON.stringify(p.body));
  return p.body;
}

test('weights must sum to 100 and each part\'s indicators to its weight: 422 naming the part', async () => {
  const w = await who.sup.send('POST', '/assessment/plans', plan({ parts: [PARTS[0], PARTS[1], { ...PARTS[2], weight: 25 }] }));
  assert.equal(w.status, 422);
  assert.equal(w.body.error.code, 'weights_sum');
  assert.match(w.body.error.message, /105/);
  const short = INDICATORS.map((x) => (x.code === 'V1' ? { ...x, points: 25 } : x));
  const p = await who.sup.send('POST', '/assessment/plans', plan({ indicators: short }));
  assert.equal(p.status, 422);
  assert.equal(p.body.error.code, 'points_sum');
  assert.equal(p.body.error.field, 'parts.survey');
  assert.match(p.body.error.message, /民意调查/);
  const kids = INDICATORS.map((x) => (x.code === 'S1.2' ? { ...x, points: 9 } : x));
  const k = await who.sup.send('POST', '/assessment/plans', plan({ indicators: kids.map((x) => (x.code === 'S1' ? { ...x, points: 19 } : x)) }));
  assert.equal(k.status, 422, 'S1 at 19 leaves the system part at 49');
  assert.equal(k.body.error.field, 'parts.system');
  const deep = [...INDICATORS.filter((x) => x.code !== 'S1.2'), { code: 'S1.1.1', name: '三级', parent: 'S1.1', part: 'system', points: 10, standard: '', source: 'manual' },
    { code: 'S1.1.1.1', name: '四级', parent: 'S1.1.1', part: 'system', points: 10, standard: '', source: 'manual' }];
  const d = await who.sup.send('POST', '/assessment/plans', plan({ indicators: deep.map((x) => (x.code === 'S1' ? { ...x, points: 10 } : x)) }));
  assert.equal(d.status, 422, 'a fourth level');
  assert.equal((await who.bj.send('POST', '/assessment/plans', plan())).status, 422, 'units outside the owner\'s region');
  assert.equal((await who.hd.send('POST', '/assessment/plans', plan())).status, 403, 'a unit does not make plans');
  const ok = await who.sup.send('POST', '/assessment/plans', plan());
  assert.equal(ok.status, 201);
  assert.equal(ok.body.status, 'draft');
  assert.deepEqual(ok.body.units, [HD, JM, LC]);
});

test('a published plan is frozen; a correction is a new version that supersedes it; a copy is next year\'s draft', async () => {
  const p = await published();
  assert.equal((await who.sup.send('PUT', `/assessment/plans/${p.id}`, plan({ name: '改' }))).status, 409);
  const v2 = await who.sup.send('POST', `/assessment/plans/${p.id}/revise`);
  assert.equal(v2.status, 201);
  assert.equal(v2.body.version, 2);
  assert.equal(v2.body.previous_version, p.id);
  assert.equal((await who.sup.send('PUT', `/assessment/plans/${v2.body.id}`, plan({ name: '更正后的方案' }))).status, 200);
  assert.equal((await who.sup.send('POST', `/assessment/plans/${v2.body.id}/publish`)).status, 200);
  assert.equal((await who.sup.get(`/assessment/plans/${p.id}`)).body.status, 'superseded');
  const next = await who.sup.send('POST', `/assessment/plans/${v2.body.id}/copy`, { year: String(Number(YEAR) + 1) });
  assert.equal(next.status, 201);
  assert.equal(next.body.copied_from, v2.body.id);
  assert.equal(next.body.indicators.length, INDICATORS.length);
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
  '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const upload = (c, id, unit, body = PNG, name = '制度文件.png') =>
  c.raw(`/api/v1/assessment/plans/${id}/files?unit=${unit}&name=${encodeURIComponent(name)}`, {
    method: 'POST', body, headers: { 'Content-Type': 'image/png', 'X-CSRF-Token': c.csrf },
  });

test('a unit fills with evidence; the digests are in the ledger; only the unit fills, a reviewer accepts and scores', async () => {
  const p = await published();
  assert.equal((await upload(who.jm, p.id, HD)).status, 403, 'another unit\'s user');
  const f = await upload(who.hd, p.id, HD);
  assert.equal(f.status, 201, await f.clone().text());
  const file = await f.json();
  assert.equal(file.sm3, crypto.createHash('sm3').update(PNG).digest('hex'));
  const fill = (c, unit, code, body) => c.send('PUT', `/assessment/plans/${p.id}/fillings/${unit}/${code}`, body);
  assert.equal((await fill(who.jm, HD, 'S1.1', { value: '已建立', evidence: [file.id] })).status, 403);
  assert.equal((await fill(who.sup, HD, 'S1.1', { value: '已建立' })).status, 403, 'the supervisor has no assessment.fill');
  assert.equal((await fill(who.hd, HD, 'S2.1', { value: '1' })).status, 422, 'a computed indicator is not filled');
  const jmFile = await (await upload(who.jm, p.id, JM)).json();
  assert.equal((await fill(who.hd, HD, 'S1.1', { value: '已建立', evidence: [jmFile.id] })).status, 422, 'JM\'s file is not HD\'s evidence');
  const r = await fill(who.hd, HD, 'S1.1', { value: '已建立执法公示制度', note: '见附件', evidence: [file.id] });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.status, 'submitted');
  const events = dbQuery(db, `SELECT body FROM ledger_events WHERE type = 'assessment_filling.put' AND subject = 'assessment_filling:${r.body.id}' ORDER BY seq`)
    .split('\n').map((l) => JSON.parse(l));
  const data = events.at(-1).data ?? events.at(-1);
  assert.equal(JSON.stringify(data).includes(file.sm3), true, 'the evidence digest is in the filling\'s event');
  const added = dbQuery(db, `SELECT count(*) FROM ledger_events WHERE type = 'attachment.add' AND subject = 'assessment_plan:${p.id}' AND body LIKE '%${file.sm3}%'`);
  assert.ok(Number(added) >= 1, 'the file itself is registered');
  const review = (c, action, note) => c.send('POST', `/assessment/plans/${p.id}/fillings/${HD}/S1.1/review`, { action, note });
  assert.equal((await review(who.hd, 'accept')).status, 403);
  assert.equal((await review(who.sup, 'return')).status, 400, 'a return needs its reason');
  assert.equal((await review(who.sup, 'return', '佐证材料不完整')).body.status, 'returned');
  assert.equal((await fill(who.hd, HD, 'S1.1', { value: '已补充', evidence: [file.id] })).body.status, 'submitted');
  assert.equal((await review(who.sup, 'accept')).body.status, 'accepted');
  assert.equal((await fill(who.hd, HD, 'S1.1', { value: '再改' })).status, 409, 'an accepted filling is final');
  const score = (c, body) => c.send('POST', `/assessment/plans/${p.id}/scores`, body);
  const above = await score(who.sup, { unit: HD, indicator: 'S1.1', points: 11, reason: '' });
  assert.equal(above.status, 422);
  assert.equal(above.body.error.code, 'points_above');
  assert.equal((await score(who.sup, { unit: HD, indicator: 'S1.1', points: 8 })).status, 422, 'a deduction needs a reason');
  assert.equal((await score(who.hd, { unit: HD, indicator: 'S1.1', points: 10 })).status, 403);
  const s = await score(who.sup, { unit: HD, indicator: 'S1.1', points: 8, reason: '公示不及时扣 2 分' });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  const v = run(['--db', db, 'verify', '--json']);
  const problems = v.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((x) => x.kind?.startsWith('assessment_'));
  assert.deepEqual(problems, [], 'every filling and score equals its latest event');
  assert.equal((await who.sup.send('POST', `/assessment/plans/${p.id}/close`)).status, 200);
  assert.equal((await score(who.sup, { unit: HD, indicator: 'S1.1', points: 10 })).status, 409, 'locked once closed');
});

const round1 = (x) => Math.round(x * 10) / 10;
async function metricShare(key, value) {
  const s = (await who.sup.get('/settings')).body;
  const list = s.items ?? s;
  const metric = JSON.parse(list.find((x) => x.name === 'assessment_metrics').value).find((m) => m.key === key);
  for (const t of metric.thresholds) if (metric.better === 'lower' ? value <= t.max : value >= t.min) return t.share;
  return 0;
}

test('computed indicators equal the figures of the statistics and orders APIs, with their provenance; a unit may contest one', async () => {
  // one order to HD answered in time, one to JM left unanswered
  for (const [ag, answer] of [[HD, who.hd], [JM, null]]) {
    const o = await who.sup.send('POST', '/orders', { kind: 'supervise', agency: ag, problem: '考核测试督办', measures: '整改' });
    assert.equal(o.status, 201, JSON.stringify(o.body));
    assert.equal((await who.sup.send('POST', `/orders/${o.body.id}/actions`, { action: 'issue' })).status, 200);
    if (answer) {
      assert.equal((await answer.send('POST', `/orders/${o.body.id}/actions`, { action: 'receive' })).status, 200);
      assert.equal((await answer.send('POST', `/orders/${o.body.id}/actions`, { action: 'respond', note: '已整改' })).status, 200);
    }
  }
  const p = await published();
  const byAgency = (await who.sup.get(`/stats/by-agency?from=${YEAR}-01&to=${MONTH}`)).body.items;
  for (const unit of [HD, JM, LC]) {
    const d = await who.sup.get(`/assessment/plans/${p.id}/units/${unit}`);
    assert.equal(d.status, 200, JSON.stringify(d.body));
    const ind = (code) => d.body.indicators.find((x) => x.code === code).computed;
    const a = byAgency.find((x) => x.agency === unit);
    // alerts per 100 cases: findings first seen × 100 / cases filed (GET /stats/by-agency)
    const alerts = ind('S2.1');
    const expect = a && a.filed > 0 ? round1(a.findings_new * 100 / a.filed) : null;
    assert.equal(alerts.value, expect, `${unit} alerts_per_100`);
    if (expect !== null) assert.equal(alerts.points, 10 * await metricShare('alerts_per_100', expect));
    assert.match(alerts.provenance.link, new RegExp(unit));
    // reconsideration: overturned (what this test imported: one of HD's) / decided (the API's)
    const recon = ind('S2.2');
    const overturned = unit === HD ? 1 : 0;
    assert.equal(recon.value, a.decided > 0 ? round1(overturned * 100 / a.decided) : null, `${unit} reconsideration`);
    // orders answered on time / issued (GET /orders/stats)
    const os = (await who.sup.get(`/orders/stats?from=${YEAR}-01&to=${MONTH}&agency=${unit}`)).body.items;
    const issued = os.reduce((s, x) => s + x.issued, 0), onTime = os.reduce((s, x) => s + x.answered_on_time, 0);
    assert.equal(ind('S2.3').value, issued ? round1(onTime * 100 / issued) : null, `${unit} orders_on_time`);
    if (issued) assert.equal(ind('S2.3').points, 10 * await metricShare('orders_on_time', round1(onTime * 100 / issued)));
    // and by hand from what this test wrote: HD 2 decided, 1 overturned; HD answered its order, JM did not
    if (unit === HD) assert.deepEqual([recon.value, ind('S2.3').value, alerts.value !== null], [50, 100, true]);
    if (unit === JM) assert.deepEqual([recon.value, ind('S2.3').value], [0, 0]);
  }
  const c = await who.hd.send('POST', `/assessment/plans/${p.id}/contests`, { unit: HD, indicator: 'S2.1', reason: '两件案件已于次月作出决定，预警应消除' });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  assert.equal(c.body.status, 'contested');
  assert.equal((await who.hd.send('POST', `/assessment/plans/${p.id}/contests`, { unit: HD, indicator: 'S1.1', reason: 'x' })).status, 422);
  // a contested item takes a second reviewer
  const first = await who.sup.send('POST', `/assessment/plans/${p.id}/scores`, { unit: HD, indicator: 'S2.1', points: 6, reason: '维持系统计算' });
  assert.equal(first.status, 201);
  assert.equal((await who.sup.send('POST', `/assessment/plans/${p.id}/scores`, { unit: HD, indicator: 'S2.1', points: 6, reason: '维持' })).status, 409);
  const second = await who.sup2.send('POST', `/assessment/plans/${p.id}/scores`, { unit: HD, indicator: 'S2.1', points: 8, reason: '部分采纳异议' });
  assert.equal(second.status, 201);
  const after = await who.sup.get(`/assessment/plans/${p.id}/units/${HD}`);
  const s21 = after.body.indicators.find((x) => x.code === 'S2.1');
  assert.equal(s21.earned, 8);
  assert.equal(s21.earned_from, 'score');
});

test('the ranking: totals from the scores, ties share a rank (1, 1, 3), each unit sees only its own', async () => {
  const simple = { year: YEAR, name: '排名测试', units: [HD, JM, LC], parts: [{ key: 'a', name: '系统评测', weight: 60 }, { key: 'b', name: '民意调查', weight: 40 }],
    indicators: [{ code: 'A1', name: '甲', part: 'a', points: 60, standard: '', source: 'manual' }, { code: 'B1', name: '乙', part: 'b', points: 40, standard: '', source: 'manual' }] };
  const p = await published(simple);
  const given = { [HD]: [50, 30], [JM]: [45, 35], [LC]: [60, 29.5] };
  for (const [unit, [a, b]] of Object.entries(given)) {
    for (const [code, pts, max] of [['A1', a, 60], ['B1', b, 40]]) {
      const r = await who.sup.send('POST', `/assessment/plans/${p.id}/scores`, { unit, indicator: code, points: pts, reason: pts < max ? '扣分' : '' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
  }
  // by hand: HD 80, JM 80, LC 89.5 → LC first; HD and JM share the second place
  const r = await who.sup.get(`/assessment/plans/${p.id}/ranking`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.items.map((x) => [x.unit, x.total, x.rank]), [[LC, 89.5, 1], ...[[HD, 80, 2], [JM, 80, 2]].sort((x, y) => (x[0] < y[0] ? -1 : 1))]);
  assert.deepEqual(r.body.items.find((x) => x.unit === LC).parts, { a: 60, b: 29.5 });
  // a third unit tied at the top: 1, 1, 3
  await who.sup.send('POST', `/assessment/plans/${p.id}/scores`, { unit: HD, indicator: 'B1', points: 39.5, reason: '扣 0.5 分' });
  const t = (await who.sup.get(`/assessment/plans/${p.id}/ranking`)).body.items;
  assert.deepEqual(t.map((x) => x.rank), [1, 1, 3]);
  assert.deepEqual(new Set(t.slice(0, 2).map((x) => x.unit)), new Set([HD, LC]));
  assert.equal(t[2].unit, JM);
  const mine = (await who.jm.get(`/assessment/plans/${p.id}/ranking`)).body.items;
  assert.deepEqual(mine.map((x) => [x.unit, x.rank]), [[JM, 3]], 'a unit sees its own rank only');
  assert.equal((await who.jm.get(`/assessment/plans/${p.id}/units/${HD}`)).status, 404, 'nor another unit\'s details');
  assert.equal((await who.jm.get(`/assessment/plans/${p.id}/units/${JM}`)).status, 200);
  assert.equal((await who.leader.get(`/assessment/plans/${p.id}/ranking`)).body.items.length, 3, 'the leader sees all');
  assert.equal((await who.bj.get(`/assessment/plans/${p.id}/ranking`)).status, 404, 'another region');
  const pdf = await who.sup.raw(`/api/v1/assessment/plans/${p.id}/report.pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
  assert.equal((await who.jm.raw(`/api/v1/assessment/plans/${p.id}/report.pdf`)).status, 404, 'the report is the owner\'s');
  const x = await who.sup.raw(`/api/v1/assessment/plans/${p.id}/ranking.xlsx`);
  assert.equal(x.status, 200);
  assert.equal(Buffer.from(await x.arrayBuffer()).subarray(0, 2).toString(), 'PK');
});

test('a low-scoring indicator and an overdue task become a 督办通知书 draft in one click', async () => {
  const p = await published();
  await who.sup.send('POST', `/assessment/plans/${p.id}/scores`, { unit: JM, indicator: 'O1', points: 18, reason: '扣 2 分' });
  const notLow = await who.sup.send('POST', `/assessment/plans/${p.id}/orders`, { unit: JM, indicator: 'O1' });
  assert.equal(notLow.status, 422, '18 of 20 is not low');
  await who.sup.send('POST', `/assessment/plans/${p.id}/scores`, { unit: JM, indicator: 'V1', points: 10, reason: '满意度低' });
  const o = await who.sup.send('POST', `/assessment/plans/${p.id}/orders`, { unit: JM, indicator: 'V1' });
  assert.equal(o.status, 201, JSON.stringify(o.body));
  assert.equal(o.body.agency, JM);
  assert.equal(o.body.status, 'draft');
  assert.match(o.body.problem, /群众满意度/);
  assert.equal((await who.hd.send('POST', `/assessment/plans/${p.id}/orders`, { unit: JM, indicator: 'V1' })).status, 403);
  const past = await who.sup.send('POST', `/assessment/plans/${p.id}/tasks`, { unit: HD, title: '完成行政执法公示平台建设', due_on: `${Number(YEAR) - 1}-06-30` });
  assert.equal(past.status, 201);
  assert.equal(past.body.colour, 'red');
  const future = await who.sup.send('POST', `/assessment/plans/${p.id}/tasks`, { unit: LC, title: '培训', due_on: `${Number(YEAR) + 1}-06-30` });
  assert.equal(future.body.colour, 'green');
  assert.equal((await who.sup.send('POST', `/assessment/plans/${p.id}/orders`, { task: future.body.id })).status, 422);
  const t = await who.sup.send('POST', `/assessment/plans/${p.id}/orders`, { task: past.body.id });
  assert.equal(t.status, 201, JSON.stringify(t.body));
  assert.equal(t.body.agency, HD);
  assert.equal((await who.hd.get(`/assessment/plans/${p.id}/tasks`)).body.items.length, 1, 'a unit sees its own tasks');
  const pr = await who.hd.send('POST', `/assessment/tasks/${past.body.id}/progress`, { note: '已上线', done: true });
  assert.equal(pr.status, 200);
  assert.equal(pr.body.colour, 'none');
  assert.equal((await who.lc.send('POST', `/assessment/tasks/${past.body.id}/progress`, { note: 'x' })).status, 404);
});

// ---- 民意调查 on the portal: the complaints' abuse limits ----
const zeroBits = (buf) => {
  let n = 0;
  for (const byte of buf) {
    if (byte === 0) { n += 8; continue; }
    return n + Math.clz32(byte) - 24;
  }
  return n;
};
const solve = ({ prefix, bits }) => {
  for (let i = 0; ; i++) if (zeroBits(crypto.createHash('sha256').update(prefix + i.toString(36)).digest()) >= bits) return i.toString(36);
};
function from(addr) {
  const call = async (method, p, body) => {
    const r = await fetch(`${srv.base}/api/v1${p}`, {
      method, headers: { 'X-Forwarded-For': addr, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let json;
    try { json = JSON.parse(text); } catch { json = text; }
    return { status: r.status, body: json };
  };
  return { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b) };
}
async function answer(c, planId, unit, answers, ch) {
  ch = ch ?? (await c.get('/public/challenge')).body;
  return { ch, r: await c.post(`/public/surveys/${planId}/answers`, { unit, answers, challenge: { id: ch.id, nonce: solve(ch) } }) };
}

test('the survey on the portal: proof-of-work, one answer per challenge, the per-address limit; scores per unit', async () => {
  const p = await published(plan({ survey: { indicator: 'V1', questions: ['执法人员是否文明执法？', '办事是否方便？'] } }));
  const list = (await from('10.9.0.1').get('/public/surveys')).body.items;
  const s = list.find((x) => x.id === p.id);
  assert.deepEqual(s.questions, ['执法人员是否文明执法？', '办事是否方便？']);
  assert.deepEqual(s.units.map((u) => u.code), [HD, JM, LC]);
  const c = from('10.9.0.2');
  const first = await answer(c, p.id, HD, [5, 4]);
  assert.equal(first.r.status, 201, JSON.stringify(first.r.body));
  const replay = await c.post(`/public/surveys/${p.id}/answers`, { unit: HD, answers: [1, 1], challenge: { id: first.ch.id, nonce: solve(first.ch) } });
  assert.equal(replay.status, 422, 'one answer per challenge');
  assert.equal(replay.body.error.code, 'challenge_failed');
  const ch = (await c.get('/public/challenge')).body;
  let bad = 0;
  while (zeroBits(crypto.createHash('sha256').update(ch.prefix + bad.toString(36)).digest()) >= ch.bits) bad++;
  const wrong = await c.post(`/public/surveys/${p.id}/answers`, { unit: HD, answers: [1, 1], challenge: { id: ch.id, nonce: bad.toString(36) } });
  assert.equal(wrong.status, 422, 'an unsolved challenge');
  assert.equal((await answer(c, p.id, HD, [6, 1])).r.status, 400, 'marks are 1..5');
  // the limit counts every attempt that passed the form's checks: 3 so far (first, replay, wrong)
  const limit = Number(dbQuery(db, "SELECT value FROM settings WHERE name = 'portal_surveys_per_hour'"));
  assert.equal(limit, 5);
  assert.equal((await answer(c, p.id, HD, [3, 3])).r.status, 201);
  assert.equal((await answer(c, p.id, JM, [2, 2])).r.status, 201);
  const over = await answer(c, p.id, JM, [2, 2]);
  assert.equal(over.r.status, 429);
  assert.equal(over.r.body.error.code, 'rate_limited');
  assert.equal((await answer(from('10.9.0.3'), p.id, JM, [1, 2])).r.status, 201, 'another address is not held back');
  // by hand: HD marks 5,4,3,3 → mean 3.75 → 30 × 2.75/4 = 20.625 → 20.63; JM 2,2,1,2 → 1.75 → 30 × 0.75/4 = 5.625 → 5.63
  const t = (await who.sup.get(`/assessment/plans/${p.id}/survey`)).body.items;
  assert.deepEqual(t.map((x) => [x.unit, x.responses, x.mean, x.points]), [[HD, 2, 3.75, 20.63], [JM, 2, 1.75, 5.63], [LC, 0, null, 0]]);
  const mine = (await who.hd.get(`/assessment/plans/${p.id}/survey`)).body.items;
  assert.deepEqual(mine.map((x) => x.unit), [HD], 'a unit sees its own survey result');
  const hd = (await who.sup.get(`/assessment/plans/${p.id}/units/${HD}`)).body.indicators.find((x) => x.code === 'V1');
  assert.deepEqual([hd.earned, hd.earned_from], [20.63, 'survey']);
  // a third party's score replaces it, with its source recorded
  const third = await who.sup.send('POST', `/assessment/plans/${p.id}/scores`, { unit: HD, indicator: 'V1', points: 24, reason: '第三方测评结果', source: { kind: 'third_party', name: '某大学法治评估中心' } });
  assert.equal(third.status, 201, JSON.stringify(third.body));
  assert.deepEqual(third.body.source, { kind: 'third_party', name: '某大学法治评估中心' });
  assert.equal((await who.sup.send('POST', `/assessment/plans/${p.id}/scores`, { unit: HD, indicator: 'O1', points: 20, source: { kind: 'onsite' } })).status, 400, 'an on-site score names who checked');
});

test('reviewers by indicator group, and the filling deadline', async () => {
  const grouped = INDICATORS.map((x) => (x.code === 'S1' ? { ...x, reviewers: ['a_sup2'] } : x));
  const p = await published(plan({ indicators: grouped }));
  const f = await who.hd.send('PUT', `/assessment/plans/${p.id}/fillings/${HD}/S1.1`, { value: '已建立' });
  assert.equal(f.status, 200);
  const byOther = await who.sup.send('POST', `/assessment/plans/${p.id}/fillings/${HD}/S1.1/review`, { action: 'accept' });
  assert.equal(byOther.status, 403, 'S1\'s group names its reviewers');
  assert.equal((await who.sup.send('POST', `/assessment/plans/${p.id}/scores`, { unit: HD, indicator: 'S1.2', points: 10 })).status, 403);
  assert.equal((await who.sup2.send('POST', `/assessment/plans/${p.id}/fillings/${HD}/S1.1/review`, { action: 'accept' })).status, 200);
  assert.equal((await who.sup2.send('POST', `/assessment/plans/${p.id}/scores`, { unit: HD, indicator: 'S1.2', points: 10 })).status, 201);
  assert.equal((await who.sup.send('POST', `/assessment/plans/${p.id}/scores`, { unit: HD, indicator: 'O1', points: 20 })).status, 201, 'other groups: any reviewer');
  const bad = await who.sup.send('POST', '/assessment/plans', plan({ indicators: INDICATORS.map((x) => (x.code === 'S1.1' ? { ...x, reviewers: ['a_sup2'] } : x)) }));
  assert.equal(bad.status, 400, 'reviewers are named on a level-1 indicator');
  const closed = await published(plan({ fill_by: `${Number(YEAR) - 1}-12-31` }));
  const late = await who.hd.send('PUT', `/assessment/plans/${closed.id}/fillings/${HD}/S1.1`, { value: '已建立' });
  assert.equal(late.status, 409);
  assert.equal(late.body.error.code, 'fill_closed');
});

test('evidence cannot be swapped afterwards: zhifa verify names a filling whose digest was edited', () => {
  const copy = path.join(tmpDir(), 'tampered.db');
  copyDb(db, copy);
  const evidence = backend === 'pg' ? "jsonb_array_length(body::jsonb->'evidence')" : "json_array_length(body, '$.evidence')";
  const id = dbQuery(copy, `SELECT id FROM assessment_fillings WHERE ${evidence} > 0 ORDER BY id LIMIT 1`);
  assert.ok(Number(id) > 0);
  const clean = run(['--db', copy, 'verify', '--json']);
  assert.deepEqual(clean.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((x) => x.kind?.startsWith('assessment_')), []);
  const swapped = backend === 'pg'
    ? `jsonb_set(body::jsonb, '{evidence,0,sm3}', '"${'0'.repeat(64)}"')::text`
    : `json_set(body, '$.evidence[0].sm3', '${'0'.repeat(64)}')`;
  dbExec(copy, `UPDATE assessment_fillings SET body = ${swapped} WHERE id = ${id}`);
  const v = run(['--db', copy, 'verify', '--json']);
  assert.equal(v.code, 1);
  const lines = v.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((x) => x.kind?.startsWith('assessment_filling'));
  assert.ok(lines.length >= 1, v.stdout);
});

test('the day\'s reminders: a filling deadline within assessment_task_warn_days, a task past its node', async () => {
  const inDays = (n) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
  const p = await published(plan({ fill_by: inDays(3), name: '提醒测试方案' }));
  await who.sup.send('POST', `/assessment/plans/${p.id}/tasks`, { unit: LC, title: '提醒测试任务', due_on: inDays(-2) });
  assert.equal(run(['--db', db, 'sweep']).code, 0);
  const msgs = async (c) => (await c.get('/messages?size=200')).body.items.filter((m) => m.kind === 'assessment_due');
  const hd = await msgs(who.hd);
  assert.ok(hd.some((m) => m.title.includes('提醒测试方案') && m.title.includes(inDays(3)) && m.link === `/assessment/filling?plan=${p.id}`), JSON.stringify(hd));
  const lc = await msgs(who.lc);
  assert.ok(lc.some((m) => m.title.includes('提醒测试任务') && m.title.includes('已过')), JSON.stringify(lc));
  const again = hd.length;
  assert.equal(run(['--db', db, 'sweep']).code, 0);
  assert.equal((await msgs(who.hd)).length, again, 'once a day');
});
