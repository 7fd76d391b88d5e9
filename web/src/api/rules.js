// The supervision rule catalogue and its configurable thresholds (spec/rules.md §6).
import http from './http.js'

// → {items: [{id, title, severity: 'violation'|'warning'|'both', law}]}
export const listRules = () => http.get('/api/v1/rules')

// The catalogue, once per session: stores/rules.js.

// → {version, params: [{name, title, unit, article, default, value}], overrides: [{param, sector, region, value}]}
export const getRuleConfig = () => http.get('/api/v1/rule-config')

// overrides: the complete new list. → same shape as GET, with the new version; a refusal is an
// ApiError whose .field names the row, e.g. "overrides[2].value".
export const saveRuleConfig = (overrides) => http.put('/api/v1/rule-config', { overrides })
