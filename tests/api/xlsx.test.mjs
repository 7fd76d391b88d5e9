// Excel (.xlsx) templates and upload against the real server: each template is a real workbook
// (parts, key row, frozen header, drop-downs, text columns, 填写说明); a filled cases template goes
// through the import path with rejects reported by Excel row number; legacy, encrypted, garbage,
// damaged and zip-bomb files are refused in Chinese; permissions as for the JSON Lines upload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, client, hasChinese } from './lib/zhifa.mjs';
import { cnid, cnidWrongCheck } from './lib/codes.mjs';
import { fillTemplate, keyColumns, zipEntries, zipPart } from './lib/xlsx.mjs';

const A1 = '113702021588139920';  // 市南区市场监督管理局 (370202)
const A2 = '11370203869879736T';  // 市北区交通运输局 (370203)
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let srv, officer, leader, templates = {};
// zip and unzip run with the event loop free: a synchronous one that outlasts the server's idle
// keep-alive deadline leaves the client's pooled connection closed under it unnoticed, and the next
// upload goes out on a dead socket ('fetch failed' on a loaded machine).
const sh = promisify(execFile);

before(async () => {
  const db = path.join(tmpDir(), 'xlsx.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const o = addUser(db, { username: 'x_officer', role: 'officer', agency: A1 });
  const l = addUser(db, { username: 'x_leader', role: 'leader', region: '370200' });
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  officer = await login(srv.base, o.username, o.password);
  leader = await login(srv.base, l.username, l.password);
});
after(() => srv?.stop());

async function download(who, file) {
  const r = await who.raw(`/api/v1/templates/${file}`);
  const body = Buffer.from(await r.arrayBuffer());
  return { status: r.status, headers: r.headers, body };
}

function upload(who, bytes, type = XLSX) {
  return who.raw('/api/v1/imports', {
    method: 'POST', body: bytes, headers: { 'Content-Type': type, 'X-CSRF-Token': who.csrf },
  }).then(async (r) => ({ status: r.status, body: await r.json() }));
}

test('each template is a workbook with a key row, frozen header, drop-downs and a 填写说明 sheet', async () => {
  const expect = {
    agencies: ['code', 'region', 'level'], officers: ['cert_no', 'cert_valid_to', 'status'],
    powers: ['code', 'kind', 'basis'], cases: ['case_no', 'party.id_no', 'decision.outcome'],
  };
  for (const [kind, keys] of Object.entries(expect)) {
    const r = await download(officer, `${kind}.xlsx`);
    assert.equal(r.status, 200, kind);
    assert.equal(r.headers.get('content-type'), XLSX);
    assert.match(r.headers.get('content-disposition'), new RegExp(`attachment; filename="zhifa-${kind}.xlsx"; filename\\*=UTF-8''`));
    assert.deepEqual(r.body.subarray(0, 4), Buffer.from([0x50, 0x4b, 3, 4]));
    const parts = zipEntries(r.body);
    for (const p of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels',
      'xl/styles.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']) assert.ok(parts.includes(p), `${kind}: ${p}`);
    assert.match(zipPart(r.body, 'xl/workbook.xml'), /<sheet name="[^"]+" sheetId="1"[^>]*\/><sheet name="填写说明"/);
    const sheet = zipPart(r.body, 'xl/worksheets/sheet1.xml');
    const cols = keyColumns(sheet);
    for (const k of keys) assert.ok(cols[k], `${kind}: key ${k} in row 2`);
    assert.match(sheet, /<pane ySplit="2" topLeftCell="A3"[^>]*state="frozen"/);
    assert.match(sheet, /<col min="1" max="1" width="[\d.]+" customWidth="1" style="1"\/>/, 'the key column is text');
    const guide = zipPart(r.body, 'xl/worksheets/sheet2.xml');
    assert.match(guide, /是否必填/);
    for (const k of keys) assert.ok(guide.includes(`>${k}<`), `${kind}: ${k} explained`);
    templates[kind] = r.body;
  }
  const cases = zipPart(templates.cases, 'xl/worksheets/sheet1.xml');
  const c = keyColumns(cases);
  assert.match(cases, new RegExp(`sqref="${c.kind}3:${c.kind}1048576"><formula1>&quot;penalty,coercion,license,inspection&quot;`));
  assert.match(cases, new RegExp(`sqref="${c['decision.outcome']}3:[A-Z]+1048576"><formula1>&quot;penalty,no_penalty,transferred,revoked_case,granted,denied&quot;`));
  assert.match(cases, new RegExp(`sqref="${c.hearing_right_notified}3:[A-Z]+1048576"><formula1>&quot;是,否&quot;`));
  assert.match(cases, new RegExp(`<col min="(\\d+)" max="\\1" width="[\\d.]+" customWidth="1" style="1"/>`));
});

