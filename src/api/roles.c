/* /api/v1/roles: the permission table as data; the security administrator edits it within the
 * duty classes of 三员分立 the table itself declares (migration 022): no edit moves a permission
 * into a class that does not own it, nor takes from an administrator the core duty of his class. */
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
#define MAX_SHARES 8

static const char *text_of(const json_t *o, const char *key) { return json_string_value(json_object_get(o, key)); }

/* The element of array whose key is value, or NULL. */
static json_t *find_by(const json_t *array, const char *key, const char *value)
{
    size_t i;
    json_t *v;
    json_array_foreach(array, i, v)
        if (text_of(v, key) && strcmp(text_of(v, key), value) == 0) return v;
    return NULL;
}

static bool may_hold(const json_t *role, const json_t *perm)
{
    const char *shared[MAX_SHARES + 1] = {0};
    size_t i, n = 0;
    json_t *v;
    json_array_foreach(json_object_get(perm, "shared_with"), i, v)
        if (n < MAX_SHARES && json_is_string(v)) shared[n++] = json_string_value(v);
    return authz_duty_may_hold(text_of(role, "duty"), text_of(perm, "owner"), shared);
}

static int refuse_grant(HttpRequest *req, const json_t *role, const json_t *perm)
{
    char msg[512];
    snprintf(msg, sizeof msg, "三员分立：权限 %s（%s）属于%s，不能授予%s", text_of(perm, "name"),
             text_of(perm, "description"), duty_label(text_of(perm, "owner")), text_of(role, "name"));
    return http_reply_error(req, 403, "separation_of_duties", "permissions", msg);
}

static int refuse_removal(HttpRequest *req, const json_t *perm)
{
    char msg[512];
    snprintf(msg, sizeof msg, "三员分立：权限 %s（%s）是%s的基本职责，不能移除", text_of(perm, "name"),
             text_of(perm, "description"), duty_label(text_of(perm, "owner")));
    return http_reply_error(req, 403, "separation_of_duties", "permissions", msg);
}

/* Checks the new permission set of role against the table; replies itself and returns ≥ 0 when
 * it refuses, -1 when every name is known and may be held. */
static int check_perms(HttpRequest *req, const json_t *table, const json_t *role, const json_t *list,
                       const char **perms, size_t *n)
{
    size_t i;
    json_t *v;
    *n = 0;
    if (!json_is_array(list) || json_array_size(list) > MAX_PERMS)
        return http_reply_error(req, 400, "invalid_field", "permissions", "permissions 应为权限名称数组");
    json_array_foreach(list, i, v) {
        if (!json_is_string(v)) return http_reply_error(req, 400, "invalid_field", "permissions", "权限名称应为字符串");
        const json_t *perm = find_by(json_object_get(table, "permissions"), "name", json_string_value(v));
        if (!perm) {
            ZfError err;
            zf_fail(&err, 400, "unknown_permission", "permissions", "未知的权限：%s", json_string_value(v));
            return http_reply_zferror(req, &err);
        }
        if (!may_hold(role, perm)) return refuse_grant(req, role, perm);
        perms[(*n)++] = json_string_value(v);
    }
    /* an administrator keeps the duty that makes his class: without it nobody could do it */
    json_array_foreach(json_object_get(table, "permissions"), i, v) {
        if (!json_is_true(json_object_get(v, "core")) || strcmp(text_of(v, "owner"), text_of(role, "duty")) != 0) continue;
        bool kept = false;
        for (size_t k = 0; k < *n; k++) kept |= strcmp(perms[k], text_of(v, "name")) == 0;
        if (!kept) return refuse_removal(req, v);
    }
    return -1;
}

int api_roles_update(HttpRequest *req)
{
    const char *id = http_param(req, "id");
    json_t *table;
    ZfError err;
    if (store_roles_list(req->store, &table, &err) != ZF_OK) return http_reply_zferror(req, &err);
    const json_t *role = id ? find_by(json_object_get(table, "items"), "id", id) : NULL;
    if (!role) return json_decref(table), http_reply_error(req, 404, "not_found", NULL, "角色不存在");
    json_t *body = http_body_json(req);
    if (!body) return json_decref(table), 0;
    const char *perms[MAX_PERMS];
    size_t n;
    int rc = check_perms(req, table, role, json_object_get(body, "permissions"), perms, &n);
    if (rc < 0)
        rc = store_role_set_perms(req->store, id, perms, n, &err) == ZF_OK ? api_roles_list(req) : http_reply_zferror(req, &err);
    json_decref(body);
    json_decref(table);
    return rc;
}
