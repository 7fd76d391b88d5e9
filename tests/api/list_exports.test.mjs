// GET <list>/export.xlsx of every list page: the workbook, unzipped and its sheet read here,
// holds under its Chinese headings exactly the rows the list API gives for the same filters
// (every page), each value written as the page shows it: codes by their GET /dicts names, money
// in yuan. One audit entry per export, with its Chinese name; the list's permission guards it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, client } from './lib/zhifa.mjs';
import { zipEntries, zipPart, zipTest } from './lib/xlsx.mjs';

let server, who, dicts;

before(async () => {
  const db = path.join(tmpDir(), 'exports.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const users = {
    sup: addUser(db, { username: 'lx_sup', role: 'supervisor', region: '370200' }),
    sys: addUser(db, { username: 'lx_sys', role: 'sysadmin' }),
    aud: addUser(db, { username: 'lx_aud', role: 'auditor' }),
    officer: addUser(db, { username: 'lx_officer', role: 'officer', agency: '113702021588139920' }),
  };
  server = await startServer({ db });
  who = {};
  for (const [k, u] of Object.entries(users)) who[k] = await login(server.base, u.username, u.password);
  dicts = (await who.sup.get('/dicts')).body;
});
after(async () => { await server?.stop(); });

const name = (table, code) => (code == null ? '' : (dicts[table] || []).find((e) => e.code === code)?.name ?? code);
const s = (v) => (v == null ? '' : String(v));
const yes = (v) => (v == null ? '' : v ? '是' : '否');
const num = (v) => (v == null ? '' : Number(v));

const unxml = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const colIndex = (letters) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
/** The first sheet's rows as arrays (strings; numbers as Number), width columns each. */
function sheetRows(buf, width) {
  const xml = zipPart(buf, 'xl/worksheets/sheet1.xml');
  return [...xml.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)].map(([, , cells]) => {
    const row = [];
    for (const [, col, str, n] of cells.matchAll(/<c r="([A-Z]+)\d+"[^>]*>(?:<is><t[^>]*>(.*?)<\/t><\/is>|<v>(.*?)<\/v>)<\/c>/g))
      row[colIndex(col)] = str !== undefined ? unxml(str) : Number(n);
    return Array.from({ length: width }, (_, i) => row[i] ?? '');
  });
}

