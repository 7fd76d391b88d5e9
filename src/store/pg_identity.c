/* PostgreSQL side of store/identity.h: users, sessions, login throttling, roles, audit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/authz.h"
#include "store/identity.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

#define PG_NOW "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/* ---- users ---- */

#define USER_COLUMNS                                                                              \
    "u.id, u.username, u.display_name, u.role, coalesce(u.agency, ''), coalesce(u.region, ''),"   \
    " coalesce(a.region, ''), u.must_change_password, u.disabled, u.password_hash,"             \
    " coalesce(r.name, ''), coalesce(a.name, ''), coalesce(u.approval_level, 0)"
#define USER_FROM " FROM users u LEFT JOIN agencies a ON a.code = u.agency LEFT JOIN roles r ON r.id = u.role"

static void read_user(const PGresult *r, int i, AuthUser *u, char hash[PASSWORD_HASH_MAX])
{
    memset(u, 0, sizeof *u);
    u->id = pg_ll(r, i, 0);
    pg_copy(r, i, 1, u->username, sizeof u->username);
    pg_copy(r, i, 2, u->display_name, sizeof u->display_name);
    pg_copy(r, i, 3, u->role, sizeof u->role);
    pg_copy(r, i, 4, u->agency, sizeof u->agency);
    pg_copy(r, i, 5, u->region, sizeof u->region);
    pg_copy(r, i, 6, u->agency_region, sizeof u->agency_region);
    u->must_change_password = pg_ll(r, i, 7) != 0;
    u->disabled = pg_ll(r, i, 8) != 0;
    if (hash) pg_copy(r, i, 9, hash, PASSWORD_HASH_MAX);
    pg_copy(r, i, 10, u->role_name, sizeof u->role_name);
    pg_copy(r, i, 11, u->agency_name, sizeof u->agency_name);
    u->approval_level = (int)pg_ll(r, i, 12);
}

int pg_store_user_create(Store *st, const NewUser *u, long long *id, ZfError *err)
{
    char must[24];
    PGresult *r = pg_query(st,
                           "INSERT INTO users(username, display_name, password_hash, must_change_password, role,"
                           " agency, region, created_at, password_changed_at)"
                           " VALUES ($1, $2, $3, $4, $5, $6, $7, " PG_NOW ", " PG_NOW ") RETURNING id",
                           PG_ARGS(u->username, u->display_name ? u->display_name : "", u->password_hash,
                                   pg_int(must, u->must_change_password), u->role, u->agency, u->region),
                           "users", err);
    if (!r) {
        if (err->status == 409 && !strcmp(err->code, "duplicate"))
            return zf_fail(err, 409, "user_exists", "username", "用户名已被使用");
        return ZF_ERR;
    }
    *id = pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

static int user_where(Store *st, const char *where, const char *param, AuthUser *u, char hash[PASSWORD_HASH_MAX],
                      ZfError *err)
{
    char sql[768];
    snprintf(sql, sizeof sql, "SELECT " USER_COLUMNS USER_FROM " WHERE %s", where);
    PGresult *r = pg_query(st, sql, PG_ARGS(param), "users", err);
    if (!r) return ZF_ERR;
    int found = PQntuples(r) > 0;
    if (found) read_user(r, 0, u, hash);
    PQclear(r);
    return found ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "用户不存在");
}

int pg_store_user_by_name(Store *st, const char *username, AuthUser *u, char hash[PASSWORD_HASH_MAX], ZfError *err)
{
    return user_where(st, "u.username = $1", username, u, hash, err);
}

int pg_store_user_by_id(Store *st, long long id, AuthUser *u, char hash[PASSWORD_HASH_MAX], ZfError *err)
{
    char v[24];
    return user_where(st, "u.id = $1::bigint", pg_int(v, id), u, hash, err);
}

int pg_store_user_set_password(Store *st, long long id, const char *hash, bool must_change, ZfError *err)
{
    char must[24], v[24];
    return pg_exec(st,
                   "UPDATE users SET password_hash = $1, must_change_password = $2, password_changed_at = " PG_NOW
                   " WHERE id = $3",
                   PG_ARGS(hash, pg_int(must, must_change), pg_int(v, id)), "users", NULL, err);
}

