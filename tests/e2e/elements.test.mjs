// 三库 against the real zhifa binary: the supervisor opens 执法人员, switches to 即将到期（30日内）,
// renames an officer in the drawer (an empty name refused inline) and sees it saved; 权责清单 shows a power's basis as a link that opens the article in the law library;
// 裁量基准 edits tiers; the officer page at 390 px.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { startServer, login, zhifaBinary } from './lib/server.mjs'
import { launchBrowser, openPage, screenshot } from './lib/browser.mjs'

let server
let browser
const chinaDay = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10)
const AGENCY = '113702021588139920' // demo: 青岛市市南区市场监督管理局, within the supervisor's 370200

before(async () => {
  server = await startServer()
  // An officer whose certificate ends in ten days, and a power citing an article the library holds.
  const records = [
    { type: 'officer', cert_no: 'E2E-EXP-1', name: '孙到期', agency: AGENCY, cert_valid_from: '2021-01-01', cert_valid_to: chinaDay(10), status: 'active' },
    { type: 'power', code: 'E2E-CF-028', name: '对违法行为的行政处罚（测试）', kind: 'penalty', agencies: [AGENCY], basis: [{ law: '中华人民共和国行政处罚法', article: '第二十八条' }] },
  ]
  execFileSync(zhifaBinary(), ['--db', server.dbPath, 'import', '-'], { input: records.map((r) => JSON.stringify(r)).join('\n') + '\n' })
  browser = await launchBrowser()
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

test('执法人员: 即将到期 tab, rename an officer in the drawer and see it saved', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/elements/officers')
    await page.getByTestId('page-title').getByText('执法人员', { exact: true }).waitFor()
    const table = page.getByTestId('officer-table')
    await table.getByText('王执法').waitFor()

    await page.getByTestId('officer-tab-expiring').click()
    await table.getByText('孙到期').waitFor()
    assert.equal(await table.getByText('王执法').count(), 0, 'a certificate valid until 2028 is not expiring')
    await screenshot(page, 'desktop-elements-officers-expiring')

    await table.locator('.el-table__row', { hasText: '孙到期' }).getByTestId('officer-edit').click()
    const drawer = page.getByTestId('officer-drawer')
    const name = drawer.getByTestId('officer-form-name')
    await name.fill('')
    await drawer.getByTestId('officer-save').click()
    await drawer.getByText('请输入姓名').waitFor() // inline validation, before any request
    await name.fill('孙改名')
    await drawer.getByTestId('officer-save').click()
    await page.getByText('已保存').waitFor()
    await table.getByText('孙改名').waitFor()

    await page.reload() // saved on the server, not only in the table
    await page.getByTestId('officer-tab-expiring').click()
    await table.getByText('孙改名').waitFor()
    await screenshot(page, 'desktop-elements-officers-saved')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('权责清单: the basis article opens in the law library', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/elements/powers')
    const table = page.getByTestId('power-table')
    const row = table.locator('.el-table__row', { hasText: '对违法行为的行政处罚（测试）' })
    await row.getByTestId('power-open').click()
    const drawer = page.getByTestId('power-drawer')
    const link = drawer.getByTestId('power-basis-link')
    await link.getByText('《行政处罚法》第二十八条').waitFor()
    await screenshot(page, 'desktop-elements-power-detail')
    await link.click()
    await page.waitForURL(/\/elements\/laws\?law=\d+&article=28$/)
    await page.locator('#art-28').waitFor()
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('裁量基准: add a tier and save; a tier with max below min is refused inline', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/elements/benchmarks?power=SC-CF-001')
    const drawer = page.getByTestId('bench-drawer')
    await drawer.getByTestId('bench-tier').first().waitFor()
    const before = await drawer.getByTestId('bench-tier').count()
    await drawer.getByTestId('bench-add').click()
    const last = drawer.getByTestId('bench-tier').last()
    await last.locator('.el-select').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '一般' }).click()
    await last.getByTestId('bench-fine-min').locator('input').fill('500')
    await last.getByTestId('bench-fine-max').locator('input').fill('100')
    await drawer.getByTestId('bench-save').click()
    await drawer.getByText('上限不能低于下限').waitFor()
    await last.getByTestId('bench-fine-max').locator('input').fill('900')
    await drawer.getByTestId('bench-save').click()
    await page.getByText('已保存').waitFor()
    await page.getByTestId('bench-table').getByTestId('bench-open').first().waitFor()
    await page.goto(server.baseURL + '/elements/benchmarks?power=SC-CF-001')
    await drawer.getByTestId('bench-tier').first().waitFor()
    assert.equal(await drawer.getByTestId('bench-tier').count(), before + 1)
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('执法人员 at 390 px: one column, the drawer fills the screen', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  try {
    await login(page, server.baseURL, 'officer')
    await page.goto(server.baseURL + '/elements/officers')
    await page.getByTestId('officer-table').getByText('王执法').waitFor()
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 390, `no horizontal scroll (${width})`)
    assert.equal(await page.getByTestId('officer-new').count(), 0, 'an officer may read, not edit')
    await page.getByTestId('officer-table').locator('.el-table__row', { hasText: '王执法' }).getByTestId('officer-edit').click()
    await page.getByTestId('officer-drawer').getByTestId('officer-form-name').waitFor()
    await screenshot(page, 'mobile-elements-officers')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
