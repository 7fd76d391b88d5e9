// 双随机、一公开 and 综合查一次 in the console, against the real binary and its demo database.
// A supervisor turns an I02 warning (three agencies inspected one company within 30 days: imported
// here, then swept) into a joint plan; the demo head draws a random plan on 抽查计划, whose size is
// counted from the demo directory's levels and the default ratios (docs/inspections.md).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { startServer, login, zhifaBinary } from './lib/server.mjs'
import { launchBrowser, openPage, pageShot } from './lib/browser.mjs'

const SN = '113702021588139920'
const QD = '11370200MB12345674'
const SB = '11370203869879736T'
const party = { kind: 'org', name: '青岛栈桥小吃城有限公司', id_no: '91370202MA3D00005J' }
const insp = (case_no, agency, inspected_on) => ({ type: 'case', case_no, agency, kind: 'inspection', party, officers: ['37020200001', '37020200002'], inspected_on, result: 'ok' })

let server
let browser

before(async () => {
  server = await startServer()
  const lines = [insp('南市监检〔2026〕901号', SN, '2026-05-04'), insp('青市监检〔2026〕902号', QD, '2026-05-11'), insp('北交检〔2026〕903号', SB, '2026-05-18')]
  execFileSync(zhifaBinary(), ['--db', server.dbPath, 'import', '-'], { input: lines.map((l) => JSON.stringify(l)).join('\n') + '\n' })
  execFileSync(zhifaBinary(), ['--db', server.dbPath, 'sweep'])
  browser = await launchBrowser()
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

test('a supervisor turns an I02 warning into a joint plan on 综合查一次', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/supervision/joint')
    await page.getByTestId('page-title').getByText('综合查一次', { exact: true }).waitFor()
    const row = page.getByTestId('joint-proposals').locator('.el-table__body-wrapper .el-table__row', { hasText: party.name })
    await row.waitFor()
    assert.match(await row.innerText(), /2 次/)
    await row.getByTestId('joint-propose').click()
    await page.getByTestId('joint-name').waitFor()
    await pageShot(page, 'joint-proposal')
    await page.getByTestId('joint-save').click()
    const plan = page.getByTestId('joint-plans').locator('.el-table__body-wrapper .el-table__row', { hasText: party.name })
    await plan.waitFor()
    assert.match(await plan.innerText(), /待检查/)
    await page.getByTestId('joint-tab-proposals').click()
    await row.getByText('已制定计划').waitFor()
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the demo head draws a random plan on 抽查计划 and sees its items with two inspectors each', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'head')
    await page.goto(server.baseURL + '/cases/inspection-plans')
    await page.getByTestId('page-title').getByText('抽查计划', { exact: true }).waitFor()
    await page.getByTestId('insp-plan-new').click()
    await page.getByTestId('insp-plan-name').fill('页面抽取测试')
    await page.getByTestId('insp-plan-seed-input').fill('e2e-seed')
    await page.getByTestId('insp-plan-create').click()
    await page.getByTestId('insp-plan-draw').click()
    const rows = page.getByTestId('insp-plan-items').locator('.el-table__body-wrapper .el-table__row')
    await rows.first().waitFor()
    // demo directory: A 3, B 4, C 2, D 1 entities; default ratios 3/5/10/20 % → ceil each = 1 + 1 + 1 + 1
    assert.equal(await rows.count(), 4)
    for (const t of await page.getByTestId('insp-plan-inspectors').allInnerTexts()) assert.equal(t.split('、').length, 2)
    assert.match(await page.getByTestId('insp-plan-seed').innerText(), /e2e-seed/)
    await pageShot(page, 'inspection-plan-drawn')
    // 发起检查任务 opens the drawn item's inspection task (choosing the power when the agency has
    // several) and lands on its handling page; back on the plan the item shows 已发起 with the case
    const first = rows.first()
    const entityName = (await first.locator('td').nth(1).innerText()).trim()
    await first.getByTestId('insp-plan-task').click()
    const chooser = page.getByTestId('insp-task-dialog')
    await Promise.race([page.waitForURL(/\/cases\/handle\//), chooser.getByTestId('insp-task-power').waitFor()])
    if (!/\/cases\/handle\//.test(page.url())) {
      await chooser.getByTestId('insp-task-power').click()
      await page.locator('.el-select-dropdown__item:visible').first().click()
      await chooser.getByTestId('insp-task-open').click()
      await page.waitForURL(/\/cases\/handle\//)
    }
    const caseNo = decodeURIComponent(page.url().split('/cases/handle/')[1])
    await page.getByText(entityName).first().waitFor()
    await page.getByText('检查准备').first().waitFor()
    await pageShot(page, 'inspection-task-opened')
    await page.goto(server.baseURL + '/cases/inspection-plans')
    await page.getByTestId('insp-plan-table').getByText('页面抽取测试').click()
    const done = page.getByTestId('insp-plan-items').locator('.el-table__body-wrapper .el-table__row', { hasText: entityName })
    await done.getByTestId('insp-plan-case').waitFor()
    const shown = await done.getByTestId('insp-plan-case').innerText()
    assert.ok(shown.includes('已发起') && shown.includes(caseNo), shown)
    assert.equal(await done.getByTestId('insp-plan-task').count(), 0)
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('综合查一次: the supervisor waits for the lead agency, whose head opens the joint task on the page', async () => {
  const expandPlan = async (page) => {
    await page.goto(server.baseURL + '/supervision/joint')
    await page.getByTestId('joint-tab-plans').click()
    const plan = page.getByTestId('joint-plans').locator('.el-table__body-wrapper .el-table__row', { hasText: party.name }).first()
    await plan.locator('.el-table__expand-icon').click()
    return page.getByTestId('joint-plans')
  }
  let s = await openPage(browser)
  try {
    await login(s.page, server.baseURL, 'supervisor')
    const table = await expandPlan(s.page)
    await table.getByText('检查任务：待牵头单位发起').waitFor()
    assert.equal(await table.getByTestId('joint-task').count(), 0, 'a supervisor opens no case for an agency')
    assert.deepEqual(s.errors, [])
  } finally { await s.context.close() }
  // the lead: the first of the three to visit (市南区, 2026-05-04), the demo head's agency
  const h = await openPage(browser)
  let caseNo
  try {
    await login(h.page, server.baseURL, 'head')
    const table = await expandPlan(h.page)
    await table.getByTestId('joint-task').click()
    const dialog = h.page.getByTestId('joint-task-dialog')
    if (await dialog.getByTestId('joint-task-power').getByText('请选择本机关的行政检查事项').count()) {
      await dialog.getByTestId('joint-task-power').click() // several inspection powers: take the first
      await h.page.locator('.el-select-dropdown__item:visible').first().click()
    }
    await dialog.getByTestId('joint-task-officers').click()
    const people = h.page.locator('.el-select-dropdown__item:visible')
    await people.nth(0).click()
    await people.nth(1).click()
    await dialog.locator('.el-dialog__title').click()
    await dialog.getByTestId('joint-task-open').click()
    await h.page.waitForURL(/\/cases\/handle\//)
    caseNo = decodeURIComponent(h.page.url().split('/cases/handle/')[1])
    await h.page.getByText('检查准备').first().waitFor()
    assert.deepEqual(h.errors, [])
  } finally { await h.context.close() }
  s = await openPage(browser)
  try {
    await login(s.page, server.baseURL, 'supervisor')
    const table = await expandPlan(s.page)
    const shown = await table.getByTestId('joint-task-case').innerText()
    assert.ok(shown.includes(caseNo), shown)
    assert.deepEqual(s.errors, [])
  } finally { await s.context.close() }
})
