// 规范性文件备案审查 (issue 25, docs/normative-docs.md) against the real server: filing and its
// deadline (法规规章备案审查条例 第四条: 30 days after publication, the setting's default), the
// gap-free 登记编号 under concurrent registrations, the four-step chain in order with send-back and
// resume (409 out of order, 403 a step not the user's), the 60-day review limit rolled past the
// National Day holiday (computed here from data/holidays by tests/api/lib/calendar.mjs), the late
// filing alert, 附带审查 through the module's seam, the public register searched for a 2-character
// term, the cleanup two years on, and scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, hasChinese, jsonLines } from './lib/zhifa.mjs';
import { isWorkday, todayChina } from './lib/calendar.mjs';

const A1 = '113702021588139920'; // 市南区市场监督管理局 (370202)
const A2 = '11370203869879736T'; // 市北区交通运输局 (370203)
const TODAY = todayChina();
const YEAR = Number(TODAY.slice(0, 4));
let srv, db;
const as = {};

const iso = (t) => new Date(t).toISOString().slice(0, 10);
const plusDays = (d, n) => iso(Date.parse(`${d}T00:00:00Z`) + n * 86400000);
// 民法典 第二百零一、二百零三条: counted from the next day, a last day off moves to the next working day.
function rolled(d) { while (!isWorkday(d)) d = plusDays(d, 1); return d; }

before(async () => {
  db = path.join(tmpDir(), 'normative.db');
  assert.equal(run(['--db', db, 'init', '--demo'], { timeout: 120000 }).code, 0);
  const users = [
    addUser(db, { username: 'n_head', role: 'agency_head', agency: A1 }),
    addUser(db, { username: 'n_head2', role: 'agency_head', agency: A2 }),
    addUser(db, { username: 'n_clerk', role: 'norm_clerk', region: '370200' }),
    addUser(db, { username: 'n_chief', role: 'norm_chief', region: '370200' }),
    addUser(db, { username: 'n_deputy', role: 'norm_deputy', region: '370200' }),
    addUser(db, { username: 'n_director', role: 'norm_director', region: '370200' }),
    addUser(db, { username: 'n_clerk_far', role: 'norm_clerk', region: '370203' }),
  ];
  srv = await startServer({ db });
  for (const u of users) {
    const c = await login(srv.base, u.username, u.password);
    assert.equal(c.status, 200, JSON.stringify(c.body));
    as[u.username] = c;
  }
});

after(async () => { if (srv) await srv.stop(); });

let serial = 0;
function draft(extra = {}) {
  serial++;
  return {
    title: `关于规范流动摊贩经营秩序的通知（第${serial}号）`, issuer: A1, doc_no: `南市监规〔${YEAR}〕${serial}号`,
    signed_on: plusDays(TODAY, -3), published_on: plusDays(TODAY, -2), effective_on: plusDays(TODAY, 28),
    text: `第一条 为规范流动摊贩经营秩序，制定本通知。\n第二条 本通知自公布之日起三十日后施行。（${serial}）`, ...extra,
  };
}

async function file(extra) {
  const r = await as.n_head.send('POST', '/normative-docs', draft(extra));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}
const act = (who, id, body) => as[who].send('POST', `/normative-docs/${id}/actions`, body);

test('filing answers 201 submitted with the filing deadline 30 days after publication', async () => {
  const d = draft();
  const r = await as.n_head.send('POST', '/normative-docs', d);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.status, 'submitted');
  assert.ok(Number.isInteger(r.body.id));
  assert.equal(r.body.filing_due_on, plusDays(d.published_on, 30));
  assert.equal(r.body.late, false);
  const bad = await as.n_head.send('POST', '/normative-docs', { ...draft(), effective_on: plusDays(TODAY, -30) });
  assert.equal(bad.status, 400);
  assert.ok(hasChinese(bad.body.error.message));
});

