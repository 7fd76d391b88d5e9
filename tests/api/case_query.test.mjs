// 案件查询: every case of the caller's data scope, filtered, sorted and paged. Expectations are
// computed here from the fixture itself; scope across two regions and a province.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { run, tmpDir, startServer, addUser, login, client, hasChinese } from './lib/zhifa.mjs';
import { cnid, uscc } from './lib/codes.mjs';
import { zipEntries, zipPart, zipTest } from './lib/xlsx.mjs';

const HD = uscc('11370211MB1000001'); // 370211 黄岛区
const JM = uscc('11370282MB1000002'); // 370282 即墨区 (a county-level city under 3702)
const BJ = uscc('11110101MB2000003'); // 110101 北京东城
const agencies = [
  { type: 'agency', code: HD, name: '青岛市黄岛区测试局', region: '370211', level: 'county', kind: 'department', sector: 'market_regulation' },
  { type: 'agency', code: JM, name: '即墨区测试局', region: '370282', level: 'county', kind: 'department', sector: 'transport' },
  { type: 'agency', code: BJ, name: '北京市东城区测试局', region: '110101', level: 'county', kind: 'department', sector: 'market_regulation' },
];
const person = (name, n) => ({ kind: 'person', name, id_no: cnid(`3702021980010${String(100 + n).slice(-3)}1`.slice(0, 17)) });
const penalty = (no, agency, { procedure = 'ordinary', filed, decided, closed, fine, party = '张三', n = 1 } = {}) => ({
  type: 'case', case_no: no, agency, kind: 'penalty', power: 'P-1', party: person(party, n), officers: ['C-1', 'C-2'], procedure,
  ...(filed ? { filed_on: filed } : {}), ...(decided ? { decided_on: decided } : {}), ...(closed ? { closed_on: closed } : {}),
  ...(fine !== undefined ? { decision: { outcome: 'penalty', measures: ['fine'], fine, doc_no: `${no}决` } } : {}),
});
const cases = [
  penalty('黄岛罚〔2026〕1号', HD, { filed: '2026-01-05', decided: '2026-02-10', closed: '2026-03-01', fine: 5000, party: '王一', n: 1 }),
  penalty('黄岛罚〔2026〕2号', HD, { filed: '2026-02-01', decided: '2026-03-15', fine: 20000, party: '李二', n: 2 }),
  penalty('黄岛罚〔2026〕3号', HD, { filed: '2026-03-20', party: '青岛某某有限公司', n: 3 }),
  penalty('黄岛罚〔2026〕4号', HD, { procedure: 'simple', filed: '2026-04-02', decided: '2026-04-02', closed: '2026-04-02', fine: 200, party: '赵四', n: 4 }),
  penalty('即墨罚〔2026〕1号', JM, { filed: '2026-01-20', decided: '2026-02-28', closed: '2026-03-30', fine: 80000, party: '孙五', n: 5 }),
  penalty('即墨罚〔2026〕2号', JM, { filed: '2026-05-06', party: '周六', n: 6 }),
  penalty('东城罚〔2026〕1号', BJ, { filed: '2026-02-15', decided: '2026-03-20', fine: 3000, party: '吴七', n: 7 }),
];
const status = (c) => (c.closed_on ? 'closed' : c.decided_on ? 'decided' : 'open');
const regionOf = { [HD]: '370211', [JM]: '370282', [BJ]: '110101' };
const nos = (list) => list.map((c) => c.case_no).sort();

let srv, who = {}, anon;
before(async () => {
  const db = path.join(tmpDir(), 'cases.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const r = run(['--db', db, 'import', '-'], { input: [...agencies, ...cases].map((x) => JSON.stringify(x)).join('\n') + '\n' });
  assert.equal(r.code, 0, r.stderr);
  const users = {
    officer: { role: 'officer', agency: HD }, sup: { role: 'supervisor', region: '370200' },
    bj: { role: 'supervisor', region: '110000' }, leader: { role: 'leader', region: '370000' },
    aud: { role: 'auditor' },
  };
  const made = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, addUser(db, { username: `cq_${k}`, ...u })]));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(made)) who[k] = await login(srv.base, u.username, u.password);
  anon = client(srv.base);
});
after(() => srv?.stop());

