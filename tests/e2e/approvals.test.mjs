// 审批待办 in the browser: an officer files a 线索 and submits it for 立案 approval; the agency
// head finds the task in his inbox on a phone-sized screen, confirms what he signs, and the case
// moves to 调查取证 with the approval on its timeline. A second case is refused from the list
// with an opinion: the officer finds it back at 线索登记 with the head's opinion.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './lib/server.mjs'
import { launchBrowser, openPage, pageShot } from './lib/browser.mjs'
import { fileCase } from './lib/cases.mjs'

let server
let browser
let caseNo
let refusedNo

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
    const dialog = page.getByTestId('approval-dialog')
    await dialog.getByTestId('approval-what').waitFor()
    const what = await dialog.getByTestId('approval-what').innerText()
    assert.match(what, new RegExp(caseNo))
    assert.match(what, /青岛某某餐饮有限公司/)
    assert.match(what, /批准立案/)
    await pageShot(page, 'approvals-confirm-mobile')
    await dialog.getByTestId('approval-confirm').click()
    await page.locator('.el-message--success', { hasText: '已批准：批准立案' }).waitFor()
    await row.waitFor({ state: 'detached' })

    await page.goto(server.baseURL + '/cases/handle/' + encodeURIComponent(caseNo))
    await page.getByTestId('current-stage').getByText('调查取证').waitFor()
    assert.equal(await page.getByTestId('approval-panel').count(), 0)
    assert.match(await page.getByTestId('timeline').innerText(), /批准立案[\s\S]*（张科长）/)  // the head by the name `init --demo` gives him (src/cmd/init.c), not his username
    // the signature history: the head's 同意 with the standard opinion (setting approval_default_opinion)
    const history = await page.getByTestId('approval-history').innerText()
    assert.match(history, /同意[\s\S]*批准立案[\s\S]*审批意见：同意。/)
    await pageShot(page, 'approvals-signed-case-mobile')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the head refuses a 立案 from 审批待办: the opinion is required, the case goes back to the officer with it', async () => {
  const officer = await openPage(browser)
  try {
    await login(officer.page, server.baseURL, 'officer')
    refusedNo = await fileCase(officer.page, server.baseURL, { party: '青岛某某超市有限公司' })
    await officer.page.getByTestId('action-submit_filing').click()
    await officer.page.getByTestId('action-submit').click()
    await officer.page.getByTestId('approval-panel').waitFor()
    assert.deepEqual(officer.errors, [])
  } finally {
    await officer.context.close()
  }

  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'head')
    await page.goto(server.baseURL + '/cases/approvals')
    const row = page.getByTestId('approval-table').locator('.el-table__body tr', { hasText: refusedNo })
    await row.waitFor()
    await row.getByTestId('approval-refuse').click()
    const dialog = page.getByTestId('approval-dialog')
    await dialog.getByTestId('approval-what').waitFor()
    assert.match(await dialog.getByTestId('approval-what').innerText(), /青岛某某超市有限公司[\s\S]*批准立案/)
    // no opinion: refused in the dialog, nothing sent
    await dialog.getByTestId('approval-confirm').click()
    await dialog.getByText('不同意须填写审批意见').waitFor()
    await dialog.getByTestId('approval-opinion').fill('当事人营业执照复印件缺失，请补充后再报')
    await pageShot(page, 'approvals-refuse-dialog')
    await dialog.getByTestId('approval-confirm').click()
    await page.locator('.el-message--success', { hasText: '已退回：批准立案' }).waitFor()
    await row.waitFor({ state: 'detached' })
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }

  const back = await openPage(browser)
  try {
    await login(back.page, server.baseURL, 'officer')
    await back.page.goto(server.baseURL + '/cases/handle/' + encodeURIComponent(refusedNo))
    await back.page.getByTestId('current-stage').getByText('线索登记').waitFor()
    const returned = back.page.getByTestId('approval-returned')
    await returned.waitFor()
    assert.match(await returned.innerText(), /不同意“批准立案”/)
    assert.match(await returned.innerText(), /当事人营业执照复印件缺失，请补充后再报/)
    assert.match(await back.page.getByTestId('timeline').innerText(), /不同意（退回）[\s\S]*当事人营业执照复印件缺失/)
    assert.ok(await back.page.getByTestId('action-submit_filing').isVisible(), 'he may ask again')
    await pageShot(back.page, 'approvals-returned-case')
    assert.deepEqual(back.errors, [])
  } finally {
    await back.context.close()
  }
})

test('the legal reviewer finds the demo case at 法制审核 in his 审批待办 and records the review passed with his opinion', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'reviewer')
    await page.goto(server.baseURL + '/cases/approvals')
    await page.getByTestId('page-title').getByText('审批待办', { exact: true }).waitFor()
    const row = page.getByTestId('approval-table').locator('.el-table__body tr', { hasText: '法制审核' }).first()
    await row.waitFor()
    assert.match(await row.getByTestId('approval-type').innerText(), /^法制审核$/)
    const caseNo = (await row.getByTestId('approval-link').innerText()).trim()
    await row.getByTestId('approval-work').click()
    const dialog = page.getByTestId('approval-dialog')
    await dialog.getByTestId('approval-what').waitFor()
    const what = await dialog.getByTestId('approval-what').innerText()
    assert.match(what, new RegExp(caseNo))
    assert.match(what, /罚款金额[\s\S]*¥[\d,]+\.\d{2}/, 'the proposed fine in yuan')
    assert.match(what, /处罚种类[\s\S]*罚款/)
    assert.doesNotMatch(what, /\b(fine|light|ordinary|heavy)\b/, 'names, not codes')
    await dialog.getByTestId('approval-opinion').fill('事实清楚，证据确凿，适用依据正确，同意')
    await pageShot(page, 'approvals-legal-review-dialog')
    await dialog.getByTestId('approval-confirm').click()
    await page.locator('.el-message--success', { hasText: '法制审核通过' }).waitFor()
    await page.getByTestId('approval-table').locator('.el-table__body tr', { hasText: caseNo })
      .filter({ hasText: '法制审核' }).waitFor({ state: 'detached' })

    await page.goto(server.baseURL + '/cases/handle/' + encodeURIComponent(caseNo))
    await page.getByTestId('timeline').getByText('事实清楚，证据确凿，适用依据正确，同意').waitFor()
    assert.doesNotMatch(await page.getByTestId('current-stage').innerText(), /法制审核/)
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
