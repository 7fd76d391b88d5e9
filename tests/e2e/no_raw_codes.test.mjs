// Names, not codes (issue 19): every demo role opens every page its side menu offers, plus a case's
// detail and handling pages, an order and a lead, at 1440 px and at 390 px, and the visible text
// (document.body.innerText) must hold no Latin identifier and no raw code outside a small allow-list.
// One browser, one context per role, a few roles at a time; pages are reached through the console's
// own router so a walk of all roles stays well under three minutes.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './lib/server.mjs'
import { launchBrowser } from './lib/browser.mjs'

const ROLES = ['officer', 'head', 'reviewer', 'supervisor', 'leader', 'observer', 'lawyer', 'sysadmin',
  'secadmin', 'auditor']
const WIDTHS = [1440, 390]

// What may legitimately be written with Latin letters, removed from the text before the search.
// Each pattern says why it is allowed.
const ALLOWED_PATTERNS = [
  /https?:\/\/\S+/g, // URLs (the portal's address, the law library's sources)
  /\b[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}\b/g, // 统一社会信用代码 (GB 32100: 18 chars)
  /\b\d{17}[\dX]\b/g, // 居民身份证号码 (GB 11643: 17 digits and a check digit that may be X)
  /[^\s/\\]+\.(pdf|jpe?g|png|gif|webp|xlsx?|csv|jsonl?|zip|txt|docx?|ofd)\b/gi, // file names with extensions
  /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z?\b/g, // timestamps written the ISO way
  /\b[0-9a-f]{32,}\b/g, // SM3 digests (存证 shows the root to be compared by hand)
  /[A-Za-z0-9+/]{40,}={0,2}/g, // SM2 signatures in base64, beside the digests they sign
  /GB\/T\s*\d+/g // national standards by number (GB/T 2260 区划代码, GB/T 22239 等级保护)
]
// Proper nouns and units people read as words (kept short on purpose: a new entry needs a reason).
const ALLOWED_WORDS = new Set([
  'PDF', 'Excel', // the formats of 通报 and exports, named as their users name them
  'Word', // the format a normative document's full text is filed in, as filers name it (文件报备)
  // file formats as 文件类型 names them (the labels of the server's media_types: JPEG 图片, AMR 录音 …)
  'JPEG', 'JPG', 'PNG', 'WebP', 'HEIC', 'HEIF', 'AAC', 'WAV', 'AMR', 'AMR-WB', 'MOV',
  'USCC', // 统一社会信用代码's usual abbreviation in forms
  'KiB', 'MiB', // file sizes (formatBytes)
  'SHA-256', 'CPU', 'OpenSSL' // the hash, the processor time and the tool named in 系统参数 and 存证核验
])
// Pages that are about accounts show the login name (用户名) people type at the login form.
const ACCOUNT_PAGES = ['/system/users', '/system/profile']
// A token that looks like a machine's word: letters (and _ . -) of three letters or more.
const LATIN = /[A-Za-z_][A-Za-z0-9_.\-/]*[A-Za-z0-9_]|[A-Za-z_]/g

// The offending tokens of a page's text: Latin words outside the lists, and six-digit region codes
// shown alone (a cell, a tag or a line holding only the code).
export function offendingTokens (text, regionCodes, allowed = new Set()) {
  let rest = text
  for (const re of ALLOWED_PATTERNS) rest = rest.replace(re, ' ')
  const out = new Set()
  for (const token of rest.match(LATIN) || []) {
    if ((token.match(/[A-Za-z_]/g) || []).length < 3) continue
    if (ALLOWED_WORDS.has(token) || allowed.has(token)) continue
    out.add(token)
  }
  for (const line of text.split(/[\n\t]/)) {
    const code = line.trim()
    if (/^\d{6}$/.test(code) && regionCodes.has(code)) out.add(code)
  }
  return [...out]
}

let server
let browser
let regionCodes = new Set()
let usernames = new Set()

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  usernames = new Set(server.users.keys())
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

// Waits until no request has been in flight for a short while and no loading mask shows.
async function settle (page, inflight) {
  const start = Date.now()
  let quietSince = Date.now()
  while (Date.now() - start < 8000) {
    await page.waitForTimeout(50)
    if (inflight.size) { quietSince = Date.now(); continue }
    if (Date.now() - quietSince >= 150) break
  }
  await page.locator('.el-loading-mask:visible').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {})
}

// In-app navigation through the console's router (no reload: the session and dictionaries stay).
async function go (page, path, inflight) {
  await page.evaluate((p) => document.querySelector('#app').__vue_app__.config.globalProperties.$router.push(p), path)
  await settle(page, inflight)
}

