// 规范性文件备案审查, the rest of issue 25 (docs/normative-docs.md): the full text as a file — a
// .docx built here (a zip of word/document.xml, deflated with node's zlib) whose text the public
// register then finds, a disguised file refused by its bytes, a GB18030 .txt read as text; 不予登记
// with the checklist (none ticked → 422); 与上位法抵触 citing law-library articles (an unknown one
// → 422); repealed and amended documents kept on the register with their status; the cleanup's
// results published.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { run, tmpDir, startServer, addUser, login, hasChinese, dbQuery, backend } from './lib/zhifa.mjs';
import { todayChina } from './lib/calendar.mjs';

const A1 = '113702021588139920'; // 市南区市场监督管理局 (370202)
const TODAY = todayChina();
const YEAR = Number(TODAY.slice(0, 4));
let srv, db;
const as = {};
const iso = (t) => new Date(t).toISOString().slice(0, 10);
const plusDays = (d, n) => iso(Date.parse(`${d}T00:00:00Z`) + n * 86400000);

before(async () => {
  db = path.join(tmpDir(), 'normative_more.db');
  assert.equal(run(['--db', db, 'init', '--demo'], { timeout: 120000 }).code, 0);
  const users = [
    addUser(db, { username: 'm_head', role: 'agency_head', agency: A1 }),
    addUser(db, { username: 'm_clerk', role: 'norm_clerk', region: '370200' }),
    addUser(db, { username: 'm_chief', role: 'norm_chief', region: '370200' }),
    addUser(db, { username: 'm_deputy', role: 'norm_deputy', region: '370200' }),
    addUser(db, { username: 'm_director', role: 'norm_director', region: '370200' }),
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
function draft(extra = {}) {
  serial++;
  return {
    title: `关于规范户外广告设置的通知（第${serial}号）`, issuer: A1, doc_no: `南市监规〔${YEAR}〕${100 + serial}号`,
    signed_on: plusDays(TODAY, -3), published_on: plusDays(TODAY, -2), effective_on: plusDays(TODAY, 28),
    text: `第一条 为规范户外广告设置，制定本通知。（${serial}）`, ...extra,
  };
}
async function file(extra) {
  const r = await as.m_head.send('POST', '/normative-docs', draft(extra));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}
const act = (who, id, body) => as[who].send('POST', `/normative-docs/${id}/actions`, body);
const anon = (query) => fetch(`${srv.base}/api/v1/public/normative-docs?${query}`).then((r) => r.json());

// ---- a zip written by hand (APPNOTE.TXT 4.3): local headers, the central directory, its end ----
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function zip(entries) {
  const locals = [], centrals = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8'), packed = zlib.deflateRawSync(data), nm = Buffer.from(name);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); head.writeUInt16LE(0x0800, 6);
    head.writeUInt16LE(8, 8); head.writeUInt32LE(crc32(data), 14); head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22); head.writeUInt16LE(nm.length, 26);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0); cen.writeUInt16LE(20, 4); cen.writeUInt16LE(20, 6); cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(8, 10); cen.writeUInt32LE(crc32(data), 16); cen.writeUInt32LE(packed.length, 20);
    cen.writeUInt32LE(data.length, 24); cen.writeUInt16LE(nm.length, 28); cen.writeUInt32LE(offset, 42);
    locals.push(head, nm, packed);
    centrals.push(cen, nm);
    offset += head.length + nm.length + packed.length;
  }
  const dir = Buffer.concat(centrals), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const docx = (paragraphs) => zip([
  ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
  ['word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>` +
    paragraphs.map((runs) => `<w:p>${runs.map((t) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`).join('')}</w:p>`).join('') +
    '</w:body></w:document>'],
]);
const upload = (c, id, body, name) => c.raw(`/api/v1/normative-docs/${id}/file?name=${encodeURIComponent(name)}`, {
  method: 'POST', body, headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': c.csrf },
});

test('a .docx full text: its runs become the text, a paragraph a line, and the public register finds it', async () => {
  const d = await file({ text: undefined });
  assert.equal((await act('m_clerk', d.id, { action: 'register' })).status, 409, 'no full text yet: not registrable');
  const word = docx([['第一条 为加强', '犬只', '管理，制定本规定。'], ['第二条 携犬出户应当束犬链。']]);
  const up = await upload(as.m_head, d.id, word, '犬只管理规定.docx');
  assert.equal(up.status, 201, await up.clone().text());
  const doc = await up.json();
  assert.equal(doc.text, '第一条 为加强犬只管理，制定本规定。\n第二条 携犬出户应当束犬链。\n');
  assert.equal(doc.file.name, '犬只管理规定.docx');
  assert.equal(doc.file.text_extracted, true);
  // the stored file comes back byte for byte
  const back = await as.m_clerk.raw(`/api/v1/normative-docs/${d.id}/file`);
  assert.equal(back.status, 200);
  assert.ok(Buffer.from(await back.arrayBuffer()).equals(word));
  assert.equal((await act('m_clerk', d.id, { action: 'register' })).status, 200);
  assert.equal((await act('m_clerk', d.id, { action: 'publish' })).status, 200);
  const hits = await anon(`q=${encodeURIComponent('犬链')}`);
  assert.deepEqual(hits.items.map((i) => i.id), [d.id]);
  // registered: the file can no longer be replaced
  assert.equal((await upload(as.m_head, d.id, word, '再传.docx')).status, 409);
});

test('a disguised file is refused by its bytes; a GB18030 .txt is read as text', async () => {
  const d = await file();
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
  const r = await upload(as.m_head, d.id, png, '伪装的文件.docx');
  assert.equal(r.status, 415);
  assert.ok(hasChinese((await r.json()).error.message));
  const notWord = zip([['readme.txt', 'hello']]);
  assert.equal((await upload(as.m_head, d.id, notWord, '压缩包.docx')).status, 415);
  const elf = Buffer.concat([Buffer.from('7f454c46020101', 'hex'), Buffer.alloc(64)]);
  assert.equal((await upload(as.m_head, d.id, elf, '程序.txt')).status, 415);
  // "第一条 规范\n" in GB18030 (GBK): 第 B5DA, 一 D2BB, 条 CCF5, 规 B9E6, 范 B7B6 (GB 18030-2005 code chart)
  const gb = Buffer.from('b5dad2bbccf520b9e6b7b60a', 'hex');
  const t = await upload(as.m_head, d.id, gb, '全文.txt');
  assert.equal(t.status, 201, await t.clone().text());
  assert.equal((await t.json()).text, '第一条 规范\n');
  // not the reviewer's to give
  assert.equal((await upload(as.m_clerk, d.id, gb, '全文.txt')).status, 403);
});

test('不予登记 needs a ticked item of the checklist and a reason; it ends the filing and tells the issuer', async () => {
  const items = await as.m_clerk.get('/normative-docs/decline-items');
  assert.equal(items.status, 200);
  const names = items.body.items.map((i) => i.name);
  for (const n of ['会议纪要', '人事任免', '表彰奖惩', '工作方案']) assert.ok(names.some((x) => x.includes(n)), n);
  assert.ok(items.body.items.every((i) => i.basis && hasChinese(i.basis)));
  const d = await file({ title: '局务会议纪要（第3次）' });
  const none = await act('m_clerk', d.id, { action: 'decline', items: [], opinion: '系会议纪要' });
  assert.equal(none.status, 422);
  assert.equal((await act('m_clerk', d.id, { action: 'decline', items: ['no_such_item'], opinion: '理由' })).status, 422);
  assert.equal((await act('m_clerk', d.id, { action: 'decline', items: ['meeting_minutes'] })).status, 400, 'a reason is required');
  const minutes = items.body.items.find((i) => i.name === '会议纪要').code;
  const r = await act('m_clerk', d.id, { action: 'decline', items: [minutes], opinion: '系内部会议纪要，不属于规范性文件' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.status, 'declined');
  assert.equal(r.body.status_name, '不予登记');
  assert.equal(r.body.reg_no ?? null, null);
  assert.deepEqual(r.body.decline.items.map((i) => i.name), ['会议纪要']);
  assert.equal((await act('m_clerk', d.id, { action: 'register' })).status, 409, 'the filing has ended');
  const msgs = await as.m_head.get('/messages');
  assert.ok(JSON.stringify(msgs.body).includes('不予登记'));
});

test('与上位法抵触 cites law-library articles, checked and named; an unknown article is 422', async () => {
  const laws = await fetch(`${srv.base}/api/v1/laws?size=100`).then((r) => r.json());
  const law = laws.items.find((l) => l.title.includes('行政处罚法'));
  assert.ok(law, 'the demo law library has the 行政处罚法');
  const art = await fetch(`${srv.base}/api/v1/laws/${law.id}/articles/9`).then((r) => r.json());
  const d = await file();
  await act('m_clerk', d.id, { action: 'register' });
  const bad = await act('m_clerk', d.id, { action: 'review', step: 'initial', opinion: '抵触', citations: [{ law_id: law.id, article: 99999 }] });
  assert.equal(bad.status, 422);
  const r = await act('m_clerk', d.id, { action: 'review', step: 'initial', opinion: '设定了上位法没有的处罚种类', outcome: 'correct',
    points: ['conflict'], citations: [{ law_id: law.id, article: 9 }] });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const cited = r.body.steps[0].citations[0];
  assert.equal(cited.law_id, law.id);
  assert.equal(cited.article, 9);
  assert.equal(cited.label, art.article.label);
  assert.equal(cited.law_title, law.title);
  await act('m_chief', d.id, { action: 'review', step: 'second', opinion: '同意' });
  await act('m_deputy', d.id, { action: 'review', step: 'recheck', opinion: '同意' });
  await act('m_director', d.id, { action: 'review', step: 'final', opinion: '同意' });
  const c = await act('m_director', d.id, { action: 'conclude', outcome: 'correct', opinion: '应予纠正', citations: [{ law_id: law.id, article: 9 }] });
  assert.equal(c.status, 200, JSON.stringify(c.body));
  assert.equal(c.body.citations[0].label, art.article.label);
  // the notice to the issuer names the article
  const msgs = await as.m_head.get('/messages');
  assert.ok(JSON.stringify(msgs.body).includes(`《${law.title}》${art.article.label}`));
});

async function published(extra) {
  const d = await file(extra);
  await act('m_clerk', d.id, { action: 'register' });
  const p = await act('m_clerk', d.id, { action: 'publish' });
  assert.equal(p.status, 200, JSON.stringify(p.body));
  return p.body;
}

test('a repealed document stays on the register as 已废止, an amended one as 已修改 with its revision', async () => {
  const gone = await published({ title: '关于临时占道经营的规定', text: '临时占道经营须经批准。' });
  assert.equal((await act('m_clerk', gone.id, { action: 'repeal', opinion: '已被新规定取代' })).status, 200);
  assert.equal((await anon(`q=${encodeURIComponent('占道')}`)).items.length, 0, 'the default register: valid documents only');
  const rep = await anon(`q=${encodeURIComponent('占道')}&validity=repealed`);
  assert.deepEqual(rep.items.map((i) => i.id), [gone.id]);
  assert.equal(rep.items[0].validity_name, '已废止');
  assert.equal(rep.items[0].repealed_on, TODAY);
  const all = await anon(`q=${encodeURIComponent('占道')}&validity=all`);
  assert.deepEqual(all.items.map((i) => i.id), [gone.id]);
  // 建议修改 → the revision, published, marks the original 已修改 and links to it
  const orig = await file({ title: '关于夜间施工管理的通知', text: '夜间施工须备案。' });
  await act('m_clerk', orig.id, { action: 'register' });
  for (const [who, step] of [['m_clerk', 'initial'], ['m_chief', 'second'], ['m_deputy', 'recheck'], ['m_director', 'final']])
    assert.equal((await act(who, orig.id, { action: 'review', step, opinion: '建议修改' })).status, 200);
  assert.equal((await act('m_director', orig.id, { action: 'conclude', outcome: 'amend', opinion: '建议修改第二条' })).status, 200);
  assert.equal((await act('m_clerk', orig.id, { action: 'publish' })).status, 200);
  const rev = await published({ title: '关于夜间施工管理的通知（修订）', text: '夜间施工须报备。', revision_of: orig.id });
  const am = await anon(`q=${encodeURIComponent('夜间')}&validity=amended`);
  assert.deepEqual(am.items.map((i) => i.id), [orig.id]);
  assert.equal(am.items[0].validity_name, '已修改');
  assert.equal(am.items[0].revised_by.id, rev.id);
  assert.equal(am.items[0].revised_by.reg_no, rev.reg_no);
  assert.equal((await fetch(`${srv.base}/api/v1/public/normative-docs?validity=bogus`)).status, 400);
});

test('the cleanup results are published: each answered document with its answer and reason', async () => {
  const keep = await published({ title: '关于校外培训机构管理的通知' });
  const drop = await published({ title: '关于废旧物品回收的通知' });
  assert.equal((await as.m_head.send('POST', `/normative-docs/${keep.id}/cleanup`, { answer: 'keep', reason: '仍然适用' })).status, 200);
  assert.equal((await as.m_head.send('POST', `/normative-docs/${drop.id}/cleanup`, { answer: 'void', reason: '调整对象已消失' })).status, 200);
  const r = await fetch(`${srv.base}/api/v1/public/normative-docs/cleanup-results`).then((x) => x.json());
  const byId = Object.fromEntries(r.items.map((i) => [i.id, i]));
  assert.equal(byId[keep.id].answer_name, '继续有效');
  assert.equal(byId[keep.id].reason, '仍然适用');
  assert.equal(byId[drop.id].answer_name, '宣布失效');
  assert.equal(byId[drop.id].validity, 'repealed');
  assert.equal(byId[drop.id].on, TODAY);
  assert.equal(r.items.length, 2, 'only answered documents');
});

// ---- the quarterly 备案目录 ----
function quarterOf(day) {
  const y = Number(day.slice(0, 4)), q = Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
  const m0 = (q - 1) * 3 + 1, last = new Date(Date.UTC(y, m0 + 2, 0)).toISOString().slice(0, 10);
  return { name: `${y}Q${q}`, first: `${y}-${String(m0).padStart(2, '0')}-01`, last };
}

test('the quarterly 备案目录: the quarter\'s registrations exactly, as PDF and .xlsx on the portal', async () => {
  const q = quarterOf(TODAY);
  const mine = [];
  for (let i = 0; i < 3; i++) {
    const d = await file({ title: `关于目录测试第${i + 1}件的通知` });
    const r = await act('m_clerk', d.id, { action: 'register' });
    assert.equal(r.status, 200);
    mine.push(r.body);
  }
  // one registered in the quarter before: not in this one
  const before = plusDays(q.first, -1);
  const old = await file({ title: '关于上季度登记文件的通知', signed_on: plusDays(before, -3), published_on: plusDays(before, -2), effective_on: plusDays(before, 30) });
  assert.equal((await act('m_clerk', old.id, { action: 'register', on: before })).status, 200);
  assert.equal((await as.m_head.send('POST', '/normative-docs/catalogs', { quarter: q.name })).status, 403);
  assert.equal((await as.m_clerk.send('POST', '/normative-docs/catalogs', { quarter: '2026Q5' })).status, 400);
  const r = await as.m_clerk.send('POST', '/normative-docs/catalogs', { quarter: q.name });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  // counted independently: the rows of the database registered between the quarter's first and last day
  const registeredOn = backend === 'pg' ? "body::jsonb->>'registered_on'" : "json_extract(body, '$.registered_on')";
  const counted = Number(dbQuery(db, `SELECT count(*) FROM normative_docs WHERE reg_no IS NOT NULL AND
    ${registeredOn} BETWEEN '${q.first}' AND '${q.last}'`).trim());
  assert.equal(r.body.rows.length, counted);
  const regNos = r.body.rows.map((x) => x.reg_no);
  for (const m of mine) assert.ok(regNos.includes(m.reg_no), m.reg_no);
  assert.ok(!r.body.rows.some((x) => x.title === '关于上季度登记文件的通知'));
  assert.ok(r.body.rows.every((x) => x.registered_on >= q.first && x.registered_on <= q.last));
  // published on the portal
  const list = await fetch(`${srv.base}/api/v1/public/normative-catalogs`).then((x) => x.json());
  assert.ok(list.items.some((x) => x.quarter === q.name && x.count === counted));
  const pdf = await fetch(`${srv.base}/api/v1/public/normative-catalogs/${q.name}.pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const pdfFile = path.join(tmpDir(), 'catalog.pdf');
  fs.writeFileSync(pdfFile, Buffer.from(await pdf.arrayBuffer()));
  const text = execFileSync('pdftotext', ['-raw', pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  for (const row of r.body.rows) {
    assert.ok(text.includes(row.title.replace(/\s+/g, '')), `the PDF lacks ${row.title}`);
    assert.ok(text.includes(row.reg_no), `the PDF lacks ${row.reg_no}`);
  }
  const xlsx = await fetch(`${srv.base}/api/v1/public/normative-catalogs/${q.name}.xlsx`);
  assert.equal(xlsx.status, 200);
  const xlsxFile = path.join(tmpDir(), 'catalog.xlsx');
  fs.writeFileSync(xlsxFile, Buffer.from(await xlsx.arrayBuffer()));
  const sheet = execFileSync('unzip', ['-p', xlsxFile, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
  for (const row of r.body.rows) assert.ok(sheet.includes(row.title), `the workbook lacks ${row.title}`);
  assert.equal((await fetch(`${srv.base}/api/v1/public/normative-catalogs/1999Q1.pdf`)).status, 404);
  // the CLI produces the quarter before, with the one registered then
  const cli = run(['--db', db, 'normative', 'catalog', '--quarter', quarterOf(before).name]);
  assert.equal(cli.code, 0, cli.stderr);
  const prev = JSON.parse(cli.stdout);
  assert.ok(prev.rows.some((x) => x.title === '关于上季度登记文件的通知'));
});
