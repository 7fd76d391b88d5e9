// Data intake against the real server: exchange-v1 upload with per-line rejects and the
// uploader's data scope, post-hoc case entry by form (validated like import, re-checked at
// once), monthly reports with the overdue list as of a date, and the scoped export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, hasChinese, rawRequest, rawStatus } from './lib/zhifa.mjs';
import { cnid, cnidWrongCheck, uscc, usccWrongCheck } from './lib/codes.mjs';

const A1 = '113702021588139920';  // 市南区市场监督管理局 (370202)
const A2 = '11370203869879736T';  // 市北区交通运输局 (370203)
let srv, officer, sup, leader, base;

before(async () => {
  const db = path.join(tmpDir(), 'intake.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const o = addUser(db, { username: 'i_officer', role: 'officer', agency: A1 });
  const s = addUser(db, { username: 'i_sup', role: 'supervisor', region: '370200' });
  const l = addUser(db, { username: 'i_leader', role: 'leader', region: '370200' });
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  base = srv.base;
  officer = await login(base, o.username, o.password);
  sup = await login(base, s.username, s.password);
  leader = await login(base, l.username, l.password);
});
after(() => srv?.stop());

function upload(who, text, type = 'application/x-ndjson') {
  return who.raw('/api/v1/imports', {
    method: 'POST', body: text, headers: { 'Content-Type': type, 'X-CSRF-Token': who.csrf },
  }).then(async (r) => ({ status: r.status, body: await r.json() }));
}

const caseRec = (no, extra = {}) => ({
  type: 'case', case_no: no, agency: A1, kind: 'penalty', power: 'SC-CF-001',
  party: { kind: 'person', name: '张三', id_no: cnid('37020219800101123') },
  officers: ['37020200001', '37020200002'], procedure: 'ordinary',
  filed_on: '2026-03-02', decided_on: '2026-03-20', closed_on: '2026-03-30', ...extra,
});
const line = (o) => JSON.stringify(o);

test('upload keeps good lines and reports each bad line with its number, key and reason', async () => {
  const lines = [
    line(caseRec('上传〔2026〕1号')),
    '{"type":"case", "case_no": ',                                                     // malformed JSON
    line(caseRec('上传〔2026〕2号', { party: { kind: 'person', name: '李四', id_no: cnidWrongCheck(cnid('37020219800101123')) } })),
    line(caseRec('上传〔2026〕3号', { decided_on: '2026-02-30' })),                     // impossible date
    line(caseRec('上传〔2026〕4号', { decision: { outcome: 'penalty', measures: ['fine'], fine: -5 } })),
    '',
    line({ type: 'agency', code: usccWrongCheck(uscc('11370202MB1234567')), name: '某局', region: '370202', level: 'county', kind: 'department' }),
    line(caseRec('上传〔2026〕5号')),
  ];
  const r = await upload(officer, lines.join('\n') + '\n');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.imported, 2);
  assert.equal(r.body.rejected, 5);
  assert.deepEqual(r.body.errors.map((e) => e.line), [2, 3, 4, 5, 7]);
  assert.deepEqual(r.body.errors.map((e) => e.key), ['', '上传〔2026〕2号', '上传〔2026〕3号', '上传〔2026〕4号', r.body.errors[4].key]);
  for (const e of r.body.errors) assert.ok(hasChinese(e.error), e.error);
  assert.match(r.body.errors[2].error, /decided_on/);
  assert.match(r.body.errors[3].error, /fine/);
  // good lines are stored and visible; bad ones are not
  assert.equal((await officer.get(`/cases/${encodeURIComponent('上传〔2026〕1号')}`)).status, 200);
  assert.equal((await officer.get(`/cases/${encodeURIComponent('上传〔2026〕5号')}`)).status, 200);
  assert.equal((await officer.get(`/cases/${encodeURIComponent('上传〔2026〕3号')}`)).status, 404);
  // the same file again: the same counts, nothing else changed
  const again = await upload(officer, lines.join('\n') + '\n', 'text/plain; charset=utf-8');
  assert.deepEqual([again.body.imported, again.body.rejected], [2, 5]);
});

