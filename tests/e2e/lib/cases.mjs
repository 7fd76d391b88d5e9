// Browser steps shared by the case-handling tests: filing a 线索 from 我的案件.
// Files an ordinary penalty 线索 (power SC-CF-001, the two demo officers) through the 新建线索
// dialog and waits for its 案件办理 page; returns the provisional case number.
export async function fileCase (page, base, { party, partyId } = {}) {
  await page.goto(base + '/cases/mine')
  await page.getByTestId('page-title').getByText('我的案件', { exact: true }).waitFor()
  await page.getByTestId('new-case').click()
  await page.getByTestId('new-power').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: 'SC-CF-001' }).click()
  await page.getByTestId('new-party-name').fill(party)
  if (partyId) await page.getByTestId('new-party-id').fill(partyId)
  await page.getByTestId('new-officers').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '37020200001' }).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '37020200002' }).click()
  await page.locator('.el-dialog__title', { hasText: '新建线索' }).click()
  await page.getByTestId('new-submit').click()
  await page.waitForURL(/\/cases\/handle\//)
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop())
}

// Picks `option` in the Element Plus select whose root carries `testId` (inside `scope`).
async function pickIn (page, scope, testId, option) {
  const item = page.locator('.el-select-dropdown__item:visible', { hasText: option }).first()
  for (let tries = 0; tries < 3; tries++) {
    await scope.getByTestId(testId).click()
    if (await item.waitFor({ timeout: 3000 }).then(() => true, () => false)) break
  }
  await item.click()
  await page.waitForTimeout(300) // let the dropdown fade out before the next one opens
}

// The text box of an Element Plus input whose test id sits on the <input> itself (el-input) or on a
// wrapper (el-date-picker, el-autocomplete).
const textBox = (scope, testId) =>
  scope.locator(`:is(input, textarea)[data-testid="${testId}"], [data-testid="${testId}"] :is(input, textarea)`).first()

// The 案情 an officer writes before 告知 (docs/case-record.md "Substance"), as the tests fill it.
export const SUBSTANCE_TEXT = {
  cause: '销售超过保质期的食品',
  facts: '经查，当事人在其经营场所货架上陈列销售超过保质期的预包装食品“鲜牛奶（250ml/盒）”共12件，货值金额180元。',
  evidence: { name: '现场检查笔录', kind: '勘验笔录、现场笔录', proves: '当事人陈列销售超过保质期食品的事实' },
  law: '中华人民共和国食品安全法',
  violation: '第三十四条第（十）项',
  penalty: '第一百二十四条第一款第（五）项'
}

// Fills the 案情 section of the open 案件办理 page and saves it: 案由, 违法事实, one evidence item
// (its file picked from the case's attachments when `attachment` names one), both bases, and
// optionally the party's statement with its review. Waits for the saved view.
export async function fillSubstance (page, { attachment, defense } = {}) {
  const s = SUBSTANCE_TEXT
  await page.getByTestId('substance-edit').click()
  const form = page.getByTestId('substance-form')
  await textBox(form, 'sf-cause').fill(s.cause)
  await textBox(form, 'sf-facts').fill(s.facts)
  const row = form.getByTestId('sf-evidence-row').last()
  await textBox(row, 'sf-ev-name').fill(s.evidence.name)
  await pickIn(page, row, 'sf-ev-kind', s.evidence.kind)
  if (attachment) await pickIn(page, row, 'sf-ev-attachment', attachment)
  await textBox(row, 'sf-ev-proves').fill(s.evidence.proves)
  for (const [id, article] of [['violation_basis', s.violation], ['penalty_basis', s.penalty]]) {
    if (!(await form.getByTestId(`sf-${id}-row`).count())) await form.getByTestId(`sf-${id}-add`).click()
    const b = form.getByTestId(`sf-${id}-row`).last()
    await textBox(b, `sf-${id}-law`).fill(s.law)
    await textBox(b, `sf-${id}-article`).fill(article)
    await page.keyboard.press('Escape') // close the law suggestions
  }
  if (defense) {
    const on = textBox(form, 'sf-def-received')
    await on.fill(defense.received_on)
    await on.press('Enter')
    await textBox(form, 'sf-def-summary').fill(defense.summary)
    await pickIn(page, form, 'sf-def-adopted', defense.adopted)
    await textBox(form, 'sf-def-reason').fill(defense.reason)
  }
  await form.getByTestId('substance-save').click()
  await page.getByTestId('substance-view').getByText(s.cause).waitFor()
}
