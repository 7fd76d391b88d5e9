// 群众投诉 on the portal without logging in: a citizen files a complaint (the browser solves the
// proof-of-work challenge), gets a tracking code shown large, and the tracking page shows its
// status in Chinese; a photo picked with the form is sent after it; both pages fit a 390 px phone.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.mjs'
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

// A 1×1 PNG: the photo the complainant adds
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
  '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex')

const CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/

test('a citizen files a complaint on a phone, keeps the code and sees its status on the tracking page', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  try {
    await page.goto(server.baseURL + '/portal')
    await page.getByRole('link', { name: '投诉举报' }).click()
    await page.getByRole('heading', { name: '投诉举报' }).waitFor()
    await page.getByTestId('content').fill('某执法人员检查时未出示执法证件，态度粗暴。')
    await page.getByTestId('agency').click()
    await page.keyboard.type('市南区市场')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '青岛市市南区市场监督管理局' }).first().click()
    await page.getByTestId('place').fill('市南区香港中路')
    await page.getByTestId('phone').fill('1381234')
    await page.getByTestId('name').click() // the phone is checked when it loses focus
    await page.getByText('请填写 11 位手机号，或带区号的固定电话').waitFor()
    await page.getByTestId('phone').fill('13812345678')
    await page.getByTestId('photo-input').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: PNG })
    await page.getByTestId('photo-thumb').waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `no sideways scroll (overflow ${overflow}px)`)
    await screenshot(page, 'complaint-form-mobile')
    await page.getByTestId('submit').click()
    const code = (await page.getByTestId('tracking-code').innerText({ timeout: 30000 })).trim()
    assert.match(code, CODE)
    await page.getByTestId('photo-progress').getByText('已上传 1 张照片').waitFor({ timeout: 30000 })
    const size = await page.getByTestId('tracking-code').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    assert.ok(size >= 24, `the code is shown large (${size}px)`)
    await screenshot(page, 'complaint-filed-mobile')

    await page.getByRole('button', { name: '查询进度' }).click()
    await page.getByTestId('track-result').waitFor()
    const status = (await page.getByTestId('track-status').innerText()).trim()
    assert.match(status, /^[\u4e00-\u9fff]+$/, `the status in Chinese: ${status}`)
    const text = await page.getByTestId('track-result').innerText()
    assert.doesNotMatch(text, /13812345678|香港中路/, 'nothing the complainant wrote comes back')
    await screenshot(page, 'complaint-track-mobile')

    // typed again by hand, lower case with spaces, on the tracking page itself
    await page.goto(server.baseURL + '/portal/track')
    await page.getByTestId('track-code').fill(code.toLowerCase().replace(/-/g, ' '))
    await page.getByTestId('track-submit').click()
    assert.equal((await page.getByTestId('track-status').innerText()).trim(), status)
    await page.getByTestId('track-code').fill('0000-0000-0000-0000')
    await page.getByTestId('track-submit').click()
    await page.getByTestId('track-failure').getByText('查询码不存在').waitFor()
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
