/* API tokens (app/tokens.h). The secret exists in memory only between its making and the reply or
 * the terminal that shows it; the store sees its SHA-256. */
#include "app/tokens.h"

#include <stdio.h>
#include <string.h>

#include "domain/codes.h"
#include "store/tokens.h"
#include "util/log.h"

static void audit(const AppContext *cx, const char *action, const char *target, const char *detail)
{
    AuditEntry e = {cx->user ? cx->user->username : "cli", cx->user ? cx->user->role : NULL, "", action, target,
                    "ok", detail};
    if (store_audit_append(cx->store, &e) != ZF_OK) log_error("audit_failed", "%s %s", action, target);
}

static int name_check(const char *name, ZfError *err)
{
    size_t n = name ? strlen(name) : 0;
    if (n < 2 || n > TOKEN_NAME_MAX)
        return zf_fail(err, 400, "invalid_name", "name", "令牌名称应为 2–%d 个字符", TOKEN_NAME_MAX);
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != '_' && c != '.' && c != '-')
            return zf_fail(err, 400, "invalid_name", "name", "令牌名称只能由字母、数字、“_”、“.”和“-”组成");
    }
    return ZF_OK;
}

static int region_check(const AppContext *cx, const char *region, ZfError *err)
{
    if (!region || !region_code_format_valid(region))
        return zf_fail(err, 400, "invalid_region", "region", "区域应为 6 位行政区划代码");
    if (cx->regions && !regions_name(cx->regions, region))
        return zf_fail(err, 400, "unknown_region", "region", "行政区划代码 %s 不存在", region);
    return ZF_OK;
}

static json_t *with_region_name(const AppContext *cx, json_t *row)
{
    const char *code = json_string_value(json_object_get(row, "region"));
    const char *name = cx->regions && code ? regions_name(cx->regions, code) : NULL;
    json_object_set_new(row, "region_name", name ? json_string(name) : json_null());
    return row;
}

/* The row of token id as the list shows it. */
static int token_row(const AppContext *cx, long long id, json_t **row, ZfError *err)
{
    json_t *items;
    if (store_tokens_list(cx->store, &items, err) != ZF_OK) return ZF_ERR;
    size_t i;
    json_t *it;
    *row = NULL;
    json_array_foreach(items, i, it)
        if (json_integer_value(json_object_get(it, "id")) == id) *row = with_region_name(cx, json_incref(it));
    json_decref(items);
    return *row ? ZF_OK : zf_fail(err, 404, "token_not_found", NULL, "接口令牌不存在");
}

int app_token_create(const AppContext *cx, const char *name, const char *region, char token[TOKEN_HEX_LEN + 1],
                     json_t **row, ZfError *err)
{
    char hash[65];
    long long id;
    if (name_check(name, err) != ZF_OK || region_check(cx, region, err) != ZF_OK) return ZF_ERR;
    if (random_token(token) != 0) return zf_fail(err, 500, "random_failed", NULL, "无法生成随机令牌");
    sha256_hex(token, hash);
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    if (store_token_create(cx->store, name, region, hash, cx->user ? cx->user->username : "cli", &id, err) != ZF_OK) {
        store_rollback(cx->store);
        memset(token, 0, TOKEN_HEX_LEN + 1);
        return ZF_ERR;
    }
    audit(cx, "token_add", name, region);
    if (store_commit(cx->store, err) != ZF_OK) {
        store_rollback(cx->store);
        memset(token, 0, TOKEN_HEX_LEN + 1);
        return ZF_ERR;
    }
    return row ? token_row(cx, id, row, err) : ZF_OK;
}

int app_tokens_list(const AppContext *cx, json_t **out, ZfError *err)
{
    json_t *items;
    size_t i;
    json_t *it;
    if (store_tokens_list(cx->store, &items, err) != ZF_OK) return ZF_ERR;
    json_array_foreach(items, i, it) with_region_name(cx, it);
    *out = json_pack("{s:o}", "items", items);
    return ZF_OK;
}

int app_token_revoke(const AppContext *cx, const char *name, long long id, json_t **row, ZfError *err)
{
    ApiToken t;
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    if (store_token_find(cx->store, name, id, &t, err) != ZF_OK || store_token_revoke(cx->store, t.id, err) != ZF_OK) {
        store_rollback(cx->store);
        return ZF_ERR;
    }
    if (!t.revoked) audit(cx, "token_revoke", t.name, t.region);
    if (store_commit(cx->store, err) != ZF_OK) {
        store_rollback(cx->store);
        return ZF_ERR;
    }
    return row ? token_row(cx, t.id, row, err) : ZF_OK;
}
