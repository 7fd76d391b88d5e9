// 双随机、一公开 and 综合查一次 (issue 20, docs/inspections.md). The draw is re-implemented here from
// the documented algorithm (SM3(seed ‖ counter) numbers with Node's own SM3, strata A–D over the
// directory ordered by credit code, partial Fisher–Yates, inspectors by least load with 回避), never
// read back from the server; I02's groups are counted from the cases this test imports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, dbQuery, dbExec, backend, hasChinese } from './lib/zhifa.mjs';
import { copyDb } from './lib/dbcopy.mjs';
import { uscc, usccWrongCheck } from './lib/codes.mjs';
import { fillTemplate } from './lib/xlsx.mjs';

const SN = uscc('11370202MB3100001'); // 市南区 370202
const SB = uscc('11370203MB3100002'); // 市北区 370203
const HD = uscc('11370211MB3100003'); // 黄岛区 370211
const agencies = [
  { type: 'agency', code: SN, name: '市南区抽查测试局', region: '370202', level: 'county', kind: 'department', sector: 'market_regulation' },
  { type: 'agency', code: SB, name: '市北区抽查测试局', region: '370203', level: 'county', kind: 'department', sector: 'ecology' },
  { type: 'agency', code: HD, name: '黄岛区抽查测试局', region: '370211', level: 'county', kind: 'department', sector: 'emergency' },
];
const officer = (cert_no, agency, extra = {}) => ({ type: 'officer', cert_no, name: `检查员${cert_no}`, agency, cert_valid_from: '2020-01-01', cert_valid_to: '2099-12-31', status: 'active', ...extra });
const officers = [
  ...['SN-06', 'SN-01', 'SN-03', 'SN-02', 'SN-05', 'SN-04'].map((c) => officer(c, SN)),
  officer('SN-07', SN, { cert_valid_to: '2021-12-31' }), // expired: not certified
  officer('SN-08', SN, { status: 'suspended' }),
  officer('SB-01', SB), officer('HD-01', HD),
];
// 40 entities: 10 A, 15 B, 10 C, 5 D, credit codes in a deliberately shuffled order
const LEVELS = [...'A'.repeat(10), ...'B'.repeat(15), ...'C'.repeat(10), ...'D'.repeat(5)];
const entities = LEVELS.map((level, i) => ({
  type: 'inspection_entity', credit_code: uscc(`91370202MA${String((i * 7919) % 1000).padStart(3, '0')}${String(i).padStart(4, '0')}`),
  name: `抽查对象${i + 1}有限公司`, kind: '企业', sector: '食品销售', credit_level: level, risk_tag: level === 'D' ? '重点监管' : undefined,
}));
const party = { kind: 'org', name: '多头检查有限公司', id_no: uscc('91370202MA7000001') };
const insp = (case_no, agency, inspected_on) => ({ type: 'case', case_no, agency, kind: 'inspection', power: 'I-1', party, officers: ['X-1', 'X-2'], inspected_on, result: 'ok' });
// 职权事项 the tasks rest on: SN has two inspection powers (the page lets the person choose), SB one
const powers = [
  { type: 'power', code: 'SN-JC-1', name: '食品经营的行政检查', kind: 'inspection', agencies: [SN] },
  { type: 'power', code: 'SN-JC-2', name: '食品销售的行政检查', kind: 'inspection', agencies: [SN] },
  { type: 'power', code: 'SN-CF-1', name: '食品经营的行政处罚', kind: 'penalty', agencies: [SN] },
  { type: 'power', code: 'SB-JC-1', name: '排污许可的行政检查', kind: 'inspection', agencies: [SB] },
];
const inspections = [insp('南检〔2026〕1号', SN, '2026-03-02'), insp('北检〔2026〕1号', SB, '2026-03-10'), insp('黄检〔2026〕1号', HD, '2026-03-20')];

