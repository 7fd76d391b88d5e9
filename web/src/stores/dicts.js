// The code tables every page shows in Chinese (case kinds, stages, measures, sectors, roles …),
// from GET /api/v1/dicts once per session: the router guard loads them before a logged-in page
// opens, and the session store resets them at logout. Pages never keep a copy of their own.
import { defineStore } from 'pinia'
import { getDicts } from '@/api/dicts.js'

export const useDictsStore = defineStore('dicts', {
  state: () => ({
    tables: {}, // table → [{code, name}], as the server sent them
    pending: null
  }),
  getters: {
    // table → {code: name}, for lookups and v-for over (label, value)
    names: (state) => Object.fromEntries(Object.entries(state.tables)
      .map(([table, list]) => [table, Object.fromEntries((list || []).map((e) => [e.code, e.name]))])),
    loaded: (state) => Object.keys(state.tables).length > 0
  },
  actions: {
    // Resolves once the tables are here; a failure is forgotten so the next page tries again.
    ensureLoaded () {
      if (this.loaded) return Promise.resolve()
      if (!this.pending) {
        const pending = getDicts()
          .then((data) => { if (this.pending === pending) this.tables = data || {} })
          .finally(() => { if (this.pending === pending) this.pending = null })
        this.pending = pending
      }
      return this.pending
    },
    // The name of a code ('' for none; the code itself when the table does not know it).
    label (table, code) {
      if (code === null || code === undefined || code === '') return ''
      const hit = (this.tables[table] || []).find((e) => e.code === code)
      return hit ? hit.name : String(code)
    },
    // [{value, label}] for selects.
    options (table) {
      return (this.tables[table] || []).map((e) => ({ value: e.code, label: e.name }))
    }
  }
})
