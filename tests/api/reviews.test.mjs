// 案卷评查 (issue 16, docs/reviews.md): a whole plan from creation to results, 申辩 and an order.
// Expectations come from elsewhere than the server: the sample is re-drawn here from the documented
// algorithm (SplitMix64 per agency + partial Fisher–Yates over the population ordered by case_no),
// totals and grades are counted from data/review_standards/penalty_v1.json and the default bands
// of docs/reviews.md, and the 申辩 window by the independent working-day calendar (lib/calendar.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, dbQuery, dbExec, backend, repoRoot, hasChinese } from './lib/zhifa.mjs';
import { cnid, uscc } from './lib/codes.mjs';
import { addWd, todayChina } from './lib/calendar.mjs';

const SN = uscc('11370202MB3000001'); // 市南区 370202
const SB = uscc('11370203MB3000002'); // 市北区 370203
const HD = uscc('11370211MB3000003'); // 黄岛区 370211: no case in the period (零案卷)
const BJ = uscc('11110101MB3000004'); // 北京东城: outside the supervisor's region
const agencies = [
  { type: 'agency', code: SN, name: '市南区评查测试局', region: '370202', level: 'county', kind: 'department', sector: 'market_regulation' },
  { type: 'agency', code: SB, name: '市北区评查测试局', region: '370203', level: 'county', kind: 'department', sector: 'transport' },
  { type: 'agency', code: HD, name: '黄岛区评查测试局', region: '370211', level: 'county', kind: 'department', sector: 'transport' },
  { type: 'agency', code: BJ, name: '东城区评查测试局', region: '110101', level: 'county', kind: 'department', sector: 'transport' },
];
let n = 0;
const penalty = (no, agency, filed_on, kind = 'penalty') => ({
  type: 'case', case_no: no, agency, kind, power: 'P-1', procedure: 'ordinary', filed_on,
  party: { kind: 'person', name: `当事人${++n}`, id_no: cnid(`37020219800101${String(n).padStart(3, '0')}`) }, officers: ['C-1', 'C-2'],
});
const cases = [
  ...Array.from({ length: 12 }, (_, i) => penalty(`南评罚〔2026〕${i + 1}号`, SN, `2026-0${2 + (i % 4)}-1${i % 10}`)),
  penalty('南评罚〔2025〕1号', SN, '2025-11-03'), // before the period
  penalty('南评罚〔2026〕99号', SN, '2026-08-03'), // after it
  penalty('南评许〔2026〕1号', SN, '2026-03-03', 'license'), // another kind
  ...Array.from({ length: 3 }, (_, i) => penalty(`北评罚〔2026〕${i + 1}号`, SB, `2026-04-0${i + 1}`)),
];

const standard = JSON.parse(fs.readFileSync(path.join(repoRoot, 'data/review_standards/penalty_v1.json'), 'utf8'));
// docs/reviews.md: the default review_grade_bands
const BANDS = [['excellent', '优秀', 90], ['good', '良好', 80], ['pass', '合格', 60], ['fail', '不合格', 0]];
const grade = (total, veto) => (veto ? BANDS[3] : BANDS.find(([, , min]) => total >= min));

// ---- the documented draw, written again here ----
const M = (1n << 64n) - 1n;
function splitmix(st) {
  st.s = (st.s + 0x9E3779B97F4A7C15n) & M;
  let z = st.s;
  z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & M;
  z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & M;
  return z ^ (z >> 31n);
}
function stratumState(seed, agency) {
  let h = 0xCBF29CE484222325n;
  for (const b of Buffer.from(agency, 'utf8')) h = ((h ^ BigInt(b)) * 0x100000001B3n) & M;
  return splitmix({ s: (BigInt(seed) ^ h) & M });
}
function draw(seed, agency, population, count) {
  const pop = [...population].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))); // SQLite's BINARY order
  const st = { s: stratumState(seed, agency) };
  const order = pop.map((_, i) => i);
  for (let i = 0; i < Math.min(count, pop.length); i++) {
    const bound = BigInt(pop.length - i), threshold = ((1n << 64n) - bound) % bound;
    let r;
    do r = splitmix(st); while (r < threshold);
    const j = i + Number(r % bound);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, Math.min(count, pop.length)).map((k) => pop[k]);
}
const inPeriod = (agency) => cases.filter((c) => c.agency === agency && c.kind === 'penalty' && c.filed_on >= '2026-01-01' &&
  c.filed_on <= '2026-06-30').map((c) => c.case_no);

