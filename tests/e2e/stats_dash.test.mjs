// 统计分析 dashboards (issue 18, docs/analytics.md): each role's 工作台 draws its charts from the
// demo's data, the 大屏 paints the region at a glance with its map, and a click on a chart opens the
// list behind it with the filter applied. The figures shown are compared with the stats API's own
// answer read in the same session; screenshots at 1440 and 1920 px go to artifacts/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './lib/server.mjs'
import { launchBrowser, openPage, pageShot, screenshot } from './lib/browser.mjs'

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

const api = (page, path) => page.evaluate(async (p) => {
  const res = await fetch(p)
  if (!res.ok) throw new Error(`${p}: HTTP ${res.status}`)
  return res.json()
}, path)

// A chart has drawn when its component says so and its canvas holds something.
async function chartDrawn (page, testid) {
  const chart = page.getByTestId(testid)
  await chart.and(page.locator('[data-ready="1"]')).waitFor({ timeout: 20000 })
  const painted = await chart.evaluate((el) => {
    const c = el.querySelector('canvas')
    if (!c) return false
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true
    return false
  })
  assert.ok(painted, `${testid} drew nothing`)
}

// Clicks the item at `pointOf(chart)` → [x, y] in the chart's own pixels (a canvas has no element
// per bar: the position comes from ECharts' convertToPixel on the instance the component exposes).
async function clickChart (page, testid, pointOf) {
  const chart = page.getByTestId(testid)
  await chart.scrollIntoViewIfNeeded()
  await page.waitForTimeout(200) // the chart settles in its place
  const [x, y] = await chart.evaluate(pointOf)
  const box = await chart.boundingBox()
  await page.mouse.click(box.x + x, box.y + y)
}

// The bar of series 0 with the largest value, horizontal bars (category on y) → [x, y] and its key.
const largestHorizontalBar = (el) => {
  const c = el.__echart
  const data = c.getOption().series[0].data
  let i = 0
  for (let j = 1; j < data.length; j++) if (data[j].value > data[i].value) i = j
  return c.convertToPixel({ seriesIndex: 0 }, [data[i].value / 2, i])
}

async function shotsAt (page, name, widths = [1440, 1920]) {
  const before = page.viewportSize()
  for (const width of widths) {
    await page.setViewportSize({ width, height: width === 1920 ? 1080 : 900 })
    await page.waitForTimeout(300) // the charts follow their box's size
    await pageShot(page, `${name}-${width}`)
  }
  await page.setViewportSize(before)
}

for (const [role, charts] of [
  ['officer', ['chart-my-deadlines']],
  ['head', ['chart-queue', 'chart-home-rules']],
  ['supervisor', ['chart-queue', 'chart-home-rules', 'chart-home-trend']],
  ['leader', ['chart-home-trend', 'chart-region']]
]) {
  test(`the ${role}’s 工作台 draws his charts from the data`, async () => {
    const { context, page, errors } = await openPage(browser, { viewport: { width: 1440, height: 900 } })
    try {
      await login(page, server.baseURL, role)
      await page.goto(server.baseURL + '/')
      await page.getByTestId('role-charts').waitFor()
      for (const id of charts) await chartDrawn(page, id)
      if (role === 'leader') {
        const bundle = await api(page, '/api/v1/stats/screen')
        const summary = bundle.summary
        assert.ok(summary.cases > 0, 'the demo region has cases')
        const shown = await page.getByTestId('home-summary').innerText()
        assert.match(shown, new RegExp(`${summary.cases}\\s*件\\s*案件总数`))
      }
      await shotsAt(page, `stats-home-${role}`)
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
    }
  })
}

