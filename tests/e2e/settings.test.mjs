// 系统参数 against the real binary: a supervisor follows 修改截止日 from 报送情况, sees the
// server's Chinese refusal of a 文号 pattern without {seq}, moves the reporting deadline to the
// 15th, and finds 报送情况 counting to the new date.
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

test('系统参数: refuses a bad 文号 pattern, moves the reporting deadline', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/reporting/monthly-status?month=2026-04')
    await page.getByTestId('status-query').click()
    assert.match(await page.getByTestId('status-summary').innerText(), /截止 2026-05-10/)
    await page.getByTestId('status-due-settings').click()
    await page.getByTestId('page-title').getByText('系统参数', { exact: true }).waitFor()

    await page.getByTestId('setting-edit-doc_number_pattern').click()
    const dialog = page.getByTestId('setting-dialog')
    await dialog.getByTestId('setting-input').fill('{abbr}处罚〔{year}〕号')
    await dialog.getByTestId('setting-save').click()
    assert.match(await dialog.locator('.el-form-item__error').innerText(), /\{seq\}/)
    await dialog.getByRole('button', { name: '取消' }).click()

    await page.getByTestId('setting-edit-report_due_day').click()
    const input = page.getByTestId('setting-dialog').locator('input')
    await input.fill('15')
    await page.getByTestId('setting-dialog').getByTestId('setting-save').click()
    await page.locator('[data-setting="report_due_day"]').getByText('15', { exact: true }).waitFor()
    await pageShot(page, 'system-settings')

    await page.goto(server.baseURL + '/reporting/monthly-status?month=2026-04')
    await page.getByTestId('status-query').click()
    await page.getByTestId('status-summary').getByText('截止 2026-05-15', { exact: false }).waitFor()
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
