// The supervision pages against the real zhifa binary and its demo database (whose findings are
// the worked examples of spec/rules.md): 预警看板 with its filters, a case's detail page, 分主体汇总,
// and 规则配置 saving an override, refusing a bad one with the server's message, and keeping it.
// Each test signs in as the demo 执法监督人员 (supervisor), who holds findings.sweep and rule_config.write.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './lib/server.mjs'
import { launchBrowser, openPage, screenshot, pageShot } from './lib/browser.mjs'

const MARKET_AGENCY = '青岛市市南区市场监督管理局'
const P08_CASE = '南市监处罚〔2026〕3号'

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


async function alertRows (page) {
  const table = page.getByTestId('alert-table')
  await table.locator('.el-table__body-wrapper .el-table__row').first().waitFor()
  await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => {})
  return table.locator('.el-table__body-wrapper .el-table__row')
}

async function rulesOf (rows) {
  return rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('[data-rule]').dataset.rule))
}

// Element Plus renders options in a teleported popper; pick the visible one that matches.
async function pickOption (page, select, text) {
  await select.click()
  const option = page.locator('.el-select-dropdown__item:visible').filter({ hasText: text }).first()
  await option.click()
  await page.locator('.el-select-dropdown:visible').first().waitFor({ state: 'hidden' }).catch(() => {})
}

