/* Authorization rules that are not simply "does the role have the permission": password policy,
 * separation of the three administrators (三员分立), and data scope. Pure: no I/O. */
#ifndef ZF_AUTHZ_H
#define ZF_AUTHZ_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

#define PASSWORD_MIN_CHARS 10
#define PASSWORD_MAX_BYTES 128
#define USERNAME_MAX_BYTES 32

/* A sorted list of common passwords (data/common-passwords.txt), lower-case. */
typedef struct {
    char **items;
    size_t count;
} CommonPasswords;

int common_passwords_parse(const char *text, CommonPasswords *out);
void common_passwords_free(CommonPasswords *list);

/* Usernames: 3–32 of [a-z0-9_.-], starting with a letter. */
int username_check(const char *username, ZfError *err);
/* ≥ 10 characters, ≤ 128 bytes, valid UTF-8, not the username, not a common password. */
int password_check(const char *username, const char *password, const CommonPasswords *common,
                   ZfError *err);

/* Login lockout (GB/T 22239-2019 8.1.4.1 b, settings login_lock_*): after lock_after failures a
 * name is locked for base_s, doubling with each further failure, at most max_s. */
typedef struct {
    int lock_after;
    long long base_s, max_s;
} LoginPolicy;

/* Seconds the name is locked after its failures-th failure (0: not locked). */
long long login_lock_seconds(const LoginPolicy *p, int failures);

/* 三员分立: administrator roles are created only from the command line, never through the
 * product, and no role but its own may hold an administrator's permissions. */
bool role_is_admin(const char *role);
bool role_is_known(const char *role);
/* 特邀监督员 and 派驻律师 (migration 034): assigned a region or one agency; they submit
 * observations and see the public fields of the cases in scope. */
bool role_is_observer(const char *role);
/* Roles that may be assigned a region instead of an agency: supervisors, leaders, observers. */
bool role_may_use_region(const char *role);
/* 行政复议机构 staff (issue 24): reconsideration_officer, reconsideration_head — a region. */
bool role_is_reconsideration(const char *role);
/* May a user holding actor_role create/modify a user holding target_role through the API? */
bool authz_may_manage_role(const char *actor_role, const char *target_role);
/* 三员分立 as data (migration 022, GB/T 22239-2019 8.1.4.2 c): a role of duty class role_duty
 * ("business", "sysadmin", "secadmin" or "auditor") may hold a permission only if its class owns
 * it or is one the permission is shared with (shared_with: NULL-terminated). */
bool authz_duty_may_hold(const char *role_duty, const char *perm_owner, const char *const *shared_with);
/* The Chinese name of a duty class, for messages ("" when unknown). */
const char *duty_label(const char *duty);

/* Data scope: an agency-bound user sees his agency; a region-bound user sees his region and
 * every region below (prefix of the code once trailing "00" pairs are dropped; "" = all). */
typedef struct {
    enum { SCOPE_NONE, SCOPE_AGENCY, SCOPE_REGION } kind;
    char agency[19];
    char region_prefix[7];
} DataScope;

void scope_for_region(DataScope *s, const char *region);
void scope_for_agency(DataScope *s, const char *agency);
/* The scope of a user's role: supervisors and leaders their region (else their agency's region),
 * observers their assigned region (else their one agency), the administrators none (SCOPE_NONE), everyone else their agency. */
void scope_for_user(DataScope *s, const char *role, const char *agency, const char *region, const char *agency_region);
bool scope_allows(const DataScope *s, const char *agency, const char *agency_region);
/* May a caller of scope s, placed in self_region (his region, else his agency's), read the name of a
 * user of agency (with its region) or, when agency is empty, of region? The administrators (no data
 * scope) read everyone's; others the people in their scope and the region-bound users whose region
 * covers theirs (the supervisors above them). Keeps the users dictionary from listing every login. */
bool scope_names_user(const DataScope *s, const char *self_region, const char *agency, const char *agency_region,
                      const char *region);

#endif
