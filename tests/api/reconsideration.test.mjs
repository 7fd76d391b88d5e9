// 行政复议 (issue 24, docs/reconsideration.md): every period of the 2023 law at its boundaries across
// 春节, 国庆 and 调休 Saturdays, computed here from data/holidays (lib/calendar.mjs) and the law's
// words — add_wd for 3/5/7/10 days (第八十八条第二款), natural days rolled forward for the rest —;
// every 受理 outcome; 409 for a step the status forbids and 422 with the article where the law
// refuses; a revoke on a linked penalty case marking it, filing the lead and moving the agency's
// correction rate; scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import crypto from 'node:crypto';
import { run, tmpDir, startServer, addUser, login, dbQuery, dbExec, client } from './lib/zhifa.mjs';
import { cnid, uscc } from './lib/codes.mjs';
import { addWd, isWorkday } from './lib/calendar.mjs';

/** D + n natural days, rolled forward to a working day (民法典 第二百零三条; 行政复议法 第八十八条第一款). */
function addNd(d, n) {
  let t = Date.parse(`${d}T00:00:00Z`) + n * 86400000;
  const iso = (x) => new Date(x).toISOString().slice(0, 10);
  while (!isWorkday(iso(t))) t += 86400000;
  return iso(t);
}

const HD = uscc('11370211MB3000001'); // 370211 黄岛区, under 青岛市 370200
const JM = uscc('11370282MB3000002'); // 370282 即墨区
const BJ = uscc('11110101MB3000003'); // 110101 北京东城
const agencies = [
  { type: 'agency', code: HD, name: '青岛市黄岛区复议测试局', region: '370211', level: 'county', kind: 'department', sector: 'market_regulation' },
  { type: 'agency', code: JM, name: '即墨区复议测试局', region: '370282', level: 'county', kind: 'department', sector: 'transport' },
  { type: 'agency', code: BJ, name: '北京市东城区复议测试局', region: '110101', level: 'county', kind: 'department', sector: 'market_regulation' },
];
const PENALTY = '黄岛罚〔2026〕77号';
const penalty = {
  type: 'case', case_no: PENALTY, agency: HD, kind: 'penalty', procedure: 'ordinary', filed_on: '2026-03-02',
  decided_on: '2026-04-01', decision: { outcome: 'penalty', measures: ['fine'], fine: 2000 },
  party: { kind: 'person', name: '申请人甲', id_no: cnid('37021119800101001') },
};

let srv, db, who = {};
before(async () => {
  db = path.join(tmpDir(), 'recon.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const r = run(['--db', db, 'import', '-'], { input: [...agencies, penalty].map((x) => JSON.stringify(x)).join('\n') + '\n' });
  assert.equal(r.code, 0, r.stderr);
  const users = {
    clerk: { role: 'reconsideration_officer', region: '370200' }, head: { role: 'reconsideration_head', region: '370200' },
    bj: { role: 'reconsideration_officer', region: '110000' }, sup: { role: 'supervisor', region: '370200' },
    hd: { role: 'agency_head', agency: HD }, jm: { role: 'officer', agency: JM },
  };
  const made = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, addUser(db, { username: `r_${k}`, ...u })]));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(made)) who[k] = await login(srv.base, u.username, u.password);
});
after(() => srv?.stop());

let n = 0;
function application(extra = {}) {
  n++;
  return {
    applicant: { kind: 'person', name: `申请人${n}`, id_no: cnid(`3702111980010${String(n).padStart(4, '0')}`) },
    respondent: HD, act: { doc_no: `黄岛罚〔2026〕${100 + n}号`, decided_on: '2026-01-10', known_on: '2026-01-20' },
    request: '撤销被申请人作出的行政处罚决定', facts: '被申请人认定事实不清，适用依据错误。', received_on: '2026-02-12',
    procedure: 'ordinary', ...extra,
  };
}
async function apply(extra) {
  const r = await who.clerk.send('POST', '/reconsiderations', application(extra));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}
const act = (as, id, body) => as.send('POST', `/reconsiderations/${id}/actions`, body);
async function ok(as, id, body) {
  const r = await act(as, id, body);
  assert.equal(r.status, 200, `${body.action}: ${JSON.stringify(r.body)}`);
  return r.body;
}