test('registration numbers are gap-free under concurrent registrations', async () => {
  const docs = [];
  for (let i = 0; i < 8; i++) docs.push(await file());
  // each document registered twice at once: one wins, the other is refused and takes no number
  const replies = await Promise.all(docs.flatMap((d) => [act('n_clerk', d.id, { action: 'register' }),
    act('n_clerk', d.id, { action: 'register' })]));
  const ok = replies.filter((r) => r.status === 200);
  assert.equal(ok.length, 8, JSON.stringify(replies.map((r) => r.status)));
  assert.ok(replies.filter((r) => r.status !== 200).every((r) => r.status === 409));
  const seqs = ok.map((r) => {
    const m = /^青规备〔(\d{4})〕(\d+)号$/.exec(r.body.reg_no);
    assert.ok(m, r.body.reg_no);
    assert.equal(Number(m[1]), YEAR);
    return Number(m[2]);
  }).sort((a, b) => a - b);
  const first = seqs[0];
  assert.deepEqual(seqs, seqs.map((_, i) => first + i), `gap or duplicate: ${seqs}`);
  // the next registration continues the sequence
  const next = await act('n_clerk', (await file()).id, { action: 'register' });
  assert.equal(next.body.reg_no, `青规备〔${YEAR}〕${first + 8}号`);
});

