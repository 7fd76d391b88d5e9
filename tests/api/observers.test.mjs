// 特邀监督员 and 派驻律师 (issue 15, docs/observers.md): each submits observations within his assigned
// scope (a region, or one agency) and only there; the region's supervisors see them on the 线索中心
// board; he follows only his own (status and the reply at the close, nothing internal); he lists
// the cases in scope with public fields only; every other route is 403 (authz_matrix checks all).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, dbQuery } from './lib/zhifa.mjs';

const SN = '113702021588139920'; // 青岛市市南区市场监督管理局, 370202: 31 demo cases
const SB = '11370203869879736T'; // 青岛市市北区交通运输局, 370203: 2 demo cases
const SN_CASE = '南市监处罚〔2026〕3号';

let srv, db, sb = {};
const who = {};
before(async () => {
  db = path.join(tmpDir(), 'observers.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  // the supervisor of 市南 by region; the lawyer assigned to the one agency of 市北
  const pw = 'Zf-o_social-Pass-2026';
  const r = run(['--db', db, 'user', 'add', '--username', 'o_social', '--role', 'social_supervisor', '--region', '370202',
    '--display-name', '李监督', '--password-stdin'], { input: pw + '\n' });
  assert.equal(r.code, 0, r.stderr);
  const made = {
    social: { username: 'o_social', password: pw },
    social2: addUser(db, { username: 'o_social2', role: 'social_supervisor', region: '370202' }),
    lawyer: addUser(db, { username: 'o_lawyer', role: 'lawyer', agency: SB }),
    sup: addUser(db, { username: 'o_sup', role: 'supervisor', region: '370200' }),
    head: addUser(db, { username: 'o_head', role: 'agency_head', agency: SN }),
    sysadmin: addUser(db, { username: 'o_sys', role: 'sysadmin' }),
  };
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(made)) {
    who[k] = await login(srv.base, u.username, u.password);
    assert.equal(who[k].status, 200, k);
  }
  sb = { agency: SB };
});
after(() => srv?.stop());

const observe = (c, body) => c.send('POST', '/observations', { content: '执法人员现场检查未出示执法证件', ...body });

test('zhifa user add takes the two roles with a region or an agency, and refuses them with neither', () => {
  const none = run(['--db', db, 'user', 'add', '--username', 'o_none', '--role', 'lawyer', '--password-stdin'],
    { input: 'Zf-o_none-Pass-2026\n' });
  assert.notEqual(none.code, 0);
  assert.match(none.stderr, /--region 或 --agency/);
});

test('the sysadmin creates observers through the users API, by region or by agency', async () => {
  const a = await who.sysadmin.send('POST', '/users', { username: 'o_api_lawyer', role: 'lawyer', agency: SN });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.equal(a.body.user.role, 'lawyer');
  const b = await who.sysadmin.send('POST', '/users', { username: 'o_api_social', role: 'social_supervisor', region: '370203' });
  assert.equal(b.status, 201, JSON.stringify(b.body));
  const c = await who.sysadmin.send('POST', '/users', { username: 'o_api_none', role: 'social_supervisor' });
  assert.equal(c.status, 400);
  const roles = (await who.sysadmin.get('/roles')).body.items.map((r) => r.id);
  assert.ok(roles.includes('social_supervisor') && roles.includes('lawyer'));
});

test('each role submits within scope; the region\'s supervisor sees it on the board by its source', async () => {
  const s = await observe(who.social, { agency: SN, case_no: SN_CASE, place: '香港中路' });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  assert.equal(s.body.source, 'social_supervisor');
  assert.equal(s.body.status, 'received');
  assert.equal(s.body.case_no, SN_CASE);
  const l = await observe(who.lawyer, { agency: SB, content: '行政处罚决定书未载明救济途径' });
  assert.equal(l.status, 201, JSON.stringify(l.body));
  assert.equal(l.body.source, 'lawyer');

  const board = (await who.sup.get('/leads?source=social_supervisor')).body;
  const mine = board.items.find((x) => x.id === s.body.id);
  assert.ok(mine, 'on the supervisor\'s board');
  assert.equal(mine.region, '370202');
  assert.equal(mine.reporter.name, '李*', 'the reporter is the observer, by his display name, masked in the list');
  const full = (await who.sup.get(`/leads/${s.body.id}`)).body;
  assert.equal(full.reporter.name, '李监督');
  const lawyers = (await who.sup.get('/leads?source=lawyer')).body.items;
  assert.ok(lawyers.some((x) => x.id === l.body.id && x.region === '370203' && x.agency === SB));
});