test('registration: 201 with the 复议案号, status received and the 5-working-day review across 春节 (02-14 调休 Saturday counts)', async () => {
  const r = await apply();
  assert.ok(r.id > 0);
  assert.match(r.case_no, /复〔2026〕\d+号$/);
  assert.equal(r.status, 'received');
  assert.equal(r.deadlines.review_due_on, addWd('2026-02-12', 5));
  assert.equal(r.deadlines.review_due_on, '2026-02-26'); // 13, 14 (调休), 24, 25, 26
  assert.equal(r.deadlines.copy_due_on, null);
  assert.equal(r.deadlines.decision_due_on, null);
  assert.equal(r.deadlines.apply_due_on, addNd('2026-01-20', 60));
  assert.equal(r.timeline[0].action, 'register');
});

test('refused at the edge: missing applicant, unknown procedure, bad dates — Chinese messages', async () => {
  for (const [body, field] of [[{ applicant: undefined }, 'applicant'], [{ procedure: 'fast' }, 'procedure'],
    [{ received_on: '2026-02-30' }, 'received_on'], [{ act: { decided_on: '2026-01-10' } }, 'act.known_on'],
    [{ request: '' }, 'request']]) {
    const r = await who.clerk.send('POST', '/reconsiderations', application(body));
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.body.error.field, field);
    assert.match(r.body.error.message, /[\u4e00-\u9fff]/);
  }
  const later = await who.clerk.send('POST', '/reconsiderations', application({ act: { decided_on: '2026-01-10', known_on: '2026-03-01' } }));
  assert.equal(later.status, 422, 'knowing of the act after the application arrived');
});

test('补正 once (第三十一条): the review stops, restarts from the correction; a second notice is 422', async () => {
  const r = await apply();
  const c = await ok(who.clerk, r.id, { action: 'notice_correction', on: '2026-02-13', items: ['身份证明', '行政处罚决定书复印件'] });
  assert.equal(c.status, 'correcting');
  assert.equal(c.deadlines.review_due_on, null, 'no review runs while the applicant corrects');
  const again = await act(who.clerk, r.id, { action: 'notice_correction', on: '2026-02-13', items: ['再补'] });
  assert.equal(again.status, 422);
  assert.match(again.body.error.message, /第三十一条/);
  const back = await ok(who.clerk, r.id, { action: 'correction_received', on: '2026-02-14' });
  assert.equal(back.status, 'received');
  assert.equal(back.deadlines.review_due_on, addWd('2026-02-14', 5));
  assert.equal(back.deadlines.review_due_on, '2026-02-28', '24, 25, 26, 27 and the 调休 Saturday 02-28');
  const third = await act(who.clerk, r.id, { action: 'notice_correction', on: '2026-02-24', items: ['又一项'] });
  assert.equal(third.status, 422, 'still only one notice after the correction');
  assert.match(third.body.error.message, /第三十一条/);
  const a = await ok(who.clerk, r.id, { action: 'accept', on: '2026-02-26' });
  assert.equal(a.status, 'accepted');
  assert.equal(a.deadlines.copy_due_on, addWd('2026-02-26', 7));
  assert.equal(a.deadlines.decision_due_on, addNd('2026-02-26', 60));
  const s = await ok(who.clerk, r.id, { action: 'send_copy', on: '2026-03-02' });
  assert.equal(s.deadlines.answer_due_on, addWd('2026-03-02', 10));
});

