// 执法文书 on the case page (issue 17): the officer opens the demo's closed showcase case (party
// 青岛龘鑫面粉加工有限公司) and finds its documents listed by name, 文号 and version; the preview
// shows the PDF in a frame of the page; a 更正 with its reason makes version 2 beside version 1. Page 1
// of the 决定书, drawn by poppler's pdftoppm, is saved as an artefact (decision-page1.png) with a
// shot of the list.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { startServer, login } from './lib/server.mjs'
import { launchBrowser, openPage, pageShot, ARTIFACTS } from './lib/browser.mjs'

const CASE = '线索-113702021588139920-12'
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

test('the case page lists its 执法文书, previews the 决定书 and makes a correction version 2', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'officer')
    await page.goto(`${server.baseURL}/cases/handle/${encodeURIComponent(CASE)}`)
    const card = page.getByTestId('case-documents')
    await card.getByTestId('document-name').first().waitFor()
    const names = await card.getByTestId('document-name').allInnerTexts()
    for (const n of ['立案审批表', '行政处罚事先告知书', '行政处罚决定书', '送达回证', '结案审批表']) assert.ok(names.includes(n), n)
    const row = card.locator('tr', { hasText: '行政处罚决定书' })
    assert.match(await row.innerText(), /南市监处罚〔2026〕18号/)
    assert.match(await row.innerText(), /第 1 版/)
    await card.scrollIntoViewIfNeeded()
    await pageShot(page, 'documents-list')

    // preview: the PDF itself in a frame of the page, served inline
    await row.getByTestId('document-preview').click()
    const frame = page.getByTestId('document-frame')
    await frame.waitFor()
    const src = await frame.getAttribute('src')
    const pdf = await page.evaluate(async (u) => {
      const r = await fetch(u)
      return { type: r.headers.get('content-type'), head: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)) }
    }, src)
    assert.deepEqual(pdf, { type: 'application/pdf', head: '%PDF-' })
    await page.keyboard.press('Escape')

    // page 1 of the 决定书 as an image, for a person to look at
    const bytes = await page.evaluate(async (u) => Array.from(new Uint8Array(await (await fetch(u)).arrayBuffer())), src)
    await mkdir(ARTIFACTS, { recursive: true })
    const file = path.join(ARTIFACTS, 'decision.pdf')
    await writeFile(file, Buffer.from(bytes))
    const r = spawnSync('pdftoppm', ['-r', '110', '-f', '1', '-l', '1', '-singlefile', '-png', file, path.join(ARTIFACTS, 'decision-page1')])
    assert.equal(r.status, 0, String(r.stderr))

    // 更正: a reason, then version 2 listed, version 1 still reachable
    await row.getByTestId('document-correct').click()
    await page.getByTestId('document-reason').fill('更正送达地址') // Element Plus puts the attribute on the textarea
    await page.getByTestId('document-correct-submit').click()
    await card.locator('tr', { hasText: '行政处罚决定书' }).filter({ hasText: '第 2 版' }).waitFor()
    assert.match(await card.locator('tr', { hasText: '行政处罚决定书' }).innerText(), /第 1 版/)
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
