// A complaint's whole loop through the browser against the real binary (issue 15, docs/leads.md):
// a citizen files a complaint on the portal (the page solves the proof-of-work itself) and keeps
// the tracking code; a supervisor finds it on 线索受理, accepts it and dispatches it to the market
// agency of 市南区; the agency head answers it; the supervisor verifies the answer and closes the
// lead with a reply; the citizen enters the code on /portal/track and reads 已办结 and the reply.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, addUser } from './lib/server.mjs'
import { launchBrowser, openPage, pageShot } from './lib/browser.mjs'

const AGENCY = { code: '113702021588139920', name: '青岛市市南区市场监督管理局' }
const CONTENT = '市南区某超市长期销售临期食品不标注，投诉后无人处理，请监督机关督促查处。'
const ANSWER = '经现场检查，该超市确有临期食品未集中陈列标示，已责令立即改正并立案调查。'
const REPLY = '您投诉的超市临期食品问题已由市场监管部门查处，责令改正并立案调查。感谢您的监督。'
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/

let server
let browser
let code
let leadId

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  addUser(server, { username: 'loop.sup', role: 'supervisor', region: '370200', displayName: '投诉监督员' })
  addUser(server, { username: 'loop.head', role: 'agency_head', agency: AGENCY.code, displayName: '市场局负责人' })
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

async function settle (page) {
  await page.locator('.el-loading-mask:visible').first().waitFor({ state: 'hidden' }).catch(() => {})
}

// Opens the act's dialog, fills its note, submits, waits for the new status.
async function act (page, action, note, statusName) {
  await page.getByTestId(`act-${action}`).click()
  const dialog = page.locator('.el-dialog:visible')
  await dialog.waitFor()
  if (note) await dialog.getByTestId('act-note').fill(note)
  await dialog.getByTestId('act-submit').click()
  await dialog.waitFor({ state: 'hidden' })
  await settle(page)
  await page.getByTestId('lead-status').getByText(statusName).waitFor()
}

test('a citizen files a complaint on the portal and keeps the tracking code', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await page.goto(server.baseURL + '/portal/complaint')
    await page.getByRole('heading', { name: '投诉举报' }).waitFor()
    await page.getByTestId('content').fill(CONTENT)
    await page.getByTestId('agency').click()
    await page.keyboard.type('市南区市场')
    await page.locator('.el-select-dropdown__item:visible', { hasText: AGENCY.name }).first().click()
    await page.getByTestId('name').fill('李建国')
    await page.getByTestId('phone').fill('13912345678')
    await page.getByTestId('submit').click()
    code = (await page.getByTestId('tracking-code').innerText({ timeout: 30000 })).trim()
    assert.match(code, CODE)
    await pageShot(page, 'loop-complaint-filed')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the supervisor finds it on 线索受理, accepts it and dispatches it to the market agency', async () => {
  assert.ok(code, 'filed first')
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'loop.sup')
    await page.goto(server.baseURL + '/supervision/leads?source=complaint&status=received')
    await page.getByTestId('page-title').getByText('线索受理').waitFor()
    const row = page.getByTestId('lead-table').locator('.el-table__row').filter({ hasText: CONTENT.slice(0, 12) })
    await row.waitFor()
    assert.equal((await row.getByTestId('lead-source').innerText()).trim(), '群众投诉')
    await row.getByTestId('lead-link').click()
    await page.waitForURL(/\/supervision\/leads\/\d+$/)
    leadId = new URL(page.url()).pathname.split('/').pop()
    await page.getByTestId('lead-status').getByText('待分办').waitFor()
    assert.equal((await page.getByTestId('lead-source-ref').innerText()).trim(), code, 'the tracking code is the source number')
    assert.match(await page.getByTestId('lead-agency').innerText(), new RegExp(AGENCY.name))
    assert.equal((await page.getByTestId('lead-reporter-name').innerText()).trim(), '李建国')

    await act(page, 'accept', '', '已受理')
    await page.getByTestId('act-dispatch').click()
    const dialog = page.locator('.el-dialog:visible')
    await dialog.waitFor()
    assert.match(await dialog.getByTestId('act-agency').innerText(), new RegExp(AGENCY.name))
    assert.equal(await dialog.getByTestId('act-deadline').locator('input').inputValue(), '10', '群众投诉: 10 working days')
    await dialog.getByTestId('act-note').fill('请核查投诉反映的临期食品问题并答复。')
    await dialog.getByTestId('act-submit').click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByTestId('lead-status').getByText('已转办').waitFor()
    await pageShot(page, 'loop-dispatched')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the agency head answers the complaint', async () => {
  assert.ok(leadId, 'dispatched first')
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'loop.head')
    await page.goto(server.baseURL + `/supervision/leads/${leadId}`)
    await page.getByTestId('lead-status').getByText('已转办').waitFor()
    const form = page.getByTestId('lead-answer-form')
    await form.getByTestId('answer-note').fill(ANSWER)
    await form.getByTestId('answer-submit').click()
    await page.getByTestId('lead-status').getByText('已答复').waitFor()
    await page.getByTestId('lead-answer').getByText('已责令立即改正').waitFor()
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the supervisor verifies and closes it with a reply; the citizen reads 已办结 and the reply', async () => {
  assert.ok(leadId, 'answered first')
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'loop.sup')
    await page.goto(server.baseURL + `/supervision/leads/${leadId}`)
    await page.getByTestId('lead-status').getByText('已答复').waitFor()
    await act(page, 'verify', '电话回访投诉人，答复属实。', '已核实')
    await act(page, 'close', REPLY, '已办结')
    await page.getByTestId('lead-reply').getByText('感谢您的监督').waitFor()
    await pageShot(page, 'loop-closed')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }

  const citizen = await openPage(browser, { viewport: { width: 390, height: 844 } })
  try {
    const { page } = citizen
    await page.goto(server.baseURL + '/portal/track')
    await page.getByTestId('track-code').fill(code)
    await page.getByTestId('track-submit').click()
    await page.getByTestId('track-result').waitFor()
    assert.equal((await page.getByTestId('track-status').innerText()).trim(), '已办结')
    const text = await page.getByTestId('track-result').innerText()
    assert.ok(text.includes(REPLY), `the reply is shown: ${text}`)
    assert.doesNotMatch(text, /13912345678|李建国|回访投诉人/, 'nothing personal, nor the verification')
    assert.ok(!text.includes(ANSWER), 'the agency\'s own answer stays inside')
    await pageShot(page, 'loop-track-closed')
    assert.deepEqual(citizen.errors, [])
  } finally {
    await citizen.context.close()
  }
})
