// GB/T 2260 divisions already fetched, by parent, for the pickers and region labels of this
// session. Reset at logout with the other per-session caches.
import { defineStore } from 'pinia'
import { listRegions } from '@/api/regions.js'

export const useRegionsStore = defineStore('regions', {
  state: () => ({
    byParent: {} // parent ('' = country) → Promise<[{code, name}]>
  }),
  actions: {
    children (parent = '') {
      if (!(parent in this.byParent)) {
        const pending = listRegions(parent).then((d) => d.items || []).catch((err) => {
          if (this.byParent[parent] === pending) delete this.byParent[parent]
          throw err
        })
        this.byParent[parent] = pending
      }
      return this.byParent[parent]
    }
  }
})
