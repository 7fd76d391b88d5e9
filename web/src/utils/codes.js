// Check characters of 统一社会信用代码 (GB 32100-2015) and 公民身份号码 (GB 11643-1999), the same
// arithmetic as the server's src/domain/codes.c (ported from tests/api/lib/codes.mjs), so a form
// can say "校验位错误" before it is sent. The server still decides: it validates every record.
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const CNID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CNID_MAP = '10X98765432'

// The check character of 17 USCC characters, or '' when one of them is not a USCC character.
export function usccCheckChar (first17) {
  if (typeof first17 !== 'string' || first17.length !== 17) return ''
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i])
    if (v < 0) return ''
    sum += v * USCC_WEIGHTS[i]
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]
}

export function cnidCheckChar (first17) {
  if (!/^\d{17}$/.test(first17 || '')) return ''
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * CNID_WEIGHTS[i]
  return CNID_MAP[sum % 11]
}

// '' when valid, else a Chinese reason (the words people see under the field).
export function usccError (code) {
  if (!code) return '请填写统一社会信用代码'
  if (code.length !== 18) return '统一社会信用代码应为 18 位'
  const check = usccCheckChar(code.slice(0, 17))
  if (!check) return '统一社会信用代码含有不允许的字符（不含 I、O、Z、S、V）'
  return check === code[17] ? '' : '统一社会信用代码校验位错误'
}

export function cnidError (id) {
  if (!id) return '请填写公民身份号码'
  if (!/^\d{17}[\dX]$/.test(id)) return '公民身份号码应为 17 位数字加 1 位数字或 X'
  if (!isDate(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`)) return '公民身份号码中的出生日期不存在'
  return cnidCheckChar(id.slice(0, 17)) === id[17] ? '' : '公民身份号码校验位错误'
}

export const usccValid = (code) => usccError(code) === ''
export const cnidValid = (id) => cnidError(id) === ''

// Strict YYYY-MM-DD that exists (no 2026-02-30), as the server's date_parse.
export function isDate (s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || '')
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()
}

// Money in yuan: a non-negative number with at most two decimals.
export function moneyError (v) {
  if (v === '' || v === null || v === undefined) return ''
  const s = String(v).trim()
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return Number(s) < 0 ? '金额不能为负数' : '金额应为数字，最多两位小数'
  return ''
}

// A count of days: a non-negative integer.
export function daysError (v) {
  if (v === '' || v === null || v === undefined) return ''
  return /^\d+$/.test(String(v).trim()) ? '' : '天数应为非负整数'
}
