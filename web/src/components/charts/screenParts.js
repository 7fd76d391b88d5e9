// The 大屏 bundle (GET /api/v1/stats/screen) taken apart into the pieces the pages draw. Lists come
// as arrays or as {items: […]}; keys in the contract's spelling (by-region) or in C's (by_region).
const list = (v) => (Array.isArray(v) ? v : (v && Array.isArray(v.items) ? v.items : []))
function part (bundle, name) {
  for (const key of [name, name.replace(/_/g, '-')]) if (bundle && key in bundle) return bundle[key]
  return undefined
}

export function screenParts (bundle) {
  return {
    summary: part(bundle, 'summary') || {},
    trend: list(part(bundle, 'trend')),
    byRegion: list(part(bundle, 'by_region')),
    byRule: list(part(bundle, 'by_rule')),
    zero: list(part(bundle, 'zero_enforcement')),
    ordersOverdue: list(part(bundle, 'orders_overdue') || part(bundle, 'overdue_orders')),
    certExpiries: list(part(bundle, 'cert_expiries') || part(bundle, 'certificate_expiries')),
    reporting: list(part(bundle, 'reporting')),
    reportingMonth: (part(bundle, 'reporting') || {}).month || ''
  }
}

// The summary's figures as tiles: [{key, label, value, unit, tone}].
export function summaryTiles (s) {
  const fines = Number(s.fines_fen || 0) / 100 / 10000
  return [
    { key: 'cases', label: '案件总数', value: s.cases, unit: '件' },
    { key: 'decided', label: '作出决定', value: s.decided, unit: '件' },
    { key: 'closed', label: '已结案', value: s.closed, unit: '件' },
    { key: 'fines', label: '罚没金额', value: fines.toLocaleString('zh-CN', { maximumFractionDigits: 2 }), unit: '万元' },
    { key: 'findings_open', label: '未消除预警', value: s.findings_open, unit: '条', tone: s.findings_open ? 'warning' : '' },
    { key: 'orders_overdue', label: '逾期督办', value: s.orders_overdue, unit: '件', tone: s.orders_overdue ? 'danger' : '' },
    { key: 'agencies', label: '执法主体', value: s.agencies, unit: '个' },
    { key: 'zero_enforcement', label: '零执法主体', value: s.zero_enforcement, unit: '个', tone: s.zero_enforcement ? 'danger' : '' }
  ].map((t) => ({ ...t, value: t.value === undefined || t.value === null ? '—' : t.value }))
}
