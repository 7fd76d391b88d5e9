// 存证记录 page against the real zhifa binary and its demo database: the newest signed head, an
// inclusion and a consistency proof verified in the browser (SM3 in JS, RFC 9162), a case checked
// through the integrity panel (✓, then ✗ after its stored record is changed with the sqlite3 CLI),
// and the 电子卷宗 downloaded and verified offline with `zhifa verify-dossier`.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import os from 'node:os'
import fs from 'node:fs'
import { startServer, login, zhifaBinary } from './lib/server.mjs'
import { launchBrowser, openPage, screenshot } from './lib/browser.mjs'

const CASE = '南市监处罚〔2026〕4号'
// The demo's log (双随机 and joint plan rows counted by their body.rev): 15 imported and 18 + 7 online case records (penalty; inspection, coercion, licence), one event per timeline and workflow row,
// one per major decision filed, and the supervision rows (as tests/api/ledger.test.mjs counts them):
// an order.timeline per timeline row and an order.put per act of a user and per order the daily
// reminder run changed; a lead.put and a lead.timeline per act on a lead; a review_plan.put and a
// review_task.put per write of a review row (its body.rev).
const sqlite = (db, q) => spawnSync('sqlite3', ['-cmd', '.timeout 10000', db, q], { encoding: 'utf8' }).stdout.trim()
const count = (db, q) => Number(sqlite(db, q))
const demoEvents = (db) => 15 + 18 + 7 + count(db, 'SELECT count(*) FROM case_timeline') +
  count(db, 'SELECT count(*) FROM case_workflow') + count(db, 'SELECT count(*) FROM filings') +
  count(db, 'SELECT count(*) FROM order_timeline') + count(db, "SELECT count(*) FROM order_timeline WHERE user <> 'system'") +
  count(db, "SELECT count(DISTINCT order_id) FROM order_timeline WHERE user = 'system'") +
  2 * count(db, 'SELECT count(*) FROM lead_timeline') +
  // the demo's 案卷评查: a review_plan.put / review_task.put per write of a row, counted in its body.rev
  count(db, "SELECT coalesce(sum(json_extract(body, '$.rev')), 0) FROM review_plans") +
  count(db, "SELECT coalesce(sum(json_extract(body, '$.rev')), 0) FROM review_tasks") +
  // the demo's 双随机 plans: one inspection.draw event per plan drawn
  count(db, "SELECT count(*) FROM insp_plans WHERE status <> 'draft'") +
  // their rows and the joint plans': an inspection_plan.put / joint_plan.put per write, counted in body.rev
  count(db, "SELECT coalesce(sum(json_extract(body, '$.rev')), 0) FROM insp_plans") +
  count(db, "SELECT coalesce(sum(json_extract(body, '$.rev')), 0) FROM joint_plans") +
  // the demo's 执法文书: one document.issue per issued version (docs/documents.md)
  count(db, 'SELECT count(*) FROM documents')
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

test('存证记录 shows the signed head and verifies proofs in the browser', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/evidence/ledger')
    await page.getByTestId('page-title').getByText('存证记录', { exact: true }).waitFor()
    const size = Number(await page.getByTestId('sth-size').innerText())
    assert.equal(size, demoEvents(server.dbPath), 'the demo data set, signed at init')
    assert.match(await page.getByTestId('sth-root').innerText(), /^[0-9a-f]{64}$/)

    await page.getByTestId('inclusion-seq').fill('3')
    await page.getByTestId('inclusion-submit').click()
    const inc = page.getByTestId('inclusion-result')
    await inc.waitFor()
    assert.equal(await inc.getAttribute('data-ok'), 'true', await inc.innerText())
    assert.match(await inc.innerText(), /证明成立/)

    await page.getByTestId('consistency-from').fill('5')
    await page.getByTestId('consistency-submit').click()
    const con = page.getByTestId('consistency-result')
    await con.waitFor()
    assert.equal(await con.getAttribute('data-ok'), 'true', await con.innerText())

    // a sequence number past the log: the server's Chinese message at the field
    await page.getByTestId('inclusion-seq').fill('999')
    await page.getByTestId('inclusion-submit').click()
    await page.getByTestId('inclusion-card').locator('.el-form-item__error').waitFor()
    assert.match(await page.getByTestId('inclusion-card').locator('.el-form-item__error').innerText(), /不在/)
    await screenshot(page, 'evidence-ledger')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('integrity panel: ✓ verified, dossier downloads and verifies offline, ✗ after tampering', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/evidence/ledger')
    await page.getByTestId('case-input').fill(CASE)
    await page.getByTestId('case-submit').click()
    const status = page.getByTestId('integrity-status')
    await status.waitFor()
    assert.equal(await status.getAttribute('data-status'), 'verified')
    assert.match(await status.innerText(), /✓/)
    assert.match(await page.getByTestId('integrity-head').innerText(), new RegExp(`${demoEvents(server.dbPath)} 条事件`))

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dossier-download').click()])
    assert.match(download.suggestedFilename(), /\.zip$/)
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-e2e-dossier-')), 'dossier.zip')
    await download.saveAs(file)
    const v = spawnSync(zhifaBinary(), ['verify-dossier', file], { encoding: 'utf8' })
    assert.equal(v.status, 0, v.stdout + v.stderr)
    await screenshot(page, 'evidence-integrity-verified')

    // change the stored record behind the ledger's back: the panel turns red
    const r = spawnSync('sqlite3', ['-cmd', '.timeout 10000', server.dbPath,
      `UPDATE cases SET body = replace(body, '"procedure":"ordinary"', '"procedure":"simple"') WHERE case_no = '${CASE}'`])
    assert.equal(r.status, 0, String(r.stderr))
    await page.getByTestId('integrity-panel').getByRole('button', { name: '重新核验' }).click()
    await page.waitForFunction(() => document.querySelector('[data-testid=integrity-status]')?.dataset.status === 'broken')
    assert.match(await status.innerText(), /✗/)
    assert.match(await page.getByTestId('integrity-problems').innerText(), /记录被修改/)
    const colour = await status.evaluate((el) => getComputedStyle(el).color)
    assert.match(colour, /rgb\(245, 108, 108\)/, `broken is red (${colour})`)
    await screenshot(page, 'evidence-integrity-broken')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the leader checks a case\'s integrity but is not offered the unmasked dossier', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'leader')
    await page.goto(server.baseURL + '/evidence/ledger')
    await page.getByTestId('case-input').fill(CASE)
    await page.getByTestId('case-submit').click()
    await page.getByTestId('integrity-status').waitFor()
    assert.equal(await page.getByTestId('dossier-download').isDisabled(), true)
    assert.match(await page.getByTestId('dossier-masked').innerText(), /脱敏/)
    await screenshot(page, 'evidence-integrity-leader')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('存证记录 works on a 390-px phone screen', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/evidence/ledger')
    await page.getByTestId('sth-size').waitFor()
    await page.getByTestId('inclusion-seq').fill('0')
    await page.getByTestId('inclusion-submit').click()
    await page.getByTestId('inclusion-result').waitFor()
    assert.equal(await page.getByTestId('inclusion-result').getAttribute('data-ok'), 'true')
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `no horizontal scrolling (${overflow}px)`)
    await screenshot(page, 'mobile-evidence-ledger')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
