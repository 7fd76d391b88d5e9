// 重点督查对象 (issue 15): the year's agencies ranked by weighted counts of leads taken up,
// reconsideration outcomes and supervision orders; the weights are settings, and the ranking
// follows them. Expectations are computed here from what the test itself files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login } from './lib/zhifa.mjs';
import { uscc } from './lib/codes.mjs';
import { todayChina } from './lib/calendar.mjs';

const HD = uscc('11370211MB1000001');
const JM = uscc('11370282MB1000002');
const BJ = uscc('11110101MB2000003');
const agencies = [
  { type: 'agency', code: HD, name: '青岛市黄岛区测试局', region: '370211', level: 'county', kind: 'department', sector: 'market_regulation' },
  { type: 'agency', code: JM, name: '即墨区测试局', region: '370282', level: 'county', kind: 'department', sector: 'transport' },
  { type: 'agency', code: BJ, name: '北京市东城区测试局', region: '110101', level: 'county', kind: 'department', sector: 'market_regulation' },
];
let srv, who = {};
before(async () => {
  const db = path.join(tmpDir(), 'focus.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  assert.equal(run(['--db', db, 'import', '-'], { input: agencies.map((x) => JSON.stringify(x)).join('\n') + '\n' }).code, 0);
  const users = { sup: { role: 'supervisor', region: '370200' }, leader: { role: 'leader', region: '370000' },
    bj: { role: 'supervisor', region: '110000' }, officer: { role: 'officer', agency: HD }, sysadmin: { role: 'sysadmin' } };
  const made = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, addUser(db, { username: `f_${k}`, ...u })]));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(made)) who[k] = await login(srv.base, u.username, u.password);
});
after(() => srv?.stop());

const lead = async (source, agency) => {
  const r = await who.sup.send('POST', '/leads', { source, content: `${source} 反映的问题`, agency });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
};

test('the ranking: weighted counts, highest first; the weights are settings; scope and permission', async () => {
  // 黄岛: two 信访 leads taken up, one not taken up (counts for nothing), one reconsideration outcome
  for (let i = 0; i < 2; i++) await lead('petition', HD);
  const rejected = await lead('complaint', HD);
  assert.equal((await who.sup.send('POST', `/leads/${rejected}/actions`, { action: 'reject', reason: 'no_basis' })).status, 200);
  await lead('reconsideration', HD);
  // 即墨: one order issued
  const o = await who.sup.send('POST', '/orders', { kind: 'supervise', agency: JM, problem: '执法不规范' });
  assert.equal((await who.sup.send('POST', `/orders/${o.body.id}/actions`, { action: 'issue' })).status, 200);
  // 北京: outside the supervisor's region
  await who.bj.send('POST', '/leads', { source: 'petition', content: '北京的线索', agency: BJ });

  const year = todayChina().slice(0, 4);
  const list = (await who.sup.get(`/focus-agencies?year=${year}`)).body;
  // default weights (migration 037): lead 1, reconsideration 3, order 2 → 黄岛 2×1 + 1×3 = 5, 即墨 1×2 = 2
  assert.deepEqual(list.items.map((x) => [x.rank, x.agency, x.score]), [[1, HD, 5], [2, JM, 2]]);
  assert.deepEqual([list.items[0].leads, list.items[0].reconsideration, list.items[1].orders], [2, 1, 1]);
  assert.equal((await who.sysadmin.send('PUT', '/settings/focus_weight_order', { value: 10 })).status, 200);
  const weighted = (await who.sup.get(`/focus-agencies?year=${year}`)).body;
  assert.deepEqual(weighted.items.map((x) => [x.agency, x.score]), [[JM, 10], [HD, 5]], 'the weights are the setting\'s');
  assert.deepEqual((await who.leader.get(`/focus-agencies?year=${year}`)).body.items.map((x) => x.agency), [JM, HD]);
  assert.deepEqual((await who.bj.get(`/focus-agencies?year=${year}`)).body.items.map((x) => x.agency), [BJ]);
  assert.deepEqual((await who.sup.get(`/focus-agencies?year=${Number(year) - 1}`)).body.items, [], 'another year: nothing');
  assert.equal((await who.officer.get('/focus-agencies')).status, 403);
  assert.equal((await who.sup.get('/focus-agencies?year=20x6')).status, 400);
});
