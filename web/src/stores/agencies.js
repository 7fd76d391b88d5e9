// Names of the agencies within the logged-in user's data scope, fetched once per session and
// shared by the pages that show them. Per user: the session store resets it at logout.
import { defineStore } from 'pinia'
import { listAgencies } from '@/api/agencies.js'

export const useAgenciesStore = defineStore('agencies', {
  state: () => ({
    pending: null // Promise<Map code → name> of this session's fetch
  }),
  actions: {
    // → Promise<Map code → name>; a failed fetch is forgotten so the next call tries again.
    names () {
      if (!this.pending) {
        const pending = listAgencies({ page: 1, size: 200 })
          .then((data) => new Map((data.items || []).map((a) => [a.code, a.name])))
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
