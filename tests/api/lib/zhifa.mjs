// Helpers for the API and CLI tests: run the real zhifa binary, start it as a server on a free
// loopback port, talk to it over raw TCP when a client would normalise the request.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const fixtures = path.join(repoRoot, 'tests/data/import');

/** The binary under test: $ZHIFA_BIN or <repo>/build/zhifa. */
export function bin() {
  return process.env.ZHIFA_BIN ? path.resolve(process.env.ZHIFA_BIN) : path.join(repoRoot, 'build/zhifa');
}

const tmpRoots = [];
/** A fresh temporary directory, removed when the test process exits. */
export function tmpDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-api-'));
  tmpRoots.push(dir);
  return dir;
}
process.on('exit', () => {
  for (const d of tmpRoots) fs.rmSync(d, { recursive: true, force: true });
});

/** The backend under test: ZHIFA_BACKEND=pg runs every zhifa of the tests against PostgreSQL
 * (`make test-pg` starts the cluster, scripts/pg-cluster.sh): each --db path a test names gets a
 * fresh database of its own, passed as --pg URL, the path then only placing the file store. */
export const backend = process.env.ZHIFA_BACKEND === 'pg' ? 'pg' : 'sqlite';
const pgDatabases = new Map();
function pgUrl(db) {
  const key = path.resolve(db);
  if (!pgDatabases.has(key)) {
    const r = spawnSync(path.join(repoRoot, 'scripts/pg-cluster.sh'), ['newdb'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`scripts/pg-cluster.sh newdb failed: ${r.stderr}`);
    pgDatabases.set(key, r.stdout.trim());
  }
  return pgDatabases.get(key);
}
/** args with --pg URL in front when the backend is PostgreSQL and they name a --db. */
export function backendArgs(args) {
  const i = args.indexOf('--db');
  return backend === 'pg' && i >= 0 && i + 1 < args.length ? ['--pg', pgUrl(args[i + 1]), ...args] : args;
}
/** Whether the database of path db has been created (a file on SQLite, a database on PostgreSQL). */
function dbExists(db) {
  return backend === 'pg' ? pgDatabases.has(path.resolve(db)) : fs.existsSync(db);
}

/** How long one zhifa run may take: PostgreSQL does its share of the work in its own server
 * process, with a round trip per statement, so an `init --demo` on a loaded machine can pass 30 s
 * where SQLite takes 10. */
const RUN_TIMEOUT = backend === 'pg' ? 120000 : 30000;

/** Runs zhifa synchronously. `input` (string or Buffer) goes to stdin. */
export function run(args, { input, timeout = RUN_TIMEOUT, cwd } = {}) {
  args = backendArgs(args);
  const r = spawnSync(bin(), args, {
    input: input ?? '',
    cwd,
    timeout,
    maxBuffer: 64 * 1024 * 1024,
    encoding: 'utf8',
  });
  // EPIPE: the program exited (e.g. refusing its arguments) before reading the input we offered —
  // its exit status is the answer, not an error of the test.
  if (r.error && !(r.error.code === 'EPIPE' && (r.status !== null || r.signal))) throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Runs sql on a database file with the sqlite3 CLI (as someone holding the file would); its output
 * without the last newline. Throws when sqlite3 refuses (a trigger, a constraint). */
export function sqlite(file, sql) {
  if (backend === 'pg') throw new Error('this test reads the SQLite file directly: SQLite only (docs/postgresql.md)');
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 10000', file, sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3 refused (${r.status}): ${r.stderr}`);
  return r.stdout.replace(/\n$/, '');
}

/** Runs one read-only query on the database of path db, on either backend (sqlite3, or psql on
 * PostgreSQL); its output without the last newline. For checks of stored rows the API does not
 * show; write the query so both print the same (numbers, not booleans). */
export function dbQuery(db, sql) {
  const r = backend === 'pg'
    ? spawnSync('psql', ['-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1', '-d', pgUrl(db), '-c', sql], { encoding: 'utf8' })
    : spawnSync('sqlite3', ['-cmd', '.timeout 10000', db, sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${backend === 'pg' ? 'psql' : 'sqlite3'} refused (${r.status}): ${r.stderr}`);
  return r.stdout.replace(/\n$/, '');
}

/** Runs sql that writes on the database of path db, on either backend — for tests that damage
 * stored rows as someone holding the database would (a hand edit `zhifa verify` must name). Throws
 * when the database refuses (a trigger, a constraint). Write SQL both dialects accept, or branch on
 * `backend`. */
export function dbExec(db, sql) {
  return dbQuery(db, sql);
}

/** Everything the database of path db holds, as bytes: the SQLite file and its WAL, or a plain
 * pg_dump of the PostgreSQL database — for checks that a secret is stored nowhere in it. */
export function dbBytes(db) {
  if (backend !== 'pg') return Buffer.concat(['', '-wal'].filter((x) => fs.existsSync(db + x)).map((x) => fs.readFileSync(db + x)));
  const r = spawnSync('pg_dump', ['--no-owner', '-d', pgUrl(db)], { maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pg_dump refused (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** The PostgreSQL URL of the database of path db (a fresh one the first time): for the tools an
 * operator runs on it, pg_dump and pg_restore. */
export function dbUrl(db) {
  if (backend !== 'pg') throw new Error('dbUrl: PostgreSQL only');
  return pgUrl(db);
}

/** Copies the database of path src to path dst, as someone copying the whole database would: the
 * file on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL (nobody may be connected to src).
 * Only the database: the key files and the file store beside it are the caller's to copy. */
export function dbCopy(src, dst) {
  if (backend !== 'pg') return fs.copyFileSync(src, dst);
  const from = new URL(pgUrl(src));
  const name = `zt_copy_${Date.now()}_${process.pid}_${pgDatabases.size}`;
  const admin = new URL(from); admin.pathname = '/zhifa';
  const r = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', admin.href,
    '-c', `CREATE DATABASE "${name}" TEMPLATE "${from.pathname.slice(1)}"`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql refused to copy the database (${r.status}): ${r.stderr}`);
  const to = new URL(from); to.pathname = `/${name}`;
  pgDatabases.set(path.resolve(dst), to.href);
}

/** Runs zhifa asynchronously (the event loop stays free, e.g. for a server in the same test). */
export function runAsync(args, { input, timeout = RUN_TIMEOUT } = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(bin(), backendArgs(args), { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeout);
    p.on('error', reject);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    p.stdin.on('error', () => {});
    p.stdin.end(input ?? '');
  });
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `zhifa --db DB serve --listen 127.0.0.1:PORT` (initialising DB first if it is absent)
 * and waits until GET /api/v1/healthz answers 200.
 * Returns {base, port, db, proc, stderr(), stop(sig)}; stop() sends SIGTERM (or sig) and resolves
 * with {code, signal, stderr}. stderr holds the JSON log lines (access log included).
 */
export async function startServer({ db, args = [] } = {}) {
  db ??= path.join(tmpDir(), 'zhifa.db');
  if (!dbExists(db)) {
    const r = run(['--db', db, 'init']);
    if (r.code !== 0) throw new Error(`zhifa init failed (${r.code}): ${r.stderr}`);
  }
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const proc = spawn(bin(), backendArgs(['--db', db, 'serve', '--listen', `127.0.0.1:${port}`, ...args]), {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    proc.stdout.resume();
    const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
    let exit = null;
    exited.then((e) => (exit = e));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 10000;
    let up = false;
    while (!exit && Date.now() < deadline) {
      try {
        const r = await fetch(`${base}/api/v1/healthz`);
        await r.arrayBuffer();
        if (r.status === 200) { up = true; break; }
      } catch { /* not listening yet */ }
      await sleep(50);
    }
    if (!up) {
      if (!exit) proc.kill('SIGKILL');
      await exited;
      // Someone else took the port between freePort() and bind(): try another one.
      if (attempt < 2 && /无法在|listen/.test(stderr)) continue;
      throw new Error(`zhifa serve did not become healthy within 10 s; stderr:\n${stderr}`);
    }
    return {
      base,
      port,
      db,
      proc,
      stderr: () => stderr,
      async stop(sig = 'SIGTERM') {
        if (!exit) proc.kill(sig);
        const e = await exited;
        // let the stderr pipe drain
        await new Promise((r) => (proc.stderr.readableEnded ? r() : proc.stderr.on('end', r)));
        return { ...e, stderr };
      },
    };
  }
}

/** Parses the JSON lines of a log, skipping anything that is not JSON. */
export function jsonLines(text) {
  const out = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try { out.push(JSON.parse(line)); } catch { /* not a JSON line */ }
  }
  return out;
}

/**
 * Sends raw bytes over TCP and collects everything the server sends until it closes the
 * connection (or `timeout` ms pass). Used where an HTTP client would normalise the request.
 */
export function rawRequest(port, data, { timeout = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    const sock = net.connect(port, '127.0.0.1');
    const timer = setTimeout(() => sock.destroy(), timeout);
    sock.on('connect', () => sock.write(data));
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', (e) => {
      if (chunks.length) return; // a reset after the reply: keep what arrived
      clearTimeout(timer);
      reject(e);
    });
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
  });
}

