// Roles and their permissions (安全保密管理员 edits; 三员分立 is enforced by the server).
import http from './http.js'
import { useDictsStore } from '@/stores/dicts.js'

// → {items: [{id, name, description, data_scope, permissions: [name…]}], permissions: [{name, description}]}
export const listRoles = () => http.get('/api/v1/roles')

// permissions: the complete new list → same shape as listRoles(); 403 separation_of_duties when a
// grant would break 三员分立 (the message says why).
export const saveRolePermissions = (id, permissions) =>
  http.put(`/api/v1/roles/${encodeURIComponent(id)}`, { permissions })

// Role id → name for pages that show roles: from the server when the user may read roles,
// otherwise from the dictionaries (stores/dicts.js roles).
export async function roleNames () {
  try {
    const data = await listRoles()
    return Object.fromEntries((data.items || []).map((r) => [r.id, r.name]))
  } catch {
    return useDictsStore().names.roles || {}
  }
}
