// Every audit action a handler writes by name has a Chinese name in the audit vocabulary (GET
// /api/v1/dicts → audit_actions), or the audit log shows it raw (issue 19). The actions are read
// from the source itself — the literal first argument of auth_audit(req, "…") and of
// api_review_reply(…, "…") — not from the program's own table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, tmpDir, startServer, addUser, login } from './lib/zhifa.mjs';

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
let srv, names;

function sourceActions() {
  const found = new Set();
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.c')) {
        const text = fs.readFileSync(p, 'utf8');
        for (const m of text.matchAll(/auth_audit\(req, "([a-z_]+)"/g)) found.add(m[1]);
        for (const m of text.matchAll(/api_review_reply\(req, [^;]*?&err, "([a-z_]+)"\)/g)) found.add(m[1]);
        for (const m of text.matchAll(/auth_audit\(req, \w+ \? "([a-z_]+)" : "([a-z_]+)"/g)) found.add(m[1]).add(m[2]);
      }
    }
  };
  walk(SRC);
  return found;
}

before(async () => {
  const db = path.join(tmpDir(), 'audit-names.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  const a = addUser(db, { username: 'an_auditor', role: 'auditor' });
  srv = await startServer({ db, args: ['--sweep-every', '0'] });
  const c = await login(srv.base, a.username, a.password);
  names = new Map((await c.get('/dicts')).body.audit_actions.map((e) => [e.code, e.name]));
});
after(() => srv?.stop());

test('every action written by name has a Chinese name', () => {
  const actions = sourceActions();
  assert.ok(actions.size > 40, `read ${actions.size} actions from the source`);
  const missing = [...actions].filter((a) => !/[\u4e00-\u9fff]/.test(names.get(a) ?? ''));
  assert.deepEqual(missing, []);
});
