// 电子送达 (行政处罚法 第六十一条, issue 17, docs/documents.md): the party's 确认书, the link and
// one-time code, the portal's code check with its lockout after the fifth wrong code (the brief's
// number, the setting delivery_code_attempts), the expiry, the confirmation taking the case's 送达
// step through the workflow (served_on = the day confirmed), the timeline; without consent the
// refusal citing 第六十一条 and paper delivery with the signed 送达回证 scanned; another agency's
// officer cannot reach the case.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, client, dbQuery, dbExec, backend, hasChinese } from './lib/zhifa.mjs';
import { SUBSTANCE } from './lib/substance.mjs';
import { todayChina } from './lib/calendar.mjs';

const AGENCY = '113702021588139920';
const OTHER = '11370203869879736T';
let srv, db, anon;
const as = {};

before(async () => {
  db = path.join(tmpDir(), 'delivery.db');
  assert.equal(run(['--db', db, 'init', '--demo'], { timeout: 120000 }).code, 0);
  const users = {
    officer: addUser(db, { username: 'dv_officer', role: 'officer', agency: AGENCY }),
    deputy: addUser(db, { username: 'dv_deputy', role: 'agency_head', agency: AGENCY, approvalLevel: 'deputy' }),
    head: addUser(db, { username: 'dv_head', role: 'agency_head', agency: AGENCY, approvalLevel: 'principal' }),
    legal: addUser(db, { username: 'dv_legal', role: 'legal_reviewer', agency: AGENCY }),
    other: addUser(db, { username: 'dv_other', role: 'officer', agency: OTHER }),
  };
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(users)) as[k] = await login(srv.base, u.username, u.password);
  anon = client(srv.base);
});
after(() => srv?.stop());

const enc = encodeURIComponent;
const today = todayChina; // the server's day is China's (UTC+8), as served_on is recorded

