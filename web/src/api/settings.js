// System parameters (GET/PUT /api/v1/settings): reporting deadline, 文号 pattern …
import http from './http.js'

// → {items: [{name, value, description, kind: 'integer'|'doc_number_pattern'|null, min, max, basis, updated_at, updated_by}]}
export const listSettings = () => http.get('/api/v1/settings')

// → the list again; a refusal is an ApiError with the server's Chinese message (field "value").
export const saveSetting = (name, value) => http.put(`/api/v1/settings/${encodeURIComponent(name)}`, { value })