let srv, db, who = {};
before(async () => {
  db = path.join(tmpDir(), 'reviews.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const r = run(['--db', db, 'import', '-'], { input: [...agencies, ...cases].map((x) => JSON.stringify(x)).join('\n') + '\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(run(['--db', db, 'sweep']).code, 0);
  const users = {
    sup: { role: 'supervisor', region: '370200' }, bj: { role: 'supervisor', region: '110000' },
    excity: { role: 'review_expert', region: '370200' }, exsn: { role: 'review_expert', region: '370202' },
    lawsn: { role: 'lawyer', agency: SN }, headsn: { role: 'agency_head', agency: SN }, headsb: { role: 'agency_head', agency: SB },
    offsn: { role: 'officer', agency: SN }, leader: { role: 'leader', region: '370200' },
  };
  const made = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, addUser(db, { username: `rv_${k}`, ...u })]));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(made)) who[k] = await login(srv.base, u.username, u.password);
});
after(() => srv?.stop());

const planBody = (extra = {}) => ({
  name: '2026年上半年行政处罚案卷评查', period_from: '2026-01-01', period_to: '2026-06-30', kinds: ['penalty'],
  agencies: [SN, SB, HD], per_agency: 5, standard: 'penalty_v1', seed: 20260101,
  reviewers: ['rv_sup', 'rv_excity', 'rv_lawsn', 'rv_exsn'], deadline: '2026-12-31', ...extra,
});
async function newPlan(extra) {
  const r = await who.sup.send('POST', '/reviews/plans', planBody(extra));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.status, 'draft');
  return r.body;
}

test('the standards are the shipped data, with 一票否决 items and rules', async () => {
  const list = (await who.sup.get('/reviews/standards')).body.items.map((s) => s.code).sort();
  assert.deepEqual(list, ['inspection_v1', 'license_v1', 'penalty_v1']);
  const s = (await who.sup.get('/reviews/standards/penalty_v1')).body;
  assert.equal(s.total, 100);
  assert.deepEqual(s.items.map((i) => i.name), ['执法主体与人员资格', '事实认定', '证据', '程序', '法律适用', '裁量', '文书制作', '立卷归档']);
  assert.equal(s.items.reduce((a, i) => a + i.points, 0), 100);
  const veto = s.items.flatMap((i) => i.subitems).filter((x) => x.veto).map((x) => x.code);
  assert.deepEqual(veto, ['subject.1', 'procedure.3']);
  assert.ok(s.items.flatMap((i) => i.subitems).find((x) => x.rules.includes('P09')).code.startsWith('procedure.'));
});

test('a supervisor copies a standard and edits the copy, never the shipped one nor one a plan uses', async () => {
  const c = await who.sup.send('POST', '/reviews/standards', { from: 'penalty_v1', code: 'penalty_qd', name: '青岛市行政处罚案卷评查标准' });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  assert.deepEqual([c.body.code, c.body.name, c.body.shipped, c.body.copied_from], ['penalty_qd', '青岛市行政处罚案卷评查标准', false, 'penalty_v1']);
  assert.equal((await who.sup.send('POST', '/reviews/standards', { from: 'penalty_v1', code: 'penalty_qd', name: '再次' })).status, 409);
  assert.equal((await who.sup.send('PUT', '/reviews/standards/penalty_v1', standard)).status, 409, 'shipped');
  const edited = structuredClone(c.body);
  edited.items[7].points = 3; // 立卷归档 5 → 3 without its sub-items: the sums no longer hold
  const bad = await who.sup.send('PUT', '/reviews/standards/penalty_qd', edited);
  assert.equal(bad.status, 400);
  assert.ok(hasChinese(bad.body.error.message));
  const ok = structuredClone(c.body);
  ok.items[3].subitems[4].deductions[1].text = '处罚决定书未在七日内送达当事人（本地标准）';
  const put = await who.sup.send('PUT', '/reviews/standards/penalty_qd', ok);
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal((await who.sup.get('/reviews/standards/penalty_qd')).body.items[3].subitems[4].deductions[1].text, '处罚决定书未在七日内送达当事人（本地标准）');
  assert.equal((await who.offsn.send('PUT', '/reviews/standards/penalty_qd', ok)).status, 403);
  const p = await who.sup.send('POST', '/reviews/plans', { name: '本地标准试评', period_from: '2026-01-01', period_to: '2026-06-30',
    kinds: ['penalty'], agencies: [SB], per_agency: 1, standard: 'penalty_qd' });
  assert.equal(p.status, 201);
  assert.equal((await who.sup.send('PUT', '/reviews/standards/penalty_qd', ok)).body.error.code, 'standard_in_use');
});

