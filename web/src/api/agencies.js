// Law-enforcement agencies (exchange-v1 agency records) within the user's data scope.
import http from './http.js'

// query: {region (6 digits; that region and below), q, page, size}
// → {items: [{code, name, region, level, kind, sector, …}], total, page, size}
export const listAgencies = (query) => http.get('/api/v1/agencies', { query })
// Names by code, once per session: stores/agencies.js.