test('every 受理 outcome: accept, reject with its reason, a late application (第二十条) refused or accepted with its reason', async () => {
  const a = await apply();
  assert.equal((await ok(who.clerk, a.id, { action: 'accept', on: '2026-02-13' })).status, 'accepted');
  const b = await apply();
  const bad = await act(who.clerk, b.id, { action: 'reject', on: '2026-02-13', reason: 'because' });
  assert.equal(bad.status, 400);
  const rj = await ok(who.clerk, b.id, { action: 'reject', on: '2026-02-13', reason: 'not_ours', note: '应向青岛市人民政府申请' });
  assert.equal(rj.status, 'rejected');
  assert.equal(rj.reject_reason, 'not_ours');
  assert.match(rj.reject_reason_name, /第三十条第一款第六项/);
  assert.equal((await ok(who.clerk, b.id, { action: 'close', on: '2026-02-24' })).status, 'closed');
  // known 2025-12-17: 60 days end on 2026-02-15 (春节) → 02-24; received 02-25 is late, 02-24 is not
  const inTime = await apply({ act: { decided_on: '2025-12-10', known_on: '2025-12-17' }, received_on: addNd('2025-12-17', 60) });
  assert.equal(inTime.body.late, false);
  const late = await apply({ act: { decided_on: '2025-12-10', known_on: '2025-12-17' }, received_on: '2026-02-25' });
  assert.equal(late.body.late, true);
  const refused = await act(who.clerk, late.id, { action: 'accept', on: '2026-02-26' });
  assert.equal(refused.status, 422);
  assert.match(refused.body.error.message, /第二十条/);
  const accepted = await ok(who.clerk, late.id, { action: 'accept', on: '2026-02-26', delay_reason: '申请人住院治疗，障碍消除后即提出' });
  assert.equal(accepted.status, 'accepted');
  const late2 = await apply({ act: { decided_on: '2025-12-10', known_on: '2025-12-17' }, received_on: '2026-02-25' });
  assert.equal((await ok(who.clerk, late2.id, { action: 'reject', on: '2026-02-26', reason: 'late' })).status, 'rejected');
});

test('国庆: the copy in 7 working days (10-10 调休 Saturday counts), the answer in 10; simple procedure 3 and 5 and 30 days', async () => {
  const o = await apply({ received_on: '2026-09-22', act: { decided_on: '2026-09-01', known_on: '2026-09-10' } });
  const a = await ok(who.clerk, o.id, { action: 'accept', on: '2026-09-24' });
  assert.equal(a.deadlines.copy_due_on, addWd('2026-09-24', 7));
  assert.equal(a.deadlines.copy_due_on, '2026-10-12');
  const c = await ok(who.clerk, o.id, { action: 'send_copy', on: '2026-09-29' });
  assert.equal(c.deadlines.answer_due_on, addWd('2026-09-29', 10));
  assert.equal(c.deadlines.answer_due_on, '2026-10-19');
  const s = await apply({ received_on: '2026-09-22', procedure: 'simple', act: { decided_on: '2026-09-01', known_on: '2026-09-10' } });
  const sa = await ok(who.clerk, s.id, { action: 'accept', on: '2026-09-24' });
  assert.equal(sa.deadlines.copy_due_on, addWd('2026-09-24', 3));
  assert.equal(sa.deadlines.decision_due_on, addNd('2026-09-24', 30));
  const sc = await ok(who.clerk, s.id, { action: 'send_copy', on: '2026-09-29' });
  assert.equal(sc.deadlines.answer_due_on, addWd('2026-09-29', 5));
  const ext = await act(who.head, s.id, { action: 'extend', on: '2026-10-12', days: 10 });
  assert.equal(ext.status, 422, 'a simple case is not extended');
});

test('the decision: 60 days rolled over 国庆, a 中止 of 12 days in the middle adds 12, resume restores the status', async () => {
  const r = await apply({ received_on: '2026-07-27', act: { decided_on: '2026-07-01', known_on: '2026-07-10' } });
  const a = await ok(who.clerk, r.id, { action: 'accept', on: '2026-08-03' });
  assert.equal(a.deadlines.decision_due_on, addNd('2026-08-03', 60));
  assert.equal(a.deadlines.decision_due_on, '2026-10-08', 'the 60th day, 10-02, is a holiday');
  await ok(who.clerk, r.id, { action: 'send_copy', on: '2026-08-05' });
  const bad = await act(who.clerk, r.id, { action: 'suspend', on: '2026-08-20', reason: 11 });
  assert.equal(bad.status, 422);
  assert.match(bad.body.error.message, /第三十九条/);
  const notSuspended = await act(who.clerk, r.id, { action: 'resume', on: '2026-08-20' });
  assert.equal(notSuspended.status, 409);
  const s = await ok(who.clerk, r.id, { action: 'suspend', on: '2026-08-20', reason: 6 });
  assert.equal(s.status, 'suspended');
  const during = await act(who.clerk, r.id, { action: 'decide', on: '2026-08-25', outcome: 'maintain' });
  assert.equal(during.status, 409, 'no decision while suspended');
  const back = await ok(who.clerk, r.id, { action: 'resume', on: '2026-09-01' });
  assert.equal(back.status, 'copy_sent');
  assert.equal(back.body.suspended_days, 12);
  assert.equal(back.deadlines.decision_due_on, addNd('2026-08-03', 60 + 12));
  assert.equal(back.deadlines.decision_due_on, '2026-10-14');
});

