// The console's one HTTP client. JSON in and out, same-origin cookies, the CSRF token on every
// mutating request, and every failure turned into an ApiError whose message a person can read.
// The server's error shape is {"error":{"code":"snake_case","message":"中文说明","field":"..."}}.
// A 401 (session gone) or 403 password_change_required is also handed to the handler main.js
// registers with onAuthFailure, which sends the user to the login or change-password page.
import { useSessionStore } from '@/stores/session.js'

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const TIMEOUT_MS = 30000

export class ApiError extends Error {
  constructor (message, { code = 'unknown_error', field = '', status = 0 } = {}) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.field = field
    this.status = status
  }
}

// Used when the server answered without our error shape (a proxy, a crash, an old binary).
function messageForStatus (status) {
  if (status === 400) return '请求参数有误'
  if (status === 401) return '未登录或登录已过期，请重新登录'
  if (status === 403) return '没有权限执行此操作'
  if (status === 404) return '请求的资源不存在'
  if (status === 409) return '数据状态已变化，请刷新后重试'
  if (status === 413) return '提交的内容过大'
  if (status === 429) return '操作过于频繁，请稍后再试'
  if (status === 502 || status === 504) return '无法连接服务器'
  if (status === 503) return '服务器繁忙，请稍后再试'
  if (status >= 500) return `服务器内部错误（HTTP ${status}）`
  return `请求失败（HTTP ${status}）`
}

function csrfToken () {
  try {
    return useSessionStore().csrfToken || ''
  } catch {
    return '' // no active pinia (e.g. called before app.use(pinia)): send no token
  }
}

// main.js installs this; http.js cannot import the router (the router's pages import us).
let authFailureHandler = null
export function onAuthFailure (handler) { authFailureHandler = handler }

export function withQuery (url, query) {
  if (!query) return url
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.append(key, String(value))
  }
  const qs = params.toString()
  return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url
}

async function readBody (response) {
  if (response.status === 204) return null
  const text = await response.text()
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return undefined // not JSON
  }
}

// options.session: a call to /api/v1/session itself, whose 401 is an answer (wrong password, not
// logged in), not a session that expired under the user.
// options.raw: a file or text sent as the body itself (an upload), with options.contentType.
export async function request (method, url, { body, raw, contentType, query, headers = {}, timeout = TIMEOUT_MS, session = false } = {}) {
  method = method.toUpperCase()
  const init = {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...headers }
  }
  if (raw !== undefined) {
    init.headers['Content-Type'] = contentType || 'application/octet-stream'
    init.body = raw
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(body)
  }
  if (MUTATING.has(method)) {
    const token = csrfToken()
    if (token) init.headers['X-CSRF-Token'] = token
  }
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeout)
  init.signal = controller.signal

  let response
  try {
    response = await fetch(withQuery(url, query), init)
  } catch (err) {
    if (err && err.name === 'AbortError') throw new ApiError('请求超时，请稍后重试', { code: 'timeout' })
    throw new ApiError('无法连接服务器', { code: 'network_error' })
  } finally {
    clearTimeout(timer)
  }

  const data = await readBody(response)
  if (response.ok) {
    if (data === undefined) {
      throw new ApiError('服务器返回了无法识别的数据', { code: 'bad_response', status: response.status })
    }
    return data
  }
  const error = data && data.error
  const failure = new ApiError(
    (error && error.message) || messageForStatus(response.status),
    { code: (error && error.code) || `http_${response.status}`, field: (error && error.field) || '', status: response.status }
  )
  if (authFailureHandler && !session &&
      (failure.status === 401 || (failure.status === 403 && failure.code === 'password_change_required'))) {
    authFailureHandler(failure)
  }
  throw failure
}

export const http = {
  get: (url, options) => request('GET', url, options),
  post: (url, body, options) => request('POST', url, { ...options, body }),
  put: (url, body, options) => request('PUT', url, { ...options, body }),
  patch: (url, body, options) => request('PATCH', url, { ...options, body }),
  delete: (url, options) => request('DELETE', url, options),
  upload: (url, raw, options) => request('POST', url, { ...options, raw })
}

export default http
