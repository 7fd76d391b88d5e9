// 裁量建议 in the browser (行政处罚法 第三十二至三十四条): at 调查终结 an officer on a phone-sized
// screen ticks the facts, gets the recommended tier of the power's benchmark with its fine range
// and weighted reasons, adopts it with one click, and the case then shows the proposed tier and
// fine, the advice and the timeline note.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './lib/server.mjs'
import { launchBrowser, openPage, pageShot } from './lib/browser.mjs'
import { fileCase } from './lib/cases.mjs'

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

async function takeStep (page, action) {
  await page.getByTestId(`action-${action}`).click()
  await page.getByTestId('action-submit').click()
  await page.getByTestId('action-dialog').waitFor({ state: 'hidden' })
}

test('the officer gets a recommendation, adopts it, and the proposal shows the tier and fine', async () => {
  const officer = await openPage(browser, { viewport: { width: 390, height: 844 } })
  const head = await openPage(browser)
  try {
    await login(officer.page, server.baseURL, 'officer')
    const caseNo = await fileCase(officer.page, server.baseURL, { party: '青岛某某食品有限公司', partyId: '91370202091141705L' })
    await takeStep(officer.page, 'submit_filing')
    await officer.page.getByTestId('current-stage').getByText('立案').waitFor()

    await login(head.page, server.baseURL, 'head')
    await head.page.goto(server.baseURL + '/cases/handle/' + encodeURIComponent(caseNo))
    await takeStep(head.page, 'approve_filing')
    await head.page.getByTestId('current-stage').getByText('调查取证').waitFor()

    const page = officer.page
    await page.reload()
    await page.getByTestId('current-stage').getByText('调查取证').waitFor()
    await page.getByTestId('action-finish_investigation').click()
    const panel = page.getByTestId('discretion-panel')
    await panel.waitFor()
    for (const f of ['first_offence', 'cooperated', 'rectified']) await page.getByTestId(`df-${f}`).click()
    await page.getByTestId('df-harm').getByText('轻微').click()
    await page.getByTestId('discretion-recommend').click()
    const advice = page.getByTestId('discretion-advice')
    await advice.waitFor()
    assert.equal(await page.getByTestId('discretion-tier').getAttribute('data-tier'), 'light')
    assert.equal(await page.getByTestId('discretion-range').innerText(), '¥0.00–¥5,000.00')
    assert.match(await advice.innerText(), /初次违法 -1/)
    assert.match(await advice.innerText(), /得分 -4/)
    await pageShot(page, 'discretion-advice-mobile')

    await page.getByTestId('discretion-adopt').click()
    assert.equal(await page.getByTestId('af-fine').locator('input').inputValue(), '2500')
    assert.match(await page.getByTestId('af-tier-select').innerText(), /轻微（建议）/)
    assert.equal(await page.getByTestId('discretion-differs').count(), 0)
    await page.getByTestId('action-submit').click()
    await page.getByTestId('current-stage').getByText('案件审核').waitFor()

    assert.equal(await page.getByTestId('proposal-tier').innerText(), '轻微')
    assert.equal(await page.getByTestId('proposal-fine').innerText(), '¥2,500.00')
    assert.match(await page.getByTestId('proposal-advice').innerText(), /轻微（初次违法（-1）/)
    assert.match(await page.getByTestId('timeline').innerText(), /裁量建议：light.*选择：light/)
    await pageShot(page, 'discretion-proposal-mobile')
    assert.deepEqual(officer.errors, [])
  } finally {
    await officer.context.close()
    await head.context.close()
  }
})

test('用户管理 sets a 机关负责人’s 审批层级; the select shows only for agency heads', async () => {
  const { context, page, errors } = await openPage(browser)
  const choose = async (select, text) => {
    await select.click()
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: text }).first().click()
  }
  try {
    await login(page, server.baseURL, 'sysadmin')
    await page.goto(server.baseURL + '/system/users')
    await page.getByTestId('user-q').fill('head')
    await page.getByTestId('user-search').click()
    const row = page.getByTestId('user-table').locator('.el-table__row', { has: page.locator('[data-username="head"]') })
    assert.equal((await row.getByTestId('user-approval-level').innerText()).trim(), '主要负责人')

    await row.getByTestId('user-edit').click()
    const dialog = page.getByTestId('user-dialog')
    const level = dialog.getByTestId('uf-approval-level')
    await level.getByText('主要负责人').waitFor()
    await choose(level, '分管负责人')
    await pageShot(page, 'users-approval-level')
    await dialog.getByTestId('user-save').click()
    await dialog.waitFor({ state: 'hidden' })
    await row.getByTestId('user-approval-level').getByText('分管负责人').waitFor()

    // another role: no level to choose
    await row.getByTestId('user-edit').click()
    await choose(dialog.getByTestId('uf-role'), '执法人员')
    await level.waitFor({ state: 'hidden' })
    await dialog.getByRole('button', { name: '取消' }).click()
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
