// 导入12345工单 on 线索受理 (docs/hotline.md): POST /leads/hotline-file takes the platform's JSON Lines
// file from a supervisor's session (orders.write), through the same intake as the token route —
// the same line checks, counts and errors — within the supervisor's region, as his act.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login } from './lib/zhifa.mjs';

const SHINAN = '113702021588139920';   // 市南区市场监督管理局, region 370202
const SHIBEI = '11370203869879736T';   // 市北区交通运输局, region 370203
let srv, db, who = {};

const day = new Date(Date.now() + 8 * 3600e3 - 86400e3).toISOString().slice(0, 10);
const order = (no, extra = {}) => ({
  order_no: no, received_at: `${day} 09:30:00`, content: `市民反映：${no} 号工单所述商户无证经营，请核查。`,
  agency: SHINAN, category: '市场监管', reporter: { name: '张三', phone: '13800000000' }, ...extra,
});
const lines = (objs) => objs.map((o) => (typeof o === 'string' ? o : JSON.stringify(o))).join('\n') + '\n';

async function upload(c, body, { type = 'application/x-ndjson', csrf = true } = {}) {
  const headers = { 'Content-Type': type, ...(csrf ? { 'X-CSRF-Token': c.csrf } : {}) };
  const r = await c.raw('/api/v1/leads/hotline-file', { method: 'POST', headers, body });
  const text = await r.text();
  let parsed;
  try { parsed = JSON.parse(text); } catch { parsed = text; }
  return { status: r.status, body: parsed };
}

before(async () => {
  db = path.join(tmpDir(), 'hotline_file.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const users = {
    shinan: { role: 'supervisor', region: '370202' }, qingdao: { role: 'supervisor', region: '370200' },
    head: { role: 'agency_head', agency: SHINAN },
  };
  const made = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, addUser(db, { username: `hf_${k}`, ...u })]));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(made)) who[k] = await login(srv.base, u.username, u.password);
});
after(() => srv?.stop());

test('a supervisor\'s file: counts, line errors by number, the region his own, each lead dispatched and his', async () => {
  const body = lines([order('HF-0001'), '', '{"order_no":', order('HF-0002', { agency: SHIBEI }), order('HF-0001'), order('HF-0003')]);
  const r = await upload(who.shinan, body);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.received, 5);
  assert.equal(r.body.created, 2);
  assert.equal(r.body.duplicates, 1);
  assert.deepEqual(r.body.errors.map((e) => e.line), [3, 4]);
  assert.equal(r.body.errors[1].error, '承办执法主体不在您所辖区域内', '市北 is outside 市南\'s supervisor');

  const list = (await who.shinan.get('/leads?source=hotline_12345')).body.items;
  const l = list.find((x) => x.source_ref === 'HF-0003');
  assert.ok(l, 'stored');
  assert.equal(l.status, 'dispatched');
  assert.equal(l.agency, SHINAN);
  const full = (await who.shinan.get(`/leads/${l.id}`)).body;
  assert.equal(full.timeline[0].user, 'hf_shinan', 'the supervisor received it');

  // the same file again: nothing new; the token route's duplicates are the file's too
  const again = await upload(who.shinan, body);
  assert.equal(again.body.created, 0);
  assert.equal(again.body.duplicates, 3);
});

test('the 青岛 supervisor may import 市北\'s orders too', async () => {
  const r = await upload(who.qingdao, lines([order('HF-0102', { agency: SHIBEI })]));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([r.body.created, r.body.errors.length], [1, 0]);
});

test('refused: the agency\'s side (403), no CSRF token (403), another content type (415)', async () => {
  assert.equal((await upload(who.head, lines([order('HF-0201')]))).status, 403);
  assert.equal((await upload(who.shinan, lines([order('HF-0202')]), { csrf: false })).status, 403);
  assert.equal((await upload(who.shinan, '{}', { type: 'application/json' })).status, 415);
  assert.equal((await who.shinan.get('/leads?q=HF-020')).body.total, 0, 'nothing stored');
});
