// Case attachments (全过程记录, issue 6): an officer uploads evidence against a stage of an online
// case; the type is sniffed from the bytes, the digests match node:crypto, the download gives
// the same bytes with safe headers; refusals (415, 413, 400, 404, 403, 401, 409) leave nothing
// behind; the timeline shows each upload and `zhifa verify` covers the files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { run, tmpDir, startServer, addUser, login, client, hasChinese, rawRequest, rawStatus, dbQuery, dbExec, backend } from './lib/zhifa.mjs';
import { SUBSTANCE } from './lib/substance.mjs';

const AGENCY = '113702021588139920';
const OTHER = '11370203869879736T';
const USERS = {
  officer: { username: 'a_officer', role: 'officer', agency: AGENCY },
  other: { username: 'a_other', role: 'officer', agency: OTHER },
  supervisor: { username: 'a_sup', role: 'supervisor', region: '370200' },
};
let srv, db, caseNo;
const as = {};

async function startAndLogin() {
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(USERS)) as[k] = await login(srv.base, u.username, `Zf-${u.username}-Pass-2026`);
  as.anonymous = client(srv.base);
}

before(async () => {
  db = path.join(tmpDir(), 'attachments.db');
  assert.equal(run(['--db', db, 'init', '--demo'], { timeout: 120000 }).code, 0);
  for (const u of Object.values(USERS)) addUser(db, u);
  await startAndLogin();
  const r = await as.officer.send('POST', '/workflow/cases', {
    case_type: 'penalty_ordinary', power: 'SC-CF-001',
    party: { kind: 'org', name: '青岛某某食品有限公司', id_no: '91370202091141705L' },
    officers: ['37020200001', '37020200002'], violation_ended_on: '2026-03-01', discovered_on: '2026-03-02',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  caseNo = r.body.case.case_no;
});
after(() => srv?.stop());

// ---- tiny real files, built here -------------------------------------------------------
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n' +
  '2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
// one MPEG-1 layer III frame: 128 kbit/s, 44.1 kHz → 417 bytes
const MP3 = Buffer.concat([Buffer.from([0xFF, 0xFB, 0x90, 0x64]), Buffer.alloc(413)]);
function box(type, payload) {
  const b = Buffer.alloc(8 + payload.length);
  b.writeUInt32BE(b.length, 0);
  b.write(type, 4, 'latin1');
  payload.copy(b, 8);
  return b;
}
const MP4 = Buffer.concat([box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2mp41', 'latin1')), box('free', Buffer.alloc(8))]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
const ZIP = Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), Buffer.alloc(40)]);

const enc = encodeURIComponent;
const base = () => `/api/v1/workflow/cases/${enc(caseNo)}/attachments`;
function upload(who, bytes, { name = 'f.bin', stage = 'clue', kind = 'photo', cn = caseNo, type } = {}) {
  const q = new URLSearchParams();
  if (name !== null) q.set('name', name);
  if (stage !== null) q.set('stage', stage);
  if (kind !== null) q.set('kind', kind);
  const c = as[who];
  return c.raw(`/api/v1/workflow/cases/${enc(cn)}/attachments?${q}`, {
    method: 'POST',
    headers: { 'Content-Type': type || 'application/octet-stream', ...(c.csrf ? { 'X-CSRF-Token': c.csrf } : {}) },
    body: bytes,
  }).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }));
}
// Only the headers of an upload: the server must answer from them alone (auth, declared length).
async function headersOnly(who, query, length) {
  const c = as[who];
  const text = await rawRequest(srv.port, `POST ${base()}?${query} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
    (c.cookie ? `Cookie: ${c.cookie}\r\n` : '') + (c.csrf ? `X-CSRF-Token: ${c.csrf}\r\n` : '') +
    `Content-Type: application/octet-stream\r\nContent-Length: ${length}\r\n\r\n`);
  const body = Buffer.from(text.slice(text.indexOf('\r\n\r\n') + 4), 'latin1').toString('utf8');
  return { status: rawStatus(text), body: JSON.parse(body) };
}
// A chunked upload (no Content-Length): the limit must hold while the body is read.
function chunked(who, query, bytes) {
  const c = as[who];
  return new Promise((resolve, reject) => {
    const req = http.request(`${srv.base}${base()}?${query}`, {
      method: 'POST', headers: { Cookie: c.cookie, 'X-CSRF-Token': c.csrf, 'Transfer-Encoding': 'chunked' },
    }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    for (let i = 0; i < bytes.length; i += 1 << 20) req.write(bytes.subarray(i, i + (1 << 20)));
    req.end();
  });
}
const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex');
const sm3 = (b) => crypto.createHash('sm3').update(b).digest('hex');
const list = async (who = 'officer') => as[who].get(`/workflow/cases/${enc(caseNo)}/attachments`);
// The attachments' files in the store (the issued 执法文书 share it: their digests are left out).
const files = () => {
  if (!fs.existsSync(`${db}.files`)) return [];
  const documents = new Set(dbQuery(db, 'SELECT sm3 FROM documents').split('\n'));
  return fs.readdirSync(`${db}.files`).filter((f) => !f.startsWith('.') && !documents.has(f));
};

test('each kind uploads; the type is sniffed, the digests match, the download gives the same bytes', async () => {
  const cases = [
    { bytes: PNG_1X1, kind: 'photo', name: '现场照片 1.png', mime: 'image/png' },
    { bytes: PDF, kind: 'document', name: '询问笔录.pdf', mime: 'application/pdf' },
    { bytes: MP3, kind: 'audio', name: 'record.mp3', mime: 'audio/mpeg' },
    { bytes: MP4, kind: 'video', name: '执法记录仪.mp4', mime: 'video/mp4' },
  ];
  for (const c of cases) {
    // the declared type is ignored: everything is sent as text/plain
    const r = await upload('officer', c.bytes, { name: c.name, kind: c.kind, type: 'text/plain' });
    assert.equal(r.status, 201, `${c.kind}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.mime, c.mime);
    assert.equal(r.body.kind, c.kind);
    assert.equal(r.body.stage, 'clue');
    assert.equal(r.body.name, c.name);
    assert.equal(r.body.size, c.bytes.length);
    assert.equal(r.body.sha256, sha256(c.bytes));
    assert.equal(r.body.sm3, sm3(c.bytes));
    assert.equal(r.body.uploaded_by, 'a_officer');
    assert.match(r.body.uploaded_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const d = await as.officer.raw(`${base()}/${r.body.id}`);
    assert.equal(d.status, 200);
    assert.deepEqual(Buffer.from(await d.arrayBuffer()), c.bytes);
    assert.equal(d.headers.get('content-type'), c.mime);
    assert.equal(d.headers.get('x-content-type-options'), 'nosniff');
    const disp = d.headers.get('content-disposition');
    assert.match(disp, /^attachment; filename="attachment-\d+\.\w+"; filename\*=UTF-8''/);
    assert.equal(decodeURIComponent(disp.split("UTF-8''")[1]), c.name);
  }
  const l = await list();
  assert.equal(l.status, 200);
  assert.deepEqual(l.body.items.map((i) => i.kind), ['photo', 'document', 'audio', 'video']);
  const photo = l.body.kinds.find((k) => k.kind === 'photo');
  assert.equal(photo.max_bytes, 20 * 1024 * 1024);
  assert.ok(photo.types.includes('image/jpeg'));
  assert.deepEqual(l.body.stages, [{ stage: 'clue', name: '线索登记' }]); // the stages reached so far

  // the file store holds each content once, named by its SM3 digest
  for (const c of cases) assert.ok(files().includes(sm3(c.bytes)), c.kind);
  const again = await upload('officer', PNG_1X1, { name: '同一张照片.png' });
  assert.equal(again.status, 201);
  assert.equal(files().filter((f) => f === sm3(PNG_1X1)).length, 1);
  assert.equal(files().length, 4);
});


