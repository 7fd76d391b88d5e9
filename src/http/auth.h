/* Who is asking, and may they: session cookie → user, timeouts, CSRF on mutating requests, a
 * bearer API token on "token" routes (the token, not a session, is the caller; every use audited),
 * forced password change, the route's permission, and the audit line of every write. */
#ifndef ZF_AUTH_H
#define ZF_AUTH_H

#include "http/request.h"
#include "http/router.h"

#define SESSION_COOKIE "zhifa_session"

/* Loads req->auth and req->scope from the session cookie, if any and still valid. */
void auth_resolve(HttpRequest *req);
/* ZF_OK when the route may run; otherwise it has replied 401/403 itself. */
int auth_authorize(HttpRequest *req, const Route *route);
/* After the handler: one audit line for every mutating request. */
void auth_audit_write(HttpRequest *req);
/* Appends an audit entry for this request's user and address. */
void auth_audit(HttpRequest *req, const char *action, const char *target, const char *result, const char *detail);
/* The address a per-client limit counts (the portal's): the peer, or — when the peer is this host,
 * the TLS proxy docs/security.md asks for — the last address of its X-Forwarded-For, the one the
 * proxy itself appended (earlier ones are the client's to invent). */
void auth_client_addr(const HttpRequest *req, char *out, size_t size);
/* Sets the session cookie on the reply (token NULL: expire it). */
void auth_set_cookie(HttpRequest *req, const char *token);

#endif
