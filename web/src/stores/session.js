// Who is logged in, what he may do, and the CSRF token http.js sends on mutating requests.
// The session cookie itself is HttpOnly; the server is the one source of truth: at start-up the
// router guard calls ensureLoaded(), which asks GET /api/v1/session (401 = not logged in).
import { defineStore } from 'pinia'
import { createSession, getSession, deleteSession, changePassword } from '@/api/session.js'
import { useDictsStore } from './dicts.js'
import { resetSessionCaches } from './sessionCaches.js'

export const useSessionStore = defineStore('session', {
  state: () => ({
    user: null,
    csrfToken: '',
    permissions: [],
    loaded: false // GET /session has answered (or failed) once
  }),
  getters: {
    isLoggedIn: (state) => Boolean(state.user && state.csrfToken),
    mustChangePassword: (state) => Boolean(state.user && state.user.must_change_password),
    username: (state) => (state.user && state.user.username) || '',
    displayName: (state) => (state.user && (state.user.display_name || state.user.username)) || '',
    role: (state) => (state.user && state.user.role) || '',
    roleName: (state) => (state.user ? state.user.role_name || useDictsStore().label('roles', state.user.role) : '')
  },
  actions: {
    // perm as in menu.js and the server's route table: 'public', 'authenticated' or a permission name.
    can (perm) {
      if (!perm || perm === 'public') return true
      if (!this.isLoggedIn) return false
      if (perm === 'authenticated') return true
      return this.permissions.includes(perm)
    },
    // Restores the session once per page load; a failure of any kind leaves us logged out.
    async ensureLoaded () {
      if (this.loaded) return
      if (!this._loading) {
        this._loading = getSession()
          .then((data) => this.apply(data))
          .catch(() => this.clear())
          .finally(() => { this.loaded = true; this._loading = null })
      }
      await this._loading
    },
    async login (username, password) {
      this.apply(await createSession(username, password))
      return this.user
    },
    async changePassword (oldPassword, newPassword) {
      this.apply(await changePassword(oldPassword, newPassword))
      return this.user
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
    apply (data) {
      const next = (data && data.user) || null
      if (!next || !this.user || next.username !== this.user.username) resetSessionCaches()
      this.user = (data && data.user) || null
      this.csrfToken = (data && data.csrf_token) || ''
      this.permissions = (data && Array.isArray(data.permissions)) ? data.permissions : []
      this.loaded = true
    },
    // Ends the session here, with every cache of what it loaded (stores/sessionCaches.js).
    clear () {
      resetSessionCaches()
      this.user = null
      this.csrfToken = ''
      this.permissions = []
    }
  }
})
