// 重大决定备案 against the real binary and its demo database: the demo supervisor sees the major
// decisions filed with him — 南市监处罚〔2026〕8号 filed in time, 6号 filed late in red — opens the
// one filed in time, follows nothing away, and marks it 无异议; the row then shows the result.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './lib/server.mjs'
import { launchBrowser, openPage, pageShot, screenshot } from './lib/browser.mjs'

const ON_TIME = '南市监处罚〔2026〕8号'
const LATE = '南市监处罚〔2026〕6号'

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
  const table = page.getByTestId('filing-table')
  await table.locator('.el-table__body-wrapper .el-table__row').first().waitFor()
  await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => {})
  return table.locator('.el-table__body-wrapper .el-table__row')
}

test('the supervisor sees the filed major decisions, the late one in red, and marks one 无异议', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/supervision/filings')
    await page.getByTestId('page-title').getByText('重大决定备案', { exact: true }).waitFor()
    const all = await rows(page)
    const late = all.filter({ hasText: LATE })
    assert.equal(await late.count(), 1, `${LATE} is filed`)
    assert.match(await late.getByTestId('filing-filed-on').innerText(), /逾期/)
    assert.match(await late.getByTestId('filing-filed-on').getAttribute('class'), /el-tag--danger/)
    const onTime = all.filter({ hasText: ON_TIME })
    assert.equal(await onTime.count(), 1, `${ON_TIME} is filed`)
    assert.equal((await onTime.getByTestId('filing-filed-on').innerText()).trim(), '2026-02-24')
    assert.equal((await onTime.getByTestId('filing-status-tag').innerText()).trim(), '待审查')
    assert.match(await onTime.getByTestId('filing-case-link').getAttribute('href'), /^\/cases\/detail\//)
    await pageShot(page, 'supervision-filings')

    await onTime.getByTestId('filing-open').click()
    const drawer = page.getByTestId('filing-drawer')
    await drawer.getByTestId('filing-detail').waitFor()
    assert.match(await drawer.getByTestId('filing-detail').innerText(), /重大案件/)
    assert.match(await drawer.getByTestId('filing-detail-late').innerText(), /按期备案/)
    await drawer.getByTestId('filing-review-no-objection').click()
    await drawer.getByTestId('filing-review-note').fill('经审查，程序合法，裁量适当')
    await screenshot(page, 'supervision-filing-review')
    await page.getByTestId('filing-review-save').click()
    await page.locator('.el-message--success').filter({ hasText: '已审查：无异议' }).waitFor()
    await page.waitForFunction((no) => [...document.querySelectorAll('[data-testid=filing-table] .el-table__row')]
      .some((tr) => tr.innerText.includes(no) && tr.innerText.includes('无异议')), ON_TIME)
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('逾期 filter keeps only the filings made late', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/supervision/filings?late=1')
    const only = await rows(page)
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=filing-table] .el-table__body-wrapper .el-table__row')]
      .every((tr) => tr.innerText.includes('逾期')))
    assert.ok(await only.count() >= 1)
    assert.equal(await only.filter({ hasText: ON_TIME }).count(), 0)
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
