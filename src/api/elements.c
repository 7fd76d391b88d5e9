/* Helpers every element handler shares: record lookup, data scope, and the write path that
 * validates through exchange_validate so a form and `zhifa import` refuse the same things. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/elements.h"
#include "store/elements.h"
#include "http/auth.h"
#include "store/findings.h"
#include "store/standing.h"

json_t *element_load(HttpRequest *req, RecordType type, const char *key)
{
    char *body;
    ZfError err;
    if (!key || store_record_get(req->store, type, key, &body, &err) != ZF_OK) return NULL;
    json_t *rec = json_loads(body, 0, NULL);
    free(body);
    return rec;
}

bool element_agency_visible(HttpRequest *req, const char *agency)
{
    char region[7];
    if (!agency) return false;
    store_agency_region(req->store, agency, region);
    return scope_allows(&req->scope, agency, region);
}

json_t *element_agency_name(HttpRequest *req, const char *agency)
{
    json_t *rec = element_load(req, REC_AGENCY, agency);
    json_t *name = rec ? json_incref(json_object_get(rec, "name")) : NULL;
    json_decref(rec);
    return name ? name : json_null();
}

bool element_power_visible(HttpRequest *req, json_t *power)
{
    const char *agency, *prefix;
    if (!api_scope_filter(req, &agency, &prefix)) return false;
    char *text = json_dumps(power, JSON_COMPACT);
    bool in = text && store_power_in_scope(req->store, text, agency, prefix);
    free(text);
    return in;
}

const char *element_key_param(HttpRequest *req, const char *key_name, const char *what)
{
    const char *key = http_param(req, key_name);
    if (key && *key && strlen(key) <= 128) return key;
    char msg[128];
    snprintf(msg, sizeof msg, "%s不存在", what);
    http_reply_error(req, 404, "not_found", key_name, msg);
    return NULL;
}

json_t *element_body(HttpRequest *req, RecordType type, const char *key_name, const char *key)
{
    json_t *body = http_body_json(req);
    if (!body) return NULL;
    const char *tname = record_type_name(type);
    json_t *t = json_object_get(body, "type");
    if (t && (!json_is_string(t) || strcmp(json_string_value(t), tname) != 0)) {
        char msg[128];
        snprintf(msg, sizeof msg, "字段 type 应为 %s", tname);
        json_decref(body);
        http_reply_error(req, 400, "invalid_field", "type", msg);
        return NULL;
    }
    json_t *k = json_object_get(body, key_name);
    if (k && (!json_is_string(k) || strcmp(json_string_value(k), key) != 0)) {
        char msg[256];
        snprintf(msg, sizeof msg, "字段 %s 与地址中的编号不一致（地址中为 %s）", key_name, key);
        json_decref(body);
        http_reply_error(req, 400, "key_mismatch", key_name, msg);
        return NULL;
    }
    /* type first and key second, as import files have them, so export reads naturally */
    json_t *rec = json_pack("{s:s, s:s}", "type", tname, key_name, key);
    const char *name;
    json_t *v;
    json_object_foreach(body, name, v)
        if (strcmp(name, "type") != 0 && strcmp(name, key_name) != 0 && strcmp(name, "agency_name") != 0)
            json_object_set(rec, name, v);
    json_decref(body);
    return rec;
}

int element_check(HttpRequest *req, json_t *rec)
{
    RecordKeys keys;
    ZfError err;
    if (exchange_validate(rec, &keys, &err) == ZF_OK) return ZF_OK;
    json_decref(rec);
    http_reply_zferror(req, &err);
    return ZF_ERR;
}

int element_save(HttpRequest *req, json_t *rec, bool created)
{
    StoredRecord sr;
    ZfError err;
    if (exchange_validate(rec, &sr.keys, &err) != ZF_OK) {
        json_decref(rec);
        return http_reply_zferror(req, &err);
    }
    char *text = json_dumps(rec, JSON_COMPACT);
    if (!text) {
        json_decref(rec);
        return http_reply_error(req, 500, "internal", NULL, "无法保存记录");
    }
    sr.body = text, sr.body_len = strlen(text);
    int rc = store_put_record(req->store, &sr, NULL, &err);
    free(text);
    if (rc != ZF_OK) {
        json_decref(rec);
        return http_reply_zferror(req, &err);
    }
    store_mark_dirty(req->store, NULL); /* the sweeper re-checks every rule the element touches */
    return http_reply_json(req, created ? 201 : 200, rec);
}

int element_put(HttpRequest *req, json_t *rec, ElementInScope in_scope, const char *out_field, const char *out_msg)
{
    StoredRecord sr;
    const char *agency, *prefix;
    StoredStanding standing = STORED_OUT_OF_SCOPE;
    ZfError err;
    if (element_check(req, rec) != ZF_OK) return 0;
    if (!in_scope(req, rec)) {
        json_decref(rec);
        return http_reply_error(req, 404, "not_found", out_field, out_msg);
    }
    exchange_validate(rec, &sr.keys, &err);
    sr.body = NULL, sr.body_len = 0;
    if (api_scope_filter(req, &agency, &prefix) &&
        store_record_standing(req->store, &sr, agency, prefix, &standing, &err) != ZF_OK) {
        json_decref(rec);
        return http_reply_zferror(req, &err);
    }
    if (standing == STORED_OUT_OF_SCOPE) {
        auth_audit(req, "element_put", sr.keys.key, "refused", "key_held_elsewhere");
        json_decref(rec);
        return http_reply_error(req, 409, "key_in_use", NULL, "该编号已被登记，不能在此新建；如需修改，请联系其所属机关或上级监督部门");
    }
    return element_save(req, rec, standing == STORED_NONE);
}
