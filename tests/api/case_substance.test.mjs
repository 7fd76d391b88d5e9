// 案情 of a case (docs/case-record.md "Substance", issue 19): optional in exchange-v1 and checked
// there for types, lengths and codes; written back by `export`; required by the online gates where
// the law requires it — 告知 (行政处罚法 第四十四条), the decision (第四十条 evidence, 第四十五条 the
// party's statement reviewed) and the on-the-spot decision (第五十二条); the evidence list names the
// case's own attachments only; the decision takes the proposed 处罚依据 as its basis.
// The article numbers below are read from the statute (data/laws/行政处罚法), not from the program.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, runAsync, tmpDir, startServer, addUser, login, hasChinese } from './lib/zhifa.mjs';
import { cnid } from './lib/codes.mjs';
import { SUBSTANCE } from './lib/substance.mjs';

const AGENCY = '113702021588139920';
let srv, db;
const as = {};

before(async () => {
  db = path.join(tmpDir(), 'substance.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const users = {
    officer: addUser(db, { username: 's_officer', role: 'officer', agency: AGENCY }),
    head: addUser(db, { username: 's_head', role: 'agency_head', agency: AGENCY }),
    legal: addUser(db, { username: 's_legal', role: 'legal_reviewer', agency: AGENCY }),
  };
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, u] of Object.entries(users)) as[k] = await login(srv.base, u.username, u.password);
});
after(() => srv?.stop());

const enc = encodeURIComponent;
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

