// 督办问诊 (issue 14, docs/orders.md): the loop draft → issue → receive → respond → return … → accept,
// due dates by the working-day calendar (computed here independently from data/holidays), reminders
// and escalation with --as-of, scope denials, and gap-free 文号 under concurrent issue.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, jsonLines } from './lib/zhifa.mjs';
import { cnid, uscc } from './lib/codes.mjs';
import { addWd, todayChina } from './lib/calendar.mjs';

const HD = uscc('11370211MB1000001'); // 370211 黄岛区, under 青岛市 370200
const JM = uscc('11370282MB1000002'); // 370282 即墨区
const BJ = uscc('11110101MB2000003'); // 110101 北京东城
const agencies = [
  { type: 'agency', code: HD, name: '青岛市黄岛区测试局', region: '370211', level: 'county', kind: 'department', sector: 'market_regulation' },
  { type: 'agency', code: JM, name: '即墨区测试局', region: '370282', level: 'county', kind: 'department', sector: 'transport' },
  { type: 'agency', code: BJ, name: '北京市东城区测试局', region: '110101', level: 'county', kind: 'department', sector: 'market_regulation' },
];
// Ordinary penalty cases filed early in the year and never decided: long past the 90-day limit
// (行政处罚法 第六十条), so the sweep finds each of them.
const open = (no, agency, n) => ({
  type: 'case', case_no: no, agency, kind: 'penalty', power: 'P-1', procedure: 'ordinary', filed_on: '2026-01-05',
  party: { kind: 'person', name: `当事人${n}`, id_no: cnid(`37020219800101${String(n).padStart(3, '0')}`) }, officers: ['C-1', 'C-2'],
});
const cases = [open('黄岛罚〔2026〕1号', HD, 1), open('黄岛罚〔2026〕2号', HD, 2), open('黄岛罚〔2026〕3号', HD, 3),
  open('即墨罚〔2026〕1号', JM, 4), open('东城罚〔2026〕1号', BJ, 5)];

let srv, db, who = {}, today;
before(async () => {
  db = path.join(tmpDir(), 'orders.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const r = run(['--db', db, 'import', '-'], { input: [...agencies, ...cases].map((x) => JSON.stringify(x)).join('\n') + '\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(run(['--db', db, 'sweep']).code, 0);
  const users = {
    sup: { role: 'supervisor', region: '370200' }, bj: { role: 'supervisor', region: '110000' },
    leader: { role: 'leader', region: '370000' }, head: { role: 'agency_head', agency: HD },
    officer: { role: 'officer', agency: HD }, jm: { role: 'officer', agency: JM },
  };
  const made = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, addUser(db, { username: `o_${k}`, ...u })]));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(made)) who[k] = await login(srv.base, u.username, u.password);
  today = todayChina();
});
after(() => srv?.stop());

const findingsOf = async (agency) => {
  const r = await who.sup.get(`/findings?agency=${agency}&size=200`);
  assert.equal(r.status, 200);
  return r.body.items;
};

