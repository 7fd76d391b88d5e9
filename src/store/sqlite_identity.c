/* SQLite side of store/identity.h. Parameterized statements only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/identity.h"
#include "store/sqlite_internal.h"

/* ---- users ---- */

#define USER_COLUMNS                                                                              \
    "u.id, u.username, u.display_name, u.role, coalesce(u.agency, ''), coalesce(u.region, ''),"   \
    " coalesce(a.region, ''), u.must_change_password, u.disabled, u.password_hash,"             \
    " coalesce(r.name, ''), coalesce(a.name, ''), coalesce(u.approval_level, 0)"
#define USER_FROM " FROM users u LEFT JOIN agencies a ON a.code = u.agency LEFT JOIN roles r ON r.id = u.role"

static void read_user(sqlite3_stmt *q, AuthUser *u, char hash[PASSWORD_HASH_MAX])
{
    memset(u, 0, sizeof *u);
    u->id = sqlite3_column_int64(q, 0);
    sqlite_col_copy(q, 1, u->username, sizeof u->username);
    sqlite_col_copy(q, 2, u->display_name, sizeof u->display_name);
    sqlite_col_copy(q, 3, u->role, sizeof u->role);
    sqlite_col_copy(q, 4, u->agency, sizeof u->agency);
    sqlite_col_copy(q, 5, u->region, sizeof u->region);
    sqlite_col_copy(q, 6, u->agency_region, sizeof u->agency_region);
    u->must_change_password = sqlite3_column_int(q, 7) != 0;
    u->disabled = sqlite3_column_int(q, 8) != 0;
    if (hash) sqlite_col_copy(q, 9, hash, PASSWORD_HASH_MAX);
    sqlite_col_copy(q, 10, u->role_name, sizeof u->role_name);
    sqlite_col_copy(q, 11, u->agency_name, sizeof u->agency_name);
    u->approval_level = sqlite3_column_int(q, 12);
}

json_t *auth_user_json(const AuthUser *u)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:b, s:b}", "id", (json_int_t)u->id, "username",
                          u->username, "display_name", u->display_name, "role", u->role,
                          "must_change_password", u->must_change_password, "disabled", u->disabled);
    json_object_set_new(o, "role_name", json_string(u->role_name));
    json_object_set_new(o, "agency", u->agency[0] ? json_string(u->agency) : json_null());
    json_object_set_new(o, "agency_name", u->agency_name[0] ? json_string(u->agency_name) : json_null());
    json_object_set_new(o, "region", u->region[0] ? json_string(u->region) : json_null());
    json_object_set_new(o, "agency_region", u->agency_region[0] ? json_string(u->agency_region) : json_null());
    json_object_set_new(o, "approval_level", u->approval_level > 0 ? json_integer(u->approval_level) : json_null());
    return o;
}

int sqlite_store_user_create(Store *st, const NewUser *u, long long *id, ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    sqlite_utc_now(now);
    if (sqlite_prepare(st,
                "INSERT INTO users(username, display_name, password_hash, must_change_password, role,"
                " agency, region, created_at, password_changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite_bind_opt(q, 1, u->username);
    sqlite3_bind_text(q, 2, u->display_name ? u->display_name : "", -1, SQLITE_STATIC);
    sqlite_bind_opt(q, 3, u->password_hash);
    sqlite3_bind_int(q, 4, u->must_change_password);
    sqlite_bind_opt(q, 5, u->role);
    sqlite_bind_opt(q, 6, u->agency);
    sqlite_bind_opt(q, 7, u->region);
    sqlite3_bind_text(q, 8, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_CONSTRAINT)
        return zf_fail(err, 409, "user_exists", "username", "用户名已被使用");
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "users");
    *id = sqlite3_last_insert_rowid(st->db);
    return ZF_OK;
}

static int user_where(Store *st, const char *where, const char *text, long long num, AuthUser *u,
                      char hash[PASSWORD_HASH_MAX], ZfError *err)
{
    char sql[768];
    sqlite3_stmt *q;
    snprintf(sql, sizeof sql, "SELECT " USER_COLUMNS USER_FROM " WHERE %s", where);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    if (text) sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
    else sqlite3_bind_int64(q, 1, num);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) read_user(q, u, hash);
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW) return ZF_OK;
    if (rc == SQLITE_DONE) return zf_fail(err, 404, "not_found", NULL, "用户不存在");
    return sqlite_fail(st, err, "users");
}

