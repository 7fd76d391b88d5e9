// 系统管理 → 接口令牌 against the real binary: the system administrator adds a token for 青岛市,
// sees it once with its copy button, finds it on the list (never the token itself), and revokes it;
// the revoked token is refused by the hotline route.
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

async function pickOption (page, select, text, { type } = {}) {
  await select.click()
  if (type) await page.keyboard.type(type)
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: text }).first().click()
  await page.locator('.el-select-dropdown:visible').first().waitFor({ state: 'hidden' }).catch(() => {})
}

test('接口令牌: the system administrator adds a token shown once, then revokes it', async () => {
  const { page, errors } = await openPage(browser)
  await login(page, server.baseURL, 'sysadmin')
  await page.goto(server.baseURL + '/system/tokens')
  await page.getByTestId('page-title').getByText('接口令牌', { exact: true }).waitFor()

  await page.getByTestId('token-add').click()
  const dialog = page.getByTestId('token-dialog')
  await dialog.getByTestId('token-name').fill('12345-qingdao')
  await pickOption(page, dialog.getByTestId('token-region-0'), '山东省', { type: '山东' })
  await pickOption(page, dialog.getByTestId('token-region-1'), '青岛市', { type: '青岛' })
  await dialog.getByTestId('token-save').click()

  const issued = page.getByTestId('token-issued')
  await issued.getByTestId('token-value').waitFor()
  const token = (await issued.getByTestId('token-value').innerText()).trim()
  assert.match(token, /^[0-9a-f]{64}$/)
  await issued.getByTestId('token-copy').waitFor()
  await pageShot(page, 'tokens-issued')
  await issued.getByTestId('token-issued-close').click()

  const table = page.getByTestId('tokens-table')
  await table.getByText('12345-qingdao').waitFor()
  assert.equal(await page.getByTestId('token-status-12345-qingdao').innerText(), '有效')
  assert.ok(!(await table.innerText()).includes(token), 'the list never shows the token')

  await page.getByTestId('token-revoke-12345-qingdao').click()
  await page.locator('.el-message-box').getByRole('button', { name: '吊销' }).click()
  await page.getByTestId('token-status-12345-qingdao').getByText(/已吊销/).waitFor()
  await pageShot(page, 'tokens')

  const r = await fetch(server.baseURL + '/api/v1/leads/hotline', {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-ndjson' }, body: '\n'
  })
  assert.equal(r.status, 401)
  assert.deepEqual(errors, [])
})