test('templates: unknown kinds are 404, other roles 403, anonymous 401', async () => {
  for (const f of ['benchmarks.xlsx', 'cases.xls', 'cases', '..%2Fcases.xlsx']) {
    const r = await download(officer, f);
    assert.equal(r.status, 404, f);
    assert.ok(hasChinese(JSON.parse(r.body).error.message));
  }
  assert.equal((await download(leader, 'cases.xlsx')).status, 403);
  assert.equal((await download(client(srv.base), 'cases.xlsx')).status, 401);
});

const person = cnid('37020219800101123');
const goodRow = (no, extra = {}) => ({
  case_no: no, agency: A1, kind: 'penalty', power: 'SC-CF-001',
  'party.kind': 'person', 'party.name': '张三', 'party.id_no': person,
  officers: '37020200001;37020200002', procedure: 'ordinary', filed_on: '2026-03-02', ...extra,
});

test('a filled cases template: good rows stored, bad rows reported by Excel row number', async () => {
  const filled = fillTemplate(templates.cases, [
    { row: 3, cells: goodRow('表格〔2026〕1号', { decided_on: '2026-03-20', 'decision.outcome': 'penalty', 'decision.fine': '5000', 'decision.basis': '《中华人民共和国食品安全法》第一百二十四条' }) },
    // row 4 left empty
    { row: 5, cells: goodRow('表格〔2026〕2号', { filed_on: '2026-02-30' }) },
    // shared strings, a date serial, a boolean cell and a number, as Excel saves them
    { row: 6, cells: goodRow('', { case_no: { shared: '表格〔2026〕3号' }, 'party.name': { shared: '李四' }, filed_on: { n: 46083 }, hearing_right_notified: { b: true }, 'decision.fine': { n: 1234.5 } }) },
    { row: 7, cells: goodRow('表格〔2026〕4号', { 'party.id_no': cnidWrongCheck(person) }) },
    { row: 8, cells: goodRow('表格〔2026〕5号', { agency: A2 }) },
    { row: 9, cells: goodRow('表格〔2026〕6号', { 'decision.fine': { e: '#N/A' } }) },
    { row: 10, cells: goodRow('表格〔2026〕7号', { kind: 'robbery' }) },
  ]);
  // el-upload may send any Content-Type: the bytes decide
  const r = await upload(officer, filled, 'application/octet-stream');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.format, 'xlsx');
  assert.deepEqual([r.body.imported, r.body.rejected], [2, 5]);
  assert.deepEqual(r.body.errors.map((e) => e.line), [5, 7, 8, 9, 10]);
  assert.deepEqual(r.body.errors.map((e) => e.key), ['表格〔2026〕2号', '表格〔2026〕4号', '表格〔2026〕5号', '表格〔2026〕6号', '表格〔2026〕7号']);
  for (const e of r.body.errors) assert.ok(hasChinese(e.error), e.error);
  assert.match(r.body.errors[0].error, /filed_on/);
  assert.match(r.body.errors[1].error, /party\.id_no/);
  assert.match(r.body.errors[2].error, /数据范围/);
  assert.match(r.body.errors[3].error, /decision\.fine.*错误值/);
  assert.match(r.body.errors[4].error, /kind/);

  const one = (await officer.get(`/cases/${encodeURIComponent('表格〔2026〕1号')}`)).body.case;
  assert.deepEqual(one.officers, ['37020200001', '37020200002']);
  assert.equal(one.decision.fine, 5000);
  assert.deepEqual(one.decision.basis, [{ law: '中华人民共和国食品安全法', article: '第一百二十四条' }]);
  assert.equal(one.party.id_no, person);
  const three = (await officer.get(`/cases/${encodeURIComponent('表格〔2026〕3号')}`)).body.case;
  assert.equal(three.filed_on, '2026-03-02');
  assert.equal(three.hearing_right_notified, true);
  assert.equal(three.decision.fine, 1234.5);
  assert.equal(three.party.name, '李四');
  for (const no of ['表格〔2026〕2号', '表格〔2026〕4号', '表格〔2026〕6号'])
    assert.equal((await officer.get(`/cases/${encodeURIComponent(no)}`)).status, 404, no);

  const again = await upload(officer, filled);
  assert.deepEqual([again.body.imported, again.body.rejected], [2, 5], 're-import changes nothing');
});

