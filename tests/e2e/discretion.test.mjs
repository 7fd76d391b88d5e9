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
