// The applicant's own files on the portal (行政复议法 第二十二条: 申请书及有关材料; 第三十一条: 补正材料):
// identified as on the track page (复议案号 + ID number + phone, else 404), the type judged by the
// bytes (a disguised file is refused whatever its name and Content-Type), the size and count
// limits as settings (migration 084), the hourly limit per address; staff see the files on the case.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import crypto from 'node:crypto';
import { run, tmpDir, startServer, addUser, login, dbExec, client } from './lib/zhifa.mjs';
import { cnid, uscc } from './lib/codes.mjs';
import { todayChina } from './lib/calendar.mjs';

const HD = uscc('11370211MB3000021');
let srv, db, staff, anon;
before(async () => {
  db = path.join(tmpDir(), 'recon_portal_files.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const agency = { type: 'agency', code: HD, name: '黄岛区门户材料测试局', region: '370211', level: 'county', kind: 'department', sector: 'market_regulation' };
  assert.equal(run(['--db', db, 'import', '-'], { input: JSON.stringify(agency) + '\n' }).code, 0);
  const u = addUser(db, { username: 'p_clerk', role: 'reconsideration_officer', region: '370200' });
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  staff = await login(srv.base, u.username, u.password);
  anon = client(srv.base);
});
after(() => srv?.stop());

const zeroBits = (buf) => {
  let z = 0;
  for (const byte of buf) {
    if (byte === 0) { z += 8; continue; }
    return z + Math.clz32(byte) - 24;
  }
  return z;
};
function solve({ prefix, bits }) {
  for (let i = 0; ; i++) {
    const nonce = i.toString(36);
    if (zeroBits(crypto.createHash('sha256').update(prefix + nonce).digest()) >= bits) return nonce;
  }
}
const daysAgo = (n) => new Date(Date.parse(`${todayChina()}T00:00:00Z`) - n * 86400000).toISOString().slice(0, 10);

let n = 0;
async function applyOnPortal() {
  n++;
  const ch = (await anon.get('/public/challenge')).body;
  const who = { kind: 'person', name: `门户申请人${n}`, id_no: cnid(`3702111990020${String(n).padStart(4, '0')}`), phone: `1380000000${n}` };
  const r = await anon.send('POST', '/public/reconsiderations', {
    applicant: who, respondent: HD, act: { doc_no: `黄岛罚〔2026〕${500 + n}号`, decided_on: daysAgo(12), known_on: daysAgo(10) },
    request: '撤销处罚决定', facts: '事实不清', challenge: { id: ch.id, nonce: solve(ch) },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = (await staff.get(`/reconsiderations?q=${encodeURIComponent(r.body.case_no)}`)).body.items[0].id;
  return { case_no: r.body.case_no, id_no: who.id_no, phone: who.phone, id };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
  '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
function upload(a, purpose, name, bytes, override = {}) {
  const q = new URLSearchParams({ case_no: a.case_no, id_no: a.id_no, phone: a.phone, name, purpose, ...override });
  return anon.raw(`/api/v1/public/reconsiderations/files?${q}`, { method: 'POST', body: bytes, headers: { 'Content-Type': 'application/pdf' } });
}
const setting = (name, value) => dbExec(db, `UPDATE settings SET value = '${value}' WHERE name = '${name}'`);

test('materials with the application: ID copy and the contested decision, seen by staff on the case', async () => {
  const a = await applyOnPortal();
  const r = await upload(a, 'id_copy', '身份证.png', PNG);
  assert.equal(r.status, 201);
  const file = await r.json();
  assert.equal(file.purpose_name, '申请人身份证明');
  assert.equal(file.media_type, 'image/png', 'judged by its bytes, not the Content-Type sent');
  assert.equal((await upload(a, 'act_copy', '处罚决定书.pdf', PDF)).status, 201);
  const rec = (await staff.get(`/reconsiderations/${a.id}`)).body;
  assert.deepEqual(rec.body.attachments.map((x) => [x.purpose, x.name, x.uploaded_by]),
    [['id_copy', '身份证.png', 'portal'], ['act_copy', '处罚决定书.pdf', 'portal']]);
  const got = await staff.raw(`/api/v1/reconsiderations/${a.id}/attachments/${file.id}`);
  assert.equal(got.status, 200);
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), PNG);
});

test('refused: a disguised file (an executable named .pdf), the wrong identity (404), an unknown purpose', async () => {
  const a = await applyOnPortal();
  const exe = await upload(a, 'proof', '证据.pdf', EXE);
  assert.equal(exe.status, 415);
  assert.match((await exe.json()).error.message, /[\u4e00-\u9fff]/);
  for (const wrong of [{ phone: '13900000000' }, { id_no: cnid('37021119900101999') }, { case_no: '不存在〔2026〕1号' }])
    assert.equal((await upload(a, 'proof', '证据.pdf', PDF, wrong)).status, 404, JSON.stringify(wrong));
  assert.equal((await upload(a, 'payment', '证据.pdf', PDF)).status, 400);
  assert.equal((await staff.get(`/reconsiderations/${a.id}`)).body.body.attachments, undefined, 'nothing recorded');
});

test('补正: the correction\'s files only after the notice; nothing once accepted', async () => {
  const a = await applyOnPortal();
  assert.equal((await upload(a, 'correction', '补正.pdf', PDF)).status, 409, 'no 补正通知 yet');
  const today = todayChina();
  const c = await staff.send('POST', `/reconsiderations/${a.id}/actions`, { action: 'notice_correction', on: today, items: ['身份证明'] });
  assert.equal(c.status, 200, JSON.stringify(c.body));
  assert.equal((await upload(a, 'correction', '补正身份证明.pdf', PDF)).status, 201);
  const back = await staff.send('POST', `/reconsiderations/${a.id}/actions`, { action: 'correction_received', on: today });
  assert.equal(back.status, 200);
  assert.equal((await staff.send('POST', `/reconsiderations/${a.id}/actions`, { action: 'accept', on: today })).status, 200);
  assert.equal((await upload(a, 'proof', '迟到证据.pdf', PDF)).status, 409, 'accepted: the portal takes no more');
  const rec = (await staff.get(`/reconsiderations/${a.id}`)).body;
  assert.deepEqual(rec.body.attachments.map((x) => x.purpose), ['correction']);
});

test('limits as settings: the size (413), the count per case (422), the uploads per hour per address (429)', async () => {
  const a = await applyOnPortal();
  setting('recon_portal_file_max_mib', 1);
  const big = Buffer.concat([PDF, Buffer.alloc((1 << 20) + 1024, 0x20)]);
  assert.equal((await upload(a, 'proof', '大文件.pdf', big)).status, 413);
  setting('recon_portal_file_max_mib', 10);
  setting('recon_portal_files_max', 2);
  assert.equal((await upload(a, 'proof', '一.pdf', PDF)).status, 201);
  assert.equal((await upload(a, 'proof', '二.pdf', PDF)).status, 201);
  const third = await upload(a, 'proof', '三.pdf', PDF);
  assert.equal(third.status, 422);
  assert.match((await third.json()).error.message, /最多上传 2 个/);
  setting('recon_portal_files_max', 20);
  setting('recon_portal_uploads_per_hour', 1);
  assert.equal((await upload(a, 'proof', '四.pdf', PDF)).status, 429, 'this address uploaded more than once this hour');
  setting('recon_portal_uploads_per_hour', 30);
});
