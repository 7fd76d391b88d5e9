// 督办问诊 end to end against the real binary (issue 14, docs/orders.md): a supervisor ticks two
// findings of one agency on 预警看板 and issues a 督办通知书; the agency head sees the top bar's
// badge, signs for it and answers with an evidence photo on a 390-px phone; the supervisor returns
// it with reasons and a new period; the agency answers again; the supervisor accepts it (giving a
// reason while findings are still open); the alert board then shows the order on those findings.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { deflateSync } from 'node:zlib'
import { startServer, login, addUser } from './lib/server.mjs'
import { launchBrowser, openPage, screenshot, pageShot } from './lib/browser.mjs'

// demo.jsonl: the market agency of 市南区 (370202), inside the supervisor's 青岛市 (370200).
const AGENCY = { code: '113702021588139920', name: '青岛市市南区市场监督管理局' }
const PHONE = { width: 390, height: 844 }

let server
let browser

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  addUser(server, { username: 'e2e.sup', role: 'supervisor', region: '370200', displayName: '督办监督员' })
  addUser(server, { username: 'e2e.head', role: 'agency_head', agency: AGENCY.code, displayName: '整改负责人' })
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

// A small real PNG (8×8, red): the evidence photo.
function crc32 (buf) {
  let c = ~0
  for (const b of buf) {
    c ^= b
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1))
  }
  return ~c >>> 0
}
function pngChunk (type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
function redSquarePng (size = 8) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4)
  header[8] = 8; header[9] = 2 // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([220, 30, 30]))])
  const raw = Buffer.concat(Array.from({ length: size }, () => row))
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))])
}

async function settle (page) {
  await page.locator('.el-loading-mask:visible').first().waitFor({ state: 'hidden' }).catch(() => {})
}

async function alertRows (page) {
  const table = page.getByTestId('alert-table')
  await table.locator('.el-table__body-wrapper .el-table__row').first().waitFor()
  await settle(page)
  return table.locator('.el-table__body-wrapper .el-table__row')
}

async function status (page) {
  return (await page.getByTestId('order-status').first().innerText()).trim()
}

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

let orderId
let docNo
let findingCount = 0

