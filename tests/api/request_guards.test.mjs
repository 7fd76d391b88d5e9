// What the server refuses before a handler runs, and what it never lets out: every request gets
// exactly one reply (no handler loop), invalid UTF-8 in the path or the query is refused 400,
// and over-long requests are answered by our code, with our security headers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { addUser, backend, client, dbExec, hasChinese, jsonLines, login, rawRequest, rawStatus, run, startServer, tmpDir } from './lib/zhifa.mjs';

const vmRssKiB = (pid) => Number(/^VmRSS:\s*(\d+)\s*kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

/** A request that must be answered promptly: a handler that never replies makes it hang. */
async function quick(c, method, p, body) {
  const signal = AbortSignal.timeout(3000);
  const r = await c.raw(`/api/v1${p}`, {
    method, signal, body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...(c.csrf ? { 'X-CSRF-Token': c.csrf } : {}) },
  });
  const text = await r.text();
  let json;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: r.status, body: json, headers: r.headers };
}

function assertRefusedUtf8(r, what) {
  assert.equal(r.status, 400, `${what}: ${JSON.stringify(r.body)}`);
  assert.equal(r.body.error.code, 'invalid_utf8', what);
  assert.ok(hasChinese(r.body.error.message), `${what}: Chinese message`);
}

describe('invalid UTF-8 and handlers without a reply', () => {
  let srv, sup, anon;
  before(async () => {
    const db = path.join(tmpDir(), 'guards.db');
    assert.equal(run(['--db', db, 'init']).code, 0);
    const u = addUser(db, { username: 'g_sup', role: 'supervisor', region: '370200' }); // elements.write
    srv = await startServer({ db, args: ['--sweep-every', '0'] });
    sup = await login(srv.base, u.username, u.password);
    assert.equal(sup.status, 200);
    anon = client(srv.base);
  });
  after(() => srv?.stop());

  for (const resource of ['officers', 'agencies', 'powers']) {
    test(`PUT /${resource}/%FF {} is answered 400 invalid_utf8 at once, logged in or anonymous`, async () => {
      assertRefusedUtf8(await quick(sup, 'PUT', `/${resource}/%FF`, {}), `supervisor PUT /${resource}/%FF`);
      assertRefusedUtf8(await quick(anon, 'PUT', `/${resource}/%FF`, {}), `anonymous PUT /${resource}/%FF`);
    });
  }

  test('twenty PUT /officers/%FF do not grow the server by more than a few MB', async () => {
    await quick(sup, 'PUT', '/officers/%FF', {}); // warm up the worker's store connection
    const before = vmRssKiB(srv.proc.pid);
    for (let i = 0; i < 20; i++) {
      const r = await quick(sup, 'PUT', '/officers/%FF', {});
      assert.equal(r.status, 400, `request ${i}`);
    }
    const grown = vmRssKiB(srv.proc.pid) - before;
    assert.ok(grown < 8 * 1024, `VmRSS grew ${grown} KiB over 20 requests`);
  });

  test('invalid UTF-8 in a query value or key is refused 400, valid UTF-8 is not', async () => {
    assertRefusedUtf8(await quick(anon, 'GET', '/laws?q=%FF'), 'query value');
    assertRefusedUtf8(await quick(anon, 'GET', '/laws?%C3=1'), 'query key');
    assertRefusedUtf8(await quick(anon, 'GET', '/healthz?x=%ED%A0%80'), 'an encoded surrogate');
    assertRefusedUtf8(await quick(anon, 'GET', '/healthz?x=%C0%AF'), 'an overlong encoding');
    const ok = await quick(anon, 'GET', `/laws?q=${encodeURIComponent('罚款')}`);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
  });

  test('an encoded NUL in the path, a query key or value is refused, not read as the text before it', async () => {
    assertRefusedUtf8(await quick(sup, 'GET', '/officers/A%00B'), 'NUL in a path parameter');
    assertRefusedUtf8(await quick(anon, 'GET', '/laws?q=a%00b'), 'NUL in a query value');
    assertRefusedUtf8(await quick(anon, 'GET', '/laws?q%00x=1'), 'NUL in a query key');
    const plus = await quick(anon, 'GET', '/laws?q=%E7%BD%9A+%E6%AC%BE');
    assert.equal(plus.status, 200, 'the other escapes still decode');
  });

  test('invalid UTF-8 in a static path is refused too, and the server keeps answering', async () => {
    const text = await rawRequest(srv.port, 'GET /assets/%FF.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.equal(rawStatus(text), 400, text.slice(0, 200));
    assert.match(text, /invalid_utf8/);
    assert.equal((await quick(anon, 'GET', '/healthz')).status, 200);
  });
});

describe('500 replies', () => {
  test('a database failure answers 500 with the code and a fixed Chinese message; the detail goes to the log only', async () => {
    const srv = await startServer({ args: ['--sweep-every', '0'] });
    try {
      const anon = client(srv.base);
      assert.equal((await quick(anon, 'GET', '/laws/1')).status, 200);
      // Another process takes the table away under the running server: every query on it fails.
      dbExec(srv.db, 'ALTER TABLE laws RENAME TO laws_gone;');
      for (const p of ['/laws/1', `/laws/search?q=${encodeURIComponent('罚款')}`]) {
        const res = await quick(anon, 'GET', p);
        assert.equal(res.status, 500, `${p}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.error.code, 'database_error', p);
        assert.ok(hasChinese(res.body.error.message), p);
        assert.doesNotMatch(JSON.stringify(res.body), /sqlite|SQL|SELECT|no such table|laws/i, p);
      }
      const logged = jsonLines(srv.stderr()).filter((l) => l.event === 'database_error');
      const missing = backend === 'pg' ? /relation "laws" does not exist/ : /no such table: laws/;
      assert.ok(logged.some((l) => missing.test(l.msg) && /GET \/api\/v1\/laws\/1/.test(l.msg)),
        `the log keeps the detail with method and path: ${JSON.stringify(logged)}`);
    } finally {
      await srv.stop();
    }
  });
});

describe('over-long requests are refused by our code, with our headers', () => {
  let srv;
  before(async () => { srv = await startServer({ args: ['--sweep-every', '0'] }); });
  after(() => srv?.stop());

  function assertOurRefusal(text, status, code, what) {
    assert.equal(rawStatus(text), status, `${what}: ${JSON.stringify(text.slice(0, 200))}`);
    const head = text.slice(0, text.indexOf('\r\n\r\n'));
    assert.match(head, /^Content-Security-Policy: .*frame-ancestors 'none'/mi, `${what}: CSP`);
    assert.match(head, /^X-Content-Type-Options: nosniff\r?$/mi, `${what}: nosniff`);
    assert.match(head, /^X-Frame-Options: DENY\r?$/mi, `${what}: X-Frame-Options`);
    const body = JSON.parse(Buffer.from(text.slice(head.length + 4), 'latin1').toString('utf8'));
    assert.equal(body.error.code, code, what);
    assert.ok(hasChinese(body.error.message), `${what}: Chinese message`);
  }

  for (const n of [5000, 10 * 1024, 40 * 1024]) {
    test(`a ${n}-byte path is answered 414 uri_too_long by the server, not by libmicrohttpd`, async () => {
      const text = await rawRequest(srv.port, `GET /api/v1/${'a'.repeat(n)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assertOurRefusal(text, 414, 'uri_too_long', `${n}-byte path`);
    });
  }

  test('a 10 KB query string is answered 414 uri_too_long too', async () => {
    const text = await rawRequest(srv.port, `GET /api/v1/laws?q=${'a'.repeat(10 * 1024)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assertOurRefusal(text, 414, 'uri_too_long', '10 KB query');
    // below the limits: a 3 KB path with 8 KB of headers reaches the router
    const served = await rawRequest(srv.port,
      `GET /api/v1/${'a'.repeat(3000)} HTTP/1.1\r\nHost: x\r\nX-Mid: ${'b'.repeat(8 * 1024)}\r\nConnection: close\r\n\r\n`);
    assertOurRefusal(served, 404, 'not_found', '3 KB path');
  });

  for (const n of [30 * 1024, 48 * 1024]) {
    test(`${n} bytes of request headers are answered 431 headers_too_large with our headers`, async () => {
      const text = await rawRequest(srv.port,
        `GET /api/v1/healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(n)}\r\nConnection: close\r\n\r\n`);
      assertOurRefusal(text, 431, 'headers_too_large', `${n}-byte header`);
    });
  }

});
