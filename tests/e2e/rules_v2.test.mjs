// Catalogue v2 on the supervision pages (rules.md §7): the worked v2 examples imported into the demo
// database, a sweep from 预警看板, and the supervisor sees 违规异地执法 (A02), 顶格处罚 (A01) and
// 以罚代管 (P23) by their Chinese names; an agency-level finding opens the cases behind its figure.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { startServer, login, zhifaBinary, REPO_ROOT } from './lib/server.mjs'
import { launchBrowser, openPage, pageShot } from './lib/browser.mjs'

const TRANSPORT = '11370203869879736T' // A02 in the v2 examples: 2 of 5 companies registered in 370602
const A02_CASES = ['北交运罚〔2026〕200号', '北交运罚〔2026〕201号', '北交运罚〔2026〕202号', '北交运罚〔2026〕203号', '北交运罚〔2026〕204号']

let server
let browser

before(async () => {
  server = await startServer()
  execFileSync(zhifaBinary(), ['--db', server.dbPath, 'import', path.join(REPO_ROOT, 'tests/data/rules-v2-examples.jsonl')])
  browser = await launchBrowser()
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

async function rows (page, testid) {
  const table = page.getByTestId(testid)
  await table.locator('.el-table__body-wrapper .el-table__row').first().waitFor()
  await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => {})
  return table.locator('.el-table__body-wrapper .el-table__row')
}

test('预警看板 names the v2 risks in Chinese, and A02 opens the agency\'s penalty cases', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/supervision/alerts')
    await page.getByTestId('sweep').click()
    await page.getByTestId('sweep').locator('.is-loading').waitFor({ state: 'detached' }).catch(() => {})
    await page.locator('.el-message--success').first().waitFor()

    await page.goto(server.baseURL + '/supervision/alerts?rule=P23')
    const p23 = await rows(page, 'alert-table')
    assert.ok(await p23.count() >= 1)
    assert.match(await p23.first().locator('[data-rule]').innerText(), /以罚代管/)

    await page.goto(server.baseURL + '/supervision/alerts?rule=A01')
    const a01 = await rows(page, 'alert-table')
    assert.match(await a01.first().innerText(), /顶格处罚倾向/)

    await page.goto(server.baseURL + '/supervision/alerts?rule=A02')
    const a02 = await rows(page, 'alert-table')
    assert.equal(await a02.count(), 1)
    const row = a02.first()
    assert.match(await row.innerText(), /违规异地执法风险/)
    assert.match(await row.innerText(), /2 件当事人登记地不在本辖区、本市或本省，占 40\.0%/)
    await pageShot(page, 'rules-v2-alerts-a02')
    await row.getByTestId('behind-link').click()
    await page.waitForURL((url) => url.pathname === '/supervision/cases' && url.searchParams.get('agency') === TRANSPORT)
    await page.getByTestId('behind-note').getByText(/预警 A02 违规异地执法风险所涉案件/).waitFor()
    const cases = await rows(page, 'case-table')
    const listed = await cases.locator('[data-testid=case-link]').allInnerTexts()
    // the window's penalty decisions of the agency: the five of the figure (and the demo's own)
    for (const no of A02_CASES) assert.ok(listed.map((s) => s.trim()).includes(no), `${no} listed: ${listed}`)
    await pageShot(page, 'rules-v2-cases-behind-a02')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
