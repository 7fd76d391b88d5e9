// 线索中心 end to end against the real binary (issue 15, docs/leads.md): a supervisor enters a 信访
// lead about the market agency of 市南区, accepts it and dispatches it; the agency head, on a
// 390-px phone, finds it in his inbox's 转办线索 tab and answers it on the lead's page; the
// supervisor verifies the answer and closes the lead with a reply for the complainant. Another
// lead is turned into a supervision order (转督办) and the order's page opens.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, addUser } from './lib/server.mjs'
import { launchBrowser, openPage, screenshot, pageShot } from './lib/browser.mjs'

// demo.jsonl: the market agency of 市南区 (370202), inside the supervisor's 青岛市 (370200).
const AGENCY = { code: '113702021588139920', name: '青岛市市南区市场监督管理局' }
const PHONE = { width: 390, height: 844 }
const REPORTER = { name: '王秀兰', phone: '13853267788' }
const CONTENT = '反映市南区某农贸市场摊位被市场监管执法人员查扣电子秤，未出具扣押决定书，也未告知申辩权利。'

let server
let browser

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  addUser(server, { username: 'e2e.sup', role: 'supervisor', region: '370200', displayName: '线索监督员' })
  addUser(server, { username: 'e2e.head', role: 'agency_head', agency: AGENCY.code, displayName: '市场局负责人' })
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

async function settle (page) {
  await page.locator('.el-loading-mask:visible').first().waitFor({ state: 'hidden' }).catch(() => {})
}

const status = async (page) => (await page.getByTestId('lead-status').first().innerText()).trim()

// Opens the act's dialog, lets fill() complete it, submits, and waits for the dialog to close.
async function act (page, action, fill = async () => {}) {
  await page.getByTestId(`act-${action}`).click()
  const dialog = page.locator('.el-dialog:visible')
  await dialog.waitFor()
  await fill(dialog)
  await dialog.getByTestId('act-submit').click()
  await dialog.waitFor({ state: 'hidden' })
  await settle(page)
}

// Picks an option of a remote el-select by typing part of its name.
async function pickRemote (page, select, typed, option) {
  await select.click()
  await select.locator('input').pressSequentially(typed)
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click()
}

// Enters a lead through 新增线索 and lands on its page; → its id.
async function enterLead (page, { source, content, reporter }) {
  await page.goto(server.baseURL + '/supervision/leads')
  await page.getByTestId('page-title').getByText('线索受理').waitFor()
  await page.getByTestId('lead-new').click()
  const drawer = page.locator('.el-drawer:visible')
  await drawer.getByTestId('lead-form').waitFor()
  if (source) {
    await drawer.getByTestId('lf-source').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: source }).first().click()
  }
  await pickRemote(page, drawer.getByTestId('lf-agency'), '市南区市场', AGENCY.name)
  await drawer.getByTestId('lf-content').fill(content)
  if (reporter) {
    await drawer.getByTestId('lf-reporter-name').fill(reporter.name)
    await drawer.getByTestId('lf-reporter-phone').fill(reporter.phone)
  }
  return drawer
}

async function saveLead (page, drawer) {
  await drawer.getByTestId('lf-save').click()
  await page.waitForURL(/\/supervision\/leads\/\d+$/)
  await page.getByTestId('lead-status').waitFor()
  return new URL(page.url()).pathname.split('/').pop()
}

let leadId

