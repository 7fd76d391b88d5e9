// The supervision rule catalogue (GET /api/v1/rules), fetched once per session. It changes only
// with a new server version, but what a session loaded goes with it: reset at logout.
import { defineStore } from 'pinia'
import { listRules } from '@/api/rules.js'

export const useRulesStore = defineStore('rules', {
  state: () => ({
    pending: null // Promise<[{id, title, severity, law}]>
  }),
  actions: {
    catalogue () {
      if (!this.pending) {
        const pending = listRules()
          .then((data) => (data && data.items) || [])
          .catch((err) => {
            if (this.pending === pending) this.pending = null
            throw err
          })
        this.pending = pending
      }
      return this.pending
    }
  }
})
