/* /api/v1/session: log in (POST), who am I (GET), log out (DELETE), change password (PUT
 * /session/password). Failures say nothing about whether a username exists. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "http/auth.h"
#include "http/server.h"
#include "store/settings.h"

#define LOGIN_FIELD_MAX 128

/* The lockout policy (migration 021, settings login_lock_*); the defaults are the same values. */
static LoginPolicy login_policy(Store *st)
{
    LoginPolicy p = {store_setting_int(st, "login_lock_after_failures", 5),
                     store_setting_int(st, "login_lock_base_seconds", 30),
                     60LL * store_setting_int(st, "login_lock_max_minutes", 60)};
    return p;
}

static const char *body_text(json_t *body, const char *name)
{
    return json_string_value(json_object_get(body, name));
}

static int reply_session(HttpRequest *req, const AuthUser *u, const char *csrf, int status)
{
    return http_reply_json(req, status, json_pack("{s:o, s:s, s:o}", "user", auth_user_json(u), "csrf_token", csrf,
                                                  "permissions", store_role_permissions(req->store, u->role)));
}

/* The attempt was counted when it was reserved: only the audit line and the answer are left. */
static int login_failed(HttpRequest *req, const char *username)
{
    auth_audit(req, "login_failed", username, "failed", "");
    return http_reply_error(req, 401, "login_failed", NULL, "用户名或密码错误");
}

static int start_session(HttpRequest *req, AuthUser *u)
{
    char token[TOKEN_HEX_LEN + 1], csrf[TOKEN_HEX_LEN + 1], hash[65];
    ZfError err;
    if (random_token(token) != 0 || random_token(csrf) != 0)
        return http_reply_error(req, 500, "internal", NULL, "无法生成会话令牌");
    sha256_hex(token, hash);
    if (store_session_create(req->store, hash, u->id, csrf, time(NULL), req->ip, &err) != ZF_OK)
        return http_reply_zferror(req, &err);
    auth_set_cookie(req, token);
    req->auth = u;
    req->user = u->username;
    auth_audit(req, "login", u->username, "ok", "");
    int rc = reply_session(req, u, csrf, 200);
    req->auth = NULL; /* u lives on our stack: the server must not free or audit it */
    req->user = NULL;
    return rc;
}

static int reply_locked(HttpRequest *req, const char *username, const LoginAttempt *attempt, long long now)
{
    char msg[128];
    snprintf(msg, sizeof msg, "密码错误次数过多，请 %lld 秒后再试", attempt->locked_until - now);
    auth_audit(req, "login_locked", username, "denied", "");
    return http_reply_error(req, 429, "login_locked", NULL, msg);
}

int api_session_create(HttpRequest *req)
{
    json_t *body = http_body_json(req);
    if (!body) return 0;
    const char *username = body_text(body, "username"), *password = body_text(body, "password");
    int rc;
    if (!username || !password || !*username || !*password) {
        rc = http_reply_error(req, 400, "invalid_field", !username || !*username ? "username" : "password", "请输入用户名和密码");
    } else if (strlen(username) > LOGIN_FIELD_MAX || strlen(password) > LOGIN_FIELD_MAX) {
        rc = http_reply_error(req, 400, "invalid_field", strlen(username) > LOGIN_FIELD_MAX ? "username" : "password",
                              "用户名或密码过长");
    } else {
        LoginPolicy policy = login_policy(req->store);
        LoginAttempt attempt;
        long long now = time(NULL);
        AuthUser u;
        char hash[PASSWORD_HASH_MAX];
        ZfError err;
        if (store_login_reserve(req->store, username, now, &policy, &attempt, &err) != ZF_OK) {
            rc = http_reply_zferror(req, &err);
        } else if (!attempt.allowed) {
            rc = reply_locked(req, username, &attempt, now);
        } else if (store_user_by_name(req->store, username, &u, hash, &err) != ZF_OK) {
            password_verify_dummy(password);
            rc = err.status == 404 ? login_failed(req, username) : http_reply_zferror(req, &err);
        } else if (!password_verify(hash, password) || u.disabled) {
            rc = login_failed(req, username);
        } else if (store_login_clear(req->store, username, &err) != ZF_OK) {
            rc = http_reply_zferror(req, &err);
        } else {
            rc = start_session(req, &u);
        }
    }
    json_decref(body);
    return rc;
}

int api_session_get(HttpRequest *req) { return reply_session(req, req->auth, req->auth->csrf, 200); }