test('the same photo uploaded at once by several requests is stored once, with no temp file left', async () => {
  const jpeg = Buffer.concat([Buffer.from([0xFF, 0xD8, 0xFF, 0xDB]), crypto.randomBytes(64 * 1024), Buffer.from([0xFF, 0xD9])]);
  const rs = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => upload('officer', jpeg, { name: `同一张-${i}.jpg` })));
  assert.deepEqual(rs.map((r) => r.status), [201, 201, 201, 201, 201, 201], JSON.stringify(rs.map((r) => r.body)));
  assert.ok(rs.every((r) => r.body.mime === 'image/jpeg' && r.body.sm3 === sm3(jpeg)));
  assert.equal(new Set(rs.map((r) => r.body.id)).size, 6);
  assert.equal(files().filter((f) => f === sm3(jpeg)).length, 1);
  assert.deepEqual(fs.readdirSync(`${db}.files`).filter((f) => f.startsWith('.')), []);
  assert.deepEqual(fs.readFileSync(path.join(`${db}.files`, sm3(jpeg))), jpeg);
});

test('the timeline shows each upload with its name and SHA-256', async () => {
  const r = await upload('officer', PDF, { name: '现场检查笔录.pdf', kind: 'document' });
  assert.equal(r.status, 201);
  const c = await as.officer.get(`/workflow/cases/${enc(caseNo)}`);
  const ev = c.body.timeline.filter((t) => t.action === 'attachment');
  assert.ok(ev.length >= 5);
  const last = ev[ev.length - 1];
  assert.equal(last.user, 'a_officer');
  assert.equal(last.to_stage, 'clue');
  assert.ok(last.note.includes('现场检查笔录.pdf') && last.note.includes(sha256(PDF)), last.note);
});