// ---- the documented draw, written again here ----
function stream(seed) {
  let ctr = 0n;
  const next = () => {
    const c = Buffer.alloc(8);
    c.writeBigUInt64BE(ctr++);
    return crypto.createHash('sm3').update(Buffer.from(seed, 'utf8')).update(c).digest().readBigUInt64BE(0);
  };
  const below = (n) => {
    const b = BigInt(n), threshold = ((1n << 64n) - b) % b;
    for (;;) { const r = next(); if (r >= threshold) return Number(r % b); }
  };
  return { below };
}
const byBytes = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));
function draw(seed, rule, k, ents, offs) {
  const s = stream(seed), items = [];
  const pick = (members, n) => {
    const m = [...members];
    for (let i = 0; i < n; i++) { const j = i + s.below(m.length - i); [m[i], m[j]] = [m[j], m[i]]; items.push({ entity: m[i].entity, inspectors: [] }); }
  };
  if (rule.count) pick(ents, Math.min(rule.count, ents.length));
  else for (const lv of 'ABCD') { const m = ents.filter((e) => e.level === lv); pick(m, Math.min(m.length, Math.ceil((m.length * rule.ratio[lv]) / 100))); }
  const load = offs.map(() => 0);
  for (const it of items) for (let x = 0; x < k; x++) {
    const ok = offs.map((o, i) => i).filter((i) => !offs[i].avoid.includes(it.entity) && !it.inspectors.includes(offs[i].cert_no));
    const min = Math.min(...ok.map((i) => load[i])), tied = ok.filter((i) => load[i] === min);
    const o = tied[s.below(tied.length)];
    load[o]++;
    it.inspectors.push(offs[o].cert_no);
  }
  return items;
}
const directory = () => entities.map((e) => ({ entity: e.credit_code, level: e.credit_level })).sort((a, b) => byBytes(a.entity, b.entity));
let avoid = {};
const certified = () => ['SN-01', 'SN-02', 'SN-03', 'SN-04', 'SN-05', 'SN-06'].map((c) => ({ cert_no: c, avoid: avoid[c] || [] }));

let srv, db, who = {};
before(async () => {
  db = path.join(tmpDir(), 'inspections.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const r = run(['--db', db, 'import', '-'], { input: [...agencies, ...officers, ...powers, ...inspections].map((x) => JSON.stringify(x)).join('\n') + '\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(run(['--db', db, 'sweep']).code, 0);
  const users = {
    headsn: { role: 'agency_head', agency: SN }, offsn: { role: 'officer', agency: SN }, headsb: { role: 'agency_head', agency: SB },
    headhd: { role: 'agency_head', agency: HD }, offsb: { role: 'officer', agency: SB }, offhd: { role: 'officer', agency: HD },
    sup: { role: 'supervisor', region: '370200' }, bj: { role: 'supervisor', region: '110000' },
  };
  const made = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, addUser(db, { username: `ri_${k}`, ...u })]));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(made)) who[k] = await login(srv.base, u.username, u.password);
});
after(() => srv?.stop());

test('the directory is imported from exchange-v1 lines; bad lines are named in Chinese and the good ones kept', async () => {
  const bad = [
    { ...entities[0], credit_code: usccWrongCheck(entities[0].credit_code), name: '校验位错误公司' },
    { type: 'inspection_entity', credit_code: uscc('91370202MA9999999'), name: '等级错误公司', credit_level: 'E' },
  ];
  const text = [...entities, ...bad].map((x) => JSON.stringify(x)).join('\n') + '\n';
  const r = await who.offsn.raw(`/api/v1/inspection-entities/import?agency=${SN}`, { method: 'POST', body: text, headers: { 'X-CSRF-Token': who.offsn.csrf } });
  const body = await r.json();
  assert.equal(r.status, 200, JSON.stringify(body));
  assert.equal(body.imported, 40);
  assert.equal(body.rejected, 2);
  assert.deepEqual(body.errors.map((e) => e.line), [41, 42]);
  assert.match(body.errors[0].error, /第 41 行：统一社会信用代码校验位不正确/);
  assert.match(body.errors[1].error, /信用风险分类应为 A、B、C、D/);
  const list = (await who.offsn.get("/inspection-entities")).body;

  assert.equal(list.items.length, 40);
  assert.deepEqual(list.items.map((e) => e.credit_code), directory().map((e) => e.entity), 'listed by credit code');
  // another agency's user cannot import into SN's directory, nor read it
  const other = await who.headsb.raw(`/api/v1/inspection-entities/import?agency=${SN}`, { method: 'POST', body: text, headers: { 'X-CSRF-Token': who.headsb.csrf } });
  assert.equal(other.status, 404);
  assert.equal((await who.headsb.get(`/inspection-entities?agency=${SN}`)).status, 404);
  // the template is a workbook
  const t = await who.offsn.raw('/api/v1/inspection-entities/template.xlsx');
  assert.equal(t.status, 200);
  assert.equal(Buffer.from(await t.arrayBuffer()).subarray(0, 2).toString(), 'PK');
});

