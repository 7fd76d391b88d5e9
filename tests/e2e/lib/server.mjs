// Starts the REAL zhifa binary for a browser test: a fresh demo database in a temp dir, `serve`
// on a free loopback port, and waits for /api/v1/healthz. The binary serves web/dist itself.
// Binary: $ZHIFA_BIN, else <repo>/build/zhifa (`make build`). Set ZHIFA_KEEP_TMP=1 to keep the dir.
import { spawn, execFile } from 'node:child_process'
import { mkdtemp, rm, access } from 'node:fs/promises'
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

// → {baseURL, health, dbPath, stop(), logs()}
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
    await run(bin, ['--db', dbPath, 'init', '--demo'], INIT_TIMEOUT_MS)

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
    return {
      baseURL,
      health,
      dbPath,
      logs,
      async stop () {
        if (!(await waitExit(server, 0))) {
          server.kill('SIGTERM')
          if (!(await waitExit(server, STOP_TIMEOUT_MS))) {
            server.kill('SIGKILL')
            await waitExit(server, STOP_TIMEOUT_MS)
          }
        }
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
