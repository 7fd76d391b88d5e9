// Server status endpoints.
import http from './http.js'

// → {status: 'ok', version: 'x.y.z', db: 'ok'}
export const getHealth = () => http.get('/api/v1/healthz')