int sqlite_store_user_by_name(Store *st, const char *username, AuthUser *u, char hash[PASSWORD_HASH_MAX], ZfError *err)
{
    return user_where(st, "u.username = ?1", username, 0, u, hash, err);
}

int sqlite_store_user_by_id(Store *st, long long id, AuthUser *u, char hash[PASSWORD_HASH_MAX], ZfError *err)
{
    return user_where(st, "u.id = ?1", NULL, id, u, hash, err);
}

int sqlite_store_user_set_password(Store *st, long long id, const char *hash, bool must_change, ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    sqlite_utc_now(now);
    if (sqlite_prepare(st, "UPDATE users SET password_hash = ?1, must_change_password = ?2, password_changed_at = ?3"
                    " WHERE id = ?4", &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, hash, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, must_change);
    sqlite3_bind_text(q, 3, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 4, id);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "users");
}

int sqlite_store_user_update(Store *st, long long id, const char *display_name, const char *role,
                      const char *agency, const char *region, int disabled, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                "UPDATE users SET display_name = coalesce(?1, display_name), role = coalesce(?2, role),"
                " agency = CASE WHEN ?3 IS NULL THEN agency WHEN ?3 = '' THEN NULL ELSE ?3 END,"
                " region = CASE WHEN ?4 IS NULL THEN region WHEN ?4 = '' THEN NULL ELSE ?4 END,"
                " disabled = CASE WHEN ?5 < 0 THEN disabled ELSE ?5 END WHERE id = ?6",
                &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite_bind_opt(q, 1, display_name);
    sqlite_bind_opt(q, 2, role);
    sqlite_bind_opt(q, 3, agency);
    sqlite_bind_opt(q, 4, region);
    sqlite3_bind_int(q, 5, disabled);
    sqlite3_bind_int64(q, 6, id);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "users");
    return sqlite3_changes(st->db) ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "用户不存在");
}

int sqlite_store_users_list(Store *st, const char *qtext, int page, int size, json_t **out, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                "SELECT " USER_COLUMNS ", count(*) OVER ()" USER_FROM
                " WHERE ?1 IS NULL OR instr(u.username || ' ' || u.display_name, ?1) > 0"
                " ORDER BY u.id LIMIT ?2 OFFSET ?3",
                &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite_bind_opt(q, 1, qtext);
    sqlite3_bind_int(q, 2, size);
    sqlite3_bind_int64(q, 3, (sqlite3_int64)(page - 1) * size);
    json_t *items = json_array();
    long long total = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        AuthUser u;
        read_user(q, &u, NULL);
        total = sqlite3_column_int64(q, 13);
        json_array_append_new(items, auth_user_json(&u));
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        json_decref(items);
        return sqlite_fail(st, err, "users");
    }
    *out = json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total, "page", page, "size", size);
    return ZF_OK;
}

/* ---- sessions ---- */

int sqlite_store_session_create(Store *st, const char *token_hash, long long user_id, const char *csrf,
                         long long now, const char *ip, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, last_seen, ip)"
                    " VALUES (?1, ?2, ?3, ?4, ?4, ?5)", &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, token_hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, user_id);
    sqlite3_bind_text(q, 3, csrf, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 4, now);
    sqlite3_bind_text(q, 5, ip, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "sessions");
}

