// Unauthenticated lock-out: one address holding thousands of connections that trickle header
// bytes (never completing a request) must not take the service away from everyone else, while
// it does so or after; and a connection still trickling headers is closed by the header deadline.
// All of 127/8 is loopback on Linux: the attacker is 127.0.0.1, the probe binds 127.0.0.2.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { hasChinese, jsonLines, run, startServer, tmpDir } from './lib/zhifa.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const HEADER_DEADLINE_MS = 10000; // the server's header deadline (serve's default)

/** GET /api/v1/healthz from 127.0.0.2; resolves {status, ms}, status null when no answer in 1 s. */
function probe(port) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const done = (status) => resolve({ status, ms: Date.now() - t0 });
    const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/healthz', localAddress: '127.0.0.2', agent: false,
      headers: { Connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode));
    });
    req.setTimeout(1000, () => { req.destroy(); done(null); });
    req.on('error', () => done(null));
  });
}

/**
 * `n` connection slots from 127.0.0.1, each sending a request line and then one header byte a
 * second, never the blank line; a slot whose connection the server closes reconnects a second
 * later, as a patient attacker would. stop() closes them all.
 */
function trickleFlood(port, n) {
  const socks = new Set();
  let stopping = false;
  const stats = { opened: 0, closedByServer: 0 };
  const open = () => {
    if (stopping) return;
    const s = net.connect({ port, host: '127.0.0.1' });
    let timer = null;
    socks.add(s);
    s.setNoDelay(true);
    s.on('connect', () => {
      stats.opened++;
      s.write('GET /api/v1/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      timer = setInterval(() => s.write('a'), 1000);
    });
    s.on('data', () => {});
    s.on('error', () => {});
    s.on('close', () => {
      clearInterval(timer);
      socks.delete(s);
      if (stopping) return;
      stats.closedByServer++;
      setTimeout(open, 1000);
    });
  };
  for (let i = 0; i < n; i++) open();
  return {
    stats,
    stop() {
      stopping = true;
      for (const s of socks) s.destroy();
      socks.clear();
    },
  };
}

describe('many trickling connections from one address', () => {
  let srv;
  before(async () => { srv = await startServer({ args: ['--sweep-every', '0'] }); });
  after(() => srv?.stop());

  test('2,000 held connections from 127.0.0.1 leave healthz answering 127.0.0.2 within 1 s, during and after', async () => {
    const flood = trickleFlood(srv.port, 2000);
    try {
      for (const d = Date.now() + 10000; flood.stats.opened + flood.stats.closedByServer < 2000 && Date.now() < d;)
        await sleep(50);
      assert.ok(flood.stats.opened >= 2000, `the attacker got its connections accepted (${JSON.stringify(flood.stats)})`);
      // held well past one header-byte interval and across the header deadline's reaping
      for (let i = 0; i < 12; i++) {
        const r = await probe(srv.port);
        assert.equal(r.status, 200, `probe ${i} while held: ${JSON.stringify(r)} ${JSON.stringify(flood.stats)}`);
        await sleep(1000);
      }
    } finally {
      flood.stop();
    }
    for (let i = 0; i < 5; i++) {
      const r = await probe(srv.port);
      assert.equal(r.status, 200, `probe ${i} after they closed: ${JSON.stringify(r)}`);
      await sleep(200);
    }
  });
});

test('a connection trickling header bytes is closed by the header deadline though bytes keep arriving', async () => {
  const srv = await startServer({ args: ['--sweep-every', '0'] });
  try {
    const s = net.connect({ port: srv.port, host: '127.0.0.1' });
    s.on('error', () => {});
    await new Promise((r) => s.once('connect', r));
    const t0 = Date.now();
    let lastWrite = t0;
    s.write('GET /api/v1/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const timer = setInterval(() => { if (s.writable) { s.write('a'); lastWrite = Date.now(); } }, 500);
    const closedAt = await new Promise((resolve) => {
      const give = setTimeout(() => resolve(null), HEADER_DEADLINE_MS + 5000);
      s.on('close', () => { clearTimeout(give); resolve(Date.now()); });
    });
    clearInterval(timer);
    s.destroy();
    assert.ok(closedAt !== null, `still open ${HEADER_DEADLINE_MS + 5000} ms after connecting, writing all along`);
    assert.ok(closedAt - lastWrite < 1500, 'bytes were still arriving when it was closed');
    assert.ok(closedAt - t0 >= HEADER_DEADLINE_MS - 500, `closed after ${closedAt - t0} ms: not before the deadline`);
    // written before the shutdown, but the pipe and the socket are read in whatever order
    const logged = () => jsonLines(srv.stderr()).some((l) => l.event === 'header_timeout');
    for (const d = Date.now() + 2000; !logged() && Date.now() < d;) await sleep(20);
    assert.ok(logged(), 'the closing is logged');
    const r = await probe(srv.port);
    assert.equal(r.status, 200);
  } finally {
    await srv.stop();
  }
});

test('--max-connections-per-ip N closes an address\'s connection beyond N at once, and serves other addresses', async () => {
  const srv = await startServer({ args: ['--sweep-every', '0', '--max-connections-per-ip', '2'] });
  const held = [];
  try {
    const connect = () => new Promise((resolve) => {
      // from an address of its own: startServer's kept-alive health check counts for 127.0.0.1
      const s = net.connect({ port: srv.port, host: '127.0.0.1', localAddress: '127.0.0.3' });
      held.push(s);
      s.on('error', () => {});
      const closed = new Promise((r) => s.on('close', r));
      s.once('connect', () => resolve({ s, closed }));
    });
    const first = [await connect(), await connect()];
    const third = await connect();
    const outcome = await Promise.race([third.closed.then(() => 'closed'), sleep(3000).then(() => 'open')]);
    assert.equal(outcome, 'closed', 'the third connection from 127.0.0.3 is closed without a request');
    for (const c of first) assert.ok(!c.s.destroyed, 'the first two stay open');
    assert.equal((await probe(srv.port)).status, 200, '127.0.0.2 is served');
    // a burst of refused connections: libmicrohttpd's complaint about each is logged as a JSON
    // line, and no more than a handful a second
    const burst = await Promise.all(Array.from({ length: 100 }, connect));
    await Promise.all(burst.map((c) => c.closed));
    assert.equal((await probe(srv.port)).status, 200);
    const lines = srv.stderr().split('\n').filter((l) => l.trim());
    assert.deepEqual(lines.filter((l) => !l.startsWith('{')), [], 'every log line is JSON');
    const library = jsonLines(srv.stderr()).filter((l) => l.event === 'http_library');
    assert.ok(library.length >= 1 && library.length <= 40, `${library.length} library lines for 100 refusals`);
  } finally {
    for (const s of held) s.destroy();
    await srv.stop();
  }
});

test('serve with a bad --max-connections-per-ip value is a usage error', () => {
  const db = path.join(tmpDir(), 'z.db');
  assert.equal(run(['--db', db, 'init']).code, 0);
  for (const n of ['0', '-3', 'lots']) {
    const r = run(['--db', db, 'serve', '--listen', '127.0.0.1:1', '--max-connections-per-ip', n], { timeout: 10000 });
    assert.equal(r.code, 2, `--max-connections-per-ip ${n}`);
    assert.ok(hasChinese(r.stderr));
  }
});
