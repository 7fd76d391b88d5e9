// 线索中心 (issue 15, docs/leads.md): a lead entered by a supervisor taken through triage, dispatch,
// the agency's answer, verification and close; rejects with their reasons; a lead turned into an
// order; the reporter masked but on the lead's own page (that read audited); scope denials.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, dbExec } from './lib/zhifa.mjs';
import { uscc } from './lib/codes.mjs';
import { addWd, todayChina } from './lib/calendar.mjs';

const HD = uscc('11370211MB1000001'); // 370211 黄岛区, under 青岛市 370200
const JM = uscc('11370282MB1000002'); // 370282 即墨区
const BJ = uscc('11110101MB2000003'); // 110101 北京东城
const agencies = [
  { type: 'agency', code: HD, name: '青岛市黄岛区测试局', region: '370211', level: 'county', kind: 'department', sector: 'market_regulation' },
  { type: 'agency', code: JM, name: '即墨区测试局', region: '370282', level: 'county', kind: 'department', sector: 'transport' },
  { type: 'agency', code: BJ, name: '北京市东城区测试局', region: '110101', level: 'county', kind: 'department', sector: 'market_regulation' },
];

let srv, db, who = {}, today;
before(async () => {
  db = path.join(tmpDir(), 'leads.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  assert.equal(run(['--db', db, 'import', '-'], { input: agencies.map((x) => JSON.stringify(x)).join('\n') + '\n' }).code, 0);
  const users = {
    sup: { role: 'supervisor', region: '370200' }, bj: { role: 'supervisor', region: '110000' },
    head: { role: 'agency_head', agency: HD }, jm: { role: 'officer', agency: JM }, auditor: { role: 'auditor' },
  };
  const made = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, addUser(db, { username: `l_${k}`, ...u })]));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(made)) who[k] = await login(srv.base, u.username, u.password);
  today = todayChina();
});
after(() => srv?.stop());

