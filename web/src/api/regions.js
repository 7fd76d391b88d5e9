// GB/T 2260 administrative divisions for pickers: provinces, then their children on demand.
// Municipalities list their districts directly under the province, and a few county-level cities
// (济源市 419001) hang straight off a province, so a code's path is found by looking, not by slicing.
import http from './http.js'
import { useRegionsStore } from '@/stores/regions.js'

// parent: 6-digit code or '' for the provinces → {items: [{code, name}]}
export const listRegions = (parent) => http.get('/api/v1/regions', { query: { parent } })

// Children of a region, fetched once per session (stores/regions.js).
export const regionChildren = (parent = '') => useRegionsStore().children(parent)

// A county code ends in anything but 00; provinces (xx0000) and cities (xxxx00) have children.
export const regionIsLeaf = (code) => !/00$/.test(code)

// '370202' → [{code: '370000', name: '山东省'}, {code: '370200', name: '青岛市'}, {code: '370202', name: '市南区'}]
// ([] when the code is unknown).
export async function regionPath (code) {
  if (!/^\d{6}$/.test(code || '')) return []
  const path = []
  let parent = ''
  const candidates = [code.slice(0, 2) + '0000', code.slice(0, 4) + '00', code]
  for (const candidate of candidates) {
    if (path.length && path[path.length - 1].code === code) break
    const list = await regionChildren(parent)
    const direct = list.find((r) => r.code === code)
    const hit = direct || list.find((r) => r.code === candidate)
    if (!hit) return []
    path.push(hit)
    parent = hit.code
  }
  return path[path.length - 1] && path[path.length - 1].code === code ? path : []
}

// '山东省 / 青岛市 / 市南区', or the code itself when it cannot be resolved.
export async function regionLabel (code) {
  if (!code) return ''
  try {
    const path = await regionPath(code)
    return path.length ? path.map((r) => r.name).join(' / ') : code
  } catch {
    return code
  }
}