int sqlite_store_session_lookup(Store *st, const char *token_hash, AuthUser *u, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT " USER_COLUMNS ", s.csrf_token, s.created_at, s.last_seen" USER_FROM
                    " JOIN sessions s ON s.user_id = u.id WHERE s.token_hash = ?1", &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, token_hash, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        read_user(q, u, NULL);
        sqlite_col_copy(q, 13, u->csrf, sizeof u->csrf);
        u->session_created = sqlite3_column_int64(q, 14);
        u->session_seen = sqlite3_column_int64(q, 15);
    }
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW) return ZF_OK;
    if (rc == SQLITE_DONE) return zf_fail(err, 401, "not_logged_in", NULL, "未登录或会话已失效，请重新登录");
    return sqlite_fail(st, err, "sessions");
}

/* A write whose parameters are ?1 (text, may be NULL) and ?2 (integer). */
static int exec_text_int(Store *st, const char *sql, const char *text, long long num, const char *what, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sqlite_bind_opt(q, 1, text);
    if (sqlite3_bind_parameter_count(q) >= 2) sqlite3_bind_int64(q, 2, num);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, what);
}

int sqlite_store_session_touch(Store *st, const char *token_hash, long long now, ZfError *err)
{
    return exec_text_int(st, "UPDATE sessions SET last_seen = ?2 WHERE token_hash = ?1", token_hash, now, "sessions", err);
}

int sqlite_store_session_delete(Store *st, const char *token_hash, ZfError *err)
{
    return exec_text_int(st, "DELETE FROM sessions WHERE token_hash = ?1", token_hash, 0, "sessions", err);
}

int sqlite_store_sessions_delete_user(Store *st, long long user_id, ZfError *err)
{
    return exec_text_int(st, "DELETE FROM sessions WHERE user_id = ?2", NULL, user_id, "sessions", err);
}

/* ---- login throttling ---- */

int sqlite_store_login_reserve(Store *st, const char *username, long long now, const LoginPolicy *policy,
                        LoginAttempt *out, ZfError *err)
{
    sqlite3_stmt *q;
    memset(out, 0, sizeof *out);
    if (store_begin(st, err) != ZF_OK) return ZF_ERR;
    if (sqlite_prepare(st, "SELECT failures, locked_until FROM login_failures WHERE username = ?1", &q, err) != ZF_OK)
        goto fail;
    sqlite3_bind_text(q, 1, username, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        out->failures = sqlite3_column_int(q, 0);
        out->locked_until = sqlite3_column_int64(q, 1);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        sqlite_fail(st, err, "login_failures");
        goto fail;
    }
    if (out->locked_until > now) return store_commit(st, err);
    out->allowed = true;
    out->failures++;
    long long lock = login_lock_seconds(policy, out->failures);
    out->locked_until = lock ? now + lock : 0;
    if (sqlite_prepare(st,
                "INSERT INTO login_failures(username, failures, locked_until) VALUES (?1, ?2, ?3)"
                " ON CONFLICT(username) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until",
                &q, err) != ZF_OK)
        goto fail;
    sqlite3_bind_text(q, 1, username, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, out->failures);
    sqlite3_bind_int64(q, 3, out->locked_until);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        sqlite_fail(st, err, "login_failures");
        goto fail;
    }
    return store_commit(st, err);
fail:
    store_rollback(st);
    return ZF_ERR;
}

int sqlite_store_login_clear(Store *st, const char *username, ZfError *err)
{
    return exec_text_int(st, "DELETE FROM login_failures WHERE username = ?1", username, 0, "login_failures", err);
}

/* ---- roles ---- */

bool sqlite_store_role_has_perm(Store *st, const char *role, const char *perm)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM role_permissions WHERE role = ?1 AND perm = ?2", -1, &q,
                           NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_text(q, 1, role, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, perm, -1, SQLITE_STATIC);
    bool yes = sqlite3_step(q) == SQLITE_ROW;
    sqlite3_finalize(q);
    return yes;
}

