// 在线办案 (mode 3) in the browser: an officer files a 线索 from 我的案件 on a phone-sized
// screen and sees it listed with its stage; the agency head's back-dated 批准立案 is refused
// and the refusal shows the article (行政处罚法 第四十二条: certificates not valid then).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './lib/server.mjs'
import { launchBrowser, openPage, pageShot } from './lib/browser.mjs'
import { fileCase } from './lib/cases.mjs'

let server
let browser
let caseNo

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

test('an officer files a case at 390 px and sees it in 我的案件', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  try {
    await login(page, server.baseURL, 'officer')
    caseNo = await fileCase(page, server.baseURL, { party: '青岛某某食品有限公司', partyId: '91370202091141705L' })
    await page.getByTestId('current-stage').getByText('线索登记').waitFor()
    assert.match(caseNo, /^线索-/)
    await pageShot(page, 'workflow-handle-mobile')

    await page.getByTestId('action-submit_filing').click()
    await page.getByTestId('action-submit').click()
    await page.getByTestId('current-stage').getByText('立案').waitFor()

    await page.goto(server.baseURL + '/cases/mine')
    const row = page.getByTestId('case-table').locator('.el-table__body tr', { hasText: caseNo })
    await row.waitFor()
    assert.match(await row.getByTestId('stage-tag').innerText(), /立案/)
    await pageShot(page, 'workflow-my-cases-mobile')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('a refused step shows the server’s message with its article', async () => {
  assert.ok(caseNo, 'the filing test ran first')
  const { context, page } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'head')
    await page.goto(server.baseURL + '/cases/handle/' + encodeURIComponent(caseNo))
    await page.getByTestId('current-stage').getByText('立案').waitFor()
    await page.getByTestId('action-approve_filing').click()
    const on = page.getByTestId('af-on').locator('input')
    await on.fill('2020-01-02')
    await on.press('Enter')
    await page.getByTestId('action-submit').click()
    const box = page.locator('.wf-refusal')
    await box.waitFor()
    assert.match(await box.innerText(), /第四十二条/)
    await pageShot(page, 'workflow-refusal')
    await box.getByRole('button').last().click()
    assert.match(await page.getByTestId('current-stage').innerText(), /立案/)
  } finally {
    await context.close()
  }
})
