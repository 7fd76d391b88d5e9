// Every store that holds what one user's session loaded. The session store empties them all when
// the session ends (logout, or the server answering 401) and when another user logs in, so the
// next user in the same tab never sees the previous user's data. A new per-user store goes here.
import { useAgenciesStore } from './agencies.js'
import { useRulesStore } from './rules.js'
import { useRegionsStore } from './regions.js'
import { useDictsStore } from './dicts.js'
import { useElementNamesStore } from './elementNames.js'

const PER_SESSION = [useAgenciesStore, useRulesStore, useRegionsStore, useDictsStore, useElementNamesStore]

export function resetSessionCaches () {
  for (const useStore of PER_SESSION) useStore().$reset()
}