async function ok(who, caseNo, action, fields) {
  const r = await as[who].send('POST', `/workflow/cases/${enc(caseNo)}/actions`, { action, fields });
  assert.equal(r.status, 200, `${who} ${action}: ${JSON.stringify(r.body)}`);
  return r.body;
}
// A case filed and decided: it stands at 送达 (service), the decision approved.
async function decidedCase() {
  const r = await as.officer.send('POST', '/workflow/cases', {
    case_type: 'penalty_ordinary', power: 'SC-CF-001',
    party: { kind: 'org', name: '青岛某某食品有限公司', id_no: '91370202091141705L' },
    officers: ['37020200001', '37020200002'],
    violation_ended_on: '2026-03-01', discovered_on: '2026-03-02', ...SUBSTANCE,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const caseNo = r.body.case.case_no;
  await ok('officer', caseNo, 'submit_filing', { on: '2026-03-03' });
  await ok('deputy', caseNo, 'approve_filing', { on: '2026-03-04' });
  await ok('officer', caseNo, 'finish_investigation', { on: '2026-03-10', measures: ['fine'], fine: 3000, tier: 'light' });
  await ok('legal', caseNo, 'approve_case_review', { on: '2026-03-12' });
  await ok('officer', caseNo, 'record', { notified_on: '2026-03-16', hearing_right_notified: true });
  await ok('officer', caseNo, 'submit_decision', { on: '2026-03-24' });
  const decided = await ok('head', caseNo, 'approve_decision', { on: '2026-03-25' });
  assert.equal(decided.workflow.stage, 'service');
  return caseNo;
}
const consent = (who, caseNo, body) => as[who].send('POST', `/cases/${enc(caseNo)}/delivery-consent`, body);
const send = (who, caseNo, body = { kind: 'decision' }) => as[who].send('POST', `/cases/${enc(caseNo)}/deliveries`, body);
const tokenOf = (p) => p.split('/').pop();
const view = (token) => anon.get(`/public/deliveries/${token}`);
const open = (token, code) => anon.send('POST', `/public/deliveries/${token}/open`, { code });
const confirm = (token, code) => anon.send('POST', `/public/deliveries/${token}/confirm`, { code });
const wrongCode = (code) => String((Number(code) + 1) % 1000000).padStart(6, '0');

test('consent → send → open → five wrong codes lock; a fresh delivery confirms and the case is served', async () => {
  const caseNo = await decidedCase();
  // the 确认书: at least one address, a valid phone
  assert.equal((await consent('officer', caseNo, { signed_on: today() })).status, 400);
  assert.equal((await consent('officer', caseNo, { phone: '12345', signed_on: today() })).status, 400);
  const c = await consent('officer', caseNo, { phone: '13812345678', email: 'party@example.cn', signed_on: '2026-03-25' });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  assert.equal(c.body.phone, '13812345678');
  assert.equal(c.body.recorded_by, 'dv_officer');

  const sent = await send('officer', caseNo);
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  assert.match(sent.body.code, /^\d{6}$/);
  const token = tokenOf(sent.body.path);
  assert.match(token, /^[0-9a-f]{64}$/); // 256 bits ≥ the 128 the brief asks
  assert.equal(sent.body.delivery.status, 'sent');
  assert.equal(sent.body.delivery.token_hash, undefined);
  assert.equal(sent.body.delivery.code_hash, undefined);
  assert.ok(hasChinese(sent.body.delivery.handed_over));
  // expiry: the setting's 168 hours after sending, with its basis
  const sentAt = Date.parse(sent.body.delivery.sent_at);
  assert.equal(Date.parse(sent.body.delivery.expires_at) - sentAt, 168 * 3600 * 1000);
  assert.match(sent.body.delivery.expiry_basis, /第六十一条/);
  // only digests are stored: neither the token nor the code is in the table
  const stored = dbQuery(db, 'SELECT token_hash || body FROM deliveries');
  assert.ok(!stored.includes(token) && !stored.includes(`"${sent.body.code}"`));

  // the link shows who sends what, and marks the delivery opened
  const v = await view(token);
  assert.equal(v.status, 200, JSON.stringify(v.body));
  assert.equal(v.body.kind_name, '行政处罚决定书');
  assert.equal(v.body.attempts_left, 5);
  assert.equal(v.body.party_name, undefined); // nothing of the case before the code
  assert.equal(v.body.status, 'opened');

  // five wrong codes: four say how many remain, the fifth locks; then even the right code fails
  const bad = wrongCode(sent.body.code);
  for (let left = 4; left >= 1; left--) {
    const r = await open(token, bad);
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.match(r.body.error.message, new RegExp(`还可尝试 ${left} 次`));
  }
  const locked = await open(token, bad);
  assert.equal(locked.status, 409);
  assert.match(locked.body.error.message, /锁定/);
  assert.equal((await confirm(token, sent.body.code)).status, 409);
  assert.equal((await view(token)).status, 409);

  // a fresh delivery: the right code opens the document, confirming serves the case
  const again = await send('officer', caseNo);
  assert.equal(again.status, 201, JSON.stringify(again.body));
  const t2 = tokenOf(again.body.path);
  const doc = await open(t2, again.body.code);
  assert.equal(doc.status, 200, JSON.stringify(doc.body));
  assert.equal(doc.body.party_name, '青岛某某食品有限公司');
  assert.equal(doc.body.fine, 3000);
  assert.ok(doc.body.doc_no);
  // the decision's PDF as issued when sending (its version recorded on the delivery)
  assert.equal(again.body.delivery.version, 1);
  assert.equal(doc.body.pdf, true);
  const pdf = await anon.raw(`/api/v1/public/deliveries/${t2}/pdf`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: again.body.code }),
  });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1'), '%PDF-');
  const badPdf = await anon.send('POST', `/public/deliveries/${t2}/pdf`, { code: wrongCode(again.body.code) });
  assert.equal(badPdf.status, 422); // the same code check, a try used
  const before = Date.now();
  const done = await confirm(t2, again.body.code);
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.status, 'confirmed');
  assert.ok(Math.abs(Date.parse(done.body.confirmed_at) - before) < 60000);
  assert.equal((await confirm(t2, again.body.code)).status, 409); // once

  // served_on = the day confirmed, the case moved on from 送达
  const wf = await as.officer.get(`/workflow/cases/${enc(caseNo)}`);
  assert.equal(wf.status, 200);
  assert.equal(wf.body.case.served_on, today());
  assert.notEqual(wf.body.workflow.stage, 'service');

  // the list: both deliveries with their status in Chinese; the confirmed one's time and address
  const list = await as.officer.get(`/cases/${enc(caseNo)}/deliveries`);
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.deliveries.map((d) => d.status), ['locked', 'confirmed']);
  assert.ok(list.body.deliveries.every((d) => hasChinese(d.status_name) && !d.code_hash && !d.token_hash));
  const confirmed = list.body.deliveries[1];
  assert.equal(confirmed.served, true);
  assert.ok(confirmed.confirm_ip);
  assert.equal(confirmed.attempts, 1); // the wrong code tried on the PDF
  // the 送达回证 issued by the documents part, listed with the case's documents
  assert.ok(confirmed.receipt, JSON.stringify(confirmed));
  assert.equal(confirmed.receipt_error, undefined);
  const docs = await as.officer.get(`/cases/${enc(caseNo)}/documents`);
  assert.equal(docs.status, 200, JSON.stringify(docs.body));
  const receipt = docs.body.items.find((d) => d.kind === 'delivery_receipt');
  assert.ok(receipt, 'a 送达回证 among the documents');
  assert.equal(receipt.id, confirmed.receipt.document_id);

  // the timeline shows sent, opened, confirmed and the 送达 step
  const tl = await as.officer.get(`/cases/${enc(caseNo)}/timeline`);
  const acts = tl.body.items.map((i) => i.action);
  for (const a of ['delivery_consent', 'delivery_sent', 'delivery_opened', 'delivery_locked', 'delivery_confirmed', 'serve'])
    assert.ok(acts.includes(a), `${a} in ${acts}`);
  assert.ok(tl.body.items.every((i) => i.action_name), 'every entry named');
  assert.ok(acts.indexOf('delivery_confirmed') < acts.indexOf('serve'));

  // sending once served is refused
  assert.equal((await send('officer', caseNo)).status, 409);
  // the rows are logged: zhifa verify finds them equal to their events
  const verify = run(['--db', db, 'verify']);
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);
});

