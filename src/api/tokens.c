/* /api/v1/tokens: the system administrator's API tokens (tokens.write). The token itself is in
 * the reply of the POST only; lists never carry it or its hash. */
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "app/tokens.h"

int api_tokens_list(HttpRequest *req)
{
    AppContext cx = api_context(req);
    json_t *out;
    ZfError err;
    if (app_tokens_list(&cx, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_tokens_create(HttpRequest *req)
{
    AppContext cx = api_context(req);
    char token[TOKEN_HEX_LEN + 1];
    json_t *row, *body = http_body_json(req);
    ZfError err;
    if (!body) return 0;
    json_t *name = json_object_get(body, "name"), *region = json_object_get(body, "region");
    if (!json_is_string(name)) {
        json_decref(body);
        return http_reply_error(req, 400, "invalid_name", "name", "请填写令牌名称");
    }
    if (!json_is_string(region)) {
        json_decref(body);
        return http_reply_error(req, 400, "invalid_region", "region", "请选择令牌所属区域（6 位行政区划代码）");
    }
    int rc = app_token_create(&cx, json_string_value(name), json_string_value(region), token, &row, &err);
    json_decref(body);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    json_object_set_new(row, "token", json_string(token));
    memset(token, 0, sizeof token);
    return http_reply_json(req, 201, row);
}

int api_tokens_revoke(HttpRequest *req)
{
    AppContext cx = api_context(req);
    long long id;
    json_t *row;
    ZfError err;
    if (param_path_id(req, "id", "接口令牌不存在", &id) != ZF_OK) return 0;
    if (app_token_revoke(&cx, NULL, id, &row, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, row);
}