test('a supervisor ticks two findings of one agency on 预警看板 and issues a 督办通知书', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'e2e.sup')

    // Mixing agencies is refused, in Chinese.
    await page.goto(server.baseURL + '/supervision/alerts?status=all')
    const all = await alertRows(page)
    const agencies = await all.evaluateAll((trs) => trs.map((tr) => tr.querySelector('[data-testid=finding-agency]').innerText.trim()))
    const other = agencies.findIndex((a) => a && a !== agencies[0])
    if (other > 0) {
      await all.nth(0).locator('.el-checkbox').click()
      await all.nth(other).locator('.el-checkbox').click()
      await page.locator('.el-message--warning').filter({ hasText: '只能主送一个执法主体' }).waitFor()
      assert.match(await page.getByTestId('alert-selected').innerText(), /已选 1 条/)
    }

    await page.goto(server.baseURL + `/supervision/alerts?agency=${AGENCY.code}`)
    const rows = (await alertRows(page)).filter({ hasNot: page.getByTestId('finding-order') })
    assert.ok(await rows.count() >= 2, 'two open findings of the agency without an order')
    await rows.nth(0).locator('.el-checkbox').click()
    await rows.nth(1).locator('.el-checkbox').click()
    assert.match(await page.getByTestId('alert-selected').innerText(), new RegExp(`已选 2 条（${AGENCY.name}）`))
    await pageShot(page, 'orders-alerts-ticked')
    await page.getByTestId('order-from-alerts').click()

    const drawer = page.locator('.el-drawer:visible')
    await drawer.getByTestId('of-findings').waitFor()
    assert.equal(await drawer.getByTestId('of-findings').locator('li').count(), 2)
    assert.match(await drawer.getByTestId('of-agency').innerText(), new RegExp(AGENCY.name))
    assert.match(await drawer.getByTestId('of-problem').inputValue(), /^1\. .+\n2\. /)
    assert.match(await drawer.getByTestId('of-kind-default').innerText(), /督办通知书默认整改期限 \d+ 个工作日/)

    // Inline validation: no 整改要求 yet.
    await drawer.getByTestId('of-issue').click()
    await drawer.locator('.el-form-item__error').filter({ hasText: '请填写整改要求' }).waitFor()

    // 依据 from the law library.
    await drawer.getByTestId('of-basis-search').click()
    await drawer.getByTestId('of-basis-search').locator('input').pressSequentially('立案')
    const hit = page.locator('.of-basis-popper .el-select-dropdown__item:visible').first()
    await hit.waitFor()
    await hit.click()
    const basis = drawer.getByTestId('of-basis-link').first()
    await basis.waitFor()
    assert.match(await basis.getAttribute('href'), /^\/elements\/laws\?law=\d+&article=\d+/)

    await drawer.getByTestId('of-measures').fill('立即对所涉案件逐案自查，补正立案审批手续，并建立期限提醒制度。')
    await pageShot(page, 'orders-new-drawer')
    await drawer.getByTestId('of-issue').click()

    await page.waitForURL(/\/supervision\/orders\/\d+$/)
    orderId = new URL(page.url()).pathname.split('/').pop()
    await page.getByTestId('order-status').getByText('已下发').waitFor()
    docNo = (await page.getByTestId('order-docno').innerText()).trim()
    assert.ok(docNo && !docNo.startsWith('草稿'), `a 文号 once issued (${docNo})`)
    assert.equal((await page.getByTestId('page-title').innerText()).trim(), '督办通知书')
    assert.equal(await page.getByTestId('order-finding').count(), 2)
    await page.getByTestId('order-due').first().waitFor()
    assert.equal(await page.getByTestId('act-receive').count(), 0, 'the supervisor does not sign for it')
    // Its 督办通知书 was generated at issue: listed with the 文号, previewed, served as a PDF
    const docs = page.getByTestId('order-documents')
    await docs.getByTestId('document-name').filter({ hasText: '督办通知书' }).waitFor()
    assert.ok((await docs.getByTestId('documents-table').innerText()).includes(docNo), 'the document carries the 文号')
    const pdf = await page.request.get(server.baseURL + await docs.getByTestId('document-download').first().getAttribute('href'))
    assert.equal(pdf.status(), 200)
    assert.equal(pdf.headers()['content-type'], 'application/pdf')
    await docs.getByTestId('document-preview').first().click()
    await page.getByTestId('document-frame').waitFor()
    await page.keyboard.press('Escape')
    await pageShot(page, 'orders-detail-issued')

    // The print view: an A4 document with no console chrome.
    await page.goto(server.baseURL + `/supervision/orders/${orderId}/print`)
    await page.getByTestId('print-doc').waitFor()
    assert.equal((await page.getByTestId('print-title').innerText()).trim(), '督办通知书')
    assert.equal((await page.getByTestId('print-docno').innerText()).trim(), docNo)
    assert.match(await page.getByTestId('print-to').innerText(), new RegExp(AGENCY.name))
    assert.match(await page.getByTestId('print-deadline').innerText(), /\d+ 个工作日内完成整改（即 \d{4}年\d+月\d+日 前）/)
    assert.match(await page.getByTestId('print-basis').innerText(), /《.+》第.+条/)
    assert.equal(await page.locator('.app-header').count(), 0, 'no console header on the print view')
    await page.emulateMedia({ media: 'print' })
    assert.equal(await page.getByTestId('print-now').isVisible(), false, 'the toolbar does not print')
    await page.emulateMedia({ media: 'screen' })
    await screenshot(page, 'orders-print')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

async function openAsHead (page) {
  await login(page, server.baseURL, 'e2e.head')
  const badge = page.getByTestId('order-badge')
  await badge.locator('.el-badge__content').waitFor()
  const count = Number((await badge.locator('.el-badge__content').innerText()).trim())
  await badge.click()
  await page.waitForURL(/\/cases\/orders/)
  await page.getByTestId('order-row').filter({ hasText: docNo }).click()
  await page.waitForURL(new RegExp(`/supervision/orders/${orderId}$`))
  await page.getByTestId('order-status').waitFor()
  return count
}

async function respond (page, text, shot) {
  await act(page, 'respond', async (dialog) => {
    await dialog.getByTestId('act-note').fill(text)
    await dialog.getByTestId('evidence-file').setInputFiles({ name: '整改现场.png', mimeType: 'image/png', buffer: redSquarePng() })
    await dialog.getByTestId('evidence-list').getByText('整改现场.png').waitFor()
    if (shot) await screenshot(page, shot)
  })
  await page.getByTestId('order-status').getByText('已反馈').waitFor()
}