test('the Excel template, filled in, imports row by row; a bad row is named by its Excel row number', async () => {
  const t = await who.offhd.raw('/api/v1/inspection-entities/template.xlsx');
  const filled = fillTemplate(Buffer.from(await t.arrayBuffer()), [
    { row: 3, cells: { credit_code: uscc('91370211MA5000001'), name: '黄岛甲公司', credit_level: 'A', kind: '企业' } },
    { row: 4, cells: { credit_code: { shared: uscc('91370211MA5000002') }, name: '黄岛乙公司', credit_level: 'D', risk_tag: '重点监管' } },
    { row: 5, cells: { credit_code: usccWrongCheck(uscc('91370211MA5000003')), name: '黄岛丙公司' } },
    { row: 6, cells: { credit_code: uscc('91370211MA5000004'), name: '黄岛丁公司', kind: '外星人' } },
  ]);
  const r = await who.offhd.raw('/api/v1/inspection-entities/import', { method: 'POST', body: filled, headers: { 'X-CSRF-Token': who.offhd.csrf } });
  const body = await r.json();
  assert.equal(r.status, 200, JSON.stringify(body));
  assert.deepEqual([body.imported, body.rejected], [2, 2]);
  assert.deepEqual(body.errors.map((e) => e.line), [5, 6]);
  assert.match(body.errors[0].error, /^第 5 行：统一社会信用代码校验位不正确/);
  assert.match(body.errors[1].error, /^第 6 行：对象类型应为/);
  const list = (await who.offhd.get('/inspection-entities')).body.items;
  assert.deepEqual(list.map((e) => [e.name, e.credit_level, e.region]), [['黄岛甲公司', 'A', '370211'], ['黄岛乙公司', 'D', '370211']]);
});

test('one entity is edited on the page; a wrong code or a duplicate is refused in Chinese', async () => {
  const list = (await who.offsn.get('/inspection-entities')).body.items;
  const e = list[0];
  const put = await who.offsn.send('PUT', `/inspection-entities/${e.id}`, { ...e, address: '香港中路 8 号' });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal(put.body.address, '香港中路 8 号');
  const dup = await who.offsn.send('POST', '/inspection-entities', { agency: SN, credit_code: e.credit_code, name: '重复' });
  assert.equal(dup.status, 409);
  assert.ok(hasChinese(dup.body.error.message));
  const wrong = await who.offsn.send('POST', '/inspection-entities', { agency: SN, credit_code: '91370202MA0000000X', name: '错' });
  assert.equal(wrong.status, 400);
  assert.ok(hasChinese(wrong.body.error.message));
});