test('creation is checked: names, dates, kinds, sizes, standard, reviewers, agencies in scope', async () => {
  const bad = [
    [{ name: '' }, 'name'], [{ period_to: '2025-12-31' }, 'period_to'], [{ kinds: ['magic'] }, 'kinds'],
    [{ per_agency: 0 }, 'per_agency'], [{ per_agency: '120%' }, 'per_agency'], [{ standard: 'nope' }, 'standard'],
    [{ reviewers: ['rv_offsn'] }, 'reviewers'], [{ reviewers: ['rv_sup', 'rv_sup'] }, 'reviewers'], [{ agencies: [BJ] }, 'agencies'],
    [{ seed: -1 }, 'seed'],
  ];
  for (const [extra, field] of bad) {
    const r = await who.sup.send('POST', '/reviews/plans', planBody(extra));
    assert.equal(r.status, 400, JSON.stringify(extra));
    assert.equal(r.body.error.field, field);
    assert.ok(hasChinese(r.body.error.message));
  }
  const bj = await who.bj.send('POST', '/reviews/plans', planBody());
  assert.deepEqual([bj.status, bj.body.error.field], [400, 'agencies'], '北京\'s supervisor cannot name 青岛\'s agencies');
});

let plan, sample;
test('sampling: stratified, the documented draw, reproducible, 零案卷 listed, CLI re-draws the same', async () => {
  plan = await newPlan();
  const preview = await who.sup.get(`/reviews/plans/${plan.id}/sample/preview`);
  assert.equal(preview.status, 200);
  const again = await who.sup.get(`/reviews/plans/${plan.id}/sample/preview`);
  assert.deepEqual(again.body.items, preview.body.items, 'same seed, same data → same list');
  const r = await who.sup.send('POST', `/reviews/plans/${plan.id}/sample`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  sample = r.body.items;
  assert.deepEqual(sample, preview.body.items);
  const expected = [...draw(20260101, SN, inPeriod(SN), 5), ...draw(20260101, SB, inPeriod(SB), 5)];
  assert.deepEqual(sample.map((i) => i.case_no), expected, 'SN 5 of 12 by the documented draw; SB has 3 < 5: all of them');
  assert.deepEqual(sample.map((i) => i.agency), [...Array(5).fill(SN), ...Array(3).fill(SB)]);
  assert.deepEqual(r.body.empty_agencies.map((a) => a.code), [HD]);
  assert.ok(r.body.population.query.includes('FROM cases'));
  assert.deepEqual(r.body.population.strata.map((s) => s.population), [12, 3, 0]);
  const got = (await who.sup.get(`/reviews/plans/${plan.id}`)).body;
  assert.equal(got.status, 'sampled');
  assert.equal(got.seed, 20260101);
  assert.deepEqual(got.items.map((i) => i.case_no), expected);
  const cli = run(['--db', db, 'review', 'sample', '--plan', String(plan.id)]);
  assert.equal(cli.code, 0, cli.stderr);
  assert.deepEqual(cli.stdout.trim().split('\n'), sample.map((i) => `${i.case_no}\t${i.agency}`));
  // another seed: another draw (of C(12,5)·5! orders, the same one is a 1-in-95040 chance)
  const other = await newPlan({ seed: 7 });
  const o = (await who.sup.get(`/reviews/plans/${other.id}/sample/preview`)).body.items.filter((i) => i.agency === SN).map((i) => i.case_no);
  assert.deepEqual(o, draw(7, SN, inPeriod(SN), 5));
  assert.notDeepEqual(o, expected.slice(0, 5));
});

test('a percentage with a minimum; files reviewed this year left out when asked', async () => {
  const p = await newPlan({ per_agency: '50%', min_per_agency: 2, seed: 11 });
  const s = (await who.sup.get(`/reviews/plans/${p.id}/sample/preview`)).body;
  assert.deepEqual(s.population.strata.map((x) => x.drawn), [6, 2, 0]); // ceil(6), ceil(1.5); 黄岛 none
  const q = await newPlan({ exclude_reviewed_this_year: true, seed: 12 });
  const t = (await who.sup.get(`/reviews/plans/${q.id}/sample/preview`)).body;
  assert.deepEqual(t.population.strata.map((x) => x.population), [7, 0, 0], 'plan 1 sampled 5 of 市南 and all of 市北');
  assert.ok(t.items.every((i) => !sample.some((x) => x.case_no === i.case_no)));
});

test('"focus" as the only agency: the 重点督查对象 list of the period\'s year', async () => {
  const focus = (await who.sup.get('/focus-agencies?year=2026')).body.items.map((a) => a.agency).sort();
  const p = await who.sup.send('POST', '/reviews/plans', planBody({ agencies: ['focus'], seed: 9 }));
  assert.ok(focus.length > 0, 'the sweep\'s violations put 市南 and 市北 on it');
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.deepEqual(p.body.agency_codes, focus);
  assert.deepEqual(p.body.agencies, ['focus']);
});

test('a plan not yet assigned may be changed: back to draft, its draw dropped', async () => {
  const p = await newPlan({ seed: 3 });
  assert.equal((await who.sup.send('POST', `/reviews/plans/${p.id}/sample`)).status, 200);
  const u = await who.sup.send('PUT', `/reviews/plans/${p.id}`, planBody({ seed: 4, per_agency: 2, name: '改过的方案' }));
  assert.equal(u.status, 200, JSON.stringify(u.body));
  assert.deepEqual([u.body.status, u.body.name, u.body.seed, u.body.counts.items], ['draft', '改过的方案', 4, 0]);
  const s = await who.sup.send('POST', `/reviews/plans/${p.id}/sample`);
  assert.deepEqual(s.body.items.filter((i) => i.agency === SN).map((i) => i.case_no), draw(4, SN, inPeriod(SN), 2));
  assert.equal((await who.sup.send('PUT', `/reviews/plans/${p.id}`, planBody({ name: '' }))).status, 400);
  assert.equal((await who.bj.send('PUT', `/reviews/plans/${p.id}`, planBody())).status, 404, 'another region\'s plan');
});

test('cross-review impossible: a clear refusal naming the file', async () => {
  const p = await newPlan({ agencies: [SN], reviewers: ['rv_lawsn', 'rv_exsn', 'rv_excity'], seed: 5 });
  assert.equal((await who.sup.send('POST', `/reviews/plans/${p.id}/sample`)).status, 200);
  const r = await who.sup.send('POST', `/reviews/plans/${p.id}/assign`);
  assert.equal(r.status, 422);
  assert.equal(r.body.error.code, 'cross_review_impossible');
  const first = draw(5, SN, inPeriod(SN), 5)[0];
  assert.ok(r.body.error.message.includes(first), r.body.error.message);
  assert.equal((await who.sup.get(`/reviews/plans/${p.id}`)).body.counts.tasks, 0, 'nothing assigned');
});

let tasks = {}; // username → [task]
test('assignment: two distinct reviewers per file, never of the file\'s agency or, for county reviewers, its county', async () => {
  const r = await who.sup.send('POST', `/reviews/plans/${plan.id}/assign`, {});
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.tasks, 16);
  for (const k of ['sup', 'excity', 'lawsn', 'exsn']) {
    const l = await who[k].get('/reviews/tasks?size=100');
    assert.equal(l.status, 200);
    tasks[`rv_${k}`] = l.body.items;
  }
  const byFile = new Map();
  for (const [u, ts] of Object.entries(tasks)) for (const t of ts) byFile.set(t.case_no, [...(byFile.get(t.case_no) ?? []), u]);
  assert.equal(byFile.size, 8);
  for (const s of sample) {
    const rs = byFile.get(s.case_no);
    assert.equal(new Set(rs).size, 2, s.case_no);
    if (s.agency === SN) assert.deepEqual(rs.sort(), ['rv_excity', 'rv_sup'], 'the lawyer is of 市南, the expert of its county');
  }
  assert.equal((await who.sup.send('POST', `/reviews/plans/${plan.id}/assign`, {})).status, 409, 'once');
  // 消息中心 (docs/messages.md): each reviewer with tasks is told once, whatever his number of files.
  for (const [u, ts] of Object.entries(tasks)) {
    const m = await who[u.slice(3)].get('/messages?kind=review_task&size=100');
    assert.equal(m.status, 200);
    assert.equal(m.body.items.filter((x) => x.link === '/reviews/tasks').length, ts.length > 0 ? 1 : 0, u);
  }
});

