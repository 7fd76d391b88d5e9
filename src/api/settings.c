/* /api/v1/settings: the system parameters (报送截止日, 文号格式 …) and their editing, each new
 * value checked against the bounds its row declares (domain/setting_check.c). */
#include <string.h>

#include "api/api.h"
#include "store/settings.h"

int api_settings_list(HttpRequest *req)
{
    json_t *items;
    ZfError err;
    if (store_settings_list(req->store, &items, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)json_array_size(items)));
}

int api_settings_put(HttpRequest *req)
{
    const char *name = http_param(req, "name");
    json_t *body = http_body_json(req);
    if (!body) return 0;
    json_t *v = json_object_get(body, "value");
    /* integers may come as JSON numbers from a form; stored as text like every setting */
    char number[32];
    const char *value = json_string_value(v);
    if (json_is_integer(v)) snprintf(number, sizeof number, "%lld", (long long)json_integer_value(v)), value = number;
    SettingSpec spec;
    char kind[32];
    ZfError err;
    int rc = store_setting_spec(req->store, name, &spec, kind, sizeof kind, &err);
    if (rc == ZF_OK && v && !json_is_string(v) && !json_is_integer(v))
        rc = zf_fail(&err, 400, "invalid_value", "value", "参数值应为文本或整数");
    if (rc == ZF_OK) rc = setting_check(&spec, value, &err);
    if (rc == ZF_OK) rc = store_setting_put(req->store, name, value, req->user, &err);
    json_decref(body);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    return api_settings_list(req);
}
