// The 12345 hotline's 双派单 intake (docs/hotline.md): API tokens made by `zhifa token` or the system
// administrator, stored hashed, scoped to a region, revocable, every use audited; POST
// /leads/hotline takes JSON Lines under a bearer token and makes each work order a lead already
// dispatched to its agency, which the region's supervisor and the agency both see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, jsonLines, hasChinese, dbQuery, dbBytes } from './lib/zhifa.mjs';

const SHINAN = '113702021588139920';   // 市南区市场监督管理局, region 370202
const SHIBEI = '11370203869879736T';   // 市北区交通运输局, region 370203
let srv, db, supervisor, officer, sysadmin, token;

function addToken(name, region) {
  const r = run(['--db', db, 'token', 'add', '--name', name, '--region', region]);
  assert.equal(r.code, 0, r.stderr);
  return { out: r.stdout, token: r.stdout.trim().split('\n').at(-1) };
}

// yesterday in Beijing time, as the hotline platform writes it
const day = new Date(Date.now() + 8 * 3600e3 - 86400e3).toISOString().slice(0, 10);
const order = (no, extra = {}) => ({
  order_no: no, received_at: `${day} 09:30:00`, content: `市民反映：${no} 号工单所述商户无证经营，请核查。`,
  agency: SHINAN, category: '市场监管', reporter: { name: '张三', phone: '13800000000' }, ...extra,
});
// The plain token in any byte of the database or its WAL (where recent writes live).
const inDatabase = (t) => dbBytes(db).includes(t);
const lines = (objs) => objs.map((o) => (typeof o === 'string' ? o : JSON.stringify(o))).join('\n') + '\n';

async function post(body, auth, { type = 'application/x-ndjson', cookie } = {}) {
  const headers = { 'Content-Type': type };
  if (auth !== undefined) headers.Authorization = auth;
  if (cookie) headers.Cookie = cookie;
  const r = await fetch(`${srv.base}/api/v1/leads/hotline`, { method: 'POST', headers, body });
  const text = await r.text();
  let parsed;
  try { parsed = JSON.parse(text); } catch { parsed = text; }
  return { status: r.status, body: parsed };
}