test('a supervisor enters a 信访 lead, accepts it and dispatches it to the market agency of 市南区', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'e2e.sup')
    const drawer = await enterLead(page, { content: '', reporter: REPORTER })
    // Inline validation: no content yet.
    await drawer.getByTestId('lf-save').click()
    await drawer.locator('.el-form-item__error').filter({ hasText: '请填写反映内容' }).waitFor()
    await drawer.getByTestId('lf-content').fill(CONTENT)
    await drawer.getByTestId('lf-source-ref').fill('XF-2026-0415')
    assert.match(await drawer.getByTestId('lf-source').innerText(), /信访/)
    await pageShot(page, 'leads-new-drawer')
    leadId = await saveLead(page, drawer)

    assert.equal(await status(page), '待分办')
    assert.equal((await page.getByTestId('lead-source').innerText()).trim(), '信访')
    assert.equal((await page.getByTestId('lead-source-ref').innerText()).trim(), 'XF-2026-0415')
    // The lead's page shows the reporter whole.
    assert.equal((await page.getByTestId('lead-reporter-name').innerText()).trim(), REPORTER.name)
    assert.equal((await page.getByTestId('lead-reporter-phone').innerText()).trim(), REPORTER.phone)
    assert.match(await page.getByTestId('lead-agency').innerText(), new RegExp(AGENCY.name))

    await act(page, 'accept')
    await page.getByTestId('lead-status').getByText('已受理').waitFor()

    // 转办: the lead's agency and the source's period are proposed.
    await page.getByTestId('act-dispatch').click()
    const dialog = page.locator('.el-dialog:visible')
    await dialog.waitFor()
    assert.match(await dialog.getByTestId('act-agency').innerText(), new RegExp(AGENCY.name))
    assert.equal(await dialog.getByTestId('act-deadline').locator('input').inputValue(), '15')
    assert.match(await dialog.getByTestId('act-deadline-default').innerText(), /信访默认 15 个工作日/)
    await dialog.getByTestId('act-note').fill('请核查执法人员扣押电子秤是否依法出具决定书、告知权利，并答复。')
    await screenshot(page, 'leads-dispatch-dialog')
    await dialog.getByTestId('act-submit').click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByTestId('lead-status').getByText('已转办').waitFor()
    const due = page.getByTestId('order-due').first()
    await due.waitFor()
    assert.match(await due.getAttribute('data-colour'), /^(green|yellow)$/, 'a fresh period is green (or yellow)')
    await pageShot(page, 'leads-detail-dispatched')

    // The board: the lead with its tags and the reporter masked.
    await page.goto(server.baseURL + '/supervision/leads?status=dispatched')
    const row = page.getByTestId('lead-table').locator('.el-table__row').filter({ hasText: CONTENT.slice(0, 12) })
    await row.waitFor()
    assert.equal((await row.getByTestId('lead-status').innerText()).trim(), '已转办')
    assert.equal((await row.getByTestId('lead-source').innerText()).trim(), '信访')
    const masked = await row.getByTestId('lead-reporter').innerText()
    assert.ok(!masked.includes(REPORTER.phone) && !masked.includes(REPORTER.name), `the reporter masked in the list (${masked})`)
    await pageShot(page, 'leads-board')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the agency head, on a phone, finds the lead in 转办线索 and answers it', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: PHONE })
  try {
    await login(page, server.baseURL, 'e2e.head')
    const badge = page.getByTestId('order-badge')
    await badge.locator('.el-badge__content').waitFor()
    const count = Number((await badge.locator('.el-badge__content').innerText()).trim())
    assert.ok(count >= 1, `the badge counts the waiting lead (${count})`)
    await badge.click()
    await page.waitForURL(/\/cases\/orders/)
    await page.getByTestId('inbox-tab-leads').click()
    const card = page.locator(`[data-testid=lead-row][data-id="${leadId}"]`)
    await card.waitFor()
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) <= 1, 'the inbox fits 390 px')
    await pageShot(page, 'leads-agency-phone-inbox')
    await card.click()
    await page.waitForURL(new RegExp(`/supervision/leads/${leadId}$`))
    assert.equal(await status(page), '已转办')
    assert.equal(await page.getByTestId('act-verify').count(), 0, 'the agency does not verify')
    assert.equal(await page.getByTestId('act-dispatch').count(), 0, 'nor dispatch')

    const form = page.getByTestId('lead-answer-form')
    await form.getByTestId('answer-submit').click()
    await form.locator('.el-form-item__error').filter({ hasText: '请填写核查情况与处理结果' }).waitFor()
    await form.getByTestId('answer-note').fill('经核查，执法人员扣押电子秤时未当场出具扣押决定书，已责令补正并退还电子秤，对相关人员批评教育。')
    await pageShot(page, 'leads-agency-phone-answer')
    await form.getByTestId('answer-submit').click()
    await page.getByTestId('lead-status').getByText('已答复').waitFor()
    await page.getByTestId('lead-answer').getByText('已责令补正并退还电子秤').waitFor()
    assert.equal(await page.getByTestId('lead-answer-form').count(), 0, 'answered once')
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `no horizontal scrolling at 390 px (${overflow} px)`)
    await pageShot(page, 'leads-agency-phone-answered')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the supervisor verifies the answer and closes the lead with a reply for the complainant', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'e2e.sup')
    await page.goto(server.baseURL + `/supervision/leads/${leadId}`)
    await page.getByTestId('lead-status').getByText('已答复').waitFor()
    await act(page, 'verify', async (dialog) => {
      await dialog.getByTestId('act-submit').click()
      await dialog.locator('.el-form-item__error').filter({ hasText: '请填写核实情况' }).waitFor()
      await dialog.getByTestId('act-note').fill('电话回访反映人，电子秤已退还，答复属实。')
    })
    await page.getByTestId('lead-status').getByText('已核实').waitFor()
    await act(page, 'close', async (dialog) => {
      await dialog.getByTestId('act-note').fill('您反映的问题已核实，执法机关已补正扣押手续并退还物品。感谢您的监督。')
      await screenshot(page, 'leads-close-dialog')
    })
    await page.getByTestId('lead-status').getByText('已办结').waitFor()
    assert.equal(await page.getByTestId('lead-actions').locator('[data-testid^=act-]').count(), 0, 'no acts left')
    await page.getByTestId('lead-timeline').getByText('感谢您的监督').waitFor()
    await pageShot(page, 'leads-detail-closed')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('another lead is turned into a supervision order (转督办) and the order page opens', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'e2e.sup')
    const content = '特邀监督员反映：市南区市场监管局近半年多起罚款案件未按规定公示处罚决定。'
    const drawer = await enterLead(page, { source: '其他', content })
    const id = await saveLead(page, drawer)

    // 不予受理 needs its reason.
    await page.getByTestId('act-reject').click()
    const reject = page.locator('.el-dialog:visible')
    await reject.getByTestId('act-submit').click()
    await reject.locator('.el-form-item__error').filter({ hasText: '请选择不予受理的理由' }).waitFor()
    await reject.getByTestId('act-reason-duplicate').click()
    await reject.getByTestId('act-duplicate').waitFor()
    await screenshot(page, 'leads-reject-dialog')
    await reject.getByRole('button', { name: '取消' }).click()
    await reject.waitFor({ state: 'hidden' })

    await act(page, 'accept')
    await page.getByTestId('lead-status').getByText('已受理').waitFor()
    await page.getByTestId('act-to_order').click()
    const od = page.locator('.el-drawer:visible')
    await od.getByTestId('order-form').waitFor()
    assert.match(await od.getByTestId('of-agency').innerText(), new RegExp(AGENCY.name))
    assert.match(await od.getByTestId('of-problem').inputValue(), /未按规定公示处罚决定/)
    await od.getByTestId('of-lead-hint').waitFor()
    await od.getByTestId('of-problem').fill('市南区市场监管局近半年多起罚款案件未按规定公示处罚决定（特邀监督员反映）。')
    await od.getByTestId('of-measures').fill('对近半年的处罚决定逐件核查，依法公示，并报送整改情况。')
    await pageShot(page, 'leads-to-order-drawer')
    await od.getByTestId('of-save').click()
    await page.waitForURL(/\/supervision\/orders\/\d+$/)
    const orderId = new URL(page.url()).pathname.split('/').pop()
    await page.getByTestId('order-status').waitFor()
    assert.match(await page.getByTestId('order-problem').innerText(), /未按规定公示处罚决定/)
    assert.match(await page.locator('body').innerText(), /依法公示，并报送整改情况/, 'the measures went with the lead\'s order')
    await pageShot(page, 'leads-order-opened')

    await page.goto(server.baseURL + `/supervision/leads/${id}`)
    await page.getByTestId('lead-status').getByText('已转督办').waitFor()
    assert.match(await page.getByTestId('lead-order-link').getAttribute('href'), new RegExp(`/supervision/orders/${orderId}$`))
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
