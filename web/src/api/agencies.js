// Law-enforcement agencies (exchange-v1 agency records) within the user's data scope.
import http from './http.js'

// query: {region (6 digits; that region and below), q, page, size}
// → {items: [{code, name, region, level, kind, sector, …}], total, page, size}
export const listAgencies = (query) => http.get('/api/v1/agencies', { query })

// Names of agencies by code, fetched once per page load and shared by the pages that show them.
const names = new Map()
let allPromise = null
export function agencyNames () {
  if (!allPromise) {
    allPromise = listAgencies({ page: 1, size: 200 })
      .then((data) => {
        for (const a of data.items || []) names.set(a.code, a.name)
        return names
      })
      .catch((err) => { allPromise = null; throw err })
  }
  return allPromise
}