async function draft(extra = {}) {
  const fs = (await findingsOf(HD)).slice(0, 2);
  assert.equal(fs.length, 2, 'the sweep found the undecided cases');
  const r = await who.sup.send('POST', '/orders', {
    kind: 'supervise', agency: HD, finding_ids: fs.map((f) => f.id), case_nos: [...new Set(fs.map((f) => f.subject))],
    problem: '案件立案后超过九十日未作出处理决定', basis: [{ law: '《行政处罚法》', article: '第六十条' }],
    measures: '逐案查明原因，依法作出处理决定', ...extra,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}
const act = (c, id, body) => c.send('POST', `/orders/${id}/actions`, body);
async function ok(c, id, body, status) {
  const r = await act(c, id, body);
  assert.equal(r.status, 200, `${body.action}: ${JSON.stringify(r.body)}`);
  assert.equal(r.body.status, status);
  return r.body;
}

test('the full loop with two returns: due dates by working days, the timeline, the accept that needs a reason', async () => {
  const o = await draft();
  assert.equal(o.status, 'draft');
  assert.equal(o.doc_no, null);
  assert.equal(o.kind_name, '督办通知书');
  assert.equal((await who.officer.get(`/orders/${o.id}`)).status, 404, 'a draft is not the agency\'s yet');
  const hidden = (await who.officer.get(`/findings?size=200`)).body.items.filter((f) => o.finding_ids.includes(f.id));
  assert.ok(hidden.length === 2 && hidden.every((f) => f.order?.id !== o.id), 'nor is its badge');

  const issued = await ok(who.sup, o.id, { action: 'issue' }, 'issued');
  assert.match(issued.doc_no, /^青岛司督〔\d{4}〕\d+号$/);
  assert.equal(issued.issued_on, today);
  assert.equal(issued.due_on, addWd(today, 15), 'the supervise kind\'s 15 working days');
  assert.equal(issued.days_left, 15, 'counted in working days');
  assert.equal(issued.issuer, '青岛市司法局', '行政执法监督条例 第六条: the 司法行政部门 of the issuing region');

  const badges = (await findingsOf(HD)).filter((f) => o.finding_ids.includes(f.id));
  assert.ok(badges.every((f) => f.order && f.order.id === o.id && f.order.status_name === '已下发'), 'the alert board shows the order');
  const seen = await who.officer.get(`/orders/${o.id}`);
  assert.equal(seen.status, 200);
  await ok(who.head, o.id, { action: 'receive' }, 'received');
  await ok(who.head, o.id, { action: 'respond', note: '已逐案核查', corrections: [{ case_no: o.case_nos[0], note: '已作出决定' }] }, 'responded');
  const r1 = await ok(who.sup, o.id, { action: 'return', note: '整改不到位', deadline_wd: 5 }, 'returned');
  assert.equal(r1.due_on, addWd(today, 5));
  assert.equal(r1.rounds, 1);
  await ok(who.officer, o.id, { action: 'respond', note: '第二次反馈' }, 'responded');
  const r2 = await ok(who.sup, o.id, { action: 'return', note: '仍未到位', deadline_wd: 3 }, 'returned');
  assert.equal(r2.due_on, addWd(today, 3));
  assert.equal(r2.rounds, 2);
  await ok(who.head, o.id, { action: 'respond', note: '第三次反馈' }, 'responded');

  const refused = await act(who.sup, o.id, { action: 'accept' });
  assert.equal(refused.status, 422, 'the linked findings are still open: a reason is required');
  assert.equal(refused.body.error.field, 'reason');
  const done = await ok(who.sup, o.id, { action: 'accept', note: '案件已移送，原因已说明' }, 'accepted');
  assert.equal(done.colour, 'none');
  assert.deepEqual(done.timeline.map((t) => t.action),
    ['draft', 'issue', 'receive', 'respond', 'return', 'respond', 'return', 'respond', 'accept']);
  assert.equal(done.responses.length, 3);
  assert.equal(done.findings.length, 2);
  assert.ok(done.findings.every((f) => f.resolved_at === null));
  assert.equal(done.basis[0].article, '第六十条');
  assert.ok(done.basis[0].law_id, 'the basis links into the law library');
});

test('a step the status does not allow is 409; the other side\'s step is 403; a bad date 422', async () => {
  const o = await draft();
  assert.equal((await act(who.head, o.id, { action: 'receive' })).status, 404, 'a draft: not visible to the agency');
  await ok(who.sup, o.id, { action: 'issue', deadline_wd: 10 }, 'issued');
  const early = await act(who.head, o.id, { action: 'respond', note: 'x' });
  assert.equal(early.status, 409);
  assert.equal(early.body.error.code, 'invalid_transition');
  assert.equal((await act(who.sup, o.id, { action: 'receive' })).status, 403);
  const future = await act(who.head, o.id, { action: 'receive', on: addWd(today, 2) });
  assert.equal(future.status, 422);
  assert.equal((await act(who.head, o.id, { action: 'fly' })).status, 400);
  assert.equal((await act(who.sup, o.id, { action: 'escalate' })).status, 409, 'not overdue yet');
  const blank = await act(who.head, o.id, { action: 'receive' });
  assert.equal(blank.status, 200);
  assert.equal((await act(who.head, o.id, { action: 'respond', note: '  ' })).status, 422, 'an answer says what was done');
});

test('scope: another region\'s supervisor and another agency\'s officer get 404; the leader reads but does not act', async () => {
  const o = await draft();
  await ok(who.sup, o.id, { action: 'issue' }, 'issued');
  for (const c of [who.bj, who.jm]) {
    assert.equal((await c.get(`/orders/${o.id}`)).status, 404);
    assert.equal((await act(c, o.id, { action: 'receive' })).status, 404);
    assert.ok(!(await c.get('/orders?size=200')).body.items.some((x) => x.id === o.id));
  }
  assert.equal((await who.leader.get(`/orders/${o.id}`)).status, 200);
  assert.equal((await act(who.leader, o.id, { action: 'receive' })).status, 403);
  const outside = await who.sup.send('POST', '/orders', { kind: 'supervise', agency: BJ, problem: '越权' });
  assert.equal(outside.status, 404, 'an agency outside the region is not there for him');
  const jmFinding = (await findingsOf(JM))[0];
  const mixed = await who.sup.send('POST', '/orders', { kind: 'supervise', agency: HD, problem: 'x', finding_ids: [jmFinding.id] });
  assert.equal(mixed.status, 422, 'one order, one agency');
  const foreignCase = await who.sup.send('POST', '/orders', { kind: 'consult', agency: HD, problem: 'x', case_nos: ['即墨罚〔2026〕1号'] });
  assert.equal(foreignCase.status, 422);
  assert.equal((await who.sup.send('POST', '/orders', { kind: 'supervise', agency: HD })).status, 400, 'the problem is required');
});

test('an order may name cases and no finding (finding_ids absent or empty)', async () => {
  for (const extra of [{}, { finding_ids: [] }]) {
    const r = await who.sup.send('POST', '/orders', { kind: 'consult', agency: HD, problem: '询问案件办理情况', case_nos: ['黄岛罚〔2026〕3号'], ...extra });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(r.body.finding_ids, []);
    assert.deepEqual(r.body.case_nos, ['黄岛罚〔2026〕3号']);
  }
});

test('a draft naming another region\'s case or finding gets the very answer of an absent one', async () => {
  const draftWith = async (extra) => (await who.sup.send('POST', '/orders', { kind: 'consult', agency: HD, problem: 'x', ...extra })).body;
  const strip = (b) => JSON.stringify(b).replaceAll('东城罚〔2026〕1号', 'N').replaceAll('不存在罚〔2026〕1号', 'N');
  const foreign = await draftWith({ case_nos: ['东城罚〔2026〕1号'] });
  const absent = await draftWith({ case_nos: ['不存在罚〔2026〕1号'] });
  assert.equal(strip(foreign), strip(absent), 'a case of 北京 is not there for a 青岛 supervisor');
  const bjFinding = (await who.bj.get('/findings?size=200')).body.items[0];
  assert.ok(bjFinding, 'the sweep found 东城\'s case');
  const f1 = await draftWith({ finding_ids: [bjFinding.id] });
  const f2 = await draftWith({ finding_ids: [99999999] });
  assert.equal(JSON.stringify(f1), JSON.stringify(f2), 'nor is a finding of 北京');
  const jm = await draftWith({ case_nos: ['即墨罚〔2026〕1号'] });
  assert.equal(jm.error.code, 'case_not_of_agency', 'a case of his own region\'s other agency is named as such');
});

test('overdue by as_of; reminders and the two escalations by `zhifa orders remind --as-of`', async () => {
  const o = await draft();
  const issued = await ok(who.sup, o.id, { action: 'issue', deadline_wd: 1 }, 'issued');
  const due = addWd(today, 1);
  assert.equal(issued.due_on, due);
  const listed = async (asOf) => (await who.sup.get(`/orders?overdue=1&as_of=${asOf}&size=200`)).body.items.map((x) => x.id);
  assert.ok(!(await listed(due)).includes(o.id), 'due today is not overdue');
  const dayAfter = new Date(Date.parse(`${due}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
  assert.ok((await listed(dayAfter)).includes(o.id));

  const first = addWd(due, 5), second = addWd(first, 10); // settings order_escalate_first_wd / _second_wd
  const remind = (asOf) => JSON.parse(run(['--db', db, 'orders', 'remind', '--as-of', asOf]).stdout);
  const before = remind(dayAfter);
  assert.ok(before.reminded >= 1);
  assert.equal((await who.sup.get(`/orders/${o.id}`)).body.escalation, 0);
  const r1 = remind(first);
  assert.ok(r1.escalated >= 1);
  const e1 = (await who.sup.get(`/orders/${o.id}`)).body;
  assert.equal(e1.escalation, 1);
  assert.equal(e1.notified.region, '370000', 'the superior level of 青岛市 is 山东省');
  assert.equal(remind(first).escalated, 0, 'a second run the same day does nothing more');
  const r2 = remind(second);
  assert.ok(r2.referred >= 1);
  assert.ok((await who.sup.get('/orders?escalated=1&size=200')).body.items.some((x) => x.id === o.id));
  assert.ok(!(await who.sup.get('/orders?escalated=0&size=200')).body.items.some((x) => x.id === o.id));
  const e2 = (await who.sup.get(`/orders/${o.id}`)).body;
  assert.equal(e2.escalation, 2);
  assert.equal(e2.escalation_name, '已提请同级人民政府处理');
  assert.ok(e2.referral);
  assert.deepEqual(e2.timeline.map((t) => t.action).filter((a) => a !== 'remind'), ['draft', 'issue', 'escalate', 'escalate']);
  const audit = run(['--db', db, 'verify', '--json']);
  assert.equal(audit.code, 0, 'the orders\' events verify: ' + audit.stdout.slice(0, 400));
});

test('orders issued at once take consecutive 文号 of the region and year, none lost, none twice', async () => {
  const drafts = [];
  for (let i = 0; i < 8; i++) drafts.push(await draft({ kind: i % 2 ? 'consult' : 'supervise' }));
  const issued = await Promise.all(drafts.map((d) => act(who.sup, d.id, { action: 'issue' })));
  assert.ok(issued.every((r) => r.status === 200), JSON.stringify(issued.map((r) => r.status)));
  const all = (await who.sup.get('/orders?size=200')).body.items.filter((x) => x.doc_no);
  const seqs = all.map((x) => Number(/〔\d{4}〕(\d+)号/.exec(x.doc_no)[1])).sort((a, b) => a - b);
  assert.deepEqual(seqs, seqs.map((_, i) => i + 1), 'numbers 1..n with no gap');
});

// The smallest PNG there is: a 1×1 pixel (signature, IHDR, IDAT, IEND).
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
  '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const upload = (c, id, purpose, body = PNG, name = '整改照片.png') =>
  c.raw(`/api/v1/orders/${id}/attachments?name=${encodeURIComponent(name)}&purpose=${purpose}`, {
    method: 'POST', body, headers: { 'Content-Type': 'image/png', 'X-CSRF-Token': c.csrf },
  });

test('files: the agency attaches its answer while it is due, the supervisor his evidence; both read them, no one else', async () => {
  const o = await draft();
  assert.equal((await upload(who.officer, o.id, 'response')).status, 404, 'a draft: not there for the agency');
  const ev = await upload(who.sup, o.id, 'evidence', Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'), '现场检查笔录.pdf');
  assert.equal(ev.status, 201, await ev.text());
  await ok(who.sup, o.id, { action: 'issue' }, 'issued');
  assert.equal((await upload(who.head, o.id, 'response')).status, 409, 'signed for first');
  await ok(who.head, o.id, { action: 'receive' }, 'received');
  assert.equal((await upload(who.sup, o.id, 'response')).status, 403, 'the answer is the agency\'s');
  assert.equal((await upload(who.head, o.id, 'evidence')).status, 403, 'evidence is the supervisor\'s');
  assert.equal((await upload(who.head, o.id, 'response', Buffer.from('MZ not a picture'))).status, 415);
  const up = await upload(who.head, o.id, 'response');
  assert.equal(up.status, 201);
  const file = await up.json();
  assert.equal(file.media_type, 'image/png');
  const seen = (await who.sup.get(`/orders/${o.id}`)).body;
  assert.deepEqual(seen.attachments.map((a) => [a.purpose, a.name]), [['evidence', '现场检查笔录.pdf'], ['response', '整改照片.png']]);
  assert.ok(seen.timeline.some((t) => t.action === 'attach' && t.action_name === '上传材料'));
  const got = await who.sup.raw(`/api/v1/orders/${o.id}/attachments/${file.id}`);
  assert.equal(got.status, 200);
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), PNG);
  for (const c of [who.bj, who.jm]) assert.equal((await c.raw(`/api/v1/orders/${o.id}/attachments/${file.id}`)).status, 404);
  assert.equal((await who.sup.raw(`/api/v1/orders/${o.id}/attachments/999999`)).status, 404);
  const verify = run(['--db', db, 'verify', '--json']);
  assert.equal(verify.code, 0, 'the files are in the ledger\'s store, each under its SM3: ' + verify.stdout.slice(-300));
});

test('the dictionaries name the kinds, statuses and acts in Chinese', async () => {
  const d = (await who.head.get('/dicts')).body;
  assert.deepEqual(d.order_kinds.map((k) => [k.code, k.name, k.default_wd]),
    [['supervise', '督办通知书', 15], ['consult', '执法监督问诊单', 10], ['opinion', '执法监督意见书', 15]]);
  assert.equal(d.order_statuses.find((x) => x.code === 'returned').name, '已退回');
  assert.equal(d.order_actions.length, 6);
});

test('statistics per agency and month; the to-do list of each side', async () => {
  const stats = (await who.sup.get('/orders/stats')).body.items;
  const mine = stats.find((s) => s.agency === HD && s.month === today.slice(0, 7));
  const all = (await who.sup.get(`/orders?agency=${HD}&size=200`)).body.items.filter((x) => x.issued_on);
  assert.equal(mine.issued, all.length);
  assert.equal(mine.accepted, all.filter((x) => x.status === 'accepted').length);
  assert.equal(mine.returned, all.filter((x) => x.rounds > 0).length);
  const todo = (await who.head.get('/orders?todo=1&size=200')).body.items;
  assert.ok(todo.length > 0 && todo.every((x) => ['issued', 'received', 'returned'].includes(x.status)));
  assert.deepEqual((await who.jm.get('/orders/stats')).body.items, [], 'another agency: nothing');
});
