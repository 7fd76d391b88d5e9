// 执法文书 (issue 17, docs/documents.md): every template rendered from a demo case to a real A4 PDF,
// read back with poppler's pdftotext for every expected string (names, 文号, amounts in figures and in
// 大写, article texts quoted from the law library, dates as 2026年5月20日, rare characters), pdffonts
// for embedded fonts only, zbarimg for the QR code's verify URL; versions (a correction keeps v1);
// the workflow issuing a stage's document; data scope; zhifa document on the command line.
// Expectations come from the record, the statute files and the rules of 大写, never from the program.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { run, tmpDir, startServer, addUser, login, client, dbQuery, repoRoot } from './lib/zhifa.mjs';
import { addWd, todayChina } from './lib/calendar.mjs';

const AGENCY = '113702021588139920';
const OTHER = '11370203869879736T';
const SHOWCASE = '线索-113702021588139920-12'; // closed; party 青岛龘鑫面粉加工有限公司
const USERS = {
  officer: { username: 'd_officer', role: 'officer', agency: AGENCY },
  other: { username: 'd_other', role: 'officer', agency: OTHER },
  supervisor: { username: 'd_sup', role: 'supervisor', region: '370200' },
};
const enc = encodeURIComponent;
let srv, db, dir;
const as = {};

before(async () => {
  dir = tmpDir();
  db = path.join(dir, 'documents.db');
  assert.equal(run(['--db', db, 'init', '--demo'], { timeout: 120000 }).code, 0);
  for (const u of Object.values(USERS)) addUser(db, u);
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(USERS)) as[k] = await login(srv.base, u.username, `Zf-${u.username}-Pass-2026`);
  as.anonymous = client(srv.base);
});
after(() => srv?.stop());

const record = (caseNo) => JSON.parse(dbQuery(db, `SELECT body FROM cases WHERE case_no = '${caseNo}'`));
/** 2026-05-20 → 2026年5月20日 (GB/T 9704: Arabic numerals, no leading zeros). */
const cnDate = (iso) => { const [y, m, d] = iso.split('-').map(Number); return `${y}年${m}月${d}日`; };
/** pdftotext's words joined: lines break anywhere in Chinese text, so compare without whitespace. */
const flat = (s) => s.replace(/\s+/g, '');

async function fetchPdf(who, url) {
  const r = await as[who].raw(url);
  assert.equal(r.status, 200, url);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const bytes = Buffer.from(await r.arrayBuffer());
  const file = path.join(dir, `${crypto.randomUUID()}.pdf`);
  fs.writeFileSync(file, bytes);
  return { file, bytes, disposition: r.headers.get('content-disposition'), headers: r.headers };
}
const pdftotext = (file) => spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout;

function fontsEmbedded(file) {
  const out = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout.trim().split('\n').slice(2);
  assert.ok(out.length > 0, 'the PDF names its fonts');
  for (const line of out) {
    const cols = line.trim().split(/\s+/);
    assert.equal(cols[cols.length - 5], 'yes', `embedded: ${line}`); // emb sub uni object ID
    assert.doesNotMatch(line, /Noto/i);
  }
}

/** The text of an article as the statute file holds it (its first paragraph), to find quoted. */
function article(file, label) {
  const text = fs.readFileSync(path.join(repoRoot, 'data/laws', file), 'utf8');
  const at = text.indexOf(`\n${label} `);
  assert.ok(at >= 0, label);
  return text.slice(at + label.length + 2).split('\n')[0];
}

