// 统计分析 (issue 18, docs/analytics.md): the stats API the rollups keep. Every list is {items: […]};
// money in fen; months YYYY-MM; names beside codes. Common query: {region, from, to}.
import http from './http.js'

const get = (path, query) => http.get(`/api/v1/stats/${path}`, { query })

// → {cases, decided, closed, fines_fen, findings_open, orders_overdue, agencies, zero_enforcement}
export const getSummary = (query) => get('summary', query)
// → items [{month, filed, decided, closed, fines_fen}]
export const getTrend = (query) => get('trend', query)
// → items [{agency, name, region, filed, decided, fines_fen, findings_open, orders_overdue, review_avg}]
export const getByAgency = (query) => get('by-agency', query)
// → the divisions one level below `region`: items [{region, name, cases, findings_open, alerts_per_100}]
export const getByRegion = (query) => get('by-region', query)
// → items [{sector, name, cases, fines_fen}]
export const getBySector = (query) => get('by-sector', query)
// → items [{rule, name, severity, open, new}]
export const getByRule = (query) => get('by-rule', query)
// query {months, region} → items [{agency, name, powers, last_decided_on}]
export const getZeroEnforcement = (query) => get('zero-enforcement', query)
// query {month, region} → items [{agency, name, status: on_time|late|missing, submitted_at}]
export const getReporting = (query) => get('reporting', query)
// query {month, level: agency|region, region} → items [{code, name, score, rank, change,
//   indicators: {<indicator>: {value, score}}}]
export const getRankings = (query) => get('rankings', query)
// The 大屏 bundle in one answer: summary, trend, by-region, by-rule, zero-enforcement, overdue
// orders, certificate expiries and reporting.
export const getScreen = (query) => get('screen', query)
