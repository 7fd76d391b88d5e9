// 执法文书 of the supervision loop and of case review (issue 17, docs/documents.md): the 督办通知书 /
// 执法监督问诊单 / 执法监督意见书 an order gets when it is issued, and the 评查结果通报 a review plan gets
// when its results are published — read back with pdftotext for the issuing 司法局 (the region's,
// 行政执法监督条例 第六条), the addressee, the 文号, the problem and measures, the cited article's text
// from the statute file, the deadline in 2026年5月20日 form; and who may read them: the supervisors
// of the region and the addressee agency's users, nobody else (scope from the stored rows).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { run, tmpDir, startServer, addUser, login, repoRoot, dbExec } from './lib/zhifa.mjs';
import { copyDb } from './lib/dbcopy.mjs';
import { addWd, todayChina } from './lib/calendar.mjs';

const HD = '113702021588139920'; // 青岛市市南区市场监督管理局, the demo orders' addressee
const OTHER = '11370203869879736T';
const USERS = {
  sup: { role: 'supervisor', region: '370200' }, bj: { role: 'supervisor', region: '110000' },
  head: { role: 'agency_head', agency: HD }, other: { role: 'agency_head', agency: OTHER },
};
let srv, db, dir, today;
const who = {};

before(async () => {
  dir = tmpDir();
  db = path.join(dir, 'order-docs.db');
  assert.equal(run(['--db', db, 'init', '--demo'], { timeout: 120000 }).code, 0);
  const made = Object.fromEntries(Object.entries(USERS).map(([k, u]) => [k, addUser(db, { username: `od_${k}`, ...u })]));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(made)) who[k] = await login(srv.base, u.username, u.password);
  today = todayChina();
});
after(() => srv?.stop());

/** 2026-05-20 → 2026年5月20日 (GB/T 9704: Arabic numerals, no leading zeros). */
const cnDate = (iso) => { const [y, m, d] = iso.split('-').map(Number); return `${y}年${m}月${d}日`; };
const flat = (s) => s.replace(/\s+/g, '');
/** The region's name from data/regions.tsv; its 司法局 supervises (行政执法监督条例 第六条). */
const regionName = (code) => fs.readFileSync(path.join(repoRoot, 'data/regions.tsv'), 'utf8').split('\n')
  .map((l) => l.split('\t')).find((c) => c[0] === code)[1];
const agencyName = (code) => fs.readFileSync(path.join(repoRoot, 'data/demo/demo.jsonl'), 'utf8').split('\n')
  .filter(Boolean).map((l) => JSON.parse(l)).find((r) => r.type === 'agency' && r.code === code).name;
function article(file, label) {
  const text = fs.readFileSync(path.join(repoRoot, 'data/laws', file), 'utf8');
  const at = text.indexOf(`\n${label} `);
  assert.ok(at >= 0, label);
  return text.slice(at + label.length + 2).split('\n')[0];
}
async function pdfText(c, url) {
  const r = await c.raw(url);
  assert.equal(r.status, 200, url);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const file = path.join(dir, `${crypto.randomUUID()}.pdf`);
  fs.writeFileSync(file, Buffer.from(await r.arrayBuffer()));
  const verified = run(['--db', db, 'verify-doc', file]);
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  return { text: flat(spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout), seal: verified.stdout };
}
function expectAll(text, strings, what) {
  for (const s of strings) assert.ok(text.includes(flat(s)), `${what}: «${s}» in ${text.slice(0, 400)}…`);
}

const KIND_DOCUMENT = { supervise: ['order_notice', '督办通知书'], consult: ['consult', '执法监督问诊单'], opinion: ['opinion', '执法监督意见书'] };

