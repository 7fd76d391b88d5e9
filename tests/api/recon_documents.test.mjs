// The 文书 of 行政复议 (issue 24, docs/reconsideration.md "文书"): each step issues its notice or
// decision, read back here with pdftotext — the 复议机构 (the region's 司法局), the parties, the 文号
// from the organ's own gap-free sequence, the dates the law's periods give (computed here with
// lib/calendar.mjs), the article of 行政复议法 (2023) each cites — sealed (zhifa verify-doc); who
// reads them: the organ's staff of the region, the respondent only those addressed to it, the
// applicant on the portal after the track's identity check; another region's staff get 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';
import { run, tmpDir, startServer, addUser, login, client, dbQuery } from './lib/zhifa.mjs';
import { cnid, uscc } from './lib/codes.mjs';
import { addWd, isWorkday, todayChina } from './lib/calendar.mjs';

/** D + n natural days, rolled forward to a working day (行政复议法 第八十八条第一款). */
function addNd(d, n) {
  let t = Date.parse(`${d}T00:00:00Z`) + n * 86400000;
  const iso = (x) => new Date(x).toISOString().slice(0, 10);
  while (!isWorkday(iso(t))) t += 86400000;
  return iso(t);
}
const cnDate = (iso) => { const [y, m, d] = iso.split('-').map(Number); return `${y}年${m}月${d}日`; };
const flat = (s) => s.replace(/\s+/g, '');

const HD = uscc('11370211MB3000011'); // 370211 黄岛区
const JM = uscc('11370282MB3000012'); // 370282 即墨区
const agencies = [
  { type: 'agency', code: HD, name: '青岛市黄岛区文书测试局', region: '370211', level: 'county', kind: 'department', sector: 'market_regulation' },
  { type: 'agency', code: JM, name: '即墨区文书测试局', region: '370282', level: 'county', kind: 'department', sector: 'transport' },
];
const ISSUER = '黄岛区司法局'; // data/regions.tsv 370211 黄岛区 + 司法局 (the 复议机构)

let srv, db, dir, who = {};
before(async () => {
  dir = tmpDir();
  db = path.join(dir, 'recon-docs.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  assert.equal(run(['--db', db, 'ca', 'init']).code, 0);
  const r = run(['--db', db, 'import', '-'], { input: agencies.map((x) => JSON.stringify(x)).join('\n') + '\n' });
  assert.equal(r.code, 0, r.stderr);
  const users = {
    clerk: { role: 'reconsideration_officer', region: '370200' }, head: { role: 'reconsideration_head', region: '370200' },
    bj: { role: 'reconsideration_officer', region: '110000' }, hd: { role: 'agency_head', agency: HD },
    jm: { role: 'agency_head', agency: JM },
  };
  const made = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, addUser(db, { username: `rd_${k}`, ...u })]));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(made)) who[k] = await login(srv.base, u.username, u.password);
});
after(() => srv?.stop());

