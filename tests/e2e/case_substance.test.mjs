// 案情 in the browser (issue 19): the officer fills the 案情 section of a demo case's handling page —
// 案由, 违法事实, an evidence item linked to the photo he uploaded, both bases, the party's statement
// with its review — and the supervisor reads the same on 案件详情, kinds and outcomes by their Chinese
// names, the evidence item linking to the photo. Then both pages on a 390-px phone.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, demoUsers } from './lib/server.mjs'
import { launchBrowser, openPage, pageShot } from './lib/browser.mjs'
import { fillSubstance, SUBSTANCE_TEXT } from './lib/cases.mjs'

let server
let browser
let caseNo

// A demo online case at 调查取证 (data/demo/workflow.jsonl): its 案由 is written, nothing else yet.
const PARTY = '青岛鲜达冷链物流有限公司'
const PHOTO = '过期食品陈列照片.png'
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
const DEFENSE = { received_on: '2026-01-05', summary: '当事人称系初次违法，已全部下架销毁。', adopted: '部分采纳', reason: '主动下架销毁属实。' }

async function session (username) {
  const base = server.baseURL
  const s = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: demoUsers(base).get(username).password })
  })
  assert.equal(s.status, 200)
  const { csrf_token: csrf } = await s.json()
  return { cookie: (s.headers.get('set-cookie') || '').split(';')[0], csrf }
}

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  for (const who of ['officer', 'supervisor']) {
    const { context, page } = await openPage(browser)
    try { await login(page, server.baseURL, who) } finally { await context.close() }
  }
  const { cookie, csrf } = await session('officer')
  const list = await (await fetch(`${server.baseURL}/api/v1/workflow/cases?size=200`, { headers: { Cookie: cookie } })).json()
  caseNo = list.items.find((c) => c.case_type.startsWith('penalty') && JSON.stringify(c).includes(PARTY)).case_no // its penalty case, not the 查封扣押 of the same party
  const q = new URLSearchParams({ name: PHOTO, stage: 'investigation', kind: 'photo' })
  const up = await fetch(`${server.baseURL}/api/v1/workflow/cases/${encodeURIComponent(caseNo)}/attachments?${q}`, {
    method: 'POST', headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'image/png' }, body: PNG_1X1
  })
  assert.equal(up.status, 201, await up.text())
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

test('the officer fills 案情 on the case page, the evidence item picking the uploaded photo', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1440, height: 900 } })
  try {
    await login(page, server.baseURL, 'officer')
    await page.goto(server.baseURL + '/cases/handle/' + encodeURIComponent(caseNo))
    await page.getByTestId('substance').waitFor()
    // the demo wrote the 案由 at registration; the rest is still to write
    assert.match(await page.getByTestId('sv-facts').innerText(), /未填写/)
    await fillSubstance(page, { attachment: PHOTO, defense: DEFENSE })
    const view = page.getByTestId('substance-view')
    assert.equal(await view.getByTestId('sv-facts').innerText(), SUBSTANCE_TEXT.facts)
    assert.match(await view.getByTestId('sv-penalty-basis').innerText(), /《中华人民共和国食品安全法》第一百二十四条第一款第（五）项/)
    const item = await view.getByTestId('sv-evidence-item').first().innerText()
    assert.match(item, /现场检查笔录/)
    assert.match(item, /勘验笔录、现场笔录/) // the kind's name, never its code
    assert.ok(!item.includes('inspection_record'))
    assert.match(item, new RegExp(`附件：${PHOTO}`))
    assert.match(await view.getByTestId('sv-defense').innerText(), /部分采纳/)
    await pageShot(page, 'case-substance-officer')
    // the timeline says what was done
    assert.match(await page.getByTestId('timeline').innerText(), /登记案情/)
    // the form on a 390-px phone: one column, nothing off the screen
    await page.setViewportSize({ width: 390, height: 844 })
    await page.getByTestId('substance-edit').click()
    await page.getByTestId('substance-save').waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `the form scrolls sideways by ${overflow}px at 390 px`)
    await pageShot(page, 'case-substance-form-phone')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the supervisor reads the same 案情 on 案件详情', async () => {
  assert.ok(caseNo)
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1440, height: 900 } })
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/cases/detail/' + encodeURIComponent(caseNo))
    const card = page.getByTestId('case-substance')
    await card.getByTestId('sv-evidence-item').first().waitFor()
    assert.equal(await card.getByTestId('sv-cause').innerText(), SUBSTANCE_TEXT.cause)
    assert.equal(await card.getByTestId('sv-facts').innerText(), SUBSTANCE_TEXT.facts)
    assert.match(await card.getByTestId('sv-violation-basis').innerText(), /第三十四条第（十）项/)
    const item = await card.getByTestId('sv-evidence-item').first().innerText()
    assert.match(item, /勘验笔录、现场笔录/)
    assert.match(item, /当事人陈列销售超过保质期食品的事实/)
    // the evidence item links to the attachment through the supervisor's read-only route
    const href = await card.getByTestId('sv-evidence-attachment').getAttribute('href')
    assert.match(href, new RegExp(`^/api/v1/cases/${encodeURIComponent(caseNo).replace(/[()]/g, '\\$&')}/attachments/\\d+$`))
    assert.match(await card.getByTestId('sv-defense').innerText(), /2026-01-05 收到，部分采纳/)
    await pageShot(page, 'case-substance-supervisor')
    await page.setViewportSize({ width: 390, height: 844 })
    await card.getByTestId('sv-cause').waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px at 390 px`)
    await pageShot(page, 'case-substance-supervisor-phone')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('事后录入 takes 案情 as optional fields and the case detail shows them', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1440, height: 900 } })
  try {
    await login(page, server.baseURL, 'officer')
    await page.goto(server.baseURL + '/reporting/entry')
    await page.getByTestId('page-title').getByText('事后录入', { exact: true }).waitFor()
    const input = (id) => page.getByTestId(`field-${id}`).locator('input, textarea').first()
    await input('case_no').fill('案情〔2026〕31号')
    await input('officers').fill('37020200001 37020200002')
    await input('filed_on').fill('2026-03-02')
    await input('decided_on').fill('2026-03-20')
    await input('closed_on').fill('2026-03-30')
    await input('cause').fill(SUBSTANCE_TEXT.cause)
    await input('facts').fill(SUBSTANCE_TEXT.facts)
    await input('penalty_basis').fill(`${SUBSTANCE_TEXT.law} ${SUBSTANCE_TEXT.penalty}`)
    await page.getByTestId('evidence-add').click()
    const row = page.getByTestId('evidence-row').first()
    await row.locator('input').first().fill('询问笔录')
    await row.locator('.el-select').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '当事人的陈述' }).click()
    await page.getByTestId('field-agency').getByText('市南区市场监督管理局').waitFor()
    await page.getByTestId('entry-submit').click()
    await page.getByTestId('entry-result').waitFor()
    await page.goto(server.baseURL + '/cases/detail/' + encodeURIComponent('案情〔2026〕31号'))
    const card = page.getByTestId('case-substance')
    await card.getByTestId('sv-evidence-item').first().waitFor()
    assert.equal(await card.getByTestId('sv-cause').innerText(), SUBSTANCE_TEXT.cause)
    assert.match(await card.getByTestId('sv-evidence-item').first().innerText(), /询问笔录[\s\S]*当事人的陈述/)
    assert.match(await card.getByTestId('sv-penalty-basis').innerText(), /《中华人民共和国食品安全法》第一百二十四条第一款第（五）项/)
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
