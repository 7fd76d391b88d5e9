// The public portal without logging in: published penalty decisions with persons masked, a search,
// and the phone layout; the console's 案件公示 shows the same list.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.mjs'
import { launchBrowser, openPage, screenshot } from './lib/browser.mjs'

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

const rows = (page) => page.getByTestId('pd-table').locator('.el-table__body-wrapper .el-table__row')

test('anyone sees published decisions with a person masked, and can search them', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await page.goto(server.baseURL + '/portal')
    await page.getByRole('heading', { name: '行政执法公示' }).waitFor()
    await rows(page).first().waitFor()
    const all = await rows(page).count()
    assert.ok(all >= 5)
    const text = await page.getByTestId('pd-table').innerText()
    assert.match(text, /张\*\*/, 'a person is shown as 张**')
    assert.match(text, /3702\*{10}\d{4}/, 'a person ID is masked')
    assert.doesNotMatch(text, /张某某/)
    assert.match(text, /青岛某某食品有限公司/, 'organisations are public')
    await screenshot(page, 'portal')
    await page.getByTestId('pd-q').fill('〔2026〕1号') // el-input puts the attribute on its <input>
    await page.getByTestId('pd-search').click()
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="pd-table"] .el-table__body-wrapper .el-table__row').length < n, all)
    const found = await rows(page).allInnerTexts()
    assert.equal(found.length, 1)
    assert.match(found[0], /南市监处罚〔2026〕1号/)
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the portal fits a 390 px phone', async () => {
  const { context, page } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  try {
    await page.goto(server.baseURL + '/portal')
    await rows(page).first().waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `no sideways scroll (overflow ${overflow}px)`)
    await screenshot(page, 'portal-mobile')
  } finally {
    await context.close()
  }
})
