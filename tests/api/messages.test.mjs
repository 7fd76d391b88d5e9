// 消息中心 (issue 19, docs/messages.md): a message for the work that reaches a user, written with the
// event — the head when an officer asks for approval (through the real workflow API), the agency's
// users when an order or a lead reaches them, the uploader when lines of his import were rejected —
// read and marked by that user only; and the daily deadline_near, once per case per day, on the
// working days of the independent calendar in lib/calendar.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, dbExec } from './lib/zhifa.mjs';
import { SUBSTANCE } from './lib/substance.mjs';
import { addWd } from './lib/calendar.mjs';

const AGENCY = '113702021588139920';
const OTHER = '11370203869879736T';
let srv, db;
const as = {};

before(async () => {
  db = path.join(tmpDir(), 'messages.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const users = {
    officer: addUser(db, { username: 'm_officer', role: 'officer', agency: AGENCY }),
    head: addUser(db, { username: 'm_head', role: 'agency_head', agency: AGENCY, approvalLevel: 'principal' }),
    legal: addUser(db, { username: 'm_legal', role: 'legal_reviewer', agency: AGENCY }),
    deputy: addUser(db, { username: 'm_deputy', role: 'agency_head', agency: AGENCY, approvalLevel: 'deputy' }),
    otherHead: addUser(db, { username: 'm_other', role: 'agency_head', agency: OTHER, approvalLevel: 'principal' }),
    sup: addUser(db, { username: 'm_sup', role: 'supervisor', region: '370200' }),
  };
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(users)) as[k] = await login(srv.base, u.username, u.password);
});
after(() => srv?.stop());