test('an officer may upload only his own agency\'s records; a supervisor his region\'s', async () => {
  const text = [line(caseRec('范围〔2026〕1号')), line(caseRec('范围〔2026〕2号', { agency: A2 }))].join('\n');
  const r = await upload(officer, text);
  assert.deepEqual([r.body.imported, r.body.rejected], [1, 1]);
  assert.equal(r.body.errors[0].line, 2);
  assert.equal(r.body.errors[0].key, '范围〔2026〕2号');
  assert.match(r.body.errors[0].error, /数据范围/);
  const s = await upload(sup, text);
  assert.deepEqual([s.body.imported, s.body.rejected], [2, 0]);
  const outside = await upload(sup, line(caseRec('范围〔2026〕3号', { agency: uscc('11370100MB1234567') })));
  assert.deepEqual([outside.body.imported, outside.body.rejected], [0, 1]);
  const power = await upload(officer, line({ type: 'power', code: 'X-1', name: '某事项', kind: 'penalty' }));
  assert.equal(power.body.rejected, 1);
});

test('an upload may exceed the 1 MiB API body limit, up to 16 MiB', async () => {
  const one = line(caseRec('大文件〔2026〕1号'));
  const text = Array.from({ length: Math.ceil((2 << 20) / one.length) }, () => one).join('\n') + '\n';
  assert.ok(text.length > 2 << 20);
  const r = await upload(officer, text);
  assert.equal(r.status, 200);
  assert.equal(r.body.rejected, 0);
  const raw = await rawRequest(srv.port, `POST /api/v1/imports HTTP/1.1\r\nHost: x\r\nCookie: ${officer.cookie}\r\n` +
    `X-CSRF-Token: ${officer.csrf}\r\nContent-Type: text/plain\r\nContent-Length: ${(16 << 20) + 1}\r\n\r\n`);
  assert.equal(rawStatus(raw), 413);
  // headers only: the server refuses from the declared length and closes, and a client still
  // writing the body would see the close instead of the 413 (a flake under load, not a bug)
  const other = await rawRequest(srv.port, `POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nCookie: ${officer.cookie}\r\n` +
    `X-CSRF-Token: ${officer.csrf}\r\nContent-Type: application/json\r\nContent-Length: ${(1 << 20) + 10}\r\n\r\n`);
  assert.equal(rawStatus(other), 413, 'other routes keep the 1 MiB limit');
});

test('an uploaded 10 MB line is reported by its number; the good lines around it are stored', async () => {
  const huge = line(caseRec('长行〔2026〕9号', { remark: '记'.repeat(10 * 1024 * 1024 / 3) }));
  assert.ok(Buffer.byteLength(huge) >= 10 * 1024 * 1024);
  const text = [line(caseRec('长行〔2026〕1号')), huge, line(caseRec('长行〔2026〕2号'))].join('\n');
  const r = await upload(officer, text);
  assert.equal(r.status, 200);
  assert.deepEqual([r.body.imported, r.body.rejected], [2, 1]);
  assert.deepEqual(r.body.errors.map((x) => x.line), [2]);
  assert.match(r.body.errors[0].error, /1 MiB/);
  for (const no of ['长行〔2026〕1号', '长行〔2026〕2号']) {
    assert.equal((await officer.get(`/cases/${encodeURIComponent(no)}`)).status, 200, no);
  }
});

test('upload refuses other content types', async () => {
  const r = await upload(officer, '<xml/>', 'application/xml');
  assert.equal(r.status, 415);
  assert.ok(hasChinese(r.body.error.message));
});

test('POST /cases stores a case entered by form and returns the findings raised for it', async () => {
  const rec = caseRec('录入〔2026〕1号', { officers: ['37020200001'] });
  delete rec.type;
  const r = await officer.send('POST', '/cases', rec);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.case.case_no, '录入〔2026〕1号');
  const p01 = r.body.findings.find((f) => f.rule === 'P01');
  assert.ok(p01, JSON.stringify(r.body.findings));
  assert.match(p01.law, /行政处罚法/);
  // the same number again is a conflict; an edit goes through PUT and clears P01
  assert.equal((await officer.send('POST', '/cases', rec)).status, 409);
  const url = `/cases/${encodeURIComponent('录入〔2026〕1号')}`;
  const e = await officer.send('PUT', url, { ...rec, officers: ['37020200001', '37020200002'] });
  assert.equal(e.status, 200, JSON.stringify(e.body));
  assert.ok(!e.body.findings.some((f) => f.rule === 'P01'));
  assert.equal((await officer.get(url)).body.case.officers.length, 2);
});

