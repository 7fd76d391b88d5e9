// 复议统计 by the contested act's kind and the yearly statistical table (docs/reconsideration.md):
// every figure is counted here, independently, from the cases this test creates and the steps it
// takes on them; the correction rate is (撤销+变更+确认违法+责令履行) / decisions, per cent to one decimal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login } from './lib/zhifa.mjs';
import { cnid, uscc } from './lib/codes.mjs';

const HD = uscc('11370211MB3000031');
const JM = uscc('11370282MB3000032');
const KINDS = ['penalty', 'coercion', 'license', 'levy', 'disclosure', 'inaction', 'other'];
const NAMES = { penalty: '行政处罚', coercion: '行政强制', license: '行政许可', levy: '行政征收', disclosure: '政府信息公开', inaction: '不履行法定职责', other: '其他' };
const CORRECTING = new Set(['revoke', 'change', 'confirm_illegal', 'order_perform']);

let srv, who = {};
const made = []; // what this test did to each case: the independent record
before(async () => {
  const db = path.join(tmpDir(), 'recon_stats.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const agencies = [
    { type: 'agency', code: HD, name: '黄岛区统计测试局', region: '370211', level: 'county', kind: 'department', sector: 'market_regulation' },
    { type: 'agency', code: JM, name: '即墨区统计测试局', region: '370282', level: 'county', kind: 'department', sector: 'transport' },
  ];
  assert.equal(run(['--db', db, 'import', '-'], { input: agencies.map((x) => JSON.stringify(x)).join('\n') + '\n' }).code, 0);
  const users = { clerk: { role: 'reconsideration_officer', region: '370200' }, hd: { role: 'agency_head', agency: HD }, jm: { role: 'agency_head', agency: JM } };
  const u = Object.fromEntries(Object.entries(users).map(([k, x]) => [k, addUser(db, { username: `s_${k}`, ...x })]));
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  for (const [k, x] of Object.entries(u)) who[k] = await login(srv.base, x.username, x.password);

  // a spread of cases: kinds × outcomes, across 2025 and 2026, some rejected, one mediated, one left
  // undecided, one decided in the next year from the one received
  const plans = [
    ['penalty', HD, '2026-02-02', 'revoke'], ['penalty', HD, '2026-03-02', 'maintain'], ['penalty', JM, '2026-03-09', 'change'],
    ['coercion', HD, '2026-04-01', 'confirm_illegal'], ['coercion', JM, '2026-04-02', 'dismiss'], ['license', HD, '2026-05-06', 'order_perform'],
    ['license', HD, '2026-05-07', 'reject'], ['levy', JM, '2026-06-01', 'mediate'], ['disclosure', HD, '2026-06-02', 'maintain'],
    ['inaction', HD, '2026-06-03', 'order_perform'], [undefined, JM, '2026-06-04', 'open'], ['other', HD, '2025-03-03', 'revoke'],
    ['penalty', HD, '2025-12-01', 'maintain@2026'], ['disclosure', JM, '2025-05-05', 'reject'],
  ];
  let n = 0;
  for (const [kind, respondent, received_on, plan] of plans) {
    n++;
    const year = received_on.slice(0, 4);
    const act = { doc_no: `统计〔${year}〕${n}号`, decided_on: `${year}-01-10`, known_on: received_on.replace(/-\d\d$/, '-01') };
    if (kind) act.kind = kind;
    const r = await who.clerk.send('POST', '/reconsiderations', {
      applicant: { kind: 'person', name: `统计申请人${n}`, id_no: cnid(`3702111970030${String(n).padStart(4, '0')}`) },
      respondent, act, request: '撤销', facts: '理由', received_on, procedure: 'ordinary',
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const rec = { kind: kind ?? 'other', received_on };
    const step = async (as, body) => {
      const s = await as.send('POST', `/reconsiderations/${r.body.id}/actions`, body);
      assert.equal(s.status, 200, `${body.action}: ${JSON.stringify(s.body)}`);
    };
    const later = (days) => new Date(Date.parse(`${received_on}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
    if (plan === 'reject') {
      await step(who.clerk, { action: 'reject', on: later(2), reason: 'out_of_scope' });
      rec.rejected_on = later(2);
    } else {
      await step(who.clerk, { action: 'accept', on: later(1) });
      rec.accepted_on = later(1);
      if (plan !== 'open') {
        await step(who.clerk, { action: 'send_copy', on: later(2) });
        await step(respondent === HD ? who.hd : who.jm, { action: 'answer', on: later(5), note: '答复' });
        if (plan === 'mediate') {
          await step(who.clerk, { action: 'mediate', on: later(20), note: '调解协议' });
          rec.mediated_on = later(20);
        } else {
          const outcome = plan.split('@')[0];
          const on = plan.includes('@') ? '2026-01-15' : later(30);
          await step(who.clerk, { action: 'decide', on, outcome, note: '决定' });
          Object.assign(rec, { outcome, decided_on: on });
        }
      }
    }
    made.push(rec);
  }
});
after(() => srv?.stop());

const inYear = (d, y) => !!d && d.startsWith(`${y}-`);
function expectedRow(cases, y) {
  const row = { received: 0, accepted: 0, rejected: 0, concluded: 0, decided: 0, corrected: 0, mediated: 0,
    maintain: 0, dismiss: 0, revoke: 0, change: 0, confirm_illegal: 0, order_perform: 0 };
  for (const c of cases) {
    if (inYear(c.received_on, y)) row.received++;
    if (inYear(c.accepted_on, y)) row.accepted++;
    if (inYear(c.rejected_on, y)) row.rejected++;
    if (inYear(c.decided_on, y)) {
      row[c.outcome]++; row.decided++; row.concluded++;
      if (CORRECTING.has(c.outcome)) row.corrected++;
    }
    if (inYear(c.mediated_on, y)) { row.mediated++; row.concluded++; }
  }
  row.correction_rate = row.decided ? Math.round((1000 * row.corrected) / row.decided) / 10 : 0;
  return row;
}
const pick = (r, keys) => Object.fromEntries(keys.map((k) => [k, r[k]]));

test('the yearly table (2026 and 2025): each kind and the total against counts made here', async () => {
  for (const y of [2026, 2025]) {
    const r = await who.clerk.get(`/reconsiderations/yearly?year=${y}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.year, y);
    assert.deepEqual(r.body.items.map((x) => x.kind), [...KINDS, 'total']);
    for (const kind of KINDS) {
      const got = r.body.items.find((x) => x.kind === kind);
      const want = expectedRow(made.filter((c) => c.kind === kind), y);
      assert.equal(got.name, NAMES[kind]);
      assert.deepEqual(pick(got, Object.keys(want)), want, `${y} ${kind}`);
    }
    const want = expectedRow(made, y);
    assert.deepEqual(pick(r.body.totals, Object.keys(want)), want, `${y} total`);
  }
  // spot figures by hand, so the independent count itself is checked: 2026 has 3 penalty cases
  // received, decided revoke + change + maintain (2025's maintain decided 2026-01-15) → 2 of 4 corrected
  const pen = (await who.clerk.get('/reconsiderations/yearly?year=2026')).body.items.find((x) => x.kind === 'penalty');
  assert.equal(pen.received, 3);
  assert.equal(pen.decided, 4);
  assert.equal(pen.correction_rate, 50);
});

test('复议统计 split by the kind of act: the cases received in the period, each counted whole', async () => {
  const r = await who.clerk.get('/reconsiderations/stats?from=2026-01-01&to=2026-12-31');
  assert.equal(r.status, 200);
  const cases = made.filter((c) => inYear(c.received_on, 2026));
  for (const kind of KINDS) {
    const got = r.body.kinds.find((x) => x.kind === kind);
    const mine = cases.filter((c) => c.kind === kind);
    const decided = mine.filter((c) => c.outcome).length, corrected = mine.filter((c) => CORRECTING.has(c.outcome)).length;
    assert.deepEqual([got.received, got.accepted, got.rejected, got.decided, got.corrected, got.correction_rate],
      [mine.length, mine.filter((c) => c.accepted_on).length, mine.filter((c) => c.rejected_on).length, decided, corrected,
        decided ? Math.round((1000 * corrected) / decided) / 10 : 0], kind);
  }
  assert.equal(r.body.kinds.reduce((s, x) => s + x.received, 0), r.body.totals.received, 'the kinds add up to the total');
});

test('the yearly table as .xlsx; an unknown kind refused; the respondent sees only its own cases', async () => {
  const x = await who.clerk.raw('/api/v1/reconsiderations/yearly/export.xlsx?year=2026');
  assert.equal(x.status, 200);
  const bytes = Buffer.from(await x.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  const bad = await who.clerk.send('POST', '/reconsiderations', {
    applicant: { kind: 'person', name: '甲', id_no: cnid('37021119700301999') }, respondent: HD,
    act: { kind: 'tax', decided_on: '2026-01-10', known_on: '2026-01-20' }, request: '撤销', facts: '理由', received_on: '2026-02-02' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'act.kind');
  const dicts = (await who.clerk.get('/dicts')).body;
  assert.deepEqual(dicts.reconsideration_act_kinds.map((k) => k.name), KINDS.map((k) => NAMES[k]));
  const jm = (await who.jm.get('/reconsiderations/yearly?year=2026')).body.totals;
  const want = expectedRow(made.filter((c, i) => [3, 5, 8, 11].includes(i + 1)), 2026); // JM's accepted cases
  assert.deepEqual(pick(jm, ['accepted', 'decided', 'mediated']), pick(want, ['accepted', 'decided', 'mediated']));
});
