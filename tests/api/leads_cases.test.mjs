// 关联案件 (docs/leads.md): the supervisor sets a lead's case with the act link_case {case_no}, in any
// status before it is closed; the case must be stored and be the lead's agency's. The lead page finds
// candidates with GET /cases?agency=&q= (party name or case number).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login } from './lib/zhifa.mjs';
import { uscc, cnid } from './lib/codes.mjs';

const HD = uscc('11370211MB1000021'); // 370211 黄岛区, under 青岛市 370200
const JM = uscc('11370282MB1000022'); // 370282 即墨区
const agencies = [
  { type: 'agency', code: HD, name: '黄岛区关联测试局', region: '370211', level: 'county', kind: 'department', sector: 'market_regulation' },
  { type: 'agency', code: JM, name: '即墨区关联测试局', region: '370282', level: 'county', kind: 'department', sector: 'transport' },
];
const kase = (no, agency, n, name) => ({
  type: 'case', case_no: no, agency, kind: 'penalty', power: 'P-1', procedure: 'ordinary', filed_on: '2026-01-05',
  party: { kind: 'person', name, id_no: cnid(`37020219800101${String(n).padStart(3, '0')}`) }, officers: ['C-1', 'C-2'],
});
const HD_CASE = '黄岛关联罚〔2026〕7号';
const JM_CASE = '即墨关联罚〔2026〕8号';

let srv, db, who = {};
before(async () => {
  db = path.join(tmpDir(), 'lead_cases.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const cases = [kase(HD_CASE, HD, 1, '张大福'), kase(JM_CASE, JM, 2, '李小福')];
  const r = run(['--db', db, 'import', '-'], { input: [...agencies, ...cases].map((x) => JSON.stringify(x)).join('\n') + '\n' });
  assert.equal(r.code, 0, r.stderr);
  const users = { sup: { role: 'supervisor', region: '370200' }, head: { role: 'agency_head', agency: HD } };
  const made = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, addUser(db, { username: `c_${k}`, ...u })]));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(made)) who[k] = await login(srv.base, u.username, u.password);
});
after(() => srv?.stop());

const enter = async (extra = {}) => {
  const r = await who.sup.send('POST', '/leads', { source: 'petition', agency: HD, content: '反映张大福经营的商店被罚款后执法人员索要好处', ...extra });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
};
const act = (c, id, body) => c.send('POST', `/leads/${id}/actions`, body);

test('the lead page finds the agency\'s cases by the party named in the content', async () => {
  const r = await who.sup.get(`/cases?agency=${HD}&q=${encodeURIComponent('张大福')}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.items.map((c) => c.case_no), [HD_CASE]);
});

test('the supervisor links the lead to a case of its agency; the status stays and the timeline says which', async () => {
  const l = await enter();
  const r = await act(who.sup, l.id, { action: 'link_case', case_no: HD_CASE });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.case_no, HD_CASE);
  assert.equal(r.body.status, 'received');
  const t = r.body.timeline.at(-1);
  assert.equal(t.action, 'link_case');
  assert.equal(t.action_name, '关联案件');
  assert.match(t.note, new RegExp(HD_CASE.replace(/[〔〕]/g, '.')));

  // through triage and dispatch too; the agency's side may not
  assert.equal((await act(who.sup, l.id, { action: 'accept' })).status, 200);
  assert.equal((await act(who.sup, l.id, { action: 'dispatch' })).status, 200);
  const d = await act(who.sup, l.id, { action: 'link_case', case_no: HD_CASE });
  assert.equal(d.status, 200, JSON.stringify(d.body));
  assert.equal(d.body.status, 'dispatched');
  assert.equal((await act(who.head, l.id, { action: 'link_case', case_no: HD_CASE })).status, 403);
});

test('refused: another agency\'s case, an unknown case, no case, and a closed lead', async () => {
  const l = await enter();
  const other = await act(who.sup, l.id, { action: 'link_case', case_no: JM_CASE });
  assert.equal(other.status, 422);
  assert.equal(other.body.error?.code ?? other.body.code, 'case_not_of_agency');
  const unknown = await act(who.sup, l.id, { action: 'link_case', case_no: '无此案〔2026〕1号' });
  assert.equal(unknown.status, 422);
  assert.equal(unknown.body.error?.code ?? unknown.body.code, 'case_not_found');
  const none = await act(who.sup, l.id, { action: 'link_case' });
  assert.equal(none.status, 422);
  assert.equal((await who.sup.get(`/leads/${l.id}`)).body.case_no, null, 'nothing written');

  const noAgency = await who.sup.send('POST', '/leads', { source: 'other', region: '370211', content: '某执法人员态度粗暴' });
  assert.equal(noAgency.status, 201);
  assert.equal((await act(who.sup, noAgency.body.id, { action: 'link_case', case_no: HD_CASE })).status, 422);

  assert.equal((await act(who.sup, l.id, { action: 'reject', reason: 'no_basis' })).status, 200);
  const closed = await act(who.sup, l.id, { action: 'link_case', case_no: HD_CASE });
  assert.equal(closed.status, 409, 'closed: too late');
});
