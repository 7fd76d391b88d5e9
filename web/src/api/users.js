// System users (系统管理员 manages business users; administrator rows are read-only).
import http from './http.js'

const BASE = '/api/v1/users'

// query: {q, page, size} → {items: [{id, username, display_name, role, agency, region,
//   must_change_password, disabled, approval_level}], total, page, size,
//   approval_levels: [{level, code, name}]} — approval_level only for agency_head (1 分管负责人, 2 主要负责人)
export const listUsers = (query) => http.get(BASE, { query })

// user: {username, display_name, role, agency?, region?, approval_level?} → {user, initial_password}
export const createUser = (user) => http.post(BASE, user)

// patch: {display_name?, role?, agency?, region?, disabled?, approval_level?} → {user}
export const updateUser = (id, patch) => http.put(`${BASE}/${encodeURIComponent(id)}`, patch)

// → {user, initial_password}; the user must change it at the next login.
export const resetUserPassword = (id) => http.post(`${BASE}/${encodeURIComponent(id)}/reset-password`, {})