test('POST /cases refuses what import refuses, naming the field in Chinese', async () => {
  const bad = [
    [caseRec('录入〔2026〕2号', { filed_on: '2026-02-30' }), 'filed_on'],
    [caseRec('录入〔2026〕2号', { decision: { outcome: 'penalty', fine: -1 } }), 'decision.fine'],
    [caseRec('录入〔2026〕2号', { party: { kind: 'org', name: '某公司', id_no: usccWrongCheck(uscc('91370202MA1234567')) } }), 'party.id_no'],
    [{ case_no: '录入〔2026〕2号', kind: 'penalty' }, 'agency'],
    [caseRec('录入〔2026〕2号', { kind: 'other' }), 'kind'],
  ];
  for (const [body, field] of bad) {
    const r = await officer.send('POST', '/cases', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.body.error.field, field);
    assert.ok(hasChinese(r.body.error.message));
  }
  const other = await officer.send('POST', '/cases', caseRec('录入〔2026〕3号', { agency: A2 }));
  assert.equal(other.status, 403);
  assert.equal(other.body.error.field, 'agency');
  // an edit of another agency's case looks like an absent case
  await upload(sup, line(caseRec('录入〔2026〕4号', { agency: A2 })));
  const put = await officer.send('PUT', `/cases/${encodeURIComponent('录入〔2026〕4号')}`, caseRec('录入〔2026〕4号'));
  assert.equal(put.status, 404);
});

test('monthly report: an agency submits its counts; the supervisor sees who is overdue as of a date', async () => {
  const counts = { penalty: 3, license: 10, coercion: 0, inspection: 12, fine_total: 1500.5, reconsideration: 0, litigation: 0, overturned: 0 };
  const bad = await officer.send('PUT', `/reports/monthly/${A1}/2026-04`, { counts: { ...counts, penalty: -1 } });
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.field, /counts/);
  assert.equal((await officer.send('PUT', `/reports/monthly/${A2}/2026-04`, { counts })).status, 403);
  assert.equal((await officer.send('PUT', `/reports/monthly/${A1}/2026-13`, { counts })).status, 400);
  const ok = await officer.send('PUT', `/reports/monthly/${A1}/2026-04`, { counts });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.due_on, '2026-05-10');

  const onDue = await sup.get('/reports/monthly?month=2026-04&as_of=2026-05-10');
  assert.equal(onDue.status, 200);
  assert.equal(onDue.body.due_on, '2026-05-10');
  const row = (b, code) => b.items.find((i) => i.agency === code);
  assert.equal(row(onDue.body, A1).submitted, true);
  assert.equal(row(onDue.body, A1).report.counts.penalty, 3);
  assert.equal(row(onDue.body, A2).submitted, false);
  assert.equal(row(onDue.body, A2).overdue, false, 'the due day itself is still on time');
  const after = await sup.get('/reports/monthly?month=2026-04&as_of=2026-05-11');
  assert.equal(row(after.body, A2).overdue, true);
  assert.equal(row(after.body, A1).overdue, false);
  assert.equal(after.body.overdue, after.body.items.length - 1);
  // December's reports are due in January of the next year
  assert.equal((await sup.get('/reports/monthly?month=2025-12&as_of=2026-01-05')).body.due_on, '2026-01-10');
  // the leader reads, without picking a date; an officer may not read the list
  assert.equal((await leader.get('/reports/monthly?month=2026-04')).status, 200);
  assert.equal((await officer.get('/reports/monthly?month=2026-04')).status, 403);
  assert.equal((await sup.get('/reports/monthly?month=2026-4')).status, 400);
  assert.equal((await sup.get('/reports/monthly?month=2026-04&as_of=2026-02-30')).status, 400);
});

test('export returns the supervisor\'s scope as exchange-v1 lines that import accepts', async () => {
  const r = await sup.raw('/api/v1/export');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /ndjson/);
  const lines = (await r.text()).trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(lines.some((l) => l.type === 'case' && l.case_no === '上传〔2026〕1号'));
  assert.ok(lines.some((l) => l.type === 'monthly_report' && l.agency === A1));
  assert.ok(lines.every((l) => l.type !== 'agency' || l.region.startsWith('3702')));
  const kinds = [...new Set(lines.map((l) => l.type))];
  assert.deepEqual(kinds, ['agency', 'officer', 'power', 'benchmark', 'case', 'monthly_report'].filter((k) => kinds.includes(k)));
  assert.equal((await officer.get('/export')).status, 403);
});