test('第六十二条: the head extends by 30 from a due date that fell on a holiday; over 30 in all is 422; the officer cannot', async () => {
  const r = await apply({ received_on: '2026-07-27', act: { decided_on: '2026-07-01', known_on: '2026-07-10' } });
  await ok(who.clerk, r.id, { action: 'accept', on: '2026-08-03' });
  const byClerk = await act(who.clerk, r.id, { action: 'extend', on: '2026-09-20', days: 30 });
  assert.equal(byClerk.status, 403);
  const over = await act(who.head, r.id, { action: 'extend', on: '2026-09-20', days: 31 });
  assert.equal(over.status, 422);
  assert.match(over.body.error.message, /第六十二条/);
  const e = await ok(who.head, r.id, { action: 'extend', on: '2026-09-20', days: 30, note: '案情复杂' });
  assert.equal(e.deadlines.decision_due_on, addNd('2026-08-03', 90));
  assert.equal(e.deadlines.decision_due_on, '2026-11-02', 'from acceptance: 11-01 is a Sunday');
  const more = await act(who.head, r.id, { action: 'extend', on: '2026-09-21', days: 1 });
  assert.equal(more.status, 422);
  assert.match(more.body.error.message, /第六十二条/);
});

test('409 for a step the status forbids; the respondent answers, the organ cannot', async () => {
  const r = await apply();
  for (const action of ['send_copy', 'decide', 'resume', 'close', 'correction_received']) {
    const x = await act(who.clerk, r.id, { action, on: '2026-02-13', outcome: 'maintain' });
    assert.equal(x.status, 409, action);
    assert.match(x.body.error.message, /[\u4e00-\u9fff]/);
  }
  await ok(who.clerk, r.id, { action: 'accept', on: '2026-02-13' });
  const early = await act(who.hd, r.id, { action: 'answer', note: '答复' });
  assert.equal(early.status, 409, 'no copy received yet');
  await ok(who.clerk, r.id, { action: 'send_copy', on: '2026-02-24' });
  assert.equal((await act(who.clerk, r.id, { action: 'answer', on: '2026-02-25', note: '代答' })).status, 403);
  assert.equal((await act(who.jm, r.id, { action: 'answer', note: '别人的' })).status, 404);
  const before = await act(who.clerk, r.id, { action: 'accept', on: '2026-02-24' });
  assert.equal(before.status, 409);
  const old = await act(who.clerk, r.id, { action: 'hearing', on: '2026-02-01', note: '听证' });
  assert.equal(old.status, 422, 'not before the last step');
});

