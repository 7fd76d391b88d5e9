// 行政复议意见书 and its correction report (第七十六条: 被申请人…应当自收到行政复议意见书之日起六十日内将
// 纠正相关违法或者不当行政行为的情况报送行政复议机构), and the daily yellow/red messages of every period
// (docs/reconsideration.md, docs/messages.md). Due dates are computed here from the law's words and
// lib/calendar.mjs: 60 natural days from receipt, rolled forward to a working day (第八十八条).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, dbQuery } from './lib/zhifa.mjs';
import { cnid, uscc } from './lib/codes.mjs';
import { addWd, isWorkday } from './lib/calendar.mjs';

/** D + n natural days, rolled forward to a working day. */
function addNd(d, n) {
  let t = Date.parse(`${d}T00:00:00Z`) + n * 86400000;
  const iso = (x) => new Date(x).toISOString().slice(0, 10);
  while (!isWorkday(iso(t))) t += 86400000;
  return iso(t);
}
const nextDay = (d) => new Date(Date.parse(`${d}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);

const HD = uscc('11370211MB3000011'); // 370211 黄岛区
const JM = uscc('11370282MB3000012'); // 370282 即墨区
const agencies = [
  { type: 'agency', code: HD, name: '黄岛区意见书测试局', region: '370211', level: 'county', kind: 'department', sector: 'market_regulation' },
  { type: 'agency', code: JM, name: '即墨区意见书测试局', region: '370282', level: 'county', kind: 'department', sector: 'transport' },
];

let srv, db, who = {};
before(async () => {
  db = path.join(tmpDir(), 'recon_opinion.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const r = run(['--db', db, 'import', '-'], { input: agencies.map((x) => JSON.stringify(x)).join('\n') + '\n' });
  assert.equal(r.code, 0, r.stderr);
  const users = {
    clerk: { role: 'reconsideration_officer', region: '370200' }, head: { role: 'reconsideration_head', region: '370200' },
    bjhead: { role: 'reconsideration_head', region: '110000' }, hd: { role: 'agency_head', agency: HD },
    jm: { role: 'agency_head', agency: JM }, sup: { role: 'supervisor', region: '370200' },
  };
  const made = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, addUser(db, { username: `o_${k}`, ...u })]));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(made)) who[k] = await login(srv.base, u.username, u.password);
});
after(() => srv?.stop());

let n = 0;
async function apply(received_on = '2026-03-02') {
  n++;
  const r = await who.clerk.send('POST', '/reconsiderations', {
    applicant: { kind: 'person', name: `申请人${n}`, id_no: cnid(`3702111985010${String(n).padStart(4, '0')}`) },
    respondent: HD, act: { doc_no: `黄岛罚〔2026〕${300 + n}号`, decided_on: '2026-02-01', known_on: '2026-02-10' },
    request: '撤销行政处罚决定', facts: '事实不清。', received_on, procedure: 'ordinary',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}
const act = (as, id, body) => as.send('POST', `/reconsiderations/${id}/actions`, body);
async function ok(as, id, body) {
  const r = await act(as, id, body);
  assert.equal(r.status, 200, `${body.action}: ${JSON.stringify(r.body)}`);
  return r.body;
}
const codes = (rec) => rec.actions.map((a) => a.code);
const sweep = (asOf) => assert.equal(run(['--db', db, 'sweep', '--as-of', asOf]).code, 0);
async function messagesFor(c, id) {
  const r = await c.get('/messages?kind=recon_deadline&size=100');
  assert.equal(r.status, 200);
  return r.body.items.filter((m) => m.link === `/reconsideration/cases/${id}`);
}

async function decided() {
  const r = await apply();
  await ok(who.clerk, r.id, { action: 'accept', on: '2026-03-03' });
  await ok(who.clerk, r.id, { action: 'send_copy', on: '2026-03-04' });
  await ok(who.hd, r.id, { action: 'answer', on: '2026-03-10', note: '答复意见' });
  await ok(who.clerk, r.id, { action: 'decide', on: '2026-04-20', outcome: 'maintain', note: '维持' });
  return r;
}

test('意见书: the report is due 60 days after the respondent received it, rolled to a working day; report, return, report again, accept', async () => {
  const r = await decided();
  assert.ok(codes((await who.clerk.get(`/reconsiderations/${r.id}`)).body).includes('opinion'));
  assert.equal((await act(who.hd, r.id, { action: 'opinion', on: '2026-04-20', note: 'x' })).status, 403, 'the organ issues it');
  assert.equal((await act(who.clerk, r.id, { action: 'opinion', on: '2026-04-20' })).status, 422, 'its content is required');
  assert.equal((await act(who.hd, r.id, { action: 'opinion_report', on: '2026-04-21', note: 'x' })).status, 409, 'no 意见书 yet');
  // received 2026-08-07: + 60 = 10-06, inside National Day's holiday → the first working day after it
  const o = await ok(who.clerk, r.id, { action: 'opinion', on: '2026-08-05', received_on: '2026-08-07', note: '处罚程序违法，应予纠正' });
  assert.equal(o.opinion.received_on, '2026-08-07');
  assert.equal(o.opinion.report_due_on, addNd('2026-08-07', 60));
  assert.notEqual(o.opinion.report_due_on, '2026-10-06', 'rolled past the National Day holiday');
  assert.equal(o.opinion.report_status, 'pending');
  assert.equal(o.status, 'decided', 'the case keeps its status');
  assert.equal((await act(who.clerk, r.id, { action: 'opinion', on: '2026-08-06', note: '再发' })).status, 409, 'one 意见书');
  assert.equal((await act(who.jm, r.id, { action: 'opinion_report', on: '2026-08-10', note: 'x' })).status, 404, 'another agency');
  assert.equal((await act(who.clerk, r.id, { action: 'opinion_accept', on: '2026-08-10' })).status, 409, 'nothing to accept');
  assert.ok(codes((await who.hd.get(`/reconsiderations/${r.id}`)).body).includes('opinion_report'));

  const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
  const upload = (c) => c.raw(`/api/v1/reconsiderations/${r.id}/attachments?name=${encodeURIComponent('纠正决定.pdf')}&purpose=report`, {
    method: 'POST', body: PDF, headers: { 'Content-Type': 'application/pdf', 'X-CSRF-Token': c.csrf } });
  assert.equal((await upload(who.hd)).status, 201, 'the respondent files its report with files');
  assert.equal((await upload(who.clerk)).status, 409, 'the organ does not file the respondent\'s report');
  const s1 = await ok(who.hd, r.id, { action: 'opinion_report', on: '2026-09-01', note: '已撤销原处罚决定并重新作出' });
  assert.equal(s1.opinion.report_status, 'submitted');
  assert.equal(s1.opinion.colour, 'none', 'a submitted report no longer runs late');
  assert.equal((await upload(who.hd)).status, 409, 'submitted: no more files until returned');
  assert.equal((await act(who.clerk, r.id, { action: 'opinion_return', on: '2026-09-02' })).status, 422, 'a return says why');
  const back = await ok(who.clerk, r.id, { action: 'opinion_return', on: '2026-09-02', note: '未附重新作出的决定书' });
  assert.equal(back.opinion.report_status, 'returned');
  await ok(who.hd, r.id, { action: 'opinion_report', on: '2026-09-05', note: '补充决定书' });
  const done = await ok(who.clerk, r.id, { action: 'opinion_accept', on: '2026-09-06', note: '认可' });
  assert.equal(done.opinion.report_status, 'accepted');
  assert.deepEqual(done.opinion.reports.map((x) => x.on), ['2026-09-01', '2026-09-05']);
  assert.deepEqual(done.opinion.reviews.map((x) => x.result), ['returned', 'accepted']);
  assert.ok(done.body.attachments.some((a) => a.purpose === 'report'));
  assert.ok(!codes(done).some((c) => c.startsWith('opinion')), 'nothing left to do on it');
});

test('an overdue correction report: red, messages to the 承办人 and the head, and one lead for the supervisor', async () => {
  const r = await decided();
  const o = await ok(who.clerk, r.id, { action: 'opinion', on: '2026-05-06', received_on: '2026-05-08', note: '应当纠正' });
  const due = addNd('2026-05-08', 60);
  assert.equal(o.opinion.report_due_on, due);
  sweep(addWd(due, -4));
  assert.equal((await messagesFor(who.clerk, r.id)).length, 0, 'four working days ahead: not yet (recon_warn_wd 3)');
  sweep(addWd(due, -3));
  assert.equal((await messagesFor(who.clerk, r.id)).length, 1, 'yellow: the 承办人');
  assert.equal((await messagesFor(who.head, r.id)).length, 0, 'yellow: not the head');
  const late = nextDay(due);
  sweep(late);
  sweep(late); // the job twice on a day: still one message each
  const mine = await messagesFor(who.clerk, r.id);
  assert.equal(mine.length, 2);
  assert.match(mine[0].title, /纠正情况/);
  assert.equal((await messagesFor(who.head, r.id)).length, 1, 'red: the head too');
  assert.equal((await messagesFor(who.bjhead, r.id)).length, 0, 'a head of another region is not told');
  const ref = `reconsideration:${r.case_no}:opinion_report`;
  const count = () => dbQuery(db, `SELECT count(*) FROM leads WHERE source = 'reconsideration' AND source_ref = '${ref}'`);
  assert.equal(count(), '1');
  sweep(nextDay(late));
  assert.equal(count(), '1', 'filed once');
  const leads = (await who.sup.get('/leads?size=100')).body.items;
  assert.ok(leads.some((l) => l.source_ref === ref && l.agency === HD), 'the supervisor sees the lead');
});

test('yellow/red for the periods of a case: the review period near, then past (承办人; red also the head), once per day', async () => {
  const r = await apply('2026-06-01');
  const due = addWd('2026-06-01', 5);
  sweep(addWd(due, -3));
  assert.equal((await messagesFor(who.clerk, r.id)).length, 1);
  assert.match((await messagesFor(who.clerk, r.id))[0].title, /审查受理/);
  assert.equal((await messagesFor(who.head, r.id)).length, 0);
  sweep(addWd(due, -3));
  assert.equal((await messagesFor(who.clerk, r.id)).length, 1, 'the same day: once');
  sweep(nextDay(due));
  assert.equal((await messagesFor(who.clerk, r.id)).length, 2);
  assert.equal((await messagesFor(who.head, r.id)).length, 1);
  const rec = (await who.clerk.get(`/reconsiderations/${r.id}`)).body;
  assert.equal(rec.deadlines.review_due_on, due);
});
