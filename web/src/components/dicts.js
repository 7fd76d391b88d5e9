// Labels and formatters the supervision pages share. Rule titles come from GET /api/v1/rules;
// the label maps here are the ones the server does not serve yet — move each to the server's
// dictionary endpoint when it exists, and keep this file the only place the console defines them.

export const SECTORS = {
  market_regulation: '市场监管',
  transport: '交通运输',
  urban_management: '城市管理',
  ecology: '生态环境',
  emergency: '应急管理',
  agriculture: '农业农村',
  culture: '文化旅游',
  health: '卫生健康'
}
export const SECTOR_OPTIONS = Object.entries(SECTORS).map(([value, label]) => ({ value, label }))
export const sectorLabel = (code) => (code ? SECTORS[code] || code : '')

export const SEVERITIES = { violation: '违规', warning: '预警' }
// Element Plus tag types: red for a violation, orange for a warning (STYLE.md status colours).
export const severityTagType = (s) => (s === 'violation' ? 'danger' : 'warning')

export const FINDING_STATUS = { open: '未整改', resolved: '已整改', all: '全部' }

export const SUBJECT_TYPES = { case: '案件', officer: '执法人员', agency: '执法主体', power: '职权事项' }

export const CASE_KINDS = { penalty: '行政处罚', coercion: '行政强制', license: '行政许可', inspection: '行政检查' }
export const PROCEDURES = { simple: '简易程序', ordinary: '普通程序' }
export const PARTY_KINDS = { person: '自然人', org: '法人或其他组织' }
export const OUTCOMES = {
  penalty: '给予处罚', no_penalty: '不予处罚', transferred: '移送', revoked_case: '撤销立案',
  granted: '准予许可', denied: '不予许可'
}
export const MEASURES = {
  warning: '警告', fine: '罚款', confiscate: '没收违法所得、非法财物', suspend_business: '责令停产停业',
  suspend_license: '暂扣许可证件', revoke_license: '吊销许可证件', lower_qualification: '降低资质等级',
  close: '责令关闭', restrict_practice: '限制从业', detention: '行政拘留'
}
export const COERCION_MEASURES = { seal: '查封', seize: '扣押', freeze: '冻结', enforce: '强制执行' }
export const TIERS = { light: '轻微', ordinary: '一般', heavy: '严重' }

// Rule-configuration units (GET /api/v1/rule-config params[].unit).
export const UNITS = { fen: '元', days: '日', wd: '工作日', months: '个月', years: '年', minute: '时刻', count: '个' }
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

// Role names. GET /api/v1/roles serves them (with descriptions) to those holding roles.read; this
// copy names the current user's role in the header for everyone else.
export const ROLES = {
  officer: '执法人员',
  agency_head: '执法机构负责人',
  legal_reviewer: '法制审核人员',
  supervisor: '执法监督人员',
  leader: '司法局领导',
  sysadmin: '系统管理员',
  secadmin: '安全保密管理员',
  auditor: '安全审计员'
}
export const roleLabel = (id) => (id ? ROLES[id] || id : '')
// The roles a 系统管理员 may assign (三员分立: administrators exist only through `zhifa user add`).
export const BUSINESS_ROLES = ['officer', 'agency_head', 'legal_reviewer', 'supervisor', 'leader']
// Supervisors and leaders belong to a region (and see it and all below); others to an agency.
export const roleUsesRegion = (id) => id === 'supervisor' || id === 'leader'
export const DATA_SCOPES = { agency: '本机构', region: '本区划及下级', none: '无业务数据' }

// Agency levels and kinds (exchange-v1).
export const AGENCY_LEVELS = { province: '省级', city: '市级', county: '县级', township: '乡镇（街道）' }
export const AGENCY_KINDS = {
  government: '人民政府', department: '政府部门', township: '乡镇（街道）', authorized: '法律法规授权组织', entrusted: '受委托组织'
}

// Audit log actions and results as people read them; unknown actions (e.g. "PUT /api/v1/users/3")
// are shown as they are.
export const AUDIT_ACTIONS = {
  login: '登录',
  logout: '退出',
  login_failed: '登录失败',
  login_locked: '登录锁定',
  password_change: '修改密码',
  audit_export: '导出审计日志',
  read_personal: '查看个人信息'
}
export const auditActionLabel = (a) => AUDIT_ACTIONS[a] || a || ''
export const AUDIT_RESULTS = { ok: '成功', denied: '拒绝', failed: '失败' }

// Officers, certificates and powers lists (exchange-v1).
export const OFFICER_STATUS = { active: '有效', suspended: '暂扣', revoked: '注销' }
export const officerStatusTagType = (s) => (s === 'active' ? 'success' : s === 'suspended' ? 'warning' : 'info')
export const OFFICER_KINDS = { enforcement: '执法证', supervision: '监督证' }
export const POWER_KINDS = {
  penalty: '行政处罚', license: '行政许可', coercion: '行政强制', inspection: '行政检查', levy: '行政征收',
  payment: '行政给付', confirmation: '行政确认', reward: '行政奖励', ruling: '行政裁决', other: '其他'
}
