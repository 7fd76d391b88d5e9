// API tokens for systems calling zhifa, e.g. the 12345 hotline (docs/hotline.md); tokens.write.
import http from './http.js'

// → {items: [{id, name, region, region_name, created_by, created_at, last_used_at, revoked_at}]}
export const listTokens = () => http.get('/api/v1/tokens')

// → the new row with `token`: the only time the token is ever shown.
export const createToken = (name, region) => http.post('/api/v1/tokens', { name, region })

// → the row, revoked_at set.
export const revokeToken = (id) => http.delete(`/api/v1/tokens/${id}`)
