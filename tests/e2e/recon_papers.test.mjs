// 行政复议 文书 and 决定公开 in the browser (issue 24, docs/reconsideration.md): the case page lists the
// 文书 the steps issued with the e-dossier link; the portal's 复议决定公开 shows the decision masked
// (张** — never the applicant's name, ID number or phone); the applicant opens his 文书 on the track page.
// The steps are taken through the API (tests/e2e/reconsideration.test.mjs takes them in the browser).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, addUser } from './lib/server.mjs'
import { launchBrowser, openPage } from './lib/browser.mjs'
import { login as apiLogin } from '../api/lib/zhifa.mjs'

const AGENCY = { code: '113702021588139920', name: '青岛市市南区市场监督管理局' }
const ID_NO = '370202198502020022'
const PHONE = '13987654321'
const day = (offset) => new Date(Date.now() + 8 * 3600000 + offset * 86400000).toISOString().slice(0, 10)

let server, browser, record

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  const password = addUser(server, { username: 'papers.clerk', role: 'reconsideration_officer', region: '370200', displayName: '复议承办人' })
  const api = await apiLogin(server.baseURL, 'papers.clerk', password)
  const made = await api.send('POST', '/reconsiderations', {
    applicant: { kind: 'person', name: '赵六一', id_no: ID_NO, phone: PHONE }, respondent: AGENCY.code,
    act: { doc_no: '南市监罚〔2026〕31号', decided_on: day(-30), known_on: day(-20) },
    request: '撤销行政处罚决定', facts: `申请人赵六一（电话${PHONE}）称处罚过重。`, received_on: day(-12), procedure: 'ordinary'
  })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  record = made.body
  for (const [action, on, extra] of [['accept', day(-11)], ['send_copy', day(-10)],
    ['decide', day(-2), { outcome: 'revoke', note: '原处罚决定适用依据错误。' }]]) {
    const r = await api.send('POST', `/reconsiderations/${record.id}/actions`, { action, on, ...extra })
    assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`)
  }
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

test('the case page lists the 文书 and the e-dossier; the portal publishes the decision masked; the applicant opens his 文书', async () => {
  const staff = await openPage(browser)
  const s = staff.page
  await login(s, server.baseURL, 'papers.clerk')
  await s.goto(`${server.baseURL}/reconsideration/cases/${record.id}`)
  const docs = s.getByTestId('recon-documents')
  await docs.getByText('行政复议决定书').first().waitFor({ timeout: 30000 })
  const names = await docs.getByTestId('document-name').allInnerTexts()
  for (const n of ['行政复议受理通知书', '提出行政复议答复通知书', '行政复议决定书']) assert.ok(names.includes(n), names.join(','))
  assert.match(await s.getByTestId('recon-dossier-link').getAttribute('href'), new RegExp(`/reconsiderations/${record.id}/dossier\\.zip$`))
  await s.getByTestId('recon-publication').getByText('已在门户').waitFor()

  const citizen = await openPage(browser)
  const p = citizen.page
  await p.goto(server.baseURL + '/portal/reconsideration/decisions')
  const card = p.getByTestId('recon-decision').filter({ hasText: record.case_no })
  await card.waitFor({ timeout: 30000 })
  const text = await card.innerText()
  assert.match(text, /赵\*\*/)
  for (const secret of ['赵六一', ID_NO, PHONE]) assert.ok(!text.includes(secret), `the public card shows ${secret}`)
  assert.match(text, /撤销/)

  await p.goto(server.baseURL + '/portal/reconsideration/track')
  await p.getByTestId('track-case-no').fill(record.case_no)
  await p.getByTestId('track-id-no').fill(ID_NO)
  await p.getByTestId('track-phone').fill(PHONE)
  await p.getByTestId('track-submit').click()
  const mine = p.getByTestId('track-documents')
  await mine.getByText('行政复议决定书').waitFor({ timeout: 30000 })
  assert.ok(!(await mine.innerText()).includes('答复通知书'), 'the respondent\'s notice is not his')
  for (const ctx of [staff, citizen]) {
    assert.deepEqual(ctx.errors, [])
    await ctx.context.close()
  }
})
