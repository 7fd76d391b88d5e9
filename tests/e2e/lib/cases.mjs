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