int api_session_delete(HttpRequest *req)
{
    ZfError err;
    if (store_session_delete(req->store, req->session_hash, &err) != ZF_OK) {
        /* the session lives on: the cookie stays, and the user is told */
        auth_audit(req, "logout", req->auth->username, "failed", err.message);
        return http_reply_error(req, err.status >= 500 ? err.status : 500, "logout_failed", NULL,
                                "退出登录失败，会话仍然有效，请重试");
    }
    auth_set_cookie(req, NULL);
    auth_audit(req, "logout", req->auth->username, "ok", "");
    return http_reply_json(req, 200, json_pack("{s:b}", "ok", 1));
}

/* A new password ends every session of the user, this one included, and this browser gets a new
 * session — cookie and CSRF token — in the same transaction: whoever held a copy of the old
 * cookie or token, or was logged in elsewhere with the old password, is out. All or nothing. */
static int change_password(HttpRequest *req, const char *fresh)
{
    char token[TOKEN_HEX_LEN + 1], csrf[TOKEN_HEX_LEN + 1], hash[65];
    long long id = req->auth->id;
    ZfError err;
    if (random_token(token) != 0 || random_token(csrf) != 0)
        return http_reply_error(req, 500, "internal", NULL, "无法生成会话令牌");
    sha256_hex(token, hash);
    if (store_begin(req->store, &err) != ZF_OK || store_user_set_password(req->store, id, fresh, false, &err) != ZF_OK ||
        store_sessions_delete_user(req->store, id, &err) != ZF_OK ||
        store_session_create(req->store, hash, id, csrf, time(NULL), req->ip, &err) != ZF_OK ||
        store_commit(req->store, &err) != ZF_OK) {
        store_rollback(req->store);
        return http_reply_error(req, err.status >= 500 ? err.status : 500, "internal", NULL,
                                "修改密码失败，原密码仍然有效，请重试");
    }
    auth_set_cookie(req, token);
    snprintf(req->session_hash, sizeof req->session_hash, "%s", hash);
    snprintf(req->auth->csrf, sizeof req->auth->csrf, "%s", csrf);
    req->auth->must_change_password = false;
    return reply_session(req, req->auth, csrf, 200);
}

/* A stolen session must not become a password oracle: each old-password check is an attempt
 * at the name, reserved and locked like a login's. True when the check may go ahead. */
static bool old_password_attempt(HttpRequest *req, const char *username, int *rc)
{
    LoginPolicy policy = login_policy(req->store);
    LoginAttempt attempt;
    long long now = time(NULL);
    ZfError err;
    if (store_login_reserve(req->store, username, now, &policy, &attempt, &err) != ZF_OK)
        return *rc = http_reply_zferror(req, &err), false;
    if (attempt.allowed) return true;
    *rc = reply_locked(req, username, &attempt, now);
    return false;
}

int api_session_password(HttpRequest *req)
{
    json_t *body = http_body_json(req);
    if (!body) return 0;
    const char *old_pw = body_text(body, "old_password"), *new_pw = body_text(body, "new_password");
    AuthUser u;
    char hash[PASSWORD_HASH_MAX], fresh[PASSWORD_HASH_MAX];
    ZfError err;
    int rc;
    if (!old_pw || !new_pw || strlen(old_pw) > LOGIN_FIELD_MAX) {
        rc = http_reply_error(req, 400, "invalid_field", !old_pw ? "old_password" : "new_password", "请填写原密码和新密码");
    } else if (store_user_by_id(req->store, req->auth->id, &u, hash, &err) != ZF_OK) {
        rc = http_reply_zferror(req, &err);
    } else if (!old_password_attempt(req, u.username, &rc)) {
        /* locked, or the store failed: replied */
    } else if (!password_verify(hash, old_pw)) {
        auth_audit(req, "password_change", u.username, "failed", "原密码错误");
        rc = http_reply_error(req, 400, "wrong_password", "old_password", "原密码不正确");
    } else if (store_login_clear(req->store, u.username, &err) != ZF_OK) {
        rc = http_reply_zferror(req, &err);
    } else if (strcmp(old_pw, new_pw) == 0) {
        rc = http_reply_error(req, 400, "weak_password", "new_password", "新密码不能与原密码相同");
    } else if (password_check(u.username, new_pw, req->server->common_passwords, &err) != ZF_OK) {
        snprintf(err.field, sizeof err.field, "new_password");
        rc = http_reply_zferror(req, &err);
    } else if (password_hash(new_pw, fresh) != 0) {
        rc = http_reply_error(req, 500, "internal", NULL, "修改密码失败，请重试");
    } else {
        rc = change_password(req, fresh);
    }
    json_decref(body);
    return rc;
}