/** Status code of a raw HTTP response text, or null. */
export function rawStatus(text) {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  return m ? Number(m[1]) : null;
}

/** True if the string contains at least one CJK ideograph. */
export const hasChinese = (s) => typeof s === 'string' && /[\u4e00-\u9fff]/.test(s);

/** Creates a user from the command line (no forced change), with a strong password. */
export function addUser(db, { username, role, agency, region, approvalLevel, password = `Zf-${username}-Pass-2026` }) {
  const args = ['--db', db, 'user', 'add', '--username', username, '--role', role, '--password-stdin'];
  if (agency) args.push('--agency', agency);
  if (region) args.push('--region', region);
  if (approvalLevel) args.push('--approval-level', approvalLevel);
  const r = run(args, { input: password + '\n' });
  if (r.code !== 0) throw new Error(`user add ${username} failed (${r.code}): ${r.stderr}`);
  return { username, password };
}

/**
 * Logs in over HTTP and returns a client that sends the session cookie and the CSRF token:
 * {status, body, get(path), send(method, path, body), raw(path, opts), cookie, csrf}.
 */
export async function login(base, username, password) {
  const r = await fetch(`${base}/api/v1/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  const body = await r.json();
  const setCookie = r.headers.get('set-cookie') || '';
  const cookie = setCookie.split(';')[0];
  return client(base, cookie, body.csrf_token, { status: r.status, body, setCookie });
}

/**
 * The client a successful PUT /session/password leaves: the server rotates the session, so the
 * cookie of its Set-Cookie and the csrf_token of its body replace the old ones.
 */
export function rotated(base, reply) {
  const cookie = (reply.headers.get('set-cookie') || '').split(';')[0];
  return client(base, cookie, reply.body.csrf_token, { status: reply.status, body: reply.body });
}

/** Two turns of the event loop before a request: a keep-alive socket the server closed (its 10 s
 * header deadline) while a synchronous run() blocked the loop is then seen closed, and fetch opens
 * a new one instead of sending on it ("fetch failed: other side closed"). */
const turn = () => new Promise((r) => setImmediate(r));
const settle = async () => { await turn(); await turn(); }; // the socket's end is read, then undici drops it

/** A client for an existing cookie (or none: anonymous). */
export function client(base, cookie = '', csrf = '', extra = {}) {
  const headers = (more = {}) => ({ ...(cookie ? { Cookie: cookie } : {}), ...more });
  const parse = async (r) => {
    const text = await r.text();
    let body;
    try { body = JSON.parse(text); } catch { body = text; }
    return { status: r.status, body, headers: r.headers };
  };
  return {
    ...extra,
    cookie,
    csrf,
    raw: async (p, opts = {}) => { await settle(); return fetch(`${base}${p}`, { ...opts, headers: headers(opts.headers) }); },
    get: async (p) => { await settle(); return parse(await fetch(`${base}/api/v1${p}`, { headers: headers() })); },
    send: async (method, p, body, { withCsrf = true } = {}) => {
      await settle();
      return parse(await fetch(`${base}/api/v1${p}`, {
        method,
        headers: headers({ 'Content-Type': 'application/json', ...(withCsrf && csrf ? { 'X-CSRF-Token': csrf } : {}) }),
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }));
    },
  };
}
