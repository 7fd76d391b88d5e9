// What one user loaded stays with him: after 退出登录 the next user in the same tab (no page reload)
// sees the names of his own data scope, never those the first user's scope held. The console
// keeps agency names, the rule catalogue and the dictionaries per session; logout clears them.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { startServer, login, strongPassword, zhifaBinary } from './lib/server.mjs'
import { launchBrowser, openPage, screenshot } from './lib/browser.mjs'

// demo.jsonl: the demo officer's agency, and another agency of the demo region.
const AGENCY_A = { code: '113702021588139920', name: '青岛市市南区市场监督管理局' }
const AGENCY_B = { code: '11370203869879736T', name: '青岛市市北区交通运输局' }

let server
let browser

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  const password = strongPassword()
  execFileSync(zhifaBinary(), ['--db', server.dbPath, 'user', 'add', '--username', 'traffic', '--role', 'officer',
    '--agency', AGENCY_B.code, '--password-stdin'], { input: password + '\n' })
  server.users.set('traffic', { role: 'officer', password, changed: false })
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

async function logout (page) {
  await page.getByTestId('user-menu').click()
  await page.getByTestId('logout').click()
  await page.waitForURL((url) => url.pathname === '/login')
}

// 我的信息 through the user menu: a route change inside the app, not a page load.
async function openProfile (page) {
  await page.getByTestId('user-menu').click()
  await page.getByTestId('menu-profile').click()
  await page.waitForURL((url) => url.pathname === '/system/profile')
  await page.getByTestId('profile-info').waitFor()
}

test('after logout the next user in the tab sees his own agency name, not the previous user\'s', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'officer')
    await openProfile(page)
    await page.getByTestId('profile-info').getByText(AGENCY_A.name).waitFor()

    // Mark the document: if it is still marked after the second login, no page load happened
    // in between and module state of the first session could have survived.
    await page.evaluate(() => { window.__sameTab = true })
    await logout(page)
    await login(page, server.baseURL, 'traffic', { here: true })
    assert.equal(await page.evaluate(() => window.__sameTab), true, 'the second login happened in the same document')

    await openProfile(page)
    await page.getByTestId('profile-info').getByText(AGENCY_B.name).waitFor({ timeout: 5000 })
      .catch(() => { throw new Error(`the second user's agency should show as "${AGENCY_B.name}", not as a bare code left by the first user's cached names`) })
    const text = await page.locator('.app-main').innerText()
    assert.ok(!text.includes(AGENCY_A.name), 'the first user\'s agency name is nowhere on the second user\'s page')
    await screenshot(page, 'session-caches-second-user-profile')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
