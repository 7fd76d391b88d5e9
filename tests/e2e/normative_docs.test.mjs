// 规范性文件备案审查 (issue 25) through the console and the portal, against the real binary: an
// issuer files a document, the four reviewers (承办人初审、处长复审、分管副主任复核、主任终审) each
// record 建议修改 and the director concludes it, the issuer files the revision, the clerk registers
// and publishes it, and anyone finds it on the portal's register by a 2-character term.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, addUser } from './lib/server.mjs'
import { launchBrowser, openPage, screenshot } from './lib/browser.mjs'

const A1 = '113702021588139920' // 市南区市场监督管理局
const TITLE = '关于规范共享单车停放秩序的通知'
const DOC_NO = '南市监规〔2026〕9号'
const day = (n) => new Date(Date.now() + 8 * 3600000 + n * 86400000).toISOString().slice(0, 10)

let server
let browser

before(async () => {
  server = await startServer()
  addUser(server, { username: 'nd_issuer', role: 'agency_head', agency: A1 })
  for (const role of ['norm_clerk', 'norm_chief', 'norm_deputy', 'norm_director']) addUser(server, { username: `nd_${role}`, role, region: '370200' })
  browser = await launchBrowser()
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

// An input by its test id, whether the id sits on the input or on its wrapper.
const input = (page, id) => page.locator(`input[data-testid=${id}], [data-testid=${id}] input, textarea[data-testid=${id}], [data-testid=${id}] textarea`).first()
// A date picker by its form item's label.
const dateInput = (page, label) => page.getByTestId('nd-file-form').locator('.el-form-item').filter({ hasText: label }).locator('input').first()
async function fillDates (page, dates) {
  for (const [label, d] of dates) {
    await dateInput(page, label).fill(d)
    await dateInput(page, label).press('Enter')
  }
}

async function as (username, fn) {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, username)
    await fn(page)
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
}

async function fileForm (page, text) {
  await page.goto(server.baseURL + '/normative/mine')
  await page.getByTestId('page-title').getByText('文件报备', { exact: true }).waitFor()
  await input(page, 'nd-file-title').fill(TITLE)
  await input(page, 'nd-file-doc-no').fill(DOC_NO)
  await fillDates(page, [['签发日期', day(-2)], ['公布日期', day(-1)], ['施行日期', day(30)]])
  await input(page, 'nd-file-text').fill(text)
  await page.getByTestId('nd-file-submit').click()
  await page.locator('.el-message--success').filter({ hasText: '已报送' }).waitFor()
}

async function openFirst (page, tableId, rowText, buttonId) {
  const row = page.getByTestId(tableId).locator('.el-table__body-wrapper .el-table__row').filter({ hasText: rowText }).first()
  await row.waitFor()
  await row.getByTestId(buttonId).click()
}

test('filed, reviewed through four steps to 建议修改, revised, registered, published and found on the portal', async () => {
  await as('nd_issuer', (page) => fileForm(page, '第一条 共享单车应当在划定区域停放。\n第二条 违者处五千元罚款。'))

  await as('nd_norm_clerk', async (page) => {
    await page.goto(server.baseURL + '/normative/registry')
    await openFirst(page, 'nd-table', TITLE, 'nd-open')
    await page.getByTestId('nd-register').click()
    await page.getByTestId('nd-reg-no').getByText(/规备〔\d{4}〕\d+号/).waitFor()
  })

  const steps = [['nd_norm_clerk', '承办人初审'], ['nd_norm_chief', '处长复审'], ['nd_norm_deputy', '分管副主任复核'], ['nd_norm_director', '主任终审']]
  for (const [user, step] of steps) {
    await as(user, async (page) => {
      await page.goto(server.baseURL + '/normative/review')
      await openFirst(page, 'nd-review-table', TITLE, 'nd-review-open')
      await input(page, 'nd-review-opinion').fill(`${step}：第二条设定罚款超越权限，建议修改`)
      await page.getByTestId('nd-outcome-amend').click()
      await page.getByTestId('nd-review-submit').click()
      await page.locator('.el-message--success').filter({ hasText: '已提交' }).waitFor()
    })
  }
  await as('nd_norm_director', async (page) => {
    await page.goto(server.baseURL + '/normative/review')
    await openFirst(page, 'nd-review-table', TITLE, 'nd-review-open')
    await input(page, 'nd-review-opinion').fill('规范性文件不得设定罚款，建议删除第二条')
    await page.getByTestId('nd-outcome-amend').click()
    await screenshot(page, 'normative-conclude')
    await page.getByTestId('nd-conclude').click()
    await page.locator('.el-message--success').filter({ hasText: '已提交' }).waitFor()
  })

  await as('nd_issuer', async (page) => {
    await page.goto(server.baseURL + '/normative/mine')
    const row = page.getByTestId('nd-mine-table').locator('.el-table__row').filter({ hasText: '建议修改' })
    await row.waitFor()
    await row.getByTestId('nd-revise').click()
    await fillDates(page, [['签发日期', day(-1)], ['公布日期', day(0)], ['施行日期', day(31)]])
    await input(page, 'nd-file-text').fill('第一条 共享单车应当在划定区域停放。')
    await page.getByTestId('nd-file-submit').click()
    await page.locator('.el-message--success').filter({ hasText: '已报送' }).waitFor()
  })

  await as('nd_norm_clerk', async (page) => {
    await page.goto(server.baseURL + '/normative/registry')
    await openFirst(page, 'nd-table', '已报备待登记', 'nd-open')
    await page.getByTestId('nd-register').click()
    await page.getByTestId('nd-reg-no').getByText(/规备〔\d{4}〕\d+号/).waitFor()
    await page.getByTestId('nd-publish').click()
    await page.getByTestId('nd-drawer').getByText('有效', { exact: true }).waitFor()
  })

  const { context, page, errors } = await openPage(browser)
  try {
    await page.goto(server.baseURL + '/portal/normative')
    await input(page, 'portal-nd-q').fill('单车')
    await page.getByTestId('portal-nd-search').click()
    const items = page.getByTestId('portal-nd-item')
    await items.first().waitFor()
    assert.equal(await items.count(), 1)
    assert.equal((await items.first().getByTestId('portal-nd-title').innerText()).trim(), TITLE)
    assert.match(await items.first().innerText(), /有效/)
    await screenshot(page, 'portal-normative')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the full text as a .txt file is read into the document; the clerk ticks 会议纪要 and declines it', async () => {
  const MINUTES = '局务会议纪要（第5次）'
  await as('nd_issuer', async (page) => {
    await page.goto(server.baseURL + '/normative/mine')
    await page.getByTestId('page-title').getByText('文件报备', { exact: true }).waitFor()
    await input(page, 'nd-file-title').fill(MINUTES)
    await input(page, 'nd-file-doc-no').fill('南市监纪〔2026〕5号')
    await fillDates(page, [['签发日期', day(-2)], ['公布日期', day(-1)], ['施行日期', day(30)]])
    await page.getByTestId('nd-file-upload').setInputFiles({ name: '纪要.txt', mimeType: 'text/plain', buffer: Buffer.from('会议研究了年度执法检查安排。\n') })
    await page.getByTestId('nd-file-submit').click()
    await page.locator('.el-message--success').filter({ hasText: '已报送' }).waitFor()
  })
  await as('nd_norm_clerk', async (page) => {
    await page.goto(server.baseURL + '/normative/registry')
    await openFirst(page, 'nd-table', MINUTES, 'nd-open')
    const drawer = page.getByTestId('nd-drawer')
    await drawer.getByTestId('nd-file-link').getByText('纪要.txt').waitFor()
    await drawer.getByText('会议研究了年度执法检查安排。').waitFor()
    await drawer.getByTestId('nd-decline-items').getByText('会议纪要', { exact: true }).click()
    await input(page, 'nd-opinion').fill('系内部会议纪要，不属于规范性文件')
    await page.getByTestId('nd-decline-btn').click()
    await drawer.getByTestId('nd-status').getByText('不予登记').waitFor()
    await drawer.getByTestId('nd-decline').getByText(/会议纪要：系内部会议纪要/).waitFor()
    await screenshot(page, 'normative-declined')
  })
})