test('a reviewer opens only his own tasks; the lawyer and the expert reach no other case', async () => {
  const mine = tasks.rv_lawsn[0], sups = tasks.rv_sup[0];
  const t = await who.lawsn.get(`/reviews/tasks/${mine.id}`);
  assert.equal(t.status, 200);
  assert.equal(t.body.case.case_no, mine.case_no);
  assert.ok(Array.isArray(t.body.timeline) && Array.isArray(t.body.attachments));
  assert.equal(t.body.standard.code, 'penalty_v1');
  const subs = new Map(standard.items.flatMap((i) => i.subitems).map((s) => [s.code, s]));
  assert.ok(t.body.suggestions.length > 0, 'the sweep\'s findings (unknown power P16 …) suggest deductions');
  for (const s of t.body.suggestions) assert.ok(subs.get(s.item).rules.includes(s.rule), `${s.rule} → ${s.item}`);
  assert.equal((await who.lawsn.get(`/reviews/tasks/${sups.id}`)).status, 404, 'another\'s task');
  assert.equal((await who.lawsn.send('PUT', `/reviews/tasks/${sups.id}`, { deductions: [] })).status, 404);
  assert.equal((await who.lawsn.get(`/reviews/tasks/${sups.id}/attachments/1`)).status, 404);
  assert.equal((await who.excity.get(`/reviews/tasks/${tasks.rv_lawsn[0].id}`)).status, 404);
  for (const c of [who.lawsn, who.excity])
    assert.equal((await c.get(`/cases/${encodeURIComponent(mine.case_no)}`)).status, 403, 'no cases.read');
  assert.equal((await who.excity.get('/reviews/plans')).status, 403);
  assert.equal((await who.excity.get('/cases')).status, 403);
});