async function file(extra = {}, caseType = 'penalty_ordinary') {
  const r = await as.officer.send('POST', '/workflow/cases', {
    case_type: caseType, power: 'SC-CF-001',
    party: { kind: 'org', name: '青岛某某食品有限公司', id_no: '91370202091141705L' },
    officers: ['37020200001', '37020200002'],
    violation_ended_on: '2026-03-01', discovered_on: '2026-03-02', ...extra,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.case.case_no;
}
const act = (who, caseNo, action, fields = {}) =>
  as[who].send('POST', `/workflow/cases/${enc(caseNo)}/actions`, { action, fields });
async function ok(who, caseNo, action, fields) {
  const r = await act(who, caseNo, action, fields);
  assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`);
  return r.body;
}
function refused(r, code, article, names) {
  assert.equal(r.status, 422, JSON.stringify(r.body));
  assert.equal(r.body.error.code, code);
  assert.ok(r.body.error.message.includes(`《中华人民共和国行政处罚法》${article}`), r.body.error.message);
  for (const n of names) assert.ok(r.body.error.message.includes(n), `${n} not named: ${r.body.error.message}`);
}
function uploadPhoto(caseNo, name) {
  const c = as.officer;
  return c.raw(`/api/v1/workflow/cases/${enc(caseNo)}/attachments?${new URLSearchParams({ name, stage: 'clue', kind: 'photo' })}`, {
    method: 'POST', headers: { 'Content-Type': 'image/png', 'X-CSRF-Token': c.csrf }, body: PNG_1X1,
  }).then(async (r) => ({ status: r.status, body: await r.json() }));
}

// ---- dictionaries ---------------------------------------------------------------------------

test('GET /dicts names the kinds of evidence of 行政处罚法 第四十六条 and the outcomes of a statement', async () => {
  const d = (await as.officer.get('/dicts')).body;
  assert.deepEqual(d.evidence_kinds.map((e) => e.name),
    ['书证', '物证', '视听资料', '电子数据', '证人证言', '当事人的陈述', '鉴定意见', '勘验笔录、现场笔录']);
  assert.deepEqual(d.defense_outcomes.map((e) => e.code), ['adopted', 'partly', 'rejected']);
  for (const e of d.defense_outcomes) assert.ok(hasChinese(e.name));
});

// ---- import: types, lengths, codes; absent fields fine ----------------------------------------

const caseRec = (no, extra = {}) => ({
  type: 'case', case_no: no, agency: AGENCY, kind: 'penalty', power: 'SC-CF-001',
  party: { kind: 'person', name: '张三', id_no: cnid('37020219800101123') },
  officers: ['37020200001', '37020200002'], procedure: 'ordinary',
  filed_on: '2026-03-02', decided_on: '2026-03-20', closed_on: '2026-03-30', ...extra,
});

test('import keeps 案情 and refuses a bad kind, a too long text or a wrong type with the line and the field', async () => {
  const lines = [
    caseRec('案情〔2026〕1号', { ...SUBSTANCE, defense: { received_on: '2026-03-10', waived: false, summary: '请求从轻', adopted: 'partly', reason: '主动整改' } }),
    caseRec('案情〔2026〕2号'), // no substance at all: kept
    caseRec('案情〔2026〕3号', { evidence: [{ name: '传闻', kind: 'hearsay' }] }),
    caseRec('案情〔2026〕4号', { cause: '案'.repeat(201) }),
    caseRec('案情〔2026〕5号', { facts: 42 }),
    caseRec('案情〔2026〕6号', { cause: '案'.repeat(200) }), // 200 characters is the limit, not 200 bytes
    caseRec('案情〔2026〕7号', { defense: { waived: false, adopted: 'perhaps' } }),
    caseRec('案情〔2026〕8号', { penalty_basis: [{ law: '中华人民共和国食品安全法' }] }),
  ].map((o) => JSON.stringify(o));
  const r = await as.officer.raw('/api/v1/imports', {
    method: 'POST', body: lines.join('\n') + '\n', headers: { 'Content-Type': 'application/x-ndjson', 'X-CSRF-Token': as.officer.csrf },
  }).then(async (x) => ({ status: x.status, body: await x.json() }));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.errors.map((e) => e.line), [3, 4, 5, 7, 8]);
  const [kind, long, type, outcome, basis] = r.body.errors;
  assert.match(kind.error, /evidence\[0\]\.kind/);
  assert.match(long.error, /cause.*200/);
  assert.match(type.error, /facts/);
  assert.match(outcome.error, /defense\.adopted/);
  assert.match(basis.error, /penalty_basis\[0\]\.article/);
  for (const e of r.body.errors) assert.ok(hasChinese(e.error), e.error);
  assert.equal(r.body.imported, 3);
  const kept = (await as.officer.get(`/cases/${enc('案情〔2026〕1号')}`)).body;
  const rec = kept.case ?? kept;
  assert.equal(rec.cause, SUBSTANCE.cause);
  assert.deepEqual(rec.evidence, SUBSTANCE.evidence);
  assert.equal(rec.defense.adopted, 'partly');
});

test('the post-hoc entry form takes 案情 as optional fields, validated like the import', async () => {
  const good = await as.officer.send('POST', '/cases', caseRec('案情〔2026〕21号', SUBSTANCE));
  assert.equal(good.status, 201, JSON.stringify(good.body));
  assert.equal(good.body.case.facts, SUBSTANCE.facts);
  const bad = await as.officer.send('POST', '/cases', caseRec('案情〔2026〕22号', { evidence: [{ name: '照片', kind: 'photo' }] }));
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'evidence[0].kind');
});

test('export writes 案情; export → import into an empty database → export is identical', async () => {
  // runAsync: the event loop stays free, so the server's closing of the idle keep-alive connections
  // of the clients above (header deadline) is seen before the next test sends on them
  const own = path.join(tmpDir(), 'roundtrip-a.db');
  assert.equal((await runAsync(['--db', own, 'init', '--demo'])).code, 0);
  const first = await runAsync(['--db', own, 'export']);
  assert.equal(first.code, 0, first.stderr);
  const recs = first.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const withSubstance = recs.filter((x) => x.type === 'case' && x.evidence && x.penalty_basis && x.facts);
  assert.ok(withSubstance.length >= 10, `only ${withSubstance.length} demo cases carry 案情`);
  assert.ok(recs.some((x) => x.type === 'case' && x.defense?.adopted));
  const empty = path.join(tmpDir(), 'roundtrip-b.db');
  assert.equal((await runAsync(['--db', empty, 'init'])).code, 0);
  const imported = await runAsync(['--db', empty, 'import', '-'], { input: first.stdout });
  assert.equal(imported.code, 0, imported.stderr);
  const second = await runAsync(['--db', empty, 'export']);
  assert.equal(second.stdout, first.stdout);
});

// ---- the gates ---------------------------------------------------------------------------

test('告知 is refused without 案由, 违法事实 and both bases (第四十四条), then passes once they are written', async () => {
  const caseNo = await file();
  await ok('officer', caseNo, 'submit_filing', { on: '2026-03-03' });
  await ok('head', caseNo, 'approve_filing', { on: '2026-03-04' });
  await ok('officer', caseNo, 'finish_investigation', { on: '2026-03-10', measures: ['fine'], fine: 20000, tier: 'ordinary' });
  refused(await act('legal', caseNo, 'approve_case_review', { on: '2026-03-12' }), 'gate_substance_notice', '第四十四条',
    ['案由', '违法事实', '定性依据', '处罚依据']);
  await ok('officer', caseNo, 'record', { cause: SUBSTANCE.cause, facts: SUBSTANCE.facts });
  refused(await act('legal', caseNo, 'approve_case_review', { on: '2026-03-12' }), 'gate_substance_notice', '第四十四条',
    ['定性依据', '处罚依据']);
  await ok('officer', caseNo, 'record', { violation_basis: SUBSTANCE.violation_basis, penalty_basis: SUBSTANCE.penalty_basis });
  const inNotice = await ok('legal', caseNo, 'approve_case_review', { on: '2026-03-12' });
  assert.equal(inNotice.workflow.stage, 'notice');

  // recording the notice itself needs what it tells the party: a cleared 违法事实 is refused
  await ok('officer', caseNo, 'record', { facts: null });
  refused(await act('officer', caseNo, 'record', { notified_on: '2026-03-16', hearing_right_notified: true }),
    'gate_substance_notice', '第四十四条', ['违法事实']);
  await ok('officer', caseNo, 'record', { facts: SUBSTANCE.facts, notified_on: '2026-03-16', hearing_right_notified: true });

  // the decision: evidence (第四十条), then the statement received and not yet reviewed (第四十五条)
  refused(await act('officer', caseNo, 'submit_decision', { on: '2026-03-24' }), 'gate_substance_evidence', '第四十条', ['证据目录']);
  await ok('officer', caseNo, 'record', { evidence: SUBSTANCE.evidence });
  refused(await act('officer', caseNo, 'submit_decision', {
    on: '2026-03-24', defense: { received_on: '2026-03-18', waived: false, summary: '当事人称系初次违法，请求从轻处罚' },
  }), 'gate_substance_defense', '第四十五条', ['采纳']);
  await ok('officer', caseNo, 'submit_decision', {
    on: '2026-03-24',
    defense: { received_on: '2026-03-18', waived: false, summary: '当事人称系初次违法，请求从轻处罚', adopted: 'partly', reason: '初次违法属实' },
  });
  // while the head signs the decision, its basis cannot change under him (第五十七条); the facts can be noted
  const changed = await act('officer', caseNo, 'record', { penalty_basis: [{ law: '中华人民共和国食品安全法', article: '第一百二十六条' }] });
  assert.equal(changed.status, 409, JSON.stringify(changed.body));
  assert.equal(changed.body.error.code, 'under_approval');
  await ok('officer', caseNo, 'record', { cause: '销售超过保质期的预包装食品' });
  const decided = await ok('head', caseNo, 'approve_decision', { on: '2026-03-25' });
  assert.equal(decided.workflow.stage, 'service');
  // the decision's basis is the 处罚依据 proposed at 告知, not the power's
  assert.deepEqual(decided.case.decision.basis, SUBSTANCE.penalty_basis);
  assert.equal(decided.case.defense.adopted, 'partly');
});

test('当场处罚 is refused without 案由, 违法事实 and 处罚依据 (第五十二条); 定性依据 and evidence are not asked', async () => {
  const caseNo = await file({ party: { kind: 'person', name: '张三', id_no: cnid('37020219900101123') } }, 'penalty_simple');
  const spot = { on: '2026-03-02', measures: ['warning'], notified_on: '2026-03-02' };
  refused(await act('officer', caseNo, 'decide_on_spot', spot), 'gate_substance_onspot', '第五十二条', ['案由', '违法事实', '处罚依据']);
  const d = await ok('officer', caseNo, 'decide_on_spot', {
    ...spot, cause: SUBSTANCE.cause, facts: SUBSTANCE.facts, penalty_basis: SUBSTANCE.penalty_basis,
  });
  assert.equal(d.workflow.stage, 'onspot_service');
});

// ---- the evidence list and the case's attachments ------------------------------------------

test('an evidence item names an attachment of its own case only, as stored', async () => {
  const mine = await file(), other = await file();
  const a = await uploadPhoto(mine, '现场照片.png');
  const b = await uploadPhoto(other, '别案照片.png');
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.equal(b.status, 201, JSON.stringify(b.body));
  const item = (attachment) => [{ name: '现场照片', kind: 'audiovisual', attachment, proves: '涉案食品陈列位置' }];
  for (const id of [b.body.id, 999999]) {
    const r = await act('officer', mine, 'record', { evidence: item(id) });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'evidence_attachment');
    assert.ok(hasChinese(r.body.error.message));
  }
  const r = await ok('officer', mine, 'record', { evidence: item(a.body.id) });
  assert.equal(r.case.evidence[0].attachment, a.body.id);
  // a case being registered has no attachment yet
  const early = await as.officer.send('POST', '/workflow/cases', {
    case_type: 'penalty_ordinary', power: 'SC-CF-001', party: { kind: 'org', name: '青岛某某食品有限公司' },
    officers: ['37020200001', '37020200002'], evidence: item(a.body.id),
  });
  assert.equal(early.status, 400);
});

test('the online form refuses a bad 案情 value in Chinese, naming the field', async () => {
  const caseNo = await file();
  const r = await act('officer', caseNo, 'record', { evidence: [{ name: '照片', kind: 'photo' }] });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'evidence[0].kind');
  assert.match(r.body.error.message, /证据种类/);
  assert.match(r.body.error.message, /视听资料/);
  const long = await act('officer', caseNo, 'record', { facts: '事'.repeat(8001) });
  assert.equal(long.status, 400);
  assert.match(long.body.error.message, /违法事实/);
  const waived = await act('officer', caseNo, 'record', { defense: { received_on: '2026-03-18' } });
  assert.equal(waived.status, 400);
  assert.equal(waived.body.error.field, 'defense.waived');
});
