// Supervision's case detail (issue 14): the online timeline and the attachments of a case, read-only,
// for whoever's data scope covers the case's stored agency; every read leaves an audit line; any other
// scope gets the same 404 as a case that does not exist. The expected timeline is the demo case's steps
// as data/demo/workflow.jsonl writes them, and the stage names those of 行政处罚法 第五章's procedure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, repoRoot } from './lib/zhifa.mjs';

const AGENCY = '113702021588139920'; // 青岛市市南区市场监督管理局, region 370202
const OTHER = '11370203869879736T'; // 青岛市市北区交通运输局, region 370203
const USERS = {
  officer: { username: 'cd_officer', role: 'officer', agency: AGENCY },
  sup: { username: 'cd_sup', role: 'supervisor', region: '370200' }, // 青岛市: 市南区 is below it
  otherSup: { username: 'cd_sup_north', role: 'supervisor', region: '370203' },
  otherOfficer: { username: 'cd_officer_north', role: 'officer', agency: OTHER },
  auditor: { username: 'cd_auditor', role: 'auditor' },
};
// A demo online case filed, submitted for filing and filed: its three steps, as the demo file has them.
const PARTY = '青岛鲜达冷链物流有限公司';
const demoSteps = fs.readFileSync(path.join(repoRoot, 'data/demo/workflow.jsonl'), 'utf8')
  .split('\n').filter(Boolean).map((l) => JSON.parse(l))
  .find((c) => c.case?.party?.name === PARTY).steps;
const IMPORTED = '南市监处罚〔2026〕3号'; // a demo case entered after the fact: never handled online
// a 1×1 PNG
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PHOTO_NAME = '现场照片 冷库.png';

const enc = encodeURIComponent;
const as = {};
let srv, caseNo, attachmentId;

before(async () => {
  const db = path.join(tmpDir(), 'case_detail.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  for (const u of Object.values(USERS)) addUser(db, u);
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(USERS)) {
    as[k] = await login(srv.base, u.username, `Zf-${u.username}-Pass-2026`);
    assert.equal(as[k].status, 200, k);
  }
  const found = await as.sup.get(`/cases?q=${enc(PARTY)}`);
  assert.equal(found.status, 200);
  // the party's penalty case (the demo also has a 查封扣押 of the same party, issue 20)
  const penalty = found.body.items.filter((c) => c.kind === 'penalty');
  assert.equal(penalty.length, 1, JSON.stringify(found.body));
  caseNo = penalty[0].case_no;
  // the officer adds evidence through the workflow route, as in the field
  const up = await as.officer.raw(
    `/api/v1/workflow/cases/${enc(caseNo)}/attachments?${new URLSearchParams({ name: PHOTO_NAME, stage: 'investigation', kind: 'photo' })}`,
    { method: 'POST', headers: { 'Content-Type': 'image/png', 'X-CSRF-Token': as.officer.csrf }, body: PNG });
  assert.equal(up.status, 201, await up.clone().text());
  attachmentId = (await up.json()).id;
});
after(() => srv?.stop());

const timelineUrl = (no = caseNo) => `/cases/${enc(no)}/timeline`;
const listUrl = (no = caseNo) => `/cases/${enc(no)}/attachments`;
const fileUrl = (no = caseNo, id = attachmentId) => `/api/v1/cases/${enc(no)}/attachments/${id}`;

