/* /api/v1/settings: the system parameters (报送截止日, 文号格式 …) and their editing, each new
 * value checked against the bounds its row declares (domain/setting_check.c). */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "http/auth.h"
#include "store/settings.h"

#define SETTING_NAME_MAX 64

int api_settings_list(HttpRequest *req)
{
    json_t *items;
    ZfError err;
    if (store_settings_list(req->store, &items, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)json_array_size(items)));
}

/* The first bytes of s that fit in cap without splitting a UTF-8 character, "…" when cut. */
static void clip_utf8(char *out, size_t cap, const char *s)
{
    size_t n = strlen(s);
    if (n < cap) {
        memcpy(out, s, n + 1);
        return;
    }
    n = cap - 4; /* room for "…" (3 bytes) and the NUL */
    while (n && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    memcpy(out, s, n);
    memcpy(out + n, "…", 4);
}

/* The audit log keeps what changed, not only that it did (long values shortened). */
static void audit_change(HttpRequest *req, const char *name, const char *old, const char *value)
{
    char was[200], now[200], detail[420];
    clip_utf8(was, sizeof was, old);
    clip_utf8(now, sizeof now, value);
    snprintf(detail, sizeof detail, "%s → %s", was, now);
    auth_audit(req, "setting_change", name, "ok", detail);
}

int api_settings_put(HttpRequest *req)
{
    const char *name = http_param(req, "name");
    if (!name || !*name || strlen(name) > SETTING_NAME_MAX)
        return http_reply_error(req, 404, "not_found", "name", "没有这个系统参数");
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
    char old[SETTING_VALUE_MAX + 1] = "";
    if (rc == ZF_OK) {
        store_setting_text(req->store, name, "", old, sizeof old);
        rc = store_setting_put(req->store, name, value, req->user, &err);
    }
    if (rc == ZF_OK) audit_change(req, name, old, value);
    json_decref(body);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    return api_settings_list(req);
}
