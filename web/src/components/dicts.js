// Formatters the pages share, and the labels of the console's own (filters, form choices, audit
// actions) or not yet served. Code tables the server has (case kinds, stages, measures, sectors,
// roles, …) come from GET /api/v1/dicts through stores/dicts.js: never copy one here.

// Element Plus tag types: red for a violation, orange for a warning (STYLE.md status colours).
export const severityTagType = (s) => (s === 'violation' ? 'danger' : 'warning')

export const FINDING_STATUS = { open: '未整改', resolved: '已整改', all: '全部' }

export const PARTY_KINDS = { person: '自然人', org: '法人或其他组织' }
export const COERCION_MEASURES = { seal: '查封', seize: '扣押', freeze: '冻结', enforce: '强制执行' }

// Rule-configuration units (GET /api/v1/rule-config params[].unit).
export const UNITS = { fen: '元', days: '日', wd: '工作日', months: '个月', years: '年', minute: '时刻', count: '个', percent: '%' }
export const unitLabel = (u) => UNITS[u] || u || ''

const pad = (n) => String(n).padStart(2, '0')

// ¥12,345.00 from yuan (exchange-v1 amounts).
export function formatYuan (yuan) {
  if (yuan === null || yuan === undefined || yuan === '' || Number.isNaN(Number(yuan))) return ''
  return '¥' + Number(yuan).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}
// Money held in fen (分), as the rule configuration stores it.
export const formatFen = (fen) => formatYuan(Number(fen) / 100)
export const fenToYuan = (fen) => Math.round(Number(fen)) / 100
export const yuanToFen = (yuan) => Math.round(Number(yuan) * 100)

// Minutes since midnight ↔ "HH:MM" (the night window of 强制法 第四十三条).
export const minuteToTime = (m) => `${pad(Math.floor(Number(m) / 60))}:${pad(Number(m) % 60)}`
export function timeToMinute (s) {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s || '')
  return m ? Number(m[1]) * 60 + Number(m[2]) : null
}

// A rule parameter's value as people read it: ¥10,000.00, 22:00, 7 工作日.
export function formatParam (value, unit) {
  if (value === null || value === undefined) return ''
  if (unit === 'fen') return formatFen(value)
  if (unit === 'minute') return minuteToTime(value)
  return `${value} ${unitLabel(unit)}`
}

// "2026-11-23T10:00:00Z" → "2026-11-23 18:00" in the browser's (China) time.
export function formatDateTime (iso) {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return String(iso)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}
// exchange-v1 times are local already: "2026-04-14T22:00" → "2026-04-14 22:00".
export const formatLocalTime = (s) => (s ? String(s).replace('T', ' ') : '')

// A file's size as people read it: 417 字节, 1.2 KiB, 3.4 MiB.
export function formatBytes (b) {
  if (b < 1024) return `${b} 字节`
  if (b < 1048576) return `${(b / 1024).toFixed(1)} KiB`
  return `${(b / 1048576).toFixed(1)} MiB`
}

// A citizen ID keeps its first 4 and last 4 characters: 3702**********1232. Organisation codes
// (USCC) are public and shown whole.
export function maskIdNo (idNo, partyKind) {
  if (!idNo) return ''
  if (partyKind !== 'person') return idNo
  if (idNo.length <= 8) return '*'.repeat(idNo.length)
  return idNo.slice(0, 4) + '*'.repeat(idNo.length - 8) + idNo.slice(-4)
}

// Link to the law library, searching for the cited text.
export const lawLink = (law) => ({ path: '/elements/laws', query: { q: law } })
// Link to a case's detail page; the case number is one path segment whatever it contains.
export const caseLink = (caseNo) => `/cases/detail/${encodeURIComponent(caseNo)}`

// The roles a 系统管理员 may assign (三员分立: administrators exist only through `zhifa user add`).
export const BUSINESS_ROLES = ['officer', 'agency_head', 'legal_reviewer', 'supervisor', 'leader']
// Supervisors and leaders belong to a region (and see it and all below); others to an agency.
export const roleUsesRegion = (id) => id === 'supervisor' || id === 'leader'
export const DATA_SCOPES = { agency: '本机构', region: '本区划及下级', none: '无业务数据' }

// Audit log results as people read them (the actions' names: dicts audit_actions and each record's
// action_name).
export const AUDIT_RESULTS = { ok: '成功', denied: '拒绝', failed: '失败' }

// A supervision order's period (docs/orders.md colour) as a tag: type and words.
export const ORDER_COLOURS = {
  red: { type: 'danger', label: '已逾期' },
  yellow: { type: 'warning', label: '即将到期' },
  green: { type: 'success', label: '期限内' },
  none: { type: 'info', label: '无期限' }
}

// Officer status as a tag colour (its names: officer_status of stores/dicts.js).
export const officerStatusTagType = (s) => (s === 'active' ? 'success' : s === 'suspended' ? 'warning' : 'info')
