// The server's code tables (GET /api/v1/dicts): {case_kinds: [{code, name}], measures, …}.
import http from './http.js'

export const getDicts = () => http.get('/api/v1/dicts')
