// The monthly_report counts (spec/exchange-v1.md) with their Chinese labels; money in yuan.
export const COUNT_FIELDS = [
  { key: 'penalty', label: '行政处罚（件）' },
  { key: 'license', label: '行政许可（件）' },
  { key: 'coercion', label: '行政强制（件）' },
  { key: 'inspection', label: '行政检查（次）' },
  { key: 'fine_total', label: '罚没金额（元）', money: true },
  { key: 'reconsideration', label: '被申请行政复议（件）' },
  { key: 'litigation', label: '被提起行政诉讼（件）' },
  { key: 'overturned', label: '被撤销、变更、确认违法（件）' }
]

const pad = (n) => String(n).padStart(2, '0')
// The month before today's: what an agency reports now.
export function previousMonth (today = new Date()) {
  const d = new Date(today.getFullYear(), today.getMonth() - 1, 1)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`
}
export const isMonth = (s) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s || '')