int pg_store_user_update(Store *st, long long id, const char *display_name, const char *role, const char *agency,
                         const char *region, int disabled, ZfError *err)
{
    char dis[24], v[24];
    long long n = 0;
    if (pg_exec(st,
                "UPDATE users SET display_name = coalesce($1, display_name), role = coalesce($2, role),"
                " agency = CASE WHEN $3::text IS NULL THEN agency WHEN $3 = '' THEN NULL ELSE $3 END,"
                " region = CASE WHEN $4::text IS NULL THEN region WHEN $4 = '' THEN NULL ELSE $4 END,"
                " disabled = CASE WHEN $5::int < 0 THEN disabled ELSE $5::int END WHERE id = $6",
                PG_ARGS(display_name, role, agency, region, pg_int(dis, disabled), pg_int(v, id)), "users", &n,
                err) != ZF_OK)
        return ZF_ERR;
    return n ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "用户不存在");
}

int pg_store_users_list(Store *st, const char *qtext, int page, int size, json_t **out, ZfError *err)
{
    char lim[24], off[24];
    PGresult *r = pg_query(st,
                           "SELECT " USER_COLUMNS ", count(*) OVER ()" USER_FROM
                           " WHERE $1::text IS NULL OR strpos(u.username || ' ' || u.display_name, $1) > 0"
                           " ORDER BY u.id LIMIT $2 OFFSET $3",
                           PG_ARGS(qtext, pg_int(lim, size), pg_int(off, (long long)(page - 1) * size)), "users", err);
    if (!r) return ZF_ERR;
    json_t *items = json_array();
    long long total = 0;
    for (int i = 0; i < PQntuples(r); i++) {
        AuthUser u;
        read_user(r, i, &u, NULL);
        total = pg_ll(r, i, 13);
        json_array_append_new(items, auth_user_json(&u));
    }
    PQclear(r);
    *out = pg_page(items, total, page, size);
    return ZF_OK;
}

/* ---- sessions ---- */

int pg_store_session_create(Store *st, const char *token_hash, long long user_id, const char *csrf, long long now,
                            const char *ip, ZfError *err)
{
    char uid[24], t[24];
    return pg_exec(st,
                   "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, last_seen, ip)"
                   " VALUES ($1, $2, $3, $4, $4, $5)",
                   PG_ARGS(token_hash, pg_int(uid, user_id), csrf, pg_int(t, now), ip), "sessions", NULL, err);
}

int pg_store_session_lookup(Store *st, const char *token_hash, AuthUser *u, ZfError *err)
{
    PGresult *r = pg_query(st,
                           "SELECT " USER_COLUMNS ", s.csrf_token, s.created_at, s.last_seen" USER_FROM
                           " JOIN sessions s ON s.user_id = u.id WHERE s.token_hash = $1",
                           PG_ARGS(token_hash), "sessions", err);
    if (!r) return ZF_ERR;
    int found = PQntuples(r) > 0;
    if (found) {
        read_user(r, 0, u, NULL);
        pg_copy(r, 0, 13, u->csrf, sizeof u->csrf);
        u->session_created = pg_ll(r, 0, 14);
        u->session_seen = pg_ll(r, 0, 15);
    }
    PQclear(r);
    return found ? ZF_OK : zf_fail(err, 401, "not_logged_in", NULL, "未登录或会话已失效，请重新登录");
}

int pg_store_session_touch(Store *st, const char *token_hash, long long now, ZfError *err)
{
    char t[24];
    return pg_exec(st, "UPDATE sessions SET last_seen = $2 WHERE token_hash = $1", PG_ARGS(token_hash, pg_int(t, now)),
                   "sessions", NULL, err);
}

int pg_store_session_delete(Store *st, const char *token_hash, ZfError *err)
{
    return pg_exec(st, "DELETE FROM sessions WHERE token_hash = $1", PG_ARGS(token_hash), "sessions", NULL, err);
}

int pg_store_sessions_delete_user(Store *st, long long user_id, ZfError *err)
{
    char v[24];
    return pg_exec(st, "DELETE FROM sessions WHERE user_id = $1", PG_ARGS(pg_int(v, user_id)), "sessions", NULL, err);
}

/* ---- login throttling: the row is locked (FOR UPDATE) so two servers count every attempt ---- */

