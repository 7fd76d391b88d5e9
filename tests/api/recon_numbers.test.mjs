// 复议案号 are gap-free under concurrent registrations on two servers sharing one database
// (docs/reconsideration.md: 同一区划同一年度连续编号). Eight applications registered at once, four
// through each server, take the numbers 1 … 8 of the organ's region and year, each once. On
// PostgreSQL the counter row is locked until the registering transaction ends; on SQLite the
// writers are serialised by the file. Runs on both backends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login } from './lib/zhifa.mjs';
import { cnid, uscc } from './lib/codes.mjs';

const HD = uscc('11370211MB3000001'); // 370211 黄岛区
const agency = { type: 'agency', code: HD, name: '青岛市黄岛区复议测试局', region: '370211', level: 'county', kind: 'department', sector: 'market_regulation' };
const N = 8;

let a, b, db;
before(async () => {
  db = path.join(tmpDir(), 'recon-numbers.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const r = run(['--db', db, 'import', '-'], { input: JSON.stringify(agency) + '\n' });
  assert.equal(r.code, 0, r.stderr);
  addUser(db, { username: 'rn_clerk', role: 'reconsideration_officer', region: '370200' });
  a = await startServer({ db, args: ['--sweep-every', '0'] });
  b = await startServer({ db, args: ['--sweep-every', '0'] });
});
after(async () => { await a?.stop(); await b?.stop(); });

function application(i) {
  return {
    applicant: { kind: 'person', name: `申请人${i}`, id_no: cnid(`3702111980020${String(i).padStart(4, '0')}`) },
    respondent: HD, act: { doc_no: `黄岛罚〔2026〕${200 + i}号`, decided_on: '2026-01-10', known_on: '2026-01-20' },
    request: '撤销被申请人作出的行政处罚决定', facts: '被申请人认定事实不清。', received_on: '2026-02-12',
    procedure: 'ordinary',
  };
}

test('eight registrations at once on two servers take the 复议案号 1 … 8 of the year, none twice, none skipped', async () => {
  const ca = await login(a.base, 'rn_clerk', 'Zf-rn_clerk-Pass-2026');
  const cb = await login(b.base, 'rn_clerk', 'Zf-rn_clerk-Pass-2026');
  const replies = await Promise.all(Array.from({ length: N }, (_, i) =>
    (i % 2 ? cb : ca).send('POST', '/reconsiderations', application(i + 1))));
  for (const r of replies) assert.equal(r.status, 201, JSON.stringify(r.body));
  const seqs = replies.map((r) => {
    const m = /〔2026〕(\d+)号$/.exec(r.body.case_no);
    assert.ok(m, r.body.case_no);
    return Number(m[1]);
  }).sort((x, y) => x - y);
  assert.deepEqual(seqs, Array.from({ length: N }, (_, i) => i + 1));
});
