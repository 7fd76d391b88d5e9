// The console shell against the real zhifa binary: title, module menu (with no placeholder page
// behind any entry), a page reached by a menu click, the health card on the 工作台, the login form's
// errors, and the phone layout.
// Every console page needs a login now: the tests sign in as the demo supervisor (lib/server.mjs).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './lib/server.mjs'
import { launchBrowser, openPage, screenshot } from './lib/browser.mjs'

const TITLE = '行政执法综合管理监督信息系统'
const MODULES = ['要素管理', '执法办案', '数据报送', '执法监督', '行政复议', '规范性文件备案审查', '法治督察考核', '统计分析', '存证核验', '系统管理']
// Modules that have no pages yet stay out of the menu until they land (issue 19).
const NOT_YET = []

let server
let browser

before(async () => {
  server = await startServer()
  const index = await (await fetch(server.baseURL + '/')).text()
  assert.ok(index.includes('<div id="app">'),
    'zhifa does not serve the console at / — build it first: cd web && npm ci && npm run build')
  browser = await launchBrowser()
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

async function breadcrumbItems (page) {
  const items = await page.getByTestId('breadcrumb').locator('.el-breadcrumb__inner').allTextContents()
  return items.map((s) => s.trim())
}

test('console shows the product title and, to the supervisor, every module in the side menu', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/')
    await page.getByTestId('app-title').waitFor()
    assert.equal((await page.getByTestId('app-title').textContent()).trim(), TITLE)
    assert.equal(await page.title(), TITLE)
    const menu = page.getByTestId('side-menu')
    for (const name of MODULES) {
      assert.ok(await menu.getByText(name, { exact: true }).isVisible(), `side menu shows ${name}`)
    }
    for (const name of NOT_YET) {
      assert.equal(await menu.getByText(name, { exact: true }).count(), 0, `side menu has no ${name}`)
    }
    assert.equal((await page.getByTestId('user-name').innerText()).trim(), '陈监督')
    assert.equal((await page.getByTestId('user-role').innerText()).trim(), '执法监督人员')
    await screenshot(page, 'desktop-home')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

// Every entry the supervisor's menu offers opens a page that works: none says 功能建设中.
test('no menu entry opens a placeholder page', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/')
    await page.locator('[data-testid=side-menu] [data-path]').first().waitFor({ state: 'attached' })
    const paths = await page.locator('[data-testid=side-menu] [data-path]').evaluateAll(
      (els) => els.map((e) => e.getAttribute('data-path')))
    assert.ok(paths.length >= 15, `the supervisor's menu has its pages (${paths.length})`)
    for (const path of paths) {
      await page.goto(server.baseURL + path)
      // the 大屏 (/screen) is a bare page: no console header, its own frame instead. Each path is a
      // full load of the console (~40 of them): with two test files sharing two cores, one load can
      // take longer than the default 10 s, which says nothing about the page.
      await page.locator('[data-testid=user-menu], [data-testid=screen]').first().waitFor({ timeout: 30000 })
      await page.waitForTimeout(300)
      const text = await page.evaluate(() => document.body.innerText)
      assert.ok(!text.includes('功能建设中'), `${path} is a placeholder`)
      assert.equal(await page.locator('.page-card > .el-card__body > .el-empty:only-child').count(), 0,
        `${path} is an empty card`)
    }
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('home page reports the server healthy with its version', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/')
    const status = page.getByTestId('health-status')
    await status.getByText('系统运行正常').waitFor()
    assert.equal((await page.getByTestId('health-version').textContent()).trim(), server.health.version)
    assert.deepEqual(await breadcrumbItems(page), ['首页'])
    await screenshot(page, 'desktop-health')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('a menu click opens the 执法主体 page with its heading and breadcrumb', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/')
    const menu = page.getByTestId('side-menu')
    await menu.getByText('要素管理', { exact: true }).click()
    await menu.getByRole('menuitem', { name: '执法主体', exact: true }).click()
    await page.waitForURL(server.baseURL + '/elements/agencies')
    await page.getByTestId('page-title').getByText('执法主体', { exact: true }).waitFor()
    assert.deepEqual(await breadcrumbItems(page), ['首页', '要素管理', '执法主体'])
    await page.getByTestId('agency-table').getByText('青岛市市南区市场监督管理局').waitFor()
    assert.match(await page.title(), /^执法主体 - 行政执法综合管理监督信息系统$/)
    await screenshot(page, 'desktop-elements-agencies')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('a deep link is served by the SPA fallback, asks for a login, and opens its page after it', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    const res = await page.goto(server.baseURL + '/supervision/alerts')
    assert.equal(res.status(), 200)
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/supervision/alerts')
    await page.getByText('用户登录').waitFor()

    await login(page, server.baseURL, 'supervisor', { here: true })
    await page.waitForURL(server.baseURL + '/supervision/alerts')
    await page.getByTestId('page-title').getByText('预警看板', { exact: true }).waitFor()
    assert.deepEqual(await breadcrumbItems(page), ['首页', '执法监督', '预警看板'])
    await screenshot(page, 'desktop-supervision-alerts')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('login form validates inline and shows the server refusal in Chinese', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await page.goto(server.baseURL + '/login')
    await page.getByText('用户登录').waitFor()
    await page.getByTestId('login-submit').click()
    await page.getByText('请输入用户名').waitFor()
    await page.getByText('请输入密码').waitFor()
    await screenshot(page, 'login-validation')

    await page.getByPlaceholder('请输入用户名').fill('no-such-user')
    await page.getByPlaceholder('请输入密码').fill('wrong-password-123')
    await page.locator('.el-form-item__error').first().waitFor({ state: 'detached' })
    await page.getByTestId('login-submit').click()
    // The server's words, which do not say whether the user exists.
    const message = page.getByTestId('login-error')
    await message.waitFor()
    assert.equal((await message.innerText()).trim(), '用户名或密码错误')
    assert.equal(new URL(page.url()).pathname, '/login')
    await screenshot(page, 'login-refused')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('at 390 px the side menu folds into a drawer behind a toggle', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/')
    await page.getByTestId('health-status').waitFor()
    assert.equal(await page.locator('.app-aside').count(), 0, 'no fixed side bar on a phone')
    assert.ok(await page.getByTestId('side-menu').isHidden(), 'menu hidden until toggled')
    const toggle = page.getByTestId('menu-toggle')
    assert.ok(await toggle.isVisible())
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`)
    await screenshot(page, 'mobile-home')

    await toggle.click()
    const menu = page.getByTestId('side-menu')
    await menu.getByText('执法监督', { exact: true }).waitFor()
    await screenshot(page, 'mobile-menu-open')
    await menu.getByText('执法监督', { exact: true }).click()
    await menu.getByRole('menuitem', { name: '预警看板', exact: true }).click()
    await page.waitForURL(server.baseURL + '/supervision/alerts')
    await page.getByTestId('page-title').getByText('预警看板', { exact: true }).waitFor()
    await menu.waitFor({ state: 'hidden' })
    await screenshot(page, 'mobile-supervision-alerts')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
