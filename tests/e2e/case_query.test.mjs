// 案件查询 against the real binary and its demo database: the supervisor finds a case by its party's
// name, narrows by status, and opens the case page from the list; it works on a phone too.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './lib/server.mjs'
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

async function rows (page) {
  await page.locator('[data-testid=case-table] .el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => {})
  return page.getByTestId('case-table').locator('.el-table__body-wrapper .el-table__row')
}

test('the supervisor finds the cases of a party, narrows to closed ones and opens one', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/supervision/cases')
    await page.getByTestId('page-title').getByText('案件查询', { exact: true }).waitFor()
    await page.getByTestId('case-table').locator('.el-table__row').first().waitFor()
    const all = Number((await page.getByTestId('case-total').innerText()).match(/\d+/)[0])
    assert.ok(all >= 30, `the demo region's cases (${all})`)

    await page.getByTestId('case-q').fill('张某某')
    await page.getByTestId('case-search').click()
    await page.waitForFunction(() => /共 3 件/.test(document.querySelector('[data-testid=case-total]').innerText))
    const found = await (await rows(page)).allInnerTexts()
    assert.equal(found.length, 3)
    for (const r of found) assert.match(r, /张某某/)
    assert.ok(found.some((r) => r.includes('北交运罚〔2026〕5号')))
    assert.ok(found.some((r) => r.includes('青岛市市北区交通运输局')), 'agency names, not codes')

    await page.getByTestId('case-status').click()
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: '已结案' }).first().click()
    await page.getByTestId('case-search').click()
    await page.waitForFunction(() => /共 2 件/.test(document.querySelector('[data-testid=case-total]').innerText))
    for (const t of await page.getByTestId('case-status-tag').allInnerTexts()) assert.equal(t.trim(), '已结案')
    // 导出 Excel carries the filters on screen; the download is a workbook (a zip: "PK")
    const href = await page.getByTestId('case-export').getAttribute('href')
    const q = new URL(href, server.baseURL).searchParams
    assert.equal(q.get('q'), '张某某')
    assert.equal(q.get('status'), 'closed')
    const xlsx = await context.request.get(new URL(href, server.baseURL).href)
    assert.equal(xlsx.status(), 200)
    assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK')
    await screenshot(page, 'supervision-case-query')

    await page.getByTestId('case-link').filter({ hasText: '北交运罚〔2026〕5号' }).click()
    await page.waitForURL(/\/cases\/detail\//)
    await page.getByText('北交运罚〔2026〕5号').first().waitFor()
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('案件查询 works on a 390-px phone screen', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/supervision/cases')
    await page.getByTestId('case-table').locator('.el-table__row').first().waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `no horizontal scrolling (${overflow}px)`)
    await screenshot(page, 'mobile-supervision-case-query')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