test('the agency head, on a phone, sees the badge, signs for the order and answers with a photo', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: PHONE })
  try {
    const count = await openAsHead(page)
    assert.ok(count >= 1, `the badge counts the order waiting (${count})`)
    assert.equal(await status(page), '已下发')
    assert.equal(await page.getByTestId('act-accept').count(), 0, 'the agency cannot accept')
    await pageShot(page, 'orders-agency-phone-issued')

    await act(page, 'receive')
    await page.getByTestId('order-status').getByText('已签收').waitFor()
    await respond(page, '已对两件案件逐案自查，补正了立案审批表，建立了期限提醒台账。', 'orders-agency-phone-respond')
    await page.getByTestId('att-item').filter({ hasText: '整改现场.png' }).first().waitFor()
    // the addressee downloads the 督办通知书 addressed to it
    const docHref = await page.getByTestId('order-documents').getByTestId('document-download').first().getAttribute('href')
    assert.equal((await page.request.get(server.baseURL + docHref)).status(), 200)
    const href = await page.getByTestId('att-download').first().getAttribute('href')
    const download = await page.request.get(server.baseURL + href)
    assert.equal(download.status(), 200)
    assert.deepEqual(Buffer.from(await download.body()).subarray(0, 4), Buffer.from([137, 80, 78, 71]))

    // Nothing is wider than the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `no horizontal scrolling at 390 px (${overflow} px)`)
    await pageShot(page, 'orders-agency-phone-responded')

    await page.goto(server.baseURL + '/cases/orders')
    await page.getByTestId('inbox-all').click()
    await page.getByTestId('order-row').filter({ hasText: docNo }).waitFor()
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) <= 1, 'the inbox fits 390 px')
    await pageShot(page, 'orders-agency-phone-inbox')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('the supervisor returns the answer with reasons and a new period; the agency answers again', async () => {
  const sup = await openPage(browser)
  try {
    await login(sup.page, server.baseURL, 'e2e.sup')
    await sup.page.goto(server.baseURL + `/supervision/orders/${orderId}`)
    await sup.page.getByTestId('order-status').getByText('已反馈').waitFor()
    await sup.page.getByTestId('order-response').getByText('补正了立案审批表').waitFor()

    // 退回 needs reasons.
    await sup.page.getByTestId('act-return').click()
    const dialog = sup.page.locator('.el-dialog:visible')
    await dialog.getByTestId('act-submit').click()
    await dialog.locator('.el-form-item__error').filter({ hasText: '请填写退回理由' }).waitFor()
    await dialog.getByTestId('act-note').fill('期限提醒台账未见实际运行记录，请补充近一个月的提醒记录。')
    await dialog.getByTestId('act-deadline').locator('input').fill('5')
    await dialog.getByTestId('act-submit').click()
    await dialog.waitFor({ state: 'hidden' })
    await sup.page.getByTestId('order-status').getByText('已退回').waitFor()
    await sup.page.getByTestId('order-timeline').getByText('期限提醒台账未见实际运行记录').waitFor()
    assert.deepEqual(sup.errors, [])
  } finally {
    await sup.context.close()
  }

  const head = await openPage(browser, { viewport: PHONE })
  try {
    await openAsHead(head.page)
    assert.equal(await status(head.page), '已退回')
    await respond(head.page, '已补充近一个月的期限提醒记录（见附件）。')
    assert.deepEqual(head.errors, [])
  } finally {
    await head.context.close()
  }
})

test('the supervisor accepts it, and 预警看板 shows the order on its findings', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'e2e.sup')
    await page.goto(server.baseURL + `/supervision/orders/${orderId}`)
    await page.getByTestId('order-status').getByText('已反馈').waitFor()
    findingCount = await page.getByTestId('order-finding').count()
    const open = await page.locator('[data-testid=order-finding][data-resolved="0"]').count()

    await page.getByTestId('act-accept').click()
    const dialog = page.locator('.el-dialog:visible')
    await dialog.waitFor()
    if (open) {
      // Findings still open: a reason is required, here and by the server.
      await dialog.getByTestId('act-open-findings').waitFor()
      await dialog.getByTestId('act-submit').click()
      await dialog.locator('.el-form-item__error').filter({ hasText: '请填写核验意见' }).waitFor()
      await dialog.getByTestId('act-note').fill('整改措施已落实，所涉案件已补正，预警待下次检查消除。')
    }
    await screenshot(page, 'orders-accept-dialog')
    await dialog.getByTestId('act-submit').click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByTestId('order-status').getByText(/整改到位/).waitFor()
    assert.equal(await page.getByTestId('order-actions').locator('[data-testid^=act-]').count(), 0, 'no acts left')
    await pageShot(page, 'orders-detail-accepted')

    // The list shows it done (green), and the board shows it on both findings.
    await page.goto(server.baseURL + '/supervision/orders')
    const row = page.getByTestId('order-table').locator('.el-table__row').filter({ hasText: docNo })
    await row.waitFor()
    assert.match(await row.getByTestId('order-status').getAttribute('class'), /el-tag--success/)
    await pageShot(page, 'orders-list')

    await page.goto(server.baseURL + `/supervision/alerts?agency=${AGENCY.code}&status=all`)
    await alertRows(page)
    const badges = page.getByTestId('finding-order').filter({ hasText: docNo })
    assert.equal(await badges.count(), findingCount, 'each finding of the order shows it')
    assert.match(await badges.first().innerText(), /整改到位/)
    await pageShot(page, 'orders-alerts-with-order')
    await badges.first().click()
    await page.waitForURL(new RegExp(`/supervision/orders/${orderId}$`))
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