test('without a 确认书 electronic delivery is refused citing 行政处罚法 61; paper delivery serves', async () => {
  const caseNo = await decidedCase();
  const r = await send('officer', caseNo);
  assert.equal(r.status, 409);
  assert.match(r.body.error.message, /确认书/);
  assert.match(r.body.error.message, /第六十一条/);
  // paper: the signed 送达回证 scanned, then recorded
  assert.equal((await as.officer.send('POST', `/cases/${enc(caseNo)}/paper-delivery`, { on: today() })).status, 400);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const up = await as.officer.raw(`/api/v1/workflow/cases/${enc(caseNo)}/attachments?name=${enc('送达回证.pdf')}&stage=service&kind=document`, {
    method: 'POST', headers: { 'Content-Type': 'application/pdf', 'X-CSRF-Token': as.officer.csrf }, body: pdf,
  });
  assert.equal(up.status, 201);
  const att = await up.json();
  const paper = await as.officer.send('POST', `/cases/${enc(caseNo)}/paper-delivery`, { on: '2026-03-27', attachment_id: att.id });
  assert.equal(paper.status, 201, JSON.stringify(paper.body));
  assert.equal(paper.body.status, 'served_on_paper');
  assert.match(paper.body.status_name, /纸质/);
  const wf = await as.officer.get(`/workflow/cases/${enc(caseNo)}`);
  assert.equal(wf.body.case.served_on, '2026-03-27');
  assert.notEqual(wf.body.workflow.stage, 'service');
});

test('an expired link is refused', async () => {
  const caseNo = await decidedCase();
  assert.equal((await consent('officer', caseNo, { phone: '13812345678', signed_on: today() })).status, 201);
  const sent = await send('officer', caseNo);
  const token = tokenOf(sent.body.path);
  // the expiry moved into the past in the table (the server has no clock to wind on)
  const expired = backend === 'pg'
    ? `jsonb_set(body::jsonb, '{expires_at}', '"2026-01-01T00:00:00Z"')::text`
    : `json_set(body, '$.expires_at', '2026-01-01T00:00:00Z')`;
  dbExec(db, `UPDATE deliveries SET body = ${expired} WHERE id = ${sent.body.delivery.id}`);
  const v = await view(token);
  assert.equal(v.status, 410);
  assert.match(v.body.error.message, /过期/);
  assert.equal((await confirm(token, sent.body.code)).status, 410);
  // the row is tamper-evident: zhifa verify sees it differ from its delivery.put event
  const verify = run(['--db', db, 'verify']);
  assert.notEqual(verify.code, 0);
  assert.match(verify.stdout + verify.stderr, /delivery_changed/);
  // an unknown link: 404 in Chinese
  const unknown = await view('0'.repeat(64));
  assert.equal(unknown.status, 404);
  assert.ok(hasChinese(unknown.body.error.message));
});

test("another agency's officer cannot record consent, send or list for a case outside his scope", async () => {
  const caseNo = await decidedCase();
  assert.equal((await consent('other', caseNo, { phone: '13812345678', signed_on: today() })).status, 404);
  assert.equal((await consent('officer', caseNo, { phone: '13812345678', signed_on: today() })).status, 201);
  assert.equal((await send('other', caseNo)).status, 404);
  assert.equal((await as.other.get(`/cases/${enc(caseNo)}/deliveries`)).status, 404);
  assert.equal((await as.other.send('POST', `/cases/${enc(caseNo)}/paper-delivery`, { on: today(), attachment_id: 1 })).status, 404);
  // nothing was written for him
  const list = await as.officer.get(`/cases/${enc(caseNo)}/deliveries`);
  assert.equal(list.body.deliveries.length, 0);
  assert.equal(list.body.consents.length, 1);
});