test('outside his scope an agency or a case is 404, as if absent', async () => {
  for (const [c, body] of [
    [who.social, { agency: SB }], // 市北: not his region
    [who.lawyer, { agency: SN }], // not his agency
    [who.lawyer, { agency: SB, case_no: SN_CASE }], // a case of another agency
    [who.social, { agency: '91110000000000000X' }], // no such agency: the same answer
    [who.social, { agency: SN, case_no: '南市监处罚〔2026〕999号' }],
  ]) {
    const r = await observe(c, body);
    assert.equal(r.status, 404, JSON.stringify([body, r.body]));
    assert.equal(r.body.error.code, 'not_found');
  }
  assert.equal((await observe(who.social, { agency: SN, content: '' })).status, 400);
  assert.equal((await observe(who.social, {})).status, 400);
});

test('he sees only his own observations, with status and the reply at the close, nothing internal', async () => {
  const s = (await observe(who.social, { agency: SN, content: '窗口工作人员态度生硬' })).body;
  await observe(who.social2, { agency: SN, content: '另一位监督员的意见' });
  const act = async (c, body, status) => {
    const r = await c.send('POST', `/leads/${s.id}/actions`, body);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.status, status);
  };
  await act(who.sup, { action: 'accept', note: '内部研判：需约谈' }, 'triaged');
  await act(who.sup, { action: 'dispatch' }, 'dispatched');
  await act(who.head, { action: 'answer', note: '已批评教育当事工作人员（内部答复）' }, 'answered');
  let list = (await who.social.get('/observations')).body;
  let item = list.items.find((x) => x.id === s.id);
  assert.equal(item.status, 'answered');
  assert.equal(item.reply, null, 'the agency\'s answer is not his until the close');
  await act(who.sup, { action: 'verify', note: '回访核实' }, 'verified');
  await act(who.sup, { action: 'close', note: '已责令整改，感谢监督' }, 'closed');

  list = (await who.social.get('/observations')).body;
  assert.ok(list.items.every((x) => x.source === 'social_supervisor'));
  assert.equal(list.items.filter((x) => x.content === '另一位监督员的意见').length, 0, 'not another observer\'s');
  item = list.items.find((x) => x.id === s.id);
  assert.equal(item.status, 'closed');
  assert.equal(item.status_name, '已办结');
  assert.equal(item.reply.note, '已责令整改，感谢监督');
  for (const k of ['triage', 'answer', 'verification', 'reporter', 'timeline', 'created_by', 'order_id'])
    assert.equal(k in item, false, k);
  assert.ok(!JSON.stringify(list).includes('内部'), 'no internal note leaks');
  const other = (await who.social2.get('/observations')).body;
  assert.deepEqual(other.items.map((x) => x.content), ['另一位监督员的意见']);
  assert.equal((await who.lawyer.get('/observations')).body.items.every((x) => x.source === 'lawyer'), true);
});

test('the cases in scope, public fields only; party names masked and not searchable', async () => {
  const l = (await who.lawyer.get('/observer/cases')).body;
  assert.equal(l.total, 2);
  assert.ok(l.items.every((c) => c.agency === SB));
  const s = (await who.social.get('/observer/cases?size=200')).body;
  // every case of the observer's district (370202), whatever its kind, counted in the database
  assert.equal(s.total, Number(dbQuery(db, "SELECT count(*) FROM cases WHERE region = '370202'")));
  for (const c of s.items) {
    assert.deepEqual(Object.keys(c).sort(), ['agency', 'agency_name', 'case_no', 'closed_on', 'decided_on', 'filed_on',
      'kind', 'party_name', 'procedure', 'status']);
    if (c.party_name) assert.match(c.party_name, /^.\*\*$/u);
  }
  const q = (await who.social.get(`/observer/cases?q=${encodeURIComponent('处罚〔2026〕3号')}`)).body;
  assert.deepEqual(q.items.map((c) => c.case_no), [SN_CASE]);
  const full = (await who.sup.get(`/cases/${encodeURIComponent(SN_CASE)}`)).body;
  const party = full.party?.name ?? full.record?.party?.name ?? full.case?.party?.name;
  assert.ok(party, JSON.stringify(full).slice(0, 200));
  assert.equal((await who.social.get(`/observer/cases?q=${encodeURIComponent(party)}`)).body.total, 0);
});

test('every other route is 403: cases, findings, orders, leads', async () => {
  for (const c of [who.social, who.lawyer]) {
    for (const p of ['/cases', `/cases/${encodeURIComponent(SN_CASE)}`, '/findings', '/orders', '/leads', '/leads/1', '/agencies', '/users'])
      assert.equal((await c.get(p)).status, 403, p);
    assert.equal((await c.send('POST', '/leads', { source: 'lawyer', content: 'x', agency: SN })).status, 403);
  }
  assert.equal((await who.sup.get('/observations')).status, 403, 'a supervisor files leads, not observations');
});