test('the chain runs in order; a step out of order is 409, another role 403; send-back and resume', async () => {
  const d = await file();
  const reg = await act('n_clerk', d.id, { action: 'register' });
  assert.equal(reg.status, 200);
  assert.equal(reg.body.status, 'reviewing');
  assert.equal(reg.body.current_step, 'initial');
  assert.equal((await act('n_chief', d.id, { action: 'review', step: 'second', opinion: '复审' })).status, 409);
  assert.equal((await act('n_director', d.id, { action: 'conclude', outcome: 'no_objection', opinion: '无' })).status, 409);
  assert.equal((await act('n_chief', d.id, { action: 'review', step: 'initial', opinion: '越权' })).status, 403);
  let r = await act('n_clerk', d.id, { action: 'review', step: 'initial', opinion: '初审：未发现问题', outcome: 'no_objection' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.current_step, 'second');
  r = await act('n_chief', d.id, { action: 'review', step: 'second', opinion: '复审同意' });
  assert.equal(r.body.current_step, 'recheck');
  // the deputy sends it back to the first step
  r = await act('n_deputy', d.id, { action: 'return', step: 'initial', opinion: '请核对上位法依据' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.current_step, 'initial');
  assert.ok(r.body.steps.every((s) => s.superseded === true));
  assert.equal((await act('n_deputy', d.id, { action: 'review', step: 'recheck', opinion: '复核' })).status, 409);
  // resume from the first step
  for (const [who, step] of [['n_clerk', 'initial'], ['n_chief', 'second'], ['n_deputy', 'recheck'], ['n_director', 'final']]) {
    r = await act(who, d.id, { action: 'review', step, opinion: `${step} 意见`, outcome: 'amend' });
    assert.equal(r.status, 200, `${who}: ${JSON.stringify(r.body)}`);
  }
  assert.equal(r.body.current_step, null);
  assert.equal((await act('n_chief', d.id, { action: 'conclude', outcome: 'amend', opinion: '建议修改' })).status, 403);
  r = await act('n_director', d.id, { action: 'conclude', outcome: 'amend', opinion: '建议修改第二条' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.status, 'concluded');
  assert.equal(r.body.outcome_name, '建议修改');
  assert.equal(r.body.steps.filter((s) => !s.superseded).map((s) => s.name).join('、'),
    '承办人初审、处长复审、分管副主任复核、主任终审');
  assert.ok(r.body.timeline.some((t) => t.action === 'return'));
});

test('纠正: the issuer must correct within the period, followed as a supervision order', async () => {
  const d = await file();
  await act('n_clerk', d.id, { action: 'register' });
  for (const [who, step] of [['n_clerk', 'initial'], ['n_chief', 'second'], ['n_deputy', 'recheck'], ['n_director', 'final']])
    assert.equal((await act(who, d.id, { action: 'review', step, opinion: '违法增加公民义务', outcome: 'correct' })).status, 200);
  const r = await act('n_director', d.id, { action: 'conclude', outcome: 'correct', opinion: '第二条违法增加公民义务，应予纠正' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.outcome_name, '纠正');
  assert.equal(r.body.correct_by, rolled(plusDays(TODAY, 30))); // 法规规章备案审查条例 第二十一条: 30 days
  assert.ok(r.body.order_id > 0);
  const msgs = await as.n_head.get('/messages?size=200');
  assert.ok(msgs.body.items.some((m) => m.kind === 'order_received' || m.kind === 'normative_review'));
  assert.equal((await act('n_clerk', d.id, { action: 'publish' })).status, 409); // not published while it must be corrected
});

test('the 60-day review limit counts natural days and rolls past National Day', async () => {
  const on = `${YEAR}-08-02`;
  if (on > TODAY) return; // the registration date must not be in the future
  const raw = plusDays(on, 60);
  const d = await file();
  const r = await act('n_clerk', d.id, { action: 'register', on });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.registered_on, on);
  assert.equal(r.body.review_due_on, rolled(raw));
  if (YEAR === 2026) {
    assert.equal(raw, '2026-10-01');
    assert.equal(isWorkday(raw), false);
    assert.notEqual(r.body.review_due_on, raw);
  }
  assert.equal(r.body.due_colour, TODAY > r.body.review_due_on ? 'red' : r.body.due_colour);
});

test('a late filing alerts the first-step reviewers of the region, not those elsewhere', async () => {
  const published = plusDays(TODAY, -45);
  const d = await file({ signed_on: plusDays(TODAY, -50), published_on: published, effective_on: plusDays(TODAY, -15) });
  assert.equal(d.late, true);
  assert.equal(d.filing_due_on, plusDays(published, 30));
  const msgs = await as.n_clerk.get('/messages?size=200');
  assert.ok(msgs.body.items.some((m) => m.kind === 'normative_review' && m.title.includes('逾期报备') &&
    m.title.includes(d.doc_no)), JSON.stringify(msgs.body.items.map((m) => m.title)));
  const far = await as.n_clerk_far.get('/messages?size=200');
  assert.ok(!far.body.items.some((m) => m.title.includes(d.doc_no)));
});

test('附带审查 from a reconsideration arrives as a review task on the registered document', async () => {
  const d = await file();
  await act('n_clerk', d.id, { action: 'register' });
  const r = await as.n_clerk.send('POST', '/normative-docs/incidental', {
    reconsideration_id: 7, recon_case_no: `青复〔${YEAR}〕7号`, doc_no: d.doc_no,
    reason: '该文件增加了当事人的义务，没有上位法依据', received_on: TODAY,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.ok(r.body.task_id > 0);
  const got = await as.n_clerk.get(`/normative-docs/${d.id}`);
  const task = got.body.tasks.find((t) => t.id === r.body.task_id);
  assert.equal(task.source, 'reconsideration');
  assert.equal(task.body.recon_case_no, `青复〔${YEAR}〕7号`);
  assert.equal(task.body.due_on, plusDays(TODAY, 30)); // 行政复议法 第五十六条
  assert.ok(got.body.timeline.some((t) => t.action === 'incidental'));
  // unknown document: 404; the request carries a reason
  const none = await as.n_clerk.send('POST', '/normative-docs/incidental', { doc_no: '不存在〔1999〕1号', reason: '理由', received_on: TODAY });
  assert.equal(none.status, 404);
  assert.ok(hasChinese(none.body.error.message));
  const noReason = await as.n_clerk.send('POST', '/normative-docs/incidental', { doc_no: d.doc_no, received_on: TODAY });
  assert.equal(noReason.status, 400);
  // the task is answered
  const ans = await as.n_clerk.send('POST', `/normative-tasks/${r.body.task_id}/answer`, { answer: '经审查，未发现违法' });
  assert.equal(ans.status, 200, JSON.stringify(ans.body));
  assert.equal(ans.body.status, 'answered');
  assert.equal((await as.n_clerk.send('POST', `/normative-tasks/${r.body.task_id}/answer`, { answer: '再答' })).status, 409);
});

const zeroBits = (buf) => {
  let n = 0;
  for (const byte of buf) { if (byte === 0) { n += 8; continue; } return n + Math.clz32(byte) - 24; }
  return n;
};
function solve({ prefix, bits }) {
  for (let i = 0; ; i++) if (zeroBits(crypto.createHash('sha256').update(prefix + i.toString(36)).digest()) >= bits) return i.toString(36);
}

test('published documents are found on the public register by a 2-character term; others are not', async () => {
  const pub = await file({ title: '关于加强共享单车停放管理的规定', text: '第一条 共享单车停放应当规范有序。' });
  const unpub = await file({ title: '关于共享单车调度的通知', text: '共享单车调度。' });
  await act('n_clerk', pub.id, { action: 'register' });
  await act('n_clerk', unpub.id, { action: 'register' });
  const p = await act('n_clerk', pub.id, { action: 'publish' });
  assert.equal(p.status, 200, JSON.stringify(p.body));
  assert.equal(p.body.validity_name, '有效');
  const anon = (q) => fetch(`${srv.base}/api/v1/public/normative-docs?q=${encodeURIComponent(q)}`).then((r) => r.json());
  const hits = await anon('单车');
  assert.deepEqual(hits.items.map((i) => i.id), [pub.id]);
  assert.equal(hits.items[0].validity_name, '有效');
  assert.ok(hits.items[0].text.includes('停放应当规范有序'));
  assert.equal((await anon('停')).items.length >= 1, true); // one character
  assert.equal((await anon('调度')).items.length, 0);
  // a citizen's review suggestion under the complaints' limits arrives as a task
  const ch = await fetch(`${srv.base}/api/v1/public/challenge`).then((r) => r.json());
  const s = await fetch(`${srv.base}/api/v1/public/normative-docs/${pub.id}/suggestions`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ content: '建议明确停放区域', challenge: { id: ch.id, nonce: solve(ch) } }),
  });
  assert.equal(s.status, 201, await s.text());
  const got = await as.n_clerk.get(`/normative-docs/${pub.id}`);
  assert.ok(got.body.tasks.some((t) => t.source === 'suggestion'));
  const unsolved = await fetch(`${srv.base}/api/v1/public/normative-docs/${pub.id}/suggestions`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ content: '无校验' }),
  });
  assert.equal(unsolved.status, 422);
  // repealed: off the register
  assert.equal((await act('n_clerk', pub.id, { action: 'repeal', opinion: '已废止' })).status, 200);
  assert.equal((await anon('单车')).items.length, 0);
});

