// 群众投诉 on the anonymous portal (issue 15, docs/leads.md): a proof-of-work challenge solved here
// with Node's SHA-256, the complaint filed as a lead, its status by tracking code and nothing else,
// and the per-address limits (each test speaks from its own address through X-Forwarded-For, which
// the server trusts from a loopback peer only: the TLS proxy on the same host).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, hasChinese, dbQuery, dbExec } from './lib/zhifa.mjs';

const AGENCY = '113702021588139920';
let srv, db;

before(async () => {
  db = path.join(tmpDir(), 'complaints.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  dbExec(db, "UPDATE settings SET value = '370202' WHERE name = 'portal_default_region'");
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
});
after(() => srv?.stop());

function from(addr) {
  const call = async (method, p, body) => {
    const r = await fetch(`${srv.base}/api/v1${p}`, {
      method,
      headers: { 'X-Forwarded-For': addr, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let json;
    try { json = JSON.parse(text); } catch { json = text; }
    return { status: r.status, body: json };
  };
  return { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b) };
}

const zeroBits = (buf) => {
  let n = 0;
  for (const byte of buf) {
    if (byte === 0) { n += 8; continue; }
    return n + Math.clz32(byte) - 24;
  }
  return n;
};

function solve({ prefix, bits }) {
  for (let i = 0; ; i++) {
    const nonce = i.toString(36);
    if (zeroBits(crypto.createHash('sha256').update(prefix + nonce).digest()) >= bits) return nonce;
  }
}

async function challenge(c) {
  const r = await c.get('/public/challenge');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

async function file(c, fields) {
  const ch = await challenge(c);
  return c.post('/public/complaints', { ...fields, challenge: { id: ch.id, nonce: solve(ch) } });
}

test('a challenge is an id, a random prefix and a bit count the browser can afford', async () => {
  const c = from('10.0.0.1');
  const a = await challenge(c), b = await challenge(c);
  assert.deepEqual(Object.keys(a).sort(), ['bits', 'id', 'prefix']);
  assert.match(a.id, /^[0-9a-f]{32}$/);
  assert.match(a.prefix, /^[0-9a-f]{32}$/);
  assert.ok(a.bits >= 1 && a.bits <= 20, `bits ${a.bits}`);
  assert.notEqual(a.id, b.id);
  assert.notEqual(a.prefix, b.prefix);
});

test('a solved challenge files the complaint and answers a readable tracking code', async () => {
  const c = from('10.0.0.2');
  const r = await file(c, { content: '某超市销售过期食品，多次反映无人处理。', agency: AGENCY, place: '市南区香港中路 1 号',
    name: '王五', phone: '13812345678' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.deepEqual(Object.keys(r.body), ['tracking_code']);
  assert.match(r.body.tracking_code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/, '16 Crockford digits: 80 bits');
  const anon = await file(c, { content: '夜间施工噪音扰民。' });
  assert.equal(anon.status, 201, 'no agency: the default region takes it; no name or phone: anonymous');
  assert.notEqual(anon.body.tracking_code, r.body.tracking_code);
});

test('a wrong nonce, a reused challenge and an unknown one are refused', async () => {
  // each attempt counts toward the address's hourly limit, so each case speaks from its own address
  let c = from('10.0.1.1');
  const ch = await challenge(c);
  let nonce = 0;
  while (zeroBits(crypto.createHash('sha256').update(ch.prefix + nonce.toString(36)).digest()) >= ch.bits) nonce++;
  const wrong = await c.post('/public/complaints', { content: '投诉内容', challenge: { id: ch.id, nonce: nonce.toString(36) } });
  assert.equal(wrong.status, 422);
  assert.equal(wrong.body.error.code, 'challenge_failed');
  assert.ok(hasChinese(wrong.body.error.message));
  const right = await c.post('/public/complaints', { content: '投诉内容', challenge: { id: ch.id, nonce: solve(ch) } });
  assert.equal(right.status, 422, 'a wrong answer used the challenge up');

  c = from('10.0.1.2');
  const ch2 = await challenge(c);
  const nonce2 = solve(ch2);
  assert.equal((await c.post('/public/complaints', { content: '第一次', challenge: { id: ch2.id, nonce: nonce2 } })).status, 201);
  const again = await c.post('/public/complaints', { content: '再次提交', challenge: { id: ch2.id, nonce: nonce2 } });
  assert.equal(again.status, 422, 'single use');

  c = from('10.0.1.3');
  const unknown = await c.post('/public/complaints', { content: '投诉内容', challenge: { id: 'f'.repeat(32), nonce: 'a' } });
  assert.equal(unknown.status, 422);
  assert.equal((await c.post('/public/complaints', { content: '投诉内容' })).status, 422, 'no challenge at all');
});

test('an expired challenge is refused', async () => {
  const c = from('10.0.0.4');
  const ch = await challenge(c);
  dbExec(db, `UPDATE portal_challenges SET expires_at = 1 WHERE id = '${ch.id}'`);
  const r = await c.post('/public/complaints', { content: '过期', challenge: { id: ch.id, nonce: solve(ch) } });
  assert.equal(r.status, 422);
});

test('the fields are checked before the challenge is spent', async () => {
  const c = from('10.0.0.5');
  const ch = await challenge(c);
  const nonce = solve(ch);
  const cases = [
    [{ content: '' }, 'content'],
    [{ content: '   ' }, 'content'],
    [{ content: '字'.repeat(2001) }, 'content'],
    [{ content: '内容', phone: '12345' }, 'phone'],
    [{ content: '内容', phone: '1381234567a' }, 'phone'],
    [{ content: '内容', agency: 'not-a-code' }, 'agency'],
    [{ content: '内容', place: '地'.repeat(201) }, 'place'],
  ];
  for (const [fields, field] of cases) {
    const r = await c.post('/public/complaints', { ...fields, challenge: { id: ch.id, nonce } });
    assert.equal(r.status, 400, JSON.stringify(fields).slice(0, 60));
    assert.equal(r.body.error.field, field);
  }
  assert.equal((await c.post('/public/complaints', { content: '字'.repeat(2000), phone: '0532-88888888', challenge: { id: ch.id, nonce } })).status, 201,
    '2,000 characters and a landline are fine, and the challenge was still unspent');
  const big = await c.post('/public/complaints', { content: 'x'.repeat(20000) });
  assert.equal(big.status, 413, 'the route takes 16 KiB');
});

test('one address files at most portal_complaints_per_hour complaints an hour: then 429', async () => {
  const limit = Number(dbQuery(db, "SELECT value FROM settings WHERE name = 'portal_complaints_per_hour'"));
  assert.equal(limit, 5);
  const c = from('10.0.0.6');
  for (let i = 0; i < limit; i++) assert.equal((await file(c, { content: `第 ${i + 1} 件` })).status, 201);
  const over = await file(c, { content: '超过上限' });
  assert.equal(over.status, 429);
  assert.equal(over.body.error.code, 'rate_limited');
  assert.ok(hasChinese(over.body.error.message));
  assert.equal((await file(from('10.0.0.7'), { content: '另一个地址' })).status, 201, 'another address is not held back');
});

test('tracking shows the status and exactly the public keys; an unknown code is 404', async () => {
  const c = from('10.0.0.8');
  const filed = await file(c, { content: '执法人员未出示证件。', agency: AGENCY, name: '赵六', phone: '13900000000' });
  assert.equal(filed.status, 201);
  const code = filed.body.tracking_code;
  const r = await c.get(`/public/complaints/${code}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const allowed = ['status', 'status_name', 'received_at', 'answered_on', 'answer'];
  assert.deepEqual(Object.keys(r.body).filter((k) => !allowed.includes(k)), []);
  assert.deepEqual(Object.keys(r.body).sort(), ['received_at', 'status', 'status_name'], 'nothing answered yet');
  assert.ok(hasChinese(r.body.status_name));
  assert.ok(!JSON.stringify(r.body).includes('赵六') && !JSON.stringify(r.body).includes('13900000000'));
  const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
  assert.equal((await c.get(`/public/complaints/${encodeURIComponent(typed)}`)).status, 200, 'as a person may type it');
  const none = await c.get('/public/complaints/0000-0000-0000-0000');
  assert.equal(none.status, 404);
  assert.equal((await c.get('/public/complaints/not-a-code')).status, 404);
});

test('guessing codes: 429 after portal_track_misses_per_hour misses from one address, even for a real code', async () => {
  const c = from('10.0.0.9');
  const filed = await file(c, { content: '查询码猜测测试。' });
  const limit = Number(dbQuery(db, "SELECT value FROM settings WHERE name = 'portal_track_misses_per_hour'"));
  for (let i = 0; i < limit; i++) {
    const guess = crypto.randomBytes(10).toString('hex').toUpperCase().replace(/[^0-9A-F]/g, '0').slice(0, 16).match(/.{4}/g).join('-');
    assert.equal((await c.get(`/public/complaints/${guess}`)).status, 404);
  }
  assert.equal((await c.get('/public/complaints/0000-0000-0000-0001')).status, 429);
  assert.equal((await c.get(`/public/complaints/${filed.body.tracking_code}`)).status, 429, 'the limit holds whatever is asked');
  assert.equal((await from('10.0.0.10').get(`/public/complaints/${filed.body.tracking_code}`)).status, 200);
});

test('the portal lists agencies by code and name only', async () => {
  const r = await from('10.0.0.11').get(`/public/agencies?q=${encodeURIComponent('市场监督')}`);
  assert.equal(r.status, 200);
  assert.ok(r.body.items.length >= 1);
  for (const a of r.body.items) assert.deepEqual(Object.keys(a).sort(), ['code', 'name']);
});

test('the complaint is on the supervisor’s board as a lead of source complaint', async () => {
  const c = from('10.0.0.12');
  const filed = await file(c, { content: '监督看板可见的投诉。', agency: AGENCY, name: '钱七', phone: '13700000000' });
  assert.equal(filed.status, 201);
  const u = addUser(db, { username: 'cp_supervisor', role: 'supervisor', region: '370200' });
  const sup = await login(srv.base, u.username, u.password);
  assert.equal(sup.status, 200);
  const board = await sup.get('/leads?source=complaint&size=200');
  assert.equal(board.status, 200, JSON.stringify(board.body));
  const lead = board.body.items.find((l) => l.source_ref === filed.body.tracking_code);
  assert.ok(lead, 'the lead carries the tracking code as source_ref');
  assert.equal(lead.source, 'complaint');
  assert.equal(lead.agency, AGENCY);
  assert.equal(lead.content, '监督看板可见的投诉。');
});
