// The anonymous portal: published penalty decisions only, personal data of persons masked,
// nothing beyond the listed fields.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, tmpDir, startServer, client } from './lib/zhifa.mjs';

let srv, anon;

before(async () => {
  const db = path.join(tmpDir(), 'portal.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const extra = [
    { type: 'case', case_no: '未公示〔2026〕1号', agency: '113702021588139920', kind: 'penalty', decided_on: '2026-05-01',
      decision: { outcome: 'penalty', fine: 100 }, party: { kind: 'person', name: '李四', id_no: '370202198001011232' } },
    { type: 'case', case_no: '已撤销〔2026〕1号', agency: '113702021588139920', kind: 'penalty', decided_on: '2026-05-01',
      published_on: '2026-05-06', decision: { outcome: 'revoked_case' } },
  ].map((r) => JSON.stringify(r)).join('\n');
  assert.equal(run(['--db', db, 'import', '-'], { input: extra + '\n' }).code, 0);
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  anon = client(srv.base);
});
after(() => srv?.stop());

test('anyone can list published penalty decisions, newest first', async () => {
  const r = await anon.get('/public/decisions?size=200');
  assert.equal(r.status, 200);
  assert.ok(r.body.total >= 5);
  const published = r.body.items.map((d) => d.published_on);
  assert.deepEqual(published, [...published].sort().reverse());
  const numbers = r.body.items.map((d) => d.case_no);
  assert.ok(!numbers.includes('未公示〔2026〕1号'), 'unpublished decisions stay private');
  assert.ok(!numbers.includes('已撤销〔2026〕1号'), 'revoked decisions are withdrawn');
});

test('a person is masked, an organisation is not, and only public fields leave the server', async () => {
  const items = (await anon.get('/public/decisions?size=200')).body.items;
  const person = items.find((d) => d.party?.kind === 'person');
  assert.ok(person, 'the demo data has a decision against a person');
  assert.match(person.party.name, /^.\*\*$/u);
  assert.match(person.party.id_no, /^\d{4}\*{10}\d{3}[\dX]$/);
  const org = items.find((d) => d.party?.kind === 'org');
  assert.match(org.party.id_no, /^[0-9A-HJ-NPQRTUWXY]{18}$/, 'an organisation’s USCC is public');
  for (const d of items) {
    assert.deepEqual(Object.keys(d).filter((k) => !['case_no', 'agency', 'agency_name', 'power', 'decided_on', 'published_on', 'decision', 'party'].includes(k)), []);
    assert.equal(d.officers, undefined);
  }
});

test('each decision names its measures in Chinese, one name per code, for the anonymous portal', async () => {
  const items = (await anon.get('/public/decisions?size=200')).body.items;
  const fined = items.find((d) => (d.decision.measures || []).includes('fine'));
  assert.ok(fined, 'the demo data has a published fine');
  for (const d of items) {
    assert.equal(d.decision.measure_names.length, (d.decision.measures || []).length);
    for (const n of d.decision.measure_names) assert.match(n, /[\u4e00-\u9fff]/u);
  }
  assert.equal(fined.decision.measure_names[fined.decision.measures.indexOf('fine')], '罚款');
});

test('filters are validated', async () => {
  assert.equal((await anon.get('/public/decisions?agency=not-a-code')).status, 400);
  assert.equal((await anon.get('/public/decisions?size=201')).status, 400);
  const one = (await anon.get('/public/decisions?agency=11370203869879736T')).body;
  assert.ok(one.items.every((d) => d.agency === '11370203869879736T'));
});
