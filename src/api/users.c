/* /api/v1/users: the system administrator manages business users (三员分立: never the
 * administrators themselves, who exist only through `zhifa user add`). */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "http/auth.h"
#include "http/server.h"
#include "store/approval.h"
#include "store/findings.h"

#define INITIAL_PASSWORD_LEN 12

static bool role_uses_region(const char *role) { return role_may_use_region(role); }

static bool agency_exists(Store *st, const char *code)
{
    char *body;
    ZfError err;
    if (store_record_get(st, REC_AGENCY, code, &body, &err) != ZF_OK) return false;
    free(body);
    return true;
}

/* Checks role, agency and region of a user being created or changed; replies 400/403. */
static int check_assignment(HttpRequest *req, const char *role, const char *agency, const char *region)
{
    if (!role || !role_is_known(role))
        return http_reply_error(req, 400, "invalid_field", "role", "角色不存在"), ZF_ERR;
    if (!authz_may_manage_role(req->auth->role, role))
        return http_reply_error(req, 403, "forbidden", "role", "系统管理员只能管理业务用户，不能创建或授予管理员角色"), ZF_ERR;
    if (agency && *agency && !agency_exists(req->store, agency))
        return http_reply_error(req, 400, "invalid_field", "agency", "执法主体不存在"), ZF_ERR;
    if (region && *region && (strlen(region) != 6 || strspn(region, "0123456789") != 6 ||
                              (req->server->regions && !regions_name(req->server->regions, region))))
        return http_reply_error(req, 400, "invalid_field", "region", "行政区划代码无效"), ZF_ERR;
    if (!role_uses_region(role) && (!agency || !*agency))
        return http_reply_error(req, 400, "invalid_field", "agency", "该角色必须属于一个执法主体"), ZF_ERR;
    if (role_uses_region(role) && (!region || !*region) && (!agency || !*agency))
        return http_reply_error(req, 400, "invalid_field", "region", "监督人员、领导、特邀监督员和派驻律师须指定行政区划或所属机构"), ZF_ERR;
    return ZF_OK;
}

/* The approver level of an agency head (审批分级, settings `approval_policy`): absent = unchanged
 * (*level < 0), null = unset (0), else one of the policy's levels and only for agency_head. An
 * agency head changed to another role loses his level. Replies 400 itself. */
static int check_approval_level(HttpRequest *req, const json_t *body, const char *role, int *level)
{
    json_t *v = json_object_get(body, "approval_level");
    ApprovalPolicy p;
    ZfError err;
    bool head = strcmp(role, "agency_head") == 0;
    *level = !v && !head ? 0 : -1;
    if (!v) return ZF_OK;
    if (json_is_null(v)) return *level = 0, ZF_OK;
    if (!head)
        return http_reply_error(req, 400, "invalid_field", "approval_level", "只有机关负责人可以设置审批层级"), ZF_ERR;
    if (store_approval_policy(req->store, &p, &err) != ZF_OK) return http_reply_zferror(req, &err), ZF_ERR;
    if (!json_is_integer(v) || json_integer_value(v) > 9 || !approval_level_code(&p, (int)json_integer_value(v))) {
        char allowed[160] = "";
        for (size_t i = 0; i < p.level_count; i++) {
            size_t n = strlen(allowed);
            snprintf(allowed + n, sizeof allowed - n, "%s%d %s", i ? "、" : "", p.levels[i].level, p.levels[i].name);
        }
        zf_fail(&err, 400, "invalid_field", "approval_level", "审批层级应为 %s", allowed);
        return http_reply_zferror(req, &err), ZF_ERR;
    }
    *level = (int)json_integer_value(v);
    return ZF_OK;
}

/* The level after a create or update; *level < 0 keeps it. */
static int store_level(HttpRequest *req, const char *username, int level, ZfError *err)
{
    return level < 0 ? ZF_OK : store_user_set_approval_level(req->store, username, level, err);
}

int api_users_list(HttpRequest *req)
{
    const char *q;
    int page, size;
    json_t *out, *levels = json_array();
    ApprovalPolicy p;
    ZfError err;
    if (param_text(req, "q", 64, &q) != ZF_OK || param_page(req, &page, &size) != ZF_OK) return json_decref(levels), 0;
    if (store_approval_policy(req->store, &p, &err) != ZF_OK || store_users_list(req->store, q, page, size, &out, &err) != ZF_OK)
        return json_decref(levels), http_reply_zferror(req, &err);
    /* the levels an agency head may hold, for the page's select */
    for (size_t i = 0; i < p.level_count; i++)
        json_array_append_new(levels, json_pack("{s:i, s:s, s:s}", "level", p.levels[i].level, "code", p.levels[i].code,
                                                "name", p.levels[i].name));
    json_object_set_new(out, "approval_levels", levels);
    return http_reply_json(req, 200, out);
}

static const char *opt_text(json_t *body, const char *name, size_t max, bool *bad)
{
    json_t *v = json_object_get(body, name);
    if (!v || json_is_null(v)) return NULL;
    if (!json_is_string(v) || json_string_length(v) > max) *bad = true;
    return json_string_value(v);
}

static int reply_with_password(HttpRequest *req, long long id, const char *password, int status)
{
    AuthUser u;
    ZfError err;
    if (store_user_by_id(req->store, id, &u, NULL, &err) != ZF_OK) return http_reply_zferror(req, &err);
    /* Shown once, to the administrator who hands it over; the user must change it at first login. */
    return http_reply_json(req, status, json_pack("{s:o, s:s}", "user", auth_user_json(&u), "initial_password", password));
}

