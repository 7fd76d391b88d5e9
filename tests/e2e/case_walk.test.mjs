// A whole penalty case in the browser (issue 6): the officer files, investigates, notifies,
// submits; the legal reviewer passes the case review; the agency head approves filing, decision
// and closing; the officer serves and publishes; the masked decision is then on /portal. A legal
// reviewer blocks a major demo case at 法制审核 (refused citing 第五十八条, then sent back).
// Each role works in its own browser context, as three people at three desks would.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './lib/server.mjs'
import { launchBrowser, openPage, pageShot, screenshot } from './lib/browser.mjs'
import { fillSubstance } from './lib/cases.mjs'

const PARTY = { name: '张三丰', id_no: '370202198001011232' }
const WIDE = { width: 1280, height: 900 }
const PHONE = { width: 390, height: 844 }
let server
let browser
let caseNo
let docNo
const desks = {}

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  for (const who of ['officer', 'head', 'reviewer']) {
    desks[who] = await openPage(browser, { viewport: WIDE })
    await login(desks[who].page, server.baseURL, who)
  }
})

after(async () => {
  for (const d of Object.values(desks)) await d.context.close()
  if (browser) await browser.close()
  if (server) await server.stop()
})

const casePage = (caseNumber) => server.baseURL + '/cases/handle/' + encodeURIComponent(caseNumber)
const stage = (page) => page.getByTestId('current-stage')

async function pick (page, testId, option) {
  const item = page.locator('.el-select-dropdown__item:visible', { hasText: option }).first()
  // a click that lands while the dialog is still opening does not open the dropdown: click again
  for (let tries = 0; tries < 3; tries++) {
    await page.getByTestId(testId).click()
    if (await item.waitFor({ timeout: 3000 }).then(() => true, () => false)) break
  }
  await item.click()
  await page.waitForTimeout(300) // let the dropdown fade out before the next one opens
}

// Opens the case at its current stage as `who` and takes `action`, filling the step's form.
async function act (who, action, fill = async () => {}, { expectStage } = {}) {
  const { page } = desks[who]
  await page.goto(casePage(caseNo))
  await stage(page).waitFor()
  await page.getByTestId(`action-${action}`).click()
  const dialog = page.getByTestId('action-dialog')
  await dialog.getByTestId('action-submit').waitFor()
  await fill(page, dialog)
  await dialog.getByTestId('action-submit').click()
  if (expectStage) await stage(page).getByText(expectStage, { exact: true }).waitFor()
  else await page.locator('.el-message--success').first().waitFor()
  return page
}

test('an officer files a case and it is taken through every stage to 结案 by officer, reviewer and head', async () => {
  const { page, errors } = desks.officer
  await page.goto(server.baseURL + '/cases/mine')
  await page.getByTestId('new-case').click()
  await page.getByTestId('new-power').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: 'SC-CF-001' }).click()
  await page.getByTestId('new-case-dialog').getByText('个人', { exact: true }).click()
  await page.getByTestId('new-party-name').fill(PARTY.name)
  await page.getByTestId('new-party-id').fill(PARTY.id_no)
  await page.getByTestId('new-officers').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '37020200001' }).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '37020200002' }).click()
  await page.locator('.el-dialog__title', { hasText: '新建线索' }).click()
  await page.getByTestId('new-submit').click()
  await page.waitForURL(/\/cases\/handle\//)
  await stage(page).getByText('线索登记').waitFor()
  caseNo = decodeURIComponent(new URL(page.url()).pathname.split('/').pop())

  await act('officer', 'submit_filing', undefined, { expectStage: '立案' })
  await act('head', 'approve_filing', undefined, { expectStage: '调查取证' })
  await act('officer', 'finish_investigation', async (p, dialog) => {
    await pick(p, 'af-measures', '罚款')
    await dialog.locator('.el-dialog__title').click() // close the multi-select
    await dialog.getByTestId('af-fine').locator('input').fill('20000')
    await pick(p, 'af-tier-select', '一般')
    await dialog.getByTestId('af-tier_reason').locator('input').fill('初次违法，主动配合调查')
  }, { expectStage: '案件审核' })
  // 案情 before the review sends the case to 告知 (行政处罚法 第四十四条: the facts, reasons and basis)
  await fillSubstance(desks.officer.page)
  await act('reviewer', 'approve_case_review', undefined, { expectStage: '告知' })
  // 告知: notice with the hearing right (a fine of ¥20,000 on a person), the party waives in writing
  await act('officer', 'record', async (p, dialog) => {
    const on = dialog.getByTestId('af-notified_on').locator('input')
    await on.fill(new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10))
    await on.press('Enter')
    await pick(p, 'af-hearing_right_notified', '是')
    await pick(p, 'af-hearing_waived', '是')
  })
  await act('officer', 'submit_decision', undefined, { expectStage: '决定' })
  const decided = await act('head', 'approve_decision', undefined, { expectStage: '送达' })
  docNo = (await decided.getByTestId('doc-no').innerText()).replace('文号：', '').trim()
  assert.match(docNo, /^南市监处罚〔\d{4}〕\d+号$/)
  await act('officer', 'serve', undefined, { expectStage: '执行' })

  // 案件公示 lists it as still to publish, with its deadline
  await page.goto(server.baseURL + '/cases/publicity')
  const todo = page.getByTestId('publicity-todo-table').locator('.el-table__row', { hasText: docNo })
  await todo.waitFor()
  assert.match(await todo.innerText(), /公示[\s\S]*剩 \d+ 天/)
  await pageShot(page, 'case-walk-publicity-todo')

  // 公示 from the case page: the publicity deadline turns done
  await page.goto(casePage(caseNo))
  await page.getByTestId('publication-state').getByText('尚未公示').waitFor()
  await page.getByTestId('publish').click()
  await page.getByTestId('pub-submit').click()
  await page.getByTestId('publication-state').getByText(/已于 \d{4}-\d{2}-\d{2} 公示/).waitFor()
  const publicity = page.getByTestId('deadline').filter({ hasText: '公示处罚决定' })
  assert.match(await publicity.innerText(), /已于 .* 完成/)

  await act('officer', 'request_close', async (p, dialog) => {
    const paid = dialog.getByTestId('af-paid_on').locator('input')
    await paid.fill(new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10))
    await paid.press('Enter')
  }, { expectStage: '结案审批' })
  await act('head', 'close', undefined, { expectStage: '结案' })

  await page.goto(casePage(caseNo))
  await stage(page).getByText('结案', { exact: true }).waitFor()
  const timeline = await page.getByTestId('timeline').innerText()
  for (const step of ['登记线索', '批准立案', '案件审核通过', '批准处罚决定', '送达决定书', '公示处罚决定', '提请结案审批', '批准结案'])
    assert.ok(timeline.includes(step), `timeline lacks ${step}`)
  await pageShot(page, 'case-walk-closed')
  assert.deepEqual(errors, [])
})

