// Possible duplicates on a lead's page (docs/leads.md): GET /leads/{id} carries `similar`, the leads
// of the same agency received in the 30 days before it whose contents are alike (character-bigram
// Jaccard ≥ lead_duplicate_similarity_pct), within the reader's scope; one of them named in a
// 不予受理（重复线索）.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login } from './lib/zhifa.mjs';
import { uscc } from './lib/codes.mjs';
import { todayChina } from './lib/calendar.mjs';

const HD = uscc('11370211MB1000011'); // 370211 黄岛区, under 青岛市 370200
const JM = uscc('11370282MB1000012'); // 370282 即墨区
const agencies = [
  { type: 'agency', code: HD, name: '黄岛区查重测试局', region: '370211', level: 'county', kind: 'department', sector: 'market_regulation' },
  { type: 'agency', code: JM, name: '即墨区查重测试局', region: '370282', level: 'county', kind: 'department', sector: 'transport' },
];
const CONTENT = '反映黄岛区长江路某超市长期销售过期食品，投诉后执法机关一直未处理';
const ALIKE = '黄岛区长江路某超市销售过期食品，执法机关一直未处理，请督促查处';

let srv, db, who = {}, today;
before(async () => {
  db = path.join(tmpDir(), 'similar.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  assert.equal(run(['--db', db, 'import', '-'], { input: agencies.map((x) => JSON.stringify(x)).join('\n') + '\n' }).code, 0);
  const users = { sup: { role: 'supervisor', region: '370200' }, head: { role: 'agency_head', agency: HD } };
  const made = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, addUser(db, { username: `s_${k}`, ...u })]));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(made)) who[k] = await login(srv.base, u.username, u.password);
  today = todayChina();
});
after(() => srv?.stop());

const daysAgo = (n) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};
const enter = async (extra) => {
  const r = await who.sup.send('POST', '/leads', { source: 'petition', agency: HD, ...extra });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
};
const ids = (lead) => lead.similar.map((s) => s.id);

test('a new lead proposes the alike leads of its agency in the last 30 days, the most alike first', async () => {
  const older = await enter({ content: CONTENT, received_at: daysAgo(10) });
  const same = await enter({ content: CONTENT, received_at: daysAgo(3) });
  const stale = await enter({ content: CONTENT, received_at: daysAgo(40) });
  const elsewhere = await enter({ content: CONTENT, agency: JM, received_at: daysAgo(2) });
  const unlike = await enter({ content: '反映某执法大队检查时未出示执法证件', received_at: daysAgo(1) });
  const lead = await enter({ content: ALIKE });

  const got = (await who.sup.get(`/leads/${lead.id}`)).body;
  assert.deepEqual(ids(got), [same.id, older.id], 'the window, the agency and the threshold; the most recent of equals first');
  assert.ok(!ids(got).includes(stale.id) && !ids(got).includes(elsewhere.id) && !ids(got).includes(unlike.id));
  const s = got.similar[0];
  assert.deepEqual(Object.keys(s).sort(), ['content', 'id', 'received_at', 'score', 'status_name']);
  assert.equal(s.status_name, '待分办');
  assert.equal(s.content, CONTENT.slice(0, 60) === CONTENT ? CONTENT : [...CONTENT].slice(0, 60).join(''));
  assert.ok(s.score >= 0.5 && s.score < 1, `a score between the threshold and 1 (${s.score})`);
  assert.deepEqual(lead.similar.map((x) => x.id), ids(got), 'the reply to POST /leads proposes them too');

  // the earlier lead looks back, not forward: the newer ones are not its duplicates' candidates
  // (the stale one, 30 days before it, is inside its own window)
  assert.deepEqual(ids((await who.sup.get(`/leads/${older.id}`)).body), [stale.id]);

  // one click: 不予受理（重复线索） naming the proposed lead
  const r = await who.sup.send('POST', `/leads/${lead.id}/actions`, { action: 'reject', reason: 'duplicate', duplicate_of: s.id });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.duplicate_of, s.id);
  assert.equal(r.body.status, 'closed');
});

test('the content excerpt is the first 60 characters', async () => {
  const long = '超市销售过期食品'.repeat(10); // 80 characters
  const first = await enter({ content: long, received_at: daysAgo(1) });
  const second = await enter({ content: long + '。' });
  const s = (await who.sup.get(`/leads/${second.id}`)).body.similar.find((x) => x.id === first.id);
  assert.ok(s, 'proposed');
  assert.equal([...s.content].length, 60);
  assert.equal(s.content, [...long].slice(0, 60).join(''));
  assert.equal(s.score, 1);
});

test('another case named on both sides is another matter', async () => {
  const a = await enter({ content: '某餐馆后厨卫生条件差，老鼠出没，执法检查走过场', case_no: '青黄市监罚〔2026〕1号', received_at: daysAgo(1) });
  const b = await enter({ content: '某餐馆后厨卫生条件差，老鼠出没，执法检查走过场', case_no: '青黄市监罚〔2026〕2号' });
  const c = await enter({ content: '某餐馆后厨卫生条件差，老鼠出没，执法检查走过场', case_no: '青黄市监罚〔2026〕1号' });
  assert.ok(!ids((await who.sup.get(`/leads/${b.id}`)).body).includes(a.id));
  assert.ok(ids((await who.sup.get(`/leads/${c.id}`)).body).includes(a.id));
});

test('the agency sees only the proposals it may read: leads dispatched to it', async () => {
  const hidden = await enter({ content: '某加油站加油机计量不准，市场监管部门查处不力', received_at: daysAgo(2) });
  const shown = await enter({ content: '某加油站加油机计量不准，市场监管部门查处不力！', received_at: daysAgo(1) });
  const lead = await enter({ content: '某加油站加油机计量不准，市场监管部门查处不力。' });
  for (const l of [shown, lead]) {
    for (const action of ['accept', 'dispatch']) {
      const r = await who.sup.send('POST', `/leads/${l.id}/actions`, { action });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
  }
  assert.deepEqual(ids((await who.sup.get(`/leads/${lead.id}`)).body).sort(), [hidden.id, shown.id].sort());
  const head = await who.head.get(`/leads/${lead.id}`);
  assert.equal(head.status, 200);
  assert.deepEqual(ids(head.body), [shown.id], 'the undispatched lead stays out of the agency\'s view');
});
