// zhifa serve over real HTTP on a free loopback port: health, error shape, security headers,
// body limits, malformed requests, static console, access log, shutdown, start-up failures.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import {
  backend, dbUrl, fixtures, hasChinese, jsonLines, rawRequest, rawStatus, repoRoot, run, runAsync, startServer, tmpDir,
} from './lib/zhifa.mjs';

const MIB = 1024 * 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const webDist = path.join(repoRoot, 'web/dist');
const indexHtml = fs.existsSync(path.join(webDist, 'index.html'))
  ? fs.readFileSync(path.join(webDist, 'index.html'), 'utf8')
  : null;
const NO_DIST = 'web/dist is not built (make web); tests/e2e covers the console';

function assertSecurityHeaders(res, what) {
  const csp = res.headers.get('content-security-policy');
  assert.ok(csp, `${what}: Content-Security-Policy missing`);
  assert.match(csp, /frame-ancestors\s+'none'/, `${what}: CSP without frame-ancestors`);
  assert.match(csp, /default-src\s+'self'/, `${what}: CSP without default-src 'self'`);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
}

async function assertErrorShape(res, status, code) {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  const body = await res.json();
  assert.deepEqual(Object.keys(body), ['error']);
  assert.equal(typeof body.error.code, 'string');
  assert.match(body.error.code, /^[a-z][a-z0-9_]*$/, 'error.code is snake_case');
  if (code) assert.equal(body.error.code, code);
  assert.ok(hasChinese(body.error.message), `error.message should be Chinese: ${body.error.message}`);
  return body;
}

/** POSTs `size` bytes with chunked transfer encoding through node's HTTP client. */
function postChunked(base, urlPath, size) {
  return new Promise((resolve, reject) => {
    const url = new URL(urlPath, base);
    const req = http.request(
      { host: url.hostname, port: url.port, method: 'POST', path: url.pathname,
        headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
      });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    for (let sent = 0; sent < size; sent += chunk.length)
      req.write(chunk.subarray(0, Math.min(chunk.length, size - sent)));
    req.end();
  });
}

