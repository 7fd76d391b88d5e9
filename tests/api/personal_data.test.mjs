// Personal data (当事人身份证件号码) reaches only the roles that need it: the read-only leader sees
// it masked on the case page and cannot take it out unmasked through the 电子卷宗 either.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, hasChinese } from './lib/zhifa.mjs';

let srv, leader, sup;
const CASE = '北交运强〔2026〕14号'; // demo: a person's case, ID 370202198001011232

before(async () => {
  const db = path.join(tmpDir(), 'personal.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const l = addUser(db, { username: 'pd_leader', role: 'leader', region: '370200' });
  const s = addUser(db, { username: 'pd_sup', role: 'supervisor', region: '370200' });
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  leader = await login(srv.base, l.username, l.password);
  sup = await login(srv.base, s.username, s.password);
});
after(() => srv?.stop());

test('the leader sees the party\'s ID masked and may not download the unmasked dossier', async () => {
  const page = await leader.get(`/cases/${encodeURIComponent(CASE)}`);
  assert.equal(page.status, 200);
  const id = page.body.case?.party?.id_no ?? page.body.party?.id_no;
  assert.ok(id && !id.includes('198001011232'), `masked on the page: ${id}`);
  const d = await leader.raw(`/api/v1/cases/${encodeURIComponent(CASE)}/dossier`);
  const body = Buffer.from(await d.arrayBuffer());
  assert.equal(d.status, 403);
  assert.ok(!body.includes('370202198001011232'));
  assert.ok(hasChinese(JSON.parse(body).error.message));
});

test('the supervisor downloads the dossier', async () => {
  const d = await sup.raw(`/api/v1/cases/${encodeURIComponent(CASE)}/dossier`);
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('content-type'), 'application/zip');
});
