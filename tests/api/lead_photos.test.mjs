// Photos of a lead (issue 15, docs/leads.md "Photos"): the complainant adds up to 3 by the tracking
// code within minutes of filing, images only (judged by their bytes), while the lead is still
// received; the observer who filed an observation adds his; the region's supervisors list them on
// the lead's page and download them byte for byte; the ledger verifies with them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, dbQuery, dbExec } from './lib/zhifa.mjs';

const AGENCY = '113702021588139920'; // 市南区市场监督管理局, 370202
let srv, db;
const who = {};

before(async () => {
  db = path.join(tmpDir(), 'lead_photos.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const made = {
    sup: addUser(db, { username: 'p_sup', role: 'supervisor', region: '370200' }),
    bj: addUser(db, { username: 'p_bj', role: 'supervisor', region: '110000' }),
    head: addUser(db, { username: 'p_head', role: 'agency_head', agency: AGENCY }),
    social: addUser(db, { username: 'p_social', role: 'social_supervisor', region: '370202' }),
    social2: addUser(db, { username: 'p_social2', role: 'social_supervisor', region: '370202' }),
  };
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(made)) {
    who[k] = await login(srv.base, u.username, u.password);
    assert.equal(who[k].status, 200, k);
  }
});
after(() => srv?.stop());

// A 1×1 PNG, a JPEG's first bytes, a WebP header: what the server sniffs.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
  '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a46494600', 'hex'), crypto.randomBytes(2000)]);

function zeroBits(buf) {
  let n = 0;
  for (const byte of buf) {
    if (byte === 0) { n += 8; continue; }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

async function fileComplaint(addr) {
  const h = { 'X-Forwarded-For': addr, 'Content-Type': 'application/json' };
  const ch = await (await fetch(`${srv.base}/api/v1/public/challenge`, { headers: h })).json();
  let nonce;
  for (let i = 0; ; i++) {
    nonce = i.toString(36);
    if (zeroBits(crypto.createHash('sha256').update(ch.prefix + nonce).digest()) >= ch.bits) break;
  }
  const r = await fetch(`${srv.base}/api/v1/public/complaints`, {
    method: 'POST', headers: h,
    body: JSON.stringify({ content: '某餐馆后厨卫生极差，附现场照片。', agency: AGENCY, challenge: { id: ch.id, nonce } }),
  });
  assert.equal(r.status, 201);
  return (await r.json()).tracking_code;
}

const sendPhoto = async (addr, code, body, name = '现场.png', type = 'image/png') => {
  const r = await fetch(`${srv.base}/api/v1/public/complaints/${encodeURIComponent(code)}/photos?name=${encodeURIComponent(name)}`, {
    method: 'POST', body, headers: { 'X-Forwarded-For': addr, 'Content-Type': type },
  });
  const text = await r.text();
  let json;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: r.status, body: json };
};

const leadOf = async (code) => {
  const items = (await who.sup.get('/leads?size=200')).body.items;
  return items.find((l) => l.source === 'complaint' && l.source_ref === code);
};

test('a complaint takes two photos, a third, and refuses a fourth; the supervisor lists and downloads them', async () => {
  const addr = '10.9.0.1';
  const code = await fileComplaint(addr);
  const a = await sendPhoto(addr, code, PNG, '门口.png');
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.deepEqual(a.body, { photos: 1 }, 'the count and nothing internal');
  // the type is the bytes', not the header's
  const b = await sendPhoto(addr, code.toLowerCase(), JPEG, '后厨.jpg', 'application/octet-stream');
  assert.equal(b.status, 201, JSON.stringify(b.body));
  assert.deepEqual(b.body, { photos: 2 });
  assert.equal((await sendPhoto(addr, code, PNG, '第三张.png')).status, 201);
  const fourth = await sendPhoto(addr, code, PNG, '第四张.png');
  assert.equal(fourth.status, 409, JSON.stringify(fourth.body));
  assert.equal(fourth.body.error.code, 'too_many_photos');

  const lead = await leadOf(code);
  assert.ok(lead, 'the complaint is on the board');
  const page = (await who.sup.get(`/leads/${lead.id}`)).body;
  assert.deepEqual(page.photos.map((p) => [p.name, p.media_type]), [['门口.png', 'image/png'], ['后厨.jpg', 'image/jpeg'], ['第三张.png', 'image/png']]);
  assert.deepEqual(Object.keys(page.photos[0]).sort(), ['id', 'media_type', 'name', 'size', 'uploaded_at']);
  assert.equal(page.timeline.filter((t) => t.action === 'photo' && t.action_name === '上传照片').length, 3);
  const got = await who.sup.raw(`/api/v1/leads/${lead.id}/photos/${page.photos[1].id}`);
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'image/jpeg');
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), JPEG, 'byte for byte');
  assert.equal((await who.bj.raw(`/api/v1/leads/${lead.id}/photos/${page.photos[1].id}`)).status, 404, 'another region');
  assert.equal((await who.sup.raw(`/api/v1/leads/${lead.id}/photos/999999`)).status, 404);
  const audit = dbQuery(db, "SELECT count(*) FROM audit_log WHERE action = 'lead_photo_download'");
  assert.equal(audit.trim(), '1', 'the download is audited');
  // the agency sees them once the lead is dispatched to it, as it sees the lead
  const photo = `/api/v1/leads/${lead.id}/photos/${page.photos[0].id}`;
  assert.equal((await who.head.raw(photo)).status, 404, 'not dispatched yet');
  for (const action of ['accept', 'dispatch']) {
    const r = await who.sup.send('POST', `/leads/${lead.id}/actions`, { action });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  assert.equal((await who.head.get(`/leads/${lead.id}`)).body.photos.length, 3);
  const seen = await who.head.raw(photo);
  assert.equal(seen.status, 200);
  assert.deepEqual(Buffer.from(await seen.arrayBuffer()), PNG);
});