// Deductions per file: [first reviewer's, second reviewer's] (the two of each file, in task order).
const D = (item, points) => ({ item, points, reason: `扣分理由：${item}` });
const SHEETS = {
  sn0: [[D('procedure.5.a', 3), D('evidence.1.a', 7), D('facts.1.a', 8)], [D('documents.2.a', 2)]], // 82 vs 98: arbitration
  sn1: [[D('subject.1.b', 2)], [D('documents.1.a', 3)]], // 98 (veto) and 97 → 97.5 but 不合格
  sn2: [[D('facts.1.a', 8), D('procedure.2.b', 2.5)], [D('facts.1.a', 8), D('archive.1.a', 2)]], // 89.5, 90 → 89.75 良好
  sn3: [[D('law.1.a', 8), D('evidence.1.a', 7), D('procedure.2.b', 4), D('facts.3.a', 1)],
    [D('law.1.a', 8), D('evidence.2.a', 5), D('procedure.1.a', 2), D('discretion.1.a', 5)]], // 80, 80 → 良好
  sn4: [[], []],
  sb0: [[D('facts.1.a', 8), D('evidence.1.a', 7), D('evidence.2.a', 5), D('procedure.2.b', 4), D('law.1.a', 8), D('discretion.1.a', 6), D('documents.1.a', 3)],
    [D('facts.1.a', 8), D('evidence.1.a', 7), D('evidence.2.a', 5), D('procedure.2.b', 4), D('law.1.a', 8), D('discretion.1.a', 6), D('documents.1.a', 3)]], // 59
  sb1: [[D('facts.1.a', 8), D('evidence.1.a', 7), D('evidence.2.a', 5), D('procedure.2.b', 4), D('law.1.a', 8), D('discretion.1.a', 6), D('archive.2.a', 1), D('archive.2.b', 1)],
    [D('facts.1.a', 8), D('evidence.1.a', 7), D('evidence.2.a', 5), D('procedure.2.b', 4), D('law.1.a', 8), D('discretion.1.a', 6), D('archive.2.a', 1), D('archive.2.b', 1)]], // 60
  sb2: [[], []],
};
const ARBITRATION = [D('evidence.1.b', 4), D('procedure.5.b', 2)]; // 94
const keyOf = (caseNo) => {
  const i = sample.findIndex((s) => s.case_no === caseNo);
  return i < 5 ? `sn${i}` : `sb${i - 5}`;
};
const subOf = (code) => standard.items.flatMap((i) => i.subitems).find((s) => s.code === code || s.deductions.some((d) => d.code === code));
const sheetTotal = (ds) => 100 - ds.reduce((a, d) => a + d.points, 0);
const sheetVeto = (ds) => ds.some((d) => subOf(d.item).veto);
const reviewersOf = (caseNo) => Object.entries(tasks).flatMap(([u, ts]) => ts.filter((t) => t.case_no === caseNo).map((t) => [u, t]))
  .sort((a, b) => a[1].id - b[1].id);

