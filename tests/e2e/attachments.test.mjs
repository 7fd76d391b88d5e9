// 全过程记录 in the browser: on a phone-sized screen an officer opens a case on the handling page,
// uploads a photo against the current stage and sees it listed with its SHA-256 and a download
// link, and the upload in the case's timeline.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { startServer, login, demoUsers } from './lib/server.mjs'
import { launchBrowser, openPage, pageShot } from './lib/browser.mjs'

let server
let browser

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

// A 线索 filed over the API as `username` (after the browser login set the password).
async function fileCase (username) {
  const base = server.baseURL
  const s = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: demoUsers(base).get(username).password })
  })
  const { csrf_token: csrf } = await s.json()
  const cookie = (s.headers.get('set-cookie') || '').split(';')[0]
  const r = await fetch(`${base}/api/v1/workflow/cases`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
    body: JSON.stringify({
      case_type: 'penalty_ordinary',
      power: 'SC-CF-001',
      party: { kind: 'org', name: '青岛某某食品有限公司', id_no: '91370202091141705L' },
      officers: ['37020200001', '37020200002'],
      discovered_on: '2026-03-02'
    })
  })
  const body = await r.json()
  assert.equal(r.status, 201, JSON.stringify(body))
  return body.case.case_no
}

// Logs the officer in, files a case and opens its handling page; → the attachments panel.
async function openNewCase (page) {
  await login(page, server.baseURL, 'officer')
  const caseNo = await fileCase('officer')
  await page.goto(server.baseURL + '/cases/handle/' + encodeURIComponent(caseNo))
  const panel = page.getByTestId('attachments')
  await panel.getByTestId('att-empty').waitFor()
  return panel
}

test('an officer uploads a photo on the case handling page at 390 px and sees it listed', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  try {
    const panel = await openNewCase(page)
    assert.match(await panel.getByTestId('att-stage').innerText(), /线索登记/)
    assert.match(await panel.getByTestId('att-kind').innerText(), /照片/)

    await panel.getByTestId('att-upload').locator('input[type=file]')
      .setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG_1X1 })
    const item = panel.getByTestId('att-item').filter({ hasText: '现场照片.png' })
    await item.waitFor()
    const sha = crypto.createHash('sha256').update(PNG_1X1).digest('hex')
    assert.equal(await item.getByTestId('att-sha256').getAttribute('title'), sha)
    assert.match(await item.innerText(), /照片[\s\S]*线索登记[\s\S]*officer/)
    const href = await item.getByTestId('att-download').getAttribute('href')
    const download = await page.evaluate(async (u) => {
      const r = await fetch(u)
      return { status: r.status, type: r.headers.get('content-type'), size: (await r.arrayBuffer()).byteLength }
    }, href)
    assert.deepEqual(download, { status: 200, type: 'image/png', size: PNG_1X1.length })
    await page.getByTestId('timeline').getByText('上传附件').waitFor()
    // usable at 390 px: nothing wider than the screen
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`)
    await pageShot(page, 'attachments-mobile')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('a file that is not a photo is refused with the server’s reason', async () => {
  const { context, page } = await openPage(browser)
  try {
    const panel = await openNewCase(page)
    await panel.getByTestId('att-upload').locator('input[type=file]')
      .setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<html><body>not a photo</body></html>') })
    const msg = page.locator('.att-refusal')
    await msg.waitFor()
    assert.match(await msg.innerText(), /网页/)
    assert.equal(await panel.getByTestId('att-item').count(), 0)
  } finally {
    await context.close()
  }
})