test('not an image is 415 whatever its Content-Type; an unknown code is 404 and counts as a miss', async () => {
  const addr = '10.9.0.2';
  const code = await fileComplaint(addr);
  const r = await sendPhoto(addr, code, Buffer.from('<html><script>alert(1)</script></html>'), 'x.png', 'image/png');
  assert.equal(r.status, 415, JSON.stringify(r.body));
  const pdf = await sendPhoto(addr, code, Buffer.from('%PDF-1.4\n%%EOF\n'), 'x.pdf', 'image/jpeg');
  assert.equal(pdf.status, 415, 'a document is not a photo');
  const miss = await sendPhoto(addr, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', PNG);
  assert.equal(miss.status, 404);
  const n = dbQuery(db, "SELECT n FROM portal_counts WHERE addr = '10.9.0.2' AND kind = 'track_miss'");
  assert.equal(n.trim(), '1');
  dbExec(db, "UPDATE settings SET value = '1' WHERE name = 'lead_photo_max_mib'");
  try {
    const big = Buffer.concat([JPEG, Buffer.alloc(1 << 20)]);
    const r413 = await sendPhoto(addr, code, big, '大图.jpg', 'image/jpeg');
    assert.equal(r413.status, 413, 'past lead_photo_max_mib');
  } finally {
    dbExec(db, "UPDATE settings SET value = '10' WHERE name = 'lead_photo_max_mib'");
  }
  const lead = await leadOf(code);
  assert.deepEqual((await who.sup.get(`/leads/${lead.id}`)).body.photos, []);
});

test('after the window, or once the lead is acted on, no more photos', async () => {
  const past = new Date(Date.now() - 2 * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
  const code = '7777-7777-7777-7777';
  const r = await who.sup.send('POST', '/leads', { source: 'complaint', source_ref: code, received_at: past,
    content: '两小时前电话转来的投诉', agency: AGENCY });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const late = await sendPhoto('10.9.0.3', code, PNG);
  assert.equal(late.status, 409, JSON.stringify(late.body));

  const fresh = await fileComplaint('10.9.0.3');
  const lead = await leadOf(fresh);
  const acted = await who.sup.send('POST', `/leads/${lead.id}/actions`, { action: 'accept' });
  assert.equal(acted.status, 200, JSON.stringify(acted.body));
  assert.equal((await sendPhoto('10.9.0.3', fresh, PNG)).status, 409);
});

test('the observer adds photos to his own observation only', async () => {
  const o = await who.social.send('POST', '/observations', { content: '执法人员现场检查未出示执法证件', agency: AGENCY });
  assert.equal(o.status, 201, JSON.stringify(o.body));
  const up = (c, id) => c.raw(`/api/v1/observations/${id}/photos?name=${encodeURIComponent('现场.png')}`, {
    method: 'POST', body: PNG, headers: { 'Content-Type': 'image/png', 'X-CSRF-Token': c.csrf },
  });
  const mine = await up(who.social, o.body.id);
  assert.equal(mine.status, 201, await mine.text());
  assert.equal((await up(who.social2, o.body.id)).status, 404, 'another observer\'s');
  const complaint = await leadOf(await fileComplaint('10.9.0.4'));
  assert.equal((await up(who.social, complaint.id)).status, 404, 'not an observation of his');
  const page = (await who.sup.get(`/leads/${o.body.id}`)).body;
  assert.deepEqual(page.photos.map((p) => p.name), ['现场.png']);
});

test('zhifa verify passes with the photos in the ledger', () => {
  const v = run(['--db', db, 'verify', '--json']);
  assert.equal(v.code, 0, v.stdout.slice(-400));
});
