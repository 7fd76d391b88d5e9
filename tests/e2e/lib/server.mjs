// Starts the REAL zhifa binary for a browser test: a fresh demo database in a temp dir, `serve`
// on a free loopback port, and waits for /api/v1/healthz. The binary serves web/dist itself.
// Binary: $ZHIFA_BIN, else <repo>/build/zhifa (`make build`). Set ZHIFA_KEEP_TMP=1 to keep the dir.
// `init --demo` prints one user per role with a random initial password; login() signs in through
// the login page, does the forced first-login password change, and remembers the new password.
import { spawn, execFile, execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, access, cp, readFile } from 'node:fs/promises'
import { constants as fsConstants } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

const HEALTH_TIMEOUT_MS = 15000
const INIT_TIMEOUT_MS = 60000
const STOP_TIMEOUT_MS = 5000

export function zhifaBinary () {
  return process.env.ZHIFA_BIN ? path.resolve(process.env.ZHIFA_BIN) : path.join(REPO_ROOT, 'build', 'zhifa')
}

// Binds port 0 on loopback and hands back what the kernel chose.
export function freePort () {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

function run (bin, args, timeout) {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const how = err.killed ? `timed out after ${timeout} ms` : `exit code ${err.code}`
        err.message = `${bin} ${args.join(' ')} failed (${how}):\n${stdout}${stderr}`
        reject(err)
      } else {
        resolve({ stdout, stderr })
      }
    })
  })
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitHealthy (baseURL, child, logs) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS
  let last = 'no answer'
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`zhifa serve exited (code ${child.exitCode}, signal ${child.signalCode}) before it was healthy:\n${logs()}`)
    }
    try {
      const res = await fetch(`${baseURL}/api/v1/healthz`, { signal: AbortSignal.timeout(2000) })
      if (res.status === 200) return res.json()
      last = `HTTP ${res.status}`
    } catch (err) {
      last = err.message
    }
    await sleep(100)
  }
  throw new Error(`zhifa serve not healthy after ${HEALTH_TIMEOUT_MS} ms (last: ${last}):\n${logs()}`)
}

function waitExit (child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    child.once('exit', () => { clearTimeout(timer); resolve(true) })
  })
}

// The demo users from the stdout of `zhifa init --demo`: after the line mentioning 演示用户,
// lines of "  username  role  initial-password". → Map username → {role, password, changed}
export function parseDemoUsers (stdout) {
  const users = new Map()
  let inList = false
  for (const line of stdout.split('\n')) {
    if (line.includes('演示用户')) { inList = true; continue }
    if (!inList) continue
    const m = /^\s+([a-z][a-z0-9_.-]*)\s+([a-z_]+)\s+(\S+)\s*$/.exec(line)
    if (m) users.set(m[1], { role: m[2], password: m[3], changed: false })
    else if (users.size) break
  }
  return users
}

// baseURL → that server's demo users (passwords as they are now).
const credentials = new Map()

// A strong password the server's policy accepts (≥ 10 characters, not common, not the username).
export const strongPassword = () => `Zf-${randomBytes(5).toString('hex')}-2026x`

// Logs `username` in through the console's login page in `page`; on the first login of the run
// completes the forced password change. Ends on the page the console opens after login.
// {here: true}: the page is already on the login form (e.g. sent there with ?redirect=…).
export async function login (page, base, username, { here = false } = {}) {
  const users = credentials.get(base)
  const user = users && users.get(username)
  if (!user) throw new Error(`login: no demo user ${username} for ${base} (known: ${users ? [...users.keys()].join(', ') : 'none'})`)
  if (!here) await page.goto(base + '/login')
  await page.getByPlaceholder('请输入用户名').fill(username)
  await page.getByPlaceholder('请输入密码').fill(user.password)
  await page.getByTestId('login-submit').click()
  const refusal = '[data-testid=login-error], .el-form-item__error'
  await page.waitForFunction((sel) => location.pathname !== '/login' || document.querySelector(sel), refusal)
  if (new URL(page.url()).pathname === '/login') {
    throw new Error(`login as ${username} refused: ${(await page.locator(refusal).first().innerText()).trim()}`)
  }
  if (new URL(page.url()).pathname === '/password') {
    const fresh = strongPassword()
    await page.getByTestId('pw-old').fill(user.password)
    await page.getByTestId('pw-new').fill(fresh)
    await page.getByTestId('pw-confirm').fill(fresh)
    await page.getByTestId('pw-submit').click()
    await page.waitForURL((url) => url.pathname !== '/password')
    user.password = fresh
    user.changed = true
  }
  await page.getByTestId('user-menu').waitFor()
}

