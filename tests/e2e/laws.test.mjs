// 法律法规库 against the real zhifa binary: search 听证, click the 行政处罚法 第六十四条 hit and read
// the article in the law's full text; 1-character search; an over-long term refused inline; the
// alerts board's citation link (?q=《法名》第N条) opening the article; the phone layout at 390 px.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.mjs'
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

async function search (page, term) {
  await page.getByTestId('law-search-input').fill(term) // el-input puts the attribute on its <input>
  await page.getByTestId('law-search-button').click()
}

async function hitTitles (page) {
  await page.getByTestId('law-hit').first().waitFor()
  return (await page.getByTestId('law-hit').locator('.law-hit-title').allInnerTexts()).map((s) => s.replace(/\s+/g, ''))
}

// The focused article is scrolled into the console's scrolling pane.
async function assertInView (page, locator) {
  const box = await locator.boundingBox()
  const vp = page.viewportSize()
  assert.ok(box && box.y >= 0 && box.y < vp.height, `article in view (y=${box && box.y})`)
}

test('search 听证, click the 行政处罚法 hit and read 第六十四条 in the full text', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await page.goto(server.baseURL + '/elements/laws')
    await page.getByTestId('page-title').getByText('法律法规库', { exact: true }).waitFor({ timeout: 30000 }) // a cold browser
    await page.getByTestId('law-list').getByText('行政处罚法', { exact: true }).waitFor()

    await search(page, '听证')
    await page.waitForURL(/\?q=%E5%90%AC%E8%AF%81/)
    const titles = await hitTitles(page)
    assert.ok(titles.includes('行政处罚法第六十四条'), titles.join(' '))
    assert.match(await page.getByTestId('law-total').innerText(), /共 \d+ 条/)
    const hit = page.getByTestId('law-hit').filter({ hasText: '行政处罚法' }).filter({ hasText: '第六十四条' })
    assert.equal(await hit.locator('mark').first().innerText(), '听证')
    await screenshot(page, 'desktop-laws-search')

    await hit.locator('.law-hit-title').click()
    await page.waitForURL(/law=\d+&article=64/)
    const reader = page.getByTestId('law-reader')
    await reader.getByTestId('law-title').getByText('中华人民共和国行政处罚法').waitFor()
    const art = page.locator('#art-64')
    await art.waitFor()
    assert.match(await art.innerText(), /^第六十四条\s*听证应当依照以下程序组织/)
    assert.match(await art.getAttribute('class'), /focused/)
    assert.equal((await page.getByTestId('law-current').innerText()).trim(), '第六十四条')
    await assertInView(page, art)
    // chapters and sections around it
    await reader.getByText('第五章 行政处罚的决定').waitFor()
    await reader.getByText('第四节 听证程序').waitFor()
    await screenshot(page, 'desktop-laws-article')

    await page.getByTestId('law-next').click()
    await page.waitForURL(/article=65/)
    assert.equal((await page.getByTestId('law-current').innerText()).trim(), '第六十五条')
    await page.getByTestId('law-back').click()
    await page.waitForURL((u) => !u.search.includes('law='))
    assert.ok((await hitTitles(page)).includes('行政处罚法第六十四条'))
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('a 1-character term finds articles; more than 20 characters is refused inline', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await page.goto(server.baseURL + '/elements/laws?q=' + encodeURIComponent('罚'))
    const titles = await hitTitles(page)
    assert.ok(titles.filter((t) => t.startsWith('行政处罚法')).length >= 3, titles.join(' '))
    await search(page, '行政处罚法关于听证程序的规定以及罚款当场收缴')
    await page.getByTestId('law-search-error').getByText('检索词过长：最多 20 个字').waitFor()
    assert.match(page.url(), /q=%E7%BD%9A$/) // still the last good search
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('a citation from the alerts board opens the cited article', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    const cite = '《中华人民共和国行政处罚法》第六十四条、第八十五条'
    await page.goto(server.baseURL + '/elements/laws?q=' + encodeURIComponent(cite))
    await page.waitForURL(/law=\d+&article=64/)
    await page.locator('#art-64.focused').waitFor()
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('on a 390-px phone: search, open a hit, read the article; pick a law from the select', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  try {
    await page.goto(server.baseURL + '/elements/laws')
    await search(page, '当场收缴')
    const titles = await hitTitles(page)
    assert.equal(titles[0], '行政处罚法第六十八条')
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `no horizontal scrolling (${overflow}px)`)
    await screenshot(page, 'mobile-laws-search')
    await page.getByTestId('law-hit').first().locator('.law-hit-title').click()
    const art = page.locator('#art-68.focused')
    await art.waitFor()
    await assertInView(page, art)
    await screenshot(page, 'mobile-laws-article')

    await page.getByTestId('law-select').click()
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: '行政许可法' }).first().click()
    await page.getByTestId('law-title').getByText('中华人民共和国行政许可法').waitFor()
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