json_t *sqlite_store_role_permissions(Store *st, const char *role)
{
    sqlite3_stmt *q;
    json_t *list = json_array();
    if (sqlite3_prepare_v2(st->db, "SELECT perm FROM role_permissions WHERE role = ?1 ORDER BY perm", -1, &q,
                           NULL) != SQLITE_OK)
        return list;
    sqlite3_bind_text(q, 1, role, -1, SQLITE_STATIC);
    while (sqlite3_step(q) == SQLITE_ROW) json_array_append_new(list, sqlite_json_text(q, 0));
    sqlite3_finalize(q);
    return list;
}

static json_t *perm_shares(Store *st, const char *perm)
{
    sqlite3_stmt *q;
    json_t *list = json_array();
    if (sqlite3_prepare_v2(st->db, "SELECT duty FROM permission_shares WHERE perm = ?1 ORDER BY duty", -1, &q, NULL) !=
        SQLITE_OK)
        return list;
    sqlite3_bind_text(q, 1, perm, -1, SQLITE_STATIC);
    while (sqlite3_step(q) == SQLITE_ROW) json_array_append_new(list, sqlite_json_text(q, 0));
    sqlite3_finalize(q);
    return list;
}

int sqlite_store_roles_list(Store *st, json_t **out, ZfError *err)
{
    sqlite3_stmt *q;
    json_t *roles = json_array(), *perms = json_array();
    if (sqlite_prepare(st, "SELECT id, name, description, data_scope, duty FROM roles ORDER BY rowid", &q, err) != ZF_OK)
        goto fail;
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(q, 0);
        const char *duty = (const char *)sqlite3_column_text(q, 4);
        json_array_append_new(roles, json_pack("{s:o, s:o, s:o, s:o, s:o, s:s, s:o}", "id", sqlite_json_text(q, 0),
                                               "name", sqlite_json_text(q, 1), "description",
                                               sqlite_json_text(q, 2), "data_scope", sqlite_json_text(q, 3),
                                               "duty", sqlite_json_text(q, 4), "duty_name", duty_label(duty),
                                               "permissions", store_role_permissions(st, id)));
    }
    sqlite3_finalize(q);
    if (sqlite_prepare(st, "SELECT name, description, owner, core FROM permissions ORDER BY name", &q, err) != ZF_OK)
        goto fail;
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(q, 0), *owner = (const char *)sqlite3_column_text(q, 2);
        json_array_append_new(perms, json_pack("{s:o, s:o, s:o, s:s, s:b, s:o}", "name", sqlite_json_text(q, 0),
                                               "description", sqlite_json_text(q, 1), "owner",
                                               sqlite_json_text(q, 2), "owner_name", duty_label(owner), "core",
                                               sqlite3_column_int(q, 3) != 0, "shared_with", perm_shares(st, name)));
    }
    sqlite3_finalize(q);
    *out = json_pack("{s:o, s:o}", "items", roles, "permissions", perms);
    return ZF_OK;
fail:
    json_decref(roles);
    json_decref(perms);
    return ZF_ERR;
}

static int insert_perm(Store *st, const char *role, const char *perm, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "INSERT OR IGNORE INTO role_permissions(role, perm) SELECT ?1, name FROM permissions"
                    " WHERE name = ?2", &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, role, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, perm, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "role_permissions");
    if (sqlite3_changes(st->db) == 0 && !store_role_has_perm(st, role, perm))
        return zf_fail(err, 400, "unknown_permission", "permissions", "未知的权限：%s", perm);
    return ZF_OK;
}

int sqlite_store_role_set_perms(Store *st, const char *role, const char *const *perms, size_t n, ZfError *err)
{
    sqlite3_stmt *q;
    if (store_begin(st, err) != ZF_OK) return ZF_ERR;
    if (sqlite_prepare(st, "DELETE FROM role_permissions WHERE role = ?1", &q, err) != ZF_OK) goto fail;
    sqlite3_bind_text(q, 1, role, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        sqlite_fail(st, err, "role_permissions");
        goto fail;
    }
    for (size_t i = 0; i < n; i++)
        if (insert_perm(st, role, perms[i], err) != ZF_OK) goto fail;
    return store_commit(st, err);
fail:
    store_rollback(st);
    return ZF_ERR;
}

