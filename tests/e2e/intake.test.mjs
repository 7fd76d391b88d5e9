// 数据报送 pages against the real zhifa binary and its demo database: an exchange-v1 file with
// bad lines uploaded and every rejected line listed; a case entered by form (inline check
// refusing 2026-02-30) whose P01 finding is shown with its article; a monthly report submitted
// by an officer and seen as 已报送 beside the red 逾期 of the others by the supervisor.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './lib/server.mjs'
import { launchBrowser, openPage, screenshot, pageShot } from './lib/browser.mjs'
import { fillTemplate } from '../api/lib/xlsx.mjs'

const AGENCY = '113702021588139920'
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

const caseLine = (no, extra = {}) => JSON.stringify({
  type: 'case', case_no: no, agency: AGENCY, kind: 'penalty', officers: ['37020200001', '37020200002'],
  filed_on: '2026-03-02', decided_on: '2026-03-20', closed_on: '2026-03-30', ...extra
})

test('数据导入 uploads a file and lists each rejected line with its reason', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'officer')
    await page.goto(server.baseURL + '/reporting/import')
    await page.getByTestId('page-title').getByText('数据导入', { exact: true }).waitFor()
    const file = [
      caseLine('导入〔2026〕1号'),
      '{"type":"case",',
      caseLine('导入〔2026〕2号', { filed_on: '2026-02-30' }),
      caseLine('导入〔2026〕3号', { agency: '11370203869879736T' }),
      caseLine('导入〔2026〕4号')
    ].join('\n') + '\n'
    await page.getByTestId('import-file').setInputFiles({ name: 'cases.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(file) })
    await page.getByTestId('import-file-name').getByText('cases.jsonl').waitFor()
    await page.getByTestId('import-submit').click()
    await page.getByTestId('import-result').waitFor()
    assert.equal((await page.getByTestId('import-imported').innerText()).trim(), '2')
    assert.equal((await page.getByTestId('import-rejected').innerText()).trim(), '3')
    const rows = page.getByTestId('import-errors').locator('.el-table__body tr')
    assert.equal(await rows.count(), 3)
    assert.match(await rows.nth(0).innerText(), /^2\s/)
    assert.match(await rows.nth(0).innerText(), /JSON/)
    assert.match(await rows.nth(1).innerText(), /导入〔2026〕2号[\s\S]*filed_on/)
    assert.match(await rows.nth(2).innerText(), /数据范围/)
    await pageShot(page, 'intake-import')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})


test('数据导入 offers the four Excel templates and reports a filled workbook by Excel row', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'officer')
    await page.goto(server.baseURL + '/reporting/import')
    await page.getByTestId('xlsx-templates').waitFor()
    for (const kind of ['agencies', 'officers', 'powers', 'cases']) {
      assert.equal(await page.getByTestId(`template-${kind}`).getAttribute('href'), `/api/v1/templates/${kind}.xlsx`)
    }
    // the link works with the page's session: the template the clerk would save
    const r = await page.context().request.get(server.baseURL + '/api/v1/templates/cases.xlsx')
    assert.equal(r.status(), 200)
    const row = (no, extra = {}) => ({
      case_no: no, agency: AGENCY, kind: 'penalty', officers: '37020200001;37020200002', filed_on: '2026-03-02', ...extra
    })
    const filled = fillTemplate(await r.body(), [
      { row: 3, cells: row('表格导入〔2026〕1号', { decided_on: { n: 46101 } }) },
      { row: 4, cells: row('表格导入〔2026〕2号', { filed_on: '2026-02-30' }) }
    ])
    await page.getByTestId('import-file').setInputFiles({ name: '案件导入模板.xlsx', mimeType: 'application/octet-stream', buffer: filled })
    await page.getByTestId('import-xlsx-chosen').waitFor()
    await page.getByTestId('import-submit').click()
    await page.getByTestId('import-result').waitFor()
    assert.equal((await page.getByTestId('import-imported').innerText()).trim(), '1')
    assert.equal((await page.getByTestId('import-rejected').innerText()).trim(), '1')
    await page.getByTestId('import-errors').getByText('Excel 行号').waitFor()
    const rows = page.getByTestId('import-errors').locator('.el-table__body tr')
    assert.equal(await rows.count(), 1)
    assert.match(await rows.nth(0).innerText(), /^4\s[\s\S]*表格导入〔2026〕2号[\s\S]*filed_on/)
    await pageShot(page, 'intake-import-xlsx')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