test('a revoke on a linked penalty case marks the case, files the lead for the supervisor and moves the correction rate', async () => {
  const stats = async () => (await who.sup.get(`/reconsiderations/stats?respondent=${HD}`)).body.items.find((i) => i.respondent === HD);
  // one maintained decision first: the rate is 0 %
  const m = await apply({ received_on: '2026-05-06', act: { doc_no: 'X', decided_on: '2026-04-01', known_on: '2026-04-03' } });
  await ok(who.clerk, m.id, { action: 'accept', on: '2026-05-07' });
  await ok(who.clerk, m.id, { action: 'send_copy', on: '2026-05-08' });
  await ok(who.clerk, m.id, { action: 'decide', on: '2026-06-01', outcome: 'maintain' });
  const before = await stats();
  const rateBefore = before.correction_rate;
  assert.equal(before.corrected, 0);

  const r = await apply({ received_on: '2026-05-06', act: { case_no: PENALTY, decided_on: '2026-04-01', known_on: '2026-04-03' } });
  assert.equal(r.linked_case_no, PENALTY);
  await ok(who.clerk, r.id, { action: 'accept', on: '2026-05-07' });
  await ok(who.clerk, r.id, { action: 'send_copy', on: '2026-05-08' });
  const ans = await act(who.hd, r.id, { action: 'answer', note: '被申请人书面答复：认定事实清楚' });
  assert.equal(ans.status, 200, JSON.stringify(ans.body));
  const h = await act(who.clerk, r.id, { action: 'hearing', on: ans.body.body.last_act_on, presiding: 'r_clerk', note: '听证' });
  assert.equal(h.status, 422, '回避: the 承办人 does not preside');
  const d = await ok(who.clerk, r.id, { action: 'decide', on: ans.body.body.last_act_on, outcome: 'revoke', note: '认定事实不清' });
  assert.equal(d.status, 'decided');
  assert.ok(d.body.lead_id > 0);
  const leads = (await who.sup.get('/leads?source=reconsideration&size=200')).body.items;
  const lead = leads.find((l) => l.case_no === PENALTY);
  assert.ok(lead, 'the supervisor of the respondent agency receives the lead');
  assert.equal(lead.agency, HD);
  assert.match(lead.content, new RegExp(r.case_no.replace(/[()〔〕]/g, '.')));
  const rec = JSON.parse(dbQuery(db, `SELECT body FROM cases WHERE case_no = '${PENALTY}'`));
  assert.equal(rec.revocation.kind, 'revoked');
  assert.equal(rec.revocation.by, 'review');
  const rolled = dbQuery(db, `SELECT sum(reconsidered) FROM rollup_cases WHERE agency = '${HD}'`);
  assert.equal(rolled, '1', 'the rollups count the case as reconsidered');
  const after = await stats();
  assert.equal(after.corrected, 1);
  assert.ok(after.correction_rate > (rateBefore ?? 0));
  assert.equal(after.correction_rate, Math.round(1000 * after.corrected / after.decided) / 10);
  // the sweep files no second lead for the same outcome
  assert.equal(run(['--db', db, 'sweep']).code, 0);
  const again = (await who.sup.get('/leads?source=reconsideration&size=200')).body.items.filter((l) => l.case_no === PENALTY);
  assert.equal(again.length, 1);
});

test('附带审查 (第十三条): not forwarded while the module answers 501, recorded on the timeline, the application stands', async () => {
  const r = await apply({ incidental: { title: '某市某规定', reason: '与上位法相抵触' } });
  assert.equal(r.status, 'received');
  const t = r.timeline.find((x) => x.action === 'incidental');
  assert.ok(t);
  assert.match(t.note, /未能转送/);
});

test('scope: a respondent sees only its own accepted cases; another region and another agency see nothing', async () => {
  const fresh = await apply();
  const mine = (await who.hd.get('/reconsiderations?size=200')).body.items;
  assert.ok(mine.length > 0);
  assert.ok(mine.every((i) => i.respondent === HD && i.accepted_on), 'only its own, from acceptance on');
  assert.equal((await who.hd.get(`/reconsiderations/${fresh.id}`)).status, 404, 'not before acceptance');
  assert.equal((await who.jm.get('/reconsiderations?size=200')).body.total, 0);
  assert.equal((await who.jm.get(`/reconsiderations/${mine[0].id}`)).status, 404);
  assert.equal((await who.bj.get(`/reconsiderations/${fresh.id}`)).status, 404);
  assert.equal((await who.bj.get('/reconsiderations?size=200')).body.total, 0);
  const other = await who.bj.send('POST', '/reconsiderations', application());
  assert.equal(other.status, 404, 'a respondent outside the region is not found');
  const bjOwn = await who.bj.send('POST', '/reconsiderations', application({ respondent: BJ }));
  assert.equal(bjOwn.status, 201);
  assert.equal((await who.clerk.get(`/reconsiderations/${bjOwn.body.id}`)).status, 404);
  assert.equal((await who.hd.send('POST', '/reconsiderations', application())).status, 403, 'agency users do not register');
});

test('the ledger covers every row: zhifa verify is clean, and a row changed by hand is reported', async () => {
  const v = run(['--db', db, 'verify']);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  dbExec(db, "UPDATE reconsiderations SET outcome = 'maintain' WHERE outcome = 'revoke'");
  const bad = run(['--db', db, 'verify']);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /reconsideration_changed/);
  dbExec(db, "UPDATE reconsiderations SET outcome = 'revoke' WHERE linked_case_no IS NOT NULL AND outcome = 'maintain'");
});