// The demo users of a running server: Map username → {role, password, changed}.
export const demoUsers = (base) => credentials.get(base)

// Adds a user to a running server's database with `zhifa user add` (agency users: agency;
// supervisors and leaders: region) and makes login() know him. → his password
export function addUser (server, { username, role, agency, region, displayName }) {
  const password = strongPassword()
  const args = ['--db', server.dbPath, 'user', 'add', '--username', username, '--role', role]
  if (agency) args.push('--agency', agency)
  if (region) args.push('--region', region)
  if (displayName) args.push('--display-name', displayName)
  execFileSync(zhifaBinary(), [...args, '--password-stdin'], { input: password + '\n' })
  server.users.set(username, { role, password, changed: false })
  return password
}

// The demo database a server starts from. `scripts/e2e.sh` runs `init --demo` once for the whole
// run into $ZHIFA_E2E_DEMO (the database, its keys, seals and file store, and init's stdout in
// init.txt); each server copies it — the same state a fresh init gives, without paying for argon2id
// and the demo's documents 87 times. Without the variable (one file run by hand), init runs here.
// → the demo users parsed from init's stdout
async function demoDatabase (bin, dbPath) {
  const template = process.env.ZHIFA_E2E_DEMO
  if (!template) {
    const init = await run(bin, ['--db', dbPath, 'init', '--demo'], INIT_TIMEOUT_MS)
    return parseDemoUsers(init.stdout)
  }
  await cp(path.join(template, 'db'), path.dirname(dbPath), { recursive: true, preserveTimestamps: true })
  return parseDemoUsers(await readFile(path.join(template, 'init.txt'), 'utf8'))
}

// → {baseURL, health, dbPath, users, stop(), logs()}
export async function startServer () {
  const bin = zhifaBinary()
  try {
    await access(bin, fsConstants.X_OK)
  } catch {
    throw new Error(`zhifa binary not found or not executable at ${bin}: run \`make build\` or set ZHIFA_BIN`)
  }
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'zhifa-e2e-'))
  const dbPath = path.join(tmpDir, 'zhifa.db')
  let child = null
  try {
    const users = await demoDatabase(bin, dbPath)

    const port = await freePort()
    const baseURL = `http://127.0.0.1:${port}`
    let output = ''
    child = spawn(bin, ['--db', dbPath, 'serve', '--listen', `127.0.0.1:${port}`], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const collect = (chunk) => { output = (output + chunk).slice(-64 * 1024) }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    const logs = () => output

    const health = await waitHealthy(baseURL, child, logs)
    const server = child
    credentials.set(baseURL, users)
    return {
      baseURL,
      health,
      dbPath,
      users,
      logs,
      async stop () {
        if (!(await waitExit(server, 0))) {
          server.kill('SIGTERM')
          if (!(await waitExit(server, STOP_TIMEOUT_MS))) {
            server.kill('SIGKILL')
            await waitExit(server, STOP_TIMEOUT_MS)
          }
        }
        credentials.delete(baseURL)
        if (!process.env.ZHIFA_KEEP_TMP) await rm(tmpDir, { recursive: true, force: true })
      }
    }
  } catch (err) {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM')
      if (!(await waitExit(child, STOP_TIMEOUT_MS))) child.kill('SIGKILL')
    }
    await rm(tmpDir, { recursive: true, force: true })
    throw err
  }
}
