// 统计分析 → 月度通报: the supervisor reads the month's 通报 on the page and downloads it as PDF and
// Excel; a list page's 导出 Excel downloads the list as a workbook with the filter on screen.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { execFileSync } from 'node:child_process'
import { startServer, login } from './lib/server.mjs'
import { launchBrowser, openPage, screenshot } from './lib/browser.mjs'

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

/** Clicks testid and returns the downloaded file's bytes and suggested name. */
async function downloadOf (page, testid) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()])
  const file = await download.path()
  return { bytes: fs.readFileSync(file), name: download.suggestedFilename(), file }
}

test('月度通报 shows the summary and downloads the PDF and the workbook', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.getByText('统计分析', { exact: true }).first().click()
    await page.getByRole('menuitem', { name: '月度通报' }).click()
    await page.waitForURL(/\/stats\/bulletin/)
    await page.getByTestId('bulletin-summary').waitFor()
    assert.match(await page.getByTestId('bulletin-summary').innerText(), /共立案行政执法案件 \d+ 件/)
    assert.ok((await page.getByTestId('bulletin-agencies').innerText()).includes('青岛市市南区市场监督管理局'))
    await screenshot(page, 'stats-bulletin')

    const pdf = await downloadOf(page, 'bulletin-pdf')
    assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-')
    assert.match(pdf.name, /\.pdf$/)
    const text = execFileSync('pdftotext', [pdf.file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    const summary = (await page.getByTestId('bulletin-summary').innerText()).replace(/\s+/g, '')
    assert.ok(text.includes(summary), 'the PDF says what the page says')

    const xlsx = await downloadOf(page, 'bulletin-xlsx')
    assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK')
    assert.match(xlsx.name, /\.xlsx$/)
    assert.match(execFileSync('unzip', ['-p', xlsx.file, 'xl/worksheets/sheet2.xml'], { encoding: 'utf8' }), /<f>SUM\(/)
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('督办问诊\'s 导出 Excel downloads the list with the filter on screen', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/supervision/orders')
    await page.getByTestId('order-total').waitFor()
    const href = await page.getByTestId('list-export').getAttribute('href')
    assert.match(href, /^\/api\/v1\/orders\/export\.xlsx/)
    const { bytes, file } = await downloadOf(page, 'list-export')
    assert.equal(bytes.subarray(0, 2).toString(), 'PK')
    const sheet = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' })
    assert.ok(sheet.includes('执法主体') && sheet.includes('督办通知书'), 'Chinese headings and names')
    const total = Number((await page.getByTestId('order-total').innerText()).match(/\d+/)[0])
    assert.equal((sheet.match(/<row /g) || []).length, total + 1, 'a heading and every order of the list')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
