// 审批待办 in the browser: an officer files a 线索 and submits it for 立案 approval; the agency
// head finds the task in his inbox on a phone-sized screen, signs it there, and the case moves to
// 调查取证 with the approval on its timeline.
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

test('an officer submits a 线索 for 立案 approval', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'officer')
    caseNo = await fileCase(page, server.baseURL, { party: '青岛某某餐饮有限公司' })
    await page.getByTestId('action-submit_filing').click()
    await page.getByTestId('action-submit').click()
    await page.getByTestId('current-stage').getByText('立案').waitFor()
    const panel = page.getByTestId('approval-panel')
    await panel.waitFor()
    assert.match(await panel.innerText(), /待审批：批准立案/)
    assert.match(await panel.innerText(), /待签署/)
    assert.match(await page.getByTestId('approver-list').innerText(), /张科长（主要负责人）/)
    await pageShot(page, 'approvals-pending-case')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the head signs the task from 审批待办 at 390 px and the case moves on', async () => {
  assert.ok(caseNo, 'the submitting test ran first')
  const { context, page, errors } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  try {
    await login(page, server.baseURL, 'head')
    await page.goto(server.baseURL + '/cases/approvals')
    await page.getByTestId('page-title').getByText('审批待办', { exact: true }).waitFor()
    const row = page.getByTestId('approval-table').locator('.el-table__body tr', { hasText: caseNo })
    await row.waitFor()
    assert.match(await row.innerText(), /批准立案/)
    assert.match(await row.innerText(), /青岛某某餐饮有限公司/)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 390, `the inbox fits a 390-px screen (scrollWidth ${width})`)
    await pageShot(page, 'approvals-inbox-mobile')

    await row.getByTestId('approval-sign').click()
    await page.locator('.el-message--success', { hasText: '已批准：批准立案' }).waitFor()
    await row.waitFor({ state: 'detached' })

    await page.goto(server.baseURL + '/cases/handle/' + encodeURIComponent(caseNo))
    await page.getByTestId('current-stage').getByText('调查取证').waitFor()
    assert.equal(await page.getByTestId('approval-panel').count(), 0)
    assert.match(await page.getByTestId('timeline').innerText(), /批准立案[\s\S]*（张科长）/)  // the head by the name `init --demo` gives him (src/cmd/init.c), not his username
    await pageShot(page, 'approvals-signed-case-mobile')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