test('scoring: refusals, totals from the sheet, read-only once submitted', async () => {
  const [[u, t]] = reviewersOf(sample[0].case_no);
  const c = who[u.slice(3)];
  const refusals = [
    [[D('procedure.5.a', 3), D('procedure.5.b', 2)], 'over_points'], // procedure.5 is worth 4
    [[{ item: 'facts.1.a', points: 1, reason: '' }], 'reason_required'],
    [[D('facts.1.a', 0.3)], 'invalid_points'], [[D('nothing.1', 1)], 'unknown_item'],
  ];
  for (const [deductions, code] of refusals) {
    const r = await c.send('PUT', `/reviews/tasks/${t.id}`, { deductions });
    assert.equal(r.status, 422, code);
    assert.equal(r.body.error.code, code);
  }
  const saved = await c.send('PUT', `/reviews/tasks/${t.id}`, { deductions: [D('facts.1.a', 8)] });
  assert.equal(saved.status, 200);
  assert.equal(saved.body.total, 92);
  assert.equal(saved.body.status, 'assigned', 'saved, not submitted');
});

test('every reviewer submits; arbitration where the gap is above the setting; results computed independently', async () => {
  for (const s of sample) {
    const pair = reviewersOf(s.case_no);
    for (let i = 0; i < 2; i++) {
      const [u, t] = pair[i];
      const sheet = SHEETS[keyOf(s.case_no)][i];
      const r = await who[u.slice(3)].send('PUT', `/reviews/tasks/${t.id}`, { deductions: sheet, submit: true });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.total, sheetTotal(sheet));
      assert.equal(r.body.veto, sheetVeto(sheet));
      assert.equal(r.body.status, 'submitted');
      assert.equal((await who[u.slice(3)].send('PUT', `/reviews/tasks/${t.id}`, { deductions: [] })).status, 409);
    }
  }
  let p = (await who.sup.get(`/reviews/plans/${plan.id}`)).body;
  assert.equal(p.status, 'arbitration');
  const waiting = p.items.filter((i) => i.status === 'arbitration').map((i) => i.case_no);
  assert.deepEqual(waiting, [sample[0].case_no], 'only 82 vs 98 differs by more than 10');
  assert.equal((await who.sup.send('POST', `/reviews/plans/${plan.id}/publish`)).status, 409, 'not before arbitration');
  const item = p.items.find((i) => i.case_no === sample[0].case_no);
  assert.equal((await who.sup.send('POST', `/reviews/items/${item.id}/arbitrate`, { deductions: ARBITRATION })).status, 400, 'a note');
  const a = await who.sup.send('POST', `/reviews/items/${item.id}/arbitrate`, { deductions: ARBITRATION, note: '经复核，证据不足扣4分，送达超期扣2分' });
  assert.equal(a.status, 200, JSON.stringify(a.body));
  assert.equal(a.body.status, 'finished');
  assert.equal((await who.sup.send('POST', `/reviews/items/${item.id}/arbitrate`, { deductions: [], note: '再次' })).status, 409);

  // independently: each file's final score, grade, veto; per agency and per item
  const finals = sample.map((s) => {
    const k = keyOf(s.case_no), sheets = SHEETS[k];
    if (k === 'sn0') return { ...s, total: sheetTotal(ARBITRATION), veto: sheetVeto(ARBITRATION), sheets: [ARBITRATION] };
    return { ...s, total: (sheetTotal(sheets[0]) + sheetTotal(sheets[1])) / 2, veto: sheetVeto(sheets[0]) || sheetVeto(sheets[1]), sheets };
  });
  const r = (await who.sup.get(`/reviews/plans/${plan.id}/results`)).body;
  assert.deepEqual(r.files.map((f) => [f.case_no, f.total, f.grade_name, f.veto]),
    finals.map((f) => [f.case_no, f.total, grade(f.total, f.veto)[1], f.veto]));
  assert.deepEqual(finals.map((f) => grade(f.total, f.veto)[1]), ['优秀', '不合格', '良好', '良好', '优秀', '不合格', '合格', '优秀'],
    'the boundaries: 94, 97.5 vetoed, 89.75, 80, 100, 59, 60, 100');
  const round2 = (x) => Math.round(x * 100) / 100;
  for (const ag of [SN, SB]) {
    const fs = finals.filter((f) => f.agency === ag);
    const a = r.agencies.find((x) => x.agency === ag);
    assert.equal(a.files, fs.length);
    assert.equal(a.average, round2(fs.reduce((s, f) => s + f.total, 0) / fs.length));
    for (const [g] of BANDS) assert.equal(a.distribution[g], fs.filter((f) => grade(f.total, f.veto)[0] === g).length, `${ag} ${g}`);
    assert.deepEqual(a.failing, fs.filter((f) => grade(f.total, f.veto)[0] === 'fail').map((f) => f.case_no));
    assert.equal(a.zero_files, false);
  }
  const hd = r.agencies.find((x) => x.agency === HD);
  assert.deepEqual([hd.files, hd.zero_files], [0, true]);
  for (const it of standard.items) {
    let lost = 0, files = 0;
    for (const f of finals) {
      const per = f.sheets.map((sh) => sh.filter((d) => subOf(d.item).code.startsWith(`${it.code}.`)).reduce((s, d) => s + d.points, 0));
      const mean = per.reduce((s, x) => s + x, 0) / per.length;
      if (mean > 0) { lost += mean; files++; }
    }
    const got = r.items.find((x) => x.item === it.code);
    assert.deepEqual([got.name, got.points_lost, got.files], [it.name, round2(lost), files], it.code);
  }
  const x = await who.sup.raw(`/api/v1/reviews/plans/${plan.id}/results.xlsx`);
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  assert.equal(Buffer.from(await x.arrayBuffer()).subarray(0, 2).toString(), 'PK');
});

