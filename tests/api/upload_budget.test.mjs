// Bounded work: an uploaded workbook is read within a CPU-time budget (setting upload_cpu_ms), so
// a crafted one — 400,000 rows naming one 1,000-character shared string — cannot keep a worker
// busy for long. That no write lock is held while it is read is proven without timing in
// tests/unit/app/test_xlsx_intake.c (another connection begins a write during the reading).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { dbExec, dbQuery, run, tmpDir, startServer, addUser, login, hasChinese } from './lib/zhifa.mjs';
import { fillTemplate } from './lib/xlsx.mjs';

const A1 = '113702021588139920';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let srv, db, officer, bomb;
// The workbook is built with the event loop free: a synchronous zip that outlasts the server's idle
// keep-alive deadline would leave the client's pooled connection closed under it unnoticed, and the
// upload would be sent on a dead socket (seen on a loaded machine as 'fetch failed').
const sh = promisify(execFile);

before(async () => {
  db = path.join(tmpDir(), 'budget.db');
  assert.equal(run(['--db', db, 'init', '--demo']).code, 0);
  const o = addUser(db, { username: 'ub_officer', role: 'officer', agency: A1 });
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  officer = await login(srv.base, o.username, o.password);
  const template = Buffer.from(await (await officer.raw('/api/v1/templates/officers.xlsx')).arrayBuffer());
  const seed = fillTemplate(template, [{ row: 3, cells: { name: { shared: '名'.repeat(333) + 'x' } } }]);
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 's.xlsx'), seed);
  await sh('unzip', ['-q', 's.xlsx', '-d', 'x'], { cwd: dir });
  const sheetPath = path.join(dir, 'x/xl/worksheets/sheet1.xml');
  const sheet = fs.readFileSync(sheetPath, 'utf8');
  const cell = sheet.match(/<row r="3"[^>]*>(.*?)<\/row>/)[1];
  const parts = [];
  for (let r = 3; r < 400003; r++) parts.push(`<row r="${r}">${cell.replace(/r="([A-Z]+)3"/g, `r="$1${r}"`)}</row>`);
  fs.writeFileSync(sheetPath, sheet.replace(/<row r="3"[^>]*>.*?<\/row>/, parts.join('')));
  await sh('zip', ['-q', '-r', '-X', '-9', '../bomb.xlsx', '.'], { cwd: path.join(dir, 'x') });
  bomb = fs.readFileSync(path.join(dir, 'bomb.xlsx'));
});
after(() => srv?.stop());

const upload = (who, body) => who.raw('/api/v1/imports', {
  method: 'POST', body, headers: { 'Content-Type': XLSX, 'X-CSRF-Token': who.csrf },
}).then(async (r) => ({ status: r.status, body: await r.json() }));


test('a workbook over the CPU-time budget is refused whole, in Chinese, with nothing stored', async () => {
  dbExec(db, "UPDATE settings SET value = '100' WHERE name = 'upload_cpu_ms'");
  const before = run(['--db', db, 'export']).stdout;
  const r = await upload(officer, bomb);
  assert.equal(r.status, 422, JSON.stringify(r.body));
  assert.equal(r.body.error.code, 'xlsx_too_complex');
  assert.ok(hasChinese(r.body.error.message));
  assert.equal(run(['--db', db, 'export']).stdout, before);
  assert.equal((await fetch(`${srv.base}/api/v1/healthz`)).status, 200);
});

test('the budget is a system parameter with its basis, shown on the settings page', async () => {
  const row = dbQuery(db, "SELECT kind, min_value, max_value, basis FROM settings WHERE name = 'upload_cpu_ms'").trim().split('|');
  assert.deepEqual(row.slice(0, 3), ['integer', '100', '600000']);
  assert.ok(hasChinese(row[3]));
});