test('content that is not what the kind accepts is refused with 415 and leaves nothing', async () => {
  const before = (await list()).body.items.length;
  const filesBefore = files().length;
  for (const [bytes, kind, name, word] of [
    [HTML, 'photo', 'page.jpg', /网页/],
    [ZIP, 'photo', 'renamed.jpg', /ZIP/],
    [PDF, 'photo', 'scan.jpg', /PDF 文档/],
    [PNG_1X1, 'video', 'clip.mp4', /PNG 图片/],
    [Buffer.from('\x7fELF\x02\x01\x01\0', 'latin1'), 'document', 'a.pdf', /可执行程序/],
    [Buffer.from('just some text'), 'document', 'b.pdf', /无法识别/],
  ]) {
    const r = await upload('officer', bytes, { kind, name });
    assert.equal(r.status, 415, `${name}: ${JSON.stringify(r.body)}`);
    assert.ok(hasChinese(r.body.error.message));
    assert.match(r.body.error.message, word);
  }
  const empty = await upload('officer', Buffer.alloc(0), { name: 'empty.png' });
  assert.equal(empty.status, 400);
  assert.equal((await list()).body.items.length, before);
  assert.equal(files().length, filesBefore);
});

test("over the kind's limit is refused with 413 before the body is read", async () => {
  const before = (await list()).body.items.length;
  const q = new URLSearchParams({ name: 'huge.png', stage: 'clue', kind: 'photo' });
  const r = await headersOnly('officer', q, 20 * 1024 * 1024 + 1);
  assert.equal(r.status, 413);
  assert.equal(r.body.error.message, '照片不能超过 20 MiB');
  // the same length is within a video's limit: the limit is the kind's
  const v = await headersOnly('officer', new URLSearchParams({ name: 'v.mp4', stage: 'clue', kind: 'video' }),
    200 * 1024 * 1024 + 1);
  assert.equal(v.status, 413);
  assert.equal(v.body.error.message, '录像不能超过 200 MiB');
  // without a declared length, the limit holds while reading
  const big = Buffer.alloc(20 * 1024 * 1024 + 1);
  PNG_1X1.copy(big);
  const c = await chunked('officer', q, big);
  assert.equal(c.status, 413);
  assert.equal(c.body.error.message, '照片不能超过 20 MiB');
  assert.equal((await list()).body.items.length, before);
});

