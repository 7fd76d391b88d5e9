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

/* The record written (autocommit or inside the caller's transaction); rec unchanged. */
static int put_record(HttpRequest *req, json_t *rec, ZfError *err)
{
    StoredRecord sr;
    if (exchange_validate(rec, &sr.keys, err) != ZF_OK) return ZF_ERR;
    char *text = json_dumps(rec, JSON_COMPACT);
    if (!text) return zf_fail(err, 500, "internal", NULL, "无法保存记录");
    sr.body = text, sr.body_len = strlen(text);
    int rc = store_put_record(req->store, &sr, NULL, err);
    free(text);
    return rc;
}

static int reply_saved(HttpRequest *req, json_t *rec, bool created)
{
    store_mark_dirty(req->store, NULL); /* the sweeper re-checks every rule the element touches */
    return http_reply_json(req, created ? 201 : 200, rec);
}

int element_save(HttpRequest *req, json_t *rec, bool created)
{
    ZfError err;
    if (put_record(req, rec, &err) != ZF_OK) {
        json_decref(rec);
        return http_reply_zferror(req, &err);
    }
    return reply_saved(req, rec, created);
}

static const char *key_name_of(int type)
{
    return type == REC_AGENCY ? "code" : type == REC_OFFICER ? "cert_no" : type == REC_POWER ? "code" : "power";
}

/* Inside the write's transaction: may the record be written where it would go and over what is
 * stored? 0 = yes (*created set), else the reply's status, err filled. */
static int put_refusal(HttpRequest *req, json_t *rec, ElementInScope in_scope, bool *created, ZfError *err)
{
    StoredRecord sr = {.body = NULL, .body_len = 0};
    const char *agency, *prefix;
    StoredStanding standing = STORED_OUT_OF_SCOPE;
    exchange_validate(rec, &sr.keys, err);
    bool benchmark = sr.keys.type == REC_BENCHMARK; /* stands where its power does */
    if (!in_scope(req, rec)) return 404;
    if (api_scope_filter(req, &agency, &prefix) &&
        store_record_standing(req->store, &sr, agency, prefix, &standing, err) != ZF_OK)
        return err->status ? err->status : 500;
    if (benchmark && standing != STORED_IN_SCOPE)
        return zf_fail(err, 404, "not_found", NULL, "权责事项不存在"), 404;
    if (standing == STORED_OUT_OF_SCOPE) {
        zf_fail(err, 409, "key_in_use", NULL, "该编号已被登记，不能在此新建；如需修改，请联系其所属机关或上级监督部门");
        return 409;
    }
    json_t *old = benchmark ? element_load(req, REC_BENCHMARK, sr.keys.key) : NULL;
    *created = benchmark ? old == NULL : standing == STORED_NONE;
    json_decref(old);
    return 0;
}

int element_put(HttpRequest *req, json_t *rec, ElementInScope in_scope, const char *out_field, const char *out_msg)
{
    ZfError err = {0};
    bool created = false;
    if (element_check(req, rec) != ZF_OK) return 0;
    int type = record_type_from_name(json_string_value(json_object_get(rec, "type")));
    if ((type == REC_POWER || type == REC_BENCHMARK) && req->scope.kind != SCOPE_REGION) { /* as the upload refuses them (intake_common.c) */
        json_decref(rec);
        return http_reply_error(req, 403, "reference_data", NULL, "权责清单和裁量基准由监督部门维护，本账号不能修改");
    }
    /* the check and the write in one transaction: nothing can move the record in between */
    if (store_begin(req->store, &err) != ZF_OK) {
        json_decref(rec);
        return http_reply_zferror(req, &err);
    }
    int refused = put_refusal(req, rec, in_scope, &created, &err);
    if (!refused && put_record(req, rec, &err) != ZF_OK) refused = err.status ? err.status : 500;
    if (!refused && store_commit(req->store, &err) != ZF_OK) refused = err.status ? err.status : 500;
    if (refused) {
        store_rollback(req->store);
        if (refused == 409) /* after the rollback, or the audit line would go with it */
            auth_audit(req, "element_put", json_string_value(json_object_get(rec, key_name_of(type))), "refused",
                       "key_held_elsewhere");
        json_decref(rec);
        if (refused == 404 && !err.code[0]) return http_reply_error(req, 404, "not_found", out_field, out_msg);
        return http_reply_zferror(req, &err);
    }
    return reply_saved(req, rec, created);
}
