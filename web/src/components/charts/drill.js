// Where a click on a chart leads: the list pages with their filters in the URL (docs/analytics.md,
// 下钻). Each returns a router location; the list page reads the filters from its query string.

// The first and last day of a YYYY-MM month, for a date-range filter.
export function monthRange (month) {
  const [y, m] = month.split('-').map(Number)
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` }
}

// 案件查询 filtered: {agency, region, sector, status, month (of 立案)}
export function casesLink ({ agency, region, sector, status, month } = {}) {
  const query = {}
  if (agency) query.agency = agency
  if (region) query.region = region
  if (sector) query.sector = sector
  if (status) query.status = status
  if (month) {
    const r = monthRange(month)
    query.filed_from = r.from
    query.filed_to = r.to
  }
  return { path: '/supervision/cases', query }
}

// 预警看板 (open findings) filtered: {rule, severity, agency, region, sector}
export function alertsLink (filters = {}) {
  const query = {}
  for (const key of ['rule', 'severity', 'agency', 'region', 'sector']) if (filters[key]) query[key] = filters[key]
  return { path: '/supervision/alerts', query }
}

// 督办问诊 overdue, of one agency when given.
export function overdueOrdersLink (agency) {
  return { path: '/supervision/orders', query: agency ? { overdue: '1', agency } : { overdue: '1' } }
}

// 报送情况 of a month.
export function reportingLink (month) {
  return { path: '/reporting/monthly-status', query: month ? { month } : {} }
}

// 执法人员 of an agency (their certificates and validity).
export function officersLink (agency) {
  return { path: '/elements/officers', query: agency ? { agency } : {} }
}
