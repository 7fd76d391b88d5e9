// 消息中心 in the browser: the officer submits a 线索 for 立案 approval; the head's bell counts the
// message, the bell opens it on the case it points to, and the count drops; 消息中心 lists it read.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './lib/server.mjs'
import { launchBrowser, openPage, pageShot } from './lib/browser.mjs'
import { fileCase } from './lib/cases.mjs'

let server
let browser
let caseNo
let headBefore

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

// The bell's number as shown (a hidden badge: none unread).
async function bellCount (page) {
  const badge = page.getByTestId('message-bell-count').locator('.el-badge__content')
  if (!(await badge.isVisible())) return 0
  return Number((await badge.innerText()).trim())
}

async function waitForCount (page, n) {
  for (let i = 0; i < 50; i++) {
    if (await bellCount(page) === n) return
    await page.waitForTimeout(100)
  }
  assert.equal(await bellCount(page), n)
}

test('the head\'s bell before any request', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'head')
    await page.getByTestId('message-bell').waitFor()
    await page.waitForTimeout(500) // the first count has answered
    headBefore = await bellCount(page)
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the officer asks for 立案 approval', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'officer')
    caseNo = await fileCase(page, server.baseURL, { party: '青岛消息中心测试有限公司' })
    await page.getByTestId('action-submit_filing').click()
    await page.getByTestId('action-submit').click()
    await page.getByTestId('current-stage').getByText('立案').waitFor()
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the head sees the count, opens the message on the case, and the count drops', async () => {
  assert.ok(caseNo, 'the request test ran first')
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'head')
    await waitForCount(page, headBefore + 1)
    await page.getByTestId('message-bell').click()
    const item = page.getByTestId('message-bell-item').filter({ hasText: caseNo })
    await item.waitFor()
    assert.match(await item.innerText(), /审批待办/)
    assert.match(await item.innerText(), /批准立案/)
    await pageShot(page, 'messages-bell-open')
    await item.click()
    await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/cases/handle/${caseNo}`)
    await page.getByTestId('current-stage').getByText('立案').waitFor()
    await waitForCount(page, headBefore)

    await page.goto(server.baseURL + '/messages')
    await page.getByTestId('page-title').getByText('消息中心', { exact: true }).waitFor()
    const row = page.getByTestId('message-table').locator('.el-table__body tr', { hasText: caseNo })
    await row.waitFor()
    assert.match(await row.innerText(), /审批待办/)
    assert.match(await row.innerText(), /已读/)
    await page.getByTestId('message-unread').click()
    await row.waitFor({ state: 'detached' })
    await pageShot(page, 'messages-centre')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('消息中心 and the bell fit a 390-px screen', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  try {
    await login(page, server.baseURL, 'head')
    await page.goto(server.baseURL + '/messages')
    await page.getByTestId('page-title').getByText('消息中心', { exact: true }).waitFor()
    await page.getByTestId('message-table').locator('.el-table__body tr', { hasText: caseNo }).waitFor()
    await page.getByTestId('message-bell').click()
    await page.getByTestId('message-bell-all').waitFor()
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 390, `the page fits a 390-px screen (scrollWidth ${width})`)
    await pageShot(page, 'messages-mobile')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
