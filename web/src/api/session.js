// Login session: POST creates it (sets the HttpOnly cookie, returns the CSRF token), GET restores
// it after a reload, DELETE ends it, PUT /password changes the user's own password.
// Every answer but DELETE's is {user: {...}, csrf_token: '...', permissions: ['findings.read', …]}.
// `session: true` tells http.js that a 401 here is the answer, not an expired session.
import http from './http.js'

export const createSession = (username, password) =>
  http.post('/api/v1/session', { username, password }, { session: true })
export const getSession = () => http.get('/api/v1/session', { session: true })
export const deleteSession = () => http.delete('/api/v1/session', { session: true })
// 400 with field old_password / new_password when refused (policy: ≥ 10 characters, not the
// username, not a common password).
export const changePassword = (oldPassword, newPassword) =>
  http.put('/api/v1/session/password', { old_password: oldPassword, new_password: newPassword })