test('检查人员名录 lists the agency officers, certified or not, and keeps each one 回避 list', async () => {
  const ents = directory();
  avoid = { 'SN-01': [ents[0].entity, ents[1].entity, ents[2].entity].sort(byBytes), 'SN-02': [ents[0].entity] };
  for (const [c, list] of Object.entries(avoid)) {
    const r = await who.offsn.send('PUT', `/inspection-officers/${c}/recusals`, { entities: list, reason: '近亲属任职' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  const notOurs = await who.offsn.send('PUT', '/inspection-officers/SN-03/recusals', { entities: [uscc('91370202MA8888888')] });
  assert.equal(notOurs.status, 400);
  assert.match(notOurs.body.error.message, /不在本单位检查对象名录中/);
  assert.equal((await who.offsb.send('PUT', '/inspection-officers/SN-03/recusals', { entities: [] })).status, 404);
  const list = (await who.offsn.get('/inspection-officers')).body.items;
  assert.deepEqual(list.map((o) => [o.cert_no, o.certified]), [
    ['SN-01', true], ['SN-02', true], ['SN-03', true], ['SN-04', true], ['SN-05', true], ['SN-06', true], ['SN-07', false], ['SN-08', false]]);
  assert.deepEqual(list[0].avoid.map((a) => a.entity), avoid['SN-01']);
});

let planA;
test('a plan draws the documented list, the same on every ask, logged once in the ledger, and verify agrees', async () => {
  const ratio = { A: 10, B: 20, C: 30, D: 100 };
  assert.equal((await who.offsn.send('POST', '/inspection-plans', { agency: SN, name: '越权', seed: 'x', count: 1 })).status, 403);
  const c = await who.headsn.send('POST', '/inspection-plans', { agency: SN, name: '2026年第一季度食品销售双随机抽查', seed: 'zhifa-2026-Q1', ratio, inspectors_per_entity: 2 });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  planA = c.body;
  assert.deepEqual([planA.status, planA.seed, planA.rule.ratio], ['draft', 'zhifa-2026-Q1', ratio]);
  const d1 = await who.headsn.send('POST', `/inspection-plans/${planA.id}/draw`);
  assert.equal(d1.status, 200, JSON.stringify(d1.body));
  const expected = draw('zhifa-2026-Q1', { ratio }, 2, directory(), certified());
  assert.deepEqual(d1.body.items, expected);
  // ceil(10×10%) + ceil(15×20%) + ceil(10×30%) + 5 = 1 + 3 + 3 + 5
  assert.equal(d1.body.items.length, 12);
  for (const it of d1.body.items) for (const c2 of it.inspectors) assert.ok(!(avoid[c2] || []).includes(it.entity), '回避');
  const d2 = await who.headsn.send('POST', `/inspection-plans/${planA.id}/draw`);
  assert.deepEqual(d2.body.items, d1.body.items);
  // another agency may not draw it; the plan is SN's
  assert.equal((await who.headsb.send('POST', `/inspection-plans/${planA.id}/draw`)).status, 404);
  // the ledger holds exactly one draw event, with the population it drew from
  const ev = JSON.parse(dbQuery(db, `SELECT body FROM ledger_events WHERE type = 'inspection.draw' AND subject = 'inspection-plan:${planA.id}'`).trim());
  assert.deepEqual(ev.data.items, expected);
  assert.equal(ev.data.seed, 'zhifa-2026-Q1');
  assert.deepEqual(ev.data.population.entities.map((e) => e.entity), directory().map((e) => e.entity));
  const n = dbQuery(db, `SELECT count(*) FROM ledger_events WHERE type = 'inspection.draw' AND subject = 'inspection-plan:${planA.id}'`).trim(); // beside its row's inspection_plan.put events
  assert.equal(n, '1');
  const v = run(['--db', db, 'inspection', 'verify', '--plan', String(planA.id)]);
  assert.equal(v.code, 0, v.stderr);
});

test('two plans with the same seed over the same directory draw the same list; a count plan too', async () => {
  const ratio = { A: 10, B: 20, C: 30, D: 100 };
  const b = (await who.headsn.send('POST', '/inspection-plans', { agency: SN, name: '同一种子', seed: 'zhifa-2026-Q1', ratio })).body;
  const db2 = (await who.headsn.send('POST', `/inspection-plans/${b.id}/draw`)).body;
  const a = (await who.headsn.send('POST', `/inspection-plans/${planA.id}/draw`)).body;
  assert.deepEqual(db2.items, a.items);
  for (const seed of ['7', '20261207', '种子甲']) {
    const p = (await who.headsn.send('POST', '/inspection-plans', { agency: SN, name: `按数量 ${seed}`, seed, count: 9, inspectors_per_entity: 3 })).body;
    const d = await who.headsn.send('POST', `/inspection-plans/${p.id}/draw`);
    assert.equal(d.status, 200, JSON.stringify(d.body));
    assert.deepEqual(d.body.items, draw(seed, { count: 9 }, 3, directory(), certified()), `seed ${seed}`);
  }
  // without a ratio, the settings' ratios per level (migration 056: 3, 5, 10, 20 %)
  const s = (await who.headsn.send('POST', '/inspection-plans', { agency: SN, name: '按设置', seed: 's' })).body;
  assert.deepEqual(s.rule.ratio, { A: 3, B: 5, C: 10, D: 20 });
  const sd = (await who.headsn.send('POST', `/inspection-plans/${s.id}/draw`)).body;
  assert.deepEqual(sd.items, draw('s', { ratio: { A: 3, B: 5, C: 10, D: 20 } }, 2, directory(), certified()));
  assert.equal(sd.items.length, 1 + 1 + 1 + 1);
});

test('verify fails, saying why, once the recorded population is changed in the database', async () => {
  const p = (await who.headsn.send('POST', '/inspection-plans', { agency: SN, name: '篡改检验', seed: 'tamper', count: 5 })).body;
  await who.headsn.send('POST', `/inspection-plans/${p.id}/draw`);
  assert.equal(run(['--db', db, 'inspection', 'verify', '--plan', String(p.id)]).code, 0);
  const removed = backend === 'pg' ? "(body::jsonb #- '{population,entities,0}')::text" : "json_remove(body, '$.population.entities[0]')";
  dbExec(db, `UPDATE insp_plans SET body = ${removed} WHERE id = ${p.id}`);
  const v = run(['--db', db, 'inspection', 'verify', '--plan', String(p.id)]);
  assert.notEqual(v.code, 0);
  assert.match(v.stderr, /不一致/);
  assert.match(v.stderr, /名录/);
});

test('results are recorded and published on the portal (一公开) without the officers', async () => {
  const plan = (await who.offsn.get(`/inspection-plans/${planA.id}`)).body;
  const first = plan.items[0];
  const r = await who.offsn.send('POST', `/inspection-plans/${planA.id}/results`, { entity: first.entity, result: '责令改正', inspected_on: '2026-03-05', note: '未公示年报' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal((await who.offsn.send('POST', `/inspection-plans/${planA.id}/results`, { entity: first.entity, result: '很好', inspected_on: '2026-03-05' })).status, 400);
  assert.equal((await who.offsn.send('POST', `/inspection-plans/${planA.id}/publish`)).status, 403);
  assert.equal((await who.headsn.send('POST', `/inspection-plans/${planA.id}/publish`)).status, 200);
  const pub = await (await fetch(`${srv.base}/api/v1/public/inspection-results`)).json();
  const mine = pub.items.find((p) => p.id === planA.id);
  assert.equal(mine.items.length, 12);
  assert.deepEqual([mine.items[0].entity, mine.items[0].result], [first.entity, '责令改正']);
  assert.ok(!JSON.stringify(pub).includes('SN-0'), 'no officer numbers on the portal');
});

test('综合查一次: an I02 warning becomes a proposal, the proposal a joint plan, and the results count as visits saved', async () => {
  const props = await who.sup.get('/joint-plans/proposals');
  assert.equal(props.status, 200, JSON.stringify(props.body));
  const p = props.body.items.find((x) => x.entity.id_no === party.id_no);
  assert.ok(p, 'the party of the three inspections');
  assert.deepEqual(p.cases.map((c) => c.case_no), inspections.map((c) => c.case_no));
  assert.deepEqual(p.agencies.map((a) => a.code), [SN, SB, HD]);
  assert.equal(p.visits_saved, 2);
  assert.equal((await who.bj.get('/joint-plans/proposals')).body.items.length, 0, 'outside his region');
  assert.equal((await who.headsn.get('/joint-plans/proposals')).status, 403);
  const cat = await who.sup.send('POST', '/joint-catalogue', { name: '食品生产企业综合查一次', entity_kind: '企业', items: [{ agency: SN, item: '食品安全检查' }, { agency: SB, item: '排污许可检查' }, { agency: HD, item: '安全生产检查' }] });
  assert.equal(cat.status, 201, JSON.stringify(cat.body));
  const jp = await who.sup.send('POST', '/joint-plans', { name: '多头检查有限公司综合查一次', entity: p.entity, lead_agency: p.lead_agency, planned_on: '2026-04-08', items: p.items, source: { finding: p.finding } });
  assert.equal(jp.status, 201, JSON.stringify(jp.body));
  assert.equal(jp.body.visits_saved, 2);
  assert.equal((await who.sup.get('/joint-plans/proposals')).body.items.find((x) => x.entity.id_no === party.id_no).joint_plan, jp.body.id);
  // each participant records its own items; the plan is done with the last
  for (const [u, code] of [['offsn', SN], ['offsb', SB]]) {
    const item = jp.body.items.find((i) => i.agency === code).item;
    const r = await who[u].send('POST', `/joint-plans/${jp.body.id}/results`, { items: [{ item, result: '未发现问题' }] });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.status, 'planned');
  }
  assert.equal((await who.offsn.send('POST', `/joint-plans/${jp.body.id}/results`, { items: [{ item: jp.body.items.find((i) => i.agency === HD).item, result: 'x' }] })).status, 400, 'not his item');
  const last = await who.offhd.send('POST', `/joint-plans/${jp.body.id}/results`, { items: [{ item: jp.body.items.find((i) => i.agency === HD).item, result: '责令改正', note: '灭火器过期' }] });
  assert.equal(last.body.status, 'done');
  assert.deepEqual(last.body.items.map((i) => i.result), ['未发现问题', '未发现问题', '责令改正']);
  const stats = (await who.sup.get('/joint-plans/stats?year=2026')).body;
  assert.deepEqual(stats.quarters.map((q) => q.visits_saved), [0, 2, 0, 0]);
  assert.equal((await who.bj.get(`/joint-plans/${jp.body.id}`)).status, 404);
  assert.equal((await who.offsb.get(`/joint-plans/${jp.body.id}`)).status, 200, 'a participant reads it');
});

// The seam with the case-kinds part: a drawn item opens an inspection task through the very
// request 抽查计划 sends (InspectionPlans.vue sendTask), and the plan keeps the case number.
const taskOf = (plan, row, power) => ({
  agency: plan.agency, power,
  party: { name: row.name, kind: row.kind === '自然人' ? 'person' : 'org', id_no: row.entity },
  plan_item: `${plan.id}:${row.entity}`, officers: row.inspectors,
});
const stateOf = (caseNo) => dbQuery(db, `SELECT state FROM case_workflow WHERE case_no = '${caseNo}'`).trim();

test('a drawn item opens its inspection task at 检查准备 and the plan then shows the case number', async () => {
  const plan = (await who.offsn.get(`/inspection-plans/${planA.id}`)).body;
  const [row, other] = plan.items;
  const listed = (await who.offsn.get(`/powers?agency=${SN}&kind=inspection&page=1&size=100`)).body.items;
  assert.deepEqual(listed.map((p) => p.code).sort(), ['SN-JC-1', 'SN-JC-2'], 'the page offers the inspection powers only');
  // refused: a penalty power, an entity that was not drawn, another agency's officer with his own power
  const penalty = await who.offsn.send('POST', '/inspections', taskOf(plan, row, 'SN-CF-1'));
  assert.equal(penalty.status, 400);
  assert.match(penalty.body.error.message, /与案件类型不符/);
  const undrawn = entities.map((e) => e.credit_code).find((c) => !plan.items.some((i) => i.entity === c));
  const bad = await who.offsn.send('POST', '/inspections', { ...taskOf(plan, row, 'SN-JC-1'), plan_item: `${plan.id}:${undrawn}`, party: { ...taskOf(plan, row).party, id_no: undrawn } });
  assert.equal(bad.status, 400, JSON.stringify(bad.body));
  assert.match(bad.body.error.message, /不在本计划抽取的名单中/);
  const sb = await who.offsb.send('POST', '/inspections', { ...taskOf(plan, row, 'SB-JC-1'), agency: SB, officers: ['SB-01'] });
  assert.equal(sb.status, 403, JSON.stringify(sb.body));
  assert.match(sb.body.error.message, /本机关抽查计划/);
  assert.equal((await who.sup.send('POST', '/inspections', taskOf(plan, row, 'SN-JC-1'))).status, 403);

  const r = await who.offsn.send('POST', '/inspections', taskOf(plan, row, 'SN-JC-2'));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const caseNo = r.body.case.case_no;
  assert.equal(r.body.case.kind, 'inspection');
  assert.equal(r.body.case.power, 'SN-JC-2');
  assert.deepEqual(r.body.case.party, { name: row.name, kind: 'org', id_no: row.entity });
  assert.deepEqual(r.body.case.officers, row.inspectors);
  assert.equal(r.body.workflow.stage, 'inspection_plan', '检查准备, the first stage');
  assert.equal(JSON.parse(stateOf(caseNo)).plan_item, `${plan.id}:${row.entity}`);
  const after = (await who.offsn.get(`/inspection-plans/${plan.id}`)).body;
  assert.equal(after.items.find((i) => i.entity === row.entity).case_no, caseNo);
  assert.equal(after.items.find((i) => i.entity === other.entity).case_no, undefined);
  // a second task for the same item is refused and opens no case
  const count = () => dbQuery(db, `SELECT count(*) FROM case_workflow WHERE case_type = 'inspection'`).trim();
  const before2 = count();
  const again = await who.offsn.send('POST', '/inspections', taskOf(plan, row, 'SN-JC-1'));
  assert.equal(again.status, 409, JSON.stringify(again.body));
  assert.match(again.body.error.message, new RegExp(caseNo.replace(/[〔〕]/g, '.')));
  assert.equal(count(), before2);
  // the draw still verifies: the items the ledger holds are untouched
  assert.equal(run(['--db', db, 'inspection', 'verify', '--plan', String(plan.id)]).code, 0);
});

test('a joint plan task is opened by its lead agency only; the supervisor sees its case number', async () => {
  const jp = (await who.sup.get('/joint-plans')).body.items.find((x) => x.entity.id_no === party.id_no);
  // lead: the first of the three to visit (市南区, 2026-03-02), all three having visited once
  assert.equal(jp.lead_agency, SN);
  const body = { agency: SN, power: 'SN-JC-1', officers: ['SN-01', 'SN-02'], joint: true, joint_plan: jp.id, party: { name: party.name, kind: party.kind, id_no: party.id_no } };
  const sup = await who.sup.send('POST', '/inspections', body);
  assert.equal(sup.status, 403, 'a supervisor handles no cases');
  const sb = await who.offsb.send('POST', '/inspections', { ...body, agency: SB, power: 'SB-JC-1', officers: ['SB-01'] });
  assert.equal(sb.status, 403, JSON.stringify(sb.body));
  assert.match(sb.body.error.message, /牵头单位/);
  const wrong = await who.offsn.send('POST', '/inspections', { ...body, party: { kind: 'org', name: '别的公司', id_no: uscc('91370202MA7000002') } });
  assert.equal(wrong.status, 400, JSON.stringify(wrong.body));
  assert.match(wrong.body.error.message, /联合检查计划的检查对象/);
  const r = await who.offsn.send('POST', '/inspections', body);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const caseNo = r.body.case.case_no;
  assert.equal(r.body.workflow.stage, 'inspection_plan');
  assert.equal(r.body.case.joint, true);
  assert.equal((await who.sup.get(`/joint-plans/${jp.id}`)).body.case_no, caseNo);
  assert.equal((await who.offhd.get(`/joint-plans/${jp.id}`)).body.case_no, caseNo, 'a participant sees it too');
  assert.equal((await who.offsn.send('POST', '/inspections', body)).status, 409);
});

// The task reports back: the case's result step (检查合格 / 责令改正 / 移送立案) writes the item's result,
// so the published plan on the portal shows it without a second entry by hand.
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const enc = encodeURIComponent;
async function step(caseNo, action, fields) {
  const r = await who.offsn.send('POST', `/workflow/cases/${enc(caseNo)}/actions`, { action, fields });
  assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`);
  return r.body;
}
async function inspectOnSite(caseNo, on) {
  await step(caseNo, 'inspection_start', { on });
  const up = await who.offsn.raw(`/api/v1/workflow/cases/${enc(caseNo)}/attachments?name=${enc('现场照片.png')}&stage=inspection_onsite&kind=photo`, {
    method: 'POST', headers: { 'Content-Type': 'image/png', 'X-CSRF-Token': who.offsn.csrf }, body: PNG_1X1,
  });
  assert.equal(up.status, 201, await up.text());
  await step(caseNo, 'inspection_record', { on, identity_shown: true });
}

test('an inspection task records its result on the plan item and the joint plan through its workflow steps', async () => {
  const plan = (await who.offsn.get(`/inspection-plans/${planA.id}`)).body;
  const [, second, third] = plan.items;
  const open = async (row) => {
    const r = await who.offsn.send('POST', '/inspections', taskOf(plan, row, 'SN-JC-1'));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.case.case_no;
  };
  // 责令改正, then 复查合格: the item reads 责令改正, dated the day inspected, naming the case
  const ordered = await open(second);
  await inspectOnSite(ordered, '2026-11-02');
  await step(ordered, 'inspection_order', { on: '2026-11-03', correction_due_on: '2026-11-17' });
  let got = (await who.offsn.get(`/inspection-plans/${plan.id}`)).body.items.find((i) => i.entity === second.entity);
  assert.equal(got.result, '责令改正');
  assert.equal(got.inspected_on, '2026-11-02');
  assert.equal(got.case_no, ordered);
  await step(ordered, 'inspection_followup_pass', { on: '2026-11-16', corrected_on: '2026-11-13' });
  // 检查合格 on another item
  const passed = await open(third);
  await inspectOnSite(passed, '2026-11-04');
  await step(passed, 'inspection_pass', { on: '2026-11-04' });
  const after = (await who.offsn.get(`/inspection-plans/${plan.id}`)).body;
  assert.equal(after.items.find((i) => i.entity === second.entity).result, '责令改正');
  assert.equal(after.items.find((i) => i.entity === third.entity).result, '未发现问题');
  const pub = (await (await fetch(`${srv.base}/api/v1/public/inspection-results`)).json()).items.find((p) => p.id === plan.id);
  assert.deepEqual([second, third].map((r) => pub.items.find((i) => i.entity === r.entity).result), ['责令改正', '未发现问题']);
  assert.equal(run(['--db', db, 'inspection', 'verify', '--plan', String(plan.id)]).code, 0, 'the draw still verifies');

  // the joint plan's task (opened above by the lead agency): 移送立案 becomes the lead agency's items' result
  const jp = (await who.sup.get('/joint-plans')).body.items.find((x) => x.entity.id_no === party.id_no);
  const caseNo = (await who.sup.get(`/joint-plans/${jp.id}`)).body.case_no;
  await inspectOnSite(caseNo, '2026-11-05');
  const t = await step(caseNo, 'inspection_transfer', { on: '2026-11-05', penalty_power: 'SN-CF-1' });
  assert.ok(t.workflow.state?.transferred_case || JSON.parse(stateOf(caseNo)).transferred_case, 'the penalty case is opened');
  const rec = (await who.sup.get(`/joint-plans/${jp.id}`)).body;
  for (const it of rec.items) {
    if (it.agency === SN) assert.deepEqual([it.result, it.note], ['移送立案', `检查任务 ${caseNo} 登记`]);
    else assert.notEqual(it.result, '移送立案', 'another agency records its own items');
  }
});

// The plans are rows the ledger covers (docs/ledger.md): every write an inspection_plan.put /
// joint_plan.put event, so a result changed in the database behind the system's back is named.
test('zhifa verify holds the plans and joint plans to their events; a result edited with sqlite3 is named', async () => {
  const fs = await import('node:fs');
  const verify = (file) => {
    const r = run(['--db', file, 'verify', '--json']);
    return { code: r.code, problems: r.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.kind) };
  };
  // the population edited by hand in an earlier test is the one problem found so far
  const tampered = (await who.headsn.get(`/inspection-plans?agency=${SN}`)).body.items.find((x) => x.name === '篡改检验');
  const was = verify(db);
  assert.equal(was.code, 1);
  assert.deepEqual(was.problems.map((x) => x.kind), ['inspection_plan_changed'], JSON.stringify(was.problems));
  assert.ok(was.problems[0].message.includes(`insp_plans[${tampered.id}]`), was.problems[0].message);
  const copy = (edit) => {
    const d = path.join(tmpDir(), 'edited.db');
    copyDb(db, d);
    fs.copyFileSync(`${db}.sm2.pem`, `${d}.sm2.pem`);
    if (fs.existsSync(`${db}.files`)) fs.cpSync(`${db}.files`, `${d}.files`, { recursive: true });
    dbExec(d, edit);
    const r = verify(d);
    assert.equal(r.code, 1);
    return r.problems.filter((x) => !x.message.includes(`insp_plans[${tampered.id}]`));
  };
  const entity = (await who.offsn.get(`/inspection-plans/${planA.id}`)).body.items[1].entity;
  // the same edit in either dialect: one field of the body set to '未发现问题'
  const setTo = (sqlitePath, pgPath) => (backend === 'pg'
    ? `jsonb_set(body::jsonb, '${pgPath}', '"未发现问题"')::text` : `json_set(body, '${sqlitePath}', '未发现问题')`);
  const p = copy(`UPDATE insp_plans SET body = ${setTo(`$.results.${entity}.result`, `{results,${entity},result}`)} WHERE id = ${planA.id}`);
  assert.deepEqual(p.map((x) => x.kind), ['inspection_plan_changed'], JSON.stringify(p));
  assert.ok(p[0].message.includes(`insp_plans[${planA.id}]`) && /[\u4e00-\u9fff]/.test(p[0].message), p[0].message);
  const jp = (await who.sup.get('/joint-plans')).body.items.find((x) => x.entity.id_no === party.id_no);
  const j = copy(`UPDATE joint_plans SET body = ${setTo('$.items[0].result', '{items,0,result}')} WHERE id = ${jp.id}`);
  assert.deepEqual(j.map((x) => x.kind), ['joint_plan_changed'], JSON.stringify(j));
  assert.ok(j[0].message.includes(`joint_plans[${jp.id}]`), j[0].message);
});
