// 案卷评查 end to end against the real binary (issue 16, docs/reviews.md): the demo supervisor runs
// the plan wizard (scope → sample preview → reviewers → launch) and sees that the same seed draws
// the same files; two reviewers of the city score every file (one ticks a deduction on a phone-
// sized and a desktop page and sees the running total, grade and the server's total after
// submitting); the plan's results then show each agency's average — checked against the mean of
// the reviewers' submitted totals, computed here — and its grade distribution.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, addUser } from './lib/server.mjs'
import { launchBrowser, openPage, pageShot } from './lib/browser.mjs'

// The grade bands as shipped (setting review_grade_bands, docs/reviews.md).
const BANDS = [['优秀', 90], ['良好', 80], ['合格', 60], ['不合格', 0]]
const gradeOf = (total, veto) => (veto ? '不合格' : BANDS.find(([, min]) => total >= min)[0])
const SEED = '20261207'
const PHONE = { width: 390, height: 844 }

let server
let browser
let planUrl = ''
let sampled = [] // the case numbers the plan drew, in order

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  // Two reviewers of the city (region 370200: no county, no agency of their own), so each file
  // can go to both of them under the cross-review rule.
  addUser(server, { username: 'e2e.rev1', role: 'supervisor', region: '370200', displayName: '评查员甲' })
  addUser(server, { username: 'e2e.rev2', role: 'supervisor', region: '370200', displayName: '评查员乙' })
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

async function settle (page) {
  await page.locator('.el-loading-mask:visible').first().waitFor({ state: 'hidden' }).catch(() => {})
}

async function previewList (page) {
  await page.getByTestId('wizard-preview').waitFor()
  await settle(page)
  await page.getByTestId('sample-count').waitFor()
  return page.getByTestId('sample-case').evaluateAll((lis) => lis.map((li) => li.innerText.trim()))
}

async function fillNumber (page, testid, value) {
  const input = page.getByTestId(testid).locator('input')
  await input.fill(String(value))
  await input.blur()
}

async function pickReviewer (page, username) {
  const select = page.getByTestId('wizard-reviewer-select')
  await select.click()
  await select.locator('input').pressSequentially(username)
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: `（${username}）` }).first().click()
  await page.keyboard.press('Escape')
}

