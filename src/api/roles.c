/* /api/v1/roles: the permission table as data; the security administrator edits it within the
 * 三员分立 invariants of domain/authz.c. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"

int api_roles_list(HttpRequest *req)
{
    json_t *out;
    ZfError err;
    if (store_roles_list(req->store, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

#define MAX_PERMS 64

/* Reserved permissions stay with their owner: removing them would lock the owner out. */
static bool keeps_reserved(const char *role, const char *const *perms, size_t n)
{
    static const char *const owned[][2] = {{"auditor", "audit.read"}, {"sysadmin", "users.write"}, {"secadmin", "roles.write"}};
    for (size_t i = 0; i < sizeof owned / sizeof *owned; i++) {
        if (strcmp(role, owned[i][0]) != 0) continue;
        bool found = false;
        for (size_t k = 0; k < n; k++) found |= strcmp(perms[k], owned[i][1]) == 0;
        if (!found) return false;
    }
    return true;
}

int api_roles_update(HttpRequest *req)
{
    const char *role = http_param(req, "id");
    if (!role || !role_is_known(role)) return http_reply_error(req, 404, "not_found", NULL, "角色不存在");
    json_t *body = http_body_json(req);
    if (!body) return 0;
    json_t *list = json_object_get(body, "permissions");
    const char *perms[MAX_PERMS];
    size_t n = 0, i;
    json_t *v;
    int rc = -1;
    ZfError err;
    if (!json_is_array(list) || json_array_size(list) > MAX_PERMS)
        rc = http_reply_error(req, 400, "invalid_field", "permissions", "permissions 应为权限名称数组");
    json_array_foreach(list, i, v) {
        if (rc >= 0) break;
        if (!json_is_string(v)) rc = http_reply_error(req, 400, "invalid_field", "permissions", "权限名称应为字符串");
        else if (!authz_may_grant(role, json_string_value(v))) {
            char msg[256];
            snprintf(msg, sizeof msg, "三员分立：权限 %s 不能授予此角色", json_string_value(v));
            rc = http_reply_error(req, 403, "separation_of_duties", "permissions", msg);
        }
        else perms[n++] = json_string_value(v);
    }
    if (rc < 0 && !keeps_reserved(role, perms, n))
        rc = http_reply_error(req, 403, "separation_of_duties", "permissions", "三员分立：不能移除管理员自身的职责权限");
    if (rc < 0)
        rc = store_role_set_perms(req->store, role, perms, n, &err) == ZF_OK ? api_roles_list(req) : http_reply_zferror(req, &err);
    json_decref(body);
    return rc;
}
