/* Users, sessions, login throttling, role permissions and the audit log (store side). */
#ifndef ZF_STORE_IDENTITY_H
#define ZF_STORE_IDENTITY_H

#include <jansson.h>
#include <stdbool.h>

#include "domain/authz.h"
#include "store/store.h"
#include "util/secret.h"

typedef struct {
    long long id;
    char username[33];
    char display_name[128];
    char role[24];      /* social_supervisor: 17 */
    char role_name[64];
    char agency_name[256];
    char agency[19];
    char region[7];
    char agency_region[7]; /* region of the user's agency, from the agencies table */
    bool must_change_password;
    bool disabled;
    int approval_level;    /* agency heads: 1 分管负责人, 2 主要负责人 (approval policy); 0 = unset */
    /* filled from the session when loaded through one */
    char csrf[TOKEN_HEX_LEN + 1];
    long long session_created, session_seen;
} AuthUser;

typedef struct {
    const char *username, *display_name, *role, *agency, *region;
    const char *password_hash;
    bool must_change_password;
} NewUser;

int store_user_create(Store *st, const NewUser *u, long long *id, ZfError *err);
/* ZF_ERR with status 404 when absent. hash may be NULL. */
int store_user_by_name(Store *st, const char *username, AuthUser *u, char hash[PASSWORD_HASH_MAX], ZfError *err);
int store_user_by_id(Store *st, long long id, AuthUser *u, char hash[PASSWORD_HASH_MAX], ZfError *err);
int store_user_set_password(Store *st, long long id, const char *hash, bool must_change, ZfError *err);
/* NULL fields stay as they are; disabled < 0 stays. */
int store_user_update(Store *st, long long id, const char *display_name, const char *role,
                      const char *agency, const char *region, int disabled, ZfError *err);
int store_users_list(Store *st, const char *q, int page, int size, json_t **out, ZfError *err);
json_t *auth_user_json(const AuthUser *u);

int store_session_create(Store *st, const char *token_hash, long long user_id, const char *csrf,
                         long long now, const char *ip, ZfError *err);
/* The user of a live session; status 401 when there is none. */
int store_session_lookup(Store *st, const char *token_hash, AuthUser *u, ZfError *err);
/* Every session write says whether it happened: a logout or a password change that did not
 * end the sessions it meant to end must not be reported as done. */
int store_session_touch(Store *st, const char *token_hash, long long now, ZfError *err);
int store_session_delete(Store *st, const char *token_hash, ZfError *err);
int store_sessions_delete_user(Store *st, long long user_id, ZfError *err);

/* One login attempt at a name (existing or not), reserved before the password is checked so that
 * concurrent attempts cannot read the same count: in one IMMEDIATE transaction, a name locked at
 * `now` is refused (allowed false, locked_until when it ends); otherwise the attempt is counted
 * as a failure up front and the lock the policy sets for that count is stored. A correct
 * password then clears the count with store_login_clear. */
typedef struct {
    bool allowed;
    int failures;
    long long locked_until;
} LoginAttempt;

int store_login_reserve(Store *st, const char *username, long long now, const LoginPolicy *policy,
                        LoginAttempt *out, ZfError *err);
int store_login_clear(Store *st, const char *username, ZfError *err);

bool store_role_has_perm(Store *st, const char *role, const char *perm);
/* The role's permission names, sorted, as a JSON array (empty on error). */
json_t *store_role_permissions(Store *st, const char *role);
/* {"items":[{id,name,description,data_scope,duty,duty_name,permissions:[…]}],
 *  "permissions":[{name,description,owner,owner_name,core,shared_with:[duty…]}]} — duty classes (三员分立,
 * migration 022): a role's class, a permission's owner class, the other classes it is shared
 * with, and whether it is its owner's core duty. */
int store_roles_list(Store *st, json_t **out, ZfError *err);
/* Replaces the role's permission set (one transaction); unknown names → 400. */
int store_role_set_perms(Store *st, const char *role, const char *const *perms, size_t n, ZfError *err);

typedef struct {
    const char *username, *role, *ip, *action, *target, *result, *detail;
} AuditEntry;

typedef struct {
    const char *username, *action, *result, *from, *to, *q;
} AuditFilter;

/* Appends; the table refuses UPDATE and DELETE (triggers). */
int store_audit_append(Store *st, const AuditEntry *e);
int store_audit_list(Store *st, const AuditFilter *f, int page, int size, json_t **out, ZfError *err);
typedef int (*AuditRowFn)(json_t *row, void *ctx);
int store_audit_foreach(Store *st, const AuditFilter *f, AuditRowFn fn, void *ctx, ZfError *err);

/* The region of an agency ("" when unknown). */
void store_agency_region(Store *st, const char *agency, char region[7]);

#endif
