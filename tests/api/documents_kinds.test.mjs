// 执法文书 of the inspection, coercion, enforcement and licence cases (issue 17, docs/documents.md,
// docs/inspections.md "Documents each stage should produce"): each case taken through its steps
// online with back-entered lawful dates; every step that produces a document issues it (the
// template's auto_when), and each PDF, read back with pdftotext, holds the agency, the party, the
// dates in 2026年5月20日 form, the amounts in figures and 大写 and the text of the articles it quotes,
// taken from the statute files. Expectations come from the steps' inputs, the law and
// lib/calendar.mjs, never from the program.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { run, tmpDir, startServer, addUser, login, repoRoot } from './lib/zhifa.mjs';
import { addWd } from './lib/calendar.mjs';

const AGENCY = '113702021588139920';
const AGENCY_NAME = '青岛市市南区市场监督管理局';
const PARTY = { kind: 'org', name: '青岛龘鑫面粉加工有限公司', id_no: '91370202091141705L' };
const OFFICERS = ['37020200001', '37020200002'];
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const QZ = '行政强制法(2011-06-30).md';
const XK = '行政许可法(2019-04-23).md';
const CF = '行政处罚法(2021-01-22).md';
let srv, db, dir;
const as = {};

before(async () => {
  dir = tmpDir();
  db = path.join(dir, 'kinds-docs.db');
  assert.equal(run(['--db', db, 'init', '--demo'], { timeout: 120000 }).code, 0);
  const users = {
    officer: addUser(db, { username: 'kd_officer', role: 'officer', agency: AGENCY }),
    head: addUser(db, { username: 'kd_head', role: 'agency_head', agency: AGENCY }),
  };
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(users)) as[k] = await login(srv.base, u.username, u.password);
});
after(() => srv?.stop());

const enc = encodeURIComponent;
/** 2026-05-20 → 2026年5月20日 (GB/T 9704: Arabic numerals, no leading zeros). */
const cnDate = (iso) => { const [y, m, d] = iso.split('-').map(Number); return `${y}年${m}月${d}日`; };
const flat = (s) => s.replace(/\s+/g, '');

/** The text of an article as the statute file holds it (its first paragraph). */
function article(file, label) {
  const text = fs.readFileSync(path.join(repoRoot, 'data/laws', file), 'utf8');
  const at = text.indexOf(`\n${label} `);
  assert.ok(at >= 0, label);
  return text.slice(at + label.length + 2).split('\n')[0];
}