test('an officers template with columns moved and dropped is read by its key row', async () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 't.xlsx'), templates.officers);
  await sh('unzip', ['-q', 't.xlsx', '-d', 'x'], { cwd: dir });
  const sheetPath = path.join(dir, 'x/xl/worksheets/sheet1.xml');
  // swap the first two key cells (cert_no ↔ name) and the data goes where the keys say
  let s = fs.readFileSync(sheetPath, 'utf8');
  s = s.replace('<t xml:space="preserve">cert_no</t>', '<t>@@</t>').replace('<t xml:space="preserve">name</t>', '<t>cert_no</t>').replace('<t>@@</t>', '<t>name</t>');
  s = s.replace('</sheetData>', '<row r="3"><c r="A3" t="inlineStr"><is><t>赵表格</t></is></c><c r="B3"><v>37020209999</v></c>' +
    `<c r="C3" t="inlineStr"><is><t>${A1}</t></is></c><c r="D3"><v>44927</v></c><c r="E3" t="inlineStr"><is><t>2028-12-31</t></is></c>` +
    '<c r="F3" t="inlineStr"><is><t>active</t></is></c></row></sheetData>');
  fs.writeFileSync(sheetPath, s);
  await sh('zip', ['-q', '-r', '../moved.xlsx', '.'], { cwd: path.join(dir, 'x') });
  const r = await upload(officer, fs.readFileSync(path.join(dir, 'moved.xlsx')));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([r.body.imported, r.body.rejected], [1, 0], JSON.stringify(r.body.errors));
  const o = (await officer.get('/officers/37020209999')).body;
  assert.equal(o.name, '赵表格');
  assert.equal(o.cert_valid_from, '2023-01-01');
});