// The audit lines of one user's action on this case.
async function auditCount(action, who) {
  const r = await as.auditor.get(`/audit?${new URLSearchParams({ action, username: USERS[who].username, size: '200' })}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.items.filter((e) => e.target === caseNo && e.result === 'ok').length;
}

test('the supervisor of the region reads the online timeline, stages named in Chinese, and it is audited', async () => {
  const before = await auditCount('timeline_read', 'sup');
  const r = await as.sup.get(timelineUrl());
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.online, true);
  // the demo's three steps first, then the upload this test made
  const steps = r.body.items.filter((t) => t.action !== 'attachment');
  assert.deepEqual(steps.map((t) => t.action), demoSteps.map((s) => s.action));
  assert.deepEqual(steps.map((t) => t.note), demoSteps.map((s) => s.note));
  assert.deepEqual(steps.map((t) => t.action_name), ['登记线索', '提交立案审批', '批准立案']);
  // 线索登记 → 立案 (审批) → 调查取证
  assert.deepEqual(steps.slice(1).map((t) => [t.from_stage_name, t.to_stage_name]),
    [['线索登记', '立案'], ['立案', '调查取证']]);
  assert.ok(steps.every((t) => typeof t.user === 'string' && t.user && t.time));
  assert.equal(r.body.stage_name, '调查取证');
  const upload = r.body.items.find((t) => t.action === 'attachment');
  assert.equal(upload.user, USERS.officer.username);
  assert.equal(upload.to_stage_name, '调查取证');
  assert.ok(upload.note.includes(PHOTO_NAME));
  assert.equal(await auditCount('timeline_read', 'sup'), before + 1);
});

test('the supervisor lists and downloads an attachment: the uploaded bytes, typed and named; each read audited', async () => {
  const listed = await auditCount('attachment_list', 'sup');
  const fetched = await auditCount('attachment_download', 'sup');
  const r = await as.sup.get(listUrl());
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.items.length, 1);
  const a = r.body.items[0];
  assert.equal(a.id, attachmentId);
  assert.equal(a.name, PHOTO_NAME);
  assert.equal(a.kind_name, '照片');
  assert.equal(a.stage_name, '调查取证');
  assert.equal(a.size, PNG.length);
  assert.equal(a.uploaded_by, USERS.officer.username);
  assert.equal(a.sha256, crypto.createHash('sha256').update(PNG).digest('hex'));
  assert.equal(await auditCount('attachment_list', 'sup'), listed + 1);

  const d = await as.sup.raw(fileUrl());
  assert.equal(d.status, 200);
  assert.ok(Buffer.from(await d.arrayBuffer()).equals(PNG), 'the bytes the officer uploaded');
  assert.equal(d.headers.get('content-type'), 'image/png');
  assert.match(d.headers.get('content-disposition'), /^attachment;/);
  assert.ok(d.headers.get('content-disposition').includes(`filename*=UTF-8''${enc(PHOTO_NAME)}`),
    d.headers.get('content-disposition'));
  assert.equal(d.headers.get('cache-control'), 'private, no-store');
  assert.equal(await auditCount('attachment_download', 'sup'), fetched + 1);
});

test('the record comes with its agency and power named (data/demo/demo.jsonl), beside it, not in it', async () => {
  const r = await as.sup.get(`/cases/${enc(caseNo)}`);
  assert.equal(r.status, 200);
  assert.equal(r.body.agency_name, '青岛市市南区市场监督管理局');
  assert.equal(r.body.power_name, '对销售不符合食品安全标准食品的行政处罚');
  // the 事后录入 form sends back the record's fields it does not know: names must not ride along
  assert.equal(r.body.case.agency_name, undefined);
  assert.equal(r.body.case.power_name, undefined);
});

test('the case\'s own officer reads the same views', async () => {
  assert.equal((await as.officer.get(timelineUrl())).status, 200);
  assert.equal((await as.officer.get(listUrl())).body.items.length, 1);
  assert.equal((await as.officer.raw(fileUrl())).status, 200);
});

test('another region\'s supervisor and another agency\'s officer get the 404 of a case that does not exist', async () => {
  const absent = '南市监处罚〔2099〕999号';
  for (const who of ['otherSup', 'otherOfficer']) {
    for (const [url, none] of [[timelineUrl(), timelineUrl(absent)], [listUrl(), listUrl(absent)]]) {
      const r = await as[who].get(url);
      assert.equal(r.status, 404, `${who} ${url}`);
      assert.deepEqual(r.body, (await as[who].get(none)).body, 'the same answer as for an absent case');
    }
    const d = await as[who].raw(fileUrl());
    const body = await d.text();
    assert.equal(d.status, 404, who);
    assert.ok(!body.includes(PHOTO_NAME));
    assert.equal(body, await (await as[who].raw(fileUrl(absent))).text());
  }
  // and their refused reads leave no read line
  for (const who of ['otherSup', 'otherOfficer'])
    for (const action of ['timeline_read', 'attachment_list', 'attachment_download'])
      assert.equal(await auditCount(action, who), 0, `${who} ${action}`);
});

test('a case not handled online has an empty timeline, not an error', async () => {
  const r = await as.sup.get(timelineUrl(IMPORTED));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body, { online: false, items: [] });
  const l = await as.sup.get(listUrl(IMPORTED));
  assert.equal(l.status, 200);
  assert.deepEqual(l.body.items, []);
});

test('an attachment id of another case, or not a number, is no download', async () => {
  assert.equal((await as.sup.raw(fileUrl(IMPORTED))).status, 404);
  assert.equal((await as.sup.raw(fileUrl(caseNo, 'x1'))).status, 400);
  assert.equal((await as.sup.raw(fileUrl(caseNo, attachmentId + 1000))).status, 404);
});