test('the closed case looks right on a 390 px phone', async () => {
  assert.ok(caseNo, 'the walk ran first')
  const { page } = desks.officer
  await page.setViewportSize(PHONE)
  try {
    await page.goto(casePage(caseNo))
    await stage(page).getByText('结案', { exact: true }).waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `no sideways scroll (overflow ${overflow}px)`)
    await pageShot(page, 'case-walk-closed-mobile')
  } finally {
    await page.setViewportSize(WIDE)
  }
})

test('a legal reviewer blocks a major case at 法制审核 with the article, then sends it back', async () => {
  const { page } = desks.reviewer
  await page.goto(server.baseURL + '/cases/mine')
  await page.getByTestId('filter-stage').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '法制审核' }).click()
  const link = page.getByTestId('case-table').getByTestId('case-link').first()
  await link.waitFor()
  await link.click()
  await stage(page).getByText('法制审核', { exact: true }).waitFor()
  // the review does not pass; leaving 法制审核 for the decision is then refused, citing 第五十八条
  await page.getByTestId('action-record').click()
  await page.getByTestId('action-dialog').getByTestId('action-submit').waitFor()
  await pick(page, 'af-legal_review_passed', '否')
  await page.getByTestId('action-note').fill('违法所得计算依据不足')
  await page.getByTestId('action-dialog').getByTestId('action-submit').click()
  await page.locator('.el-message--success').first().waitFor()
  await page.getByTestId('action-dialog').waitFor({ state: 'hidden' })
  await page.getByTestId('action-submit_decision').click()
  await page.getByTestId('action-dialog').getByTestId('action-submit').click()
  const box = page.locator('.wf-refusal')
  await box.waitFor()
  const message = await box.innerText()
  assert.match(message, /第五十八条/)
  assert.match(message, /[\u4e00-\u9fff]/)
  await pageShot(page, 'case-walk-legal-review-refused')
  await box.getByRole('button').last().click()
  await page.getByTestId('action-dialog').getByRole('button', { name: '取消' }).click()
  assert.match(await stage(page).innerText(), /法制审核/)
  // 退回 to 调查取证 with a reason
  await page.getByTestId('action-send_back').click()
  await page.getByTestId('action-dialog').getByTestId('action-submit').waitFor()
  await pick(page, 'send-back-target', '调查取证')
  await page.getByTestId('action-note').fill('违法所得计算依据不足，补充调查')
  await page.getByTestId('action-dialog').getByTestId('action-submit').click()
  await stage(page).getByText('调查取证', { exact: true }).waitFor()
  assert.ok((await page.getByTestId('timeline').innerText()).includes('违法所得计算依据不足，补充调查'))
})

test('the published decision is on the portal, the person masked, at 1280 and 390 px', async () => {
  assert.ok(docNo, 'the walk ran first')
  for (const [viewport, name] of [[WIDE, 'case-walk-portal'], [PHONE, 'case-walk-portal-mobile']]) {
    const { context, page, errors } = await openPage(browser, { viewport })
    try {
      await page.goto(server.baseURL + '/portal')
      await page.getByTestId('pd-q').fill(docNo)
      await page.getByTestId('pd-search').click()
      const row = page.getByTestId('pd-table').locator('.el-table__body-wrapper .el-table__row', { hasText: docNo })
      await row.waitFor()
      const text = await row.innerText()
      assert.match(text, /张\*\*/)
      assert.match(text, /3702\*{10}1232/)
      const all = await page.locator('body').innerText()
      assert.ok(!all.includes(PARTY.name) && !all.includes(PARTY.id_no), 'the portal shows the person unmasked')
      await screenshot(page, name)
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  }
})
