// 行政复议 end to end through the browser against the real binary (issue 24): an applicant applies on
// the portal (the page solves the proof-of-work itself); the 复议机构's officer asks for a correction,
// records its arrival, accepts and sends the copy; the respondent agency answers on 复议答复 with its
// evidence; the officer holds the hearing and decides; the applicant reads the decision on the track page.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, addUser } from './lib/server.mjs'
import { launchBrowser, openPage } from './lib/browser.mjs'

const AGENCY = { code: '113702021588139920', name: '青岛市市南区市场监督管理局' }
const ID_NO = '370202198001010011'
const PHONE = '13912345678'
const day = (offset) => new Date(Date.now() + 8 * 3600000 + offset * 86400000).toISOString().slice(0, 10)

let server
let browser

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  addUser(server, { username: 'recon.clerk', role: 'reconsideration_officer', region: '370200', displayName: '复议承办人' })
  addUser(server, { username: 'recon.agency', role: 'agency_head', agency: AGENCY.code, displayName: '市场局负责人' })
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

async function settle (page) {
  await page.locator('.el-loading-mask:visible').first().waitFor({ state: 'hidden' }).catch(() => {})
}

const dateInput = (page, id) => page.locator(`[data-testid=${id}] input, input[data-testid=${id}]`).first()
async function pickDate (page, id, value) {
  await dateInput(page, id).fill(value)
  await dateInput(page, id).press('Enter')
}

// Opens a step's dialog, fills it, confirms, waits for the status the step leads to.
async function step (page, action, fill, statusName) {
  await page.getByTestId(`recon-act-${action}`).click()
  const dialog = page.locator('.el-dialog:visible')
  await dialog.waitFor()
  if (fill) await fill(dialog)
  await dialog.getByTestId('recon-confirm').click()
  await dialog.waitFor({ state: 'hidden' })
  await settle(page)
  await page.getByTestId('recon-status').getByText(statusName, { exact: true }).waitFor()
}

async function chooseOption (page, dialog, testid, text) {
  await dialog.getByTestId(testid).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
}

test('portal application → correction → accepted → the agency answers → hearing → decision → the applicant reads it', async () => {
  // the applicant, on the portal
  const applicant = await openPage(browser)
  const p = applicant.page
  await p.goto(server.baseURL + '/portal/reconsideration')
  await p.getByTestId('apply-name').fill('张三')
  await p.getByTestId('apply-id-no').fill(ID_NO)
  await p.getByTestId('apply-phone').fill(PHONE)
  await p.getByTestId('apply-respondent').click()
  await p.keyboard.type('市南区市场')
  await p.locator('.el-select-dropdown__item:visible', { hasText: AGENCY.name }).first().click()
  await p.getByTestId('apply-doc-no').fill('南市监罚〔2026〕9号')
  await pickDate(p, 'apply-decided-on', day(-20))
  await pickDate(p, 'apply-known-on', day(-15))
  await p.getByTestId('apply-request').fill('撤销被申请人作出的行政处罚决定')
  await p.getByTestId('apply-facts').fill('被申请人认定事实不清，未听取申请人的陈述和申辩。')
  await p.getByTestId('apply-submit').click()
  await p.getByTestId('recon-apply-done').waitFor({ timeout: 60000 })
  const caseNo = (await p.getByTestId('recon-case-no').innerText()).trim()
  assert.match(caseNo, /复〔\d{4}〕\d+号$/)
  // with his ID copy (第二十二条: 申请书及有关材料), uploaded from the same page
  await p.getByTestId('material-file').setInputFiles({
    name: '身份证.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n')
  })
  await p.getByTestId('material-sent').getByText('身份证.pdf').waitFor()

  // the 复议机构: correction, its arrival, acceptance, the copy
  const staff = await openPage(browser)
  const s = staff.page
  await login(s, server.baseURL, 'recon.clerk')
  await s.goto(server.baseURL + '/reconsideration/cases')
  await settle(s)
  await s.getByTestId('recon-link').getByText(caseNo).click()
  await s.getByTestId('recon-detail').waitFor()
  await s.getByTestId('recon-file').getByText('身份证.pdf').waitFor() // the applicant's material, on the case page
  await step(s, 'notice_correction', (d) => d.getByTestId('recon-items').fill('行政处罚决定书复印件\n身份证复印件'), '补正中')
  await step(s, 'correction_received', null, '审查中')
  await step(s, 'accept', null, '已受理')
  assert.equal(await s.getByTestId('deadline-copy_due_on').innerText() !== '—', true)
  await step(s, 'send_copy', null, '待答复')

  // the respondent agency answers on 复议答复
  const agency = await openPage(browser)
  const a = agency.page
  await login(a, server.baseURL, 'recon.agency')
  await a.goto(server.baseURL + '/cases/reconsiderations')
  await settle(a)
  await a.getByTestId('recon-link').getByText(caseNo).click()
  await a.getByTestId('recon-detail').waitFor()
  await a.getByTestId('recon-file-input').setInputFiles({
    name: '处罚案卷.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n')
  })
  await a.getByTestId('recon-file').getByText('处罚案卷.pdf').waitFor()
  await step(a, 'answer', (d) => d.getByTestId('recon-note').fill('被申请人认为原处罚决定认定事实清楚，证据确凿。'), '审理中')

  // the hearing and the decision
  await s.reload()
  await s.getByTestId('recon-detail').waitFor()
  await settle(s)
  await step(s, 'hearing', (d) => d.getByTestId('recon-note').fill('听证会于复议机构举行，双方到场陈述。'), '审理中')
  await step(s, 'decide', async (d) => {
    await chooseOption(s, d, 'recon-outcome-select', '撤销')
    await d.getByTestId('recon-note').fill('原处罚决定未听取陈述申辩，程序违法。')
  }, '已作出决定')
  await s.getByTestId('recon-timeline').getByText('听证').first().waitFor()

  // the applicant reads it
  await p.goto(server.baseURL + '/portal/reconsideration/track')
  await p.getByTestId('track-case-no').fill(caseNo)
  await p.getByTestId('track-id-no').fill(ID_NO)
  await p.getByTestId('track-phone').fill(PHONE)
  await p.getByTestId('track-submit').click()
  await p.getByTestId('track-decision').waitFor()
  assert.match(await p.getByTestId('track-decision').innerText(), /撤销/)
  assert.equal((await p.getByTestId('track-status').innerText()).trim(), '已作出决定')
  for (const ctx of [applicant, staff, agency]) {
    assert.deepEqual(ctx.errors, [])
    await ctx.context.close()
  }
})
