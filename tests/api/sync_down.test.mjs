// 多级汇聚, what goes down and what stays the upper's (issue 22, docs/sync.md "Downward" and "Orders
// across levels"): a rule configuration published at the province reaches the county through the
// city and the county's sweep uses it; a bad published item is refused and listed; an order copy is
// read-only for the county's supervisors; a refused node is reinstated. Three instances on loopback,
// county (370202 市南区) → city (370200 青岛市) → province (370000 山东省), as tests/api/sync.test.mjs
// sets them up; the county's data is the demo's 市南区 part.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { run, tmpDir, startServer, addUser, login, hasChinese, backend, dbQuery, dbExec } from './lib/zhifa.mjs';

const dir = tmpDir();
const db = (n) => path.join(dir, `${n}.db`);
// reads and hand edits of an instance's database, on either backend (tests/api/lib/zhifa.mjs)
const sql = (n, q) => (/^\s*(UPDATE|INSERT|DELETE)/i.test(q) ? dbExec : dbQuery)(db(n), q).trim();
const zhifa = (n, args, opts) => run(['--db', db(n), ...args], opts);
let prov, city, countyLines, countyCases, provSup;

function writeJsonl(file, records) {
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

/** The demo's 市南区 records: its agencies (region 370202), their officers and cases, all powers. */
function countyRecords() {
  const demo = path.join(dir, 'demo.db');
  assert.equal(run(['--db', demo, 'init', '--demo']).code, 0);
  const all = run(['--db', demo, 'export']).stdout.trim().split('\n').map((l) => JSON.parse(l));
  const agencies = new Set(all.filter((r) => r.type === 'agency' && r.region === '370202').map((r) => r.code));
  return all.filter((r) => (r.type === 'agency' && agencies.has(r.code)) || r.type === 'power' || r.type === 'benchmark' ||
    ((r.type === 'officer' || r.type === 'case') && agencies.has(r.agency)));
}

function addNode(upper, name, region) {
  const r = zhifa(upper, ['node', 'add', '--name', name, '--region', region]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim().split('\n').at(-1);
}

function push(level) {
  const r = zhifa(level, ['sync', 'push']);
  assert.equal(r.code, 0, `${level}: ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout);
}

// a JSON object of columns, some of them JSON text, in either dialect
const jsonObject = (pairs) => backend === 'pg'
  ? `json_build_object(${pairs.map(([k, v, isJson]) => `'${k}', ${isJson ? `${v}::json` : v}`).join(', ')})`
  : `json_object(${pairs.map(([k, v, isJson]) => `'${k}', ${isJson ? `json(${v})` : v}`).join(', ')})`;
// the next published seq, as a publish takes it (PostgreSQL's sequence would hand out a max + 1 again)
const nextSeq = backend === 'pg' ? "nextval(pg_get_serial_sequence('sync_published', 'seq'))" : '(SELECT max(seq) + 1 FROM sync_published)';
const lastDown = (n) => JSON.parse(sql(n, `SELECT ${jsonObject([['changes', 'changes', true], ['id', 'id']])} FROM sync_batches WHERE direction = 'down' ORDER BY id DESC LIMIT 1`));
const newestConfig = (n) => JSON.parse(sql(n, `SELECT ${jsonObject([['by', 'created_by'], ['overrides', 'overrides', true]])} FROM rule_config_versions ORDER BY version DESC LIMIT 1`));

before(async () => {
  countyLines = countyRecords();
  countyCases = countyLines.filter((r) => r.type === 'case');
  for (const n of ['prov', 'city', 'county']) {
    assert.equal(zhifa(n, ['init']).code, 0);
    sql(n, "UPDATE settings SET value = '0' WHERE name = 'sync_push_every_s'");
  }
  addUser(db('prov'), { username: 'prov_sup', role: 'supervisor', region: '370000' });
  prov = await startServer({ db: db('prov'), args: ['--sweep-every', '0'] });
  city = await startServer({ db: db('city'), args: ['--sweep-every', '0'] });
  provSup = await login(prov.base, 'prov_sup', 'Zf-prov_sup-Pass-2026');
  assert.equal(zhifa('city', ['sync', 'enrol', '--upper', prov.base, '--token', addNode('prov', '青岛市', '370200')]).code, 0);
  assert.equal(zhifa('county', ['sync', 'enrol', '--upper', city.base, '--token', addNode('city', '市南区', '370202')]).code, 0);
  assert.equal(zhifa('county', ['import', writeJsonl(path.join(dir, 'county.jsonl'), countyLines)]).code, 0);
  push('county');
  push('city');
});
after(async () => {
  await prov?.stop();
  await city?.stop();
});

// spec/rules.md P05: an ordinary-procedure penalty to a person whose fine + confiscated reaches the
// hearing threshold (person 10,000 yuan by default, configurable) needs the hearing right notified.
// This case: a person, ordinary procedure, a 5,000-yuan fine, hearing right not notified.
const P05_CASE = '南市监处罚〔2026〕8801号';
function hearingCase() {
  const c = structuredClone(countyCases.find((x) => x.kind === 'penalty' && x.procedure === 'ordinary' &&
    x.party?.kind === 'person' && x.decision?.outcome === 'penalty'));
  assert.ok(c, 'the demo has a person penalty case');
  c.case_no = P05_CASE;
  c.hearing_right_notified = false;
  c.decision = { ...c.decision, measures: ['fine'], fine: 5000, confiscated: 0 };
  return c;
}
const p05Open = (n) => Number(sql(n, `SELECT count(*) FROM findings WHERE rule = 'P05' AND subject = '${P05_CASE}' AND resolved_at IS NULL`));

test('a rule configuration published at the province reaches the county through the city; the county\'s sweep uses it, its own override kept', async () => {
  // the county's own settings: the person threshold raised to 20,000 yuan, and an org threshold for its region
  const own = [{ param: 'hearing_person_fen', sector: '', region: '', value: 2000000 },
    { param: 'hearing_org_fen', sector: '', region: '370202', value: 5000000 }];
  sql('county', `INSERT INTO rule_config_versions(version, created_at, created_by, overrides)
    VALUES (2, '2026-12-01T00:00:00Z', 'county_admin', '${JSON.stringify(own)}')`);
  assert.equal(zhifa('county', ['import', writeJsonl(path.join(dir, 'p05.jsonl'), [hearingCase()])]).code, 0);
  assert.ok([0, 1].includes(zhifa('county', ['sweep']).code));
  assert.equal(p05Open('county'), 0, '5,000 yuan is below the county\'s threshold of 20,000');

  // the province lowers the person threshold to 3,000 yuan for everyone below it
  const upper = [{ param: 'hearing_person_fen', sector: '', region: '', value: 300000 }];
  const put = await provSup.send('PUT', '/rule-config', { overrides: upper });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  const pub = zhifa('prov', ['sync', 'publish', '--rule-config']);
  assert.equal(pub.code, 0, pub.stderr);
  assert.equal(JSON.parse(pub.stdout).change, 'published');
  assert.equal(JSON.parse(zhifa('prov', ['sync', 'publish', '--rule-config']).stdout).change, 'unchanged');

  push('city');
  assert.deepEqual(newestConfig('city').overrides, upper, 'the city had none of its own');
  assert.deepEqual(lastDown('city').changes.filter((c) => c.kind === 'rule_config').map((c) => c.change), ['changed']);
  push('county');
  const county = newestConfig('county');
  assert.equal(county.by, '上级：青岛市', 'the version names the level it came from');
  // the upper's setting wins on the target it sets; the county's org threshold for 370202 stays
  assert.deepEqual(county.overrides, [upper[0], own[1]]);
  assert.deepEqual(lastDown('county').changes.filter((c) => c.kind === 'rule_config').map((c) => c.change), ['changed']);

  assert.ok([0, 1].includes(zhifa('county', ['sweep']).code));
  assert.equal(p05Open('county'), 1, '5,000 yuan reaches the published threshold of 3,000: the hearing right was due');

  // nothing new: no new version at either level
  const versions = sql('county', 'SELECT max(version) FROM rule_config_versions');
  push('city');
  push('county');
  assert.equal(sql('county', 'SELECT max(version) FROM rule_config_versions'), versions);
});

test('saving a rule configuration on the province publishes it when sync_publish_rule_config is 1', async () => {
  const before = sql('prov', "SELECT seq FROM sync_published WHERE kind = 'rule_config'");
  const upper = [{ param: 'hearing_person_fen', sector: '', region: '', value: 400000 }];
  assert.equal((await provSup.send('PUT', '/rule-config', { overrides: upper })).status, 200);
  assert.equal(sql('prov', "SELECT seq FROM sync_published WHERE kind = 'rule_config'"), before, 'off by default');
  sql('prov', "UPDATE settings SET value = '1' WHERE name = 'sync_publish_rule_config'");
  const upper2 = [{ param: 'hearing_person_fen', sector: '', region: '', value: 350000 }];
  assert.equal((await provSup.send('PUT', '/rule-config', { overrides: upper2 })).status, 200);
  const body = JSON.parse(sql('prov', "SELECT body FROM sync_published WHERE kind = 'rule_config'"));
  assert.deepEqual(body.overrides, upper2);
  push('city');
  push('county');
  assert.deepEqual(newestConfig('county').overrides[0], upper2[0]);
  sql('prov', "UPDATE settings SET value = '0' WHERE name = 'sync_publish_rule_config'");
});

test('a bad published item is refused on apply and listed as a bad line of the down batch; the lower keeps its configuration', async () => {
  const cityBefore = sql('city', 'SELECT max(version) FROM rule_config_versions');
  // as a faulty upper might publish it: a negative threshold, which the rule settings page refuses
  const bad = JSON.stringify({ overrides: [{ param: 'hearing_person_fen', sector: '', region: '', value: -1 }] });
  sql('prov', `UPDATE sync_published SET body = '${bad}', hash = 'bad1', seq = ${nextSeq} WHERE kind = 'rule_config'`);
  push('city');
  const down = JSON.parse(sql('city', "SELECT id FROM sync_batches WHERE direction = 'down' ORDER BY id DESC LIMIT 1"));
  const errors = sql('city', `SELECT key || '|' || error FROM sync_batch_errors WHERE batch_id = ${down}`).split('\n').filter(Boolean);
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /^rule_config\|/);
  assert.ok(hasChinese(errors[0]) && errors[0].includes('取值'), errors[0]);
  assert.equal(sql('city', 'SELECT max(version) FROM rule_config_versions'), cityBefore, 'nothing saved');
});

async function regionNames(parent) {
  const county = await startServer({ db: db('county'), args: ['--sweep-every', '0'] });
  try {
    const u = await login(county.base, 'county_reader', 'Zf-county_reader-Pass-2026');
    const r = await u.get(`/regions?parent=${parent}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return Object.fromEntries(r.body.items.map((x) => [x.code, x.name]));
  } finally {
    await county.stop();
  }
}

test('行政区划 additions published at the province show at the county by name (next start); a dropped code is kept, marked', async () => {
  addUser(db('county'), { username: 'county_reader', role: 'supervisor', region: '370202' });
  const before = await regionNames('370200');
  assert.equal(before['370298'], undefined, 'not in the shipped regions.tsv');
  // a parent that does not exist (province 99) is refused at the top, nothing published
  const bad = path.join(dir, 'bad-regions.tsv');
  fs.writeFileSync(bad, '999915\t无上级测试区\n');
  const refused = zhifa('prov', ['sync', 'publish', '--regions', bad]);
  assert.equal(refused.code, 1);
  assert.ok(refused.stderr.includes('第 1 行') && refused.stderr.includes('上级区划'), refused.stderr);
  assert.equal(sql('prov', "SELECT count(*) FROM sync_published WHERE kind = 'code_table'"), '0');

  const file = path.join(dir, 'regions.tsv');
  fs.writeFileSync(file, '# 新设区划\n370298\t青岛测试新区\n370297\t青岛旧测试区\n');
  const pub = zhifa('prov', ['sync', 'publish', '--regions', file]);
  assert.equal(pub.code, 0, pub.stderr);
  assert.equal(JSON.parse(pub.stdout).rows, 2);
  push('city');
  push('county');
  assert.deepEqual(lastDown('county').changes.filter((c) => c.kind === 'code_table').map((c) => `${c.key} ${c.change}`), ['regions changed']);
  const after = await regionNames('370200');
  assert.equal(after['370298'], '青岛测试新区');
  assert.equal(after['370297'], '青岛旧测试区');
  assert.equal(after['370202'], before['370202'], 'the shipped names stay');

  // the province renames one and no longer has the other: renamed below, the other kept and marked
  fs.writeFileSync(file, '370298\t青岛测试新区（更名）\n');
  assert.equal(zhifa('prov', ['sync', 'publish', '--regions', file]).code, 0);
  push('city');
  push('county');
  assert.equal(sql('county', "SELECT code || ' ' || name || ' ' || from_upper || ' ' || dropped FROM region_codes ORDER BY code"),
    '370297 青岛旧测试区 1 1\n370298 青岛测试新区（更名） 1 0');
  const renamed = await regionNames('370200');
  assert.equal(renamed['370298'], '青岛测试新区（更名）');
  assert.equal(renamed['370297'], '青岛旧测试区', 'kept: records may still name it');

  // a bad table from above (as a faulty upper might send it): refused on apply, listed, nothing stored
  const chr = backend === 'pg' ? 'chr' : 'char';
  sql('prov', `UPDATE sync_published SET body = '370296' || ${chr}(9) || ${chr}(1) || ${chr}(10), hash = 'bad2',` +
    ` seq = ${nextSeq} WHERE kind = 'code_table'`);
  push('city');
  const id = sql('city', "SELECT id FROM sync_batches WHERE direction = 'down' ORDER BY id DESC LIMIT 1");
  const errors = sql('city', `SELECT key || '|' || error FROM sync_batch_errors WHERE batch_id = ${id}`);
  assert.match(errors, /^regions\|行政区划表第 1 行：名称/);
  assert.equal(sql('city', "SELECT count(*) FROM region_codes WHERE code = '370296'"), '0');
});

test('a county supervisor cannot accept, return or escalate the province\'s order copy; its agency signs for it and answers', async () => {
  const c0 = countyCases[0];
  const d = await provSup.send('POST', '/orders', { kind: 'supervise', agency: c0.agency, case_nos: [c0.case_no],
    problem: '省级督办：听证告知', basis: [], measures: '逐案查明原因并整改' });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const issued = await provSup.send('POST', `/orders/${d.body.id}/actions`, { action: 'issue' });
  assert.equal(issued.status, 200, JSON.stringify(issued.body));
  push('city');
  push('county');
  const county = await startServer({ db: db('county'), args: ['--sweep-every', '0'] });
  try {
    const s = addUser(db('county'), { username: 'county_sup', role: 'supervisor', region: '370202' });
    const h = addUser(db('county'), { username: 'county_head', role: 'agency_head', agency: c0.agency });
    const sup = await login(county.base, s.username, s.password);
    const head = await login(county.base, h.username, h.password);
    const id = Number(sql('county', `SELECT id FROM orders WHERE doc_no = '${issued.body.doc_no}'`));
    assert.ok(id > 0, 'the copy arrived');
    for (const [action, want, extra] of [['receive', 'received', {}],
      ['respond', 'responded', { note: '已告知听证权利', corrections: [{ case_no: c0.case_no, note: '已补正' }] }]]) {
      const r = await head.send('POST', `/orders/${id}/actions`, { action, ...extra });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.status, want);
    }
    for (const [action, extra] of [['accept', { note: '同意' }], ['return', { note: '不到位', deadline_wd: 5 }], ['escalate', { note: '逾期' }]]) {
      const r = await sup.send('POST', `/orders/${id}/actions`, { action, ...extra });
      assert.equal(r.status, 409, `${action}: ${JSON.stringify(r.body)}`);
      assert.ok(r.body.error.message.includes('山东省行政执法监督机构'), r.body.error.message);
    }
    assert.equal(sql('county', `SELECT status FROM orders WHERE id = ${id}`), 'responded', 'the copy waits for the province');
  } finally {
    await county.stop();
  }
});

test('zhifa node reinstate: a county refused for a rewritten ledger is shown, then trusted again with --yes, audited', async () => {
  const held = Number(sql('city', "SELECT head_size FROM sync_nodes WHERE name = '市南区'"));
  sql('county', 'DELETE FROM ledger_events; DELETE FROM ledger_nodes; DELETE FROM ledger_heads;');
  const rewritten = structuredClone(countyCases[0]);
  rewritten.case_no = '南市监处罚〔2026〕8899号';
  assert.equal(zhifa('county', ['import', writeJsonl(path.join(dir, 'rewrite.jsonl'), [rewritten])]).code, 0);
  const now = JSON.parse(zhifa('county', ['sth']).stdout).tree_size;
  assert.equal(zhifa('county', ['sync', 'push']).code, 1);
  assert.equal(sql('city', "SELECT status FROM sync_nodes WHERE name = '市南区'"), 'refused');

  const ask = zhifa('city', ['node', 'reinstate', '--name', '市南区']);
  assert.equal(ask.code, 1, 'nothing done without --yes');
  assert.ok(ask.stdout.includes(`已确认树头 ${held} 条，本次树头 ${now} 条`), ask.stdout);
  assert.ok(hasChinese(ask.stderr) && ask.stderr.includes('--yes'), ask.stderr);
  assert.equal(sql('city', "SELECT status FROM sync_nodes WHERE name = '市南区'"), 'refused');
  assert.equal(zhifa('city', ['node', 'reinstate', '--name', '无此节点', '--yes']).code, 1);

  const yes = zhifa('city', ['node', 'reinstate', '--name', '市南区', '--yes']);
  assert.equal(yes.code, 0, yes.stderr);
  assert.equal(sql('city', "SELECT status || '|' || head_size || '|' || coalesce(head_root, '') FROM sync_nodes WHERE name = '市南区'"), 'active|0|');
  assert.equal(sql('city', "SELECT count(*) FROM audit_log WHERE action = 'sync_node_reinstate' AND target = '市南区'"), '1');
  assert.equal(zhifa('city', ['node', 'reinstate', '--name', '市南区', '--yes']).code, 1, 'an active node is not reinstated');

  push('county');
  assert.equal(sql('city', `SELECT count(*) FROM cases WHERE case_no = '${rewritten.case_no}'`), '1', 'the county\'s records come again');
  assert.equal(Number(sql('city', "SELECT head_size FROM sync_nodes WHERE name = '市南区'")), now);
});
