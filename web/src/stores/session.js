// Who is logged in, and the CSRF token that http.js sends on mutating requests.
// The session cookie itself is HttpOnly; we keep the user and token in sessionStorage so a page
// reload in the same tab stays logged in. A router guard only needs `isLoggedIn` (see router.js).
import { defineStore } from 'pinia'
import { createSession, deleteSession } from '@/api/session.js'

const STORAGE_KEY = 'zhifa.session'

function load () {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null')
    if (saved && saved.user && saved.csrfToken) return saved
  } catch { /* unreadable: start logged out */ }
  return { user: null, csrfToken: '' }
}

export const useSessionStore = defineStore('session', {
  state: () => load(),
  getters: {
    isLoggedIn: (state) => Boolean(state.user && state.csrfToken),
    username: (state) => (state.user && (state.user.username || state.user.name)) || '',
    displayName: (state) => (state.user && (state.user.name || state.user.username)) || '',
    roles: (state) => {
      const u = state.user
      if (!u) return []
      if (Array.isArray(u.roles)) return u.roles
      return u.role ? [u.role] : []
    }
  },
  actions: {
    async login (username, password) {
      const data = await createSession(username, password)
      this.set(data.user, data.csrf_token)
      return data.user
    },
    // Ends the server session; the local state is cleared even if the server cannot be reached,
    // and the error is re-thrown so the caller can say so.
    async logout () {
      try {
        await deleteSession()
      } catch (err) {
        if (err.status !== 401) throw err // 401: the server had already ended it
      } finally {
        this.clear()
      }
    },
    set (user, csrfToken) {
      this.user = user || null
      this.csrfToken = csrfToken || ''
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ user: this.user, csrfToken: this.csrfToken }))
    },
    clear () {
      this.user = null
      this.csrfToken = ''
      sessionStorage.removeItem(STORAGE_KEY)
    }
  }
})