test('预警看板 shows the demo violations in red with P08 on the undecided case', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/supervision/alerts')
    await page.getByTestId('page-title').getByText('预警看板', { exact: true }).waitFor()
    const rows = await alertRows(page)
    assert.ok(await rows.count() >= 5, 'several open findings on the demo database')

    const p08 = rows.filter({ has: page.locator('[data-rule="P08"]') }).filter({ hasText: P08_CASE })
    assert.equal(await p08.count(), 1, `a P08 row for ${P08_CASE}`)
    assert.equal((await p08.locator('.severity-tag').innerText()).trim(), '违规')
    assert.match(await p08.getAttribute('class'), /row-violation/)
    const tagColour = await p08.locator('.severity-tag').evaluate((el) => getComputedStyle(el).backgroundColor)
    assert.match(tagColour, /rgb\(245, 108, 108\)/, `违规 tag is red (${tagColour})`)
    const lawLink = p08.locator('a.law-link')
    assert.match(await lawLink.getAttribute('href'), /^\/elements\/laws\?q=/)

    const violations = Number((await page.getByTestId('stat-violations').locator('.sv-stat-value').innerText()).replace(/\D+/g, ''))
    assert.ok(violations >= 5, `summary card counts open violations (${violations})`)
    const total = Number((await page.getByTestId('alert-total').innerText()).replace(/\D+/g, ''))
    assert.ok(total >= violations, `list total ${total} ≥ open violations ${violations}`)

    await pageShot(page, 'supervision-alerts')

    // 立即重新检查 recomputes the findings and reports the counts.
    await page.getByTestId('sweep').click()
    const done = page.locator('.el-message--success').filter({ hasText: '重新检查完成' })
    await done.waitFor()
    assert.match(await done.innerText(), /现有问题 \d+ 条/)
    await page.getByTestId('sweep-note').waitFor()
    assert.equal(await (await alertRows(page)).count(), await rows.count())
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('filtering the board by rule P08 leaves only P08 rows and keeps the filter in the URL', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/supervision/alerts')
    const before = await rulesOf(await alertRows(page))
    assert.ok(before.some((r) => r !== 'P08'), 'unfiltered board has other rules too')

    await pickOption(page, page.getByTestId('filter-rule'), /^\s*P08\b/)
    await page.getByTestId('filter-search').click()
    await page.waitForURL(/[?&]rule=P08\b/)
    await page.waitForFunction(() => {
      const ids = [...document.querySelectorAll('[data-testid=alert-table] .el-table__body-wrapper [data-rule]')].map((e) => e.dataset.rule)
      return ids.length > 0 && ids.every((id) => id === 'P08')
    })
    const after = await rulesOf(await alertRows(page))
    assert.ok(after.length >= 1)
    assert.deepEqual([...new Set(after)], ['P08'])
    await pageShot(page, 'supervision-alerts-p08')

    // The filter survives a reload: it lives in the query string.
    await page.reload()
    const again = await rulesOf(await alertRows(page))
    assert.deepEqual([...new Set(again)], ['P08'])
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('a case link opens the case detail with its 案号 and its P08 finding', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/supervision/alerts?rule=P08')
    await alertRows(page)
    await page.getByTestId('subject-link').filter({ hasText: P08_CASE }).first().click()
    await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/cases/detail/${P08_CASE}`)
    const basic = page.getByTestId('case-basic')
    await basic.waitFor()
    const caseNoLabel = basic.locator('.el-descriptions__label').filter({ hasText: /^案号$/ })
    assert.equal(await caseNoLabel.count(), 1)
    assert.ok((await basic.innerText()).includes(P08_CASE), 'the 案号 is shown')
    assert.ok((await basic.innerText()).includes(MARKET_AGENCY), 'the agency is shown by name')
    assert.ok((await page.getByTestId('case-process').innerText()).includes('2025-07-03'), '立案日期 shown')

    const findings = page.getByTestId('case-findings').locator('.el-table__body-wrapper .el-table__row')
    await findings.first().waitFor()
    const p08 = findings.filter({ has: page.locator('[data-rule="P08"]') })
    assert.equal(await p08.count(), 1, 'the case lists its P08 finding')
    assert.equal((await p08.locator('.severity-tag').innerText()).trim(), '违规')
    assert.deepEqual(await page.locator('.app-breadcrumb .el-breadcrumb__inner').allInnerTexts(), ['首页', '执法办案', '案件详情'])
    assert.equal(await page.getByTestId('side-menu').getByText('案件详情').count(), 0, 'hidden from the menu')
    // The demo case was imported, so the ledger holds it: the integrity panel proves it intact.
    const status = page.getByTestId('integrity-status')
    await status.waitFor()
    assert.equal(await status.getAttribute('data-status'), 'verified')
    await pageShot(page, 'supervision-case-detail')

    await page.goto(server.baseURL + '/cases/detail/' + encodeURIComponent('不存在〔2026〕0号'))
    await page.getByTestId('case-error').getByText('案件不存在', { exact: true }).waitFor()
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('分主体汇总 lists the 市南区 market regulator and links to its alerts', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/supervision/summary')
    await page.getByTestId('page-title').getByText('分主体汇总', { exact: true }).waitFor()
    const link = page.getByTestId('agency-link').filter({ hasText: MARKET_AGENCY })
    await link.waitFor()
    await pageShot(page, 'supervision-summary')

    await link.click()
    await page.waitForURL(/\/supervision\/alerts\?.*agency=/)
    const rows = await alertRows(page)
    const agencies = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('[data-testid=finding-agency]').innerText.trim()))
    assert.ok(agencies.length > 0)
    assert.deepEqual([...new Set(agencies)], [MARKET_AGENCY])
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

async function overrideRows (page) {
  return page.getByTestId('override-table').locator('.el-table__body-wrapper .el-table__row')
}

async function configVersion (page) {
  const text = await page.getByTestId('config-version').innerText()
  return Number(text.replace(/\D+/g, ''))
}

test('规则配置 saves a new override as a new version, keeps it, and shows the server refusing a negative value', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/supervision/rule-config')
    await page.getByTestId('config-version').waitFor()
    await page.getByTestId('param-table').locator('.el-table__row').first().waitFor()
    const v0 = await configVersion(page)
    assert.ok(v0 >= 1)

    const countBefore = await (await overrideRows(page)).count()
    await page.getByTestId('override-add').click()
    const rows = await overrideRows(page)
    assert.equal(await rows.count(), countBefore + 1)
    const row = rows.nth(countBefore)
    await pickOption(page, row.getByTestId('ov-param'), '处罚决定公示期限')
    await pickOption(page, row.getByTestId('ov-sector'), '交通运输')
    const value = row.getByTestId('ov-value').locator('input')
    await value.fill('10')
    await value.press('Tab')
    await page.getByTestId('dirty-flag').waitFor()
    await page.getByTestId('override-save').click()
    await page.locator('.el-message--success').filter({ hasText: `v${v0 + 1}` }).waitFor()
    assert.equal(await configVersion(page), v0 + 1)
    await pageShot(page, 'supervision-rule-config-saved')

    // Persisted: a fresh load shows the override (处罚决定公示期限 · 交通运输 · 10).
    await page.reload()
    await page.getByTestId('config-version').waitFor()
    assert.equal(await configVersion(page), v0 + 1)
    const saved = (await overrideRows(page)).filter({ hasText: '交通运输' })
    await saved.first().waitFor()
    assert.equal(await saved.count(), 1)
    assert.equal(await saved.getByTestId('ov-value').locator('input').inputValue(), '10')
    assert.ok((await saved.getByTestId('ov-param').innerText()).length > 0)

    // A negative value: the server refuses; its Chinese message appears under that row's 值.
    const input = saved.getByTestId('ov-value').locator('input')
    await input.fill('-5')
    await input.press('Tab')
    await page.getByTestId('override-save').click()
    const cellError = saved.getByTestId('ov-error')
    await cellError.waitFor()
    const message = (await cellError.innerText()).trim()
    assert.match(message, /[\u4e00-\u9fff]/, `the server's message is Chinese: ${message}`)
    assert.ok(await page.getByTestId('save-error').isVisible())
    assert.equal(await configVersion(page), v0 + 1, 'a refused save does not change the version')
    await pageShot(page, 'supervision-rule-config-error')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('at 390 px the board stacks its filters and scrolls the table, not the page', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/supervision/alerts')
    await alertRows(page)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `no page-wide horizontal scrolling (overflow ${overflow}px)`)
    const tableScrolls = await page.getByTestId('alert-table').locator('.el-table__body-wrapper .el-scrollbar__wrap').first()
      .evaluate((el) => el.scrollWidth > el.clientWidth)
    assert.ok(tableScrolls, 'the table scrolls horizontally inside its card')
    const [a, b] = await page.getByTestId('alert-filters').locator('.el-form-item:visible').evaluateAll(
      (items) => items.slice(0, 2).map((el) => el.getBoundingClientRect().top))
    assert.ok(b > a, 'filters are stacked in one column')
    await pageShot(page, 'mobile-supervision-alerts-board')

    for (const [path, name] of [['/supervision/summary', 'mobile-supervision-summary'], ['/supervision/rule-config', 'mobile-supervision-rule-config']]) {
      await page.goto(server.baseURL + path)
      await page.locator('.sv-table .el-table__row').first().waitFor()
      const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(over <= 0, `${path}: no page-wide horizontal scrolling (overflow ${over}px)`)
      await pageShot(page, name)
    }
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