int pg_store_login_reserve(Store *st, const char *username, long long now, const LoginPolicy *policy,
                           LoginAttempt *out, ZfError *err)
{
    memset(out, 0, sizeof *out);
    if (store_begin(st, err) != ZF_OK) return ZF_ERR;
    pg_exec(st, "INSERT INTO login_failures(username, failures, locked_until) VALUES ($1, 0, 0) ON CONFLICT DO NOTHING",
            PG_ARGS(username), "login_failures", NULL, err);
    PGresult *r = pg_query(st, "SELECT failures, locked_until FROM login_failures WHERE username = $1 FOR UPDATE",
                           PG_ARGS(username), "login_failures", err);
    if (!r) goto fail;
    if (PQntuples(r)) {
        out->failures = (int)pg_ll(r, 0, 0);
        out->locked_until = pg_ll(r, 0, 1);
    }
    PQclear(r);
    if (out->locked_until > now) return store_commit(st, err);
    out->allowed = true;
    out->failures++;
    long long lock = login_lock_seconds(policy, out->failures);
    out->locked_until = lock ? now + lock : 0;
    char f[24], l[24];
    if (pg_exec(st, "UPDATE login_failures SET failures = $2, locked_until = $3 WHERE username = $1",
                PG_ARGS(username, pg_int(f, out->failures), pg_int(l, out->locked_until)), "login_failures", NULL,
                err) != ZF_OK)
        goto fail;
    return store_commit(st, err);
fail:
    store_rollback(st);
    return ZF_ERR;
}

int pg_store_login_clear(Store *st, const char *username, ZfError *err)
{
    return pg_exec(st, "DELETE FROM login_failures WHERE username = $1", PG_ARGS(username), "login_failures", NULL,
                   err);
}

/* ---- roles ---- */

bool pg_store_role_has_perm(Store *st, const char *role, const char *perm)
{
    ZfError ignored = {0};
    PGresult *r = pg_query(st, "SELECT 1 FROM role_permissions WHERE role = $1 AND perm = $2", PG_ARGS(role, perm),
                           "role_permissions", &ignored);
    bool yes = r && PQntuples(r) > 0;
    PQclear(r);
    return yes;
}

static json_t *texts(Store *st, const char *sql, const char *param)
{
    ZfError ignored = {0};
    json_t *list = json_array();
    PGresult *r = pg_query(st, sql, PG_ARGS(param), "roles", &ignored);
    for (int i = 0; r && i < PQntuples(r); i++) json_array_append_new(list, pg_json_text(r, i, 0));
    PQclear(r);
    return list;
}

json_t *pg_store_role_permissions(Store *st, const char *role)
{
    return texts(st, "SELECT perm FROM role_permissions WHERE role = $1 ORDER BY perm COLLATE \"C\"", role);
}

int pg_store_roles_list(Store *st, json_t **out, ZfError *err)
{
    PGresult *r = pg_query(st, "SELECT id, name, description, data_scope, duty FROM roles ORDER BY pos", PG_NOARGS,
                           "roles", err);
    if (!r) return ZF_ERR;
    json_t *roles = json_array(), *perms = json_array();
    for (int i = 0; i < PQntuples(r); i++)
        json_array_append_new(roles, json_pack("{s:o, s:o, s:o, s:o, s:o, s:s, s:o}", "id", pg_json_text(r, i, 0),
                                               "name", pg_json_text(r, i, 1), "description", pg_json_text(r, i, 2),
                                               "data_scope", pg_json_text(r, i, 3), "duty", pg_json_text(r, i, 4),
                                               "duty_name", duty_label(pg_text(r, i, 4)), "permissions",
                                               pg_store_role_permissions(st, pg_text(r, i, 0))));
    PQclear(r);
    r = pg_query(st, "SELECT name, description, owner, core FROM permissions ORDER BY name COLLATE \"C\"", PG_NOARGS,
                 "permissions", err);
    if (!r) return json_decref(roles), json_decref(perms), ZF_ERR;
    for (int i = 0; i < PQntuples(r); i++)
        json_array_append_new(perms, json_pack("{s:o, s:o, s:o, s:s, s:b, s:o}", "name", pg_json_text(r, i, 0),
                                               "description", pg_json_text(r, i, 1), "owner", pg_json_text(r, i, 2),
                                               "owner_name", duty_label(pg_text(r, i, 2)), "core",
                                               pg_ll(r, i, 3) != 0, "shared_with",
                                               texts(st,
                                                     "SELECT duty FROM permission_shares WHERE perm = $1"
                                                     " ORDER BY duty COLLATE \"C\"",
                                                     pg_text(r, i, 0))));
    PQclear(r);
    *out = json_pack("{s:o, s:o}", "items", roles, "permissions", perms);
    return ZF_OK;
}

