// 文书核验 on the portal without logging in: the QR code's link (/portal/verify?doc=…) says which
// document is expected; a party uploads the sealed PDF and sees the sealing agency, the time and
// ✓; one byte changed and the page says the check that failed, in Chinese.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer, zhifaBinary, REPO_ROOT } from './lib/server.mjs'
import { launchBrowser, openPage, screenshot } from './lib/browser.mjs'

let server
let browser
let sealed
const AGENCY = fs.readFileSync(path.join(REPO_ROOT, 'data/demo/demo.jsonl'), 'utf8').split('\n')
  .filter((l) => l.includes('"type":"agency"')).map((l) => JSON.parse(l))[1]

// A one-page PDF as cairo writes it (poppler's cairo backend re-renders a hand-made one), sealed
// by the demo agency with `zhifa ca sign`, as the documents part seals every document.
function sealedPdf (dir) {
  const s = 'BT /F1 24 Tf 72 720 Td (Decision) Tj ET'
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${s.length} >>\nstream\n${s}\nendstream`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']
  let out = '%PDF-1.4\n'
  const at = objs.map((o, i) => { const n = out.length; out += `${i + 1} 0 obj\n${o}\nendobj\n`; return n })
  const xref = out.length
  out += `xref\n0 6\n0000000000 65535 f \n${at.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  out += `trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  fs.writeFileSync(path.join(dir, 'plain.pdf'), out)
  execFileSync('pdftocairo', ['-pdf', path.join(dir, 'plain.pdf'), path.join(dir, 'cairo.pdf')])
  execFileSync(zhifaBinary(), ['--db', server.dbPath, 'ca', 'sign', '--agency', AGENCY.code, '--doc', '1042',
    path.join(dir, 'cairo.pdf'), path.join(dir, 'sealed.pdf')])
  return fs.readFileSync(path.join(dir, 'sealed.pdf'))
}

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  sealed = sealedPdf(fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-seal-e2e-')))
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

test('a party verifies a sealed document from its QR link, then a changed copy fails', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  try {
    await page.goto(server.baseURL + '/portal/verify?doc=1042')
    await page.getByRole('heading', { name: '文书核验' }).waitFor()
    assert.match(await page.getByTestId('verify-expected').innerText(), /文书编号为 1042/)
    await page.getByTestId('verify-file').setInputFiles({ name: '决定书.pdf', mimeType: 'application/pdf', buffer: sealed })
    await page.getByTestId('verify-submit').click()
    await page.getByTestId('verify-result').waitFor({ timeout: 30000 })
    assert.match(await page.getByTestId('verify-verdict').innerText(), /✓ 电子印章有效/)
    assert.equal((await page.getByTestId('verify-agency').innerText()).trim(), AGENCY.name)
    assert.match(await page.getByTestId('verify-time').innerText(), /^\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d:\d\d（北京时间）$/)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `no sideways scroll (overflow ${overflow}px)`)
    await screenshot(page, 'seal-verify-ok-mobile')

    const changed = Buffer.from(sealed)
    changed[120] ^= 0x01
    await page.getByTestId('verify-file').setInputFiles({ name: '改过的.pdf', mimeType: 'application/pdf', buffer: changed })
    await page.getByTestId('verify-submit').click()
    await page.getByTestId('verify-verdict').getByText('✗ 核验未通过').waitFor({ timeout: 30000 })
    assert.match(await page.getByTestId('verify-verdict').innerText(), /文件已被改动/)
    await screenshot(page, 'seal-verify-changed-mobile')
    assert.deepEqual(errors.filter((e) => !/status of 4\d\d/.test(e)), [])
  } finally {
    await context.close()
  }
})