test('the plan wizard: scope → sample preview (same seed, same files) → reviewers → launch', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/supervision/reviews')
    await page.getByTestId('page-title').getByText('案卷评查').waitFor()
    await page.getByTestId('plan-new').click()
    await page.waitForURL(/\/supervision\/reviews\/new$/)

    // 范围: this year's penalty files, every agency of the region, 2 per agency, a chosen seed.
    await page.getByTestId('scope-name').fill('e2e 行政处罚案卷评查')
    await fillNumber(page, 'scope-per-agency', 2)
    await page.getByTestId('scope-seed').fill(SEED)
    await pageShot(page, 'reviews-wizard-scope')
    await page.getByTestId('wizard-next').click()

    const first = await previewList(page)
    assert.ok(first.length >= 1, 'the demo has penalty files this year')
    assert.equal((await page.getByTestId('preview-seed').innerText()).trim(), SEED)
    // Stratified: at most 2 files per agency, each file once.
    const perGroup = await page.getByTestId('sample-group').evaluateAll((gs) => gs.map((g) => g.querySelectorAll('[data-testid=sample-case]').length))
    assert.ok(perGroup.every((n) => n >= 1 && n <= 2), `per agency 1–2 files (${perGroup})`)
    assert.equal(new Set(first).size, first.length)
    await pageShot(page, 'reviews-wizard-preview')

    // Another seed, then the first one again: the same files in the same order.
    await page.getByTestId('wizard-back').click()
    await page.getByTestId('scope-reseed').click()
    assert.notEqual(await page.getByTestId('scope-seed').inputValue(), SEED)
    await page.getByTestId('wizard-next').click()
    await previewList(page)
    await page.getByTestId('wizard-back').click()
    await page.getByTestId('scope-seed').fill(SEED)
    await page.getByTestId('wizard-next').click()
    assert.deepEqual(await previewList(page), first, 'the same seed draws the same files')

    await page.getByTestId('wizard-next').click() // 确认抽样
    await page.getByTestId('wizard-reviewers').waitFor()
    sampled = first

    // One reviewer cannot give each file two distinct reviewers: a refusal in Chinese, not a
    // silent half-assignment.
    await pickReviewer(page, 'e2e.rev1')
    await page.getByTestId('wizard-assign').click()
    const refusal = page.getByTestId('wizard-refusal')
    await refusal.waitFor()
    assert.match(await refusal.innerText(), /[\u4e00-\u9fa5]/)
    await pageShot(page, 'reviews-wizard-refusal')

    await pickReviewer(page, 'e2e.rev2')
    await page.getByTestId('wizard-assign').click()
    const done = page.getByTestId('wizard-assigned')
    await done.waitFor()
    assert.match(await done.innerText(), new RegExp(`已交叉分配 ${first.length * 2} 个评查任务`))
    await page.getByTestId('wizard-next').click() // 启动评查
    await page.getByTestId('wizard-launch').waitFor()
    await page.getByTestId('wizard-open-plan').click()
    await page.waitForURL(/\/supervision\/reviews\/\d+$/)
    planUrl = new URL(page.url()).pathname
    await page.getByTestId('plan-items-table').waitFor()
    assert.equal((await page.getByTestId('plan-seed').innerText()).trim(), SEED)
    assert.equal(await page.getByTestId('item-task').count(), first.length * 2)
    await pageShot(page, 'reviews-plan-assigned')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

// Opens the reviewer's first open task from 我的评查任务.
async function openFirstTask (page) {
  await page.goto(server.baseURL + '/reviews/tasks')
  await page.getByTestId('page-title').getByText('我的评查任务').waitFor()
  await settle(page)
  const link = page.getByTestId('task-link').first()
  if (!(await link.count())) return false
  await link.click()
  await page.waitForURL(/\/reviews\/tasks\/\d+$/)
  await page.getByTestId('score-sheet').waitFor()
  return true
}

async function submitScore (page) {
  await page.getByTestId('scoring-submit').click()
  await page.locator('.el-message-box:visible').getByRole('button', { name: '提交' }).click()
  await page.getByTestId('scoring-status').getByText('已提交').waitFor()
}

const number = async (locator) => Number((await locator.innerText()).replace(/[^\d.]/g, ''))

test('a reviewer ticks a deduction, sees the total and grade follow, submits and reads the server\'s score', async () => {
  assert.ok(sampled.length, 'the plan exists')
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'e2e.rev1')
    assert.ok(await openFirstTask(page))
    await page.getByTestId('review-case').waitFor()
    const before = await number(page.getByTestId('scoring-total'))

    // A deduction of a sub-item that is not 一票否决, not ticked yet, worth at most 10 points.
    const subs = page.locator('.ss-sub').filter({ hasNot: page.getByText('一票否决', { exact: true }) })
    let ticked = null
    for (let i = 0; i < await subs.count() && !ticked; i++) {
      const deds = subs.nth(i).locator('.ss-ded').filter({ has: page.locator('.el-checkbox:not(.is-checked)') })
      for (let j = 0; j < await deds.count(); j++) {
        const points = await number(deds.nth(j).locator('.ss-ded-points'))
        const lostAlready = await subs.nth(i).locator('.el-checkbox.is-checked').count()
        if (points <= 10 && !lostAlready) { ticked = { ded: deds.nth(j), points }; break }
      }
    }
    assert.ok(ticked, 'a deduction to tick')
    await ticked.ded.locator('.el-checkbox').click()
    const expected = before - ticked.points
    assert.equal(await number(page.getByTestId('scoring-total')), expected)
    assert.equal((await page.getByTestId('scoring-grade').innerText()).trim(), gradeOf(expected, await page.getByTestId('scoring-veto').count() > 0))
    await pageShot(page, 'reviews-scoring-ticked')

    await submitScore(page)
    assert.equal(await number(page.getByTestId('scoring-total')), expected, 'the server computes the same total')
    assert.equal((await page.getByTestId('scoring-grade').innerText()).trim(), gradeOf(expected, await page.getByTestId('scoring-veto').count() > 0))
    assert.equal(await page.getByTestId('scoring-submit').count(), 0, 'a submitted score is read-only')
    await pageShot(page, 'reviews-scoring-submitted')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('on a phone the file and the score sheet stack; the reviewers score the remaining files', async () => {
  assert.ok(sampled.length, 'the plan exists')
  for (const [username, viewport] of [['e2e.rev1', undefined], ['e2e.rev2', PHONE]]) {
    const { context, page, errors } = await openPage(browser, viewport ? { viewport } : undefined)
    try {
      await login(page, server.baseURL, username)
      let shot = Boolean(viewport)
      while (await openFirstTask(page)) {
        if (shot) {
          const file = await page.getByTestId('review-file').boundingBox()
          const sheet = await page.getByTestId('score-sheet').boundingBox()
          assert.ok(sheet.y > file.y + file.height - 1, 'the score sheet sits under the file on a phone')
          assert.ok(file.width <= PHONE.width, 'no sideways scrolling')
          await pageShot(page, 'reviews-scoring-phone')
          shot = false
        }
        await submitScore(page)
      }
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  }
})

test('the results page shows each agency\'s average and grades', async () => {
  assert.ok(planUrl, 'the plan exists')
  // The reviewers' submitted totals per file, read from their task lists.
  const perFile = new Map()
  for (const username of ['e2e.rev1', 'e2e.rev2']) {
    const { context, page } = await openPage(browser)
    try {
      await login(page, server.baseURL, username)
      await page.goto(server.baseURL + '/reviews/tasks')
      await page.getByTestId('task-done').click()
      await settle(page)
      const rows = await page.getByTestId('task-table').locator('.el-table__body-wrapper .el-table__row')
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())))
      for (const cells of rows) {
        const caseNo = cells[0].split('\n').pop()
        const agency = cells[1]
        const total = Number(cells[5].replace(/[^\d.]/g, ''))
        if (!perFile.has(caseNo)) perFile.set(caseNo, { agency, totals: [] })
        perFile.get(caseNo).totals.push(total)
      }
    } finally {
      await context.close()
    }
  }
  assert.equal(perFile.size, sampled.length)

  const byAgency = new Map()
  for (const { agency, totals } of perFile.values()) {
    assert.equal(totals.length, 2)
    const mean = (totals[0] + totals[1]) / 2
    if (!byAgency.has(agency)) byAgency.set(agency, [])
    byAgency.get(agency).push(mean)
  }

  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + planUrl + '?tab=results')
    await page.getByTestId('results-agencies').waitFor()
    await settle(page)
    const rows = page.getByTestId('results-agencies').locator('.el-table__body-wrapper .el-table__row')
    const seen = new Set()
    for (let i = 0; i < await rows.count(); i++) {
      const name = (await rows.nth(i).getByTestId('result-agency-name').innerText()).trim()
      const files = byAgency.get(name)
      if (!files) continue // 零案卷 agencies have no files
      seen.add(name)
      const expected = files.reduce((s, x) => s + x, 0) / files.length
      const shown = await number(rows.nth(i).getByTestId('result-agency-average'))
      assert.ok(Math.abs(shown - expected) <= 0.05, `${name}: average ${shown}, the files' mean ${expected}`)
      const dist = await rows.nth(i).getByTestId('result-distribution').innerText()
      assert.match(dist, /(优秀|良好|合格|不合格) \d+/)
    }
    assert.deepEqual([...seen].sort(), [...byAgency.keys()].sort())
    await pageShot(page, 'reviews-results-agencies')

    await page.getByTestId('results-by-file').click()
    assert.equal(await page.getByTestId('result-file-grade').count(), sampled.length)
    await page.getByTestId('results-by-item').click()
    await page.getByTestId('result-item').first().waitFor()
    await pageShot(page, 'reviews-results-items')
    const xlsx = await page.getByTestId('plan-xlsx').getAttribute('href')
    const res = await page.request.get(server.baseURL + xlsx)
    assert.equal(res.status(), 200)
    assert.match(res.headers()['content-type'], /spreadsheetml/)
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('published, the results reach the agency: its own files with their grades, and a 申辩', async () => {
  assert.ok(planUrl, 'the plan exists')
  const sup = await openPage(browser)
  try {
    await login(sup.page, server.baseURL, 'supervisor')
    await sup.page.goto(server.baseURL + planUrl)
    await sup.page.getByTestId('plan-publish').click()
    await sup.page.locator('.el-message-box:visible').getByRole('button', { name: '发布' }).click()
    await sup.page.getByTestId('plan-status').getByText('已发布').waitFor()
    // the publication issued the plan's 评查结果通报: listed on the plan's page, served as a PDF
    const docs = sup.page.getByTestId('plan-documents')
    await docs.getByTestId('document-name').filter({ hasText: '评查结果通报' }).waitFor()
    const pdf = await sup.page.request.get(server.baseURL + await docs.getByTestId('document-download').first().getAttribute('href'))
    assert.equal(pdf.status(), 200)
    assert.equal(pdf.headers()['content-type'], 'application/pdf')
    assert.deepEqual(sup.errors, [])
  } finally {
    await sup.context.close()
  }

  // The demo head is the 主要负责人 of the 市南区 market agency.
  const { context, page, errors } = await openPage(browser, { viewport: PHONE })
  try {
    await login(page, server.baseURL, 'head')
    await page.goto(server.baseURL + '/cases/reviews')
    await page.getByTestId('results-file').first().waitFor()
    const agencies = await page.getByTestId('results-agency').allInnerTexts()
    assert.equal(agencies.length, 1, 'only his own agency')
    assert.match(agencies[0], /青岛市市南区市场监督管理局/)
    const grades = await page.getByTestId('results-grade').allInnerTexts()
    assert.ok(grades.length >= 1 && grades.every((g) => ['优秀', '良好', '合格', '不合格'].includes(g.trim())), `grades ${grades}`)
    await page.getByTestId('results-defend').first().click()
    await page.getByTestId('defense-text').fill('“执法人员少于两人”一项：现场检查笔录有两名执法人员签名，请予复核。')
    await page.getByTestId('defense-submit').click()
    await page.locator('.el-message--success').filter({ hasText: '申辩已提交' }).waitFor()
    await page.getByTestId('defense-item').first().waitFor()
    assert.equal((await page.getByTestId('defense-state').first().innerText()).trim(), '待答复')
    await pageShot(page, 'reviews-agency-results-phone')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }

  // The plan's owner answers it; the agency reads the answer.
  const owner = await openPage(browser)
  try {
    await login(owner.page, server.baseURL, 'supervisor')
    await owner.page.goto(server.baseURL + planUrl + '?tab=defenses')
    await owner.page.getByTestId('defense-answer-open').click()
    await owner.page.getByTestId('defense-answer-text').fill('经复核，现场检查笔录仅一名执法人员签名，扣分维持。')
    await owner.page.getByTestId('defense-answer-submit').click()
    await owner.page.getByTestId('defense-state').getByText('申辩不成立').waitFor()
    await pageShot(owner.page, 'reviews-defense-answered')
    assert.deepEqual(owner.errors, [])
  } finally {
    await owner.context.close()
  }
})

test('a failing file of the demo\'s published plan becomes a 督办 order in one click', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/supervision/reviews?status=published')
    await page.getByTestId('plan-link').filter({ hasNotText: 'e2e' }).first().click()
    await page.waitForURL(/\/supervision\/reviews\/\d+$/)
    await page.getByTestId('plan-tab-results').click()
    await page.getByTestId('results-by-file').click()
    const failing = page.getByTestId('results-files').locator('.el-table__body-wrapper .el-table__row')
      .filter({ has: page.getByTestId('result-file-grade').getByText('不合格', { exact: true }) })
      .filter({ has: page.getByTestId('result-order') })
    assert.ok(await failing.count() >= 1, 'the demo plan has a failing file not yet turned into an order')
    const caseNo = (await failing.first().locator('a').first().innerText()).trim()
    await failing.first().getByTestId('result-order').click()
    await page.locator('.el-message-box:visible').getByRole('button', { name: '转督办' }).click()
    await page.waitForURL(/\/supervision\/orders\/\d+$/)
    await page.getByTestId('order-cases').getByText(caseNo).waitFor()
    assert.equal((await page.getByTestId('page-title').innerText()).trim(), '督办通知书')
    await pageShot(page, 'reviews-order-from-file')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('a supervisor copies the shipped standard and edits the copy; points that do not add up are refused', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/supervision/reviews')
    await page.getByTestId('plan-standards').click()
    await page.waitForURL(/\/supervision\/reviews\/standards$/)
    await page.getByTestId('standard-copy-penalty_v1').click()
    await page.getByTestId('copy-code').fill('penalty_e2e')
    await page.getByTestId('copy-name').fill('行政处罚案卷评查标准（e2e）')
    await page.getByTestId('copy-submit').click()
    const drawer = page.locator('.el-drawer:visible')
    await drawer.getByTestId('standard-editor').waitFor()
    assert.equal(await drawer.getByTestId('standard-name').inputValue(), '行政处罚案卷评查标准（e2e）')
    assert.match(await drawer.getByTestId('standard-sum').innerText(), /各项合计 100 \/ 满分 100 分/)

    // One more point on the first item: its sub-items no longer add up, nor the items to 100.
    await drawer.locator('.se-item').first().locator('.el-input-number').first().locator('.el-input-number__increase').click()
    assert.match(await drawer.getByTestId('standard-sum').innerText(), /各项合计 100\.5/)
    await drawer.getByTestId('standard-save').click()
    await page.locator('.standard-refusal').waitFor()
    assert.match(await page.locator('.standard-refusal').innerText(), /[\u4e00-\u9fa5]/)
    await pageShot(page, 'reviews-standard-refused')
    await drawer.locator('.se-item').first().locator('.el-input-number').first().locator('.el-input-number__decrease').click()
    await drawer.getByTestId('standard-name').fill('行政处罚案卷评查标准（本地）')
    await drawer.getByTestId('standard-save').click()
    await page.locator('.el-message--success').filter({ hasText: '评查标准已保存' }).waitFor()
    await page.getByTestId('standard-row-name').getByText('行政处罚案卷评查标准（本地）').waitFor()
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

// Ticks deductions of sub-items that are not 一票否决, first unticked one of each sub-item, until
// the total drops below `below`; → the points ticked.
async function tickUntil (scope, page, totalOf, below) {
  const subs = scope.locator('.ss-sub').filter({ hasNot: page.getByText('一票否决', { exact: true }) })
  let ticked = 0
  for (let i = 0; i < await subs.count() && await totalOf() >= below; i++) {
    if (await subs.nth(i).locator('.el-checkbox.is-checked').count()) continue
    const ded = subs.nth(i).locator('.ss-ded').first()
    ticked += await number(ded.locator('.ss-ded-points'))
    await ded.locator('.el-checkbox').click()
  }
  return ticked
}

test('two scores of the demo plan in progress more than 10 points apart: the owner arbitrates', async () => {
  // The supervisor's own score of each file of the demo's plan in progress.
  const sup = await openPage(browser)
  let planPath = ''
  const supTotals = new Map()
  try {
    await login(sup.page, server.baseURL, 'supervisor')
    await sup.page.goto(server.baseURL + '/supervision/reviews?status=scoring')
    await sup.page.getByTestId('plan-link').first().click()
    await sup.page.waitForURL(/\/supervision\/reviews\/\d+$/)
    planPath = new URL(sup.page.url()).pathname
    const rows = sup.page.getByTestId('plan-items-table').locator('.el-table__body-wrapper .el-table__row')
    await rows.first().waitFor()
    for (let i = 0; i < await rows.count(); i++) {
      const caseNo = await rows.nth(i).getByTestId('item-case').getAttribute('data-case-no')
      const mine = rows.nth(i).getByTestId('item-task').filter({ hasText: '陈监督' })
      const text = await mine.innerText()
      if (/已提交/.test(text)) supTotals.set(caseNo, Number(/([\d.]+) 分/.exec(text)[1]))
    }
  } finally {
    await sup.context.close()
  }
  assert.ok(supTotals.size >= 1, 'the demo supervisor has scored files of the plan in progress')

  // The expert scores one of those files far lower.
  const ex = await openPage(browser)
  let caseNo = ''
  try {
    await login(ex.page, server.baseURL, 'expert')
    assert.ok(await openFirstTask(ex.page))
    caseNo = await ex.page.getByTestId('scoring-case-no').getAttribute('data-case-no')
    assert.ok(supTotals.has(caseNo), `the supervisor scored ${caseNo}`)
    const totalOf = () => number(ex.page.getByTestId('scoring-total'))
    await tickUntil(ex.page, ex.page, totalOf, supTotals.get(caseNo) - 10)
    assert.ok(await totalOf() < supTotals.get(caseNo) - 10)
    await submitScore(ex.page)
    assert.deepEqual(ex.errors, [])
  } finally {
    await ex.context.close()
  }

  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + planPath)
    const row = page.getByTestId('plan-items-table').locator('.el-table__body-wrapper .el-table__row')
      .filter({ has: page.locator(`[data-case-no="${caseNo}"]`) })
    await row.getByTestId('item-needs-arbitration').waitFor()
    await row.getByTestId('item-arbitrate').click()
    const dialog = page.getByTestId('arbitration-dialog')
    await dialog.getByTestId('score-sheet').waitFor()
    const totalOf = () => number(dialog.getByTestId('arbitration-total'))
    const lost = await tickUntil(dialog, page, totalOf, 100) // one deduction
    assert.equal(await totalOf(), 100 - lost)
    await dialog.getByTestId('arbitration-note').fill('两名评查人员对证据部分认定分歧较大，经复核以仲裁意见为准。')
    await pageShot(page, 'reviews-arbitration')
    await dialog.getByTestId('arbitration-submit').click()
    await page.locator('.el-message--success').filter({ hasText: '仲裁结果已保存' }).waitFor()
    assert.equal(await number(row.getByTestId('item-total')), 100 - lost, 'the arbitration\'s score is the file\'s')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