int pg_store_role_set_perms(Store *st, const char *role, const char *const *perms, size_t n, ZfError *err)
{
    if (store_begin(st, err) != ZF_OK) return ZF_ERR;
    if (pg_exec(st, "DELETE FROM role_permissions WHERE role = $1", PG_ARGS(role), "role_permissions", NULL, err) !=
        ZF_OK)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        long long added = 0;
        if (pg_exec(st,
                    "INSERT INTO role_permissions(role, perm) SELECT $1, name FROM permissions WHERE name = $2"
                    " ON CONFLICT DO NOTHING",
                    PG_ARGS(role, perms[i]), "role_permissions", &added, err) != ZF_OK)
            goto fail;
        if (!added && !pg_store_role_has_perm(st, role, perms[i])) {
            zf_fail(err, 400, "unknown_permission", "permissions", "未知的权限：%s", perms[i]);
            goto fail;
        }
    }
    return store_commit(st, err);
fail:
    store_rollback(st);
    return ZF_ERR;
}

/* ---- audit ---- */

int pg_store_audit_append(Store *st, const AuditEntry *e)
{
    ZfError ignored = {0};
    return pg_exec(st,
                   "INSERT INTO audit_log(time, username, role, ip, action, target, result, detail)"
                   " VALUES (to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
                   " $1, $2, $3, $4, $5, $6, $7)",
                   PG_ARGS(e->username, e->role, e->ip ? e->ip : "", e->action, e->target ? e->target : "", e->result,
                           e->detail ? e->detail : ""),
                   "audit_log", NULL, &ignored);
}

static const char audit_where[] =
    " WHERE ($1::text IS NULL OR username = $1) AND ($2::text IS NULL OR action = $2)"
    " AND ($3::text IS NULL OR result = $3) AND ($4::text IS NULL OR time >= $4) AND ($5::text IS NULL OR time < $5)"
    " AND ($6::text IS NULL OR strpos(target || ' ' || detail || ' ' || ip, $6) > 0)";

static json_t *audit_row(const PGresult *r, int i)
{
    static const char *const names[] = {"time", "username", "role", "ip", "action", "target", "result", "detail"};
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(pg_ll(r, i, 0)));
    for (int c = 0; c < 8; c++) json_object_set_new(o, names[c], pg_json_text(r, i, c + 1));
    return o;
}

/* Keyset pages: an export of the whole log never holds it in memory at once. */
int pg_store_audit_foreach(Store *st, const AuditFilter *f, AuditRowFn fn, void *ctx, ZfError *err)
{
    char sql[1024], after[24];
    snprintf(sql, sizeof sql,
             "SELECT id, time, username, role, ip, action, target, result, detail FROM audit_log%s AND id > $7"
             " ORDER BY id LIMIT 1000",
             audit_where);
    for (long long last = 0;;) {
        PGresult *r = pg_query(st, sql, PG_ARGS(f->username, f->action, f->result, f->from, f->to, f->q,
                                                pg_int(after, last)),
                               "audit_log", err);
        if (!r) return ZF_ERR;
        int rows = PQntuples(r), stop = 0;
        for (int i = 0; i < rows && !stop; i++) stop = fn(audit_row(r, i), ctx);
        if (rows) last = pg_ll(r, rows - 1, 0);
        PQclear(r);
        if (stop || rows < 1000) return ZF_OK;
    }
}

int pg_store_audit_list(Store *st, const AuditFilter *f, int page, int size, json_t **out, ZfError *err)
{
    char sql[1024], lim[24], off[24];
    snprintf(sql, sizeof sql,
             "SELECT id, time, username, role, ip, action, target, result, detail, count(*) OVER ()"
             " FROM audit_log%s ORDER BY id DESC LIMIT $7 OFFSET $8",
             audit_where);
    PGresult *r = pg_query(st, sql, PG_ARGS(f->username, f->action, f->result, f->from, f->to, f->q, pg_int(lim, size),
                                            pg_int(off, (long long)(page - 1) * size)),
                           "audit_log", err);
    if (!r) return ZF_ERR;
    json_t *items = json_array();
    long long total = 0;
    for (int i = 0; i < PQntuples(r); i++) {
        total = pg_ll(r, i, 9);
        json_array_append_new(items, audit_row(r, i));
    }
    PQclear(r);
    *out = pg_page(items, total, page, size);
    return ZF_OK;
}

void pg_store_agency_region(Store *st, const char *agency, char region[7])
{
    ZfError ignored = {0};
    region[0] = '\0';
    if (!agency) return;
    PGresult *r = pg_query(st, "SELECT region FROM agencies WHERE code = $1", PG_ARGS(agency), "agencies", &ignored);
    if (r && PQntuples(r)) pg_copy(r, 0, 0, region, 7);
    PQclear(r);
}