async function list(caseNo, who = 'officer') {
  const r = await as[who].get(`/cases/${enc(caseNo)}/documents`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.items;
}
async function latest(caseNo, kind) {
  const items = (await list(caseNo)).filter((d) => d.kind === kind);
  if (items.length) return items[items.length - 1];
  const r = await as.officer.send('POST', `/cases/${enc(caseNo)}/documents`, { kind });
  assert.equal(r.status, 201, `${kind}: ${JSON.stringify(r.body)}`);
  return (await list(caseNo)).find((d) => d.id === r.body.id);
}

test('the demo\'s decided cases carry their documents: version, digest, a download link', async () => {
  const items = await list(SHOWCASE);
  const kinds = items.map((d) => d.kind);
  for (const k of ['filing', 'notice', 'decision', 'delivery_receipt', 'closing']) assert.ok(kinds.includes(k), k);
  for (const d of items) {
    assert.equal(d.version, 1);
    assert.match(d.digest, /^[0-9a-f]{64}$/);
    assert.equal(d.download, `/api/v1/cases/${SHOWCASE}/documents/${d.id}`);
    assert.ok(d.kind_name && /[\u4e00-\u9fff]/.test(d.kind_name), d.kind_name);
  }
  const stored = await fetchPdf('officer', items.find((d) => d.kind === 'decision').download);
  assert.equal(crypto.createHash('sm3').update(stored.bytes).digest('hex'), items.find((d) => d.kind === 'decision').digest);
  const dicts = (await as.officer.get('/dicts')).body;
  assert.ok(dicts.document_kinds.some((k) => k.code === 'decision' && k.name === '行政处罚决定书'));
});

test('行政处罚决定书: every fact of the record, the fine in figures and 大写, the articles quoted, remedies, fonts, QR', async () => {
  const rec = record(SHOWCASE);
  const doc = await latest(SHOWCASE, 'decision');
  const { file, disposition, headers } = await fetchPdf('officer', doc.download);
  assert.match(disposition, /^inline/);
  // the console previews it in a frame of its own page: same origin only
  assert.match(headers.get('content-security-policy'), /frame-ancestors 'self'/);
  assert.equal(headers.get('x-frame-options'), 'SAMEORIGIN');
  const text = flat(pdftotext(file));
  assert.equal(rec.party.name, '青岛龘鑫面粉加工有限公司');
  assert.equal(rec.decision.fine, 20000);
  const want = ['行政处罚决定书', '青岛市市南区市场监督管理局', '南市监处罚〔2026〕18号', rec.party.name, rec.party.id_no,
    rec.facts, ...rec.evidence.map((e) => e.name), '《中华人民共和国食品安全法》第三十四条第（二）项',
    '20,000.00', '贰万元整', // ¥20,000.00 in capitals: 贰万 + 元 + 整 (nothing after 元)
    '十五日内'.replace('十五', '15'), cnDate(rec.decided_on), '六十日内', '六个月内',
    '市南区人民政府', '市南区人民法院', // the agency's region (370202 市南区) named in the settings' pattern
    '龘', '罰', '涉', '扣', '遴', '— 1 —', '— 2 —'];
  for (const s of want) assert.ok(text.includes(flat(s)), `missing: ${s}`);
  // 行政处罚法 72 quoted from the law library, word for word
  assert.ok(text.includes(flat(article('行政处罚法(2021-01-22).md', '第七十二条'))), 'article 72 quoted');
  fontsEmbedded(file);
  // the QR code of page 1 decodes to the verify URL of this document
  spawnSync('pdftoppm', ['-r', '200', '-f', '1', '-l', '1', '-png', file, path.join(dir, 'qr')]);
  const png = fs.readdirSync(dir).find((f) => f.startsWith('qr') && f.endsWith('.png'));
  const z = spawnSync('zbarimg', ['-q', '--raw', path.join(dir, png)], { encoding: 'utf8' });
  assert.equal(z.stdout.trim(), `http://127.0.0.1:8080/portal/verify?doc=${doc.id}`);
});

test('事先告知书: 陈述申辩 and 听证 rights with deadlines five working days after the notice (行政处罚法 64, 85)', async () => {
  const rec = record(SHOWCASE);
  assert.equal(rec.hearing_right_notified, true);
  const { file } = await fetchPdf('officer', (await latest(SHOWCASE, 'notice')).download);
  const text = flat(pdftotext(file));
  const until = cnDate(addWd(rec.notified_on, 5));
  for (const s of ['行政处罚事先告知书', `${rec.party.name}：`, '陈述、申辩权利', '听证权利', until, '南市监立〔2026〕10号',
    '罚款人民币20,000.00元（大写：贰万元整）', cnDate(rec.notified_on)])
    assert.ok(text.includes(flat(s)), `missing: ${s}`);
  fontsEmbedded(file);
});

test('every template renders from a demo case, with its title, its number and the party', async () => {
  // the collective discussion recorded on the case at that stage issues its 集体讨论记录 (the workflow)
  const collectiveCase = '线索-113702021588139920-8';
  const step = await as.officer.send('POST', `/workflow/cases/${enc(collectiveCase)}/actions`,
    { action: 'record', fields: { collective_discussion_on: todayChina() } });
  assert.equal(step.status, 200, JSON.stringify(step.body));
  assert.ok((await list(collectiveCase)).some((d) => d.kind === 'collective'), 'issued by the workflow step');

  const caseOf = { reminder: '线索-113702021588139920-10', legal_review: collectiveCase, collective: collectiveCase,
    hearing_notice: '线索-113702021588139920-6', hearing_record: '线索-113702021588139920-6' };
  // the penalty case's templates (the other case kinds', orders' and review plans' have their own
  // tests: documents_kinds.test.mjs, documents_orders.test.mjs)
  const kinds = (await as.officer.get('/dicts')).body.document_kinds.filter((k) => k.subject === 'case' && k.case_kind === 'penalty');
  assert.ok(kinds.length >= 12);
  for (const { code, name } of kinds) {
    const caseNo = caseOf[code] || SHOWCASE;
    const rec = record(caseNo);
    const doc = await latest(caseNo, code);
    const { file } = await fetchPdf('officer', doc.download);
    const text = flat(pdftotext(file));
    const number = code === 'decision' ? rec.decision.doc_no : rec.filing_no;
    for (const s of [name, number, rec.party.name, '青岛市市南区市场监督管理局'])
      assert.ok(text.includes(flat(s)), `${code}: missing ${s}`);
    fontsEmbedded(file);
  }
  const reminder = flat(pdftotext((await fetchPdf('officer', (await latest(caseOf.reminder, 'reminder')).download)).file));
  const rec = record(caseOf.reminder);
  assert.equal(rec.decision.fine, 10000);
  for (const s of ['10,000.00', '壹万元整', rec.decision.doc_no, cnDate(rec.decided_on)]) assert.ok(reminder.includes(flat(s)), s);
});

test('a correction is version 2 with its reason; version 1 stays as it was', async () => {
  const v1 = await latest(SHOWCASE, 'decision');
  const before = (await fetchPdf('officer', v1.download)).bytes;
  const noReason = await as.officer.send('POST', `/cases/${enc(SHOWCASE)}/documents`, { kind: 'decision' });
  assert.equal(noReason.status, 422);
  assert.match(noReason.body.error.message, /理由/);
  const v2 = await as.officer.send('POST', `/cases/${enc(SHOWCASE)}/documents`, { kind: 'decision', reason: '更正当事人住所' });
  assert.equal(v2.status, 201, JSON.stringify(v2.body));
  assert.equal(v2.body.version, v1.version + 1);
  const versions = (await list(SHOWCASE)).filter((d) => d.kind === 'decision');
  assert.deepEqual(versions.map((d) => d.version), [1, 2]);
  assert.equal(versions[1].reason, '更正当事人住所');
  assert.deepEqual(versions.map((d) => d.latest), [false, true]);
  const again = (await fetchPdf('officer', v1.download)).bytes;
  assert.ok(again.equals(before), 'v1 unchanged');
  assert.equal(dbQuery(db, `SELECT count(*) FROM ledger_events WHERE type = 'document.issue' AND subject = '${SHOWCASE}'`).trim(),
    String((await list(SHOWCASE)).length));
  // 打印全部: one PDF, every kind's latest version, from a new page each
  const all = await fetchPdf('officer', `/api/v1/cases/${enc(SHOWCASE)}/documents/print`);
  const text = flat(pdftotext(all.file));
  const order = ['立案审批表', '行政处罚事先告知书', '行政处罚决定书', '送达回证', '结案审批表'].map((t) => text.indexOf(t));
  assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1])), `stage order: ${order}`);
});