const list = async (c, query = '') => {
  const r = await c.get(`/cases?size=200${query}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
};

test('each user sees exactly the cases of his scope; anonymous 401', async () => {
  assert.deepEqual(nos((await list(who.officer)).items), nos(cases.filter((c) => c.agency === HD)));
  assert.deepEqual(nos((await list(who.sup)).items), nos(cases.filter((c) => regionOf[c.agency].startsWith('3702'))));
  assert.deepEqual(nos((await list(who.leader)).items), nos(cases.filter((c) => regionOf[c.agency].startsWith('37'))));
  assert.deepEqual(nos((await list(who.bj)).items), nos(cases.filter((c) => c.agency === BJ)));
  assert.equal((await anon.get('/cases')).status, 401);
  // a filter cannot widen the scope
  assert.deepEqual((await list(who.officer, `&agency=${JM}`)).items, []);
  assert.deepEqual((await list(who.bj, '&region=370200')).items, []);
});

test('filters select what the fixture says they should', async () => {
  const mine = cases.filter((c) => regionOf[c.agency].startsWith('3702'));
  const checks = [
    ['&status=open', (c) => status(c) === 'open'],
    ['&status=decided', (c) => status(c) === 'decided'],
    ['&status=closed', (c) => status(c) === 'closed'],
    ['&procedure=simple', (c) => c.procedure === 'simple'],
    ['&filed_from=2026-02-01&filed_to=2026-04-02', (c) => c.filed_on >= '2026-02-01' && c.filed_on <= '2026-04-02'],
    ['&decided_from=2026-02-28&decided_to=2026-03-15', (c) => c.decided_on >= '2026-02-28' && c.decided_on <= '2026-03-15'],
    ['&fine_min=5000&fine_max=20000', (c) => c.decision && c.decision.fine >= 5000 && c.decision.fine <= 20000],
    [`&agency=${JM}`, (c) => c.agency === JM],
    ['&region=370282', (c) => regionOf[c.agency] === '370282'],
    ['&sector=transport', (c) => c.agency === JM],
    [`&q=${encodeURIComponent('李二')}`, (c) => c.party.name === '李二'],
    [`&q=${encodeURIComponent('即墨罚')}`, (c) => c.case_no.startsWith('即墨罚')],
    [`&q=${encodeURIComponent('黄岛罚〔2026〕1号决')}`, (c) => c.decision?.doc_no === '黄岛罚〔2026〕1号决'],
    ['&kind=penalty&status=decided&filed_from=2026-02-01', (c) => status(c) === 'decided' && c.filed_on >= '2026-02-01'],
  ];
  for (const [query, keep] of checks) assert.deepEqual(nos((await list(who.sup, query)).items), nos(mine.filter(keep)), query);
});

test('items carry the case\'s facts in their stored form; sort and paging', async () => {
  const body = await list(who.officer, '&sort=fine&order=asc');
  const fined = cases.filter((c) => c.agency === HD && c.decision).sort((a, b) => a.decision.fine - b.decision.fine);
  assert.deepEqual(body.items.filter((i) => i.fine !== null).map((i) => i.case_no), fined.map((c) => c.case_no));
  const one = body.items.find((i) => i.case_no === '黄岛罚〔2026〕2号');
  assert.equal(one.agency_name, '青岛市黄岛区测试局');
  assert.equal(one.party_name, '李二');
  assert.equal(one.status, 'decided');
  assert.equal(one.fine, 20000);
  assert.equal(one.doc_no, '黄岛罚〔2026〕2号决');
  assert.equal(one.online, false);
  const page2 = await who.sup.get('/cases?size=2&page=2&sort=case_no&order=asc');
  const all = nos(cases.filter((c) => regionOf[c.agency].startsWith('3702')));
  assert.equal(page2.body.total, all.length);
  assert.deepEqual(page2.body.items.map((i) => i.case_no), [...all].sort().slice(2, 4));
});

test('only cases with open findings, as the alert board lists them', async () => {
  assert.equal((await who.sup.send('POST', '/findings/sweep', { as_of: '2026-06-30' })).status, 200);
  const findings = (await who.sup.get('/findings?subject_type=case&size=200')).body.items;
  const flagged = [...new Set(findings.map((f) => f.subject))].sort();
  assert.ok(flagged.length > 0, 'the fixture has late cases');
  assert.deepEqual(nos((await list(who.sup, '&has_findings=1')).items), flagged);
  const clean = nos((await list(who.sup, '&has_findings=0')).items);
  assert.deepEqual(clean.filter((n) => flagged.includes(n)), []);
  const items = (await list(who.sup, '&has_findings=1')).items;
  for (const i of items) assert.equal(i.open_findings, findings.filter((f) => f.subject === i.case_no).length, i.case_no);
});

test('bad parameters are refused 400 in Chinese, naming the parameter', async () => {
  for (const [query, field] of [['status=maybe', 'status'], ['filed_from=2026-02-30', 'filed_from'], ['kind=penal', 'kind'],
    ['fine_min=-1', 'fine_min'], ['region=37', 'region'], ['sort=party', 'sort'], ['has_findings=yes', 'has_findings']]) {
    const r = await who.sup.get(`/cases?${query}`);
    assert.equal(r.status, 400, query);
    assert.equal(r.body.error.field, field, query);
    assert.ok(hasChinese(r.body.error.message), query);
  }
});

// ---- GET /cases/export.xlsx: the same selection as a workbook, read here with `unzip` and a regex ----
const unxml = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
/** The sheet's rows as arrays of cell values (strings; numbers as Number), by column letter A… */
function sheetRows(buf) {
  const xml = zipPart(buf, 'xl/worksheets/sheet1.xml');
  return [...xml.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)].map(([, , cells]) => {
    const row = [];
    for (const [, col, str, num] of cells.matchAll(/<c r="([A-Z]+)\d+"[^>]*>(?:<is><t[^>]*>(.*?)<\/t><\/is>|<v>(.*?)<\/v>)<\/c>/g))
      row[col.charCodeAt(0) - 65] = str !== undefined ? unxml(str) : Number(num);
    return Array.from({ length: 13 }, (_, i) => row[i] ?? '');
  });
}
const HEADINGS = ['案号', '案件编号', '执法主体', '案件类型', '程序', '当事人', '立案日期', '决定日期', '结案日期', '罚款（元）', '决定书文号', '状态', '未消除预警（条）'];
const agencyName = Object.fromEntries(agencies.map((a) => [a.code, a.name]));
const PROCEDURES = { simple: '简易程序', ordinary: '普通程序' };
const STATUSES = { open: '未结', decided: '已决定', closed: '已结案' };
/** The row the fixture says a case should have (the findings count is the list's). */
const expectedRow = (c, openFindings) => [c.case_no, c.filing_no ?? '', agencyName[c.agency], '行政处罚', PROCEDURES[c.procedure], c.party.name,
  c.filed_on ?? '', c.decided_on ?? '', c.closed_on ?? '', c.decision ? c.decision.fine : '', c.decision ? c.decision.doc_no : '',
  STATUSES[status(c)], openFindings];
const exportOf = async (c, query) => {
  const r = await c.raw(`/api/v1/cases/export.xlsx?${query}`);
  assert.equal(r.status, 200, query);
  assert.match(r.headers.get('content-type'), /spreadsheetml\.sheet/);
  assert.match(r.headers.get('content-disposition'), /attachment/);
  return Buffer.from(await r.arrayBuffer());
};

test('the Excel export holds the rows the list returns for the same filter and sort, names not codes', async () => {
  const byNo = Object.fromEntries(cases.map((c) => [c.case_no, c]));
  for (const query of ['', 'status=decided', 'procedure=simple', 'filed_from=2026-02-01&sort=fine&order=asc',
    `q=${encodeURIComponent('黄岛罚')}&sort=case_no&order=desc`, 'status=open']) {
    const items = (await list(who.sup, `&${query}`)).items;
    const buf = await exportOf(who.sup, query);
    assert.ok(zipEntries(buf).includes('xl/worksheets/sheet1.xml'));
    zipTest(buf);
    if (query) assert.ok(items.length > 0 && items.length < cases.length, `${query} selects some cases`);
    const [head, ...rows] = sheetRows(buf);
    assert.deepEqual(head, HEADINGS);
    assert.deepEqual(rows, items.map((i) => expectedRow(byNo[i.case_no], i.open_findings)), query);
  }
});

test('the export keeps to the data scope: another region\'s supervisor gets none of these cases', async () => {
  const [, ...bjRows] = sheetRows(await exportOf(who.bj, ''));
  assert.deepEqual(bjRows.map((r) => r[0]).sort(), nos(cases.filter((c) => c.agency === BJ)));
  const [, ...widened] = sheetRows(await exportOf(who.bj, 'region=370200'));
  assert.deepEqual(widened, []);
  const [, ...officerRows] = sheetRows(await exportOf(who.officer, `agency=${JM}`));
  assert.deepEqual(officerRows, []);
  assert.equal((await anon.raw('/api/v1/cases/export.xlsx')).status, 401);
  const bad = await who.sup.get('/cases/export.xlsx?status=maybe');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'status');
});

test('each export is audited once, with the exporter\'s scope', async () => {
  const before = (await who.aud.get('/audit?action=cases_export&username=cq_leader&size=200')).body.total;
  await exportOf(who.leader, 'status=closed');
  const after = (await who.aud.get('/audit?action=cases_export&username=cq_leader&size=200')).body;
  assert.equal(after.total, before + 1);
  assert.equal(after.items[0].detail, '37');
});

test('an export waiting for its first row holds no worker: with one worker the server still answers', async () => {
  // The producer is held before its first byte by a FIFO (ZHIFA_TEST_STREAM_GATE) until this test
  // opens it; meanwhile the single worker must serve other requests, a blocking read would not.
  const dir = tmpDir();
  const gate = path.join(dir, 'gate');
  assert.equal(spawnSync('mkfifo', [gate]).status, 0);
  const db = path.join(dir, 'one.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  run(['--db', db, 'import', '-'], { input: [...agencies, ...cases].map((x) => JSON.stringify(x)).join('\n') + '\n' });
  const u = addUser(db, { username: 'cq_gate', role: 'supervisor', region: '370200' });
  process.env.ZHIFA_TEST_STREAM_GATE = gate;
  const one = await startServer({ db, args: ['--threads', '1', '--sweep-every', '0'] });
  delete process.env.ZHIFA_TEST_STREAM_GATE;
  try {
    const sup = await login(one.base, u.username, u.password);
    const exporting = sup.raw('/api/v1/cases/export.xlsx');
    await new Promise((r) => setTimeout(r, 200)); // let the export reach its producer; not what is asserted
    const health = await fetch(`${one.base}/api/v1/healthz`, { signal: AbortSignal.timeout(20000) });
    assert.equal(health.status, 200, 'answered while the export waits');
    assert.equal((await sup.get('/cases?size=1')).status, 200);
    fs.writeFileSync(gate, ''); // opens the FIFO for writing: the producer goes on
    const done = await exporting;
    assert.equal(done.status, 200);
    const bytes = Buffer.from(await done.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'the whole workbook arrives after the wait');
  } finally {
    await one.stop();
  }
});

// Last: it moves an agency. The record of 即墨区测试局 is imported again with a Beijing region code;
// its cases (their rows untouched) go with it into the scope of the new region's supervisor and
// out of the old one's, in the list, its total and the export.
test('an agency moved to another region carries its cases\' scope with it', async () => {
  const moved = { ...agencies.find((a) => a.code === JM), region: '110101' };
  const r = run(['--db', srv.db, 'import', '-'], { input: JSON.stringify(moved) + '\n' });
  assert.equal(r.code, 0, r.stderr);
  const jm = nos(cases.filter((c) => c.agency === JM));
  const bj = await list(who.bj);
  assert.deepEqual(nos(bj.items), nos(cases.filter((c) => c.agency === BJ || c.agency === JM)));
  assert.equal(bj.total, jm.length + 1);
  assert.deepEqual(nos((await list(who.bj, '&region=110101&status=open')).items),
    nos(cases.filter((c) => (c.agency === BJ || c.agency === JM) && status(c) === 'open')));
  assert.ok(jm.every((no) => (bj.items.find((i) => i.case_no === no) || {}).region === '110101'));
  const sup = await list(who.sup);
  assert.deepEqual(nos(sup.items), nos(cases.filter((c) => c.agency === HD)));
  assert.deepEqual((await list(who.sup, '&region=370282')).items, []);
  const [, ...bjRows] = sheetRows(await exportOf(who.bj, ''));
  assert.deepEqual(bjRows.map((row) => row[0]).sort(), nos(cases.filter((c) => c.agency === BJ || c.agency === JM)));
});
