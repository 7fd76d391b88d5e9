// 工作台 per role (issue 19): the officer and the supervisor of the demo see their own queue first, as
// tiles whose counts match the lists they open; a tile opens the filtered list.
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

// The lists as the API gives them to the page, read in the browser's own session.
const api = (page, path) => page.evaluate(async (p) => (await fetch(p)).json(), path)

async function tiles (page) {
  await page.getByTestId('workbench').waitFor()
  const out = {}
  for (const t of await page.getByTestId('queue-tile').all()) {
    out[await t.getAttribute('data-tile')] = Number((await t.getByTestId('queue-count').innerText()).replace(/,/g, ''))
  }
  return out
}

test('the officer sees his cases’ deadlines first; a tile opens 我的案件 filtered by that colour', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'officer')
    await page.goto(server.baseURL + '/')
    const shown = await tiles(page)
    // counted from 我的案件's own rows: the next deadline's colour of each case the officer registered
    const mine = await api(page, '/api/v1/workflow/cases?mine=1&size=200')
    const colour = (c) => mine.items.filter((r) => r.next_deadline && r.next_deadline.colour === c).length
    assert.equal(shown.my_overdue, colour('red'))
    assert.equal(shown.my_due_soon, colour('yellow'))
    // the module shortcuts stay below the queue
    const [queueTop, modulesTop] = await Promise.all(['workbench', 'module-tiles'].map((id) =>
      page.getByTestId(id).evaluate((el) => el.getBoundingClientRect().top)))
    assert.ok(queueTop < modulesTop)
    await pageShot(page, 'workbench-officer')

    const key = shown.my_overdue > 0 ? 'my_overdue' : 'my_due_soon'
    const want = key === 'my_overdue' ? 'red' : 'yellow'
    await page.locator(`[data-tile="${key}"]`).click()
    await page.waitForURL(new RegExp(`/cases/mine\\?.*deadline=${want}`))
    await page.getByTestId('filter-deadline').waitFor()
    const table = page.getByTestId('case-table')
    await table.locator('.el-table__body').waitFor()
    await page.waitForFunction(() => !document.querySelector('[data-testid="case-table"] .el-loading-mask:not([style*="display: none"])'))
    const rows = await table.locator('.el-table__body tr').count()
    assert.equal(rows, shown[key])
    for (const tag of await page.getByTestId('deadline-tag').all()) assert.equal(await tag.getAttribute('data-colour'), want)
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the supervisor sees new and open alerts, orders and leads; the red tile opens 预警看板 on violations', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/')
    const shown = await tiles(page)
    for (const key of ['alerts_new', 'alerts_red', 'alerts_yellow', 'orders_overdue', 'orders_todo', 'leads_overdue', 'leads_received'])
      assert.ok(key in shown, `${key} shown`)
    const red = await api(page, '/api/v1/findings?status=open&severity=violation&size=1')
    assert.equal(shown.alerts_red, red.total)
    const overdue = await api(page, '/api/v1/orders?overdue=1&size=1')
    assert.equal(shown.orders_overdue, overdue.total)
    await pageShot(page, 'workbench-supervisor')
    await page.locator('[data-tile="alerts_red"]').click()
    await page.waitForURL(/\/supervision\/alerts\?.*severity=violation/)
    await page.getByTestId('page-title').getByText('预警看板').waitFor()
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})


test('any of a case’s numbers opens it: 我的案件’s box takes a 案件编号, the page titles the case by it', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'officer')
    const list = await api(page, '/api/v1/workflow/cases?size=200')
    const filed = list.items.find((r) => r.filing_no && r.doc_no)
    assert.ok(filed, 'a demo case filed and decided')
    await page.goto(server.baseURL + '/cases/mine')
    await page.getByTestId('open-number').fill(filed.doc_no)
    await page.getByTestId('open-number').press('Enter')
    await page.waitForURL(new RegExp(`/cases/handle/${encodeURIComponent(filed.case_no)}$`))
    const heading = await page.getByTestId('case-number-heading').innerText()
    assert.equal(heading, filed.filing_no)
    assert.match(await page.locator('.page-desc').first().innerText(), new RegExp(`文号 ${filed.doc_no.replace(/[〔〕]/g, '.')}`))
    // 我的案件 titles it by its 案件编号 too, with the 文号 beside it
    await page.goto(server.baseURL + '/cases/mine')
    const row = page.getByTestId('case-table').locator('.el-table__body tr', { hasText: filed.filing_no })
    await row.waitFor()
    assert.match(await row.innerText(), new RegExp(filed.doc_no.replace(/[〔〕]/g, '.')))
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