before(async () => {
  db = path.join(tmpDir(), 'hotline.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const s = addUser(db, { username: 'h_supervisor', role: 'supervisor', region: '370200' });
  const o = addUser(db, { username: 'h_officer', role: 'officer', agency: SHINAN });
  const a = addUser(db, { username: 'h_sysadmin', role: 'sysadmin' });
  ({ token } = addToken('hotline-shinan', '370202'));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  supervisor = await login(srv.base, s.username, s.password);
  officer = await login(srv.base, o.username, o.password);
  sysadmin = await login(srv.base, a.username, a.password);
});
after(() => srv?.stop());

test('zhifa token add prints the token once, on its last line; list never shows it', () => {
  const { out, token: t } = addToken('format-check', '370200');
  const outLines = out.trim().split('\n');
  assert.equal(outLines.length, 3, out);
  assert.match(outLines[0], /^已创建接口令牌 format-check（区域 370200 .+，编号 \d+）$/);
  assert.ok(hasChinese(outLines[1]) && outLines[1].includes('只显示这一次'), outLines[1]);
  assert.match(t, /^[0-9a-f]{64}$/);
  const list = jsonLines(run(['--db', db, 'token', 'list']).stdout);
  const row = list.find((r) => r.name === 'format-check');
  assert.equal(row.region, '370200');
  assert.equal(row.revoked_at, null);
  assert.ok(!JSON.stringify(list).includes(t));
  const again = run(['--db', db, 'token', 'add', '--name', 'format-check', '--region', '370200']);
  assert.equal(again.code, 1);
  assert.ok(hasChinese(again.stderr) && !again.stdout.match(/[0-9a-f]{64}/), again.stderr);
  assert.equal(run(['--db', db, 'token', 'add', '--name', 'bad-region', '--region', '37020']).code, 1);
  assert.equal(run(['--db', db, 'token', 'add', '--name', 'x']).code, 2);
});

test('the token is stored hashed: the plain token is nowhere in the database', () => {
  assert.ok(!inDatabase(token), 'plain token in the database file');
  assert.equal(dbQuery(db, `SELECT count(*) FROM api_tokens WHERE token_hash = '${token}' OR name = '${token}'`), '0');
  const hash = dbQuery(db, "SELECT token_hash FROM api_tokens WHERE name = 'hotline-shinan'");
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.notEqual(hash, token);
});

test('no token, a wrong one or a session without a token: 401; each refusal audited', async () => {
  const body = lines([order('WRONG-1')]);
  const before = Number(dbQuery(db, "SELECT count(*) FROM audit_log WHERE role = 'api_token' AND result = 'denied'"));
  for (const auth of [undefined, 'Bearer ', `Bearer ${'0'.repeat(64)}`, `Basic ${token}`, token]) {
    const r = await post(body, auth);
    assert.equal(r.status, 401, `${auth}: ${JSON.stringify(r.body)}`);
    assert.ok(hasChinese(r.body.error.message));
  }
  // a logged-in supervisor, cookie and CSRF token, but no API token
  const r = await fetch(`${srv.base}/api/v1/leads/hotline`, {
    method: 'POST', body, headers: { 'Content-Type': 'application/x-ndjson', Cookie: supervisor.cookie, 'X-CSRF-Token': supervisor.csrf },
  });
  assert.equal(r.status, 401);
  const after = Number(dbQuery(db, "SELECT count(*) FROM audit_log WHERE role = 'api_token' AND result = 'denied'"));
  assert.equal(after - before, 6);
  assert.equal(dbQuery(db, "SELECT count(*) FROM leads WHERE source_ref = 'WRONG-1'"), '0');
});

test('a batch: good lines become dispatched leads, bad lines are reported by number, the same batch again is all duplicates', async () => {
  const batch = lines([
    order('HL-1001'),
    order('HL-1002', { reporter: '李四' }),
    '',
    order('HL-1003', { reporter: undefined }),
    order('HL-2001', { agency: SHIBEI }),                  // another region's agency
    order('HL-2002', { received_at: '2026-02-30 09:00:00' }),
    order('HL-2003', { content: '' }),
    order('HL-2004', { agency: '11370203869879736X' }),   // bad check digit
    order('HL-2005', { content: '长'.repeat(2001) }),
    order('HL 2006'),
    '{not json',
    order('HL-2007', { reporter: { phone: 'call me' } }),
    order('HL-2008', { received_at: '2999-01-01T00:00:00Z' }),
    order('HL-2009', { category: undefined }),
  ]);
  const first = await post(batch, `Bearer ${token}`);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.received, 13);
  assert.equal(first.body.created, 3);
  assert.equal(first.body.duplicates, 0);
  assert.deepEqual(first.body.errors.map((e) => e.line), [5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  for (const e of first.body.errors) assert.ok(hasChinese(e.error), JSON.stringify(e));
  assert.match(first.body.errors[0].error, /区域/);

  const stored = () => dbQuery(db, "SELECT count(*) FROM leads WHERE source = 'hotline_12345'");
  const beforeSecond = stored();
  const second = await post(batch, `Bearer ${token}`, { type: 'text/plain; charset=utf-8' });
  assert.equal(second.status, 200);
  assert.equal(second.body.created, 0);
  assert.equal(second.body.duplicates, 3);
  assert.equal(stored(), beforeSecond, 'nothing new the second time');
  assert.equal(dbQuery(db, "SELECT count(*) FROM leads WHERE source = 'hotline_12345' AND source_ref LIKE 'HL-%'"), '3');
  assert.equal(dbQuery(db, "SELECT count(*) FROM leads WHERE source_ref LIKE 'HL-2%'"), '0');

  const wrongType = await post(batch, `Bearer ${token}`, { type: 'application/json' });
  assert.equal(wrongType.status, 415);
});

test('the region supervisor sees the hotline leads dispatched, the agency sees its copy', async () => {
  const sup = await supervisor.get('/leads?source=hotline_12345');
  assert.equal(sup.status, 200, JSON.stringify(sup.body));
  // ours only: the demo data has a 12345 order of its own
  const ours = (items) => items.filter((l) => l.source_ref?.startsWith('HL-'))
  const refs = ours(sup.body.items).map((l) => l.source_ref).sort();
  assert.deepEqual(refs, ['HL-1001', 'HL-1002', 'HL-1003']);
  for (const l of ours(sup.body.items)) {
    assert.equal(l.status, 'dispatched');
    assert.equal(l.agency, SHINAN);
    assert.equal(l.region, '370202');
    assert.ok(l.due_on, 'a hotline order runs from its receipt');
  }
  const mine = await officer.get('/leads?source=hotline_12345');
  assert.equal(mine.status, 200);
  assert.deepEqual(ours(mine.body.items).map((l) => l.source_ref).sort(), refs);
  const one = sup.body.items.find((l) => l.source_ref === 'HL-1001');
  const detail = await supervisor.get(`/leads/${one.id}`);
  assert.equal(detail.status, 200);
  assert.deepEqual(detail.body.reporter, { name: '张三', phone: '13800000000' });
  assert.equal(detail.body.category, '市场监管');
});

test('every use of a token is an audit line naming it; its last use is shown to the administrator', async () => {
  const count = () => Number(dbQuery(db, "SELECT count(*) FROM audit_log WHERE username = 'token:hotline-shinan' AND action = 'POST'"));
  const before = count();
  const r = await post(lines([order('HL-1001')]), `Bearer ${token}`);
  assert.equal(r.status, 200);
  assert.equal(r.body.duplicates, 1);
  assert.equal(count(), before + 1);
  const list = await sysadmin.get('/tokens');
  assert.equal(list.status, 200);
  const row = list.body.items.find((t) => t.name === 'hotline-shinan');
  assert.ok(row.last_used_at, JSON.stringify(row));
  assert.ok(!JSON.stringify(list.body).includes(token));
  assert.ok(!('token_hash' in row));
});

test('the system administrator makes and revokes tokens; a revoked token gets 401, audited by name', async () => {
  const made = await sysadmin.send('POST', '/tokens', { name: 'console-made', region: '370202' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.match(made.body.token, /^[0-9a-f]{64}$/);
  assert.equal(made.body.region_name !== undefined, true);
  assert.ok(!inDatabase(made.body.token));
  const use = await post(lines([order('HL-3001')]), `Bearer ${made.body.token}`);
  assert.equal(use.status, 200);
  assert.equal(use.body.created, 1);

  const bad = await sysadmin.send('POST', '/tokens', { name: 'bad name!', region: '370202' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'name');
  const taken = await sysadmin.send('POST', '/tokens', { name: 'console-made', region: '370202' });
  assert.equal(taken.status, 409);

  const revoked = await sysadmin.send('DELETE', `/tokens/${made.body.id}`);
  assert.equal(revoked.status, 200);
  assert.ok(revoked.body.revoked_at);
  const after = await post(lines([order('HL-3002')]), `Bearer ${made.body.token}`);
  assert.equal(after.status, 401);
  assert.equal(after.body.error.code, 'token_revoked');
  assert.equal(dbQuery(db, "SELECT count(*) FROM audit_log WHERE username = 'token:console-made' AND result = 'denied'"), '1');
  assert.equal((await sysadmin.send('DELETE', '/tokens/999999')).status, 404);

  // the CLI's revoke, by name
  const r = run(['--db', db, 'token', 'revoke', '--name', 'hotline-shinan']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((await post(lines([order('HL-3003')]), `Bearer ${token}`)).status, 401);
  assert.equal(run(['--db', db, 'token', 'revoke', '--name', 'no-such']).code, 1);
});
