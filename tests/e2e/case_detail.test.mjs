// 案件详情 for supervision (issue 14): the supervisor opens a demo online case from 案件查询 and reads the
// whole case top to bottom — record, findings, the online timeline with its acts and stages in Chinese,
// the attachments (the download gives the bytes the officer uploaded), the orders about it (none yet:
// the section is empty, not an error) and its integrity. Then the same page on a 390-px phone.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { startServer, login, demoUsers } from './lib/server.mjs'
import { launchBrowser, openPage, pageShot } from './lib/browser.mjs'

let server
let browser
let caseNo
let caseNumber // what the console titles the case by: its 案件编号, the 线索号 before 立案 (docs/case-record.md)

// A demo online case that was filed, submitted for filing and filed (data/demo/workflow.jsonl).
const PARTY = '青岛鲜达冷链物流有限公司'
const PHOTO = '冷库现场照片.png'
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

// An API session of a demo user whose password the browser login has set.
async function session (username) {
  const base = server.baseURL
  const s = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: demoUsers(base).get(username).password })
  })
  assert.equal(s.status, 200)
  const { csrf_token: csrf } = await s.json()
  return { cookie: (s.headers.get('set-cookie') || '').split(';')[0], csrf }
}

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  // the officer adds a photo to the demo case through the handling route, as in the field
  const { context, page } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'officer')
  } finally {
    await context.close()
  }
  const { cookie, csrf } = await session('officer')
  const list = await (await fetch(`${server.baseURL}/api/v1/workflow/cases?size=200`, { headers: { Cookie: cookie } })).json()
  const item = list.items.find((c) => c.case_type.startsWith('penalty') && JSON.stringify(c).includes(PARTY)) // its penalty case, not the 查封扣押 of the same party
  caseNo = item.case_no
  caseNumber = item.filing_no || item.case_no
  const q = new URLSearchParams({ name: PHOTO, stage: 'investigation', kind: 'photo' })
  const up = await fetch(`${server.baseURL}/api/v1/workflow/cases/${encodeURIComponent(caseNo)}/attachments?${q}`, {
    method: 'POST', headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'image/png' }, body: PNG_1X1
  })
  assert.equal(up.status, 201, await up.text())
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

// From 案件查询: search the party, open its case.
async function openFromQuery (page) {
  await page.goto(server.baseURL + '/supervision/cases')
  await page.getByTestId('case-q').fill(PARTY)
  await page.getByTestId('case-search').click()
  await page.getByTestId('case-link').filter({ hasText: caseNumber }).click()
  await page.waitForURL(/\/cases\/detail\//)
  await page.getByTestId('timeline-item').first().waitFor()
  await page.getByTestId('file-item').first().waitFor()
}

const top = (page, id) => page.getByTestId(id).evaluate((el) => el.getBoundingClientRect().top)

test('the supervisor opens an online case from 案件查询 and reads its timeline and attachments', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await openFromQuery(page)
    assert.match(await page.getByTestId('case-no-heading').innerText(), new RegExp(caseNumber.replace(/[〔〕]/g, '.')))
    // the record names the agency and the power
    const basic = await page.getByTestId('case-basic').innerText()
    assert.match(basic, /青岛市市南区市场监督管理局/)
    assert.match(basic, /对销售不符合食品安全标准食品的行政处罚/)

    // the demo's steps, then the upload: acts and stages in Chinese, who did them, the notes
    const items = await page.getByTestId('timeline-item').allInnerTexts()
    assert.equal(items.length, 4, items.join('\n'))
    assert.match(items[0], /登记线索[\s\S]*市场巡查发现/)
    assert.match(items[1], /提交立案审批[\s\S]*线索登记 → 立案[\s\S]*拟立案调查/)
    assert.match(items[2], /批准立案[\s\S]*立案 → 调查取证[\s\S]*同意立案/)
    assert.match(items[3], /上传附件[\s\S]*（调查取证）[\s\S]*王执法[\s\S]*冷库现场照片\.png/)
    assert.match(await page.getByTestId('timeline-stage').innerText(), /调查取证/)
    for (const t of items) assert.doesNotMatch(t, /approve_filing|submit_filing|investigation|clue/, 'no codes')

    // 审批记录: the head's sign-off of the script's 批准立案, with his level and his opinion
    const signed = page.getByTestId('approval-history-item')
    await signed.first().waitFor()
    const history = await signed.allInnerTexts()
    assert.equal(history.length, 1, history.join('\n'))
    assert.match(history[0], /同意[\s\S]*批准立案[\s\S]*张科长（主要负责人）[\s\S]*审批意见：同意立案/)

    const file = page.getByTestId('file-item').first()
    const text = await file.innerText()
    assert.match(text, /照片/)
    assert.match(text, new RegExp(PHOTO.replace('.', '\\.')))
    assert.ok(text.includes(`${PNG_1X1.length} 字节`), text) // the file's length as uploaded
    assert.match(text, /调查取证[\s\S]*officer/)
    const [download] = await Promise.all([page.waitForEvent('download'), file.getByTestId('file-download').click()])
    assert.equal(download.suggestedFilename(), PHOTO)
    assert.ok((await readFile(await download.path())).equals(PNG_1X1), 'the bytes the officer uploaded')

    // no order about the case yet: an empty section, no error
    await page.getByTestId('orders-empty').waitFor()
    assert.equal(await page.getByTestId('case-orders').locator('.el-alert--error').count(), 0)
    await page.getByTestId('integrity-status').waitFor()

    // in the order: record, findings, timeline, attachments, orders, integrity
    const order = ['case-basic', 'case-findings', 'case-timeline', 'case-files', 'case-orders', 'integrity-panel']
    const tops = []
    for (const id of order) tops.push(await top(page, id))
    assert.deepEqual([...tops].sort((a, b) => a - b), tops, order.join(' < '))
    await pageShot(page, 'supervision-case-detail-online')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the case page works on a 390-px phone screen, one column', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  try {
    await login(page, server.baseURL, 'supervisor')
    await openFromQuery(page)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `no horizontal scrolling (${overflow}px)`)
    // sections stacked, each as wide as the screen allows
    for (const id of ['case-timeline', 'case-files', 'case-orders']) {
      const box = await page.getByTestId(id).boundingBox()
      assert.ok(box.x >= 0 && box.x + box.width <= 391, `${id} within the screen: ${JSON.stringify(box)}`)
    }
    await pageShot(page, 'mobile-supervision-case-detail-online')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
