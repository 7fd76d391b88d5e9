// 我的监督意见: the demo 特邀监督员 (市南 by region) submits an observation about a case on a 390 px
// phone and sees it listed with its status; the menu shows him this page and not the case query.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './lib/server.mjs'
import { launchBrowser, openPage, screenshot } from './lib/browser.mjs'

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

test('a social supervisor submits an observation on a phone and sees it listed as 待分办', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  try {
    await login(page, server.baseURL, 'observer')
    await page.goto(server.baseURL + '/supervision/observations')
    await page.getByTestId('obs-content').waitFor()
    await page.getByTestId('obs-case').click()
    await page.keyboard.type('处罚〔2026〕3号')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '南市监处罚〔2026〕3号' }).first().click()
    assert.match(await page.getByTestId('obs-agency').innerText(), /市南区市场监督管理局/, 'the case\'s agency is chosen')
    await page.getByTestId('obs-content').fill('现场检查时执法人员未出示执法证件。')
    await page.getByTestId('obs-place').fill('市南区香港中路')
    await page.locator('.el-select__popper:visible').first().waitFor({ state: 'hidden' })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5).map((e) => e.className + ' ' + e.tagName).join(' | '))
    assert.ok(overflow <= 1, wide +  `no sideways scroll (overflow ${overflow}px)`)
    await screenshot(page, 'observation-form-mobile')
    await page.getByTestId('obs-submit').click()
    const item = page.getByTestId('obs-item').filter({ hasText: '现场检查时执法人员未出示执法证件' })
    await item.waitFor()
    assert.equal((await item.getByTestId('obs-status').innerText()).trim(), '待分办')
    assert.match(await item.innerText(), /南市监处罚〔2026〕3号/)
    await screenshot(page, 'observation-listed-mobile')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