const enter = async (extra = {}) => {
  const r = await who.sup.send('POST', '/leads', {
    source: 'petition', content: '反映某超市长期销售过期食品，执法机关接到投诉后未处理', agency: HD,
    reporter: { name: '王小明', phone: '13812345678' }, ...extra,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
};
const act = (c, id, body) => c.send('POST', `/leads/${id}/actions`, body);
async function ok(c, id, body, status) {
  const r = await act(c, id, body);
  assert.equal(r.status, 200, `${body.action}: ${JSON.stringify(r.body)}`);
  assert.equal(r.body.status, status);
  return r.body;
}

test('triage, dispatch, the agency\'s answer, verification and close; the period by working days', async () => {
  const l = await enter();
  assert.equal(l.status, 'received');
  assert.equal(l.source_name, '信访');
  assert.equal((await who.head.get(`/leads/${l.id}`)).status, 404, 'not the agency\'s until dispatched');
  await ok(who.sup, l.id, { action: 'accept' }, 'triaged');
  const d = await ok(who.sup, l.id, { action: 'dispatch' }, 'dispatched');
  assert.equal(d.due_on, addWd(today, 15), 'a 信访 lead: 15 working days (setting lead_petition_wd)');
  assert.equal(d.colour, 'green');
  const inbox = (await who.head.get('/leads?status=dispatched&size=200')).body.items;
  assert.ok(inbox.some((x) => x.id === l.id), 'the agency sees what was dispatched to it');
  assert.equal((await act(who.head, l.id, { action: 'answer' })).status, 422, 'an answer says what was done');
  await ok(who.head, l.id, { action: 'answer', note: '已立案调查，责令下架过期食品' }, 'answered');
  assert.equal((await act(who.head, l.id, { action: 'verify' })).status, 403, 'verifying is the supervisor\'s');
  await ok(who.sup, l.id, { action: 'verify', note: '电话回访属实' }, 'verified');
  const closed = await ok(who.sup, l.id, { action: 'close', note: '已依法处理' }, 'closed');
  assert.deepEqual(closed.timeline.map((t) => t.action), ['receive', 'accept', 'dispatch', 'answer', 'verify', 'close']);
  assert.equal((await act(who.sup, l.id, { action: 'close' })).status, 409);
});

test('the reporter is masked in lists, shown on the lead\'s page, and that read is audited', async () => {
  const l = await enter();
  const listed = (await who.sup.get('/leads?size=200')).body.items.find((x) => x.id === l.id);
  assert.deepEqual(listed.reporter, { name: '王*', phone: '138****5678' });
  const full = (await who.sup.get(`/leads/${l.id}`)).body;
  assert.deepEqual(full.reporter, { name: '王小明', phone: '13812345678' });
  const audit = (await who.auditor.get('/audit?action=read_personal&size=200')).body.items;
  assert.ok(audit.some((a) => a.target === String(l.id)), 'the unmasked read is in the audit log');
});

test('not taken up: each reason with what it needs; a duplicate names the lead it repeats', async () => {
  const first = await enter();
  const again = await enter();
  assert.equal((await act(who.sup, again.id, { action: 'reject' })).status, 422, 'a reason is required');
  assert.equal((await act(who.sup, again.id, { action: 'reject', reason: 'duplicate' })).status, 422, 'which lead?');
  const dup = await ok(who.sup, again.id, { action: 'reject', reason: 'duplicate', duplicate_of: first.id }, 'closed');
  assert.equal(dup.duplicate_of, first.id);
  assert.equal(dup.triage.result_name, '重复线索');
  const other = await enter();
  const nb = await ok(who.sup, other.id, { action: 'reject', reason: 'no_basis', note: '经核查无此事' }, 'closed');
  assert.equal(nb.triage.result_name, '反映问题缺乏事实依据');
});

test('a lead turned into an order: a draft about its agency that names the lead, and the lead links it', async () => {
  const l = await enter();
  await ok(who.sup, l.id, { action: 'accept' }, 'triaged');
  const c = await ok(who.sup, l.id, {
    action: 'to_order', note: '群众反映的问题未处理，予以督办', kind: 'consult', measures: '说明未处理的原因',
    basis: [{ law: '《行政处罚法》', article: '第五十四条' }], deadline_wd: 7,
  }, 'converted');
  assert.ok(c.order_id);
  const order = (await who.sup.get(`/orders/${c.order_id}`)).body;
  assert.equal(order.status, 'draft');
  assert.equal(order.agency, HD);
  assert.equal(order.source, `lead:${l.id}`);
  assert.deepEqual([order.kind, order.measures, order.deadline_wd, order.basis[0].article], ['consult', '说明未处理的原因', 7, '第五十四条']);
});

test('scope: another region\'s supervisor and another agency\'s officer see nothing of it; no lead outside the region', async () => {
  const l = await enter();
  await ok(who.sup, l.id, { action: 'accept' }, 'triaged');
  await ok(who.sup, l.id, { action: 'dispatch' }, 'dispatched');
  for (const c of [who.bj, who.jm]) {
    assert.equal((await c.get(`/leads/${l.id}`)).status, 404);
    assert.equal((await act(c, l.id, { action: 'answer', note: 'x' })).status, 404);
    assert.ok(!(await c.get('/leads?size=200')).body.items.some((x) => x.id === l.id));
  }
  const outside = await who.sup.send('POST', '/leads', { source: 'petition', content: '越权', agency: BJ });
  assert.equal(outside.status, 404);
  const elsewhere = await who.sup.send('POST', '/leads', { source: 'other', content: '无主体', region: '110101' });
  assert.equal(elsewhere.status, 404, 'a region outside his own is not his to file in');
  assert.equal((await who.sup.send('POST', '/leads', { source: 'nope', content: 'x', agency: HD })).status, 400);
});

test('zhifa verify holds every lead and its timeline to their ledger events', async () => {
  const l = await enter();
  await ok(who.sup, l.id, { action: 'accept' }, 'triaged');
  const clean = run(['--db', db, 'verify', '--json']);
  assert.equal(clean.code, 0, clean.stdout.slice(-300));
  dbExec(db, `UPDATE leads SET agency = '${JM}' WHERE id = ${l.id}`); // throws if the database refuses
  const r = run(['--db', db, 'verify', '--json']);
  assert.equal(r.code, 1);
  const lines = r.stdout.trim().split('\n').map((x) => JSON.parse(x));
  assert.ok(lines.some((p) => p.kind === 'lead_changed' && p.message.includes(`leads[${l.id}].agency`)), r.stdout);
  dbExec(db, `UPDATE leads SET agency = '${HD}' WHERE id = ${l.id}`);
});

test('a case entered with a reconsideration or litigation outcome becomes a lead on the next sweep, once', async () => {
  const rec = (no, revocation) => JSON.stringify({
    type: 'case', case_no: no, agency: HD, kind: 'penalty', procedure: 'ordinary', filed_on: '2026-03-02',
    decided_on: '2026-04-01', decision: { outcome: 'penalty', measures: ['fine'], fine: 2000 }, revocation,
  });
  const lines = [rec('黄岛罚〔2026〕31号', { kind: 'revoked', by: 'review', on: '2026-06-10', reason: '青政复决字〔2026〕5号' }),
    rec('黄岛罚〔2026〕32号', { kind: 'changed', by: 'litigation', on: '2026-07-01' }),
    rec('黄岛罚〔2026〕33号', { kind: 'revoked', by: 'self_correction' }),
    rec('黄岛罚〔2026〕34号', { kind: 'gone', by: 'review' })].join('\n') + '\n';
  const imported = run(['--db', db, 'import', '-'], { input: lines });
  assert.equal(imported.code, 1, 'one line refused');
  assert.match(imported.stderr, /"line":\s*4/, 'the unknown outcome kind is the refused line');
  const sweep = () => assert.equal(run(['--db', db, 'sweep']).code, 0);
  sweep();
  const of = async (source) => (await who.sup.get(`/leads?source=${source}&size=200`)).body.items
    .filter((l) => l.case_no && l.case_no.startsWith('黄岛罚〔2026〕3'));
  const rv = await of('reconsideration'), lt = await of('litigation');
  assert.deepEqual(rv.map((l) => l.case_no), ['黄岛罚〔2026〕31号']);
  assert.deepEqual(lt.map((l) => l.case_no), ['黄岛罚〔2026〕32号']);
  assert.match(rv[0].content, /行政复议.*撤销.*青政复决字〔2026〕5号/);
  assert.equal(rv[0].agency, HD);
  // the same records again (a changed fine, so they are rewritten) and another sweep: no second lead
  run(['--db', db, 'import', '-'], { input: lines.replaceAll('"fine":2000', '"fine":2100') });
  sweep();
  assert.equal((await of('reconsideration')).length, 1);
  assert.equal((await of('litigation')).length, 1);
});