test('data scope: another agency sees no documents and issues none; an id of another case is not found', async () => {
  assert.equal((await as.other.get(`/cases/${enc(SHOWCASE)}/documents`)).status, 404);
  const doc = await latest(SHOWCASE, 'decision');
  assert.equal((await as.other.raw(doc.download)).status, 404);
  assert.equal((await as.other.send('POST', `/cases/${enc(SHOWCASE)}/documents`, { kind: 'decision', reason: 'x' })).status, 404);
  // the supervisor reads (scope 370200) but does not write into the case's file
  assert.equal((await as.supervisor.get(`/cases/${enc(SHOWCASE)}/documents`)).status, 200);
  const other = (await list('线索-113702021588139920-13'))[0];
  assert.equal((await as.officer.raw(`/api/v1/cases/${enc(SHOWCASE)}/documents/${other.id}`)).status, 404);
  assert.equal((await as.anonymous.get(`/cases/${enc(SHOWCASE)}/documents`)).status, 401);
  const unknown = await as.officer.send('POST', `/cases/${enc(SHOWCASE)}/documents`, { kind: '../etc' });
  assert.equal(unknown.status, 404);
});

test('zhifa document writes the case\'s document as stored, or issues it when the case has none', () => {
  const out = path.join(dir, 'cli.pdf');
  const r = run(['--db', db, 'document', '--case', '南市监处罚〔2026〕18号', '--kind', 'decision', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.issued, false);
  assert.equal(crypto.createHash('sm3').update(fs.readFileSync(out)).digest('hex'), j.sm3);
  // an imported decided case has none yet: issued as version 1 from its record
  const imported = path.join(dir, 'imported.pdf');
  const r2 = run(['--db', db, 'document', '--case', '南市监处罚〔2026〕1号', '--kind', 'decision', '--out', imported]);
  assert.equal(r2.code, 0, r2.stderr);
  assert.equal(JSON.parse(r2.stdout).issued, true);
  const text = flat(pdftotext(imported));
  assert.ok(text.includes('南市监处罚〔2026〕1号') && text.includes('20,000.00') && text.includes('贰万元整'));
  assert.equal(run(['--db', db, 'verify']).code, 0);
});

test('the portal checks an issued document against its record: the same file is “as issued”, a changed one names no record', async () => {
  const list = await as.officer.get(`/cases/${enc(SHOWCASE)}/documents`);
  assert.equal(list.status, 200);
  const decision = list.body.items.find((d) => d.kind === 'decision');
  assert.ok(decision, 'the showcase case has its 决定书');
  const row = dbQuery(db, `SELECT doc_no, version, sm3, substr(issued_at, 1, 10) FROM documents WHERE id = ${decision.id}`).split('|');
  const { bytes } = await fetchPdf('officer', `/api/v1/cases/${enc(SHOWCASE)}/documents/${decision.id}`);
  const verify = (body) => as.anonymous.raw(`/api/v1/public/documents/verify?doc=${decision.id}`, {
    method: 'POST', headers: { 'Content-Type': 'application/pdf' }, body,
  }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const ok = await verify(bytes);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.ok, true, JSON.stringify(ok.body));
  assert.equal(ok.body.same_as_issued, true);
  assert.deepEqual([ok.body.expected.doc_no, ok.body.expected.version, ok.body.expected.issued_on], [row[0], Number(row[1]), row[3]]);
  assert.equal(ok.body.expected.kind_name, '行政处罚决定书');
  assert.equal(crypto.createHash('sm3').update(bytes).digest('hex'), row[2]);
  // one byte changed inside the signed range: the seal fails, and the record is not shown
  const changed = Buffer.from(bytes);
  changed[100] ^= 1;
  const bad = await verify(changed);
  assert.equal(bad.status, 200);
  assert.equal(bad.body.ok, false);
  assert.equal(bad.body.expected, undefined);
});
