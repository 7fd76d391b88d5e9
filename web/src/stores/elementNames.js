// Names of the powers (职权事项) and officers (执法人员) in the user's data scope, fetched once per
// session for the pages that show a case's power code or officers' certificate numbers: people
// read the name, the code stays beside it as secondary text. Per user: reset at logout.
import { defineStore } from 'pinia'
import { listPowers, listOfficers } from '@/api/elements.js'
import { useSessionStore } from './session.js'

// Every page of a list (the API pages by at most 200).
async function allItems (list) {
  const items = []
  for (let page = 1; page <= 50; page++) {
    const data = await list({ page, size: 200 })
    items.push(...(data.items || []))
    if (items.length >= (data.total || 0) || !(data.items || []).length) break
  }
  return items
}

export const useElementNamesStore = defineStore('elementNames', {
  state: () => ({
    powersPending: null, // Promise<Map code → name>
    officersPending: null, // Promise<Map cert_no → name>
    powers: {}, // code → name, filled when the fetch lands (for templates)
    officers: {}
  }),
  actions: {
    // Users without elements.read see the codes as the records carry them.
    load () {
      if (!useSessionStore().can('elements.read')) return Promise.resolve()
      if (!this.powersPending) {
        this.powersPending = allItems(listPowers)
          .then((items) => { this.powers = Object.fromEntries(items.map((p) => [p.code, p.name])) })
          .catch(() => { this.powersPending = null })
      }
      if (!this.officersPending) {
        this.officersPending = allItems(listOfficers)
          .then((items) => { this.officers = Object.fromEntries(items.map((o) => [o.cert_no, o.name])) })
          .catch(() => { this.officersPending = null })
      }
      return Promise.all([this.powersPending, this.officersPending])
    },
    powerName (code) { return (code && this.powers[code]) || '' },
    officerName (certNo) { return (certNo && this.officers[certNo]) || '' }
  }
})