int api_users_create(HttpRequest *req)
{
    json_t *body = http_body_json(req);
    if (!body) return 0;
    bool bad = false;
    const char *username = opt_text(body, "username", 64, &bad), *display = opt_text(body, "display_name", 64, &bad);
    const char *role = opt_text(body, "role", 23, &bad), *agency = opt_text(body, "agency", 18, &bad);
    const char *region = opt_text(body, "region", 6, &bad);
    char password[INITIAL_PASSWORD_LEN + 1], hash[PASSWORD_HASH_MAX];
    long long id;
    ZfError err;
    int rc = 0, level;
    if (bad) rc = http_reply_error(req, 400, "invalid_field", NULL, "字段类型错误或过长");
    else if (username_check(username, &err) != ZF_OK) rc = http_reply_zferror(req, &err);
    else if (check_assignment(req, role, agency, region) != ZF_OK || check_approval_level(req, body, role, &level) != ZF_OK)
        rc = 0;
    else if (random_password(password, INITIAL_PASSWORD_LEN) != 0 || password_hash(password, hash) != 0)
        rc = http_reply_error(req, 500, "internal", NULL, "无法生成初始密码");
    else {
        NewUser nu = {username, display, role, agency, region, hash, true};
        if (store_begin(req->store, &err) != ZF_OK) rc = http_reply_zferror(req, &err);
        else if (store_user_create(req->store, &nu, &id, &err) != ZF_OK || store_level(req, username, level, &err) != ZF_OK ||
                 store_commit(req->store, &err) != ZF_OK) {
            store_rollback(req->store);
            rc = http_reply_zferror(req, &err);
        } else
            rc = reply_with_password(req, id, password, 201);
    }
    json_decref(body);
    return rc;
}

/* The target user, who must be a business user the caller may manage; replies itself on error. */
static int load_target(HttpRequest *req, AuthUser *u)
{
    const char *id_s = http_param(req, "id");
    char *end;
    ZfError err;
    long long id = id_s ? strtoll(id_s, &end, 10) : 0;
    if (!id_s || *end || id <= 0) return http_reply_error(req, 400, "invalid_param", "id", "用户编号无效"), ZF_ERR;
    if (store_user_by_id(req->store, id, u, NULL, &err) != ZF_OK) return http_reply_zferror(req, &err), ZF_ERR;
    if (!authz_may_manage_role(req->auth->role, u->role))
        return http_reply_error(req, 403, "forbidden", NULL, "不能修改管理员账号"), ZF_ERR;
    return ZF_OK;
}

int api_users_update(HttpRequest *req)
{
    AuthUser u;
    if (load_target(req, &u) != ZF_OK) return 0;
    json_t *body = http_body_json(req);
    if (!body) return 0;
    bool bad = false;
    const char *display = opt_text(body, "display_name", 64, &bad), *role = opt_text(body, "role", 23, &bad);
    const char *agency = opt_text(body, "agency", 18, &bad), *region = opt_text(body, "region", 6, &bad);
    json_t *dis = json_object_get(body, "disabled");
    ZfError err;
    int rc = 0, level;
    if (bad || (dis && !json_is_boolean(dis))) rc = http_reply_error(req, 400, "invalid_field", NULL, "字段类型错误或过长");
    else if (check_assignment(req, role ? role : u.role, agency ? agency : u.agency, region ? region : u.region) != ZF_OK ||
             check_approval_level(req, body, role ? role : u.role, &level) != ZF_OK)
        rc = 0;
    else if (store_begin(req->store, &err) != ZF_OK) rc = http_reply_zferror(req, &err);
    else if (store_user_update(req->store, u.id, display, role, agency, region, dis ? json_is_true(dis) : -1, &err) != ZF_OK ||
             store_level(req, u.username, level, &err) != ZF_OK ||
             (dis && json_is_true(dis) && store_sessions_delete_user(req->store, u.id, &err) != ZF_OK) ||
             store_commit(req->store, &err) != ZF_OK) {
        store_rollback(req->store); /* a user disabled only if his sessions end with it */
        rc = http_reply_zferror(req, &err);
    } else {
        store_user_by_id(req->store, u.id, &u, NULL, &err);
        rc = http_reply_json(req, 200, json_pack("{s:o}", "user", auth_user_json(&u)));
    }
    json_decref(body);
    return rc;
}

int api_users_reset_password(HttpRequest *req)
{
    AuthUser u;
    char password[INITIAL_PASSWORD_LEN + 1], hash[PASSWORD_HASH_MAX];
    ZfError err;
    if (load_target(req, &u) != ZF_OK) return 0;
    if (random_password(password, INITIAL_PASSWORD_LEN) != 0 || password_hash(password, hash) != 0)
        return http_reply_error(req, 500, "internal", NULL, "无法生成初始密码");
    /* the new password and the end of the user's sessions commit together, or neither */
    if (store_begin(req->store, &err) != ZF_OK || store_user_set_password(req->store, u.id, hash, true, &err) != ZF_OK ||
        store_sessions_delete_user(req->store, u.id, &err) != ZF_OK || store_commit(req->store, &err) != ZF_OK) {
        store_rollback(req->store);
        return http_reply_error(req, err.status >= 500 ? err.status : 500, "internal", NULL, "重置密码失败，原密码和会话均未改变");
    }
    return reply_with_password(req, u.id, password, 200);
}