// Each list page: its API path, a filter that selects some of its rows, who may read it, and the
// page's columns written out here from the list's JSON, independently of the server's table.
const LISTS = [
  { path: '/findings', filter: 'severity=violation', as: 'sup', cols: [
    ['级别', (i) => name('severities', i.severity)], ['规则', (i) => name('rules', i.rule)],
    ['对象类别', (i) => name('subject_types', i.subject_type)], ['对象', (i) => s(i.subject)], ['执法主体', (i) => s(i.agency_name)],
    ['领域', (i) => name('sectors', i.sector)], ['说明', (i) => s(i.message)], ['依据', (i) => s(i.law)], ['期限', (i) => s(i.due_on)],
    ['首次发现', (i) => s(i.first_seen)], ['持续天数', (i) => num(i.age_days)], ['消除时间', (i) => s(i.resolved_at)]] },
  { path: '/orders', filter: 'kind=supervise', as: 'sup', cols: [
    ['文号', (i) => s(i.doc_no)], ['类别', (i) => s(i.kind_name)], ['执法主体', (i) => s(i.agency_name)], ['区划', (i) => s(i.region_name)],
    ['问题', (i) => s(i.problem)], ['涉及案件', (i) => (i.case_nos || []).join('、')], ['状态', (i) => s(i.status_name)],
    ['下发日期', (i) => s(i.issued_on)], ['整改期限（工作日）', (i) => num(i.deadline_wd)], ['到期日', (i) => s(i.due_on)],
    ['逾期', (i) => yes(i.overdue)], ['升级', (i) => s(i.escalation_name)], ['下发机关', (i) => s(i.issuer)]] },
  { path: '/leads', filter: '', as: 'sup', cols: [
    ['编号', (i) => num(i.id)], ['来源', (i) => s(i.source_name)], ['来源编号', (i) => s(i.source_ref)], ['类别', (i) => s(i.category)],
    ['内容', (i) => s(i.content)], ['涉及执法主体', (i) => s(i.agency_name)], ['涉及案件', (i) => s(i.case_no)], ['状态', (i) => s(i.status_name)],
    ['受理时间', (i) => s(i.received_at)], ['办理期限', (i) => s(i.due_on)], ['答复日期', (i) => s(i.answered_on)], ['逾期', (i) => yes(i.overdue)]] },
  { path: '/officers', filter: 'agency=113702021588139920', as: 'sup', cols: [
    ['姓名', (i) => s(i.name)], ['执法证号', (i) => s(i.cert_no)], ['所属执法主体', (i) => s(i.agency_name)],
    ['有效期自', (i) => s(i.cert_valid_from)], ['有效期至', (i) => s(i.cert_valid_to)], ['状态', (i) => name('officer_status', i.status)]] },
  { path: '/powers', filter: '', as: 'sup', cols: [
    ['事项编码', (i) => s(i.code)], ['事项名称', (i) => s(i.name)], ['类别', (i) => name('power_kinds', i.kind)],
    ['依据', (i) => (i.basis || []).map((b) => `${b.law}${b.article}`).join('、')]] },
  { path: '/agencies', filter: '', as: 'sup', cols: [
    ['名称', (i) => s(i.name)], ['统一社会信用代码', (i) => s(i.code)], ['区划代码', (i) => s(i.region)],
    ['层级', (i) => name('agency_levels', i.level)], ['类别', (i) => name('agency_kinds', i.kind)], ['领域', (i) => name('sectors', i.sector)]] },
  { path: '/users', filter: '', as: 'sys', cols: [
    ['用户名', (i) => s(i.username)], ['姓名', (i) => s(i.display_name)], ['角色', (i) => s(i.role_name)],
    ['所属机构', (i) => s(i.agency_name)], ['区划代码', (i) => s(i.region)], ['已停用', (i) => yes(i.disabled)]] },
  { path: '/audit', filter: 'action=login', as: 'aud', cols: [
    ['时间', (i) => s(i.time)], ['用户', (i) => s(i.username)], ['角色', (i) => name('roles', i.role)], ['IP', (i) => s(i.ip)],
    ['动作', (i) => s(i.action_name)], ['对象', (i) => s(i.target)], ['结果', (i) => s(i.result)], ['详情', (i) => s(i.detail)]] },
  { path: '/filings', filter: '', as: 'sup', cols: [
    ['案号', (i) => s(i.case_no)], ['执法主体', (i) => s(i.agency_name)], ['重大的理由', (i) => s(i.reasons)],
    ['决定日期', (i) => s(i.decided_on)], ['备案日期', (i) => s(i.filed_on)], ['备案期限', (i) => s(i.due_on)], ['逾期备案', (i) => yes(i.late)],
    ['审查状态', (i) => s(i.status_name)], ['审查结果', (i) => s(i.result_name)], ['审查意见', (i) => s(i.note)]] },
  { path: '/reports/monthly', filter: 'month=2026-11', as: 'sup', cols: [
    ['执法主体', (i) => s(i.name)], ['区划代码', (i) => s(i.region)], ['已报送', (i) => yes(i.submitted)], ['逾期未报', (i) => yes(i.overdue)],
    ['报送时间', (i) => s(i.report?.submitted_at)]] },
  { path: '/reviews/plans', filter: '', as: 'sup', cols: [
    ['计划名称', (i) => s(i.name)], ['评查期间自', (i) => s(i.period_from)], ['评查期间至', (i) => s(i.period_to)],
    ['状态', (i) => s(i.status_name)], ['每主体抽取（件）', (i) => num(i.per_agency)], ['创建时间', (i) => s(i.created_at)]] },
  { path: '/focus-agencies', filter: `year=${new Date().getFullYear()}`, as: 'sup', cols: [
    ['排名', (i) => num(i.rank)], ['执法主体', (i) => s(i.agency_name)], ['线索（件）', (i) => num(i.leads)],
    ['复议纠错（件）', (i) => num(i.reconsideration)], ['诉讼纠错（件）', (i) => num(i.litigation)], ['监督文书（件）', (i) => num(i.orders)],
    ['逾期文书（件）', (i) => num(i.overdue_orders)], ['违法预警（条）', (i) => num(i.violations)], ['得分', (i) => num(i.score)]] },
];

