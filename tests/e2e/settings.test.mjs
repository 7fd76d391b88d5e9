// 系统参数 against the real binary: the system administrator sees the server's Chinese refusal of
// a 文号 pattern without {seq} and moves the reporting deadline to the 15th; a supervisor reads
// the parameters without edit buttons and finds 报送情况 counting to the new date.
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

test('系统参数: the system administrator is refused a bad 文号 pattern and moves the reporting deadline; 报送情况 follows', async () => {
  const admin = await openPage(browser)
  const sup = await openPage(browser)
  try {
    const { page, errors } = admin
    await login(page, server.baseURL, 'sysadmin')
    await page.goto(server.baseURL + '/system/settings')
    await page.getByTestId('page-title').getByText('系统参数', { exact: true }).waitFor()

    await page.getByTestId('setting-edit-doc_number_pattern').click()
    const dialog = page.getByTestId('setting-dialog')
    await dialog.getByTestId('setting-input').fill('{abbr}处罚〔{year}〕号')
    await dialog.getByTestId('setting-save').click()
    assert.match(await dialog.locator('.el-form-item__error').innerText(), /\{seq\}/)
    await dialog.getByRole('button', { name: '取消' }).click()

    await page.getByTestId('setting-edit-report_due_day').click()
    await page.getByTestId('setting-dialog').locator('input').fill('15')
    await page.getByTestId('setting-dialog').getByTestId('setting-save').click()
    await page.locator('[data-setting="report_due_day"]').getByText('15', { exact: true }).waitFor()
    await pageShot(page, 'system-settings')
    assert.deepEqual(errors, [])

    // a supervisor reads the parameters but has no 修改 buttons, and 报送情况 counts to the 15th
    await login(sup.page, server.baseURL, 'supervisor')
    await sup.page.goto(server.baseURL + '/system/settings')
    await sup.page.locator('[data-setting="report_due_day"]').getByText('15', { exact: true }).waitFor()
    assert.equal(await sup.page.getByTestId('setting-edit-report_due_day').count(), 0)
    await sup.page.goto(server.baseURL + '/reporting/monthly-status?month=2026-04')
    await sup.page.getByTestId('status-query').click()
    await sup.page.getByTestId('status-summary').getByText('截止 2026-05-15', { exact: false }).waitFor()
    assert.equal(await sup.page.getByTestId('status-due-settings').count(), 0)
    assert.deepEqual(sup.errors, [])
  } finally {
    await admin.context.close()
    await sup.context.close()
  }
})
