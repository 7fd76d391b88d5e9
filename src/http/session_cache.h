/* Sessions kept in memory between requests (docs/scale.md), with their end still immediate in every
 * process on the database: an entry is used only while the database's auth generation (migration
 * 080, moved by a trigger in the same transaction as any logout, password change, disabling, role or
 * permission change) is the number read before the entry was loaded. One read of a one-row table
 * per request replaces the join of sessions, users, agencies and roles. */
#ifndef ZF_SESSION_CACHE_H
#define ZF_SESSION_CACHE_H

#include "store/identity.h"

/* As store_session_lookup, through the cache. */
int session_cache_lookup(Store *st, const char *token_hash, AuthUser *u, ZfError *err);
/* The session was touched (last_seen = now) by this process: the cached copy follows. */
void session_cache_touched(const char *token_hash, long long now);
/* Whether role has perm, as store_role_has_perm, cached under the auth generation this thread read
 * for its current request (role permissions move it too); asks the store when none was read. */
bool session_cache_role_has_perm(Store *st, const char *role, const char *perm);
/* Called at the start of each request: nothing read yet. */
void session_cache_request_start(void);
/* Forgets one session (this process deleted it; the generation tells the others). */
void session_cache_forget(const char *token_hash);

#endif