describe('zhifa serve (one shared server)', () => {
  let srv;
  before(async () => { srv = await startServer(); });
  after(async () => { await srv?.stop(); });

  test('healthz answers 200 with status ok, db ok and the version', async () => {
    const res = await fetch(`${srv.base}/api/v1/healthz`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    const body = await res.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.db, 'ok');
    assert.equal(typeof body.version, 'string');
    assert.match(body.version, /^\d+\.\d+\.\d+/);
    const v = run(['version']);
    assert.ok(v.stdout.includes(body.version), 'healthz version equals `zhifa version`');
  });

  test('API responses carry CSP with frame-ancestors and nosniff', async () => {
    const ok = await fetch(`${srv.base}/api/v1/healthz`);
    await ok.arrayBuffer();
    assertSecurityHeaders(ok, 'GET /api/v1/healthz');
    const missing = await fetch(`${srv.base}/api/v1/no-such-thing`);
    await missing.arrayBuffer();
    assertSecurityHeaders(missing, 'API 404');
    assert.equal(ok.headers.get('cache-control'), 'no-store', 'API JSON is not cached');
  });

  test('static responses carry CSP with frame-ancestors and nosniff', async () => {
    for (const p of ['/', '/some/spa/route', '/assets/missing.js']) {
      const res = await fetch(`${srv.base}${p}`);
      await res.arrayBuffer();
      assertSecurityHeaders(res, `GET ${p}`);
    }
  });

  test('unknown API route gives 404 with the error shape and a Chinese message', async () => {
    await assertErrorShape(await fetch(`${srv.base}/api/v1/no-such-thing`), 404, 'not_found');
    await assertErrorShape(await fetch(`${srv.base}/api/v2/healthz`), 404, 'not_found');
    await assertErrorShape(await fetch(`${srv.base}/api/v1/healthz/extra`), 404, 'not_found');
  });

  test('a known API route with the wrong method gives 405', async () => {
    await assertErrorShape(await fetch(`${srv.base}/api/v1/healthz`, { method: 'POST', body: '{}' }), 405);
    await assertErrorShape(await fetch(`${srv.base}/api/v1/healthz`, { method: 'DELETE' }), 405);
  });

  test('a non-GET request to the static console gives 405', async () => {
    await assertErrorShape(await fetch(`${srv.base}/`, { method: 'POST', body: 'x' }), 405);
  });

  test('a body declared over 1 MiB by Content-Length is refused with 413', async () => {
    // Only the headers are sent: the server must refuse on the declared length alone, and the
    // reply cannot be lost to a reset caused by an unread upload.
    const text = await rawRequest(srv.port,
      `POST /api/v1/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${MIB + 1}\r\n\r\n`);
    assert.equal(rawStatus(text), 413, text.slice(0, 200));
    const body = JSON.parse(Buffer.from(text.slice(text.indexOf('\r\n\r\n') + 4), 'latin1').toString('utf8'));
    assert.equal(body.error.code, 'body_too_large');
    assert.ok(hasChinese(body.error.message));
  });

  test('a chunked body over 1 MiB is refused with 413', async () => {
    const res = await postChunked(srv.base, '/api/v1/healthz', MIB + 4096);
    assert.equal(res.status, 413);
    const body = JSON.parse(res.body);
    assert.equal(body.error.code, 'body_too_large');
    assert.ok(hasChinese(body.error.message));
    assert.match(res.headers['content-security-policy'] ?? '', /frame-ancestors/);
  });

  test('a chunked body under 1 MiB is not refused as too large', async () => {
    const res = await postChunked(srv.base, '/api/v1/healthz', 64 * 1024);
    assert.equal(res.status, 405); // reaches the router: healthz is GET only
  });

  test('a malformed request line gives 400 and the server keeps answering', async () => {
    const text = await rawRequest(srv.port, 'hello world this is not http\r\n\r\n');
    assert.equal(rawStatus(text), 400, JSON.stringify(text.slice(0, 120)));
    const bad = await rawRequest(srv.port, 'GET / FOO/1.1\r\nHost: x\r\n\r\n');
    assert.equal(rawStatus(bad), 400);
    // Garbage that is not even a request line: no reply is fine, a success is not.
    for (const junk of ['GARBAGE\r\n\r\n', '\x00\x01\x02\xff\xfe\r\n\r\n']) {
      const r = await rawRequest(srv.port, junk, { timeout: 500 });
      const st = rawStatus(r);
      assert.ok(st === null || st >= 400, `junk ${JSON.stringify(junk)} got ${st}`);
    }
    const res = await fetch(`${srv.base}/api/v1/healthz`);
    assert.equal(res.status, 200);
    await res.arrayBuffer();
  });

  test('/ serves the console index.html', async (t) => {
    const res = await fetch(`${srv.base}/`);
    const body = await res.text();
    if (indexHtml === null) {
      t.skip(NO_DIST);
      return;
    }
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    assert.equal(body, indexHtml);
    assert.equal(res.headers.get('cache-control'), 'no-cache', 'index.html is always revalidated');
  });

  test('an unknown SPA route falls back to index.html', async (t) => {
    const res = await fetch(`${srv.base}/some/spa/route`);
    const body = await res.text();
    if (indexHtml === null) {
      t.skip(NO_DIST);
      return;
    }
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    assert.equal(body, indexHtml);
  });

  test('a missing asset gives 404, not the SPA fallback', async () => {
    const res = await fetch(`${srv.base}/assets/missing.js`);
    await assertErrorShape(res, 404, 'not_found');
  });

  test('path traversal out of web/dist never returns /etc/passwd', async () => {
    const passwd = fs.existsSync('/etc/passwd') ? fs.readFileSync('/etc/passwd', 'utf8') : 'root:';
    const firstLine = passwd.split('\n')[0];
    for (const target of ['/../etc/passwd', '/../../../../../../etc/passwd', '/assets/../../../../etc/passwd',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2f..%2fetc%2fpasswd', '//etc/passwd',
      '/assets/..\\..\\..\\etc\\passwd']) {
      const text = await rawRequest(srv.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      const st = rawStatus(text);
      assert.ok(st !== null, `${target}: no reply`);
      assert.ok(!text.includes(firstLine), `${target}: leaked /etc/passwd`);
      assert.ok(st >= 400 || (indexHtml !== null && text.includes('<html')), `${target}: status ${st}`);
    }
  });

  test('concurrent requests are all answered', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      fetch(`${srv.base}/api/v1/healthz?i=${i}`).then(async (r) => [r.status, (await r.json()).status])));
    for (const r of results) assert.deepEqual(r, [200, 'ok']);
  });
});

