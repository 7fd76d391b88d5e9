// The 大屏's first paint in Chromium (issue 18: < 2 s on this machine), measured, not asserted:
// the demo leader opens /screen in a fresh tab (cold cache) at 1920×1080, and we read
//   fcp   — the browser's first-contentful-paint (the header and tiles' frame),
//   ready — navigation start → the figures filled in and the trend and map charts drawn.
// Optional BENCH_CASES=N imports N generated cases (zhifa gen) into the same database first.
// Usage: ZHIFA_BIN=build/zhifa node bench/screen_paint.mjs [runs]   (build web/ first)
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import os from 'node:os'
import { startServer, login, zhifaBinary } from '../tests/e2e/lib/server.mjs'
import { launchBrowser } from '../tests/e2e/lib/browser.mjs'

const runs = Number(process.argv[2] || 5)
const server = await startServer()
const browser = await launchBrowser()
try {
  const cases = Number(process.env.BENCH_CASES || 0)
  if (cases) {
    const file = path.join(os.tmpdir(), `zhifa-screen-gen-${process.pid}.jsonl`)
    writeFileSync(file, execFileSync(zhifaBinary(), ['gen', '--seed', '1', '--cases', String(cases), '--agencies', '100'], { maxBuffer: 1 << 30 }))
    execFileSync(zhifaBinary(), ['--db', server.dbPath, 'import', file], { stdio: 'ignore' })
  }
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
  const page = await context.newPage()
  await login(page, server.baseURL, 'leader')
  const cookies = await context.cookies()
  await context.close()

  const results = []
  for (let i = 0; i < runs; i++) {
    // A fresh context each run: nothing cached but the session cookie.
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
    await ctx.addCookies(cookies)
    const p = await ctx.newPage()
    await p.goto(server.baseURL + '/screen')
    await p.waitForSelector('[data-testid=screen-trend][data-ready="1"]', { timeout: 30000 })
    await p.waitForSelector('[data-testid=chart-region][data-ready="1"]', { timeout: 30000 })
    const t = await p.evaluate(() => {
      const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')
      return { fcp: fcp ? fcp.startTime : null, ready: performance.now() }
    })
    results.push(t)
    await ctx.close()
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const fmt = (ms) => `${Math.round(ms)} ms`
  console.log(`大屏 first paint over ${runs} cold loads${cases ? ` with ${cases} generated cases` : ' (demo data)'}:`)
  console.log(`  first-contentful-paint  median ${fmt(median(results.map((r) => r.fcp)))}  max ${fmt(Math.max(...results.map((r) => r.fcp)))}`)
  console.log(`  figures and charts drawn median ${fmt(median(results.map((r) => r.ready)))}  max ${fmt(Math.max(...results.map((r) => r.ready)))}`)
} finally {
  await browser.close()
  await server.stop()
}
