// 电子送达 in the browser (行政处罚法 第六十一条): the officer records the party's 确认书 on the
// demo case that stands at 送达, sends it and gets a link and a one-time code; the party opens
// the link on a 390 px phone without logging in, enters the code, reads the decision and confirms;
// the case page then shows 已送达 and the case has left 送达.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './lib/server.mjs'
import { launchBrowser, openPage, pageShot, screenshot } from './lib/browser.mjs'

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

test('the officer sends, the party confirms on a phone, the case page shows 已送达', async () => {
  const officer = await openPage(browser)
  const party = await openPage(browser, { viewport: { width: 390, height: 844 } })
  try {
    const { page } = officer
    await login(page, server.baseURL, 'officer')
    // the demo's one case decided and not yet served (data/demo/workflow.jsonl)
    const caseNo = await page.evaluate(async () => {
      const r = await (await fetch('/api/v1/workflow/cases?size=100')).json()
      return (r.items.find((c) => c.stage === 'service') || {}).case_no
    })
    assert.ok(caseNo, 'a demo case at 送达')
    await page.goto(server.baseURL + '/cases/handle/' + encodeURIComponent(caseNo))
    const section = page.getByTestId('delivery')
    await section.getByTestId('consent-none').waitFor()
    assert.ok(await section.getByTestId('delivery-send').isDisabled(), 'no 确认书, no 电子送达')

    await section.getByTestId('consent-phone').fill('13812345678')
    await section.getByTestId('consent-save').click()
    await section.getByTestId('consent-item').waitFor()
    await section.getByTestId('delivery-send').click()
    const dialog = page.getByTestId('delivery-sent')
    const link = (await dialog.getByTestId('delivery-link').innerText()).trim()
    const code = (await dialog.getByTestId('delivery-code').innerText()).trim()
    assert.match(link, /\/portal\/delivery\/[0-9a-f]{64}$/)
    assert.match(code, /^\d{6}$/)
    await screenshot(page, 'delivery-sent')
    await dialog.getByRole('button', { name: '已交当事人' }).click()
    await section.getByTestId('delivery-status').first().getByText('已发送').waitFor()

    // the party, on a phone, no login
    const p = party.page
    await p.goto(link)
    await p.getByTestId('delivery-cover').getByText('行政处罚决定书').waitFor()
    await p.getByTestId('delivery-code-input').fill(code === '000000' ? '000001' : '000000')
    await p.getByTestId('delivery-unlock').click()
    await p.getByTestId('delivery-wrong').getByText('还可尝试 4 次').waitFor()
    await p.getByTestId('delivery-code-input').fill(code)
    await p.getByTestId('delivery-unlock').click()
    const doc = p.getByTestId('delivery-document')
    await doc.getByText('青岛新鲜到家超市有限公司').waitFor()
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `no sideways scroll (overflow ${overflow}px)`)
    // the decision's issued PDF when the demo has one, else its particulars as text
    await doc.getByTestId('delivery-pdf').or(doc.getByTestId('delivery-download')).waitFor()
    await screenshot(p, 'delivery-portal-mobile')
    await p.getByTestId('delivery-confirm').click()
    await p.getByTestId('delivery-confirmed').waitFor()
    await screenshot(p, 'delivery-confirmed-mobile')

    // the case page: 已送达, the delivery confirmed, the case past 送达
    await page.reload()
    await page.getByTestId('delivery-served').getByText('已送达').waitFor()
    assert.match(await section.getByTestId('delivery-status').first().innerText(), /已送达/)
    assert.doesNotMatch(await page.getByTestId('current-stage').innerText(), /^送达$/)
    const timeline = await page.getByTestId('timeline').innerText()
    assert.match(timeline, /电子送达：当事人确认收到/)
    await section.getByTestId('delivery-receipt').getByText('送达回证已出具').waitFor()
    await pageShot(page, 'delivery-case-page')
    assert.deepEqual(officer.errors, [])
    assert.deepEqual(party.errors, [])
  } finally {
    await officer.context.close()
    await party.context.close()
  }
})