/* ---- audit ---- */

int sqlite_store_audit_append(Store *st, const AuditEntry *e)
{
    sqlite3_stmt *q;
    char now[32];
    sqlite_utc_now(now);
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO audit_log(time, username, role, ip, action, target, result, detail)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           -1, &q, NULL) != SQLITE_OK)
        return ZF_ERR;
    const char *v[7] = {e->username, e->role, e->ip ? e->ip : "", e->action, e->target ? e->target : "",
                        e->result, e->detail ? e->detail : ""};
    sqlite3_bind_text(q, 1, now, -1, SQLITE_STATIC);
    for (int i = 0; i < 7; i++) sqlite_bind_opt(q, i + 2, v[i]);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : ZF_ERR;
}

static const char audit_where[] =
    " WHERE (?1 IS NULL OR username = ?1) AND (?2 IS NULL OR action = ?2)"
    " AND (?3 IS NULL OR result = ?3) AND (?4 IS NULL OR time >= ?4) AND (?5 IS NULL OR time < ?5)"
    " AND (?6 IS NULL OR instr(target || ' ' || detail || ' ' || ip, ?6) > 0)";

static void bind_audit(sqlite3_stmt *q, const AuditFilter *f)
{
    const char *v[6] = {f->username, f->action, f->result, f->from, f->to, f->q};
    for (int i = 0; i < 6; i++) sqlite_bind_opt(q, i + 1, v[i]);
}

static json_t *audit_row(sqlite3_stmt *q)
{
    static const char *const names[] = {"time", "username", "role", "ip", "action", "target", "result", "detail"};
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(sqlite3_column_int64(q, 0)));
    for (int c = 0; c < 8; c++) json_object_set_new(o, names[c], sqlite_json_text(q, c + 1));
    return o;
}

int sqlite_store_audit_foreach(Store *st, const AuditFilter *f, AuditRowFn fn, void *ctx, ZfError *err)
{
    char sql[1024];
    sqlite3_stmt *q;
    snprintf(sql, sizeof sql, "SELECT id, time, username, role, ip, action, target, result, detail FROM audit_log%s ORDER BY id", audit_where);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    bind_audit(q, f);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        if (fn(audit_row(q), ctx) != 0) break;
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "audit_log");
}

int sqlite_store_audit_list(Store *st, const AuditFilter *f, int page, int size, json_t **out, ZfError *err)
{
    char sql[1024];
    sqlite3_stmt *q;
    snprintf(sql, sizeof sql, "SELECT id, time, username, role, ip, action, target, result, detail, count(*) OVER ()"
             " FROM audit_log%s ORDER BY id DESC LIMIT ?7 OFFSET ?8", audit_where);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    bind_audit(q, f);
    sqlite3_bind_int(q, 7, size);
    sqlite3_bind_int64(q, 8, (sqlite3_int64)(page - 1) * size);
    json_t *items = json_array();
    long long total = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        total = sqlite3_column_int64(q, 9);
        json_array_append_new(items, audit_row(q));
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        json_decref(items);
        return sqlite_fail(st, err, "audit_log");
    }
    *out = json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total, "page", page, "size", size);
    return ZF_OK;
}

void sqlite_store_agency_region(Store *st, const char *agency, char region[7])
{
    sqlite3_stmt *q;
    region[0] = '\0';
    if (!agency || sqlite3_prepare_v2(st->db, "SELECT region FROM agencies WHERE code = ?1", -1, &q, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_text(q, 1, agency, -1, SQLITE_STATIC);
    if (sqlite3_step(q) == SQLITE_ROW) sqlite_col_copy(q, 0, region, 7);
    sqlite3_finalize(q);
}