async function ok(who, caseNo, action, fields = {}) {
  const r = await as[who].send('POST', `/workflow/cases/${enc(caseNo)}/actions`, { action, fields });
  assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`);
  return r.body;
}
async function open(body) {
  const r = await as.officer.send('POST', '/workflow/cases', { power: 'SC-QZ-001', party: PARTY, officers: OFFICERS, ...body });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.case.case_no;
}

/** The text of the case's (only) document of kind, issued by the workflow. */
async function documentText(caseNo, kind) {
  const r = await as.officer.get(`/cases/${enc(caseNo)}/documents`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const docs = r.body.items.filter((d) => d.kind === kind);
  assert.equal(docs.length, 1, `${caseNo} has its ${kind}: ${r.body.items.map((d) => d.kind)}`);
  assert.equal(docs[0].issued_by, 'kd_' + (docs[0].issued_by.endsWith('head') ? 'head' : 'officer'));
  const pdf = await as.officer.raw(docs[0].download);
  assert.equal(pdf.status, 200);
  const file = path.join(dir, `${crypto.randomUUID()}.pdf`);
  fs.writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
  return flat(spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout);
}
function expectAll(text, strings, what) {
  for (const s of strings) assert.ok(text.includes(flat(s)), `${what}: «${s}» in ${text.slice(0, 400)}…`);
}
const kindsOf = async (caseNo) => (await as.officer.get(`/cases/${enc(caseNo)}/documents`)).body.items.map((d) => d.kind);

test('an inspection: 检查通知书 at the notice, 责令改正通知书 with the deadline at the order', async () => {
  const r = await as.officer.send('POST', '/inspections', {
    agency: AGENCY, party: PARTY, power: 'SC-JC-001', officers: OFFICERS, notice_required: true,
    inspection_items: '食品贮存、标签标识',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const caseNo = r.body.case.case_no;
  await ok('officer', caseNo, 'inspection_notify', { on: '2026-10-30' });
  expectAll(await documentText(caseNo, 'inspection_notice'), [AGENCY_NAME, '检查通知书', PARTY.name, '食品贮存、标签标识',
    cnDate('2026-10-30'), article(CF, '第五十五条')], '检查通知书');

  await ok('officer', caseNo, 'inspection_start', { on: '2026-11-02' });
  const up = await as.officer.raw(`/api/v1/workflow/cases/${enc(caseNo)}/attachments?name=${enc('现场照片.png')}&stage=inspection_onsite&kind=photo`, {
    method: 'POST', headers: { 'Content-Type': 'image/png', 'X-CSRF-Token': as.officer.csrf }, body: PNG_1X1,
  });
  assert.equal(up.status, 201);
  await ok('officer', caseNo, 'inspection_record', { on: '2026-11-02', identity_shown: true });
  assert.ok(!(await kindsOf(caseNo)).includes('correction_order'), 'no order yet, no 责令改正通知书');
  await ok('officer', caseNo, 'inspection_order', { on: '2026-11-03', correction_due_on: '2026-11-17' });
  expectAll(await documentText(caseNo, 'correction_order'), [AGENCY_NAME, '责令改正通知书', PARTY.name,
    cnDate('2026-11-02'), cnDate('2026-11-17'), cnDate('2026-11-03'), '第二十八条第一款', article(CF, '第二十八条')], '责令改正通知书');
});

test('a seizure: 扣押决定书 with its 清单 and period, the extension, the release', async () => {
  const caseNo = await open({ case_type: 'coercion', measure: 'seize', cause: '涉嫌经营超过保质期的食品' });
  await ok('head', caseNo, 'coercion_approve', { on: '2026-09-02' });
  await ok('officer', caseNo, 'coercion_implement', { on: '2026-09-02', onsite_record: true, inventory: '酱卤牛肉（200g/袋）21 件' });
  // 强制法 25: 查封、扣押的期限不得超过三十日
  expectAll(await documentText(caseNo, 'coercion_decision'), [AGENCY_NAME, '扣押决定书', PARTY.name, '涉嫌经营超过保质期的食品',
    '扣押清单', '酱卤牛肉（200g/袋）21 件', '期限为30日', cnDate('2026-09-02'), article(QZ, '第二十四条'), article(QZ, '第二十五条'),
    '申请行政复议', '提起行政诉讼'], '扣押决定书');
  await ok('head', caseNo, 'coercion_extend', { on: '2026-09-30', extension_days: 30 });
  expectAll(await documentText(caseNo, 'coercion_extension'), [AGENCY_NAME, '延长扣押期限决定书', PARTY.name, cnDate('2026-09-02'),
    '延长30日', '第二十五条第一款'], '延长扣押期限决定书');
  await ok('officer', caseNo, 'coercion_release', { on: '2026-10-30' });
  expectAll(await documentText(caseNo, 'coercion_release'), [AGENCY_NAME, '解除扣押决定书', PARTY.name, cnDate('2026-10-30'),
    '解除扣押财物清单', '酱卤牛肉（200g/袋）21 件', article(QZ, '第二十八条')], '解除扣押决定书');
});

test('an enforcement: 催告书 with the obligation, amount and 催告 period, then the 行政强制执行决定书', async () => {
  const caseNo = await open({ case_type: 'enforcement', obligation: '缴纳罚款', principal: 20000, late_fee: 1234.5 });
  await ok('officer', caseNo, 'enforce_demand', { on: '2026-11-02' });
  const due = addWd('2026-11-02', 10); // 强制法 69: periods of ten days are working days
  expectAll(await documentText(caseNo, 'enforce_demand'), [AGENCY_NAME, '催告书', PARTY.name, '缴纳罚款', '20,000.00',
    '贰万元整', cnDate('2026-11-02'), cnDate(due), '第三十六条', article(QZ, '第三十五条')], '催告书');
  await ok('officer', caseNo, 'enforce_demand_due', { on: '2026-11-17' });
  await ok('head', caseNo, 'enforce_decide', { on: '2026-11-17' });
  expectAll(await documentText(caseNo, 'enforce_decision'), [AGENCY_NAME, '行政强制执行决定书', PARTY.name, '缴纳罚款',
    cnDate('2026-11-02'), cnDate(due), cnDate('2026-11-17'), '20,000.00', '贰万元整', '1,234.50', '壹仟贰佰叁拾肆元伍角整',
    article(QZ, '第三十七条'), '申请行政复议'], '行政强制执行决定书');
});

test('a licence: 补正材料通知书, 受理通知书, 延长许可期限通知书, 准予 and 不予行政许可决定书', async () => {
  const caseNo = await open({ case_type: 'license', power: 'SC-XK-001', received_on: '2026-11-02', license_items: '食品经营许可（新办）' });
  await ok('officer', caseNo, 'license_correction', { on: '2026-11-04' });
  expectAll(await documentText(caseNo, 'license_correction'), [AGENCY_NAME, '补正材料通知书', PARTY.name, cnDate('2026-11-02'),
    cnDate('2026-11-04'), '第三十二条第一款第（四）项', article(XK, '第三十二条')], '补正材料通知书');
  await ok('officer', caseNo, 'license_accept', { on: '2026-11-06' });
  // 许可法 42: 二十日内作出决定 (working days, 82)
  expectAll(await documentText(caseNo, 'license_acceptance'), [AGENCY_NAME, '受理通知书', PARTY.name, cnDate('2026-11-02'),
    cnDate('2026-11-06'), '20个工作日', article(XK, '第四十二条')], '受理通知书');
  await ok('head', caseNo, 'license_extend', { on: '2026-11-20', extension_days: 10 });
  expectAll(await documentText(caseNo, 'license_extension'), [AGENCY_NAME, '延长许可期限通知书', PARTY.name, cnDate('2026-11-06'),
    '延长10个工作日', '第四十二条第一款'], '延长许可期限通知书');
  await ok('officer', caseNo, 'license_submit', { on: '2026-11-23' });
  await ok('head', caseNo, 'license_grant', { on: '2026-11-24' });
  expectAll(await documentText(caseNo, 'license_grant'), [AGENCY_NAME, '准予行政许可决定书', PARTY.name, cnDate('2026-11-24'),
    article(XK, '第三十八条'), article(XK, '第四十四条')], '准予行政许可决定书');
  assert.ok(!(await kindsOf(caseNo)).includes('license_denial'));
  // a penalty document is not one of a licence's
  const wrong = await as.officer.send('POST', `/cases/${enc(caseNo)}/documents`, { kind: 'decision' });
  assert.equal(wrong.status, 422, JSON.stringify(wrong.body));

  const denied = await open({ case_type: 'license', power: 'SC-XK-001', received_on: '2026-11-02', license_items: '食品经营许可（新办）' });
  await ok('officer', denied, 'license_accept', { on: '2026-11-03' });
  await ok('officer', denied, 'license_submit', { on: '2026-11-10' });
  await ok('head', denied, 'license_deny', { on: '2026-11-12' });
  expectAll(await documentText(denied, 'license_denial'), [AGENCY_NAME, '不予行政许可决定书', PARTY.name, cnDate('2026-11-03'),
    cnDate('2026-11-12'), '第三十八条第二款', article(XK, '第三十八条'), '申请行政复议', '提起行政诉讼'], '不予行政许可决定书');
  assert.ok(!(await kindsOf(denied)).includes('license_grant'));
});