/** Every item of the list for a filter, page by page as the console would. */
async function allItems(c, p, filter) {
  const items = [];
  for (let page = 1; ; page++) {
    const r = await c.get(`${p}?${filter}&page=${page}&size=50`);
    assert.equal(r.status, 200, `${p} ${JSON.stringify(r.body)}`);
    items.push(...r.body.items);
    if (!r.body.items.length || items.length >= r.body.total || r.body.page === undefined) return items;
  }
}

async function exportOf(c, p, filter) {
  const r = await c.raw(`/api/v1${p}/export.xlsx?${filter}`);
  assert.equal(r.status, 200, `${p}/export.xlsx`);
  assert.match(r.headers.get('content-type'), /spreadsheetml\.sheet/);
  assert.match(r.headers.get('content-disposition'), /attachment; filename="[a-z-]+\.xlsx"; filename\*=UTF-8''%E/);
  return Buffer.from(await r.arrayBuffer());
}

for (const list of LISTS) {
  test(`${list.path}/export.xlsx holds the list's rows for the same filter, under Chinese headings, names not codes`, async () => {
    const c = who[list.as];
    for (const filter of [...new Set(['', list.filter])]) {
      const items = await allItems(c, list.path, filter);
      const buf = await exportOf(c, list.path, filter);
      zipTest(buf);
      assert.ok(zipEntries(buf).includes('xl/worksheets/sheet1.xml'));
      const [head, ...rows] = sheetRows(buf, list.cols.length);
      assert.deepEqual(head, list.cols.map(([h]) => h));
      assert.deepEqual(rows, items.map((i) => list.cols.map(([, f]) => f(i))), `${list.path}?${filter}`);
    }
  });
}

test('the demo gives each list something to export', async () => {
  for (const list of LISTS) assert.ok((await allItems(who[list.as], list.path, '')).length > 0, list.path);
});

test('an export is the list\'s data scope: an officer sees his agency\'s orders only, and a bad filter is the list\'s 400', async () => {
  const mine = await allItems(who.officer, '/officers', '');
  const [, ...rows] = sheetRows(await exportOf(who.officer, '/officers', ''), 6);
  assert.deepEqual(rows.map((r) => r[1]), mine.map((i) => i.cert_no));
  const bad = await who.sup.get('/orders/export.xlsx?status=maybe');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'status');
  assert.equal((await client(server.base).raw('/api/v1/findings/export.xlsx')).status, 401);
  assert.equal((await who.officer.raw('/api/v1/users/export.xlsx')).status, 403);
});

test('each export writes one audit entry with its Chinese name, and the list\'s own reads write none', async () => {
  const count = async (action) => (await who.aud.get(`/audit?action=${action}&username=lx_sup&size=1`)).body.total;
  const before = { ex: await count('orders_export'), all: (await who.aud.get('/audit?username=lx_sup&size=1')).body.total };
  await exportOf(who.sup, '/orders', '');
  assert.equal(await count('orders_export'), before.ex + 1);
  assert.equal((await who.aud.get('/audit?username=lx_sup&size=1')).body.total, before.all + 1);
  const names = Object.fromEntries(dicts.audit_actions.map((e) => [e.code, e.name]));
  for (const a of ['findings_export', 'orders_export', 'leads_export', 'officers_export', 'powers_export', 'agencies_export',
    'users_export', 'audit_export_xlsx', 'filings_export', 'reports_monthly_export', 'review_plans_export', 'focus_agencies_export'])
    assert.match(names[a] || '', /^导出/, a);
});
