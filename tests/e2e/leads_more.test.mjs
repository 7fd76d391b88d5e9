// 线索受理's helpers end to end (issue 15, docs/leads.md, docs/hotline.md): a lead alike to one entered
// days before is proposed as its duplicate and rejected in one click; a lead naming a party of the
// agency's case is offered that case and linked to it; the 12345 platform's file is imported on the
// board, with its counts and the refused line shown.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer, login, addUser } from './lib/server.mjs'
import { launchBrowser, openPage, pageShot } from './lib/browser.mjs'

const AGENCY = { code: '113702021588139920', name: '青岛市市南区市场监督管理局' }
const OTHER = '11370203869879736T' // 市北区交通运输局: outside 市南's supervisor

let server
let browser

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  addUser(server, { username: 'more.sup', role: 'supervisor', region: '370202', displayName: '市南监督员' })
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

async function pickRemote (page, select, typed, option) {
  await select.click()
  await select.locator('input').pressSequentially(typed)
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click()
}

// 新增线索 about the market agency of 市南区 → the new lead's id (its page open).
async function enterLead (page, content) {
  await page.goto(server.baseURL + '/supervision/leads')
  await page.getByTestId('lead-new').click()
  const drawer = page.locator('.el-drawer:visible')
  await drawer.getByTestId('lead-form').waitFor()
  await pickRemote(page, drawer.getByTestId('lf-agency'), '市南区市场', AGENCY.name)
  await drawer.getByTestId('lf-content').fill(content)
  await drawer.getByTestId('lf-save').click()
  await page.waitForURL(/\/supervision\/leads\/\d+$/)
  await page.getByTestId('lead-status').waitFor()
  return new URL(page.url()).pathname.split('/').pop()
}

test('a lead alike to an earlier one is proposed as its duplicate and rejected in one click', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'more.sup')
    const first = await enterLead(page, '反映香港中路某药店销售假冒保健品，市场监管部门接到举报后未查处。')
    const second = await enterLead(page, '香港中路某药店销售假冒保健品，举报后市场监管部门一直未查处！')
    assert.notEqual(first, second)
    await page.getByTestId('page-title').getByText(`线索 #${second}`).waitFor()
    const row = page.locator(`[data-testid=lead-similar-row][data-id="${first}"]`)
    await row.waitFor()
    assert.match(await row.getByTestId('lead-similar-score').innerText(), /相似度 \d+%/)
    await pageShot(page, 'leads-similar')
    await row.getByTestId('lead-similar-reject').click()
    await page.getByTestId('lead-status').getByText('已办结').waitFor()
    assert.equal((await page.getByTestId('lead-duplicate').innerText()).trim(), `线索 #${first}`)
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('a lead naming a party of the agency\'s case is offered that case and linked to it', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'more.sup')
    const found = await page.evaluate(async (agency) => {
      const r = await fetch(`/api/v1/cases?agency=${agency}&size=50`)
      return (await r.json()).items.find((c) => c.party_name && c.party_name.length >= 2)
    }, AGENCY.code)
    assert.ok(found, 'the demo has a case of the agency with a named party')
    await enterLead(page, `反映${found.party_name}被处罚后，执法人员多次上门要求其另行缴纳费用。`)
    const card = page.getByTestId('lead-case-link')
    const candidate = card.locator('[data-testid=lead-case-candidate]').filter({ hasText: found.case_no })
    await candidate.waitFor()
    await pageShot(page, 'leads-case-candidates')
    await candidate.getByTestId('lead-case-candidate-link').click()
    await page.getByTestId('lead-case').getByText(found.case_no).waitFor()
    await page.getByTestId('lead-timeline').getByText('关联案件').first().waitFor()
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the 12345 file is imported on 线索受理 with its counts and the refused line', async () => {
  const day = new Date(Date.now() + 8 * 3600e3 - 86400e3).toISOString().slice(0, 10)
  const order = (no, agency) => JSON.stringify({
    order_no: no, received_at: `${day} 10:00:00`, content: `市民反映：${no} 工单所述商户无照经营，请核查。`,
    agency, category: '市场监管', reporter: { name: '赵六', phone: '13700000000' }
  })
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'zf-hotline-')), '12345.jsonl')
  writeFileSync(file, [order('E2E-HF-1', AGENCY.code), order('E2E-HF-2', AGENCY.code), order('E2E-HF-3', OTHER)].join('\n') + '\n')
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'more.sup')
    await page.goto(server.baseURL + '/supervision/leads')
    await page.getByTestId('lead-hotline-import').click()
    const dialog = page.locator('.el-dialog:visible')
    await dialog.waitFor()
    await dialog.locator('input[type=file]').setInputFiles(file)
    await dialog.getByTestId('hotline-file-name').getByText('12345.jsonl').waitFor()
    await dialog.getByTestId('hotline-submit').click()
    await dialog.getByTestId('hotline-result').waitFor()
    assert.equal((await dialog.getByTestId('hotline-received').innerText()).trim(), '3')
    assert.equal((await dialog.getByTestId('hotline-created').innerText()).trim(), '2')
    assert.equal((await dialog.getByTestId('hotline-duplicates').innerText()).trim(), '0')
    const errorsTable = dialog.getByTestId('hotline-errors')
    await errorsTable.getByText('承办执法主体不在您所辖区域内').waitFor()
    assert.match(await errorsTable.innerText(), /\b3\b/)
    await pageShot(page, 'leads-hotline-import')
    await dialog.getByRole('button', { name: '关闭', exact: true }).click()
    const row = page.getByTestId('lead-table').locator('.el-table__row').filter({ hasText: 'E2E-HF-2' })
    await row.waitFor()
    assert.equal((await row.getByTestId('lead-status').innerText()).trim(), '已转办')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