const enc = encodeURIComponent;
const unread = async (who) => {
  const r = await as[who].get('/messages/unread-count');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(Object.keys(r.body), ['unread']);
  return r.body.unread;
};
const mine = async (who, query = '') => {
  const r = await as[who].get(`/messages?size=200${query}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
};
async function file(party = '青岛消息测试食品有限公司') {
  const r = await as.officer.send('POST', '/workflow/cases', {
    case_type: 'penalty_ordinary', power: 'SC-CF-001',
    party: { kind: 'org', name: party, id_no: '91370202091141705L' },
    officers: ['37020200001', '37020200002'], violation_ended_on: '2026-03-01', discovered_on: '2026-03-02', ...SUBSTANCE,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.case.case_no;
}
async function ok(who, caseNo, action, fields = {}) {
  const r = await as[who].send('POST', `/workflow/cases/${enc(caseNo)}/actions`, { action, fields });
  assert.equal(r.status, 200, `${who} ${action}: ${JSON.stringify(r.body)}`);
  return r.body;
}

test('the head gets a message when the officer asks for approval; reading it lowers the count; nobody else can', async () => {
  const caseNo = await file();
  const before = await unread('head');
  const otherBefore = await unread('otherHead');
  await ok('officer', caseNo, 'submit_filing', { on: '2026-03-03' });
  assert.equal(await unread('head'), before + 1);
  assert.equal(await unread('otherHead'), otherBefore, 'another agency\'s head is not told');

  const list = await mine('head', '&unread=1');
  assert.deepEqual(Object.keys(list).sort(), ['items', 'page', 'size', 'total']);
  const m = list.items[0];
  assert.deepEqual(Object.keys(m).sort(), ['created_at', 'id', 'kind', 'link', 'read_at', 'title']);
  assert.equal(m.kind, 'approval_requested');
  assert.equal(m.link, `/cases/handle/${caseNo}`);
  assert.equal(m.read_at, null);
  assert.match(m.title, new RegExp(caseNo.replace(/[()[\]]/g, '\\$&')));
  assert.match(m.title, /批准立案/);
  assert.match(m.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  assert.equal(list.total, before + 1);

  // another user can neither read nor mark it: the same 404 as a message that does not exist
  assert.equal((await as.officer.send('POST', `/messages/${m.id}/read`)).status, 404);
  assert.equal((await as.otherHead.send('POST', `/messages/${m.id}/read`)).status, 404);
  assert.ok(!(await mine('officer')).items.some((x) => x.id === m.id));
  assert.equal((await as.head.send('POST', '/messages/99999999/read')).status, 404);
  assert.equal((await as.head.send('POST', '/messages/abc/read')).status, 404);
  assert.equal(await unread('head'), before + 1);

  const r = await as.head.send('POST', `/messages/${m.id}/read`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(await unread('head'), before);
  const after = (await mine('head')).items.find((x) => x.id === m.id);
  assert.match(after.read_at, /^\d{4}-\d{2}-\d{2}T/);
  assert.ok(!(await mine('head', '&unread=1')).items.some((x) => x.id === m.id));
  assert.equal((await as.head.send('POST', `/messages/${m.id}/read`)).status, 200, 'reading twice is harmless');

  // the approval signed, nothing more arrives for it; the legal reviewer is told at 法制审核
  await ok('head', caseNo, 'approve_filing', { on: '2026-03-04' });
  const legalBefore = await unread('legal');
  await ok('officer', caseNo, 'finish_investigation', { on: '2026-03-10', measures: ['fine'], fine: 20000, tier: 'ordinary' });
  await ok('legal', caseNo, 'approve_case_review', { on: '2026-03-12' });
  await ok('officer', caseNo, 'record', { notified_on: '2026-03-16', hearing_right_notified: true });
  await ok('officer', caseNo, 'submit_legal_review', { on: '2026-03-24' });
  assert.equal(await unread('legal'), legalBefore + 1);
  assert.equal((await mine('legal', '&kind=legal_review_requested')).items[0].link, `/cases/handle/${caseNo}`);
});

test('the kind filter, read-all and bad parameters', async () => {
  await as.head.send('POST', '/messages/read-all');
  const caseNo = await file();
  await ok('officer', caseNo, 'submit_filing', { on: '2026-03-03' });
  assert.equal(await unread('head'), 1);
  assert.equal((await mine('head', '&kind=order_received&unread=1')).total, 0);
  assert.equal((await mine('head', '&kind=approval_requested&unread=1')).total, 1);
  assert.equal((await as.head.get('/messages?kind=nope')).status, 400);
  assert.equal((await as.head.get('/messages?unread=2')).status, 400);
  const all = await as.head.send('POST', '/messages/read-all');
  assert.equal(all.status, 200);
  assert.equal(await unread('head'), 0);
  assert.equal((await fetch(`${srv.base}/api/v1/messages/unread-count`)).status, 401);
});

test('the kinds have Chinese names in the dictionaries', async () => {
  const d = (await as.head.get('/dicts')).body.message_kinds;
  const names = Object.fromEntries(d.map((k) => [k.code, k.name]));
  assert.deepEqual(names, {
    approval_requested: '审批待办', approval_returned: '审批退回', legal_review_requested: '法制审核',
    order_received: '督办问诊', lead_assigned: '线索转办', deadline_near: '期限临近', cert_expiring: '证件到期',
    import_rejects: '导入有误', review_task: '案卷评查任务', normative_review: '规范性文件备案审查', assessment_due: '考核填报与任务',
    recon_deadline: '行政复议期限',
  });
});

test('an order issued and a lead dispatched reach the agency\'s users who answer them', async () => {
  const [o0, h0, l0] = [await unread('officer'), await unread('head'), await unread('legal')];
  const d = await as.sup.send('POST', '/orders', { kind: 'consult', agency: AGENCY, problem: '执法案卷中告知程序记载不全' });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  assert.equal(await unread('head'), h0, 'a draft tells nobody');
  const issued = await as.sup.send('POST', `/orders/${d.body.id}/actions`, { action: 'issue' });
  assert.equal(issued.status, 200, JSON.stringify(issued.body));
  assert.equal(await unread('officer'), o0 + 1);
  assert.equal(await unread('head'), h0 + 1);
  assert.equal(await unread('legal'), l0, 'the legal reviewer does not answer orders (orders.respond)');
  const m = (await mine('officer', '&kind=order_received')).items[0];
  assert.equal(m.link, `/supervision/orders/${d.body.id}`);
  assert.ok(m.title.includes(issued.body.doc_no), m.title);

  const l = await as.sup.send('POST', '/leads', { source: 'petition', content: '反映某超市销售过期食品', agency: AGENCY });
  assert.equal(l.status, 201, JSON.stringify(l.body));
  await as.sup.send('POST', `/leads/${l.body.id}/actions`, { action: 'accept' });
  const disp = await as.sup.send('POST', `/leads/${l.body.id}/actions`, { action: 'dispatch' });
  assert.equal(disp.status, 200, JSON.stringify(disp.body));
  const lm = (await mine('head', '&kind=lead_assigned')).items[0];
  assert.equal(lm.link, `/supervision/leads/${l.body.id}`);
  assert.ok(lm.title.includes(disp.body.due_on), lm.title);
});

test('an upload with rejected lines tells its uploader', async () => {
  const before = await unread('officer');
  const good = JSON.stringify({
    type: 'case', case_no: '消息〔2026〕1号', agency: AGENCY, kind: 'penalty', power: 'SC-CF-001',
    party: { kind: 'org', name: '某公司', id_no: '91370202091141705L' }, officers: ['37020200001', '37020200002'],
    procedure: 'ordinary', filed_on: '2026-03-02',
  });
  const upload = (text) => as.officer.raw('/api/v1/imports', {
    method: 'POST', body: text, headers: { 'Content-Type': 'application/x-ndjson', 'X-CSRF-Token': as.officer.csrf },
  }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const clean = await upload(good + '\n');
  assert.deepEqual([clean.status, clean.body.rejected], [200, 0]);
  assert.equal(await unread('officer'), before, 'nothing rejected, nothing to tell');
  const r = await upload(`${good}\n{"type":"case", "case_no": \n`);
  assert.deepEqual([r.status, r.body.imported, r.body.rejected], [200, 1, 1]);
  assert.equal(await unread('officer'), before + 1);
  const m = (await mine('officer', '&kind=import_rejects')).items[0];
  assert.equal(m.link, '/reporting/import');
  assert.match(m.title, /1 条有误/);
});

test('deadline_near: the handling officer, within message_deadline_wd working days, once a day', async () => {
  const caseNo = await file();
  await ok('officer', caseNo, 'submit_filing', { on: '2026-03-03' });
  await ok('head', caseNo, 'approve_filing', { on: '2026-03-04' });
  await ok('officer', caseNo, 'finish_investigation', { on: '2026-03-10', measures: ['fine'], fine: 20000, tier: 'ordinary' });
  await ok('legal', caseNo, 'approve_case_review', { on: '2026-03-12' });
  await ok('officer', caseNo, 'record', { notified_on: '2026-03-16', hearing_right_notified: true });
  await ok('officer', caseNo, 'submit_decision', { on: '2026-03-24' });
  await ok('head', caseNo, 'approve_decision', { on: '2026-03-25' });
  // 送达 and 公示 are due seven working days after the decision (处罚法 61, 48; settings service_wd, publicity_wd)
  const due = addWd('2026-03-25', 7);
  const near = (msgs) => msgs.items.filter((x) => x.kind === 'deadline_near' && x.link === `/cases/handle/${caseNo}`);
  const sweep = (asOf) => {
    const r = run(['--db', db, 'sweep', '--as-of', asOf]);
    assert.equal(r.code, 0, r.stderr);
  };
  sweep(addWd(due, -4)); // four working days ahead: not yet (default message_deadline_wd 3)
  assert.equal(near(await mine('officer')).length, 0);
  const day = addWd(due, -3);
  sweep(day);
  sweep(day); // the job run twice on a day: still one message
  const got = near(await mine('officer'));
  assert.equal(got.length, 1, JSON.stringify(got));
  assert.ok(got[0].title.includes(due), got[0].title);
  assert.equal(near(await mine('head')).length, 0, 'only the handling officer');
  sweep(addWd(day, 1)); // the next day: a new reminder
  assert.equal(near(await mine('officer')).length, 2);

  // the setting moves the threshold
  dbExec(db, "UPDATE settings SET value = '5' WHERE name = 'message_deadline_wd'");
  sweep(addWd(due, -5)); // a day further ahead now falls within five working days
  assert.equal(near(await mine('officer')).length, 3);
});

test('cert_expiring: the holder (the agency\'s user of the holder\'s name) within message_cert_days days, once a day', async () => {
  // the demo's 李执法 holds 37020200002 until 2028-12-31; users carry no certificate number, so the name joins them
  dbExec(db, "UPDATE users SET display_name = '李执法' WHERE username = 'm_officer'");
  const certs = async () => (await mine('officer', '&kind=cert_expiring')).items;
  run(['--db', db, 'sweep', '--as-of', '2028-11-30']); // 31 days ahead: not yet (default 30)
  assert.equal((await certs()).length, 0);
  run(['--db', db, 'sweep', '--as-of', '2028-12-01']);
  run(['--db', db, 'sweep', '--as-of', '2028-12-01']);
  const got = await certs();
  assert.equal(got.length, 1, JSON.stringify(got));
  assert.match(got[0].title, /37020200002/);
  assert.match(got[0].title, /2028-12-31/);
  assert.equal((await mine('head', '&kind=cert_expiring')).total, 0);
});

test('a task left unsigned past its working days is raised, and the approvers it now awaits are told', async () => {
  const caseNo = await file();
  const filed = await ok('officer', caseNo, 'submit_filing', { on: '2026-03-03' });
  const link = `/cases/handle/${caseNo}`;
  const about = async (who) => (await mine(who, '&kind=approval_requested')).items.filter((x) => x.link === link);
  assert.equal((await about('deputy')).length, 1, 'a deputy may sign the 立案 task');
  assert.equal((await about('head')).length, 1);
  const nextDay = (d) => new Date(Date.parse(`${d}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
  const r = run(['--db', db, 'escalate', '--as-of', nextDay(filed.workflow.approval.due_on)]);
  assert.equal(r.code, 0, r.stderr);
  const head = await about('head');
  assert.equal(head.length, 2, 'the 主要负责人 is told it was raised to him');
  assert.match(head[0].title, /已上报/);
  assert.equal((await about('deputy')).length, 1, 'the deputy it no longer waits for is not');
});

test('a title longer than 200 characters is cut at a character, never inside one', async () => {
  const caseNo = await file('测'.repeat(170)) // 510 bytes, within party.name's 512;
  await ok('officer', caseNo, 'submit_filing', { on: '2026-03-03' });
  const m = (await mine('head', '&kind=approval_requested')).items.find((x) => x.link === `/cases/handle/${caseNo}`);
  assert.ok(m, 'the head is told');
  assert.equal([...m.title].length, 200);
  assert.ok(m.title.startsWith(`案件 ${caseNo}（当事人 测测`), m.title);
  assert.ok(m.title.endsWith('测'), m.title);
});

test('a case sent back tells the officer who handles it, with the reason', async () => {
  const caseNo = await file();
  await ok('officer', caseNo, 'submit_filing', { on: '2026-03-03' });
  await ok('head', caseNo, 'approve_filing', { on: '2026-03-04' });
  await ok('officer', caseNo, 'finish_investigation', { on: '2026-03-10', measures: ['fine'], fine: 20000, tier: 'ordinary' });
  const r = await as.head.send('POST', `/workflow/cases/${enc(caseNo)}/actions`,
    { action: 'send_back', target: 'investigation', note: '证据不足，补充调查' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const back = (await mine('officer', '&kind=approval_returned')).items.filter((x) => x.link === `/cases/handle/${caseNo}`);
  assert.equal(back.length, 1);
  assert.match(back[0].title, /证据不足，补充调查/);
  assert.match(back[0].title, /退回/);
});