let n = 0;
function application(name, extra = {}) {
  n++;
  return {
    applicant: { kind: 'person', name, address: ADDRESS, id_no: cnid(`3702111985030${String(n).padStart(4, '0')}`), phone: `1391234${String(5000 + n)}` },
    respondent: HD, act: { doc_no: `黄岛罚〔2026〕${300 + n}号`, title: '行政处罚决定书', decided_on: '2026-01-10', known_on: '2026-01-20' },
    request: '撤销被申请人作出的行政处罚决定', facts: '被申请人认定事实不清，适用依据错误。', received_on: '2026-02-12',
    procedure: 'ordinary', ...extra,
  };
}
async function apply(name, extra) {
  const body = application(name, extra);
  const r = await who.clerk.send('POST', '/reconsiderations', body);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { ...r.body, applicant: body.applicant };
}
async function ok(as, id, body) {
  const r = await as.send('POST', `/reconsiderations/${id}/actions`, body);
  assert.equal(r.status, 200, `${body.action}: ${JSON.stringify(r.body)}`);
  return r.body;
}
async function docs(as, id) {
  const r = await as.get(`/reconsiderations/${id}/documents`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.items;
}
async function pdfText(c, url) {
  const r = await c.raw(url);
  assert.equal(r.status, 200, url);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const file = path.join(dir, `${crypto.randomUUID()}.pdf`);
  fs.writeFileSync(file, Buffer.from(await r.arrayBuffer()));
  const verified = run(['--db', db, 'verify-doc', file]);
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  assert.match(verified.stdout, new RegExp(ISSUER));
  return flat(spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout);
}
function expectAll(text, strings, what) {
  for (const s of strings) assert.ok(text.includes(flat(s)), `${what}: missing ${s}\n${text}`);
}
const byKind = (items, kind) => items.filter((d) => d.kind === kind);

const EVIDENCE = Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const MATERIAL = Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<</Material 1>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const upload = (c, id, purpose, name, bytes) => c.raw(`/api/v1/reconsiderations/${id}/attachments?name=${encodeURIComponent(name)}&purpose=${purpose}`, {
  method: 'POST', body: bytes, headers: { 'Content-Type': 'application/pdf', 'X-CSRF-Token': c.csrf } });
const sm3 = (b) => crypto.createHash('sm3').update(b).digest('hex');

/** The entries of a zip, read from its central directory (APPNOTE 4.3.12) → {name: bytes}. */
function unzipAll(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = {};
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50);
    const method = buf.readUInt16LE(at + 10), csize = buf.readUInt32LE(at + 20);
    const nlen = buf.readUInt16LE(at + 28), xlen = buf.readUInt16LE(at + 30), clen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nlen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + csize);
    out[name] = method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
    at += 46 + nlen + xlen + clen;
  }
  return out;
}
/** The rows of a sheet of an .xlsx (inline or shared strings), as arrays of cell texts. */
function sheetRows(xlsx, n) {
  const files = unzipAll(xlsx);
  const shared = [...(files['xl/sharedStrings.xml']?.toString('utf8') || '').matchAll(/<si>([\s\S]*?)<\/si>/g)]
    .map((m) => [...m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join(''));
  const xml = files[`xl/worksheets/sheet${n}.xml`].toString('utf8');
  const unescape = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return [...xml.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map((row) => [...row[1].matchAll(/<c([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)]
    .map((c) => {
      const inner = c[2] || '';
      const t = [...inner.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((x) => x[1]).join('');
      if (/t="s"/.test(c[1])) return shared[Number(inner.match(/<v>(\d+)<\/v>/)[1])];
      return unescape(t || (inner.match(/<v>([^<]*)<\/v>/)?.[1] ?? ''));
    }));
}

const ADDRESS = '青岛市黄岛区长江中路88号3单元501室';
const FACTS = `申请人张三丰（住${ADDRESS}，联系电话13912345678，身份证号码370211198503010019）称：被申请人认定事实不清，张三丰并未实施违法行为。`;
let full; // the case taken from application to decision
test('every step issues its 文书: 补正, 受理, 答复通知, 中止, 恢复, 延期, 决定书 — names, dates, articles', async () => {
  const r = await apply('张三丰', { facts: FACTS });
  const id = r.id;
  await ok(who.clerk, id, { action: 'notice_correction', on: '2026-02-13', items: ['申请人身份证明', '行政处罚决定书复印件'] });
  await ok(who.clerk, id, { action: 'correction_received', on: '2026-02-24' });
  await ok(who.clerk, id, { action: 'accept', on: '2026-02-26' });
  await ok(who.clerk, id, { action: 'send_copy', on: '2026-03-02' });
  await ok(who.hd, id, { action: 'answer', on: '2026-03-10', note: '被申请人认为原处罚事实清楚。' });
  assert.equal((await upload(who.hd, id, 'evidence', '处罚案卷.pdf', EVIDENCE)).status, 201);
  await ok(who.clerk, id, { action: 'suspend', on: '2026-03-16', reason: 8 });
  await ok(who.clerk, id, { action: 'resume', on: '2026-03-28' });
  await ok(who.head, id, { action: 'extend', on: '2026-04-01', days: 30, note: '案情复杂，需要进一步调查。' });
  const d = await ok(who.clerk, id, { action: 'decide', on: '2026-04-20', outcome: 'revoke', note: '被申请人认定事实不清，证据不足。' });
  full = { ...r, id };

  const items = await docs(who.clerk, id);
  const kinds = ['recon_correction', 'recon_acceptance', 'recon_answer_notice', 'recon_suspension', 'recon_resumption',
    'recon_extension', 'recon_decision'];
  assert.deepEqual(items.map((x) => x.kind), kinds, 'one each, in the order of the steps');
  // the 文号: the organ's own sequence, gap-free across the case's documents (1, 2, … in order)
  const seqs = items.map((x) => Number(x.doc_no.match(/〔2026〕(\d+)号$/)[1]));
  assert.deepEqual(seqs, seqs.map((_, i) => seqs[0] + i));
  assert.match(items[0].doc_no, /^黄岛政复字〔2026〕\d+号$/);

  const text = {};
  for (const x of items) text[x.kind] = await pdfText(who.clerk, x.download);
  const common = [ISSUER, '张三丰'];
  for (const x of items) expectAll(text[x.kind], [...common, x.doc_no, x.kind_name], x.kind);

  expectAll(text.recon_correction, ['申请人身份证明', '行政处罚决定书复印件', '第三十一条', cnDate('2026-02-13')], '补正');
  expectAll(text.recon_acceptance, ['第三十条', cnDate('2026-02-26'), r.case_no], '受理');
  const answerDue = addWd('2026-03-02', 10); // 第四十八条: 10 working days from the copy
  expectAll(text.recon_answer_notice, ['青岛市黄岛区文书测试局', '第四十八条', cnDate(answerDue)], '答复通知');
  expectAll(text.recon_suspension, ['第三十九条', '第8项', cnDate('2026-03-16')], '中止');
  // 第六十二条 + 第三十九条: 60 days from acceptance, +12 suspended days (resume − suspend)
  expectAll(text.recon_resumption, ['第三十九条', cnDate('2026-03-28'), '中止12日', cnDate(addNd('2026-02-26', 60 + 12))], '恢复');
  const decisionDue = addNd('2026-02-26', 60 + 12 + 30);
  assert.equal(d.deadlines.decision_due_on, decisionDue);
  expectAll(text.recon_extension, ['第六十二条', '延长30日', cnDate(decisionDue), cnDate('2026-04-01')], '延期');
  expectAll(text.recon_decision, ['第六十四条', '撤销被申请人作出的行政处罚决定书', '十五日内', '行政诉讼',
    '被申请人认定事实不清，证据不足。', '青岛市黄岛区文书测试局', cnDate('2026-04-20'), '第七十五条'], '决定书');
});

test('不予受理决定书 with its coded reason (第三十条), 调解书 (第七十三条)', async () => {
  const a = await apply('李四');
  await ok(who.clerk, a.id, { action: 'reject', on: '2026-02-13', reason: 'late', note: '申请超过法定期限且无正当理由。' });
  const [rej] = await docs(who.clerk, a.id);
  assert.equal(rej.kind, 'recon_rejection');
  const dicts = (await who.clerk.get('/dicts')).body;
  const reasonName = (dicts.reconsideration_reject_reasons || dicts.recon_reject_reasons || []).find?.((x) => x.code === 'late')?.name;
  const t = await pdfText(who.clerk, rej.download);
  expectAll(t, ['李四', '第三十条', rej.doc_no, cnDate('2026-02-13'), '行政诉讼'], '不予受理');
  if (reasonName) expectAll(t, [reasonName], '不予受理的理由');

  const b = await apply('王五');
  await ok(who.clerk, b.id, { action: 'accept', on: '2026-02-26' });
  await ok(who.clerk, b.id, { action: 'send_copy', on: '2026-02-27' });
  await ok(who.clerk, b.id, { action: 'mediate', on: '2026-03-20', note: '被申请人将罚款数额调整为一千元，申请人撤回其他请求。' });
  const med = byKind(await docs(who.clerk, b.id), 'recon_mediation');
  assert.equal(med.length, 1);
  expectAll(await pdfText(who.clerk, med[0].download), ['王五', '第七十三条', '被申请人将罚款数额调整为一千元', cnDate('2026-03-20')], '调解书');
});

test('scope: another region 404, another agency 404, the respondent only what is addressed to it', async () => {
  const id = full.id;
  assert.equal((await who.bj.get(`/reconsiderations/${id}/documents`)).status, 404);
  assert.equal((await who.jm.get(`/reconsiderations/${id}/documents`)).status, 404);
  const all = await docs(who.clerk, id);
  assert.equal((await who.bj.raw(all[0].download)).status, 404);
  const mine = await docs(who.hd, id);
  assert.deepEqual(mine.map((x) => x.kind), ['recon_answer_notice', 'recon_suspension', 'recon_resumption', 'recon_extension',
    'recon_decision']);
  const acceptance = byKind(all, 'recon_acceptance')[0];
  assert.equal((await who.hd.raw(`/api/v1/reconsiderations/${id}/documents/${acceptance.id}`)).status, 404,
    'the 受理通知书 is the applicant\'s');
  // a document of another reconsideration under this id answers as absent
  const other = (await who.clerk.get('/reconsiderations?size=50')).body.items.find((x) => x.id !== id);
  const theirs = (await docs(who.clerk, other.id))[0];
  assert.equal((await who.clerk.raw(`/api/v1/reconsiderations/${id}/documents/${theirs.id}`)).status, 404);
});

test('the applicant reads his on the portal after the track\'s identity check; a wrong phone is 404', async () => {
  const anon = client(srv.base);
  const idn = { case_no: full.case_no, id_no: full.applicant.id_no, phone: full.applicant.phone };
  const r = await anon.send('POST', '/public/reconsiderations/track/documents', idn);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const names = r.body.items.map((x) => x.kind_name);
  assert.ok(names.includes('行政复议决定书') && names.includes('行政复议受理通知书'));
  assert.ok(!names.includes('提出行政复议答复通知书'), 'the respondent\'s notice is not his');
  const decision = r.body.items.find((x) => x.kind_name === '行政复议决定书');
  const pdf = await anon.raw(`/api/v1/public/reconsiderations/track/documents/${decision.id}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(idn) });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const answer = (await docs(who.clerk, full.id)).find((x) => x.kind === 'recon_answer_notice');
  const refused = await anon.raw(`/api/v1/public/reconsiderations/track/documents/${answer.id}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(idn) });
  assert.equal(refused.status, 404);
  const wrong = await anon.send('POST', '/public/reconsiderations/track/documents', { ...idn, phone: '13900000000' });
  assert.equal(wrong.status, 404);
});

test('the e-dossier zip: 卷内目录 with every 文书 and file and its SM3 (recomputed here), the timeline; one audit line per download', async () => {
  const id = full.id;
  assert.equal((await upload(who.clerk, id, 'material', '申请人身份证明.pdf', MATERIAL)).status, 201);
  const audits = () => Number(dbQuery(db, `SELECT count(*) FROM audit_log WHERE action = 'reconsideration_dossier_export' AND target = 'reconsideration:${id}'`));
  const before = audits();
  const r = await who.clerk.raw(`/api/v1/reconsiderations/${id}/dossier.zip`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/zip');
  const files = unzipAll(Buffer.from(await r.arrayBuffer()));
  assert.equal(audits(), before + 1, 'one audit entry per download');

  const catalogue = Object.keys(files).find((f) => f.endsWith('卷内目录.xlsx'));
  assert.ok(catalogue, Object.keys(files).join(', '));
  const [head, ...rows] = sheetRows(files[catalogue], 1);
  const col = (name) => head.indexOf(name);
  assert.ok(col('SM3 摘要') >= 0 && col('卷内文件') >= 0, head.join('|'));
  const documents = await docs(who.clerk, id);
  assert.equal(rows.length, documents.length + 2, 'every 文书, the evidence and the material');
  for (const row of rows) {
    const bytes = files[row[col('卷内文件')]];
    assert.ok(bytes, `the zip holds ${row[col('卷内文件')]}`);
    assert.equal(sm3(bytes), row[col('SM3 摘要')], `${row[col('名称')]}: the catalogue's SM3 is the file's`);
  }
  const names = rows.map((row) => row[col('名称')]);
  for (const d of documents) assert.ok(names.includes(d.kind_name), d.kind_name);
  const ev = rows.find((row) => row[col('名称')] === '处罚案卷.pdf');
  assert.equal(ev[col('SM3 摘要')], sm3(EVIDENCE));
  assert.equal(rows.find((row) => row[col('名称')] === '申请人身份证明.pdf')[col('SM3 摘要')], sm3(MATERIAL));
  // the decision PDF in the zip is the one the documents route serves, byte for byte
  const decision = documents.find((d) => d.kind === 'recon_decision');
  assert.equal(rows.find((row) => row[col('名称')] === '行政复议决定书')[col('SM3 摘要')], decision.sm3);
  // the timeline: a sheet of the catalogue and a JSON file, each step with its date
  const timeline = sheetRows(files[catalogue], 2).slice(1);
  const steps = JSON.parse(files['办理过程.json'].toString('utf8'));
  assert.equal(timeline.length, steps.length);
  assert.deepEqual(timeline.map((t) => t[0]), steps.map((t) => t.on));
  assert.ok(steps.some((t) => t.action === 'decide' && t.on === '2026-04-20'));

  assert.equal((await who.bj.raw(`/api/v1/reconsiderations/${id}/dossier.zip`)).status, 404, 'another region');
  assert.equal((await who.hd.raw(`/api/v1/reconsiderations/${id}/dossier.zip`)).status, 403, 'the respondent');
});

test('决定公开 (第七十九条): the decision on the portal, masked — no name, ID number, phone or address; the head may withhold it', async () => {
  const anon = client(srv.base);
  const list = await anon.get('/public/reconsiderations/decisions');
  assert.equal(list.status, 200, JSON.stringify(list.body));
  const item = list.body.items.find((x) => x.case_no === full.case_no);
  assert.ok(item, 'the decided case is published');
  assert.equal(item.outcome_name, '撤销');
  assert.equal(item.respondent_name, '青岛市黄岛区文书测试局', 'the agency is public');
  const body = JSON.stringify(item);
  for (const secret of ['张三丰', full.applicant.id_no, full.applicant.phone, '13912345678', '370211198503010019', ADDRESS, '长江中路88号'])
    assert.ok(!body.includes(secret), `published body carries ${secret}: ${body}`);
  assert.equal(item.applicant, '张**');
  assert.ok(item.facts.includes('3702**********0019') && item.facts.includes('139****5678'), item.facts);
  assert.ok(item.reason.includes('被申请人认定事实不清，证据不足。'));
  assert.ok(!list.body.items.some((x) => x.outcome == null), 'only decisions: not the refused nor the mediated');
  assert.equal((await anon.get(`/public/reconsiderations/decisions/${full.id}`)).body.case_no, full.case_no);

  const refused = await who.clerk.send('POST', `/reconsiderations/${full.id}/publication`, { withhold: true, reason: 'privacy' });
  assert.equal(refused.status, 403, 'the head decides');
  const noReason = await who.head.send('POST', `/reconsiderations/${full.id}/publication`, { withhold: true });
  assert.equal(noReason.status, 422);
  assert.match(noReason.body.error.message, /国家秘密|商业秘密|个人隐私/);
  const w = await who.head.send('POST', `/reconsiderations/${full.id}/publication`, { withhold: true, reason: 'privacy', note: '涉及未成年人' });
  assert.equal(w.status, 200, JSON.stringify(w.body));
  assert.ok(w.body.timeline.some((t) => t.action === 'withhold' && t.note.includes('个人隐私')));
  assert.ok(!(await anon.get('/public/reconsiderations/decisions')).body.items.some((x) => x.case_no === full.case_no));
  assert.equal((await anon.get(`/public/reconsiderations/decisions/${full.id}`)).status, 404);
  const again = await who.head.send('POST', `/reconsiderations/${full.id}/publication`, { withhold: false });
  assert.equal(again.status, 200);
  assert.ok((await anon.get('/public/reconsiderations/decisions')).body.items.some((x) => x.case_no === full.case_no));
});

test('the ledger verifies: every 文书 row against its document.issue event, the publication against its row event', () => {
  const v = run(['--db', db, 'verify'], { timeout: 120000 });
  assert.equal(v.code, 0, v.stdout + v.stderr);
});

test('电子送达 where the applicant consented: each 文书 of his gets a link and code, the portal serves the 决定书 with the code, the confirmation records served_on; without consent none', async () => {
  const bad = await who.clerk.send('POST', '/reconsiderations', application('甲某', { service_consent: 'yes' }));
  assert.equal(bad.status, 400, 'service_consent is a boolean');
  const anon = client(srv.base);
  const decideAll = async (id) => {
    const steps = [];
    steps.push(await ok(who.clerk, id, { action: 'accept', on: '2026-02-13' }));
    steps.push(await ok(who.clerk, id, { action: 'send_copy', on: '2026-02-16' }));
    steps.push(await ok(who.hd, id, { action: 'answer', on: '2026-02-24', note: '被申请人认为原处罚正确。' }));
    steps.push(await ok(who.clerk, id, { action: 'decide', on: '2026-03-20', outcome: 'maintain', note: '原处罚事实清楚。' }));
    return steps;
  };
  const yes = await apply('送达同意人', { service_consent: true });
  const steps = await decideAll(yes.id);
  const sent = steps.flatMap((s) => s.deliveries_sent || []);
  // the applicant's 文书: 受理通知书 and 决定书 (the 答复通知书 is the respondent's)
  assert.deepEqual(sent.map((x) => x.kind_name).sort(), ['行政复议决定书', '行政复议受理通知书'].sort(), JSON.stringify(sent));
  const decision = sent.find((x) => x.kind_name === '行政复议决定书');
  assert.match(decision.code, /^\d{6}$/);
  const token = decision.url.split('/').pop();
  const cover = await anon.get(`/public/deliveries/${token}`);
  assert.equal(cover.status, 200, JSON.stringify(cover.body));
  assert.equal(cover.body.kind_name, '行政复议决定书');
  assert.equal(cover.body.agency_name, ISSUER, 'served by the 复议机构');
  const wrong = await anon.send('POST', `/public/deliveries/${token}/open`, { code: decision.code === '000000' ? '111111' : '000000' });
  assert.equal(wrong.status, 422);
  const pdf = await anon.raw(`/api/v1/public/deliveries/${token}/pdf`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: decision.code }) });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const issued = (await docs(who.clerk, yes.id)).find((d) => d.kind === 'recon_decision');
  const opened = await anon.send('POST', `/public/deliveries/${token}/open`, { code: decision.code });
  assert.equal(opened.status, 200, JSON.stringify(opened.body));
  assert.equal(opened.body.party_name, '送达同意人');
  assert.equal(opened.body.doc_no, issued.doc_no);
  assert.equal(sm3(Buffer.from(await pdf.arrayBuffer())), issued.sm3, 'the 决定书 as issued');
  const done = await anon.send('POST', `/public/deliveries/${token}/confirm`, { code: decision.code });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.served_on, todayChina());
  const stored = JSON.parse(dbQuery(db, `SELECT body FROM deliveries WHERE case_no = 'reconsideration:${yes.id}' AND body LIKE '%recon_decision%'`));
  assert.equal(stored.served_on, todayChina());
  const timeline = (await who.clerk.get(`/reconsiderations/${yes.id}`)).body.timeline;
  assert.ok(timeline.some((t) => t.action === 'delivery_confirmed' && t.action_name === '申请人确认收到'), JSON.stringify(timeline));
  // published from the recorded service
  const pub = (await anon.get('/public/reconsiderations/decisions?size=100')).body.items.find((x) => x.case_no === yes.case_no);
  assert.ok(pub, 'published');
  assert.equal(pub.served_on, todayChina());
  assert.equal(pub.published_from, todayChina());

  const no = await apply('送达未同意人');
  const none = (await decideAll(no.id)).flatMap((s) => s.deliveries_sent || []);
  assert.deepEqual(none, []);
  assert.equal(dbQuery(db, `SELECT count(*) FROM deliveries WHERE case_no = 'reconsideration:${no.id}'`).trim(), '0');
  const v = run(['--db', db, 'verify'], { timeout: 120000 });
  assert.equal(v.code, 0, 'the deliveries and their timeline rows are in the ledger: ' + v.stdout + v.stderr);
});

// last: running the script takes long enough for the server to close idle keep-alive sockets
test('the e-dossier carries its own verify script: unzipped it passes; one byte changed in a 文书, a material or an event, it fails', async () => {
  const r = await who.clerk.raw(`/api/v1/reconsiderations/${full.id}/dossier.zip`);
  assert.equal(r.status, 200, r.status === 200 ? '' : await r.text());
  const zip = Buffer.from(await r.arrayBuffer());
  const verify = (mutate) => {
    const into = fs.mkdtempSync(path.join(dir, 'dossier-'));
    for (const [name, bytes] of Object.entries(unzipAll(zip))) {
      fs.mkdirSync(path.dirname(path.join(into, name)), { recursive: true });
      fs.writeFileSync(path.join(into, name), bytes);
    }
    if (mutate) mutate(into);
    return spawnSync('bash', ['verify.sh'], { cwd: into, encoding: 'utf8' });
  };
  const flip = (file) => (into) => {
    const f = path.join(into, file);
    const b = fs.readFileSync(f);
    b[Math.floor(b.length / 2)] ^= 0x01;
    fs.writeFileSync(f, b);
  };
  const ok = verify();
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.ok(ok.stdout.includes('树头签名有效'), ok.stdout);
  const names = Object.keys(unzipAll(zip));
  const decision = names.find((n) => n.startsWith('文书/') && n.includes('行政复议决定书'));
  const material = names.find((n) => n.startsWith('材料/'));
  const event = names.find((n) => n.startsWith('存证/events/'));
  assert.ok(decision && material && event, names.join(', '));
  for (const file of [decision, material, event]) {
    const bad = verify(flip(file));
    assert.notEqual(bad.status, 0, `${file} changed: ${bad.stdout}`);
    assert.ok(bad.stdout.includes('校验未通过'), bad.stdout);
  }
});