test('bad stage, kind or name is refused with 400', async () => {
  for (const [opts, field] of [
    [{ stage: 'nonsense' }, 'stage'],
    [{ stage: 'decision' }, 'stage'], // not reached yet
    [{ stage: 'onspot_decision' }, 'stage'], // a stage of the simple procedure only
    [{ stage: null }, 'stage'],
    [{ kind: 'image' }, 'kind'],
    [{ kind: null }, 'kind'],
    [{ name: null }, 'name'],
    [{ name: '../../etc/passwd' }, 'name'],
    [{ name: 'a\r\nb.png' }, 'name'],
    [{ name: 'x'.repeat(256) }, 'name'],
  ]) {
    const r = await upload('officer', PNG_1X1, { name: 'p.png', ...opts });
    assert.equal(r.status, 400, `${JSON.stringify(opts)}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.field, field, JSON.stringify(opts));
    assert.ok(hasChinese(r.body.error.message));
  }
  const bad = await as.officer.get(`/workflow/cases/${enc(caseNo)}/attachments/abc`);
  assert.equal(bad.status, 400);
});

test('another agency gets 404; a supervisor 403; anonymous 401, before any body is read', async () => {
  const id = (await list()).body.items[0].id;
  assert.equal((await upload('other', PNG_1X1, { name: 'p.png' })).status, 404);
  assert.equal((await list('other')).status, 404);
  assert.equal((await as.other.get(`/workflow/cases/${enc(caseNo)}/attachments/${id}`)).status, 404);
  assert.equal((await as.officer.get(`/workflow/cases/${enc(caseNo)}/attachments/999999`)).status, 404);
  assert.equal((await upload('supervisor', PNG_1X1, { name: 'p.png' })).status, 403);
  assert.equal((await list('supervisor')).status, 403);
  assert.equal((await upload('anonymous', PNG_1X1, { name: 'p.png' })).status, 401);
  // an anonymous upload is refused from its headers: nothing is read for a stranger
  const q = new URLSearchParams({ name: 'p.png', stage: 'clue', kind: 'photo' });
  assert.equal((await headersOnly('anonymous', q, 10 * 1024 * 1024)).status, 401);
  assert.equal((await headersOnly('supervisor', q, 10 * 1024 * 1024)).status, 403);
  assert.equal((await as.anonymous.get(`/workflow/cases/${enc(caseNo)}/attachments/${id}`)).status, 401);
});

test('a closed case takes no more attachments (409)', async () => {
  const f = await as.officer.send('POST', '/workflow/cases', {
    case_type: 'penalty_simple', power: 'SC-CF-001',
    party: { kind: 'person', name: '张三', id_no: '370202199001011237' },
    officers: ['37020200001', '37020200002'], violation_ended_on: '2026-03-01', discovered_on: '2026-03-02',
    ...SUBSTANCE,
  });
  assert.equal(f.status, 201, JSON.stringify(f.body));
  const simple = f.body.case.case_no;
  const act = (action, fields) => as.officer.send('POST', `/workflow/cases/${enc(simple)}/actions`, { action, fields });
  const d = await act('decide_on_spot', { on: '2026-03-02', measures: ['warning'], tier: 'ordinary', notified_on: '2026-03-02' });
  assert.equal(d.status, 200, JSON.stringify(d.body));
  const photo = await upload('officer', PNG_1X1, { cn: simple, stage: 'onspot_decision', name: '现场.png' });
  assert.equal(photo.status, 201, JSON.stringify(photo.body));
  const s = await act('serve_on_spot', { on: '2026-03-02' });
  assert.equal(s.status, 200, JSON.stringify(s.body));
  assert.equal(s.body.workflow.stage, 'closed');
  const r = await upload('officer', PNG_1X1, { cn: simple, stage: 'onspot_service', name: '晚到的照片.png' });
  assert.equal(r.status, 409);
  assert.match(r.body.error.message, /已结案/);
  // still listed and downloadable after closing
  const l = await as.officer.get(`/workflow/cases/${enc(simple)}/attachments`);
  assert.equal(l.body.items.length, 1);
  assert.deepEqual(l.body.stages, []);
});

// ---- big files stream to disk: memory stays flat, an abandoned upload leaves nothing ----------
const MIB = 1024 * 1024;
const statusKiB = (pid, field) =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
// The peak RSS starts again from the current RSS (proc(5), clear_refs "5"): the logins' argon2 peak
// before the upload does not hide what the upload itself takes.
const resetPeakRss = (pid) => fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
const tempFiles = () => fs.readdirSync(`${db}.files`).filter((f) => f.startsWith('.'));
// Sends `total` bytes of an MP4 (an ftyp box, then zeros) with a declared length, one reused 1 MiB
// buffer at a time, hashing what it sends; after `abortAfter` bytes it awaits onAbort(sent), then
// destroys the socket.
function streamVideo(total, { abortAfter = Infinity, onAbort } = {}) {
  const c = as.officer;
  const q = new URLSearchParams({ name: '执法记录仪-长.mp4', stage: 'clue', kind: 'video' });
  const zeros = Buffer.alloc(MIB);
  const first = Buffer.concat([MP4, zeros.subarray(MP4.length)]);
  const h = { sha256: crypto.createHash('sha256'), sm3: crypto.createHash('sm3') };
  return new Promise((resolve, reject) => {
    const req = http.request(`${srv.base}${base()}?${q}`, {
      method: 'POST',
      headers: { Cookie: c.cookie, 'X-CSRF-Token': c.csrf, 'Content-Type': 'video/mp4', 'Content-Length': total },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text),
        sha256: h.sha256.digest('hex'), sm3: h.sm3.digest('hex') }));
    });
    req.on('error', (e) => (abortAfter < total ? resolve({ aborted: true }) : reject(e)));
    (async () => {
      for (let sent = 0; sent < total;) {
        if (sent >= abortAfter) {
          await onAbort?.(sent);
          req.destroy();
          return;
        }
        const chunk = (sent === 0 ? first : zeros).subarray(0, Math.min(MIB, total - sent));
        h.sha256.update(chunk);
        h.sm3.update(chunk);
        sent += chunk.length;
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      }
      req.end();
    })().catch(reject);
  });
}

test('a 150 MiB video streams to disk: the server stays under 64 MiB of memory and stores the right bytes', async () => {
  const total = 150 * MIB;
  const pid = srv.proc.pid;
  // the reset worked: the peak is the current RSS again, not the logins' argon2 peak (tens of MiB
  // above). Both from one read of the status file; the kernel keeps RSS in per-CPU batched counters
  // (mm_struct's percpu rss_stat), and the server's threads (a PostgreSQL connection's buffers) move
  // it just after a reset, so the two agree to within that slack, not to the KiB.
  resetPeakRss(pid);
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const [start, hwm] = ['VmRSS', 'VmHWM'].map((f) => Number(new RegExp(`${f}:\\s+(\\d+) kB`).exec(status)[1]));
  assert.ok(hwm >= start && hwm - start < 1024, `after the reset the peak is ${hwm} KiB, the RSS ${start} KiB`);
  const r = await streamVideo(total);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.mime, 'video/mp4');
  assert.equal(r.body.size, total);
  assert.equal(r.body.sha256, r.sha256);
  assert.equal(r.body.sm3, r.sm3);
  assert.equal(fs.statSync(path.join(`${db}.files`, r.sm3)).size, total);
  assert.deepEqual(tempFiles(), []);
  const peak = statusKiB(pid, 'VmHWM');
  assert.ok(peak - start < 8 * 1024, `the upload took ${peak - start} KiB more (from ${start} KiB)`);
  // under `make asan` the shadow memory and the allocator's quarantine put the server at ~100 MiB
  // before any upload: there only the growth above is the upload's
  // Pages mapped from files (the binary, and the fonts mapped once a 执法文书 has been drawn, ~14
  // MiB) count in the peak but are the page cache's, shared and evictable: the server's own memory
  // is the peak less them (they stay mapped, so the count at the end is at least the one at the peak).
  if (!process.env.ASAN_OPTIONS) {
    const own = peak - statusKiB(pid, 'RssFile');
    assert.ok(own < 64 * 1024, `server peak RSS ${peak} KiB, ${own} KiB of it not mapped from files`);
  }
  // the same video again: stored once, the second temp file removed
  const again = await streamVideo(total);
  assert.equal(again.status, 201);
  assert.equal(again.body.sm3, r.sm3);
  assert.deepEqual(tempFiles(), []);
});

test('an upload the client abandons half-way leaves no temp file and no row', async () => {
  const before = (await list()).body.items.length;
  let seen = [], atAbort = 0;
  const onDisk = () => seen.reduce((n, f) => n + fs.statSync(path.join(`${db}.files`, f)).size, 0);
  const r = await streamVideo(100 * MIB, {
    abortAfter: 40 * MIB,
    // the client goes once all it sent is on disk, in the temp file. (Bytes still in flight when it
    // goes make libmicrohttpd 0.9.75's epoll loop miss the close: the file then goes at the
    // connection timeout, 30 s, not at once.)
    onAbort: async (sent) => {
      for (let i = 0; i < 500 && !((seen = tempFiles()).length === 1 && onDisk() === sent); i++)
        await new Promise((ok) => setTimeout(ok, 20));
      atAbort = onDisk();
    },
  });
  assert.ok(r.aborted);
  assert.equal(seen.length, 1, 'a temp file while the body arrives');
  assert.match(seen[0], /^\.upload-/);
  assert.equal(atAbort, 40 * MIB);
  for (let i = 0; i < 250 && tempFiles().length; i++) await new Promise((ok) => setTimeout(ok, 20));
  assert.deepEqual(tempFiles(), []);
  assert.equal((await list()).body.items.length, before);
});

test('zhifa verify passes with the uploads, their events carry both digests, and a changed file is caught', async () => {
  await srv.stop();
  srv = null;
  const v = run(['--db', db, 'verify']);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  // each upload is an attachment.add event in the log, carrying both digests
  const rows = dbQuery(db, "SELECT body FROM ledger_events WHERE type = 'attachment.add'")
    .trim().split('\n').map((l) => JSON.parse(l).data);
  const logged = rows.find((d) => d.sm3 === sm3(PDF));
  assert.equal(logged.sha256, sha256(PDF));
  assert.equal(logged.case_no, caseNo);
  assert.equal(logged.media_type, 'application/pdf');
  const stored = dbQuery(db, 'SELECT count(*) FROM case_attachments').trim();
  assert.equal(rows.length, Number(stored));
  // the dossier carries the files
  const zip = path.join(path.dirname(db), 'd.zip');
  assert.equal(run(['--db', db, 'dossier', '--case', caseNo, '--out', zip]).code, 0);
  const manifest = JSON.parse(spawnSync('unzip', ['-p', zip, 'manifest.json'], { encoding: 'utf8' }).stdout);
  assert.ok(manifest.attachments.some((a) => a.sm3 === sm3(MP4)));
  // rows are append-only
  assert.throws(() => dbExec(db, 'DELETE FROM case_attachments'), /append-only/);
  // a row edited behind the triggers' back, or removed, no longer matches the log (PostgreSQL: one
  // trigger guards both)
  const [noUpdate, noDelete] = backend === 'pg'
    ? ['DROP TRIGGER case_attachments_append_only ON case_attachments;', '']
    : ['DROP TRIGGER case_attachments_no_update;', 'DROP TRIGGER case_attachments_no_delete;'];
  dbExec(db, `${noUpdate} UPDATE case_attachments SET name = 'innocent.pdf' WHERE id = 2`);
  let tampered = run(['--db', db, 'verify']);
  assert.notEqual(tampered.code, 0);
  assert.match(tampered.stdout, /attachment_row_changed .*附件 #2 的文件名/);
  dbExec(db, `${noDelete} DELETE FROM case_attachments WHERE id = 3`);
  tampered = run(['--db', db, 'verify']);
  assert.match(tampered.stdout, /attachment_row_missing/);
  const target = path.join(`${db}.files`, sm3(PDF));
  fs.appendFileSync(target, 'tampered');
  const bad = run(['--db', db, 'verify']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stdout + bad.stderr, /attachment_changed/);
});

test("a crash's stale upload temp file is removed when the server starts; a recent one is left", async () => {
  const dir = `${db}.files`;
  const stale = path.join(dir, '.upload-crash1'), recent = path.join(dir, '.upload-recent'), tmp = path.join(dir, '.tmp-other');
  for (const f of [stale, recent, tmp]) fs.writeFileSync(f, 'partial');
  const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
  fs.utimesSync(stale, twoHoursAgo, twoHoursAgo);
  fs.utimesSync(tmp, twoHoursAgo, twoHoursAgo); // not an upload's: someone else's to clean
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  assert.equal(fs.existsSync(stale), false);
  assert.equal(fs.existsSync(recent), true);
  assert.equal(fs.existsSync(tmp), true);
  assert.match(srv.stderr(), /"event":"upload_sweep".*removed 1 stale/);
  for (const f of [recent, tmp]) fs.unlinkSync(f);
});
