// 法治督察考核 (issue 26) against the real binary and its demo database: a plan with three units of
// the demo supervisor's region; each unit fills its indicator with evidence on 指标填报, the
// supervisor (reviewer) accepts and scores on 考核评分, the ranking shows the order computed here by
// hand (the portal's 民意调查 included), and a unit sees only its own details.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { writeFileSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer, login, addUser } from './lib/server.mjs'
import { launchBrowser, openPage, pageShot } from './lib/browser.mjs'

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

// A JSON request from the page's own session (cookie + its CSRF token).
const api = (page, method, url, body) => page.evaluate(async ({ method, url, body }) => {
  const s = await (await fetch('/api/v1/session')).json()
  const r = await fetch(url, { method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token }, body: body && JSON.stringify(body) })
  return { status: r.status, body: await r.json() }
}, { method, url, body })

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
  '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex')

test('three units fill with evidence, the reviewer scores, the ranking follows the scores, a unit sees only its own', async () => {
  const units = execFileSync('sqlite3', [server.dbPath, "SELECT code || '|' || name FROM agencies WHERE region LIKE '3702%' ORDER BY code LIMIT 3"])
    .toString().trim().split('\n').map((l) => { const [code, name] = l.split('|'); return { code, name } })
  assert.equal(units.length, 3, 'the demo has three agencies in 青岛')
  units.forEach((u, i) => { u.user = `unit${i}`; addUser(server, { username: u.user, role: 'officer', agency: u.code, displayName: `填报员${i}` }) })
  const evidence = path.join(mkdtempSync(path.join(os.tmpdir(), 'zhifa-assess-')), '佐证材料.png')
  writeFileSync(evidence, PNG)

  const sup = await openPage(browser)
  let planId
  try {
    await login(sup.page, server.baseURL, 'supervisor')
    const created = await api(sup.page, 'POST', '/api/v1/assessment/plans', {
      year: String(new Date().getFullYear()), name: '法治政府建设督察考核（测试）', units: units.map((u) => u.code),
      parts: [{ key: 'system', name: '系统评测', weight: 50 }, { key: 'survey', name: '民意调查', weight: 30 }, { key: 'onsite', name: '现场督察', weight: 20 }],
      indicators: [{ code: 'A1', name: '执法公示制度', part: 'system', points: 50, standard: '制度健全', source: 'manual' },
        { code: 'V1', name: '群众满意度', part: 'survey', points: 30, standard: '问卷平均分折算', source: 'manual' },
        { code: 'B1', name: '现场查证', part: 'onsite', points: 20, standard: '现场查证', source: 'manual' }],
      survey: { indicator: 'V1', questions: ['执法人员是否文明规范执法？', '执法信息是否公开透明？'] }
    })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    planId = created.body.id
    assert.equal((await api(sup.page, 'POST', `/api/v1/assessment/plans/${planId}/publish`)).status, 200)
    await sup.page.goto(`${server.baseURL}/assessment/indicators?plan=${planId}`)
    await sup.page.getByTestId('assessment-indicator-tree').getByText('执法公示制度').waitFor()
    await pageShot(sup.page, 'assessment-indicators')
  } finally {
    await sup.context.close()
  }

  for (const u of units) {
    const { context, page, errors } = await openPage(browser)
    try {
      await login(page, server.baseURL, u.user)
      await page.goto(`${server.baseURL}/assessment/filling?plan=${planId}`)
      const row = page.getByTestId('assessment-filling-table').locator('.el-table__row', { hasText: '执法公示制度' })
      await row.getByTestId('assessment-fill').click()
      await page.locator('textarea[data-testid=assessment-fill-value], [data-testid=assessment-fill-value] textarea').fill(`${u.name}已建立执法公示制度`)
      await page.getByTestId('assessment-fill-file').setInputFiles(evidence)
      await page.getByText(/SM3 [0-9a-f]{12}/).first().waitFor()
      await page.getByTestId('assessment-fill-submit').click()
      await row.getByText('已提交').waitFor()
      assert.equal(await page.getByTestId('assessment-unit-select').count(), 0, 'a unit fills its own indicators only')
      if (u === units[0]) await pageShot(page, 'assessment-filling')
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  }

  // the survey on the portal, anonymous: units[0] all 5 (→ 30 of 30), units[1] all 1 (→ 0), units[2] all 3 (→ 15)
  const marks = [5, 1, 3]
  for (const [i, u] of units.entries()) {
    const { context, page, errors } = await openPage(browser)
    try {
      await page.goto(`${server.baseURL}/portal/survey`)
      await page.getByTestId('survey-select').waitFor()
      await page.getByTestId('survey-unit').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: u.name }).click()
      for (const q of [0, 1]) await page.locator(`[data-testid=survey-q${q}] .el-rate__item`).nth(marks[i] - 1).click()
      await page.getByTestId('survey-submit').click()
      await page.getByTestId('survey-done').waitFor({ timeout: 30000 })
      if (i === 0) await pageShot(page, 'assessment-portal-survey')
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  }

  // by hand: A1 + survey + B1 = 45 + 30 + 20 = 95, 50 + 0 + 20 = 70, 40 + 15 + 20 = 75
  // → units[0] first, units[2] second, units[1] third
  const given = [[45, 20], [50, 20], [40, 20]]
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(`${server.baseURL}/assessment/scoring?plan=${planId}`)
    const ranking = page.getByTestId('assessment-ranking')
    for (const [i, u] of units.entries()) {
      await ranking.locator('.el-table__row', { hasText: u.name }).getByRole('button', { name: '评分' }).click()
      await page.getByText(`${u.name} · 逐项评分`).waitFor()
      const table = page.getByTestId('assessment-score-table')
      await table.locator('.el-table__row', { hasText: '执法公示制度' }).getByTestId('assessment-accept').click()
      await table.locator('.el-table__row', { hasText: '执法公示制度' }).getByText('已通过').waitFor()
      for (const [code, pts, max] of [['A1', given[i][0], 50], ['B1', given[i][1], 20]]) {
        const r = table.locator('.el-table__row', { hasText: code === 'A1' ? '执法公示制度' : '现场查证' })
        await r.locator(`input[data-testid=assessment-points-${code}], [data-testid=assessment-points-${code}] input`).fill(String(pts))
        if (pts < max) await r.getByPlaceholder('扣分理由').fill('材料不完整')
        await r.getByTestId(`assessment-score-${code}`).click()
        await r.getByText(`当前 ${pts}`).waitFor()
      }
    }
    await page.reload()
    const rows = ranking.locator('.el-table__body-wrapper .el-table__row')
    await rows.first().waitFor()
    const texts = await rows.allInnerTexts()
    assert.deepEqual(texts.map((t) => units.findIndex((u) => t.includes(u.name))), [0, 2, 1])
    assert.deepEqual(await ranking.getByTestId('assessment-total').allInnerTexts(), ['95', '75', '70'])
    assert.deepEqual(texts.map((t) => t.split(/\s+/)[0]), ['1', '2', '3'])
    await pageShot(page, 'assessment-scoring')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }

  const unit = await openPage(browser)
  try {
    await login(unit.page, server.baseURL, units[1].user)
    await unit.page.goto(`${server.baseURL}/assessment/scoring?plan=${planId}`)
    const rows = unit.page.getByTestId('assessment-ranking').locator('.el-table__body-wrapper .el-table__row')
    await rows.first().waitFor()
    assert.equal(await rows.count(), 1, 'a unit sees its own line only')
    assert.match(await rows.first().innerText(), new RegExp(`^3\\s+${units[1].name}`))
    assert.equal(await unit.page.getByTestId('assessment-score-table').count(), 0)
    assert.equal((await api(unit.page, 'GET', `/api/v1/assessment/plans/${planId}/units/${units[0].code}`)).status, 404)
    assert.deepEqual(unit.errors, [])
  } finally {
    await unit.context.close()
  }
})