for (const kind of Object.keys(KIND_DOCUMENT)) {
  test(`an issued ${KIND_DOCUMENT[kind][1]}: drawn from the order, sealed by the region's 司法局`, async () => {
    const created = await who.sup.send('POST', '/orders', {
      kind, agency: HD, case_nos: [], finding_ids: [], problem: '行政处罚决定未按规定公示，涉及“龘鑫”等当事人',
      basis: [{ law: '《行政处罚法》', article: '第四十八条' }], measures: '依法公示并建立公示台账',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;
    // a draft is no document yet
    let list = await who.sup.get(`/orders/${id}/documents`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items, []);
    const issued = await who.sup.send('POST', `/orders/${id}/actions`, { action: 'issue', note: '', deadline_wd: 10 });
    assert.equal(issued.status, 200, JSON.stringify(issued.body));
    const due = addWd(today, 10);
    assert.equal(issued.body.due_on, due);
    list = await who.sup.get(`/orders/${id}/documents`);
    assert.equal(list.body.items.length, 1);
    const [doc] = list.body.items;
    assert.equal(doc.kind, KIND_DOCUMENT[kind][0]);
    assert.equal(doc.kind_name, KIND_DOCUMENT[kind][1]);
    assert.equal(doc.doc_no, issued.body.doc_no);
    assert.equal(doc.version, 1);
    assert.match(doc.digest, /^[0-9a-f]{64}$/);
    assert.equal(doc.download, `/api/v1/orders/${id}/documents/${doc.id}`);
    const organ = `${regionName('370200')}司法局`;
    const { text, seal } = await pdfText(who.sup, doc.download);
    expectAll(text, [organ, KIND_DOCUMENT[kind][1], issued.body.doc_no, `${agencyName(HD)}：`,
      '行政处罚决定未按规定公示，涉及“龘鑫”等当事人。', '依法公示并建立公示台账。', '《行政处罚法》第四十八条',
      article('行政处罚法(2021-01-22).md', '第四十八条'), '《行政执法监督条例》第二条、第六条', cnDate(due), cnDate(today),
      '10个工作日'], KIND_DOCUMENT[kind][1]);
    assert.match(seal, new RegExp(organ));

    // the addressee agency reads and downloads it; another agency and another region's supervisor do not
    const mine = await who.head.get(`/orders/${id}/documents`);
    assert.equal(mine.status, 200);
    assert.deepEqual(mine.body.items.map((d) => d.id), [doc.id]);
    const dl = await who.head.raw(`${doc.download}?download=1`);
    assert.equal(dl.status, 200);
    assert.match(dl.headers.get('content-disposition'), /attachment/);
    for (const outsider of ['other', 'bj']) {
      assert.equal((await who[outsider].get(`/orders/${id}/documents`)).status, 404, outsider);
      assert.equal((await who[outsider].raw(doc.download)).status, 404, outsider);
    }
    // a document of another order answers as absent under this one
    const demo = (await who.sup.get('/orders/1/documents')).body.items[0];
    assert.equal((await who.sup.raw(`/api/v1/orders/${id}/documents/${demo.id}`)).status, 404);
  });
}

test('the demo orders past draft have their documents; the addressee cannot see a draft\'s', async () => {
  const orders = (await who.sup.get('/orders?size=100')).body.items;
  for (const o of orders) {
    const list = await who.sup.get(`/orders/${o.id}/documents`);
    assert.equal(list.status, 200);
    assert.equal(list.body.items.length, o.status === 'draft' ? 0 : 1, `order ${o.id} ${o.status}`);
    if (o.status === 'draft') assert.equal((await who.head.get(`/orders/${o.id}/documents`)).status, 404);
  }
});

test('the 评查结果通报 of the published demo plan: every file with its score and grade, every agency', async () => {
  const plans = (await who.sup.get('/reviews/plans?size=50')).body.items;
  const published = plans.find((p) => p.status === 'published');
  const running = plans.find((p) => p.status !== 'published');
  assert.deepEqual((await who.sup.get(`/reviews/plans/${running.id}/documents`)).body.items, []);
  const plan = (await who.sup.get(`/reviews/plans/${published.id}`)).body;
  const list = await who.sup.get(`/reviews/plans/${plan.id}/documents`);
  assert.equal(list.status, 200, JSON.stringify(list.body));
  assert.equal(list.body.items.length, 1);
  const [doc] = list.body.items;
  assert.equal(doc.kind, 'review_bulletin');
  assert.equal(doc.kind_name, '评查结果通报');
  const results = (await who.sup.get(`/reviews/plans/${plan.id}/results`)).body;
  const { text } = await pdfText(who.sup, doc.download);
  const pts = (n) => String(Math.round(n * 100) / 100);
  const strings = [`${regionName('370200')}司法局`, `关于${plan.name}结果的通报`, cnDate(results.published_on),
    cnDate(results.defense_due), `共评查案卷${results.files.length}件`];
  for (const f of results.files) strings.push(`${f.case_no}（${f.agency_name}）：${pts(f.total)}分，${f.grade_name}`);
  for (const a of results.agencies.filter((x) => x.files > 0)) strings.push(`${a.agency_name}：评查案卷${a.files}件，平均得分${pts(a.average)}分`);
  for (const f of results.files) for (const d of f.deductions) if (d.reason) strings.push(d.reason.replace(/。$/, ''));
  expectAll(text, strings, '评查结果通报');
  // an agency whose files were reviewed reads it; another region's supervisor does not
  assert.equal((await who.head.get(`/reviews/plans/${plan.id}/documents`)).status, 200);
  assert.equal((await who.bj.get(`/reviews/plans/${plan.id}/documents`)).status, 404);
  assert.equal((await who.bj.raw(doc.download)).status, 404);
});

test('zhifa verify holds the documents rows to their events', () => {
  const copy = path.join(dir, 'tampered.db');
  copyDb(db, copy);
  for (const ext of ['.sm2.pem']) if (fs.existsSync(db + ext)) fs.copyFileSync(db + ext, copy + ext);
  fs.cpSync(db + '.files', copy + '.files', { recursive: true });
  const clean = run(['--db', copy, 'verify']);
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  dbExec(copy, "UPDATE documents SET doc_no = doc_no || 'X' WHERE id = (SELECT min(id) FROM documents)");
  const broken = run(['--db', copy, 'verify']);
  assert.equal(broken.code, 1);
  assert.match(broken.stdout + broken.stderr, /document_changed/);
});
