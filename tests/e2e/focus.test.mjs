// 重点督查对象 against the real binary and its demo database: the demo supervisor opens the page and
// finds 青岛市市南区市场监督管理局 — the demo agency with its orders, leads and violation findings — first.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './lib/server.mjs'
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

test('the supervisor sees the year\'s 重点督查对象, the demo agency first, its counts linking to its lists', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/supervision/focus')
    await page.getByTestId('page-title').getByText('重点督查对象', { exact: true }).waitFor()
    const first = page.getByTestId('focus-table').locator('.el-table__body-wrapper .el-table__row').first()
    await first.waitFor()
    assert.match(await first.innerText(), /青岛市市南区市场监督管理局/)
    assert.ok(Number(await first.getByTestId('focus-score').innerText()) > 0)
    await pageShot(page, 'focus-agencies')
    await first.getByRole('link').first().click()
    await page.waitForURL(/\/supervision\/leads\?agency=/)
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