describe('zhifa serve logs and lifecycle', () => {
  test('every request writes one JSON access line with method, path, status, us and time', async () => {
    const srv = await startServer({ args: ['--threads', '2'] });
    const tag = Date.now().toString(36);
    const reqs = [
      ['GET', `/api/v1/missing-${tag}`, 404],
      ['POST', '/api/v1/healthz', 405],
      ['GET', `/assets/missing-${tag}.js`, 404],
      ['GET', `/spa-${tag}/page`, indexHtml === null ? 503 : 200],
      ['DELETE', `/api/v1/gone-${tag}`, 404],
    ];
    for (const [method, p, status] of reqs) {
      const res = await fetch(`${srv.base}${p}`, { method, body: method === 'POST' ? '{}' : undefined });
      await res.arrayBuffer();
      assert.equal(res.status, status, `${method} ${p}`);
    }
    const { code, stderr } = await srv.stop();
    assert.equal(code, 0);
    const lines = stderr.split('\n').filter(Boolean);
    for (const l of lines) assert.doesNotThrow(() => JSON.parse(l), `stderr line is not JSON: ${l}`);
    const access = jsonLines(stderr).filter((l) => l.event === 'access');
    for (const [method, p, status] of reqs) {
      const mine = access.filter((l) => l.path === p && l.method === method);
      assert.equal(mine.length, 1, `${method} ${p}: expected one access line, got ${mine.length}`);
      const [l] = mine;
      assert.equal(l.status, status);
      assert.ok(Number.isInteger(l.us) && l.us >= 0, `us: ${l.us}`);
      assert.match(l.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    }
    // The start-up probes hit healthz; each of them was logged once as a GET with status 200.
    for (const l of access.filter((a) => a.path === '/api/v1/healthz' && a.method === 'GET'))
      assert.equal(l.status, 200);
  });

  test('SIGTERM stops the server with exit code 0 and a "stopped" log line', async () => {
    const srv = await startServer();
    const res = await fetch(`${srv.base}/api/v1/healthz`);
    await res.arrayBuffer();
    const { code, signal, stderr } = await srv.stop();
    assert.equal(signal, null);
    assert.equal(code, 0);
    const events = jsonLines(stderr).map((l) => l.event);
    assert.ok(events.includes('listening'), 'listening line');
    assert.ok(events.includes('shutdown'), 'shutdown line');
    assert.equal(events.at(-1), 'stopped', 'the last log line says stopped');
  });

  test('SIGINT stops the server with exit code 0 too', async () => {
    const srv = await startServer();
    const { code, signal, stderr } = await srv.stop('SIGINT');
    assert.equal(signal, null);
    assert.equal(code, 0);
    assert.equal(jsonLines(stderr).at(-1)?.event, 'stopped');
  });

  test('every thread of the server blocks SIGINT and SIGTERM, so only sigwait takes them', async () => {
    const srv = await startServer(); // healthy: the sweeper, signer, escalator and HTTP threads all run
    try {
      const taskDir = `/proc/${srv.proc.pid}/task`;
      const tids = fs.readdirSync(taskDir);
      assert.ok(tids.length > 1, 'the server runs more than one thread');
      const shutdownBits = (1n << BigInt(2 - 1)) | (1n << BigInt(15 - 1)); // SIGINT = 2, SIGTERM = 15
      const sigpipe = 1n << BigInt(13 - 1);
      for (const tid of tids) {
        const status = fs.readFileSync(`${taskDir}/${tid}/status`, 'utf8');
        const name = /^Name:\s*(.*)$/m.exec(status)?.[1];
        const mask = (field) => BigInt(`0x${new RegExp(`^${field}:\\s*([0-9a-f]+)$`, 'm').exec(status)[1]}`);
        assert.equal(mask('SigIgn') & sigpipe, sigpipe, `thread ${tid} (${name}) ignores SIGPIPE`);
        if (tid === String(srv.proc.pid)) {
          // While it waits in sigwait the kernel lifts the waited-for signals from its mask
          // (SigBlk shows them clear): the main thread must be that taker, nothing else.
          const wchan = fs.readFileSync(`${taskDir}/${tid}/wchan`, 'utf8');
          assert.match(wchan, /sigtimedwait/, `the main thread waits in sigwait, not in ${wchan}`);
          continue;
        }
        const blocked = mask('SigBlk');
        assert.equal(blocked & shutdownBits, shutdownBits, `thread ${tid} (${name}) SigBlk ${blocked.toString(16)}`);
      }
    } finally {
      const { code } = await srv.stop();
      assert.equal(code, 0);
    }
  });

  test('connections beyond --max-connections get 503 overloaded, and service resumes when they close', async () => {
    const limit = 2;
    const srv = await startServer({ args: ['--max-connections', String(limit), '--sweep-every', '0'] });
    const idle = [];
    try {
      for (let i = 0; i < limit; i++) {
        const s = net.connect(srv.port, '127.0.0.1');
        s.on('error', () => {});
        await new Promise((r) => s.once('connect', r));
        idle.push(s);
      }
      const req = 'GET /api/v1/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';
      // The idle connections are accepted asynchronously: ask until the server counts them.
      let text = '';
      for (const deadline = Date.now() + 5000; Date.now() < deadline;) {
        text = await rawRequest(srv.port, req);
        if (rawStatus(text) === 503) break;
        await sleep(20);
      }
      assert.equal(rawStatus(text), 503, text.slice(0, 200));
      const body = JSON.parse(Buffer.from(text.slice(text.indexOf('\r\n\r\n') + 4), 'latin1').toString('utf8'));
      assert.equal(body.error.code, 'overloaded');
      assert.ok(hasChinese(body.error.message));
      for (const s of idle) s.destroy();
      let status = null;
      for (const deadline = Date.now() + 5000; Date.now() < deadline;) {
        status = rawStatus(await rawRequest(srv.port, req));
        if (status === 200) break;
        await sleep(20);
      }
      assert.equal(status, 200, 'healthz answers again once the idle connections are gone');
    } finally {
      for (const s of idle) s.destroy();
      const { code } = await srv.stop();
      assert.equal(code, 0);
    }
  });

  test('serve with a bad --max-connections value is a usage error', () => {
    const db = path.join(tmpDir(), 'z.db');
    assert.equal(run(['--db', db, 'init']).code, 0);
    for (const n of ['0', '-3', 'lots']) {
      const r = run(['--db', db, 'serve', '--listen', '127.0.0.1:1', '--max-connections', n], { timeout: 10000 });
      assert.equal(r.code, 2, `--max-connections ${n}`);
      assert.ok(hasChinese(r.stderr));
    }
  });

  test('serve on a missing database exits 1 and tells to run init, without creating it', () => {
    const db = path.join(tmpDir(), 'absent.db');
    const r = run(['--db', db, 'serve', '--listen', '127.0.0.1:1']);
    assert.equal(r.code, 1);
    assert.ok(hasChinese(r.stderr), r.stderr);
    assert.match(r.stderr, /init/);
    assert.ok(!fs.existsSync(db), 'serve must not create the database');
  });

  test('serve with a garbage --listen exits non-zero with a Chinese message', () => {
    const dir = tmpDir();
    const db = path.join(dir, 'z.db');
    assert.equal(run(['--db', db, 'init']).code, 0);
    for (const listen of ['garbage', '127.0.0.1:', '127.0.0.1:99999', '127.0.0.1:http', '999.1.1.1:8080', ':8080']) {
      const r = run(['--db', db, 'serve', '--listen', listen], { timeout: 10000 });
      assert.equal(r.signal, null, `${listen}: killed (did it start serving?)`);
      assert.notEqual(r.code, 0, `${listen}: exit ${r.code}`);
      assert.ok(hasChinese(r.stderr), `${listen}: ${r.stderr}`);
    }
  });

  test('serve with a bad --threads value is a usage error', () => {
    const db = path.join(tmpDir(), 'z.db');
    assert.equal(run(['--db', db, 'init']).code, 0);
    for (const n of ['0', '-1', 'many', '100000']) {
      const r = run(['--db', db, 'serve', '--listen', '127.0.0.1:1', '--threads', n], { timeout: 10000 });
      assert.equal(r.code, 2, `--threads ${n}`);
      assert.ok(hasChinese(r.stderr));
    }
  });

  test('import into a database locked by another writer fails cleanly with a Chinese message', async (t) => {
    if (backend !== 'pg' && !sqliteCliAvailable()) {
      t.skip('sqlite3 CLI not installed (apt-get install sqlite3)');
      return;
    }
    const db = path.join(tmpDir(), 'locked.db');
    assert.equal(run(['--db', db, 'init']).code, 0);
    // the other writer: the sqlite3 CLI holding the file, or psql holding the cases table
    const holder = backend === 'pg'
      ? spawn('psql', ['-X', '-q', '-A', '-t', '-d', dbUrl(db)], { stdio: ['pipe', 'pipe', 'pipe'] })
      : spawn('sqlite3', [db], { stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      const locked = new Promise((resolve, reject) => {
        let out = '';
        holder.stdout.setEncoding('utf8').on('data', (d) => { out += d; if (/^1$/m.test(out)) resolve(); });
        holder.on('exit', (c) => reject(new Error(`sqlite3 exited early (${c})`)));
      });
      // stdin stays open: the lock is held
      holder.stdin.write(backend === 'pg' ? 'BEGIN;\nLOCK TABLE cases IN ACCESS EXCLUSIVE MODE;\nSELECT 1;\n' : 'BEGIN EXCLUSIVE;\nSELECT 1;\n');
      await locked;
      const started = Date.now();
      const r = await runAsync(['--db', db, 'import', path.join(fixtures, 'good.jsonl')], { timeout: 30000 });
      const elapsed = Date.now() - started;
      assert.equal(r.signal, null, `import died of a signal: ${r.stderr}`);
      assert.notEqual(r.code, 0);
      assert.ok(r.code < 128, `exit ${r.code}`);
      assert.ok(hasChinese(r.stderr), r.stderr);
      assert.match(r.stderr, /占用|锁/, r.stderr);
      assert.ok(elapsed < 15000, `import took ${elapsed} ms to give up`);
    } finally {
      holder.stdin.end();
      if (holder.exitCode === null) await new Promise((r) => holder.on('exit', r));
    }
    // Once the other writer is gone the same import goes through.
    const again = run(['--db', db, 'import', path.join(fixtures, 'good.jsonl')]);
    assert.equal(again.code, 0, again.stderr);
  });
});

function sqliteCliAvailable() {
  const r = spawnSync('sqlite3', ['-version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}
