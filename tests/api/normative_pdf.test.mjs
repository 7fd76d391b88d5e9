// 规范性文件备案审查, issue 25: a full text uploaded as PDF has its text read (docs/normative-docs.md,
// util/pdf_text.c) and the public register then finds it. The PDFs are written here by hand
// (ISO 32000-1 §7.5: header, objects, a cross-reference table of byte offsets, trailer), one page
// with a Helvetica text object — not with the product's renderer. A damaged PDF and a page with
// no text layer (a scan) are refused with 422 in Chinese, and the server still answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, hasChinese } from './lib/zhifa.mjs';
import { todayChina } from './lib/calendar.mjs';

const A1 = '113702021588139920'; // 市南区市场监督管理局 (370202)
const TODAY = todayChina();
const YEAR = Number(TODAY.slice(0, 4));
let srv;
const as = {};
const iso = (t) => new Date(t).toISOString().slice(0, 10);
const plusDays = (d, n) => iso(Date.parse(`${d}T00:00:00Z`) + n * 86400000);

before(async () => {
  const db = path.join(tmpDir(), 'normative_pdf.db');
  assert.equal(run(['--db', db, 'init', '--demo'], { timeout: 120000 }).code, 0);
  const users = [
    addUser(db, { username: 'p_head', role: 'agency_head', agency: A1 }),
    addUser(db, { username: 'p_clerk', role: 'norm_clerk', region: '370200' }),
  ];
  srv = await startServer({ db });
  for (const u of users) {
    const c = await login(srv.base, u.username, u.password);
    assert.equal(c.status, 200, JSON.stringify(c.body));
    as[u.username] = c;
  }
});

after(async () => { if (srv) await srv.stop(); });

let serial = 0;
async function file(extra = {}) {
  serial++;
  const r = await as.p_head.send('POST', '/normative-docs', {
    title: `关于规范非机动车停放的通知（第${serial}号）`, issuer: A1, doc_no: `南市监规〔${YEAR}〕${300 + serial}号`,
    signed_on: plusDays(TODAY, -3), published_on: plusDays(TODAY, -2), effective_on: plusDays(TODAY, 28), ...extra,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}
const act = (who, id, body) => as[who].send('POST', `/normative-docs/${id}/actions`, body);
const upload = (c, id, body, name) => c.raw(`/api/v1/normative-docs/${id}/file?name=${encodeURIComponent(name)}`, {
  method: 'POST', body, headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': c.csrf },
});

// A one-page PDF whose page content stream is `content`, offsets counted in bytes.
function pdf(content) {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = objs.map((o, i) => {
    const at = Buffer.byteLength(out);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) out += `${String(at).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

test('a PDF full text: its text layer becomes the text and the public register finds it', async () => {
  const d = await file({ text: undefined });
  const up = await upload(as.p_head, d.id, pdf('BT /F1 12 Tf 72 760 Td (Article 1 Tandem bicycles park on the kerbside) Tj ET'), '停放规定.pdf');
  assert.equal(up.status, 201, await up.clone().text());
  const doc = await up.json();
  assert.match(doc.text, /Article 1 Tandem bicycles park on the kerbside/);
  assert.equal(doc.file.media_type, 'application/pdf');
  assert.equal(doc.file.text_extracted, true);
  assert.equal((await act('p_clerk', d.id, { action: 'register' })).status, 200);
  assert.equal((await act('p_clerk', d.id, { action: 'publish' })).status, 200);
  const hits = await fetch(`${srv.base}/api/v1/public/normative-docs?q=${encodeURIComponent('kerbside')}`).then((r) => r.json());
  assert.deepEqual(hits.items.map((i) => i.id), [d.id]);
});

test('a damaged PDF and a scan without text are 422 in Chinese; the typed text stays and the server answers', async () => {
  const typed = '第一条 非机动车应当在划定区域停放。';
  const d = await file({ text: typed });
  const damaged = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('00ff13a7c4e2', 'hex'), Buffer.alloc(200, 0x5a)]);
  const bad = await upload(as.p_head, d.id, damaged, '损坏.pdf');
  assert.equal(bad.status, 422);
  const badMsg = (await bad.json()).error.message;
  assert.ok(badMsg.includes('无法读取该 PDF 的文字'), badMsg);
  assert.equal((await fetch(`${srv.base}/api/v1/healthz`)).status, 200);
  const scan = await upload(as.p_head, d.id, pdf('0 0 1 rg 72 72 300 300 re f'), '扫描件.pdf');
  assert.equal(scan.status, 422);
  const scanMsg = (await scan.json()).error.message;
  assert.ok(hasChinese(scanMsg) && scanMsg.includes('请上传含文字的 PDF 或 Word 文件'), scanMsg);
  const now = await as.p_clerk.get(`/normative-docs/${d.id}`);
  assert.equal(now.status, 200);
  assert.equal(now.body.text, typed);
  assert.equal(now.body.file, undefined);
});