test('the cleanup lists a published document two years after registration, flagged unanswered', async () => {
  const on = plusDays(TODAY, -10);
  const d = await file({ valid_until: plusDays(TODAY, 365) });
  await act('n_clerk', d.id, { action: 'register', on });
  await act('n_clerk', d.id, { action: 'publish' });
  const two = `${Number(on.slice(0, 4)) + 2}${on.slice(4)}`;
  const cli = (asOf) => {
    const r = run(['--db', db, 'normative', 'cleanup', '--as-of', asOf]);
    assert.equal(r.code, 0, r.stderr);
    return jsonLines(r.stdout);
  };
  const due = cli(two).find((x) => x.id === d.id);
  assert.ok(due, 'listed two years on');
  assert.equal(due.issuer, A1);
  assert.ok(due.flags.includes('unanswered'));
  assert.ok(due.flags.includes('expired')); // valid for one year only
  assert.ok(!cli(plusDays(two, -1)).some((x) => x.id === d.id));
  // the issuer answers; the flag goes
  const a = await as.n_head.send('POST', `/normative-docs/${d.id}/cleanup`, { answer: 'keep', reason: '仍然适用' });
  assert.equal(a.status, 200, JSON.stringify(a.body));
  const api = await as.n_clerk.get(`/normative-docs/cleanup?as_of=${two}`);
  assert.equal(api.status, 200);
  assert.ok(!api.body.items.some((x) => x.id === d.id)); // answered today: a new period starts
});

test('scope: another agency and another region see nothing of the document', async () => {
  const d = await file();
  assert.equal((await as.n_head2.get(`/normative-docs/${d.id}`)).status, 404);
  assert.equal((await act('n_clerk_far', d.id, { action: 'register' })).status, 404);
  assert.ok(!(await as.n_head2.get('/normative-docs')).body.items.some((x) => x.id === d.id));
  assert.equal((await as.n_head2.send('POST', '/normative-docs', draft())).status, 404); // not his agency
  assert.equal((await as.n_head.get(`/normative-docs/${d.id}`)).status, 200);
  // the reviewers' list searches filed documents the way the register does (2 characters)
  const found = await as.n_clerk.get(`/normative-docs?q=${encodeURIComponent('摊贩')}&size=200`);
  assert.ok(found.body.items.some((x) => x.id === d.id));
  assert.ok(!(await as.n_head2.get(`/normative-docs?q=${encodeURIComponent('摊贩')}`)).body.items.length);
  const mine = await as.n_clerk.get('/normative-docs?mine=1');
  assert.equal(mine.status, 200);
});

test('statistics by issuer and year, with the Excel export', async () => {
  const s = await as.n_clerk.get('/normative-docs/stats');
  assert.equal(s.status, 200);
  const row = s.body.items.find((x) => x.issuer === A1 && x.year === YEAR);
  assert.ok(row && row.filed > 0 && row.on_time < row.filed);
  const x = await as.n_clerk.raw('/api/v1/normative-docs/stats/export.xlsx');
  assert.equal(x.status, 200);
  assert.equal((await x.arrayBuffer()).byteLength > 100, true);
});