// The pages with a parameter, found from the role's own data.
async function detailPages (page) {
  return page.evaluate(async () => {
    const get = async (url) => {
      const res = await fetch(url)
      return res.ok ? res.json() : null
    }
    const perms = (await get('/api/v1/session')).permissions || []
    const out = []
    if (perms.includes('cases.handle')) {
      const mine = await get('/api/v1/workflow/cases?page=1&size=1')
      const c = mine && mine.items && mine.items[0]
      if (c) out.push('/cases/handle/' + encodeURIComponent(c.case_no))
    }
    if (perms.includes('cases.read')) {
      const list = await get('/api/v1/cases?page=1&size=1')
      const c = list && list.items && list.items[0]
      if (c) out.push('/cases/detail/' + encodeURIComponent(c.case_no))
    }
    if (perms.includes('orders.read')) {
      const list = await get('/api/v1/orders?page=1&size=1')
      const o = list && list.items && list.items[0]
      if (o) out.push('/supervision/orders/' + o.id)
    }
    if (perms.includes('leads.read')) {
      const list = await get('/api/v1/leads?page=1&size=1')
      const l = list && list.items && list.items[0]
      if (l) out.push('/supervision/leads/' + l.id)
    }
    return out
  })
}

async function regionCodesOf (page) {
  const codes = await page.evaluate(async () => {
    const res = await fetch('/api/v1/regions')
    if (!res.ok) return []
    const body = await res.json()
    const all = []
    const walk = (list) => { for (const r of list || []) { all.push(r.code); walk(r.children) } }
    walk(Array.isArray(body) ? body : body.items)
    return all
  })
  for (const c of codes) regionCodes.add(c)
}

// One role's walk: every page of its menu and its detail pages, read at each width. Returns what
// was read ({role, width, path, text}); the text is judged after all walks, when the region codes
// are known.
async function walkRole (role) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  page.setDefaultTimeout(10000)
  const inflight = new Set()
  page.on('request', (r) => inflight.add(r))
  page.on('requestfinished', (r) => inflight.delete(r))
  page.on('requestfailed', (r) => inflight.delete(r))
  const reads = []
  try {
    await login(page, server.baseURL, role)
    await regionCodesOf(page)
    await page.locator('[data-testid=side-menu] [data-path]').first().waitFor({ state: 'attached' })
    const menuPaths = await page.locator('[data-testid=side-menu] [data-path]').evaluateAll(
      (els) => els.map((e) => e.getAttribute('data-path')))
    const paths = [...menuPaths, ...(await detailPages(page))]
    // Each page is opened once and read at both widths: the console re-lays itself out on resize.
    for (const path of paths) {
      await page.setViewportSize({ width: WIDTHS[0], height: 900 })
      await go(page, path, inflight)
      for (const width of WIDTHS) {
        if (width !== WIDTHS[0]) {
          await page.setViewportSize({ width, height: 900 })
          await settle(page, inflight)
        }
        // A code printed small and grey beside its name (.sv-code: 事项编码, 证件号, a request's
        // path in the audit log) is secondary on purpose; the name before it is what is read.
        const text = await page.evaluate(() => {
          let t = document.body.innerText
          for (const el of document.querySelectorAll('.sv-code')) {
            const s = el.innerText.trim()
            if (s) t = t.split(s).join(' ')
          }
          return t
        })
        reads.push({ role, width, path, text })
      }
    }
  } finally {
    await context.close()
  }
  return reads
}

// Roles are walked a few at a time, each in its own context: the walks wait on the server and the
// renderer far more than they compute, so overlapping them shortens the test without changing what
// each page is asked.
const CONCURRENT_ROLES = 3

test('no page of any role shows a Latin identifier or a raw code', { timeout: 900000 }, async () => {
  const started = Date.now()
  const queue = [...ROLES]
  const reads = []
  const worker = async () => {
    for (let role = queue.shift(); role; role = queue.shift()) {
      reads.push(...(await walkRole(role)))
      console.log(`${role}: ${((Date.now() - started) / 1000).toFixed(0)} s`)
    }
  }
  await Promise.all(Array.from({ length: CONCURRENT_ROLES }, worker))
  const offences = [] // "role width path: token, token"
  for (const { role, width, path, text } of reads) {
    assert.ok(!text.includes('功能建设中'), `${role} ${path}: a placeholder page`)
    const bad = offendingTokens(text, regionCodes, ACCOUNT_PAGES.includes(path) ? usernames : undefined)
    if (bad.length) offences.push(`${role} ${width}px ${path}: ${bad.join(', ')}`)
  }
  assert.equal(new Set(reads.map((r) => r.role)).size, ROLES.length, 'every role walked')
  console.log(`walked ${reads.length} pages in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  assert.deepEqual(offences, [], 'codes shown to people:\n' + offences.join('\n'))
})

test('the token finder flags codes and lets names, numbers and file names through', () => {
  const regions = new Set(['370202'])
  assert.deepEqual(offendingTokens('裁量档次 light，权限 cases.read，hearing_person_fen', regions),
    ['light', 'cases.read', 'hearing_person_fen'])
  assert.deepEqual(offendingTokens('文件类型 application/pdf', regions), ['application/pdf'])
  assert.deepEqual(offendingTokens('区划\n370202\n', regions), ['370202'])
  assert.deepEqual(offendingTokens('南市监处罚〔2026〕19号 91370202MA3C8XYW1K 决定书.pdf 2026-05-20 ¥12,345.00 PDF Excel SM2', regions), [])
  assert.deepEqual(offendingTokens('370202199001011234 青岛市市南区（370202）', regions), [])
})
