// 电子印章 and 文书核验 (docs/documents.md, issue 17): a PDF written by cairo is sealed with a demo
// agency's key (zhifa ca sign, what app_seal_pdf does for every document) and checked by
// `zhifa verify-doc`, by the portal's API, and by the plain openssl commands of docs/documents.md
// run exactly as written there. The expected signer comes from data/demo, not from the program.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { run, tmpDir, startServer, repoRoot, dbExec, hasChinese } from './lib/zhifa.mjs';

const demoAgencies = fs.readFileSync(path.join(repoRoot, 'data/demo/demo.jsonl'), 'utf8').split('\n')
  .filter((l) => l.includes('"type":"agency"')).map((l) => JSON.parse(l));
const AGENCY = demoAgencies[0];

let dir, db, srv, sealed, sealedB;

// A 3-page PDF as cairo writes it: a hand-made one re-rendered by poppler's cairo backend.
function cairoPdf(file, pages = 3) {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${3 + 2 * i} 0 R`).join(' ')}] /Count ${pages} >>`];
  const font = 3 + 2 * pages;
  for (let i = 0; i < pages; i++) {
    const s = `BT /F1 24 Tf 72 720 Td (Page ${i + 1} of the decision) Tj ET`;
    objs.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${4 + 2 * i} 0 R >>`);
    objs.push(`<< /Length ${s.length} >>\nstream\n${s}\nendstream`);
  }
  objs.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  let out = '%PDF-1.4\n';
  const offsets = objs.map((o, i) => { const at = out.length; out += `${i + 1} 0 obj\n${o}\nendobj\n`; return at; });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const plain = `${file}.plain.pdf`;
  fs.writeFileSync(plain, out);
  const r = spawnSync('pdftocairo', ['-pdf', plain, file]);
  assert.equal(r.status, 0, String(r.stderr));
  assert.match(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout, /Producer:\s+cairo/);
}

const verify = (file, ...args) => run(['--db', db, 'verify-doc', file, ...args]);

before(async () => {
  dir = tmpDir();
  db = path.join(dir, 'seal.db');
  const init = run(['--db', db, 'init', '--demo'], { timeout: 120000 });
  assert.equal(init.code, 0, init.stderr);
  assert.match(init.stdout, new RegExp(`电子印章：已建立根证书，为 ${demoAgencies.length} 个执法主体签发了证书`));
  const input = path.join(dir, 'decision.pdf');
  cairoPdf(input);
  sealed = path.join(dir, 'sealed.pdf');
  sealedB = path.join(dir, 'sealed-b.pdf');
  for (const [out, doc] of [[sealed, 'DOC-1'], [sealedB, 'DOC-2']]) {
    const r = run(['--db', db, 'ca', 'sign', '--agency', AGENCY.code, '--doc', doc, input, out]);
    assert.equal(r.code, 0, r.stderr);
  }
  srv = await startServer({ db });
});

after(async () => { await srv?.stop(); });

test('ca: root and agency keys beside the database, owner only, never overwritten', () => {
  const ca = `${db}.ca`;
  assert.equal(fs.statSync(ca).mode & 0o777, 0o700);
  for (const f of fs.readdirSync(ca)) assert.equal(fs.statSync(path.join(ca, f)).mode & 0o077, 0, f);
  for (const a of demoAgencies) {
    assert.ok(fs.existsSync(path.join(ca, `agency-${a.code}.key`)), a.code);
    const subject = spawnSync('openssl', ['x509', '-in', path.join(ca, `agency-${a.code}.crt`), '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus'], { encoding: 'utf8' }).stdout;
    assert.equal(subject.trim(), `subject=CN=${a.name},organizationIdentifier=${a.code}`);
  }
  const again = run(['--db', db, 'ca', 'issue', '--agency', AGENCY.code]);
  assert.equal(again.code, 1);
  assert.ok(hasChinese(again.stderr));
  assert.equal(run(['--db', db, 'ca', 'init']).code, 0); // keeps the root
  assert.match(run(['--db', db, 'ca', 'root']).stdout, /^-----BEGIN CERTIFICATE-----/);
});

test('the sealed PDF is still a PDF: the original bytes first, readable by poppler', () => {
  const orig = fs.readFileSync(path.join(dir, 'decision.pdf')), s = fs.readFileSync(sealed);
  assert.ok(s.subarray(0, orig.length).equals(orig), 'an incremental update only appends');
  const info = spawnSync('pdfinfo', [sealed], { encoding: 'utf8' });
  assert.equal(info.status, 0, info.stderr);
  assert.match(info.stdout, /Pages:\s+3/);
  assert.match(spawnSync('pdftotext', [sealed, '-'], { encoding: 'utf8' }).stdout, /of the decision/);
  assert.match(spawnSync('pdfsig', [sealed], { encoding: 'utf8' }).stdout, /Signature Field Name: zhifa-seal/);
});

test('verify-doc: ✓ with the signer and the time on the original', () => {
  const before = Date.now();
  const r = verify(sealed, '--doc', 'DOC-1');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /✓/);
  assert.ok(r.stdout.includes(`盖章机关：${AGENCY.name}（${AGENCY.code}）`), r.stdout);
  const at = /(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)/.exec(r.stdout);
  assert.ok(at, r.stdout);
  assert.ok(Math.abs(Date.parse(at[1]) - before) < 10 * 60 * 1000, 'signed minutes ago');
});

test('verify-doc: ✗ on one byte changed, a moved signature, another document or another root', () => {
  const bytes = fs.readFileSync(sealed);
  const changed = Buffer.from(bytes);
  changed[200] ^= 0x01;
  const bad = path.join(dir, 'changed.pdf');
  fs.writeFileSync(bad, changed);
  let r = verify(bad);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /✗ .*摘要/);

  // the signature of DOC-1 put into the DOC-2 copy, at the same place
  const contents = (b) => {
    const [, a, e] = /\/ByteRange \[0 (\d+) +(\d+)/.exec(b.toString('latin1')).map(Number);
    return [a, e];
  };
  const [a1, e1] = contents(bytes), b = fs.readFileSync(sealedB), [a2, e2] = contents(b);
  assert.equal(e1 - a1, e2 - a2);
  bytes.copy(b, a2, a1, e1);
  const moved = path.join(dir, 'moved.pdf');
  fs.writeFileSync(moved, b);
  r = verify(moved);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /✗/);

  r = verify(sealed, '--doc', 'DOC-2');
  assert.equal(r.code, 1);
  assert.match(r.stdout, /✗ 印章所属文书与要核验的文书不一致/);

  const otherDb = path.join(tmpDir(), 'other.db');
  assert.equal(run(['--db', otherDb, 'init']).code, 0);
  assert.equal(run(['--db', otherDb, 'ca', 'init']).code, 0);
  r = run(['--db', otherDb, 'verify-doc', sealed]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /✗ 印章证书不是本系统根证书签发的/);

  r = verify(path.join(dir, 'decision.pdf'));
  assert.equal(r.code, 1);
  assert.match(r.stdout, /✗ 文件中没有本系统的电子印章/);
  const appended = path.join(dir, 'appended.pdf');
  fs.writeFileSync(appended, Buffer.concat([fs.readFileSync(sealed), Buffer.from('\n% more\n')]));
  r = verify(appended);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /✗ 签名范围未覆盖整个文件/);
});

test('docs/documents.md: the openssl commands, run as written, check the sealed file', () => {
  const doc = fs.readFileSync(path.join(repoRoot, 'docs/documents.md'), 'utf8');
  const block = /### Checking a sealed document with the plain openssl command line[\s\S]*?```sh\n([\s\S]*?)```/.exec(doc)[1];
  const work = tmpDir();
  fs.copyFileSync(sealed, path.join(work, 'doc.pdf'));
  fs.copyFileSync(`${db}.ca/root.crt`, path.join(work, 'root.crt'));
  const r = spawnSync('bash', ['-e', '-c', block], { cwd: work, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /byte range covers the file/);
  const sealedDigest = /sealed digest: +([0-9a-f]{64})/.exec(r.stdout)[1];
  assert.equal(/computed digest: +([0-9a-f]{64})/.exec(r.stdout)[1], sealedDigest);
  // an independent SM3 of the byte range, by node's OpenSSL
  const [a, e] = /\/ByteRange \[0 (\d+) +(\d+)/.exec(fs.readFileSync(sealed, 'latin1')).slice(1).map(Number);
  const bytes = fs.readFileSync(sealed);
  if (crypto.getHashes().includes('sm3')) // node's own OpenSSL, when it has SM3
    assert.equal(sealedDigest, crypto.createHash('sm3').update(bytes.subarray(0, a)).update(bytes.subarray(e)).digest('hex'));
  assert.ok(r.stdout.includes(`subject=CN=${AGENCY.name},organizationIdentifier=${AGENCY.code}`), r.stdout);
  assert.match(r.stdout, /Signature Verified Successfully/);
  assert.match(r.stdout, /cert\.pem: OK/);
  assert.match(r.stdout, /\/ZhifaDocument \(DOC-1\)/);

  // the same commands on a changed copy: the digests differ and the signature fails
  const changed = Buffer.from(bytes);
  changed[100] ^= 0x01;
  fs.writeFileSync(path.join(work, 'doc.pdf'), changed);
  const bad = spawnSync('bash', ['-c', block], { cwd: work, encoding: 'utf8' });
  assert.match(bad.stdout, /Signature Verification Failure/);
});

const upload = (body, query = '', headers = {}) =>
  fetch(`${srv.base}/api/v1/public/documents/verify${query}`, { method: 'POST', body, headers: { 'Content-Type': 'application/pdf', ...headers } })
    .then(async (r) => ({ status: r.status, body: await r.json() }));

test('POST /public/documents/verify: who sealed it, when, ✓ or the failed check in Chinese — anonymous', async () => {
  let r = await upload(fs.readFileSync(sealed), '?doc=DOC-1');
  assert.equal(r.status, 200);
  assert.equal(r.body.ok, true);
  assert.equal(r.body.agency_name, AGENCY.name);
  assert.equal(r.body.agency_code, AGENCY.code);
  assert.equal(r.body.document, 'DOC-1');
  assert.match(r.body.signed_at_text, /^\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d:\d\d（北京时间）$/);

  const changed = fs.readFileSync(sealed);
  changed[300] ^= 0x01;
  r = await upload(changed);
  assert.equal(r.body.ok, false);
  assert.equal(r.body.check, 'digest_mismatch');
  assert.ok(hasChinese(r.body.message));

  r = await upload(fs.readFileSync(sealed), '?doc=DOC-9');
  assert.equal(r.body.ok, false);
  assert.equal(r.body.check, 'document_mismatch');

  r = await upload(Buffer.from('not a pdf'));
  assert.equal(r.body.check, 'no_signature');
  r = await upload(fs.readFileSync(sealed), '?doc=%3Cscript%3E');
  assert.equal(r.status, 400);
  assert.ok(hasChinese(r.body.error?.message ?? r.body.message ?? JSON.stringify(r.body)));

  const root = await (await fetch(`${srv.base}/api/v1/public/documents/root-cert`)).json();
  assert.equal(root.pem, fs.readFileSync(`${db}.ca/root.crt`, 'utf8'));
});

test('POST /public/documents/verify: limited per address and hour (portal_verifies_per_hour)', async () => {
  dbExec(db, "INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES ('portal_verifies_per_hour', '2', '文书核验：同一地址每小时可核验的次数', 'integer', 1, 9999, '本地规定') "
    + 'ON CONFLICT (name) DO UPDATE SET value = excluded.value, description = excluded.description, kind = excluded.kind, '
    + 'min_value = excluded.min_value, max_value = excluded.max_value, basis = excluded.basis');
  const h = { 'X-Forwarded-For': '203.0.113.9' };
  const body = fs.readFileSync(sealed);
  const codes = [];
  for (let i = 0; i < 3; i++) codes.push((await upload(body, '', h)).status);
  assert.deepEqual(codes, [200, 200, 429]);
});
