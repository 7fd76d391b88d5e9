/* Session and permission checks, done once in the dispatcher so no handler can forget them. */
#include "http/auth.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "http/audit_queue.h"
#include "http/server.h"
#include "http/session_cache.h"
#include "util/log.h"

static void client_ip(HttpRequest *req)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(req->ip, sizeof req->ip, "?");
    if (!ci || !ci->client_addr) return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, req->ip, sizeof req->ip);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, req->ip, sizeof req->ip);
}

void auth_client_addr(const HttpRequest *req, char *out, size_t size)
{
    snprintf(out, size, "%s", req->ip);
    if (strcmp(req->ip, "127.0.0.1") != 0 && strcmp(req->ip, "::1") != 0) return;
    const char *xff = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "X-Forwarded-For");
    if (!xff) return;
    const char *last = strrchr(xff, ',');
    last = last ? last + 1 : xff;
    while (*last == ' ') last++;
    size_t n = strcspn(last, " ");
    /* an address is hex digits, dots and colons: anything else is not one and is not counted apart */
    if (n == 0 || n >= size || n >= 46 || strspn(last, "0123456789abcdefABCDEF.:") < n) return;
    snprintf(out, size, "%.*s", (int)n, last);
}

static bool session_expired(const HttpRequest *req, const AuthUser *u, long long now)
{
    return now - u->session_seen > (long long)req->server->session_idle_s ||
           now - u->session_created > (long long)req->server->session_max_s;
}

static void set_scope(HttpRequest *req)
{
    const AuthUser *u = req->auth;
    scope_for_user(&req->scope, u->role, u->agency, u->region, u->agency_region);
}

/* The session's user, when it is live: the cached copy first; one that looks expired or disabled
 * is asked of the database again (another process may have used it since it was cached), and a
 * row that is over is deleted, so it is refused again on every request. */
static bool live_session(HttpRequest *req, AuthUser *u, long long now)
{
    ZfError err;
    if (session_cache_lookup(req->store, req->session_hash, u, &err) != ZF_OK) return false;
    if (!u->disabled && !session_expired(req, u, now)) return true;
    session_cache_forget(req->session_hash);
    if (store_session_lookup(req->store, req->session_hash, u, &err) != ZF_OK) return false;
    if (!u->disabled && !session_expired(req, u, now)) return true;
    if (store_session_delete(req->store, req->session_hash, &err) != ZF_OK)
        log_error("session_delete_failed", "%s", err.message);
    return false;
}

void auth_resolve(HttpRequest *req)
{
    session_cache_request_start();
    client_ip(req);
    const char *token = MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, SESSION_COOKIE);
    if (!token || strlen(token) != TOKEN_HEX_LEN) return;
    AuthUser *u = calloc(1, sizeof *u);
    ZfError err;
    long long now = time(NULL);
    sha256_hex(token, req->session_hash);
    if (!u || !live_session(req, u, now)) {
        free(u);
        req->session_hash[0] = '\0';
        return;
    }
    /* a touch that fails only makes the session end sooner */
    if (now - u->session_seen >= 30) {
        if (store_session_touch(req->store, req->session_hash, now, &err) != ZF_OK)
            log_error("session_touch_failed", "%s", err.message);
        else session_cache_touched(req->session_hash, now);
    }
    req->auth = u;
    req->user = u->username;
    set_scope(req);
}

static bool is_mutating(const char *method)
{
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 && strcmp(method, "OPTIONS") != 0;
}

static bool csrf_ok(HttpRequest *req)
{
    const char *sent = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "X-CSRF-Token");
    return sent && secret_equal(sent, req->auth->csrf);
}

static int deny(HttpRequest *req, int status, const char *code, const char *message)
{
    if (req->auth) auth_audit(req, req->method, req->path, "denied", code);
    http_reply_error(req, status, code, NULL, message);
    return ZF_ERR;
}

/* A refused bearer token: 401 and an audit line naming the token when it is known (revoked). */
static int deny_token(HttpRequest *req, const char *code, const char *name, const char *message)
{
    char who[72];
    snprintf(who, sizeof who, "token:%s", name ? name : "?");
    AuditEntry e = {who, "api_token", req->ip, req->method, req->path, "denied", code};
    if (store_audit_append(req->store, &e) != ZF_OK) log_error("audit_failed", "%s %s", req->method, req->path);
    http_reply_error(req, 401, code, NULL, message);
    return ZF_ERR;
}

/* A "token" route: the caller is the token in `Authorization: Bearer`, whatever session the
 * request also carries (dropped here, so nothing downstream mistakes it for the caller). */
