// 多级汇聚 → 下级节点 against three real instances: the province (the demo database, its system
// administrator logs in), the city and the county (fresh databases). The county pushes its 市南区
// records in batches of 5 and is cut off after two (ZHIFA_SYNC_TEST_DIE_AFTER, docs/sync.md), so it
// still has work pending; the city relays. The province's page shows the city below it and the
// county below the city, each with the lag its last batch reported — computed here from the file.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer, login, zhifaBinary } from './lib/server.mjs'
import { startServer as startPlain } from '../api/lib/zhifa.mjs'
import { launchBrowser, openPage, screenshot } from './lib/browser.mjs'

const BATCH = 5
const CITY_ADMIN_PASSWORD = 'Zf-city_admin-Pass-2026'
const SENT_BATCHES = 2
let prov, city, browser, dir, countyLines

const zhifa = (db, args, env = {}) => spawnSync(zhifaBinary(), ['--db', db, ...args],
  { encoding: 'utf8', env: { ...process.env, ...env } })
const sql = (db, q) => execFileSync('sqlite3', ['-cmd', '.timeout 10000', db, q], { encoding: 'utf8' }).trim()

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-e2e-sync-'))
  prov = await startServer()
  const cityDb = path.join(dir, 'city.db')
  const countyDb = path.join(dir, 'county.db')
  for (const db of [cityDb, countyDb]) {
    assert.equal(zhifa(db, ['init']).status, 0)
    sql(db, "UPDATE settings SET value = '0' WHERE name = 'sync_push_every_s'")
  }
  sql(prov.dbPath, "UPDATE settings SET value = '0' WHERE name = 'sync_push_every_s'")
  city = await startPlain({ db: cityDb, args: ['--sweep-every', '0'] })
  const token = (db, name, region) => zhifa(db, ['node', 'add', '--name', name, '--region', region]).stdout.trim().split('\n').at(-1)
  assert.equal(zhifa(cityDb, ['sync', 'enrol', '--upper', prov.baseURL, '--token', token(prov.dbPath, '青岛市', '370200')]).status, 0)
  assert.equal(zhifa(countyDb, ['sync', 'enrol', '--upper', city.base, '--token', token(cityDb, '市南区', '370202')]).status, 0)

  const all = zhifa(prov.dbPath, ['export']).stdout.trim().split('\n').map((l) => JSON.parse(l))
  const ours = new Set(all.filter((r) => r.type === 'agency' && r.region === '370202').map((r) => r.code))
  countyLines = all.filter((r) => (r.type === 'agency' && ours.has(r.code)) || ((r.type === 'officer' || r.type === 'case') && ours.has(r.agency)))
  const file = path.join(dir, 'county.jsonl')
  fs.writeFileSync(file, countyLines.map((r) => JSON.stringify(r)).join('\n') + '\n')
  assert.equal(zhifa(countyDb, ['import', file]).status, 0)
  sql(countyDb, `UPDATE settings SET value = '${BATCH}' WHERE name = 'sync_batch_lines'`)
  assert.equal(zhifa(countyDb, ['sync', 'push'], { ZHIFA_SYNC_TEST_DIE_AFTER: String(SENT_BATCHES) }).status, 3)
  // the province publishes a rule configuration and a 行政区划 addition: the city's push brings them down
  sql(prov.dbPath, `INSERT INTO rule_config_versions(version, created_at, created_by, overrides) SELECT max(version) + 1,
    '2026-12-01T00:00:00Z', 'e2e', '[{"param":"hearing_person_fen","sector":"","region":"","value":300000}]' FROM rule_config_versions`)
  assert.equal(zhifa(prov.dbPath, ['sync', 'publish', '--rule-config']).status, 0)
  const regions = path.join(dir, 'regions.tsv')
  fs.writeFileSync(regions, '370298\t青岛测试新区\n')
  assert.equal(zhifa(prov.dbPath, ['sync', 'publish', '--regions', regions]).status, 0)
  execFileSync(zhifaBinary(), ['--db', cityDb, 'user', 'add', '--username', 'city_admin', '--role', 'sysadmin', '--password-stdin'],
    { input: CITY_ADMIN_PASSWORD + '\n' })
  const relayed = zhifa(cityDb, ['sync', 'push'])
  assert.equal(relayed.status, 0, relayed.stderr)
  browser = await launchBrowser()
})

after(async () => {
  if (browser) await browser.close()
  if (city) await city.stop()
  if (prov) await prov.stop()
  if (dir && !process.env.ZHIFA_KEEP_TMP) fs.rmSync(dir, { recursive: true, force: true })
})

test('下级节点 shows the city and, below it, the county, each with its lag', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await login(page, prov.baseURL, 'sysadmin')
    await page.goto(prov.baseURL + '/')
    await page.getByTestId('side-menu').getByText('多级汇聚', { exact: true }).click()
    await page.getByTestId('side-menu').getByText('下级节点', { exact: true }).click()
    await page.getByTestId('sync-node-市南区').waitFor()
    assert.equal((await page.getByTestId('sync-level-青岛市').innerText()).trim(), '下级')
    assert.equal((await page.getByTestId('sync-level-市南区').innerText()).trim(), '下下级')
    assert.equal((await page.getByTestId('sync-lag-青岛市').innerText()).trim(), '0 条')
    // the county sent two batches of BATCH lines before it was cut off; the rest is its lag
    const lag = countyLines.length - SENT_BATCHES * BATCH
    assert.ok(lag > 0)
    assert.equal((await page.getByTestId('sync-lag-市南区').innerText()).trim(), `${lag} 条`)
    assert.equal((await page.getByTestId('sync-status-青岛市').innerText()).trim(), '正常')
    await screenshot(page, 'sync-nodes')

    await page.getByTestId('side-menu').getByText('交换批次', { exact: true }).click()
    await page.getByTestId('sync-batches-table').locator('.el-table__body-wrapper .el-table__row').first().waitFor()
    assert.match(await page.getByTestId('sync-batches-table').innerText(), /来自 青岛市/)
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})

test('交换批次 on the city shows what came down: the rule configuration and the 行政区划 table, in words', async () => {
  const { context, page, errors } = await openPage(browser)
  try {
    await page.goto(city.base + '/login')
    await page.getByPlaceholder('请输入用户名').fill('city_admin')
    await page.getByPlaceholder('请输入密码').fill(CITY_ADMIN_PASSWORD)
    await page.getByTestId('login-submit').click()
    await page.getByTestId('user-menu').waitFor()
    await page.goto(city.base + '/sync/batches')
    const down = page.getByTestId('sync-batches-table').locator('.el-table__body-wrapper .el-table__row', { hasText: '上级下发' }).first()
    await down.waitFor()
    await down.locator('.el-table__expand-icon').click()
    const changes = page.getByTestId('sync-batch-changes').first()
    await changes.waitFor()
    const text = await changes.innerText()
    assert.match(text, /规则配置（监督规则阈值）\s+已更新/)
    assert.match(text, /行政区划表（新增、更名的区划）\s+已更新/)
    assert.doesNotMatch(text, /rule_config|code_table/)
    await screenshot(page, 'sync-batches-down')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
  }
})
