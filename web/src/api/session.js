// Login session: POST creates it (sets the HttpOnly cookie, returns the CSRF token), DELETE ends it.
import http from './http.js'

// → {user: {...}, csrf_token: '...'}
export const createSession = (username, password) => http.post('/api/v1/session', { username, password })
export const deleteSession = () => http.delete('/api/v1/session')
