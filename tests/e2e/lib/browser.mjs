// Debian's Chromium through playwright-core (no browser download). Screenshots go to artifacts/.
import { chromium } from 'playwright-core'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'artifacts')

export function launchBrowser () {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
}

// A page in its own context, zh-CN, collecting uncaught page errors so a test can assert none.
export async function openPage (browser, { viewport = { width: 1366, height: 800 } } = {}) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  page.setDefaultTimeout(10000)
  const errors = []
  page.on('pageerror', (err) => errors.push(err.message))
  return { context, page, errors }
}

export async function screenshot (page, name) {
  await mkdir(ARTIFACTS, { recursive: true })
  const file = path.join(ARTIFACTS, `${name}.png`)
  // animations: 'disabled' fast-forwards drawers and fades, so the picture shows the settled page.
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' })
  return file
}

// The console scrolls inside its main pane, so a full-page shot needs a viewport as tall as the page.
export async function pageShot (page, name) {
  const size = page.viewportSize()
  const height = await page.evaluate(() => {
    const main = document.querySelector('.app-main')
    return Math.ceil((main ? main.scrollHeight : document.body.scrollHeight) + 56)
  })
  if (height > size.height) await page.setViewportSize({ width: size.width, height })
  await page.waitForTimeout(200) // the table re-measures its columns
  await screenshot(page, name)
  await page.setViewportSize(size)
}