test('the 大屏 paints the region: figures equal to the API, trend, rules and a map of its districts', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1920, height: 1080 } })
  try {
    await login(page, server.baseURL, 'leader')
    await page.goto(server.baseURL + '/screen')
    await page.getByTestId('screen').waitFor()
    await chartDrawn(page, 'screen-trend')
    await chartDrawn(page, 'chart-region')
    const bundle = await api(page, '/api/v1/stats/screen?region=370200')
    const summary = bundle.summary
    assert.equal(await page.locator('[data-tile="cases"] .screen-tile-value').innerText().then((t) => parseInt(t, 10)), summary.cases)
    assert.equal(await page.locator('[data-tile="findings_open"] .screen-tile-value').innerText().then((t) => parseInt(t, 10)), summary.findings_open)
    assert.match(await page.getByTestId('screen-title').innerText(), /青岛市/)
    // 青岛市's ten districts (data/regions.tsv) are outlined on the map, each district the API
    // counts coloured by its figure; the city's own agencies (本级) are told beside it.
    assert.equal(await page.getByTestId('region-map').getAttribute('data-view'), 'map')
    const drawn = await page.getByTestId('chart-region').evaluate((el) => {
      const c = el.__echart
      const data = c.getModel().getSeriesByIndex(0).getData()
      const names = []
      for (let i = 0; i < data.count(); i++) names.push(data.getName(i))
      // getOption() lists every outline; those the API gave a figure carry a value
      const coloured = c.getOption().series[0].data.filter((d) => d.value !== undefined).map((d) => [d.name, d.value])
      return { outlined: names.sort(), coloured }
    })
    assert.deepEqual(drawn.outlined, ['370202', '370203', '370211', '370212', '370213', '370214', '370215', '370281', '370283', '370285'])
    const districts = bundle.by_region.items.filter((r) => r.region !== '370200')
    assert.deepEqual(drawn.coloured, districts.map((r) => [r.region, r.alerts_per_100 === null ? '-' : r.alerts_per_100]))
    const own = bundle.by_region.items.find((r) => r.region === '370200')
    if (own) assert.match(await page.getByTestId('region-map-note').innerText(), /本级/)
    await screenshot(page, 'stats-screen-1920')
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.waitForTimeout(300)
    await screenshot(page, 'stats-screen-1440')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('a click on an agency’s bar in 数据看板 opens 案件查询 filtered by that agency', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1440, height: 900 } })
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/stats/dashboard')
    await chartDrawn(page, 'chart-agency')
    await pageShot(page, 'stats-dashboard-1440')
    const key = await page.getByTestId('chart-agency').evaluate((el) => {
      const data = el.__echart.getOption().series[0].data
      return data.reduce((a, b) => (b.value > a.value ? b : a)).key
    })
    await clickChart(page, 'chart-agency', largestHorizontalBar)
    await page.waitForURL(new RegExp(`/supervision/cases\\?agency=${key}$`))
    const agencies = await api(page, '/api/v1/stats/by-agency')
    const name = agencies.items.find((a) => a.agency === key).name
    await page.getByTestId('case-drill-agency').getByText(`执法主体：${name}`).waitFor()
    const expected = await api(page, `/api/v1/cases?agency=${key}&size=1`)
    await page.getByTestId('case-total').getByText(`共 ${expected.total} 件`).waitFor()
    for (const row of await page.getByTestId('case-table').locator('.el-table__body tr').all()) {
      assert.match(await row.innerText(), new RegExp(name))
    }
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('a click on a district of the leader’s map opens 案件查询 of that district', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1440, height: 900 } })
  try {
    await login(page, server.baseURL, 'leader')
    await page.goto(server.baseURL + '/stats/dashboard')
    await chartDrawn(page, 'chart-region')
    // 市南区 (370202) holds the demo's busiest agency; click the middle of its outline.
    await clickChart(page, 'chart-region', (el) => {
      const c = el.__echart
      const region = c.getModel().getSeriesByIndex(0).coordinateSystem.getRegion('370202')
      return c.convertToPixel({ seriesIndex: 0 }, region.getCenter())
    })
    await page.waitForURL(/\/supervision\/cases\?region=370202$/)
    const expected = await api(page, '/api/v1/cases?region=370202&size=1')
    assert.ok(expected.total > 0)
    await page.getByTestId('case-total').getByText(`共 ${expected.total} 件`).waitFor()
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('a click on a rule’s bar opens 预警看板 filtered by that rule', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1440, height: 900 } })
  try {
    await login(page, server.baseURL, 'supervisor')
    await page.goto(server.baseURL + '/stats/dashboard')
    await chartDrawn(page, 'chart-rules')
    const key = await page.getByTestId('chart-rules').evaluate((el) => {
      const data = el.__echart.getOption().series[0].data
      return data.reduce((a, b) => (b.value > a.value ? b : a)).key
    })
    await clickChart(page, 'chart-rules', largestHorizontalBar)
    await page.waitForURL((url) => url.pathname === '/supervision/alerts' && url.searchParams.get('rule') === key.rule)
    const expected = await api(page, `/api/v1/findings?status=open&rule=${key.rule}&severity=${key.severity}&size=1`)
    const rules = await api(page, '/api/v1/stats/by-rule')
    const open = rules.items.find((r) => r.rule === key.rule && r.severity === key.severity).open
    assert.equal(expected.total, open, 'the rule’s bar counts the findings the list shows')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('案件查询 and 执法人员 opened with an agency in the URL (the drill-down links) show only its rows', async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1440, height: 900 } })
  try {
    await login(page, server.baseURL, 'supervisor')
    const agencies = await api(page, '/api/v1/agencies?size=200')
    const agency = agencies.items.find((a) => a.code === '11370203869879736T') // 市北区交通运输局 (data/demo)
    const expected = await api(page, `/api/v1/cases?agency=${agency.code}&sector=transport&size=1`)
    await page.goto(`${server.baseURL}/supervision/cases?agency=${agency.code}&sector=transport`)
    await page.getByTestId('case-drill-agency').getByText(`执法主体：${agency.name}`).waitFor()
    assert.match(await page.getByTestId('case-drill-sector').innerText(), /交通运输/)
    await page.getByTestId('case-total').getByText(`共 ${expected.total} 件`).waitFor()
    // removing the tag lifts that filter
    const all = await api(page, '/api/v1/cases?sector=transport&size=1')
    await page.getByTestId('case-drill-agency').locator('.el-tag__close').click()
    await page.getByTestId('case-total').getByText(`共 ${all.total} 件`).waitFor()

    const officers = await api(page, `/api/v1/officers?agency=${agency.code}&size=200`)
    await page.goto(`${server.baseURL}/elements/officers?agency=${agency.code}`)
    const table = page.getByTestId('officer-table')
    await table.locator('.el-table__body tr').first().waitFor()
    assert.equal(await table.locator('.el-table__body tr').count(), officers.items.length)
    for (const row of await table.locator('.el-table__body tr').all()) assert.match(await row.innerText(), new RegExp(agency.name))
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