static int authorize_token(HttpRequest *req)
{
    const char *h = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    const char *tok = h && strncasecmp(h, "Bearer ", 7) == 0 ? h + 7 : NULL;
    char hash[65];
    ZfError err;
    free(req->auth);
    req->auth = NULL;
    req->user = NULL;
    memset(&req->scope, 0, sizeof req->scope);
    if (!tok || strlen(tok) != TOKEN_HEX_LEN)
        return deny_token(req, "token_required", NULL, "缺少或格式错误的接口令牌（Authorization: Bearer 令牌）");
    sha256_hex(tok, hash);
    if (store_token_by_hash(req->store, hash, &req->token, &err) != ZF_OK) {
        if (err.status >= 500) return http_reply_zferror(req, &err), ZF_ERR;
        return deny_token(req, "invalid_token", NULL, "接口令牌无效");
    }
    if (req->token.revoked) {
        char name[sizeof req->token.name];
        memcpy(name, req->token.name, sizeof name);
        memset(&req->token, 0, sizeof req->token);
        return deny_token(req, "token_revoked", name, "接口令牌已被吊销");
    }
    snprintf(req->token_user, sizeof req->token_user, "token:%s", req->token.name);
    req->user = req->token_user;
    /* a use that is not marked is still in the audit log */
    if (store_token_touch(req->store, req->token.id, &err) != ZF_OK) log_error("token_touch_failed", "%s", err.message);
    return ZF_OK;
}

/* A "node" route (multi-level sync): no session counts; the handler authenticates the node. */
static int drop_session(HttpRequest *req)
{
    free(req->auth);
    req->auth = NULL;
    req->user = NULL;
    memset(&req->scope, 0, sizeof req->scope);
    return ZF_OK;
}

int auth_authorize(HttpRequest *req, const Route *route)
{
    if (strcmp(route->perm, "public") == 0) return ZF_OK;
    if (strcmp(route->perm, "token") == 0) return authorize_token(req);
    if (strcmp(route->perm, "node") == 0) return drop_session(req); /* the handler checks the node's token and signature */
    if (!req->auth) return deny(req, 401, "not_logged_in", "未登录或会话已失效，请重新登录");
    if (is_mutating(req->method) && !csrf_ok(req))
        return deny(req, 403, "csrf_failed", "缺少或错误的 CSRF 令牌，请刷新页面后重试");
    if (strcmp(route->perm, "authenticated") == 0) return ZF_OK;
    if (req->auth->must_change_password)
        return deny(req, 403, "password_change_required", "首次登录或密码已被重置，请先修改密码");
    if (!session_cache_role_has_perm(req->store, req->auth->role, route->perm))
        return deny(req, 403, "forbidden", "当前角色无权使用该功能");
    return ZF_OK;
}

void auth_audit(HttpRequest *req, const char *action, const char *target, const char *result, const char *detail)
{
    if (req->capture) return; /* a list read for an export: the export writes the one entry */
    const char *who = req->auth ? req->auth->username : req->token.id ? req->token_user : NULL;
    const char *role = req->auth ? req->auth->role : req->token.id ? "api_token" : NULL;
    AuditEntry e = {who, role, req->ip, action, target, result, detail};
    if (audit_queue_append(req->store, &e) != ZF_OK) log_error("audit_failed", "%s %s", action, target ? target : "");
}

void auth_audit_write(HttpRequest *req)
{
    char status[8];
    if (req->token.id && req->status) { /* every use of a token, reads too */
        snprintf(status, sizeof status, "%d", req->status);
        auth_audit(req, req->method, req->path, req->status < 400 ? "ok" : status, req->token.region);
        return;
    }
    if (!is_mutating(req->method) || req->status == 0 || !req->auth) return;
    if (req->status == 401 || req->status == 403) return; /* already audited as denied */
    snprintf(status, sizeof status, "%d", req->status);
    auth_audit(req, req->method, req->path, req->status < 400 ? "ok" : status, "");
}

/* zhifa speaks plain HTTP and is put behind a TLS proxy in production: when the proxy says the
 * browser came over https, the cookie is marked Secure (a header can only add that restriction). */
static bool over_tls(HttpRequest *req)
{
    const char *proto = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "X-Forwarded-Proto");
    return proto && strcasecmp(proto, "https") == 0;
}

void auth_set_cookie(HttpRequest *req, const char *token)
{
    const char *secure = over_tls(req) ? "; Secure" : "";
    if (token)
        snprintf(req->set_cookie, sizeof req->set_cookie,
                 SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%u%s", token,
                 req->server->session_max_s, secure);
    else
        snprintf(req->set_cookie, sizeof req->set_cookie,
                 SESSION_COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s", secure);
}