test('legacy .xls, encrypted, garbage, damaged and zip-bomb files are refused in Chinese', async () => {
  const dir = tmpDir();
  const refuse = async (name, bytes, status, code, type = XLSX) => {
    const r = await upload(officer, bytes, type);
    assert.equal(r.status, status, `${name}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.code, code, name);
    assert.ok(hasChinese(r.body.error.message), name);
    return r.body.error.message;
  };
  const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096, 1)]);
  assert.match(await refuse('xls', ole, 422, 'xlsx_legacy', 'application/vnd.ms-excel'), /\.xlsx/);
  // a password-protected zip of a real workbook
  fs.writeFileSync(path.join(dir, 't.xlsx'), templates.cases);
  await sh('unzip', ['-q', 't.xlsx', '-d', 'x'], { cwd: dir });
  await sh('zip', ['-q', '-r', '-P', 'secret', '../enc.xlsx', '.'], { cwd: path.join(dir, 'x') });
  await refuse('encrypted', fs.readFileSync(path.join(dir, 'enc.xlsx')), 422, 'xlsx_encrypted');
  await refuse('garbage', Buffer.from('this is not a spreadsheet'), 400, 'not_xlsx');
  await refuse('truncated', templates.cases.subarray(0, 300), 400, 'xlsx_malformed');
  // damaged XML inside an intact archive
  fs.writeFileSync(path.join(dir, 'x/xl/worksheets/sheet1.xml'), '<worksheet><sheetData><row r="1"><c t="s"><v>');
  await sh('zip', ['-q', '-r', '../bad.xlsx', '.'], { cwd: path.join(dir, 'x') });
  assert.match(await refuse('bad xml', fs.readFileSync(path.join(dir, 'bad.xlsx')), 400, 'xlsx_malformed'), /XML/);
  // 200 MiB of spaces compresses to a few hundred KiB
  fs.writeFileSync(path.join(dir, 'x/xl/worksheets/sheet1.xml'), Buffer.alloc(200 << 20, 0x20));
  await sh('zip', ['-q', '-r', '../bomb.xlsx', '.'], { cwd: path.join(dir, 'x') });
  const bomb = fs.readFileSync(path.join(dir, 'bomb.xlsx'));
  assert.ok(bomb.length < 2 << 20);
  await refuse('bomb', bomb, 422, 'xlsx_too_large');
  // a zip that is not a workbook
  fs.writeFileSync(path.join(dir, 'a.txt'), 'hello');
  await sh('zip', ['-q', 'other.zip', 'a.txt'], { cwd: dir });
  await refuse('zip', fs.readFileSync(path.join(dir, 'other.zip')), 400, 'not_xlsx', 'application/zip');
  // a workbook whose key row was deleted
  fs.writeFileSync(path.join(dir, 'k.xlsx'), templates.cases);
  await sh('unzip', ['-q', 'k.xlsx', '-d', 'k'], { cwd: dir });
  const ks = path.join(dir, 'k/xl/worksheets/sheet1.xml');
  fs.writeFileSync(ks, fs.readFileSync(ks, 'utf8').replace(/<row r="2">.*?<\/row>/, ''));
  fs.writeFileSync(path.join(dir, 'k/xl/worksheets/sheet2.xml'), '<worksheet><sheetData/></worksheet>');
  await sh('zip', ['-q', '-r', '../nokeys.xlsx', '.'], { cwd: path.join(dir, 'k') });
  assert.match(await refuse('no key row', fs.readFileSync(path.join(dir, 'nokeys.xlsx')), 422, 'xlsx_no_key_row'), /字段键/);
  // the server is still up
  assert.equal((await officer.get('/session')).status, 200);
});

/** The server's peak resident memory so far, in bytes (Linux /proc). */
function peakRss(pid) {
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return Number(m[1]) * 1024;
}

test('a workbook repeating one long shared string is refused at the text budget without the memory it names', async () => {
  // one 120,000-byte shared string, then 40 rows of 16,383 cells naming it: 78 GB of cell text
  const seed = fillTemplate(templates.cases, [{ row: 3, cells: { case_no: { shared: 'x'.repeat(120000) } } }]);
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 's.xlsx'), seed);
  await sh('unzip', ['-q', 's.xlsx', '-d', 'x'], { cwd: dir });
  const sheetPath = path.join(dir, 'x/xl/worksheets/sheet1.xml');
  const refs = '<c t="s"><v>0</v></c>'.repeat(16383);
  let rows = '';
  for (let r = 3; r < 43; r++) rows += `<row r="${r}">${refs}</row>`;
  fs.writeFileSync(sheetPath, fs.readFileSync(sheetPath, 'utf8').replace(/<row r="3">.*?<\/row>/, rows));
  await sh('zip', ['-q', '-r', '-X', '../bomb.xlsx', '.'], { cwd: path.join(dir, 'x') });
  const bomb = fs.readFileSync(path.join(dir, 'bomb.xlsx'));
  assert.ok(bomb.length < 1 << 20, `${bomb.length} bytes`);

  const before = peakRss(srv.proc.pid);
  const t0 = Date.now();
  const r = await upload(officer, bomb);
  const took = Date.now() - t0;
  assert.equal(r.status, 422, JSON.stringify(r.body));
  assert.equal(r.body.error.code, 'xlsx_too_large');
  assert.ok(hasChinese(r.body.error.message));
  assert.match(r.body.error.message, /128 MiB/);
  assert.ok(took < 10000, `refused after ${took} ms`);
  const grew = peakRss(srv.proc.pid) - before;
  assert.ok(grew < 512 << 20, `peak memory grew by ${grew >> 20} MiB`);
  const health = await fetch(`${srv.base}/api/v1/healthz`);
  assert.equal(health.status, 200);
  assert.equal((await health.json()).status, 'ok');
});

test('a row of 1.5 MiB of text is one rejected line with its row number; the other rows are stored', async () => {
  const keys = Object.keys(keyColumns(zipPart(templates.cases, 'xl/worksheets/sheet1.xml'))).slice(0, 16);
  assert.equal(keys.length, 16);
  const long = Object.fromEntries(keys.map((k) => [k, { shared: 'y'.repeat(96 << 10) }])); // 16 × 96 KiB = 1.5 MiB
  const filled = fillTemplate(templates.cases, [
    { row: 3, cells: goodRow('长行〔2026〕1号') },
    { row: 4, cells: long },
    { row: 5, cells: goodRow('长行〔2026〕2号') },
  ]);
  const r = await upload(officer, filled);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([r.body.imported, r.body.rejected, r.body.lines], [2, 1, 5]);
  assert.equal(r.body.errors.length, 1);
  assert.equal(r.body.errors[0].line, 4);
  assert.match(r.body.errors[0].error, /1 MiB/);
  assert.ok(hasChinese(r.body.errors[0].error));
  for (const no of ['长行〔2026〕1号', '长行〔2026〕2号'])
    assert.equal((await officer.get(`/cases/${encodeURIComponent(no)}`)).status, 200, no);
});

test('xlsx upload needs intake.write like the JSON Lines upload', async () => {
  const filled = fillTemplate(templates.cases, [{ row: 3, cells: goodRow('权限〔2026〕1号') }]);
  assert.equal((await upload(leader, filled)).status, 403);
  const anon = await client(srv.base).raw('/api/v1/imports', { method: 'POST', body: filled, headers: { 'Content-Type': XLSX } });
  assert.equal(anon.status, 401);
  assert.equal((await officer.get(`/cases/${encodeURIComponent('权限〔2026〕1号')}`)).status, 404);
});

test('the cases template takes the fields of rules v2: approval, 催告, enforcement decision, waiver, licence service', async () => {
  const seize = { case_no: '表格强〔2026〕1号', agency: A1, kind: 'coercion', power: 'SC-QZ-001', 'party.kind': 'person',
    'party.name': '张三', 'party.id_no': person, officers: '37020200001;37020200002', measure: 'seize',
    started_on: '2026-04-08', approved_on: '2026-04-08', urgent: '是' };
  const enforce = { ...seize, case_no: '表格强〔2026〕2号', measure: 'enforce', approved_on: '', urgent: '',
    demand_served_on: '2026-04-10', demand_due_on: '2026-04-20', enforce_decided_on: '2026-04-21' };
  const waived = goodRow('表格〔2026〕9号', { hearing_waived: '是' });
  const filled = fillTemplate(templates.cases, [{ row: 3, cells: seize }, { row: 4, cells: enforce }, { row: 5, cells: waived }]);
  const r = await upload(officer, filled, 'application/octet-stream');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([r.body.imported, r.body.rejected], [3, 0], JSON.stringify(r.body.errors));
  const get = async (no) => (await officer.get(`/cases/${encodeURIComponent(no)}`)).body.case;
  const s = await get('表格强〔2026〕1号');
  assert.deepEqual([s.approved_on, s.urgent], ['2026-04-08', true]);
  const e = await get('表格强〔2026〕2号');
  assert.deepEqual([e.demand_served_on, e.demand_due_on, e.enforce_decided_on], ['2026-04-10', '2026-04-20', '2026-04-21']);
  assert.equal((await get('表格〔2026〕9号')).hearing_waived, true);
  const bad = fillTemplate(templates.cases, [{ row: 3, cells: { ...seize, case_no: '表格强〔2026〕3号', approved_on: '2026-04-31' } }]);
  const rb = await upload(officer, bad, 'application/octet-stream');
  assert.deepEqual([rb.body.imported, rb.body.rejected], [0, 1]);
  assert.match(rb.body.errors[0].error, /approved_on/);
});
