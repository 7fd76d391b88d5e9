// 行政检查 on a phone (issue 20): an officer opens an inspection task on a 390-px screen, records the
// on-site inspection with a photo from the camera input and the 出示证件 tick, orders 责令改正 with a
// deadline, and the follow-up check closes it after the result is published. The page shows
// names (检查准备, 现场检查, 责令改正), never codes.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './lib/server.mjs'
import { launchBrowser, openPage, screenshot } from './lib/browser.mjs'

const PHONE = { width: 390, height: 844 }
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
let server, browser, desk

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  desk = await openPage(browser, { viewport: PHONE })
  await login(desk.page, server.baseURL, 'officer')
})

after(async () => {
  if (desk) await desk.context.close()
  if (browser) await browser.close()
  if (server) await server.stop()
})

const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
const later = (days) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10)

async function pick (page, testId, option) {
  const item = page.locator('.el-select-dropdown__item:visible', { hasText: option }).first()
  for (let tries = 0; tries < 3; tries++) {
    await page.getByTestId(testId).click()
    if (await item.waitFor({ timeout: 3000 }).then(() => true, () => false)) break
  }
  await item.click()
  await page.waitForTimeout(300)
}

async function step (page, action, fill = async () => {}, expectStage) {
  await page.getByTestId(`action-${action}`).click()
  const dialog = page.getByTestId('action-dialog')
  await dialog.getByTestId('action-submit').waitFor()
  await fill(dialog)
  await dialog.getByTestId('action-submit').click()
  await page.getByTestId('current-stage').getByText(expectStage, { exact: true }).waitFor()
}

async function typeDate (dialog, field, value) {
  const input = dialog.getByTestId(`af-${field}`).locator('input')
  await input.fill(value)
  await input.press('Enter')
}

test('an officer runs an inspection on a phone: photo, 责令改正, the follow-up closes it', async () => {
  const { page, errors } = desk
  await page.goto(server.baseURL + '/cases/inspections')
  await page.getByTestId('page-title').getByText('检查任务').waitFor()
  await page.getByTestId('new-kind-case').click()
  await pick(page, 'new-kind-power', '对食品经营者的监督检查')
  await page.getByTestId('new-kind-party').fill('青岛某某食品有限公司')
  await page.getByTestId('new-kind-party-id').fill('91370202091141705L')
  await pick(page, 'new-kind-officers', '37020200001')
  await pick(page, 'new-kind-officers', '37020200002')
  await page.locator('.el-dialog__title', { hasText: '新建检查任务' }).click()
  await page.getByTestId('new-kind-items').fill('食品贮存、标签标识')
  await page.getByTestId('new-kind-submit').click()
  await page.waitForURL(/\/cases\/handle\//)
  await page.getByTestId('current-stage').getByText('检查准备').waitFor()
  assert.equal(await page.getByTestId('case-type').innerText(), '行政检查')

  await step(page, 'inspection_start', undefined, '现场检查')
  // the on-site record: 出示证件 ticked and a photo from the camera input, in one form
  await step(page, 'inspection_record', async (dialog) => {
    await dialog.getByTestId('af-check-identity_shown').click()
    await dialog.getByTestId('photo-camera').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: PNG_1X1 })
    await dialog.getByTestId('photo-thumb').waitFor()
  }, '检查结果')
  await page.getByTestId('attachments').getByText('现场.png').waitFor()
  await screenshot(page, 'inspection-phone-result')

  // 责令改正 without a deadline is refused with the article; with one it waits for the follow-up
  await page.getByTestId('action-inspection_order').click()
  let dialog = page.getByTestId('action-dialog')
  await dialog.getByTestId('action-submit').click()
  await page.locator('.wf-refusal').getByText(/第二十八条/).waitFor()
  await page.locator('.wf-refusal').getByRole('button').last().click()
  await typeDate(dialog, 'correction_due_on', later(14))
  await dialog.getByTestId('action-submit').click()
  await page.getByTestId('current-stage').getByText('整改复查', { exact: true }).waitFor()
  assert.equal(await page.getByTestId('kind-result').innerText(), '责令改正')

  await step(page, 'inspection_followup_pass', undefined, '结果公示')
  await step(page, 'inspection_close', async (d) => typeDate(d, 'result_published_on', today()), '结案')
  const text = await page.locator('main').innerText()
  assert.doesNotMatch(text, /inspection_|coercion_|license_/)
  // the phone's width holds the page: no sideways scrolling
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 1, `horizontal overflow ${overflow}px`)
  await screenshot(page, 'inspection-phone-closed')
  assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), [])
})