test('publication; agencies read their own results; 申辩 within the working-day window; the answer', async () => {
  assert.equal((await who.headsb.get(`/reviews/plans/${plan.id}`)).status, 404, 'not before publication');
  const p = await who.sup.send('POST', `/reviews/plans/${plan.id}/publish`);
  assert.equal(p.status, 200);
  assert.equal(p.body.status, 'published');
  const today = todayChina();
  assert.equal(p.body.published_on, today);
  assert.equal(p.body.defense_due, addWd(today, 5));
  const mine = (await who.headsb.get(`/reviews/plans/${plan.id}/results`)).body;
  assert.deepEqual(mine.files.map((f) => f.agency), [SB, SB, SB], 'his agency only');
  assert.deepEqual(mine.agencies.map((a) => a.agency), [SB]);
  assert.ok(mine.files.every((f) => f.deductions.length === 0 || f.deductions.every((d) => !('by' in d))), 'not who scored it');
  const seen = (await who.headsb.get(`/reviews/plans/${plan.id}`)).body;
  assert.deepEqual([seen.reviewers, seen.items, seen.population], [undefined, undefined, undefined]);
  assert.ok((await who.headsb.get('/reviews/plans')).body.items.some((x) => x.id === plan.id));
  const all = (await who.sup.get(`/reviews/plans/${plan.id}`)).body.items;
  const sbFail = all.find((i) => i.case_no === sample[5].case_no), snFile = all.find((i) => i.case_no === sample[1].case_no);
  assert.equal((await who.headsn.send('POST', `/reviews/items/${sbFail.id}/defense`, { text: '不是本单位的' })).status, 404);
  assert.equal((await who.offsn.send('POST', `/reviews/items/${snFile.id}/defense`, { text: '无权' })).status, 403, 'reviews.defend: agency_head');
  const d = await who.headsb.send('POST', `/reviews/items/${sbFail.id}/defense`, { text: '证据已补充入卷，请求重新评定' });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  assert.equal((await who.headsb.send('POST', `/reviews/items/${sbFail.id}/defense`, { text: '再次' })).status, 409);
  const listed = (await who.sup.get(`/reviews/plans/${plan.id}`)).body;
  assert.equal(listed.defense_open, true);
  assert.deepEqual(listed.defenses.map((x) => [x.id, x.case_no, x.status]), [[d.body.id, sample[5].case_no, 'open']]);
  assert.deepEqual((await who.headsb.get(`/reviews/plans/${plan.id}/results`)).body.defenses.map((x) => x.id), [d.body.id]);
  assert.deepEqual((await who.headsn.get(`/reviews/plans/${plan.id}/results`)).body.defenses, [], 'another agency\'s 申辩 is not his');
  const ans = await who.sup.send('POST', `/reviews/defenses/${d.body.id}/answer`, { text: '经复核采纳，改为 65 分', accepted: true, new_total: 65 });
  assert.equal(ans.status, 200, JSON.stringify(ans.body));
  assert.equal(ans.body.status, 'accepted');
  const f = (await who.sup.get(`/reviews/plans/${plan.id}/results`)).body.files.find((x) => x.case_no === sample[5].case_no);
  assert.deepEqual([f.total, f.grade_name], [65, '合格']);

  // the window, counted here: the last day is the 5th working day after publication
  const publishedFor = (lastDay) => { // the publication date whose window ends on lastDay
    let d = lastDay;
    while (addWd(d, 5) > lastDay) d = new Date(Date.parse(`${d}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
    return d;
  };
  const setPublished = (on) => dbExec(db, `UPDATE review_plans SET body = ${backend === 'pg'
    ? `jsonb_set(body::jsonb, '{published_on}', '"${on}"')::text` : `json_set(body, '$.published_on', '${on}')`} WHERE id = ${plan.id}`);
  const sb2 = all.find((i) => i.case_no === sample[6].case_no), sb3 = all.find((i) => i.case_no === sample[7].case_no);
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
  setPublished(publishedFor(yesterday));
  assert.ok(addWd(publishedFor(yesterday), 5) < today);
  const late = await who.headsb.send('POST', `/reviews/items/${sb2.id}/defense`, { text: '逾期申辩' });
  assert.equal(late.status, 409);
  assert.equal(late.body.error.code, 'defense_closed');
  setPublished(publishedFor(today));
  assert.ok(addWd(publishedFor(today), 5) >= today);
  assert.equal((await who.headsb.send('POST', `/reviews/items/${sb3.id}/defense`, { text: '最后一天申辩' })).status, 201);
  setPublished(today);
});

test('a failing file becomes a 督办 order for its agency in one call', async () => {
  const item = (await who.sup.get(`/reviews/plans/${plan.id}`)).body.items.find((i) => i.case_no === sample[1].case_no);
  const r = await who.sup.send('POST', `/reviews/items/${item.id}/order`);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const o = (await who.sup.get(`/orders/${r.body.order_id}`)).body;
  assert.equal(o.kind, 'supervise');
  assert.equal(o.agency, SN);
  assert.deepEqual(o.case_nos, [sample[1].case_no]);
  assert.ok(o.problem.includes(sample[1].case_no) && o.problem.includes('一票否决'), o.problem);
  assert.equal(o.source, `review_item:${item.id}`);
  assert.equal((await who.sup.send('POST', `/reviews/items/${item.id}/order`)).status, 409, 'once');
  assert.equal((await who.leader.send('POST', `/reviews/items/${item.id}/order`)).status, 403);
  assert.equal((await who.bj.send('POST', `/reviews/items/${item.id}/order`)).status, 404, 'another region\'s supervisor');
});

test('the plans and score sheets written are the ledger\'s: zhifa verify finds every row equal to its latest event', () => {
  const r = run(['--db', db, 'verify', '--json']);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.filter((p) => p.kind?.startsWith('review_')), []);
  const rev = backend === 'pg' ? "CAST(body::jsonb->>'rev' AS BIGINT)" : "json_extract(body, '$.rev')";
  const plans = Number(dbQuery(db, `SELECT coalesce(sum(${rev}), 0) FROM review_plans`));
  const events = Number(dbQuery(db, "SELECT count(*) FROM ledger_events WHERE type = 'review_plan.put'"));
  assert.equal(events, plans, 'one review_plan.put per write, as body.rev counts them');
});

test('the demo: one plan published with its results, one half scored; the CLI re-draws each plan\'s list', () => {
  const demo = path.join(tmpDir(), 'demo.db');
  assert.equal(run(['--db', demo, 'init', '--demo'], { timeout: 120000 }).code, 0);
  const plans = dbQuery(demo, 'SELECT id, status FROM review_plans ORDER BY id').split('\n');
  assert.deepEqual(plans, ['1|published', '2|scoring']);
  assert.equal(dbQuery(demo, "SELECT count(*) FROM review_items WHERE plan_id = 1 AND status <> 'done'"), '0');
  assert.ok(Number(dbQuery(demo, 'SELECT count(*) FROM review_items WHERE plan_id = 1')) > 0);
  const [submitted, open] = ['submitted', 'assigned'].map((s) => Number(dbQuery(demo, `SELECT count(*) FROM review_tasks WHERE plan_id = 2 AND status = '${s}'`)));
  assert.ok(submitted > 0 && submitted === open, 'half of the second plan\'s sheets are in');
  for (const id of [1, 2]) {
    const stored = dbQuery(demo, `SELECT case_no || '\t' || agency FROM review_items WHERE plan_id = ${id} ORDER BY id`).split('\n');
    const r = run(['--db', demo, 'review', 'sample', '--plan', String(id)]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), stored, `plan ${id}: the same seed draws the same files`);
  }
});