test('Excel: the list and the statistics by respondent download as workbooks', async () => {
  for (const p of ['/reconsiderations/export.xlsx', '/reconsiderations/stats/export.xlsx']) {
    const r = await who.sup.raw(`/api/v1${p}`);
    assert.equal(r.status, 200, p);
    const bytes = Buffer.from(await r.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a zip (xlsx)');
  }
});

const zeroBits = (buf) => {
  let z = 0;
  for (const byte of buf) {
    if (byte === 0) { z += 8; continue; }
    return z + Math.clz32(byte) - 24;
  }
  return z;
};
function solve({ prefix, bits }) {
  for (let i = 0; ; i++) {
    const nonce = i.toString(36);
    if (zeroBits(crypto.createHash('sha256').update(prefix + nonce).digest()) >= bits) return nonce;
  }
}

test('the portal: apply with ID number and phone after the challenge, track by 复议案号 + ID + phone only', async () => {
  const anon = client(srv.base);
  const ch = (await anon.get('/public/challenge')).body;
  const app = application();
  delete app.received_on;
  app.applicant.phone = '13800000000';
  const unsolved = await anon.send('POST', '/public/reconsiderations', { ...app, challenge: { id: ch.id, nonce: 'x' } });
  assert.equal(unsolved.status, 422);
  const ch2 = (await anon.get('/public/challenge')).body;
  const r = await anon.send('POST', '/public/reconsiderations', { ...app, challenge: { id: ch2.id, nonce: solve(ch2) } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.deepEqual(Object.keys(r.body).sort(), ['case_no', 'received_on', 'review_due_on']);
  assert.equal(r.body.review_due_on, addWd(r.body.received_on, 5));
  const wrong = await anon.send('POST', '/public/reconsiderations/track', { case_no: r.body.case_no, id_no: app.applicant.id_no, phone: '13900000000' });
  assert.equal(wrong.status, 404);
  const t = await anon.send('POST', '/public/reconsiderations/track', { case_no: r.body.case_no, id_no: app.applicant.id_no, phone: '13800000000' });
  assert.equal(t.status, 200);
  assert.equal(t.body.status, 'received');
  assert.equal(t.body.body, undefined, 'nothing internal');
  const staff = (await who.clerk.get(`/reconsiderations?q=${encodeURIComponent(r.body.case_no)}`)).body.items[0];
  assert.equal(staff.channel, 'portal');
  assert.equal(staff.created_by, 'portal');
});

test('evidence with the answer: the respondent uploads while the answer is due, the organ adds materials; others see nothing', async () => {
  const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
  const upload = (c, id, purpose, name) => c.raw(`/api/v1/reconsiderations/${id}/attachments?name=${encodeURIComponent(name)}&purpose=${purpose}`, {
    method: 'POST', body: PDF, headers: { 'Content-Type': 'application/pdf', 'X-CSRF-Token': c.csrf } });
  const r = await apply();
  await ok(who.clerk, r.id, { action: 'accept', on: '2026-02-13' });
  assert.equal((await upload(who.hd, r.id, 'evidence', '处罚案卷.pdf')).status, 409, 'not before the copy');
  await ok(who.clerk, r.id, { action: 'send_copy', on: '2026-02-24' });
  const ev = await upload(who.hd, r.id, 'evidence', '处罚案卷.pdf');
  assert.equal(ev.status, 201);
  const file = await ev.json();
  assert.equal((await upload(who.clerk, r.id, 'evidence', '代传.pdf')).status, 403);
  assert.equal((await upload(who.hd, r.id, 'material', '机构材料.pdf')).status, 403);
  assert.equal((await upload(who.clerk, r.id, 'material', '申请书.pdf')).status, 201);
  assert.equal((await upload(who.jm, r.id, 'evidence', 'x.pdf')).status, 404);
  const seen = (await who.clerk.get(`/reconsiderations/${r.id}`)).body;
  assert.deepEqual(seen.body.attachments.map((a) => [a.purpose, a.name]), [['evidence', '处罚案卷.pdf'], ['material', '申请书.pdf']]);
  assert.ok(seen.timeline.some((t) => t.action === 'attach' && t.action_name === '上传材料'));
  const got = await who.clerk.raw(`/api/v1/reconsiderations/${r.id}/attachments/${file.id}`);
  assert.equal(got.status, 200);
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), PDF);
  assert.equal((await who.jm.raw(`/api/v1/reconsiderations/${r.id}/attachments/${file.id}`)).status, 404);
});