test('事后录入 checks dates inline, saves a case and shows its P01 finding with the article (390 px)', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  try {
    await login(page, server.baseURL, 'officer')
    await page.goto(server.baseURL + '/reporting/entry')
    await page.getByTestId('page-title').getByText('事后录入', { exact: true }).waitFor()
    const input = (id) => page.getByTestId(`field-${id}`).locator('input, textarea').first()
    await input('case_no').fill('录入〔2026〕9号')
    await input('officers').fill('37020200001')
    await input('filed_on').fill('2026-02-30')
    await input('filed_on').blur()
    await page.getByTestId('field-filed_on').getByText('真实存在的日期').waitFor()
    await input('filed_on').fill('2026-03-02')
    await input('decided_on').fill('2026-03-20')
    await input('decision.fine').fill('-5')
    await input('decision.fine').blur()
    await page.getByTestId('field-decision.fine').getByText('金额不能为负数').waitFor()
    await input('decision.fine').fill('2000')
    await input('closed_on').fill('2026-03-30')
    // the agency select holds the officer's only agency
    await page.getByTestId('field-agency').getByText('市南区市场监督管理局').waitFor()
    await page.getByTestId('entry-submit').click()
    await page.getByTestId('entry-result').waitFor()
    const p01 = page.locator('[data-testid=entry-finding][data-rule=P01]')
    await p01.waitFor()
    assert.match(await p01.innerText(), /行政处罚法/)
    await pageShot(page, 'intake-entry-mobile')
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 390, `no horizontal scroll at 390 px (${width})`)
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('按月报送 by the officer; the supervisor sees it submitted and the others overdue in red', async () => {
  const officer = await openPage(browser)
  try {
    const { page } = officer
    await login(page, server.baseURL, 'officer')
    await page.goto(server.baseURL + '/reporting/monthly')
    await page.getByTestId('page-title').getByText('按月报送', { exact: true }).waitFor()
    await page.getByTestId('monthly-month').fill('2026-04')
    const counts = { penalty: '3', license: '10', coercion: '0', inspection: '12', fine_total: '1500.50', reconsideration: '0', litigation: '0', overturned: '0' }
    for (const [k, v] of Object.entries(counts)) await page.getByTestId(`count-${k}`).locator('input').fill(v)
    await page.getByTestId('monthly-submit').click()
    await page.getByTestId('monthly-done').getByText('已报送 2026-04').waitFor()
    await screenshot(page, 'intake-monthly')
    assert.deepEqual(officer.errors, [])
  } finally {
    await officer.context.close()
  }
  const sup = await openPage(browser)
  try {
    const { page } = sup
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/reporting/monthly-status?month=2026-04')
    await page.getByTestId('page-title').getByText('报送情况', { exact: true }).waitFor()
    await page.getByTestId('status-as-of').fill('2026-05-11')
    await page.getByTestId('status-query').click()
    await page.getByTestId('status-summary').getByText('统计至 2026-05-11').waitFor()
    const rows = page.getByTestId('status-table').locator('.el-table__body tr')
    await rows.filter({ hasText: '市南区市场监督管理局' }).getByText('已报送').waitFor()
    const overdue = page.getByTestId('status-overdue')
    assert.ok(await overdue.count() >= 1)
    const color = await overdue.first().evaluate((el) => getComputedStyle(el).backgroundColor)
    assert.match(color, /rgb\(245, 108, 108\)/, 'overdue is red')
    await screenshot(page, 'intake-monthly-status')
    assert.deepEqual(sup.errors, [])
  } finally {
    await sup.context.close()
  }
})
