// The anonymous portal: published penalty decisions, persons masked by the server.
import http from './http.js'

// → {items: [{case_no, agency, agency_name, power, decided_on, published_on, decision, party}], total, page, size}
export const listPublicDecisions = (query) => http.get('/api/v1/public/decisions', { query })
